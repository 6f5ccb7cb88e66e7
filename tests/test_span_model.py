"""The fitted organisation-span score (scripts/extract/span_model.py): variants of capitalised runs, their shape
features, how the score would settle mentions.py's runs with fitted weights (an experiment the extractor does not
call), and the training script's pieces. Every name here is
invented; vocabulary words (nations, places) are taken from the name-words file, never written here."""
from __future__ import annotations

import numpy as np
import pytest

from scripts.extract import mentions, span_model, span_weights
from scripts.extract.lexicon import NAME_WORDS, Lexicon
from scripts.extract.span_model import extract_mentions, scored_runs

LEXICON = Lexicon.from_rows(
    [{"organisation_id": "kdu", "alias": "KDU", "case_sensitive": "true"},
     {"organisation_id": "kdu", "alias": "Kestrel Doctors Union", "case_sensitive": "false"}],
    [{"person_id": "ann-vole", "alias": "Ann Vole", "case_sensitive": "true"}], [])
NATION = sorted(NAME_WORDS.nations - {w for w in NAME_WORDS.nations if w.isupper()})[0]
PLACE = sorted(NAME_WORDS.places)[0]


def variants(text, lexicon=LEXICON):
    """{variant text: set of feature names of its first occurrence} over every run of the text."""
    found = {}
    for run in sorted(scored_runs(text, lexicon, lexicon.find(text))):
        for s, e, active in run:
            found.setdefault(text[s:e], {span_model.FEATURES[k] for k in active})
    return found


@pytest.fixture(autouse=True)
def fresh_names_cache():
    mentions._last_names[:] = [None, None, None]
    yield
    mentions._last_names[:] = [None, None, None]


def test_a_run_gives_its_boundary_variants_with_and_without_a_trailing_nation():
    text = f"Members of the Harbour Medical Society {NATION} voted on Tuesday."
    found = variants(text)
    assert {"Harbour Medical Society", f"Harbour Medical Society {NATION}", "Medical Society",
            f"Medical Society {NATION}"} <= set(found)
    assert "last_organisation_head" in found["Harbour Medical Society"]
    assert "last_nation" in found[f"Harbour Medical Society {NATION}"]
    assert "has_of" in found["Members of the Harbour Medical Society"]  # a variant too: the score tells it apart
    assert not any("Tuesday" in v for v in found)  # a weekday neither ends a variant nor stands as one


def test_a_body_introduced_by_the_and_saying_fires_its_context_features():
    text = "Yesterday the Vexby Patients Alliance said waits had grown."
    features = variants(text)["Vexby Patients Alliance"]
    assert {"words_3", "last_organisation_head", "before_the", "after_saying", "starts_run", "ends_run"} <= features
    assert "sentence_initial" not in features


def test_a_name_defined_by_an_acronym_in_brackets_and_the_acronym_alone():
    text = "The Marl Valley Nursing Guild (MVNG) wrote to ministers. Later MVNG said it would ballot."
    found = variants(text)
    assert "after_bracket_acronym" in found["Marl Valley Nursing Guild"]
    assert {"words_1", "single_acronym", "single_inside_brackets", "repeated", "single_repeated"} <= found["MVNG"]


def test_single_words_are_variants_with_their_own_shapes():
    text = "Parents wrote on VexTalk about the walkout.\nHe told the Quarrel: \u201cWe are ready.\u201d"
    found = variants(text)
    assert {"words_1", "has_camel", "single_camel", "before_preposition", "single_before_preposition"} <= \
        found["VexTalk"]
    assert {"single_before_the", "before_the"} <= found["Quarrel"]
    assert "Parents" not in found or "single_sentence_initial" in found["Parents"]
    assert "He" not in found  # a structure word opens no variant


def test_near_misses_carry_the_features_that_tell_them_apart():
    """A title-case headline, a person after a title, a place, a line in capitals, a byline, generic words."""
    text = (f"Strike Hits Marl Valley Wards\nJUNIOR DOCTORS WALK OUT AGAIN\nBy Jo Bell / Vexby Wire\n"
            f"Dr Mira Tallis said the strike was about pay. Nurses in {PLACE} Town joined the Pay Strike.\n")
    found = variants(text)
    assert "line_no_prose" in found["Strike Hits Marl Valley Wards"]
    assert "line_capitals" in found["JUNIOR DOCTORS WALK OUT AGAIN"]
    assert "line_byline" in found["Jo Bell"]
    assert "title_before" in found["Mira Tallis"] and not any(v.startswith("Dr") for v in found)
    assert "first_nation" not in found[f"{PLACE} Town"] and "any_nation" not in found[f"{PLACE} Town"]
    assert "words_lower_elsewhere" in found["Pay Strike"]


def test_no_variant_overlaps_a_curated_name():
    text = "Members of the Kestrel Doctors Union Council met the KDU Vexby Branch on Monday."
    for name in variants(text):
        assert "Kestrel Doctors Union" not in name and "KDU" not in name


def test_a_repeated_name_and_a_spokesperson_after_it():
    text = "The Tarn Carers Trust spokesperson said no. Later the Tarn Carers Trust wrote again."
    features = variants(text)["Tarn Carers Trust"]
    assert {"repeated", "after_spokesperson"} <= features


def _weights(**named):
    w = [0.0] * len(span_model.FEATURES)
    for name, value in named.items():
        w[span_model.INDEX[name]] = value
    return w


def test_the_shipped_weights_act_only_with_an_adopted_threshold(monkeypatch):
    """span_weights.py as committed: no threshold means no weights, and the score leaves the rules' rows alone."""
    text = "Many readers of VexTalk disagreed, Ann Vole said."
    monkeypatch.setattr(span_model, "_OVERRIDE", [])
    monkeypatch.setattr(span_model, "_LOADED", [])
    assert (span_model.weights() is None) == (span_weights.THRESHOLD is None and span_weights.VETO is None)
    if span_weights.THRESHOLD is None and span_weights.VETO is None:
        assert span_model.threshold() is None
        assert extract_mentions(text, "s", LEXICON) == mentions.extract_mentions(text, "s", LEXICON)
    monkeypatch.setattr(span_model, "_LOADED", [])
    monkeypatch.setattr(span_weights, "THRESHOLD", 0.5)  # the same weights, a threshold adopted
    assert span_model.weights() == [span_weights.WEIGHTS[name] for name in span_model.FEATURES]
    assert span_model.threshold() == 0.5


def test_fitted_weights_add_the_best_variant_of_a_run_no_mention_stands_in(monkeypatch):
    text = "Many readers of VexTalk disagreed, Ann Vole said."
    monkeypatch.setattr(span_model, "_OVERRIDE", [_weights(bias=-5.0, single_camel=10.0), 0.5])
    rows = extract_mentions(text, "s", LEXICON)
    added = [r for r in rows if r["text"] == "VexTalk"]
    assert added and added[0]["entity_kind"] == "organisation" and added[0]["resolution"] == "unresolved_candidate"
    assert [r["person_id"] for r in rows if r["text"] == "Ann Vole"] == ["ann-vole"]  # a curated person stays


def test_fitted_weights_never_take_a_persons_name(monkeypatch):
    text = "Dr Mira Tallis, a consultant, said the rota was unsafe."
    monkeypatch.setattr(span_model, "_OVERRIDE", [_weights(bias=5.0), 0.5])  # every variant scores high
    rows = extract_mentions(text, "s", LEXICON)
    assert [r["entity_kind"] for r in rows if "Tallis" in r["text"]] == ["person"]


def test_fitted_weights_move_a_rule_candidates_boundary_only_to_a_variant_that_scores_higher(monkeypatch):
    text = f"Staff at the Harbour Medical Society {NATION} voted."
    rules = [r["text"] for r in extract_mentions(text, "s", LEXICON)]
    assert rules == [f"Harbour Medical Society {NATION}"]
    mentions._last_names[:] = [None, None, None]
    monkeypatch.setattr(span_model, "_OVERRIDE", [_weights(bias=-2.0, last_organisation_head=6.0), 0.5])
    assert [r["text"] for r in extract_mentions(text, "s", LEXICON)] == ["Harbour Medical Society"]
    mentions._last_names[:] = [None, None, None]
    monkeypatch.setattr(span_model, "_OVERRIDE", [_weights(bias=-2.0, last_organisation_head=6.0), 0.999])
    assert [r["text"] for r in extract_mentions(text, "s", LEXICON)] == rules  # below the threshold: rules stand


def test_the_weights_file_matches_the_features_and_names_its_threshold():
    assert tuple(span_weights.FEATURES) == span_model.FEATURES
    assert set(span_weights.WEIGHTS) == set(span_model.FEATURES)
    assert span_weights.THRESHOLD is None or 0 < span_weights.THRESHOLD < 1
    assert span_weights.VETO is None or 0 < span_weights.VETO < 1
    assert span_weights.MOVE in (True, False)


def test_weights_fitted_for_other_features_are_not_used(monkeypatch):
    monkeypatch.setattr(span_model, "_OVERRIDE", [])
    monkeypatch.setattr(span_model, "_LOADED", [])
    monkeypatch.setattr(span_weights, "FEATURES", span_weights.FEATURES[:-1])
    monkeypatch.setattr(span_weights, "THRESHOLD", 0.5)
    assert span_model.weights() is None


def test_probability_is_the_logistic_of_the_summed_weights():
    w = _weights(bias=-1.0, words_2=1.0)
    assert span_model.probability([span_model.INDEX["bias"], span_model.INDEX["words_2"]], w) == 0.5
    assert span_model.probability([span_model.INDEX["bias"]], w) == pytest.approx(1 / (1 + np.e))
    assert span_model.probability([span_model.INDEX["bias"]], _weights(bias=-1000.0)) == 0.0


def test_the_fit_learns_a_feature_that_predicts_the_label_and_one_that_does_not():
    from scripts.evaluation.train_span_model import fit
    x = np.array([[1, 1, 0], [1, 1, 1], [1, 0, 0], [1, 0, 1]] * 10, dtype=float)
    y = np.array([1, 1, 0, 0] * 10, dtype=float)
    w = fit(x, y)
    assert w[1] > 1.0 and abs(w[2]) < 0.2


def test_the_training_articles_leave_out_the_unread_dev_articles(monkeypatch, tmp_path):
    """The dev batches kept unread (realtext.UNREAD_DEV_PREFIXES, curated/realtext/README.md): never training
    articles."""
    from scripts.evaluation import train_span_model
    from scripts.evaluation.evaluate import LabelledSet
    from scripts.evaluation.realtext import UNREAD_DEV_PREFIXES
    ids = ["ra01_wire", "rk03_trade", "zz01_new", *(f"{prefix}0{k}_held" for k, prefix in enumerate(UNREAD_DEV_PREFIXES))]
    dev = LabelledSet("realtext dev", {i: "text" for i in ids}, {}, tmp_path, real_text=True)
    monkeypatch.setattr(train_span_model, "realtext_set", lambda split, prefixes=(): dev if split == "dev" else None)
    assert sorted(train_span_model.training_set().articles) == ["ra01_wire", "rk03_trade", "zz01_new"]


def test_the_span_model_and_its_weights_are_not_in_the_extraction_cache_key(monkeypatch):
    """The cache key hashes every module the extractors import, read from their source: the experiment is not one
    of them, so a refit of its weights leaves every cached article valid."""
    from scripts.extract import cache
    from scripts.extract.tables import EXTRACTORS
    hashed = []
    module_file = cache._module_file
    monkeypatch.setattr(cache, "_module_file", lambda name: hashed.append(name) or module_file(name))
    cache.code_version(tuple(sorted(v.split(":")[0] for v in EXTRACTORS.values())))
    assert "scripts.extract.mentions" in hashed and "scripts.extract.names" in hashed
    assert "scripts.extract.span_model" not in hashed and "scripts.extract.span_weights" not in hashed


def rule_variants(text, lexicon=LEXICON):
    """As variants(), with the features that read what the rules found in the article."""
    kept, _, _, rules = span_model.rule_context(text, lexicon)
    found = {}
    for run in sorted(scored_runs(text, lexicon, kept, None, rules)):
        for s, e, active in run:
            found.setdefault(text[s:e], {span_model.FEATURES[k] for k in active})
    return found


def test_a_rules_candidate_carries_rule_candidate_and_its_other_variants_overlap_it():
    text = "Staff at the Harbour Medical Society voted on Tuesday."
    found = rule_variants(text)
    assert "rule_candidate" in found["Harbour Medical Society"]
    assert "rule_candidate" not in found["Medical Society"] and "overlaps_candidate" in found["Medical Society"]


def test_a_word_the_article_gives_a_person_marks_a_lone_surname_and_not_a_body():
    text = "Dr Mira Tallis said the rota was unsafe. It worried Tallis, who wrote to the Quillet Nursing Trust. " \
        "It angered Quillet too."
    found = rule_variants(text)
    assert {"word_of_a_person", "single_word_of_a_person"} <= found["Tallis"]
    assert "person_here" in found["Mira Tallis"]
    assert {"word_of_a_body", "single_word_of_a_body"} <= found["Quillet"]
    assert "word_of_a_person" not in found["Quillet"]  # near miss: a body's word is no surname


def test_an_acronym_defined_in_brackets_or_made_of_a_bodys_initials():
    text = "The Marl Valley Nursing Guild wrote to ministers. MVNG said it would ballot. ZQT did not answer."
    found = rule_variants(text)
    assert "initials_of_a_body" in found["MVNG"]
    assert "initials_of_a_body" not in found["ZQT"] and "acronym_defined" not in found["ZQT"]  # near miss
    text = "The Vexby Carers Circle (VCC) wrote to ministers. Later VCC said it would ballot."
    assert "acronym_defined" in rule_variants(text)["VCC"]


def test_role_words_around_a_name_and_a_which_clause():
    text = ("The Tarn Carers Guild chief executive, Jo Bell, spoke. A spokesperson for Vexby Mutual Aid declined. "
            "Quarrel Partners, which runs clinics, agreed.")
    found = rule_variants(text)
    assert "after_role" in found["Tarn Carers Guild"]
    assert "before_role_of" in found["Vexby Mutual Aid"]
    assert "after_which" in found["Quarrel Partners"]
    assert "after_role" not in found["Vexby Mutual Aid"] and "after_which" not in found["Tarn Carers Guild"]


def test_a_veto_drops_a_rules_candidate_that_scores_low_and_only_that(monkeypatch):
    text = "Staff at the Harbour Medical Society voted. KDU members agreed."
    rules = [r["text"] for r in extract_mentions(text, "s", LEXICON)]
    assert rules == ["Harbour Medical Society", "KDU"]
    mentions._last_names[:] = [None, None, None]
    monkeypatch.setattr(span_model, "_OVERRIDE", [_weights(bias=-9.0), None, 0.5, False])
    assert [r["text"] for r in extract_mentions(text, "s", LEXICON)] == ["KDU"]  # a curated name is never vetoed
    mentions._last_names[:] = [None, None, None]
    monkeypatch.setattr(span_model, "_OVERRIDE", [_weights(bias=-9.0, rule_candidate=12.0), None, 0.5, False])
    assert [r["text"] for r in extract_mentions(text, "s", LEXICON)] == rules  # scoring above the veto: kept


def test_without_moves_a_higher_scoring_variant_leaves_the_rules_boundary(monkeypatch):
    text = f"Staff at the Harbour Medical Society {NATION} voted."
    monkeypatch.setattr(span_model, "_OVERRIDE", [_weights(bias=-2.0, last_organisation_head=6.0), 0.5, None, False])
    assert [r["text"] for r in extract_mentions(text, "s", LEXICON)] == [f"Harbour Medical Society {NATION}"]


def test_the_read_batches_are_the_dev_prefixes_less_the_unread_ones():
    from scripts.evaluation.realtext import UNREAD_DEV_PREFIXES
    from scripts.evaluation.train_span_model import read_prefixes
    read = read_prefixes()
    assert read and not set(read) & set(UNREAD_DEV_PREFIXES)


def test_the_training_script_reproduces_the_committed_weights():
    """A deterministic fit: the examples of the read dev batches, fitted again, give span_weights.py's numbers."""
    from scripts.evaluation import train_span_model
    from scripts.evaluation.evaluate import realtext_set
    if realtext_set("dev", prefixes=("ra",)) is None:
        pytest.skip("the real-text cache is missing (curated/realtext/README.md)")
    labelled = train_span_model.training_set()
    _, x, y = train_span_model.examples(labelled, Lexicon.from_curated(train_span_model.CURATED_DIR))
    w = train_span_model.fit(x, y)
    assert {name: round(float(v), 4) for name, v in zip(span_model.FEATURES, w)} == \
        pytest.approx(span_weights.WEIGHTS, abs=2e-4)


def test_a_configuration_is_adopted_only_with_a_clear_cross_validated_gain():
    from scripts.evaluation.train_span_model import CLEAR_GAIN, adopted, configurations
    configs = configurations()
    assert configs[0] == ("rules alone", None, None, False)
    f1 = {name: 0.9 for name, *_ in configs}
    assert adopted(configs, f1) is None  # a tie changes nothing
    f1["add 0.7"] = 0.9 + CLEAR_GAIN / 2
    assert adopted(configs, f1) is None  # a gain within the margin neither
    f1["add 0.7"] = f1["add 0.8"] = 0.9 + 2 * CLEAR_GAIN
    assert adopted(configs, f1) == ("add 0.8", 0.8, None, False)  # a clear gain; of two equal, the one acting less
