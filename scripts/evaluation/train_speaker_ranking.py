"""Fit the weights of the speaker ranking (scripts/extract/speaker_ranking.py) on labelled text: the real-text dev
set (less a held-out part) and the package's five articles, whose labels the extractors' rules were written on.

Usage: python -m scripts.evaluation.train_speaker_ranking [--l2 STRENGTH] [--dry-run] [--hold-out PREFIX ...]

Every pronoun or description that the quote extractor resolves by ranking is a decision: a list of candidate
referents, each with its features. The extractor is run on those articles with its decisions recorded; each
decision whose quotation overlaps a labelled quotation with a speaker is labelled by that speaker (a candidate is
right when the speaker it would give is the labelled one, as scripts/evaluation/evaluate.py judges speakers).
While the articles are read, each labelled decision takes its right candidate (when it has one), so that the
decisions after it (a resolved speaker is a candidate for later pronouns) do not depend on the weights being
fitted: one run gives the weights, and a second run gives the same. Decisions with a right and a wrong candidate
give pairs (right, wrong); the weights are those of a pairwise
logistic ranking, minimising sum log(1 + exp(-w . (right - wrong))) + L2 / 2 * |w - PRIOR|^2 with scipy's
L-BFGS-B (the optimum is unique, so the fit is deterministic): a maximum a posteriori fit whose prior, PRIOR, holds
the expectations of English anaphora (gender agreement, recency, subjects over objects) that the few labelled
decisions would otherwise not teach. The margin is fixed (MARGIN, the log-odds of 3:2): two candidates whose scores
are closer than it are left unresolved.

Articles whose id starts with a --hold-out prefix (default: realtext.NOT_FITTED_PREFIXES, the part of the dev set
kept unread to measure on and the batches read since the fitted models were adopted) are never read; the weights file records the prefixes held out when it was fitted. The blind part and the two synthetic holdouts are never read: they measure the fit. The weights file is rewritten (unless --dry-run) and the numbers of
the fit are printed; commit the file with them.
"""
from __future__ import annotations

import argparse
import json
import math
import sys

import numpy as np
from scipy.optimize import minimize

from scripts.evaluation.evaluate import _speaker_right, gold_rows, package_set, realtext_set, shipped_speaker_right
from scripts.evaluation.realtext import NOT_FITTED_PREFIXES
from scripts.extract import quotes
from scripts.extract.lexicon import Lexicon
from scripts.extract.speaker_ranking import FEATURES, GROUPS, WEIGHTS_FILE, Ranking
from scripts.paths import CURATED_DIR

HELD_OUT = NOT_FITTED_PREFIXES
L2 = 1.0
# What the weights are drawn towards where the labels say little (the fit's Gaussian prior, its centre): the
# expectations of English anaphora, each the same for any text. A few dozen labelled decisions cannot teach that a
# pronoun agrees in gender with its referent when so few of them ever had to choose by gender; the prior says
# so, and the labels move each weight as far as they give evidence for. Feature names: speaker_ranking.FEATURES.
PRIOR = {"sentences_back": -1.0, "paragraphs_back": -2.0, "same_sentence": 0.0, "most_recent": 0.5,
         "after_last_speaker": 0.0, "last_speaker": 1.0, "earlier_speaker": 0.5, "last_to_speak": 0.5, "subject": 0.5,
         "previous_subject": 0.5, "saying_subject": 0.5, "previous_saying": 1.0, "spokesperson": 0.0, "prepositional": -0.5,
         "possessive": -0.5, "salience": 0.5, "gender_match": 1.5, "unshaped_name": -0.5}
# A score difference is, in this model, the log-odds that the better candidate rather than the other is meant.
# Under odds of 3:2 the two are taken as equally likely and the speaker is left unresolved.
MARGIN = round(math.log(3 / 2), 3)


def decisions(held_out: tuple[str, ...] = HELD_OUT) -> list[tuple[str, list[tuple[float, ...]], list[bool], list]]:
    """(group, features of each candidate, whether it is right, who it is (quotes._referent_key)) of every labelled ranking decision on the real-text dev
    part (less the held-out ids) and on the package's five articles (their labels in curated/gold/)."""
    labelled = realtext_set("dev", CURATED_DIR / "realtext")
    if labelled is None:
        raise SystemExit("The real-text dev texts are not all cached: run `python -m scripts.evaluation.realtext "
                         "check` and see curated/realtext/README.md to re-create the cache.")
    labelled.articles = {i: t for i, t in sorted(labelled.articles.items()) if not i.startswith(held_out)}
    lexicon = Lexicon.from_curated(CURATED_DIR)
    found = []
    for labelled_set, real in ((labelled, True), (package_set(), False)):
        if real:
            gold = [g for g in gold_rows(labelled_set, "quotes") if g["speaker_name"]]
        else:
            gold = [g for g in gold_rows(labelled_set, "quotes") if g["speaker_status"] == "resolved"]
        for source_id, text in sorted(labelled_set.articles.items()):
            mine = [g for g in gold if g["source_id"] == source_id]

            def labels(start: int, end: int, speakers) -> list[bool] | None:
                """Whether each candidate's speaker is the labelled speaker of the quotation at start:end."""
                g = next((g for g in mine if min(end, int(g["end"])) > max(start, int(g["start"]))), None)
                if g is None:
                    return None
                rows = [{"speaker_person_id": s.person_id, "speaker_organisation_id": s.organisation_id,
                         "speaker_name": s.name, "speaker_text": s.text} for s in speakers]
                return [_speaker_right(g, r) if real else shipped_speaker_right(g, r) for r in rows]

            def oracle(start: int, end: int, speakers) -> int | None:
                right = labels(start, end, speakers)
                return right.index(True) if right and any(right) else None

            article = quotes._Article(text, source_id, lexicon)
            article.recording, article.oracle = True, oracle
            for row in article.rows():
                decision = row.get("_decision")
                right = labels(row["start"], row["end"], decision["speakers"]) if decision else None
                if right is not None:
                    found.append((decision["group"], decision["features"], right, decision["same"]))
    return found


def pairs(found) -> np.ndarray:
    rows = [np.subtract(features[i], features[j]) for features, right, _ in found
            for i in range(len(right)) if right[i] for j in range(len(right)) if not right[j]]
    return np.array(rows, dtype=float).reshape(-1, len(FEATURES))


def fit(differences: np.ndarray, l2: float = L2, prior: np.ndarray | None = None) -> np.ndarray:
    """The weights minimising the pairwise logistic loss plus l2 / 2 * |w - prior|^2."""
    prior = np.zeros(differences.shape[1]) if prior is None else prior

    def loss(w):
        margins = differences @ w
        value = np.logaddexp(0.0, -margins).sum() + l2 / 2 * (w - prior) @ (w - prior)
        gradient = -(differences.T @ (1.0 / (1.0 + np.exp(margins)))) + l2 * (w - prior)
        return value, gradient
    result = minimize(loss, prior.copy(), jac=True, method="L-BFGS-B",
                      options={"maxiter": 10_000, "gtol": 1e-10})
    if not result.success:
        raise SystemExit(f"The fit did not converge: {result.message}")
    return result.x


def accuracy(found, ranking: Ranking) -> tuple[int, int]:
    """(right, unresolved) over the decisions."""
    right = unresolved = 0
    for features, labels, same in found:
        chosen, _ = ranking.choose(features, same)
        unresolved += chosen is None
        right += chosen is not None and labels[chosen]
    return right, unresolved


def options(argv: list[str]) -> argparse.Namespace:
    """The command line: --hold-out takes the prefixes up to the next option."""
    parser = argparse.ArgumentParser(prog="python -m scripts.evaluation.train_speaker_ranking")
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--hold-out", nargs="+", default=list(HELD_OUT), metavar="PREFIX")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = options(argv)
    held_out, l2 = tuple(args.hold_out), args.l2
    found = decisions(held_out)
    data = {"about": "Weights of scripts/extract/speaker_ranking.py, written by `python -m "
                     "scripts.evaluation.train_speaker_ranking`; do not edit by hand.",
            "held_out": list(held_out), "l2": l2, "prior": PRIOR, "groups": {}}
    for group in GROUPS:
        mine = [(f, r, same) for g, f, r, same in found if g == group]
        learnable = [(f, r) for f, r, _ in mine if any(r) and not all(r)]
        differences = pairs(mine)
        weights = tuple(float(w) for w in np.round(fit(differences, l2, np.array([PRIOR[f] for f in FEATURES])), 3))
        margin = MARGIN
        right, unresolved = accuracy(mine, Ranking(weights, margin))
        print(f"{group}: decisions labelled: {len(mine)} (with a right and a wrong candidate: {len(learnable)}; "
              f"no right candidate: {sum(1 for _, r, _ in mine if not any(r))}); pairs: {len(differences)}")
        print(f"  on those decisions: {right}/{len(mine)} right, {unresolved} unresolved, margin {margin}")
        for name, w in zip(FEATURES, weights):
            print(f"    {name:18} {w:+.3f}")
        data["groups"][group] = {
            "fit": {"decisions": len(mine), "pairs": len(differences), "right": right, "unresolved": unresolved},
            "weights": dict(zip(FEATURES, weights)), "margin": margin}
    if not args.dry_run:
        WEIGHTS_FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"written: {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
