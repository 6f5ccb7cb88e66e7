"""Date expressions: found in the text, resolved against the publication date, direction from the sentence."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import assert_sorted_spans_quote_the_text
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.evaluation.benchmark_hostile import CASES, hostile_text
from scripts.extract import dates
from tests.workcount import growth
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
    *_, weekday = rows("Nurses walked out in January, and doctors will strike on Wednesday.")
    assert weekday[:2] == ("Wednesday", "weekday") and weekday[4] == "future"


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
    assert rows("Pay fell 26%; 47,600 doctors; 8-20 years; 13.5 hours; 2023 doctors; £2023; 2,000 staff.") == []


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
           "In", "The", "Next", "NEXT WEEK", "of", "month", "year", "August", "June ", "early ", "mid-", "Late ",
           "the end of ", "2008/09", "2019", "-20", " to ", "and ", "by ", "£", "%", "Smith"]
_DATE_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_DATE_TEXT, st.sampled_from([SATURDAY, None, D(1, 1, 1), D(9999, 12, 31)]))
def test_any_text_gives_valid_rows(text, published):
    found = extract_dates(text, "src", published)
    for row in found:
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert text[row["start"]:row["end"]] == row["text"]
        assert row["precision"] in ("day", "week", "month", "year")
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


# --- months and years ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("expression, kind, resolved, precision, direction", [
    ("last month", "relative_month", D(2023, 2, 1), "month", "past"),
    ("this month", "relative_month", D(2023, 3, 1), "month", "same_day"),
    ("earlier this month", "relative_month", D(2023, 3, 1), "month", "past"),
    ("later this month", "relative_month", D(2023, 3, 1), "month", "future"),
    ("next month", "relative_month", D(2023, 4, 1), "month", "future"),
    ("last year", "relative_year", D(2022, 1, 1), "year", "past"),
    ("this year", "relative_year", D(2023, 1, 1), "year", "same_day"),
    ("earlier this year", "relative_year", D(2023, 1, 1), "year", "past"),
    ("later this year", "relative_year", D(2023, 1, 1), "year", "future"),
    ("next year", "relative_year", D(2024, 1, 1), "year", "future"),
    ("the end of next year", "relative_year", D(2024, 1, 1), "year", "future"),
    ("six months ago", "n_months_ago", D(2022, 9, 1), "month", "past"),
    ("a year ago", "n_years_ago", D(2022, 1, 1), "year", "past"),
])
def test_relative_months_and_years_resolve_to_their_first_day(expression, kind, resolved, precision, direction):
    assert rows(f"Talks happen {expression} in town.") == [(expression, kind, resolved, precision, direction, None)]


def test_relative_month_crosses_the_year_end():
    assert only("Doctors struck last month.", D(2023, 1, 10))["resolved_date"] == D(2022, 12, 1)
    assert only("Doctors strike next month.", D(2022, 12, 10))["resolved_date"] == D(2023, 1, 1)


def test_the_last_year_is_a_length_of_time_not_a_date():
    assert rows("Waiting lists grew over the last year.") == []


@pytest.mark.parametrize("sentence, expression, resolved", [
    ("Doctors will strike in August.", "August", D(2023, 8, 1)),
    ("Doctors struck in August.", "August", D(2022, 8, 1)),
    ("Doctors will strike in February.", "February", D(2024, 2, 1)),
    ("Doctors struck in February.", "February", D(2023, 2, 1)),
    ("The mandate runs out in August, the union said.", "August", D(2023, 8, 1)),
    ("Talks have run since January.", "January", D(2023, 1, 1)),
    ("Nurses averted strikes at the beginning of March.", "the beginning of March", D(2023, 3, 1)),
    ("Pay must rise by the end of June.", "the end of June", D(2023, 6, 1)),
    ("Strikes in early March were costly.", "early March", D(2023, 3, 1)),
    ("A ballot closes in mid-April.", "mid-April", D(2023, 4, 1)),
    ("The deal was signed in March 2021.", "March 2021", D(2021, 3, 1)),
    ("The deal was signed in Sept. 2021.", "Sept. 2021", D(2021, 9, 1)),
    ("They struck in March last year.", "March last year", D(2022, 3, 1)),
    ("They struck last March.", "last March", D(2022, 3, 1)),
    ("They strike next March.", "next March", D(2024, 3, 1)),
])
def test_month_without_a_day_takes_the_year_its_tense_implies(sentence, expression, resolved):
    row = only(sentence)
    assert (row["text"], row["expression_kind"], row["resolved_date"], row["precision"]) == (
        expression, "absolute_month", resolved, "month")


def test_past_december_read_in_january_is_last_year():
    row = only("Doctors walked out in December.", D(2023, 1, 10))
    assert (row["resolved_date"], row["direction"]) == (D(2022, 12, 1), "past")


def test_future_january_read_in_december_is_next_year():
    row = only("Doctors will walk out in January.", D(2023, 12, 20))
    assert (row["resolved_date"], row["direction"]) == (D(2024, 1, 1), "future")


def test_month_of_publication_is_the_same_period():
    assert only("Strikes began in March.")["direction"] == "same_day"


def test_months_in_a_list_or_range_are_each_dates():
    assert [r[0] for r in rows("Strikes ran from January to March and April or May, in June, July and August.")] == [
        "January", "March", "April", "May", "June", "July", "August"]


def test_month_name_without_a_date_context_is_not_a_date():
    assert rows("March organisers said August was a good month.") == []


def test_may_the_verb_the_surname_and_the_given_name_are_not_months():
    assert rows("The strike may be extended. May I ask? Theresa May spoke. It was led by May. "
                "Confidence in May Jones fell, as did trust in May’s team.") == []
    assert [r[0] for r in rows("In April, May said no.")] == ["April"]
    assert only("The strike ends in May.")["resolved_date"] == D(2023, 5, 1)


def test_given_name_month_before_a_capitalised_word_is_a_person():
    assert rows("The report by June Smith was read.") == []


def test_a_day_next_to_a_month_stays_a_day_expression():
    assert rows("They meet on Monday 13 March 2023, strike 13-15 March and 20 March in March.", D(2023, 3, 2)) == [
        ("Monday 13 March 2023", "absolute_day", MONDAY, "day", "future", None),
        ("13-15 March", "absolute_range", MONDAY, "day", "future", None),
        ("20 March", "absolute_day", D(2023, 3, 20), "day", "future", None),
        ("March", "absolute_month", D(2023, 3, 1), "month", "same_day", None)]


@pytest.mark.parametrize("sentence, expression, kind, resolved", [
    ("Doctors first struck in 2016.", "2016", "absolute_year", D(2016, 1, 1)),
    ("Pay has fallen since 2008.", "2008", "absolute_year", D(2008, 1, 1)),
    ("Pay fell 26% since 2008/09.", "2008/09", "absolute_year", D(2008, 1, 1)),
    ("The 2019-20 award was low.", "2019-20", "absolute_year", D(2019, 1, 1)),
    ("The 1999/00 award was low.", "1999/00", "absolute_year", D(1999, 1, 1)),
    ("A deal lasting from 2019 to 2023 ended.", "2019 to 2023", "absolute_year_range", D(2019, 1, 1)),
    ("The 2019-2023 deal ended.", "2019-2023", "absolute_year_range", D(2019, 1, 1)),
    ("Waits will fall by the end of 2024.", "the end of 2024", "absolute_year", D(2024, 1, 1)),
    ("Strikes spread in mid-2022.", "mid-2022", "absolute_year", D(2022, 1, 1)),
    ("Since the summer of 2016 pay fell.", "2016", "absolute_year", D(2016, 1, 1)),
])
def test_years_used_as_dates(sentence, expression, kind, resolved):
    row = only(sentence, None)
    assert (row["text"], row["expression_kind"], row["resolved_date"], row["precision"]) == (
        expression, kind, resolved, "year")


def test_years_between_and_in_a_list_are_each_dates():
    assert [r[0] for r in rows("Pay fell between 2010 and 2015, and in 2016 and 2017.")] == [
        "2010", "2015", "2016", "2017"]


@pytest.mark.parametrize("sentence", [
    "It costs £2023 a year.", "Some 2,000 doctors struck.", "A total of 2000 doctors struck.",
    "Pay rose to 2008 levels.", "Shares fell 2023%.", "The 2023 uplift is small.", "It rose by 2019.5 points.",
    "The score was 2023-03 at half time.",
])
def test_numbers_that_are_quantities_are_not_years(sentence):
    assert [r for r in rows(sentence) if r[3] == "year"] == []


def test_year_direction_compares_with_the_publication_year():
    assert [r[4] for r in rows("In 2022, 2023 and 2024 they struck.")] == ["past", "same_day", "future"]


def test_month_without_a_year_and_without_a_publication_date_stays_unresolved():
    assert rows("Doctors struck in August and in March 2021.", None) == [
        ("August", "absolute_month", None, "month", None, None),
        ("March 2021", "absolute_month", D(2021, 3, 1), "month", None, None)]


def test_resolve_handles_months_and_years():
    assert resolve("in August", "The mandate runs out in August.", SATURDAY) == (D(2023, 8, 1), "month", "future")
    assert resolve("last year", "They struck last year.", SATURDAY) == (D(2022, 1, 1), "year", "past")


def test_a_count_after_a_month_and_a_comma_is_not_its_year():
    assert rows("In March, 2000 doctors struck.") == [("March", "absolute_month", D(2023, 3, 1), "month",
                                                        "same_day", None)]


def test_a_quantity_before_and_does_not_make_the_next_number_a_year():
    assert rows("It cost £2019 and 2020 more.") == []


# --- linear time on hostile text (work counts, no clock) ---------------------------------------------------------

@pytest.mark.parametrize("case", sorted(CASES))
def test_work_grows_linearly_with_text_length_on_hostile_text(case, monkeypatch):
    """Python lines run and characters scanned (regexes, and find/rfind on the text) grow about 10x (bound 13x)
    for a 10x longer text: no expression looks back to its line start or rescans its sentence."""
    lines, scanned = growth(lambda size, wrap: extract_dates(wrap(hostile_text(case, size)), "src", SATURDAY),
                            [dates], monkeypatch, 4000)
    assert lines < 13, f"Python work grew {lines:.1f}x for 10x the text"
    assert scanned < 13, f"scanning grew {scanned:.1f}x for 10x the text"


def test_many_weekdays_in_one_sentence_each_read_a_bounded_context(monkeypatch):
    text_at = lambda size: "Talks resumed on Monday and " + "Tuesday and Friday and " * (size // 23) + "then."
    lines, scanned = growth(lambda size, wrap: extract_dates(wrap(text_at(size)), "src", SATURDAY), [dates],
                            monkeypatch, 3000)
    assert lines < 13 and scanned < 13


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(sorted(CASES)), min_size=1, max_size=4), st.integers(0, 3000), _DATE_TEXT)
def test_never_raises_on_hostile_mixtures_and_spans_are_the_text(cases, size, extra):
    text = "".join(hostile_text(case, size // len(cases)) for case in cases) + extra
    found = extract_dates(text, "src", SATURDAY)
    assert all(text[r["start"]:r["end"]] == r["text"] for r in found)
    assert all(a["end"] <= b["start"] for a, b in zip(found, found[1:]))


def test_a_weekday_in_a_very_long_sentence_takes_its_direction_from_nearby_words():
    filler = "and the rota was discussed at length " * 40
    assert rows(f"Doctors said they walked out on Tuesday {filler}.")[0][4] == "past"
    assert rows(f"{filler} while doctors will walk out on Tuesday.")[0][4] == "future"


def test_in_a_period_before_a_hyphen_is_a_compound_adjective_not_a_date():
    assert rows("Staff at Orrin will join in a week-long series of rallies.") == []
    assert rows("They plan to walk out in two days-long waves.") == []


@pytest.mark.parametrize("text", ["One Tarnby ward saw over 900 patients across both sites in just one day.",
                                  "Cancellations at Vexby rose by 5,000 in two weeks.",
                                  "The trust cancelled 2,000 operations in a week."])
def test_in_n_days_after_a_past_verb_and_its_amount_is_how_long_it_took_not_a_date(text):
    assert rows(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Doctors at Orrin will strike in two days.", ("in two days", "in_n_days", D(2023, 3, 13), "day", "future")),
    ("They said they would strike in two weeks.", ("in two weeks", "in_n_weeks", D(2023, 3, 20), "week", "future")),
    ("The union announced a strike in two weeks.", ("in two weeks", "in_n_weeks", D(2023, 3, 20), "week", "future")),
    ("The BMA said three unions walk out in two days.", ("in two days", "in_n_days", D(2023, 3, 13), "day", "future")),
    ("Vexby saw 900 patients, and doctors strike in 10 days' time.",
     ("in 10 days' time", "in_n_days", D(2023, 3, 21), "day", "future")),
])
def test_in_n_days_after_a_modal_a_saying_verb_or_with_time_stays_a_date_ahead(text, expected):
    assert [r[:5] for r in rows(text)] == [expected]


def test_a_line_of_periods_and_ago_is_a_page_timestamp_not_a_date():
    assert rows("By Ann Kell\n(3 months, 2 weeks ago)\nDebate") == []
    assert rows("Updated\n5 days ago\nText") == []


def test_a_period_ago_in_a_sentence_stays_a_date():
    assert [r[:5] for r in rows("Orrin doctors struck 3 weeks ago.")] == [
        ("3 weeks ago", "n_weeks_ago", D(2023, 2, 13), "week", "past")]


@pytest.mark.parametrize("text, expected", [
    ("Orrin doctors strike on 20 and 21 March (Monday and Tuesday), the union said.",
     [("21 March", D(2023, 3, 21)), ("Monday", D(2023, 3, 20)), ("Tuesday", D(2023, 3, 21))]),
    ("The walkout runs from 13 to 17 March (Monday to Friday) at Vexby.",
     [("13 to 17 March", D(2023, 3, 13)), ("Monday", D(2023, 3, 13)), ("Friday", D(2023, 3, 17))]),
    ("Consultants struck from 2 March 2023 (Thursday).", [("2 March 2023", D(2023, 3, 2)), ("Thursday", D(2023, 3, 2))]),
])
def test_a_weekday_in_brackets_right_after_a_day_names_that_day(text, expected):
    assert [(r[0], r[2]) for r in rows(text)] == expected


def test_a_bracketed_weekday_that_is_not_the_days_own_is_read_as_before():
    assert [(r[0], r[2]) for r in rows("The strike starts on 20 March (Friday) at Orrin.")] == [
        ("20 March", D(2023, 3, 20)), ("Friday", D(2023, 3, 17))]


def test_a_bracketed_weekday_right_after_a_day_keeps_a_publication_less_date_resolved():
    found = [(r[0], r[2]) for r in rows("Tarnby staff walk out on 20 July 2023 (Thursday) and later.", None)]
    assert found == [("20 July 2023", D(2023, 7, 20)), ("Thursday", D(2023, 7, 20))]


@pytest.mark.parametrize("text, published, expected", [
    ("Orrin doctors will walk out on Wednesday Jan 3.", D(2023, 12, 6), D(2024, 1, 3)),
    ("The Vexby ballot ran between 14 December and 23 January.", D(2024, 1, 26), D(2023, 12, 14)),
    ("Tarnby consultants will strike from January 15.", D(2023, 12, 20), D(2024, 1, 15)),
    ("The Orrin strike was on 30 June.", D(2023, 12, 31), D(2023, 6, 30)),
    ("The Orrin strike will be on 30 June.", D(2023, 12, 31), D(2024, 6, 30)),
    ("The Orrin strike was on 13 March.", D(2023, 3, 11), D(2023, 3, 13)),
])
def test_a_day_written_without_a_year_takes_the_year_of_its_weekday_else_nearest_publication(text, published, expected):
    assert rows(text, published)[0][2] == expected


def test_a_day_without_a_year_and_no_publication_date_stays_unresolved_and_impossible_days_are_skipped():
    assert rows("The Orrin strike is on 13 March.", None)[0][2] is None
    assert rows("It ends on 31 February.", D(2023, 12, 1)) == []
