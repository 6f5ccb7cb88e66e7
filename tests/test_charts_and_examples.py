"""The example analysis runs on the published files and says what the package holds; charts are deterministic."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import pandas as pd

from scripts.package.charts import draw_charts
from scripts.package.record_chart import draw_record
from scripts.paths import ROOT


def test_example_analysis_prints_speakers_conflicts_and_timeline(built_root, tmp_path):
    (built_root / "examples").mkdir(exist_ok=True)
    shutil.copy(ROOT / "examples" / "analysis.py", built_root / "examples" / "analysis.py")
    result = subprocess.run([sys.executable, str(built_root / "examples" / "analysis.py")],
                            capture_output=True, text=True, timeout=60, check=True)
    out = result.stdout
    assert "Steve Barclay" in out and "Sky News" in out
    assert "strike-length-days" in out and "different_instances" in out
    assert "bma-junior-doctors-strike-2023-03-13" in out and "2023-03-13" in out
    assert "Quotations altered between outlets" in out


def test_example_analysis_skips_statement_reports_when_absent(built_root, tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(built_root / "data", copy / "data")
    (copy / "data" / "statement_reports.csv").unlink(missing_ok=True)
    (copy / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "analysis.py", copy / "examples" / "analysis.py")
    out = subprocess.run([sys.executable, str(copy / "examples" / "analysis.py")],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    assert "section skipped" in out


def _digests(paths) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_charts_are_byte_identical_across_runs(built_root):
    first = _digests(draw_charts(built_root))
    second = _digests(draw_charts(built_root))
    assert first == second
    assert "timeline.png" in first and "measure-ballot-support-share.png" in first
    assert all((built_root / "docs" / "charts" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for name in first)


def test_the_record_chart_draws_rows_whose_optional_values_are_empty(built_root, tmp_path):
    shutil.copytree(built_root / "data", tmp_path / "data")
    blanked = {"offers": ["uplift_percent", "offered_date"], "ballots": ["share_for_percent"],
               "strike_rounds": ["start_time", "end_time"]}
    for table, columns in blanked.items():
        path = tmp_path / "data" / f"{table}.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame[columns] = ""
        frame.to_csv(path, index=False)
    chart = draw_record(tmp_path, tmp_path / "record.png")
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
