"""The validator catches each kind of corruption, with a message naming the file and row."""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scripts.package.validate import validate_package


def rewrite_csv(path, change):
    """Apply change(rows) to a CSV's rows (dicts) and write it back in the same format."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8"))


def messages(problems):
    return [str(p) for p in problems]


def test_built_package_is_valid(built_root):
    assert messages(validate_package(built_root)) == []


def test_frictionless_cli_validates_the_built_package(built_root):
    frictionless = shutil.which("frictionless", path=str(__import__("pathlib").Path(sys.executable).parent))
    result = subprocess.run([frictionless, "validate", "datapackage.json"], cwd=built_root,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_dangling_foreign_key_is_reported(package_copy):
    rewrite_csv(package_copy / "data/people.csv",
                lambda rows: rows[0].update(organisation_id="no-such-organisation"))
    found = [p for p in validate_package(package_copy)
             if p.file == "data/people.csv" and p.column == "organisation_id" and p.line == 2]
    assert found and "must be a organisation_id in organisations" in found[0].message


def test_impossible_date_is_reported(package_copy):
    rewrite_csv(package_copy / "data/sources.csv", lambda rows: rows[0].update(published_date="2023-02-30"))
    found = [p for p in validate_package(package_copy)
             if p.file == "data/sources.csv" and p.column == "published_date" and p.line == 2]
    assert found and "date" in found[0].message


def test_span_one_character_off_is_reported(package_copy):
    table = "quotes" if (package_copy / "data/quotes.csv").read_text().count("\n") > 1 else "event_evidence"

    def shift(rows):
        rows[0]["start"] = str(int(rows[0]["start"]) + 1)
        rows[0]["end"] = str(int(rows[0]["end"]) + 1)

    rewrite_csv(package_copy / f"data/{table}.csv", shift)
    found = [p for p in validate_package(package_copy) if p.file == f"data/{table}.csv" and p.line == 2
             and "must equal the article text" in p.message]
    assert found, messages(validate_package(package_copy))


def test_tampered_csv_fails_its_recorded_hash(package_copy):
    path = package_copy / "data/organisations.csv"
    path.write_bytes(path.read_bytes().replace(b"British Medical Association", b"British Medical Associatio"))
    problems = messages(validate_package(package_copy))
    assert any("hash" in m and "organisations" in m for m in problems), problems
    assert any("data/SHA256SUMS" in m and "organisations.csv" in m for m in problems), problems


def test_parquet_that_disagrees_with_its_csv_is_reported(package_copy):
    path = package_copy / "data/organisations.parquet"
    table = pq.read_table(path)
    names = table.column("name").to_pylist()
    names[0] = names[0] + " (edited)"
    import pyarrow as pa
    table = table.set_column(table.schema.get_field_index("name"), table.schema.field("name"), pa.array(names))
    pq.write_table(table, path)
    problems = validate_package(package_copy)
    assert any(p.file == "data/organisations.parquet" and p.column == "name" and "disagrees with data/organisations.csv" in p.message
               for p in problems), messages(problems)
    assert any("SHA256SUMS" in p.file and "organisations.parquet" in str(p.value) for p in problems)


def test_duplicate_primary_key_is_reported(package_copy):
    rewrite_csv(package_copy / "data/organisations.csv", lambda rows: rows.append(dict(rows[0])))
    problems = validate_package(package_copy)
    assert any(p.file == "data/organisations.csv" and "duplicate" in p.message for p in problems), messages(problems)


def test_value_outside_closed_vocabulary_is_reported(package_copy):
    rewrite_csv(package_copy / "data/organisations.csv", lambda rows: rows[0].update(kind="pressure_group"))
    problems = validate_package(package_copy)
    assert any(p.file == "data/organisations.csv" and p.column == "kind" and p.line == 2 for p in problems), messages(problems)


def test_validation_reports_every_failure_at_once(package_copy):
    rewrite_csv(package_copy / "data/people.csv", lambda rows: rows[0].update(organisation_id="nobody"))
    rewrite_csv(package_copy / "data/sources.csv", lambda rows: rows[1].update(published_date="2023-13-01"))
    problems = validate_package(package_copy)
    assert {("data/people.csv", "organisation_id"), ("data/sources.csv", "published_date")} <= {(p.file, p.column) for p in problems}


@pytest.mark.parametrize("table", ["sources", "organisations", "events", "quotes", "figures", "mentions"])
def test_parquet_has_the_schema_types(built_root, table):
    from scripts.package.tableschema import load_schema
    schema = load_schema(table)
    arrow = pq.read_schema(built_root / f"data/{table}.parquet")
    for field in schema.fields:
        arrow_field = arrow.field(field["name"])
        if schema.enum(field["name"]):
            assert str(arrow_field.type).startswith("dictionary<values=string")
        else:
            assert str(arrow_field.type) == {"string": "string", "integer": "int64", "number": "double",
                                             "boolean": "bool", "date": "date32[day]"}[field["type"]]
        assert arrow_field.metadata[b"description"].decode() == field["description"]


def test_dangling_composite_foreign_key_is_reported(package_copy):
    rewrite_csv(package_copy / "data/figure_comparisons.csv", lambda rows: rows[0].update(start="99999"))
    problems = validate_package(package_copy)
    assert any(p.file == "data/figure_comparisons.csv" and p.line == 2 and "source_id+start in figures" in p.message
               for p in problems), messages(problems)


def test_figure_row_whose_verdict_differs_from_its_measures_is_reported(package_copy):
    def change(rows):
        rows[1]["verdict"] = "conflict" if rows[1]["verdict"] != "conflict" else "consistent"
    rewrite_csv(package_copy / "data/figure_comparisons.csv", change)
    problems = validate_package(package_copy)
    assert any(p.file == "data/figure_comparisons.csv" and p.line == 3 and p.column == "verdict"
               and "measure_verdicts gives" in p.message for p in problems), messages(problems)


def test_measure_whose_figures_count_differs_from_its_rows_is_reported(package_copy):
    rewrite_csv(package_copy / "data/measure_verdicts.csv", lambda rows: rows[0].update(figures_count="7"))
    problems = validate_package(package_copy)
    assert any(p.file == "data/figure_comparisons.csv" and "measure_verdicts.figures_count says 7" in p.message
               for p in problems), messages(problems)


def _cross_table_corruptions(root):
    """One broken reference for each kind of check that reads another table (validation keeps only what it reads)."""
    alias = next(csv.DictReader((root / "data/organisation_aliases.csv").open(encoding="utf-8")))["alias"]
    rewrite_csv(root / "data/people.csv", lambda rows: rows[0].update(organisation_id="no-such-organisation"))
    rewrite_csv(root / "data/organisations.csv", lambda rows: rows[1].update(evidence_source_id="no-such-source"))
    rewrite_csv(root / "data/person_aliases.csv", lambda rows: rows[0].update(alias=alias))
    rewrite_csv(root / "data/statements.csv", lambda rows: rows[0].update(previous_statement_id="no-such-statement"))
    rewrite_csv(root / "data/statement_reports.csv", lambda rows: rows[0].update(start="99999"))
    rewrite_csv(root / "data/ballots.csv", lambda rows: rows[0].update(other_record_source_ids="no-such-record-source"))
    for table in ("record_disagreements", "event_record_links", "figure_record_links"):
        rewrite_csv(root / f"data/{table}.csv", lambda rows: rows[0].update(record_id="no-such-record") if rows else None)


def test_each_tables_checks_find_the_same_problems_from_only_the_columns_validation_keeps_of_the_others(package_copy):
    from scripts.inputs.articles import read_article
    from scripts.package.checks import validate_table
    from scripts.package.tables import read_table
    from scripts.package.tableschema import all_schemas
    from scripts.package.validate import _check_order, _checks_read

    _cross_table_corruptions(package_copy)
    schemas = all_schemas(package_copy / "schemas")
    frames = {name: read_table(package_copy / f"data/{name}.csv", schema)[0] for name, schema in schemas.items()}
    articles = {row.source_id: read_article(package_copy / row.text_path) for row in frames["sources"].itertuples()}
    reads = {name: _checks_read(name, schema, schemas) for name, schema in schemas.items()}
    found = 0
    for name, frame in frames.items():
        kept = {table: frames[table] if columns is None else frames[table][columns] for table, columns in reads[name].items()}
        everything = validate_table(name, frame, frames, schemas, articles, f"data/{name}.csv")
        assert validate_table(name, frame, kept | {name: frame}, schemas, articles, f"data/{name}.csv") == everything, name
        found += len(everything)
    assert found >= 9  # every corruption above was found, from every table at once and from the kept columns alike
    order = _check_order(schemas, reads)
    assert sorted(order) == sorted(schemas)
    for position, name in enumerate(order):  # a table is checked after what it reads, but in a cycle of references
        later = [other for other in reads[name] if order.index(other) > position]
        assert all(name in reads[other] for other in later), (name, later)


def test_table_by_table_validation_reports_cross_table_problems_in_the_order_of_the_tables(package_copy):
    _cross_table_corruptions(package_copy)
    checked = [p for p in validate_package(package_copy) if not p.message.startswith("frictionless")
               and p.file.endswith(".csv") and p.file != "data/SHA256SUMS"]
    files = [p.file for p in checked]
    schema_order = sorted({f for f in files}, key=files.index)
    assert {"data/people.csv", "data/organisations.csv", "data/person_aliases.csv", "data/statements.csv",
            "data/statement_reports.csv", "data/ballots.csv"} <= set(files), messages(checked)
    from scripts.package.tableschema import all_schemas
    names = [f"data/{name}.csv" for name in all_schemas(package_copy / "schemas")]
    assert schema_order == sorted(schema_order, key=names.index)  # the schemas' order, not the order they were checked


def test_parquet_compared_in_batches_reports_the_first_differences_of_each_column_as_whole_columns_do(package_copy, monkeypatch):
    import pyarrow as pa

    import scripts.package.validate as validate
    from scripts.package.tables import read_table
    from scripts.package.tableschema import load_schema

    path = package_copy / "data/mentions.parquet"
    table = pq.read_table(path)
    starts = table.column("start").to_pylist()
    for row in range(0, len(starts), 2):  # more than 20 differences, on both sides of every batch's edge
        starts[row] += 1
    table = table.set_column(table.schema.get_field_index("start"), table.schema.field("start"),
                             pa.array(starts, table.schema.field("start").type))
    pq.write_table(table, path)
    schema = load_schema("mentions")
    frame = read_table(package_copy / "data/mentions.csv", schema)[0]
    whole = validate.parquet_problems(package_copy, "mentions", schema, frame)
    monkeypatch.setattr(validate, "PARQUET_BATCH_ROWS", 3)
    assert validate.parquet_problems(package_copy, "mentions", schema, frame) == whole
    assert len(whole) == 20 and [p.line for p in whole] == list(range(2, 42, 2))


def test_a_parquet_cell_that_disagrees_is_quoted_as_the_csv_writes_it(package_copy):
    """A flipped boolean shows as false against the CSV's 'true', not as Python's False."""
    path = package_copy / "data/organisation_aliases.parquet"
    table = pq.read_table(path)
    field = next(f for f in table.schema if pa.types.is_boolean(f.type))
    values = table.column(field.name).to_pylist()
    values[0] = not values[0]
    table = table.set_column(table.schema.get_field_index(field.name), field, pa.array(values, field.type))
    pq.write_table(table, path)
    [problem] = [p for p in validate_package(package_copy) if p.file == "data/organisation_aliases.parquet"]
    written = "true" if values[0] else "false"
    assert (problem.column, problem.value) == (field.name, written), problem
    assert f"({('false' if values[0] else 'true')!r})" in problem.message, problem
