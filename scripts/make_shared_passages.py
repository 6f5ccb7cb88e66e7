"""Derived tables: text two articles share (wire copy, a reused paragraph), and how much each pair shares.

Articles are compared as sequences of normalised words (lower case, curly apostrophes folded, punctuation and
whitespace dropped), each word keeping its character offsets in the article so that a shared run of words maps
back to an exact span of each article. A shared passage is a maximal run of at least MIN_SHARED_WORDS words that
occurs in both articles, wherever it stands in each (reordered paragraphs are still found).

A run made only of quoted words is kept but flagged quotation_only, and does not count towards a pair's share:
two outlets quoting the same tweet have reported the same words, which is no sign that one copied the other (the
statements table links such reports). A run is copy when at least MIN_SHARED_WORDS of its words lie outside
quotation spans in both articles; the quoted words inside such a run are part of the copy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from scripts.tables import frame_from_records
from scripts.tableschema import load_schema

# Eight words: shorter runs turn up between independent reports of the same facts ("junior doctors in the
# British Medical Association"); 8+ words in the same order outside quotation marks is copy.
MIN_SHARED_WORDS = 8

_WORD = re.compile(r"\w+(?:['’ʼ]\w+)*")


@dataclass(frozen=True)
class Word:
    key: str    # normalised form compared across articles
    start: int  # offsets of the word as written in the text
    end: int


def normalised_words(text: str) -> list[Word]:
    """The words of text, lower-cased with apostrophes folded, each with its offsets in text."""
    return [Word(m.group().lower().replace("’", "'").replace("ʼ", "'"), m.start(), m.end())
            for m in _WORD.finditer(text)]


def normalised_key(text: str) -> tuple[str, ...]:
    """What two texts must have in common to count as the same words: the normalised word sequence."""
    return tuple(w.key for w in normalised_words(text))


@dataclass(frozen=True)
class Run:
    """Words a[i:i+length] equal words b[j:j+length]."""
    i: int
    j: int
    length: int


def shared_runs(a: list[Word], b: list[Word], min_words: int = MIN_SHARED_WORDS) -> list[Run]:
    """Every maximal run of at least min_words equal words between a and b, in (i, j) order."""
    a_keys, b_keys = [w.key for w in a], [w.key for w in b]
    positions: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(b_keys) - min_words + 1):
        positions.setdefault(tuple(b_keys[j:j + min_words]), []).append(j)
    runs = []
    for i in range(len(a_keys) - min_words + 1):
        for j in positions.get(tuple(a_keys[i:i + min_words]), []):
            if i and j and a_keys[i - 1] == b_keys[j - 1]:
                continue  # inside a run that started earlier
            length = min_words
            while i + length < len(a_keys) and j + length < len(b_keys) and a_keys[i + length] == b_keys[j + length]:
                length += 1
            runs.append(Run(i, j, length))
    return runs


def _quoted(words: list[Word], quote_spans: list[tuple[int, int]]) -> list[bool]:
    return [any(s <= w.start and w.end <= e for s, e in quote_spans) for w in words]


def _quote_spans(frames: dict[str, pd.DataFrame]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    quotes = frames.get("quotes")
    if quotes is not None:
        for source_id, start, end in quotes[["source_id", "start", "end"]].itertuples(index=False):
            spans.setdefault(source_id, []).append((int(start), int(end)))
    return spans


def find_shared_passages(articles: dict[str, str], quote_spans: dict[str, list[tuple[int, int]]]) -> list[dict]:
    """Both sides of every shared passage between every pair of articles, as shared_passages records."""
    words = {source_id: normalised_words(text) for source_id, text in articles.items()}
    quoted = {source_id: _quoted(words[source_id], quote_spans.get(source_id, [])) for source_id in articles}
    records = []
    for a_id, b_id in combinations(sorted(articles), 2):
        a, b = words[a_id], words[b_id]
        for run in shared_runs(a, b):
            prose_a = run.length - sum(quoted[a_id][run.i:run.i + run.length])
            prose_b = run.length - sum(quoted[b_id][run.j:run.j + run.length])
            quotation_only = min(prose_a, prose_b) < MIN_SHARED_WORDS
            a_span = (a[run.i].start, a[run.i + run.length - 1].end)
            b_span = (b[run.j].start, b[run.j + run.length - 1].end)
            for (own, own_span), (other, other_span) in (((a_id, a_span), (b_id, b_span)),
                                                          ((b_id, b_span), (a_id, a_span))):
                records.append({"source_id": own, "start": own_span[0], "end": own_span[1],
                                "text": articles[own][own_span[0]:own_span[1]],
                                "other_source_id": other, "other_start": other_span[0], "other_end": other_span[1],
                                "words": run.length, "characters": own_span[1] - own_span[0],
                                "quotation_only": quotation_only})
    return sorted(records, key=lambda r: (r["source_id"], r["start"], r["other_source_id"], r["other_start"]))


def make_shared_passages(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pd.DataFrame:
    records = find_shared_passages(articles, _quote_spans(frames))
    return frame_from_records(records, load_schema("shared_passages"))


def _covered(spans: list[tuple[int, int]]) -> int:
    """Characters covered by the union of spans."""
    covered, reach = 0, 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            covered += end - start
            reach = end
    return covered


def pair_records(passages: list[dict], articles: dict[str, str]) -> list[dict]:
    """One source_pairs record per unordered pair of articles, sharing or not; quotation-only passages left out."""
    records = []
    for a_id, b_id in combinations(sorted(articles), 2):
        quotations = sum(p["quotation_only"] for p in passages if p["source_id"] == a_id and p["other_source_id"] == b_id)
        copy = [p for p in passages if not p["quotation_only"]]
        a_spans = [(p["start"], p["end"]) for p in copy if p["source_id"] == a_id and p["other_source_id"] == b_id]
        b_spans = [(p["start"], p["end"]) for p in copy if p["source_id"] == b_id and p["other_source_id"] == a_id]
        a_shared, b_shared = _covered(a_spans), _covered(b_spans)
        records.append({"source_id": a_id, "other_source_id": b_id,
                        "shared_characters": a_shared, "other_shared_characters": b_shared,
                        "share": round(a_shared / len(articles[a_id]), 4) if articles[a_id] else 0.0,
                        "other_share": round(b_shared / len(articles[b_id]), 4) if articles[b_id] else 0.0,
                        "passages": len(a_spans), "quotation_only_passages": quotations})
    return records


def make_source_pairs(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pd.DataFrame:
    passages = find_shared_passages(articles, _quote_spans(frames))
    return frame_from_records(pair_records(passages, articles), load_schema("source_pairs"))
