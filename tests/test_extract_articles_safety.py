"""The extraction command is safe on a user's machine: it never writes over the package or the inputs, writes
atomically, keeps source ids unique, reports what it skips, never blocks on a FIFO, stops its workers, and
turns every problem into a message or a row of unreadable.csv."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts import extract_articles as command
from scripts.extract_articles import MARKER, Interrupted, Refused, main, run
from scripts.paths import DATA_DIR, ROOT

ARTICLE = ('Junior doctors will strike on Monday, the BMA said.\n'
           'Dr Vivek Trivedi said: "We have no choice but to walk out for 72 hours."\n'
           'More than 98% voted for action.\n')


def rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, text=ARTICLE):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_command(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "scripts.extract_articles", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def test_refuses_to_write_into_the_published_data_folder(tmp_path, capsys):
    write(tmp_path / "in/a.txt")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in DATA_DIR.iterdir()}
    assert main([str(tmp_path / "in"), "--out", str(DATA_DIR)]) == 2
    assert "published package's data/ folder" in capsys.readouterr().err
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in DATA_DIR.iterdir()} == before


def test_refuses_an_output_folder_that_holds_the_inputs(tmp_path):
    own = write(tmp_path / "in/quotes.csv", "my own notes\n")
    write(tmp_path / "in/a.txt")
    with pytest.raises(Refused, match="holds the input"):
        run([tmp_path / "in"], tmp_path / "in")
    with pytest.raises(Refused, match="holds the input"):
        run([tmp_path / "in/a.txt"], tmp_path / "in")
    assert own.read_text() == "my own notes\n"


def test_an_existing_file_or_unwritable_output_path_is_a_message_not_a_traceback(tmp_path):
    write(tmp_path / "in/a.txt")
    existing = write(tmp_path / "out.csv", "x")
    result = run_command(tmp_path / "in", "--out", existing)
    assert result.returncode == 2 and "is an existing file" in result.stderr and "Traceback" not in result.stderr
    result = run_command(tmp_path / "in", "--out", existing / "sub")
    assert result.returncode == 2 and "cannot write to" in result.stderr and "Traceback" not in result.stderr
    result = run_command(tmp_path / "in", "--out", "/proc/version/out")
    assert result.returncode == 2 and "cannot write to" in result.stderr and "Traceback" not in result.stderr


def test_same_file_name_in_two_folders_gives_two_source_ids(tmp_path):
    write(tmp_path / "in/2023/bbc/a.txt")
    write(tmp_path / "in/2024/bbc/a.txt", ARTICLE.replace("72", "48"))
    run([tmp_path / "in"], tmp_path / "out", dt.date(2023, 3, 11))
    assert sorted({q["source_id"] for q in rows(tmp_path / "out/quotes.csv")}) == ["2023/bbc/a", "2024/bbc/a"]


def test_same_relative_path_under_two_inputs_is_told_apart_by_the_common_folder(tmp_path):
    write(tmp_path / "x/a.txt")
    write(tmp_path / "y/a.txt")
    run([tmp_path / "x", tmp_path / "y"], tmp_path / "out")
    assert sorted({q["source_id"] for q in rows(tmp_path / "out/quotes.csv")}) == ["x/a", "y/a"]


def test_symbolic_links_and_special_files_are_reported_and_never_opened(tmp_path):
    write(tmp_path / "in/a.txt")
    write(tmp_path / "elsewhere/b.txt")
    (tmp_path / "in/link.txt").symlink_to(tmp_path / "elsewhere/b.txt")
    (tmp_path / "in/linked-folder").symlink_to(tmp_path / "elsewhere")
    os.mkfifo(tmp_path / "in/pipe.txt")  # opening it for reading would block with no writer
    result = run_command(tmp_path / "in", "--out", tmp_path / "out", timeout=120)
    assert result.returncode == 0, result.stderr
    reasons = {Path(r["path"]).name: r["reason"] for r in rows(tmp_path / "out/unreadable.csv")}
    assert "symbolic link" in reasons["link.txt"] and "symbolic link" in reasons["linked-folder"]
    assert "FIFO" in reasons["pipe.txt"]
    assert {q["source_id"] for q in rows(tmp_path / "out/quotes.csv")} == {"a"}


def test_a_fifo_named_on_the_command_line_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path / "a.txt")
    result = run_command(tmp_path / "pipe.txt", tmp_path / "a.txt", "--out", tmp_path / "out", timeout=120)
    assert result.returncode == 0 and "FIFO" in rows(tmp_path / "out/unreadable.csv")[0]["reason"]


def test_an_impossible_date_line_is_warned_about(tmp_path):
    write(tmp_path / "in/a.txt", " date 2023-02-30\n" + ARTICLE)
    result = run_command(tmp_path / "in", "--out", tmp_path / "out", "--published", "2023-03-11")
    assert result.returncode == 0 and "warnings" in result.stderr
    warning = rows(tmp_path / "out/warnings.csv")[0]
    assert warning["path"].endswith("a.txt") and "2023-02-30" in warning["warning"] and "not a calendar date" in warning["warning"]
    assert rows(tmp_path / "out/dates.csv")[0]["resolved_date"] == "2023-03-13"  # --published was used


def test_one_file_that_breaks_an_extractor_is_reported_and_the_rest_processed(tmp_path, monkeypatch):
    import scripts.extract.figures as figures
    real = figures.extract_figures

    def fragile(text, source_id, lexicon):
        if "9" * 400 in text:
            raise OverflowError("int too large to convert to float")
        return real(text, source_id, lexicon)
    monkeypatch.setattr(figures, "extract_figures", fragile)
    write(tmp_path / "in/a.txt")
    write(tmp_path / "in/b.txt", "9" * 400 + " doctors.\n")
    counts = run([tmp_path / "in"], tmp_path / "out")
    assert counts["articles"] == 1 and counts["unreadable"] == 1
    (bad,) = rows(tmp_path / "out/unreadable.csv")
    assert bad["path"].endswith("b.txt") and "OverflowError" in bad["reason"]
    assert json.loads((tmp_path / "out" / MARKER).read_text())["complete"] is True


def test_a_run_that_fails_half_way_leaves_the_previous_outputs_whole(tmp_path, monkeypatch):
    for i in range(40):
        write(tmp_path / f"in/a{i:02d}.txt")
    run([tmp_path / "in"], tmp_path / "out")
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()}
    real, calls = command._work, []

    def interrupted_on_second_chunk(task):
        calls.append(1)
        if len(calls) == 2:
            raise Interrupted(signal.SIGTERM)
        return real(task)
    monkeypatch.setattr(command, "_work", interrupted_on_second_chunk)
    for i in range(40):
        write(tmp_path / f"in/a{i:02d}.txt", ARTICLE.replace("72", "96"))
    with pytest.raises(Interrupted):
        run([tmp_path / "in"], tmp_path / "out")
    after = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()}
    assert after == before and MARKER in after
    assert not list((tmp_path / "out").glob(".extract-tmp-*"))


def test_two_workers_give_the_same_output_as_one_over_many_chunks(tmp_path):
    for i in range(3 * command.CHUNK + 5):
        write(tmp_path / f"in/a{i:03d}.txt", ARTICLE.replace("72", str(10 + i)))
    run([tmp_path / "in"], tmp_path / "one", dt.date(2023, 3, 11), jobs=1)
    run([tmp_path / "in"], tmp_path / "two", dt.date(2023, 3, 11), jobs=2)
    for name in ("quotes.csv", "figures.csv", "mentions.csv", "dates.csv", "unreadable.csv", MARKER):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def children(pid):
    """The pids of a process's child processes (Linux)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_workers_are_stopped_when_the_command_is_interrupted_or_killed(tmp_path, signum):
    for i in range(400):
        write(tmp_path / f"in/a{i:03d}.txt", ARTICLE * 20)
    process = subprocess.Popen([sys.executable, "-m", "scripts.extract_articles", str(tmp_path / "in"), "--out",
                                str(tmp_path / "out"), "--jobs", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120  # waits for a state, not a timing assertion
    workers = set()
    while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
        workers = children(process.pid)
        time.sleep(0.01)
    assert len(workers) == 2, "the workers never started"
    process.send_signal(signum)
    out, err = process.communicate(timeout=120)
    deadline = time.monotonic() + 60
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(w) for w in workers), "a worker outlived the command"
    assert not (tmp_path / "out" / "quotes.csv").exists() and not (tmp_path / "out" / MARKER).exists()
    if signum != signal.SIGKILL:
        assert process.returncode == 128 + signum and "interrupted" in err and "Traceback" not in err
        assert not list((tmp_path / "out").glob(".extract-tmp-*"))


def test_the_command_does_not_import_pandas():
    code = "import sys, scripts.extract_articles; print('pandas' in sys.modules, 'pyarrow' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def _article_files_as_before(inputs):
    """The listing as it was before its real paths and ids were worked out per folder (reference for the test
    below): every path built, lstat-ed and resolved on its own."""
    from collections import Counter
    found, skipped = [], []
    for item in inputs:
        if item.is_dir() and not item.is_symlink():
            for folder, dirs, files in os.walk(item, followlinks=False):
                dirs.sort()
                for name in sorted(dirs + files):
                    path = Path(folder) / name
                    mode = os.lstat(path).st_mode
                    if name in dirs and not stat.S_ISLNK(mode):
                        continue
                    if not name.endswith(".txt") and not stat.S_ISLNK(mode):
                        continue
                    if stat.S_ISREG(mode):
                        found.append((path, item))
                    else:
                        skipped.append((str(path), f"{path}: skipped: a {command._kind(mode)}, not a regular file "
                                                   "(links are not followed inside folders; copy the file or name it "
                                                   "on the command line)"))
        else:
            mode = os.stat(item).st_mode
            if stat.S_ISREG(mode):
                found.append((item, item.parent))
            else:
                skipped.append((str(item), f"{item}: skipped: a {command._kind(mode)}, not a regular file"))
    unique, seen = [], set()
    for path, base in found:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append((path, base))
    ids = [command._relative_id(path, base) for path, base in unique]
    if len(set(ids)) < len(ids):
        common = Path(os.path.commonpath([str(p.parent.resolve()) for p, _ in unique]))
        counts = Counter(ids)
        ids = [command._relative_id(p.resolve(), common) if counts[i] > 1 else i for (p, _), i in zip(unique, ids)]
    files = sorted(zip((p for p, _ in unique), ids), key=lambda pair: (str(pair[0]), pair[1]))
    return files, sorted(skipped)


def test_the_listing_gives_the_paths_ids_and_skips_it_gave_before(tmp_path, monkeypatch):
    # real paths and ids are now worked out once per folder; a tree with nesting, links, a FIFO, the same file
    # reached twice, a '.txt' folder and ids that collide must list exactly as before
    for name in ("a.txt", "b.md", "sub/a.txt", "sub/deeper/c.txt", "other/a.txt", "other/sub/a.txt", ".txt",
                 "x.txt/inner.txt", "linked/real.txt"):
        write(tmp_path / "in" / name)
    os.symlink(tmp_path / "in/a.txt", tmp_path / "in/sub/link.txt")
    os.symlink(tmp_path / "in/linked", tmp_path / "in/dirlink")
    os.symlink(tmp_path / "in/linked", tmp_path / "via")  # a folder reached through a link, named on the command line
    os.symlink(tmp_path / "in", tmp_path / "alias")  # the same files under another path: read once
    os.mkfifo(tmp_path / "in/sub/pipe.txt")
    monkeypatch.chdir(tmp_path)
    for inputs in ([Path("in")], [Path("./in")], [tmp_path / "in"], [Path("in/sub"), Path("in/other")],
                   [Path("in"), Path("in/sub/a.txt"), Path("in/sub/link.txt")], [Path("via"), Path("in/linked")],
                   [Path("in/sub"), Path("in/other/sub"), Path("in/a.txt")], [Path("alias/sub"), Path("in/sub")],
                   [Path("in"), Path("alias/other"), Path("alias/a.txt")]):
        assert command.article_files(inputs) == _article_files_as_before(inputs), inputs
