"""Reviewed corrections: applied only while they fit what the extractor gives, and visible in the published rows."""
from __future__ import annotations

import csv
import io

import pytest

from scripts.build import BuildFailed, build
from scripts.paths import ROOT
from scripts.package.tableschema import load_schema
from tests.conftest import published_table

HEADER = "table,source_id,text,start,column,extracted_value,corrected_value,reason\n"
GROUP_QUOTE = "Just a reminder that we had a meeting today which @SteveBarclay  failed to attend."


def write_corrections(root, *rows: str) -> None:
    (root / "curated/corrections.csv").write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")


def correction_problems(root) -> list:
    with pytest.raises(BuildFailed) as failure:
        build(root)
    problems = [p for p in failure.value.problems if p.file.endswith("curated/corrections.csv")]
    assert problems, failure.value
    return problems


def csv_rows(path) -> dict[tuple, dict]:
    text = path.read_text(encoding="utf-8")
    return {(r["source_id"], r["start"], r["end"]): r for r in csv.DictReader(io.StringIO(text, newline=""))}


@pytest.mark.parametrize("table", ["quotes", "figures", "mentions"])
def test_published_extracted_tables_agree_with_the_hand_labels_once_corrections_apply(built_root, table):
    published = csv_rows(built_root / "data" / f"{table}.csv")
    gold = csv_rows(ROOT / "curated/gold" / f"{table}.csv")
    assert sorted(published) == sorted(gold)
    numbers = {f["name"] for f in load_schema(table).fields if f["type"] == "number"}
    for key, labelled in gold.items():
        for column, expected in labelled.items():
            value = published[key][column]
            if column in numbers and value and expected:
                assert float(value) == float(expected), (key, column)
            else:
                assert value == expected, (key, column)


def test_corrected_rows_are_marked_and_no_others(built_root):
    corrections = published_table(built_root, "corrections")
    for table in ("quotes", "figures", "mentions"):
        rows = published_table(built_root, table)
        marked = set(zip(rows.loc[rows["corrected"], "source_id"], rows.loc[rows["corrected"], "start"]))
        mine = corrections[corrections["table"] == table]
        assert marked == set(zip(mine["source_id"], mine["start"]))
    assert published_table(built_root, "quotes")["corrected"].sum() > 0


def test_correction_applies_the_reviewed_value(inputs_copy):
    write_corrections(inputs_copy, f"quotes,hereford-times-2023-03-11,{GROUP_QUOTE},1302,speaker_organisation_id,"
                                   "bma,bma-junior-doctors-committee,The group is the committee.")
    build(inputs_copy)
    quotes = published_table(inputs_copy, "quotes")
    row = quotes[(quotes["source_id"] == "hereford-times-2023-03-11") & (quotes["start"] == 1302)].iloc[0]
    assert row["speaker_organisation_id"] == "bma-junior-doctors-committee" and row["corrected"]
    assert quotes["corrected"].sum() == 1


def test_correction_whose_extracted_value_no_longer_matches_names_row_and_fix(inputs_copy):
    write_corrections(inputs_copy, f"quotes,hereford-times-2023-03-11,{GROUP_QUOTE},1302,speaker_organisation_id,"
                                   "uk-government,bma-junior-doctors-committee,The group is the committee.")
    problem, = correction_problems(inputs_copy)
    assert problem.line == 2 and problem.column == "extracted_value"
    assert "now gives 'bma', not 'uk-government'" in problem.message and "review the correction" in problem.message


def test_correction_the_extractor_has_made_unnecessary_says_delete_it(inputs_copy):
    write_corrections(inputs_copy, f"quotes,hereford-times-2023-03-11,{GROUP_QUOTE},1302,speaker_organisation_id,"
                                   "uk-government,bma,Already right.")
    problem, = correction_problems(inputs_copy)
    assert "now gives the corrected value" in problem.message and "delete this correction" in problem.message


def test_correction_of_a_span_the_extractor_does_not_give_says_re_key_or_delete(inputs_copy):
    write_corrections(inputs_copy, "quotes,hereford-times-2023-03-11,Just a reminder,1302,speaker_organisation_id,"
                                   "bma,bma-junior-doctors-committee,Wrong span.")
    problem, = correction_problems(inputs_copy)
    assert problem.column == "start" and "no longer gives a quotes row" in problem.message


def test_correction_whose_text_is_not_at_its_offset_names_the_offset(inputs_copy):
    write_corrections(inputs_copy, f"quotes,hereford-times-2023-03-11,{GROUP_QUOTE},1301,speaker_organisation_id,"
                                   "bma,bma-junior-doctors-committee,Offset one off.")
    problem, = correction_problems(inputs_copy)
    assert problem.column == "start" and problem.value == "1301" and "does not start at this offset" in problem.message


@pytest.mark.parametrize("column, value, says", [
    ("start", "bma", "no correctable column 'start'"),
    ("speaker_status", "resolvd", "use one of resolved, unresolved, none"),
])
def test_correction_of_a_key_or_to_a_value_outside_the_vocabulary_is_refused(inputs_copy, column, value, says):
    extracted = "1302" if column == "start" else "resolved"
    write_corrections(inputs_copy, f"quotes,hereford-times-2023-03-11,{GROUP_QUOTE},1302,{column},"
                                   f"{extracted},{value},Bad.")
    problem, = correction_problems(inputs_copy)
    assert says in problem.message, problem


def test_failed_correction_leaves_the_published_package_as_it_was(built_root, tmp_path):
    import shutil
    root = tmp_path / "repo"
    shutil.copytree(built_root, root)
    before = (root / "data/quotes.csv").read_bytes()
    write_corrections(root, f"quotes,hereford-times-2023-03-11,{GROUP_QUOTE},1302,speaker_organisation_id,"
                            "uk-government,bma-junior-doctors-committee,Stale.")
    correction_problems(root)
    assert (root / "data/quotes.csv").read_bytes() == before
