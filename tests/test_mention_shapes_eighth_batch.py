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
    "It might have been a fine week for {w} to talk about waiting lists.",  # before 'to' and a verb
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


# --- a wire story opened by its agency in brackets, with no place before it (mentions._WIRE_OPENING) ---------------

def test_an_agency_in_brackets_opening_a_paragraph_before_a_dash_is_the_agency_and_so_is_its_word_in_capitals():
    text = ("Doctors to strike again - WIREXA\n\n(Wirexa) -- Junior doctors in Vexby will strike for three days, "
            "the union said.")
    assert organisations(text) == [("WIREXA", None), ("Wirexa", None)]


@pytest.mark.parametrize("text", [
    "(Updated) -- Junior doctors in Vexby will strike for three days.",  # a label, not an agency
    "(Monday) - Junior doctors in Vexby will strike for three days.",  # a weekday
    "Talks broke down (Wirexa) - and doctors will strike for three days.",  # not opening the paragraph
    "(Wirexa) Junior doctors in Vexby will strike for three days.",  # no dash after the brackets
])
def test_words_in_brackets_that_open_no_wire_story_are_no_agency(text):
    assert ("Wirexa", None) not in organisations(text) and ("Updated", None) not in organisations(text) \
        and ("Monday", None) not in organisations(text)


# --- every name of a picture's credit after the photographer (mentions._credited_agencies) -------------------------

def test_each_name_set_apart_by_a_slash_or_via_in_a_credit_is_an_agency():
    text = "Nurses marched on Monday.\n\nPhoto by Jo Quillan/Marl Images/Vexpix via Tillby Images\n\nTalks resume today."
    assert ("Vexpix", None) in organisations(text)
    assert ("Jo Quillan", None) not in organisations(text)


def test_a_slash_in_a_credit_that_runs_on_into_prose_marks_no_agency():
    text = "Photo by Jo Quillan/Vexpix shows nurses who walked out over pay on Monday morning"
    assert ("Vexpix", None) not in organisations(text)


# --- a curated body's name written with the other of 'of' and 'for' (names._curated_organisation_named) ------------

NAMED = Lexicon.from_rows([organisation("dvc", "DVC")], [], [], (),
                          [{"organisation_id": "dvc", "name": "Department of Vexby Care"},
                           {"organisation_id": "cfm", "name": "Council for Marl"}])


@pytest.mark.parametrize("text, name, organisation_id", [
    ("Talks with the Department for Vexby Care broke down on Monday.", "Department for Vexby Care", "dvc"),
    ("A letter from the Council of Marl arrived on Friday.", "Council of Marl", "cfm"),
    ("Talks with the Department of Vexby Care broke down on Monday.", "Department of Vexby Care", "dvc"),
])
def test_a_curated_name_written_with_of_for_for_or_for_for_of_is_that_body(text, name, organisation_id):
    assert (name, organisation_id) in organisations(text, NAMED)


@pytest.mark.parametrize("text, name", [
    ("Talks with the Department for Vexby Schools broke down on Monday.", "Department for Vexby Schools"),
    ("Talks with the Department of Vexby broke down on Monday.", "Department of Vexby"),  # a shorter name
])
def test_a_name_that_differs_from_a_curated_one_by_more_than_its_connector_stays_a_candidate(text, name):
    assert (name, None) in organisations(text, NAMED)


# --- capitalised common words in a house style are no person (names._written_in_lower_case, _THING_WORDS) ----------

@pytest.mark.parametrize("text", [
    "Doctors will be taking Industrial Action from Monday. Staff back industrial action, the board said.",
    "During the Industrial Action, clinics will close. The industrial action ends on Friday.",
    "Patients should use Emergency and Assessment Units, during the walkout, the board said.",
])
def test_a_capitalised_pair_the_text_also_writes_in_lower_case_or_a_plural_thing_is_no_person(text):
    assert people(text) == []


@pytest.mark.parametrize("text, name", [
    ("It is not for Mira Tallis to decide, nurses said.", "Mira Tallis"),  # no lower-case 'mira tallis'
    ("Staff backed Rose Marl in the vote, and a rose grew by the marl pit.", "Rose Marl"),  # the words apart only
])
def test_a_pair_never_written_in_lower_case_as_one_phrase_stays_a_person(text, name):
    assert people(text) == [name]


# --- a plural's letters in brackets define a kind of thing (mentions._shaped_names) --------------------------------

def test_capitalised_words_before_a_plurals_letters_in_brackets_are_no_body():
    assert organisations("Funding for new Vexby Merit Awards (VMAs) will move into basic pay.") == []


def test_capitalised_words_before_one_bodys_letters_in_brackets_stay_a_body():
    assert ("Vexby Merit Panel", None) in organisations("The Vexby Merit Panel (VMP) will review pay.")


# --- two nations listed by a slash after a curated body qualify what follows (mentions._branches) ------------------

def test_two_nations_joined_by_a_slash_after_a_curated_body_make_no_branch():
    nations = sorted(w for w in NAME_WORDS.nations if w[1:].islower())
    first, second = next((a, b) for a in nations for b in nations
                         if a != b and f"{a} {b}" not in NAME_WORDS.branches)
    assert organisations(f"Nothing of it was in the KDA {first}/{second} reports on Monday.") == [("KDA", "kda")]


def test_a_nation_after_a_curated_body_with_no_slash_still_makes_its_branch():
    nation = sorted(w for w in NAME_WORDS.nations if w[1:].islower() and w in NAME_WORDS.branches)[0]
    assert organisations(f"Nothing of it was in the KDA {nation} reports on Monday.") == [(f"KDA {nation}", None)]


# --- a land's name after a head word belongs to the name, as a nation's does (mentions._phrase_candidate) ----------

def test_a_lands_name_after_a_head_word_ends_the_name():
    land = sorted(NAME_WORDS.regions)[0]
    assert (f"Vexby Healthcare {land}", None) in organisations(f"Nurses wrote to Vexby Healthcare {land} on Monday.")


def test_a_lands_name_after_a_word_that_is_no_head_stays_out_of_the_name():
    land = sorted(NAME_WORDS.regions)[0]
    assert (f"Vexby Quillpharm {land}", None) not in organisations(f"Nurses wrote to Vexby Quillpharm {land} on Monday.")


# --- what only a body does or has, in the orders the older cues did not read (mentions._bodies_by_context) ---------

@pytest.mark.parametrize("text, body", [
    ("In a statement, Quorvex said talks had failed.", "Quorvex"),  # the statement cue opening the sentence
    ("In its letter, the Quorvex Trust warned of delays.", "Quorvex Trust"),
    ("Quorvex's chief executive said talks had failed.", "Quorvex"),  # a role only a body has, owned
    ("Quorvex's general secretary wrote to ministers.", "Quorvex"),
    ("The strike was backed by Quorvex members on Monday.", "Quorvex"),  # one word before 'members' mid-sentence
    ("Jo Bell, the Quorvex chair, said talks had failed.", "Quorvex"),  # a body's role in an appositive
    ("Jo Bell, Quorvex chief executive, said talks had failed.", "Quorvex"),
    ("Jo Bell, Vexby Health chief executive, told the meeting it was over.", "Vexby Health"),
])
def test_a_name_beside_what_only_a_body_does_or_has_is_a_body(text, body):
    assert (body, None) in organisations(text)


@pytest.mark.parametrize("text, word", [
    ("In a statement, Jo Bell said talks had failed.", "Jo Bell"),  # a pair that may be a person's name
    ("In a statement, Bell said talks had failed. Jo Bell chairs the board.", "Bell"),  # a surname in the text
    ("Quorvex members voted to strike.", "Quorvex"),  # a sentence's first word may be a common noun
    ("Members of parliament and Quorvex members of staff met.", "Quorvex"),  # 'members of'
    ("Bell's chief executive role ended. Jo Bell left.", "Bell"),  # a surname owning the role
    ("Jo Bell, Quorvex chair maker, spoke.", "Quorvex"),  # the role word does not close the appositive
])
def test_a_name_beside_those_cues_that_may_be_a_person_or_a_common_word_is_no_body(text, word):
    assert (word, None) not in organisations(text)


# --- 'the government' of an article that names one devolved government only (mentions._the_government_of_...) -----

GOVERNMENT = Lexicon.from_rows([organisation("central", "the government", False)], [], [], (),
                               [{"organisation_id": "central", "name": "Vexland Government"}])


def _devolved_adjectives() -> list[str]:
    """The branch adjectives of the vocabulary file (no nation's name), so that no place is named here."""
    return sorted(b for b in NAME_WORDS.branches if b.split()[-1] not in NAME_WORDS.nations)


def _government_rows(text):
    return [(r["text"], r["organisation_id"], r["normalised_name"])
            for r in extract_mentions(text, "test-source", GOVERNMENT) if r["entity_kind"] == "organisation"]


def test_the_government_of_an_article_naming_one_devolved_government_only_is_that_government():
    adjective = _devolved_adjectives()[0]
    rows = _government_rows(f"Doctors said the government had not moved. The {adjective} Government said talks "
                            "would go on. The government said it was disappointed.")
    assert rows == [("the government", None, f"{adjective} Government"),
                    (f"{adjective} Government", None, f"{adjective} Government"),
                    ("The government", None, f"{adjective} Government")]


@pytest.mark.parametrize("other", ["Vexland government", "{second} Government"])
def test_the_government_stays_the_curated_one_where_another_government_is_named_too(other):
    first, second = _devolved_adjectives()[:2]
    rows = _government_rows(f"The {first} Government and the {other.format(second=second)} met. "
                            "The government said it was disappointed.")
    assert ("The government", "central", "Vexland Government") in rows


def test_the_government_stays_the_curated_one_where_no_devolved_government_is_named():
    assert _government_rows("The government said it was disappointed.") == \
        [("The government", "central", "Vexland Government")]


# --- a name written as a web domain with a capital (mentions._DOMAIN_NAME) -------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Thousands of operations were cancelled (Wirexa.com)\n\nThe ballot closed.", "Wirexa.com"),
    ("Figures given to Vexby-Live.co.uk show waits grew.", "Vexby-Live.co.uk"),
])
def test_a_capitalised_web_domain_is_a_website(text, name):
    assert (name, None) in organisations(text)


@pytest.mark.parametrize("text", [
    "Write to press@Wirexa.com for details.",  # an e-mail address
    "See https://www.Wirexa.com/news for details.",  # inside an address
    "See vexby.gov.uk or wirexa.com for details.",  # lower case: an address, not a name
])
def test_a_domain_inside_an_address_or_in_lower_case_is_no_name(text):
    assert not any(".com" in name or ".uk" in name for name, _ in organisations(text))
