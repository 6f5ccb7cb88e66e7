"""The record tables (strike_rounds, ballots, offers, impact, record_disagreements) and their links to the articles:
keys, time arithmetic, citations, and the article-versus-record verdicts."""
from __future__ import annotations

import csv

import pandas as pd
import pytest

from scripts.build import BuildFailed, build
from scripts.across.record_comparisons import verdict
from scripts.package.record_checks import RECORD_KEYS, round_hours
from tests.conftest import published_table

CITING = ("strike_rounds", "ballots", "offers", "impact")


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.parametrize("table", CITING)
def test_every_record_row_cites_record_sources_that_exist(built_root, table):
    frame = published_table(built_root, table)
    known = set(published_table(built_root, "record_sources")["record_source_id"])
    assert len(frame) and frame["record_source_id"].notna().all()
    for cited, others in zip(frame["record_source_id"], frame["other_record_source_ids"]):
        assert cited in known
        assert set([] if pd.isna(others) else others.split("|")) <= known


@pytest.mark.parametrize("table", list(RECORD_KEYS) + ["record_sources"])
def test_record_tables_have_unique_readable_keys(built_root, table):
    key = RECORD_KEYS.get(table, "record_source_id")
    ids = published_table(built_root, table)[key]
    assert ids.is_unique and ids.str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*").all()


def test_round_hours_equal_end_minus_start(built_root):
    rounds = published_table(built_root, "strike_rounds")
    timed = rounds[rounds["start_time"].notna() & rounds["end_time"].notna()]
    assert len(timed) >= 11
    for row in timed.itertuples():
        assert row.hours == pytest.approx(round_hours(row.start_date, row.start_time, row.end_date, row.end_time), abs=0.005)
    untimed = rounds[rounds["start_time"].isna() | rounds["end_time"].isna()]
    assert untimed["hours"].isna().all()


def test_round_hours_count_real_time_across_a_clock_change():
    assert round_hours("2023-04-11", "07:00", "2023-04-15", "07:00") == 96
    assert round_hours("2024-02-24", "07:00", "2024-02-28", "23:59") == pytest.approx(112.98)
    assert round_hours("2023-03-25", "07:00", "2023-03-27", "07:00") == 47  # the clocks went forward on 26 March


def test_a_round_whose_hours_disagree_with_its_times_stops_the_build(inputs_copy):
    path = inputs_copy / "curated" / "strike_rounds.csv"
    rows = _rows(path)
    april = next(r for r in rows if r["round_id"] == "bma-jd-england-2023-04")
    april["end_date"] = "2023-04-14"  # the error the review found in events: four days from 07:00 end on the 15th
    _write(path, rows)
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    assert any(p.column == "hours" and "end minus start" in p.message and "strike_rounds.csv" in p.file
               for p in failure.value.problems)


def test_a_link_to_a_record_row_that_does_not_exist_stops_the_build(inputs_copy):
    path = inputs_copy / "curated" / "event_record_links.csv"
    rows = _rows(path)
    rows[0]["record_id"] = "bma-jd-england-2099-01"
    _write(path, rows)
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    assert any(p.column == "record_id" and "names no" in p.message for p in failure.value.problems)


def test_junior_doctors_rounds_in_england_add_up_to_the_unions_own_count(built_root):
    """The BMA counted 44 strike days in 11 rounds (LBC, PA, 16 September 2024) and 19 days by September 2023 (HFMA)."""
    rounds = published_table(built_root, "strike_rounds")
    juniors = rounds[(rounds["group"] == "junior_doctors") & (rounds["nation"] == "england") & (rounds["status"] == "happened")]
    assert len(juniors) == 11 and juniors["days"].sum() == 44
    assert juniors[juniors["start_date"] < "2023-09-07"]["days"].sum() == 19


def test_ballot_shares_agree_with_their_counts(built_root):
    ballots = published_table(built_root, "ballots")
    counted = ballots.dropna(subset=["votes_for", "votes_cast"])
    assert len(counted) >= 2
    for row in counted.itertuples():
        assert 100 * row.votes_for / row.votes_cast == pytest.approx(row.share_for_percent, abs=1.5)


def test_a_revised_impact_figure_names_an_earlier_row_for_the_same_round_and_measure(built_root):
    impact = published_table(built_root, "impact").set_index("impact_id")
    revisions = impact[impact["revises_impact_id"].notna()]
    assert len(revisions)
    for impact_id, row in revisions.iterrows():
        earlier = impact.loc[row["revises_impact_id"]]
        assert (earlier["round_id"], earlier["measure"]) == (row["round_id"], row["measure"])
        assert pd.notna(earlier["published_date"])  # the revised publication is dated; an undated copy can only be the later one
        if pd.notna(row["published_date"]):
            assert earlier["published_date"] < row["published_date"]


@pytest.mark.parametrize("value, high, hedge, unit, record, precision, relation, expected", [
    (72, None, "none", "hours", 72, "exact", "states", "agree"),
    (35, None, "none", "percent", 35.3, "exact", "states", "within_rounding_or_hedge"),   # 35.3 rounds to 35
    (98, None, "more_than", "percent", 98, "approximate", "states", "within_rounding_or_hedge"),
    (40000, None, "nearly", "count", 36000, "approximate", "states", "within_rounding_or_hedge"),
    (40000, None, "nearly", "count", 30000, "exact", "states", "conflict"),
    (47600, None, "none", "count", 47692, "exact", "states", "conflict"),                 # 47,692 rounds to 47,700
    (61000, None, "around", "count", 80000, "exact", "states", "conflict"),
    (40000, None, "nearly", "count", 37000, "approximate", "bounded_by", "within_rounding_or_hedge"),
    (45000, None, "none", "count", 37000, "approximate", "bounded_by", "conflict"),       # 45,000 yes votes > 37,000 cast
    (3, 4, "vague", "days", 5, "exact", "states", "conflict"),
])
def test_verdicts_on_constructed_cases(value, high, hedge, unit, record, precision, relation, expected):
    result, why = verdict(value, high, hedge, unit, record, precision, relation)
    assert result == expected and why


def test_the_articles_figures_checked_against_the_record(built_root):
    comparisons = published_table(built_root, "record_comparisons").set_index(["source_id", "text"])
    assert comparisons.loc[("bbc-news-2023-04-11", "Four-day"), "verdict"] == "agree"
    assert comparisons.loc[("bbc-news-2023-04-11", "some 175,000"), "verdict"] == "agree"
    assert comparisons.loc[("unknown-2023-03-02", "47,600"), "verdict"] == "conflict"
    assert comparisons.loc[("hereford-times-2023-03-11", "Nearly 40,000"), "verdict"] == "within_rounding_or_hedge"
    links = published_table(built_root, "figure_record_links")
    assert len(comparisons) == len(links)


def test_article_strikes_point_to_their_rounds(built_root):
    links = published_table(built_root, "event_record_links")
    rounds = dict(zip(links["event_id"], links["record_id"]))
    assert rounds["bma-junior-doctors-strike-2023-03-13"] == "bma-jd-england-2023-03"
    assert rounds["bma-junior-doctors-strike-2023-04-11"] == "bma-jd-england-2023-04"
    april = published_table(built_root, "strike_rounds").set_index("round_id").loc["bma-jd-england-2023-04"]
    assert (april["end_date"], april["end_time"], april["hours"]) == ("2023-04-15", "07:00", 96)


def test_review_corrections_hold_in_the_curated_tables(built_root):
    events = published_table(built_root, "events").set_index("event_id")
    ongoing = events[events["status"] == "ongoing"]
    assert ongoing["end_date"].isna().all()
    sources = published_table(built_root, "sources").set_index("source_id")
    assert sources.loc["unknown-2023-03-02", "published_date_precision"] == "window"
    assert (sources["published_date_latest"] >= sources["published_date"]).all()
    assert events.loc["bma-barclay-meeting-westminster-2023-03-03", "date_precision"] != "day"
    participants = published_table(built_root, "event_participants")
    earlier = participants[participants["event_id"] == "nhs-strikes-by-nurses-paramedics-physiotherapists-2022-12"]
    assert "striker" not in set(earlier["role"])
    disagreements = published_table(built_root, "event_disagreements")
    assert not disagreements["note"].str.contains("40,800").any()
    assert not ((disagreements["event_id"] == "bma-junior-doctors-strike-2023-03-13") & (disagreements["aspect"] == "date")).any()
    past_year = events[(events["date_precision"] == "year") & (events["status"] == "happened")]
    for event_id in ("bma-offer-to-health-secretary-2023", "hospital-bosses-warn-on-patient-safety-2023"):
        assert event_id in past_year.index and past_year.loc[event_id, "end_date"] < "2023-12-31"
