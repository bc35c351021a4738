"""Importing from disk: article files, folders, saved pages, feed and OPML files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.library import Library
from reader.text.document import build_document
from reader.util.paths import bundled_path
from tests.conftest import IMPORT_FIXTURES
from tests.importing.helpers import reasons, run_import, stored

NOTES = IMPORT_FIXTURES / "notes"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "articles"
    path.mkdir()
    return path


def test_a_folder_of_markdown_and_text_files(library: Path) -> None:
    report = run_import(library, NOTES)
    assert report.ok
    assert len(report.added) == 3
    articles = stored(library)
    assert set(articles) == {
        "Notes on the harbour wall",
        "Fishing quotas agreed for next year",
        "Lighthouse keepers' cottages to become a museum",
    }
    note = articles["Notes on the harbour wall"]
    assert note.meta.date == "2023-11-02"
    assert note.meta.author == "A. Reader"
    assert note.meta.tags == ("harbour", "notes")
    assert note.meta.path == "2023-11-02-notes-on-the-harbour-wall.md"
    # The heading became the title, not a repeated first line of the body.
    cottages = articles["Lighthouse keepers' cottages to become a museum"]
    assert cottages.body.startswith("The three cottages")
    assert cottages.meta.path == "lighthouse-keepers-cottages-to-become-a-museum.md"


def test_every_file_has_front_matter_with_its_id_and_the_library_agrees(library: Path) -> None:
    report = run_import(library, NOTES, IMPORT_FIXTURES / "feed.rss")
    ids = {outcome.meta.id for outcome in report.added if outcome.meta}
    for path in library.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\ntitle: ")
        assert "\nid: " in text and "\nimported: " in text
    scanned = Library(library)
    result = scanned.scan()
    assert not result.problems
    assert {meta.id for meta in scanned.articles} == ids
    assert all(meta.id_origin == "front" for meta in scanned.articles)


def test_importing_the_same_things_twice_adds_nothing(library: Path) -> None:
    targets = (NOTES, IMPORT_FIXTURES / "article.html", IMPORT_FIXTURES / "feed.rss")
    first = run_import(library, *targets)
    files = sorted(path.name for path in library.iterdir())
    second = run_import(library, *targets)
    assert len(first.added) == 7
    assert (len(second.added), len(second.skipped), len(second.failed)) == (0, 7, 0)
    assert all(o.why.startswith("already in the library: ") for o in second.skipped)
    assert sorted(path.name for path in library.iterdir()) == files


def test_a_text_file_reads_the_same_after_import(library: Path) -> None:
    run_import(library, NOTES / "plain.txt")
    article = stored(library)["Fishing quotas agreed for next year"]
    original = Library(NOTES).load(
        next(m for m in _scan(NOTES) if m.title == "Fishing quotas agreed for next year")
    )
    assert build_document(article).plain == build_document(original).plain
    assert "1\\. The next meeting is in June." in article.body
    assert article.meta.text_hash == original.meta.text_hash


def _scan(folder: Path) -> list:  # type: ignore[type-arg]
    library = Library(folder)
    library.scan()
    return library.articles


def test_the_same_text_twice_in_one_import_is_stored_once(library: Path, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    text = "Quiet night at the harbour\n\nNothing happened at all, the harbour master said.\n"
    (source / "a.txt").write_text(text)
    (source / "b.md").write_text(text.replace("Quiet", "# Quiet", 1))
    report = run_import(library, source)
    assert len(report.added) == 1
    [skip] = report.skipped
    assert skip.what.endswith("b.md")
    assert "an earlier item of this import" in skip.why and "same text" in skip.why


def test_an_article_already_in_the_library_is_skipped(library: Path, tmp_path: Path) -> None:
    shutil.copy(bundled_path("articles") / "2019-09-09-robert-mugabe-dies.md", library)
    copy = tmp_path / "mugabe-copy.md"
    copy.write_text(
        (library / "2019-09-09-robert-mugabe-dies.md").read_text().replace("source:", "old:")
    )
    report = run_import(library, copy)
    assert reasons(report, "skipped") == {
        str(copy): "already in the library: 2019-09-09-robert-mugabe-dies.md has the same text"
    }


def test_a_saved_web_page(library: Path) -> None:
    report = run_import(library, IMPORT_FIXTURES / "article.html")
    assert report.ok
    article = stored(library)["Harbour town votes to rebuild its stone bridge"]
    meta = article.meta
    assert meta.author == "Mara Quillfeather"
    assert meta.date == "2024-03-05"
    assert meta.source == "https://courier.example.org/2024/03/05/stone-bridge"
    assert meta.path == "2024-03-05-harbour-town-votes-to-rebuild-its-stone-bridge.md"
    body = article.body
    assert body.startswith("The council of the harbour town")
    assert "[old stone bridge](https://courier.example.org/topics/bridge)" in body
    assert "**serious cracks**" in body
    assert "\n## What happens next\n" in body
    assert "\n- Phase two: the two damaged arches are taken down\n" in body
    assert "\n> We cannot leave the bridge as it is" in body
    for boilerplate in (
        "Injected script",
        "trackReader",
        "font-family",
        "Advertisement",
        "Most read",
        "Copyright",
        "Subscribe",
    ):
        assert boilerplate not in body
    assert "site: The Example Courier" in (library / meta.path).read_text()


def test_rss_file_entries_become_articles(library: Path) -> None:
    report = run_import(library, IMPORT_FIXTURES / "feed.rss")
    assert report.ok and len(report.added) == 3
    articles = stored(library)
    ferry = articles["Ferry timetable changes for the winter"]
    assert ferry.meta.date == "2024-10-01T08:15:00+00:00"
    assert ferry.meta.author == "Tobias Lunde"
    assert ferry.meta.source == "https://courier.example.org/2024/10/01/ferry-winter"
    assert "*four* times a day" in ferry.body
    assert "\n## Why the change\n" in ferry.body
    assert "> We will add sailings again in March." in ferry.body
    assert "alert" not in ferry.body
    hours = articles["Library extends its opening hours"]
    assert hours.body == (
        "The town library will open until **eight** in the evening on weekdays.\n\n"
        "[Read the whole article](https://courier.example.org/2024/09/20/library-hours)"
    )
    assert "feed: 'The Example Courier: Local news'" in (library / hours.meta.path).read_text()


def test_markup_and_terminal_escapes_in_a_title_stay_inert(library: Path) -> None:
    run_import(library, IMPORT_FIXTURES / "feed.rss")
    [storm] = [a for a in stored(library).values() if a.title.startswith("Storm")]
    assert storm.title == "Storm [bold]warning[/bold] for the coast ␛]8;;x␇"
    assert storm.meta.path == "2024-09-12-storm-bold-warning-bold-for-the-coast-8-x.md"
    raw = (library / storm.meta.path).read_bytes()
    assert b"\x1b" not in raw and b"\x07" not in raw


def test_atom_file_with_an_html_title(library: Path) -> None:
    report = run_import(library, IMPORT_FIXTURES / "feed.atom")
    assert report.ok
    articles = stored(library)
    assert set(articles) == {"Tide gauge shows record spring tide", "Seabird count finished"}
    assert articles["Tide gauge shows record spring tide"].meta.author == "Hedda Sørlie"


def test_a_broken_feed_gives_what_it_can_and_a_failure_line(library: Path) -> None:
    report = run_import(library, IMPORT_FIXTURES / "broken-feed.xml")
    assert [o.meta.title for o in report.added if o.meta] == [
        "Entry that survives the broken markup"
    ]
    assert reasons(report) == {
        f"entry 2 in {IMPORT_FIXTURES / 'broken-feed.xml'}": "the entry has no text and no link"
    }


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("empty.md", b"", "empty file"),
        ("binary.txt", b"\x00\x01\x02\x03" * 50, "binary file, not text"),
        ("data.json", b'{"a": 1}', "not a file Broadsheet can import"),
        (
            "other.xml",
            b"<?xml version='1.0'?><catalog><book/></catalog>",
            "not an RSS or Atom feed",
        ),
        (
            "scripts.html",
            b"<html><head><script>var a=1;</script><style>p{}</style></head><body></body></html>",
            "no article text found in the page",
        ),
        ("blank.html", b"   \n", "empty page"),
        ("title-only.md", b"# Just a title\n", "no text besides the title"),
    ],
)
def test_bad_files_give_a_clear_failure(
    library: Path, tmp_path: Path, name: str, content: bytes, why: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    report = run_import(library, path)
    [failure] = report.failed
    assert failure.why.startswith(why), failure.why
    assert list(library.iterdir()) == []


def test_an_enormous_page_is_refused(library: Path, tmp_path: Path) -> None:
    page = tmp_path / "enormous.html"
    page.write_bytes(b"<html><body>" + b"<p>words and more words</p>" * 60_000 + b"</body></html>")
    report = run_import(library, page, max_bytes=1_048_576)
    assert reasons(report) == {str(page): "too large (1.5 MB; the limit is 1 MB)"}


def test_missing_paths_and_other_schemes_fail_but_the_rest_imports(library: Path) -> None:
    report = run_import(library, "no/such/file.md", "ftp://example.org/a.html", NOTES / "plain.txt")
    assert reasons(report) == {
        "no/such/file.md": "no such file or folder",
        "ftp://example.org/a.html": "only http and https URLs can be imported",
    }
    assert len(report.added) == 1


def test_an_empty_folder(library: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    report = run_import(library, tmp_path / "empty")
    assert report.failed[0].why == "no .md, .txt, .html, feed or OPML files in this folder"


def test_a_library_that_cannot_be_written_fails_each_item_cleanly(tmp_path: Path) -> None:
    library = tmp_path / "articles"
    library.write_text("a file where the library folder should be")
    report = run_import(library, NOTES)
    assert len(report.failed) == 3
    assert all(o.why.startswith("cannot write to the library (") for o in report.failed)


def test_no_temporary_files_are_left_behind(library: Path) -> None:
    run_import(library, NOTES, IMPORT_FIXTURES / "feed.rss", IMPORT_FIXTURES / "article.html")
    assert [p.name for p in library.iterdir() if p.name.startswith(".")] == []
    assert all(p.suffix == ".md" for p in library.iterdir())


def test_file_names_never_collide(library: Path, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for number in range(3):
        (source / f"{number}.txt").write_text(f"Same title\n\nDifferent text number {number}.\n")
    (library / "SAME-TITLE.md").write_text("---\ntitle: Other\n---\n\nSomething else entirely.\n")
    run_import(library, source)
    names = sorted(path.name for path in library.iterdir())
    assert names == ["SAME-TITLE.md", "same-title-2.md", "same-title-3.md", "same-title-4.md"]


def test_devices_and_fifos_are_refused_with_a_reason(library: Path, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    zero_link = tmp_path / "zero.txt"
    zero_link.symlink_to("/dev/zero")
    for given, words in (
        (Path("/dev/zero"), "device"),
        (zero_link, "device"),
        (fifo, "named pipe"),
    ):
        report = run_import(library, given)
        assert not report.ok
        assert any(words in reason for reason in reasons(report).values()), reasons(report)
    assert stored(library) == {}
