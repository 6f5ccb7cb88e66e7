"""Build the whole package from articles/ and curated/, validate it, and only then publish it.

Usage: python -m scripts.build
Steps: sources -> curated tables -> input checks -> extracted tables -> reviewed corrections -> derived tables
-> write CSV, Parquet, datapackage.json and SHA256SUMS into a staging directory -> validate the staging package
-> swap it into data/ and datapackage.json -> redraw docs/charts/ and refresh the README's generated sections.
Any failure leaves the published package as it was and lists every problem.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

from scripts import write_readme
from scripts.apply_corrections import apply_corrections
from scripts.checks import validate_tables
from scripts.draw_charts import draw_charts
from scripts.errors import InputError
from scripts.make_curated_tables import make_curated_table
from scripts.make_derived_tables import make_derived_table
from scripts.make_extracted_tables import lexicon_from_frames, make_extracted_table
from scripts.make_sources import make_sources
from scripts.paths import ROOT
from scripts.release import write_release_files
from scripts.tableschema import all_schemas
from scripts.tables import Problem
from scripts.validate import report, validate_package
from scripts.write_package import descriptor, write_checksums, write_descriptor, write_tables


class BuildFailed(Exception):
    def __init__(self, stage: str, problems: list[Problem]):
        self.stage, self.problems = stage, problems
        super().__init__(report(problems, stage))


def make_frames(root: Path):
    """Every table as a frame, and the article texts; raises BuildFailed on bad curated input."""
    schemas = all_schemas(root / "schemas")
    curated_dir, articles_dir = root / "curated", root / "articles"
    frames, problems = {}, []
    frames["sources"], articles, problems = make_sources(schemas["sources"], curated_dir, articles_dir)
    for name, schema in schemas.items():
        if schema.provenance == "curated" and name != "sources":
            frames[name], table_problems = make_curated_table(schema, curated_dir, articles)
            problems += table_problems
    if problems:  # unreadable cells or unplaced evidence: report the causes before their knock-on failures
        raise BuildFailed("curated input", problems)
    files = {name: str(curated_dir / f"{name}.csv") for name in frames}
    problems = validate_tables(frames, schemas, articles, files)
    if problems:
        raise BuildFailed("curated input", sorted(set(problems), key=str))
    lexicon = lexicon_from_frames(frames)
    for name, schema in schemas.items():
        if schema.provenance == "extracted":
            frames[name] = make_extracted_table(schema, articles, lexicon)
    problems = apply_corrections(frames, schemas, str(curated_dir / "corrections.csv"))
    if problems:
        raise BuildFailed("corrections", problems)
    for name, schema in schemas.items():
        if schema.provenance == "derived":
            frames[name] = make_derived_table(name, frames, articles)
    return schemas, frames, articles


def stage_package(root: Path, staging: Path, schemas, frames) -> None:
    """A complete, self-contained package in staging/: data, descriptor, and copies of schemas and articles."""
    shutil.copytree(root / "schemas", staging / "schemas")
    shutil.copytree(root / "articles", staging / "articles")
    write_tables(frames, schemas, staging / "data")
    metadata = json.loads((root / "metadata" / "package.json").read_text(encoding="utf-8"))
    write_descriptor(descriptor(metadata, schemas, frames["sources"], staging), staging)
    write_checksums(staging)


def publish(staging: Path, root: Path) -> None:
    """Swap the validated data/ and datapackage.json into place; on failure put the previous ones back."""
    previous = root / f".build-previous-{os.getpid()}"
    previous.mkdir()
    had_data = (root / "data").exists()
    if had_data:
        os.rename(root / "data", previous / "data")
    try:
        os.rename(staging / "data", root / "data")
        os.replace(staging / "datapackage.json", root / "datapackage.json")
    except OSError:
        if (root / "data").exists() and had_data:
            shutil.rmtree(root / "data")
        if had_data:
            os.rename(previous / "data", root / "data")
        raise
    shutil.rmtree(previous)


def build(root: Path = ROOT) -> dict[str, int]:
    """Build, validate and publish; returns row counts per table. Raises BuildFailed or InputError."""
    root = Path(root)
    schemas, frames, _ = make_frames(root)
    staging = root / f".build-staging-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        stage_package(root, staging, schemas, frames)
        write_release_files(staging)  # SQLite + Croissant into staging/data/ (scripts/release.py), validated below
        problems = validate_package(staging)
        if problems:
            raise BuildFailed("built package (nothing was published)", problems)
        publish(staging, root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if (root / "README.md").exists():  # a repository checkout: refresh its pictures and README too
        draw_charts(root)
        write_readme.main([], root)
    return {name: len(frame) for name, frame in frames.items()}


def main() -> int:
    started = time.perf_counter()
    try:
        counts = build()
    except (BuildFailed, InputError) as err:
        print(f"BUILD FAILED: {err}", file=sys.stderr)
        print("The published package (data/, datapackage.json) was left as it was.", file=sys.stderr)
        return 1
    for name, count in counts.items():
        print(f"{name:22s} {count:5d} rows")
    print(f"built, validated and published in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
