"""The annotation store on real files in temporary folders."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tinydb import TinyDB

from reader.library.article import ArticleMeta
from reader.store import AnnotationStore, Note, StoreError, normalise_tag, parse_tag_input
from reader.store.backups import snapshot
from reader.store.changes import ChangeGroup, UndoStack


def make_store(tmp_path: Path) -> AnnotationStore:
    store = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    store.load()
    return store


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("Important", "important"),
        ("  follow up ", "follow-up"),
        ("#Research", "research"),
        ("ÉCONOMIE", "économie"),
        ("東京", "東京"),
        ("a,b", "a-b"),
        ("tab\tsep", "tab-sep"),
        ("evil\x1b[31m", "evil␛[31m"),
        ("[bold]x[/]", "[bold]x[/]"),
        ("   ", ""),
    ],
)
def test_normalise_tag(raw: str, tag: str) -> None:
    assert normalise_tag(raw) == tag


def test_parse_tag_input() -> None:
    assert parse_tag_input("Economy, -old tag, trade,, economy") == (
        ["economy", "trade"],
        ["old-tag"],
    )


def test_tags_are_saved_and_reload(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    edit = store.edit_tags(["a1", "a2"], add=["Important", "research"])
    assert edit.added == {"a1": ("important", "research"), "a2": ("important", "research")}
    assert store.edit_tags(["a1"], add=["important"]).is_empty
    store.close()
    again = make_store(tmp_path)
    assert again.tags_of("a1") == ("important", "research")
    assert again.ids_with_tag("Important") == {"a1", "a2"}
    assert again.all_tags() == {"important": 2, "research": 2}


def test_files_open_with_plain_tinydb(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["abc"], add=["x"])
    store.set_flag("abc", "starred", True)
    store.save_note("abc", Note.new("A note", "the passage", 10, 21))
    path = store.path_of("abc")
    assert path == tmp_path / "annotations" / "articles" / "ab" / "abc.json"
    db = TinyDB(path)
    assert db.table("tags").all()[0]["tag"] == "x"
    assert db.table("state").all()[0]["starred"] is True
    assert db.table("notes").all()[0]["quote"] == "the passage"
    assert db.table("meta").all()[0]["schema"] == 2


def test_meta_records_article_info_from_lookup(tmp_path: Path) -> None:
    meta = ArticleMeta(
        id="abc", path="x.md", title="A title", source="https://e.org", sketch=(1, 2, 3)
    )
    store = AnnotationStore(tmp_path / "annotations", None, lookup={"abc": meta}.get)
    store.load()
    store.edit_tags(["abc"], add=["t"])
    record = store.record("abc")
    assert (record.title, record.source, record.path, record.sketch) == (
        "A title",
        "https://e.org",
        "x.md",
        (1, 2, 3),
    )
    assert store.known_sketches() == {"abc": (1, 2, 3)}


def test_toggle_tag_on_several(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a"], add=["q"])
    added = store.toggle_tag(["a", "b"], "q")
    assert added.added == {"b": ("q",)}
    removed = store.toggle_tag(["a", "b"], "q")
    assert removed.removed == {"a": ("q",), "b": ("q",)}


def test_rename_and_delete_tag(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a", "b"], add=["old"])
    store.edit_tags(["b"], add=["new"])
    rename = store.rename_tag("old", "New")
    assert store.tags_of("a") == ("new",)
    assert store.tags_of("b") == ("new",)
    assert "old" not in store.all_tags()
    store.apply(rename.inverse())
    assert store.tags_of("a") == ("old",)
    assert set(store.tags_of("b")) == {"old", "new"}
    store.delete_tag("old")
    assert store.ids_with_tag("old") == set()


def test_state_flags_and_position(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    edit = store.set_flag("a", "read", True)
    assert (edit.old, edit.new, edit.describe()) == (False, True, "marked as read")
    assert store.summary("a").read
    store.set_position("a", 1234)
    store.close()
    again = make_store(tmp_path)
    assert again.summary("a").position == 1234
    assert again.record("a").state.read_at
    with pytest.raises(StoreError):
        store.set_flag("a", "bogus", True)


def test_notes_create_edit_delete_and_undo(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    note = Note.new("first", "quoted passage", 5, 19)
    created = store.save_note("a", note)
    edited = store.save_note("a", note.edited("second"))
    assert [n.text for n in store.notes_of("a")] == ["second"]
    deleted = store.delete_note("a", note.id)
    assert store.notes_of("a") == []
    store.apply(deleted.inverse())
    assert [n.text for n in store.notes_of("a")] == ["second"]
    store.apply(edited.inverse())
    assert [n.text for n in store.notes_of("a")] == ["first"]
    store.apply(created.inverse())
    assert store.notes_of("a") == []
    assert store.summary("a").notes == 0


def test_undo_stack_several_steps(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    stack = UndoStack()
    stack.push(store.edit_tags(["a", "b"], add=["x"]))
    stack.push(store.set_flag("a", "starred", True))
    stack.push(store.edit_tags(["a"], add=["y"], remove=["x"]))
    stack.push(store.edit_tags(["a"], add=["y"]))  # empty: not pushed
    assert len(stack) == 3
    while (change := stack.pop()) is not None:
        store.apply(change.inverse())
    assert store.tags_of("a") == ()
    assert store.tags_of("b") == ()
    assert not store.summary("a").starred


def test_change_group_inverse_order(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    group = ChangeGroup([store.edit_tags(["a"], add=["x"]), store.edit_tags(["a"], add=["y"])])
    assert group.describe() == "tagged 1 article #x; tagged 1 article #y"
    store.apply(group.inverse())
    assert store.tags_of("a") == ()


def test_bad_ids_are_refused(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    for bad in ("", "../escape", "a/b", ".hidden"):
        with pytest.raises(StoreError, match="not a valid article id"):
            store.edit_tags([bad], add=["x"])


def test_previous_version_kept_as_bak(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a"], add=["one"])
    store.edit_tags(["a"], add=["two"])
    bak = store.path_of("a").with_name("a.json.bak")
    assert [doc["tag"] for doc in TinyDB(bak).table("tags").all()] == ["one"]


def test_damaged_file_is_reported_kept_and_never_overwritten(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a"], add=["one"])
    store.edit_tags(["a"], add=["two"])
    path = store.path_of("a")
    path.write_text('{"tags": {"1": {"tag": "one"}')  # truncated JSON
    store.close()
    store = make_store(tmp_path)
    [damaged] = store.damaged.values()
    assert "not valid JSON" in damaged.reason
    assert damaged.kept is not None and damaged.kept.read_text() == path.read_text()
    with pytest.raises(StoreError, match="damaged"):
        store.edit_tags(["a"], add=["three"])
    assert path.read_text() == '{"tags": {"1": {"tag": "one"}'
    where = store.restore_backup(path)
    assert ".bak" in where
    assert store.tags_of("a") == ("one",)
    assert not store.damaged
    store.edit_tags(["a"], add=["three"])
    assert damaged.kept.exists()


def test_unknown_schema_version_is_damage(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a"], add=["x"])
    path = store.path_of("a")
    data = json.loads(path.read_text())
    data["meta"]["1"]["schema"] = 99
    path.write_text(json.dumps(data))
    store = make_store(tmp_path)
    [damaged] = store.damaged.values()
    assert "schema version 99" in damaged.reason
    assert "newer" in damaged.describe()


def test_start_fresh_keeps_the_damaged_copy(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a"], add=["x"])
    path = store.path_of("a")
    path.write_bytes(b"\x00garbage")
    store = make_store(tmp_path)
    kept = store.damaged[path].kept
    store.start_fresh(path)
    assert not path.exists() and kept is not None and kept.exists()
    store.edit_tags(["a"], add=["fresh"])
    assert store.tags_of("a") == ("fresh",)


def test_restore_from_daily_snapshot_when_bak_is_bad(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a"], add=["kept"])
    snapshot(tmp_path / "annotations", tmp_path / "backups")
    path = store.path_of("a")
    path.write_text("nope")
    path.with_name("a.json.bak").write_text("nope too")
    store = make_store(tmp_path)
    assert "annotations-" in store.restore_backup(path)
    assert store.tags_of("a") == ("kept",)


def test_no_backup_at_all(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a"], add=["x"])
    path = store.path_of("a")
    path.write_text("nope")
    path.with_name("a.json.bak").unlink(missing_ok=True)
    store = make_store(tmp_path)
    with pytest.raises(StoreError, match="no good backup"):
        store.restore_backup(path)


def test_snapshots_once_a_day_and_rotated(tmp_path: Path) -> None:
    import datetime as dt

    store = make_store(tmp_path)
    store.edit_tags(["a"], add=["x"])
    folder, backups = tmp_path / "annotations", tmp_path / "backups"
    for day in range(1, 11):
        assert snapshot(folder, backups, dt.date(2026, 1, day)) is not None
    assert snapshot(folder, backups, dt.date(2026, 1, 10)) is None
    names = sorted(path.name for path in backups.iterdir())
    assert names[0] == "annotations-2026-01-04.zip" and len(names) == 7


def test_refresh_picks_up_another_writer(tmp_path: Path) -> None:
    mine = make_store(tmp_path)
    other = make_store(tmp_path)
    other.edit_tags(["a"], add=["theirs"])
    assert mine.tags_of("a") == ()
    assert mine.refresh() == {"a"}
    assert mine.tags_of("a") == ("theirs",)
    mine.edit_tags(["a"], add=["mine"])
    assert set(mine.tags_of("a")) == {"theirs", "mine"}
    os.unlink(mine.path_of("a"))
    assert other.refresh() == {"a"}
    assert other.tags_of("a") == ()


def test_summary_cache_used_and_invalidated(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a", "b"], add=["x"])
    store.close()
    again = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    assert again.load().files_read == 0
    make_store(tmp_path).edit_tags(["b"], add=["y"])
    third = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    assert third.load().files_read == 1
    assert third.tags_of("b") == ("x", "y")
    (tmp_path / "cache" / "annotations-summary.json").write_text("garbage")
    fourth = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    assert fourth.load().files_read == 2


def test_migration_from_single_file_layout(tmp_path: Path) -> None:
    old = tmp_path / "annotations.json"
    db = TinyDB(old)
    db.table("meta").insert({"schema": 1})
    db.table("tags").insert_multiple([{"article": "a1", "tag": "x"}, {"article": "a2", "tag": "y"}])
    db.table("notes").insert({"article": "a1", "id": "n-1", "text": "hello", "quote": "q"})
    db.table("state").insert({"article": "a2", "read": True, "starred": True, "position": 7})
    db.close()
    store = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    report = store.load()
    assert report.migrated == 2
    assert store.tags_of("a1") == ("x",)
    assert [note.text for note in store.notes_of("a1")] == ["hello"]
    assert store.summary("a2").starred and store.summary("a2").position == 7
    assert not old.exists()
    assert (tmp_path / "annotations.json.migrated-v1").exists()
    assert TinyDB(store.path_of("a1")).table("meta").all()[0]["schema"] == 2


def test_article_file_without_schema_is_upgraded_on_write(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    path = store.path_of("a")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"tags": {"1": {"tag": "hand-made"}}}))
    store = make_store(tmp_path)
    assert store.tags_of("a") == ("hand-made",)
    store.edit_tags(["a"], add=["more"])
    assert TinyDB(path).table("meta").all()[0]["schema"] == 2


def test_entity_corrections_library_and_article(tmp_path: Path) -> None:
    from reader.entities.corrections import Correction

    store = make_store(tmp_path)
    kursk = Correction("Kursk", "relabel", "PLACE")
    library_edit = store.set_correction("library", kursk.key, kursk)
    world = Correction("World", "remove")
    article_edit = store.set_correction("abc", world.key, world)
    assert library_edit.describe() == "“Kursk” is a PLACE (whole library)"
    assert article_edit.article_ids == {"abc"}
    assert set(store.corrections_for("abc")) == {"kursk", "world"}
    assert set(store.corrections_for("other")) == {"kursk"}
    override = Correction("Kursk", "relabel", "ORG")
    store.set_correction("abc", override.key, override)
    assert store.corrections_for("abc")["kursk"].label == "ORG"
    digest = store.library_corrections_digest()
    assert digest
    store.close()
    again = make_store(tmp_path)
    assert again.library_corrections() == [kursk]
    assert again.library_corrections_digest() == digest
    again.apply(library_edit.inverse())
    assert again.library_corrections() == []
    assert again.library_corrections_digest() == ""
    assert TinyDB(tmp_path / "annotations" / "library.json").table("meta").all()[0]["schema"] == 2


def test_quick_load_trusts_the_cache_only_while_no_folder_changed(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["aa1", "bb2"], add=["x"])
    store.close()
    quick = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    report = quick.load(quick=True)
    assert report.files_read == 0 and quick.tags_of("aa1") == ("x",)
    other = make_store(tmp_path)
    other.edit_tags(["aa1"], add=["y"])  # another program writes: the shard folder changes
    again = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    assert again.load(quick=True).files_read >= 1
    assert again.tags_of("aa1") == ("x", "y")


def test_own_write_keeps_quick_load_possible_but_not_over_others(tmp_path: Path) -> None:
    mine = make_store(tmp_path)
    mine.edit_tags(["aa1"], add=["x"])
    other = make_store(tmp_path)
    other.edit_tags(["aa2"], add=["theirs"])  # same shard "aa", not seen by mine
    mine.edit_tags(["aa1"], add=["y"])
    mine.close()
    later = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    later.load(quick=True)
    assert later.tags_of("aa2") == ("theirs",), "the other program's write is not lost"
