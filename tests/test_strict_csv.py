"""Curated and published CSVs are read strictly: nothing is silently lost, padded, truncated or reinterpreted.

Each test feeds one malformed input the lenient csv module used to accept, and checks that the failure names the
file, its real line number and byte offset, the column where there is one, and what to do.
"""
from __future__ import annotations

import pytest

from scripts.build import BuildFailed, build
from scripts.errors import InputError
from scripts.package.tableschema import load_schema
from scripts.package.tables import read_csv, read_csv_records

EVENTS = load_schema("events")
HEADER = ",".join(EVENTS.field_names)


def events_csv(tmp_path, *records: str, raw: bytes | None = None):
    """A data/events.csv-like file with the given record lines (strings, joined by LF)."""
    path = tmp_path / "events.csv"
    path.write_bytes(raw if raw is not None else ("\n".join((HEADER,) + records) + "\n").encode("utf-8"))
    return path


def good_event(event_id="e-2023-01-01", duration="", description="A strike."):
    cells = {name: "" for name in EVENTS.field_names}
    cells.update(event_id=event_id, event_type="strike", start_date="2023-01-01", end_date="2023-01-02",
                 date_precision="day", status="happened", duration_hours=duration, description=description)
    return ",".join(cells[name] if "," not in cells[name] else f'"{cells[name]}"' for name in EVENTS.field_names)


def problems_of(path):
    return read_csv(path, EVENTS, "events.csv")[1]


def test_unclosed_quote_is_reported_at_its_line_instead_of_swallowing_the_next_rows(tmp_path):
    rows = [good_event(f"e-{i}") for i in range(4)]
    rows[1] = rows[1].replace("A strike.", '"A strike.')
    frame, problems = read_csv(events_csv(tmp_path, *rows), EVENTS, "events.csv")
    assert problems, "an unclosed quote must not pass"
    assert problems[0].line == 3 and "does not close" in problems[0].message and "\"\"" in problems[0].message
    assert problems[0].offset == len((HEADER + "\n" + rows[0] + "\n").encode())


def test_unclosed_quote_closed_by_a_later_quote_is_still_reported(tmp_path):
    rows = [good_event(f"e-{i}") for i in range(4)]
    rows[0] = rows[0].replace("A strike.", '"A strike.')
    rows[2] = rows[2].replace("A strike.", '"A, strike."')
    problems = problems_of(events_csv(tmp_path, *rows))
    assert problems and problems[0].line == 2 and "does not close" in problems[0].message


def test_unquoted_comma_is_a_record_with_too_many_fields(tmp_path):
    row = good_event().replace("A strike.", "A strike, then talks.")
    problems = problems_of(events_csv(tmp_path, good_event("e-0"), row))
    assert [(p.line, p.column) for p in problems] == [(3, None)]
    assert "fields but the header has" in problems[0].message and "must be quoted" in problems[0].message


def test_extra_cell_is_refused_not_dropped(tmp_path):
    problems = problems_of(events_csv(tmp_path, good_event() + ",extra"))
    assert len(problems) == 1 and problems[0].line == 2 and f"has {len(EVENTS.field_names) + 1} fields" in problems[0].message


def test_short_row_is_refused_not_padded_with_an_empty_cell(tmp_path):
    row = good_event().rsplit(",", 1)[0]
    frame, problems = read_csv(events_csv(tmp_path, row), EVENTS, "events.csv")
    assert len(problems) == 1 and "add the missing cells" in problems[0].message and len(frame) == 0


def test_nul_byte_in_a_cell_is_refused(tmp_path):
    problems = problems_of(events_csv(tmp_path, good_event(description="A\x00strike.")))
    assert [(p.line, p.column) for p in problems] == [(2, "description")] and "NUL" in problems[0].message


def test_other_control_characters_are_refused(tmp_path):
    problems = problems_of(events_csv(tmp_path, good_event(description="A\x1bstrike.")))
    assert problems and "U+001B" in problems[0].message


def test_line_break_is_allowed_in_free_text_but_not_in_an_id(tmp_path):
    ok = good_event().replace("A strike.", '"A strike\non two lines."')
    assert problems_of(events_csv(tmp_path, ok)) == []
    bad = good_event().replace("e-2023-01-01", '"e-2023\n-01-01"')
    problems = problems_of(events_csv(tmp_path, bad))
    assert [(p.line, p.column) for p in problems] == [(2, "event_id")] and "line break" in problems[0].message


@pytest.mark.parametrize("duration", ["\u0664\u0668", "\u096a\u096e", "48\n", " 48", "48 ", "1e999"])
def test_typed_cell_with_foreign_digits_or_whitespace_is_refused(tmp_path, duration):
    quoted = f'"{duration}"' if "\n" in duration else duration
    row = good_event(duration="__D__").replace("__D__", quoted)
    problems = problems_of(events_csv(tmp_path, row))
    assert [(p.line, p.column) for p in problems] == [(2, "duration_hours")], problems


def test_ascii_whole_number_still_reads(tmp_path):
    frame, problems = read_csv(events_csv(tmp_path, good_event(duration="48")), EVENTS, "events.csv")
    assert problems == [] and frame["duration_hours"].tolist() == [48]


@pytest.mark.parametrize("duration", ["9223372036854775808", "-9223372036854775809", "1" + "0" * 30])
def test_whole_number_past_int64_is_a_problem_not_a_crash(tmp_path, duration):
    problems = problems_of(events_csv(tmp_path, good_event(duration="9223372036854775807"), good_event(duration=duration)))
    assert [(p.line, p.column, p.value) for p in problems] == [(3, "duration_hours", duration)]
    assert "too large a whole number" in problems[0].message


def test_byte_order_mark_is_named_as_such(tmp_path):
    path = events_csv(tmp_path, raw=b"\xef\xbb\xbf" + (HEADER + "\n" + good_event() + "\n").encode())
    problems = problems_of(path)
    assert len(problems) == 1 and "byte-order mark" in problems[0].message and problems[0].offset == 0
    assert "unknown column" not in str(problems[0]) and "header does not match" not in str(problems[0])


def test_utf8_error_past_the_first_8kb_gives_its_byte_offset_and_line(tmp_path):
    rows = [good_event(f"e-{i:05d}") for i in range(400)]
    text = (HEADER + "\n" + "\n".join(rows) + "\n").encode()
    assert len(text) > 20_000
    bad_at = text.index(b"e-00300")
    raw = text[:bad_at] + b"\xe9" + text[bad_at + 1:]
    problems = problems_of(events_csv(tmp_path, raw=raw))
    assert len(problems) == 1 and problems[0].offset == bad_at and problems[0].line == 302
    assert "not valid UTF-8" in problems[0].message and "byte 302" not in str(problems[0])


def test_problems_after_a_multiline_record_give_the_files_own_line(tmp_path):
    rows = [good_event("e-0").replace("A strike.", '"A strike\nover\nthree lines."'), good_event("e-1", duration="x")]
    frame, problems = read_csv(events_csv(tmp_path, *rows), EVENTS, "events.csv")
    text = events_csv(tmp_path, *rows).read_bytes()
    assert [(p.line, p.column) for p in problems] == [(5, "duration_hours")]
    assert problems[0].offset == text.index(b"e-1") and "line 5 (byte" in str(problems[0])


def test_records_know_their_first_line(tmp_path):
    rows = [good_event("e-0").replace("A strike.", '"two\nlines"'), good_event("e-1")]
    records = read_csv_records(events_csv(tmp_path, *rows), free_text={"description"})
    assert records.lines == [2, 4] and records.problems == []


# The build: a curated table that is malformed reports its own error, with the curated file's line.

def test_unclosed_quote_in_a_curated_table_is_reported_in_that_table(inputs_copy):
    orgs = inputs_copy / "curated/organisations.csv"
    lines = orgs.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace("Trade union", '"Trade union', 1)
    orgs.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    own = [p for p in failure.value.problems if p.file.endswith("curated/organisations.csv")]
    assert own and own[0].line == 3 and "does not close" in own[0].message, failure.value
    assert not any("dangling" in p.message for p in failure.value.problems)


def test_curated_row_with_an_extra_cell_stops_the_build(inputs_copy):
    aliases = inputs_copy / "curated/organisation_aliases.csv"
    lines = aliases.read_text(encoding="utf-8").split("\n")
    lines[3] += ",surplus"
    aliases.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    assert any(p.file.endswith("organisation_aliases.csv") and p.line == 4 and "fields but the header" in p.message
               for p in failure.value.problems), failure.value


def test_curated_error_after_a_multiline_record_names_the_files_line(inputs_copy):
    people = inputs_copy / "curated/people.csv"
    text = people.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert any(line.startswith("rob-corp,") for line in lines[:-3])  # a record over two lines comes first
    target = next(i for i, line in enumerate(lines) if i > 7 and ",uk-government," in line)
    lines[target] = lines[target].replace(",uk-government,", ",no-such-org,", 1)
    people.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    problem = next(p for p in failure.value.problems if p.column == "organisation_id")
    assert problem.line == target + 1 and f"line {target + 1} (byte" in str(problem)


def test_curated_table_with_a_bom_is_named_as_such(inputs_copy):
    measures = inputs_copy / "curated/measures.csv"
    measures.write_bytes(b"\xef\xbb\xbf" + measures.read_bytes())
    with pytest.raises((BuildFailed, InputError)) as failure:
        build(inputs_copy)
    assert "measures.csv" in str(failure.value) and "byte-order mark" in str(failure.value)


def test_a_malformed_sources_table_is_reported_without_knock_on_errors(inputs_copy):
    sources = inputs_copy / "curated/sources.csv"
    sources.write_bytes(b"\xef\xbb\xbf" + sources.read_bytes())
    with pytest.raises(BuildFailed) as failure:
        build(inputs_copy)
    assert [p.file.rsplit("/", 1)[-1] for p in failure.value.problems] == ["sources.csv"], failure.value
    assert "byte-order mark" in failure.value.problems[0].message
