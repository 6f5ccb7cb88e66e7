"""A content-addressed cache of extracted rows, so that a rebuild extracts only the article texts it has not seen.

An article's rows are found under the sha256 of its text, in a folder named after everything else they depend on
(cache_version): the extractor code (a hash of the source of every module the extractors import from the project,
found by reading their imports, so an edit can never be forgotten, and of the name words those modules read from
curated/vocabulary/name_words.csv or the file JDS_NAME_WORDS names, and of the fitted weights files those modules
read, each module's WEIGHTS_FILE: speaker_ranking.json, attribution_model.json), the lexicon (the
curated names and measures the extractors match, hashed), the extracted tables' columns and types, and the Python
version. Change any of them and the rows are looked for in another folder: nothing stale is ever read. source_id is
not part of the key: rows are kept without it and labelled with the article's id when read (two articles with one
text share an entry).

Layout: CACHE_DIR/<version>/seg-<sha256 of the file>.arrow. Each segment is an Arrow IPC file holding one batch
of scripts.extract.engines (a row per text: its sha256, and a list of rows per extracted table), with the full
version in its metadata. A run writes the texts it extracted as one new segment, atomically (a temporary file,
then a rename); a segment's name is the hash of its bytes, so it is checked whole when read, and a segment that
is truncated, altered, unreadable or of another layout is reported with a warning, removed, and its texts are
extracted again. When a version folder holds more than MAX_SEGMENTS segments they are merged into one. Old
version folders are never read again; delete them (or the whole cache folder) to reclaim the space.
"""
from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import importlib
import importlib.util
import json
import os
import re
import sys
import warnings
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from scripts.extract.engines import KEY, TableLayout, batch_schema

# a module that defines this reads fitted weights from that file (code_version hashes the file too)
_WEIGHTS_FILE = re.compile(r"^WEIGHTS_FILE\s*=", re.M)

FORMAT = 1          # the layout of segment files; the hash of this module's source covers it too
MAX_SEGMENTS = 16   # merged into one beyond this
SEGMENT_PREFIX, SEGMENT_SUFFIX = "seg-", ".arrow"
LOCK = ".lock"


class CacheWarning(UserWarning):
    """A cache segment could not be used; its articles were extracted again."""


# ---- what the rows depend on --------------------------------------------------------------------------------

def _module_file(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    return Path(spec.origin)


_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n#]+)", re.M)


def _imported_modules(source: str, module: str, is_package: bool) -> set[str]:
    """The modules a source text imports, as absolute names (`from a import b` also yields a.b, which may be a
    module). Read from the text rather than parsed: an import in a string counts too, which can only add files."""
    package = module if is_package else module.rpartition(".")[0]
    found = set()
    for match in _IMPORT.finditer(source):
        found.update(part.split(" as ")[0].strip() for part in match.group(1).split(","))
    for match in _FROM_IMPORT.finditer(source):
        dots = len(match.group(1)) - len(match.group(1).lstrip("."))
        base = match.group(1).lstrip(".")
        if dots:
            parts = package.split(".")[:len(package.split(".")) - dots + 1] if package else []
            base = ".".join(parts + ([base] if base else []))
        if base:
            found.add(base)
            names = match.group(2).strip("() \n")
            found.update(f"{base}.{name.split(' as ')[0].strip()}" for name in names.split(",")
                         if name.strip() and name.strip() != "*")
    return {name for name in found if re.fullmatch(r"[\w.]+", name)}


def code_version(modules: tuple[str, ...] = ()) -> str:
    """A hash of the source of the given modules, of this module and the engines, and of every module of their
    packages (same top-level name) that they import, directly or not."""
    roots = tuple(modules) + ("scripts.extract.cache", "scripts.extract.engines")
    own = {name.split(".")[0] for name in roots}
    seen: dict[str, Path] = {}
    weighted: list[str] = []
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name.split(".")[0] not in own:
            continue
        path = _module_file(name)
        if path is None:
            continue
        seen[name] = path
        source = path.read_text(encoding="utf-8")
        if _WEIGHTS_FILE.search(source):
            weighted.append(name)
        todo.extend(_imported_modules(source, name, path.name == "__init__.py") - set(seen))
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in sorted(seen):
        digest.update(f"{name} {hashlib.sha256(seen[name].read_bytes()).hexdigest()}\n".encode())
    if "scripts.extract.lexicon" in seen:
        # the name words steer the extractors' patterns as their source does: another file, other rows
        digest.update(f"name_words {name_words_fingerprint()}\n".encode())
    for name in sorted(weighted):
        # a fitted module's weights file (its WEIGHTS_FILE) steers the extractors as its source does
        weights_file = Path(importlib.import_module(name).WEIGHTS_FILE)
        digest.update(f"{name.rsplit('.', 1)[1]} {hashlib.sha256(weights_file.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def name_words_fingerprint() -> str:
    """A hash of the name words this process loaded (scripts.extract.lexicon.NAME_WORDS), every kind sorted."""
    from scripts.extract import lexicon
    words = lexicon.NAME_WORDS
    parts = []
    for field in dataclasses.fields(words):
        value = getattr(words, field.name)
        parts.append(f"{field.name}={sorted(value.items()) if isinstance(value, dict) else sorted(value)!r}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def lexicon_fingerprint(lexicon) -> str:
    """A hash of what the extractors are given to match: every field of the lexicon (aliases, measures, names).

    The lexicon remembers names it works out from its aliases (Lexicon.name_of); those are left out, so a lexicon
    that has been used hashes like a fresh one of the same curated rows.
    """
    parts = []
    for field in dataclasses.fields(lexicon):
        if not field.init:
            continue
        value = getattr(lexicon, field.name)
        if field.name == "names" and isinstance(value, dict):
            fresh = dataclasses.replace(lexicon, names={})
            value = sorted((key, name) for key, name in value.items() if name != fresh.name_of(*key))
        parts.append(f"{field.name}={value!r}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def cache_version(layouts: tuple[TableLayout, ...], lexicon) -> str:
    modules = tuple(sorted({layout.extractor.split(":")[0] for layout in layouts}))
    described = {"format": FORMAT, "python": list(sys.version_info[:2]), "code": code_version(modules),
                 "lexicon": lexicon_fingerprint(lexicon),
                 "tables": [[layout.name, layout.extractor, [list(f) for f in layout.fields]] for layout in layouts]}
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


# ---- the cache ------------------------------------------------------------------------------------------------

class ExtractionCache:
    """The cached rows of one version (extractor code, lexicon, tables) in cache_dir/<version>/.

    lookup() reads what is there for the texts asked for; store() adds a batch; both count what they do.
    """

    def __init__(self, cache_dir: Path, layouts: tuple[TableLayout, ...], lexicon):
        self.layouts = layouts
        self.schema = batch_schema(layouts)
        self.version = cache_version(layouts, lexicon)
        self.folder = Path(cache_dir) / self.version
        self.hits = self.misses = self.recovered = 0

    def segments(self) -> list[Path]:
        try:
            return sorted(p for p in self.folder.iterdir()
                          if p.name.startswith(SEGMENT_PREFIX) and p.name.endswith(SEGMENT_SUFFIX))
        except FileNotFoundError:
            return []
        except OSError as err:  # not a folder, not readable: the cache is skipped, never the build
            warnings.warn(f"{self.folder}: the extraction cache cannot be read ({err.strerror or err}); every "
                          "article is extracted", CacheWarning, stacklevel=3)
            return []

    def _read(self, path: Path) -> pa.Table | None:
        """A segment's batch, or None (with a warning, the file removed) when it cannot be trusted."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # merged away by another run since the folder was listed
            return None
        except OSError as err:
            return self._unusable(path, f"cannot be read ({err.strerror or err})")
        expected = path.name[len(SEGMENT_PREFIX):-len(SEGMENT_SUFFIX)]
        if hashlib.sha256(data).hexdigest() != expected:
            return self._unusable(path, "its bytes do not match the hash in its name (truncated or altered)")
        try:
            table = pa.ipc.open_file(pa.BufferReader(data)).read_all()
        except (pa.ArrowException, OSError) as err:
            return self._unusable(path, f"is not a readable Arrow file ({err})")
        metadata = table.schema.metadata or {}
        if metadata.get(b"version") != self.version.encode() or not table.schema.equals(self.schema):
            return self._unusable(path, "was written for other extractors or tables")
        return table

    # what a warning about an unusable segment says after its reason (ArticleMemo says its own)
    _after_unusable = "it was removed and its articles are extracted again"
    _segment_kind = "extraction cache segment"

    def _unusable(self, path: Path, reason: str) -> None:
        warnings.warn(f"{path}: {self._segment_kind} {reason}; {self._after_unusable}", CacheWarning, stacklevel=3)
        self.recovered += 1
        try:
            path.unlink()
        except OSError:
            pass
        return None

    def lookup(self, keys: list[str]) -> pa.Table:
        """The cached batch rows of these text keys (each once, in no set order); counts hits and misses."""
        wanted = pa.array(sorted(set(keys)), pa.string())
        found = []
        for path in self.segments():
            table = self._read(path)
            if table is not None and len(table):
                found.append(table.filter(pc.is_in(table[KEY], value_set=wanted)))
        table = pa.concat_tables(found) if found else self.schema.empty_table()
        table = _first_of_each_key(table)
        self.hits, self.misses = len(table), len(wanted) - len(table)
        return table

    def store(self, batch: pa.Table) -> Path | None:
        """Write a batch as a new segment (atomically); then merge the segments if there are too many."""
        if not len(batch):
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self._write(batch)
            if len(self.segments()) > MAX_SEGMENTS:
                self._merge()
        except OSError as err:  # a full disk or a read-only folder costs the next run time, not this one its tables
            warnings.warn(f"{err.filename or self.folder}: the extraction cache cannot be written "
                          f"({err.strerror or err}); the tables are complete, but the next run extracts these "
                          "articles again", CacheWarning, stacklevel=3)
            return None
        return path

    def _write(self, batch: pa.Table) -> Path:
        batch = batch.sort_by(KEY).replace_schema_metadata({"version": self.version})
        sink = pa.BufferOutputStream()
        with pa.ipc.new_file(sink, batch.schema) as writer:
            writer.write_table(batch)
        data = sink.getvalue()  # written and hashed as Arrow's buffer: a copy as bytes doubled a large segment
        path = self.folder / f"{SEGMENT_PREFIX}{hashlib.sha256(data).hexdigest()}{SEGMENT_SUFFIX}"
        temporary = self.folder / f".tmp-{os.getpid()}-{path.name}"
        try:
            with open(temporary, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
        return path

    def _merge(self) -> None:
        """Every segment into one, under the folder's lock (skipped when another run holds it)."""
        with open(self.folder / LOCK, "a+") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            old = self.segments()
            tables = [t for t in (self._read(p) for p in old) if t is not None]
            if not tables:
                return
            merged = self._write(_first_of_each_key(pa.concat_tables(tables)))
            for path in old:
                if path != merged:
                    path.unlink(missing_ok=True)


def _first_of_each_key(table: pa.Table) -> pa.Table:
    """table without repeated keys (two runs may have cached the same text): the first row of each."""
    keys = table[KEY].to_pylist()
    if len(set(keys)) == len(keys):
        return table
    first: dict[str, int] = {}
    for index, key in enumerate(keys):
        first.setdefault(key, index)
    return table.take(sorted(first.values()))
