"""A library that stays current: files added, changed or removed appear while the app runs."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from reader.tui.widgets.article_table import ArticleTable
from tests.functional.helpers import make_app, settle

NEW_ARTICLE = """---
title: "Zanzibar ferry service resumes"
date: 2021-03-04
---

The ferry between Dar es Salaam and Zanzibar runs again, officials said.
"""


async def wait_for(pilot: object, condition: object, tries: int = 100) -> bool:
    """Let the app run until ``condition()`` holds (the watcher reports within ~0.4 s)."""
    for _ in range(tries):
        if condition():  # type: ignore[operator]
            return True
        await asyncio.sleep(0.05)
        await pilot.pause()  # type: ignore[attr-defined]
    return bool(condition())  # type: ignore[operator]


async def test_a_file_dropped_into_the_library_appears_and_the_cursor_stays(
    sample_home: Path,
) -> None:
    library = sample_home / "articles"
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        await pilot.press("j", "j", "j")
        kept = table.current
        assert kept is not None and len(table.rows) == 24
        (library / "zanzibar-ferry.md").write_text(NEW_ARTICLE, encoding="utf-8")
        assert await wait_for(pilot, lambda: len(table.rows) == 25)
        assert "Zanzibar ferry service resumes" in [meta.title for meta in table.rows]
        assert table.current is not None and table.current.id == kept.id
        # Edited in place: the new title shows.
        (library / "zanzibar-ferry.md").write_text(
            NEW_ARTICLE.replace("resumes", "resumes after repairs"), encoding="utf-8"
        )
        assert await wait_for(
            pilot,
            lambda: (
                "Zanzibar ferry service resumes after repairs"
                in [meta.title for meta in table.rows]
            ),
        )
        # Removed: gone from the list.
        (library / "zanzibar-ferry.md").unlink()
        assert await wait_for(pilot, lambda: len(table.rows) == 24)
        # A copied folder of articles arrives too, and its words can be searched.
        shutil.copytree(Path(__file__).parent.parent / "fixtures" / "import", library / "more")
        assert await wait_for(pilot, lambda: len(table.rows) > 24)
