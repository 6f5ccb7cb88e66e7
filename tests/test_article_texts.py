"""scripts.inputs.articles: the build's compact texts (ArticleTexts), built in place; lengths without decoding; the
one view of texts in a given order (TextsInOrder) that extraction and shared passages read through."""
from __future__ import annotations

import pytest

from scripts.inputs.articles import ArticleTexts, TextsInOrder, text_length, utf8_length

TEXTS = {"b-2023": "He said: “We’re not done.” — 5%\n\nNext", "a-2023": "", "c-2023": "plain text",
         "d-2023": "emoji 😀 and é", "e-2023": "lone surrogate \ud800 kept"}


def test_texts_added_one_by_one_give_the_dicts_keys_order_texts_and_lengths():
    compact = ArticleTexts()
    for source_id, text in TEXTS.items():
        compact.add(source_id, text)
    assert list(compact) == list(TEXTS) and dict(compact) == TEXTS
    assert [compact.length(s) for s in compact] == [len(t) for t in TEXTS.values()]
    assert [text_length(compact, s) for s in TEXTS] == [text_length(TEXTS, s) for s in TEXTS]


def test_a_text_added_with_its_files_bytes_is_not_encoded_again_and_reads_back():
    compact = ArticleTexts()
    data = TEXTS["b-2023"].encode("utf-8")
    compact.add("b-2023", TEXTS["b-2023"], data)
    compact.add("c-2023", TEXTS["c-2023"])
    assert compact["b-2023"] == TEXTS["b-2023"] and compact["c-2023"] == "plain text"
    assert bytes(compact._data) == data + b"plain text"


def test_a_source_id_added_twice_is_refused():
    compact = ArticleTexts({"a": "x"})
    with pytest.raises(ValueError, match="'a' is already in the texts"):
        compact.add("a", "y")
    assert compact["a"] == "x" and len(compact) == 1


def test_texts_made_from_texts_share_the_buffer_and_each_keeps_its_own_keys():
    first = ArticleTexts({"a": "one", "b": "twö"})
    second = ArticleTexts(first)
    assert second._data is first._data and dict(second) == dict(first)
    second.add("c", "three")
    first.add("d", "four")  # both append to the one buffer; neither sees the other's new text
    assert dict(first) == {"a": "one", "b": "twö", "d": "four"}
    assert dict(second) == {"a": "one", "b": "twö", "c": "three"}
    assert second.length("c") == 5 and "d" not in second


def test_utf8_length_counts_the_characters_of_the_bytes():
    for text in [*TEXTS.values(), "ÿ" * 3 + "€" + "𝄞"]:
        data = text.encode("utf-8", "surrogatepass")
        assert utf8_length(data) == len(text), text


def test_texts_in_order_read_each_text_when_asked_with_or_without_labels():
    ids = ["c-2023", "b-2023", "c-2023"]
    view = TextsInOrder(TEXTS, ids)
    assert len(view) == 3 and list(view) == [TEXTS[i] for i in ids]
    assert view[1:] == [TEXTS["b-2023"], TEXTS["c-2023"]] and view[-1] == TEXTS["c-2023"]
    with pytest.raises(IndexError):
        view[3]
    labelled = TextsInOrder.labelled(ArticleTexts(TEXTS), [("k1", "d-2023"), ("k2", "a-2023")])
    assert list(labelled) == [("k1", "d-2023", TEXTS["d-2023"]), ("k2", "a-2023", "")]
    assert labelled[:1] == [("k1", "d-2023", TEXTS["d-2023"])]
