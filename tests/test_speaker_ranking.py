"""The scored ranking that chooses whom 'he' or 'she' stands for (scripts/extract/speaker_ranking.py), on
constructed copy in several outlets' styles (invented people and bodies), its weights file and the cache key."""
from __future__ import annotations

import json
import shutil

import pytest

from scripts.extract import cache, speaker_ranking
from scripts.extract.lexicon import Lexicon
from scripts.extract.quotes import extract_quotes
from scripts.extract.speaker_ranking import FEATURES, GROUPS, Ranking, RankingError, load_ranking

EMPTY = Lexicon.from_rows([], [], [])


def speakers(article: str) -> list[tuple[str | None, str]]:
    return [(r["speaker_name"], r["speaker_method"]) for r in extract_quotes(article, "test", EMPTY)]


# ---- choosing ------------------------------------------------------------------------------------------------

def test_two_candidates_scoring_the_same_leave_the_speaker_unresolved():
    ranking = Ranking(tuple(1.0 for _ in FEATURES), 0.0)
    same = tuple(0.5 for _ in FEATURES)
    assert ranking.choose([same, same])[0] is None


def test_a_runner_up_within_the_margin_leaves_the_speaker_unresolved_and_one_beyond_it_does_not():
    ranking = Ranking((1.0,) + (0.0,) * (len(FEATURES) - 1), 0.5)
    first, close, far = ((x,) + (0.0,) * (len(FEATURES) - 1) for x in (1.0, 0.6, 0.4))
    assert ranking.choose([first, close])[0] is None
    assert ranking.choose([close, far])[0] is None  # 0.2 apart: within the margin
    assert ranking.choose([far, first])[0] == 1


def test_two_candidates_that_are_one_referent_do_not_tie():
    ranking = Ranking(tuple(1.0 for _ in FEATURES), 0.0)
    same, other = tuple(0.5 for _ in FEATURES), tuple(0.0 for _ in FEATURES)
    assert ranking.choose([same, same, other], ["jane-roe", "jane-roe", "sam-poole"])[0] in (0, 1)
    assert ranking.choose([same, same, other], ["jane-roe", "Jane Roe", "sam-poole"])[0] is None


def test_no_candidate_is_no_choice():
    assert Ranking(tuple(0.0 for _ in FEATURES), 0.0).choose([]) == (None, [])


def test_a_feature_of_positive_weight_counts_for_a_candidate_and_one_of_negative_weight_against_it():
    ranking = Ranking((2.0, -3.0) + (0.0,) * (len(FEATURES) - 2), 0.5)
    rest = (0.0,) * (len(FEATURES) - 2)
    favoured, penalised, neither = (1.0, 0.0) + rest, (1.0, 1.0) + rest, (0.0, 0.0) + rest
    assert ranking.choose([penalised, neither, favoured]) == (2, [-1.0, 0.0, 2.0])
    assert ranking.choose([penalised, neither])[0] == 1


# ---- on constructed copy ----------------------------------------------------------------------------------------

def test_she_passes_over_a_nearer_man_to_the_woman_named_before_him():
    article = ("Dr Amara Okafor, a registrar in Easton, said rotas had collapsed over the winter.\n\n"
               "Mr Tomas Brandt, chief executive of the Easton trust, said the trust had hired locums.\n\n"
               "“We are running on goodwill and it is gone,” she said.")
    assert speakers(article)[-1] == ("Amara Okafor", "pronoun")


def test_he_passes_over_a_nearer_woman_in_a_wire_style_inverted_attribution():
    article = ("“Nobody wants to strike,” said Mr Piotr Halloran, a consultant anaesthetist.\n\n"
               "Mrs Delia Frost, who chairs the hospital board, declined to comment.\n\n"
               "“But we have run out of road,” he added.")
    assert speakers(article)[-1] == ("Piotr Halloran", "pronoun")


def test_she_after_a_colon_introduction_in_a_regional_style_takes_the_last_woman_speaking():
    article = ("Nurse Ines Varga told the Gazette: “The ward was short by six people.”\n\n"
               "She added: “We cannot keep patients safe like this.”")
    assert speakers(article) == [("Ines Varga", "named"), ("Ines Varga", "pronoun")]


def test_a_pronoun_of_a_gender_the_text_gave_no_candidate_stays_unresolved():
    article = ("Mr Osric Lund, a GP partner, said the practice would close early.\n\n"
               "“It is the only way to cope,” she said.")
    assert speakers(article)[-1] == (None, "unresolved")


# ---- the weights file ---------------------------------------------------------------------------------------------

def _weights(tmp_path, data) -> str:
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_the_shipped_weights_file_gives_every_feature_a_weight_for_every_group():
    rankings = load_ranking()
    assert set(rankings) == set(GROUPS)
    assert all(len(r.weights) == len(FEATURES) and r.margin >= 0 for r in rankings.values())


def test_a_weights_file_missing_a_feature_is_refused_naming_the_file_the_feature_and_the_fix(tmp_path):
    weights = {name: 0.0 for name in FEATURES[1:]}
    path = _weights(tmp_path, {"groups": {g: {"weights": weights, "margin": 0.1} for g in GROUPS}})
    with pytest.raises(RankingError, match=rf"weights\.json.*{FEATURES[0]}.*train_speaker_ranking"):
        load_ranking(path)


def test_a_weights_file_with_a_negative_margin_or_a_text_weight_is_refused(tmp_path):
    weights = {name: 0.0 for name in FEATURES}
    with pytest.raises(RankingError, match="margin"):
        load_ranking(_weights(tmp_path, {"groups": {g: {"weights": weights, "margin": -1} for g in GROUPS}}))
    with pytest.raises(RankingError, match="finite number"):
        load_ranking(_weights(tmp_path, {"groups": {g: {"weights": {**weights, FEATURES[0]: "1"}, "margin": 0}
                                                     for g in GROUPS}}))


def test_a_weights_file_that_is_not_json_is_refused_naming_it(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(RankingError, match="broken.json.*JSON"):
        load_ranking(path)


def test_other_weights_give_another_extraction_cache_key(tmp_path, monkeypatch):
    before = cache.code_version(("scripts.extract.quotes",))
    changed = tmp_path / "speaker_ranking.json"
    shutil.copy(speaker_ranking.WEIGHTS_FILE, changed)
    data = json.loads(changed.read_text(encoding="utf-8"))
    data["groups"][GROUPS[0]]["margin"] += 0.5
    changed.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(speaker_ranking, "WEIGHTS_FILE", changed)
    assert cache.code_version(("scripts.extract.quotes",)) != before


# ---- the training script's fit --------------------------------------------------------------------------------

def test_the_fit_raises_the_weight_of_a_feature_the_right_candidates_have_and_the_wrong_ones_lack():
    import numpy as np
    from scripts.evaluation.train_speaker_ranking import fit, pairs
    right = tuple(1.0 if i == 0 else 0.0 for i in range(len(FEATURES)))
    wrong = tuple(0.0 for _ in FEATURES)
    decisions = [([right, wrong], [True, False], ["a", "b"])] * 20
    differences = pairs(decisions)
    assert differences.shape == (20, len(FEATURES))
    prior = np.zeros(len(FEATURES))
    weights = fit(differences, 1.0, prior)
    assert weights[0] > 1.0 and np.allclose(weights[1:], 0.0, atol=1e-6)


def test_the_fit_keeps_the_prior_where_the_labels_say_nothing():
    import numpy as np
    from scripts.evaluation.train_speaker_ranking import fit
    prior = np.array([0.5 * (i % 3) for i in range(len(FEATURES))])
    weights = fit(np.zeros((3, len(FEATURES))), 1.0, prior)
    assert np.allclose(weights, prior, atol=1e-6)


def test_accuracy_counts_right_and_unresolved_decisions():
    from scripts.evaluation.train_speaker_ranking import accuracy
    one = tuple(1.0 if i == 0 else 0.0 for i in range(len(FEATURES)))
    zero = tuple(0.0 for _ in FEATURES)
    ranking = Ranking(one, 0.5)
    found = [([one, zero], [True, False], ["a", "b"]),   # right
             ([one, zero], [False, True], ["a", "b"]),   # wrong
             ([zero, zero], [True, False], ["a", "b"])]  # a tie: unresolved
    assert accuracy(found, ranking) == (1, 1)


def test_hold_out_takes_the_prefixes_up_to_the_next_option():
    from scripts.evaluation.realtext import NOT_FITTED_PREFIXES, UNREAD_DEV_PREFIXES
    from scripts.evaluation.train_speaker_ranking import options
    given = options(["--hold-out", "rj", "rk", "--l2", "2", "--dry-run"])
    assert (given.hold_out, given.l2, given.dry_run) == (["rj", "rk"], 2.0, True)
    default = tuple(options([]).hold_out)
    assert default == NOT_FITTED_PREFIXES and set(UNREAD_DEV_PREFIXES) <= set(default)  # never the unread ones


def test_the_fit_reads_no_unread_dev_article(monkeypatch, tmp_path):
    """The dev batches kept unread (realtext.UNREAD_DEV_PREFIXES, curated/realtext/README.md): the fit never reads
    them."""
    from scripts.evaluation import train_speaker_ranking
    from scripts.evaluation.evaluate import LabelledSet
    from scripts.evaluation.realtext import UNREAD_DEV_PREFIXES
    ids = ["ra01_wire", "rk03_trade", *(f"{prefix}0{k}_held" for k, prefix in enumerate(UNREAD_DEV_PREFIXES))]
    dev = LabelledSet("realtext dev", {i: "text" for i in ids}, {}, tmp_path, real_text=True)
    package = LabelledSet("package", {"p1": "text"}, {}, tmp_path)
    read = []

    class Article:
        def __init__(self, text, source_id, lexicon):
            read.append(source_id)

        def rows(self):
            return []
    monkeypatch.setattr(train_speaker_ranking, "realtext_set", lambda split, directory: dev)
    monkeypatch.setattr(train_speaker_ranking, "package_set", lambda: package)
    monkeypatch.setattr(train_speaker_ranking.quotes, "_Article", Article)
    assert train_speaker_ranking.decisions() == []
    assert read == ["ra01_wire", "rk03_trade", "p1"]
