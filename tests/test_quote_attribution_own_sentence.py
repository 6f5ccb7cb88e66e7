"""Issue 8, sixth session: the quotation's own sentence as the last place to look for its speaker, and quotation
marks that real copy uses loosely (straight single marks with apostrophes about, opening marks left out).
Constructed cases with invented names in several outlets' styles; each mechanism has near misses beside it."""
from __future__ import annotations

import pytest

from tests.test_extract_quotes import quotes


def _speakers(article: str) -> list[tuple[str, str | None, str | None]]:
    return [(r["text"], r["speaker_name"], r["speaker_organisation_id"]) for r in quotes(article)]


# ---- (a) the own-sentence fallback -------------------------------------------------------------------------

@pytest.mark.parametrize("article, text, name", [
    # broadsheet: the speaker after the quotation, in an idiom with no reporting verb
    ("“We are furious and exhausted after years of cuts” was how Dr Kim Ashby put it.",
     "We are furious and exhausted after years of cuts", "Kim Ashby"),
    ("The deal is “the best we could get in the circumstances”, in the words of Dr Kim Ashby.",
     "the best we could get in the circumstances", "Kim Ashby"),
    # tabloid: a colon introduction after a verb that is not one of saying
    ("Dr Kim Ashby hit out at the plan on Tuesday: “It is a kick in the teeth for every nurse.”",
     "It is a kick in the teeth for every nurse.", "Kim Ashby"),
    ("Dr Kim Ashby is clear: “It is a kick in the teeth for every nurse.”",
     "It is a kick in the teeth for every nurse.", "Kim Ashby"),
    # trade press: verbs of thinking and stance
    ("Dr Kim Ashby made clear that the plan was “a kick in the teeth for every nurse”.",
     "a kick in the teeth for every nurse", "Kim Ashby"),
    ("Dr Kim Ashby thinks the plan is “a kick in the teeth for every nurse”.",
     "a kick in the teeth for every nurse", "Kim Ashby"),
    # press release: a body heading the sentence, a participle of saying after it
    ("The Nurses Guild today hit out at the plan, calling it “a kick in the teeth for every nurse”.",
     "a kick in the teeth for every nurse", "Nurses Guild"),
])
def test_a_quotation_no_rule_attributes_takes_the_one_name_of_its_own_sentence_with_a_cue(article, text, name):
    assert _speakers(article)[0][:2] == (text, name)


def test_listeners_outlets_and_places_after_a_preposition_or_told_are_not_the_speaker():
    # 'told the Chronicle' and 'in Easton' name no speaker: the one person left speaks
    rows = _speakers("Dr Kim Ashby thinks, she told the Chronicle in Easton, that the plan is "
                     "“a kick in the teeth for every nurse”.")
    assert rows[0][1] == "Kim Ashby"


def test_a_body_qualifying_a_person_leaves_the_person_as_the_speaker():
    rows = _speakers("The Nurses Guild's Dr Kim Ashby thinks the plan is “a kick in the teeth for every nurse”.")
    assert rows[0][1] == "Kim Ashby"


def test_two_different_names_in_the_sentence_leave_the_quotation_without_a_speaker():
    # near miss: two people could hold the view; the fallback never guesses
    rows = _speakers("Dr Kim Ashby and Tom Verity think the plan is “a kick in the teeth for every nurse”.")
    assert rows[0][1] is None


def test_according_to_names_the_speaker_among_several_names():
    rows = _speakers("Tom Verity's plan is “a kick in the teeth for every nurse”, in the words of Dr Kim Ashby.")
    assert rows[0][1] == "Kim Ashby"


def test_a_sentence_without_a_cue_gives_no_speaker_even_with_one_name():
    # near miss: 'For X, ...' says whose view it is, not who said the words
    rows = _speakers("For Dr Kim Ashby, the deal is “the best we could get in the circumstances”.")
    assert rows[0][1] is None


def test_a_colon_introduction_headed_by_a_pronoun_gives_the_pronoun_its_antecedent():
    rows = _speakers("Dr Kim Ashby has led the branch since 2019.\n\n"
                     "She hit out at the plan on Tuesday: “It is a kick in the teeth for every nurse.”")
    assert rows[0][1] == "Kim Ashby"


def test_a_short_term_before_the_cue_verb_stays_a_scare_quote():
    # near miss: the verb after the term heads a clause of its own; the term names a demand, nobody's words
    assert _speakers("The Nurses Guild is asking for “pay restoration” and argues that members earn less.") == []


def test_a_short_term_after_the_cue_verb_is_still_the_speakers_words():
    rows = _speakers("Dr Kim Ashby hit out at the plan, calling it “shameful nonsense”.")
    assert rows == [("shameful nonsense", "Kim Ashby", None)]


# ---- (b) quotation marks in real copy -----------------------------------------------------------------------

def test_a_year_cut_to_two_digits_after_a_word_opens_no_quotation():
    article = "Strikes in '23 and '24 cost the service millions, Dr Kim Ashby said."
    assert quotes(article) == []


def test_a_year_cut_to_two_digits_after_a_verb_of_saying_may_still_open_one():
    # near miss: after 'said' the mark opens speech that happens to start with a number
    rows = quotes("Dr Kim Ashby said '20 years of cuts have done this to us and it has to end.'")
    assert [r["text"] for r in rows] == ["20 years of cuts have done this to us and it has to end."]


def test_the_n_of_rock_n_roll_is_neither_an_opener_nor_a_closer():
    rows = quotes("The 'rock 'n' roll' years are over, Dr Kim Ashby said.")
    assert [r["text"] for r in rows] == ["rock 'n' roll"]


def test_apostrophes_inside_a_straight_single_quotation_do_not_cut_it():
    rows = quotes("Dr Kim Ashby said: 'The doctors' union is right and we're not going anywhere. It's time.'\n\n"
                  "'Patients' safety comes first.'")
    assert [r["text"] for r in rows] == [
        "The doctors' union is right and we're not going anywhere. It's time.", "Patients' safety comes first."]
    assert [r["continues_previous"] for r in rows] == [False, False]
    assert all(r["speaker_name"] == "Kim Ashby" for r in rows)


@pytest.mark.parametrize("article, text, name", [
    ("Dr Kim Ashby leads the branch.\n\nWe will not back down,\u201d she said.", "We will not back down,", "Kim Ashby"),
    ("Dr Kim Ashby leads the branch.\n\nWe will not back down,' said Dr Kim Ashby.", "We will not back down,",
     "Kim Ashby"),
    ("Strike latest.\n\nWe will win!\u201d the Nurses Guild said.", "We will win!", "Nurses Guild"),
    ("Strike latest.\n\nWe will win\u201d, the Nurses Guild said.", "We will win", "Nurses Guild"),
])
def test_a_quotation_whose_opening_mark_was_left_out_runs_from_its_paragraphs_start(article, text, name):
    assert _speakers(article)[0][:2] == (text, name)


@pytest.mark.parametrize("article", [
    "Dr Kim Ashby leads the branch.\n\nThe doctors\u2019 pay, she said, is too low.",
    "Dr Kim Ashby leads the branch.\n\nThe nurses', she said, were angry.",
    "Dr Kim Ashby leads the branch.\n\nWe will not back down,\u201d and the strike went on.",
    "Dr Kim Ashby leads the branch.\n\nscreens of 6\", she said, were sold.",
])
def test_apostrophes_and_closers_without_speech_punctuation_or_attribution_open_nothing(article):
    assert quotes(article) == []


def test_a_paragraph_left_unopened_after_an_open_quotation_goes_on_with_it():
    rows = quotes("Dr Kim Ashby said: \u201cWe are going.\n\nWe will not back down,\u201d she added.")
    assert [(r["text"], r["continues_previous"], r["speaker_name"]) for r in rows] == [
        ("We are going.", False, "Kim Ashby"), ("We will not back down,", True, "Kim Ashby")]


# ---- a participle describing a noun is no verb with a speaker ----------------------------------------------

@pytest.mark.parametrize("article", [
    "Dr Kim Ashby said in a video posted on social media: “We are exhausted.”",
    "Dr Kim Ashby said on a page written for members: “We are exhausted.”",
])
def test_a_participle_after_a_noun_after_a_preposition_leaves_the_speaker_of_the_main_verb(article):
    assert _speakers(article)[0][1] == "Kim Ashby"


def test_a_body_heading_its_own_verb_of_saying_before_the_colon_still_speaks():
    # near miss: 'the Nurses Guild posted' has a name, not a common noun after a preposition, before the verb
    rows = _speakers("Dr Kim Ashby said the Nurses Guild posted: “We are exhausted.”")
    assert rows[0][2] == "nurses-guild"


# ---- short terms: words someone said, or a term in a noun phrase -------------------------------------------

def test_a_short_term_in_a_relative_clause_with_a_verb_of_saying_is_the_subjects_words():
    rows = _speakers("Dr Kim Ashby, who says she is “exhausted”, joined the picket.")
    assert rows == [("exhausted", "Kim Ashby", None)]


def test_a_short_term_before_an_attribution_closing_the_sentence_is_that_speakers():
    rows = _speakers("Dr Kim Ashby, 29, was left 'heartbroken' by the decision, she told the Chronicle.")
    assert rows == [("heartbroken", "Kim Ashby", None)]


def test_a_short_term_right_after_an_article_or_before_a_noun_is_part_of_a_noun_phrase():
    # near misses of the fallback: no cue reaches a term inside a noun phrase
    from scripts.extract import quotes as module
    from tests.test_extract_quotes import LEXICON
    for article in ("Talks went on all day, a ‘disappointed’ Kim Ashby told the Chronicle.",
                    "Junior doctors in Easton, now ‘resident’ doctors, told the Chronicle they would strike."):
        parsed = module._Article(article, "s", LEXICON)
        quote = parsed.quotes[0]
        assert parsed._own_sentence(quote) is None, article


def test_a_naming_verb_right_before_a_short_term_is_no_cue_but_one_with_an_object_between_is():
    from scripts.extract import quotes as module
    from tests.test_extract_quotes import LEXICON
    named = module._Article("Kim Ashby’s doctors, now called ‘resident’ by all, walked out.", "s", LEXICON)
    assert named._own_sentence(named.quotes[0]) is None
    assert _speakers("Dr Kim Ashby hit out at the plan, calling it “shameful nonsense”.")[0][1] == "Kim Ashby"


# ---- descriptions that nobody before them fits: the person or body introduced just after --------------------

@pytest.mark.parametrize("article", [
    "Doctors to strike\n\nThe health secretary said: “The door is open.”\n\n"
    "Tom Verity, the health secretary, met the union on Monday.",
    "Doctors to strike\n\n“The door is open,” the health secretary said.\n\n"
    "Health secretary Tom Verity met the union on Monday.",
])
def test_a_role_nobody_held_before_goes_to_the_one_person_given_it_just_after(article):
    assert _speakers(article)[0][1] == "Tom Verity"


def test_a_role_two_people_are_given_just_after_stays_unresolved():
    article = ("Doctors to strike\n\n“The door is open,” the health secretary said.\n\n"
               "Tom Verity, health secretary, and Ann Lowe, health secretary, met on Monday.")
    assert _speakers(article)[0][1] is None


def test_an_occupation_goes_to_the_person_heading_the_next_sentence_when_nobody_was_named_before():
    article = ("Doctors to strike\n\n“We have had enough,” the consultant said. "
               "Dr Kim Ashby, 45, has worked in Easton for 20 years.")
    assert _speakers(article)[0][1] == "Kim Ashby"


@pytest.mark.parametrize("article", [
    # the next sentence names two people, or its person speaks there, or an office is not an occupation
    "Doctors to strike\n\n“We have had enough,” the consultant said. Dr Kim Ashby and Tom Verity work in Easton.",
    "Doctors to strike\n\n“We have had enough,” the consultant said. Dr Kim Ashby said the rota was full.",
    "Doctors to strike\n\n“We have had enough,” the minister said. Dr Kim Ashby has worked in Easton for 20 years.",
])
def test_an_occupation_is_not_given_to_a_person_the_next_sentence_does_not_introduce_alone(article):
    assert _speakers(article)[0][1] is None


def test_a_collective_description_nobody_before_fits_goes_to_the_one_body_with_that_head_named_just_after():
    article = ("Doctors to strike\n\nThe union said: “We have no choice but to walk out again.”\n\n"
               "The Easton Doctors Union represents 4,000 medics.")
    assert _speakers(article)[0][1] == "Easton Doctors Union"


def test_a_collective_description_with_two_bodies_of_that_head_after_it_stays_unresolved():
    article = ("Doctors to strike\n\nThe union said: “We have no choice but to walk out again.”\n\n"
               "The Easton Doctors Union and the Westby Nurses Union represent 4,000 staff.")
    assert _speakers(article)[0][1] is None


# ---- short terms in a list share the list's speaker --------------------------------------------------------

@pytest.mark.parametrize("article, texts", [
    ("The offer was “derisory” and “insulting”, Dr Kim Ashby said.", ["derisory", "insulting"]),
    ("Dr Kim Ashby called the offer “derisory”, “insulting” and “shameful”.", ["derisory", "insulting", "shameful"]),
])
def test_every_short_term_of_a_list_is_the_speakers(article, texts):
    assert _speakers(article) == [(t, "Kim Ashby", None) for t in texts]


def test_a_short_term_inside_a_noun_phrase_is_not_given_the_closing_attributions_speaker():
    # near miss of the list rule: 'the “final” offer' is a term inside a noun phrase, not a word of the speaker's
    assert _speakers("Ministers made the “final” offer, Dr Kim Ashby said.") == []


# ---- straight single marks around speech that starts or ends with a sign -----------------------------------

@pytest.mark.parametrize("article, text", [
    ("Dr Kim Ashby said: '£5bn is not enough for the service.'", "£5bn is not enough for the service."),
    ("Dr Kim Ashby said: \u2018\u00a35bn is not enough for the service.\u2019", "£5bn is not enough for the service."),
    ("Dr Kim Ashby said: '...and that is why we strike.'", "...and that is why we strike."),
    ("Dr Kim Ashby said: '\u2026and that is why we strike.'", "\u2026and that is why we strike."),
    ("Dr Kim Ashby said: 'Pay has fallen by 26%' and walked off.", "Pay has fallen by 26%"),
])
def test_single_marks_open_before_a_currency_sign_or_an_ellipsis_and_close_after_a_per_cent_sign(article, text):
    assert _speakers(article) == [(text, "Kim Ashby", None)]


@pytest.mark.parametrize("article", [
    "The 1990s' reforms cost £5bn, the Chronicle reported.",   # a plural possessive before a currency sign
    "Ticket prices rose 5%' the Chronicle reported.",           # a closer with no opener before it
])
def test_apostrophes_beside_signs_still_open_no_quotation(article):
    assert quotes(article) == []


# ---- guillemets --------------------------------------------------------------------------------------------

def test_guillemets_quote_like_curly_double_marks_with_their_attributions():
    article = ("Dr Kim Ashby, chair of the Easton committee, said: «We are shocked by the offer.» "
               "She added: «We will not sit idle.»\n\nTom Verity expressed disappointment, calling the strike "
               "«in no-one's interest, least of all patients».")
    assert _speakers(article) == [("We are shocked by the offer.", "Kim Ashby", None),
                                  ("We will not sit idle.", "Kim Ashby", None),
                                  ("in no-one's interest, least of all patients", "Tom Verity", None)]


def test_guillemets_with_inner_spaces_and_a_stray_closing_one_open_nothing_more():
    assert [r["text"] for r in quotes("Dr Kim Ashby said: « We are shocked by the offer. »")] == [
        "We are shocked by the offer."]
    assert quotes("Prices rose» and fell.") == []


def test_a_closing_guillemet_between_a_sites_sections_opens_nothing():
    assert quotes("Read more on the website: Health News » Potential strike action in the service\n\nMore.") == []


# ---- the name heading the clause, past a long appositive ----------------------------------------------------

@pytest.mark.parametrize("article, name", [
    # local paper: the appositive lacks its closing comma and ends in a place
    ("Ann Lowe, chief operating officer for the service in the west of Easton said: “We are ready.”", "Ann Lowe"),
    # trust press release: commas inside the job title
    ("Ann Lowe, Director of Care, Partnerships and Resilience at Easton General Trust, said: “We are ready.”",
     "Ann Lowe"),
    ("Ann Lowe, Executive Director of Integrated Care, Planning and Resilience at Easton General Trust, said: "
     "“We are ready.”", "Ann Lowe"),
    # a fronted phrase before the name
    ("In a message to patients, Dr Ann Lowe, medical director for Easton, Westby and Northtown Care Board "
     "said: “We are ready.”", "Ann Lowe"),
    # a body with a relative clause that lacks its closing comma
    ("Easton General Trust, which also runs Westby Community Hospital added: “We are ready.”",
     "Easton General Trust"),
])
def test_the_name_heading_the_clause_speaks_past_its_appositive(article, name):
    assert _speakers(article)[0][1] == name


@pytest.mark.parametrize("article", [
    # another person named in between, or another verb of saying between the name and the verb
    "Ann Lowe, who met Tom Verity on Monday, and Dr Kim Ashby said: “We are ready.”",
    "Ann Lowe, the chair, told members that the Nurses Guild said: “We are ready.”",
    # a body's appositive that is a list, not a relative clause
    "Easton General Trust, Westby Trust and the Nurses Guild said: “We are ready.”",
])
def test_the_heading_name_gives_way_to_another_person_or_verb_between(article):
    assert _speakers(article)[0][1] not in ("Ann Lowe", "Easton General Trust")


# ---- an acronym defined in square brackets -----------------------------------------------------------------

def test_a_body_with_its_acronym_in_square_brackets_heads_its_verb_of_saying():
    rows = _speakers("The Nurses Guild [NG] said health minister Tom Verity had not put forward one “credible offer”.")
    assert rows == [("credible offer", "Nurses Guild", "nurses-guild")]


def test_a_lower_case_aside_in_square_brackets_is_no_part_of_a_name():
    # near miss: '[sic]' is an editor's aside, not an acronym
    rows = _speakers("Dr Kim Ashby said the offer [sic] was “nowhere near enough for anyone”.")
    assert rows[0][1] == "Kim Ashby"


# ---- an owner before a person's name -----------------------------------------------------------------------

def test_a_bodys_possessive_before_a_persons_name_is_no_part_of_the_speakers_name():
    rows = _speakers("'Doctors Are Right To Be Angry,' Valeside's Ann Lowe Says\n\nThe shadow minister spoke on radio.")
    assert rows[0][1] == "Ann Lowe"


def test_a_possessive_name_of_two_words_alone_keeps_its_words():
    # near miss: 'Ann Lowe's' is the person herself (the possessive is dropped, the name kept)
    from scripts.extract.quotes import _name_words
    assert _name_words("Ann Lowe's") == "Ann Lowe"
    assert _name_words("Vale Party's Ann Lowe") == "Ann Lowe"


def test_a_collective_description_goes_to_the_one_body_with_its_head_named_further_down():
    article = ("Easton Hospital\n\nThe trust, which runs Easton Hospital, said: “Our doors stay open.”\n\n"
               "Doctors walk out at 7am.\n\nPatients should attend as normal.\n\n"
               "Easton and Westby NHS Foundation Trust added: “Please attend your appointment.”")
    assert [r[1] for r in _speakers(article)] == ["Easton and Westby NHS Foundation Trust"] * 2


# ---- a social-media handle ---------------------------------------------------------------------------------

def test_a_handle_spelling_a_named_persons_name_is_that_person():
    article = ("Dr Kim Ashby spoke on Monday.\n\n"
               "Nurses' leader @kimashby says she doesn't back the strike but feels it is a 'fair argument' on pay.")
    assert _speakers(article)[0][1] == "Kim Ashby"


def test_a_handle_that_spells_nobody_or_two_people_names_nobody():
    assert _speakers("Dr Kim Ashby spoke.\n\nNurses' leader @eastonnurses says it is a 'fair argument' on pay.")[0][1] \
        is None
    from scripts.extract import quotes as module
    from tests.test_extract_quotes import LEXICON
    article = module._Article("Kim Ashby and Kim Ashbyton spoke.", "s", LEXICON)
    speaker = module._Speaker("@kimashbyton", None, None, "unresolved", "unknown", None, "unresolved")
    assert article._handle_owner(speaker) is None  # both names begin the handle


# ---- words quoted in a headline ----------------------------------------------------------------------------

@pytest.mark.parametrize("article, text", [
    ("Easton health services face 'significant disruption'\n\nDoctors walk out today.", "significant disruption"),
    ("Menu\n\n12 May 2024\n\n\u2018Major disruption\u2019 expected as consultants strike\n\nBody text.",
     "Major disruption"),
])
def test_words_in_marks_in_a_headline_are_someones_words(article, text):
    assert [r["text"] for r in quotes(article)] == [text]


@pytest.mark.parametrize("article", [
    "Doctors praise 'Christmas Day' cover\n\nBody text.",                       # title case: a name
    "Easton services face 'significant disruption'. Doctors walk out today.",  # a sentence, not a headline
    "Easton services face 'disruption'\n\nDoctors walk out today.",            # one word in a headline
])
def test_a_title_a_sentence_or_one_word_is_not_taken_as_headline_words(article):
    assert quotes(article) == []
