"""shared_passages and source_pairs: text two articles share word for word."""
from __future__ import annotations

from itertools import combinations

import pytest

from tests.conftest import published_table

from scripts.across.shared_passages import (MIN_SHARED_WORDS, find_shared_passages, normalised_key, normalised_words,
                                          pair_records, shared_runs)

WIRE_A, WIRE_B = "hereford-times-2023-03-11", "unknown-2023-03-10"



@pytest.fixture(scope="module")
def built(built_root):
    articles = {row.source_id: (built_root / row.text_path).read_text(encoding="utf-8")
                for row in published_table(built_root, "sources").itertuples()}
    pairs = published_table(built_root, "source_pairs").set_index(["source_id", "other_source_id"])
    return {"articles": articles, "passages": published_table(built_root, "shared_passages"), "pairs": pairs}


# --- on the five articles ---------------------------------------------------------------------------------

def test_wire_copy_pair_shares_most_of_its_text(built):
    pair = built["pairs"].loc[(WIRE_A, WIRE_B)]
    assert pair["other_share"] > 0.5 and pair["share"] > 0.4
    assert pair["passages"] >= 5


def test_articles_in_their_own_words_share_nothing_and_have_no_pair_row(built):
    pairs = set(built["pairs"].index)
    assert not any("bbc-news-2023-04-11" in pair or "unknown-2023-03-02" in pair for pair in pairs)
    assert pairs == {(WIRE_A, "sky-news-2023-03-11"), (WIRE_A, WIRE_B), ("sky-news-2023-03-11", WIRE_B)}


def test_sky_news_reuses_the_wire_intro(built):
    passages = built["passages"]
    sky = passages[(passages["source_id"] == "sky-news-2023-03-11") & (passages["other_source_id"] == WIRE_B)]
    assert sky["text"].str.startswith("The health secretary has invited junior doctors for pay talks").any()


def test_quoted_tweet_shared_without_surrounding_copy_is_quotation_only_and_not_counted(built):
    passages = built["passages"]
    tweet = passages[(passages["source_id"] == "sky-news-2023-03-11") & (passages["other_source_id"] == WIRE_A)
                     & passages["text"].str.startswith("I’ve written to @BMA_JuniorDocs")]
    assert tweet["quotation_only"].tolist() == [True]
    pair = built["pairs"].loc[(WIRE_A, "sky-news-2023-03-11")]
    assert pair["quotation_only_passages"] >= 1
    assert pair["shared_characters"] < int(tweet["characters"].iloc[0])


def test_other_side_of_every_passage_has_the_same_words_and_its_own_row(built):
    articles, passages = built["articles"], built["passages"]
    keys = set(zip(passages["source_id"], passages["start"], passages["end"],
                   passages["other_source_id"], passages["other_start"], passages["other_end"]))
    for row in passages.itertuples():
        other_text = articles[row.other_source_id][row.other_start:row.other_end]
        assert normalised_key(other_text) == normalised_key(row.text)
        assert (row.other_source_id, row.other_start, row.other_end, row.source_id, row.start, row.end) in keys
        assert len(normalised_key(row.text)) == row.words >= MIN_SHARED_WORDS


def test_one_pair_row_per_unordered_pair_that_shares_a_passage_with_shares_of_article_length(built):
    articles, pairs, passages = built["articles"], built["pairs"], built["passages"]
    sharing = {tuple(sorted(p)) for p in zip(passages["source_id"], passages["other_source_id"])}
    assert list(pairs.index) == sorted(sharing)
    for (a, b), row in pairs.iterrows():
        assert row["share"] == pytest.approx(row["shared_characters"] / len(articles[a]), abs=1e-4)
        assert row["other_share"] == pytest.approx(row["other_shared_characters"] / len(articles[b]), abs=1e-4)


# --- invented cases ---------------------------------------------------------------------------------------

PARAGRAPH = ("Unions representing ambulance workers, physiotherapists, nurses and midwives have been in talks "
             "with the department since Tuesday.")


def test_reused_paragraph_is_found_with_exact_offsets_in_both_articles():
    a = "Our own opening words about the dispute.\n\n" + PARAGRAPH + "\n\nA closing line of ours."
    b_paragraph = PARAGRAPH.replace("talks ", "talks  ").replace("Tuesday", "TUESDAY")
    b = "Something entirely different is said first here.\n" + b_paragraph + " Then more."
    records = find_shared_passages({"a": a, "b": b}, {})
    by_side = {r["source_id"]: r for r in records}
    assert set(by_side) == {"a", "b"}
    assert (by_side["a"]["start"], by_side["a"]["end"]) == (a.index(PARAGRAPH), a.index(PARAGRAPH) + len(PARAGRAPH) - 1)
    assert by_side["a"]["text"] == PARAGRAPH[:-1]  # the final full stop is not a word
    assert b[by_side["a"]["other_start"]:by_side["a"]["other_end"]] == b_paragraph[:-1]
    assert by_side["b"]["other_start"] == by_side["a"]["start"]


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
    records = find_shared_passages({"a": a, "b": b}, {})
    assert records == [] and pair_records(records, {"a": a, "b": b}) == []


def test_shared_quotation_alone_is_flagged_and_left_out_of_the_share():
    quote = "I have written to the union inviting them for formal pay talks on the same basis"
    a = f'The minister tweeted: "{quote}."'
    b = f'In a post online the health secretary said: "{quote}."'
    spans = {"a": [(a.index(quote), a.index(quote) + len(quote))], "b": [(b.index(quote), b.index(quote) + len(quote))]}
    records = find_shared_passages({"a": a, "b": b}, spans)
    assert records and all(r["quotation_only"] for r in records)
    pair = pair_records(records, {"a": a, "b": b})[0]
    assert (pair["share"], pair["passages"], pair["quotation_only_passages"]) == (0, 0, 1)


def _all_pairs_runs(articles: dict[str, str]) -> set[tuple]:
    """The definition, pair by pair: what the index must find without comparing every pair."""
    found = set()
    for a_id, b_id in combinations(sorted(articles), 2):
        a, b = normalised_words(articles[a_id]), normalised_words(articles[b_id])
        for run in shared_runs(a, b):
            found.add((a_id, a[run.i].start, a[run.i + run.length - 1].end,
                       b_id, b[run.j].start, b[run.j + run.length - 1].end))
    return found


def _index_runs(records: list[dict]) -> set[tuple]:
    return {(r["source_id"], r["start"], r["end"], r["other_source_id"], r["other_start"], r["other_end"])
            for r in records if r["source_id"] < r["other_source_id"]}


def test_index_finds_exactly_the_runs_of_comparing_every_pair_on_the_five_articles(built):
    articles = built["articles"]
    assert _index_runs(find_shared_passages(articles, {})) == _all_pairs_runs(articles)


def test_passage_shared_by_three_articles_is_found_between_each_pair():
    articles = {"a": "First outlet opens its own way. " + PARAGRAPH,
                "b": PARAGRAPH + " The second outlet closes differently.",
                "c": "A third one. " + PARAGRAPH + " And more of its own."}
    records = find_shared_passages(articles, {})
    assert {(r["source_id"], r["other_source_id"]) for r in records} == {
        ("a", "b"), ("b", "a"), ("a", "c"), ("c", "a"), ("b", "c"), ("c", "b")}
    assert all(r["text"] == PARAGRAPH[:-1] for r in records)
    assert [(p["source_id"], p["other_source_id"]) for p in pair_records(records, articles)] == [
        ("a", "b"), ("a", "c"), ("b", "c")]


def test_pair_with_no_shared_passage_gives_no_pair_row():
    articles = {"a": "Alpha: " + PARAGRAPH, "b": "Beta: " + PARAGRAPH,
                "c": "Junior doctors will walk out for three days on Monday after talks with the minister failed."}
    pairs = pair_records(find_shared_passages(articles, {}), articles)
    assert [(p["source_id"], p["other_source_id"]) for p in pairs] == [("a", "b")]
    assert pairs[0]["passages"] == 1 and pairs[0]["share"] > 0


def test_repeated_and_overlapping_runs_in_a_corpus_equal_every_pair_compared():
    """Within-article repeats, runs at both texts' edges, empty and short texts, one run inside another."""
    words = "one two three four five six seven eight nine ten eleven twelve".split()
    articles = {"a": " ".join(words) + ". " + " ".join(words[2:11]) + ".",
                "b": " ".join(words[1:10]) + " and then " + " ".join(words),
                "c": "zero " + " ".join(words[:8]),
                "d": "", "e": "one two", "f": " ".join(words[4:12]) + " " + " ".join(words[:8])}
    records = find_shared_passages(articles, {})
    assert _index_runs(records) == _all_pairs_runs(articles) != set()
