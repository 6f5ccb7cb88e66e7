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


def test_quoted_paragraphs_running_on_after_a_pronoun_reporting_speech_are_that_persons():
    article = ("Dr Mira Tallis spoke to nurses on Monday. She said the walkout had been forced on them.\n\n"
               "\u201cNobody wanted this, but the offer was turned down flat. We had nowhere else to go.\n\n"
               "\u201cWe met the minister last week and nothing moved at all.\u201d\n")
    assert [name for _, name in _speakers(article)] == ["Mira Tallis", "Mira Tallis"]


def test_closed_quoted_paragraphs_after_reported_speech_are_the_reported_speakers():
    article = ("Dr Mira Tallis said the offer was poor.\n\n\u201cWe will walk out again next month.\u201d\n\n"
               "\u201cWe have no choice left at all.\u201d\n")
    assert [name for _, name in _speakers(article)] == ["Mira Tallis"] * 2


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


def test_a_hospital_spokeswoman_speaks_for_the_hospital_named_before():
    article = ("Staff at Easton General Hospital are on strike.\n\n"
               "A hospital spokeswoman said: \u201cEmergency care will run as usual.\u201d\n")
    assert _speakers(article)[0][1] == "Easton General Hospital"


def test_a_spokesperson_of_a_kind_given_in_two_words_speaks_for_the_body_with_that_head():
    article = ("Staff at Betsi Vale University Health Board are on strike.\n\n"
               "A health board spokesperson said: \u201cEmergency care will run as usual.\u201d\n")
    assert _speakers(article)[0][1] == "Betsi Vale University Health Board"


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


def test_a_department_placed_by_in_may_carry_its_acronym_after_the_place():
    article = ("The Department of Health in Wessex (DHW) said trusts would try to limit the effect on patients.\n\n"
               "\u201cWe stay ready to talk to the nurses,\u201d a spokesperson said.\n")
    assert _speakers(article)[0][1] == "Department of Health in Wessex"


def test_a_body_located_by_in_heads_its_sentence_without_the_place_in_its_name():
    # near miss: a hospital's place locates it, it is no part of its name
    article = ("The Kingsbridge General Hospital in Easton said its emergency department was full.\n\n"
               "\u201cPlease stay away unless it is an emergency,\u201d a spokesperson said.\n")
    assert _speakers(article)[0][1] == "Kingsbridge General Hospital"


# ---- (d) a paragraph ending with a colon after a clause a name heads, then a paragraph of quotation ---------

QUOTED_PARAGRAPH = "\n\n\u201cNo, I do not back the walkout, I do not want it to go ahead\u201d.\n"


def test_the_name_heading_the_clause_that_ends_at_a_colon_speaks_the_next_paragraph():
    for lead in ("The party has at last been clear as, speaking on Radio Easton this morning, Tom Verity came out "
                 "against nurses striking:",
                 "Tom Verity came out against the Nurses Guild:"):
        assert _speakers(lead + QUOTED_PARAGRAPH)[0][1] == "Tom Verity", lead


def test_a_colon_clause_headed_by_no_speaker_gives_the_next_paragraph_none():
    # near misses: a place after a preposition, no name at all, an owner's possessive, two people
    for lead in ("Nurses gathered outside Easton General Hospital on Monday morning:",
                 "Here is the full statement:",
                 "Tom Verity's plan was turned down by the Nurses Guild:",
                 "Tom Verity and Jane Roe came out against the walkout:"):
        assert _speakers(lead + QUOTED_PARAGRAPH)[0][1] is None, lead


# ---- (e) a fronted adverbial clause with a participle of saying ('whilst criticising X, she ...') -------------

def test_a_participle_after_whilst_hangs_on_the_main_clause_whose_subject_speaks():
    article = ("Mr Tom Verity has come out against the walkout.\n\n"
               "It came as a surprise. Especially as, whilst criticising Ms Jane Roe\u2019s handling of the talks, "
               "he was full of praise for \u201cthe very nurses who hold up the whole service\u201d.\n")
    row = quotes(article)[0]
    assert (row["speaker_text"], row["speaker_name"]) == ("he", "Tom Verity")


def test_a_word_before_whilst_is_never_the_speaker_of_its_participle():
    # near miss: with no subject after the fronted clause, nobody; never the capitalised adverb before it
    article = ("Especially when, whilst criticising the plan, praise went to \u201cthe very nurses who hold up the "
               "whole service\u201d.\n")
    assert quotes(article)[0]["speaker_name"] != "Especially"


def test_a_participle_after_a_comma_still_takes_the_subject_before_it():
    # near miss: 'X hit back, criticising ...' is no fronted clause
    article = ("The Nurses Guild hit back on Monday, criticising the plan as \u201ca slap in the face for every "
               "nurse in the land\u201d.\n")
    assert quotes(article)[0]["speaker_name"] == "Nurses Guild"


# ---- (f) the last paragraph of a quotation over several, its opening mark left out ---------------------------

def test_a_paragraph_closing_a_quotation_left_open_before_it_is_part_of_that_quotation():
    last = "Patients should keep using 111 for urgent help when their surgery is shut."
    article = ("A Wexbridge Care Board spokesperson said: \u201cHow much each surgery is hit will vary from place to "
               "place.\n\n\u201cOur teams have planned hard for the walkout to keep services going.\n\n"
               + last + "\u201d\n\nDr Jo Bell, the board's medical director, said \u201cSurgeries are the backbone "
               "of the service.\u201d\n")
    rows = quotes(article)
    assert [r["text"] for r in rows][2] == last
    assert rows[2]["continues_previous"] and rows[2]["speaker_name"] == "Wexbridge Care Board"


def test_a_closing_mark_ending_a_paragraph_after_a_closed_quotation_opens_nothing():
    # near miss: the paragraph before closed its quotation, so the mark is a stray, not the end of speech
    article = ("A Wexbridge Care Board spokesperson said: \u201cOur teams have planned hard for the walkout.\u201d\n\n"
               "Patients should keep using 111 for urgent help when their surgery is shut.\u201d\n")
    assert [r["text"] for r in quotes(article)] == ["Our teams have planned hard for the walkout."]


# ---- (g) 'X officials said' just after a body whose name is X and more spoke ---------------------------------

def test_officials_of_a_short_form_speak_for_the_fuller_body_that_just_spoke():
    article = ("\u201cConsultants cannot be covered by other doctors,\u201d Unity Union Wessex said in a statement "
               "issued today.\n\n\u201cPlanned care will need to be moved. We expect many visits to be cancelled,\u201d "
               "Unity Union officials said.\n")
    assert [name for _, name in _speakers(article)] == ["Unity Union Wessex", "Unity Union Wessex"]


def test_officials_of_a_head_word_speak_for_the_body_whose_name_ends_with_it_that_just_spoke():
    article = ("\u201cOur door is open,\u201d the Wessex Government said.\n\n"
               "\u201cTalks can start again tomorrow,\u201d Government officials added.\n")
    assert [name for _, name in _speakers(article)] == ["Wessex Government"] * 2


def test_officials_of_a_short_form_after_another_body_spoke_keep_the_short_form():
    # near misses: the body that spoke last has another name; the fuller body spoke two paragraphs back
    for article in ("\u201cConsultants cannot be covered by other doctors,\u201d the Nurses Guild said.\n\n"
                    "\u201cPlanned care will need to be moved,\u201d Unity Union officials said.\n",
                    "\u201cConsultants cannot be covered by other doctors,\u201d Unity Union Wessex said.\n\n"
                    "The walkout starts at 7am on Thursday.\n\nWards will be quiet over the weekend.\n\n"
                    "\u201cPlanned care will need to be moved,\u201d Unity Union officials said.\n"):
        assert _speakers(article)[-1][1] != "Unity Union Wessex", article


# ---- (h) '<Place> health bosses': the one body of the text named after that place ----------------------------

def test_bosses_qualified_by_a_place_speak_for_the_one_body_whose_name_opens_with_it():
    article = ("EASTON health bosses have warned of a \u201ctwo-day Sunday service\u201d this week, saying the walkout "
               "\u201cwill be felt by many patients\u201d.\n\nConsultants at Easton Valley NHS Foundation Trust are "
               "walking out from 7am today.\n")
    assert [name for _, name in _speakers(article)] == ["Easton Valley NHS Foundation Trust"] * 2


def test_bosses_qualified_by_a_common_word_or_by_a_place_of_two_bodies_get_no_body():
    # near misses: 'Health' is written in lower case elsewhere (no place); two bodies open with 'Easton'
    for article in ("Health bosses have warned of a \u201ctwo-day Sunday service\u201d this week.\n\nStaff at Health "
                    "Education Wessex, like other health workers, are walking out.\n",
                    "Easton health bosses have warned of a \u201ctwo-day Sunday service\u201d this week.\n\nStaff at "
                    "Easton Valley NHS Foundation Trust and Easton Borough Council are walking out.\n"):
        assert _speakers(article)[0][1] is None, article


# ---- (i) a few words in marks that make a clause with its own verb ---------------------------------------------

def test_three_words_or_more_with_a_finite_verb_and_a_capital_are_someones_words():
    article = ("\u201cSevere delays are expected\u201d at hospitals across Easton through to the weekend, as senior "
               "nurses walk out.\n")
    assert [r["text"] for r in quotes(article)] == ["Severe delays are expected"]


def test_a_title_or_a_lower_case_phrase_in_marks_is_no_clause_of_speech():
    # near misses: a campaign's title in title case, and a short phrase without a capital, in a noun phrase
    for article in ("Nurses marched behind the \u201cNurses Are Heroes\u201d banner on Monday.\n",
                    "Ministers have taken a \u201cwe will not\u201d line on pay talks.\n"):
        assert quotes(article) == [], article


# ---- (j) a fragment quoted with no attribution, quoted again in full further down ------------------------------

FRAGMENT_ARTICLE = (
    "Easton nurses warn of \u201ca long hard winter\u201d\n\n"
    "Nurses across Easton walk out today, prompting one ward sister to speak of \u201cthe worst week I can "
    "remember.\u201d\n\n"
    "Dr Mira Tallis, who leads the Easton nurses forum, said: \u201cThis is the worst week I can remember on the "
    "wards. We face a long hard winter unless ministers move.\u201d\n")


def test_an_unattributed_fragment_quoted_again_in_a_longer_attributed_quotation_takes_its_speaker():
    rows = _speakers(FRAGMENT_ARTICLE)
    assert [name for _, name in rows] == ["Mira Tallis"] * 3, rows


def test_a_fragment_two_speakers_quote_or_only_two_words_long_takes_no_speaker():
    # near misses: the words are in two people's quotations; a fragment of two words is too common to tell
    two = FRAGMENT_ARTICLE + ("Tom Verity, a porter, said: \u201cIt is the worst week I can remember, and a long "
                              "hard winter is coming.\u201d\n")
    assert _speakers(two)[:2] == [("a long hard winter", None), ("the worst week I can rem", None)]
    short = ("Nurses warn of \u201chard winter\u201d ahead\n\nDr Mira Tallis said: \u201cWe face a hard winter "
             "unless ministers move.\u201d\n")
    assert _speakers(short)[0] == ("hard winter", None)


# ---- (k) one word in marks inside what a verb of saying before it reports -----------------------------------

def test_one_word_in_marks_inside_the_clause_a_verb_of_saying_reports_is_the_speakers():
    for article, term, speaker in (
            ("Dr Mira Tallis said most nurses did not want to strike, and that patients waiting for \u201cmuch-needed"
             "\u201d care would suffer.\n", "much-needed", "Mira Tallis"),
            ("The Nurses Guild said most requests had been refused as it criticised Wessex Health Board (WHB) for "
             "leaving nurses in an \u201cimpossible\u201d position.\n", "impossible", "Nurses Guild")):
        assert _speakers(article) == [(term, speaker)], article


def test_one_word_in_marks_in_another_sentence_or_with_no_verb_of_saying_before_it_is_a_term():
    # near misses: the verb of saying ends the sentence before; no verb of saying at all
    for article in ("Dr Mira Tallis said the talks had failed. The minister\u2019s \u201cfinal\u201d offer still "
                    "stands.\n",
                    "Ministers made a \u201cfinal\u201d offer to nurses on Monday.\n"):
        assert quotes(article) == [], article


# ---- (l) a headline's one word in marks, closed by '..., says union' -------------------------------------------

def test_a_headlines_one_word_in_marks_closed_by_its_attribution_is_the_bodys_the_story_names():
    article = ("Nurses \u2018betrayed\u2019 by pay offer, says union\n\n"
               "The Easton Nurses Union said the deal was not enough.\n")
    assert _speakers(article) == [("betrayed", "Easton Nurses Union")]


def test_a_headlines_one_word_in_marks_with_no_attribution_or_in_body_copy_stays_a_term():
    # near misses: no attribution in the headline; the same shape in a paragraph of copy (a full stop ends it)
    for article in ("Nurses \u2018betrayed\u2019 by pay offer\n\nThe Easton Nurses Union said the deal was poor.\n",
                    "Nurses felt \u2018betrayed\u2019 by the pay offer last year, the union said.\n"):
        assert quotes(article) == [], article


# ---- (m) a document an appositive says people signed ---------------------------------------------------------

def test_a_document_signed_by_two_people_is_their_joint_statement():
    article = "The statement, signed by Dr Ana Ruiz and Dr Ben Cole, said: \u201cWe have no choice but to act.\u201d\n"
    row = quotes(article)[0]
    assert (row["speaker_name"], row["speaker_method"]) == ("Ana Ruiz and Ben Cole", "joint")


def test_a_document_whose_appositive_names_no_signatory_is_not_the_named_persons():
    # near miss: someone named in the appositive who did not sign or issue it
    article = "The letter, which Dr Ana Ruiz leaked, said: \u201cWe have no choice but to act.\u201d\n"
    assert quotes(article)[0]["speaker_name"] is None
