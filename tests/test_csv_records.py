import csv
import datetime as dt
import io

import numpy as np
import pandas as pd
import pytest

from scripts.csv_records import RecordWriter
from scripts.package.tables import as_written


def written(rows) -> str:
    out = io.StringIO()
    RecordWriter(out).writerows(rows)
    return out.getvalue()


def test_a_field_with_a_lone_carriage_return_reads_back_as_one_record():
    rows = [["id", "text", "start"], ["a", "Ward Nurses\rCollective", 39], ["b", "plain", 4]]
    text = written(rows)
    assert list(csv.reader(io.StringIO(text, newline=""))) == [[str(c) for c in r] for r in rows]
    frame = pd.read_csv(io.StringIO(text, newline=""))
    assert frame["text"].tolist() == ["Ward Nurses\rCollective", "plain"]
    assert frame["start"].tolist() == [39, 4]


def test_records_without_a_carriage_return_are_written_as_csv_writer_writes_them():
    rows = [["id", "text", "n"], ["a", 'say "no", then\nleave', None], ["b", "", 1.5]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    assert written(rows) == out.getvalue()


def test_extraction_command_output_with_classic_mac_line_ends_reads_back_row_for_row(tmp_path):
    from scripts.extract_articles import run
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes("Health minister Nia Pugh met the Ward Nurses\rCollective (WNC) on Monday.\r\r"
                                   "“We will not move,” Ms Pugh said.\r".encode("utf-8"))
    counts = run([folder], tmp_path / "out", dt.date(2023, 3, 11))
    for table in ("quotes", "mentions", "figures"):
        frame = pd.read_csv(tmp_path / "out" / f"{table}.csv", keep_default_na=False)
        assert len(frame) == counts[table], table
    mentions = pd.read_csv(tmp_path / "out" / "mentions.csv")
    assert "Ward Nurses\rCollective" in mentions["text"].tolist()


def test_in_a_batch_only_the_record_with_a_carriage_return_is_fully_quoted():
    rows = [["a", "plain", 1], ["b", "Ward\rNurses", 2], ["c", 'say "no"', None]]
    minimal, quoted = io.StringIO(), io.StringIO()
    csv.writer(minimal, lineterminator="\n").writerow(rows[0])
    csv.writer(quoted, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow(rows[1])
    csv.writer(quoted, lineterminator="\n").writerow(rows[2])
    assert written(rows) == minimal.getvalue() + quoted.getvalue()
    assert written(iter(rows)) == written(rows)  # any iterable of rows, not only a list


def test_nullable_integer_and_boolean_columns_are_formatted_as_cell_by_cell():
    from scripts.package.tables import _formatted, format_cell
    integers = pd.array([0, -7, None, 2**53 + 1, 39], dtype="Int64")
    booleans = pd.array([True, None, False], dtype="boolean")
    assert _formatted("integer", pd.Series(integers)) == [format_cell("integer", v) for v in integers]
    assert _formatted("boolean", pd.Series(booleans)) == ["true", "", "false"]
    assert _formatted("string", pd.Series(pd.array(["x", None], dtype="string"))) == ["x", ""]


@pytest.mark.parametrize("value, cell", [(np.int64(3), "3"), (3, "3"), (np.bool_(True), "true"), (False, "false"),
                                     (10.65, "10.65"), (np.float64(2.0), "2"), ("a, b", "a, b"), (pd.NA, ""),
                                     (None, "")])
def test_a_value_quoted_in_a_message_is_written_as_its_csv_cell(value, cell):
    assert as_written(value) == cell
