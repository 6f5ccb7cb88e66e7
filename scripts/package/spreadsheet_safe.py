"""Copies of CSV tables that are safe to open in a spreadsheet: formula-like text cells are escaped.

Usage: python -m scripts.package.spreadsheet_safe [SOURCE_DIR] [--out spreadsheet/]   (make spreadsheet-safe)

The package's CSVs keep every character of the articles verbatim, so a text cell may start with =, +, -, @ (a
Twitter handle such as '@BMA_JuniorDocs', a quotation that opens with a dash), a tab or a carriage return: a
spreadsheet may read such a cell as a formula (CSV/formula injection). This writes a copy of each SOURCE_DIR/*.csv
(default: the published data/, or an extraction command's output folder) into --out, where every such cell that
is not a plain number gets a leading apostrophe ('=1+1, '@BMA_JuniorDocs), the usual spreadsheet marker for
"text". Nothing else changes: same rows, columns and order. The copies are for reading in a spreadsheet only:
their text no longer equals article[start:end], so analyse data/ (or the Parquet files) instead. It never writes
into data/.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
import tempfile
from pathlib import Path

from scripts.csv_records import RecordWriter
from scripts.paths import DATA_DIR

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")


def escape_cell(text: str) -> str:
    """The cell as a spreadsheet should show it: a leading apostrophe when it could be read as a formula."""
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def escaped_csv(data: bytes) -> tuple[bytes, int]:
    """A CSV's bytes with formula-like cells escaped (UTF-8, LF, minimal quoting, as published), and how many."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True)
    out = io.StringIO()
    writer = RecordWriter(out)
    changed = 0
    for number, row in enumerate(reader):
        escaped = row if number == 0 else [escape_cell(cell) for cell in row]
        changed += sum(a != b for a, b in zip(row, escaped))
        writer.writerow(escaped)
    return out.getvalue().encode("utf-8"), changed


def write_safe_copies(source: Path, out: Path) -> dict[str, int]:
    """Escaped copies of source/*.csv in out/ (each written to a temporary file, then renamed); cells changed per file."""
    source, out = Path(source), Path(out)
    data = DATA_DIR.resolve()
    if out.resolve() == data or data in out.resolve().parents or out.resolve() == source.resolve():
        raise ValueError(f"--out {out} is the published data/ or the source folder: the escaped copies must go to a "
                         "separate folder, e.g. --out spreadsheet/")
    out.mkdir(parents=True, exist_ok=True)
    changed = {}
    for path in sorted(source.glob("*.csv")):
        text, changed[path.name] = escaped_csv(path.read_bytes())
        handle, temporary = tempfile.mkstemp(dir=out, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(text)
        os.replace(temporary, out / path.name)
    return changed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.package.spreadsheet_safe", description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DATA_DIR, help="folder of CSVs (default: data/)")
    parser.add_argument("--out", type=Path, default=Path("spreadsheet"), help="folder for the escaped copies")
    args = parser.parse_args(argv)
    try:
        changed = write_safe_copies(args.source, args.out)
    except (ValueError, OSError, csv.Error, UnicodeDecodeError) as err:
        print(f"spreadsheet_safe: {err}", file=sys.stderr)
        return 2
    print(f"{len(changed)} table(s), {sum(changed.values())} formula-like cell(s) escaped -> {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
