"""Off-the-shelf baselines scored side by side with our extractors on the same labelled data.

Usage: python -m scripts.evaluation.baselines
- figures: quantulum3 0.10 (run WITHOUT its classifier extra: scikit-learn is not installed, so quantulum3
  warns once and skips unit disambiguation; its bundled classifier breaks with current scikit-learn). Its
  quantities become (span, value, unit) rows, its units mapped to our closed vocabulary; quantities in
  any other unit are dropped. It has no hedge, range or measure, so those are left empty.
- dates: dateparser 1.5, given each labelled date expression alone with RELATIVE_BASE = publication date,
  once with PREFER_DATES_FROM='past' and once with 'future'. Ours: resolve(expression, sentence, published),
  and extract_dates() over the whole article (which must also find the expression).
- quotes: a plain baseline: the text between matching double quotation marks (straight or curly), speaker =
  the curated alias or capitalised name nearest to a 'said'-like verb in the same sentence.
Scoring is scripts/evaluation/evaluate.py's; a date is right when it equals the labelled date (for precision 'week',
when it falls in the labelled week).
"""
from __future__ import annotations

import datetime as dt
import re
import sys
import warnings
from dataclasses import dataclass

from scripts.evaluation.evaluate import (LabelledSet, Score, _predict, gold_rows, is_relative_day_or_week, labelled_sets,
                              overlap_matches, score_figures, score_quotes, score_real_quotes)
from scripts.extract.dates import extract_dates, resolve
from scripts.extract.lexicon import Lexicon
from scripts.extract.text import enclosing, paragraphs, sentences

# ---- figures: quantulum3 ----------------------------------------------------------------------------------

# quantulum3 unit name -> our unit (schemas/figures.schema.json); anything else is not a figure we keep.
QUANTULUM_UNITS = {
    "percentage": "percent", "pound sterling": "gbp", "dimensionless": "count",
    "hour": "hours", "day": "days", "week": "weeks", "month": "months", "year": "years",
}


def quantulum_figures(text: str, source_id: str) -> list[dict]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Classifier dependencies not installed": deliberate, see above
        from quantulum3 import parser
        quantities = parser.parse(text)
    rows = []
    for q in quantities:
        unit = QUANTULUM_UNITS.get(q.unit.name)
        start, end = q.span
        if unit is None or text[start:end] != q.surface:
            continue  # a unit outside our vocabulary, or a span quantulum3 rewrote
        rows.append({"source_id": source_id, "text": q.surface, "start": start, "end": end, "value": q.value,
                     "value_high": None, "unit": unit, "hedge": "none", "measure_id": None})
    return rows


# ---- quotes: marks plus the nearest name to a 'said'-like verb --------------------------------------------

_QUOTED = re.compile(r'"([^"\n]+)"|“([^”\n]+)”')
_SAID = re.compile(r"\b(?:said|says|say|told|added|adds|tweeted|wrote|writes|warned|explained|stated|claimed|"
                   r"insisted|argued|according to)\b")
_CAPITALISED_NAME = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*")


def plain_quotes(text: str, source_id: str, lexicon: Lexicon) -> list[dict]:
    sentence_spans = sentences(text)
    rows = []
    for m in _QUOTED.finditer(text):
        group = 1 if m.group(1) is not None else 2
        start, end = m.start(group), m.end(group)
        first = enclosing(sentence_spans, m.start()) or enclosing(paragraphs(text), m.start())
        last = enclosing(sentence_spans, m.end() - 1) or first
        speaker = _speaker(text, first.start, last.end, m.start(), m.end(), lexicon)
        row = {"source_id": source_id, "text": text[start:end], "start": start, "end": end,
               "speaker_text": None, "speaker_person_id": None, "speaker_organisation_id": None}
        if speaker is not None:
            row["speaker_text"] = speaker.group() if isinstance(speaker, re.Match) else speaker.text
            alias = speaker.alias if not isinstance(speaker, re.Match) else next(
                (a.alias for a in lexicon.resolve(speaker.group())), None)
            if alias is not None:
                row["speaker_organisation_id"] = alias.organisation_id
                if alias.entity_kind == "person":
                    row["speaker_person_id"] = alias.entity_id
        rows.append(row)
    return rows


def _speaker(text: str, start: int, end: int, quote_start: int, quote_end: int, lexicon: Lexicon):
    """The alias (or else capitalised name) outside the quotation nearest to a 'said'-like verb in text[start:end]."""
    outside = [(start, quote_start), (quote_end, end)]
    verbs = [v for a, b in outside for v in _SAID.finditer(text, a, b)]
    if not verbs:
        return None
    names = [n for a, b in outside for n in lexicon.find(text, a, b)]
    names = names or [n for a, b in outside for n in _CAPITALISED_NAME.finditer(text, a, b)
                      if not _opens_sentence_only(text, n)]
    distance = lambda n, v: max(n.start(), v.start()) - min(n.end(), v.end()) if isinstance(n, re.Match) \
        else max(n.start, v.start()) - min(n.end, v.end())
    pairs = [(distance(n, v), i) for v in verbs for i, n in enumerate(names)]
    return names[min(pairs)[1]] if pairs else None


def _opens_sentence_only(text: str, name: re.Match) -> bool:
    """A single capitalised function word opening a sentence ('The', 'But') is not a name."""
    return " " not in name.group() and name.group().lower() in {"the", "but", "and", "he", "she", "it", "they",
                                                                  "we", "i", "this", "that", "in", "a", "an"}


# ---- dates: dateparser ------------------------------------------------------------------------------------

def dateparser_date(expression: str, published: dt.date, prefer: str) -> dt.date | None:
    import dateparser
    base = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(expression, languages=["en"],
                              settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer})
    return parsed.date() if parsed else None


def same_date(resolved: dt.date | None, expected: dt.date, precision: str) -> bool:
    if resolved is None:
        return False
    if precision == "week":
        return resolved.isocalendar()[:2] == expected.isocalendar()[:2]
    return resolved == expected


@dataclass(frozen=True)
class DateCase:
    source_id: str
    expression: str       # the labelled words
    sentence: str         # the sentence they stand in (our resolver reads its tense)
    published: dt.date
    expected: dt.date
    precision: str


# The relative dates of the issue: (sentence, expression, published, expected, precision).
ISSUE_EXAMPLES = [
    DateCase("issue", "on Friday night", "tweeted on Friday night", dt.date(2023, 3, 11), dt.date(2023, 3, 10), "day"),
    DateCase("issue", "on Monday", "due to walk out on Monday", dt.date(2023, 3, 11), dt.date(2023, 3, 13), "day"),
    DateCase("issue", "yesterday", "yesterday", dt.date(2023, 3, 11), dt.date(2023, 3, 10), "day"),
    DateCase("issue", "next week", "next week", dt.date(2023, 3, 10), dt.date(2023, 3, 13), "week"),
    DateCase("issue", "in just 10 days’ time", "in just 10 days’ time", dt.date(2023, 3, 3), dt.date(2023, 3, 13),
             "day"),
    DateCase("issue", "tomorrow at 10am", "tomorrow at 10am", dt.date(2023, 3, 2), dt.date(2023, 3, 3), "day"),
    DateCase("issue", "on Friday", "did not attend talks on Friday", dt.date(2023, 3, 11), dt.date(2023, 3, 10), "day"),
]


def labelled_date_cases(labelled: LabelledSet) -> list[DateCase]:
    cases = []
    for row in gold_rows(labelled, "dates"):
        text = labelled.articles[row["source_id"]]
        start, end = int(row["start"]), int(row["end"])
        sentence = enclosing(sentences(text), start) or enclosing(paragraphs(text), start)
        cases.append(DateCase(row["source_id"], text[start:end], text[sentence.start:max(sentence.end, end)],
                              labelled.published[row["source_id"]], dt.date.fromisoformat(row["resolved_date"]),
                              row["precision"]))
    return cases


def our_resolved_date(case: DateCase) -> dt.date | None:
    try:
        return resolve(case.expression, case.sentence, case.published)[0]
    except ValueError:
        return None


DATE_METHODS = {
    "ours: resolve(expression, sentence)": our_resolved_date,
    "dateparser, PREFER_DATES_FROM=past": lambda c: dateparser_date(c.expression, c.published, "past"),
    "dateparser, PREFER_DATES_FROM=future": lambda c: dateparser_date(c.expression, c.published, "future"),
}


def date_accuracy(cases: list[DateCase], method) -> Score:
    right = sum(same_date(method(c), c.expected, c.precision) for c in cases)
    return Score(right, len(cases), len(cases))


def extracted_date_scores(labelled: LabelledSet) -> dict[str, Score]:
    """Ours end to end: extract_dates over each article, relative expressions of day or week precision only
    (as the labels define them); a labelled expression is found when a predicted one overlaps it."""
    gold = gold_rows(labelled, "dates")
    predicted = [row for source_id, text in sorted(labelled.articles.items())
                 for row in extract_dates(text, source_id, labelled.published[source_id])
                 if is_relative_day_or_week(row)]
    found = overlap_matches(gold, predicted)
    right = sum(same_date(p["resolved_date"], dt.date.fromisoformat(g["resolved_date"]), g["precision"])
                for g, p in found)
    return {"relative date spans, overlapping": Score(len(found), len(predicted), len(gold)),
            "relative dates: overlapping span, resolved date right": Score(right, len(predicted), len(gold))}


# ---- the comparison -----------------------------------------------------------------------------------------

@dataclass
class Row:
    labelled_set: str
    measure: str
    baseline: str
    ours: Score | None
    theirs: Score | None


def compare(labelled: LabelledSet, lexicon: Lexicon) -> list[Row]:
    rows: list[Row] = []
    for table, scorer, name, baseline in (
            ("quotes", score_real_quotes if labelled.real_text else score_quotes, "marks + nearest name to 'said'",
             lambda text, sid: plain_quotes(text, sid, lexicon)),
            ("figures", score_figures, "quantulum3 (no classifier)", quantulum_figures)):
        gold = gold_rows(labelled, table)
        if not gold:
            continue
        ours = scorer(gold, _predict(table, labelled, lexicon))
        theirs = scorer(gold, [r for sid, text in sorted(labelled.articles.items()) for r in baseline(text, sid)])
        rows += [Row(labelled.name, measure, name, score, theirs.get(measure)) for measure, score in ours.items()]
    cases = labelled_date_cases(labelled)
    if cases:
        ours = date_accuracy(cases, our_resolved_date)
        for method_name, method in DATE_METHODS.items():
            if method is not our_resolved_date:
                rows.append(Row(labelled.name, "relative date given the labelled expression (accuracy)",
                                method_name, ours, date_accuracy(cases, method)))
        rows += [Row(labelled.name, measure, "(none: dateparser gives no offsets)", score, None)
                 for measure, score in extracted_date_scores(labelled).items()]
    return rows


def issue_rows() -> list[Row]:
    ours = date_accuracy(ISSUE_EXAMPLES, our_resolved_date)
    return [Row(f"issue examples ({len(ISSUE_EXAMPLES)} relative dates)", "relative date (accuracy)", name, ours,
                date_accuracy(ISSUE_EXAMPLES, method))
            for name, method in DATE_METHODS.items() if method is not our_resolved_date]


def all_rows(lexicon: Lexicon | None = None) -> list[Row]:
    lexicon = lexicon or Lexicon.from_curated()
    return [row for s in labelled_sets() for row in compare(s, lexicon)] + issue_rows()


def _cells(score: Score | None) -> str:
    if score is None:
        return "| | | | "
    return (f"| {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} | "
            f"{score.true_positives} / {score.predicted} / {score.expected} ")


def markdown(rows: list[Row]) -> str:
    lines = ["| labelled set | measure | baseline | ours P | ours R | ours F1 | ours right / pred / exp "
             "| baseline P | baseline R | baseline F1 | baseline right / pred / exp |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    lines += [f"| {r.labelled_set} | {r.measure} | {r.baseline} {_cells(r.ours)}{_cells(r.theirs)}|" for r in rows]
    return "\n".join(lines) + "\n"


def issue_examples_markdown() -> str:
    lines = ["| sentence | published | expected | " + " | ".join(DATE_METHODS) + " |",
             "|---|---|---|" + "---|" * len(DATE_METHODS)]
    for c in ISSUE_EXAMPLES:
        cells = []
        for method in DATE_METHODS.values():
            got = method(c)
            cells.append(f"{got or '—'} {'✓' if same_date(got, c.expected, c.precision) else '✗'}")
        expected = f"week of {c.expected}" if c.precision == "week" else str(c.expected)
        lines.append(f"| {c.sentence} | {c.published} | {expected} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    print(markdown(all_rows()))
    print(issue_examples_markdown(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
