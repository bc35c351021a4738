"""The annotation store against unreadable files, full disks and bad caches (issue 13, 1-3, 7)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

import reader.util.atomic as atomic
from reader.cli import main
from reader.store import AnnotationStore, Note, StoreError
from reader.store.locking import LOCK_NAME
from tests.hostile.helpers import (
    DISK_FULL,
    NOBODY,
    READ_ONLY,
    as_user,
    chown_tree,
    failing,
    remove,
    shared_folder,
)


def make_store(home: Path) -> AnnotationStore:
    store = AnnotationStore(home / "annotations", home / "cache")
    store.load()
    return store


# -- 1. unreadable is not damaged ----------------------------------------------------------
@pytest.fixture
def shared_home() -> object:
    folder = shared_folder()
    yield folder / "home"
    remove(folder)


def test_unreadable_file_is_reported_with_the_fix_and_never_replaced(
    shared_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = make_store(shared_home)
    store.edit_tags(["a1"], add=["older"])
    store.edit_tags(["a1"], add=["newest"])  # The .bak holds only "older".
    store.close()
    path = store.path_of("a1")
    chown_tree(shared_home, NOBODY)
    os.chown(path, 0, 0)  # As after one `sudo broadsheet tag`.
    path.chmod(0o600)
    before = path.read_bytes()
    with as_user(NOBODY):
        status = main(["repair", "--home", str(shared_home)])
        listed = capsys.readouterr()
        restored = main(["repair", "--restore", "--home", str(shared_home)])
        restore_out = capsys.readouterr()
        tagged = main(["tag", "a1", "x", "--home", str(shared_home)])
        tag_out = capsys.readouterr()
    assert status == 1
    assert "permission denied" in listed.out and "owner root, mode 0600" in listed.out
    assert f"sudo chown nobody {path}" in listed.out
    assert "it is not damaged" in listed.out
    assert restored == 1 and "nothing was replaced" in restore_out.err
    assert tagged != 0 and "Traceback" not in tag_out.err
    assert path.read_bytes() == before, "the newest note must survive"
    assert not list(path.parent.glob("*.damaged-*"))
    assert [doc["tag"] for doc in TinyDB(path).table("tags").all()] == ["older", "newest"]


def test_unreadable_file_in_process_is_not_copied_or_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a1"], add=["newest"])
    path = store.path_of("a1")
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    [problem] = store.check_files()
    assert problem.unreadable and problem.kept is None
    with pytest.raises(StoreError, match="nothing was replaced"):
        store.restore_backup(path)
    with pytest.raises(StoreError, match="nothing was replaced"):
        store.start_fresh(path)
    with pytest.raises(StoreError, match="cannot be read"):
        store.edit_tags(["a1"], add=["more"])
    monkeypatch.undo()
    assert store.edit_tags(["a1"], add=["more"]).added == {"a1": ("more",)}


def test_repair_reads_the_files_not_the_summary_cache(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a1"], add=["x"])
    store.close()
    path = store.path_of("a1")
    stat = path.stat()
    path.write_bytes(b"{" + b" " * (stat.st_size - 1))  # Same size, same times: cache agrees.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    again.load(quick=True)
    assert not again.damaged  # The quick path trusted the cache ...
    [problem] = again.check_files()  # ... repair does not.
    assert "not valid JSON" in problem.reason


# -- 2. write failures ----------------------------------------------------------------------
@pytest.mark.parametrize(("code", "words"), [(DISK_FULL, "disk is full"), (READ_ONLY, "read-only")])
def test_write_failure_is_a_store_error_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a1"], add=["kept"])
    path = store.path_of("a1")
    before = path.read_bytes()

    def full(fd: int) -> None:
        raise failing(code)

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(StoreError, match=words) as caught:
        store.save_note("a1", Note.new("typed with care"))
    assert "nothing was changed" in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(StoreError, match=words):
        store.toggle_tag(["a1"], "quick")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert store.tags_of("a1") == ("kept",) and store.summary("a1").notes == 0
    assert {p.name for p in path.parent.iterdir()} <= {"a1.json", "a1.json.bak"}


def test_full_disk_in_the_cli_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "a.md").write_text("---\ntitle: A\nid: abc\n---\nBody text.\n")

    def full(fd: int) -> None:
        raise failing(DISK_FULL)

    monkeypatch.setattr(atomic.os, "fsync", full)
    status = main(["tag", "abc", "x", "--home", str(tmp_path / "home"), "--library", str(library)])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("broadsheet: cannot save the annotations: the disk is full")
    assert "internal error" not in err and len(err.strip().splitlines()) == 1


def test_lock_that_cannot_be_created_is_one_line(
    shared_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = shared_home.parent / "library"
    library.mkdir()
    (library / "a.md").write_text("---\ntitle: A\nid: abc\n---\nBody text.\n")
    (shared_home / "annotations").mkdir(parents=True)
    chown_tree(shared_home, NOBODY)
    os.chown(shared_home / "annotations", 0, 0)  # Not writable by the user.
    with as_user(NOBODY):
        status = main(["tag", "abc", "x", "--home", str(shared_home), "--library", str(library)])
    err = capsys.readouterr().err
    assert status == 1
    assert "cannot create the lock file" in err and "permission denied" in err
    assert "internal error" not in err


# -- 3. caches that disagree with the files -----------------------------------------------------
def test_a_hand_edited_summary_row_loses_to_the_file(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a1"], add=["keep-me"])
    store.close()
    cache = tmp_path / "cache" / "annotations-summary.json"
    data = json.loads(cache.read_text())
    data["files"]["a1"][0] = []  # Plausible: the same row without its tag.
    cache.write_text(json.dumps(data))
    again = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    again.load(quick=True)
    assert again.ids_with_tag("keep-me") == {"a1"}


def test_a_wrong_typed_summary_row_is_dropped_and_reread(tmp_path: Path) -> None:
    from reader.store.summary_cache import _digest

    store = make_store(tmp_path)
    store.edit_tags(["a1"], add=["keep-me"])
    store.close()
    cache = tmp_path / "cache" / "annotations-summary.json"
    data = json.loads(cache.read_text())
    data["files"]["a1"][0] = 5
    data["digest"] = _digest(data["files"], data["folders"])
    cache.write_text(json.dumps(data))
    again = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    report = again.load(quick=True)
    assert again.tags_of("a1") == ("keep-me",) and report.files_read >= 1


def test_a_summary_row_that_disagrees_with_a_file_read_is_corrected(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a1"], add=["one"])
    store._remember_summary("a1", store.summary("a1").__class__(tags=("wrong",)))
    store.record("a1")
    assert store.tags_of("a1") == ("one",) and store.ids_with_tag("one") == {"a1"}


# -- 7. odd files, tags and leftovers -------------------------------------------------------------
def test_non_object_entry_is_damage_for_every_reader_and_repair(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a1"], add=["x"])
    path = store.path_of("a1")
    data = json.loads(path.read_text())
    data["tags"]["2"] = "not an object"
    path.write_text(json.dumps(data))
    again = make_store(tmp_path)
    assert path in again.damaged and "is not an object" in again.damaged[path].reason
    with pytest.raises(StoreError, match="damaged"):
        again.edit_tags(["a1"], add=["y"])
    assert [item.path for item in again.check_files()] == [path]


def test_unknown_schema_text_is_never_rewritten(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a1"], add=["x"])
    path = store.path_of("a1")
    data = json.loads(path.read_text())
    data["meta"]["1"]["schema"] = "two"
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    again = make_store(tmp_path)
    assert "schema version 'two'" in again.damaged[path].reason
    with pytest.raises(StoreError):
        again.edit_tags(["a1"], add=["y"])
    assert path.read_bytes() == before


def test_long_tags_are_refused_not_cut(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    base = "t" * 64
    with pytest.raises(StoreError, match="at most 64"):
        store.edit_tags(["a1"], add=[base + "-one"])
    store.edit_tags(["a1"], add=[base])
    assert store.tags_of("a1") == (base,)


def test_one_damaged_copy_per_distinct_content(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a1"], add=["x"])
    path = store.path_of("a1")
    path.write_text("garbage one")
    for _ in range(3):
        make_store(tmp_path)
    assert len(list(path.parent.glob("a1.json.damaged-*"))) == 1
    path.write_text("garbage two")
    make_store(tmp_path)
    copies = sorted(p.read_text() for p in path.parent.glob("a1.json.damaged-*"))
    assert copies == ["garbage one", "garbage two"]


def test_stale_temporary_files_are_removed_safely(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a1"], add=["x"])
    shard = store.path_of("a1").parent
    old = time.time() - 3600
    stale = [shard / "~a1.json.k2j4h5g6.tmp", shard / ".a1.json.abcdefgh.tmp"]
    fresh = shard / "~a1.json.zzzzzzzz.tmp"
    unrelated = shard / "my-notes.tmp"
    for path in [*stale, fresh, unrelated]:
        path.write_text("{}")
    for path in [*stale, unrelated]:
        os.utime(path, (old, old))
    report = AnnotationStore(tmp_path / "annotations", tmp_path / "cache").load()
    assert report.temporaries_removed == 2
    assert not any(path.exists() for path in stale)
    assert fresh.exists() and unrelated.exists()


def test_lock_file_has_a_sync_ignored_name(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.edit_tags(["a1"], add=["x"])
    names = {p.name for p in (tmp_path / "annotations").iterdir()}
    assert LOCK_NAME in names and ".lock" not in names
    assert LOCK_NAME.startswith(".~lock.")
