"""Derived tables: text articles share word for word (wire copy, a reused paragraph), and how much each pair shares.

Articles are compared as sequences of normalised words (lower case, curly apostrophes folded, punctuation and
whitespace dropped), each word keeping its character offsets in the article so that shared words map back to an
exact span of each article. Text counts as shared from MIN_SHARED_WORDS words in the same order, wherever it
stands in each article (reordered paragraphs are still found).

shared_passages has one row per occurrence of a passage (SharedPassageIndex.occurrences): a passage found in k
articles gives k rows with one passage_id, not k(k-1) rows (one per side per pair, the table's form before issue
11: a paragraph that every article of a widely carried story repeats made that form grow with the square of the
corpus). A passage runs as far as the same words are shared by the same articles, so where a third article shares
part of a run two others share, the run is split into passages that can overlap by up to MIN_SHARED_WORDS - 1
words; the words two articles share are exactly the passages with rows in both (tests hold this against
shared_runs, the pair-by-pair definition).

An occurrence made only of quoted words is kept but flagged quotation_only: two outlets quoting the same tweet have
reported the same words, which is no sign that one copied the other (the statements table links such reports).

source_pairs has one row per pair of articles sharing a maximal run of at least MIN_SHARED_WORDS equal words
(SharedPassageIndex.pair_runs, which equals shared_runs on every pair), with the share of each article that such
runs cover; a run counts when at least MIN_SHARED_WORDS of its words lie outside quotation spans in both articles.
Only words found in at most PAIR_LIMIT articles make pairs: a paragraph in k articles makes k(k-1)/2 pairs, so
widely carried copy would make this table quadratic; it stays in shared_passages with its number of articles.

Pairs of articles are never enumerated: every run of MIN_SHARED_WORDS words of the corpus is hashed and only
windows whose hash occurs in two articles or more are looked at, so the cost grows with the corpus's words and
with what is actually shared (for source_pairs, with the pairs of at most PAIR_LIMIT articles per window).

What depends on one article alone, its words' 64-bit hashes and their character offsets (ArticleWords), is kept
with the build's --cache folder in a memo keyed by the article's sha256 (scripts/across/memo.py), so a rebuild after
articles were added reads the articles it has seen instead of splitting them into words again; the tables are the
same with or without the memo.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from scripts.inputs.articles import TextsInOrder as _TextsInOrder, text_length
from scripts.memory import release_memory
from scripts.package.tables import frame_from_columns
from scripts.package.tableschema import load_schema

# Eight words: shorter runs turn up between independent reports of the same facts ("junior doctors in the
# British Medical Association"); 8+ words in the same order outside quotation marks is copy.
MIN_SHARED_WORDS = 8
# A passage found in more articles than this (wire copy carried widely, boilerplate) is not broken into pairs in
# source_pairs: k articles would give k(k-1)/2 pairs. Its spread is in shared_passages.sources.
PAIR_LIMIT = 20

_APOSTROPHES = "'’ʼ"  # join word characters into one word (_WORD); _word_offsets reads the same set
_WORD = re.compile(rf"\w+(?:[{_APOSTROPHES}]\w+)*")
_HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constants: the n-gram hashes are polynomials in them
_SECOND_MULTIPLIER = np.uint64(0xC2B2AE3D27D4EB4F)
_WINDOW_BLOCK = 1 << 20  # windows looked up at a time among the repeated hashes (an int64 array of this size)
MEMO_SEGMENT_TEXTS = 16_384  # new texts' words stored in the memo at a time (ArticleWords)


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


_RIGHT_QUOTE_AS_APOSTROPHE = str.maketrans({"’": "'"})  # not a word character: folding it first splits no word


def normalised_key(text: str) -> tuple[str, ...]:
    """What two texts must have in common to count as the same words: the normalised word sequence."""
    folded = text.translate(_RIGHT_QUOTE_AS_APOSTROPHE)
    if folded.isascii():  # lower-casing ASCII text whole gives each word's lower case (and no ʼ is left to fold)
        return tuple(_WORD.findall(folded.lower()))
    return tuple(_normalise(w) for w in _WORD.findall(folded))


@dataclass(frozen=True)
class Run:
    """Words a[i:i+length] equal words b[j:j+length]."""
    i: int
    j: int
    length: int


def shared_runs(a: list[Word], b: list[Word], min_words: int = MIN_SHARED_WORDS) -> list[Run]:
    """Every maximal run of at least min_words equal words between a and b, in (i, j) order (two texts only;
    a corpus goes through SharedPassageIndex)."""
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


def _word_hash(word: str) -> int:
    """A normalised word's 64-bit hash: the same word gets the same number in every article and every build."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


class ArticleWords:
    """Per text (in the order given): its normalised words' hashes (_word_hash) and the words' (starts, ends).

    With cache_dir, both come from the memo for the texts it holds, and the others are computed and added to it.
    Offsets are never held for every text (at 100,000 articles they would take hundreds of MB): a text's are
    computed, or cut from the memo's int32 columns, each time they are asked for (only texts that share words)."""

    def __init__(self, texts: list[str], cache_dir=None):
        self.texts = texts
        self._hash_of: dict[str, int] = {}
        self._rows: dict[int, tuple[int, int]] = {}  # text -> its words' place in the memo's columns
        if cache_dir is None:
            self.hashes = [self._hashes(text) for text in texts]
            self._hash_of = {}  # the corpus's vocabulary is not needed once every text is hashed
            return
        import pyarrow as pa

        from scripts.across.memo import ArticleMemo, text_key
        memo = ArticleMemo(cache_dir, "article-words", __name__,
                           [pa.field("words", pa.list_(pa.uint64())), pa.field("starts", pa.list_(pa.int32())),
                            pa.field("ends", pa.list_(pa.int32()))],
                           depends_on=f"{_WORD.pattern} blake2b-8")
        keys = [text_key(text) for text in texts]
        found = memo.lookup(keys)
        row_of = {key: row for row, key in enumerate(found["text_sha256"].to_pylist())}
        columns = {name: found[name].combine_chunks() for name in ("words", "starts", "ends")}
        bounds = columns["words"].offsets.to_numpy()  # the three lists of a row have one length
        values = {name: column.values.to_numpy() for name, column in columns.items()}
        self._starts, self._ends = values["starts"], values["ends"]
        self.hashes, new, stored = [], {}, set()
        for t, (text, key) in enumerate(zip(texts, keys)):
            row = row_of.get(key)
            if row is not None:
                low, high = int(bounds[row]), int(bounds[row + 1])
                self.hashes.append(values["words"][low:high])
                self._rows[t] = (low, high)
                continue
            self.hashes.append(self._hashes(text))
            if key not in new and key not in stored and len(text) < 2 ** 31:  # offsets are kept as int32
                new[key] = (self.hashes[-1], *(o.astype(np.int32) for o in _word_offsets(text)))
                if len(new) >= MEMO_SEGMENT_TEXTS:  # a segment at a time: a first run at 100,000 articles held
                    stored.update(new)              # every text's offsets and their copies at once (about 2 GB)
                    self._store(memo, new)
                    new = {}
        self._hash_of = {}
        if new:
            self._store(memo, new)

    @staticmethod
    def _store(memo, new: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]) -> None:
        import pyarrow as pa

        ordered = sorted(new)
        memo.store(pa.table({"text_sha256": pa.array(ordered, pa.string()),
                             "words": pa.array([new[k][0] for k in ordered], pa.list_(pa.uint64())),
                             "starts": pa.array([new[k][1] for k in ordered], pa.list_(pa.int32())),
                             "ends": pa.array([new[k][2] for k in ordered], pa.list_(pa.int32()))},
                            schema=memo.schema))

    def _hashes(self, text: str) -> np.ndarray:
        keys = _normalise("\x00".join(_WORD.findall(text))).split("\x00") if text else []
        keys = keys if keys != [""] else []
        known = self._hash_of
        return np.fromiter((known[k] if k in known else known.setdefault(k, _word_hash(k)) for k in keys),
                           np.uint64, len(keys))

    def offsets(self, t: int) -> tuple[np.ndarray, np.ndarray]:
        """(starts, ends) of text t's words, as _word_offsets gives them."""
        if t in self._rows:
            low, high = self._rows[t]
            return self._starts[low:high].astype(np.int64), self._ends[low:high].astype(np.int64)
        return _word_offsets(self.texts[t])


def window_hashes(ids: np.ndarray, n: int, positions: np.ndarray | None = None, second: bool = False) -> np.ndarray:
    """The 64-bit hash of the window of n word hashes (ArticleWords.hashes) starting at each of positions (every
    window when None): the first hash of SharedPassageIndex's window keys, or with second=True the second one. A
    window's hashes depend on its n words alone, so they are the same in any corpus (shared_passages_dask.py
    computes them partition by partition on the Dask workers)."""
    multiplier = _SECOND_MULTIPLIER if second else _HASH_MULTIPLIER
    ids = ids.astype(np.uint64, copy=False)
    count = max(len(ids) - n + 1, 0) if positions is None else len(positions)
    hashes = np.zeros(count, np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):  # in place: no temporary array of the corpus's size per word of the window
            hashes *= multiplier
            hashes += ids[k:count + k] if positions is None else ids[positions + k]
            hashes += np.uint64(1)
    return hashes


class SharedPassageIndex:
    """Every passage of >= min_words words that two texts or more of a corpus share, found in time linear in the
    corpus (one row per occurrence, never one per pair of texts).

    Each text's normalised words become 64-bit hashes (ArticleWords; two different words practically never share
    one) and every window of min_words words gets a key (two 64-bit polynomial hashes of them, so two different
    windows practically never share one). A window is shared when its key
    occurs in two texts or more. Shared windows that follow each other in a text are chained into one passage
    when the link holds everywhere: every occurrence of the first is followed by the second and every occurrence
    of the second follows the first (a unitig of the corpus's de Bruijn graph of windows). So a passage has the
    same words and the same set of texts at each of its occurrences, and it ends where the set of texts sharing
    it changes, a text ends, or the words that follow differ somewhere. Neighbouring passages of one text may
    overlap by up to min_words - 1 words (they share windows' words, not windows).
    """

    def __init__(self, texts: list[str], min_words: int = MIN_SHARED_WORDS, words: ArticleWords | None = None):
        self.min_words = min_words
        self.words = words if words is not None else ArticleWords(texts)
        ids = self.words.hashes
        self.lengths = np.asarray([len(i) for i in ids], dtype=np.int64)
        self.offsets = np.concatenate(([0], np.cumsum(self.lengths)))
        self.ids = np.concatenate(ids) if ids else np.zeros(0, np.uint64)
        # each text's hashes become a view of the corpus's array: one copy of every word's hash is held, not two
        self.words.hashes = [self.ids[start:end] for start, end in zip(self.offsets[:-1].tolist(), self.offsets[1:].tolist())]
        del ids
        self._cached: tuple[np.ndarray, np.ndarray] | None = None

    def _first_hashes(self) -> np.ndarray:
        """The first 64-bit hash of every window of the corpus's words (window_hashes), 0 for a window across two texts."""
        n = self.min_words
        first = window_hashes(self.ids, n)
        for start, length in zip(self.offsets[:-1].tolist(), self.lengths.tolist()):  # windows across two texts
            first[max(start + length - n + 1, 0):start + length] = 0  # 0: no window (a real hash is 0 1 in 2**64)
        return first

    def _windows(self) -> tuple[np.ndarray, np.ndarray]:
        """(global position, dense key) of every window of min_words words that lies inside one text and whose words
        occur again elsewhere in the corpus; windows with equal words get equal keys. Computed once per index.

        Memory is kept to a few arrays of the corpus's word count: one 64-bit hash per window first, then only the
        windows whose hash repeats get a second hash and a key."""
        if self._cached is not None:
            return self._cached
        n, total = self.min_words, len(self.ids)
        if total < n:
            self._cached = (np.zeros(0, np.int64), np.zeros(0, np.int64))
            return self._cached
        count = total - n + 1
        ordered = self._first_hashes()
        ordered.sort()  # in place; the hashes in window order are computed again below (cheaper than a sorted copy)
        repeated = np.unique(ordered[1:][(ordered[1:] == ordered[:-1]) & (ordered[1:] != 0)])
        del ordered
        if not len(repeated):
            self._cached = (np.zeros(0, np.int64), np.zeros(0, np.int64))
            return self._cached
        first = self._first_hashes()
        found = []  # the windows whose hash repeats, a block at a time (np.isin would sort a copy of everything again)
        for low in range(0, count, _WINDOW_BLOCK):
            block = first[low:low + _WINDOW_BLOCK]
            at = np.searchsorted(repeated, block)
            np.minimum(at, len(repeated) - 1, out=at)
            found.append(np.flatnonzero(repeated[at] == block) + low)
        del at, block
        positions = np.concatenate(found)
        del found
        first = first[positions]
        second = window_hashes(self.ids, n, positions, second=True)
        order = np.lexsort((second, first))
        new = np.ones(len(order), bool)
        new[1:] = (first[order][1:] != first[order][:-1]) | (second[order][1:] != second[order][:-1])
        keys = np.empty(len(order), np.int64)
        keys[order] = np.cumsum(new) - 1
        del order, new, first, second
        release_memory(collect=False)
        self._cached = (positions, keys)
        return self._cached

    def pair_runs(self, limit: int) -> tuple[np.ndarray, ...]:
        """(text a, word i in a, text b, word j in b, length), a < b, of every maximal run of equal words two texts
        share, made of windows found in at most limit texts (a window in more is left out: its pairs would grow
        with the square of its texts). With no window over the limit these are exactly shared_runs' runs of
        every pair of texts; the work grows with the windows and their pairs, never with all pairs of texts."""
        empty = np.zeros(0, np.int64)
        positions, keys = self._windows()
        if not len(keys):
            return empty, empty, empty, empty, empty
        # the windows' and their pairs' arrays are the step's largest: 32-bit while the corpus's words allow it, and
        # each let go as soon as the next is made
        small = np.int32 if len(self.ids) < np.iinfo(np.int32).max else np.int64
        order = np.lexsort((positions, keys))  # by key, then position (so text a < text b within a key)
        key, position = keys[order].astype(small), positions[order].astype(small)
        del order
        text = (np.searchsorted(self.offsets, position, side="right") - 1).astype(small)
        new_text = np.ones(len(key), bool)  # the first window of each (key, text)
        new_text[1:] = (key[1:] != key[:-1]) | (text[1:] != text[:-1])
        texts = np.bincount(key[new_text])  # distinct texts per key (keys are dense)
        del new_text
        texts = texts[key]
        narrow = (texts >= 2) & (texts <= limit)
        del texts
        position, key, text = position[narrow], key[narrow], text[narrow]
        del narrow
        partners = np.searchsorted(key, key, side="right") - np.arange(len(key)) - 1  # later windows of its key
        del key
        x = np.repeat(np.arange(len(position), dtype=small), partners)
        y = np.arange(len(x), dtype=np.int64)
        y -= np.repeat(np.cumsum(partners) - partners, partners)
        del partners
        y += x
        y += 1
        keep = text[x] != text[y]
        del text
        gi = position[x[keep]]
        del x
        gj = position[y[keep]]
        del y, keep, position
        if not len(gi):
            return empty, empty, empty, empty, empty
        # chain pairs of windows along diagonals: (p, q) then (p + 1, q + 1) is one run
        order = np.lexsort((gi, gj - gi))
        gi, gj = gi[order], gj[order]
        del order
        begins = np.ones(len(gi), bool)
        begins[1:] = ~((gi[1:] == gi[:-1] + 1) & (gj[1:] - gi[1:] == gj[:-1] - gi[:-1]))
        starts = np.flatnonzero(begins)
        del begins
        windows = np.diff(np.append(starts, len(gi)))
        gi, gj = gi[starts].astype(np.int64), gj[starts].astype(np.int64)
        ta = np.searchsorted(self.offsets, gi, side="right") - 1
        tb = np.searchsorted(self.offsets, gj, side="right") - 1
        return ta, gi - self.offsets[ta], tb, gj - self.offsets[tb], windows + self.min_words - 1

    def occurrences(self) -> tuple[np.ndarray, ...]:
        """(passage, text, first word, words) of every occurrence of a shared passage, as arrays; passage numbers
        are dense and say which occurrences hold the same passage; texts are indexes into the texts given."""
        empty = np.zeros(0, np.int64)
        positions, keys = self._windows()
        if not len(keys):
            return empty, empty, empty, empty
        text = np.searchsorted(self.offsets, positions, side="right") - 1
        # texts per key: count distinct (key, text)
        order = np.lexsort((text, keys))
        k_sorted, t_sorted = keys[order], text[order]
        distinct = np.ones(len(order), bool)
        distinct[1:] = (k_sorted[1:] != k_sorted[:-1]) | (t_sorted[1:] != t_sorted[:-1])
        texts_per_key = np.bincount(k_sorted[distinct], minlength=int(keys.max()) + 1)
        shared = texts_per_key[keys] >= 2
        positions, keys, text = positions[shared], keys[shared], text[shared]
        if not len(keys):
            return empty, empty, empty, empty
        # links: window p followed by window p + 1 (both shared; p + 1 is a window only inside the same text)
        follows = np.zeros(len(positions), bool)
        follows[:-1] = positions[1:] == positions[:-1] + 1
        precedes = np.zeros(len(positions), bool)
        precedes[1:] = follows[:-1]
        size = int(keys.max()) + 1
        nxt = np.full(len(keys), -1, np.int64)
        nxt[:-1][follows[:-1]] = keys[1:][follows[:-1]]
        prv = np.full(len(keys), -1, np.int64)
        prv[1:][precedes[1:]] = keys[:-1][precedes[1:]]

        def unique_neighbour(neighbour: np.ndarray) -> np.ndarray:
            """Per key: whether every occurrence has the same neighbour (and has one)."""
            low = np.full(size, np.iinfo(np.int64).max, np.int64)
            high = np.full(size, -1, np.int64)
            np.minimum.at(low, keys, neighbour)
            np.maximum.at(high, keys, neighbour)
            return (low == high) & (low >= 0)

        one_next, one_previous = unique_neighbour(nxt), unique_neighbour(prv)
        linked = np.zeros(len(keys), bool)  # occurrence i chains on to occurrence i + 1
        linked[:-1] = follows[:-1] & one_next[keys[:-1]] & one_previous[keys[1:]]
        begins = np.ones(len(keys), bool)
        begins[1:] = ~linked[:-1]
        starts = np.flatnonzero(begins)
        ends = np.append(starts[1:], len(keys)) - 1  # last window of each occurrence
        passage_key = keys[starts]
        _, passage = np.unique(passage_key, return_inverse=True)
        occurrence_text = text[starts]
        first_word = positions[starts] - self.offsets[occurrence_text]
        words = positions[ends] - positions[starts] + self.min_words
        return passage.astype(np.int64), occurrence_text, first_word, words


_ASCII_WORD_CHARACTER = np.array([chr(c).isalnum() or chr(c) == "_" for c in range(128)])


def _word_offsets(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the words normalised_words finds, as arrays (much smaller than Word objects).

    Found a character class at a time, not a match object per word: a character is in a word (_WORD) when it is a
    word character (re's \\w: str.isalnum() or '_'), or an apostrophe with a word character either side."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    word = _ASCII_WORD_CHARACTER[np.minimum(codes, 127)]
    wide = codes > 127
    if wide.any():
        seen, at = np.unique(codes[wide], return_inverse=True)
        word[wide] = np.array([chr(c).isalnum() for c in seen.tolist()])[at]
    joins = np.logical_or.reduce([codes == ord(mark) for mark in _APOSTROPHES])
    joins[1:-1] &= word[:-2] & word[2:]
    joins[[0, -1] if len(codes) else []] = False
    inside = np.concatenate([[False], word | joins, [False]])
    edges = np.flatnonzero(inside[1:] != inside[:-1])
    return edges[0::2].astype(np.int64), edges[1::2].astype(np.int64)


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


def passage_id(text: str) -> str:
    """A passage's id: from its normalised words, so the same words get the same id in any corpus."""
    return "passage-" + hashlib.sha256(" ".join(normalised_key(text)).encode("utf-8")).hexdigest()[:16]


def _passage_columns(articles: dict[str, str], quote_spans: dict[str, list[tuple[int, int]]],
                     index: SharedPassageIndex | None = None) -> dict[str, list | np.ndarray]:
    """shared_passages' columns (as find_shared_passages' records give them, in the same order): text columns as
    lists of Python strings, the others as NumPy arrays; no dict per row."""
    ids = sorted(articles)
    index = index or SharedPassageIndex(_TextsInOrder(articles, ids))
    passage, text, first, length = index.occurrences()
    sources = np.zeros(int(passage.max()) + 1 if len(passage) else 0, np.int64)
    pairs = np.unique(np.stack([passage, text]), axis=1) if len(passage) else np.zeros((2, 0), np.int64)
    np.add.at(sources, pairs[0], 1)
    del pairs
    order = np.lexsort((first, text))  # one article at a time: its offsets and quotations, then the next
    passage, text, first, length = passage[order], text[order], first[order], length[order]
    del order
    starts, ends = np.zeros(len(text), np.int64), np.zeros(len(text), np.int64)
    prose = np.zeros(len(text), np.int64)
    bounds = np.flatnonzero(np.diff(text)) + 1 if len(text) else np.zeros(0, np.int64)
    names: dict[int, str] = {}
    passage_ids, source_ids, passage_texts = [], [], []
    for low, high in zip([0, *bounds.tolist()], [*bounds.tolist(), len(text)]):
        if low == high:
            continue
        t = int(text[low])
        article, source = articles[ids[t]], ids[t]
        offsets = index.words.offsets(t)
        quoted = _quoted_counts(*offsets, quote_spans.get(source, []))
        i, n = first[low:high], length[low:high]
        starts[low:high], ends[low:high] = offsets[0][i], offsets[1][i + n - 1]
        prose[low:high] = n - (quoted[i + n] - quoted[i])
        for start, end, p in zip(starts[low:high].tolist(), ends[low:high].tolist(), passage[low:high].tolist()):
            passage_text = article[start:end]
            if p not in names:
                names[p] = passage_id(passage_text)
            passage_ids.append(names[p])
            source_ids.append(source)
            passage_texts.append(passage_text)
    return {"passage_id": passage_ids, "source_id": source_ids, "start": starts, "end": ends, "text": passage_texts,
            "words": length, "characters": ends - starts, "sources": sources[passage],
            "quotation_only": prose < MIN_SHARED_WORDS}


def _records(columns: dict[str, list | np.ndarray]) -> list[dict]:
    """Columns as a dict per row holding Python values."""
    names = list(columns)
    values = [v.tolist() if isinstance(v, np.ndarray) else v for v in columns.values()]
    return [dict(zip(names, row)) for row in zip(*values)]


def find_shared_passages(articles: dict[str, str], quote_spans: dict[str, list[tuple[int, int]]],
                         index: SharedPassageIndex | None = None) -> list[dict]:
    """Every occurrence of every passage two articles or more share, as shared_passages records (index: a
    SharedPassageIndex of the articles in sorted order, to share with pair_records)."""
    return _records(_passage_columns(articles, quote_spans, index))


def shared_passages(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> list[dict]:
    return find_shared_passages(articles, _quote_spans(frames))


def make_shared_passage_tables(frames: dict[str, pd.DataFrame], articles: dict[str, str],
                               cache_dir=None) -> dict[str, pd.DataFrame]:
    """shared_passages and source_pairs from one search of the articles (cache_dir: the build's --cache folder,
    where the memo of the articles' words is kept)."""
    spans = _quote_spans(frames)
    texts = _TextsInOrder(articles, sorted(articles))
    index = SharedPassageIndex(texts, words=ArticleWords(texts, cache_dir))  # one search of the articles for both
    release_memory(collect=False)  # the allocators keep what hashing the words freed (the vocabulary) otherwise
    columns = _passage_columns(articles, spans, index)
    passages = frame_from_columns(columns.pop, load_schema("shared_passages"))
    del columns  # each column is let go once the frame holds it
    release_memory(collect=False)  # before pair_runs' arrays, the step's largest
    columns = _pair_columns(articles, spans, index=index)
    return {"shared_passages": passages,
            "source_pairs": frame_from_columns(columns.pop, load_schema("source_pairs"))}


def make_shared_passages(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pd.DataFrame:
    return make_shared_passage_tables(frames, articles)["shared_passages"]


def _pair_columns(articles: dict[str, str], quote_spans: dict[str, list[tuple[int, int]]],
                  limit: int = PAIR_LIMIT, index: SharedPassageIndex | None = None) -> dict[str, list | np.ndarray]:
    """source_pairs' columns (pair_records' records, in the same order) from arrays of the runs, grouped by sorting:
    no dict per pair, and each article's word offsets are made once and let go (not held for every article)."""
    ids = sorted(articles)
    index = index or SharedPassageIndex(_TextsInOrder(articles, ids))
    ta, ia, tb, jb, lengths = index.pair_runs(limit)
    runs = len(ta)
    # both sides of every run, one article at a time: the characters the run spans and its words outside quotations
    side_text, side_word = np.concatenate((ta, tb)), np.concatenate((ia, jb))
    side_length = np.concatenate((lengths, lengths))
    del ia, jb
    starts, ends = np.zeros(2 * runs, np.int64), np.zeros(2 * runs, np.int64)
    prose = np.zeros(2 * runs, np.int64)
    order = np.argsort(side_text, kind="stable")
    bounds = np.flatnonzero(np.diff(side_text[order])) + 1
    for low, high in zip([0, *bounds.tolist()], [*bounds.tolist(), 2 * runs]):
        if low == high:
            continue
        rows = order[low:high]
        t = int(side_text[rows[0]])
        offsets = index.words.offsets(t)  # offsets and quotations only of articles that share something
        quoted = _quoted_counts(*offsets, quote_spans.get(ids[t], []))
        i, n = side_word[rows], side_length[rows]
        starts[rows], ends[rows] = offsets[0][i], offsets[1][i + n - 1]
        prose[rows] = n - (quoted[i + n] - quoted[i])
    del order, side_text, side_word, side_length, bounds
    quotation_only = np.minimum(prose[:runs], prose[runs:]) < MIN_SHARED_WORDS
    del prose
    pair_keys, pair = np.unique(ta * max(len(ids), 1) + tb, return_inverse=True)
    pair = pair.reshape(-1)
    count = len(pair_keys)
    a, b = pair_keys // max(len(ids), 1), pair_keys % max(len(ids), 1)
    del pair_keys, ta, tb, lengths
    quotations = np.bincount(pair[quotation_only], minlength=count)
    prose_pair = pair[~quotation_only]
    passages = np.bincount(prose_pair, minlength=count)
    shared = []
    for side in (slice(0, runs), slice(runs, 2 * runs)):
        shared.append(_covered_per_group(prose_pair, starts[side][~quotation_only], ends[side][~quotation_only], count))
    del starts, ends, pair, prose_pair, quotation_only
    lengths_of = {t: text_length(articles, ids[t]) for t in np.union1d(a, b).tolist()}  # not decoded to be measured
    a_list, b_list = a.tolist(), b.tolist()
    columns: dict[str, list | np.ndarray] = {
        "source_id": [ids[t] for t in a_list], "other_source_id": [ids[t] for t in b_list],
        "shared_characters": shared[0], "other_shared_characters": shared[1]}
    for name, side, sides in (("share", shared[0], a_list), ("other_share", shared[1], b_list)):
        columns[name] = [round(covered / lengths_of[t], 4) if lengths_of[t] else 0.0
                         for covered, t in zip(side.tolist(), sides)]
    columns["passages"], columns["quotation_only_passages"] = passages, quotations
    return columns


def _covered_per_group(group: np.ndarray, starts: np.ndarray, ends: np.ndarray, groups: int) -> np.ndarray:
    """Per group (0 .. groups - 1): the characters covered by the union of its spans (starts[k], ends[k]; a
    character in two spans counts once), for every group at once."""
    covered = np.zeros(groups, np.int64)
    if not len(group):
        return covered
    order = np.lexsort((ends, starts, group))
    group, starts, ends = group[order], starts[order], ends[order]
    # each group's spans lifted above the previous group's, so one running maximum restarts at each group
    lift = group * (int(max(ends.max(), starts.max(), 0)) + 1)
    reach = np.maximum.accumulate(ends + lift)
    before = np.empty(len(group), np.int64)
    before[0] = lift[0]
    before[1:] = np.where(group[1:] == group[:-1], reach[:-1], lift[1:])
    gained = np.maximum(ends + lift - np.maximum(starts + lift, before), 0)
    np.add.at(covered, group, gained)
    return covered


def pair_records(articles: dict[str, str], quote_spans: dict[str, list[tuple[int, int]]],
                 limit: int = PAIR_LIMIT, index: SharedPassageIndex | None = None) -> list[dict]:
    """One source_pairs record per unordered pair of articles that share at least one run of MIN_SHARED_WORDS
    words found in at most limit articles (quotation-only runs included); pairs that share nothing have no record.

    A run is a maximal run of equal words the two share; it counts in the shares unless fewer than
    MIN_SHARED_WORDS of its words stand outside quotations in either article (then it is counted in
    quotation_only_passages)."""
    return _records(_pair_columns(articles, quote_spans, limit, index))


def make_source_pairs(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pd.DataFrame:
    return make_shared_passage_tables(frames, articles)["source_pairs"]
