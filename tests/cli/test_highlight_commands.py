"""highlight, annotations and the exports that carry everything, run as the real command."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from tinydb import TinyDB

from tests.cli.test_cli import broadsheet

BIDEN = "27cc5014c5e8"
QUOTE = "Kamala Harris"


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def notes_file(home: Path, article_id: str) -> Path:
    return home / "annotations" / "articles" / article_id[:2] / f"{article_id}.json"


def test_highlight_with_note_and_colour_is_stored_and_listed(sample_home: Path) -> None:
    result = broadsheet(
        "highlight",
        BIDEN[:6],
        "kamala  HARRIS",
        "--note",
        "[bold]VP[/]",
        "--color",
        "blue",
        home=sample_home,
    )
    assert result.returncode == 0, result.stderr
    (doc,) = TinyDB(notes_file(sample_home, BIDEN)).table("notes").all()
    assert doc["kind"] == "highlight" and doc["quote"] == QUOTE and doc["color"] == "blue"
    shown = broadsheet("show", BIDEN, home=sample_home).stdout
    assert doc["prefix"] and doc["suffix"]
    broadsheet("note", BIDEN, "later note", home=sample_home)
    listed = json.loads(broadsheet("annotations", "--json", home=sample_home).stdout)
    assert [item["kind"] for item in listed] == ["note", "highlight"]
    assert set(listed[1]) == {
        "article",
        "title",
        "kind",
        "quote",
        "start",
        "end",
        "note",
        "color",
        "created",
        "updated",
        "orphan",
    }
    assert listed[1]["note"] == "[bold]VP[/]" and listed[1]["orphan"] is False
    assert listed[1]["start"] is not None and QUOTE in shown
    only = json.loads(
        broadsheet("annotations", "has:highlights", "--json", home=sample_home).stdout
    )
    assert [item["kind"] for item in only] == ["highlight"]
    words = json.loads(broadsheet("annotations", "later", "--json", home=sample_home).stdout)
    assert [item["note"] for item in words] == ["later note"]
    plain = broadsheet("annotations", home=sample_home).stdout
    assert "highlight blue" in plain and "[bold]VP[/]" in plain


def test_highlight_errors_are_one_line(sample_home: Path) -> None:
    for args, message in [
        (("highlight", BIDEN, "no such words anywhere"), "not found"),
        (("highlight", BIDEN, "Biden", "--color", "mauve"), "invalid choice"),
        (("highlight", "nope", "x"), "no article"),
        (("annotations", "is:"), "needs a value"),
    ]:
        result = broadsheet(*args, home=sample_home)
        assert result.returncode != 0 and message in result.stderr
        assert "Traceback" not in result.stderr


def test_orphan_after_the_sentence_is_deleted(sample_home: Path) -> None:
    broadsheet("highlight", BIDEN, QUOTE, home=sample_home)
    article = next(p for p in (sample_home / "articles").rglob("*.md") if BIDEN in p.read_text())
    text = article.read_text()
    article.write_text(text.replace("Kamala Harris", "his running mate"))
    listed = json.loads(broadsheet("annotations", "--json", home=sample_home).stdout)
    assert listed[0]["orphan"] is True and listed[0]["quote"] == QUOTE
    digest = broadsheet("export", "--format", "markdown", home=sample_home).stdout
    assert f"=={QUOTE}==" in digest and "orphan" in digest


def test_exports_carry_highlights_entities_and_honour_the_umask(
    sample_home: Path, tmp_path: Path, umask_027: None
) -> None:
    broadsheet("tag", BIDEN, "politics", home=sample_home)
    broadsheet("highlight", BIDEN, QUOTE, "--note", "*first* woman VP", home=sample_home)
    broadsheet("note", BIDEN, "whole article", home=sample_home)
    out = tmp_path / "out"
    for fmt in ("json", "markdown"):
        result = broadsheet(
            "export", "--format", fmt, "--output", f"{out / fmt}/", home=sample_home
        )
        assert result.returncode == 0, result.stderr
    (json_file,) = (out / "json").iterdir()
    assert json_file.name == "broadsheet-annotations.json"
    (md_file,) = (out / "markdown").iterdir()
    for path in (json_file, md_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    data = json.loads(json_file.read_text())
    assert data["format"] == 2 and data["library"] == {"corrections": []}
    (article,) = data["articles"]
    assert [note["text"] for note in article["notes"]] == ["whole article"]
    (highlight,) = article["highlights"]
    assert highlight["quote"] == QUOTE and highlight["color"] == "yellow"
    assert article["state"]["read"] is False and article["tags"] == ["politics"]
    names = {(entity["name"], entity["label"]) for entity in article["entities"]}
    assert ("Joe Biden", "PERSON") in names
    assert all(entity["count"] >= 1 for entity in article["entities"])
    text = md_file.read_text()
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["tags"] == ["politics"]
    assert f"=={QUOTE}==\n\n*first* woman VP" in text
    assert "## Key entities" in text and "- **PERSON**: Joe Biden (" in text
    single = tmp_path / "single.json"
    broadsheet("export", "--output", str(single), home=sample_home)
    assert stat.S_IMODE(single.stat().st_mode) == 0o640
    assert json.loads(single.read_text())["articles"][0]["id"] == BIDEN


def test_library_wide_corrections_are_exported(sample_home: Path) -> None:
    from reader.entities.corrections import Correction
    from reader.session.session import Session

    session = Session.at(sample_home)
    session.open()
    assert session.set_correction("library", "kursk", Correction("Kursk", "relabel", "PLACE")).ok
    session.close()
    data = json.loads(broadsheet("export", home=sample_home).stdout)
    assert data["library"]["corrections"][0]["text"] == "Kursk"
