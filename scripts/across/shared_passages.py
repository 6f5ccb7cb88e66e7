"""Derived tables: text two articles share (wire copy, a reused paragraph), and how much each pair shares.

Articles are compared as sequences of normalised words (lower case, curly apostrophes folded, punctuation and
whitespace dropped), each word keeping its character offsets in the article so that a shared run of words maps
back to an exact span of each article. A shared passage is a maximal run of at least MIN_SHARED_WORDS words that
occurs in both articles, wherever it stands in each (reordered paragraphs are still found).

A run made only of quoted words is kept but flagged quotation_only, and does not count towards a pair's share:
two outlets quoting the same tweet have reported the same words, which is no sign that one copied the other (the
statements table links such reports). A run is copy when at least MIN_SHARED_WORDS of its words lie outside
quotation spans in both articles; the quoted words inside such a run are part of the copy.

Pairs of articles are never enumerated: SharedRunIndex hashes every run of MIN_SHARED_WORDS words of the corpus
and only windows whose hash occurs in two articles or more are looked at, so the cost grows with the corpus's
words and with what is actually shared. source_pairs has one row per pair of articles sharing at least one
passage (quotation-only included); a pair with no row shares nothing (a share of 0).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scripts.package.tables import frame_from_records
from scripts.package.tableschema import load_schema

# Eight words: shorter runs turn up between independent reports of the same facts ("junior doctors in the
# British Medical Association"); 8+ words in the same order outside quotation marks is copy.
MIN_SHARED_WORDS = 8

_WORD = re.compile(r"\w+(?:['’ʼ]\w+)*")
_HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant: the n-gram hash is a polynomial in it


@dataclass(frozen=True)
class Word:
    key: str    # normalised form compared across articles
    start: int  # offsets of the word as written in the text
    end: int


def _normalise(word: str) -> str:
    return word.lower().replace("’", "'").replace("ʼ", "'")


def normalised_words(text: str) -> list[Word]:
    """The words of text, lower-cased with apostrophes folded, each with its offsets in text."""
    return [Word(_normalise(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def normalised_key(text: str) -> tuple[str, ...]:
    """What two texts must have in common to count as the same words: the normalised word sequence."""
    return tuple(_normalise(w) for w in _WORD.findall(text))


@dataclass(frozen=True)
class Run:
    """Words a[i:i+length] equal words b[j:j+length]."""
    i: int
    j: int
    length: int


def shared_runs(a: list[Word], b: list[Word], min_words: int = MIN_SHARED_WORDS) -> list[Run]:
    """Every maximal run of at least min_words equal words between a and b, in (i, j) order (two texts only;
    a corpus goes through SharedRunIndex)."""
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


class SharedRunIndex:
    """Every maximal run of >= min_words equal words between any two texts of a corpus, found from an index.

    Each text's normalised words become integer ids; every window of min_words ids gets a 64-bit polynomial hash.
    Only hashes that occur in two texts or more are candidates, and a candidate pair of windows becomes a run
    when the words before them differ (else it lies inside a run that starts earlier); the run is then extended
    word by word, which also rules out a hash collision (fewer than min_words equal words). The work grows with
    the number of words plus the number of shared windows, never with the number of pairs of texts: texts that
    share nothing are never compared. This yields exactly the runs shared_runs yields for each pair.
    """

    def __init__(self, texts: list[str], min_words: int = MIN_SHARED_WORDS):
        self.min_words = min_words
        vocabulary: dict[str, int] = {}
        ids, lengths = [], []
        for text in texts:
            keys = _normalise("\x00".join(_WORD.findall(text))).split("\x00") if text else []
            keys = keys if keys != [""] else []
            ids.append(np.fromiter((vocabulary.setdefault(k, len(vocabulary)) for k in keys), np.int64, len(keys)))
            lengths.append(len(keys))
        self.lengths = np.asarray(lengths, dtype=np.int64)
        self.offsets = np.concatenate(([0], np.cumsum(self.lengths)))
        self.ids = np.concatenate(ids) if ids else np.zeros(0, np.int64)

    def _window_starts(self) -> tuple[np.ndarray, np.ndarray]:
        """(global position, hash) of every window of min_words words that lies inside one text."""
        n, total = self.min_words, len(self.ids)
        if total < n:
            return np.zeros(0, np.int64), np.zeros(0, np.uint64)
        words = self.ids.astype(np.uint64) + np.uint64(1)
        hashes = np.zeros(total - n + 1, np.uint64)
        with np.errstate(over="ignore"):
            for k in range(n):
                hashes = hashes * _HASH_MULTIPLIER + words[k:total - n + 1 + k]
        inside = np.zeros(total - n + 1, bool)
        for start, length in zip(self.offsets[:-1], self.lengths):
            if length >= n:
                inside[start:start + length - n + 1] = True
        positions = np.flatnonzero(inside)
        return positions, hashes[positions]

    def runs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(text a, word i in a, text b, word j in b, length) of every run, a < b, as arrays."""
        positions, hashes = self._window_starts()
        ordered = np.sort(hashes)
        repeated = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
        del ordered
        candidate = np.isin(hashes, repeated)
        positions, hashes = positions[candidate], hashes[candidate]
        text = np.searchsorted(self.offsets, positions, side="right") - 1
        order = np.lexsort((positions, hashes))  # by hash, then text, then position
        positions, hashes, text = positions[order], hashes[order], text[order]
        # every pair (x, y), x < y, of entries with the same hash: x's partners are the entries after it in its group
        group_end = np.searchsorted(hashes, hashes, side="right")
        partners = group_end - np.arange(len(hashes)) - 1
        x = np.repeat(np.arange(len(hashes)), partners)
        y = x + 1 + (np.arange(len(x)) - np.repeat(np.cumsum(partners) - partners, partners))
        keep = text[x] != text[y]
        gi, gj = positions[x[keep]], positions[y[keep]]
        ta, tb = text[x[keep]], text[y[keep]]
        i, j = gi - self.offsets[ta], gj - self.offsets[tb]
        starts = (i == 0) | (j == 0)
        starts[~starts] = self.ids[gi[~starts] - 1] != self.ids[gj[~starts] - 1]
        gi, gj, ta, tb, i, j = gi[starts], gj[starts], ta[starts], tb[starts], i[starts], j[starts]
        # extend every run while the next words are equal (and inside both texts)
        length = np.zeros(len(gi), np.int64)
        active = np.arange(len(gi))
        room = np.minimum(self.lengths[ta] - i, self.lengths[tb] - j)
        while len(active):
            active = active[length[active] < room[active]]
            same = self.ids[gi[active] + length[active]] == self.ids[gj[active] + length[active]]
            length[active[same]] += 1
            active = active[same]
        real = length >= self.min_words  # a hash collision gives a shorter run: not a shared passage
        return ta[real], i[real], tb[real], j[real], length[real]


def _word_offsets(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the words normalised_words finds, as arrays (much smaller than Word objects)."""
    spans = [m.span() for m in _WORD.finditer(text)]
    offsets = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    return offsets[:, 0].copy(), offsets[:, 1].copy()


def _quoted_counts(starts: np.ndarray, ends: np.ndarray, quote_spans: list[tuple[int, int]]) -> np.ndarray:
    """Cumulative count of quoted words: counts[k] = words among the first k that lie inside a quotation."""
    quoted = np.zeros(len(starts), bool)
    for start, end in quote_spans:
        first, stop = np.searchsorted(starts, start, side="left"), np.searchsorted(ends, end, side="right")
        quoted[first:stop] = True
    return np.concatenate(([0], np.cumsum(quoted)))


def _quote_spans(frames: dict[str, pd.DataFrame]) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    quotes = frames.get("quotes")
    if quotes is not None:
        for source_id, start, end in quotes[["source_id", "start", "end"]].itertuples(index=False):
            spans.setdefault(source_id, []).append((int(start), int(end)))
    return spans


def find_shared_passages(articles: dict[str, str], quote_spans: dict[str, list[tuple[int, int]]]) -> list[dict]:
    """Both sides of every shared passage between any two articles, as shared_passages records."""
    ids = sorted(articles)
    ta, ia, tb, jb, lengths = SharedRunIndex([articles[s] for s in ids]).runs()
    offsets: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    quoted: dict[int, np.ndarray] = {}
    for t in sorted(set(ta.tolist()) | set(tb.tolist())):  # offsets and quotations only where something is shared
        offsets[t] = _word_offsets(articles[ids[t]])
        quoted[t] = _quoted_counts(*offsets[t], quote_spans.get(ids[t], []))
    records = []
    for a, i, b, j, length in zip(ta.tolist(), ia.tolist(), tb.tolist(), jb.tolist(), lengths.tolist()):
        a_id, b_id = ids[a], ids[b]
        prose_a = length - int(quoted[a][i + length] - quoted[a][i])
        prose_b = length - int(quoted[b][j + length] - quoted[b][j])
        quotation_only = min(prose_a, prose_b) < MIN_SHARED_WORDS
        a_span = (int(offsets[a][0][i]), int(offsets[a][1][i + length - 1]))
        b_span = (int(offsets[b][0][j]), int(offsets[b][1][j + length - 1]))
        for (own, own_span), (other, other_span) in (((a_id, a_span), (b_id, b_span)),
                                                      ((b_id, b_span), (a_id, a_span))):
            records.append({"source_id": own, "start": own_span[0], "end": own_span[1],
                            "text": articles[own][own_span[0]:own_span[1]],
                            "other_source_id": other, "other_start": other_span[0], "other_end": other_span[1],
                            "words": length, "characters": own_span[1] - own_span[0],
                            "quotation_only": quotation_only})
    return sorted(records, key=lambda r: (r["source_id"], r["start"], r["other_source_id"], r["other_start"]))


def shared_passages(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> list[dict]:
    return find_shared_passages(articles, _quote_spans(frames))


def make_shared_passage_tables(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> dict[str, pd.DataFrame]:
    """shared_passages and source_pairs from one search of the articles."""
    passages = shared_passages(frames, articles)
    return {"shared_passages": frame_from_records(passages, load_schema("shared_passages")),
            "source_pairs": frame_from_records(pair_records(passages, articles), load_schema("source_pairs"))}


def make_shared_passages(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pd.DataFrame:
    return make_shared_passage_tables(frames, articles)["shared_passages"]


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
    """One source_pairs record per unordered pair of articles that share at least one passage (quotation-only
    passages are counted but left out of the shares); pairs that share nothing have no record."""
    pairs: dict[tuple[str, str], dict[str, list]] = {}
    for p in passages:
        a_id, b_id = sorted((p["source_id"], p["other_source_id"]))
        pair = pairs.setdefault((a_id, b_id), {"a": [], "b": [], "quotations": 0})
        if p["quotation_only"]:
            pair["quotations"] += p["source_id"] == a_id  # each passage once, from its first article's side
        else:
            pair["a" if p["source_id"] == a_id else "b"].append((p["start"], p["end"]))
    records = []
    for (a_id, b_id), pair in sorted(pairs.items()):
        a_shared, b_shared = _covered(pair["a"]), _covered(pair["b"])
        records.append({"source_id": a_id, "other_source_id": b_id,
                        "shared_characters": a_shared, "other_shared_characters": b_shared,
                        "share": round(a_shared / len(articles[a_id]), 4) if articles[a_id] else 0.0,
                        "other_share": round(b_shared / len(articles[b_id]), 4) if articles[b_id] else 0.0,
                        "passages": len(pair["a"]), "quotation_only_passages": pair["quotations"]})
    return records


def make_source_pairs(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pd.DataFrame:
    return make_shared_passage_tables(frames, articles)["source_pairs"]
