"""Issue 8, ninth session: the gender the text itself gives a person (scripts/extract/pronoun_gender.py), and
'she' / 'he' resolved with it; constructed cases with invented names, near misses beside each rule."""
from __future__ import annotations

from scripts.extract import quotes as quotes_module
from tests.test_extract_quotes import LEXICON, quotes


def _genders(text: str) -> dict[str, str | None]:
    article = quotes_module._Article(text, "test-source", LEXICON)
    return {m.referent.name: m.referent.gender or article._gender_from_text(m.referent)
            for m in article.names.mentions if m.referent.kind == "person"}


def test_a_pronoun_between_a_person_and_the_next_person_named_is_the_first_ones():
    genders = _genders("Jo Bell told her members on Monday that Tom Hale, the health minister, had not called.\n")
    assert genders["Jo Bell"] == "f"


def test_a_reflexive_after_an_appositive_noun_is_the_named_persons():
    genders = _genders("Jo Bell, a nurse herself, met Tom Hale, the health minister, on Monday.\n")
    assert genders["Jo Bell"] == "f"


def test_a_pronoun_after_a_noun_for_another_person_is_not_the_named_persons():
    # near miss: 'the minister' stands between the name and 'his'
    genders = _genders("Jo Bell urged the minister to change his mind before Tom Hale, the chancellor, spoke.\n")
    assert genders["Jo Bell"] is None


def test_pronouns_of_both_genders_give_no_gender():
    # near miss: the text's pronouns disagree
    genders = _genders("Jo Bell told her staff and his staff on Monday that Tom Hale, the health minister, had not "
                       "called.\n")
    assert genders["Jo Bell"] is None


def test_a_gendered_role_word_gives_its_gender():
    genders = _genders("Jo Bell, chairwoman of the Easton Nurses Federation, met Tom Hale, the health minister.\n")
    assert genders["Jo Bell"] == "f" and genders["Tom Hale"] is None


def test_a_sentence_opening_with_a_pronoun_after_one_a_person_heads_gives_that_person_its_gender():
    genders = _genders("Health minister Tom Hale visited the ward. He has held the post since May.\n")
    assert genders["Tom Hale"] == "m"


def test_a_pronoun_opening_a_sentence_with_a_quotation_gives_no_gender():
    # near miss: the attribution itself ('She said: “...”') is what is being resolved, never evidence for it
    genders = _genders("Health minister Tom Hale visited the ward. She said: \u201cWe were not told.\u201d\n")
    assert genders["Tom Hale"] is None


def test_she_goes_to_the_woman_the_text_marks_by_her_role_not_the_man_named_after_her():
    article = ("Jo Bell, chairwoman of the Easton Nurses Federation, met Tom Hale, the health minister, on Monday.\n\n"
               "She said: \u201cWe will not accept this offer at all.\u201d\n")
    assert [r["speaker_name"] for r in quotes(article)] == ["Jo Bell"]


def test_she_goes_to_the_woman_a_reflexive_marks_not_the_man_named_after_her():
    article = ("Jo Bell, a nurse herself, met Tom Hale, the health minister, on Monday.\n\n"
               "She said: \u201cWe will not accept this offer at all.\u201d\n")
    assert [r["speaker_name"] for r in quotes(article)] == ["Jo Bell"]
