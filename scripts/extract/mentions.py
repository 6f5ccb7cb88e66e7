"""Mentions of organisations and people: every curated alias, plus organisation-like names no alias covers yet.

Curated mentions come from `Lexicon.find` (longest-leftmost, case rules, straight/curly apostrophes, a
possessive 's left outside the span, handles such as @SomeUnion). They resolve to a person_id or an
organisation_id with resolution 'alias'.

Everything else that looks like an organisation is kept as an unresolved candidate for review
(entity_kind 'organisation', no ids, resolution 'unresolved_candidate'). The rules:

1. Acronyms: 2-6 capital letters standing alone as a word ('ITV', 'BMJ'). Not when glued to '@', '#', '.',
   '/' (handles, hashtags, e-mail and web addresses), not roman numerals ('XIV'), not the generic
   abbreviations in _NOT_ORGANISATION_ACRONYMS (time zones, am/pm, units, currencies, countries, job titles,
   clinical terms, words written in capitals for emphasis), and not inside a shouted run of three or more
   all-capital words (a headline in capitals). Plurals ('GPs', 'MPs') never match: the letters must end
   the word. 'I' and single letters are too short.
2. Name phrases: a run of capitalised words on one line, which may be joined by 'of', 'for', 'of the',
   'for the', 'and', '&'. The run is cut at job titles and honorifics (Secretary, Chief, Dr, Sir, ...: a
   name after a title is a person, out of scope here) and at curated person names; leading structure words
   ('The', 'However', 'Yesterday', weekdays, months, ...) are dropped, so a capitalised sentence opening is
   never a name by itself. What is left is a candidate when
   a. it contains an organisation head word (_HEAD_WORDS: Association, Confederation, Union, Trust,
      Council, Department, Ministry, College, Society, ...) after at least one other word ('British
      Medical Association', 'Wye Valley NHS Trust': the candidate ends at the last such head), or
   b. a head word is followed by 'of'/'for' and a capitalised word ('Royal College of Emergency Medicine',
      'Department for Education', 'Ministry of Justice': the candidate runs to the end of the phrase), or
   c. it starts with a naming prefix and goes on with capitalised words ('NHS Providers'). Naming
      prefixes come from the curated data, not from code: the first word of a curated organisation alias
      whose next word is capitalised, when that first word is itself the alias of a different
      organisation ('NHS' in 'NHS England', 'NHS Confederation').
   A trailing possessive ("’s") is left outside the span.
3. Curated matches win where they collide: a candidate equal to, inside, or partly overlapping a curated
   match is dropped. A candidate that strictly contains curated organisation matches is a longer name
   and replaces them ('NHS Providers' is not the NHS; 'Royal College of Nursing Wales' is not the RCN as
   a whole), except that a run is first split at 'and'/'&' next to a curated name, so 'BMA and Royal
   College of Midwives' yields the BMA (curated) and a candidate 'Royal College of Midwives'.
   Acronym candidates inside a phrase candidate are dropped.

People who are not in the curated tables are out of scope: no person candidates are produced.
Generic structure words live here; names live only in curated/*.csv.
"""
from __future__ import annotations

import bisect
import re

from scripts.extract.lexicon import AliasMatch, Lexicon, normalise_key

_UPPER = "A-ZÀ-ÖØ-Þ"
_GAP = r"[^\S\n]+"  # white space that stays on the line
_CAPITALISED_WORD = rf"[{_UPPER}][\w'’\-]*"
_CONNECTOR = r"(?:of|for)(?:[^\S\n]+the)?|and|&"
_NAME_RUN = re.compile(rf"{_CAPITALISED_WORD}(?:{_GAP}(?:(?:{_CONNECTOR}){_GAP})?{_CAPITALISED_WORD})+")
_RUN_TOKEN = re.compile(rf"{_CAPITALISED_WORD}|{_CONNECTOR}")
# The check on the character before an acronym is done in code: a look-behind here doubles the scan time.
_ACRONYM = re.compile(r"[A-Z]{2,6}(?![\w@/&]|\.\w)")
_NOT_BEFORE_ACRONYM = set("@#./&_")
_CAPITALS_WORD = r"[A-Z][A-Z'’&\-]*"
_CAPITALS_WORDS_BEFORE = re.compile(rf"(?<!\w)(?:{_CAPITALS_WORD}[^\S\n]+){{1,2}}$")
_CAPITALS_WORDS_AFTER = re.compile(rf"(?:[^\S\n]+{_CAPITALS_WORD}(?!\w)){{1,2}}")
_ROMAN_NUMERAL = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

_NOT_ORGANISATION_ACRONYMS = frozenset("""
    AM PM BST GMT UTC CET CEST EST EDT PST PDT
    KM CM MM KG MG ML MPH KPH KWH KW MW GW GB MB KB TB
    GBP USD EUR
    UK US USA UAE
    GP MP MSP MS MLA CEO CFO COO CTO PR HR QC KC OBE MBE CBE
    ICU ITU HIV AIDS COVID DNA MRI CT ECG IVF GDP CPI RPI VAT
    OK TV IT AI FAQ PDF URL ID NB PS RIP ETA DIY LGBT LGBTQ
    A AN AND ARE AS AT BE BUT BY DO FOR GO HE IF IN IS ME MY NO NOT NOW OF ON OR OUT SO THE TO UP WE YES
    ALL NEW ONE TWO
""".split())

_HEAD_WORDS = frozenset("""
    Association Confederation Federation Union Congress Trust Council Society Institute Institution
    Foundation Fund Authority Agency Commission Board Committee College University Department Ministry
    Office Government Party Service
""".split())

# A title or honorific ends an organisation name (and what follows it is usually a person).
_TITLE_WORDS = frozenset("""
    Secretary Minister Chancellor Chief Executive Director Chair Chairman Chairwoman Chairperson Co-chair
    President Officer Spokesperson Spokesman Spokeswoman Leader Head Professor Prof Dr Mr Mrs Ms Miss Mx
    Sir Dame Lord Lady Rt Hon Cllr Councillor MP
""".split())
# Modifiers that belong to a title that follows them ('General Secretary', 'Deputy Chief ...').
_TITLE_MODIFIERS = frozenset("General Deputy Assistant Acting Interim Vice Shadow Former".split())

# Capitalised structure words that open sentences but never open a name.
_LEADING_STRUCTURE_WORDS = frozenset("""
    The A An This That These Those It Its Their His Her Our Your My We They He She I
    Many Some All Every Each Most Other Both Several Few Any No Neither Either
    However But And Or So Yet Also Now Then When While Whereas If As Although Though Because Meanwhile
    In On At By For From To With Without After Before Under Over Since Until During Into Via Per Like
    Yesterday Today Tomorrow Tonight Last Next Earlier Later Recently Instead Still Only Even Just Indeed
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Mon Tue Wed Thu Fri Sat Sun Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Why What Who Where How Which
""".split())


def extract_mentions(text: str, source_id: str, lexicon: Lexicon) -> list[dict]:
    """Rows of the mentions table for one article, sorted by start, spans never overlapping."""
    curated = lexicon.find(text)
    candidates = _candidate_spans(text, lexicon, curated)
    kept_curated, kept_candidates = _settle_collisions(curated, candidates)
    rows = [_curated_row(source_id, m) for m in kept_curated]
    rows += [_candidate_row(source_id, text, start, end) for start, end in kept_candidates]
    rows.sort(key=lambda row: row["start"])
    return rows


def _curated_row(source_id: str, match: AliasMatch) -> dict:
    is_person = match.alias.entity_kind == "person"
    return {"source_id": source_id, "text": match.text, "start": match.start, "end": match.end,
            "entity_kind": match.alias.entity_kind,
            "person_id": match.alias.entity_id if is_person else None,
            "organisation_id": None if is_person else match.alias.entity_id,
            "resolution": "alias"}


def _candidate_row(source_id: str, text: str, start: int, end: int) -> dict:
    return {"source_id": source_id, "text": text[start:end], "start": start, "end": end,
            "entity_kind": "organisation", "person_id": None, "organisation_id": None,
            "resolution": "unresolved_candidate"}


# --- candidates -------------------------------------------------------------------------------------------

def _candidate_spans(text: str, lexicon: Lexicon, curated: list[AliasMatch]) -> list[tuple[int, int]]:
    prefixes, worth_a_look = _naming_prefixes(lexicon)
    covered = _Coverage(curated)
    phrases = []
    for run in _NAME_RUN.finditer(text):
        if not worth_a_look.search(run.group()) or covered.kind_at(run.start(), run.end()):
            continue
        tokens = [(m.group(), m.start(), m.end()) for m in _RUN_TOKEN.finditer(text, run.start(), run.end())]
        for segment in _segments(tokens, covered):
            span = _phrase_candidate(segment, prefixes)
            if span:
                phrases.append(span)
    acronyms = [m.span() for m in _ACRONYM.finditer(text) if _is_organisation_acronym(text, m.start(), m.end())]
    if phrases:
        acronyms = [(a, b) for a, b in acronyms if not any(s < b and a < e for s, e in phrases)]
    return sorted(phrases + acronyms)


def _is_organisation_acronym(text: str, start: int, end: int) -> bool:
    word = text[start:end]
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in _NOT_BEFORE_ACRONYM):
        return False
    if word in _NOT_ORGANISATION_ACRONYMS or _ROMAN_NUMERAL.fullmatch(word):
        return False
    return not _is_shouted(text, start, end)


def _is_shouted(text: str, start: int, end: int) -> bool:
    """Whether the word is part of a run of three or more words written all in capitals."""
    before = _CAPITALS_WORDS_BEFORE.search(text, max(0, start - 40), start)
    after = _CAPITALS_WORDS_AFTER.match(text, end, end + 40)
    neighbours = (len(before.group().split()) if before else 0) + (len(after.group().split()) if after else 0)
    return neighbours >= 2


def _segments(tokens, covered: "_Coverage"):
    """Split a run's tokens at titles, curated people, and 'and'/'&' next to a curated organisation."""
    segment = []
    for i, (word, start, end) in enumerate(tokens):
        kind = covered.kind_at(start, end)
        if word in _TITLE_WORDS or kind == "person":
            while segment and _bare(segment[-1][0]) in _TITLE_MODIFIERS:
                segment.pop()
            yield segment
            segment = []
            continue
        if word in ("and", "&") and kind is None and (
                (i > 0 and covered.kind_at(*tokens[i - 1][1:]) == "organisation")
                or (i + 1 < len(tokens) and covered.kind_at(*tokens[i + 1][1:]) == "organisation")):
            yield segment
            segment = []
            continue
        segment.append((word, start, end))
    yield segment


def _phrase_candidate(segment, prefixes: frozenset[str]) -> tuple[int, int] | None:
    words = list(segment)
    while words and (_is_connector(words[0][0]) or words[0][0] in _LEADING_STRUCTURE_WORDS):
        words.pop(0)
    while words and _is_connector(words[-1][0]):
        words.pop()
    names = [w for w in words if not _is_connector(w[0])]
    if len(names) < 2:
        return None
    last = None
    if names[0][0] in prefixes:
        last = len(words) - 1
    for i, (word, _, _) in enumerate(words):
        if _bare(word) not in _HEAD_WORDS:
            continue
        followed_by_of = i + 2 < len(words) and words[i + 1][0].split()[0] in ("of", "for")
        if followed_by_of:
            last = len(words) - 1
            break
        if i > 0:
            last = i
    if last is None:
        return None
    start, end = words[0][1], words[last][2]
    return start, end - (len(words[last][0]) - len(_bare(words[last][0])))


def _is_connector(token: str) -> bool:
    return not token[0].isupper() or token == "&"


def _bare(word: str) -> str:
    """The word without a possessive ending ("Trust’s" -> "Trust", "Doctors’" -> "Doctors")."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    if word.endswith(("'", "’")):
        return word[:-1]
    return word


_prefix_cache: dict[int, tuple[Lexicon, tuple[frozenset[str], re.Pattern]]] = {}


def _naming_prefixes(lexicon: Lexicon) -> tuple[frozenset[str], re.Pattern]:
    """Naming prefixes: the first word of a curated organisation name that goes on with a capital ('NHS
    England') when that word is itself another organisation's alias ('NHS'). Also a quick test for a run
    that holds a head word or such a prefix (most runs hold neither)."""
    cached = _prefix_cache.get(id(lexicon))
    if cached and cached[0] is lexicon:
        return cached[1]
    organisation_of = {normalise_key(a.alias): a.entity_id for a in lexicon.aliases
                       if a.entity_kind == "organisation"}
    prefixes = set()
    for a in lexicon.aliases:
        first, _, rest = a.alias.partition(" ")
        if a.entity_kind == "organisation" and rest[:1].isupper() and first[:1].isupper():
            owner = organisation_of.get(normalise_key(first))
            if owner is not None and owner != a.entity_id:
                prefixes.add(first)
    words = sorted(_HEAD_WORDS | prefixes, key=lambda w: (-len(w), w))
    worth_a_look = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?![\w\-])")
    result = frozenset(prefixes), worth_a_look
    _prefix_cache[id(lexicon)] = (lexicon, result)
    return result


class _Coverage:
    """Which curated match (person or organisation), if any, covers a token."""

    def __init__(self, curated: list[AliasMatch]):
        self._matches = curated
        self._starts = [m.start for m in curated]

    def kind_at(self, start: int, end: int) -> str | None:
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self._matches[i].end >= end:
            return self._matches[i].alias.entity_kind
        return None


# --- collisions ---------------------------------------------------------------------------------------------

def _settle_collisions(curated: list[AliasMatch], candidates: list[tuple[int, int]]):
    """Curated matches win, except over a strictly longer candidate that contains only organisations."""
    dropped = set()
    kept_candidates = []
    starts = [m.start for m in curated]
    for start, end in candidates:
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        overlapping = [i for i in range(first, bisect.bisect_left(starts, end))
                       if curated[i].start < end and start < curated[i].end]
        if not overlapping:
            kept_candidates.append((start, end))
            continue
        longer = all(curated[i].alias.entity_kind == "organisation" and start <= curated[i].start
                     and curated[i].end <= end and (curated[i].start, curated[i].end) != (start, end)
                     for i in overlapping)
        if longer:
            dropped.update(overlapping)
            kept_candidates.append((start, end))
    return [m for i, m in enumerate(curated) if i not in dropped], kept_candidates
