"""Validate a built package directory: frictionless, then pandera and the cross-table checks.

Usage: python -m scripts.validate [PACKAGE_DIR]   (default: the repository root, i.e. the published package)
Exits 1 and lists every problem (file, line, column, what is wrong) when anything fails.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pandas as pd

from scripts.articles import read_article
from scripts.checks import validate_tables
from scripts.errors import InputError
from scripts.paths import ROOT
from scripts.publish import lock, recover
from scripts.tableschema import all_schemas
from scripts.tables import Problem, read_parquet, read_table, relocate


def frictionless_problems(package_dir: Path) -> list[Problem]:
    from frictionless import Package

    report = Package(str(package_dir / "datapackage.json")).validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            line = getattr(error, "row_number", None)
            problems.append(Problem(task.place or str(package_dir / "datapackage.json"), line,
                                    getattr(error, "field_name", None), getattr(error, "cell", None),
                                    f"frictionless {error.type}: {error.note}"))
    for error in report.errors:
        problems.append(Problem("datapackage.json", None, None, None, f"frictionless {error.type}: {error.note}"))
    return problems


def parquet_problems(package_dir: Path, name: str, schema, csv_frame: pd.DataFrame) -> list[Problem]:
    file = f"data/{name}.parquet"
    try:
        parquet_frame = read_parquet(package_dir / file, schema)
    except Exception as err:  # a truncated or foreign file: report it with the rest
        return [Problem(file, None, None, None, f"cannot be read as Parquet ({err}); rebuild with `make build`")]
    if list(parquet_frame.columns) != list(csv_frame.columns) or len(parquet_frame) != len(csv_frame):
        return [Problem(file, None, None, None,
                        f"has {len(parquet_frame)} rows / columns {list(parquet_frame.columns)} but data/{name}.csv has "
                        f"{len(csv_frame)} rows; the two must hold the same table: rebuild with `make build`")]
    problems = []
    for column in csv_frame.columns:
        a, b = csv_frame[column], parquet_frame[column]
        differs = ~((a == b).fillna(False).astype(bool) | (a.isna() & b.isna()))
        for index in differs[differs].index[:20]:
            problems.append(Problem(file, index + 2, column, str(b[index]),
                                    f"disagrees with data/{name}.csv line {index + 2} ({a[index]!r}); rebuild with `make build`"))
    return problems


def checksum_problems(package_dir: Path) -> list[Problem]:
    sums = package_dir / "data" / "SHA256SUMS"
    if not sums.exists():
        return [Problem("data/SHA256SUMS", None, None, None, "missing; rebuild with `make build`")]
    problems = []
    for number, line in enumerate(sums.read_text(encoding="utf-8").splitlines(), start=1):
        expected, name = line.split("  ", 1)
        path = package_dir / "data" / name
        actual = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"
        if actual != expected:
            problems.append(Problem("data/SHA256SUMS", number, None, name,
                                    f"data/{name} has sha256 {actual}, not the recorded {expected}: the file was changed "
                                    f"after the build; rebuild with `make build`"))
    return problems


def validate_package(package_dir: Path = ROOT) -> list[Problem]:
    package_dir = Path(package_dir)
    problems = frictionless_problems(package_dir)
    schemas = all_schemas(package_dir / "schemas")
    frames, files, records = {}, {}, {}
    for name, schema in schemas.items():
        files[name] = f"data/{name}.csv"
        frames[name], read_problems, records[files[name]] = read_table(package_dir / files[name], schema, files[name])
        problems += read_problems
    articles = {}
    for row in frames["sources"].itertuples(index=False):
        try:
            articles[row.source_id] = read_article(package_dir / row.text_path)
        except (InputError, OSError) as err:
            problems.append(Problem("data/sources.csv", None, "text_path", row.text_path, str(err)))
            continue
        actual = hashlib.sha256((package_dir / row.text_path).read_bytes()).hexdigest()
        if actual != row.sha256:
            problems.append(Problem(row.text_path, None, None, None,
                                    f"sha256 {actual} differs from data/sources.csv ({row.sha256}): the article was changed"))
    problems += relocate(validate_tables(frames, schemas, articles, files), records)
    for name, schema in schemas.items():
        problems += parquet_problems(package_dir, name, schema, frames[name])
    problems += checksum_problems(package_dir)
    return problems


def report(problems: list[Problem], what: str) -> str:
    if not problems:
        return f"{what}: valid"
    lines = [f"{what}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    package_dir = Path(argv[0]) if argv else ROOT
    with lock(package_dir):  # never read a package while a build switches it in; complete a killed build's publish
        recovered = recover(package_dir)
        if recovered:
            print(recovered, file=sys.stderr)
        problems = validate_package(package_dir)
    print(report(problems, f"package {package_dir}"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
