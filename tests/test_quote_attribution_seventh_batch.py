"""Issue 8, eighth session: speaker shapes read in the misses of the seventh real-text batch, written as
constructed cases with invented names and bodies; each rule has near misses beside it that pin what must not fire."""
from __future__ import annotations

from tests.test_extract_quotes import quotes


def _speakers(article: str) -> list[tuple[str, str | None]]:
    return [(r["text"][:24], r["speaker_name"]) for r in quotes(article)]


# ---- (a) a paragraph of reported speech, then quoted paragraphs running on into each other -----------------

REPORTED_THEN_RUN_ON = (
    "Mira Tallis, who leads the Easton nurses forum, said nurses had been left with no option – and urged the "
    "health minister Tom Hale to come back to the table.\n\n"
    "{o}Nobody wanted to walk out again, but our request on pay was turned down flat. That left us nowhere else to "
    "go.\n\n"
    "{o}We sat down with the minister last week, and nothing moved on pay at all.{c}\n\n"
    "The Easton health department said wards would be staffed safely.\n")


def test_quoted_paragraphs_running_on_after_reported_speech_are_the_reported_speakers():
    for opener, closer in (("\u2018", "\u2019"), ("\u201c", "\u201d")):
        rows = _speakers(REPORTED_THEN_RUN_ON.format(o=opener, c=closer))
        assert [name for _, name in rows] == ["Mira Tallis", "Mira Tallis"], rows


def test_a_quotation_left_open_mid_sentence_does_not_take_the_reported_speaker():
    # near miss: the open paragraph stops without a full stop (a cut excerpt), so it is no whole utterance
    article = ("Mira Tallis said nurses had been left with no option.\n\n"
               "\u201cNobody wanted to walk out again, but our request on pay was\n\n"
               "\u201cturned down flat and we sat down with the minister for nothing.\u201d\n")
    assert all(name is None for _, name in _speakers(article))


def test_a_quotation_left_open_after_a_sentence_about_no_speaker_stays_without_one():
    # near miss: the paragraph before reports nobody's words
    article = ("Wards across Easton were quiet on Monday as the walkout began.\n\n"
               "\u201cNobody wanted to walk out again, but our request on pay was turned down flat.\n\n"
               "\u201cWe sat down with the minister last week, and nothing moved on pay at all.\u201d\n")
    assert all(name is None for _, name in _speakers(article))


# ---- (b) 'a trust spokesperson': the body of that kind -----------------------------------------------------

def test_a_spokesperson_qualified_by_a_kind_of_body_speaks_for_the_body_of_that_kind_named_before():
    article = ("Easton health chiefs have warned of a \u201chard week\u201d ahead.\n\n"
               "Nurses at Easton Valley NHS Foundation Trust are walking out from 7am today.\n\n"
               "The Nurses Guild said the walkout would go ahead as planned.\n\n"
               "A trust spokesperson said: \u201cWe will keep emergency wards open throughout the walkout.\n\n"
               "\u201cPatients whose visits are moved will hear from us directly.\u201d\n")
    rows = _speakers(article)
    assert [name for _, name in rows[-2:]] == ["Easton Valley NHS Foundation Trust"] * 2, rows


def test_a_spokesperson_of_a_kind_named_only_after_the_quotation_speaks_for_that_body():
    article = ("A council spokesman said: \u201cBins will be emptied as usual during the strike.\u201d\n\n"
               "Staff at Wexbridge Borough Council voted to join the walkout last month.\n")
    assert _speakers(article)[0][1] == "Wexbridge Borough Council"


def test_a_spokesperson_of_a_kind_no_body_of_the_text_has_falls_back_to_the_body_that_spoke():
    # near miss: 'a union spokesman' for a body whose name has another head word keeps the old reading
    article = ("The Nurses Guild has refused to back down.\n\n"
               "A union spokesman said: \u201cWe have made every effort to settle this.\u201d\n")
    assert _speakers(article)[0][1] == "Nurses Guild"


def test_a_plain_spokesperson_still_speaks_for_the_body_that_spoke_last():
    # near miss: no kind before 'spokesperson': the most recent body, not the last trust named
    article = ("Nurses at Easton Valley NHS Foundation Trust are walking out from 7am today.\n\n"
               "The Nurses Guild said the walkout would go ahead as planned.\n\n"
               "A spokesperson said: \u201cWe have made every effort to settle this.\u201d\n")
    assert _speakers(article)[0][1] == "Nurses Guild"


# ---- (c) 'The Ministry of X in Y said', then 'a spokesperson said' -----------------------------------------

def test_a_department_placed_by_in_heads_its_sentence_and_keeps_the_place_in_its_name():
    article = ("The Ministry of Transport in Wessex said bus firms would try to limit the effect on passengers.\n\n"
               "\u2018The ministry stays ready to talk to the drivers and does not agree that the talks have "
               "failed,\u2019 a spokesperson said. \u2018There are serious matters still to settle.\u2019\n")
    assert [name for _, name in _speakers(article)] == ["Ministry of Transport in Wessex"] * 2


def test_a_body_located_by_in_heads_its_sentence_without_the_place_in_its_name():
    # near miss: a hospital's place locates it, it is no part of its name
    article = ("The Kingsbridge General Hospital in Easton said its emergency department was full.\n\n"
               "\u201cPlease stay away unless it is an emergency,\u201d a spokesperson said.\n")
    assert _speakers(article)[0][1] == "Kingsbridge General Hospital"
