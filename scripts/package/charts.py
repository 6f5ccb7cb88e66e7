"""Pictures of the published package: the dispute's timeline, and each multi-source measure's values by source.

Usage: python -m scripts.package.charts   (writes docs/charts/*.png from data/)
Deterministic: Agg backend, fixed size, dpi and font, sorted inputs, no software/date metadata in the PNGs.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from scripts.paths import ROOT  # noqa: E402

DPI = 100
STYLE = {"font.family": "DejaVu Sans", "font.size": 9, "svg.hashsalt": "0", "path.simplify": False}
TYPE_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
                "#17becf", "#ff7f0e", "#393b79", "#637939", "#843c39"]
LAST_DAY = "2023-09-01"  # the timeline ends after the mandate runs out (August 2023)
SOURCE_MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def _read(root: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(root / "data" / f"{table}.csv", dtype=str, keep_default_na=False)


def _save(fig, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, metadata={"Software": None})
    plt.close(fig)
    return path


def _day(text: str) -> float:
    return mdates.date2num(dt.date.fromisoformat(text))


def draw_timeline(root: Path, path: Path) -> Path:
    events = _read(root, "events").sort_values(["start_date", "event_id"]).reset_index(drop=True)
    evidence = _read(root, "event_evidence")
    sources = sorted(_read(root, "sources")["source_id"])
    types = sorted(events["event_type"].unique())
    colour = {t: TYPE_COLOURS[i % len(TYPE_COLOURS)] for i, t in enumerate(types)}
    marker = {s: SOURCE_MARKERS[i % len(SOURCE_MARKERS)] for i, s in enumerate(sources)}
    # the dispute itself: events from 2022 on; older ones (2016, the 2019 deal) are listed in the table
    recent = events[events["start_date"] >= "2022-11-01"].reset_index(drop=True)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(12, 0.32 * len(recent) + 2.2))
        for y, event in recent.iterrows():
            start = _day(event["start_date"])
            end = _day(event["end_date"]) + 1 if event["end_date"] else start + 1
            end = min(end, _day(LAST_DAY))
            ax.barh(y, end - start, left=start, height=0.6, color=colour[event["event_type"]],
                    alpha=0.35 if event["date_precision"] != "day" else 0.9, edgecolor="none")
            cited = sorted(set(evidence.loc[evidence["event_id"] == event["event_id"], "source_id"]))
            for k, source in enumerate(cited):
                ax.plot(start + 0.5, y + (k - (len(cited) - 1) / 2) * 0.12, marker=marker[source], color="black",
                        markersize=4, linestyle="none")
        ax.set_yticks(range(len(recent)), [e[:60] for e in recent["event_id"]], fontsize=7)
        ax.invert_yaxis()
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
        ax.set_xlim(_day("2022-12-01"), _day(LAST_DAY))
        ax.grid(axis="x", color="#dddddd")
        ax.set_title("Events of the dispute (bar: dates, pale if only week/month/year is known; "
                     "markers: articles evidencing them)", loc="right")
        handles = [plt.Rectangle((0, 0), 1, 1, color=colour[t]) for t in types]
        handles += [plt.Line2D([], [], marker=marker[s], color="black", linestyle="none") for s in sources]
        ax.legend(handles, types + sources, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
        fig.subplots_adjust(left=0.30, right=0.80, top=0.95, bottom=0.08)
        return _save(fig, path)


def draw_measure(comparisons: pd.DataFrame, measure_id: str, path: Path) -> Path:
    rows = comparisons[comparisons["measure_id"] == measure_id]
    rows = rows.assign(offset=rows["start"].astype(int)).sort_values(["source_id", "offset"]).reset_index(drop=True)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(7, 0.45 * len(rows) + 1.4))
        for y, row in rows.iterrows():
            low = float(row["interval_low"])
            high = float(row["interval_high"]) if row["interval_high"] else None
            right = high if high is not None else max(float(rows["value"].astype(float).max()) * 1.3, low * 1.3)
            ax.plot([low, right], [y, y], color="#1f77b4", linewidth=3, alpha=0.5,
                    linestyle="-" if high is not None else "--")
            ax.plot(float(row["value"]), y, marker="o", color="#1f77b4")
        ax.set_yticks(range(len(rows)), [f"{r.source_id}: {r.text}" for r in rows.itertuples()], fontsize=7)
        ax.invert_yaxis()
        ax.margins(x=0.1, y=0.3)
        ax.set_xlabel(rows["unit"].iloc[0] + " (line: the interval the hedge and rounding allow; dashed: unbounded)")
        ax.set_title(f"{measure_id}: {rows['verdict'].iloc[0].replace('_', ' ')}", fontsize=9)
        fig.tight_layout()
        return _save(fig, path)


def draw_charts(root: Path = ROOT) -> list[Path]:
    """Write docs/charts/timeline.png and docs/charts/measure-<measure_id>.png for each measure with >1 figure."""
    root = Path(root)
    out = root / "docs" / "charts"
    for stale in out.glob("*.png"):  # a measure that lost its second value must lose its chart too
        stale.unlink()
    paths = [draw_timeline(root, out / "timeline.png")]
    if (root / "data" / "strike_rounds.csv").exists():
        from scripts.package.record_chart import draw_record
        paths.append(draw_record(root, out / "record.png"))
    comparisons = _read(root, "figure_comparisons")
    counts = comparisons["measure_id"].value_counts()
    for measure_id in sorted(counts[counts > 1].index):
        paths.append(draw_measure(comparisons, measure_id, out / f"measure-{measure_id}.png"))
    return paths


if __name__ == "__main__":
    for p in draw_charts(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT):
        print(p)
