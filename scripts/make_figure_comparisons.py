"""Derived table figure_comparisons: every article's figures for a measure side by side, and whether they conflict.

Each figure becomes the interval of values its words allow (its hedge and its rounding); two articles conflict
about a measure when some figure of one and some figure of the other allow no common value. Figures within one
article are never held against each other (one article may give several instances: 50% and 100% of theatres),
nor are figures with different rates ('£14 an hour' and '£28,000' a year: figures.per).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

import pandas as pd

from scripts.extract.text import sentences
from scripts.tables import frame_from_records
from scripts.tableschema import load_schema

AROUND_SHARE = 0.05   # 'around 61,000' allows ±5%
NEARLY_SHARE = 0.10   # 'nearly 40,000' allows [36,000, 40,000)


@dataclass(frozen=True)
class Interval:
    low: float
    high: float | None          # None: unbounded above
    low_open: bool = False
    high_open: bool = False

    def __str__(self) -> str:
        high = "∞" if self.high is None else _number(self.high)
        return (("(" if self.low_open else "[") + f"{_number(self.low)}, {high}"
                + (")" if self.high_open or self.high is None else "]"))

    def overlaps(self, other: "Interval") -> bool:
        low, low_open = max((self.low, self.low_open), (other.low, other.low_open))
        highs = [(i.high, i.high_open) for i in (self, other) if i.high is not None]
        if not highs:
            return True
        high, high_open = min(highs, key=lambda h: (h[0], not h[1]))
        return low < high or (low == high and not low_open and not high_open)


def _number(value: float) -> str:
    return f"{value:,.10g}" if abs(value) >= 1000 else f"{value:.10g}"


def half_step(value: float) -> float:
    """Half the place value of the last significant digit: 47,600 -> 50; 40,000 -> 5,000; 8.2 -> 0.05.

    Below 1,000 a whole number's trailing zeros count as significant ('10 days', '100%' are exact), above it
    they do not ('40,000' is a round number).
    """
    if float(value).is_integer() and abs(value) < 1000:
        return 0.5
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return 0.5 * 10.0 ** exponent


def allowed_interval(value: float, value_high: float | None, hedge: str, unit: str) -> Interval:
    """The values a figure's words allow, by interval arithmetic on its hedge and rounding."""
    cap = 100.0 if unit == "percent" else None
    high = value if value_high is None else value_high
    if hedge == "more_than":
        return Interval(value, cap, low_open=True)
    if hedge == "at_least":
        return Interval(value, cap)
    if hedge == "less_than":
        return Interval(0.0, value, high_open=True)
    if hedge == "up_to":
        return Interval(0.0, value)
    if hedge == "nearly":
        return Interval(value * (1 - NEARLY_SHARE), value, high_open=True)
    if hedge in ("around", "some"):
        return _capped(Interval(value * (1 - AROUND_SHARE), high * (1 + AROUND_SHARE)), cap)
    if hedge == "vague":
        return Interval(value, high)
    # exact: rounding to the last significant digit, half-open like rounding itself
    return _capped(Interval(value - half_step(value), high + half_step(high), high_open=True), cap)


def _capped(interval: Interval, cap: float | None) -> Interval:
    if cap is None or interval.high is None or interval.high <= cap:
        return interval
    return Interval(interval.low, cap, interval.low_open)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _clean(value):
    return None if _missing(value) else value


def _terms_by_measure(measures: pd.DataFrame) -> dict[str, tuple[str, list[str]]]:
    """measure_id -> (unit, context terms)."""
    return {row.measure_id: (row.unit, [t.strip().lower() for t in str(row.context_terms).split("|") if t.strip()])
            for row in measures.itertuples(index=False)}


def _terms_in(sentence: str, terms: list[str]) -> list[str]:
    return [t for t in terms if re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", sentence)]


def _sentence_around(article: str, start: int) -> str:
    for span in sentences(article):
        if span.start <= start < span.end:
            return article[span.start:span.end]
    return article[max(0, start - 200):start + 200]


def _other_measure_terms(figure: dict, measure_id: str, terms: dict, article: str) -> dict[str, list[str]]:
    """Other measures of the same unit whose context terms (not shared with the assigned one) the sentence names."""
    unit, own_terms = terms[measure_id]
    sentence = _sentence_around(article, figure["start"]).lower()
    found = {}
    for other_id, (other_unit, other_terms) in sorted(terms.items()):
        if other_id != measure_id and other_unit == unit:
            hits = _terms_in(sentence, [t for t in other_terms if t not in own_terms])
            if hits:
                found[other_id] = hits
    return found


def _label(figure: dict) -> str:
    return f"{figure['source_id']} '{figure['text']}' {figure['interval']}"


def _same_rate(a: dict, b: dict) -> bool:
    return a.get("per") == b.get("per")


def _judge(measure_id: str, figures: list[dict], measure: dict, terms: dict,
           articles: dict[str, str]) -> tuple[str, str]:
    """(verdict, note) for one measure's figures."""
    sources = sorted({f["source_id"] for f in figures})
    if len(sources) == 1:
        return "single_source", f"Only {sources[0]} states this measure: " + "; ".join(dict.fromkeys(map(_label, figures))) + "."
    across = [(a, b) for a, b in combinations(figures, 2) if a["source_id"] != b["source_id"]]
    if not any(_same_rate(a, b) for a, b in across):
        rates = "; ".join(dict.fromkeys(f"{_label(f)} per {f.get('per') or '(no rate)'}" for f in figures))
        return "different_instances", f"The articles state it per different periods, so they are not compared: {rates}."
    disagreeing = [(a, b) for a, b in across if _same_rate(a, b) and not a["_interval"].overlaps(b["_interval"])]
    if not disagreeing:
        return "consistent", "Every pair of articles that can be compared overlaps: " + "; ".join(dict.fromkeys(map(_label, figures))) + "."
    first_per_pair = {}  # one example per pair of articles keeps the note short
    for a, b in disagreeing:
        first_per_pair.setdefault((a["source_id"], b["source_id"]), f"{_label(a)} vs {_label(b)}")
    pairs = "; ".join(first_per_pair.values())
    if _missing(measure.get("period")):
        return "different_instances", (
            f"No common value for {pairs}; but the measure is not tied to a period ({measure.get('population') or 'no population given'}), "
            "so the articles may describe different instances, e.g. different strikes.")
    suspects = {}
    for a, b in disagreeing:
        for figure in (a, b):
            for other_id, hits in _other_measure_terms(figure, measure_id, terms, articles[figure["source_id"]]).items():
                suspects.setdefault(f"{figure['source_id']} '{figure['text']}'", {})[other_id] = hits
    if suspects:
        why = "; ".join(f"the sentence of {fig} also says " + ", ".join(f"'{t}' (a term of {m})" for m, ts in others.items() for t in ts)
                        for fig, others in sorted(suspects.items()))
        return "different_measure_suspected", f"No common value for {pairs}; {why}: check which measure it states."
    return "conflict", f"No common value for {pairs}."


def make_figure_comparisons(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pd.DataFrame:
    schema = load_schema("figure_comparisons")
    figures = frames["figures"]
    figures = figures[figures["measure_id"].notna()]
    published = dict(zip(frames["sources"]["source_id"], frames["sources"]["published_date"]))
    measures = {row["measure_id"]: row for row in frames["measures"].to_dict("records")}
    terms = _terms_by_measure(frames["measures"])
    by_measure: dict[str, list[dict]] = {}
    for row in figures.sort_values(["measure_id", "source_id", "start"]).to_dict("records"):
        row = {k: _clean(v) for k, v in row.items()}
        row["_interval"] = allowed_interval(float(row["value"]), _clean(row["value_high"]), row["hedge"], row["unit"])
        row["interval"] = str(row["_interval"])
        by_measure.setdefault(row["measure_id"], []).append(row)
    records = []
    for measure_id, rows in sorted(by_measure.items()):
        verdict, note = _judge(measure_id, rows, measures[measure_id], terms, articles)
        for row in rows:
            interval = row["_interval"]
            records.append({
                "measure_id": measure_id, "source_id": row["source_id"], "text": row["text"],
                "start": int(row["start"]), "end": int(row["end"]), "value": float(row["value"]),
                "value_high": row["value_high"], "unit": row["unit"], "per": row["per"], "hedge": row["hedge"],
                "interval_low": interval.low, "interval_high": interval.high, "interval": row["interval"],
                "claimant_person_id": row["claimant_person_id"],
                "claimant_organisation_id": row["claimant_organisation_id"],
                "published_date": published[row["source_id"]],
                "sources_count": len({r["source_id"] for r in rows}),
                "verdict": verdict, "conflict": verdict == "conflict", "conflict_note": note})
    return frame_from_records(records, schema)
