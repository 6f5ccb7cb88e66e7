"""Reading article texts: strictly UTF-8, offsets are Python str indices into exactly these characters."""
from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from scripts.errors import InputError


def read_article(path: Path) -> str:
    """Return the article text, or raise InputError naming the byte offset that is not UTF-8."""
    return decode_article(Path(path).read_bytes(), path)


def decode_article(data: bytes, path: str | Path) -> str:
    """The text of an article file's bytes, or InputError (empty, BOM, not UTF-8 at a byte offset)."""
    if not data.strip():
        raise InputError(path, "whole file", "the file is empty", "Replace it with the article text, or remove it.")
    if data.startswith(b"\xef\xbb\xbf"):
        raise InputError(path, "byte 0", "the file starts with a UTF-8 byte-order mark",
                         "Save it as UTF-8 without BOM, so that character offsets are not shifted.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, f"byte {err.start}", f"not valid UTF-8 ({err.reason})",
                         "Re-save the article as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`).") from None


def sha256_of(path: Path) -> str:
    """A file's sha256, read in blocks (a large corpus's SQLite file would otherwise be held whole)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class ArticleTexts(Mapping):
    """source_id -> text, as the dict it is made from (same keys in the same order, same texts), held as one
    UTF-8 buffer and decoded when a text is asked for; length(source_id) is a text's length in characters, kept
    when the text is added, so that measuring a text does not decode it.

    A Python str of a text with one character beyond Latin-1 (a curly quote) takes two or four bytes per
    character; the buffer takes about one. The build holds every article's text from reading the corpus until the
    package is staged (extraction, then the derived tables that read texts), so at 100,000 articles this is
    about half of 330 MB for the whole of that time (BENCHMARK.md, "Memory of the corpus build").

    The buffer is filled in place by add() (a reader of a corpus adds each text as it reads it: no dict of every
    text first, no copy of the whole buffer at the end). Its bytes are only ever appended to, so an ArticleTexts
    made from another shares that one's buffer and copies only its index."""

    def __init__(self, texts: Mapping[str, str] | None = None):
        if isinstance(texts, ArticleTexts):
            self._data, self._position = texts._data, dict(texts._position)
            self._starts, self._ends, self._lengths = (array("q", a) for a in (texts._starts, texts._ends, texts._lengths))
            return
        self._data, self._position = bytearray(), {}
        self._starts, self._ends, self._lengths = array("q"), array("q"), array("q")  # bytes, bytes, characters
        for source_id, text in (texts or {}).items():
            self.add(source_id, text)

    def add(self, source_id: str, text: str, data: bytes | None = None) -> None:
        """Append a text under a new source_id; data, when the caller has it, is the text's UTF-8 bytes (the
        file it was decoded from), so that the text is not encoded again."""
        if source_id in self._position:
            raise ValueError(f"{source_id!r} is already in the texts: each text is added once")
        self._starts.append(len(self._data))  # not the last text's end: a buffer shared with another grows by its texts too
        self._data += text.encode("utf-8", "surrogatepass") if data is None else data
        self._ends.append(len(self._data))
        self._lengths.append(len(text))
        self._position[source_id] = len(self._position)

    def __getitem__(self, source_id: str) -> str:
        number = self._position[source_id]
        with memoryview(self._data) as view:  # released at once: the buffer may grow again
            return str(view[self._starts[number]:self._ends[number]], "utf-8", "surrogatepass")

    def length(self, source_id: str) -> int:
        """len(self[source_id]), without decoding the text."""
        return self._lengths[self._position[source_id]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)

    def __contains__(self, source_id) -> bool:
        return source_id in self._position


def text_length(articles: Mapping[str, str], source_id: str) -> int:
    """len(articles[source_id]); an ArticleTexts gives it without decoding the text."""
    return articles.length(source_id) if isinstance(articles, ArticleTexts) else len(articles[source_id])


_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))


def utf8_length(data: bytes) -> int:
    """The number of characters in valid UTF-8 bytes, counted without decoding them: each character has exactly one
    byte that is not a continuation byte (0b10xxxxxx)."""
    return len(data.translate(None, _CONTINUATION_BYTES))


class TextsInOrder(Sequence):
    """The texts of articles[ids[i]], position by position, each fetched when it is read: a view that does not hold
    every text at once beside the build's own (compact) copy of them. With labels (a sequence as long as ids), item
    i is (*labels[i], text) instead of the text."""

    def __init__(self, articles: Mapping[str, str], ids: Sequence[str], labels: Sequence[tuple] | None = None):
        self.articles, self.ids, self.labels = articles, ids, labels

    @classmethod
    def labelled(cls, articles: Mapping[str, str], labels: Sequence[tuple]) -> TextsInOrder:
        """The view whose item i is (*labels[i], text), each label ending with its text's id (e.g. (key, source_id))."""
        return cls(articles, [label[-1] for label in labels], labels)

    def __len__(self) -> int:
        return len(self.ids)

    def _item(self, i: int):
        text = self.articles[self.ids[i]]
        return text if self.labels is None else (*self.labels[i], text)

    def __getitem__(self, at):
        if isinstance(at, slice):
            return [self._item(i) for i in range(*at.indices(len(self.ids)))]
        return self._item(range(len(self.ids))[at])  # a negative position counts from the end, as in a list
