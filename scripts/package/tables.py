"""Reading and writing one table as CSV or Parquet, typed by its Table Schema.

CSV cells are parsed column by column; a cell that does not parse becomes a Problem (file, line, column)
and a missing value, so that one bad cell never hides the checks on the rest of the table.
"""
from __future__ import annotations

import csv
import datetime as dt
from array import array
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from scripts.csv_records import RecordWriter
from scripts.package import cell_rules
from scripts.package.csv_arrow import read_written_csv, written_rows
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


# whole cells (re.fullmatch, so no trailing newline); see cell_rules for what each holds
_INTEGER = re.compile(cell_rules.INTEGER)
_NUMBER = re.compile(cell_rules.NUMBER)
_DATE = re.compile(cell_rules.DATE)


def parse_cell(kind: str, text: str):
    """Return the typed value of a non-empty CSV cell, or raise ValueError saying what was expected."""
    if kind == "string":
        return text
    if text != text.strip():
        raise ValueError("has spaces or a line break around the value: remove them")
    if kind == "integer":
        if not _INTEGER.fullmatch(text):
            raise ValueError("not a whole number")
        value = int(text)
        if not -2**63 <= value < 2**63:  # what Int64 and Parquet's int64 hold
            raise ValueError("is too large a whole number: it must lie between -9223372036854775808 and "
                             "9223372036854775807")
        return value
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
    dtypes = schema.pandas_dtypes()
    for f in schema.fields:
        values = column_values(f["name"])
        if isinstance(values, _ArrowValues) and values.array.dtype == dtypes[f["name"]]:
            columns[f["name"]] = values.array
            continue
        if isinstance(values, _ArrowValues):  # typed otherwise than the schema says: as Python values, as before
            values = values.array.to_numpy(dtype=object, na_value=None).tolist()
        if f["type"] == "date":
            values = [v.isoformat() if isinstance(v, dt.date) else v for v in values]
        columns[f["name"]] = _typed_array(values, dtypes[f["name"]])
    return pd.DataFrame(columns)


def _typed_array(values: list, dtype: str):
    """pd.array(values, dtype) with None for missing; a text column is built by Arrow from the Python strings (the
    same ArrowStringArray as pd.array makes, several times faster), anything else as before."""
    if dtype == "string":
        try:
            return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # a value that is not a str (or None): let pandas convert it
            pass
    try:
        return pd.array(values, dtype=dtype)  # None is a missing value for the nullable dtypes
    except (TypeError, ValueError):
        return pd.array([pd.NA if v is None else v for v in values], dtype=dtype)


def parse_rows(rows: list[dict[str, str]], schema: TableSchema, file: str,
               columns: list[str] | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Type the string cells of CSV rows given as dicts (parse_cell_rows does the parsing): unparseable cells are
    reported (row numbers: 2 = first record; by row, then in the schema's column order) and left missing. Only
    columns (default: every field) are read; the schema's other columns are left missing."""
    columns = columns or schema.field_names
    return parse_cell_rows([[row.get(name) or "" for name in columns] for row in rows], columns, schema, file)


def _fast_parser(kind: str):
    """A parser of a non-empty cell that is right whenever it returns, and hands any cell it is unsure of to
    parse_cell (which returns the same value, or raises the message the cell deserves)."""
    if kind == "integer":
        return lambda text: int(text) if len(text) <= 18 and _INTEGER.fullmatch(text) else parse_cell(kind, text)
    if kind == "boolean":
        return lambda text: True if text == "true" else False if text == "false" else parse_cell(kind, text)
    return lambda text: parse_cell(kind, text)


def parse_cell_rows(rows: list[list[str]], header: list[str], schema: TableSchema,
                    file: str) -> tuple[pd.DataFrame, list[Problem]]:
    """A typed frame, columns in schema order, from CSV rows given as lists of cells in header order (what read_table
    collects), parsed a column at a time; a cell that does not parse is left missing and becomes a Problem (row
    numbers: 2 = the first record), the problems ordered by row, then by the schema's column order. A schema column
    missing from header is left missing; a name repeated in header reads its last cell."""
    position = {name: i for i, name in enumerate(header)}  # a repeated name: its last cell, as dict(zip()) gives
    by_position = list(zip(*rows)) if rows else [()] * len(header)  # every row has the header's cell count
    found: list[tuple[int, int, Problem]] = []
    columns: dict[str, list] = {}
    for order, f in enumerate(schema.fields):
        name, kind = f["name"], f["type"]
        i = position.get(name)
        cells = by_position[i] if i is not None else [""] * len(rows)
        if kind == "string":
            columns[name] = [text or None for text in cells]
            continue
        if kind == "integer" and all(len(text) <= 18 and _INTEGER.fullmatch(text) for text in cells if text):
            # whole numbers short enough for int64 only: int() each
            columns[name] = [int(text) if text else None for text in cells]
            continue
        parse = _fast_parser(kind)
        try:  # every cell parses (the usual case): one pass
            columns[name] = [None if text == "" else parse(text) for text in cells]
            continue
        except ValueError:
            pass
        values = []  # some cell does not: again cell by cell, each failure a Problem
        for index, text in enumerate(cells):
            if text == "":
                values.append(None)
                continue
            try:
                values.append(parse(text))
            except ValueError as err:
                found.append((index, order, Problem(file, index + 2, name, text, f"{err}")))
                values.append(None)
        columns[name] = values
    del by_position
    found.sort(key=lambda item: item[:2])
    return frame_from_columns(columns.__getitem__, schema), [problem for _, _, problem in found]


_CONTROL = re.compile(cell_rules.CONTROL)  # anywhere
_LINE_BREAK_OR_TAB = re.compile(cell_rules.LINE_BREAK_OR_TAB)  # outside free-text cells
_CONTROL_OR_BREAK = re.compile(f"{_CONTROL.pattern}|{_LINE_BREAK_OR_TAB.pattern}")  # either of the two: a row without
# any (searched once in its cells joined by commas, which neither holds) needs no cell-by-cell look
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


class _NotUtf8(Exception):
    def __init__(self, offset: int, line: int, reason: str, byte: bytes):
        self.offset, self.line, self.reason, self.byte = offset, line, reason, byte


def _decoded_lines(handle, line_offsets):
    """The file's lines (split at "\n", each keeping it), decoded one at a time; line_offsets receives the byte offset
    of each line's start (and, once every line is read, the file's length). Raises _NotUtf8 at the first byte that is not UTF-8 (a "\n" byte is never inside a UTF-8
    sequence, so decoding line by line finds the same first error as decoding the whole file)."""
    offset = 0
    for raw in handle:
        line_offsets.append(offset)
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise _NotUtf8(offset + err.start, len(line_offsets), err.reason, raw[err.start:err.start + 1]) from None
        offset += len(raw)
    line_offsets.append(offset)  # the end of the file (where a quote left open at the end is reported)


def read_csv_records(path: Path, file: str | None = None, free_text: set[str] = frozenset()) -> CsvRecords:
    """Read a CSV strictly: UTF-8 without BOM, every record exactly the header's fields, every quote closed,
    no control characters (line breaks and tabs only inside free_text columns). What is wrong becomes a Problem
    with the file's line number and byte offset and what to do; records with a wrong field count are left out.
    """
    rows: list[dict[str, str]] = []
    records = scan_csv_records(path, file, free_text, rows.append)
    records.rows = rows if records.header else []
    records.lines, records.offsets = list(records.lines), list(records.offsets)
    return records


def scan_csv_records(path: Path, file: str | None, free_text: set[str], on_row, cells: bool = False) -> CsvRecords:
    """read_csv_records without holding the rows: on_row(row) is called with each good row's dict, in file order,
    and the CsvRecords returned has no rows (its lines and offsets are those of the rows given to on_row). The file
    is read a line at a time. When the file cannot be read as CSV at all, header is empty and the rows already
    given to on_row must be dropped by the caller (read_csv_records and read_table do). Its lines and offsets are
    arrays of 64-bit integers (a large table's line numbers are kept until its problems are relocated). With cells,
    on_row(cells, header) gets each good row's list of cells (in the order of header, the file's) instead of a dict."""
    file = file or str(path)
    line_offsets = array("q")  # 8 bytes a line (a list of ints is 36)

    def fail(offset: int, line: int, message: str) -> CsvRecords:
        return CsvRecords([], [], [], [], [Problem(file, line, None, None, message, offset)])

    def not_utf8(err: _NotUtf8) -> CsvRecords:
        return fail(err.offset, err.line, f"not valid UTF-8 ({err.reason}, byte {err.byte!r}): "
                                          "save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`)")

    with open(path, "rb") as handle:
        if handle.read(len(_BOM)) == _BOM:
            return fail(0, 1, "the file starts with a UTF-8 byte-order mark (BOM), which would become part of the "
                              "first column's name: save it as UTF-8 without BOM")
        handle.seek(0)
        lines = _decoded_lines(handle, line_offsets)
        reader = csv.reader(lines, strict=True)
        header: list[str] | None = None
        problems, starts, offsets = [], array("q"), array("q")
        consumed = 0
        try:
            for record in reader:
                line = consumed + 1
                consumed = reader.line_num
                if not record:
                    continue
                if header is None:
                    header = record
                    continue
                offset = line_offsets[line - 1]
                if len(record) != len(header):
                    problems.append(Problem(file, line, None, ",".join(record)[:200],
                                            f"this record has {len(record)} fields but the header has {len(header)}"
                                            + (": a cell holding a comma must be quoted (\"a, b\")" if len(record) > len(header)
                                               else ": add the missing cells (an empty cell is still separated by a comma)")
                                            + (" (or a quote left open above swallowed line breaks)" if "\n" in "".join(record) else ""),
                                            offset))
                    continue
                bad = False
                # a record with no control character, line break or tab anywhere needs no look cell by cell
                row = dict(zip(header, record)) if _CONTROL_OR_BREAK.search(",".join(record)) else None
                for name, value in (row.items() if row is not None else ()):
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
                    if cells:
                        on_row(record, header)
                    else:
                        on_row(row if row is not None else dict(zip(header, record)))
                    starts.append(line)
                    offsets.append(offset)
        except _NotUtf8 as err:  # the whole file must be UTF-8 before anything else is said of it
            return not_utf8(err)
        except csv.Error as err:
            first = consumed + 1
            end = reader.line_num
            try:  # a byte that is not UTF-8 further on is the first thing to fix, as when the file is read whole
                for _ in lines:
                    pass
            except _NotUtf8 as later:
                return not_utf8(later)
            if "unexpected end of data" in str(err) or end > first:
                message = (f"a quoted cell that opens on line {first} does not close before "
                           + ("the end of the file" if "end of data" in str(err) else f"line {end} ({err})")
                           + ": every \" that opens a cell must close it, and a \" inside a quoted cell is written \"\"")
            else:
                message = (f"malformed CSV ({err}): a cell with a \" in it must be quoted as a whole, "
                           "with each inner \" written \"\"")
            return fail(line_offsets[first - 1], first, message)
    if header is None:
        return fail(0, 1, "the file is empty: it needs at least the header line")
    return CsvRecords(header, [], starts, offsets, problems)


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
    dropped once parsed). A file of ARROW_READ_MIN_BYTES or more, written as the package's writer writes it, is
    read by Arrow (csv_arrow.read_written_csv: the same frame), and its records are located only if asked."""
    file = file or str(path)
    if Path(path).stat().st_size >= ARROW_READ_MIN_BYTES:
        free_text = free_text_columns(schema)
        frame = read_written_csv(path, schema, free_text)
        if frame is not None:
            return frame, [], _LocatedWhenAsked(path, file, free_text, schema.field_names)
    chunk: list[list[str]] = []
    frames: list[pd.DataFrame] = []
    cell_problems: list[Problem] = []
    header: list[str] = []

    def parse_chunk() -> None:  # READ_CHUNK_ROWS rows at a time: a list of cells per row is several times the typed frame
        frame, found = parse_cell_rows(chunk, header, schema, file)
        first = sum(len(f) for f in frames)
        cell_problems.extend(replace(p, line=p.line + first) for p in found)
        frames.append(frame)
        chunk.clear()

    def on_row(cells: list[str], file_header: list[str]) -> None:
        if not header:
            header.extend(file_header)
        chunk.append(cells)
        if len(chunk) >= READ_CHUNK_ROWS:
            parse_chunk()

    records = scan_csv_records(path, file, free_text_columns(schema), on_row, cells=True)
    if not records.header:  # unreadable as CSV: no rows, as read_csv_records gives
        frames, chunk = [], []
    problems = list(records.problems)
    if records.header and records.header != schema.field_names:
        problems.append(Problem(file, 1, None, ",".join(records.header),
                                f"header does not match schemas/{schema.path.name}: expected {','.join(schema.field_names)}",
                                0))
    if chunk or not frames:
        parse_chunk()
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    del frames
    return frame, problems + relocate(cell_problems, {file: records}), records


READ_CHUNK_ROWS = 10_000  # a chunk of rows is held as Python strings until typed (a wide table's 10,000 rows: ~10 MB)
ARROW_READ_MIN_BYTES = 256 * 1024  # below this the strict reader is about as fast as Arrow


class _LocatedWhenAsked(CsvRecords):
    """The CsvRecords of a file read by Arrow: its header, no rows, no problems. Where each record starts (lines,
    offsets) is found by the strict reader the first time relocate() asks, that is when a check found a problem."""

    def __init__(self, path: Path, file: str, free_text: set[str], header: list[str]):
        self.header, self.rows, self.problems = list(header), [], []
        self._where, self._located = (path, file, free_text), None

    def _records(self) -> CsvRecords:
        if self._located is None:
            self._located = scan_csv_records(*self._where, lambda *_: None, cells=True)
        return self._located

    @property
    def lines(self):
        return self._records().lines

    @property
    def offsets(self):
        return self._records().offsets


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


def as_written(value) -> str:
    """A frame's cell as the CSV writes it, whatever type it was read as (True as true, an Int64's np.int64(3) as
    3): for messages that quote a value."""
    kind = ("boolean" if isinstance(value, (bool, np.bool_)) else "integer" if isinstance(value, (int, np.integer))
            else "number" if isinstance(value, (float, np.floating)) else "string")
    return format_cell(kind, value)


def key_order(frame: pd.DataFrame, schema: TableSchema) -> np.ndarray | None:
    """The row positions of frame in primary-key order (stable, missing values first; every column when the schema
    has no key), or None when the frame is in that order already: the order both the CSV and the Parquet writer
    publish rows in. Only the key columns are sorted, not the table."""
    key = schema.primary_key or schema.field_names
    order = (frame[key].reset_index(drop=True).sort_values(key, kind="mergesort", na_position="first")
             .index.to_numpy())
    return None if np.array_equal(order, np.arange(len(frame))) else order


def csv_bytes(frame: pd.DataFrame, schema: TableSchema) -> bytes:
    """UTF-8 (no BOM), LF line ends, header row, rows sorted by primary key, minimal quoting."""
    out = io.BytesIO()
    _write_csv_rows(frame, schema, out)
    return out.getvalue()


def write_csv(frame: pd.DataFrame, schema: TableSchema, path: Path) -> None:
    """csv_bytes(frame, schema) into path, a chunk of rows at a time: the table's text is never held whole in
    memory."""
    with open(path, "wb") as handle:
        _write_csv_rows(frame, schema, handle)


WRITE_CHUNK_ROWS = 50_000  # rows formatted at a time: their text, not the table's, is held


def _formatted(kind: str, column: pd.Series) -> list[str]:
    """format_cell of each value of a column (a text column's str values are their own text)."""
    values = column.to_numpy(dtype=object).tolist()  # NA, NaN as format_cell gets them
    if kind == "string":
        return ["" if v is None or v is pd.NA else v if type(v) is str else format_cell(kind, v) for v in values]
    return [format_cell(kind, v) for v in values]


def _cell_texts(kind: str, column: pd.Series) -> tuple[pa.Array, bool]:
    """A column's cells as format_cell writes them, as Arrow text (None: an empty cell), and whether a cell may need
    quotes. Text, whole numbers and booleans held in their schema dtypes are formatted by Arrow."""
    if kind in ("string", "date") and isinstance(column.dtype, pd.StringDtype):
        return pa.array(column), True
    if kind == "integer" and str(column.dtype) == "Int64":
        return pa.array(column).cast(pa.string()), False
    if kind == "boolean" and str(column.dtype) == "boolean":
        return pc.if_else(pa.array(column), "true", "false"), False
    return pa.array(_formatted(kind, column), pa.string()), True


def _write_csv_rows(frame: pd.DataFrame, schema: TableSchema, handle) -> None:
    """The CSV's bytes into a binary handle: the header as RecordWriter writes it, then the rows in key order, a
    chunk at a time, as csv_arrow.written_rows writes them (RecordWriter's rules, made by Arrow a column at a
    time)."""
    order = key_order(frame, schema)  # rows are taken in this order a chunk at a time: no sorted copy of the frame
    header = io.StringIO()
    RecordWriter(header).writerow(schema.field_names)
    handle.write(header.getvalue().encode("utf-8"))
    kinds = [f["type"] for f in schema.fields]
    for first in range(0, len(frame), WRITE_CHUNK_ROWS):
        rows = slice(first, first + WRITE_CHUNK_ROWS)
        chunk = frame.iloc[rows if order is None else order[rows]]
        texts = [_cell_texts(kind, chunk.iloc[:, i]) for i, kind in zip(range(chunk.shape[1]), kinds)]
        handle.write(written_rows([text for text, _ in texts], [quotable for _, quotable in texts]))


_NULLABLE_PANDAS_TYPES = {pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
                          pa.bool_(): pd.BooleanDtype(), pa.string(): pd.StringDtype("pyarrow")}


def read_parquet(path: Path, schema: TableSchema) -> pd.DataFrame:
    """A published Parquet file as a frame typed like read_csv's, for comparing the two."""
    table = pq.read_table(path)
    present = set(table.column_names)
    return frame_from_columns(lambda name: _parquet_column(table, name) if name in present else [None] * table.num_rows,
                              schema)


class _ArrowValues(list):
    """A column read from Parquet, already typed by Arrow: _typed_array takes it as it is (no Python values)."""

    def __init__(self, array):
        super().__init__()
        self.array = array


def _parquet_column(table: pa.Table, name: str):
    """A Parquet column as read_parquet's frame holds it: text (a closed vocabulary, a date as YYYY-MM-DD) as an Arrow
    string array, whole numbers and booleans as nullable pandas arrays, both built by Arrow; any other column as
    Python values (a float NaN must become a missing value, as pd.array makes it)."""
    column = table.column(name)
    kind = column.type
    if pa.types.is_dictionary(kind):
        column, kind = column.cast(kind.value_type), kind.value_type
    if pa.types.is_date32(kind) or pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return _ArrowValues(pd.arrays.ArrowStringArray(column.cast(pa.large_string()).combine_chunks()))
    mapper = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    if kind in mapper:
        return _ArrowValues(column.to_pandas(types_mapper=mapper.get).array)
    return column.to_pylist()
