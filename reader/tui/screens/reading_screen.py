"""ReadingScreen: one article, rendered, with the reading and annotation keys."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.entities import Mention
from reader.library import ArticleError, ArticleMeta
from reader.rendering.orphans import with_orphans
from reader.rendering.styling import Highlight, localise
from reader.session.session import Session
from reader.store import Note
from reader.store.anchoring import anchored
from reader.store.records import HIGHLIGHT_COLORS
from reader.text.document import Document, build_document, too_many_blocks
from reader.text.find import MAX_MATCHES, Finder
from reader.tui.messages import AnnotationsChanged
from reader.tui.screens.entity_screen import EntityScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_panel import EntityPanel
from reader.tui.widgets.find_bar import FindBar
from reader.tui.widgets.key_footer import KeyFooter
from reader.tui.widgets.note_margin import NoteMargin


class ReadingScreen(EntityScreen):
    """Shows an article; ``J``/``K`` move through the list it was opened from.

    Opening an article marks it read and returns to where reading stopped
    last time. Dismissed with the id of the article last shown, so the list
    can put its cursor there.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to list", id="article.back"),
        Binding("J", "next_article", "Next article", key_display="J", id="article.next"),
        Binding(
            "K",
            "previous_article",
            "Previous article",
            key_display="K",
            show=False,
            id="article.previous",
        ),
        Binding("slash", "find", "Find", key_display="/", id="article.find"),
        Binding("y", "highlight_passage", "Highlight", id="article.highlight"),
        Binding(
            "Y",
            "mark_highlight('sentence')",
            "Highlight a sentence",
            key_display="Y",
            show=False,
            id="article.highlight_sentence",
        ),
        Binding(
            "M",
            "mark_highlight('word')",
            "Highlight words",
            key_display="M",
            show=False,
            id="article.highlight_words",
        ),
        Binding("c", "cycle_colour", "Highlight colour", show=False, id="article.highlight_color"),
    ]

    position: reactive[int] = reactive(0)
    """Index of the article shown within ``order``."""

    def __init__(
        self,
        session: Session,
        order: list[ArticleMeta],
        position: int,
        *,
        at: int | None = None,
    ) -> None:
        super().__init__(session)
        self.order = order
        self.set_reactive(ReadingScreen.position, position)
        self.shown_id = ""
        self._status_note = Text("")
        self._finder: Finder | None = None
        self._matches: list[tuple[int, int]] = []
        self._match = -1
        self._open_at = at
        """A plain-text offset to open the first article at (a passage), else None."""
        self.notes: list[Note] = []
        """The notes and highlights of the article shown."""
        self._orphan_ids: tuple[str, ...] = ()

    @property
    def meta(self) -> ArticleMeta:
        """The article shown."""
        return self.order[self.position]

    def compose(self) -> ComposeResult:
        """The article's tag line, the text, a status line and the footer."""
        yield Static(id="article-bar")
        with Horizontal(id="reading-body"):
            yield ArticleView(id="article").data_bind(
                EntityScreen.show_highlights, EntityScreen.hidden_labels
            )
            yield EntityPanel(id="entity-panel")
        yield FindBar(placeholder="Find in article (enter/↓ next, ↑ previous, esc close)")
        yield NoteMargin(id="passage-notes")
        yield Static(id="status-bar")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Load the first article, with the view choices of this session."""
        view = self.query_one(ArticleView)
        self.query_one(EntityPanel).display = self.show_entity_panel
        view.focus()
        self._update_article_bar()
        self.load_article(self.meta)

    def watch_position(self, old: int, new: int) -> None:
        """Load the article at the new position."""
        self.load_article(self.meta)

    @work(thread=True, exclusive=True, group="article")
    def load_article(self, meta: ArticleMeta) -> None:
        """Read and lay out an article in a thread; results for a left article are dropped."""
        worker = get_current_worker()
        try:
            article = self.session.load(meta)
        except ArticleError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, meta, str(error))
            return
        document = build_document(article)
        if too_many_blocks(article) and not worker.is_cancelled:
            self.app.call_from_thread(
                self.notify,
                "A very long article: shown as plain text, without its Markdown formatting.",
                timeout=6,
            )
        cached = self.session.entities.peek(document.entity_text)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, meta, document, cached)

    def _failed(self, meta: ArticleMeta, reason: str) -> None:
        self.notify(
            f"{meta.path}: {reason}", title="Cannot open article", severity="error", markup=False
        )
        self.query_one("#status-bar", Static).update(Text(f" {meta.path}: {reason}"))

    def _show(self, meta: ArticleMeta, document: Document, cached: list[Mention] | None) -> None:
        if meta.id != self.meta.id:
            return
        self.shown_id = meta.id
        self.entities.begin(meta.id, document)
        store = self.session.store
        start = store.summary(meta.id).position if self.session.store_loaded else 0
        at, self._open_at = self._open_at, None
        if at is not None:
            start = at
        view = self.query_one(ArticleView)
        view.show_document(document, start if 0 <= start < len(document.plain) else 0)
        self._orphan_ids = ()
        if self.session.store_loaded:
            self.session.reanchor(meta.id, document.plain)
        if at is not None and 0 <= at <= len(document.plain):
            view.select_offset(at)
            view.call_after_refresh(view.select_offset, at)  # after the view settles
        self._mark_read(meta)
        self._update_notes()
        self._update_article_bar()
        self._update_status()
        self.begin_entities(meta, document, cached)
        self._finder = Finder(document.plain)
        if self.query_one(FindBar).has_class("-active"):
            self._find(self.query_one(FindBar).value)

    def _mark_read(self, meta: ArticleMeta) -> None:
        """Opening an article marks it read (not an undoable step: it is what opening means)."""
        if not self.session.store_loaded or self.session.store.summary(meta.id).read:
            return
        outcome = self.session.edit(
            lambda store: store.set_flag(meta.id, "read", True), undoable=False
        )
        if not outcome.ok:
            self.notify(outcome.error, severity="error", markup=False)

    def save_position(self) -> None:
        """Remember where reading stopped in the article shown."""
        if not self.shown_id or not self.session.store_loaded:
            return
        view = self.query_one(ArticleView)
        offset = view.offset_at_line(round(view.scroll_y))
        # Only a convenience: a failure here is not worth interrupting the reader.
        self.session.set_position(self.shown_id, offset or 0)

    # -- header and status ------------------------------------------------------------
    def _update_article_bar(self) -> None:
        summary = self.session.store.summary(self.meta.id)
        text = Text(" ")
        text.append("★ " if summary.starred else "☆ ", style="bold")
        if summary.tags:
            text.append(" ".join(f"#{tag}" for tag in summary.tags))
        else:
            text.append("no tags (t to tag)", style="dim")
        if summary.notes:
            text.append(f"  ·  ✎ {summary.notes} note{'s' if summary.notes != 1 else ''}")
        self.query_one("#article-bar", Static).update(text)

    def _update_status(self) -> None:
        view = self.query_one(ArticleView)
        total = max(view.virtual_size.height - view.scrollable_content_region.height, 0)
        percent = 100 if total == 0 else round(100 * view.scroll_y / total)
        text = Text(f" {percent:>3}% · {self.position + 1}/{len(self.order)} ·")
        text.append_text(self._status_note)
        self.query_one("#status-bar", Static).update(text)

    def _update_notes(self) -> None:
        """Draw the highlights, the note markers and the orphans after the article."""
        document = self.document
        if document is None:
            return
        view = self.query_one(ArticleView)
        self.notes = self.session.store.notes_of(self.meta.id) if self.session.store_loaded else []
        blocks = set()
        marks = []
        size = len(document.plain)
        for note in self.notes:
            if note.orphan or note.start is None or not 0 <= note.start <= size:
                continue
            if note.text.strip():
                blocks.add(document.locate(note.start)[0])
            if note.is_highlight and note.end is not None:
                marks.append(Highlight(note.start, min(note.end, size), f"highlight_{note.color}"))
        view.note_blocks = frozenset(blocks)
        view.marks = localise(document, marks)
        orphans = tuple(note.id for note in self.notes if note.orphan)
        if orphans != self._orphan_ids:
            self._orphan_ids = orphans
            view.replace_document(with_orphans(document, self.notes))
        self._update_margin()

    def _passage_span(self) -> tuple[int, int] | None:
        view = self.query_one(ArticleView)
        if self.document is None or not 0 <= view.passage < len(self.document.blocks):
            return None
        block = self.document.blocks[view.passage]
        return (block.start, block.end) if block.in_plain_text else None

    def _notes_on_passage(self) -> list[Note]:
        span = self._passage_span()
        if span is None:
            return []
        start, end = span
        return [
            note
            for note in self.notes
            if not note.orphan and note.start is not None and start <= note.start <= end
        ]

    def _update_margin(self) -> None:
        self.query_one(NoteMargin).show_notes(self._notes_on_passage())

    def on_article_view_passage_moved(self) -> None:
        """Show the notes of the passage under the cursor."""
        self._update_margin()

    def on_article_view_scrolled(self) -> None:
        """Keep the position in the status line current."""
        self._update_status()

    def show_status(self, text: Text) -> None:
        """Show news (entities found, the mention jumped to) at the end of the status bar."""
        self._status_note = text
        self._update_status()

    @on(AnnotationsChanged)
    def _annotations_changed(self, message: AnnotationsChanged) -> None:
        if message.article_ids is None or self.meta.id in message.article_ids:
            self._update_article_bar()
            self._update_notes()

    # -- annotation targets -------------------------------------------------------------
    def targets(self) -> list[ArticleMeta]:
        """The article shown."""
        return [self.meta]

    def note_passage(self) -> tuple[str, int | None, int | None]:
        """The paragraph under the passage cursor."""
        view = self.query_one(ArticleView)
        if self.document is None or view.passage < 0:
            return "", None, None
        block = self.document.blocks[view.passage]
        if not block.in_plain_text:
            return "", None, None
        return block.text, block.start, block.end

    def anchor_note(self, note: Note) -> Note:
        """A new note with the context of its passage."""
        return anchored(note, self.document.plain) if self.document is not None else note

    def show_note(self, meta: ArticleMeta, note: Note) -> None:
        """Scroll to a note's passage and put the passage cursor on it."""
        if note.start is not None and self.document is not None:
            self.query_one(ArticleView).select_offset(min(note.start, len(self.document.plain)))

    # -- find in the article ----------------------------------------------------------
    def action_find(self) -> None:
        """Open the find bar (matches are marked as you type)."""
        bar = self.query_one(FindBar)
        bar.add_class("-active")
        bar.focus()
        if bar.value:
            self._find(bar.value)

    @on(FindBar.Changed)
    def _find_changed(self, event: FindBar.Changed) -> None:
        self._find(event.value)

    def _find(self, wanted: str) -> None:
        if self._finder is None or self.document is None:
            return
        self._matches = self._finder.find(wanted)
        self._match = -1
        if self._matches:
            view = self.query_one(ArticleView)
            top = view.offset_at_line(round(view.scroll_y)) or 0
            self._match = next((i for i, (start, _) in enumerate(self._matches) if start >= top), 0)
        self._show_matches(wanted)

    def _show_matches(self, wanted: str) -> None:
        view = self.query_one(ArticleView)
        document = self.document
        if document is None:
            return
        marks = [Highlight(start, end, "find_match") for start, end in self._matches]
        if 0 <= self._match < len(self._matches):
            start, end = self._matches[self._match]
            marks.append(Highlight(start, end, "find_current"))
            view.scroll_to_offset(start)
        view.found = localise(document, marks)
        if not wanted.strip():
            self.show_status(Text(""))
            return
        status = Text(" find ")
        status.append(wanted, style="bold")
        if not self._matches:
            status.append(" · not found")
        else:
            more = "+" if len(self._matches) >= MAX_MATCHES else ""
            status.append(f" · {self._match + 1}/{len(self._matches)}{more}")
        self.show_status(status)

    @on(FindBar.Stepped)
    def _find_step(self, event: FindBar.Stepped) -> None:
        if not self._matches:
            self.app.bell()
            return
        self._match = (self._match + event.step) % len(self._matches)
        self._show_matches(self.query_one(FindBar).value)

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        bar = self.query_one(FindBar)
        bar.remove_class("-active")
        self._matches, self._match = [], -1
        self.query_one(ArticleView).found = {}
        self.query_one(ArticleView).focus()
        self.show_status(Text(""))

    @property
    def find_position(self) -> tuple[int, int]:
        """(current match, number of matches) of find in article; (0, 0) when none."""
        return (self._match + 1 if self._matches else 0), len(self._matches)

    # -- highlights --------------------------------------------------------------------
    def _exact_highlight(self, start: int, end: int) -> Note | None:
        return next(
            (n for n in self.notes if n.is_highlight and (n.start, n.end) == (start, end)), None
        )

    def action_add_note(self) -> None:
        """A note on the passage; on a highlighted passage, the highlight's own note."""
        span = self._passage_span()
        found = self._exact_highlight(*span) if span is not None else None
        if found is None or not self._guarded("the note"):
            super().action_add_note()
            return
        self._edit_note(self.meta, found, f"Note on the highlight in {self.meta.title}")

    def highlight_span(self, start: int, end: int) -> None:
        """Highlight plain-text ``start``..``end`` in the current colour."""
        if self.document is None or not self._guarded("highlighting"):
            return
        outcome = self.session.highlight(self.meta.id, self.document.plain, start, end)
        colour = self.session.view.highlight_color
        self.report(outcome, f"Highlighted ({colour}; c changes it, n adds a note)")

    def action_highlight_passage(self) -> None:
        """Highlight the passage under the cursor (or remove its highlight)."""
        span = self._passage_span()
        if span is None:
            self.notify("Move to a paragraph first (scroll, or { and }).", timeout=3)
            return
        found = self._exact_highlight(*span)
        if found is not None:
            outcome = self.session.delete_note(self.meta.id, found.id)
            self.report(outcome, "Highlight removed (ctrl+z brings it back).")
            return
        self.highlight_span(*span)

    def action_mark_highlight(self, unit: str) -> None:
        """Choose a sentence or a range of words to highlight (←/→, shift+←/→, enter)."""
        view = self.query_one(ArticleView)
        self.entities.mark_unit = unit
        spans = self.entities.units_of_block(view.passage)
        if not self.entities.start_mark(spans, purpose="highlight", unit=unit):
            self.entities.stop_mark()
            self.notify("Move to a paragraph first (scroll, or { and }).", timeout=3)
            return
        self._emphasise()
        self._mark_status()

    def action_cycle_colour(self) -> None:
        """Give the highlight on this passage the next colour (and use it for new ones)."""
        view = self.session.view
        colours = HIGHLIGHT_COLORS
        on_passage = [note for note in self._notes_on_passage() if note.is_highlight]
        current = on_passage[0].color if on_passage else view.highlight_color
        following = colours[(colours.index(current) + 1) % len(colours)]
        view.highlight_color = following
        if on_passage:
            self.report(self.session.recolour(self.meta.id, on_passage[0], following))
        else:
            self.notify(f"New highlights: {following}", timeout=2)

    # -- navigation ----------------------------------------------------------------------
    def action_back(self) -> None:
        """Return to the list, cursor on this article."""
        self.save_position()
        self.dismiss(self.meta.id)

    def action_next_article(self) -> None:
        """Show the next article of the list."""
        if self.position + 1 < len(self.order):
            self.save_position()
            self.position += 1
        else:
            self.notify("This is the last article of the list.", timeout=2)

    def action_previous_article(self) -> None:
        """Show the previous article of the list."""
        if self.position > 0:
            self.save_position()
            self.position -= 1
        else:
            self.notify("This is the first article of the list.", timeout=2)
