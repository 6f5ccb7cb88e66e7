"""A content-addressed memo of the across-source steps' per-article work, kept in the build's --cache folder.

Some of what the across-source tables compute depends on one article's text alone (and on the step's code and
settings), not on the rest of the corpus: a figure's sentence and the other measures' terms it names, for
instance. A rebuild after articles were added finds those results here instead of computing them again; what
depends on the corpus as a whole (which figures disagree, which articles share a passage) is still computed over
every article, so the tables are the ones a build without the memo makes (tests/test_incremental_build.py holds
this, byte for byte).

Each memo is a scripts.extract.cache.ExtractionCache with a schema of its own: CACHE_DIR/across/<name>-<version>/
seg-<sha256>.arrow, an Arrow IPC segment per run (shared passages: per MEMO_SEGMENT_TEXTS new articles), checked
against the hash in its name when read and removed (with a warning, its entries computed again) when it does not
match; merged beyond 16 segments. A row's key (text_sha256) is whatever the step makes of the article's sha256 and
the item's place (e.g. sha256:start:measure).
The version hashes the step's own module source and every project module it imports (code_version), the memo's
schema, the Python version, and the step's settings (`depends_on`), so a change to any of them uses a new folder.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pyarrow as pa

from scripts.extract.cache import ExtractionCache, code_version
from scripts.extract.engines import KEY, text_key

__all__ = ["ArticleMemo", "text_key"]


class ArticleMemo(ExtractionCache):
    """Memoised values by key in cache_dir/across/<name>-<version>/ (lookup, store and the checks: ExtractionCache)."""
    _segment_kind = "across-source memo segment"
    _after_unusable = "it was removed and what it held is computed again (the tables are unchanged)"

    def __init__(self, cache_dir: Path, name: str, module: str, values: list[pa.Field], depends_on: str):
        self.layouts = ()
        self.schema = pa.schema([pa.field(KEY, pa.string(), nullable=False), *values])
        described = {"module": module, "code": code_version((module,)), "python": list(sys.version_info[:2]),
                     "schema": self.schema.to_string(), "depends_on": depends_on}
        self.version = hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()
        self.folder = Path(cache_dir) / "across" / f"{name}-{self.version[:32]}"
        self.hits = self.misses = self.recovered = 0

    def values(self, keys: list[str], column: str) -> dict[str, object]:
        """{key: value of column} for the keys the memo holds."""
        table = self.lookup(keys)
        return dict(zip(table[KEY].to_pylist(), table[column].to_pylist()))

    def add(self, found: dict[str, object], column: str) -> None:
        """Store {key: value} as one segment (nothing when found is empty)."""
        if found:
            keys = sorted(found)
            self.store(pa.table({KEY: pa.array(keys, pa.string()),
                                 column: pa.array([found[k] for k in keys], self.schema.field(column).type)},
                                schema=self.schema))
