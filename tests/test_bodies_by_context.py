"""Organisations named by what only a body does or has around the name (issue 8): one-word names nothing else finds,
and capitalised pairs that are bodies, not people. Every case is constructed: invented names and bodies, sentences
written here in several outlets' styles, with the near-misses each rule must leave alone."""
from __future__ import annotations

import pytest

from scripts.extract.lexicon import Lexicon
from scripts.extract.mentions import extract_mentions


def organisation(organisation_id, alias, case_sensitive=True):
    return {"organisation_id": organisation_id, "alias": alias, "case_sensitive": str(case_sensitive).lower()}


LEXICON = Lexicon.from_rows(
    [organisation("kda", "KDA"), organisation("kda", "Kestrel Doctors' Association", False),
     organisation("khs", "KHS"), organisation("khs-england", "KHS England")],
    [], [])


def rows(text):
    return extract_mentions(text, "test-source", LEXICON)


def organisations(text):
    return [r["text"] for r in rows(text) if r["entity_kind"] == "organisation"]


def people(text):
    return [r["text"] for r in rows(text) if r["entity_kind"] == "person"]


# --- 'X said in a statement' ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, body", [
    ("Junior doctors walked out on Monday, and Quorvex said in a statement that clinics would close.", "Quorvex"),
    ("Brindlecare has said in a short statement that it is ready.", "Brindlecare"),
    ("In Vexby, Marlow Beacon Health said in a press release that wards were full.", "Marlow Beacon Health"),
    ("Tellwick confirmed in a post on its website that the clinic would shut.", "Tellwick"),
])
def test_a_name_that_speaks_in_a_statement_is_a_body(text, body):
    assert body in organisations(text)


@pytest.mark.parametrize("text", [
    "Jo Quill said in a statement that she was sorry.",                       # a pair that may be a person's name
    "Dr Jo Quill spoke first. Quill said in a statement that pay had fallen.",  # a surname used alone
    "Sir Ansel spoke first. Ansel said in a statement that it was over.",    # a knight by first name
    "The Secretary said in a statement that talks were over.",               # a role
])
def test_a_person_who_speaks_in_a_statement_is_no_body(text):
    assert organisations(text) == []


# --- 'X, which runs ...' ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, body", [
    ("The strike hit clinics run by Brindlecare, which runs 40 surgeries across the county.", "Brindlecare"),
    ("Marlow Beacon, which represents 3,000 nurses, backed the action.", "Marlow Beacon"),
    ("Patients of Quorvex, which is run by a charity, were told to stay away.", "Quorvex"),
])
def test_a_name_that_runs_or_represents_something_is_a_body(text, body):
    assert body in organisations(text)


@pytest.mark.parametrize("text", [
    "Vexby, which has three hospitals, is hit hardest.",          # a place has things, it runs nothing
    "Jo Quill, who runs a surgery in Vexby, said no.",             # 'who': a person
    "Staff in Vexby, which runs short of beds every winter, struck.",  # a place after 'in'
])
def test_which_after_a_place_or_who_after_a_person_makes_no_body(text):
    assert organisations(text) == []


# --- 'X said its ...' -------------------------------------------------------------------------------------------

def test_a_name_that_says_its_is_a_body_and_not_a_person():
    text = "Teller Health has said its wards will close on Tuesday."
    assert organisations(text) == ["Teller Health"]
    assert people(text) == []


@pytest.mark.parametrize("text", [
    "Jo Quill said its wards were empty.",                        # 'its' of something else: a pair stays a person's
    "The Vexby Royal Infirmary in Portmarl said its emergency department was full.",  # a place in a longer subject
])
def test_its_after_a_person_or_a_place_makes_no_body(text):
    assert "Jo Quill" not in organisations(text) and "Portmarl" not in organisations(text)


# --- who made the research --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, body", [
    ("Analysis by Velmont found pay had fallen by a quarter.", "Velmont"),
    ("New research from Quillstone suggests morale is low.", "Quillstone"),
    ("A survey carried out by the Marlow Beacon found more.", "Marlow Beacon"),
    ("A report published by Teller Health Watch says waits grew.", "Teller Health Watch"),
])
def test_who_made_the_research_is_a_body(text, body):
    assert body in organisations(text)


@pytest.mark.parametrize("text", [
    "Figures from Vexby show delays.",            # figures from a place
    "A report by Jo Quill found little.",         # a person's report
    "Analysis by Professor Jo Quill found more.",  # a titled person's
    "Data from March show waits grew.",           # a month
])
def test_research_by_a_person_or_figures_from_a_place_make_no_body(text):
    assert organisations(text) == []


# --- a body's name before one of its roles and a person -----------------------------------------------------------

@pytest.mark.parametrize("text, body", [
    ("Ravensdale chief executive Jo Quill said pay had fallen.", "Ravensdale"),
    ("The report was welcomed by Teller Health Watch director Dr Sam Poole.", "Teller Health Watch"),
])
def test_a_name_before_a_role_and_a_persons_name_is_a_body(text, body):
    assert body in organisations(text)
    assert any(p.endswith(("Jo Quill", "Sam Poole")) for p in people(text))


def test_a_former_or_a_title_before_a_role_is_no_body():
    assert organisations("Former chief executive Jo Quill said pay had fallen.") == []


# --- a one-word name after 'the' that speaks ---------------------------------------------------------------------

@pytest.mark.parametrize("text, body", [
    ("The Exchequer said the offer was final.", "Exchequer"),
    ("Ministers met on Monday, but the Quillmark has warned that talks could fail.", "Quillmark"),
])
def test_a_name_after_the_that_speaks_is_a_body(text, body):
    assert body in organisations(text)


@pytest.mark.parametrize("text", [
    "The Secretary said no.", "The Chancellor said no.", "The Board said no.", "The Speaker said no.",
    "The Cabinet said no.", "The King said no.", "The Tuesday said no.",
])
def test_a_role_a_head_word_or_a_generic_word_after_the_is_no_body(text):
    assert organisations(text) == []


# --- one-word bodies before 'spokesperson' -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A Brindlecare spokesperson said the company was prepared.",
    "A spokesperson for Brindlecare said the company was prepared.",
])
def test_a_one_word_body_a_spokesperson_speaks_for(text):
    assert organisations(text) == ["Brindlecare"]


@pytest.mark.parametrize("text", [
    "A Vexish spokesperson said so.",                         # a people's adjective
    "Jo Quill spoke. A spokesperson for Quill said so.",       # a person's surname
    "A Health spokesperson said so.",                          # a generic word
])
def test_a_spokesperson_for_a_person_or_a_generic_word_makes_no_body(text):
    assert organisations(text) == []


# --- one sense per article: a body found by its context is one wherever it stands alone --------------------------

def test_a_body_found_by_its_context_is_a_body_wherever_else_it_stands_alone():
    text = ("Teller Health Chief Executive Jo Quill said no. Later, Teller Health cut beds. Patients told Teller Health "
            "so.")
    assert organisations(text) == ["Teller Health"] * 3
    assert people(text) == ["Jo Quill"]


def test_other_uses_inside_a_longer_capitalised_name_are_left_to_that_name():
    text = "Analysis by Velmont found pay had fallen. The Velmont Valley Trust disagreed."
    assert organisations(text) == ["Velmont", "Velmont Valley Trust"]


# --- a two-word body's first word standing for it --------------------------------------------------------------------

@pytest.mark.parametrize("text, short", [
    ("The Quorvale Trust said pay fell. Quorvale said it was worried.", 1),
    ("The Quorvale Institute published figures. Quorvale's analysis showed more.", 1),
    ("The Quorvale Institute published figures. Quorvale is a town in Vexby.", 0),   # no verb or possessive of a body
    ("The Quorvale Trust said so. Dr Jo Quorvale said Quorvale was right.", 0),       # a person's name word
])
def test_the_first_word_of_a_two_word_body_stands_for_it_where_it_speaks(text, short):
    assert organisations(text).count("Quorvale") == short


# --- heads and terms ----------------------------------------------------------------------------------------------

def test_executive_ending_a_run_is_a_bodys_head_not_a_title():
    assert organisations("The Vexmark Executive said it cannot pay.") == ["Vexmark Executive"]
    assert organisations("The Chief Executive said so.") == []


@pytest.mark.parametrize("text", [
    "He was taken to the ED on Monday.", "Trainees sat the MRCP exam.", "The 2024/25 GMS contract changed.",
    "The SHO was on call with the registrar.",
])
def test_grades_qualifications_and_contract_terms_in_capitals_are_no_bodies(text):
    assert organisations(text) == []


# --- 'the X's ...': a name after 'the' that owns something -----------------------------------------------------------

@pytest.mark.parametrize("text, body", [
    ("Jo Quill, the Quillet's health editor, said so.", "Quillet"),
    ("The Exchequer's figures show more.", "Exchequer"),
])
def test_a_name_after_the_that_owns_something_is_a_body(text, body):
    assert body in organisations(text)


@pytest.mark.parametrize("text", [
    "The Chancellor's offer stands.", "The King's speech was read.", "The Budget's measures.", "The Monday's strike.",
    "The Secretary's view.",
])
def test_a_role_a_generic_word_or_a_day_owning_something_is_no_body(text):
    assert organisations(text) == []


# --- more heads and kinds -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, body", [
    ("The Vexby Chamber of Commerce said so.", "Vexby Chamber of Commerce"),
    ("The Vexby Medical Guild said so.", "Vexby Medical Guild"),
    ("The Parliamentary Ombudsman said so.", "Parliamentary Ombudsman"),
    ("Vexby Police said no.", "Vexby Police"),
    ("On social media platform Chirpex, he said so.", "Chirpex"),
    ("The consultancy Velmont found more.", "Velmont"),
])
def test_heads_and_kinds_of_bodies(text, body):
    assert body in organisations(text)


@pytest.mark.parametrize("text", [
    "The Chamber voted.", "A Bank Holiday strike.", "The tribunal ruled.", "The firm Jo Quill owns closed.",
])
def test_generic_heads_and_a_kind_before_a_persons_verb_are_no_bodies(text):
    assert organisations(text) == []


def test_a_word_in_capitals_labelling_a_line_is_no_acronym():
    text = "UPDATE: The strike is over.\nWATCH\nThe QRXA said so."
    assert organisations(text) == ["QRXA"]


@pytest.mark.parametrize("text, body", [
    ("Ada Marsh, director of Marlow Beacon, said the charity was worried.", "Marlow Beacon"),
    ("Jo Quill, founder of the Quill Partners, said so.", "Quill Partners"),
])
def test_the_object_of_a_bodys_role_is_a_body_not_a_person(text, body):
    assert body in organisations(text)
    assert body not in people(text)


@pytest.mark.parametrize("text", [
    "Ada Marsh, director of Public Health at Vexby, said so.",
    "Jo Quill, head of Nursing at the trust, said so.",
])
def test_a_field_of_work_after_a_role_is_no_body(text):
    assert organisations(text) == []


@pytest.mark.parametrize("text, body", [
    ("Marlow Beacon's members voted to strike.", "Marlow Beacon"),
    ("Quorvex's board met on Monday.", "Quorvex"),
])
def test_a_name_that_owns_members_or_a_board_is_a_body(text, body):
    assert organisations(text) == [body]
    assert people(text) == []


def test_a_places_members_of_parliament_make_no_body():
    assert organisations("Vexby's members of parliament met.") == []


# --- a kind word after a comma that opens a clause of its own gives no kind to the name before the comma -------------

@pytest.mark.parametrize("text", [
    "In a letter to Jo Quill, the union set out its demands.",
    "In a letter to Jo Quill, the union demanded more.",
])
def test_a_kind_word_opening_a_new_clause_makes_no_body_of_the_name_before_the_comma(text):
    assert organisations(text) == []
    assert people(text) == ["Jo Quill"]


@pytest.mark.parametrize("text", [
    "Marlow Beacon, the charity set up in 1990, said so.",
    "Marlow Beacon, a charity which helps carers, said so.",
    "Marlow Beacon, a charity, said so.",
])
def test_an_appositive_kind_still_makes_a_body(text):
    assert organisations(text) == ["Marlow Beacon"]


def test_a_name_after_of_the_is_the_end_of_a_longer_name_not_a_body_of_its_own():
    assert organisations("Friends of the Vexe said so.") == []
    assert organisations("Ministers and the Exchequer said no.") == ["Exchequer"]


def test_academy_is_a_bodys_head():
    assert organisations("The Academy of Medical Vexby Colleges said so.") == ["Academy of Medical Vexby Colleges"]


@pytest.mark.parametrize("name, kind", [
    ("Vexby Medical Guild", "association"), ("Vexby Police", "public_body"), ("Parliamentary Ombudsman", "public_body"),
    ("Academy of Vexby Colleges", "association"),
])
def test_the_new_head_words_give_a_kind_guess(name, kind):
    from scripts.extract.candidates import kind_guess
    assert kind_guess(name, "organisation") == kind


@pytest.mark.parametrize("text, outlet", [
    ("He told the Quillet newspaper that he was sorry.", "Quillet"),
    ("It was first reported by the Marl Echo website on Monday.", "Marl Echo"),
])
def test_a_name_before_a_media_kind_in_lower_case_is_an_outlet(text, outlet):
    assert organisations(text) == [outlet]


def test_a_generic_word_before_a_media_kind_is_no_outlet():
    assert organisations("The strike made the front page of the Local newspaper.") == []


def test_a_place_before_a_media_kind_after_a_preposition_is_no_outlet():
    assert organisations("Email him at Vexby website: news@example.org") == []


@pytest.mark.parametrize("text, company", [
    ("Vexby Healthcare said so.", "Vexby Healthcare"), ("Quill Holdings Ltd bought it.", "Quill Holdings Ltd"),
    ("Marl Consultancy found more.", "Marl Consultancy"),
])
def test_a_companys_head_word_ends_its_name(text, company):
    from scripts.extract.candidates import kind_guess
    assert organisations(text) == [company]
    assert kind_guess(company, "organisation") == "company"


@pytest.mark.parametrize("text", [
    "He said on The Vexby Show that pay was low.", "It was set out in The Long Term Vexby Plan last year.",
    "She appeared on The Quill Podcast.", "The strike was raised in The Pay Report this week.",
])
def test_the_title_of_a_programme_or_a_document_is_no_body(text):
    assert organisations(text) == []


def test_the_title_of_a_paper_after_a_capital_the_is_still_an_outlet():
    assert organisations("He wrote for The Vexby Quarterly and The Marl Tribune.") == [
        "The Vexby Quarterly", "The Marl Tribune"]


# --- agencies credited by one word, and a wire story's agency ---------------------------------------------------------

@pytest.mark.parametrize("text, agency", [
    ("Doctors on the picket line (Photo: Quillstock)", "Quillstock"),
    ("Doctors on the picket line\nPicture: Vexstock\nThe strike goes on.", "Vexstock"),
    ("VEXBY (Wirex) - Doctors walked out on Monday.", "Wirex"),
    ("Port Vexby, March 3 (Wirex) – Doctors walked out.", "Wirex"),
])
def test_a_one_word_credit_or_a_datelines_bracket_is_an_agency(text, agency):
    assert organisations(text) == [agency]


def test_the_wire_agency_found_in_the_dateline_is_one_wherever_else_it_stands():
    assert organisations("VEXBY (Wirex) - Doctors walked out, Wirex reported.") == ["Wirex", "Wirex"]


@pytest.mark.parametrize("text", [
    "Doctors on the picket line (Picture: Supplied)",
    "Dr Jo Quill spoke. (Photo: Quill)",           # a photographer's surname
    "Doctors on the picket line (Photo: Jo Quill)",  # a photographer
])
def test_a_generic_credit_or_a_photographer_is_no_agency(text):
    assert organisations(text) == []


# --- a branch's own committee -----------------------------------------------------------------------------------------

def test_a_curated_committee_owned_by_a_branch_is_the_branchs_own_committee_nobody_curated():
    lexicon = Lexicon.from_rows(
        [organisation("kda", "KDA"), organisation("kda-jdc", "junior doctors committee", False)], [], [])
    for text in ("Jo Quill, co-chair of KDA Wales’ junior doctors committee, said so.",
                 "KDA Scotland's junior doctors committee voted."):
        committee = [r for r in extract_mentions(text, "s", lexicon) if r["text"] == "junior doctors committee"]
        assert [(r["organisation_id"], r["resolution"]) for r in committee] == [(None, "unresolved_candidate")]
    parent = [r for r in extract_mentions("The KDA's junior doctors committee met.", "s", lexicon)
              if r["text"] == "junior doctors committee"]
    assert [r["organisation_id"] for r in parent] == ["kda-jdc"]


# --- local bodies named by places before a national body's initials (phase 2: shapes of rj/rl/rm/rn) ---------------

def test_places_before_a_naming_prefix_name_a_local_body():
    texts = {"Kent and Vexby KHS says it cannot say how many will strike.": "Kent and Vexby KHS",
             "said the medical director for Vexby and Marl KHS, on Monday.": "Vexby and Marl KHS",
             "— West Vexby KHS FT (@WestVexbyKHS) December 20, 2023": "West Vexby KHS FT"}
    for text, body in texts.items():
        assert body in organisations(text)


@pytest.mark.parametrize("text", [
    "Vexby KHS trusts struck.",               # a plural noun the initials qualify
    "The Vexish KHS is in crisis.",           # a people's adjective
    "Today KHS England said so.",             # an opener
])
def test_no_local_body_where_the_initials_qualify_a_noun_or_no_place_stands_before(text):
    assert not any(name.endswith("KHS") and name != "KHS" for name in organisations(text))


def test_a_naming_prefix_and_a_title_keep_the_places_between():
    assert organisations("KHS Vexby and Marl Medical Director, Prof Jo Quill said so.") == ["KHS Vexby and Marl"]
    assert organisations("KHS Medical Director Jo Quill said so.") == ["KHS"]


@pytest.mark.parametrize("text", [
    "Check local KHS Trusts' websites for news.",   # a kind of body, plural and possessive
    "KHS Winter Update\n\nJo Quill spoke.",         # a heading on a line of its own
])
def test_a_naming_prefix_before_a_plural_kind_or_in_a_heading_is_no_longer_name(text):
    assert organisations(text) == ["KHS"]


# --- a party's word where a body stands (the words come from curated/vocabulary/name_words.csv) ---------------------

def _party_word():
    from scripts.extract.lexicon import NAME_WORDS
    return sorted(w for w in NAME_WORDS.not_person if not w.endswith("s"))[0]


def test_a_partys_word_owning_a_person_or_told_to_do_something_is_the_party():
    party = _party_word()
    assert organisations(f"{party}'s Wes Vexby said so.") == [party]
    assert organisations(f"She told {party} to condemn the strikes.") == [party]
    assert organisations(f"During the {party} party conference, doctors marched.") == [f"{party} party"]


def test_a_partys_word_after_a_first_name_is_a_surname():
    party = _party_word()
    assert organisations(f"Jo {party} said so. She told {party} to stop. {party}'s Jo Quill said so.") == []


# --- page furniture, labels and embedded posts ------------------------------------------------------------------------

def test_words_in_capitals_labelling_a_line_or_stressing_a_verb_are_no_acronyms():
    text = ("Doctors walked out.\nREAD MORE: Father dies after delay\nThe QRXA said so. 65% voted to ACCEPT the offer."
            "\nQRXA backs the deal")
    assert organisations(text) == ["QRXA", "QRXA"]


def test_page_furniture_glued_to_the_sentences_the_is_no_part_of_the_name():
    assert organisations("Hide AdThe Vexby Medical Association Conference has been taking place.") == [
        "Vexby Medical Association"]


def test_the_handle_in_an_embedded_posts_signature_is_a_bodys_where_the_name_is_a_body():
    text = ("pic.twitter.com/x — QRX (@QRXnews) March 24, 2023\n"
            "pic.twitter.com/z — Jo Quill (@joquill) December 20, 2023")
    assert organisations(text) == ["QRX", "@QRXnews"]


def test_three_or_more_names_listed_before_a_plural_kind_are_each_a_body():
    text = "QRHT, which manages the Royal Vexby, Marl General, Quill Victoria and Pendlebury Community hospitals, said so."
    assert organisations(text) == ["QRHT", "Royal Vexby", "Marl General", "Quill Victoria", "Pendlebury Community"]


@pytest.mark.parametrize("text", [
    "Wards in Vexby, Marl and Quill hospitals closed.",         # one-word items: places
    "Doctors at Vexby Royal and Marl General hospitals struck.",  # two items: one name with 'and' or two
])
def test_places_or_two_names_before_a_plural_kind_make_no_bodies(text):
    assert organisations(text) == []


def test_a_breadcrumbs_words_set_apart_by_runs_of_blanks_are_no_outlet():
    assert organisations("Home   Vexby   News   Article\n\nDoctors struck.") == []


def test_one_camel_case_word_in_an_outlets_place_is_an_outlet_and_a_surnames_particle_is_not():
    text = "Only last week VexbyOnline revealed a crisis. Later McAdam revealed more. She told QuillLive so."
    assert organisations(text) == ["VexbyOnline", "QuillLive"]


def test_a_naming_prefix_and_a_list_of_places_with_its_commas_make_one_name():
    text = 'Dr Jo Quill, chief medical officer for KHS Vexby, Marl and Quill Integrated Care Board said: "Thanks."'
    assert organisations(text) == ["KHS Vexby, Marl and Quill Integrated Care Board"]
    assert organisations("In Vexby, Marl and Quill Integrated Care Board said so.") == [
        "Marl and Quill Integrated Care Board"]


def test_a_plural_head_after_a_head_ends_the_name_and_a_mastheads_on_line_is_its_own():
    assert organisations("Rises came each year through its Pay Review Boards for staff.") == ["Pay Review Boards"]
    assert organisations("Vexby Workers' Weekly On-Line\nVolume 53") == ["Vexby Workers' Weekly On-Line"]


# --- people: bylines, headlines, fields after a role ---------------------------------------------------------------

@pytest.mark.parametrize("text, person", [
    ("Doctors struck.\n\nBy Isobel Vexby  Monday Oct 2, 2023\n\nDozens of doctors marched.", "Isobel Vexby"),
    ("Row goes on\n\nAuthor: Harry QuillPublished 24th Aug 2023\n\nRoutine care is hit.", "Harry Quill"),
])
def test_a_byline_with_a_weekday_after_blanks_or_glued_to_published_names_its_writer(text, person):
    assert people(text) == [person]


def test_a_headlines_verb_or_modal_in_title_case_is_no_part_of_a_name():
    assert people("'Doctors Are Not Being Unfair,' Vexite's Wes Vexby Says") == ["Wes Vexby"]
    assert people("When Hospital Porters Might Join the Picket Lines") == []


def test_a_pair_after_a_roles_of_is_a_field_or_a_body_not_a_person():
    text = "Tony Quill, Executive Director of Integrated Vexcare, Partnerships and Resilience at Vexby Hospitals, said so."
    assert people(text) == ["Tony Quill"]
