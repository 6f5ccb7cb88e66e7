"""shared_passages and source_pairs: text two articles share word for word."""
from __future__ import annotations

import random
from itertools import combinations

import pytest

from tests.conftest import published_table

from scripts.across.shared_passages import (_WORD, MIN_SHARED_WORDS, PAIR_LIMIT, SharedPassageIndex, _word_offsets,
                                          find_shared_passages, normalised_key, normalised_words, pair_records,
                                          shared_runs)

WIRE_A, WIRE_B = "hereford-times-2023-03-11", "unknown-2023-03-10"



@pytest.fixture(scope="module")
def built(built_root):
    articles = {row.source_id: (built_root / row.text_path).read_text(encoding="utf-8")
                for row in published_table(built_root, "sources").itertuples()}
    pairs = published_table(built_root, "source_pairs").set_index(["source_id", "other_source_id"])
    return {"articles": articles, "passages": published_table(built_root, "shared_passages"), "pairs": pairs}


# --- on the five articles ---------------------------------------------------------------------------------

def _rows_of_passages_in(passages, *sources):
    """The rows of passages that have an occurrence in every one of sources."""
    sharing = set.intersection(*(set(passages.loc[passages["source_id"] == s, "passage_id"]) for s in sources))
    return passages[passages["passage_id"].isin(sharing)]


def test_wire_copy_pair_shares_most_of_its_text(built):
    pair = built["pairs"].loc[(WIRE_A, WIRE_B)]
    assert pair["other_share"] > 0.5 and pair["share"] > 0.4
    assert pair["passages"] >= 5


def test_articles_in_their_own_words_share_nothing_and_have_no_pair_row(built):
    pairs = set(built["pairs"].index)
    assert not any("bbc-news-2023-04-11" in pair or "unknown-2023-03-02" in pair for pair in pairs)
    assert pairs == {(WIRE_A, "sky-news-2023-03-11"), (WIRE_A, WIRE_B), ("sky-news-2023-03-11", WIRE_B)}
    assert not set(built["passages"]["source_id"]) & {"bbc-news-2023-04-11", "unknown-2023-03-02"}


def test_sky_news_reuses_the_wire_intro(built):
    rows = _rows_of_passages_in(built["passages"], "sky-news-2023-03-11", WIRE_B)
    sky = rows[rows["source_id"] == "sky-news-2023-03-11"]
    assert sky["text"].str.startswith("The health secretary has invited junior doctors for pay talks").any()


def test_quoted_tweet_shared_without_surrounding_copy_is_quotation_only_and_not_counted(built):
    passages = built["passages"]
    opening = passages[(passages["source_id"] == WIRE_A) & passages["text"].str.replace("\xa0", " ").str.startswith("I’ve written to @BMA_JuniorDocs")]
    tweet = passages[passages["passage_id"].isin(opening["passage_id"])]
    assert set(tweet["source_id"]) == {WIRE_A, "sky-news-2023-03-11", WIRE_B}
    assert tweet["quotation_only"].all() and tweet["passage_id"].nunique() == 1 and set(tweet["sources"]) == {3}
    pair = built["pairs"].loc[(WIRE_A, "sky-news-2023-03-11")]
    assert pair["quotation_only_passages"] >= 1
    quoted = _rows_of_passages_in(passages, WIRE_A, "sky-news-2023-03-11")
    quoted = quoted[(quoted["source_id"] == WIRE_A) & quoted["quotation_only"] & (quoted["start"] >= opening["start"].iloc[0])]
    start = end = opening["start"].iloc[0]
    for row in quoted.sort_values("start").itertuples():  # the tweet: the chain of overlapping rows from its opening
        if row.start > end:
            break
        end = max(end, row.end)
    assert end - start > 250 and pair["shared_characters"] < end - start  # the whole tweet is left out


def test_every_occurrence_of_a_passage_has_the_same_words_in_as_many_articles_as_it_says(built):
    articles, passages = built["articles"], built["passages"]
    assert passages["passage_id"].nunique() < len(passages)
    for _, rows in passages.groupby("passage_id"):
        words = {normalised_key(articles[r.source_id][r.start:r.end]) for r in rows.itertuples()}
        assert len(words) == 1 and len(next(iter(words))) == rows["words"].iloc[0] >= MIN_SHARED_WORDS
        assert set(rows["sources"]) == {rows["source_id"].nunique()} and rows["source_id"].nunique() >= 2


def test_one_pair_row_per_unordered_pair_that_shares_a_passage_with_shares_of_article_length(built):
    articles, pairs, passages = built["articles"], built["pairs"], built["passages"]
    sharing = set()
    for _, rows in passages.groupby("passage_id"):
        sharing |= set(combinations(sorted(set(rows["source_id"])), 2))
    assert list(pairs.index) == sorted(sharing)
    for (a, b), row in pairs.iterrows():
        assert row["share"] == pytest.approx(row["shared_characters"] / len(articles[a]), abs=1e-4)
        assert row["other_share"] == pytest.approx(row["other_shared_characters"] / len(articles[b]), abs=1e-4)


def test_pair_shares_cover_exactly_the_prose_runs_every_pair_shares(built):
    """source_pairs from the index equals the definition applied pair by pair (no passage here is in > 3 articles)."""
    articles = built["articles"]
    for (a_id, b_id), row in built["pairs"].iterrows():
        a, b = normalised_words(articles[a_id]), normalised_words(articles[b_id])
        runs = shared_runs(a, b)
        assert row["passages"] + row["quotation_only_passages"] == len(runs)


# --- invented cases ---------------------------------------------------------------------------------------

PARAGRAPH = ("Unions representing ambulance workers, physiotherapists, nurses and midwives have been in talks "
             "with the department since Tuesday.")


def test_reused_paragraph_is_found_with_exact_offsets_in_both_articles():
    a = "Our own opening words about the dispute.\n\n" + PARAGRAPH + "\n\nA closing line of ours."
    b_paragraph = PARAGRAPH.replace("talks ", "talks  ").replace("Tuesday", "TUESDAY")
    b = "Something entirely different is said first here.\n" + b_paragraph + " Then more."
    records = find_shared_passages({"a": a, "b": b}, {})
    by_side = {r["source_id"]: r for r in records}
    assert set(by_side) == {"a", "b"} and by_side["a"]["passage_id"] == by_side["b"]["passage_id"]
    assert (by_side["a"]["start"], by_side["a"]["end"]) == (a.index(PARAGRAPH), a.index(PARAGRAPH) + len(PARAGRAPH) - 1)
    assert by_side["a"]["text"] == PARAGRAPH[:-1]  # the final full stop is not a word
    assert b[by_side["b"]["start"]:by_side["b"]["end"]] == by_side["b"]["text"] == b_paragraph[:-1]
    assert by_side["a"]["sources"] == by_side["b"]["sources"] == 2


@pytest.mark.parametrize("text, words", [
    ("The BMA’s Chair SAID", ("the", "bma's", "chair", "said")),               # ASCII once ’ is folded: lower-cased whole
    ("Médecins’ pay – “unfair”", ("médecins", "pay", "unfair")),               # ’ ends no word: it joins word characters
    ("doctorsʼ DAY", ("doctors'", "day")),        # ʼ is a word character: it stays in the word, then is folded
    ("İSTANBUL and \u212aelvin", (normalised_words("İSTANBUL")[0].key, "and", "kelvin")),
])
def test_normalised_key_is_the_words_normalised_one_by_one(text, words):
    """The key lower-cases ASCII text whole (quicker); on any text it equals normalising each word on its own."""
    assert normalised_key(text) == words == tuple(w.key for w in normalised_words(text))


@pytest.mark.parametrize("seed", range(4))
def test_word_offsets_are_the_spans_of_the_word_pattern(seed):
    """_word_offsets classifies characters in arrays; on any text it gives exactly _WORD's match spans: apostrophes
    join word characters only between two of them, ʼ is itself a word character, a combining mark is not."""
    rng = random.Random(seed)
    alphabet = list("ab Z9_'’ʼ-.\n\u00a0İ\u0307é£—“”😀中") + ["’’", "''"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        starts, ends = _word_offsets(text)
        assert list(zip(starts.tolist(), ends.tolist())) == [m.span() for m in _WORD.finditer(text)], text


def test_reordered_paragraphs_are_each_found():
    first = "The strike will run for three days from seven in the morning on Monday."
    second = "Emergency care will be prioritised and routine appointments will be postponed."
    records = find_shared_passages({"a": first + "\n\n" + second, "b": second + "\n\n" + first}, {})
    assert sorted(r["text"] for r in records if r["source_id"] == "a") == sorted([first[:-1], second[:-1]])


def test_seven_shared_words_are_not_a_passage_but_eight_are():
    seven = find_shared_passages({"a": "Alpha one two three four five six seven omega.",
                                  "b": "Beta one two three four five six seven gamma."}, {})
    eight = find_shared_passages({"a": "Alpha one two three four five six seven eight omega.",
                                  "b": "Beta one two three four five six seven eight gamma."}, {})
    assert seven == [] and len(eight) == 2


def test_same_facts_in_different_words_share_nothing():
    a = "Junior doctors will walk out for three days on Monday after talks with the minister failed."
    b = "A 72-hour strike by junior doctors begins on Monday because negotiations broke down."
    assert find_shared_passages({"a": a, "b": b}, {}) == [] and pair_records({"a": a, "b": b}, {}) == []


def test_shared_quotation_alone_is_flagged_and_left_out_of_the_share():
    quote = "I have written to the union inviting them for formal pay talks on the same basis"
    a = f'The minister tweeted: "{quote}."'
    b = f'In a post online the health secretary said: "{quote}."'
    spans = {"a": [(a.index(quote), a.index(quote) + len(quote))], "b": [(b.index(quote), b.index(quote) + len(quote))]}
    records = find_shared_passages({"a": a, "b": b}, spans)
    assert records and all(r["quotation_only"] for r in records)
    pair = pair_records({"a": a, "b": b}, spans)[0]
    assert (pair["share"], pair["passages"], pair["quotation_only_passages"]) == (0, 0, 1)


def _all_pairs_runs(articles: dict[str, str]) -> set[tuple]:
    """The definition, pair by pair: what the index must find without comparing every pair."""
    found = set()
    for a_id, b_id in combinations(sorted(articles), 2):
        a, b = normalised_words(articles[a_id]), normalised_words(articles[b_id])
        for run in shared_runs(a, b):
            found.add((a_id, run.i, b_id, run.j, run.length))
    return found


def _index_runs(articles: dict[str, str], limit: int = PAIR_LIMIT) -> set[tuple]:
    ids = sorted(articles)
    ta, i, tb, j, length = SharedPassageIndex([articles[s] for s in ids]).pair_runs(limit)
    return {(ids[a], x, ids[b], y, n) for a, x, b, y, n in zip(*(v.tolist() for v in (ta, i, tb, j, length)))}


def _covered_words(articles: dict[str, str], records: list[dict]) -> dict[tuple[str, str], set[int]]:
    """Per ordered pair (a, b): the word positions of a in passages that b holds too."""
    holders: dict[str, set[str]] = {}
    for r in records:
        holders.setdefault(r["passage_id"], set()).add(r["source_id"])
    starts = {s: [w.start for w in normalised_words(t)] for s, t in articles.items()}
    covered: dict[tuple[str, str], set[int]] = {}
    for r in records:
        first = starts[r["source_id"]].index(r["start"])
        for other in holders[r["passage_id"]] - {r["source_id"]}:
            covered.setdefault((r["source_id"], other), set()).update(range(first, first + r["words"]))
    return covered


def _covered_by_runs(articles: dict[str, str]) -> dict[tuple[str, str], set[int]]:
    covered: dict[tuple[str, str], set[int]] = {}
    for a_id, i, b_id, j, n in _all_pairs_runs(articles):
        covered.setdefault((a_id, b_id), set()).update(range(i, i + n))
        covered.setdefault((b_id, a_id), set()).update(range(j, j + n))
    return covered


def test_index_finds_exactly_the_runs_of_comparing_every_pair_on_the_five_articles(built):
    articles = built["articles"]
    assert _index_runs(articles) == _all_pairs_runs(articles)
    assert _covered_words(articles, find_shared_passages(articles, {})) == _covered_by_runs(articles)


def test_passage_shared_by_three_articles_is_one_passage_with_three_rows_and_three_pairs():
    articles = {"a": "First outlet opens its own way. " + PARAGRAPH,
                "b": PARAGRAPH + " The second outlet closes differently.",
                "c": "A third one. " + PARAGRAPH + " And more of its own."}
    records = find_shared_passages(articles, {})
    assert [r["source_id"] for r in records] == ["a", "b", "c"]
    assert all(r["text"] == PARAGRAPH[:-1] and r["sources"] == 3 for r in records)
    assert len({r["passage_id"] for r in records}) == 1
    assert [(p["source_id"], p["other_source_id"]) for p in pair_records(articles, {})] == [
        ("a", "b"), ("a", "c"), ("b", "c")]


def test_passage_in_many_articles_gives_one_row_per_article_and_no_pairs_past_the_limit():
    many = {f"s{k:03d}": f"Outlet {k} writes its own opening. " + PARAGRAPH for k in range(PAIR_LIMIT + 5)}
    records = find_shared_passages(many, {})
    assert len(records) == len(many) and {r["sources"] for r in records} == {len(many)}
    assert pair_records(many, {}) == []
    few = dict(list(many.items())[:5])
    assert len(find_shared_passages(few, {})) == 5 and len(pair_records(few, {})) == 10


def test_where_a_third_article_shares_part_of_a_passage_it_is_split_and_each_part_names_its_articles():
    extra = "Negotiations with the government have stalled again this week over the size of the offer."
    articles = {"a": "Opening of a. " + PARAGRAPH + " " + extra, "b": "Opening of b. " + PARAGRAPH + " " + extra,
                "c": "Only the last part: " + extra}
    records = find_shared_passages(articles, {})
    by_sources = {}
    for r in records:
        by_sources.setdefault(r["sources"], set()).add(r["text"])
    assert by_sources[3] == {extra[:-1]}
    assert any(t.startswith("Unions representing") for t in by_sources[2])
    assert _covered_words(articles, records) == _covered_by_runs(articles)


def test_pair_with_no_shared_passage_gives_no_pair_row():
    articles = {"a": "Alpha: " + PARAGRAPH, "b": "Beta: " + PARAGRAPH,
                "c": "Junior doctors will walk out for three days on Monday after talks with the minister failed."}
    pairs = pair_records(articles, {})
    assert [(p["source_id"], p["other_source_id"]) for p in pairs] == [("a", "b")]
    assert pairs[0]["passages"] == 1 and pairs[0]["share"] > 0


def test_repeated_and_overlapping_runs_in_a_corpus_equal_every_pair_compared():
    """Within-article repeats, runs at both texts' edges, empty and short texts, one run inside another."""
    words = "one two three four five six seven eight nine ten eleven twelve".split()
    articles = {"a": " ".join(words) + ". " + " ".join(words[2:11]) + ".",
                "b": " ".join(words[1:10]) + " and then " + " ".join(words),
                "c": "zero " + " ".join(words[:8]),
                "d": "", "e": "one two", "f": " ".join(words[4:12]) + " " + " ".join(words[:8])}
    assert _index_runs(articles) == _all_pairs_runs(articles) != set()
    records = find_shared_passages(articles, {})
    assert _covered_words(articles, records) == _covered_by_runs(articles)
    for r in records:
        assert articles[r["source_id"]][r["start"]:r["end"]] == r["text"]


def test_memo_of_the_articles_words_gives_the_same_tables_and_spares_splitting_seen_articles(tmp_path, monkeypatch):
    import pandas as pd

    import scripts.across.shared_passages as module
    from scripts.across.shared_passages import make_shared_passage_tables
    wire = "the union said the walkout would go ahead unless ministers returned with a new offer on pay"
    articles = {"a": f"Monday. {wire}.", "b": f"Later, {wire}, it said.", "c": "Nothing in common here at all."}
    frames = {"quotes": pd.DataFrame({"source_id": pd.Series([], dtype=object), "start": [], "end": []})}
    without = make_shared_passage_tables(frames, articles)
    first = make_shared_passage_tables(frames, articles, cache_dir=tmp_path)  # fills the memo
    assert list((tmp_path / "across").iterdir())
    split, original = [], module._word_offsets
    monkeypatch.setattr(module, "_word_offsets", lambda text: split.append(text) or original(text))
    added = dict(articles, d=f"Also: {wire}.")
    again = make_shared_passage_tables(frames, added, cache_dir=tmp_path)
    assert split and set(split) == {added["d"]}  # only the new article was split into words
    for name in ("shared_passages", "source_pairs"):
        pd.testing.assert_frame_equal(first[name], without[name])
        pd.testing.assert_frame_equal(again[name], make_shared_passage_tables(frames, added)[name])
    assert set(again["shared_passages"]["source_id"]) == {"a", "b", "d"}


def test_memo_filled_a_few_texts_at_a_time_gives_the_same_tables_and_holds_every_text(tmp_path, monkeypatch):
    import pandas as pd

    import scripts.across.shared_passages as module
    from scripts.across.shared_passages import make_shared_passage_tables
    monkeypatch.setattr(module, "MEMO_SEGMENT_TEXTS", 2)
    wire = "the union said the walkout would go ahead unless ministers returned with a new offer on pay"
    articles = {f"s{k}": f"Report {k}. {wire}." if k % 2 else f"Nothing shared in report {k}." for k in range(7)}
    articles["copy"] = articles["s1"]  # one text twice: stored once
    frames = {"quotes": pd.DataFrame({"source_id": pd.Series([], dtype=object), "start": [], "end": []})}
    first = make_shared_passage_tables(frames, articles, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("across/article-words-*/seg-*"))) == 4  # 7 distinct texts, 2 at a time
    split, original = [], module._word_offsets
    monkeypatch.setattr(module, "_word_offsets", lambda text: split.append(text) or original(text))
    again = make_shared_passage_tables(frames, articles, cache_dir=tmp_path)
    assert split == []  # every text came back from the memo
    for name in ("shared_passages", "source_pairs"):
        pd.testing.assert_frame_equal(first[name], make_shared_passage_tables(frames, articles)[name])
        pd.testing.assert_frame_equal(again[name], first[name])


def test_tables_from_the_builds_compact_texts_equal_the_tables_from_a_dict_of_texts(built, built_root):
    import pandas as pd

    from scripts.across.shared_passages import make_shared_passage_tables
    from scripts.inputs.articles import ArticleTexts
    frames = {"quotes": published_table(built_root, "quotes")}
    compact = ArticleTexts(built["articles"])
    from_dict = make_shared_passage_tables(frames, built["articles"])
    from_compact = make_shared_passage_tables(frames, compact)
    assert len(from_dict["shared_passages"]) > 0 and len(from_dict["source_pairs"]) > 0
    for name in ("shared_passages", "source_pairs"):
        pd.testing.assert_frame_equal(from_compact[name], from_dict[name])
