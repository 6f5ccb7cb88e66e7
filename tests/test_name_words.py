"""The name words (curated/vocabulary/name_words.csv): loaded, used by the extractors, checked, replaceable, and
never written in extractor code."""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.errors import InputError
from scripts.extract import candidates, mentions, names
from scripts.extract.lexicon import NAME_WORDS, NAME_WORDS_ENV, load_name_words
from scripts.paths import ROOT

HEADER = "word,kind,guess,why\n"


def test_the_extractors_use_every_name_word_of_the_file():
    assert NAME_WORDS.not_person and NAME_WORDS.media_heads
    assert NAME_WORDS.not_person <= names.NOT_PERSON_WORDS
    assert NAME_WORDS.media_heads <= mentions.HEAD_WORDS
    assert NAME_WORDS.guesses.items() <= candidates._KIND_BY_HEAD.items()
    assert NAME_WORDS.organisations and NAME_WORDS.organisations <= names.NOT_PERSON_WORDS
    assert NAME_WORDS.organisations <= mentions._PARTY_WORDS
    assert NAME_WORDS.nations and NAME_WORDS.nations <= mentions._NATION_SUFFIXES
    assert NAME_WORDS.nations | NAME_WORDS.regions <= names._NATION_WORDS
    assert NAME_WORDS.regions and NAME_WORDS.places and NAME_WORDS.regions | NAME_WORDS.places <= mentions._LOWER_NATIONS
    assert NAME_WORDS.chambers and NAME_WORDS.chambers <= mentions._GENERIC_REFERENCES
    assert NAME_WORDS.nationalities and NAME_WORDS.nationalities <= names.NOT_PERSON_WORDS
    assert NAME_WORDS.nationalities | NAME_WORDS.nationality_surnames <= mentions._NATIONALITIES
    assert NAME_WORDS.nationality_surnames and not NAME_WORDS.nationality_surnames & names.NOT_PERSON_WORDS
    assert {w for w in NAME_WORDS.nations if w.isupper()} <= mentions._NOT_ORGANISATION_ACRONYMS
    # every branch row is looked for before a lower-case body, the rows ending in a nation's name after a body too
    assert NAME_WORDS.branches and all(mentions._NATION_BEFORE.search(f"its {b} juniors committee", 0, 4 + len(b) + 1)
                                       for b in NAME_WORDS.branches)
    after = {b for b in NAME_WORDS.branches if mentions._BRANCH.fullmatch(" " + b)}
    assert after == {b for b in NAME_WORDS.branches if b.split()[-1] in NAME_WORDS.nations} and after
    assert all(mentions._NATION_AFTER.fullmatch(" " + n) for n in NAME_WORDS.nations)


def test_a_place_word_bars_a_person_by_kind_a_nation_and_a_region_do_a_city_does_not():
    # a city's name can be a surname, so kind place is a lone word that is no body, not a bar on a person's name
    assert not NAME_WORDS.places & names._NATION_WORDS and not NAME_WORDS.places & mentions._NATION_SUFFIXES
    assert not NAME_WORDS.regions & mentions._NATION_SUFFIXES


# What a regular expression writes between two words on a line ('Northern[^\\S\\n]+Ireland'), read as a space.
_REGEX_GAP = re.compile(r"\[\^\\S\\n\][+*]?|\\s[+*]?|[^\w'’\-]+")


def _code_strings(path: Path) -> set[str]:
    """Words, and runs of two to four words, of the string literals in a module's code (regular expressions
    included: 'Wales|Scotland' holds both words), docstrings left out (they may give examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            words = _REGEX_GAP.sub(" ", node.value).split()
            found |= {" ".join(words[i:i + n]) for n in range(1, 5) for i in range(len(words) - n + 1)}
    return found


def test_the_code_reader_finds_words_and_phrases_inside_regular_expressions():
    path = Path(__file__).with_name("_code_strings_probe.py")
    try:
        path.write_text('X = r"(?:Vexmark|Northern[^\\S\\n]+Vexmark)(?![\\w\\-])"\n', encoding="utf-8")
        assert {"Vexmark", "Northern Vexmark"} <= _code_strings(path)
    finally:
        path.unlink()


@pytest.mark.parametrize("module", sorted((ROOT / "scripts" / "extract").glob("*.py")), ids=lambda p: p.name)
def test_no_name_word_is_written_in_extractor_code(module):
    words = NAME_WORDS.not_person | NAME_WORDS.media_heads | NAME_WORDS.organisations | NAME_WORDS.nations \
        | NAME_WORDS.regions | NAME_WORDS.places | NAME_WORDS.branches | NAME_WORDS.nationalities \
        | NAME_WORDS.nationality_surnames | NAME_WORDS.chambers | {w.capitalize() for w in NAME_WORDS.guesses}
    # 'Sun' is also the weekday's abbreviation, a calendar word the code may know ('post' in lower case is a noun)
    # 'GB' is also the gigabyte's abbreviation, a unit the code may know
    assert not (words - mentions._WEEKDAYS - mentions._UNIT_ABBREVIATIONS) & _code_strings(module)


def _write(tmp_path, body: str) -> Path:
    path = tmp_path / "words.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_file_loads_into_kinds_and_guesses(tmp_path):
    words = load_name_words(_write(tmp_path, "Zorblax,not_person,,a party\nClarion,media_head,news_outlet,a paper\n"))
    assert (words.not_person, words.media_heads, words.guesses) == (
        frozenset({"Zorblax"}), frozenset({"Clarion"}), {"clarion": "news_outlet"})


def test_place_words_load_into_their_own_kinds(tmp_path):
    words = load_name_words(_write(tmp_path, "Vexland,nation,,a nation\nOstrania,region,,a land\nQuillby,place,,a city\n"))
    assert (words.nations, words.regions, words.places) == (
        frozenset({"Vexland"}), frozenset({"Ostrania"}), frozenset({"Quillby"}))


@pytest.mark.parametrize("body, problem", [
    ("Zorblax,party,,a party\n", "kind 'party'"),
    ("zorblax,not_person,,a party\n", "not one capitalised word"),
    ("Zorblax,not_person,,\n", "no reason"),
    ("Zorblax,not_person,news_outlet,a party\n", "does not fit kind"),
    ("Zorblax,not_person,,a party\nZorblax,not_person,,again\n", "listed twice"),
    ("Zorblax,not_person,a party\n", "3 fields"),
])
def test_a_bad_row_is_refused_naming_the_file_and_the_row(tmp_path, body, problem):
    with pytest.raises(InputError) as raised:
        load_name_words(_write(tmp_path, body))
    assert problem in str(raised.value) and "words.csv" in str(raised.value) and "row " in str(raised.value)


def test_a_wrong_header_is_refused(tmp_path):
    path = tmp_path / "words.csv"
    path.write_text("name,kind\nZorblax,not_person\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 1: the header"):
        load_name_words(path)


def _run_with_words(path: Path | None, program: str) -> str:
    """What `program` prints in a fresh process whose name words come from `path` (the shipped file when None)."""
    env = {k: v for k, v in os.environ.items() if k != NAME_WORDS_ENV}
    if path is not None:
        env[NAME_WORDS_ENV] = str(path)
    return subprocess.run([sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def _mentions_with(path: Path, text: str, organisation_alias: str = "",
                   fields: str = "(r['text'], r['entity_kind'], r['resolution'])") -> str:
    """The mentions of `text`, as the list of `fields` the fresh process prints, with `path`'s name words."""
    aliases = (f"[{{'organisation_id': 'o1', 'alias': '{organisation_alias}', 'case_sensitive': 'true'}}]"
               if organisation_alias else "[]")
    return _run_with_words(path, "from scripts.extract.lexicon import Lexicon\n"
                                 "from scripts.extract.mentions import extract_mentions\n"
                                 f"rows = extract_mentions({text!r}, 's', Lexicon.from_rows({aliases}, [], []))\n"
                                 f"print([{fields} for r in rows])\n")


def test_a_replacement_file_named_in_the_environment_changes_what_the_extractors_do(tmp_path):
    path = _write(tmp_path, "Zorblax,not_person,,an invented party for the test\n")
    program = ("from scripts.extract.lexicon import Lexicon\n"
               "from scripts.extract.mentions import extract_mentions\n"
               "rows = extract_mentions('Dr Ann Zorblax met Dr Ann Quill.', 's', Lexicon.from_rows([], [], []))\n"
               "print(sorted(r['text'] for r in rows if r['entity_kind'] == 'person'))\n")
    assert _run_with_words(None, program) == "['Dr Ann Quill', 'Dr Ann Zorblax']"
    assert _run_with_words(path, program) == "['Dr Ann Quill']"


def test_a_file_without_words_of_a_kind_gives_no_empty_mentions(tmp_path):
    path = _write(tmp_path, "Clarion,media_head,news_outlet,a paper\n")
    assert _mentions_with(path, "The Hull Clarion said the union met.", fields="r['text']") == "['Hull Clarion']"


def test_an_organisation_word_loads_with_its_guess_and_a_media_guess_stays_refused_for_a_person_word(tmp_path):
    words = load_name_words(_write(tmp_path, "Zorbnet,organisation,platform,an invented platform\n"))
    assert (words.organisations, words.guesses) == (frozenset({"Zorbnet"}), {"zorbnet": "platform"})
    with pytest.raises(InputError, match="does not fit kind"):
        load_name_words(_write(tmp_path, "Zorblax,not_person,platform,a party\n"))


def test_an_organisation_word_of_a_replacement_file_is_a_mention_wherever_it_stands(tmp_path):
    path = _write(tmp_path, "Zorbnet,organisation,platform,an invented platform for the test\n"
                            "Vexmark,nation,,an invented nation for the test\n")
    assert _mentions_with(path, "Follow us on Zorbnet. Zorbnet Vexmark said so.",
                          fields="(r['text'], r['entity_kind'])") == \
        "[('Zorbnet', 'organisation'), ('Zorbnet Vexmark', 'organisation')]"


def test_branch_nationality_and_chamber_words_load_into_their_own_kinds(tmp_path):
    words = load_name_words(_write(tmp_path, "Northern Vexmark,branch,,a part of a nation\n"
                                             "Vexmarkish,branch,,its adjective\nVexmarkish,nationality,,a people\n"
                                             "Quillan,nationality_surname,,a people and a surname\n"
                                             "Moot,chamber,,a chamber\n"))
    assert (words.branches, words.nationalities, words.nationality_surnames, words.chambers) == (
        frozenset({"Northern Vexmark", "Vexmarkish"}), frozenset({"Vexmarkish"}), frozenset({"Quillan"}),
        frozenset({"Moot"}))


def test_a_phrase_of_words_is_refused_outside_kind_branch(tmp_path):
    with pytest.raises(InputError, match="not one capitalised word"):
        load_name_words(_write(tmp_path, "Northern Vexmark,nation,,a nation\n"))
    with pytest.raises(InputError, match="nor a few joined by single spaces"):
        load_name_words(_write(tmp_path, "Northern  Vexmark,branch,,two spaces\n"))


def test_branch_rows_of_a_replacement_file_name_a_curated_bodys_branch_after_it_and_before_it(tmp_path):
    path = _write(tmp_path, "Vexmark,nation,,an invented nation\nNorthern Vexmark,branch,,an invented part of it\n"
                            "Northern Vexmarkish,branch,,its adjective\n")
    assert _mentions_with(path, "The QDA Northern Vexmark said no.", "QDA") == \
        "[('QDA Northern Vexmark', 'organisation', 'unresolved_candidate')]"
    # an adjective never follows a body as its branch: the curated body stays
    adjective_after = _mentions_with(path, "The QDA Northern Vexmarkish said no.", "QDA")
    assert adjective_after.startswith("[('QDA', 'organisation', 'alias')") and "QDA Northern" not in adjective_after
    assert _mentions_with(path, "It met its Northern Vexmarkish juniors board.", "juniors board") == \
        "[('Northern Vexmarkish juniors board', 'organisation', 'unresolved_candidate')]"
    # without the rows, the same words make no branch
    plain = _write(tmp_path, "Zorblax,not_person,,an invented party\n")
    assert _mentions_with(plain, "It met its Northern Vexmarkish juniors board.", "juniors board") == \
        "[('juniors board', 'organisation', 'alias')]"


def test_a_chamber_word_of_a_replacement_file_is_no_outlet_after_told_the(tmp_path):
    text = "The minister told the Moot on Monday that talks would resume."
    assert "('Moot', 'organisation', 'unresolved_candidate')" in _mentions_with(
        _write(tmp_path, "Zorblax,not_person,,an invented party\n"), text)
    assert "Moot" not in _mentions_with(_write(tmp_path, "Moot,chamber,,an invented chamber\n"), text)


def test_a_nationality_word_of_a_replacement_file_is_no_place_before_a_bodys_initials(tmp_path):
    text = "Doctors at the centre joined Quillan QRH staff on the picket line."
    assert "('Quillan QRH', 'organisation', 'unresolved_candidate')" in _mentions_with(
        _write(tmp_path, "Zorblax,not_person,,an invented party\n"), text)
    assert "('QRH', 'organisation', 'unresolved_candidate')" in _mentions_with(
        _write(tmp_path, "Quillan,nationality_surname,,an invented people's word\n"), text)


def test_the_whole_nation_after_or_before_a_curated_body_makes_no_branch_a_part_of_it_does():
    # the shipped file: a nation word that no branch row ends in is the whole nation ('the KDA <whole> council')
    whole = sorted(w for w in NAME_WORDS.nations if w.isupper() and all(b.split()[-1] != w for b in NAME_WORDS.branches))
    part = sorted(b for b in NAME_WORDS.branches if b.split()[-1] in NAME_WORDS.nations)
    assert whole and part
    from scripts.extract.lexicon import Lexicon
    from scripts.extract.mentions import extract_mentions
    lexicon = Lexicon.from_rows([{"organisation_id": "o1", "alias": "QDA", "case_sensitive": "true"},
                                 {"organisation_id": "o2", "alias": "juniors board", "case_sensitive": "false"}], [], [])
    spans = lambda text: [(r["text"], r["resolution"]) for r in extract_mentions(text, "s", lexicon)]
    assert spans(f"The QDA {whole[0]} council met.") == [("QDA", "alias")]
    assert spans(f"The QDA {part[0]} council met.") == [(f"QDA {part[0]}", "unresolved_candidate")]
    assert spans(f"It met its {whole[0]} juniors board.") == [("juniors board", "alias")]
    assert spans(f"It met its {part[0]} juniors board.") == [(f"{part[0]} juniors board", "unresolved_candidate")]


def test_other_name_words_make_another_extractor_code_version_so_the_cache_misses(tmp_path, monkeypatch):
    import dataclasses

    from scripts.extract import lexicon as lexicon_module
    from scripts.extract.cache import code_version, name_words_fingerprint
    from scripts.extract.lexicon import Lexicon
    from scripts.extract.tables import make_extracted_tables
    from scripts.package.tableschema import all_schemas
    modules = ("scripts.extract.mentions",)
    before, fingerprint = code_version(modules), name_words_fingerprint()
    assert code_version(modules) == before  # the same words hash alike (sets sorted, not in hash order)
    schemas, lexicon = all_schemas(), Lexicon.from_curated()
    articles = {"a1": "The QDA Vexmark council met on Monday, its chair said."}
    make_extracted_tables(schemas, articles, lexicon, cache_dir=tmp_path)
    monkeypatch.setattr(lexicon_module, "NAME_WORDS",
                        dataclasses.replace(NAME_WORDS, nations=NAME_WORDS.nations | {"Vexmark"}))
    assert name_words_fingerprint() != fingerprint and code_version(modules) != before
    stats = {}
    make_extracted_tables(schemas, articles, lexicon, cache_dir=tmp_path, stats=stats)
    assert (stats["hits"], stats["misses"]) == (0, 1)


def test_the_name_words_fingerprint_is_the_same_in_another_process():
    from scripts.extract.cache import name_words_fingerprint
    program = "from scripts.extract.cache import name_words_fingerprint\nprint(name_words_fingerprint())\n"
    plain = {k: v for k, v in os.environ.items() if k not in (NAME_WORDS_ENV, "PYTHONHASHSEED")}
    out = subprocess.run([sys.executable, "-c", program], cwd=ROOT, env=plain, capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == name_words_fingerprint()
