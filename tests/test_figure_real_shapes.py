"""Figures in shapes met in real copy (issue 8): constructed sentences with invented names and numbers, never
the wording of any article."""
from __future__ import annotations

import pytest

from scripts.extract.figures import extract_figures
from scripts.extract.lexicon import Lexicon

LEXICON = Lexicon.from_rows([], [], [])


def found(text: str) -> list[tuple]:
    """(text, value, value_high, unit, hedge) of every figure in text."""
    return [(r["text"], r["value"], r["value_high"], r["unit"], r["hedge"])
            for r in extract_figures(text, "t", LEXICON)]


def test_a_percent_sign_glued_to_the_next_word_still_ends_its_figure():
    assert found("In the poll, 64%of nurses said no.") == [("64%", 64, None, "percent", "none")]


@pytest.mark.parametrize("text", ["Watch it live on Freeview channel 512 tonight.",
                                  "The debate is on channel 7 tonight."])
def test_a_number_after_channel_is_a_reference_not_a_count(text):
    assert found(text) == []


@pytest.mark.parametrize("text", ["Cite this as: Gazette Med 2023; 412 doi: 10.1000/xyz",
                                  "See Lancet Reports 2021;77 for the trial."])
def test_a_journal_volume_after_year_and_semicolon_is_no_count(text):
    assert found(text) == []


def test_a_count_after_a_year_and_semicolon_in_plain_prose_stays_a_figure():
    assert found("Strikes went on in 2023; 412 wards shut.") == [("412", 412, None, "count", "none")]
