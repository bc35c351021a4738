"""Answering from the index when nothing changed: the same verdict as a scan, or none."""

from __future__ import annotations

import os
from pathlib import Path

from reader.library import Library
from tests.conftest import WriteArticle, front_matter


def make_library(tmp_path: Path) -> Library:
    return Library(tmp_path / "library", tmp_path / "cache" / "index.json")


def _library_with_problems(write_article: WriteArticle) -> None:
    write_article("good.md", front_matter("Good one", "Some text.", date="2024-01-02"))
    write_article("sub/older.txt", "Older\n\nText.\n")
    write_article("sub/deeper/third.md", front_matter("Third", "More text.", date="2023-05-01"))
    write_article("empty.md", "")
    write_article("odd-date.md", front_matter("Odd date", "Text.", date="2024-02-31"))


def test_an_unchanged_library_gives_what_the_scan_gave(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    _library_with_problems(write_article)
    make_library(tmp_path).scan()
    scanned = make_library(tmp_path).scan()  # (articles from the index: no sketches)
    assert scanned.problems  # (an empty file, an impossible date)
    quick = make_library(tmp_path).load_unchanged()
    assert quick is not None
    assert quick.articles == scanned.articles
    assert sorted(map(str, quick.problems)) == sorted(map(str, scanned.problems))
    assert quick.files_read == 0


def test_any_change_to_a_folder_sends_it_back_to_the_scan(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    _library_with_problems(write_article)
    make_library(tmp_path).scan()
    library = tmp_path / "library"
    edited = library / "sub" / "older.txt"
    # Saved the usual way: a new file renamed over the old one (its folder changes).
    replacement = edited.with_name(".older.txt.new")
    replacement.write_text("Older, edited\n\nText.\n", encoding="utf-8")
    os.replace(replacement, edited)
    assert make_library(tmp_path).load_unchanged() is None
    assert [m.title for m in make_library(tmp_path).scan().articles if "Older" in m.title] == [
        "Older, edited"
    ]
    assert make_library(tmp_path).load_unchanged() is not None
    write_article("sub/deeper/new.md", front_matter("New", "Text."))
    assert make_library(tmp_path).load_unchanged() is None
    make_library(tmp_path).scan()
    (library / "good.md").unlink()
    assert make_library(tmp_path).load_unchanged() is None


def test_a_file_rewritten_in_place_waits_for_the_next_scan(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    """The documented limit: the folder keeps its time, so the index still answers."""
    _library_with_problems(write_article)
    make_library(tmp_path).scan()
    edited = tmp_path / "library" / "sub" / "older.txt"
    folder_time = os.stat(edited.parent).st_mtime_ns
    with edited.open("w", encoding="utf-8") as handle:
        handle.write("Rewritten\n\nText.\n")
    assert os.stat(edited.parent).st_mtime_ns == folder_time
    quick = make_library(tmp_path).load_unchanged()
    assert quick is not None and "Older" in {m.title for m in quick.articles}
    assert "Rewritten" in {m.title for m in make_library(tmp_path).scan().articles}


def test_no_index_or_a_damaged_one_gives_none(tmp_path: Path, write_article: WriteArticle) -> None:
    write_article("good.md", front_matter("Good one", "Some text."))
    assert make_library(tmp_path).load_unchanged() is None
    make_library(tmp_path).scan()
    (tmp_path / "cache" / "index.json").write_text('{"format": 4, "files": [')
    assert make_library(tmp_path).load_unchanged() is None


def test_duplicates_are_left_to_the_scan(tmp_path: Path, write_article: WriteArticle) -> None:
    text = front_matter("Same", "Same text.", id="same-id")
    write_article("a.md", text)
    write_article("b.md", text)
    scanned = make_library(tmp_path).scan()
    assert any("same article" in problem.message for problem in scanned.problems)
    assert make_library(tmp_path).load_unchanged() is None
