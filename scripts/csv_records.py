"""CSV records as every file the project writes them: comma-separated, each record ended by '\\n', a field quoted
only where it must be.

csv.writer (CPython 3.11) quotes a field that holds the delimiter, the quote character or a character of its line
terminator. With '\\n' as the terminator a field holding a lone carriage return (an article with classic Mac line
ends) is written bare, and every CSV reader, csv.reader and pandas included, ends the record there. A record with
a carriage return in one of its fields is therefore written with every field quoted; all other records are
written as before, byte for byte."""
from __future__ import annotations

import csv
import io
from typing import Iterable


class RecordWriter:
    """csv.writer's writerow/writerows, with records that hold a carriage return written fully quoted."""

    def __init__(self, handle):
        self._handle = handle
        self._minimal = csv.writer(handle, lineterminator="\n")
        self._quoted = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, row: list) -> None:
        for cell in row:
            if isinstance(cell, str) and "\r" in cell:
                self._quoted.writerow(row)
                return
        self._minimal.writerow(row)

    def writerows(self, rows: Iterable[list]) -> None:
        """Every row as writerow writes it. The rows are written by csv.writer's own loop into a buffer first: a
        field holding a carriage return is the only way one can reach that text (csv.writer writes it bare), so
        only a batch whose text holds one is written again row by row."""
        rows = rows if isinstance(rows, list) else list(rows)
        batch = io.StringIO()
        csv.writer(batch, lineterminator="\n").writerows(rows)
        text = batch.getvalue()
        if "\r" not in text:
            self._handle.write(text)
            return
        for row in rows:
            self.writerow(row)
