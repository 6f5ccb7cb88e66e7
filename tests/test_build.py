"""The build: deterministic, atomic, and clear about bad input."""
from __future__ import annotations

import hashlib

import pytest

from scripts.build import BuildFailed, build
from scripts.errors import InputError


def published_files(root):
    files = sorted((root / "data").iterdir()) + [root / "datapackage.json"]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def test_two_builds_are_byte_identical(built_root):
    before = published_files(built_root)
    build(built_root)
    assert published_files(built_root) == before


def test_failed_build_leaves_the_published_package_as_it_was(built_root, tmp_path):
    import shutil
    root = tmp_path / "repo"
    shutil.copytree(built_root, root)
    before = published_files(root)
    people = root / "curated/people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace(",uk-government,", ",no-such-org,", 1), encoding="utf-8")
    with pytest.raises(BuildFailed):
        build(root)
    assert published_files(root) == before
    assert not list(root.glob(".build-*")), "staging left behind"


def test_unknown_organisation_id_names_the_curated_file_and_row(inputs_copy):
    people = inputs_copy / "curated/people.csv"
    lines = people.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if ",uk-government," in line)
    lines[row] = lines[row].replace(",uk-government,", ",no-such-org,", 1)
    people.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    problem = next(p for p in failure.value.problems if p.column == "organisation_id")
    assert problem.file.endswith("curated/people.csv") and problem.value == "no-such-org"
    assert "must be a organisation_id in organisations" in problem.message and problem.line is not None


def test_duplicate_id_names_the_curated_file_and_row(inputs_copy):
    orgs = inputs_copy / "curated/organisations.csv"
    text = orgs.read_text(encoding="utf-8")
    orgs.write_text(text + text.split("\n")[1] + "\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    assert any(p.file.endswith("curated/organisations.csv") and "duplicate" in p.message and p.line
               for p in failure.value.problems), failure.value


def test_article_that_is_not_utf8_names_the_file_and_byte(inputs_copy):
    article = next((inputs_copy / "articles").glob("*.txt"))
    article.write_bytes(article.read_bytes()[:40] + "café".encode("cp1252") + article.read_bytes()[40:])
    with pytest.raises(InputError) as failure:
        build(inputs_copy)
    assert article.name in str(failure.value) and "byte 43" in str(failure.value) and "UTF-8" in str(failure.value)


def test_evidence_text_missing_from_its_article_names_the_row_and_fix(inputs_copy):
    orgs = inputs_copy / "curated/organisations.csv"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace("NHSstories@sky.uk", "NHSstories@example.org"), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    problem = next(p for p in failure.value.problems if p.column == "evidence_text")
    assert "does not occur in article sky-news-2023-03-11" in problem.message and "copy it exactly" in problem.message


def test_curated_header_that_does_not_match_the_schema_says_what_to_write(inputs_copy):
    measures = inputs_copy / "curated/measures.csv"
    lines = measures.read_text(encoding="utf-8").split("\n")
    lines[0] = lines[0].replace("context_terms", "terms")
    measures.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as failure:
        build(inputs_copy)
    assert "measures.csv" in str(failure.value) and "Use exactly this header" in str(failure.value)


def test_article_without_a_sources_row_is_reported(inputs_copy):
    (inputs_copy / "articles/999_new.txt").write_text("A new article.", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    assert any("999_new.txt" in p.file and "no row in curated/sources.csv" in p.message for p in failure.value.problems)


def test_sources_file_name_that_is_a_path_out_of_articles_is_refused(inputs_copy):
    (inputs_copy / "outside.txt").write_text("Text outside the articles folder.", encoding="utf-8")
    sources = inputs_copy / "curated/sources.csv"
    text = sources.read_text(encoding="utf-8")
    first_file = text.split("\n")[1].split(",")[1]
    sources.write_text(text.replace(first_file, "../outside.txt", 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    assert any(p.column == "file_name" and "is a path, not a file name" in p.message for p in failure.value.problems)
