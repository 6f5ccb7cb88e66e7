"""The learned decision for quotations the rules leave speakerless (scripts/extract/attribution_model.py), on
constructed copy (invented people and places), its weights file, the cache key and the training script's fit."""
from __future__ import annotations

import json
import shutil

import pytest

from scripts.extract import attribution_model, cache
from scripts.extract.attribution_model import FEATURES, AttributionError, Model, load_model
from scripts.extract.lexicon import Lexicon
from scripts.extract.quotes import extract_quotes

EMPTY = Lexicon.from_rows([], [], [])


def speakers(article: str) -> list[tuple[str | None, str]]:
    return [(r["speaker_name"], r["speaker_method"]) for r in extract_quotes(article, "test", EMPTY)]


def _one(index: int, value: float = 1.0) -> tuple[float, ...]:
    return tuple(value if i == index else 0.0 for i in range(len(FEATURES)))


# ---- choosing ------------------------------------------------------------------------------------------------

def test_the_most_probable_candidate_is_taken_when_it_reaches_the_threshold():
    model = Model(tuple(2.0 if name == "last_speaker" else 0.0 for name in FEATURES), 0.7)
    spoke_last, did_not = _one(FEATURES.index("last_speaker")), _one(0, 0.0)
    assert model.choose([did_not, spoke_last]) == 1  # p = 0.88


def test_no_one_is_chosen_when_the_best_candidate_falls_short_of_the_threshold():
    model = Model(tuple(0.5 if name == "last_speaker" else 0.0 for name in FEATURES), 0.7)
    assert model.choose([_one(FEATURES.index("last_speaker"))]) is None  # p = 0.62


def test_a_quotation_with_no_candidate_gets_no_one():
    assert Model(tuple(5.0 for _ in FEATURES), 0.0).choose([]) is None


# ---- on constructed copy ----------------------------------------------------------------------------------------

CARRIED = ("Dr Selma Quarry, a registrar at Northvale General, said the rota had broken down.\n\n"
           "“We have been asking for help since the spring,” Dr Quarry said.\n\n"
           "The hospital runs three wards for older patients.\n\n"
           "{between}\n\n"
           "“Every shift now starts with a gap in the rota and ends with staff staying late to cover it.”")


@pytest.fixture
def adopted(monkeypatch):
    """The model as `train_attribution --adopt` would ship it: the committed weights at the CV's threshold."""
    data = json.loads(attribution_model.WEIGHTS_FILE.read_text(encoding="utf-8"))
    monkeypatch.setattr(attribution_model, "MODEL", Model(load_model().weights, data["cv_threshold"]))


def test_the_shipped_model_decides_at_the_threshold_its_cross_validation_chose():
    """Adopted (train_attribution --adopt): the file's threshold is the CV's, so extraction carries the speaker."""
    data = json.loads(attribution_model.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert load_model().threshold == data["cv_threshold"] < 1
    article = CARRIED.format(between="Its car park was rebuilt last year at a cost of two million pounds.")
    assert speakers(article) == [("Selma Quarry", "alias"), ("Selma Quarry", "continuation")]


def test_a_quoted_paragraph_two_asides_after_the_last_speaker_is_carried_over_to_them(adopted):
    article = CARRIED.format(between="Its car park was rebuilt last year at a cost of two million pounds.")
    assert speakers(article) == [("Selma Quarry", "alias"), ("Selma Quarry", "continuation")]


def test_the_paragraphs_that_go_on_with_a_quotation_the_model_carried_over_take_its_speaker(adopted):
    """A quoted paragraph left open, the next one going on with it: both are the carried speaker's words."""
    article = CARRIED.format(between="Its car park was rebuilt last year at a cost of two million pounds.")
    article = article.replace("to cover it.\u201d", "to cover it.\n\n\u201cNobody can keep that up for a whole winter.\u201d")
    assert speakers(article) == [("Selma Quarry", "alias"), ("Selma Quarry", "continuation"),
                                 ("Selma Quarry", "continuation")]


def test_a_quoted_paragraph_after_narration_naming_someone_else_keeps_no_speaker(adopted):
    article = CARRIED.format(between="Mr Caspar Whitlow took over as its chief executive last year after a long "
                                     "career in banking.")
    assert speakers(article) == [("Selma Quarry", "alias"), (None, "unresolved")]


def test_a_quotation_opening_the_text_has_no_candidate_and_keeps_no_speaker(adopted):
    article = ("“Every shift now starts with a gap in the rota and ends with staff staying late to cover it.”\n\n"
               "Dr Selma Quarry, a registrar at Northvale General, said the rota had broken down.")
    assert speakers(article) == [(None, "unresolved")]


def test_a_quoted_paragraph_with_narration_after_it_is_left_to_the_rules(adopted):
    article = CARRIED.format(between="Its car park was rebuilt last year at a cost of two million pounds.") + \
        " That was the mood on the ward."
    assert speakers(article)[-1] == (None, "unresolved")


def test_a_quoted_paragraph_cut_off_mid_sentence_is_no_whole_utterance_and_keeps_no_speaker(adopted):
    article = CARRIED.format(between="Its car park was rebuilt last year at a cost of two million pounds.")
    article = article.replace("to cover it.”", "to cover")
    assert speakers(article)[-1] == (None, "unresolved")


def _decided(article: str, whole_only: bool = True) -> list[int]:
    from scripts.extract.quotes import _Article
    parsed = _Article(article, "test", EMPTY)
    parsed.learned_attribution = False
    return [index for index, _, _ in attribution_model.decisions(parsed, parsed.rows(), whole_only=whole_only)]


def test_only_a_whole_quoted_paragraph_is_decided_by_the_model():
    whole = CARRIED.format(between="Its car park was rebuilt last year at a cost of two million pounds.")
    assert _decided(whole) == [1]
    with_narration = whole + " That was the mood on the ward."
    cut_off = whole.replace("to cover it.”", "to cover")
    assert _decided(with_narration) == [] and _decided(cut_off) == []
    assert _decided(with_narration, whole_only=False) == [1]  # (the training script reads them all)


def test_an_attribution_the_rules_found_and_could_not_resolve_is_left_to_them():
    assert not attribution_model.speakerless({"speaker_name": None, "speaker_text": "a spokesperson",
                                              "continues_previous": False})
    assert attribution_model.speakerless({"speaker_name": None, "speaker_text": None, "continues_previous": False})


# ---- the weights file ---------------------------------------------------------------------------------------------

def _weights(tmp_path, data) -> str:
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_the_shipped_weights_file_gives_every_feature_a_weight_and_a_threshold():
    model = load_model()
    assert len(model.weights) == len(FEATURES) and 0 <= model.threshold <= 1


def test_a_weights_file_missing_a_feature_is_refused_naming_the_file_the_feature_and_the_fix(tmp_path):
    path = _weights(tmp_path, {"weights": {name: 0.0 for name in FEATURES[1:]}, "threshold": 0.5})
    with pytest.raises(AttributionError, match=rf"weights\.json.*{FEATURES[0]}.*train_attribution"):
        load_model(path)


def test_a_weights_file_with_a_threshold_outside_0_to_1_or_a_text_weight_is_refused(tmp_path):
    weights = {name: 0.0 for name in FEATURES}
    with pytest.raises(AttributionError, match="threshold"):
        load_model(_weights(tmp_path, {"weights": weights, "threshold": 1.5}))
    with pytest.raises(AttributionError, match="finite number"):
        load_model(_weights(tmp_path, {"weights": {**weights, FEATURES[0]: "1"}, "threshold": 0.5}))


def test_a_weights_file_that_is_not_json_is_refused_naming_it(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(AttributionError, match="broken.json.*JSON"):
        load_model(path)


def test_other_weights_give_another_extraction_cache_key(tmp_path, monkeypatch):
    before = cache.code_version(("scripts.extract.quotes",))
    changed = tmp_path / "attribution_model.json"
    shutil.copy(attribution_model.WEIGHTS_FILE, changed)
    data = json.loads(changed.read_text(encoding="utf-8"))
    data["threshold"] = round(1 - data["threshold"] / 2, 3)
    changed.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(attribution_model, "WEIGHTS_FILE", changed)
    assert cache.code_version(("scripts.extract.quotes",)) != before


# ---- the training script --------------------------------------------------------------------------------------

def _decision(batch: str, right: bool, gold_speaker: bool = True) -> dict:
    on, off = _one(FEATURES.index("last_speaker")), _one(FEATURES.index("other_named_between"))
    return {"batch": batch, "features": [on if right else off], "right": [right], "gold_speaker": gold_speaker}


def test_the_fit_raises_the_weight_of_a_feature_the_right_candidates_have_and_lowers_one_the_wrong_ones_have():
    from scripts.evaluation.train_attribution import fit
    weights = fit([_decision("ra", True)] * 10 + [_decision("rb", False, False)] * 10)
    assert weights[FEATURES.index("last_speaker")] > 1.0
    assert weights[FEATURES.index("other_named_between")] < -1.0


def test_the_cross_validation_scores_each_batch_with_weights_fitted_on_the_others():
    from scripts.evaluation.train_attribution import cross_validate, sums
    found = [_decision(batch, True) for batch in ("ra", "rb", "rc") for _ in range(5)] + \
        [_decision(batch, False, False) for batch in ("ra", "rb", "rc") for _ in range(5)]
    summed = sums(cross_validate(found))
    assert summed[0.5]["decisions"] == 30 and summed[0.5]["right"] == 15 and summed[0.5]["added"] == 0


def test_the_threshold_is_the_one_gaining_most_with_a_wrong_speaker_costing_three_right_ones():
    from scripts.evaluation.train_attribution import THRESHOLDS, best_threshold
    counts = {t: {"right": 0, "wrong": 0, "added": 0} for t in THRESHOLDS}
    assert best_threshold(counts) is None  # nothing gained: not adopted
    counts[0.5] = {"right": 10, "wrong": 0, "added": 1}   # worth 7
    counts[0.7] = {"right": 9, "wrong": 0, "added": 0}    # worth 9
    assert best_threshold(counts) == 0.7
    counts = {t: {"right": 3, "wrong": 1, "added": 1} for t in THRESHOLDS}  # gains less than 3 x wrong
    assert best_threshold(counts) is None


def test_the_fit_reads_no_unread_dev_article(monkeypatch, tmp_path):
    from scripts.evaluation import train_attribution
    from scripts.evaluation.evaluate import LabelledSet
    from scripts.evaluation.realtext import UNREAD_DEV_PREFIXES
    ids = ["ra01_wire", "rk03_trade", *(f"{prefix}0{k}_held" for k, prefix in enumerate(UNREAD_DEV_PREFIXES))]
    dev = LabelledSet("realtext dev", {i: "text" for i in ids}, {}, tmp_path, real_text=True)
    read = []

    class Article:
        quotes = []

        def __init__(self, text, source_id, lexicon):
            read.append(source_id)

        def rows(self):
            return []
    monkeypatch.setattr(train_attribution, "realtext_set", lambda split, directory: dev)
    monkeypatch.setattr(train_attribution, "gold_rows", lambda labelled, table: [])
    monkeypatch.setattr(train_attribution.quotes, "_Article", Article)
    assert train_attribution.collect() == []
    assert read == ["ra01_wire", "rk03_trade"]


def test_the_training_script_reproduces_the_committed_weights_file(tmp_path, monkeypatch):
    """The fit is deterministic: run on the read dev part, it writes the file that is committed."""
    from scripts.evaluation import train_attribution
    from scripts.evaluation.realtext import cached_texts
    if cached_texts("dev") is None:
        pytest.skip("the real-text dev texts are not cached (curated/realtext/README.md)")
    written = tmp_path / "attribution_model.json"
    monkeypatch.setattr(attribution_model, "WEIGHTS_FILE", written)
    committed = json.loads((attribution_model.Path(attribution_model.__file__).with_name(
        "attribution_model.json")).read_text(encoding="utf-8"))
    assert train_attribution.main(["--adopt"] if committed["threshold"] < 1 else []) == 0
    assert json.loads(written.read_text(encoding="utf-8")) == committed
