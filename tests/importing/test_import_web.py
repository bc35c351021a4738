"""Importing pages, feeds and OPML lists by URL from a real local HTTP server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import IMPORT_FIXTURES
from tests.importing.helpers import reasons, run_import, stored
from tests.webserver import TestSite

ARTICLE_HTML = (IMPORT_FIXTURES / "article.html").read_bytes()
FEED_RSS = (IMPORT_FIXTURES / "feed.rss").read_bytes()
FEED_ATOM = (IMPORT_FIXTURES / "feed.atom").read_bytes()


def page(title: str, paragraph: str, charset_meta: str = "") -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return (
        f"<html><head>{meta}<title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{paragraph}</p><p>It was reported by the local paper on the same day, and many "
        "readers wrote in about it over the following week.</p></article></body></html>"
    )


def rss(items: list[tuple[str, str, str]]) -> str:
    """A feed of (title, link, description) items."""
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><description>{text}</description>"
        "<pubDate>Mon, 02 Sep 2024 10:00:00 +0000</pubDate></item>"
        for title, link, text in items
    )
    channel = f"<channel><title>Test feed</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "articles"
    path.mkdir()
    return path


def test_a_page_by_url(web: TestSite, library: Path) -> None:
    url = web.add("/news/bridge", ARTICLE_HTML)
    report = run_import(library, url)
    assert report.ok
    article = stored(library)["Harbour town votes to rebuild its stone bridge"]
    # The page names its canonical URL: that is the source, so it is known however it was reached.
    assert article.meta.source == "https://courier.example.org/2024/03/05/stone-bridge"
    assert "Injected script" not in article.body


def test_a_page_without_a_canonical_url_keeps_the_final_url(web: TestSite, library: Path) -> None:
    final = web.add("/story.html", page("Night market opens", "The night market opened."))
    web.redirect("/short", "/story.html")
    run_import(library, web.url("/short"))
    assert stored(library)["Night market opens"].meta.source == final


def test_a_url_already_in_the_library_is_not_downloaded_again(web: TestSite, library: Path) -> None:
    url = web.add("/story.html", page("Night market opens", "The night market opened."))
    run_import(library, url)
    again = run_import(library, url + "#comments")
    assert len(again.skipped) == 1 and "same source URL" in again.skipped[0].why
    assert web.paths_requested() == ["/story.html"]


def test_a_feed_by_url_and_its_second_import(web: TestSite, library: Path) -> None:
    url = web.add("/feed.rss", FEED_RSS, content_type="application/rss+xml")
    first = run_import(library, url)
    assert len(first.added) == 3
    second = run_import(library, url)
    assert (len(second.added), len(second.skipped)) == (0, 3)
    # Only the feed itself was fetched, both times; its entries' pages never were.
    assert web.paths_requested() == ["/feed.rss", "/feed.rss"]


def test_a_grown_feed_adds_only_its_new_entries(web: TestSite, library: Path) -> None:
    old = [("Old news", "https://ex.example.org/old", "Something happened.")]
    web.add("/f.xml", rss(old), content_type="text/xml")
    run_import(library, web.url("/f.xml"))
    new = [("New news", "https://ex.example.org/new", "Something else happened."), *old]
    web.add("/f.xml", rss(new), content_type="text/xml")
    report = run_import(library, web.url("/f.xml"))
    assert [o.meta.title for o in report.added if o.meta] == ["New news"]
    assert len(report.skipped) == 1


def test_fetch_downloads_each_entry_page_and_a_failure_stops_nothing(
    web: TestSite, library: Path
) -> None:
    web.add("/a.html", page("Page A", "Full text of the first story, from its page."))
    web.add("/c.html", page("Page C", "Full text of the third story, from its page."))
    items = [
        ("Story A", web.url("/a.html"), "Summary A."),
        ("Story B", web.url("/missing.html"), "Summary B."),
        ("Story C", web.url("/c.html"), "Summary C."),
    ]
    feed = web.add("/feed.xml", rss(items), content_type="application/rss+xml")
    report = run_import(library, feed, fetch=True)
    assert reasons(report) == {f"“Story B” in {feed}": "HTTP 404 Not Found"}
    articles = stored(library)
    assert set(articles) == {"Story A", "Story C"}
    assert "Full text of the first story, from its page." in articles["Story A"].body
    assert "Summary A." not in articles["Story A"].body
    assert articles["Story A"].meta.source == web.url("/a.html")


def test_without_fetch_entry_pages_are_not_downloaded(web: TestSite, library: Path) -> None:
    items = [("Story A", web.url("/a.html"), "Summary A.")]
    feed = web.add("/feed.xml", rss(items), content_type="application/rss+xml")
    run_import(library, feed)
    assert web.paths_requested() == ["/feed.xml"]
    assert stored(library)["Story A"].body.startswith("Summary A.")


def test_an_opml_file_imports_the_feeds_it_lists(
    web: TestSite, library: Path, tmp_path: Path
) -> None:
    web.add("/feed.rss", FEED_RSS, content_type="application/rss+xml")
    web.add("/feed.atom", FEED_ATOM, content_type="application/atom+xml")
    port = web.base.rsplit(":", 1)[1]
    opml = tmp_path / "subscriptions.opml"
    opml.write_text((IMPORT_FIXTURES / "feeds.opml").read_text().replace("PORT", port))
    report = run_import(library, opml)
    assert report.ok
    assert len(report.added) == 5
    assert sorted(web.paths_requested()) == ["/feed.atom", "/feed.rss"]


def test_an_opml_list_by_url(web: TestSite, library: Path) -> None:
    web.add("/feed.atom", FEED_ATOM, content_type="application/atom+xml")
    opml = (
        '<?xml version="1.0"?><opml version="1.0"><body>'
        f'<outline text="Science" xmlUrl="{web.url("/feed.atom")}"/>'
        f'<outline text="Gone" xmlUrl="{web.url("/gone.xml")}"/>'
        "</body></opml>"
    )
    url = web.add("/list.opml", opml, content_type="text/x-opml")
    report = run_import(library, url)
    assert len(report.added) == 2
    assert reasons(report) == {f"{web.url('/gone.xml')} (listed in {url})": "HTTP 404 Not Found"}


CAFE = ("Café society", "The café reopened on Monday.")
TOKYO = ("東京の喫茶店", "喫茶店が月曜日に再開した。")


@pytest.mark.parametrize(
    ("words", "body", "content_type"),
    [
        # UTF-8 bytes declared as Latin-1 by the server.
        (CAFE, page(*CAFE).encode("utf-8"), "text/html; charset=iso-8859-1"),
        # Windows-1252 bytes declared as UTF-8 by the server and by the page.
        (CAFE, page(*CAFE, "utf-8").encode("cp1252"), "text/html; charset=utf-8"),
        # Windows-1252 bytes with no charset anywhere.
        (CAFE, page(*CAFE).encode("cp1252"), "text/html"),
        # Shift_JIS, declared only in the page.
        (TOKYO, page(*TOKYO, "shift_jis").encode("shift_jis"), "text/html"),
    ],
)
def test_wrong_and_missing_charsets(
    web: TestSite, library: Path, words: tuple[str, str], body: bytes, content_type: str
) -> None:
    title, text = words
    run_import(library, web.add("/cafe.html", body, content_type=content_type))
    assert text in stored(library)[title].body


def test_a_feed_with_a_wrong_charset(web: TestSite, library: Path) -> None:
    feed = rss([("Smörgåsbord at the fête", "https://ex.example.org/f", "Crème brûlée for all.")])
    url = web.add(
        "/f.xml", feed.encode("cp1252"), content_type="application/rss+xml; charset=utf-8"
    )
    report = run_import(library, url)
    assert report.ok
    [article] = stored(library).values()
    assert article.title == "Smörgåsbord at the fête"
    assert article.body.startswith("Crème brûlée for all.")


def test_every_kind_of_failure_gets_one_line_and_the_rest_imports(
    web: TestSite, library: Path
) -> None:
    good = web.add("/good.html", page("Good story", "This one works."))
    slow = web.add("/slow.html", page("Slow story", "Too late."), delay=3)
    pdf = web.add("/file.pdf", b"%PDF-1.4", content_type="application/pdf")
    empty = web.add("/empty.html", "<html><body></body></html>")
    web.redirect("/loop", "/loop")
    huge = web.add("/huge.html", b"<p>" + b"x" * 2_000_000)
    report = run_import(
        library,
        web.url("/nothing-here"),
        web.url("/loop"),
        slow,
        pdf,
        empty,
        huge,
        good,
        timeout=0.5,
        max_bytes=1_048_576,
    )
    assert reasons(report) == {
        web.url("/nothing-here"): "HTTP 404 Not Found",
        web.url("/loop"): "redirect loop (the page redirects back to itself)",
        slow: "timed out: no answer from 127.0.0.1 within 0.5 s",
        pdf: "not a web page or feed (the server sent application/pdf)",
        empty: "no article text found in the page",
        huge: "too large (1.9 MB; the limit is 1 MB)",
    }
    assert [o.meta.title for o in report.added if o.meta] == ["Good story"]
