"""Step: the script-extracted tables (quotes, figures, mentions), from the article texts and the curated names.

make_extracted_tables is the one way the tables are made, by the build and any other caller: every extracted
table at once, on the local engine or Dask (scripts/extract/engines.py), and with cache_dir, only for the texts
the cache (scripts/extract/cache.py) does not hold. Whatever the engine and the cache, the frames are the same.
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from scripts.extract.engines import ENGINES, KEY, batch_schema, layouts_of, text_key
from scripts.extract.lexicon import Lexicon
from scripts.package.tableschema import TableSchema
from scripts.package.tables import frame_from_records

# table -> "module:function"; each function is (text, source_id, lexicon) -> list of row dicts
EXTRACTORS = {
    "quotes": "scripts.extract.quotes:extract_quotes",
    "figures": "scripts.extract.figures:extract_figures",
    "mentions": "scripts.extract.mentions:extract_mentions",
}


def extractor(table: str):
    module, function = EXTRACTORS[table].split(":")
    return getattr(importlib.import_module(module), function)


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if v is pd.NA else v) for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


def lexicon_from_frames(frames: dict[str, pd.DataFrame]) -> Lexicon:
    return Lexicon.from_rows(_records(frames["organisation_aliases"]), _records(frames["person_aliases"]),
                             _records(frames["people"]), _records(frames["measures"]),
                             _records(frames["organisations"]) if "organisations" in frames else ())


def make_extracted_table(schema: TableSchema, articles: dict[str, str], lexicon: Lexicon) -> pd.DataFrame:
    """One extracted table, every article in this process, no cache (the reference make_extracted_tables equals)."""
    extract = extractor(schema.name)
    rows = []
    for source_id in sorted(articles):
        rows += extract(articles[source_id], source_id, lexicon)
    return frame_from_records(rows, schema)


def make_extracted_tables(schemas: Mapping[str, TableSchema] | Iterable[TableSchema], articles: dict[str, str],
                          lexicon: Lexicon, *, engine: str = "local", scheduler=None,
                          cache_dir: Path | str | None = None, stats: dict | None = None) -> dict[str, pd.DataFrame]:
    """Every extracted table (the schemas whose x-provenance is "extracted"), rows in article-id order.

    engine "local" extracts in this process; "dask" on a Dask cluster (scheduler: its address, a
    distributed.Client, or None for a local cluster of two workers). cache_dir: a folder for the incremental
    cache; texts found there are not extracted again. stats, when given, receives the counts: articles, texts
    (distinct), hits and misses in the cache (misses = texts extracted), recovered (unusable cache segments).
    """
    if engine not in ENGINES:
        raise ValueError(f"engine {engine!r} is not one of {sorted(ENGINES)}")
    if scheduler is not None and engine != "dask":
        raise ValueError("a scheduler is only used by the dask engine: add engine='dask' (--engine dask)")
    schemas = list(schemas.values() if isinstance(schemas, Mapping) else schemas)
    extracted = [s for s in schemas if s.provenance == "extracted"]
    missing = [s.name for s in extracted if s.name not in EXTRACTORS]
    if missing:
        raise ValueError(f"no extractor for the extracted tables {missing}: add them to EXTRACTORS in "
                         "scripts/extract/tables.py")
    layouts = layouts_of(extracted, EXTRACTORS)
    ids = sorted(articles)
    keys = [text_key(articles[source_id]) for source_id in ids]
    first: dict[str, str] = {}  # text key -> the first article carrying it (the id its extractor run is given)
    for source_id, key in zip(ids, keys):
        first.setdefault(key, source_id)

    cache = None
    if cache_dir is not None:
        from scripts.extract.cache import ExtractionCache
        cache = ExtractionCache(Path(cache_dir), layouts, lexicon)
        cached = cache.lookup(list(first))
    else:
        cached = batch_schema(layouts).empty_table()
    have = set(cached[KEY].to_pylist())
    todo = [(key, source_id, articles[source_id]) for key, source_id in first.items() if key not in have]
    run = ENGINES[engine]
    batches = run(todo, layouts, lexicon, scheduler) if engine == "dask" else run(todo, layouts, lexicon)
    if cache is not None and batches:
        cache.store(pa.concat_tables(batches))
    if stats is not None:
        stats.update(articles=len(ids), texts=len(first), hits=len(have), misses=len(todo),
                     recovered=cache.recovered if cache else 0)

    every = pa.concat_tables([cached, *batches]) if batches else cached
    position = {key: index for index, key in enumerate(every[KEY].to_pylist())}
    picked = every.take(pa.array([position[key] for key in keys], pa.int64()))
    return {schema.name: _frame(picked, schema, ids) for schema in extracted}


# Arrow type -> the frame's dtype (as frame_from_records makes it); dates are ISO strings in both
_DTYPES = {pa.string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
           pa.bool_(): pd.BooleanDtype()}


def _frame(picked: pa.Table, schema: TableSchema, ids: list[str]) -> pd.DataFrame:
    """One table's rows out of the batch rows of every article (in ids' order), labelled with the article ids."""
    lists = picked[schema.name].combine_chunks()
    rows = lists.flatten()  # the struct rows of every article, in order
    owner = pc.list_parent_indices(lists)
    columns = dict(zip([f.name for f in rows.type], rows.flatten()))
    columns["source_id"] = pa.array(ids, pa.string()).take(owner)
    table = pa.table({name: columns[name] for name in schema.field_names})
    frame = table.to_pandas(types_mapper=_DTYPES.get)
    return frame.astype(schema.pandas_dtypes())
