"""Fit the organisation-span score of scripts/extract/span_model.py on the real-text dev labels.

Usage:
    python -m scripts.evaluation.train_span_model            fit on the training articles, write span_weights.py
    python -m scripts.evaluation.train_span_model --cv       also cross-validate by batch (no file written)

Training articles: the real-text dev part less the held-out ids (HELD_OUT: ids starting rj, rl, rm, rn, which are
measured by aggregates only) -- the blind part is never read. Each boundary variant of every capitalised run that
overlaps no curated alias (mentions.scored_runs) is an example, labelled 1 when the dev labels hold an organisation
with its span (give or take a leading 'the'), else 0. The model is an L2-regularised logistic regression, fitted
with scipy's L-BFGS (scipy is pinned already; the extractor applies the weights itself). The threshold above which
the extractor adds a variant is chosen by leave-one-batch-out cross-validation (a batch = the two letters of the
id): for each candidate threshold, the organisation mention F1 of the whole extractor on the left-out batches,
summed over folds; ties go to the lower threshold (a variant more likely a name than not is kept unless
the left-out batches say a stricter cut does better). Deterministic: no random state anywhere.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from scripts.evaluation.evaluate import _without_article, gold_rows, realtext_set, score_real_mentions
from scripts.extract import mentions, span_model
from scripts.extract.lexicon import Lexicon
from scripts.paths import CURATED_DIR

HELD_OUT = ("rj", "rl", "rm", "rn")
WEIGHTS_FILE = Path(__file__).resolve().parents[1] / "extract" / "span_weights.py"
L2 = 1.0
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
ORGANISATIONS = "organisation mentions: span and id (candidates count when nobody curated them)"


def training_set():
    labelled = realtext_set("dev")
    if labelled is None:
        raise SystemExit("train_span_model: the real-text cache is missing; see curated/realtext/README.md")
    labelled.articles = {k: v for k, v in labelled.articles.items() if not k.startswith(HELD_OUT)}
    return labelled


def examples(labelled, lexicon):
    """(article ids, feature matrix, labels) over every variant of every run of the training articles."""
    gold = {(g["source_id"], _without_article(g["text"]), int(g["end"]))
            for g in gold_rows(labelled, "mentions") if g["entity_kind"] == "organisation"}
    ids, rows, labels = [], [], []
    for source_id, text in sorted(labelled.articles.items()):
        for run in mentions.scored_runs(text, lexicon, lexicon.find(text)):
            for start, end, active in run:
                ids.append(source_id)
                row = np.zeros(len(span_model.FEATURES))
                row[active] = 1.0
                rows.append(row)
                labels.append((source_id, _without_article(text[start:end]), end) in gold)
    return np.array(ids), np.array(rows), np.array(labels, dtype=float)


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    def loss(w):
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        value = np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * L2 * np.sum(w[1:] ** 2)
        grad = x.T @ (p - y) + L2 * np.concatenate([[0.0], w[1:]])
        return value, grad
    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def organisation_score(labelled, lexicon, articles: set[str]):
    """The organisation-mention score of the whole extractor on these articles (their gold and predictions)."""
    subset = {k: v for k, v in labelled.articles.items() if k in articles}
    gold, predicted = [], []
    mentions._last_names[:] = [None, None, None]
    for source_id, text in sorted(subset.items()):
        predicted += mentions.extract_mentions(text, source_id, lexicon)
    gold = [g for g in gold_rows(labelled, "mentions") if g["source_id"] in subset]
    return score_real_mentions(gold, predicted)[ORGANISATIONS]


def cross_validate(labelled, lexicon, ids, x, y) -> float:
    batches = sorted({i[:2] for i in ids})
    totals = defaultdict(lambda: [0, 0, 0])
    for batch in batches:
        w = fit(x[np.char.find(ids.astype(str), batch) != 0], y[np.char.find(ids.astype(str), batch) != 0])
        articles = {i for i in labelled.articles if i.startswith(batch)}
        for threshold in (None, *THRESHOLDS):
            span_model._OVERRIDE[:] = [list(w), threshold if threshold is not None else 2.0]
            s = organisation_score(labelled, lexicon, articles)
            t = totals[threshold]
            t[0] += s.true_positives
            t[1] += s.predicted
            t[2] += s.expected
    span_model._OVERRIDE[:] = []
    best, best_f1 = None, -1.0
    for threshold, (right, predicted, expected) in totals.items():
        p, r = right / predicted, right / expected
        f1 = 2 * p * r / (p + r)
        print(f"  threshold {threshold if threshold is not None else 'rules alone'}: organisations "
              f"{right}/{predicted}/{expected}, F1 {f1:.4f} (left-out batches)")
        if threshold is not None and (f1 > best_f1 + 1e-12 or (abs(f1 - best_f1) <= 1e-12 and threshold < best)):
            best, best_f1 = threshold, f1
    return best


def write_weights(w: np.ndarray, threshold: float, n_examples: int, n_positive: int) -> None:
    lines = ['"""Generated by `python -m scripts.evaluation.train_span_model`: do not edit. The weights of the',
             "organisation-span score (scripts/extract/span_model.py), fitted on the real-text dev labels less the",
             f"held-out ids ({', '.join(HELD_OUT)}); {n_examples} examples, {n_positive} positive; THRESHOLD chosen by",
             'leave-one-batch-out cross-validation."""', "",
             f"FEATURES = {span_model.FEATURES!r}", f"THRESHOLD = {threshold!r}", "WEIGHTS = {"]
    lines += [f"    {name!r}: {round(float(v), 4)!r}," for name, v in zip(span_model.FEATURES, w)]
    lines.append("}")
    WEIGHTS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    span_model._OVERRIDE[:] = [[0.0] * len(span_model.FEATURES), 2.0]  # no fitted spans while examples are made
    lexicon = Lexicon.from_curated(CURATED_DIR)
    labelled = training_set()
    ids, x, y = examples(labelled, lexicon)
    print(f"{len(y)} examples, {int(y.sum())} positive, from {len(labelled.articles)} articles")
    threshold = cross_validate(labelled, lexicon, ids, x, y)
    print(f"threshold chosen: {threshold}")
    if "--cv" in argv:
        return 0
    write_weights(fit(x, y), threshold, len(y), int(y.sum()))
    print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
