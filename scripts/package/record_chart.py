"""The dispute at a glance, from the record tables: every strike round on one time axis, NHS England's appointments
rescheduled per round as bars, ballots and offers as markers, and the five articles placed where they were published.

Usage: python -m scripts.package.record_chart   (writes docs/charts/record.png from data/)
Deterministic like scripts/package/charts.py: Agg backend, fixed size, dpi and font, sorted inputs, no metadata.
"""
from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from scripts.package.charts import STYLE, _day, _read, _save  # noqa: E402
from scripts.paths import ROOT  # noqa: E402

FIRST_DAY, LAST_DAY = "2023-01-01", "2024-10-20"  # from the first ballot result (20 January 2023)
LANES = {"junior_doctors": 3.0, "consultants": 2.0, "devolved": 1.0, "ballots": 0.0, "offers": -1.0, "articles": -2.0}
COLOURS = {"junior_doctors": "#d62728", "consultants": "#1f77b4", "devolved": "#ff7f0e", "ballots": "#2ca02c",
           "offers": "#9467bd", "articles": "#333333"}


def _lane(row) -> str:
    return row["group"] if row["nation"] == "england" else "devolved"


def _span(row) -> tuple[float, float]:
    """Start and end of a round on the date axis (an untimed round covers its last day whole)."""
    start = _day(row["start_date"]) + (int(row["start_time"][:2]) / 24 if row["start_time"] else 0)
    end = _day(row["end_date"]) + (int(row["end_time"][:2]) / 24 + int(row["end_time"][3:]) / 1440 if row["end_time"] else 1)
    return start, end


def latest_rescheduled(impact: pd.DataFrame) -> pd.DataFrame:
    """Per round, the latest published appointments_rescheduled figure (a revision replaces what it revises)."""
    rows = impact[impact["measure"] == "appointments_rescheduled"]
    revised = set(rows["revises_impact_id"]) - {""}
    return rows[~rows["impact_id"].isin(revised)].sort_values(["round_id", "impact_id"]).drop_duplicates("round_id", keep="last")


def draw_record(root: Path, path: Path) -> Path:
    rounds = _read(root, "strike_rounds").sort_values(["start_date", "round_id"]).reset_index(drop=True)
    impact = latest_rescheduled(_read(root, "impact"))
    ballots = _read(root, "ballots").sort_values(["result_date", "ballot_id"])
    offers = _read(root, "offers")
    offers = offers.assign(day=offers["offered_date"].where(offers["offered_date"] != "", offers["response_date"]))
    offers = offers[offers["day"] != ""].sort_values(["day", "offer_id"])
    sources = _read(root, "sources").sort_values(["published_date", "source_id"])
    spans = {r["round_id"]: _span(r) for _, r in rounds.iterrows()}
    with plt.rc_context(STYLE):
        fig, (top, bottom) = plt.subplots(2, 1, figsize=(13, 8.5), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
        for _, row in impact.iterrows():
            start, end = spans[row["round_id"]]
            group = rounds.loc[rounds["round_id"] == row["round_id"], "group"].iloc[0]
            value = int(row["value"])
            top.bar(start, value, width=max(end - start, 1.5), align="edge", color=COLOURS[group], alpha=0.8)
            label = ("> " if row["value_qualifier"] == "more_than" else "") + f"{value / 1000:.0f}k"
            top.text((start + end) / 2, value + 3000, label, ha="center", fontsize=7)
        top.set_ylabel("appointments rescheduled\n(NHS England, acute, per round)")
        top.set_ylim(0, 230000)
        top.grid(axis="y", color="#dddddd")
        top.set_title("The dispute on the public record: strike rounds, NHS England's appointments rescheduled, "
                      "ballots, offers and the five articles", loc="left")
        devolved_labels = []  # [end, label]: one label after the last of consecutive rounds with one nation and status
        for _, row in rounds.iterrows():
            start, end = spans[row["round_id"]]
            happened = row["status"] == "happened"
            bottom.barh(LANES[_lane(row)], end - start, left=start, height=0.5,
                        color=COLOURS[_lane(row)] if happened else "none", edgecolor=COLOURS[_lane(row)],
                        hatch=None if happened else "////", alpha=0.9 if row["start_time"] else 0.5)
            if row["nation"] != "england":
                label = f"{row['nation'].replace('_', ' ')} ({row['status']})"
                if devolved_labels and devolved_labels[-1][1] == label:
                    devolved_labels[-1][0] = end
                else:
                    devolved_labels.append([end, label])
        for end, label in devolved_labels:
            bottom.annotate(label, (end, LANES["devolved"]), xytext=(3, -3), textcoords="offset points", fontsize=6.5)
        for k, (_, row) in enumerate(ballots.iterrows()):
            bottom.plot(_day(row["result_date"]), LANES["ballots"], marker="^", color=COLOURS["ballots"], markersize=8)
            share = f"{float(row['share_for_percent']):g}%" if row["share_for_percent"] else ""
            who = row["union"].upper() + ("" if row["group"] == "junior_doctors" else " cons.") + \
                ("" if row["nation"] == "england" else f" {row['nation'][:5].title()}")
            bottom.annotate(f"{who} {row['kind'].replace('_', ' ').replace('offer referendum', 'referendum')} {share}",
                            (_day(row["result_date"]), LANES["ballots"]), xytext=(0, 7 if k % 2 == 0 else -13), textcoords="offset points", ha="right" if row["result_date"] > "2024-08-01" else "center",
                            fontsize=6.5)
        for k, (_, row) in enumerate(offers.iterrows()):
            bottom.plot(_day(row["day"]), LANES["offers"], marker="D", color=COLOURS["offers"], markersize=6)
            where = "" if row["group"] == "junior_doctors" and row["nation"] == "england" else \
                f"{'cons. ' if row['group'] == 'consultants' else ''}{'' if row['nation'] == 'england' else row['nation'][:5].title() + ' '}"
            uplift = f" {float(row['uplift_percent']):g}%" if row["uplift_percent"] else ""  # optional in the schema
            text = f"{where}{row['kind']}{uplift} ({row['response'].replace('_', ' ')})"
            bottom.annotate(text, (_day(row["day"]), LANES["offers"]), xytext=(0, 7 if k % 2 == 0 else -12),
                            textcoords="offset points", ha="center", fontsize=6.5)
        keys = []
        for k, (_, row) in enumerate(sources.iterrows(), start=1):
            first, last = _day(row["published_date"]), _day(row["published_date_latest"]) + 1
            bottom.plot([first, last], [LANES["articles"] - 0.12 * (k - 3)] * 2, color=COLOURS["articles"], linewidth=3)
            bottom.annotate(f"A{k}", (last, LANES["articles"] - 0.12 * (k - 3)), xytext=(3, -2),
                            textcoords="offset points", ha="left", fontsize=6)
            window = row["published_date"] if row["published_date"] == row["published_date_latest"] else \
                f"{row['published_date']} to {row['published_date_latest']}"
            keys.append(f"A{k} {row['source_id']} ({window})")
        bottom.text(0.2, 0.03, "\n".join(keys), transform=bottom.transAxes, ha="left", va="bottom", fontsize=6.5,
                    bbox={"facecolor": "white", "edgecolor": "#cccccc"})
        bottom.set_yticks(list(LANES.values()), ["junior doctors (England)", "consultants (England)",
                                                 "junior doctors (Scotland, Wales)", "ballots (result)",
                                                 "offers, awards", "articles (publication)"])
        bottom.set_ylim(-3.0, 3.6)
        bottom.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 3, 5, 7, 9, 11)))
        bottom.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
        bottom.set_xlim(_day(FIRST_DAY), _day(LAST_DAY))
        bottom.grid(axis="x", color="#dddddd")
        bottom.text(1.0, -0.16, "Rounds pale where the sources give days but no times; hatched if suspended or only announced. Article bars span the publication window.",
                    transform=bottom.transAxes, ha="right", fontsize=7)
        fig.subplots_adjust(left=0.16, right=0.98, top=0.95, bottom=0.09, hspace=0.08)
        return _save(fig, path)


if __name__ == "__main__":
    print(draw_record(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT,
                      (Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT) / "docs" / "charts" / "record.png"))
