"""Shapes of organisation and person mentions that recur in any outlet's copy (issue 8, fifth batch). Every case is
constructed: invented names and bodies, sentences written here, several outlets' styles, and near-misses each rule
must not fire on."""
from __future__ import annotations

import pytest

from scripts.extract.lexicon import Lexicon
from scripts.extract.mentions import extract_mentions


def organisation(organisation_id, alias, case_sensitive=True):
    return {"organisation_id": organisation_id, "alias": alias, "case_sensitive": str(case_sensitive).lower()}


LEXICON = Lexicon.from_rows(
    [organisation("kda", "KDA"), organisation("kda", "Kestrel Doctors' Association", False),
     organisation("kda-jdc", "junior doctors committee", False),
     organisation("khs", "KHS"), organisation("khs-england", "KHS England")],
    [], [])


def organisations(text):
    return [(r["text"], r["organisation_id"]) for r in extract_mentions(text, "test-source", LEXICON)
            if r["entity_kind"] == "organisation"]


def people(text):
    return [r["text"] for r in extract_mentions(text, "test-source", LEXICON) if r["entity_kind"] == "person"]


# --- an acronym spelt out in lower-case words right after it is a term ------------------------------------------

@pytest.mark.parametrize("text", [
    "Consultants, registrars and SAS (specialist, associate specialist and specialty doctors) voted. SAS doctors"
    " were pleased.",
    "The row over CPD (continuing professional development) budgets goes on.\n\nCPD time was cut.",
    "Trainees on LTFT (less than full time) rotas are paid less, the KDA said.",
])
def test_an_acronym_spelt_out_in_lower_case_words_after_it_is_a_term_in_every_use(text):
    assert [name for name, _ in organisations(text)] == (["KDA"] if "KDA" in text else [])


@pytest.mark.parametrize("text, acronym", [
    ("The QRX (the Quill Rota Exchange) said no.", "QRX"),           # the bracket names a body: capitals
    ("The QRX (which mediates disputes) said no.", "QRX"),           # the bracket says something about it
    ("The VDA (vexby doctors association) said no.", "VDA"),         # a body written in lower case
    ("The QRX (quite right) said no.", "QRX"),                       # the letters are not spelt out in order
])
def test_a_bracket_after_an_acronym_that_does_not_spell_it_out_as_a_term_leaves_it_a_body(text, acronym):
    assert (acronym, None) in organisations(text)


# --- a committee after an owner's possessive, its first word capitalised or an acronym ---------------------------

@pytest.mark.parametrize("text, committee", [
    ("Dr Jo Bell, chair of KDA Cymru Wales’ Consultants committee said: “We are pleased.”", "Consultants committee"),
    ("Dr Sam Poole, chair of KDA Cymru Wales’ SAS doctor committee, welcomed the deal.", "SAS doctor committee"),
    ("The offer went to the Vexby Trusts' finance committee on Monday.", "finance committee"),
    ("The board said its Pensions committee would meet again in May.", "Pensions committee"),
])
def test_a_committee_after_an_owners_possessive_is_a_body_whatever_the_case_of_its_first_word(text, committee):
    assert (committee, None) in organisations(text)


@pytest.mark.parametrize("text", [
    "The deal goes to the same committee next week.",
    "It was sent to a new committee by the KDA.",
    "Vexby Trusts’ Monday committee meeting was cancelled.",
    "The KDA’s committee voted.",
])
def test_a_committee_of_no_name_of_its_own_is_no_body(text):
    assert not [name for name, _ in organisations(text) if "committee" in name]


# --- a party's word before its members' role -----------------------------------------------------------------------

def _party_word() -> str:
    """A party's word from the shipped vocabulary file (kind not_person), so that no name is written here."""
    from scripts.extract.lexicon import NAME_WORDS
    return next(w for w in sorted(NAME_WORDS.not_person) if not w.endswith("s"))


@pytest.mark.parametrize("shape", [
    "However, {w} ministers do not want a spiral of pay claims.",
    "Senior {w} politicians urged a deal on Tuesday.",
    "A {w} minister, speaking privately, said talks were close.",
    "{w} rebels and whips clashed over the offer.",
])
def test_a_partys_word_before_its_members_role_is_the_party(shape):
    word = _party_word()
    assert (word, None) in organisations(shape.format(w=word))


@pytest.mark.parametrize("shape", ["It was a {w} idea from the start.", "The {w} years were hard on hospitals."])
def test_a_partys_word_before_a_thing_stays_no_mention(shape):
    assert organisations(shape.format(w=_party_word())) == []


# --- a role written as its capital letters before a name -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Pharmacy press\n\nOur CEO Mira Tallis said:\n\n“Teams are exhausted.”",
    "The charity’s CEO Mira Tallis warned of delays.",
    "KDA CEO Mira Tallis said talks had stalled.",
])
def test_a_role_in_capitals_before_a_name_makes_it_a_person(text):
    assert "Mira Tallis" in people(text)


@pytest.mark.parametrize("text", ["Our CEO said:\n\n“Teams are exhausted.”", "The CEO Awards went to Vexby Lane."])
def test_a_role_in_capitals_without_a_name_after_it_is_no_person(text):
    assert people(text) == []


# --- an acronym made of a curated body's letters, after the body is named --------------------------------------------

@pytest.mark.parametrize("text", [
    "The dispute with KHS England goes on. Members want KHSE to listen.",
    "KHS England has written to trusts.\n\nA KHSE spokesperson said the letter was clear.",
    "Talks between the KDA and KHS England (KHSE) stalled; KHSE blamed the union.",
])
def test_an_acronym_of_a_curated_bodys_letters_after_it_is_named_is_that_body(text):
    found = organisations(text)
    assert ("KHSE", "khs-england") in found and ("KHSE", None) not in found


def test_an_acronym_before_the_body_whose_letters_it_holds_is_named_stays_a_candidate():
    assert organisations("KHSE said no. Later KHS England agreed.") == [("KHSE", None), ("KHS England", "khs-england")]


def test_a_two_letter_acronym_is_not_taken_for_a_curated_bodys_letters():
    assert ("KE", None) in organisations("KHS England met on Monday. KE sources said no.")


# --- a capital 'The' inside a sentence before a short capitalised run is a title -------------------------------------

@pytest.mark.parametrize("text, title", [
    ("A free digest of the day's news.\nSubscribe to The Quillet\nEscape your echo chamber.", "The Quillet"),
    ("From our briefing to a weekly letter, get the best of The Quillet delivered to your inbox.", "The Quillet"),
    ("He said, in a column for The Daily Vexby newspaper, that the offer was fair.", "The Daily Vexby"),
    ("Doctors were angry, according to a survey by The Marlow Review of members.", "The Marlow Review"),
])
def test_a_capital_the_inside_a_sentence_before_a_short_capitalised_run_is_a_title(text, title):
    assert (title, None) in organisations(text)


@pytest.mark.parametrize("text", [
    "It was the talk of a speech by The King's aide on Monday.",   # a person's word
    "The papers went to The Government on Friday.",                # a lone head word
    "Sign Up for The Best Deals Today Now",                        # a title-case heading
    "Doctors Vote To Strike As The Talks Fail",                    # a capital before 'The'
    "Members met last week in The Vexby Old Town Hall Rooms.",     # a run longer than a title
    "The rally was held at The Red Vexby on Friday night.",         # a venue after 'at'
    "Pickets stood outside The Marl Arms until noon.",              # a venue after 'outside'
])
def test_a_capital_the_before_a_run_that_is_no_title_is_no_mention(text):
    assert organisations(text) == []


# --- a list of capitalised names opened by a word that makes its first item a place ------------------------------------

@pytest.mark.parametrize("text", [
    "Patients in Milton Vexby and Stoke Marlow faced long delays.",
    "Hospitals across Milton Vexby and Stoke Marlow cancelled operations.",
    "Doctors from Milton Vexby, Stoke Marlow and Upper Tarn joined the picket lines.",
    "Picket lines formed outside Vexby General and Stoke Marlow on Tuesday.",
])
def test_every_item_of_a_list_opened_by_a_place_word_is_no_person(text):
    assert people(text) == []


@pytest.mark.parametrize("text, named", [
    ("Talks between Jo Bell and Sam Poole collapsed.", ["Jo Bell", "Sam Poole"]),
    ("In a statement, Jo Bell and Sam Poole said the vote was clear.", ["Jo Bell", "Sam Poole"]),
    ("It was agreed by Jo Bell, Sam Poole and Mira Tallis on Monday.", ["Jo Bell", "Sam Poole", "Mira Tallis"]),
    ("A meeting in Vexby with Jo Bell and Sam Poole ended early.", ["Jo Bell", "Sam Poole"]),
])
def test_a_list_of_people_not_opened_by_a_place_word_stays_people(text, named):
    assert people(text) == named


# --- 'MS' in capitals is a member of a legislature, a role, not the title 'Ms' -----------------------------------------

@pytest.mark.parametrize("shape", [
    "{w} MS Jo Bell said ministers had let doctors down.",
    "Speaking in the chamber, {w} MS Jo Bell called for talks.",
])
def test_ms_in_capitals_after_a_partys_word_is_a_members_role(shape):
    text = shape.format(w=_party_word())
    assert "Jo Bell" in people(text) and (_party_word(), None) in organisations(text)


def test_ms_in_capitals_before_a_name_is_a_role_even_without_a_party():
    assert people("Local MS Jo Bell wrote to the minister.") == ["Jo Bell"]


def test_the_title_ms_stays_part_of_the_persons_mention():
    assert people("Ms Jo Bell said no.") == ["Ms Jo Bell"]


# --- a devolved party: a nation's adjective before a party's words; a party written in two of its words ----------------

def _two_word_party() -> tuple[str, str]:
    """Two party words of the shipped vocabulary file (so that no name is written here): one with no plural in the file,
    then a plural; the rule is that party words in a row make one name, whichever they are."""
    from scripts.extract.lexicon import NAME_WORDS
    words = NAME_WORDS.not_person
    first = next(w for w in sorted(words) if not w.endswith("s") and w + "s" not in words)
    second = next(w for w in sorted(words) if w.endswith("s") and w[:-1] in words)
    return first, second


@pytest.mark.parametrize("shape", [
    "The Welsh {w} said the offer was an insult.",
    "Scottish {w} and the health board backed the doctors.",
    "Welsh {w} ministers said the money had run out.",
    "Northern Irish {w} figures met the union on Monday.",
])
def test_a_nations_adjective_before_a_partys_word_is_the_devolved_party(shape):
    word = _party_word()
    nation = shape.split("{w}")[0].split()[-2:] if "Northern" in shape else shape.split("{w}")[0].split()[-1:]
    assert (" ".join(nation) + " " + word, None) in organisations(shape.format(w=word))


def test_a_party_written_in_two_of_its_words_is_one_mention():
    first, second = _two_word_party()
    assert organisations(f"The {first} {second} said the government had failed.") == [(f"{first} {second}", None)]


# --- a capitalised run ending in a nation's name is a body named for the nation it serves ------------------------------

def _nation(index: int = 0) -> str:
    """A nation's name from the shipped vocabulary file (kind nation), written out in letters, not its initials."""
    from scripts.extract.lexicon import NAME_WORDS
    return sorted(w for w in NAME_WORDS.nations if not w.isupper() and " " not in w)[index]


@pytest.mark.parametrize("shape, body", [
    ("Public Wellbeing {n} said the strike would strain services.", "Public Wellbeing {n}"),
    ("Then Vexcare {n} agreed with the doctors.", "Vexcare {n}"),
    ("Ferries for {n} said crossings ran as normal.", "Ferries for {n}"),
    ("Public Wellbeing {n}'s chief executive said: “We are ready.”", "Public Wellbeing {n}"),
])
def test_a_capitalised_run_ending_in_a_nations_name_is_a_body(shape, body):
    n = _nation()
    assert (body.format(n=n), None) in organisations(shape.format(n=n))


@pytest.mark.parametrize("shape", [
    "Hospitals in North {n} and South West {n} were hit.",   # regions
    "The Prince of {n} visited a hospital.",                 # a person's title
    "Junior Doctors Strike Across {n}",                      # a title-case heading
    "Doctors in {n} walked out, and doctors across {n} agreed.",
])
def test_a_region_a_title_or_a_heading_ending_in_a_nations_name_is_no_body(shape):
    assert organisations(shape.format(n=_nation())) == []


# --- a curated alias in lower case that opens a hyphened compound names no body ---------------------------------------

GOVERNMENT = Lexicon.from_rows([organisation("vex-government", "the government", False)], [], [])


def government_mentions(text):
    return [r["text"] for r in extract_mentions(text, "test-source", GOVERNMENT)]


@pytest.mark.parametrize("text", [
    "Most of its members work in the government-funded health service.",
    "The government-backed review reported in May.",
    "A report by the government-commissioned panel was leaked.",
])
def test_a_lower_case_alias_opening_a_hyphened_compound_is_no_mention(text):
    assert government_mentions(text) == []


@pytest.mark.parametrize("text", ["The government - which pays them - refused.", "Talks with the government-", "the government said"])
def test_a_lower_case_alias_not_opening_a_compound_stays_a_mention(text):
    assert len(government_mentions(text)) == 1


# --- an outlet's title opened by a generic media word, after a word that puts an outlet there --------------------------

@pytest.mark.parametrize("text, outlet", [
    ("Speaking to Radio Vexby on Monday, Dr Jo Bell said she was tired.", "Radio Vexby"),
    ("According to Channel Vexby, the board met twice.", "Channel Vexby"),
    ("He told News Vexhub the strike would go ahead.", "News Vexhub"),
])
def test_a_title_opened_by_a_generic_media_word_after_an_outlet_cue_is_an_outlet(text, outlet):
    assert (outlet, None) in organisations(text)


def test_a_persons_name_after_an_outlet_cue_stays_a_person():
    text = "She told Jo Bell that talks were over."
    assert organisations(text) == [] and people(text) == ["Jo Bell"]


# --- a legislature by its short name (a word of kind organisation in the vocabulary file) ------------------------------

def _legislature_words() -> list[str]:
    from scripts.extract.lexicon import NAME_WORDS
    return sorted(NAME_WORDS.organisations)


@pytest.mark.parametrize("shape", ["She told the {w} it was time for a deal.", "Ministers faced the {w} on Tuesday.",
                                   "MPs in the {w}' tea room agreed." ])
def test_a_legislatures_short_name_from_the_vocabulary_is_a_mention(shape):
    from scripts.extract.lexicon import NAME_WORDS
    word = next(w for w in _legislature_words() if w.endswith("s") and w in NAME_WORDS.organisations)
    assert (word, None) in organisations(shape.format(w=word))


# --- a picture's credit: the photographer, and the agency or outlet after a slash --------------------------------------

@pytest.mark.parametrize("text, person, agency", [
    ("Doctors on the picket line (Image: Jo Bell/Vexby Courier)\nMore text.", "Jo Bell", "Vexby Courier"),
    ("Doctors on the picket line. Picture: Jo Bell / Kestrel Images\nMore text.", "Jo Bell", "Kestrel Images"),
    ("A rally in the square. Photo: Sam Poole/Quillet News", "Sam Poole", "Quillet News"),
])
def test_a_credit_names_the_photographer_and_the_agency_after_the_slash(text, person, agency):
    assert person in people(text) and (agency, None) in organisations(text)


@pytest.mark.parametrize("text", ["The rate/hour of pay rose. See Image: 3 / 4 of them.",
                                  "A vote of 98/100 members. Picture: a crowd of doctors"])
def test_a_slash_or_a_credit_word_without_a_credit_shape_names_nobody(text):
    assert organisations(text) == [] and people(text) == []


# --- items of one list are of one kind: a pair listed with a place or a thing is no person ------------------------------

@pytest.mark.parametrize("text", [
    "Health boards across the country, including Brackmoor Bay, Hywel Vale and Cwm Tarn Morrow, said plans were ready.",
    "Boards including Hywel Vale and Brackmoor Bay said so.",
    "Services at Hywel Vale, Upper Tarn and Easton Marl were cut.",
])
def test_a_capitalised_pair_listed_with_a_place_or_a_thing_is_no_person(text):
    assert people(text) == []


@pytest.mark.parametrize("text, named", [
    ("Speakers included Jo Bell, Sam Poole and Mira Tallis.", ["Jo Bell", "Sam Poole", "Mira Tallis"]),
    ("The head of Vexby Health Wales, Jo Bell, warned of delays.", ["Jo Bell"]),
])
def test_a_list_of_people_or_an_appositive_after_a_place_stays_people(text, named):
    assert people(text) == named


# --- a capitalised pair right before 'of' and a body the text names is a person of that body --------------------------

@pytest.mark.parametrize("text, person", [
    ("Mira Tallis of the Vexby Trust warned of delays.", "Mira Tallis"),
    ("Sam Poole of the KDA agreed with the union.", "Sam Poole"),
    ("The offer was poor, Jo Bell of Vexby Carers' Association argued.", "Jo Bell"),
])
def test_a_pair_before_of_and_a_named_body_is_a_person(text, person):
    assert person in people(text)


@pytest.mark.parametrize("text", ["Talks on the Vexby Future of the KDA were held.", "Prince Vexby of Marl visited."])
def test_a_pair_before_of_and_no_named_body_is_no_person(text):
    assert people(text) == []


# --- a kind of body in lower case right before a capitalised name names it -------------------------------------------

@pytest.mark.parametrize("text, body", [
    ("The campaign group Doctors' Voice said pay had collapsed.", "Doctors' Voice"),
    ("According to the charity Hope Vexby, patients waited longer.", "Hope Vexby"),
    ("The think tank Marl Futures agreed with the doctors.", "Marl Futures"),
    ("The watchdog Vexcare found problems at two hospitals.", "Vexcare"),
])
def test_a_kind_of_body_before_a_capitalised_name_names_a_body(text, body):
    assert (body, None) in organisations(text)


@pytest.mark.parametrize("text", [
    "The charity Jo Bell founded in 2010 backed the strike.",   # a person who founded it
    "A union Monday meeting was held.",                        # a weekday
    "A charity in Wales said so. The broadcaster said no.",    # no name after the kind
])
def test_a_kind_of_body_before_no_name_of_a_body_names_none(text):
    assert [n for n, _ in organisations(text)] == []


# --- a site's title ending in 'Live' is an outlet; a live blog's heading is not --------------------------------------

@pytest.mark.parametrize("text, outlet", [
    ("Dr Sam Poole told Vexby Live that the strike was needed.", "Vexby Live"),
    ("Get the latest news from Marl Live.", "Marl Live"),
    ("Read more on North Vexby Live, the site said.", "North Vexby Live"),
])
def test_a_title_ending_in_live_on_a_line_of_prose_is_an_outlet(text, outlet):
    assert (outlet, None) in organisations(text) and outlet not in people(text)


@pytest.mark.parametrize("text", ["Junior Doctors Strike Live", "Watch Live: doctors march through Vexby",
                                  "Follow Live updates here."])
def test_a_live_blogs_heading_or_an_imperative_is_no_outlet(text):
    assert organisations(text) == []


# --- the candidate tables' kind guess for the shapes above -------------------------------------------------------------

def test_the_kind_guess_of_a_devolved_party_and_a_live_site():
    from scripts.extract.candidates import kind_guess
    assert kind_guess(f"Welsh {_party_word()}", "organisation") == "political_party"
    assert kind_guess("Vexby Live", "organisation") == "news_outlet"
    assert kind_guess("Vexby Lantern Society", "organisation") == "association"  # a head word still decides first
