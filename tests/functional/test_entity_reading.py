"""Entity-highlighted reading: highlights, the panel, mention jumps, browsing, corrections."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from textual.widgets import Static

from reader.entities import Mention
from reader.tui.screens.library_screen import LibraryScreen
from reader.tui.screens.reading_screen import ReadingScreen
from reader.tui.widgets.article_table import ArticleTable
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_panel import EntityList, EntityPanel
from tests.conftest import SEED_ID
from tests.functional.helpers import make_app, settle, shown_lines

BIDEN = "27cc5014c5e8"
SOLEIMANI = "cccd83ed5871"


async def open_article(pilot: object, query: str) -> ReadingScreen:
    await pilot.press("slash", *query, "enter", "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ReadingScreen)
    return screen


def styled(view: ArticleView, word: str) -> list[Style]:
    """The styles of the segments showing ``word`` on screen."""
    found = []
    for y in range(view.scrollable_content_region.height):
        for segment in view.render_line(y):
            if word in segment.text and segment.style is not None:
                found.append(segment.style)
    return found


def colour_of(view: ArticleView, label: str) -> object:
    return view.get_component_rich_style(f"article-view--entity-{label.lower()}").color


async def select(pilot: object, screen: ReadingScreen, name: str) -> None:
    entity_list = screen.query_one(EntityList)
    for _ in range(entity_list.option_count):
        group = screen.query_one(EntityPanel).selected
        if group is not None and group.name == name:
            return
        await pilot.press("down")  # type: ignore[attr-defined]
    raise AssertionError(f"{name} not in the panel")


async def test_mentions_are_coloured_by_label(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(110, 60)) as pilot:
        screen = await open_article(pilot, "n.korea")
        view = screen.query_one(ArticleView)
        assert screen.entities.mentions, "entities arrive"
        assert any(s.color == colour_of(view, "PERSON") for s in styled(view, "Vladimir Putin"))
        assert any(s.color == colour_of(view, "PLACE") for s in styled(view, "Kursk"))
        assert any(s.color == colour_of(view, "ORG") for s in styled(view, "KCNA"))
        assert any(s.color == colour_of(view, "FIGURE") for s in styled(view, "12,000"))
        assert any(s.color == colour_of(view, "DATE") for s in styled(view, "last week"))
        # Exactly over the characters: the word after "Putin" is not coloured.
        assert not any(s.color == colour_of(view, "PERSON") for s in styled(view, " and "))
        await pilot.press("h")
        await pilot.pause()
        assert not any(s.color == colour_of(view, "PERSON") for s in styled(view, "Putin"))
        await pilot.press("h")
        await pilot.pause()
        screen.toggle_label("PLACE")
        await pilot.pause()
        assert not any(s.color == colour_of(view, "PLACE") for s in styled(view, "Kursk"))
        assert any(s.color == colour_of(view, "PERSON") for s in styled(view, "Putin"))


async def test_panel_and_jumping_through_every_mention_of_kim(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(110, 16)) as pilot:
        screen = await open_article(pilot, "n.korea")
        await pilot.press("e")
        await pilot.pause()
        panel = screen.query_one(EntityPanel)
        assert panel.display
        await select(pilot, screen, "Kim Jong Un")
        group = panel.selected
        assert group is not None and group.label == "PERSON"
        assert {m.text for m in group.mentions} >= {"Kim Jong-un", "Kim Jong Un", "Kim"}
        view = screen.query_one(ArticleView)
        seen: list[int] = []
        for step in range(group.count + 1):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            mention: Mention = group.mentions[step % group.count]
            line, _ = view.text_layout.line_of(mention.start)  # type: ignore[union-attr]
            top = round(view.scroll_y)
            assert top <= line < top + view.scrollable_content_region.height
            status = str(screen.query_one("#status-bar", Static).render())
            assert f"Kim Jong Un · {step % group.count + 1}/{group.count}" in status
            seen.append(line)
        assert seen[0] == seen[-1], "wraps around to the first mention"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert f"{group.count}/{group.count}" in str(
            screen.query_one("#status-bar", Static).render()
        )


async def test_figures_and_dates_show_their_sentence(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(140, 60)) as pilot:
        screen = await open_article(pilot, "n.korea")
        await pilot.press("e")
        await pilot.pause()
        lines = "\n".join(str(option.prompt) for option in screen.query_one(EntityList)._options)
        assert "12,000" in lines and "North Korean troops" in lines
        assert "13,000" in lines and "containers of artillery" in lines


async def test_enter_on_russia_lists_the_articles_that_mention_it(cold_sample_home: Path) -> None:
    """No index yet: the app builds the entity index in the background."""
    app = make_app(cold_sample_home)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "n.korea")
        await app.workers.wait_for_complete()
        await pilot.press("e")
        await select(pilot, screen, "Russia")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(ArticleTable)
        ids = [meta.id for meta in table.rows]
        assert SEED_ID in ids and len(ids) >= 3
        assert "Mentions" in str(app.screen.query_one("#column-header", Static).render())
        assert "12×" in shown_lines(table)[ids.index(SEED_ID)]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)


KIPCHOGE_FIRST = """---
title: "Kenyan runner wins in London"
---

The Kenyan runner won in London on Sunday. Kipchoge said he felt strong.
"""

KIPCHOGE_LATER = """---
title: "Berlin marathon"
---

The race in Berlin went to Kipchoge again. Kipchoge said he was happy with the time.
"""


async def test_relabel_kipchoge_reaches_his_full_name_and_a_new_article(
    sample_home: Path,
) -> None:
    """Issue 11: a correction made once improves the next article that mentions the name."""
    from reader.entities import get_extractor

    library = sample_home / "articles"
    (library / "kipchoge-london.md").write_text(KIPCHOGE_FIRST, encoding="utf-8")
    later = KIPCHOGE_LATER.split("---\n", 2)[2]
    before = {m.label for m in get_extractor().extract(later) if m.text == "Kipchoge"}
    app = make_app(sample_home)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "runner wins in london")
        await pilot.press("e")
        await select(pilot, screen, "Kipchoge")
        group = screen.query_one(EntityPanel).selected
        assert group is not None
        wrong = group.label
        assert wrong != "PERSON", "the extractor gets this one wrong"
        await pilot.press("l", "p")
        await pilot.pause()
        assert {m.label for m in screen.entities.mentions if "Kipchoge" in m.text} == {"PERSON"}
        await pilot.press("escape")
        await settle(pilot)
        # The sample article's "Eliud Kipchoge" and every "Kipchoge" are one person.
        screen = await open_article(pilot, "kosgei")
        eliud = next(g for g in screen.entities.groups if g.name == "Eliud Kipchoge")
        assert eliud.label == "PERSON"
        assert "Kipchoge" in {m.text for m in eliud.mentions}
        assert {m.label for m in screen.entities.mentions if "Kipchoge" in m.text} == {"PERSON"}
        await pilot.press("q")
    # A new article arrives, where the extractor alone would get the name wrong again.
    assert before == {wrong}
    (library / "kipchoge-berlin.md").write_text(KIPCHOGE_LATER, encoding="utf-8")
    restarted = make_app(sample_home)
    async with restarted.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_article(pilot, "berlin marathon")
        assert {m.label for m in screen.entities.mentions if "Kipchoge" in m.text} == {"PERSON"}
        assert any(g.label == "PERSON" and "Kipchoge" in g.name for g in screen.entities.groups)
    from reader.store import AnnotationStore

    store = AnnotationStore(sample_home / "annotations", None)
    store.load()
    assert store.corrections_for("anything")["kipchoge"].label == "PERSON"


async def test_not_an_entity_this_article_only_and_undo(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "n.korea")
        await pilot.press("e")
        await select(pilot, screen, "Cold War")
        await pilot.press("x", "a", "enter")
        await settle(pilot)
        assert "Cold War" not in {g.name for g in screen.entities.groups}
        assert set(app.session.store.corrections_for(SEED_ID)) == {"cold war"}
        assert app.session.store.library_corrections() == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Cold War" in {g.name for g in screen.entities.groups}


async def test_mark_new_entity_by_keyboard(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "n.korea")
        for _ in range(4):
            await pilot.press("right_curly_bracket")
        passage = screen.document.blocks[screen.query_one(ArticleView).passage].text  # type: ignore[union-attr]
        assert passage.startswith("Marking what is believed")
        await pilot.press("m")  # first capitalised word: "Marking"
        words = [word for word in passage.split() if word]
        for _ in range(words.index("Comprehensive")):
            await pilot.press("right")
        plain = screen.document.plain  # type: ignore[union-attr]
        assert screen.entities.marking is not None
        assert plain[screen.entities.marking[0] : screen.entities.marking[1]] == "Comprehensive"
        await pilot.press("shift+right", "shift+right", "enter", "m")
        await pilot.pause()
        partnership = [
            g for g in screen.entities.groups if g.name == "Comprehensive Strategic Partnership"
        ]
        assert partnership and partnership[0].label == "MISC"


async def test_tag_suggestion_accepted_with_plus(sample_home: Path) -> None:
    app = make_app(sample_home)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(pilot, "n.korea")
        await pilot.press("e")
        suggestions = str(screen.query_one("#entity-suggestions", Static).render())
        assert "#russia" in suggestions
        await select(pilot, screen, "Russia")
        await pilot.press("plus")
        await pilot.pause()
        assert "russia" in app.session.store.tags_of(SEED_ID)
        assert "#russia" not in str(screen.query_one("#entity-suggestions", Static).render())


@pytest.mark.slow
async def test_index_of_a_larger_library_builds_in_the_background(
    tmp_path: Path, home: Path
) -> None:
    """The real indexer child process, with more articles than one batch (its worker
    processes run; they crashed the app once): entities and full text both arrive."""
    library = tmp_path / "library"
    library.mkdir()
    for number in range(150):
        place = "Lisbon" if number % 3 == 0 else "Oslo"
        (library / f"a{number:03}.md").write_text(
            f'---\ntitle: "Report {number}"\nid: "art{number:03}"\n---\n\n'
            f"President Maria Costa spoke in {place} on Monday about 1,200 jobs.\n"
        )
    app = make_app(home, library=library, real_indexer=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.session.entity_index.stamps().keys() >= {f"art{n:03}" for n in range(150)}
        await pilot.press("slash", *"lisbon")
        await pilot.pause()
        assert len(app.screen.query_one(ArticleTable).rows) == 50, "the full text is indexed too"
        await pilot.press("escape")
        await pilot.press("slash", *"@lisbon")
        await pilot.pause()
        rows = app.screen.query_one(ArticleTable).rows
        assert len(rows) == 50
        assert "1×" in shown_lines(app.screen.query_one(ArticleTable))[0]
