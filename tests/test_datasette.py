"""`make serve`: Datasette on a loopback port shows the tables, their metadata and the canned queries."""
from __future__ import annotations

import html
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from scripts.paths import ROOT
from scripts.package.release import CANNED_QUERIES, DATABASE, datasette_command, datasette_metadata
from scripts.package.tableschema import all_schemas

DB = Path(DATABASE).stem


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Datasette serving the published database with generated metadata; yields its base URL."""
    metadata = tmp_path_factory.mktemp("datasette") / "metadata.json"
    metadata.write_text(json.dumps(datasette_metadata(ROOT)), encoding="utf-8")
    port = free_port()
    process = subprocess.Popen(datasette_command(ROOT, metadata, port), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"datasette did not start: {process.communicate()[0]}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


def test_every_table_page_shows_its_title_description_columns_and_rows(server):
    for name, schema in all_schemas(ROOT / "schemas").items():
        page = html.unescape(get(f"{server}/{DB}/{name}"))
        assert schema.title in page and "CC-BY-4.0" in page, name
        shown = json.loads(get(f"{server}/{DB}/{name}.json?_size=5"))
        assert [c for c in shown["columns"] if c != "rowid"] == schema.field_names, name
        with sqlite3.connect(ROOT / "data" / DATABASE) as db:  # may be 0 (candidate_people)
            published = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        assert len(shown["rows"]) == min(5, published), name


def test_the_canned_queries_answer_who_is_quoted_most_and_the_timeline(server):
    for query in CANNED_QUERIES:
        assert CANNED_QUERIES[query]["title"] in html.unescape(get(f"{server}/{DB}/{query}"))
    quoted = json.loads(get(f"{server}/{DB}/who_is_quoted_most.json?_shape=array"))
    assert quoted[0]["quotes"] >= quoted[-1]["quotes"] and sum(r["quotes"] for r in quoted) == len(
        json.loads(get(f"{server}/{DB}/quotes.json?_shape=array&_size=max")))
    timeline = json.loads(get(f"{server}/{DB}/timeline.json?_shape=array&_size=max"))
    dates = [r["start_date"] for r in timeline if r["start_date"]]
    assert dates == sorted(dates) and len(timeline) == len(json.loads(get(f"{server}/{DB}/events.json?_shape=array&_size=max")))
    conflicts = json.loads(get(f"{server}/{DB}/conflicting_figures.json?_shape=array&_size=max"))
    assert all(r["verdict"] not in ("single_source", "consistent") for r in conflicts)


def test_full_text_search_works_in_the_browser_view(server):
    found = json.loads(get(f"{server}/{DB}/quotes.json?_search=strike&_shape=array"))
    assert found and all("strike" in r["text"].lower() for r in found)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing in CI: .ci/run installs it with apt-get")
    pytest.skip("chromium is not installed (apt-get install -y chromium); CI installs it and runs this test")


def test_a_headless_browser_renders_the_quotes_page(server, tmp_path):
    from PIL import Image

    browser, shot = chromium(), tmp_path / "quotes.png"
    run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync",
                          f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900",
                          f"--screenshot={shot}", f"{server}/{DB}/quotes"],
                         capture_output=True, text=True, timeout=120)
    assert shot.exists(), run.stderr[-2000:]
    image = Image.open(shot).convert("L")
    assert image.size == (1280, 900)
    histogram = image.histogram()
    dark = sum(histogram[:128]) / (image.size[0] * image.size[1])
    assert 0.005 < dark < 0.6, f"the page looks blank or black ({dark:.3%} dark pixels)"
    assert len([count for count in histogram if count]) > 20  # text, borders and backgrounds, not one flat colour
    if os.environ.get("KEEP_SCREENSHOT"):
        shutil.copy(shot, os.environ["KEEP_SCREENSHOT"])
