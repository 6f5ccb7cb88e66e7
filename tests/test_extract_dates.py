"""Date expressions: found in the text, resolved against the publication date, direction from the sentence."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import assert_sorted_spans_quote_the_text
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.extract import dates
from scripts.extract.dates import extract_dates, resolve
from scripts.paths import ARTICLES_DIR

D = dt.date
SATURDAY = D(2023, 3, 11)
FRIDAY = D(2023, 3, 10)
MONDAY = D(2023, 3, 13)


def rows(text, published=SATURDAY):
    return [(r["text"], r["expression_kind"], r["resolved_date"], r["precision"], r["direction"], r["time_of_day"])
            for r in extract_dates(text, "src", published)]


def only(text, published=SATURDAY):
    found, = extract_dates(text, "src", published)
    return found


# --- the cases the brief pins --------------------------------------------------------------------------------

@pytest.mark.parametrize("expression, sentence, published, expected", [
    ("Friday night", "Health Secretary Hal Finch tweeted on Friday night: “I have written to them.”",
     SATURDAY, (FRIDAY, "day", "past")),
    ("Monday", "Junior doctors in the FMU are due to walk out for 72 hours on Monday – and thousands of people "
     "were expected at a protest in London on Saturday.", SATURDAY, (MONDAY, "day", "future")),
    ("on Friday", "However, the union noted that the minister did not attend talks on Friday.",
     SATURDAY, (FRIDAY, "day", "past")),
    ("yesterday", "He extended an invitation yesterday.", SATURDAY, (FRIDAY, "day", "past")),
    ("tomorrow at 10am", "Doctors will meet the minister tomorrow at 10am.", D(2023, 3, 2),
     (D(2023, 3, 3), "day", "future")),
    ("next week", "Talks will carry on into next week.", FRIDAY, (MONDAY, "week", "future")),
    ("last week", "He told a summit last week that he was worried.", FRIDAY, (D(2023, 2, 27), "week", "past")),
    ("In just 10 days’ time", "In just 10 days’ time doctors will walk out.", D(2023, 3, 3),
     (MONDAY, "day", "future")),
    ("since Tuesday", "Unions have been in talks with the ministry since Tuesday.", FRIDAY,
     (D(2023, 3, 7), "day", "past")),
    ("On Thursday", "On Thursday, the Government said talks had been constructive and will carry on.", FRIDAY,
     (D(2023, 3, 9), "day", "past")),
    ("On Friday", "On Friday, the FMU (Federated Medics Union) expressed “frustration” at the approach.",
     D(2023, 4, 11), (D(2023, 4, 7), "day", "past")),
    ("this morning", "The strike began this morning.", D(2023, 4, 11), (D(2023, 4, 11), "day", "same_day")),
    ("March 13", "If it goes ahead from March 13 it will be the first time.", D(2023, 3, 2),
     (MONDAY, "day", "future")),
    ("13 March", "The walkout starts on 13 March.", D(2023, 3, 2), (MONDAY, "day", "future")),
    ("Monday, March 13", "They are due to walk out on Monday, March 13.", SATURDAY, (MONDAY, "day", "future")),
])
def test_brief_cases_resolve(expression, sentence, published, expected):
    assert resolve(expression, sentence, published) == expected


def test_tomorrow_at_ten_gives_the_time_of_day_and_keeps_it_in_the_span():
    row = only("Doctors will meet the minister tomorrow at 10am.", D(2023, 3, 2))
    assert (row["text"], row["resolved_date"], row["time_of_day"]) == ("tomorrow at 10am", D(2023, 3, 3), "10:00")


def test_clock_time_before_the_expression_is_part_of_it():
    assert rows("The strike began at 07:00 BST this morning.", D(2023, 4, 11)) == [
        ("07:00 BST this morning", "relative_day", D(2023, 4, 11), "day", "same_day", "07:00")]


@pytest.mark.parametrize("clock, expected", [("7.30pm", "19:30"), ("12am", "00:00"), ("12 p.m.", "12:00"),
                                             ("noon", "12:00"), ("23:15", "23:15")])
def test_clock_times_are_normalised(clock, expected):
    assert only(f"They meet on Monday at {clock}.")["time_of_day"] == expected


# --- weekdays and their direction --------------------------------------------------------------------------

def test_weekday_of_the_publication_day_is_the_same_day():
    assert rows("Doctors strike on Monday.", MONDAY) == [("Monday", "weekday", MONDAY, "day", "same_day", None)]


def test_weekday_of_the_publication_day_with_next_is_a_week_later():
    assert only("Talks resume next Monday.", MONDAY)["resolved_date"] == D(2023, 3, 20)


def test_weekday_of_the_publication_day_with_last_is_a_week_earlier():
    row = only("Talks failed last Monday.", MONDAY)
    assert (row["text"], row["resolved_date"], row["direction"]) == ("last Monday", D(2023, 3, 6), "past")


def test_since_right_before_a_weekday_makes_it_past_even_next_to_a_future_verb():
    assert only("They will keep talking, as they have since Wednesday.")["resolved_date"] == D(2023, 3, 8)


def test_from_right_before_a_weekday_makes_it_future_even_after_a_past_verb():
    assert only("The union said strikes run from Wednesday.")["resolved_date"] == D(2023, 3, 15)


def test_nearest_cue_before_the_weekday_in_its_clause_wins():
    row = only("Nurses walked out in January, and doctors will strike on Wednesday.")
    assert row["direction"] == "future"


def test_cue_after_the_weekday_counts_when_none_comes_before():
    assert only("On Wednesday, the minister said no.")["direction"] == "past"


def test_a_dash_ends_the_clause_that_gives_the_direction():
    assert rows("Doctors are set to strike on Wednesday – crowds were seen last month.")[0][4] == "future"


def test_past_participle_in_ed_is_a_past_cue_but_planned_is_future():
    assert only("The union announced on Tuesday that it had won.")["direction"] == "past"
    assert only("The walkout planned for Tuesday goes ahead.")["direction"] == "future"


def test_adjectives_in_ed_are_not_past_cues():
    assert only("An unprecedented walkout on Thursday.")["direction"] == "future"


def test_weekday_without_any_cue_is_taken_as_future():
    assert only("Doctors’ strike Tuesday")["resolved_date"] == D(2023, 3, 14)


def test_weekday_inside_a_name_is_not_a_date():
    assert rows("The Good Friday Agreement was signed.") == []


def test_recurring_and_plural_weekdays_are_not_dates():
    assert rows("Clinics open every Monday and on Tuesdays.") == []


# --- relative days, weeks and counts -------------------------------------------------------------------------

@pytest.mark.parametrize("expression, offset, direction", [
    ("today", 0, "same_day"), ("tonight", 0, "same_day"), ("this afternoon", 0, "same_day"),
    ("yesterday", -1, "past"), ("last night", -1, "past"), ("tomorrow", 1, "future"),
    ("the day before yesterday", -2, "past"), ("the day after tomorrow", 2, "future"),
])
def test_relative_days_count_from_the_publication_date(expression, offset, direction):
    row = only(f"They met {expression} in town.")
    assert (row["text"], row["expression_kind"], row["resolved_date"], row["direction"]) == (
        expression, "relative_day", SATURDAY + dt.timedelta(days=offset), direction)


def test_capitalised_today_inside_a_sentence_is_a_programme_not_a_date():
    assert rows("She told the Today programme so.") == []
    assert rows("Today, doctors strike.")[0][2] == SATURDAY


@pytest.mark.parametrize("expression, monday, direction", [
    ("this week", D(2023, 3, 6), "same_day"), ("earlier this week", D(2023, 3, 6), "past"),
    ("later this week", D(2023, 3, 6), "future"), ("the week after next", D(2023, 3, 20), "future"),
    ("the week before last", D(2023, 2, 20), "past"),
])
def test_relative_weeks_resolve_to_their_monday(expression, monday, direction):
    assert rows(f"Talks happen {expression} in town.") == [
        (expression, "relative_week", monday, "week", direction, None)]


@pytest.mark.parametrize("expression, kind, resolved, precision, direction", [
    ("in 3 days", "in_n_days", D(2023, 3, 14), "day", "future"),
    ("in a fortnight", "in_n_days", D(2023, 3, 25), "day", "future"),
    ("in two weeks’ time", "in_n_weeks", D(2023, 3, 20), "week", "future"),
    ("three days ago", "n_days_ago", D(2023, 3, 8), "day", "past"),
    ("a week ago", "n_weeks_ago", D(2023, 2, 27), "week", "past"),
])
def test_counted_days_and_weeks(expression, kind, resolved, precision, direction):
    assert rows(f"It happens {expression} they say.") == [(expression, kind, resolved, precision, direction, None)]


# --- absolute dates --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("expression", ["March 13", "13 March", "13th of March", "Monday 13 March", "Mar 13"])
def test_absolute_day_takes_the_year_of_publication(expression):
    assert rows(f"The strike is on {expression} they say.", D(2023, 3, 2)) == [
        (expression, "absolute_day", MONDAY, "day", "future", None)]


def test_written_year_beats_the_publication_year():
    assert only("It ended on March 13, 2021.", D(2023, 3, 2))["resolved_date"] == D(2021, 3, 13)


def test_day_range_resolves_to_its_first_day():
    assert rows("They last struck from 13-15 March.", D(2023, 4, 11)) == [
        ("13-15 March", "absolute_range", MONDAY, "day", "past", None)]


def test_iso_date_is_an_absolute_day():
    assert rows(" date 2023-03-10 The minister", FRIDAY) == [
        ("2023-03-10", "absolute_day", FRIDAY, "day", "same_day", None)]


def test_impossible_dates_are_skipped():
    assert rows("on 31 February and on 2023-02-30") == []


def test_numbers_that_are_not_days_are_not_dates():
    assert rows("Pay fell 26% since 2008/09; 47,600 doctors; 8-20 years; in 2016 and March 2023.") == []


# --- without a publication date --------------------------------------------------------------------------------

def test_without_publication_date_relative_dates_stay_unresolved_but_keep_direction():
    assert rows("The minister tweeted on Friday and will meet tomorrow.", None) == [
        ("Friday", "weekday", None, "day", "past", None), ("tomorrow", "relative_day", None, "day", "future", None)]


def test_without_publication_date_a_written_year_still_resolves():
    assert only("It ended on 13 March 2021.", None)["resolved_date"] == D(2021, 3, 13)


def test_resolve_rejects_text_without_a_date():
    with pytest.raises(ValueError):
        resolve("the union", "the union said", SATURDAY)


# --- the table as a whole --------------------------------------------------------------------------------------

def test_rows_have_the_documented_columns():
    assert list(only("They met yesterday.")) == ["source_id", "text", "start", "end", "expression_kind",
                                                 "resolved_date", "precision", "direction", "time_of_day"]


def test_articles_give_sorted_non_overlapping_spans_that_quote_the_text():
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = extract_dates(text, path.stem, SATURDAY)
        assert found, path.name
        assert_sorted_spans_quote_the_text(text, found)



_PIECES = [" ", "  ", ",", ".", "-", "–", "\n", "’s", " time", "on ", "in ", "at ", "the ", "a ", "just ",
           "since ", "from ", "will ", "said ", "last ", "next ", "this ", "coming ", "every ", "Good ", "Today",
           "today", "yesterday", "tomorrow", "tonight", "night", "morning", "week", "weeks", "day", "days",
           "fortnight", "ago", "before", "after", "Monday", "Friday", "Sunday", "March", "Sept.", "May", "13",
           "31", "1", "13th", "2023", "2023-03-10", "10am", "7.30 pm", "07:00", "BST", "noon", "three", "two",
           "In", "The", "Next", "NEXT WEEK", "of"]
_DATE_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_DATE_TEXT, st.sampled_from([SATURDAY, None, D(1, 1, 1), D(9999, 12, 31)]))
def test_any_text_gives_valid_rows(text, published):
    found = extract_dates(text, "src", published)
    for row in found:
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert text[row["start"]:row["end"]] == row["text"]
        assert row["precision"] in ("day", "week")
        assert row["direction"] in ("past", "future", "same_day", None)
    assert all(a["end"] <= b["start"] for a, b in zip(found, found[1:]))


@settings(max_examples=400, deadline=None)
@given(_DATE_TEXT)
def test_fast_scan_misses_nothing_a_plain_scan_finds(text):
    fast = [m.span() for m in dates._date_matches(text)]
    for plain in dates._DATE.finditer(text):
        assert any(start < plain.end() and plain.start() < end for start, end in fast), plain.group()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(text):
    for row in extract_dates(text, "src", SATURDAY):
        assert text[row["start"]:row["end"]] == row["text"]
