"""Benchmark results kept in a marked section of a Markdown file (BENCHMARK.md), one subsection per labelled run."""
from __future__ import annotations

import math
import re
from pathlib import Path


def replace_labelled_run(path: Path, markers: tuple[str, str], header: str, label: str, text: str) -> None:
    """Put text (which opens with `### label`) into the section between markers in path, replacing an earlier run
    with the same label and keeping the others; the section, with its header, is appended when path lacks it."""
    start, end = markers
    content = path.read_text(encoding="utf-8") if path.exists() else ""
    if start not in content:
        content = content.rstrip("\n") + "\n\n" + start + "\n" + header + end + "\n"
    head, rest = content.split(start, 1)
    body, tail = rest.split(end, 1)
    parts = re.split(r"(?m)^(?=### )", body)
    kept = [p for p in parts if not p.startswith(f"### {label}\n")]
    if kept and kept[-1].startswith("### "):
        kept[-1] = kept[-1].rstrip("\n") + "\n\n"
    body = "".join(kept).rstrip("\n") + "\n\n" + text
    path.write_text(head + start + "\n" + body.lstrip("\n") + end + tail, encoding="utf-8")


def replace_section(path: Path, markers: tuple[str, str], section: str) -> None:
    """Replace the section between markers in path with section (which holds the markers), or append it, keeping
    the rest of the file."""
    start, end = markers
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if start in old and end in old:
        before, rest = old.split(start, 1)
        new = before + section.rstrip("\n") + rest.split(end, 1)[1]
    else:
        new = old + ("\n" if old and not old.endswith("\n") else "") + section
    path.write_text(new, encoding="utf-8")


def growth_per_10x(values: dict[int, float], size: int, floor: float) -> str:
    """How much a measure (values: corpus size -> value, for the sizes that have it) grew from the nearest smaller
    size to size, scaled to ten times the articles ("10.0x" is linear); blank when there is no smaller size or
    either value is below floor (noise)."""
    smaller = [s for s in values if s < size]
    if not smaller or size not in values:
        return ""
    before = max(smaller)
    if min(values[before], values[size]) < floor:
        return ""
    return f"{(values[size] / values[before]) ** (1 / math.log10(size / before)):.1f}x"
