"""Validate a built package directory: frictionless, then pandera and the cross-table checks.

Usage: python -m scripts.package.validate [PACKAGE_DIR]   (default: the repository root, i.e. the published package)
Exits 1 and lists every problem (file, line, column, what is wrong) when anything fails.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path, PurePosixPath

import pandas as pd
import pyarrow.parquet as pq

from scripts.inputs.articles import read_article
from scripts.package.checks import validate_tables
from scripts.errors import InputError
from scripts.paths import ROOT
from scripts.package.publish import JOURNAL, JOURNAL_DIR, lock, recover
from scripts.package.release import RELEASE_ARTEFACTS
from scripts.package.tableschema import all_schemas
from scripts.package.tables import Problem, read_parquet, read_table, relocate


def _unsafe_path(package_dir: Path, path) -> str | None:
    """Why a descriptor path must not be followed (None when it is a relative path to a file inside the package)."""
    if not isinstance(path, str) or not path:
        return "is not a single relative file path"
    if "://" in path or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", path):
        return "is a URL: a package is validated from its own files only"
    if path.startswith(("/", "\\", "~")) or "$" in path or "\\" in path:
        return "is absolute or names a home folder or variable"
    if ".." in PurePosixPath(path).parts:
        return "climbs out of the package with '..'"
    try:
        (package_dir / path).resolve().relative_to(package_dir.resolve())
    except ValueError:
        return "leads outside the package (through a symbolic link)"
    return None


def descriptor_problems(package_dir: Path, schemas: dict) -> list[Problem]:
    """The descriptor must be JSON, and every resource a local file of the package: checked before frictionless
    reads it, so that nothing is fetched from a URL or read from outside the package. Table resources must point
    at their own files (data/<name>.csv or .parquet, schemas/<name>.schema.json)."""
    file = "datapackage.json"
    try:
        descriptor = json.loads((package_dir / file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [Problem(file, None, None, None, "missing; rebuild with `make build`")]
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        where = f" at line {err.lineno} column {err.colno}" if isinstance(err, json.JSONDecodeError) else ""
        return [Problem(file, getattr(err, "lineno", None), None, None,
                        f"is not valid UTF-8 JSON{where} ({err.msg if hasattr(err, 'msg') else err.reason}); "
                        "rebuild with `make build`")]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return [Problem(file, None, None, None, "has no list of resources; rebuild with `make build`")]
    problems = []
    expected = {}
    for name in schemas:
        expected[name] = (f"data/{name}.csv", f"schemas/{name}.schema.json")
        expected[f"{name}-parquet"] = (f"data/{name}.parquet", f"schemas/{name}.schema.json")
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict):
            problems.append(Problem(file, None, f"resources[{index}]", None, "is not an object; rebuild with `make build`"))
            continue
        name = resource.get("name", f"resources[{index}]")
        if "data" in resource or "path" not in resource:
            problems.append(Problem(file, None, f"resources[{index}]", str(name),
                                    "has inline data or no path: every resource must be a file of the package"))
        for key in ("path", "schema", "dialect"):
            value = resource.get(key)
            if value is None or (key != "path" and isinstance(value, dict)):
                continue
            why = _unsafe_path(package_dir, value)
            if why:
                problems.append(Problem(file, None, f"{name}.{key}", str(value)[:200], f"{why}; rebuild with `make build`"))
        if resource.get("scheme", "file") != "file":
            problems.append(Problem(file, None, f"{name}.scheme", str(resource.get("scheme")),
                                    "must be file: a package is validated from its own files only"))
        if name in expected and (resource.get("path"), resource.get("schema")) != expected[name]:
            problems.append(Problem(file, None, f"{name}.path", str(resource.get("path")),
                                    f"must be {expected[name][0]} with schema {expected[name][1]}; rebuild with `make build`"))
    missing = sorted(set(expected) - {r.get("name") for r in resources if isinstance(r, dict)})
    if missing:
        problems.append(Problem(file, None, None, None, f"has no resource for {', '.join(missing)}; rebuild with `make build`"))
    return problems


def frictionless_problems(package_dir: Path) -> list[Problem]:
    """frictionless's own validation; call only after descriptor_problems found nothing."""
    from frictionless import Package

    try:
        report = Package(str(package_dir / "datapackage.json")).validate()
    except Exception as err:  # frictionless raises FrictionlessException for a descriptor it cannot read
        return [Problem("datapackage.json", None, None, None, f"frictionless cannot read it ({err}); rebuild with `make build`")]
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
        actual = pq.read_schema(package_dir / file)
        wanted = schema.arrow_schema()
        if [(f.name, f.type) for f in actual] != [(f.name, f.type) for f in wanted]:
            return [Problem(file, None, None, None,
                            f"has columns {[f'{f.name}: {f.type}' for f in actual]}, not the schema's "
                            f"{[f'{f.name}: {f.type}' for f in wanted]}; rebuild with `make build`")]
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


_SUM_LINE = re.compile(r"([0-9a-f]{64}) [ *]([^/\\]+)")


def checksum_problems(package_dir: Path, expected_files: set[str]) -> list[Problem]:
    """data/SHA256SUMS must list every file of data/ but itself, exactly once, with its sha256; data/ must hold
    exactly the package's files (expected_files) and SHA256SUMS."""
    data_dir = package_dir / "data"
    sums = data_dir / "SHA256SUMS"
    present = {p.name for p in data_dir.iterdir()} if data_dir.is_dir() else set()
    problems = [Problem(f"data/{name}", None, None, None,
                        "is not a file of the package (neither a resource of datapackage.json nor a release artefact): remove it, "
                        "or rebuild with `make build`") for name in sorted(present - expected_files - {"SHA256SUMS"})]
    if not sums.is_file():
        return problems + [Problem("data/SHA256SUMS", None, None, None, "missing; rebuild with `make build`")]
    try:
        lines = sums.read_bytes().decode("utf-8").split("\n")
    except UnicodeDecodeError as err:
        return problems + [Problem("data/SHA256SUMS", None, None, None, f"is not UTF-8 (byte {err.start}); rebuild with `make build`")]
    if lines and lines[-1] == "":
        lines.pop()
    listed: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        match = _SUM_LINE.fullmatch(line)
        if not match:
            problems.append(Problem("data/SHA256SUMS", number, None, line[:200],
                                    "is not a `sha256sum` line (64 lower-case hex digits, two spaces, a file name of "
                                    "data/); rebuild with `make build`"))
            continue
        expected, name = match.groups()
        if name in listed:
            problems.append(Problem("data/SHA256SUMS", number, None, name, f"lists data/{name} again (first on line {listed[name]})"))
            continue
        listed[name] = number
        path = data_dir / name
        actual = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"
        if actual != expected:
            problems.append(Problem("data/SHA256SUMS", number, None, name,
                                    f"data/{name} has sha256 {actual}, not the recorded {expected}: the file was changed "
                                    f"after the build; rebuild with `make build`"))
    for name in sorted(present - set(listed) - {"SHA256SUMS"}):
        problems.append(Problem("data/SHA256SUMS", None, None, name,
                                f"does not list data/{name}: a line was deleted or the file emptied; rebuild with `make build`"))
    return problems


def validate_package(package_dir: Path = ROOT) -> list[Problem]:
    """Every problem of the package in package_dir, as messages (never raises for a bad package)."""
    package_dir = Path(package_dir)
    try:
        schemas = all_schemas(package_dir / "schemas")
    except InputError as err:
        return [Problem(err.path, None, None, None, f"{err.where}: {err.problem}. {err.fix}")]
    problems = descriptor_problems(package_dir, schemas)
    if problems:  # an unsafe or broken descriptor: frictionless must not follow it
        problems.append(Problem("datapackage.json", None, None, None,
                                "frictionless validation was skipped until the descriptor is fixed"))
    else:
        problems = frictionless_problems(package_dir)
    frames, files, records = {}, {}, {}
    for name, schema in schemas.items():
        files[name] = f"data/{name}.csv"
        if not (package_dir / files[name]).is_file():
            problems.append(Problem(files[name], None, None, None, "missing; rebuild with `make build`"))
            frames[name], records[files[name]] = schema.empty_frame(), None
            continue
        frames[name], read_problems, records[files[name]] = read_table(package_dir / files[name], schema, files[name])
        problems += read_problems
    articles = {}
    for row in frames["sources"].itertuples(index=False):
        why = _unsafe_path(package_dir, row.text_path)
        if why:
            problems.append(Problem("data/sources.csv", None, "text_path", row.text_path, f"{why}; rebuild with `make build`"))
            continue
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
        if (package_dir / f"data/{name}.parquet").is_file():
            problems += parquet_problems(package_dir, name, schema, frames[name])
    expected_files = {f"{name}.{kind}" for name in schemas for kind in ("csv", "parquet")} | set(RELEASE_ARTEFACTS)
    problems += checksum_problems(package_dir, expected_files)
    return problems


def report(problems: list[Problem], what: str) -> str:
    if not problems:
        return f"{what}: valid"
    lines = [f"{what}: {len(problems)} problem(s)"] + [f"  - {p}" for p in problems]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    package_dir = Path(argv[0]) if argv else ROOT
    if not (package_dir / "datapackage.json").is_file() and not (package_dir / JOURNAL_DIR / JOURNAL).exists():
        print(f"{package_dir}: no datapackage.json here; give the folder of a built package (or run `make build`)")
        return 1
    with lock(package_dir, optional=True):  # never read a package while a build switches it in
        try:  # complete a killed build's publish first
            recovered = recover(package_dir)
        except OSError as err:
            print(f"package {package_dir}: a killed build's publish could not be completed ({err}); run `make build`")
            return 1
        if recovered:
            print(recovered, file=sys.stderr)
        try:
            problems = validate_package(package_dir)
        except OSError as err:
            print(f"package {package_dir}: cannot be read ({err}); rebuild with `make build`")
            return 1
    print(report(problems, f"package {package_dir}"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
