"""Figures: every number in an article that states a quantity, with its value, unit, hedge, measure and claimant.

What is a figure
- Digits with optional '£', scale ('k', 'm', 'bn', 'million', ...) and unit ('%', 'per cent', 'per-cent', '35-percent', 'hours',
  '72-hour', 'pence', '5p', 'pounds'). The text is hedge + number + unit word, never the counted noun.
- Rates: 'a/an/per/each/every' + hour, shift, day, week, month, year, annum, head (person, capita), hyphenated
  or not, or 'annually', right after any figure (money, counts, percentages, durations) go to `per`
  ('£14 an hour' -> hour, '5% per annum' -> year, '1,000 a day' -> day, '48 hours a week' -> week) and stay out
  of the text; also after 'of' and a counted noun of one or two words ('three days of action every month'). 'from £20,000 to £25,000 a year': the rate is both ends'. Not a rate when the period dates the
  figure: 'a year ago', 'a day later', 'a month before'.
- Number words ('four', 'twenty-one', 'a dozen', 'two million', 'two and a half'). 'one' counts only in
  'one of these/them/the unions' (not 'one of the biggest', 'one of its top aims', 'one of his key aims': before a
  superlative or a word of rank it is a pronoun), with a unit ('one-day', 'one hour', 'one per cent', 'in just one day'; not the idiom 'one day') or
  after a hedge ('more than one').
  Hyphenated number words that are not durations ('two-tier', 'one-off') are not figures.
- Ranges are one figure: 'between £25,000 and £30,000', '8-20 years', '£2-3bn', 'two or three days';
  'from 2% to 5%' is two figures (a change, not a range).
- Ratios in percent: 'one in five' (20), 'nine out of 10' (90).
- Fractions in percent: 'two-thirds', 'three quarters'; 'a quarter', 'a third', 'half' ('halfway') only where they are
  amounts (before 'of' or a comparative, after 'by'/'in', or hedged: 'a third less'), so 'a third strike' stays
  an ordinal.
- Vague amounts, hedge 'vague' unless the text hedges them: 'dozens' 12-120, 'hundreds' 100-1000,
  'thousands' 1000-10000, 'tens of thousands', 'hundreds of thousands', 'millions'; in digits before 'of': '100s',
  '1,000’s'. A fraction of a scale is that share of it: 'a quarter of a million pounds' (250000 gbp).
- Durations: 'a decade' and 'decade' in 'the next/past/last decade' (10 years), 'a fortnight' (2 weeks), 'half an hour', 'a year', 'an hour', 'a full
  week'; not where the period dates something or counts how often ('a year ago', 'a week later', 'once a
  month', 'three times a day') unless hedged ('almost a year ago'); 'single' only hyphenated before a duration
  word ('single-day' is 1 day).
  Minutes become hours. A period counted in millions is time worked or lost, a count, its period word outside the
  text ('more than 3.5 million days lost', 'a million hours of overtime'). An adjective between a number and its
  duration word leaves the duration: 'three full days', '36 consecutive hours', 'two more weeks', 'two financial years'; so does
  any other word that is not plural nor a function word, or a quoted phrase ('two strike days', "two 'bank holiday
  service' days"), unless the period dates something ('600 staff days later').
- Ages are no figures (the labelling rules), neither years nor counts: 'aged 58', 'aged between 25 and 35', 'aged
  over 60' (a number after 'aged' or 'age(s)'), and a bare whole number up to 120 in brackets or between commas
  right after two capitalised words ('Ann Tate (58)', 'Ann Tate, 58,'; not after an organisation's head word:
  'Nurses Union (12)'); a number up to 120 listed right after an age ('aged 58 and 61', 'aged 58, 61 or 70');
  'a 58-year-old', '58-year-olds'.
- Money scales: 'k', 'm', 'mn', 'bn', 'tn'; after '£' also 'b' and a space before the suffix ('£2.4b', '£1.5 bn',
  '£300 m'); without '£' a space only before 'bn', 'mn', 'tn' ('5b' is a label, '5 m' may be metres).
- 'one' after each / every / any / single / no / which is a pronoun ('each and every one of them'), not a figure.
Not figures: dates ('13 March', 'March 13', 'Monday 13th', '13-15 March', '2023-03-10', also after an opening
bracket or quotation mark: 'on Friday (May 9)'), years (a bare four-digit 1800-2099, '2019/20', '2019-20',
'2023 / 24', 'from 2019 to 2023'), times ('07:00', '10am', '7.30 pm', 'at 10.30', '8.00 BST'), phone numbers, house
numbers ('outside 10 Vexby Street'), the 111 and 999 services, reference numbers ('Section 188', 'Band 5', 'No
12', '[3]', 'ref 12', 'number seven', 'regulation 5', 'no. 7', 'number 1', 'channel 7', 'ISBN 978-0-...': the whole
hyphenated run), document identifiers (an upper-case abbreviation of 2-5 letters, not after 'the'/'a', right before
a bare whole number: 'CP 891', 'HC 1234'; quantities with separators, decimals or units stay: 'KDA 45,000'),
citations ('2023; 382: p1618', 'Quillet 2023; 401', '399(10330):1234-45', 'vol. 388', 'Volume 88, Issue 9'), DOIs
('10.5555/jnl.p1618'), list numbers ('1. ', '2) ', '(3) ' opening a line), ordinals (also a number naming a member
of a sequence: 'Phase Two', 'Round 5', 'foundation year two:', 'on day three of the strike'), numbers glued to
letters or symbols ('Covid-19', 'FY1', '24/7'), and so numbers inside handles, hashtags, e-mail and web addresses.
Also not figures: a number written with a leading zero ('0700'); a bare number after a capitalised word inside a
sentence with no counted noun after it ('on Freeview 262 or', 'Covid 19'); a number word opening a quoted title
('the ‘Two Jobs’ boss'); page furniture: a picture counter (one or two digits opening a line before a sentence-case
caption: '2 Junior doctors marched'), a reading time ('4 min read'), a counter alone on a line ('Image (32)'), a
line of periods and 'ago' ('(3 months, 2 weeks ago)'); a period after an unstated amount ('the number of
appointments a day') or after a year named as subject ('2023 was a year of ...').
Amounts in other currencies ('$5m') are skipped: the unit vocabulary has no place for them. A number too large for a
float (about 1.8e308: a digit run of 309 digits or more, or a smaller one times a scale) is no quantity a text
states and is skipped, never an error; its digits are not read again as smaller figures.

Hedges are the words just before the figure, included in its text ('More than 98%', 'around a 35% rise'), or 'at
least', 'or more' (at_least) and 'or fewer' / 'or less' (up_to) right after it ('an hour at least', '10% or more'). 'an estimated' says where a figure comes from, not how exact it is, and
stays outside it ('an estimated £3bn' is '£3bn', hedge none), as the real-text labels have it. 'over' before a
duration right after another figure is that figure's period, not a hedge ('9% over three years'); so is 'over' before
a duration after a noun or a verb that takes no amount ('disrupted over three days'); after a preposition, a verb of
time or amount ('for over 100 days', 'worked over 60 hours'), 'been', 'there is' or opening a clause it is a hedge.
measure_id: among lexicon.measures with the figure's unit, the one with a context term nearest the figure in
its sentence; at equal distances, the measure whose terms occur more often in the sentence; still equal: None.
A term opening with a preposition of place or group ('in the KHS', 'across the UK') that post-modifies the
counted noun counts as nearest of all: it follows the figure after at most four words, none of them clause
words ('and', 'who', 'were', ...), with no other term of the unit between ('There are around 80,000 junior
doctors in the KHS': the KHS, not the 'there are' before the figure).
Claimant: the subject of the nearest verb of saying before the figure in its sentence ('The KDA says',
'It insists'), 'according to X', or a trailing ', the KDA said.' / ', said X.'; a pronoun subject stands for
the organisation or person a previous sentence opened with. A quotation closed before the figure ends the
attribution. None when the article states the figure in its own voice. Of several 'according to' before a figure
the nearest that reads as one wins (the four nearest are tried). A subject is at most 15 words and 400 characters.

Speed: regexes that cannot start with a fixed character cost a probe at every offset, so the text is
scanned only for anchors (digit runs, number words, 'a'/'an' + unit word) on a lower-cased copy and every finer
rule is an anchored match or a look at the few words around an anchor. Figures are linear in the text's length
however many share a line or a sentence: lines and sentences are found by bisection over their starts, and each
sentence's verbs, commas, clause openers, closed quotations and measure terms once (_SentenceFacts), so no figure
rescans its sentence.
"""
from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from scripts.extract.lexicon import AliasMatch, Lexicon, Measure
from scripts.extract.text import Span, sentences_within

COLUMNS = ("source_id", "text", "start", "end", "value", "value_high", "unit", "per", "hedge", "measure_id",
           "claimant_text", "claimant_person_id", "claimant_organisation_id")

# ---------------------------------------------------------------- English number vocabulary
_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9,
           "tn": 1e12, "trillion": 1e12, "b": 1e9, "hundred": 100, "dozen": 12}
_DURATIONS = {"hour": ("hours", 1), "hr": ("hours", 1), "minute": ("hours", 1 / 60), "min": ("hours", 1 / 60),
              "day": ("days", 1), "week": ("weeks", 1), "fortnight": ("weeks", 2), "month": ("months", 1),
              "year": ("years", 1), "decade": ("years", 10)}  # unit word -> (schema unit, factor)
_FRACTIONS = {"half": 50, "third": 100 / 3, "thirds": 100 / 3, "quarter": 25, "quarters": 25,  # in percent
              "fifth": 20, "fifths": 20, "tenth": 10, "tenths": 10}
_VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_VAGUE_MULTIPLIER = {"tens": 10, "hundreds": 100}
_HEDGES = {
    "more_than": ["more than", "over", "well over", "just over", "in excess of", "upwards of", "above",
                  "well above", "greater than", "higher than", "longer than", "bigger than", "larger than",
                  "slightly more than", "a little over", "a little more than"],
    "less_than": ["fewer than", "less than", "under", "well under", "below", "well below", "lower than",
                  "shorter than", "smaller than", "slightly less than", "just under", "just below"],
    "nearly": ["nearly", "almost", "virtually", "just short of", "close to", "not quite"],
    "around": ["around", "about", "approximately", "approx.", "roughly", "circa",
               "in the region of"],
    "some": ["some"],
    "up_to": ["up to", "as many as", "as much as", "as high as", "a maximum of"],
    "at_least": ["at least", "a minimum of", "no fewer than", "no less than", "not less than"],
}
_HEDGE_OF_PHRASE = {phrase: hedge for hedge, phrases in _HEDGES.items() for phrase in phrases}
_LONGEST_HEDGE = max(len(p.split()) for p in _HEDGE_OF_PHRASE)
_HEDGE_LAST_WORDS = {p.split()[-1] for p in _HEDGE_OF_PHRASE}

# ---------------------------------------------------------------- the figure grammar (on lower-cased text)
_S = r"[^\S\n]"  # white space within a line
_DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_UNIT_WORDS = "|".join(sorted((w for w in _SMALL if 0 < _SMALL[w] < 10), key=len, reverse=True))
_WORDNUM = (rf"(?:(?:{'|'.join(_TENS)})(?:(?:-|{_S})(?:{_UNIT_WORDS}))?"
            rf"|{'|'.join(sorted((w for w in _SMALL if w != 'zero'), key=len, reverse=True))}"
            rf"|a{_S}+(?:dozen|hundred|thousand|million|billion))(?!\w)")
_NUMBER = rf"(?:{_DIGITS}|{_WORDNUM})"
_SCALE = rf"(?:{_S}?(?:thousand|million|billion|trillion)|{_S}hundred|(?:bn|mn|m|k|tn|b))(?![a-z])"


def _scale(tag: str) -> str:
    """The scale after a number: words, and the short suffixes; after '£' (this part's, or the range's first part's)
    also 'b' and a space before the suffix ('£2.4b', '£1.5 bn', '£300 m'); without '£' a space only before the
    unambiguous 'bn', 'mn', 'tn' ('1.5 bn'), and no 'b' ('5b' is a label)."""
    with_pound = rf"{_S}?(?:bn|mn|tn|m|k|b)"
    without = rf"(?:{_S}?(?:bn|mn|tn)|m|k)"
    short = (rf"(?(curc){with_pound}|{without})" if tag == "c"
             else rf"(?(curc){with_pound}|(?(curd){with_pound}|{without}))")
    return rf"(?:{_S}?(?:thousand|million|billion|trillion)|{_S}hundred|{short})(?![a-z])"


# Words between a number and its duration word that leave the duration as it is: 'three full days'.
_DURATION_ADJECTIVE = (rf"{_S}+(?:full|whole|consecutive|straight|clear|working|successive|further|more|extra"
                       rf"|additional|financial|calendar|academic){_S}+")
_DURATION_WORD = r"hours?|hrs?|minutes?|mins?|days?|weeks?|fortnights?|months?|years?|decades?"
# A noun or adjective of one word (not plural, not a function word) or a quoted phrase of up to four words between a
# number and its period leaves a duration: 'two strike days', "two 'bank holiday service' days"; not where the
# period dates something ('600 staff days later').
_MODIFIER_STOP_WORDS = (
    "the|a|an|and|or|but|nor|of|in|on|at|to|for|from|by|with|as|than|into|onto|over|under|after|before|since|until"
    "|about|around|per|each|every|other|such|same|own|this|that|these|those|their|its|his|her|our|your|my|which"
    "|what|who|whom|whose|where|when|will|would|could|can|may|might|must|should|shall|be|been|being|had|have|do"
    "|did|not|no|only|just|even|still|already|also|then|now|there|here|all|both|some|any|many|much|few|fewer|less"
    "|last|next|ago|later|earlier|a|once|twice|more|most|off|out|up|down")
_DURATION_MODIFIER = (  # the first lookahead only makes the common case (no period two words on) fail fast
    rf"{_S}+(?=(?:[a-z][a-z-]*|[‘'“\"][^‘’'“”\"\n]{{1,42}}[’'”\"]){_S}+(?:{_DURATION_WORD})(?!\w))"
    rf"(?:(?!(?:{_MODIFIER_STOP_WORDS})(?![a-z-]))[a-z]+(?:-[a-z]+)*(?:ss|[a-rt-z])"
    rf"|[‘'“\"][a-z][^‘’'“”\"\n.!?;:]{{0,40}}?[’'”\"](?<=[a-z][’'”\"])){_S}+"
    rf"(?=(?:{_S}*(?:hours?|hrs?|minutes?|mins?|days?|weeks?|fortnights?|months?|years?|decades?))(?!\w)"
    rf"(?!{_S}+(?:ago|later|earlier|before|after|previously|beforehand)\b))")
_PERCENT = (rf"{_S}?%|{_S}?per(?:{_S}?|-)cent(?!\w)|{_S}?percent(?!\w)|pc(?!\w)|{_S}+percentage{_S}+points?(?!\w)"
            rf"|-per-?cent(?!\w)")  # hyphenated before its noun: 'a 35-percent raise', 'a 6-per-cent award'
_MONEY_AFTER = rf"p(?!\w)|{_S}+(?:pence|pounds?(?:{_S}+sterling)?)(?!\w)"
# Rate words right after a figure: '£14 an hour', '£20,000-a-year', '5% per annum', 'every week', 'annually';
# not 'a year ago'.
_RATE = re.compile(
    rf"(?:(?:{_S}+|-)(?:an?|per|each|every)(?:{_S}+|-)"
    rf"(?P<per>hour|shift|day|week|month|year|annum|head|person|capita)|{_S}+(?P<annually>annually))(?![\w-])"
    rf"(?!{_S}+(?:ago|earlier|later|before|after|since|previously|beforehand|on{_S}+from)\b)")
_PER = {"annum": "year", "person": "head", "capita": "head"}
# 'of' and the counted noun between a figure and its rate: 'three days of action every month', '£40 of cover a
# shift'; one or two words, no determiner ('two days of the month' has no rate).
_COUNTED_NOUN_AFTER = re.compile(rf"{_S}+of{_S}+(?!(?:the|a|an|this|that|these|those|its|their|his|her|our)\b)"
                                 rf"[a-z]+(?:{_S}+(?!(?:an?|per|each|every)\b)[a-z]+)?(?=(?:{_S}+|-)(?:an?|per|each|every)\b)")
# 'a year ago', 'a week later': a period that dates something; 'once a week', 'three times a day': a frequency.
# Neither is a duration unless hedged ('almost a year ago').
_DATING_AFTER = re.compile(rf"{_S}+(?:ago|earlier|later|before|after|previously|beforehand|on{_S}+from)\b")
_FREQUENCY_BEFORE = re.compile(rf"\b(?:once|twice|thrice|times|per|every|each){_S}+\Z")
# 'the number of appointments a day', 'how many shifts a week': the rate of an amount the text does not state; the
# words between are the counted noun (no preposition or verb of time: 'the number on strike for a day' is a day).
_RATE_OF_AN_UNSTATED_AMOUNT_BEFORE = re.compile(
    rf"\b(?:numbers?{_S}+of|amounts?{_S}+of|how{_S}+many|how{_S}+much)"
    rf"(?:{_S}+(?!(?:for|in|within|than|over|of|on|at|to|by|after|lasting|last|lasted|and|or|is|was|are|were)\b)"
    rf"[a-z][\w’'-]*){{1,4}}{_S}+\Z")
# '2023 was a year of unrest': a year named as the subject is a year, not one year's duration.
_A_YEAR_NAMED_BEFORE = re.compile(
    rf"(?<![\w.,])(?:1[89]|20)[0-9]{{2}}{_S}+(?:was|is|will{_S}+be|has{_S}+been|had{_S}+been|would{_S}+be|became|becomes)"
    rf"{_S}+\Z")
_START = r"(?<![\w@#/.:;,=<>$€&+\[-])"  # nothing glued before: '@x1', '#x', 'Covid-19', '$5m', '+44', '[3]'
_END = r"(?:(?<=%)(?!%)|(?![\w%@]))(?![.,:;/][^\W_])"  # nor after: '2nd', '10am', '24/7', '1.2.3', '07:00', '5,6'
# (a percent sign ends its figure whatever follows: '82%of', a missing space)


def _part(tag: str) -> str:
    return (rf"(?P<part{tag}>(?P<cur{tag}>£)?(?P<num{tag}>{_NUMBER})(?P<half{tag}>{_S}+and{_S}+a{_S}+half)?"
            rf"(?P<scale{tag}>{_scale(tag)})?"
            rf"(?:(?P<pct{tag}>{_PERCENT})|(?:{_DURATION_ADJECTIVE}|{_DURATION_MODIFIER}|{_S}*-?{_S}*)(?P<dur{tag}>{_DURATION_WORD})(?:-olds?)?(?!\w)"
            rf"|(?P<gbp{tag}>{_MONEY_AFTER}))?)")


_RATIO_ALTERNATIVE = (rf"(?P<r1>{_DIGITS}|{_WORDNUM}){_S}+(?:in|out{_S}+of){_S}+(?:every{_S}+)?"
                      rf"(?!(?:1[89]|20)[0-9][0-9](?![0-9]))(?P<r2>{_DIGITS}|{_WORDNUM}){_END}")
_PARTS_ALTERNATIVE = rf"{_part('c')}(?:(?P<sep>{_S}*[-–—]{_S}*|{_S}+(?:to|or|and){_S}+){_part('d')})?{_END}"
# '100s of', '1,000’s of': hundreds, thousands written in digits (vague).
_VAGUE_DIGITS_ALTERNATIVE = rf"(?P<vague_digits>100|1,?000)['’]?s(?={_S}+of\b)"
_FIGURE_ALTERNATIVES = [
    _VAGUE_DIGITS_ALTERNATIVE,
    _RATIO_ALTERNATIVE,
    # 'a quarter of a million (pounds)', 'three quarters of a billion', 'two-thirds of a million': the scale's fraction
    rf"(?P<scale_frac>(?:(?:a|one)(?:{_S}+|-))?(?:quarter|third)|three(?:{_S}+|-)quarters|two(?:{_S}+|-)thirds)"
    rf"{_S}+of{_S}+an?{_S}+"
    rf"(?P<scale_frac_of>million|billion)(?P<scale_frac_gbp>{_S}+pounds(?:{_S}+sterling)?)?{_END}",
    rf"(?P<frac_n>two|three|four|five|six|seven|eight|nine)(?:-|{_S})(?P<frac_n_of>thirds|quarters|fifths|tenths){_END}",
    rf"half{_S}+an?{_S}+(?P<half_of>hour|day|week|month|year|decade|million|billion){_END}",
    rf"(?:(?P<vague_mult>tens|hundreds){_S}+of{_S}+)?(?P<vague>dozens|hundreds|thousands|millions|billions)"
    rf"(?P<vague_gbp>{_S}+of{_S}+pounds)?{_END}",
    rf"(?:(?P<frac_one>one)(?:{_S}+|-)|a{_S}+)(?P<frac_a>half|third|quarter|fifth|tenth)(?![\w-])",
    rf"(?P<half_word>half)(?:-?way|{_S}way)?(?![\w-])",  # 'halfway', 'half way' (to a goal): 50 percent
    rf"an?{_S}+(?:(?:full|whole){_S}+)?(?P<a_unit>decade|fortnight|hour|day|week|month|year)(?![\w-])",
    _PARTS_ALTERNATIVE,
    rf"single-(?P<single>hour|day|week|month|year)(?![\w-])",
    rf"(?P<bare_decade>decade)(?![\w-])",  # reached only from 'the next/past/last decade'
]
_FIGURE = re.compile(_START + "(?:" + "|".join(_FIGURE_ALTERNATIVES) + ")")
# At a digit or '£' only the digit vague, the ratio and the parts can match (every other alternative opens with a letter), in that
# order: the same matches, without trying the others. They stay in a branch after a failing (?!) so that every
# group _figures_of reads is defined (and None).
_DIGIT_ALTERNATIVES = (_VAGUE_DIGITS_ALTERNATIVE, _RATIO_ALTERNATIVE, _PARTS_ALTERNATIVE)
_FIGURE_AT_DIGIT = re.compile(_START + "(?:" + "|".join(_DIGIT_ALTERNATIVES) + "|(?!)(?:" + "|".join(
    a for a in _FIGURE_ALTERNATIVES if a not in _DIGIT_ALTERNATIVES) + "))")

# Where a figure can start: '£', a digit run, or one of these words.
_ARTICLE_WORDS = {"dozen", "hundred", "thousand", "million", "billion", "half", "third", "quarter", "fifth",
                  "tenth", "decade", "fortnight", "hour", "day", "week", "month", "year"}  # after 'a'/'an'
_ARTICLE_BEFORE = re.compile(rf"(?<!\w)an?{_S}+\Z")
_ANCHOR_WORDS = (set(_SMALL) - {"zero"} | set(_TENS) | _ARTICLE_WORDS | {"thirds", "quarters", "fifths", "tenths", "tens"}
                 | set(_VAGUE) | {"single", "halfway"})


def _word_anchor_pattern(words: set[str]) -> str:
    """The words as one pattern grouped by first letter, which the regex engine tries much faster."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in by_first.items()) + ")(?![a-z])"


# A leading character class lets the regex engine skip quickly to where an anchor can start; the text's
# first character, which has nothing before it, is tried apart.
# Words that are figures only after 'a'/'an' ('a day', 'an hour', 'a million') are found with their article, so
# that the many bare 'day's and 'year's of news text cost no look back.
_ARTICLE_ONLY_WORDS = _ARTICLE_WORDS - set(_FRACTIONS)
_ANCHOR_BODY = ("(?:(?P<digits>[£0-9])|(?<!\\w)(?P<article>(?:a[^\\S\\n]{1,3}|an[^\\S\\n]{1,2})"
                "(?:(?:full|whole)[^\\S\\n]+)?"  # 'a full week'
                + _word_anchor_pattern(_ARTICLE_ONLY_WORDS) + ")|(?P<word>"
                + _word_anchor_pattern(_ANCHOR_WORDS - _ARTICLE_ONLY_WORDS) + ")"
                "|(?P<decade>decade)(?![a-z])(?<=(?:next|past|last) decade))")  # 'the next decade': 10 years
_ANCHOR = re.compile("[^a-z0-9]" + _ANCHOR_BODY)
_FIRST_ANCHOR = re.compile(_ANCHOR_BODY)
# Where _ANCHOR can match, found in the text's byte form (_TO_ANCHOR_FORM: ASCII letters lower-cased, digits kept, every
# other character a blank, so offsets are kept and a blank stands exactly where low has no [a-z0-9]): a literal blank
# first lets the regex engine skip to word starts with a tight loop (a class first is tested at every character).
# The body is looked at ahead, so every lead is found; blanks stand for any white space or punctuation there, so the
# words' candidates are a superset of _ANCHOR's word matches, each of which is then matched with _ANCHOR (_anchors).
_TO_ANCHOR_FORM = bytes(c + 32 if 65 <= c <= 90 else c if 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256))


def _word_trie_pattern(words: set[str]) -> str:
    """The words, each ending before a character that is no letter, as one pattern shaped like a trie: the regex
    engine tries one character of a word at each level, where a flat alternation tries every word sharing a first
    letter ('the' against 'two', 'three', 'thirty', ...). Matches where some word starts, like the flat form."""
    trie: dict = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(c) + pattern(child) if c else "(?![a-z])" for c, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return pattern(trie)


_ANCHOR_CANDIDATE = re.compile(
    (" (?=(?P<digit>[0-9])|a(?: {1,3}|n {1,2})(?:(?:full|whole) +)?" + _word_trie_pattern(_ARTICLE_ONLY_WORDS)
     + "|" + _word_trie_pattern(_ANCHOR_WORDS - _ARTICLE_ONLY_WORDS | {"decade"}) + ")").encode("ascii"))

# ---------------------------------------------------------------- what is not a figure
_MONTHS = {m.lower() for m in "January February March April May June July August September October November "
           "December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()}
_WEEKDAYS = {d.lower() for d in "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed "
             "Thu Thur Thurs Fri Sat Sun".split()}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?![a-z])")
_DAY = r"[0-9]{1,2}(?:st|nd|rd|th)?(?![0-9]|[,.][0-9])"
_DAY_LIST = rf"{_DAY}(?:\s*(?:-|–|—|to|and|&|,)\s*{_DAY})*"
_DAYS_THEN_MONTH = re.compile(rf"{_DAY_LIST}\s+(?:of\s+)?{_MONTH}")          # 13 March, 13-15 March
_DAYS_AFTER_MONTH = re.compile(rf"{_DAY_LIST}(?:,?\s+[0-9]{{4}}(?![0-9]))?")  # (March) 13, 2023
_TIME = re.compile(r"[0-9]{1,2}(?:[.:][0-9]{2})?\s?(?:[ap]\.?m\b\.?|o['’]clock)")
_PHONE = re.compile(r"\(?0?[0-9]{2,4}\)?[\s-]?[0-9]{3,4}[\s-]?[0-9]{3,4}(?![0-9])")
# Words before a reference number. Capitalised only, where the lower-case word often precedes a real count.
_REFERENCE_WORDS = ({"section", "article", "clause", "band", "schedule", "paragraph", "page", "ward", "tier",
                     "grade", "category", "priority", "type", "step", "item", "question", "p.", "pp.", "number",
                     "no.", "nos.", "ref", "ref.", "reference", "doi", "isbn", "issn", "vol", "vol.", "iss.",
                     "channel", "regulation"},
                    {"Figure", "Table", "Level", "Stage", "Phase", "Part", "Chapter", "Appendix",
                     "Annex", "Room", "Route", "Junction", "Platform", "Channel", "Radio", "Version", "Year",
                     "No", "No.", "Volume", "Issue", "Rule"})
_SERVICE_NUMBERS = {"111", "999"}
# A document's identifier: 'CP 891', 'HC 1234' (an upper-case abbreviation, not after 'the', before a bare whole
# number); a citation's 'year;volume:page' ('2023; 382: 1618', '12(3):45-67'); a DOI ('10.5555/jnl.p1618').
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w.’'&-])(?P<determiner>(?i:the|a|an)\s+)?[A-Z]{2,5}[.:]?[^\S\n]+\Z")
_BARE_WHOLE_NUMBER = re.compile(r"[0-9]+")
_IDENTIFIER = re.compile(r"10\.[0-9]{4,9}/\S+"
                         r"|[0-9]+\s*\([0-9]+(?:\s*[-–]\s*[0-9]+)?\)\s*:\s*[a-z]?[0-9]+(?:\s*[-–]\s*[a-z]?[0-9]+)?"
                         r"|[0-9]+\s*;\s*[0-9]+(?:\s*\([0-9]+\))?\s*:\s*[a-z]?[0-9]+(?:\s*[-–]\s*[0-9]+)?")
# A journal's 'Name year; volume' with no page after it ('Quillet 2023; 401'): the volume is no count.
_CITATION_YEAR_BEFORE = re.compile(r"(?<![\w.])[A-Z][\w.&-]*[^\S\n]+(?:1[89]|20)[0-9]{2}[^\S\n]*;[^\S\n]*\Z")
_IDENTIFIER_RUN = re.compile(r"[0-9a-z]+(?:[-‐/.][0-9a-z]+)*")  # '978-0-12-345678-9' after 'ISBN'
_LIST_NUMBER = re.compile(r"[0-9]{1,2}[.)]\s")
_YEAR = re.compile(r"(?:1[89]|20)[0-9]{2}")

_ONE_AS_COUNT = re.compile(  # not before a superlative or a word of rank after 'the' or a possessive: 'one of his top aims'
    rf"{_S}+of{_S}+(?!(?:the|its|their|our|his|her|your|my|(?:the{_S}+)?\w+['’]s){_S}+(?:most|least|best|worst|top|key|main|chief|principal|leading|foremost|primary|prime|\w+est)\b)"
    rf"(?:the|these|those|them|us|its|their|our|his|her|\w+['’]s|[0-9])\b")
_DURATION_OF_ONE_DAY_BEFORE = re.compile(rf"\b(?:in|for|within|just|only|than|lasting|last|lasts){_S}+\Z")
_ONE_AS_PRONOUN_BEFORE = re.compile(rf"\b(?:each|every|any|single|no|which){_S}+\Z")
_FRACTION_AMOUNT_BEFORE = re.compile(rf"\b(?:by|in|cut|to){_S}+\Z")
_BETWEEN_BEFORE = re.compile(rf"\bbetween{_S}+\Z")
_FROM_BEFORE = re.compile(rf"\bfrom{_S}+\Z")  # 'from 2% to 5%' is a change, not a range
_OF_AFTER = re.compile(rf"{_S}+of\b")
_PART_OF_A_WHOLE_BEFORE = re.compile(
    rf"\b(?:first|second|last|latter|other|final|next|previous|this|that|each|every){_S}+\Z")
_COMPARATIVE_AFTER = re.compile(  # 'a third less than', 'a quarter more': an amount of difference
    rf"{_S}+(?:less|more|fewer|lower|higher|smaller|bigger|larger|greater|longer|shorter|cheaper)\b")
_HALF_AFTER = re.compile(rf"{_S}+(?:of|the|their|its|all|our|his|her|those|these)\b")

# ---------------------------------------------------------------- claimants (on lower-cased text)
_SAY = (r"says|said|say|claims|claimed|insists|insisted|argues|argued|estimates|estimated|told|tells|adds|added|"
        r"believes|believed|warns|warned|maintains|maintained|stated|reported|tweeted|posted|wrote|writes|"
        r"announced|revealed|found|finds|shows|showed|calculated|calculates|suggests|suggested|noted|"
        rf"pointed{_S}+out|points{_S}+out")
_SAY_VERB = re.compile(rf"\b(?:{_SAY})\b")
_SAY_VERB_AFTER_NON_LETTER = re.compile(  # the same, quicker to scan a sentence with
    "[^a-z](?P<verb>" + _word_anchor_pattern(set(_SAY.replace(f"{_S}+", " ").split("|"))).replace(r"\ ", f"{_S}+")
    + ")")
_NOT_A_SPEAKER_BEFORE = re.compile(rf"\b(?:was|were|is|are|be|been|being|an?|the){_S}+\Z")  # passives, 'an estimated'
_ACCORDING_TO = re.compile(rf"\baccording{_S}+to{_S}+[^,.;:“”\"()]{{2,80}}?(?=\s*[,.;:“”\"()]|\s*$)")
_WHEN = rf"(?:on{_S}+\w+|last{_S}+\w+|this{_S}+(?:week|month|year|morning|afternoon|evening)|yesterday|today|earlier)"
_SAID_AFTER = re.compile(
    rf",[”\"’']?{_S}*(?P<claimant>(?:[\w’'.-]+{_S}+){{1,6}}?(?:{_SAY})"
    rf"|(?P<inverted>said|says|added|told|warned){_S}+(?P<speaker>[^,.;:“”\"]{{2,60}}?))"
    rf"(?:{_S}+{_WHEN})?{_S}*(?:[.,;!?”\"]|$)")
_QUOTE_CLOSED = re.compile(r"[”\"]\s*[,;]")
_CLAUSE_OPENER = re.compile(rf"[;:“”\"(—–]|\b(?:that|which|who|while|whereas|as|but){_S}")
_CLAUSE_OPENER_WITHOUT_BOUNDARY = re.compile(rf"[;:“”\"(—–]|(?:that|which|who|while|whereas|as|but){_S}")
_LEADING_WORDS = re.compile(
    rf"(?:(?:however|but|and|yet|meanwhile|now|still|instead|separately|indeed|also|so|though|although)\b,?{_S}*)+")
_LEADING_ADVERBIAL = re.compile(
    rf"(?:on|in|at|last|earlier|later|yesterday|today|this|since|after|before|during|speaking|responding|"
    rf"writing|asked)\b[^,]{{0,60}},{_S}*")
_SPACES = re.compile(r"\s+")
_PRONOUNS = {"it": ("organisation",), "he": ("person",), "she": ("person",), "they": ("organisation", "person")}
# A counted noun's post-modifier ('80,000 junior doctors in the KHS'): a term opening with one of these
# prepositions, after at most four words that are not clause words.
_POST_MODIFIER_PREPOSITIONS = {"in", "across", "within", "throughout", "outside", "among", "at"}
_NOUN_PHRASE_GAP = re.compile(rf"(?:{_S}+[a-z][\w’'-]*){{0,4}}{_S}+")
_CLAUSE_WORDS = {"and", "or", "but", "that", "which", "who", "whom", "whose", "where", "when", "while", "was", "were",
                 "is", "are", "be", "been", "being", "has", "have", "had", "will", "would", "could", "can", "may",
                 "might", "must", "should", "do", "does", "did", "to", "for", "from", "than", "as", "with", "by",
                 "on", "at", "in", "of", "not", "it", "they", "he", "she", "we", "there", "said", "says"}
_SUBJECT_POSITION = re.compile(rf"\W*(?:(?:the|but|however|and|meanwhile|a|an|yet){_S}+)*\W*")
_MAX_SUBJECT_WORDS = 15


@dataclass(slots=True)
class _Figure:
    start: int
    end: int
    value: float
    unit: str
    value_high: float | None = None
    core_start: int | None = None   # where the number starts, before any 'between' or hedge
    hedge: str | None = None        # a default ('vague'); a hedge in the text wins
    hedge_required: bool = False    # only a figure after a hedge ('less than a month', 'more than one')
    age: bool = False               # read as a person's age ('aged 58'): a number listed right after is one too
    allow_hedge: bool = True        # False for 'between ... and ...'
    per: str | None = None          # the rate after it: 'hour' for '£14 an hour'


@dataclass(slots=True)
class _Quantity:
    """One number of a match, the unit its own words give it (None: a bare count) and its value in that unit."""
    start: int
    end: int
    value: float
    unit: str | None
    suffixed: bool  # a scale or unit word that changed the value ('bn', 'decades', 'p', '%')
    is_word: bool
    raw: str        # the number as written, without scale or unit


def extract_figures(text: str, source_id: str, lexicon: Lexicon) -> list[dict]:
    low = _lower(text)
    figures = _find_figures(text, low)
    if not figures:
        return []
    context = _Context(text, low, lexicon)
    rows = []
    for f in figures:
        if not (math.isfinite(f.value) and (f.value_high is None or math.isfinite(f.value_high))):
            continue  # a number past the float range (309 digits or more): no text states such a quantity
        sentence = context.sentence_of(f.start)
        claimant_text, person_id, organisation_id = context.claimant(f, sentence)
        rows.append({  # the keys in COLUMNS' order
            "source_id": source_id, "text": text[f.start:f.end], "start": f.start, "end": f.end,
            "value": _tidy(f.value), "value_high": None if f.value_high is None else _tidy(f.value_high),
            "unit": f.unit, "per": f.per, "hedge": f.hedge or "none", "measure_id": context.measure(f, sentence),
            "claimant_text": claimant_text, "claimant_person_id": person_id,
            "claimant_organisation_id": organisation_id})
    return rows


def _lower(text: str) -> str:
    """Lower case with every offset kept (str.lower() lengthens a few characters, such as 'İ')."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


# ---------------------------------------------------------------- finding figures
def _find_figures(text: str, low: str) -> list[_Figure]:
    anchors = []
    for m in _anchors(text, low):
        if type(m) is int:  # a digit or '£'
            anchors.append(m)
            continue
        kind = m.lastgroup  # the alternatives' groups hold no group: the one that matched
        if kind != "word":  # digits, article or decade
            anchors.append(m.start(kind))
            continue
        start, word = m.start("word"), m.group("word")
        if start and low[start - 1].isalpha():
            continue  # inside a word ('Ωone')
        if word in _ARTICLE_WORDS:
            article = _ARTICLE_BEFORE.search(low, max(0, start - 4), start)  # 'a quarter', 'an hour'
            if article:
                start = article.start()
            elif word not in _FRACTIONS:
                continue
        anchors.append(start)
    anchors.sort()
    figures: list[_Figure] = []
    last_age: _Figure | None = None  # the age read last, while no figure has been kept after it
    consumed = 0
    for anchor in anchors:
        if anchor < consumed:
            continue
        at_digit = low[anchor] in _DIGIT_OR_POUND
        identifier = _IDENTIFIER.match(low, anchor) if at_digit and low[anchor] != "£" else None
        if identifier:
            consumed = identifier.end()
            continue
        match = (_FIGURE_AT_DIGIT if at_digit else _FIGURE).match(low, anchor)
        if match is None:
            continue
        found, consumed = _figures_of(match, text, low)
        kept: list[_Figure] = []
        not_before = 0  # the end of an identifier an earlier figure of the match was part of: 'ISBN 978-0-12'
        for figure in found:
            skip_to = _not_a_figure(text, low, figure) if figure.start >= not_before else not_before
            if skip_to is not None:
                consumed, not_before = max(consumed, skip_to), skip_to
                continue
            _attach_hedge(figure, low, figures[-1].end if figures else 0)
            if figure.hedge is None and figure.allow_hedge and low.startswith((" at", " or"), figure.end):
                after = _HEDGE_AFTER.match(low, figure.end)  # 'an hour at least', '10% or more', '5 or fewer'
                if after:
                    figure.end, figure.hedge = after.end(), "up_to" if after.group("at_most") else "at_least"
                    consumed = max(consumed, figure.end)
            if figure.hedge_required and figure.hedge is None:
                continue
            if figure.unit == "count" and (_is_age(text, low, figure) or _listed_after_an_age(low, last_age, figure)):
                figure.unit, figure.age = "years", True
            if figure.age or low.startswith("-old", figure.end - 4) or low.startswith("-olds", figure.end - 5):
                last_age = figure  # an age is no figure: 'aged 58', 'Ann Tate, 58,', 'a 58-year-old'
                continue
            last_age = None
            kept.append(figure)
        rate = _RATE.match(low, kept[-1].end) if kept else None
        if kept and rate is None and low.startswith(" of", kept[-1].end):  # 'three days of action every month'
            counted = _COUNTED_NOUN_AFTER.match(low, kept[-1].end)
            rate = _RATE.match(low, counted.end()) if counted else None
        if rate:  # 'from £20,000 to £25,000 a year': the rate is both ends'
            per = rate.group("per") or "year"  # or 'annually'
            for figure in kept:
                if figure.unit == kept[-1].unit:
                    figure.per = _PER.get(per, per)
            consumed = max(consumed, rate.end())
        figures.extend(kept)
    return figures


def _anchors(text: str, low: str) -> list:
    """What _FIRST_ANCHOR.match(low) and _ANCHOR.finditer(low) give, in their order: an anchor at a digit or '£' as
    its offset, every other as its match. The leads are found in the text's byte form (_ANCHOR_CANDIDATE), and
    finditer's steps are followed: a lead inside the last anchor's match is skipped (an anchor at '£' takes the
    '£', which is also a lead), a digit's or '£''s anchor takes its lead and itself, a word's is matched there with
    _ANCHOR. The Kelvin sign, the one character beyond ASCII that lower-cases to an ASCII letter, is not mirrored in
    the byte form: a text holding it is scanned with _ANCHOR."""
    first = _FIRST_ANCHOR.match(low)
    found: list = [first] if first else []
    if "\u212a" in text:
        return found + list(_ANCHOR.finditer(low))
    form = text.encode("ascii", "replace").translate(_TO_ANCHOR_FORM)
    leads = [(m.start(), m.lastgroup == "digit") for m in _ANCHOR_CANDIDATE.finditer(form)]
    if "£" in text:  # a '£' is a blank in the byte form; its lead is the character before it
        pound = -1
        for part in text.split("£")[:-1]:  # each part ends where a '£' stands (one split: the text is read once)
            pound += len(part) + 1
            if pound and form[pound - 1] == 32:
                leads.append((pound - 1, True))
        leads.sort()
    end = 0
    for lead, digit in leads:
        if lead < end:
            continue
        if digit:
            found.append(lead + 1)
            end = lead + 2
        else:
            m = _ANCHOR.match(low, lead)
            if m is not None:
                found.append(m)
                end = m.end()
    return found


def _figures_of(m: re.Match, text: str, low: str) -> tuple[list[_Figure], int]:
    """The figures one grammar match makes, and the offset up to which the text is used."""
    g = m.group
    (ratio, fraction_n, half_of, vague, fraction_a, half_word, a_unit, single, bare_decade, vague_digits,
     scale_frac) = g("r1", "frac_n", "half_of", "vague", "frac_a", "half_word", "a_unit", "single", "bare_decade",
                     "vague_digits", "scale_frac")  # one call for the alternatives' groups: this runs at every match
    if ratio:
        return _ratio(m, low), m.end()
    if vague_digits:
        low_value = _number_value(vague_digits)
        return [_Figure(m.start(), m.end(), low_value, "count", low_value * 10, hedge="vague")], m.end()
    if scale_frac:
        *times, fraction = re.split(r"[\s-]+", scale_frac)
        times = _SMALL.get(times[0], 1) if times else 1  # 'a', 'one', 'two', 'three'
        value = times * _FRACTIONS[fraction] / 100 * _SCALES[g("scale_frac_of")]
        return [_Figure(m.start(), m.end(), round(value), "gbp" if g("scale_frac_gbp") else "count")], m.end()
    if fraction_n:
        value = round(_word_value(g("frac_n")) * _FRACTIONS[g("frac_n_of")], 2)
        return [_Figure(m.start(), m.end(), value, "percent")], m.end()
    if half_of:
        unit, factor = _DURATIONS.get(g("half_of")) or ("count", _SCALES[g("half_of")])
        return [_Figure(m.start(), m.end(), 0.5 * factor, unit)], m.end()
    if vague:
        low_value = _VAGUE[g("vague")] * (_VAGUE_MULTIPLIER[g("vague_mult")] if g("vague_mult") else 1)
        unit = "gbp" if g("vague_gbp") else "count"
        return [_Figure(m.start(), m.end(), low_value, unit, low_value * 10, hedge="vague")], m.end()
    if fraction_a or half_word:
        figure = _amount_fraction(m, low)
        return ([figure] if figure else []), m.end()
    if a_unit:
        unit, factor = _DURATIONS[g("a_unit")]
        dated_or_frequency = _DATING_AFTER.match(low, m.end()) or \
            _FREQUENCY_BEFORE.search(low, max(0, m.start() - 8), m.start()) or \
            _RATE_OF_AN_UNSTATED_AMOUNT_BEFORE.search(low, max(0, m.start() - 70), m.start()) or \
            (unit == "years" and _A_YEAR_NAMED_BEFORE.search(low, max(0, m.start() - 20), m.start()))
        return [_Figure(m.start(), m.end(), factor, unit, hedge_required=bool(dated_or_frequency))], m.end()
    if single:
        unit, factor = _DURATIONS[single]
        return [_Figure(m.start(), m.end(), factor, unit)], m.end()
    if bare_decade:
        return [_Figure(m.start(), m.end(), 10, "years")], m.end()
    low_part = _quantity(m, "c")
    if low_part is None:
        return [], m.end()
    if not g("sep"):
        figure = _single(low_part, low, low_part.end)  # the match's end, or the scale's ('3.5 million days')
        return ([figure] if figure else []), m.end()
    high_part = _quantity(m, "d")
    sep = g("sep").strip()
    if sep == "and":
        between = _BETWEEN_BEFORE.search(low, max(0, m.start() - 9), m.start())
        if not between:  # 'four days and 72 hours': the second figure is read on its own
            figure = _single(low_part, low, low_part.end)
            return ([figure] if figure else []), low_part.end
        start = between.start()
        return _range(start, high_part.end if high_part else m.end(), low_part, high_part, low, allow_hedge=False), m.end()
    split = sep == "to" and _FROM_BEFORE.search(low, max(0, m.start() - 6), m.start()) is not None
    return _range(m.start(), high_part.end if high_part else m.end(), low_part, high_part, low, split), m.end()


def _quantity(m: re.Match, tag: str) -> _Quantity | None:
    raw, cur, half, scale, percent, duration, money = m.group(*_PART_GROUPS[tag])
    if raw is None:
        return None
    value = _number_value(raw)
    if value is None:
        return None
    if half:
        value += 0.5
    if scale:
        value *= _SCALES[scale.strip()]
    unit = "gbp" if cur else None
    part = _PART_GROUP[tag]
    end = m.end(part)
    if percent:
        unit = "percent"
    elif duration and not cur and ((scale and scale.strip() in _LARGE_SCALES) or raw.endswith(_LARGE_SCALE_WORDS)):
        # '3.5 million days lost', 'a million hours': time counted (working days), not how long anything lasts
        end = max(m.end("num" + tag), m.end("half" + tag), m.end("scale" + tag))
    elif duration:
        unit, factor = _DURATIONS[duration.rstrip("s")]
        value *= factor
    elif money:
        unit = "gbp"
        if money.strip() in ("p", "pence"):
            value /= 100
    suffixed = bool(scale or percent or duration or money)
    return _Quantity(m.start(part), end, value, unit, suffixed, not raw[0].isdigit(), raw)


_PART_GROUPS = {tag: tuple(name + tag for name in ("num", "cur", "half", "scale", "pct", "dur", "gbp")) for tag in "cd"}
_PART_GROUP = {tag: "part" + tag for tag in "cd"}
# Scales no duration of anything reaches: a period counted in millions is an amount of time worked or lost, a count.
_LARGE_SCALES = frozenset(scale for scale, value in _SCALES.items() if value >= 1e6)
_LARGE_SCALE_WORDS = tuple(sorted(scale for scale in _LARGE_SCALES if len(scale) > 2))  # 'a million': one number word


def _single(q: _Quantity | None, low: str, end: int) -> _Figure | None:
    if q is None:
        return None
    if q.unit is None:
        if not q.is_word and (q.raw in _SERVICE_NUMBERS or _YEAR.fullmatch(q.raw)):
            return None  # the 111 service; a year
        if q.is_word:
            if low[q.end:q.end + 1] == "-" and low[q.end + 1:q.end + 2].isalpha():
                return None  # 'two-tier', 'one-off'
            if q.value == 1 and _ONE_AS_PRONOUN_BEFORE.search(low, max(0, q.start - 10), q.start):
                return None  # 'each and every one of them', 'any one of', 'every single one': a pronoun
            if q.value == 1 and not _ONE_AS_COUNT.match(low, q.end):
                return _Figure(q.start, end, 1, "count", hedge_required=True)  # 'more than one', not 'one day'
    elif q.is_word and q.unit == "days" and q.value == 1 and low[q.start + len(q.raw)] != "-" and \
            not _DURATION_OF_ONE_DAY_BEFORE.search(low, max(0, q.start - 10), q.start):
        return None  # 'one day' is an idiom; 'one-day strike', 'in just one day', 'for one day' are durations
    return _Figure(q.start, end, q.value, q.unit or "count")


def _range(start: int, end: int, low_part: _Quantity, high_part: _Quantity | None, low: str, split: bool = False,
           allow_hedge: bool = True) -> list[_Figure]:
    if high_part is None:
        figure = _single(low_part, low, low_part.end)
        return [figure] if figure else []
    if _is_year(low_part) and high_part.unit is None and (_is_year(high_part) or re.fullmatch("[0-9][0-9]", high_part.raw)):
        return []  # '2019-20', 'from 2019 to 2023', '2023-03-10'
    if (low_part.unit and high_part.unit and low_part.unit != high_part.unit) or _is_year(high_part) or \
            (low_part.unit is None and {low_part.raw, high_part.raw} & _SERVICE_NUMBERS):
        split = True  # '5% to 10 days', '5% to 2024', '111 or 999'
    low_value = low_part.value
    written_high = _number_value(high_part.raw)
    if high_part.suffixed and not low_part.suffixed and written_high and low_part.value < written_high:
        low_value *= high_part.value / written_high  # the high end's scale or unit: '£2-3bn', '2-3 decades'
    if split or not low_value < high_part.value:
        return [f for f in (_single(low_part, low, low_part.end), _single(high_part, low, end)) if f]
    return [_Figure(start, end, low_value, high_part.unit or low_part.unit or "count", high_part.value,
                    core_start=low_part.start, allow_hedge=allow_hedge)]


def _is_year(q: _Quantity) -> bool:
    return q.unit is None and not q.is_word and _YEAR.fullmatch(q.raw) is not None


def _ratio(m: re.Match, low: str) -> list[_Figure]:
    part, whole = _number_value(m.group("r1")), _number_value(m.group("r2"))
    if part is not None and whole is not None and 0 < part < whole:
        return [_Figure(m.start(), m.end(), round(100 * part / whole, 2), "percent")]
    if part is None:
        return []
    raw = m.group("r1")
    figure = _single(_Quantity(m.start("r1"), m.end("r1"), part, None, False, not raw[0].isdigit(), raw),
                     low, m.end("r1"))
    return [figure] if figure else []


def _amount_fraction(m: re.Match, low: str) -> _Figure | None:
    """'a quarter', 'a third', 'half' are amounts before 'of' (or 'the' for half), after 'by'/'in', or hedged."""
    word = m.group("frac_a") or m.group("half_word")
    start, end = m.start(), m.end()
    if _PART_OF_A_WHOLE_BEFORE.search(low, max(0, start - 10), start):
        return None  # 'the second half of the year', 'the other half'
    amount = (m.group("frac_one") or _OF_AFTER.match(low, end) or (word == "half" and _HALF_AFTER.match(low, end))
              or _FRACTION_AMOUNT_BEFORE.search(low, max(0, start - 8), start) or _COMPARATIVE_AFTER.match(low, end))
    return _Figure(start, end, round(_FRACTIONS[word], 2), "percent", hedge_required=not amount)


def _number_value(raw: str) -> float | None:
    return _word_value(raw) if not raw[0].isdigit() else float(raw.replace(",", ""))


@functools.lru_cache(maxsize=512)
def _word_value(words: str) -> float | None:
    """'four' -> 4, 'twenty-one' -> 21, 'a dozen' -> 12, 'a million' -> 1e6."""
    parts = re.split(r"[\s-]+", words)
    if parts[0] == "a" and len(parts) == 2:
        return _SCALES.get(parts[1])
    if all(p in _SMALL or p in _TENS for p in parts):
        return sum(_SMALL.get(p, 0) + _TENS.get(p, 0) for p in parts)
    return None


def _not_a_figure(text: str, low: str, figure: _Figure) -> int | None:
    """Where the date, time, phone number or reference the figure belongs to ends; None for a true figure."""
    start = figure.start if figure.core_start is None else figure.core_start
    if figure.unit == "count" and figure.value_high is None and low[start - 1:start] == " " and \
            low[max(0, start - 12):start - 1].rpartition(" ")[2].lstrip(_OPENING_PUNCTUATION) in _LABEL_NOUNS and \
            _labels_the_noun_before(text, low, start, figure.end):
        return figure.end  # 'Phase Two', 'foundation year two:', 'day three of the strike'
    if text[start - 1:start] in _OPENING_QUOTES and text[start].isupper() and not low[start].isdigit() and \
            _QUOTED_TITLE.match(text, start):
        return figure.end  # '‘Two Jobs’ boss': a number word in a quoted title, a nickname
    if figure.unit == "hours" and "min" in low[start:figure.end] and _READING_TIME_AFTER.match(low, figure.end):
        return figure.end  # '4 min read': a web page's reading time
    if not low[start].isdigit():
        return None
    if (start == 0 or text[start - 1] == "\n") and figure.unit == "count" and figure.end - start <= 2 and \
            _CAPTION_AFTER.match(text, figure.end) and _BARE_WHOLE_NUMBER.fullmatch(low, start, figure.end):
        return figure.end  # '2 Junior doctors marched on Monday': a picture's counter opening its caption
    if figure.unit in _PERIOD_UNITS and low.find("ago", figure.end, figure.end + 40) >= 0 and \
            _is_a_timestamp_line(low, start):
        return figure.end  # '(3 months, 2 weeks ago)' alone on its line: a web page's date, not a duration
    if low[start - 1:start] == "(" and _COUNTER_LINE.fullmatch(text, low.rfind("\n", max(0, start - 30), start) + 1, start) and \
            _COUNTER_LINE_END.match(text, figure.end):
        return figure.end  # 'Image (32)', 'Comments (12)' alone on a line: a web page's counter
    before = text[max(0, start - 16):start]
    words = before.split()
    previous = words[-1] if words and before[-1:].isspace() else ""
    previous = previous.rstrip(",:").lstrip(_OPENING_PUNCTUATION)  # '(June 14)', '[Section 188', '“March 3'
    if previous.lower().rstrip(".") in _MONTHS or previous.lower() in _WEEKDAYS:
        date = _DAYS_AFTER_MONTH.match(text, start)
        if date:
            return date.end()
    if not low[start + 1:start + 3].isdigit():  # one or two digits: a day of the month, an hour?
        found = _DAYS_THEN_MONTH.match(text, start) or _TIME.match(low, start)
        if found:
            return found.end()
    clock = _CLOCK.match(low, start) if figure.unit == "count" and "." in low[start + 1:start + 3] else None
    if clock and _is_clock_time(low, start, clock, previous):
        return max(figure.end, clock.end())  # 'at 10.30', 'from 07.00 to 19.00', '8.00 BST'
    street = _STREET_AFTER.match(text, figure.end) if figure.unit == "count" and figure.value_high is None and \
        text[figure.end + 1:figure.end + 2].isupper() else None
    if street and _BARE_WHOLE_NUMBER.fullmatch(low, start, figure.end) and figure.end - start <= 4 and \
            (_ADDRESS_END_AFTER.match(text, street.end()) or
             (previous.lower() in _PLACE_PREPOSITIONS and _FUNCTION_WORD_AFTER.match(text, street.end()))):
        return figure.end  # a house number: 'outside 10 Vexby Street', '12 Mill Lane, Tarnby'
    if low[start] == "0" or (previous.startswith("+") and previous[1:].isdigit()):
        phone = _PHONE.match(text, start)
        if phone:
            return phone.end()
        if low[start + 1:start + 2].isdigit():
            return max(figure.end, _IDENTIFIER_RUN.match(low, start).end())  # '0700', '007': nobody counts with a leading zero
    if before.rstrip()[-1:] in _SPAN_MARKS and _YEAR_SPAN_BEFORE.search(text, max(0, start - 10), start) and \
            _is_year_span_end(text, start, figure):
        return figure.end  # '2023 / 24', '2023 - 24 year': the span's second year
    if previous.endswith(";") and _CITATION_YEAR_BEFORE.search(text, max(0, start - 40), start):
        return max(figure.end, _IDENTIFIER_RUN.match(low, start).end())
    if previous.lower() in _REFERENCE_WORDS[0] or previous in _REFERENCE_WORDS[1]:
        return max(figure.end, _IDENTIFIER_RUN.match(low, start).end())
    if previous.lstrip("([")[:1].isupper() and _BARE_WHOLE_NUMBER.fullmatch(low, start, figure.end):
        abbreviation = _ABBREVIATION_BEFORE.search(text, max(0, start - 16), start)
        if abbreviation and not abbreviation.group("determiner"):
            return max(figure.end, _IDENTIFIER_RUN.match(low, start).end())
        if figure.unit == "count" and figure.value_high is None and _names_a_numbered_thing(text, low, start, figure.end):
            return figure.end  # 'on Freeview 262 or Freely 565', 'Covid 19': a label, not a count
    if _LIST_NUMBER.match(text, start):
        line_start = start - 1 if text[start - 1:start] == "(" else start  # '(2) The union ...'
        while line_start and text[line_start - 1] in " \t":
            line_start -= 1
        if line_start == 0 or text[line_start - 1] == "\n":
            return figure.end  # a numbered list
    return None


# A quoted title or nickname: two to four capitalised words right inside quotation marks ('the ‘Two Jobs’ boss');
# a quoted sentence has lower-case words ('‘Two weeks is too long,’ she said').
_OPENING_QUOTES = frozenset("‘'“\"")
_QUOTED_TITLE = re.compile(r"[A-Z][a-z]+(?:[^\S\n]+[A-Z][\w’'&-]*){1,3}[’'”\"]")
_READING_TIME_AFTER = re.compile(rf"{_S}+read\b")
_TIMESTAMP_LINE = re.compile(
    rf"[^\S\n]*\(?(?:[0-9]+{_S}*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)(?:{_S}*,|{_S}+and)?{_S}*)+"
    rf"ago\)?[^\S\n]*(?:\n|\Z)")


def _is_a_timestamp_line(low: str, start: int) -> bool:
    """The figure's line holds only periods and 'ago', in brackets or not: '(3 months, 2 weeks ago)', '5 days ago'.
    Such a line is short: only the 60 characters before the figure are looked at, so each look is bounded."""
    line_start = low.rfind("\n", max(0, start - 60), start) + 1
    if line_start == 0 and start > 60:
        return False
    return _TIMESTAMP_LINE.match(low, line_start) is not None


# A picture counter: one or two bare digits opening a line before a sentence-case caption, capitalised words then a
# lower-case one ('2 Junior doctors marched', '1 Dr Ann Vexby spoke'). Style books spell out a number that opens a
# sentence; a headline in title case ('5 Things To Know') or a count before an acronym ('12 NHS trusts') stays.
_CAPTION_AFTER = re.compile(r"(?:[^\S\n]+[A-Z][a-z][\w’'-]*)+[^\S\n]+[a-z]")
_COUNTER_LINE = re.compile(r"[^\S\n]*[A-Z][a-z]+[^\S\n]*\(")
_COUNTER_LINE_END = re.compile(r"\)[^\S\n]*(?:\n|\Z)")


# A bare whole number right after a capitalised word inside a sentence, with no counted noun after it, is part of a
# name: 'watch on Freeview 262 or Freely 565', 'Covid 19', 'Room 101.' Not after a function or hedge word
# ('Doctors Over 50'), nor at a sentence's or line's start ('About 300 ...', 'Hospitals 12'), nor before a word that can
# be the counted noun ('in England 4000 doctors') or a capitalised one (a headline: 'Trusts Cancel 1000 Operations').
_CAPITALISED_WORD_BEFORE = re.compile(r"(?P<before>[\w,])[^\S\n]+(?P<word>[A-Z][a-z]+)[^\S\n]+\Z")
_NOT_A_NAME_WORD = (_CLAUSE_WORDS | _HEDGE_LAST_WORDS | set(_SMALL) | set(_TENS) | _MONTHS | _WEEKDAYS
                    | {w.split()[0] for w in _HEDGE_OF_PHRASE} | {"only", "just", "all", "total", "top", "up", "nearly",
                                                                  "almost", "about", "around", "some", "another", "extra"})
_NO_COUNTED_NOUN_AFTER = re.compile(
    r"[^\S\n]*(?:[,.;:)!?](?:\s|\Z)|\n|\Z)|[^\S\n]+(?:or|and|on|at|in|to|for|from|with|is|was|are|were|will|has|had"
    r"|have|which|where|when|after|before)\b")


def _names_a_numbered_thing(text: str, low: str, start: int, end: int) -> bool:
    word = _CAPITALISED_WORD_BEFORE.search(text, max(0, start - 40), start)
    return word is not None and word.group("word").lower() not in _NOT_A_NAME_WORD and \
        _NO_COUNTED_NOUN_AFTER.match(text, end) is not None


# A time of day written with a stop and no 'am'/'pm' ('at 10.30', 'from 07.00 to 19.00', '8.00 BST'): an hour and
# two digits of minutes after a preposition of time, not after a verb of level ('R stands at 1.10'), or before a
# time zone. A second time joined to it by a dash, 'to' or 'and' belongs to it.
_CLOCK = re.compile(r"(?:[01]?[0-9]|2[0-3])\.[0-5][0-9](?![0-9]|\.[0-9]|,[0-9])"
                    r"(?:[^\S\n]*(?:-|–|—|to|until|till|and)[^\S\n]*(?:[01]?[0-9]|2[0-3])[.:][0-5][0-9](?![0-9])"
                    r"(?:[^\S\n]?[ap]\.?m\b\.?)?)?")
_CLOCK_PREPOSITIONS = frozenset({"at", "from", "until", "till", "before", "after", "between", "by", "opens", "open",
                                 "closes", "close"})
_LEVEL_VERB_BEFORE = re.compile(
    rf"(?<![\w’'-])(?:stands?|stood|is|was|are|were|be|been|remains?|remained|peaked|rose|fell|sits?|sat|set|fixed"
    rf"|capped|pegged|valued|priced|put|comes?|came|estimated|ranked|scored|rated|averaged|total(?:led|s)?){_S}+\Z")
_TIME_ZONE_AFTER = re.compile(rf"{_S}*(?:bst|gmt|utc|cet)\b")


def _is_clock_time(low: str, start: int, clock: re.Match, previous: str) -> bool:
    if _RATE.match(low, clock.end()):
        return False  # 'from 14.09 an hour': an amount
    if _TIME_ZONE_AFTER.match(low, clock.end()):
        return True
    if previous.lower() not in _CLOCK_PREPOSITIONS:
        return False
    preposition_start = low.rfind(previous.lower(), max(0, start - 16), start)
    return not _LEVEL_VERB_BEFORE.search(low, max(0, preposition_start - 12), preposition_start)


# A house number: a bare number of at most four digits before one to three capitalised words that end in a kind of
# street, followed by a comma, stop or the line's end ('12 Mill Lane, Tarnby'), or after a preposition of place and
# before a word that cannot be the counted noun ('outside 10 Vexby Street on Monday'); 'in 40 Tarn Street
# clinics' stays a count.
_STREET_AFTER = re.compile(r"(?:[^\S\n]+[A-Z][a-z’'-]+){0,2}[^\S\n]+(?:Street|St|Road|Rd|Lane|Avenue|Square|Place"
                           r"|Terrace|Crescent|Drive|Gardens|Row|Way|Close|Grove|Parade|Mews|Walk)\b\.?")
_ADDRESS_END_AFTER = re.compile(r"[^\S\n]*(?:[,;)]|\.(?:\s|\Z)|\n|\Z)")
_FUNCTION_WORD_AFTER = re.compile(
    r"[^\S\n]+(?:on|in|at|and|or|to|for|with|where|which|this|last|yesterday|today|earlier|after|before|as|when"
    r"|while|by|from|since|until|said|says|told|is|are|was|were|has|have|had|will|would|can|could|may|might)\b")
_PLACE_PREPOSITIONS = frozenset({"at", "outside", "to", "from", "in", "into", "inside", "near", "opposite", "on",
                                 "towards", "toward", "past"})


# A noun of a sequence whose member a number right after it names ('Phase Two', 'day three of the strike'): the
# number is an ordinal. Never after a time word ('last year two unions struck', 'Every Week Two Wards Close');
# otherwise capitalised ('Round 5', 'Year Two'), or lower-case where the number ends a label (a colon, a closing
# bracket, the line's end) or is followed by 'of' and a determiner ('on day three of the walkout').
_SEQUENCE_NOUNS = frozenset({"year", "phase", "stage", "round", "wave", "day", "week", "part", "tranche"})
_LABEL_NOUNS = _SEQUENCE_NOUNS | _REFERENCE_WORDS[0] | {w.lower() for w in _REFERENCE_WORDS[1]}  # a quick test
_SEQUENCE_NOUN_BEFORE = re.compile(r"(?<![\w’'-])(?P<noun>[A-Za-z]+)[^\S\n]+\Z")
_LABEL_END_AFTER = re.compile(r"[^\S\n]*(?:[:)]|\n|\Z)")
_OF_AFTER_LABEL = re.compile(rf"{_S}+of{_S}+(?:the|an?|its|their|this|that|his|her|our)\b")
_TIME_WORD_BEFORE = re.compile(
    rf"(?<![\w’'-])(?:last|this|next|that|each|every|a|an|per|past|same|one|whole|entire|first){_S}+\Z")


def _labels_the_noun_before(text: str, low: str, start: int, end: int) -> bool:
    if end - start > 2 and low[start].isdigit():
        return False  # a label is a small number: 'Round 5', not '2,000'
    noun = _SEQUENCE_NOUN_BEFORE.search(text, max(0, start - 12), start)
    if noun is None:
        return False
    if noun.group("noun").lower() not in _SEQUENCE_NOUNS:  # a number word after a reference word: 'number seven'
        word = noun.group("noun")
        return not low[start].isdigit() and word.lower() != "no" and \
            (word.lower() in _REFERENCE_WORDS[0] or word in _REFERENCE_WORDS[1])
    if _TIME_WORD_BEFORE.search(low, max(0, noun.start() - 8), noun.start()):
        return False  # 'Last year two unions struck', 'This Week Two Trusts Closed Wards'
    return noun.group("noun")[0].isupper() or _LABEL_END_AFTER.match(text, end) is not None or \
        _OF_AFTER_LABEL.match(low, end) is not None


# A year and a separator right before a number: '2023 / 24', '2022 - 23' (glued, '2023/24' never starts a figure).
_SPAN_MARKS = frozenset("/–—-")
_YEAR_SPAN_BEFORE = re.compile(r"(?<![\w.,£$€/-])(?P<year>(?:1[89]|20)[0-9]{2})[^\S\n]*[/–—-][^\S\n]*\Z")


def _is_year_span_end(text: str, start: int, figure: _Figure) -> bool:
    """The two digits after a year and a slash or dash that end a span of years: later than the year by at most
    ten ('2023 / 24', not '2023 / 12')."""
    digits = _BARE_WHOLE_NUMBER.match(text, start)
    if digits is None or len(digits.group()) != 2 or figure.unit not in ("count", "years"):
        return False
    year = int(_YEAR_SPAN_BEFORE.search(text, max(0, start - 10), start).group("year")) % 100
    return 0 < (int(digits.group()) - year) % 100 <= 10


_AGED_BEFORE = re.compile(rf"(?<![\w-])(?:aged|ages?){_S}+\Z")
_NAME_BEFORE = re.compile(r"(?<![\w’'-])[A-Z][a-z’'-]*[^\S\n](?P<word>[A-Z][a-z][\w’'-]*)(?:[^\S\n]\(|,[^\S\n])\Z")


# Capitalised words that end a name of a month, day or body, not of a person: 'Nurses Union (12)' is no age.
_NOT_A_SURNAME = _MONTHS | _WEEKDAYS | {
    "union", "unions", "trust", "trusts", "board", "boards", "committee", "council", "college", "association",
    "party", "government", "department", "hospital", "hospitals", "group", "service", "services", "office",
    "agency", "authority", "society", "institute", "foundation", "federation", "confederation", "commission",
    "ministry", "parliament", "assembly", "court", "school", "university", "company", "ltd", "plc"}


def _is_age(text: str, low: str, figure: _Figure) -> bool:
    """A person's age, in years: 'aged 58', 'aged between 25 and 35', 'aged over 60', and a bare whole number of
    at most 120 in brackets or between commas right after two capitalised words, a name ('Ann Tate (58)',
    'Ann Tate, 58,')."""
    if "age" in low[max(0, figure.start - 10):figure.start] and \
            _AGED_BEFORE.search(low, max(0, figure.start - 10), figure.start):
        return True
    if not (text[figure.start - 1:figure.start] == "(" or text[figure.start - 2:figure.start] == ", ") or figure.hedge or figure.value_high is not None or not 0 < figure.value <= 120 \
            or not _BARE_WHOLE_NUMBER.fullmatch(low, figure.start, figure.end):
        return False
    name = _NAME_BEFORE.search(text, max(0, figure.start - 40), figure.start)
    if name is None or name.group("word").lower() in _NOT_A_SURNAME:
        return False
    closing = ")" if text[figure.start - 1] == "(" else ","
    return text[figure.end:figure.end + 1] == closing


_LIST_GAP = re.compile(rf"{_S}*,?{_S}*(?:(?:and|or|to){_S}+)?")


def _listed_after_an_age(low: str, previous: _Figure | None, figure: _Figure) -> bool:
    """'aged 58 and 61', 'aged 58, 61 or 70': a bare number up to 120 joined to an age right before it (`previous`,
    the last age read, None when a figure came between) is an age."""
    if previous is None or figure.hedge or max(figure.value, figure.value_high or 0) > 120:
        return False  # 'aged 30 and 500 nurses': no one is 500
    return figure.start - previous.end <= 8 and _LIST_GAP.fullmatch(low, previous.end, figure.start) is not None


def _attach_hedge(figure: _Figure, low: str, previous_end: int) -> None:
    """Take the hedge words right before the figure ('more than', 'around') into it. An opening quotation mark
    or bracket glued to the hedge stays outside ('“More than half'); 'around a 35% rise', 'nearly a 20% cut',
    'more than a five per cent rise': an article between a hedge and a number is part of the figure, except after
    a hedge that is a bare preposition ('over a 12-month period'). 'over two years' right after
    another figure ('5% over two years') is the period the figure is measured over, not a hedge."""
    if not figure.allow_hedge:
        return
    if not low[figure.start - 1:figure.start].isspace():
        return
    window_start = max(previous_end, figure.start - 30)
    window_start = max(window_start, low.rfind("\n", window_start, figure.start) + 1)
    last_word = low[window_start:figure.start].rsplit(None, 1)[-1:]
    if not last_word:
        return
    article = last_word[0] in ("a", "an") and (low[figure.start] in _DIGIT_OR_POUND or figure.unit != "count")
    if not article and last_word[0].lstrip(_OPENING_PUNCTUATION) not in _HEDGE_LAST_WORDS:
        return
    words = [(m.start(), m.group()) for m in _WORD.finditer(low, window_start, figure.start)]
    if article:
        words.pop()
    for n in range(min(_LONGEST_HEDGE, len(words)), 0, -1):
        first = words[-n][1]
        lead = len(first) - len(first.lstrip(_OPENING_PUNCTUATION))
        phrase = " ".join([first[lead:]] + [word for _, word in words[len(words) - n + 1:]])
        if phrase in _HEDGE_OF_PHRASE:
            start = words[-n][0] + lead
            if start > 0 and (low[start - 1].isalnum() or low[start - 1] == "-"):
                return  # the window began inside a word ('moreover')
            hedge = _HEDGE_OF_PHRASE[phrase]
            if article and hedge not in ("around", "nearly") and phrase in _PREPOSITION_HEDGES:
                return  # 'over a 12-month period' is no hedge of the 12; 'more than a 10% rise' is
            if phrase == "over" and figure.unit in _PERIOD_UNITS and (
                    (previous_end and _PERIOD_GAP.fullmatch(low, previous_end, start)) or _over_heads_a_period(low, start)):
                return  # '14% over two years': the period of the figure before; 'disrupted over three days'
            figure.start, figure.hedge = start, hedge
            return


_PREPOSITION_HEDGES = frozenset({"over", "under", "above", "below"})  # also prepositions of place or time
# 'over' before a period is the preposition 'during' after a noun or a verb that takes no amount ('appointments
# over three days', 'disrupted over five days', 'the action is over two days'), a hedge where an amount of time
# stands ('for over 100 days', 'a wait of over two years', 'have been over 400 hours', 'worked over 60 hours', a
# sentence or clause opening with it, and 'there is over').
_WORD_BEFORE_OVER = re.compile(rf"(?<![\w’'-])(?P<word>[a-z][a-z’'-]*){_S}+\Z")
_OVER_HEDGES_AFTER = frozenset({
    "for", "in", "of", "after", "within", "to", "by", "from", "than", "at", "with", "into", "until", "and", "or",
    "but", "nor", "be", "been", "being", "last", "lasts", "lasted", "lasting", "take", "takes", "took", "taken",
    "taking", "spend", "spends", "spent", "spending", "wait", "waits", "waited", "waiting", "work", "works", "worked",
    "working", "serve", "serves", "served", "serving", "need", "needs", "needed", "needing", "require", "requires",
    "required", "requiring", "have", "has", "had", "having", "lose", "loses", "lost", "losing", "give", "gives",
    "gave", "given", "giving", "get", "gets", "got", "getting", "there"})
_COPULAS = frozenset({"is", "are", "was", "were", "’s", "'s"})


def _over_heads_a_period(low: str, over_start: int) -> bool:
    before = _WORD_BEFORE_OVER.search(low, max(0, over_start - 24), over_start)
    if before is None:
        return False  # a sentence, line or clause opens with it: 'Over two years, ...', '..., over three days'
    word = before.group("word")
    if word in _COPULAS:
        there = _WORD_BEFORE_OVER.search(low, max(0, before.start() - 12), before.start())
        return there is None or there.group("word") != "there"  # 'there were over 400 hours' is an amount
    return word not in _OVER_HEDGES_AFTER
# Hedges right after a figure: 'an hour at least'; 'or more' (at_least) and 'or fewer' / 'or less' (up_to), not
# before 'than' ('10% or more than that' compares).
_HEDGE_AFTER = re.compile(rf"{_S}(?:at{_S}+least|or{_S}+(?:more|(?P<at_most>fewer|less)))(?![\w-])(?!{_S}+than\b)")
_DIGIT_OR_POUND = frozenset("£0123456789")
_OPENING_PUNCTUATION = "\"“‘'(["
_PERIOD_UNITS = frozenset({"hours", "days", "weeks", "months", "years"})
_PERIOD_GAP = re.compile(rf"(?:{_S}+[a-z][\w’'-]*){{0,4}}{_S}+")  # words only, no stop or comma
_WORD = re.compile(r"\S+")


def _tidy(value: float) -> int | float:
    if type(value) is float and value.is_integer():
        return int(value)  # what rounding gives a whole float, without round()'s decimal conversion
    value = round(value, 6)
    return int(value) if value == int(value) else value


# ---------------------------------------------------------------- measures and claimants
class _MeasureTerms:
    """The context terms of a measures vocabulary as one pattern, and the measures each term points to."""

    def __init__(self, measures: tuple[Measure, ...]):
        self.measures = measures
        self.by_term: dict[str, list[Measure]] = {}
        for measure in measures:
            for term in measure.context_terms:
                self.by_term.setdefault(term.lower(), []).append(measure)
        self.units_of_term: dict[str, dict[str, list[Measure]]] = {}  # term -> unit -> the term's measures of it
        for term, measures_of_term in self.by_term.items():
            by_unit = self.units_of_term[term] = {}
            for measure in measures_of_term:
                by_unit.setdefault(measure.unit, []).append(measure)
        # After a non-word character, a lookahead takes the longest term starting there, so terms may overlap.
        self.pattern = (re.compile(r"[^\w](?=(?P<term>" + _word_anchor_pattern(set(self.by_term))[:-len("(?![a-z])")]
                                   + r")(?![^\W_]))") if self.by_term else None)

    def find(self, low: str, start: int, end: int) -> list[tuple[int, int, dict[str, list[Measure]]]]:
        """(start, end, {unit: the term's measures of that unit}) for every term standing as whole words in
        low[start:end]."""
        if self.pattern is None:
            return []
        text, offset = (low, start - 1) if start else (" " + low, 0)  # the pattern needs a character before
        shift = 0 if start else 1
        units_of_term = self.units_of_term
        return [(m.start("term") - shift, m.end("term") - shift, units_of_term[m.group("term")])
                for m in self.pattern.finditer(text, offset, end + shift)]


_MEASURE_TERMS: dict[int, _MeasureTerms] = {}


def _measure_terms(measures: tuple[Measure, ...]) -> _MeasureTerms:
    cached = _MEASURE_TERMS.get(id(measures))
    if cached is None or cached.measures is not measures:
        cached = _MEASURE_TERMS[id(measures)] = _MeasureTerms(measures)
        if len(_MEASURE_TERMS) > 32:
            _MEASURE_TERMS.pop(next(iter(_MEASURE_TERMS)))
    return cached




class _SentenceFacts:
    """What every figure of one sentence asks about it, found in one pass over the sentence, so that each figure
    costs a few bisections, never another scan of the sentence (a 1 MB sentence of figures stays linear)."""

    __slots__ = ("low", "start", "end", "verbs", "verb_ends", "according", "closed", "closed_starts", "commas",
                 "openers", "opener_ends", "subjects", "said_after", "according_after", "units")

    def __init__(self, low: str, sentence: Span):
        self.low, self.start, self.end = low, sentence.start, sentence.end
        self.verbs = [(v.start("verb"), v.end("verb"))  # every figure asks for these
                      for v in _SAY_VERB_AFTER_NON_LETTER.finditer(low, max(0, self.start - 1), self.end)
                      if not _NOT_A_SPEAKER_BEFORE.search(low, max(self.start, v.start("verb") - 8), v.start("verb"))]
        self.verb_ends = [v[1] for v in self.verbs]
        self.according = [m.start() for m in _ACCORDING_WORD.finditer(low, self.start, self.end)] \
            if low.find("according", self.start, self.end) >= 0 else []
        self.closed = [(m.start(), m.end()) for m in _QUOTE_CLOSED.finditer(low, self.start, self.end)] \
            if self.verbs else []
        self.closed_starts = [c[0] for c in self.closed]
        self.subjects: dict[int, tuple[int, int, str, bool] | None] = {}  # verb start -> the attribution
        self.said_after: dict[int, re.Match | None] = {}   # comma index -> first accepted ', said X' from it
        self.according_after: dict[int, re.Match | None] = {}  # index in according -> first match from it
        self.units: dict[str, _UnitTerms] = {}

    # The other lists are found on first use only (most sentences hold one figure and need few): __getattr__ runs
    # only while the attribute is missing, calls _find_<name> and stores the result.
    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self, "_find_" + name)()
        setattr(self, name, value)
        return value

    def _find_commas(self) -> list[int]:
        return [m.start() for m in _COMMA.finditer(self.low, self.start, self.end)]

    def _find_openers(self) -> list[tuple[int, int, bool]]:
        """_CLAUSE_OPENER's matches before the last verb (only subjects of verbs need them); the word boundary
        before a word opener is checked here, which lets the regex engine skip ahead on its first characters."""
        low, openers = self.low, []
        end = self.verbs[-1][0] if self.verbs else self.start
        for m in _CLAUSE_OPENER_WITHOUT_BOUNDARY.finditer(low, self.start, end):
            at = m.start()
            if at and low[at].isalpha() and (low[at - 1].isalnum() or low[at - 1] == "_"):
                continue  # inside a word: 'has ', 'somewhat '
            openers.append((at, m.end(), m.group().startswith(("which", "who"))))
        return openers

    def _find_opener_ends(self) -> list[int]:
        return [o[1] for o in self.openers]


class _UnitTerms:
    """The measure terms of one sentence for one unit: per measure its term starts (sorted), the running maximum
    of their ends, and the starts and ends of every term of the unit."""

    def __init__(self, terms: list[tuple[int, int, dict[str, list[Measure]]]], unit: str):
        self.by_measure: dict[str, tuple[list[int], list[int]]] = {}
        self.starts: list[int] = []
        self.ends: list[int] = []
        for term_start, term_end, units in terms:
            of_unit = units.get(unit)
            if not of_unit:
                continue
            self.starts.append(term_start)
            self.ends.append(term_end)
            for measure in of_unit:
                starts, max_ends = self.by_measure.setdefault(measure.measure_id, ([], []))
                starts.append(term_start)
                max_ends.append(max(term_end, max_ends[-1]) if max_ends else term_end)


_ACCORDING_WORD = re.compile(r"\baccording\b")
_COMMA = re.compile(",")
_NEWLINE = re.compile("\n")
_DIRECT_TERMS = 12        # measure terms in a sentence up to which each figure looks at every one
_DIRECT_REACH = 300       # characters: up to this, the rest of a sentence is scanned directly for each figure
_SUBJECT_REACH = 400      # characters: a subject (at most 15 words) never starts further before its verb
_LAST_ACCORDING_TRIED = 4  # 'according' words tried, nearest first, before a figure
_POST_MODIFIER_REACH = 300  # characters between a figure and a post-modifying term (at most four words)
_MISSING = object()


class _Context:
    """What a figure's measure and claimant need from the whole article, worked out once and only if asked.

    Lines and sentences are found by bisection over their starts, and each sentence's verbs, commas, clause
    openers, quotation ends and measure terms once (_SentenceFacts), so the cost is linear in the text's length
    however many figures share a line or a sentence."""

    def __init__(self, text: str, low: str, lexicon: Lexicon):
        self.text, self.low, self.lexicon = text, low, lexicon
        self._line_starts: list[int] | None = None
        self._last_sentence = Span(0, 0)
        self._sentences: dict[int, tuple[list[Span], list[int], list[int]]] = {}  # line start -> sentences, starts, ends
        self._terms: dict[int, list[tuple[int, int, list[Measure]]]] = {}  # sentence start -> its terms
        self._facts: dict[int, _SentenceFacts] = {}
        self._mentions: dict[tuple[str, ...], tuple[list[AliasMatch], list[int]]] | None = None
        self._antecedents: dict[tuple[tuple[str, ...], int], AliasMatch | None] = {}
        self._resolved: dict[str, tuple[str | None, str | None]] = {}

    def _line_of(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
        i = bisect_right(self._line_starts, offset) - 1
        line_start = self._line_starts[i]
        line_end = self._line_starts[i + 1] - 1 if i + 1 < len(self._line_starts) else len(self.text)
        return line_start, line_end

    def _paragraph_sentences(self, offset: int) -> tuple[list[Span], list[int], list[int]]:
        line_start, line_end = self._line_of(offset)
        if line_start not in self._sentences:
            line = self.text[line_start:line_end]
            start = line_start + len(line) - len(line.lstrip())
            end = line_start + len(line.rstrip())
            spans = sentences_within(self.text, start, end)
            self._sentences[line_start] = (spans, [s.start for s in spans], [s.end for s in spans])
        return self._sentences[line_start]

    def sentence_of(self, offset: int) -> Span:
        last = self._last_sentence  # figures come in text order, often several to a sentence
        if last.start <= offset < last.end:
            return last
        spans, starts, _ = self._paragraph_sentences(offset)
        i = bisect_right(starts, offset) - 1
        if i >= 0 and offset < spans[i].end:
            self._last_sentence = spans[i]
            return spans[i]
        return Span(offset, offset)

    def _facts_of(self, sentence: Span) -> _SentenceFacts:
        facts = self._facts.get(sentence.start)
        if facts is None:
            facts = self._facts[sentence.start] = _SentenceFacts(self.low, sentence)
        return facts

    def measure(self, figure: _Figure, sentence: Span) -> str | None:
        if not self.lexicon.measures:
            return None
        terms_index = _measure_terms(self.lexicon.measures)
        if sentence.start not in self._terms:
            self._terms[sentence.start] = terms_index.find(self.low, sentence.start, sentence.end)
        terms = self._terms[sentence.start]
        if len(terms) <= _DIRECT_TERMS:  # the usual few terms: look at each
            return self._measure_direct(figure, terms)
        facts = self._facts_of(sentence)
        unit_terms = facts.units.get(figure.unit)
        if unit_terms is None:
            unit_terms = facts.units[figure.unit] = _UnitTerms(self._terms[sentence.start], figure.unit)
        if not unit_terms.by_measure:
            return None
        modifier_start = self._post_modifier_start(figure, unit_terms)
        nearest: dict[str, int] = {}
        term_count: dict[str, int] = {}
        for measure_id, (starts, max_ends) in unit_terms.by_measure.items():
            k = bisect_left(starts, figure.end)  # terms from k on start after the figure
            distance = starts[k] - figure.end if k < len(starts) else None
            if k:
                before = max(figure.start - max_ends[k - 1], 0)
                distance = before if distance is None else min(distance, before)
            if modifier_start is not None and k < len(starts):
                m = bisect_left(starts, modifier_start, k)
                if m < len(starts) and starts[m] == modifier_start:
                    distance = -1
            nearest[measure_id], term_count[measure_id] = distance, len(starts)
        ranked = sorted(nearest, key=lambda measure_id: (nearest[measure_id], -term_count[measure_id]))
        best = ranked[0]
        if len(ranked) > 1 and (nearest[ranked[1]], term_count[ranked[1]]) == (nearest[best], term_count[best]):
            return None
        return best

    def _measure_direct(self, figure: _Figure, terms: list[tuple[int, int, dict[str, list[Measure]]]]) -> str | None:
        """measure() for a sentence with few terms: the same choice, by looking at every term."""
        unit, figure_start, figure_end = figure.unit, figure.start, figure.end
        nearest: dict[str, int] = {}
        term_count: dict[str, int] = {}
        modifier_start = None
        for term_start, term_end, units in terms:
            if term_start >= figure_end and unit in units:  # a term's lists of measures are never empty
                modifier_start = self._modifier_at(figure, term_start, term_end)
                break
        for term_start, term_end, units in terms:
            of_unit = units.get(unit)
            if of_unit is None:
                continue
            distance = -1 if term_start == modifier_start else max(figure_start - term_end, term_start - figure_end, 0)
            for measure in of_unit:
                measure_id = measure.measure_id
                nearest[measure_id] = min(nearest.get(measure_id, distance), distance)
                term_count[measure_id] = term_count.get(measure_id, 0) + 1
        if not nearest:
            return None
        ranked = sorted(nearest, key=lambda measure_id: (nearest[measure_id], -term_count[measure_id]))
        best = ranked[0]
        if len(ranked) > 1 and (nearest[ranked[1]], term_count[ranked[1]]) == (nearest[best], term_count[best]):
            return None
        return best

    def _post_modifier_start(self, figure: _Figure, unit_terms: _UnitTerms) -> int | None:
        """Where a prepositional term that follows the counted noun starts ('80,000 junior doctors in the KHS'),
        if no other term of the figure's unit comes between; None otherwise."""
        k = bisect_left(unit_terms.starts, figure.end)
        if k == len(unit_terms.starts):
            return None
        return self._modifier_at(figure, unit_terms.starts[k], unit_terms.ends[k])

    def _modifier_at(self, figure: _Figure, term_start: int, term_end: int) -> int | None:
        """term_start if the term there (the first of the figure's unit after it) post-modifies its noun."""
        if self.low[term_start:term_end].split(None, 1)[0] not in _POST_MODIFIER_PREPOSITIONS:
            return None
        if term_start - figure.end > _POST_MODIFIER_REACH:
            return None
        gap = _NOUN_PHRASE_GAP.fullmatch(self.low, figure.end, term_start)
        if gap and not _CLAUSE_WORDS.intersection(gap.group().split()):
            return term_start
        return None

    def claimant(self, figure: _Figure, sentence: Span) -> tuple[str | None, str | None, str | None]:
        found = self._claimant_before(figure, sentence)
        if found is None or found[3]:  # nobody before, or a speaker inside the quotation: '"We said ...," X said.'
            found = self._claimant_after(figure, sentence) or found
        if found is None:
            return None, None, None
        start, end, subject, _ = found
        claimant_text = self.text[start:end]
        pronoun = subject.strip().lower()
        if pronoun in _PRONOUNS:
            entity = self._antecedent(_PRONOUNS[pronoun], sentence)
            return (claimant_text,) + (self._ids([entity]) if entity else (None, None))
        if claimant_text not in self._resolved:
            self._resolved[claimant_text] = self._ids(self.lexicon.resolve(claimant_text))
        return (claimant_text,) + self._resolved[claimant_text]

    def _claimant_before(self, figure: _Figure, sentence: Span) -> tuple[int, int, str, bool] | None:
        """(start, end, subject, whether the subject opens inside a quotation) of the nearest attribution before."""
        low, facts = self.low, self._facts_of(sentence)
        i = bisect_right(facts.verb_ends, figure.start)  # the verbs ending before the figure are facts.verbs[:i]
        verb = facts.verbs[i - 1] if i else None
        according = None
        k = bisect_left(facts.according, figure.start)
        for a in reversed(facts.according[max(0, k - _LAST_ACCORDING_TRIED):k]):
            according = _ACCORDING_TO.match(low, a, figure.start)
            if according:
                break
        if according and (verb is None or according.start() > verb[0]):
            return according.start(), according.end(), according.group().split(None, 2)[-1], False
        if verb is None:
            return None
        verb_start, verb_end = verb
        j = bisect_left(facts.closed_starts, verb_end)
        if j < len(facts.closed) and facts.closed[j][1] <= figure.start:
            return None  # 'X said "...", after 40,000 ...': the narration takes over after the quotation
        subject = facts.subjects.get(verb_start, _MISSING)
        if subject is _MISSING:
            subject = facts.subjects[verb_start] = self._subject(facts, sentence, verb_start, verb_end)
        return subject

    def _subject(self, facts: _SentenceFacts, sentence: Span, verb_start: int, verb_end: int
                 ) -> tuple[int, int, str, bool] | None:
        """The subject of the verb of saying at verb_start: after the last clause opener before it."""
        low = self.low
        subject_start, in_quotation = sentence.start, low[sentence.start:sentence.start + 1] in "“\""
        for o in range(bisect_right(facts.opener_ends, verb_start) - 1, -1, -1):
            opener_start, opener_end, relative = facts.openers[o]
            if opener_end < verb_start - _SUBJECT_REACH:
                return None  # the subject would be longer than any subject
            if relative:
                c = bisect_left(facts.commas, opener_end)
                if c < len(facts.commas) and facts.commas[c] < verb_start:
                    continue  # 'The union, which represents 45,000 members, said': the clause is closed
            subject_start, in_quotation = opener_end, low[opener_start:opener_end] in "“\""
            break
        for leading in (_SPACES, _LEADING_WORDS, _LEADING_ADVERBIAL):
            cut = leading.match(low, subject_start, verb_start)
            if cut:
                subject_start = cut.end()
        if verb_start - subject_start > _SUBJECT_REACH:
            return None
        subject = self.text[subject_start:verb_start]
        subject_start += len(subject) - len(subject.lstrip())
        words = subject.split()
        if not words or len(words) > _MAX_SUBJECT_WORDS:
            return None
        return subject_start, verb_end, subject, in_quotation

    def _claimant_after(self, figure: _Figure, sentence: Span) -> tuple[int, int, str, bool] | None:
        low = self.low
        if sentence.end - figure.end <= _DIRECT_REACH:  # the usual short rest of a sentence: one scan of it
            according = _ACCORDING_TO.search(low, figure.end, sentence.end) if "according" in \
                low[figure.end:sentence.end] else None
            if according:
                return according.start(), according.end(), according.group().split(None, 2)[-1], False
            if "," not in low[figure.end:sentence.end]:
                return None
            said = next((m for m in _SAID_AFTER.finditer(low, figure.end, sentence.end)
                         if self._said_is_attribution(m)), None)
        else:  # a long rest: each position of the sentence is tried once for all its figures
            according, said = self._claimant_after_indexed(figure, sentence)
            if according is not None:
                return according.start(), according.end(), according.group().split(None, 2)[-1], False
        if said is None:
            return None
        speaker = _SAY_VERB.sub("", said.group("claimant"), count=1).strip()
        return said.start("claimant"), said.end("claimant"), speaker, False

    def _claimant_after_indexed(self, figure: _Figure, sentence: Span) -> tuple[re.Match | None, re.Match | None]:
        """(the 'according to X' match, else None; the accepted ', said X' match) the short path would find."""
        low, facts = self.low, self._facts_of(sentence)
        according = self._first_from(facts.according, bisect_left(facts.according, figure.end), facts.according_after,
                                     lambda at: _ACCORDING_TO.match(low, at, sentence.end), lambda m: True)
        if according:
            return according, None
        return None, self._first_from(facts.commas, bisect_left(facts.commas, figure.end), facts.said_after,
                                lambda at: _SAID_AFTER.match(low, at, sentence.end), self._said_is_attribution)

    def _said_is_attribution(self, said: re.Match) -> bool:
        if not said.group("inverted"):
            return True
        speaker = _SAY_VERB.sub("", said.group("claimant"), count=1).strip()
        # ', said pay had fallen' is not 'said Ms Tate' or 'said the union'
        return self.text[said.start("speaker")].isupper() or speaker.startswith(("the ", "a ", "an "))

    @staticmethod
    def _first_from(positions: list[int], index: int, memo: dict[int, re.Match | None], match_at, accepted
                    ) -> re.Match | None:
        """What finditer from positions[index] would stop at: the first match at one of the positions that is
        accepted, a rejected match's positions skipped. Memoised per position index, so every position is tried
        once for the whole sentence however many figures ask."""
        chain = []
        result = None
        while index < len(positions):
            if index in memo:
                result = memo[index]
                break
            chain.append(index)
            m = match_at(positions[index])
            if m is None:
                index += 1
            elif accepted(m):
                result = m
                break
            else:
                index = bisect_left(positions, m.end(), index + 1)
        for i in chain:
            memo[i] = result
        return result

    def _antecedent(self, kinds: tuple[str, ...], sentence: Span) -> AliasMatch | None:
        """What a pronoun subject stands for: the entity one of the previous sentences opens with (nearest
        first, within three), else the last entity of that kind named before."""
        key = (kinds, sentence.start)
        if key not in self._antecedents:
            self._antecedents[key] = self._find_antecedent(kinds, sentence)
        return self._antecedents[key]

    def _find_antecedent(self, kinds: tuple[str, ...], sentence: Span) -> AliasMatch | None:
        previous_sentences = []
        offset = sentence.start
        while offset > 0 and len(previous_sentences) < 3:
            spans, _, ends = self._paragraph_sentences(offset - 1)
            i = bisect_right(ends, offset) - 1  # the last sentence of that line ending by offset
            if i >= 0:
                previous_sentences.append(spans[i])
                offset = spans[i].start
            else:  # white space or a blank line: go to the start of that line
                offset = self._line_of(offset - 1)[0]
        before = [m for m in self.lexicon.find(self.text, offset, sentence.start) if m.alias.entity_kind in kinds]
        if not before:  # nothing named in the previous sentences: the last such entity named before
            if self._mentions is None:
                self._mentions = {}
            if kinds not in self._mentions:
                of_kind = [m for m in self.lexicon.find(self.text) if m.alias.entity_kind in kinds]
                self._mentions[kinds] = (of_kind, [m.end for m in of_kind])
            of_kind, ends = self._mentions[kinds]
            i = bisect_right(ends, sentence.start)
            return of_kind[i - 1] if i else None
        for previous in previous_sentences:
            for m in before:
                if previous.start <= m.start < previous.end and \
                        _SUBJECT_POSITION.fullmatch(self.low, previous.start, m.start):
                    return m
        return before[-1]

    @staticmethod
    def _ids(matches: list[AliasMatch]) -> tuple[str | None, str | None]:
        person = next((m.alias for m in matches if m.alias.entity_kind == "person"), None)
        organisation = next((m.alias for m in matches if m.alias.entity_kind == "organisation"), None)
        organisation_id = (person.organisation_id if person and person.organisation_id
                           else organisation.entity_id if organisation else None)
        return (person.entity_id if person else None), organisation_id
