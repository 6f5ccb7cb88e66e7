"""A learned decision for the quotations the attribution rules leave without a speaker (issue 8).

scripts/extract/quotes.py finds a quotation's speaker by rules; a quotation with no attribution of its own takes the
last speaker only in a few shapes (a paragraph that goes on with one left open, a sentence right after the last
quotation's, a whole quoted paragraph after one aside). This module decides, for a row the rules leave speakerless
whose quotation is a paragraph of its own, between the CANDIDATES the text offers before it -- the speakers of the
earlier quotations (most recent first, a few paragraphs back) and the people or bodies heading a sentence with a
verb of saying in the paragraph before -- and "no one". Each candidate is described by FEATURES read from the
text's shape alone (how far back, whether it spoke the quotation just before, whether the one before was left open,
another kind of mark, someone else named or a paragraph of narration between, where the quotation stands, how long
it is); its probability of being the speaker is a logistic of the dot product with the weights in
attribution_model.json (beside this module). The best candidate is taken when that probability reaches the file's
threshold (and the paragraphs that go on with its quotation take the same one); otherwise the row keeps no speaker.

The weights and the threshold are fitted on labelled text by `python -m scripts.evaluation.train_attribution`,
which also prints the leave-one-batch-out cross-validation that chooses the threshold. quotes.py calls this module
only when the file's threshold is below 1.0, which the script writes only with --adopt, after the held-out dev
batches showed a gain (at the ninth session: no row changed on 36 unread articles, 2 speakers more and none wrong on
18 others).
Nothing here names a person, a body or an outlet, and applying the weights needs no numerical library.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from pathlib import Path

from scripts.extract.weights_file import all_finite, feature_values, read_json

WEIGHTS_FILE = Path(__file__).with_name("attribution_model.json")

# Every feature is 0 or 1, or a fraction between them; the order is the weights' order in the file.
FEATURES = (
    "bias",                  # 1 for every candidate
    "paragraphs_back",       # paragraphs between the candidate's last speech or naming and the quotation, /4
    "sentences_back",        # sentences between them, /8
    "last_speaker",          # spoke the quotation just before this one
    "earlier_speaker",       # spoke an earlier quotation (any, in the window)
    "saying_subject",        # heads a sentence with a verb of saying in this paragraph or the one before
    "whole_paragraph",       # the quotation is its paragraph (the only ones decided; in training, not all are)
    "opens_paragraph",       # the quotation opens its paragraph
    "previous_unclosed",     # the quotation before was left open at the end of its paragraph
    "other_style",           # single marks after double ones, or the other way round
    "other_named_between",   # someone else named (outside marks) between the candidate's turn and the quotation
    "narration_between",     # a paragraph without a quotation between the quotation before and this one
    "early",                 # in the first two paragraphs, or right after a headline-like line
    "length",                # words in the quotation, /40 (at most 1)
)

PARAGRAPHS_BACK = 4  # candidates spoke or were named in the quotation's paragraph or the four before
MAX_SPEAKERS = 3     # at most this many earlier speakers, most recent first


class AttributionError(ValueError):
    """The weights file cannot be used; the message names it and says what to do."""


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]
    threshold: float  # the probability the best candidate needs to be taken

    def probability(self, features: tuple[float, ...]) -> float:
        score = math.fsum(w * f for w, f in zip(self.weights, features))
        return 1.0 / (1.0 + math.exp(-score)) if score > -700 else 0.0

    def choose(self, features: list[tuple[float, ...]]) -> int | None:
        """The index of the most probable candidate when it reaches the threshold, else None (no one)."""
        best, best_p = None, -1.0
        for i, f in enumerate(features):
            p = self.probability(f)
            if p > best_p:
                best, best_p = i, p
        return best if best is not None and best_p >= self.threshold else None


def load_model(path: Path | str | None = None) -> Model:
    path = Path(path) if path is not None else WEIGHTS_FILE
    fix = "re-create it with `python -m scripts.evaluation.train_attribution` (or restore it from git)"
    data = read_json(path, AttributionError, fix)
    weights = data.get("weights") if isinstance(data, dict) else None
    values = feature_values(weights, FEATURES, AttributionError, f"{path}: ", fix) + [data.get("threshold")]
    if not all_finite(values) or not 0 <= data["threshold"] <= 1:
        raise AttributionError(f"{path}: every weight must be a finite number and 'threshold' one between 0 and 1; "
                               f"{fix}")
    return Model(tuple(float(v) for v in values[:-1]), float(data["threshold"]))


# ---- candidates and features --------------------------------------------------------------------------------

@dataclass
class Candidate:
    """Someone a speakerless quotation may be the words of, and the speaker fields it would get."""
    key: object
    speaker: dict            # speaker_text, speaker_name, speaker_person_id, speaker_organisation_id, speaker_status
    position: int            # where it last spoke or was named before the quotation
    last_speaker: bool = False
    earlier_speaker: bool = False
    saying_subject: bool = False


_SPEAKER_COLUMNS = ("speaker_text", "speaker_name", "speaker_person_id", "speaker_organisation_id", "speaker_status")


def speakerless(row: dict) -> bool:
    """A row the rules leave with no speaker and no attribution at all (one they found and could not resolve, 'a
    spokesperson said', names someone of its own: it is left as it is)."""
    return not row["speaker_name"] and not row["speaker_text"] and not row["continues_previous"]


def _key(person_id, organisation_id, name):
    if person_id:
        return "person", person_id
    if organisation_id:
        return "organisation", organisation_id
    return "name", " ".join((name or "").lower().split())


def candidates(article, rows: list[dict], index: int, quote) -> list[Candidate]:
    """The candidates of rows[index] (a speakerless row whose quotation is quote): earlier speakers, most recent
    first, and the subjects of sentences with a verb of saying in its paragraph or the one before."""
    from scripts.extract import quotes as q  # quotes.py imports this module: its helpers are read at call time
    floor_paragraph = max(0, quote.paragraph - PARAGRAPHS_BACK)
    floor = article.paragraphs[floor_paragraph].start
    found: dict = {}
    order: list = []
    last = rows[index - 1] if index else None
    for earlier in range(index - 1, -1, -1):  # back to the window's floor only: no scan of the whole text
        row = rows[earlier]
        if row["start"] < floor or len(order) >= MAX_SPEAKERS:
            break
        if not row["speaker_name"]:
            continue
        key = _key(row["speaker_person_id"], row["speaker_organisation_id"], row["speaker_name"])
        if key not in found:
            found[key] = Candidate(key, {c: row[c] for c in _SPEAKER_COLUMNS}, row["start"],
                                   last_speaker=row is last, earlier_speaker=True)
            order.append(key)
    start_paragraph = max(0, quote.paragraph - 1)
    first = bisect.bisect_left(article._sentence_starts, article.paragraphs[start_paragraph].start)
    own = bisect.bisect_right(article._sentence_starts, quote.start) - 1
    for sentence_index in range(own, first - 1, -1):
        sentence = article.sentences[sentence_index]
        if sentence.start >= quote.start or not any(q._saying(w.group())
                                                    for w in q._WORD.finditer(article.masked, sentence.start,
                                                                              sentence.end)):
            continue  # (a word scan first: finding a sentence's subject costs more)
        entity = article._subject_entity(sentence_index)
        if entity is None or entity.position >= quote.start:
            continue
        saying = any(q._saying(w.group()) for w in q._WORD.finditer(article.masked, entity.position, sentence.end))
        if not saying:
            continue
        speaker = article._carried_speaker(article.text[entity.position:entity.position + 1], entity,
                                           "continuation", None, None)
        if not speaker.name:
            continue
        key = _key(speaker.person_id, speaker.organisation_id, speaker.name)
        candidate = found.get(key)
        if candidate is None:
            found[key] = Candidate(key, {"speaker_text": speaker.name, "speaker_name": speaker.name,
                                         "speaker_person_id": speaker.person_id,
                                         "speaker_organisation_id": speaker.organisation_id,
                                         "speaker_status": speaker.status}, entity.position, saying_subject=True)
            order.append(key)
        else:
            candidate.saying_subject = True
            candidate.position = max(candidate.position, entity.position)
    return [found[key] for key in order]


def features(article, quote, previous_quote, candidate: Candidate, with_quotes: set[int]) -> tuple[float, ...]:
    """FEATURES of one candidate of the quotation quote, in that order (with_quotes: the indexes of the paragraphs
    that hold a quotation)."""
    from scripts.extract import quotes as q
    paragraph = article.paragraphs[quote.paragraph]
    opens = not q._BULLET.sub("", article.masked[paragraph.start:quote.open]).strip()
    candidate_paragraph = bisect.bisect_right(article._paragraph_starts, candidate.position) - 1
    own = bisect.bisect_right(article._sentence_starts, quote.start) - 1
    at = bisect.bisect_right(article._sentence_starts, candidate.position) - 1
    between_start = candidate.position
    others = [m for m in article.names.within(between_start, quote.open)
              if article.masked[m.start] != q._MASK and m.referent is not None
              and _key(m.referent.person_id, m.referent.organisation_id, m.referent.name) != candidate.key
              and m.referent.name != candidate.speaker["speaker_name"]]
    narration = False
    if previous_quote is not None:
        narration = any(i not in with_quotes and article.text[article.paragraphs[i].start:
                                                              article.paragraphs[i].end].strip()
                        for i in range(previous_quote.paragraph + 1, quote.paragraph))
    early = quote.paragraph < 2 or article._headline(quote.paragraph - 1)
    words = len(article.text[quote.start:quote.end].split())
    return (
        1.0,
        min(quote.paragraph - candidate_paragraph, PARAGRAPHS_BACK) / PARAGRAPHS_BACK,
        min(own - at, 8) / 8,
        float(candidate.last_speaker),
        float(candidate.earlier_speaker),
        float(candidate.saying_subject),
        float(whole_paragraph(article, quote)),
        float(opens),
        float(previous_quote is not None and previous_quote.close is None),
        float(previous_quote is not None and previous_quote.single != quote.single),
        float(bool(others)),
        float(narration),
        float(early),
        min(words, 40) / 40,
    )


def whole_paragraph(article, quote) -> bool:
    """The quotation is its paragraph (nothing but a list's bullet before it, nothing but punctuation after it) and
    a whole utterance: its words end a sentence (one left open mid-sentence is a cut excerpt, as the rules hold)."""
    from scripts.extract import quotes as q
    paragraph = article.paragraphs[quote.paragraph]
    before = article.masked[paragraph.start:quote.open]
    after = article.masked[quote.close if quote.close is not None else quote.end:paragraph.end]
    words = article.text[quote.start:quote.close if quote.close is not None else quote.end].rstrip()
    return not q._BULLET.sub("", before).strip() and not after.strip(_PUNCTUATION) \
        and bool(q._SENTENCE_FINAL.search(words))


_PUNCTUATION = " .,;:!?\u2026\t\n\"'\u201c\u201d\u2018\u2019"


def decisions(article, rows: list[dict], which=speakerless, whole_only: bool = True):
    """For every row that `which` selects and whose quotation is a paragraph of its own (whole_paragraph; any
    quotation when not whole_only, as the training script reads them): (index, its candidates, their features), in
    the rows' order. Rows are matched to the article's quotations by start. (A quotation sharing its paragraph with
    narration is left to the rules: on the read batches few of those have a speaker before them to find.)"""
    by_start = {quote.start: quote for quote in article.quotes}
    with_quotes = {quote.paragraph for quote in article.quotes}
    previous = None
    for index, row in enumerate(rows):
        quote = by_start.get(row["start"])
        if quote is None:
            continue
        if which(row) and (not whole_only or whole_paragraph(article, quote)):
            found = candidates(article, rows, index, quote)
            yield index, found, [features(article, quote, previous, c, with_quotes) for c in found]
        previous = quote


def fill(article, rows: list[dict], model: Model | None = None) -> None:
    """Give each speakerless row the speaker the model chooses, if any (speaker_method 'continuation'), and the rows
    that go on with its quotation (continues_previous, no speaker of their own) the same one, as the rules give a
    quotation's continuation its speaker. A row filled is an earlier speaker for the rows after it."""
    model = model or MODEL
    if not any(speakerless(row) for row in rows):
        return  # (most articles: nothing to decide, nothing to index)
    for index, found, feats in decisions(article, rows):
        chosen = model.choose(feats)
        if chosen is None:
            continue
        for row in _with_its_continuation(rows, index):
            row.update(found[chosen].speaker)
            row["speaker_method"] = "continuation"


def _with_its_continuation(rows: list[dict], index: int) -> list[dict]:
    """rows[index] and the rows right after it that continue its quotation and have no speaker of their own."""
    chain = [rows[index]]
    for row in rows[index + 1:]:
        if not row["continues_previous"] or row["speaker_name"] or row["speaker_text"]:
            break
        chain.append(row)
    return chain


MODEL = load_model() if WEIGHTS_FILE.exists() else None
