"""What keeps a large corpus build's memory down, pinned by its results (BENCHMARK.md, "Memory of the corpus build").

Memory itself is measured in the benchmark, never here; these tests pin that the streamed and batched paths give
exactly what the whole-at-once paths gave.
"""
from __future__ import annotations

import pandas as pd
import pytest

from scripts.evaluation.benchmark import paragraph_pool, synthetic_article
from scripts.extract import engines
from scripts.extract.lexicon import Lexicon
from scripts.extract.tables import make_extracted_table, make_extracted_tables
from scripts.package import tables
from scripts.package.tableschema import all_schemas, load_schema
from scripts.package.tables import read_csv_records, read_table

EVENTS = load_schema("events")


@pytest.fixture(scope="module")
def corpus() -> dict[str, str]:
    pool, dates = paragraph_pool()
    return {f"synthetic-{i:03d}": synthetic_article(i, 11, pool, dates)[0] for i in range(11)}


def test_local_extraction_in_small_batches_gives_the_one_table_reference(corpus, monkeypatch):
    schemas = all_schemas()
    sizes = []
    extract_batch = engines.extract_batch

    def counted(items, layouts, lexicon):
        sizes.append(len(items))
        return extract_batch(items, layouts, lexicon)

    monkeypatch.setattr(engines, "LOCAL_BATCH", 4)
    monkeypatch.setattr(engines, "extract_batch", counted)
    got = make_extracted_tables(schemas, corpus, Lexicon.from_curated())
    assert sizes == [4, 4, 3]  # 11 texts, never more than a batch's rows held as dicts
    for name in ("quotes", "figures", "mentions"):
        expected = make_extracted_table(schemas[name], corpus, Lexicon.from_curated())
        assert len(expected)
        pd.testing.assert_frame_equal(got[name], expected, check_exact=True)


def _events_csv(tmp_path, cells_by_row: list[dict[str, str]]):
    lines = [",".join(EVENTS.field_names)]
    for given in cells_by_row:
        cells = {name: "" for name in EVENTS.field_names}
        cells.update(event_type="strike", start_date="2023-01-01", end_date="2023-01-02", date_precision="day",
                     status="happened", description="A strike.\nOn two lines.")
        cells.update(given)
        lines.append(",".join(f'"{v}"' if "\n" in v or "," in v else v for v in (cells[n] for n in EVENTS.field_names)))
    path = tmp_path / "events.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_table_in_chunks_gives_the_frame_and_line_numbers_of_one_pass(tmp_path, monkeypatch):
    rows = [{"event_id": f"e-{i}"} for i in range(7)]
    rows[5]["duration_hours"] = "many"  # a bad cell in the third chunk, on a record that starts on line 12
    path = _events_csv(tmp_path, rows)
    whole, whole_problems, whole_records = read_table(path, EVENTS, "events.csv")
    monkeypatch.setattr(tables, "READ_CHUNK_ROWS", 2)
    chunked, problems, records = read_table(path, EVENTS, "events.csv")
    pd.testing.assert_frame_equal(chunked, whole, check_exact=True)
    assert problems == whole_problems and len(problems) == 1
    assert (problems[0].line, problems[0].column) == (12, "duration_hours")  # each record spans two lines
    assert problems[0].offset == path.read_bytes().index(b"e-5")
    assert list(records.lines) == list(whole_records.lines) == [2 + 2 * i for i in range(7)]


def test_a_byte_that_is_not_utf8_is_reported_before_an_unclosed_quote_above_it(tmp_path):
    text = ",".join(EVENTS.field_names) + "\n" + '"e-1,strike\n' + "e-2,strike\n"
    raw = text.encode("utf-8") + b"caf\xe9\n"
    path = tmp_path / "events.csv"
    path.write_bytes(raw)
    found = read_csv_records(path, "events.csv")
    assert [(p.line, p.offset) for p in found.problems] == [(4, raw.index(b"\xe9"))]
    assert "not valid UTF-8" in found.problems[0].message and found.rows == [] and found.header == []


def test_an_unclosed_quote_at_the_end_is_located_at_its_line(tmp_path):
    text = ",".join(EVENTS.field_names) + "\n" + '"e-1,strike\nmore\n'
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    frame, problems, _ = read_table(path, EVENTS, "events.csv")
    assert len(frame) == 0
    assert [(p.line, p.offset) for p in problems] == [(2, text.index('"e-1'))]
    assert "does not close before the end of the file" in problems[0].message


def test_article_texts_buffer_gives_the_dicts_keys_order_and_texts():
    from scripts.inputs.articles import ArticleTexts
    texts = {"b-2023": "He said: “We’re not done.” — 5%\n\nNext", "a-2023": "", "c-2023": "plain text",
             "d-2023": "emoji 😀 and é"}
    compact = ArticleTexts(texts)
    assert list(compact) == list(texts) and len(compact) == len(texts)
    assert {k: compact[k] for k in compact} == texts and compact == texts
    assert compact.get("missing") is None and "a-2023" in compact and "missing" not in compact
    assert compact["b-2023"][10:27] == texts["b-2023"][10:27]  # str offsets, not byte offsets
    with pytest.raises(KeyError):
        compact["missing"]
