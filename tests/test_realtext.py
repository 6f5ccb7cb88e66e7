"""The real-text evaluation set: texts come from a local cache checked against committed pointers, and are
scored with speakers compared by name. Everything here is constructed; no real article text is used."""
from __future__ import annotations

import csv
import hashlib
import json

import pytest

from scripts.evaluation import realtext
from scripts.evaluation.evaluate import evaluate, normalised_name, realtext_set, score_real_mentions, score_real_quotes
from scripts.extract.lexicon import Lexicon

ARTICLE = ("Jane Roe, the health minister, met the Northshire Doctors Union on Monday.\n"
           "“We are close to a deal,” she said.\n")


def write_set(root, text=ARTICLE, split="dev"):
    data = text.encode("utf-8")
    realtext_dir = root / "realtext"
    (realtext_dir / "gold").mkdir(parents=True)
    with (realtext_dir / "articles.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "split", "url", "outlet", "published_date", "phase", "query", "result_rank",
                         "sha256", "characters", "bytes", "notes"])
        writer.writerow(["r01_x", split, "https://example.org/a", "Example", "2023-03-14", "strike-2023-03",
                         "q", 1, hashlib.sha256(data).hexdigest(), len(text), len(data), ""])
    start = text.index("We are")
    end = text.index(",”")
    with (realtext_dir / "gold" / "quotes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source_id", "start", "end", "speaker_text", "speaker_name", "speaker_person_id",
                         "speaker_organisation_id", "speaker_method", "cue", "continues_previous"])
        writer.writerow(["r01_x", start, end + 1, "she", "Jane Roe", "", "", "pronoun", "said", "false"])
    return realtext_dir


def test_import_caches_only_texts_whose_url_and_sha256_match_a_pointer(tmp_path):
    realtext_dir, cache = write_set(tmp_path), tmp_path / "cache"
    answer = {"results": [{"url": "https://example.org/a", "excerpt": ARTICLE},
                          {"url": "https://example.org/a", "excerpt": ARTICLE + "changed"},
                          {"url": "https://example.org/other", "excerpt": "x"}]}
    (tmp_path / "answer.json").write_text(json.dumps(answer), encoding="utf-8")
    assert realtext.import_answers([tmp_path / "answer.json"], realtext_dir, cache) == ["r01_x"]
    assert (cache / "r01_x.txt").read_bytes() == ARTICLE.encode("utf-8")
    assert realtext.cached_texts("dev", realtext_dir, cache) == {"r01_x": ARTICLE}


def test_import_puts_back_no_break_spaces_before_line_breaks_when_the_sha256_asks_for_them(tmp_path):
    recorded = "Jane Roe spoke on Monday.\u00a0\nThe strike goes ahead.\u00a0\n“We are close to a deal,” she said.\n"
    realtext_dir, cache = write_set(tmp_path, text=recorded), tmp_path / "cache"
    shown = recorded.replace("\u00a0", " ")  # how a text display shows it, and so how it is copied
    for excerpt in (shown, shown.replace(" \nThe", "\u00a0\nThe")):  # every space back, or one of them
        (tmp_path / "answer.json").write_text(json.dumps([{"url": "https://example.org/a", "excerpt": excerpt}]),
                                              encoding="utf-8")
        assert realtext.import_answers([tmp_path / "answer.json"], realtext_dir, cache) == ["r01_x"]
        assert (cache / "r01_x.txt").read_bytes() == recorded.encode("utf-8")


def test_import_does_not_change_a_space_that_stands_away_from_a_line_break(tmp_path):
    recorded = "Jane Roe spoke\u00a0on Monday.\n“We are close to a deal,” she said.\n"
    realtext_dir, cache = write_set(tmp_path, text=recorded), tmp_path / "cache"
    (tmp_path / "answer.json").write_text(
        json.dumps([{"url": "https://example.org/a", "excerpt": recorded.replace("\u00a0", " ")}]), encoding="utf-8")
    assert realtext.import_answers([tmp_path / "answer.json"], realtext_dir, cache) == []


def test_queries_lists_each_search_once_with_the_urls_it_must_give_and_only_the_missing_on_request(tmp_path):
    realtext_dir, cache = write_set(tmp_path), tmp_path / "cache"
    with (realtext_dir / "articles.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["r02_y", "dev", "https://example.org/b", "Example", "2023-03-15",
                                     "strike-2023-03", "q", 2, hashlib.sha256(b"x").hexdigest(), 1, 1, ""])
    assert realtext.queries(realtext_dir, cache) == [
        {"query": "q", "want": [{"article_id": "r01_x", "url": "https://example.org/a"},
                                {"article_id": "r02_y", "url": "https://example.org/b"}]}]
    cache.mkdir()
    (cache / "r01_x.txt").write_bytes(ARTICLE.encode("utf-8"))
    assert realtext.queries(realtext_dir, cache, missing=True) == [
        {"query": "q", "want": [{"article_id": "r02_y", "url": "https://example.org/b"}]}]


def test_a_missing_or_altered_cached_text_leaves_the_split_unscored(tmp_path):
    realtext_dir, cache = write_set(tmp_path), tmp_path / "cache"
    assert realtext.cached_texts("dev", realtext_dir, cache) is None
    cache.mkdir()
    (cache / "r01_x.txt").write_text(ARTICLE.replace("Monday", "Friday"), encoding="utf-8")
    pointer = realtext.pointers(realtext_dir)[0]
    assert "differs" in realtext.problem_with(pointer, cache)
    assert realtext.cached_texts("dev", realtext_dir, cache) is None


def test_cached_only_scores_the_intact_articles_and_names_how_many_are_missing(tmp_path, monkeypatch):
    realtext_dir, cache = write_set(tmp_path), tmp_path / "cache"
    other = "Another article.\n".encode("utf-8")
    with (realtext_dir / "articles.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["r02_y", "dev", "https://example.org/b", "Example", "2023-03-15",
                                     "strike-2023-03", "q", 2, hashlib.sha256(other).hexdigest(), 17, 17, ""])
    cache.mkdir()
    (cache / "r01_x.txt").write_bytes(ARTICLE.encode("utf-8"))
    monkeypatch.setenv("JDS_REALTEXT_CACHE", str(cache))
    assert realtext_set("dev", realtext_dir) is None
    partial = realtext_set("dev", realtext_dir, cached_only=True)
    assert list(partial.articles) == ["r01_x"]
    assert "1 of 2 real articles" in partial.name
    (cache / "r02_y.txt").write_bytes(b"Altered text.\n")
    assert list(realtext_set("dev", realtext_dir, cached_only=True).articles) == ["r01_x"]


def test_blind_articles_are_not_in_the_dev_part(tmp_path, monkeypatch):
    realtext_dir, cache = write_set(tmp_path, split="blind"), tmp_path / "cache"
    cache.mkdir()
    (cache / "r01_x.txt").write_bytes(ARTICLE.encode("utf-8"))
    monkeypatch.setenv("JDS_REALTEXT_CACHE", str(cache))
    assert realtext_set("dev", realtext_dir) is None
    assert list(realtext_set("blind", realtext_dir).articles) == ["r01_x"]


@pytest.mark.parametrize("gold, predicted, same", [
    ("Jane Roe", "Dr Jane Roe", True),
    ("Jane Roe", "jane roe’s", True),
    ("Department of Health and Social Care", "the Department of Health and Social Care", True),
    ("Jane Roe", "she", False),
    ("Jane Roe and John Doe", "Jane Roe", False),
])
def test_speaker_names_compare_without_titles_case_or_articles(gold, predicted, same):
    assert (normalised_name(gold) == normalised_name(predicted)) is same


def test_a_pronoun_speaker_counts_only_when_resolved_to_the_gold_name():
    gold = [{"source_id": "a", "start": "10", "end": "20", "text": "x", "speaker_name": "Jane Roe",
             "speaker_person_id": "", "speaker_organisation_id": "", "speaker_method": "pronoun"}]
    right = [{"source_id": "a", "start": 10, "end": 20, "speaker_text": "she", "speaker_name": "Jane Roe",
              "speaker_person_id": None, "speaker_organisation_id": None}]
    wrong = [{**right[0], "speaker_name": None}]
    assert score_real_quotes(gold, right)["speaker of attributed quotes (accuracy)"].true_positives == 1
    assert score_real_quotes(gold, wrong)["speaker of attributed quotes (accuracy)"].true_positives == 0
    assert score_real_quotes(gold, [])["speaker of attributed quotes (accuracy)"].expected == 1


def test_an_uncurated_organisation_candidate_counts_and_a_wrong_id_does_not():
    gold = [{"source_id": "a", "text": "the Welsh Government", "start": "0", "end": "20",
             "entity_kind": "organisation", "person_id": "", "organisation_id": ""}]
    candidate = [{"source_id": "a", "text": "Welsh Government", "start": 4, "end": 20,
                  "entity_kind": "organisation", "person_id": None, "organisation_id": None}]
    wrong_id = [{**candidate[0], "organisation_id": "bma"}]
    key = "organisation mentions: span and id (candidates count when nobody curated them)"
    assert score_real_mentions(gold, candidate)[key].true_positives == 1
    assert score_real_mentions(gold, wrong_id)[key].true_positives == 0


def test_the_real_text_set_is_scored_from_the_cache_with_labels_that_carry_no_text(tmp_path, monkeypatch):
    realtext_dir, cache = write_set(tmp_path), tmp_path / "cache"
    cache.mkdir()
    (cache / "r01_x.txt").write_bytes(ARTICLE.encode("utf-8"))
    monkeypatch.setenv("JDS_REALTEXT_CACHE", str(cache))
    scores = evaluate(realtext_set("dev", realtext_dir), Lexicon.from_rows([], [], []))
    assert scores["quote spans, overlapping"].expected == 1
    assert scores["speaker of attributed quotes (accuracy)"].expected == 1


def test_person_candidates_are_judged_only_by_labels_that_include_them():
    from scripts.evaluation.evaluate import score_mentions
    organisation = {"source_id": "a", "start": "0", "end": "5", "entity_kind": "organisation", "person_id": "",
                    "organisation_id": "x", "resolution": "alias"}
    person = {"source_id": "a", "start": "10", "end": "18", "entity_kind": "person", "person_id": "",
              "organisation_id": "", "resolution": "unresolved_candidate"}
    predicted = [{**organisation, "start": 0, "end": 5}, {**person, "start": 10, "end": 18}]
    old_labels = score_mentions([organisation], predicted)["mentions: span and resolved id"]
    new_labels = score_mentions([organisation, {**person, "start": "30", "end": "38"}], predicted)
    assert (old_labels.true_positives, old_labels.predicted) == (1, 1)
    assert new_labels["mentions: span and resolved id"].predicted == 2


def test_an_id_prefix_keeps_the_scored_part_to_that_batch(tmp_path, monkeypatch):
    realtext_dir, cache = write_set(tmp_path), tmp_path / "cache"
    cache.mkdir()
    (cache / "r01_x.txt").write_bytes(ARTICLE.encode("utf-8"))
    monkeypatch.setenv("JDS_REALTEXT_CACHE", str(cache))
    assert set(realtext_set("dev", realtext_dir, ("r0",)).articles) == {"r01_x"}
    assert realtext_set("dev", realtext_dir, ("zz",)).articles == {}
