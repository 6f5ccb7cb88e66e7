"""Failure categories (scripts/evaluation/categories.py): each miss in one category computed from the rows, the
categories adding up to the scorer's misses, and the printed report holding counts only. Every name, article and
row here is invented."""
from __future__ import annotations

import csv
import hashlib

import pytest

from scripts.evaluation import categories as cat
from scripts.evaluation.evaluate import main, score_figures, score_real_mentions, score_real_quotes

TEXT = ("Orla Quenby, who chairs the Thistlewick Nurses Guild, met Bram Oduya of the Fenwold Health Board.\n"
        "The meeting ran late. Staff waited. “We want a fair deal,” she said.\n"
        "“Talks will go on,” the board said.\n")


def mention(text, kind, occurrence=0, person_id="", organisation_id="", source_id="a", article=TEXT):
    start = -1
    for _ in range(occurrence + 1):
        start = article.index(text, start + 1)
    return {"source_id": source_id, "text": text, "start": start, "end": start + len(text), "entity_kind": kind,
            "person_id": person_id, "organisation_id": organisation_id,
            "resolution": "alias" if person_id or organisation_id else "unresolved_candidate"}


MENTIONS = [mention("Orla Quenby", "person"), mention("Thistlewick Nurses Guild", "organisation"),
            mention("Bram Oduya", "person"), mention("Fenwold Health Board", "organisation")]


def gold_quote(text="We want a fair deal", name="Orla Quenby", method="pronoun", person_id="", organisation_id=""):
    start = TEXT.index(text)
    return {"source_id": "a", "start": start, "end": start + len(text), "text": text, "speaker_name": name,
            "speaker_person_id": person_id, "speaker_organisation_id": organisation_id, "speaker_method": method}


def predicted_quote(gold, name=None, speaker_text="she", person_id=None, organisation_id=None):
    return {"source_id": gold["source_id"], "start": int(gold["start"]), "end": int(gold["end"]),
            "speaker_text": speaker_text, "speaker_name": name, "speaker_person_id": person_id,
            "speaker_organisation_id": organisation_id}


@pytest.mark.parametrize("predicted, expected", [
    (None, "quote not found"),
    (dict(name=None, speaker_text=None), "no speaker given: no attribution found"),
    (dict(name=None, speaker_text="she"), "no speaker given: attribution left unresolved"),
    (dict(name="she"), "speaker text kept as the name (pronoun or description)"),
    (dict(name="The guild chair", speaker_text="The guild chair"),
     "speaker text kept as the name (pronoun or description)"),
    (dict(name="Quenby"), "right person, other name form (words of one name within the other)"),
    (dict(name="Thistlewick Nurses Guild"), "organisation for person"),
    (dict(name="Bram Oduya"), "another person named in the article"),
    (dict(name="Cassia Pellow"), "another person, not among the labelled mentions"),
])
def test_a_person_speaker_miss_is_put_in_one_category(predicted, expected):
    gold = gold_quote()
    row = None if predicted is None else predicted_quote(gold, **predicted)
    assert cat.speaker_miss_category(gold, row, MENTIONS) == expected


@pytest.mark.parametrize("predicted, expected", [
    (dict(name="Orla Quenby"), "person for organisation"),
    (dict(name="Thistlewick Nurses Guild"), "another organisation named in the article"),
    (dict(name="Marrow Valley Council"), "another organisation, not among the labelled mentions"),
    (dict(name="Fenwold Health"), "parent or part of the right organisation"),
])
def test_an_organisation_speaker_miss_is_put_in_one_category(predicted, expected):
    gold = gold_quote("Talks will go on", "Fenwold Health Board", "description")
    assert cat.speaker_miss_category(gold, predicted_quote(gold, **predicted), MENTIONS) == expected


def test_a_curated_parent_or_another_name_of_the_same_body_is_told_apart_from_another_body():
    mentions = [mention("Fenwold Health Board", "organisation", organisation_id="fhb"),
                mention("Thistlewick Nurses Guild", "organisation", organisation_id="tng")]
    gold = gold_quote("Talks will go on", "Fenwold Health Board", "description", organisation_id="fhb-panel")
    parent = predicted_quote(gold, "Fenwold Health Board", "the board", organisation_id="fhb")
    other = predicted_quote(gold, "Thistlewick Nurses Guild", "the board", organisation_id="tng")
    assert cat.speaker_miss_category(gold, parent, mentions, {"fhb-panel": "fhb"}) == \
        "parent or part of the right organisation"
    assert cat.speaker_miss_category(gold, other, mentions, {"fhb-panel": "fhb"}) == \
        "another organisation named in the article"
    acronym = {"source_id": "a", "text": "FHB", "start": 500, "end": 503, "entity_kind": "organisation",
               "person_id": "", "organisation_id": "fhb"}
    gold_board = {**gold, "speaker_organisation_id": "fhb"}
    short = predicted_quote(gold, "FHB", "FHB")
    assert cat.speaker_miss_category(gold_board, short, [*mentions, acronym]) == "right organisation, other name form"


def test_half_of_a_joint_pair_is_its_own_category():
    gold = gold_quote(name="Orla Quenby and Bram Oduya", method="joint")
    assert cat.speaker_miss_category(gold, predicted_quote(gold, "Bram Oduya"), MENTIONS) == "one of a joint pair"


ARTICLE_FOR_DISTANCES = ("Orla Quenby spoke first. “One,” she said. Then came a pause. And another. “Two,” she "
                         "said.\n“Three,” she added.\nThen Orla Quenby said: “Four.”\n")


@pytest.mark.parametrize("quote, mentions, expected", [
    ("Four", [mention("Orla Quenby", "person", 1, article=ARTICLE_FOR_DISTANCES)], "same sentence"),
    ("One", [mention("Orla Quenby", "person", article=ARTICLE_FOR_DISTANCES)], "previous sentence"),
    ("Two", [mention("Orla Quenby", "person", article=ARTICLE_FOR_DISTANCES)], "same paragraph, earlier sentence"),
    ("Three", [mention("Orla Quenby", "person", article=ARTICLE_FOR_DISTANCES)], "earlier paragraph"),
    ("One", [mention("Orla Quenby", "person", 1, article=ARTICLE_FOR_DISTANCES)], "only after the quote"),
    ("One", [], "no labelled mention"),
])
def test_the_right_speakers_last_mention_before_the_quote_gives_the_distance(quote, mentions, expected):
    start = ARTICLE_FOR_DISTANCES.index(quote)
    gold = {"source_id": "a", "start": start, "end": start + len(quote), "speaker_name": "Orla Quenby",
            "speaker_person_id": "", "speaker_organisation_id": ""}
    assert cat.speaker_distance(gold, ARTICLE_FOR_DISTANCES, mentions) == expected


def test_speaker_categories_add_up_to_the_scorers_misses_and_split_by_method():
    gold = [gold_quote(), gold_quote("Talks will go on", "Fenwold Health Board", "description")]
    predicted = [predicted_quote(gold[0], "Orla Quenby"), predicted_quote(gold[1], "Bram Oduya", "the board")]
    result = cat.speaker_categories(gold, predicted, MENTIONS, {"a": TEXT}, real_text=True)
    score = score_real_quotes(gold, predicted)["speaker of attributed quotes (accuracy)"]
    assert (result.attributed, result.right) == (score.expected, score.true_positives) == (2, 1)
    assert result.misses == {"person for organisation": 1}
    assert result.by_method["person for organisation"] == {"description": 1}
    assert result.method_misses == {"description": 1} and result.method_totals == {"pronoun": 1, "description": 1}


def test_a_speaker_method_outside_the_schemas_vocabulary_is_counted_as_other_not_printed():
    gold = [gold_quote(method="Orla Quenby's aside")]
    result = cat.speaker_categories(gold, [], MENTIONS, {"a": TEXT}, real_text=True)
    assert result.method_totals == {"(other)": 1} and result.by_method["quote not found"] == {"(other)": 1}


def test_shipped_sets_judge_speakers_by_curated_id_over_the_resolved_quotes():
    gold = [{**gold_quote(person_id="oq"), "speaker_status": "resolved"},
            {**gold_quote("Talks will go on", "", organisation_id="fhb"), "speaker_status": "unresolved"}]
    predicted = [predicted_quote(gold[0], "Orla Quenby", person_id="bo")]  # a wrong id under the right name
    mentions = [mention("Orla Quenby", "person", person_id="oq"), mention("Bram Oduya", "person", person_id="bo")]
    result = cat.speaker_categories(gold, predicted, mentions, {"a": TEXT}, real_text=False)
    assert (result.attributed, result.right) == (1, 0)
    assert result.misses == {"another person named in the article": 1}


# Mentions ------------------------------------------------------------------------------------------------------

def as_predicted(row, **changes):
    return {**row, "start": int(row["start"]), "end": int(row["end"]),
            "person_id": row["person_id"] or None, "organisation_id": row["organisation_id"] or None, **changes}


def cut(row, words):
    """The same mention with only its first `words` words (a boundary miss)."""
    text = " ".join(row["text"].split()[:words])
    return as_predicted(row, text=text, end=int(row["start"]) + len(text))


@pytest.mark.parametrize("gold, predicted, false_negative, false_positive", [
    (mention("Fenwold Health Board", "organisation"), [cut(mention("Fenwold Health Board", "organisation"), 2)],
     "boundary", "boundary"),
    (mention("Fenwold Health Board", "organisation", organisation_id="fhb"),
     [as_predicted(mention("Fenwold Health Board", "organisation"))],
     "id differs: candidate for a curated one", "id differs: candidate for a curated one"),
    (mention("Fenwold Health Board", "organisation"),
     [as_predicted(mention("Fenwold Health Board", "organisation", organisation_id="fhb"))],
     "id differs: curated for a candidate", "id differs: curated for a candidate"),
    (mention("Fenwold Health Board", "organisation", organisation_id="fhb"),
     [as_predicted(mention("Fenwold Health Board", "organisation", organisation_id="tng"))],
     "id differs: another curated id", "id differs: another curated id"),
    (mention("Bram Oduya", "person"), [as_predicted(mention("Bram Oduya", "organisation"))],
     "kind differs", "kind differs"),
    (mention("Bram Oduya", "person"), [cut(mention("Bram Oduya", "organisation"), 1)],
     "boundary and kind differ", "boundary and kind differ"),
])
def test_a_mention_miss_is_told_by_how_the_nearest_row_of_the_other_side_differs(gold, predicted, false_negative,
                                                                                false_positive):
    result = cat.mention_categories([gold], predicted, real_text=True)
    kinds = {gold["entity_kind"], predicted[0]["entity_kind"]}
    assert sum((result[k].false_negatives for k in kinds), start=cat.Counter()) == {false_negative: 1}
    assert sum((result[k].false_positives for k in kinds), start=cat.Counter()) == {false_positive: 1}


SHAPES_TEXT = ("The FHB and Thistlewick met the Fenwold Health Board, the nurses committee of Marrow, "
               "The Quill Gazette and Cassia Pellow.")


@pytest.mark.parametrize("text, shape", [
    ("FHB", "acronym"), ("Thistlewick", "one capitalised word"), ("the Fenwold Health Board", "starts with The"),
    ("nurses committee of Marrow", "contains lower-case words"), ("Fenwold Health Board", "multi-word with an organisational head word"),
    ("Cassia Pellow", "multi-word other"), ("The Quill Gazette", "starts with The"),
])
def test_a_mention_with_no_overlap_is_counted_by_its_shape(text, shape):
    row = mention(text, "organisation", article=SHAPES_TEXT)
    assert cat.mention_shape(text) == shape
    missed = cat.mention_categories([row], [], real_text=True)["organisation"]
    spurious = cat.mention_categories([], [as_predicted(row)], real_text=True)["organisation"]
    assert missed.false_negatives == {f"no overlap (missed entirely / spurious): {shape}": 1}
    assert spurious.false_positives == {f"no overlap (missed entirely / spurious): {shape}": 1}


def test_a_second_row_for_a_right_mention_is_a_duplicate():
    gold = mention("Fenwold Health Board", "organisation")
    result = cat.mention_categories([gold], [as_predicted(gold), as_predicted(gold)], real_text=True)
    assert result["organisation"].false_positives == {"duplicate of a right mention": 1}
    assert result["organisation"].right == 1


def test_mention_categories_add_up_to_the_scorers_misses():
    gold = [mention("Orla Quenby", "person"), mention("Thistlewick Nurses Guild", "organisation"),
            mention("Bram Oduya", "person"), mention("Fenwold Health Board", "organisation", organisation_id="fhb")]
    predicted = [as_predicted(gold[0]), cut(gold[1], 2), as_predicted(gold[2], entity_kind="organisation"),
                 as_predicted(gold[3], organisation_id=None), as_predicted(mention("The meeting", "organisation"))]
    result = cat.mention_categories(gold, predicted, real_text=True)
    scores = score_real_mentions(gold, predicted)
    for kind in ("organisation", "person"):
        score = next(s for k, s in scores.items() if k.startswith(kind))
        assert sum(result[kind].false_negatives.values()) == score.expected - score.true_positives
        assert sum(result[kind].false_positives.values()) == score.predicted - score.true_positives


# Quote spans ---------------------------------------------------------------------------------------------------

QUOTES_TEXT = ("“We will not move,” said Orla Quenby. ‘Never,’ she added. Bram Oduya called it \"a long and hard "
               "winter for every ward in the county\". “First part.” “Second part.”\n")


def quote_row(text, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = QUOTES_TEXT.index(text, start + 1)
    return {"source_id": "a", "text": text, "start": start, "end": start + len(text)}


def test_quote_span_misses_are_merged_or_missed_by_length_and_mark_and_add_up_to_the_scorers_misses():
    gold = [quote_row("We will not move,"), quote_row("Never,"),
            quote_row("a long and hard winter for every ward in the county"),
            quote_row("First part."), quote_row("Second part.")]
    merged = QUOTES_TEXT.index("First part."), QUOTES_TEXT.index("Second part.") + len("Second part.")
    predicted = [quote_row("We will not move"),                                       # found, other span
                 {"source_id": "a", "text": "", "start": merged[0], "end": merged[1]},  # two quotes as one
                 quote_row("Orla")]                                                   # spurious, no mark
    result = cat.quote_span_categories(gold, predicted, {"a": QUOTES_TEXT})
    assert result.false_negatives == {"no overlap (missed / spurious): one or two words": 1,
                                      "no overlap (missed / spurious): ten words or more": 1,
                                      "overlaps a quote matched to another row": 1}
    assert result.false_negative_marks == {"single curly": 1, "double straight": 1}
    assert result.false_positives == {"no overlap (missed / spurious): one or two words": 1}
    assert result.false_positive_marks == {"none": 1}
    assert result.expected_marks == {"double curly": 3, "single curly": 1, "double straight": 1}
    assert result.notes == {"found, other span (a miss for the exact-span measure)": 2}  # the first; the merged one
    score = score_real_quotes([{**g, "speaker_name": ""} for g in gold], predicted)["quote spans, overlapping"]
    assert sum(result.false_negatives.values()) == score.expected - score.true_positives
    assert sum(result.false_positives.values()) == score.predicted - score.true_positives


# Figures -------------------------------------------------------------------------------------------------------

FIGURES_TEXT = "Pay rose 5.5% to £7.3m for forty-two wards over 9 days, and 12 beds closed."


def figure(text, value, unit, value_high=None):
    start = FIGURES_TEXT.index(text)
    return {"source_id": "a", "text": text, "start": start, "end": start + len(text), "value": value,
            "value_high": value_high, "unit": unit, "hedge": "none"}


def test_each_figure_miss_is_put_in_one_category_and_they_add_up_to_the_scorers_misses():
    gold = [figure("5.5%", 5.5, "percent"), figure("£7.3m", 7.3e6, "gbp"), figure("forty-two wards", 42, "count"),
            figure("9 days", 9, "days"), figure("12 beds", 12, "count")]
    predicted = [figure("5.5", 5.5, "count"),                      # unit wrong, other span
                 figure("£7.3m", 7.3, "gbp"),                      # value wrong, same span
                 figure("9 days", 9, "days"), figure("days", 9, "days"),  # right; a second row on the same figure
                 figure("Pay", 1, "count")]                        # spurious, words
    result = cat.figure_categories(gold, predicted)
    assert result.false_negatives == {"unit wrong, other span": 1, "value wrong, same span": 1,
                                      "no overlap (missed / spurious): words": 1,
                                      "no overlap (missed / spurious): digits": 1}
    assert result.false_positives == {"unit wrong, other span": 1, "value wrong, same span": 1,
                                      "overlaps a figure matched to another row": 1,
                                      "no overlap (missed / spurious): words": 1}
    score = score_figures(gold, predicted)["figures: value and unit (overlapping span)"]
    assert sum(result.false_negatives.values()) == score.expected - score.true_positives
    assert sum(result.false_positives.values()) == score.predicted - score.true_positives


@pytest.mark.parametrize("predicted, category", [
    (figure("£7.3m", 7.3, "gbp"), "value wrong, same span"),
    (figure("7.3m", 7.3, "gbp"), "value wrong, other span"),
    (figure("£7.3m", 7.3e6, "count"), "unit wrong, same span"),
    (figure("7.3m", 7.3e6, "count"), "unit wrong, other span"),
    (figure("£7.3m", 7.3, "count"), "value and unit wrong"),
])
def test_a_figure_found_with_a_wrong_value_or_unit_is_one_miss_on_each_side(predicted, category):
    result = cat.figure_categories([figure("£7.3m", 7.3e6, "gbp")], [predicted])
    assert result.false_negatives == result.false_positives == {category: 1}


@pytest.mark.parametrize("text, unit, shape", [("£7.3m", "gbp", "money"), ("5.5%", "percent", "percent"),
                                               ("12 beds", "count", "digits"), ("forty-two wards", "count", "words")])
def test_a_figure_shape_is_money_percent_digits_or_words(text, unit, shape):
    assert cat.figure_shape({"text": text, "unit": unit}) == shape


def test_a_right_figure_on_another_span_is_noted_not_counted_as_a_miss():
    result = cat.figure_categories([figure("12 beds", 12, "count")], [figure("12", 12, "count")])
    assert (result.right, sum(result.false_negatives.values())) == (1, 0)
    assert sum(result.notes.values()) == 1


# The command ---------------------------------------------------------------------------------------------------

def write_curated(root, split):
    """A curated folder with an empty lexicon and one real-text article (cached), labelled so that every table
    has misses; returns the label texts that must never be printed."""
    curated, cache = root / "curated", root / "cache"
    (curated / "realtext" / "gold").mkdir(parents=True)
    cache.mkdir()
    for name, header in {"organisation_aliases.csv": "alias,organisation_id,case_sensitive",
                         "person_aliases.csv": "alias,person_id,case_sensitive",
                         "people.csv": "person_id,name,organisation_id"}.items():
        (curated / name).write_text(header + "\n", encoding="utf-8")
    article = TEXT + "Fenwold said 17 wards and £7.3m were at stake, Yarrowby Press reported.\n"
    data = article.encode("utf-8")
    (cache / "r01_x.txt").write_bytes(data)

    def write(name, header, rows):
        with (curated / "realtext" / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)

    write("articles.csv", ["article_id", "split", "url", "outlet", "published_date", "phase", "query", "result_rank",
                           "sha256", "characters", "bytes", "notes"],
          [["r01_x", split, "https://example.org/a", "Example", "2023-03-14", "p", "q", 1,
            hashlib.sha256(data).hexdigest(), len(article), len(data), ""]])
    quotes = [("We want a fair deal", "Bram Oduya Quenby", "pronoun"), ("Talks will go on", "Marrow Valley Council", "description")]
    write("gold/quotes.csv", ["source_id", "start", "end", "speaker_name", "speaker_person_id",
                              "speaker_organisation_id", "speaker_method", "cue", "continues_previous"],
          [["r01_x", article.index(q), article.index(q) + len(q), name, "", "", method, "said", "false"]
           for q, name, method in quotes])
    mentions = [("Orla Quenby", "person"), ("Thistlewick Nurses", "organisation"), ("Fenwold", "organisation"),
                ("Yarrowby Press reported", "organisation"), ("Bram", "person")]
    write("gold/mentions.csv", ["source_id", "text", "start", "end", "entity_kind", "person_id", "organisation_id",
                                "resolution", "normalised_name"],
          [["r01_x", t, article.index(t), article.index(t) + len(t), kind, "", "", "unresolved_candidate", t]
           for t, kind in mentions])
    figures = [("17 wards", 71, "count"), ("£7.3m", 7.3, "percent")]
    write("gold/figures.csv", ["source_id", "text", "start", "end", "value", "value_high", "unit", "per", "hedge"],
          [["r01_x", t, article.index(t), article.index(t) + len(t), v, "", u, "", "none"] for t, v, u in figures])
    label_texts = [q for q, _, _ in quotes] + [n for _, n, _ in quotes] + [t for t, _ in mentions] + \
        [t for t, _, _ in figures]
    return curated, cache, label_texts


@pytest.mark.parametrize("split, argv", [("dev", ["--categories"]), ("dev", ["--categories", "--ids", "r01"]),
                                         ("blind", ["--categories", "--blind"])])
def test_the_categories_command_prints_counts_and_no_label_text(tmp_path, monkeypatch, capsys, split, argv):
    curated, cache, label_texts = write_curated(tmp_path, split)
    monkeypatch.setenv("JDS_REALTEXT_CACHE", str(cache))
    assert main(argv, curated) == 0
    printed = capsys.readouterr().out
    assert f"realtext {split} (1 real articles)" in printed
    assert "Speakers: 2 misses of 2 attributed quotes" in printed and "Quote spans (overlapping): " in printed
    assert "Organisation mentions: " in printed and "Person mentions: " in printed
    assert "Figures (value and unit, overlapping span): 2 false negatives of 2 labelled" in printed
    for text in label_texts:
        assert text.lower() not in printed.lower(), text
    for word in {w for text in label_texts for w in text.split() if len(w) > 3 and w[0].isupper()}:
        assert word.lower() not in printed.lower(), word
