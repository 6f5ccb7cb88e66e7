"""A deterministic count of the work an extractor does on a text, to pin linear time without a clock.

Two counts, both the same on every machine and every run:
- lines: Python line events (sys.settrace) executed in the extractor modules;
- scanned: characters handed to the regular expressions of those modules: the span (endpos - pos) of every
  search / finditer / findall / sub / split call, and 1 plus the matched length of every anchored match /
  fullmatch (an anchored match reads what it matches, not the rest of the text).
A quadratic rescan (a search over the rest of the sentence for every figure, a scan back to the line start for
every word) shows as a count growing ~100x for a 10x longer text; linear work grows ~10x.
  A text wrapped with the `wrap` argument the call gets also counts the span of its find / rfind / index /
  rindex / count calls (a scan back to the line start for every word shows there).
Not counted: other str work in C (slicing, 'in', methods of strings derived from the text): the hostile-input
benchmark (scripts/evaluation/benchmark_hostile.py) measures everything in CPU time.
"""
from __future__ import annotations

import re
import sys
from types import ModuleType


class _CountingPattern:
    """A compiled pattern that adds the characters each call may scan to a shared counter."""

    def __init__(self, pattern: re.Pattern, counter: list[int]):
        self._pattern, self._counter = pattern, counter

    def _span(self, string: str, pos: int, endpos: int) -> None:
        self._counter[0] += max(0, min(endpos, len(string)) - pos)

    def search(self, string, pos=0, endpos=sys.maxsize):
        self._span(string, pos, endpos)
        return self._pattern.search(string, pos, endpos)

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        self._span(string, pos, endpos)
        return self._pattern.finditer(string, pos, endpos)

    def findall(self, string, pos=0, endpos=sys.maxsize):
        self._span(string, pos, endpos)
        return self._pattern.findall(string, pos, endpos)

    def sub(self, repl, string, count=0):
        self._span(string, 0, len(string))
        return self._pattern.sub(repl, string, count)

    def split(self, string, maxsplit=0):
        self._span(string, 0, len(string))
        return self._pattern.split(string, maxsplit)

    def match(self, string, pos=0, endpos=sys.maxsize):
        m = self._pattern.match(string, pos, endpos)
        self._counter[0] += 1 + (m.end() - pos if m else 0)
        return m

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        m = self._pattern.fullmatch(string, pos, endpos)
        self._counter[0] += 1 + (m.end() - pos if m else 0)
        return m

    def __getattr__(self, name):
        return getattr(self._pattern, name)


class _CountingStr(str):
    """The text itself, counting the characters its search methods may read."""

    def __new__(cls, text: str, counter: list[int]):
        self = super().__new__(cls, text)
        self._counter = counter
        return self

    def _span(self, start, end) -> None:
        start, end, _ = slice(start, end).indices(len(self))
        self._counter[0] += max(0, end - start)

    def find(self, sub, start=None, end=None):
        self._span(start, end)
        return super().find(sub, start, end)

    def rfind(self, sub, start=None, end=None):
        self._span(start, end)
        return super().rfind(sub, start, end)

    def index(self, sub, start=None, end=None):
        self._span(start, end)
        return super().index(sub, start, end)

    def rindex(self, sub, start=None, end=None):
        self._span(start, end)
        return super().rindex(sub, start, end)

    def count(self, sub, start=None, end=None):
        self._span(start, end)
        return super().count(sub, start, end)


def count_work(call, modules: list[ModuleType], monkeypatch, patterns_of: list[object] = ()) -> tuple[int, int]:
    """(lines, scanned) of call(wrap), counting in the given modules (and the given objects' pattern attributes)."""
    scanned = [0]
    for module in modules:
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(module, name, _CountingPattern(value, scanned))
    for holder in patterns_of:
        for name, value in list(vars(holder).items()):
            if isinstance(value, re.Pattern):
                object.__setattr__(holder, name, _CountingPattern(value, scanned))
    files = {module.__file__ for module in modules}
    lines = [0]

    def local(frame, event, arg):
        if event == "line":
            lines[0] += 1
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename in files else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        call(lambda text: _CountingStr(text, scanned))
    finally:
        sys.settrace(previous)
    for holder in patterns_of:
        for name, value in list(vars(holder).items()):
            if isinstance(value, _CountingPattern):
                object.__setattr__(holder, name, value._pattern)
    return lines[0], scanned[0]


def growth(call_at, modules: list[ModuleType], monkeypatch, small: int, patterns_of=()) -> tuple[float, float]:
    """How much each count grows from a text of `small` characters to one ten times as long: call_at(size, wrap)."""
    counts = []
    for size in (small, 10 * small):
        with monkeypatch.context() as patch:
            counts.append(count_work(lambda wrap: call_at(size, wrap), modules, patch, patterns_of))
    (lines_small, scanned_small), (lines_large, scanned_large) = counts
    return lines_large / max(lines_small, 1), scanned_large / max(scanned_small, 1)
