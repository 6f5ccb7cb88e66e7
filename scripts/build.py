"""Build a whole package from a folder of articles, validate it, and only then publish it.

Usage:
    python -m scripts.build                      # this repository's package: articles/ + curated/ -> data/
    python -m scripts.build --articles DIR --metadata FILE.csv --out OUT [--curated DIR]
                            [--engine {local,dask}] [--scheduler ADDRESS] [--cache DIR] [--work-dir DIR]

Both are one code path (build(layout), scripts/paths.py Layout): the repository's package is the build of
articles/ with the curated sources curated/sources.csv and the curated tables in curated/; anyone's corpus is
the build of their folder with a metadata CSV (scripts/inputs/metadata.py: id, file, outlet, published_date, url,
licence; only id and file required) and, optionally, curated tables of their own (any of the curated/*.csv
files, citing their articles; the others are empty). OUT receives data/ (CSV, Parquet, SQLite, Croissant,
SHA256SUMS), datapackage.json, and copies of the articles and schemas, so that the package stands alone.
Steps: sources -> curated tables -> input checks -> extracted tables -> reviewed corrections -> derived tables
-> write CSV, Parquet, datapackage.json and SHA256SUMS into a staging directory -> validate the staging package
-> draw docs/charts/ and refresh the README's generated sections in staging -> switch data/, datapackage.json,
docs/charts/ and README.md into place together (scripts/package/publish.py: locked, journalled, recovered after a kill).
Any failure before the switch leaves the published package as it was and lists every problem; exit status 0 means
published, 1 nothing published, 2 a publish that stopped half-way and is completed by the next build.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import shutil
import sys
import time
from pathlib import Path

from scripts.package import readme as write_readme
from scripts.inputs.corrections import apply_corrections
from scripts.package.checks import validate_tables
from scripts.package.charts import draw_charts
from scripts.errors import InputError
from scripts.inputs.articles import ArticleTexts
from scripts.inputs.curated_tables import make_curated_table
from scripts.across.derived import GROUPS, make_derived_table
from scripts.across.shared_passages_dask import shared_passage_tables_on_dask
from scripts.extract.candidates import make_candidate_frames
from scripts.extract.engines import ExtractionFailed, WorkerMismatch, one_cluster
from scripts.extract.tables import WorkFolderNotShared, article_files, lexicon_from_frames, make_extracted_tables
from scripts.inputs.metadata import assign_outlets, make_metadata_sources
from scripts.inputs.sources import make_sources
from scripts.memory import older_objects_frozen, release_memory
from scripts.paths import ROOT, Layout
from scripts.package.publish import (JOURNAL, JOURNAL_DIR, LOCK_FILE, PUBLISHED, PublishInterrupted, new_staging,
                                     publish, recover, stage_article_files)
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


# What a corpus build publishes into its OUT folder (a repository build publishes PUBLISHED: data/,
# datapackage.json, docs/charts/ and README.md; its articles/ and schemas/ are its inputs and stay where they are).
CORPUS_PUBLISHED = ("data", "datapackage.json", "articles", "schemas")


def _layout(where) -> Layout:
    """A Layout as given, or the repository's Layout for a repository root (the old build(root) call)."""
    return where if isinstance(where, Layout) else Layout.repository(Path(where))


def _curated_frame(schema, layout: Layout, articles, records):
    """A curated table from layout.curated_dir, or (a corpus build without that file) the empty table."""
    path = layout.curated_file(schema.name)
    if not layout.is_repository and (path is None or not path.is_file()):
        return schema.empty_frame(), []
    if layout.is_repository:
        return make_curated_table(schema, layout.curated_dir, articles, records)
    return make_curated_table(schema, layout.curated_dir, articles, records, f"{layout.metadata_csv} (the corpus's ids)")


# The tables that the steps after extraction read, and which of those steps read them (the candidates read the
# mentions; the quotes' readers are the derived groups that declare them as input in scripts/across/derived.py):
# with make_frames' sink, a table goes into staging and is let go once every step that reads it has made its tables.
READ_AFTER_EXTRACTION = {"mentions": ("candidate_people", "candidate_organisations"),
                         "quotes": tuple(table for tables, (_, inputs) in GROUPS.items() if "quotes" in inputs
                                         for table in tables)}


class StagedTables:
    """make_frames' sink: tables written into a staging data/ folder as soon as no later step reads them, then let
    go, so that each step of the build runs without the finished tables of the steps before it held (memory at
    100,000 articles, BENCHMARK.md "Memory of the corpus build"). rows: each written table's number of rows."""

    def __init__(self, schemas, data_dir: Path):
        self.schemas, self.data_dir, self.rows = schemas, data_dir, {}

    def put(self, frames: dict, name: str) -> None:
        """Write frames[name] (CSV and Parquet, as stage_package would) and take it out of frames."""
        self.rows[name] = len(frames[name])
        write_tables({name: frames.pop(name)}, self.schemas, self.data_dir)


def make_frames(where, engine: str = "local", scheduler: str | None = None, cache_dir: Path | None = None,
                work_dir: Path | None = None, sink: StagedTables | None = None):
    """Every table as a frame, and the article texts; raises BuildFailed on bad curated input or metadata.

    With a sink, the candidates' and derived tables, and the extracted tables that only those steps read, are
    handed to sink.put as soon as no later step reads them, and are not among the frames returned."""
    layout = _layout(where)
    schemas = all_schemas(layout.schemas_dir)
    frames, problems, records, extras = {}, [], {}, None
    if layout.is_repository:
        sources_file = str(layout.curated_file("sources"))
        frames["sources"], articles, problems = make_sources(schemas["sources"], layout.curated_dir,
                                                             layout.articles_dir, records)
        articles = ArticleTexts(articles)
    else:
        sources_file = str(layout.metadata_csv)
        extras, problems = make_metadata_sources(schemas["sources"], layout.metadata_csv, layout.articles_dir)
        records[sources_file] = extras.records
        # the texts as one UTF-8 buffer while extraction and the derived tables read them (not a str per text)
        articles = ArticleTexts(extras.articles)
        extras = dataclasses.replace(extras, articles=articles)
        frames["sources"] = extras.frame
        release_memory()  # each step below starts from what the build holds, not from what the last one freed
        if problems:  # the articles and their ids are what every other table is checked against
            raise BuildFailed("metadata", relocate(problems, records))
    for name, schema in schemas.items():
        if schema.provenance == "curated" and name != "sources":
            frames[name], table_problems = _curated_frame(schema, layout, articles, records)
            problems += table_problems
    malformed = [p for p in problems if p.offset is not None]  # the CSV itself could not be read (located to a byte)
    if malformed:  # only these: the tables they leave out would make knock-on errors elsewhere
        raise BuildFailed("curated input (malformed CSV; the other checks run once these files read)", malformed)
    if problems:  # unreadable cells or unplaced evidence: the causes, before their knock-on failures
        raise BuildFailed("curated input", relocate(problems, records))
    if extras is not None:
        frames["sources"] = assign_outlets(frames["sources"], extras.outlets, frames["organisations"])
    files = {name: str(layout.curated_file(name) or name) for name in frames}
    files["sources"] = sources_file
    problems = validate_tables(frames, schemas, articles, files)
    if problems:
        raise BuildFailed("curated input", sorted(set(relocate(problems, records)), key=str))
    lexicon = lexicon_from_frames(frames)
    with one_cluster(scheduler) if engine == "dask" else contextlib.nullcontext(scheduler) as client:
        # on Dask the workers read the article files themselves, checked against the sources table's sha256 and
        # length; extraction and the passages step share one cluster
        files = article_files(frames["sources"], layout.articles_dir) if engine == "dask" else None
        frames.update(make_extracted_tables(schemas, articles, lexicon, engine=engine, scheduler=client,
                                            cache_dir=cache_dir, files=files, work_dir=work_dir))
        release_memory()
        problems = apply_corrections(frames, schemas, str(layout.curated_file("corrections") or "corrections"))
        if problems:
            raise BuildFailed("corrections", relocate(problems, records))
        # on Dask, shared_passages and source_pairs are computed on the cluster from the article files as well
        on_cluster = shared_passage_tables_on_dask(frames["quotes"], files, client) if engine == "dask" else {}
    candidates = make_candidate_frames(frames["mentions"], schemas)  # review lists of names nobody curated
    made = set()

    def made_by(name: str) -> None:
        made.add(name)
        if sink is None:
            return
        sink.put(frames, name)
        for table, readers in READ_AFTER_EXTRACTION.items():
            if table in frames and made.issuperset(readers):
                sink.put(frames, table)
        release_memory(collect=False)

    for name in list(candidates):
        frames[name] = candidates.pop(name)
        made_by(name)
    for name, schema in schemas.items():
        if schema.provenance == "derived" and name not in made:
            frames[name] = (on_cluster.pop(name) if name in on_cluster
                            else make_derived_table(name, frames, articles, cache_dir))
            made_by(name)
            release_memory()
    frames = {name: frames[name] for name in schemas if name in frames}  # the schemas' order, whatever order they were made in
    return schemas, frames, articles, extras


def generic_metadata(layout: Layout) -> dict:
    """datapackage.json metadata for a corpus without hand-written metadata: what the build can say truthfully."""
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "news-articles",
        "title": "News articles, with the quotations, figures and mentions extracted from them",
        "description": ("A data package built by junior-doctors-strikes' build (python -m scripts.build) from a folder "
                        "of news articles and a metadata CSV: the articles' sources table, the quotations, figures "
                        "and name mentions extracted by script, the tables derived across articles, and any curated "
                        "tables given. Every extracted row traces back to the exact characters of its article, and "
                        "the article texts are included so that every row can be verified."),
        "version": "0.0.0",
        "x-article-licence": ("The article texts in articles/, and the words copied from them into the table columns "
                              "marked x-verbatim in schemas/, remain the copyright of their publishers (unless the "
                              "metadata gives an article's licence)."),
    }


def stage_package(layout, staging: Path, schemas, frames, extras=None) -> None:
    """A complete, self-contained package in staging/: data, descriptor, and copies of schemas and articles.

    frames is emptied as its tables are written (write_tables), so that a caller holding no other reference to
    them gives their memory back table by table."""
    layout = _layout(layout)
    sources = frames["sources"]  # the descriptor's, after the tables are written
    shutil.copytree(layout.schemas_dir, staging / "schemas")
    if layout.is_repository:
        shutil.copytree(layout.articles_dir, staging / "articles")
    else:  # only the articles of the package, whatever else the folder holds; a rebuild links unchanged ones
        (staging / "articles").mkdir()
        stage_article_files(zip(sources["file_name"].tolist(), sources["sha256"].tolist()), layout.articles_dir,
                            layout.out_dir / "articles", staging / "articles")
    write_tables(frames, schemas, staging / "data")
    metadata = read_json(layout.package_metadata) if layout.package_metadata else generic_metadata(layout)
    write_descriptor(descriptor(metadata, schemas, sources, staging,
                                extras.licences if extras else None, extras.urls if extras else None), staging)
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


def refuse_unsafe_out(layout: Layout) -> None:
    """A corpus build's OUT must be a folder of its own: not this repository, not holding or inside its inputs,
    and either new, empty, or a package this command built (whose data/, datapackage.json, articles/ and schemas/
    it replaces)."""
    out = layout.out_dir.resolve()
    fix = "Give --out a new or empty folder (or one this command built before) outside the inputs."
    if out == ROOT or ROOT.is_relative_to(out):
        raise InputError(out, "--out", "is this repository (or holds it)", fix)
    for flag, given in (("--articles", layout.articles_dir), ("--metadata", layout.metadata_csv),
                        ("--curated", layout.curated_dir)):
        if given is None:
            continue
        given = Path(given).resolve()
        if given.is_relative_to(out):
            raise InputError(out, "--out", f"holds the input {flag} {given}, which publishing would replace", fix)
        if flag != "--metadata" and out.is_relative_to(given):
            raise InputError(out, "--out", f"is inside the input {flag} {given}", fix)
    if out.exists() and not out.is_dir():
        raise InputError(out, "--out", "is a file", fix)
    if out.is_dir():
        ours = {*CORPUS_PUBLISHED, LOCK_FILE, JOURNAL_DIR}
        strangers = sorted(p.name for p in out.iterdir() if p.name not in ours and not p.name.startswith(".build-"))
        if strangers and not (out / "datapackage.json").is_file():
            raise InputError(out, "--out", f"is a folder with other files ({', '.join(strangers[:5])}) and no package", fix)


@older_objects_frozen()
def build(where=ROOT, log=None, engine: str = "local", scheduler: str | None = None,
          cache_dir: Path | None = None, work_dir: Path | None = None) -> dict[str, int]:
    """Build, validate and publish; returns row counts per table. Raises BuildFailed, InputError or
    PublishInterrupted (the publish passed its commit point and the next build completes it).

    where is a Layout, or a repository root (Layout.repository(root)). Holds the package's lock throughout; first
    completes or clears what a killed build left (scripts.package.publish).
    """
    layout = _layout(where)
    out = layout.out_dir
    if not layout.is_repository:
        refuse_unsafe_out(layout)
        out.mkdir(parents=True, exist_ok=True)
    with publish_lock(out):
        recovered = recover(out)
        if recovered and log:
            log(recovered)
        staging = new_staging(out)
        try:
            # the tables no later step reads are written into staging as they are made (StagedTables), the rest by
            # stage_package
            sink = StagedTables(all_schemas(layout.schemas_dir), staging / "data")
            schemas, frames, articles, extras = make_frames(layout, engine=engine, scheduler=scheduler,
                                                            cache_dir=cache_dir, work_dir=work_dir, sink=sink)
            # No step from here on reads the texts (staging copies the files): they are not held while writing.
            del articles
            if extras is not None:
                extras = dataclasses.replace(extras, articles={})
            counts = {name: len(frames[name]) if name in frames else sink.rows[name] for name in schemas}
            release_memory()
            # Once written, the frames are not needed: validation reads the staged files back, so holding both
            # copies would double the build's peak memory (BENCHMARK.md, "Whole package"); stage_package empties
            # frames as it writes each table, so that the later tables are written without the earlier ones held.
            stage_package(layout, staging, schemas, frames, extras)
            del frames, extras
            release_memory()
            write_release_files(staging)  # SQLite + Croissant into staging/data/ (scripts/package/release.py), validated below
            problems = validate_package(staging)
            if problems:
                raise BuildFailed("built package (nothing was published)", problems)
            if layout.is_repository:
                if layout.readme is not None:  # a repository checkout: its pictures and README too
                    stage_docs(out, staging)
                for scratch in ("schemas", "articles"):  # copies for the self-contained validation, not published
                    shutil.rmtree(staging / scratch)
                publish(staging, out)
            else:
                publish(staging, out, CORPUS_PUBLISHED)
        finally:
            if not (out / JOURNAL_DIR / JOURNAL).exists():  # never remove a staging a journal still needs
                shutil.rmtree(staging, ignore_errors=True)
    return counts


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.build", description=(
        "Build, validate and publish a data package. Without --articles/--metadata/--out: this repository's "
        "package (articles/ + curated/ -> data/). With them: your own corpus into OUT."))
    parser.add_argument("--articles", type=Path, help="folder of article .txt files (UTF-8)")
    parser.add_argument("--metadata", type=Path, help="CSV: id,file[,outlet,published_date,url,licence]")
    parser.add_argument("--out", type=Path, help="folder to publish the package into (new, empty, or built before)")
    parser.add_argument("--curated", type=Path, help="folder of curated tables for these articles (<table>.csv, as "
                        "in curated/); the tables it lacks are empty")
    parser.add_argument("--engine", choices=("local", "dask"), default="local", help="extraction engine")
    parser.add_argument("--scheduler", help="address of a Dask scheduler (with --engine dask)")
    parser.add_argument("--cache", type=Path, help="folder of the incremental cache (extracted rows, and the "
                        "across-source tables' per-article work in CACHE/across/)")
    parser.add_argument("--work-dir", type=Path, help="with --engine dask: a folder on storage every worker and "
                        "this machine see, for the extracted tables' Parquet partitions (default: a temporary "
                        "folder, which only suits a cluster on this machine)")
    args = parser.parse_args(argv)
    if args.scheduler is not None and args.engine != "dask":
        parser.error("--scheduler is the address of a Dask cluster: add --engine dask")
    if args.work_dir is not None and args.engine != "dask":
        parser.error("--work-dir is where Dask workers write their partitions: add --engine dask")
    corpus = (args.articles, args.metadata, args.out)
    if any(v is not None for v in corpus) and not all(v is not None for v in corpus):
        parser.error("a corpus build needs --articles, --metadata and --out together")
    if args.curated is not None and args.out is None:
        parser.error("--curated is for a corpus build (with --articles, --metadata and --out); the repository's "
                     "build reads curated/")
    return args


def main(root: Path = ROOT, argv: list[str] | None = None) -> int:
    """The command; root is the repository whose package a build without --out makes (tests give a scratch copy)."""
    args = parse_args([] if argv is None else argv)
    layout = (Layout.corpus(args.articles, args.metadata, args.out, args.curated) if args.out is not None
              else Layout.repository(root))
    published = ("data/, datapackage.json, docs/charts/ and README.md" if layout.is_repository
                 else f"{layout.out_dir} was")
    started = time.perf_counter()
    try:
        counts = build(layout, log=lambda message: print(message, file=sys.stderr), engine=args.engine,
                       scheduler=args.scheduler, cache_dir=args.cache, work_dir=args.work_dir)
    except (BuildFailed, InputError, ExtractionFailed, WorkerMismatch, ConnectionError, WorkFolderNotShared) as err:
        print(f"BUILD FAILED: {err}", file=sys.stderr)
        print(f"Nothing was published: {published} left as {'they were' if layout.is_repository else 'it was'}.",
              file=sys.stderr)
        return 1
    except PublishInterrupted as err:
        print(f"PUBLISH INTERRUPTED: {err}", file=sys.stderr)
        return 2
    for name, count in counts.items():
        print(f"{name:22s} {count:5d} rows")
    print(f"built, validated and published in {time.perf_counter() - started:.1f} s"
          + ("" if layout.is_repository else f": {layout.out_dir}"))
    return 0


if __name__ == "__main__":
    sys.exit(main(argv=sys.argv[1:]))
