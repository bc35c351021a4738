"""The library scan: index reuse, bad files reported, ids kept across moves and edits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.library import ArticleMeta, Library, LookupFailed
from reader.library.samples import install_samples
from tests.conftest import WriteArticle, front_matter

BODY = " ".join(f"Sentence number {i} tells part of the story." for i in range(60))


def make_library(tmp_path: Path) -> Library:
    return Library(tmp_path / "library", tmp_path / "cache" / "index.json")


def test_scan_lists_good_files_and_reports_bad_ones(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    write_article("good.md", front_matter("Good one", "Text.", date="2024-01-02"))
    write_article("sub/older.txt", "Older\n\nText.\n")
    write_article("empty.md", "")
    write_article("binary.md", b"\x00\x01\x02PK")
    write_article(".hidden.md", front_matter("Hidden", "x"))
    write_article("notes.docx", b"ignored")
    result = make_library(tmp_path).scan()
    assert [meta.title for meta in result.articles] == ["Good one", "Older"]
    reported = {problem.path: problem.message for problem in result.problems}
    assert reported == {"empty.md": "empty file", "binary.md": "binary file, not text"}


def test_dangling_link_is_reported(tmp_path: Path, write_article: WriteArticle) -> None:
    write_article("good.md", front_matter("Good", "x"))
    (tmp_path / "library" / "gone.md").symlink_to(tmp_path / "nowhere.md")
    result = make_library(tmp_path).scan()
    assert [meta.title for meta in result.articles] == ["Good"]
    assert [(p.path, p.message) for p in result.problems] == [
        ("gone.md", "cannot be read (no such file or directory)")
    ]


def test_second_scan_reads_only_changed_files(tmp_path: Path, write_article: WriteArticle) -> None:
    write_article("a.md", front_matter("A", "Text a."))
    path_b = write_article("b.md", front_matter("B", "Text b."))
    library = make_library(tmp_path)
    assert library.scan().files_read == 2
    assert library.scan().files_read == 0
    path_b.write_text(front_matter("B changed", "Text b."))
    os.utime(path_b, ns=(1, 1))
    result = library.scan()
    assert result.files_read == 1
    assert {meta.title for meta in result.articles} == {"A", "B changed"}


def test_bad_files_are_reported_again_from_the_index(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    write_article("empty.md", "")
    library = make_library(tmp_path)
    library.scan()
    second = library.scan()
    assert second.files_read == 0
    assert [problem.path for problem in second.problems] == ["empty.md"]


def test_damaged_index_is_rebuilt(tmp_path: Path, write_article: WriteArticle) -> None:
    write_article("a.md", front_matter("A", "Text."))
    library = make_library(tmp_path)
    library.scan()
    assert library.index_path is not None
    library.index_path.write_text("{not json")
    result = library.scan()
    assert result.files_read == 1
    assert json.loads(library.index_path.read_text())["format"] >= 1


def test_id_survives_rename_and_move(tmp_path: Path, write_article: WriteArticle) -> None:
    path = write_article("story.md", front_matter("No id or source", BODY))
    library = make_library(tmp_path)
    original = library.scan().articles[0].id
    moved = tmp_path / "library" / "archive" / "2024" / "renamed.md"
    moved.parent.mkdir(parents=True)
    path.rename(moved)
    assert library.scan().articles[0].id == original


def test_id_survives_a_typo_fix(tmp_path: Path, write_article: WriteArticle) -> None:
    path = write_article("story.md", front_matter("No id or source", BODY))
    library = make_library(tmp_path)
    original = library.scan().articles[0].id
    path.write_text(front_matter("No id or source", BODY.replace("number 7", "numbr 7")))
    os.utime(path, ns=(5, 5))
    [meta] = library.scan().articles
    assert meta.id == original


def test_id_survives_edit_even_without_cache_for_known_articles(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    path = write_article("story.txt", "Title\n\n" + BODY)
    library = make_library(tmp_path)
    meta = library.scan().articles[0]
    assert library.index_path is not None
    library.index_path.unlink()
    path.write_text("Title\n\n" + BODY.replace("story", "tale", 1))
    [relinked] = library.scan(known={meta.id: meta.sketch}).articles
    assert relinked.id == meta.id


def test_unrelated_new_article_gets_its_own_id(tmp_path: Path, write_article: WriteArticle) -> None:
    first = write_article("one.md", front_matter("One", BODY))
    library = make_library(tmp_path)
    original = library.scan().articles[0].id
    first.unlink()
    write_article("two.md", front_matter("Two", "Completely different words in this one."))
    assert library.scan().articles[0].id != original


def test_duplicate_ids_are_reported(tmp_path: Path, write_article: WriteArticle) -> None:
    write_article("a.md", front_matter("A", "x", id="same"))
    write_article("b.md", front_matter("B", "y", id="same"))
    result = make_library(tmp_path).scan()
    assert len(result.articles) == 1
    assert "same article as a.md" in result.problems[0].message


def test_resolve_by_prefix(tmp_path: Path, write_article: WriteArticle) -> None:
    write_article("a.md", front_matter("A", "x", id="abc123"))
    write_article("b.md", front_matter("B", "y", id="abd456"))
    library = make_library(tmp_path)
    library.scan()
    assert library.resolve("abc").title == "A"
    with pytest.raises(LookupFailed, match="matches 2 articles"):
        library.resolve("ab")
    with pytest.raises(LookupFailed, match="no article"):
        library.resolve("zzz")
    with pytest.raises(LookupFailed, match="no article id"):
        library.resolve("  ")


def test_newest_first_undated_last(tmp_path: Path, write_article: WriteArticle) -> None:
    write_article("old.md", front_matter("Old", "x", date="2001-01-01"))
    write_article("new.md", front_matter("New", "x", date="2024-01-01"))
    write_article("none.md", front_matter("Undated", "x"))
    titles = [meta.title for meta in make_library(tmp_path).scan().articles]
    assert titles == ["New", "Old", "Undated"]


def test_missing_library_folder_is_a_problem(tmp_path: Path) -> None:
    result = make_library(tmp_path).scan()
    assert result.articles == []
    assert "does not exist" in result.problems[0].message


def test_samples_install_once(tmp_path: Path) -> None:
    library = tmp_path / "articles"
    assert install_samples(library) == 24
    assert install_samples(library) == 0
    for path in library.glob("*.md"):
        path.unlink()
    assert install_samples(library) == 0, "the marker keeps deleted samples deleted"


def test_samples_not_installed_over_existing_articles(
    tmp_path: Path, write_article: WriteArticle
) -> None:
    write_article("mine.md", front_matter("Mine", "x"))
    assert install_samples(tmp_path / "library") == 0


def test_sample_articles_all_parse_with_attribution(tmp_path: Path) -> None:
    install_samples(tmp_path / "library")
    result = make_library(tmp_path).scan()
    assert len(result.articles) == 24
    assert result.problems == []
    wikinews = [meta for meta in result.articles if "wikinews" in meta.source]
    assert len(wikinews) == 23
    assert all("CC BY 2.5" in meta.attribution for meta in wikinews)
    seed = next(meta for meta in result.articles if meta.id == "28f3322794e5")
    assert seed.title.startswith("Russia and N.Korea")


def test_add_takes_new_articles_without_a_scan(tmp_path: Path) -> None:
    library = Library(tmp_path)
    library.scan()
    old = ArticleMeta(id="a1", path="a.md", title="Old", date="2020-01-01")
    new = ArticleMeta(id="b2", path="b.md", title="New", date="2021-01-01")
    assert library.add([old]) == [old]
    assert library.add([new, old, new]) == [new]
    assert [meta.id for meta in library.articles] == ["b2", "a1"]
    assert library.get("b2") is new
