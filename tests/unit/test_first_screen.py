"""The first screen kept for the next start is believed only for the index file it was
made from (real files in a temporary folder)."""

from __future__ import annotations

import os
from pathlib import Path

from reader.library import ArticleMeta
from reader.session.first_screen import read_first_screen, write_first_screen

ROWS = [ArticleMeta(id=f"id{n}", path=f"a{n}.md", title=f"Article {n}") for n in range(3)]


def test_the_rows_come_back_for_the_same_index(tmp_path: Path) -> None:
    index, kept = tmp_path / "library-index.json", tmp_path / "first-screen.json"
    index.write_text("{}", encoding="utf-8")
    write_first_screen(kept, index, ROWS)
    found = read_first_screen(kept, index)
    assert found is not None
    assert [m.title for m in found.rows] == ["Article 0", "Article 1", "Article 2"]
    assert found.total == 3


def test_a_replaced_index_makes_the_rows_stale(tmp_path: Path) -> None:
    index, kept = tmp_path / "library-index.json", tmp_path / "first-screen.json"
    index.write_text("{}", encoding="utf-8")
    write_first_screen(kept, index, ROWS)
    stat = index.stat()
    replacement = tmp_path / "new.json"
    replacement.write_text("{}", encoding="utf-8")  # same size, another file
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(replacement, index)
    assert read_first_screen(kept, index) is None


def test_no_index_no_rows(tmp_path: Path) -> None:
    index, kept = tmp_path / "library-index.json", tmp_path / "first-screen.json"
    index.write_text("{}", encoding="utf-8")
    write_first_screen(kept, index, ROWS)
    index.unlink()
    assert read_first_screen(kept, index) is None
