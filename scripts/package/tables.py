"""Reading and writing one table as CSV or Parquet, typed by its Table Schema.

CSV cells are parsed column by column; a cell that does not parse becomes a Problem (file, line, column)
and a missing value, so that one bad cell never hides the checks on the rest of the table.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from scripts.csv_records import RecordWriter
from scripts.package.tableschema import TableSchema


@dataclass(frozen=True, order=True)
class Problem:
    """One failed check, located: file, row, column, value, what is wrong.

    line is the CSV row (1 = the header; None = the whole file) while a table is being checked; relocate() turns
    it into the file's own line number, with offset the byte offset where the record starts (a record can span
    several lines when a quoted cell holds a line break, so rows and lines differ).
    """
    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    offset: int | None = None

    def __str__(self) -> str:
        if self.line and self.offset is not None:
            at = f", line {self.line} (byte {self.offset})"
        elif self.line:
            at = f", row {self.line}"
        elif self.offset is not None:
            at = f", byte {self.offset}"
        else:
            at = ""
        where = self.file + at + (f", column {self.column}" if self.column else "")
        value = f" (value: {self.value!r})" if self.value not in (None, "") else ""
        return f"{where}: {self.message}{value}"


# ASCII digits only (\d would accept Arabic-Indic and other digits), whole cell (re.fullmatch, so no trailing newline)
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_cell(kind: str, text: str):
    """Return the typed value of a non-empty CSV cell, or raise ValueError saying what was expected."""
    if kind == "string":
        return text
    if text != text.strip():
        raise ValueError("has spaces or a line break around the value: remove them")
    if kind == "integer":
        if not _INTEGER.fullmatch(text):
            raise ValueError("not a whole number")
        return int(text)
    if kind == "number":
        if not _NUMBER.fullmatch(text):
            raise ValueError("not a number")
        value = float(text)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("is too large to be a number (it overflows to infinity)")
        return value
    if kind == "boolean":
        if text not in ("true", "false"):
            raise ValueError("not a boolean (write true or false)")
        return text == "true"
    if kind == "date":
        if not _DATE.fullmatch(text):
            raise ValueError("not a date in YYYY-MM-DD form")
        dt.date.fromisoformat(text)  # raises for impossible dates such as 2023-02-30
        return text
    raise ValueError(f"unknown field type {kind}")


def frame_from_records(records: list[dict], schema: TableSchema) -> pd.DataFrame:
    """A typed frame, columns in schema order, from dicts holding Python values (None for missing)."""
    return frame_from_columns(lambda name: [r.get(name) for r in records], schema)


def frame_from_columns(column_values, schema: TableSchema) -> pd.DataFrame:
    """frame_from_records from column_values(name), a list of Python values per column (None for missing): one
    column's values in memory at a time rather than a dict per row."""
    columns = {}
    for f in schema.fields:
        values = column_values(f["name"])
        if f["type"] == "date":
            values = [v.isoformat() if isinstance(v, dt.date) else v for v in values]
        columns[f["name"]] = pd.array([pd.NA if v is None else v for v in values],
                                      dtype=schema.pandas_dtypes()[f["name"]])
    return pd.DataFrame(columns)


def parse_rows(rows: list[dict[str, str]], schema: TableSchema, file: str,
               columns: list[str] | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Type the string cells of CSV rows; unparseable cells are reported (row numbers: 2 = first record) and left missing."""
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


# Control characters are never data: NUL, the other C0 controls, DEL and the C1 controls. A free-text cell (a string
# column with no pattern or closed vocabulary: evidence quoted from an article, a note) may hold a line break or a
# tab inside quotes; no other cell may.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK_OR_TAB = re.compile(r"[\n\r\t]")
_BOM = b"\xef\xbb\xbf"


@dataclass
class CsvRecords:
    """The records of a CSV file read strictly, with where each one starts in the file.

    lines[i] and offsets[i] are the 1-based line number and the byte offset of rows[i]'s first character.
    When the file cannot be read as CSV at all (BOM, not UTF-8, an unclosed quote), header and rows are empty
    and problems says why.
    """
    header: list[str]
    rows: list[dict[str, str]]
    lines: list[int]
    offsets: list[int]
    problems: list[Problem]


def free_text_columns(schema: TableSchema) -> set[str]:
    return {f["name"] for f in schema.fields if f["type"] == "string"
            and not f.get("constraints", {}).get("pattern") and not f.get("constraints", {}).get("enum")}


def _line_of_byte(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def read_csv_records(path: Path, file: str | None = None, free_text: set[str] = frozenset()) -> CsvRecords:
    """Read a CSV strictly: UTF-8 without BOM, every record exactly the header's fields, every quote closed,
    no control characters (line breaks and tabs only inside free_text columns). What is wrong becomes a Problem
    with the file's line number and byte offset and what to do; records with a wrong field count are left out.
    """
    file = file or str(path)
    data = Path(path).read_bytes()
    fail = lambda offset, message: CsvRecords([], [], [], [], [Problem(file, _line_of_byte(data, offset), None, None,
                                                                        message, offset)])
    if data.startswith(_BOM):
        return fail(0, "the file starts with a UTF-8 byte-order mark (BOM), which would become part of the first "
                       "column's name: save it as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:  # err.start is the byte offset in the whole file
        return fail(err.start, f"not valid UTF-8 ({err.reason}, byte {data[err.start:err.start + 1]!r}): "
                               "save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`)")
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    line_offsets = [0]
    for line in lines:
        line_offsets.append(line_offsets[-1] + len(line.encode("utf-8")))
    reader = csv.reader(iter(lines), strict=True)
    records: list[tuple[int, list[str]]] = []
    consumed = 0
    try:
        for cells in reader:
            first = consumed + 1
            consumed = reader.line_num
            if cells:
                records.append((first, cells))
    except csv.Error as err:
        first = consumed + 1
        end = reader.line_num
        if "unexpected end of data" in str(err) or end > first:
            message = (f"a quoted cell that opens on line {first} does not close before "
                       + ("the end of the file" if "end of data" in str(err) else f"line {end} ({err})")
                       + ": every \" that opens a cell must close it, and a \" inside a quoted cell is written \"\"")
        else:
            message = (f"malformed CSV ({err}): a cell with a \" in it must be quoted as a whole, "
                       "with each inner \" written \"\"")
        return CsvRecords([], [], [], [], [Problem(file, first, None, None, message, line_offsets[first - 1])])
    if not records:
        return fail(0, "the file is empty: it needs at least the header line")
    header = records[0][1]
    problems, rows, starts, offsets = [], [], [], []
    for line, cells in records[1:]:
        offset = line_offsets[line - 1]
        if len(cells) != len(header):
            problems.append(Problem(file, line, None, ",".join(cells)[:200],
                                    f"this record has {len(cells)} fields but the header has {len(header)}"
                                    + (": a cell holding a comma must be quoted (\"a, b\")" if len(cells) > len(header)
                                       else ": add the missing cells (an empty cell is still separated by a comma)")
                                    + (" (or a quote left open above swallowed line breaks)" if "\n" in "".join(cells) else ""),
                                    offset))
            continue
        row = dict(zip(header, cells))
        bad = False
        for name, value in row.items():
            control = _CONTROL.search(value)
            if control is None and name not in free_text:
                control = _LINE_BREAK_OR_TAB.search(value)
            if control:
                char = control.group()
                what = {"\x00": "a NUL byte", "\n": "a line break", "\r": "a carriage return", "\t": "a tab"}.get(
                    char, f"the control character U+{ord(char):04X}")
                hint = (" (an unclosed quote above may have swallowed the following lines)" if char in "\r\n" else "")
                problems.append(Problem(file, line, name, value[:200],
                                        f"holds {what} at character {control.start()} of the cell{hint}: remove it "
                                        "(only free-text cells may hold line breaks or tabs)", offset))
                bad = True
        if not bad:
            rows.append(row)
            starts.append(line)
            offsets.append(offset)
    return CsvRecords(header, rows, starts, offsets, problems)


def read_csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV (strict: raises ValueError naming the first problem, e.g. an unclosed quote)."""
    records = read_csv_records(path)
    if records.problems:
        raise ValueError(str(records.problems[0]))
    return records.header, records.rows


def relocate(problems: list[Problem], records: dict[str, CsvRecords]) -> list[Problem]:
    """Turn the row numbers of problems found in the files read by read_csv_records into those files' own line
    numbers and byte offsets (row 1 = the header at line 1; row r = rows[r - 2])."""
    out = []
    for p in problems:
        found = records.get(p.file)
        if found is not None and p.line and p.offset is None:
            if p.line == 1:
                p = replace(p, offset=0)
            elif p.line - 2 < len(found.lines):
                p = replace(p, line=found.lines[p.line - 2], offset=found.offsets[p.line - 2])
        out.append(p)
    return out


def read_csv(path: Path, schema: TableSchema, file: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """A published CSV as a typed frame, and the problems met reading it (malformed records, wrong header,
    unparseable cells), located by the file's line numbers and byte offsets."""
    frame, problems, _ = read_table(path, schema, file)
    return frame, problems


def read_table(path: Path, schema: TableSchema, file: str | None = None) -> tuple[pd.DataFrame, list[Problem], CsvRecords]:
    """read_csv, plus the records' line numbers and offsets (for relocate() of problems found later; their rows are
    dropped once parsed)."""
    file = file or str(path)
    records = read_csv_records(path, file, free_text_columns(schema))
    problems = list(records.problems)
    if records.header and records.header != schema.field_names:
        problems.append(Problem(file, 1, None, ",".join(records.header),
                                f"header does not match schemas/{schema.path.name}: expected {','.join(schema.field_names)}",
                                0))
    frame, cell_problems = parse_rows(records.rows, schema, file)
    records.rows = []  # parsed into frame; only the lines and offsets are kept for relocate() (memory: a dict per row)
    return frame, problems + relocate(cell_problems, {file: records}), records


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
    out = io.StringIO()
    _write_csv_rows(frame, schema, out)
    return out.getvalue().encode("utf-8")


def write_csv(frame: pd.DataFrame, schema: TableSchema, path: Path) -> None:
    """csv_bytes(frame, schema) into path, row by row: the table's text is never held whole in memory."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        _write_csv_rows(frame, schema, handle)


def _write_csv_rows(frame: pd.DataFrame, schema: TableSchema, handle) -> None:
    frame = sorted_by_key(frame, schema)
    writer = RecordWriter(handle)
    writer.writerow(schema.field_names)
    kinds = [f["type"] for f in schema.fields]
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([format_cell(k, v) for k, v in zip(kinds, row)])


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
    present = set(table.column_names)
    return frame_from_columns(lambda name: table.column(name).to_pylist() if name in present else [None] * table.num_rows,
                              schema)
