"""Where the misses are: every miss of a labelled set put in one category computed from the rows, counted.

Usage: python -m scripts.evaluation.evaluate --categories [--ids PREFIX...] [--blind]

The scores say how many quotes, speakers, mentions and figures are wrong; this module says what kind of wrong,
so that a set nobody may read (the real-text blind part, a held-out batch) can be diagnosed by counts alone. The
output is aggregates only: category names and counts, never a text, a name or a row of the set scored.

Each miss is counted exactly once, against the same matching the scores use (scripts/evaluation/evaluate.py), so
the categories of a table add up to its misses:
- speakers: every attributed gold quote whose speaker is not right. First the prediction (`quote not found`, `no
  speaker given`, `speaker text kept as the name`), then how the predicted speaker relates to the right one (the
  same person or body under another name form, one of a joint pair, the other kind of speaker, another person or
  body named in the article, one the labels do not name); each miss also by the gold `speaker_method` and by how
  far before the quote the right speaker was last mentioned (from the gold mentions).
- quote spans (a quote is found when a predicted span overlaps it): merged with another quote, or missed or
  spurious by length, also by the quotation mark before the span.
- person and organisation mentions: false negatives and false positives by how the nearest row of the other side
  differs (boundary, id, kind) or, with no overlap at all, by the shape of the span.
- figures (value and unit over overlapping spans): value or unit wrong, with the same span or another one, and
  missed or spurious figures by shape (money, percent, digits, words).
Category names are fixed strings of this module; nothing of an article is printed.
"""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from scripts.evaluation.evaluate import (LabelledSet, _is_person_candidate, _predict, _same, _same_number,
                                         _speaker_right, gold_rows, normalised_name, overlap_matches,
                                         real_mention_key, shipped_speaker_right)
from scripts.extract.lexicon import Lexicon
from scripts.package.tableschema import load_schema
from scripts.paths import CURATED_DIR

# Generic nouns that head an organisation's or outlet's name, for the span-shape categories: kept apart from the
# extractors' own head words (scripts/extract/mentions.py) so that the categories do not move when those do. No
# names, and no newspaper nameplate words (curated/vocabulary/name_words.csv holds those).
ORGANISATION_HEAD_WORDS = frozenset("""
    association confederation federation union congress trust council society institute institution foundation fund
    authority agency commission board committee college university department ministry office government party
    service services body providers employers alliance coalition corporation parliament assembly senate executive
    network group forum partnership regulator hospital hospitals infirmary news journal radio tv press magazine
    media
""".split())
_FUNCTION_WORDS = frozenset("of and for the in on at to & de da du la le von van y".split())
_PRONOUNS = frozenset("he she they it we i you him her them us his hers its their theirs our ours".split())
_DETERMINERS = frozenset("the a an this that these those his her its their our my your one another".split())

SPEAKER_CATEGORIES = (
    "quote not found",
    "no speaker given: no attribution found",
    "no speaker given: attribution left unresolved",
    "speaker text kept as the name (pronoun or description)",
    "right person, other name form (words of one name within the other)",
    "right organisation, other name form",
    "parent or part of the right organisation",
    "one of a joint pair",
    "person for organisation",
    "organisation for person",
    "another person named in the article",
    "another person, not among the labelled mentions",
    "another organisation named in the article",
    "another organisation, not among the labelled mentions",
)
# The methods a report may name: the schema's closed vocabulary; any other label value is printed as '(other)', so
# that no free text of a label can reach the output.
SPEAKER_METHODS = tuple(load_schema("quotes").enum("speaker_method") or ())
DISTANCES = (
    "same sentence",
    "previous sentence",
    "same paragraph, earlier sentence",
    "earlier paragraph",
    "only after the quote",
    "no labelled mention",
)
MENTION_SHAPES = ("acronym", "one capitalised word", "starts with The", "contains lower-case words",
                  "multi-word with an organisational head word", "multi-word other")
MENTION_CATEGORIES = ("boundary", "id differs: candidate for a curated one", "id differs: curated for a candidate",
                      "id differs: another curated id", "kind differs", "boundary and kind differ",
                      "duplicate of a right mention",
                      *(f"no overlap (missed entirely / spurious): {shape}" for shape in MENTION_SHAPES))
QUOTE_LENGTHS = ("one or two words", "three to nine words", "ten words or more")
QUOTE_CATEGORIES = ("overlaps a quote matched to another row",
                    *(f"no overlap (missed / spurious): {length}" for length in QUOTE_LENGTHS))
QUOTE_MARKS = {"\u201c": "double curly", '"': "double straight", "\u2018": "single curly", "'": "single straight",
               "\u2019": "single curly"}
FIGURE_SHAPES = ("money", "percent", "digits", "words")
FIGURE_CATEGORIES = ("value wrong, same span", "value wrong, other span", "unit wrong, same span",
                     "unit wrong, other span", "value and unit wrong", "overlaps a figure matched to another row",
                     *(f"no overlap (missed / spurious): {shape}" for shape in FIGURE_SHAPES))


@dataclass
class SpeakerCategories:
    attributed: int = 0
    right: int = 0
    misses: Counter = field(default_factory=Counter)                       # category -> count
    by_method: dict = field(default_factory=lambda: defaultdict(Counter))  # category -> method -> count
    by_distance: dict = field(default_factory=lambda: defaultdict(Counter))  # category -> distance -> count
    method_totals: Counter = field(default_factory=Counter)                # method -> (attributed, misses)
    method_misses: Counter = field(default_factory=Counter)
    distance_totals: Counter = field(default_factory=Counter)
    distance_misses: Counter = field(default_factory=Counter)


@dataclass
class TwoSided:
    """False negatives and false positives by category (mentions of one kind, or figures)."""
    expected: int = 0
    predicted: int = 0
    right: int = 0
    false_negatives: Counter = field(default_factory=Counter)
    false_positives: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)  # informative counts that are not misses
    false_negative_marks: Counter = field(default_factory=Counter)  # quotes with no overlap: the mark before them
    false_positive_marks: Counter = field(default_factory=Counter)
    expected_marks: Counter = field(default_factory=Counter)  # every labelled quote: the mark before it


# ---------------------------------------------------------------------------------------------------------------
# Shapes

def _words(name: str | None) -> set[str]:
    return set(normalised_name(name).split())


def _within(a: str | None, b: str | None) -> bool:
    """The words of one name all among the other's (neither empty)."""
    wa, wb = _words(a), _words(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _bare_words(text: str) -> list[str]:
    text = re.sub(r"['\u2019]s\b", "", text)
    return [w for w in (re.sub(r"^\W+|\W+$", "", w) for w in text.split()) if w]


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def mention_shape(text: str) -> str:
    """The shape of a mention span: one of MENTION_SHAPES."""
    words = _bare_words(text)
    if len(words) == 1:
        word = words[0]
        if _is_acronym(word):
            return "acronym"
        return "one capitalised word" if word[:1].isupper() else "contains lower-case words"
    if words and words[0].lower() == "the":
        return "starts with The"
    if any(w[:1].islower() and w.lower() not in _FUNCTION_WORDS for w in words):
        return "contains lower-case words"
    if any(w.lower() in ORGANISATION_HEAD_WORDS for w in words):
        return "multi-word with an organisational head word"
    return "multi-word other"


def figure_shape(row: dict) -> str:
    """The shape of a figure: money, percent, digits or words (one of FIGURE_SHAPES)."""
    text = (row.get("text") or "").lower()
    if row.get("unit") == "gbp" or any(sign in text for sign in "£$€") or "pound" in text:
        return "money"
    if row.get("unit") == "percent" or "%" in text or "per cent" in text or "percent" in text:
        return "percent"
    return "digits" if any(c.isdigit() for c in text) else "words"


def _looks_like_description(name: str) -> bool:
    """A speaker name that is the attribution's words as written, not a name: a pronoun, or a determiner and a
    lower-case head ('The health minister', 'A spokesperson'), or no capitalised word at all."""
    words = _bare_words(name)
    if not words:
        return False
    if words[0].lower() in _PRONOUNS:
        return True
    if words[0].lower() in _DETERMINERS and words[-1][:1].islower():
        return True
    return all(w[:1].islower() for w in words)


def _kind_by_shape(name: str) -> str:
    words = _bare_words(name)
    if len(words) == 1 and _is_acronym(words[0]):
        return "organisation"
    return "organisation" if any(w.lower() in ORGANISATION_HEAD_WORDS for w in words) else "person"


# ---------------------------------------------------------------------------------------------------------------
# Speakers

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s")


def _distance(text: str, mention_end: int, quote_start: int) -> str:
    between = text[mention_end:quote_start]
    if "\n" in between:
        return "earlier paragraph"
    ends = len(_SENTENCE_END.findall(between))
    return ("same sentence", "previous sentence")[ends] if ends < 2 else "same paragraph, earlier sentence"


def _speaker_mentions(gold: dict, mentions: list[dict]) -> list[dict]:
    """The gold mentions (of the quote's article) that name the gold speaker: a curated person by id; otherwise
    the mentions with no person id whose words are all in the speaker's name ('Roe' for 'Jane Roe', either of a
    joint pair), and, for a body speaking, those with its curated organisation id."""
    person, organisation = gold.get("speaker_person_id"), gold.get("speaker_organisation_id")
    if person:
        return [m for m in mentions if m["person_id"] == person]
    name = _words(gold.get("speaker_name"))
    by_name = [m for m in mentions if not m["person_id"] and name and _words(m["text"]) and _words(m["text"]) <= name]
    if not organisation or any(m["entity_kind"] == "person" for m in by_name):
        return by_name
    return by_name + [m for m in mentions if m not in by_name and m["entity_kind"] == "organisation" and
                      m["organisation_id"] == organisation]


def speaker_distance(gold: dict, text: str, mentions: list[dict]) -> str:
    """How far before the quote the right speaker was last mentioned: one of DISTANCES."""
    named = _speaker_mentions(gold, mentions)
    if not named:
        return "no labelled mention"
    before = [m for m in named if int(m["end"]) <= int(gold["start"])]
    if not before:
        return "only after the quote"
    nearest = max(before, key=lambda m: int(m["end"]))
    return _distance(text, int(nearest["end"]), int(gold["start"]))


def _gold_speaker_name(gold: dict, named: list[dict]) -> str:
    if gold.get("speaker_name"):
        return gold["speaker_name"]
    return max((m["text"] for m in named), key=len, default=gold.get("speaker_text") or "")


def _gold_speaker_kind(gold: dict, named: list[dict], name: str) -> str:
    if gold.get("speaker_person_id"):
        return "person"
    if gold.get("speaker_method") == "organisation-spokesperson":
        return "organisation"
    kinds = Counter(m["entity_kind"] for m in named)
    if kinds:
        return kinds.most_common(1)[0][0]
    return "organisation" if gold.get("speaker_organisation_id") else _kind_by_shape(name)


def _predicted_kind(predicted: dict, name: str, mentions: list[dict]) -> str:
    if predicted.get("speaker_person_id"):
        return "person"
    if predicted.get("speaker_organisation_id"):
        return "organisation"
    exact = [m["entity_kind"] for m in mentions if normalised_name(m["text"]) == normalised_name(name)]
    if exact:
        return exact[0]
    near = Counter(m["entity_kind"] for m in mentions if _within(m["text"], name))
    return near.most_common(1)[0][0] if near else _kind_by_shape(name)


def _related(a: str | None, b: str | None, parents: dict[str, str]) -> bool:
    """Two curated organisations of which one is the other's parent (a committee and its union)."""
    return bool(a and b) and (parents.get(a) == b or parents.get(b) == a)


def speaker_miss_category(gold: dict, predicted: dict | None, mentions: list[dict],
                          parents: dict[str, str] | None = None) -> str:
    """The category (one of SPEAKER_CATEGORIES) of an attributed gold quote whose speaker is not right.
    mentions: the gold mentions of the quote's article; parents: curated organisation id -> its parent's id."""
    parents = parents or {}
    if predicted is None:
        return "quote not found"
    name = predicted.get("speaker_name") or ""
    if not name and not predicted.get("speaker_person_id") and not predicted.get("speaker_organisation_id"):
        return ("no speaker given: attribution left unresolved" if predicted.get("speaker_text")
                else "no speaker given: no attribution found")
    if name and not predicted.get("speaker_person_id") and not predicted.get("speaker_organisation_id") and \
            _looks_like_description(name):
        return "speaker text kept as the name (pronoun or description)"
    named = _speaker_mentions(gold, mentions)
    gold_name = _gold_speaker_name(gold, named)
    gold_kind = _gold_speaker_kind(gold, named, gold_name)
    kind = _predicted_kind(predicted, name, mentions)
    joint = gold.get("speaker_method") == "joint" or " and " in f" {normalised_name(gold_name)} "
    if joint and _words(name) and _words(name) < _words(gold_name):
        return "one of a joint pair"
    as_mentioned = any(normalised_name(m["text"]) == normalised_name(name) for m in named)
    other_id = gold.get("speaker_person_id") and predicted.get("speaker_person_id") and \
        gold["speaker_person_id"] != predicted["speaker_person_id"]
    if gold_kind == kind == "person" and not other_id and (as_mentioned or _within(gold_name, name)):
        return "right person, other name form (words of one name within the other)"
    if gold_kind == kind == "organisation":
        if _related(gold.get("speaker_organisation_id"), predicted.get("speaker_organisation_id"), parents):
            return "parent or part of the right organisation"
        if as_mentioned or (gold.get("speaker_organisation_id") and
                            gold["speaker_organisation_id"] == predicted.get("speaker_organisation_id")):
            return "right organisation, other name form"
        if _within(gold_name, name):
            return "parent or part of the right organisation"
    if gold_kind != kind:
        return "person for organisation" if kind == "person" else "organisation for person"
    in_article = any(
        m["entity_kind"] == kind and m not in named and
        ((predicted.get("speaker_person_id") and m["person_id"] == predicted["speaker_person_id"]) or
         (kind == "organisation" and predicted.get("speaker_organisation_id") and
          m["organisation_id"] == predicted["speaker_organisation_id"]) or _within(m["text"], name))
        for m in mentions)
    if kind == "person":
        return "another person named in the article" if in_article else "another person, not among the labelled mentions"
    return ("another organisation named in the article" if in_article
            else "another organisation, not among the labelled mentions")


def speaker_categories(gold: list[dict], predicted: list[dict], mentions: list[dict], articles: dict[str, str],
                       real_text: bool, parents: dict[str, str] | None = None) -> SpeakerCategories:
    """Categories of the speaker misses, with the scorer's own pairing and judgement of a right speaker: on real
    text over the quotes with a gold speaker_name, on the shipped sets over those with speaker_status resolved."""
    attributed = (lambda g: bool(g.get("speaker_name"))) if real_text else \
        (lambda g: g.get("speaker_status") == "resolved")
    right = _speaker_right if real_text else shipped_speaker_right
    pairs = {id(g): p for g, p in overlap_matches(gold, predicted)}
    by_article = defaultdict(list)
    for m in mentions:
        by_article[m["source_id"]].append(m)
    result = SpeakerCategories()
    for g in gold:
        if not attributed(g):
            continue
        method = g.get("speaker_method") or "(not labelled)"
        method = method if method in SPEAKER_METHODS or method == "(not labelled)" else "(other)"
        distance = speaker_distance(g, articles[g["source_id"]], by_article[g["source_id"]])
        result.attributed += 1
        result.method_totals[method] += 1
        result.distance_totals[distance] += 1
        p = pairs.get(id(g))
        if p is not None and right(g, p):
            result.right += 1
            continue
        category = speaker_miss_category(g, p, by_article[g["source_id"]], parents)
        result.misses[category] += 1
        result.by_method[category][method] += 1
        result.by_distance[category][distance] += 1
        result.method_misses[method] += 1
        result.distance_misses[distance] += 1
    return result


# ---------------------------------------------------------------------------------------------------------------
# Mentions

def _overlaps(a: dict, b: dict) -> bool:
    return a["source_id"] == b["source_id"] and \
        min(int(a["end"]), int(b["end"])) - max(int(a["start"]), int(b["start"])) > 0


def mention_categories(gold: list[dict], predicted: list[dict], real_text: bool) -> dict[str, TwoSided]:
    """Per kind (organisation, person), with the scorer's matching: on real text the span give or take a leading
    'the' and the ids; on the shipped sets the exact span, the ids and the resolution (and predicted person
    candidates left out where the labels hold none)."""
    if not real_text and not any(_is_person_candidate(g) for g in gold):
        predicted = [p for p in predicted if not _is_person_candidate(p)]
    if real_text:
        key = real_mention_key
        same_ids = lambda g, p: _same(g["person_id"], p["person_id"]) and _same(g["organisation_id"], p["organisation_id"])
    else:
        key = lambda r: (r["source_id"], int(r["start"]), int(r["end"]))
        same_ids = lambda g, p: _same(g["person_id"], p["person_id"]) and \
            _same(g["organisation_id"], p["organisation_id"]) and _same(g["resolution"], p["resolution"])
    results = {}
    for kind in ("organisation", "person"):
        result = TwoSided()
        g_kind = [g for g in gold if g["entity_kind"] == kind]
        p_kind = [p for p in predicted if p["entity_kind"] == kind]
        result.expected, result.predicted = len(g_kind), len(p_kind)
        by_key = {}
        for p in p_kind:
            by_key[key(p)] = p  # the scorer's dict: the last row with a key is the one compared
        used = set()
        for g in g_kind:
            p = by_key.get(key(g))
            if p is not None and same_ids(g, p):
                result.right += 1
                used.add(id(p))
                continue
            result.false_negatives[_mention_miss(g, key, predicted, kind, "gold")] += 1
        right_keys = {key(p) for p in p_kind if id(p) in used}
        for p in p_kind:
            if id(p) in used:
                continue
            if key(p) in right_keys:
                result.false_positives["duplicate of a right mention"] += 1
            else:
                result.false_positives[_mention_miss(p, key, gold, kind, "predicted")] += 1
        results[kind] = result
    return results


def _mention_miss(row: dict, key, others: list[dict], kind: str, side: str) -> str:
    """How a missed gold mention (side 'gold') or a wrong predicted one (side 'predicted') relates to the rows of
    the other side."""
    same_key = [o for o in others if key(o) == key(row)]
    same_kind = [o for o in same_key if o["entity_kind"] == kind]
    if same_kind:
        ids = lambda r: r["person_id"] or r["organisation_id"]
        if not ids(row) and ids(same_kind[-1]) or ids(row) and not ids(same_kind[-1]):
            gold_has_id = ids(row) if side == "gold" else ids(same_kind[-1])
            return "id differs: candidate for a curated one" if gold_has_id else "id differs: curated for a candidate"
        return "id differs: another curated id"
    if same_key:
        return "kind differs"
    overlapping = [o for o in others if _overlaps(o, row)]
    if any(o["entity_kind"] == kind for o in overlapping):
        return "boundary"
    if overlapping:
        return "boundary and kind differ"
    return f"no overlap (missed entirely / spurious): {mention_shape(row['text'])}"


# ---------------------------------------------------------------------------------------------------------------
# Quote spans

def quote_length(text: str) -> str:
    words = len(text.split())
    return QUOTE_LENGTHS[0] if words <= 2 else QUOTE_LENGTHS[1] if words < 10 else QUOTE_LENGTHS[2]


def opening_mark(row: dict, articles: dict[str, str]) -> str:
    """The quotation mark just before a quote span (spans start after their mark), by kind, or 'none'."""
    start = int(row["start"])
    return QUOTE_MARKS.get(articles[row["source_id"]][start - 1:start], "none") if start else "none"


def quote_span_categories(gold: list[dict], predicted: list[dict], articles: dict[str, str]) -> TwoSided:
    """The scorer's 'quote spans, overlapping': a quote is found when a predicted span shares a character with it
    (one to one). Misses with no overlap by length, each side also by the quotation mark before the span."""
    result = TwoSided(expected=len(gold), predicted=len(predicted))
    pairs = overlap_matches(gold, predicted)
    result.right = len(pairs)
    other_span = sum(1 for g, p in pairs if (int(g["start"]), int(g["end"])) != (int(p["start"]), int(p["end"])))
    if other_span:
        result.notes["found, other span (a miss for the exact-span measure)"] = other_span
    result.expected_marks.update(opening_mark(g, articles) for g in gold)
    paired = {id(row) for pair in pairs for row in pair}
    for rows, others, counts, marks in ((gold, predicted, result.false_negatives, result.false_negative_marks),
                                        (predicted, gold, result.false_positives, result.false_positive_marks)):
        for row in rows:
            if id(row) in paired:
                continue
            if any(_overlaps(o, row) for o in others):
                counts["overlaps a quote matched to another row"] += 1
                continue
            text = row.get("text") or articles[row["source_id"]][int(row["start"]):int(row["end"])]
            counts[f"no overlap (missed / spurious): {quote_length(text)}"] += 1
            marks[opening_mark(row, articles)] += 1
    return result


# ---------------------------------------------------------------------------------------------------------------
# Figures

def figure_categories(gold: list[dict], predicted: list[dict]) -> TwoSided:
    """Value and unit over overlapping spans (the scorer's 'figures: value and unit (overlapping span)')."""
    result = TwoSided(expected=len(gold), predicted=len(predicted))
    pairs = overlap_matches(gold, predicted)
    paired_gold = {id(g): p for g, p in pairs}
    paired_predicted = {id(p): g for g, p in pairs}
    for g, p in pairs:
        value_ok = _same_number(g["value"], p["value"])
        unit_ok = _same(g["unit"], p["unit"])
        same_span = int(g["start"]) == int(p["start"]) and int(g["end"]) == int(p["end"])
        if value_ok and unit_ok:
            result.right += 1
            if not same_span:
                result.notes["right value and unit, other span (a miss for the exact-span measures)"] += 1
            continue
        span = "same span" if same_span else "other span"
        category = (f"value wrong, {span}" if unit_ok else f"unit wrong, {span}" if value_ok
                    else "value and unit wrong")
        result.false_negatives[category] += 1
        result.false_positives[category] += 1
    for g in gold:
        if id(g) not in paired_gold:
            result.false_negatives[_figure_unpaired(g, predicted)] += 1
    for p in predicted:
        if id(p) not in paired_predicted:
            result.false_positives[_figure_unpaired(p, gold)] += 1
    return result


def _figure_unpaired(row: dict, others: list[dict]) -> str:
    if any(_overlaps(o, row) for o in others):
        return "overlaps a figure matched to another row"
    return f"no overlap (missed / spurious): {figure_shape(row)}"


# ---------------------------------------------------------------------------------------------------------------
# A set, and its report

@dataclass
class SetCategories:
    name: str
    quote_spans: TwoSided | None
    speakers: SpeakerCategories | None
    mentions: dict[str, TwoSided]
    figures: TwoSided | None


def organisation_parents(curated_dir: Path = CURATED_DIR) -> dict[str, str]:
    """Curated organisation id -> the id of its parent organisation (where it has one)."""
    path = curated_dir / "organisations.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {r["organisation_id"]: r["parent_organisation_id"] for r in csv.DictReader(handle)
                if r.get("parent_organisation_id")}


def categorise(labelled: LabelledSet, lexicon: Lexicon, curated_dir: Path = CURATED_DIR) -> SetCategories:
    mentions_gold = gold_rows(labelled, "mentions")
    quotes_gold = gold_rows(labelled, "quotes")
    figures_gold = gold_rows(labelled, "figures")
    quotes_predicted = _predict("quotes", labelled, lexicon) if quotes_gold else []
    spans = quote_span_categories(quotes_gold, quotes_predicted, labelled.articles) if quotes_gold else None
    speakers = speaker_categories(quotes_gold, quotes_predicted, mentions_gold,
                                  labelled.articles, labelled.real_text,
                                  organisation_parents(curated_dir)) if quotes_gold else None
    mentions = mention_categories(mentions_gold, _predict("mentions", labelled, lexicon),
                                  labelled.real_text) if mentions_gold else {}
    figures = figure_categories(figures_gold, _predict("figures", labelled, lexicon)) if figures_gold else None
    return SetCategories(labelled.name, spans, speakers, mentions, figures)


def _counts_cell(counts: Counter) -> str:
    return ", ".join(f"{what} {n}" for what, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _marks_cell(misses: Counter, labelled: Counter) -> str:
    return ", ".join(f"{mark} {misses[mark]} / {labelled[mark]}" for mark in sorted(misses, key=lambda m: (-misses[m], m)))


def _miss_table(title: str, column: str, counts, categories) -> list[str]:
    """The summary line and the false negative / false positive table of one measure's categories."""
    return [f"{title}: {counts.expected - counts.right} false negatives of {counts.expected} labelled, "
            f"{counts.predicted - counts.right} false positives of {counts.predicted} predicted.", "",
            f"| {column} | false negatives | false positives |", "|---|---|---|"] + \
        [f"| {c} | {counts.false_negatives[c]} | {counts.false_positives[c]} |"
         for c in categories if counts.false_negatives[c] or counts.false_positives[c]]


def markdown(sets: list[SetCategories]) -> str:
    """Category counts of every set, as Markdown tables: names of categories and numbers only."""
    out = []
    for s in sets:
        out.append(f"#### {s.name}\n")
        if s.quote_spans:
            q = s.quote_spans
            out += _miss_table("Quote spans (overlapping)", "quote span miss", q, QUOTE_CATEGORIES)
            if q.false_negative_marks or q.false_positive_marks:
                out.append(f"| (no overlap, by the mark before the span; misses / labelled) | "
                           f"{_marks_cell(q.false_negative_marks, q.expected_marks)} | "
                           f"{_counts_cell(q.false_positive_marks)} |")
            out += [f"| ({note}) | {n} | |" for note, n in sorted(q.notes.items())]
            out.append("")
        if s.speakers:
            sp = s.speakers
            out += [f"Speakers: {sp.attributed - sp.right} misses of {sp.attributed} attributed quotes "
                    f"({sp.right} right).", "",
                    "| speaker miss | count | by gold speaker_method | by where the right speaker was last mentioned |",
                    "|---|---|---|---|"]
            out += [f"| {c} | {sp.misses[c]} | {_counts_cell(sp.by_method[c])} | {_counts_cell(sp.by_distance[c])} |"
                    for c in SPEAKER_CATEGORIES if sp.misses[c]]
            out += ["", "| gold speaker_method | misses / attributed |", "|---|---|"]
            out += [f"| {m} | {sp.method_misses[m]} / {sp.method_totals[m]} |" for m in sorted(sp.method_totals)]
            out += ["", "| right speaker last mentioned before the quote | misses / attributed |", "|---|---|"]
            out += [f"| {d} | {sp.distance_misses[d]} / {sp.distance_totals[d]} |"
                    for d in DISTANCES if sp.distance_totals[d]]
            out.append("")
        for kind, m in s.mentions.items():
            out += _miss_table(f"{kind.capitalize()} mentions", "mention miss", m, MENTION_CATEGORIES)
            out.append("")
        if s.figures:
            f = s.figures
            out += _miss_table("Figures (value and unit, overlapping span)", "figure miss", f, FIGURE_CATEGORIES)
            out += [f"| ({note}) | {n} | |" for note, n in sorted(f.notes.items())]
            out.append("")
    return "\n".join(out)
