"""Formula-like cells: data/ keeps them verbatim; the spreadsheet-safe copies escape them and nothing else."""
from __future__ import annotations

import csv
import hashlib
import io

import pytest

from scripts.paths import DATA_DIR
from scripts.package.spreadsheet_safe import escape_cell, escaped_csv, main, write_safe_copies


@pytest.mark.parametrize("cell, shown", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"),
    ("@BMA_JuniorDocs", "'@BMA_JuniorDocs"), ("\tcmd", "'\tcmd"), ("\r=1", "'\r=1"),
    ("-5", "-5"), ("+1.5e3", "+1.5e3"), ("plain text", "plain text"), ("", ""), ("a=b", "a=b"),
])
def test_formula_like_cells_get_an_apostrophe_and_numbers_do_not(cell, shown):
    assert escape_cell(cell) == shown


def test_published_package_keeps_formula_like_text_verbatim(built_root):
    mentions = (built_root / "data/mentions.csv").read_text(encoding="utf-8")
    assert ",@" in mentions and ",'@" not in mentions  # the handles as the articles write them


def test_safe_copies_escape_only_formula_like_text_cells(built_root, tmp_path):
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (built_root / "data").iterdir()}
    changed = write_safe_copies(built_root / "data", tmp_path / "sheet")
    assert changed["mentions.csv"] > 0 and sum(changed.values()) == sum(
        escaped_csv((built_root / "data" / name).read_bytes())[1] for name in changed)
    for name in changed:
        original = list(csv.reader(io.StringIO((built_root / "data" / name).read_text(encoding="utf-8"), newline="")))
        safe = list(csv.reader(io.StringIO((tmp_path / "sheet" / name).read_text(encoding="utf-8"), newline="")))
        assert len(original) == len(safe) and original[0] == safe[0]
        for row, safe_row in zip(original[1:], safe[1:]):
            for a, b in zip(row, safe_row):
                assert b == a or (b == "'" + a and a[:1] in "=+-@\t\r"), (name, a, b)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (built_root / "data").iterdir()} == before


def test_injected_formula_in_a_text_cell_is_escaped(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/quotes.csv").write_text('source_id,start,text\na,-3,"=1+1, said X"\n', encoding="utf-8")
    write_safe_copies(tmp_path / "in", tmp_path / "out")
    assert (tmp_path / "out/quotes.csv").read_text(encoding="utf-8") == "source_id,start,text\na,-3,\"'=1+1, said X\"\n"


def test_never_writes_into_data(tmp_path, capsys):
    assert main([str(tmp_path), "--out", str(DATA_DIR)]) == 2
    assert "separate folder" in capsys.readouterr().err
