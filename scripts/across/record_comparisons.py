"""Derived table record_comparisons: each article figure linked to a record value (curated/figure_record_links.csv)
beside that value, with a verdict of agree, within_rounding_or_hedge or conflict and the reasoning.

The figure is read as the interval its words allow, exactly as figure_comparisons reads it (allowed_interval: rounding to
the last significant digit, 'more than', 'nearly', 'around', 'some', ranges); the record value as a point, or as its own
rounding when the record source gives it rounded. A 'bounded_by' link means the record value is an upper bound of the
figure's quantity (yes votes cannot exceed votes cast).
"""
from __future__ import annotations

import math

import pandas as pd

from scripts.across.figure_comparisons import Interval, allowed_interval
from scripts.package.record_checks import RECORD_KEYS

RECORD_UNITS = {"hours": {"hours"}, "days": {"days"}, "eligible_members": {"count"}, "votes_cast": {"count"},
                "votes_for": {"count"}, "value": {"count"}, "turnout_percent": {"percent"},
                "share_for_percent": {"percent"}, "uplift_percent": {"percent"}}


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def record_interval(record: float, precision: str, unit: str) -> Interval:
    """The values a record figure stands for: itself if exact, its rounding if approximate, above it if a lower bound."""
    if precision == "more_than":
        return allowed_interval(record, None, "more_than", unit)
    if precision == "approximate":
        return allowed_interval(record, None, "none", unit)
    return Interval(record, record)


def verdict(value: float, value_high: float | None, hedge: str, unit: str, record: float,
            record_precision: str = "exact", relation: str = "states") -> tuple[str, str]:
    """(verdict, why) for an article figure against a record value.

    The figure allows the interval its hedge and rounding give (allowed_interval, the same reading as
    figure_comparisons); the record stands for a point, or an interval when it is itself rounded or a lower bound.
    """
    said = f"'{hedge.replace('_', ' ')} {_fmt(value)}'" if hedge != "none" else f"'{_fmt(value)}'"
    allowed = allowed_interval(value, None if value_high is None or pd.isna(value_high) else value_high, hedge, unit)
    if relation == "bounded_by":
        if allowed.low > record:
            return "conflict", f"{said} allows nothing below {_fmt(allowed.low)}, more than the record's upper bound {_fmt(record)}"
        return "within_rounding_or_hedge", f"{said} allows {allowed}, which reaches below the record's upper bound {_fmt(record)}"
    stands_for = record_interval(record, record_precision, unit)
    if hedge == "none" and value_high is None and record_precision == "exact" and math.isclose(record, value, abs_tol=1e-9):
        return "agree", f"the record gives the same {_fmt(value)}"
    if math.isclose(record, value, abs_tol=1e-9) and hedge not in ("more_than", "less_than"):
        return "agree", f"the record gives the same {_fmt(value)} ({record_precision} in the record)"
    if allowed.overlaps(stands_for):
        what = f"the record's {_fmt(record)}" + ("" if record_precision == "exact" else f" ({record_precision}, standing for {stands_for})")
        return "within_rounding_or_hedge", f"{said} allows {allowed}, which holds {what}"
    return "conflict", (f"{said} allows {allowed}; the record's {_fmt(record)}"
                        + ("" if record_precision == "exact" else f" ({record_precision}, {stands_for})") + " is outside it")


def _record_precision(table: str, row) -> str:
    if table == "ballots":
        return row["figures_precision"]
    if table == "impact":
        return {"exact": "exact", "rounded": "approximate", "more_than": "more_than"}[row["value_qualifier"]]
    return "exact"


def make_record_comparisons(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pd.DataFrame:
    from scripts.package.tableschema import load_schema
    from scripts.package.tables import frame_from_records

    figures = frames["figures"].set_index(["source_id", "start"])
    records = []
    for link in frames["figure_record_links"].sort_values(["source_id", "figure_start"]).to_dict("records"):
        key = (link["source_id"], int(link["figure_start"]))
        if key not in figures.index:
            raise ValueError(f"curated/figure_record_links.csv: no figure at {key} in figures; correct source_id/figure_start")
        figure = figures.loc[key]
        if figure["text"] != link["figure_text"]:
            raise ValueError(f"curated/figure_record_links.csv: the figure at {key} reads {figure['text']!r}, "
                             f"not {link['figure_text']!r}; correct figure_text or the offset")
        if figure["unit"] not in RECORD_UNITS[link["record_column"]]:
            raise ValueError(f"curated/figure_record_links.csv: figure {key} is in {figure['unit']}, which cannot be compared "
                             f"with {link['record_table']}.{link['record_column']}")
        table = frames[link["record_table"]]
        row = table[table[RECORD_KEYS[link["record_table"]]] == link["record_id"]].iloc[0]
        record = float(row[link["record_column"]])
        high = None if pd.isna(figure["value_high"]) else float(figure["value_high"])
        precision = _record_precision(link["record_table"], row)
        result, why = verdict(float(figure["value"]), high, figure["hedge"], figure["unit"], record, precision, link["relation"])
        records.append({"source_id": key[0], "start": key[1], "text": figure["text"],
                        "measure_id": None if pd.isna(figure["measure_id"]) else figure["measure_id"],
                        "value": float(figure["value"]), "value_high": high, "unit": figure["unit"], "hedge": figure["hedge"],
                        "record_table": link["record_table"], "record_id": link["record_id"],
                        "record_column": link["record_column"], "record_value": record, "relation": link["relation"],
                        "verdict": result, "why": why + "; " + link["note"]})
    return frame_from_records(records, load_schema("record_comparisons"))
