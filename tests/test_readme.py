"""The README's code runs as written: every python and bash block, each alone in a fresh process."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from scripts.paths import ROOT

BLOCK = re.compile(r"^```([^\n`]*)\n(.*?)^```", re.S | re.M)
RUN = {"python": [sys.executable, "-"], "bash": ["bash", "-euo", "pipefail", "-s"]}
SHOWN = {"console", "text"}  # commands that rebuild, install, serve or run this suite; layouts and outputs


def blocks() -> list[tuple[str, str]]:
    return [(m.group(1).strip(), m.group(2)) for m in BLOCK.finditer((ROOT / "README.md").read_text(encoding="utf-8"))]


def test_every_readme_block_says_its_language_and_only_shown_ones_are_not_run():
    found = blocks()
    assert sum(lang in RUN for lang, _ in found) >= 4
    for lang, code in found:
        assert lang in RUN or lang in SHOWN, f"README block with language {lang!r}: use python, bash, console or text\n{code}"


def test_make_targets_in_shown_blocks_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for lang, code in blocks():
        for target in re.findall(r"(?:^|\$ |&& )make ([\w.-]+)", code, re.M):
            assert re.search(rf"^{re.escape(target)}:", makefile, re.M), f"make {target} in the README is no Makefile target"


@pytest.mark.parametrize("index", [i for i, (lang, _) in enumerate(blocks()) if lang in RUN])
def test_readme_block_runs_as_written_in_a_fresh_process(index):
    lang, code = blocks()[index]
    env = {k: v for k, v in os.environ.items() if k != "JUNIOR_DOCTORS_STRIKES_SOURCE"}
    run = subprocess.run(RUN[lang], input=code, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"README {lang} block failed:\n{code}\n--- output ---\n{run.stdout[-3000:]}{run.stderr[-3000:]}"
    assert run.stdout.strip(), f"README {lang} block printed nothing:\n{code}"
