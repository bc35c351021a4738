"""``broadsheet feeds`` and ``broadsheet refresh`` in a subprocess, against a local server."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from tests.cli.test_cli import broadsheet
from tests.feedgen import paragraph, rss
from tests.webserver import TestSite

FEED_TYPE = "application/rss+xml"


def _feed(web: TestSite, path: str, title: str, count: int) -> str:
    entries = [(f"{title} {n}", web.url(f"{path}/{n}"), paragraph(n)) for n in range(count)]
    url = web.add(path, rss(title, entries), content_type=FEED_TYPE)
    web.routes[path].etag = f'"{count}"'
    return url


def test_subscribe_refresh_twice_then_new_entries(home: Path, web: TestSite) -> None:
    url = _feed(web, "/courier.xml", "Courier", 3)
    added = broadsheet("feeds", "add", url, home=home)
    assert added.returncode == 0, added.stderr
    assert added.stdout == f"Subscribed to Courier ({url})\n"
    listed = json.loads(broadsheet("feeds", "--json", home=home).stdout)
    assert [(feed["url"], feed["title"]) for feed in listed] == [(url, "Courier")]
    assert listed[0]["query"] == "source:127.0.0.1:" + url.split(":")[-1].split("/")[0]

    first = broadsheet("refresh", home=home)
    assert (first.returncode, first.stdout, first.stderr) == (0, "Courier: added 3\n", "")
    second = broadsheet("refresh", home=home)
    assert second.stdout == "Courier: unchanged\n"
    assert web.not_modified == 1

    _feed(web, "/courier.xml", "Courier", 4)
    third = broadsheet("refresh", url, home=home)
    assert third.stdout == "Courier: added 1\n"
    found = json.loads(broadsheet("search", "source:127.0.0.1", "--json", home=home).stdout)
    assert sorted(item["title"] for item in found) == [f"Courier {n}" for n in range(4)]


def test_refresh_exit_status_says_a_feed_failed(home: Path, web: TestSite) -> None:
    good = _feed(web, "/good.xml", "Good", 1)
    assert broadsheet("feeds", "add", good, home=home).returncode == 0
    web.routes["/good.xml"].status = 500
    result = broadsheet("refresh", home=home)
    assert result.returncode == 1
    assert result.stdout == "Good: failed: HTTP 500 Internal Server Error\n"
    assert "Traceback" not in result.stderr
    unknown = broadsheet("refresh", web.url("/other.xml"), home=home)
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("broadsheet: not subscribed to ")


def test_add_checks_the_feed(home: Path, web: TestSite) -> None:
    page = web.add("/page.html", "<html><body><p>Just a page</p></body></html>")
    result = broadsheet("feeds", "add", page, home=home)
    assert result.returncode == 1
    assert result.stderr == f"broadsheet: not subscribed: {page}: not an RSS or Atom feed\n"
    missing = broadsheet("feeds", "add", web.url("/gone.xml"), home=home)
    assert missing.stderr.endswith("HTTP 404 Not Found\n")
    assert json.loads(broadsheet("feeds", "--json", home=home).stdout) == []


def test_opml_in_and_out_then_remove(home: Path, tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>'
        '<outline text="News"><outline text="One &amp; only" xmlUrl="https://one.example/feed"/>'
        '<outline title="Two" xmlUrl="https://two.example/rss"/></outline></body></opml>',
        encoding="utf-8",
    )
    imported = broadsheet("feeds", "import", str(opml), home=home)
    assert imported.stdout == "Subscribed to 2 feed(s); 0 already subscribed.\n"
    again = broadsheet("feeds", "import", str(opml), home=home)
    assert again.stdout == "Subscribed to 0 feed(s); 2 already subscribed.\n"
    exported = broadsheet("feeds", "export", home=home)
    assert exported.returncode == 0
    root = ElementTree.fromstring(exported.stdout)
    outlines = [(o.get("text"), o.get("xmlUrl")) for o in root.iter("outline")]
    assert outlines == [
        ("One & only", "https://one.example/feed"),
        ("Two", "https://two.example/rss"),
    ]
    # What export writes, import reads back (into another HOME).
    round_trip = tmp_path / "out.opml"
    round_trip.write_text(exported.stdout, encoding="utf-8")
    other = tmp_path / "other"
    assert "Subscribed to 2" in broadsheet("feeds", "import", str(round_trip), home=other).stdout
    removed = broadsheet("feeds", "remove", "https://one.example/feed", home=home)
    assert removed.stdout == "Unsubscribed from One & only\n"
    assert broadsheet("feeds", "remove", "https://one.example/feed", home=home).returncode == 1
    assert len(json.loads(broadsheet("feeds", "--json", home=home).stdout)) == 1
    bad = tmp_path / "bad.opml"
    bad.write_text("<html/>", encoding="utf-8")
    failed = broadsheet("feeds", "import", str(bad), home=home)
    assert (failed.returncode, failed.stderr) == (1, f"broadsheet: {bad}: not an OPML file\n")
