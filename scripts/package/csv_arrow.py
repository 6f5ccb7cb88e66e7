"""The package's CSV rows written and read by Arrow, a column at a time, byte for byte as the Python csv module does.

Writing (written_rows): the rows csv_records.RecordWriter writes from the cells' text (csv.writer's minimal quoting,
"\n" line ends, a row holding a carriage return quoted whole), made by Arrow's string kernels.

Reading (read_written_csv): the strict reader (tables.read_table) parses every record and cell in Python, which was
the largest part of validating a large package. A file the build wrote can be read by Arrow instead, as long as the
frame is the one the strict reader would make:

- Arrow reads every cell as text; then each batch's rows are made again as `csv.writer` writes those cells and
  compared with the file's bytes (the header must be the schema's names). Equal bytes mean the strict reader would
  read the same cells, since `csv.reader` reads back what `csv.writer` wrote.
- The cell checks of the strict reader (control characters; line breaks and tabs only in free-text columns) and
  of parse_cell (whole numbers, numbers, booleans, real dates) are made on whole columns, with the same patterns.

Anything else returns None: other quoting or line ends, a carriage return in a cell, a BOM, a byte that is not
UTF-8, a wrong header, a cell that does not parse. read_table then reads the file the strict way, which says what is
wrong and where.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from scripts.package import cell_rules
from scripts.package.tableschema import TableSchema

BLOCK_BYTES = 1 << 22  # the CSV text Arrow reads and checks at a time

# parse_cell's patterns, anchored for RE2 (an empty cell is a missing value); a cell of these kinds never needs quotes
_TYPED = {kind: f"^(?:{pattern})?$" for kind, pattern in
          (("integer", cell_rules.INTEGER), ("number", cell_rules.NUMBER), ("boolean", cell_rules.BOOLEAN),
           ("date", cell_rules.DATE))}
_MUST_QUOTE = r'[,"\n]'  # what csv.writer quotes with "\n" as its line terminator
_QUOTE, _COMMA, _LINE_END, _NOTHING = (pa.scalar(text, pa.string()) for text in ('"', ",", "\n", ""))
# cell_rules.CONTROL, and a carriage return, as bytes of UTF-8: the one-byte characters, and the second byte of the
# two-byte ones (the C1 controls: 0xC2 then 0x80 to 0x9F; 0xC2 only ever starts a character). A tab or a line break
# is looked for in the cells.
_CONTROL = re.compile(cell_rules.CONTROL)
_REFUSED_BYTE = np.array([b < 0x80 and bool(_CONTROL.fullmatch(chr(b)) or chr(b) == "\r") for b in range(256)])
_C1_SECOND_BYTE = np.array([bool(_CONTROL.fullmatch(bytes((0xC2, b)).decode("utf-8", "replace"))) for b in range(256)])
assert not any(_CONTROL.fullmatch(chr(code)) for code in range(0xC0, 0x800)), "a control past U+00BF: not 0xC2-led"
_TAB = 0x09


class _NotAsWritten(Exception):
    """A cell the strict reader refuses, or a header or file end other than the writer's: it must say why."""


class _RowsDiffer(Exception):
    """Arrow's rows, written again, are not the file's bytes."""


def read_written_csv(path: Path, schema: TableSchema, free_text: set[str]) -> pd.DataFrame | None:
    """The typed frame read_table would make of path, read by Arrow; None when the file is not exactly as the
    package's writer writes it or holds a cell that a check of the strict reader refuses (free_text: the columns
    whose cells may hold a line break or a tab).

    Arrow is first asked to split rows at every line break (several times faster); a file with a line break inside a
    cell is then read again with quoted line breaks allowed."""
    names = schema.field_names
    if len(names) < 2 or any(not name or any(c in name for c in ',"\r\n') for name in names):
        return None  # csv.writer quotes the one empty cell of a one-column row; such a header is quoted too
    for newlines_in_values in (False, True):
        try:
            return _read(path, schema, free_text, newlines_in_values)
        except (pa.ArrowException, _RowsDiffer):
            continue
        except _NotAsWritten:
            return None
    return None


def _read(path: Path, schema: TableSchema, free_text: set[str], newlines_in_values: bool) -> pd.DataFrame:
    names = schema.field_names
    kinds = {f["name"]: f["type"] for f in schema.fields}
    header = (",".join(names) + "\n").encode("utf-8")
    chunks: dict[str, list[pa.Array]] = {name: [] for name in names}
    with open(path, "rb") as raw:
        if raw.read(len(header)) != header:
            raise _NotAsWritten("header")
        reader = pa_csv.open_csv(
            path,
            read_options=pa_csv.ReadOptions(use_threads=False, block_size=BLOCK_BYTES, column_names=names,
                                            skip_rows=1),
            parse_options=pa_csv.ParseOptions(newlines_in_values=newlines_in_values),
            convert_options=pa_csv.ConvertOptions(column_types={name: pa.string() for name in names},
                                                  strings_can_be_null=False, check_utf8=True))
        for batch in reader:
            written, broken = _row_bytes(batch, kinds, free_text)
            actual = raw.read(written.size)
            if not written.equals(pa.py_buffer(actual)):
                raise _RowsDiffer()  # first: rows Arrow split wrongly are not checked cell by cell
            if broken:
                raise _NotAsWritten(broken[0])
            _refuse_controls(actual, batch, free_text)
            for name, column in zip(names, batch.columns):
                chunks[name].append(_typed(column, kinds[name]))
        if raw.read(1):  # bytes Arrow made no row of, such as a last line without its "\n"
            raise _RowsDiffer()
    return pd.DataFrame({name: _frame_column(chunks[name], kinds[name]) for name in names})


def _row_bytes(batch: pa.RecordBatch, kinds: dict[str, str], free_text: set[str]) -> tuple[pa.Buffer, list[str]]:
    """The batch's rows as csv.writer writes them (a cell quoted when it holds a comma, a quote or a line break),
    and the columns that are not free text but hold a line break. A typed column is written as it is: a cell that
    would need quotes there fails its kind's pattern afterwards."""
    written, broken = [], []
    for name, column in zip(batch.schema.names, batch.columns):
        must = pc.match_substring_regex(column, _MUST_QUOTE) if kinds[name] == "string" else None
        if must is not None and _any(must):
            special = pc.filter(column, must)
            if name not in free_text and _any(pc.match_substring(special, "\n")):
                broken.append(name)
            column = pc.replace_with_mask(column, must, _quoted(special))
        written.append(column)
    return _joined(written), broken


def written_rows(columns: list[pa.Array], quotable: list[bool]) -> pa.Buffer:
    """The UTF-8 text of rows whose cells are these string columns' values (a missing value an empty cell), as
    csv_records.RecordWriter writes them: a cell quoted when it holds a comma, a quote or a line break, or when it
    is the one cell of its row and empty; every cell of a row that holds a carriage return quoted; each row ended
    by "\n". A column not quotable holds no character that is ever quoted (whole numbers, booleans)."""
    columns = [pc.fill_null(_one_chunk(column).cast(pa.string()), _NOTHING) for column in columns]
    carriage_returns = None
    for column, may in zip(columns, quotable):
        if may:
            found = pc.match_substring(column, "\r")
            carriage_returns = found if carriage_returns is None else pc.or_(carriage_returns, found)
    if carriage_returns is not None and not _any(carriage_returns):
        carriage_returns = None
    written = []
    for column, may in zip(columns, quotable):
        must = pc.match_substring_regex(column, _MUST_QUOTE) if may else None
        if len(columns) == 1:  # csv.writer quotes a row's one empty cell, which would otherwise be an empty line
            empty = pc.equal(column, "")
            must = empty if must is None else pc.or_(must, empty)
        if carriage_returns is not None:
            must = carriage_returns if must is None else pc.or_(must, carriage_returns)
        if must is not None and _any(must):
            column = pc.replace_with_mask(column, must, _quoted(pc.filter(column, must)))
        written.append(column)
    return _joined(written)


def _one_chunk(column: pa.Array | pa.ChunkedArray) -> pa.Array:
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


def _quoted(cells: pa.Array) -> pa.Array:
    return pc.binary_join_element_wise(_QUOTE, pc.replace_substring(cells, '"', '""'), _QUOTE, _NOTHING)


def _joined(columns: list[pa.Array]) -> pa.Buffer:
    """Rows of already written cells, joined by commas and ended by "\n"."""
    if len(columns) == 1:
        return _value_bytes(pc.binary_join_element_wise(columns[0], _NOTHING, _LINE_END))
    return _value_bytes(pc.binary_join_element_wise(pc.binary_join_element_wise(*columns, _COMMA), _NOTHING,
                                                    _LINE_END))


def _refuse_controls(text: bytes, batch: pa.RecordBatch, free_text: set[str]) -> None:
    """Raises _NotAsWritten when the rows' text holds a control character or carriage return, or a tab outside a
    free-text column."""
    octets = np.frombuffer(text, dtype=np.uint8)
    if _REFUSED_BYTE[octets].any():
        raise _NotAsWritten("control character")
    leads = np.flatnonzero(octets[:-1] == 0xC2)
    if len(leads) and _C1_SECOND_BYTE[octets[leads + 1]].any():
        raise _NotAsWritten("control character")
    if (octets == _TAB).any():
        for name, column in zip(batch.schema.names, batch.columns):
            if name not in free_text and _any(pc.match_substring(column, "\t")):
                raise _NotAsWritten(name)


def _value_bytes(strings: pa.Array) -> pa.Buffer:
    """The text of a string array's values, one after another (a slice of its data, not a copy)."""
    if len(strings) == 0:
        return pa.py_buffer(b"")
    width = np.int64 if pa.types.is_large_string(strings.type) else np.int32
    offsets = np.frombuffer(strings.buffers()[1], dtype=width)[strings.offset:strings.offset + len(strings) + 1]
    return strings.buffers()[2].slice(int(offsets[0]), int(offsets[-1] - offsets[0]))


def _any(mask: pa.Array) -> bool:
    return bool(pc.any(mask).as_py())


def _typed(column: pa.Array, kind: str) -> pa.Array:
    """A column of cells typed as parse_cell types them (an empty cell missing); raises _NotAsWritten for a cell
    parse_cell refuses."""
    cells = pc.if_else(pc.equal(column, ""), pa.scalar(None, column.type), column)
    if kind == "string":
        return cells
    if kind not in _TYPED or not pc.all(pc.match_substring_regex(column, _TYPED[kind])).as_py():
        raise _NotAsWritten(kind)
    if kind == "boolean":
        return pc.equal(cells, "true")
    if kind == "date":
        pc.cast(cells, pa.date32())  # raises for an impossible date such as 2023-02-30, as date.fromisoformat does
        return cells
    typed = pc.cast(cells, pa.int64() if kind == "integer" else pa.float64())  # raises past int64
    if kind == "number" and _any(pc.is_inf(typed)):
        raise _NotAsWritten(kind)  # parse_cell's message: too large to be a number
    return typed


_ARROW_TYPES = {"string": pa.string(), "date": pa.string(), "integer": pa.int64(), "number": pa.float64(),
                "boolean": pa.bool_()}
_PANDAS_TYPES = {"integer": pd.Int64Dtype(), "number": pd.Float64Dtype(), "boolean": pd.BooleanDtype()}


def _frame_column(chunks: list[pa.Array], kind: str):
    """A column's typed batches as the frame of read_table holds it (text and dates as Arrow-backed strings)."""
    column = pa.chunked_array(chunks, type=_ARROW_TYPES[kind])
    if kind in ("string", "date"):  # kept in its batches' chunks: no copy of the table's text
        return pd.arrays.ArrowStringArray(column.cast(pa.large_string()))
    return _PANDAS_TYPES[kind].__from_arrow__(column)
