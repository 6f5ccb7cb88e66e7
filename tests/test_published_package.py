"""What is committed is what the build makes: data/, datapackage.json, the README's generated parts, the articles."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from scripts.package import readme as write_readme
from scripts.paths import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_published_package_equals_a_fresh_build(built_root):
    published = sorted(p.name for p in (ROOT / "data").iterdir())
    assert published == sorted(p.name for p in (built_root / "data").iterdir())
    for name in published:
        assert digest(ROOT / "data" / name) == digest(built_root / "data" / name), f"data/{name} is stale: run make build"
    assert digest(ROOT / "datapackage.json") == digest(built_root / "datapackage.json")


def test_readme_generated_sections_are_current():
    assert write_readme.main(["--check"], ROOT) == 0, "README.md is stale: run make build"


@pytest.mark.skipif(not SEEDS.is_dir() and not os.environ.get("CI"),
                    reason="../shared/seeds is not beside this checkout (in CI its absence fails instead)")
def test_articles_are_byte_identical_to_the_seeds():
    assert SEEDS.is_dir(), f"{SEEDS} is missing: CI runs with ../shared beside the checkout; copy it there"
    seeds = {p.name: digest(p) for p in SEEDS.glob("*.txt")}
    shipped = {p.name: digest(p) for p in (ROOT / "articles").glob("*.txt")}
    assert shipped == seeds


def test_version_is_the_same_in_descriptor_readme_citation_and_changelog():
    version = json.loads((ROOT / "metadata" / "package.json").read_text(encoding="utf-8"))["version"]
    assert json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"] == version
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"- Version {version} ·" in readme and f"version {version} (" in readme
    assert f"\nversion: {version}\n" in (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").split("\n## ")[1].startswith(f"{version} ")
