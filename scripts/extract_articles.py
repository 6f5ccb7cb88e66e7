"""Run the extractors on your own article texts, without touching the published package.

Usage:
    python -m scripts.extract_articles ARTICLES_DIR_OR_FILE... --out OUT_DIR [--published 2023-03-11] [--jobs N]

Writes OUT_DIR/quotes.csv, figures.csv and mentions.csv (the package's columns), OUT_DIR/dates.csv (relative and
absolute date expressions resolved against the publication date, precision day, week, month or year; a month or
year resolves to its first day), OUT_DIR/unreadable.csv (files that were skipped or could not be read or
extracted, with the reason), OUT_DIR/warnings.csv (files processed with a warning, e.g. an impossible date line)
and OUT_DIR/candidate_people.csv, candidate_organisations.csv (names nobody curated, one row per normalised name,
kind guess, counts, first evidence: scripts/extract/candidates.py); last, OUT_DIR/extract-complete.json (the counts; present only when every file above is from one complete run).

source_id is the file's path relative to the folder it was found in, without `.txt` (`a.txt` -> `a`,
`2023/bbc/a.txt` -> `2023/bbc/a`); a file given by name has its stem; when two inputs would give the same id,
their paths relative to the inputs' common folder are used instead. Symbolic links and special files (FIFOs,
sockets, devices) found in folders are skipped and listed in unreadable.csv; nothing is opened before its type
is checked. A file may open with a line ' date YYYY-MM-DD' (some wire copy does): that date is used for it;
otherwise --published, else dates stay unresolved. Names are resolved with the curated aliases in curated/
(or --curated DIR).

Safety: OUT_DIR may not be the published data/ folder nor a folder holding the inputs. Outputs are written to a
temporary folder inside OUT_DIR and renamed into place at the end, so a failed or killed run leaves the previous
outputs (without extract-complete.json when it died half-way through the renames). One lock per OUT_DIR. Workers
are stopped when the command is interrupted (Ctrl-C, SIGTERM) and die with it if it is killed.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import fcntl
import io
import json
import os
import re
import shutil
import signal
import stat
import sys
from collections import Counter
from pathlib import Path

from scripts.csv_records import RecordWriter
from scripts.inputs.articles import decode_article
from scripts.errors import InputError
from scripts.extract.candidates import CandidateCollector
from scripts.extract.dates import extract_dates
from scripts.extract.lexicon import Lexicon
from scripts.paths import CURATED_DIR, DATA_DIR, SCHEMAS_DIR

DATE_LINE = re.compile(r"^\s*date ([0-9]{4}-[0-9]{2}-[0-9]{2})\b")
DATE_COLUMNS = ["source_id", "text", "start", "end", "expression_kind", "resolved_date", "precision",
                "direction", "time_of_day"]
# table -> "module:function"; each function is (text, source_id, lexicon) -> list of row dicts (as in
# scripts.extract.tables, which is not imported here: it would load pandas, which this command never uses)
EXTRACTORS = {
    "quotes": "scripts.extract.quotes:extract_quotes",
    "figures": "scripts.extract.figures:extract_figures",
    "mentions": "scripts.extract.mentions:extract_mentions",
}
MARKER = "extract-complete.json"
STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
LOCK = ".extract.lock"
TEMPORARY_PREFIX = ".extract-tmp-"
CHUNK = 16  # files per task sent to a worker

_lexicon: Lexicon | None = None
_functions: dict | None = None


class Refused(Exception):
    """The command cannot run with these arguments; the message says why and what to do."""


class Interrupted(Exception):
    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def published_date(text: str, fallback: dt.date | None) -> dt.date | None:
    """The date of a leading ' date YYYY-MM-DD' line, else the fallback."""
    match = DATE_LINE.match(text)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            pass
    return fallback


def date_line_warning(text: str) -> str | None:
    """What is wrong with a leading ' date' line that cannot be used (an impossible date), or None."""
    match = DATE_LINE.match(text)
    if match:
        try:
            dt.date.fromisoformat(match.group(1))
        except ValueError:
            return (f"the leading date line gives {match.group(1)}, which is not a calendar date: it was ignored "
                    "(--published or no date was used instead); correct the line")
    return None


def output_columns() -> dict[str, list[str]]:
    """Every output table's columns: the package schema's for the extracted tables, then dates."""
    columns = {}
    for table in EXTRACTORS:
        schema = json.loads((SCHEMAS_DIR / f"{table}.schema.json").read_text(encoding="utf-8"))
        columns[table] = [f["name"] for f in schema["fields"]]
    columns["dates"] = DATE_COLUMNS
    return columns


# Schema types whose values csv.writer would not write as the package does (True -> 'true', 6.0 -> '6'): only
# such columns go through _cell; csv.writer itself writes None as '' and str() of the rest (ints, strings, dates).
_CONVERTED_TYPES = frozenset({"boolean", "number"})


def converted_columns() -> dict[str, frozenset[str]]:
    """Per output table, the columns whose cells need _cell (boolean and number fields of the schema)."""
    converted = {"dates": frozenset()}
    for table in EXTRACTORS:
        schema = json.loads((SCHEMAS_DIR / f"{table}.schema.json").read_text(encoding="utf-8"))
        converted[table] = frozenset(f["name"] for f in schema["fields"] if f["type"] in _CONVERTED_TYPES)
    return converted


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; raises OSError for anything else (checked on the open descriptor, so a FIFO
    is never waited on and a file swapped for a symbolic link after listing is not followed)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(f"not a regular file ({_kind(mode)}): skipped")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISLNK, "symbolic link"), (stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "folder")):
        if test(mode):
            return name
    return "special file"


def extract_file(path: Path, source_id: str, fallback: dt.date | None) -> tuple[dict[str, list[dict]], str | None, str | None]:
    """Every table's rows for one file, the reason it could not be used (or None), and a warning (or None)."""
    try:
        text = decode_article(read_regular_file(path), path)
    except (InputError, OSError) as err:
        return {}, str(err) if isinstance(err, InputError) else f"{path}: {err.strerror or err}", None
    try:
        rows = {table: _functions[table](text, source_id, _lexicon) for table in EXTRACTORS}
        rows["dates"] = extract_dates(text, source_id, published_date(text, fallback))
    except Exception as err:  # one bad file never stops the run: it is reported with the reason
        return {}, f"{path}: the extractors failed on this file ({type(err).__name__}: {str(err)[:200]})", None
    return rows, None, date_line_warning(text)


def _init_worker() -> None:
    """In each forked worker (which inherits the parent's lexicon and extractors)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # forked while the parent held them
    _die_with_parent()


def _load(curated_dir: Path) -> None:
    global _lexicon, _functions
    import importlib
    _lexicon = Lexicon.from_curated(curated_dir)
    _functions = {}
    for table, where in EXTRACTORS.items():
        module, function = where.split(":")
        _functions[table] = getattr(importlib.import_module(module), function)


def _die_with_parent() -> None:
    """Linux: have the kernel SIGKILL this worker when the parent dies, even by SIGKILL."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:
            os._exit(1)
    except (OSError, AttributeError):
        pass


# Reviewed corrections (curated/corrections.csv) are for the package's own articles, never for a user's.
UNCORRECTED = {"corrected": False}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _work(task) -> tuple[list[tuple], dict, dict, CandidateCollector]:
    """In a worker: extract a chunk of files. Returns (path, error, warning) per file, the chunk's row count and
    CSV text (UTF-8) per table, so that the parent only writes bytes, and the chunk's candidate names (the
    parent merges the chunks' collectors instead of reading mentions.csv back)."""
    columns, converted, fallback, chunk = task
    files, counts, candidates, mentions = [], {}, CandidateCollector(), []
    outs = {table: io.StringIO() for table in columns}
    writers = {table: csv.writer(out, lineterminator="\n") for table, out in outs.items()}
    cells = {table: [] for table in columns}
    for path, source_id in chunk:
        rows, error, warning = extract_file(Path(path), source_id, fallback)
        for table, table_rows in rows.items():
            table_cells = _cells(table_rows, columns[table], converted[table])
            writers[table].writerows(table_cells)
            cells[table] += table_cells
            counts[table] = counts.get(table, 0) + len(table_rows)
        mentions += rows.get("mentions", ())
        files.append((path, error, warning))
    texts = {table: out.getvalue() for table, out in outs.items()}
    for table, text in texts.items():
        if "\r" in text:  # rare (classic Mac line ends): write the chunk again, quoting records csv.writer left bare
            out = io.StringIO()
            RecordWriter(out).writerows(cells[table])
            texts[table] = out.getvalue()
    candidates.add(mentions)
    return files, counts, {table: text.encode("utf-8") for table, text in texts.items()}, candidates


def _pool_class():
    """multiprocessing's Pool whose worker-handler thread is not woken by results waiting in the result pipe.

    Pool's worker handler (CPython 3.8-3.13) waits on the result pipe as well as on the workers' exits; while a
    result waits there for the result-handler thread (which needs the GIL the handler holds), the handler wakes
    again at once and checks every worker, over and over: in this command it cost the parent about 0.6 CPU
    seconds per 5,000 articles on 2 busy cores, taken from the workers. The handler only needs to wake when a
    worker exits (maintaining the pool) or the pool changes state (its change notifier), which it still does."""
    import multiprocessing.pool

    class QuietPool(multiprocessing.pool.Pool):
        def _get_sentinels(self):
            return [self._change_notifier._reader]
    return QuietPool


def _cells(rows: list[dict], names: list[str], converted: frozenset[str]) -> list[list]:
    """Each row's cells in column order, as csv.writer should write them: the same text as _cell on every cell
    (a missing key takes UNCORRECTED's default), with _cell called only where csv.writer would differ."""
    defaults = [(i, name, UNCORRECTED.get(name)) for i, name in enumerate(names)]
    converting = [i for i, name in enumerate(names) if name in converted]
    missing_kept = [(i, name, default) for i, name, default in defaults if default is not None]
    table = []
    for row in rows:
        cells = list(map(row.get, names))
        for i, name, default in missing_kept:
            if name not in row:
                cells[i] = default
        for i in converting:
            cells[i] = _cell(cells[i])
        table.append(cells)
    return table


def _progress(total: int):
    """A progress bar on a terminal; nothing when output is piped or logged."""
    if not sys.stderr.isatty():
        return None
    from rich.progress import Progress
    progress = Progress(transient=False)
    task = progress.add_task("extracting", total=total)
    progress.start()
    return progress, task


def _relative_id(path: Path, base: Path) -> str:
    relative = path.relative_to(base).as_posix()
    return relative[:-4] if relative.endswith(".txt") else relative


def article_files(inputs: list[Path]) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """(path, source_id) of every article to read, sorted by path, and (path, reason) of what is skipped.

    Folders are walked without following symbolic links; a symbolic link or special file found there is skipped
    and reported. A file named on the command line is read if it is (or links to) a regular file.
    """
    # (path, the folder its id is relative to, and for a file found in a folder its real path and id, which are
    # worked out once per folder: the file itself is no link, so its real path is its folder's and its name)
    found: list[tuple[Path, Path, str | None, str | None]] = []
    skipped = []
    for item in inputs:
        if item.is_dir() and not item.is_symlink():
            for folder, dirs, files in os.walk(item, followlinks=False):
                dirs.sort()
                folder_path, real_folder, id_prefix = Path(folder), None, None
                for name in sorted(dirs + files):
                    mode = os.lstat(os.path.join(folder, name)).st_mode
                    if name in dirs and not stat.S_ISLNK(mode):
                        continue
                    if not name.endswith(".txt") and not stat.S_ISLNK(mode):
                        continue
                    path = folder_path / name
                    if stat.S_ISREG(mode):
                        if real_folder is None:
                            real_folder = os.path.realpath(folder)
                            relative = folder_path.relative_to(item).as_posix()
                            id_prefix = "" if relative == "." else relative + "/"
                        source_id = id_prefix + name
                        found.append((path, item, os.path.join(real_folder, name),
                                      source_id[:-4] if source_id.endswith(".txt") else source_id))
                    else:
                        skipped.append((str(path), f"{path}: skipped: a {_kind(mode)}, not a regular file "
                                                   "(links are not followed inside folders; copy the file or name it "
                                                   "on the command line)"))
        else:
            mode = os.stat(item).st_mode
            if stat.S_ISREG(mode):
                found.append((item, item.parent, None, None))
            else:
                skipped.append((str(item), f"{item}: skipped: a {_kind(mode)}, not a regular file"))
    unique, ids, seen = [], [], set()
    for path, base, real, source_id in found:  # the same file reached twice (a folder and a file in it) is read once
        key = real or os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            unique.append((path, base))
            ids.append(_relative_id(path, base) if source_id is None else source_id)
    if len(set(ids)) < len(ids):
        common = Path(os.path.commonpath([str(p.parent.resolve()) for p, _ in unique]))
        counts = Counter(ids)
        ids = [_relative_id(p.resolve(), common) if counts[i] > 1 else i for (p, _), i in zip(unique, ids)]
    files = sorted(zip((p for p, _ in unique), ids), key=lambda pair: (str(pair[0]), pair[1]))
    return files, sorted(skipped)


def check_output_folder(out_dir: Path, inputs: list[Path]) -> None:
    """Raise Refused when OUT_DIR is the published data/, holds (or is) an input, or is not a folder."""
    out = out_dir.resolve()
    data = DATA_DIR.resolve()
    if out == data or data in out.parents:
        raise Refused(f"--out {out_dir} is the published package's data/ folder: the extraction command never writes "
                      "there (use `make build` to rebuild the package); choose another folder, e.g. --out out/")
    for item in inputs:
        source = item.resolve()
        if source == out or out in source.parents:
            raise Refused(f"--out {out_dir} holds the input {item}: its outputs (quotes.csv, ...) could overwrite "
                          "your files; choose a separate, new folder, e.g. --out out/")
    if out_dir.exists() and not out_dir.is_dir():
        raise Refused(f"--out {out_dir} is an existing file, not a folder: give a folder (it is created if needed)")


class _OutputLock:
    def __init__(self, out_dir: Path):
        self.handle = open(out_dir / LOCK, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.close()
            raise Refused(f"another extraction is writing to {out_dir} (it holds {out_dir / LOCK}); wait for it to "
                          "finish or choose another --out folder") from None

    def release(self) -> None:
        self.handle.close()


def _raise_interrupted(signum, frame):
    raise Interrupted(signum)


def run(inputs: list[Path], out_dir: Path, published: dt.date | None = None, jobs: int = 1,
        curated_dir: Path = CURATED_DIR) -> dict[str, int]:
    """Extract every article under inputs into out_dir; returns counts. Raises Refused, Interrupted or OSError."""
    inputs, out_dir = [Path(p) for p in inputs], Path(out_dir)
    check_output_folder(out_dir, inputs)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = _OutputLock(out_dir)
    temporary = out_dir / f"{TEMPORARY_PREFIX}{os.getpid()}"
    workers: dict = {}
    previous = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        for stale in out_dir.glob(TEMPORARY_PREFIX + "*"):  # left by a killed run (we hold the lock)
            shutil.rmtree(stale, ignore_errors=True)
        temporary.mkdir()
        for signum in previous:
            signal.signal(signum, _raise_interrupted)
        counts = _extract_into(temporary, inputs, published, jobs, curated_dir, workers)
        _switch_in(temporary, out_dir, counts)
        return counts
    finally:
        if "pool" in workers:  # finished or interrupted: no worker outlives the command
            workers["pool"].terminate()
            workers["pool"].join()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        shutil.rmtree(temporary, ignore_errors=True)
        lock.release()


def _extract_into(folder: Path, inputs: list[Path], published, jobs: int, curated_dir: Path,
                  workers: dict) -> dict[str, int]:
    """Write every output table into folder; workers["pool"] receives the worker pool, for the caller to stop."""
    columns = output_columns()
    files, skipped = article_files(inputs)
    handles = {table: (folder / f"{table}.csv").open("wb") for table in columns}
    unreadable, warnings = list(skipped), []
    counts = {table: 0 for table in columns} | {"articles": 0, "unreadable": 0, "warnings": 0}
    bar = _progress(len(files))
    candidates = CandidateCollector()
    converted = converted_columns()
    tasks = [(columns, converted, published, [(str(p), i) for p, i in files[first:first + CHUNK]])
             for first in range(0, len(files), CHUNK)]
    try:
        for table, handle in handles.items():
            handle.write((",".join(columns[table]) + "\n").encode("utf-8"))
        _load(curated_dir)  # before forking: the workers inherit the lexicon and the imported extractors
        if jobs > 1 and len(tasks) > 1:
            import multiprocessing
            # Ctrl-C or SIGTERM while the pool starts its threads would raise inside threading's bookkeeping:
            # they wait (blocked) until the pool is whole, then raise Interrupted here in the main thread.
            held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
            try:
                pool = _pool_class()(jobs, initializer=_init_worker, context=multiprocessing.get_context("fork"))
                workers["pool"] = pool
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
            results = pool.imap(_work, tasks)  # in order; every worker stays busy while the parent writes
        else:
            results = map(_work, tasks)
        for chunk, chunk_counts, texts, chunk_candidates in results:
            for path, error, warning in chunk:
                if error:
                    unreadable.append((path, error))
                    continue
                counts["articles"] += 1
                if warning:
                    warnings.append((path, warning))
            for table, count in chunk_counts.items():
                counts[table] += count
            for table, text in texts.items():
                handles[table].write(text)
            candidates.merge(chunk_candidates)
            if bar:
                bar[0].update(bar[1], advance=len(chunk))
    finally:
        if bar:
            bar[0].stop()
        for handle in handles.values():
            handle.close()
    for name, header, rows in (("unreadable", ["path", "reason"], unreadable), ("warnings", ["path", "warning"], warnings)):
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = RecordWriter(handle)
            writer.writerow(header)
            writer.writerows(rows)
    counts["unreadable"], counts["warnings"] = len(unreadable), len(warnings)
    # issue 8: names nobody curated, gathered from the mentions written (by the workers, chunk by chunk)
    counts |= candidates.write(folder)
    return counts


def _switch_in(folder: Path, out_dir: Path, counts: dict[str, int]) -> None:
    """Rename the finished outputs into out_dir; extract-complete.json is removed first and written last."""
    (out_dir / MARKER).unlink(missing_ok=True)
    for path in sorted(folder.iterdir()):
        os.replace(path, out_dir / path.name)
    marker = folder / MARKER
    marker.write_text(json.dumps({"complete": True, "counts": counts}, indent=1) + "\n", encoding="utf-8")
    os.replace(marker, out_dir / MARKER)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.extract_articles", description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="article .txt files, or folders searched for *.txt")
    parser.add_argument("--out", type=Path, required=True, help="folder for the output CSVs (created if needed)")
    parser.add_argument("--published", type=dt.date.fromisoformat, default=None,
                        help="publication date YYYY-MM-DD for files without a leading ' date' line")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--curated", type=Path, default=CURATED_DIR, help="folder with the curated alias tables")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.inputs if not p.exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    try:
        counts = run(args.inputs, args.out, args.published, max(1, args.jobs), args.curated)
    except Refused as err:
        print(f"extract_articles: {err}", file=sys.stderr)
        return 2
    except Interrupted as err:
        print(f"extract_articles: interrupted ({err}); workers stopped, {args.out}/ was left as it was", file=sys.stderr)
        return 128 + err.signum
    except OSError as err:
        print(f"extract_articles: cannot write to {args.out} ({err.strerror or err}"
              f"{': ' + err.filename if err.filename else ''}); choose a folder you can write to", file=sys.stderr)
        return 2
    print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" -> {args.out}/")
    if counts["unreadable"]:
        print(f"{counts['unreadable']} file(s) skipped or unreadable: see {args.out}/unreadable.csv", file=sys.stderr)
    if counts["warnings"]:
        print(f"{counts['warnings']} file(s) with warnings: see {args.out}/warnings.csv", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
