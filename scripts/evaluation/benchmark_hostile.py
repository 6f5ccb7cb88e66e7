"""Time of every extractor on hostile text at 10 KB, 100 KB and 1 MB: is it linear in the text's length? Not a test.

Usage: python -m scripts.evaluation.benchmark_hostile [--cap 60] [--sizes 10000,100000,1000000] [--extractors quotes,...]
                                           [--cases nested_quotes,...] [--write BENCHMARK.md] [--json FILE]

Each (extractor, case, size) runs in its own fresh process under a CPU-time limit (resource.setrlimit
RLIMIT_CPU, cap + start-up allowance), so a quadratic extractor is reported as "over N s" instead of hanging the
run; the larger sizes of that case are then skipped. The time is CPU seconds (time.process_time) of the extractor
call alone, the lexicon loaded and the text built before the clock; small sizes repeat the call until 0.5 CPU
seconds have passed and report the mean. A size is characters (a text of at most that many characters, made by
repeating one invented piece as many whole times as fit). Linear time grows ~10x per 10x size; a ratio above 15x is flagged.
With --write the report replaces the hostile-input section of that markdown file (between its two markers) or is
appended to it, and the rest of the file is kept.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

EXTRACTORS = ("quotes", "figures", "mentions", "dates")
SIZES = (10_000, 100_000, 1_000_000)
FLAG_RATIO = 15.0
START_UP_ALLOWANCE = 10  # CPU seconds for imports and the lexicon, on top of the cap
MIN_CPU = 0.5            # small sizes repeat the call until this much CPU time has passed
MARK_START = "<!-- hostile-benchmark:start -->"
MARK_END = "<!-- hostile-benchmark:end -->"

# Each case: one invented piece, repeated (on one line unless the piece holds a line break) to the size.
CASES = {
    "nested_quotes": ("nested and unbalanced curly and straight quotation marks on one line",
                      "Ann said “we say ‘they said “no ‘not \"ever 'again "),
    "unclosed_quotes": ("quotations opened, never closed, each after a verb of saying, one paragraph",
                        "The chair said: “It is what we asked for and more, "),
    "long_line": ("ordinary prose with names, quotes, figures and dates, all on one line",
                  "The Northshire Nurses Union said on Monday that 45,000 members would strike for 72 hours. "
                  "“We have no choice,” said Ann Tate, its chair, adding that pay had fallen by 26% since 2008. "),
    "digit_groups": ("'1,000 ' repeated: numbers with separators, one sentence",
                     "1,000 "),
    "long_digit_runs": ("digit runs of 400 digits (numbers past the float range) separated by spaces",
                        "1234567890" * 40 + " "),
    "hedges_and_units": ("repeated hedges, units, rates and ranges, one sentence",
                         "more than 1,000 more than £5m a year for up to 72 hours between 3% and 5% "),
    "capitalised_words": ("repeated capitalised words, names and organisational heads, one sentence",
                          "Royal College Health Board Trust Ann Tate Union Committee "),
    "date_words": ("repeated date words, weekdays, months and relative dates, one sentence",
                   "on Monday 13 March next week last Friday in 2023 three days ago "),
    "bare_weekdays": ("weekdays and months whose direction comes from the sentence's verbs, one sentence",
                      "the walkout began on Tuesday and ends in June while talks resume Friday "),
}


def hostile_text(case: str, size: int) -> str:
    piece = CASES[case][1]
    return piece * max(1, size // len(piece))  # whole pieces: a cut piece would be a different input


# ---- one measurement, in a child process ---------------------------------------------------------------------

def _call(extractor: str):
    if extractor == "dates":
        from scripts.extract.dates import extract_dates
        published = dt.date(2023, 3, 10)
        return lambda text: extract_dates(text, "hostile", published)
    from scripts.extract.lexicon import Lexicon
    from scripts.extract.tables import extractor as function_of
    lexicon, function = Lexicon.from_curated(), function_of(extractor)
    return lambda text: function(text, "hostile", lexicon)


def measure_one(extractor: str, case: str, size: int) -> dict:
    call = _call(extractor)
    text = hostile_text(case, size)
    # Two texts that differ in their last character, called in turn: an extractor that keeps its analysis of the
    # last text (mentions does, for quotes) must not be timed on a cache hit.
    texts = (text, text[:-1] + ("." if text[-1:] != "." else ","))
    repetitions, rows = 0, 0
    try:
        call(hostile_text(case, 1000))  # warm up: regexes compiled
        started = time.process_time()
        while True:
            rows = len(call(texts[repetitions % 2]))
            repetitions += 1
            if time.process_time() - started >= MIN_CPU:
                break
    except Exception as error:  # reported as the measurement's outcome, not raised
        return {"error": f"{type(error).__name__}: {str(error)[:80]}"}
    return {"cpu_seconds": (time.process_time() - started) / repetitions, "rows": rows, "repetitions": repetitions}


def run_in_child(extractor: str, case: str, size: int, cap: float) -> dict:
    """One measurement in a fresh process limited to cap (+ start-up) CPU seconds; {'over': cap} when it ran out."""
    limit = int(cap) + START_UP_ALLOWANCE

    def limit_cpu():
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 5))

    command = [sys.executable, "-m", "scripts.evaluation.benchmark_hostile", "--child", extractor, case, str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, preexec_fn=limit_cpu,
                              timeout=4 * limit, cwd=Path(__file__).resolve().parents[2])
    except subprocess.TimeoutExpired:  # the machine is too busy to give the child its CPU time
        return {"over": cap, "note": "wall-clock timeout"}
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return {"over": cap}
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["exit %d" % done.returncode])[-1][:120]}
    result = json.loads(done.stdout)
    if result.get("cpu_seconds", 0) > cap:
        return {"over": cap}
    return result


# ---- the report ------------------------------------------------------------------------------------------------

def _cell(result: dict | None) -> str:
    if result is None:
        return "skipped"
    if "over" in result:
        return f"over {result['over']:g} s"
    if "error" in result:
        return f"error: {result['error']}"
    return f"{result['cpu_seconds']:.3g}"


def _ratio(small: dict | None, large: dict | None) -> tuple[str, bool]:
    if not small or not large or "cpu_seconds" not in small:
        return "", False
    if "over" in large:
        lower_bound = large["over"] / small["cpu_seconds"]
        return f"> {lower_bound:.0f}x", lower_bound > FLAG_RATIO
    if "cpu_seconds" not in large:
        return "", False
    ratio = large["cpu_seconds"] / max(small["cpu_seconds"], 1e-9)
    return f"{ratio:.1f}x", ratio > FLAG_RATIO


def _size_label(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1000} KB"


def report(results: dict, sizes: list[int], extractors: list[str], cases: list[str], cap: float, command: str) -> str:
    lines = [MARK_START, "## Hostile inputs: time against text length", "",
             "Measured by `scripts/evaluation/benchmark_hostile.py` (not a test: timings depend on the machine):", "",
             "```sh", command, "```", "",
             f"CPU seconds of one extractor call on one text of each size (characters), each in a fresh process "
             f"capped at {cap:g} CPU seconds (\"over {cap:g} s\": it ran out; larger sizes are then skipped). "
             f"Linear time grows about 10x per 10x size; ratios above {FLAG_RATIO:g}x are flagged **bold**. "
             "At 10 KB the call is repeated until 0.5 CPU seconds have passed, so small times are means.", "",
             "| case | what it is |", "|---|---|"]
    lines += [f"| {case} | {CASES[case][0]} |" for case in cases]
    header = " | ".join(_size_label(s) for s in sizes)
    ratio_header = " | ".join(f"{_size_label(a)} -> {_size_label(b)}" for a, b in zip(sizes, sizes[1:]))
    lines += ["", f"| extractor | case | {header} | {ratio_header} | rows at largest |",
              "|---" * (3 + 2 * len(sizes) - 1) + "|"]
    flagged, ran_out = [], []
    for extractor in extractors:
        for case in cases:
            row = [results.get(f"{extractor}/{case}/{s}") for s in sizes]
            ratios = []
            for small, large in zip(row, row[1:]):
                text, flag = _ratio(small, large)
                ratios.append(f"**{text}**" if flag else text)
                if flag:
                    flagged.append(f"{extractor}/{case}")
            if any(r and "over" in r for r in row):
                ran_out.append(f"{extractor}/{case}")
            last = next((r for r in reversed(row) if r and "rows" in r), None)
            lines.append(f"| {extractor} | {case} | " + " | ".join(_cell(r) for r in row) + " | "
                         + " | ".join(ratios) + f" | {last['rows'] if last else ''} |")
    lines += ["", "Not linear (a ratio above the flag): " + (", ".join(sorted(set(flagged))) or "none") + ".",
              "", f"Ran out of the {cap:g} s cap (a ratio shown as '> Nx' is a lower bound): "
              + (", ".join(ran_out) or "none") + ".", MARK_END]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace the hostile-input section of path (or append it), keeping the rest of the file."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if MARK_START in old and MARK_END in old:
        before, rest = old.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1].lstrip("\n")
        new = before + section + ("\n" + after if after else "")
    else:
        new = old + ("\n" if old and not old.endswith("\n\n") else "") + section
    path.write_text(new, encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        extractor, case, size = argv[1], argv[2], int(argv[3])
        print(json.dumps(measure_one(extractor, case, size)))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=float, default=60.0, help="CPU seconds per measurement (default 60)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--extractors", default=",".join(EXTRACTORS))
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--write", type=Path, help="put the report into this markdown file's hostile-input section")
    parser.add_argument("--json", type=Path, help="also save the raw results here")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    extractors, cases = args.extractors.split(","), args.cases.split(",")
    unknown = (set(extractors) - set(EXTRACTORS)) | (set(cases) - set(CASES))
    if unknown:
        parser.error(f"unknown extractor or case: {', '.join(sorted(unknown))}")
    command = "python -m scripts.evaluation.benchmark_hostile" + ("" if not argv else " " + " ".join(argv))
    results: dict[str, dict] = {}
    for extractor in extractors:
        for case in cases:
            for size in sizes:
                result = run_in_child(extractor, case, size, args.cap)
                results[f"{extractor}/{case}/{size}"] = result
                print(f"{extractor:8} {case:18} {_size_label(size):>6}: {_cell(result)}", file=sys.stderr, flush=True)
                if "cpu_seconds" not in result:
                    break  # over the cap or failed: the larger sizes would only take longer
    text = report(results, sizes, extractors, cases, args.cap, command)
    print(text, end="")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if args.write:
        write_section(args.write, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
