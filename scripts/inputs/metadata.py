"""Step: the sources table of a user's corpus, from a metadata CSV and the article texts it names.

The metadata CSV has a header and one row per article, with the columns
    id, file, outlet, published_date, url, licence
of which only id and file are required (the others may be left out of the header or left empty; no other
column is accepted). id becomes source_id (lower-case letters, digits and hyphens, unique), file is the article's
file name in the articles folder (a .txt file directly in it), outlet is an organisation_id of the package's
organisations table when there is one (else it is kept, in words, in outlet_missing_reason), published_date is
YYYY-MM-DD, url is where the text was received from (retrieved_from; the file name when there is no url), licence
is the article's licence, recorded on its resource in datapackage.json.

The columns the metadata cannot give stay empty (retrieved_on, the outlet's and the date's evidence from the
text); outlet_evidence_kind and published_date_method say 'metadata' where the metadata gives them, and
published_date_precision is 'day' (published_date_latest = published_date). sha256, length_chars, length_bytes
and text_path are measured from the file, as for curated sources.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from scripts.errors import InputError
from scripts.inputs.articles import ArticleTexts, decode_article
from scripts.package.tableschema import TableSchema
from scripts.package.tables import CsvRecords, Problem, frame_from_records, read_csv_records

METADATA_COLUMNS = ["id", "file", "outlet", "published_date", "url", "licence"]
REQUIRED_COLUMNS = ["id", "file"]
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class MetadataSources:
    frame: pd.DataFrame  # the sources table (outlet columns still to be assigned by assign_outlets)
    articles: Mapping[str, str]  # source_id -> text (an ArticleTexts: the texts in one UTF-8 buffer)
    outlets: dict[str, str]  # source_id -> outlet as written in the metadata
    licences: dict[str, str]  # source_id -> licence as written in the metadata
    urls: dict[str, str]  # source_id -> url
    records: CsvRecords  # the metadata file's records (for line numbers in later problems)


def make_metadata_sources(schema: TableSchema, metadata_csv: Path, articles_dir: Path) -> tuple[MetadataSources, list[Problem]]:
    """The sources frame and article texts of a corpus, and every problem of its metadata file.

    A header that cannot be used raises InputError (nothing else can be checked); row problems are all listed.
    """
    metadata_csv, articles_dir = Path(metadata_csv), Path(articles_dir)
    file = str(metadata_csv)
    if not metadata_csv.is_file():
        raise InputError(metadata_csv, "whole file", "no such metadata file",
                         f"Give a CSV with the header {','.join(METADATA_COLUMNS)} (only id and file are required).")
    if not articles_dir.is_dir():
        raise InputError(articles_dir, "whole folder", "no such folder of articles",
                         "Give the folder that holds the article .txt files named in the metadata's file column.")
    read = read_csv_records(metadata_csv, file, free_text={"outlet", "url", "licence"})
    empty = MetadataSources(schema.empty_frame(), {}, {}, {}, {}, read)
    if read.problems and not read.rows:
        return empty, read.problems
    unknown = [c for c in read.header if c not in METADATA_COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in read.header]
    repeated = sorted({c for c in read.header if read.header.count(c) > 1})
    if unknown or missing or repeated:
        what = "; ".join(part for part in (
            f"unknown column(s) {unknown}" if unknown else "",
            f"missing required column(s) {missing}" if missing else "",
            f"repeated column(s) {repeated}" if repeated else "") if part)
        raise InputError(metadata_csv, "line 1 (header)", what,
                         f"Use columns from {','.join(METADATA_COLUMNS)} (id and file are required; any order); "
                         "rename or remove the others")
    problems = list(read.problems)
    records, articles, outlets, licences, urls = [], ArticleTexts(), {}, {}, {}  # texts into one buffer as read
    seen_ids, seen_files = {}, {}
    folder = str(articles_dir)  # files are reached by os.path strings: pathlib costs microseconds a path, per article
    for index, row in enumerate(read.rows):
        at = index + 2  # row 1 is the header; relocate() turns rows into line numbers
        cell = lambda name: (row.get(name) or "").strip()
        source_id, name = cell("id"), cell("file")
        ok = True
        if not source_id:
            problems.append(Problem(file, at, "id", None, "empty: give every article an id"))
            ok = False
        elif not _ID.fullmatch(source_id):
            problems.append(Problem(file, at, "id", source_id, "an id is lower-case letters, digits and single "
                                    "hyphens (e.g. guardian-2023-03-13-1): rewrite it in that form"))
            ok = False
        elif source_id in seen_ids:
            problems.append(Problem(file, at, "id", source_id,
                                    f"duplicate id (first on row {seen_ids[source_id]}): give each article its own id"))
            ok = False
        else:
            seen_ids[source_id] = at
        path = os.path.join(folder, name)
        if not name:
            problems.append(Problem(file, at, "file", None, "empty: give the article's file name"))
            ok = False
        elif "/" in name or not name.endswith(".txt"):  # a name with no folder part is its own Path(name).name
            problems.append(Problem(file, at, "file", name, f"must be the name of a .txt file directly in "
                                    f"{articles_dir}/ (no folder part): move the file there or correct the name"))
            ok = False
        elif name in seen_files:
            problems.append(Problem(file, at, "file", name,
                                    f"the same file as row {seen_files[name]}: each article is listed once"))
            ok = False
        elif not os.path.isfile(path):
            problems.append(Problem(file, at, "file", name,
                                    f"no such article in {articles_dir}/: add the text file or correct the name"))
            ok = False
        else:
            seen_files[name] = at
        published = cell("published_date") or None
        if published is not None:
            try:
                if not _DATE.fullmatch(published):
                    raise ValueError
                dt.date.fromisoformat(published)
            except ValueError:
                problems.append(Problem(file, at, "published_date", published,
                                        "not a calendar date in the form YYYY-MM-DD: correct it, or leave it empty"))
                ok = False
        if not ok:
            continue
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            text = decode_article(data, path)
        except InputError as err:
            problems.append(Problem(str(articles_dir / name), None, None, None,
                                    f"{err.where}: {err.problem}. {err.fix}"))
            continue
        articles.add(source_id, text, data)  # the file's bytes are the text's UTF-8: not encoded again
        if cell("outlet"):
            outlets[source_id] = cell("outlet")
        if cell("licence"):
            licences[source_id] = cell("licence")
        if cell("url"):
            urls[source_id] = cell("url")
        records.append({
            "source_id": source_id, "file_name": name, "text_path": f"articles/{name}",
            "retrieved_from": cell("url") or name, "retrieved_on": None,
            "outlet_id": None, "outlet_missing_reason": None, "outlet_evidence_kind": "none",
            "outlet_evidence_text": None, "outlet_evidence_start": None, "outlet_evidence_end": None,
            "published_date": published, "published_date_latest": published,
            "published_date_precision": "day" if published else None,
            "published_date_method": "metadata" if published else None,
            "published_date_evidence_text": None, "published_date_evidence_start": None,
            "published_date_evidence_end": None, "published_date_note": None,
            "sha256": hashlib.sha256(data).hexdigest(), "length_chars": len(text), "length_bytes": len(data)})
    listed = set(seen_files)
    with os.scandir(folder) as entries:  # what articles_dir.glob("*.txt") gives (dot files and folders too), as names
        unlisted = sorted(entry.name for entry in entries if entry.name.endswith(".txt") and entry.name not in listed)
    for name in unlisted:
        if not any(p.column == "file" and p.value == name for p in problems):
            problems.append(Problem(str(articles_dir / name), None, None, None,
                                    f"this article has no row in {metadata_csv}: add one (id and file), or move the "
                                    "file out of the folder"))
    read.rows = []  # read into records; its lines and offsets are what later problems need (memory: a dict per row)
    frame = frame_from_records(records, schema)
    return MetadataSources(frame, articles, outlets, licences, urls, read), problems


def assign_outlets(sources: pd.DataFrame, outlets: dict[str, str], organisations: pd.DataFrame) -> pd.DataFrame:
    """Fill outlet_id where the metadata's outlet is an organisation_id of the package; else say what it named.

    outlet_evidence_kind is 'metadata' when the metadata names the outlet, 'none' when it does not.
    """
    known = set(organisations["organisation_id"].dropna())
    sources = sources.copy()
    ids, reasons, kinds = [], [], []
    for source_id in sources["source_id"]:
        outlet = outlets.get(source_id)
        if outlet is None:
            ids.append(pd.NA), reasons.append("The metadata does not name the outlet."), kinds.append("none")
        elif outlet in known:
            ids.append(outlet), reasons.append(pd.NA), kinds.append("metadata")
        else:
            ids.append(pd.NA)
            reasons.append(f"The metadata names the outlet {outlet!r}, which is not an organisation_id of this "
                           "package's organisations table.")
            kinds.append("metadata")
    sources["outlet_id"] = pd.array(ids, dtype="string")
    sources["outlet_missing_reason"] = pd.array(reasons, dtype="string")
    sources["outlet_evidence_kind"] = pd.array(kinds, dtype="string")
    return sources
