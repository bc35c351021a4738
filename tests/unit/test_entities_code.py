"""No entities in code: fenced and indented code blocks, inline code (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.entities import get_extractor
from reader.entities.types import Mention
from reader.library import parse_article
from reader.text.document import Document, blank_ranges, build_document, outside_ranges
from tests.conftest import front_matter

BODY = """President Emmanuel Macron visited Berlin on Monday with 300 officials.

To count them, run `python count.py --limit 5000 --host Paris` and wait.

```
for year in range(1990, 2020):
    total += 12 * rate  # Angela Merkel, 45%
```

    indented = 7000  # London

Macron met Olaf Scholz later.
"""


def doc(body: str = BODY) -> Document:
    return build_document(parse_article(front_matter("Macron in Berlin", body), "a.md", "markdown"))


def test_code_ranges_cover_blocks_and_inline_code() -> None:
    document = doc()
    pieces = [document.plain[s:e] for s, e in document.code_ranges]
    assert pieces[0] == "python count.py --limit 5000 --host Paris"
    assert pieces[1].startswith("for year in range(1990, 2020):")
    assert pieces[2] == "indented = 7000  # London"
    assert len(pieces) == 3


def test_entity_text_blanks_code_and_keeps_offsets() -> None:
    document = doc()
    text = document.entity_text
    assert len(text) == len(document.plain)
    assert text.count("\n") == document.plain.count("\n")
    for start, end in document.code_ranges:
        assert not text[start:end].strip()
    outside = [i for i, ch in enumerate(text) if ch != document.plain[i]]
    assert all(any(s <= i < e for s, e in document.code_ranges) for i in outside)


def test_no_entity_inside_code() -> None:
    document = doc()
    mentions = document.outside_code(get_extractor().extract(document.entity_text))
    texts = {m.text for m in mentions}
    assert {"Emmanuel Macron", "Berlin", "300", "Olaf Scholz"} <= texts
    for m in mentions:
        assert document.plain[m.start : m.end] == m.text
        assert all(m.end <= s or m.start >= e for s, e in document.code_ranges), m
    for inside in ("5000", "Paris", "1990", "2020", "12", "45%", "Angela Merkel", "7000", "London"):
        assert inside not in texts


def test_article_without_code_reads_as_before() -> None:
    document = doc("Macron visited Berlin with 300 officials.")
    assert document.code_ranges == []
    assert document.entity_text is document.plain


def test_mentions_across_a_blanked_span_are_dropped() -> None:
    text = "Apple `x` Inc"
    ranges = [(6, 9)]
    assert blank_ranges(text, ranges) == "Apple     Inc"
    across = Mention("ORG", 0, 13, "Apple     Inc")
    before = Mention("ORG", 0, 5, "Apple")
    after = Mention("ORG", 10, 13, "Inc")
    assert outside_ranges([before, across, after], ranges) == [before, after]


def test_entities_command_skips_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.md"
    path.write_text(front_matter("Macron in Berlin", BODY), encoding="utf-8")
    assert main(["--home", str(tmp_path / "home"), "entities", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    names = {d["text"] for d in data}
    assert "Berlin" in names and "300" in names
    assert not names & {"5000", "1990", "2020", "7000", "Paris", "London", "Angela Merkel"}
