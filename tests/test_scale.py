"""What lets the package scale to large corpora: the synthetic corpus the benchmarks build on, and the validator's
path for a package too large for frictionless to read row by row (scripts/package/validate.py)."""
from __future__ import annotations

import csv
import json

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
    assert not validate.frictionless_reads_everything(built_root, json.loads(
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


def _edit_descriptor(package, change) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor), encoding="utf-8")


def _article_resources(descriptor) -> list[dict]:
    return [r for r in descriptor["resources"] if r.get("type") != "table"]


def test_large_package_path_reads_each_article_once(package_copy, as_large, monkeypatch):
    opened = []
    real_read_bytes = validate.Path.read_bytes
    monkeypatch.setattr(validate.Path, "read_bytes", lambda self: opened.append(self.name) or real_read_bytes(self))
    real_sha256_of = validate.sha256_of
    monkeypatch.setattr(validate, "sha256_of", lambda path: opened.append(path.name) or real_sha256_of(path))
    assert validate_package(package_copy) == []
    articles = [p.name for p in (package_copy / "articles").iterdir()]
    assert sorted(name for name in opened if name in articles) == sorted(articles)


def test_large_package_path_checks_an_articles_recorded_bytes_from_the_same_read(package_copy, as_large):
    def wrong_bytes(descriptor):
        _article_resources(descriptor)[0]["bytes"] += 1
    _edit_descriptor(package_copy, wrong_bytes)
    article = _article_resources(json.loads((package_copy / "datapackage.json").read_text()))[0]
    found = [p for p in validate_package(package_copy) if p.file == article["path"]]
    assert any(f"datapackage.json says {article['bytes']}" in p.message for p in found), found


@pytest.mark.parametrize("content, why", [(None, "missing"), (b"another text\n", "sha256 differs from datapackage.json")])
def test_large_package_path_checks_an_article_the_sources_table_does_not_name(package_copy, as_large, content, why):
    def one_more(descriptor):
        extra = dict(_article_resources(descriptor)[0], name="article-extra", path="articles/extra.txt")
        descriptor["resources"].append(extra)
    _edit_descriptor(package_copy, one_more)
    if content is not None:
        (package_copy / "articles/extra.txt").write_bytes(content)
    found = [p for p in validate_package(package_copy) if p.file == "articles/extra.txt"]
    assert any(why in p.message for p in found), found


def test_large_package_path_shows_frictionless_the_first_sources_and_checks_every_one(package_copy, as_large):
    descriptor = json.loads((package_copy / "datapackage.json").read_text(encoding="utf-8"))
    assert len(descriptor["sources"]) == 5 and validate._sampled(package_copy, descriptor)["sources"] == []

    def bad_last_source(descriptor):
        descriptor["sources"][-1]["title"] = 7
    _edit_descriptor(package_copy, bad_last_source)
    problems = validate_package(package_copy)
    assert any(p.column == "sources[4]" and "title, path and email are text" in p.message for p in problems), problems


def test_an_article_linked_to_a_file_outside_the_package_is_refused(package_copy, tmp_path):
    article = sorted((package_copy / "articles").glob("*.txt"))[0]
    outside = tmp_path / "elsewhere.txt"
    outside.write_bytes(article.read_bytes())
    article.unlink()
    article.symlink_to(outside)
    problems = validate_package(package_copy)
    assert any("through a symbolic link" in p.message for p in problems), problems
