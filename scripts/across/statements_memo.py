"""The statements step's index, kept in the build's --cache folder, so that a rebuild after quotes were added looks up
only the new quotes, and the old ones only among the new wordings.

What the grouping costs is making each quote's lookups and each wording's filing lookups (StatementIndex); deciding
the groups from the candidates they find is cheap. The lookups are exact under any one total order of the tokens
and runs per space (the prefix filter), so a build keeps, in CACHE_DIR/across/statements-<version>/index.npz:
  - the order it used (FrozenOrder: the tokens' counts per space and the runs' counts, as they were counted);
  - every (space, wording) entry, as the position of a quote that holds it and the space's id, and their postings;
  - every quote's identity (what the grouping reads of it) and the hashes of its lookups; the hashes, most of the
    bytes, in a file of their own (lookups-<crc32>-<count>.bin, written while the quotes are grouped, so that they
    are never all held in memory, and read back mapped, not loaded).
A rebuild whose quotes hold every kept quote files and looks up only the new quotes under the kept order (a token or
run it never counted counts 0), adds the new entries' postings, takes the old quotes' lookups as they were kept,
and then groups every quote in order as a build without the memo does: the groups are the same (the tests hold
this on invented quotes added in random order). Anything else (no index, an unreadable or damaged one, a kept quote
that is gone or changed, changed organisation parents, more new quotes than kept ones, or twice as many quotes as
the order counted) makes the index anew, with a
CacheWarning when the file could not be used. The folder's version hashes this module's source and those it
imports (code_version), so a change of the rules or the lookups starts a new one; keeping an index removes the
folders of other versions (at 100,000 articles an index is some 300 MB, and only the code that wrote it can read
it).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import warnings
import zipfile
import zlib
from array import array
from collections import Counter
from pathlib import Path

import numpy as np

from scripts.across.statements import counts_of
from scripts.extract.cache import CacheWarning, code_version

STATE_FILE = "index.npz"
_ARRAYS = ("count_spaces", "count_starts", "count_tokens", "count_values", "run_hashes", "run_counts",
           "entry_quote", "entry_space", "posting_hashes", "posting_entries", "quote_ids", "query_starts",
           "lookups_crc32", "parents", "counted_quotes")
_CHECK_BYTES = 1 << 24  # the lookups file is checked against its CRC-32 this many bytes at a time


def _lookups_name(crc32: int, count: int) -> str:
    return f"lookups-{crc32:08x}-{count}.bin"


def quote_identity(quote: dict) -> bytes:
    """16 bytes naming what the grouping reads of a quote: its place, text, speakers and date."""
    parts = (quote["source_id"], quote["start"], quote["text"], quote["speaker_person_id"],
             quote["speaker_organisation_id"], quote["published_date"])
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _parents_digest(parents: dict[str, str]) -> np.ndarray:
    text = "\x1e".join(f"{k}\x1f{v}" for k, v in sorted(parents.items()))
    return np.frombuffer(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest(), dtype=np.uint8)


class FrozenOrder:
    """The counts a StatementIndex orders tokens and runs by, as one build counted them."""

    def __init__(self, count_spaces, count_starts, count_tokens, count_values, run_hashes, run_counts):
        self.count_spaces, self.count_starts = count_spaces, count_starts
        self.count_tokens, self.count_values = count_tokens, count_values
        self.run_hashes, self.run_counts = run_hashes, run_counts

    @classmethod
    def of(cls, index) -> "FrozenOrder":
        spaces = sorted(index.frequency)
        tokens, values, starts = [], [], [0]
        for space in spaces:
            counts = index.frequency[space]
            found = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            by_token = np.argsort(found)
            tokens.append(found[by_token])
            values.append(np.fromiter(counts.values(), dtype=np.int64, count=len(counts))[by_token])
            starts.append(starts[-1] + len(counts))
        empty = [np.empty(0, dtype=np.int64)]
        return cls(np.array(spaces, dtype=np.int64), np.array(starts, dtype=np.int64),
                   np.concatenate(tokens or empty), np.concatenate(values or empty),
                   index.run_hashes, index.run_counts)

    def counts_for(self, index, keys, quotes) -> tuple[dict, np.ndarray, np.ndarray]:
        """What StatementIndex needs to file and look up these quotes: the kept counts of their tokens in every space
        they are filed or look in, and the runs' counts."""
        wanted: dict[int, set] = {}
        for quote, key in zip(quotes, keys):
            tokens = index._tokens(key)
            filed, looked = index._spaces(quote)
            for space in filed + looked:
                wanted.setdefault(index._space_id(space), set()).update(tokens)
        where = {space: k for k, space in enumerate(self.count_spaces.tolist())}
        frequency = {}
        for space, tokens in wanted.items():
            k = where.get(space)
            if k is None:
                continue  # no quote was filed there: every token counts 0
            low, high = int(self.count_starts[k]), int(self.count_starts[k + 1])
            asked = np.array(sorted(tokens), dtype=np.int64)
            counts = counts_of(self.count_tokens[low:high], self.count_values[low:high], asked)
            frequency[space] = Counter(dict(zip(asked.tolist(), counts.tolist())))
        return frequency, self.run_hashes, self.run_counts


class StatementMemo:
    """The kept index of one cache folder: restore() before grouping, save() after."""

    def __init__(self, cache_dir: Path, parents: dict[str, str]):
        version = hashlib.sha256("\x1f".join([code_version(("scripts.across.statements", __name__)),
                                               str(sys.version_info[:2])]).encode()).hexdigest()
        self.folder = Path(cache_dir) / "across" / f"statements-{version[:32]}"
        self.parents = parents
        self.frozen: FrozenOrder | None = None
        self._counts = array("q")  # lookups per quote, in this build's order
        self._crc32, self._written, self._lookups, self._lookups_path = 0, 0, None, None
        self._not_kept = False  # writing the index failed (warned): this build keeps nothing
        self._identities: list[bytes] | None = None  # of this build's quotes, in order, once restore() made them

    def _load(self) -> dict[str, np.ndarray] | None:
        path = self.folder / STATE_FILE
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as stored:
                kept = {name: stored[name] for name in _ARRAYS}
            quotes, entries = len(kept["quote_ids"]), len(kept["entry_quote"])
            count = int(kept["query_starts"][-1]) if len(kept["query_starts"]) else -1
            kept["query_hashes"] = self._kept_lookups(int(kept["lookups_crc32"]), count)
            if not (kept["quote_ids"].shape == (quotes, 16) and kept["quote_ids"].dtype == np.uint8
                    and len(kept["query_starts"]) == quotes + 1
                    and len(kept["entry_space"]) == entries and len(kept["posting_hashes"]) == len(kept["posting_entries"])
                    and len(kept["count_starts"]) == len(kept["count_spaces"]) + 1
                    and kept["count_starts"][-1] == len(kept["count_tokens"]) == len(kept["count_values"])
                    and (entries == 0 or (0 <= kept["entry_quote"].min() and kept["entry_quote"].max() < quotes))
                    and (len(kept["posting_entries"]) == 0 or kept["posting_entries"].max() < entries)):
                raise ValueError("its arrays do not fit together")
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as err:
            warnings.warn(f"{path}: the statements index cannot be used ({err}); it is made anew (the tables are "
                          "unchanged)", CacheWarning, stacklevel=3)
            return None
        return kept

    def _kept_lookups(self, crc32: int, count: int) -> np.ndarray:
        """The kept lookups file, mapped (its pages are read as the quotes are grouped), once its CRC-32 matches."""
        path = self.folder / _lookups_name(crc32, count)
        if count < 0 or path.stat().st_size != 8 * count:
            raise ValueError(f"{path.name} does not hold the {count} lookups the index names")
        found = np.memmap(path, dtype=np.int64, mode="r") if count else np.empty(0, dtype=np.int64)
        check, raw = 0, found.view(np.uint8)
        for at in range(0, len(raw), _CHECK_BYTES):
            check = zlib.crc32(raw[at:at + _CHECK_BYTES], check)
        if check != crc32:
            raise ValueError(f"{path.name} does not match its CRC-32")
        return found

    def keep_lookups(self, counts: np.ndarray, hashes: np.ndarray) -> None:
        """Add the next quotes' lookups (in this build's order) to the file save() keeps."""
        if self._lookups is None and not self._not_kept:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._lookups_path = self.folder / f".lookups.{os.getpid()}.tmp"
                self._lookups = open(self._lookups_path, "wb")
            except OSError as err:
                self._cannot_keep(err)
        self._counts.extend(counts.tolist())
        if self._lookups is not None:
            data = np.ascontiguousarray(hashes, dtype=np.int64).view(np.uint8)
            self._crc32 = zlib.crc32(data, self._crc32)
            self._written += len(hashes)
            try:
                self._lookups.write(data)
            except OSError as err:
                self._cannot_keep(err)

    def _cannot_keep(self, err: OSError) -> None:
        warnings.warn(f"{self.folder}: the statements index cannot be kept ({err.strerror or err}); the next build "
                      "makes it anew", CacheWarning, stacklevel=3)
        if self._lookups is not None:
            self._lookups.close()
        self._lookups, self._not_kept = None, True

    def restore(self, order: list[dict], keys: list[tuple[str, ...]], make_index):
        """(index, kept lookups or None): an index with the kept entries and the new quotes filed, when the kept one
        serves these quotes (make_index(frozen, new_quotes, new_keys) makes an index ordered by frozen, with no entry
        filed); else None, None and the caller makes the index anew."""
        kept = self._load()
        if kept is None or not np.array_equal(kept["parents"], _parents_digest(self.parents)):
            return None, None
        raw = kept["quote_ids"].tobytes()
        kept_ids = [raw[k:k + 16] for k in range(0, len(raw), 16)]
        position_of = {identity: k for k, identity in enumerate(kept_ids)}
        identities = self._identities = [quote_identity(q) for q in order]
        from_kept = np.array([position_of.get(identity, -1) for identity in identities], dtype=np.int64)
        found = from_kept[from_kept >= 0]
        new = np.flatnonzero(from_kept < 0)
        if (len(found) != len(kept_ids) or len(np.unique(found)) != len(found) or len(new) > len(kept_ids)
                or len(order) > 2 * int(kept["counted_quotes"])):
            return None, None  # a kept quote is gone or changed, or most quotes were not counted: start again
        self.frozen = FrozenOrder(*(kept[name] for name in ("count_spaces", "count_starts", "count_tokens",
                                                           "count_values", "run_hashes", "run_counts")))
        self._counted = int(kept["counted_quotes"])
        new_quotes, new_keys = [order[k] for k in new], [keys[k] for k in new]
        index = make_index(self.frozen, new_quotes, new_keys)
        now_at = np.empty(len(kept_ids), dtype=np.int64)
        now_at[found] = np.flatnonzero(from_kept >= 0)
        if not index.restore_entries(order, keys, now_at[kept["entry_quote"]].tolist(), kept["entry_space"].tolist(),
                                     kept["posting_hashes"], kept["posting_entries"]):
            warnings.warn(f"{self.folder / STATE_FILE}: the statements index cannot be used (an entry names a space "
                          "its quote is not filed in); it is made anew (the tables are unchanged)",
                          CacheWarning, stacklevel=3)
            self.frozen = None
            return None, None
        index.file_entries(new_quotes, new_keys, new.tolist())
        return index, _KeptLookups(from_kept, kept["query_starts"], kept["query_hashes"])

    def save(self, index, order: list[dict]) -> None:
        """Keep the index of this build (its order: the kept one when restored, else its own counts), after every
        quote's lookups were given to keep_lookups. The lookups file gets its final name before the index names it,
        and the files the index no longer names go last: an interruption leaves the old index whole, or a file
        too many."""
        if self._lookups is None and not self._not_kept:  # no quote at all: an empty file
            self.keep_lookups(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))
        if self._lookups is None:
            return
        frozen = self.frozen or FrozenOrder.of(index)
        arrays = {
            "count_spaces": frozen.count_spaces, "count_starts": frozen.count_starts,
            "count_tokens": frozen.count_tokens, "count_values": frozen.count_values,
            "run_hashes": frozen.run_hashes, "run_counts": frozen.run_counts,
            "entry_quote": np.frombuffer(index.entry_quote, dtype=np.int64),
            "entry_space": np.array(index.entry_space_ids(), dtype=np.int64),
            "posting_hashes": index.posting_hashes, "posting_entries": index.posting_entries,
            "quote_ids": np.frombuffer(b"".join(self._identities or map(quote_identity, order)),
                                       dtype=np.uint8).reshape(-1, 16),
            "query_starts": np.concatenate([[0], np.cumsum(np.frombuffer(self._counts, dtype=np.int64))]).astype(np.int64),
            "lookups_crc32": np.array(self._crc32, dtype=np.int64), "parents": _parents_digest(self.parents),
            "counted_quotes": np.array(self._counted if self.frozen is not None else len(order), dtype=np.int64)}
        name = _lookups_name(self._crc32, self._written)
        try:
            self._lookups.close()
            os.replace(self._lookups_path, self.folder / name)
            temporary = self.folder / f".{STATE_FILE}.{os.getpid()}.tmp"
            with open(temporary, "wb") as handle:
                np.savez(handle, **arrays)
            os.replace(temporary, self.folder / STATE_FILE)
            for old in self.folder.glob("lookups-*.bin"):
                if old.name != name:
                    old.unlink()
        except OSError as err:
            self._cannot_keep(err)
            return
        for other in self.folder.parent.glob("statements-*"):  # kept by other code: only that code could read it
            if other != self.folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)


class _KeptLookups:
    """The lookup hashes of quotes in this build's order: kept ones for kept quotes, none for new ones."""

    def __init__(self, from_kept: np.ndarray, starts: np.ndarray, hashes: np.ndarray):
        self.from_kept, self.starts, self.hashes = from_kept, starts, hashes

    def kept(self, position: int) -> np.ndarray | None:
        k = self.from_kept[position]
        return None if k < 0 else self.hashes[self.starts[k]:self.starts[k + 1]]
