"""``list --json`` from the listing cache prints exactly what the whole open sequence prints."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.cli.test_cli import broadsheet

MUGABE_ID = "5f329898b6db"


def _listing(home: Path) -> Path:
    return home / "cache" / "library-listing.txt"


def _both(home: Path) -> tuple[str, str]:
    quick = broadsheet("list", "--json", home=home)
    whole = broadsheet("list", "--json", "--rescan", home=home)
    assert quick.returncode == 0 and whole.returncode == 0, quick.stderr + whole.stderr
    assert quick.stderr == whole.stderr
    return quick.stdout, whole.stdout


def test_the_listing_answers_byte_for_byte_as_the_scan(sample_home: Path) -> None:
    library = sample_home / "articles"
    (library / "broken.md").write_bytes(b"\x00\x01binary")
    (library / "tab\tand\nnewline é.md").write_text(
        '---\ntitle: "Odd \\u001b[31mname"\ndate: 2030-01-01\n---\n\nBody text here.\n',
        encoding="utf-8",
    )
    assert broadsheet("tag", MUGABE_ID, "zimbabwe", "obituary", home=sample_home).returncode == 0
    assert broadsheet("note", MUGABE_ID, "A note.", home=sample_home).returncode == 0
    first = broadsheet("list", "--json", home=sample_home)  # (scans, writes the listing)
    assert _listing(sample_home).is_file()
    quick, whole = _both(sample_home)
    assert quick == whole == first.stdout
    rows = json.loads(quick)
    mugabe = next(row for row in rows if row["id"] == MUGABE_ID)
    assert sorted(mugabe["tags"]) == ["obituary", "zimbabwe"] and mugabe["notes"] == 1
    assert rows[0]["title"].startswith("Odd") and "\x1b" not in quick
    assert "broken.md" in broadsheet("list", "--json", home=sample_home).stderr


def test_edits_to_files_and_annotations_are_seen(sample_home: Path) -> None:
    broadsheet("list", "--json", home=sample_home)
    article = sample_home / "articles" / "2019-09-09-robert-mugabe-dies.md"
    text = article.read_text(encoding="utf-8")
    saved = article.with_name(".saving.tmp")  # Saved the usual way: renamed over the file.
    saved.write_text(text.replace("title: ", "title: Edited ", 1), encoding="utf-8")
    os.replace(saved, article)
    quick, whole = _both(sample_home)
    assert quick == whole
    assert any(row["title"].startswith("Edited") for row in json.loads(quick))
    with article.open("w", encoding="utf-8") as handle:  # In place: the folder keeps its time.
        handle.write(text.replace("title: ", "title: Again ", 1))
    whole = broadsheet("list", "--json", "--rescan", home=sample_home).stdout
    assert any(row["title"].startswith("Again") for row in json.loads(whole))
    assert broadsheet("list", "--json", home=sample_home).stdout == whole
    broadsheet("tag", MUGABE_ID, "later", home=sample_home)
    quick, whole = _both(sample_home)
    assert quick == whole
    assert "later" in next(r for r in json.loads(quick) if r["id"] == MUGABE_ID)["tags"]
    (sample_home / "articles" / "2019-09-09-robert-mugabe-dies.md").unlink()
    quick, whole = _both(sample_home)
    assert MUGABE_ID not in {row["id"] for row in json.loads(quick)}


def test_a_damaged_listing_is_ignored(sample_home: Path) -> None:
    before = broadsheet("list", "--json", home=sample_home).stdout
    _listing(sample_home).write_text('{"format": 1, "library": "x"}\n1\t2\t"a"\t"b"\t{\n')
    assert broadsheet("list", "--json", home=sample_home).stdout == before
    _listing(sample_home).write_text("not json\n")
    assert broadsheet("list", "--json", home=sample_home).stdout == before


def test_the_listing_is_what_answers_while_nothing_changed(sample_home: Path) -> None:
    broadsheet("list", "--json", home=sample_home)
    listing = _listing(sample_home)
    text = listing.read_text(encoding="utf-8")
    assert '"title":"Longtime leader' in text
    # (The same length: the listing knows where each object ends.)
    listing.write_text(text.replace('"title":"Longtime leader', '"title":"LISTING ANSWERS'))
    quick = json.loads(broadsheet("list", "--json", home=sample_home).stdout)
    assert any(row["title"].startswith("LISTING ANSWERS") for row in quick)
    whole = json.loads(broadsheet("list", "--json", "--rescan", home=sample_home).stdout)
    assert not any(row["title"].startswith("LISTING ANSWERS") for row in whole)


def test_a_listing_whose_objects_do_not_end_where_it_says_is_ignored(
    sample_home: Path,
) -> None:
    before = broadsheet("list", "--json", home=sample_home).stdout
    listing = _listing(sample_home)
    header, body, _ = listing.read_text(encoding="utf-8").split("\n")
    data = json.loads(header)
    data["ends"][0], data["ends"][1] = data["ends"][1], data["ends"][0]
    listing.write_text(json.dumps(data) + "\n" + body + "\n", encoding="utf-8")
    assert broadsheet("list", "--json", home=sample_home).stdout == before
    data["ends"][0], data["ends"][1] = data["ends"][1], data["ends"][0]
    data["ends"][0] += 1  # (inside the next object)
    listing.write_text(json.dumps(data) + "\n" + body + "\n", encoding="utf-8")
    assert broadsheet("list", "--json", home=sample_home).stdout == before
    result = broadsheet("search", "zimbabwe", home=sample_home)
    assert result.returncode == 0 and "5f329898b6db" in result.stdout
