"""The gender the text itself gives a person whom no title gave one (issue 8, ninth session), for 'he' and 'she'.

scripts/extract/names.py already reads a title ('Ms', 'Mr') and a personal pronoun in a sentence that names one
person ('Jo Bell said her members ...'). Read here, for the pronoun ranking of scripts/extract/quotes.py only:

- a pronoun between a person and the next person named in the same sentence, with no other noun for a person
  before it ('Jo Bell, a nurse herself, met Sam Poole', 'Jo Bell told her members that Sam Poole ...'); a noun
  for a person in between ('Jo Bell urged the minister to change his mind') makes the pronoun that noun's;
- a role word that carries a gender ('chairwoman', 'spokesman') among the roles the text gives the person;
- a sentence opening with 'She' or 'He' (no quotation in it) right after a sentence that the person heads and in
  which nobody else is named ('Jo Bell chairs the board. She has led it since 2019.').

Evidence of both genders for one person gives none. Nothing here knows a first name: only the text's own words.
"""
from __future__ import annotations

import re

from scripts.extract.names import _FEMALE_PRONOUNS as _FEMALE, ROLE_NOUNS

_PRONOUN = re.compile(r"(?i)(?<![\w'\u2019-])(?:she|her|hers|herself|he|his|him|himself)(?![\w'\u2019-])")
_OPENING_PRONOUN = re.compile(r"\s*(She|He)\s+[a-z]")
_GENDERED_ROLE = re.compile(r"(?<![a-z])(?:chair|spokes|business|council|congress)(woman|man)(?![a-z])")
_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s+[\w\s-]*")  # 'Jo Bell, a nurse herself,': the noun is hers
# nouns for a person between a name and a pronoun: the pronoun may be theirs (names.ROLE_NOUNS and words for people
# that are no role)
_PERSON_NOUNS = ROLE_NOUNS | frozenset("""patient patients man woman boy girl son daughter mother father husband wife
partner colleagues friend members""".split())
_WORD = re.compile(r"[A-Za-z]+")


def _gender_of(word: str) -> str:
    return "f" if word.lower() in _FEMALE else "m"


def genders_from_text(masked: str, sentences, mentions, mask: str = "~") -> dict[int, str]:
    """{id(referent): 'f' or 'm'} for the people among mentions (names.NameMention, sorted by start) whom no title
    or earlier rule gave a gender, read from masked (the text with each quoted word's characters replaced by mask)
    in sentences (spans with .start and .end, in order)."""
    evidence: dict[int, set[str]] = {}
    people = [m for m in mentions if m.referent.kind == "person"]

    def note(referent, gender: str) -> None:
        if referent.gender is None:
            evidence.setdefault(id(referent), set()).add(gender)

    for referent in {id(m.referent): m.referent for m in people}.values():
        for role in referent.roles:
            role_gender = _GENDERED_ROLE.search(role.lower())
            if role_gender:
                note(referent, "f" if role_gender.group(1) == "woman" else "m")

    s = 0
    for i, mention in enumerate(people):
        while s < len(sentences) and sentences[s].end <= mention.start:
            s += 1
        if s == len(sentences):
            break
        sentence = sentences[s]
        following = None
        for j in range(i + 1, len(people)):  # the next other person in the same sentence (bounded by it)
            if people[j].start >= sentence.end:
                break
            if people[j].referent is not mention.referent:
                following = people[j]
                break
        if following is None:
            continue  # alone in its sentence: names.py reads that one
        pronoun = _PRONOUN.search(masked, mention.end, following.start)
        if pronoun is None:
            continue
        between = masked[mention.end:pronoun.start()]
        if not _APPOSITIVE.fullmatch(between) and any(w.group().lower() in _PERSON_NOUNS for w in _WORD.finditer(between)):
            continue
        genders = {_gender_of(p.group()) for p in _PRONOUN.finditer(masked, mention.end, following.start)}
        if len(genders) == 1:
            note(mention.referent, genders.pop())

    # 'Jo Bell chairs the board. She has led it since 2019.'
    m = 0
    for s, sentence in enumerate(sentences[:-1]):
        named = []
        while m < len(people) and people[m].start < sentence.end:
            if people[m].start >= sentence.start:
                named.append(people[m])
            m += 1
        if not named or len({id(n.referent) for n in named}) != 1:
            continue
        head = masked[sentence.start:named[0].start].split()
        if head and not (head == ["The"] or head[-1].endswith(",") or (
                len(head) <= 3 and head[-1].lower() in _PERSON_NOUNS and not any(w.endswith(",") for w in head))):
            continue  # the person does not head the sentence ('Jo Bell', 'On Monday, Jo Bell', 'Health minister Jo Bell')
        nxt = sentences[s + 1]
        opening = _OPENING_PRONOUN.match(masked, nxt.start, nxt.end)
        if opening is None or mask in masked[nxt.start:nxt.end] or masked[sentence.end:nxt.start].count("\n") > 2:
            continue
        note(named[0].referent, _gender_of(opening.group(1)))

    return {key: next(iter(found)) for key, found in evidence.items() if len(found) == 1}
