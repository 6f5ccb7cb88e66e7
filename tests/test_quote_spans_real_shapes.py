"""Quotation spans in shapes met in real copy (issue 8): constructed passages with an invented lexicon, never
the wording of any article."""
from __future__ import annotations

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
