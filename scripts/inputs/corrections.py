"""Step: apply the reviewed corrections (curated/corrections.csv) to the script-extracted tables.

A correction names one extracted row by its article and span and one column, with the value the extractor gives
and the value after review. It is applied only while it still fits: the row must exist, and the extractor must
still give extracted_value. Otherwise the build stops and says what changed, so that a correction is never
applied to a row it was not written for, and one the extractor has made unnecessary is deleted.
Every row of an extracted table gets corrected = True when a correction changed it, else False.
"""
from __future__ import annotations

import pandas as pd

from scripts.package.tableschema import TableSchema
from scripts.package.tables import Problem, format_cell, parse_cell


def key_columns(schema: TableSchema) -> set[str]:
    """The columns that say which row a correction is for: the primary key and the span, never corrected."""
    return set(schema.primary_key) | {c for g in schema.span_groups for c in (g.text, g.start, g.end)} | {"corrected"}


def apply_corrections(frames: dict[str, pd.DataFrame], schemas: dict[str, TableSchema], file: str) -> list[Problem]:
    """Apply frames['corrections'] to the extracted frames in place; the problems that stop the build."""
    for name, schema in schemas.items():
        if schema.provenance == "extracted" and "corrected" in schema.field_names:
            frames[name]["corrected"] = pd.array([False] * len(frames[name]), dtype="boolean")
    if "corrections" not in frames:
        return []
    problems = []
    for index, fix in enumerate(frames["corrections"].to_dict("records")):
        problem = _apply_one(fix, frames, schemas)
        if problem:
            problems.append(Problem(file, index + 2, *problem))  # row 1 is the header
    return problems


def _apply_one(fix: dict, frames: dict[str, pd.DataFrame], schemas: dict[str, TableSchema]):
    """None when applied; else (column, value, message) of what is wrong and what to do."""
    table, column = fix["table"], fix["column"]
    schema = schemas[table]
    if column not in schema.field_names or column in key_columns(schema):
        correctable = [c for c in schema.field_names if c not in key_columns(schema)]
        return "column", column, f"{table} has no correctable column {column!r}; use one of {', '.join(correctable)}"
    frame = frames[table]
    match = frame.index[(frame["source_id"] == fix["source_id"]) & (frame["start"] == fix["start"])
                        & (frame["end"] == fix["end"])]
    where = f"{table} row {fix['source_id']} {fix['start']}-{fix['end']} ({fix['text']!r})"
    if len(match) == 0:
        return "start", str(fix["start"]), (f"the extractor no longer gives a {where}: check the span it gives now "
                                            "and re-key the correction, or delete it")
    row = match[0]
    kind = schema.field(column)["type"]
    given = format_cell(kind, frame.at[row, column])
    extracted, corrected = (format_cell("string", fix[c]) for c in ("extracted_value", "corrected_value"))
    if given == corrected:
        return "corrected_value", corrected, (f"the extractor now gives the corrected value in {where}, column "
                                              f"{column}: delete this correction")
    if given != extracted:
        return "extracted_value", extracted, (f"the extractor now gives {given!r}, not {extracted!r}, in {where}, "
                                              f"column {column}: review the correction and update extracted_value")
    allowed = schema.field(column).get("constraints", {}).get("enum")
    if allowed and corrected and corrected not in allowed:
        return "corrected_value", corrected, f"not a value of {table}.{column}: use one of {', '.join(allowed)}"
    try:
        frame.at[row, column] = parse_cell(kind, corrected) if corrected else pd.NA
    except ValueError as err:
        return "corrected_value", corrected, f"not a value of {table}.{column}: {err}"
    frame.at[row, "corrected"] = True
    return None
