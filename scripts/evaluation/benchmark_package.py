"""Cost of building a whole package from a synthetic corpus of 1,000 to 100,000 articles. Not a test.

Usage: python -m scripts.evaluation.benchmark_package [--sizes 1000 10000 100000] [--seed 2023]
                                                      [--mode auto|build|parts|incremental] [--label L]
                                                      [--added 0.01] [--write BENCHMARK.md]

The corpus: scripts/evaluation/synthetic_corpus.py (article texts + metadata CSV written to a temporary folder;
its writing time is shown, not counted).

--mode build: the corpus build itself, `python -m scripts.build --articles DIR --metadata CSV --out OUT`, run as a
child process: wall time, CPU seconds (user + system of the build and its children) and peak RSS (the largest
process's ru_maxrss) from wait4. This is what a user runs. (auto: build when scripts/build.py takes --articles.)

--mode parts: the stages this branch owns, one after the other in one fresh process, each timed on its own:
extraction (quotes, figures, mentions: the build's make_extracted_tables, local engine, one process), the derived tables
(the build's make_derived_table; record_comparisons is left out: it follows curated links to the five articles'
figures, so its size does not depend on the corpus), writing CSV + Parquet (the build's write_tables), and
validating those tables: pandera on the frames (scripts/package/checks.validate_tables, as validate_package runs
it) and frictionless on the written CSVs (the rows frictionless reads, see scripts/package/validate.py).
The curated tables of the repository (people, organisations, measures...) are the lexicon and foreign-key targets.
Peak RSS is the process's ru_maxrss after each stage (it only grows).

--mode incremental: what a rebuild costs after adding --added (default 1%) of articles to a corpus built with
`--cache DIR`. The corpus of N (1 + added) articles is written once; its first N synthetic articles (with the five
shipped ones) are the corpus before. Three builds, each the build's own build() in a fresh process, timed stage by
stage (each of the build's steps wrapped with a CPU timer, nested steps counted once, in the innermost step):
(1) the full build of all N (1 + added) articles without a cache: the baseline; (2) the build of the first N
articles with a new cache folder (the cache is filled); (3) the rebuild of all N (1 + added) articles with that
cache, published into the same folder as (2). The report gives each stage's CPU seconds in (1) and (3) and
(3) as a share of (1); the whole process (imports included) is the process's own CPU time. The outputs of (1)
and (3) are compared file by file (they must be byte-identical).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from scripts.evaluation.benchmark import machine_facts
from scripts.evaluation.report_sections import growth_per_10x, replace_labelled_run
from scripts.inputs.articles import utf8_length
from scripts.paths import ROOT

SECTION_START, SECTION_END = "<!-- benchmark-package:start -->", "<!-- benchmark-package:end -->"
DERIVED = ("statements", "statement_reports", "shared_passages", "source_pairs", "measure_verdicts", "figure_comparisons")


def build_takes_a_corpus() -> bool:
    return "--articles" in (ROOT / "scripts" / "build.py").read_text(encoding="utf-8")


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# ---- the build as a user runs it --------------------------------------------------------------------------

def run_build(corpus: Path, out: Path) -> dict:
    command = [sys.executable, "-m", "scripts.build", "--articles", str(corpus / "articles"),
               "--metadata", str(corpus / "metadata.csv"), "--curated", str(corpus / "curated"), "--out", str(out)]
    started = time.perf_counter()
    log = open(corpus / "build.log", "wb")
    child = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(child.pid, 0)
    log.close()
    seconds = time.perf_counter() - started
    output = (corpus / "build.log").read_text(encoding="utf-8", errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"the build failed (exit {os.waitstatus_to_exitcode(status)}):\n{output[-3000:]}")
    rows = {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+)\s+(\d+) rows$", output, re.M)}
    return {"stages": {"whole build": {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                                       "rss_peak_mib": usage.ru_maxrss / 1024}}, "rows": rows}


# ---- the parts, in one fresh process ----------------------------------------------------------------------

def _read_corpus(corpus: Path) -> dict[str, str]:
    articles = {}
    with open(corpus / "metadata.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["id"].startswith("synthetic-"):
                continue  # the five shipped articles: the parts mode takes the curated tables from the repository
            articles[row["id"]] = (corpus / "articles" / row["file"]).read_text(encoding="utf-8")
    return articles


def run_parts(corpus: Path, out: Path) -> dict:
    import pandas as pd

    from scripts.across.derived import make_derived_table
    from scripts.build import make_frames
    from scripts.inputs.metadata import make_metadata_sources
    from scripts.extract.tables import lexicon_from_frames, make_extracted_tables
    from scripts.package.checks import validate_tables
    from scripts.package.validate import frictionless_table_problems
    from scripts.package.write import write_tables

    stages: dict[str, dict] = {}

    def stage(name: str, started_cpu: float, started_wall: float) -> None:
        stages[name] = {"cpu_seconds": time.process_time() - started_cpu,
                        "seconds": time.perf_counter() - started_wall, "rss_peak_mib": _max_rss_mib()}

    cpu, wall = time.process_time(), time.perf_counter()
    schemas, repository, _, _ = make_frames(ROOT)  # the curated tables: lexicon and foreign-key targets
    curated = {name: frame for name, frame in repository.items() if schemas[name].provenance == "curated"}
    articles = _read_corpus(corpus)
    frames = dict(curated)
    sources, _ = make_metadata_sources(schemas["sources"], corpus / "metadata.csv", corpus / "articles")
    frames["sources"] = sources.frame[sources.frame["source_id"].isin(articles)].reset_index(drop=True)
    lexicon = lexicon_from_frames(frames)
    stage("read corpus + curated", cpu, wall)

    cpu, wall = time.process_time(), time.perf_counter()
    extracted = make_extracted_tables(schemas, articles, lexicon)
    for name in extracted:
        frames[name] = extracted[name]
        frames[name]["corrected"] = pd.array([False] * len(frames[name]), dtype="boolean")  # no corrections here
    stage("extraction (1 process)", cpu, wall)

    cpu, wall = time.process_time(), time.perf_counter()
    for name in DERIVED:
        frames[name] = make_derived_table(name, frames, articles)
    stage("derived tables", cpu, wall)

    tables = (*extracted, *DERIVED)
    cpu, wall = time.process_time(), time.perf_counter()
    write_tables({name: frames[name] for name in tables}, schemas, out / "data")
    stage("write CSV + Parquet", cpu, wall)

    cpu, wall = time.process_time(), time.perf_counter()
    files = {name: f"data/{name}.csv" for name in tables}
    problems = validate_tables({name: frames[name] for name in tables} | {"sources": frames["sources"]},
                               schemas | {"sources": schemas["sources"]}, articles, files | {"sources": "sources"})
    problems = [p for p in problems if p.file != "sources"]  # the stand-in sources frame has only two columns
    stage("validate: pandera", cpu, wall)

    cpu, wall = time.process_time(), time.perf_counter()
    for name in tables:
        problems += frictionless_table_problems(out, name, schemas[name])
    stage("validate: frictionless", cpu, wall)
    return {"stages": stages, "rows": {name: len(frames[name]) for name in tables},
            "problems": len(problems), "problem_examples": [str(p) for p in problems[:3]]}


# ---- incremental: the build's steps, timed one by one -------------------------------------------------------

# (module, function, label): each is wrapped where the build (or validate_package) looks it up
TIMED_STEPS = (
    ("scripts.build", "make_metadata_sources", "sources from the metadata"),
    ("scripts.build", "validate_tables", "input checks"),
    ("scripts.build", "make_extracted_tables", "extraction"),
    ("scripts.build", "apply_corrections", "corrections"),
    ("scripts.build", "make_candidate_frames", "candidate people and organisations"),
    ("scripts.build", "write_tables", "write CSV + Parquet"),
    ("scripts.build", "descriptor", "datapackage.json"),
    ("scripts.build", "write_checksums", "SHA256SUMS"),
    ("scripts.build", "write_release_files", "SQLite + Croissant"),
    ("scripts.build", "validate_package", "validate: other (articles' sha256, ...)"),
    ("scripts.package.validate", "frictionless_problems", "validate: frictionless"),
    ("scripts.package.validate", "read_table", "validate: read CSVs"),
    ("scripts.package.validate", "validate_table", "validate: pandera"),
    ("scripts.package.validate", "parquet_problems", "validate: Parquet against CSV"),
    ("scripts.package.validate", "checksum_problems", "validate: checksums"),
    ("scripts.build", "publish", "publish"),
)


class StepTimer:
    """CPU and wall seconds per label; a step's time excludes the timed steps it calls (each second counted once)."""

    def __init__(self):
        self.cpu: dict[str, float] = {}
        self.wall: dict[str, float] = {}
        self._children: list[list[float]] = []

    def wrap(self, label, function):
        def timed(*args, **kwargs):
            name = label(args) if callable(label) else label
            self._children.append([0.0, 0.0])
            cpu, wall = time.process_time(), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent_cpu, spent_wall = time.process_time() - cpu, time.perf_counter() - wall
                inner_cpu, inner_wall = self._children.pop()
                self.cpu[name] = self.cpu.get(name, 0.0) + spent_cpu - inner_cpu
                self.wall[name] = self.wall.get(name, 0.0) + spent_wall - inner_wall
                if self._children:
                    self._children[-1][0] += spent_cpu
                    self._children[-1][1] += spent_wall
        return timed


def run_timed_build(articles: str, metadata: str, curated: str, out: str, cache: str | None) -> dict:
    """build() of a corpus, in this (fresh) process, with every step of TIMED_STEPS timed."""
    import importlib

    import scripts.build as build_module
    from scripts.paths import Layout

    timer = StepTimer()
    for module, function, label in TIMED_STEPS:
        target = importlib.import_module(module)
        setattr(target, function, timer.wrap(label, getattr(target, function)))
    build_module.make_derived_table = timer.wrap(lambda args: f"derived: {args[0]}", build_module.make_derived_table)
    layout = Layout.corpus(Path(articles), Path(metadata), Path(out), Path(curated))
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        counts = build_module.build(layout, cache_dir=Path(cache) if cache else None)
    except Exception as err:  # the build's own exceptions do not cross back from the fresh process whole
        raise RuntimeError(f"the build of {metadata} failed: {err}") from None
    build_cpu, build_wall = time.process_time() - cpu, time.perf_counter() - wall
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stages = {label: {"cpu_seconds": timer.cpu[label], "seconds": timer.wall[label]} for label in timer.cpu}
    stages["rest of build()"] = {"cpu_seconds": build_cpu - sum(timer.cpu.values()),
                                 "seconds": build_wall - sum(timer.wall.values())}
    stages["build()"] = {"cpu_seconds": build_cpu, "seconds": build_wall}
    stages["whole process (imports included)"] = {"cpu_seconds": usage.ru_utime + usage.ru_stime,
                                                   "seconds": float("nan")}
    return {"stages": stages, "rows": counts, "rss_peak_mib": usage.ru_maxrss / 1024}


def _without_last(metadata: Path, added: int, into: Path) -> list[str]:
    """metadata's CSV without its last `added` rows (the synthetic articles are its last rows) into `into`;
    returns the file names of the rows left out."""
    lines = metadata.read_text(encoding="utf-8").splitlines(keepends=True)
    into.write_text("".join(lines[:len(lines) - added]), encoding="utf-8")
    return [next(csv.reader([line]))[1] for line in lines[len(lines) - added:]]


def _differing_files(one: Path, other: Path) -> list[str]:
    def files(root: Path) -> dict[str, Path]:
        return {str(p.relative_to(root)): p for p in sorted(root.rglob("*")) if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(root).parts)}
    a, b = files(one), files(other)
    return sorted(name for name in a.keys() | b.keys()
                  if name not in a or name not in b or a[name].read_bytes() != b[name].read_bytes())


def run_incremental(corpus: Path, out: Path, added: int) -> dict:
    """The three builds of --mode incremental (see the docstring), each in a fresh process."""
    articles, metadata, curated = corpus / "articles", corpus / "metadata.csv", corpus / "curated"
    before, held = corpus / "metadata-before.csv", corpus / "added-later"
    new_files = _without_last(metadata, added, before)
    cache = out / "cache"
    full = in_fresh_process(run_timed_build, str(articles), str(metadata), str(curated), str(out / "full"), None)
    held.mkdir()
    for name in new_files:  # the folder as it was before the articles were added
        (articles / name).rename(held / name)
    first = in_fresh_process(run_timed_build, str(articles), str(before), str(curated), str(out / "inc"), str(cache))
    for name in new_files:
        (held / name).rename(articles / name)
    again = in_fresh_process(run_timed_build, str(articles), str(metadata), str(curated), str(out / "inc"), str(cache))
    differing = _differing_files(out / "full", out / "inc")
    return {"runs": {"full": full, "before": first, "incremental": again}, "added": added,
            "differing_files": differing, "rows": again["rows"]}


def measure(mode: str, corpus: str, out: str, added: int = 0) -> dict:
    if mode == "incremental":
        return run_incremental(Path(corpus), Path(out), added)
    return (run_build if mode == "build" else run_parts)(Path(corpus), Path(out))


def in_fresh_process(function, *args):
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def run(sizes: list[int], seed: int, mode: str, results_file: Path | None = None, added_share: float = 0.01) -> dict:
    from scripts.evaluation.synthetic_corpus import write_corpus
    results = {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="benchmark-package-") as folder:
            corpus = Path(folder) / "corpus"
            added = max(1, round(size * added_share)) if mode == "incremental" else 0
            started = time.perf_counter()
            write_corpus(corpus, size + added, seed)
            written = time.perf_counter() - started
            characters = sum(utf8_length(p.read_bytes()) for p in (corpus / "articles").iterdir())  # not decoded
            if mode == "incremental":  # three builds of their own, each in a fresh process
                result = measure(mode, str(corpus), str(Path(folder) / "out"), added)
            else:
                result = in_fresh_process(measure, mode, str(corpus), str(Path(folder) / "out"))
            result.update({"corpus_seconds": written, "characters": characters})
            results[size] = result
            print(f"{size} articles: {result}", file=sys.stderr)
            if results_file:  # kept after each size, so that a long run's first sizes are not lost
                results_file.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


# ---- report -----------------------------------------------------------------------------------------------

def _growth(results: dict, size: int, stage: str) -> str:
    measured = {s: r["stages"][stage]["cpu_seconds"] for s, r in results.items() if stage in r["stages"]}
    return growth_per_10x(measured, size, 0.05)


def report_incremental(command: str, label: str, seed: int, results: dict) -> str:
    lines = [f"### {label}", "", "```sh", command, "```", "",
             f"- mode: incremental; seed {seed}; corpus from scripts/evaluation/synthetic_corpus.py (plus the five "
             "shipped articles and the curated lexicon)"]
    for size in sorted(results):
        result = results[size]
        runs, added = result["runs"], result["added"]
        full, before, again = runs["full"]["stages"], runs["before"]["stages"], runs["incremental"]["stages"]
        lines += ["", f"**{size:,} articles, then {added:,} more** ({result['characters']:,} characters in all; "
                  f"writing the corpus took {result['corpus_seconds']:.0f} s, not counted). Outputs of the full "
                  "build and of the incremental rebuild: " + ("byte-identical (every file of the package)"
                  if not result["differing_files"] else "DIFFERENT: " + ", ".join(result["differing_files"][:10])),
                  "", f"| stage | CPU s, full build of {size + added:,} (no cache) | CPU s, build of {size:,} "
                  f"(fills the cache) | CPU s, rebuild of {size + added:,} with the cache | rebuild / full |",
                  "|---|---|---|---|---|"]
        totals = ("build()", "whole process (imports included)")
        stages = [s for s in dict.fromkeys([*full, *again]) if s not in totals]
        stages.sort(key=lambda s: -again.get(s, {"cpu_seconds": 0})["cpu_seconds"])
        for stage in [*stages, *totals]:
            f, b, a = (r.get(stage, {}).get("cpu_seconds", 0.0) for r in (full, before, again))
            share = f"{100 * a / f:.1f}%" if f > 0.05 else ""
            bold = "**" if stage in totals else ""
            lines.append(f"| {bold}{stage}{bold} | {f:.2f} | {b:.2f} | {a:.2f} | {bold}{share}{bold} |")
        lines.append(f"\nPeak RSS (MiB): full {runs['full']['rss_peak_mib']:.0f}, before {runs['before']['rss_peak_mib']:.0f}, "
                     f"rebuild {runs['incremental']['rss_peak_mib']:.0f}.")
    return "\n".join(lines) + "\n"


def report(command: str, label: str, mode: str, seed: int, results: dict) -> str:
    if mode == "incremental":
        return report_incremental(command, label, seed, results)
    sizes = sorted(results)
    lines = [f"### {label}", "", "```sh", command, "```", "",
             f"- mode: {mode}; seed {seed}; corpus from scripts/evaluation/synthetic_corpus.py",
             "- corpus per size (articles: characters; seconds to write it, not counted): "
             + "; ".join(f"{s:,}: {results[s]['characters']:,} chars, {results[s]['corpus_seconds']:.0f} s" for s in sizes),
             "", "Growth per 10x: the CPU ratio to the next smaller size, scaled to ten times the articles "
             "(r ** (1 / log10(size ratio))); 10x is linear.", "",
             "| stage | articles | wall s | CPU s | CPU ms per article | growth of CPU per 10x | peak RSS MiB |",
             "|---|---|---|---|---|---|---|"]
    stages = list(dict.fromkeys(stage for s in sizes for stage in results[s]["stages"]))
    for stage in stages:
        for size in sizes:
            r = results[size]["stages"].get(stage)
            if r is None:
                continue
            lines.append(f"| {stage} | {size:,} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | "
                         f"{1000 * r['cpu_seconds'] / size:.2f} | {_growth(results, size, stage)} | {r['rss_peak_mib']:.0f} |")
    if mode == "parts":
        for size in sizes:
            total = results[size]["stages"]
            cpu = sum(r["cpu_seconds"] for r in total.values())
            wall = sum(r["seconds"] for r in total.values())
            lines.append(f"| all stages | {size:,} | {wall:.1f} | {cpu:.1f} | {1000 * cpu / size:.2f} | | "
                         f"{max(r['rss_peak_mib'] for r in total.values()):.0f} |")
    found = [f"{s:,}: {results[s]['problems']} ({'; '.join(results[s]['problem_examples'])})"
             for s in sizes if results[s].get("problems")]
    if found:
        lines += ["", "Validation found problems (reported, not hidden): " + " | ".join(found)]
    lines += ["", "Rows per size: " + "; ".join(
        f"{s:,}: " + ", ".join(f"{name} {count:,}" for name, count in results[s]["rows"].items()) for s in sizes)]
    return "\n".join(lines) + "\n"


HEADER = ("## Whole package from a corpus\n\n"
          "Measured by `scripts/evaluation/benchmark_package.py` (`make benchmark-package`; not a test: timings depend "
          "on the machine, which is shared with other jobs). See the module's docstring for what each mode measures.\n\n"
          + "\n".join(f"- {fact}" for fact in machine_facts()) + "\n\n")


def write_section(path: Path, label: str, text: str) -> None:
    """Put text into the package benchmark's section of path, replacing an earlier run with the same label."""
    replace_labelled_run(path, (SECTION_START, SECTION_END), HEADER, label, text)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--mode", choices=["auto", "build", "parts", "incremental"], default="auto")
    parser.add_argument("--added", type=float, default=0.01, help="--mode incremental: the share of articles added")
    parser.add_argument("--label", help="heading of this run in the report (default: the mode)")
    parser.add_argument("--write", type=Path, help="put the report into this markdown file's package section")
    parser.add_argument("--results", type=Path, help="also keep the measurements as JSON here, after each size")
    args = parser.parse_args(argv)
    mode = args.mode if args.mode != "auto" else ("build" if build_takes_a_corpus() else "parts")
    command = "python -m scripts.evaluation.benchmark_package " + shlex.join(argv)
    results = run(sorted(args.sizes), args.seed, mode, args.results, args.added)
    text = report(command.strip(), args.label or mode, mode, args.seed, results)
    print(text, end="")
    if args.write:
        write_section(args.write, args.label or mode, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
