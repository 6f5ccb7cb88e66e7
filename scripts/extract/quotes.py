"""Direct quotations and who said them: one row per paragraph of a quotation (schemas/quotes.schema.json).

Finding quotations, paragraph by paragraph:
- Double marks (curly, straight, or an opening straight mark closed by a curly one) pair up in order. A mark
  shaped like an opener (space before, text after) met inside a quotation means the previous one was never
  closed; a closer-shaped mark met outside one is a stray and is skipped.
- Single marks are speech marks only outside double quotations, when the opener starts a word and the closer
  ends one, so apostrophes ("it's", "doctors’ pay") are never taken for marks.
- Double marks inside a single-quoted quotation quote words within it: they stay part of its text.
- A quotation still open at the end of a paragraph runs to the end of that paragraph (or, when the paragraph
  ends with an inverted attribution, '..., said X.', to that attribution's comma). When the next paragraph
  opens with a mark of the same kind, its first quotation continues the open one (continues_previous) and
  keeps its speaker.
- A short term in marks that nothing attributes is a scare quote and is dropped; several words or a full
  sentence in marks is a quotation even without a speaker, and so is a short phrase that a verb of saying
  presents as words ('urged to “...”', 'described as “...”'), and so is one that a verb of reporting takes as
  its object or that closes a clause with such a verb ('citing “...”', 'reported “...”'; a verb of citing also past
  an article or a noun and 'of': 'citing a “...”', 'reported waits of “...”'), unless it is in title case or follows
  'told', 'called', 'dubbed' and the like ('told “The Daily Round”'); a reporting word after an article or an owner
  is a noun or an adjective, no verb ('the reported “...”'). A term the text names ('the term “...”', 'the “...”
  programme') is no quotation.

Finding the speaker, in this order: an attribution right after the closing mark ('”, it added.', '”, said
Dr X.'); a colon introduction ('X said:', 'X:', also ending the previous paragraph); a reporting verb earlier
in the sentence ('X said the offer was “...”', 'according to X'); an attribution closing the sentence
(', the union said.'); the speaker of the quotation whose sentence this one directly follows. The words before
a verb are read back as a noun phrase ('X, co-chair of Y, said': the appositive ties X to Y's organisation).

Shapes of real copy (issue 8): an appositive may hold an age, a relative clause, an aside between dashes or
lack its closing comma ('Sir X, chief executive at Y said:'); a dash and a name after a quotation sign it; a
quotation left open ends before an inverted attribution inside it; words in double marks inside a single
quotation belong to it; a document ('The guidance said') speaks for the body that issued it; a role in a body
('the medical director of X') or a headline's title ('– Health Secretary') is the person the text gives that
role, before or (for the next sentence, or from a headline) after.

More shapes of real copy (issue 8, second session): a description ('the health minister', 'the nurse', 'the
34-year-old') passes over a last speaker the text gave another role or another office ('shadow', 'former') and
takes the one person of the sentence before, or the person-shaped name heading it after a fronted phrase ('On
Monday, X will ...'); a headline's title that nobody holds goes to the person the lead paragraph opens with;
'the two doctors' are the two people named together before; "the union's statement" is the body with that head
named before; in 'X Hospital in Y said' the body speaks, not the place; a pronoun prefers a person-shaped name
heading the sentence just before (also before an aside, also with particles: 'X ap Y, who ..., said') to a
person of unknown gender further back; letters after a name ('MP', 'KC') are no part of the speaker's name.

Shapes of the fifth batch and of constructed copy (issue 8, third session): a 'that' after a verb of saying opens
a clause whose own subject speaks ('X reported that the union has warned “...”'), and a description is never the
subject of its own clause; 'with X saying “...”' is X's; a passive frame ('is reported to have said') and a body's
possessive before a name ("The X's Dr Y noted") leave the name heading its sentence; outlets called by their kind
('said the paper'); surnames that are stop words ('Day', 'May'); a scene sentence about one person, then their
words with no verb; a fronted 'According to X,'; an infinitive of saying ('took to social media to say'); a role
description named only in the next sentence by a person named before; headline roles with a place ('Easton
doctor says'); "the X's consultants committee" as the body speaking; bulleted quotations after an introduction.

The quotation's own sentence, and marks used loosely (issue 8, sixth session): when no rule attributes a quotation,
its own sentence is read last -- a cue (a verb of saying in any form or order, 'in the words of', 'was how X put
it', 'hit out', 'made clear', a colon) and the one person or body it names outside marks, past listeners, outlets
and places after a preposition or 'told'; two names and no 'according to' leave it without a speaker. Years cut to
two digits ('23) and the 'n' of 'rock 'n' roll' open nothing; a paragraph whose first mark closes speech before an
attribution ('..., she said') is a quotation whose opening mark was left out; single marks open before a currency
sign or an ellipsis and close after a per cent sign; guillemets pair like curly marks. The name heading a clause
speaks past a long appositive (commas inside a job title, a missing closing comma, a fronted phrase); an acronym in
square brackets is part of a name; an owner's possessive is no part of a speaker's name; an @handle spelling a
named person is that person; a description nobody before it fits goes to the one person given that role, or the one
body with that head word, named after it; the short terms of a listed series share its speaker; words in marks in a
headline are someone's words.

Shapes of the seventh batch (issue 8, eighth session): quoted paragraphs running on from one left open after a
paragraph of reported speech ('X said they had no choice.' then '“...' and '“...”') are X's; a paragraph ending
with a colon after a clause a name heads ('..., X came out against the strike:') introduces the next one's
quotation; a participle after 'whilst' or 'when' heads a fronted clause, whose main clause's subject speaks; 'a
trust spokesperson' speaks for the body of that kind; 'The Ministry of X in Y said' heads its sentence (a
department's name keeps the place); 'X officials' speak for the fuller body named X-and-more that just spoke;
'<Place> health bosses' for the one body named after that place; a paragraph closing a double quotation left open
in the paragraph before is its last paragraph; a few words in marks with a finite verb are a clause of speech;
an unattributed fragment quoted again inside a longer attributed quotation is that speaker's.

Shapes of the eighth batch and of continued quotations (issue 8, ninth session): a body whose attribution closes
the sentence before with reported speech (', the X said in a statement.', ', according to the X.') is what 'the
trade union' or "the doctors' union" next stands for; a single quotation closed by a turned opening mark
('‘...,‘ the X said'); after a colon, the one name before it speaks when words after the quotation name another;
a short complement closing a clause of what people believe or a survey found; a quoted paragraph goes on with the
last speaker across captions and headings set between (no verb of saying in them), and past narration about the
body named in the speaker's own attribution; a person taking a side or saying something in the last sentence of
the paragraph before ('X disagreed.') speaks a bare quoted paragraph; the gender the text gives a person (a
pronoun before the next person named, 'chairwoman', 'She' opening the next sentence) feeds the he/she ranking
(scripts/extract/pronoun_gender.py).

Resolving: names go through lexicon.resolve only. 'He' and 'she' take the best-scoring candidate person of a
ranking whose weights are fitted on labelled text (scripts/extract/speaker_ranking.py; two close candidates leave
the speaker unresolved). 'It', 'they' and anaphoric phrases ('the group', 'the spokesperson') take the ids of the
most recent compatible speaker or sentence subject, so 'it' never lands on a person. A quotation no rule gives a
speaker (and no attribution) can go to a decision fitted on labelled text (scripts/extract/attribution_model.py):
an earlier speaker or a subject of a verb of saying just before, or no one. Only English grammar (reporting verbs,
titles, function words) lives here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import bisect
import dataclasses
import itertools

from scripts.extract import attribution_model
from scripts.extract.lexicon import AliasMatch, Lexicon
from scripts.extract.mentions import article_names
from scripts.extract.names import Referent, TITLE_GENDER, _is_person_name, strip_titles
from scripts.extract.pronoun_gender import genders_from_text
from scripts.extract.speaker_ranking import RANKING
from scripts.extract.text import Span, paragraphs

# ---- English grammar: closed word lists -------------------------------------------------------------------

_REPORTING_VERBS = """
said say says saying told tell tells telling added add adds adding continued advised advises
tweeted tweeting posted wrote writes writing urged urges urging insisted insists insisting warned warns
warning claimed claiming stated argued argues arguing explained explains explaining described describes
describing called expressed expresses noted stressed admitted admits acknowledged announced suggested
suggests accused accuses accusing branded labelled dubbed pledged promised vowed replied replies
responded responds asked answered commented remarked repeated reiterated emphasised emphasized
highlighted confirmed confirms revealed demanded criticised criticized criticising criticizing welcomed
welcomes believes believed
predicted maintained maintains conceded
""".split()
# Verbs that also stand before their subject ('”, said Dr X.', 'added the spokesperson').
_INVERTIBLE = set("""said say says added adds continued wrote writes tweeted posted warned insisted explained
asked replied responded argued stated noted""".split())
_REPORTING_VERB_SET = frozenset(_REPORTING_VERBS)
# A word scan plus a set lookup is several times faster than one alternation of a hundred verbs.
_WORD = re.compile(r"[A-Za-z]+")
_VERB_LENGTHS = frozenset(len(w) for w in _REPORTING_VERB_SET | {"according"})
_TO = re.compile(r"\s+to\b")
# '”, Jo Bell was quoted as saying': the participle after 'quoted' reports the words as 'said' would.
_QUOTED_AS_SAYING = re.compile(r"[^\S\n]+(?:is|are|was|were|been)[^\S\n]+quoted[^\S\n]+(?:as[^\S\n]+)?\Z")
# A particle that makes a verb of saying mean something else: 'called off the strike', 'told off'.
_OFF = re.compile(r"\s+off\b")
# 'She went on: ...', 'Dr X went on to say ...': 'on' must end the clause or lead to a reporting verb, so that
# 'the strike went on for days' is no attribution.
_GOES_ON = re.compile(r"\s+on(?:\s+to\s+(?:say|add|warn|argue|insist|explain|claim|describe|call)\b|(?=\s*[:,.;]|\s*$))")
_GOING_ON = frozenset({"went", "goes"})
# 'comments' is a verb of saying only as a press release's 'X comments on Y': a capitalised name (no possessive:
# 'Jo Bell's comments on pay' is a noun) right before it, 'on' right after.
_COMMENTS_ON = re.compile(r"[^\S\n]+on[^\S\n]")
_NAME_BEFORE_COMMENTS = re.compile(r"(?<![\w'’\-])[A-Z][\w\-]*(?<!['’]s)[^\S\n]+\Z")
_NOT_NEXT_TO_VERB = set("@#-_'\u2019")

_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you"}
_ANY_KIND = frozenset({"person", "organisation", "spokesperson", "group", "unknown", "joint"})
_PRONOUN_KINDS = {"he": frozenset({"person"}), "she": frozenset({"person"}),
                  "it": frozenset({"organisation", "spokesperson"}), "they": _ANY_KIND}
_RELATIVE = {"who", "which", "that", "whom", "whose"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those"}
_TITLES = {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "lord", "lady",
           "baroness", "baron", "rt", "hon", "rev", "cllr", "the"}
_SPOKES_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokespersons",
                 "representative", "source", "official", "officials"}
_COLLECTIVE_NOUNS = {"group", "union", "association", "committee", "organisation", "organization", "body",
                     "department", "trust", "college", "confederation", "federation", "charity", "council",
                     "board", "party", "company", "faction", "service", "government", "ministry",
                     "campaign", "alliance", "society", "account", "hospital", "infirmary", "institute",
                     "foundation", "authority", "agency", "commission", "university", "network", "forum",
                     "coalition", "regulator", "congress",
                     # outlets, as copy that cites other outlets calls them ('..., said the paper.')
                     "newspaper", "paper", "broadcaster", "magazine", "publication", "outlet"}
# Words that end a noun phrase read backwards from a verb (and forwards after an inverted one).
_STOP_WORDS = set("""
to in on at from with by about after before during over under into onto than against between among through
across since until upon via per without within as like
that which who whom whose when while where because if but so yet or nor though although however
meanwhile whether also then now already still again previously recently earlier later once not never
is are was were be been being has have had do does did will would can could shall should may might must
he she it they we i you him them us me
today yesterday tonight tomorrow ago last next week weeks month months year years day days night morning
afternoon evening weekend
monday tuesday wednesday thursday friday saturday sunday january february march april june july august
september october november december
""".split()) | _RELATIVE
# Stop words that only ever work as grammar, never as a surname ('Jo May' and 'Ann Day' are names).
_NEVER_NAME_WORDS = set("""to in on at from with by about after before during over under into onto than against
between among through across since until upon via per without within as like that which who whom whose when
while where because if but so yet or nor though although however is are was were be been being has have had do
does did he she it they we i you him them us me the a an its their his her our this these those""".split())
# Allowed between a subject and its verb: 'it has insisted', 'the KDA also said'.
_BETWEEN_SUBJECT_AND_VERB = set("""has have had also previously earlier later then now already repeatedly
recently once again further separately publicly privately reportedly firmly strongly simply
will would could may might is was are were been today yesterday""".split())

_ABBREVIATIONS = ("Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Rt", "Hon", "No", "Sen", "Gov", "Cllr", "Rev")
# The look-behinds come after the first stop so that they are tried only there (that keeps the scan fast).
_SENTENCE_END = re.compile(r"[.!?\u2026]" + "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS)
                           + r"[.!?\u2026]*[\"'\u201d\u2019\u00bb)]*(?=\s+[\"'\u201c\u2018\u00ab(\[]?[A-Z0-9@#])")
# An acronym defined in brackets, round or square ('The X (XA)', 'The X [XA]'), is one token of its name.
_TOKEN = re.compile(r"@?\w+(?:[-'\u2019.&]\w+|(?<=\d),\d{3}(?!\d))*|\([A-Za-z][\w .&-]{0,30}\)"
                    r"|\[[A-Z][A-Za-z&]{1,7}\]|[^\w\s~]")
_SUBJECT_TAIL = re.compile(
    r"\s+(?:(?P<spokes>" + "|".join(sorted(_SPOKES_NOUNS)) + r")\s+)?(?:[a-z][\w-]*\s+){0,3}?"
    r"(?:has|have|had|is|are|was|were|will|would|did|does|can|could|may|might|must|should|said|told|wrote"
    r"|[a-z]+ed|[a-z]*[^\Ws]s)\b")
# A verb right after a subject that cannot be a plural noun ('Greater Easton hospitals were' is no person).
_PAST_OR_AUXILIARY = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:has|had|is|was|will|would|did|does|can|could|said|told"
                                r"|wrote|[a-z]+ed)\b")
_LEADING_DETERMINER = re.compile(r"(?i)(?:(?:the|a|an)\s+)?")
_ANAPHOR = re.compile(r"(?i)(?:the|this|that)\s+(?:[a-z-]+\s+|[a-z-]+s['\u2019]\s+(?:[a-z-]+\s+)?)?(?P<head>[a-z]+)")
_SPOKESPERSON = re.compile(r"(?i)(?:a|an)\s+(?:[a-z-]+\s+){0,2}(?P<head>" + "|".join(sorted(_SPOKES_NOUNS)) + ")")
# 'Easton health bosses', 'the Easton hospital chiefs': the people at the head of a place's body, in the plural
_PLACE_AND_PEOPLE = re.compile(r"(?:[Tt]he\s+)?(?P<place>[A-Z][A-Za-z]+)\s+(?:[a-z]+\s+){0,2}"
                               r"(?:bosses|chiefs|leaders|officials|managers|executives)")
# the people who speak for a body ('NHS officials', 'council bosses', 'a union spokesperson')
_PEOPLE_OF_A_BODY = frozenset("""officials bosses chiefs leaders sources spokesperson spokesman spokeswoman
spokespeople representatives""".split())
# finite verbs that make a few words in marks a clause ('“Delays are expected”'), not a term
_FINITE_AUXILIARIES = frozenset("""is are was were will would has have had can could should must cannot won't
isn't aren't wasn't weren't""".split())
_FRAGMENT_PUNCTUATION = ".,;:!?\u2026\"'\u201c\u201d\u2018\u2019()[]\u2013\u2014-"
# a document's appositive naming who issued it: ', signed by Dr A and Dr B,'
_SIGNED_BY = re.compile(r"\s*(?:signed|issued|sent|written|co-signed)\s+(?:jointly\s+)?by\s+")
# 'whilst criticising', 'when announcing': a participle heading a fronted adverbial clause
_SUBORDINATOR_BEFORE = re.compile(r"(?i)\b(?:while|whilst|when|after|before|since)\s+\Z")
_LOWER_PRONOUN_SUBJECT = re.compile(r"(he|she|they|it)\s+(?=[a-z])")
# 'The X in Northern Y said': a place after a body's name, before the verb
_PLACE_AFTER_BODY = re.compile(r"\s+in\s+(?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2}(?=\s+(?:[a-z]|\([A-Z]))")
# a body's name that is a head word and what it is in charge of: 'Department of Health', 'Ministry for Transport'
_OFFICE_OF = re.compile(r"(?:Department|Ministry|Office)\s+(?:of|for)\s+.+")
# 'a trust spokesperson', 'a health board spokesman': the kind of body a spokesperson speaks for, in lower case
_KIND_BEFORE_SPOKES = re.compile(r"(?:[Aa]n?|[Tt]he)\s+(?:[a-z]+\s+)?(?P<kind>[a-z]+)\s+(?:" + "|".join(sorted(_SPOKES_NOUNS)) + ")")
_OWNERS_SPOKESPERSON = re.compile(r"(?P<owner>[A-Z][\w .'\u2019-]*?)['\u2019]s?\s+(?:[a-z-]+\s+)?(?:"
                                  + "|".join(sorted(_SPOKES_NOUNS)) + ")")
_ROLE_IN_BODY = re.compile(r"(?:[Tt]he|[Aa]n?)\s+(?P<role>(?:[a-z-]+\s+){0,4}?[a-z-]+)\s+(?:for|of|at)\s+.+")
_BY_AGENT = re.compile(r"[^\S\n]+by(?=[^\S\n]+(?:the[^\S\n]+)?[A-Z])")
_DEFINED_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z&]{1,7}\)")
_PRONOUN_OPENING = re.compile(r"\s*(It|They|He|She)\b")
_SUBJECT_DESCRIPTION = re.compile(r"(?:The|This|That)\s+(?P<first>[a-z-]+)(?:['\u2019]s?)?(?:\s+(?P<second>[a-z]+))?")
_SPOKES = "(?:" + "|".join(sorted(_SPOKES_NOUNS - {"source", "official", "officials"})) + ")"
_SPOKESPERSON_FOR = re.compile(
    r"(?:(?P<possessor>[A-Za-z][\w\s-]{0,40}?)['\u2019]s\s+(?:official\s+)?" + _SPOKES
    + r"|(?:[Aa]n?|[Tt]he)\s+(?P<before>(?:[A-Z0-9][\w-]*\s+){1,4}?)(?:official\s+)?" + _SPOKES
    + r"|(?:[Aa]n?|[Tt]he)\s+(?:[a-z-]+\s+)?" + _SPOKES + r"\s+(?:for|from|at)\s+(?P<after>(?:the\s+)?[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,4}))")
_OWNERS_ROLE = re.compile(r"(?P<owner>[A-Z][\w .'\u2019-]*?)['\u2019]s?\s+(?P<role>(?:[\w-]+\s+){0,3}[a-z-]+)")
_MAX_LISTED = 8  # people named in one joint statement, at most
_LIST_COMMA = re.compile(r",\s*")
_AND = re.compile(r"\s+(?:and|&)\s+")
_COLOURED_NAME = re.compile(r"(?:a|an)\s+(?:[\u2018'\"\u201c]?[a-z][\w-]*[\u2019'\"\u201d]?\s+){1,3}(?P<name>[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)+)")
_PASSIVE = re.compile(r"(?i)\b(?:is|are|was|were|be|been|being)\s+$")
_RELATIVE_CLAUSE = re.compile(r"(?i)(?:who|which|whose|whom|that)\b")
_SENTENCE_FINAL = re.compile(r"[.!?\u2026][\"'\u201d\u2019\u00bb)]*$")

_MASK = "~"  # stands for quoted words in the masked copy, so no rule ever reads inside a quotation
# Guillemets ('«...»', as some outlets and agencies print quotations) pair up like curly double marks.
_DOUBLE_MARK = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]")
_ANY_MARK = re.compile("[\"'\u201c\u201d\u201e\u2018\u00ab\u00bb]")
# The mark comes first in each pattern so that the look-behinds run only at marks.
# A speech's first character may be a currency sign, an ellipsis or a bracket, its last a per cent sign or a
# bracket ("'£5bn is not enough'", "'...and that is why'", "'by 26%'").
_SINGLE_OPEN = re.compile("[\u2018'](?<![^\\s(\\[{\u2014\u2013\"\u201c:][\u2018'])(?=[\\w\u00a3$\u20ac\u2026(\\[]|\\.\\.\\.)")
_SINGLE_CLOSE = re.compile("[\u2019'](?<=[\\w.,!?\u2026%)\\]][\u2019'])(?!\\w)")
_OPENING_DOUBLE = "\u201c\u201e\u00ab"
_CLOSING_DOUBLE = "\u201d\u00bb"
_BEFORE_OPENER = set("([{\u2014\u2013-/")
_AFTER_CLOSER = set(".,;:!?)]}\u2014\u2013-\u2026'\u2019\"\u201d\u00bb")
_GAP_AFTER_QUOTE = re.compile(r"[\s,\u2014\u2013-]*")
_ENDS_ATTRIBUTED_SPEECH = set(",!?\u2026\u2014\u2013-")
_ROLE_NOUNS_FOR_DESCRIPTIONS = frozenset("""minister secretary chair co-chair chairman chairwoman chairperson
leader president director executive officer mp councillor chief head editor consultant doctor professor
founder campaigner mayor adviser spokesperson premier chancellor negotiator""".split())
_PAIR_NOUNS = {"pair", "duo", "two", "co-chairs", "chairs", "co-leaders", "leaders", "chiefs"}  # 'the pair'
_ROLE_WORDS = _ROLE_NOUNS_FOR_DESCRIPTIONS | {"co-chair", "co-chairs", "chairs", "leaders", "deputy",
                                              "spokesman", "spokeswoman", "boss", "officer", "member"}
_TIME_WORDS = set("""monday tuesday wednesday thursday friday saturday sunday today yesterday week weekend month
morning afternoon evening night""".split())
_TIME_PREPOSITIONS = {"on", "last", "this", "earlier", "late"}
# Verbs that report a stance taken in words, as a verb of saying does ('Tom Hale disagreed.'): their subject has spoken.
_STANCE_VERBS = frozenset("agreed agrees disagreed disagrees objected objects countered counters disputed disputes "
                          "rejected rejects protested protests".split())
_PREPOSITIONS = frozenset("of for to with by at from in on against about between among into over under".split())
_RANK_PARAGRAPHS = 4  # the candidates for 'he' or 'she': named in its paragraph or the four before
# A role that its holder has not yet, or no longer, or stands in for: 'the health minister' is not the shadow one.
_OTHER_OFFICE = frozenset("shadow former deputy vice ex assistant".split())
_LEGISLATORS = frozenset("mp mps msp mla".split())
_OFFICES_OF_GOVERNMENT = frozenset("minister secretary chancellor premier".split())
# What a person is rather than an office they hold: 'the nurse said', 'the mother-of-two said', 'the 34-year-old'.
_PERSONAL_NOUNS = frozenset("""nurse medic surgeon gp paramedic midwife registrar trainee student pharmacist
physician anaesthetist psychiatrist paediatrician dentist cardiologist oncologist radiologist""".split())
_PERSONAL_SHAPE = re.compile(r"(?:\d+|[a-z]+(?:-[a-z]+)?)-year-old|(?:mother|father|mum|dad|grandmother|grandfather)"
                             r"-of-[a-z]+")
# A short phrase fronted before a sentence's subject: 'On Monday, ', 'Later this week, ', 'In Northtown, '.
_FRONTED_PHRASE = re.compile(r"[A-Z][a-z]+(?:\s+[\w-]+){0,3},\s+(?=[A-Z])")
_REACH = 600  # characters either side of a quotation in which its attribution is looked for
_NON_SPACE = re.compile(r"\S")
_DASHES = ("\u2013", "\u2014")  # a pair of them sets off an aside ("Jo Bell – who chairs the X – said")
_MAX_INTERRUPTIONS = 2  # captions or headings in a row that a quotation may run across
_MIN_WORDS_UNATTRIBUTED = 5  # fewer words, no verb, no full stop: a term in marks, not speech
_MAX_DESCRIPTION_WORDS = 7  # 'the shadow health and social care secretary'
# Short quotations: the verb right before that presents them as words ('urged to “...”', 'described as “...”'),
# the marks that close a clause, verbs of judging that report words in the span rules only, and the nouns that
# name a term instead of quoting it ('the term “...”', 'the “...” programme').
_SAYING_JUST_BEFORE = re.compile(r"\b(?P<verb>[A-Za-z]+)\s+(?:to|as)\s*\Z")
_SAYING_NOUN_BEFORE = re.compile(r"(?i)\b(?:announcement|announcements|call|calls|demand|demands|warning|warnings|"
                                 r"pledge|pledges|promise|promises|accusation|accusations)\s+(?:of|for)\s+"
                                 r"(?:(?:a|an|the)\s+)?\Z")
_COMPLEMENT_BEFORE = re.compile(r"\b(?:as|is|was|were|are|be|been|being)\s*\Z")
_CLAUSE_END = set(".,;:!?)\u2026\u2013\u2014\n")
_JUDGING_VERBS = frozenset("""criticising criticizing slammed slamming deemed advised advising reported reporting
reports citing cited cites""".split())
# Verbs whose object is not words spoken: the listener ('told “The Daily Round”'), a name ('so-called “X”').
_NOT_SAYING_THEIR_OBJECT = frozenset("told tell tells telling called dubbed branded labelled".split())
_WORD_JUST_BEFORE = re.compile(r"\b([A-Za-z]+)\s*\Z")
# A verb of citing whose object holds the quotation after an article or a noun and 'of' ('citing a “...”', 'reported
# waits of “...”'); other verbs of saying take a clause, where such words in marks are often someone else's term.
_CITING_VERBS = frozenset("cite cites cited citing report reports reported reporting".split())
_CITED_OBJECT_BEFORE = re.compile(r"\b([A-Za-z]+)\s+(?:(?:a|an|the)\s+)?(?:[a-z]+\s+of\s+)?\Z")
# After words in marks, what ends the noun phrase they stand in: a clause's end or a preposition.
_ENDS_A_NOUN_PHRASE = re.compile(r"[^\w]*(?:[.,;:!?)\u2026\u2013\u2014\n]|\Z|\s*(?:of|in|at|on|for|from|to|with|as|over|across"
                                 r"|since|after|during|among|amid|by|between|until)\b)")
_WORD_BEFORE_VERB = re.compile(r"(?<!\S)(\S+)\s+\Z")
# 'X is reported to have said', 'X was understood to have told': a passive frame between a subject and its verb
_RAISED_FRAME = re.compile(r"(?i)\s+(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?"
                           r"(?:reported|understood|believed|thought|said|alleged|known|claimed|rumoured|quoted)"
                           r"\s+to\s+have\s+\Z")
_POSSESSIVE = re.compile(r"['\u2019]s?\s+")
_BULLET = re.compile(r"(?m)^[ \t]*[\u2022\u00b7\u25aa\u25cf*\u2013\u2014-][ \t]+")  # a list item's bullet
_INFINITIVE_TO = re.compile(r"\bto\s+\Z")  # 'X took to social media to say'
_PASSIVE_INFINITIVE = re.compile(r"(?i)\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+\s+)?to\s+\Z")
_WITH = re.compile(r"\bwith\s+")  # 'with X saying': an absolute clause
_THAT_AFTER_SAYING = re.compile(r"\b([A-Za-z]+)\s+that\s+\Z")  # 'reported that ' + a clause's subject
_NAMING_NOUN_BEFORE = re.compile(r"\b(?i:term|terms|word|words|phrase|title|label|name|expression)\s+\Z")
_NAMING_NOUN_AFTER = re.compile(r"\s+(?:title|label|tag|programme|program|podcast)\b")  # not 'a “firm” show of
# ', said X' inside a quotation left open to the end of its paragraph: where the speech ended.
_UNCLOSED_ATTRIBUTION = re.compile(r",\s+(?:(?:" + "|".join(sorted(_INVERTIBLE)) + r")\s+(?:[A-Z]|(?:a|an|the)\s)"
                                   r"|(?:he|she|they|it)\s+(?:said|says|added|adds)(?=[,.]))")  # or ', she said.'
# Lower-case words inside a personal name ('Jan van der Berg', 'Rhodri ap Iestyn'): grammar of names, not names.
# The own-sentence fallback: words that present what someone said, beyond the reporting verbs ('in the words of X',
# 'was how X put it', 'X hit out at ...:', 'X made clear that', 'calling it'), and the words before a name that make
# it a listener, an outlet or a place rather than the speaker ('told the X', 'speaking to X', 'writing in X').
_OWN_SENTENCE_CUES = _REPORTING_VERB_SET | _JUDGING_VERBS | frozenset("""call calls calling put puts quoted quoting
words thinks think feels feel clear hit hits hitting slams blasted blasts lashed according""".split())
_NOT_A_SPEAKER_BEFORE = _PREPOSITIONS | frozenset("""told tell tells telling via through""".split())
_TRAILING_DETERMINER = re.compile(r"(?i)\b(?:the|a|an)\s+\Z")
_NAMES_THE_SPEAKER = re.compile(r"(?i)\b(?:according\s+to|words\s+of|statement\s+(?:from|by)|quoted\s+by)"
                                r"\s+(?:the\s+)?\Z")
_QUALIFIES_NEXT_NAME = re.compile(r"(?:['\u2019]s?)?(?:\s+(?!(?:and|or|with)\b)[a-z][\w-]*){0,4}\s+")
# A quotation whose opening mark was left out: its closing mark, then an attribution ('..., she said').
_ANY_MARK_OR_CLOSER = re.compile("[\"'\u201c\u201d\u201e\u2018\u2019]")
_CLOSERS_WITHOUT_OPENER = frozenset("\"'\u201d\u2019")
_ATTRIBUTION_AFTER_UNOPENED = re.compile(
    r",?[^\S\n]+(?:(?:he|she|they|it|we|[A-Z][\w'\u2019.-]*(?:[^\S\n]+[A-Z][\w'\u2019.-]*){0,3}"
    r"|(?:the|a|an|[A-Z][a-z]*)[^\S\n]+[\w-]+(?:[^\S\n]+[\w-]+){0,3}?)[^\S\n]+(?:"
    + "|".join(sorted(_REPORTING_VERB_SET)) + r")\b|(?:" + "|".join(sorted(_INVERTIBLE)) + r")[^\S\n]+[A-Z\w])")
# 'in a video posted on X': a common noun after a preposition, then a participle that describes it.
_LOWER_NOUN_PHRASE = re.compile(r"(?:a|an|the|this|that|his|her|its|their)(?:\s+[a-z][\w-]*){1,3}")
_PLACE_PREPOSITIONS = frozenset("in on at during via through with into".split())
# ', she told the X.' / ', Dr Jo Bell said': a comma, then at most five words (no 'and', 'but' or 'or'), then the cue.
_CLOSING_ATTRIBUTION_SUBJECT = re.compile(r"[^,]*,(?:\s+(?!(?:and|but|or)\b)[\w'\u2019.-]+){1,5}\s+")
# Role nouns that are also occupations, which the next sentence may introduce ('the consultant said. Dr X, 45, ...').
_OCCUPATIONS = frozenset("consultant doctor professor campaigner".split())
# A quotation in a list of them ('“A”, “B” and “C”'), as the masked copy shows it.
_LISTED_QUOTATION = re.compile("[\"'\u201c\u2018]" + _MASK + "+[.,!?]*[\"'\u201d\u2019][.,!?]*\\s*(?:(?:,|and|or)\\s*)*")
# A phrase fronted before a clause's subject, up to six words ('In a message to patients, ').
_LONG_FRONTED_PHRASE = re.compile(r"[A-Z][a-z]+(?:\s+[\w'\u2019-]+){0,5},\s+(?=[A-Z])")
_RELATIVE_AFTER_COMMA = re.compile(r",\s+(?:which|who)\b")
_HANDLE = re.compile(r"@([A-Za-z][A-Za-z0-9_]{2,30})")
# After a headline's opening quotation: the colon, then one to four capitalised words heading a lower-case word.
_HEADLINE_SUBJECT = re.compile(r":[^\S\n]+((?:[A-Z][\w'’\-]*[^\S\n]+){0,3}[A-Z][\w'’\-]*)(?=[^\S\n]+[a-z])")
_HEADLINE_PARAGRAPHS = 8  # a headline stands among the first paragraphs (after a site's menu words and a date)
_HEADLINE_LENGTH = 160
# Marks shaped like single openers that are apostrophes: a year cut to two digits, the 'n' of 'rock 'n' roll'.
_YEAR_APOSTROPHE = re.compile("['\u2018]\\d\\d(?:s\\b|(?![\\w%]))")
_N_BETWEEN_MARKS = re.compile("\\s['\u2018]n['\u2019](?=\\s)")
_APOSTROPHE_SHAPES = re.compile("['\u2018](?:\\d\\d|n['\u2019])")
_NAME_PARTICLES = frozenset("van von der den de da di du del della le la ap bin ibn al el dos das ter ten zu".split())
# A person-shaped name heading a sentence, before its verb or an aside and with the particles of names
# ('Rhodri ap Iestyn, who ..., said').
_BARE_NAME_HEADING = re.compile(r"([A-Z][a-z]+(?:[-'\u2019][A-Z]?[a-z]+)?(?: (?:(?:" + "|".join(sorted(_NAME_PARTICLES))
                                + r") ){0,2}[A-Z][a-z]+(?:[-'\u2019][A-Z]?[a-z]+)?){1,2})(?=\s|,)")

# a closing single quotation mark typed as an opening one: after the speech's punctuation, before a space
_TURNED_SINGLE_CLOSER = re.compile("(?<=[.,!?\u2026])\u2018(?=\\s|\\Z)")
# ', the X said.' / ', said the X.' / ', according to the X.' closing a sentence of reported speech (_closing_reporter)
_REPORTER_BEFORE = re.compile(r",\s+(?:(?P<according>according\s+to\s+)|(?!the\s)(?P<verb>[a-z]+)\s+)?(?:the\s+)?\Z")
_VERB_AFTER_REPORTER = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:has\s+|had\s+)?([a-z]+)\b")

# verbs that report what people think or a survey found: the complement closing their clause ('members believe
# the offer is “an insult”.', 'the poll found pay was “far too low”.') is their words, as after a verb of saying
_OPINION_VERBS = frozenset("""believe believes believed think thinks thought feel feels felt consider considers
considered agree agrees agreed found find finds show shows showed shown""".split())


@dataclass
class _Quote:
    paragraph: int
    open: int  # offset of the opening mark
    start: int
    end: int
    close: int | None  # just past the closing mark; None when the paragraph ended first
    single: bool
    continues: _Quote | None = None  # the quotation left open at the end of the previous paragraph
    continued: bool = False  # the next paragraph goes on with this quotation


class _Verb(NamedTuple):
    start: int
    end: int
    word: str  # as written: 'said', 'According to'


@dataclass(frozen=True)
class _Attribution:
    start: int  # the words naming the speaker
    end: int
    cue: str
    description: tuple[int, int] | None = None  # an appositive ('co-chair of ...') that may name an organisation
    tight: bool = True  # the verb is in the quotation's own clause


@dataclass(frozen=True)
class _Entity:
    """Someone who spoke or headed a sentence: what a later pronoun can point back to."""
    position: int
    kind: str
    person_id: str | None
    organisation_id: str | None
    name: str | None = None
    referent: Referent | None = None
    gender: str | None = None  # a spokeswoman or spokesman: 'she'/'he' may stand for the body


@dataclass
class _Candidate:
    """One referent 'he' or 'she' may stand for, and what the text around it says of it."""
    entity: _Entity
    latest: int = -1  # where the text last named it (or it spoke) before the pronoun
    latest_end: int | None = None  # the end of that name, when it was a name
    speaker: bool = False
    last_speaker: bool = False
    subject: bool = False
    previous_subject: bool = False
    saying_subject: bool = False
    previous_saying: bool = False
    unshaped: bool = False


def _candidate_key(entity: _Entity):
    """One candidate per referent: a curated id, else the name, else the referent object."""
    if entity.person_id:
        return "person", entity.person_id
    if entity.organisation_id and entity.kind != "person":
        return "organisation", entity.organisation_id
    name = entity.name or (entity.referent.name if entity.referent is not None else None)
    if name:
        return "person" if entity.kind == "person" else "organisation", name
    return "referent", id(entity.referent)


def _referent_key(speaker: "_Speaker"):
    """Who a speaker is, however the text named them: the curated person, else the curated body, else the name."""
    return speaker.person_id or speaker.organisation_id or speaker.name


class _Speaker(NamedTuple):
    text: str
    person_id: str | None
    organisation_id: str | None
    status: str
    kind: str
    name: str | None
    method: str
    referent: Referent | None = None


def extract_quotes(text: str, source_id: str, lexicon: Lexicon) -> list[dict]:
    """Every direct quotation in text (one row per paragraph of it), sorted by start, with its speaker."""
    if not text or not _ANY_MARK.search(text):
        return []
    return _Article(text, source_id, lexicon).rows()


class _Article:
    def __init__(self, text: str, source_id: str, lexicon: Lexicon):
        self.text, self.source_id, self.lexicon = text, source_id, lexicon
        self.paragraphs = paragraphs(text)
        # each pattern scans the whole text once; its matches are handed to the paragraphs that hold them
        marks = [m.start() for m in _DOUBLE_MARK.finditer(text)]
        doubles = [q for i, p, at in _held(marks, self.paragraphs) for q in _double_quotes(text, p, i, at)]
        half_masked = _masked(text, doubles)
        openers = [m.start() for m in _SINGLE_OPEN.finditer(half_masked)]
        closers = [m.start() for m in _SINGLE_CLOSE.finditer(half_masked)] if openers else []
        singles = [q for i, p, at in _held(openers, self.paragraphs)
                   for q in _single_quotes(half_masked, p, i, at, _inside(closers, p))]
        if singles and doubles:
            doubles = _outside(doubles, singles)
        self.quotes = sorted(doubles + singles + _unopened(text, self.paragraphs, doubles + singles),
                             key=lambda q: q.start)
        self.masked = _masked(text, self.quotes)
        _mark_continuations(text, self.quotes, self.paragraphs)
        ends = [m.end() for m in _SENTENCE_END.finditer(self.masked)]
        self.sentences = [s for p in self.paragraphs for s in _sentences(self.masked, p, _ends_inside(ends, p))]
        self._sentence_starts = [s.start for s in self.sentences]
        self._paragraph_starts = [p.start for p in self.paragraphs]
        self.names = article_names(text, lexicon)
        self.entities: list[_Entity] = []
        self._subjects: dict[int, _Entity | None] = {}
        self._mention_starts: dict[int, list[int]] | None = None
        self._text_genders: dict[int, str] | None = None  # pronoun_gender.genders_from_text, when first needed
        self.recording = False  # set to True to keep each row's ranking decision (the training script does)
        self._last_decision: dict | None = None  # the last ranking decision, while recording
        # the training script's labels: (quotation's start, end, candidates' speakers) -> the right one's index or
        # None; the right one is then taken, so later decisions do not depend on the weights being fitted
        self.oracle = None
        self._filling: dict | None = None
        # the rows the rules leave speakerless go to the learned decision (attribution_model.py), unless the file
        # says it was not adopted; its training script sets this to False to read the rules' rows alone
        self.learned_attribution = True

    # ---- rows ----------------------------------------------------------------------------------------------

    def rows(self) -> list[dict]:
        rows: list[dict] = []
        previous: tuple[_Quote, dict] | None = None
        row_of: dict[int, dict] = {}
        for quote in self.quotes:
            if quote.continues is not None and id(quote.continues) in row_of:
                # the quotation this paragraph goes on with, even when a shorter one was quoted inside it
                previous = (quote.continues, row_of[id(quote.continues)])
            row = self._row(quote, previous)
            if row is None:
                continue
            if row["continues_previous"] and row["speaker_status"] != "none":
                # A quotation attributed only in a later paragraph: its earlier paragraphs get that speaker.
                for earlier in reversed(rows):
                    if earlier["speaker_status"] == "none":
                        _copy_speaker(row, earlier)
                    if not earlier["continues_previous"]:
                        break
            rows.append(row)
            previous = (quote, row)
            row_of[id(quote)] = row
        _speakers_of_fragments(rows)
        if self.learned_attribution and attribution_model.MODEL is not None and attribution_model.MODEL.threshold < 1:
            attribution_model.fill(self, rows)
        for row in rows:
            del row["_sentence_end"]
        return rows

    def _row(self, quote: _Quote, previous: tuple[_Quote, dict] | None) -> dict | None:
        words = self.text[quote.start:quote.end].split()
        attribution = self._attribute(quote)
        row = {"source_id": self.source_id, "text": self.text[quote.start:quote.end], "start": quote.start,
               "end": quote.end, "speaker_text": None, "speaker_name": None, "speaker_person_id": None,
               "speaker_organisation_id": None, "speaker_status": "none", "speaker_method": "unresolved",
               "cue": None,
               "continues_previous": False, "_sentence_end": self._sentence_of(quote.end - 1).end}
        continued = previous[1] if previous and quote.continues is not None and previous[0] is quote.continues \
            else None
        if continued is not None:
            row["continues_previous"] = True
            if continued["speaker_status"] == "none" and attribution is not None:
                self._fill(row, attribution)  # rows() gives the earlier paragraphs this speaker too
            else:
                _copy_speaker(continued, row)
            return row
        if self._named_not_spoken(quote, words):
            return None  # 'the term “X”', 'the “X” programme': words named, not words spoken
        if attribution is not None and not attribution.tight and len(words) == 1:
            own = self._own_sentence(quote)  # '“A” and “B”, X said': the word is in X's own clause too
            if own is not None and own.tight:
                attribution = own
        if attribution is not None and (attribution.tight or len(words) > 1 or self._reported_by_verb_before(
                quote, attribution) or self._headline_attribution(quote, attribution)):
            self._fill(row, attribution)
            return row
        if not self._speech_by_itself(quote, words):
            return None
        if previous and previous[1]["speaker_status"] != "none" and (
                self._follows_directly(quote, previous[1]) or self._resumes_after_an_aside(quote, previous)):
            _copy_speaker(previous[1], row)
        return row

    def _headline_attribution(self, quote: _Quote, attribution: _Attribution) -> bool:
        """"Nurses ‘betrayed’ by offer, says union": one word in marks in a headline that an attribution after it,
        in the same headline, closes."""
        return quote.close is not None and attribution.start >= quote.close and self._headline(quote.paragraph) \
            and attribution.end <= self.paragraphs[quote.paragraph].end

    def _reported_by_verb_before(self, quote: _Quote, attribution: _Attribution) -> bool:
        """'X said most requests were refused, putting the union in an “impossible” position': one word in marks
        inside what a verb of saying before it in the same sentence reports, its speaker named before that verb (a
        closing attribution, '..., X said.', or 'according to X' in mid-sentence, still leaves a term in marks alone)."""
        return attribution.end <= quote.open and attribution.cue.lower() in _REPORTING_VERB_SET \
            and self._sentence_of(attribution.start) == self._sentence_of(quote.open)

    def _resumes_after_an_aside(self, quote: _Quote, previous: tuple[_Quote, dict]) -> bool:
        """A paragraph that is one whole quotation, one paragraph of narration after the last quotation, and
        that narration names nobody else ('The guild has 40,000 members.'): the last speaker goes on."""
        earlier, row = previous
        story = self._story_paragraphs_between(earlier.paragraph, quote.paragraph)
        if row["speaker_name"] is None or story is None or len(story) > 1 or quote.close is None \
                or not self._opens_paragraph(quote) \
                or self.masked[quote.close:self.paragraphs[quote.paragraph].end].strip(" .,;!?\u2026\t\n"):
            return False
        tail = Span(row["_sentence_end"], self.paragraphs[earlier.paragraph].end)
        # the narration closes the quotation's own paragraph ('“...,” she said. The strike starts on Monday.'),
        # or is the one paragraph of story between (captions and headings set between are passed over)
        aside = self.paragraphs[story[0]] if story else tail
        if aside.end - aside.start > 2 * _REACH or _MASK in self.masked[aside.start:aside.end] \
                or (story and self.masked[tail.start:tail.end].strip()):
            return False
        own = self._speakers_bodies(earlier)
        others = [m for m in self.names.within(aside.start, aside.end) if m.referent.name != row["speaker_name"]
                  and id(m.referent) not in own]
        curated = [m for m in self.lexicon.find(self.masked, aside.start, aside.end)
                   if m.alias.entity_id not in (row["speaker_person_id"], row["speaker_organisation_id"])
                   and m.alias.entity_id not in own]
        return not others and not curated

    def _speech_by_itself(self, quote: _Quote, words: list[str]) -> bool:
        content = self.text[quote.start:quote.end]
        if quote.close is None:
            return quote.continued or len(words) >= (_MIN_WORDS_UNATTRIBUTED if quote.single else 2)
        if len(words) >= _MIN_WORDS_UNATTRIBUTED or (_SENTENCE_FINAL.search(content) and len(words) > 1):
            return True
        if len(words) >= 3 and words[0][:1].isupper() and not all(w[:1].isupper() for w in words) \
                and any(w.lower() in _FINITE_AUXILIARIES for w in words[1:]):
            return True  # '“Major delays are expected” at ...': a clause with its own verb, opening with a capital
        sentence = self._near(quote)
        if self._reported_words(quote, sentence) or self._headline_words(quote, words):
            return True
        # A short quotation that is a whole sentence or headline of its own ('“No deal”: unions walk out').
        alone_before = not self.masked[sentence.start:quote.open].strip()
        after = self.masked[quote.close:sentence.end].strip()
        return len(words) > 1 and alone_before and (not after.strip(".!?\u2026") or after.startswith(":"))

    def _headline_words(self, quote: _Quote, words: list[str]) -> bool:
        """A headline quotes someone's words in marks ('Services face ‘significant disruption’', '‘Major
        disruption’ expected as ...'): two or more words, not in title case (a title or a name), in a headline -- a
        short paragraph among the first few that ends without a full stop."""
        if len(words) < 2 or all(w[:1].isupper() for w in words):
            return False
        return self._headline(quote.paragraph)

    def _headline(self, index: int) -> bool:
        """Whether paragraph index is a headline: a short paragraph among the first few that ends without a full
        stop."""
        if index >= _HEADLINE_PARAGRAPHS:
            return False
        paragraph = self.paragraphs[index]
        line = self.text[paragraph.start:paragraph.end].rstrip()
        return len(line) <= _HEADLINE_LENGTH and "\n" not in line \
            and not _SENTENCE_FINAL.search(line) and not line.endswith((":", ","))

    def _reported_words(self, quote: _Quote, sentence: Span) -> bool:
        """A short closed quotation that a verb of saying presents as someone's words, whoever they are: right
        after the verb ('were urged to “stay away”', 'advised to ‘wait’', 'described as “grim”') or a noun of
        saying ('the announcement of a “full walkout”', 'calls for “fair pay”'), or as the
        complement after 'as' or a copula that closes its clause in a sentence whose earlier verb reports speech
        ('criticising the offer as “unfair”.', 'claiming that the plan was “flawed”,')."""
        before = self.masked[sentence.start:quote.open]
        just_before = _SAYING_JUST_BEFORE.search(before)
        if (just_before and _saying(just_before.group("verb"))) or _SAYING_NOUN_BEFORE.search(before):
            return True
        # A title in marks ('told “The Daily Round”', 'said on “Morning Call”') names a work, not words.
        titled = all(w[:1].isupper() for w in self.text[quote.start:quote.end].split())
        object_of = _WORD_JUST_BEFORE.search(before)
        if object_of and not titled and _saying(object_of.group(1)) \
                and object_of.group(1).lower() not in _NOT_SAYING_THEIR_OBJECT and _a_verb(before, object_of.start(1)):
            return True  # the object of a verb of reporting: 'citing “severe strain”', 'reported “high demand”'
        cited = _CITED_OBJECT_BEFORE.search(before)
        if cited and not titled and cited.group(1).lower() in _CITING_VERBS and _a_verb(before, cited.start(1)) \
                and _ENDS_A_NOUN_PHRASE.match(self.masked, quote.close, sentence.end):
            # within the object of a verb of citing: 'citing a “perfect storm” of ...', 'reported waits of “...”.'
            # (not 'reported the “deal” was off', where the verb takes a clause)
            return True
        after = self.masked[quote.close:sentence.end].lstrip(" \t")
        if after and after[0] not in _CLAUSE_END:
            return False
        if not _COMPLEMENT_BEFORE.search(before):
            # closing a clause whose verb reports words: 'with one citing waits of “over six hours”.'
            clause = before[max(before.rfind(c) for c in _CLAUSE_END) + 1:]
            return not titled and any(_saying(w.group()) and w.group().lower() not in _NOT_SAYING_THEIR_OBJECT
                                      and _a_verb(clause, w.start()) for w in _WORD.finditer(clause))
        return any(_saying(w.group()) or w.group().lower() in _OPINION_VERBS for w in _WORD.finditer(before))

    def _named_not_spoken(self, quote: _Quote, words: list[str]) -> bool:
        """A short quoted term that the text names rather than quotes: after 'the term', 'the word', 'the title'
        ('the term “resident”'), or before a noun that names what it is ('the “Today” programme', 'the
        “junior” title')."""
        if quote.close is None or len(words) >= _MIN_WORDS_UNATTRIBUTED:
            return False
        start = max(self.paragraphs[quote.paragraph].start, quote.open - 20)
        return bool(_NAMING_NOUN_BEFORE.search(self.masked, start, quote.open)
                    or _NAMING_NOUN_AFTER.match(self.masked, quote.close))

    def _follows_directly(self, quote: _Quote, previous_row: dict) -> bool:
        """True when nothing but white space lies between the previous quotation's sentence and this one."""
        return not _BULLET.sub("", self.masked[previous_row["_sentence_end"]:quote.open]).strip()

    def _opens_paragraph(self, quote: _Quote) -> bool:
        """Nothing but white space, or a list's bullet ('• ', '- '), before the quotation in its paragraph."""
        return not _BULLET.sub("", self.masked[self.paragraphs[quote.paragraph].start:quote.open]).strip()

    def _fill(self, row: dict, attribution: _Attribution) -> None:
        self._last_decision = None
        self._filling = row
        speaker = self._resolve(attribution)
        if speaker.name is None and "@" in speaker.text:
            speaker = self._handle_owner(speaker) or speaker
        if self._last_decision is not None:
            row["_decision"] = self._last_decision  # what the training script labels with the gold speaker
        row.update(speaker_text=speaker.text, speaker_person_id=speaker.person_id,
                   speaker_organisation_id=speaker.organisation_id, speaker_status=speaker.status,
                   speaker_name=speaker.name or None, speaker_method=speaker.method, cue=attribution.cue or None)
        lower = speaker.text.lower()
        gender = "f" if "spokeswoman" in lower else "m" if "spokesman" in lower else None
        kind = "spokesperson" if gender and speaker.kind == "organisation" else speaker.kind  # 'A spokeswoman added'
        self.entities.append(_Entity(attribution.start, kind, speaker.person_id, speaker.organisation_id,
                                     speaker.name or None, speaker.referent, gender))

    def _handle_owner(self, speaker: _Speaker) -> _Speaker | None:
        """'Shadow Health Secretary @janeroe says': the one person the article names whose name, run together
        without spaces, is the handle ('Jane Roe' for '@janeroe', '@JaneRoeMP' too)."""
        handle = _HANDLE.search(speaker.text)
        if handle is None:
            return None
        letters = handle.group(1).lower()
        owners = _distinct([m.referent for m in self.names.mentions if m.referent.kind == "person" and m.referent.name
                            and len(m.referent.name.split()) > 1
                            and letters.startswith("".join(w for w in m.referent.name.lower().split() if w.isalpha()))])
        if len(owners) != 1:
            return None
        owner = owners[0]
        return _Speaker(speaker.text, owner.person_id, owner.organisation_id,
                        "resolved" if owner.person_id else "unresolved", "person", owner.name, "alias", owner)

    # ---- attribution ---------------------------------------------------------------------------------------

    def _near(self, quote: _Quote) -> Span:
        """The quotation's sentence, cut to _REACH characters either side of it: attributions stand next to
        their quotation, and a bounded window keeps the work per quotation constant (a paragraph of thousands
        of unbalanced marks reads as one sentence)."""
        sentence = self._sentence_of(quote.open)
        return Span(max(sentence.start, quote.open - _REACH), min(sentence.end, (quote.close or quote.end) + _REACH))

    def _attribute(self, quote: _Quote) -> _Attribution | None:
        sentence = self._near(quote)
        if quote.close is not None and quote.close < sentence.end:
            found = self._attribution_after(quote.close, sentence.end)
            if found:
                return found
        elif quote.close is not None and self.text[quote.end - 1] in "?!":
            # '“Will you talk?” Dr X asked.' reads as two sentences to the splitter.
            following = self._sentence_after(sentence)
            if following and following.start < self.paragraphs[quote.paragraph].end:
                found = self._attribution_after(quote.close, following.end)
                if found:
                    return found
        colon = self._colon_before(sentence.start, quote.open)
        if colon is not None:
            found = self._verb_before(sentence.start, colon, rightmost=True) or \
                self._name_before_colon(sentence.start, colon)
            if found:
                return found
        found = self._verb_before(sentence.start, quote.open, rightmost=False)
        if found:
            return found
        if quote.close is not None and quote.close < sentence.end:
            found = self._attribution_closing_sentence(quote.close, sentence.end)
            if found:
                return found
        if quote.close is not None:
            by = _BY_AGENT.match(self.masked, quote.close, sentence.end)  # 'the announcement of a “...” by the X'
            found = self._speaker_after(_Verb(by.start(), by.end(), "by"), sentence.end) if by else None
            if found:
                return _Attribution(found.start, found.end, "by", found.description, tight=False)
        return self._headline_subject(quote) or self._introduced_by_previous_paragraph(quote) or \
            self._scene_before(quote) or self._person_heading_paragraph_before(quote) or self._own_sentence(quote)

    def _headline_subject(self, quote: _Quote) -> _Attribution | None:
        """'‘There is no bottomless purse’: Roe addresses pay row': a headline that opens with a quotation, then a
        colon and the capitalised subject of a verb, credits the words to that subject when it is a person or body
        the article names (a mention) or a capitalised role ('Health Minister'). 'Strikes: patients face delays' and
        '‘Grim’: Patients wait' name no one."""
        if quote.close is None or not self._headline(quote.paragraph) \
                or self.masked[self.paragraphs[quote.paragraph].start:quote.open].strip():
            return None
        m = _HEADLINE_SUBJECT.match(self.masked, quote.close)
        if m is None:
            return None
        start, end = m.span(1)
        named = any(n.start == start and n.end == end for n in self.names.within(start, end))
        if named or m.group(1).split()[-1].lower() in _ROLE_NOUNS_FOR_DESCRIPTIONS:
            return _Attribution(start, end, ":", tight=False)
        return None

    def _own_sentence(self, quote: _Quote) -> _Attribution | None:
        """The last resort, inside the quotation's own sentence (the words before its opening mark and after its
        closing one up to the sentence end): when the sentence has a cue that presents words (a verb of saying in
        any form or order, 'in the words of', 'was how X put it', 'hit out', 'made clear', or a colon right before
        the quotation), the one person or body the sentence names outside quotation marks, past the listeners,
        places and outlets that a preposition or 'told' introduces ('told the X', 'speaking to X', 'writing in
        X'), is the speaker. Two different ones and no 'according to' or 'the words of' to choose: no speaker
        (never a guess). A colon introduction headed by 'He', 'She', 'It' or 'They' and naming nobody gives that
        pronoun."""
        if quote.continues is not None:
            return None
        sentence = self._near(quote)
        colon = self._colon_before(sentence.start, quote.open) is not None
        # A short term in marks is words someone said only when the cue comes first or in an attribution closing
        # the sentence (', she told the X.'): in 'X is asking for “pay restoration” and argues that ...' the verb
        # heads a clause of its own and the term names a demand.
        short = len(self.text[quote.start:quote.end].split()) < _MIN_WORDS_UNATTRIBUTED
        after = quote.close if quote.close is not None else quote.end
        if short and self._modifies_a_noun(quote, sentence):
            return None  # 'a “disappointed” X', 'the “final” offer', '“resident” doctors': a term in a noun phrase
        cue = None
        for word in _WORD.finditer(self.masked, sentence.start, sentence.end):
            if word.start() >= quote.open and word.start() < after:
                continue
            if word.group().lower() not in _OWN_SENTENCE_CUES \
                    or _passive_before(self.masked, sentence.start, word.start()):  # 'X was told that'
                continue
            if short and word.start() > quote.open and not _CLOSING_ATTRIBUTION_SUBJECT.fullmatch(
                    self.masked, after, word.start()):
                continue
            if short and word.start() < quote.open and word.group().lower() in _NOT_SAYING_THEIR_OBJECT \
                    and not self.masked[word.end():quote.open].strip():
                continue  # 'now called ‘resident’ doctors' names a thing; 'calling it “...”' quotes words
            cue = word
            break
        if colon:
            cue_word, tight = ":", True
        elif cue is None:
            return None
        else:
            # in the quotation's clause: nothing but words between the cue and the quotation, or the cue in an
            # attribution that closes the sentence
            between = self.masked[cue.end():quote.open] if cue.start() < quote.open else ""
            between = _LISTED_QUOTATION.sub(" ", between)  # 'called it “A”, “B” and “C”': one list, one clause
            cue_word, tight = cue.group(), not re.search(r"[,;:()\u2013\u2014]", between)
        mentions = [m for m in self.names.within(sentence.start, sentence.end)
                    if _MASK not in self.masked[m.start:m.end]]
        strong, ordinary = [], []
        for i, mention in enumerate(mentions):
            before = self.masked[max(sentence.start, mention.start - 40):mention.start]
            if _NAMES_THE_SPEAKER.search(before):
                strong.append(mention)
                continue
            word = _WORD_JUST_BEFORE.search(_TRAILING_DETERMINER.sub("", before))
            if word and word.group(1).lower() in _NOT_A_SPEAKER_BEFORE:
                continue  # 'told the X', 'speaking to X', 'in Y', 'chair of the X': a listener, an outlet, a place
            following = mentions[i + 1] if i + 1 < len(mentions) else None
            if following is not None and mention.referent.kind == "organisation" \
                    and following.referent.kind == "person" \
                    and _QUALIFIES_NEXT_NAME.fullmatch(self.masked, mention.end, following.start):
                continue  # "the X's Dr Y", 'X chair Y': the body qualifies the person who speaks
            ordinary.append(mention)
        for chosen in (strong, ordinary):
            distinct = {_mention_key(m) for m in chosen}
            if len(distinct) == 1:
                return _Attribution(chosen[0].start, chosen[0].end, cue_word, tight=tight)
            if len(distinct) > 1:
                return self._one_before_colon(chosen, quote.open, cue_word) if colon else None
        if colon:
            pronoun = _PRONOUN_OPENING.match(self.masked, sentence.start, quote.open)
            if pronoun:
                return _Attribution(pronoun.start(1), pronoun.end(1), cue_word, tight=False)
        return None

    def _modifies_a_noun(self, quote: _Quote, sentence: Span) -> bool:
        """A short term in marks right after an article ('a “disappointed” X') or right before a lower-case word
        that is no function word ('the “final” offer', '‘resident’ doctors'): part of a noun phrase."""
        before = _WORD_JUST_BEFORE.search(self.masked, max(sentence.start, quote.open - 20), quote.open)
        if before is not None and before.group(1).lower() in ("a", "an", "the"):
            return True
        if quote.close is None:
            return False
        following = _WORD.match(self.masked, quote.close + 1 if self.masked[quote.close:quote.close + 1] == " "
                                else quote.close)
        return following is not None and following.group()[:1].islower() \
            and following.group().lower() not in _STOP_WORDS and following.group().lower() not in _DETERMINERS \
            and following.group().lower() not in ("and", "or", "but", "for", "of")

    def _scene_before(self, quote: _Quote) -> _Attribution | None:
        """'Dr Jo Bell joined colleagues on the picket line in Easton. “We would call this off tomorrow.”': a
        quotation that closes its paragraph with no attribution, after one sentence of narration that a person
        heads and that names nobody else, is that person's."""
        paragraph = self.paragraphs[quote.paragraph]
        if quote.close is None or quote.continues is not None or quote.continued or \
                self.masked[quote.close:paragraph.end].strip(" .,;!?\u2026\t\n") or \
                not _SENTENCE_FINAL.search(self.text, quote.start, quote.close):
            return None
        narration = self.masked[paragraph.start:quote.open].rstrip()
        if not narration.endswith((".", "!")) or _MASK in narration or \
                _SENTENCE_END.search(narration):  # (the last full stop has no sentence after it to match)
            return None  # no narration, more than one sentence of it, or words quoted in it
        scene = Span(paragraph.start, paragraph.start + len(narration))
        named = self.names.within(scene.start, scene.end)
        people = _distinct([m.referent for m in named if m.referent.kind == "person"])
        if len(people) != 1 or any(m.referent.kind != "person" and m.start == scene.start for m in named):
            return None
        subject = self._subject_mention(scene)
        if subject is not None and subject[2].alias.entity_kind == "person":
            return _Attribution(subject[2].start, subject[2].end, "", tight=False)
        entity = self._uncurated_subject(scene) if subject is None else None
        if entity is not None and entity.kind == "person":
            mention = next(m for m in named if m.referent.kind == "person")
            return _Attribution(mention.start, mention.end, "", tight=False)
        return None

    def _attribution_after(self, close: int, limit: int) -> _Attribution | None:
        """'”, it added.' / '!” a spokesperson said' / '”, said Dr X' / '” he said' / '”, according to X'"""
        gap = _GAP_AFTER_QUOTE.match(self.masked, close, limit)
        # Speech ends with a comma, '!' or '?' (or a comma follows the mark) when its attribution follows;
        # without one, only a pronoun and verb may follow ('” he said'): other words go on with the sentence
        # ('the "pay restoration" campaign continues').
        bare = "," not in gap.group() and self.masked[close - 2:close - 1] not in _ENDS_ATTRIBUTED_SPEECH
        position = gap.end()
        verbs = _verbs(self.masked, position, min(limit, position + 100))
        if not verbs:
            return self._signed(gap.group(), position, limit)
        verb = verbs[0]
        if verb.start == position:  # inverted: '”, said Dr X' (headlines drop the comma: "'...' say nurses")
            return self._speaker_after(verb, limit) if _is_invertible(verb.word) else None
        subject_end = verb.start
        if _is_participle(verb.word):
            quoted = _QUOTED_AS_SAYING.search(self.masked, position, verb.start)
            if quoted is None:
                return None
            subject_end = quoted.start()  # '”, Jo Bell was quoted as saying': as '”, Jo Bell said'
        phrase = self._noun_phrase_before(position, subject_end)
        if phrase is None:
            return None
        opening = min(phrase[0], phrase[2][0]) if phrase[2] else phrase[0]  # '”, the chair of X, Jo Bell, said'
        if self.masked[position:opening].strip():
            return None
        if bare and self.masked[phrase[0]:phrase[1]].lower() not in _PRONOUNS:
            return None
        return _Attribution(phrase[0], phrase[1], verb.word, phrase[2])

    def _signed(self, gap: str, position: int, limit: int) -> _Attribution | None:
        """'“...” – Jo Bell, chair of the X' / '‘...’ – Health Secretary': a dash after the quotation and a
        name or a title, with nothing else (a signature, or a headline's attribution)."""
        if not any(dash in gap for dash in (*_DASHES, "-")):
            return None
        tokens = self._tokens(position, limit)
        end = next((i for i, t in enumerate(tokens) if t[2] in ",.;:"), len(tokens))
        tail = tokens[end + 1:] if end < len(tokens) and tokens[end][2] == "," else tokens[end:]
        name = tokens[:end]
        if not name or len(name) > 6 or not _name_like(name) or any(t[2] not in ".!" and not (
                t[2][:1].isupper() or t[2].lower() in ("of", "the", "and", "for")) for t in tail):
            return None  # the dash goes on with the sentence, or more than a name follows
        description = (tail[0][0], tail[-1][1]) if tail and tail[-1][2] not in ".!" else None
        return _Attribution(name[0][0], name[-1][1], "\u2013", description)

    def _attribution_closing_sentence(self, close: int, limit: int) -> _Attribution | None:
        """'“...” since 2008, the union said.' / ', said Dr X.' / 'according to X' after the quotation."""
        end = limit
        while end > close and self.masked[end - 1] in " .!?\u2026\"'\u201d\u2019\u00bb)\n\t":
            end -= 1
        verbs = _verbs(self.masked, close, end)
        if not verbs:
            return None
        verb = verbs[-1]
        if verb.word.lower().startswith("according"):
            return self._speaker_after(verb, limit)
        if verb.end == end:  # ', the union said.'
            phrase = self._noun_phrase_before(close, verb.start)
            if phrase and self.masked[close:phrase[0]].rstrip().endswith(","):
                return _Attribution(phrase[0], phrase[1], verb.word, phrase[2], tight=False)
        elif _is_invertible(verb.word) and self.masked[close:verb.start].rstrip().endswith(","):
            found = self._speaker_after(verb, limit)
            if found and not self.masked[found.end:end].strip(" ,"):
                return _Attribution(found.start, found.end, found.cue, found.description, tight=False)
        return None

    def _verb_before(self, start: int, end: int, rightmost: bool) -> _Attribution | None:
        verbs = _verbs(self.masked, start, end)
        if rightmost:
            verbs.reverse()
        elif verbs and _is_participle(verbs[-1].word):
            verbs.insert(0, verbs[-1])  # 'X said ..., adding that it was “fair”': the cue is 'adding'
        elif len(verbs) > 1:
            reported = self._reported_clause_verb(start, verbs)
            if reported is not None:
                verbs.insert(0, reported)
        for verb in verbs:
            if _passive_before(self.masked, start, verb.start):
                continue  # 'the KDA was told that ...': the subject is the listener
            found = self._speaker_of_verb(verb, start, end)
            if found and len(verbs) > 1 and self._reduced_relative(start, found):
                continue  # 'X said in a video posted on X:': the verb describes the video, X speaks
            if found:
                # A verb is in the quotation's clause when no comma, semicolon or bracket separates them, or when
                # it opens the sentence as 'According to X,', which governs the whole of it.
                nearest = max(verbs, key=lambda v: v.start)
                tight = not re.search(r"[,;:()]", self.masked[nearest.end:end].rstrip().rstrip(":")) or (
                    verb is verbs[0] and len(verbs) == 1 and verb.word[:1] == "A" and not self.masked[start:verb.start].strip())
                return _Attribution(found.start, found.end, found.cue, found.description, tight)
        return None

    def _reduced_relative(self, start: int, found: _Attribution) -> bool:
        """A common noun after a preposition ('in a video posted on X', 'on a page written by'): the verb after it
        is a participle describing that noun, not a verb with a speaker, when another verb of saying is there."""
        phrase = self.masked[found.start:found.end]
        if not _LOWER_NOUN_PHRASE.fullmatch(phrase):
            return False
        before = _WORD_JUST_BEFORE.search(self.masked, max(start, found.start - 20), found.start)
        return before is not None and before.group(1).lower() in _PLACE_PREPOSITIONS

    def _heading_name(self, start: int, verb: int, phrase: int) -> tuple[int, int, tuple[int, int]] | None:
        """'Jo Bell, operations chief for the health service in the north of Vexshire said:', 'Jo Bell, Director of
        Care, Partnerships and Resilience at X, said:', 'X Trust, which also runs Y Hospital added:': a name heads
        the clause (after a fronted phrase such as 'In a message to patients,'), a comma follows it, and all that
        stands between it and the verb is its appositive or relative clause, which may hold commas of its own or
        lack its closing one. The noun phrase found just before the verb lies inside that appositive; the name
        heading the clause speaks. Not when another person is named there, words are quoted, or another verb of
        saying comes between."""
        named = self.names.within(start, verb)
        if not named or named[0].start != start:  # no name opens the clause: past a fronted phrase, if one
            fronted = _LONG_FRONTED_PHRASE.match(self.masked, start, verb)
            opening = fronted.end() if fronted else start
            named = self.names.within(opening, verb)
        else:
            opening = start
        if not named or named[0].start != opening or named[0].end >= phrase \
                or self.masked[named[0].end:named[0].end + 1] != ",":
            return None
        head = named[0]
        between = self.masked[head.end:verb]
        if _MASK in between or _verbs(self.masked, head.end, verb) or any(
                m.referent.kind == "person" and m.referent is not head.referent
                and (m.curated or m.referent.shaped or m.referent.gender) for m in named[1:]):
            return None  # (a capitalised job title after 'of' may read as a name no title or role shapes)
        if head.referent.kind != "person" and not _RELATIVE_AFTER_COMMA.match(between):
            return None  # a body's appositive is a relative clause ('X Trust, which runs ...'), not a list
        return head.start, head.end, (head.end + 1, verb)

    def _infinitive(self, start: int, verb: _Verb) -> bool:
        """'Dr X took to social media to say ...', 'X appeared on the radio to warn ...': a verb of saying after
        'to' whose clause has no verb of saying before it and is not passive ('Ministers were urged to say' asks
        them to speak; they have not)."""
        if not _INFINITIVE_TO.search(self.masked, max(start, verb.start - 6), verb.start):
            return False
        return not _verbs(self.masked, start, verb.start) and \
            not _PASSIVE_INFINITIVE.search(self.masked, max(start, verb.start - 40), verb.start)

    def _leading_name(self, start: int, end: int) -> tuple[int, int] | None:
        """A name opening the clause, after 'The' or a role at most ('Dr Jo Bell took to ...')."""
        lead = _LEADING_DETERMINER.match(self.masked, start, end)
        for mention in self.names.within(start, end)[:1]:
            if self.masked[mention.end:mention.end + 1] in ("'", "\u2019") or self.masked[mention.start] == _MASK:
                return None
            if mention.start in (start, lead.end()):
                return start, mention.end  # with its 'The'
            if (mention.referent.kind == "person"
                                                         and self._role_prefixed(lead.end(), mention.start, mention.end)):
                return mention.start, mention.end
        return None

    def _absolute_subject(self, start: int, participle: int):
        """'Ministers said X, with Health Secretary Jo Bell repeatedly saying ...': after 'with', the participle has
        a subject of its own (an absolute clause), and that subject speaks, not the sentence's."""
        with_ = None
        for with_ in _WITH.finditer(self.masked, start, participle):
            pass
        if with_ is None:
            return None
        between = self.masked[with_.end():participle]
        if between.count(",") not in (0, 2) or sum(between.count(d) for d in _DASHES) not in (0, 2):
            return None  # 'X met staff with her deputy, warning ...': one comma, the participle is X's
        phrase = self._noun_phrase_before(with_.end(), participle)
        if phrase is None or phrase[0] != with_.end() or self.text[phrase[0]:phrase[1]].lower() in _PRONOUNS | _RELATIVE:
            return None
        return phrase

    def _reported_clause_verb(self, start: int, verbs: list[_Verb]) -> _Verb | None:
        """'The Post reported that Dr X had told colleagues the offer was “...”': the last verb of saying whose
        subject opens a clause that an earlier verb of saying introduces with 'that'. The quoted words are that
        subject's; the earlier verb only reports them."""
        if "that" not in self.masked[start:verbs[-1].start]:
            return None
        for verb in reversed(verbs[1:]):
            if _is_participle(verb.word) or verb.word.lower().startswith("according"):
                continue
            phrase = self._noun_phrase_before(start, verb.start)
            if phrase is None:
                continue
            introduced = _THAT_AFTER_SAYING.search(self.masked, start, phrase[0])
            if introduced and _saying(introduced.group(1)):
                return verb
        return None

    def _speaker_of_verb(self, verb: _Verb, start: int, end: int) -> _Attribution | None:
        word = verb.word
        if word.lower().startswith("according"):
            return self._speaker_after(verb, end)
        if _is_participle(word) and _SUBORDINATOR_BEFORE.search(self.masked, max(start, verb.start - 12), verb.start):
            # 'Whilst criticising X's plan, she was full of praise for “...”': a fronted adverbial clause hangs on
            # the main clause after it, whose subject speaks (never a word before 'whilst')
            return self._main_clause_subject(verb.end, end, word)
        if _is_participle(word) or self._infinitive(start, verb):
            # 'The KDA hit back, saying ...': the speaker is the subject of the clause the participle hangs on;
            # likewise 'Dr X took to social media to say ...' for an infinitive.
            if not self.masked[start:verb.start].strip(" ,"):
                return None
            own = self._absolute_subject(start, verb.start)
            if own is not None:
                return _Attribution(own[0], own[1], word, own[2])
            earlier = self._verb_before(start, verb.start, rightmost=True)
            if earlier:
                return _Attribution(earlier.start, earlier.end, word, earlier.description)
            subject = self._subject_mention(self._sentence_of(verb.start)) or \
                self._clause_subject(start, verb.start) or self._leading_name(start, verb.start) or \
                self._sentence_subject(start, verb.start) or self._pronoun_subject(start, verb.start)
            if subject:
                return _Attribution(subject[0], subject[1], word)
            return None
        phrase = self._noun_phrase_before(start, verb.start)
        if phrase and self.text[phrase[0]:phrase[1]].lower() not in _RELATIVE:
            heading = self._heading_name(start, verb.start, phrase[0])
            if heading is not None:
                return _Attribution(heading[0], heading[1], word, heading[2])
            return _Attribution(phrase[0], phrase[1], word, phrase[2])
        before = self.masked[start:verb.start].rstrip()
        if _is_invertible(word) and (not before or before.endswith(",")):
            return self._speaker_after(verb, end)
        return None

    def _main_clause_subject(self, after: int, end: int, word: str) -> _Attribution | None:
        """The subject opening the clause after the comma that closes a fronted adverbial clause: a pronoun, or a
        name after 'the' or a role at most."""
        comma = self.masked.find(",", after, end)
        if comma < 0:
            return None
        clause = comma + 1 + len(self.masked[comma + 1:end]) - len(self.masked[comma + 1:end].lstrip())
        pronoun = _LOWER_PRONOUN_SUBJECT.match(self.masked, clause, end)
        if pronoun is not None:
            return _Attribution(pronoun.start(1), pronoun.end(1), word)
        named = self._leading_name(clause, end)
        return _Attribution(named[0], named[1], word) if named else None

    def _colon_before(self, start: int, end: int) -> int | None:
        before = self.masked[start:end].rstrip()
        return start + len(before) - 1 if before.endswith(":") else None

    def _name_before_colon(self, start: int, colon: int) -> _Attribution | None:
        """'Mr X: “...”' - a name (capitalised words, or a curated alias) is all that stands before the colon."""
        phrase = self._noun_phrase_before(start, colon)
        if phrase is not None and self.masked[start:phrase[0]].strip():
            # 'Dr Jo Bell, chair of the X: “...”': a person's name, then the phrase describing them
            lead = self._tokens(start, phrase[0])
            if 3 <= len(lead) <= 7 and lead[-1][2] == "," and _name_like(lead[:-1]) \
                    and _guess_kind(self.text[lead[0][0]:lead[-2][1]]) == "person":
                return _Attribution(lead[0][0], lead[-2][1], ":", (phrase[0], phrase[1]))
        if phrase is None or self.masked[start:phrase[0]].strip():
            return None
        tokens = self._tokens(phrase[0], phrase[1])
        named = _name_like(tokens) or self.lexicon.find(self.masked, phrase[0], phrase[1])
        if phrase[2] is None and len(tokens) <= 8 and named:
            return _Attribution(phrase[0], phrase[1], ":")
        if phrase[2] is not None and len(tokens) <= 6 and _name_like(tokens) \
                and _guess_kind(self.text[phrase[0]:phrase[1]]) == "person":
            return _Attribution(phrase[0], phrase[1], ":", phrase[2])  # 'Dr Jo Bell, chair of the X: “...”'
        last = tokens[-1][2].lower()
        if phrase[2] is None and 2 <= len(tokens) <= 4 and tokens[0][2][:1].isupper() \
                and all(t[2][:1].islower() for t in tokens[1:]) \
                and (last in _ROLE_NOUNS_FOR_DESCRIPTIONS or _personal_description(last)) \
                and bisect.bisect_right(self._paragraph_starts, phrase[0]) <= 2:
            return _Attribution(phrase[0], phrase[1], ":")  # a headline's 'Junior doctor: “...”'
        return None  # 'Strike latest: “...”' is a headline, not a speaker

    def _introduced_by_previous_paragraph(self, quote: _Quote) -> _Attribution | None:
        """A paragraph opening with a quotation, after a paragraph ending 'X said:'."""
        paragraph = self.paragraphs[quote.paragraph]
        if quote.paragraph == 0 or not self._opens_paragraph(quote):
            return None
        previous = self.paragraphs[quote.paragraph - 1]
        sentence = self._sentence_of(previous.end - 1)
        colon = self._colon_before(sentence.start, previous.end)
        if colon is None:
            return self._reported_just_before(quote, sentence)
        return self._verb_before(sentence.start, colon, rightmost=True) or \
            self._name_before_colon(sentence.start, colon) or self._heading_the_colon_clause(sentence.start, colon)

    def _heading_the_colon_clause(self, start: int, colon: int) -> _Attribution | None:
        """'As the row grew, Tom Hale came out against the strike:' ending a paragraph, then a paragraph of
        quotation: the person or body heading the clause that ends at the colon (after the sentence's last comma,
        semicolon, bracket or dash), when it is the only one that clause names outside quotation marks, past those
        a preposition or 'told' introduces ('came out against the X:', 'told the Y:')."""
        cut = max(self.masked.rfind(c, start, colon) for c in ",;()\u2013\u2014")
        clause = max(start, cut + 1)
        named = [m for m in self.names.within(clause, colon) if _MASK not in self.masked[m.start:m.end]]
        named = [m for m in named if not self._after_a_preposition(clause, m.start)]
        lead = clause + len(self.masked[clause:colon]) - len(self.masked[clause:colon].lstrip())
        if not named:
            # a person-shaped name that no cue made a mention ('Tom Hale came out against it:')
            bare = _BARE_NAME_HEADING.match(self.masked, lead, colon)
            if bare is None or not _is_person_name(bare.group(1)) or bare.group(1).endswith(("'s", "\u2019s")):
                return None  # ("Tom Hale's plan was turned down:" is about his plan)
            head = Span(bare.start(1), bare.end(1))
        elif len({_mention_key(m) for m in named}) != 1:
            return None
        else:
            head = named[0]
            if _LEADING_DETERMINER.match(self.masked, lead, head.start).end() != head.start:
                return None  # 'Nurses gathered outside X:': X does not head the clause
        if not self.masked[head.end:head.end + 1].isspace() or not _WORD.match(self.masked, head.end + 1) \
                or not self.masked[head.end + 1:head.end + 2].islower():
            return None  # 'Tom Hale:' is a name before a colon (_name_before_colon); a verb must follow
        return _Attribution(head.start, head.end, ":", tight=False)

    def _after_a_preposition(self, start: int, at: int) -> bool:
        """Whether a preposition or 'told' (then perhaps an article) stands right before at: a listener, an
        outlet, a place or an object ('told the X', 'speaking to X', 'in Y', 'against the Z'), no speaker."""
        before = self.masked[max(start, at - 40):at]
        word = _WORD_JUST_BEFORE.search(_TRAILING_DETERMINER.sub("", before))
        return bool(word) and word.group(1).lower() in _NOT_A_SPEAKER_BEFORE

    def _reported_just_before(self, quote: _Quote, sentence: Span) -> _Attribution | None:
        """A paragraph that is one whole quotation after a paragraph ending in reported speech ('Dr X said the
        offer was poor.' then '“We will strike again.”'), or that opens a quotation going on into the next
        paragraph ('“We will strike again.' then '“We have no choice.”'): the quotation is the reporter's source
        going on."""
        if quote.continues is not None:
            return None
        if quote.close is None:
            # left open at its paragraph's end: only when the next paragraph goes on with it, after a full stop
            if not quote.continued or not _SENTENCE_FINAL.search(self.text[quote.start:quote.end].rstrip()):
                return None
        elif self.masked[quote.close:self.paragraphs[quote.paragraph].end].strip(" .,;!?\u2026\t\n") or \
                not _SENTENCE_FINAL.search(self.text, quote.start, quote.close):
            return None
        verbs = _verbs(self.masked, sentence.start, sentence.end)
        if not verbs or _is_participle(verbs[0].word) or verbs[0].word.lower().startswith("according") \
                or _passive_before(self.masked, sentence.start, verbs[0].start):
            return None
        verb = verbs[0]
        if not any(c.isalpha() for c in self.masked[verb.end:sentence.end]):
            return None  # '“...,” she said.' closes a quotation of its own: the paragraphs follow on as they are
        found = self._speaker_of_verb(verb, sentence.start, verb.start)
        lead = self.masked[sentence.start:found.start].strip() if found else "?"
        if found is None or (lead and not lead.endswith(",")):
            return None
        return _Attribution(found.start, found.end, found.cue, found.description, tight=False)

    # ---- noun phrases --------------------------------------------------------------------------------------

    def _tokens(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.masked, start, end)]

    def _noun_phrase_before(self, start: int, end: int):
        """(start, end, appositive span or None) of the subject that ends just before a verb at end."""
        raised = _RAISED_FRAME.search(self.masked, max(start, end - 60), end) \
            if self.masked.endswith("have", max(start, end - 8), end - 1) else None
        if raised is not None:
            end = raised.start()  # 'He is reported to have said:', 'She is understood to have told X'
        tokens = self._tokens(start, end)
        i = len(tokens) - 1
        while i >= 0:
            if (tokens[i][2].lower() in _BETWEEN_SUBJECT_AND_VERB and not _surname_word(tokens, i)) \
                    or _aside(tokens[i][2]):
                i -= 1  # 'it has insisted', 'the KDA also said', 'Jane Doe (pictured) said'
            elif i >= 1 and tokens[i][2].lower() in _TIME_WORDS and tokens[i - 1][2].lower() in _TIME_PREPOSITIONS:
                i -= 2  # 'Jane Doe, chair of X, on Thursday said'
            else:
                break
        if i < 0:
            return None
        if tokens[i][2] == ",":
            return self._appositive_subject(tokens, i)
        if tokens[i][2] in _DASHES or tokens[i][2] == "-":  # a hyphen standing alone is typed for a dash
            return self._dashed_subject(tokens, i)
        if tokens[i][2].lower() in _PRONOUNS | _RELATIVE:
            return tokens[i][0], tokens[i][1], None
        first = _phrase_start(tokens, i)
        if first is None:
            return None
        left_open = self._relative_clause_left_open(tokens, first)
        if left_open is not None:
            return left_open
        if first >= 2 and tokens[first - 1][2].lower() in ("which", "who", "that") and tokens[first][2][:1].islower() \
                and not _complement_clause(tokens, first):
            # 'the X which represents junior doctors called ...': a relative clause without commas; X speaks
            subject = _phrase_start(tokens, first - 2)
            if subject is not None:
                return tokens[subject][0], tokens[first - 2][1], None
        if first >= 2 and tokens[first - 1][2] in ("in", "at") and all(t[2][:1].isupper() for t in tokens[first:i + 1]):
            # 'the X Hospital in Easton said': the body (or person) that the place follows speaks, not the place
            placed = next(self.names.before(tokens[first - 1][0], 1), None)
            if placed is not None and placed.end == tokens[first - 2][1] and self.masked[placed.start] != _MASK:
                return placed.start, placed.end, None
        return _unclosed_appositive(tokens, first, i) or (tokens[first][0], tokens[i][1], None)

    def _relative_clause_left_open(self, tokens, first: int):
        """'X (XY), which also runs Z Hospital said': a relative clause after a comma, not closed by one before the
        verb, describes the phrase before that comma, which speaks (or the person that phrase describes: 'Dr Jo
        Bell, chief officer at X, which runs Z said')."""
        comma = first - 1
        while comma >= 0 and first - comma <= 12 and tokens[comma][2] != ",":
            comma -= 1
        if comma < 1 or first - comma > 12 or tokens[comma + 1][2].lower() not in ("which", "who"):
            return None
        end = comma - 1
        if tokens[end][2].startswith("(") and tokens[end][2].endswith(")") and end >= 1:
            end -= 1  # 'X (XY), which': the initials in brackets belong to X
        previous_comma = end
        while previous_comma >= 0 and tokens[previous_comma][2] != ",":
            previous_comma -= 1
        if previous_comma >= 1:
            return self._appositive_subject(tokens, comma)
        subject = _phrase_start(tokens, end)
        if subject is None or not any(t[2][:1].isupper() for t in tokens[subject:end + 1]
                                      if t[2].lower() not in _DETERMINERS):
            return None  # 'After the meeting, which lasted an hour Tom Hale said': no name before the clause
        return tokens[subject][0], tokens[end][1], None

    def _appositive_subject(self, tokens, comma: int):
        """'X, co-chair of Y, said' -> X with the appositive; 'Health Secretary, Sam Poole, said' -> both."""
        previous_comma = comma - 1
        while previous_comma >= 0 and tokens[previous_comma][2] != ",":
            previous_comma -= 1
        chunk = tokens[previous_comma + 1:comma]
        if not chunk:
            return None
        if chunk[0][2].lower() in _RELATIVE and previous_comma > 0:
            # 'X, chief executive of Y, which represents Z, said': the relative clause describes Y
            found = self._appositive_subject(tokens, previous_comma)
            return (found[0], found[1], None) if found else None
        if previous_comma > 0 and _is_age(tokens, previous_comma) and not _name_like(chunk):
            # 'Jo Bell, 29, a nurse from Easton, said': an age between the name and its description
            found = self._appositive_subject(tokens, previous_comma)
            return (found[0], found[1], (chunk[0][0], chunk[-1][1])) if found else None
        if _name_like(chunk):
            # A role written before the name, as a chunk of its own: 'Health Secretary, Sam Poole, said'
            # joins the speaker's words; 'The chair of the X, Jane Doe, said' describes her.
            role = _phrase_start(tokens, previous_comma - 1) if previous_comma > 0 else None
            if role is None or (role > 0 and tokens[role - 1][2] != ","):
                return chunk[0][0], chunk[-1][1], None
            if tokens[role][2].lower() in _DETERMINERS or previous_comma - role > 5 or any(
                    t[2].endswith(("'s", "\u2019s")) for t in tokens[role:previous_comma]):  # "X's head of health, Jo Bell,"
                return chunk[0][0], chunk[-1][1], (tokens[role][0], tokens[previous_comma - 1][1])
            return tokens[role][0], chunk[-1][1], None
        if previous_comma < 0 and comma > 0:
            # the first chunk of the sentence, reached from a relative clause after it ('Junior doctor Jo
            # Bell, who works in Easton, said'): the noun phrase that ends at the comma
            first = _phrase_start(tokens, comma - 1)
            return (tokens[first][0], tokens[comma - 1][1], None) if first is not None else None
        if previous_comma < 1:
            return None
        first = _phrase_start(tokens, previous_comma - 1)
        if first is None:
            return None
        return tokens[first][0], tokens[previous_comma - 1][1], (chunk[0][0], chunk[-1][1])

    def _dashed_subject(self, tokens, dash: int):
        """'Jo Bell – who chairs the X – said' / 'Jo Bell – chair of the X – said': the phrase before the
        dashes is the speaker, what lies between them describes her (unless it is a relative clause)."""
        opening = dash - 1
        while opening >= 0 and tokens[opening][2] != tokens[dash][2] and dash - opening <= 16:
            opening -= 1
        if opening < 1 or tokens[opening][2] != tokens[dash][2] or opening + 1 == dash:
            return None
        first = _phrase_start(tokens, opening - 1)
        if first is None:
            return None
        inside = tokens[opening + 1:dash]
        description = None if inside[0][2].lower() in _RELATIVE else (inside[0][0], inside[-1][1])
        return tokens[first][0], tokens[opening - 1][1], description

    def _speaker_after(self, verb: _Verb, limit: int) -> _Attribution | None:
        """The speaker named after an inverted verb: '”, said Dr X, chair of Y.' / 'according to the KDA'."""
        tokens = self._tokens(verb.end, limit)
        tokens = tokens[_statement_owner(tokens):]  # 'according to a statement from the X': the X speaks
        first = last = None
        i = 0
        if tokens and tokens[0][2].lower() in _DETERMINERS:
            first = 0
            i = 1
            if i + 1 < len(tokens) and tokens[i][2] in "\u2018'\u201c\"":
                # "a ‘disappointed’ Jane Roe": a quoted word before the name (masked, so no token of its own)
                i += 3 if tokens[i + 1][2].startswith(_MASK) else 2 if tokens[i + 1][2] in "\u2019'\u201d\"" else 0
        while i < len(tokens) and i < 16:
            word = tokens[i][2]
            lower = word.lower()
            if lower in ("of", "for", "and", "&"):
                following = tokens[i + 1][2] if i + 1 < len(tokens) else ""
                if last is None or (lower in ("and", "&") and not following[:1].isupper()):
                    break
                i += 1
                if following.lower() in _DETERMINERS:
                    i += 1
                continue
            if not (_phrase_word(word) or (last == i - 1 and _surname_word(tokens, i))):
                break
            first = i if first is None else first
            last = i
            i += 1
        if last is None:
            return None
        description = None
        if last + 1 < len(tokens) and tokens[last + 1][2] == ",":
            chunk = []
            for token in tokens[last + 2:]:
                if not (token[2][0].isalnum() or token[2][0] in "@("):
                    break
                chunk.append(token)
            fronted = verb.word[:1] == "A" and not self.masked[self._sentence_of(verb.start).start:verb.start].strip()
            if fronted and [t[2] for t in tokens[last + 2 + len(chunk):last + 3 + len(chunk)]] != [","]:
                chunk = []  # 'According to X, the offer was “...”': the main clause, not a role of X's
            if chunk and chunk[0][2].lower() in _STOP_WORDS:
                pass  # ', as reported by X', ', speaking on X': how the words reached the reporter, not a role
            elif chunk and not _name_like(chunk):
                description = (chunk[0][0], chunk[-1][1])
            elif chunk and len(chunk) <= 6 and (tokens[first][2].lower() in _DETERMINERS
                                                or tokens[first][2][:1].islower()):
                # 'according to the medical director of X, Professor Jane Roe,': the name after the role
                return _Attribution(chunk[0][0], chunk[-1][1], verb.word, (tokens[first][0], tokens[last][1]))
        return _Attribution(tokens[first][0], tokens[last][1], verb.word, description)

    def _clause_subject(self, start: int, end: int) -> tuple[int, int] | None:
        """'Pressure grew as Jo Bell echoed the call, criticising ...': the last name before the participle that
        a verb follows (a possessive, 'Mr X’s call', is no subject)."""
        for mention in reversed(self.names.within(start, end)):
            if self.masked[mention.start] == _MASK or self.masked[mention.end:mention.end + 1] in ("'", "\u2019"):
                continue
            if _SUBJECT_TAIL.match(self.masked, mention.end, end):
                return mention.start, mention.end
        return None

    def _pronoun_subject(self, start: int, end: int) -> tuple[int, int] | None:
        """'It will use the term from today, claiming ...': a pronoun opening the clause, then a verb."""
        m = _PRONOUN_OPENING.match(self.masked, start, end)
        return m.span(1) if m and _SUBJECT_TAIL.match(self.masked, m.end(1), end) else None

    def _sentence_subject(self, start: int, end: int) -> tuple[int, int] | None:
        """The noun phrase opening a clause ('The union hit back, saying'): a curated name, or capitalised
        words and at most one lower-case head noun - without a tagger, a verb cannot be told apart."""
        tokens = self._tokens(start, end)
        i = 1 if tokens and tokens[0][2].lower() in _DETERMINERS else 0
        if i >= len(tokens):
            return None
        named = self.lexicon.find(self.masked, tokens[i][0], end)
        if named and named[0].start == tokens[i][0]:
            return tokens[0][0], named[0].end
        last = None
        while i < len(tokens) and _phrase_word(tokens[i][2]):
            last = i
            i += 1
            if not tokens[last][2][:1].isupper():
                break
        if last is None or (i < len(tokens) and tokens[i][2] in ("'", "\u2019")):
            return None
        return tokens[0][0], tokens[last][1]

    # ---- resolving speakers --------------------------------------------------------------------------------

    def _resolve(self, attribution: _Attribution) -> _Speaker:
        """The speaker named by the words at an attribution: ids, the name at its fullest, and the method."""
        words = self.text[attribution.start:attribution.end]
        lower = words.lower()
        if lower in _PRONOUNS:
            return self._carried(words, attribution.start, _PRONOUN_KINDS.get(lower), "pronoun", lower)
        if lower in _COLLECTIVE_NOUNS and self._headline(bisect.bisect_right(self._paragraph_starts,
                                                                              attribution.start) - 1):
            # a headline drops its articles: '..., says union' is 'the union' -- named later in the story
            body = self._body_named_after(attribution.start, lower)
            if body is not None:
                return _Speaker(words, None, body.organisation_id, "resolved" if body.organisation_id else
                                "unresolved", "organisation", self._organisation_name(body, body.organisation_id),
                                "description", body)
        placed = _PLACE_AND_PEOPLE.fullmatch(words)
        body = self._body_of_place(placed.group("place")) if placed else None
        if body is not None:
            # 'Easton health bosses said': the one body of the text whose name opens with that place
            return _Speaker(words, None, body.organisation_id, "resolved" if body.organisation_id else "unresolved",
                            "organisation", self._organisation_name(body, body.organisation_id), "description", body)
        matches = self.lexicon.resolve(words)
        people = [m for m in matches if m.alias.entity_kind == "person"]
        organisations = [m.alias.entity_id for m in matches if m.alias.entity_kind == "organisation"]
        described = self._organisations_in(attribution.description)
        named = self.names.within(attribution.start, attribution.end)
        named_people = _distinct([m.referent for m in named if m.referent.kind == "person"])
        named_organisations = _distinct([m.referent for m in named if m.referent.kind == "organisation"])
        if len(named_people) >= 2 and re.search(r"\band\b|&", words):
            person = people[0].alias.entity_id if people else None
            organisation = (described or organisations
                            or [people[0].alias.organisation_id if people else None])[-1]
            start = attribution.start
            while len(named_people) < _MAX_LISTED:  # 'Dr A, Dr B and Dr C said': the names listed before the pair
                listed = next((m for m in self.names.before(start, 2) if m.referent.kind == "person"
                               and _LIST_COMMA.fullmatch(self.masked, m.end, start)), None)
                if listed is None or listed.referent in named_people:
                    break
                named_people.insert(0, listed.referent)
                start = listed.start
            words = self.text[start:attribution.end]
            names = [r.name for r in named_people]
            name = ", ".join(names[:-1]) + " and " + names[-1]
            return _Speaker(words, person, organisation, "resolved" if person or organisation else "unresolved",
                            "joint", name, "joint", None)
        if len(named_organisations) >= 2 and not named_people and not people and re.search(r"\band\b|&", words) \
                and not _has_spokes_noun(lower):
            # 'the X and the Y said (in a joint statement)': both bodies, the first one's id
            names = [self._organisation_name(r, r.organisation_id) or r.name for r in named_organisations]
            organisation = next((r.organisation_id for r in named_organisations if r.organisation_id), None)
            return _Speaker(words, None, organisation, "resolved" if organisation else "unresolved", "joint",
                            ", ".join(names[:-1]) + " and " + names[-1], "joint", None)
        if named_people and _has_spokes_noun(lower) and re.search(r"['\u2019]s?\s", words):
            referent = named_people[0]
            return _Speaker(words, referent.person_id, referent.organisation_id, "resolved" if referent.person_id
                            else "unresolved", "spokesperson", referent.name, "organisation-spokesperson", referent)
        if people or named_people:
            referent = named_people[0] if named_people else None
            person = people[0].alias.entity_id if people else None
            organisation = (described or organisations or [people[0].alias.organisation_id if people else
                                                            referent.organisation_id])[-1]
            name = (referent.name if referent else None) or self.lexicon.name_of("person", person)
            mention = next(m for m in named if m.referent is referent) if referent else None
            written = _name_words(mention.text if mention else words)
            rest = self.text[mention.end:attribution.end].split() if mention and not person else []
            if 0 < len(rest) <= 3 and rest[-1] not in _NAME_PARTICLES and all(
                    w in _NAME_PARTICLES or (w[:1].isupper() and w[:1].isalpha()) for w in rest):
                # the name goes on where the name finder stopped ('Dr Rhodri ap Iestyn', 'Dr José Álvarez')
                name = written = _name_words(self.text[mention.start:attribution.end])
            method = "named" if name and (written == name or len(written.split()) >= 2) else "alias"
            return _Speaker(words, person, organisation, "resolved" if person else "unresolved", "person",
                            name, method, referent)
        if (organisations or named_organisations) and not _has_spokes_noun(lower) and (
                _OWNERS_ROLE.fullmatch(words) or (lower.split()[0] in ("the", "a", "an", "this", "that")
                                                  and lower.split()[-1] in _ROLE_NOUNS_FOR_DESCRIPTIONS)):
            # 'the Valley Party's deputy leader', 'the Vexite MP': a person holding a role in that body, named before
            # (two such people: unresolved, not the body)
            role = self._described_person(words, attribution.start)
            if role is not None and (role.name or not _OWNERS_ROLE.fullmatch(words)):
                return role
            if role is None and not _OWNERS_ROLE.fullmatch(words):
                return _Speaker(words, None, None, "unresolved", "person", None, "unresolved")  # nobody fits
        if (organisations or named_organisations) and not _has_spokes_noun(lower) \
                and lower.split()[-1] in _ROLE_NOUNS_FOR_DESCRIPTIONS and lower.split()[0] not in _DETERMINERS:
            # a headline's 'says KDA chief': the person the story gives that role later on
            ahead = self._role_ahead(lower.split()[-1:], attribution.start)
            if ahead is not None:
                return ahead._replace(text=words)
        role_in = _ROLE_IN_BODY.fullmatch(words)
        if (organisations or named_organisations) and role_in and not _has_spokes_noun(lower) \
                and role_in.group("role").split()[-1].lower() in _ROLE_NOUNS_FOR_DESCRIPTIONS:
            # 'the medical director for X': the person given that role, before or as the next sentence's subject
            person = self._role_holder(role_in.group("role").lower().split(), attribution.start)
            if person is not None:
                return _Speaker(words, person.person_id, person.organisation_id,
                                "resolved" if person.person_id else "unresolved", "person", person.name,
                                "description", person.referent)
        possessed = self._possessed_body(attribution, named) if not _has_spokes_noun(lower) else None
        if possessed is not None:
            # "the KDA's consultants committee said": the body the owner qualifies speaks, named with its owner
            referent = possessed.referent
            organisation = referent.organisation_id
            name = self.lexicon.name_of("organisation", organisation) if organisation else \
                _name_words(re.sub(r"['\u2019]s?(?=\s)", "", words[_LEADING_DETERMINER.match(words).end():]))
            return _Speaker(words, None, organisation, "resolved" if organisation else "unresolved", "organisation",
                            name, "organisation-spokesperson", referent)
        fuller = self._fuller_body_that_spoke(words, attribution.start) \
            if lower.split()[-1] in _PEOPLE_OF_A_BODY else None
        if fuller is not None:
            return _Speaker(words, None, fuller.organisation_id, "resolved" if fuller.organisation_id else "unresolved",
                            "spokesperson", fuller.name, "organisation-spokesperson", fuller.referent)
        if organisations or named_organisations:
            referent = named_organisations[0] if named_organisations else None
            organisation = organisations[0] if organisations else None
            if referent is not None and referent.organisation_id is None and organisation is not None:
                # 'a spokesman for Vexby NHS Foundation Trust': the body that speaks is one nobody curated, the
                # curated alias inside its name ('NHS') another body: no id, as in the mentions table
                organisation = None
            kind = "spokesperson" if _has_spokes_noun(lower) else "organisation"
            name = self._organisation_name(referent, organisation)
            return _Speaker(words, None, organisation, "resolved" if organisation else "unresolved", kind,
                            name, "organisation-spokesperson", referent)
        spoken_for = self._spoken_for(words, attribution.start)
        if spoken_for is not None:
            return spoken_for
        anaphor = _ANAPHOR.fullmatch(words) or _SPOKESPERSON.fullmatch(words)
        head = anaphor.group("head").lower() if anaphor else None
        parts = lower.split()
        if 2 <= len(parts) <= 4 and parts[0] == "the" and (parts[-1] in _PAIR_NOUNS or (
                parts[1] == "two" and parts[-1].removesuffix("s") not in _COLLECTIVE_NOUNS)):  # 'the two doctors'
            # 'the pair said', 'the co-chairs said': the two people the text last named together
            pair = self._named_pair_before(attribution.start)
            joint = next((e for e in reversed(self.entities[-12:]) if e.kind == "joint"
                          and e.position < attribution.start), None)
            chosen = max((e for e in (pair, joint) if e is not None), key=lambda e: e.position, default=None)
            if chosen is not None and chosen.name:
                return _Speaker(words, chosen.person_id, chosen.organisation_id,
                                "resolved" if chosen.person_id or chosen.organisation_id else "unresolved",
                                "joint", chosen.name, "joint", None)
        if head in _SPOKES_NOUNS:
            kind_of_body = _KIND_BEFORE_SPOKES.fullmatch(words)
            body = kind_of_body.group("kind").lower() if kind_of_body else None
            if body in _COLLECTIVE_NOUNS:
                # 'a trust spokesperson', 'the council spokesman': the last body of that kind named before it (not
                # another kind of body that spoke since), else the one such body the text names after it; none of
                # that kind named ('a union spokesman' for a body called an association): as for 'a spokesman'
                referent = self._body_of_kind_before(attribution.start, body) or \
                    self._body_named_after(attribution.start, body)
                if referent is not None:
                    return _Speaker(words, None, referent.organisation_id,
                                    "resolved" if referent.organisation_id else "unresolved", "spokesperson",
                                    self._organisation_name(referent, referent.organisation_id),
                                    "organisation-spokesperson", referent)
            return self._carried(words, attribution.start, frozenset({"spokesperson", "organisation"}),
                                 "organisation-spokesperson")
        if head in _COLLECTIVE_NOUNS:
            carried = self._carried(words, attribution.start, frozenset({"organisation", "spokesperson"}),
                                    "description", head=head)
            if carried.name is None and anaphor.re is _ANAPHOR:
                ahead = self._body_named_after(attribution.start, head)
                if ahead is not None:  # 'The union said: “...”' in a lead, then 'The Easton Doctors Union ...'
                    return _Speaker(words, None, ahead.organisation_id,
                                    "resolved" if ahead.organisation_id else "unresolved", "organisation",
                                    self._organisation_name(ahead, ahead.organisation_id), "description", ahead)
            return carried
        if head in _DOCUMENT_NOUNS and anaphor.re is _ANAPHOR:
            signed = self._signatories(words, attribution)
            if signed is not None:
                return signed  # 'The letter, signed by Dr A and Dr B, said:': the people who signed it
            # 'The guidance said:', 'The statement added': the body that last spoke or headed a sentence issued it
            return self._carried(words, attribution.start, frozenset({"organisation", "spokesperson"}),
                                 "description")
        document = _BODYS_DOCUMENT.fullmatch(words)
        if document and document.group("body").lower() in _COLLECTIVE_NOUNS \
                and document.group("document").lower() in _DOCUMENT_NOUNS:
            # "The union's statement said:": the body with that head named before issued it
            return self._carried(words, attribution.start, frozenset({"organisation", "spokesperson"}),
                                 "description", head=document.group("body").lower())
        owner = _OWNERS_SPOKESPERSON.fullmatch(words)
        if owner and _name_like(self._tokens(attribution.start, attribution.start + len(owner.group("owner")))):
            # "Jane Roe's official spokesperson": speaks for a person nobody curated
            return _Speaker(words, None, None, "unresolved", "spokesperson", _name_words(owner.group("owner")),
                            "organisation-spokesperson")
        role = self._described_person(words, attribution.start)
        if role is not None:
            return role
        parts = words.split()
        # in a headline or standfirst, also a place or a qualifier before a common noun: 'Easton doctor says'
        headline = bisect.bisect_right(self._paragraph_starts, attribution.start) <= 2 and len(parts) > 1 \
            and parts[0][:1].isupper() and all(p[:1].islower() for p in parts[1:])
        if (parts[-1].lower() in _ROLE_NOUNS_FOR_DESCRIPTIONS or (headline and _personal_description(parts[-1].lower()))) \
                and parts[0].lower() not in _DETERMINERS \
                and len(parts) <= 4 and (all(p[:1].isupper() for p in parts) or all(
                    p[:1].islower() or p.isupper() for p in parts) or headline) \
                and not (len(parts) >= 3 and parts[-1].isupper() and _is_person_name(" ".join(parts[:-1]))):
            # a title without 'the' ('– Health Secretary', 'Prime Minister said'): a description, never a name
            role = self._described_person("the " + words.lower(), attribution.start) or \
                self._role_ahead([p.lower() for p in parts], attribution.start)
            return role._replace(text=words) if role is not None else \
                _Speaker(words, None, None, "unresolved", "person", None, "unresolved")
        if described:
            organisation = described[-1]
            if _guess_kind(words) == "person" and _name_like(self._tokens(attribution.start, attribution.end)):
                # 'Quorncare’s head of health, Jo Bell, said': a person of that body nobody curated
                return _Speaker(words, None, organisation, "unresolved", "person", _name_words(words), "named")
            return _Speaker(words, None, organisation, "unresolved", _guess_kind(words),
                            None, "unresolved")
        kind = _guess_kind(words)
        if kind == "person" and _name_like(self._tokens(attribution.start, attribution.end)):
            written = _name_words(words)
            if " " not in written:
                # a surname alone ('Hale added:'): the person of that surname named in full before, if one
                fuller = {m.referent.name for m in self.names.before(attribution.start, 60)
                          if m.referent.kind == "person" and m.referent.surname == written and " " in m.referent.name}
                if len(fuller) == 1:
                    return _Speaker(words, None, None, "unresolved", kind, fuller.pop(), "alias")
            return _Speaker(words, None, None, "unresolved", kind, written, "named")
        coloured = _COLOURED_NAME.fullmatch(words)
        if coloured and _guess_kind(coloured.group("name")) == "person" and not any(
                w in _STOP_WORDS or w in _DETERMINERS or w in _SPOKES_NOUNS
                for w in words[:coloured.start("name")].lower().split()[1:]) and \
                _name_like(self._tokens(attribution.start + coloured.start("name"), attribution.end)):
            # 'said a visibly angry Jo Bell': the name after the reporter's colour
            return _Speaker(words, None, None, "unresolved", "person", _name_words(coloured.group("name")), "named")
        return _Speaker(words, None, None, "unresolved", kind, None, "unresolved")

    def _body_of_place(self, place: str) -> Referent | None:
        """The one organisation the text names whose name opens with place and goes on ('Easton' for 'Easton
        Valley NHS Trust'); none when two bodies, or none, do, or when place is no proper name (the text writes it
        in lower case too, or it is an acronym)."""
        if len(place) <= 4 and place.isupper():
            return None  # an acronym is a body's own short name ('NHS bosses'), not a place
        place = place.lower()
        if re.search(rf"(?<![\w-]){re.escape(place)}(?![\w-])", self.text):
            return None  # a common word the text also writes in lower case ('Health bosses', 'Hospital chiefs')
        bodies = {m.referent.organisation_id or m.referent.name: m.referent for m in self.names.mentions
                  if m.referent.kind == "organisation" and m.referent.name and len(m.referent.name.split()) > 1
                  and m.referent.name.split()[0].lower() == place}
        return next(iter(bodies.values())) if len(bodies) == 1 else None

    def _signatories(self, words: str, attribution: _Attribution) -> _Speaker | None:
        """The people a document's appositive says signed, issued or wrote it ('The letter, signed by Dr A and Dr
        B, said'): one person, or the pair or list jointly (the first one's ids)."""
        if attribution.description is None:
            return None
        start, end = attribution.description
        if not _SIGNED_BY.match(self.masked, start, end):
            return None
        people = _distinct([m.referent for m in self.names.within(start, end)
                            if m.referent.kind == "person" and m.referent.name])
        if not people or len(people) > _MAX_LISTED:
            return None
        first = people[0]
        status = "resolved" if first.person_id else "unresolved"
        if len(people) == 1:
            return _Speaker(words, first.person_id, first.organisation_id, status, "person", first.name, "named",
                            first)
        names = [r.name for r in people]
        return _Speaker(words, first.person_id, first.organisation_id, status, "joint",
                        ", ".join(names[:-1]) + " and " + names[-1], "joint", None)

    def _fuller_body_that_spoke(self, words: str, position: int) -> _Entity | None:
        """'NHS officials said' just after 'NHS Wessex said', 'Government officials added' just after 'the Welsh
        Government said': the people of a body named by a short form speak for the body that spoke last, in this
        paragraph or the one before, when its name opens or ends with that short form and has more words."""
        short = words[_LEADING_DETERMINER.match(words).end():].split()[:-1]
        if not short or not all(w[:1].isupper() for w in short):
            return None
        paragraph = bisect.bisect_right(self._paragraph_starts, position) - 1
        floor = self._paragraph_starts[max(0, paragraph - 1)] if paragraph >= 0 else 0
        last = next((e for e in reversed(self.entities[-6:]) if e.position < position), None)
        if last is None or last.position < floor or last.kind not in ("organisation", "spokesperson") \
                or not last.name:
            return None
        name = last.name.split()
        return last if len(name) > len(short) and short in (name[:len(short)], name[-len(short):]) else None

    def _spoken_for(self, words: str, position: int) -> _Speaker | None:
        """Whom a spokesperson speaks for when no name at the attribution is known: 'the prime minister's
        official spokesman' (the person the text gave that role), 'a spokesperson for the trust' (the trust named
        before), 'a Government spokesperson' (a curated body written with 'the'), 'a No 12 spokesman' (the
        words themselves, a body nobody curated)."""
        m = _SPOKESPERSON_FOR.fullmatch(words)
        if m is None:
            return None
        owner = (m.group("before") or m.group("possessor") or m.group("after")).split()
        the = owner[0].lower() in ("the", "a", "an")
        owner = owner[1:] if the else owner
        lowered = [w.lower() for w in owner]
        if not lowered:
            return None
        if lowered[-1] in _ROLE_NOUNS_FOR_DESCRIPTIONS:
            person = self._described_person("the " + " ".join(lowered), position)
            if person is None or not person.name:
                return None
            return person._replace(text=words, kind="spokesperson", method="organisation-spokesperson")
        if len(lowered) == 1 and the and lowered[0] in _COLLECTIVE_NOUNS:
            return self._carried(words, position, frozenset({"organisation", "spokesperson"}),
                                 "organisation-spokesperson", head=lowered[0])
        if not all(w[:1].isupper() or w.isdigit() for w in owner):
            return None
        name = " ".join(owner)
        curated = [a for a in self.lexicon.resolve("the " + name) if a.alias.entity_kind == "organisation"]
        if curated and curated[0].end == len(name) + 4:  # 'a Government spokesperson': 'the government'
            organisation = curated[0].alias.entity_id
            return _Speaker(words, None, organisation, "resolved", "spokesperson",
                            self._organisation_name(None, organisation), "organisation-spokesperson")
        return _Speaker(words, None, None, "unresolved", "spokesperson", name, "organisation-spokesperson")

    def _organisation_name(self, referent: Referent | None, organisation: str | None) -> str | None:
        return (referent.name if referent else None) or self.lexicon.name_of("organisation", organisation)

    def _described_person(self, words: str, position: int) -> _Speaker | None:
        """'the health minister': the one person the text introduced with that role before."""
        description = [w.lower() for w in words.split()]
        owner = _OWNERS_ROLE.fullmatch(words)
        if owner and _name_like(self._tokens(position, position + len(owner.group("owner")))):
            # 'the Northtown Party's deputy leader': the owner stands where 'the' would
            description = ["the"] + [w.lower() for w in owner.group("role").split()]
        if not description or description[0] not in ("the", "a", "an", "this", "that") \
                or len(description) > _MAX_DESCRIPTION_WORDS:
            return None
        description = description[1:]
        if description[-1:] in (["pm"], ["pm's"]):
            description[-1:] = ["prime", "minister"]  # 'the PM added'
        if not description or (description[-1] not in _ROLE_NOUNS_FOR_DESCRIPTIONS
                               and not _personal_description(description[-1])):
            return None
        found = []
        for mention in self.names.before(position, 60):
            referent = mention.referent
            if referent.kind == "person" and referent not in found and any(
                    _role_fits(description, role) for role in referent.roles):
                found.append(referent)
        if len(found) > 1:
            return _Speaker(words, None, None, "unresolved", "person", None, "unresolved")
        if not found:
            # 'The Vexite MP also said': no one was given that role; the person who spoke last, if just before
            previous = next((e for e in reversed(self.entities[-6:]) if e.position < position), None)
            paragraph = bisect.bisect_right(self._paragraph_starts, position) - 1
            if previous is not None and previous.kind == "person" and previous.referent is None and previous.name \
                    and previous.position >= self._paragraph_starts[max(0, paragraph - 5)]:
                # the last speaker was named only at the attribution ('said a weary Jo Bell'): that name
                return _Speaker(words, previous.person_id, previous.organisation_id,
                                "resolved" if previous.person_id else "unresolved", "person", previous.name,
                                "description", None)
            if previous is None or previous.kind != "person" or previous.referent is None or \
                    previous.position < self._paragraph_starts[max(0, paragraph - 5)] or \
                    _holds_another_role(previous.referent, description):
                # nobody spoke just before, or one the text gave another role ('Jo Bell, chair of the X'): the
                # one person the sentence just before names ('Jo Bell urged ministers to act. The Northtown MP
                # said: ...')
                alone = self._only_person_in_sentence_before(position)
                if isinstance(alone, str):  # a name no cue made a person ('On Monday, Jo Bell will meet ...')
                    return _Speaker(words, None, None, "unresolved", "person", alone, "description", None)
                if alone is None or _holds_another_role(alone, description):
                    # none, or one the text gave another role ('Jo Bell, the chancellor'): a person already named
                    # (in a headline, say) who heads the next sentence without speaking in it ('Yet the chief
                    # nurse said ... . Next week, Jo Bell will chair ...')
                    ahead = self._named_again_after(position, description) or \
                        self._introduced_after(position, description)
                    if ahead is None:
                        return None
                    alone = ahead
                found = [alone]
            else:
                found = [previous.referent]
        referent = found[0]
        return _Speaker(words, referent.person_id, referent.organisation_id,
                        "resolved" if referent.person_id else "unresolved", "person", referent.name,
                        "description", referent)

    def _role_holder(self, role: list[str], position: int) -> _Entity | None:
        """The one person the text gave this role before position, else the person heading the next sentence
        of the paragraph ('The medical director of X told reporters ... . Jo Bell said ...'), else None."""
        found = []
        for mention in self.names.before(position, 60):
            referent = mention.referent
            if referent.kind == "person" and referent not in found and any(_role_fits(role, r) for r in referent.roles):
                found.append(referent)
        if len(found) == 1:
            r = found[0]
            return _Entity(position, "person", r.person_id, r.organisation_id, r.name, r)
        if found:
            return None
        index = bisect.bisect_right(self._sentence_starts, position)  # the sentence after position's
        if index >= len(self.sentences) or bisect.bisect_right(self._paragraph_starts, self.sentences[index].start) \
                - bisect.bisect_right(self._paragraph_starts, position) > 1:
            return None  # none, or not in this paragraph or the next
        subject = self._subject_entity(index)
        if subject is None or subject.kind != "person" or (subject.referent is not None and any(
                r.split()[-1] in _ROLE_NOUNS_FOR_DESCRIPTIONS and not _role_fits(role, r) for r in subject.referent.roles)):
            return None
        name = subject.name or (subject.referent.name if subject.referent else None) or \
            self.lexicon.name_of("person", subject.person_id)
        return dataclasses.replace(subject, name=name) if name else None

    def _role_ahead(self, role: list[str], position: int) -> _Speaker | None:
        """In a headline or standfirst (the first two paragraphs), a title stands for the first person the
        story gives that role later on."""
        if bisect.bisect_right(self._paragraph_starts, position) > 2:
            return None
        i = bisect.bisect_left(self.names.starts, position)
        for mention in self.names.mentions[i:i + 60]:
            referent = mention.referent
            if referent.kind == "person" and referent.name and any(_role_fits(role, r) for r in referent.roles):
                return _Speaker("", referent.person_id, referent.organisation_id,
                                "resolved" if referent.person_id else "unresolved", "person", referent.name,
                                "description", referent)
        # nobody is given that role: the person the next paragraph (the lead) opens with, unless it gives them
        # another role ('“...” – Health Secretary' then 'Jo Bell said that ...')
        following = bisect.bisect_right(self._paragraph_starts, position)
        if following < len(self.paragraphs):
            lead = self.paragraphs[following]
            opening = self.names.within(lead.start, min(lead.end, lead.start + 80))[:1]
            referent = opening[0].referent if opening else None
            if referent is not None and referent.kind == "person" and referent.name \
                    and (not self.masked[lead.start:opening[0].start].strip()
                         or self._role_prefixed(lead.start, opening[0].start, opening[0].end)) \
                    and not _holds_another_role(referent, role):
                return _Speaker("", referent.person_id, referent.organisation_id,
                                "resolved" if referent.person_id else "unresolved", "person", referent.name,
                                "description", referent)
        return None

    def _named_pair_before(self, position: int) -> _Entity | None:
        """Two people joined by 'and' in this sentence or the two before it: what 'they' may stand for."""
        index = bisect.bisect_right(self._sentence_starts, position) - 1
        for sentence in self.sentences[max(0, index - 2):index + 1][::-1]:
            people = [m for m in self.names.within(max(sentence.start, position - _REACH), min(sentence.end, position))
                      if m.referent.kind == "person" and self.masked[m.start] != _MASK]
            for first, second in zip(people[::-1][1:], people[::-1]):
                if first.referent is not second.referent and first.referent.name and second.referent.name \
                        and _AND.fullmatch(self.masked, first.end, second.start):
                    return _Entity(first.start, "joint", first.referent.person_id, first.referent.organisation_id,
                                   f"{first.referent.name} and {second.referent.name}", None)
        return None

    def _named_again_after(self, position: int, description: list[str]) -> Referent | None:
        """The person heading the sentence after position's (after any fronted phrase, in this paragraph or the
        next) when the text named them before position too, gave them no other role, and no verb of saying
        follows them there (a speaker of their own is no referent of a description before them)."""
        index = bisect.bisect_right(self._sentence_starts, position)
        if index >= len(self.sentences) or bisect.bisect_right(self._paragraph_starts, self.sentences[index].start) \
                - bisect.bisect_right(self._paragraph_starts, position) > 1:
            return None
        sentence = self.sentences[index]
        fronted = _FRONTED_PHRASE.match(self.masked, sentence.start, sentence.end)
        opening = fronted.end() if fronted else sentence.start
        heading = self.names.within(opening, min(sentence.end, opening + 80))[:1]
        if not heading or heading[0].start != opening or heading[0].referent.kind != "person" \
                or _verbs(self.masked, sentence.start, sentence.end) or _MASK in self.masked[sentence.start:sentence.end]:
            return None
        referent = heading[0].referent
        if _holds_another_role(referent, description) or not any(
                m.referent is referent or (m.referent.kind == "person" and m.referent.name == referent.name)
                for m in self.names.before(position, 60)):
            return None
        return referent

    def _body_of_kind_before(self, position: int, head: str) -> Referent | None:
        """The last organisation named before position, outside quotation marks, whose name has that head word."""
        for mention in self.names.before(position, 60):
            referent = mention.referent
            if referent.kind == "organisation" and referent.name and self.masked[mention.start] != _MASK \
                    and (referent.head == head or referent.name.split()[-1].lower() == head):
                return referent
        return None

    def _body_named_after(self, position: int, head: str) -> Referent | None:
        """'the union' or 'the trust' that no body named before stands for: the one body with that head word that
        the rest of the text names (the lead of a local story often names the trust in full only further down).
        Two such bodies: none."""
        i = bisect.bisect_left(self.names.starts, position)
        bodies = _distinct([m.referent for m in self.names.mentions[i:i + 60] if m.referent.kind == "organisation"
                            and m.referent.name
                            and (m.referent.head == head or m.referent.name.split()[-1].lower() == head)])
        keys = {r.organisation_id or r.name for r in bodies}
        return bodies[0] if len(keys) == 1 else None

    def _introduced_after(self, position: int, description: list[str]) -> Referent | None:
        """A description that nobody before it fits, for a person the text introduces just after it: the one person
        the rest of the paragraph or the next gives that role ('The health secretary said: “...”' then 'Jo Bell,
        the health secretary, ...'), else, for a personal noun ('the consultant', 'the 34-year-old'), the person
        heading the next sentence (in this paragraph or the next) that names nobody else, quotes nothing and has
        no verb of saying of its own. Two people fitting: nobody."""
        paragraph = bisect.bisect_right(self._paragraph_starts, position) - 1
        limit = self.paragraphs[min(paragraph + 1, len(self.paragraphs) - 1)].end
        i = bisect.bisect_left(self.names.starts, position)
        fitting = _distinct([m.referent for m in self.names.mentions[i:i + 30] if m.start < limit
                             and m.referent.kind == "person" and m.referent.name
                             and any(_role_fits(description, role) for role in m.referent.roles)])
        if len(fitting) == 1:
            return fitting[0]
        if fitting or not (_personal_description(description[-1]) or description[-1] in _OCCUPATIONS):
            return None
        index = bisect.bisect_right(self._sentence_starts, position)
        if index >= len(self.sentences) or self.sentences[index].start >= limit:
            return None
        sentence = self.sentences[index]
        named = [m for m in self.names.within(position, sentence.end) if m.start >= sentence.start or
                 m.start > position]
        fronted = _FRONTED_PHRASE.match(self.masked, sentence.start, sentence.end)
        opening = fronted.end() if fronted else sentence.start
        people = _distinct([m.referent for m in named if m.referent.kind == "person"])
        if len(people) != 1 or not named or named[0].start != opening or named[0].referent.kind != "person" \
                or _verbs(self.masked, sentence.start, sentence.end) \
                or _MASK in self.masked[sentence.start:sentence.end] \
                or _holds_another_role(people[0], description):
            return None
        return people[0]

    def _only_person_in_sentence_before(self, position: int) -> Referent | str | None:
        """The person named in the sentence before the one at position, when it names one person only; when it
        names nobody a cue made a person, a person-shaped name heading it, after any fronted phrase ('On
        Monday, Jo Bell will meet ...'), as written."""
        index = bisect.bisect_right(self._sentence_starts, position) - 2
        if index < 0:
            return None
        sentence = self.sentences[index]
        named = self.names.within(max(sentence.start, position - _REACH), sentence.end)
        people = _distinct([m.referent for m in named if m.referent.kind == "person" and self.masked[m.start] != _MASK])
        if people:
            return people[0] if len(people) == 1 else None
        fronted = _FRONTED_PHRASE.match(self.masked, sentence.start, sentence.end)
        bare = self._bare_name_subject(Span(fronted.end(), sentence.end) if fronted else sentence, _PAST_OR_AUXILIARY)
        return bare.name if bare else None

    def _organisations_in(self, span: tuple[int, int] | None) -> list[str]:
        """Organisations named in an appositive role ('co-chair of the X'); a relative clause ('who worked
        at the X') says where someone has been, not whom they speak for."""
        if span is None or _RELATIVE_CLAUSE.match(self.masked, span[0], span[1]):
            return []
        # the article's names, not a fresh look-up: 'KHS Providers' is a name of its own, not the curated 'KHS'
        return [m.referent.organisation_id for m in self.names.within(span[0], span[1])
                if m.referent.kind == "organisation" and m.referent.organisation_id]

    def _carried(self, words: str, position: int, kinds: frozenset | None, method: str,
                 pronoun: str | None = None, head: str | None = None) -> _Speaker:
        """A pronoun or anaphoric phrase: for 'he' and 'she', the best-scoring candidate person
        (_ranked_person); otherwise the most recent compatible speaker or sentence subject (a body with the
        description's head word first, a pair named together for 'they')."""
        unresolved = _Speaker(words, None, None, "unresolved", "unknown", None, "unresolved")
        if not kinds:
            return unresolved
        if pronoun in ("he", "she"):
            return self._ranked_person(words, position, "m" if pronoun == "he" else "f") or unresolved
        entity = None
        if pronoun == "they":
            entity = self._antecedent(position, kinds - {"person"}, head)
        entity = entity or self._antecedent(position, kinds, head)
        if pronoun == "they":
            pair = self._named_pair_before(position)
            if pair is not None and (entity is None or pair.position > entity.position):
                entity = pair  # 'Dr A and Dr B lead the group. ... they said'
        if entity is None or (entity.referent is not None and entity.referent.kind == "person"
                              and pronoun in (None, "it")):
            return unresolved
        return self._carried_speaker(words, entity, method, pronoun, None)

    def _ranked_person(self, words: str, position: int, gender: str) -> _Speaker | None:
        """'she said': the candidate (_candidates) that scores best with the weights of
        scripts/extract/speaker_ranking.py; None when there is none, or when the second best scores within the
        margin of it (two people equally likely)."""
        candidates = self._candidates(position, gender)
        latest = max((c.latest for c in candidates), default=-1)
        spoke = max((c.latest for c in candidates if c.last_speaker), default=None)
        speaking = max((c.latest for c in candidates if c.speaker or c.saying_subject), default=None)
        features = [self._features(c, position, gender, latest, spoke, speaking) for c in candidates]
        speakers = [self._carried_speaker(words, c.entity, "pronoun", None, gender) for c in candidates]
        same = [_referent_key(s) for s in speakers]
        chosen, _ = RANKING["person_pronoun"].choose(features, same)
        if self.oracle is not None and self._filling is not None:
            right = self.oracle(self._filling["start"], self._filling["end"], speakers)
            chosen = right if right is not None else chosen
        if self.recording:
            self._last_decision = {"group": "person_pronoun", "features": features, "speakers": speakers,
                                   "same": same}
        if chosen is None:
            return None
        entity = candidates[chosen].entity
        if entity.kind == "person" and entity.referent is not None and entity.referent.gender is None:
            entity.referent.gender = gender  # the text has now used this pronoun of them
        return speakers[chosen]

    def _carried_speaker(self, words: str, entity: _Entity, method: str, pronoun: str | None,
                         gender: str | None) -> _Speaker:
        """The speaker a pronoun or description gets when it stands for entity."""
        referent = entity.referent
        if gender:
            if entity.kind == "spokesperson":
                name = entity.name or self._organisation_name(referent, entity.organisation_id)
                return _Speaker(words, None, entity.organisation_id, "resolved" if entity.organisation_id else
                                "unresolved", "spokesperson", name, "pronoun" if name else "unresolved", referent)
            person = entity.person_id or (referent.person_id if referent else None)
            organisation = entity.organisation_id or (self.lexicon.person_organisation(person) if person else None) \
                or (referent.organisation_id if referent else None)
            name = entity.name or (referent.name if referent else None) or self.lexicon.name_of("person", person)
            return _Speaker(words, person, organisation, "resolved" if person else "unresolved", "person",
                            name, "pronoun" if name else "unresolved", referent)
        status = "resolved" if entity.person_id or entity.organisation_id else "unresolved"
        name = entity.name or (referent.name if referent else None) or \
            self._organisation_name(None, entity.organisation_id)
        if entity.kind == "joint" and method == "pronoun":
            method = "joint"
        elif entity.kind in ("organisation", "spokesperson") and method == "pronoun":
            method = "organisation-spokesperson" if pronoun == "it" else "pronoun"
        return _Speaker(words, entity.person_id, entity.organisation_id, status, entity.kind,
                        name if name else None, method if name else "unresolved", referent)

    def _candidates(self, position: int, gender: str) -> list[_Candidate]:
        """Whom 'he' or 'she' at position may stand for: the speakers, the sentence subjects and the people named
        in its paragraph and the _RANK_PARAGRAPHS before it, and a person-shaped name heading the sentence
        before; one candidate per referent. Left out: people the text gave the other gender, pairs, and bodies
        (unless their spokeswoman or spokesman, of the pronoun's gender, spoke)."""
        paragraph = bisect.bisect_right(self._paragraph_starts, position) - 1
        floor = self._paragraph_starts[max(0, paragraph - _RANK_PARAGRAPHS)] if paragraph >= 0 else 0
        found: dict = {}

        def add(entity: _Entity | None, end: int | None = None, **flags) -> None:
            if entity is None or not floor <= entity.position < position:
                return
            kind = entity.kind
            if kind not in ("person", "spokesperson") or (kind == "spokesperson" and entity.gender != gender):
                return
            known = entity.gender or (entity.referent.gender if entity.referent is not None else None) \
                or self._gender_from_text(entity.referent)
            if known not in (None, gender):
                return
            key = _candidate_key(entity)
            candidate = found.get(key)
            if candidate is None:
                candidate = found[key] = _Candidate(entity)
            if entity.position >= candidate.latest:
                candidate.latest = entity.position
                if end is not None:
                    candidate.latest_end = end
            for flag, value in flags.items():
                if value:
                    setattr(candidate, flag, True)

        last = next((e for e in reversed(self.entities[-24:]) if e.position < position), None)
        for entity in self.entities[-24:]:
            add(entity, speaker=True, last_speaker=entity is last)
        own = bisect.bisect_right(self._sentence_starts, position) - 1
        index = bisect.bisect_left(self._sentence_starts, position) - 1
        while index >= 0 and self.sentences[index].start >= floor and own - index < 10:
            subject = self._subject_entity(index)
            sentence = self.sentences[index]
            saying = subject is not None and any(
                _saying(w.group()) or w.group().lower() in _STANCE_VERBS
                for w in _WORD.finditer(self.masked, subject.position, sentence.end))
            add(subject, subject=True, previous_subject=index == own - 1, saying_subject=saying,
                previous_saying=saying and index == own - 1)
            index -= 1
        if own >= 1:
            # a person-shaped name no cue made a person heading the sentence before, before a verb in the past or
            # an auxiliary ('Tom Hale, who runs a pharmacy, disagreed.'); when nobody else is a candidate, before
            # any verb ('Mira Tallis works nights.')
            bare = self._bare_name_subject(self.sentences[own - 1], _PAST_OR_AUXILIARY)
            if bare is None and not found:
                bare = self._bare_name_subject(self.sentences[own - 1])
            add(bare, subject=True, previous_subject=True, unshaped=True)
        for mention in self.names.before(position, 40):
            if mention.start < floor:
                break
            referent = mention.referent
            if self.masked[mention.start] == _MASK:
                continue  # named inside a quotation
            if id(referent) in self.names.weak or id(referent) in self.names.bare:
                continue  # a name kept only as a speaker's, or named bare in prose: no antecedent (names.py)
            add(_Entity(mention.start, referent.kind, referent.person_id, referent.organisation_id, referent.name,
                        referent), mention.end)
        return list(found.values())

    def _features(self, candidate: _Candidate, position: int, gender: str, latest: int, spoke: int | None,
                  speaking: int | None) -> tuple[float, ...]:
        """speaker_ranking.FEATURES of one candidate, in that order (latest: where the most recent candidate was
        named; spoke: where the last speaker was last named, if a candidate)."""
        entity = candidate.entity
        referent = entity.referent
        own = bisect.bisect_right(self._sentence_starts, position) - 1
        at = bisect.bisect_right(self._sentence_starts, candidate.latest) - 1
        paragraph = bisect.bisect_right(self._paragraph_starts, position) - 1
        paragraph_at = bisect.bisect_right(self._paragraph_starts, candidate.latest) - 1
        before = self.masked[max(0, candidate.latest - 12):candidate.latest].split()
        end = candidate.latest_end
        known = entity.gender or (referent.gender if referent is not None else None) or self._gender_from_text(referent)
        return (
            min(own - at, 8) / 8,
            min(paragraph - paragraph_at, 4) / 4,
            float(at == own),
            float(candidate.latest == latest),
            float(spoke is not None and not candidate.last_speaker and candidate.latest > spoke),
            float(candidate.last_speaker),
            float(candidate.speaker),
            float((candidate.speaker or candidate.saying_subject) and candidate.latest == speaking),
            float(candidate.subject),
            float(candidate.previous_subject),
            float(candidate.saying_subject),
            float(candidate.previous_saying),
            float(entity.kind == "spokesperson"),
            float(bool(before) and before[-1].lower() in _PREPOSITIONS),
            float(end is not None and self.masked[end:end + 1] in ("'", "\u2019")),
            min(self._mentions_before(referent, position), 8) / 8 if referent is not None else 0.0,
            float(known == gender),
            float(candidate.unshaped),
        )

    def _mentions_before(self, referent: Referent, position: int) -> int:
        """How often the text named this referent before position (its salience)."""
        if self._mention_starts is None:
            self._mention_starts = {}
            for mention in self.names.mentions:
                self._mention_starts.setdefault(id(mention.referent), []).append(mention.start)
        return bisect.bisect_left(self._mention_starts.get(id(referent), []), position)

    def _bare_name_subject(self, sentence: Span, verb: re.Pattern = _SUBJECT_TAIL) -> _Entity | None:
        """A person-shaped name that no cue made a person heading a sentence, before its verb (what `verb`
        matches) or an aside between commas ('Tom Hale, who runs a pharmacy, disagreed.')."""
        bare = _BARE_NAME_HEADING.match(self.masked, sentence.start, sentence.end)
        if bare is None or not _is_person_name(bare.group(1)) or self.names.within(bare.start(1), bare.end(1)):
            return None
        after = bare.end(1)
        for _ in range(3):  # up to two asides, an age, then a description: 'Jo Bell, 34, a nurse in Northtown, said'
            if verb.match(self.masked, after, sentence.end):
                return _Entity(sentence.start, "person", None, None, bare.group(1), None)
            comma = self.masked.find(",", after + 1, min(sentence.end, after + 90))
            if comma < 0 or (after == bare.end(1) and not self.masked.startswith(",", after)):
                return None  # neither a verb nor an aside between commas after the name
            after = comma + 1
        return None

    def _antecedent(self, position: int, kinds: frozenset, head: str | None = None) -> _Entity | None:
        best = None
        for e in reversed(self.entities[-24:]):
            if e.position < position and e.kind in kinds:
                best = e
                break
        if head is not None:
            fitting = self._organisation_with_head(position, head, best)
            if fitting is not None:
                return fitting
        index = bisect.bisect_left(self._sentence_starts, position) - 1
        own = bisect.bisect_right(self._sentence_starts, position) - 1
        looked_at = 0
        while index >= 0 and looked_at < 8:
            sentence = self.sentences[index]
            if best and sentence.end <= best.position:
                break
            looked_at += 1
            # A description ('the union') never stands for the subject of its own clause: 'X reported that the
            # union has warned' is about another body (the same body would be 'it'). A pronoun may. (A quotation
            # opening a sentence does not end the one before for the splitter: there the subject may still be it.)
            subject = self._subject_entity(index) or self._closing_reporter(index)
            if subject and head is not None and index == own and _MASK not in self.masked[subject.position:position]:
                subject = None
            if subject and subject.position < position and subject.kind in kinds \
                    and (best is None or subject.position > best.position):
                return subject
            index -= 1
        return best

    def _organisation_with_head(self, position: int, head: str, best: _Entity | None) -> _Entity | None:
        """'the union', 'the department': the organisation named just before whose name has that head word."""
        for mention in self.names.before(position, 30):
            if best is not None and mention.start < best.position:
                return None
            referent = mention.referent
            if referent.kind == "organisation" and referent.head == head and self.masked[mention.start] != _MASK:
                return _Entity(mention.start, "organisation", None, referent.organisation_id, referent.name,
                               referent)
        return None

    def _subject_entity(self, index: int) -> _Entity | None:
        if index not in self._subjects:
            mention = self._subject_mention(self.sentences[index])
            entity = None
            if mention:
                match, spokes = mention[2], mention[3]
                named = self.names.within(match.start, match.end)
                referent = named[0].referent if named else None
                if match.alias.entity_kind == "person":
                    entity = _Entity(match.start, "person", match.alias.entity_id, match.alias.organisation_id,
                                     referent.name if referent else None, referent)
                else:
                    entity = _Entity(match.start, "spokesperson" if spokes else "organisation", None,
                                     match.alias.entity_id, referent.name if referent else None, referent)
            else:
                entity = self._uncurated_subject(self.sentences[index]) or \
                    self._described_subject(self.sentences[index])
            self._subjects[index] = entity
        return self._subjects[index]

    def _uncurated_subject(self, sentence: Span) -> _Entity | None:
        """A name nobody curated heading a sentence ('The Northtown Health Board said ...', 'Dr Jo Bell has')."""
        lead = _LEADING_DETERMINER.match(self.masked, sentence.start, sentence.end)
        named = self.names.within(sentence.start, min(sentence.end, lead.end() + 120))
        prefixed = bool(named) and named[0].start not in (sentence.start, lead.end())
        if prefixed:
            named = [m for m in named[:3] if m.referent.kind == "person"
                     and self._role_prefixed(lead.end(), m.start, m.end)][:1]
        if not named:
            return None
        mention = named[0]
        if self.masked[mention.end:mention.end + 1] in ("'", "\u2019"):
            mention = self._owned_person(mention.end, [(m.start, m.end, m, m.referent.kind) for m in named[1:3]])
            if mention is None or mention.curated:
                return None  # (a curated one heads it through _subject_mention)
        elif mention.curated:
            return None
        after = mention.end
        defined = _DEFINED_ACRONYM.match(self.masked, after, sentence.end)  # 'The X (XA) negotiated ...'
        after = defined.end() if defined else after
        if prefixed and self.masked.startswith(",", after) and \
                self.masked[:mention.start].rstrip().endswith(","):  # 'Her colleague, Jo Bell, said': the closing comma
            after += 1
        elif self.masked.startswith(",", after):  # 'Jane Roe, the health minister, said'
            comma = self.masked.find(",", after + 1, min(sentence.end, after + 90))
            after = comma + 1 if comma > 0 else after
        referent = mention.referent
        placed = _PLACE_AFTER_BODY.match(self.masked, after, sentence.end) if referent.kind == "organisation" \
            else None
        if placed:
            after = placed.end()
            acronym = _DEFINED_ACRONYM.match(self.masked, after, sentence.end)  # 'The X in Y (XY) said'
            after = acronym.end() if acronym else after
        tail = _SUBJECT_TAIL.match(self.masked, after, sentence.end)
        if tail is None:
            return None
        if referent.kind == "person":
            return _Entity(mention.start, "person", None, None, referent.name, referent)
        kind = "spokesperson" if tail.group("spokes") else "organisation"
        name = referent.name
        if mention is not named[0]:  # "The KDA's consultants committee": named with its owner
            name = _name_words(re.sub(r"['\u2019]s?(?=\s)", "", self.text[named[0].start:mention.end]))
        elif placed and name and _OFFICE_OF.fullmatch(name):
            # 'The Ministry of Transport in Wessex said': a department's name needs its place ('the X Hospital in
            # Y' does not: there the place only locates the body)
            name = f"{name} {' '.join(placed.group().split())}"
        return _Entity(mention.start, kind, None, None, name, referent)

    def _described_subject(self, sentence: Span) -> _Entity | None:
        """'The association declared ...': a sentence headed by 'the' and a body's head word stands for the body
        with that head named before it, so that a later 'it said' can point back to it."""
        lead = _SUBJECT_DESCRIPTION.match(self.masked, sentence.start, min(sentence.end, sentence.start + 60))
        if lead is None:
            return None
        group = "first" if lead.group("first") in _COLLECTIVE_NOUNS else "second"
        if lead.group(group) not in _COLLECTIVE_NOUNS \
                or _SUBJECT_TAIL.match(self.masked, lead.end(group), sentence.end) is None:
            return None
        return self._organisation_with_head(sentence.start, lead.group(group), None)

    def _possessed_body(self, attribution: _Attribution, named: list):
        """The organisation that ends the words at an attribution right after another one's possessive ("the
        KDA's consultants committee"), as a name mention; None otherwise."""
        organisations = [m for m in named if m.referent.kind == "organisation" and self.masked[m.start] != _MASK]
        if len(organisations) < 2 or organisations[-1].end != attribution.end:
            return None
        owner = organisations[-2]
        if owner.start != _LEADING_DETERMINER.match(self.masked, attribution.start, attribution.end).end():
            return None  # 'the co-chairs of the KDA's X committee': the words are about people of that body
        owned = self._owned_person(owner.end, [(organisations[-1].start, organisations[-1].end, organisations[-1],
                                                "organisation")])
        return owned if owned is not None and owner.referent.name != owned.referent.name else None

    def _owned_person(self, owner_end: int, named: list):
        """"The X's Dr Jo Bell", "X's head of policy Jo Bell", "The X's consultants committee": the first of the
        names after the owner (start, end, match, kind) when it follows the possessive after a body's name at
        owner_end directly, or (a person) after role words only."""
        possessive = _POSSESSIVE.match(self.masked, owner_end)
        if possessive is None or not named:
            return None
        start, end, match, kind = named[0]
        if self.masked[end:end + 1] in ("'", "\u2019") or kind not in ("person", "organisation"):
            return None
        between = possessive.end()
        if self.masked[between:start].strip() and (kind != "person" or not self._role_prefixed(between, start, end)):
            return None
        return match

    def _role_prefixed(self, start: int, name_start: int, name_end: int) -> bool:
        """Whether masked[start:name_start] is a role ('Health secretary ', 'KDA council chair '), or a short
        noun phrase the name stands in apposition to ('Her colleague, Dr X, said', "The union's chair, X, has")."""
        words = self.masked[start:name_start].split()
        if words and words[-1].endswith(",") and self.masked.startswith(",", name_end):
            words[-1] = words[-1][:-1]
            return 0 < len(words) <= 5 and words[-1][:1].islower() and all(
                w[:1].isalnum() and not w.endswith((",", ";", ":")) and w.lower() not in _STOP_WORDS for w in words)
        return 0 < len(words) <= 5 and (words[-1].lower() in _ROLE_WORDS or _personal_description(words[-1].lower())) and \
            all(w[:1].isalnum() and not w.endswith((",", ";", ":")) and w.lower() not in _STOP_WORDS for w in words)

    def _subject_mention(self, sentence: Span):
        """A curated name heading a sentence ('The Government has ...', 'A DVSC spokesperson did not ...')."""
        lead = _LEADING_DETERMINER.match(self.masked, sentence.start, sentence.end)
        matches = self.lexicon.find(self.masked, sentence.start, min(sentence.end, lead.end() + 120))
        if matches and matches[0].start not in (sentence.start, lead.end()):
            # 'Health secretary Jane Roe said': role words before a person's name
            matches = [m for m in matches[:3] if m.alias.entity_kind == "person"
                       and self._role_prefixed(lead.end(), m.start, m.end)][:1]
        if not matches:
            return None
        match: AliasMatch = matches[0]
        if self.masked[match.end:match.end + 1] in ("'", "\u2019"):  # 'Mr Poole’s talks' is not about him
            owned = self._owned_person(match.end, [(m.start, m.end, m, m.alias.entity_kind) for m in matches[1:3]])
            if owned is None:
                return None
            match = owned  # "The KDA's Dr Jo Bell noted ...": the person the body's name qualifies heads it
        defined = _DEFINED_ACRONYM.match(self.masked, match.end, sentence.end)  # 'The X (XA) negotiated ...'
        tail = _SUBJECT_TAIL.match(self.masked, defined.end() if defined else match.end, sentence.end)
        if tail is None:
            return None
        end = tail.end("spokes") if tail.group("spokes") else match.end
        return sentence.start, end, match, bool(tail.group("spokes"))

    # ---- positions -----------------------------------------------------------------------------------------

    def _sentence_after(self, sentence: Span) -> Span | None:
        i = bisect.bisect_left(self._sentence_starts, sentence.end)
        return self.sentences[i] if i < len(self.sentences) else None

    def _sentence_of(self, offset: int) -> Span:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        i = bisect.bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return Span(offset, offset + 1)

    # ---- reported speech and colon clauses (issue 8, ninth session) -------------------------------------------

    def _speakers_bodies(self, quote: _Quote) -> set:
        """The organisations (referent ids and curated ids) named in the sentence that introduces or attributes
        quote ('Jo Bell, chair of the X, said: “...”'): narration about them after the quotation ('The X has 40,000
        members.') is background on the speaker, not a new speaker."""
        sentence = self._sentence_of(quote.open)
        start = sentence.start
        if self._opens_paragraph(quote) and quote.paragraph > 0:  # introduced by the paragraph before: 'X said:'
            start = self._sentence_of(self.paragraphs[quote.paragraph - 1].end - 1).start
        bodies = set()
        for mention in self.names.within(start, sentence.end):
            if mention.referent.kind == "organisation" and self.masked[mention.start] != _MASK:
                bodies.add(id(mention.referent))
                if mention.referent.organisation_id:
                    bodies.add(mention.referent.organisation_id)
        return bodies

    def _gender_from_text(self, referent: Referent | None) -> str | None:
        """The gender the text's own words give a person no title gave one (scripts/extract/pronoun_gender.py)."""
        if referent is None:
            return None
        if self._text_genders is None:
            self._text_genders = genders_from_text(self.masked, self.sentences, self.names.mentions, _MASK)
        return self._text_genders.get(id(referent))

    def _story_paragraphs_between(self, first: int, last: int) -> list[int] | None:
        """The paragraphs between paragraphs first and last that are story, not a caption or heading set between
        (_interruption: short, no full stop, no quotation and no verb of saying in it: 'Advertisement', 'Nurses at
        the gate (Photo: Jo Bell/PA)'); None when more than _MAX_INTERRUPTIONS of those stand between."""
        story, passed = [], 0
        for index in range(first + 1, last):
            paragraph = self.paragraphs[index]
            if _interruption(self.text, paragraph) and _MASK not in self.masked[paragraph.start:paragraph.end] \
                    and not _verbs(self.masked, paragraph.start, paragraph.end):
                passed += 1
                if passed > _MAX_INTERRUPTIONS:
                    return None
            else:
                story.append(index)
                if len(story) > 1:
                    return story  # (more than its caller accepts: no need to read further)
        return story

    def _person_heading_paragraph_before(self, quote: _Quote) -> _Attribution | None:
        """A paragraph that is one whole quotation after a paragraph of narration whose last sentence a person
        heads with a verb of taking a side or of saying, naming nobody else ('Sam Poole, the health minister,
        disagreed.', 'Tom Hale rejected the claim.', 'Jo Bell responded.', then '“...”'): that person's words; a
        new person introduced this way also ends an earlier speaker's run of paragraphs. A sentence that only sets
        a scene ('Dr X walked out of the clinic.') gives no speaker (the nearest name is not taken blindly)."""
        paragraph = self.paragraphs[quote.paragraph]
        if quote.paragraph == 0 or quote.close is None or quote.continues is not None or quote.continued \
                or not self._opens_paragraph(quote) \
                or self.masked[quote.close:paragraph.end].strip(" .,;!?\u2026\t\n") \
                or not _SENTENCE_FINAL.search(self.text, quote.start, quote.close):
            return None
        before = self.paragraphs[quote.paragraph - 1]
        if _MASK in self.masked[before.start:before.end] or not self.masked[before.start:before.end].rstrip().endswith(
                (".", "!")):
            return None
        index = bisect.bisect_right(self._sentence_starts, before.end - 1) - 1
        if index < 0 or self.sentences[index].start < before.start:
            return None
        scene = self.sentences[index]
        named = self.names.within(scene.start, scene.end)
        people = _distinct([m.referent for m in named if m.referent.kind == "person"])
        if len(people) != 1 or any(m.referent.kind != "person" and m.start == scene.start for m in named):
            return None
        mention = next(m for m in named if m.referent.kind == "person")
        subject = self._subject_entity(index)
        if subject is None or subject.kind != "person":
            # a curated name heading the sentence before an appositive ('Sam Poole, the health minister, visited')
            lead = _LEADING_DETERMINER.match(self.masked, scene.start, scene.end).end()
            if named[0] is not mention or mention.start != lead or not self.masked.startswith(", ", mention.end):
                return None
        if not any(w.group().lower() in _STANCE_VERBS or _saying(w.group())
                   for w in _WORD.finditer(self.masked, mention.end, scene.end)):
            return None  # 'Dr X walked out of the clinic.' sets a scene; it does not say who speaks next
        return _Attribution(mention.start, mention.end, "", tight=False)

    def _closing_reporter(self, index: int) -> _Entity | None:
        """The person or body an attribution closing a sentence of reported speech names ('The walkout runs from
        Monday, the X said in a statement.', '..., said the X.'): the one who spoke in that sentence, so that a
        description ('The trade union said ...') or a pronoun in the next can stand for them. Only the last name
        of the sentence, after a comma, right before a verb of saying (or right after an inverted one)."""
        sentence = self.sentences[index]
        named = self.names.within(sentence.start, sentence.end)
        if not named:
            return None
        mention = named[-1]
        if _MASK in self.masked[mention.start:mention.end] or _MASK in self.masked[mention.end:sentence.end]:
            return None
        before = _REPORTER_BEFORE.search(self.masked, max(sentence.start, mention.start - 24), mention.start)
        if before is None:
            return None
        if before.group("according"):
            pass  # ', according to the X.'
        elif before.group("verb"):
            if not _is_invertible(before.group("verb")):
                return None  # ', told the X': a listener
        else:
            verb = _VERB_AFTER_REPORTER.match(self.masked, mention.end, sentence.end)
            if verb is None or verb.group(1) not in _REPORTING_VERB_SET:
                return None
        referent = mention.referent
        kind = referent.kind if referent.kind in ("person", "organisation") else None
        if kind is None:
            return None
        return _Entity(mention.start, kind, referent.person_id, referent.organisation_id, referent.name, referent)

    def _one_before_colon(self, mentions: list, colon: int, cue: str) -> _Attribution | None:
        """A quotation after a colon whose sentence names several people or bodies: the one named before the
        colon, in the clause the colon closes ('In the morning Jo Bell gave her line: “...”, a dig at the X.');
        words after the quotation are the writer's. Two before the colon: no speaker."""
        before = [m for m in mentions if m.end <= colon]
        if len({_mention_key(m) for m in before}) != 1:
            return None
        return _Attribution(before[0].start, before[0].end, cue, tight=True)


# ---- finding quotation marks --------------------------------------------------------------------------------

def _held(positions: list[int], spans: list[Span]) -> list[tuple[int, Span, list[int]]]:
    """(index, span, the positions inside it) of each span that holds one of positions (sorted)."""
    found = []
    for i, span in enumerate(spans):
        low = bisect.bisect_left(positions, span.start)
        high = bisect.bisect_left(positions, span.end, low)
        if low < high:
            found.append((i, span, positions[low:high]))
    return found


def _inside(positions: list[int], span: Span) -> list[int]:
    low = bisect.bisect_left(positions, span.start)
    return positions[low:bisect.bisect_left(positions, span.end, low)]


def _ends_inside(ends: list[int], paragraph: Span) -> list[int]:
    """The ends of the whole-text sentence-end matches that a scan of the paragraph alone finds: those inside it,
    less one that ends the paragraph (its look-ahead needs white space and a capital, which the paragraph
    alone lacks; within the paragraph the look-ahead sees the same characters). Tests compare the two."""
    low = bisect.bisect_right(ends, paragraph.start)
    return ends[low:bisect.bisect_left(ends, paragraph.end, low)]


def _double_quotes(text: str, paragraph: Span, index: int, marks: list[int] | None = None) -> list[_Quote]:
    """The double-quoted quotations of a paragraph; marks: where its double marks are, when already found."""
    found = []
    opened = None
    if marks is None:
        marks = [m.start() for m in _DOUBLE_MARK.finditer(text, paragraph.start, paragraph.end)]
    for at in marks:
        mark = text[at]
        before = text[at - 1] if at > paragraph.start else " "
        after = text[at + 1] if at + 1 < paragraph.end else " "
        opener_shaped = (before.isspace() or before in _BEFORE_OPENER) and not after.isspace()
        closer_shaped = not before.isspace() and (after.isspace() or after in _AFTER_CLOSER)
        if opened is None:
            if (mark not in _OPENING_DOUBLE and closer_shaped) or mark == "\u00bb":
                continue  # a stray closing mark ('»' also separates a site's sections: 'News » Health')
            opened = at
        elif mark not in _CLOSING_DOUBLE and opener_shaped and not closer_shaped:
            found.append((opened, at, None))  # the previous quotation was never closed
            opened = at
        else:
            found.append((opened, at, at + 1))
            opened = None
    if opened is not None:
        found.append(_unclosed(text, opened, paragraph.end))
    return [q for q in (_quote(text, index, o, e, c, single=False) for o, e, c in found) if q]


def _unopened(text: str, paragraph_spans: list[Span], found: list[_Quote]) -> list[_Quote]:
    """Quotations whose opening mark the copy left out: a paragraph whose first quotation mark is a closing one
    right after the speech's own comma, '!' or '?' (or before a comma), followed by an attribution ('We will not
    back down,” she said.', "We will not back down,' said Dr X."), or a closing double mark ending the paragraph
    after a full stop when the paragraph before ends inside a double quotation (the last paragraph of a quotation
    over several). The quotation runs from the paragraph's start (past a bullet) to that mark; an apostrophe
    ('doctors’ pay', 'don’t') never has the speech's punctuation before it."""
    quotes = []
    first_quote = {}
    left_open = set()  # paragraphs ending inside a double quotation
    for quote in found:
        first_quote[quote.paragraph] = min(first_quote.get(quote.paragraph, quote.open), quote.open)
        if quote.close is None and not quote.single:
            left_open.add(quote.paragraph)
    for index, paragraph in enumerate(paragraph_spans):
        mark = _first_mark_past_apostrophes(text, paragraph)
        if mark is None or mark.group() not in _CLOSERS_WITHOUT_OPENER \
                or mark.start() >= first_quote.get(index, paragraph.end) or mark.start() - paragraph.start < 2:
            continue
        at = mark.start()
        if index - 1 in left_open and text[at] in _CLOSING_DOUBLE + '"' and text[at - 1] in ".!?\u2026" \
                and not text[at + 1:paragraph.end].strip():
            # the last paragraph of a quotation running over several, its opening mark left out: the paragraph
            # before ends inside the quotation, and this one closes it at its end after a full stop
            pass
        elif text[at - 1] not in ",!?" and (text[at] in "'\u2019" or text[at + 1:at + 2] != ","):
            continue
        elif not _ATTRIBUTION_AFTER_UNOPENED.match(text, at + 1, paragraph.end):
            continue
        start = paragraph.start
        bullet = _BULLET.match(text, start, paragraph.end)
        if bullet:
            start = bullet.end()
        while start < at and text[start].isspace():
            start += 1
        if text[start:start + 1].isupper():  # speech opens with a capital: a sentence, not a cut clause
            quotes.append(_Quote(index, start, start, at, at + 1, text[at] in "'\u2019"))
    return quotes


def _first_mark_past_apostrophes(text: str, paragraph: Span) -> re.Match | None:
    """The first quotation mark (or closer) of a paragraph that is no apostrophe inside or after a word ('don’t',
    "doctors' pay"): in 'We don’t want this.”' the mark that closes the speech is the second one."""
    for mark in _ANY_MARK_OR_CLOSER.finditer(text, paragraph.start, paragraph.end):
        at = mark.start()
        if text[at] in "'\u2019" and at > paragraph.start and text[at - 1].isalpha() and (
                text[at + 1:at + 2].isalpha() or _plural_possessive(text, at, paragraph.end)):
            continue
        return mark
    return None


def _unclosed(text: str, opened: int, end: int) -> tuple[int, int, int | None]:
    """(opener, end, close) of a quotation whose closing mark never comes in its paragraph: it runs to the
    paragraph's end, unless an inverted attribution closing the paragraph shows where the speech stopped
    ('“We raised pay by 5%, said the minister.': the mark was left out before ', said')."""
    turned = _TURNED_SINGLE_CLOSER.search(text, opened + 1, end) if text[opened] == "\u2018" else None
    if turned is not None:
        return opened, turned.start(), turned.end()  # '‘We will not back down,‘ the X said.': closed by its opener
    said = _UNCLOSED_ATTRIBUTION.search(text, opened + 1, end)
    if said is None or _SENTENCE_END.search(text, said.end(), end):
        return opened, end, None
    return opened, said.start(), said.start()


def _single_quotes(masked: str, paragraph: Span, index: int, openers: list[int] | None = None,
                   closers: list[int] | None = None) -> list[_Quote]:
    """The single-quoted quotations of a paragraph; openers, closers: where its marks are, when already found
    (the patterns' look-arounds see the same characters from a whole-text scan: a paragraph is cut at white
    space, which neither look-ahead accepts)."""
    if openers is None:
        openers = [m.start() for m in _SINGLE_OPEN.finditer(masked, paragraph.start, paragraph.end)]
    if not openers:
        return []
    if closers is None:
        closers = [m.start() for m in _SINGLE_CLOSE.finditer(masked, paragraph.start, paragraph.end)]
    if _APOSTROPHE_SHAPES.search(masked, paragraph.start, paragraph.end):
        openers = [a for a in openers if not _apostrophe_opener(masked, a, paragraph.start)]
        closers = [c for c in closers if not _N_BETWEEN_MARKS.match(masked, c - 3)]
    quotes = []
    resume = paragraph.start
    for at in openers:
        if at < resume:
            continue
        first = bisect.bisect_right(closers, at)
        if first == len(closers):
            quote = _quote(masked, index, *_unclosed(masked, at, paragraph.end), single=True)
            quotes += [quote] if quote else []
            break
        close = next((c for c in itertools.islice(closers, first, None)
                      if not _plural_possessive(masked, c, paragraph.end)), closers[first])
        quote = _quote(masked, index, at, close, close + 1, single=True)
        quotes += [quote] if quote else []
        resume = close + 1
    return quotes


def _outside(inner: list[_Quote], outer: list[_Quote]) -> list[_Quote]:
    """The quotations of inner that no quotation of outer encloses: in '‘We voted to say “enough”.’' the double
    marks quote words within the single-quoted speech, which stay part of its text (one quotation, not two)."""
    spans = sorted((q.open, q.close if q.close is not None else q.end) for q in outer)
    opens = [s[0] for s in spans]
    kept = []
    for quote in inner:
        i = bisect.bisect_left(opens, quote.open) - 1  # the last outer quotation opening before this one
        if i >= 0 and (quote.close if quote.close is not None else quote.end) <= spans[i][1]:
            continue
        kept.append(quote)
    return kept


def _mention_key(mention) -> tuple:
    """Who a name mention stands for: the curated id, else the referent's name."""
    referent = mention.referent
    return referent.person_id or referent.organisation_id or referent.name


def _apostrophe_opener(masked: str, at: int, start: int) -> bool:
    """A mark shaped like a single opener that is an apostrophe: a year cut to two digits ('in \'23', 'the \'90s')
    after a word that is no verb of saying, or the 'n' of 'rock \'n\' roll'."""
    if _N_BETWEEN_MARKS.match(masked, at - 1):
        return True
    if not _YEAR_APOSTROPHE.match(masked, at):
        return False
    before = _WORD_JUST_BEFORE.search(masked, max(start, at - 30), at)
    return before is not None and not _saying(before.group(1))


def _plural_possessive(text: str, at: int, end: int) -> bool:
    """'doctors’ pay': an apostrophe after a plural s with a lower-case word after it."""
    return text[at - 1] in "sS" and at + 2 < end and text[at + 1] == " " and text[at + 2].islower()


def _quote(text: str, index: int, opener: int, end: int, close: int | None, single: bool) -> _Quote | None:
    start = opener + 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Quote(index, opener, start, end, close, single) if end > start else None


def _masked(text: str, quotes: list[_Quote]) -> str:
    """text with the words inside each quotation replaced by _MASK, keeping a final stop or comma."""
    pieces = []
    done = 0
    for quote in sorted(quotes, key=lambda q: q.start):
        if quote.start < done:
            continue  # inside a quotation already masked: the masked copy keeps every offset of text
        content = text[quote.start:quote.end]
        kept = len(content) - len(content.rstrip(".,!?\u2026"))
        pieces += [text[done:quote.start], _MASK * (len(content) - kept), content[len(content) - kept:]]
        done = quote.end
    pieces.append(text[done:])
    return "".join(pieces)


def _interruption(text: str, paragraph: Span) -> bool:
    """A caption or a heading (the caller knows it holds no quotation): a short paragraph that does not end
    as a sentence of the story does (no full stop: 'Nurses at the gate (Photo: agency)', 'What next?')."""
    words = text[paragraph.start:paragraph.end].strip()
    return bool(words) and len(words) <= 200 and not words.endswith(".")


def _mark_continuations(text: str, quotes: list[_Quote], paragraph_spans: list[Span]) -> None:
    last_in_paragraph: dict[int, _Quote] = {}
    first_in_paragraph: dict[int, _Quote] = {}
    for quote in quotes:
        if quote.paragraph not in last_in_paragraph or last_in_paragraph[quote.paragraph].end <= quote.start:
            last_in_paragraph[quote.paragraph] = quote  # a quotation inside another is not the paragraph's last
        first_in_paragraph.setdefault(quote.paragraph, quote)
    for index, quote in first_in_paragraph.items():
        previous = last_in_paragraph.get(index - 1)
        between = index - 1
        while previous is None and between > 0 and index - between <= _MAX_INTERRUPTIONS \
                and _interruption(text, paragraph_spans[between]):
            # a caption or a heading set between two paragraphs of one quotation
            between -= 1
            previous = last_in_paragraph.get(between)
        if previous and previous.close is None and previous.single == quote.single \
                and quote.open == paragraph_spans[index].start:
            quote.continues = previous
            previous.continued = True


def _sentences(masked: str, paragraph: Span, ends: list[int] | None = None) -> list[Span]:
    """The sentences of a paragraph; ends: where its sentence-end matches end, when already found."""
    spans = []
    start = paragraph.start
    if ends is None:
        ends = [m.end() for m in _SENTENCE_END.finditer(masked, paragraph.start, paragraph.end)]
    for end in ends:
        spans.append(Span(start, end))
        start = end
        while start < paragraph.end and masked[start].isspace():
            start += 1
    if start < paragraph.end:
        spans.append(Span(start, paragraph.end))
    return spans


def _passive_before(masked: str, start: int, end: int) -> re.Match | None:
    r"""_PASSIVE.search(masked, start, end), begun where a match can begin: its word (five letters at most) ends at
    the last character before end that is not white space (what follows it is \s+ to the end). The look-behind of
    \b sees the text before the window's start either way. Tests compare the two."""
    return _PASSIVE.search(masked, max(start, start + len(masked[start:end].rstrip()) - 5), end)


def _verbs(masked: str, start: int, end: int) -> list[_Verb]:
    """The reporting verbs in masked[start:end], in order."""
    found = []
    for word in _WORD.finditer(masked, start, end):
        written = word.group()
        if len(written) not in _VERB_LENGTHS:
            continue  # no reporting verb is that long (lowering keeps an ASCII word's length)
        lower = written.lower()
        if lower not in _REPORTING_VERB_SET and lower != "according":
            if lower == "comments" and _COMMENTS_ON.match(masked, word.end(), end) \
                    and _NAME_BEFORE_COMMENTS.search(masked, max(start, word.start() - 40), word.start()):
                found.append(_Verb(word.start(), word.end(), written))  # 'The X Fund comments on the strikes'
                continue
            if lower not in _GOING_ON:
                continue
            on = _GOES_ON.match(masked, word.end(), end)
            if on is None or (word.start() > 0 and (masked[word.start() - 1].isalnum()
                                                    or masked[word.start() - 1] in _NOT_NEXT_TO_VERB)):
                continue
            found.append(_Verb(word.start(), on.end(), masked[word.start():on.end()]))
            continue
        at, after = word.span()
        if (at > 0 and (masked[at - 1].isalnum() or masked[at - 1] in _NOT_NEXT_TO_VERB)) or \
                (after < len(masked) and (masked[after].isalnum() or masked[after] in _NOT_NEXT_TO_VERB)):
            continue  # part of a longer word, a handle or a hyphenated compound
        if _OFF.match(masked, after, end):
            continue
        if lower == "according":
            to = _TO.match(masked, after, end)
            if to is None:
                continue
            after = to.end()
        found.append(_Verb(at, after, masked[at:after]))
    return found


# ---- words ----------------------------------------------------------------------------------------------------

def _phrase_word(word: str) -> bool:
    """A token that can belong to a speaker's noun phrase."""
    return (word[0].isalnum() or word[0] in "@([") and word.lower() not in _STOP_WORDS


def _surname_word(tokens, i: int) -> bool:
    """'Jo May', 'Ann Day', 'Health Secretary Will Tarrant': a capitalised word that is also a stop word
    ('may', 'day', 'will') is a name word when a capitalised word of the phrase stands right before it. Words
    that only ever work as grammar ('In', 'The', 'Who') never are; 'In May' stays a date."""
    word = tokens[i][2]
    return i > 0 and word[:1].isupper() and word[1:].islower() and word.lower() not in _NEVER_NAME_WORDS \
        and tokens[i - 1][2][:1].isupper() and _phrase_word(tokens[i - 1][2])


def _phrase_start(tokens, last: int) -> int | None:
    """Index of the first token of the noun phrase that ends with tokens[last], read backwards."""
    if not (_phrase_word(tokens[last][2]) or _surname_word(tokens, last)) or tokens[last][2].lower() in _DETERMINERS:
        return None
    first = None
    i = last
    while i >= 0 and last - i < 16:
        word = tokens[i][2]
        lower = word.lower()
        if lower in _DETERMINERS:
            first = i
            if i > 0 and tokens[i - 1][2].lower() in ("of", "for"):  # 'chair of the KDA'
                i -= 1
                continue
            if i > 1 and tokens[i - 1][2].lower() in ("and", "&") and tokens[i - 2][2][:1].isupper() \
                    and lower == "the":  # 'the KDA and the Valley Medics Association said'
                i -= 1
                continue
            break
        if lower in ("of", "for", "and", "&"):
            if i == 0 or (lower in ("and", "&") and not tokens[i - 1][2][:1].isupper()
                          and not _determiner_just_before(tokens, i)):  # 'the health and care secretary'
                break
            i -= 1
            continue
        if word in ("'", "\u2019") and i > 0 and tokens[i - 1][2].endswith(("s", "S")):  # 'the doctors’ union'
            i -= 1
            continue
        if word == "." and i > 0 and tokens[i - 1][2].lower() in _TITLES and i < last:  # 'Dr. Jo Bell'
            i -= 1
            continue
        if not (_phrase_word(word) or _surname_word(tokens, i)):
            break
        first = i
        i -= 1
    return first


def _complement_clause(tokens, first: int) -> bool:
    """tokens[first - 1] is 'that'/'which'/'who' and tokens[first:] read back from a verb: True when 'that' comes
    right after a verb of saying ('X reported that the union has warned', 'X said that ministers had warned'):
    it opens what was said, a clause whose own subject speaks, not a relative clause about X ('the X which
    represents doctors called', 'the guild that the minister praised warned')."""
    return tokens[first - 1][2].lower() == "that" and first >= 2 and _saying(tokens[first - 2][2])


def _name_like(chunk) -> bool:
    """'The Rt Hon Sam Poole', 'Jo Bell': capitalised words and titles, not a description."""
    words = [t[2] for t in chunk]
    if not words[0][:1].isupper() or words[0].lower() in _STOP_WORDS:
        return False
    return all(w[:1].isupper() or w[:1] in "@(" or w.lower() in _TITLES | {"of", "and", "&"}
               or (w in _NAME_PARTICLES and 0 < i < len(words) - 1) for i, w in enumerate(words))


def _unclosed_appositive(tokens, first: int, last: int):
    """'Sir Jo Bell, chief executive at KHS X said:' - an appositive whose closing comma the writer left out
    (common in press releases): the name before the comma speaks, the role and body after it describe them.
    tokens[first:last + 1] is the phrase read back from the verb ('KHS X', or 'chief executive of KHS X')."""
    j = first - 1
    if j >= 1 and tokens[j][2].lower() in ("at", "for", "from", "with"):
        j -= 1
        while j >= 0 and tokens[j][2][:1].isalpha() and tokens[j][2].lower() not in _STOP_WORDS and first - j <= 6:
            j -= 1
    if j < 1 or tokens[j][2] != "," or not any(
            t[2].lower() in _ROLE_WORDS or t[2].lower().endswith("-chair") for t in tokens[j + 1:last + 1]):
        return None
    start = j - 1
    while start > 0 and tokens[start - 1][2] != "," and j - start < 6:
        start -= 1
    chunk = tokens[start:j]
    if not chunk or not _name_like(chunk) or _guess_kind(" ".join(t[2] for t in chunk)) != "person":
        return None
    return chunk[0][0], chunk[-1][1], (tokens[j + 1][0], tokens[last][1])


# What a body issues and the text then quotes as speaking ('The guidance said', 'The statement added').
_BODYS_DOCUMENT = re.compile(r"(?i)(?:the|this|that)\s+(?P<body>[a-z]+)['\u2019]s?\s+(?:[a-z-]+\s+)?(?P<document>[a-z]+)")
_DOCUMENT_NOUNS = frozenset("guidance statement letter advice document report post tweet message briefing".split())
_STATEMENT_NOUNS = frozenset("statement letter post tweet message note email release briefing".split())


def _statement_owner(tokens) -> int:
    """Index of the first token after 'a (joint) statement from' / 'a letter issued by', else 0."""
    i = 1 if tokens and tokens[0][2].lower() in ("a", "an", "the", "its", "their") else 0
    while i < len(tokens) and i < 4 and tokens[i][2][:1].islower() and tokens[i][2].lower() not in _STATEMENT_NOUNS:
        i += 1  # 'a joint statement', 'a press release'
    if i >= len(tokens) or tokens[i][2].lower() not in _STATEMENT_NOUNS:
        return 0
    i += 1
    if i < len(tokens) and tokens[i][2].lower() in ("issued", "released", "published", "signed", "sent"):
        i += 1
    return i + 1 if i + 1 < len(tokens) and tokens[i][2].lower() in ("from", "by") else 0


def _is_age(tokens, comma: int) -> bool:
    """The chunk just before tokens[comma] is a bare number between commas ('Jo Bell, 29, ...')."""
    return comma >= 2 and tokens[comma - 1][2].isdigit() and len(tokens[comma - 1][2]) <= 3 \
        and tokens[comma - 2][2] == ","


def _aside(token: str) -> bool:
    """A lower-case parenthesis such as '(pictured)'; '(KDA)' is part of a name."""
    return token.startswith("(") and token[1:2].islower()


def _is_invertible(verb: str) -> bool:
    return verb.lower() in _INVERTIBLE or verb.lower().startswith("according")


def _a_verb(text: str, at: int) -> bool:
    """Whether the word at `at` may be a verb: not right after an article or an owner ('the reported “deal”', 'the
    reports on “...”', "the board's cited “...”" are a noun or an adjective)."""
    before = _WORD_BEFORE_VERB.search(text, max(0, at - 30), at)
    word = before.group(1).lower() if before else ""
    return not (word in _DETERMINERS or word.endswith(("'s", "’s", "s'", "s’")))


def _saying(word: str) -> bool:
    """A verb that reports words, in the span rules: the reporting verbs and a few verbs of judging."""
    lower = word.lower()
    return lower in _REPORTING_VERB_SET or lower in _JUDGING_VERBS


def _is_participle(verb: str) -> bool:
    return verb.lower().endswith("ing")


def _has_spokes_noun(words: str) -> bool:
    return any(w.strip(".,").lower() in _SPOKES_NOUNS for w in words.split())


def _guess_kind(words: str) -> str:
    """What a later pronoun may call an unmatched speaker: 'Jane Roe' is a person, 'the union' a body."""
    parts = words.split()
    head = parts[-1].lower()
    if head in _SPOKES_NOUNS:
        return "spokesperson"
    if head in _COLLECTIVE_NOUNS:
        return "organisation"
    if parts[0].lower() in _DETERMINERS:
        return "group" if head.endswith("s") else "unknown"
    if parts[0].lower().rstrip(".") in _TITLES or all(
            p[:1].isupper() or (p in _NAME_PARTICLES and 0 < i < len(parts) - 1) for i, p in enumerate(parts)):
        return "person"
    return "group" if head.endswith("s") else "unknown"


def _fragment_words(text: str) -> list[str]:
    return [w for w in (w.strip(_FRAGMENT_PUNCTUATION).lower() for w in text.split()) if w]


def _speakers_of_fragments(rows: list[dict]) -> None:
    """A quotation with no attribution at all whose words (three or more) the article quotes again inside a longer
    attributed quotation (a headline's or a lead's fragment, the full quotation further down) is that
    quotation's speaker's, when all such quotations have one speaker. Quotations are found by their first three
    words in an index of every attributed quotation's word triples, so the work grows with the quotations' length,
    not with its square."""
    orphans = [row for row in rows if row["speaker_status"] == "none"]
    if not orphans:
        return
    index: dict[tuple[str, ...], list[int]] = {}
    words_of: dict[int, list[str]] = {}
    for i, row in enumerate(rows):
        if row["speaker_name"] is None:
            continue
        words = words_of[i] = _fragment_words(row["text"])
        for j in range(len(words) - 2):
            index.setdefault(tuple(words[j:j + 3]), []).append(i)
    for orphan in orphans:
        fragment = _fragment_words(orphan["text"])
        if len(fragment) < 3:
            continue
        joined = " " + " ".join(fragment) + " "
        holders = [rows[i] for i in dict.fromkeys(index.get(tuple(fragment[:3]), ()))
                   if len(words_of[i]) > len(fragment) and joined in " " + " ".join(words_of[i]) + " "]
        speakers = {(r["speaker_name"], r["speaker_person_id"], r["speaker_organisation_id"]) for r in holders}
        if len(speakers) == 1:
            source = holders[0]
            for column in ("speaker_text", "speaker_name", "speaker_person_id", "speaker_organisation_id",
                           "speaker_status", "speaker_method", "cue"):
                orphan[column] = source[column]


def _copy_speaker(source: dict, target: dict) -> None:
    """A paragraph or sentence that goes on with a quotation takes its speaker (method: continuation)."""
    for column in ("speaker_text", "speaker_name", "speaker_person_id", "speaker_organisation_id",
                   "speaker_status", "cue"):
        target[column] = source[column]
    target["speaker_method"] = "continuation" if source["speaker_name"] else "unresolved"


def _determiner_just_before(tokens, i: int) -> bool:
    """'the health and care secretary': a determiner at most two lower-case words before 'and'."""
    for j in range(i - 1, max(-1, i - 4), -1):
        word = tokens[j][2]
        if word.lower() in ("the", "a", "an"):
            return True
        if not word[:1].islower():
            return False
    return False


def _distinct(referents: list) -> list:
    seen, out = set(), []
    for r in referents:
        if id(r) not in seen:
            seen.add(id(r))
            out.append(r)
    return out


def _name_words(words: str) -> str:
    """'Health Secretary Dr Jane Roe' -> 'Jane Roe': the capitalised name after any role words and titles."""
    parts = strip_titles(words).split()
    while len(parts) > 1 and (parts[0].lower() in _ROLE_NOUNS_FOR_DESCRIPTIONS or parts[0][:1].islower()
                              or parts[0].rstrip(".").lower() in TITLE_GENDER or parts[0].lower() in _TITLES):
        parts.pop(0)
    while len(parts) > 2 and parts[-1].isupper() and 2 <= len(parts[-1]) <= 4:
        parts.pop()  # letters after a name ('Jane Roe MP', 'Jo Bell MSP', 'Sam Poole KC')
    owner = next((i for i, p in enumerate(parts[:3]) if p.endswith(("'s", "\u2019s"))), None)
    if owner is not None and len(parts) - owner > 2 and all(p[:1].isupper() for p in parts):
        del parts[:owner + 1]  # an owner before the name ("the Vale Party's Jane Roe")
    return " ".join(parts).rstrip("'’").removesuffix("'s").removesuffix("’s")


def _role_fits(description: list[str], role: str) -> bool:
    """'health minister' fits the role 'welsh health minister'; 'minister' fits it too; neither fits 'shadow
    health minister' (another office)."""
    words = [w.removesuffix("'s").removesuffix("\u2019s") for w in role.split()]  # "the union's leader"
    if description[-1] not in words:
        return False
    if any(w in _OTHER_OFFICE and w not in description for w in words[:words.index(description[-1])]):
        return False
    modifiers = [w for w in description[:-1] if w not in ("and", "of", "the", "&")]
    return not modifiers or any(w in words for w in modifiers)


def _holds_another_role(referent: Referent, description: list[str]) -> bool:
    """Whether the text gave this person a role that a description does not fit ('chair of the X' for 'the
    first minister'): the role's head noun, before any 'of', 'for' or 'at'. A member of a legislature ('the
    Valley Party MP') may also hold an office of government ('education secretary')."""
    if _personal_description(description[-1]):
        return False  # a nurse, a mother-of-two or a 34-year-old may hold any office too
    for role in referent.roles:
        head = re.split(r"\s(?:of|for|at|in|with)\s", role, maxsplit=1)[0].split()
        if head and head[-1] in _ROLE_NOUNS_FOR_DESCRIPTIONS and not _role_fits(description, role) and not (
                description[-1] in _LEGISLATORS and head[-1] in _OFFICES_OF_GOVERNMENT):
            return True
    return False


def _personal_description(word: str) -> bool:
    return word in _PERSONAL_NOUNS or bool(_PERSONAL_SHAPE.fullmatch(word))
