"""People and organisations named by their shape in prose, with no title or role beside them (issue 8): constructed
sentences with invented names."""
from __future__ import annotations

import pytest

from scripts.extract.mentions import extract_mentions
from tests.test_extract_mentions import LEXICON


def people_found(text):
    return [r["text"] for r in extract_mentions(text, "test-source", LEXICON)
            if r["entity_kind"] == "person" and r["resolution"] == "unresolved_candidate"]


def organisations_found(text):
    return [r["text"] for r in extract_mentions(text, "test-source", LEXICON)
            if r["entity_kind"] == "organisation" and r["resolution"] == "unresolved_candidate"]


# --- people named bare inside a sentence ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "It is not for Mira Tallis to decide, the union said.",
    "The committee wrote to Mira Tallis last week.",
    "Campaigners urged Mira Tallis to act.",
    "According to Mira Tallis, the talks failed.",
    "“As [Mira Tallis] made clear, we are ready,” the statement read.",
    "The deal was welcomed by Mira Tallis, who chairs the panel.",
    "It came under the leadership of Mira Tallis, the union said.",
])
def test_a_capitalised_pair_inside_a_sentence_is_a_person_named_bare(text):
    assert people_found(text) == ["Mira Tallis"]


def test_each_name_of_a_list_inside_a_sentence_is_a_person():
    assert people_found("The letter was signed by Mira Tallis, Otto Brenn and Ida Quist.") == [
        "Mira Tallis", "Otto Brenn", "Ida Quist"]


@pytest.mark.parametrize("text", [
    "Mira Tallis, 34, said the wards were empty.",
    "Mira Tallis, aged 34, said the wards were empty.",
    "Mira Tallis MP said the wards were empty.",
    "Mira Tallis, who has worked in Hull for a decade, was not surprised.",
])
def test_an_age_who_or_a_members_letters_after_a_sentence_opening_pair_make_it_a_person(text):
    assert people_found(text) == ["Mira Tallis"]


def test_a_sentence_opening_pair_whose_surname_is_used_again_alone_is_a_person():
    text = "Ministers were pleased. Mira Tallis pushed for the deal last year. The offer builds on Tallis's deal."
    assert people_found(text) == ["Mira Tallis", "Tallis"]


@pytest.mark.parametrize("text", [
    "Hull Valley is a lovely place to train.",                      # a sentence's opening: any noun phrase
    "Doctors trained in Hull Valley were pleased.",                 # after 'in': a place
    "Staff moved to Australia and New Zealand for better pay.",     # a place's opening word
    "The cuts came in the Spring Budget, the union said.",          # after 'the'
    "The plan was in the chancellor's Autumn Statement, it said.",  # a word that ends the names of things
    "Members back Plaid Cymru, the party said.",                    # a nation's word
    "The charity Hope Lane said it was ready.",                     # after a kind of body
    "Contact us Shop Subscribe Support us",                         # a line without prose punctuation
    "Mira Tallis\nDoctors will strike on Monday.",
])
def test_capitalised_pairs_that_are_places_things_or_bodies_are_no_person(text):
    assert people_found(text) == []


def test_a_sentence_opening_pair_whose_last_word_recurs_only_as_a_place_is_no_person():
    text = "Vexby Dale hospitals are busy. Wards across Vexby Dale closed. Trains to Dale ran late."
    assert people_found(text) == []


# --- bodies named by a word of curated/vocabulary/name_words.csv (kind organisation) -----------------------------

def _organisation_word(guess: str) -> str:
    from scripts.extract.lexicon import NAME_WORDS
    return min(w for w in NAME_WORDS.organisations if NAME_WORDS.guesses.get(w.lower()) == guess)


@pytest.mark.parametrize("guess", ["legislature", "platform"])
def test_an_organisation_word_is_a_mention_wherever_it_stands(guess):
    word = _organisation_word(guess)
    for text in (f"Speaking in the {word} on Tuesday, she urged talks.", f"Find us on {word}: or call us.",
                 f"{word} said so."):
        assert organisations_found(text) == [word], text


def test_an_organisation_word_with_a_nation_word_after_it_is_one_name():
    word = _organisation_word("legislature")
    assert organisations_found(f"Members of {word} Cymru voted.") == [f"{word} Cymru"]


def test_an_organisation_word_in_a_capitalised_pair_keeps_the_pair_from_being_a_person():
    word = _organisation_word("platform")
    assert people_found(f"It was shared on the Hull {word} page, the union said.") == []


def _party_word() -> str:
    from scripts.extract.lexicon import NAME_WORDS
    return min(w for w in NAME_WORDS.not_person if not w.endswith("s"))


@pytest.mark.parametrize("modal", ["should", "must", "will", "has", "was"])
def test_a_partys_word_mid_sentence_before_a_modal_verb_is_the_party(modal):
    word = _party_word()
    assert organisations_found(f"The minister claimed that {word} {modal} condemn the strike.") == [word]


def test_a_partys_word_opening_a_sentence_before_a_modal_verb_is_left_alone():
    word = _party_word()
    assert organisations_found(f"{word} should be valued, the minister said.") == []


# --- bodies named by the role that points at them ---------------------------------------------------------------

@pytest.mark.parametrize("text, body", [
    ("A spokesperson for Vexby Health said the service was safe.", "Vexby Health"),
    ("A Vexby Health spokesperson said the service was safe.", "Vexby Health"),
    ("Mira Tallis, chief executive of Vexby Health, said so.", "Vexby Health"),
    ("Members of Quorncare voted to strike.", "Quorncare"),
    ("She is a member of Quorncare, it said.", "Quorncare"),
    ("Vexby Health’s chief executive Otto Brenn said so.", "Vexby Health"),
    ("Ida Quist, a consultant at QRX Vexby, said so.", "QRX Vexby"),
])
def test_a_name_a_role_points_at_is_a_body(text, body):
    assert organisations_found(text) == [body]


@pytest.mark.parametrize("text", [
    "A spokesperson for Mira Tallis said she was busy.",   # a spokesperson may speak for a person
    "Otto Brenn’s chief of staff said so.",                # a pair owning a role may be a person
    "A spokesperson for the Government said so.",          # a lone head word
    "She was chair of the Trust until May.",
    "She wrote to members of Parliament.",
    "He is chief executive of Scotland's biggest board.",  # a nation alone
])
def test_a_role_pointing_at_a_person_a_lone_head_word_or_a_nation_gives_no_body(text):
    assert organisations_found(text) == []


def test_a_name_cut_short_by_of_after_a_role_is_left_to_the_phrase_rule():
    assert organisations_found("Ida Quist, chair of the Royal College of Quacks Wales, spoke.") == [
        "Royal College of Quacks Wales"]


# --- surnames joined by a hyphen ----------------------------------------------------------------------------------

def test_two_known_surnames_joined_by_a_hyphen_are_two_people():
    text = "The union wrote to Mira Tallis and to Otto Brenn. Nobody mentioned the Tallis-Brenn row’s cost."
    assert people_found(text) == ["Mira Tallis", "Otto Brenn", "Tallis", "Brenn"]


def test_a_double_barrelled_surname_with_one_known_half_stays_one_name():
    text = "The union wrote to Otto Brenn. It also wrote to Ida Quist-Brenn on Monday."
    assert people_found(text) == ["Otto Brenn", "Ida Quist-Brenn"]


# --- a place before a body's initials ------------------------------------------------------------------------------

def test_a_place_word_before_initials_mid_sentence_belongs_to_the_name():
    assert organisations_found("Operations were postponed at Vexby QRH on Monday.") == ["Vexby QRH"]


@pytest.mark.parametrize("text", ["Vexby QRH postponed operations.",          # the place opens the sentence
                                  "Operations at the Welsh QRH were postponed.",  # a nationality
                                  "The strike hit hospitals, Monday QRH said."])  # a word that opens sentences
def test_initials_keep_to_themselves_after_an_opening_word_or_a_nationality(text):
    assert organisations_found(text) == ["QRH"]


# --- words in capitals ---------------------------------------------------------------------------------------------

def test_a_paragraph_opened_by_a_word_in_capitals_also_written_in_lower_case_is_no_body():
    text = "Strike called\nSTAFFING levels fell again, and staffing is the issue."
    assert organisations_found(text) == []


def test_initials_opening_a_paragraph_stay_a_body():
    assert organisations_found("Strike called\nQRXW members voted to strike.") == ["QRXW"]


def test_a_name_in_capitals_after_a_dash_at_a_captions_end_is_a_photographer():
    text = "Doctors on the picket line in Hull - IDA O'QUIST\n\nThe strike began at 7am."
    assert people_found(text) == ["IDA O'QUIST"]


@pytest.mark.parametrize("credit", ["WIRE IMAGES", "PA", "QRX NEWS"])
def test_an_agency_in_capitals_at_a_captions_end_is_no_photographer(credit):
    assert people_found(f"Doctors on the picket line - {credit}\n\nThe strike began.") == []


# --- a kind word after a comma that gives no kind -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The minister invited Otto Brenn, the union’s general secretary, to talks.",
    "Schools in Vexby Dale, a top union boss has said, will close.",
    "Talks are over for Otto Brenn, the union said.",
])
def test_a_kind_word_that_qualifies_what_follows_it_makes_no_body(text):
    assert organisations_found(text) == []


def test_a_kind_word_that_names_what_the_name_is_still_makes_a_body():
    assert organisations_found("Hope Lane Fellows, a charity, said so.") == ["Hope Lane Fellows"]


@pytest.mark.parametrize("text, body", [
    ("Strikes are planned by Quorncare union members.", "Quorncare"),
    ("She joined the Hope Lane charity in 2019.", "Hope Lane"),
])
def test_a_name_before_a_lower_case_kind_of_body_is_that_body(text, body):
    assert organisations_found(text) == [body]


@pytest.mark.parametrize("text", ["Unions say the Welsh union members voted.",   # a nationality
                                  "Quorncare union members voted.",              # at a sentence's start
                                  "It is the Trust charity arm."])               # a lone head word
def test_a_nationality_a_sentence_opening_or_a_head_word_before_a_kind_is_no_body(text):
    assert organisations_found(text) == []
