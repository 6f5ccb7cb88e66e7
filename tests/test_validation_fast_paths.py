"""The fast paths of validation (cells parsed a column at a time, Parquet columns typed by Arrow, a row's control
characters searched once) give what the cell-by-cell code gives: the same frames, the same problems in the same order."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from scripts.package.tables import parse_cell_rows, parse_rows, read_parquet, read_table
from scripts.package.tableschema import TableSchema

FIELDS = [{"name": "id", "type": "string"}, {"name": "n", "type": "integer"}, {"name": "x", "type": "number"},
          {"name": "ok", "type": "boolean"}, {"name": "day", "type": "date"},
          {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}}]
SCHEMA = TableSchema("t", None, {"fields": FIELDS})
HEADER = [f["name"] for f in FIELDS]


def _values(frame) -> dict[str, list]:
    return {name: [None if v is pd.NA else v for v in frame[name].astype(object)] for name in frame.columns}


ROWS = [["r1", "1", "2.5", "true", "2023-01-02", "a"],
        ["r2", "", "", "", "", ""],
        ["r3", "12x", " 3", "yes", "2023-02-30", "b"],
        ["r4", "-7", "1e400", "false", "2023-1-2", "a"],
        ["r5", "٣", ".5", "true", "2024-02-29", "b"]]


def test_cells_parsed_by_column_are_typed_and_each_unparseable_cell_is_a_problem_by_row_then_column():
    frame, problems = parse_cell_rows(ROWS, HEADER, SCHEMA, "t.csv")
    assert list(frame.dtypes.astype(str)) == ["string", "Int64", "Float64", "boolean", "string", "string"]
    assert _values(frame) == {"id": ["r1", "r2", "r3", "r4", "r5"], "n": [1, None, None, -7, None],
                              "x": [2.5, None, None, None, 0.5], "ok": [True, None, None, False, True],
                              "day": ["2023-01-02", None, None, None, "2024-02-29"], "kind": ["a", None, "b", "a", "b"]}
    assert [(p.line, p.column, p.value) for p in problems] == [
        (4, "n", "12x"), (4, "x", " 3"), (4, "ok", "yes"), (4, "day", "2023-02-30"), (5, "x", "1e400"),
        (5, "day", "2023-1-2"), (6, "n", "٣")]
    assert problems[1].message.startswith("has spaces") and problems[4].message.startswith("is too large")


def test_rows_given_as_dicts_parse_as_their_cells_do():
    frame, problems = parse_cell_rows(ROWS, HEADER, SCHEMA, "t.csv")
    dict_frame, dict_problems = parse_rows([dict(zip(HEADER, r)) for r in ROWS], SCHEMA, "t.csv")
    assert dict_frame.equals(frame) and list(dict_frame.dtypes) == list(frame.dtypes) and dict_problems == problems


def test_parse_rows_reads_only_the_columns_asked_for():
    frame, problems = parse_rows([{"id": "r1", "n": "bad", "x": "2"}], SCHEMA, "t.csv", columns=["id", "x"])
    assert _values(frame) == {"id": ["r1"], "n": [None], "x": [2.0], "ok": [None], "day": [None], "kind": [None]}
    assert problems == []


def test_a_header_with_a_column_missing_or_repeated_reads_as_the_dict_rows_did():
    header = ["id", "n", "n", "ok", "day"]  # x and kind missing, n twice (the last cell counts, as in a dict)
    rows = [["r1", "bad", "4", "true", "2023-01-02"]]
    frame, problems = parse_cell_rows(rows, header, SCHEMA, "t.csv")
    assert _values(frame) == {"id": ["r1"], "n": [4], "x": [None], "ok": [True], "day": ["2023-01-02"], "kind": [None]}
    assert problems == []


def test_a_csv_row_with_a_control_character_anywhere_is_still_reported_cell_by_cell(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(",".join(HEADER) + "\nr1,1,2,true,2023-01-02,a\nr\x012,1,2,true,2023-01-02,a\n"
                    "r3,1,2,true,2023-01-02,a\t\n", encoding="utf-8")
    frame, problems, _ = read_table(path, SCHEMA, "t.csv")
    assert list(frame["id"]) == ["r1"]
    assert [(p.line, p.column, p.message.split(" at ")[0]) for p in problems] == [
        (3, "id", "holds the control character U+0001"), (4, "kind", "holds a tab")]


def test_parquet_columns_typed_by_arrow_equal_the_python_values_path(tmp_path):
    table = pa.table({"id": ["a", None, "c"], "n": pa.array([1, None, 3], pa.int64()),
                      "x": pa.array([1.5, None, float("nan")], pa.float64()), "ok": [True, None, False],
                      "day": pa.array([0, None, 19000], pa.int32()).cast(pa.date32()),
                      "kind": pa.DictionaryArray.from_arrays(pa.array([0, None, 1], pa.int32()), pa.array(["a", "b"]))})
    pq.write_table(table, tmp_path / "t.parquet")
    frame = read_parquet(tmp_path / "t.parquet", SCHEMA)
    assert list(frame.dtypes.astype(str)) == ["string", "Int64", "Float64", "boolean", "string", "string"]
    assert frame["day"].tolist()[::2] == ["1970-01-01", "2022-01-08"] and frame["day"].isna().tolist() == [False, True, False]
    assert frame["x"].isna().tolist() == [False, True, True]  # NaN is a missing value, as before
    assert frame["kind"].tolist()[::2] == ["a", "b"] and frame["n"].tolist()[::2] == [1, 3]
