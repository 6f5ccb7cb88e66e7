"""The package's CSVs written and read by Arrow (csv_arrow) are what csv.writer and the strict reader make of them.

Written: the bytes csv_records.RecordWriter writes from format_cell's text. Read: the strict reader's frame for any
file the writer wrote, and for any other file the strict reader's own frame and problems (Arrow declines it)."""
from __future__ import annotations

import random
from pathlib import Path

import io

import pandas as pd
import pyarrow as pa
import pytest

from scripts.csv_records import RecordWriter

from scripts.package import csv_arrow, tables
from scripts.package.csv_arrow import read_written_csv
from scripts.package.tables import csv_bytes, format_cell, free_text_columns, key_order, read_table, write_csv
from scripts.package.tableschema import TableSchema, all_schemas
from scripts.paths import ROOT

FIELDS = [{"name": "id", "type": "string", "constraints": {"pattern": "^r[0-9]+$"}},
          {"name": "n", "type": "integer"}, {"name": "x", "type": "number"}, {"name": "ok", "type": "boolean"},
          {"name": "day", "type": "date"}, {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
          {"name": "text", "type": "string"}]
SCHEMA = TableSchema("t", Path("schemas/t.schema.json"), {"fields": FIELDS})
FREE_TEXT = free_text_columns(SCHEMA)
PIECES = ["a", "word", " ", ",", '"', '""', "\n", "é", "😀", "\u00a0", "\u2028", "'", "-", "0", "tab\\t"]


def _random_frame(rows: int, seed: int, pieces: list[str] = PIECES) -> pd.DataFrame:
    pick = random.Random(seed)

    def maybe(value):
        return None if pick.random() < 0.1 else value
    return pd.DataFrame({
        "id": pd.array([f"r{i}" for i in range(rows)], dtype="string"),
        "n": pd.array([maybe(pick.choice([0, -1, 7, 2**62, -(2**63)])) for _ in range(rows)], dtype="Int64"),
        "x": pd.array([maybe(pick.choice([0.5, -0.0, 1e300, 1 / 3, 12.0, -2.5e-8])) for _ in range(rows)],
                      dtype="Float64"),
        "ok": pd.array([maybe(pick.random() < 0.5) for _ in range(rows)], dtype="boolean"),
        "day": pd.array([maybe(f"20{pick.randint(10, 30)}-0{pick.randint(1, 9)}-2{pick.randint(0, 8)}")
                         for _ in range(rows)], dtype="string"),
        "kind": pd.array([maybe(pick.choice("ab")) for _ in range(rows)], dtype="string"),
        "text": pd.array([maybe("".join(pick.choices(pieces, k=pick.randint(1, 6)))) for _ in range(rows)],
                         dtype="string")})


def _strict(path, schema, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(tables, "ARROW_READ_MIN_BYTES", float("inf"))
        return read_table(path, schema, "t.csv")


def _arrow_first(path, schema, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(tables, "ARROW_READ_MIN_BYTES", 0)
        return read_table(path, schema, "t.csv")


@pytest.mark.parametrize("seed", range(6))
def test_a_written_table_read_by_arrow_is_the_strict_readers_frame(tmp_path, monkeypatch, seed):
    monkeypatch.setattr(csv_arrow, "BLOCK_BYTES", 2048)  # many batches, rows with line breaks across their edges
    path = tmp_path / "t.csv"
    write_csv(_random_frame(400, seed), SCHEMA, path)
    frame = read_written_csv(path, SCHEMA, FREE_TEXT)
    assert frame is not None, "the writer's own file was declined"
    strict, problems, _ = _strict(path, SCHEMA, monkeypatch)
    assert problems == []
    pd.testing.assert_frame_equal(frame, strict, check_exact=True)


def test_line_breaks_that_look_like_rows_are_read_by_arrow_across_its_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_arrow, "BLOCK_BYTES", 1024)  # blocks cut inside quoted cells, rows split wrongly at first
    frame = _random_frame(300, 4)
    frame["text"] = pd.array([f"said\nr{i},not a number,,maybe,,c,\nthen" for i in range(300)], dtype="string")
    path = tmp_path / "t.csv"
    write_csv(frame, SCHEMA, path)
    read = read_written_csv(path, SCHEMA, FREE_TEXT)
    assert read is not None, "a file the writer wrote was declined"
    pd.testing.assert_frame_equal(read, _strict(path, SCHEMA, monkeypatch)[0], check_exact=True)


def test_every_published_table_read_by_arrow_is_the_strict_readers_frame(monkeypatch):
    for name, schema in all_schemas(ROOT / "schemas").items():
        path = ROOT / "data" / f"{name}.csv"
        frame = read_written_csv(path, schema, free_text_columns(schema))
        assert frame is not None, name
        pd.testing.assert_frame_equal(frame, _strict(path, schema, monkeypatch)[0], check_exact=True, obj=name)


HEADER = ",".join(f["name"] for f in FIELDS) + "\n"
GOOD = 'r1,1,2.5,true,2023-01-02,a,"one, two"\nr2,,,,,,\n'
DECLINED = {
    "a byte-order mark": "\ufeff" + HEADER + GOOD,
    "CRLF line ends": (HEADER + GOOD).replace("\n", "\r\n"),
    "a carriage return in a cell": HEADER + GOOD + '"r3","","","","","","one\rtwo"\n',
    "a NUL byte": HEADER + GOOD + "r3,,,,,,a\x00b\n",
    "a C1 control": HEADER + GOOD + "r3,,,,,,a\x85b\n",
    "DEL": HEADER + GOOD + "r3,,,,,,a\x7fb\n",
    "a tab in an id": HEADER + GOOD + "r\t3,,,,,,text\n",
    "a line break in an id": HEADER + GOOD + '"r\n3",,,,,,text\n',
    "a number with a plus": HEADER + GOOD + "r3,+5,,,,,\n",
    "a space around a number": HEADER + GOOD + "r3,, 3,,,,\n",
    "foreign digits": HEADER + GOOD + "r3,٣,,,,,\n",
    "a whole number past int64": HEADER + GOOD + "r3,9223372036854775808,,,,,\n",
    "a number too large": HEADER + GOOD + "r3,,1e400,,,,\n",
    "a boolean as yes": HEADER + GOOD + "r3,,,yes,,,\n",
    "an impossible date": HEADER + GOOD + "r3,,,,2023-02-30,,\n",
    "a short date": HEADER + GOOD + "r3,,,,2023-1-2,,\n",
    "text after a closing quote": HEADER + GOOD + 'r3,,,,,,"ab"cd\n',
    "a quote inside a bare cell": HEADER + GOOD + 'r3,,,,,,ab"cd\n',
    "needless quotes": HEADER + GOOD + 'r3,,,,,,"abc"\n',
    "an unclosed quote": HEADER + GOOD + 'r3,,,,,,"abc\n',
    "an extra cell": HEADER + GOOD + "r3,,,,,,a,b\n",
    "a missing cell": HEADER + GOOD + "r3,,,,,\n",
    "an empty line": HEADER + GOOD + "\nr3,,,,,,\n",
    "no line end at the end": HEADER + GOOD + "r3,,,,,,last",
    "blank lines at the end": HEADER + GOOD + "\n\n",
    "another header": HEADER.replace("kind", "sort") + GOOD,
}


@pytest.mark.parametrize("case", sorted(DECLINED))
def test_a_file_not_as_written_is_declined_and_read_table_says_what_the_strict_reader_says(tmp_path, monkeypatch,
                                                                                            case):
    path = tmp_path / "t.csv"
    path.write_bytes(DECLINED[case].encode("utf-8"))
    assert read_written_csv(path, SCHEMA, FREE_TEXT) is None
    frame, problems, records = _arrow_first(path, SCHEMA, monkeypatch)
    strict_frame, strict_problems, strict_records = _strict(path, SCHEMA, monkeypatch)
    pd.testing.assert_frame_equal(frame, strict_frame, check_exact=True)
    assert problems == strict_problems
    assert list(records.lines) == list(strict_records.lines)


def test_a_header_alone_read_by_arrow_is_the_strict_readers_empty_frame(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_text(HEADER, encoding="utf-8")
    frame = read_written_csv(path, SCHEMA, FREE_TEXT)
    assert frame is not None and len(frame) == 0
    pd.testing.assert_frame_equal(frame, _strict(path, SCHEMA, monkeypatch)[0], check_exact=True)


def test_a_byte_that_is_not_utf8_is_declined(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    path.write_bytes((HEADER + GOOD).encode("utf-8") + b"r3,,,,,,caf\xe9\n")
    assert read_written_csv(path, SCHEMA, FREE_TEXT) is None
    assert _arrow_first(path, SCHEMA, monkeypatch)[1] == _strict(path, SCHEMA, monkeypatch)[1] != []


def test_records_read_by_arrow_are_located_as_the_strict_reader_locates_them(tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    write_csv(_random_frame(300, 1), SCHEMA, path)
    _, _, records = _arrow_first(path, SCHEMA, monkeypatch)
    _, _, strict = _strict(path, SCHEMA, monkeypatch)
    assert type(records) is not type(strict)  # read by Arrow, located only when asked
    assert records.rows == [] and records.header == strict.header
    assert list(records.lines) == list(strict.lines) and list(records.offsets) == list(strict.offsets)
    assert list(records.lines) != list(range(2, 302))  # some records span several lines


def _as_record_writer_writes(frame: pd.DataFrame, schema: TableSchema) -> bytes:
    """The published format by its definition: format_cell's text of each cell, rows in key order, RecordWriter."""
    order = key_order(frame, schema)
    rows = frame if order is None else frame.iloc[order]
    out = io.StringIO()
    writer = RecordWriter(out)
    writer.writerow(schema.field_names)
    for row in rows.astype(object).itertuples(index=False):
        writer.writerow([format_cell(f["type"], value) for f, value in zip(schema.fields, row)])
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("seed", range(6))
def test_a_table_written_by_arrow_is_what_record_writer_writes(monkeypatch, seed):
    monkeypatch.setattr(tables, "WRITE_CHUNK_ROWS", 97)
    frame = _random_frame(500, seed, PIECES + ["\r", "\r\n"]).sample(frac=1, random_state=seed)  # out of key order
    assert csv_bytes(frame, SCHEMA) == _as_record_writer_writes(frame, SCHEMA)


def test_columns_held_in_other_dtypes_are_written_as_format_cell_writes_them():
    frame = pd.DataFrame({"id": ["r1", "r2", "r3"], "n": [1.0, None, 3.0], "x": ["2.5", 7, None],
                          "ok": [True, None, False], "day": ["2023-01-02", None, "x,y"], "kind": [None, "a", "b"],
                          "text": [1.5, "a\rb", None]}, dtype=object)
    assert csv_bytes(frame, SCHEMA) == _as_record_writer_writes(frame, SCHEMA)
    frame["text"] = pd.Series(["x,y", None, "z"], dtype="str")  # pandas' default text dtype: NaN for missing
    frame["day"] = pd.Series(["2023-01-02", None, "2023-01-03"], dtype=pd.StringDtype("python"))
    assert csv_bytes(frame, SCHEMA) == _as_record_writer_writes(frame, SCHEMA)


def test_columns_held_in_several_arrow_chunks_are_written_as_one_column():
    frame = _random_frame(60, 3).sort_values("id", ignore_index=True)  # in key order: written as it is held
    assert key_order(frame, SCHEMA) is None
    chunked = frame.copy()
    for name in ("text", "n"):
        values = pa.array(frame[name])
        chunked[name] = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([values[:25], values[25:]]))
                                  if name == "text" else frame[name])
    assert isinstance(pa.array(chunked["text"]), pa.ChunkedArray)
    assert csv_bytes(chunked, SCHEMA) == csv_bytes(frame, SCHEMA) == _as_record_writer_writes(frame, SCHEMA)


def test_a_one_column_table_quotes_its_empty_cells_as_csv_writer_does():
    schema = TableSchema("one", Path("schemas/one.schema.json"), {"fields": [{"name": "text", "type": "string"}]})
    frame = pd.DataFrame({"text": pd.array(["", None, "a", "b,c", "d\re"], dtype="string")})
    written = csv_bytes(frame, schema)
    assert written == _as_record_writer_writes(frame, schema)
    assert written.count(b'""\n') == 2


def test_an_empty_table_is_its_header():
    assert csv_bytes(_random_frame(0, 0), SCHEMA) == (HEADER).encode("utf-8")
