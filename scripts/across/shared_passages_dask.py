"""shared_passages and source_pairs on a Dask cluster (the build's --engine dask): the same tables as the local
engine (scripts/across/shared_passages.py, make_shared_passage_tables), row for row.

The local index hashes every window of MIN_SHARED_WORDS words of the corpus, keeps the windows whose key occurs in
two articles or more, chains them into passages, and pairs the windows of keys found in at most PAIR_LIMIT
articles into runs. Here the same steps are spread over the workers; nothing looks at all pairs of articles and
no step needs the whole corpus in one process:

1. windows (a dask.dataframe of the articles' ids, files and quotation spans, made with from_map in the
   partitions extraction uses, scripts.extract.engines.file_partitions; no text): a worker reads
   its articles (checked against the sources table's sha256 and length, scripts.extract.engines.read_checked),
   splits them into the index's word hashes (ArticleWords) and hashes every window with the index's function
   (window_hashes: both 64-bit hashes of the window key). Each window row also carries its neighbours' keys,
   the characters it spans and how many of its words are quoted, so that no later step reads a text again
   except to cut a passage's words out of it.
2. a distributed group-by on the window key: the windows are shuffled on the first hash (every window of a key
   lands in one bucket), and each bucket is grouped by the whole key. A key held by two articles or more is
   shared; whether every occurrence of it is followed (preceded) by the same key is decided there too: if all
   occurrences of a shared key are followed by one key, that key is in as many articles and so is shared as
   well, which is what the local index's chaining asks.
3. passages: the shared windows go back to their article partitions (set_index on the article number with the
   partitions' bounds as divisions); a worker chains each article's shared windows into occurrences exactly as
   SharedPassageIndex.occurrences does, reads its articles again and returns shared_passages records.
4. source pairs: each bucket pairs the windows of keys found in 2..PAIR_LIMIT articles; the window pairs are
   shuffled on the pair of articles, and each pair block chains them along diagonals into runs and sums them
   into source_pairs rows (the covered characters, the runs of prose, the quotation-only runs).

The parent process only concatenates what the workers return, names the articles and sorts. The articles must be
on storage every worker sees at the same path (as for extraction on files). The per-article memo of the local
engine (--cache) is not used here: the workers split their articles into words each run.
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping

import numpy as np
import pandas as pd

from scripts.across.shared_passages import (MIN_SHARED_WORDS, PAIR_LIMIT, ArticleWords, _covered_per_group,
                                            _quote_spans, _quoted_counts, _word_offsets, passage_id, window_hashes)
from scripts.extract.engines import ArticleFile, Partition, check_worker_code, file_partitions, read_checked
from scripts.package.tableschema import load_schema

# the modules a worker runs for this step: their code must be this checkout's (their rows could differ otherwise)
MODULES = ("scripts.across.shared_passages", "scripts.across.shared_passages_dask")

_WINDOW_COLUMNS = {"h1": np.uint64, "h2": np.uint64,               # the window's key (its two hashes)
                   "n1": np.uint64, "n2": np.uint64,               # the key of the window after it (0, 0: none)
                   "p1": np.uint64, "p2": np.uint64,               # the key of the window before it (0, 0: none)
                   "text": np.int64, "pos": np.int64,              # article number (ids in sorted order), first word
                   "start": np.int64, "end": np.int64,             # characters from its first word to its last
                   "q1": np.int64, "qn": np.int64,                 # its first word quoted (0/1); its quoted words
                   "chars": np.int64}                              # the article's length in characters
_SIDE = ("start", "end", "q1", "qn", "chars")
_SHARED_COLUMNS = {"key": np.int64, "text": np.int64, "pos": np.int64, "texts": np.int64, "one_next": bool,
                   "one_prev": bool, **{c: np.int64 for c in _SIDE}}
_OCCURRENCE_COLUMNS = {"pos": np.int64, "texts": np.int64, "one_next": bool, "one_prev": bool}
_PAIR_COLUMNS = {"ta": np.int64, "i": np.int64, "tb": np.int64, "j": np.int64,
                 **{f"{c}_a": np.int64 for c in _SIDE}, **{f"{c}_b": np.int64 for c in _SIDE}}
_PAIR_ROW_COLUMNS = {"ta": np.int64, "tb": np.int64, "shared_characters": np.int64,
                     "other_shared_characters": np.int64, "share": np.float64, "other_share": np.float64,
                     "passages": np.int64, "quotation_only_passages": np.int64}


def _empty(columns: dict) -> pd.DataFrame:
    return pd.DataFrame({name: np.zeros(0, kind) for name, kind in columns.items()})


# ---- 1. windows, per partition of article files ------------------------------------------------------------------

def partition_articles(partition: Partition, first_text: int, spans: Mapping[str, list[tuple[int, int]]]) -> pd.DataFrame:
    """One row per article of a partition: its number, id, file (path, sha256, length) and quotation spans (the
    frame every worker task of this step starts from; no text)."""
    ids = [source_id for source_id, _ in partition.articles]
    return pd.DataFrame({"text": np.arange(first_text, first_text + len(ids), dtype=np.int64),
                         "source_id": pd.Series(ids, dtype=object),
                         "path": pd.Series([f.path for _, f in partition.articles], dtype=object),
                         "sha256": pd.Series([f.sha256 for _, f in partition.articles], dtype=object),
                         "length_bytes": np.asarray([f.length_bytes for _, f in partition.articles], np.int64),
                         "spans": pd.Series([spans.get(i, []) for i in ids], dtype=object)})


_ARTICLE_META = partition_articles(Partition(0, ()), 0, {})


def _files(articles: pd.DataFrame) -> list[tuple[int, str, ArticleFile, list]]:
    return [(int(t), source_id, ArticleFile(path, sha256, int(length)), spans)
            for t, source_id, path, sha256, length, spans in articles[list(_ARTICLE_META.columns)].itertuples(
                index=False)]


def article_windows(articles: pd.DataFrame, min_words: int = MIN_SHARED_WORDS) -> pd.DataFrame:
    """On a worker: one row per window of min_words words of a partition's articles (partition_articles), see
    _WINDOW_COLUMNS."""
    files = _files(articles)
    texts = [read_checked(file, source_id) for _, source_id, file, _ in files]
    hashes = ArticleWords(texts).hashes
    lengths = np.asarray([len(ids) for ids in hashes], np.int64)
    total = int(lengths.sum())
    if total < min_words:
        return _empty(_WINDOW_COLUMNS)
    first_word = np.concatenate(([0], np.cumsum(lengths)))  # the partition's words end to end, as the index has them
    owner = np.repeat(np.arange(len(texts)), lengths)  # text of each word
    starts, ends, quoted = [], [], []
    for (_, _, _, spans), text in zip(files, texts):
        word_starts, word_ends = _word_offsets(text)
        starts.append(word_starts)
        ends.append(word_ends)
        quoted.append(np.diff(_quoted_counts(word_starts, word_ends, [tuple(span) for span in spans])) if spans
                      else np.zeros(len(word_starts), np.int64))
    starts, ends, quoted = np.concatenate(starts), np.concatenate(ends), np.concatenate(quoted)
    ids = np.concatenate(hashes)
    h1, h2 = window_hashes(ids, min_words), window_hashes(ids, min_words, second=True)
    count = len(h1)
    valid = owner[:count] == owner[min_words - 1:]  # a window lies inside one text
    after = np.zeros(count, bool)  # the window after it is one
    after[:-1] = valid[1:] & (owner[1:count] == owner[:count - 1])
    before = np.zeros(count, bool)
    before[1:] = valid[:-1] & (owner[1:count] == owner[:count - 1])
    g = np.flatnonzero(valid)
    zero = np.uint64(0)
    next_g, previous_g = np.minimum(g + 1, count - 1), np.maximum(g - 1, 0)
    quoted_before = np.concatenate(([0], np.cumsum(quoted)))
    text = owner[g]
    numbers = np.asarray([number for number, _, _, _ in files], np.int64)
    characters = np.asarray([len(t) for t in texts], np.int64)
    return pd.DataFrame({
        "h1": h1[g], "h2": h2[g],
        "n1": np.where(after[g], h1[next_g], zero), "n2": np.where(after[g], h2[next_g], zero),
        "p1": np.where(before[g], h1[previous_g], zero), "p2": np.where(before[g], h2[previous_g], zero),
        "text": numbers[text], "pos": g - first_word[text],
        "start": starts[g], "end": ends[g + min_words - 1],
        "q1": quoted[g].astype(np.int64), "qn": (quoted_before[g + min_words] - quoted_before[g]).astype(np.int64),
        "chars": characters[text]}).astype(_WINDOW_COLUMNS)


# ---- 2. the group-by on the window key, bucket by bucket --------------------------------------------------------

def _same_everywhere(a: np.ndarray, b: np.ndarray, key: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Per key: whether every row of it has the same (a, b), and that is a window (not (0, 0))."""
    same = (a == a[first][key]) & (b == b[first][key])
    return np.logical_and.reduceat(same, first) & ((a[first] != 0) | (b[first] != 0))


def shared_in_bucket(bucket: pd.DataFrame) -> pd.DataFrame:
    """The bucket's windows whose key is held by two articles or more, sorted by (key, article, word), with the
    key's number in the bucket, its number of articles, and whether every occurrence of the key has the same next
    (previous) window (see _SHARED_COLUMNS)."""
    if not len(bucket):
        return _empty(_SHARED_COLUMNS)
    h1, h2 = bucket["h1"].to_numpy(), bucket["h2"].to_numpy()
    text, pos = bucket["text"].to_numpy(), bucket["pos"].to_numpy()
    order = np.lexsort((pos, text, h2, h1))
    h1, h2, text = h1[order], h2[order], text[order]
    new_key = np.ones(len(order), bool)
    new_key[1:] = (h1[1:] != h1[:-1]) | (h2[1:] != h2[:-1])
    key = np.cumsum(new_key) - 1
    first = np.flatnonzero(new_key)
    new_text = new_key.copy()
    new_text[1:] |= text[1:] != text[:-1]
    texts = np.add.reduceat(new_text.astype(np.int64), first)
    column = {name: bucket[name].to_numpy()[order] for name in ("n1", "n2", "p1", "p2")}
    one_next = _same_everywhere(column["n1"], column["n2"], key, first)
    one_prev = _same_everywhere(column["p1"], column["p2"], key, first)
    shared = texts[key] >= 2
    rows, key = order[shared], key[shared]
    frame = {"key": key, "text": text[shared], "pos": pos[rows], "texts": texts[key], "one_next": one_next[key],
             "one_prev": one_prev[key]}
    frame.update({c: bucket[c].to_numpy()[rows] for c in _SIDE})
    return pd.DataFrame(frame).astype(_SHARED_COLUMNS)


def pairs_in_bucket(shared: pd.DataFrame, limit: int = PAIR_LIMIT) -> pd.DataFrame:
    """Every pair of windows with one key, of two different articles (a < b), for the keys held by at most limit
    articles, with what each side's window spans (see _PAIR_COLUMNS); shared: a bucket's shared_in_bucket."""
    narrow = shared[shared["texts"] <= limit]
    if not len(narrow):
        return _empty(_PAIR_COLUMNS)
    key = narrow["key"].to_numpy()
    group_end = np.searchsorted(key, key, side="right")
    partners = group_end - np.arange(len(key)) - 1
    x = np.repeat(np.arange(len(key)), partners)
    y = x + 1 + (np.arange(len(x)) - np.repeat(np.cumsum(partners) - partners, partners))
    column = {name: narrow[name].to_numpy() for name in ("text", "pos", *_SIDE)}
    keep = column["text"][x] != column["text"][y]
    x, y = x[keep], y[keep]  # x's article before y's (sorted by article within a key)
    frame = {"ta": column["text"][x], "i": column["pos"][x], "tb": column["text"][y], "j": column["pos"][y]}
    frame.update({f"{c}_a": column[c][x] for c in _SIDE})
    frame.update({f"{c}_b": column[c][y] for c in _SIDE})
    return pd.DataFrame(frame).astype(_PAIR_COLUMNS)


# ---- 3. passages, per article partition -------------------------------------------------------------------------

def occurrence_records(occurrences: pd.DataFrame, articles: pd.DataFrame,
                       min_words: int = MIN_SHARED_WORDS) -> pd.DataFrame:
    """On a worker: the shared_passages rows of a partition's articles (partition_articles), from their shared
    windows (indexed by article number), chained into occurrences as SharedPassageIndex.occurrences chains them."""
    if not len(occurrences):
        return _empty_records()
    files = {number: (source_id, file, spans) for number, source_id, file, spans in _files(articles)}
    text = occurrences.index.to_numpy().astype(np.int64)
    pos = occurrences["pos"].to_numpy()
    order = np.lexsort((pos, text))
    text, pos = text[order], pos[order]
    texts = occurrences["texts"].to_numpy()[order]
    one_next, one_prev = occurrences["one_next"].to_numpy()[order], occurrences["one_prev"].to_numpy()[order]
    linked = np.zeros(len(pos), bool)  # window k chains on to window k + 1
    linked[:-1] = (text[1:] == text[:-1]) & (pos[1:] == pos[:-1] + 1) & one_next[:-1] & one_prev[1:]
    begins = np.ones(len(pos), bool)
    begins[1:] = ~linked[:-1]
    starts = np.flatnonzero(begins)
    ends = np.append(starts[1:], len(pos)) - 1
    records, current = [], -1
    for s, e in zip(starts.tolist(), ends.tolist()):
        t, i, n = int(text[s]), int(pos[s]), int(pos[e] - pos[s]) + min_words
        if t != current:
            current = t
            source_id, file, spans = files[t]
            article = read_checked(file, source_id)
            offsets = _word_offsets(article)
            quoted = _quoted_counts(*offsets, [tuple(span) for span in spans])
        start, end = int(offsets[0][i]), int(offsets[1][i + n - 1])
        passage_text = article[start:end]
        prose = n - int(quoted[i + n] - quoted[i])
        records.append({"passage_id": passage_id(passage_text), "source_id": source_id, "start": start, "end": end,
                        "text": passage_text, "words": n, "characters": end - start, "sources": int(texts[s]),
                        "quotation_only": prose < MIN_SHARED_WORDS})
    return pd.DataFrame({name: pd.Series([r[name] for r in records], dtype=object) for name in _RECORD_COLUMNS})


_RECORD_COLUMNS = ("passage_id", "source_id", "start", "end", "text", "words", "characters", "sources",
                   "quotation_only")


def _empty_records() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series([], dtype=object) for name in _RECORD_COLUMNS})


# ---- 4. source pairs, per block of article pairs ----------------------------------------------------------------

def runs_in_block(block: pd.DataFrame, min_words: int = MIN_SHARED_WORDS) -> pd.DataFrame:
    """The source_pairs rows (articles by number) of the pairs of articles in a block of window pairs: the window
    pairs chained along diagonals into maximal runs, as SharedPassageIndex.pair_runs and pair_records make them."""
    if not len(block):
        return _empty(_PAIR_ROW_COLUMNS)
    c = {name: block[name].to_numpy() for name in block.columns}
    order = np.lexsort((c["i"], c["j"] - c["i"], c["tb"], c["ta"]))
    c = {name: values[order] for name, values in c.items()}
    ta, tb, i, j = c["ta"], c["tb"], c["i"], c["j"]
    begins = np.ones(len(i), bool)
    begins[1:] = ~((ta[1:] == ta[:-1]) & (tb[1:] == tb[:-1]) & (j[1:] - i[1:] == j[:-1] - i[:-1])
                   & (i[1:] == i[:-1] + 1))
    s = np.flatnonzero(begins)
    e = np.append(s[1:], len(i)) - 1
    length = e - s + min_words
    prose_words = {}
    for side in ("a", "b"):  # a run's quoted words: the first word of each window but the last, + the last window's
        before = np.concatenate(([0], np.cumsum(c[f"q1_{side}"])))
        prose_words[side] = length - (before[e] - before[s] + c[f"qn_{side}"][e])
    quotation = np.minimum(prose_words["a"], prose_words["b"]) < MIN_SHARED_WORDS
    new_pair = np.concatenate(([True], (ta[s][1:] != ta[s][:-1]) | (tb[s][1:] != tb[s][:-1])))
    pair = np.cumsum(new_pair) - 1  # each run's pair of articles, numbered in order
    count = int(pair[-1]) + 1
    first = s[np.flatnonzero(new_pair)]  # a window pair of each pair of articles
    prose = ~quotation
    shared_a = _covered_per_group(pair[prose], c["start_a"][s][prose], c["end_a"][e][prose], count)
    shared_b = _covered_per_group(pair[prose], c["start_b"][s][prose], c["end_b"][e][prose], count)
    rows = {"ta": ta[first], "tb": tb[first], "shared_characters": shared_a, "other_shared_characters": shared_b}
    for name, covered, characters in (("share", shared_a, c["chars_a"][first]),
                                      ("other_share", shared_b, c["chars_b"][first])):
        rows[name] = [round(x / n, 4) if n else 0.0 for x, n in zip(covered.tolist(), characters.tolist())]
    rows["passages"] = np.bincount(pair[prose], minlength=count)
    rows["quotation_only_passages"] = np.bincount(pair[quotation], minlength=count)
    return pd.DataFrame(rows).astype(_PAIR_ROW_COLUMNS)


# ---- the step -----------------------------------------------------------------------------------------------------

def check_workers(client) -> int:
    """The number of workers; raises WorkerMismatch naming any worker whose code for this step differs from ours."""
    return check_worker_code(client, MODULES, "shared-passage code")


# the step's functions return frames typed as their meta says (each ends in .astype of its columns): not checked
_AS_IS = {"enforce_metadata": False}


def _graph(parts: list[Partition], spans: Mapping[str, list[tuple[int, int]]], count: int, limit: int,
           min_words: int):
    """The step's two dask.dataframe collections: the shared_passages rows and the source_pairs rows."""
    import dask.dataframe as dd

    firsts = np.concatenate(([0], np.cumsum([len(p.articles) for p in parts])[:-1])).tolist()
    part_spans = [{source_id: spans[source_id] for source_id, _ in p.articles if source_id in spans} for p in parts]
    articles = dd.from_map(partition_articles, parts, firsts, part_spans, meta=_ARTICLE_META,
                           enforce_metadata=False, label="passage-articles")
    windows = articles.map_partitions(article_windows, min_words, meta=_empty(_WINDOW_COLUMNS), **_AS_IS)
    buckets = windows.shuffle(on="h1", npartitions=len(parts))  # every window of a key in one bucket
    shared = buckets.map_partitions(shared_in_bucket, meta=_empty(_SHARED_COLUMNS), **_AS_IS)
    # back to the article partitions: partition k holds the articles firsts[k] .. firsts[k + 1] - 1
    by_article = shared[["text", *_OCCURRENCE_COLUMNS]].set_index("text", divisions=[*firsts, count - 1])
    passages = dd.map_partitions(occurrence_records, by_article, articles, min_words, meta=_empty_records(),
                                 align_dataframes=False, **_AS_IS)
    pairs = (shared.map_partitions(pairs_in_bucket, limit, meta=_empty(_PAIR_COLUMNS), **_AS_IS)
             .shuffle(on=["ta", "tb"], npartitions=len(parts))  # pair blocks: every window pair of two articles
             .map_partitions(runs_in_block, min_words, meta=_empty(_PAIR_ROW_COLUMNS), **_AS_IS))
    return passages, pairs


# A scheduler running in this process (a local cluster) logs every start of a shuffle as a warning: not news
_SHUFFLE_LOG = "distributed.shuffle._scheduler_plugin"


@contextlib.contextmanager
def _quiet(name: str):
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def shared_passage_tables_on_dask(quotes: pd.DataFrame, files: Mapping[str, ArticleFile], scheduler=None,
                                  limit: int = PAIR_LIMIT, min_words: int = MIN_SHARED_WORDS) -> dict[str, pd.DataFrame]:
    """shared_passages and source_pairs of the articles in files (source_id -> its file, as
    scripts.extract.tables.article_files gives them), computed on a Dask cluster; quotes: the quotes table
    (source_id, start, end), whose spans make passages quotation-only. scheduler: an address, a
    distributed.Client, or None for a local cluster (scripts.extract.engines). Equal, row for row, to
    make_shared_passage_tables on the same texts."""
    import dask

    from scripts.extract.engines import one_cluster
    from scripts.package.tables import frame_from_records

    ids = sorted(files)
    spans = _quote_spans({"quotes": quotes})
    passages_schema, pairs_schema = load_schema("shared_passages"), load_schema("source_pairs")
    if not ids:
        return {"shared_passages": frame_from_records([], passages_schema),
                "source_pairs": frame_from_records([], pairs_schema)}
    with one_cluster(scheduler) as client:
        parts = file_partitions([(source_id, files[source_id]) for source_id in ids], check_workers(client))
        # the frames between the steps hold Python objects (an article's quotation spans, the records' values):
        # they are not to be turned into Arrow strings, as dask.dataframe does with object columns by default
        with dask.config.set({"dataframe.convert-string": False}), _quiet(_SHUFFLE_LOG):
            passages, pairs = _graph(parts, spans, len(ids), limit, min_words)
            passage_rows, pair_rows = client.gather(client.compute([passages, pairs]))
    records = passage_rows.to_dict("records")  # in the articles' order, each article's passages by their start
    records.sort(key=lambda r: (r["source_id"], r["start"]))
    pair_rows = pair_rows.sort_values(["ta", "tb"], kind="stable")
    names = np.asarray(ids, dtype=object)
    pair_rows = pair_rows.assign(source_id=names[pair_rows["ta"].to_numpy()],
                                 other_source_id=names[pair_rows["tb"].to_numpy()])
    pair_records = pair_rows.drop(columns=["ta", "tb"]).to_dict("records")
    return {"shared_passages": frame_from_records(records, passages_schema),
            "source_pairs": frame_from_records(pair_records, pairs_schema)}
