"""Fit, and cross-validate, the learned decision for speakerless quotations (scripts/extract/attribution_model.py).

Usage: python -m scripts.evaluation.train_attribution [--l2 STRENGTH] [--dry-run] [--hold-out PREFIX ...] [--adopt]

The quote extractor is run, rules only, on the real-text dev part less the held-out prefixes (default:
realtext.NOT_FITTED_PREFIXES: the unread batches and those read since the model was adopted). A DECISION is a
quotation row the rules leave speakerless (attribution_model.speakerless). Its candidates
(attribution_model.candidates) are labelled by the gold speaker of the labelled quotation it overlaps (right as
scripts/evaluation/evaluate.py's _speaker_right judges); a quotation labelled with no speaker, or not labelled, has
no right candidate ("no one" is right).

The model decides only for quotations that are a paragraph of their own (attribution_model.whole_paragraph), and is
scored on those only; it is fitted on every speakerless quotation (the others teach it the same features). Two runs
of the rules give the decisions. AS THEY STAND: the rules were written on these very batches and leave
almost no labelled speaker for the model to find there, so this run mostly measures the wrong speakers it would add
(scored with the weights fitted on the other batches' decisions of the second run).
WITHOUT THE CARRY-OVER: the rules' hand-written ways of giving a quotation with no attribution in its own sentence
a speaker from the text before it (CARRY_OVER_RULES) are switched off, so that every quotation they gave a speaker
is a decision as well: the case of unseen copy, where those rules do not fire (on the blind part, most speakerless
misses are such paragraphs). The model is fitted, and
cross-validated, on the second run's decisions (a superset of the first's).

The model is a logistic regression over candidates (is this candidate the speaker?), minimising
sum log(1 + exp(-y w.x)) + L2 / 2 * |w|^2 with scipy's L-BFGS-B (a unique optimum: a deterministic fit).

Leave-one-batch-out cross-validation (a batch: the two-letter prefix of an article id): for each batch, fit on the
others and apply to the batch's decisions; per fold: decisions, right before (0: they are speakerless), right after,
wrong speakers added (to a quotation labelled with another speaker, or with none). The threshold (the probability
the best candidate needs) is the one of THRESHOLDS whose CV sum gains most while right gained >= 3 x wrong added,
chosen on the summed CV, never on one batch (the file's `cv_threshold`). The CV cannot say whether the model beats
the rules on unseen copy (the rules were written on these batches, and the second run switches them off), so the
model is used only when `--adopt` is passed, after the held-out dev batches (UNREAD_DEV_PREFIXES) showed a gain:
then the file's `threshold` is the CV's; otherwise it is 1.0 and quotes.py does not call the model. Measured at
the ninth session, the CV's threshold 0.7 changed no row of the 36 unread dev articles `ru`..`rz` and gave 2 more
right speakers and no wrong one on the 18 of the eleventh batch (`sa sb sc`, scored first): adopted. The weights file is rewritten (unless --dry-run) with the weights fitted on every read batch, the thresholds
and the CV sums; commit it with them.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from contextlib import contextmanager, nullcontext

import numpy as np

from scripts.evaluation.evaluate import _speaker_right, gold_rows, realtext_set
from scripts.evaluation.logistic import fit_logistic
from scripts.evaluation.realtext import NOT_FITTED_PREFIXES, pointers
from scripts.extract import attribution_model as am
from scripts.extract import quotes
from scripts.extract.lexicon import Lexicon
from scripts.paths import CURATED_DIR

HELD_OUT = NOT_FITTED_PREFIXES
L2 = 1.0
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
GAIN_PER_WRONG = 3  # a wrong speaker is worse than none: right gained must be at least this many times wrong added


# The rules that give a quotation with no attribution in its own sentence a speaker from the text before it: a
# sentence right after the last quotation's, a quoted paragraph after one aside, a paragraph ending with a colon
# after a clause a name heads, one sentence of narration about one person, a person taking a side in the last
# sentence of the paragraph before. Switched off, every quotation they gave a speaker is a decision of the model's.
CARRY_OVER_RULES = {"_follows_directly": lambda self, quote, previous_row: False,
                    "_resumes_after_an_aside": lambda self, quote, previous: False,
                    "_introduced_by_previous_paragraph": lambda self, quote: None,
                    "_scene_before": lambda self, quote: None,
                    "_person_heading_paragraph_before": lambda self, quote: None}


@contextmanager
def without_carry_over():
    """The rules with CARRY_OVER_RULES switched off (see the module's docstring)."""
    saved = {name: getattr(quotes._Article, name) for name in CARRY_OVER_RULES}
    for name, off in CARRY_OVER_RULES.items():
        setattr(quotes._Article, name, off)
    try:
        yield
    finally:
        for name, rule in saved.items():
            setattr(quotes._Article, name, rule)


def collect(held_out: tuple[str, ...] = HELD_OUT, carry_over: bool = True) -> list[dict]:
    """Every decision of the read dev part: {batch, features, right, gold_speaker}."""
    labelled = realtext_set("dev", CURATED_DIR / "realtext")
    if labelled is None:
        raise SystemExit("The real-text dev texts are not all cached: run `python -m scripts.evaluation.realtext "
                         "check` and see curated/realtext/README.md to re-create the cache.")
    lexicon = Lexicon.from_curated(CURATED_DIR)
    gold = gold_rows(labelled, "quotes")
    found = []
    with (nullcontext() if carry_over else without_carry_over()):
        for source_id, text in sorted(labelled.articles.items()):
            if source_id.startswith(held_out):
                continue
            mine = [g for g in gold if g["source_id"] == source_id]
            article = quotes._Article(text, source_id, lexicon)
            article.learned_attribution = False
            rows = article.rows()
            for index, candidates, features in am.decisions(article, rows, whole_only=False):
                row = rows[index]
                g = next((g for g in mine if min(row["end"], int(g["end"])) > max(row["start"], int(g["start"]))),
                         None)
                speaker = g is not None and bool(g["speaker_name"])
                right = [speaker and _speaker_right(g, c.speaker) for c in candidates]
                found.append({"batch": source_id[:2], "features": features, "right": right, "gold_speaker": speaker,
                              "whole": am.whole_paragraph(article, article_quote(article, row))})
    return found


def article_quote(article, row: dict):
    return next(quote for quote in article.quotes if quote.start == row["start"])


def fit(found: list[dict], l2: float = L2) -> np.ndarray:
    """Logistic regression over every candidate of the decisions."""
    x = np.array([f for d in found for f in d["features"]], dtype=float).reshape(-1, len(am.FEATURES))
    y = np.array([1.0 if r else 0.0 for d in found for r in d["right"]])
    return fit_logistic(x, y, l2, maxiter=10_000, gtol=1e-10)


def outcome(decision: dict, model: am.Model) -> str:
    """'none' (no one chosen), 'right', 'wrong' (another speaker than the label's) or 'added' (a speaker for a
    quotation labelled with none, or not labelled)."""
    chosen = model.choose(decision["features"])
    if chosen is None:
        return "none"
    if decision["right"][chosen]:
        return "right"
    return "wrong" if decision["gold_speaker"] else "added"


def read_batches(held_out: tuple[str, ...] = HELD_OUT) -> list[str]:
    """The two-letter prefixes of the dev articles read (a batch with no decision is a fold too)."""
    return sorted({p.article_id[:2] for p in pointers() if p.split == "dev" and not p.article_id.startswith(held_out)})


def cross_validate(found: list[dict], l2: float = L2, scored: list[dict] | None = None,
                   batches: list[str] | None = None) -> dict:
    """{(left-out batch, threshold): {'decisions', 'reachable' (a right candidate exists), 'right', 'wrong',
    'added', 'none': counts}}: fitted on the other batches' decisions of found, scored on the batch's decisions of
    scored (default: found)."""
    scored = found if scored is None else scored
    table: dict = {}
    for batch in batches or sorted({d["batch"] for d in found + scored}):
        weights = tuple(float(w) for w in fit([d for d in found if d["batch"] != batch], l2))
        for threshold in THRESHOLDS:
            model = am.Model(weights, threshold)
            counts = {"decisions": 0, "reachable": 0, "right": 0, "wrong": 0, "added": 0, "none": 0}
            for d in scored:
                if d["batch"] == batch and d.get("whole", True):
                    counts[outcome(d, model)] += 1
                    counts["decisions"] += 1
                    counts["reachable"] += any(d["right"])
            table[batch, threshold] = counts
    return table


def sums(table: dict) -> dict:
    """The CV's counts summed over the batches, per threshold."""
    total: dict = {}
    for (_, threshold), counts in table.items():
        mine = total.setdefault(threshold, dict.fromkeys(counts, 0))
        for key, value in counts.items():
            mine[key] += value
    return total


def best_threshold(summed: dict) -> float | None:
    """The threshold whose CV sum gains most right less GAIN_PER_WRONG x wrong, that difference not negative (wrong:
    another speaker than the label's, or one for a quotation labelled with none); None when none gains."""
    best, best_worth = None, 0
    for threshold in THRESHOLDS:
        s = summed[threshold]
        wrong = s["wrong"] + s["added"]
        worth = s["right"] - GAIN_PER_WRONG * wrong  # a wrong speaker costs as much as GAIN_PER_WRONG right ones
        if s["right"] > 0 and worth >= 0 and (best is None or worth > best_worth):
            best, best_worth = threshold, worth
    return best


def print_cv(title: str, table: dict, summed: dict, shown: float) -> None:
    print(f"\n{title}: leave-one-batch-out CV at threshold {shown}")
    print("| left-out batch | decisions | a right candidate exists | right before | right after | wrong speaker added "
          "| speaker added to a no-speaker quote |")
    print("|---|---|---|---|---|---|---|")
    for (batch, t), c in sorted(table.items()):
        if t == shown:
            print(f"| {batch} | {c['decisions']} | {c['reachable']} | 0 | {c['right']} | {c['wrong']} | {c['added']} |")
    for t in THRESHOLDS:
        s = summed[t]
        print(f"  sum at {t}: {s['decisions']} decisions ({s['reachable']} with a right candidate): right after "
              f"{s['right']}, wrong speaker {s['wrong']}, speaker added to a no-speaker quote {s['added']}, "
              f"no one {s['none']}")


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.evaluation.train_attribution")
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--hold-out", nargs="+", default=list(HELD_OUT), metavar="PREFIX")
    parser.add_argument("--adopt", action="store_true",
                        help="use the CV's threshold in the extractor (only after a gain on the held-out batches)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = options(argv)
    held_out = tuple(args.hold_out)
    as_they_stand = collect(held_out, carry_over=True)
    found = collect(held_out, carry_over=False)
    batches = read_batches(held_out)
    standing_table = cross_validate(found, args.l2, scored=as_they_stand, batches=batches)
    table = cross_validate(found, args.l2, batches=batches)
    standing, summed = sums(standing_table), sums(table)
    threshold = best_threshold(summed)
    shown = threshold if threshold is not None else THRESHOLDS[0]
    print_cv("the rules as they stand (fitted on the other batches without the carry-over)", standing_table, standing,
             shown)
    print_cv("the rules without their carry-over (the decisions fitted on)", table, summed, shown)
    weights = tuple(float(w) for w in np.round(fit(found, args.l2), 3))
    adopted = threshold is not None and args.adopt
    print(f"\nthreshold chosen on the CV (without the carry-over): {threshold} "
          f"({'no threshold gains' if threshold is None else 'adopted (--adopt)' if adopted else 'not adopted: pass --adopt after a gain on the held-out batches'}; "
          f"the rule: right gained >= {GAIN_PER_WRONG} x wrong added)")
    for name, w in zip(am.FEATURES, weights):
        print(f"    {name:20} {w:+.3f}")
    data = {"about": "Weights of scripts/extract/attribution_model.py, written by `python -m "
                     "scripts.evaluation.train_attribution`; do not edit by hand.",
            "held_out": list(held_out), "l2": args.l2,
            "cv_threshold": threshold,
            # not adopted (no --adopt, or no threshold that gains under the rule): 1.0, quotes.py does not call the model
            "threshold": threshold if adopted else 1.0,
            "cv": {"rules as they stand": {str(t): standing[t] for t in THRESHOLDS},
                   "rules without their carry-over": {str(t): summed[t] for t in THRESHOLDS}},
            "weights": dict(zip(am.FEATURES, weights))}
    if not args.dry_run:
        am.WEIGHTS_FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"written: {am.WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
