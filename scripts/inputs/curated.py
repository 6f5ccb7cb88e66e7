"""Loading a hand-curated table from curated/<table>.csv, with the offsets of its quoted evidence resolved.

A curator quotes evidence verbatim; the build finds where it stands in the article and stores the article's
own characters (so a run of spaces in the curated text also matches a no-break space or a line break).
Quoted text that is missing from the article, or that occurs more than once, stops the build with the
file, row and fix.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from scripts.errors import InputError
from scripts.package.tableschema import TableSchema
from scripts.package.tables import CsvRecords, Problem, free_text_columns, parse_rows, read_csv_records


def load_curated(schema: TableSchema, curated_dir: Path,
                 records: dict[str, CsvRecords] | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """The curated table typed by its schema, derived columns empty; header mismatches raise InputError.

    The file is read strictly (scripts.package.tables.read_csv_records): a malformed record, an unclosed quote, a control
    character or a BOM is a Problem of this file, located by line and byte. Problems carry row numbers
    (2 = the first record); records, when given, receives the file's records so that the caller can turn them
    into line numbers with scripts.package.tables.relocate.
    """
    path = Path(curated_dir) / f"{schema.name}.csv"
    if not path.exists():
        raise InputError(path, "whole file", "the curated table is missing",
                         f"Create it with the header {','.join(schema.curated_field_names)}.")
    read = read_csv_records(path, str(path), free_text_columns(schema))
    if records is not None:
        records[str(path)] = read
    expected = schema.curated_field_names
    if read.header and read.header != expected:
        missing = [c for c in expected if c not in read.header]
        extra = [c for c in read.header if c not in expected]
        raise InputError(path, "line 1 (header)",
                         f"columns do not match schemas/{schema.path.name} (missing: {missing or 'none'}; "
                         f"unexpected: {extra or 'none'}; order must follow the schema)",
                         f"Use exactly this header: {','.join(expected)}")
    frame, problems = parse_rows(read.rows, schema, str(path), columns=expected)
    return frame, read.problems + problems


def resolve_spans(frame: pd.DataFrame, schema: TableSchema, article_of, file: str,
                  sources_file: str = "curated/sources.csv") -> list[Problem]:
    """Fill each span group's start/end by finding its quoted text, once, in the row's article.

    article_of(row) returns (source_id, text) of the article a row's evidence is quoted from. Where the schema
    lets the curator write start (it is not x-derived: the text may occur more than once), the text must stand
    at that offset instead.
    """
    problems = []
    for group in schema.span_groups:
        starts, ends = [], []
        for index, row in frame.iterrows():
            quoted = row[group.text]
            start = end = pd.NA
            if not pd.isna(quoted):
                source_id, article = article_of(row, group)
                if article is None:
                    problems.append(Problem(file, index + 2, group.source_column or "source_id", source_id,
                                            f"names no article in {sources_file}; use a source_id from there"))
                elif not schema.field(group.start).get("x-derived"):
                    given = row[group.start]
                    at = None if pd.isna(given) else _whitespace_flexible(quoted).match(article, int(given))
                    if at is None:
                        problems.append(Problem(file, index + 2, group.start, None if pd.isna(given) else str(given),
                                                f"the text {quoted!r} does not start at this offset of article "
                                                f"{source_id}: give the offset where it starts (Python str index)"))
                    else:
                        start, end = at.span()
                        frame.loc[index, group.text] = article[start:end]
                else:
                    found = list(_whitespace_flexible(quoted).finditer(article))
                    count = len(found)
                    if count == 1:
                        start, end = found[0].span()
                        frame.loc[index, group.text] = article[start:end]
                    elif count == 0:
                        problems.append(Problem(file, index + 2, group.text, quoted,
                                                f"this text does not occur in article {source_id}: copy it exactly "
                                                f"from the article (curly quotes, apostrophes and dashes included)"))
                    else:
                        problems.append(Problem(file, index + 2, group.text, quoted,
                                                f"this text occurs {count} times in article {source_id}: quote more "
                                                f"words around it so that it occurs once"))
            starts.append(start)
            ends.append(end)
        frame[group.start] = pd.array(starts, dtype="Int64")
        frame[group.end] = pd.array(ends, dtype="Int64")
    return problems


def _whitespace_flexible(quoted: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(part) for part in quoted.split()))
