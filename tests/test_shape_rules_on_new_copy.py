"""Shape rules first written from one dev article, tried on constructed copy of other outlets' styles (wire, local
paper, broadcaster, press release): the shape each rule is for, and the near-misses it must not fire on (issue 8).
Every name and sentence here is invented."""
from __future__ import annotations

import pytest

from scripts.extract.lexicon import Lexicon
from scripts.extract.quotes import extract_quotes

LEXICON = Lexicon.from_rows([{"organisation_id": "qda", "alias": "QDA", "case_sensitive": "true"}], [], [])


def quoted(text: str) -> list[str]:
    return [r["text"] for r in extract_quotes(text, "test-source", LEXICON)]


# --- the 'citing' rule: a short phrase in marks that a verb of citing or reporting takes as its object -------------

@pytest.mark.parametrize("text, words", [
    # wire: a participle closing the sentence
    ("The trust declared a critical incident on Tuesday, citing “unprecedented demand”.", "unprecedented demand"),
    # local paper: the object mid-sentence, the sentence going on
    ("One registrar cited “burnout” as the reason she left Tillbrook.", "burnout"),
    # press release: present tense
    ("The board cites “staffing pressures” in its latest paper.", "staffing pressures"),
    # broadcaster: an article between the verb and the words
    ("Managers at the hospital are citing a “perfect storm” of pressures.", "perfect storm"),
    # local paper: the words qualify the verb's object ('waits of ...')
    ("Patients reported waits of “up to ten hours” in the emergency department.", "up to ten hours"),
    ("Staff described long queues, with one nurse citing waits of “over six hours”.", "over six hours"),
])
def test_words_in_marks_that_a_verb_of_citing_takes_as_its_object_are_a_quotation(text, words):
    assert quoted(text) == [words]


@pytest.mark.parametrize("text", [
    # the reporting word is an adjective or a noun after an article or an owner, not a verb
    "Ministers denied the reported “deal” on Monday.",
    "Ministers denied the union’s reported “deal” on Monday.",
    "Staff read the reports on “ghost wards”.",
    # a title in marks names a work, not words
    "The figures were reported by “The Vexby Courier”.",
    "The paper cited “Vexby Tonight” as its source.",
    # a verb of citing whose object is a clause ('that ...'), with the words in marks inside it, is no object
    "Figures cited by the board show that the “ghost wards” were closed in May.",
    # past an article the verb may take a clause: the words in marks are its subject's, not the verb's object
    "The paper reported the “deal” was off.",
])
def test_words_in_marks_after_no_verb_of_citing_stay_a_term(text):
    assert quoted(text) == []


# --- a party's word before a modal or auxiliary verb (mentions._PARTY_MODAL_AFTER) ----------------------------------

def _party_word(plural: bool) -> str:
    """A word of kind not_person from the shipped vocabulary file, so that no party is named here."""
    from scripts.extract.lexicon import NAME_WORDS
    return next(w for w in sorted(NAME_WORDS.not_person) if w.endswith("s") == plural)


def organisations(text: str) -> list[str]:
    from scripts.extract.mentions import extract_mentions
    return [r["text"] for r in extract_mentions(text, "test-source", LEXICON) if r["entity_kind"] == "organisation"]


@pytest.mark.parametrize("shape", [
    "Critics said that {w} should act before the winter.",  # press release
    "Pollsters say {w} are ahead among hospital staff.",  # British copy: a party takes a plural verb
    "Ministers believe {w} can win the argument.",  # broadcaster
    "Doctors fear {w} might scrap the pay review body.",  # local paper
    "Aides conceded on Monday that {w} did not cost the plan.",  # wire
])
def test_a_partys_word_mid_sentence_before_a_modal_or_auxiliary_verb_is_the_party(shape):
    word = _party_word(plural=False)
    assert organisations(shape.format(w=word)) == [word]


@pytest.mark.parametrize("shape", [
    "{w} will take years, the chair said.",  # at a sentence's start the word may be a common noun
    "Strikers filled the {w} was the headline.",  # a singular word after an article is a thing or a person
    "It was a {w} would-be candidate who spoke.",  # a compound, not a verb
])
def test_a_partys_word_before_a_modal_verb_at_a_sentence_start_or_after_an_article_is_no_mention(shape):
    assert organisations(shape.format(w=_party_word(plural=False))) == []


def test_a_partys_plural_word_after_the_opening_a_sentence_is_the_party():
    word = _party_word(plural=True)
    assert organisations(f"The {word} are silent on pay.") == [word]


# --- a paragraph opened by words in capitals (mentions._opens_in_capitals) and a wire dateline ------------------------

@pytest.mark.parametrize("text", [
    "NURSES at Tillbrook General walked out. Many nurses said they were exhausted.",  # local paper: one word
    "JUNIOR DOCTORS in Vexby will strike again.\nMany junior doctors say pay has fallen.",  # two words, the first
    "HOSPITAL BOSSES have warned of delays.\nThe bosses met on Friday.",  # two words, the second
    "Intro paragraph.\nSTAFF shortages are biting, and staff are leaving.",  # a later paragraph
])
def test_words_in_capitals_opening_a_paragraph_and_written_in_lower_case_elsewhere_are_no_acronyms(text):
    assert organisations(text) == []


@pytest.mark.parametrize("text, acronyms", [
    ("QRXA members voted to strike on Monday.", ["QRXA"]),  # an acronym is never written in lower case
    ("UNION leaders met on Monday. Talks failed.", ["UNION"]),  # not written in lower case elsewhere: kept
    ("QRXA BRANCH members voted.\nThe branch met.", ["QRXA"]),  # a word of the run in lower case is not the acronym
    ("Doctors said the BOSSES were wrong about bosses.", ["BOSSES"]),  # mid-paragraph: not the house style
])
def test_an_acronym_opening_a_paragraph_stays_an_organisation(text, acronyms):
    assert organisations(text) == acronyms


@pytest.mark.parametrize("text", [
    "VEXBY (Wire) - Junior doctors walked out on Monday.",  # wire: place, agency, dash
    "PORT VEXBY, March 3 (Wire) \u2014 Junior doctors walked out on Monday.",  # two words and a date
    "Top line\nTILBY (Wire) \u2013 Consultants joined them.",
])
def test_a_place_in_capitals_in_a_wire_dateline_is_no_acronym(text):
    assert [o for o in organisations(text) if o.isupper()] == []


@pytest.mark.parametrize("text", ["QRXA (Wire) said so on Monday.", "The QRXA (Wire) - said so."])
def test_an_acronym_before_brackets_without_a_datelines_dash_at_the_paragraph_start_stays(text):
    assert "QRXA" in organisations(text)


# --- a place word before a body's initials (mentions._with_a_place_before) -------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Staff at Tillby QRH walked out on Tuesday, a spokesperson said.", "Tillby QRH"),  # wire
    ("Patients at the Tillby QRH were told to stay away.", "Tillby QRH"),  # local paper
    ("Bosses at Vexby-on-Sea QRH said services were stretched.", "Vexby-on-Sea QRH"),  # a hyphenated place
    ("Consultants at St Olave QRH walked out.", "St Olave QRH"),  # a place opener
    ("Medics at Port Vexby QRH voted to strike.", "Port Vexby QRH"),
])
def test_a_place_before_a_bodys_initials_mid_sentence_belongs_to_the_name(text, name):
    assert organisations(text) == [name]


def test_a_place_and_initials_named_mid_sentence_are_the_same_name_at_a_sentence_start():
    # press release: the body opens the paragraph, the text names it mid-sentence later
    text = "Tillby QRH said it had cancelled 300 operations.\nPatients at Tillby QRH were told to stay away."
    assert organisations(text) == ["Tillby QRH", "Tillby QRH"]


@pytest.mark.parametrize("text", [
    "Tillby QRH said it had cancelled 300 operations.",  # a sentence's first word alone may be any word
    "It was raised in Thursday QRH meetings.",  # a weekday
    "A Vexian QRH study was published.",  # a nationality
    "The data came from Tallis's QRH survey.",  # an owner
    "Services in Tillby, QRH said, were stretched.",  # a comma between
])
def test_no_place_is_taken_into_initials_without_the_shape(text):
    assert organisations(text) == ["QRH"]


@pytest.mark.parametrize("text", ["By JO BELL, Health Reporter\nJunior doctors walked out on Monday.",
                                  "By JO ANN BELL\nJunior doctors walked out on Monday."])
def test_a_writers_name_in_capitals_on_a_byline_is_no_acronym(text):
    assert organisations(text) == []


@pytest.mark.parametrize("text", ["By QRXA\nJunior doctors walked out.", "By QRXA reporters\nJunior doctors walked out.",
                                  "Talks were led by QRXA QRZ officials."])
def test_initials_after_by_that_are_no_byline_of_a_name_in_capitals_stay_organisations(text):
    assert "QRXA" in organisations(text)
