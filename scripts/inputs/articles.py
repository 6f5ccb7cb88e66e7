"""Reading article texts: strictly UTF-8, offsets are Python str indices into exactly these characters."""
from __future__ import annotations

import hashlib
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
