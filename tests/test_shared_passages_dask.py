"""shared_passages and source_pairs on Dask (the build's --engine dask): the local engine's tables, row for row.

Every test starts its own LocalCluster (two single-threaded workers) and compares with
scripts.across.shared_passages.make_shared_passage_tables on the same texts.
"""
from __future__ import annotations

import hashlib
import random

import pandas as pd
import pytest

from tests.conftest import published_table

from scripts.across.shared_passages import MIN_SHARED_WORDS, PAIR_LIMIT, make_shared_passage_tables
from scripts.extract import engines
from scripts.extract.engines import ArticleChanged, ArticleFile, WorkerMismatch

distributed = pytest.importorskip("distributed")
from scripts.across.shared_passages_dask import shared_passage_tables_on_dask  # noqa: E402

TABLES = ("shared_passages", "source_pairs")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=engines.LOOPBACK_ANY_PORT) as c:
        yield c


def _write(articles: dict[str, str], folder) -> dict[str, ArticleFile]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for source_id, text in articles.items():
        data = text.encode("utf-8")
        (folder / f"{source_id}.txt").write_bytes(data)
        files[source_id] = ArticleFile(str(folder / f"{source_id}.txt"), hashlib.sha256(data).hexdigest(), len(data))
    return files


def _quotes(spans: list[tuple[str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame({"source_id": pd.Series([s for s, _, _ in spans], dtype=object),
                         "start": [a for _, a, _ in spans], "end": [b for _, _, b in spans]})


def _local(articles, quotes) -> dict[str, pd.DataFrame]:
    return make_shared_passage_tables({"quotes": quotes}, articles)


def assert_same_tables(got, expected) -> None:
    assert set(got) == set(TABLES)
    for name in TABLES:
        pd.testing.assert_frame_equal(got[name], expected[name], check_exact=True)


def planted_corpus(seed: int = 11) -> tuple[dict[str, str], pd.DataFrame]:
    """Articles of invented words with passages planted in them: in two articles, in three with a fourth sharing
    only its end (the passage splits), in more than PAIR_LIMIT articles (no pairs), twice in one article, in
    reordered paragraphs, inside a quotation in two articles (quotation-only), at an article's very start and end,
    and an article under two ids; plus an article too short for a window (an empty file is refused by the
    build before this step)."""
    rng = random.Random(seed)
    vocabulary = [f"{rng.choice('bdfgklmnprstvz')}{rng.choice('aeiou')}{rng.choice('bdfgklmnprstvz')}"
                  f"{rng.choice('aeiou')}{k}" for k in range(3000)]

    def words(n: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(n))

    two, three, tail, wide, twice = words(30), words(25), words(12), words(15), words(10)
    para_a, para_b, quoted = words(20), words(18), words(14)
    articles, spans = {}, []
    articles["pair-1"] = f"{words(12)}. {two}. {words(20)}."
    articles["pair-2"] = f"{words(5)}, {two}; {words(7)}."
    for k in range(3):
        articles[f"three-{k}"] = f"{words(9)}. {three} {tail}. {words(11)}."
    articles["tail-only"] = f"{words(6)} {tail}. {words(4)}."
    for k in range(PAIR_LIMIT + 3):
        articles[f"wide-{k:02d}"] = f"{words(8 + k % 5)}. {wide}. {words(6)}."
    articles["twice"] = f"{twice}. {words(9)}. {twice}. {words(3)}"
    articles["twice-other"] = f"{words(4)} {twice} {words(4)}"
    articles["order-1"] = f"{para_a}\n\n{words(10)}\n\n{para_b}"
    articles["order-2"] = f"{para_b}\n\n{words(6)}\n\n{para_a}"
    for k in range(2):
        before = f"{words(10)}, said: “"
        articles[f"quote-{k}"] = f"{before}{quoted}” {words(12)}."
        spans.append((f"quote-{k}", len(before) - 1, len(before) + len(quoted) + 1))
    articles["copy-a"] = articles["copy-b"] = f"{words(40)}."
    articles["short"] = words(MIN_SHARED_WORDS - 1)
    articles["alone"] = words(50)
    return articles, _quotes(spans)


def test_planted_passages_on_a_local_cluster_equal_the_local_engine_row_for_row(cluster, tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "MAX_PARTITION", 3)  # many partitions: buckets and pair blocks span partitions
    articles, quotes = planted_corpus()
    got = shared_passage_tables_on_dask(quotes, _write(articles, tmp_path / "articles"),
                                        scheduler=cluster.scheduler_address)
    expected = _local(articles, quotes)
    assert_same_tables(got, expected)
    passages, pairs = expected["shared_passages"], expected["source_pairs"]  # what was planted is there
    assert passages["quotation_only"].any() and not passages["quotation_only"].all()
    assert passages["sources"].max() == PAIR_LIMIT + 3
    assert (passages["source_id"] == "twice").sum() >= 2
    assert {("tail-only", "three-0"), ("pair-1", "pair-2"), ("order-1", "order-2"), ("copy-a", "copy-b")} <= set(
        zip(pairs["source_id"], pairs["other_source_id"]))
    assert not pairs["source_id"].str.startswith("wide").any()


def test_one_partition_per_article_equals_the_local_engine(cluster, tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "MAX_PARTITION", 1)  # every window pair crosses partitions
    articles, quotes = planted_corpus(2)
    articles = {k: v for k, v in articles.items() if not k.startswith("wide")}
    got = shared_passage_tables_on_dask(quotes, _write(articles, tmp_path / "articles"),
                                        scheduler=cluster.scheduler_address)
    assert_same_tables(got, _local(articles, quotes))


def test_the_five_articles_with_their_quotes_equal_the_local_engine(built_root, cluster, tmp_path):
    sources = published_table(built_root, "sources")
    articles = {row.source_id: (built_root / row.text_path).read_text(encoding="utf-8")
                for row in sources.itertuples()}
    quotes = published_table(built_root, "quotes")
    got = shared_passage_tables_on_dask(quotes, _write(articles, tmp_path / "articles"),
                                        scheduler=cluster.scheduler_address)
    expected = _local(articles, quotes)
    assert len(expected["shared_passages"]) and len(expected["source_pairs"]) == 3
    assert_same_tables(got, expected)
    for name in TABLES:  # and the tables the build published
        pd.testing.assert_frame_equal(got[name], published_table(built_root, name), check_dtype=False)


def test_no_articles_and_nothing_shared_give_empty_tables(cluster, tmp_path):
    empty = _quotes([])
    for articles in ({}, {"a": "one two three four five six seven eight nine", "b": "eleven", "c": "ten"}):
        got = shared_passage_tables_on_dask(empty, _write(articles, tmp_path / str(len(articles))),
                                            scheduler=cluster.scheduler_address)
        assert_same_tables(got, _local(articles, empty))
        assert all(len(got[name]) == 0 for name in TABLES)


def test_a_changed_article_file_is_named_by_the_worker(cluster, tmp_path):
    articles, quotes = planted_corpus()
    files = _write(articles, tmp_path / "articles")
    with open(files["pair-2"].path, "a", encoding="utf-8") as handle:
        handle.write(" edited")
    with pytest.raises(ArticleChanged, match=r"pair-2\.txt \(article 'pair-2'\): its bytes .* are not the ones"):
        shared_passage_tables_on_dask(quotes, files, scheduler=cluster.scheduler_address)


def test_workers_running_other_shared_passage_code_are_refused(cluster, tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "_worker_code_version", lambda modules: "0" * 64)
    with pytest.raises(WorkerMismatch, match="other shared-passage code than this checkout"):
        shared_passage_tables_on_dask(_quotes([]), _write({"a": "x"}, tmp_path), scheduler=cluster.scheduler_address)


def test_without_a_scheduler_a_local_cluster_of_processes_gives_the_same_tables(tmp_path):
    articles, quotes = planted_corpus(3)  # the functions and frames pickled to worker processes
    articles = {k: v for k, v in articles.items() if k.startswith(("quote", "pair", "three", "tail"))}
    got = shared_passage_tables_on_dask(quotes, _write(articles, tmp_path / "articles"))
    assert len(got["source_pairs"]) >= 5
    assert_same_tables(got, _local(articles, quotes))
