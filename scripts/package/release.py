"""Release artefacts derived from a built package: SQLite database, Croissant metadata, Datasette view, zip.

Everything here reads the package's descriptor and schemas/, so a new table or column flows through without
edits. Usage:
    python -m scripts.package.release dist      # dist/junior-doctors-strikes-VERSION.zip and its .sha256 (make dist)
    python -m scripts.package.release serve     # browse data/junior-doctors-strikes.sqlite in Datasette (make serve)
The build calls write_release_files() on its staging folder, so the database and croissant.json in data/ are
validated and published with the tables they come from.
"""
from __future__ import annotations

import json
import math
import os
import sqlite3
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from junior_doctors_strikes import open_package, verbatim_fields
from scripts.inputs.articles import sha256_of
from scripts.paths import ROOT

DATABASE = "junior-doctors-strikes.sqlite"
CROISSANT = "croissant.json"
RELEASE_ARTEFACTS = (DATABASE, CROISSANT)  # written into data/ beside the tables; validate.py expects exactly these
# Files of a release beside the package's own (datapackage.json, data/, schemas/, articles/).
RELEASE_EXTRAS = ("README.md", "LICENSE", "CITATION.cff")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so that the same files give the same zip
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}
CROISSANT_TYPES = {"string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float", "boolean": "sc:Boolean",
                   "date": "sc:Date"}
CROISSANT_CONTEXT = {  # the Croissant 1.0 JSON-LD context
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "equivalentProperty": "cr:equivalentProperty", "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract",
    "field": "cr:field", "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject", "fileSet": "cr:fileSet",
    "format": "cr:format", "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath",
    "key": "cr:key", "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated", "replace": "cr:replace",
    "samplingRate": "cr:samplingRate", "sc": "https://schema.org/", "separator": "cr:separator", "source": "cr:source", "subField": "cr:subField",
    "transform": "cr:transform"}


def verbatim_columns(package) -> dict[str, list[str]]:
    """{table: [columns]} holding publisher text copied from the articles (see verbatim_fields)."""
    found = {}
    for name in package.table_names:
        columns = verbatim_fields(package.schema(name))
        if columns:
            found[name] = columns
    return found


# --- SQLite ---------------------------------------------------------------------------------------------------

def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(name: str, schema: dict) -> str:
    """CREATE TABLE with the schema's column types, NOT NULL, primary key and foreign keys."""
    lines = []
    for field in schema["fields"]:
        required = field.get("constraints", {}).get("required")
        lines.append(f"{_quote(field['name'])} {SQL_TYPES.get(field.get('type'), 'TEXT')}{' NOT NULL' if required else ''}")
    if schema.get("primaryKey"):
        key = schema["primaryKey"] if isinstance(schema["primaryKey"], list) else [schema["primaryKey"]]
        lines.append(f"PRIMARY KEY ({', '.join(map(_quote, key))})")
    for fk in schema.get("foreignKeys", []):
        reference = fk["reference"]
        table = reference.get("resource") or name
        lines.append(f"FOREIGN KEY ({', '.join(map(_quote, fk['fields']))}) REFERENCES {_quote(table)} "
                     f"({', '.join(map(_quote, reference['fields']))})")
    return f"CREATE TABLE {_quote(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def _sql_value(value):
    """A loaded cell as SQLite stores it: None for missing, dates as YYYY-MM-DD, booleans as 0/1."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    return value.item() if hasattr(value, "item") else value


SQLITE_BATCH_ROWS = 50_000  # rows converted to Python values at a time (memory: one batch, not the table)


def _sql_columns(batch, schema: dict) -> list[list]:
    """One Parquet record batch as SQLite values, column by column (the conversions of _sql_value, done by Arrow):
    dates as YYYY-MM-DD text, booleans as 0/1, closed vocabularies as their text, missing values as None."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for field in schema["fields"]:
        array = batch.column(field["name"])
        if pa.types.is_dictionary(array.type):
            array = array.dictionary_decode()
        if pa.types.is_date(array.type):
            array = pc.cast(array, pa.string())
        elif pa.types.is_boolean(array.type):
            array = pc.cast(array, pa.int64())
        elif pa.types.is_floating(array.type):  # NaN is no value (as _sql_value has it); SQLite stores it as NULL too
            array = pc.if_else(pc.is_nan(array), pa.scalar(None, array.type), array)
        columns.append(array.to_pylist())
    return columns


def _parquet_batches(package_dir: Path, resource: dict, schema: dict):
    """The rows of a table's Parquet file, in batches, each an iterator of tuples of SQLite values; None when the
    file lacks a column of the schema (the caller then reads the table through the loader, as before)."""
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(package_dir / resource["path"])
    names = [f["name"] for f in schema["fields"]]
    if not set(names) <= set(parquet.schema_arrow.names):
        return None

    return (zip(*_sql_columns(batch, schema))
            for batch in parquet.iter_batches(batch_size=SQLITE_BATCH_ROWS, columns=names, use_threads=False))


def _tables(package) -> list[tuple[str, dict, dict]]:
    """(name, schema, resource of its Parquet copy or None) per table, in the descriptor's order; the resources are
    indexed once (a corpus package lists every article as a resource too)."""
    resources = {r.get("name"): r for r in package.descriptor.get("resources", [])}
    return [(name, package.schema(name), resources.get(f"{name}-parquet")) for name in package.table_names]


def write_sqlite(package_dir: Path, path: Path, package=None) -> None:
    """The package's tables in one SQLite file: typed columns, keys, and FTS5 full-text search on verbatim text.

    Deterministic: the same package gives the same bytes (the same statements in the same order on a new file; no
    VACUUM, which cost 10 CPU s at 100,000 articles, growing faster than the file, to save 2% of it). Rows come
    from each table's Parquet copy through Arrow, a batch at a time (validation checks that copy against the CSV);
    the file is written without a rollback journal or syncs, since the build writes it into its staging folder and
    publishes it by rename (an interrupted write leaves nothing published). Neither changes the file's bytes.
    """
    import sqlite_utils

    package = package or open_package(package_dir)
    if path.exists():
        path.unlink()
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        for name, schema, parquet in _tables(package):
            connection.execute(create_table_sql(name, schema))
            columns = [f["name"] for f in schema["fields"]]
            batches = None
            if parquet is not None and parquet.get("format") == "parquet":
                batches = _parquet_batches(package_dir, parquet, schema)
            if batches is None:
                frame = package.load(name)
                batches = [(tuple(_sql_value(v) for v in row) for row in frame[columns].itertuples(index=False, name=None))]
            insert = f"INSERT INTO {_quote(name)} VALUES ({', '.join('?' * len(columns))})"
            for rows in batches:  # one transaction for every table: committed below
                connection.executemany(insert, rows)
        connection.commit()
        db = sqlite_utils.Database(connection)
        for name, columns in verbatim_columns(package).items():
            db[name].enable_fts(columns, fts_version="FTS5", create_triggers=False)
        connection.commit()
    finally:
        connection.close()


# --- Datasette ------------------------------------------------------------------------------------------------

CANNED_QUERIES = {
    "who_is_quoted_most": {
        "title": "Who is quoted most",
        "description": "Quotation rows per speaker (a curated person, else the speaking organisation, else the "
                       "words that name the speaker), with the number of articles quoting them.",
        "sql": "select coalesce(people.name, organisations.name, nullif(quotes.speaker_text, ''), '(no speaker found)')"
               " as speaker,\n  count(*) as quotes, count(distinct quotes.source_id) as articles\nfrom quotes\n"
               "left join people on people.person_id = quotes.speaker_person_id\n"
               "left join organisations on organisations.organisation_id = quotes.speaker_organisation_id"
               " and quotes.speaker_person_id is null\ngroup by speaker\norder by quotes desc, speaker"},
    "conflicting_figures": {
        "title": "Which figures conflict",
        "description": "Figures for the same measure whose allowed intervals do not overlap across articles: a "
                       "conflict, or a disagreement the comparison explains otherwise (different instances or "
                       "periods, or another measure suspected); measure_verdicts.verdict says which, and its note "
                       "which figures disagree.",
        "sql": "select figure_comparisons.verdict, figure_comparisons.measure_id, measures.description as measure,"
               " figure_comparisons.source_id,\n  figure_comparisons.text, figure_comparisons.interval,"
               " measure_verdicts.conflict_note\nfrom figure_comparisons\n"
               "join measure_verdicts on measure_verdicts.measure_id = figure_comparisons.measure_id\n"
               "left join measures on measures.measure_id = figure_comparisons.measure_id\n"
               "where figure_comparisons.verdict not in ('single_source', 'consistent')\n"
               "order by figure_comparisons.verdict, figure_comparisons.measure_id, figure_comparisons.source_id,"
               " figure_comparisons.start"},
    "timeline": {
        "title": "The timeline",
        "description": "Every curated event in date order, with how many article passages support it.",
        "sql": "select events.start_date, events.end_date, events.date_precision, events.event_type, events.status,"
               " events.description,\n  (select count(*) from event_evidence where event_evidence.event_id ="
               " events.event_id) as evidence_passages\nfrom events\norder by events.start_date, events.event_id"},
}


def datasette_metadata(package_dir: Path) -> dict:
    """Datasette metadata from the descriptor and schemas: titles, descriptions, licence, source, canned queries."""
    package = open_package(package_dir)
    descriptor = package.descriptor
    licence = (descriptor.get("licenses") or [{}])[0]
    verbatim = verbatim_columns(package)
    tables = {}
    for name in package.table_names:
        schema = package.schema(name)
        description = schema.get("description", "")
        if name in verbatim:
            description += (f" Columns {', '.join(verbatim[name])} hold text copied from the articles: it remains the "
                            "publishers' copyright and is not covered by the CC BY 4.0 licence.")
        tables[name] = {"title": schema.get("title", name), "description": description,
                        "columns": {f["name"]: f.get("description", "") for f in schema["fields"]}}
        if name in verbatim:
            tables[f"{name}_fts"] = {"hidden": True}
    return {
        "title": descriptor.get("title", descriptor.get("name")),
        "description": descriptor.get("description", "") + " Licence: CC BY 4.0 for our curation and extraction; "
                       "the article texts, and the columns each table's description names as copied from them, "
                       "remain the publishers' copyright.",
        "license": licence.get("name", ""), "license_url": licence.get("path", ""),
        "source": f"{descriptor.get('name')} {descriptor.get('version')} (datapackage.json)",
        "source_url": descriptor.get("homepage", ""),
        "databases": {Path(DATABASE).stem: {"tables": tables, "queries": CANNED_QUERIES}},
    }


def datasette_command(package_dir: Path, metadata_file: Path, port: int, host: str = "127.0.0.1") -> list[str]:
    """The datasette command line serving the package's database read-only with its metadata."""
    executable = Path(sys.executable).with_name("datasette")
    return [str(executable), "serve", "-i", str(package_dir / "data" / DATABASE), "--metadata", str(metadata_file),
            "--host", host, "--port", str(port), "--setting", "default_page_size", "50"]


# --- Croissant ------------------------------------------------------------------------------------------------

def _csv_sha256(package_dir: Path, resource: dict, trust_descriptor: bool) -> str:
    """The sha256 of a table's CSV: the descriptor's own "hash" where the caller has just written both (the build,
    whose validation then checks every hash against its file), else read from the file."""
    recorded = str(resource.get("hash", ""))
    if trust_descriptor and recorded.startswith("sha256:"):
        return recorded.removeprefix("sha256:")
    return sha256_of(package_dir / resource["path"])


def croissant(package_dir: Path, package=None, trust_descriptor_hashes: bool = False) -> dict:
    """Croissant 1.0 JSON-LD for the package: one CSV file object per table (with sha256) and one record set
    per table, its fields typed and described from the schema, keys and references from its keys."""
    package = package or open_package(package_dir)
    descriptor = package.descriptor
    licence = (descriptor.get("licenses") or [{}])[0]
    verbatim = verbatim_columns(package)
    resources = {r.get("name"): r for r in descriptor["resources"]}
    distribution, record_sets, earlier = [], [], set()
    for name in package.table_names:
        schema = package.schema(name)
        resource = resources[name]
        file_id = Path(resource["path"]).name
        distribution.append({"@type": "cr:FileObject", "@id": file_id, "name": file_id,
                             "description": f"{schema.get('title', name)} as CSV",
                             "contentUrl": file_id, "encodingFormat": "text/csv",
                             "sha256": _csv_sha256(package_dir, resource, trust_descriptor_hashes)})
        fields = []
        for field in schema["fields"]:
            entry = {"@type": "cr:Field", "@id": f"{name}/{field['name']}", "name": field["name"],
                     "description": field.get("description", "") + (
                         " (Verbatim publisher text: not covered by CC BY 4.0.)" if field["name"] in verbatim.get(name, [])
                         else ""),
                     "dataType": CROISSANT_TYPES.get(field.get("type"), "sc:Text"),
                     "source": {"fileObject": {"@id": file_id}, "extract": {"column": field["name"]}}}
            for fk in schema.get("foreignKeys", []):
                if fk["fields"] == [field["name"]]:
                    target = fk["reference"].get("resource") or name
                    # mlcroissant cannot load record sets whose references form a cycle (organisations and
                    # sources refer to each other): keep those to tables earlier in the descriptor's order.
                    if target not in earlier:
                        continue
                    entry["references"] = {"field": {"@id": f"{target}/{fk['reference']['fields'][0]}"}}
            fields.append(entry)
        record_set = {"@type": "cr:RecordSet", "@id": name, "name": name,
                      "description": schema.get("description", ""), "field": fields}
        if schema.get("primaryKey"):
            record_set["key"] = [{"@id": f"{name}/{k}"} for k in schema["primaryKey"]]
        record_sets.append(record_set)
        earlier.add(name)
    note = "; ".join(f"{t}: {', '.join(c)}" for t, c in verbatim.items())
    return {
        "@context": CROISSANT_CONTEXT, "@type": "sc:Dataset", "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": descriptor["name"], "description": descriptor.get("description", "") + (
            " Licence: CC BY 4.0 for our curation and extraction. Text copied from the articles remains the "
            f"publishers' copyright and is not licensed by us; it is in these columns: {note}."),
        "license": licence.get("path", ""), "url": descriptor.get("homepage", ""),
        "version": descriptor.get("version", ""), "datePublished": descriptor.get("created", "")[:10],
        "keywords": descriptor.get("keywords", []),
        "creator": [{"@type": "Organization", "name": c.get("title", "")} for c in descriptor.get("contributors", [])],
        "citeAs": f"{descriptor.get('contributors', [{}])[0].get('title', '')} ({descriptor.get('created', '')[:4]}). "
                  f"{descriptor.get('title', '')}, version {descriptor.get('version', '')}. {descriptor.get('homepage', '')}",
        "distribution": distribution, "recordSet": record_sets,
    }


def write_release_files(package_dir: Path) -> None:
    """Write data/junior-doctors-strikes.sqlite and data/croissant.json into a built package, then refresh
    data/SHA256SUMS so that it covers them too. Called by the build on its staging folder."""
    from scripts.package.write import write_checksums

    package_dir = Path(package_dir)
    package = open_package(package_dir)  # the descriptor (every article a resource in a corpus) is read once
    write_sqlite(package_dir, package_dir / "data" / DATABASE, package)
    text = json.dumps(croissant(package_dir, package, trust_descriptor_hashes=True), indent=2, ensure_ascii=False) + "\n"
    (package_dir / "data" / CROISSANT).write_text(text, encoding="utf-8")
    write_checksums(package_dir)


# --- The release zip ------------------------------------------------------------------------------------------

def release_files(root: Path) -> list[Path]:
    """Every file the release zip holds, sorted: the descriptor, data/, schemas/, articles/ and RELEASE_EXTRAS."""
    files = [root / "datapackage.json", *(root / name for name in RELEASE_EXTRAS)]
    for folder in ("data", "schemas", "articles"):
        files += [p for p in (root / folder).rglob("*") if p.is_file()]
    missing = [str(p.relative_to(root)) for p in files if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"{root}: {missing} missing; run `make build` first")
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def write_dist(root: Path = ROOT, out_dir: Path | None = None) -> Path:
    """dist/junior-doctors-strikes-VERSION.zip (byte-identical on rebuild) and its .sha256 beside it."""
    root = Path(root)
    out_dir = Path(out_dir) if out_dir else root / "dist"
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    stem = f"{descriptor['name']}-{descriptor['version']}"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{stem}.zip"
    partial = out_dir / f".{stem}.zip.partial"
    with zipfile.ZipFile(partial, "w") as archive:
        for path in release_files(root):
            info = zipfile.ZipInfo(f"{stem}/{path.relative_to(root).as_posix()}", date_time=ZIP_TIME)
            info.compress_type, info.create_system = zipfile.ZIP_DEFLATED, 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    os.replace(partial, target)
    (out_dir / f"{stem}.zip.sha256").write_text(f"{sha256_of(target)}  {target.name}\n", encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "dist":
        from scripts.package.validate import report, validate_package

        problems = validate_package(ROOT)
        if problems:
            print(report(problems, "published package (no zip was written)"), file=sys.stderr)
            return 1
        target = write_dist(ROOT)
        print(f"{target.relative_to(ROOT)}  {target.stat().st_size} bytes  sha256 {sha256_of(target)}")
        return 0
    if command == "serve":
        if not (ROOT / "data" / DATABASE).exists():
            print(f"data/{DATABASE} is missing: run `make build` first", file=sys.stderr)
            return 1
        port = int(argv[1]) if len(argv) > 1 else 8001
        metadata_file = ROOT / "build" / "datasette-metadata.json"
        metadata_file.parent.mkdir(exist_ok=True)
        metadata_file.write_text(json.dumps(datasette_metadata(ROOT), indent=2), encoding="utf-8")
        command_line = datasette_command(ROOT, metadata_file, port)
        print(f"Datasette on http://127.0.0.1:{port}/ (Ctrl-C stops it)")
        os.execv(command_line[0], command_line)
    print("usage: python -m scripts.package.release dist | serve [PORT]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
