"""A short analysis of the published package, using only data/*.csv and pandas.

Run from the repository root (or anywhere): python examples/analysis.py
"""
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent.parent / "data"
pd.set_option("display.width", 160)
pd.set_option("display.max_colwidth", 70)


def read(table: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{table}.csv", dtype=str, keep_default_na=False)


def heading(title: str) -> None:
    print(f"\n== {title} ==")


sources, quotes, people, organisations = read("sources"), read("quotes"), read("people"), read("organisations")
outlet_name = dict(zip(organisations["organisation_id"], organisations["name"]))
sources["outlet"] = [outlet_name.get(o, f"unknown outlet ({s})") for o, s in zip(sources["outlet_id"], sources["source_id"])]

heading("Who is quoted most, by outlet (quoted paragraphs)")
speakers = quotes.merge(people[["person_id", "name"]], how="left", left_on="speaker_person_id", right_on="person_id")
person = speakers["name"].fillna("")
organisation = speakers["speaker_organisation_id"].map(outlet_name).fillna("")
speakers["speaker"] = person.where(person != "", organisation).replace("", "(no speaker found)")
speakers = speakers.merge(sources[["source_id", "outlet"]], on="source_id")
by_outlet = speakers.pivot_table(index="speaker", columns="outlet", values="start", aggfunc="count", fill_value=0)
by_outlet["total"] = by_outlet.sum(axis=1)
print(by_outlet.sort_values(["total"], ascending=False, kind="mergesort").to_string())

heading("Figures the articles disagree about (figure_comparisons, measure_verdicts)")
comparisons = read("figure_comparisons")
multi = comparisons[comparisons["sources_count"].astype(int) > 1]
verdicts = multi.groupby("measure_id").agg(verdict=("verdict", "first"),
                                           figures=("text", lambda t: " | ".join(dict.fromkeys(t))))
print(verdicts.sort_values(["verdict"], kind="mergesort").to_string())
measure_verdicts = read("measure_verdicts")
disagreeing = measure_verdicts[(measure_verdicts["sources_count"].astype(int) > 1)
                               & (measure_verdicts["verdict"] != "consistent")]
for measure_id, note in zip(disagreeing["measure_id"], disagreeing["conflict_note"]):
    print(f"- {measure_id}: {note[:300]}")

heading("Timeline of the dispute (events, 2023)")
events = read("events")
events = events[events["start_date"] >= "2023-01-01"].sort_values(["start_date", "event_id"])
print(events[["start_date", "end_date", "date_precision", "event_type", "status", "event_id"]].to_string(index=False))

heading("Where the articles disagree about events (event_disagreements)")
disagreements = read("event_disagreements")
print(disagreements[["event_id", "aspect", "source_id", "other_source_id"]].to_string(index=False))

heading("Quotations altered between outlets (statement_reports)")
if not (DATA / "statement_reports.csv").exists():
    print("data/statement_reports.csv is not published in this version of the package: section skipped.")
else:
    reports = read("statement_reports")
    print(reports["difference"].value_counts().to_string())
    altered = reports[reports["difference"] != "identical"]
    print(altered[["statement_id", "source_id", "difference", "text"]].to_string(index=False))
