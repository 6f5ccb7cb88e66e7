"""Build the whole package from articles/ and curated/, validate it, and only then publish it.

Usage: python -m scripts.build
Steps: sources -> curated tables -> input checks -> extracted tables -> reviewed corrections -> derived tables
-> write CSV, Parquet, datapackage.json and SHA256SUMS into a staging directory -> validate the staging package
-> draw docs/charts/ and refresh the README's generated sections in staging -> switch data/, datapackage.json,
docs/charts/ and README.md into place together (scripts/package/publish.py: locked, journalled, recovered after a kill).
Any failure before the switch leaves the published package as it was and lists every problem; exit status 0 means
published, 1 nothing published, 2 a publish that stopped half-way and is completed by the next build.
"""
from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from scripts.package import readme as write_readme
from scripts.inputs.corrections import apply_corrections
from scripts.package.checks import validate_tables
from scripts.package.charts import draw_charts
from scripts.errors import InputError
from scripts.inputs.curated_tables import make_curated_table
from scripts.across.derived import make_derived_table
from scripts.extract.tables import lexicon_from_frames, make_extracted_table
from scripts.inputs.sources import make_sources
from scripts.paths import ROOT
from scripts.package.publish import JOURNAL, JOURNAL_DIR, PublishInterrupted, new_staging, publish, recover
from scripts.package.publish import lock as publish_lock
from scripts.package.release import write_release_files
from scripts.package.tableschema import all_schemas, read_json
from scripts.package.tables import Problem, relocate
from scripts.package.validate import report, validate_package
from scripts.package.write import descriptor, write_checksums, write_descriptor, write_tables


class BuildFailed(Exception):
    def __init__(self, stage: str, problems: list[Problem]):
        self.stage, self.problems = stage, problems
        super().__init__(report(problems, stage))


def make_frames(root: Path):
    """Every table as a frame, and the article texts; raises BuildFailed on bad curated input."""
    schemas = all_schemas(root / "schemas")
    curated_dir, articles_dir = root / "curated", root / "articles"
    frames, problems, records = {}, [], {}
    frames["sources"], articles, problems = make_sources(schemas["sources"], curated_dir, articles_dir, records)
    for name, schema in schemas.items():
        if schema.provenance == "curated" and name != "sources":
            frames[name], table_problems = make_curated_table(schema, curated_dir, articles, records)
            problems += table_problems
    malformed = [p for p in problems if p.offset is not None]  # the CSV itself could not be read (located to a byte)
    if malformed:  # only these: the tables they leave out would make knock-on errors elsewhere
        raise BuildFailed("curated input (malformed CSV; the other checks run once these files read)", malformed)
    if problems:  # unreadable cells or unplaced evidence: the causes, before their knock-on failures
        raise BuildFailed("curated input", relocate(problems, records))
    files = {name: str(curated_dir / f"{name}.csv") for name in frames}
    problems = validate_tables(frames, schemas, articles, files)
    if problems:
        raise BuildFailed("curated input", sorted(set(relocate(problems, records)), key=str))
    lexicon = lexicon_from_frames(frames)
    for name, schema in schemas.items():
        if schema.provenance == "extracted":
            frames[name] = make_extracted_table(schema, articles, lexicon)
    problems = apply_corrections(frames, schemas, str(curated_dir / "corrections.csv"))
    if problems:
        raise BuildFailed("corrections", relocate(problems, records))
    for name, schema in schemas.items():
        if schema.provenance == "derived":
            frames[name] = make_derived_table(name, frames, articles)
    return schemas, frames, articles


def stage_package(root: Path, staging: Path, schemas, frames) -> None:
    """A complete, self-contained package in staging/: data, descriptor, and copies of schemas and articles."""
    shutil.copytree(root / "schemas", staging / "schemas")
    shutil.copytree(root / "articles", staging / "articles")
    write_tables(frames, schemas, staging / "data")
    metadata = read_json(root / "metadata" / "package.json")
    write_descriptor(descriptor(metadata, schemas, frames["sources"], staging), staging)
    write_checksums(staging)


def stage_docs(root: Path, staging: Path) -> None:
    """The pictures and the README of the staged package, into staging/ (a repository checkout only).

    They are switched in with the data, so the published README and charts always describe the published data.
    """
    draw_charts(staging)  # reads staging/data, writes staging/docs/charts
    readme = (root / "README.md").read_text(encoding="utf-8")
    sections = {"tables": write_readme.counts_and_samples(staging), "evaluation": write_readme.evaluation(root),
                "charts": write_readme.charts(staging), "codebook": write_readme.codebook(staging)}
    (staging / "README.md").write_text(write_readme.render(readme, sections), encoding="utf-8")


def build(root: Path = ROOT, log=None) -> dict[str, int]:
    """Build, validate and publish; returns row counts per table. Raises BuildFailed, InputError or
    PublishInterrupted (the publish passed its commit point and the next build completes it).

    Holds the package's lock throughout; first completes or clears what a killed build left (scripts.package.publish).
    """
    root = Path(root)
    with publish_lock(root):
        recovered = recover(root)
        if recovered and log:
            log(recovered)
        schemas, frames, _ = make_frames(root)
        staging = new_staging(root)
        try:
            stage_package(root, staging, schemas, frames)
            write_release_files(staging)  # SQLite + Croissant into staging/data/ (scripts/package/release.py), validated below
            problems = validate_package(staging)
            if problems:
                raise BuildFailed("built package (nothing was published)", problems)
            if (root / "README.md").exists():  # a repository checkout: its pictures and README too
                stage_docs(root, staging)
            for scratch in ("schemas", "articles"):  # copies for the self-contained validation, not published
                shutil.rmtree(staging / scratch)
            publish(staging, root)
        finally:
            if not (root / JOURNAL_DIR / JOURNAL).exists():  # never remove a staging a journal still needs
                shutil.rmtree(staging, ignore_errors=True)
    return {name: len(frame) for name, frame in frames.items()}


def main(root: Path = ROOT) -> int:
    started = time.perf_counter()
    try:
        counts = build(root, log=lambda message: print(message, file=sys.stderr))
    except (BuildFailed, InputError) as err:
        print(f"BUILD FAILED: {err}", file=sys.stderr)
        print("Nothing was published: data/, datapackage.json, docs/charts/ and README.md were left as they were.",
              file=sys.stderr)
        return 1
    except PublishInterrupted as err:
        print(f"PUBLISH INTERRUPTED: {err}", file=sys.stderr)
        return 2
    for name, count in counts.items():
        print(f"{name:22s} {count:5d} rows")
    print(f"built, validated and published in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
