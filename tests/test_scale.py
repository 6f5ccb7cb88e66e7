"""What lets the package scale to large corpora: the synthetic corpus the benchmarks build on, and the validator's
path for a package too large for frictionless to read row by row (scripts/package/validate.py)."""
from __future__ import annotations

import csv

import pytest

from scripts.across.shared_passages import find_shared_passages
from scripts.evaluation.synthetic_corpus import METADATA_FIELDS, Corpus, synthetic_corpus, write_corpus
from scripts.package import validate
from scripts.package.validate import validate_package
from tests.test_package_validation import rewrite_csv


# --- the synthetic corpus -----------------------------------------------------------------------------------

def test_synthetic_corpus_is_written_as_texts_plus_a_metadata_csv_with_the_lexicon(tmp_path):
    metadata = write_corpus(tmp_path, 12, seed=7)
    with open(metadata, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == METADATA_FIELDS
    assert len(rows) == 12 + 5  # the five shipped articles, which the lexicon's evidence cites
    assert all((tmp_path / "articles" / row["file"]).is_file() for row in rows)
    assert {p.name for p in (tmp_path / "curated").iterdir()} >= {"people.csv", "measures.csv", "organisations.csv"}
    synthetic = [row for row in rows if row["id"].startswith("synthetic-")]
    assert len(synthetic) == 12 and all(row["url"].startswith("https://example.org/outlet-") for row in synthetic)


def test_same_index_count_and_seed_give_the_same_article_and_another_seed_another():
    assert Corpus(50, 1).article(3) == Corpus(50, 1).article(3)
    assert Corpus(50, 1).article(3) != Corpus(50, 2).article(3)


def test_synthetic_corpus_spreads_some_passages_over_many_articles_and_most_over_few():
    articles, _ = synthetic_corpus(400, 2023)
    passages = find_shared_passages(articles, {})
    sources = {}
    for row in passages:
        sources[row["passage_id"]] = row["sources"]
    assert max(sources.values()) >= 10  # a widely carried story
    assert sorted(sources.values())[len(sources) // 2] <= 3  # the typical passage: a handful of articles


def test_synthetic_articles_are_varied_not_copies():
    articles, _ = synthetic_corpus(200, 2023)
    assert len(set(articles.values())) == len(articles)


# --- validating a package too large for frictionless to read whole --------------------------------------------

@pytest.fixture
def as_large(monkeypatch):
    """The validator takes the package for a large one: frictionless reads only the first row of each table."""
    monkeypatch.setattr(validate, "FRICTIONLESS_FULL_ARTICLES", 0)
    monkeypatch.setattr(validate, "FRICTIONLESS_SAMPLE_ROWS", 1)


def test_large_package_path_finds_the_built_package_valid(built_root, as_large):
    assert not validate.frictionless_reads_everything(built_root, __import__("json").loads(
        (built_root / "datapackage.json").read_text(encoding="utf-8")))
    assert [str(p) for p in validate_package(built_root)] == []


def test_large_package_path_still_finds_a_bad_value_past_the_frictionless_sample(package_copy, as_large):
    rewrite_csv(package_copy / "data/figures.csv", lambda rows: rows[-1].update(source_id="no-such-article"))
    lines = sum(1 for _ in open(package_copy / "data/figures.csv", encoding="utf-8")) - 1  # header, then rows
    found = [p for p in validate_package(package_copy) if p.file == "data/figures.csv" and p.column == "source_id"]
    assert found and {p.line for p in found} == {lines + 1}
    assert any("must be a source_id in sources" in p.message for p in found)


def test_large_package_path_finds_a_changed_article_by_its_recorded_hash(package_copy, as_large):
    article = sorted((package_copy / "articles").iterdir())[0]
    article.write_bytes(article.read_bytes().replace(b"e", b"E", 1))
    found = [p for p in validate_package(package_copy) if p.file == f"articles/{article.name}"]
    assert any("sha256 differs from datapackage.json" in p.message for p in found)
