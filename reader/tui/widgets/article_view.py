"""ArticleView: an article's text, drawn line by line.

A line-API widget: the document is laid out once per width (line breaks
only) and each visible line is styled when drawn, so a 50,000-word article
opens quickly and highlights change without a new layout.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.rendering.layout import Layout, layout
from reader.rendering.styling import LocalHighlights, StyleMap, entity_role, line_text
from reader.store.records import HIGHLIGHT_COLORS
from reader.text.document import Document

MAX_TEXT_WIDTH = 96
"""Lines are wrapped at most this wide, for comfortable reading."""
GUTTER = 2
"""Columns left of the text for the passage cursor and note markers."""

_ROLES = (
    "title",
    "heading",
    "meta",
    "rule",
    "prefix",
    "quote",
    "code",
    "row",
    "header_row",
    "strong",
    "em",
    "strike",
    "link",
    "code_inline",
    "image",
    "entity_person",
    "entity_org",
    "entity_place",
    "entity_misc",
    "entity_date",
    "entity_figure",
    "entity_selected",
    "entity_current",
    "mark_selection",
    "find_match",
    "find_current",
    *(f"highlight_{colour}" for colour in HIGHLIGHT_COLORS),
    "orphan_heading",
    "orphan_quote",
)
ENTITY_LABELS = ("PERSON", "ORG", "PLACE", "MISC", "DATE", "FIGURE")


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one :class:`Document`; scrolls with the reading keys."""

    COMPONENT_CLASSES = {
        *(f"article-view--{role.replace('_', '-')}" for role in _ROLES),
        "article-view--passage",
        "article-view--note-marker",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="article.scroll_down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="article.scroll_up"),
        Binding(
            "space,pagedown", "page_down", "Page down", key_display="space", id="article.page_down"
        ),
        Binding(
            "b,pageup", "page_up", "Page up", key_display="b", show=False, id="article.page_up"
        ),
        Binding("g,home", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding(
            "right_curly_bracket",
            "next_passage",
            "Next passage",
            key_display="}",
            show=False,
            id="article.next_passage",
        ),
        Binding(
            "left_curly_bracket",
            "previous_passage",
            "Previous passage",
            key_display="{",
            show=False,
            id="article.previous_passage",
        ),
    ]

    highlights: reactive[LocalHighlights] = reactive(dict, layout=False, always_update=True)
    """Extra styles over the text, by block (entity highlights, the selected passage)."""
    marks: reactive[LocalHighlights] = reactive(dict, layout=False, always_update=True)
    """The person's highlights, coloured (drawn over entity highlights, under emphasis)."""
    emphasis: reactive[LocalHighlights] = reactive(dict, layout=False, always_update=True)
    """Styles drawn over the highlights: the selected entity, the current mention, a mark."""
    found: reactive[LocalHighlights] = reactive(dict, layout=False, always_update=True)
    """Styles drawn over everything: the matches of find in article, the current one."""
    show_highlights: reactive[bool] = reactive(True)
    """Entity highlights on or off (``h``)."""
    hidden_labels: reactive[frozenset[str]] = reactive(frozenset)
    """Entity labels whose highlights are turned off one by one."""
    passage: reactive[int] = reactive(-1)
    """Index of the block under the passage cursor (notes attach to it); -1 for none."""
    note_blocks: reactive[frozenset[int]] = reactive(frozenset)
    """Blocks that have notes: a marker is drawn beside them."""

    DEFAULT_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
    }
    """
    """The scrollbar's column is kept from the start, so the text is laid out for the
    width it is drawn in (no last column hidden under a scrollbar that appears later)."""

    class Scrolled(Message):
        """The view scrolled (the screen updates its position display)."""

    class PassageMoved(Message):
        """The passage cursor moved to another block (the screen shows its notes)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.document: Document | None = None
        self.text_layout: Layout | None = None
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._styles: StyleMap | None = None

    # -- scrolling ------------------------------------------------------------------
    @property
    def smooth_scrolling(self) -> bool:
        """Whether scrolling keys animate (``[reading] smooth_scrolling`` in config.toml).

        Off by default: a keyboard reader wants the page where it is going at once.
        """
        app = self.app
        settings = getattr(app, "settings", None) or getattr(
            getattr(app, "session", None), "settings", None
        )
        return bool(getattr(settings, "smooth_scrolling", False))

    def _scroll_to_line(self, y: float) -> None:
        self.scroll_to(
            y=max(0.0, min(y, self.max_scroll_y)), animate=self.smooth_scrolling, immediate=True
        )

    def action_scroll_home(self) -> None:
        """To the top (``g``)."""
        self._scroll_to_line(0)

    def action_scroll_end(self) -> None:
        """To the bottom (``G``)."""
        self._scroll_to_line(self.max_scroll_y)

    def action_page_down(self) -> None:
        """One screen down (``space``)."""
        self._scroll_to_line(self.scroll_y + max(self.scrollable_content_region.height, 1))

    def action_page_up(self) -> None:
        """One screen up (``b``)."""
        self._scroll_to_line(self.scroll_y - max(self.scrollable_content_region.height, 1))

    def action_scroll_down(self) -> None:
        """One line down."""
        self._scroll_to_line(self.scroll_y + 1)

    def action_scroll_up(self) -> None:
        """One line up."""
        self._scroll_to_line(self.scroll_y - 1)

    # -- content ---------------------------------------------------------------
    def show_document(self, document: Document, offset: int = 0) -> None:
        """Replace the article shown, scrolled so plain-text ``offset`` is at the top."""
        self.document = document
        self.highlights = {}
        self.marks = {}
        self.emphasis = {}
        self.found = {}
        self.note_blocks = frozenset()
        self._relayout()
        line = self.text_layout.line_of(offset)[0] if offset and self.text_layout else 0
        self.scroll_to(0, line, animate=False, immediate=True)
        self.passage = self._first_visible_passage()
        if line:  # The new height may not be known yet: scroll again once it is.
            self.call_after_refresh(self._settle_at, line)

    def replace_document(self, document: Document) -> None:
        """Show another version of the same article (orphans listed at its end) in place."""
        top = self.scroll_y
        self.document = document
        self._relayout()
        self.scroll_to(0, top, animate=False, immediate=True)

    def _settle_at(self, line: int) -> None:
        self.scroll_to(0, line, animate=False, immediate=True)
        self.passage = self._first_visible_passage()

    def _text_width(self) -> int:
        return max(min(self.scrollable_content_region.width - GUTTER, MAX_TEXT_WIDTH), 20)

    def _relayout(self) -> None:
        self._strips.clear()
        if self.document is None:
            self.text_layout = None
            self.virtual_size = Size(0, 0)
        else:
            self.text_layout = layout(self.document, self._text_width())
            self.virtual_size = Size(self.text_layout.width, len(self.text_layout.lines))
        self.refresh()

    def on_resize(self) -> None:
        """Lay the text out again when the width changes, keeping the same passage in view."""
        if self.document is None or self.text_layout is None:
            return
        if self.text_layout.width == self._text_width():
            return
        anchor = self.offset_at_line(int(self.scroll_y))
        self._relayout()
        if anchor is not None:
            line, _ = self.text_layout.line_of(anchor)
            self.scroll_to(0, line, animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Tell the screen when the view moved; keep the passage cursor on screen."""
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            if not self._passage_starts_on_screen():
                self.passage = self._first_visible_passage()
            self.post_message(self.Scrolled())

    # -- the passage cursor --------------------------------------------------------------
    def _block_lines(self, block_index: int) -> tuple[int, int]:
        """First and last line of a block."""
        assert self.text_layout is not None
        first = self.text_layout.block_first_line[block_index]
        last = first
        lines = self.text_layout.lines
        while last + 1 < len(lines) and lines[last + 1].block == block_index:
            last += 1
        return first, last

    def _passage_starts_on_screen(self) -> bool:
        """True when the passage cursor's first line is in view (it then stays put)."""
        if self.text_layout is None or self.passage < 0:
            return False
        first, _ = self._block_lines(self.passage)
        top = round(self.scroll_y)
        return top <= first <= top + self.scrollable_content_region.height - 1

    def _first_visible_passage(self) -> int:
        """The first paragraph (not the title) that starts on screen, else the one at the top."""
        if self.text_layout is None or self.document is None:
            return -1
        top = round(self.scroll_y)
        bottom = top + max(self.scrollable_content_region.height - 1, 0)
        content = self.document.content_blocks[1:]
        spans = [(block, *self._block_lines(block)) for block in content]
        for block, first, _ in spans:
            if top <= first <= bottom:
                return block
        for block, first, last in spans:
            if first <= top <= last:
                return block
        return content[0] if content else -1

    def _move_passage(self, step: int) -> None:
        if self.document is None or self.text_layout is None:
            return
        content = self.document.content_blocks[1:]
        if not content:
            return
        position = content.index(self.passage) + step if self.passage in content else 0
        position = min(max(position, 0), len(content) - 1)
        self.passage = content[position]
        first, last = self._block_lines(self.passage)
        height = last - first + 1
        self.scroll_to_region(
            Region(0, first, 1, min(height, self.scrollable_content_region.height)),
            animate=False,
            immediate=True,
        )

    def action_next_passage(self) -> None:
        """Move the passage cursor to the next paragraph."""
        self._move_passage(1)

    def action_previous_passage(self) -> None:
        """Move the passage cursor to the previous paragraph."""
        self._move_passage(-1)

    def watch_passage(self) -> None:
        """Re-draw the gutter; tell the screen."""
        self.refresh()
        self.post_message(self.PassageMoved())

    def watch_note_blocks(self) -> None:
        """Re-draw the gutter."""
        self.refresh()

    def select_offset(self, offset: int) -> None:
        """Put the passage cursor on the block holding a plain-text offset and show it."""
        if self.document is None:
            return
        block_index, _ = self.document.locate(offset)
        self.scroll_to_offset(offset)
        self.passage = block_index

    # -- geometry helpers -------------------------------------------------------
    def offset_at_line(self, line_number: int) -> int | None:
        """The plain-text offset of the first character shown on a line, if any."""
        if self.text_layout is None or not self.text_layout.lines:
            return None
        block_index = self.text_layout.block_at(line_number)
        block = self.text_layout.document.blocks[block_index]
        line = self.text_layout.lines[min(line_number, len(self.text_layout.lines) - 1)]
        if block.start < 0:
            return None
        local = line.start if line.block == block_index else 0
        return block.start + local

    def scroll_to_offset(self, offset: int, *, center: bool = True) -> int:
        """Scroll so the plain-text ``offset`` is in view; return its line number."""
        if self.text_layout is None:
            return 0
        line, column = self.text_layout.line_of(offset)
        self.scroll_to_region(
            Region(column, line, 1, 1), animate=False, center=center, immediate=True
        )
        return line

    # -- drawing -----------------------------------------------------------------
    def notify_style_update(self) -> None:
        """Forget resolved styles and drawn lines when the theme or CSS changes."""
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def watch_highlights(self) -> None:
        """Re-draw the visible lines (the layout is unchanged)."""
        self._strips.clear()
        self.refresh()

    def watch_marks(self) -> None:
        """Re-draw the visible lines."""
        self._strips.clear()
        self.refresh()

    def watch_emphasis(self) -> None:
        """Re-draw the visible lines."""
        self._strips.clear()
        self.refresh()

    def watch_found(self) -> None:
        """Re-draw the visible lines."""
        self._strips.clear()
        self.refresh()

    def watch_show_highlights(self) -> None:
        """Re-draw the visible lines."""
        self._strips.clear()
        self.refresh()

    def watch_hidden_labels(self) -> None:
        """Re-draw the visible lines."""
        self._strips.clear()
        self.refresh()

    @property
    def styles_by_role(self) -> StyleMap:
        """The Rich style of each role, from the ``article-view--*`` component classes."""
        if self._styles is None:
            self._styles = {
                role: self.get_component_rich_style(
                    f"article-view--{role.replace('_', '-')}", partial=True
                )
                for role in _ROLES
            }
        return self._styles

    def _line_styles(self) -> StyleMap:
        styles = dict(self.styles_by_role)
        for label in ENTITY_LABELS:
            if not self.show_highlights or label in self.hidden_labels:
                styles[entity_role(label)] = Style.null()
        return styles

    def render_line(self, y: int) -> Strip:
        """Draw one line of the view."""
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        line_number = scroll_y + y
        base = self.rich_style
        if self.text_layout is None or line_number >= len(self.text_layout.lines):
            return Strip.blank(width, base)
        strip = self._strips.get(line_number)
        if strip is None:
            block = self.text_layout.lines[line_number].block
            spans = [
                *self.highlights.get(block, ()),
                *self.marks.get(block, ()),
                *self.emphasis.get(block, ()),
                *self.found.get(block, ()),
            ]
            text = line_text(self.text_layout, line_number, self._line_styles(), {block: spans})
            segments = list(text.render(self.app.console))
            strip = Strip(segments, text.cell_len)
            self._strips[line_number] = strip
        left = max((width - self.text_layout.width) // 2, GUTTER)
        gutter = self._gutter(line_number)
        strip = Strip([Segment(" " * (left - GUTTER)), *gutter, *strip], strip.cell_length + left)
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_style(base)

    def _gutter(self, line_number: int) -> list[Segment]:
        """The two gutter cells of a line: note marker, passage bar."""
        assert self.text_layout is not None
        line = self.text_layout.lines[line_number]
        block = line.block
        first_line = block >= 0 and self.text_layout.block_first_line[block] == line_number
        note = (
            Segment("✎", self.get_component_rich_style("article-view--note-marker", partial=True))
            if (first_line and block in self.note_blocks)
            else Segment(" ")
        )
        bar = (
            Segment("▎", self.get_component_rich_style("article-view--passage", partial=True))
            if (block >= 0 and block == self.passage)
            else Segment(" ")
        )
        return [note, bar]
