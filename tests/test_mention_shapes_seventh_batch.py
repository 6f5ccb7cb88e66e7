"""Shapes of organisation and person mentions read in the real-text set's seventh batch (issue 8). Every case is
constructed: invented names and bodies, sentences written here, and near-misses each rule must not fire on."""
from __future__ import annotations

import pytest

from scripts.extract.lexicon import Lexicon
from scripts.extract.mentions import extract_mentions


def organisation(organisation_id, alias, case_sensitive=True):
    return {"organisation_id": organisation_id, "alias": alias, "case_sensitive": str(case_sensitive).lower()}


LEXICON = Lexicon.from_rows(
    [organisation("kda", "KDA"), organisation("kda", "Kestrel Doctors' Association", False),
     organisation("kdna", "KDNA"), organisation("kdna", "Kestrel Doctors and Nurses Association", False),
     organisation("khs", "KHS"), organisation("khs", "Kestrel Health Service", False)],
    [], [])


def organisations(text):
    return [(r["text"], r["organisation_id"]) for r in extract_mentions(text, "test-source", LEXICON)
            if r["entity_kind"] == "organisation"]


def people(text):
    return [r["text"] for r in extract_mentions(text, "test-source", LEXICON) if r["entity_kind"] == "person"]


# --- a curated body's acronym in brackets after a form of its name nobody curated ------------------------------

@pytest.mark.parametrize("text, name", [
    ("Kestrel Doctors and Nurses Assoc (KDNA) has announced a ballot of its members.",
     "Kestrel Doctors and Nurses Assoc"),
    ("A ballot run by Kestrel Doctors & Nurses Assn (KDNA) closed on Monday.", "Kestrel Doctors & Nurses Assn"),
    ("A statement from Kestrel Health Services (KHS) said clinics would stay open.", "Kestrel Health Services"),
])
def test_a_name_before_a_curated_acronym_in_brackets_whose_initials_it_has_resolves_to_that_body(text, name):
    assert (name, "kdna" if "KDNA" in text else "khs") in organisations(text)


@pytest.mark.parametrize("text, name", [
    ("The Marl Junior Doctors Committee (KDA) said talks had stalled.", "Marl Junior Doctors Committee"),
    ("Vexby Health Trust (KHS) staff were told to expect delays.", "Vexby Health Trust"),
])
def test_a_name_whose_initials_are_not_the_curated_acronym_after_it_stays_a_candidate(text, name):
    assert (name, None) in organisations(text)


# --- a land's possessive before a body's name is no word of the name ------------------------------------------

def test_a_lands_possessive_before_a_curated_name_leaves_the_curated_name():
    found = organisations("Crowds marched in support of Britain's Kestrel Health Service (KHS) on Sunday.")
    assert ("Kestrel Health Service", "khs") in found
    assert not any(name.startswith("Britain") for name, _ in found)


def test_a_lands_possessive_is_cut_from_a_candidate_too():
    assert ("Quill Valley Ambulance Trust", None) in organisations(
        "Patients praised England's Quill Valley Ambulance Trust for its work.")


def test_a_possessive_that_is_no_land_stays_in_the_name():
    assert ("Queen's Vexby Hospital Trust", None) in organisations("Nurses at Queen's Vexby Hospital Trust voted.")


# --- picture credits: a one-word source opening in lower case, credits written with 'by', slash lists -----------

@pytest.mark.parametrize("text, sources", [
    ("Nurses on a picket line in Vexby. Photo: vexStock\n\nThe strike began on Monday.", ["vexStock"]),
    ("Patients were asked to keep their appointments - pic by Quillpix / Marlshots\nThe practice stayed open.",
     ["Quillpix", "Marlshots"]),
    ("A ward at Vexby General. Picture by Lensworth\n\nDoctors walked out.", ["Lensworth"]),
    ("Doctors on the picket line (Photo by Jo Bell/Lensworth)\nThe strike went on.", ["Lensworth"]),
])
def test_a_picture_credited_to_one_word_or_a_slash_list_names_the_sources(text, sources):
    found = [name for name, _ in organisations(text)]
    for source in sources:
        assert source in found


@pytest.mark.parametrize("text", [
    "The photo by the river was taken on Monday.\nDoctors walked out.",
    "She showed a picture by Lensworth that moved the crowd.",
    "Nurses on a picket line. Photo: iPhone user\nThe strike began.",
])
def test_a_word_after_by_that_is_no_credits_end_or_a_lower_case_word_is_no_source(text):
    assert [name for name, _ in organisations(text)] == []


# --- parties ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, parties", [
    ("Critics say this ZPV/Green coalition has ignored the warnings.", ["ZPV", "Green"]),
    ("Under the Labour/ZPV pact waiting lists grew.", ["Labour", "ZPV"]),
])
def test_two_parties_joined_by_a_slash_before_what_they_form_are_both_bodies(text, parties):
    assert [name for name, _ in organisations(text)] == parties


@pytest.mark.parametrize("text", [
    "The 24/7 government helpline stayed open.",
    "A Monday/Tuesday coalition of shifts was agreed.",
    "The Vexby/Marl coalition of charities met.",
])
def test_words_joined_by_a_slash_that_are_no_parties_or_acronyms_name_no_body(text):
    assert organisations(text) == []


def test_a_party_after_a_comma_before_an_auxiliary_verb_is_the_party():
    assert ("Labour", None) in organisations("Well, Labour has now made its position clear on the strikes.")


def test_a_party_word_after_a_comma_not_before_a_verb_is_no_body():
    assert organisations("Colours on the chart were red, Green and blue.") == []


# --- generic words in capitals opening a paragraph; 'HQ' --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Patients asked for help.\n\nHEALTH chiefs are urging people to keep their appointments.",
    "A ward in Vexby.\nSTRIKE action by nurses goes on this week.",
])
def test_a_generic_word_in_capitals_opening_a_paragraph_is_no_acronym(text):
    assert organisations(text) == []


def test_an_acronym_opening_a_paragraph_before_a_lower_case_word_is_still_a_body():
    assert ("ZQRX", None) in organisations("A ward in Vexby.\nZQRX members have walked out again this week.")


def test_hq_is_no_body():
    assert organisations("So we at our HQ have tried to answer the question.") == []


# --- people: bylines in a page's header, a role of a body before an appositive name, a clause's subject ----------

@pytest.mark.parametrize("text, names", [
    ("Subscribe now.\nThe Vexby Courier\nHealth\nMira Tallis & Owen Pryce\n\nDoctors to strike again next month\n\n"
     "Junior doctors in Vexby will walk out for three days next month as the row over their pay goes on and on.",
     ["Mira Tallis", "Owen Pryce"]),
    ("Picture (4)\n\nPay row goes on\n\nPay & Conditions\nRhea Lastmann\n\nTalks collapse in Marl\n\n"
     "Junior doctors in Marl begin a two-day strike for better pay after talks between the two sides collapsed.",
     ["Rhea Lastmann"]),
    ("Owen Pryce Published March 2, 2024 | 10:15 AM\n\nVexby, (Kestrel Wire) : Doctors walked out today.",
     ["Owen Pryce"]),
])
def test_a_writers_name_in_a_pages_header_is_a_person(text, names):
    found = people(text)
    for name in names:
        assert name in found


@pytest.mark.parametrize("text", [
    "Doctors walked out today in Vexby and Marl as the row over their pay went on for a fourth month.\n"
    "Hide Ad\nHide Ad\n\nThe strike ends on Friday.",
    "Doctors walked out today in Vexby and Marl as the row over their pay went on for a fourth month.\n"
    "Health\nMira Tallis\n\nThe strike ends on Friday.",
    "Menu\nStrike Latest\n\nDoctors walked out today in Vexby and Marl as the row over their pay went on.",
])
def test_a_line_like_a_name_after_the_first_line_of_prose_or_of_no_names_words_is_no_writer(text):
    assert people(text) == []


def test_a_role_of_a_body_before_a_name_between_commas_makes_it_a_person():
    text = "Strikes hurt patients.\n\nChief executive of the Vexby Health Trust, Owen Pryce, has said: “We are ready.”"
    assert people(text) == ["Owen Pryce"]


def test_a_place_before_a_name_between_commas_gives_no_role():
    text = "Strikes hurt patients.\n\nIn the heart of the Vexby Hills, Owen Pryce, has said: “We are ready.”"
    assert people(text) == []


@pytest.mark.parametrize("text, name", [
    ("“If Mira Tallis cannot change course, she must go,” he said.", "Mira Tallis"),
    ("The talks failed. Although Owen Pryce returned to the table, the strike goes on.", "Owen Pryce"),
])
def test_a_pair_after_a_word_opening_a_clause_before_its_verb_is_a_person(text, name):
    assert people(text) == [name]


@pytest.mark.parametrize("text", [
    "The talks failed. If Vexby Council agrees, the strike ends.",
    "The talks failed. If Brackmoor Valley floods, clinics close.",
    "The talks failed. If Owen Pryce, the strike ends.",
])
def test_a_body_a_place_or_a_pair_with_no_verb_after_a_word_opening_a_clause_is_no_person(text):
    assert people(text) == []


# --- a curated person's titles belong to the mention --------------------------------------------------------------

PEOPLE_LEXICON = Lexicon.from_rows(
    [organisation("kda", "KDA")],
    [{"person_id": "mira-tallis", "alias": "Mira Tallis", "case_sensitive": "true"},
     {"person_id": "mira-tallis", "alias": "Dame Mira Tallis", "case_sensitive": "true"}],
    [{"person_id": "mira-tallis", "organisation_id": "kda"}])


def curated_people(text):
    return [(r["text"], r["person_id"]) for r in extract_mentions(text, "test-source", PEOPLE_LEXICON)
            if r["entity_kind"] == "person"]


@pytest.mark.parametrize("text, mention", [
    ("It rained.\n\nProfessor Mira Tallis, the KDA's chair, said talks had failed.", "Professor Mira Tallis"),
    ("Talks failed, said Dr. Mira Tallis on Monday.", "Dr. Mira Tallis"),
    ("Talks failed, said Professor Dame Mira Tallis on Monday.", "Professor Dame Mira Tallis"),
])
def test_titles_before_a_curated_persons_name_are_part_of_the_mention(text, mention):
    assert curated_people(text) == [(mention, "mira-tallis")]


@pytest.mark.parametrize("text, mention", [
    ("Talks failed, said Mira Tallis on Monday.", "Mira Tallis"),
    ("The Doctor Mira Tallis trained under retired.", "Mira Tallis"),
    ("Talks failed, said Drummond. Mira Tallis agreed.", "Mira Tallis"),
])
def test_a_curated_persons_name_without_a_title_before_it_keeps_its_span(text, mention):
    assert curated_people(text) == [(mention, "mira-tallis")]


# --- a party owning a person after a sentence opener or a quotation; a photographer before 'via' an agency ---------

@pytest.mark.parametrize("text", [
    "Meanwhile Labour's Owen Pryce said he backed the nurses.",
    "'Pay Demands Are Fair,' Labour's Owen Pryce Says\n\nThe shadow minister spoke on Monday.",
])
def test_a_party_owning_a_person_after_a_sentence_opener_or_a_quotation_is_the_party(text):
    assert ("Labour", None) in organisations(text)


def test_a_party_word_inside_a_longer_capitalised_run_is_no_party_by_itself():
    assert ("Labour", None) not in organisations("Old Labour's Owen Pryce said he backed the nurses.")


def test_a_name_opening_a_credit_line_before_via_and_an_agency_is_the_photographer():
    text = "Nurses on a picket line in Vexby.\nOwen Pryce via Lensworth Images\n\nDoctors walked out on Monday."
    assert "Owen Pryce" in people(text)


@pytest.mark.parametrize("text", [
    "Share this story\nSign Up via Facebook\nDoctors walked out.",
    "Staff said so.\nRead More via Vexby Online\nDoctors walked out.",
])
def test_a_line_with_via_and_no_agency_ending_it_names_no_photographer(text):
    assert people(text) == []


# --- the second field of a portfolio after 'and' is no person -------------------------------------------------

@pytest.mark.parametrize("text", [
    "Dr Bell asked the Cabinet Secretary for Health and Social Care for new talks.",
    "Owen Pryce, the Minister for Housing and Local Transport, said so.",
    "He wrote to the Secretary of State for Energy and Net Zero on Monday.",
])
def test_the_second_field_of_a_portfolio_after_and_is_no_person(text):
    assert not any(p in ("Social Care", "Local Transport", "Net Zero") for p in people(text))


@pytest.mark.parametrize("text, person", [
    ("The Director of Vexby Trust and Owen Pryce met on Monday.", "Owen Pryce"),
    ("It was signed by the chair of the board and Mira Tallis on Monday.", "Mira Tallis"),
])
def test_a_pair_after_and_that_follows_a_body_or_a_lower_case_role_is_still_a_person(text, person):
    assert person in people(text)


# --- a surname at the very start or end of the text --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Pryce condemns the strikes\n\nSir Owen Pryce said few colleagues backed the stoppage.",
    "Sir Owen Pryce said few colleagues backed the stoppage, according to Pryce",
])
def test_a_surname_at_the_texts_start_or_end_is_a_mention_of_the_person(text):
    assert people(text).count("Pryce") == 1


def test_a_surname_glued_to_a_word_at_the_texts_start_is_no_mention():
    assert "Pryce" not in people("Pryces condemn the strikes\n\nSir Owen Pryce said few colleagues backed it.")
