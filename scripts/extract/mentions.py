"""Mentions of organisations and people: every curated alias, plus organisation-like names no alias covers yet.

Curated mentions come from `Lexicon.find` (longest-leftmost, case rules, straight/curly apostrophes, a
possessive 's left outside the span, handles such as @SomeUnion). They resolve to a person_id or an
organisation_id with resolution 'alias'.

Everything else that looks like an organisation is kept as an unresolved candidate for review
(entity_kind 'organisation', no ids, resolution 'unresolved_candidate'). The rules:

1. Acronyms: 2-6 capital letters standing alone as a word ('ZTV', 'ZRJ'). Not when glued to '@', '#', '.',
   '/' (handles, hashtags, e-mail and web addresses), not roman numerals ('XIV'), not the generic
   abbreviations in _NOT_ORGANISATION_ACRONYMS (time zones, am/pm, units, currencies, countries, job titles,
   clinical terms, words written in capitals for emphasis), and not inside a shouted run of three or more
   all-capital words (a headline in capitals). Plurals ('GPs', 'MPs') never match: the letters must end
   the word. 'I' and single letters are too short.
2. Name phrases: a run of capitalised words on one line, which may be joined by 'of', 'for', 'of the',
   'for the', 'and', '&', and 'on' right after a head word ('Review Body on ...'). The run is cut at job
   titles and honorifics (Secretary, Chief, Dr, Sir, ...: a name after a title is a person, found by
   scripts/extract/names.py) and at curated person names; leading structure words ('The', 'However', 'Yesterday', weekdays,
   months, ...) are dropped, so a capitalised sentence opening is never a name by itself (a weekday stays
   before a media head word: 'Sunday Press'). What is left is a candidate when
   a. it contains a head word after at least one other word: an organisation head (_ORGANISATION_HEAD_WORDS:
      Association, Union, Trust, Council, Body, Providers, ...: 'Kestrel Medical Association', 'Marl Valley
      KHS Trust') or a media head (_MEDIA_HEAD_WORDS: News, Press, Journal, Radio, ...: 'ZTV News'). The
      candidate ends at the last such head, or just after it at a nation suffix ("Harbour Doctors' Association UK").
      A capital 'The' before a media name inside a sentence is part of the title ('told The Sunday Press').
      A media name has at most four words (a longer run is a headline in title case) and no generic opener
      ('Breaking News'). Two plain words before 'of' are a person ('Mira Tallis of the Vexley Trust'):
      the candidate starts after 'of the'.
   b. a head word is followed by 'of'/'for'/'on' and a capitalised word ('Royal College of Harbour
      Medicine', 'Department for Harbours'): the candidate runs to the end of the phrase, less trailing
      weekdays and months, or
   c. it starts with a naming prefix and goes on with capitalised words ('KHS Providers'). Naming
      prefixes come from the curated data, not from code: the first word of a curated organisation alias
      whose next word is capitalised, when that first word is itself the alias of a different
      organisation ('KHS' in 'KHS England', 'KHS Confederation').
3. Outlets and platforms by their role in the sentence: the name after 'told', 'speaking to', 'according
   to', 'writing in', 'in an interview with', 'reported by', 'appeared on', 'posted on', ... or before
   'reported', 'revealed', 'understands', 'has learned', ...; and a capitalised word before 'account',
   'feed', 'page', 'channel' (the 'Chirper' in 'the @SomeUnion Chirper account'). The name is 1-4
   capitalised words ('Radio 4': a number after Radio/Channel/TV). Who is told may be a person, so a name
   is kept only when it cannot be one: it follows 'the' ('the Wendle'; the lower-case 'the' stays out),
   ends in a media head word, or holds an acronym or a number ('QB News', 'QRX Radio 4'); a single word
   after 'posted on' / 'tweeted on' is a platform. Titles and person words (Dr, Sir, Speaker, ...), generic
   references ('the Chamber', 'the Trust'), weekdays and months are never outlets, nor is a name cut short
   by 'of'/'and' (the phrase rule sees the whole name).
   A trailing possessive ("'s") is left outside every candidate span.
4. Curated matches win where they collide: a candidate equal to, inside, or partly overlapping a curated
   match is dropped. A phrase candidate with an organisation head (or a naming prefix) that strictly
   contains curated organisation matches is a longer name and replaces them ('KHS Providers' is not the
   KHS; 'Easton Teaching Hospitals KHS Trust' is one name), except that a run is first split at 'and'/'&'
   next to a curated name, so 'KDA and Royal College of Tidewardens' yields the KDA (curated) and a candidate
   'Royal College of Tidewardens'. Media and role names never replace a curated match ('Vexcast News Daily'
   stays the curated Vexcast News; 'ZBC Radio 4' the curated ZBC). Candidates never overlap one another: the
   longer one is kept (an acronym inside a phrase is not reported twice).

5. Shapes of real copy (issue 8): an acronym defined in brackets after lower-case words is a term, not a body,
   in every use ('specialty (SAS) doctors'); an acronym's possessive owns the name after it ("the KDA's SAS UK
   Committee"); a nation before or after a curated body makes a branch ('KDA Cymru Wales', 'its Northern
   Ireland junior doctors committee'); 'House of X' is a legislature; plural people after a naming prefix
   ('KHS Consultants') are no name; a party's word from curated/vocabulary/name_words.csv standing where a
   body stands (before 'MP' or 'has said', before a possessive and a role, a plural after 'the', mid-sentence
   before a modal or auxiliary verb and after no article: '... that <party word> should') is an organisation.

6. Bodies by the role that points at them: 'chief executive of X', 'members of X', 'chair of X', 'a consultant at
   X', 'a spokesperson for X' (not a pair that may be a person's name), 'a X spokesperson', "X Y's chief executive";
   a name before a lower-case kind mid-sentence ('the X union', 'the X charity'); a place word before a body's
   initials mid-sentence ('at Vexby QRH', 'at Vexby-on-Sea QRH', 'at St Olave QRH'), and the same words wherever
   else they stand ('Vexby QRH said'); a word of kind organisation in curated/vocabulary/name_words.csv (a
   legislature's or a platform's own name) wherever it stands, with a nation word after it ('Vexmoot Cymru'). A
   kind word after a comma that only qualifies what follows it makes no body ("X, the union's leader", ', the union
   said'); a paragraph opened by one or two words in capitals that the text also writes in lower case ('STAFFING
   levels', 'HOSPITAL BOSSES have'), a place in capitals in a wire dateline ('VEXBY, March 3 (Wire) - '), a writer's
   name in capitals on a byline ('By JO BELL') and a photographer's name in capitals after a caption's dash are no
   acronyms.

7. A fitted score for organisation spans (scripts/extract/span_model.py, trained by
   scripts/evaluation/train_span_model.py) is an experiment, not called here: no threshold of it has beaten the
   rules alone (README, "A fitted score instead of more rules"), so the extractor does not import it.

8. Bodies by what only a body does or has around the name (_bodies_by_context; issue 8: one-word names and
   capitalised pairs no head word marks): 'X said in a statement', 'X, which runs/represents ...', 'X said its ...',
   'analysis by X' / 'a report by X', 'X chief executive Jo Bell', 'director of X' / 'founder of X' (two words or
   more, no field of work), "X's members / board / trustees / website", and after 'the' a name that speaks or owns
   ('the Exchequer said', "the Quillet's editor"); a one-word body before or after 'spokesperson'. A single word
   must not name nothing by itself (openers, titles, roles, head words, nations, peoples, months) nor be written
   elsewhere in the text after a title or a first name (a surname); a pair that may be a person's name is kept only
   where the cue rules a person out. Once found, a name is a body wherever else it stands alone in the article, and
   the first word of a two-word body with an organisation head ('Velmont Trust') is one where it speaks or owns
   ('Velmont said'). The claimed span keeps the person rules off it (bodies are not people). Also: 'Executive'
   ending a run is a head, not a title; company heads (Healthcare, Ltd, Holdings, ...); a word in capitals
   labelling a line ('UPDATE:') is no acronym, nor are grades, qualifications and contract types in capitals; a
   programme's or a document's title after a capital 'The' ('The Vexby Show', 'The Pay Report') is no outlet.

9. Shapes of the seventh real batch (issue 8): a candidate right before a curated body's acronym in brackets whose
   initials it has is that body written in a form nobody curated ('Kestrel Doctors and Nurses Assoc (KDNA)');
   a land's possessive opening a run is no word of the name ("Vexland's Kestrel Health Service"); a picture credit
   written with 'by' ('pic by Vexstock / Quillpix') and a one-word source opening in lower case ('Photo: vexStock');
   two parties or acronyms joined by a slash before what they form ('the ZPV/Green coalition'); a party word after a
   comma before an auxiliary verb (', Lantern has'); a generic word of names.py's vocabularies in capitals opening a
   paragraph ('HEALTH chiefs are') and 'HQ' are no acronyms. Titles right before a curated person's name belong to
   the mention ('Professor Jo Bell' where 'Jo Bell' is curated), as for people nobody curated. A party's word
   owning a person ("<party>'s Jo Bell") after a sentence's opening structure word or a quotation is the party.

10. Shapes of the eighth real batch (issue 8), read as the general constructions of its misses: a party's word after a
   lower-case word other than an article ('a gift to <party>', 'more than <party>.'), or before a capitalised run that
   holds a title (', <party> Shadow Health Secretary'), is the party; a paragraph's first word may follow a date stamp
   on its line ('2023-05-05 NURSES in ...'); a month's full name in capitals is no acronym; a wire story opened by its
   agency in brackets and a dash with no place before it ('(Wirexa) -- ...'), and a one-word body found so in capitals
   elsewhere ('... - WIREXA'); every name after a slash or 'via' in a picture credit; capitalised words before a
   plural's letters in brackets ('... Awards (XAs)') name a kind of thing; two nations listed by a slash after a
   curated body ('X England/UK reports') make no branch; a land's name after a head word ends the name ('...
   Healthcare Europe'); what only a body does or has, in further orders ('In a statement, X said', "X's chief
   executive", 'backed by X members' mid-sentence, 'Jo Bell, [the] X chair, said'); a capitalised web domain
   ('Wirexa.com'); and 'the government' of an article that names one devolved government and no government with
   another qualifier is that government, a candidate (scripts/extract/names.py joins it to the qualified name).

People nobody curated are found by their shape in scripts/extract/names.py (see its docstring) and are kept as
unresolved candidates too (entity_kind 'person', no ids, resolution 'unresolved_candidate'); a person kept only as
a speaker's name (ArticleNames.weak) is no mention. This module finds the organisation candidates and settles
where a person's span and an organisation's overlap (_without_overlaps).
Generic structure words live here; names live only in curated/*.csv and curated/vocabulary/name_words.csv.
"""
from __future__ import annotations

import bisect
import re

from scripts.extract.lexicon import NAME_WORDS, AliasMatch, Lexicon, _alias_match, normalise_key
from scripts.extract.names import CREDIT_LABELS, ROLE_NOUNS, STRUCTURE_WORDS, TITLES
from scripts.extract.text import BRACKETED_ACRONYM_SHAPE, blanks_start, finditer_if_present, word_trie

_UPPER = "A-ZÀ-ÖØ-Þ"
_GAP = r"[^\S\n]+"  # white space that stays on the line
_CAPITALISED_WORD = rf"[{_UPPER}][\w'’\-]*"
_CONNECTOR = r"(?:of|for)(?:[^\S\n]+the)?|and|&|on"
_NAME_RUN = re.compile(rf"{_CAPITALISED_WORD}(?:{_GAP}(?:(?:{_CONNECTOR}){_GAP})?{_CAPITALISED_WORD})+")
_RUN_TOKEN = re.compile(rf"{_CAPITALISED_WORD}|{_CONNECTOR}")
# The check on the character before an acronym is done in code: a look-behind here doubles the scan time.
_ACRONYM = re.compile(r"[A-Z]{2,6}(?![\w@/&]|\.\w)")
_NOT_BEFORE_ACRONYM = set("@#./&_")
_CAPITALS_WORD = r"[A-Z][A-Z'’&\-]*"
_CAPITALS_WORDS_BEFORE = re.compile(rf"(?<!\w)(?:{_CAPITALS_WORD}[^\S\n]+){{1,2}}$")
_CAPITALS_WORD_ENDS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ'’&-")  # what _CAPITALS_WORD may end with
_CAPITALS_WORDS_AFTER = re.compile(rf"(?:[^\S\n]+{_CAPITALS_WORD}(?!\w)){{1,2}}")
_ROMAN_NUMERAL = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")

# Units of measure ('GB' is also a nation's letters: the test that no name word is in code lets a unit through).
_UNIT_ABBREVIATIONS = frozenset("KM CM MM KG MG ML MPH KPH KWH KW MW GW GB MB KB TB".split())
# A nation's letters (name_words.csv kind nation, a home or a foreign nation) are no organisation either.
_NOT_ORGANISATION_ACRONYMS = _UNIT_ABBREVIATIONS | {w for w in NAME_WORDS.nations if w.isupper()} | frozenset("""
    AM PM BST GMT UTC CET CEST EST EDT PST PDT
    GBP USD EUR
    GP MP MSP MS MLA CEO CFO COO CTO PR HR QC KC OBE MBE CBE
    ICU ITU HIV AIDS COVID DNA MRI CT ECG IVF GDP CPI RPI VAT ED AE ENT CPR DNR PPE RTT
    SHO SPR CCT MRCP MRCS FRCS FRCP MBBS MBCHB PHD BSC MSC GCSE QOF GMS PMS APMS LTFT
    OK TV IT AI FAQ PDF URL ID NB PS RIP ETA DIY LGBT LGBTQ HQ
    A AN AND ARE AS AT BE BUT BY DO FOR GO HE IF IN IS ME MY NO NOT NOW OF ON OR OUT SO THE TO UP WE YES
    ALL NEW ONE TWO
""".split())

_ORGANISATION_HEAD_WORDS = frozenset("""
    Association Confederation Federation Union Congress Trust Council Society Institute Institution
    Foundation Fund Authority Agency Commission Board Committee College University Department Ministry
    Office Government Party Service Body Providers Employers Alliance Coalition Corporation
    Parliament Assembly Senate Executive Network Group Forum Partnership Collaborative Regulator
    Hospital Hospitals Infirmary Collective Cooperative Consortium Guild League Police Constabulary Ombudsman Tribunal Academy
    Healthcare Ltd Limited LLP Holdings Consultancy
""".split())
# The last word of a newspaper, broadcaster or programme title ('Vexby Standard', 'Clarimond Radio'): the generic
# ones here, nameplate words ('Clarimond', 'Wendle', 'Quillet') in curated/vocabulary/name_words.csv.
_MEDIA_HEAD_WORDS = frozenset("""
    News Journal Radio TV Online Press Magazine Media Images Pictures Photos Broadcasting Review Bulletin Digest
    Weekly Daily Wire Newspaper Newspapers Live On-Line
""".split()) | NAME_WORDS.media_heads
_HEAD_WORDS = _ORGANISATION_HEAD_WORDS | _MEDIA_HEAD_WORDS
# Heads only when 'of' and a capitalised word follow ('House of Wardens'; 'Larkspur House' is a building).
_HEADS_BEFORE_OF = frozenset({"House", "Houses", "Chamber", "Bank"})
# Plural people a naming prefix may go before without making a name ('KHS Consultants', 'KHS Doctors').
_PLURAL_PEOPLE = re.compile(r"(?:consultant|doctor|nurse|medic|surgeon|physician|worker|leader|manager|boss|patient"
                            r"|trainee|junior|resident|staff|member|gp)s?")
HEAD_WORDS = _HEAD_WORDS
_LONGEST_MEDIA_TITLE = 4  # words ('Vexby Evening News', 'The Press and Bulletin')
# A nation after a head word still belongs to the name ("Harbour Doctors' Association UK").
_NATION_SUFFIXES = NAME_WORDS.nations | {"International"}  # nation names: curated/vocabulary/name_words.csv
# Words before a media head that make a generic phrase, not a title ('Breaking News', 'Local Press').
_GENERIC_MEDIA_MODIFIERS = frozenset("""
    Breaking Latest Fake Good Bad Top More Related Local Regional National World Live Trending Recent Big
    Major Further Full Watch Listen Follow Read Stream Updates Update
""".split())

# A title or honorific ends an organisation name (and what follows it is usually a person).
_TITLE_WORDS = frozenset("""
    Secretary Minister Chancellor Chief Executive Director Chair Chairman Chairwoman Chairperson Co-chair
    President Officer Spokesperson Spokesman Spokeswoman Leader Head Professor Prof Dr Mr Mrs Ms Miss Mx
    Sir Dame Lord Lady Rt Hon Cllr Councillor MP
""".split())
# Title words that are also a body's head word when they end a run ('the Vexmark Executive', not 'Chief Executive').
_TITLE_HEADS = frozenset({"Executive"})
# Words of a role that go before a title ('Medical Director', 'Clinical Lead', 'Chief Nursing Officer').
_ROLE_ADJECTIVES = frozenset("""
    Medical Clinical Nursing Finance Financial Operating Operations Associate Regional Managing Programme Strategy
    Strategic Communications Policy People Workforce Quality Safety Commercial Technical Scientific
""".split())
# Modifiers that belong to a title that follows them ('General Secretary', 'Deputy Chief ...').
_TITLE_MODIFIERS = frozenset("General Deputy Assistant Acting Interim Vice Shadow Former".split())
# Who is 'told' may be a person named by a role; such a name is never an outlet.
_PERSON_WORDS = _TITLE_WORDS | _TITLE_MODIFIERS | frozenset("""
    King Queen Prince Princess Pope Speaker Mayor Baron Baroness Judge Justice Nurse Doctor PM
""".split())
# Capitalised words that, alone after 'the', name an institution generically, not an outlet; a chamber's short
# name ('the Vexmoot') is kind chamber in curated/vocabulary/name_words.csv.
_GENERIC_REFERENCES = frozenset("""
    House Chamber Court Cabinet Inquiry Conference Summit Budget Census Opposition State
    Parliament Assembly Senate Bill Act
""".split()) | NAME_WORDS.chambers

_WEEKDAYS = frozenset("""
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Wed Thu Fri Sat Sun
""".split())
_MONTHS = frozenset("""
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
""".split())
_MONTHS_IN_CAPITALS = frozenset(m.upper() for m in _MONTHS if len(m) > 4 or m in ("May", "June", "July"))  # full names
# Capitalised words that end a phrase without belonging to the name ('... on Monday'); a weekday's short form
# that is also a curated nameplate stays a media head.
_TRAILING_STRUCTURE_WORDS = (_WEEKDAYS | _MONTHS | frozenset("Today Tonight Yesterday Tomorrow".split())) \
    - _MEDIA_HEAD_WORDS
# Capitalised structure words that open sentences but never open a name.
_LEADING_STRUCTURE_WORDS = _TRAILING_STRUCTURE_WORDS | frozenset("""
    The A An This That These Those It Its Their His Her Our Your My We They He She I
    Many Some All Every Each Most Other Both Several Few Any No Neither Either
    However But And Or So Yet Also Now Then When While Whereas If As Although Though Because Meanwhile
    In On At By For From To With Without After Before Under Over Since Until During Into Via Per Like
    Last Next Earlier Later Recently Instead Still Only Even Just Indeed
    Why What Who Where How Which
""".split())

# --- outlets named by their role in the sentence ---
_NAME_WORD = rf"(?:{_CAPITALISED_WORD}|\d{{1,2}}(?![\w.,]))"
# A number belongs to a name only after these words ('ZBC Radio 4', 'Channel 47 News').
_WORDS_BEFORE_A_NUMBER = frozenset("Radio Channel TV".split())
_MEDIA_OPENERS = frozenset("Radio Channel TV News".split())  # generic media words that may open a title
# A word that puts an outlet after it, with the words that must come between ('' = none: 'told the Wendle').
_OBJECT_CUES = {
    "told": ("",), "said": ("to",), "speaking": ("to", "on"), "spoke": ("to", "on"), "talking": ("to",),
    "interview": ("with",), "interviewed": ("by",), "writing": ("in", "for"), "wrote": ("in", "for", "on"),
    "according": ("to",), "reported": ("by",), "quoted": ("by", "in"), "cited": ("by",),
    "published": ("by", "in"),
    "appeared": ("on",), "appearing": ("on",), "broadcast": ("on",), "tweeted": ("on",), "posted": ("on",),
    "shared": ("on",),
}
_POSTING_VERBS = frozenset("tweeted posted wrote shared".split())  # '... on Chirper': a platform
# A role whose object is a body ('chief executive of X', 'members of X', 'a consultant at X', 'a spokesperson for
# X'), with the prepositions that lead to it; a spokesperson may speak for a person, the others never hold one.
# A role met with its preposition ('members of') is scanned for as one phrase, so that the role word alone costs
# nothing; 'chief executive' and the spokespeople also own a name before them ("X Y's chief executive").
_BODY_CUES = {"chief executive": ("of", "at"), "members of": ("",), "member of": ("",), "chair of": ("",),
              "chairman of": ("",), "chairwoman of": ("",), "president of": ("",), "consultant at": ("",),
              "spokesperson": ("for",), "spokesman": ("for",), "spokeswoman": ("for",)}
_SPOKESPEOPLE = frozenset(("spokesperson", "spokesman", "spokeswoman"))
# A kind of body in lower case after its name ('the Quorncare union', 'by Hope Lane charity staff', 'the Quillet
# newspaper'; not a generic word before a media kind: 'the Local newspaper').
_KIND_NOUNS = frozenset(("union", "charity", "newspaper", "website", "broadcaster", "magazine", "tabloid"))
# Plain alternatives (no character classes) keep the scan on the regex engine's fast literal path; factored by
# their letters (word_trie), fewer of them are tried at each position.
_CUES_OPENING_SENTENCES = ("Speaking", "Spoke", "Talking", "Writing", "According", "Appearing", "Interviewed",
                           "Members of")
_OBJECT_CUE = re.compile(word_trie({*_OBJECT_CUES, *_BODY_CUES, *_KIND_NOUNS, *_CUES_OPENING_SENTENCES}) + r"(?![\w\-])")
_NAME_BEFORE_KIND = re.compile(rf"(?<![\w'’@#.\-])({_CAPITALISED_WORD}(?:{_GAP}{_CAPITALISED_WORD}){{0,2}}){_GAP}\Z")
_AFTER_OBJECT_CUE = re.compile(rf"{_GAP}(?:(to|on|in|for|by|with|of|at){_GAP})?")
# "Vexby Health's chief executive": a name of two or more words owning a role (one word may be a person's surname).
_OWNER_BEFORE_ROLE = re.compile(rf"(?<![\w'’@#.\-])({_NAME_WORD}(?:{_GAP}{_NAME_WORD}){{1,3}})['’]s{_GAP}"
                                rf"(?:[a-z][a-z\-]*{_GAP}){{0,2}}\Z")
# 'a Vexby Health spokesperson': the body a spokesperson speaks for, between an article and the word.
_BODY_BEFORE_SPOKESPERSON = re.compile(rf"(?<![\w'’])(?:[Aa]n?|[Tt]he){_GAP}({_NAME_WORD}(?:{_GAP}{_NAME_WORD}){{0,3}}){_GAP}\Z")
_NAME_AFTER_CUE = re.compile(rf"(?:([Tt]he){_GAP})?({_NAME_WORD}(?:{_GAP}{_NAME_WORD}){{0,4}})")
_SUBJECT_CUE = re.compile(r"(?:reported|reports|revealed|understands|disclosed"
                          r"|has learned|has learnt|has reported|has revealed|first reported)(?!\w)")
_SUBJECT_CUE_NEEDLES = ("report", "revealed", "understands", "disclosed", "has learn")  # one is in every match
_NAME_BEFORE_CUE = re.compile(rf"(?:(?<![\w'’])([Tt]he){_GAP})?(?<![\w'’@#.\-])"
                              rf"({_NAME_WORD}(?:{_GAP}{_NAME_WORD}){{0,4}})$")
_CUT_SHORT = re.compile(rf"{_GAP}(?:of|for|and|&){_GAP}[{_UPPER}]")
_PLATFORM_WORDS = ("account", "feed", "page", "channel", "profile")  # also the needles: one is in every match
_PLATFORM_WORD = re.compile("(?:" + "|".join(_PLATFORM_WORDS) + r")s?(?!\w)")
_PLATFORM_BEFORE = re.compile(rf"(?<![\w'’@#\-])([{_UPPER}][\w\-]*){_GAP}$")
_NATIONALITY_ENDINGS = ("ish", "ese", "ian", "ean", "can")
_PLATFORM_OWNERS = frozenset("the a an his her their its our your my official".split())
_WORD_BEFORE = re.compile(r"(\S+)[^\S\n]+$")


def extract_mentions(text: str, source_id: str, lexicon: Lexicon) -> list[dict]:
    """Rows of the mentions table for one article, sorted by start, spans never overlapping."""
    return mention_rows(article_names(text, lexicon), source_id, lexicon)


def mention_rows(names: "ArticleNames", source_id: str, lexicon: Lexicon) -> list[dict]:
    """The rows of an article's names: every mention less the weak ones, sorted by start, spans never overlapping."""
    found = [m for m in names.mentions if id(m.referent) not in names.weak]
    return [_row(source_id, m, lexicon) for m in _without_overlaps(found)]


def _without_overlaps(mentions: list) -> list:
    """The mentions sorted by start with no two overlapping: where a person's shape and an organisation's run
    cover the same words ('Trades Union' / 'Trades Union Vole', Vole a curated surname), a curated mention wins,
    then the longer span, then the earlier. A key (source_id, start) may then never repeat."""
    kept_starts: list[int] = []
    kept: list = []
    for mention in sorted(mentions, key=lambda m: (not m.curated, m.start - m.end, m.start)):
        at = bisect.bisect_left(kept_starts, mention.start)
        if at < len(kept) and kept[at].start < mention.end:
            continue  # the next kept span starts inside this one
        if at and kept[at - 1].end > mention.start:
            continue  # the kept span before runs into this one
        kept_starts.insert(at, mention.start)
        kept.insert(at, mention)
    return kept


def organisation_candidate_spans(text: str, lexicon: Lexicon, curated: list[AliasMatch]):
    """(curated matches kept, organisation candidate spans) once collisions are settled. A curated alias whose last
    word is in lower case ('the government') that is the first part of a hyphened compound ('the government-funded health
    service') names no body: it qualifies the noun after the compound, and its 'the' belongs to that noun."""
    curated = [m for m in curated if not (m.text.rsplit(None, 1)[-1][:1].islower() and text[m.end:m.end + 1] == "-"
                                          and text[m.end + 1:m.end + 2].isalpha())]
    owned = [m for m in curated if m.text[:1].islower() and m.alias.entity_kind == "organisation"
             and m.start > 3 and text[m.start - 2:m.start - 1] in ("'", "’", "s")
             and _BRANCH_OWNER_BEFORE.search(text, max(0, m.start - 40), m.start)]
    if owned:  # "KDA Vexmark’s junior doctors committee": the branch's own committee, a name nobody curated
        curated = [m for m in curated if m not in owned]
    candidates = _candidate_spans(text, lexicon, curated) + [(m.start, m.end, False) for m in owned]
    devolved = _the_government_of_a_devolved_nation(text, curated, candidates)
    if devolved:  # 'the government' of a Scottish story is the Scottish Government, a name nobody curated
        curated = [m for m in curated if m not in devolved]
        candidates += [(m.start, m.end, False) for m in devolved]
    kept, spans = _settle_collisions(curated, candidates, text)
    if " (" in text:
        kept, spans = _spelt_out_curated_acronyms(text, kept, spans)
    return kept, spans


def _the_government_of_a_devolved_nation(text: str, curated: list[AliasMatch], candidates) -> list[AliasMatch]:
    """The curated matches of a bare 'the government' that stand for a devolved government: where the article names
    a government qualified by one part of the nation ('the Scottish Government') and no government with another
    qualifier ('UK', 'Westminster', a party's), 'the government' is that one, as the labels read it (curated/realtext/
    README.md; 'the government' of UK copy is the UK's). Nothing changes without such a name."""
    if "overnment" not in text:
        return []
    bare = [m for m in curated if m.alias.entity_kind == "organisation" and m.text[:1] in "tT"
            and m.text[1:].lower() == "he government"]
    if not bare:
        return []
    qualifiers, devolved = set(), set()
    for anchor in _GOVERNMENT_ANY_CASE.finditer(text):  # the word first: a look-back from each 'government' only
        m = _QUALIFIER_BEFORE.search(text, max(0, anchor.start() - 40), anchor.start())
        if m:
            qualifiers.add(m.group(1))
            if _DEVOLVED_QUALIFIER.search(text, max(0, anchor.start() - 40), anchor.start()):
                devolved.add(m.group(1))
    if len(devolved) != 1 or qualifiers - devolved - _LEADING_STRUCTURE_WORDS:
        return []
    return bare


_ACRONYM_IN_BRACKETS = re.compile(r"[^\S\n]*\(([A-Z][A-Za-z]{1,7})\)")


def _spelt_out_curated_acronyms(text: str, curated: list[AliasMatch], spans: list[tuple[int, int]]):
    """'Kestrel Doctors and Nurses Assoc (KDNA)': a candidate right before a curated body's acronym in brackets,
    whose capitalised words' initials are that acronym, is the curated body written out in a form nobody curated
    (shortened, misspelt): it resolves to that body. Initials that do not fit the acronym keep it a candidate ('Marl
    Junior Committee (KDA)' is a part of the body, or another)."""
    from scripts.extract.names import _initials, _letters
    acronyms = {m.start: m for m in curated if m.alias.entity_kind == "organisation"}
    promoted, rest = [], []
    for start, end in spans:
        m = _ACRONYM_IN_BRACKETS.match(text, end)
        acronym = acronyms.get(m.start(1)) if m else None
        name = text[start:end]
        if acronym is not None and acronym.end == m.end(1) and acronym.text.casefold() in (_initials(name), _letters(name)):
            promoted.append(_alias_match(start, end, name, acronym.alias))
        else:
            rest.append((start, end))
    if not promoted:
        return curated, spans
    return sorted(curated + promoted, key=lambda m: m.start), rest



_last_names: list = [None, None, None]


def article_names(text: str, lexicon: Lexicon) -> "ArticleNames":
    """Every person and organisation named in text, grouped (cached for the last text: quotes use it too)."""
    if _last_names[0] is text and _last_names[1] is lexicon:
        return _last_names[2]
    from scripts.extract.names import ArticleNames
    kept_curated, candidates = organisation_candidate_spans(text, lexicon, _with_titles(text, lexicon.find(text)))
    names = ArticleNames(text, lexicon, candidates, kept_curated)
    _last_names[:] = [text, lexicon, names]
    return names


def _with_titles(text: str, curated: list[AliasMatch]) -> list[AliasMatch]:
    """'Professor Jo Bell' where 'Jo Bell' is curated: the titles right before a curated person's name belong to the
    mention, as they do for a person nobody curated (scripts/extract/names.py) and in every set's labels."""
    from scripts.extract.names import _TITLE_BEFORE
    titled, end_before = [], 0
    for m in curated:
        if m.alias.entity_kind == "person" and m.start > end_before + 2 and text[m.start - 1] in " \t":
            title = _TITLE_BEFORE.search(text, max(end_before, m.start - 40), m.start)
            if title:
                m = _alias_match(title.start(), m.end, text[title.start():m.end], m.alias)
        titled.append(m)
        end_before = m.end
    return titled


def _row(source_id: str, mention, lexicon: Lexicon) -> dict:
    referent = mention.referent
    is_person = referent.kind == "person"
    curated = mention.curated
    if curated:
        entity_id = referent.person_id if is_person else referent.organisation_id
        name = lexicon.name_of(referent.kind, entity_id) or referent.name
    else:
        name = referent.name
    return {"source_id": source_id, "text": mention.text, "start": mention.start, "end": mention.end,
            "entity_kind": referent.kind,
            "person_id": referent.person_id if curated and is_person else None,
            "organisation_id": referent.organisation_id if curated and not is_person else None,
            "resolution": "alias" if curated else "unresolved_candidate",
            "normalised_name": name or mention.text}


# --- candidates -------------------------------------------------------------------------------------------

def _candidate_spans(text: str, lexicon: Lexicon, curated: list[AliasMatch]) -> list[tuple[int, int, bool]]:
    """(start, end, may_replace_curated) for every candidate; they may still overlap one another."""
    prefixes, worth_a_look = _naming_prefixes(lexicon)
    covered = _Coverage(curated)
    found = []
    for run_start, run_end in capitalised_runs(text):
        if not worth_a_look.search(text[run_start:run_end]) or covered.kind_at(run_start, run_end):
            continue
        tokens = [(m.group(), m.start(), m.end()) for m in _RUN_TOKEN.finditer(text, run_start, run_end)]
        for segment in _segments(tokens, covered):
            candidate = _phrase_candidate(segment, prefixes, text)
            if candidate:
                found.append(candidate)
    found += [(start, end, False) for start, end in _role_names(text)]
    found += [(start, end, False) for start, end in _shaped_names(text)]
    if "NHS" in text:
        found += [(start, end, True) for start, end in _trusts_with_a_lower_case_head(text)]
    by_context = _bodies_by_context(text)
    by_context += _short_forms(text, [(s, e) for s, e, replaces in found if replaces])
    found += [(start, end, False) for start, end in by_context]
    found += [(start, end, False) for start, end in _other_uses(text, by_context)]
    found += [(start, end, False) for start, end in _listed_bodies_of_a_kind(text)]
    found += _branches(text, curated)
    acronyms = [m.span() for m in _ACRONYM.finditer(text)]
    terms = {text[s:e] for s, e in acronyms if _defines_a_term(text, s, e) or _spelt_out_as_a_term(text, s, e)}
    curated_starts = {m.start for m in curated}  # a curated acronym keeps its own span: no place looked for
    placed = [(s if s in curated_starts else _with_a_place_before(text, s), s, e) for s, e in acronyms
              if text[s:e] not in terms and _is_organisation_acronym(text, s, e)]
    named = {text[p:e] for p, s, e in placed if p != s}  # 'Tillby QRH' found mid-sentence names it elsewhere too
    found += [(p if p != s or not named or s in curated_starts else _named_before(text, s, e, named), e, False)
              for p, s, e in placed]
    if "(@" in text:
        found += [(start, end, False) for start, end in _handles_of_bodies(text, curated, found)]
    found += _places_listed_in_a_name(text, found, prefixes)
    return found


_PREFIXED_PLACE_BEFORE = re.compile(rf"(?<![\w'’@#.\-])({_CAPITALISED_WORD}(?:[^\S\n]+{_CAPITALISED_WORD}){{1,2}}),[^\S\n]+\Z")


def _places_listed_in_a_name(text: str, found, prefixes: frozenset[str]) -> list[tuple[int, int, bool]]:
    """'KHS Vexby, Marl and Quill Integrated Care Board': a body named for a list of places after a naming prefix,
    the list's commas inside the name. A candidate with a head word that holds 'and' and follows a comma, after a
    naming prefix and one or two place words, runs from the prefix."""
    spans = []
    for start, end, may_replace in found:
        if not may_replace or text[start - 2:start] != ", " or " and " not in text[start:end]:
            continue
        m = _PREFIXED_PLACE_BEFORE.search(text, max(0, start - 60), start)
        if m and m.group(1).split()[0] in prefixes:
            spans.append((m.start(1), end, True))
    return spans


_last_runs: tuple = (None, [])  # (text, its runs), replaced whole: a thread reads one consistent pair


def capitalised_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every _NAME_RUN match in text, kept for the last text: the person names of
    scripts/extract/names.py are looked for inside these runs only (one whole-text scan for both)."""
    global _last_runs
    last = _last_runs
    if last[0] is not text:
        last = _last_runs = (text, [m.span() for m in _NAME_RUN.finditer(text)])
    return last[1]


# 'at Vexby QRH': a place word before a body's initials mid-sentence belongs to the name (local hospitals and
# branches are written so); not a word that opens sentences, a title, a head word, a party's or a nationality.
# The place may be hyphenated ('Vexby-on-Sea QRH') or follow a place opener ('St Olave QRH', 'Port Vexby QRH').
_PLACE_BEFORE_ACRONYM = re.compile(rf"(?<![\w'’@#.\-])([{_UPPER}][a-z]+(?:-(?:[a-z]+-)?[{_UPPER}][a-z]+)*)[^\S\n]\Z")


def _with_a_place_before(text: str, start: int) -> int:
    if start < 3 or text[start - 1] != " " or not text[start - 2].islower():
        return start
    space = text.rfind(" ", max(0, start - 30), start - 1)
    if not text[space + 1:space + 2].isupper():
        return start  # the word before is not capitalised (most acronyms follow 'the', 'by', ...): no look-up
    m = _PLACE_BEFORE_ACRONYM.search(text, max(0, start - 40), start)
    if m is None:
        return start
    word = m.group(1)
    if word in _LEADING_STRUCTURE_WORDS or word in _PERSON_WORDS or word in _HEAD_WORDS or word in _PARTY_WORDS \
            or word in _NATION_SUFFIXES or word.endswith(_NATIONALITY_ENDINGS) or word in _NATIONALITIES:
        return start
    place = m.start(1)
    opener = _WORD_BEFORE.search(text, max(0, place - 40), place)
    if opener and opener.group(1).rstrip(".") in _place_openers():
        place = opener.start(1)  # 'at St Olave QRH'
    return place if _word_before(text, place)[:1].islower() else start


def _place_openers() -> frozenset[str]:
    from scripts.extract.names import _PLACE_OPENERS  # names imports this module: bound on first use
    return _PLACE_OPENERS


def _named_before(text: str, start: int, end: int, named: set[str]) -> int:
    """Where a place-and-initials name found mid-sentence elsewhere in the text ('at Tillby QRH') starts when it
    also stands here, at a sentence's start or after a capital 'The' ('Tillby QRH said ...'); else start."""
    for name in named:
        prefix = len(name) - (end - start)
        if name.endswith(text[start:end]) and prefix > 0 and text.startswith(name[:prefix], start - prefix) \
                and not (start - prefix and (text[start - prefix - 1].isalnum() or text[start - prefix - 1] in "-'’")):
            return start - prefix
    return start


_LOWER_HEAD_WORDS = frozenset(w.lower() for w in _ORGANISATION_HEAD_WORDS)


def _defines_a_term(text: str, start: int, end: int) -> bool:
    """'specialty (SAS) doctors', 'pay review body (PRB)': an acronym defined in brackets after a lower-case word
    that is no organisation's head word abbreviates a term, not a name; none of its uses is an organisation."""
    if start < 2 or text[start - 1] != "(" or text[end:end + 1] != ")":
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 41), start - 1)
    word = before.group(1).strip(",;:") if before else ""
    return word[:1].islower() and word.lower() not in _LOWER_HEAD_WORDS


_SPELT_OUT_AFTER = re.compile(r"[^\S\n]?\(([a-z][a-z\-]*(?:,?[^\S\n]+[a-z][a-z\-]*){1,7})\)")


def _spelt_out_as_a_term(text: str, start: int, end: int) -> bool:
    """'SAS (specialist, associate specialist and specialty doctors)', 'the CPD (continuing professional development)': an acronym spelt
    out in brackets right after it in lower-case words only, whose initials hold its letters in order from the first
    word and whose last word is no organisation's head word, abbreviates a term, not a name; none of its uses is an organisation. A bracket that names a body has
    capitals ('KDA (the Kestrel Doctors' Association)'); one that says something about it ('(which mediates)') does
    not spell out its letters."""
    if text[end:end + 1] not in (" ", "("):
        return False
    m = _SPELT_OUT_AFTER.match(text, end)
    if m is None:
        return False
    words = m.group(1).replace(",", " ").split()
    if words[-1] in _LOWER_HEAD_WORDS:
        return False  # 'KDA (kestrel doctors association)': a body written in lower case
    initials = [w[0] for w in words if w not in ("and", "or", "of", "for", "the")]
    letters = text[start:end].lower()
    if not initials or initials[0] != letters[0]:
        return False
    at = 0
    for letter in letters:
        while at < len(initials) and initials[at] != letter:
            at += 1
        if at == len(initials):
            return False
        at += 1
    return True


def _is_organisation_acronym(text: str, start: int, end: int) -> bool:
    word = text[start:end]
    if "/" in text[max(0, start - 40):end + 40] and _inside_shouted_credit(text, start, end):
        return False
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in _NOT_BEFORE_ACRONYM):
        return False
    if start > 1 and text[start - 1] in "'\u2019" and text[start - 2].isalpha():
        return False  # "O'MALLEY": a surname in capitals after its particle, not an acronym
    if word in _NOT_ORGANISATION_ACRONYMS or _ROMAN_NUMERAL.fullmatch(word):
        return False
    if word in _MONTHS_IN_CAPITALS:
        return False  # 'MAY 23, 2023' in a dateline: a month's full name in capitals is no body's letters
    if len(word) >= 4 and _opens_in_capitals(text, word, start, end):
        return False
    if len(word) >= 4 and _in_a_capitals_label(text, start, end):
        return False  # a label opening a line ('UPDATE: ...', 'READ MORE: ...', 'WATCH' alone), not a body's letters
    if len(word) >= 4 and text[end:end + 5] in (" the ", " a ", " an ") and _word_before(text, start) == "to":
        return False  # a verb in capitals for emphasis ('voted to REJECT the offer')
    if (start == 0 or text[start - 1] in "\n ") and _in_a_dateline_or_byline(text, start, end):
        return False
    if text.find("- ", max(0, start - 30), start) >= 0 or text.find("\u2013 ", max(0, start - 30), start) >= 0:
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_end - 1].isupper() and line_end - end < 50:
            credit = caption_credit(text, text.rfind("\n", 0, start) + 1, line_end)
            if credit and credit.start(1) <= start:
                return False  # a photographer's name in capitals ('- JO BELL')
    return not _is_shouted(text, start, end)


_CAPITALS_LABEL = re.compile(r"[^\S\n]*(?:[A-Z]{4,}[^\S\n]+){0,2}[A-Z]{4,}[^\S\n]*(?::|\n|\Z)")


def _in_a_capitals_label(text: str, start: int, end: int) -> bool:
    """Whether the word is one of one to three words in capitals (four letters or more each) that open a line and end
    at a colon or the line's end ('UPDATE:', 'READ MORE:', 'WATCH')."""
    line_start = text.rfind("\n", max(0, start - 30), start) + 1
    if line_start == 0 and start > 30:
        return False
    m = _CAPITALS_LABEL.match(text, line_start)
    return m is not None and m.end() >= end


def _opens_in_capitals(text: str, word: str, start: int, end: int) -> bool:
    """'STAFFING levels in ...', 'HOSPITAL BOSSES have ...': a paragraph opened by one or two words in capitals (a
    house style) before a word in lower case, the word also written in lower case elsewhere in the text or a generic
    word of names.py's vocabularies (STRUCTURE_WORDS, ROLE_NOUNS); an acronym ('QRX members voted') is neither."""
    if not _opens_a_paragraph(text, start):
        if text[start - 1] != " " or not text[start - 2:start - 1].isupper():
            return False  # no word in capitals just before (most acronyms): no look-up
        first = _CAPITALS_OPENER.search(text, max(0, start - 20), start)
        if first is None or not _opens_a_paragraph(text, first.start()):
            return False  # not the first or second word of a paragraph
        after = end
    else:
        second = _CAPITALS_OPENER.match(text, end + 1) if text[end:end + 1] == " " else None
        after = second.end() - 1 if second else end
    if not (text[after:after + 1] == " " and text[after + 1:after + 2].islower()):
        return False
    lowered = word.lower()
    if (lowered in ROLE_NOUNS or word.capitalize() in STRUCTURE_WORDS) and word.capitalize() not in _HEAD_WORDS:
        return True  # a common word of the extractors' own vocabularies ('HEALTH chiefs'), not a body's head word
    at = text.find(lowered)
    while at >= 0:
        if not (at and text[at - 1].isalpha()) and not text[at + len(lowered):at + len(lowered) + 1].isalpha():
            return True
        at = text.find(lowered, at + 1)
    return False


# What may stand before a paragraph's first word on its line: a date stamp (an ISO or numeric date, maybe after one
# label word: '2023-05-05 ', 'Updated 05/05/2023 ').
_DATE_STAMP_BEFORE = re.compile(r"(?:^|(?<=\n))[^\S\n]*(?:[A-Za-z]+[^\S\n]+)?\d{1,4}(?:[-/.]\d{1,4}){1,2}[^\S\n]+\Z")


def _opens_a_paragraph(text: str, i: int) -> bool:
    """Whether position i opens a paragraph: the text's or a line's start, or a line's first word after a date stamp."""
    if not i or text[i - 1] == "\n":
        return True
    return text[i - 1] == " " and text[i - 2:i - 1].isdigit() and \
        _DATE_STAMP_BEFORE.search(text, max(0, i - 30), i) is not None


# A word in capitals and the blank after it, opening a paragraph's run of capitals ('HOSPITAL BOSSES have').
_CAPITALS_OPENER = re.compile(rf"{_CAPITALS_WORD}[^\S\n]\Z|{_CAPITALS_WORD}[^\S\n](?=[a-z])")
# A wire dateline: a place in capitals opening a paragraph, a date maybe, the agency in brackets and a dash
# ('VEXBY, March 3 (Wire) - ...', 'PORT VEXBY (Wire) — ...').
_DATELINE = re.compile(rf"((?:{_CAPITALS_WORD}[^\S\n]){{0,2}}{_CAPITALS_WORD})(?:,[^\S\n]+[A-Z][a-z]{{2,8}}\.?[^\S\n]+\d{{1,2}})?"
                       r"[^\S\n]+\([^()\n]{1,30}\)[^\S\n]*[-\u2013\u2014]")


# A writer's name in capitals on a byline's line ('By JO BELL', 'By JO BELL, Health Reporter'): two or three words.
_CAPITALS_BYLINE = re.compile(rf"[^\S\n]*[Bb]y[^\S\n]+((?:{_CAPITALS_WORD}[^\S\n]+){{1,2}}{_CAPITALS_WORD})[^\S\n]*(?:,|\n|\Z)")


def _in_a_dateline_or_byline(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", max(0, start - 41), start) + 1
    if start - line_start > 40:
        return False  # a dateline's place and a byline's name are among a paragraph's first words
    found = _DATELINE.match(text, line_start) or _CAPITALS_BYLINE.match(text, line_start)
    return found is not None and end <= found.end(1)


def _inside_shouted_credit(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return any(m.start() <= start and end <= m.end() for m in _SHOUTED_CREDIT.finditer(text, line_start, line_end))


def _is_shouted(text: str, start: int, end: int) -> bool:
    """Whether the word is part of a run of three or more words written all in capitals."""
    low = max(0, start - 40)
    blanks = blanks_start(text, start) if start > low and text[start - 1] != "\n" else None
    if blanks is not None and (blanks == start or blanks <= low or text[blanks - 1] not in _CAPITALS_WORD_ENDS):
        before = None  # no blanks before the word, or no capitals word before them: the search cannot match
    else:
        before = _CAPITALS_WORDS_BEFORE.search(text, low, start)
    after = _CAPITALS_WORDS_AFTER.match(text, end, end + 40)
    neighbours = (len(before.group().split()) if before else 0) + (len(after.group().split()) if after else 0)
    return neighbours >= 2


def _segments(tokens, covered: "_Coverage"):
    """Split a run's tokens at titles, curated people, 'and'/'&' next to a curated organisation, and 'on'
    anywhere but right after a head word ('Review Body on ...', not 'KDA on Monday')."""
    segment = []
    for i, (word, start, end) in enumerate(tokens):
        kind = covered.kind_at(start, end)
        if word in _TITLE_HEADS and i == len(tokens) - 1 and segment and _bare(segment[-1][0]) not in _PERSON_WORDS \
                and not _is_connector(segment[-1][0]):
            segment.append((word, start, end))  # 'the Vexmark Executive': a body's head, no title before a name
            continue
        if word in _TITLE_WORDS or kind == "person":
            while segment and _bare(segment[-1][0]) in _TITLE_MODIFIERS:
                segment.pop()
            owner = max((j for j, w in enumerate(segment) if w[0].endswith(("'s", "’s"))), default=None)
            if word in _TITLE_WORDS and owner is not None:
                segment = segment[:owner + 1]  # "KHS Easton and Vale's Deputy Medical Director": the owner's name
            elif word in _TITLE_WORDS and not any(_bare(w) in _HEAD_WORDS for w, _, _ in segment):
                # 'KHS Medical Director': the words before a title's own words belong to it; a body named for places
                # keeps them ('KHS Vexby and Marl Medical Director': 'KHS Vexby and Marl')
                while len(segment) > 1 and (segment[-1][0] in _ROLE_ADJECTIVES or _is_connector(segment[-1][0])):
                    segment.pop()
                if len(segment) > 1 and any(segment[i][0] in _ROLE_ADJECTIVES for i in range(len(segment))):
                    segment = segment[:1]
            yield segment
            segment = []
            continue
        splits_here = (word in ("and", "&") and kind is None and (
            (i > 0 and covered.kind_at(*tokens[i - 1][1:]) == "organisation")
            or (i + 1 < len(tokens) and covered.kind_at(*tokens[i + 1][1:]) == "organisation")))
        if word == "on" and not (segment and segment[-1][0] in _HEAD_WORDS):
            splits_here = True
        if word in ("and", "&") and _two_names_joined(segment, tokens[i + 1:]):
            splits_here = True
        if splits_here:
            yield segment
            segment = []
            continue
        segment.append((word, start, end))
    yield segment


def _two_names_joined(before, after) -> bool:
    """'Castle Vale Hospital and Easton Royal Infirmary': an 'and' right after an organisation's head word, with
    two or more capitalised words after it that hold a head word of their own, joins two names, not one
    ('Tending and Ferrying Council', 'Orla's and St Bram's Trust' have no head before the 'and')."""
    if not before or _bare(before[-1][0]) not in _ORGANISATION_HEAD_WORDS or before[-1][0] != _bare(before[-1][0]):
        return False
    names = []
    for word, _, _ in after:
        if word in _TITLE_WORDS:
            break
        if not _is_connector(word):
            names.append(_bare(word))
    return len(names) >= 2 and any(w in _ORGANISATION_HEAD_WORDS for w in names[1:])


def _phrase_candidate(segment, prefixes: frozenset[str], text: str) -> tuple[int, int, bool] | None:
    words = list(segment)
    glued = max((i for i, w in enumerate(words) if _GLUED_THE.search(w[0])), default=None)
    if glued is not None:
        words = words[glued + 1:]  # 'Hide AdThe Vexites Party': page furniture glued to the sentence's 'The'
    the_before = None  # a capital 'The' dropped right before the name
    while words and (_is_connector(words[0][0]) or _opens_but_never_starts_a_name(words)):
        the_before = words[0] if words[0][0] == "The" else None
        words.pop(0)
    while words and (_is_connector(words[-1][0]) or words[-1][0] in _TRAILING_STRUCTURE_WORDS):
        words.pop()
    words = _after_a_person_of(words)
    owner = max((i for i, w in enumerate(words[:-1]) if w[0].endswith(("'s", "\u2019s")) and len(w[0]) > 4
                 and w[0][:-2].isupper()), default=None)
    if owner is not None:
        words = words[owner + 1:]  # "the KDA's SAS UK Committee": the acronym owns the name after it
    if len(words) > 2 and words[0][0][-2:] in ("'s", "\u2019s") and words[0][0][:-2] in _LAND_WORDS:
        words = words[1:]  # "Vexland's Kestrel Health Service": the land owns the body, it is no word of its name
    names = [w for w in words if not _is_connector(w[0])]
    if len(names) < 2:
        return None
    last, head = None, None
    if names[0][0] in prefixes and not all(_PLURAL_PEOPLE.fullmatch(_bare(w[0]).lower()) or _is_plural_head(_bare(w[0]))
                                           for w in names[1:]) \
            and (_on_a_line_of_prose(text, words[0][1], words[-1][2]) or any(_bare(w[0]) in _HEAD_WORDS for w in names)):
        # ('KHS Consultants' and "KHS Trusts'" are people or a kind of body; a heading's words ('KHS Winter Update' on a
        # line of its own) are no name)
        last, head = len(words) - 1, names[0][0]
    for i, (word, _, _) in enumerate(words):
        followed_by_of = i + 2 < len(words) and words[i + 1][0].split()[0] in ("of", "for", "on")
        if _bare(word) not in _HEAD_WORDS and not (followed_by_of and word in _HEADS_BEFORE_OF):
            continue
        if followed_by_of:
            last, head = len(words) - 1, _bare(word)
            break
        if i > 0:
            last, head = i, _bare(word)
            if i + 1 < len(words) and (_bare(words[i + 1][0]) in _NATION_SUFFIXES
                                       or _bare(words[i + 1][0]) in NAME_WORDS.regions) and word == _bare(word):
                last += 1  # "Harbour Doctors' Association UK", 'Vexby Healthcare Europe': a nation's or a land's branch
            elif i + 1 < len(words) and _is_plural_head(_bare(words[i + 1][0])) and word == _bare(word):
                last += 1  # 'Pay Review Boards': a plural head after a head ends the name
    if last is None:
        local = _local_branch(words, names, prefixes, text)
        if local is not None:
            return local
    named_for_a_nation = last is None
    if named_for_a_nation:
        if not _named_for_a_nation(names, text):
            return None
        last, head = len(words) - 1, None
    is_media = head in _MEDIA_HEAD_WORDS
    if is_media and (words[0][0] in _GENERIC_MEDIA_MODIFIERS or last >= _LONGEST_MEDIA_TITLE):
        return None  # 'Breaking News'; a headline in title case ('Strike Hits Waiting Times Across ...')
    if head == "Live" and not _on_a_line_of_prose(text, words[0][1], words[last][2]):
        return None  # a live blog's heading ('Vexby Pay Strike Live'), not a site's title ('told Vexby Live.')
    start, end = words[0][1], words[last][2]
    if any(words[i + 1][1] - words[i][2] > 2 and not text[words[i][2]:words[i + 1][1]].strip()
           for i in range(last)):
        return None  # 'Home   Vexby   News': a page's breadcrumb, words set apart by runs of blanks
    if is_media and the_before and not _opens_sentence(text, the_before[1]):
        start = the_before[1]
    # a curated body before the whole nation ('the KDA UK council') stays the curated body: only a branch replaces it
    return start, end - (len(words[last][0]) - len(_bare(words[last][0]))), not is_media and not named_for_a_nation


# After a local body named by its places and a national body's initials: punctuation, a line's end or a verb ('Vexby
# and Marl KHS says'), not a plural noun the initials qualify ('Vexby KHS trusts').
_AFTER_A_LOCAL_BODY = re.compile(r"[^\S\n]*(?:[^\w\s]|\n|\Z)|[^\S\n]+(?:says|said|has|have|had|is|was|will|would|can|could|"
                                 r"confirmed|announced|warned|urged|added|told|expects|expected|asked|advised)(?![\w\-])")


def _local_branch(words, names, prefixes: frozenset[str], text: str) -> tuple[int, int, bool] | None:
    """'Vexby and Marl KHS says', 'West Vexby KHS FT': places before a naming prefix ('KHS', the initials of a national
    body whose curated names go on with capitals) name a local body of it, maybe with a body's initials after it
    ('FT'); not when a plural noun the initials qualify follows, nor after words that are no place (openers,
    titles, parties, nations alone)."""
    at = len(words) - 1
    if len(names) >= 3 and words[-1][0].isupper() and 2 <= len(words[-1][0]) <= 4 and words[-2][0] in prefixes:
        at -= 1  # 'FT' after the prefix
    if words[at][0] not in prefixes or at == 0:
        return None
    places = [_bare(w) for w, _, _ in words[:at] if not _is_connector(w)]
    if not places or any(w in _LEADING_STRUCTURE_WORDS or w in _PERSON_WORDS or w in _PARTY_WORDS or w in prefixes
                         or w.isupper() or w in _HEAD_WORDS or w.endswith(_NATIONALITY_ENDINGS) or w in _NATIONALITIES
                         for w in places) \
            or all(w in _DIRECTION_WORDS or w in NAME_WORDS.nations or w in _NATION_SUFFIXES for w in places):
        return None
    end = words[-1][2]
    if not _AFTER_A_LOCAL_BODY.match(text, end):
        return None
    return words[0][1], end, True


# Words of a place's name before a nation ('North Vexmark', 'South West Vexmark'): such a run is a region, not a body.
_DIRECTION_WORDS = frozenset("North South East West Mid Central Northern Southern Eastern Western Greater Rural Great New "
                             "All Across Around Throughout".split())


def _named_for_a_nation(names, text: str) -> bool:
    """'Public Health Vexland', 'Age Vexland', 'Carewatch Vexland': a run of two to five capitalised words on a line of prose
    that ends in a nation's name is a body named for the nation it serves; not a region ('North East Vexland'), not a
    person's title ('Prince of Vexland'), not plural people ('Junior Doctors Vexland'), not a party's or legislature's word
    (its own rules read those), not a title-case heading (no prose mark on its line)."""
    if not 2 <= len(names) <= 5 or _bare(names[-1][0]) not in NAME_WORDS.nations:
        return False
    before = [_bare(w) for w, _, _ in names[:-1]]
    if all(w in _DIRECTION_WORDS or w in NAME_WORDS.nations for w in before) or \
            any(w in _PERSON_WORDS or w in _LEADING_STRUCTURE_WORDS or w in _DIRECTION_WORDS or w in _PARTY_WORDS
                or _PLURAL_PEOPLE.fullmatch(w.lower()) for w in before):
        return False  # also people ('Junior Doctors <nation>', 'Members of ...') and a party's or legislature's word
    return _on_a_line_of_prose(text, names[0][1], names[-1][2])


_PROSE_MARK = re.compile("[.!?,;:\"\u201d]")


def _on_a_line_of_prose(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return _PROSE_MARK.search(text, line_start, len(text) if line_end < 0 else line_end) is not None


def _is_plural_head(word: str) -> bool:
    """'Trusts', 'Boards': an organisation head in the plural names a kind of body ('KHS Trusts in the north'),
    not one body."""
    return word.endswith("s") and word[:-1] in _ORGANISATION_HEAD_WORDS and word not in _ORGANISATION_HEAD_WORDS


def _after_a_person_of(words):
    """'Mira Tallis of the Vexley Trust' -> 'Vexley Trust': two plain words and no head before 'of' are a
    person's name ('House of Stewards ...', 'Royal College of ...' stay whole)."""
    before = next((i for i, w in enumerate(words) if w[0].split()[0] in ("of", "for")), None)
    if before == 2 and not any(_bare(w[0]) in _HEAD_WORDS or w[0] in _HEADS_BEFORE_OF or w[0].isupper()
                               for w in words[:2]):
        return words[3:]
    return words


def _opens_but_never_starts_a_name(words) -> bool:
    word = words[0][0]
    if word not in _LEADING_STRUCTURE_WORDS:
        return False
    # 'Sunday Press', 'Sunday Journal': a weekday names a paper when a media head follows.
    return not (word in _WEEKDAYS and len(words) > 1 and _bare(words[1][0]) in _MEDIA_HEAD_WORDS)


def _opens_sentence(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'“‘(":
        j -= 1
    return j < 0 or text[j] in ".!?:;\n"


_GLUED_THE = re.compile(r"[a-z]The\Z")


def _is_connector(token: str) -> bool:
    return not token[0].isupper() or token == "&"


def _bare(word: str) -> str:
    """The word without a possessive ending ("Trust’s" -> "Trust", "Doctors’" -> "Doctors")."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    if word.endswith(("'", "’")):
        return word[:-1]
    return word


# --- names by the shape around them -----------------------------------------------------------------------------

# A government named with a qualifier in lower case ('the UK government', 'the Welsh government').
_QUALIFIED_GOVERNMENT = re.compile(rf"(?<![\w'’@#\-])([{_UPPER}][\w'’\-]*)[^\S\n]+government\Z")
# A platform renamed: 'Kix, formerly Chirper', 'Kix (formerly known as Chirper)'.
_FORMERLY = re.compile(rf"(?<![\w@#])([{_UPPER}][\w]*)[^\S\n]*[,(][^\S\n]*(?:formerly|previously)"
                       rf"(?:[^\S\n]+known[^\S\n]+as)?[^\S\n]+([{_UPPER}][\w]*)")
# A committee written without its parent ("the junior doctors' committee", 'its consultants committee').
# The owner's possessive may be a bare apostrophe after an s ("X Wales’ consultants committee"), and the committee's
# first word may be capitalised or an acronym ("its Consultants committee", "X Wales’ SAS doctor committee").
_BARE_COMMITTEE = re.compile(r"(?:(?<!\w)(?:the|its|their|a|[A-Z][\w]*(?:['’]s|s['’]))|\([A-Z]{2,8}\))[^\S\n]+"
                             r"((?:(?:[A-Z][\w\-]*|[a-z][a-z\-]*(?:['’]s?)?)[^\S\n]+)"
                             r"(?:[a-z][a-z\-]*(?:['’]s?)?[^\S\n]+){0,2}committee)\Z")
_NOT_COMMITTEE_WORDS = frozenset("""same new first next last other whole main said which this that its their
    the a an of for and powerful influential""".split())
# A name introduced by what it is ('Patients Together, a charity,').
_ORGANISATION_KINDS = ("charity|union|group|campaign|think[- ]tank|organisation|organization|body|party|trust|"
                       "company|firm|network|coalition|alliance|association|federation|society|movement|"
                       "agency|regulator|watchdog|forum|consortium|newspaper|broadcaster|website|journal|"
                       "magazine|outlet|news agency|platform|lobby group|pressure group|trade union|"
                       "professional body|royal college|college|council|committee|department|ministry")


def _phrases(phrases) -> str:
    """An alternation of vocabulary words and phrases, longest first, a phrase's words joined by blanks on the line;
    one that never matches when there are none."""
    return "(?:" + "|".join(_GAP.join(map(re.escape, p.split())) for p in sorted(phrases, key=lambda p: (-len(p), p))) \
        + ")" if phrases else "(?!)"


# A government qualified by a part of the nation ('the Scottish Government', 'Welsh government'): kind branch words of
# curated/vocabulary/name_words.csv that are no nation's name (the adjectives), before 'Government' or 'government'.
_GOVERNMENT_ANY_CASE = re.compile(r"overnment(?<=[Gg]overnment)(?![\w\-])")
_DEVOLVED_QUALIFIER = re.compile(
    rf"(?<![\w\-]){_phrases({b for b in NAME_WORDS.branches if b.split()[-1] not in NAME_WORDS.nations})}"
    r"[^\S\n]+[Gg]\Z")
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w'’@#\-])([{_UPPER}][\w'’\-]*)[^\S\n]+[Gg]\Z")


# A part of the nation after a curated body ('KDA Vexmark', 'KDA Northern Vexmark'): kind branch of
# curated/vocabulary/name_words.csv, the rows that end in a nation's name (an adjective never follows a body).
_BRANCH_NAMES = {b for b in NAME_WORDS.branches if b.split()[-1] in NAME_WORDS.nations}
# A branch's possessive: a nation's name and an apostrophe (with or without an s) right before a curated body written
# in lower case ("KDA Vexmark’ junior doctors committee", "KDA Vexmark's consultants committee").
_BRANCH_OWNER_BEFORE = re.compile(rf"(?<![\w\-]){_phrases(NAME_WORDS.nations)}(?:['’]s?)[^\S\n]+\Z")
_BRANCH = re.compile(rf"[^\S\n]+(?:({_phrases(_BRANCH_NAMES)})(?![\w\-])"
                     r"|((?:[a-z][a-z\-]*(?:['’]s?)?[^\S\n]+){1,3}committee)(?!\w))")


_NATION_AFTER_SLASH = re.compile(rf"{_phrases(NAME_WORDS.nations)}(?![\w\-])")


def _branches(text: str, curated: list[AliasMatch]) -> list[tuple[int, int, bool]]:
    """A curated body's branch or committee ('X Wales', 'X consultants committee'): a name of its own that
    replaces the curated match when nothing curated covers the whole."""
    found = []
    for m in curated:
        if m.alias.entity_kind != "organisation":
            continue
        branch = _BRANCH.match(text, m.end)
        if branch and branch.group(1) and text[branch.end():branch.end() + 1] == "/":
            after = _NATION_AFTER_SLASH.match(text, branch.end() + 1)
            if after and f"{branch.group(1)} {after.group()}" not in _BRANCH_NAMES:
                branch = None  # "X England/UK reports": two nations listed qualify what follows, no branch (a
                # bilingual pair that names one branch, 'X Cymru/Wales', stays one)
        if branch and text[m.end - 1:m.end] not in ("'", "’"):
            found.append((m.start, branch.end(), True))
        elif m.text[:1].islower() and m.start > 0:
            # a nation's adjective before a body written in lower case ('its Welsh junior doctors committee')
            nation = _NATION_BEFORE.search(text, max(0, m.start - 20), m.start)
            if nation:
                found.append((nation.start(1), m.end, True))
    return found


# A part of the nation, by name or adjective, before a body written in lower case: every row of kind branch.
_NATION_BEFORE = re.compile(rf"(?<![\w\-])({_phrases(NAME_WORDS.branches)})[^\S\n]+\Z")


def _in_a_longer_run(text: str, start: int, end: int) -> bool:
    """'Harbour Wardens, formerly known as Dock Wardens': a renamed group of people, not a platform. The word
    before `start` or after `end` (same line) is capitalised and no owner's possessive, so each side is the end of
    a longer capitalised run."""
    before = _word_before(text, start)
    after = _CAPITALISED_AFTER.match(text, end)
    return (before[:1].isupper() and not before.endswith(("'s", "’s"))) or after is not None


_CAPITALISED_AFTER = re.compile(rf"[^\S\n]+[{_UPPER}]")
_GOVERNMENT_WORD = re.compile(r"government(?!\w)")
_FORMERLY_WORD = re.compile(r"(?:formerly|previously)(?!\w)")
_FORMERLY_NEEDLES = ("formerly", "previously")
_COMMITTEE_WORD = re.compile(r"committee(?!\w)")
# After the kind word: a possessive or a role, so the kind word only qualifies what follows ('the union's leader').
_KIND_AS_A_MODIFIER = re.compile(r"['’]s?(?!\w)|[^\S\n]+(?:boss|bosses|barons?|leaders?|officials?|chief|members?|reps?|"
                                 r"representatives?|general|secretary|president|chair|spokes(?:person|man|woman)|"
                                 r"director|executive|officer|negotiators?|activists?|organisers?"
                                 r"|said|says|added|told|warned|insisted|argued|stated|claimed)(?![\w\-])")
# A lower-case word after the kind word that is none of the words an appositive goes on with (a preposition, a
# relative, a participle): the kind word is the subject of a new clause ('..., the union set out its demands').
_CLAUSE_AFTER_KIND = re.compile(r"[^\S\n]+(?!(?:which|that|who|whose|based|representing|campaigning|working|set[^\S\n]+up|"
                                r"founded|formed|funded|run|led|and|or|for|of|in|at|on|with|from|to|by|since|whose|"
                                r"covering|serving|supporting|behind|known|called|named)(?![\w\-]))[a-z]+(?:ed|s|t)"
                                r"(?![\w\-])")
_KIND_AFTER_COMMA = re.compile(rf",[^\S\n]+(?:a|an|the)[^\S\n]+(?:[a-z\-]+[^\S\n]+){{0,3}}?(?:{_ORGANISATION_KINDS})(?!\w)")
# The bracket first (a literal the regex engine skips to), the blanks before it required by a look-behind; the
# start of those blanks is found in code (text.blanks_start).
_BRACKETED_ACRONYM = re.compile(rf"\((?<=[^\S\n]\()({BRACKETED_ACRONYM_SHAPE})\)")
_RUN_BEFORE_COMMA = re.compile(rf"(?<![\w'’@#.\-])({_CAPITALISED_WORD}(?:[^\S\n]+(?:of[^\S\n]+|and[^\S\n]+|for[^\S\n]+)?"
                               rf"{_CAPITALISED_WORD}){{0,4}})\Z")
_RUN_BEFORE_ACRONYM = re.compile(rf"(?<![\w'’@#.\-])({_CAPITALISED_WORD}(?:[^\S\n]+(?:(?:of|for|and|the|&)[^\S\n]+)*"
                                 rf"{_CAPITALISED_WORD}){{1,6}})\Z")


# 'from The Clarimond': a capital 'The' inside a sentence before a single media head word is an outlet's title.
_THE_MEDIA_TITLE = re.compile(r"The(?<=[a-z,][^\S\n]The)[^\S\n]+(?:" + "|".join(sorted(_MEDIA_HEAD_WORDS)) + r")(?![\w\-])")
# 'subscribe to The Quillet', 'the best of The Quillet delivered': a capital 'The' inside a sentence (after a lower-case
# word or a comma) before one to three capitalised words that end the run is a title: an outlet's, a publication's.
# The words after a possessive are the owner's ("The Quillet's Free Newsletters"). A title-case heading capitalises
# the word before 'The' as well, so the look-behind leaves it out; a longer line without a lower-case word of four
# letters is a heading with its short words in lower case ('Sign Up for The Best Deals Today').
_THE_TITLE = re.compile(r"The(?<=[a-z,][^\S\n]The)((?:[^\S\n]+[A-Z][\w'’\-]*){1,3})(?![^\S\n]+[A-Z]|[\w'’\-])")
_LOWER_WORD_OF_FOUR = re.compile(r"(?<![\w'’\-])[a-z]{4,}")
_TITLE_NOT_WORDS = NAME_WORDS.nations | NAME_WORDS.regions | NAME_WORDS.places
# Last words of the title of a programme, a document, an event or a prize: a work, not the body that makes it.
_WORKS_NOT_BODIES = frozenset("""
    Show Programme Podcast Documentary Series Episode Plan Report Strategy Act Bill Award Awards Prize Festival Games
    Cup Final Deal Offer Agreement Manifesto Speech Statement Inquiry Debate Hour Hours
""".split())
_VENUE_PREPOSITIONS = frozenset("at near outside inside opposite beside behind".split())


def _the_titles(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _THE_TITLE.finditer(text):
        words = []
        for word in m.group(1).split():
            bare = _bare(word)
            words.append(bare)
            if bare != word:
                break
        first = words[0]
        if first in _LEADING_STRUCTURE_WORDS or first in _TRAILING_STRUCTURE_WORDS or \
                any(w in _PERSON_WORDS or w in _TITLE_NOT_WORDS for w in words) or \
                len(words) == 1 and (first in _HEAD_WORDS or first in _GENERIC_REFERENCES or first.isupper()):
            continue
        if _word_before(text, m.start()) in _VENUE_PREPOSITIONS:
            continue  # 'held at The Red Vexby': a venue
        if _bare(words[-1]) in _WORKS_NOT_BODIES:
            continue  # 'on The Vexby Show', 'in The Pay Report': a programme's or a document's title, not a body
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if len(text[line_start:line_end].split()) > 6 and not _LOWER_WORD_OF_FOUR.search(text, line_start, line_end):
            continue
        end = m.start(1) + m.group(1).index(words[-1]) + len(words[-1])
        spans.append((m.start(), end))
    return spans


# 'Vexmoor Street said': a seat of government speaking (an address word before a reporting verb).
_SEAT_WORDS = ("Street", "House", "Palace", "Hall")  # also the needles: one is in every match
_SEAT_SPEAKING = re.compile(r"(?:Street|House|Palace|Hall)[^\S\n]+(?:has[^\S\n]+)?(?:said|says|insisted|confirmed|"
                            r"warned|told)(?!\w)")
_WORD_BEFORE_SEAT = re.compile(rf"(?<![\w'’@#.\-])([{_UPPER}][\w'’\-]*)[^\S\n]+\Z")


# A photo credit in capitals: 'JO BELL/KESTREL IMAGES' (the agency is the organisation; the person is the names').
_SHOUTED_CREDIT = re.compile(r"(?=[A-Z][A-Z])(?<![\w/])([A-Z][A-Z'’\-]+(?:[^\S\n][A-Z][A-Z'’\-]+){1,2})/([A-Z][A-Z&\-]+(?:[^\S\n][A-Z][A-Z&\-]+){0,3})"
                             r"(?![\w/])")


_SLASH_BEFORE_CAPITAL = re.compile(r"/(?=[A-Z])")
# A photographer's name in capitals at the end of a caption line, after a dash ('... on the picket line - JO BELL').
_CREDIT_AT_LINE_END = re.compile(r"[^\S\n][-\u2013\u2014][^\S\n]+([A-Z][A-Z'\u2019\-]+(?:[^\S\n][A-Z][A-Z'\u2019\-]+){1,2})"
                                 r"[^\S\n]*\Z")


def caption_credit(text: str, line_start: int, line_end: int) -> re.Match | None:
    """The photographer's name at a caption line's end (group 1), or None; an agency ('KESTREL IMAGES', 'AGENCY VIA
    WIRE') is no name."""
    if line_end - line_start <= 8 or not text[line_end - 1].isupper():
        return None
    m = _CREDIT_AT_LINE_END.search(text, max(line_start, line_end - 50), line_end)
    if m is None:
        return None
    from scripts.extract.names import _is_person_name
    return m if _is_person_name(" ".join(w.capitalize() for w in m.group(1).split())) else None


def shouted_credits(text: str) -> list[re.Match]:
    """Photo credits written in capitals: group 1 the photographer, group 2 the agency."""
    found = []
    for slash in _SLASH_BEFORE_CAPITAL.finditer(text):  # a cheap anchor: credits are rare
        m = _SHOUTED_CREDIT.search(text, max(0, slash.start() - 40), slash.start() + 60)
        if m and m.start() < slash.start() < m.end() and (not found or found[-1].start() != m.start()):
            found.append(m)
    return found


def _shaped_names(text: str) -> list[tuple[int, int]]:
    """Organisations named by the shape around them, not by a head word of their own. Each rule looks for
    a cheap anchor word first and reads the name around it, so the scan stays linear and fast."""
    spans = [m.span() for m in _THE_MEDIA_TITLE.finditer(text)]
    spans += _the_titles(text)
    spans += [m.span(2) for m in shouted_credits(text)]
    for anchor in finditer_if_present(_SEAT_SPEAKING, text, _SEAT_WORDS):
        word = _WORD_BEFORE_SEAT.search(text, max(0, anchor.start() - 30), anchor.start())
        if word and word.group(1) not in _LEADING_STRUCTURE_WORDS:
            spans.append((word.start(1), anchor.start() + len(anchor.group().split()[0])))
    for anchor in _GOVERNMENT_WORD.finditer(text):
        m = _QUALIFIED_GOVERNMENT.search(text, max(0, anchor.start() - 40), anchor.end())
        if m and m.end() == anchor.end():
            word = _bare(m.group(1))
            if word not in _LEADING_STRUCTURE_WORDS and word not in _PERSON_WORDS and m.group(1) == word:
                spans.append((m.start(1), m.end()))
    for anchor in finditer_if_present(_FORMERLY_WORD, text, _FORMERLY_NEEDLES):
        m = _FORMERLY.search(text, max(0, anchor.start() - 40), anchor.end() + 50)
        if m and m.start() < anchor.start() < m.end() and not _in_a_longer_run(text, m.start(1), m.end(2)):
            spans += [m.span(1), m.span(2)]
    for anchor in _COMMITTEE_WORD.finditer(text):
        m = _BARE_COMMITTEE.search(text, max(0, anchor.start() - 80), anchor.end())
        if m and m.end() == anchor.end():
            words = m.group(1).split()
            if not any(w.strip("'’").lower() in _NOT_COMMITTEE_WORDS for w in words[:-1]) \
                    and words[0] not in _LEADING_STRUCTURE_WORDS:
                spans.append(m.span(1))
    for anchor in _KIND_AFTER_COMMA.finditer(text):
        if _KIND_AS_A_MODIFIER.match(text, anchor.end()):
            continue  # 'Jo Bell, the union's general secretary', 'in Vexby, a top union boss said', '..., the union
            # said': no kind given to the name before the comma
        if _CLAUSE_AFTER_KIND.match(text, anchor.end()):
            continue  # 'In a letter to Jo Bell, the union set out ...': the kind word opens a clause of its own
        m = _RUN_BEFORE_COMMA.search(text, max(0, anchor.start() - 120), anchor.start())
        if not m:
            continue
        words = m.group(1).split()
        while words and words[0] in _LEADING_STRUCTURE_WORDS:
            words.pop(0)
        if words and not any(w in _PERSON_WORDS for w in words):
            kept = " ".join(words)
            start = m.end(1) - len(kept) if m.group(1).endswith(kept) else m.start(1)
            spans.append((start, m.end(1)))
    for anchor in _BRACKETED_ACRONYM.finditer(text):
        if anchor.group(1).endswith("s") and anchor.group(1)[:-1].isupper():
            continue  # 'Vexby Merit Awards (VMAs)': a plural's letters define a kind of thing, not one body
        anchor_start = blanks_start(text, anchor.start())
        m = _RUN_BEFORE_ACRONYM.search(text, max(0, anchor_start - 150), anchor_start)
        if not m:
            continue
        words = [w for w in m.group(1).split() if w[:1].isupper()]
        while words and words[0] in _LEADING_STRUCTURE_WORDS:
            words.pop(0)
        initials = "".join(w[0] for w in words)
        if len(words) >= 2 and initials.upper() == "".join(c for c in anchor.group(1) if c.isupper()):
            name = m.group(1)
            spans.append((m.end(1) - len(name[name.index(words[0]):]), m.end(1)))
            spans += _uses_of_a_defined_acronym(text, anchor.start(1), anchor.end(1), words)
    spans += _parties(text)
    if "/" in text:
        spans += _joined_parties(text)
    spans += _credited_agencies(text)
    spans += _names_after_a_kind(text)
    for m in finditer_if_present(_DOMAIN_NAME, text, _DOMAIN_NEEDLES):  # 'cancelled (Wirexa.com)'
        if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "@/.:-_")):
            spans.append(m.span())
    return spans


# 'the Vexby and North Marl NHS trust', 'East Marl NHS Foundation trust': an NHS trust named by its places, its head
# word in lower case (a capitalised 'Trust' heads a run of its own). The places: one to six capitalised words, 'and'
# or '&' between them, right before 'NHS'; not a word that only opens a sentence or a structure ('The', 'A').
_NHS_TRUST_HEAD = re.compile(r"NHS(?:[^\S\n]+[Ff]oundation)?[^\S\n]+trust(?![\w\-])")
_PLACES_BEFORE_NHS = re.compile(r"(?<![\w'’\-])((?:[A-Z][\w'’\-]*[^\S\n]+(?:(?:and|&)[^\S\n]+)?){1,6})\Z")


def _trusts_with_a_lower_case_head(text: str) -> list[tuple[int, int]]:
    spans = []
    for anchor in _NHS_TRUST_HEAD.finditer(text):
        m = _PLACES_BEFORE_NHS.search(text, max(0, anchor.start() - 80), anchor.start())
        if not m:
            continue
        words = m.group(1).split()
        start = m.start(1)
        while words and (words[0] in _LEADING_STRUCTURE_WORDS or words[0] in ("and", "&")):
            start = text.index(words[0], start) + len(words[0])
            start += len(text[start:]) - len(text[start:].lstrip())
            words.pop(0)
        if words and words[0][:1].isupper():
            spans.append((start, anchor.end()))
    return spans


# A name written as a web domain with a capital ('Wirexa.com', 'Vexby-Live.co.uk'): a website, so an outlet or a
# company; not an address's tail (after '@', '/', '.', ':') nor a lower-case address ('vexby.gov.uk').
_DOMAIN_NEEDLES = (".com", ".co.uk", ".org", ".net", ".news")
_DOMAIN_NAME = re.compile(r"[A-Z][\w\-]*\.(?:com|co\.uk|org\.uk|org|net|news)(?![\w/.@\-]|\.\w)")


# 'the campaign group Vexby Voices', 'the charity Hope Lane', 'think tank Marl Futures': a kind of body in lower case
# right before a capitalised name (one to four words) names it. Not when a verb of founding or leading follows the name
# ('the charity Jo Bell founded': a person).
_KINDS_BEFORE_NAME = ("charity", "campaign group", "pressure group", "lobby group", "think tank", "think-tank",
                      "trade union", "union", "website", "newspaper", "broadcaster", "magazine", "watchdog",
                      "regulator", "campaign", "platform", "social media site", "social network", "news agency",
                      "consultancy", "publisher", "tabloid", "journal", "firm", "company", "organisation",
                      "organization", "campaign organisation", "professional body", "staff association")


def _phrases_after_a_word_break(phrases) -> str:
    r"""(?<![\w\-]) and _phrases(phrases), written so that the regex engine tries it only at the phrases' first letters:
    one branch per first letter (its phrases in _phrases' order), that letter first, the look-behind right after it
    (a look-behind first is tried at every character of the text). Tests compare the two forms."""
    branches: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
        branches.setdefault(phrase[0], []).append(_GAP.join(map(re.escape, phrase.split()))[len(re.escape(phrase[0])):])
    return "(?:" + "|".join(rf"{re.escape(first)}(?<![\w\-]{re.escape(first)})(?:{'|'.join(rests)})"
                            for first, rests in branches.items()) + ")" if branches else "(?!)"


_KIND_BEFORE_NAME = re.compile(_phrases_after_a_word_break(_KINDS_BEFORE_NAME) + r"[^\S\n]+"
                               r"([A-Z][\w&'’\-]*(?:[^\S\n]+(?:(?:for|of|and)[^\S\n]+)?[A-Z][\w&'’\-]*){0,3})")
_FOUNDED_AFTER = re.compile(r"[^\S\n]+(?:leads|led|runs|ran|founded|co-founded|chairs|chaired|heads|headed|set|started|"
                            r"joined|represents|owns|owned|wrote|edits|edited|works|worked|bought)(?![\w\-])")
_KIND_NEEDLES = tuple(sorted({kind.replace("-", " ").split()[-1] for kind in _KINDS_BEFORE_NAME}))


def _names_after_a_kind(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in finditer_if_present(_KIND_BEFORE_NAME, text, _KIND_NEEDLES):
        words = []
        for w in re.finditer(r"\S+", m.group(1)):
            word = w.group()
            owner = word.endswith(("'s", "’s"))  # "Vexby Voices's": the name ends there ("Doctors' Voice" goes on)
            bare = _bare(word) if owner or w.end() == len(m.group(1)) else word
            words.append((bare, m.start(1) + w.start(), m.start(1) + w.start() + len(bare)))
            if owner:
                break
        while words and _is_connector(words[-1][0]):
            words.pop()
        names = [w for w, _, _ in words if not _is_connector(w)]
        if not names or names[0] in _LEADING_STRUCTURE_WORDS or any(n in _PERSON_WORDS for n in names) \
                or len(names) == 1 and (names[0] in _NATION_SUFFIXES or names[0] in _LOWER_NATIONS
                                        or names[0] in _HEAD_WORDS) \
                or _FOUNDED_AFTER.match(text, words[-1][2]):
            continue
        spans.append((words[0][1], words[-1][2]))
    return spans


# --- bodies by the context around them (issue 8: one-word names, bodies not people) -------------------------------

# A capitalised name of one to four words (its last word may carry a possessive, left outside), read back from a cue.
_CONTEXT_NAME = rf"{_CAPITALISED_WORD}(?:{_GAP}(?:(?:of|for|and|&){_GAP})?{_CAPITALISED_WORD}){{0,3}}"
_NAME_BEFORE_CONTEXT = re.compile(rf"(?:(?<![\w'’])([Tt]he){_GAP})?(?<![\w'’@#.\-])({_CONTEXT_NAME})(?:{_GAP})?\Z")
# What only a body does, after its name:
# 'X said in a statement' (a person may too: a pair that may be a person's name is left out), 'X, which runs',
# 'X said its' ('its', not 'his' or 'her'), and a name after 'the' before a reporting verb ('the Exchequer said':
# a person after 'the' is a role, and roles are left out).
_STATEMENT = re.compile(r"in(?<=[^\S\n]in)[^\S\n]+(?:an?|its)[^\S\n]+(?:[a-z\-]+[^\S\n]+)?"
                        r"(?:statement|release|post|letter|tweet|briefing|submission|update)s?(?![\w\-])")
_STATEMENT_VERB_BEFORE = re.compile(r"(?<![\w\-])(?:(?:has|have)[^\S\n]+)?(?:said|says|added|confirmed|announced|"
                                    r"stated|explained)[^\S\n]+\Z")
_WHICH_AFTER = re.compile(r",[^\S\n]+which[^\S\n]+(?:(?:also|now|still|currently|already)[^\S\n]+)?"
                          r"(?:runs|ran|represents|represented|operates|operated|provides|provided|manages|managed|"
                          r"employs|employed|owns|owned|funds|funded|publishes|published|campaigns|campaigned|"
                          r"lobbies|lobbied|commissions|commissioned|organises|organised|organizes|organized|"
                          r"advises|advised|negotiates|negotiated|oversees|oversaw|regulates|regulated|"
                          r"is[^\S\n]+(?:run|funded|owned|made|backed|led|chaired)|"
                          r"has[^\S\n]+(?:members|branches|offices|staff|represented|run|campaigned))(?![\w\-])")
_ITS = re.compile(r"its(?<=[^\S\n]its)(?![\w\-'’])")
_ITS_VERB_BEFORE = re.compile(r"(?<![\w\-])(?:(?:has|have|also|later|then)[^\S\n]+)?(?:said|says|announced|confirmed|"
                              r"warned|insisted|argued|claimed|stressed|revealed|added)[^\S\n]+(?:that[^\S\n]+)?\Z")
_REPORTED_AFTER = re.compile(r"[^\S\n]+(?:(?:has|have|had|also|later|then|previously|earlier|again)[^\S\n]+)?"
                             r"(?:said|says|told|added|warned|insisted|explained|argued|stated|claimed|announced|"
                             r"confirmed|urged|welcomed|responded|replied|admitted|accused|criticised|called|"
                             r"pledged|promised|rejected|denied|declined|refused|published|described|estimated)"
                             r"(?![\w\-])")
# 'analysis by X', 'a survey from X': who made the research (a pair that may be a person's name is left out).
_BY_OR_FROM = re.compile(r"(?:by(?<=[^\S\n]by)|from(?<=[^\S\n]from))[^\S\n]+(?:(the)[^\S\n]+)?"
                         rf"(?=[{_UPPER}])({_CONTEXT_NAME})")
# Who made the research: 'analysis by X' / 'analysis from X', 'a report by X' (a report from a place is no body's).
_RESEARCH_BEFORE = re.compile(r"(?<![\w\-])(?:(?:[Aa]nalysis|[Rr]esearch|[Ss]urvey|[Pp]olling|[Mm]odelling)"
                              r"|(?P<by_only>[Rr]eport|[Pp]oll|[Ss]tudy|[Rr]eview|[Ff]igures|[Dd]ata))"
                              r"(?:[^\S\n]+carried[^\S\n]+out|[^\S\n]+published)?[^\S\n]+\Z")
# 'Vexby Health chief executive Jo Bell': a body's name before one of its roles in lower case and a capitalised name.
_ROLE_AND_NAME = re.compile(r"(?:[Cc]hief[^\S\n]+[Ee]xecutive|[Gg]eneral[^\S\n]+[Ss]ecretary|[Cc]hief"
                            r"[^\S\n]+[Oo]fficer|[Mm]edical[^\S\n]+[Dd]irector|[Mm]anaging[^\S\n]+[Dd]irector|"
                            r"director|chair|chairman|chairwoman|co-chair|president|founder|co-founder|boss|"
                            rf"spokesperson|spokesman|spokeswoman)[^\S\n]+(?:[Dd]r[^\S\n]+|[Pp]rofessor[^\S\n]+)?"
                            rf"[{_UPPER}][a-z]")
_WHICH_NEEDLES = (", which ",)
# 'In a statement, X said', 'In its letter, the X warned': _STATEMENT's cue opening the sentence, the name after it.
_STATEMENT_OPENING = re.compile(r"(?<![\w\-])[Ii]n[^\S\n]+(?:an?|its)[^\S\n]+(?:[a-z\-]+[^\S\n]+)?"
                                r"(?:statement|release|letter|tweet|briefing|submission|update),[^\S\n]+")
_STATEMENT_NEEDLES = ("statement,", "release,", "letter,", "tweet,", "briefing,", "submission,", "update,")
_NAME_AFTER_CONTEXT = re.compile(rf"(?:([Tt]he){_GAP})?(?=[{_UPPER}])({_CONTEXT_NAME})")
# 'backed by Quorvex members': one capitalised word inside a sentence before 'members' (not 'members of').
_MEMBERS_AFTER = re.compile(r"members(?<=[^\S\n]members)(?![\w\-])(?![^\S\n]+of(?!\w))")
# 'Jo Bell, Quorvex chair, said', 'Jo Bell, the Quorvex chief executive, said': a body's role in an appositive after a
# person's name (a comma, or a reporting verb, closing it).
_APPOSITIVE_ROLES = ("chief executive", "general secretary", "medical director", "managing director", "chair",
                     "chairman", "chairwoman", "co-chair", "president", "director", "founder", "spokesperson",
                     "spokesman", "spokeswoman")
_APPOSITIVE_ROLE_NEEDLES = tuple(sorted({r.split()[-1] for r in _APPOSITIVE_ROLES}))
_ROLE_IN_AN_APPOSITIVE = re.compile(rf",[^\S\n]+(?:(the)[^\S\n]+)?(?=[{_UPPER}])({_CONTEXT_NAME}){_GAP}"
                                    rf"{_phrases(_APPOSITIVE_ROLES)}(?=[,;]|{_GAP}(?:said|says|told|added)(?![\w\-]))")
_NAME_BEFORE_COMMA = re.compile(rf"(?<![\w'’])[{_UPPER}][a-z][\w'’\-]*{_GAP}[{_UPPER}][a-z][\w'’\-]*\Z")


def _not_a_one_word_body(word: str) -> bool:
    """Words that name no body by themselves: sentence openers, titles and roles, head words ('the Trust'), generic
    references, nations and peoples, weekdays and months."""
    from scripts.extract.names import NOT_PERSON_WORDS, ROLE_NOUNS, STRUCTURE_WORDS
    return (word in _LEADING_STRUCTURE_WORDS or word in _TRAILING_STRUCTURE_WORDS or word in _PERSON_WORDS
            or word in _TITLE_MODIFIERS or word in _HEAD_WORDS or word in _HEADS_BEFORE_OF or word in _GENERIC_REFERENCES
            or word in _NATION_SUFFIXES or word in _LOWER_NATIONS or word in _NATIONALITIES or word in NAME_WORDS.nations
            or word.endswith(_NATIONALITY_ENDINGS) or word.lower() in ROLE_NOUNS or word in STRUCTURE_WORDS
            or (word in NOT_PERSON_WORDS and word not in _PARTY_WORDS) or _DIRECTION_WORDS.__contains__(word)
            or word.isupper() or len(word) < 3)


_SURNAME_BEFORE = re.compile(rf"(?<![\w'’\-])([{_UPPER}][\w'’\-]*)\.?[^\S\n]+\Z")


def _word_positions(text: str, word: str):
    """Where the word stands alone in text (no word character, apostrophe or hyphen glued to it)."""
    at = text.find(word)
    while at >= 0:
        after = at + len(word)
        if not (at and (text[at - 1].isalnum() or text[at - 1] in "_'’-@#.")) and \
                not (after < len(text) and (text[after].isalnum() or text[after] in "_-")):
            yield at
        at = text.find(word, after)


def _after_a_first_name(text: str, start: int) -> bool:
    """Whether a title or a word shaped like a first name stands right before start ('Jo Green', 'Ms Green')."""
    from scripts.extract.names import NOT_PERSON_WORDS, STRUCTURE_WORDS
    before = _SURNAME_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return False
    first = before.group(1).rstrip(".")
    return first.lower() in TITLES or (
        first[1:].islower() and not (first in _LEADING_STRUCTURE_WORDS or first in STRUCTURE_WORDS
                                     or first in NOT_PERSON_WORDS or first in _HEAD_WORDS or first in NAME_WORDS.nations
                                     or first in _NATIONALITIES or first.endswith(_NATIONALITY_ENDINGS)
                                     or first in _DIRECTION_WORDS or first in NAME_WORDS.branches))


def _a_persons_name_word(text: str, word: str) -> bool:
    """Whether the text also writes the word after a title or a first name ('Ms Quill', 'Jo Quill'): then it may be
    a person's surname, and a one-word rule leaves it alone."""
    return any(_after_a_first_name(text, at) for at in _word_positions(text, word))


def _context_body(text: str, the: str | None, name: str, at: int, person_shape_allowed: bool) -> tuple[int, int] | None:
    """The span of a body read from a cue, or None. One word: not a word that names no body, not a person's name
    word elsewhere in the text. Several words: not a role or title among them; a pair that may be a person's name
    only where the cue allows one (person_shape_allowed) or 'the' stands before it."""
    words = name.split()
    while words and words[0] in _LEADING_STRUCTURE_WORDS:
        at += len(words[0]) + 1
        words.pop(0)
        the = None
    if len(words) > 2 and words[1] in ("of", "for") and _PLURAL_PEOPLE.fullmatch(words[0].lower()):
        at += len(words[0]) + len(words[1]) + 2  # 'Patients of Quorvex': the people's body
        words = words[2:]
        the = None
    while words and (_is_connector(words[-1]) or words[-1] in _TRAILING_STRUCTURE_WORDS):
        words.pop()
    if not words:
        return None
    last = _bare(words[-1])
    written = " ".join(words[:-1] + [last])
    end = at + len(written)
    if text[at:end] != written:
        return None  # the words were joined by other blanks: let the phrase rules read them
    if len(words) == 1:
        if _not_a_one_word_body(last) or _a_persons_name_word(text, last):
            return None
        return at, end
    names = [_bare(w) for w in words if not _is_connector(w)]
    if any(n in _PERSON_WORDS or n in _TITLE_MODIFIERS or n.lower() in _role_nouns() for n in names):
        return None
    if all(n in _NATION_SUFFIXES or n in _LOWER_NATIONS or n in _DIRECTION_WORDS or n in NAME_WORDS.nations
           for n in names):
        return None
    if not (person_shape_allowed or the):
        from scripts.extract.names import _is_person_name
        if _is_person_name(" ".join(names)):
            return None
    return at, end


def _role_nouns() -> frozenset[str]:
    from scripts.extract.names import ROLE_NOUNS  # names imports this module: bound on first use
    return ROLE_NOUNS


# A name after one of these is a place or a thing in a longer subject ('the hospital in Vexby said its ...').
_PLACE_PREPOSITIONS = frozenset("in at near across outside inside around from of to into throughout within".split())


def _name_before(text: str, end: int) -> re.Match | None:
    m = _NAME_BEFORE_CONTEXT.search(text, max(0, end - 80), end)
    if m and _word_before(text, m.start()) in _PLACE_PREPOSITIONS:
        return None
    return m


def _bodies_by_context(text: str) -> list[tuple[int, int]]:
    """Bodies named by what only a body does or has around their name, whether one word or several. Each cue is
    found from a literal the regex engine skips to ('in a', 'its', 'by', 'of', 'the', ', which'), and the words
    before it are read back from there."""
    spans = []
    for cue in _STATEMENT.finditer(text):  # 'X said in a statement'
        verb = _STATEMENT_VERB_BEFORE.search(text, max(0, cue.start() - 30), cue.start())
        m = verb and _name_before(text, verb.start())
        if m and m.end() < verb.start() + 1 and text[m.end() - 1:m.end()].strip() == "":
            spans.append(_context_body(text, m.group(1), m.group(2), m.start(2), person_shape_allowed=False))
    for cue in finditer_if_present(_STATEMENT_OPENING, text, _STATEMENT_NEEDLES):  # 'In a statement, X said'
        m = _NAME_AFTER_CONTEXT.match(text, cue.end())
        if m and _REPORTED_AFTER.match(text, m.end()):
            spans.append(_context_body(text, m.group(1), m.group(2), m.start(2), person_shape_allowed=False))
    for cue in finditer_if_present(_WHICH_AFTER, text, _WHICH_NEEDLES):
        m = _name_before(text, cue.start())
        if m:
            spans.append(_context_body(text, m.group(1), m.group(2), m.start(2), person_shape_allowed=True))
    for cue in finditer_if_present(_MEMBERS_AFTER, text, ("members",)):  # 'backed by Quorvex members'
        m = _name_before(text, cue.start())
        if m and m.group(1) is None and " " not in m.group(2) and _mid_sentence_not_after_an_article(text, m.start(2)):
            spans.append(_context_body(text, None, m.group(2), m.start(2), person_shape_allowed=False))
    for m in finditer_if_present(_ROLE_IN_AN_APPOSITIVE, text, _APPOSITIVE_ROLE_NEEDLES):  # 'Jo Bell, X chair, said'
        if _NAME_BEFORE_COMMA.search(text, max(0, m.start() - 60), m.start()):
            spans.append(_context_body(text, m.group(1), m.group(2), m.start(2), person_shape_allowed=True))
    for cue in _ITS.finditer(text):  # 'X said its'
        verb = _ITS_VERB_BEFORE.search(text, max(0, cue.start() - 40), cue.start())
        m = verb and _name_before(text, verb.start())
        if m and text[m.end() - 1:m.end()].strip() == "":
            spans.append(_context_body(text, m.group(1), m.group(2), m.start(2), person_shape_allowed=False))
    for m in _BY_OR_FROM.finditer(text):  # 'analysis by X'
        research = _RESEARCH_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if research and (text[m.start()] == "b" or not research.group("by_only")):
            spans.append(_context_body(text, m.group(1), m.group(2), m.start(2), person_shape_allowed=False))
    for cue_start in _roles_before_a_name(text):  # 'X chief executive Jo Bell'
        if cue_start > 1 and text[cue_start - 1] in " \t" and text[cue_start - 2:cue_start - 1].isalpha():
            m = _name_before(text, cue_start)
            if m and not m.group(2).endswith(("'s", "’s", "s'", "s’")):
                spans.append(_context_body(text, m.group(1), m.group(2), m.start(2), person_shape_allowed=True))
    for m in _OF_A_NAME.finditer(text):  # 'director of Marlow Beacon': no person's name
        if _ROLE_BEFORE_OF.search(text, max(0, m.start() - 30), m.start()):
            words = [_bare(w) for w in m.group(2).split() if not _is_connector(w)]
            if len(words) >= 2 and not any(w.endswith(_FIELD_ENDINGS) or w in _field_words() for w in words):
                spans.append(_context_body(text, m.group(1), m.group(2), m.start(2), person_shape_allowed=True))
    for cue in _BODYS_OWN.finditer(text):  # "Marlow Beacon's members", "Quorvex's board"
        m = _name_before(text, cue.start())
        if m:
            spans.append(_context_body(text, m.group(1), m.group(2), m.start(2), person_shape_allowed=True))
    spans += _one_word_credits(text)
    for dash in _BRACKET_AND_DASH.finditer(text):  # 'VEXBY, March 3 (Wirex) - ': the agency
        line_start = text.rfind("\n", max(0, dash.start() - 80), dash.start()) + 1
        if line_start or dash.start() < 80:
            m = _WIRE_DATELINE.match(text, line_start)
            if m and m.end(1) == dash.start():
                spans.append(m.span(1))
            elif (m := _WIRE_OPENING.match(text, line_start)) and m.end(1) == dash.start() and \
                    not any(_not_a_one_word_body(w) or w in _NOT_CREDITED_BODIES or w in _GENERIC_MEDIA_MODIFIERS
                            or w in _STORY_LABELS for w in m.group(1).split()):
                spans.append(m.span(1))  # '(Wirex) -- Junior doctors ...': the agency opening the story, no place
    for m in _THE_SUBJECT.finditer(text):  # 'the Exchequer said', "the Quillet's health editor"
        the = m.start() - 1
        if _word_before(text, the) in ("of", "for") and \
                _word_before(text, blanks_start(text, the) - len(_word_before(text, the)))[:1].isupper():
            continue  # 'Friends of the Vexe said': the end of a longer name
        spans.append(_context_body(text, "the", m.group(1), m.start(1), person_shape_allowed=True))
    return [span for span in spans if span]


# Three or more names listed before a plural kind of body in lower case: 'the Vexby Royal, Marl General and Quill
# Community hospitals' (each name a body of that kind).
_PLURAL_KINDS = ("hospitals", "trusts", "councils", "universities", "colleges", "charities", "unions", "boards", "hospices",
                 "practices", "surgeries")
_PLURAL_KIND = re.compile(word_trie(_PLURAL_KINDS) + r"(?![\w\-])")  # a blank before it is checked in code
_LIST_ITEM = r"[A-Z][\w'’\-]*(?:[^\S\n]+[A-Z][\w'’\-]*){0,2}"
_LIST_BEFORE_KIND = re.compile(rf"((?:{_LIST_ITEM},[^\S\n]+){{1,8}}{_LIST_ITEM},?[^\S\n]+and[^\S\n]+{_LIST_ITEM})\Z")


def _listed_bodies_of_a_kind(text: str) -> list[tuple[int, int]]:
    spans = []
    for kind in finditer_if_present(_PLURAL_KIND, text, _PLURAL_KINDS):
        if not kind.start() or text[kind.start() - 1] not in " \t" or not _capitalised_before(text, kind.start()) \
                or text.find(" and ", max(0, kind.start() - 250), kind.start()) < 0:
            continue  # (most kinds follow a lower-case word: no look-up)
        m = _LIST_BEFORE_KIND.search(text, max(0, kind.start() - 250), blanks_start(text, kind.start()))
        if m is None:
            continue
        at = m.start(1)
        items = []
        for part in re.split(r"(,[^\S\n]+(?:and[^\S\n]+)?|[^\S\n]+and[^\S\n]+)", m.group(1)):
            if part and part[0].isupper():
                items.append((at, at + len(part), part))
            at += len(part)
        words = [w for _, _, item in items for w in item.split()]
        if len(items) < 3 or any(w.rstrip(".").lower() in TITLES for w in words) \
                or any(len(item.split()) < 2 for _, _, item in items):
            continue  # (one-word items are places: 'Vexby, Marl and Quill hospitals')
        for start, end, item in items:
            item_words = item.split()
            while item_words and item_words[0] in _LEADING_STRUCTURE_WORDS:
                start += len(item_words[0]) + 1
                item_words.pop(0)
            if item_words and not all(w in NAME_WORDS.nations or w in _LOWER_NATIONS for w in item_words):
                spans.append((start, end))
    return spans


# A wire story's dateline: a place in capitals or title case opening a line, maybe a date, the agency in brackets, a
# dash ('VEXBY, March 3 (Wirex) - ', 'Port Vexby (Wirex) – ').
_BRACKET_AND_DASH = re.compile(r"\)[^\S\n]*[-\u2013\u2014]")
_WIRE_DATELINE = re.compile(r"[^\S\n]*(?:[A-Z][A-Za-z'’\-]+[^\S\n]){0,2}[A-Z][A-Za-z'’\-]+"
                            r"(?:,[^\S\n]+[A-Z][a-z]{2,8}\.?[^\S\n]+\d{1,2})?[^\S\n]+"
                            r"\(([A-Z][\w&'’\-]*(?:[^\S\n]+[A-Z][\w&'’\-]*){0,2})\)[^\S\n]*[-\u2013\u2014]")
# A wire story opened by the agency in brackets and a dash, with no place before it ('(Wirex) -- Junior doctors ...').
_STORY_LABELS = frozenset("Updated Exclusive Video Audio Pictured Analysis Opinion Comment Explainer Sponsored".split())
_WIRE_OPENING = re.compile(r"[^\S\n]*\(([A-Z][\w&'’\-]*(?:[^\S\n]+[A-Z][\w&'’\-]*){0,2})\)[^\S\n]*[-\u2013\u2014]")
# A picture credited to one capitalised word ('(Photo: Vexstock)', 'Picture: Vexstock' on its own line): an agency or
# an outlet (a photographer is named by two words or more); not a word saying where the picture came from.
# The word may open in lower case before a capital inside it ('Photo: vexStock'), and may be the first of a list of
# sources set apart by slashes ('pic by Vexstock / Quillpix').
_ONE_WORD_CREDIT = re.compile(r"[^\S\n]*((?:[A-Z]|[a-z]+[A-Z])[\w&'’\-]*)[^\S\n]*(?=[)\n/]|\Z)")
# A credit written with 'by' ('pic by Vexstock', 'Photo by Jo Bell/Vexstock'), read like the labels with a colon.
_CREDIT_BY_LABELS = tuple(f"{kind} by " for word in ("pic", "picture", "photo", "photograph", "image")
                          for kind in (word, word.capitalize()))
_NOT_CREDITED_BODIES = frozenset("""
    Supplied Handout Contributed File Archive Stock Library Screenshot Screengrab Submitted Family Social Media Reader
    Readers Courtesy Pool Internet
""".split())


def _one_word_credits(text: str) -> list[tuple[int, int]]:
    spans = []
    for label in (*CREDIT_LABELS, *_CREDIT_BY_LABELS, "Copyright:"):
        at = text.find(label)
        while at >= 0:
            m = _ONE_WORD_CREDIT.match(text, at + len(label))
            if m and m.group(1) not in _NOT_CREDITED_BODIES and not _not_a_one_word_body(m.group(1)) \
                    and not m.group(1).isupper() and not _a_persons_name_word(text, m.group(1)):
                spans.append(m.span(1))
            at = text.find(label, at + len(label))
    return spans


# What only a body owns: members, a board, trustees, branches, a website, a membership, headquarters.
_BODYS_OWN = re.compile(r"s(?<=[\w]['’]s)[^\S\n]+(?:members|board|trustees|branches|website|membership|headquarters|"
                        r"chief[^\S\n]+executive|general[^\S\n]+secretary|medical[^\S\n]+director|chairman|chairwoman|"
                        r"affiliates|annual[^\S\n]+report|governing[^\S\n]+body|ruling[^\S\n]+council)(?![\w\-])"
                        r"(?![^\S\n]+of(?!\w))")  # not "Vexby's members of parliament"
# The role words _ROLE_AND_NAME holds, each found by str.find (a scan for the alternation itself would try it at
# every common letter), with the longest role word before it that makes a two-word role.
_ROLE_NEEDLES = ("xecutive", "ecretary", "fficer", "irector", "chair", "president", "founder", "boss", "spokes")


def _roles_before_a_name(text: str) -> list[int]:
    """Where each role of _ROLE_AND_NAME that a capitalised name follows starts, in order."""
    starts = set()
    for needle in _ROLE_NEEDLES:
        at = text.find(needle)
        while at >= 0:
            word_start = at
            while word_start and (text[word_start - 1].isalpha() or text[word_start - 1] == "-"):
                word_start -= 1
            before = _WORD_BEFORE.search(text, max(0, word_start - 20), word_start)
            for start in ((before.start(1), word_start) if before else (word_start,)):
                if _ROLE_AND_NAME.match(text, start):
                    starts.add(start)
                    break
            at = text.find(needle, at + len(needle))
    return sorted(starts)


def _short_forms(text: str, bodies: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'the Velmont Trust ... Velmont said': the first word of a two-word body whose second word is an organisation's
    head stands for the body where it speaks or owns something ('Velmont said', "Velmont's analysis"), alone (no
    capitalised word next to it), and nothing makes it a person's name word or a word that names no body."""
    spans = []
    seen = set()
    for start, end in bodies:
        words = text[start:end].split()
        if len(words) != 2 or _bare(words[1]) not in _ORGANISATION_HEAD_WORDS or words[0] in seen:
            continue
        word = words[0]
        seen.add(word)
        if _not_a_one_word_body(word) or not word[1:].islower() or word.lower() in text or \
                _a_persons_name_word(text, word):
            continue
        for at in _word_positions(text, word):
            end_at = at + len(word)
            if at == start or _CAPITALISED_AFTER.match(text, end_at) or _in_a_run_after(text, at):
                continue
            if _REPORTED_AFTER.match(text, end_at) or text.startswith(("'s ", "’s "), end_at):
                spans.append((at, end_at))
    return spans


# An embedded post's signature: '— Vexby KHS FT (@VexbyKHS) December 20, 2023' (a name, maybe a symbol or two, the
# handle in brackets, a date).
_POST_SIGNATURE = re.compile(r"\((@\w+)\)[^\S\n]+[A-Z][a-z]{2,8}\.?[^\S\n]+\d{1,2},[^\S\n]+\d{4}")


def _handles_of_bodies(text: str, curated: list[AliasMatch], found) -> list[tuple[int, int]]:
    """The handle in an embedded post's signature is a body's where the name before it is one (found as a body,
    curated or not: '— QRX (@QRX) March 24, 2023'); a person's handle is left to the person rules."""
    ends = {m.end for m in curated if m.alias.entity_kind == "organisation"} | {e for _, e, _ in found}
    spans = []
    for m in _POST_SIGNATURE.finditer(text):
        name_end = m.start()
        while name_end > 0 and not text[name_end - 1].isalnum():
            name_end -= 1
            if m.start() - name_end > 12 or text[name_end] == "\n":
                break
        if name_end in ends:
            spans.append(m.span(1))
    return spans


def _after_an_opener(text: str, start: int) -> bool:
    """Whether the capitalised word before start opens the sentence as a structure word ('But', 'Meanwhile') or ends
    a quotation ('... Pay Demands,' <party>'s Jo Bell Says'): the word at start opens a name of its own."""
    before = _word_before(text, start)
    return before in _LEADING_STRUCTURE_WORDS or before[-1:] in "'\u2019\"\u201d"


def _in_a_run_after(text: str, start: int) -> bool:
    """Whether a capitalised word stands right before start (past blanks, no punctuation between) inside a sentence."""
    before = _word_before(text, start)
    return before[:1].isupper() and not before.endswith((",", ";", ":")) and not _opens_sentence(text, start)


def _other_uses(text: str, bodies: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name the context showed to be a body is one wherever else it stands alone in the article (one sense per
    article): not inside a longer capitalised run, not glued to other characters."""
    spans = []
    names = {text[s:e] for s, e in bodies}
    names |= {n.upper() for n in names if len(n) >= 4 and " " not in n and not n.isupper()}  # 'Wirex' as 'WIREX'
    for name in names:
        for at in _word_positions(text, name):
            if _CAPITALISED_AFTER.match(text, at + len(name)) or _in_a_run_after(text, at):
                continue
            spans.append((at, at + len(name)))
    return spans


# A role whose object is a body, never a person: 'director of X', 'founder of X' (the older cues of _BODY_CUES read
# 'chair of', 'president of', 'chief executive of'). A field of work may follow these roles too ('director of Public
# Health', 'head of Workforce Planning'), so only a name of two words or more without a field's word is read here.
_OF_A_NAME = re.compile(rf"of(?<=[^\S\n]of)[^\S\n]+(?:(the)[^\S\n]+)?(?=[{_UPPER}])({_CONTEXT_NAME})")
_ROLE_BEFORE_OF = re.compile(r"(?<![\w\-])(?:director|founder|co-founder|head|boss|general[^\S\n]+secretary|chief"
                             r"[^\S\n]+officer|trustee|treasurer|patron|ambassador)[^\S\n]+\Z")
_FIELD_ENDINGS = ("ing", "ics", "ogy", "ions", "ment", "ine", "ery", "ery", "ance", "ence", "ity")


def _field_words() -> frozenset[str]:
    from scripts.extract.names import NOT_PERSON_WORDS, STRUCTURE_WORDS  # names imports this module
    return STRUCTURE_WORDS | NOT_PERSON_WORDS | _LEADING_STRUCTURE_WORDS


# 'the Exchequer said', 'The Quillmark has warned', "the Quillet's health editor": a name after 'the' (one to three
# capitalised words) as the subject of a reporting verb or the owner of something.
_THE_SUBJECT = re.compile(rf"he(?<=[Tt]he)(?<![\w'’][Tt]he)[^\S\n]+(?=[{_UPPER}])"
                          rf"({_CAPITALISED_WORD}(?:{_GAP}{_CAPITALISED_WORD}){{0,2}}?)"
                          r"(?=['’]s[^\S\n]|[^\S\n]+(?:(?:has|have|had|also|later|then|previously|earlier|again)[^\S\n]+)?"
                          r"(?:said|says|told|added|warned|insisted|explained|argued|stated|claimed|announced|"
                          r"confirmed|urged|welcomed|responded|replied|admitted|accused|criticised|called|"
                          r"pledged|promised|rejected|denied|declined|refused|published|described|estimated)(?![\w\-]))")


# A picture's credit ('(Image: Jo Bell/Vexby Courier)', 'Picture: Jo Bell / Kestrel Images'): what follows a slash
# after the photographer is the agency or outlet that holds the picture; so is each further name set apart by a
# slash or 'via' up to the credit's end ('Photo by Jo Bell/Quill Images/Vexpix via Marl Images').
_CREDIT_SEPARATOR = r"[^\S\n]*/[^\S\n]*|[^\S\n]+via[^\S\n]+"
_AGENCY_IN_A_CREDIT = re.compile(rf"(?:{_CREDIT_SEPARATOR})((?:[A-Z][\w&'’\-]*)(?:[^\S\n]+[A-Z][\w&'’\-]*){{0,3}})"
                                 rf"(?={_CREDIT_SEPARATOR}|[^\S\n]*(?:[)\n]|\Z))")


def _credited_agencies(text: str) -> list[tuple[int, int]]:
    spans = []
    for label in (*CREDIT_LABELS, *_CREDIT_BY_LABELS):
        at = text.find(label)
        while at >= 0:
            stop = min(x for x in (text.find(")", at), text.find("\n", at), len(text)) if x >= 0)
            slash = text.find("/", at, stop)
            if 0 <= slash and stop - at <= 100:
                position = slash if not text[slash - 1:slash].isspace() else blanks_start(text, slash)
                agencies = []
                while (m := _AGENCY_IN_A_CREDIT.match(text, position, stop)) is not None:
                    agencies.append(m.span(1))
                    position = m.end()
                if agencies and not text[position:stop].strip():
                    spans += agencies  # every name after the photographer, the credit read to its end
            at = text.find(label, at + len(label))
    return spans


def _uses_of_a_defined_acronym(text: str, start: int, end: int, name_words: list[str]) -> list[tuple[int, int]]:
    """An acronym defined in brackets after a name whose initials it fits stands for that body in every use: in
    the brackets and wherever it stands alone as a word later ('Easton Royal Infirmary (ERI)' ... 'at ERI'). This
    holds for a mixed-case acronym ('Vale Government Resilience Room (VGoRR)') and for one that usually means a
    term ('MRI'), but the latter only after a name with an organisation head word."""
    acronym = text[start:end]
    if sum(c.isupper() for c in acronym) < 2 or not acronym[-1].isupper():
        return []
    plain = acronym.isupper() and len(acronym) <= 6
    if plain and acronym not in _NOT_ORGANISATION_ACRONYMS:
        return []  # the acronym rule finds it already, in every use
    if plain and not any(_bare(w) in _ORGANISATION_HEAD_WORDS for w in name_words):
        return []
    spans = []
    at = start
    while at >= 0:
        after = at + len(acronym)
        if not (at and (text[at - 1].isalnum() or text[at - 1] in _NOT_BEFORE_ACRONYM)) and \
                not (text[after:after + 1].isalnum() or text[after:after + 1] in "@/&"):
            spans.append((at, after))
        at = text.find(acronym, after)
    return spans


# A party's word (curated/vocabulary/name_words.csv, kind not_person) standing where a body stands: before a
# member's role ('Vexite MP', 'Lantern ministers', 'Lantern government'), a possessive and a role ("Lantern's shadow health secretary"), a
# reporting verb ('Lantern has said'), or as a plural after 'the' ('the Vexites').
# (The character before a word is checked in code: a look-behind first would run at every position.)
# One scan finds these and the organisation words (kind organisation: a legislature's or a platform's own name, a
# mention wherever it stands capitalised, with a nation word after it: 'Vexmoot Cymru').
_PARTY_WORDS = NAME_WORDS.not_person | NAME_WORDS.organisations
_PARTY_WORD = re.compile(_phrases(_PARTY_WORDS) + r"(?![\w\-])")
_NATION_AFTER = re.compile(rf"[^\S\n]+{_phrases(NAME_WORDS.nations)}(?![\w\-])")  # kind nation: 'Vexmoot Cymru'
_PARTY_AFTER = re.compile(r"(?:[^\S\n]+(?:MPs?|MSPs?|MSs?|MLAs?|peers?|councillors?|candidates?|activists|members|voters"
                          r"|ministers?|politicians?|rebels|grandees|whips?"
                          r"|supporters|government|administration|frontbench|backbenchers?|leadership|leader|source"
                          r"|sources|spokesperson|spokesman|spokeswoman|figures)(?![\w\-])"
                          r"|['’]s[^\S\n]+[a-z]"
                          r"|[^\S\n]+(?:(?:has|have|had|also|today|yesterday)[^\S\n]+)?"
                          r"(?:said|says|warned|claimed|insisted|accused|called|urged|pledged|promised)(?![\w\-]))")


# A devolved branch of a party: a nation's adjective before the party's words ('Welsh Lantern', 'Scottish Vexites').
_NATION_ADJECTIVE_BEFORE = re.compile(  # kind branch, its adjectives (the rows not ending in a nation)
    rf"(?<![\w\-]){_phrases({b for b in NAME_WORDS.branches if b.split()[-1] not in NAME_WORDS.nations})}[^\S\n]+\Z")
_BLANKS = re.compile(r"[^\S\n]+")


def _parties(text: str) -> list[tuple[int, int]]:
    spans = []
    after_last = -1  # where the last party's words ended: a word right after them is part of that name
    for m in _PARTY_WORD.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_'’@#.-"):
            continue
        if m.start() <= after_last:
            continue  # 'Democrats' of 'Liberal Democrats': read with the word before it
        word = m.group()
        if word in NAME_WORDS.organisations:
            nation = _NATION_AFTER.match(text, m.end())
            spans.append((m.start(), nation.end() if nation else m.end()))
            continue
        start, end = m.start(), m.end()
        while True:  # a party written in two of its words ('Liberal Democrats')
            gap = _BLANKS.match(text, end)
            more = _PARTY_WORD.match(text, gap.end()) if gap else None
            if more is None or more.group() in NAME_WORDS.organisations:
                break
            end, word = more.end(), more.group()
        after_last = end
        if _after_a_first_name(text, start):
            continue  # 'Jo Green said': a person's surname
        nation = _NATION_ADJECTIVE_BEFORE.search(text, max(0, start - 20), start)
        if nation:  # a devolved party's name wherever it stands: 'the Welsh Lantern said', 'Scottish Vexites backed'
            spans.append((nation.start(), end))
        elif _PARTY_AFTER.match(text, end) or (word.endswith("s") and text[max(0, start - 4):start] in _THE) \
                or (_PARTY_MODAL_AFTER.match(text, end) and (_mid_sentence_not_after_an_article(text, start)
                                                              or text[start - 2:start] == ", ")):
            spans.append((start, end + (len(_LOWER_PARTY.match(text, end).group()) if _LOWER_PARTY.match(text, end)
                                        else 0)))
        elif _party_mid_sentence(text, start, end) and not _a_persons_name_word(text, word):
            spans.append((start, end))  # 'a gift to <party>', 'than <party>.', ', <party> Shadow Health Secretary'
        elif (_OWNER_OF_A_PERSON.match(text, end) or _word_before(text, start) in _VERBS_OF_A_PARTY
              or _LOWER_PARTY.match(text, end)) and not (_in_a_run_after(text, start) and not _after_an_opener(text, start)) \
                and not _a_persons_name_word(text, word):
            # "<party>'s Jo Bell said", 'told <party> to', 'the <party> party conference' (not a surname: 'Jo <word>')
            spans.append((start, end + (len(_LOWER_PARTY.match(text, end).group()) if _LOWER_PARTY.match(text, end)
                                        else 0)))
    return spans


_OWNER_OF_A_PERSON = re.compile(rf"['’]s[^\S\n]+[{_UPPER}][a-z]")
# A capitalised run right after a party's word that holds a title ('<party> Shadow Health Secretary, Jo Bell'):
# the member's role, not more words of the name.
_TITLED_RUN_AFTER = re.compile(rf"(?:[^\S\n]+{_CAPITALISED_WORD}){{1,4}}")


def _party_mid_sentence(text: str, start: int, end: int) -> bool:
    """A party's word after a lower-case word other than an article is the party wherever the sentence goes on: 'a
    gift to <party>', 'more than <party>.', 'for <party> to', 'attention to <party> mismanagement'. Before a
    capitalised word it is read only when the run after it holds a title ('support <party> Shadow Health
    Secretary'), since the run may be a longer name ('<party> Friends Network') or a thing's ('the <party> Paper');
    so too after a comma, a colon or a semicolon (', <party> Shadow Health Secretary, Jo Bell'), where a word may
    be one of a list ('red, Green and blue'). A sentence's first word may be a common noun, and a word after an
    article a person or a thing ('the Progress was slow'): the other rules read those."""
    before = _word_before(text, start)
    if not before or before in _ARTICLES or not (before[:1].islower() or before[-1] in ",;:"):
        return False
    run = _TITLED_RUN_AFTER.match(text, end)
    if run is None:
        return before[:1].islower() and before[-1] not in ",;:"
    words = [_bare(w) for w in run.group().split()]
    return any(w in _TITLE_WORDS or w in _TITLE_MODIFIERS for w in words)
# Two parties joined by a slash before what they form together ('the KVP/Lantern coalition', 'a Vexite/KVP government').
_JOINED_BEFORE = re.compile(r"(?<![\w/@#.\-])([A-Z][\w'’\-]*)\Z")
_JOINED_AFTER = re.compile(r"([A-Z][\w'’\-]*)[^\S\n]+(?:coalition|government|administration|alliance|pact|partnership)(?![\w\-])")


def _joined_parties(text: str) -> list[tuple[int, int]]:
    spans = []
    for slash in _SLASH_BEFORE_CAPITAL.finditer(text):
        after = _JOINED_AFTER.match(text, slash.end())
        before = after and _JOINED_BEFORE.search(text, max(0, slash.start() - 30), slash.start())
        if before and all(_PARTY_WORD.fullmatch(w) or (2 <= len(w) <= 6 and w.isupper() and w not in _NOT_ORGANISATION_ACRONYMS)
                          for w in (before.group(1), after.group(1))):
            spans += [before.span(1), after.span(1)]
    return spans
_LOWER_PARTY = re.compile(r"[^\S\n]+party(?![\w\-])")
_VERBS_OF_A_PARTY = frozenset("told urged accused criticised blamed attacked backed joined defected".split())


# Mid-sentence (after a lower-case word), a party's word before a modal or auxiliary verb is the party as a subject
# ('... that Vexites should', 'voters say Vexite are ahead': a party takes a plural verb in British copy). At a
# sentence's start the word may be a common noun (a party called Progress: 'Progress will take years'); after an
# article a singular word is a person or a thing ('the Progress was slow'), a plural one the party ('the Vexites').
_PARTY_MODAL_AFTER = re.compile(r"[^\S\n]+(?:should|must|would|could|will|can|cannot|may|might|shall|wants|needs|plans"
                                r"|intends|has|have|had|is|are|was|were|does|did)(?![\w\-])")
_THE = ("the ", "The ")
_ARTICLES = frozenset("the a an".split())


def _mid_sentence_not_after_an_article(text: str, start: int) -> bool:
    before = _word_before(text, start)
    return before[:1].islower() and before not in _ARTICLES


# --- outlets and platforms by their role ----------------------------------------------------------------------

def _role_names(text: str) -> list[tuple[int, int]]:
    """Names in the place of an outlet: the object of 'told', 'according to', ..., the subject of
    'reported', 'understands', ..., and a platform before 'account'."""
    spans = []
    for cue in _OBJECT_CUE.finditer(text):
        if cue.start() > 0 and text[cue.start() - 1].isalnum():
            continue
        verb = cue.group().lower()
        if verb in _KIND_NOUNS:
            if _capitalised_before(text, cue.start()):  # most kind words follow a lower-case word: no look-up
                m = _NAME_BEFORE_KIND.search(text, max(0, cue.start() - 50), cue.start())
                before = _word_before(text, m.start()) if m else ""
                if m and before[:1].islower() and (verb in ("union", "charity") or before in _ARTICLES) \
                        and m.group(1) not in _GENERIC_MEDIA_MODIFIERS:  # a media kind: after an article only
                    spans.append(_body_name(text, m.group(1), m.start(1), spokesperson=False))
            continue
        between = _AFTER_OBJECT_CUE.match(text, cue.end())
        preposition = (between.group(1) or "") if between else None
        if verb in _BODY_CUES:
            if verb in _SPOKESPEOPLE and _capitalised_before(text, cue.start()):
                m = _BODY_BEFORE_SPOKESPERSON.search(text, max(0, cue.start() - 60), cue.start())
                if m:
                    spans.append(_body_name(text, m.group(1), m.start(1), spokesperson=True))
            low = max(0, cue.start() - 40)
            if verb[-3:] not in (" of", " at") and (text.find("'s ", low, cue.start()) >= 0
                                                   or text.find("\u2019s ", low, cue.start()) >= 0):
                owner = _OWNER_BEFORE_ROLE.search(text, max(0, cue.start() - 80), cue.start())
                if owner and len(owner.group(1).split()) > 1:  # "Vexby Health's chief executive"
                    spans.append(_body_name(text, owner.group(1), owner.start(1), spokesperson=True))
            if preposition in _BODY_CUES[verb]:
                m = _NAME_AFTER_CUE.match(text, between.end())
                if m and (m.group(1) or "").islower() or m and not m.group(1):
                    spans.append(_body_name(text, m.group(2), m.start(2), spokesperson=verb in _SPOKESPEOPLE))
            continue
        if preposition not in _OBJECT_CUES[verb]:
            continue
        m = _NAME_AFTER_CUE.match(text, between.end())
        if m:
            spans.append(_outlet_name(text, m, posted_on=verb in _POSTING_VERBS and preposition == "on"))
    for cue in finditer_if_present(_SUBJECT_CUE, text, _SUBJECT_CUE_NEEDLES):
        name_end = cue.start()
        while name_end > 0 and text[name_end - 1].isspace() and text[name_end - 1] != "\n":
            name_end -= 1
        if name_end == cue.start():
            continue  # glued to the word before ('unreported'), or at the start of a line
        m = _NAME_BEFORE_CUE.search(text, max(0, name_end - 60), name_end)
        if m and (m.group(1) or not _word_before(text, m.start())[:1].isupper()):
            spans.append(_outlet_name(text, m, posted_on=False))
    for cue in finditer_if_present(_PLATFORM_WORD, text, _PLATFORM_WORDS):
        m = _PLATFORM_BEFORE.search(text, max(0, cue.start() - 40), cue.start())
        if m and (cue.start() == 0 or not text[cue.start() - 1].isalnum()) and _is_platform(text, m):
            spans.append(m.span(1))
    return [span for span in spans if span]


def _outlet_name(text: str, m: re.Match, posted_on: bool) -> tuple[int, int] | None:
    """The outlet in a name match (group 1 an optional 'the', group 2 up to five words), or None."""
    words = []
    for w in re.finditer(r"\S+", m.group(2)):
        word, start = w.group(), m.start(2) + w.start()
        if word[0].isdigit() and (not words or words[-1][0] not in _WORDS_BEFORE_A_NUMBER):
            break
        if words and word in _TRAILING_STRUCTURE_WORDS:
            break
        bare = _bare(word)
        words.append((bare, start, start + len(bare)))
        if bare != word:
            break
    if not words or len(words) > 4:
        return None  # a longer run is a heading or a title and name, not an outlet
    if _CUT_SHORT.match(text, words[-1][2]):
        return None  # 'the Department of Health' is the phrase rule's
    names = [w for w, _, _ in words]
    the = m.group(1)
    if (names[0] in _LEADING_STRUCTURE_WORDS and names[0] not in _MEDIA_HEAD_WORDS) \
            or any(n in _PERSON_WORDS for n in names) or names[-1] in _WORKS_NOT_BODIES:
        return None  # (a programme's title: 'appeared on The Quill Show')
    if len(names) == 1:
        single = names[0]
        if not (the or posted_on or _CAMEL_CASE.fullmatch(single)) or single in _ORGANISATION_HEAD_WORDS \
                or single in _GENERIC_REFERENCES \
                or single in _NOT_ORGANISATION_ACRONYMS:
            return None
    elif not the and not (names[-1] in _MEDIA_HEAD_WORDS or names[0] in _MEDIA_OPENERS
                          or any(_is_acronym_or_number(n) for n in names)):
        return None  # 'told Mira Tallis': a person ('published by Radio Vexhub': a generic media word opens a title)
    start = m.start(1) if the == "The" and not _opens_sentence(text, m.start(1)) else words[0][1]
    return start, words[-1][2]


# One word of two capitalised parts ('VexbyOnline', 'QuillLive'): a site's or a brand's name, never a person's (a
# surname's particle is short: 'McAdam', 'MacLeod', 'DeVere').
_CAMEL_CASE = re.compile(r"[A-Z][a-z]{3,}[A-Z][a-z]{2,}")


def _capitalised_before(text: str, i: int) -> bool:
    """Whether the word before position i (past blanks on the line) starts with a capital: a cheap test before a
    look-up that needs one."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'\u2019-&"):
        j -= 1
    return j >= 0 and text[j].isupper()


def _body_name(text: str, written: str, at: int, spokesperson: bool) -> tuple[int, int] | None:
    """The body in the place a role gives it ('chief executive of Vexby Health'), or None: up to four words, not a
    title, a person's word, a sentence opener, a lone head word or nation, nor a name cut short by 'of' / 'and'
    (the phrase rule sees the whole); after a spokesperson, not a pair that may be a person's name."""
    words = []
    for w in re.finditer(r"\S+", written):
        word, start = w.group(), at + w.start()
        if word[0].isdigit() and (not words or words[-1][0] not in _WORDS_BEFORE_A_NUMBER and words[-1][0] != "Number"):
            break
        if words and word in _TRAILING_STRUCTURE_WORDS:
            break
        bare = _bare(word.rstrip(",.;:"))
        if not bare:
            break
        words.append((bare, start, start + len(bare)))
        if bare != word:
            break
    if not words or len(words) > 4 or _CUT_SHORT.match(text, words[-1][2]):
        return None
    names = [w for w, _, _ in words]
    if names[0] in _LEADING_STRUCTURE_WORDS or any(n in _PERSON_WORDS or n in _TITLE_MODIFIERS for n in names):
        return None
    if len(names) == 1 and (names[0] in _HEAD_WORDS or names[0] in _GENERIC_REFERENCES or names[0] in _NATION_SUFFIXES
                            or names[0] in _NOT_ORGANISATION_ACRONYMS or names[0] in _LOWER_NATIONS
                            or names[0].endswith(_NATIONALITY_ENDINGS) or names[0] in _NATIONALITIES
                            or spokesperson and not names[0].isupper() and (
                                _not_a_one_word_body(names[0]) or _a_persons_name_word(text, names[0]))):
        return None
    if spokesperson and len(names) > 1 and not any(_is_acronym_or_number(n) for n in names):
        from scripts.extract.names import _is_person_name
        if _is_person_name(" ".join(names)):
            return None  # 'a spokesperson for Mira Tallis'
    return words[0][1], words[-1][2]


_LOWER_NATIONS = NAME_WORDS.regions | NAME_WORDS.places  # kinds region and place: curated/vocabulary/name_words.csv
_LAND_WORDS = NAME_WORDS.nations | _LOWER_NATIONS  # a nation's, a region's or a place's name
# A people's words (kinds nationality and nationality_surname of curated/vocabulary/name_words.csv); most also end
# in one of _NATIONALITY_ENDINGS.
_NATIONALITIES = NAME_WORDS.nationalities | NAME_WORDS.nationality_surnames


def _word_before(text: str, i: int) -> str:
    """The word before position i on the same line, or ''."""
    m = _WORD_BEFORE.search(text, max(0, i - 40), i)
    return m.group(1) if m else ""


def _is_acronym_or_number(word: str) -> bool:
    """'ZTV', '4': not part of a person's name ('McTavor' is, so CamelCase does not count)."""
    return word.isdigit() or (len(word) > 1 and word.isupper() and word not in _NOT_ORGANISATION_ACRONYMS)


def _is_platform(text: str, m: re.Match) -> bool:
    """'the Chirper account', "the union's Pagebook page", 'the @SomeUnion Snapgram feed'."""
    word = m.group(1)
    if word.endswith(_NATIONALITY_ENDINGS):
        return False  # 'the English channel'
    if word.isupper() or word in _LEADING_STRUCTURE_WORDS or word in _PERSON_WORDS or word in _HEAD_WORDS \
            or word in _GENERIC_REFERENCES:
        return False
    owner = _word_before(text, m.start())
    return (owner.lower() in _PLATFORM_OWNERS or owner.startswith("@") or owner.endswith(("'s", "’s"))
            or (len(owner) > 1 and owner.isupper()))


_prefix_cache: dict[int, tuple[Lexicon, tuple[frozenset[str], re.Pattern]]] = {}


def _naming_prefixes(lexicon: Lexicon) -> tuple[frozenset[str], re.Pattern]:
    """Naming prefixes: the first word of a curated organisation name that goes on with a capital ('KHS
    England') when that word is itself another organisation's alias ('KHS'). Also a quick test for a run
    that holds a head word or such a prefix (most runs hold neither)."""
    cached = _prefix_cache.get(id(lexicon))
    if cached and cached[0] is lexicon:
        return cached[1]
    organisation_of = {normalise_key(a.alias): a.entity_id for a in lexicon.aliases
                       if a.entity_kind == "organisation"}
    prefixes = set()
    for a in lexicon.aliases:
        first, _, rest = a.alias.partition(" ")
        if a.entity_kind == "organisation" and rest[:1].isupper() and first[:1].isupper():
            owner = organisation_of.get(normalise_key(first))
            if owner is not None and owner != a.entity_id:
                prefixes.add(first)
    words = sorted(_HEAD_WORDS | _HEADS_BEFORE_OF | NAME_WORDS.nations | prefixes, key=lambda w: (-len(w), w))
    worth_a_look = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?![\w\-])")
    result = frozenset(prefixes), worth_a_look
    _prefix_cache[id(lexicon)] = (lexicon, result)
    return result


class _Coverage:
    """Which curated match (person or organisation), if any, covers a token."""

    def __init__(self, curated: list[AliasMatch]):
        self._matches = curated
        self._starts = [m.start for m in curated]

    def kind_at(self, start: int, end: int) -> str | None:
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self._matches[i].end >= end:
            return self._matches[i].alias.entity_kind
        return None


# --- collisions ---------------------------------------------------------------------------------------------

def _members_of(text: str, start: int, end: int, inside: list[AliasMatch]) -> bool:
    """'Members of the X', 'Leaders of X': a curated X that ends the phrase after 'of' is the name; the words
    before it are not part of it."""
    last = inside[-1]
    return last.end == end and re.search(r"\sof(?:\s+the)?\s+$", text[start:last.start]) is not None \
        and _bare(text[start:end].split()[0]) not in _HEAD_WORDS


def _settle_collisions(curated: list[AliasMatch], candidates: list[tuple[int, int, bool]], text: str = ""):
    """Curated matches win, except over a strictly longer candidate that may replace curated organisations
    and contains only such. Of overlapping candidates the longest (then the first) is kept."""
    survivors = []  # (start, end, indices of the curated matches the candidate replaces)
    starts = [m.start for m in curated]
    for start, end, may_replace in candidates:
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        overlapping = [i for i in range(first, bisect.bisect_left(starts, end))
                       if curated[i].start < end and start < curated[i].end]
        if not overlapping:
            survivors.append((start, end, ()))
            continue
        longer = may_replace and all(
            curated[i].alias.entity_kind == "organisation" and start <= curated[i].start
            and curated[i].end <= end and (curated[i].start, curated[i].end) != (start, end)
            for i in overlapping) and not _members_of(text, start, end, [curated[i] for i in overlapping])
        if longer:
            survivors.append((start, end, tuple(overlapping)))
    kept, kept_starts, kept_ends = [], [], []  # kept spans never overlap: sorted by start, so are their ends
    for start, end, replaced in sorted(set(survivors), key=lambda c: (c[0] - c[1], c[0])):
        at = bisect.bisect_right(kept_starts, start)
        if (at and kept_ends[at - 1] > start) or (at < len(kept_starts) and kept_starts[at] < end):
            continue  # overlaps the kept span before or after it, the only ones it can overlap
        kept_starts.insert(at, start)
        kept_ends.insert(at, end)
        kept.append((start, end, replaced))
    dropped = {i for _, _, replaced in kept for i in replaced}
    return [m for i, m in enumerate(curated) if i not in dropped], sorted((s, e) for s, e, _ in kept)
