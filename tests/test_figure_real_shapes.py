"""Figures in shapes met in real copy (issue 8): constructed sentences with invented names and numbers, never
the wording of any article."""
from __future__ import annotations

import pytest

from scripts.extract.figures import extract_figures
from scripts.extract.lexicon import Lexicon

LEXICON = Lexicon.from_rows([], [], [])


def found(text: str) -> list[tuple]:
    """(text, value, value_high, unit, hedge) of every figure in text."""
    return [(r["text"], r["value"], r["value_high"], r["unit"], r["hedge"])
            for r in extract_figures(text, "t", LEXICON)]


def test_a_percent_sign_glued_to_the_next_word_still_ends_its_figure():
    assert found("In the poll, 64%of nurses said no.") == [("64%", 64, None, "percent", "none")]


@pytest.mark.parametrize("text", ["Watch it live on Freeview channel 512 tonight.",
                                  "The debate is on channel 7 tonight."])
def test_a_number_after_channel_is_a_reference_not_a_count(text):
    assert found(text) == []


@pytest.mark.parametrize("text", ["Cite this as: Gazette Med 2023; 412 doi: 10.1000/xyz",
                                  "See Lancet Reports 2021;77 for the trial."])
def test_a_journal_volume_after_year_and_semicolon_is_no_count(text):
    assert found(text) == []


def test_a_count_after_a_year_and_semicolon_in_plain_prose_stays_a_figure():
    assert found("Strikes went on in 2023; 412 wards shut.") == [("412", 412, None, "count", "none")]


@pytest.mark.parametrize("text, expected", [
    ("Pay rises by 9.5 per cent over three years.",
     [("9.5 per cent", 9.5, None, "percent", "none"), ("three years", 3, None, "years", "none")]),
    ("Nurses get 7% on average over four years.",
     [("7%", 7, None, "percent", "none"), ("four years", 4, None, "years", "none")]),
])
def test_over_a_duration_right_after_a_figure_is_its_period_not_a_hedge(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Some wards have waited over two years for staff.", [("over two years", 2, None, "years", "more_than")]),
    ("Talks lasted 9 hours, over three days.",
     [("9 hours", 9, None, "hours", "none"), ("over three days", 3, None, "days", "more_than")]),
])
def test_over_a_duration_with_no_figure_just_before_stays_more_than(text, expected):
    assert found(text) == expected


def test_an_article_between_an_approximating_hedge_and_a_number_is_part_of_the_figure():
    assert found("It means around a 40% rise.") == [("around a 40%", 40, None, "percent", "around")]
    assert found("That is nearly a 20% cut.") == [("nearly a 20%", 20, None, "percent", "nearly")]


def test_an_article_after_a_comparing_hedge_is_not_taken_in():
    assert found("Staff worked over a 12-month period.") == [("12-month", 12, None, "months", "none")]


@pytest.mark.parametrize("text, expected", [
    ('"More than half a million visits were lost."', ("More than half a million", 500_000, None, "count", "more_than")),
    ("(Around 300 wards closed.)", ("Around 300", 300, None, "count", "around")),
    ("‘About 40% agreed,’ she said.", ("About 40%", 40, None, "percent", "around")),
])
def test_a_quotation_mark_or_bracket_before_the_hedge_stays_outside_the_figure(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Just under 3,000 beds were free.", ("Just under 3,000", 3000, None, "count", "less_than")),
    ("Just over 3,000 beds were free.", ("Just over 3,000", 3000, None, "count", "more_than")),
    ("Virtually 90% of them agreed.", ("Virtually 90%", 90, None, "percent", "nearly")),
])
def test_just_under_mirrors_just_over_and_virtually_means_nearly(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("It has been a year since the first walkout.", ("a year", 1, None, "years", "none")),
    ("Give us an hour of your time.", ("an hour", 1, None, "hours", "none")),
    ("Wards shut for a full week.", ("a full week", 1, None, "weeks", "none")),
    ("Clinics closed for nearly a whole month.", ("nearly a whole month", 1, None, "months", "nearly")),
])
def test_a_or_an_before_a_duration_word_is_one_of_it(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", ["The vote came a year ago.", "Talks resumed a week later.",
                                  "Ministers meet once a month.", "Wards are checked three times a day."])
def test_a_duration_that_dates_something_or_counts_how_often_is_no_figure_unless_hedged(text):
    assert [r for r in found(text) if r[3] != "count"] == []


def test_a_hedged_period_that_dates_something_stays_a_figure():
    assert found("The vote came almost a year ago.") == [("almost a year", 1, None, "years", "nearly")]


def test_at_least_after_a_figure_is_its_hedge():
    assert found("He should find two hours at least for talks.") == [
        ("two hours at least", 2, None, "hours", "at_least")]
    assert found("She had an hour at least.") == [("an hour at least", 1, None, "hours", "at_least")]


@pytest.mark.parametrize("text, expected", [
    ("The unit saw 900 visits in just one day.", ("one day", 1, None, "days", "none")),
    ("The walkout will last one day.", ("one day", 1, None, "days", "none")),
])
def test_one_day_after_a_word_of_duration_is_a_duration(text, expected):
    assert found(text)[-1] == expected


def test_one_day_as_an_idiom_is_still_no_figure():
    assert found("One day the wards will reopen.") == []


@pytest.mark.parametrize("text, expected", [
    ("Nurses are paid a third less than before.", ("a third", 33.33, None, "percent", "none")),
    ("Cover now costs a quarter more.", ("a quarter", 25, None, "percent", "none")),
])
def test_a_fraction_before_a_comparative_is_an_amount(text, expected):
    assert found(text) == [expected]


def test_a_fraction_as_an_ordinal_before_a_noun_is_still_no_figure():
    assert found("A third ballot is planned.") == []


@pytest.mark.parametrize("text, expected", [
    ("The offer goes virtually halfway to their demand.", ("virtually halfway", 50, None, "percent", "nearly")),
    ("It gets pay about half way back to its old level.", ("about half way", 50, None, "percent", "around")),
])
def test_halfway_hedged_is_half(text, expected):
    assert found(text) == [expected]


def test_halfway_as_a_place_is_no_figure():
    assert found("They met halfway through the shift.") == []


@pytest.mark.parametrize("text", ["Pay fell over the past decade.", "Few think the ward will last the next decade.",
                                  "It was the worst pay deal of the last decade."])
def test_decade_after_next_past_or_last_is_ten_years(text):
    assert found(text) == [("decade", 10, None, "years", "none")]


@pytest.mark.parametrize("text", ["It was a decade-long fight.", "The decade ended badly.",
                                  "A new decade of talks began."])
def test_decade_otherwise_is_no_figure_without_its_article(text):
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "Consultants at Brackenfield walk out on Friday (May 9) at 8am.",
    "The stoppage runs from Monday (Sept. 22) until Thursday (Sept 25), organisers said.",
    "Ballot papers go out [October 3] and the vote closes on “November 14”.",
    "Pickets are back on the line (Thursday 18) and again on “Saturday 20”.",
])
def test_a_date_right_after_an_opening_bracket_or_quotation_mark_is_no_figure(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Walkouts (May) hit 14 wards.", ("14", 14, None, "count", "none")),
    ("The rota (Maysfield site) lists 40 doctors.", ("40", 40, None, "count", "none")),
    ("Nurses (12 in all) signed the letter.", ("12", 12, None, "count", "none")),
])
def test_a_count_after_a_bracket_that_holds_no_date_stays_a_figure(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", ["Staff were told under (Section 188) of the act.",
                                  "Pay for nurses on [Band 5] rose."])
def test_a_reference_number_after_an_opening_bracket_is_no_count(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The union is seeking a 29-percent raise for its members.", ("29-percent", 29, None, "percent", "none")),
    ("Ministers offered a 6-per-cent award in May.", ("6-per-cent", 6, None, "percent", "none")),
    ("Nurses rejected a 4.5-percent pay rise, Tanmere officials said.", ("4.5-percent", 4.5, None, "percent", "none")),
    ("They want nearly a 30-percent rise.", ("nearly a 30-percent", 30, None, "percent", "nearly")),
])
def test_a_percent_joined_to_its_number_by_a_hyphen_is_a_percentage(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", ["Turnout was 61 percentile points above the mean.",
                                  "Some 12-percenters on the ward objected.", "Rates of 61-percentile staff fell."])
def test_a_hyphen_before_a_word_that_only_starts_with_percent_is_no_percentage(text):
    assert [row for row in found(text) if row[3] == "percent"] == []


@pytest.mark.parametrize("text", [
    "Unions accepted the pay offer for the 2023 / 24 financial year.",
    "The trust's 2024 /25 budget is already overspent.",
    "Rotas for the 2022 - 23 year were cut, Ms Orlow said.",
    "Spending in 1999 / 00 was lower.",
])
def test_the_second_year_of_a_span_written_with_spaces_around_its_slash_or_dash_is_no_figure(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("In 2023, 24 wards shut.", ("24", 24, None, "count", "none")),
    ("By 2021 / 45 trusts had struck.", ("45", 45, None, "count", "none")),
    ("In 2024 - 25% of posts were empty.", ("25%", 25, None, "percent", "none")),
])
def test_a_count_after_a_year_that_no_span_joins_stays_a_figure(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", [
    "Cutting waiting lists was one of his top priorities, aides said.",
    "Pay is one of their biggest worries, the Calder survey found.",
    "Ministers called it one of the union's greatest victories.",
    "Rosemoor is one of Westbury's best hospitals.",
])
def test_one_of_a_possessive_before_a_superlative_is_a_pronoun_not_a_count(text):
    assert found(text) == []


@pytest.mark.parametrize("text", ["One of its members was suspended.", "It is one of the party's pledges.",
                                  "One of her colleagues struck too."])
def test_one_of_a_possessive_before_a_plain_noun_is_still_a_count_of_one(text):
    assert [row[1:4] for row in found(text)] == [(1, None, "count")]


@pytest.mark.parametrize("text, expected", [
    ("The offer to registrars covers two financial years.", ("two financial years", 2, None, "years", "none")),
    ("Talks dragged on for three calendar months.", ("three calendar months", 3, None, "months", "none")),
    ("Trainees lose up to 2 academic years to rota gaps.", ("up to 2 academic years", 2, None, "years", "up_to")),
])
def test_a_kind_of_year_or_month_between_a_number_and_its_period_leaves_the_duration(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The board published two financial statements.", ("two", 2, None, "count", "none")),
    ("Staff got three calendar invites.", ("three", 3, None, "count", "none")),
])
def test_the_same_adjective_before_another_noun_leaves_a_count(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Pay by grade:\n- Foundation year two: 8.4%\n", [("8.4%", 8.4, None, "percent", "none")]),
    ("Phase Two of the Tarnley plan starts in May.", []),
    ("Picket lines thinned on day three of the walkout.", []),
    ("Doctors in Wave 3 (round four) voted, the union said.", []),
    ("DAY THREE: Round 5 of the Orbridge strikes begins.", []),
])
def test_a_number_naming_a_member_of_a_sequence_after_its_noun_is_an_ordinal(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Last year two unions struck.", ("two", 2, None, "count", "none")),
    ("This Week Two Trusts Declared Incidents", ("Two", 2, None, "count", "none")),
    ("Every year two of the trusts close wards.", ("two", 2, None, "count", "none")),
    ("In the past year, two unions struck.", ("two", 2, None, "count", "none")),
    ("Over the year 2,000 staff left.", ("2,000", 2000, None, "count", "none")),
])
def test_a_count_after_a_time_word_and_a_period_noun_stays_a_count(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", [
    "The walkout at Cresswell General starts at 07.00 on Thursday.",
    "Pickets will gather from 7.30 until 10.00 outside the main gates.",
    "Talks were held between 14.00 and 16.30 on Friday, the Okafor review said.",
    "Members march from the station at 11.15 BST.",
])
def test_a_time_of_day_written_with_a_stop_and_no_am_or_pm_is_no_figure(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The reproduction rate stands at 1.10 in the region.", ("1.10", 1.1, None, "count", "none")),
    ("Output per nurse rose from 1.25 last year.", ("1.25", 1.25, None, "count", "none")),
    ("Pay climbs to 10.30 per cent at 07.00 BST.", ("10.30 per cent", 10.3, None, "percent", "none")),
    ("An average of 2.25 patients share each bay.", ("2.25", 2.25, None, "count", "none")),
])
def test_a_decimal_after_a_verb_of_level_or_with_a_unit_stays_a_figure(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", [
    "Nurses handed a petition in at 10 Downing Street on Tuesday.",
    "Send objections to Orbury Trust, 14 Kiln Lane, Tarnby.",
    "The rally outside 22 Marlow Square was peaceful.",
    "Registrars met at 3 Old Forge Road and voted.",
])
def test_a_house_number_before_a_street_name_is_no_count(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Strikes hit 40 Harley Street clinics.", ("40", 40, None, "count", "none")),
    ("Staff in 12 Station Road practices walked out.", ("12", 12, None, "count", "none")),
    ("Pickets stood outside 3,000 High Street shops.", ("3,000", 3000, None, "count", "none")),
])
def test_a_count_of_things_named_after_a_street_stays_a_count(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", [
    "Notes to editors\n(1) The Kestrel Union represents 9,000 members.\n(2) Ballots closed on Friday.",
    "Notes:\n  (3) Figures are provisional.",
    "Background\n[4] The trust serves Orbury.",
])
def test_a_number_in_brackets_opening_a_line_is_a_list_number(text):
    assert [row[0] for row in found(text)] == (["9,000"] if "9,000" in text else [])


def test_a_number_in_brackets_inside_a_line_stays_a_count():
    assert found("The nurses (12) signed.") == [("12", 12, None, "count", "none")]


@pytest.mark.parametrize("text, expected", [
    ("The Tarnby board will not fund more than a seven per cent uplift.",
     ("more than a seven per cent", 7, None, "percent", "more_than")),
    ("Critics said nurses had a “more than a 10%” rise.", ("more than a 10%", 10, None, "percent", "more_than")),
    ("The Brennock board expects less than a 3% uplift.", ("less than a 3%", 3, None, "percent", "less_than")),
    ("Doctors may get up to a 20% rise.", ("up to a 20%", 20, None, "percent", "up_to")),
])
def test_an_article_between_a_comparative_hedge_and_a_number_is_part_of_the_figure(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Pay was frozen over a 12-month period.", ("12-month", 12, None, "months", "none")),
    ("Trusts stayed under a 10% cap.", ("10%", 10, None, "percent", "none")),
])
def test_an_article_after_a_hedge_that_is_a_bare_preposition_keeps_the_hedge_out(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Walkouts have cost the Dunmore trust an estimated £3bn.", ("£3bn", 3e9, None, "gbp", "none")),
    ("An estimated 350,000 appointments were moved.", ("350,000", 350000, None, "count", "none")),
])
def test_an_estimated_before_a_figure_is_no_hedge(text, expected):
    assert found(text) == [expected]


def test_around_before_a_figure_is_still_a_hedge():
    assert found("Walkouts cost around £3bn.") == [("around £3bn", 3e9, None, "gbp", "around")]


def rates(text: str) -> list[tuple]:
    return [(r["text"], r["per"]) for r in extract_figures(text, "t", LEXICON)]


@pytest.mark.parametrize("text, expected", [
    ("The union will call at least three days of action every month.", [("at least three days", "month")]),
    ("Locums earn £40 of cover pay a shift at Harnley.", [("£40", "shift")]),
    ("Registrars work 10 hours of unpaid overtime a week.", [("10 hours", "week")]),
])
def test_a_rate_after_of_and_the_counted_noun_is_the_figures_rate(text, expected):
    assert rates(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Two days of the month were lost.", [("Two days", None)]),
    ("There were 3 days of strikes a year earlier.", [("3 days", None)]),
    ("It took 2 days of talks.", [("2 days", None)]),
])
def test_of_a_determiner_or_a_dated_period_gives_no_rate(text, expected):
    assert rates(text) == expected


@pytest.mark.parametrize("text", ["Ward staff called it strike number seven.", "It breaches Rule 43 of the code.",
                                  "Under regulation 5, trusts must consult.", "Section Two sets the Harwick rota."])
def test_a_reference_word_before_a_number_or_number_word_makes_it_a_label(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("No two rotas at Pellham are alike.", ("two", 2, None, "count", "none")),
    ("A number of doctors, seven in all, left.", ("seven", 7, None, "count", "none")),
])
def test_no_and_a_number_of_before_a_number_word_leave_a_count(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Rises of 8% or more are unaffordable, Tolvey says.", ("8% or more", 8, None, "percent", "at_least")),
    ("Members backed one or more forms of action.", ("one or more", 1, None, "count", "at_least")),
    ("Trusts with 20 or fewer consultants were spared.", ("20 or fewer", 20, None, "count", "up_to")),
    ("Staff with 10 years or less of service lose out.", ("10 years or less", 10, None, "years", "up_to")),
])
def test_or_more_or_fewer_right_after_a_figure_is_its_hedge(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The Marlow offer was 6% or more than the last.", [("6%", 6, None, "percent", "none")]),
    ("Two or three wards closed.", [("Two or three", 2, 3, "count", "none")]),
])
def test_or_more_before_than_or_a_second_number_is_no_hedge(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Clinics at Orrin were disrupted over three days.", ("three days", 3, None, "days", "none")),
    ("The backlog of procedures over eight months of action grew.", ("eight months", 8, None, "months", "none")),
    ("The next walkout is over four days from Monday.", ("four days", 4, None, "days", "none")),
    ("Pay will return to its old level over three years.", ("three years", 3, None, "years", "none")),
])
def test_over_a_period_after_a_noun_or_verb_is_the_preposition_not_a_hedge(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Ministers have not met the Tarn union for over 100 days.", ("over 100 days", 100, None, "days", "more_than")),
    ("There have been over 300 hours of walkouts.", ("over 300 hours", 300, None, "hours", "more_than")),
    ("Patients faced a wait of over two years.", ("over two years", 2, None, "years", "more_than")),
    ("Over two years have passed since the ballot.", ("Over two years", 2, None, "years", "more_than")),
    ("Registrars there worked over 60 hours.", ("over 60 hours", 60, None, "hours", "more_than")),
])
def test_over_a_period_after_a_preposition_a_verb_of_time_or_opening_a_sentence_stays_more_than(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Hospitals braced for two strike days in a row.", ("two strike days", 2, None, "days", "none")),
    ("Wards will run two ‘bank holiday service’ days in a row.",
     ("two ‘bank holiday service’ days", 2, None, "days", "none")),
    ("The Pellham trust lost 12 picket hours.", ("12 picket hours", 12, None, "hours", "none")),
    ("They asked for five strike-free days.", ("five strike-free days", 5, None, "days", "none")),
])
def test_a_noun_or_quoted_phrase_between_a_number_and_its_period_leaves_a_duration(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Around 600 staff days later returned.", ("Around 600", 600, None, "count", "around")),
    ("It cost 40 nurses days of pay.", ("40", 40, None, "count", "none")),
    ("Three of the days were lost.", ("Three", 3, None, "count", "none")),
    ("Two ‘serious concerns’ were raised days ago.", ("Two", 2, None, "count", "none")),
])
def test_a_plural_a_function_word_or_a_dated_period_after_a_number_leaves_a_count(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", ["Cover runs until shifts starting after 0700 on Sunday.",
                                  "The 0800 hours handover at Tarnby was kept.", "Agent 007 was not on the rota."])
def test_a_number_written_with_a_leading_zero_is_no_count(text):
    assert found(text) == []


def test_a_decimal_below_one_still_stays_a_figure():
    assert found("Pay rose 0.5% at Tarnby.") == [("0.5%", 0.5, None, "percent", "none")]


@pytest.mark.parametrize("text", ["Watch it on Freeview 262 or Vexo 565\nThe rally began.",
                                  "Wards shut after Covid 19, the trust said.", "It was held in Room 101."])
def test_a_bare_number_after_a_capitalised_word_with_no_counted_noun_is_part_of_a_name(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The strike in Orrinshire 4000 doctors joined.", ("4000", 4000, None, "count", "none")),
    ("Trusts Cancel 1000 Operations", ("1000", 1000, None, "count", "none")),
    ("About 300 wards shut.", ("About 300", 300, None, "count", "around")),
    ("Pay for Doctors Over 50 Falls", ("Over 50", 50, None, "count", "more_than")),
])
def test_a_bare_number_after_a_capitalised_word_before_its_noun_or_a_hedge_stays_a_count(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Hear from 100’s of doctors.", ("100’s", 100, 1000, "count", "vague")),
    ("1000s of operations and 100s of clinics were hit.",
     [("1000s", 1000, 10000, "count", "vague"), ("100s", 100, 1000, "count", "vague")]),
])
def test_hundreds_and_thousands_written_in_digits_are_vague(text, expected):
    assert found(text) == (expected if isinstance(expected, list) else [expected])


def test_a_decade_in_digits_is_no_vague_amount():
    assert found("It was built in the 1900s of old.") == []


@pytest.mark.parametrize("text, expected", [
    ("The walkout cost the Pellham trust a quarter of a million pounds.",
     ("a quarter of a million pounds", 250_000, None, "gbp", "none")),
    ("Three quarters of a billion was spent.", ("Three quarters of a billion", 750_000_000, None, "count", "none")),
    ("It reached two-thirds of a million staff.", ("two-thirds of a million", 666_667, None, "count", "none")),
])
def test_a_fraction_of_a_million_or_a_billion_is_that_share_of_it(text, expected):
    assert found(text) == [expected]


def test_a_fraction_of_a_group_stays_a_percentage():
    assert found("Three quarters of staff agreed.") == [("Three quarters", 75, None, "percent", "none")]


@pytest.mark.parametrize("text", ["By Ann Kell\n(3 months, 2 weeks ago)\nDebate", "Published\n5 days ago\nText",
                                  "Updated 09:06 BST - 1 min read", "A 5 minute read.\nThe strike"])
def test_a_line_of_periods_ago_and_a_reading_time_are_page_furniture_not_durations(text):
    assert found(text) == []


def test_a_period_ago_in_a_sentence_stays_a_duration():
    assert found("Orrin struck 3 weeks ago, she said.") == [("3 weeks", 3, None, "weeks", "none")]


@pytest.mark.parametrize("text", ["Image (32)\nStrike news", "Comments (4)\n"])
def test_a_number_in_brackets_after_one_word_alone_on_a_line_is_a_page_counter(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Wards shut (12) in all.", ("12", 12, None, "count", "none")),
    ("Orrin Trust (12)\n", ("12", 12, None, "count", "none")),
])
def test_a_number_in_brackets_inside_a_sentence_or_after_two_words_stays_a_count(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", ["Clinics could trim the number of routine slots a day.",
                                  "Nobody knows how many shifts a week they cover.",
                                  "2023 was a year defined by strikes."])
def test_a_period_after_an_unstated_amount_or_a_named_year_is_no_duration(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The number of doctors on strike for a day rose.", ("a day", 1, None, "days", "none")),
    ("It has been a year since the ballot.", ("a year", 1, None, "years", "none")),
    ("That was a year of strikes.", ("a year", 1, None, "years", "none")),
])
def test_a_period_after_a_preposition_of_time_or_a_plain_subject_stays_a_duration(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", ["A row over the ‘Two Jobs’ boss at Orrin grew.", "“Three Trusts Hit” ran the headline."])
def test_a_number_word_opening_a_quoted_title_is_part_of_a_name(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("‘Two weeks is too long,’ Dr Vexby said.", ("Two weeks", 2, None, "weeks", "none")),
    ("He said 'Four more years' again.", ("Four more years", 4, None, "years", "none")),
    ("“Two wards closed,” she said.", ("Two", 2, None, "count", "none")),
])
def test_a_number_word_opening_a_quoted_sentence_or_before_its_period_stays_a_figure(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Orrin pay fell by over 12 per-cent in a decade.", ("over 12 per-cent", 12, None, "percent", "more_than")),
    ("A 7 per-cent offer was made.", ("7 per-cent", 7, None, "percent", "none")),
])
def test_per_cent_with_a_hyphen_is_a_percentage(text, expected):
    assert found(text)[0] == expected


def test_per_with_a_hyphen_before_another_word_is_no_percentage():
    assert found("Nurses got 40 per-head bonuses.") == [("40", 40, None, "count", "none")]


@pytest.mark.parametrize("text, expected", [
    ("Tarnby has lost more than 2.5 million days to walkouts.",
     ("more than 2.5 million", 2500000, None, "count", "more_than")),
    ("About 1.2m working days were lost in May.", ("About 1.2m", 1200000, None, "count", "around")),
    ("Staff gave a million hours of overtime.", ("a million", 1000000, None, "count", "none")),
    ("Between 2 and 3 million days were lost.", ("Between 2 and 3 million", 2000000, 3000000, "count", "none")),
])
def test_days_or_hours_counted_in_millions_are_a_count_not_a_duration(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The walkout lasted 72 hours.", ("72 hours", 72, None, "hours", "none")),
    ("Rotas cover 3,000 days a year.", ("3,000 days", 3000, None, "days", "none")),
    ("Orrin waited two thousand years.", ("two thousand years", 2000, None, "years", "none")),
])
def test_days_and_hours_without_a_scale_of_millions_stay_durations(text, expected):
    assert found(text)[0] == expected


@pytest.mark.parametrize("text", ["Strike talks resumed.\n\n2 Junior doctors marched past Orrin General\n\nThey sang.",
                                  "Strike talks resumed.\n2 Dr Ann Vexby has spoken out\nShe was clear.",
                                  "14 Medical students joined the picket line"])
def test_a_small_number_opening_a_line_before_a_sentence_case_caption_is_a_picture_counter(text):
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Strike news\n\n12 nurses walked out at Orrin.", ("12", 12, None, "count", "none")),
    ("Strike news\n\n12 NHS trusts cancelled clinics.", ("12", 12, None, "count", "none")),
    ("Strike news\n\n5 Things To Know About Orrin", ("5", 5, None, "count", "none")),
    ("Strike news\n\n120 Junior doctors marched.", ("120", 120, None, "count", "none")),
    ("Strike news\n\n12% Of Staff quit.", ("12%", 12, None, "percent", "none")),
    ("Then 2 Junior doctors spoke.", ("2", 2, None, "count", "none")),
])
def test_a_count_opening_a_line_before_a_lower_case_noun_an_acronym_or_a_title_stays_a_figure(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize("text", ["Cutting waits is one of his key priorities.",
                                  "Pay is one of the main reasons staff leave.",
                                  "Orrin is one of the union's leading voices."])
def test_one_of_before_a_word_of_rank_is_a_pronoun_not_a_count(text):
    assert found(text) == []


def test_one_of_a_plain_plural_stays_a_count():
    assert found("Pay is one of the reasons staff leave.") == [("one", 1, None, "count", "none")]
