"""Reading article files: front matter, titles, encodings, bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.library import ArticleError, load_article, parse_article
from reader.library.parsing import MAX_ARTICLE_BYTES
from tests.conftest import WriteArticle, front_matter


def test_front_matter_fields(write_article: WriteArticle) -> None:
    path = write_article(
        "a.md",
        "---\ntitle: A title\ndate: 2024-05-01\nsource: https://example.org/a\n"
        "author: Jo Writer\nlicense: CC BY 4.0\ntags: [Economy, ' Trade ']\n---\n\n"
        "Body text here.\n",
    )
    article = load_article(path)
    meta = article.meta
    assert meta.title == "A title"
    assert meta.date == "2024-05-01"
    assert meta.source == "https://example.org/a"
    assert meta.author == "Jo Writer"
    assert meta.license == "CC BY 4.0"
    assert meta.tags == ("economy", "trade")
    assert meta.words == 3
    assert article.body == "Body text here."
    assert article.warnings == ()


def test_datetime_and_z_dates_are_iso() -> None:
    text = "---\ntitle: T\ndate: 2024-05-01T10:30:00Z\n---\nx\n"
    assert parse_article(text, "a.md", "markdown").meta.date == "2024-05-01T10:30:00+00:00"


def test_bad_date_is_a_warning_not_a_failure() -> None:
    article = parse_article("---\ntitle: T\ndate: last Tuesday\n---\nx\n", "a.md", "markdown")
    assert article.meta.date == ""
    assert any("not ISO 8601" in warning for warning in article.warnings)


def test_markdown_without_front_matter_takes_first_heading() -> None:
    article = parse_article("# The heading\n\nFirst paragraph.\n", "a.md", "markdown")
    assert article.meta.title == "The heading"
    assert article.body == "First paragraph."


def test_markdown_without_heading_takes_first_line() -> None:
    article = parse_article("Just a line\n\nMore text.\n", "a.md", "markdown")
    assert article.meta.title == "Just a line"
    assert article.body == "More text."


def test_text_file_first_line_is_title(write_article: WriteArticle) -> None:
    path = write_article("story.txt", "Headline here\n\nPara one.\n\nPara two.\n")
    article = load_article(path)
    assert article.kind == "text"
    assert article.meta.title == "Headline here"
    assert article.body == "Para one.\n\nPara two."


def test_long_first_line_is_shortened_and_kept_in_body() -> None:
    line = "word " * 100
    article = parse_article(line + "\n", "a.txt", "text")
    assert article.meta.title.endswith("…")
    assert len(article.meta.title) < 90
    assert article.body.startswith("word word")


def test_broken_front_matter_still_loads_with_a_warning() -> None:
    text = '---\ntitle: "unclosed\ndate: [1, 2\n---\n# Real title\n\nBody.\n'
    article = parse_article(text, "a.md", "markdown")
    assert article.meta.title == "Real title"
    assert article.body == "Body."
    assert any("not valid YAML" in warning for warning in article.warnings)


def test_front_matter_that_is_not_a_mapping() -> None:
    article = parse_article("---\n- a\n- b\n---\nHello\n\nBody\n", "a.md", "markdown")
    assert article.meta.title == "Hello"
    assert "key: value" in article.warnings[0]


def test_unterminated_front_matter_is_body() -> None:
    article = parse_article("---\ntitle: x\n\nno end marker\n", "a.md", "markdown")
    assert article.meta.title == "---"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n  \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(1, 32)) * 50, "binary file"),
        (b"---\ntitle: ''\n---\n\n", "no text"),
    ],
)
def test_unusable_files_raise_with_reason(
    write_article: WriteArticle, data: bytes, reason: str
) -> None:
    path = write_article("bad.md", data)
    with pytest.raises(ArticleError, match=reason):
        load_article(path)


def test_windows_1252_falls_back(write_article: WriteArticle) -> None:
    path = write_article("old.txt", "Price rises\n\nIt costs £5 – “quoted”.\n".encode("cp1252"))
    article = load_article(path)
    assert "£5 – “quoted”" in article.body
    assert article.warnings == ("not UTF-8; read as Windows-1252",)


def test_latin1_when_not_cp1252(write_article: WriteArticle) -> None:
    path = write_article("odd.txt", b"Title\n\nbyte \x81 and \xe9\n")
    article = load_article(path)
    assert "é" in article.body
    assert "Latin-1" in article.warnings[0]


def test_utf16_with_bom(write_article: WriteArticle) -> None:
    path = write_article("u16.txt", "Título\n\nCuerpo.\n".encode("utf-16"))
    assert load_article(path).meta.title == "Título"


def test_utf8_bom_is_dropped(write_article: WriteArticle) -> None:
    path = write_article("bom.md", "\ufeff---\ntitle: With BOM\n---\nBody\n".encode())
    assert load_article(path).meta.title == "With BOM"


def test_too_large_is_refused_without_reading(write_article: WriteArticle) -> None:
    path = write_article("huge.txt", b"")
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    with pytest.raises(ArticleError, match="too large"):
        load_article(path)
    assert MAX_ARTICLE_BYTES < 20 * 1024 * 1024


def test_unreadable_file(write_article: WriteArticle) -> None:
    from tests.hostile.helpers import NOBODY, as_user, remove, shared_folder

    if os.geteuid() != 0:
        path = write_article("secret.md", "# x\n\ny\n")
        path.chmod(0)
        with pytest.raises(ArticleError, match="permission denied"):
            load_article(path)
        return
    folder = shared_folder()  # As root, act as another user so that permissions apply.
    try:
        path = folder / "secret.md"
        path.write_text("# x\n\ny\n")
        path.chmod(0o600)
        with as_user(NOBODY), pytest.raises(ArticleError, match="permission denied"):
            load_article(path)
    finally:
        remove(folder)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="not found"):
        load_article(tmp_path / "nope.md")


def test_control_characters_become_visible_symbols() -> None:
    text = front_matter("Evil \x1b[31mred\x07", "Body \x1b]8;;http://x\x1b\\link\x9b and\ttab")
    article = parse_article(text, "a.md", "markdown")
    assert "\x1b" not in article.meta.title and "\x07" not in article.meta.title
    assert article.meta.title == "Evil ␛[31mred␇"
    assert "\x1b" not in article.body and "\x9b" not in article.body and "\t" not in article.body
    assert "␛]8;;http://x␛\\link" in article.body


def test_rich_markup_is_kept_as_text() -> None:
    article = parse_article(
        front_matter("[bold red]Alarm[/]", "[link=x]click[/link]"), "a.md", "markdown"
    )
    assert article.meta.title == "[bold red]Alarm[/]"
    assert article.body == "[link=x]click[/link]"


def test_crlf_line_endings(write_article: WriteArticle) -> None:
    path = write_article("win.md", b"---\r\ntitle: Win\r\n---\r\n\r\nLine one\r\nline two\r\n")
    article = load_article(path)
    assert article.meta.title == "Win"
    assert article.body == "Line one\nline two"
