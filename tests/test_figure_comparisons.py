"""figure_comparisons: hedge and rounding intervals, and the per-measure verdict across articles."""
from __future__ import annotations

import random
from itertools import combinations

import pandas as pd
import pytest

from scripts.across.figure_comparisons import (Interval, _count_disagreeing_pairs, _terms_in, allowed_interval,
                                             disagreeing_figures, disjoint, half_step,
                                             make_figure_comparison_tables, make_figure_comparisons,
                                             make_measure_verdicts,
                                             note_limit)
from scripts.package.tableschema import load_schema
from scripts.package.tables import frame_from_records


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


@pytest.mark.parametrize("lower, upper", [(10.6, 10.7), (8.1, 8.2), (26.1, 26.2), (0.3, 0.4), (1.15, 1.16), (9.4, 9.5)])
def test_adjacent_roundings_share_no_value(lower, upper):
    below, above = (allowed_interval(v, None, "none", "percent") for v in (lower, upper))
    assert below.high == above.low
    assert not below.overlaps(above) and disjoint(below, above)


def test_interval_ends_are_decimal_values_without_float_noise():
    rng = random.Random(7)
    for _ in range(2000):
        places = rng.randint(1, 3)
        value = round(rng.uniform(0.001, 999), places)
        decimals = len(repr(value).split(".")[1])
        for hedge, extra in (("none", 1), ("around", 2), ("nearly", 1)):
            interval = allowed_interval(value, None, hedge, "count")
            for end in (interval.low, interval.high):
                assert len(repr(end).split(".")[1]) <= decimals + extra, (value, hedge, end)


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
    note = make_measure_verdicts(frames, articles)["conflict_note"][0]
    assert "61,000" in note and "80,000" in note


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
    assert "m-uk" in make_measure_verdicts(frames, articles)["conflict_note"][0]


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
    assert list(table["per"]) == ["hour", "year"]
    assert "per different periods" in make_measure_verdicts(frames, articles)["conflict_note"][0]


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


# --- without comparing every pair; notes of bounded size ----------------------------------------------------

def _random_interval(rng) -> Interval:
    low = rng.randint(0, 6) / 2
    high = None if rng.random() < 0.15 else low + rng.randint(-1, 4) / 2  # some empty or reversed ones too
    return Interval(low, high, low_open=rng.random() < 0.4, high_open=rng.random() < 0.4)


def test_disjoint_by_interval_ends_agrees_with_overlaps():
    rng = random.Random(1)
    for _ in range(5000):
        a, b = _random_interval(rng), _random_interval(rng)
        assert disjoint(a, b) == (not a.overlaps(b)), (a, b)


def _figure(source_id, start, interval, per=None):
    return {"source_id": source_id, "start": start, "text": str(start), "per": per,
            "_interval": interval, "interval": str(interval)}


@pytest.mark.parametrize("seed", range(20))
def test_figures_with_a_disagreeing_partner_and_pair_count_match_every_pair_compared(seed):
    rng = random.Random(seed)
    figures = [_figure(f"s{rng.randrange(6)}", k, _random_interval(rng), per=rng.choice([None, None, "hour"]))
               for k in range(rng.randint(2, 30))]
    pairs = [(a, b) for a, b in combinations(figures, 2)
             if a["source_id"] != b["source_id"] and a["per"] == b["per"] and not a["_interval"].overlaps(b["_interval"])]
    partnered = {id(f) for pair in pairs for f in pair}
    assert {id(f) for f in disagreeing_figures(figures)} == partnered
    for per in (None, "hour"):
        group = [f for f in figures if f["per"] == per]
        assert _count_disagreeing_pairs(group) == sum(a["per"] == per for a, _ in pairs)


def test_note_of_a_measure_with_many_figures_is_a_bounded_summary_by_distribution():
    articles, figures = {}, []
    for k in range(300):  # most say about 61,000; a few say far less or far more
        value = 61000.0 if k % 10 else (20000.0 if k % 20 else 95000.0)
        articles[f"s{k:03d}"] = f"There are {value:,.0f} doctors."
        figures.append({"source_id": f"s{k:03d}", "text": f"{value:,.0f}", "start": 10, "value": value, "hedge": "none"})
    frames = _frames(figures)
    frames["sources"] = frame_from_records([{"source_id": s, "published_date": "2023-03-01"} for s in articles],
                                           load_schema("sources"))
    tables = make_figure_comparison_tables(frames, articles)
    assert set(tables["figure_comparisons"]["verdict"]) == {"conflict"}
    [note] = tables["measure_verdicts"]["conflict_note"]
    assert len(note) <= note_limit()
    assert "270 figures from 270 articles all allow [60,500, 61,500)" in note
    assert "15 figures from 15 articles lie below it" in note and "15 figures from 15 articles lie above it" in note
    assert f"{270 * 30 + 15 * 15:,} pairs of figures from different articles" in note  # each side vs the rest


def test_every_note_stays_within_the_schema_limit_however_many_figures_agree():
    articles = {f"a-source-with-a-long-identifier-{k:04d}": "There are 61,000 doctors." for k in range(500)}
    figures = [{"source_id": s, "text": "61,000", "start": 10, "value": 61000.0, "hedge": "none"} for s in articles]
    frames = _frames(figures)
    frames["sources"] = frame_from_records([{"source_id": s, "published_date": "2023-03-01"} for s in articles],
                                           load_schema("sources"))
    [verdict] = make_measure_verdicts(frames, articles).itertuples(index=False)
    note = verdict.conflict_note
    assert verdict.verdict == "consistent" and verdict.figures_count == 500 and len(note) <= note_limit()
    assert note.endswith("; and 492 more figures.")


def test_memo_in_the_cache_folder_gives_the_same_table_and_spares_the_sentence_search(tmp_path, monkeypatch):
    import scripts.across.figure_comparisons as module
    articles = {"a": "There are 61,000 doctors.", "b": "There are 80,000 doctors in the UK."}
    frames = _frames([{"source_id": "a", "text": "61,000", "start": 10, "value": 61000.0, "hedge": "none"},
                      {"source_id": "b", "text": "80,000", "start": 10, "value": 80000.0, "hedge": "none"}])
    without = make_figure_comparison_tables(frames, articles)
    first = make_figure_comparison_tables(frames, articles, cache_dir=tmp_path)  # fills the memo
    assert list((tmp_path / "across").iterdir())

    def searched(*args):
        raise AssertionError("the memo held this figure's other-measure terms")
    monkeypatch.setattr(module, "_other_measure_terms", searched)
    again = make_figure_comparison_tables(frames, articles, cache_dir=tmp_path)
    for name in ("figure_comparisons", "measure_verdicts"):
        pd.testing.assert_frame_equal(first[name], without[name])
        pd.testing.assert_frame_equal(again[name], without[name])
    assert "m-uk" in again["measure_verdicts"]["conflict_note"][0]


def test_memo_is_not_used_for_an_article_whose_text_changed(tmp_path):
    frames = _frames([{"source_id": "a", "text": "61,000", "start": 10, "value": 61000.0, "hedge": "none"},
                      {"source_id": "b", "text": "80,000", "start": 10, "value": 80000.0, "hedge": "none"}])
    make_figure_comparisons(frames, {"a": "There are 61,000 doctors.", "b": "There are 80,000 doctors."},
                            cache_dir=tmp_path)
    changed = {"a": "There are 61,000 doctors.", "b": "There are 80,000 doctors in the UK."}
    assert set(make_figure_comparisons(frames, changed, cache_dir=tmp_path)["verdict"]) == \
        {"different_measure_suspected"}
    assert make_figure_comparisons(frames, changed).equals(
        make_figure_comparisons(frames, changed, cache_dir=tmp_path))


def test_damaged_memo_segment_is_reported_removed_and_its_work_done_again(tmp_path):
    from scripts.extract.cache import CacheWarning
    articles = {"a": "There are 61,000 doctors.", "b": "There are 80,000 doctors in the UK."}
    frames = _frames([{"source_id": "a", "text": "61,000", "start": 10, "value": 61000.0, "hedge": "none"},
                      {"source_id": "b", "text": "80,000", "start": 10, "value": 80000.0, "hedge": "none"}])
    make_figure_comparisons(frames, articles, cache_dir=tmp_path)
    [segment] = list((tmp_path / "across").glob("*/seg-*.arrow"))
    segment.write_bytes(segment.read_bytes()[:-7])  # truncated
    with pytest.warns(CacheWarning, match="across-source memo segment .* do not match"):
        again = make_figure_comparisons(frames, articles, cache_dir=tmp_path)
    pd.testing.assert_frame_equal(again, make_figure_comparisons(frames, articles))
    import hashlib
    import warnings
    # written again whole (same content, same name), and read without complaint next time
    assert hashlib.sha256(segment.read_bytes()).hexdigest() == segment.name[len("seg-"):-len(".arrow")]
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        make_figure_comparisons(frames, articles, cache_dir=tmp_path)


# --- built from the figures' columns: the table the row-by-row build gave ------------------------------------

def _row_by_row_table(frames, articles) -> dict[str, pd.DataFrame]:
    """The earlier make_figure_comparisons (a dict of every column per figure, three times over), as reference, and
    its measures' verdicts."""
    from scripts.across import figure_comparisons as fc
    schema = load_schema("figure_comparisons")
    figures = frames["figures"]
    figures = figures[figures["measure_id"].notna()]
    published = dict(zip(frames["sources"]["source_id"], frames["sources"]["published_date"]))
    measures = {row["measure_id"]: row for row in frames["measures"].to_dict("records")}
    terms = fc._terms_by_measure(frames["measures"])
    by_measure = {}
    for row in figures.sort_values(["measure_id", "source_id", "start"]).to_dict("records"):
        row = {k: fc._clean(v) for k, v in row.items()}
        row["_interval"] = allowed_interval(float(row["value"]), fc._clean(row["value_high"]), row["hedge"], row["unit"])
        row["interval"] = str(row["_interval"])
        by_measure.setdefault(row["measure_id"], []).append(row)
    records, verdicts = [], []
    for measure_id, rows in sorted(by_measure.items()):
        verdict, note = fc._judge(measure_id, rows, measures[measure_id], terms, articles)
        verdicts.append({"measure_id": measure_id, "figures_count": len(rows),
                         "sources_count": len({r["source_id"] for r in rows}), "verdict": verdict,
                         "conflict": verdict == "conflict", "conflict_note": fc._capped_note(note, note_limit())})
        for row in rows:
            records.append({
                "measure_id": measure_id, "source_id": row["source_id"], "text": row["text"],
                "start": int(row["start"]), "end": int(row["end"]), "value": float(row["value"]),
                "value_high": row["value_high"], "unit": row["unit"], "per": row["per"], "hedge": row["hedge"],
                "interval_low": row["_interval"].low, "interval_high": row["_interval"].high,
                "interval": row["interval"], "claimant_person_id": row["claimant_person_id"],
                "claimant_organisation_id": row["claimant_organisation_id"],
                "published_date": published[row["source_id"]], "sources_count": len({r["source_id"] for r in rows}),
                "verdict": verdict, "conflict": verdict == "conflict"})
    return {"figure_comparisons": frame_from_records(records, schema),
            "measure_verdicts": frame_from_records(verdicts, load_schema("measure_verdicts"))}


@pytest.mark.parametrize("seed", range(6))
def test_table_from_the_figures_columns_equals_the_row_by_row_table(seed):
    rng = random.Random(seed)
    sources = [f"s{k}" for k in range(rng.randint(2, 9))]
    articles = {s: "Some 61,000 doctors in the UK struck. Later 48 hours of action." for s in sources}
    hedges = ["none", "around", "more_than", "up_to", "nearly", "vague", "at_least", "less_than", "some"]
    figures = []
    for k in range(rng.randint(1, 90)):
        value = float(rng.choice([61000, 48, 35, 26.1, 2.5, 100, 40000]) * rng.choice([1, 1, 1.1, 0.5]))
        figures.append({"source_id": rng.choice(sources), "text": f"{value:g}", "start": rng.choice([5, 10, 40]) + k,
                        "value": value, "value_high": None if rng.random() < 0.8 else value * 1.2,
                        "hedge": rng.choice(hedges), "per": rng.choice([None, None, "hour", "year"]),
                        "measure_id": rng.choice(["m", "m", "m-uk", None]),  # a figure without a measure is left out
                        "claimant_person_id": rng.choice([None, "p1"])})
    frames = _frames(figures, period=rng.choice(["2023", None]))
    frames["sources"] = frame_from_records([{"source_id": s, "published_date": rng.choice(["2023-03-01", None])}
                                            for s in sources], load_schema("sources"))
    frames["figures"] = frames["figures"].sample(frac=1, random_state=seed)  # any order, any index
    made, expected = make_figure_comparison_tables(frames, articles), _row_by_row_table(frames, articles)
    for name in ("figure_comparisons", "measure_verdicts"):
        pd.testing.assert_frame_equal(made[name], expected[name])


@pytest.mark.parametrize("sentence, found", [
    ("the payment rose", ["payment"]),               # 'pay' inside a longer word is not the term
    ("pay-rise talks resumed", ["pay", "pay-rise"]),  # a hyphen ends a word
    ("unpaid overtime", []),
    ("pay", ["pay"]),
])
def test_a_measure_term_is_found_only_as_a_whole_word(sentence, found):
    assert _terms_in(sentence, ["pay", "pay-rise", "payment", "overtime pay"]) == found
