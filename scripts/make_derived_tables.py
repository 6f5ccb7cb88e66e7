"""Step: tables derived from other tables (across sources: statements, shared passages, figure comparisons)."""
from __future__ import annotations

import importlib

import pandas as pd

# table -> "module:function"; each function is (frames: dict[str, DataFrame], articles: dict[str, str]) -> DataFrame
DERIVERS = {
    "statements": "scripts.make_statements:make_statements",
    "statement_reports": "scripts.make_statements:make_statement_reports",
    "shared_passages": "scripts.make_shared_passages:make_shared_passages",
    "source_pairs": "scripts.make_shared_passages:make_source_pairs",
    "figure_comparisons": "scripts.make_figure_comparisons:make_figure_comparisons",
    "record_comparisons": "scripts.make_record_comparisons:make_record_comparisons",
}


def make_derived_table(name: str, frames: dict[str, pd.DataFrame], articles: dict[str, str]) -> pd.DataFrame:
    module, function = DERIVERS[name].split(":")
    return getattr(importlib.import_module(module), function)(frames, articles)
