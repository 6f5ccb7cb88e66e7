"""The curated names the extractors know: aliases of organisations and people, and the measures vocabulary.

Nothing here knows a name; every name comes from curated/*.csv. Matching is longest-leftmost over all
aliases at once, with word boundaries, straight and curly apostrophes treated alike, runs of white space
treated alike, and a trailing possessive ('FMU's') left outside the span.

Name words (NAME_WORDS): the few words that are closer to names than to shapes but that the shape rules need
(kind not_person: party names that say a capitalised run is no person; kind organisation: a legislature's, a
platform's or a party's own name, a mention wherever it stands capitalised; kind media_head: newspaper nameplate
words that end an outlet's title; kinds nation, region, place and branch: the place names the shape rules need;
kinds nationality and nationality_surname: a people's words; kind chamber: a legislative chamber's short name) live in the reviewed data file curated/vocabulary/name_words.csv (word, kind,
guess, why), not in code. It is read once per process, when this module is imported; a replacement file can be
named by the environment variable JDS_NAME_WORDS (see curated/vocabulary/README.md).
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from scripts.errors import InputError
from scripts.paths import CURATED_DIR

NAME_WORDS_FILE = CURATED_DIR / "vocabulary" / "name_words.csv"
NAME_WORDS_ENV = "JDS_NAME_WORDS"
_NAME_WORD_COLUMNS = ["word", "kind", "guess", "why"]
_NAME_WORD_KINDS = {"not_person", "media_head", "organisation", "nation", "region", "place", "branch", "nationality",
                    "nationality_surname", "chamber"}
_PHRASE_KINDS = {"branch"}  # kinds whose rows may be a few capitalised words ('Northern Vexmark')
_NAME_WORD_GUESSES = {"", "news_outlet", "journal", "broadcaster", "magazine", "news_agency", "photo_agency",
                      "legislature", "platform", "political_party"}
_GUESSING_KINDS = {"media_head", "organisation"}


@dataclass(frozen=True)
class NameWords:
    """The name words by kind, and the candidates' kind guess for a head word (lower case)."""
    not_person: frozenset[str]
    media_heads: frozenset[str]
    guesses: dict[str, str]
    organisations: frozenset[str] = frozenset()  # a body's own name, a mention wherever it stands
    nations: frozenset[str] = frozenset()  # a nation's name: a body's branch suffix, never in a person's name
    regions: frozenset[str] = frozenset()  # a land's or continent's name: never in a person's name, alone no body
    places: frozenset[str] = frozenset()  # a city's name: alone no body, but may be a surname
    branches: frozenset[str] = frozenset()  # a part of the nation, by name or adjective: a body's branch beside it
    nationalities: frozenset[str] = frozenset()  # a people's adjective: never in a person's name, alone no body
    nationality_surnames: frozenset[str] = frozenset()  # a people's word that may be a surname: alone no body
    chambers: frozenset[str] = frozenset()  # a legislative chamber's short name ('the Vexmoot'): alone no body


def load_name_words(path: Path | str | None = None) -> NameWords:
    """Read a name-words file (default: JDS_NAME_WORDS, else curated/vocabulary/name_words.csv); every error
    names the file, the row and the fix."""
    path = Path(path or os.environ.get(NAME_WORDS_ENV) or NAME_WORDS_FILE)
    fix = "See curated/vocabulary/README.md for the columns and kinds"
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise InputError(path, "file", f"cannot be read ({error.strerror})",
                         f"Restore it, or point {NAME_WORDS_ENV} at a readable file") from None
    with handle:
        reader = csv.reader(handle, strict=True)
        header = next(reader, None)
        if header != _NAME_WORD_COLUMNS:
            raise InputError(path, "row 1", f"the header is {header}, not {_NAME_WORD_COLUMNS}", fix)
        words: dict[str, set[str]] = {kind: set() for kind in _NAME_WORD_KINDS}
        guesses: dict[str, str] = {}
        for number, row in enumerate(reader, start=2):
            if len(row) != len(_NAME_WORD_COLUMNS):
                raise InputError(path, f"row {number}", f"{len(row)} fields, not {len(_NAME_WORD_COLUMNS)}", fix)
            word, kind, guess, why = row
            if not re.fullmatch(r"[A-Z][\w'\u2019-]*", word) and not (
                    kind in _PHRASE_KINDS and re.fullmatch(r"[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){1,3}", word)):
                raise InputError(path, f"row {number}", f"word {word!r} is not one capitalised word" + (
                    " nor a few joined by single spaces" if kind in _PHRASE_KINDS else ""), fix)
            if kind not in _NAME_WORD_KINDS:
                raise InputError(path, f"row {number}", f"kind {kind!r} is not one of {sorted(_NAME_WORD_KINDS)}", fix)
            if guess not in _NAME_WORD_GUESSES or (guess and kind not in _GUESSING_KINDS):
                raise InputError(path, f"row {number}", f"guess {guess!r} does not fit kind {kind!r}", fix)
            if not why.strip():
                raise InputError(path, f"row {number}", f"word {word!r} has no reason in 'why'",
                                 "Say why the word is there, so that a reviewer can judge it")
            if word in words[kind]:
                raise InputError(path, f"row {number}", f"word {word!r} of kind {kind!r} is listed twice",
                                 "Keep one row")
            words[kind].add(word)
            if guess:
                guesses[word.lower()] = guess
    return NameWords(frozenset(words["not_person"]), frozenset(words["media_head"]), guesses,
                     frozenset(words["organisation"]), frozenset(words["nation"]), frozenset(words["region"]),
                     frozenset(words["place"]), frozenset(words["branch"]), frozenset(words["nationality"]),
                     frozenset(words["nationality_surname"]), frozenset(words["chamber"]))


NAME_WORDS = load_name_words()

_APOSTROPHES = "'\u2019"


def _lookup_key(text: str) -> str:
    """normalise_key without the plural s or possessive mark of a lower-case word before a space, so that every
    spelling the alias regex allows ("junior doctor’s committee") finds its alias."""
    return _PLURAL_BEFORE_SPACE.sub("", normalise_key(text))


_PLURAL_BEFORE_SPACE = re.compile(r"(?<=[a-z])(?:'s|s'|s)(?= )")


def normalise_key(text: str) -> str:
    """The form two spellings of one alias share: case-folded, one kind of apostrophe, single spaces."""
    text = re.sub(r"\s+", " ", text.strip())
    for ch in _APOSTROPHES:
        text = text.replace(ch, "'")
    return re.sub(r"(?<=s)' ", " ", text).casefold()  # "doctors' committee" = "doctors committee"


def _alias_regex(alias: str) -> str:
    parts = []
    for ch in alias:
        if ch in _APOSTROPHES:
            parts.append("['\u2019]")
        elif ch.isspace():
            if len(parts) >= 2 and parts[-1] == "s" and parts[-2].isalpha() and parts[-2].islower():
                # a plural before a noun may be written singular, or with a possessive mark either side of its
                # s ("junior doctors’ committee", "junior doctor’s committee", "junior doctor committee")
                parts[-1] = "(?:s['\u2019]?|['\u2019]s)?"
                parts.append(r"\s+")
                continue
            # a plural before a noun may carry a possessive mark ("doctors’ committee")
            parts.append(r"['\u2019]?\s+" if parts and parts[-1] in ("s", "S") else r"\s+")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


@dataclass(frozen=True)
class Alias:
    alias: str
    entity_kind: str  # "person" or "organisation"
    entity_id: str
    case_sensitive: bool
    organisation_id: str | None = None  # a person's organisation; the organisation itself for organisations


@dataclass(frozen=True)
class AliasMatch:
    start: int
    end: int
    text: str
    alias: Alias


def _alias_match(start: int, end: int, text: str, alias: Alias) -> AliasMatch:
    """AliasMatch(start, end, text, alias), made without the frozen dataclass's __init__ (an object.__setattr__ call
    per field: about half the cost of a match found). A test compares the two."""
    match = _new_object(AliasMatch)
    fields = match.__dict__
    fields["start"], fields["end"], fields["text"], fields["alias"] = start, end, text, alias
    return match


_new_object = object.__new__


@dataclass(frozen=True)
class Measure:
    measure_id: str
    unit: str
    context_terms: tuple[str, ...]


@dataclass
class Lexicon:
    aliases: tuple[Alias, ...]
    measures: tuple[Measure, ...] = ()
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> curated name
    _by_key: dict[str, list[Alias]] = field(init=False, repr=False)
    _regex: re.Pattern | None = field(init=False, repr=False)
    _scan: "_AliasScan" = field(init=False, repr=False, compare=False)
    _alias_of_matched: dict[str, Alias | None] = field(init=False, repr=False)
    _resolved: dict[str, tuple[AliasMatch, ...]] = field(init=False, repr=False, compare=False)
    _last_whole: tuple = field(init=False, repr=False, compare=False)  # (text, its matches): the last whole text

    def __post_init__(self) -> None:
        self._alias_of_matched = {}  # find() sees the same few spellings over and over
        self._resolved = {}
        self._last_whole = (None, ())
        self._by_key = {}
        for a in self.aliases:
            self._by_key.setdefault(_lookup_key(a.alias), []).append(a)
        self._regex = _alias_pattern(self.aliases)
        self._scan = _AliasScan(self.aliases, self._regex)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[AliasMatch]:
        """Every alias occurrence in text[start:end], longest-leftmost, non-overlapping, offsets into text."""
        if self._regex is None:
            return []
        if start == 0 and end is None:
            # names (for quotes and mentions) and figures each ask for the same article's whole text
            if self._last_whole[0] is not text:
                self._last_whole = (text, tuple(self.find(text, 0, len(text))))
            return list(self._last_whole[1])
        end = len(text) if end is None else end
        found = []
        for m in self._scan.finditer(text, start, end):
            alias = self._alias_for(m.group())
            if alias is not None:
                found.append(_alias_match(m.start(), m.end(), m.group(), alias))
        return found

    def _alias_for(self, matched: str) -> Alias | None:
        if matched not in self._alias_of_matched:
            self._alias_of_matched[matched] = self._lookup_alias(matched)
        return self._alias_of_matched[matched]

    def _lookup_alias(self, matched: str) -> Alias | None:
        candidates = self._by_key.get(_lookup_key(matched), [])
        exact = [a for a in candidates if a.case_sensitive and _alias_regex_matches(a.alias, matched)]
        if exact:
            return exact[0]
        loose = [a for a in candidates if not a.case_sensitive]
        return loose[0] if loose else None

    def resolve(self, words: str) -> list[AliasMatch]:
        """The curated entities named in a phrase such as a speaker or claimant ('Health Secretary Sam Poole')."""
        found = self._resolved.get(words)  # the same few phrases over and over ('the KDA said')
        if found is None:
            if len(self._resolved) >= 65536:
                self._resolved.clear()
            found = self._resolved[words] = tuple(self.find(words))
        return list(found)

    def name_of(self, kind: str, entity_id: str | None) -> str | None:
        """The curated name of a person or organisation: people.csv's name, else its longest written alias."""
        if entity_id is None:
            return None
        if (kind, entity_id) not in self.names:
            written = [a.alias for a in self.aliases if a.entity_kind == kind and a.entity_id == entity_id
                       and not a.alias.startswith("@") and not a.alias.islower()]
            self.names[(kind, entity_id)] = max(written, key=lambda a: (len(a.split()), len(a)), default=None)
        return self.names[(kind, entity_id)]

    def organisation_named(self, name: str) -> str | None:
        """The curated organisation whose name (organisations.csv) is this, ignoring case and 'the'."""
        if not hasattr(self, "_named"):
            self._named = {normalise_key(n).removeprefix("the "): key[1] for key, n in self.names.items()
                           if key[0] == "organisation" and n}
        return self._named.get(normalise_key(name).removeprefix("the "))

    def person_organisation(self, person_id: str) -> str | None:
        for a in self.aliases:
            if a.entity_kind == "person" and a.entity_id == person_id:
                return a.organisation_id
        return None

    @classmethod
    def from_curated(cls, curated_dir: Path = CURATED_DIR) -> "Lexicon":
        curated_dir = Path(curated_dir)
        rows = lambda name: list(csv.DictReader((curated_dir / name).open(encoding="utf-8", newline="")))
        return cls.from_rows(rows("organisation_aliases.csv"), rows("person_aliases.csv"),
                             rows("people.csv"), rows("measures.csv") if (curated_dir / "measures.csv").exists() else [],
                             rows("organisations.csv") if (curated_dir / "organisations.csv").exists() else [])

    @classmethod
    def from_rows(cls, organisation_aliases, person_aliases, people, measures=(), organisations=()) -> "Lexicon":
        truthy = lambda v: str(v).strip().lower() in {"true", "1", "yes"}
        person_org = {p["person_id"]: (p.get("organisation_id") or None) for p in people}
        aliases = [Alias(r["alias"], "organisation", r["organisation_id"], truthy(r["case_sensitive"]),
                         r["organisation_id"]) for r in organisation_aliases]
        aliases += [Alias(r["alias"], "person", r["person_id"], truthy(r["case_sensitive"]),
                          person_org.get(r["person_id"])) for r in person_aliases]
        measure_list = tuple(
            Measure(m["measure_id"], m["unit"],
                    tuple(t.strip().lower() for t in m["context_terms"].split("|") if t.strip()))
            for m in measures)
        names = {("person", p["person_id"]): p["name"] for p in people if p.get("name")}
        names |= {("organisation", o["organisation_id"]): o["name"] for o in organisations if o.get("name")}
        return cls(tuple(aliases), measure_list, names)


def _plain_alias_pattern(aliases) -> re.Pattern | None:
    """Every alias in one alternation, longest first, whole words only: what _alias_pattern matches."""
    ordered = sorted(aliases, key=lambda a: (-len(a.alias), a.alias))
    alternatives = [_alias_regex(a.alias) if a.case_sensitive else f"(?i:{_alias_regex(a.alias)})" for a in ordered]
    return (re.compile(r"(?<![\w@])" + _first_character_test(aliases) + "(?:" + "|".join(alternatives) + r")(?!\w)")
            if alternatives else None)


def _alias_pattern(aliases) -> re.Pattern | None:
    """_plain_alias_pattern's matches, found faster: the aliases grouped by the character they can start with,
    each group that literal character, the look-behind (moved after it: '(?<![\\w@].)') and the rest of its
    aliases in the plain order. An alternation of literal first characters lets the regex engine skip with a
    character scan to where an alias can start; a look-behind first is tried at every position (a whole-text
    scan about 28% slower). At any position only the group of the character there can match, in the same
    order as the plain alternation, so the first alias that matches (then ends a word) is the same."""
    groups = _alias_groups(aliases)
    if groups is None:
        return _plain_alias_pattern(aliases)  # an alias could start anywhere: no grouping
    return _group_pattern(groups)


def _alias_groups(aliases) -> dict[str, list[Alias]] | None:
    """The aliases by each character they can start with, each group in the plain order (longest first); None when
    an alias is empty or starts with white space (it could start anywhere)."""
    ordered = sorted(aliases, key=lambda a: (-len(a.alias), a.alias))
    groups: dict[str, list[Alias]] = {}
    for a in ordered:
        if not a.alias or a.alias[0].isspace():
            return None
        head = _alias_regex(a.alias[0])
        for ch in _characters_matching(head if a.case_sensitive else f"(?i:{head})", a.alias[0]):
            groups.setdefault(ch, []).append(a)
    return groups


def _group_pattern(groups: dict[str, list[Alias]]) -> re.Pattern | None:
    """_alias_pattern's form for these groups (see there)."""
    def rest(a: Alias) -> str:
        body = _alias_regex(a.alias)[len(_alias_regex(a.alias[0])):]  # the first character's part is never
        return body if a.case_sensitive else f"(?i:{body})"  # rewritten by the later characters
    if not groups:
        return None
    return re.compile("(?:" + "|".join(re.escape(ch) + r"(?<![\w@].)(?:" + "|".join(map(rest, members)) + ")"
                                       for ch, members in sorted(groups.items())) + r")(?!\w)")


def _word_needle(word: str, last: bool) -> str:
    """The literal part every spelling the alias regex allows for one alias word opens with: the word up to its
    first apostrophe (either mark matches there), without the s that a plural before a noun may drop."""
    cut = min((word.find(ch) for ch in _APOSTROPHES if ch in word), default=len(word))
    if cut == len(word) and not last and len(word) >= 2 and word[-1] == "s" and word[-2].isalpha() \
            and word[-2].islower():
        cut -= 1  # _alias_regex: "(?:s['’]?|['’]s)?" before the space
    return word[:cut]


# The characters beyond ASCII that a case-insensitive pattern matches to an ASCII character (dotted I, dotless i,
# the long s, the Kelvin sign; a test recomputes them): a text holding one is scanned with the regex alone.
_ASCII_FOLDS = "\u0130\u0131\u017f\u212a"


class _AliasScan:
    """What alias_pattern.finditer(text, start, end) gives, found with fewer regex stops in long texts.

    The scan of the alias pattern stops at every character an alias can start with, and for case-insensitive
    aliases that opens with a lower-case letter ('the government') that is nearly every word. Those aliases (the
    groups of lower-case ASCII first characters, "the word-led groups") are found instead by a literal word of
    each (its needle: the longest word's literal part, 'government'), looked for with bytes.find in the text's
    ASCII form (lower-cased for case-insensitive aliases; every other character is '?', so offsets are kept).
    A needle at word k of its alias puts the alias's start in the run of non-blank characters k runs of white
    space back (the alias regex joins words with \\s+, which str.isspace mirrors); each such position where a
    word-led group's character stands is tried with the full pattern's match. The other groups (capitals,
    '@', ...) are scanned by the pattern without the word-led groups, and the two are merged in text order
    exactly as finditer proceeds: at a position only the group of the character there can match, so both
    patterns match alike wherever the scan is used. A text holding a character that folds to an ASCII letter
    (_ASCII_FOLDS) and short spans use the full scan."""

    _SHORT = 256  # below this many characters the full scan is cheaper than the set-up

    def __init__(self, aliases, pattern: re.Pattern | None) -> None:
        self.pattern = pattern
        self.rest = None
        self.needles: list[tuple[bytes, tuple[int, ...], bool]] = []  # (needle, its word indices, case-sensitive)
        self.led: frozenset[str] = frozenset()
        groups = _alias_groups(aliases) if pattern is not None else None
        if groups is None:
            return  # no aliases, or the plain pattern: the full scan only
        led, needles = set(), set()
        for ch, members in groups.items():
            if not ("a" <= ch <= "z"):
                continue
            found = [self._needle(a) for a in members]
            if all(found):
                led.add(ch)
                needles.update(found)
        if not led:
            return
        self.led = frozenset(led)
        by_needle: dict[tuple[bytes, bool], list[int]] = {}
        for needle, k, case_sensitive in sorted(needles):
            by_needle.setdefault((needle, case_sensitive), []).append(k)
        self.needles = [(needle, tuple(ks), case_sensitive) for (needle, case_sensitive), ks in by_needle.items()]
        self.rest = _group_pattern({ch: members for ch, members in groups.items() if ch not in led})

    @staticmethod
    def _needle(alias: Alias) -> tuple[bytes, int, bool] | None:
        words = alias.alias.split()
        if alias.alias != " ".join(words):
            return None  # other white space than single spaces between words: not mirrored here
        best = None
        for k, word in enumerate(words):
            literal = _word_needle(word, k == len(words) - 1)
            if literal and literal.isascii() and "?" not in literal and (best is None or len(literal) > len(best[0])):
                best = (literal, k)
        if best is None:
            return None
        literal, k = best
        return ((literal if alias.case_sensitive else literal.lower()).encode("ascii"), k, alias.case_sensitive)

    def finditer(self, text: str, start: int, end: int):
        if self.rest is None or end - start < self._SHORT:
            return self.pattern.finditer(text, start, end)
        forms = self._forms
        if forms[0] is not text:  # a text is asked for again and again (quotes' spans of one article)
            folds = any(ch in text for ch in _ASCII_FOLDS)
            exact = None if folds else text.encode("ascii", "replace")
            forms = self._forms = (text, exact, exact and exact.lower())
        if forms[1] is None:
            return self.pattern.finditer(text, start, end)
        return self._merged(text, start, end, forms[1], forms[2])

    _forms: tuple = (None, None, None)  # the last text, its ASCII form and that lower-cased (None: it folds)

    def _merged(self, text: str, start: int, end: int, exact: bytes, lowered: bytes) -> list:
        led = self.led
        candidates = set()
        for needle, ks, case_sensitive in self.needles:
            haystack = exact if case_sensitive else lowered
            at = haystack.find(needle, start, end)
            while at >= 0:
                for k in ks:
                    self._starts(text, at, k, start, led, candidates)
                at = haystack.find(needle, at + 1, end)
        pattern, rest = self.pattern, self.rest
        if not candidates:
            return list(rest.finditer(text, start, end))
        found = []
        pos = start
        ordered = sorted(candidates)
        i, n = 0, len(ordered)
        others = rest.finditer(text, pos, end)
        other = next(others, None)
        while True:
            limit = other.start() if other else end
            m = None
            while i < n and ordered[i] < limit:
                p = ordered[i]
                i += 1
                if p >= pos:
                    m = pattern.match(text, p, end)
                    if m:
                        break
            if m:
                found.append(m)
                pos = m.end()
                if other and other.start() < pos:  # the other scan goes on from the end of this match
                    others = rest.finditer(text, pos, end)
                    other = next(others, None)
                continue
            if other is None:
                return found
            found.append(other)
            pos = other.end()
            other = next(others, None)

    @staticmethod
    def _starts(text: str, at: int, k: int, start: int, led, candidates: set) -> None:
        """Add the positions where an alias whose word k begins at `at` can begin: the word-led characters of the
        run of non-blank characters k blank runs back, after no word character nor '@'."""
        if k:
            if at == 0 or not text[at - 1].isspace():
                return
            i = at
            for _ in range(k):
                i -= 1
                while i >= start and text[i].isspace():
                    i -= 1
                if i < start:
                    return
                while i >= start and not text[i].isspace():
                    i -= 1
            run_start = i + 1
            run_end = run_start
            while not text[run_end].isspace():
                run_end += 1
        else:
            run_start, run_end = at, at + 1
        for p in range(run_start, run_end):
            if text[p] in led and (p == 0 or not (text[p - 1].isalnum() or text[p - 1] in "_@")):
                candidates.add(p)


_CHARACTERS: dict[str, str] = {}  # "bmp" / "astral": every code point of that part (no surrogates), made once


def _characters(part: str) -> str:
    if part not in _CHARACTERS:
        _CHARACTERS[part] = ("".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
                             if part == "bmp" else "".join(map(chr, range(0x10000, 0x110000))))
    return _CHARACTERS[part]


@lru_cache(maxsize=None)
def _characters_matching(pattern: str, first: str) -> tuple[str, ...]:
    """Every single character the pattern (one alias's first character, `first`, maybe case-insensitive) matches:
    for a case-insensitive letter both cases and any other character the regex engine folds to it, such as the
    Kelvin sign for 'k'. Unicode pairs no character beyond U+FFFF with one below it by case, so the characters
    beyond are searched (a tenth of a second) only for a first character beyond it."""
    if len(pattern) == 1 or re.fullmatch(r"\\.", pattern):
        return (pattern[-1],)  # a literal (escaped) character: itself
    found = set(re.findall(pattern, _characters("bmp")))
    if ord(first) > 0xFFFF:
        found.update(re.findall(pattern, _characters("astral")))
    return tuple(sorted(found))


def _first_character_test(aliases) -> str:
    """A look-ahead that lets the regex skip positions where no alias can start (a third of the scan time)."""
    exact, any_case = set(), set()
    for a in aliases:
        first = a.alias[:1]
        if not first or first.isspace():
            return ""  # such an alias could start anywhere: no shortcut
        chars = set(_APOSTROPHES) if first in _APOSTROPHES else {first}
        (exact if a.case_sensitive else any_case).update(chars)
    klass = lambda chars: "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
    tests = ([klass(exact)] if exact else []) + ([f"(?i:{klass(any_case)})"] if any_case else [])
    return "(?=" + "|".join(tests) + ")"


def _alias_regex_matches(alias: str, matched: str) -> bool:
    return re.fullmatch(_alias_regex(alias), matched) is not None
