"""People and organisations nobody curated yet, gathered from mention rows into review tables.

`candidate_tables(mention_rows)` turns the mentions table's unresolved candidates (any number of articles) into
two lists of rows, one per normalised name, ready to review and paste into curated/people.csv and
curated/organisations.csv:

    normalised_name, kind_guess, mentions, articles, source_id, start, end, text

kind_guess is a coarse reading of the name's shape (an organisation's head word or an outlet's, a platform
renamed, an acronym; for people 'person'); mentions counts every mention, articles the distinct source_ids, and
source_id/start/end/text are the first evidence (the earliest article in sort order, then the earliest offset).
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from scripts.extract.lexicon import NAME_WORDS

CANDIDATE_COLUMNS = ["normalised_name", "kind_guess", "mentions", "articles", "source_id", "start", "end", "text"]

_KIND_BY_HEAD = {
    "government": "government", "executive": "government", "ministry": "government", "department": "government",
    "office": "government", "parliament": "legislature", "house": "legislature", "assembly": "legislature", "senate": "legislature",
    "party": "political_party", "union": "trade_union", "association": "association", "confederation":
    "association", "federation": "association", "congress": "association", "society": "association",
    "college": "royal_college", "trust": "nhs_body", "board": "nhs_body", "hospital": "nhs_body",
    "hospitals": "nhs_body", "infirmary": "nhs_body", "service": "public_body", "agency": "public_body",
    "authority": "public_body", "commission": "public_body", "regulator": "public_body", "council": "council",
    "committee": "committee", "university": "university", "institute": "research_body", "foundation": "charity",
    "fund": "charity", "alliance": "coalition", "coalition": "coalition", "network": "network", "group": "group",
    "forum": "group", "news": "news_outlet",
    "radio": "broadcaster", "tv": "broadcaster", "broadcasting": "broadcaster", "press": "news_agency",
    "media": "news_agency", "images": "photo_agency", "pictures": "photo_agency", "photos": "photo_agency",
    "journal": "journal", "review": "journal", "bulletin": "journal", "magazine": "magazine", "live": "news_outlet",
    "guild": "association", "league": "association", "academy": "association", "police": "public_body",
    "constabulary": "public_body", "ombudsman": "public_body", "tribunal": "public_body",
    "healthcare": "company", "ltd": "company", "limited": "company", "llp": "company", "holdings": "company",
    "consultancy": "company",
} | NAME_WORDS.guesses  # nameplate words ('times', 'guardian', 'lancet'): curated/vocabulary/name_words.csv


def kind_guess(name: str, entity_kind: str) -> str:
    """What the name's shape suggests it is (a guess for the reviewer, never a fact)."""
    if entity_kind == "person":
        return "person"
    words = re.findall(r"[\w'’-]+", name)
    if len(words) == 1 and name.isupper() and len(name) >= 2:
        return "acronym"
    for word in reversed(words):
        kind = _KIND_BY_HEAD.get(word.lower().removesuffix("’s").removesuffix("'s").rstrip("'’"))
        if kind:
            return kind
    if any(word in NAME_WORDS.not_person for word in words):
        return "political_party"  # a party's words (curated/vocabulary/name_words.csv kind not_person): 'Welsh <party>'
    return "organisation"


class CandidateCollector:
    """Gathers candidate mentions article by article; memory grows with distinct names, not with articles."""

    def __init__(self) -> None:
        self._groups: dict[tuple[str, str], dict] = {}
        self._articles: dict[tuple[str, str], set] = defaultdict(set)

    def add(self, mention_rows) -> None:
        for row in mention_rows:
            if row.get("resolution") != "unresolved_candidate":
                continue
            kind = row.get("entity_kind") or "organisation"
            name = (row.get("normalised_name") or row.get("text") or "").strip()
            if not name:
                continue
            key = (kind, name)
            evidence = (str(row["source_id"]), int(row["start"]))
            group = self._groups.get(key)
            if group is None or evidence < (group["source_id"], group["start"]):
                self._groups[key] = {"normalised_name": name, "kind_guess": kind_guess(name, kind),
                                     "mentions": group["mentions"] if group else 0, "articles": 0,
                                     "source_id": evidence[0], "start": evidence[1], "end": int(row["end"]),
                                     "text": row["text"]}
            self._groups[key]["mentions"] += 1
            self._articles[key].add(evidence[0])

    def merge(self, other: "CandidateCollector") -> None:
        """Take in another collector's groups as if its rows had been added here after this one's (the
        extraction command's workers collect per chunk of files; the parent merges the chunks in order)."""
        for key, theirs in other._groups.items():
            mine = self._groups.get(key)
            if mine is None or (theirs["source_id"], theirs["start"]) < (mine["source_id"], mine["start"]):
                self._groups[key] = dict(theirs, mentions=theirs["mentions"] + (mine["mentions"] if mine else 0))
            else:
                mine["mentions"] += theirs["mentions"]
            self._articles[key] |= other._articles[key]

    def tables(self) -> tuple[list[dict], list[dict]]:
        people, organisations = [], []
        for key, group in self._groups.items():
            row = dict(group, articles=len(self._articles[key]))
            (people if key[0] == "person" else organisations).append(row)
        order = lambda row: (-row["mentions"], row["normalised_name"].casefold(), row["normalised_name"])
        return sorted(people, key=order), sorted(organisations, key=order)

    def write(self, out_dir: Path) -> dict[str, int]:
        """OUT_DIR/candidate_people.csv and candidate_organisations.csv; returns their row counts."""
        counts = {}
        for name, rows in zip(("candidate_people", "candidate_organisations"), self.tables()):
            with (Path(out_dir) / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, CANDIDATE_COLUMNS, lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
            counts[name] = len(rows)
        return counts


def candidate_tables(mention_rows) -> tuple[list[dict], list[dict]]:
    """(candidate_people, candidate_organisations) rows from mention rows, sorted by mentions (most first),
    then name. Only unresolved candidates count; a name is the row's normalised_name (its text without one)."""
    collector = CandidateCollector()
    collector.add(mention_rows)
    return collector.tables()


def write_candidate_tables(mentions_csv: Path, out_dir: Path) -> dict[str, int]:
    """Read a mentions CSV (the extraction command's) row by row and write the two candidate tables beside it."""
    collector = CandidateCollector()
    with Path(mentions_csv).open(encoding="utf-8", newline="") as handle:
        collector.add(csv.DictReader(handle))
    return collector.write(out_dir)


CANDIDATE_TABLES = {"candidate_people": 0, "candidate_organisations": 1}  # package table -> index in tables()


_ROWS_AT_A_TIME = 50_000  # mention rows made Python objects at once: 22 MB (all 442,436 at 100,000 articles: 194 MB)


def make_candidate_frames(mentions, schemas) -> dict:
    """The package's candidate_people and candidate_organisations tables (for the schemas given) from the
    mentions frame; scripts.package.tables (and with it pandas) is imported here only, so that the extraction
    command never loads it."""
    from scripts.package.tables import frame_from_records

    # only the rows and columns add() reads, one row's dict at a time (a dict for every mention row at once was the
    # build's peak at 100,000 articles: about a gigabyte for a million rows)
    wanted = [c for c in ("resolution", "entity_kind", "normalised_name", "text", "source_id", "start", "end")
              if c in mentions.columns]
    unresolved = mentions.loc[(mentions["resolution"] == "unresolved_candidate").fillna(False).astype(bool), wanted]
    collector = CandidateCollector()
    for first in range(0, len(unresolved), _ROWS_AT_A_TIME):
        # a block's columns as lists of Python values (None where missing), not rows of Arrow-backed columns with
        # pd.isna asked of each cell: 5.7 CPU s instead of 7.1 at 100,000 articles (442,436 unresolved mentions)
        block = unresolved.iloc[first:first + _ROWS_AT_A_TIME]
        columns = [block[c].to_numpy(dtype=object, na_value=None).tolist() for c in wanted]
        collector.add(dict(zip(wanted, row)) for row in zip(*columns))
    tables = collector.tables()
    return {name: frame_from_records(tables[index], schemas[name])
            for name, index in CANDIDATE_TABLES.items() if name in schemas}
