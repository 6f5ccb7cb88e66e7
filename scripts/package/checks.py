"""pandera validation of every table, derived from schemas/ plus what a Table Schema cannot say.

from_frictionless_schema gives types, required, unique, primary keys, enums, ranges and patterns. On top of
it, every table gets: real calendar dates, foreign keys against the other tables, spans whose text really
is the article's text at their offsets, and x-not-less-than orderings. A few facts that belong to one table
(an event participant is exactly one of an organisation or a person; an alias names one entity) are checked
last. Validation is lazy: every failure of every table is reported at once, as Problems.
"""
from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors
from pandera.io.pandas_io import from_frictionless_schema

from scripts.extract.lexicon import normalise_key
from scripts.package.record_checks import CITING_TABLES, RECORD_KEYS, record_problems
from scripts.package.tableschema import TableSchema
from scripts.package.tables import Problem, as_written


def _is_real_date(value) -> bool:
    try:
        dt.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def _foreign_key_checks(schema: TableSchema, frames: dict[str, pd.DataFrame]) -> tuple[dict[str, list[pa.Check]], list[pa.Check]]:
    """Column checks for single-column foreign keys; row checks for composite ones (e.g. source_id + start)."""
    column_checks: dict[str, list[pa.Check]] = {}
    row_checks: list[pa.Check] = []
    for fk in schema.foreign_keys:
        columns, ref_columns = fk["fields"], fk["reference"]["fields"]
        ref_table = fk["reference"]["resource"] or schema.name
        if ref_table not in frames:
            continue
        error = (f"must be a {'+'.join(ref_columns)} in {ref_table} (a dangling reference: add the row to "
                 f"{ref_table} or correct the id)")
        if len(columns) == 1:
            allowed = list(set(frames[ref_table][ref_columns[0]].dropna().tolist()))
            column_checks.setdefault(columns[0], []).append(pa.Check(
                lambda s, allowed=allowed: s.isna() | _as_objects(s).isin(allowed), name=f"foreign_key->{ref_table}",
                error=error))
        else:
            allowed = set(frames[ref_table][ref_columns].dropna().itertuples(index=False, name=None))

            def present(df, columns=columns, allowed=allowed):
                keys = df[columns].astype(object)
                return pd.Series([any(pd.isna(v) for v in key) or key in allowed
                                  for key in keys.itertuples(index=False, name=None)], index=df.index, dtype=bool)
            row_checks.append(pa.Check(present, name=f"foreign_key->{ref_table}:{columns[0]}", error=error))
    return column_checks, row_checks


def _as_objects(series: pd.Series) -> pd.Series:
    """The column as Python objects, for isin with many values: pandas' isin on Arrow-backed strings makes a pyarrow
    scalar of every value looked for on each call (85 ms for a 10,000-article corpus's source ids against 16)."""
    return series.astype(object) if isinstance(series.dtype, pd.StringDtype) else series


def _values(series: pd.Series) -> list:
    """A column's values as Python objects, None for missing (NA)."""
    return series.to_numpy(dtype=object, na_value=None).tolist()


def _span_check(group, articles: dict[str, str], own_source_column: str) -> pa.Check:
    source_column = group.source_column or own_source_column

    def text_matches(df: pd.DataFrame) -> pd.Series:
        # column by column, not row by row (df.apply(axis=1) makes a Series per row): the same test on each row
        def ok(text, start, end, source) -> bool:
            if text is None and start is None and end is None:
                return True
            if text is None or start is None or end is None:
                return False
            article = articles.get(source)
            return article is not None and article[int(start):int(end)] == text
        matches = list(map(ok, _values(df[group.text]), _values(df[group.start]), _values(df[group.end]),
                           _values(df[source_column])))
        return pd.Series(matches, index=df.index, dtype=bool)

    return pa.Check(text_matches, name=f"span_matches_article:{group.text}",
                    error=f"{group.text} must equal the article text at [{group.start}:{group.end}] "
                          f"(offsets are Python str indices, end exclusive)")


def _ordering_check(low: str, high: str) -> pa.Check:
    def ordered(df: pd.DataFrame) -> pd.Series:
        a, b = df[low], df[high]
        # ISO dates are kept as text, which orders like the dates themselves
        return (a.isna() | b.isna() | (b >= a)).fillna(True).astype(bool)
    return pa.Check(ordered, name=f"not_less_than:{high}", error=f"{high} must not be less than {low}")


def pandera_schema(schema: TableSchema, frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pa.DataFrameSchema:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        converted = from_frictionless_schema(schema.descriptor)
    extra, foreign_key_rows = _foreign_key_checks(schema, frames)
    for f in schema.fields:
        if f["type"] == "date":
            extra.setdefault(f["name"], []).append(pa.Check(
                lambda s: s.isna() | s.map(_is_real_date, na_action="ignore").fillna(True).astype(bool),
                name="real_date", error="must be a real calendar date (YYYY-MM-DD)"))
    columns = {}
    for name, column in converted.columns.items():
        dtype = schema.pandas_dtypes()[name]
        checks = [c for c in column.checks if not (schema.enum(name) and c.name == "isin")] \
            + ([pa.Check.isin(schema.enum(name))] if schema.enum(name) else []) + extra.get(name, [])
        columns[name] = pa.Column(dtype, checks=checks, nullable=column.nullable, unique=column.unique,
                                  required=True, name=name)
    table_checks = [_span_check(g, articles, "source_id") for g in schema.span_groups]
    table_checks += [_ordering_check(low, high) for low, high in schema.ordering_pairs] + foreign_key_rows
    return pa.DataFrameSchema(columns, checks=table_checks, unique=schema.primary_key or None,
                              strict=True, ordered=True, coerce=False, name=schema.name)


def _problems_from(errors: SchemaErrors, file: str, frame: pd.DataFrame) -> list[Problem]:
    """One Problem per failing cell; a failing row-level check is reported once per row, at its main column."""
    messages = {}
    for err in errors.schema_errors:
        check = getattr(err, "check", None)
        if check is not None and getattr(check, "error", None):
            messages[str(getattr(check, "name", check))] = check.error
    problems, seen_rows = [], set()
    for case in errors.failure_cases.to_dict("records"):
        index, check = case.get("index"), str(case.get("check"))
        has_row = index is not None and not pd.isna(index)
        line = int(index) + 2 if has_row else None
        value = None if pd.isna(case.get("failure_case")) else str(case.get("failure_case"))
        column = case.get("column")
        if case.get("schema_context") == "DataFrameSchema" and check in messages:
            if (check, index) in seen_rows:
                continue
            seen_rows.add((check, index))
            column = check.split(":", 1)[1] if ":" in check else None
            value = str(frame.loc[int(index), column]) if has_row and column in frame.columns else None
            problems.append(Problem(file, line, column, value, messages[check]))
            continue
        message = messages.get(check)
        if message is None:
            if check in ("column_in_dataframe", "column_in_schema", "column_ordered"):
                message = f"column {value!r} is missing, unexpected or out of order ({check}); follow the schema"
                value = None
            elif check == "field_uniqueness" or check == "multiple_fields_uniqueness" or "unique" in check:
                message = "duplicate: the schema requires this (primary key or unique column) to be unique"
            elif check == "not_nullable":
                message = "required value is missing"
            else:
                message = f"failed {check}"
        problems.append(Problem(file, line, column, value, message))
    return problems


def _table_specific(name: str, frame: pd.DataFrame, frames: dict[str, pd.DataFrame], file: str) -> list[Problem]:
    problems = []
    if name == "event_participants":
        for i, row in frame.iterrows():
            filled = [c for c in ("organisation_id", "person_id") if not pd.isna(row[c])]
            if len(filled) != 1 or row["participant_id"] != row[filled[0]]:
                problems.append(Problem(file, i + 2, "participant_id", row["participant_id"],
                                        "exactly one of organisation_id and person_id must be filled, and participant_id must equal it"))
    if name == "person_aliases" and "organisation_aliases" in frames:
        seen = {normalise_key(a): oid for a, oid in frames["organisation_aliases"][["alias", "organisation_id"]].itertuples(index=False)}
        for i, (alias, pid) in enumerate(frame[["alias", "person_id"]].itertuples(index=False)):
            if normalise_key(alias) in seen:
                problems.append(Problem(file, i + 2, "alias", alias,
                                        f"the same alias also names organisation {seen[normalise_key(alias)]}: an alias must name one entity"))
    if name in ("organisation_aliases", "person_aliases"):
        # two case-sensitive spellings may differ in case ('Unison', 'UNISON'); otherwise one key, one alias
        seen_keys: dict[str, bool] = {}
        for i, (alias, case_sensitive) in enumerate(frame[["alias", "case_sensitive"]].itertuples(index=False)):
            key = normalise_key(alias)
            if key in seen_keys and not (case_sensitive and seen_keys[key]):
                problems.append(Problem(file, i + 2, "alias", alias,
                                        "the alias is listed twice (a case-insensitive alias covers every capitalisation "
                                        "and apostrophe): remove one row"))
            seen_keys[key] = bool(seen_keys.get(key, True)) and bool(case_sensitive)
    if name == "sources":
        problems += _source_date_problems(frame, file)
    if name == "figure_comparisons" and "measure_verdicts" in frames:
        problems += _repeated_verdict_problems(frame, frames["measure_verdicts"], file)
    problems += record_problems(name, frame, frames, file)
    return problems


def _repeated_verdict_problems(frame: pd.DataFrame, verdicts: pd.DataFrame, file: str) -> list[Problem]:
    """figure_comparisons' rows must repeat their measure's row of measure_verdicts in the columns the two tables
    share (verdict, conflict, sources_count), and each measure must have as many rows as its figures_count (a
    measure missing from measure_verdicts is the foreign key's problem)."""
    problems = []
    by_measure = verdicts.drop_duplicates("measure_id").set_index("measure_id")
    known = frame["measure_id"].isin(by_measure.index).to_numpy(dtype=bool)
    for column in [c for c in frame.columns if c in by_measure.columns]:
        own = frame[column].reset_index(drop=True)
        expected = by_measure[column].reindex(frame["measure_id"]).reset_index(drop=True)
        same = (own == expected).fillna(False).to_numpy(dtype=bool) | (own.isna() & expected.isna()).to_numpy(dtype=bool)
        for i in np.flatnonzero(known & ~same):
            problems.append(Problem(file, int(i) + 2, column, as_written(own[i]),
                                    f"measure_verdicts gives {as_written(expected[i])!r} for measure "
                                    f"{frame['measure_id'].iloc[i]}: rebuild with `make build`"))
    rows = frame["measure_id"].value_counts()
    for measure_id, count in by_measure["figures_count"].items():
        if int(rows.get(measure_id, 0)) != int(count):
            problems.append(Problem(file, None, "measure_id", measure_id,
                                    f"has {int(rows.get(measure_id, 0))} rows; measure_verdicts.figures_count says "
                                    f"{int(count)}: rebuild with `make build`"))
    return problems


_DATE_COMPANIONS = ("published_date_latest", "published_date_precision", "published_date_method")
_TEXT_METHODS = ("stated_in_text", "inferred_from_relative_dates")


def _source_date_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    """The sources columns a metadata-built package may leave empty (schemas/sources.schema.json) are empty
    together: a date comes with its latest day, precision and method, a date read from the text with the words it
    rests on, and only a date the metadata gave (or none) may come without a retrieval date.

    Each rule is written once, as a column, the rows it fails on (a mask over the whole table) and its message;
    problems are listed by row, then in the rules' order."""
    dated = frame["published_date"].notna().to_numpy(dtype=bool)
    method = frame["published_date_method"].astype(object)
    by_text = method.isin(_TEXT_METHODS).to_numpy(dtype=bool)

    def missing(column: str) -> np.ndarray:
        return frame[column].isna().to_numpy(dtype=bool)

    rules = [(column, missing(column) == dated, lambda _: "must be given exactly when published_date is")
             for column in _DATE_COMPANIONS]
    rules += [("published_date_evidence_text", by_text & missing("published_date_evidence_text"),
               lambda method: f"a date {method.replace('_', ' ')} must quote the words it rests on"),
              ("retrieved_on", by_text & missing("retrieved_on"),
               lambda _: "a source curated by reading records when its text was received")]
    problems, labels = [], frame.index.tolist()
    for i in np.flatnonzero(np.logical_or.reduce([fails for _, fails, _ in rules])).tolist():  # failing rows only
        for column, fails, message in rules:
            if fails[i]:
                value = frame[column].iat[i]
                problems.append(Problem(file, labels[i] + 2, column, None if pd.isna(value) else str(value),
                                        message(method.iat[i])))
    return problems


# What each table's checks read of other tables besides its foreign keys' referenced columns (_table_specific and
# record_problems): table -> {other table: the columns read, or None for every column}. A caller that holds only
# some tables (scripts/package/validate.py checks one table at a time) gives each table these and its references.
OTHER_TABLES_READ: dict[str, dict[str, list[str] | None]] = {
    "person_aliases": {"organisation_aliases": ["alias", "organisation_id"]},
    "figure_comparisons": {"measure_verdicts": None},  # one row per measure
    **{name: {"record_sources": ["record_source_id"]} for name in CITING_TABLES},
    **{name: {table: None for table in RECORD_KEYS}
       for name in ("record_disagreements", "event_record_links", "figure_record_links")},
}


def validate_table(name: str, frame: pd.DataFrame, frames: dict[str, pd.DataFrame], schemas: dict[str, TableSchema],
                   articles, file: str) -> list[Problem]:
    """Every problem in one table, lazily; frames holds (at least) what its checks read of the other tables: the
    columns its foreign keys reference and OTHER_TABLES_READ[name]."""
    problems: list[Problem] = []
    try:
        pandera_schema(schemas[name], frames, articles).validate(frame, lazy=True)
    except SchemaErrors as errors:
        problems += _problems_from(errors, file, frame)
    problems += _table_specific(name, frame, frames, file)
    return problems


def validate_tables(frames: dict[str, pd.DataFrame], schemas: dict[str, TableSchema],
                    articles: dict[str, str], files: dict[str, str]) -> list[Problem]:
    """Every problem in every table, lazily; an empty list means the tables are valid."""
    problems: list[Problem] = []
    for name, frame in frames.items():
        problems += validate_table(name, frame, frames, schemas, articles, files[name])
    return problems
