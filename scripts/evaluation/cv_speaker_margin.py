"""Leave-one-batch-out cross-validation of the speaker ranking's margin (scripts/extract/speaker_ranking.py).

Usage: python -m scripts.evaluation.cv_speaker_margin

The ranking leaves 'he' or 'she' unresolved when the second-best candidate scores within the margin of the best.
Would a smaller (or larger) margin give more right speakers than wrong ones on copy the weights were not fitted on?
For each read batch of the real-text dev part (a batch: the two-letter prefix; realtext.UNREAD_DEV_PREFIXES are
never read), the ranking's weights are fitted as scripts/evaluation/train_speaker_ranking.py fits them on the other
batches and the package's five articles, and the batch's labelled decisions are scored at each margin of MARGINS:
right, wrong (a speaker other than the label's) and unresolved. The sums are printed against the file's margin: a
margin is worth adopting only when the right speakers it gains are clearly more (MIN_GAIN) and at least three times
the wrong ones it adds.
Nothing is written.
"""
from __future__ import annotations

import sys

import numpy as np

from scripts.evaluation import train_speaker_ranking as tsr
from scripts.evaluation.evaluate import realtext_set
from scripts.extract.speaker_ranking import FEATURES, Ranking
from scripts.paths import CURATED_DIR

MARGINS = (0.0, 0.1, 0.2, 0.3, tsr.MARGIN, 0.5, 0.7, 1.0)
GAIN_PER_WRONG = 3
MIN_GAIN = 3  # a clear gain: fewer right speakers than this over the twenty folds is one decision's noise


def batches() -> list[str]:
    labelled = realtext_set("dev", CURATED_DIR / "realtext")
    if labelled is None:
        raise SystemExit("The real-text dev texts are not all cached: run `python -m scripts.evaluation.realtext "
                         "check` and see curated/realtext/README.md to re-create the cache.")
    return sorted({i[:2] for i in labelled.articles if not i.startswith(tsr.HELD_OUT)})


def by_batch(groups: list[str]) -> tuple[dict[str, list], list]:
    """Each batch's labelled decisions of the person_pronoun group, and the package's."""
    everything = tuple(groups)
    package = [d for d in tsr.decisions(tsr.HELD_OUT + everything) if d[0] == "person_pronoun"]
    found = {}
    for batch in groups:
        mine = tsr.decisions(tsr.HELD_OUT + tuple(b for b in groups if b != batch))
        mine = mine[:len(mine) - len(tsr.decisions(tsr.HELD_OUT + everything))]  # the package's come last
        found[batch] = [d for d in mine if d[0] == "person_pronoun"]
    return found, package


def score(decisions: list, ranking: Ranking) -> dict[str, int]:
    counts = {"decisions": len(decisions), "right": 0, "wrong": 0, "unresolved": 0}
    for _, features, labels, same in decisions:
        chosen, _ = ranking.choose(features, same)
        counts["unresolved" if chosen is None else "right" if labels[chosen] else "wrong"] += 1
    return counts


def main(argv: list[str]) -> int:
    groups = batches()
    found, package = by_batch(groups)
    prior = np.array([tsr.PRIOR[f] for f in FEATURES])
    total = {m: {"decisions": 0, "right": 0, "wrong": 0, "unresolved": 0} for m in MARGINS}
    print(f"| left-out batch | decisions | right / wrong / unresolved at the file's margin {tsr.MARGIN} | "
          f"at the best other margin |")
    print("|---|---|---|---|")
    for batch in groups:
        training = [(f, r, s) for b, decisions in found.items() if b != batch for _, f, r, s in decisions] + \
            [(f, r, s) for _, f, r, s in package]
        weights = tuple(float(w) for w in np.round(tsr.fit(tsr.pairs(training), tsr.L2, prior), 3))
        row = {}
        for margin in MARGINS:
            counts = score(found[batch], Ranking(weights, margin))
            row[margin] = counts
            for key, value in counts.items():
                total[margin][key] += value
        now = row[tsr.MARGIN]
        print(f"| {batch} | {now['decisions']} | {now['right']} / {now['wrong']} / {now['unresolved']} | "
              + ", ".join(f"{m}: {row[m]['right']}/{row[m]['wrong']}/{row[m]['unresolved']}"
                          for m in MARGINS if m != tsr.MARGIN and row[m] != now) + " |")
    base = total[tsr.MARGIN]
    print("\nCV sums (right / wrong / unresolved) and the change against the file's margin:")
    adopt = None
    for margin in MARGINS:
        t = total[margin]
        gained, added = t["right"] - base["right"], t["wrong"] - base["wrong"]
        worth = gained >= MIN_GAIN and gained >= GAIN_PER_WRONG * max(added, 0)
        print(f"  margin {margin}: {t['right']} / {t['wrong']} / {t['unresolved']} of {t['decisions']}; right "
              f"{gained:+d}, wrong {added:+d}{'  <- gains under the rule' if worth else ''}")
        if worth and (adopt is None or gained - GAIN_PER_WRONG * added >
                      (total[adopt]["right"] - base["right"]) - GAIN_PER_WRONG * (total[adopt]["wrong"] - base["wrong"])):
            adopt = margin
    print(f"\nverdict: {'a margin of ' + str(adopt) + ' gains under the rule' if adopt is not None else 'keep the margin'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
