"""Checks on the record tables (strike_rounds, ballots, offers, impact and the tables that point into them) that a
Table Schema cannot state: a round's hours equal its end minus its start, every cited record source exists, and a
(record_table, record_id) pair names a real row.
"""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd

from scripts.package.tables import Problem

LONDON = ZoneInfo("Europe/London")
RECORD_KEYS = {"strike_rounds": "round_id", "ballots": "ballot_id", "offers": "offer_id", "impact": "impact_id"}
CITING_TABLES = ("strike_rounds", "ballots", "offers", "impact")


def round_hours(start_date: str, start_time: str, end_date: str, end_time: str) -> float:
    """Hours from start to end, UK local times, across any clock change, rounded to two decimals."""
    def moment(day: str, time: str) -> dt.datetime:
        return dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(time), tzinfo=LONDON)
    seconds = (moment(end_date, end_time).astimezone(dt.timezone.utc)
               - moment(start_date, start_time).astimezone(dt.timezone.utc)).total_seconds()
    return round(seconds / 3600, 2)


def _present(value) -> bool:
    return not (value is None or value is pd.NA or (isinstance(value, float) and value != value) or value == "")


def hours_problems(frame: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for i, row in frame.iterrows():
        timed = _present(row["start_time"]) and _present(row["end_time"])
        if timed:
            expected = round_hours(row["start_date"], row["start_time"], row["end_date"], row["end_time"])
            if not _present(row["hours"]) or abs(float(row["hours"]) - expected) > 0.005:
                problems.append(Problem(file, i + 2, "hours", None if not _present(row["hours"]) else str(row["hours"]),
                                        f"hours must equal end minus start ({expected} from {row['start_date']} {row['start_time']} "
                                        f"to {row['end_date']} {row['end_time']}, Europe/London)"))
        elif _present(row["hours"]):
            problems.append(Problem(file, i + 2, "hours", str(row["hours"]),
                                    "hours is given only when both start_time and end_time are: leave it empty or give the times"))
    return problems


def citation_problems(frame: pd.DataFrame, frames: dict[str, pd.DataFrame], file: str) -> list[Problem]:
    known = set(frames["record_sources"]["record_source_id"]) if "record_sources" in frames else None
    if known is None:
        return []
    problems = []
    for i, value in enumerate(frame["other_record_source_ids"]):
        if not _present(value):
            continue
        for cited in str(value).split("|"):
            if cited not in known:
                problems.append(Problem(file, i + 2, "other_record_source_ids", cited,
                                        "names no record_source_id in record_sources: add the source or correct the id"))
    return problems


def reference_problems(frame: pd.DataFrame, frames: dict[str, pd.DataFrame], file: str) -> list[Problem]:
    """A (record_table, record_id) pair must name a row; a figure link's record_column must hold a value there."""
    problems = []
    for i, row in frame.iterrows():
        table = row["record_table"]
        if table not in frames:
            continue
        key = RECORD_KEYS[table]
        match = frames[table][frames[table][key] == row["record_id"]]
        if match.empty:
            problems.append(Problem(file, i + 2, "record_id", row["record_id"],
                                    f"names no {key} in {table}: add the row there or correct the id"))
        elif "record_column" in frame.columns and not _present(match.iloc[0][row["record_column"]]):
            problems.append(Problem(file, i + 2, "record_column", row["record_column"],
                                    f"{table} row {row['record_id']} has no value in {row['record_column']} to compare with"))
    return problems


def record_problems(name: str, frame: pd.DataFrame, frames: dict[str, pd.DataFrame], file: str) -> list[Problem]:
    problems = []
    if name == "strike_rounds":
        problems += hours_problems(frame, file)
    if name in CITING_TABLES:
        problems += citation_problems(frame, frames, file)
    if name in ("record_disagreements", "event_record_links", "figure_record_links"):
        problems += reference_problems(frame, frames, file)
    return problems
