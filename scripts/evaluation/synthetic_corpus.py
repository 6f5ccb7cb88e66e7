"""A synthetic news corpus of any size, for benchmarks: article texts plus a metadata CSV. Not a test.

Usage: python -m scripts.evaluation.synthetic_corpus --articles 100000 --out DIR [--seed 2023]
Writes DIR/articles/<id>.txt and DIR/metadata.csv (id,file,outlet,published_date,url), the inputs of the corpus
build (`python -m scripts.build --articles DIR/articles --metadata DIR/metadata.csv --curated DIR/curated --out
OUT`); DIR/curated/ holds the repository's lexicon (people, organisations, their aliases, measures), and the five
shipped articles its evidence cites are added to the corpus (--no-lexicon leaves both out).

Built from the paragraphs of the package's five articles and the holdout texts (benchmark_across.Pool), varied,
never copied, and shaped like a news corpus rather than like N independent draws:
- outlets: max(5, min(500, N // 20)) of them (outlet-001, ...); each article belongs to one;
- vocabulary grows with the corpus as in real text (Heaps' law): a varied lower-case word is drawn from the pool's
  own words or, as often, from invented words (a varied capitalised word always from invented words: pool surnames
  next to other capitalised words made names the lexicon resolves wrongly) (pronounceable syllable strings), of which there are 30 * (400 N) ** 0.55, so
  a rare word stays rare in a large corpus as names, places and numbers do in real coverage;
- own paragraphs: 4 to 12 per article, recombined from the pool with one word in three to five varied (names,
  acronyms, numbers and reporting verbs kept); words inside quotation marks are varied one in two, so two articles'
  own quotations are different statements (as different statements by one speaker are: the five articles' score
  0.24 at most), not near-copies of each other;
- wire stories (N // 8 of them, 5 to 9 paragraphs each): 35% of articles carry a run of one story's paragraphs;
  the story is drawn with probability falling as 1 / rank (Zipf), so a few stories run in thousands of articles
  of a large corpus and most in one or two, and the top stories' paragraphs are in more articles as N grows;
- statements (N // 4 of them): 50% of articles quote one, drawn the same way, and report it with an outlet's small
  differences (a quote mark, a dropped comma, the first words cut); its figures repeat with it;
- numbers written with a comma, a decimal point, '%' or '£' are perturbed by up to 30% in own paragraphs (figures
  then agree or conflict across articles).
The same (index, count, seed) always gives the same article.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
import time
from pathlib import Path

from scripts.evaluation.benchmark_across import _QUOTED, _SENTENCE, _TOKEN, Pool, _perturb_numbers, _report_differently

_CONSONANTS = "bdfgklmnprstvz"
_VOWELS = "aeiou"
_SYLLABLES = [c + v for c in _CONSONANTS for v in _VOWELS]  # 70


def invented_word(index: int) -> str:
    """A pronounceable lower-case word, different for every index (at least two syllables)."""
    syllables = []
    index += len(_SYLLABLES)  # two syllables at least
    while index:
        index, digit = divmod(index, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
    return "".join(syllables) + "n"


class Words:
    """Where varied words come from for a corpus of count articles: the pool's words or invented ones."""

    def __init__(self, pool: Pool, count: int):
        self.pool = pool
        self.invented = max(1000, int(30 * (400 * count) ** 0.55))

    def pick(self, rng: random.Random, capitalised: bool) -> str:
        """A lower-case word: the pool's or an invented one; a capitalised word: always an invented one, so that a
        varied name is no other name of the lexicon (the pool's capitalised words include surnames)."""
        if not capitalised and rng.random() < 0.5:
            return rng.choice(self.pool.words)
        word = invented_word(rng.randrange(self.invented))
        return word.capitalize() if capitalised else word


def _vary(text: str, rng: random.Random, words: Words, low: int, high: int) -> str:
    """One word in low to high replaced by a word of the same shape (acronyms, numbers, one-letter words and
    reporting verbs pass their turn to the next word)."""
    step, count, pending = rng.randint(low, high), rng.randrange(high), False

    def replace(match: re.Match) -> str:
        nonlocal count, pending
        word = match.group()
        count += 1
        pending = pending or count % step == 0
        if not pending or not word.isalpha() or len(word) < 2 or word.isupper() or word.lower() in words.pool.protected:
            return word
        pending = False
        return words.pick(rng, not word.islower())

    return _TOKEN.sub(replace, text)


def vary_paragraph(text: str, rng: random.Random, words: Words) -> str:
    """Prose one word in three to five, quotations one word in two; numbers perturbed."""
    pieces, at = [], 0
    for quoted in _QUOTED.finditer(text):
        pieces.append(_vary(text[at:quoted.start()], rng, words, 3, 5))
        pieces.append(_vary(quoted.group(), rng, words, 2, 2))
        at = quoted.end()
    pieces.append(_vary(text[at:], rng, words, 3, 5))
    return _perturb_numbers("".join(pieces), rng)


def _zipf(rng: random.Random, size: int) -> int:
    """0 .. size-1 with probability about proportional to 1 / (rank + 1)."""
    return min(size - 1, int((size + 1) ** rng.random()) - 1)


class Corpus:
    def __init__(self, count: int, seed: int = 2023, pool: Pool | None = None):
        self.count, self.seed = count, seed
        self.pool = pool or Pool()
        self.words = Words(self.pool, count)
        self.outlets = max(5, min(500, count // 20))
        self.stories = max(1, count // 8)
        self.statements = max(1, count // 4)
        self._story_cache: dict[int, list[str]] = {}
        self._statement_cache: dict[int, str] = {}

    def story(self, index: int) -> list[str]:
        if index not in self._story_cache:
            rng = random.Random(f"{self.seed}-story-{index}")
            self._story_cache[index] = [vary_paragraph(rng.choice(self.pool.paragraphs), rng, self.words)
                                        for _ in range(rng.randint(5, 9))]
        return self._story_cache[index]

    def statement(self, index: int) -> str:
        if index not in self._statement_cache:
            rng = random.Random(f"{self.seed}-statement-{index}")
            self._statement_cache[index] = vary_paragraph(rng.choice(self.pool.quoting), rng, self.words)
        return self._statement_cache[index]

    def article(self, index: int) -> tuple[str, str, str]:
        """(text, published date, outlet) of article number index."""
        rng = random.Random(f"{self.seed}-article-{index}")
        body = []
        for _ in range(rng.randint(4, 12)):
            if rng.random() < 0.25:  # sentences of two paragraphs recombined
                first, second = (_SENTENCE.split(rng.choice(self.pool.plain)) for _ in range(2))
                paragraph = " ".join(first[:rng.randint(1, len(first))] + second[rng.randint(0, len(second) - 1):])
            else:
                paragraph = rng.choice(self.pool.paragraphs)
            body.append(vary_paragraph(paragraph, rng, self.words))
        if rng.random() < 0.5:
            quote = _report_differently(self.statement(_zipf(rng, self.statements)), rng)
            body.insert(rng.randrange(len(body) + 1), quote)
        if rng.random() < 0.35:
            story = self.story(_zipf(rng, self.stories))
            first = rng.randrange(len(story) - 2)
            at = rng.randrange(len(body) + 1)
            body[at:at] = story[first:first + rng.randint(3, len(story) - first)]
        published = self.pool.dates[rng.randrange(len(self.pool.dates))] + dt.timedelta(days=rng.randint(-30, 30))
        outlet = f"outlet-{rng.randrange(self.outlets) + 1:03d}"
        return "\n".join(body) + "\n", published.isoformat(), outlet


def source_id(index: int) -> str:
    return f"synthetic-{index:06d}"


def synthetic_corpus(count: int, seed: int, pool: Pool | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """({source_id: text}, {source_id: published date}) for count articles."""
    corpus = Corpus(count, seed, pool)
    articles, published = {}, {}
    for i in range(count):
        articles[source_id(i)], published[source_id(i)], _ = corpus.article(i)
    return articles, published


METADATA_FIELDS = ["id", "file", "outlet", "published_date", "url"]
# The names the extractors look up and the measures figures are compared by: the repository's curated lexicon,
# given to the corpus build with --curated (their evidence cites the five shipped articles, which come along).
LEXICON_TABLES = ("organisations", "organisation_aliases", "people", "person_aliases", "measures")


def _write_seed_articles(folder: Path, writer) -> None:
    """The five shipped articles and the curated lexicon, so that the corpus build resolves speakers and measures."""
    import shutil

    from scripts.paths import ARTICLES_DIR, CURATED_DIR
    (folder / "curated").mkdir(exist_ok=True)
    for table in LEXICON_TABLES:
        shutil.copyfile(CURATED_DIR / f"{table}.csv", folder / "curated" / f"{table}.csv")
    with open(CURATED_DIR / "sources.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            shutil.copyfile(ARTICLES_DIR / row["file_name"], folder / "articles" / row["file_name"])
            writer.writerow([row["source_id"], row["file_name"], row["outlet_id"], row["published_date"], ""])


def write_corpus(folder: Path, count: int, seed: int = 2023, lexicon: bool = True) -> Path:
    """DIR/articles/<id>.txt and DIR/metadata.csv; returns the metadata CSV's path. Memory: one article at a time.

    With lexicon, also the five shipped articles (so count + 5 in all) and DIR/curated/ with the repository's
    lexicon tables (LEXICON_TABLES), for `python -m scripts.build ... --curated DIR/curated`."""
    folder = Path(folder)
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(count, seed)
    metadata = folder / "metadata.csv"
    with open(metadata, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(METADATA_FIELDS)
        if lexicon:
            _write_seed_articles(folder, writer)
        for i in range(count):
            text, published, outlet = corpus.article(i)
            name = f"{source_id(i)}.txt"
            (articles / name).write_text(text, encoding="utf-8", newline="")
            writer.writerow([source_id(i), name, outlet, published, f"https://example.org/{outlet}/{source_id(i)}"])
    return metadata


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--no-lexicon", action="store_true",
                        help="leave out the five shipped articles and the curated lexicon (DIR/curated/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    metadata = write_corpus(args.out, args.articles, args.seed, lexicon=not args.no_lexicon)
    print(f"{args.articles} articles in {args.out / 'articles'}, metadata in {metadata} "
          f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
