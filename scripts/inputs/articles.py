"""Reading article texts: strictly UTF-8, offsets are Python str indices into exactly these characters."""
from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path

from scripts.errors import InputError


def read_article(path: Path) -> str:
    """Return the article text, or raise InputError naming the byte offset that is not UTF-8."""
    return decode_article(Path(path).read_bytes(), path)


def decode_article(data: bytes, path: Path) -> str:
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
    UTF-8 buffer and decoded when a text is asked for.

    A Python str of a text with one character beyond Latin-1 (a curly quote) takes two or four bytes per
    character; the buffer takes about one. The build holds every article's text from reading the corpus until the
    package is staged (extraction, then the derived tables that read texts), so at 100,000 articles this is
    about half of 330 MB for the whole of that time (BENCHMARK.md, "Memory of the corpus build")."""

    def __init__(self, texts: Mapping[str, str]):
        data, ends, self._position = bytearray(), array("q"), {}
        for number, (source_id, text) in enumerate(texts.items()):
            data += text.encode("utf-8", "surrogatepass")
            ends.append(len(data))
            self._position[source_id] = number
        self._data, self._ends = bytes(data), ends
        del data

    def __getitem__(self, source_id: str) -> str:
        number = self._position[source_id]
        start = self._ends[number - 1] if number else 0
        return str(memoryview(self._data)[start:self._ends[number]], "utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)

    def __contains__(self, source_id) -> bool:
        return source_id in self._position
