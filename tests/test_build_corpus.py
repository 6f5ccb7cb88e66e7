"""The build on anyone's folder of articles with a metadata CSV: a complete, validated, deterministic package.

The articles here were written for these tests (invented people and outlets); none is a real article.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from junior_doctors_strikes import load_package
from scripts.build import BuildFailed, build, main
from scripts.errors import InputError
from scripts.inputs.metadata import make_metadata_sources
from scripts.package.tableschema import load_schema
from scripts.package.validate import validate_package
from scripts.paths import Layout

WIRE = ("Union leaders said the walkout would go ahead unless ministers returned with a new offer. The health "
        "department said it had already made a fair settlement and urged the union to call off the action, adding "
        "that patients would bear the cost of another round of cancelled operations.")

ARTICLES = {
    "harbour-a.txt": (
        "Junior doctors in England will strike for three days from Monday, the Medical Workers Union announced.\n\n"
        f"{WIRE}\n\n"
        "\"We have been pushed to this point,\" said Dr Rosa Quill, who leads the union's negotiators. "
        "\"Pay has fallen by 26% since 2008.\"\n\n"
        "Hospital managers expect about 250,000 appointments to be moved.\n"),
    "harbour-b.txt": (
        "Thousands of operations were postponed on Tuesday as the strike began.\n\n"
        "Dr Rosa Quill told a rally: \"Pay has fallen by 26% since 2008 and nobody in government will say so.\"\n\n"
        "The Medical Workers Union said 48,000 members had voted, with 97% in favour of strike action.\n"),
    "valley-c.txt": (
        "Talks collapsed on Friday after four hours.\n\n"
        f"{WIRE}\n\n"
        "\"The door remains open,\" said Ben Okafor, the health minister. Officials put the cost of the union's "
        "demand at more than £2bn a year.\n"),
    "valley-d.txt": (
        "A second round of strikes is likely in the spring, according to union officials.\n\n"
        "About 300,000 appointments have now been rescheduled across England since the dispute began, "
        "managers estimated.\n"),
}
METADATA = (
    "id,file,outlet,published_date,url,licence\n"
    "harbour-2023-03-13,harbour-a.txt,harbour-gazette,2023-03-13,https://news.example/harbour-a,\n"
    "harbour-2023-03-14,harbour-b.txt,harbour-gazette,2023-03-14,,CC-BY-4.0\n"
    "valley-2023-03-17,valley-c.txt,Valley Echo,2023-03-17,,\n"
    "undated-1,valley-d.txt,,,,\n")


def write_corpus(folder: Path, metadata: str = METADATA) -> tuple[Path, Path]:
    articles = folder / "articles-in"
    articles.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (articles / name).write_text(text, encoding="utf-8")
    metadata_csv = folder / "metadata.csv"
    metadata_csv.write_text(metadata, encoding="utf-8")
    return articles, metadata_csv


def package_files(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def corpus_package(corpus, tmp_path_factory) -> Path:
    articles, metadata_csv = corpus
    out = tmp_path_factory.mktemp("corpus-out") / "package"
    build(Layout.corpus(articles, metadata_csv, out))
    return out


def test_corpus_build_writes_a_complete_package_that_validates_and_loads(corpus_package):
    assert validate_package(corpus_package) == []
    tables = load_package(corpus_package)
    schemas = {p.name.split(".")[0] for p in (corpus_package / "schemas").glob("*.schema.json")}
    assert set(tables) == schemas
    for name in schemas:  # every table in both formats, and the descriptor names both
        assert (corpus_package / "data" / f"{name}.csv").is_file() and (corpus_package / "data" / f"{name}.parquet").is_file()
    assert sorted(p.name for p in (corpus_package / "articles").iterdir()) == sorted(ARTICLES)
    assert len(tables["sources"]) == 4 and len(tables["quotes"]) > 0 and len(tables["figures"]) > 0
    assert len(tables["shared_passages"]) > 0, "the paragraph two articles share is found"
    assert len(tables["organisations"]) == 0 and len(tables["events"]) == 0, "no --curated: curated tables empty"


def test_corpus_sources_hold_what_the_metadata_gives_and_what_the_build_measures(corpus_package):
    sources = load_package(corpus_package)["sources"].set_index("source_id")
    text = ARTICLES["harbour-a.txt"]
    row = sources.loc["harbour-2023-03-13"]
    assert row["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert row["length_chars"] == len(text) and row["length_bytes"] == len(text.encode("utf-8"))
    assert row["retrieved_from"] == "https://news.example/harbour-a" and row["published_date_method"] == "metadata"
    assert str(row["published_date"])[:10] == "2023-03-13"
    assert "harbour-gazette" in row["outlet_missing_reason"], "an outlet not among the organisations is kept in words"
    undated = sources.loc["undated-1"]
    assert undated.isna()["published_date"] and undated.isna()["retrieved_on"] and undated["outlet_evidence_kind"] == "none"
    resources = {r["name"]: r for r in json.loads((corpus_package / "datapackage.json").read_text())["resources"]}
    assert resources["article-harbour-2023-03-14"]["licenses"][0]["name"] == "CC-BY-4.0"
    assert resources["article-harbour-2023-03-13"]["sources"][0]["path"] == "https://news.example/harbour-a"


def test_corpus_build_twice_gives_byte_identical_packages(corpus, corpus_package, tmp_path):
    articles, metadata_csv = corpus
    again = tmp_path / "again"
    build(Layout.corpus(articles, metadata_csv, again))
    assert package_files(again) == package_files(corpus_package)


def test_curated_tables_for_the_corpus_come_from_the_curated_folder(corpus, tmp_path):
    articles, metadata_csv = corpus
    curated = tmp_path / "curated"
    curated.mkdir()
    (curated / "organisations.csv").write_text(
        "organisation_id,name,short_name,kind,parent_organisation_id,evidence_source_id,evidence_text,note\n"
        "harbour-gazette,Harbour Gazette,,news_outlet,,harbour-2023-03-13,Junior doctors in England,\n"
        "medical-workers-union,Medical Workers Union,,trade_union,,harbour-2023-03-13,the Medical Workers Union announced,\n",
        encoding="utf-8")
    (curated / "organisation_aliases.csv").write_text(
        "organisation_id,alias,alias_kind,case_sensitive,note\n"
        "medical-workers-union,Medical Workers Union,full_name,false,\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(argv=["--articles", str(articles), "--metadata", str(metadata_csv), "--out", str(out),
                      "--curated", str(curated)]) == 0
    tables = load_package(out)
    assert list(tables["organisations"]["organisation_id"]) == ["harbour-gazette", "medical-workers-union"]
    sources = tables["sources"].set_index("source_id")
    assert sources.loc["harbour-2023-03-13", "outlet_id"] == "harbour-gazette"
    assert sources.loc["harbour-2023-03-13", "outlet_evidence_kind"] == "metadata"
    mentions = tables["mentions"]
    assert (mentions["organisation_id"] == "medical-workers-union").sum() == 2, "the curated alias resolves both mentions"
    assert validate_package(out) == []


@pytest.mark.parametrize("metadata, where, says", [
    ("id,file,outlet\nharbour-1,harbour-a.txt,x\nharbour-1,harbour-b.txt,y\n", "line 3", "duplicate id"),
    ("id,file\nharbour-1,no-such.txt\n", "line 2", "no such article"),
    ("id,file,published_date\nharbour-1,harbour-a.txt,2023-02-30\n", "line 2", "not a calendar date"),
    ("id,file,published_date\nharbour-1,harbour-a.txt,13/03/2023\n", "line 2", "YYYY-MM-DD"),
    ("id,file\nHarbour One,harbour-a.txt\n", "line 2", "lower-case letters"),
    ("id,file\nharbour-1,sub/harbour-a.txt\n", "line 2", "no folder part"),
])
def test_bad_metadata_rows_name_the_file_line_and_fix(tmp_path, metadata, where, says):
    articles, metadata_csv = write_corpus(tmp_path, metadata)
    with pytest.raises(BuildFailed) as failure:
        build(Layout.corpus(articles, metadata_csv, tmp_path / "out"))
    message = str(failure.value)
    assert str(metadata_csv) in message and where in message and says in message, message
    assert not (tmp_path / "out" / "data").exists(), "nothing published"


def test_metadata_with_unknown_or_missing_columns_says_which_columns_to_use(tmp_path):
    articles, metadata_csv = write_corpus(tmp_path, "id,filename,date\nharbour-1,harbour-a.txt,2023-03-13\n")
    with pytest.raises(InputError) as failure:
        build(Layout.corpus(articles, metadata_csv, tmp_path / "out"))
    message = str(failure.value)
    assert "line 1 (header)" in message and "'filename'" in message and "'date'" in message and "['file']" in message
    assert "id,file,outlet,published_date,url,licence" in message


def test_article_without_a_metadata_row_is_named(tmp_path):
    articles, metadata_csv = write_corpus(tmp_path, "id,file\nharbour-1,harbour-a.txt\n")
    with pytest.raises(BuildFailed) as failure:
        build(Layout.corpus(articles, metadata_csv, tmp_path / "out"))
    assert "harbour-b.txt" in str(failure.value) and "has no row in" in str(failure.value)


def test_every_unlisted_txt_entry_of_the_folder_is_named_in_name_order_with_its_path(tmp_path):
    articles, metadata_csv = write_corpus(tmp_path, "id,file\nharbour-1,harbour-a.txt\nharbour-2,harbour-b.txt\n")
    (articles / ".hidden.txt").write_text("Hidden copy.", encoding="utf-8")
    (articles / "a-folder.txt").mkdir()
    (articles / "notes.md").write_text("Not an article.", encoding="utf-8")
    (articles / "harbour-b.txt").write_bytes(b"Caf\xe9 owners said.")  # cp1252, not UTF-8
    _, problems = make_metadata_sources(load_schema("sources"), metadata_csv, articles)
    named = [(p.file, p.message) for p in problems]
    unlisted = sorted([".hidden.txt", "a-folder.txt", *(n for n in ARTICLES if n not in ("harbour-a.txt", "harbour-b.txt"))])
    assert [file for file, _ in named] == [str(articles / name) for name in ["harbour-b.txt", *unlisted]], named
    assert "not valid UTF-8" in named[0][1] and all("has no row in" in message for _, message in named[1:])


def test_a_rebuild_links_the_articles_it_already_holds_and_copies_the_rest(corpus, corpus_package, tmp_path):
    articles, metadata_csv = corpus
    out = tmp_path / "out"
    shutil.copytree(corpus_package, out)
    held = out / "articles"
    (held / "harbour-b.txt").write_text("Changed since it was published.", encoding="utf-8")  # not what the input holds
    (held / "valley-c.txt").unlink()
    (held / "valley-c.txt").symlink_to(articles / "valley-c.txt")  # the input's bytes, through a link
    outside = tmp_path / "also-linked.txt"
    os.link(held / "valley-d.txt", outside)  # a copy that another name shares
    inode = {name: (held / name).lstat().st_ino for name in ARTICLES}
    build(Layout.corpus(articles, metadata_csv, out))
    for name in ARTICLES:
        published = out / "articles" / name
        assert not published.is_symlink() and published.stat().st_nlink == 1, name
        assert published.read_text(encoding="utf-8") == ARTICLES[name]
        assert (published.stat().st_ino == inode[name]) == (name == "harbour-a.txt"), name  # only the same sole file is kept
    assert outside.stat().st_nlink == 1 and (articles / "valley-c.txt").stat().st_nlink == 1
    assert validate_package(out) == []


def test_failed_corpus_build_leaves_the_previous_package_as_it_was(corpus, corpus_package, tmp_path):
    articles, metadata_csv = corpus
    out = tmp_path / "out"
    shutil.copytree(corpus_package, out)
    before = package_files(out)
    broken = tmp_path / "broken.csv"
    broken.write_text(metadata_csv.read_text(encoding="utf-8").replace("2023-03-14", "2023-13-14"), encoding="utf-8")
    with pytest.raises(BuildFailed):
        build(Layout.corpus(articles, broken, out))
    assert package_files(out) == before
    assert not list(out.glob(".build-staging-*"))


def test_out_folder_that_holds_the_inputs_or_other_files_is_refused(corpus, tmp_path):
    articles, metadata_csv = corpus
    with pytest.raises(InputError, match="holds the input --articles"):
        build(Layout.corpus(articles, metadata_csv, articles.parent))
    with pytest.raises(InputError, match="is inside the input --articles"):
        build(Layout.corpus(articles, metadata_csv, articles / "out"))
    stranger = tmp_path / "notes"
    stranger.mkdir()
    (stranger / "thesis.docx").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="other files"):
        build(Layout.corpus(articles, metadata_csv, stranger))
    assert (stranger / "thesis.docx").read_text(encoding="utf-8") == "mine"


def test_command_line_needs_articles_metadata_and_out_together(capsys):
    with pytest.raises(SystemExit):
        main(argv=["--articles", "somewhere"])
    assert "--articles, --metadata and --out together" in capsys.readouterr().err


def test_repository_layout_is_the_repository_build(built_root):
    layout = Layout.repository(built_root)
    assert layout.is_repository and layout.articles_dir == built_root / "articles"
    assert layout.curated_file("sources") == built_root / "curated" / "sources.csv"
    before = package_files(built_root / "data")
    build(layout)
    assert package_files(built_root / "data") == before


def test_corpus_package_lists_the_names_nobody_curated_for_review(corpus_package):
    tables = load_package(corpus_package)
    people = tables["candidate_people"].set_index("normalised_name")
    assert people.loc["Rosa Quill", "articles"] == 2 and people.loc["Rosa Quill", "source_id"] == "harbour-2023-03-13"
    organisations = tables["candidate_organisations"].set_index("normalised_name")
    assert organisations.loc["Medical Workers Union", "mentions"] == 2
    mentions = tables["mentions"]
    unresolved = mentions[mentions["resolution"] == "unresolved_candidate"]
    assert set(people.index) | set(organisations.index) == set(unresolved["normalised_name"])


def test_corpus_descriptor_passes_the_official_data_package_v2_profile(corpus_package):
    import jsonschema

    from scripts.paths import ROOT

    profile = json.loads((ROOT / "metadata" / "profiles" / "datapackage-2.0.json").read_text(encoding="utf-8"))
    descriptor = json.loads((corpus_package / "datapackage.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft7Validator(profile).iter_errors(descriptor)]
    assert errors == []


def test_curated_sources_must_still_give_what_only_metadata_may_leave_empty(inputs_copy):
    import csv
    import io

    path = inputs_copy / "curated" / "sources.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1]["retrieved_on"] = ""
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    problem = next(p for p in failure.value.problems if p.column == "retrieved_on")
    assert problem.file.endswith("curated/sources.csv") and problem.line == 3 and "required in curated sources" in problem.message


def test_rebuilding_into_the_same_out_replaces_the_package_whole(corpus, corpus_package, tmp_path):
    articles, metadata_csv = corpus
    out = tmp_path / "out"
    shutil.copytree(corpus_package, out)
    fewer = tmp_path / "fewer.csv"
    fewer.write_text("".join(line for line in metadata_csv.read_text(encoding="utf-8").splitlines(keepends=True)
                             if "valley-d.txt" not in line), encoding="utf-8")
    (tmp_path / "texts").mkdir()
    for name in ARTICLES:
        if name != "valley-d.txt":
            shutil.copy(articles / name, tmp_path / "texts" / name)
    build(Layout.corpus(tmp_path / "texts", fewer, out))
    assert sorted(p.name for p in (out / "articles").iterdir()) == sorted(set(ARTICLES) - {"valley-d.txt"})
    assert "undated-1" not in set(load_package(out)["sources"]["source_id"])
    assert validate_package(out) == [] and not list(out.glob(".build-staging-*"))


def test_command_line_failure_exits_1_and_says_nothing_was_published(tmp_path, capsys):
    articles, metadata_csv = write_corpus(tmp_path, "id,file\nharbour-1,missing.txt\n")
    assert main(argv=["--articles", str(articles), "--metadata", str(metadata_csv), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "BUILD FAILED" in err and "missing.txt" in err and "Nothing was published" in err


def test_validation_holds_a_sources_date_and_its_companions_together(corpus_package, tmp_path):
    from scripts.package.checks import validate_tables
    from scripts.package.tableschema import all_schemas

    from scripts.package.tables import read_csv

    schemas = all_schemas(corpus_package / "schemas")
    frame, problems = read_csv(corpus_package / "data" / "sources.csv", schemas["sources"])
    assert problems == []
    frame.loc[frame["source_id"] == "harbour-2023-03-14", "published_date_precision"] = pd.NA
    frame.loc[frame["source_id"] == "undated-1", "published_date_method"] = "stated_in_text"
    found = validate_tables({"sources": frame}, {"sources": schemas["sources"]}, {}, {"sources": "sources.csv"})
    messages = {(p.column, p.message) for p in found}
    assert ("published_date_precision", "must be given exactly when published_date is") in messages
    assert ("published_date_method", "must be given exactly when published_date is") in messages
    assert any(c == "published_date_evidence_text" and "quote the words" in m for c, m in messages)


def test_source_date_problems_are_listed_by_row_then_rule_with_the_value_found():
    from scripts.package.checks import _source_date_problems

    def source(**given):
        row = {"published_date": "2023-03-14", "published_date_latest": "2023-03-14", "published_date_precision": "day",
               "published_date_method": "metadata", "published_date_evidence_text": None, "retrieved_on": None}
        return {**row, **given}

    frame = pd.DataFrame([
        source(),  # dated by metadata: nothing to say
        source(published_date=None, published_date_latest=None, published_date_precision=None,
               published_date_method=None),  # undated, companions empty: nothing to say
        source(published_date_precision=None, published_date_method="stated_in_text"),  # no precision, evidence, retrieval
        source(published_date=None, published_date_latest=None, published_date_precision=None,
               published_date_method="inferred_from_relative_dates", retrieved_on="2024-01-02"),
    ], index=[0, 1, 2, 3])
    assert all(type(p.line) is int for p in _source_date_problems(frame, "s.csv"))
    found = [(p.line, p.column, p.value, p.message) for p in _source_date_problems(frame, "s.csv")]
    assert found == [
        (4, "published_date_precision", None, "must be given exactly when published_date is"),
        (4, "published_date_evidence_text", None, "a date stated in text must quote the words it rests on"),
        (4, "retrieved_on", None, "a source curated by reading records when its text was received"),
        (5, "published_date_method", "inferred_from_relative_dates", "must be given exactly when published_date is"),
        (5, "published_date_evidence_text", None,
         "a date inferred from relative dates must quote the words it rests on"),
    ]


def test_tables_staged_as_made_are_left_out_of_the_frames_and_written_as_stage_package_writes_them(corpus, tmp_path):
    from scripts.build import READ_AFTER_EXTRACTION, StagedTables, make_frames
    from scripts.package.write import write_tables

    articles, metadata_csv = corpus
    layout = Layout.corpus(articles, metadata_csv, tmp_path / "unused")
    schemas, whole, _, _ = make_frames(layout)
    put_order = []

    class Recording(StagedTables):
        def put(self, frames, name):
            put_order.append(name)
            super().put(frames, name)

    sink = Recording(schemas, tmp_path / "early")
    _, rest, _, _ = make_frames(layout, sink=sink)
    derived = [n for n, s in schemas.items() if s.provenance == "derived"]
    assert set(put_order) == set(derived) | set(READ_AFTER_EXTRACTION)
    assert not set(put_order) & set(rest) and set(put_order) | set(rest) == set(schemas)
    assert list(rest) == [n for n in schemas if n in rest]  # still the schemas' order
    assert sink.rows == {n: len(whole[n]) for n in put_order}
    for table, readers in READ_AFTER_EXTRACTION.items():  # written only once every step reading it has made its tables
        assert put_order.index(table) > max(put_order.index(r) for r in readers)
    write_tables({n: whole[n] for n in put_order}, schemas, tmp_path / "at-the-end")
    assert package_files(tmp_path / "early") == package_files(tmp_path / "at-the-end")
