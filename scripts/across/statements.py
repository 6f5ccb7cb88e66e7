"""Derived tables: one statement per utterance, however many articles quote it, and how each report words it.

Quote rows are compared as normalised word sequences (lower case, apostrophes folded, punctuation and whitespace
dropped: normalised_words). Two quotes report the same statement when their speakers are compatible and either
  - their word sequences are similar: difflib ratio >= SAME_STATEMENT_RATIO, or
  - the shorter one is a contiguous run of the longer one, at least MIN_FRAGMENT_WORDS words long (an outlet
    quoting part of a sentence another quotes whole).
Speakers are compatible when they name the same person; or, when at most one names a person, when their
organisations belong to the same organisation tree (an outlet may credit "the group" or its committee); a quote
with no speaker at all merges only at UNKNOWN_SPEAKER_RATIO. Quotes naming different people never merge.

Each paragraph of a multi-paragraph quotation is its own statement (quotes has one row per paragraph, outlets
often quote one paragraph of a tweet or release without the other, and a paragraph-level link says exactly which
words each outlet carried); previous_statement_id chains the paragraphs of one quotation back together.

Quotes are assigned in order of publication date, then article, then longest first, so a statement's canonical
text is the fullest wording in the earliest article that reports it; each joins the earliest statement that has a
quote it matches. The quotes it could match come from StatementIndex (speaker blocks, rare-word prefixes, 4-word
fragments), never from every quote before it, and same_statement decides among them, so the grouping is the
same as comparing every pair while the work grows with the quotes, not with their square.
"""
from __future__ import annotations

import hashlib
import re
from array import array
from collections import Counter
from difflib import SequenceMatcher
from fractions import Fraction

import numpy as np
import pandas as pd

from scripts.across.shared_passages import normalised_key
from scripts.memory import release_memory
from scripts.package.tables import frame_from_columns
from scripts.package.tableschema import load_schema

# Measured on the five articles (tests/test_statements.py pins both ends): reports of one statement score 0.95 or
# more (a dropped comma or a changed ellipsis do not change the words), while different statements by one speaker
# score at most 0.24. 0.8 leaves room for a changed word or two in a 20-word sentence.
SAME_STATEMENT_RATIO = 0.8
UNKNOWN_SPEAKER_RATIO = 0.95
MIN_FRAGMENT_WORDS = 4

DIFFERENCE_SEVERITY = ["identical", "whitespace", "quote_marks", "punctuation", "trimmed", "extended", "word_changed"]

_QUOTE_MARKS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def is_fragment(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether the shorter word sequence stands whole and contiguous inside the longer."""
    short, long_ = sorted((a, b), key=len)
    if len(short) < MIN_FRAGMENT_WORDS:
        return False
    match = SequenceMatcher(None, short, long_, autojunk=False).find_longest_match(0, len(short), 0, len(long_))
    return match.size == len(short)


def _organisation_root(organisation_id, parents: dict[str, str]):
    seen = set()
    while organisation_id in parents and parents[organisation_id] and organisation_id not in seen:
        seen.add(organisation_id)
        organisation_id = parents[organisation_id]
    return organisation_id


def speakers_compatible(a: dict, b: dict, parents: dict[str, str]) -> bool:
    """a and b are quote records; see the module docstring."""
    if a["speaker_person_id"] and b["speaker_person_id"]:
        return a["speaker_person_id"] == b["speaker_person_id"]
    if a["speaker_organisation_id"] and b["speaker_organisation_id"]:
        return (_organisation_root(a["speaker_organisation_id"], parents)
                == _organisation_root(b["speaker_organisation_id"], parents))
    return False


def _has_speaker(quote: dict) -> bool:
    return bool(quote["speaker_person_id"] or quote["speaker_organisation_id"])


def same_statement(a: dict, b: dict, parents: dict[str, str]) -> bool:
    return _same_statement(a, b, normalised_key(a["text"]), normalised_key(b["text"]), parents)


def _same_statement(a: dict, b: dict, words_a: tuple[str, ...], words_b: tuple[str, ...],
                    parents: dict[str, str]) -> bool:
    if not (_has_speaker(a) and _has_speaker(b)):
        return similarity(words_a, words_b) >= UNKNOWN_SPEAKER_RATIO
    if not speakers_compatible(a, b, parents):
        return False
    return similarity(words_a, words_b) >= SAME_STATEMENT_RATIO or is_fragment(words_a, words_b)


# --- how a report differs from the canonical wording -------------------------------------------------------

def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _comparable(token: str) -> str:
    return " " if token.isspace() else token.translate(_QUOTE_MARKS)


def _is_word(token: str) -> bool:
    return bool(re.match(r"\w", token))


_WHITESPACE_NAMES = {" ": "space", "\u00a0": "no-break space", "\n": "line break", "\t": "tab"}


def _show(text: str) -> str:
    """Text as a detail shows it: whitespace by name ('2 spaces', 'no-break space'), long text cut short."""
    if text.isspace():
        if len(set(text)) == 1 and len(text) > 1:
            return f"{len(text)} {_WHITESPACE_NAMES.get(text[0], repr(text[0]))}s"
        return "+".join(_WHITESPACE_NAMES.get(c, repr(c)) for c in text)
    words = text.split()
    return "'" + (" ".join(words[:6]) + " ..." if len(words) > 6 else text.strip()) + "'"


def _anchor(tokens: list[str], index: int) -> str:
    """Where an edit stands: after the nearest word before tokens[index], or at the start."""
    for token in reversed(tokens[:index]):
        if _is_word(token):
            return f" after '{token}'"
    return " at the start"


def describe_difference(canonical: str, report: str) -> tuple[str, str]:
    """(difference, difference_detail): the most severe kind of change from canonical to report, and every change."""
    if canonical == report:  # most reports of a statement: nothing to compare
        return "identical", ""
    old, new = _tokens(canonical), _tokens(report)
    kinds, details = set(), []
    opcodes = SequenceMatcher(None, [_comparable(t) for t in old], [_comparable(t) for t in new],
                              autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in opcodes:
        removed, added = "".join(old[i1:i2]), "".join(new[j1:j2])
        if op == "equal":
            for offset, (before, after) in enumerate(zip(old[i1:i2], new[j1:j2])):
                if before != after:
                    kinds.add("whitespace" if before.isspace() else "quote_marks")
                    details.append(f"{_show(before)} replaced by {_show(after)}{_anchor(old, i1 + offset)}")
            continue
        touches_words = any(_is_word(t) for t in old[i1:i2] + new[j1:j2])
        at_edge = i1 == 0 and j1 == 0 or i2 == len(old) and j2 == len(new)
        if not touches_words:
            kind = "whitespace" if (removed + added).isspace() or not (removed + added).strip() else "punctuation"
        elif at_edge and op == "delete":
            kind = "trimmed"
        elif at_edge and op == "insert":
            kind = "extended"
        else:
            kind = "word_changed"
        kinds.add(kind)
        if op == "delete":
            details.append(f"{_show(removed)} removed{_anchor(old, i1)}")
        elif op == "insert":
            details.append(f"{_show(added)} added{_anchor(new, j1)}")
        else:
            details.append(f"{_show(removed)} replaced by {_show(added)}{_anchor(old, i1)}")
    difference = max(kinds | {"identical"}, key=DIFFERENCE_SEVERITY.index)
    return difference, "; ".join(details)


# --- grouping quotes into statements ------------------------------------------------------------------------

_NOT_IN_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(words: tuple[str, ...]) -> str:
    return "-".join(filter(None, (_NOT_IN_SLUG.sub("", w) for w in words)))


# The quote columns grouping and the two tables read: a record per quote is held through the whole step, so it
# carries only these, and an id or speaker repeated across quotes is one string object, not one per quote.
_QUOTE_COLUMNS = ("source_id", "text", "start", "end", "speaker_person_id", "speaker_organisation_id",
                  "continues_previous")
_SHARED_COLUMNS = ("source_id", "speaker_person_id", "speaker_organisation_id")


def _quote_records(frames: dict[str, pd.DataFrame]) -> list[dict]:
    quotes = frames["quotes"]
    dates = {k: None if pd.isna(v) else v for k, v in zip(frames["sources"]["source_id"], frames["sources"]["published_date"])}
    columns = {}
    for name in _QUOTE_COLUMNS:
        values = [None if pd.isna(v) else v for v in quotes[name].astype(object).tolist()]
        if name in _SHARED_COLUMNS:
            one: dict = {}
            values = [one.setdefault(v, v) for v in values]
        columns[name] = values
    records = [dict(zip(_QUOTE_COLUMNS, row)) for row in zip(*(columns[name] for name in _QUOTE_COLUMNS))]
    for q in records:
        q["published_date"] = dates.get(q["source_id"])
    return records


_EXACT = {r: Fraction(str(r)) for r in (SAME_STATEMENT_RATIO, UNKNOWN_SPEAKER_RATIO)}


def _prefix_length(size: int, ratio: float) -> int:
    """How many of a sequence's rarest tokens must be indexed so that any sequence it could match at ratio shares one.

    SequenceMatcher's ratio is 2M/(|a|+|b|), and M (matched words) is at most the size of the multiset overlap of
    the two word sequences, so ratio >= t needs an overlap of at least t|a|/(2-t) words (and of t|b|/(2-t)).
    Two sequences that overlap in o words, with tokens in one global order, share a token among each one's first
    |x| - o + 1 tokens (the prefix filter of set-similarity joins), so this many tokens per sequence suffice.
    """
    return size - _least_overlap(size, ratio) + 1


def _least_overlap(size: int, ratio: float) -> int:
    """ceil(t * size / (2 - t)) in integers, t = ratio as an exact fraction p/q: p * size / (2q - p)."""
    p, q = _EXACT[ratio].numerator, _EXACT[ratio].denominator
    return -(-p * size // (2 * q - p))


def _pair_overlap(size: int, other: int, ratio: float) -> int:
    """The fewest words two wordings of size and other words must share for ratio: ceil(t (size + other) / 2)."""
    p, q = _EXACT[ratio].numerator, _EXACT[ratio].denominator
    return -(-p * (size + other) // (2 * q))


_NO_COUNTS: Counter = Counter()  # a space no quote is filed in: every token counts 0


def counts_of(keys: np.ndarray, counts: np.ndarray, asked: np.ndarray) -> np.ndarray:
    """The count of each asked key in (keys ascending, counts), 0 for a key not there."""
    if not len(keys):
        return np.zeros(len(asked), dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, asked), len(keys) - 1)
    return np.where(keys[at] == asked, counts[at], 0)

# What a lookup looks for, as a number: lookups are tuples of ints only (see stable_id)
_RATIO, _RUN, _RAREST_RUN = 0, 1, 2


def stable_id(text: str) -> int:
    """A 30-bit number for text, the same in every process and on every machine.

    Python's hash() of a str is salted per process, so hashes of tuples holding words or speaker ids could not be kept
    between builds; tuples of ints hash the same in every process of one Python version. 30 bits: an int below 2**30
    is one machine digit, which Python hashes fastest. Two texts with one number only add candidates (the index's
    tokens and runs are then coarser, never finer, and candidates are checked by the rule), so no collision changes a
    group.
    """
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=4).digest()
    return int.from_bytes(digest, "little") >> 2


class StatementIndex:
    """Candidates for same_statement among the quotes grouped so far, without comparing every pair.

    Each grouped quote is filed in spaces where the rule that decides a match depends on the two wordings only:
    - "any speaker": every quote; a quote with no speaker matches it at ratio >= UNKNOWN_SPEAKER_RATIO;
    - "no speaker": quotes with no speaker; a quote with a speaker matches it at that ratio;
    - speaker blocks (speakers_compatible as lookups: the person; the root organisation; the root organisation
      of quotes naming no person): a quote with a speaker looks only in the blocks compatible with it, where it
      matches at ratio >= SAME_STATEMENT_RATIO or when one wording is a fragment of the other.
    So one entry per (space, wording) suffices, holding the earliest group a quote with that wording joined.
    Entries are found through prefix tokens (the rarest (word, occurrence) tokens of a wording, enough that any
    wording reaching the ratio shares one: _prefix_length), filed by wording length so that a lookup visits only
    the lengths that can reach the ratio, each with the prefix that pair of lengths needs (_ratio_lookups: the
    rarer words of the two wordings, so far fewer candidates come from words many of a speaker's quotes share),
    and, for fragments, through the rarest run of
    MIN_FRAGMENT_WORDS words (a fragment holds every run of its words). Candidates are checked with the rule
    itself, in group order, so each quote joins the group comparing it with every grouped quote would give.
    """

    def __init__(self, keys: list[tuple[str, ...]], parents: dict[str, str], quotes: list[dict],
                 frozen=None, keys_to_file: list[tuple[str, ...]] | None = None):
        """The index of quotes (in grouping order) and their keys, every entry filed. With frozen (a FrozenOrder
        kept by scripts/across/statements_memo.py), quotes are only those to be filed anew (keys_to_file their
        keys; keys are every quote's), tokens and runs are ordered by frozen's counts, and no entry is filed."""
        self.parents = parents
        self._word_ids: dict[str, int] = {}  # word -> stable_id(word)
        self._space_ids: dict[tuple, int] = {}  # space -> stable_id of its parts
        self._speaker_spaces: dict[tuple, tuple] = {}  # (person, organisation) -> _spaces
        self._ids_key, self._ids_value = None, ()
        self._last_key, self._last_tokens = None, []  # _prefix's tokens of the last wording, in token order
        self._number_words(keys)
        if frozen is None:
            self.frequency, self.run_hashes, self.run_counts = self._counts(keys, quotes)
        else:
            self.frequency, self.run_hashes, self.run_counts = frozen.counts_for(self, keys_to_file, quotes)
        self.rarest_runs: dict[tuple[str, ...], tuple[int, ...]] = {}
        # Every (space, wording) entry the quotes will be filed in, numbered in the order they are first filed,
        # and the postings of their filing lookups as two arrays sorted by the lookup's hash (entry numbers in
        # filing order within a hash): built once here from the quotes in grouping order, instead of a dict of
        # hash -> entry or list of entries grown quote by quote. A lookup sees only the entries filed so far
        # (group >= 0), which are exactly those a posting grown quote by quote would hold.
        self.entry_number: dict[tuple, int] = {}      # (space, wording) -> entry number
        self.entry_list: list[tuple] = []             # entry number -> (space, wording)
        self.entry_quote = array("q")                 # entry number -> the quote (its position) that first filed it
        self.posting_hashes = np.empty(0, dtype=np.int64)
        self.posting_entries = np.empty(0, dtype=np.int32)
        self.token_sets: dict[tuple[str, ...], frozenset] = {}
        if frozen is None:
            self.file_entries(quotes, keys, range(len(quotes)))

    def _counts(self, keys: list[tuple[str, ...]], quotes: list[dict]) -> tuple[dict, np.ndarray, np.ndarray]:
        """(tokens' counts by space id, run hashes, run counts) over these quotes: the order of the prefix filter."""
        # Prefix tokens are the rarest in the space they are filed and looked up in (any one total order per space
        # keeps the prefix filter exact): a word common in the corpus but rare among one speaker's quotes makes a
        # short posting there, where a corpus-wide order would pick the speaker's own common words.
        frequency: dict[int, Counter] = {}
        # Lookups and runs are held by their hash (an int), not as tuples: a large corpus's postings otherwise take
        # most of this step's memory. Two lookups with one hash only add candidates, which are checked by the rule,
        # and only those in a space the quote looks in are considered: the result is the same. The runs' counts are
        # two sorted arrays (hash, number of wordings holding the run), not a dict of ints.
        run_hashes, counted = array("q"), set()
        for quote, key in zip(quotes, keys):
            tokens = self._tokens(key)
            for space in self._spaces(quote)[0]:
                at = self._space_id(space)
                counts = frequency.get(at)
                if counts is None:
                    counts = frequency[at] = Counter()
                counts.update(tokens)
            if key not in counted:  # each distinct wording's runs once, while its word ids are at hand (_ids)
                counted.add(key)
                run_hashes.extend([hash(run) for run in set(self._runs(key))])
        del counted
        hashes, counts = np.unique(np.frombuffer(run_hashes, dtype=np.int64), return_counts=True)
        return frequency, hashes, counts

    def file_entries(self, quotes: list[dict], keys: list[tuple[str, ...]], positions) -> None:
        """Number the (space, wording) entries of quotes not yet numbered and add their filing lookups to the
        postings; positions: each quote's place in the grouping order."""
        postings_hash, postings_entry = array("q"), array("q")
        for position, quote, key in zip(positions, quotes, keys):
            for space in self._spaces(quote)[0]:
                entry = (space, key)
                if entry in self.entry_number:
                    continue
                number = self.entry_number[entry] = len(self.entry_list)
                self.entry_list.append(entry)
                self.entry_quote.append(position)
                hashes = {hash(lookup) for lookup in self._lookups(space, key, filing=True)}  # ints: stable
                postings_hash.extend(hashes)
                postings_entry.extend([number] * len(hashes))
        self.add_postings(np.frombuffer(postings_hash, dtype=np.int64), np.frombuffer(postings_entry, dtype=np.int64))
        self.entry_group = array("q", [-1]) * len(self.entry_list)  # earliest group; -1: not filed yet

    def restore_entries(self, quotes: list[dict], keys: list[tuple[str, ...]], entry_quote: list[int],
                        entry_space: list[int], posting_hashes: np.ndarray, posting_entries: np.ndarray) -> bool:
        """Number entries as a kept index did (entry n: the wording of quotes[entry_quote[n]] in its filed space whose
        id is entry_space[n]) with their postings; False, with nothing numbered, when an entry names a space its
        quote is not filed in (an index not made from these quotes)."""
        entries = []
        for quote_at, space_id in zip(entry_quote, entry_space):
            space = next((s for s in self._spaces(quotes[quote_at])[0] if self._space_id(s) == space_id), None)
            if space is None:
                return False
            entries.append((space, keys[quote_at]))
        self.entry_number.update((entry, number) for number, entry in enumerate(entries))
        self.entry_list.extend(entries)
        self.entry_quote.extend(entry_quote)
        self.posting_hashes, self.posting_entries = posting_hashes, posting_entries
        return True

    def entry_space_ids(self) -> list[int]:
        return [self._space_id(space) for space, _ in self.entry_list]

    def add_postings(self, hashes: np.ndarray, entries: np.ndarray) -> None:
        """Merge (lookup hash, entry number) pairs into the sorted postings (entries in ascending order within a
        hash: numbers given later are higher)."""
        entries = entries.astype(np.int32)
        if len(self.posting_hashes):
            hashes = np.concatenate([self.posting_hashes, hashes])
            entries = np.concatenate([self.posting_entries, entries])
        by_hash = np.argsort(hashes, kind="stable")
        self.posting_hashes, self.posting_entries = hashes[by_hash], entries[by_hash]

    def _number_words(self, keys) -> None:
        """Give every word of keys its stable_id (once per distinct word, not per lookup)."""
        ids = self._word_ids
        for key in keys:
            for word in key:
                if word not in ids:
                    ids[word] = stable_id(word)

    def _ids(self, key: tuple[str, ...]) -> tuple[int, ...]:
        """The wording's words as their stable_id numbers (every word was numbered by _number_words); the last
        wording's are kept, since a wording's tokens and runs are asked for in turn."""
        if key is not self._ids_key:
            self._ids_key, self._ids_value = key, tuple(map(self._word_ids.__getitem__, key))
        return self._ids_value

    def _space_id(self, space: tuple) -> int:
        number = self._space_ids.get(space)
        if number is None:
            number = self._space_ids[space] = stable_id("\x1f".join(space))
        return number

    def _tokens(self, key: tuple[str, ...]) -> list[int]:
        """(word id, occurrence) per word, as one int (id << 33 | occurrence): the wording as a set, so that the
        overlap of two sets is that of the wordings as multisets of words."""
        seen: dict[int, int] = {}
        tokens = []
        for word in self._ids(key):
            n = seen[word] = seen.get(word, 0) + 1
            tokens.append(word << 33 | n)
        return tokens or [0]  # an empty wording matches only another empty one (ratio 1.0)

    def _prefix(self, key: tuple[str, ...], ratio: float, space: tuple) -> list[tuple]:
        # the (count, token) order, by two sorts with C-level keys (the second is stable: ties stay in token order).
        # Not kept per wording: a sorted list for every distinct wording took about 70 MiB at 100,000 articles for
        # a tenth of the step's instructions, and memory is what a large corpus runs out of first here. The tokens
        # in token order are kept for the last wording only: a wording is filed, or looked up, in its spaces in turn.
        if key != self._last_key:
            self._last_key, self._last_tokens = key, sorted(self._tokens(key))
        tokens = sorted(self._last_tokens, key=self.frequency.get(self._space_id(space), _NO_COUNTS).__getitem__)
        return tokens[:_prefix_length(len(tokens), ratio)]

    def _runs(self, key: tuple[str, ...]) -> list[tuple[int, ...]]:
        """Every run of MIN_FRAGMENT_WORDS words, as word ids."""
        ids = self._ids(key)
        return [ids[k:k + MIN_FRAGMENT_WORDS] for k in range(len(ids) - MIN_FRAGMENT_WORDS + 1)]

    def _run_frequency(self, runs: list[tuple[int, ...]]) -> list[int]:
        """How many distinct wordings hold each run (by the run's hash) among those counted; a run not counted
        (a wording new since a kept order was counted) 0."""
        return counts_of(self.run_hashes, self.run_counts, np.array([hash(run) for run in runs], dtype=np.int64)).tolist()

    def _rarest_run(self, key: tuple[str, ...]) -> tuple[int, ...]:
        rarest = self.rarest_runs.get(key)  # asked for once per block a wording is filed or looked up in
        if rarest is None:
            runs = self._runs(key)
            rarest = self.rarest_runs[key] = min(zip(self._run_frequency(runs), runs))[1]
        return rarest

    def _spaces(self, quote: dict) -> tuple[list[tuple], list[tuple]]:
        """(spaces a grouped quote is filed in, spaces a new quote looks in); the same lists (not to be changed) for
        every quote of one speaker."""
        speaker = (quote["speaker_person_id"], quote["speaker_organisation_id"])
        spaces = self._speaker_spaces.get(speaker)
        if spaces is None:
            spaces = self._speaker_spaces[speaker] = self._spaces_of(*speaker)
        return spaces

    def _spaces_of(self, person: str | None, organisation: str | None) -> tuple[list[tuple], list[tuple]]:
        root = _organisation_root(organisation, self.parents) if organisation else None
        if not (person or root):
            return [("any speaker",), ("no speaker",)], [("any speaker",)]
        filed, looked = [("any speaker",)], [("no speaker",)]
        if person:
            filed.append(("person", person))
            looked.append(("person", person))
        if root:
            filed.append(("organisation", root))
            if not person:
                filed.append(("organisation without person", root))
            looked.append(("organisation without person", root) if person else ("organisation", root))
        return filed, looked

    @staticmethod
    def _is_block(space: tuple) -> bool:
        return space[0] not in ("any speaker", "no speaker")

    @staticmethod
    def _lengths(size: int, ratio: float, filing: bool) -> range:
        """Word counts another wording can have and still reach ratio with this one (2 min >= t (a + b))."""
        if filing:
            return range(size, size + 1)
        p, q = _EXACT[ratio].numerator, _EXACT[ratio].denominator
        return range(_least_overlap(size, ratio), (2 * q - p) * size // p + 1)

    def _ratio_lookups(self, space: tuple, key: tuple[str, ...], ratio: float, filing: bool) -> list[tuple]:
        """Prefix tokens, each with a wording length and a tier: a posting holds only wordings of one length.

        The prefix filter holds for each pair of lengths (a, n) with the overlap that pair must reach
        (_pair_overlap): the two wordings share a token among the first a - o + 1 of one and n - o + 1 of the
        other. A lookup knows the length n of each posting it visits, so it takes only its prefix for that pair:
        the longer n, the fewer (a fifth of the words for an equal length instead of a third, one for the
        longest). A filed wording's prefix must serve its shortest partner (_prefix_length), but a partner as long
        or longer needs only its first n - o(n, n) + 1 tokens: those are filed in tier 0, the rest of the prefix
        in tier 1, which only lookups from shorter wordings visit. Each pair then meets with one side's prefix
        cut to the pair, and the filter stays exact.
        """
        lengths = self._lengths(len(key), ratio, filing)
        prefix = self._prefix(key, ratio, space)
        at = self._space_id(space)
        if not key:
            return [(at, _RATIO, t, n) for t in prefix for n in lengths]
        size = len(key)
        if filing:
            every_partner = size - _pair_overlap(size, size, ratio) + 1
            return [(at, _RATIO, t, size, int(j >= every_partner)) for j, t in enumerate(prefix)]
        p, twice_q = _EXACT[ratio].numerator, 2 * _EXACT[ratio].denominator  # _pair_overlap, inlined: a hot loop
        found = []
        for n in lengths:
            head = prefix[:size + 1 + (-p * (size + n)) // twice_q]  # size - _pair_overlap(size, n, ratio) + 1
            found += [(at, _RATIO, t, n, 0) for t in head]
            if n > size:
                found += [(at, _RATIO, t, n, 1) for t in head]
        return found

    def _lookups(self, space: tuple, key: tuple[str, ...], filing: bool) -> list[tuple]:
        if not self._is_block(space):
            return self._ratio_lookups(space, key, UNKNOWN_SPEAKER_RATIO, filing)
        found = self._ratio_lookups(space, key, SAME_STATEMENT_RATIO, filing)
        if len(key) >= MIN_FRAGMENT_WORDS:  # a filed wording's rarest run in the new one, or the reverse
            at = self._space_id(space)
            if filing:
                found.append((at, _RAREST_RUN, self._rarest_run(key)))
                found += [(at, _RUN, run) for run in self._runs(key)]
            else:
                found.append((at, _RUN, self._rarest_run(key)))
                found += [(at, _RAREST_RUN, run) for run in self._runs(key)]
        return found

    def _may_reach(self, key: tuple[str, ...], other: tuple[str, ...], ratio: float) -> bool:
        """A necessary condition for similarity >= ratio, cheaper than the ratio: enough words in common (the
        multiset overlap, as the size of the intersection of the two (word, occurrence) token sets)."""
        if len(key) + len(other) == 0:
            return True
        exact = _EXACT[ratio]
        if 2 * min(len(key), len(other)) * exact.denominator < exact.numerator * (len(key) + len(other)):
            return False  # even all of the shorter one in common would not do
        common = len(self._token_set(key) & self._token_set(other))
        return 2 * common * exact.denominator >= exact.numerator * (len(key) + len(other))

    def _token_set(self, key: tuple[str, ...]) -> frozenset:
        tokens = self.token_sets.get(key)
        if tokens is None:
            tokens = self.token_sets[key] = frozenset(self._tokens(key)) if key else frozenset()
        return tokens

    def _matches(self, space: tuple, key: tuple[str, ...], other: tuple[str, ...]) -> bool:
        ratio = SAME_STATEMENT_RATIO if self._is_block(space) else UNKNOWN_SPEAKER_RATIO
        if self._may_reach(key, other, ratio) and similarity(key, other) >= ratio:
            return True
        if not self._is_block(space):
            return False
        short, long_ = sorted((key, other), key=len)  # a fragment's words stand whole, in order, in the other
        contained = len(short) >= MIN_FRAGMENT_WORDS and "\x00".join(("",) + short + ("",)) in "\x00".join(("",) + long_ + ("",))
        return contained and is_fragment(key, other)

    def query_hashes(self, quotes: list[dict], keys: list[tuple[str, ...]]) -> tuple[np.ndarray, np.ndarray]:
        """(how many, the hashes) of each quote's lookups, one after the other: ints, the same in every process."""
        hashes, counts = array("q"), array("q")
        for quote, key in zip(quotes, keys):
            found = {hash(lookup) for space in self._spaces(quote)[1] for lookup in self._lookups(space, key, filing=False)}
            hashes.extend(found)
            counts.append(len(found))
        return np.frombuffer(counts, dtype=np.int64), np.frombuffer(hashes, dtype=np.int64)

    def candidates(self, counts: np.ndarray, hashes: np.ndarray) -> list[list[int]]:
        """For each quote (its lookups' hashes as query_hashes gives them), the entry numbers its lookups find, filed
        so far or not, in ascending order.

        The lookups do not depend on the grouping (only which entries are filed does), so the postings of many
        quotes are read with one search of the sorted hashes, instead of a few NumPy calls on small arrays for
        every quote."""
        ascending = np.argsort(hashes)  # searchsorted runs faster on sorted needles
        needles, owners = hashes[ascending], np.repeat(np.arange(len(counts)), counts)[ascending]
        starts = np.searchsorted(self.posting_hashes, needles, side="left")
        lengths = np.searchsorted(self.posting_hashes, needles, side="right") - starts
        # every posting position found: starts[i], ..., starts[i] + lengths[i] - 1, as one array
        ends = np.cumsum(lengths)
        positions = np.arange(ends[-1] if len(ends) else 0) + np.repeat(starts - ends + lengths, lengths)
        entries = len(self.entry_list)
        pairs = np.unique(np.repeat(owners, lengths) * entries
                          + self.posting_entries[positions])  # (quote, entry) once, by quote then entry
        bounds = np.searchsorted(pairs, np.arange(len(counts) + 1) * entries).tolist()
        numbers = (pairs % entries).tolist()
        return [numbers[a:b] for a, b in zip(bounds, bounds[1:])]

    def first_group(self, quote: dict, key: tuple[str, ...], numbers: list[int]) -> int | None:
        """The earliest group with a quote that reports the same statement as quote, among the entries its lookups
        found (candidates)."""
        looked = self._spaces(quote)[1]
        group_of = self.entry_group
        # entries filed so far, in group order (entries of one group give the same answer, so their order among
        # themselves is free; a hash shared with another space's lookup may find an entry of a space not looked in)
        for group, number in sorted([(group_of[n], n) for n in numbers if group_of[n] >= 0]):
            space, other = self.entry_list[number]
            if space in looked and self._matches(space, key, other):
                return group
        return None

    def add(self, quote: dict, key: tuple[str, ...], group: int) -> None:
        for space in self._spaces(quote)[0]:
            number = self.entry_number[(space, key)]  # the same wording in the same space: one entry, its earliest group
            earlier = self.entry_group[number]
            self.entry_group[number] = group if earlier < 0 else min(earlier, group)


def group_statements(quotes: list[dict], parents: dict[str, str]) -> list[list[dict]]:
    """The quotes grouped by statement; each group's first quote is the canonical report.

    Each quote, in order, joins the earliest group holding a quote that reports the same statement (or starts
    a group); candidates come from StatementIndex instead of every quote grouped so far.
    """
    return _grouped(quotes, parents)[0]


def _grouped(quotes: list[dict], parents: dict[str, str],
             cache_dir=None) -> tuple[list[list[dict]], dict[int, tuple[str, ...]]]:
    """group_statements, and each quote's normalised words by id(quote) (the tables need them again). With cache_dir,
    the index is kept there and a rebuild starts from it (scripts/across/statements_memo.py): the same groups."""
    words: dict[str, str] = {}  # one string object per distinct word (the keys and the index's tokens hold words)
    keys = {id(q): tuple(words.setdefault(w, w) for w in normalised_key(q["text"])) for q in quotes}
    order = sorted(quotes, key=lambda q: (q["published_date"] or "9999", q["source_id"], -len(keys[id(q)]), q["start"]))
    order_keys = [keys[id(q)] for q in order]
    memo = kept = index = None
    if cache_dir is not None:
        from scripts.across.statements_memo import StatementMemo
        memo = StatementMemo(cache_dir, parents)
        index, kept = memo.restore(order, order_keys, lambda frozen, new, new_keys: StatementIndex(
            order_keys, parents, new, frozen=frozen, keys_to_file=new_keys))
    if index is None:
        index = StatementIndex(order_keys, parents, order)
    groups: list[list[dict]] = []
    for at in range(0, len(order), _LOOKUP_BATCH):
        batch, batch_keys = order[at:at + _LOOKUP_BATCH], order_keys[at:at + _LOOKUP_BATCH]
        counts, hashes = _batch_lookups(index, kept, at, batch, batch_keys)
        if memo is not None:
            memo.keep_lookups(counts, hashes)  # written as they come: a large corpus's lookups are not held
        for quote, key, numbers in zip(batch, batch_keys, index.candidates(counts, hashes)):
            home = index.first_group(quote, key, numbers)
            if home is None:
                home = len(groups)
                groups.append([])
            groups[home].append(quote)
            index.add(quote, key, home)
    if memo is not None:
        memo.save(index, order)
    return groups, keys


def _batch_lookups(index: StatementIndex, kept, at: int, batch: list[dict], batch_keys: list[tuple[str, ...]]):
    """(counts, hashes) of a batch's lookups: the kept ones of quotes a kept index holds, the others made now."""
    if kept is None:
        return index.query_hashes(batch, batch_keys)
    counts, hashes = [], []
    for position, quote, key in zip(range(at, at + len(batch)), batch, batch_keys):
        found = kept.kept(position)
        if found is None:
            found = index.query_hashes([quote], [key])[1]
        counts.append(len(found))
        hashes.append(found)
    return np.array(counts, dtype=np.int64), np.concatenate(hashes) if hashes else np.empty(0, dtype=np.int64)


# Quotes whose candidates are looked up together: their (quote, entry) pairs are held at once (about two a quote, at
# most about 120, in the 10,000-article synthetic corpus), so a batch costs little memory.
_LOOKUP_BATCH = 4096


def _statement_ids(groups: list[list[dict]], keys: dict[int, tuple[str, ...]]) -> list[str]:
    ids, taken = [], set()
    for group in groups:
        canonical = group[0]
        speaker = canonical["speaker_person_id"] or canonical["speaker_organisation_id"] or "unknown-speaker"
        base = "-".join(p for p in (speaker, canonical["source_id"], _slug(keys[id(canonical)][:5])) if p)
        statement_id, n = base, 2
        while statement_id in taken:
            statement_id, n = f"{base}-{n}", n + 1
        taken.add(statement_id)
        ids.append(statement_id)
    return ids


def _parents(frames: dict[str, pd.DataFrame]) -> dict[str, str]:
    organisations = frames["organisations"]
    return {o: p for o, p in zip(organisations["organisation_id"], organisations["parent_organisation_id"])
            if not pd.isna(p)}


STATEMENT_FIELDS = ("statement_id", "speaker_person_id", "speaker_organisation_id", "text", "earliest_source_id",
                    "earliest_quote_start", "earliest_published_date", "reporting_sources", "reports",
                    "previous_statement_id")
REPORT_FIELDS = ("source_id", "start", "end", "text", "statement_id", "is_canonical", "similarity", "difference",
                 "difference_detail")


def _statement_columns(frames: dict[str, pd.DataFrame], cache_dir=None) -> tuple[dict[str, list], dict[str, list]]:
    """The statements' and the reports' values, a list per column (not a dict per row: memory at 100,000
    articles); the grouping's index is let go, and its memory returned, before they are made."""
    quotes = _quote_records(frames)
    groups, keys = _grouped(quotes, _parents(frames), cache_dir)
    release_memory(collect=False)  # the index's postings and token tables, freed by now
    ids = _statement_ids(groups, keys)
    statement_of = {(q["source_id"], q["start"]): sid for sid, g in zip(ids, groups) for q in g}
    by_source = {}
    for q in sorted(quotes, key=lambda q: (q["source_id"], q["start"])):
        by_source.setdefault(q["source_id"], []).append(q)
    previous_quote = {}
    for rows in by_source.values():
        for before, row in zip(rows, rows[1:]):
            if row["continues_previous"]:
                previous_quote[(row["source_id"], row["start"])] = (before["source_id"], before["start"])
    del by_source, quotes
    statements = {name: [] for name in STATEMENT_FIELDS}
    reports = {name: [] for name in REPORT_FIELDS}
    for statement_id, group in zip(ids, groups):
        canonical = group[0]
        speaker = next((q for q in group if _has_speaker(q)), canonical)
        previous = previous_quote.get((canonical["source_id"], canonical["start"]))
        for name, value in (("statement_id", statement_id),
                            ("speaker_person_id", speaker["speaker_person_id"]),
                            ("speaker_organisation_id", speaker["speaker_organisation_id"]),
                            ("text", canonical["text"]),
                            ("earliest_source_id", canonical["source_id"]),
                            ("earliest_quote_start", canonical["start"]),
                            ("earliest_published_date", canonical["published_date"]),
                            ("reporting_sources", len({q["source_id"] for q in group})),
                            ("reports", len(group)),
                            ("previous_statement_id", statement_of[previous] if previous else None)):
            statements[name].append(value)
        canonical_key = keys[id(canonical)]
        for q in group:
            difference, detail = describe_difference(canonical["text"], q["text"])
            same = q["text"] == canonical["text"]
            for name, value in (("source_id", q["source_id"]), ("start", q["start"]), ("end", q["end"]),
                                ("text", q["text"]), ("statement_id", statement_id),
                                ("is_canonical", q is canonical),
                                ("similarity", 1.0 if same else round(similarity(canonical_key, keys[id(q)]), 4)),
                                ("difference", difference), ("difference_detail", detail or None)):
                reports[name].append(value)
    return statements, reports


def statements_and_reports(frames: dict[str, pd.DataFrame]) -> tuple[list[dict], list[dict]]:
    """The statements and the reports as a dict per row (the tables' rows; the build uses the columns)."""
    statements, reports = _statement_columns(frames)
    return ([dict(zip(STATEMENT_FIELDS, row)) for row in zip(*statements.values())],
            [dict(zip(REPORT_FIELDS, row)) for row in zip(*reports.values())])


def make_statement_tables(frames: dict[str, pd.DataFrame], articles: dict[str, str],
                          cache_dir=None) -> dict[str, pd.DataFrame]:
    """statements and statement_reports from one grouping of the quotes, each column let go once typed; cache_dir: the
    build's --cache folder, where the grouping's index is kept for the next build (the tables are the same)."""
    statements, reports = _statement_columns(frames, cache_dir)
    return {"statements": _frame(statements, load_schema("statements")),
            "statement_reports": _frame(reports, load_schema("statement_reports"))}


def _frame(columns: dict[str, list], schema) -> pd.DataFrame:
    count = len(next(iter(columns.values()))) if columns else 0
    return frame_from_columns(lambda name: columns.pop(name) if name in columns else [None] * count, schema)


def make_statements(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pd.DataFrame:
    return make_statement_tables(frames, articles)["statements"]


def make_statement_reports(frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pd.DataFrame:
    return make_statement_tables(frames, articles)["statement_reports"]
