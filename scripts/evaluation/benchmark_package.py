"""Cost of building a whole package from a synthetic corpus of 1,000 to 100,000 articles. Not a test.

Usage: python -m scripts.evaluation.benchmark_package [--sizes 1000 10000 100000] [--seed 2023]
                                                      [--mode auto|build|parts] [--label L] [--write BENCHMARK.md]

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
from scripts.paths import ROOT

SECTION_START, SECTION_END = "<!-- benchmark-package:start -->", "<!-- benchmark-package:end -->"
DERIVED = ("statements", "statement_reports", "shared_passages", "source_pairs", "figure_comparisons")


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


def measure(mode: str, corpus: str, out: str) -> dict:
    return (run_build if mode == "build" else run_parts)(Path(corpus), Path(out))


def in_fresh_process(function, *args):
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def run(sizes: list[int], seed: int, mode: str, results_file: Path | None = None) -> dict:
    from scripts.evaluation.synthetic_corpus import write_corpus
    results = {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="benchmark-package-") as folder:
            corpus = Path(folder) / "corpus"
            started = time.perf_counter()
            write_corpus(corpus, size, seed)
            written = time.perf_counter() - started
            characters = sum(len(p.read_text(encoding="utf-8")) for p in (corpus / "articles").iterdir())
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


def report(command: str, label: str, mode: str, seed: int, results: dict) -> str:
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
    parser.add_argument("--mode", choices=["auto", "build", "parts"], default="auto")
    parser.add_argument("--label", help="heading of this run in the report (default: the mode)")
    parser.add_argument("--write", type=Path, help="put the report into this markdown file's package section")
    parser.add_argument("--results", type=Path, help="also keep the measurements as JSON here, after each size")
    args = parser.parse_args(argv)
    mode = args.mode if args.mode != "auto" else ("build" if build_takes_a_corpus() else "parts")
    command = "python -m scripts.evaluation.benchmark_package " + shlex.join(argv)
    results = run(sorted(args.sizes), args.seed, mode, args.results)
    text = report(command.strip(), args.label or mode, mode, args.seed, results)
    print(text, end="")
    if args.write:
        write_section(args.write, args.label or mode, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
