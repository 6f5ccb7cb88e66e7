"""Reading and writing one table as CSV or Parquet, typed by its Table Schema.

CSV cells are parsed column by column; a cell that does not parse becomes a Problem (file, line, column)
and a missing value, so that one bad cell never hides the checks on the rest of the table.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from scripts.tableschema import TableSchema


@dataclass(frozen=True, order=True)
class Problem:
    """One failed check, located: file, CSV row (1 = the header; None = the whole file), column, value, what is wrong."""
    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f", row {self.line}" if self.line else "") + (f", column {self.column}" if self.column else "")
        value = f" (value: {self.value!r})" if self.value not in (None, "") else ""
        return f"{where}: {self.message}{value}"


_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_cell(kind: str, text: str):
    """Return the typed value of a non-empty CSV cell, or raise ValueError saying what was expected."""
    if kind == "string":
        return text
    if kind == "integer":
        if not _INTEGER.match(text):
            raise ValueError("not a whole number")
        return int(text)
    if kind == "number":
        if not _NUMBER.match(text):
            raise ValueError("not a number")
        return float(text)
    if kind == "boolean":
        if text not in ("true", "false"):
            raise ValueError("not a boolean (write true or false)")
        return text == "true"
    if kind == "date":
        if not _DATE.match(text):
            raise ValueError("not a date in YYYY-MM-DD form")
        dt.date.fromisoformat(text)  # raises for impossible dates such as 2023-02-30
        return text
    raise ValueError(f"unknown field type {kind}")


def frame_from_records(records: list[dict], schema: TableSchema) -> pd.DataFrame:
    """A typed frame, columns in schema order, from dicts holding Python values (None for missing)."""
    columns = {}
    for f in schema.fields:
        values = [r.get(f["name"]) for r in records]
        if f["type"] == "date":
            values = [v.isoformat() if isinstance(v, dt.date) else v for v in values]
        columns[f["name"]] = pd.array([pd.NA if v is None else v for v in values],
                                      dtype=schema.pandas_dtypes()[f["name"]])
    return pd.DataFrame(columns)


def parse_rows(rows: list[dict[str, str]], schema: TableSchema, file: str,
               columns: list[str] | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Type the string cells of CSV rows; unparseable cells are reported and left missing."""
    columns = columns or schema.field_names
    problems, records = [], []
    kinds = {f["name"]: f["type"] for f in schema.fields}
    for index, row in enumerate(rows):
        record = {}
        for name in columns:
            text = row.get(name) or ""
            if text == "":
                record[name] = None
                continue
            try:
                record[name] = parse_cell(kinds[name], text)
            except ValueError as err:
                problems.append(Problem(file, index + 2, name, text, f"{err}"))
                record[name] = None
        records.append(record)
    return frame_from_records(records, schema), problems


def read_csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def read_csv(path: Path, schema: TableSchema, file: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """A published CSV as a typed frame, and the problems met reading it (wrong header, unparseable cells)."""
    file = file or str(path)
    header, rows = read_csv_rows(path)
    problems = []
    if header != schema.field_names:
        problems.append(Problem(file, 1, None, ",".join(header),
                                f"header does not match schemas/{schema.path.name}: expected {','.join(schema.field_names)}"))
    frame, cell_problems = parse_rows(rows, schema, file)
    return frame, problems + cell_problems


def format_cell(kind: str, value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "number":
        value = float(value)
        return str(int(value)) if value.is_integer() else repr(value)
    if kind == "integer":
        return str(int(value))
    return str(value)


def sorted_by_key(frame: pd.DataFrame, schema: TableSchema) -> pd.DataFrame:
    key = schema.primary_key or schema.field_names
    return frame.sort_values(key, kind="mergesort", na_position="first").reset_index(drop=True)


def csv_bytes(frame: pd.DataFrame, schema: TableSchema) -> bytes:
    """UTF-8 (no BOM), LF line ends, header row, rows sorted by primary key, minimal quoting."""
    frame = sorted_by_key(frame, schema)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(schema.field_names)
    kinds = [f["type"] for f in schema.fields]
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([format_cell(k, v) for k, v in zip(kinds, row)])
    return out.getvalue().encode("utf-8")


_NULLABLE_PANDAS_TYPES = {pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
                          pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype("pyarrow")}


def _with_pandas_metadata(table: pa.Table) -> pa.Table:
    """Add the 'pandas' schema metadata that makes readers restore nullable dtypes.

    Without it, pyarrow's to_pandas (which frictionless and pd.read_parquet use) turns an integer column with
    gaps into float64 NaN, which frictionless then rejects as not an integer.
    """
    typed = table.to_pandas(types_mapper=_NULLABLE_PANDAS_TYPES.get)
    pandas_meta = pa.Table.from_pandas(typed, preserve_index=False).schema.metadata[b"pandas"]
    return table.replace_schema_metadata({**table.schema.metadata, b"pandas": pandas_meta})


def arrow_table(frame: pd.DataFrame, schema: TableSchema) -> pa.Table:
    """The frame as an Arrow table of the schema's Arrow types; closed vocabularies as dictionaries in enum order."""
    frame = sorted_by_key(frame, schema)
    arrow_schema = schema.arrow_schema()
    arrays = []
    for f, arrow_field in zip(schema.fields, arrow_schema):
        values = [None if v is pd.NA else v for v in frame[f["name"]].astype(object).tolist()]
        enum = schema.enum(f["name"])
        if enum:
            indices = pa.array([None if v is None else enum.index(v) for v in values], type=pa.int32())
            arrays.append(pa.DictionaryArray.from_arrays(indices, pa.array(enum, type=pa.string())))
        elif f["type"] == "date":
            arrays.append(pa.array([None if v is None else dt.date.fromisoformat(v) for v in values], type=pa.date32()))
        else:
            arrays.append(pa.array(values, type=arrow_field.type))
    return _with_pandas_metadata(pa.Table.from_arrays(arrays, schema=arrow_schema))


def write_parquet(frame: pd.DataFrame, schema: TableSchema, path: Path) -> None:
    pq.write_table(arrow_table(frame, schema), path, compression="zstd", compression_level=9,
                   row_group_size=1_000_000, write_statistics=True, use_dictionary=True,
                   data_page_version="2.0")


def read_parquet(path: Path, schema: TableSchema) -> pd.DataFrame:
    """A published Parquet file as a frame typed like read_csv's, for comparing the two."""
    table = pq.read_table(path)
    records = table.to_pylist()
    return frame_from_records(records, schema)
