"""Intervals for real-text scores by resampling articles (scripts/evaluation/intervals.py), on invented articles."""
from __future__ import annotations

import csv

from scripts.evaluation import intervals
from scripts.evaluation.evaluate import LabelledSet, Score, evaluate, main
from scripts.extract.lexicon import Lexicon

EMPTY = Lexicon.from_rows([], [], [])
ARTICLES = {
    "r01_a": "Dr Ana Quill said: “The rota is broken.”\n\nThe trust employs 4,000 staff.\n",
    "r02_b": "“We will strike again,” said Tom Vale, a registrar.\n",
    "r03_c": "Waiting lists grew by 12% in a year, figures show.\n",  # a figure, and no label for it
}


def _write(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def labelled_set(tmp_path) -> LabelledSet:
    gold = tmp_path / "gold"
    gold.mkdir()
    quote_a, quote_b = ARTICLES["r01_a"], ARTICLES["r02_b"]
    _write(gold / "quotes.csv", ["source_id", "start", "end", "speaker_name", "speaker_person_id",
                                 "speaker_organisation_id", "speaker_method", "cue", "continues_previous"],
           [["r01_a", quote_a.index("The rota"), quote_a.index("”"), "Ana Quill", "", "", "named", "said", "false"],
            ["r02_b", quote_b.index("We will"), quote_b.index(",”"), "Someone Else", "", "", "named", "said",
             "false"]])
    _write(gold / "figures.csv", ["source_id", "text", "start", "end", "value", "value_high", "unit", "per", "hedge"],
           [["r01_a", "4,000 staff", quote_a.index("4,000"), quote_a.index(" staff") + 6, "4000", "", "count", "",
             "none"]])
    return LabelledSet("realtext dev (3 real articles)", dict(ARTICLES), {}, gold, real_text=True)


def test_the_articles_counts_add_up_to_the_whole_sets_scores(tmp_path):
    labelled = labelled_set(tmp_path)
    whole = evaluate(labelled, EMPTY)
    parts = intervals.per_article(labelled, EMPTY)
    assert set(parts) == set(whole)
    for measure, by_article in parts.items():
        summed = tuple(sum(getattr(s, f) for s in by_article.values())
                       for f in ("true_positives", "predicted", "expected"))
        assert summed == (whole[measure].true_positives, whole[measure].predicted, whole[measure].expected), measure
    # the spurious figure of the article with no figure label counts against precision here too
    assert parts["figures: value and unit (overlapping span)"]["r03_c"].predicted > 0


def test_the_interval_holds_the_score_and_is_the_same_on_every_run():
    scores = {f"a{i}": Score(i % 3, 2, 2) for i in range(30)}
    articles = sorted(scores)
    low, high = intervals.interval(scores, articles)
    whole = Score(sum(s.true_positives for s in scores.values()), 60, 60).f1
    assert low < whole < high
    assert intervals.interval(scores, articles) == (low, high)


def test_articles_that_all_score_alike_give_an_interval_of_no_width():
    scores = {f"a{i}": Score(3, 4, 4) for i in range(20)}
    assert intervals.interval(scores, sorted(scores)) == (0.75, 0.75)


def test_more_articles_give_a_narrower_interval():
    few = {f"a{i}": Score(i % 2, 1, 1) for i in range(20)}
    many = {f"a{i}": Score(i % 2, 1, 1) for i in range(500)}
    low_few, high_few = intervals.interval(few, sorted(few))
    low_many, high_many = intervals.interval(many, sorted(many))
    assert high_many - low_many < high_few - low_few


def test_the_command_prints_intervals_for_the_real_text_part_only(tmp_path, monkeypatch, capsys):
    labelled = labelled_set(tmp_path)
    package = LabelledSet("package (5 articles)", {}, {}, tmp_path, real_text=False)
    monkeypatch.setattr("scripts.evaluation.evaluate.scored_sets", lambda *args, **kwargs: [package, labelled])
    monkeypatch.setattr("scripts.evaluation.evaluate.Lexicon.from_curated", lambda directory: EMPTY)
    assert main(["--intervals"]) == 0
    printed = capsys.readouterr().out
    assert "| realtext dev (3 real articles) | quote spans, overlapping | 1.000 |" in printed
    assert "package" not in printed and "95% interval (3 articles resampled" in printed
    assert "rota" not in printed  # aggregates only, never a word of an article
