"""Derived tables figure_comparisons (every article's figures for a measure side by side) and measure_verdicts
(whether they conflict: a verdict and a note per measure).

Each figure becomes the interval of values its words allow (its hedge and its rounding); two articles conflict
about a measure when some figure of one and some figure of the other allow no common value. Figures within one
article are never held against each other (one article may give several instances: 50% and 100% of theatres),
nor are figures with different rates ('£14 an hour' and '£28,000' a year: figures.per).

Whether any two figures disagree, and which figures have a disagreeing partner, are decided from the extreme
interval ends of each rate (linear in the figures), not from every pair; the note is bounded (see MAX_LISTED).

With the build's --cache folder, which other measures' terms a figure's sentence names (a function of the article's
text, the figure's place and the measures' terms alone) is kept in a memo (scripts/across/memo.py): a rebuild after
articles were added looks it up for the figures it has seen instead of splitting their articles into sentences and
searching them again. The table is the same with or without the memo.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import chain, combinations, repeat

import numpy as np
import pandas as pd
import pyarrow as pa

from scripts.extract.text import sentences
from scripts.package.tables import _ArrowValues, _typed_array, frame_from_columns
from scripts.memory import release_memory
from scripts.package.tableschema import load_schema

AROUND_SHARE = 0.05   # 'around 61,000' allows ±5%
NEARLY_SHARE = 0.10   # 'nearly 40,000' allows [36,000, 40,000)

# A note is the measure's, repeated on each of its rows, so its size must not grow with the figures: it names at
# most MAX_LISTED figures or pairs of articles (then says how many more), and never exceeds note_limit() (the
# schema's maxLength of conflict_note). Up to PAIRS_LISTED_UP_TO figures, the disagreeing pairs are listed in
# the figures' order; above it, the note summarises the distribution (the interval most figures allow, what lies
# either side, the furthest apart) from sorted interval ends, never from every pair.
MAX_LISTED = 8
PAIRS_LISTED_UP_TO = 40


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


def _decimal(value: float) -> Decimal:
    """The number a float was written as (10.7, not 10.699999999999999289...): interval ends are computed on it, so
    that '10.7%' starts where '10.6%' ends (10.65) instead of a float's rounding error below it."""
    return Decimal(repr(float(value)))


def _half_step(value: float) -> Decimal:
    if float(value).is_integer() and abs(value) < 1000:
        return Decimal("0.5")
    return Decimal(5).scaleb(_decimal(value).normalize().as_tuple().exponent - 1)


def half_step(value: float) -> float:
    """Half the place value of the last significant digit: 47,600 -> 50; 40,000 -> 5,000; 8.2 -> 0.05.

    Below 1,000 a whole number's trailing zeros count as significant ('10 days', '100%' are exact), above it
    they do not ('40,000' is a round number).
    """
    return float(_half_step(value))


def _scaled(value: float, share: float) -> float:
    """value * share, rounded once from the decimal product (see _decimal)."""
    return float(_decimal(value) * _decimal(share))


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
        return Interval(_scaled(value, 1 - NEARLY_SHARE), value, high_open=True)
    if hedge in ("around", "some"):
        return _capped(Interval(_scaled(value, 1 - AROUND_SHARE), _scaled(high, 1 + AROUND_SHARE)), cap)
    if hedge == "vague":
        return Interval(value, high)
    # exact: rounding to the last significant digit, half-open like rounding itself
    return _capped(Interval(float(_decimal(value) - _half_step(value)), float(_decimal(high) + _half_step(high)),
                            high_open=True), cap)


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


@lru_cache(maxsize=None)
def _term_pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)")


def _terms_in(sentence: str, terms: list[str]) -> list[str]:
    # a term can stand as a word only where it stands as a substring: the substring test (fast) goes first
    return [t for t in terms if t in sentence and _term_pattern(t).search(sentence)]


@lru_cache(maxsize=4096)
def _sentence_spans(article: str) -> tuple:
    return tuple(sentences(article))


def _sentence_around(article: str, start: int) -> str:
    spans = _sentence_spans(article)
    at = bisect_right([span.start for span in spans], start) - 1
    for span in spans[max(at, 0):at + 2]:
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


def _listing(items, what: str) -> str:
    """Items joined by '; ', at most MAX_LISTED of them, then how many more there are."""
    items = list(dict.fromkeys(items))
    shown = "; ".join(items[:MAX_LISTED])
    return shown + (f"; and {len(items) - MAX_LISTED:,} more {what}" if len(items) > MAX_LISTED else "")


def note_limit() -> int:
    """The longest conflict_note measure_verdicts' schema allows (its maxLength)."""
    field = next(f for f in load_schema("measure_verdicts").fields if f["name"] == "conflict_note")
    return int(field["constraints"]["maxLength"])


def _capped_note(note: str, limit: int) -> str:
    if len(note) <= limit:
        return note
    tail = f"; [note cut at {limit:,} characters]"
    kept = note[:limit - len(tail)]
    return (kept.rsplit("; ", 1)[0] if "; " in kept else kept) + tail


# --- disagreement without comparing every pair --------------------------------------------------------------

def _empty(i: Interval) -> bool:
    return i.high is not None and (i.low > i.high or (i.low == i.high and (i.low_open or i.high_open)))


def _below(a: Interval, b: Interval) -> bool:
    """Every value a allows is less than every value b allows (both non-empty)."""
    return a.high is not None and (a.high < b.low or (a.high == b.low and (a.high_open or b.low_open)))


def disjoint(a: Interval, b: Interval) -> bool:
    """not a.overlaps(b), decided by the order of the ends, so that sorted ends can answer it for many figures."""
    return _empty(a) or _empty(b) or _below(a, b) or _below(b, a)


def _low_key(i: Interval) -> tuple:   # larger: fewer values at the bottom
    return (i.low, 1 if i.low_open else 0)


def _high_key(i: Interval) -> tuple:  # smaller: fewer values at the top
    return (math.inf, 1) if i.high is None else (i.high, 0 if i.high_open else 1)


def _two_best(figures: list[dict], key, reverse: bool) -> list[dict]:
    """The best figure by key, and the best of another source: whoever asks, one of them is from another source."""
    ordered = sorted(figures, key=lambda f: key(f["_interval"]), reverse=reverse)
    best = ordered[:1]
    other = next((f for f in ordered if f["source_id"] != best[0]["source_id"]), None) if best else None
    return best + ([other] if other else [])


def disagreeing_figures(figures: list[dict]) -> list[dict]:
    """Figures that some figure of another article, per the same rate, allows no common value with (linear)."""
    found = []
    by_rate: dict = {}
    for f in figures:
        by_rate.setdefault(f.get("per"), []).append(f)
    for group in by_rate.values():
        sources = {f["source_id"] for f in group}
        if len(sources) < 2:
            continue
        proper = [f for f in group if not _empty(f["_interval"])]
        empty_sources = {f["source_id"] for f in group if _empty(f["_interval"])}
        lowest_high = _two_best(proper, _high_key, reverse=False)
        highest_low = _two_best(proper, _low_key, reverse=True)
        for f in group:
            others = lambda best: next((g for g in best if g["source_id"] != f["source_id"]), None)
            below, above = others(lowest_high), others(highest_low)
            if (_empty(f["_interval"]) or empty_sources - {f["source_id"]}
                    or below is not None and _below(below["_interval"], f["_interval"])
                    or above is not None and _below(f["_interval"], above["_interval"])):
                found.append(f)
    return found


def _pairs_in_order(figures: list[dict]) -> str:
    """Today's wording: the first disagreeing pair of figures for each pair of articles, in the figures' order."""
    first_per_pair = {}
    for a, b in combinations(figures, 2):
        if a["source_id"] != b["source_id"] and _same_rate(a, b) and disjoint(a["_interval"], b["_interval"]):
            first_per_pair.setdefault((a["source_id"], b["source_id"]), f"{_label(a)} vs {_label(b)}")
    return _listing(first_per_pair.values(), "pairs of articles")


def _count_disagreeing_pairs(group: list[dict]) -> int:
    """Pairs of figures of different articles that allow no common value (one rate), by sorting, not pairing."""
    proper = [f for f in group if not _empty(f["_interval"])]
    lows = sorted(_low_key(f["_interval"]) for f in proper)
    own_lows: dict[str, list] = {}
    for f in proper:
        own_lows.setdefault(f["source_id"], []).append(_low_key(f["_interval"]))
    for keys in own_lows.values():
        keys.sort()
    count = 0
    for f in proper:
        i = f["_interval"]
        if i.high is None:
            continue
        threshold = (i.high, 0) if i.high_open else (i.high, 1)  # b.low_key >= threshold: f lies below b
        own = own_lows[f["source_id"]]
        count += (len(lows) - bisect_left(lows, threshold)) - (len(own) - bisect_left(own, threshold))
    sizes: dict[str, list[int]] = {}
    for f in group:
        sizes.setdefault(f["source_id"], [0, 0])[_empty(f["_interval"])] += 1
    empties, total = sum(e for _, e in sizes.values()), len(group)
    for source, (_, empty) in sizes.items():  # an empty interval overlaps nothing
        count += empty * (total - sum(sizes[source]))
    count -= sum(e * (empties - e) for _, e in sizes.values()) // 2  # pairs of two empty ones counted twice
    return count


def _contains(i: Interval, x: float) -> bool:
    return ((i.low < x or (i.low == x and not i.low_open))
            and (i.high is None or x < i.high or (x == i.high and not i.high_open)))


def _distribution(group: list[dict]) -> str:
    """How one rate's figures spread: the value most of them allow, what lies either side, the furthest apart."""
    proper = [f for f in group if not _empty(f["_interval"])]
    lows = sorted(_low_key(f["_interval"]) for f in proper)
    highs = sorted(_high_key(f["_interval"]) for f in proper)
    ends = sorted({v for f in proper for v in (f["_interval"].low, f["_interval"].high) if v is not None})
    points = ends + [(a + b) / 2 for a, b in zip(ends, ends[1:])] + ([ends[-1] + 1] if ends else [])

    def covering(x: float) -> int:
        return bisect_right(lows, (x, 0)) - bisect_left(highs, (x, 1))

    point = max(sorted(points), key=covering)
    cluster = [f for f in proper if _contains(f["_interval"], point)]
    below = [f for f in proper if not _contains(f["_interval"], point) and _high_key(f["_interval"]) < (point, 1)]
    above = [f for f in proper if not _contains(f["_interval"], point) and _low_key(f["_interval"]) > (point, 0)]
    low, low_open = max(_low_key(f["_interval"]) for f in cluster)
    high, high_closed = min(_high_key(f["_interval"]) for f in cluster)
    common = Interval(low, None if high == math.inf else high, bool(low_open), not high_closed)
    parts = [f"{len(cluster):,} figures from {len({f['source_id'] for f in cluster}):,} articles all allow {common} "
             f"(e.g. {_listing(map(_label, cluster[:3]), 'figures')})"]
    if below:
        lowest = min(below, key=lambda f: _high_key(f["_interval"]))
        parts.append(f"{len(below):,} figures from {len({f['source_id'] for f in below}):,} articles lie below it "
                     f"(lowest: {_label(lowest)})")
    if above:
        highest = max(above, key=lambda f: _low_key(f["_interval"]))
        parts.append(f"{len(above):,} figures from {len({f['source_id'] for f in above}):,} articles lie above it "
                     f"(highest: {_label(highest)})")
    low_end = min(proper, key=lambda f: _high_key(f["_interval"]))
    high_end = max((f for f in proper if f["source_id"] != low_end["source_id"]),
                   key=lambda f: _low_key(f["_interval"]), default=None)
    if high_end is not None and disjoint(low_end["_interval"], high_end["_interval"]):
        parts.append(f"furthest apart: {_label(low_end)} vs {_label(high_end)}")
    return "; ".join(parts)


def _pairs_summary(figures: list[dict]) -> str:
    """The disagreement among many figures, summarised by distribution (the size of the note stays bounded)."""
    by_rate: dict = {}
    for f in figures:
        by_rate.setdefault(f.get("per"), []).append(f)
    counted = {rate: _count_disagreeing_pairs(group) for rate, group in by_rate.items()}
    rate, group = max(((r, g) for r, g in by_rate.items() if counted[r]), key=lambda rg: (len(rg[1]), counted[rg[0]]))
    text = (f"{counted[rate]:,} pairs of figures from different articles{'' if rate is None else f' (per {rate})'}, "
            f"among {len(group):,} figures: {_distribution(group)}")
    rest = sum(counted.values()) - counted[rate]
    return text + (f"; and {rest:,} more disagreeing pairs per other rates" if rest else "")


def _same_rate(a: dict, b: dict) -> bool:
    return a.get("per") == b.get("per")


def _judge(measure_id: str, figures: list[dict], measure: dict, terms: dict,
           articles: dict[str, str], other_terms=_other_measure_terms) -> tuple[str, str]:
    """(verdict, note) for one measure's figures, in time and note size that grow linearly with the figures."""
    sources = sorted({f["source_id"] for f in figures})
    labels = [_label(f) for f in figures]
    if len(sources) == 1:
        return "single_source", f"Only {sources[0]} states this measure: " + _listing(labels, "figures") + "."
    rates: dict = {}
    for f in figures:
        rates.setdefault(f.get("per"), set()).add(f["source_id"])
    if not any(len(s) > 1 for s in rates.values()):
        rated = _listing((f"{_label(f)} per {f.get('per') or '(no rate)'}" for f in figures), "figures")
        return "different_instances", f"The articles state it per different periods, so they are not compared: {rated}."
    disagreeing = disagreeing_figures(figures)
    if not disagreeing:
        return "consistent", "Every pair of articles that can be compared overlaps: " + _listing(labels, "figures") + "."
    pairs = _pairs_in_order(figures) if len(figures) <= PAIRS_LISTED_UP_TO else _pairs_summary(figures)
    if _missing(measure.get("period")):
        return "different_instances", (
            f"No common value for {pairs}; but the measure is not tied to a period ({measure.get('population') or 'no population given'}), "
            "so the articles may describe different instances, e.g. different strikes.")
    suspects = {}
    for figure in disagreeing:
        for other_id, hits in other_terms(figure, measure_id, terms, articles[figure["source_id"]]).items():
            suspects.setdefault(f"{figure['source_id']} '{figure['text']}'", {})[other_id] = hits
    if suspects:
        why = _listing((f"the sentence of {fig} also says " + ", ".join(f"'{t}' (a term of {m})" for m, ts in others.items() for t in ts)
                        for fig, others in sorted(suspects.items())), "figures whose sentence names another measure")
        return "different_measure_suspected", f"No common value for {pairs}; {why}: check which measure it states."
    return "conflict", f"No common value for {pairs}."


class _MemoisedOtherTerms:
    """_other_measure_terms, looked up in the --cache folder's memo for the figures an earlier build judged."""

    def __init__(self, cache_dir, terms: dict, figures: list[dict], articles: dict[str, str]):
        import pyarrow as pa

        from scripts.across.memo import ArticleMemo, text_key
        self.memo = ArticleMemo(cache_dir, "figure-other-terms", __name__, [pa.field("found", pa.string())],
                                depends_on=json.dumps(sorted(terms.items())))
        self.sha = {s: text_key(articles[s]) for s in sorted({f["source_id"] for f in figures})}
        self.known = self.memo.values(sorted({self._key(f, f["measure_id"]) for f in figures}), "found")
        self.found: dict[str, str] = {}

    def _key(self, figure: dict, measure_id: str) -> str:
        return f"{self.sha[figure['source_id']]}:{int(figure['start'])}:{measure_id}"

    def __call__(self, figure: dict, measure_id: str, terms: dict, article: str) -> dict[str, list[str]]:
        key = self._key(figure, measure_id)
        if key in self.known:
            return json.loads(self.known[key])
        found = _other_measure_terms(figure, measure_id, terms, article)
        self.found[key] = self.known[key] = json.dumps(found)
        return found

    def save(self) -> None:
        self.memo.add(self.found, "found")


class _Figure:
    """What judging reads of one figure (figure["source_id"], figure.get("per"), as the dict it replaces): a
    slotted object instead of a dict of every column of the figures table (memory at 100,000 articles)."""
    __slots__ = ("measure_id", "source_id", "text", "start", "per", "_interval", "interval")

    def __init__(self, measure_id, source_id, text, start, per, interval: Interval):
        self.measure_id, self.source_id, self.text, self.start, self.per = measure_id, source_id, text, start, per
        self._interval, self.interval = interval, str(interval)

    def __getitem__(self, key: str):
        return getattr(self, key)

    def get(self, key: str, default=None):
        return getattr(self, key, default)


def _repeated_text(texts: list[str], counts: list[int]) -> pd.arrays.ArrowStringArray:
    """A text column holding texts[k] counts[k] times over, in order: the column a list of the repeated strings
    makes, built at its exact size from the texts' UTF-8 bytes (an Arrow builder fed one string per row grows its
    buffer by doubling: about twice the column's size at its peak; the measure's note, built this way before
    measure_verdicts held it once, was the table's largest column)."""
    encoded = [text.encode("utf-8") for text in texts]
    offsets = np.zeros(sum(counts) + 1, np.int64)
    np.cumsum(np.repeat(np.array([len(e) for e in encoded], np.int64), counts), out=offsets[1:])
    data = b"".join(chain.from_iterable(repeat(e, n) for e, n in zip(encoded, counts)))
    array = pa.LargeStringArray.from_buffers(len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(data))
    return pd.arrays.ArrowStringArray(pa.chunked_array([array]))


def _string_column(values: pd.Series) -> pd.arrays.ArrowStringArray:
    """A text column as frame_from_columns types it, straight from the frame's own (typed) values."""
    try:
        return pd.arrays.ArrowStringArray(pa.array(values.array, type=pa.large_string(), from_pandas=True))
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # not text throughout: as Python values, as frame_from_columns does
        return _typed_array([_clean(v) for v in values.tolist()], "string")


def _float_column(values: np.ndarray) -> pd.arrays.FloatingArray:
    """A Float64 column from float64 values, NaN as missing (as _clean and pd.array make a NaN)."""
    values = np.asarray(values, np.float64)
    return pd.arrays.FloatingArray(values, np.isnan(values))


def _taken(figures: pd.DataFrame, name: str, rows: np.ndarray, dtype: str):
    """Column name of figures at rows, typed as the schema says, without a Python value per row."""
    values = figures[name].iloc[rows].reset_index(drop=True)
    if dtype == "string":
        return _string_column(values)
    if dtype == "Float64":
        return _float_column(values.to_numpy(dtype=np.float64, na_value=np.nan))
    return _typed_array([_clean(v) for v in values.tolist()], dtype)


def make_figure_comparison_tables(frames: dict[str, pd.DataFrame], articles: dict[str, str],
                                  cache_dir=None) -> dict[str, pd.DataFrame]:
    """figure_comparisons (a row per figure) and measure_verdicts (a row per measure: its verdict and note, kept once
    rather than on each of its figures' rows); cache_dir: the build's --cache folder, where the memo of other
    measures' terms is kept.

    The figures in order by measure, source and start make each measure a run of consecutive rows: a measure's
    figures become small objects for judging while it is judged (one measure's at a time, never every figure's),
    and the output's columns are built typed and at their exact size: the figures' own columns taken in that
    order, the intervals as NumPy arrays, the measure's verdict and note repeated over its rows from their bytes.
    No Python value per row and column, and no copy of the figures table (memory at 100,000 articles)."""
    schema = load_schema("figure_comparisons")
    dtypes = schema.pandas_dtypes()
    figures = frames["figures"]
    kept = np.flatnonzero(figures["measure_id"].notna().to_numpy(dtype=bool))
    by = ["measure_id", "source_id", "start"]
    order = figures[by].iloc[kept].reset_index(drop=True).sort_values(by).index.to_numpy()
    sorted_rows = kept[order]  # rows of figures, in order by measure, source and start
    del kept, order
    codes, measure_ids = pd.factorize(figures["measure_id"].iloc[sorted_rows], sort=False)
    bounds = np.flatnonzero(np.diff(codes)) + 1 if len(codes) else np.zeros(0, np.int64)
    starts_at = np.concatenate([[0], bounds]).astype(np.int64) if len(codes) else np.zeros(0, np.int64)
    ends_at = np.concatenate([bounds, [len(codes)]]).astype(np.int64) if len(codes) else np.zeros(0, np.int64)
    runs = {str(measure_ids[codes[a]]): (int(a), int(b)) for a, b in zip(starts_at, ends_at)}
    if len(runs) != len(starts_at):
        raise ValueError("figure_comparisons: the figures' measures are not in runs after sorting by measure")
    del codes, bounds, starts_at, ends_at

    def values_at(name: str, a: int, b: int) -> list:
        return [_clean(v) for v in figures[name].iloc[sorted_rows[a:b]].tolist()]

    measures = {row["measure_id"]: row for row in frames["measures"].to_dict("records")}
    terms = _terms_by_measure(frames["measures"])
    other_terms = _other_measure_terms
    if cache_dir is not None:
        other_terms = _MemoisedOtherTerms(cache_dir, terms, _FigureKeys(figures, sorted_rows), articles)
    count = len(sorted_rows)
    lows, highs = np.zeros(count, np.float64), np.full(count, np.nan)
    interval_texts: list[str] = [""] * count  # per sorted figure (the output's own order is made below)
    sequence = []  # output row -> position among the sorted figures, measure by measure
    verdicts, notes, sizes, sources_counts = [], [], [], []  # per measure, in the output's order
    limit = note_limit()
    for measure_id, (a, b) in sorted(runs.items()):
        columns = [values_at(n, a, b) for n in ("source_id", "text", "start", "per", "value", "value_high", "hedge", "unit")]
        group = []
        for k, (source_id, text, start, per, value, high, hedge, unit) in enumerate(zip(*columns)):
            interval = allowed_interval(float(value), high, hedge, unit)
            group.append(_Figure(measure_id, source_id, text, start, per, interval))
            lows[a + k] = interval.low
            highs[a + k] = np.nan if interval.high is None else interval.high
            interval_texts[a + k] = group[-1].interval
        del columns
        verdict, note = _judge(measure_id, group, measures[measure_id], terms, articles, other_terms)
        verdicts.append(verdict)
        notes.append(_capped_note(note, limit))
        sizes.append(b - a)
        sources_counts.append(len({f.source_id for f in group}))
        sequence.append(np.arange(a, b, dtype=np.int64))
        del group
    if cache_dir is not None:
        other_terms.save()
    _sentence_spans.cache_clear()  # the articles' sentences: not needed once every measure is judged
    release_memory(collect=False)  # judging's small objects, freed: their heap back before the columns are built
    sequence = np.concatenate(sequence) if sequence else np.zeros(0, np.int64)
    rows = sorted_rows[sequence]  # output row -> row of figures
    judged = sorted(runs)  # the measures, in the output's order
    del runs, sorted_rows
    sizes = np.array(sizes, np.int64)
    conflicts = [v == "conflict" for v in verdicts]
    sources = frames["sources"]

    def output(name: str):
        if name in figures.columns:  # a column of both schemas: the figures' own values, in the output's order
            return _ArrowValues(_taken(figures, name, rows, dtypes[name]))
        if name == "interval_low":
            return _ArrowValues(_float_column(lows[sequence]))
        if name == "interval_high":
            return _ArrowValues(_float_column(highs[sequence]))
        if name == "interval":
            return _ArrowValues(_string_column(pd.Series([interval_texts[i] for i in sequence], dtype=object)))
        if name == "published_date":
            at = pd.Index(sources["source_id"]).get_indexer(figures["source_id"].iloc[rows])
            if (at < 0).any():
                raise KeyError("figure_comparisons: a figure's source_id is not in the sources table")
            return _ArrowValues(_string_column(sources["published_date"].iloc[at].reset_index(drop=True)))
        if name == "sources_count":
            return _ArrowValues(pd.array(np.repeat(np.array(sources_counts, np.int64), sizes), dtype="Int64"))
        if name == "verdict":
            return _ArrowValues(_repeated_text(verdicts, sizes.tolist()))
        if name == "conflict":
            return _ArrowValues(pd.array(np.repeat(np.array(conflicts, bool), sizes), dtype="boolean"))
        raise KeyError(f"figure_comparisons: no values for the schema's column {name}")

    per_measure = {"measure_id": judged, "figures_count": sizes.tolist(), "sources_count": sources_counts,
                   "verdict": verdicts, "conflict": conflicts, "conflict_note": notes}
    return {"figure_comparisons": frame_from_columns(output, schema),
            "measure_verdicts": frame_from_columns(per_measure.__getitem__, load_schema("measure_verdicts"))}


def make_figure_comparisons(frames: dict[str, pd.DataFrame], articles: dict[str, str], cache_dir=None) -> pd.DataFrame:
    return make_figure_comparison_tables(frames, articles, cache_dir)["figure_comparisons"]


def make_measure_verdicts(frames: dict[str, pd.DataFrame], articles: dict[str, str], cache_dir=None) -> pd.DataFrame:
    return make_figure_comparison_tables(frames, articles, cache_dir)["measure_verdicts"]


class _FigureKeys:
    """What the memo of other measures' terms reads of every figure (source, start, measure), as small dicts made
    one at a time from the figures' columns each time it is iterated."""

    def __init__(self, figures: pd.DataFrame, rows: np.ndarray):
        self.figures, self.rows = figures, rows

    def __iter__(self):
        columns = [self.figures[n].iloc[self.rows].tolist() for n in ("measure_id", "source_id", "start")]
        for measure_id, source_id, start in zip(*columns):
            yield {"measure_id": measure_id, "source_id": source_id, "start": start}
