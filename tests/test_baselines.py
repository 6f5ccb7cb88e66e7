"""The baselines run on tiny inputs, and the comparison table has one row per labelled set and measure."""
from __future__ import annotations

import datetime as dt

from scripts.evaluation.baselines import (ISSUE_EXAMPLES, all_rows, dateparser_date, markdown, plain_quotes,
                               quantulum_figures, same_date)
from scripts.extract.lexicon import Lexicon

LEXICON = Lexicon.from_rows(
    [{"alias": "BMA", "organisation_id": "bma", "case_sensitive": "true"}],
    [{"alias": "Steve Barclay", "person_id": "steve-barclay", "case_sensitive": "true"}],
    [{"person_id": "steve-barclay", "organisation_id": "uk-government"}])


def test_quantulum_figures_map_units_to_our_vocabulary_with_exact_spans():
    text = "Pay fell by 26%. Doctors earn £14 an hour and will strike for four days."
    rows = quantulum_figures(text, "src")
    assert {(r["text"], r["value"], r["unit"]) for r in rows} >= {("26%", 26, "percent"), ("£14", 14, "gbp"),
                                                                   ("four days", 4, "days")}
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)


def test_plain_quotes_take_text_between_marks_and_alias_next_to_said():
    text = "“We want talks,” said Steve Barclay. The BMA said \"no offer has been made\"."
    first, second = plain_quotes(text, "src", LEXICON)
    assert (first["text"], first["speaker_person_id"], first["speaker_organisation_id"]) == (
        "We want talks,", "steve-barclay", "uk-government")
    assert (second["text"], second["speaker_person_id"], second["speaker_organisation_id"]) == (
        "no offer has been made", None, "bma")


def test_plain_quotes_leave_speaker_empty_without_a_said_like_verb():
    quote, = plain_quotes("Steve Barclay called it “a fair offer”.", "src", LEXICON)
    assert quote["speaker_text"] is None


def test_dateparser_date_follows_prefer_dates_from():
    saturday = dt.date(2023, 3, 11)
    assert dateparser_date("on Friday", saturday, "past") == dt.date(2023, 3, 10)
    assert dateparser_date("on Friday", saturday, "future") == dt.date(2023, 3, 17)


def test_week_precision_counts_any_day_of_the_labelled_week():
    monday = dt.date(2023, 3, 13)
    assert same_date(dt.date(2023, 3, 17), monday, "week")
    assert not same_date(dt.date(2023, 3, 17), monday, "day")
    assert not same_date(None, monday, "day")


def test_comparison_table_has_a_row_per_set_and_measure():
    rows = all_rows()
    keys = {(r.labelled_set.split(" (")[0], r.measure, r.baseline) for r in rows}
    for labelled_set in ("package", "holdout"):
        assert (labelled_set, "quote spans, exact", "marks + nearest name to 'said'") in keys
        assert (labelled_set, "speaker of attributed quotes (accuracy)", "marks + nearest name to 'said'") in keys
        assert (labelled_set, "figures: span, value and unit all right", "quantulum3 (no classifier)") in keys
    for prefer in ("past", "future"):
        assert ("holdout", "relative date given the labelled expression (accuracy)",
                f"dateparser, PREFER_DATES_FROM={prefer}") in keys
        assert ("issue examples", "relative date (accuracy)", f"dateparser, PREFER_DATES_FROM={prefer}") in keys
    assert all(r.ours is not None for r in rows)
    assert len(ISSUE_EXAMPLES) == 7
    table = markdown(rows).splitlines()
    assert len(table) == 2 + len(rows) and all(line.count("|") == 12 for line in table)
