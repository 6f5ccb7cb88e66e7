"""Step: every curated table but sources, with the offsets of its quoted evidence resolved."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.inputs.curated import load_curated, resolve_spans
from scripts.package.tableschema import TableSchema
from scripts.package.tables import Problem


def make_curated_table(schema: TableSchema, curated_dir: Path, articles: dict[str, str], records: dict | None = None,
                       sources_file: str = "curated/sources.csv") -> tuple[pd.DataFrame, list[Problem]]:
    """The table from curated_dir/<table>.csv; its evidence must quote the articles listed in sources_file."""
    frame, problems = load_curated(schema, curated_dir, records)
    file = str(Path(curated_dir) / f"{schema.name}.csv")

    def article_of(row, group):
        source_id = row[group.source_column]
        return source_id, None if pd.isna(source_id) else articles.get(source_id)

    problems += resolve_spans(frame, schema, article_of, file, sources_file)
    return frame[schema.field_names], problems
