"""The publish is locked and atomic: a build killed at any rename, or two builds at once, never leave a mixed,
partial or missing package; charts and README switch with the data; the exit status says what was published."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys

import pytest

from scripts.package import publish as publishing
from scripts.build import build
from scripts.paths import ROOT
from scripts.package.publish import KILL_AT_ENV, PUBLISHED, lock, recover
from scripts.package.validate import validate_package
from tests.conftest import copy_inputs

RENAMES = 1 + 2 * len(PUBLISHED)  # the journal's commit, then moving each old path out and each new one in


def digest(root):
    """Every published file's sha256, by path relative to root."""
    out = {}
    for item in PUBLISHED:
        path = root / item
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.exists() else []
        out.update({str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files})
    return out


def fake_package(folder, version):
    """A stand-in for a package: every PUBLISHED path, each file saying which version it belongs to."""
    (folder / "data").mkdir(parents=True)
    for name in ("a.csv", "b.parquet", "SHA256SUMS"):
        (folder / "data" / name).write_text(f"{version} {name}")
    (folder / "docs" / "charts").mkdir(parents=True)
    (folder / "docs" / "charts" / "timeline.png").write_text(f"{version} chart")
    (folder / "datapackage.json").write_text(f"{version} descriptor")
    (folder / "README.md").write_text(f"{version} readme")
    return folder


def leftovers(root):
    """Staging, backups and journals left behind (the lock file itself stays)."""
    found = [p.name for p in root.glob(".build-*") if p.name != ".build.lock"]
    if (root / ".publish").exists():
        found += [f".publish/{p.name}" for p in (root / ".publish").iterdir()]
    return sorted(found)


@pytest.mark.parametrize("kill_at", range(1, RENAMES + 2))
def test_sigkill_at_any_rename_leaves_the_old_or_the_new_package_whole(tmp_path, kill_at):
    root = fake_package(tmp_path / "repo", "old")
    old = digest(root)
    staging = fake_package(root / ".build-staging-1", "new")
    new = {path: digest(staging)[path] for path in digest(staging)}
    code = ("import sys; from pathlib import Path; from scripts.package.publish import publish; "
            f"publish(Path({str(staging)!r}), Path({str(root)!r}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, KILL_AT_ENV: str(kill_at)},
                            capture_output=True, text=True, timeout=120)
    if kill_at <= RENAMES:
        assert result.returncode == -signal.SIGKILL, result.stderr
    else:
        assert result.returncode == 0, result.stderr
    with lock(root):
        recover(root)
    assert digest(root) == (old if kill_at == 1 else new)
    assert leftovers(root) == []


def test_recovery_clears_the_staging_of_a_build_killed_before_publishing(tmp_path):
    root = fake_package(tmp_path / "repo", "old")
    fake_package(root / ".build-staging-424242", "half-written")
    (root / ".build-previous-77").mkdir()
    before = digest(root)
    assert "removed 2" in recover(root)
    assert digest(root) == before and leftovers(root) == []
    assert recover(root) is None


@pytest.fixture
def repository(tmp_path):
    """A scratch checkout (inputs, README, charts) with a published package."""
    root = copy_inputs(tmp_path / "repo")
    shutil.copy(ROOT / "README.md", root / "README.md")
    shutil.copytree(ROOT / "docs", root / "docs")
    build(root)
    return root


def change_an_input(root):
    """A curated edit that changes the published data (an organisation's note)."""
    organisations = root / "curated/organisations.csv"
    text = organisations.read_text(encoding="utf-8")
    assert text.count("for doctors in the UK.\n") == 1
    organisations.write_text(text.replace("for doctors in the UK.\n", "for doctors in the UK. Edited.\n"), encoding="utf-8")


def build_process(root, **env):
    code = f"import sys; from pathlib import Path; from scripts.build import main; sys.exit(main(Path({str(root)!r})))"
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_build_killed_mid_publish_is_completed_by_the_next_validate(repository):
    change_an_input(repository)
    killed = build_process(repository, **{KILL_AT_ENV: "4"})
    killed.communicate(timeout=600)
    assert killed.returncode == -signal.SIGKILL
    assert not (repository / "datapackage.json").exists() or not (repository / "data").exists() \
        or (repository / ".publish/journal.json").exists()
    validated = subprocess.run([sys.executable, "-m", "scripts.package.validate", str(repository)], cwd=ROOT,
                               capture_output=True, text=True, timeout=600)
    assert validated.returncode == 0, validated.stdout[-3000:] + validated.stderr[-3000:]
    assert "completed the publish of an interrupted build" in validated.stderr
    assert "Edited." in (repository / "data/organisations.csv").read_text(encoding="utf-8")
    assert leftovers(repository) == []


def test_two_builds_at_once_wait_for_each_other_and_publish_a_whole_package(repository):
    change_an_input(repository)
    with lock(repository):  # hold the lock so that both builds must wait for it
        first, second = build_process(repository), build_process(repository)
        assert "waiting for" in first.stderr.readline() and "waiting for" in second.stderr.readline()
        assert "Edited." not in (repository / "data/organisations.csv").read_text(encoding="utf-8")
    for process in (first, second):
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    assert validate_package(repository) == []
    assert "Edited." in (repository / "data/organisations.csv").read_text(encoding="utf-8")
    assert leftovers(repository) == []


def test_a_failing_chart_redraw_publishes_nothing_and_exits_1(repository, monkeypatch, capsys):
    from scripts import build as building
    before = digest(repository)
    change_an_input(repository)

    def broken(root):
        (root / "docs" / "charts").mkdir(parents=True, exist_ok=True)
        raise building.BuildFailed("charts", [])
    monkeypatch.setattr(building, "draw_charts", broken)
    assert building.main(repository) == 1
    assert digest(repository) == before and leftovers(repository) == []
    assert "Nothing was published" in capsys.readouterr().err


def test_charts_and_readme_are_published_with_the_data(repository):
    change_an_input(repository)
    (repository / "docs/charts/stale-measure.png").write_bytes(b"old")
    build(repository)
    assert not (repository / "docs/charts/stale-measure.png").exists()
    assert (repository / "docs/charts/timeline.png").read_bytes()[:4] == b"\x89PNG"
    assert (repository / "README.md").read_text(encoding="utf-8") == (ROOT / "README.md").read_text(encoding="utf-8")


def test_publish_counts_its_renames_as_the_tests_assume(tmp_path, monkeypatch):
    root = fake_package(tmp_path / "repo", "old")
    staging = fake_package(root / ".build-staging-1", "new")
    publishing.publish(staging, root)
    assert publishing._renames == RENAMES


def test_a_publish_that_stops_after_its_commit_exits_2_and_the_next_build_completes_it(repository, monkeypatch, capsys):
    from scripts import build as building
    change_an_input(repository)
    real = publishing._complete

    def disk_full(root, record):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(publishing, "_complete", disk_full)
    assert building.main(repository) == 2
    assert "PUBLISH INTERRUPTED" in capsys.readouterr().err and (repository / ".publish/journal.json").exists()
    monkeypatch.setattr(publishing, "_complete", real)
    assert building.main(repository) == 0
    assert "completed the publish of an interrupted build" in capsys.readouterr().err
    assert "Edited." in (repository / "data/organisations.csv").read_text(encoding="utf-8")
    assert validate_package(repository) == [] and leftovers(repository) == []


def test_the_lock_is_optional_only_where_its_file_cannot_be_created(tmp_path):
    unwritable = tmp_path / "no-such-folder"  # open() fails here even for root, like a read-only copy
    with lock(unwritable, optional=True):
        pass
    with pytest.raises(OSError):
        with lock(unwritable):
            pass


def test_staging_copies_an_article_whose_previous_copy_is_not_a_regular_file_without_waiting_on_it(tmp_path):
    inputs, previous, target = tmp_path / "in", tmp_path / "previous", tmp_path / "staging"
    for folder in (inputs, previous, target):
        folder.mkdir()
    data = b"Junior doctors walked out.\n"
    (inputs / "a.txt").write_bytes(data)
    (inputs / "b.txt").write_bytes(data)
    os.mkfifo(previous / "a.txt")  # opening it to read would wait for a writer
    (previous / "b.txt").write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()

    class Waited(Exception):  # not an OSError, which staging would take for an unusable copy
        pass

    def waited(signum, frame):
        raise Waited("staging waited on the FIFO")

    before = signal.signal(signal.SIGALRM, waited)
    signal.alarm(10)
    try:
        linked = publishing.stage_article_files([("a.txt", digest), ("b.txt", digest)], inputs, previous, target)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
    assert linked == 1
    assert (target / "a.txt").read_bytes() == data and (target / "a.txt").stat().st_ino != (previous / "a.txt").stat().st_ino
    assert (target / "b.txt").stat().st_ino == (previous / "b.txt").stat().st_ino
