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

from scripts.extract.engines import (ENGINES, KEY, PART_NAME, ArticleFile, batch_schema, layouts_of, row_schema,
                                     run_dask_files, text_key)
from scripts.extract.lexicon import Lexicon
from scripts.inputs.articles import TextsInOrder
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
                          cache_dir: Path | str | None = None, stats: dict | None = None,
                          files: Mapping[str, ArticleFile] | None = None,
                          work_dir: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Every extracted table (the schemas whose x-provenance is "extracted"), rows in article-id order.

    engine "local" extracts in this process; "dask" on a Dask cluster (scheduler: its address, a
    distributed.Client, or None for a local cluster of two workers). cache_dir: a folder for the incremental
    cache; texts found there are not extracted again. stats, when given, receives the counts: articles, texts
    (distinct), hits and misses in the cache (misses = texts extracted), recovered (unusable cache segments).

    files (engine "dask" only): where every article's file is (article_files: a path on storage every worker
    sees, with the sha256 and length the sources table gives). The workers then read the files themselves, use the
    cache in cache_dir themselves, and write each table's rows as Parquet partitions into a run folder under
    work_dir (also on shared storage; a temporary folder when not given, which only suits a cluster on this
    machine); this process sends ids and paths, never texts, and assembles the tables from the partitions. The
    texts in `articles` are not read on that path (only its ids are used). A text that two articles in different
    partitions carry is extracted by each (counted in misses twice) unless the cache holds it.
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
    if files is not None and engine == "dask":
        return _from_files(extracted, layouts, sorted(articles), files, lexicon, scheduler, cache_dir, work_dir, stats)
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
    todo = TextsInOrder.labelled(articles, [(key, source_id) for key, source_id in first.items() if key not in have])
    run = ENGINES[engine]
    batches = run(todo, layouts, lexicon, scheduler) if engine == "dask" else run(todo, layouts, lexicon)
    if cache is not None and batches:
        cache.store(pa.concat_tables(batches))
    if stats is not None:
        stats.update(articles=len(ids), texts=len(first), hits=len(have), misses=len(todo),
                     recovered=cache.recovered if cache else 0)

    every = pa.concat_tables([cached, *batches]) if batches else cached
    del batches, cached
    position = {key: index for index, key in enumerate(every[KEY].to_pylist())}
    order = [position[key] for key in keys]
    del position
    # every text once, in the articles' order (no cache, no text under two ids): the rows as they are; else a copy
    # in that order (a copy of every extracted row: about 400 MB at 100,000 articles)
    picked = every if order == list(range(every.num_rows)) else every.take(pa.array(order, pa.int64()))
    del every, order
    return {schema.name: _frame(picked, schema, ids) for schema in extracted}


def article_files(sources: pd.DataFrame, articles_dir: Path | str) -> dict[str, ArticleFile]:
    """source_id -> its file (absolute path in articles_dir, sha256, length in bytes), from a sources table."""
    folder = Path(articles_dir).resolve()
    return {row.source_id: ArticleFile(str(folder / row.file_name), row.sha256, int(row.length_bytes))
            for row in sources[["source_id", "file_name", "sha256", "length_bytes"]].itertuples(index=False)}


class WorkFolderNotShared(Exception):
    """The Dask workers wrote their partitions where this process cannot read them."""


def _run_folder(work_dir: Path, layouts, ids: list[str], files: Mapping[str, ArticleFile], lexicon) -> Path:
    """work_dir/run-<hash of the articles, their bytes and what extracts them>: a rerun of the same build writes
    the same partition names (deterministic), another build writes elsewhere."""
    import hashlib

    from scripts.extract.cache import cache_version
    digest = hashlib.sha256(cache_version(layouts, lexicon).encode())
    for source_id in ids:
        digest.update(f"{source_id}\0{files[source_id].path}\0{files[source_id].sha256}\n".encode())
    return Path(work_dir) / f"run-{digest.hexdigest()[:32]}"


def _from_files(extracted, layouts, ids, files, lexicon, scheduler, cache_dir, work_dir, stats):
    """The Dask engine on files: workers read, extract and write partitions; the tables are read back here."""
    import shutil
    import tempfile

    import pyarrow.parquet as pq

    unknown = [source_id for source_id in ids if source_id not in files]
    if unknown:
        raise ValueError(f"no file given for the articles {unknown[:5]}: files needs every article's path")
    temporary = work_dir is None  # paths go to other processes and machines: absolute, never relative to a cwd
    work_dir = Path(tempfile.mkdtemp(prefix="extract-work-")) if temporary else Path(work_dir).resolve()
    cache_dir = None if cache_dir is None else Path(cache_dir).resolve()
    run = _run_folder(work_dir, layouts, ids, files, lexicon)
    try:
        indexes, counts = run_dask_files([(source_id, files[source_id]) for source_id in ids], layouts, lexicon,
                                         run, scheduler, cache_dir)
        if stats is not None:
            stats.update(articles=len(ids), texts=len({files[i].sha256 for i in ids}),
                         **{what: sum(c[what] for c in counts) for what in ("hits", "misses", "recovered")})
        tables = {}
        for schema in extracted:
            parts = [run / schema.name / PART_NAME.format(index=index) for index in indexes]
            absent = [str(p) for p in parts if not p.is_file()]
            if absent:
                raise WorkFolderNotShared(
                    f"{absent[0]}: the Dask workers wrote the {schema.name} partitions where this process cannot "
                    f"read them ({len(absent)} missing): give a work folder on storage every worker and this "
                    "machine see, at the same path (--work-dir)")
            layout = next(layout for layout in layouts if layout.name == schema.name)
            table = pa.concat_tables([pq.read_table(p) for p in parts]) if parts else row_schema(layout).empty_table()
            frame = table.select(schema.field_names).to_pandas(types_mapper=_DTYPES.get)
            tables[schema.name] = frame.astype(schema.pandas_dtypes())
        return tables
    finally:
        shutil.rmtree(work_dir if temporary else run, ignore_errors=True)


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
