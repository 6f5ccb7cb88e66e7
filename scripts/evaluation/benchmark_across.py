"""Cost of the across-source tables (statements, shared passages, figure comparisons) as the corpus grows. Not a test.

Usage: python -m scripts.evaluation.benchmark_across [--sizes 100 1000 10000] [--seed 2023] [--cpu-limit 600]
                                          [--label after] [--write BENCHMARK.md]

The corpus: by default scripts/evaluation/synthetic_corpus.py (see its docstring: outlets, stories carried by
many articles, statements quoted by many, a vocabulary that grows with the corpus). With --generator legacy, the
generator below, used for the measurements before issue 11's corpus generator:
N synthetic articles made from the paragraphs of the package's five articles and the holdout texts,
varied rather than copied, so that two articles share text only where the generator means them to:
- each article recombines 4 to 12 paragraphs of the pool (some paragraphs are sentences of two pool paragraphs);
- in every paragraph one word in three to five (numbers counted; an acronym, a number, a one-letter word or a
  reporting verb passes its turn to the next word) is replaced by a pool word of the same shape, capitalised or not, so independent articles share no run of eight words by
  accident, not even a name with its title (see BENCHMARK.md for what a corpus that keeps those does);
- numbers written with a comma, a decimal point, '%' or '£' are perturbed by up to 30% (figures then agree or
  conflict across articles);
- about 30% of the articles carry part of a wire story (a run of paragraphs shared with the few other articles of
  its wire cluster, about N/4 clusters), and about 40% carry a shared quotation paragraph (about N/5 of them,
  so a few articles each), some with a changed quote mark, a dropped comma or the quotation's first words cut,
  like outlets reporting the same statement.
Copies per shared passage stay the same at every N (a few articles), as in a news corpus of many stories.

The extractors (quotes, figures) run once per corpus in this process (their time is shown, not part of the
tables' figures). Each group of tables then runs in a fresh process that loads the corpus and the extracted
tables, and calls the build's own make_derived_table for each table of the group, in the order the build does:
CPU seconds are process_time of those calls, peak memory is the process's ru_maxrss (the loaded inputs included;
their share is shown separately). A group that exceeds --cpu-limit CPU seconds is stopped and shown as such.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import pickle
import random
import re
import resource
import shlex
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

import pandas as pd

from scripts.evaluation.benchmark import machine_facts
from scripts.evaluation.evaluate import labelled_sets
from scripts.extract.lexicon import Lexicon
from scripts.extract.text import paragraphs
from scripts.extract.tables import extractor
from scripts.evaluation.report_sections import growth_per_10x, replace_labelled_run
from scripts.paths import CURATED_DIR

GROUPS = {  # what one run measures: the tables the build derives together
    "statements": ("statements", "statement_reports"),
    "shared passages": ("shared_passages", "source_pairs"),
    "figure comparisons": ("measure_verdicts", "figure_comparisons"),
}
SECTION_START, SECTION_END = "<!-- benchmark-across:start -->", "<!-- benchmark-across:end -->"

_WORD = re.compile(r"[A-Za-z]+")
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_NUMBER = re.compile(r"£?\d[\d,]*(?:\.\d+)?%?")
_QUOTED = re.compile("“[^”\n]*”|\"[^\"\n]*\"")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


# ---- the synthetic corpus ---------------------------------------------------------------------------------

class Pool:
    """Paragraphs, words and dates of the package's and the holdouts' articles."""

    def __init__(self) -> None:
        self.paragraphs, dates = [], []
        for labelled in labelled_sets(real_text=False):
            for source_id, text in sorted(labelled.articles.items()):
                self.paragraphs += [text[p.start:p.end] for p in paragraphs(text)]
                dates.append(labelled.published[source_id])
        self.quoting = [p for p in self.paragraphs if _QUOTED.search(p)]
        self.plain = [p for p in self.paragraphs if not re.search("[\"“”]", p)]
        self.dates = sorted(dates)
        protected = self._reporting_verbs()
        self.words = sorted({w for p in self.paragraphs for w in _WORD.findall(p)
                             if w.islower() and len(w) >= 4 and w not in protected})
        self.capitalised = sorted({w for p in self.paragraphs for w in _WORD.findall(p)
                                   if w[:1].isupper() and w[1:].islower() and len(w) >= 3})
        self.protected = protected

    @staticmethod
    def _reporting_verbs() -> frozenset[str]:
        try:
            from scripts.extract import quotes
            return frozenset(getattr(quotes, "_REPORTING_VERB_SET", ()))
        except ImportError:
            return frozenset()


def _mutate_words(text: str, rng: random.Random, pool: Pool) -> str:
    """Every third to fifth word (numbers and acronyms counted) replaced by a pool word of the same shape,
    capitalised or not; when that word is an acronym, a number, a one-letter word or a reporting verb, the next
    word that is none of these is replaced instead. The text keeps its shape, names, acronyms and reporting
    verbs, but no run of eight words survives from the pool by chance."""
    step, count, pending = rng.randint(3, 5), rng.randrange(5), False

    def replace(match: re.Match) -> str:
        nonlocal count, pending
        word = match.group()
        count += 1
        pending = pending or count % step == 0
        if not pending or not word.isalpha() or len(word) < 2 or word.isupper() or word.lower() in pool.protected:
            return word
        pending = False
        return rng.choice(pool.words if word.islower() else pool.capitalised)

    return _TOKEN.sub(replace, text)


def _perturb_numbers(text: str, rng: random.Random) -> str:
    def perturb(match: re.Match) -> str:
        token = match.group()
        if not ("," in token or "." in token or "%" in token or "£" in token) or rng.random() < 0.5:
            return token
        digits = token.strip("£%").rstrip(".,")
        tail = token[len(token.rstrip(".,")):] if not token.endswith("%") else ""
        try:
            value = float(digits.replace(",", ""))
        except ValueError:
            return token
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        value *= rng.uniform(0.7, 1.3)
        text = f"{value:,.{decimals}f}" if "," in digits else f"{value:.{decimals}f}"
        return ("£" if token.startswith("£") else "") + text + ("%" if token.endswith("%") else "") + tail

    return _NUMBER.sub(perturb, text)


def _vary_paragraph(text: str, rng: random.Random, pool: Pool) -> str:
    return _perturb_numbers(_mutate_words(text, rng, pool), rng)


def _report_differently(paragraph: str, rng: random.Random) -> str:
    """What one outlet changes in a quotation it shares: a quote mark, a comma, or the first words cut."""
    roll = rng.random()
    if roll < 0.15:
        return paragraph.replace("’", "'")
    if roll < 0.3:
        return paragraph.replace(",", "", 1)
    if roll < 0.4:
        quoted = _QUOTED.search(paragraph)
        words = quoted.group()[1:-1].split(" ") if quoted else []
        if len(words) > 10:
            return paragraph[:quoted.start() + 1] + " ".join(words[3:]) + paragraph[quoted.end() - 1:]
    return paragraph


def _wire_story(cluster: int, seed: int, pool: Pool) -> list[str]:
    rng = random.Random(f"{seed}-wire-{cluster}")
    return [_vary_paragraph(rng.choice(pool.paragraphs), rng, pool) for _ in range(rng.randint(5, 9))]


def _shared_quote(slot: int, seed: int, pool: Pool) -> str:
    rng = random.Random(f"{seed}-quote-{slot}")
    return _vary_paragraph(rng.choice(pool.quoting), rng, pool)


def synthetic_article(index: int, count: int, seed: int, pool: Pool) -> tuple[str, str]:
    """(text, published date) of article number index of a corpus of count articles."""
    rng = random.Random(f"{seed}-article-{index}")
    body = []
    for _ in range(rng.randint(4, 12)):
        if rng.random() < 0.25:  # sentences of two paragraphs recombined
            first, second = (_SENTENCE.split(rng.choice(pool.plain)) for _ in range(2))
            paragraph = " ".join(first[:rng.randint(1, len(first))] + second[rng.randint(0, len(second) - 1):])
        else:
            paragraph = rng.choice(pool.paragraphs)
        body.append(_vary_paragraph(paragraph, rng, pool))
    if rng.random() < 0.4:
        quote = _report_differently(_shared_quote(rng.randrange(max(1, count // 5)), seed, pool), rng)
        body.insert(rng.randrange(len(body) + 1), quote)
    if rng.random() < 0.3:
        story = _wire_story(rng.randrange(max(1, count // 4)), seed, pool)
        first = rng.randrange(len(story) - 2)
        at = rng.randrange(len(body) + 1)
        body[at:at] = story[first:first + rng.randint(3, len(story) - first)]
    published = pool.dates[rng.randrange(len(pool.dates))] + dt.timedelta(days=rng.randint(-30, 30))
    return "\n".join(body) + "\n", published.isoformat()


def synthetic_corpus(count: int, seed: int, pool: Pool | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """({source_id: text}, {source_id: published date}) for count articles."""
    pool = pool or Pool()
    articles, published = {}, {}
    for i in range(count):
        source_id = f"synthetic-{i:06d}"
        articles[source_id], published[source_id] = synthetic_article(i, count, seed, pool)
    return articles, published


# ---- inputs of the derived tables -------------------------------------------------------------------------

def _curated(name: str) -> pd.DataFrame:
    frame = pd.read_csv(CURATED_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
    return frame.replace("", pd.NA)


def derived_inputs(articles: dict[str, str], published: dict[str, str]) -> tuple[dict[str, pd.DataFrame], dict]:
    """The frames the derived tables read (quotes and figures extracted from the corpus), and extraction seconds."""
    from scripts.package.tableschema import load_schema
    from scripts.package.tables import frame_from_records
    lexicon = Lexicon.from_curated()
    frames = {"sources": pd.DataFrame({"source_id": list(published), "published_date": list(published.values())}),
              "organisations": _curated("organisations"), "measures": _curated("measures")}
    seconds = {}
    for name in ("quotes", "figures"):
        extract, started = extractor(name), time.process_time()
        rows = []
        for source_id in sorted(articles):
            rows += extract(articles[source_id], source_id, lexicon)
        frames[name] = frame_from_records(rows, load_schema(name))
        seconds[name] = time.process_time() - started
    return frames, seconds


# ---- one measurement, in a fresh process ------------------------------------------------------------------

def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def measure_group(inputs: str, tables: tuple[str, ...], cpu_limit: int) -> dict:
    from scripts.across.derived import make_derived_table
    with open(inputs, "rb") as handle:
        frames, articles = pickle.load(handle)
    loaded = _max_rss_mib()
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    limit = int(time.process_time()) + cpu_limit
    resource.setrlimit(resource.RLIMIT_CPU, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    started, wall = time.process_time(), time.perf_counter()
    rows = {}
    for name in tables:
        frames[name] = make_derived_table(name, frames, articles)
        rows[name] = len(frames[name])
    return {"cpu_seconds": time.process_time() - started, "seconds": time.perf_counter() - wall,
            "rss_inputs_mib": loaded, "rss_peak_mib": _max_rss_mib(), "rows": rows}


def in_fresh_process(function, *args):
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def run(sizes: list[int], seed: int, cpu_limit: int, groups: list[str], generator: str = "corpus") -> dict:
    pool = Pool()
    if generator == "corpus":
        from scripts.evaluation.synthetic_corpus import synthetic_corpus as make_corpus
    else:
        make_corpus = synthetic_corpus
    results = {}
    given_up: set[str] = set()
    for size in sizes:
        articles, published = make_corpus(size, seed, pool)
        frames, extraction = derived_inputs(articles, published)
        result = {"characters": sum(map(len, articles.values())), "quotes": len(frames["quotes"]),
                  "figures": len(frames["figures"]), "extraction_cpu_seconds": extraction, "groups": {}}
        with tempfile.TemporaryDirectory(prefix="benchmark-across-") as folder:
            inputs = os.path.join(folder, "inputs.pickle")
            with open(inputs, "wb") as handle:
                pickle.dump((frames, articles), handle, protocol=pickle.HIGHEST_PROTOCOL)
            del frames, articles
            for group in groups:
                if group in given_up:
                    result["groups"][group] = {"skipped": True}
                    continue
                try:
                    result["groups"][group] = in_fresh_process(measure_group, inputs, GROUPS[group], cpu_limit)
                except BrokenProcessPool:
                    result["groups"][group] = {"stopped": True}
                    given_up.add(group)  # a larger corpus would only take longer
                print(f"{size} articles, {group}: {result['groups'][group]}", file=sys.stderr)
        results[size] = result
    return results


# ---- report -----------------------------------------------------------------------------------------------

def _growth(results: dict, group: str, size: int, key: str, floor: float) -> str:
    """How much key grew from the nearest smaller size, scaled to 10x articles; blank below floor (noise)."""
    measured = {s: r["groups"][group][key] for s, r in results.items() if "cpu_seconds" in r["groups"].get(group, {})}
    return growth_per_10x(measured, size, floor)


def report(command: str, label: str, seed: int, cpu_limit: int, results: dict) -> str:
    sizes = sorted(results)
    lines = [f"### {label}", "", "```sh", command, "```", "",
             f"- seed {seed}; a group is stopped after {cpu_limit} CPU seconds",
             "- corpus per size (articles: characters, quotes, figures; extraction CPU s, not counted below): "
             + "; ".join(f"{s}: {results[s]['characters']:,} chars, {results[s]['quotes']:,} quotes, "
                         f"{results[s]['figures']:,} figures, "
                         f"{sum(results[s]['extraction_cpu_seconds'].values()):.1f} s" for s in sizes), "",
             "Growth per 10x: the ratio to the next smaller size, scaled to ten times the articles (r ** (1 / "
             "log10(size ratio))); 10x is linear. Left blank where either value is below 0.05 CPU s or 5 MiB (noise).", "",
             "| tables | articles | CPU s | CPU ms per article | growth of CPU per 10x articles | peak RSS MiB "
             "| of which inputs loaded | the tables' own MiB (peak - inputs) | growth of own MiB per 10x | rows |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for result in results.values():
        for r in result["groups"].values():
            if "cpu_seconds" in r:
                r["own_mib"] = r["rss_peak_mib"] - r["rss_inputs_mib"]
    for group in GROUPS:
        for size in sizes:
            r = results[size]["groups"].get(group)
            if r is None:
                continue
            if "cpu_seconds" not in r:
                note = f"stopped after {cpu_limit} CPU s" if r.get("stopped") else "not run (a smaller size was stopped)"
                lines.append(f"| {group} | {size:,} | {note} | | | | | | | |")
                continue
            rows = ", ".join(f"{name} {count:,}" for name, count in r["rows"].items())
            lines.append(f"| {group} | {size:,} | {r['cpu_seconds']:.2f} | {1000 * r['cpu_seconds'] / size:.2f} | "
                         f"{_growth(results, group, size, 'cpu_seconds', 0.05)} | {r['rss_peak_mib']:.0f} | "
                         f"{r['rss_inputs_mib']:.0f} | {r['own_mib']:.0f} | {_growth(results, group, size, 'own_mib', 5)} "
                         f"| {rows} |")
    return "\n".join(lines) + "\n"


def write_section(path: Path, label: str, text: str) -> None:
    """Put text into the across-source section of path, replacing an earlier run with the same label."""
    replace_labelled_run(path, (SECTION_START, SECTION_END), HEADER, label, text)


HEADER = ("## Across-source tables\n\n"
          "Measured by `scripts/evaluation/benchmark_across.py` (`make benchmark-across`; not a test: timings depend on the "
          "machine). See the module's docstring for how the synthetic corpus is made.\n\n"
          + "\n".join(f"- {fact}" for fact in machine_facts()) + "\n\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--cpu-limit", type=int, default=600, help="CPU seconds after which a group is stopped")
    parser.add_argument("--groups", nargs="+", choices=list(GROUPS), default=list(GROUPS))
    parser.add_argument("--label", default="after", help="heading of this run in the report")
    parser.add_argument("--generator", choices=["corpus", "legacy"], default="corpus",
                        help="corpus: scripts/evaluation/synthetic_corpus.py (shared stories and statements, a "
                             "vocabulary that grows with the corpus); legacy: this module's own generator (below)")
    parser.add_argument("--write", type=Path, help="put the report into this markdown file's across section")
    args = parser.parse_args(argv)
    command = "python -m scripts.evaluation.benchmark_across " + shlex.join(argv)
    results = run(sorted(args.sizes), args.seed, args.cpu_limit, args.groups, args.generator)
    text = report(command.strip(), args.label, args.seed, args.cpu_limit, results)
    print(text, end="")
    if args.write:
        write_section(args.write, args.label, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
