"""Issue 8, ninth session: speaker and span shapes read in the misses of the eighth real-text batch (and the
continuation and pronoun questions of the brief), written as constructed cases with invented names and bodies;
each rule has near misses beside it that pin what must not fire."""
from __future__ import annotations

from tests.test_extract_quotes import quotes


def _speakers(article: str) -> list[tuple[str, str | None]]:
    return [(r["text"][:24], r["speaker_name"]) for r in quotes(article)]


# ---- (a) a body's description after a sentence of reported speech the body closes ---------------------------

def test_a_description_stands_for_the_body_closing_the_sentence_before_with_its_reported_speech():
    article = ("Nurses in Easton will walk out for three days from Tuesday, the Easton Nurses Federation said in a "
               "statement on Monday. The trade union, which speaks for ward staff, said the offer was "
               "\u201cneither fair nor workable.\u201d\n")
    assert _speakers(article) == [("neither fair nor workabl", "Easton Nurses Federation")]


def test_an_inverted_attribution_closing_the_sentence_before_also_gives_the_body():
    article = ("The walkout will go ahead on Tuesday, said the Easton Nurses Federation. The group added that the "
               "offer was \u201cneither fair nor workable in any form.\u201d\n")
    assert _speakers(article) == [("neither fair nor workabl", "Easton Nurses Federation")]


def test_a_body_told_something_at_the_sentence_end_is_a_listener_not_the_reporter():
    # near miss: ', told the X' names whom the words went to
    article = ("The walkout will go ahead on Tuesday, organisers told the Easton Nurses Federation. The union said "
               "the offer was \u201cneither fair nor workable in any form.\u201d\n")
    assert _speakers(article) == [("neither fair nor workabl", None)]


def test_a_body_named_at_the_sentence_end_without_a_verb_of_saying_is_no_reporter():
    # near miss: ', the Easton Nurses Federation met' reports no speech
    article = ("The walkout will go ahead on Tuesday after the vote, the Easton Nurses Federation met on Monday. "
               "The union said the offer was \u201cneither fair nor workable in any form.\u201d\n")
    assert _speakers(article) == [("neither fair nor workabl", None)]


# ---- (b) a closing single mark typed as an opening one --------------------------------------------------------

def test_a_single_quotation_closed_by_a_turned_mark_before_its_attribution_is_the_attributed_speech():
    article = ("The offer was put to members on Friday.\n\n"
               "\u2018While the offer falls short of our ask, real progress has been made,\u2018 the Easton Nurses "
               "Federation said.\n\nThe vote closes in January.\n")
    rows = quotes(article)
    assert [(r["text"], r["speaker_name"]) for r in rows] == [
        ("While the offer falls short of our ask, real progress has been made,", "Easton Nurses Federation")]


def test_an_opening_single_mark_after_punctuation_and_before_a_word_opens_a_quotation_as_before():
    # near miss: '‘' with a word right after it opens speech; only '‘' before a space closes one
    article = ("Jo Bell said: \u2018We will vote.\u2019 Members agreed,\u2018 she added later.\n")
    rows = quotes(article)
    assert rows[0]["text"] == "We will vote." and rows[0]["speaker_name"] == "Jo Bell"


# ---- (c) a colon introduction, words after the quotation naming someone else ----------------------------------

def test_the_one_person_before_a_colon_speaks_though_the_sentence_names_a_body_after_the_quotation():
    article = ("On the radio this morning the shadow health minister Jo Bell gave her prepared line: \u201cdo not hand "
               "the keys back to the burglars\u201d, a pointed way of saying do not trust the Valley Party with "
               "wards.\n")
    assert _speakers(article) == [("do not hand the keys bac", "Jo Bell")]


def test_two_people_before_the_colon_leave_the_quotation_without_a_speaker():
    # near miss: the clause the colon closes names two people, and a body follows the quotation
    article = ("In the studio Jo Bell sat beside Sam Poole with a line ready: \u201cdo not hand the keys back to "
               "the burglars\u201d, a pointed way of saying do not trust the Valley Party with wards.\n")
    assert _speakers(article) == [("do not hand the keys bac", None)]


# ---- (d) a short complement after a verb of thinking or finding ---------------------------------------------

def test_a_short_complement_in_a_clause_of_what_people_believe_is_a_quotation():
    article = ("A poll by the Easton Nurses Federation showed that 80% of its members believe the new rota is "
               "\u201cplainly unsafe\u201d, and most would vote to walk out.\n")
    assert [r["text"] for r in quotes(article)] == ["plainly unsafe"]


def test_a_short_complement_with_no_verb_of_saying_or_thinking_stays_a_term():
    # near miss: nobody is said to say or think it; the marks set off a term
    article = "On Monday the alert level for the Easton wards was \u201cplainly amber\u201d, and clinics opened late.\n"
    assert quotes(article) == []


# ---- (e) a run of quoted paragraphs across captions and headings set between ---------------------------------

RUN_ACROSS = ("Jo Bell, who chairs the Easton Nurses Federation, said: \u201cWe are angry about this offer.\u201d\n\n"
              "{between}"
              "\u201cWe will walk out next week if nothing changes.\u201d\n")


def test_a_quoted_paragraph_after_captions_and_headings_goes_on_with_the_last_speaker():
    for between in ("Advertisement\n\nHide Ad\n\n", "Nurses at the gate in Easton (Photo: Sam Poole/Vexby)\n\n"):
        rows = _speakers(RUN_ACROSS.format(between=between))
        assert [name for _, name in rows] == ["Jo Bell", "Jo Bell"], (between, rows)


def test_more_captions_between_than_a_quotation_runs_across_end_the_run():
    # near miss: three lines of page furniture between are no longer one run of speech
    rows = _speakers(RUN_ACROSS.format(between="Advertisement\n\nHide Ad\n\nRead more\n\n"))
    assert [name for _, name in rows] == ["Jo Bell", None]


def test_a_heading_that_reports_someone_else_saying_something_ends_the_run():
    # near miss: a heading with a verb of saying is no furniture; it introduces another speaker
    rows = _speakers(RUN_ACROSS.format(between="Sam Poole says the offer is fair\n\n"))
    assert rows[1][1] != "Jo Bell"


# ---- (f) a person introduced in the paragraph before a bare quoted paragraph ---------------------------------

def test_a_person_taking_a_side_in_the_last_sentence_of_the_paragraph_before_speaks_the_next_quoted_one():
    for between in ("The health minister Sam Poole disagreed with the federation.",
                    "Sam Poole, the health minister, rejected the claim on Monday.",
                    "Health minister Sam Poole responded."):
        article = ("Jo Bell said: \u201cWe are angry about this offer.\u201d\n\n" + between + "\n\n"
                   "\u201cThe offer is fair, and it stays on the table.\u201d\n")
        assert [name for _, name in _speakers(article)] == ["Jo Bell", "Sam Poole"], between


def test_a_paragraph_before_setting_a_scene_naming_two_people_or_headed_by_a_body_gives_no_speaker():
    # near misses: a scene with no side taken, two people (no way to choose), or a body heading the sentence
    for between in ("Sam Poole, the health minister, visited nurses on the ward on Monday.",
                    "Sam Poole disagreed with Tom Hale in Easton on Monday.",
                    "The Easton Health Board runs four hospitals and two clinics."):
        article = ("Jo Bell said: \u201cWe are angry about this offer.\u201d\n\n" + between + "\n\n"
                   "\u201cThe offer is fair, and it stays on the table.\u201d\n")
        assert [name for _, name in _speakers(article)] == ["Jo Bell", None], between


# ---- (g) narration about the speaker's own body between two quoted paragraphs -------------------------------

def test_narration_about_the_body_named_with_the_speaker_does_not_stop_the_speaker_going_on():
    article = ("Dr Jo Bell, chair of the Easton Nurses Federation, said: \u201cWe are angry about this offer.\u201d\n\n"
               "The Easton Nurses Federation has 40,000 members across the county.\n\n"
               "\u201cWe will walk out next week if nothing changes.\u201d\n")
    assert [name for _, name in _speakers(article)] == ["Jo Bell", "Jo Bell"]


def test_narration_about_another_body_still_stops_the_speaker_going_on():
    # near miss: a body the attribution did not name may be the next speaker
    article = ("Dr Jo Bell, chair of the Easton Nurses Federation, said: \u201cWe are angry about this offer.\u201d\n\n"
               "The Easton Health Board has 4,000 staff across the county.\n\n"
               "\u201cWe will walk out next week if nothing changes.\u201d\n")
    assert [name for _, name in _speakers(article)] == ["Jo Bell", None]


# ---- (h) 'the doctors’ union', and ', according to the X.' as the body that reported -----------------------

def test_a_description_with_a_plural_possessive_before_its_head_stands_for_the_body_named_before():
    article = ("The Easton Medical Association said its members would walk out on Monday.\n\n"
               "The doctors\u2019 union said the offer was \u201can insult to every single member\u201d.\n")
    assert _speakers(article) == [("an insult to every singl", "Easton Medical Association")]


def test_a_body_a_sentence_closes_with_according_to_is_what_the_union_stands_for_next():
    article = ("The walkout will go ahead on Monday, according to the Easton Medical Association. The union said "
               "the offer was \u201can insult to every single member\u201d.\n")
    assert _speakers(article) == [("an insult to every singl", "Easton Medical Association")]


def test_according_to_opening_a_sentence_names_no_reporter_closing_it():
    # near miss: the body is named inside the sentence's source phrase at its start, not closing it
    article = ("According to figures the Easton Medical Association published, the walkout will go ahead on Monday "
               "across the county. The union said the offer was \u201can insult to every single member\u201d.\n")
    assert _speakers(article) == [("an insult to every singl", None)]


# ---- (i) a paragraph whose opening mark was left out, with an apostrophe before its closing mark -------------

def test_the_last_paragraph_of_a_quotation_with_an_apostrophe_before_its_closing_mark_is_found():
    for apostrophe in ("\u2019", "'"):
        article = ("Jo Bell said: \u201cWe will not back down.\n\n"
                   f"We don{apostrophe}t want this, but the nurses{apostrophe} patience has run out.\u201d\n\n"
                   "The strike starts on Monday.\n")
        rows = quotes(article)
        assert [(r["text"], r["speaker_name"]) for r in rows] == [
            ("We will not back down.", "Jo Bell"),
            (f"We don{apostrophe}t want this, but the nurses{apostrophe} patience has run out.", "Jo Bell")]


def test_speech_with_an_apostrophe_and_its_opening_mark_left_out_before_an_attribution_is_found():
    article = "Jo Bell is angry about the offer.\n\nWe don\u2019t want this at all,\u201d she said.\n"
    assert [r["text"] for r in quotes(article)] == ["We don\u2019t want this at all,"]


def test_a_paragraph_with_only_apostrophes_and_no_closing_mark_is_no_quotation():
    # near miss: apostrophes passed over leave nothing that closes speech
    article = "Jo Bell said: \u201cWe will not back down.\n\nThe nurses\u2019 union won\u2019t meet on Monday.\n"
    assert [r["text"] for r in quotes(article)] == ["We will not back down."]
