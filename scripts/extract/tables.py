"""Step: the script-extracted tables (quotes, figures, mentions), from the article texts and the curated names."""
from __future__ import annotations

import importlib

import pandas as pd

from scripts.extract.lexicon import Lexicon
from scripts.package.tableschema import TableSchema
from scripts.package.tables import frame_from_records

# table -> "module:function"; each function is (text, source_id, lexicon) -> list of row dicts
EXTRACTORS = {
    "quotes": "scripts.extract.quotes:extract_quotes",
    "figures": "scripts.extract.figures:extract_figures",
    "mentions": "scripts.extract.mentions:extract_mentions",
}


def extractor(table: str):
    module, function = EXTRACTORS[table].split(":")
    return getattr(importlib.import_module(module), function)


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if v is pd.NA else v) for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


def lexicon_from_frames(frames: dict[str, pd.DataFrame]) -> Lexicon:
    return Lexicon.from_rows(_records(frames["organisation_aliases"]), _records(frames["person_aliases"]),
                             _records(frames["people"]), _records(frames["measures"]),
                             _records(frames["organisations"]) if "organisations" in frames else ())


def make_extracted_table(schema: TableSchema, articles: dict[str, str], lexicon: Lexicon) -> pd.DataFrame:
    extract = extractor(schema.name)
    rows = []
    for source_id in sorted(articles):
        rows += extract(articles[source_id], source_id, lexicon)
    return frame_from_records(rows, schema)


def make_extracted_tables(schemas: dict[str, TableSchema], articles: dict[str, str], lexicon: Lexicon, *,
                          engine: str = "local", scheduler: str | None = None,
                          cache_dir=None) -> dict[str, pd.DataFrame]:
    """Every extracted table (the schemas whose x-provenance is 'extracted'), by table name.

    The one entry point of extraction for the build. engine 'local' runs in this process; scheduler and
    cache_dir are for the distributed engine and the incremental cache (issue 11), which this version does
    not have: asking for them is refused rather than ignored.
    """
    if engine != "local" or scheduler is not None or cache_dir is not None:
        raise ValueError(f"engine {engine!r} (scheduler {scheduler!r}, cache {cache_dir!r}) is not available in this "
                         "version: use engine='local' without a scheduler or cache")
    return {name: make_extracted_table(schema, articles, lexicon)
            for name, schema in schemas.items() if schema.provenance == "extracted"}
