"""Highlights and notes stay on their words when the article file is edited (real files)."""

from __future__ import annotations

from pathlib import Path

from tinydb import TinyDB

from reader.session.session import Session
from reader.store.anchoring import locate
from reader.store.records import Note

ARTICLE = """---
title: Harbour report
id: harbour-1
date: 2024-05-01
---
The harbour opened at dawn and the first boats left for the outer banks.

Fishermen said the catch was the best in a decade, thanks to a cold spring.

The mayor promised a new pier before the winter storms arrive next year.
"""
QUOTE = "the catch was the best in a decade"


def open_session(home: Path) -> Session:
    session = Session.at(home, home / "articles")
    session.open()
    return session


def setup(tmp_path: Path) -> tuple[Path, Path, Session, str]:
    home = tmp_path / "home"
    (home / "articles").mkdir(parents=True)
    article = home / "articles" / "harbour.md"
    article.write_text(ARTICLE, encoding="utf-8")
    session = open_session(home)
    meta = session.resolve("harbour-1")
    plain, _ = session.plain_text(meta) or ("", 0)
    start = plain.index(QUOTE)
    outcome = session.highlight(meta.id, plain, start, start + len(QUOTE), "green", "a *note*")
    assert outcome.changed, outcome.error
    session.close()
    return home, article, session, meta.id


def stored_notes(home: Path, article_id: str) -> list[dict[str, object]]:
    path = home / "annotations" / "articles" / article_id[:2] / f"{article_id}.json"
    return TinyDB(path).table("notes").all()


def reopen_and_reanchor(home: Path, article_id: str) -> tuple[Session, str]:
    session = open_session(home)
    meta = session.resolve(article_id)
    plain, _ = session.plain_text(meta) or ("", 0)
    outcome = session.reanchor(article_id, plain)
    assert outcome.ok, outcome.error
    return session, plain


def test_highlight_is_stored_with_quote_context_and_offsets(tmp_path: Path) -> None:
    home, _, _, article_id = setup(tmp_path)
    (doc,) = stored_notes(home, article_id)
    assert doc["kind"] == "highlight" and doc["color"] == "green" and doc["text"] == "a *note*"
    assert doc["quote"] == QUOTE
    assert str(doc["prefix"]).endswith("Fishermen said ") and len(str(doc["prefix"])) == 32
    assert str(doc["suffix"]).startswith(", thanks to")
    assert doc["orphan"] is False


def test_paragraph_inserted_above_keeps_the_same_words(tmp_path: Path) -> None:
    home, article, _, article_id = setup(tmp_path)
    text = article.read_text().replace(
        "The harbour opened", "A new paragraph about the weather.\n\nThe harbour opened"
    )
    article.write_text(text, encoding="utf-8")
    session, plain = reopen_and_reanchor(home, article_id)
    (note,) = session.store.notes_of(article_id)
    assert note.start is not None and note.end is not None
    assert plain[note.start : note.end] == QUOTE and not note.orphan
    assert stored_notes(home, article_id)[0]["start"] == note.start


def test_typo_fixed_inside_the_quote_is_found_by_the_tolerant_match(tmp_path: Path) -> None:
    home, article, _, article_id = setup(tmp_path)
    article.write_text(article.read_text().replace("best in a decade", "best in a decade!!"))
    session, _ = reopen_and_reanchor(home, article_id)
    article.write_text(
        article.read_text()
        .replace("the catch was the best in a decade!!", "the catch was teh best in a decade")
        .replace("The harbour", "Early that day, the harbour")
    )
    session, plain = reopen_and_reanchor(home, article_id)
    (note,) = session.store.notes_of(article_id)
    assert not note.orphan
    assert note.start is not None and note.end is not None
    assert plain[note.start : note.end].startswith("the catch was teh best in a decade")


def test_passage_deleted_becomes_an_orphan_kept_and_listed(tmp_path: Path) -> None:
    home, article, _, article_id = setup(tmp_path)
    article.write_text(
        article.read_text().replace(
            "Fishermen said the catch was the best in a decade, thanks to a cold spring.\n\n", ""
        )
    )
    session, _ = reopen_and_reanchor(home, article_id)
    (note,) = session.store.notes_of(article_id)
    assert note.orphan and note.quote == QUOTE and note.text == "a *note*"
    assert stored_notes(home, article_id)[0]["orphan"] is True
    (entry,) = session.annotations().entries
    assert entry.to_json()["orphan"] is True
    # The passage comes back (the edit is reverted): found again, no longer an orphan.
    article.write_text(ARTICLE, encoding="utf-8")
    session, plain = reopen_and_reanchor(home, article_id)
    (note,) = session.store.notes_of(article_id)
    assert not note.orphan and note.start is not None and note.end is not None
    assert plain[note.start : note.end] == QUOTE


def test_duplicate_quote_is_resolved_by_context_then_distance() -> None:
    plain = "alpha beta gamma. one two three. delta one two three epsilon."
    start = plain.rindex("one two three")
    note = Note.new("", "one two three", start, start + 13, prefix="delta ", suffix=" epsilon")
    shifted = "PREFIX " + plain
    assert locate(note, shifted) == (start + 7, start + 20)
    moved = "one two three first. " + plain.replace("delta one two three", "delta one two three")
    place = locate(note, moved)
    assert place is not None and moved[place[1] : place[1] + 8] == " epsilon"


def test_undo_covers_highlights_and_conversion(tmp_path: Path) -> None:
    home, _, _, article_id = setup(tmp_path)
    session = open_session(home)
    (note,) = session.store.notes_of(article_id)
    assert session.convert_note(article_id, note).changed
    assert session.store.notes_of(article_id)[0].kind == "note"
    assert session.store.summary(article_id).highlights == 0
    session.undo()
    assert session.store.notes_of(article_id)[0].kind == "highlight"
    assert session.delete_note(article_id, note.id).changed
    assert session.store.notes_of(article_id) == []
    session.undo()
    assert [n.id for n in session.store.notes_of(article_id)] == [note.id]
    assert session.query("has:highlights").articles[0].id == article_id
