"""Details a new user met: the footer at 80 columns, the skipped-files notice."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer

from tests.functional.helpers import make_app, settle


async def test_the_footer_keeps_help_and_quit_at_80_columns(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        shown = " ".join(str(child.render()) for child in footer.children if child.region.width > 0)
        assert "Help" in shown and "Quit" in shown and "Search" in shown
        right = max(child.region.right for child in footer.children if child.region.width > 0)
        assert right <= 80


async def test_the_skipped_files_notice_counts_what_it_lists(sample_home: Path) -> None:
    library = sample_home / "articles"
    (library / "empty-one.md").write_text("", encoding="utf-8")
    (library / "empty-two.txt").write_text("   \n", encoding="utf-8")
    (library / "bad-date.md").write_text(
        "---\ntitle: Odd date\ndate: 2021-02-30\n---\n\nSome text here.\n", encoding="utf-8"
    )
    app = make_app(sample_home)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        notices = [n for n in app._notifications if "skipped" in (n.title or "")]
        assert len(notices) == 1
        notice = notices[0]
        listed = [line for line in notice.message.splitlines() if line and "…" not in line]
        assert notice.title == "2 file(s) skipped, 1 read with caveats"
        assert len(listed) == 3
