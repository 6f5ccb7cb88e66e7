"""Step: tables derived from other tables (across sources: statements, shared passages, figure comparisons).

statements and statement_reports come from one grouping of the quotes, shared_passages and source_pairs from one
search of the articles, measure_verdicts and figure_comparisons from one judging of the figures: each group is
computed once per build, when its first table is asked for, and handed out to its other tables.

With the build's --cache folder (cache_dir), the steps in TAKE_A_CACHE keep work there, so that a rebuild after
articles were added does not redo it: shared passages and figure comparisons what depends on one article alone
(scripts/across/memo.py), statements the index of its quotes (scripts/across/statements_memo.py). Their tables are
the same with or without it.
"""
from __future__ import annotations

import importlib
import weakref

import pandas as pd

# table -> "module:function"; each function is (frames: dict[str, DataFrame], articles: dict[str, str]) -> DataFrame
DERIVERS = {
    "statements": "scripts.across.statements:make_statements",
    "statement_reports": "scripts.across.statements:make_statement_reports",
    "shared_passages": "scripts.across.shared_passages:make_shared_passages",
    "source_pairs": "scripts.across.shared_passages:make_source_pairs",
    "measure_verdicts": "scripts.across.figure_comparisons:make_measure_verdicts",
    "figure_comparisons": "scripts.across.figure_comparisons:make_figure_comparisons",
    "record_comparisons": "scripts.across.record_comparisons:make_record_comparisons",
}

# tables computed together -> ("module:function" giving {table: DataFrame}, the input frames it reads)
GROUPS = {
    ("statements", "statement_reports"): ("scripts.across.statements:make_statement_tables",
                                          ("quotes", "sources", "organisations")),
    ("shared_passages", "source_pairs"): ("scripts.across.shared_passages:make_shared_passage_tables", ("quotes",)),
    ("measure_verdicts", "figure_comparisons"): ("scripts.across.figure_comparisons:make_figure_comparison_tables",
                                                 ("figures", "measures", "sources")),
}

# the steps that take cache_dir=
TAKE_A_CACHE = {"scripts.across.figure_comparisons:make_figure_comparison_tables",
                "scripts.across.shared_passages:make_shared_passage_tables",
                "scripts.across.statements:make_statement_tables"}

_computed: dict[tuple[str, ...], tuple[list, int, dict[str, pd.DataFrame]]] = {}


def _function(spec: str):
    module, function = spec.split(":")
    return getattr(importlib.import_module(module), function)


def _same_inputs(held: list, articles_id: int, frames: dict[str, pd.DataFrame], inputs: tuple[str, ...],
                 articles: dict[str, str]) -> bool:
    return articles_id == id(articles) and all(ref() is frames.get(name) for ref, name in zip(held, inputs))


def _cache(spec: str, cache_dir) -> dict:
    return {"cache_dir": cache_dir} if cache_dir is not None and spec in TAKE_A_CACHE else {}


def make_derived_table(name: str, frames: dict[str, pd.DataFrame], articles: dict[str, str],
                       cache_dir=None) -> pd.DataFrame:
    group = next((g for g in GROUPS if name in g), None)
    if group is None:
        return _function(DERIVERS[name])(frames, articles, **_cache(DERIVERS[name], cache_dir))
    spec, inputs = GROUPS[group]
    cached = _computed.get(group)
    if cached is None or name not in cached[2] or not _same_inputs(cached[0], cached[1], frames, inputs, articles):
        # the inputs are held weakly (and by identity), so a new build, or changed frames, recompute
        tables = _function(spec)(frames, articles, **_cache(spec, cache_dir))
        cached = ([weakref.ref(frames[n]) for n in inputs], id(articles), dict(tables))
        _computed[group] = cached
    table = cached[2].pop(name)  # handed out once; the entry goes when all its tables have been
    if not cached[2]:
        del _computed[group]
    return table
