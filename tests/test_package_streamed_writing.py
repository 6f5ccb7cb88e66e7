"""The build writes and reads back tables a piece at a time (memory); the bytes must not change."""
from __future__ import annotations

import pandas as pd
import pytest

from scripts.package import tables
from scripts.package.tables import csv_bytes, read_csv, read_parquet, read_table, write_csv
from scripts.package.tableschema import all_schemas
from scripts.paths import ROOT

SCHEMAS = all_schemas(ROOT / "schemas")
TABLES = ["quotes", "mentions", "figures", "sources", "shared_passages"]


@pytest.mark.parametrize("name", TABLES)
def test_streamed_csv_is_byte_identical_to_the_published_csv(tmp_path, name):
    published = ROOT / "data" / f"{name}.csv"
    frame, problems = read_csv(published, SCHEMAS[name])
    assert not problems
    write_csv(frame, SCHEMAS[name], tmp_path / f"{name}.csv")
    assert (tmp_path / f"{name}.csv").read_bytes() == published.read_bytes() == csv_bytes(frame, SCHEMAS[name])


@pytest.mark.parametrize("name", ["quotes", "sources"])
def test_streamed_csv_of_a_shuffled_frame_is_written_in_key_order_across_chunks(tmp_path, monkeypatch, name):
    published = ROOT / "data" / f"{name}.csv"
    frame, _ = read_csv(published, SCHEMAS[name])
    assert len(frame) > 3
    monkeypatch.setattr(tables, "WRITE_CHUNK_ROWS", 2)  # several chunks, each taken from the shuffled frame by key order
    write_csv(frame.sample(frac=1, random_state=3), SCHEMAS[name], tmp_path / f"{name}.csv")
    assert (tmp_path / f"{name}.csv").read_bytes() == published.read_bytes()


def test_streamed_csv_quotes_commas_line_breaks_and_missing_cells_like_csv_bytes(tmp_path):
    schema = SCHEMAS["quotes"]
    frame, _ = read_csv(ROOT / "data" / "quotes.csv", schema)
    text_column = next(f["name"] for f in schema.fields if f["type"] == "string" and f["name"] in frame.columns
                       and frame[f["name"]].notna().all() and f["name"] not in (schema.primary_key or []))
    frame[text_column] = frame[text_column].astype(object)
    frame.loc[0, text_column] = 'a "quoted", line\nbreak – é'
    write_csv(frame, schema, tmp_path / "quotes.csv")
    assert (tmp_path / "quotes.csv").read_bytes() == csv_bytes(frame, schema)
    assert b'"a ""quoted"", line\nbreak \xe2\x80\x93 \xc3\xa9"' in (tmp_path / "quotes.csv").read_bytes()


@pytest.mark.parametrize("name", TABLES)
def test_parquet_read_column_by_column_equals_the_csv_frame(name):
    csv_frame, _ = read_csv(ROOT / "data" / f"{name}.csv", SCHEMAS[name])
    parquet_frame = read_parquet(ROOT / "data" / f"{name}.parquet", SCHEMAS[name])
    pd.testing.assert_frame_equal(parquet_frame, csv_frame)


def test_read_table_keeps_line_numbers_but_not_the_parsed_rows():
    frame, problems, records = read_table(ROOT / "data" / "quotes.csv", SCHEMAS["quotes"])
    assert not problems and len(frame) > 0
    assert records.rows == []
    assert len(records.lines) == len(records.offsets) == len(frame)
