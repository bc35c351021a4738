"""``broadsheet search`` and ``broadsheet views`` against a temporary HOME (real subprocesses)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tinydb import TinyDB

from tests.cli.test_cli import broadsheet

MUGABE_ID = "5f329898b6db"


def test_a_body_word_is_found_ranked_with_a_snippet_and_offsets(cold_sample_home: Path) -> None:
    """No index yet: the first search builds the full-text index."""
    result = broadsheet("search", "Mnangagwa", "--json", home=cold_sample_home)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == [MUGABE_ID]
    row = rows[0]
    assert "Mnangagwa" in row["snippet"] and row["score"] > 0
    shown = broadsheet("show", MUGABE_ID, home=cold_sample_home).stdout
    for start, end in row["matches"]:
        assert shown[start:end].casefold() == "mnangagwa"
    listed = broadsheet("list", "--search", "Mnangagwa", "--json", home=cold_sample_home)
    assert [r["id"] for r in json.loads(listed.stdout)] == [MUGABE_ID]
    assert {"title", "tags", "read", "notes", "path"} <= set(row)


def test_phrases_ranking_limit_and_plain_output(sample_home: Path) -> None:
    result = broadsheet("search", '"hurricane dorian"', home=sample_home)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Hurricane Dorian" in lines[0] and lines[1].startswith("    ")
    ranked = json.loads(broadsheet("search", "korea", "--json", home=sample_home).stdout)
    scores = [row["score"] for row in ranked]
    assert scores == sorted(scores, reverse=True) and len(ranked) >= 2
    limited = json.loads(
        broadsheet("search", "the", "--json", "--limit", "3", home=sample_home).stdout
    )
    assert len(limited) == 3


def test_date_ranges_list_exactly_those_months(sample_home: Path) -> None:
    rows = json.loads(
        broadsheet("search", "date:2019-09..2019-10", "--json", home=sample_home).stdout
    )
    everything = json.loads(broadsheet("list", "--json", home=sample_home).stdout)
    expected = {r["id"] for r in everything if "2019-09" <= r["date"][:7] <= "2019-10"}
    assert {row["id"] for row in rows} == expected and len(expected) == 7


def test_a_bad_query_is_one_line_on_stderr_with_exit_2(sample_home: Path) -> None:
    for query, words in (
        ("tag:x", "did you mean #x?"),
        ('"unclosed', "unclosed quote"),
        ("date:2021-02-30", "February 2021 has 28 days"),
    ):
        result = broadsheet("search", query, home=sample_home)
        assert result.returncode == 2, query
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr
        assert "Traceback" not in result.stderr


def test_views_save_list_rename_delete(sample_home: Path) -> None:
    saved = broadsheet("views", "save", "zim", "Mugabe", "OR", "Zimbabwe", home=sample_home)
    assert saved.returncode == 0, saved.stderr
    listed = json.loads(broadsheet("views", "--json", home=sample_home).stdout)
    assert [(v["name"], v["query"]) for v in listed] == [("zim", "Mugabe OR Zimbabwe")]
    db = TinyDB(sample_home / "annotations" / "library.json")
    assert [doc["name"] for doc in db.table("views").all()] == ["zim"]
    db.close()
    bad = broadsheet("views", "save", "broken", "tag:x", home=sample_home)
    assert bad.returncode == 2 and "did you mean #x?" in bad.stderr
    renamed = broadsheet("views", "rename", "zim", "Southern Africa", home=sample_home)
    assert renamed.returncode == 0, renamed.stderr
    assert "Southern Africa" in broadsheet("views", home=sample_home).stdout
    missing = broadsheet("views", "delete", "nothing", home=sample_home)
    assert missing.returncode == 1 and "no view called" in missing.stderr
    deleted = broadsheet("views", "delete", "southern africa", home=sample_home)
    assert deleted.returncode == 0, deleted.stderr
    assert json.loads(broadsheet("views", "--json", home=sample_home).stdout) == []


def _ids(home: Path, *words: str) -> list[str]:
    result = broadsheet("search", *words, "--json", home=home)
    assert result.returncode == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def test_search_sees_an_edited_file(sample_home: Path) -> None:
    assert _ids(sample_home, "xylophonist") == []
    assert _ids(sample_home, "economy") == _ids(sample_home, "economy", "--rescan")
    path = sample_home / "articles" / "2019-09-09-robert-mugabe-dies.md"
    text = path.read_text(encoding="utf-8")
    saved = path.with_name(".saving.tmp")  # Saved as editors and `add` do: renamed over it.
    saved.write_text(text + "\nA xylophonist played.\n", encoding="utf-8")
    os.replace(saved, path)
    assert _ids(sample_home, "xylophonist") == [MUGABE_ID]
    with path.open("a", encoding="utf-8") as handle:  # In place: its folder keeps its time.
        handle.write("A glockenspielist too.\n")
    assert _ids(sample_home, "glockenspielist", "--rescan") == [MUGABE_ID]
    assert _ids(sample_home, "glockenspielist") == [MUGABE_ID]  # (the rescan updated the index)
