"""The quotation extractor on short hand-written passages, with an invented lexicon (nothing here is keyed on
the real articles), plus property tests on random text."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.extract.lexicon import Lexicon
from scripts.extract.quotes import extract_quotes
from scripts.paths import SCHEMAS_DIR

_ORGANISATION_ALIASES = [
    ("nurses-guild", "Nurses Guild", "true"),
    ("nurses-guild", "NG", "true"),
    ("guild-council", "guild council", "false"),
    ("guild-council", "@GuildCouncil", "false"),
    ("wellbeing-dept", "Department of Wellbeing", "false"),
    ("gov", "the government", "false"),
    ("chronicle", "The Chronicle", "true"),
]
_PERSON_ALIASES = [
    ("jane-doe", "Jane Doe", "true"),
    ("jane-doe", "Dr Jane Doe", "true"),
    ("jane-doe", "Dr Doe", "true"),
    ("sam-poole", "Sam Poole", "true"),
    ("sam-poole", "Mr Poole", "true"),
    ("sam-poole", "The Rt Hon Sam Poole", "true"),
]
LEXICON = Lexicon.from_rows(
    [{"organisation_id": o, "alias": a, "case_sensitive": c} for o, a, c in _ORGANISATION_ALIASES],
    [{"person_id": p, "alias": a, "case_sensitive": c} for p, a, c in _PERSON_ALIASES],
    [{"person_id": "jane-doe", "organisation_id": "nurses-guild"},
     {"person_id": "sam-poole", "organisation_id": "gov"}])

SCHEMA_COLUMNS = [f["name"] for f in json.loads((SCHEMAS_DIR / "quotes.schema.json").read_text())["fields"]
                  if f["name"] != "corrected"]  # the build's, after reviewed corrections


def quotes(article: str) -> list[dict]:
    return extract_quotes(article, "test-source", LEXICON)


def only_quote(article: str) -> dict:
    rows = quotes(article)
    assert len(rows) == 1, rows
    return rows[0]


def speaker(row: dict) -> tuple:
    return (row["speaker_text"], row["speaker_person_id"], row["speaker_organisation_id"], row["speaker_status"],
            row["cue"])


# ---- rows --------------------------------------------------------------------------------------------------

def test_rows_have_exactly_the_schema_columns_with_offsets_into_the_article():
    article = "Intro line.\nJane Doe said: “We are ready to talk.”"
    row = only_quote(article)
    assert list(row) == SCHEMA_COLUMNS
    assert row["source_id"] == "test-source"
    assert row["text"] == "We are ready to talk." == article[row["start"]:row["end"]]
    assert row["continues_previous"] is False


def test_unattributed_quote_has_none_not_empty_strings():
    row = only_quote("Intro.\n“Nobody expected the talks to collapse so quickly.”")
    assert speaker(row) == (None, None, None, "none", None)


def test_rows_are_sorted_by_start():
    rows = quotes("Jane Doe said: “One thing.” Mr Poole said: “Another thing.”\n"
                  "“A third long thing is here.”")
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    assert len(rows) == 3


# ---- quotation marks ---------------------------------------------------------------------------------------

def test_straight_double_quotes_are_speech_marks():
    row = only_quote('Jane Doe said: "We will strike on Monday."')
    assert row["text"] == "We will strike on Monday."


def test_opening_straight_mark_closed_by_curly_mark_is_one_quote():
    row = only_quote('The Nurses Guild said it had made a "serious and substantial offer”, and waited.')
    assert row["text"] == "serious and substantial offer"
    assert speaker(row) == ("The Nurses Guild", None, "nurses-guild", "resolved", "said")


def test_missing_space_before_opening_mark_still_opens_a_quote():
    row = only_quote("The department said it had urged the guild to find a“realistic approach” to pay.")
    assert row["text"] == "realistic approach"


def test_single_curly_quotes_as_speech_marks_ignore_apostrophes_inside():
    row = only_quote("The Nurses Guild said: ‘It's the doctors’ turn to be heard.’")
    assert row["text"] == "It's the doctors’ turn to be heard."
    assert row["speaker_organisation_id"] == "nurses-guild"


def test_single_straight_quotes_as_speech_marks():
    row = only_quote("Jane Doe said: 'We can't accept this offer.'")
    assert row["text"] == "We can't accept this offer."
    assert row["speaker_person_id"] == "jane-doe"


def test_apostrophes_alone_make_no_quotes():
    assert quotes("It's the secretary of state's call, and the doctors’ union's view isn't known.") == []


def test_quote_over_several_paragraphs_gives_one_row_per_paragraph_with_the_first_speaker():
    article = ("Jane Doe, chair of the Nurses Guild, said: “We did not want this.\n\n"
               "“We tried every other way.\n\n"
               "“Now we have no choice.”\n\nThe talks ended.")
    rows = quotes(article)
    assert [r["text"] for r in rows] == ["We did not want this.", "We tried every other way.",
                                        "Now we have no choice."]
    assert [r["continues_previous"] for r in rows] == [False, True, True]
    assert {speaker(r) for r in rows} == {("Jane Doe", "jane-doe", "nurses-guild", "resolved", "said")}


def test_paragraphs_of_a_quote_attributed_only_at_its_end_all_get_that_speaker():
    rows = quotes("“This started long before the current dispute began\n\n“And it will go on,” said Mr Poole.")
    assert [r["continues_previous"] for r in rows] == [False, True]
    assert [r["speaker_person_id"] for r in rows] == ["sam-poole", "sam-poole"]


def test_quote_cut_off_by_the_end_of_the_text_runs_to_the_end_of_its_paragraph():
    row = only_quote("Mr Poole tweeted: “Let’s have a constructive dialogue about pay")
    assert row["text"] == "Let’s have a constructive dialogue about pay"
    assert row["speaker_person_id"] == "sam-poole"


def test_scare_quotes_around_a_term_are_not_quotes():
    assert quotes("They can typically remain ‘junior’ for 8-20 years.") == []
    assert quotes('The so-called "pay restoration" campaign continues.') == []


def test_short_attributed_phrase_is_a_quote():
    expressed = only_quote("On Friday, the Nurses Guild expressed “frustration” at the offer.")
    assert (expressed["text"], expressed["cue"]) == ("frustration", "expressed")
    unrealistic = only_quote('Mr Poole said the demands were "unrealistic".')
    assert speaker(unrealistic) == ("Mr Poole", "sam-poole", "gov", "resolved", "said")


def test_long_quote_without_a_verb_is_kept_without_a_speaker():
    row = only_quote("Jane Doe attended the meeting in London.\n“The strike will go ahead on Monday as planned.”")
    assert speaker(row) == (None, None, None, "none", None)  # the nearest name is not attached blindly


def test_quote_in_a_headline_with_an_inverted_verb():
    row = only_quote("Strike latest: 'We can't go on like this', say nurses\nBody of the story.")
    assert row["text"] == "We can't go on like this"
    assert speaker(row) == ("nurses", None, None, "unresolved", "say")


def test_quote_in_a_headline_after_says():
    row = only_quote('Minister says pay demands "unaffordable"\nBody of the story.')
    assert (row["text"], row["speaker_text"], row["cue"]) == ("unaffordable", "Minister", "says")


# ---- speakers ----------------------------------------------------------------------------------------------

def test_said_after_quote_attributes_named_speaker():
    row = only_quote("“We will not back down,” said Dr Jane Doe.")
    assert speaker(row) == ("Dr Jane Doe", "jane-doe", "nurses-guild", "resolved", "said")


def test_name_then_verb_after_quote_attributes_speaker():
    row = only_quote("“We will not back down,” Mr Poole told reporters.")
    assert speaker(row) == ("Mr Poole", "sam-poole", "gov", "resolved", "told")


@pytest.mark.parametrize("verb", ["tweeted", "posted", "wrote", "added", "continued", "urged", "insisted",
                                  "warned"])
def test_reporting_verb_with_colon_is_the_cue(verb):
    row = only_quote(f"Jane Doe {verb}: “The strike goes ahead on Monday.”")
    assert speaker(row) == ("Jane Doe", "jane-doe", "nurses-guild", "resolved", verb)


def test_told_names_the_listener_not_the_speaker():
    row = only_quote("Sam Poole told The Chronicle that the demands were “unrealistic”.")
    assert speaker(row) == ("Sam Poole", "sam-poole", "gov", "resolved", "told")


def test_appositive_role_ties_the_person_to_that_organisation():
    row = only_quote("Dr Jane Doe, co-chair of the Nurses Guild’s guild council, said: “We are ready.”")
    assert speaker(row) == ("Dr Jane Doe", "jane-doe", "guild-council", "resolved", "said")


def test_organisation_in_front_of_the_name_ties_the_person_to_it():
    row = only_quote("Guild council co-chair Dr Jane Doe said: “We are ready.”")
    assert speaker(row) == ("Guild council co-chair Dr Jane Doe", "jane-doe", "guild-council", "resolved", "said")


def test_relative_clause_does_not_tie_an_organisation():
    row = only_quote("Dr Jane Doe, who once worked at the Department of Wellbeing, said: “We are ready.”")
    assert row["speaker_organisation_id"] == "nurses-guild"


def test_role_and_titled_name_between_commas_form_the_speaker():
    row = only_quote('In a tweet, Health Minister, The Rt Hon Sam Poole, said: "Talks are open."')
    assert speaker(row) == ("Health Minister, The Rt Hon Sam Poole", "sam-poole", "gov", "resolved", "said")


def test_according_to_names_the_speaker_after_it():
    row = only_quote("Pay has fallen “by more than a quarter”, according to the Nurses Guild.")
    assert speaker(row) == ("the Nurses Guild", None, "nurses-guild", "resolved", "according to")


def test_attribution_closing_the_sentence():
    row = only_quote("Pay has fallen by “more than a quarter” since 2008, the Nurses Guild said.")
    assert speaker(row) == ("the Nurses Guild", None, "nurses-guild", "resolved", "said")


def test_colon_after_a_bare_name_attributes_the_quote():
    row = only_quote("Mr Poole: “We have made a fair offer.”")
    assert speaker(row) == ("Mr Poole", "sam-poole", "gov", "resolved", ":")


def test_colon_ending_the_previous_paragraph_introduces_the_quote():
    row = only_quote("In a statement, the Nurses Guild said:\n\n“We are disappointed by the offer.”")
    assert speaker(row) == ("the Nurses Guild", None, "nurses-guild", "resolved", "said")


def test_spokesperson_of_an_organisation_speaks_for_it_and_the_spokesperson_carries_on():
    rows = quotes("A Department of Wellbeing spokesperson said: “We remain open to talks.”\n"
                  "“Patients come first,” the spokesperson added.")
    assert speaker(rows[0]) == ("A Department of Wellbeing spokesperson", None, "wellbeing-dept", "resolved",
                                "said")
    assert speaker(rows[1]) == ("the spokesperson", None, "wellbeing-dept", "resolved", "added")


def test_account_handle_posting_is_the_organisation():
    row = only_quote("Responding to the tweet, the @GuildCouncil account posted: “We met today.”")
    assert speaker(row) == ("the @GuildCouncil account", None, "guild-council", "resolved", "posted")


def test_it_added_carries_the_organisation_named_in_the_sentence_before():
    rows = quotes('The Nurses Guild said it had made a "serious offer”.\n“We expect talks to begin,” it added.')
    assert speaker(rows[1]) == ("it", None, "nurses-guild", "resolved", "added")


def test_he_carries_the_last_named_person_past_an_organisation():
    rows = quotes("Mr Poole said the plan was “fair to everyone”.\nThe Nurses Guild disagreed with him.\n"
                  "He added: “We will keep talking.”")
    assert speaker(rows[1]) == ("He", "sam-poole", "gov", "resolved", "added")


def test_it_never_lands_on_a_person():
    rows = quotes("Dr Doe said: “We want a fair deal.”\nThe Department of Wellbeing has rejected the claim.\n"
                  "So far it has insisted the deal is “final”.")
    assert speaker(rows[1]) == ("it", None, "wellbeing-dept", "resolved", "insisted")


def test_they_carries_the_subject_of_the_sentence_before():
    rows = quotes("A Department of Wellbeing spokesperson did not respond to questions. "
                  "They said the department had urged the guild to find a “realistic approach”.")
    assert speaker(rows[0]) == ("They", None, "wellbeing-dept", "resolved", "said")


def test_the_group_carries_the_organisation_heading_the_sentence_before():
    row = only_quote("The Nurses Guild walked out of the talks.\nThe group said: “We had no choice.”")
    assert speaker(row) == ("The group", None, "nurses-guild", "resolved", "said")


def test_pronoun_without_an_antecedent_is_unresolved():
    row = only_quote("“We will strike,” she said.")
    assert speaker(row) == ("she", None, None, "unresolved", "said")


def test_speaker_words_without_a_curated_match_are_unresolved():
    row = only_quote("Dr Ann Smith, a nurse, said the offer was “a slap in the face”.")
    assert speaker(row) == ("Dr Ann Smith", None, None, "unresolved", "said")


def test_unknown_person_keeps_the_organisation_the_text_ties():
    row = only_quote("Professor Sir Alan Grey, director of the Department of Wellbeing, said: “Be safe.”")
    assert speaker(row) == ("Professor Sir Alan Grey", None, "wellbeing-dept", "unresolved", "said")


def test_quote_standing_right_after_an_attributed_one_keeps_its_speaker():
    rows = quotes("“We very much expect an offer,” Jane Doe added.\n"
                  "“But until the minister makes that offer, we cannot stop the strike.” The guild met later.")
    assert speaker(rows[1]) == speaker(rows[0]) == ("Jane Doe", "jane-doe", "nurses-guild", "resolved", "added")
    assert rows[1]["continues_previous"] is False


def test_participle_takes_the_subject_of_its_clause():
    row = only_quote("The Nurses Guild hit back, saying the offer was “insulting”.")
    assert speaker(row) == ("The Nurses Guild", None, "nurses-guild", "resolved", "saying")


def test_participle_after_the_main_verb_is_the_cue_of_the_quote_it_introduces():
    rows = quotes("“I want an end to this,” Mr Poole said on Friday, adding that the offer was “fair”.")
    assert speaker(rows[1]) == ("Mr Poole", "sam-poole", "gov", "resolved", "adding")


def test_role_chunk_before_the_name_ties_the_organisation():
    row = only_quote("The chair of the guild council, Professor Ann Banfield, said: “We are ready.”")
    assert speaker(row) == ("Professor Ann Banfield", None, "guild-council", "unresolved", "said")


def test_headline_label_before_a_colon_is_not_a_speaker():
    row = only_quote("Strike latest: “We are ready to walk out tomorrow”\nBody of the story.")
    assert speaker(row) == (None, None, None, "none", None)


def test_passive_subject_is_not_the_speaker():
    row = only_quote("The Nurses Guild was told that the offer was “final and not open to talks”.")
    assert row["speaker_status"] == "none"


def test_ids_come_only_from_the_lexicon():
    row = extract_quotes("Jane Doe said: “We are ready.”", "s", Lexicon.from_rows([], [], []))
    assert speaker(row[0]) == ("Jane Doe", None, None, "unresolved", "said")


# ---- robustness ----------------------------------------------------------------------------------------------

_PIECES = list("ab AZ.,:;!?\n\t\"'“”‘’„—-()@#~\u00a0é") + [
    "said ", "he ", "it ", "The ", "Nurses Guild ", "Dr ", "Jane Doe ", "according to ", "saying ", "They ",
    "the group ", ", ", "𝔘", "\r\n"]


def _check_rows(article: str) -> None:
    rows = extract_quotes(article, "s", LEXICON)
    starts = [r["start"] for r in rows]
    assert starts == sorted(set(starts))
    for row in rows:
        assert list(row) == SCHEMA_COLUMNS
        assert 0 <= row["start"] < row["end"] <= len(article)
        assert article[row["start"]:row["end"]] == row["text"]
        assert row["speaker_status"] in {"resolved", "unresolved", "none"}
        if row["speaker_status"] == "none":
            assert (row["speaker_text"], row["speaker_person_id"], row["speaker_organisation_id"]) == (None,) * 3


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80).map("".join))
def test_never_raises_and_spans_match_on_quote_heavy_text(article):
    _check_rows(article)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_spans_match_on_arbitrary_text(article):
    _check_rows(article)


@pytest.mark.parametrize("article", ["", "\n\n", '"', "“”“”‘’", "'", "“\n”", "‘a", "said:", "“ ”",
                                     "\u00a0“"])
def test_degenerate_text_gives_no_error(article):
    _check_rows(article)
