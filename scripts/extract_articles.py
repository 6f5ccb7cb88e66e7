"""Run the extractors on your own article texts, without touching the published package.

Usage:
    python -m scripts.extract_articles ARTICLES_DIR_OR_FILE... --out OUT_DIR [--published 2023-03-11] [--jobs N]

Writes OUT_DIR/quotes.csv, figures.csv and mentions.csv (the package's columns; source_id is the file stem),
OUT_DIR/dates.csv (relative and absolute date expressions resolved against the publication date, precision
day, week, month or year; a month or year resolves to its first day) and
OUT_DIR/unreadable.csv (files that could not be read, with the reason). A file may open with a line
' date YYYY-MM-DD' (some wire copy does): that date is used for it; otherwise --published, else dates stay
unresolved. Names are resolved with the curated aliases in curated/ (or --curated DIR).
Files are processed in batches, so memory stays bounded by the batch, not the corpus.
Also OUT_DIR/candidate_people.csv and candidate_organisations.csv: names nobody curated, one row per normalised
name with a kind guess, counts and first evidence (scripts/extract/candidates.py), ready to review.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from scripts.articles import read_article
from scripts.extract.candidates import CandidateCollector  # issue 8: candidate people/organisations
from scripts.errors import InputError
from scripts.extract.dates import extract_dates
from scripts.extract.lexicon import Lexicon
from scripts.make_extracted_tables import EXTRACTORS, extractor
from scripts.paths import CURATED_DIR
from scripts.tableschema import load_schema

DATE_LINE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\b")
DATE_COLUMNS = ["source_id", "text", "start", "end", "expression_kind", "resolved_date", "precision",
                "direction", "time_of_day"]
BATCH = 200

_lexicon: Lexicon | None = None


def published_date(text: str, fallback: dt.date | None) -> dt.date | None:
    """The date of a leading ' date YYYY-MM-DD' line, else the fallback."""
    match = DATE_LINE.match(text)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            pass
    return fallback


def extract_file(path: Path, fallback: dt.date | None) -> tuple[dict[str, list[dict]], str | None]:
    """Every table's rows for one file, or the reason it could not be read."""
    try:
        text = read_article(path)
    except (InputError, OSError) as err:
        return {}, str(err)
    source_id = path.stem
    rows = {table: extractor(table)(text, source_id, _lexicon) for table in EXTRACTORS}
    rows["dates"] = extract_dates(text, source_id, published_date(text, fallback))
    return rows, None


def _init_worker(curated_dir: Path) -> None:
    global _lexicon
    _lexicon = Lexicon.from_curated(curated_dir)


def _work(args) -> tuple[str, dict[str, list[dict]], str | None]:
    path, fallback = args
    rows, error = extract_file(Path(path), fallback)
    return str(path), rows, error


def article_paths(inputs: list[Path]) -> list[Path]:
    paths = []
    for item in inputs:
        paths += sorted(p for p in item.rglob("*.txt") if p.is_file()) if item.is_dir() else [item]
    return paths


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


def _progress(total: int):
    """A progress bar on a terminal; nothing when output is piped or logged."""
    if not sys.stderr.isatty():
        return None
    from rich.progress import Progress
    progress = Progress(transient=False)
    task = progress.add_task("extracting", total=total)
    progress.start()
    return progress, task


def run(inputs: list[Path], out_dir: Path, published: dt.date | None = None, jobs: int = 1,
        curated_dir: Path = CURATED_DIR) -> dict[str, int]:
    out_dir.mkdir(parents=True, exist_ok=True)
    columns = {table: load_schema(table).field_names for table in EXTRACTORS} | {"dates": DATE_COLUMNS}
    handles = {table: (out_dir / f"{table}.csv").open("w", encoding="utf-8", newline="") for table in columns}
    writers = {table: csv.writer(handle, lineterminator="\n") for table, handle in handles.items()}
    for table, writer in writers.items():
        writer.writerow(columns[table])
    unreadable = []
    counts = {table: 0 for table in columns} | {"articles": 0, "unreadable": 0}
    paths = article_paths(inputs)
    bar = _progress(len(paths))
    candidates = CandidateCollector()  # issue 8: names nobody curated -> candidate_*.csv
    pool = ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(curated_dir,)) if jobs > 1 else None
    if pool is None:
        _init_worker(curated_dir)
    try:
        for first in range(0, len(paths), BATCH):
            batch = [(str(p), published) for p in paths[first:first + BATCH]]
            results = pool.map(_work, batch, chunksize=20) if pool else map(_work, batch)
            for path, rows, error in results:
                if error:
                    unreadable.append((path, error))
                    counts["unreadable"] += 1
                else:
                    counts["articles"] += 1
                    candidates.add(rows.get("mentions", ()))  # issue 8
                    for table, table_rows in rows.items():
                        for row in table_rows:
                            writers[table].writerow([_cell(row.get(c, UNCORRECTED.get(c))) for c in columns[table]])
                        counts[table] += len(table_rows)
            if bar:
                bar[0].update(bar[1], advance=len(batch))
    finally:
        if pool:
            pool.shutdown()
        if bar:
            bar[0].stop()
        for handle in handles.values():
            handle.close()
    counts |= candidates.write(out_dir)  # issue 8: candidate_people.csv, candidate_organisations.csv
    with (out_dir / "unreadable.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["path", "reason"])
        writer.writerows(unreadable)
    return counts


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
    counts = run(args.inputs, args.out, args.published, max(1, args.jobs), args.curated)
    print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" -> {args.out}/")
    if counts["unreadable"]:
        print(f"{counts['unreadable']} file(s) could not be read: see {args.out}/unreadable.csv", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
