"""Date expressions in an article, resolved against its publication date.

Kinds of expression (expression_kind) and how each resolves (pub = publication date):
- 'weekday': 'Monday', 'on Friday night', 'next Tuesday', 'last Friday', 'this Thursday'. In brackets right after a
  day it names that day ('4 and 5 May (Thursday and Friday)'). Otherwise the direction comes
  from the expression, then from the sentence (below); a past weekday is the latest such day before pub, a
  future one the first after pub. A weekday that is pub's own weekday is pub itself ('same_day') unless
  the expression says next/last. 'Friday night' is Friday; 'every Monday', 'Mondays' and a weekday inside a
  name ('Good Friday', 'Black Friday': a capitalised word before it, not opening a sentence) are skipped.
- 'relative_day': today, tonight, this morning/afternoon/evening (pub, 'same_day'); yesterday, last night
  (pub - 1, past); tomorrow (pub + 1, future); the day before yesterday / after tomorrow (-2 / +2).
  A capitalised 'Today' inside a sentence is a title (a radio programme), not a date, and is skipped.
- 'relative_week': this / next / last week, earlier / later this week, the week after next / before last.
  Precision 'week': resolved_date is the Monday of that week. 'this week' is 'same_day' unless
  'earlier' (past) or 'later' (future).
- 'in_n_days' / 'in_n_weeks': 'in 10 days', 'in just 10 days’ time', 'in two weeks' time', 'in a
  fortnight' (14 days); not 'in a week-long ...', nor right after a past verb and its amount ('saw 1,000 people in
  just one day': how long it took). 'n_days_ago' / 'n_weeks_ago': 'three days ago', not on a line of its own of
  periods and 'ago' ('(3 months, 2 weeks ago)': when a web page was read). Weeks have week precision.
- 'absolute_day': '13 March', 'March 13', '13th of March', 'Monday, March 13', 'Monday 13 March 2023',
  ISO '2023-03-10'. The year is the one written, else of pub's year and the two beside it the one whose date has
  the weekday written with it ('Wednesday Jan 3'), else whose date is nearest pub (over four months away, the
  sentence's direction, below, chooses between before and after pub). 'absolute_range': '13-15 March',
  'March 13 to 15', resolved to its first day. Impossible dates ('31 February') are skipped.
Coarser expressions have precision 'month' or 'year' and resolve to the first day of that month or year;
their direction compares that period with pub's ('same_day' when it holds pub):
- 'relative_month' / 'relative_year': this / next / last month or year, earlier / later this month or year
  ('earlier' past, 'later' future, 'this' 'same_day'). 'over the last year' (after 'the') is a length of
  time and is skipped. 'n_months_ago' / 'n_years_ago': 'six months ago', 'a year ago'.
- 'absolute_month': a month named without a day: 'in August', 'since January', 'March 2023', 'March last
  year', 'last March' (the latest March before pub's month), 'next March'. The year is the one written, else
  it follows the sentence's direction (below): a past month later in the calendar than pub's month is in
  the previous year, a future one earlier than pub's month in the next year, anything else in pub's year.
  A lone month name is a date only after a word that introduces one (in, since, by, from, until, during,
  for, ...; and, or, to after another date), so 'May' the modal verb and 'May' the surname are not months;
  April, May, June and August followed by a capitalised word ('by June Smith') are names, and May also
  needs in/since/until/from/during.
- 'absolute_year': '2016' after in / since / by / from / until / between ..., and a financial year
  '2008/09', '2019-20' (resolved to its first year) anywhere. 'absolute_year_range': '2019-2023', or
  'from 2019 to 2023' (resolved to its first year). A number with £, $, a comma or % is a quantity.
All month, year and relative kinds take a leading 'the beginning / start / middle / end of', 'early', 'mid-'
or 'late' into the span ('at the beginning of March'); the precision stays that of the month or year.
A clock time right before or after the expression ('07:00 BST this morning', 'tomorrow at 10am') is part of
the span and gives time_of_day as 'HH:MM'.

Direction of a weekday, also used to place a month written without a year (every other kind carries its own):
1. The expression: next / this coming -> future; last / this past -> past.
2. The word right before it: 'since' -> past; 'from' -> future.
3. Cue words in the sentence: future (will, shall, due to, set to, going to, plans to, is/are to, planned,
   scheduled, upcoming, coming, ahead of, go/goes/going ahead, next, begin(s)/beginning, start(s)/starting,
   ends/expires/runs (a mandate runs out), 'to walk out/strike/meet/...'), past (said, told, did, was, were,
   had, since, last, ago, earlier, common irregular past tenses such as met/went/took/began, and any other
   word ending in -ed except adjectives and future-looking participles such as 'planned', 'expected',
   'proposed'). The cue nearest before the expression within its clause (clauses end at ; : – — and
   quotation marks) wins; else the nearest after it in the clause; else the nearest anywhere in the
   sentence; else future (news is written ahead of the days it names without a verb: 'Doctors strike Monday').
   Cues are read within 400 characters either side of the expression (a sentence longer than that is cut to
   that reach), so the cost per expression is bounded and the whole text is read in linear time.
Without a publication date, directions still come from these rules but resolved_date is None, except for
dates that carry their own year.
"""
from __future__ import annotations

import datetime as dt
import re

from scripts.extract.lexicon import _ASCII_FOLDS
from scripts.extract.text import word_trie

_S = r"[^\S\n]+"  # white space that stays on the line
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NUMBER = {name: i for i, names in enumerate((
    "January Jan", "February Feb", "March Mar", "April Apr", "May", "June Jun", "July Jul", "August Aug",
    "September Sep Sept", "October Oct", "November Nov", "December Dec"), start=1) for name in names.split()}
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"a": 1, "an": 1, "thirty": 30}

_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
         r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%])"
_DAY = rf"(?<![\d.,:/£$€-]){_DAY_NUMBER}"
_DAY_RANGE = rf"(?:(?:[^\S\n]*[-–][^\S\n]*|{_S}to{_S}){_DAY_NUMBER})"
_YEAR = rf"(?:,?{_S}(?:19|20)\d\d(?!\d))"
_MONTH_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBREVIATION = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_YEAR_NUMBER = r"(?:19|20)\d\d(?!\d)"
# 'the beginning of', 'the end of', 'early', 'mid-', 'late': a part of the month or year that follows.
_PART_OF = rf"(?:(?i:(?:the{_S})?(?:beginning|start|middle|end){_S}of|early|mid|late){_S}|(?i:mid)-)"
_PREFIX_LETTER = r"(?=[TtBbSsMmEeLlNn])"  # a cheap first check: the prefixes are tried at every candidate
_NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_CLOCK = (r"(?<![\d.,:/£$€])(?:(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?[^\S\n]?(?:[ap]\.m\.|[ap]m)(?!\w)"
          r"|(?:[01]?\d|2[0-3]):[0-5]\d(?:[^\S\n]+(?:BST|GMT|UTC))?"
          r"|noon|midday|midnight)")

_KINDS = ("absolute_dmy", "absolute_mdy", "iso", "month", "year", "relative_day", "relative_week", "relative_period",
          "in_n", "ago", "weekday")
_DATE_SOURCE = (  # written with (?i:...) groups; _DATE spells their letters out (_case_spelled)
    rf"(?<!\w)(?:(?P<time_before>{_CLOCK}){_S}(?:on{_S})?)?(?:"
    rf"(?P<absolute_dmy>(?:{_WEEKDAY},?{_S}(?:the{_S})?)?{_DAY}{_DAY_RANGE}?(?:{_S}of)?{_S}{_MONTH}{_YEAR}?)"
    rf"|(?P<absolute_mdy>(?:{_WEEKDAY},?{_S})?{_MONTH}{_S}{_DAY}{_DAY_RANGE}?(?![.:]\d){_YEAR}?)"
    rf"|(?P<iso>(?<![\d-])(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-]))"
    rf"|(?P<month>(?P<month_prefix>{_PREFIX_LETTER}(?:(?i:last|next|this){_S}|{_PART_OF}))?"
    rf"(?:(?P<month_name>{_MONTH_NAME})(?:{_S}(?:of{_S})?(?P<month_year>{_YEAR_NUMBER})"
    rf"|{_S}(?P<month_relative_year>(?i:last|this|next)){_S}(?i:year))?"
    rf"|(?P<month_abbreviation>{_MONTH_ABBREVIATION}){_S}(?P<month_abbreviation_year>{_YEAR_NUMBER})))"
    rf"|(?P<year>(?P<year_prefix>{_PREFIX_LETTER}{_PART_OF})?"
    rf"(?<![\d.,:/£$€])(?<!\d[-–])(?P<year_first>{_YEAR_NUMBER})"
    rf"(?:(?P<year_joiner>[-–/])(?P<year_second>(?:19|20)\d\d|\d\d)|{_S}to{_S}(?P<year_to>{_YEAR_NUMBER}))?"
    rf"(?![\d%]|[.,]\d|[-–/]\d))"
    rf"|(?P<relative_day>(?i:the{_S}day{_S}(?:before{_S}yesterday|after{_S}tomorrow)"
    rf"|(?:yesterday|tomorrow)(?:{_S}(?:morning|afternoon|evening|night))?|today|tonight|last{_S}night"
    rf"|this{_S}(?:morning|afternoon|evening)))"
    rf"|(?P<relative_week>(?i:the{_S}week{_S}after{_S}next|the{_S}week{_S}before{_S}last"
    rf"|(?:(?:earlier|later){_S}this|this|next|last){_S}week))"
    rf"|(?P<relative_period>{_PART_OF}?(?i:(?:(?:earlier|later){_S}this|this|next|last){_S}(?:month|year)))"
    rf"|(?P<in_n>(?i:in{_S}(?:(?:just|only|another|a{_S}further){_S})?(?:{_NUMBER}{_S}(?:days?|weeks?)|a{_S}fortnight)"
    rf"(?![-‐‑])(?P<in_n_time>['’]s?{_S}time)?))"
    rf"|(?P<ago>(?i:{_NUMBER}{_S}(?:days?|weeks?|months?|years?){_S}ago))"
    rf"|(?P<weekday>(?:(?i:next|last|this(?:{_S}(?:coming|past))?){_S})?{_WEEKDAY}"
    rf"(?:{_S}(?i:morning|afternoon|evening|night))?)"
    rf")(?:{_S}at{_S}(?P<time_after>{_CLOCK}))?(?!\w)")


def _case_spelled(pattern: str) -> str:
    """pattern with every (?i:...) group made case-sensitive by spelling out each letter in it as the class of the
    characters the regex engine matches it to without case (both cases, and the characters beyond ASCII that fold
    to it: the dotted and dotless i, the long s, the Kelvin sign). The matches are the same; the engine no longer
    lower-cases each character it compares in those groups, and an alternative of them that opens with a class is
    skipped at once where its first character does not fit (a case-free literal is entered). Letters in escapes,
    group names and quantifiers stay; a character class or an inline flag inside such a group is not supported
    and raises ValueError (so that a new form of pattern cannot go unspelled)."""
    out, i, depth, free = [], 0, [], 0  # depth: for each open group, whether it is case-free; free: how many are
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif c == "[":
            end = i + 1 + (pattern[i + 1] == "^")
            end += pattern[end] == "]"
            while pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            if free and re.search(r"[A-Za-z]", re.sub(r"\\.", "", pattern[i:end + 1])):
                raise ValueError(f"a letter in a character class inside (?i:...) at {i} of the date pattern")
            out.append(pattern[i:end + 1])
            i = end + 1
        elif pattern.startswith("(?i:", i):
            depth.append(True)
            free += 1
            out.append("(?:")
            i += 4
        elif c == "(":
            opening = re.match(r"\((?:\?(?::|=|!|<=|<!|P<\w+>))?", pattern[i:]).group()
            if pattern.startswith("(?", i) and opening == "(":
                raise ValueError(f"an unsupported group at {i} of the date pattern")
            depth.append(False)
            out.append(opening)
            i += len(opening)
        elif c == ")":
            free -= depth.pop()
            out.append(c)
            i += 1
        elif c == "{":
            end = pattern.index("}", i)
            out.append(pattern[i:end + 1])
            i = end + 1
        elif free and c.isascii() and c.isalpha():
            out.append(_CASE_CLASS[c])
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


_CASE_CLASS = {letter: "[" + "".join(sorted(ch for ch in set(letter.lower() + letter.upper() + _ASCII_FOLDS)
                                            if re.fullmatch("(?i)" + letter, ch))) + "]"
               for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_DATE = re.compile(_case_spelled(_DATE_SOURCE))

_DAY_NUMBERS = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?!\d)")
_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MONTH_IN = re.compile(_MONTH)
_WEEKDAY_IN = re.compile(_WEEKDAY)
_COUNT_AND_UNIT = re.compile(r"(\S+)\s+(day|week|month|year)", re.I)
_CLOCK_PARTS = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])?", re.I)

_SINCE_OR_FROM_BEFORE = re.compile(r"(?i)(?<!\w)(since|from)[^\S\n]+$")
_TWO_WORDS_BEFORE = re.compile(r"(\S+)[^\S\n]+(\S+)[^\S\n]+$")
# Words after which a lone month name or year is a date ('in August', 'since 2008').
_DATE_PREPOSITIONS = frozenset("in since by from until till before after during throughout between through".split())
_MONTH_PREPOSITIONS = _DATE_PREPOSITIONS | {"for"}
_MAY_PREPOSITIONS = frozenset("in since until till from during throughout".split())  # not 'by May', 'after May'
# ... after which one is a date when a date stands right before them ('March and April', '2019 to 2023').
_LIST_JOINERS = frozenset("and or to until till through".split())
# 'of' introduces a month or year after these ('the month of May', 'the summer of 2016', not 'a total of 2000').
_PERIODS_BEFORE_OF = frozenset("month year spring summer autumn winter half quarter rest".split())
_GIVEN_NAME_MONTHS = frozenset(("April", "May", "June", "August"))
_POSSESSIVE_OR_SURNAME_AFTER = re.compile(r"['’]s(?!\w)|[^\S\n]+[A-Z][a-z]")
# A list with commas: 'in March, April and May', 'in 2022, 2023 and 2024' (not 'in March, 2000 doctors').
_LISTED_AFTER_A_MONTH = re.compile(rf"(?<!\w){_MONTH_NAME},{_S}$")
_LISTED_AFTER_A_YEAR = re.compile(rf"(?<![\d,.]){_YEAR_NUMBER},{_S}$")
_DATE_WORD = re.compile(rf"(?:{_MONTH_NAME}|(?:19|20)\d\d|{_DAY_NUMBER})[,.;:)]?")
_DAY_OFFSETS = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1, "last night": -1,
                "tomorrow": 1}
_WEEK_OFFSETS = {"the week after next": 2, "the week before last": -2, "next week": 1, "last week": -1}
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s|$)")
_NOT_SENTENCE_END_AFTER = frozenset("mr mrs ms dr st prof rt hon no sen gov cllr vs etc approx co inc ltd".split())
# One character, or ' - ': written with a character class first (which the regex engine skips to) and the rest of
# ' - ' checked after its blank, not as an alternation of the two, which is tried at every position.
_CLAUSE_BOUNDARY = re.compile(r"[;:–—\"“” ](?:(?<=[;:–—\"“”])|(?<= )- )")

_PUNCTUATION = "\"'“”‘’.,;:!?()[]…–—-"
_FUTURE_WORDS = frozenset("""
    will won't won’t shall due planned planning scheduled upcoming coming next begin begins beginning start
    starts starting ends expires runs
""".split())
_FUTURE_PAIRS = {"set": {"to"}, "going": {"to", "ahead"}, "go": {"ahead"}, "goes": {"ahead"}, "plan": {"to"},
                 "plans": {"to"}, "ahead": {"of"}, "is": {"to"}, "are": {"to"},
                 "to": {"walk", "strike", "stage", "meet", "hold", "resume", "return", "begin", "start"}}
_PAST_WORDS = frozenset("""
    said told did didn't didn’t was wasn't wasn’t were weren't weren’t had hadn't hadn’t since last ago earlier
    met went took began wrote held gave made came saw spoke sent left got led won lost paid thought felt
    brought kept sought struck rose fell
""".split())
# Words in -ed that do not put a sentence in the past.
_NOT_PAST_ED = frozenset("""
    need indeed speed hundred red bed bred shed seed feed breed proceed exceed succeed weed deed greed heed
    expected proposed intended anticipated predicted timed slated earmarked pencilled penciled
    united limited based related concerned interested qualified skilled talented advanced detailed
    unprecedented dedicated experienced so-called
""".split())

# Scanning: the full pattern is tried only where an expression can start. Expressions that open with a
# digit or a capital are found by one pass gated on that first character; the rest (lowercase openings:
# 'next week', 'in 10 days', 'the day before yesterday', 'next Monday') are looked for only around the
# words every such expression contains. This keeps the scan at a fraction of a plain finditer.
# The first letters of every capitalised opening: weekdays and months as written ('Jun' only before '.', a blank
# or the rest of 'June'); words matched in any case (The, This, Last, Next, Earlier, Later, In, Yesterday,
# Today/Tomorrow/Tonight, number words, A/An) by two letters as written and the next in any case ('The' only
# before a blank: 'the day before', 'the week after', 'the end of'); and the first two letters in capitals of
# every word the pattern matches in any case ('NEXT WEEK', 'THE END OF'). Each gate only rules out positions
# where _DATE cannot match, so the matches are _DATE's; the tighter the gate, the fewer futile attempts
# ('The', 'KHS', 'Secretary' are frequent and never open a date). 'The' opens one only before a word of
# beginning, start, middle, end, day or week, 'A' / 'An' only before a day, week, month or year ('a week ago'):
# the gate looks at that word's first letter.
_OPENS_WITH_DIGIT_OR_CAPITAL = re.compile(
    r"(?=[0-9A-Z])(?=\d|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Ma[ry]|Apr|Ju(?:ne|ly|[nl][.\s])|Aug|Sep|Oct|Nov|Dec"
    r"|Th(?i:[ir]|e[^\S\n](?=[^\S\n]*[BbDdEeMmSsWw]))|Ye(?i:s)|To(?i:[dmn])|La(?i:[st])|Ea(?i:r)|Ne(?i:x)|In[^\S\n]|On(?i:e)|Tw(?i:[oe])"
    r"|Fo(?i:u)|Fi(?i:[fv])|Si(?i:x)|Se(?i:v)|Ei(?i:g)|Ni(?i:n)|Te(?i:n)|El(?i:e)|Ze(?i:r)|An?(?=[^\S\n]+[DdMmWwYy])"
    r"|TH|YE|TO|LA|EA|NE|IN|BE|ST|MI|EN|ZE|ON|TW|FO|FI|SI|SE|EI|NI|TE|EL|AN)" + _DATE.pattern)
# The gate's words themselves, consumed: a pattern that opens with an alternation of literals lets the regex engine
# skip to their first characters (a look-ahead first is tried at every position); _DATE is then matched at each
# (_openings). A digit run is taken whole, and no word a gate consumes holds a place where _DATE can match: it
# opens with (?<!\w), and what a gate takes past a word is one blank or full stop.
_OPENING = re.compile("(?:" + "|".join(f"{digit}[0-9]*" for digit in "0123456789") + "|"
                      + _OPENS_WITH_DIGIT_OR_CAPITAL.pattern[len(r"(?=[0-9A-Z])(?=\d|"):-len(_DATE.pattern)])
_LOWERCASE_CORE = re.compile(r"day|week|night|morning|afternoon|evening|tomorrow|month|year")
_LOWERCASE_CORE_WORDS = tuple(_LOWERCASE_CORE.pattern.split("|"))  # in the alternation's order
_MODIFIER_BEFORE = re.compile(rf"(?i:next|last|this(?:{_S}(?:coming|past))?){_S}$")
_COUNTED_OR_MODIFIED = re.compile(
    rf"(?<!\w)(?i:this|next|last|\d+|{'|'.join(_NUMBER_WORDS)}){_S}$")
_PERIOD_PREFIX_BEFORE = re.compile(rf"(?:(?i:next|last|this){_S}|{_PART_OF})$")
_LOWERCASE_OPENINGS = ("the", "this", "next", "last", "earlier", "late", "in", "yesterday", "today", "tomorrow",
                       "tonight", "noon", "midday", "midnight", "a", "beginning", "start", "middle", "end", "early",
                       "mid", *_NUMBER_WORDS, *"0123456789")
# The word starts that begin with one of the openings, found by one pattern (the word starts, `\b\w`, that
# text.startswith(_LOWERCASE_OPENINGS, ...) accepts): every opening is of word characters, so a match ends inside
# its word and the next word start is still found. The words are factored by their letters (text.word_trie, which
# matches wherever one of them begins: only the starts are read) and the digits are one class, so the engine
# tries one branch per first letter at each position, not each opening in turn.
_LOWERCASE_OPENING = re.compile(r"\b(?:[0-9]|" + word_trie(w for w in _LOWERCASE_OPENINGS if not w.isdigit()) + ")")
_LONGEST_OPENING_WORD = max(map(len, _LOWERCASE_OPENINGS))
_LONGEST_OPENING = 40  # characters an expression can run before its core word ('the day before yesterday')
_LONGEST_PREFIX = 12   # letters a date word can have before its core ('yester' in 'yesterday', 'wednes')
_CUE_REACH = 400       # characters either side of an expression within which its sentence's cues are read


def extract_dates(text: str, source_id: str, published: dt.date | None) -> list[dict]:
    """Rows for every date expression in the article, sorted by start, spans never overlapping."""
    rows = []
    named = None  # (end, date, whether a bracket is open) of the last day a bracketed weekday may name
    for m in _date_matches(text):
        kind = next(k for k in _KINDS if m.group(k) is not None)
        if kind in ("weekday", "relative_day") and _is_part_of_a_name(text, m.start(kind), m.group(kind), kind):
            continue
        row = _interpret(m, kind, text, None, published)
        if row is None:
            continue
        if kind == "weekday" and named is not None:
            row, named = _weekday_of_the_day_before(m, text, row, named, published)
        elif kind in ("absolute_dmy", "absolute_mdy", "iso", "relative_day") and row["resolved_date"] is not None:
            day = row["resolved_date"]
            listed = _DAY_LISTED_BEFORE.search(text, max(0, m.start() - 12), m.start()) if kind == "absolute_dmy" else None
            if listed and int(listed.group(1)) < day.day:  # '4 and 5 May (Thursday and Friday)': from the 4th
                day = day.replace(day=int(listed.group(1)))
            named = (m.end(), day, False)
        else:
            named = None
        rows.append({"source_id": source_id, "text": m.group(), "start": m.start(), "end": m.end(), **row})
    return rows


# A weekday in brackets right after a day names that day: '4 and 5 May (Thursday and Friday)', '9 to 14 May
# (Thursday to Tuesday)', 'tomorrow (Thursday)'. The first names the day itself (when its weekday is that day's),
# each further one in the same brackets the first such weekday on or after the one before.
_DAY_LISTED_BEFORE = re.compile(r"(?<![\d.,:/£$€-])(\d{1,2})(?:st|nd|rd|th)?[^\S\n]*(?:,|and|&)[^\S\n]*\Z")
_BRACKET_OPENS = re.compile(r"[^\S\n]*\([^\S\n]*")
_BRACKET_JOINS = re.compile(r"[^\S\n]*(?:,|and|or|to|&|-|–|—)[^\S\n]*")


def _weekday_of_the_day_before(m: re.Match, text: str, row: dict, named: tuple[int, dt.date, bool],
                               published: dt.date | None) -> tuple[dict, tuple[int, dt.date, bool] | None]:
    end, day, in_bracket = named
    found = m.group("weekday")
    name = _WEEKDAY_IN.search(found)
    if name.start() or m.group("time_before"):
        return row, None  # 'next Friday', '7am Friday': not a name of the day before
    weekday = _WEEKDAYS.index(name.group())
    if not in_bracket and _BRACKET_OPENS.fullmatch(text, end, m.start()) and day.weekday() == weekday:
        resolved = day
    elif in_bracket and _BRACKET_JOINS.fullmatch(text, end, m.start()):
        resolved = day + dt.timedelta(days=(weekday - day.weekday()) % 7)
    else:
        return row, None
    return {**row, "resolved_date": resolved, "direction": _direction_between(resolved, published)}, \
        (m.end(), resolved, True)


def resolve(expression: str, sentence: str, published: dt.date) -> tuple[dt.date | None, str, str | None]:
    """(resolved date, precision, direction) of one expression as it stands in sentence.

    Raises ValueError when expression holds no date expression."""
    m = _DATE.search(expression)
    if m is None:
        raise ValueError(f"no date expression in {expression!r}")
    at = sentence.find(expression)
    offset = at + m.start() if at >= 0 else sentence.find(m.group())
    in_sentence = _DATE.match(sentence, offset) if offset >= 0 else None
    if in_sentence:
        m, context = in_sentence, sentence
    else:
        context = expression
    kind = next(k for k in _KINDS if m.group(k) is not None)
    row = _interpret(m, kind, context, (0, len(context)), published)
    if row is None:
        raise ValueError(f"{expression!r} is not a real date")
    return row["resolved_date"], row["precision"], row["direction"]


def _date_matches(text: str) -> list[re.Match]:
    """Every match of _DATE, leftmost-longest and non-overlapping, as finditer would give but faster."""
    found = []
    for m in _openings(text):
        if m.group("weekday"):
            modifier = _MODIFIER_BEFORE.search(text, max(0, m.start() - 20), m.start())
        elif m.group("month_name") or m.group("year_first"):  # 'the end of March', 'last March', 'mid-2022'
            modifier = _PERIOD_PREFIX_BEFORE.search(text, max(0, m.start() - 30), m.start())
        else:
            modifier = None
        longer = _DATE.match(text, modifier.start()) if modifier else None
        found.append(longer if longer and longer.end() >= m.end() else m)
    lowercase_end = 0
    for at, core in _lowercase_cores(text):
        if at < lowercase_end:
            continue  # inside the expression just found ('the day before yesterday')
        word_start = at
        while word_start > 0 and text[word_start - 1].isalpha() and at - word_start <= _LONGEST_PREFIX:
            word_start -= 1
        if at - word_start > _LONGEST_PREFIX:
            continue  # inside a long word ('Vexbymonday...'): no date word has that many letters before its core
        if text[word_start].isupper():
            continue  # a capitalised word: the first pass has seen it
        if word_start == at and core in ("month", "year") and not _COUNTED_OR_MODIFIED.search(
                text, max(0, at - 12), at):
            continue  # 'month' and 'year' are dates only after this / next / last or a count ('six months ago')
        line_start = text.rfind("\n", max(0, word_start - _LONGEST_OPENING), word_start) + 1
        for start in _LOWERCASE_OPENING.finditer(text, max(line_start, word_start - _LONGEST_OPENING),
                                                  word_start + _LONGEST_OPENING_WORD):
            if start.start() > word_start:
                break
            m = _DATE.match(text, start.start())
            if m and m.end() > at:
                found.append(m)
                lowercase_end = m.end()
                break
    found.sort(key=lambda m: (m.start(), -m.end()))
    kept, last_end = [], 0
    for m in found:
        if m.start() >= last_end:
            kept.append(m)
            last_end = m.end()
    return kept


def _lowercase_cores(text: str) -> list[tuple[int, str]]:
    """(start, word) of every match of _LOWERCASE_CORE.finditer(text), found by str.split per word (a literal
    alternation of common letters stops the regex engine at a third of the letters; nine splits cost about two
    thirds, and each reads the text once). finditer's matches are the occurrences left to right, each the first
    word of the alternation there, none starting inside the one before. A split finds the occurrences of its word
    that do not overlap each other, which are all of them: no core word begins with an end of itself."""
    found = []
    for rank, word in enumerate(_LOWERCASE_CORE_WORDS):
        parts = text.split(word)
        if len(parts) > 1:
            at, length = 0, len(word)
            for part in parts[:-1]:
                at += len(part)
                found.append((at, rank, word))
                at += length
    found.sort()
    cores, end = [], 0
    for at, _, word in found:
        if at >= end:
            cores.append((at, word))
            end = at + len(word)
    return cores


# What can follow a run of one to three digits that opens a date: a blank (a day, a count of days, a clock hour),
# ':' or '.' (a clock), '-' or '–' (a range of days), 'a' or 'p' (am, pm) and 's', 'n', 'r', 't' (st, nd, rd, th).
_AFTER_SHORT_DIGIT_RUN = frozenset(":.-–apsnrt")
# After such a run and a full stop only a clock opens ('10.30 am': at most two digits, then minutes from [0-5] and a
# digit); after it and blanks (not a line break) the next character opens a month as written ('13 March'), 'of' or
# 'to' ('13 of March', '13 to 15 March'), a dash ('13 - 15 March'), am or pm ('10 am') or a unit in any case ('3
# days ago', '3 Weeks ago').
_MINUTE_TENS = frozenset("012345")
_AFTER_SHORT_DIGIT_RUN_AND_BLANKS = frozenset("JFMASONDotap-–dwmyDWMY")


def _openings(text: str):
    """What _OPENS_WITH_DIGIT_OR_CAPITAL.finditer(text) gives: _DATE's matches where a gate opens, non-overlapping.

    A run of ASCII digits (two thirds of the gates in news text: counts, sums, percentages) is tried only where a
    date can open with it: four digits from 19 or 20 (a year, an ISO date), or at most three followed by a
    character in _AFTER_SHORT_DIGIT_RUN (a full stop only as a clock's) or by blanks other than a line break and a
    character in _AFTER_SHORT_DIGIT_RUN_AND_BLANKS, or any run followed by another decimal digit (\\d also takes
    other scripts' digits, which the run stops at)."""
    end = 0
    match = _DATE.match
    size = len(text)
    for gate in _OPENING.finditer(text):
        at = gate.start()
        if at < end:
            continue  # inside the date just found
        if text[at] <= "9":  # a run of digits (every other gate opens with a capital)
            run_end = gate.end()
            after = text[run_end] if run_end < size else ""
            if not after.isdecimal():
                length = run_end - at
                if length == 4:
                    if not text.startswith(("19", "20"), at):
                        continue
                elif length > 4 or not (after in _AFTER_SHORT_DIGIT_RUN or (after.isspace() and after != "\n")):
                    continue
                elif after == ".":
                    if length > 2 or text[run_end + 1:run_end + 2] not in _MINUTE_TENS or \
                            not text[run_end + 2:run_end + 3].isdecimal():
                        continue
                elif after not in _AFTER_SHORT_DIGIT_RUN:  # a blank
                    following = run_end + 1
                    while following < size and text[following] != "\n" and text[following].isspace():
                        following += 1
                    if following == size or text[following] not in _AFTER_SHORT_DIGIT_RUN_AND_BLANKS:
                        continue
        m = match(text, at)
        if m is not None:
            yield m
            end = m.end()


# --- interpretation -------------------------------------------------------------------------------------

def _interpret(m: re.Match, kind: str, text: str, sentence: tuple[int, int] | None, published: dt.date | None):
    found = m.group(kind)
    time_of_day = _clock(m.group("time_before") or m.group("time_after"))
    try:
        if kind in ("absolute_dmy", "absolute_mdy", "iso"):
            resolved, expression_kind = _absolute(found, kind, published, lambda: _direction_from_sentence(
                text, m.start(kind), m.end(kind), sentence or _sentence_around(text, m.start(kind), m.end(kind))))
            precision, direction = "day", _direction_between(resolved, published)
        elif kind == "relative_day":
            resolved, direction, precision, expression_kind = *_relative_day(found, published), "day", kind
        elif kind == "relative_week":
            resolved, direction = _relative_week(found, published)
            precision, expression_kind = "week", kind
        elif kind in ("in_n", "ago"):
            if kind == "in_n" and not m.group("in_n_time") and _after_a_past_verb(
                    text, m.start(kind), m.end(kind), sentence or _sentence_around(text, m.start(kind), m.end(kind))):
                return None  # 'saw 1,000 patients in just one day': how long something took, not a day ahead
            if kind == "ago" and _is_a_timestamp_line(text, m.start(kind), m.end(kind)):
                return None  # '(3 months, 2 weeks ago)' alone on a line: when a web page was read, not a date of the text
            resolved, precision, direction, expression_kind = _counted(found, kind, published)
        elif kind == "month":
            if not _month_in_date_context(m, text):
                return None
            resolved, direction = _month(m, text, sentence, published)
            precision, expression_kind = "month", "absolute_month"
        elif kind == "year":
            if not _year_in_date_context(m, text):
                return None
            resolved, expression_kind = _year(m)
            precision, direction = "year", _period_direction(resolved, published, "year")
        elif kind == "relative_period":
            if _word_before(text, m.start(kind)) == "the":
                return None  # 'over the last year': a length of time
            resolved, precision, direction = _relative_period(found, published)
            expression_kind = f"relative_{precision}"
        else:
            resolved, direction = _weekday(found, text, m.start(kind), m.end(kind), sentence, published)
            precision, expression_kind = "day", "weekday"
    except (ValueError, OverflowError):
        return None  # not a real date (31 February) or beyond the calendar
    return {"expression_kind": expression_kind, "resolved_date": resolved, "precision": precision,
            "direction": direction, "time_of_day": time_of_day}


_TIMESTAMP_LINE = re.compile(
    r"[^\S\n]*\(?(?:\d+[^\S\n]*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)(?:[^\S\n]*,|[^\S\n]+and)?"
    r"[^\S\n]*)+ago\)?[^\S\n]*", re.IGNORECASE)


# Words that end the look back for a past verb before 'in N days': a modal, 'to' or a conjunction opens what may be
# ahead ('said they would strike in two days', 'talks failed and doctors strike in two days').
_NOT_PAST_AFTER = frozenset("would could should might may can will shall won't won’t to and but or then so".split())


def _after_a_past_verb(text: str, start: int, end: int, sentence: tuple[int, int]) -> bool:
    """'in N days' that says how long an amount took: within twelve words before it, an amount (a number) and before
    that a past cue ('saw 1,000 people in one day', 'rose by 5,000 in two weeks'), with no modal, 'to' or conjunction
    between them and it ('announced a strike in two weeks' stays a date)."""
    clause_start, _ = _clause_around(text, start, end, max(sentence[0], start - _CUE_REACH), sentence[1])
    words = _words(text, max(clause_start, start - 120), start)[::-1][:12]
    amount = None  # where the nearest number before it stands
    for i, word in enumerate(words):
        if word in _NOT_PAST_AFTER:
            return False
        cue = _cue(words, i, reverse=True)
        if cue is not None:  # the amount is the verb's object, at most three words on ('rose by over 5,000')
            return cue == "past" and word not in _SAYING and amount is not None and i - amount <= 3
        if word[:1].isdigit() or (word in _NUMBER_WORDS and word not in ("a", "an")):
            amount = i
    return False


_SAYING = frozenset("said told wrote spoke announced warned added claimed stated revealed reported".split())


def _is_a_timestamp_line(text: str, start: int, end: int) -> bool:
    """The expression's line holds only periods and 'ago' (at most 60 characters, so each look is bounded)."""
    line_start = 0 if start <= 60 and "\n" not in text[:start] else text.rfind("\n", max(0, start - 60), start) + 1
    if line_start == 0 and start > 60:
        return False
    line_end = text.find("\n", end, end + 4)
    line_end = len(text) if line_end < 0 and len(text) - end <= 3 else line_end
    return line_end >= 0 and _TIMESTAMP_LINE.fullmatch(text, line_start, line_end) is not None


def _absolute(found: str, kind: str, published: dt.date | None, direction_of=lambda: "future"):
    if kind == "iso":
        return dt.date.fromisoformat(found), "absolute_day"
    year_match = _YEAR_IN.search(found)
    without_year = found[:year_match.start()] if year_match else found
    days = _DAY_NUMBERS.findall(without_year)
    month = _MONTH_NUMBER[_MONTH_IN.search(found).group().rstrip(".")]
    expression_kind = "absolute_range" if len(days) > 1 else "absolute_day"
    if year_match:
        resolved = dt.date(int(year_match.group()), month, int(days[0]))
    elif published:
        resolved = _nearest_year(month, int(days[0]), _WEEKDAY_IN.search(without_year), published, direction_of)
    else:
        resolved = None
        dt.date(2000, month, int(days[0]))  # still reject 31 February when the year is unknown
    return resolved, expression_kind


def _nearest_year(month: int, day: int, weekday: re.Match | None, published: dt.date, direction_of) -> dt.date:
    """A day written without a year: in the year, of publication's and the two beside it, whose date has the written
    weekday ('Wednesday Jan 3' in a December article is next January's), else whose date is nearest the publication
    ('between 14 December and 23 January' in a late-January article: last December). Where the nearest is over four
    months away, the sentence's direction (direction_of(), read only then) chooses between the dates before and
    after publication."""
    candidates = []
    for year in (published.year, published.year - 1, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue  # 29 February outside a leap year
    if not candidates:
        raise ValueError(f"{day} {month} is in no year near {published}")
    if weekday is not None:
        named = [d for d in candidates if d.weekday() == _WEEKDAYS.index(weekday.group())]
        if len(named) == 1:
            return named[0]
    nearest = min(candidates, key=lambda d: abs((d - published).days))  # stable: the publication's year first
    if abs((nearest - published).days) <= 120:
        return nearest
    if direction_of() == "past":
        return max((d for d in candidates if d <= published), default=nearest)
    return min((d for d in candidates if d >= published), default=nearest)


def _relative_day(found: str, published: dt.date | None):
    words = " ".join(found.lower().split())
    offset = next((v for k, v in _DAY_OFFSETS.items() if words.startswith(k)), 0)
    direction = "past" if offset < 0 else "future" if offset > 0 else "same_day"
    return (published + dt.timedelta(days=offset) if published else None), direction


def _relative_week(found: str, published: dt.date | None):
    words = " ".join(found.lower().split())
    weeks = _WEEK_OFFSETS.get(words, 0)
    direction = ("past" if weeks < 0 or words.startswith("earlier")
                 else "future" if weeks > 0 or words.startswith("later") else "same_day")
    return (_monday(published) + dt.timedelta(weeks=weeks) if published else None), direction


def _counted(found: str, kind: str, published: dt.date | None):
    count_and_unit = _COUNT_AND_UNIT.search(found)
    if count_and_unit is None:  # 'in a fortnight'
        days, unit = 14, "day"
    else:
        number, unit = count_and_unit.group(1).lower(), count_and_unit.group(2).lower()
        count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        days = count * 7 if unit == "week" else count
    sign = 1 if kind == "in_n" else -1
    expression_kind = f"in_n_{unit}s" if kind == "in_n" else f"n_{unit}s_ago"
    resolved = None
    if published and unit == "month":  # only 'ago' counts months and years
        resolved = _first_of_month(published, -count)
    elif published and unit == "year":
        resolved = dt.date(published.year - count, 1, 1)
    elif published:
        resolved = published + dt.timedelta(days=sign * days)
        if unit == "week":
            resolved = _monday(resolved)
    return resolved, unit, ("future" if sign > 0 else "past"), expression_kind


def _weekday(found: str, text: str, start: int, end: int, sentence: tuple[int, int] | None,
             published: dt.date | None):
    name = _WEEKDAY_IN.search(found)
    weekday = _WEEKDAYS.index(name.group())
    modifier = " ".join(found[:name.start()].lower().split())
    if modifier in ("next", "this coming"):
        direction, explicit = "future", True
    elif modifier in ("last", "this past"):
        direction, explicit = "past", True
    else:
        sentence = sentence or _sentence_around(text, start, end)
        direction, explicit = _direction_from_sentence(text, start, end, sentence), False
    if published is None:
        return None, direction
    if weekday == published.weekday() and not explicit:
        return published, "same_day"
    if direction == "past":
        return published - dt.timedelta(days=(published.weekday() - weekday) % 7 or 7), "past"
    return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7), "future"


def _month(m: re.Match, text: str, sentence: tuple[int, int] | None, published: dt.date | None):
    name = m.group("month_name") or m.group("month_abbreviation").rstrip(".")
    month = _MONTH_NUMBER[name]
    written = m.group("month_year") or m.group("month_abbreviation_year")
    modifier = (m.group("month_prefix") or "").split()[:1]
    modifier = modifier[0].lower() if modifier else ""
    if written:
        year = int(written)
    elif published is None:
        return None, None
    elif m.group("month_relative_year"):
        year = published.year + {"last": -1, "this": 0, "next": 1}[m.group("month_relative_year").lower()]
    elif modifier == "last":
        year = published.year if month < published.month else published.year - 1
    elif modifier == "next":
        year = published.year if month > published.month else published.year + 1
    elif modifier == "this":
        year = published.year
    else:
        start, end = m.start("month_name"), m.end("month_name")
        direction = _direction_from_sentence(text, start, end, sentence or _sentence_around(text, start, end))
        year = published.year
        if direction == "past" and month > published.month:
            year -= 1
        elif direction == "future" and month < published.month:
            year += 1
    resolved = dt.date(year, month, 1)
    return resolved, _period_direction(resolved, published, "month")


def _year(m: re.Match) -> tuple[dt.date, str]:
    first = int(m.group("year_first"))
    second = m.group("year_second") or m.group("year_to")
    if not second:
        return dt.date(first, 1, 1), "absolute_year"
    last = int(second)
    if len(second) == 2:  # '2019/20', '1999/00', '2019-23'; not '2023-03'
        last += first - first % 100 + (100 if last < first % 100 else 0)
        if last > first + 20:
            raise ValueError(f"{m.group('year')!r} is not a span of years")
    if last <= first:
        raise ValueError(f"{m.group('year')!r} is not a span of years")
    financial_year = last == first + 1 and m.group("year_joiner") is not None
    return dt.date(first, 1, 1), "absolute_year" if financial_year else "absolute_year_range"


def _relative_period(found: str, published: dt.date | None):
    words = found.lower().split()
    unit = words[-1]
    offset = -1 if "last" in words else 1 if "next" in words else 0
    direction = ("past" if offset < 0 or "earlier" in words
                 else "future" if offset > 0 or "later" in words else "same_day")
    if published is None:
        return None, unit, direction
    if unit == "month":
        return _first_of_month(published, offset), unit, direction
    return dt.date(published.year + offset, 1, 1), unit, direction


def _first_of_month(day: dt.date, months_later: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months_later, 12)
    return dt.date(year, month + 1, 1)


def _period_direction(resolved: dt.date | None, published: dt.date | None, precision: str) -> str | None:
    if resolved is None or published is None:
        return None
    key = (lambda d: (d.year, d.month)) if precision == "month" else (lambda d: d.year)
    return "past" if key(resolved) < key(published) else "future" if key(resolved) > key(published) else "same_day"


def _direction_between(resolved: dt.date | None, published: dt.date | None) -> str | None:
    if resolved is None or published is None:
        return None
    return "past" if resolved < published else "future" if resolved > published else "same_day"


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _clock(found: str | None) -> str | None:
    if not found:
        return None
    lowered = found.lower()
    if lowered in ("noon", "midday"):
        return "12:00"
    if lowered == "midnight":
        return "00:00"
    hour, minute, half = _CLOCK_PARTS.match(found).groups()
    hour = int(hour) % 12 + (12 if half and half.lower() == "p" else 0) if half else int(hour)
    return f"{hour:02d}:{int(minute or 0):02d}"


# --- sentences and direction cues -----------------------------------------------------------------------

def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end]: bounded by line breaks and sentence-ending punctuation, and cut to
    _CUE_REACH characters either side (all that the direction cues read), so each call costs a bounded scan."""
    line_start = text.rfind("\n", max(0, start - _CUE_REACH), start) + 1 or max(0, start - _CUE_REACH)
    line_end = text.find("\n", end, end + _CUE_REACH)
    line_end = min(len(text), end + _CUE_REACH) if line_end < 0 else line_end
    sentence_start = line_start
    for m in _SENTENCE_END.finditer(text, line_start, start):
        if _ends_sentence(text, m):
            sentence_start = m.end()
    sentence_end = line_end
    for m in _SENTENCE_END.finditer(text, end, line_end):
        if _ends_sentence(text, m):
            sentence_end = m.end()
            break
    return sentence_start, sentence_end


def _ends_sentence(text: str, m: re.Match) -> bool:
    if not m.group().startswith("."):
        return True
    before = text[max(0, m.start() - 8):m.start()].split()
    return not (before and before[-1].lower() in _NOT_SENTENCE_END_AFTER)


def _month_in_date_context(m: re.Match, text: str) -> bool:
    """'in August', 'since January', 'March 2023', 'early March'; not 'May I', 'Orla May', 'by June Smith'."""
    if m.group("month_prefix") or m.group("month_abbreviation") or m.group("month_year") \
            or m.group("month_relative_year"):
        return True
    name = m.group("month_name")
    if name in _GIVEN_NAME_MONTHS and _POSSESSIVE_OR_SURNAME_AFTER.match(text, m.end()):
        return False
    if name == "May":  # 'In April, May said': not after a comma
        return _introduced_as_a_date(text, m.start("month"), _MAY_PREPOSITIONS, None)
    return _introduced_as_a_date(text, m.start("month"), _MONTH_PREPOSITIONS, _LISTED_AFTER_A_MONTH)


def _year_in_date_context(m: re.Match, text: str) -> bool:
    """'in 2016', 'since 2008', 'the end of 2022', '2008/09' anywhere; '2,000 doctors', '£2023', 'in 2000 %': not."""
    if m.group("year_prefix") or m.group("year_joiner"):
        return True
    return _introduced_as_a_date(text, m.start("year"), _DATE_PREPOSITIONS, _LISTED_AFTER_A_YEAR)


def _introduced_as_a_date(text: str, start: int, prepositions: frozenset[str],
                          listed_after: re.Pattern | None) -> bool:
    word = _word_before(text, start)
    if word in prepositions:
        return True
    if listed_after and listed_after.search(text, max(0, start - 20), start):
        return True
    two = _TWO_WORDS_BEFORE.search(text, max(0, start - 40), start)
    if two is None:
        return False
    if word in _LIST_JOINERS:  # 'March and April', '2019 to 2023'
        return _DATE_WORD.fullmatch(two.group(1).lstrip("(\"'“‘")) is not None
    return word == "of" and two.group(1).lower() in _PERIODS_BEFORE_OF


def _word_before(text: str, start: int) -> str:
    previous = _word_span_before(text, start)
    return text[previous[0]:previous[1]].lower() if previous else ""


def _word_span_before(text: str, start: int) -> tuple[int, int] | None:
    r"""The span of the word a search of `([\w'’]+)[^\S\n]+$` in text[max(0, start - 30):start] finds (its group 1),
    read back from start instead of tried at every position of the window: blanks (not a line break) that end the
    window, or end it but for one line break ('$' also matches before a line break that ends the searched text),
    and the run of word characters and apostrophes right before them, cut at the window's start."""
    low = max(0, start - 30)
    end = start - 1 if start > low and text[start - 1] == "\n" else start
    i = end
    while i > low and text[i - 1] != "\n" and text[i - 1].isspace():
        i -= 1
    word_end = i
    if word_end == end:
        return None
    while i > low and (text[i - 1].isalnum() or text[i - 1] in _WORD_BEFORE_EXTRA):
        i -= 1
    return (i, word_end) if i < word_end else None


_WORD_BEFORE_EXTRA = "_'’"  # what [\w'’] takes besides letters and digits (str.isalnum is \w without '_')


def _is_part_of_a_name(text: str, start: int, found: str, kind: str) -> bool:
    """'Good Friday', 'Black Friday', the 'Today' programme, 'every Monday': not a date of the article."""
    span = _word_span_before(text, start)
    previous = text[span[0]:span[1]] if span else None
    if previous and previous.lower() in ("every", "each"):
        return True
    opens_sentence = previous is None or _opens_sentence(text, span[0])
    if kind == "relative_day":
        return found in ("Today", "Tonight") and not _opens_sentence(text, start)
    if previous and not opens_sentence and previous[:1].isupper():
        return previous not in _MONTH_NUMBER and previous.lower() not in (
            "on", "since", "from", "by", "until", "till", "before", "after", "next", "last", "this", "coming",
            "past", "and", "or")
    return False


def _opens_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 3):position].rstrip(" \t\u00a0\"'“‘(")
    return not before or before[-1] in ".!?…:\n"


def _direction_from_sentence(text: str, start: int, end: int, sentence: tuple[int, int]) -> str:
    sentence_start, sentence_end = max(sentence[0], start - _CUE_REACH), min(sentence[1], end + _CUE_REACH)
    adjacent = _SINCE_OR_FROM_BEFORE.search(text, max(sentence_start, start - 8), start)
    if adjacent:
        return "past" if adjacent.group(1).lower() == "since" else "future"
    clause_start, clause_end = _clause_around(text, start, end, sentence_start, sentence_end)
    before = _words(text, clause_start, start)
    after = _words(text, end, clause_end)
    nearest_in_clause = [(before, i) for i in range(len(before) - 1, -1, -1)] + [(after, i) for i in range(len(after))]
    for words, i in nearest_in_clause:
        if cue := _cue(words, i):
            return cue
    before = _words(text, sentence_start, start)[::-1]
    after = _words(text, end, sentence_end)
    for distance in range(max(len(before), len(after))):
        if cue := (_cue(before, distance, reverse=True) if distance < len(before) else None) or (
                _cue(after, distance) if distance < len(after) else None):
            return cue
    return "future"


def _words(text: str, start: int, end: int) -> list[str]:
    return [w.strip(_PUNCTUATION).lower() for w in text[start:end].split()]


def _cue(words: list[str], i: int, reverse: bool = False) -> str | None:
    """'future', 'past' or None for the i-th word (some cues are two words: 'due to', 'set to')."""
    word = words[i]
    j = i - 1 if reverse else i + 1
    following = words[j] if 0 <= j < len(words) else ""
    if word in _FUTURE_WORDS or following in _FUTURE_PAIRS.get(word, ()):
        return "future"
    if word in _PAST_WORDS or (word.endswith("ed") and len(word) > 3 and word not in _NOT_PAST_ED):
        return "past"
    return None


def _clause_around(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> tuple[int, int]:
    clause_start = sentence_start
    for m in _CLAUSE_BOUNDARY.finditer(text, sentence_start, start):
        clause_start = m.end()
    following = _CLAUSE_BOUNDARY.search(text, end, sentence_end)
    return clause_start, following.start() if following else sentence_end
