"""figure_comparisons: hedge and rounding intervals, and the per-measure verdict across articles."""
from __future__ import annotations

import pandas as pd
import pytest

from scripts.make_figure_comparisons import Interval, allowed_interval, half_step, make_figure_comparisons
from scripts.tableschema import load_schema
from scripts.tables import frame_from_records


@pytest.mark.parametrize("value, expected", [(47600, 50), (40000, 5000), (8.2, 0.05), (26.1, 0.05), (3, 0.5), (10, 0.5)])
def test_half_step_is_half_the_last_significant_digit(value, expected):
    assert half_step(value) == pytest.approx(expected)


def test_hedges_give_the_intervals_a_reader_allows():
    assert str(allowed_interval(98, None, "more_than", "percent")) == "(98, 100]"
    assert str(allowed_interval(40000, None, "nearly", "count")) == "[36,000, 40,000)"
    around = allowed_interval(61000, None, "around", "count")
    assert (around.low, around.high) == pytest.approx((57950, 64050))
    assert str(allowed_interval(26.1, None, "none", "percent")) == "[26.05, 26.15)"
    assert allowed_interval(57000, None, "more_than", "count").high is None


def test_touching_half_open_intervals_do_not_overlap():
    three, four = allowed_interval(3, None, "none", "days"), allowed_interval(4, None, "none", "days")
    assert not three.overlaps(four)
    assert Interval(1, 2).overlaps(Interval(2, 3))
    assert allowed_interval(98, None, "more_than", "percent").overlaps(allowed_interval(98, None, "none", "percent"))


def _frames(figures: list[dict], period: str | None = "2023") -> dict[str, pd.DataFrame]:
    measures = [{"measure_id": "m", "description": "d", "population": "p", "period": period, "unit": "count",
                 "context_terms": "doctors"},
                {"measure_id": "m-uk", "description": "d", "population": "p", "period": "2023", "unit": "count",
                 "context_terms": "in the uk"}]
    sources = [{"source_id": s, "published_date": "2023-03-01"} for s in ("a", "b")]
    rows = [{"measure_id": "m", "end": f["start"] + len(f["text"]), "unit": "count", **f} for f in figures]
    return {"figures": frame_from_records(rows, load_schema("figures")),
            "measures": frame_from_records(measures, load_schema("measures")),
            "sources": frame_from_records(sources, load_schema("sources"))}


def _verdicts(frames, articles) -> dict[str, str]:
    table = make_figure_comparisons(frames, articles)
    return dict(zip(table["measure_id"], table["verdict"]))


def test_disjoint_figures_from_two_articles_conflict():
    articles = {"a": "There are 61,000 doctors.", "b": "There are 80,000 doctors."}
    frames = _frames([{"source_id": "a", "text": "61,000", "start": 10, "value": 61000.0, "hedge": "none"},
                      {"source_id": "b", "text": "80,000", "start": 10, "value": 80000.0, "hedge": "none"}])
    table = make_figure_comparisons(frames, articles)
    assert table["conflict"].all() and set(table["verdict"]) == {"conflict"}
    assert "61,000" in table["conflict_note"][0] and "80,000" in table["conflict_note"][0]


def test_hedged_figures_that_overlap_are_consistent():
    articles = {"a": "Nearly 40,000 doctors.", "b": "Some 38,000 doctors."}
    frames = _frames([{"source_id": "a", "text": "Nearly 40,000", "start": 0, "value": 40000.0, "hedge": "nearly"},
                      {"source_id": "b", "text": "Some 38,000", "start": 0, "value": 38000.0, "hedge": "some"}])
    assert _verdicts(frames, articles) == {"m": "consistent"}


def test_disagreeing_figure_whose_sentence_names_another_measure_is_suspected_not_conflict():
    articles = {"a": "There are 61,000 doctors.", "b": "There are 80,000 doctors in the UK."}
    frames = _frames([{"source_id": "a", "text": "61,000", "start": 10, "value": 61000.0, "hedge": "none"},
                      {"source_id": "b", "text": "80,000", "start": 10, "value": 80000.0, "hedge": "none"}])
    table = make_figure_comparisons(frames, articles)
    assert set(table["verdict"]) == {"different_measure_suspected"} and not table["conflict"].any()
    assert "m-uk" in table["conflict_note"][0]


def test_measure_without_period_is_judged_different_instances():
    articles = {"a": "A 3 doctors strike.", "b": "A 4 doctors strike."}
    frames = _frames([{"source_id": "a", "text": "3", "start": 2, "value": 3.0, "hedge": "none"},
                      {"source_id": "b", "text": "4", "start": 2, "value": 4.0, "hedge": "none"}], period=None)
    assert _verdicts(frames, articles) == {"m": "different_instances"}


def test_figures_per_different_periods_are_never_held_against_each_other():
    articles = {"a": "Pay starts at £14 an hour.", "b": "Pay starts at £28,000 a year."}
    frames = _frames([{"source_id": "a", "text": "£14", "start": 14, "value": 14.0, "hedge": "none", "per": "hour"},
                      {"source_id": "b", "text": "£28,000", "start": 14, "value": 28000.0, "hedge": "none", "per": "year"}])
    table = make_figure_comparisons(frames, articles)
    assert set(table["verdict"]) == {"different_instances"} and not table["conflict"].any()
    assert list(table["per"]) == ["hour", "year"] and "per different periods" in table["conflict_note"][0]


def test_figures_per_the_same_period_still_conflict():
    articles = {"a": "Pay starts at £14 an hour.", "b": "Pay starts at £28 an hour."}
    frames = _frames([{"source_id": "a", "text": "£14", "start": 14, "value": 14.0, "hedge": "none", "per": "hour"},
                      {"source_id": "b", "text": "£28", "start": 14, "value": 28.0, "hedge": "none", "per": "hour"}])
    assert _verdicts(frames, articles) == {"m": "conflict"}


def test_figures_within_one_article_never_conflict():
    articles = {"a": "Some cut 50 doctors, others 100 doctors."}
    frames = _frames([{"source_id": "a", "text": "50", "start": 9, "value": 50.0, "hedge": "none"},
                      {"source_id": "a", "text": "100", "start": 28, "value": 100.0, "hedge": "none"}])
    assert _verdicts(frames, articles) == {"m": "single_source"}


def test_published_comparisons_read_the_articles_carefully(built_root):
    table = pd.read_csv(built_root / "data" / "figure_comparisons.csv", dtype=str, keep_default_na=False)
    verdict = dict(zip(table["measure_id"], table["verdict"]))
    assert verdict["ballot-support-share"] == "consistent"            # 'more than 98%' vs '98%'
    assert verdict["real-terms-pay-cut-since-2008"] == "consistent"   # 'more than a quarter' vs '26.1%'
    assert verdict["strike-length-days"] == "different_instances"     # March (3 days) and April (4 days) strikes
    assert verdict["junior-doctors-england"] in ("different_measure_suspected", "single_source")  # 80,000 'in the NHS'
    figures = pd.read_csv(built_root / "data" / "figures.csv", dtype=str, keep_default_na=False)
    keys = set(zip(figures["source_id"], figures["start"]))
    assert set(zip(table["source_id"], table["start"])) <= keys       # (source_id, start) is a figure's key
