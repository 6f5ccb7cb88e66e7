"""Choosing the referent of a pronoun by score, not by a chain of first-match rules.

Where a speaker is given as 'he' or 'she', scripts/extract/quotes.py enumerates the candidates the text offers
before the attribution (earlier speakers, the subjects of the sentences before, the people named, a person-shaped
name heading the sentence before; people the text gave the other gender are left out) and describes each one by
FEATURES, numbers read from the text's shape alone: how far back it was last named, whether it is the most recent
candidate, spoke last or at all, headed a sentence (one with a verb of saying, the one just before), sits in a
prepositional phrase or a possessive, how often it was named, whether the text gave it the pronoun's gender. A
candidate's score is the dot product of its features with the weights in speaker_ranking.json (beside this module);
the best one is the referent, unless the second best scores within the file's margin of it (or as high): then the
speaker is left unresolved rather than guessed.

The weights are fitted on labelled text by `python -m scripts.evaluation.train_speaker_ranking` (a pairwise
logistic ranking: for each decision, the right candidate against each wrong one), which rewrites
speaker_ranking.json (read by weights_file.py); applying them needs no numerical library. The file
is part of the extraction cache's key (scripts/extract/cache.py): other weights, other rows.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from scripts.extract.weights_file import all_finite, feature_values, read_json

WEIGHTS_FILE = Path(__file__).with_name("speaker_ranking.json")

# Every feature is 0 or 1, or a fraction between them; the order is the weights' order in the file.
FEATURES = (
    "sentences_back",       # sentences between the candidate's last mention and the attribution's sentence, /8
    "paragraphs_back",      # paragraphs between them, /4
    "same_sentence",        # named earlier in the attribution's own sentence
    "most_recent",          # named (or spoke) after every other candidate
    "after_last_speaker",   # named after the last speaker spoke (and is not that speaker)
    "last_speaker",         # the speaker of the most recent attributed quotation
    "earlier_speaker",      # spoke before (any attributed quotation in the window)
    "last_to_speak",        # of the candidates that spoke or headed a sentence with a verb of saying, the latest
    "subject",              # heads a sentence in the window (subject of its verb)
    "previous_subject",     # heads the sentence just before the attribution's
    "saying_subject",       # heads a sentence with a verb of saying
    "previous_saying",      # heads the sentence just before with a verb of saying ('X said that ...')
    "spokesperson",         # a body whose spokeswoman or spokesman spoke ('she' may stand for the body)
    "prepositional",        # last named after a preposition ('talks with X', 'a letter to X')
    "possessive",           # last named with a possessive ("X's offer")
    "salience",             # mentions before the attribution, /8 (at most 1)
    "gender_match",         # the text gave the candidate the pronoun's gender (a title, a pronoun used of them)
    "unshaped_name",        # a name no title, role or appositive made a person's (a weaker candidate)
)


class RankingError(ValueError):
    """The weights file cannot be used; the message names it and says what to do."""


# The kinds of decision ranked, each with weights of its own: so far what 'he' or 'she' stands for. (Fitted on the
# same labels, weights for 'it', 'they' and 'the union' fell below the rule chain they would replace, which stays.)
GROUPS = ("person_pronoun",)


@dataclass(frozen=True)
class Ranking:
    weights: tuple[float, ...]
    margin: float

    def score(self, features: tuple[float, ...]) -> float:
        return math.fsum(w * f for w, f in zip(self.weights, features))

    def choose(self, features: list[tuple[float, ...]], same: list | None = None) -> tuple[int | None, list[float]]:
        """The index of the best-scoring candidate, or None when there is none or the second best scores within
        the margin of it, or as high (two equally likely referents); and every candidate's score. Candidates with
        equal `same` keys (two ways the text points at one referent) are one: only the best of them competes."""
        scores = [self.score(f) for f in features]
        if not scores:
            return None, scores
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        if same is not None:
            seen: set = set()
            order = [i for i in order if not (same[i] in seen or seen.add(same[i]))]
        if len(order) > 1 and scores[order[0]] - scores[order[1]] <= self.margin:
            return None, scores
        return order[0], scores


def load_ranking(path: Path | str | None = None) -> dict[str, Ranking]:
    """The ranking of each of GROUPS, from the weights file (default: WEIGHTS_FILE)."""
    path = Path(path) if path is not None else WEIGHTS_FILE
    fix = "re-create it with `python -m scripts.evaluation.train_speaker_ranking` (or restore it from git)"
    data = read_json(path, RankingError, fix)
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, dict) or set(groups) != set(GROUPS):
        raise RankingError(f"{path}: 'groups' must give exactly {list(GROUPS)}; {fix}")
    rankings = {}
    for group in GROUPS:
        weights = groups[group].get("weights") if isinstance(groups[group], dict) else None
        values = feature_values(weights, FEATURES, RankingError, f"{path}: group {group!r}: ", fix)
        margin = groups[group].get("margin")
        if not all_finite(values + [margin]) or margin < 0:
            raise RankingError(f"{path}: group {group!r}: every weight and 'margin' must be a finite number, the "
                               f"margin >= 0; {fix}")
        rankings[group] = Ranking(tuple(float(v) for v in values), float(margin))
    return rankings


RANKING = load_ranking()
