"""A HOME in a synced folder: conflict copies merged with nothing lost, told once (issue 13)."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

from reader.cli import main
from reader.store import AnnotationStore, Note
from reader.store.conflicts import conflict_target, merge_tables


def open_store(home: Path) -> AnnotationStore:
    store = AnnotationStore(home / "annotations", home / "cache")
    store.load()
    return store


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("abc.sync-conflict-20240102-101112-ABCDEFG.json", "abc.json"),
        ("abc (Ann's conflicted copy 2024-01-02).json", "abc.json"),
        ("abc (conflicted copy 2024-01-02 101112).json", "abc.json"),
        ("abc_conflict-20240102-101112.json", "abc.json"),
        ("library.sync-conflict-20240102-101112-XYZ1234.json", "library.json"),
        ("abc.json", None),
        ("abc.json.bak", None),
    ],
)
def test_conflict_names(name: str, target: str | None) -> None:
    assert conflict_target(name) == target


def _other_machine_copy(store: AnnotationStore, article_id: str, name: str) -> Path:
    """What another machine's version of the file looks like, left beside it by the sync tool."""
    path = store.path_of(article_id)
    copy = path.with_name(name)
    shutil.copy2(path, copy)
    return copy


def test_a_syncthing_conflict_copy_is_merged_and_moved_aside_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = open_store(home)
    store.edit_tags(["abc"], add=["shared"])
    note = Note.new("first words")
    store.save_note("abc", note)
    # The other machine: a tag, a new note, and an edit of the shared note.
    store.edit_tags(["abc"], add=["theirs"])
    theirs_note = Note.new("their own note")
    store.save_note("abc", theirs_note)
    store.save_note("abc", note.edited("first words, edited over there"))
    copy = _other_machine_copy(store, "abc", "abc.sync-conflict-20240102-101112-ABCDEFG.json")
    # This machine, meanwhile: the state before, then its own tag and edit.
    path = store.path_of("abc")
    with TinyDB(path) as db:
        db.table("tags").remove(
            doc_ids=[doc.doc_id for doc in db.table("tags").all() if doc["tag"] == "theirs"]
        )
        db.table("tags").insert({"tag": "mine", "added": "2024-01-03T00:00:00+00:00"})
        db.table("notes").remove(
            doc_ids=[doc.doc_id for doc in db.table("notes").all() if doc["id"] == theirs_note.id]
        )
        db.table("notes").update(
            {"text": "first words, edited here", "updated": "2099-01-01"},
            doc_ids=[doc.doc_id for doc in db.table("notes").all() if doc["id"] == note.id],
        )
    later = time.time() + 5
    os.utime(path, (later, later))

    fresh = AnnotationStore(home / "annotations", home / "cache")
    report = fresh.load()
    [line] = report.conflicts
    assert "merged" in line and copy.name in line
    assert not copy.exists()
    assert (home / "backups" / "merged-conflicts" / copy.name).exists()
    assert set(fresh.tags_of("abc")) == {"shared", "theirs", "mine"}
    texts = sorted(n.text for n in fresh.notes_of("abc"))
    assert texts == sorted(
        ["first words, edited here", "first words, edited over there", "their own note"]
    )
    assert [n.text for n in fresh.notes_of("abc") if n.id == note.id] == [
        "first words, edited here"
    ]
    assert "abc.sync-conflict-20240102-101112-ABCDEFG" not in fresh.annotated_ids()
    assert AnnotationStore(home / "annotations", home / "cache").load().conflicts == []


def test_a_dropbox_copy_of_library_json_is_merged(tmp_path: Path) -> None:
    from reader.entities.corrections import Correction

    home = tmp_path / "home"
    store = open_store(home)
    store.set_correction(
        "library",
        "k1",
        Correction.from_doc({"text": "Acme", "key": "k1", "action": "relabel", "label": "ORG"}),
    )
    copy = store.library_file.with_name("library (Bob's conflicted copy 2024-01-02).json")
    data = json.loads(store.library_file.read_text())
    data["corrections"]["2"] = {"text": "Zed", "key": "k2", "action": "remove", "label": "ORG"}
    copy.write_text(json.dumps(data))
    report = AnnotationStore(home / "annotations", home / "cache").load()
    assert len(report.conflicts) == 1 and not copy.exists()
    merged = json.loads(store.library_file.read_text())
    assert {doc["key"] for doc in merged["corrections"].values()} == {"acme", "k2"}


def test_a_damaged_conflict_copy_is_left_alone_and_said(tmp_path: Path) -> None:
    home = tmp_path / "home"
    store = open_store(home)
    store.edit_tags(["abc"], add=["x"])
    copy = store.path_of("abc").with_name("abc.sync-conflict-20240102-101112-ABCDEFG.json")
    copy.write_text("{ not json")
    report = AnnotationStore(home / "annotations", home / "cache").load()
    assert copy.exists() and "was not merged" in report.conflicts[0]
    assert open_store(home).tags_of("abc") == ("x",)


def test_merge_keeps_both_versions_of_a_note_and_unites_tags() -> None:
    older = {
        "meta": {"1": {"schema": 2}},
        "tags": {"1": {"tag": "a", "added": "2"}},
        "notes": {"1": {"id": "n1", "text": "old", "updated": "1"}},
        "state": {"1": {"read": True, "starred": False, "position": 5}},
    }
    newer = {
        "meta": {"1": {"schema": 2}},
        "tags": {"1": {"tag": "a", "added": "1"}, "2": {"tag": "b", "added": "3"}},
        "notes": {"1": {"id": "n1", "text": "new", "updated": "2"}},
        "state": {"1": {"read": True, "starred": True, "position": 9}},
    }
    merged = merge_tables(older, newer)
    assert [doc["tag"] for doc in merged["tags"].values()] == ["a", "b"]
    assert merged["tags"]["1"]["added"] == "1"
    notes = {doc["id"]: doc["text"] for doc in merged["notes"].values()}
    assert notes == {"n1": "new", "n1-conflict": "old"}
    assert merged["state"]["1"]["starred"] is True and merged["state"]["1"]["position"] == 9


def test_the_cli_tells_the_user_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    (home / "articles").mkdir(parents=True)
    (home / "articles" / "a.md").write_text("---\ntitle: A\nid: abc\n---\nBody words.\n")
    (home / "articles" / ".samples-installed").write_text("")
    store = open_store(home)
    store.edit_tags(["abc"], add=["x"])
    _other_machine_copy(store, "abc", "abc.sync-conflict-20240102-101112-ABCDEFG.json")
    assert main(["list", "--home", str(home)]) == 0
    first = capsys.readouterr().err
    assert main(["list", "--home", str(home)]) == 0
    second = capsys.readouterr().err
    assert "merged abc.sync-conflict" in first and "merged" not in second
