"""The command that runs the extractors on a user's own articles."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib

from scripts.extract_articles import main, published_date, run
from scripts.paths import ROOT


def rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(folder, name, text, encoding="utf-8"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(text.encode(encoding))


ARTICLE = ('Junior doctors will strike on Monday, the BMA said.\n'
           'Dr Vivek Trivedi said: "We have no choice but to walk out for 72 hours."\n'
           'More than 98% voted for action.\n')


def test_writes_each_table_with_the_file_stem_as_source_id(tmp_path):
    write(tmp_path / "in", "my-article.txt", ARTICLE)
    counts = run([tmp_path / "in"], tmp_path / "out", dt.date(2023, 3, 11))
    quotes = rows(tmp_path / "out/quotes.csv")
    assert counts["articles"] == 1 and [q["source_id"] for q in quotes] == ["my-article"]
    assert quotes[0]["text"] == "We have no choice but to walk out for 72 hours." and quotes[0]["speaker_person_id"] == "vivek-trivedi"
    figures = rows(tmp_path / "out/figures.csv")
    assert {f["text"] for f in figures} >= {"72 hours", "More than 98%"}
    dates = rows(tmp_path / "out/dates.csv")
    assert [(d["text"], d["resolved_date"]) for d in dates] == [("Monday", "2023-03-13")]
    assert {m["organisation_id"] for m in rows(tmp_path / "out/mentions.csv")} >= {"bma"}


def test_unreadable_files_are_reported_and_the_rest_still_processed(tmp_path):
    write(tmp_path / "in", "a-good.txt", ARTICLE)
    write(tmp_path / "in", "b-latin1.txt", "Caf\u00e9 staff said \"no\".", encoding="cp1252")
    write(tmp_path / "in", "c-empty.txt", "")
    counts = run([tmp_path / "in"], tmp_path / "out")
    assert counts["articles"] == 1 and counts["unreadable"] == 2
    reasons = {r["path"].rsplit("/", 1)[-1]: r["reason"] for r in rows(tmp_path / "out/unreadable.csv")}
    assert "not valid UTF-8" in reasons["b-latin1.txt"] and "empty" in reasons["c-empty.txt"]


def test_a_leading_date_line_sets_the_publication_date():
    assert published_date(" date 2023-03-10 The Health Secretary ...", dt.date(2020, 1, 1)) == dt.date(2023, 3, 10)
    assert published_date("No date line here.", dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)
    assert published_date("No date line here.", None) is None


def test_dates_stay_unresolved_without_a_publication_date(tmp_path):
    write(tmp_path / "in", "undated.txt", ARTICLE)
    run([tmp_path / "in"], tmp_path / "out")
    assert [d["resolved_date"] for d in rows(tmp_path / "out/dates.csv")] == [""]


def test_two_workers_give_the_same_output_as_one(tmp_path):
    for i in range(5):
        write(tmp_path / "in", f"a{i}.txt", ARTICLE.replace("Monday", ["Monday", "Friday", "Tuesday", "Sunday", "Monday"][i]))
    run([tmp_path / "in"], tmp_path / "one", dt.date(2023, 3, 11), jobs=1)
    run([tmp_path / "in"], tmp_path / "two", dt.date(2023, 3, 11), jobs=2)
    for name in ("quotes.csv", "figures.csv", "mentions.csv", "dates.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_running_it_leaves_the_published_package_untouched(tmp_path):
    published = lambda: {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "data").iterdir()}
    before = published()
    assert main([str(ROOT / "articles"), "--out", str(tmp_path / "out"), "--published", "2023-03-11"]) == 0
    assert published() == before
    assert len(rows(tmp_path / "out/quotes.csv")) > 0


def test_candidate_people_and_organisations_are_written_with_counts_and_first_evidence(tmp_path):
    write(tmp_path / "in", "a.txt", "Welsh health minister Nia Pugh met the Ward Nurses Collective (WNC).\n"
                                    "Ms Pugh said the WNC had a point.\n")
    write(tmp_path / "in", "b.txt", "The Ward Nurses Collective said no.\n")
    counts = run([tmp_path / "in"], tmp_path / "out", dt.date(2023, 3, 11))
    people = rows(tmp_path / "out/candidate_people.csv")
    organisations = rows(tmp_path / "out/candidate_organisations.csv")
    assert counts["candidate_people"] == 1 and counts["candidate_organisations"] == 1
    assert people == [{"normalised_name": "Nia Pugh", "kind_guess": "person", "mentions": "2", "articles": "1",
                       "source_id": "a", "start": "22", "end": "30", "text": "Nia Pugh"}]
    assert organisations == [{"normalised_name": "Ward Nurses Collective", "kind_guess": "organisation",
                              "mentions": "4", "articles": "2", "source_id": "a", "start": "39", "end": "61",
                              "text": "Ward Nurses Collective"}]


def test_candidate_tables_are_those_of_the_mentions_csv_read_back_with_one_or_two_workers(tmp_path):
    # the workers gather candidates chunk by chunk; the tables must be what reading mentions.csv back gives,
    # also when a mention holds a bare carriage return (csv.reader ends a record there)
    from scripts.extract.candidates import write_candidate_tables
    from scripts.extract_articles import CHUNK
    texts = ["Welsh health minister Nia Pugh met the Ward Nurses\rCollective (WNC).\r\rMs Pugh said the WNC had a point.\r",
             "The Ward Nurses\r\nCollective said no. Tomos\rAp Rhys of the Harbour Medics Forum agreed.\r\n",
             "Welsh health minister Nia Pugh met the Ward Nurses Collective (WNC).\nMs Pugh said the WNC had a point.\n"]
    for i in range(2 * CHUNK + 3):
        write(tmp_path / "in", f"a{i:02d}.txt", texts[i % 3].replace("Pugh", "Pugh" if i % 4 else "Prys"))
    for jobs in (1, 2):
        run([tmp_path / "in"], tmp_path / f"out{jobs}", dt.date(2023, 3, 11), jobs=jobs)
        assert b"\r" in (tmp_path / f"out{jobs}/mentions.csv").read_bytes()
        (tmp_path / f"read-back{jobs}").mkdir()
        write_candidate_tables(tmp_path / f"out{jobs}/mentions.csv", tmp_path / f"read-back{jobs}")
        for name in ("candidate_people.csv", "candidate_organisations.csv"):
            assert (tmp_path / f"out{jobs}" / name).read_bytes() == (tmp_path / f"read-back{jobs}" / name).read_bytes()
            assert len(rows(tmp_path / f"out{jobs}" / name)) > 0
