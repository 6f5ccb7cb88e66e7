"""Throughput of the extraction command itself (scripts.extract_articles: listing, reading, extracting, writing
CSVs, worker processes), on the synthetic corpus of scripts.evaluation.benchmark. Not a test: timings depend on the machine.

Usage: python -m scripts.evaluation.benchmark_command [--articles 2000] [--jobs 1 2] [--repeat 2] [--module scripts.extract_articles]

CPU seconds are those of the command and its workers (RUSAGE_CHILDREN), which other load on a shared machine
does not lower; wall-clock rates are given too, with the machine's load average.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.evaluation.benchmark import write_corpus
from scripts.paths import ROOT


def measure(module: str, corpus: Path, out: Path, jobs: int) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", module, str(corpus), "--out", str(out), "--published", "2023-03-11",
                    "--jobs", str(jobs)], cwd=ROOT, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.evaluation.benchmark_command", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--module", default="scripts.extract_articles", help="the command's module (to compare versions)")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="benchmark-command-") as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        write_corpus(corpus, args.articles, args.seed)
        print(f"{args.module}, {args.articles} synthetic articles (seed {args.seed}), nproc {os.cpu_count()}")
        print("| jobs | run | wall s | CPU s | articles/s (wall) | articles per CPU-s | load average |")
        print("|---|---|---|---|---|---|---|")
        for run in range(1, args.repeat + 1):
            for jobs in args.jobs:
                wall, cpu = measure(args.module, corpus, Path(scratch) / f"out-{jobs}", jobs)
                print(f"| {jobs} | {run} | {wall:.2f} | {cpu:.2f} | {args.articles / wall:.0f} | "
                      f"{args.articles / cpu:.0f} | {os.getloadavg()[0]:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
