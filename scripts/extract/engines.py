"""Where the extractors run: in this process (engine "local") or on a Dask cluster (engine "dask").

Both engines run one function, extract_batch, over groups of distinct article texts, and both return the same
thing for a group: an Arrow table (a "batch") with one row per text, keyed by the sha256 of the text, and one
list column per extracted table holding that text's rows with every column but source_id. The rows of a text do
not depend on which article carries it: scripts.extract.tables labels them with the article's id when it
assembles the tables, and scripts.extract.cache keeps batches on disk as they are. A batch is plain Arrow
(strings, int64, float64, booleans; dates as ISO strings), so it travels between processes and writes to Parquet
or Arrow files without conversion.

The Dask engine sends partitions of texts to the workers of a dask.distributed cluster: a LocalCluster of two
single-threaded worker processes by default, or the scheduler at an address (`tcp://host:8786`). Its output is
the local engine's, row for row: the same function runs on the same texts, and the batches are assembled in the
articles' order whatever order they finish in. Before any work is sent, every worker reports the version of its
extractor code (scripts.extract.cache.code_version); a worker running other code is refused by name.

The build runs the Dask engine on article files instead (run_dask_files): each task is a Partition of article
ids and file paths, with the sha256 and length the sources table gives, never texts. The worker reads the files
(ArticleChanged, naming the file, when its bytes are not the ones listed), uses the shared extraction cache,
extracts the rest with extract_batch, and writes one Parquet file per table, <work>/<table>/part-<index>.parquet,
under a temporary name then renamed; scripts.extract.tables reads the partitions back in index (= source) order.
The articles, the work folder and the cache must be on storage every worker and the caller see at the same paths.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib
import math
from dataclasses import dataclass

import pyarrow as pa

KEY = "text_sha256"
# Table Schema type -> the Arrow type a row value is kept as (dates as ISO strings, as in the build's frames)
ROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
             "date": pa.string()}
LOCAL_WORKERS = 2          # workers of the LocalCluster the Dask engine starts when given no scheduler
TASKS_PER_WORKER = 4       # partitions per worker: enough to balance uneven articles, few enough to keep overhead low
MAX_PARTITION = 256        # texts per partition at most
# The scheduler always serves HTTP (a status page; 8787 by default, often taken on a shared machine): a free
# loopback port instead, never an outside interface.
LOOPBACK_ANY_PORT = "127.0.0.1:0"


class ExtractionFailed(Exception):
    """An extractor raised on an article: names the article and the extractor."""


class WorkerMismatch(Exception):
    """A Dask worker runs extractor code other than this process's: its rows could differ."""


@dataclass(frozen=True)
class TableLayout:
    """What the engines need to know of one extracted table (picklable, small): its extractor and row columns."""
    name: str
    extractor: str                          # "module:function", (text, source_id, lexicon) -> list of row dicts
    fields: tuple[tuple[str, str], ...]     # (column, Table Schema type) of every column but source_id

    @property
    def row_type(self) -> pa.DataType:
        return pa.list_(pa.struct([pa.field(name, ROW_TYPES[kind]) for name, kind in self.fields]))


def layouts_of(schemas, extractors: dict[str, str]) -> tuple[TableLayout, ...]:
    """The layout of every extracted table, in the order given."""
    return tuple(TableLayout(s.name, extractors[s.name],
                             tuple((f["name"], f["type"]) for f in s.fields if f["name"] != "source_id"))
                 for s in schemas)


def batch_schema(layouts: tuple[TableLayout, ...]) -> pa.Schema:
    return pa.schema([pa.field(KEY, pa.string(), nullable=False)]
                     + [pa.field(layout.name, layout.row_type) for layout in layouts])


def text_key(text: str) -> str:
    """The cache and batch key of an article text: the sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _function(spec: str):
    module, function = spec.split(":")
    return getattr(importlib.import_module(module), function)


def _value(value, kind: str):
    if kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    return value


def extract_batch(items: list[tuple[str, str, str]], layouts: tuple[TableLayout, ...], lexicon) -> pa.Table:
    """The batch of (key, source_id, text) items: every extracted table's rows of each text, without source_id."""
    functions = {layout.name: _function(layout.extractor) for layout in layouts}
    columns: dict[str, list] = {layout.name: [] for layout in layouts}
    for key, source_id, text in items:
        for layout in layouts:
            try:
                rows = functions[layout.name](text, source_id, lexicon)
            except Exception as err:
                raise ExtractionFailed(f"article {source_id!r}: the {layout.name} extractor ({layout.extractor}) "
                                       f"failed ({type(err).__name__}: {str(err)[:200]}); the article text may be "
                                       "the cause, or the extractor has a bug") from err
            columns[layout.name].append([{name: _value(row.get(name), kind) for name, kind in layout.fields}
                                         for row in rows])
    arrays = [pa.array([key for key, _, _ in items], pa.string())]
    arrays += [pa.array(columns[layout.name], layout.row_type) for layout in layouts]
    return pa.Table.from_arrays(arrays, schema=batch_schema(layouts))


LOCAL_BATCH = 256          # texts per batch of the local engine: their rows are Python dicts until made Arrow


def run_local(items: list[tuple[str, str, str]], layouts: tuple[TableLayout, ...], lexicon) -> list[pa.Table]:
    """Extract in this process, one text after another, LOCAL_BATCH texts to a batch (so that only one batch's rows
    are ever held as Python dicts: one batch of a 100,000-article corpus held them all, about 2.5 GB)."""
    return [extract_batch(items[first:first + LOCAL_BATCH], layouts, lexicon)
            for first in range(0, len(items), LOCAL_BATCH)]


def partitions(items: list, workers: int) -> list[list]:
    """items cut into consecutive partitions: about TASKS_PER_WORKER per worker, at most MAX_PARTITION each."""
    if not items:
        return []
    size = max(1, min(MAX_PARTITION, math.ceil(len(items) / (max(1, workers) * TASKS_PER_WORKER))))
    return [items[first:first + size] for first in range(0, len(items), size)]


def _worker_code_version(modules: tuple[str, ...]) -> str:
    from scripts.extract.cache import code_version
    return code_version(modules)


def check_workers(client, layouts: tuple[TableLayout, ...]) -> int:
    """The number of workers; raises WorkerMismatch naming any worker whose extractor code differs from ours."""
    return check_worker_code(client, tuple(sorted({layout.extractor.split(":")[0] for layout in layouts})),
                             "extractor code")


def check_worker_code(client, modules: tuple[str, ...], what: str) -> int:
    """The number of workers; raises WorkerMismatch naming any worker whose code of modules differs from ours
    (what names that code in the message)."""
    from scripts.extract.cache import code_version
    ours = code_version(modules)
    theirs = client.run(_worker_code_version, modules)
    if not theirs:
        raise WorkerMismatch(f"the Dask cluster at {client.scheduler.address} has no workers: start some "
                             "(`dask worker ADDRESS`) or run without --scheduler for a local cluster")
    different = {worker: version for worker, version in theirs.items() if version != ours}
    if different:
        listed = ", ".join(f"{w} ({v[:12]})" for w, v in sorted(different.items()))
        raise WorkerMismatch(f"Dask workers run other {what} than this checkout ({ours[:12]}): {listed}. "
                             "Start the workers from the same checkout and requirements.lock.")
    return len(theirs)


def run_dask(items: list[tuple[str, str, str]], layouts: tuple[TableLayout, ...], lexicon,
             scheduler=None) -> list[pa.Table]:
    """Extract on a Dask cluster: scheduler is an address, a distributed.Client, or None for a local cluster of
    LOCAL_WORKERS single-threaded worker processes (started and stopped here). Batches come back in items' order."""
    if not items:
        return []
    with one_cluster(scheduler) as client:
        workers = check_workers(client, layouts)
        shared_lexicon = client.scatter(lexicon, broadcast=True, hash=False)
        # the texts go to the workers directly (not through the scheduler's task graph), a partition per task
        parts = client.scatter(partitions(items, workers), hash=False)
        futures = client.map(extract_batch, parts, layouts=layouts, lexicon=shared_lexicon, pure=False)
        return client.gather(futures)


# ---- the Dask engine on article files: the workers read the texts and write the tables' partitions -------------

class ArticleChanged(ExtractionFailed):
    """An article file's bytes are not the ones the sources table describes (sha256, length)."""


@dataclass(frozen=True)
class ArticleFile:
    """Where a worker finds an article, and what the sources table says its bytes are."""
    path: str               # absolute, on storage every worker sees
    sha256: str             # of the file's bytes (= the text's key: the text is those bytes, strictly UTF-8)
    length_bytes: int


@dataclass(frozen=True)
class Partition:
    """One task of the file engine: consecutive articles (in source order), sent as ids and paths, never texts."""
    index: int
    articles: tuple[tuple[str, ArticleFile], ...]   # (source_id, file)


PART_NAME = "part-{index:06d}.parquet"


def read_checked(file: ArticleFile, source_id: str) -> str:
    """The text of an article file, after checking its bytes against the sources table; ArticleChanged if not."""
    from scripts.errors import InputError
    from scripts.inputs.articles import decode_article

    try:
        data = open(file.path, "rb").read()
    except OSError as err:
        raise ArticleChanged(f"{file.path} (article {source_id!r}): a Dask worker cannot read it "
                             f"({err.strerror or err}); the article folder must be on storage every worker sees "
                             "(a shared filesystem path), at the same path") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != file.sha256 or len(data) != file.length_bytes:
        raise ArticleChanged(f"{file.path} (article {source_id!r}): its bytes (sha256 {digest[:12]}…, "
                             f"{len(data)} bytes) are not the ones in the sources table (sha256 {file.sha256[:12]}…, "
                             f"{file.length_bytes} bytes): the file changed after the sources table was made, or "
                             "the workers see another copy of it. Rebuild from the files as they are now.")
    try:
        return decode_article(data, file.path)
    except InputError as err:
        raise ArticleChanged(str(err)) from None


def _write_atomic(table: pa.Table, path) -> None:
    """A Parquet file written under a temporary name in its folder, then renamed: readers see it whole or not."""
    import os

    import pyarrow.parquet as pq

    temporary = f"{path}.tmp-{os.getpid()}-{id(table)}"
    try:
        pq.write_table(table, temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def row_schema(layout: TableLayout) -> pa.Schema:
    """The Arrow schema of an extracted table's partition: source_id, then the extractor's columns."""
    return pa.schema([pa.field("source_id", pa.string())]
                     + [pa.field(name, ROW_TYPES[kind]) for name, kind in layout.fields])


def labelled_rows(batch: pa.Table, keys: list[str], ids: list[str], layout: TableLayout) -> pa.Table:
    """A table's rows for the articles (ids, with their text keys, in order) out of a batch holding their texts."""
    import pyarrow.compute as pc

    position = {key: index for index, key in enumerate(batch[KEY].to_pylist())}
    picked = batch[layout.name].take(pa.array([position[key] for key in keys], pa.int64())).combine_chunks()
    rows = picked.flatten()
    owner = pc.list_parent_indices(picked)
    columns = [pa.array(ids, pa.string()).take(owner)] + list(rows.flatten())
    return pa.Table.from_arrays(columns, schema=row_schema(layout))


def extract_partition(partition: Partition, layouts: tuple[TableLayout, ...], lexicon, work_dir: str,
                      cache_dir: str | None = None) -> dict:
    """On a worker: read the partition's article files (checked against the sources table), extract the texts the
    shared cache does not hold, and write one Parquet file per table, work_dir/<table>/part-<index>.parquet.
    Returns counts only (texts, hits, misses, recovered): the rows stay on the shared storage."""
    import os

    ids = [source_id for source_id, _ in partition.articles]
    keys = [file.sha256 for _, file in partition.articles]
    first: dict[str, tuple[str, ArticleFile]] = {}
    for source_id, file in partition.articles:
        first.setdefault(file.sha256, (source_id, file))
    cache = None
    if cache_dir is not None:
        from scripts.extract.cache import ExtractionCache
        cache = ExtractionCache(cache_dir, layouts, lexicon)
        cached = cache.lookup(list(first))
    else:
        cached = batch_schema(layouts).empty_table()
    have = set(cached[KEY].to_pylist())
    todo = [(key, source_id, read_checked(file, source_id)) for key, (source_id, file) in first.items()
            if key not in have]
    for key, (source_id, file) in first.items():  # a cached text is still checked: its file must be the one listed
        if key in have:
            read_checked(file, source_id)
    batch = extract_batch(todo, layouts, lexicon) if todo else batch_schema(layouts).empty_table()
    if cache is not None and todo:
        cache.store(batch)
    every = pa.concat_tables([cached, batch])
    for layout in layouts:
        folder = os.path.join(work_dir, layout.name)
        os.makedirs(folder, exist_ok=True)
        _write_atomic(labelled_rows(every, keys, ids, layout),
                      os.path.join(folder, PART_NAME.format(index=partition.index)))
    return {"texts": len(first), "hits": len(have), "misses": len(todo),
            "recovered": cache.recovered if cache is not None else 0}


def file_partitions(articles: list[tuple[str, ArticleFile]], workers: int) -> list[Partition]:
    """The articles (in source order) cut into numbered partitions (see partitions)."""
    return [Partition(index, tuple(part)) for index, part in enumerate(partitions(articles, workers))]


def _connect(scheduler):
    """(client, cluster): a client of the scheduler given, or of a new LocalCluster (cluster then not None)."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        cluster = LocalCluster(n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True,
                               dashboard_address=LOOPBACK_ANY_PORT)
        return Client(cluster), cluster
    if isinstance(scheduler, Client):
        return scheduler, None
    try:
        return Client(scheduler), None
    except (OSError, TimeoutError) as err:
        raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler} ({err}): start one "
                              "(`dask scheduler`, then `dask worker ADDRESS` on each machine), or give no "
                              "scheduler for a local cluster") from None


@contextlib.contextmanager
def one_cluster(scheduler):
    """A distributed.Client every Dask step of a build shares: of the scheduler given, or of one LocalCluster
    started here and closed on leaving (not a cluster per step: each start costs seconds and worker imports)."""
    client, cluster = _connect(scheduler)
    try:
        yield client
    finally:
        if client is not scheduler:
            client.close()
        if cluster is not None:
            cluster.close()


def run_dask_files(articles: list[tuple[str, ArticleFile]], layouts: tuple[TableLayout, ...], lexicon,
                   work_dir, scheduler=None, cache_dir=None) -> tuple[list[int], list[dict]]:
    """Extract on a Dask cluster from article files: each task reads its articles and writes its partitions into
    work_dir (a folder every worker and this process see). Returns the partition indexes, in source order, and
    each task's counts. scheduler as in run_dask."""
    if not articles:
        return [], []
    with one_cluster(scheduler) as client:
        workers = check_workers(client, layouts)
        shared_lexicon = client.scatter(lexicon, broadcast=True, hash=False)
        parts = file_partitions(articles, workers)
        futures = client.map(extract_partition, parts, layouts=layouts, lexicon=shared_lexicon,
                             work_dir=str(work_dir), cache_dir=None if cache_dir is None else str(cache_dir),
                             pure=False)
        counts = client.gather(futures)
        return [part.index for part in parts], counts


ENGINES = {"local": run_local, "dask": run_dask}
