"""What the Dask path of shared_passages and source_pairs costs over the local engine, on one corpus. Not a test.

Usage: python -m scripts.evaluation.benchmark_passages_dask [--sizes 1000 10000] [--seed 2023] [--write BENCHMARK.md]

The corpus is scripts/evaluation/synthetic_corpus.py's (the one benchmark_across measures), written as article
files; its quotes are extracted once with the local engine (not counted), since quotation spans decide which
passages are quotation-only. Then, per size:
- local: make_shared_passage_tables (the build's local step), texts in memory, no memo;
- dask, running cluster: shared_passage_tables_on_dask (the build's --engine dask step) on a LocalCluster of two
  single-threaded worker processes started before the call, after a warm-up call on 20 articles (imports);
  CPU-seconds are this process's plus every worker's (time.process_time);
- dask, cluster started by the call: the same with no scheduler (start and stop counted in the wall time; the
  workers' CPU is not measured, as they are gone).
Every Dask run's tables are checked equal to the local ones, frame for frame. CPU-seconds are the comparable
measure on a shared machine; wall-clock times depend on the other work running at the time.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from scripts.across.shared_passages import make_shared_passage_tables
from scripts.across.shared_passages_dask import shared_passage_tables_on_dask
from scripts.evaluation.benchmark import busy_loop_speedup, machine_facts
from scripts.evaluation.report_sections import replace_section
from scripts.evaluation.synthetic_corpus import synthetic_corpus
from scripts.extract.engines import LOOPBACK_ANY_PORT, ArticleFile
from scripts.extract.lexicon import Lexicon
from scripts.extract.tables import make_extracted_tables
from scripts.package.tableschema import all_schemas

MARK_START, MARK_END = "<!-- passages-dask-benchmark:start -->", "<!-- passages-dask-benchmark:end -->"


def _worker_cpu() -> float:
    return time.process_time()


def write_files(articles: dict[str, str], folder: Path) -> dict[str, ArticleFile]:
    """The articles as files, and what the build hands the step for each (absolute path, sha256, length)."""
    files = {}
    for source_id, text in articles.items():
        data = text.encode("utf-8")
        path = (folder / f"{source_id}.txt").resolve()
        path.write_bytes(data)
        files[source_id] = ArticleFile(str(path), hashlib.sha256(data).hexdigest(), len(data))
    return files


def timed(function, *args, **options):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **options)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def assert_equal(got, expected, what: str) -> None:
    for name in expected:
        try:
            pd.testing.assert_frame_equal(got[name], expected[name], check_exact=True)
        except AssertionError as err:
            raise SystemExit(f"{what}: the {name} table differs from the local engine's: {err}") from None


def measure(size: int, seed: int, schemas, lexicon, client) -> list[dict]:
    articles = synthetic_corpus(size, seed)[0]
    quotes = make_extracted_tables({"quotes": schemas["quotes"]}, articles, lexicon)["quotes"]
    runs = []
    with tempfile.TemporaryDirectory(prefix="benchmark-passages-dask-") as folder:
        files = write_files(articles, Path(folder))
        expected, wall, cpu = timed(make_shared_passage_tables, {"quotes": quotes}, articles)
        runs.append({"run": "local engine (baseline)", "wall": wall, "cpu": cpu, "workers": 0.0})
        before = client.run(_worker_cpu)
        got, wall, cpu = timed(shared_passage_tables_on_dask, quotes, files, scheduler=client)
        after = client.run(_worker_cpu)
        assert_equal(got, expected, "dask, running cluster")
        runs.append({"run": "dask, running 2-worker cluster", "wall": wall, "cpu": cpu,
                     "workers": sum(after[w] - before[w] for w in after)})
        got, wall, cpu = timed(shared_passage_tables_on_dask, quotes, files)
        assert_equal(got, expected, "dask, cluster started by the call")
        runs.append({"run": "dask, 2-worker cluster started by the call", "wall": wall, "cpu": cpu, "workers": None})
    rows = f"shared_passages {len(expected['shared_passages']):,}, source_pairs {len(expected['source_pairs']):,}"
    characters = sum(len(t) for t in articles.values())
    for run in runs:
        run |= {"articles": size, "rows": rows, "characters": characters}
    return runs


def report(command: str, runs: list[dict], speedup: float) -> str:
    lines = [MARK_START, "## shared_passages and source_pairs on Dask (issue 11)", "",
             "Measured by `scripts/evaluation/benchmark_passages_dask.py` (not a test: timings depend on the machine).",
             "", "```sh", command, "```", "", *[f"- {fact}" for fact in machine_facts()],
             f"- what the machine gave during the run: 2 processes ran a pure-Python busy loop {speedup:.2f}x as "
             "fast as one (2.0 on an idle 2-core machine; other work on this shared machine lowers it)",
             "- corpus: scripts/evaluation/synthetic_corpus.py (seed 2023) as article files, quotes extracted once "
             "(not counted); every Dask run's tables checked equal to the local engine's, frame for frame", "",
             "| run | articles | wall s | CPU s (this process) | CPU s (Dask workers) | CPU s total | wall vs local "
             "| CPU vs local | rows |", "|---|---|---|---|---|---|---|---|---|"]
    baseline = {}
    for run in runs:
        if run["run"].startswith("local"):
            baseline = run
        total = None if run["workers"] is None else run["cpu"] + run["workers"]
        workers = "not measured" if total is None else f"{run['workers']:.2f}"
        cpu_total = "not measured" if total is None else f"{total:.2f}"
        versus = "not measured" if total is None else f"{total / baseline['cpu']:.2f}"
        lines.append(f"| {run['run']} | {run['articles']:,} | {run['wall']:.2f} | {run['cpu']:.2f} | {workers} | "
                     f"{cpu_total} | {run['wall'] / baseline['wall']:.2f} | {versus} | {run['rows']} |")
    lines.append(MARK_END)
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    from distributed import Client, LocalCluster

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--write", type=Path, help="put the report into this markdown file's section")
    args = parser.parse_args(argv)
    command = "python -m scripts.evaluation.benchmark_passages_dask" + "".join(f" {a}" for a in argv)
    schemas, lexicon = all_schemas(), Lexicon.from_curated()
    speedup = busy_loop_speedup(2)
    runs = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=LOOPBACK_ANY_PORT) as cluster, Client(cluster) as client:
        with tempfile.TemporaryDirectory() as folder:  # warm-up: each worker imports the step's modules once
            warm = synthetic_corpus(20, args.seed)[0]
            shared_passage_tables_on_dask(pd.DataFrame({"source_id": [], "start": [], "end": []}),
                                          write_files(warm, Path(folder)), scheduler=client)
        for size in args.sizes:
            runs += measure(size, args.seed, schemas, lexicon, client)
            print(f"{size} articles done", file=sys.stderr)
    text = report(command, runs, speedup)
    print(text, end="")
    if args.write:
        replace_section(args.write, (MARK_START, MARK_END), text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
