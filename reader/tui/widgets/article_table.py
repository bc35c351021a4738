"""ArticleTable: the library as a table, drawn line by line.

Only the rows on screen are ever drawn, and moving the cursor re-draws two
lines, so a library of 10,000 articles lists and filters instantly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.library.article import ArticleMeta, site_name
from reader.util.safety import steady_width

_NULL = Style.null()
_SITES: dict[str, str] = {}
"""Source URL -> the site shown in the Source column (a few hundred sites at most)."""


@dataclass(frozen=True, slots=True)
class _RowStyles:
    """The widget's style and those of its parts, as the rows need them."""

    base: Style
    flags: Style
    unread: Style
    dim: Style
    tags: Style
    marked: Style
    cursor: Style


Flags = Callable[[ArticleMeta], str]
"""Gives the state column of a row (read, star, notes, marked)."""
TagsOf = Callable[[ArticleMeta], Sequence[str]]


@dataclass(frozen=True, slots=True)
class Columns:
    """Cell widths of the columns at the current width."""

    flags: int
    title: int
    tags: int
    source: int
    date: int
    words: int

    def header(self, counts: bool = False) -> Text:
        """The column titles, aligned with the rows (``counts``: mentions instead of words)."""
        text = Text(no_wrap=True, end="")
        text.append(" " * self.flags)
        text.append(_cell("Title", self.title))
        if self.tags:
            text.append(_cell("Tags", self.tags))
        if self.source:
            text.append(_cell("Source", self.source))
        if self.date:
            text.append(_cell("Date", self.date))
        if self.words:
            text.append(_cell("Mentions" if counts else "Words", self.words, right=True))
        return text


def _cell(value: str, width: int, *, right: bool = False) -> str:
    """Fit a value into ``width`` terminal cells plus one space of gutter.

    Widths are counted in cells (a CJK character or an emoji takes two), and
    emoji sequences that terminals draw differently are taken apart first.
    """
    if width <= 0:
        return ""
    inner = width - 1
    value = steady_width(value)
    if cell_len(value) > inner:
        value = set_cell_size(value, max(inner - 1, 0)) + "…" if inner > 1 else ""
        value = set_cell_size(value, inner)
    padding = " " * (inner - cell_len(value))
    return (padding + value if right else value + padding) + " "


TITLE_SHARE = 0.45
"""The title keeps at least this share of the width: it is what the list is for."""


def columns_for(width: int, show_tags: bool) -> Columns:
    """Share ``width`` cells between the columns, the title first.

    The other columns are added in order of use (date, words, tags, source)
    while the title keeps at least :data:`TITLE_SHARE` of the width.
    """
    flags = 5
    title_floor = max(int(width * TITLE_SHARE), 10)
    room = width - flags - title_floor
    wanted = [
        ("date", 11 if width >= 44 else 0),
        ("words", 9 if width >= 56 else 0),
        ("tags", (24 if width >= 120 else 16) if show_tags else 0),
        ("source", 22 if width >= 110 else 16),
    ]
    chosen = {name: 0 for name, _ in wanted}
    for name, size in wanted:
        if size and size <= room:
            chosen[name] = size
            room -= size
    title = max(width - flags - sum(chosen.values()), 10)
    return Columns(flags, title, chosen["tags"], chosen["source"], chosen["date"], chosen["words"])


class ArticleTable(ScrollView, can_focus=True, inherit_bindings=False):
    """The list of articles, with a cursor."""

    COMPONENT_CLASSES = {
        "article-table--cursor",
        "article-table--dim",
        "article-table--unread",
        "article-table--flags",
        "article-table--tags",
        "article-table--marked",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("enter", "open", "Open", show=False, id="list.open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    """The row the cursor is on."""

    class Opened(Message):
        """The person chose an article (``enter``)."""

        def __init__(self, table: ArticleTable, meta: ArticleMeta) -> None:
            super().__init__()
            self.table = table
            self.meta = meta

    class ColumnsChanged(Message):
        """The column widths changed (the screen re-draws the header)."""

        def __init__(self, table: ArticleTable) -> None:
            super().__init__()
            self.table = table

    class Highlighted(Message):
        """The cursor moved to another article."""

        def __init__(self, table: ArticleTable, meta: ArticleMeta | None) -> None:
            super().__init__()
            self.table = table
            self.meta = meta

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[ArticleMeta] = []
        self.flags_of: Flags = lambda meta: ""
        self.tags_of: TagsOf = lambda meta: meta.tags
        self.is_unread: Callable[[ArticleMeta], bool] = lambda meta: False
        self.is_marked: Callable[[ArticleMeta], bool] = lambda meta: False
        self.any_tagged: Callable[[list[ArticleMeta]], bool] | None = None
        """When set, says quickly whether any of these rows has tags (else each row is asked)."""
        self.count_of: Callable[[ArticleMeta], int] | None = None
        """When set, the last column shows this count (entity mentions) instead of words."""
        self.columns = columns_for(0, False)
        self._strips: LRUCache[int, tuple[int, Strip]] = LRUCache(512)
        """Rows drawn, with the width they were drawn at."""
        self._row_styles: _RowStyles | None = None
        self._length = 0
        """How long the list is (more than ``rows`` while only its first screen is known)."""

    # -- content -----------------------------------------------------------------
    def set_rows(
        self, rows: list[ArticleMeta], keep: str | None = None, *, length: int | None = None
    ) -> None:
        """Show these rows; keep the cursor on article ``keep`` if it is among them.

        ``length``: the list is that long, of which ``rows`` are the first (the
        first screen drawn before the whole list is read): the scrollbar is
        sized for all of it.
        """
        current = keep if keep is not None else (self.current.id if self.current else None)
        self.rows = rows
        self._length = max(length or 0, len(rows))
        self._strips.clear()
        self.refresh_columns()
        index = 0
        if current is not None:
            for position, meta in enumerate(rows):
                if meta.id == current:
                    index = position
                    break
        self.cursor = min(index, max(len(rows) - 1, 0))
        self.refresh()

    def refresh_rows(self, ids: set[str] | None = None) -> None:
        """Re-draw rows whose state changed (all rows when ``ids`` is None)."""
        if ids is None:
            self._strips.clear()
            self.refresh()
            return
        for position, meta in enumerate(self.rows):
            if meta.id in ids:
                self._strips.discard(position)
                self.refresh_line(position)

    @property
    def current(self) -> ArticleMeta | None:
        """The article under the cursor."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    # -- cursor ------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        """Keep the cursor on a row."""
        return min(max(value, 0), max(len(self.rows) - 1, 0))

    def watch_cursor(self, old: int, new: int) -> None:
        """Re-draw only the two rows involved and keep the cursor in view."""
        self._strips.discard(old)
        self._strips.discard(new)
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)
        self.post_message(self.Highlighted(self, self.current))

    def action_cursor_down(self) -> None:
        """Move down one row."""
        self.cursor += 1

    def action_cursor_up(self) -> None:
        """Move up one row."""
        self.cursor -= 1

    def action_page_down(self) -> None:
        """Move down one screen."""
        self.cursor += max(self.scrollable_content_region.height - 1, 1)

    def action_page_up(self) -> None:
        """Move up one screen."""
        self.cursor -= max(self.scrollable_content_region.height - 1, 1)

    def action_first(self) -> None:
        """Go to the first row."""
        self.cursor = 0

    def action_last(self) -> None:
        """Go to the last row."""
        self.cursor = len(self.rows) - 1

    def action_open(self) -> None:
        """Open the article under the cursor."""
        if self.current is not None:
            self.post_message(self.Opened(self, self.current))

    def on_click(self, event: events.Click) -> None:
        """Clicking a row moves the cursor there and opens its article."""
        row = int(self.scroll_y) + event.y
        if 0 <= row < len(self.rows):
            self.cursor = row
            self.action_open()

    # -- drawing -----------------------------------------------------------------
    def on_resize(self) -> None:
        """Recompute the columns for the new width."""
        self.refresh_columns()

    def refresh_columns(self) -> None:
        """Recompute the columns (the tags column appears once any shown article has tags)."""
        width = self.scrollable_content_region.width
        if self.any_tagged is not None:
            show_tags = self.any_tagged(self.rows)
        else:
            show_tags = any(self.tags_of(meta) for meta in self.rows[:5000])
        columns = columns_for(width, show_tags=show_tags)
        self._set_virtual_size(Size(width, max(self._length, len(self.rows))))
        if columns != self.columns:
            self.columns = columns
            self._strips.clear()
            self.refresh()
            self.post_message(self.ColumnsChanged(self))

    def _set_virtual_size(self, size: Size) -> None:
        """Take a new number of rows; the screen is laid out again only if a scrollbar came or went.

        (Setting ``virtual_size`` lays out the whole screen, at every key typed in
        the filter; only the scrollbars depend on it, and they are updated here.)
        """
        if size == self.virtual_size:
            return
        if not self.is_mounted or not self.container_size:
            self.virtual_size = size
            return
        before = (self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
        self.set_reactive(ArticleTable.virtual_size, size)
        self._scroll_update(size)
        if (self.show_vertical_scrollbar, self.show_horizontal_scrollbar) != before:
            self.refresh(layout=True)
        else:
            self.refresh()

    def notify_style_update(self) -> None:
        """Forget drawn rows and their styles when the theme or the focus changes."""
        super().notify_style_update()
        self._row_styles = None
        self._strips.clear()

    def _styles(self) -> _RowStyles:
        """The styles of the rows, worked out once per change of style (theme, focus)."""
        styles = self._row_styles
        if styles is None:

            def part(name: str) -> Style:
                return self.get_component_rich_style(f"article-table--{name}", partial=True)

            styles = self._row_styles = _RowStyles(
                self.rich_style,
                part("flags"),
                part("unread"),
                part("dim"),
                part("tags"),
                part("marked"),
                part("cursor"),
            )
        return styles

    def _row_text(self, meta: ArticleMeta) -> list[tuple[str, Style]]:
        """The cells of one row, each fitted to its column, with its style."""
        columns = self.columns
        styles = self._styles()
        cells = [
            (_cell(self.flags_of(meta), columns.flags), styles.flags),
            (
                _cell(meta.title, columns.title),
                styles.unread if self.is_unread(meta) else _NULL,
            ),
        ]
        if columns.tags:
            tags = " ".join(f"#{tag}" for tag in self.tags_of(meta))
            cells.append((_cell(tags, columns.tags), styles.tags))
        if columns.source:
            site = _SITES.get(meta.source)
            if site is None:
                site = _SITES[meta.source] = site_name(meta.source)
            cells.append((_cell(site, columns.source), styles.dim))
        if columns.date:
            cells.append((_cell(meta.date[:10], columns.date), styles.dim))
        if columns.words:
            value = f"{self.count_of(meta)}×" if self.count_of else f"{meta.words:,}"
            cells.append((_cell(value, columns.words, right=True), styles.dim))
        return cells

    def render_line(self, y: int) -> Strip:
        """Draw one row.

        The segments are made here with their final styles (the widget's, the
        cell's, then marked and cursor over the whole row), as a Rich ``Text``
        of the row would render them, and the row is kept until it changes.
        """
        width = self.scrollable_content_region.width
        row = int(self.scroll_y) + y
        if row >= len(self.rows):
            return Strip.blank(width, self._styles().base)
        cached = self._strips.get(row)
        if cached is not None and cached[0] == width:
            return cached[1]
        styles = self._styles()
        meta = self.rows[row]
        over = _NULL
        if self.is_marked(meta):
            over += styles.marked
        if row == self.cursor:
            over += styles.cursor
        base = styles.base
        segments: list[Segment] = []
        used = 0
        for text, style in self._row_text(meta):
            segments.append(Segment(text, base + style + over))
            used += cell_len(text)
        if used < width:
            segments.append(Segment(" " * (width - used), base + over))
            used = width
        strip = Strip(segments, used)
        if used != width:
            strip = strip.crop_extend(0, width, base)
        self._strips[row] = (width, strip)
        return strip

    def header_text(self) -> Text:
        """The column header for the current width."""
        return self.columns.header(counts=self.count_of is not None)
