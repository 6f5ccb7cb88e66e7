"""Shared fixtures: a package built once per test session in a scratch copy of the repository's inputs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.build import build
from scripts.paths import ROOT
from scripts.package.tableschema import load_schema
from scripts.package.tables import read_csv

INPUTS = ("articles", "curated", "schemas", "metadata")


def copy_inputs(destination: Path) -> Path:
    for name in INPUTS:
        shutil.copytree(ROOT / name, destination / name)
    return destination


@pytest.fixture(scope="session")
def built_root(tmp_path_factory) -> Path:
    """A scratch repository whose package was built from the real inputs (never touches the real data/)."""
    root = copy_inputs(tmp_path_factory.mktemp("built"))
    build(root)
    return root


@pytest.fixture
def package_copy(built_root, tmp_path) -> Path:
    """A throwaway copy of the built package, for tests that corrupt it."""
    copy = tmp_path / "package"
    shutil.copytree(built_root, copy)
    return copy


@pytest.fixture
def inputs_copy(tmp_path) -> Path:
    """A throwaway copy of the inputs, for tests that feed the build bad input."""
    return copy_inputs(tmp_path / "repo")


def published_table(root: Path, name: str):
    """A published table of a built package, typed by its schema; it must read without problems."""
    frame, problems = read_csv(root / "data" / f"{name}.csv", load_schema(name))
    assert not problems
    return frame


def assert_sorted_spans_quote_the_text(text: str, rows: list[dict]) -> None:
    """Every row's text is the article's text at its offsets, and the spans are sorted and do not overlap."""
    for row in rows:
        assert text[row["start"]:row["end"]] == row["text"]
    assert all(a["end"] <= b["start"] for a, b in zip(rows, rows[1:]))
