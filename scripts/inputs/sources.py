"""Step: the sources table, from curated/sources.csv and the article texts it names."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.inputs.articles import read_article, sha256_of
from scripts.inputs.curated import load_curated, resolve_spans
from scripts.package.tableschema import TableSchema
from scripts.package.tables import Problem


def make_sources(schema: TableSchema, curated_dir: Path, articles_dir: Path, records: dict | None = None) -> tuple[pd.DataFrame, dict[str, str], list[Problem]]:
    """The sources frame, the article texts by source_id, and the problems found."""
    frame, problems = load_curated(schema, curated_dir, records)
    file = str(Path(curated_dir) / "sources.csv")
    for field in schema.fields:  # empty only where a metadata CSV could not give them (scripts/inputs/metadata.py)
        if field.get("x-required-when-curated") and not field.get("x-derived"):
            for index in frame.index[frame[field["name"]].isna()]:
                problems.append(Problem(file, index + 2, field["name"], None,
                                        "required in curated sources: give it (with the evidence it rests on)"))
    articles: dict[str, str] = {}
    derived = {"text_path": [], "sha256": [], "length_chars": [], "length_bytes": []}
    for index, row in frame.iterrows():
        path = Path(articles_dir) / str(row["file_name"])
        if not pd.isna(row["file_name"]) and Path(str(row["file_name"])).name != row["file_name"]:
            problems.append(Problem(file, index + 2, "file_name", row["file_name"],
                                    f"is a path, not a file name: the article must sit directly in {articles_dir}/"))
            for values in derived.values():
                values.append(None)
            continue
        if pd.isna(row["file_name"]) or not path.is_file():
            problems.append(Problem(file, index + 2, "file_name", row["file_name"],
                                    f"no such article in {articles_dir}/: add the text file or correct the name"))
            for values in derived.values():
                values.append(None)
            continue
        text = read_article(path)
        articles[row["source_id"]] = text
        derived["text_path"].append(f"{Path(articles_dir).name}/{path.name}")
        derived["sha256"].append(sha256_of(path))
        derived["length_chars"].append(len(text))
        derived["length_bytes"].append(path.stat().st_size)
    for name, values in derived.items():
        frame[name] = pd.array(values, dtype=schema.pandas_dtypes()[name])
    listed = set(frame["file_name"].dropna())
    unreadable = any(p.column is None for p in problems)  # a malformed sources.csv: its own error is enough
    for path in sorted(Path(articles_dir).glob("*.txt")):
        if path.name not in listed and not unreadable:
            problems.append(Problem(str(path), None, None, None,
                                    "this article has no row in curated/sources.csv: add one (source_id, outlet, date and their evidence)"))
    problems += resolve_spans(frame, schema, lambda row, group: (row["source_id"], articles.get(row["source_id"])), file)
    return frame[schema.field_names], articles, problems
