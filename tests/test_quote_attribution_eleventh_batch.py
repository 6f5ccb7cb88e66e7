"""Issue 8, eleventh session: shapes read in the eleventh real-text batch's misses (`rx`..`sc`), each tested on
constructed copy with invented names, with near misses beside it: a relative clause left open before the verb, a
headline that opens with a quotation and credits it after a colon, a press release's 'X comments on Y', and an NHS
trust whose head word is written in lower case."""
from __future__ import annotations

import pytest

from scripts.extract.lexicon import Lexicon
from scripts.extract.mentions import extract_mentions
from tests.test_extract_quotes import quotes

NHS = Lexicon.from_rows([{"organisation_id": "nhs", "alias": "NHS", "case_sensitive": "true"}], [], [])


def _organisations(article: str) -> list[str]:
    return [r["text"] for r in extract_mentions(article, "test-source", NHS) if r["entity_kind"] == "organisation"]


def _speakers(article: str) -> list[tuple[str | None, str]]:
    return [(r["speaker_name"], r["speaker_method"]) for r in quotes(article)]


@pytest.mark.parametrize("subject, speaker", [
    ("On its website Vexby Health Trust (VHT), which also runs Marl Hospital", "Vexby Health Trust"),
    ("The Marl Midwives Association, which represents 40,000 nurses", "Marl Midwives Association"),
    ("Alma Brook, who chairs the Marl Midwives Association", "Alma Brook"),
    ("Dr Alma Brook, chief officer at Vexby Health Trust (VHT), which runs Marl Hospital", "Alma Brook"),
])
def test_a_relative_clause_left_open_before_the_verb_describes_the_speaker_before_it(subject, speaker):
    article = f"Patients were warned of delays.\n\n{subject} said: “Bear with us while we rebook clinics.”"
    assert _speakers(article)[0][0] == speaker


def test_a_relative_clause_after_a_phrase_that_names_no_one_gives_the_name_that_heads_the_verb():
    article = "Talks went on.\n\nAfter the meeting, which lasted an hour Tomas Reyes said: “We are no closer.”"
    assert _speakers(article) == [("Tomas Reyes", "named")]


@pytest.mark.parametrize("headline, later, speaker", [
    ("‘There is no bottomless purse’: Reyes addresses doctors’ pay row",
     "Prime Minister Tomas Reyes said on Monday that pay would not rise.", "Tomas Reyes"),
    ("‘It is a tough job’: Health Minister quiet on her future",
     "Health Minister Alma Brook was asked about her future on Monday.", "Alma Brook"),
    ("“Devastating”: Marl Midwives Association slams pay offer", "The Marl Midwives Association met on Monday.",
     "Marl Midwives Association"),
])
def test_a_headline_quotation_is_credited_to_the_subject_after_its_colon(headline, later, speaker):
    assert _speakers(f"{headline}\n\n{later}\n")[0][0] == speaker


@pytest.mark.parametrize("headline", ["‘Grim’: Patients face long waits as doctors strike",
                                      "Strike latest: ‘We are ready’ as talks stall"])
def test_a_headline_whose_colon_heads_no_person_or_body_credits_no_one(headline):
    assert all(name is None for name, _ in _speakers(f"{headline}\n\nPatients waited for hours on Monday.\n"))


def test_a_quotation_later_in_a_headline_line_is_not_credited_after_a_colon():
    article = "Strike day\n\nNurses said “enough”: Tomas Reyes disagreed with them on Monday.\n"
    assert all(name != "Tomas Reyes" for name, _ in _speakers(article))


def test_a_press_release_x_comments_on_y_introduces_the_quoted_paragraphs_after_it():
    article = ("Think tank comments on strikes\n\nAlma Brook, Chief Analyst at the Marl Fund comments on the strikes "
               "in the NHS, ahead of the walkout on Thursday.\n\n‘The first task for whoever wins the vote will be "
               "settling the dispute.\n\n‘Other staff have settled already.’\n")
    assert _speakers(article) == [("Alma Brook", "named"), ("Alma Brook", "continuation")]


@pytest.mark.parametrize("lead", ["Alma Brook's comments on pay angered doctors.",
                                  "In comments on Monday, the guild was clear."])
def test_comments_as_a_noun_introduces_no_one(lead):
    assert all(name is None for name, _ in _speakers(f"{lead}\n\n“We need a deal.”\n"))


@pytest.mark.parametrize("written, name", [
    ("A spokesman for the Vexby and North Marl NHS trust said", "Vexby and North Marl NHS trust"),
    ("Dr Alma Brook, chief medical officer at East Marl NHS Foundation trust, said", "East Marl NHS Foundation trust"),
    ("Staff at Tillby NHS trust said", "Tillby NHS trust"),
])
def test_an_nhs_trust_with_a_lower_case_head_is_one_organisation(written, name):
    organisations = _organisations(f"{written} services were stretched.\n")
    assert name in organisations and "NHS" not in organisations


def test_the_nhs_trust_without_places_is_the_nhs():
    assert _organisations("The NHS trust said services were stretched.\n") == ["NHS"]


def test_a_spokesperson_for_an_nhs_trust_with_a_lower_case_head_speaks_for_it():
    article = ("Services were hit.\n\nA spokesman for the Vexby and North Marl NHS trust said: ‘Our wards stay open "
               "for urgent care.’")
    assert _speakers(article) == [("Vexby and North Marl NHS trust", "organisation-spokesperson")]


@pytest.mark.parametrize("body, organisation_id", [("Vexby NHS Foundation Trust", None),
                                                   ("the Vexby and North Marl NHS trust", None), ("the NHS", "nhs")])
def test_a_body_nobody_curated_keeps_no_id_of_a_curated_name_inside_it(body, organisation_id):
    from scripts.extract.quotes import extract_quotes
    article = f"Services were hit.\n\nA spokesman for {body} said: ‘Our wards stay open for urgent care.’"
    assert [r["speaker_organisation_id"] for r in extract_quotes(article, "test-source", NHS)] == [organisation_id]
