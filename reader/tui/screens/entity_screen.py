"""EntityScreen: the entity side of the reading view.

Highlights coloured by label, the key-entity panel (``e``), jumping between
the mentions of the selected entity (``]``/``[``), switching highlights
(``h``, ``H``), correcting entities (``l``/``x`` in the panel, ``m`` to mark new
text) and browsing the library by entity (``enter`` in the panel).

The state is a plain :class:`~reader.tui.entity_state.EntityState`; this
screen wires it to keys and widgets. The view choices (highlights on, labels
hidden, panel shown) are reactives bound down to the article view and kept in
the session for the next article. Extraction runs in a worker; results for
an article the person has already left are dropped.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.worker import get_current_worker

from reader.entities import EntityGroup, Mention
from reader.entities.bounds import note_for
from reader.entities.corrections import Correction
from reader.library import ArticleMeta
from reader.rendering.styling import localise
from reader.session.session import Session
from reader.store import normalise_tag
from reader.store.changes import LIBRARY_SCOPE
from reader.text.document import Document
from reader.tui.dialogs.label_picker import NOT_AN_ENTITY, Choice, LabelPicker
from reader.tui.dialogs.label_toggles import LabelToggles
from reader.tui.entity_state import EntityState
from reader.tui.messages import AnnotationsChanged, ShowFiltered
from reader.tui.screens.annotating import AnnotatingScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_panel import EntityList, EntityPanel

_notice_shown = False
"""The extractor's "using the built-in one instead" notice is shown once per process."""


class EntityScreen(AnnotatingScreen[str]):
    """Entity features on top of a screen that shows one article in an ``ArticleView``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "toggle_panel", "Entities", id="article.entities"),
        Binding("h", "toggle_highlights", "Highlights", id="article.highlights"),
        Binding(
            "H",
            "choose_labels",
            "Highlight which labels",
            key_display="H",
            show=False,
            id="article.labels",
        ),
        Binding(
            "right_square_bracket",
            "jump(1)",
            "Next mention",
            key_display="]",
            id="article.next_mention",
        ),
        Binding(
            "left_square_bracket",
            "jump(-1)",
            "Previous mention",
            key_display="[",
            show=False,
            id="article.previous_mention",
        ),
        Binding("m", "start_mark", "Mark entity", show=False, id="article.mark"),
        Binding(
            "tab",
            "switch_focus",
            "Text / entities",
            show=False,
            priority=True,
            id="article.switch_focus",
        ),
        # While marking new entity text:
        Binding(
            "right",
            "mark_move(1)",
            "Mark: next word",
            show=False,
            priority=True,
            id="mark.next_word",
        ),
        Binding(
            "left",
            "mark_move(-1)",
            "Mark: previous word",
            show=False,
            priority=True,
            id="mark.previous_word",
        ),
        Binding(
            "shift+right",
            "mark_extend(1)",
            "Mark: one more word",
            show=False,
            priority=True,
            id="mark.grow",
        ),
        Binding(
            "shift+left",
            "mark_extend(-1)",
            "Mark: one word less",
            show=False,
            priority=True,
            id="mark.shrink",
        ),
        Binding(
            "enter", "mark_done", "Mark: choose label", show=False, priority=True, id="mark.label"
        ),
        Binding(
            "escape", "mark_cancel", "Mark: cancel", show=False, priority=True, id="mark.cancel"
        ),
    ]

    _MARK_ACTIONS = frozenset({"mark_move", "mark_extend", "mark_done", "mark_cancel"})

    show_highlights: reactive[bool] = reactive(True)
    """Entity highlights on (``h``); bound down to the article view."""
    hidden_labels: reactive[frozenset[str]] = reactive(frozenset)
    """Labels whose highlights are hidden (``H``); bound down to the article view."""
    show_entity_panel: reactive[bool] = reactive(False)
    """The key-entity panel shown (``e``)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.entities = EntityState()
        view = session.view
        self.set_reactive(EntityScreen.show_highlights, view.show_highlights)
        self.set_reactive(EntityScreen.hidden_labels, view.hidden_labels)
        self.set_reactive(EntityScreen.show_entity_panel, view.show_entity_panel)
        self._panel_stale = False

    @property
    def document(self) -> Document | None:
        """The article's plain-text model, once loaded."""
        return self.entities.document

    def watch_show_highlights(self, value: bool) -> None:
        """Remember the choice for the next article (and the next start)."""
        self.session.set_view(show_highlights=value)

    def watch_hidden_labels(self, value: frozenset[str]) -> None:
        """Remember the choice for the next article (and the next start)."""
        self.session.set_view(hidden_labels=value)

    def watch_show_entity_panel(self, value: bool) -> None:
        """Show or hide the panel; remember the choice."""
        self.session.set_view(show_entity_panel=value)
        panel = self.query_one(EntityPanel)
        panel.display = value
        if value:
            self._fill_panel()

    # -- subclass hooks --------------------------------------------------------------
    @property
    def meta(self) -> ArticleMeta:
        """The article shown (provided by the subclass)."""
        raise NotImplementedError

    def show_status(self, text: Text) -> None:
        """Show a transient line in the status bar (the subclass draws it)."""

    # -- loading ------------------------------------------------------------------------
    def begin_entities(
        self, meta: ArticleMeta, document: Document, cached: list[Mention] | None
    ) -> None:
        """Show cached entities now, or extract them in the background."""
        self.entities.begin(meta.id, document)
        if cached is not None:
            self.apply_entities(cached)
        else:
            self.query_one(EntityPanel).show_groups([], "")
            self.show_status(Text(" Finding entities…"))
            self.extract_entities(meta, document)

    @work(thread=True, exclusive=True, group="entities")
    def extract_entities(self, meta: ArticleMeta, document: Document) -> None:
        """Run the extractor in a thread; drop the result if the article was left."""
        worker = get_current_worker()
        service = self.session.entities
        raw = service.raw_mentions(document.entity_text)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._extracted, meta.id, raw, service.notice)

    def _extracted(self, article_id: str, raw: list[Mention], notice: str | None) -> None:
        global _notice_shown
        if notice and not _notice_shown:
            _notice_shown = True
            self.notify(notice, severity="warning", markup=False, timeout=8)
        if article_id != self.entities.article_id or article_id != self.meta.id:
            return
        self.apply_entities(raw)

    def apply_entities(self, raw: list[Mention] | None = None) -> None:
        """Apply corrections to the raw mentions; redraw highlights and the panel."""
        state = self.entities
        raw = raw if raw is not None else state.raw
        if state.document is None or raw is None:
            return
        corrections = (
            self.session.store.corrections_for(self.meta.id) if self.session.store_loaded else {}
        )
        state.apply(raw, corrections)
        self.query_one(ArticleView).highlights = localise(state.document, state.highlights())
        self._panel_stale = True
        self._fill_panel()
        self._emphasise()
        status = Text(f" {len(state.groups)} entities · e panel · ] next mention")
        if note := note_for(state.document.plain):
            status.append(f" · {note}", style="italic")
        self.show_status(status)

    def tag_suggestions(self) -> list[str]:
        """Tags from the most salient named entities that the article does not have yet."""
        return self.entities.suggestions(self.session.store.tags_of(self.meta.id))

    @on(AnnotationsChanged)
    def _corrections_may_have_changed(self, message: AnnotationsChanged) -> None:
        if message.article_ids is None or self.meta.id in message.article_ids:
            self.apply_entities()

    # -- selection and jumps -------------------------------------------------------------
    @on(EntityPanel.Selected)
    def _selected(self, message: EntityPanel.Selected) -> None:
        self.entities.select(message.group)
        self._emphasise()

    def _emphasise(self) -> None:
        if self.entities.document is None:
            return
        marks = self.entities.emphasis()
        self.query_one(ArticleView).emphasis = localise(self.entities.document, marks)

    def action_jump(self, step: int) -> None:
        """Scroll to the next (or previous) mention of the selected entity, wrapping around."""
        state = self.entities
        had_selection = state.selected is not None
        view = self.query_one(ArticleView)
        mention = state.jump(step, view.offset_at_line(round(view.scroll_y)) or 0)
        if mention is None or state.selected is None:
            self.notify("No entities in this article (yet).", timeout=2)
            return
        if not had_selection:
            self.query_one(EntityPanel).select_group(state.selected.name)
        view.scroll_to_offset(mention.start)
        self._emphasise()
        status = Text(" ")
        status.append(state.selected.name, style="bold")
        status.append(f" · {state.position + 1}/{len(state.selected.mentions)}")
        self.show_status(status)

    # -- panel and highlights ----------------------------------------------------------
    def _fill_panel(self) -> None:
        """List the entities in the panel, if it is shown (else when it is next shown)."""
        panel = self.query_one(EntityPanel)
        state = self.entities
        if not panel.display or not self._panel_stale or state.document is None:
            return
        self._panel_stale = False
        chosen = state.selected.name if state.selected else None
        panel.show_groups(state.groups, state.document.plain, suggestions=self.tag_suggestions())
        if chosen:
            panel.select_group(chosen)

    def action_toggle_panel(self) -> None:
        """Show or hide the key-entity panel (focus goes to it when shown)."""
        self.show_entity_panel = not self.show_entity_panel
        if self.show_entity_panel:
            self.query_one(EntityList).focus()
        else:
            self.query_one(ArticleView).focus()

    def action_switch_focus(self) -> None:
        """Move between the text and the entity panel."""
        view = self.query_one(ArticleView)
        if self.show_entity_panel and view.has_focus:
            self.query_one(EntityList).focus()
        else:
            view.focus()

    def action_toggle_highlights(self) -> None:
        """Turn all entity highlights on or off."""
        self.show_highlights = not self.show_highlights
        self.notify(f"Highlights {'on' if self.show_highlights else 'off'}", timeout=2)

    def action_choose_labels(self) -> None:
        """Choose which labels are highlighted."""

        def chosen(hidden: frozenset[str] | None) -> None:
            if hidden is not None:
                self.hidden_labels = hidden

        self.app.push_screen(LabelToggles(self.hidden_labels), chosen)

    def set_hidden_labels(self, hidden: frozenset[str]) -> None:
        """Hide the highlights of these labels."""
        self.hidden_labels = hidden

    def toggle_label(self, label: str) -> None:
        """Turn one label's highlights on or off (from the command palette)."""
        hidden = set(self.hidden_labels) ^ {label}
        self.hidden_labels = frozenset(hidden)
        self.notify(f"{label} highlights {'off' if label in hidden else 'on'}", timeout=2)

    # -- acting on an entity ------------------------------------------------------------
    @on(EntityPanel.ActionRequested)
    def _entity_action(self, message: EntityPanel.ActionRequested) -> None:
        group = message.group
        if message.what == "browse":
            self.post_message(ShowFiltered(f'@"{group.name}"'))
        elif message.what == "tag":
            self._tag_with(group)
        elif message.what in ("relabel", "remove"):
            self._correct(group, remove=message.what == "remove")

    def _tag_with(self, group: EntityGroup) -> None:
        tag = normalise_tag(group.name)
        if not tag or not self._guarded("tagging"):
            return
        outcome = self.session.edit_tags([self.meta.id], add=[tag])
        done = f"Tagged #{tag}" if outcome.changed else f"Already tagged #{tag}"
        if self.report(outcome, done):
            self.query_one(EntityPanel).show_suggestions(self.tag_suggestions())

    def _correct(self, group: EntityGroup, *, remove: bool) -> None:
        if not self._guarded("the correction"):
            return
        texts = list(dict.fromkeys(mention.text for mention in group.mentions))

        def chosen(choice: Choice | None) -> None:
            if choice is None:
                return
            label, article_only = choice
            action = "remove" if label == NOT_AN_ENTITY else "relabel"
            self._save_corrections(texts, action, "" if action == "remove" else label, article_only)

        if remove:
            picker = LabelPicker(group.name, group.label, prompt="Not an entity:", remove_only=True)
            self.app.push_screen(picker, chosen)
        else:
            self.app.push_screen(LabelPicker(group.name, group.label), chosen)

    def _save_corrections(
        self, texts: list[str], action: str, label: str, article_only: bool
    ) -> None:
        scope = self.meta.id if article_only else LIBRARY_SCOPE
        corrections = [Correction(text, action, label) for text in texts]
        outcome = self.session.correct(scope, corrections)
        self.report(outcome, None if outcome.changed or not outcome.ok else "No change", timeout=3)

    # -- marking new entities ------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Mark-mode keys act only while marking."""
        if action in self._MARK_ACTIONS:
            return self.entities.marking is not None
        return super().check_action(action, parameters)

    def _words(self) -> list[tuple[int, int]]:
        """Word (or sentence) spans of the paragraph under the passage cursor."""
        return self.entities.units_of_block(self.query_one(ArticleView).passage)

    def action_start_mark(self) -> None:
        """Start marking text as a new entity: a word cursor in the current paragraph."""
        if not self.entities.start_mark(self._words()):
            self.notify("Move to a paragraph first (scroll, or { and }).", timeout=3)
            return
        self._emphasise()
        self._mark_status()

    def _mark_status(self) -> None:
        state = self.entities
        span = state.marked_span()
        if state.mark_purpose == "highlight" and span is not None and state.document:
            text = " ".join(state.document.plain[span[0] : span[1]].split())
            text = text if len(text) <= 50 else text[:49] + "…"
            done = "enter highlight"
        else:
            text, done = state.marked_text(), "enter label"
        status = Text(" Mark: ")
        status.append(text, style="bold")
        status.append(f"  ←/→ move · shift+→/← grow/shrink · {done} · esc cancel")
        self.show_status(status)

    def highlight_span(self, start: int, end: int) -> None:
        """Highlight a marked span (the reading view does)."""

    def action_mark_move(self, step: int) -> None:
        """Move the marked word."""
        self.entities.move_mark(self._words(), step)
        self._emphasise()
        self._mark_status()

    def action_mark_extend(self, step: int) -> None:
        """Grow or shrink the marked text by a word."""
        self.entities.extend_mark(self._words(), step)
        self._emphasise()
        self._mark_status()

    def action_mark_cancel(self) -> None:
        """Stop marking."""
        self.entities.stop_mark()
        self._emphasise()
        self.show_status(Text(" Marking cancelled"))

    def action_mark_done(self) -> None:
        """Choose the label of the marked text; it becomes an entity wherever it occurs."""
        text = self.entities.marked_text()
        span = self.entities.marked_span()
        purpose = self.entities.mark_purpose
        if span is None:
            return
        self.entities.stop_mark()
        if purpose == "highlight":
            self._emphasise()
            self.highlight_span(*span)
            return
        self._emphasise()
        if not text:
            return

        def chosen(choice: Choice | None) -> None:
            if choice is None:
                return
            label, article_only = choice
            self._save_corrections([text], "add", label, article_only)

        self.app.push_screen(LabelPicker(text, allow_none=False, prompt="New entity:"), chosen)
