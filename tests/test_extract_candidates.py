"""Candidate tables: names nobody curated, gathered from mention rows for review."""
from __future__ import annotations

from scripts.extract.candidates import candidate_tables, kind_guess


def mention(source_id, start, text, name, kind="organisation", resolution="unresolved_candidate"):
    return {"source_id": source_id, "start": start, "end": start + len(text), "text": text, "entity_kind": kind,
            "resolution": resolution, "normalised_name": name}


def test_one_row_per_normalised_name_with_mentions_articles_and_the_first_evidence():
    rows = [mention("b", 5, "WNC", "Ward Nurses Collective"), mention("a", 40, "WNC", "Ward Nurses Collective"),
            mention("a", 10, "Ward Nurses Collective", "Ward Nurses Collective"),
            mention("a", 0, "Ms Pugh", "Nia Pugh", kind="person")]
    people, organisations = candidate_tables(rows)
    assert organisations == [{"normalised_name": "Ward Nurses Collective", "kind_guess": "organisation",
                              "mentions": 3, "articles": 2, "source_id": "a", "start": 10, "end": 32,
                              "text": "Ward Nurses Collective"}]
    assert [(p["normalised_name"], p["kind_guess"], p["mentions"]) for p in people] == [("Nia Pugh", "person", 1)]


def test_curated_mentions_are_not_candidates():
    assert candidate_tables([mention("a", 0, "FMU", "Federated Medics Union", resolution="alias")]) == ([], [])


def test_rows_are_ordered_by_mentions_then_name():
    rows = [mention("a", 0, "Zed Board", "Zed Board"), mention("a", 20, "Abe Trust", "Abe Trust"),
            mention("a", 40, "Zed Board", "Zed Board")]
    assert [r["normalised_name"] for r in candidate_tables(rows)[1]] == ["Zed Board", "Abe Trust"]


def test_kind_guess_reads_the_head_word():
    assert kind_guess("Northland Government", "organisation") == "government"
    assert kind_guess("Ward Nurses Union", "organisation") == "trade_union"
    assert kind_guess("Clicks Images", "organisation") == "photo_agency"
    assert kind_guess("junior doctors’ committee", "organisation") == "committee"
    assert kind_guess("QRX", "organisation") == "acronym"
    assert kind_guess("Nia Pugh", "person") == "person"


def test_merging_collectors_chunk_by_chunk_gives_what_one_collector_gives():
    from scripts.extract.candidates import CandidateCollector

    rows = [mention("c", 5, "WNC", "Ward Nurses Collective"), mention("b", 40, "WNC", "Ward Nurses Collective"),
            mention("b", 9, "Ms Pugh", "Nia Pugh", kind="person"), mention("b", 9, "Nia Pugh", "Nia Pugh", kind="person"),
            mention("a", 3, "Zed Board", "Zed Board"), mention("a", 0, "Zed Board", "Zed Board", kind="outlet"),
            mention("d", 1, "Abe Trust", "Abe Trust"), mention("a", 1, "FMU", "Federated Medics Union", resolution="alias"),
            mention("b", 40, "Ward Nurses Collective", "Ward Nurses Collective"), mention("e", 2, "Abe Trust", "Abe Trust"),
            mention("a", 7, "Zed Board", "Zed Board", kind="outlet")]
    whole = CandidateCollector()
    whole.add(rows)
    for cuts in ([], [1], [3], [2, 4, 9], list(range(1, len(rows)))):
        merged = CandidateCollector()
        for first, last in zip([0, *cuts], [*cuts, len(rows)]):
            chunk = CandidateCollector()
            chunk.add(rows[first:last])
            merged.merge(chunk)
        assert merged.tables() == whole.tables(), cuts


def test_the_package_tables_from_a_mentions_frame_read_in_blocks_are_the_rows_read_one_by_one(monkeypatch):
    import pandas as pd

    from scripts.extract import candidates
    from scripts.package.tableschema import all_schemas
    from scripts.paths import ROOT

    rows = [mention("b", 5, "WNC", "Ward Nurses Collective"), mention("a", 40, "WNC", None),
            mention("a", 10, "Ward Nurses Collective", "Ward Nurses Collective"),
            mention("a", 0, "Ms Pugh", "Nia Pugh", kind="person"), mention("c", 3, "FMU", "FMU", resolution="alias"),
            mention("c", 9, "Zed Board", "Zed Board", kind=None), mention("b", 1, "WNC", "Ward Nurses Collective")]
    schemas = all_schemas(ROOT / "schemas")
    frame = pd.DataFrame(rows).astype({"source_id": "string", "text": "string", "normalised_name": "string",
                                       "entity_kind": "string", "resolution": "string", "start": "Int64", "end": "Int64"})
    monkeypatch.setattr(candidates, "_ROWS_AT_A_TIME", 2)
    frames = candidates.make_candidate_frames(frame, schemas)
    people, organisations = candidate_tables(rows)
    assert frames["candidate_people"].astype(object).to_dict("records") == people
    assert frames["candidate_organisations"].astype(object).to_dict("records") == organisations
    assert [row["mentions"] for row in organisations] == [3, 1, 1]  # the blocks' rows all counted
