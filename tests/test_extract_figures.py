"""The figures extractor: what counts as a figure, its value, unit, hedge, measure and claimant.

Names and numbers here are invented, so that nothing is keyed on the package's articles.
"""
import json
import re

import pytest
from hypothesis import given, settings, strategies as st

from scripts.evaluation.benchmark_hostile import CASES, hostile_text
from scripts.extract import figures as figures_module, lexicon as lexicon_module, text as text_module
from scripts.extract.figures import extract_figures
from scripts.extract.lexicon import Lexicon
from tests.workcount import growth
from scripts.paths import SCHEMAS_DIR

LEXICON = Lexicon.from_rows(
    organisation_aliases=[
        {"organisation_id": "nnu", "alias": "Northshire Nurses Union", "case_sensitive": "false"},
        {"organisation_id": "nnu", "alias": "NNU", "case_sensitive": "true"},
        {"organisation_id": "ministry", "alias": "the ministry", "case_sensitive": "false"},
        {"organisation_id": "gazette", "alias": "The Gazette", "case_sensitive": "true"},
    ],
    person_aliases=[{"person_id": "ann-tate", "alias": "Ann Tate", "case_sensitive": "true"},
                    {"person_id": "ann-tate", "alias": "Ms Tate", "case_sensitive": "true"}],
    people=[{"person_id": "ann-tate", "organisation_id": "nnu"}],
    measures=[
        {"measure_id": "pay-cut", "unit": "percent", "context_terms": "pay cut|cut|fallen"},
        {"measure_id": "inflation", "unit": "percent", "context_terms": "inflation"},
        {"measure_id": "pay-rise", "unit": "percent", "context_terms": "rise|uplift"},
        {"measure_id": "uplift-2031", "unit": "percent", "context_terms": "uplift"},
        {"measure_id": "nurses-balloted", "unit": "count", "context_terms": "balloted|nurses"},
        {"measure_id": "wards-closed", "unit": "count", "context_terms": "wards|closed"},
        {"measure_id": "strike-hours", "unit": "hours", "context_terms": "strike|walkout"},
        {"measure_id": "staff-total", "unit": "count", "context_terms": "there are|staff in total"},
        {"measure_id": "staff-uk", "unit": "count", "context_terms": "in the uk|across the uk"},
    ])


def figures(text: str) -> list[dict]:
    return extract_figures(text, "test-source", LEXICON)


def found(text: str) -> list[tuple]:
    """(text, value, value_high, unit, hedge) of every figure in text."""
    return [(r["text"], r["value"], r["value_high"], r["unit"], r["hedge"]) for r in figures(text)]


def check(text: str, expected: list[tuple]) -> None:
    assert found(text) == expected


# ---------------------------------------------------------------- what counts, and its value and unit
@pytest.mark.parametrize("text, expected", [
    ("Pay fell by 26.1% in real terms.", [("26.1%", 26.1, None, "percent", "none")]),
    ("Pay rose 8.2 per cent this year.", [("8.2 per cent", 8.2, None, "percent", "none")]),
    ("They want 35 percent more.", [("35 percent", 35, None, "percent", "none")]),
    ("Output was 12pc lower.", [("12pc", 12, None, "percent", "none")]),
])
def test_percentages_with_decimals_and_words(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text, expected", [
    ("The deal costs £1.65bn.", [("£1.65bn", 1_650_000_000, None, "gbp", "none")]),
    ("Cover cost £3m.", [("£3m", 3_000_000, None, "gbp", "none")]),
    ("She earns £25k.", [("£25k", 25_000, None, "gbp", "none")]),
    ("A bonus of £2.4 million was paid.", [("£2.4 million", 2_400_000, None, "gbp", "none")]),
    ("Parking rose by 5p.", [("5p", 0.05, None, "gbp", "none")]),
    ("It cost 1,200 pounds.", [("1,200 pounds", 1200, None, "gbp", "none")]),
])
def test_money_with_scale_words_rates_and_pence(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text, expected", [
    ("Nurses start on £20,000 a year.", [("£20,000", "year")]),
    ("Cover pays £14 an hour.", [("£14", "hour")]),
    ("A £20,000-a-year post.", [("£20,000", "year")]),
    ("They start on between £21,000 and £24,000 per annum.", [("between £21,000 and £24,000", "year")]),
    ("Locums get £90 per shift.", [("£90", "shift")]),
    ("It costs £5 a head.", [("£5", "head")]),
    ("Pay rose from £20,000 to £25,000 a year.", [("£20,000", "year"), ("£25,000", "year")]),
    ("Prices rose 5% a year.", [("5%", "year")]),
    ("Some 1,000 a day were cancelled.", [("Some 1,000", "day")]),
    ("Staff work 48 hours a week.", [("48 hours", "week")]),
    ("The fund grows by £2m annually.", [("£2m", "year")]),
    ("Nurses start on £20,000.", [("£20,000", None)]),
])
def test_rate_words_after_a_figure_give_per_and_stay_out_of_the_text(text, expected):
    assert [(r["text"], r["per"]) for r in figures(text)] == expected


@pytest.mark.parametrize("text", ["Inflation was 5% a year ago.", "Turnout was 41% a year earlier.",
                                  "Only 40 came a day later."])
def test_a_period_that_dates_the_figure_is_not_a_rate(text):
    assert [r["per"] for r in figures(text)] == [None]


def test_counts_with_thousands_separators():
    check("A total of 47,600 nurses and 1.2 million patients.",
          [("47,600", 47_600, None, "count", "none"), ("1.2 million", 1_200_000, None, "count", "none")])


@pytest.mark.parametrize("text, expected", [
    ("They start on between £21,000 and £24,000.", [("between £21,000 and £24,000", 21_000, 24_000, "gbp", "none")]),
    ("Trainees stay junior for 6-14 years.", [("6-14 years", 6, 14, "years", "none")]),
    ("Spending of £2-3bn is planned.", [("£2-3bn", 2e9, 3e9, "gbp", "none")]),
    ("Walkouts of two or three days.", [("two or three days", 2, 3, "days", "none")]),
    ("A rise of between 4 and 6 per cent.", [("between 4 and 6 per cent", 4, 6, "percent", "none")]),
])
def test_range_is_one_figure_with_low_and_high(text, expected):
    check(text, expected)


def test_change_from_one_value_to_another_is_two_figures():
    check("Turnout rose from 41% to 58%.", [("41%", 41, None, "percent", "none"), ("58%", 58, None, "percent", "none")])


@pytest.mark.parametrize("text, expected", [
    ("A walkout lasting 48 hours.", [("48 hours", 48, None, "hours", "none")]),
    ("A 48-hour walkout.", [("48-hour", 48, None, "hours", "none")]),
    ("A five-day strike.", [("five-day", 5, None, "days", "none")]),
    ("It lasts five days.", [("five days", 5, None, "days", "none")]),
    ("Over the past 12 years.", [("12 years", 12, None, "years", "none")]),
    ("A nine-month mandate.", [("nine-month", 9, None, "months", "none")]),
    ("A decade of cuts.", [("A decade", 10, None, "years", "none")]),
    ("For a fortnight.", [("a fortnight", 2, None, "weeks", "none")]),
    ("Within half an hour.", [("half an hour", 0.5, None, "hours", "none")]),
    ("One and a half days.", [("One and a half days", 1.5, None, "days", "none")]),
    ("A 31-year-old nurse.", []),  # an age, no figure
    ("Four single-day walkouts.", [("Four", 4, None, "count", "none"), ("single-day", 1, None, "days", "none")]),
    ("A single-week closure.", [("single-week", 1, None, "weeks", "none")]),
])
def test_durations_numeric_hyphenated_and_written(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text, expected", [
    ("Pay fell by a quarter.", [("a quarter", 25, None, "percent", "none")]),
    ("Half of staff agreed.", [("Half", 50, None, "percent", "none")]),
    ("A third of wards shut.", [("A third", 33.33, None, "percent", "none")]),
    ("Two-thirds said no.", [("Two-thirds", 66.67, None, "percent", "none")]),
    ("Three quarters said yes.", [("Three quarters", 75, None, "percent", "none")]),
    ("One in five left; nine out of 10 stayed.",
     [("One in five", 20, None, "percent", "none"), ("nine out of 10", 90, None, "percent", "none")]),
])
def test_fractions_and_ratios_are_percent(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", ["A third strike is planned.", "In the second half of the year.",
                                  "A half-day closure."])
def test_ordinal_fraction_words_are_not_figures(text):
    check(text, [])


@pytest.mark.parametrize("text, expected", [
    ("Thousands of people marched.", [("Thousands", 1000, 10_000, "count", "vague")]),
    ("Tens of thousands of staff.", [("Tens of thousands", 10_000, 100_000, "count", "vague")]),
    ("Hundreds of thousands of operations.", [("Hundreds of thousands", 100_000, 1_000_000, "count", "vague")]),
    ("Dozens of wards.", [("Dozens", 12, 120, "count", "vague")]),
    ("Millions of pounds were lost.", [("Millions of pounds", 1e6, 1e7, "gbp", "vague")]),
])
def test_vague_amounts_get_a_range_and_hedge_vague(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text, expected", [
    ("Three of the unions agreed.", [("Three", 3, None, "count", "none")]),
    ("They held six single-day strikes.", [("six", 6, None, "count", "none"), ("single-day", 1, None, "days", "none")]),
    ("Only one of these went ahead.", [("one", 1, None, "count", "none")]),
    ("Talks between the two parties.", [("two", 2, None, "count", "none")]),
    ("More than one union objected.", [("More than one", 1, None, "count", "more_than")]),
])
def test_number_words_that_count(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", ["It is one of the largest walkouts.", "One day we will win.",
                                  "No one came.", "A one-off payment.", "A two-tier system."])
def test_one_as_a_pronoun_or_idiom_and_hyphenated_words_are_not_figures(text):
    check(text, [])


@pytest.mark.parametrize("text, expected", [
    ("More than 97% agreed.", [("More than 97%", 97, None, "percent", "more_than")]),
    ("Over 3,000 wards.", [("Over 3,000", 3000, None, "count", "more_than")]),
    ("Fewer than 300 beds.", [("Fewer than 300", 300, None, "count", "less_than")]),
    ("Less than a month later.", [("Less than a month", 1, None, "months", "less_than")]),
    ("Nearly 41,000 voted.", [("Nearly 41,000", 41_000, None, "count", "nearly")]),
    ("Almost half agreed.", [("Almost half", 50, None, "percent", "nearly")]),
    ("Just under 900 staff.", [("Just under 900", 900, None, "count", "less_than")]),
    ("Around 63,000 work here.", [("Around 63,000", 63_000, None, "count", "around")]),
    ("Roughly 7% left.", [("Roughly 7%", 7, None, "percent", "around")]),
    ("Some 171,000 were moved.", [("Some 171,000", 171_000, None, "count", "some")]),
    ("Up to 5,000 staff.", [("Up to 5,000", 5000, None, "count", "up_to")]),
    ("At least 12 wards.", [("At least 12", 12, None, "count", "at_least")]),
    ("Pay fell by more than a quarter.", [("more than a quarter", 25, None, "percent", "more_than")]),
    ("It could last longer than 96 hours.", [("longer than 96 hours", 96, None, "hours", "more_than")]),
])
def test_hedges_are_read_and_included_in_the_text(text, expected):
    check(text, expected)


def test_hedge_word_inside_another_word_is_not_a_hedge():
    check("Moreover 40 nurses came.", [("40", 40, None, "count", "none")])


# ---------------------------------------------------------------- what is not a figure
@pytest.mark.parametrize("text", [
    "The strike runs on 14 March.", "It starts March 14, 2031.", "It starts on Monday 14th.",
    "It runs 14-16 March.", "It runs between 14 and 16 March.", "On 14 and 15 April.", "Dated 2031-03-14.",
    "Dated 14/03/2031.", "It is the 14th of March.",
])
def test_dates_are_not_figures(text):
    check(text, [])


@pytest.mark.parametrize("text", ["Pay has fallen since 2009.", "In 2019/20 and 2022/23.", "In 2019-20.",
                                  "A contract from 2019 to 2023.", "Between 2010 and 2020.", "The 1990s."])
def test_years_are_not_figures(text):
    check(text, [])


@pytest.mark.parametrize("text", ["It begins at 07:00 BST.", "Talks start at 10am.", "At 7.30 pm.",
                                  "At 9 o'clock.", "Open 24/7."])
def test_times_of_day_are_not_figures(text):
    check(text, [])


@pytest.mark.parametrize("text", ["Call 0800 123 4567 now.", "Call (020) 7946 0001.", "Call +44 20 7946 0001.",
                                  "Use the 111 service or call 999.", "Use 111 online."])
def test_phone_numbers_and_service_numbers_are_not_figures(text):
    check(text, [])


@pytest.mark.parametrize("text", ["Under Section 188 rules.", "A Band 6 nurse.", "Outside No 10.",
                                  "Covid-19 wards.", "FY2 doctors.", "Category 2 calls.", "As shown [4].",
                                  "BMJ 2031;381:p512.", "doi:10.1136/bmj.p512"])
def test_reference_identifiers_are_not_figures(text):
    check(text, [])


def test_count_after_a_reference_like_word_in_ordinary_use_is_kept():
    check("Every day 1,500 operations are cancelled.", [("1,500", 1500, None, "count", "none")])


def test_numbered_list_markers_are_not_figures():
    check("Demands:\n1. Pay\n2. Safe staffing", [])


@pytest.mark.parametrize("text", ["A single strike is planned.", "Not a single nurse came.", "A single-minded union."])
def test_single_outside_a_hyphenated_duration_is_not_a_figure(text):
    check(text, [])


@pytest.mark.parametrize("text", [
    "The plan was published as CP 914 in May.", "See HC 1287 for the evidence.", "Set out in (CP 914).",
    "BMJ 2031; 381: p512.", "Lancet 2031;401(10380):1234-45.", "Their ref: 40512 was sent.", "Our Ref 40512.",
    "Claim no. 2345 was filed.", "Report number 45 was cited.", "ISBN 978-0-12-345678-9 is cited.",
    "ISBN: 9780123456789.", "doi: 10.1016/S0140-6736(31)01234-5", "Scotland's NHS 24 helpline.",
])
def test_document_identifiers_are_not_figures(text):
    check(text, [])


@pytest.mark.parametrize("text, expected", [
    ("The NNU 2031 survey found 98% agreed.", [("98%", 98, None, "percent", "none")]),
    ("The NNU has 47,600 members.", [("47,600", 47_600, None, "count", "none")]),
    ("In the UK 500 nurses quit.", [("500", 500, None, "count", "none")]),
    ("In the UK 40% quit.", [("40%", 40, None, "percent", "none")]),
    ("The NNU cut £1.65bn; 12 wards shut.", [("£1.65bn", 1.65e9, None, "gbp", "none"),
                                            ("12", 12, None, "count", "none")]),
    ("The NNU said 48 hours.", [("48 hours", 48, None, "hours", "none")]),
])
def test_quantities_after_abbreviations_and_semicolons_are_kept(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", ["The first strike.", "The 2nd ballot and the 3rd day.", "The second time."])
def test_ordinals_are_not_figures(text):
    check(text, [])


@pytest.mark.parametrize("text", ["Follow @nurses2031 now.", "Use #Strike48 today.",
                                  "Email ward12@example.org today.", "See https://example.org/2031/pay-12 now.",
                                  "See www.example.org/48-hours now."])
def test_numbers_in_handles_hashtags_emails_and_urls_are_not_figures(text):
    check(text, [])


def test_other_currencies_are_skipped():
    check("It cost $5m.", [])


def test_other_currencies_with_a_short_scale_are_skipped_not_read_as_counts():
    check("A grant of $5k and €3m was offered.", [])


# ---------------------------------------------------------------- general constructions seen in real text
@pytest.mark.parametrize("text, expected", [
    ("The surgeon, aged 61, saw 30 patients.", [("30", 30, None, "count", "none")]),
    ("Nurses aged between 22 and 29 answered.", []),
    ("Members aged 18 to 30 were polled.", []),
    ("Those aged over 65 were exempt.", []),
    ("Colm Fenner (47) walked out.", []),
    ("Colm Fenner, 47, walked out.", []),
    ("A 47-year-old registrar walked out.", []),
    ("Two 47-year-olds walked out.", [("Two", 2, None, "count", "none")]),
    ("Registrars aged 29 and 33 spoke.", []),
    ("Registrars aged 29, 33 or 41 spoke.", []),
    ("Staff aged 30 and 500 porters.", [("500", 500, None, "count", "none")]),
])
def test_an_age_is_no_figure_neither_years_nor_a_count(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", ["Wards (12) closed early.", "In March, 40, not 50, wards shut.",
                                  "The Northshire Nurses Union (12) and the Eastfield Trust, 9, replied."])
def test_a_bracketed_or_comma_number_not_after_a_name_stays_what_it_was(text):
    assert all(unit != "years" for _, _, _, unit, _ in found(text))


@pytest.mark.parametrize("text, expected", [
    ("The fund holds £7.2b now.", [("£7.2b", 7_200_000_000, None, "gbp", "none")]),
    ("The fund holds £7.2B now.", [("£7.2B", 7_200_000_000, None, "gbp", "none")]),
    ("A cut of £450m was made.", [("£450m", 450_000_000, None, "gbp", "none")]),
    ("A bill of £3.1bn arrived.", [("£3.1bn", 3_100_000_000, None, "gbp", "none")]),
    ("A bonus of £6k was paid.", [("£6k", 6000, None, "gbp", "none")]),
    ("It will cost £4-6b in all.", [("£4-6b", 4_000_000_000, 6_000_000_000, "gbp", "none")]),
    ("A bill of £3.1 bn arrived.", [("£3.1 bn", 3_100_000_000, None, "gbp", "none")]),
    ("A cut of £450 m was made.", [("£450 m", 450_000_000, None, "gbp", "none")]),
    ("A bill of 3.1 bn pounds arrived.", [("3.1 bn pounds", 3_100_000_000, None, "gbp", "none")]),
])
def test_money_with_a_short_scale_suffix_has_the_scaled_value(text, expected):
    check(text, expected)


def test_a_letter_b_after_a_bare_number_is_not_billions():
    assert all(value < 1e6 for _, value, _, _, _ in found("Staff on band 6b and 7b were included."))


def test_a_spaced_m_or_k_after_a_bare_number_is_not_a_scale():
    check("A 5 m gap and 3 k steps.", [("5", 5, None, "count", "none"), ("3", 3, None, "count", "none")])


@pytest.mark.parametrize("text, expected", [
    ("They walked out for four full days.", [("four full days", 4, None, "days", "none")]),
    ("They walked out for 6 whole days.", [("6 whole days", 6, None, "days", "none")]),
    ("Pickets stood for 36 consecutive hours.", [("36 consecutive hours", 36, None, "hours", "none")]),
    ("Talks need two more weeks.", [("two more weeks", 2, None, "weeks", "none")]),
])
def test_an_adjective_between_number_and_duration_keeps_the_duration(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", [
    "Doe A, Roe B. Pay and morale. Clin Med J. 2031 Jan; 512(10412): 2201-09.",
    "Roe B. Rota gaps. Occup Health Rev 88(914): 377.",
    "Roe B. Rota gaps. Occup Health Rev, vol. 88, no. 9, pp. 377-380.",
    "Roe B. Rota gaps. Occup Health Rev, Volume 88, Issue 9.",
])
def test_volume_issue_and_page_numbers_of_a_citation_are_not_counts(text):
    assert [unit for _, _, _, unit, _ in found(text) if unit == "count"] == []


def test_a_volume_as_a_lowercase_noun_keeps_its_figure():
    check("The volume 30% higher than before.", [("30%", 30, None, "percent", "none")])


@pytest.mark.parametrize("text, expected", [
    ("She thanked each and every one of them.", []),
    ("Every single one of the wards shut.", []),
    ("Any one of the 12 wards could shut.", [("12", 12, None, "count", "none")]),
    ("One of the unions balloted.", [("One", 1, None, "count", "none")]),
])
def test_one_after_each_every_any_is_a_pronoun_not_a_quantity(text, expected):
    check(text, expected)


@pytest.mark.parametrize("digits", [309, 400, 2000])
def test_a_number_past_the_float_range_is_skipped_not_an_error(digits):
    text = f"The ledger showed {'9' * digits} and then 45 wards closed."
    assert found(text) == [("45", 45, None, "count", "none")]


def test_a_huge_number_times_a_scale_past_the_float_range_is_skipped():
    assert found(f"A cost of £{'9' * 305}bn and 45 wards.") == [("45", 45, None, "count", "none")]


# ---------------------------------------------------------------- measures
def test_measure_of_matching_unit_with_nearest_context_term():
    row, = figures("Inflation is high and pay has fallen by 26% in real terms.")
    assert row["measure_id"] == "pay-cut"


def test_measure_ignores_terms_of_measures_in_another_unit():
    rows = figures("The strike balloted 4,000 nurses for a 48-hour walkout.")
    assert [(r["text"], r["measure_id"]) for r in rows] == [("4,000", "nurses-balloted"), ("48-hour", "strike-hours")]


def test_measure_tie_on_distance_goes_to_the_measure_with_more_terms():
    row, = figures("Nurses will have seen a 6% uplift and a rise over the contract.")
    assert row["measure_id"] == "pay-rise"


def test_measure_place_phrase_after_the_counted_noun_beats_a_term_before_the_figure():
    row, = figures("There are around 9,000 midwives in the UK.")
    assert row["measure_id"] == "staff-uk"


@pytest.mark.parametrize("text", ["There are around 9,000 midwives who work in the UK.",
                                  "There are around 9,000 midwives and they work long shifts in the UK."])
def test_measure_place_phrase_in_a_later_clause_does_not_beat_a_nearer_term(text):
    row, = figures(text)
    assert row["measure_id"] == "staff-total"


def test_measure_full_tie_gives_none():
    row, = figures("Nurses saw a 6% uplift.")
    assert row["measure_id"] is None


def test_measure_none_without_context_terms():
    row, = figures("It was 6% last time.")
    assert row["measure_id"] is None


# ---------------------------------------------------------------- claimants
def claimant(row: dict) -> tuple:
    return row["claimant_text"], row["claimant_person_id"], row["claimant_organisation_id"]


def test_claimant_organisation_says_before_the_figure():
    row, = figures("The NNU says pay has been cut by 22%.")
    assert claimant(row) == ("The NNU says", None, "nnu")


def test_claimant_leading_conjunction_left_out():
    row, = figures("But the ministry says pay rose 8% since then.")
    assert claimant(row) == ("the ministry says", None, "ministry")


def test_claimant_person_said_before_the_figure_carries_their_organisation():
    row, = figures("Ann Tate said: “We will strike for 96 hours.”")
    assert claimant(row) == ("Ann Tate said", "ann-tate", "nnu")


def test_claimant_said_after_the_figure():
    assert claimant(figures("Pay has fallen by 22%, the NNU said.")[0]) == ("the NNU said", None, "nnu")
    assert claimant(figures("Pay has fallen by 22%, said Ms Tate.")[0]) == ("said Ms Tate", "ann-tate", "nnu")


def test_claimant_after_a_quotation_wins_over_a_verb_inside_it():
    row, = figures("“We said we would strike for 96 hours,” Ann Tate said.")
    assert claimant(row) == ("Ann Tate said", "ann-tate", "nnu")


def test_claimant_subject_keeps_a_closed_relative_clause():
    rows = figures("The NNU, which represents 9,000 members, said pay had fallen by a fifth.")
    assert claimant(rows[1]) == ("The NNU, which represents 9,000 members, said", None, "nnu")


def test_said_followed_by_a_clause_is_not_a_trailing_attribution():
    row, = figures("The NNU has 9,000 members, said to be a record.")
    assert claimant(row) == (None, None, None)


def test_claimant_according_to():
    row, = figures("According to the ministry, inflation is 9.4%.")
    assert claimant(row) == ("According to the ministry", None, "ministry")


def test_pronoun_claimant_carried_to_the_subject_of_an_earlier_sentence():
    rows = figures("The ministry has put nurses on a new contract with the NNU.\nIt insists pay rose 7%.")
    assert claimant(rows[0]) == ("It insists", None, "ministry")


def test_unresolved_claimant_keeps_its_words_without_ids():
    row, = figures("The unions say pay fell 30%.")
    assert claimant(row) == ("The unions say", None, None)


def test_figure_in_the_articles_own_voice_has_no_claimant():
    row, = figures("There are around 81,000 nurses.")
    assert claimant(row) == (None, None, None)


def test_statement_after_a_figure_that_is_not_an_attribution_is_ignored():
    row, = figures("The NNU wants a 30% rise, but the ministry says this is unaffordable.")
    assert claimant(row) == (None, None, None)


def test_narration_after_a_closed_quotation_is_not_attributed():
    rows = figures("Ann Tate said she “wanted talks”, after action by tens of thousands of nurses was paused.")
    assert claimant(rows[0]) == (None, None, None)


def test_passive_and_adjectival_verbs_are_not_speakers():
    assert claimant(figures("An estimated 4,000 and 5,000 nurses.")[1]) == (None, None, None)
    assert claimant(figures("It was found that 40% left.")[0]) == (None, None, None)


# ---------------------------------------------------------------- the rows themselves
def test_rows_have_exactly_the_schema_columns():
    schema = json.loads((SCHEMAS_DIR / "figures.schema.json").read_text(encoding="utf-8"))
    row, = figures("Some 4,000 nurses.")
    assert list(row) == [f["name"] for f in schema["fields"] if f["name"] != "corrected"]
    assert row["source_id"] == "test-source"


def test_rows_sorted_without_overlap_and_text_matches_offsets():
    text = "Over 3,000 nurses, 12% of staff and between £1m and £2m; thousands more for 48 hours."
    rows = figures(text)
    assert len(rows) == 5
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert all(a["end"] <= b["start"] for a, b in zip(rows, rows[1:]))


def test_offsets_are_python_string_indices_with_non_ascii_before():
    text = "İİ “Café” — Nearly 40,000 voted."
    row, = figures(text)
    assert text[row["start"]:row["end"]] == "Nearly 40,000"


_PIECES = st.sampled_from([
    "£", "1", "2,000", "3.5", "%", " per cent", "-", "–", " to ", " and ", " or ", "between ", "half", "a ", "third",
    "one", "two", "-one", "thousands", "tens of ", "of ", "pounds", "p", "m", "bn", "hours", "-day", "decade", " in ",
    "March", "13", "th", "2019", "/", ":", "@", "#", ".", ",", " ", "\n", "“", "”", "said", "The NNU", "It",
    "according to ", "more than ", "some ", "İ", "ſ", "\u00a0", "0800", "111", "+44", "[", "am", "Section", "a year",
    "single-", " per annum", "-a-", "ISBN ", "CP ", ";", "doi: 10.1136/", " ago",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=30).map("".join)))
def test_never_raises_and_rows_are_consistent(text):
    rows = figures(text)
    for row in rows:
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert text[row["start"]:row["end"]] == row["text"]
        assert row["value_high"] is None or row["value"] <= row["value_high"]
        assert row["unit"] in {"percent", "gbp", "count", "hours", "days", "weeks", "months", "years"}
        assert row["hedge"] in {"none", "more_than", "less_than", "nearly", "around", "up_to", "at_least", "some",
                                "vague"}
    assert all(a["end"] <= b["start"] for a, b in zip(rows, rows[1:]))


# ---------------------------------------------------------------- linear time on hostile text (work counts, no clock)
HOSTILE_CASES = sorted(CASES)


@pytest.mark.parametrize("case", HOSTILE_CASES)
def test_work_grows_linearly_with_text_length_on_hostile_text(case, monkeypatch):
    """Python lines run and characters scanned by regexes grow about 10x (bound 13x) for a 10x longer text."""
    figures(hostile_text(case, 2000))  # builds the measure-term index, whose pattern is counted too
    terms = list(figures_module._MEASURE_TERMS.values())
    lines, scanned = growth(lambda size, wrap: figures(wrap(hostile_text(case, size))),
                            [figures_module, text_module, lexicon_module], monkeypatch, 4000, [LEXICON, *terms])
    assert lines < 13, f"Python work grew {lines:.1f}x for 10x the text"
    assert scanned < 13, f"regex scanning grew {scanned:.1f}x for 10x the text"


def test_many_figures_in_one_sentence_each_cost_the_same(monkeypatch):
    """'1,000 ' repeated in one sentence: the claimant and measure of every figure are found without rescanning
    the sentence, so 10x the figures is 10x the work, not 100x."""
    text_at = lambda size: "The union said " + "1,000 nurses more than 1,000 " * (size // 29) + "."
    lines, scanned = growth(lambda size, wrap: figures(wrap(text_at(size))), [figures_module, text_module, lexicon_module],
                            monkeypatch, 3000, [LEXICON, *figures_module._MEASURE_TERMS.values()])
    assert lines < 13 and scanned < 13


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(sorted(CASES)), min_size=1, max_size=4), st.integers(0, 3000), st.text(max_size=50))
def test_never_raises_on_hostile_mixtures_and_spans_are_the_text(cases, size, extra):
    text = "".join(hostile_text(case, size // len(cases)) for case in cases) + extra
    rows = figures(text)
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert all(r["value"] == r["value"] and abs(r["value"]) != float("inf") for r in rows)


_CLAIM_PIECES = st.sampled_from([
    "The NNU said ", "according to the ministry", ", said Ann Tate", ", the NNU said", ", said pay had fallen", " 5 nurses",
    " 45,000 nurses", " a 26% pay cut", " more than 1,000 wards closed", " which balloted 40,000 nurses,", " “We want 35%,” ",
    " It says ", " she said", " in the UK", " staff in total", ", who", " that ", "; ", " as ", " warned ", " a 72-hour walkout",
    ". ", ", ", " inflation of 10%", " the ministry estimates", " an uplift of 6%", " there are 80,000 staff", " and"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CLAIM_PIECES, max_size=40).map("".join))
def test_long_sentence_paths_choose_the_same_claimant_and_measure_as_short_ones(text):
    """The indexed paths taken for long sentences (memoised ', said X' search, per-measure bisection) give the
    same rows as looking at every comma and term, which short sentences do."""
    direct = figures(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(figures_module, "_DIRECT_REACH", -1)
        patch.setattr(figures_module, "_DIRECT_TERMS", -1)
        indexed = figures(text)
    assert indexed == direct


_FLAT_ANCHOR_CANDIDATE = re.compile(  # the flat alternation the trie-shaped _ANCHOR_CANDIDATE replaced
    (" (?=(?P<digit>[0-9])|(?:a {1,3}|an {1,2})(?:(?:full|whole) +)?"
     + figures_module._word_anchor_pattern(figures_module._ARTICLE_ONLY_WORDS) + "|"
     + figures_module._word_anchor_pattern(figures_module._ANCHOR_WORDS - figures_module._ARTICLE_ONLY_WORDS)
     + "|decade(?![a-z]))").encode("ascii"))
_ANCHOR_PIECES = sorted(figures_module._ANCHOR_WORDS) + ["a", "an", "full", "whole", "the", "tw", "s", "x", "7", " ", "  "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ANCHOR_PIECES), max_size=12))
def test_anchor_leads_of_the_word_trie_are_those_of_a_flat_alternation_of_the_words(pieces):
    form = (" " + "".join(pieces)).encode("ascii")
    assert [(m.start(), m.lastgroup) for m in figures_module._ANCHOR_CANDIDATE.finditer(form)] == \
        [(m.start(), m.lastgroup) for m in _FLAT_ANCHOR_CANDIDATE.finditer(form)]


def test_a_word_trie_pattern_matches_only_whole_words_of_the_set():
    trie = re.compile(" (?=" + figures_module._word_trie_pattern({"two", "twenty", "ten"}) + ")")
    assert [m.start() for m in trie.finditer(" two twenty ten twentytwo tens the tw ")] == [0, 4, 11]
