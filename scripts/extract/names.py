"""People and organisations in one article, curated or not, and which mentions refer to the same one.

Curated names come from `Lexicon.find`. Names nobody curated are found by their shape and place, never from a
list of names:

People (a run of 1-4 capitalised words with a lower-case letter each, 'McAdam', "O'Neill", 'Rhys-Jones'):
- after a title ('Dr', 'Ms', 'Sir', 'Baroness', 'Professor Sir', ...): 'Ms Roe', 'Dr Jane Roe';
- after a role noun ('health minister Jane Roe', 'Health Secretary Sam Poole', 'co-chair Jane Roe');
- before an appositive that holds a role ('Jane Roe, the health minister,', 'Jane Roe, chair of the X,');
- before a reporting verb, or after an inverted one ('Jane Roe said', '”, said Jane Roe');
- joined by 'and' to another such name ('Jane Roe and Sam Poole, co-chairs of ...');
- named bare in a sentence of prose: a pair or triple after a lower-case word, a comma or a bracket ('it is not for
  Jane Roe to decide', '[Jane Roe]'), or opening a sentence when an age, 'who' or a member's letters follow it
  ('Jane Roe, 34,', 'Jane Roe MP') or its surname is used again alone ("Roe said", "Roe's deal"); not after a word
  that makes it a place, a thing or a body ('in', 'the', 'the charity'), not with a nation word, a place's opening
  word ('New', 'Greater') or a word that ends things' names ('Budget', 'Units'), not on a line without prose
  punctuation, not where the text also writes the same words in lower case as one phrase ('Industrial Action' beside
  'industrial action': a house style's capitals).
  Such people are mentions, but not antecedents of pronouns unless the text gives them a gender or a role;
- after a role of a body the text names, between commas ('Chief executive of the X, Jane Roe, said'); after a word
  opening a sentence with a clause, before its verb ('“If Jane Roe cannot ...'); a writer's name in a page's header
  (before its first line of prose: one or two names on a line after a section's label line, a blank line after
  them: 'Health\nJane Roe & Sam Poole\n\n') or before 'Published' / 'Updated' and a date; a photographer opening a
  credit line that ends 'via' an agency ('Jane Roe via Vexby Images'); not the second field of a portfolio after
  'and' ('the Secretary for Health and Social Care');
- two known surnames joined by a hyphen ('the Roe-Poole row'); a photographer's name in capitals after a dash at
  a caption line's end ('... - JANE ROE').
  A run that holds an organisational or media head word, a place word ('Street', 'House') or a party or nation
  word is not a person.
Organisations: the candidates of scripts.extract.mentions (head words, outlets by their role, acronyms).

Within one article, mentions of one referent are grouped: a person by surname (a later 'Ms Roe' or 'Roe' joins
the 'Jane Roe' named before it, or after it when no one else has that surname), an organisation by its name
without 'the', by an acronym defined in brackets after it ('Department of Wellbeing (DoW)') and by the initials
of its capitalised words; a curated organisation's name written with 'for' for 'of' (or back) is that body, and a
head word alone kept as a candidate ('the government') joins the candidate it heads. A referent carries its fullest name (titles and a leading 'the' removed), its gender
where a title or a pronoun of the text gives it, the roles the text gives it and, for an organisation, its head
word ('union', 'government').
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass, field

from scripts.extract.lexicon import NAME_WORDS, AliasMatch, Lexicon
from scripts.extract.text import BRACKETED_ACRONYM_SHAPE, blanks_start

# ---- generic English vocabularies (no names) -------------------------------------------------------------

TITLE_GENDER = {"mr": "m", "sir": "m", "lord": "m", "baron": "m", "mrs": "f", "ms": "f", "miss": "f",
                "dame": "f", "lady": "f", "baroness": "f"}
TITLES = frozenset(TITLE_GENDER) | frozenset("dr prof professor cllr councillor rev mx rt hon".split())
ROLE_NOUNS = frozenset("""
minister ministers secretary chair co-chair co-chairs chairs chairman chairwoman chairperson leader leaders
president vice-president director directors executive officer spokesperson spokesman spokeswoman mp ms msp
mla mp councillor deputy chief head editor correspondent reporter consultant doctor doctors nurse surgeon gp
colleague member economist analyst professor founder co-founder organiser campaigner boss governor mayor
adviser advisor researcher fellow registrar trainee medic student manager chancellor premier negotiator
representative rep official lecturer author commentator columnist presenter journalist physician ceo
psychiatrist anaesthetist paediatrician midwife paramedic pharmacist dentist worker workers
""".split())
# Capitalised words that say a run is not a person's name (party and platform names, and a people's adjectives:
# curated/vocabulary/).
NOT_PERSON_WORDS = frozenset("""
Street Road Lane Avenue House Hall Square Palace Hospital Hospitals Centre Center Infirmary Church Park Bridge
City Town County Kingdom Office Court Parliament Assembly Senate Government Party
Northern Southern Eastern Western North South East West Great Royal National Christmas Easter Covid
""".split()) | NAME_WORDS.not_person | NAME_WORDS.organisations | NAME_WORDS.nationalities
STRUCTURE_WORDS = frozenset("""
The A An This That These Those It Its Their His Her Our Your My We They He She I Many Some All Every Each Most
Other Both Several Few Any No Neither Either However But And Or So Yet Also Now Then When While Whereas If As
Although Though Because Meanwhile In On At By For From To With Without After Before Under Over Since Until
During Into Via Per Like Last Next Earlier Later Recently Instead Still Only Even Just Indeed Why What Who
Where How Which There Here Speaking Asked Writing According Despite Today Yesterday Tomorrow Tonight
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Junior Senior Health Secretary Minister Chief Executive Director Doctors
Doctor Nurses Strike Strikes Talks Pay Prime First Deputy Shadow General Dr Mr Mrs Ms Miss Sir Dame Lord Lady
Professor Prof Baroness Mx Cllr Rt Hon Rev Ministers Secretaries Union Unions
""".split())
REPORTING_VERBS = frozenset("""
said says told added adds warned insisted explained argued stated claimed wrote tweeted posted urged
continued replied responded noted stressed admitted announced described called accused welcomed confirmed
""".split())
# A specialist's role noun by its ending ('cardiologist', 'obstetrician', 'psychiatrist'): a person's role.
_SPECIALIST_ENDINGS = ("ologist", "ician", "iatrist")
_MALE_PRONOUNS = frozenset("he his him himself".split())
_FEMALE_PRONOUNS = frozenset("she her hers herself".split())

_NAME_TOKEN_REST = r"[a-zà-ÿ]*(?:['’][A-Z])?[A-Za-zà-ÿ]*[a-zà-ÿ](?:-[A-Z][a-zà-ÿ]+)?"  # after the capital
_NAME_TOKEN = rf"(?:[A-Z]{_NAME_TOKEN_REST})"
_NAME = rf"{_NAME_TOKEN}(?:[^\S\n]{_NAME_TOKEN}){{0,3}}"
_TITLE_RE = r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Sir|Dame|Lord|Lady|Baroness|Baron|Professor|Prof|Cllr|Councillor|Rev)\.?"
# The capital comes first so that the look-behind runs only at capitals (several times faster).
_RUN = re.compile(rf"[A-Z](?<![\w'’@#.\-][A-Z]){_NAME_TOKEN_REST}(?:[^\S\n]{_NAME_TOKEN})+")
_NON_SPACE = re.compile(r"\S+")  # what _run_words gives from str.split (tests compare the two)


def _person_runs(text: str):
    r"""The matches of _RUN in text, looked for only inside the runs of capitalised words that the organisation
    candidates scan for (scripts.extract.mentions.capitalised_runs: one whole-text scan serves both). Every
    _RUN match lies inside one of those runs: its words are capitalised words of [\w'’-] characters joined by
    single blanks, after a character no such word holds. The one character _RUN's words may hold that \w does
    not, the division sign (in 'à-ÿ'), sends the text to a whole-text scan. Tests compare the two forms."""
    if "\u00f7" in text:
        return _RUN.finditer(text)
    from scripts.extract.mentions import capitalised_runs  # mentions imports this module: bound on first use
    return (m for start, end in capitalised_runs(text) for m in _RUN.finditer(text, start, end))
_APPOSITIVE_AFTER = re.compile(r",[^\S\n]+((?:(?:the|a|an|its|their)[^\S\n]+)?[^,.;:\n\"“”]{2,80}?)"
                               r"(?=[,.;:\n]|[^\S\n]+(?:said|says|told|added|warned)\b)")
# 'Jo Bell is a junior doctor in Easton': a role given by 'is' / 'was', up to a preposition or the clause's end.
_COPULA_ROLE = re.compile(r"[^\S\n]+(?:is|was)[^\S\n]+((?:a|an|the)[^\S\n]+[^,.;:\n\"“”]{2,60}?)"
                          r"(?=[,.;:\n]|[^\S\n]+(?:who|at|in|for|from|with|and|since)\b)")
_VERB_AFTER = re.compile(r"[^\S\n]+(?:(?:has|have|had|also|later|then|previously|earlier|once|again)[^\S\n]+)?(?:"
                         + "|".join(sorted(REPORTING_VERBS)) + r")\b")
_VERB_BEFORE = re.compile(r"\b(?:said|says|added|adds|wrote|warned|insisted|explained|continued)[^\S\n]+\Z")
_TITLE_BEFORE = re.compile(rf"(?<![\w'’])(?:{_TITLE_RE}[^\S\n]+)+\Z")
_NAME_TOKEN_BEFORE = re.compile(rf"(?<![\w'’])({_NAME_TOKEN})[^\S\n]+\Z")
# (anchors, blanks, the name just before them, a literal that name pattern needs or ""): cheap anchors first
# (literals the regex engine skips to), then the name read back from where they start (only when the window holds
# the literal, without which the pattern cannot match). blanks: "*" or "+" when the anchor stands for
# [^\S\n]* or [^\S\n]+ before those literals, stepped over in code (blanks_start).
_SPOKESPERSON_ANCHOR = re.compile(r"['’]s[^\S\n]+(?:official[^\S\n]+)?spokes(?:person|man|woman)\b")
# A picture credit's line ending in an agency after 'via' ('Jo Bell via Vexby Images'): the photographer opens the line.
# The literal comes first, its look-behind after it, so that the engine skips from 'via' to 'via' (a look-behind
# first is tried at every character of the text: 53 against 2 us per article). Tests compare the two forms.
_VIA_AGENCY = re.compile(r"via(?<![\w\-]via)[^\S\n]+(?:[A-Z][\w&'’\-]*[^\S\n]+){0,3}"
                         r"(?:Images|Pictures|Photos|Photography|Press|Agency|Wire)[^\S\n]*(?=\n|\Z)")
_PLACED_NAMES = (
    ((re.compile(r"\n"),), "*", re.compile(rf"(?:^|\n)[^\S\n]*By[^\S\n]+({_NAME})\Z"), "By"),  # a byline line
    ((re.compile(r"/(?=[A-Z])"),), "", re.compile(rf"(?<![\w'’@#.\-])({_NAME})\Z"), ""),  # credit 'Jo Bell/Agency'
    ((re.compile(r"report(?:s|ed)\b"), re.compile(r"writes\b"), re.compile(r"explains\b")), "+",
     re.compile(rf"\bas[^\S\n]+({_NAME})\Z"), "as"),  # 'as Jo Bell reports'
    ((_SPOKESPERSON_ANCHOR,), "",
     re.compile(rf"(?<![\w'’@#.\-])({_NAME})\Z"), ""),  # "Jo Bell's official spokesperson"
    ((_VIA_AGENCY,), "+", re.compile(rf"(?:^|\n)[^\S\n]*({_NAME})\Z"), ""),  # a credit line 'Jo Bell via Vexby Images'
)


def _anchor_starts(text: str, anchors, blanks: str):
    """Where each anchor match starts, the blanks before it included, in order (as one regex would give)."""
    starts = _each_anchor_start(text, anchors, blanks)
    return sorted(starts) if len(anchors) > 1 else starts


# A literal every match of an anchor holds: without it in the text, that anchor is not looked for (its scan is
# led by a class of common characters, its literal is rare).
_ANCHOR_NEEDLES = {_SPOKESPERSON_ANCHOR: "spokes"}


def _each_anchor_start(text: str, anchors, blanks: str):
    for anchor in anchors:
        needle = _ANCHOR_NEEDLES.get(anchor)
        if needle is not None and needle not in text:
            continue
        for a in anchor.finditer(text):
            if not blanks:
                yield a.start()
                continue
            at = blanks_start(text, a.start())
            if blanks == "*" or at < a.start():
                yield at


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# A line that holds a name only, after 'By' or a list number ('1. Jo Bell'); or a name glued to a date.
_BYLINE_LINE = re.compile(rf"[^\S\n]*(?:(By|by|Author:|\d{{1,2}}\.)[^\S\n]+)?({_NAME})"
                          rf"(?:[^\S\n]*(?=\n|$)|(?=\d{{1,2}}[^\S\n]+{_MONTH}[^\S\n]+\d{{4}})"
                          r"|(?<=[a-z])(?=(?:Published|Updated)\b)"  # 'Author: Jo BellPublished 24th Aug 2023'
                          r"|[^\S\n]+(?=(?:Published|Updated)[^\S\n]+(?:on[^\S\n]+)?[\dA-Z])"  # 'Jo Bell Published May 2, 2023'
                          r"|[^\S\n]{2,}(?=(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b))")  # 'By Jo Bell  Monday Oct 2'

# What the next line of a byline holds: a role after a comma, a date, a weekday, or an outlet ('The X').
_AFTER_BYLINE = re.compile(rf"\n[^\S\n]*(?:\d{{1,2}}\.[^\S\n]+)?(?:,[^\S\n]*[A-Z]|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
                           rf"|\d{{1,2}}[^\S\n]+{_MONTH}\b|{_MONTH}[^\S\n]+\d"
                           rf"|The(?:[^\S\n]+[A-Z][\w'’]*){{1,4}}[^\S\n]*(?:\n|$))")
_LONGEST_BYLINE = 60  # characters in a byline's line ('by Jo Bell', 'Jo Bell18 June 2024', '  1. Jo Bell')
# 'By Jo Bell • 20 February 2023': a name after 'By' and before a bullet or a bar, anywhere on a line.
_BY_BULLET = re.compile(rf"(?<![\w])By[^\S\n]+({_NAME})[^\S\n]*[•|]")


_ANY_MONTH = re.compile(_MONTH)
_STAMPS = ("Published", "Updated")  # a name right before one of these and a date is a byline ('Jo Bell Published May 2')
_BYLINE_HINT = re.compile(r"day\b|Published\b|Updated\b")  # what the two last forms of _BYLINE_LINE need


def _byline_line(text: str, line: int, end: int) -> re.Match | None:
    """_BYLINE_LINE.match(text, line, end) for a line (end: its line break or the text's end), tried only when it
    can match: the name ends with a lower-case letter and only blanks follow it to the line's end, or a date
    follows it, which holds a month's name. Its nested repeats backtrack at length on a line that is no byline,
    so the test on the last character saves most of the work. Tests compare the two."""
    last = text[line:end].rstrip()[-1:]
    if not ("a" <= last <= "z" or "\u00e0" <= last <= "\u00ff") and not _ANY_MONTH.search(text, line, end) \
            and not _BYLINE_HINT.search(text, line, end):
        return None
    return _BYLINE_LINE.match(text, line, end)


def _bylines(text: str) -> list[tuple[int, int]]:
    """(start, end) of writers' names in bylines: a line that is only a name (after 'By', 'by' or a list number)
    followed by a line with a role, a date or an outlet; a name glued to a date; 'By Jo Bell •'. Lines are read
    one anchored match each (str.find steps from line to line)."""
    found = []
    line = 0
    while line < len(text):
        end = text.find("\n", line)
        end = len(text) if end < 0 else end
        m = _byline_line(text, line, end) if end - line <= _LONGEST_BYLINE else None  # a byline is short
        if m and (m.group(1) in ("By", "by", "Author:") or m.end() < end and text[m.end()].isdigit()
                  or _AFTER_BYLINE.match(text, m.end()) or text.startswith(_STAMPS, m.end())):
            found.append(m.span(2))
        elif end - line > 8 and text[end - 1].isupper():  # a caption's credit: '... at the rally - JO BELL'
            from scripts.extract.mentions import caption_credit
            credit = caption_credit(text, line, end)
            if credit:
                found.append(credit.span(1))
        line = end + 1
    found += _header_bylines(text)
    for mark in ("\u2022", "|"):
        at = text.find(mark)
        while at >= 0:
            m = _BY_BULLET.search(text, max(0, at - 60), at + 1)
            if m:
                found.append(m.span(1))
            at = text.find(mark, at + 1)
    return found


# 'Politics\nJo Bell & Sam Poole\n\n': in a page's header, a section's label on a line of one to four words (no prose
# punctuation), then a line of one or two names of two words or more, then a blank line.
_HEADER_END = 1000  # characters of a page's header
_SECTION_LABEL_LINE = re.compile(r"[^\S\n]*[A-Z][\w'’\-]*(?:[^\S\n]+[\w&'’\-]+){0,3}[^\S\n]*\n")
_PROSE_LINE = re.compile(r"[^\S\n]*(?:\S+[^\S\n]+){11}\S")
_HEADER_NAMES = re.compile(rf"[^\S\n]*({_NAME})(?:[^\S\n]+(?:and|&)[^\S\n]+({_NAME}))?[^\S\n]*(?=\n[^\S\n]*\n)")


def _header_bylines(text: str) -> list[tuple[int, int]]:
    """The names of _HEADER_NAMES in a page's header: its first _HEADER_END characters before the first line of
    prose (twelve words or more); the label's line is not the names' line again ('Hide Ad\nHide Ad')."""
    found = []
    previous, line = -1, 0
    while line < min(len(text), _HEADER_END):
        end = text.find("\n", line)
        if end < 0 or _PROSE_LINE.match(text, line, end):
            break
        m = _HEADER_NAMES.match(text, line, end + 2) if previous >= 0 and end - line <= _LONGEST_BYLINE else None
        if m and m.end() == end and _SECTION_LABEL_LINE.fullmatch(text, previous, line) \
                and text[previous:line - 1].strip() != text[line:end].strip():
            found += [m.span(g) for g in (1, 2) if m.group(g) and " " in m.group(g)]
        previous, line = line, end + 1
    return found


_AND_BETWEEN = re.compile(r"[^\S\n]+(?:and|&)[^\S\n]+")
_WORD = re.compile(r"[A-Za-z]+")
# A whole word (a run of ASCII letters) that is a personal pronoun, any case: what the lowered word set of a
# sentence would show, without lowering every word (no IGNORECASE: it would also match non-ASCII look-alikes).
_ASCII_CASELESS = lambda words: "|".join("".join(f"[{c.upper()}{c}]" for c in w) for w in sorted(words, key=len, reverse=True))
# The first letter is a character class (the engine skips to it; a look-behind first is tried at every position),
# the letter before it and the first letter of each word checked after it.
_FIRST_LETTER_FIRST = lambda words: (
    "[" + "".join(sorted({w[0].upper() + w[0] for w in words})) + r"](?<![A-Za-z].)(?:"
    + "|".join(f"(?<=[{w[0].upper()}{w[0]}])" + _ASCII_CASELESS([w[1:]]) for w in sorted(words, key=len, reverse=True))
    + r")(?![A-Za-z])")
_MALE_PRONOUN = re.compile(_FIRST_LETTER_FIRST(_MALE_PRONOUNS))
_FEMALE_PRONOUN = re.compile(_FIRST_LETTER_FIRST(_FEMALE_PRONOUNS))
_SENTENCE_STOP = re.compile(r"[.!?\n]")
_OWN_PRONOUN = re.compile(r"[^\S\n]+(?:and|with)[^\S\n]+(his|her)\b")
_APPOSITIVE_END = re.compile(r"[,.;:\n]")
_FIRST_NAMES_BEFORE = re.compile(rf"(?<![\w'’])((?:{_TITLE_RE}[^\S\n]+)*)({_NAME_TOKEN}(?:[^\S\n]{_NAME_TOKEN})?)"
                                 r"[^\S\n]+$")
_BRACKETED_ACRONYM = re.compile(rf"[^\S\n]*\(({BRACKETED_ACRONYM_SHAPE})\)")


@dataclass
class Referent:
    kind: str  # person or organisation
    name: str
    person_id: str | None = None
    organisation_id: str | None = None
    gender: str | None = None  # 'm', 'f' or None
    roles: set[str] = field(default_factory=set)
    head: str | None = None  # an organisation's head word, lower case ('union', 'government')
    keys: set[str] = field(default_factory=set)
    shaped: bool = False  # found by a title, a role or an appositive, not only beside a reporting verb

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.name else ""


@dataclass(frozen=True)
class NameMention:
    start: int
    end: int
    text: str
    referent: Referent
    curated: bool


def _name_mention_init(self, start: int, end: int, text: str, referent: Referent, curated: bool) -> None:
    """NameMention's dataclass __init__ without an object.__setattr__ call per field (what freezing costs, about half
    of making one); the same fields in the same order (a test compares the two)."""
    fields = self.__dict__
    fields["start"], fields["end"], fields["text"], fields["referent"], fields["curated"] = \
        start, end, text, referent, curated


NameMention.__init__ = _name_mention_init


@lru_cache(maxsize=8192)
def strip_titles(words: str) -> str:
    parts = words.replace("\u2019", "'").split()
    while parts and (parts[0].rstrip(".").lower() in TITLES or parts[0].lower() == "the"):
        parts.pop(0)
    return " ".join(parts)


def _bare(name: str) -> str:
    if name[-1:] not in ("s", "'", "\u2019"):
        return name
    for ending in ("'s", "\u2019s"):
        if name.endswith(ending):
            return name[:-2]
    return name.rstrip("'\u2019")


def _run_words(run: str, offset: int) -> list[tuple[str, int, int]]:
    """(word, start, end) of each word of a _RUN match at offset: what _NON_SPACE finds in it, from str.split (the
    run's words hold no white space and are joined by exactly one blank)."""
    words = []
    for word in run.split():
        words.append((word, offset, offset + len(word)))
        offset += len(word) + 1
    return words


_CUTTING: dict[str, bool] = {}  # word -> whether it ends the part of a run before a name (words recur: memoised)


# The labels of a picture's credit; names (here) and agencies (mentions) are read after them.
CREDIT_LABELS = ("Image:", "Picture:", "Photo:", "Pic:", "Photograph:", "Credit:")
_CREDITED_NAME = re.compile(rf"[^\S\n]*({_NAME})[^\S\n]*[)/]")
_CREDITED_AT_LINE_END = re.compile(rf"[^\S\n]*({_NAME})[^\S\n]*(?:/|\n|\Z)")


def _unglued(text: str, found: list) -> list:
    """'consultant Rhea LastPickets stood ...': a caption glued to the next paragraph without a space. A name whose
    last word is a surname of this article's people with a capital glued on ends at that surname."""
    surnames = {text[name_start:end].split()[-1] for _, end, name_start, _, _ in found}
    kept = []
    for run_start, end, name_start, role, weak in found:
        last = text[name_start:end].split()[-1]
        glued = next((k for k in range(2, len(last) - 1) if last[k].isupper() and last[k - 1].islower()
                      and last[:k] in surnames), None)
        kept.append((run_start, end - (len(last) - glued) if glued else end, name_start, role, weak))
    return kept


# Lower-case particles inside a person's name ('Rhodri ap Emlyn', 'Ursula von Fels'), which the runs of capitalised
# words stop at: looked for by one scan (they are rare), the name read around them.
NAME_PARTICLES = ("ap", "van", "von", "de", "da", "di", "du", "del", "bin", "ibn")
_NAME_WITH_PARTICLE = re.compile(rf"(?<![\w'’@#.\-])((?:{_NAME_TOKEN}[^\S\n]){{1,2}}(?:{'|'.join(NAME_PARTICLES)})"
                                 rf"[^\S\n]{_NAME_TOKEN})(?![\w'’\-])")


# Where ' ap ', ' van ', ... stand (the blank before the particle), all particles in one scan led by the blank: one
# scan costs less than a find per particle. The look-ahead keeps the blank after a particle free to lead the next.
_PARTICLE_BETWEEN_BLANKS = re.compile(rf" (?=({'|'.join(NAME_PARTICLES)}) )")


def _names_with_particles(text: str) -> list[tuple[int, int]]:
    found = []
    starts: dict[str, list[int]] = {}
    for blank in _PARTICLE_BETWEEN_BLANKS.finditer(text):
        starts.setdefault(blank.group(1), []).append(blank.start())
    for particle in NAME_PARTICLES:
        needle = f" {particle} "
        after = -1
        for at in starts.get(particle, ()):
            if at < after:
                continue  # overlapping the one before (' de de '): str.find from the end of that one skips it
            after = at + len(needle)
            m = _NAME_WITH_PARTICLE.search(text, max(0, at - 40), at + len(needle) + 40)
            if m and m.start(1) < at < m.end(1) and _is_person_name(m.group(1)) and (not found or found[-1] != m.span(1)):
                found.append(m.span(1))
    return found


def _bracketed_credits(text: str) -> list[tuple[int, int]]:
    """A photographer's name in a bracketed credit after a picture's caption: '(Image: Jo Bell)', '(Picture: Jo
    Bell/Agency)', or in one without brackets that ends its line or goes on to a slash ('Picture: Jo Bell / Agency').
    Found by str.find on each label (credits are rare), the name read right after it: one find per label serves
    both forms, a bracket before the label telling them apart (the bracketed credits come first, as when each
    form had finds of its own; no label overlaps itself, so both finds met every occurrence). Tests compare the two."""
    found = []
    unbracketed = []
    for label in CREDIT_LABELS:
        at = text.find(label)
        while at >= 0:
            if text[at - 1:at] == "(":
                m = _CREDITED_NAME.match(text, at + len(label))
                if m and len(m.group(1).split()) >= 2:
                    found.append(m.span(1))
            else:  # a credit without brackets, at a caption's end: 'Picture: Jo Bell / Agency'
                m = _CREDITED_AT_LINE_END.match(text, at + len(label))
                if m and len(m.group(1).split()) >= 2:
                    unbracketed.append(m.span(1))
            at = text.find(label, at + len(label))
    return found + unbracketed


# A reporting verb or a modal in title case (a headline's: "Jo Bell Says", 'Why Doctors Might Join'): never a name's word.
_HEADLINE_VERBS = frozenset(w.capitalize() for w in REPORTING_VERBS) | frozenset("""
    Says Tells Warns Slams Claims Admits Urges Calls Backs Vows Insists Reveals Might Could Would Should Must Shall
""".split())


_ROLE_OF_BEFORE = re.compile(r"(?<![\w\-])(?:[Dd]irector|[Hh]ead|[Cc]hief|[Oo]fficer|[Ee]xecutive|[Ss]ecretary|[Mm]inister|"
                             r"[Pp]rofessor|[Ll]ead|[Mm]anager|[Dd]ean|[Cc]hair)[^\S\n]+(?:of|for)[^\S\n]+(?:the[^\S\n]+)?\Z")
_HEADLINE_MODALS = frozenset("Might Could Would Should Must Shall".split())
# 'Chief executive of the Vexby Trust, Jo Bell, said': a role of a body the text names, then the name between commas.
_ROLE_OF_A_BODY_BEFORE = re.compile(r"(?<![\w\-])([A-Za-z\-]+)[^\S\n]+(?:of|for|at)[^\S\n]+(?:the[^\S\n]+)?"
                                    r"[A-Z][\w'’&\-]*(?:[^\S\n]+(?:[A-Z][\w'’&\-]*|of|for|and|&|the)){0,6}\Z")


def _role_of_a_body_before(text: str, comma: int) -> str | None:
    """The role before the comma that opens an appositive name ('chief executive of the Vexby Trust'), lower case,
    when its last word before 'of' / 'for' / 'at' is a role noun; else None ('In the heart of Vexby, Jo Bell, ...')."""
    m = _ROLE_OF_A_BODY_BEFORE.search(text, max(0, comma - 80), comma)
    if m is None or m.group(1).lower() not in ROLE_NOUNS:
        return None
    start = m.start()
    before = _WORD_BEFORE_ROLE.search(text, max(0, start - 30), start)
    if before and before.group(1).lower() in ROLE_NOUNS | {"chief", "general", "medical", "deputy"}:
        start = before.start(1)  # 'chief executive', 'general secretary'
    return _role_of(text[start:comma])


_WORD_BEFORE_ROLE = re.compile(r"(?<![\w\-])([A-Za-z\-]+)[^\S\n]+\Z")


def _cuts_a_run(word: str) -> bool:
    """A title, role, structure word, a word that is never a person's, or a head word: what comes before a name."""
    cuts = _CUTTING.get(word)
    if cuts is None:
        bare = _bare(word)
        cuts = bare.rstrip(".").lower() in TITLES or bare.lower() in ROLE_NOUNS or bare in STRUCTURE_WORDS \
            or bare in _HEADLINE_MODALS \
            or bare in NOT_PERSON_WORDS or _is_head(bare)
        if len(_CUTTING) >= 65536:
            _CUTTING.clear()
        _CUTTING[word] = cuts
    return cuts


@lru_cache(maxsize=8192)
def _is_person_name(name: str) -> bool:
    words = name.split()
    if not words or words[0] in STRUCTURE_WORDS:
        return False
    from scripts.extract.mentions import HEAD_WORDS
    return not any(_bare(w) in NOT_PERSON_WORDS or _bare(w) in HEAD_WORDS or _bare(w) in STRUCTURE_WORDS
                   for w in words)


@lru_cache(maxsize=8192)
def _role_of(phrase: str) -> str | None:
    """The role in an appositive or before a name ('the health minister', 'chair of the X'), lower case."""
    words = phrase.strip().split()
    lowered = [w.strip(",.").lower() for w in words]
    while lowered and lowered[0] in ("the", "a", "an", "its", "their", "his", "her"):
        lowered.pop(0)
    if not lowered or not any(w.rstrip("s'\u2019") in ROLE_NOUNS or w in ROLE_NOUNS or w.endswith("-chair")
                              for w in lowered):
        return None
    return " ".join(lowered)


# A capitalised pair of name words inside a sentence ('it is not for Mira Tallis to decide') is a person named
# without a title or role, as copy names people everyone knows. Not at a sentence's start (where any noun phrase is
# capitalised), not on a line without prose punctuation (title-case headlines, navigation and footer lines), not
# after a word that makes it a place, a thing or a body ('in Brackmoor Valley', 'the Spring Budget', 'the charity Hope
# Lane'), not with a nation word ('Vexby Cymru') or a word that ends the names of things ('Autumn Statement').
_NOT_BEFORE_A_BARE_NAME = frozenset("""
the a an this that these those its their our his her your in at from near into onto across around outside inside
throughout via towards toward beyond within upon charity union group campaign organisation organization body
party trust company firm network coalition alliance association federation society movement agency regulator
watchdog forum newspaper broadcaster website journal magazine outlet platform app programme show film book
hospital hospitals town city village county region area street road
""".split())
_THING_WORDS = frozenset("""
Budget Statement Day Days Year Week Weekend Month Awards Award Prize Act Bill Plan Strategy Programme Scheme Cup
League Festival Games Show Report Inquiry Charter Agreement Deal Offer Contract Credit Holiday Holidays Unit Units
Ward Wards Wing Clinic Clinics Station Airport Tower Valley Bay Island Islands Hill Hills Mountains River Lake Coast Forest
Gardens Way Close Crescent Drive Place Terrace Estate Village Borough District Region Shire
""".split())
_PROSE_MARK = re.compile("[.!?,;:\"\u201d\u2019]")
# After a name, what only a person has: an age, 'who', a member's or an honour's letters.
_PERSON_AFTER = re.compile(r"(?:['’]s)?(?:,[^\S\n]+(?:\d{1,3},|aged[^\S\n]+\d|who[^\S\n])"
                           r"|[^\S\n]+(?:MP|MSP|MS|MLA|MEP|KC|QC|OBE|MBE|CBE|DBE)(?![\w\-]))")
_PLACE_OPENERS = frozenset("Greater New Upper Lower Mount Port Fort Saint St Little Old".split())  # 'New Vexby'
_NATION_WORDS = NAME_WORDS.nations | NAME_WORDS.regions | {"International"}  # curated/vocabulary/name_words.csv


def _written_in_lower_case(text: str, phrase: str) -> bool:
    """Whether the text holds the phrase (in lower case) as whole words: a person's name is never so written."""
    at = text.find(phrase)
    while at >= 0:
        after = at + len(phrase)
        if not (at and text[at - 1].isalpha()) and not (after < len(text) and text[after].isalpha()):
            return True
        at = text.find(phrase, at + 1)
    return False


def _named_in_prose(text: str, name: list[tuple[str, int, int]], start: int, end: int) -> bool:
    if not 2 <= len(name) <= 3 or any(_bare(w) in _NATION_WORDS for w, _, _ in name) \
            or _bare(name[-1][0]) in _THING_WORDS or name[0][0] in _PLACE_OPENERS:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if not _PROSE_MARK.search(text, line_start, len(text) if line_end < 0 else line_end):
        return False
    if _written_in_lower_case(text, " ".join(w for w, _, _ in name).lower()):
        return False  # 'taking Industrial Action' where the text also writes 'industrial action': a house style's capitals
    if _PERSON_AFTER.match(text, end):
        return True  # 'Mira Tallis, 34,', 'Mira Tallis, who ...', 'Mira Tallis MP': what only a person has
    if _listed_with_a_place(text, start, end):
        return False
    i = start - 1
    while i >= line_start and text[i] in " \t":
        i -= 1
    if i >= line_start and (text[i] == "," or text[i - 2:i + 1] == "and" or text[i - 1:i + 1] == "or") \
            and _in_a_list_of_places(text, max(line_start, start - 200), start):
        return False
    if i >= line_start and text[i] in "[(,;":
        return True
    if i >= line_start and text[i].isalpha():
        j = i
        while j >= line_start and text[j].isalpha():
            j -= 1
        before = text[j + 1:i + 1]
        if before in _NOT_BEFORE_A_BARE_NAME:
            return False
        if before == "and" and _portfolio_before(text, start):
            return False  # 'the Cabinet Secretary for Health and Social Care': the second field of a portfolio
        if not before[0].isupper():
            return True
        if before in _CLAUSE_OPENERS and _LOWER_WORD_AFTER.match(text, end) \
                and (j < line_start or text[j] in _BEFORE_A_CLAUSE or text[j] == " " and text[j - 1:j] in ".!?:"):
            return True  # '“If Mira Tallis cannot ...': a clause's subject after the word opening the sentence
    # at a sentence's or a line's start: a person when the surname is used again on its own, as copy does on later
    # references ('Mira Tallis pushed for it. ... Tallis's deal'); after a capitalised word, a dash or a number: no
    return (i < line_start or text[i] in ".!?:\"\u201d\u2019") and _surname_used_alone(text, name[-1][0], start, end)


# A portfolio's first field before 'and': a capitalised role or title word ('Secretary', 'Minister', 'Director',
# 'State'), 'for' or 'of', capitalised words that hold no body's head word ('Health', 'Culture, Media').
_PORTFOLIO_BEFORE = re.compile(r"(?<![\w\-])([A-Z][a-z]+)[^\S\n]+(?:for|of)[^\S\n]+((?:[A-Z][\w'’\-]*,?[^\S\n]+){1,3})"
                               r"and[^\S\n]+\Z")


def _portfolio_before(text: str, start: int) -> bool:
    m = _PORTFOLIO_BEFORE.search(text, max(0, start - 80), start)
    if m is None or not (m.group(1).lower() in ROLE_NOUNS or m.group(1) == "State"):
        return False
    from scripts.extract.mentions import HEAD_WORDS
    return not any(_bare(w.rstrip(",")) in HEAD_WORDS for w in m.group(2).split())


# Words opening a sentence with a clause whose subject may follow ('If Mira Tallis cannot ...'), what may stand before
# such a word (a line's start aside), and a lower-case word after the name (its verb).
_CLAUSE_OPENERS = frozenset("If When Although Though Until While Because".split())  # all in STRUCTURE_WORDS
_BEFORE_A_CLAUSE = "\"\u201c\u2018'("
_LOWER_WORD_AFTER = re.compile(r"[^\S\n]+[a-z]")


# 'in Brackmoor Vale and Easton Hythe', 'from Brackmoor Vale, Easton Hythe and Upper Tarn': a list of capitalised
# names after a word that makes its first item a place or a thing (_NOT_BEFORE_A_BARE_NAME) makes every item one.
_NAME_ITEM = r"(?:[A-Z][\w'’\-]*[^\S\n]+){0,3}[A-Z][\w'’\-]*"
_LIST_JOINT = r"(?:,[^\S\n]+(?:(?:and|or)[^\S\n]+)?|[^\S\n]+(?:and|or)[^\S\n]+)"
_LIST_OPENED_BEFORE = re.compile(rf"(?<![\w'’\-])([a-z]+)[^\S\n]+{_NAME_ITEM}(?:{_LIST_JOINT}{_NAME_ITEM})*?"
                                 r"(?:,[^\S\n]*|[^\S\n]+(?:and|or)[^\S\n]+|,[^\S\n]+(?:and|or)[^\S\n]+)\Z")


_ITEMS_BEFORE = re.compile(rf"(?<![\w'’\-])((?:{_NAME_ITEM}{_LIST_JOINT})+)\Z")
_ITEMS_AFTER = re.compile(rf"(?:{_LIST_JOINT}{_NAME_ITEM})+")
_AND_OR = re.compile(r"(?<!\w)(?:and|or)(?!\w)")
_LIST_SPLIT = re.compile(_LIST_JOINT)


_OF_BEFORE_A_BODY = re.compile(r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?")


_LAST_WORD = re.compile(r"([\w'’\-]+)[^\S\n]+\Z")


def _word_before_name(text: str, start: int) -> str:
    m = _LAST_WORD.search(text, max(0, start - 30), start)
    return m.group(1) if m else ""


def _of_a_body_after(text: str, end: int, taken) -> bool:
    """Whether 'of' (and 'the') and an organisation's span (curated or a candidate, in taken) follow end."""
    m = _OF_BEFORE_A_BODY.match(text, end)
    if m is None:
        return False
    at = bisect.bisect_left(taken, (m.end(), -1))
    return at < len(taken) and taken[at][0] == m.end()


def _listed_with_a_place(text: str, start: int, end: int) -> bool:
    """'Brackmoor Bay, Hywel Vale and Cwm Tarn': items of one list are of one kind, so a capitalised pair listed
    with a place or a thing by its own shape (a nation's word, a place's opening word, a word that ends things'
    names) is one too, not a person. A list has an 'and' or an 'or'; commas alone may set off an appositive."""
    before = _ITEMS_BEFORE.search(text, max(0, start - 150), start) if text[start - 1:start] == " " else None
    after = _ITEMS_AFTER.match(text, end)
    if before is None and after is None:
        return False
    joined = (before.group(1) if before else "") + " " + (after.group() if after else "")
    if not _AND_OR.search(joined):
        return False  # commas alone: an appositive ('the head of Vexby Wales, Jo Bell, said'), not a list
    items = _LIST_SPLIT.split(before.group(1) if before else "") + _LIST_SPLIT.split(after.group() if after else "")
    for item in items:
        words = [_bare(w) for w in item.split()]
        if words and (words[-1] in _THING_WORDS or words[0] in _PLACE_OPENERS or any(w in _NATION_WORDS for w in words)):
            return True
    return False


def _in_a_list_of_places(text: str, low: int, start: int) -> bool:
    """Whether the name at start is a later item of a list whose first item follows a word that makes it a place or
    a thing ('in', 'across', 'outside', 'the')."""
    m = _LIST_OPENED_BEFORE.search(text, low, start)
    return m is not None and m.group(1) in _NOT_BEFORE_A_BARE_NAME


def _surname_used_alone(text: str, surname: str, start: int, end: int) -> bool:
    """Whether the surname stands elsewhere in text without the name's other words (no capitalised word before it)
    as a person's: before a reporting verb or a possessive and a lower-case word ('Tallis said', "Tallis's deal")."""
    surname = _bare(surname)
    at = text.find(surname)
    while at >= 0:
        after = at + len(surname)
        if not start <= at < end and (_VERB_AFTER.match(text, after) or _POSSESSIVE_AFTER.match(text, after)) \
                and not (at and (text[at - 1].isalnum() or text[at - 1] in "'’@#-_")):
            word = _WORD_BEFORE_SURNAME.search(text, max(0, at - 30), at)
            if not word or not word.group(1)[:1].isupper():
                return True
        at = text.find(surname, after)
    return False


def _paired_surnames(text: str, start: int, end: int, surnames: set[str], before: str, after: str) -> tuple[str, str]:
    """The characters around a surname, a hyphen counted as a word's edge where it joins the surname to another
    known surname ('Roe-Poole'; 'Rhys-Jones' stays one name unless both halves are known surnames)."""
    if before == "-":
        word = _HYPHENED_BEFORE.search(text, max(0, start - 40), start)
        if word and word.group(1) in surnames:
            before = " "
    if after == "-":
        word = _HYPHENED_AFTER.match(text, end + 1)
        if word and word.group(1) in surnames and text[word.end():word.end() + 1] != "-":
            after = " "
    return before, after


_HYPHENED_BEFORE = re.compile(r"(?<![\w'’\-])([A-Z]\w*)-\Z")
_HYPHENED_AFTER = re.compile(r"([A-Z]\w*)(?!\w)")
_WORD_BEFORE_SURNAME = re.compile(r"([\w'’\-]+)[^\S\n]+\Z")
_POSSESSIVE_AFTER = re.compile(r"['’]s[^\S\n]+[a-z]")


class ArticleNames:
    """Every named person and organisation in one article, grouped into referents."""

    def __init__(self, text: str, lexicon: Lexicon, organisation_spans: list[tuple[int, int]] | None = None,
                 curated: list[AliasMatch] | None = None):
        self.text = text
        self.mentions: list[NameMention] = []
        self.referents: list[Referent] = []
        curated = lexicon.find(text) if curated is None else curated
        if organisation_spans is None:
            from scripts.extract.mentions import organisation_candidate_spans
            organisation_spans = organisation_candidate_spans(text, lexicon, curated)
        self._by_person_id: dict[str, Referent] = {}
        self._by_organisation_id: dict[str, Referent] = {}
        self._by_org_key: dict[str, Referent] = {}
        self._by_head: dict[str, Referent] = {}  # the first candidate of several words by its last word, lower case
        self._head_alone: dict[str, Referent] = {}  # a candidate named by a head word alone ('government')
        self._grown: set[tuple[int, str]] = set()
        self._bare: set[int] = set()
        taken = sorted([(m.start, m.end) for m in curated] + list(organisation_spans))
        mentions: list[tuple[int, int, str, object]] = []
        for m in curated:
            mentions.append((m.start, m.end, "curated", m))
        for start, end in organisation_spans:
            mentions.append((start, end, "organisation", None))
        for start, end, name_start, role, weak in self._people(text, taken):
            mentions.append((start, end, "person", (name_start, role, weak)))
        mentions.sort(key=lambda m: (m[0], -m[1]))
        last_end = -1
        for start, end, what, extra in mentions:
            if start < last_end:
                continue
            last_end = end
            self._add(start, end, what, extra, lexicon)
        self._genders_from_pronouns()
        unshaped = {id(r) for r in self.referents if r.kind == "person" and not r.shaped
                    and not self._corroborated(r)}
        weak = unshaped - self._bare
        self.weak = weak  # persons kept only as speakers' names, not as mentions
        self.bare = unshaped & self._bare  # persons named bare in prose only: mentions, not antecedents of pronouns
        self._surname_mentions(taken)
        self._genders_from_pronouns()
        self.mentions.sort(key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self._organisations_of_people()

    # ---- finding people ------------------------------------------------------------------------------------

    def _people(self, text: str, taken) -> list[tuple[int, int, int, str | None, bool]]:
        """(start, end, start of the name proper, role, weak) of every person-shaped name no other rule claims.

        One scan over runs of capitalised words; each run is split after its last title, role or structure
        word, and what follows is a name when the words around it say so (titles, roles, appositives, a
        reporting verb, 'and' joining it to another such name). Only anchored look-ups happen per run."""
        found = []
        runs = []  # (run start, name start, name end, titled, role, weak)
        structure_surnames = set()  # where a surname that is also a structure word starts ('Rhea Last')
        for m in _person_runs(text):
            if " " not in m.group() and "\t" not in m.group():
                continue  # one capitalised word: neither a title and name nor a full name
            words = _run_words(m.group(), m.start())
            cut = -1
            for i, (word, _, _) in enumerate(words):
                if _cuts_a_run(word):
                    cut = i
            if cut == len(words) - 1 and cut > 0 and self._surname_like_a_structure_word(words):
                cut = max((i for i, (w, _, _) in enumerate(words[:-1]) if _cuts_a_run(w)), default=-1)
                structure_surnames.add(words[-1][1])
            name = words[cut + 1:]
            while len(name) > 1 and _bare(name[-1][0]) in _HEADLINE_VERBS:
                name = name[:-1]  # "Labour's Jo Bell Says": a headline's verb in title case
            if not name or len(name) > 4:
                continue
            titled = cut >= 0 and _bare(words[cut][0]).rstrip(".").lower() in TITLES
            run_start = name[0][1]
            if titled:
                j = cut
                while j >= 0 and _bare(words[j][0]).rstrip(".").lower() in TITLES:
                    j -= 1
                run_start = words[j + 1][1]
            elif cut < 0 and text[run_start - 2:run_start] == ". ":
                # 'Dr. Jo Bell': a title written with a full stop ends the run before the name; it is the name's
                abbreviated = _TITLE_BEFORE.search(text, max(0, run_start - 30), run_start)
                if abbreviated is not None:
                    titled, run_start = True, abbreviated.start()
            name_start, name_end = name[0][1], name[-1][2] - (len(name[-1][0]) - len(_bare(name[-1][0])))
            role = self._role_before(run_start) if (titled or cut >= 0 or len(name) >= 2) else None
            weak = False
            if role is None and len(name) >= 2:
                appositive = _APPOSITIVE_AFTER.match(text, name_end) or _COPULA_ROLE.match(text, name_end)
                role = _role_of(appositive.group(1)) if appositive else None
            if role is None and len(name) >= 2 and text[name_end:name_end + 1] == "," and text[run_start - 2:run_start] == ", ":
                role = _role_of_a_body_before(text, run_start - 2)
            # 'Mira Tallis of the Vexby Trust said': a person of a body the text names (found as one) right after 'of'
            of_a_body = role is None and len(name) >= 2 and _of_a_body_after(text, name_end, taken) \
                and _word_before_name(text, run_start) not in _NOT_BEFORE_A_BARE_NAME
            if not titled and role is None and not of_a_body:
                if len(name) < 2 or _ROLE_OF_BEFORE.search(text, max(0, run_start - 40), run_start):
                    continue  # ('Director of Integrated Vexcare': a field or a body after a role's 'of', no person)
                weak = bool(_VERB_AFTER.match(text, name_end) or _VERB_BEFORE.search(text, max(0, name_start - 30),
                                                                                     name_start))
                if _named_in_prose(text, name, name_start, name_end):
                    weak = "bare"  # a capitalised pair inside a sentence of prose: a person named bare
                elif not weak:
                    runs.append((run_start, name_start, name_end, False, None, None))
                    continue
            runs.append((run_start, name_start, name_end, titled, role, weak))
        from scripts.extract.mentions import shouted_credits
        for m in shouted_credits(text):  # 'JO BELL/KESTREL IMAGES': the photographer
            if not _overlaps(taken, m.start(1), m.end(1)):
                runs.append((m.start(1), m.start(1), m.end(1), False, None, False))
        for anchors, blanks, before, needed in _PLACED_NAMES:  # bylines, credits, 'as X reports', "X's spokesperson"
            if needed and needed not in text:
                continue  # no window can hold it: the anchors need not be looked for ('By' before each line break)
            for at in _anchor_starts(text, anchors, blanks):
                if needed and text.find(needed, max(0, at - 60), at) < 0:
                    continue
                m = before.search(text, max(0, at - 60), at)
                name = m.group(1) if m else ""
                if len(name.split()) >= 2 and _is_person_name(name) and not _overlaps(taken, m.start(1), m.end(1)):
                    runs.append((m.start(1), m.start(1), m.end(1), False, None, False))
        for start, end in _names_with_particles(text):  # 'Rhodri ap Emlyn, the shadow minister, said'
            if not _overlaps(taken, start, end):
                appositive = _APPOSITIVE_AFTER.match(text, end)
                role = self._role_before(start) or (_role_of(appositive.group(1)) if appositive else None)
                if role or _VERB_AFTER.match(text, end):
                    runs.append((start, start, end, False, role, not role))
        for start, end in _bracketed_credits(text):  # '(Image: Jo Bell)': the photographer
            if _is_person_name(text[start:end]) and not _overlaps(taken, start, end):
                runs.append((start, start, end, False, None, False))
        for start, end in _bylines(text):  # a writer's name on a line of its own above the story
            if _is_person_name(text[start:end]) and not _overlaps(taken, start, end):
                runs.append((start, start, end, False, None, False))
        runs.sort(key=lambda r: (r[0], r[2]))
        for i, (run_start, name_start, name_end, titled, role, weak) in enumerate(runs):
            if weak is None:
                # no evidence of its own: a name joined by 'and' to a person-shaped name ('X and Dr Y said')
                joined = [runs[j] for j in (i - 1, i + 1) if 0 <= j < len(runs) and runs[j][5] is not None
                          and _AND_BETWEEN.fullmatch(text, min(runs[j][2], name_end),
                                                     max(runs[j][0], run_start))]
                if not joined or _listed_with_a_place(text, name_start, name_end):
                    # (joined to a place or a thing: 'Hywel Vale and Brackmoor Bay said so')
                    continue
                weak = False
            given = text[name_start:name_end].rpartition(" ")[0] if name_end - len(text[name_start:name_end].split()[-1]) \
                in structure_surnames else ""  # the name before a surname like a structure word ('Rhea' of 'Rhea Last')
            if _is_person_name(given or text[name_start:name_end]) and not _overlaps(taken, run_start, name_end):
                found.append((run_start, name_end, name_start, role, weak))
        return _unglued(text, found)

    def _surname_like_a_structure_word(self, words) -> bool:
        """'consultant radiologist Rhea Last', 'Dr Rhea Last': a surname that is also a structure word ('Last', 'Still',
        'Just') ends a name when a title or a role stands before it and a first name comes between."""
        last = _bare(words[-1][0])
        if last not in STRUCTURE_WORDS or last.lower() in TITLES or last.lower() in ROLE_NOUNS \
                or last in NOT_PERSON_WORDS or _is_head(last) or _cuts_a_run(words[-2][0]):
            return False
        before = max((i for i, (w, _, _) in enumerate(words[:-1]) if _cuts_a_run(w)), default=-1)
        if before >= 0:
            return _bare(words[before][0]).rstrip(".").lower() in TITLES
        return self._role_before(words[0][1]) is not None

    def _role_before(self, position: int) -> str | None:
        """A role written just before a name ('Welsh health minister', 'KDA co-chair'), lower case."""
        window = self.text[max(0, position - 60):position]
        line = window.split("\n")[-1]
        words = line.split()
        if not words:
            return None
        last = words[-1].lower().strip(",")
        if last in TITLES and words[-1] != "MS":  # 'MS' in capitals is a member of a legislature, not 'Ms'
            words = words[:-1]
            if not words:
                return None
            last = words[-1].lower()
        if last not in ROLE_NOUNS and not last.endswith(("-chair",) + _SPECIALIST_ENDINGS):
            return None
        role = []
        for w in reversed(words):
            if w.lower() in ("the", "a", "an", "said", "says", "by", "to", "and", "of") or not w[:1].isalnum() \
                    or w.endswith((",", ".", ":", ";")) and role:
                break
            role.insert(0, w.lower())
            if len(role) == 4:
                break
        return " ".join(role)

    def _corroborated(self, referent: Referent) -> bool:
        """A person found only beside a reporting verb ('X Y said') is kept when the text also gives a title,
        a role or a personal pronoun for them; 'Carewatch Northtown said' stays out."""
        return bool(referent.gender or referent.roles or referent.person_id)

    # ---- grouping ------------------------------------------------------------------------------------------

    def _add(self, start: int, end: int, what: str, extra, lexicon: Lexicon) -> None:
        text = self.text[start:end]
        if what == "curated":
            match: AliasMatch = extra
            referent = self._curated_referent(match, lexicon)
            if referent.kind == "person" and " " not in match.text:
                # a curated surname after a first name nobody curated ('Dr Robert Surname'): one name
                before = _FIRST_NAMES_BEFORE.search(self.text, max(0, start - 60), start)
                if before and before.group(2).split()[0] not in STRUCTURE_WORDS:
                    start = before.start(1) if before.group(1) else before.start(2)
                    text = self.text[start:end]
            self._note_title(referent, text)
            self._grow(referent, text)
            self.mentions.append(NameMention(start, end, text, referent, True))
        elif what == "organisation":
            curated_id = _curated_organisation_named(lexicon, _organisation_name(text))
            if curated_id is not None:  # 'UK Government' written out where the lexicon only knows 'the government'
                referent = self._by_organisation_id.get(curated_id)
                if referent is None:
                    referent = Referent("organisation", "", organisation_id=curated_id)
                    self._by_organisation_id[curated_id] = referent
                    self.referents.append(referent)
                self._organisation_keys(referent, start, end)
                self.mentions.append(NameMention(start, end, text, referent, True))
                return
            referent = self._organisation_referent(start, end)
            # 'KHSE' after 'KHS England': an acronym that is the letters of a curated body the text named before it
            # is that body
            letters = _organisation_name(text)
            curated = referent.organisation_id is not None and len(letters) >= 3 and letters.isupper() \
                and letters.casefold() in referent.keys
            self.mentions.append(NameMention(start, end, text, referent, curated))
        else:
            name_start, role, weak = extra
            referent = self._person_referent(self.text[name_start:end], _knighted(self.text[start:name_start]))
            if weak == "bare":
                self._bare.add(id(referent))
            elif not weak:
                referent.shaped = True
            self._note_title(referent, text)
            if role:
                referent.roles.add(role)
            self.mentions.append(NameMention(start, end, text, referent, False))

    def _curated_referent(self, match: AliasMatch, lexicon: Lexicon) -> Referent:
        alias = match.alias
        if alias.entity_kind == "person":
            referent = self._by_person_id.get(alias.entity_id)
            if referent is None:
                referent = Referent("person", "", person_id=alias.entity_id,
                                    organisation_id=alias.organisation_id)
                self._by_person_id[alias.entity_id] = referent
                self.referents.append(referent)
            return referent
        referent = self._by_organisation_id.get(alias.entity_id)
        if referent is None:
            curated_name = lexicon.name_of("organisation", alias.entity_id)
            # the head of its curated name: 'the association' may stand for a body written only as an acronym
            referent = Referent("organisation", "", organisation_id=alias.entity_id,
                                head=_head(curated_name) if curated_name else None)
            self._by_organisation_id[alias.entity_id] = referent
            self.referents.append(referent)
        self._organisation_keys(referent, match.start, match.end)
        return referent

    def _grow(self, referent: Referent, written: str) -> None:
        """Keep the fullest name the article gives (titles and a leading 'the' removed)."""
        seen = (id(referent), written)
        if seen in self._grown:
            return
        self._grown.add(seen)
        name = _bare(strip_titles(written)) if referent.kind == "person" else _organisation_name(written)
        if name.startswith("@"):
            return
        if len(name.split()) > len(referent.name.split()) or \
                (len(name.split()) == len(referent.name.split()) and len(name) > len(referent.name)
                 and not referent.name):
            referent.name = name
        if referent.kind == "organisation" and referent.head is None:
            referent.head = _head(name)

    def _note_title(self, referent: Referent, written: str) -> None:
        first = written.split()[0].rstrip(".").lower() if written.split() else ""
        if referent.kind == "person" and first in TITLE_GENDER and referent.gender is None:
            referent.gender = TITLE_GENDER[first]

    def _person_referent(self, name: str, knighted: bool = False) -> Referent:
        name = _bare(name)
        surname = name.split()[-1]
        if knighted and " " not in name:
            # 'Sir Bram', 'Dame Jo': a knight or dame goes by the first name of someone named in full before
            for referent in reversed(self.referents):
                if referent.kind == "person" and len(referent.name.split()) >= 2 \
                        and referent.name.split()[0] == name:
                    return referent
        for referent in reversed(self.referents):
            if referent.kind != "person" or referent.surname != surname:
                continue
            first_words = name.split()[:-1]
            known = referent.name.split()[:-1]
            if not first_words or not known or first_words[0] == known[0] \
                    or known[0].startswith(first_words[0]) or first_words[0].startswith(known[0]):
                self._grow(referent, name)
                return referent
        if len(name.split()) == 1:
            # 'Ms Surname' before or after an untitled 'First Surname' ('... if First Surname agreed')
            at = self.text.find(name)
            while at > 0:
                first = _NAME_TOKEN_BEFORE.search(self.text, max(0, at - 30), at)
                after = self.text[at + len(name):at + len(name) + 1]
                if first and not after.isalnum() and first.group(1) not in STRUCTURE_WORDS \
                        and first.group(1) not in NOT_PERSON_WORDS and first.group(1).rstrip(".").lower() not in TITLES:
                    name = f"{first.group(1)} {name}"
                    break
                at = self.text.find(name, at + len(name))
        referent = Referent("person", name)
        self.referents.append(referent)
        return referent

    def _organisation_keys(self, referent: Referent, start: int, end: int) -> None:
        written = self.text[start:end]
        defined = _BRACKETED_ACRONYM.match(self.text, end)
        if (id(referent), written) in self._grown and not defined:
            return  # this spelling of this organisation is known already
        name = _organisation_name(written)
        for key in (name.casefold(), _initials(name), _letters(name)):
            if key:
                referent.keys.add(key)
                self._by_org_key.setdefault(key, referent)
        if defined:
            key = defined.group(1).casefold()
            referent.keys.add(key)
            self._by_org_key.setdefault(key, referent)
        self._grow(referent, self.text[start:end])

    def _organisation_referent(self, start: int, end: int) -> Referent:
        name = _organisation_name(self.text[start:end])
        referent = self._by_org_key.get(name.casefold())
        if referent is None and name.isupper():
            referent = self._by_org_key.get(name.casefold())
        head = name.rsplit(None, 1)[-1].casefold()
        alone = " " not in name
        if referent is None and alone and _is_head(name.capitalize()):
            # 'the government' kept as a candidate (mentions._the_government_of_a_devolved_nation): the body named
            # before it whose head word it is ('the Scottish Government')
            referent = self._by_head.get(head)
        elif referent is None:
            referent = self._head_alone.get(head)  # ... or named after it, by its head word alone
            if referent is not None:
                referent.name = name
        if referent is None:
            referent = Referent("organisation", name)
            self.referents.append(referent)
            if alone and _is_head(name.capitalize()):
                self._head_alone.setdefault(head, referent)
            elif not alone:
                self._by_head.setdefault(head, referent)
        self._organisation_keys(referent, start, end)
        return referent

    def _surname_mentions(self, taken) -> None:
        """A lone surname ('Roe said', 'Ms Roe') of a person named in full: a mention of that person (the one
        with that surname named last before it, else the first after it)."""
        surnames = {r.surname for r in self.referents if r.kind == "person" and len(r.name.split()) >= 2
                    and id(r) not in self.weak}
        if not surnames:
            return
        covered = sorted((m.start, m.end) for m in self.mentions)
        by_surname: dict[str, list[tuple[int, Referent]]] = {}
        for mention in self.mentions:
            if mention.referent.kind == "person" and mention.referent.surname in surnames:
                by_surname.setdefault(mention.referent.surname, []).append((mention.start, mention.referent))
        found = []
        for surname in surnames:
            known = by_surname.get(surname)
            if not known:
                continue
            known.sort(key=lambda k: k[0])
            starts = [k[0] for k in known]
            at = self.text.find(surname)
            while at >= 0:
                end = at + len(surname)
                before = self.text[at - 1:at] if at else ""
                after = self.text[end:end + 1]
                if before == "-" or after == "-":
                    # 'the Roe-Poole row': two people named by their surnames joined by a hyphen
                    before, after = _paired_surnames(self.text, at, end, surnames, before, after)
                if not (before and (before.isalnum() or before in "'’@#-_")) \
                        and not (after and (after.isalnum() or after in "-_")):  # ('' at the text's edges)
                    title = _TITLE_BEFORE.search(self.text, max(0, at - 30), at)
                    start = title.start() if title else at
                    i = bisect.bisect_left(starts, at) - 1
                    referent = known[max(i, 0)][1]
                    given = referent.name[:-len(surname)]  # 'Jo ' of 'Jo Bell': the full name written again
                    if not title and given.strip() and self.text[max(0, at - len(given)):at] == given:
                        start = at - len(given)
                    if not _overlaps(covered, start, end) and (title or surname not in STRUCTURE_WORDS):
                        # ('Last year' is no mention of Rhea Last; 'Mr Last' is)
                        if title:
                            self._note_title(referent, self.text[start:end])
                        found.append(NameMention(start, end, self.text[start:end], referent, False))
                at = self.text.find(surname, end)
        self.mentions += found

    def _genders_from_pronouns(self) -> None:
        """'Jane Roe said her ...': a person alone in a sentence with only one kind of personal pronoun."""
        mentions = sorted(self.mentions, key=lambda m: m.start)
        for i, mention in enumerate(mentions):
            referent = mention.referent
            if referent.kind != "person" or referent.gender:
                continue
            stop = self._sentence_stop(mention.end)
            if i + 1 < len(mentions) and mentions[i + 1].start < stop and mentions[i + 1].referent.kind == "person":
                own = _OWN_PRONOUN.match(self.text, mention.end)  # 'Jo Bell and her colleague Sam Poole'
                if own:
                    referent.gender = "m" if own.group(1).lower() == "his" else "f"
                continue
            sentence = self.text[mention.end:stop]  # a slice: its edges end words, as the window's did
            male, female = bool(_MALE_PRONOUN.search(sentence)), bool(_FEMALE_PRONOUN.search(sentence))
            if male != female:
                referent.gender = "m" if male else "f"

    def _organisations_of_people(self) -> None:
        """A person nobody curated takes the curated organisation of their role: 'KDA council chair Jo Bell',
        'Jo Bell, chair of the KDA,'."""
        mentions = self.mentions
        for i, mention in enumerate(mentions):
            referent = mention.referent
            if referent.kind != "person" or referent.person_id or referent.organisation_id:
                continue
            if i > 0 and mentions[i - 1].curated and mentions[i - 1].referent.kind == "organisation":
                between = self.text[mentions[i - 1].end:mention.start].replace("\u2019s", "").replace("'s", "")
                words = between.split()
                if 0 < len(words) <= 4 and words[-1].lower() in ROLE_NOUNS | TITLES \
                        and not any(c in between for c in ",.;:\n"):
                    referent.organisation_id = mentions[i - 1].referent.organisation_id
                    continue
            if i + 1 < len(mentions) and mentions[i + 1].curated and mentions[i + 1].referent.kind == "organisation" \
                    and self.text.startswith(",", mention.end):
                stop = _APPOSITIVE_END.search(self.text, mention.end + 1, mention.end + 120)
                stop = stop.start() if stop else mention.end + 120
                words = [w.strip("\u2019'").removesuffix("\u2019s").lower() for w in self.text[mention.end + 1:stop].split()]
                if mentions[i + 1].end <= stop and len(words) <= 8 and any(w in ROLE_NOUNS for w in words):
                    referent.organisation_id = mentions[i + 1].referent.organisation_id

    def _sentence_stop(self, position: int) -> int:
        m = _SENTENCE_STOP.search(self.text, position, position + 400)
        return m.start() if m else min(len(self.text), position + 400)

    # ---- queries -------------------------------------------------------------------------------------------

    def within(self, start: int, end: int) -> list[NameMention]:
        i = bisect.bisect_left(self.starts, start)
        found = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                found.append(self.mentions[i])
            i += 1
        return found

    def before(self, position: int, limit: int = 40):
        """The mentions that end before position, most recent first (at most limit)."""
        i = bisect.bisect_left(self.starts, position) - 1
        while i >= 0 and limit:
            if self.mentions[i].end <= position:
                yield self.mentions[i]
                limit -= 1
            i -= 1

    def name_of(self, referent: Referent, lexicon_name: str | None = None) -> str:
        return referent.name or (lexicon_name or "")


_HEADS: list = []


def _is_head(word: str) -> bool:
    if not _HEADS:
        from scripts.extract.mentions import HEAD_WORDS  # mentions imports this module: bound on first use
        _HEADS.append(HEAD_WORDS)
    return word in _HEADS[0]


def _knighted(title: str) -> bool:
    """The titles before a name end with 'Sir' or 'Dame' (who go by their first name: 'Sir Bram')."""
    words = title.split()
    return bool(words) and words[-1] in ("Sir", "Dame")


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (start, float("inf")))
    for j in (i - 1, i):
        if 0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1]:
            return True
    # a long span that starts earlier
    return any(s < end and start < e for s, e in spans[max(0, i - 3):i])


def _curated_organisation_named(lexicon: Lexicon, name: str) -> str | None:
    """The curated organisation with this name, also where the text joins its words with the other of 'of' and 'for'
    ('Department for Vexby Care' for a curated 'Department of Vexby Care': bodies are misnamed so in print)."""
    found = lexicon.organisation_named(name)
    if found is None and (" for " in name or " of " in name):
        found = lexicon.organisation_named(name.replace(" for ", " of ")) if " for " in name else None
        if found is None and " of " in name:
            found = lexicon.organisation_named(name.replace(" of ", " for "))
    return found


@lru_cache(maxsize=8192)
def _organisation_name(written: str) -> str:
    name = re.sub(r"\s+", " ", written.strip())
    if name.lower().startswith("the "):
        name = name[4:]
    return _bare(name)


@lru_cache(maxsize=8192)
def _initials(name: str) -> str:
    words = [w for w in name.split() if w[:1].isupper()]
    return "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""


@lru_cache(maxsize=8192)
def _letters(name: str) -> str:
    """The initials of a name's capitalised words with a word in capitals kept whole ('KHS England' -> 'khse'), or ''
    where that is no different from _initials or the name has one word."""
    words = [w for w in name.split() if w[:1].isupper()]
    if len(words) < 2 or not any(len(w) > 1 and w.isupper() for w in words):
        return ""
    return "".join(w if len(w) > 1 and w.isupper() else w[0] for w in words).casefold()


@lru_cache(maxsize=8192)
def _head(name: str) -> str | None:
    words = [w.lower() for w in name.split()]
    from scripts.extract.mentions import HEAD_WORDS
    heads = [w for w in words if w.capitalize() in HEAD_WORDS or w in ("government", "union", "party")]
    return heads[-1] if heads else None
