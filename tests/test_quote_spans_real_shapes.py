"""Quotation spans in shapes met in real copy (issue 8): constructed passages with an invented lexicon, never
the wording of any article."""
from __future__ import annotations

import pytest

from scripts.extract.lexicon import Lexicon
from scripts.extract.quotes import extract_quotes

LEXICON = Lexicon.from_rows(
    [{"organisation_id": "nurses-guild", "alias": "Nurses Guild", "case_sensitive": "true"}],
    [{"person_id": "jane-doe", "alias": "Jane Doe", "case_sensitive": "true"}],
    [{"person_id": "jane-doe", "organisation_id": "nurses-guild"}])


def texts(article: str) -> list[str]:
    return [r["text"] for r in extract_quotes(article, "t", LEXICON)]


def test_double_marks_inside_single_quoted_speech_stay_part_of_it():
    article = "Jane Doe said: ‘We met today and voted to say “no more cuts to our wards”, all of us.’"
    assert texts(article) == ["We met today and voted to say “no more cuts to our wards”, all of us."]


def test_double_marks_inside_a_single_quotation_running_over_paragraphs_keep_the_continuation():
    article = ("Jane Doe said: ‘We are tired of waiting.\n\n"
               "‘We have voted in numbers to say “we will not be ignored again”.\n\n"
               "‘Ministers can still end this today.’")
    rows = extract_quotes(article, "t", LEXICON)
    assert [r["continues_previous"] for r in rows] == [False, True, True]
    assert {r["speaker_person_id"] for r in rows} == {"jane-doe"}


def test_later_quotations_are_still_found_after_a_quotation_within_a_quotation():
    article = ("Jane Doe said: ‘Our members told us “enough is enough, we walk out” last night.’\n\n"
               "She described the offer as ‘insulting’ – and the talks ended.")
    assert texts(article)[-1] == "insulting"


def test_single_marks_inside_double_quoted_speech_are_not_a_quotation_of_their_own():
    article = "Jane Doe said: “They called it ‘a fair settlement’ but nobody here agrees with that.”"
    assert texts(article) == ["They called it ‘a fair settlement’ but nobody here agrees with that."]


def test_a_quoted_phrase_right_after_a_verb_of_saying_is_a_quotation_with_or_without_a_speaker():
    assert texts('Patients are being urged to "stay at home" while wards close.') == ["stay at home"]
    assert texts("Trainees advised to ‘keep away from clinics’ on strike days") == ["keep away from clinics"]


def test_a_quoted_complement_closing_its_clause_after_a_verb_of_saying_is_a_quotation():
    assert texts("Jane Doe spoke on radio, criticising the offer as “unfair”.") == ["unfair"]
    assert texts("The guild acted, claiming that the plan was “flawed”.") == ["flawed"]


def test_a_quoted_complement_that_does_not_close_its_clause_needs_an_attribution_of_its_own():
    assert texts("Wards were described, in a leaked note, and the plan was “flawed” in many ways.") == []


def test_a_quoted_term_after_the_term_or_before_a_naming_noun_is_named_not_spoken():
    assert texts("The Nurses Guild said the term “ward lead” would be dropped.") == []
    assert texts("Jane Doe told the “Morning Brief” programme: “We will not back down on this.”") == [
        "We will not back down on this."]
    assert texts("She said the “senior” title was “confusing”.") == ["confusing"]


def test_a_short_quotation_attributed_by_a_verb_is_still_a_quotation():
    assert texts("Jane Doe said the offer was “insulting” and left.") == ["insulting"]


def test_a_quotation_left_open_before_an_inverted_attribution_ends_at_that_attribution():
    for article in ("“Pay has risen by a fifth since then, said a weary Jane Doe, on local radio.",
                    "‘Pay has risen by a fifth since then, said a weary Jane Doe, on local radio."):
        rows = extract_quotes(article, "t", LEXICON)
        assert [r["text"] for r in rows] == ["Pay has risen by a fifth since then"]
        assert rows[0]["speaker_person_id"] == "jane-doe"


def test_a_quotation_left_open_with_more_sentences_after_the_comma_still_runs_to_the_paragraph_end():
    article = "“We asked twice, said the nurses. Then we walked out of the room together"
    assert texts(article) == [article[1:]]


@pytest.mark.parametrize("article, expected", [
    ("The announcement of a “rolling walkout” by the guild worried managers.", ["rolling walkout"]),
    ("Their calls for “fair pay now” went unanswered.", ["fair pay now"]),
])
def test_a_short_phrase_after_a_noun_of_saying_is_a_quotation(article, expected):
    assert texts(article) == expected


def test_a_short_phrase_after_an_ordinary_noun_is_still_a_scare_quote():
    assert texts("The arrival of a “rolling walkout” season worried managers.") == []


def test_a_quoted_word_before_an_ordinary_noun_attributed_by_a_verb_stays_a_quotation():
    assert texts("Jane Doe said the vote was a “resounding” show of support.") == ["resounding"]


def test_a_short_phrase_that_a_verb_of_reporting_takes_as_its_object_is_quoted_words():
    article = ("Dozens of clinics sought staff back on Tuesday, citing \u201csevere strain\u201d and staff "
               "shortages. Other clinics reported \u201cvery high demand\u201d and being \u201cfully stretched\u201d.")
    assert texts(article) == ["severe strain", "very high demand", "fully stretched"]


def test_a_short_phrase_closing_a_clause_whose_verb_reports_speech_is_quoted_words():
    article = "Several clinics struggled, with one citing queues at reception of \u201cover six hours\u201d."
    assert texts(article) == ["over six hours"]


def test_a_short_phrase_in_a_clause_with_no_verb_of_reporting_stays_a_scare_quote():
    article = ("Nurses walked out despite a \u201cfinal\u201d offer on pay. Clinics reported staffing levels, and "
               "managers were given a \u201cgood practice\u201d guide.")
    assert texts(article) == []
