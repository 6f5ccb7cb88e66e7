"""make_extracted_tables: one function for every extracted table, the incremental cache, and the Dask engine.

Counts, never times: a cache hit is a text that was not extracted (misses = texts handed to an engine).
"""
from __future__ import annotations

import dataclasses
import sys
import textwrap
import warnings

import pandas as pd
import pyarrow as pa
import pytest

from scripts.evaluation.benchmark import paragraph_pool, synthetic_article
from scripts.extract import cache as cache_module
from scripts.extract import engines
from scripts.extract.cache import CacheWarning, ExtractionCache, code_version, lexicon_fingerprint
from scripts.extract.engines import ExtractionFailed, WorkerMismatch, layouts_of
from scripts.extract.lexicon import Lexicon
from scripts.extract.tables import EXTRACTORS, make_extracted_table, make_extracted_tables
from scripts.package.tableschema import all_schemas
from scripts.paths import ARTICLES_DIR

EXTRACTED = ("quotes", "figures", "mentions")


@pytest.fixture(scope="module")
def schemas():
    return all_schemas()


@pytest.fixture
def lexicon():
    return Lexicon.from_curated()


@pytest.fixture(scope="module")
def seed_articles() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(ARTICLES_DIR.glob("*.txt"))}


@pytest.fixture(scope="module")
def corpus(seed_articles) -> dict[str, str]:
    """The five articles and 25 synthetic ones (recombined paragraphs of the shipped labelled articles)."""
    pool, dates = paragraph_pool()
    synthetic = {f"synthetic-{i:03d}": synthetic_article(i, 11, pool, dates)[0] for i in range(25)}
    return seed_articles | synthetic


def reference(schemas, articles, lexicon) -> dict[str, pd.DataFrame]:
    """The tables as the build made them before this function: one table at a time, every article, no cache."""
    return {name: make_extracted_table(schemas[name], articles, lexicon) for name in EXTRACTED}


def assert_same_tables(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    assert list(got) == list(expected)
    for name in expected:
        pd.testing.assert_frame_equal(got[name], expected[name], check_exact=True)


# ---- one function, every extracted table ------------------------------------------------------------------

def test_every_extracted_table_equals_the_one_table_reference(schemas, corpus, lexicon):
    got = make_extracted_tables(schemas, corpus, lexicon)
    assert set(got) == {name for name, s in schemas.items() if s.provenance == "extracted"}
    assert all(len(got[name]) for name in EXTRACTED)
    assert_same_tables(got, reference(schemas, corpus, Lexicon.from_curated()))


def test_no_articles_gives_empty_typed_tables(schemas, lexicon):
    got = make_extracted_tables(schemas, {}, lexicon)
    for name in EXTRACTED:
        assert got[name].empty
        assert got[name].dtypes.to_dict() == schemas[name].empty_frame().dtypes.to_dict()


def test_same_text_under_two_ids_is_extracted_once_and_labelled_with_each(schemas, seed_articles, lexicon):
    text = next(iter(seed_articles.values()))
    stats = {}
    got = make_extracted_tables(schemas, {"copy-a": text, "copy-b": text}, lexicon, stats=stats)
    assert stats["texts"] == 1 and stats["misses"] == 1
    for name in EXTRACTED:
        a = got[name][got[name]["source_id"] == "copy-a"].drop(columns="source_id").reset_index(drop=True)
        b = got[name][got[name]["source_id"] == "copy-b"].drop(columns="source_id").reset_index(drop=True)
        assert len(a) and a.equals(b)


def test_an_extractor_that_fails_is_named_with_the_article(schemas, seed_articles, lexicon, monkeypatch):
    monkeypatch.setitem(EXTRACTORS, "figures", "builtins:divmod")  # raises TypeError on (text, id, lexicon)
    text = next(iter(seed_articles.values()))
    with pytest.raises(ExtractionFailed, match="article 'some/article': the figures extractor"):
        make_extracted_tables(schemas, {"some/article": text}, lexicon)


def test_unknown_engine_and_a_scheduler_without_dask_are_refused(schemas, lexicon):
    with pytest.raises(ValueError, match="engine 'spark'"):
        make_extracted_tables(schemas, {}, lexicon, engine="spark")
    with pytest.raises(ValueError, match="only used by the dask engine"):
        make_extracted_tables(schemas, {}, lexicon, scheduler="tcp://127.0.0.1:8786")


# ---- the incremental cache ----------------------------------------------------------------------------------

def test_second_run_extracts_nothing_and_gives_the_same_tables(schemas, corpus, lexicon, tmp_path):
    expected = make_extracted_tables(schemas, corpus, lexicon)
    first, second = {}, {}
    assert_same_tables(make_extracted_tables(schemas, corpus, lexicon, cache_dir=tmp_path, stats=first), expected)
    assert_same_tables(make_extracted_tables(schemas, corpus, lexicon, cache_dir=tmp_path, stats=second), expected)
    assert (first["hits"], first["misses"]) == (0, len(corpus))
    assert (second["hits"], second["misses"], second["recovered"]) == (len(corpus), 0, 0)


def test_adding_articles_extracts_only_the_new_ones(schemas, corpus, lexicon, tmp_path):
    ids = sorted(corpus)
    older = {i: corpus[i] for i in ids[:-3]}
    make_extracted_tables(schemas, older, lexicon, cache_dir=tmp_path)
    stats = {}
    got = make_extracted_tables(schemas, corpus, lexicon, cache_dir=tmp_path, stats=stats)
    assert (stats["hits"], stats["misses"]) == (len(older), 3)
    assert_same_tables(got, make_extracted_tables(schemas, corpus, lexicon))


def test_renamed_article_is_a_hit_labelled_with_its_new_id(schemas, seed_articles, lexicon, tmp_path):
    make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=tmp_path)
    renamed = {f"renamed/{source_id}": text for source_id, text in seed_articles.items()}
    stats = {}
    got = make_extracted_tables(schemas, renamed, lexicon, cache_dir=tmp_path, stats=stats)
    assert stats["misses"] == 0
    assert_same_tables(got, make_extracted_tables(schemas, renamed, lexicon))


def test_a_changed_lexicon_misses_the_cache(schemas, seed_articles, lexicon, tmp_path):
    make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=tmp_path)
    fewer = dataclasses.replace(lexicon, aliases=lexicon.aliases[1:], names=dict(lexicon.names))
    stats = {}
    got = make_extracted_tables(schemas, seed_articles, fewer, cache_dir=tmp_path, stats=stats)
    assert (stats["hits"], stats["misses"]) == (0, len(seed_articles))
    assert_same_tables(got, make_extracted_tables(schemas, seed_articles, fewer))


def test_a_used_lexicon_hashes_like_a_fresh_one(schemas, seed_articles):
    fresh = Lexicon.from_curated()
    unnamed = next(key for key in fresh.names if key[0] == "person")  # a person people.csv gives no name
    used = dataclasses.replace(fresh, names={k: v for k, v in fresh.names.items() if k != unnamed})
    before = lexicon_fingerprint(used)
    make_extracted_tables(schemas, seed_articles, used)
    used.name_of(*unnamed)  # the lexicon remembers the name it works out from the aliases
    assert unnamed in used.names
    assert lexicon_fingerprint(used) == before
    assert lexicon_fingerprint(fresh) == lexicon_fingerprint(Lexicon.from_curated())
    assert lexicon_fingerprint(dataclasses.replace(fresh, names=fresh.names | {unnamed: "Someone Else"})) != \
        lexicon_fingerprint(fresh)


def test_a_changed_extractor_source_misses_the_cache(schemas, seed_articles, lexicon, tmp_path, monkeypatch):
    package = tmp_path / "code" / "myextractors"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "helper.py").write_text("LIMIT = 3\n", encoding="utf-8")
    (package / "quotes.py").write_text(textwrap.dedent("""
        from scripts.extract.quotes import extract_quotes
        from .helper import LIMIT


        def first_quotes(text, source_id, lexicon):
            return extract_quotes(text, source_id, lexicon)[:LIMIT]
        """), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "code"))
    for name in ("myextractors", "myextractors.helper", "myextractors.quotes"):  # forgotten after the test
        monkeypatch.setitem(sys.modules, name, None)
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(EXTRACTORS, "quotes", "myextractors.quotes:first_quotes")
    cache_dir = tmp_path / "cache"
    make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=cache_dir)
    stats = {}
    make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=cache_dir, stats=stats)
    assert stats["misses"] == 0
    version = code_version(("myextractors.quotes",))
    (package / "helper.py").write_text("LIMIT = 3  # an edit two imports away from the extractor\n", encoding="utf-8")
    assert code_version(("myextractors.quotes",)) != version
    make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=cache_dir, stats=stats)
    assert (stats["hits"], stats["misses"]) == (0, len(seed_articles))


def test_the_package_extractors_code_version_covers_the_modules_they_import():
    hashed = []
    original = cache_module._module_file
    try:
        cache_module._module_file = lambda name: hashed.append(name) or original(name)
        code_version(tuple(EXTRACTORS[n].split(":")[0] for n in EXTRACTED))
    finally:
        cache_module._module_file = original
    found = {name for name in hashed if original(name) is not None}
    assert {"scripts.extract.quotes", "scripts.extract.names", "scripts.extract.text", "scripts.extract.lexicon",
            "scripts.extract.mentions", "scripts.extract.figures", "scripts.extract.cache"} <= found


def _only_segment(cache_dir):
    segments = [p for p in cache_dir.rglob("seg-*.arrow")]
    assert len(segments) == 1
    return segments[0]


@pytest.mark.parametrize("damage", ["truncate", "flip a byte", "empty"])
def test_a_corrupt_cache_segment_is_recomputed_with_a_warning(schemas, seed_articles, lexicon, tmp_path, damage):
    expected = make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=tmp_path)
    segment = _only_segment(tmp_path)
    data = segment.read_bytes()
    segment.write_bytes({"truncate": data[:len(data) // 2], "empty": b"",
                         "flip a byte": data[:200] + bytes([data[200] ^ 1]) + data[201:]}[damage])
    stats = {}
    with pytest.warns(CacheWarning, match=f"{segment.name}: extraction cache segment"):
        got = make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=tmp_path, stats=stats)
    assert (stats["recovered"], stats["hits"], stats["misses"]) == (1, 0, len(seed_articles))
    assert_same_tables(got, expected)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=tmp_path, stats=stats)
    assert (stats["recovered"], stats["hits"], stats["misses"]) == (0, len(seed_articles), 0)


def test_a_well_formed_segment_of_another_layout_is_refused(schemas, seed_articles, lexicon, tmp_path):
    make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=tmp_path)
    folder = _only_segment(tmp_path).parent
    other = pa.table({"text_sha256": [engines.text_key(t) for t in seed_articles.values()],
                      "quotes": pa.array([[] for _ in seed_articles], pa.list_(pa.struct([("text", pa.string())])))})
    for old in folder.glob("seg-*.arrow"):
        old.unlink()
    # written by the cache's own writer: a file named by its hash, in the right folder, of the wrong layout
    writer = ExtractionCache(tmp_path, layouts_of([schemas["quotes"]], EXTRACTORS), lexicon)
    writer.folder, writer.version = folder, folder.name
    writer._write(other)
    stats = {}
    with pytest.warns(CacheWarning, match="written for other extractors or tables"):
        make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=tmp_path, stats=stats)
    assert stats["misses"] == len(seed_articles)


def test_many_segments_are_merged_into_one_and_still_hit(schemas, corpus, lexicon, tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "MAX_SEGMENTS", 2)
    ids = sorted(corpus)
    for count in (5, 10, 15, 20):
        make_extracted_tables(schemas, {i: corpus[i] for i in ids[:count]}, lexicon, cache_dir=tmp_path)
    segments = list(tmp_path.rglob("seg-*.arrow"))
    assert 1 <= len(segments) <= 2
    stats = {}
    make_extracted_tables(schemas, {i: corpus[i] for i in ids[:20]}, lexicon, cache_dir=tmp_path, stats=stats)
    assert (stats["hits"], stats["misses"]) == (20, 0)


def test_cache_segments_are_deterministic(schemas, seed_articles, lexicon, tmp_path):
    make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=tmp_path / "one")
    make_extracted_tables(schemas, seed_articles, Lexicon.from_curated(), cache_dir=tmp_path / "two")
    one, two = _only_segment(tmp_path / "one"), _only_segment(tmp_path / "two")
    assert one.relative_to(tmp_path / "one") == two.relative_to(tmp_path / "two")
    assert one.read_bytes() == two.read_bytes()


# ---- the Dask engine --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=engines.LOOPBACK_ANY_PORT) as c:
        yield c


def test_dask_engine_equals_the_local_engine_row_for_row(schemas, corpus, lexicon, cluster, monkeypatch):
    monkeypatch.setattr(engines, "MAX_PARTITION", 3)  # many partitions, finishing in any order
    stats = {}
    got = make_extracted_tables(schemas, corpus, lexicon, engine="dask", scheduler=cluster.scheduler_address,
                                stats=stats)
    assert stats["misses"] == len(corpus)
    assert_same_tables(got, make_extracted_tables(schemas, corpus, lexicon))


def test_dask_engine_fills_and_reads_the_same_cache(schemas, corpus, lexicon, cluster, tmp_path):
    ids = sorted(corpus)
    make_extracted_tables(schemas, {i: corpus[i] for i in ids[:10]}, lexicon, cache_dir=tmp_path)
    stats = {}
    got = make_extracted_tables(schemas, corpus, lexicon, engine="dask", scheduler=cluster.scheduler_address,
                                cache_dir=tmp_path, stats=stats)
    assert (stats["hits"], stats["misses"]) == (10, len(corpus) - 10)
    assert_same_tables(got, make_extracted_tables(schemas, corpus, lexicon))
    make_extracted_tables(schemas, corpus, lexicon, cache_dir=tmp_path, stats=stats)
    assert stats["misses"] == 0


def test_dask_workers_running_other_extractor_code_are_refused(schemas, seed_articles, lexicon, cluster, monkeypatch):
    monkeypatch.setattr(engines, "_worker_code_version", lambda modules: "0" * 64)
    with pytest.raises(WorkerMismatch, match="other extractor code than this checkout"):
        make_extracted_tables(schemas, seed_articles, lexicon, engine="dask", scheduler=cluster.scheduler_address)


def test_partitions_cover_every_item_once_in_order():
    items = list(range(1001))
    parts = engines.partitions(items, 2)
    assert [x for part in parts for x in part] == items
    assert len(parts) >= 2 * engines.TASKS_PER_WORKER and max(map(len, parts)) <= engines.MAX_PARTITION
    assert engines.partitions([], 2) == []


def test_a_lexicon_sent_to_a_worker_process_extracts_the_same_rows(schemas, corpus, lexicon):
    import pickle
    received = pickle.loads(pickle.dumps(lexicon))  # what a worker process gets (Dask pickles scattered data)
    assert lexicon_fingerprint(received) == lexicon_fingerprint(lexicon)
    assert_same_tables(make_extracted_tables(schemas, corpus, received),
                       make_extracted_tables(schemas, corpus, lexicon))


def test_dask_engine_without_a_scheduler_runs_its_own_local_cluster_of_processes(schemas, seed_articles, lexicon):
    pytest.importorskip("distributed")
    got = make_extracted_tables(schemas, seed_articles, lexicon, engine="dask")
    assert_same_tables(got, make_extracted_tables(schemas, seed_articles, lexicon))


def test_an_unreachable_scheduler_is_named_with_what_to_do(schemas, seed_articles, lexicon):
    dask = pytest.importorskip("dask")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(ConnectionError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
            make_extracted_tables(schemas, seed_articles, lexicon, engine="dask", scheduler="tcp://127.0.0.1:9")


def test_a_cache_folder_that_cannot_be_used_warns_and_still_gives_the_tables(schemas, seed_articles, lexicon,
                                                                             tmp_path):
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder should be\n", encoding="utf-8")
    stats = {}
    with pytest.warns(CacheWarning) as warned:
        got = make_extracted_tables(schemas, seed_articles, lexicon, cache_dir=not_a_folder, stats=stats)
    messages = [str(w.message) for w in warned]
    assert any("the extraction cache cannot be read" in m for m in messages)
    assert any("the extraction cache cannot be written" in m for m in messages)
    assert stats["misses"] == len(seed_articles)
    assert_same_tables(got, make_extracted_tables(schemas, seed_articles, lexicon))


# ---- through the build ---------------------------------------------------------------------------------------

def _published(root):
    files = sorted((root / "data").iterdir()) + [root / "datapackage.json"]
    return {p.name: p.read_bytes() for p in files}


def test_build_with_a_cache_publishes_the_same_package_and_reuses_it(built_root, tmp_path, monkeypatch):
    import shutil

    import scripts.build
    counts = []

    def counted(*args, **options):  # the build's own call, with the counts kept
        counts.append({})
        return make_extracted_tables(*args, **options, stats=counts[-1])

    monkeypatch.setattr(scripts.build, "make_extracted_tables", counted)
    root = tmp_path / "repo"
    shutil.copytree(built_root, root)
    cache_dir = tmp_path / "cache"
    scripts.build.build(root, cache_dir=cache_dir)
    assert _published(root) == _published(built_root)
    scripts.build.build(root, cache_dir=cache_dir)
    assert _published(root) == _published(built_root)
    assert [(c["hits"], c["misses"]) for c in counts] == [(0, 5), (5, 0)]


def test_build_command_refuses_a_scheduler_without_the_dask_engine(capsys):
    from scripts.build import main
    with pytest.raises(SystemExit) as stopped:
        main(argv=["--scheduler", "tcp://127.0.0.1:8786"])
    assert stopped.value.code == 2 and "add --engine dask" in capsys.readouterr().err


def test_build_command_names_the_article_an_extractor_failed_on(inputs_copy, monkeypatch, capsys):
    from scripts.build import main
    monkeypatch.setitem(EXTRACTORS, "figures", "builtins:divmod")
    assert main(inputs_copy, argv=[]) == 1
    err = capsys.readouterr().err
    assert "BUILD FAILED: article '" in err and "the figures extractor" in err and "Nothing was published" in err


# ---- the Dask engine on article files: workers read the files and write Parquet partitions --------------------

@pytest.fixture(scope="module")
def corpus_files(corpus, tmp_path_factory):
    """The corpus written as article files, and the files mapping a sources table gives (path, sha256, length)."""
    import hashlib

    from scripts.extract.engines import ArticleFile
    folder = tmp_path_factory.mktemp("articles")
    files = {}
    for source_id, text in corpus.items():
        path = folder / f"{source_id}.txt"
        path.write_bytes(text.encode("utf-8"))
        files[source_id] = ArticleFile(str(path), hashlib.sha256(text.encode("utf-8")).hexdigest(),
                                       len(text.encode("utf-8")))
    return files


def test_dask_engine_on_files_equals_the_local_engine_row_for_row(schemas, corpus, corpus_files, lexicon, cluster,
                                                                  monkeypatch, tmp_path):
    monkeypatch.setattr(engines, "MAX_PARTITION", 3)  # many partitions, finishing in any order
    stats = {}
    got = make_extracted_tables(schemas, corpus, lexicon, engine="dask", scheduler=cluster.scheduler_address,
                                files=corpus_files, work_dir=tmp_path / "work", stats=stats)
    assert (stats["articles"], stats["hits"], stats["misses"]) == (len(corpus), 0, len(corpus))
    assert_same_tables(got, make_extracted_tables(schemas, corpus, lexicon))
    assert list((tmp_path / "work").iterdir()) == []  # the run's partitions are removed once read


def test_dask_engine_on_files_sends_the_workers_no_text(schemas, corpus, corpus_files, lexicon, cluster,
                                                        monkeypatch):
    import pickle

    import distributed
    sent = []
    for method in ("map", "submit", "scatter"):
        original = getattr(distributed.Client, method)

        def spy(self, *args, _original=original, **kwargs):
            sent.append(pickle.dumps((args, {k: v for k, v in kwargs.items() if k != "lexicon"})))
            return _original(self, *args, **kwargs)
        monkeypatch.setattr(distributed.Client, method, spy)
    monkeypatch.setattr(engines, "MAX_PARTITION", 4)
    unread = {source_id: "" for source_id in corpus}  # the caller holds no text at all: only ids
    got = make_extracted_tables(schemas, unread, lexicon, engine="dask", scheduler=cluster.scheduler_address,
                                files=corpus_files)
    assert_same_tables(got, make_extracted_tables(schemas, corpus, lexicon))
    assert len(sent) >= 2  # the lexicon scattered once, the partitions mapped
    for text in corpus.values():
        for piece in (text[:60], text[len(text) // 2:len(text) // 2 + 60]):
            assert not any(piece.encode("utf-8") in message for message in sent)
    assert any(corpus_files[next(iter(sorted(corpus)))].path.encode() in message for message in sent)


def test_a_tampered_article_file_is_named_by_the_worker(schemas, corpus, corpus_files, lexicon, cluster, tmp_path):
    from scripts.extract.engines import ArticleChanged
    tampered = dict(corpus_files)
    victim = sorted(corpus)[7]
    path = tmp_path / "tampered.txt"
    path.write_text(corpus[victim].replace(" ", "  ", 1), encoding="utf-8")
    tampered[victim] = dataclasses.replace(corpus_files[victim], path=str(path))
    with pytest.raises(ArticleChanged, match=rf"{path}.*article '{victim}'.*not the ones in the sources table"):
        make_extracted_tables(schemas, corpus, lexicon, engine="dask", scheduler=cluster.scheduler_address,
                              files=tampered, work_dir=tmp_path / "work")
    assert issubclass(ArticleChanged, ExtractionFailed)  # the build reports it as BUILD FAILED


def test_dask_engine_on_files_fills_and_reads_the_shared_cache(schemas, corpus, corpus_files, lexicon, cluster,
                                                               tmp_path):
    ids = sorted(corpus)
    make_extracted_tables(schemas, {i: corpus[i] for i in ids[:10]}, lexicon, cache_dir=tmp_path / "cache")
    stats = {}
    got = make_extracted_tables(schemas, corpus, lexicon, engine="dask", scheduler=cluster.scheduler_address,
                                files=corpus_files, cache_dir=tmp_path / "cache", stats=stats)
    assert (stats["hits"], stats["misses"]) == (10, len(corpus) - 10)
    assert_same_tables(got, make_extracted_tables(schemas, corpus, lexicon))
    make_extracted_tables(schemas, corpus, lexicon, cache_dir=tmp_path / "cache", stats=stats)
    assert stats["misses"] == 0  # what the workers extracted is in the cache the local engine reads


def test_a_partition_is_written_whole_under_its_index_or_not_at_all(schemas, seed_articles, lexicon, tmp_path,
                                                                     monkeypatch):
    import hashlib

    import pyarrow.parquet as pq

    from scripts.extract.engines import ArticleFile, Partition, extract_partition
    layouts = layouts_of([schemas[name] for name in EXTRACTED], EXTRACTORS)
    items = []
    for source_id, text in sorted(seed_articles.items()):
        path = tmp_path / f"{source_id}.txt"
        path.write_text(text, encoding="utf-8")
        items.append((source_id, ArticleFile(str(path), hashlib.sha256(text.encode()).hexdigest(),
                                             len(text.encode()))))
    work = tmp_path / "work"
    counts = extract_partition(Partition(3, tuple(items)), layouts, lexicon, str(work))
    assert counts["misses"] == len(items)
    for name in EXTRACTED:
        assert sorted(p.name for p in (work / name).iterdir()) == ["part-000003.parquet"]
        rows = pq.read_table(work / name / "part-000003.parquet")
        assert rows.column_names[0] == "source_id" and len(rows) == len(make_extracted_table(
            schemas[name], seed_articles, lexicon))
    before = {p: p.read_bytes() for p in work.rglob("*.parquet")}

    def dies_while_writing(table, where, *args, **kwargs):
        with open(where, "wb") as handle:
            handle.write(b"PAR1 half a file")
        raise OSError("disk full")
    monkeypatch.setattr(pq, "write_table", dies_while_writing)
    with pytest.raises(OSError, match="disk full"):
        extract_partition(Partition(3, tuple(items)), layouts, lexicon, str(work))
    after = {p: p.read_bytes() for p in work.rglob("*") if p.is_file()}
    assert after == before  # the old partition is intact and the half-written temporary file is gone


def test_build_on_the_dask_engine_publishes_the_same_package_from_the_files(built_root, cluster, tmp_path,
                                                                            monkeypatch):
    import shutil

    import scripts.build
    from scripts.across.shared_passages_dask import shared_passage_tables_on_dask
    calls = []

    def recorded(*args, **options):  # the build's own call: it must hand the workers files, not texts
        calls.append(options)
        return make_extracted_tables(*args, **options)

    monkeypatch.setattr(scripts.build, "make_extracted_tables", recorded)
    passages_on_cluster = []  # shared_passages and source_pairs are made on the cluster too, from the same files

    def on_cluster(quotes, files, scheduler):
        passages_on_cluster.append(files)
        return shared_passage_tables_on_dask(quotes, files, scheduler)
    monkeypatch.setattr(scripts.build, "shared_passage_tables_on_dask", on_cluster)
    root = tmp_path / "repo"
    shutil.copytree(built_root, root)
    scripts.build.build(root, engine="dask", scheduler=cluster.scheduler_address, work_dir=tmp_path / "work")
    assert _published(root) == _published(built_root)
    assert passages_on_cluster == [calls[0]["files"]]
    (files,) = [call["files"] for call in calls]
    assert len(files) == len(list((root / "articles").glob("*.txt")))
    assert all(file.path.startswith(str((root / "articles").resolve())) for file in files.values())


def test_partitions_the_caller_cannot_see_are_named_with_what_to_do(schemas, corpus, corpus_files, lexicon,
                                                                    monkeypatch, tmp_path):
    import scripts.extract.tables as tables_module
    from scripts.extract.tables import WorkFolderNotShared

    def elsewhere(articles, layouts, lexicon, work_dir, scheduler=None, cache_dir=None):  # workers on other disks
        return [0, 1], [{"hits": 0, "misses": 1, "recovered": 0}] * 2
    monkeypatch.setattr(tables_module, "run_dask_files", elsewhere)
    with pytest.raises(WorkFolderNotShared, match=r"part-000000\.parquet: the Dask workers wrote the quotes "
                                                  r"partitions where this process cannot read them \(2 missing\)"):
        make_extracted_tables(schemas, corpus, lexicon, engine="dask", files=corpus_files, work_dir=tmp_path)


def test_build_command_refuses_a_work_dir_without_the_dask_engine(capsys):
    from scripts.build import main
    with pytest.raises(SystemExit) as stopped:
        main(argv=["--work-dir", "/shared/work"])
    assert stopped.value.code == 2 and "add --engine dask" in capsys.readouterr().err


def test_build_on_the_dask_engine_without_a_scheduler_starts_one_cluster_for_both_steps(built_root, tmp_path,
                                                                                       monkeypatch):
    import shutil

    import scripts.build
    from scripts.across.shared_passages_dask import shared_passage_tables_on_dask
    distributed = pytest.importorskip("distributed")
    started, local_cluster = [], distributed.LocalCluster

    def in_process_cluster(**options):  # threads, not processes: the test's cost; counted
        options["processes"] = False
        started.append(local_cluster(**options))
        return started[-1]
    monkeypatch.setattr(distributed, "LocalCluster", in_process_cluster)
    schedulers = []

    def extraction(*args, **options):
        schedulers.append(options["scheduler"])
        return make_extracted_tables(*args, **options)

    def passages(quotes, files, scheduler):
        schedulers.append(scheduler)
        return shared_passage_tables_on_dask(quotes, files, scheduler)
    monkeypatch.setattr(scripts.build, "make_extracted_tables", extraction)
    monkeypatch.setattr(scripts.build, "shared_passage_tables_on_dask", passages)
    root = tmp_path / "repo"
    shutil.copytree(built_root, root)
    scripts.build.build(root, engine="dask", work_dir=tmp_path / "work")
    assert _published(root) == _published(built_root)
    assert len(started) == 1 and started[0].status.name == "closed"  # one cluster, closed when the build is done
    assert len(schedulers) == 2 and schedulers[0] is schedulers[1] is not None
    assert isinstance(schedulers[0], distributed.Client)
