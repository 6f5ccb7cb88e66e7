"""The installable loader: typed tables from the repository folder, a zip, a URL and an installed wheel."""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from junior_doctors_strikes import PackageNotFound, load, load_package, open_package, table_names
from scripts.paths import ROOT
from scripts.package.tableschema import all_schemas

SCHEMAS = all_schemas(ROOT / "schemas")
EXPECTED_KIND = {"date": "datetime64[us]", "integer": "Int64", "number": "Float64", "boolean": "boolean",
                 "string": "string"}


def package_zip(destination: Path, root: Path = ROOT) -> Path:
    """A zip of the published package under one top folder, as a release is laid out."""
    path = destination / "package.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in [root / "datapackage.json", *sorted((root / "data").iterdir()), *sorted((root / "schemas").iterdir())]:
            archive.write(file, "junior-doctors-strikes-x/" + str(file.relative_to(root)))
    return path


def test_every_table_of_the_schemas_loads_with_the_pandas_type_of_each_field():
    tables = load_package(ROOT)
    assert list(tables) == list(SCHEMAS)
    for name, schema in SCHEMAS.items():
        frame = tables[name]
        assert list(frame.columns) == schema.field_names
        for field in schema.fields:
            column = frame[field["name"]]
            if schema.enum(field["name"]):
                assert isinstance(column.dtype, pd.CategoricalDtype), (name, field["name"])
                assert list(column.cat.categories) == schema.enum(field["name"])
            else:
                assert str(column.dtype) == EXPECTED_KIND[field["type"]], (name, field["name"], column.dtype)
        assert len(frame) == len(pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str))


def test_loaded_dates_work_with_dt_timestamps_resample_and_a_read_csv_merge():
    events = load("events", ROOT)
    assert events["start_date"].dt.year.min() >= 2000
    later = events[events["start_date"] > pd.Timestamp("2023-06-01")]
    assert 0 < len(later) < len(events)
    assert events.set_index("start_date").resample("MS").size().sum() == events["start_date"].notna().sum()
    from_csv = pd.read_csv(ROOT / "data" / "events.csv", parse_dates=["start_date"])
    merged = events.merge(from_csv[["event_id", "start_date"]], on=["event_id", "start_date"])
    assert len(merged) == len(events)


def test_loaded_values_equal_the_published_csv():
    quotes = load("quotes", ROOT)
    from_csv = pd.read_csv(ROOT / "data" / "quotes.csv", keep_default_na=False, na_values=[""])
    assert quotes["text"].tolist() == from_csv["text"].tolist()
    assert quotes["start"].tolist() == from_csv["start"].tolist()
    assert quotes["continues_previous"].tolist() == from_csv["continues_previous"].tolist()


def test_the_csv_copy_gives_the_same_typed_frame_as_parquet(tmp_path):
    package = open_package(ROOT)
    for name in ("events", "quotes", "figures"):
        from_parquet = package.load(name)
        package._resources.pop(f"{name}-parquet")
        from_csv = package.load(name)
        pd.testing.assert_frame_equal(from_csv, from_parquet)


def test_a_release_zip_loads_like_the_folder(tmp_path):
    archive = package_zip(tmp_path)
    assert table_names(archive) == list(SCHEMAS)
    pd.testing.assert_frame_equal(load("figures", archive), load("figures", ROOT))


@pytest.fixture
def served(tmp_path):
    """An HTTP server on a free loopback port serving the repository and a zip of its package."""
    package_zip(tmp_path)
    os.symlink(ROOT, tmp_path / "repo")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_of_the_folder_or_of_the_zip_loads_like_the_folder(served):
    expected = load("people", ROOT)
    pd.testing.assert_frame_equal(load("people", served + "/repo"), expected)
    pd.testing.assert_frame_equal(load("people", served + "/repo/datapackage.json"), expected)
    pd.testing.assert_frame_equal(load("people", served + "/package.zip"), expected)


def test_an_unknown_table_is_refused_with_the_names_there_are():
    with pytest.raises(KeyError, match="the tables are: sources, organisations"):
        load("quote", ROOT)


def test_an_opened_packages_table_names_are_the_descriptors_csv_tables_and_a_callers_copy():
    package = open_package(ROOT)
    names = package.table_names
    assert names == list(SCHEMAS) and "article-" not in " ".join(names)  # articles and Parquet copies are no tables
    names.append("quote")
    assert "quote" not in package.table_names
    with pytest.raises(KeyError, match="no table 'quote'"):
        package.schema("quote")


def test_a_wrong_source_says_what_to_pass(tmp_path):
    with pytest.raises(PackageNotFound, match="release zip"):
        load("quotes", tmp_path / "nowhere")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(PackageNotFound, match="neither a folder with datapackage.json nor a zip"):
        load("quotes", tmp_path / "notes.txt")


def test_a_descriptor_naming_a_path_outside_the_package_is_refused(tmp_path):
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "quotes-parquet":
            resource["path"] = "../secret.parquet"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    with pytest.raises(ValueError, match="non-local path"):
        load("quotes", tmp_path)


def test_the_installed_wheel_carries_the_package_and_loads_without_the_repository(tmp_path):
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    quiet = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True}
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "--disable-pip-version-check", "-q", "-w", str(wheels), str(ROOT)], **quiet)
    assert built.returncode == 0, built.stdout
    wheel = next(wheels.glob("junior_doctors_strikes-*.whl"))
    version = json.loads((ROOT / "metadata" / "package.json").read_text(encoding="utf-8"))["version"]
    assert wheel.name.startswith(f"junior_doctors_strikes-{version}-")
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                                "--disable-pip-version-check", "-q", "--target", str(target), str(wheel)], **quiet)
    assert installed.returncode == 0, installed.stdout
    script = ("import junior_doctors_strikes as j; q = j.load('quotes'); "
              "print(j.__file__); print(len(q), q['start'].dtype, len(j.load_package()))")
    env = {k: v for k, v in os.environ.items() if k != "JUNIOR_DOCTORS_STRIKES_SOURCE"}
    env["PYTHONPATH"] = str(target)
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, **quiet)
    assert run.returncode == 0, run.stdout
    where, counts = run.stdout.split("\n")[:2]
    assert where.startswith(str(target))
    assert counts == f"{len(load('quotes', ROOT))} Int64 {len(SCHEMAS)}"
