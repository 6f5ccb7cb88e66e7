"""The statements index kept in the cache folder: a rebuild that starts from it groups the quotes as a build without."""
from __future__ import annotations

import random

import pytest

from scripts.across import statements as statements_module
from scripts.across.statements import _grouped
from scripts.across.statements_memo import STATE_FILE
from scripts.extract.cache import CacheWarning
from tests.test_statements import _invented_quotes

PARENTS = {"union-committee": "union"}


def _groups(quotes, cache_dir=None) -> list[list[tuple[str, int]]]:
    return [[(q["source_id"], q["start"]) for q in group] for group in _grouped(quotes, PARENTS, cache_dir)[0]]


@pytest.fixture
def new_lookups(monkeypatch) -> list[int]:
    """How many quotes had their lookups made (not taken from a kept index), call by call."""
    made: list[int] = []
    query_hashes = statements_module.StatementIndex.query_hashes

    def counted(self, quotes, keys):
        made.append(len(quotes))
        return query_hashes(self, quotes, keys)

    monkeypatch.setattr(statements_module.StatementIndex, "query_hashes", counted)
    return made


@pytest.mark.parametrize("seed", range(12))
def test_rebuild_from_a_kept_index_after_adding_quotes_of_any_date_groups_as_a_build_without(seed, tmp_path, new_lookups):
    """Quotes added in random order: before, between and after the kept ones, new speakers and wordings among them."""
    quotes = _invented_quotes(seed)
    rng = random.Random(seed)
    kept = [q for q in quotes if rng.random() < 0.75]
    _groups(kept, tmp_path)
    new_lookups.clear()
    assert _groups(quotes, tmp_path) == _groups(quotes)
    assert sum(new_lookups[:-1]) == len(quotes) - len(kept)  # the last call is the build without the index


def test_rebuilds_in_a_row_each_start_from_the_index_the_last_one_kept(tmp_path, new_lookups):
    quotes = _invented_quotes(3)
    rng = random.Random(3)
    rng.shuffle(quotes)
    for size in (80, 120, 150, 200, 200):
        new_lookups.clear()
        assert _groups(quotes[:size], tmp_path) == _groups(quotes[:size])
    assert sum(new_lookups[:-1]) == 0  # the last rebuild added nothing: every lookup was kept


def test_a_kept_quote_that_is_gone_or_changed_makes_the_index_anew(tmp_path, new_lookups):
    quotes = _invented_quotes(5)
    changed = quotes[1:] + [dict(quotes[0], text=quotes[0]["text"] + " again")]
    for k, now in enumerate((quotes[1:], changed)):
        _groups(quotes, tmp_path / str(k))
        new_lookups.clear()
        assert _groups(now, tmp_path / str(k)) == _groups(now)
        assert sum(new_lookups[:-1]) == len(now)


def test_an_index_whose_order_counted_less_than_half_the_quotes_is_made_anew(tmp_path, new_lookups):
    """The kept order still finds every match (tokens it never counted count 0), but counted on a few quotes it
    orders the many poorly: past twice as many quotes the order is counted again."""
    quotes = _invented_quotes(4)
    _groups(quotes[:50], tmp_path)
    new_lookups.clear()
    assert _groups(quotes[:120], tmp_path) == _groups(quotes[:120])
    assert sum(new_lookups[:-1]) == 120
    new_lookups.clear()
    assert _groups(quotes[:200], tmp_path) == _groups(quotes[:200])
    assert sum(new_lookups[:-1]) == 80  # 200 is not past twice the 120 the order was counted on


def test_changed_organisation_parents_make_the_index_anew(tmp_path, new_lookups):
    quotes = _invented_quotes(6)
    _grouped(quotes, PARENTS, tmp_path)
    new_lookups.clear()
    assert ([[id(q) for q in g] for g in _grouped(quotes, {}, tmp_path)[0]]
            == [[id(q) for q in g] for g in _grouped(quotes, {})[0]])
    assert sum(new_lookups[:-1]) == len(quotes)


@pytest.mark.parametrize("damage", ["truncated", "not a zip", "arrays that do not fit", "a lookup changed",
                                    "lookups missing", "an entry in a space its quote is not in"])
def test_a_damaged_index_is_reported_and_made_anew(damage, tmp_path):
    quotes = _invented_quotes(7)
    _groups(quotes[:150], tmp_path)
    [path] = tmp_path.glob(f"across/statements-*/{STATE_FILE}")
    [lookups] = path.parent.glob("lookups-*.bin")
    if damage == "a lookup changed":
        data = bytearray(lookups.read_bytes())
        data[len(data) // 2] ^= 1
        lookups.write_bytes(bytes(data))
    elif damage == "lookups missing":
        lookups.unlink()
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2])
    elif damage == "not a zip":
        path.write_bytes(b"not an index")
    else:
        import numpy as np
        with np.load(path) as stored:
            arrays = dict(stored)
        if damage == "arrays that do not fit":
            arrays["query_starts"] = arrays["query_starts"][:-1]
        else:
            arrays["entry_space"][0] += 1
        with open(path, "wb") as handle:
            np.savez(handle, **arrays)
    with pytest.warns(CacheWarning, match="statements index cannot be used"):
        assert _groups(quotes, tmp_path) == _groups(quotes)
    assert _groups(quotes, tmp_path) == _groups(quotes)  # and the index kept after it serves the next build
    assert len(list(path.parent.glob("lookups-*.bin"))) == 1  # the lookups the index no longer names are gone


def test_keeping_an_index_removes_those_other_code_versions_kept(tmp_path):
    old = tmp_path / "across" / "statements-0123456789abcdef"
    old.mkdir(parents=True)
    (old / STATE_FILE).write_bytes(b"kept by other code")
    neighbour = tmp_path / "across" / "figure-other-terms-0123"
    neighbour.mkdir()
    _groups(_invented_quotes(1), tmp_path)
    assert not old.exists() and neighbour.exists()
    assert len(list(tmp_path.glob(f"across/statements-*/{STATE_FILE}"))) == 1
