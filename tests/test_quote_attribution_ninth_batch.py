"""Issue 8, tenth session: shapes read in the ninth real-text batch's misses (`ru`, `rv`, `rw`), each tested on
constructed copy with invented names, with near misses beside it: a title written with a full stop in a pair of
speakers, 'was quoted (as) saying' after a quotation, and 'called off' that is no verb of saying."""
from __future__ import annotations

import pytest

from tests.test_extract_quotes import quotes


def _speakers(article: str) -> list[tuple[str | None, str]]:
    return [(r["speaker_name"], r["speaker_method"]) for r in quotes(article)]


@pytest.mark.parametrize("titles", [("Dr.", "Dr."), ("Dr", "Dr."), ("Dr.", "Dr"), ("Prof.", "Mr.")])
def test_two_speakers_with_titles_written_with_a_full_stop_speak_jointly(titles):
    first, second = titles
    article = (f"The union launched a poster campaign.\n\n{first} Alma Brook and {second} Tomas Reyes, the "
               "committee's co-chairs, said: “Is this really all we are worth? We think not.”")
    assert _speakers(article) == [("Alma Brook and Tomas Reyes", "joint")]


def test_one_speaker_with_a_title_written_with_a_full_stop_is_named_without_it():
    assert _speakers("Turnout was high.\n\nDr. Tomas Reyes said: “We have a mandate.”") == [("Tomas Reyes", "named")]


@pytest.mark.parametrize("tail", ["were quoted saying as the count closed on Friday.",
                                  "were quoted as saying.", "have been quoted as saying."])
def test_was_quoted_saying_after_a_quotation_gives_its_speaker_as_said_would(tail):
    article = f"Turnout was high.\n\n“Members have spoken loudly and clearly,” Dr Alma Brook and Dr Tomas Reyes {tail}"
    assert _speakers(article) == [("Alma Brook and Tomas Reyes", "joint")]


def test_a_description_quoted_saying_is_not_given_a_body_named_in_it():
    article = ("Hospitals braced for the walkout.\n\n“We will have to cancel planned operations,” the Vexby Health chief "
               "was quoted saying.")
    assert _speakers(article)[0][0] is None


def test_a_participle_after_a_quotation_without_quoted_still_gives_no_speaker():
    article = "The leaflet read “strike now” in red, saying more than it meant."
    assert all(name is None for name, _ in _speakers(article))


@pytest.mark.parametrize("subject", ["first minister Alun Pryce", "Alun Pryce", "the first minister, Alun Pryce,"])
def test_called_off_is_no_verb_of_saying_so_the_clause_that_says_gives_the_speaker(subject):
    article = (f"Nurses in Vexshire called off Monday's walkout once {subject} said he could put forward a "
               "settlement ‘bigger than any since the war’.")
    assert _speakers(article) == [("Alun Pryce", "named")]

