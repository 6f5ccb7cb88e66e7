"""How far a real-text score could move with other articles: 95% intervals by resampling whole articles.

`python -m scripts.evaluation.evaluate --intervals [--ids PREFIX...] [--blind]` prints, for each measure of the
real-text part it scores, the F1 (accuracy, for speakers) and a percentile interval from a cluster bootstrap: the
articles are drawn with replacement DRAWS times (seeded, so the interval is reproducible) and each draw's counts are
the sums of its articles' counts. Articles, not rows, are resampled because rows of one article are not independent
(one outlet's habit of attribution decides all its quotes). The interval says how much of a difference between two
commits, or between dev and blind, the sample size alone could produce; it does not cover labelling error.
"""
from __future__ import annotations

import numpy as np

from scripts.evaluation.evaluate import REAL_TEXT_SCORERS, LabelledSet, Score, _predict, gold_rows
from scripts.extract.lexicon import Lexicon

DRAWS = 2000
SEED = 2023
LEVEL = 0.95


def per_article(labelled: LabelledSet, lexicon: Lexicon) -> dict[str, dict[str, Score]]:
    """measure -> article id -> that article's counts; summed over the articles they are evaluate()'s counts (a
    measure an article has no label or prediction for counts zero there)."""
    found: dict[str, dict[str, Score]] = {}
    for table, scorer in REAL_TEXT_SCORERS.items():
        gold = gold_rows(labelled, table)
        if not gold:
            continue
        predicted = _predict(table, labelled, lexicon)
        for source_id in sorted(labelled.articles):
            mine = scorer([g for g in gold if g["source_id"] == source_id],
                          [p for p in predicted if p["source_id"] == source_id])
            for measure, score in mine.items():
                found.setdefault(measure, {})[source_id] = score
    return found


def interval(scores: dict[str, Score], articles: list[str], draws: int = DRAWS, seed: int = SEED,
             level: float = LEVEL) -> tuple[float, float]:
    """The percentile interval of F1 over `draws` resamples (with replacement) of `articles`."""
    counts = np.array([[s.true_positives, s.predicted, s.expected] for s in
                       (scores.get(a, Score(0, 0, 0)) for a in articles)], dtype=float)
    rng = np.random.default_rng(seed)
    drawn = counts[rng.integers(0, len(articles), size=(draws, len(articles)))].sum(axis=1)
    right, predicted, expected = drawn[:, 0], drawn[:, 1], drawn[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, right / predicted, 1.0)
        recall = np.where(expected > 0, right / expected, 1.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(f1, [tail, 100 - tail])
    return float(low), float(high)


def markdown(labelled: LabelledSet, lexicon: Lexicon) -> str:
    articles = sorted(labelled.articles)
    lines = [f"| labelled set | measure | F1 | {LEVEL:.0%} interval ({len(articles)} articles resampled, "
             f"{DRAWS} draws) |", "|---|---|---|---|"]
    for measure, scores in per_article(labelled, lexicon).items():
        total = Score(*(sum(getattr(s, f) for s in scores.values())
                        for f in ("true_positives", "predicted", "expected")))
        low, high = interval(scores, articles)
        lines.append(f"| {labelled.name} | {measure} | {total.f1:.3f} | {low:.3f} to {high:.3f} |")
    return "\n".join(lines) + "\n"
