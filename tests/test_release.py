"""The release: SQLite database, Croissant metadata, the zip, and the metadata other tools read."""
from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from junior_doctors_strikes import load, open_package, verbatim_fields
from scripts.paths import ROOT
from scripts.package.release import DATABASE, RELEASE_EXTRAS, croissant, verbatim_columns, write_dist
from scripts.package.tableschema import all_schemas

SCHEMAS = all_schemas(ROOT / "schemas")


def test_span_text_and_marked_columns_are_verbatim_and_named_in_the_readme_licence():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    licence = readme[readme.index("<!-- verbatim:start -->"):readme.index("<!-- verbatim:end -->")]
    for name, schema in SCHEMAS.items():
        columns = verbatim_fields(schema.descriptor)
        assert {g.text for g in schema.span_groups} | {f["name"] for f in schema.fields if f.get("x-verbatim")} == set(columns)
        if columns:
            assert f"- `{name}`: " + ", ".join(f"`{c}`" for c in columns) in licence
    unmarked = {"fields": [{"name": "evidence_text"}, {"name": "evidence_start"}, {"name": "evidence_end"},
                           {"name": "note"}, {"name": "quote", "x-verbatim": True}]}
    assert verbatim_fields(unmarked) == ["evidence_text", "quote"]


def test_the_build_publishes_the_database_and_croissant_listed_in_sha256sums(built_root):
    sums = (built_root / "data" / "SHA256SUMS").read_text(encoding="utf-8")
    for name in (DATABASE, "croissant.json"):
        path = built_root / "data" / name
        assert f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {name}\n" in sums
    # the committed copies are the ones the build makes: a build in another folder gives the same bytes
    assert (built_root / "data" / DATABASE).read_bytes() == (ROOT / "data" / DATABASE).read_bytes()
    assert (built_root / "data" / "croissant.json").read_text() == (ROOT / "data" / "croissant.json").read_text()


def test_the_database_has_every_table_with_its_rows_keys_and_foreign_keys():
    db = sqlite3.connect(ROOT / "data" / DATABASE)
    for name, schema in SCHEMAS.items():
        rows = db.execute(f'select count(*) from "{name}"').fetchone()[0]
        assert rows == len(pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str)), name
        info = db.execute(f'pragma table_info("{name}")').fetchall()
        assert [c[1] for c in info] == schema.field_names
        assert [c[1] for c in sorted((c for c in info if c[5]), key=lambda c: c[5])] == schema.primary_key
        declared = {(tuple(fk["fields"]), fk["reference"]["resource"] or name) for fk in schema.foreign_keys}
        found = {}
        for fk in db.execute(f'pragma foreign_key_list("{name}")').fetchall():
            found.setdefault((fk[0], fk[2]), []).append(fk[3])
        assert {(tuple(cols), table) for (_, table), cols in found.items()} == declared, name
    assert db.execute("pragma foreign_key_check").fetchall() == []
    dated = db.execute("select start_date from events where start_date is not null limit 1").fetchone()[0]
    assert len(dated) == 10 and dated[4] == "-"


def test_full_text_search_finds_quotes_and_evidence_by_word():
    db = sqlite3.connect(ROOT / "data" / DATABASE)
    quotes = load("quotes", ROOT)
    word = "pay"
    expected = quotes["text"].str.contains(rf"\b{word}\b", case=False, regex=True).sum()
    found = db.execute("select count(*) from quotes_fts where quotes_fts match ?", [word]).fetchone()[0]
    assert found == expected > 0
    evidence = db.execute("select count(*) from event_evidence_fts where event_evidence_fts match 'strike'").fetchone()[0]
    assert evidence > 0
    assert {t for t, in db.execute("select name from sqlite_master where name like '%_fts'")} == {
        f"{t}_fts" for t in verbatim_columns(open_package(ROOT))}


# --- Croissant ---

def test_croissant_is_what_the_published_package_gives_and_its_checksums_match():
    document = json.loads((ROOT / "data" / "croissant.json").read_text(encoding="utf-8"))
    assert document == croissant(ROOT)
    for file in document["distribution"]:
        assert file["sha256"] == hashlib.sha256((ROOT / "data" / file["contentUrl"]).read_bytes()).hexdigest()
    assert [r["name"] for r in document["recordSet"]] == list(SCHEMAS)
    for record_set in document["recordSet"]:
        assert [f["name"] for f in record_set["field"]] == SCHEMAS[record_set["name"]].field_names


def test_mlcroissant_validates_the_metadata_and_loads_a_record_set():
    run = subprocess.run([str(Path(sys.executable).with_name("mlcroissant")), "validate", "--jsonld",
                          str(ROOT / "data" / "croissant.json")], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "error" not in (run.stdout + run.stderr).lower() and "not standard" not in run.stderr
    import mlcroissant as mlc

    records = list(mlc.Dataset(jsonld=str(ROOT / "data" / "croissant.json")).records(record_set="events"))
    events = load("events", ROOT)
    assert len(records) == len(events)
    first = records[0]
    assert first["events/event_id"].decode() == events["event_id"].iloc[0]
    assert pd.Timestamp(first["events/start_date"]) == events["start_date"].iloc[0]


# --- the zip ---

def test_the_release_zip_is_byte_identical_on_rebuild_with_its_sha256(tmp_path):
    first, second = write_dist(ROOT, tmp_path / "one"), write_dist(ROOT, tmp_path / "two")
    assert first.read_bytes() == second.read_bytes()
    version = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert first.name == f"junior-doctors-strikes-{version}.zip"
    digest = hashlib.sha256(first.read_bytes()).hexdigest()
    assert (first.parent / f"{first.name}.sha256").read_text() == f"{digest}  {first.name}\n"
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    top = f"junior-doctors-strikes-{version}/"
    for required in ("datapackage.json", *RELEASE_EXTRAS, f"data/{DATABASE}", "data/croissant.json", "data/SHA256SUMS"):
        assert top + required in names
    for folder in ("data", "schemas", "articles"):
        assert {top + f"{folder}/{p.name}" for p in (ROOT / folder).iterdir()} <= set(names)


def test_the_release_zip_validates_with_frictionless_and_loads_with_the_loader(tmp_path):
    archive = write_dist(ROOT, tmp_path)
    pd.testing.assert_frame_equal(load("quotes", archive), load("quotes", ROOT))
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(tmp_path / "out")
    from frictionless import Package

    unpacked = next((tmp_path / "out").iterdir())
    report = Package(str(unpacked / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


# --- metadata other tools read ---

def test_the_descriptor_passes_the_official_data_package_v2_profile():
    import jsonschema

    profile = json.loads((ROOT / "metadata" / "profiles" / "datapackage-2.0.json").read_text(encoding="utf-8"))
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(profile).iter_errors(descriptor)]
    assert errors == []
    broken = {**descriptor, "resources": [{**descriptor["resources"][-1], "type": "file"}]}
    assert not jsonschema.Draft7Validator(profile).is_valid(broken)


CFFCONVERT = ROOT / ".venv-cff" / "bin" / "cffconvert"


def test_cffconvert_accepts_citation_cff_as_a_dataset_with_the_package_version():
    import os

    if not CFFCONVERT.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CFFCONVERT} missing: `make test` installs it from requirements-cff.lock")
        pytest.skip("cffconvert's own venv is missing: run `make test` (or `make .venv-cff/.installed`)")
    run = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert run.returncode == 0 and "valid" in run.stdout, run.stdout + run.stderr
    converted = subprocess.run([str(CFFCONVERT), "-f", "zenodo", "-i", str(ROOT / "CITATION.cff")],
                               capture_output=True, text=True)
    assert converted.returncode == 0, converted.stderr
    zenodo = json.loads(converted.stdout)
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert zenodo["version"] == descriptor["version"]
    assert zenodo["creators"] == [{"name": descriptor["contributors"][0]["title"]}]  # the team, as an entity
    assert zenodo["license"] == {"id": "CC-BY-4.0"} and zenodo["publication_date"]
    import yaml

    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["type"] == "dataset"  # cffconvert 2.0's converters drop the type, so it is read here


def test_sqlite_rows_read_from_parquet_through_arrow_equal_the_loaders_typed_values():
    """write_sqlite takes rows from each table's Parquet copy through Arrow; they must be the values the loader's
    typed frame gave (dates as text, booleans 0/1, vocabularies as text, None for missing), table by table."""
    from scripts.package.release import _parquet_batches, _sql_value, _tables

    package = open_package(ROOT)
    compared = 0
    for name, schema, parquet in _tables(package):
        columns = [f["name"] for f in schema["fields"]]
        expected = [tuple(_sql_value(v) for v in row)
                    for row in package.load(name)[columns].itertuples(index=False, name=None)]
        batches = _parquet_batches(ROOT, parquet, schema)
        assert batches is not None, name
        got = [row for batch in batches for row in batch]
        assert got == expected, name
        assert [tuple(map(type, row)) for row in got] == [tuple(map(type, row)) for row in expected], name
        compared += len(got)
    assert compared > 500  # every table of the repository's package


def test_sqlite_with_a_parquet_copy_missing_a_column_falls_back_to_the_loader(tmp_path):
    from scripts.package.release import _parquet_batches
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"a": [1]}), tmp_path / "t.parquet")
    schema = {"fields": [{"name": "a", "type": "integer"}, {"name": "b", "type": "string"}]}
    assert _parquet_batches(tmp_path, {"path": "t.parquet"}, schema) is None
    assert [list(rows) for rows in _parquet_batches(tmp_path, {"path": "t.parquet"}, {"fields": schema["fields"][:1]})] \
        == [[(1,)]]
