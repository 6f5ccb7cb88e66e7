"""A fitted score for organisation-name spans: which runs of capitalised words name a body, and where the name ends.

The rules of scripts/extract/mentions.py were written from misses on copy their authors read, and transfer badly to
copy nobody read (README, "How well the extractors do"). This module is the measured alternative for the places the
rules leave open: every run of capitalised words on a line yields its sub-spans of two to six capitalised words
(`broad_spans`: a run's boundary variants, with and without a trailing nation or an 'of X'), and every capitalised
word standing alone outside a run is a variant of its own (`single_words`); each variant is described by
binary shape features (`span_features`: head word classes from the existing vocabularies, number of words, an
acronym inside, defined in brackets after it, what stands before it (a determiner, a possessive, a preposition, a
kind word, a title) and after it (a verb of saying, a possessive, a lower-case kind noun, a comma), sentence-initial,
a line without prose marks or in capitals, a credit or byline line, repeated in the article, words the article also
writes in lower case, ...) and by what the rules found in the article (RuleContext: the variant is a rule's candidate
or overlaps one, a person found there, a word the article gives a person or a body elsewhere, the same name found as a
body elsewhere, an acronym defined in brackets or made of a found body's initials, a role word after it or 'role of'
before it, ', which' after it), and a logistic model scores it. No feature keys on a name or on any article's wording:
the word classes are the vocabularies mentions.py already uses and curated/vocabulary/name_words.csv.

The weights are fitted by `python -m scripts.evaluation.train_span_model` on the real-text dev labels (never the
held-out or blind parts) and written to scripts/extract/span_weights.py, a generated data module: its source is
part of the extraction cache key like every module the extractors import. Training may use any library; this
module applies the weights itself (a sum of the weights of the features that fire, then the logistic function).

An experiment, out of the extractor's path: mentions.py does not import this module (so neither it nor its weights
are part of the extraction cache key). How the score would settle the rules' candidates (`settled_candidates`,
measured through `extract_mentions` here): a rule's candidate that is a variant scoring below VETO is dropped; a run
no rule and no curated alias covers gives its best-scoring variant when its probability reaches THRESHOLD; with MOVE,
a run where one rule candidate stands and is itself one of the variants takes the best variant instead when that
reaches the threshold and scores at least as high as the rule's span. The configuration is the one whose
whole-extractor organisation F1 summed over left-out batches is best, adopted only when it beats the rules alone
there clearly (see the training script); when none does, THRESHOLD and VETO are None and nothing here runs.
Adopting one means calling `settled_candidates` from mentions.article_names again.
"""
from __future__ import annotations

import bisect
import math
import re

from scripts.extract import mentions
from scripts.extract.mentions import _bare
from scripts.extract.lexicon import AliasMatch, Lexicon
from scripts.extract.names import CREDIT_LABELS, ArticleNames

_SAYING = frozenset("""said says say told added warned claimed insisted argued stated confirmed announced
    responded replied revealed described called urged criticised welcomed accused explained noted reported""".split())
_DETERMINERS = frozenset("the a an this that its their his her our your".split())
_PREPOSITIONS = frozenset("at of from by with for to in on into via between against across".split())
_KIND_NOUNS = frozenset("""union charity group campaign organisation organization body party trust company firm network
    coalition alliance association federation society movement agency regulator watchdog forum newspaper broadcaster
    website journal magazine outlet platform committee council college department ministry board""".split())
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_CAMEL = re.compile(r"[A-Za-z]*[a-z][A-Z][A-Za-z]*")
_PROSE_MARK = re.compile("[.!?,;:\"\u201d]")
_MAX_WORDS = 6
_SINGLE_WORD = re.compile(r"(?<![\w'’@#./&\-])[A-ZÀ-ÖØ-Þ][\w'’\-]*")
_OVERRIDE: list = []  # (weights, threshold[, veto threshold, move]) set by the training script while it cross-validates
_ROLE_AFTER = frozenset("""spokesperson spokesman spokeswoman chief executive chair chairman chairwoman president
    director leader leaders members member boss bosses official officials secretary general founder head
    representative representatives staff""".split())


class Vocab:
    """The word classes the features use: mentions.py's (which owns them, see _vocab) and the lexicon's naming
    prefixes."""

    def __init__(self, organisation_heads, media_heads, nations, places, title_words, leading, trailing, plural_people,
                 party_words, prefixes, nationalities=frozenset()):
        self.organisation_heads = organisation_heads
        self.media_heads = media_heads
        self.nations = nations
        self.places = places
        self.title_words = title_words
        self.leading = leading
        self.trailing = trailing
        self.plural_people = plural_people
        self.party_words = party_words
        self.prefixes = prefixes
        self.nationalities = nationalities


def single_words(text: str, runs, vocab: Vocab):
    """Capitalised words that stand alone, outside every run of two or more: [(word, start, end)], less the words
    that open sentences' structure, titles, weekdays and months."""
    found = []
    at = 0
    for m in _SINGLE_WORD.finditer(text):
        start, end = m.span()
        while at < len(runs) and runs[at][1] <= start:
            at += 1
        if at < len(runs) and runs[at][0] <= start:
            continue  # inside a run
        word = m.group()
        if word in vocab.leading or word in vocab.title_words or word in vocab.trailing or len(word) < 2:
            continue
        found.append((word, start, end))
    return found


def broad_spans(tokens, vocab: Vocab):
    """Sub-spans of a run's tokens [(word, start, end)] that start and end on a capitalised word which opens
    no sentence structure, with two to _MAX_WORDS capitalised words: [(first token index, last token index)]."""
    spans = []
    capital = [not _is_connector(w) for w, _, _ in tokens]
    for i, (word, _, _) in enumerate(tokens):
        if not capital[i] or word in vocab.leading or word in vocab.title_words:
            continue
        count = 0
        for j in range(i, len(tokens)):
            if capital[j]:
                if tokens[j][0] in vocab.title_words:
                    break
                count += 1
                if count > _MAX_WORDS:
                    break
                if count >= 2 and tokens[j][0] not in vocab.trailing:
                    spans.append((i, j))
    return spans


def _is_connector(token: str) -> bool:
    return not token[0].isupper() or token == "&"


FEATURES = (
    "bias", "words_2", "words_3", "words_4", "words_5plus",
    "last_organisation_head", "last_media_head", "last_nation", "last_plural_people", "last_place",
    "head_not_last", "head_then_of", "media_head_not_last", "first_prefix", "first_nation", "any_nation",
    "has_of", "has_and", "has_acronym", "first_acronym", "last_acronym", "has_camel", "has_digit",
    "party_word", "possessive_inside", "title_before",
    "before_the", "before_determiner", "before_possessive", "before_preposition", "before_kind", "before_told",
    "sentence_initial", "after_possessive", "after_saying", "after_kind", "after_bracket_acronym", "after_comma",
    "after_capital", "after_lower", "starts_run", "ends_run", "line_no_prose", "line_capitals", "line_byline",
    "line_short", "repeated", "words_lower_elsewhere", "inside_brackets", "after_said_by",
    "words_1", "single_acronym", "single_camel", "single_before_the", "single_after_saying", "single_sentence_initial",
    "single_before_preposition", "nationality", "first_organisation_head", "first_media_head",
    "after_spokesperson", "all_capitals", "single_repeated", "single_inside_brackets", "single_after_possessive",
    # what the rules and the article's other names say about the span (RuleContext)
    "rule_candidate", "overlaps_candidate", "person_here", "word_of_a_person", "word_of_a_body", "body_here_elsewhere",
    "acronym_defined", "initials_of_a_body", "after_role", "before_role_of", "after_which", "single_rule_candidate",
    "single_word_of_a_person", "single_word_of_a_body",
)
INDEX = {name: i for i, name in enumerate(FEATURES)}


def _prev_word(text: str, start: int) -> str:
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    k = j
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "'’-"):
        k -= 1
    return text[k:j]


def _next_word(text: str, end: int) -> str:
    j = end
    while j < len(text) and text[j] in " \t":
        j += 1
    k = j
    while k < len(text) and (text[k].isalnum() or text[k] in "'’-"):
        k += 1
    return text[j:k]


class RuleContext:
    """What the rules found in the article: their organisation candidates, the people and bodies named (curated or
    not), as spans and as words, for the features that read a variant against them."""

    def __init__(self, text: str, candidates=(), names=None):
        self.candidates = set(candidates)
        spans = sorted(self.candidates)
        people, bodies = [], []
        for m in (names.mentions if names is not None else ()):
            if m.referent.kind == "person":
                if id(m.referent) not in names.weak:
                    people.append((m.start, m.end))
            else:
                bodies.append((m.start, m.end))
        self.candidate_spans = spans
        self.people = sorted(people)
        self.person_words = {w for s, e in people for w in _words(text[s:e])}
        body_spans = sorted(set(bodies) | self.candidates)
        self.body_words = {w for s, e in body_spans for w in _words(text[s:e]) if w not in _CONNECTORS}
        self.body_texts = {_the_less(text[s:e]) for s, e in body_spans}
        self.body_initials = {"".join(w[0] for w in _words(text[s:e]) if w[:1].isupper() and w not in _CONNECTORS)
                              for s, e in body_spans}

    @staticmethod
    def overlaps(spans, start: int, end: int) -> bool:
        at = bisect.bisect_left(spans, (end,))
        return any(s < end and start < e for s, e in spans[max(0, at - 8):at])


_CONNECTORS = frozenset("of for the and & on in".split())


def _words(name: str) -> list[str]:
    return [_bare(w) for w in name.split()]


def _the_less(name: str) -> str:
    return name[4:] if name[:4] in ("the ", "The ") else name


class ArticleContext:
    """What the features need from the whole article, worked out once."""

    def __init__(self, text: str, credit_labels=(), rules: RuleContext | None = None):
        self.text = text
        self.credit_labels = credit_labels
        self.rules = rules if rules is not None else RuleContext(text)
        self._lower: dict[str, bool] = {}
        self._lines: dict[int, tuple] = {}

    def written_in_lower_case(self, word: str) -> bool:
        """Whether the article also writes the word in lower case, as a word of its own."""
        found = self._lower.get(word)
        if found is None:
            lowered, text, found = word.lower(), self.text, False
            at = text.find(lowered)
            while at >= 0 and not found:
                found = not (at and (text[at - 1].isalpha() or text[at - 1] in "'’-")) and \
                    not text[at + len(lowered):at + len(lowered) + 1].isalpha()
                at = text.find(lowered, at + 1)
            self._lower[word] = found
        return found

    def line(self, start: int):
        line_start = self.text.rfind("\n", 0, start) + 1
        found = self._lines.get(line_start)
        if found is None:
            line_end = self.text.find("\n", start)
            line_end = len(self.text) if line_end < 0 else line_end
            line = self.text[line_start:line_end]
            found = (_PROSE_MARK.search(line) is None, line.isupper(),
                     line.lstrip()[:3] in ("By ", "by ") or "/" in line or any(c in line for c in self.credit_labels),
                     len(line.split()) <= 8)
            self._lines[line_start] = found
        return found


def span_features(ctx: ArticleContext, tokens, i: int, j: int, vocab: Vocab) -> list[int]:
    """The indices of the features that fire for tokens[i..j] of a run (tokens are the run's words)."""
    text = ctx.text
    start, end = tokens[i][1], tokens[j][2]
    words = [t[0] for t in tokens[i:j + 1]]
    names = [_bare(w) for w in words if not _is_connector(w)]
    on = [0]
    n = len(names)
    on.append(INDEX["words_1"] if n == 1 else INDEX["words_2"] if n == 2 else INDEX["words_3"] if n == 3 else INDEX["words_4"] if n == 4
              else INDEX["words_5plus"])
    last, first = names[-1], names[0]
    if last in vocab.organisation_heads:
        on.append(INDEX["last_organisation_head"])
    if last in vocab.media_heads:
        on.append(INDEX["last_media_head"])
    if last in vocab.nations:
        on.append(INDEX["last_nation"])
    if vocab.plural_people.fullmatch(last.lower()):
        on.append(INDEX["last_plural_people"])
    if last in vocab.places:
        on.append(INDEX["last_place"])
    if any(w in vocab.organisation_heads for w in names[:-1]):
        on.append(INDEX["head_not_last"])
    if any(w in vocab.media_heads for w in names[:-1]):
        on.append(INDEX["media_head_not_last"])
    for k, w in enumerate(words[:-1]):
        if _bare(w) in vocab.organisation_heads and words[k + 1].split()[0] in ("of", "for"):
            on.append(INDEX["head_then_of"])
            break
    if first in vocab.prefixes:
        on.append(INDEX["first_prefix"])
    if first in vocab.nations:
        on.append(INDEX["first_nation"])
    if any(w in vocab.nations for w in names):
        on.append(INDEX["any_nation"])
    if any(w.split()[0] in ("of", "for") for w in words):
        on.append(INDEX["has_of"])
    if any(w in ("and", "&") for w in words):
        on.append(INDEX["has_and"])
    acronyms = [bool(_ACRONYM.fullmatch(w)) for w in names]
    if any(acronyms):
        on.append(INDEX["has_acronym"])
    if acronyms[0]:
        on.append(INDEX["first_acronym"])
    if acronyms[-1]:
        on.append(INDEX["last_acronym"])
    if any(_CAMEL.fullmatch(w) for w in names):
        on.append(INDEX["has_camel"])
    if any(c.isdigit() for c in text[start:end]):
        on.append(INDEX["has_digit"])
    if any(w in vocab.party_words for w in names):
        on.append(INDEX["party_word"])
    if any(w != _bare(w) for w in words[:-1] if not _is_connector(w)):
        on.append(INDEX["possessive_inside"])
    before = _prev_word(text, start)
    if i > 0 and tokens[i - 1][0] in vocab.title_words:
        on.append(INDEX["title_before"])
    if before == "the":
        on.append(INDEX["before_the"])
    elif before in _DETERMINERS:
        on.append(INDEX["before_determiner"])
    if before.endswith(("'s", "’s")):
        on.append(INDEX["before_possessive"])
    if before in _PREPOSITIONS:
        on.append(INDEX["before_preposition"])
    if before.lower() in _KIND_NOUNS:
        on.append(INDEX["before_kind"])
    if before in ("told", "to", "with"):
        on.append(INDEX["before_told"])
    k = start - 1
    while k >= 0 and text[k] in " \t\"'“‘(":
        k -= 1
    if k < 0 or text[k] in ".!?:;\n" or (i == 0 and tokens[0][0] in vocab.leading and start == tokens[0][1]):
        on.append(INDEX["sentence_initial"])
    if i > 0 and tokens[i - 1][0] == "The":
        k = tokens[i - 1][1] - 1
        while k >= 0 and text[k] in " \t\"'“‘(":
            k -= 1
        if k < 0 or text[k] in ".!?:;\n":
            on.append(INDEX["sentence_initial"])
    if words[-1] != _bare(words[-1]) or text.startswith(("'s", "’s"), end):
        on.append(INDEX["after_possessive"])
    after = _next_word(text, end)
    if after in _SAYING or after in ("has", "have", "had", "is", "was", "will", "would") and \
            _next_word(text, text.find(after, end) + len(after)) in _SAYING:
        on.append(INDEX["after_saying"])
    if after.lower() in _KIND_NOUNS and after[:1].islower():
        on.append(INDEX["after_kind"])
    if re.match(r"[^\S\n]*\([A-Z][A-Za-z&]{1,7}\)", text[end:end + 12]):
        on.append(INDEX["after_bracket_acronym"])
    if text[end:end + 1] == ",":
        on.append(INDEX["after_comma"])
    if after[:1].isupper():
        on.append(INDEX["after_capital"])
    elif after[:1].islower():
        on.append(INDEX["after_lower"])
    if i == 0:
        on.append(INDEX["starts_run"])
    if j == len(tokens) - 1:
        on.append(INDEX["ends_run"])
    no_prose, capitals, byline, short = ctx.line(start)
    if no_prose:
        on.append(INDEX["line_no_prose"])
    if capitals:
        on.append(INDEX["line_capitals"])
    if byline:
        on.append(INDEX["line_byline"])
    if short:
        on.append(INDEX["line_short"])
    if text.find(text[start:end], end) >= 0 or text.rfind(text[start:end], 0, start) >= 0:
        on.append(INDEX["repeated"])
    plain = [w for w in names if not _ACRONYM.fullmatch(w)]
    if plain and sum(ctx.written_in_lower_case(w) for w in plain) * 2 >= len(plain):
        on.append(INDEX["words_lower_elsewhere"])
    if text[start - 1:start] == "(" or text.rfind("(", max(0, start - 40), start) > text.rfind(")", max(0, start - 40), start):
        on.append(INDEX["inside_brackets"])
    if before in ("by", "from") and _prev_word(text, start - len(before) - 1) in ("said", "told", "published", "reported"):
        on.append(INDEX["after_said_by"])
    if first in vocab.organisation_heads:
        on.append(INDEX["first_organisation_head"])
    if first in vocab.media_heads:
        on.append(INDEX["first_media_head"])
    if after in ("spokesperson", "spokesman", "spokeswoman", "source", "sources", "official", "officials"):
        on.append(INDEX["after_spokesperson"])
    if all(w.isupper() for w in names):
        on.append(INDEX["all_capitals"])
    if any(w in vocab.nationalities for w in names):
        on.append(INDEX["nationality"])
    rules = ctx.rules
    span = (start, end)
    if span in rules.candidates:
        on.append(INDEX["rule_candidate"])
    elif RuleContext.overlaps(rules.candidate_spans, start, end):
        on.append(INDEX["overlaps_candidate"])
    if RuleContext.overlaps(rules.people, start, end):
        on.append(INDEX["person_here"])
    if any(w in rules.person_words for w in names if not _ACRONYM.fullmatch(w)):
        on.append(INDEX["word_of_a_person"])
    if any(w in rules.body_words for w in names) and span not in rules.candidates:
        on.append(INDEX["word_of_a_body"])
    if _the_less(text[start:end]) in rules.body_texts and span not in rules.candidates:
        on.append(INDEX["body_here_elsewhere"])
    if n == 1 and acronyms[0] and f"({first})" in text:
        on.append(INDEX["acronym_defined"])
    if n == 1 and acronyms[0] and first in rules.body_initials:
        on.append(INDEX["initials_of_a_body"])
    if after.lower() in _ROLE_AFTER and after[:1].islower():
        on.append(INDEX["after_role"])
    if before in ("of", "for", "at") and _prev_word(text, start - len(before) - 1).lower() in _ROLE_AFTER:
        on.append(INDEX["before_role_of"])
    if text[end:end + 8] in (", which ", ", who ") or text[end:end + 7] == ", which":
        on.append(INDEX["after_which"])
    if n == 1:  # one word: the shapes that tell a body's own name from a surname, a place or a sentence's opening
        for general, single in (("has_acronym", "single_acronym"), ("has_camel", "single_camel"),
                                ("before_the", "single_before_the"), ("after_saying", "single_after_saying"),
                                ("sentence_initial", "single_sentence_initial"),
                                ("before_preposition", "single_before_preposition"), ("repeated", "single_repeated"),
                                ("inside_brackets", "single_inside_brackets"),
                                ("after_possessive", "single_after_possessive"),
                                ("rule_candidate", "single_rule_candidate"),
                                ("word_of_a_person", "single_word_of_a_person"),
                                ("word_of_a_body", "single_word_of_a_body")):
            if INDEX[general] in on:
                on.append(INDEX[single])
    return sorted(set(on))


def probability(active: list[int], weights) -> float:
    z = sum(weights[k] for k in active)
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


def weights():
    """The fitted weights in FEATURES order (scripts/extract/span_weights.py), or None when there are none, when they
    were fitted for other features, or when cross-validation adopted no threshold (then nothing here acts)."""
    return _OVERRIDE[0] if _OVERRIDE else _loaded()[0]


def threshold() -> float | None:
    """The adopted threshold for adding a run's best variant (None with no usable weights)."""
    return _OVERRIDE[1] if _OVERRIDE else _loaded()[1]


def veto_threshold() -> float | None:
    """The score below which a rule's candidate that is a variant is dropped (None: no veto)."""
    if _OVERRIDE:
        return _OVERRIDE[2] if len(_OVERRIDE) > 2 else None
    return _loaded()[2]


def moves() -> bool:
    """Whether a variant scoring higher than a rule's candidate in its run takes its place."""
    if _OVERRIDE:
        return _OVERRIDE[3] if len(_OVERRIDE) > 3 else True
    return _loaded()[3]


_LOADED: list = []  # [(weights, threshold, veto threshold, move)] once span_weights is read


def _loaded() -> tuple:
    if not _LOADED:
        try:
            from scripts.extract import span_weights
        except ImportError:
            span_weights = None
        fits = span_weights is not None and tuple(span_weights.FEATURES) == FEATURES and \
            (span_weights.THRESHOLD is not None or getattr(span_weights, "VETO", None) is not None)
        _LOADED.append(([span_weights.WEIGHTS[name] for name in FEATURES], span_weights.THRESHOLD,
                        getattr(span_weights, "VETO", None), getattr(span_weights, "MOVE", True)) if fits
                       else (None, None, None, False))
    return _LOADED[0]


# --- the score over an article's runs, and how it would settle the rules' candidates ------------------------------

def _vocab(prefixes: frozenset[str]) -> Vocab:
    return Vocab(mentions._ORGANISATION_HEAD_WORDS, mentions._MEDIA_HEAD_WORDS, mentions._NATION_SUFFIXES,
                 mentions.NAME_WORDS.places | mentions.NAME_WORDS.regions,
                 mentions._TITLE_WORDS | mentions._TITLE_MODIFIERS, mentions._LEADING_STRUCTURE_WORDS,
                 mentions._TRAILING_STRUCTURE_WORDS, mentions._PLURAL_PEOPLE, mentions._PARTY_WORDS, prefixes,
                 mentions._NATIONALITIES)


def scored_runs(text: str, lexicon: Lexicon, curated: list[AliasMatch], wanted=None, rules: RuleContext | None = None):
    """Every capitalised run's boundary variants that overlap no curated match, with their active features:
    [[(start, end, active feature indices), ...] per run], only the runs for which wanted(run start, run end) holds
    when it is given; then every single capitalised word outside the runs (single_words) as a run of its own. The
    training script reads the same list."""
    prefixes, _ = mentions._naming_prefixes(lexicon)
    vocab = _vocab(prefixes)
    ctx = ArticleContext(text, CREDIT_LABELS, rules)
    starts = [m.start for m in curated]
    runs = []
    starts_ends = mentions.capitalised_runs(text)
    for run_start, run_end in starts_ends:
        if wanted is not None and not wanted(run_start, run_end):
            continue
        tokens = [(m.group(), m.start(), m.end()) for m in mentions._RUN_TOKEN.finditer(text, run_start, run_end)]
        variants = []
        for i, j in broad_spans(tokens, vocab):
            start, end = tokens[i][1], tokens[j][2] - (len(tokens[j][0]) - len(mentions._bare(tokens[j][0])))
            at = bisect.bisect_left(starts, end) - 1
            if any(curated[k].end > start for k in range(max(0, at - 3), at + 1)):
                continue  # a curated match overlaps: curated names win
            variants.append((start, end, span_features(ctx, tokens, i, j, vocab)))
        if variants:
            runs.append(variants)
    for word, start, end in single_words(text, starts_ends, vocab):
        if wanted is not None and not wanted(start, end):
            continue
        end -= len(word) - len(mentions._bare(word))
        at = bisect.bisect_left(starts, end) - 1
        if start == end or any(curated[k].end > start for k in range(max(0, at - 3), at + 1)):
            continue
        runs.append([(start, end, span_features(ctx, [(word, start, end)], 0, 0, vocab))])
    return runs


def settled_candidates(text: str, lexicon: Lexicon, curated: list[AliasMatch], candidates, names):
    """The rules' organisation candidates, settled by the fitted score run by run: a rule's candidate that is a
    variant scoring below the veto threshold is dropped; in a run where a rule's candidate is one of the run's
    variants, a variant that scores at least as high (and reaches the threshold) takes its place (when moves()); in
    a run no mention overlaps, the best variant is added when it reaches the threshold. The candidates unchanged when
    no weights are adopted."""
    weights_ = weights()
    if weights_ is None:
        return candidates
    cut, veto, move = threshold(), veto_threshold(), moves()
    taken = sorted((m.start, m.end) for m in names.mentions)
    taken_starts = [s for s, _ in taken]
    result = set(candidates)
    candidate_set = set(candidates)

    def inside(low: int, high: int) -> list[tuple[int, int]]:
        at = bisect.bisect_left(taken_starts, high)
        return [(s, e) for s, e in taken[max(0, at - 8):at] if s < high and low < e]

    for variants in scored_runs(text, lexicon, curated, None, RuleContext(text, candidates, names)):
        scored = sorted(((probability(v[2], weights_), v[1] - v[0], v[0], v[1]) for v in variants), reverse=True)
        if veto is not None:
            for q, _, s, e in scored:
                if q < veto and (s, e) in candidate_set:
                    result.discard((s, e))
        if cut is None:
            continue
        low, high = min(v[0] for v in variants), max(v[1] for v in variants)
        p, _, start, end = scored[0]
        inside_run = inside(low, high)
        if not inside_run:
            if p >= cut:
                result.add((start, end))
            continue
        if not move or len(inside_run) != 1 or inside_run[0] not in candidate_set:
            continue  # a curated name or a person stands in the run, or several names: the rules have spoken
        rule = inside_run[0]
        rule_p = next((q for q, _, s, e in scored if (s, e) == rule), None)
        if rule_p is not None and p >= cut and (start, end) != rule and p >= rule_p and rule in result:
            result.discard(rule)
            result.add((start, end))
    return sorted(result)


def rule_context(text: str, lexicon: Lexicon):
    """(kept curated matches, the rules' candidates, their ArticleNames, RuleContext), as mentions.article_names
    finds them."""
    kept_curated, candidates = mentions.organisation_candidate_spans(
        text, lexicon, mentions._with_titles(text, lexicon.find(text)))
    names = ArticleNames(text, lexicon, candidates, kept_curated)
    return kept_curated, candidates, names, RuleContext(text, candidates, names)


def settled_names(text: str, lexicon: Lexicon) -> ArticleNames:
    """mentions.article_names with the rules' organisation candidates settled by the score (not cached)."""
    kept_curated, candidates = mentions.organisation_candidate_spans(
        text, lexicon, mentions._with_titles(text, lexicon.find(text)))
    names = ArticleNames(text, lexicon, candidates, kept_curated)
    settled = settled_candidates(text, lexicon, kept_curated, candidates, names)
    if settled != candidates:  # the score moved a boundary or added a name: found again with them taken
        names = ArticleNames(text, lexicon, settled, kept_curated)
    return names


def extract_mentions(text: str, source_id: str, lexicon: Lexicon) -> list[dict]:
    """mentions.extract_mentions with the score settling the candidates: what the extractor would give were the
    score adopted (the training script measures it with this)."""
    return mentions.mention_rows(settled_names(text, lexicon), source_id, lexicon)
