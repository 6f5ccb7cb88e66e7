"""Every extractor on hostile text: no exception, and every span is the article's text at its offsets.

The texts mix the pieces of the hostile-input benchmark (scripts/evaluation/benchmark_hostile.py: nested and unclosed
quotation marks, long lines, long digit runs, repeated hedges, capitalised words and date words) with arbitrary
text. Time is measured by that benchmark and pinned by work counts in the figures and dates tests, never by a clock.
"""
import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from scripts.evaluation.benchmark_hostile import CASES, hostile_text
from scripts.extract.dates import extract_dates
from scripts.extract.lexicon import Lexicon
from scripts.extract.tables import extractor

LEXICON = Lexicon.from_curated()
EXTRACTORS = {name: (lambda f: lambda text: f(text, "hostile", LEXICON))(extractor(name))
              for name in ("quotes", "figures", "mentions")}
EXTRACTORS["dates"] = lambda text: extract_dates(text, "hostile", dt.date(2023, 3, 10))

_HOSTILE = st.tuples(st.lists(st.sampled_from(sorted(CASES)), min_size=1, max_size=3), st.integers(0, 1500),
                     st.text(max_size=80)).map(
    lambda t: "".join(hostile_text(case, t[1] // len(t[0])) + t[2][:i] for i, case in enumerate(t[0])) + t[2])


@pytest.mark.parametrize("name", sorted(EXTRACTORS))
@settings(max_examples=60, deadline=None)
@given(text=_HOSTILE)
def test_never_raises_and_every_span_is_the_text(name, text):
    rows = EXTRACTORS[name](text)
    for row in rows:
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert text[row["start"]:row["end"]] == row["text"]


@pytest.mark.parametrize("name", sorted(EXTRACTORS))
@pytest.mark.parametrize("digits", [308, 309, 400, 5000])
def test_a_number_of_hundreds_of_digits_is_data_not_an_exception(name, digits):
    text = f"The union said {'7' * digits} members and 1{'0' * digits} more would strike on Monday."
    rows = EXTRACTORS[name](text)
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
