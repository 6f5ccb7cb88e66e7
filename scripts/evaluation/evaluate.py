"""Score the extractors against hand-labelled truth: precision, recall and F1 per extractor.

Usage: python -m scripts.evaluation.evaluate [--categories | --intervals] [--ids PREFIX...] [--blind]
The labelled sets are scored separately:
- package: the five articles, labelled in curated/gold/ by reading (the extractors' authors saw the articles,
  not the labels);
- holdouts: curated/holdout*/ (holdout, holdout-2, ...), articles written in other outlets' styles and labelled
  by someone who never saw the extractor code, and never shown to the extractors' authors: the estimate for
  unseen text. Each set's README says what of it has since been seen, and by whom.
- realtext: real articles about the dispute (curated/realtext/), whose texts are not shipped: scored only when
  the local cache holds them (`python -m scripts.evaluation.realtext check`). Its dev part is scored by default; its blind
  part only with --blind, which prints nothing else, so that whoever works on the rules need not see it.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts.inputs.articles import read_article
from scripts.extract.lexicon import Lexicon
from scripts.extract.tables import extractor
from scripts.paths import ARTICLES_DIR, CURATED_DIR
from scripts.evaluation.realtext import REALTEXT_DIR, cache_dir, cached_texts, pointers


@dataclass
class LabelledSet:
    name: str
    articles: dict[str, str]          # source_id -> text
    published: dict[str, dt.date]     # source_id -> publication date
    gold_dir: Path
    real_text: bool = False           # speakers scored by name, mentions by organisation/person kind


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def package_set(curated_dir: Path = CURATED_DIR, articles_dir: Path = ARTICLES_DIR) -> LabelledSet:
    sources = _rows(curated_dir / "sources.csv")
    return LabelledSet("package (5 articles)",
                       {s["source_id"]: read_article(articles_dir / s["file_name"]) for s in sources},
                       {s["source_id"]: dt.date.fromisoformat(s["published_date"]) for s in sources},
                       curated_dir / "gold")


def holdout_set(holdout_dir: Path = CURATED_DIR / "holdout") -> LabelledSet | None:
    metadata = _rows(holdout_dir / "metadata.csv")
    if not metadata:
        return None
    return LabelledSet(f"{holdout_dir.name} ({len(metadata)} unseen-style articles)",
                       {m["source_id"]: read_article(holdout_dir / "articles" / m["file_name"]) for m in metadata},
                       {m["source_id"]: dt.date.fromisoformat(m["published_date"]) for m in metadata},
                       holdout_dir / "gold")


def realtext_set(split: str, realtext_dir: Path = REALTEXT_DIR, prefixes: tuple[str, ...] = (),
                 cached_only: bool = False) -> LabelledSet | None:
    """The real-text set's dev or blind part (only the article ids starting with one of `prefixes`, when given),
    or None when its texts are not all in the local cache. cached_only: the part's cached articles only, however
    many are missing; the set's name then says how many of the part's articles it holds."""
    texts = cached_texts(split, realtext_dir, cached_only=cached_only)
    if texts is None:
        return None
    chosen = [p for p in pointers(realtext_dir) if p.split == split and p.article_id.startswith(prefixes or "")]
    texts = {p.article_id: texts[p.article_id] for p in chosen if p.article_id in texts}
    published = {p.article_id: dt.date.fromisoformat(p.published_date)
                 for p in chosen if p.article_id in texts and p.published_date}
    held = f"{len(texts)} of {len(chosen)} real articles, the rest not cached" if len(texts) < len(chosen) \
        else f"{len(texts)} real articles"
    return LabelledSet(f"realtext {split} ({held})", texts, published, realtext_dir / "gold", real_text=True)


@dataclass
class Score:
    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _key(row) -> tuple[str, int, int]:
    return row["source_id"], int(row["start"]), int(row["end"])


def exact_matches(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    by_key = {_key(p): p for p in predicted}
    return [(g, by_key[_key(g)]) for g in gold if _key(g) in by_key]


def overlap_matches(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of gold and predicted spans in the same article that share at least one character."""
    used, pairs = set(), []
    for g in gold:
        gs, ge = int(g["start"]), int(g["end"])
        best, best_overlap = None, 0
        for i, p in enumerate(predicted):
            if i in used or p["source_id"] != g["source_id"]:
                continue
            overlap = min(ge, int(p["end"])) - max(gs, int(p["start"]))
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, predicted[best]))
    return pairs


def _same(a, b) -> bool:
    norm = lambda v: None if v in (None, "") else str(v)
    return norm(a) == norm(b)


def _same_number(a, b) -> bool:
    if a in (None, "") or b in (None, ""):
        return a in (None, "") and b in (None, "")
    return abs(float(a) - float(b)) < 1e-9


def _predict(table: str, labelled: LabelledSet, lexicon: Lexicon) -> list[dict]:
    extract = extractor(table)
    rows = []
    for source_id, text in sorted(labelled.articles.items()):
        rows += extract(text, source_id, lexicon)
    return rows


def shipped_speaker_right(gold: dict, predicted: dict) -> bool:
    """The shipped sets' labels: the curated person where the gold has one, else the curated organisation."""
    if gold.get("speaker_person_id"):
        return _same(gold["speaker_person_id"], predicted.get("speaker_person_id"))
    return _same(gold.get("speaker_organisation_id"), predicted.get("speaker_organisation_id"))


def score_quotes(gold, predicted) -> dict[str, Score]:
    overlapping = overlap_matches(gold, predicted)
    attributed = [(g, p) for g, p in overlapping if g.get("speaker_status") == "resolved"]
    speaker_ok = sum(1 for g, p in attributed if shipped_speaker_right(g, p))
    return {"quote spans, exact": Score(len(exact_matches(gold, predicted)), len(predicted), len(gold)),
            "quote spans, overlapping": Score(len(overlapping), len(predicted), len(gold)),
            "speaker of attributed quotes (accuracy)": Score(speaker_ok, len(attributed), len(attributed))}


_TITLES = frozenset("dr mr mrs ms miss mx sir dame lord lady baroness baron professor prof rt hon the a an".split())


def normalised_name(name: str | None) -> str:
    """A name compared without case, punctuation, titles or a possessive: 'Dr Jane Roe's' -> 'jane roe'."""
    name = re.sub(r"['\u2019]s\b", "", name or "")
    words = "".join(c if c.isalnum() or c in " -" else " " for c in name).lower().split()
    return " ".join(w for w in words if w not in _TITLES)


def _speaker_right(gold: dict, predicted: dict) -> bool:
    """Real text: the curated id where the gold has one, else the name the text gives the speaker."""
    if gold.get("speaker_person_id"):
        return _same(gold["speaker_person_id"], predicted.get("speaker_person_id"))
    name = predicted.get("speaker_name") or predicted.get("speaker_text")
    if gold.get("speaker_organisation_id") and not predicted.get("speaker_person_id") and \
            _same(gold["speaker_organisation_id"], predicted.get("speaker_organisation_id")):
        return True
    return normalised_name(gold["speaker_name"]) == normalised_name(name)


def score_real_quotes(gold, predicted) -> dict[str, Score]:
    """Spans as for the other sets; speakers of every quote the text attributes (gold speaker_name given)."""
    scores = score_quotes([{**g, "speaker_status": ""} for g in gold], predicted)
    del scores["speaker of attributed quotes (accuracy)"]
    attributed = [(g, p) for g, p in overlap_matches(gold, predicted) if g["speaker_name"]]
    expected = sum(1 for g in gold if g["speaker_name"])
    scores["speaker of attributed quotes (accuracy)"] = Score(
        sum(_speaker_right(g, p) for g, p in attributed), expected, expected)
    for method in sorted({g["speaker_method"] for g in gold if g["speaker_name"]}):
        pairs = [(g, p) for g, p in attributed if g["speaker_method"] == method]
        count = sum(1 for g in gold if g["speaker_name"] and g["speaker_method"] == method)
        scores[f"  speaker given by {method}"] = Score(sum(_speaker_right(g, p) for g, p in pairs), count, count)
    return scores


def _without_article(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def real_mention_key(row: dict) -> tuple[str, str, int]:
    """What a real-text mention is matched by: its article, its text give or take a leading 'the', and its end."""
    return row["source_id"], _without_article(row["text"]), int(row["end"])


def score_real_mentions(gold, predicted) -> dict[str, Score]:
    """Per kind: a mention is right when its span (give or take a leading 'the') and its curated id are; a
    candidate (no id) is right where the gold also names an organisation or person nobody curated."""
    scores = {}
    for kind in ("organisation", "person"):
        g_kind = [g for g in gold if g["entity_kind"] == kind]
        p_kind = [p for p in predicted if p["entity_kind"] == kind]
        by_span = {real_mention_key(p): p for p in p_kind}
        right = 0
        for g in g_kind:
            p = by_span.get(real_mention_key(g))
            right += p is not None and _same(g["person_id"], p["person_id"]) and \
                _same(g["organisation_id"], p["organisation_id"])
        scores[f"{kind} mentions: span and id (candidates count when nobody curated them)"] = \
            Score(right, len(p_kind), len(g_kind))
    return scores


def score_figures(gold, predicted) -> dict[str, Score]:
    exact = exact_matches(gold, predicted)
    full = [(g, p) for g, p in exact if _same_number(g["value"], p["value"]) and
            _same_number(g.get("value_high"), p.get("value_high")) and _same(g["unit"], p["unit"])]
    overlapping = overlap_matches(gold, predicted)
    value_unit = [(g, p) for g, p in overlapping if _same_number(g["value"], p["value"]) and _same(g["unit"], p["unit"])]
    hedged = [(g, p) for g, p in overlapping if _same(g["hedge"], p["hedge"])]
    scores = {"figure spans, exact": Score(len(exact), len(predicted), len(gold)),
              "figures: span, value and unit all right": Score(len(full), len(predicted), len(gold)),
              "figures: value and unit (overlapping span)": Score(len(value_unit), len(predicted), len(gold)),
              "figure hedge, of overlapping (accuracy)": Score(len(hedged), len(overlapping), len(overlapping))}
    if gold and "per" in gold[0]:
        per_right = sum(1 for g, p in overlapping if g["per"] and _same(g["per"], p.get("per")))
        per_predicted = sum(1 for g, p in overlapping if p.get("per"))
        per_expected = sum(1 for g in gold if g["per"])
        if per_predicted or per_expected:
            scores["figure rate (per), of overlapping"] = Score(per_right, per_predicted, per_expected)
    with_measure = [(g, p) for g, p in overlapping if g.get("measure_id")]
    if with_measure:
        right = sum(1 for g, p in with_measure if _same(g["measure_id"], p["measure_id"]))
        scores["figure measure, of overlapping (accuracy)"] = Score(right, len(with_measure), len(with_measure))
    return scores


def _is_person_candidate(row) -> bool:
    return row["entity_kind"] == "person" and row["resolution"] == "unresolved_candidate"


def score_mentions(gold, predicted) -> dict[str, Score]:
    """Span and id of every mention. Labels made before uncurated people were in scope (no person candidate
    among them: the package and both holdouts) cannot judge predicted person candidates, so those are left out."""
    if not any(_is_person_candidate(g) for g in gold):
        predicted = [p for p in predicted if not _is_person_candidate(p)]
    exact = exact_matches(gold, predicted)
    resolved = [(g, p) for g, p in exact if _same(g["person_id"], p["person_id"]) and
                _same(g["organisation_id"], p["organisation_id"]) and _same(g["resolution"], p["resolution"])]
    return {"mention spans, exact": Score(len(exact), len(predicted), len(gold)),
            "mentions: span and resolved id": Score(len(resolved), len(predicted), len(gold))}


def score_dates(gold, predicted) -> dict[str, Score]:
    overlapping = overlap_matches(gold, predicted)
    resolved = [(g, p) for g, p in overlapping if _same(g["resolved_date"], p["resolved_date"])]
    return {"relative date expressions, overlapping span": Score(len(overlapping), len(predicted), len(gold)),
            "relative dates: overlapping span and resolved date right": Score(len(resolved), len(predicted), len(gold))}


def _predict_dates(labelled: LabelledSet, relative_only: bool = True) -> list[dict]:
    """The holdout labels cover relative expressions of day or week precision only, not absolute dates ('13 July')
    nor months and years ('in August', 'last year'): compare like with like."""
    from scripts.extract.dates import extract_dates
    rows = []
    for source_id, text in sorted(labelled.articles.items()):
        rows += [{**r, "resolved_date": r["resolved_date"].isoformat() if r["resolved_date"] else None}
                 for r in extract_dates(text, source_id, labelled.published[source_id])
                 if not relative_only or is_relative_day_or_week(r)]
    return rows


def is_relative_day_or_week(row: dict) -> bool:
    return not row["expression_kind"].startswith("absolute") and row["precision"] in ("day", "week")


def event_date_gold(curated_dir: Path, articles: dict[str, str]) -> list[dict]:
    """The curated events' resolved date words (event_evidence.date_expression) as date labels.

    Only the expressions that date an event are labelled, so this measures recall, not precision.
    """
    gold = []
    for row in _rows(curated_dir / "event_evidence.csv"):
        if not row["date_expression"] or not row["resolved_date"]:
            continue
        article = articles[row["source_id"]]
        passage = article.find(row["text"])
        start = article.find(row["date_expression"], passage)
        gold.append({"source_id": row["source_id"], "start": start, "end": start + len(row["date_expression"]),
                     "resolved_date": row["resolved_date"]})
    unique = {(g["source_id"], g["start"]): g for g in gold if g["start"] >= 0}
    return [unique[k] for k in sorted(unique)]


SCORERS = {"quotes": score_quotes, "figures": score_figures, "mentions": score_mentions}
REAL_TEXT_SCORERS = {"quotes": score_real_quotes, "figures": score_figures, "mentions": score_real_mentions}


def gold_rows(labelled: LabelledSet, table: str) -> list[dict]:
    """The set's labels for one table; the real-text labels carry no text, so it is taken from the article."""
    rows = [r for r in _rows(labelled.gold_dir / f"{table}.csv") if r["source_id"] in labelled.articles]
    for row in rows:
        row.setdefault("text", labelled.articles[row["source_id"]][int(row["start"]):int(row["end"])])
    return rows


def evaluate(labelled: LabelledSet, lexicon: Lexicon) -> dict[str, Score]:
    results: dict[str, Score] = {}
    for table, scorer in (REAL_TEXT_SCORERS if labelled.real_text else SCORERS).items():
        gold = gold_rows(labelled, table)
        if gold:
            results |= scorer(gold, _predict(table, labelled, lexicon))
    if labelled.real_text:
        return results
    date_gold = gold_rows(labelled, "dates")
    if date_gold:
        results |= score_dates(date_gold, _predict_dates(labelled))
    else:  # the package articles: the curated events' date words, recall only
        gold = event_date_gold(labelled.gold_dir.parent, labelled.articles)
        if gold:
            found = score_dates(gold, _predict_dates(labelled, relative_only=False))["relative dates: overlapping span and resolved date right"]
            results["event date words found and resolved (recall only)"] = Score(found.true_positives, found.true_positives, found.expected)
    return results


def markdown(results: dict[str, dict[str, Score]]) -> str:
    lines = ["| labelled set | measure | precision | recall | F1 | right / predicted / expected |", "|---|---|---|---|---|---|"]
    for set_name, scores in results.items():
        for measure, s in scores.items():
            lines.append(f"| {set_name} | {measure} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
                         f"{s.true_positives} / {s.predicted} / {s.expected} |")
    return "\n".join(lines) + "\n"


def holdout_sets(curated_dir: Path = CURATED_DIR) -> list[LabelledSet]:
    found = (holdout_set(d) for d in sorted(curated_dir.glob("holdout*")) if d.is_dir())
    return [s for s in found if s is not None]


def labelled_sets(curated_dir: Path = CURATED_DIR, real_text: bool = True,
                  prefixes: tuple[str, ...] = (), cached_only: bool = False) -> list[LabelledSet]:
    """The shipped sets, then (unless real_text is False) the real-text dev part when its texts are cached."""
    real = realtext_set("dev", curated_dir / "realtext", prefixes, cached_only) if real_text else None
    return [package_set(curated_dir), *holdout_sets(curated_dir), *([real] if real else [])]


def all_results(curated_dir: Path = CURATED_DIR, blind: bool = False, real_text: bool = True,
                prefixes: tuple[str, ...] = (), cached_only: bool = False) -> dict[str, dict[str, Score]]:
    """Scores per labelled set; real_text=False keeps to the shipped sets (what every checkout can reproduce);
    prefixes keeps the real-text part to the article ids that start with one of them (a batch nobody has read)."""
    lexicon = Lexicon.from_curated(curated_dir)
    return {s.name: evaluate(s, lexicon) for s in scored_sets(curated_dir, blind, real_text, prefixes, cached_only)}


def scored_sets(curated_dir: Path = CURATED_DIR, blind: bool = False, real_text: bool = True,
                prefixes: tuple[str, ...] = (), cached_only: bool = False) -> list[LabelledSet]:
    """The sets all_results scores with the same arguments."""
    if blind:
        real = realtext_set("blind", curated_dir / "realtext", prefixes, cached_only)
        return [real] if real else []
    return labelled_sets(curated_dir, real_text, prefixes, cached_only)


def main(argv: list[str], curated_dir: Path = CURATED_DIR) -> int:
    """`--blind`: the blind part's aggregates only. `--ids PREFIX...`: only real-text articles whose id starts with
    one of the prefixes (e.g. `--ids re rf` to score a new batch before anyone reads its misses). `--categories`:
    instead of the scores, the count of misses in each failure category (scripts/evaluation/categories.py),
    aggregates only. `--intervals`: for the real-text part, each measure with a 95% interval from resampling its
    articles (scripts/evaluation/intervals.py), aggregates only. `--cached-only`: score the real-text articles that
    are cached and intact even when others are not (the set's name says how many of how many); those scores are of
    that subset, not comparable with the whole part's."""
    blind = "--blind" in argv
    cached_only = "--cached-only" in argv
    prefixes = tuple(argv[argv.index("--ids") + 1:]) if "--ids" in argv else ()
    prefixes = tuple(p for p in prefixes if not p.startswith("--"))
    if "--intervals" in argv:
        from scripts.evaluation.intervals import markdown as intervals_markdown
        lexicon = Lexicon.from_curated(curated_dir)
        sets = [s for s in scored_sets(curated_dir, blind=blind, prefixes=prefixes, cached_only=cached_only)
                if s.real_text]
        print("".join(intervals_markdown(s, lexicon) for s in sets), end="")
        names = [s.name for s in sets]
    elif "--categories" in argv:
        from scripts.evaluation.categories import categorise, markdown as categories_markdown
        lexicon = Lexicon.from_curated(curated_dir)
        sets = scored_sets(curated_dir, blind=blind, prefixes=prefixes, cached_only=cached_only)
        print(categories_markdown([categorise(s, lexicon, curated_dir) for s in sets]), end="")
        names = [s.name for s in sets]
    else:
        results = all_results(curated_dir, blind=blind, prefixes=prefixes, cached_only=cached_only)
        print(markdown(results), end="")
        names = list(results)
    if not any(name.startswith("realtext") for name in names):
        print(f"\nThe real-text set ({'blind' if blind else 'dev'} part) was not scored: its texts are not all in "
              f"{cache_dir()}. Run `python -m scripts.evaluation.realtext check`, and see curated/realtext/README.md "
              "to re-create the cache (or pass --cached-only to score the articles that are cached).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
