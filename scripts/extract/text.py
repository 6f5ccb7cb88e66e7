"""Splitting article text into paragraphs and sentences as (start, end) spans into the original string."""
from __future__ import annotations

import re
from typing import NamedTuple

# An acronym defined in brackets after a name ('... Association (QCSA)'): one capital, then 1-7 letters or '&'.
BRACKETED_ACRONYM_SHAPE = r"[A-Z][A-Za-z&]{1,7}"


def word_trie(words) -> str:
    r"""Literal words as one regex alternation factored by their letters ('s(?:aid|poke)' for 'said', 'spoke'), which
    the regex engine tries faster than the words one after another (a third less time for the outlet cues). It matches what the plain
    alternation matches where at most one of the words can match at a position (words of letters followed by
    (?!\w): one word that is a prefix of another is then cut short by the other's next letter)."""
    words = sorted(set(words))
    ends_here = "" in words
    by_first: dict[str, list[str]] = {}
    for word in words:
        if word:
            by_first.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(first) + word_trie(rests) for first, rests in by_first.items()]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return body + "?" if len(branches) == 1 and len(body) == 1 else "(?:" + body + ")?"
    return body


def finditer_if_present(pattern: re.Pattern, text: str, needles: tuple[str, ...]):
    """pattern.finditer(text), or nothing without a scan when text holds none of the needles (substrings that every
    match of pattern holds): a substring test is many times faster than a regex scan for words rarely written."""
    return pattern.finditer(text) if any(needle in text for needle in needles) else ()


class Span(NamedTuple):
    start: int
    end: int


# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "prof", "st", "no", "rt", "hon", "sen", "gov", "cllr", "vs", "etc",
                  "e.g", "i.e", "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                  "oct", "nov", "dec", "co", "inc", "ltd"}
_SENTENCE_END = re.compile(r"[.!?…]+[\"'\u201d\u2019)]*(?=\s+|$)")


_LINE = re.compile(r"[^\n]+")  # what paragraphs reads lines as (tests compare the two)
_new_span = tuple.__new__  # Span(start, end) without the Python-level __new__ of a named tuple


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines (a news text's paragraphs), without surrounding white space. The lines are the non-empty
    pieces of str.split at line breaks: the matches of _LINE, without a regex match object each."""
    spans = []
    offset = 0
    for line in text.split("\n"):
        stripped_end = len(line.rstrip())
        if stripped_end:
            spans.append(_new_span(Span, (offset + len(line) - len(line.lstrip()), offset + stripped_end)))
        offset += len(line) + 1
    return spans


def blanks_start(text: str, end: int) -> int:
    r"""Where the run of blanks (white space other than a line break) that ends at end starts: what a regex
    anchor starting with [^\S\n]* would give, found from a cheaper anchor after the blanks."""
    if not end or text[end - 1] == "\n" or not text[end - 1].isspace():
        return end  # no blanks (the usual case)
    size = 16
    while True:  # windows growing fourfold: linear in the run's length, however long, at str.rstrip's speed
        low = max(0, end - size)
        window = text[low:end]
        cut = window.rfind("\n") + 1  # a line break ends the run
        kept = window[cut:].rstrip()
        if kept or cut or low == 0:
            return low + cut + len(kept)
        size *= 4


_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\W*\Z")  # what _abbreviation_before reads (tests compare the two)


def sentences_within(text: str, start: int, end: int) -> list[Span]:
    """Sentences of text[start:end], split after . ! ? … not following an abbreviation nor followed by lower case.

    Only the word before each full stop is examined, so the cost is linear in the paragraph's length.
    """
    spans = []
    for m in _SENTENCE_END.finditer(text, start, end):
        stop, after = m.span()
        if text[stop] == "." and _abbreviation_before(text, max(start, stop - 24), stop):
            continue
        following = text[after:after + 3].lstrip()
        if following and following[0].islower():
            continue
        spans.append(_new_span(Span, (start, after)))
        start = after
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append(_new_span(Span, (start, end)))
    return spans


def _abbreviation_before(text: str, low: int, stop: int) -> bool:
    """Whether the word before the full stop at text[stop] is in _ABBREVIATIONS: what
    _WORD_BEFORE_STOP.search(text, low, stop + 1).group(1).rstrip(".").lower() gives, read back from the stop
    instead of searched for from low. That match's word is the run of word characters and dots that holds the
    window's last word character (only non-word characters may follow it), cut at low; without dots at its end."""
    last = stop - 1  # text[stop] is the full stop, not a word character
    while last >= low and not (text[last].isalnum() or text[last] == "_"):
        last -= 1
    if last < low:
        return False  # no word character: the search finds dots at most, and '' is no abbreviation
    first = last
    while first > low and (text[first - 1].isalnum() or text[first - 1] in "_."):
        first -= 1
    return text[first:last + 1].lower() in _ABBREVIATIONS


def sentences(text: str, within: Span | None = None) -> list[Span]:
    """Sentences of each paragraph (or of one span)."""
    spans = []
    for para in ([within] if within else paragraphs(text)):
        spans += sentences_within(text, para.start, para.end)
    return spans


def enclosing(spans: list[Span], offset: int) -> Span | None:
    """The span that contains offset, if any."""
    for span in spans:
        if span.start <= offset < span.end:
            return span
    return None
