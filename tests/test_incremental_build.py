"""A rebuild with --cache after articles were added gives the package a build from scratch gives, byte for byte.

The corpus is scripts/evaluation/synthetic_corpus.py's (invented words, the five shipped articles and the curated
lexicon); the last synthetic articles are held out of the first build and added for the second, as a user adds
new coverage to their folder.
"""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from scripts.build import build
from scripts.evaluation.synthetic_corpus import write_corpus
from scripts.paths import Layout

ARTICLES, ADDED = 24, 3


def package_files(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("incremental") / "corpus"
    write_corpus(folder, ARTICLES + ADDED, seed=7)
    return folder


def hold_out_last(corpus: Path, count: int, into: Path) -> tuple[Path, Path]:
    """The folder and metadata as they were before the last `count` articles were added: (articles, metadata)."""
    with open(corpus / "metadata.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    articles = into / "articles"
    articles.mkdir(parents=True)
    for row in rows[1:len(rows) - count]:
        (articles / row[1]).write_bytes((corpus / "articles" / row[1]).read_bytes())
    metadata = into / "metadata.csv"
    with open(metadata, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows[:len(rows) - count])
    return articles, metadata


@pytest.fixture(scope="module")
def from_scratch(corpus, tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("scratch") / "package"
    build(Layout.corpus(corpus / "articles", corpus / "metadata.csv", out, corpus / "curated"))
    return package_files(out)


def test_rebuild_with_the_cache_after_adding_articles_equals_a_build_from_scratch(corpus, from_scratch, tmp_path):
    articles, metadata = hold_out_last(corpus, ADDED, tmp_path / "before")
    out, cache = tmp_path / "package", tmp_path / "cache"
    build(Layout.corpus(articles, metadata, out, corpus / "curated"), cache_dir=cache)
    before = package_files(out)
    for name in sorted(p.name for p in (corpus / "articles").iterdir()):  # the new articles arrive in the folder
        if not (articles / name).exists():
            (articles / name).write_bytes((corpus / "articles" / name).read_bytes())
    metadata.write_bytes((corpus / "metadata.csv").read_bytes())
    build(Layout.corpus(articles, metadata, out, corpus / "curated"), cache_dir=cache)
    after = package_files(out)
    assert before != after  # the first build really lacked the added articles
    assert after == from_scratch


def test_rebuild_with_a_warm_cache_and_no_new_articles_equals_a_build_from_scratch(corpus, from_scratch, tmp_path):
    out, cache = tmp_path / "package", tmp_path / "cache"
    layout = Layout.corpus(corpus / "articles", corpus / "metadata.csv", out, corpus / "curated")
    build(layout, cache_dir=cache)
    build(layout, cache_dir=cache)
    assert package_files(out) == from_scratch
