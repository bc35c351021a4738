"""Reading documents: charsets, kinds, article files written and read back, HTML to Markdown."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.importing.article_file import NewArticle, article_text
from reader.importing.encoding import decode_page, meta_charset
from reader.importing.extraction import fragment_markdown, html_text
from reader.importing.report import ImportReport, Outcome, describe
from reader.importing.sniffing import FEED, OPML, PAGE, kind_from_suffix, sniff
from reader.library.parsing import parse_article

WHEN = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        ("café".encode(), "iso-8859-1", "café"),
        ("café".encode("cp1252"), "utf-8", "café"),
        ("café “quoted”".encode("cp1252"), None, "café “quoted”"),
        ('<meta charset="koi8-r">Привет'.encode("koi8-r"), None, '<meta charset="koi8-r">Привет'),
        ("\ufeffbom".encode("utf-16"), None, "bom"),
        (b"\x81\x8d\x8f", "no-such-charset", "\x81\x8d\x8f"),
    ],
)
def test_decode_page(data: bytes, declared: str | None, expected: str) -> None:
    assert decode_page(data, declared) == expected


def test_meta_charset() -> None:
    assert (
        meta_charset(
            b'<head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
        )
        == "shift_jis"
    )
    assert meta_charset(b"<head><title>none</title>") is None


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', FEED),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', FEED),
        (b"<rdf:RDF xmlns:rdf='x'>", FEED),
        (b"<?xml version='1.0'?><opml version='2.0'>", OPML),
        (b"<!DOCTYPE html><html><body><feed>", PAGE),
        (b"\n  <html lang='en'>", PAGE),
        (b"%PDF-1.4", None),
        (b"<catalog/>", None),
    ],
)
def test_sniff(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind


def test_kind_from_suffix() -> None:
    assert kind_from_suffix(PurePath("a.TXT")) == "article"
    assert kind_from_suffix(PurePath("a.htm")) == PAGE
    assert kind_from_suffix(PurePath("a.atom")) == FEED
    assert kind_from_suffix(PurePath("a.opml")) == OPML
    assert kind_from_suffix(PurePath("a.png")) is None


def test_article_text_round_trips_through_the_library_parser() -> None:
    article = NewArticle(
        what="x",
        title="Title: with 'quotes', \"double\" and # hash",
        body="Body **text**.",
        date="2024-03-05",
        source="https://example.org/a?b=1#c",
        author="Ann Author",
        site="Example",
        feed="Feed: news",
        tags=("one", "two"),
    ).cleaned()
    text = article_text(article, "abc123", WHEN)
    meta = parse_article(text, "x.md", "markdown").meta
    assert (meta.title, meta.date, meta.source, meta.author, meta.tags, meta.id) == (
        article.title,
        "2024-03-05",
        "https://example.org/a?b=1#c",
        "Ann Author",
        ("one", "two"),
        "abc123",
    )
    assert "imported: '2025-01-02T03:04:05+00:00'" in text


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=120), st.text(max_size=60))
def test_any_title_and_author_survive_the_front_matter(title: str, author: str) -> None:
    article = NewArticle(what="x", title=title, author=author, body="Some words here.").cleaned()
    meta = parse_article(article_text(article, "id1", WHEN), "x.md", "markdown").meta
    assert meta.title == article.title
    assert meta.author == article.author


def test_cleaned_makes_fields_inert_and_one_line() -> None:
    article = NewArticle(what="x", title="A\x1b[31m red\nline", body="b\x07ell").cleaned()
    assert article.title == "A␛[31m red line"
    assert article.body == "b␇ell"


def test_fragment_markdown_keeps_structure_and_drops_scripts() -> None:
    html = (
        "<p>Para with <b>bold</b> and <a href='/x'>a link</a>.</p>"
        "<blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>"
        "<ul><li>one</li><li>two</li></ul><script>evil()</script>"
    )
    markdown = fragment_markdown(html, "https://example.org/story")
    assert markdown == (
        "Para with **bold** and [a link](https://example.org/x).\n\n"
        "> Quoted one.\n>\n> Quoted two.\n\n"
        "- one\n- two"
    )


def test_fragment_markdown_of_loose_text_is_one_paragraph() -> None:
    assert fragment_markdown("Loose <b>bold</b> text<br>next") == "Loose **bold** text\n\nnext"


def test_fragment_markdown_of_plain_text_escapes_it() -> None:
    assert fragment_markdown("5 * 3 &amp; [x]") == "5 \\* 3 & \\[x\\]"


def test_html_text() -> None:
    assert html_text("<p>One <i>two</i></p><script>x()</script><p>Three&amp;four</p>") == (
        "One two\n\nThree&four"
    )


def test_report_summary_and_lines() -> None:
    report = ImportReport()
    report.record(Outcome("failed", "a.html", "HTTP 404 Not Found"))
    report.record(Outcome("skipped", "b.md", "already in the library: b.md has the same text"))
    assert report.summary() == "Added 0 articles, skipped 1 already in the library, failed 1."
    assert not report.ok
    assert report.failed[0].line() == "a.html: HTTP 404 Not Found"
    assert describe("x\x1b]8;;\n" + "y" * 200).startswith("x␛]8;; yyy")
    assert len(describe("y" * 500)) == 120
