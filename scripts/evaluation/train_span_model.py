"""Fit the organisation-span score of scripts/extract/span_model.py on the real-text dev labels.

Usage:
    python -m scripts.evaluation.train_span_model            fit on the training articles, write span_weights.py
    python -m scripts.evaluation.train_span_model --cv       also cross-validate by batch (no file written)

Training articles: the read batches of the real-text dev part (read_prefixes: every dev id's two letters in
curated/realtext/articles.csv less HELD_OUT = realtext.NOT_FITTED_PREFIXES, whose texts are never loaded) -- the blind
part is never read. Each boundary variant of every capitalised run that overlaps no curated alias
(span_model.scored_runs, with the rules' findings of span_model.rule_context) is an example, labelled 1 when the dev
labels hold an organisation with its span (give or take a leading 'the'), else 0; the rules' own candidates are
examples like any variant, so a wrong one is a negative the score could veto. The model is an L2-regularised logistic
regression, fitted with scipy's L-BFGS (scipy is pinned already; the extractor applies the weights itself).

What the score does is chosen by leave-one-batch-out cross-validation (a batch = the two letters of the id: fit on
the other batches, score the left-out one with the whole extractor, sum the organisation counts over the batches):
the rules alone, 'add' (a run no mention stands in gets its best variant at a threshold), 'add+move' (and a rule's
candidate gives way to a variant of its run scoring higher) and 'veto' (a rule's candidate scoring below a threshold
is dropped), each printed per left-out batch. A configuration is adopted only when its summed F1 beats the rules
alone's by CLEAR_GAIN; else the weights file says all off. Deterministic: no random state anywhere.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from scripts.evaluation.evaluate import gold_rows, real_mention_key, realtext_set, score_real_mentions
from scripts.evaluation.logistic import fit_logistic
from scripts.evaluation.realtext import NOT_FITTED_PREFIXES, pointers
from scripts.extract import mentions, span_model
from scripts.extract.lexicon import Lexicon
from scripts.paths import CURATED_DIR

HELD_OUT = NOT_FITTED_PREFIXES
WEIGHTS_FILE = Path(__file__).resolve().parents[1] / "extract" / "span_weights.py"
L2 = 0.3
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
VETOES = (0.05, 0.1, 0.2, 0.3, 0.5)
CLEAR_GAIN = 0.002  # F1 over the left-out batches a configuration must gain on the rules alone (about two names)
BASE_FEATURES = span_model.FEATURES[:span_model.INDEX["rule_candidate"]]  # the shape features alone (--features base)
COMPARE_AT = (0.2, 0.3, 0.4, 0.5)
ORGANISATIONS = "organisation mentions: span and id (candidates count when nobody curated them)"


def read_prefixes() -> tuple[str, ...]:
    """The batches of the dev part that may be read: every dev id's two letters less the held-out ones."""
    return tuple(sorted({p.article_id[:2] for p in pointers() if p.split == "dev"
                         and not p.article_id.startswith(HELD_OUT)}))


def training_set():
    labelled = realtext_set("dev", prefixes=read_prefixes())
    if labelled is None:
        raise SystemExit("train_span_model: the real-text cache is missing; see curated/realtext/README.md")
    labelled.articles = {k: v for k, v in labelled.articles.items() if not k.startswith(HELD_OUT)}
    return labelled


def examples(labelled, lexicon):
    """(article ids, feature matrix, labels) over every variant of every run of the training articles."""
    gold = {real_mention_key(g) for g in gold_rows(labelled, "mentions") if g["entity_kind"] == "organisation"}
    ids, rows, labels = [], [], []
    for source_id, text in sorted(labelled.articles.items()):
        kept_curated, _, _, rules = span_model.rule_context(text, lexicon)
        for run in span_model.scored_runs(text, lexicon, kept_curated, None, rules):
            for start, end, active in run:
                ids.append(source_id)
                row = np.zeros(len(span_model.FEATURES))
                row[active] = 1.0
                rows.append(row)
                labels.append(_variant_key(source_id, text, start, end) in gold)
    return np.array(ids, dtype=str), np.array(rows), np.array(labels, dtype=float)


def _variant_key(source_id: str, text: str, start: int, end: int) -> tuple[str, str, int]:
    """A variant's key, matched against the labels' as the scorer matches mentions."""
    return real_mention_key({"source_id": source_id, "text": text[start:end], "end": end})


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return fit_logistic(x, y, L2, unpenalised=(0,))  # column 0 is the bias


def organisation_score(labelled, lexicon, articles: set[str]):
    """The organisation-mention score of the whole extractor, with the score settling its candidates at the
    weights and threshold in force (span_model.extract_mentions), on these articles."""
    subset = {k: v for k, v in labelled.articles.items() if k in articles}
    gold, predicted = [], []
    for source_id, text in sorted(subset.items()):
        predicted += span_model.extract_mentions(text, source_id, lexicon)
    gold = [g for g in gold_rows(labelled, "mentions") if g["source_id"] in subset]
    return score_real_mentions(gold, predicted)[ORGANISATIONS]


def configurations():
    """What the score may do, each judged on the left-out batches: (name, add threshold, veto threshold, move)."""
    found = [("rules alone", None, None, False)]
    found += [(f"add {t}", t, None, False) for t in THRESHOLDS]
    found += [(f"add+move {t}", t, None, True) for t in THRESHOLDS]
    found += [(f"veto {v}", None, v, False) for v in VETOES]
    return found


def cross_validate(labelled, lexicon, ids, x, y):
    """Per left-out batch and configuration, the whole extractor's organisation counts; printed as a table. Returns
    the configuration whose F1 summed over the left-out batches is best when it is strictly better than the rules
    alone's, else None (the extractor then leaves the rules alone)."""
    batches = sorted({i[:2] for i in ids})
    configs = configurations()
    counts = {}
    for batch in batches:
        w = fit(x[~np.char.startswith(ids, batch)], y[~np.char.startswith(ids, batch)])
        articles = {i for i in labelled.articles if i.startswith(batch)}
        for name, add, veto, move in configs:
            span_model._OVERRIDE[:] = [list(w), add, veto, move] if (add, veto) != (None, None) else [None]
            s = organisation_score(labelled, lexicon, articles)
            counts[batch, name] = (s.true_positives, s.predicted, s.expected)
    span_model._OVERRIDE[:] = []
    print("per left-out batch: rules alone right/predicted/expected, then each configuration's change in right and "
          "predicted (+right/+predicted)")
    names = [c[0] for c in configs]
    print("| batch | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for batch in batches:
        base = counts[batch, "rules alone"]
        cells = [f"{base[0]}/{base[1]}/{base[2]}"]
        for name in names[1:]:
            c = counts[batch, name]
            cells.append(f"{c[0] - base[0]:+d}/{c[1] - base[1]:+d}" if c != base else "=")
        print(f"| {batch} | " + " | ".join(cells) + " |")
    f1 = {}
    for name, *_ in configs:
        right = sum(counts[b, name][0] for b in batches)
        predicted = sum(counts[b, name][1] for b in batches)
        expected = sum(counts[b, name][2] for b in batches)
        f1[name] = 2 * right / (predicted + expected)
        print(f"  {name}: organisations {right}/{predicted}/{expected}, F1 {f1[name]:.4f} (left-out batches)")
    return adopted(configs, f1)


def adopted(configs, f1: dict[str, float]):
    """The configuration with the best summed F1 when it beats the rules alone's by CLEAR_GAIN, else None; ties go to
    the one that acts least (the higher add threshold, then the lower veto threshold)."""
    best = max(configs[1:], key=lambda c: (round(f1[c[0]], 12), c[1] or 0, -(c[2] or 0)))
    return best if f1[best[0]] >= f1["rules alone"] + CLEAR_GAIN else None


def compare(labelled, lexicon, weights_for, threshold: float) -> dict[str, int]:
    """On the runs the model sees (span_model.scored_runs), uncurated organisation labels there against the rules'
    candidates there and against the model alone (each run's best variant when it reaches threshold): counts."""
    gold = {real_mention_key(g) for g in gold_rows(labelled, "mentions") if g["entity_kind"] == "organisation"}
    counts = defaultdict(int)
    for source_id, text in sorted(labelled.articles.items()):
        mentions._last_names[:] = [None, None, None]
        rules = [m for m in mentions.extract_mentions(text, source_id, lexicon)
                 if m["entity_kind"] == "organisation" and not m["organisation_id"]]
        weights = weights_for(source_id)
        kept_curated = span_model.rule_context(text, lexicon)[0]
        for run in span_model.scored_runs(text, lexicon, kept_curated):  # no rules' findings: the model alone
            low, high = min(v[0] for v in run), max(v[1] for v in run)
            expected = {_variant_key(source_id, text, a, b) for a, b, _ in run} & gold
            by_rules = {real_mention_key(m) for m in rules
                        if m["start"] < high and low < m["end"]}
            best = max(run, key=lambda v: (span_model.probability(v[2], weights), v[1] - v[0]))
            by_model = {_variant_key(source_id, text, best[0], best[1])} \
                if span_model.probability(best[2], weights) >= threshold else set()
            counts["expected"] += len(expected)
            counts["rules_predicted"] += len(by_rules)
            counts["rules_right"] += len(by_rules & expected)
            counts["model_predicted"] += len(by_model)
            counts["model_right"] += len(by_model & expected)
    return dict(counts)


def people(labelled, lexicon, shapes_only: bool, thresholds=(0.3, 0.5, 0.7, 0.9)) -> None:
    """The same variants scored for people (labels: a person the dev labels hold with the variant's span), fitted on
    the other batches: per threshold, how many person labels the extractor misses would be added where no mention
    stands, against how many wrong names would be (an upper bound on what a person score could add). Counts only."""
    gold = {real_mention_key(g) for g in gold_rows(labelled, "mentions") if g["entity_kind"] == "person"}
    ids, rows, labels, where = [], [], [], []
    for source_id, text in sorted(labelled.articles.items()):
        mentions._last_names[:] = [None, None, None]
        found = mentions.extract_mentions(text, source_id, lexicon)
        spans = [(m["start"], m["end"]) for m in found]
        predicted = {real_mention_key(m) for m in found if m["entity_kind"] == "person"}
        kept_curated, _, _, rules = span_model.rule_context(text, lexicon)
        for run in span_model.scored_runs(text, lexicon, kept_curated, None, rules):
            for start, end, active in run:
                key = _variant_key(source_id, text, start, end)
                row = np.zeros(len(span_model.FEATURES))
                row[active] = 1.0
                ids.append(source_id)
                rows.append(row)
                labels.append(key in gold)
                where.append((not any(s < end and start < e for s, e in spans), key in predicted))
    ids, x, y = np.array(ids, dtype=str), np.array(rows), np.array(labels, dtype=float)
    if shapes_only:
        x[:, len(BASE_FEATURES):] = 0.0
    p = np.zeros(len(y))
    for batch in sorted({i[:2] for i in ids}):
        out = np.char.startswith(ids, batch)
        p[out] = 1.0 / (1.0 + np.exp(-(x[out] @ fit(x[~out], y[~out]))))
    missed = sum(1 for (free, hit), label in zip(where, y) if label and not hit)
    print(f"people: {int(y.sum())} person labels are variants, {missed} of them missed by the extractor "
          f"({sum(1 for (free, hit), label in zip(where, y) if label and not hit and free)} where no mention stands)")
    for t in thresholds:
        right = sum(1 for (free, _), label, q in zip(where, y, p) if free and label and q >= t)
        wrong = sum(1 for (free, _), label, q in zip(where, y, p) if free and not label and q >= t)
        print(f"  threshold {t}: a person score would add {right} right and {wrong} wrong names (left-out batches)")


def _report(name: str, c: dict[str, int]) -> str:
    f1 = lambda right, predicted: 2 * right / (predicted + c["expected"]) if predicted + c["expected"] else 0.0
    return (f"  {name}: {c['expected']} labels; rules {c['rules_right']}/{c['rules_predicted']} "
            f"(F1 {f1(c['rules_right'], c['rules_predicted']):.3f}); model alone {c['model_right']}/"
            f"{c['model_predicted']} (F1 {f1(c['model_right'], c['model_predicted']):.3f})")


def write_weights(w: np.ndarray, chosen, n_examples: int, n_positive: int) -> None:
    _, threshold, veto, move = chosen if chosen else (None, None, None, False)
    lines = ['"""Generated by `python -m scripts.evaluation.train_span_model`: do not edit. The weights of the',
             "organisation-span score (scripts/extract/span_model.py), fitted on the real-text dev labels less the",
             f"held-out ids ({', '.join(HELD_OUT)}); {n_examples} examples, {n_positive} positive. THRESHOLD (add a",
             "run's best variant), VETO (drop a rule's candidate scoring below it) and MOVE (a variant scoring higher",
             "takes a rule candidate's place) are the configuration leave-one-batch-out cross-validation chose; all",
             "off (None, None, False) when none beat the rules alone clearly on the left-out batches (the extractor",
             'then does not use the score)."""', "",
             f"FEATURES = {span_model.FEATURES!r}", f"THRESHOLD = {threshold!r}", f"VETO = {veto!r}",
             f"MOVE = {move!r}", "WEIGHTS = {"]
    lines += [f"    {name!r}: {round(float(v), 4)!r}," for name, v in zip(span_model.FEATURES, w)]
    lines.append("}")
    WEIGHTS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    """No option: fit, cross-validate, write the weights. --cv: cross-validate only (--features base: without the
    features that read the rules' own findings; --l2 X: another regularisation). --compare [--ids PREFIX...]: the
    model alone (fitted on the shape features only) against the rules on the runs the model sees, on left-out batches of the training articles, and
    (aggregates only) on the dev ids given (e.g. the held-out ones). --people: the same variants scored for people
    (what a person score could add, left-out batches)."""
    lexicon = Lexicon.from_curated(CURATED_DIR)
    labelled = training_set()
    ids, x, y = examples(labelled, lexicon)
    if "--compare" in argv or "--features" in argv and argv[argv.index("--features") + 1] == "base":
        x[:, len(BASE_FEATURES):] = 0.0  # the model as it was fitted before the rules' features: they never fire
    if "--l2" in argv:
        global L2
        L2 = float(argv[argv.index("--l2") + 1])
    print(f"{len(y)} examples, {int(y.sum())} positive, from {len(labelled.articles)} articles")
    if "--people" in argv:
        for shapes_only in (False, True):
            print("shape features only:" if shapes_only else "all features:")
            people(labelled, lexicon, shapes_only)
        return 0
    if "--compare" in argv:
        folds = {b: list(fit(x[~np.char.startswith(ids, b)], y[~np.char.startswith(ids, b)]))
                 for b in sorted({i[:2] for i in ids})}
        everything = list(fit(x, y))
        prefixes = tuple(argv[argv.index("--ids") + 1:]) if "--ids" in argv else ()
        others = realtext_set("dev", prefixes=prefixes) if prefixes else None
        for threshold in COMPARE_AT:
            print(f"threshold {threshold}:")
            print(_report("training articles, left-out batches", compare(labelled, lexicon,
                                                                          lambda i: folds[i[:2]], threshold)))
            if others is not None:
                print(_report(f"dev ids {' '.join(prefixes)} (fitted on all training articles)",
                              compare(others, lexicon, lambda i: everything, threshold)))
        return 0
    chosen = cross_validate(labelled, lexicon, ids, x, y)
    print(f"configuration chosen: {chosen[0] if chosen else None}")
    if "--cv" in argv or "--features" in argv or "--l2" in argv:
        return 0  # an experiment's weights are never written
    write_weights(fit(x, y), chosen, len(y), int(y.sum()))
    print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
