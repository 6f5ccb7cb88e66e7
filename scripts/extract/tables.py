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
