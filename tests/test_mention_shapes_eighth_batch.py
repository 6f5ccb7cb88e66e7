"""Shapes of organisation and person mentions read in the real-text set's eighth batch (issue 8), written as the
general construction each miss belongs to. Every case is constructed: invented names and bodies, sentences written
here, and near-misses each rule must not fire on."""
from __future__ import annotations

import pytest

from scripts.extract.lexicon import NAME_WORDS, Lexicon
from scripts.extract.mentions import extract_mentions


def organisation(organisation_id, alias, case_sensitive=True):
    return {"organisation_id": organisation_id, "alias": alias, "case_sensitive": str(case_sensitive).lower()}


LEXICON = Lexicon.from_rows(
    [organisation("kda", "KDA"), organisation("kda", "Kestrel Doctors' Association", False)], [], [])


def organisations(text, lexicon=LEXICON):
    return [(r["text"], r["organisation_id"]) for r in extract_mentions(text, "test-source", lexicon)
            if r["entity_kind"] == "organisation"]


def organisation_texts(text, lexicon=LEXICON):
    return [name for name, _ in organisations(text, lexicon)]


def people(text, lexicon=LEXICON):
    return [r["text"] for r in extract_mentions(text, "test-source", lexicon) if r["entity_kind"] == "person"]


def _party_word() -> str:
    """A singular word of kind not_person from the shipped vocabulary file, so that no party is named here."""
    return next(w for w in sorted(NAME_WORDS.not_person) if not w.endswith("s"))


# --- a party's word inside a sentence, whatever follows it (mentions._party_mid_sentence) --------------------------

@pytest.mark.parametrize("shape", [
    "The walkout is no gift to {w}\n\nA second paragraph follows.",  # a headline ending in the party
    "The strike hurts ministers more than {w}. Polls agree.",  # after 'than', before a full stop
    "It could have been a good day for {w} to talk about waiting lists.",  # before 'to' and a verb
    "Voters were reminded of {w} mismanagement of the health service.",  # an adjective before a lower-case noun
    "Waiting lists grew, {w} Shadow Health Secretary Jo Quillan said.",  # after a comma, before a capitalised title
    "Reporters keep asking {w} Shadow Health Spokesperson Jo Quillan about it.",  # before a title's run
])
def test_a_partys_word_inside_a_sentence_is_the_party(shape):
    word = _party_word()
    assert (word, None) in organisations(shape.format(w=word))


@pytest.mark.parametrize("shape", [
    "{w} costs rose by a tenth last year.",  # a sentence's first word may be a common noun
    "Strikers filled the {w} hall on Monday.",  # after an article: a thing or a person
    "She joined {w} Friends Network last year.",  # a longer capitalised run that holds no title
])
def test_a_partys_word_at_a_sentence_start_after_an_article_or_in_a_longer_run_is_not_the_party_alone(shape):
    word = _party_word()
    assert (word, None) not in organisations(shape.format(w=word))


def test_a_partys_word_the_text_also_writes_after_a_first_name_stays_a_surname():
    word = _party_word()
    assert (word, None) not in organisations(f"The clinic is run by Jo {word}. Patients wrote to {word} again.")


# --- a paragraph opened by a word in capitals after a date stamp (mentions._opens_a_paragraph) ---------------------

@pytest.mark.parametrize("text", [
    "2023-05-05 NURSES in Vexby have voted to strike, and nurses elsewhere may follow.",
    "Updated 05/05/2023 NURSES in Vexby have voted to strike, and nurses elsewhere may follow.",
    "Top line\n2024-05 MIDWIVES across Marlshire will walk out; midwives say pay has fallen.",
])
def test_a_word_in_capitals_opening_a_paragraph_after_a_date_stamp_is_no_acronym(text):
    assert organisations(text) == []


@pytest.mark.parametrize("text, acronym", [
    ("2023-05-05 QRXA members in Vexby have voted to strike.", "QRXA"),  # never written in lower case
    ("Talks on 5 May 2023 NURSES did not attend, but nurses wrote in.", "NURSES"),  # a date in prose is no stamp
])
def test_capitals_after_a_date_that_is_no_stamp_or_an_acronym_stay_a_body(text, acronym):
    assert (acronym, None) in organisations(text)


# --- a month's name in capitals (mentions._MONTHS_IN_CAPITALS) -------------------------------------------------------

@pytest.mark.parametrize("month", ["MAY", "JUNE", "JULY", "MARCH"])
def test_a_months_name_in_capitals_in_a_dateline_is_no_acronym(month):
    assert organisations(f"Doctors to strike again - WIRE\n\n{month} 23, 2023\n\nJunior doctors in Vexby will strike.") \
        == [("WIRE", None)]


def test_letters_in_capitals_that_are_no_month_stay_an_acronym():
    assert organisations("MAYX 23, 2023\n\nJunior doctors in Vexby will strike.") == [("MAYX", None)]
