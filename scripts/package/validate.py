"""Validate a built package directory: frictionless, then pandera and the cross-table checks.

frictionless reads every row of the repository's package; a package past FRICTIONLESS_FULL_ARTICLES articles or
FRICTIONLESS_FULL_CSV_BYTES of CSV (a large corpus) gets frictionless on its descriptor and the first
FRICTIONLESS_SAMPLE_ROWS rows of each CSV table only, and the checks frictionless would have made on the rest are
made here instead, on every row and file (see the comment above FRICTIONLESS_FULL_CSV_BYTES; BENCHMARK.md, "Whole
package from a corpus", has the costs).

Usage: python -m scripts.package.validate [PACKAGE_DIR]   (default: the repository root, i.e. the published package)
Exits 1 and lists every problem (file, line, column, what is wrong) when anything fails.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from scripts.errors import InputError
from scripts.inputs.articles import ArticleTexts, decode_article, sha256_of
from scripts.memory import older_objects_frozen, release_memory
from scripts.package.checks import OTHER_TABLES_READ, validate_table
from scripts.package.publish import JOURNAL, JOURNAL_DIR, lock, recover
from scripts.package.release import RELEASE_ARTEFACTS
from scripts.package.tables import Problem, _parquet_column, as_written, frame_from_columns, read_table, relocate
from scripts.package.tableschema import all_schemas
from scripts.paths import ROOT


class _PackagePaths:
    """Where a package's relative paths lead, for one validation: each folder is resolved once (a corpus package
    names 100,000s of articles in one folder), then only each path's own last part is looked at, with one lstat (a
    symbolic link is followed as os.path.realpath follows it). Strings, not pathlib: _unsafe_path took about 21 us a
    path with pathlib, 6 with os.path (100,000 articles' paths, checked twice per validation)."""

    def __init__(self, package_dir: Path):
        self.package_dir = str(package_dir)
        self.root = os.path.realpath(package_dir)
        self._prefix = self.root.rstrip(os.sep) + os.sep
        self._folder_inside: dict[str, bool] = {}

    def _within_root(self, real: str) -> bool:
        return real == self.root or real.startswith(self._prefix)

    def inside(self, path: str) -> bool:
        """Whether a relative path without '..' leads to a place inside the package."""
        whole = os.path.normpath(os.path.join(self.package_dir, path))
        if os.path.islink(whole):
            return self._within_root(os.path.realpath(whole))
        folder = os.path.dirname(whole)
        inside = self._folder_inside.get(folder)
        if inside is None:
            inside = self._folder_inside[folder] = self._within_root(os.path.realpath(folder))
        return inside


_URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _unsafe_path(path, paths: _PackagePaths) -> str | None:
    """Why a descriptor path must not be followed (None when it is a relative path to a file inside the package)."""
    if not isinstance(path, str) or not path:
        return "is not a single relative file path"
    if "://" in path or _URL_SCHEME.match(path):
        return "is a URL: a package is validated from its own files only"
    if path.startswith(("/", "\\", "~")) or "$" in path or "\\" in path:
        return "is absolute or names a home folder or variable"
    if ".." in path.split("/"):
        return "climbs out of the package with '..'"
    if not paths.inside(path):
        return "leads outside the package (through a symbolic link)"
    return None


def descriptor_problems(package_dir: Path, schemas: dict, paths: _PackagePaths) -> tuple[dict | None, list[Problem]]:
    """The descriptor (None when it cannot be read) and its problems. It must be JSON, and every resource a local
    file of the package: checked before frictionless reads it, so that nothing is fetched from a URL or read from
    outside the package. Table resources must point at their own files (data/<name>.csv or .parquet,
    schemas/<name>.schema.json); every entry of `sources` must be an object of text properties (the profile's rule,
    checked here on every entry, since frictionless is shown only the first ones of a large package: _sampled)."""
    file = "datapackage.json"
    try:
        descriptor = json.loads((package_dir / file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(file, None, None, None, "missing; rebuild with `make build`")]
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        where = f" at line {err.lineno} column {err.colno}" if isinstance(err, json.JSONDecodeError) else ""
        return None, [Problem(file, getattr(err, "lineno", None), None, None,
                              f"is not valid UTF-8 JSON{where} ({err.msg if hasattr(err, 'msg') else err.reason}); "
                              "rebuild with `make build`")]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return None, [Problem(file, None, None, None, "has no list of resources; rebuild with `make build`")]
    problems = []
    sources = descriptor.get("sources", [])
    for index, source in enumerate(sources if isinstance(sources, list) else [sources]):
        if not isinstance(source, dict) or not all(isinstance(source[key], str) for key in ("title", "path", "email")
                                                   if key in source):
            problems.append(Problem(file, None, f"sources[{index}]", str(source)[:200],
                                    "must be an object whose title, path and email are text; rebuild with `make build`"))
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
            why = _unsafe_path(value, paths)
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
    return descriptor, problems


# frictionless checks a package row by row in Python (about 50,000 rows a second here) and opens every resource,
# articles included: a corpus of 100,000 articles would spend most of its build here, re-checking what the checks
# below check anyway. Up to these sizes it reads everything (the repository's package: about 0.2 MB of CSV and 5
# articles); past them it checks the descriptor, and every CSV table's schema, header and first
# FRICTIONLESS_SAMPLE_ROWS rows (types, constraints, primary key within those rows: _sampled), while every row of every table
# is still checked by pandera (types, required, unique, primary and foreign keys, enums, ranges, patterns, spans),
# the Parquet files against the CSVs, and every file's bytes and sha256 against the descriptor (resource_file_problems)
# and data/SHA256SUMS. See BENCHMARK.md ("Whole package from a corpus") for what each part costs.
FRICTIONLESS_FULL_CSV_BYTES = 32 * 1024 * 1024
FRICTIONLESS_FULL_ARTICLES = 1000
FRICTIONLESS_SAMPLE_ROWS = 10_000


def _is_table(resource: dict) -> bool:
    return resource.get("type") == "table"


def frictionless_reads_everything(package_dir: Path, descriptor: dict) -> bool:
    resources = descriptor.get("resources", [])
    articles = sum(1 for r in resources if isinstance(r, dict) and not _is_table(r))
    csv_bytes = sum((package_dir / r["path"]).stat().st_size for r in resources
                    if isinstance(r, dict) and _is_table(r) and r.get("format") == "csv" and (package_dir / r["path"]).is_file())
    return articles <= FRICTIONLESS_FULL_ARTICLES and csv_bytes <= FRICTIONLESS_FULL_CSV_BYTES


def recorded_file_problems(resource: dict, size: int, digest) -> list[Problem]:
    """A file's size, and its sha256 (digest() gives it, called only when the resource declares a hash), against the
    bytes and hash its resource declares."""
    problems = []
    if "bytes" in resource and resource["bytes"] != size:
        problems.append(Problem(resource["path"], None, None, None,
                                f"has {size} bytes, datapackage.json says {resource['bytes']}: the file was changed "
                                "after the build; rebuild with `make build`"))
    expected = str(resource.get("hash", "")).removeprefix("sha256:")
    if expected and digest() != expected:
        problems.append(Problem(resource["path"], None, None, None,
                                f"sha256 differs from datapackage.json ({expected}): the file was changed after the "
                                "build; rebuild with `make build`"))
    return problems


def resource_file_problems(package_dir: Path, resources) -> list[Problem]:
    """Every resource that declares bytes or a sha256 hash must match its file (what frictionless checks on a full
    read, done here for a package too large for one)."""
    problems = []
    for resource in resources:
        if not isinstance(resource, dict) or not ("hash" in resource or "bytes" in resource):
            continue
        path = package_dir / resource["path"]
        if not path.is_file():
            problems.append(Problem(resource["path"], None, None, None, "missing; rebuild with `make build`"))
            continue
        problems += recorded_file_problems(resource, path.stat().st_size, lambda: sha256_of(path))
    return problems


def _sampled(package_dir: Path, descriptor: dict) -> dict:
    """The descriptor as frictionless reads a large package: the CSV tables only, with their schemas inlined without
    foreign keys. Parquet resources are left to parquet_problems (their types, and every value against the CSV):
    frictionless reads a Parquet file whole through pandas, cell by cell (most of a 1,000-article build's time).
    Foreign keys are left to pandera, on every row: frictionless reads every referenced table whole to check them."""
    resources = []
    for resource in descriptor["resources"]:
        if _is_table(resource) and resource.get("format") == "csv":
            schema = json.loads((package_dir / resource["schema"]).read_text(encoding="utf-8"))
            schema.pop("foreignKeys", None)
            resources.append(dict(resource, schema=schema))
    sampled = dict(descriptor, resources=resources)
    if isinstance(descriptor.get("sources"), list):  # one per article: descriptor_problems checks every entry
        sampled["sources"] = descriptor["sources"][:FRICTIONLESS_FULL_ARTICLES]
    return sampled


def frictionless_problems(package_dir: Path, descriptor: dict) -> list[Problem]:
    """frictionless's own validation of the package whose descriptor_problems found nothing. Reads every row of a
    package up to FRICTIONLESS_FULL_* in size; of a larger one a sample (see above) and the table files' bytes and
    hashes, leaving the articles' to validate_package, which reads each article once for all its checks."""
    from frictionless import Package

    place = str(package_dir / "datapackage.json")
    try:
        if frictionless_reads_everything(package_dir, descriptor):
            report, problems = Package(place).validate(), []
        else:  # the tables by their first rows here and in full by pandera
            problems = resource_file_problems(package_dir, filter(_is_table, descriptor["resources"]))
            report = Package(_sampled(package_dir, descriptor), basepath=str(package_dir)).validate(
                limit_rows=FRICTIONLESS_SAMPLE_ROWS)
    except Exception as err:  # frictionless raises FrictionlessException for a descriptor it cannot read
        return [Problem("datapackage.json", None, None, None, f"frictionless cannot read it ({err}); rebuild with `make build`")]
    for task in report.tasks:
        for error in task.errors:
            line = getattr(error, "row_number", None)
            problems.append(Problem(task.place or place, line, getattr(error, "field_name", None),
                                    getattr(error, "cell", None), f"frictionless {error.type}: {error.note}"))
    for error in report.errors:
        problems.append(Problem("datapackage.json", None, None, None, f"frictionless {error.type}: {error.note}"))
    return problems


def frictionless_table_problems(package_dir: Path, name: str, schema, limit_rows: int | None = None) -> list[Problem]:
    """frictionless on one table's CSV and its schema alone (types and constraints; no foreign keys, which frictionless
    checks only across a whole package), reading at most limit_rows rows (all when None)."""
    from frictionless import Resource, Schema

    file = f"data/{name}.csv"
    descriptor = {k: v for k, v in schema.descriptor.items() if k != "foreignKeys"}
    resource = Resource(path=file, basepath=str(package_dir), schema=Schema.from_descriptor(descriptor), format="csv",
                        encoding="utf-8")
    report = resource.validate(limit_rows=limit_rows)
    problems = []
    for task in report.tasks:
        for error in task.errors:
            problems.append(Problem(file, getattr(error, "row_number", None), getattr(error, "field_name", None),
                                    getattr(error, "cell", None), f"frictionless {error.type}: {error.note}"))
    return problems


PARQUET_BATCH_ROWS = 65_536  # rows of one Parquet column compared with the CSV's at a time


class _OneColumn:
    """One field of a table's schema, as frame_from_columns reads a schema (its fields and pandas dtypes)."""

    def __init__(self, schema, field: dict):
        self.fields = [field]
        self._dtypes = {field["name"]: schema.pandas_dtypes()[field["name"]]}

    def pandas_dtypes(self) -> dict:
        return self._dtypes


def _repetitive_text(path: Path, arrow_schema: pa.Schema) -> list[str]:
    """The text columns of a Parquet file stored in fewer than REPETITIVE_BYTES_PER_ROW bytes a row (a few values
    repeated over many rows): read as dictionaries, as stored, so that decoding a whole column
    chunk (as Arrow does) does not hold the repeated strings whole while the batches are compared."""
    metadata = pq.read_metadata(path)
    chosen = []
    for j, field in enumerate(arrow_schema):
        if not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            continue
        stored = sum(metadata.row_group(g).column(j).total_uncompressed_size for g in range(metadata.num_row_groups))
        if stored < REPETITIVE_BYTES_PER_ROW * max(metadata.num_rows, 1):
            chosen.append(field.name)
    return chosen


REPETITIVE_BYTES_PER_ROW = 8


def parquet_problems(package_dir: Path, name: str, schema, csv_frame: pd.DataFrame) -> list[Problem]:
    """The Parquet file must have the schema's Arrow types and hold csv_frame's values. Read and compared a column at
    a time, PARQUET_BATCH_ROWS rows at a time (typed as read_parquet types a column), so that only that much of the
    file is held beside the CSV's frame; the first 20 differences of each column are reported."""
    file = f"data/{name}.parquet"
    problems = []
    try:
        actual = pq.read_schema(package_dir / file)
        wanted = schema.arrow_schema()
        if [(f.name, f.type) for f in actual] != [(f.name, f.type) for f in wanted]:
            return [Problem(file, None, None, None,
                            f"has columns {[f'{f.name}: {f.type}' for f in actual]}, not the schema's "
                            f"{[f'{f.name}: {f.type}' for f in wanted]}; rebuild with `make build`")]
        parquet = pq.ParquetFile(package_dir / file, read_dictionary=_repetitive_text(package_dir / file, actual))
        rows = parquet.metadata.num_rows
        if schema.field_names != list(csv_frame.columns) or rows != len(csv_frame):
            return [Problem(file, None, None, None,
                            f"has {rows} rows / columns {schema.field_names} but data/{name}.csv has "
                            f"{len(csv_frame)} rows; the two must hold the same table: rebuild with `make build`")]
        for field in schema.fields:
            column, low, found = field["name"], 0, []
            for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=[column]):
                table = pa.Table.from_batches([batch])
                b = frame_from_columns(lambda _, table=table: _parquet_column(table, column), _OneColumn(schema, field))[column]
                a = csv_frame[column].iloc[low:low + len(b)]
                b.index = a.index
                differs = ~((a == b).fillna(False).astype(bool) | (a.isna() & b.isna()))
                for index in differs[differs].index[:20 - len(found)]:
                    found.append(Problem(file, index + 2, column, as_written(b[index]),
                                         f"disagrees with data/{name}.csv line {index + 2} ({as_written(a[index])!r}); rebuild with "
                                         "`make build`"))
                low += len(b)
            if low != rows:
                raise ValueError(f"column {column} has {low} values, the file's metadata {rows} rows")
            problems += found
            release_memory(collect=False)  # Arrow's pool keeps the pages a column was decoded into (a whole column chunk)
    except Exception as err:  # a truncated or foreign file: report it with the rest
        return [Problem(file, None, None, None, f"cannot be read as Parquet ({err}); rebuild with `make build`")]
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
        actual = sha256_of(path) if path.is_file() else "missing"
        if actual != expected:
            problems.append(Problem("data/SHA256SUMS", number, None, name,
                                    f"data/{name} has sha256 {actual}, not the recorded {expected}: the file was changed "
                                    f"after the build; rebuild with `make build`"))
    for name in sorted(present - set(listed) - {"SHA256SUMS"}):
        problems.append(Problem("data/SHA256SUMS", None, None, name,
                                f"does not list data/{name}: a line was deleted or the file emptied; rebuild with `make build`"))
    return problems


def _add_columns(needs: dict[str, list[str] | None], table: str, columns: list[str] | None) -> None:
    """needs[table] widened to columns too (None: every column)."""
    if columns is None or (table in needs and needs[table] is None):
        needs[table] = None
    else:
        needs[table] = list(dict.fromkeys((needs.get(table) or []) + columns))


def _checks_read(name: str, schema, schemas: dict) -> dict[str, list[str] | None]:
    """The other tables a table's checks read, each with the columns read (None: every column): the columns its
    foreign keys reference, the sources' ids for a table with spans (their articles are read from sources), and
    OTHER_TABLES_READ."""
    needs: dict[str, list[str] | None] = {}

    def need(table: str, columns: list[str] | None) -> None:
        if table != name and table in schemas:
            _add_columns(needs, table, columns)
    for fk in schema.foreign_keys:
        need(fk["reference"]["resource"] or name, fk["reference"]["fields"])
    if schema.span_groups:
        need("sources", ["source_id"])
    for table, columns in OTHER_TABLES_READ.get(name, {}).items():
        need(table, columns)
    return needs


def _check_order(schemas: dict, reads: dict[str, dict]) -> list[str]:
    """The tables in an order in which each comes after the tables its checks read (the schemas' order otherwise),
    so that a table is read, checked and released before the next; a cycle (sources and organisations name each
    other) is broken where it is met, and its other table is then held until its own turn, which comes next."""
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(name: str) -> None:
        if state.get(name):
            return
        state[name] = "visiting"
        for other in reads[name]:
            visit(other)
        state[name] = "done"
        order.append(name)
    for name in schemas:
        visit(name)
    return order


class _LastDecoded(Mapping):
    """An ArticleTexts that keeps the last text it decoded: a table's spans come in key order, mostly a source's
    rows together, so each article is decoded about once per table rather than once per row."""

    def __init__(self, texts: ArticleTexts):
        self._texts, self._last_id, self._last_text = texts, None, None

    def __getitem__(self, source_id) -> str:
        if source_id is not None and source_id == self._last_id:
            return self._last_text
        text = self._texts[source_id]
        self._last_id, self._last_text = source_id, text
        return text

    def __iter__(self):
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __contains__(self, source_id) -> bool:
        return source_id in self._texts


@older_objects_frozen()
def validate_package(package_dir: Path = ROOT) -> list[Problem]:
    """Every problem of the package in package_dir, as messages (never raises for a bad package).

    The tables are read and checked one at a time (in _check_order), each released with its line numbers once its
    checks and its Parquet comparison are done; what the checks of other tables read of it (_checks_read: key
    columns, and a few small record tables whole) is kept until the end. The article texts are held as one UTF-8
    buffer while the tables with spans are checked. The problems come in the order of reading every table first:
    reading problems by table, the articles' (against sources.csv, and in a package too large for frictionless to
    read whole against datapackage.json too), the checks' by table, the Parquet files' by table, the checksums'."""
    package_dir = Path(package_dir)
    try:
        schemas = all_schemas(package_dir / "schemas")
    except InputError as err:
        return [Problem(err.path, None, None, None, f"{err.where}: {err.problem}. {err.fix}")]
    paths = _PackagePaths(package_dir)
    descriptor, problems = descriptor_problems(package_dir, schemas, paths)
    recorded: dict[str, dict] = {}  # path -> resource of each article whose bytes and hash are checked here
    if problems:  # an unsafe or broken descriptor: frictionless must not follow it
        problems.append(Problem("datapackage.json", None, None, None,
                                "frictionless validation was skipped until the descriptor is fixed"))
    else:
        problems = frictionless_problems(package_dir, descriptor)
        if not frictionless_reads_everything(package_dir, descriptor):
            # what the check needs, not whole resources: held until the sources table is read
            recorded = {r["path"]: {key: r[key] for key in ("path", "bytes", "hash") if key in r}
                        for r in descriptor["resources"] if not _is_table(r)}
    del descriptor
    files = {name: f"data/{name}.csv" for name in schemas}
    reads = {name: _checks_read(name, schema, schemas) for name, schema in schemas.items()}
    kept_columns: dict[str, list[str] | None] = {}  # what the other tables' checks read of each table
    for needs in reads.values():
        for table, columns in needs.items():
            _add_columns(kept_columns, table, columns)
    order = _check_order(schemas, reads)
    last_with_spans = max((order.index(name) for name, schema in schemas.items() if schema.span_groups), default=-1)
    read_problems: dict[str, list[Problem]] = {}
    check_problems: dict[str, list[Problem]] = {}
    parquet_found: dict[str, list[Problem]] = {}
    article_problems: list[Problem] = []
    held: dict[str, tuple] = {}  # read, not yet checked: frame and CSV records
    kept: dict[str, pd.DataFrame] = {}
    articles: Mapping[str, str] = {}

    def read(name: str) -> None:
        nonlocal articles
        if name in held or name in read_problems:
            return
        schema = schemas[name]
        if not (package_dir / files[name]).is_file():
            read_problems[name] = [Problem(files[name], None, None, None, "missing; rebuild with `make build`")]
            frame, records = schema.empty_frame(), None
        else:
            frame, read_problems[name], records = read_table(package_dir / files[name], schema, files[name])
            release_memory(collect=False)  # reading a table makes a Python object per cell; the typed frame is kept
        held[name] = (frame, records)
        if name in kept_columns:
            kept[name] = frame if kept_columns[name] is None else frame[kept_columns[name]]
        if name == "sources":
            articles = _LastDecoded(_article_texts(frame, package_dir, paths, article_problems, recorded))

    for position, name in enumerate(order):
        for other in reads[name]:
            read(other)
        read(name)
        frame, records = held.pop(name)
        view = {table: kept[table] for table in reads[name]}
        view[name] = frame
        check_problems[name] = relocate(validate_table(name, frame, view, schemas, articles, files[name]),
                                        {files[name]: records})
        del view, records
        if position == last_with_spans:
            articles = {}  # the texts are only needed by the span checks
        if (package_dir / f"data/{name}.parquet").is_file():
            parquet_found[name] = parquet_problems(package_dir, name, schemas[name], frame)
        del frame
        release_memory()
    article_problems += resource_file_problems(package_dir, recorded.values())  # articles sources.csv does not name
    for found in (read_problems, {"": article_problems}, check_problems, parquet_found):
        for name in ([""] if "" in found else schemas):
            problems += found.get(name, [])
    expected_files = {f"{name}.{kind}" for name in schemas for kind in ("csv", "parquet")} | set(RELEASE_ARTEFACTS)
    problems += checksum_problems(package_dir, expected_files)
    return problems


def _article_texts(sources: pd.DataFrame, package_dir: Path, paths: _PackagePaths, problems: list[Problem],
                   recorded: dict[str, dict]) -> ArticleTexts:
    """The articles the sources table names (source_id -> text, in its rows' order), each file read once for all
    its checks: an unsafe path, an unreadable article or one whose sha256 differs from sources.csv becomes a
    problem instead, and the bytes and hash datapackage.json gives for it (its resource in recorded, taken out once
    checked) are checked from the same read."""
    texts = ArticleTexts()
    for row in sources[["source_id", "text_path", "sha256"]].itertuples(index=False):
        why = _unsafe_path(row.text_path, paths)
        if why:
            problems.append(Problem("data/sources.csv", None, "text_path", row.text_path, f"{why}; rebuild with `make build`"))
            continue
        path = package_dir / row.text_path
        try:
            data = path.read_bytes()
            text = decode_article(data, path)
        except (InputError, OSError) as err:
            problems.append(Problem("data/sources.csv", None, "text_path", row.text_path, str(err)))
            continue
        actual = hashlib.sha256(data).hexdigest()
        resource = recorded.pop(row.text_path, None)
        if resource is not None:
            problems += recorded_file_problems(resource, len(data), lambda: actual)
        if actual != row.sha256:
            problems.append(Problem(row.text_path, None, None, None,
                                    f"sha256 {actual} differs from data/sources.csv ({row.sha256}): the article was changed"))
        if row.source_id not in texts:  # a repeated source_id is the primary-key check's problem
            texts.add(row.source_id, text, data)
    return texts


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
