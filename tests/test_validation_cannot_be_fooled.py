"""`make validate` cannot be fooled: SHA256SUMS covers exactly data/, the descriptor may only name local files of
the package, Parquet content is checked, and every failure is a message, never a traceback."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scripts.package import validate as validating
from scripts.build import build
from scripts.errors import InputError
from scripts.paths import ROOT
from scripts.package.validate import validate_package


def messages(problems):
    return [str(p) for p in problems]


def test_deleted_sha256sums_line_is_reported(package_copy):
    sums = package_copy / "data/SHA256SUMS"
    lines = sums.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = next(line for line in lines if line.endswith("  people.parquet\n"))
    sums.write_text("".join(line for line in lines if line != dropped), encoding="utf-8")
    problems = validate_package(package_copy)
    assert [p.value for p in problems] == ["people.parquet"] and "does not list data/people.parquet" in problems[0].message


def test_emptied_sha256sums_is_reported_for_every_file(package_copy):
    (package_copy / "data/SHA256SUMS").write_text("", encoding="utf-8")
    problems = validate_package(package_copy)
    unlisted = {p.value for p in problems if "does not list" in p.message}
    assert unlisted == {p.name for p in (package_copy / "data").iterdir()} - {"SHA256SUMS"}


def test_extra_file_in_data_is_reported(package_copy):
    (package_copy / "data/notes.csv").write_text("a\n1\n", encoding="utf-8")
    problems = validate_package(package_copy)
    assert any(p.file == "data/notes.csv" and "not a file of the package" in p.message for p in problems), messages(problems)


def test_extra_file_listed_in_sha256sums_is_still_reported(package_copy):
    import hashlib
    extra = package_copy / "data/notes.csv"
    extra.write_text("a\n1\n", encoding="utf-8")
    with (package_copy / "data/SHA256SUMS").open("a", encoding="utf-8") as handle:
        handle.write(f"{hashlib.sha256(extra.read_bytes()).hexdigest()}  notes.csv\n")
    assert any(p.file == "data/notes.csv" for p in validate_package(package_copy))


@pytest.mark.parametrize("line", ["not a checksum line", "abc  people.csv", "0" * 64 + "  ../datapackage.json"])
def test_malformed_sha256sums_line_is_a_message(package_copy, line):
    with (package_copy / "data/SHA256SUMS").open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    problems = validate_package(package_copy)
    assert any(p.file == "data/SHA256SUMS" and "is not a `sha256sum` line" in p.message for p in problems), messages(problems)


def set_resource(package_copy, name, **changes):
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    next(r for r in descriptor["resources"] if r["name"] == name).update(changes)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


@pytest.mark.parametrize("path, why", [
    ("https://example.org/people.csv", "is a URL"),
    ("/etc/passwd", "is absolute"),
    ("../outside/people.csv", "climbs out of the package"),
    ("~/people.csv", "home folder"),
])
def test_resource_path_outside_the_package_is_refused_before_frictionless_reads_it(package_copy, monkeypatch, path, why):
    def must_not_run(package_dir):
        raise AssertionError("frictionless was asked to follow an unsafe descriptor")
    monkeypatch.setattr(validating, "frictionless_problems", must_not_run)
    set_resource(package_copy, "people", path=path)
    problems = validate_package(package_copy)
    assert any(p.file == "datapackage.json" and p.column == "people.path" and why in p.message for p in problems), \
        messages(problems)


def test_resource_path_through_a_symlink_out_of_the_package_is_refused(package_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(validating, "frictionless_problems", lambda package_dir: pytest.fail("followed"))
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(package_copy / "data/people.csv", outside / "people.csv")
    (package_copy / "link").symlink_to(outside)
    set_resource(package_copy, "people", path="link/people.csv")
    assert any("through a symbolic link" in p.message for p in validate_package(package_copy))


def test_table_resource_pointing_at_another_tables_file_is_refused(package_copy):
    set_resource(package_copy, "people", path="data/organisations.csv")
    assert any(p.column == "people.path" and "must be data/people.csv" in p.message for p in validate_package(package_copy))


def test_invalid_descriptor_json_is_a_message(package_copy):
    (package_copy / "datapackage.json").write_text('{"name": "x",\n "resources": [}', encoding="utf-8")
    problems = validate_package(package_copy)
    assert any(p.file == "datapackage.json" and "not valid UTF-8 JSON at line 2" in p.message for p in problems), messages(problems)


def test_invalid_schema_json_is_a_message_in_validate_and_build(package_copy):
    schema = package_copy / "schemas/people.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"fields"', '"fields" "', 1), encoding="utf-8")
    problems = validate_package(package_copy)
    assert len(problems) == 1 and "people.schema.json" in problems[0].file and "not valid JSON" in str(problems[0])
    with pytest.raises(InputError, match="people.schema.json: line"):
        build(package_copy)


def test_invalid_metadata_json_stops_the_build_with_its_line(package_copy):
    metadata = package_copy / "metadata/package.json"
    metadata.write_text(metadata.read_text(encoding="utf-8").rstrip().rstrip("}"), encoding="utf-8")
    with pytest.raises(InputError, match=r"package.json: line \d+ column \d+: not valid JSON"):
        build(package_copy)


def change_parquet_value(package_copy):
    path = package_copy / "data/organisations.parquet"
    table = pq.read_table(path)
    names = table.column("name").to_pylist()
    names[0] += " (edited)"
    index = table.schema.get_field_index("name")
    pq.write_table(table.set_column(index, table.schema.field("name"), pa.array(names)), path)


def test_frictionless_alone_misses_a_changed_parquet_value_but_make_validate_does_not(package_copy):
    change_parquet_value(package_copy)
    frictionless = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    alone = subprocess.run([frictionless, "validate", "datapackage.json"], cwd=package_copy, capture_output=True, text=True)
    assert alone.returncode == 0  # what the README warns about
    ours = subprocess.run([sys.executable, "-m", "scripts.package.validate", str(package_copy)], cwd=ROOT, capture_output=True, text=True)
    assert ours.returncode == 1 and "disagrees with data/organisations.csv" in ours.stdout


def test_parquet_with_another_column_type_is_reported(package_copy):
    path = package_copy / "data/events.parquet"
    table = pq.read_table(path)
    index = table.schema.get_field_index("duration_hours")
    table = table.set_column(index, pa.field("duration_hours", pa.float64()), table.column(index).cast(pa.float64()))
    pq.write_table(table, path)
    assert any(p.file == "data/events.parquet" and "not the schema's" in p.message for p in validate_package(package_copy))


@pytest.mark.parametrize("damage", ["descriptor", "sums", "schema", "no-data"])
def test_the_command_prints_messages_never_a_traceback(package_copy, damage):
    if damage == "descriptor":
        (package_copy / "datapackage.json").write_bytes(b"\xff{")
    elif damage == "sums":
        (package_copy / "data/SHA256SUMS").write_bytes(b"\xff\xfe garbage")
    elif damage == "schema":
        (package_copy / "schemas/events.schema.json").write_text("[]", encoding="utf-8")
    else:
        shutil.rmtree(package_copy / "data")
    result = subprocess.run([sys.executable, "-m", "scripts.package.validate", str(package_copy)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr, result.stderr[-2000:]
    assert "rebuild with `make build`" in result.stdout or "Restore it" in result.stdout, result.stdout[-2000:]


def test_changed_article_text_is_reported_against_the_sources_table(package_copy):
    article = sorted((package_copy / "articles").glob("*.txt"))[0]
    article.write_bytes(article.read_bytes().replace(b" ", b"  ", 1))
    problems = validate_package(package_copy)
    assert any(p.file == f"articles/{article.name}" and "differs from data/sources.csv" in p.message
               and "the article was changed" in p.message for p in problems), messages(problems)


def test_article_that_is_not_utf8_is_reported_at_its_byte(package_copy):
    article = sorted((package_copy / "articles").glob("*.txt"))[0]
    article.write_bytes(b"caf\xe9 " + article.read_bytes())
    problems = validate_package(package_copy)
    assert any(p.file == "data/sources.csv" and p.column == "text_path" and "byte 3" in p.message
               and "not valid UTF-8" in p.message for p in problems), messages(problems)
