"""EntityScreen: the entity side of the reading view.

Highlights coloured by label, the key-entity panel (``e``), jumping between
the mentions of the selected entity (``]``/``[``), switching highlights
(``h``, ``H``), correcting entities (``l``/``x`` in the panel, ``m`` to mark new
text) and browsing the library by entity (``enter`` in the panel).

Extraction runs in a worker; cached results arrive with the text. Results
for an article the person has already left are dropped.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType
from textual.worker import get_current_worker

from reader.entities import EntityGroup, Mention, group_mentions
from reader.entities.corrections import Correction
from reader.library import ArticleMeta
from reader.rendering.styling import Highlight, localise
from reader.store import StoreError, normalise_tag
from reader.store.changes import LIBRARY_SCOPE, ChangeGroup
from reader.text.document import Document
from reader.tui.dialogs.label_picker import NOT_AN_ENTITY, Choice, LabelPicker
from reader.tui.dialogs.label_toggles import LabelToggles
from reader.tui.messages import AnnotationsChanged
from reader.tui.screens.annotating import AnnotatingScreen
from reader.tui.widgets.article_view import ArticleView, entity_role
from reader.tui.widgets.entity_panel import EntityList, EntityPanel

SUGGESTED_TAGS = 3
_WORD = re.compile(r"[\w’'.-]+")


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
        Binding("tab", "switch_focus", "Text / entities", show=False, priority=True),
        # While marking new entity text:
        Binding("right", "mark_move(1)", "Mark: next word", show=False, priority=True),
        Binding("left", "mark_move(-1)", "Mark: previous word", show=False, priority=True),
        Binding("shift+right", "mark_extend(1)", "Mark: one more word", show=False, priority=True),
        Binding("shift+left", "mark_extend(-1)", "Mark: one word less", show=False, priority=True),
        Binding("enter", "mark_done", "Mark: choose label", show=False, priority=True),
        Binding("escape", "mark_cancel", "Mark: cancel", show=False, priority=True),
    ]

    _MARK_ACTIONS = frozenset({"mark_move", "mark_extend", "mark_done", "mark_cancel"})

    def __init__(self) -> None:
        super().__init__()
        self.document: Document | None = None
        self.raw_mentions: list[Mention] | None = None
        self.mentions: list[Mention] = []
        self.groups: list[EntityGroup] = []
        self.selected: EntityGroup | None = None
        self.mention_position = -1
        self.marking: tuple[int, int] | None = None
        self._entities_for = ""
        self._panel_stale = False

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
        self.document = document
        self._entities_for = meta.id
        self.raw_mentions = None
        self.selected = None
        self.mention_position = -1
        self.marking = None
        if cached is not None:
            self.raw_mentions = cached
            self.apply_entities()
        else:
            self.mentions, self.groups = [], []
            self._panel_waiting()
            self.extract_entities(meta, document)

    def _panel_waiting(self) -> None:
        panel = self.query_one(EntityPanel)
        panel.show_groups([], "")
        self.show_status(Text(" Finding entities…"))

    @work(thread=True, exclusive=True, group="entities")
    def extract_entities(self, meta: ArticleMeta, document: Document) -> None:
        """Run the extractor in a thread; drop the result if the article was left."""
        worker = get_current_worker()
        service = self.broadsheet.entities
        raw = service.raw_mentions(document.plain)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._extracted, meta.id, raw, service.notice)

    def _extracted(self, article_id: str, raw: list[Mention], notice: str | None) -> None:
        if notice and not self.broadsheet.entity_notice_shown:
            self.broadsheet.entity_notice_shown = True
            self.notify(notice, severity="warning", markup=False, timeout=8)
        if article_id != self._entities_for or article_id != self.meta.id:
            return
        self.raw_mentions = raw
        self.apply_entities()

    def apply_entities(self) -> None:
        """Apply corrections to the raw mentions; redraw highlights and the panel."""
        document = self.document
        if document is None or self.raw_mentions is None:
            return
        corrections = (
            self.broadsheet.store.corrections_for(self.meta.id)
            if self.broadsheet.store_ready
            else {}
        )
        self.mentions = self.broadsheet.entities.corrected(
            document.plain, self.raw_mentions, corrections
        )
        self.groups = group_mentions(document.plain, self.mentions, title_end=document.title_end)
        view = self.query_one(ArticleView)
        view.highlights = localise(
            document, [Highlight(m.start, m.end, entity_role(m.label)) for m in self.mentions]
        )
        previous = self.selected.name if self.selected else None
        self.selected = next((g for g in self.groups if g.name == previous), None)
        self._panel_stale = True
        self._fill_panel()
        self._emphasise()
        self.show_status(Text(f" {len(self.groups)} entities · e panel · ] next mention"))

    def tag_suggestions(self) -> list[str]:
        """Tags from the most salient named entities that the article does not have yet."""
        have = set(self.broadsheet.store.tags_of(self.meta.id))
        suggestions: list[str] = []
        for group in self.groups:
            if group.label in ("DATE", "FIGURE"):
                continue
            tag = normalise_tag(group.name)
            if tag and tag not in have and tag not in suggestions:
                suggestions.append(tag)
            if len(suggestions) == SUGGESTED_TAGS:
                break
        return suggestions

    @on(AnnotationsChanged)
    def _corrections_may_have_changed(self, message: AnnotationsChanged) -> None:
        if message.article_ids is None or self.meta.id in message.article_ids:
            self.apply_entities()

    # -- selection and jumps -------------------------------------------------------------
    @on(EntityPanel.Selected)
    def _selected(self, message: EntityPanel.Selected) -> None:
        self.selected = message.group
        self.mention_position = -1
        self._emphasise()

    def _emphasise(self) -> None:
        view = self.query_one(ArticleView)
        if self.document is None:
            return
        marks: list[Highlight] = []
        if self.selected is not None:
            marks += [Highlight(m.start, m.end, "entity_selected") for m in self.selected.mentions]
            if 0 <= self.mention_position < len(self.selected.mentions):
                current = self.selected.mentions[self.mention_position]
                marks.append(Highlight(current.start, current.end, "entity_current"))
        if self.marking is not None:
            marks.append(Highlight(self.marking[0], self.marking[1], "mark_selection"))
        view.emphasis = localise(self.document, marks)

    def action_jump(self, step: int) -> None:
        """Scroll to the next (or previous) mention of the selected entity, wrapping around."""
        if not self.groups:
            self.notify("No entities in this article (yet).", timeout=2)
            return
        if self.selected is None:
            self.selected = self.groups[0]
            self.query_one(EntityPanel).select_group(self.selected.name)
        mentions = self.selected.mentions
        if self.mention_position < 0:
            view = self.query_one(ArticleView)
            top = view.offset_at_line(round(view.scroll_y)) or 0
            after = [i for i, m in enumerate(mentions) if m.start >= top]
            position = (
                (after[0] if after else 0)
                if step > 0
                else ((after[0] - 1) % len(mentions) if after else len(mentions) - 1)
            )
        else:
            position = (self.mention_position + step) % len(mentions)
        self.mention_position = position
        mention = mentions[position]
        self.query_one(ArticleView).scroll_to_offset(mention.start)
        self._emphasise()
        status = Text(" ")
        status.append(self.selected.name, style="bold")
        status.append(f" · {position + 1}/{len(mentions)}")
        self.show_status(status)

    # -- panel and highlights ----------------------------------------------------------
    def _fill_panel(self) -> None:
        """List the entities in the panel, if it is shown (else when it is next shown)."""
        panel = self.query_one(EntityPanel)
        if not panel.display or not self._panel_stale or self.document is None:
            return
        self._panel_stale = False
        chosen = self.selected.name if self.selected else None
        panel.show_groups(self.groups, self.document.plain, suggestions=self.tag_suggestions())
        if chosen:
            panel.select_group(chosen)

    def action_toggle_panel(self) -> None:
        """Show or hide the key-entity panel (focus goes to it when shown)."""
        panel = self.query_one(EntityPanel)
        panel.display = not panel.display
        self.broadsheet.show_entity_panel = panel.display
        if panel.display:
            self._fill_panel()
            self.query_one(EntityList).focus()
        else:
            self.query_one(ArticleView).focus()

    def action_switch_focus(self) -> None:
        """Move between the text and the entity panel."""
        panel = self.query_one(EntityPanel)
        view = self.query_one(ArticleView)
        if panel.display and view.has_focus:
            self.query_one(EntityList).focus()
        else:
            view.focus()

    def action_toggle_highlights(self) -> None:
        """Turn all entity highlights on or off."""
        view = self.query_one(ArticleView)
        view.show_highlights = not view.show_highlights
        self.broadsheet.show_highlights = view.show_highlights
        self.notify(f"Highlights {'on' if view.show_highlights else 'off'}", timeout=2)

    def action_choose_labels(self) -> None:
        """Choose which labels are highlighted."""
        view = self.query_one(ArticleView)

        def chosen(hidden: frozenset[str] | None) -> None:
            if hidden is not None:
                self.set_hidden_labels(hidden)

        self.app.push_screen(LabelToggles(view.hidden_labels), chosen)

    def set_hidden_labels(self, hidden: frozenset[str]) -> None:
        """Hide the highlights of these labels."""
        self.query_one(ArticleView).hidden_labels = hidden
        self.broadsheet.hidden_labels = hidden

    def toggle_label(self, label: str) -> None:
        """Turn one label's highlights on or off (from the command palette)."""
        hidden = set(self.query_one(ArticleView).hidden_labels)
        hidden ^= {label}
        self.set_hidden_labels(frozenset(hidden))
        self.notify(f"{label} highlights {'off' if label in hidden else 'on'}", timeout=2)

    # -- acting on an entity ------------------------------------------------------------
    @on(EntityPanel.ActionRequested)
    def _entity_action(self, message: EntityPanel.ActionRequested) -> None:
        group = message.group
        if message.what == "browse":
            self.broadsheet.browse_entity(group.name)
        elif message.what == "tag":
            self._tag_with(group)
        elif message.what in ("relabel", "remove"):
            self._correct(group, remove=message.what == "remove")

    def _tag_with(self, group: EntityGroup) -> None:
        tag = normalise_tag(group.name)
        if not tag or not self._guarded("tagging"):
            return
        try:
            change = self.broadsheet.store.edit_tags([self.meta.id], add=[tag])
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.broadsheet.record_change(change)
        self.notify(
            f"Tagged #{tag}" if not change.is_empty else f"Already tagged #{tag}",
            timeout=2,
            markup=False,
        )
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
        store = self.broadsheet.store
        try:
            changes = [
                store.set_correction(scope, correction.key, correction)
                for correction in (Correction(text, action, label) for text in texts)
            ]
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        group = ChangeGroup(list(changes))
        self.broadsheet.record_change(group)
        self.notify(
            group.describe().capitalize() if changes else "No change", timeout=3, markup=False
        )

    # -- marking new entities ------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Mark-mode keys act only while marking."""
        if action in self._MARK_ACTIONS:
            return self.marking is not None
        return super().check_action(action, parameters)

    def _words(self) -> list[tuple[int, int]]:
        """Word spans of the paragraph under the passage cursor, in plain-text offsets."""
        view = self.query_one(ArticleView)
        if self.document is None or view.passage < 0:
            return []
        block = self.document.blocks[view.passage]
        return [
            (block.start + m.start(), block.start + m.end()) for m in _WORD.finditer(block.text)
        ]

    def action_start_mark(self) -> None:
        """Start marking text as a new entity: a word cursor in the current paragraph."""
        words = self._words()
        if not words:
            self.notify("Move to a paragraph first (scroll, or { and }).", timeout=3)
            return
        text = self.document.plain if self.document else ""
        first = next((w for w in words if text[w[0]].isupper()), words[0])
        self.marking = first
        self._emphasise()
        self._mark_status()

    def _mark_status(self) -> None:
        if self.marking is None or self.document is None:
            return
        status = Text(" Mark: ")
        status.append(self.document.plain[self.marking[0] : self.marking[1]], style="bold")
        status.append("  ←/→ move · shift+→/← grow/shrink · enter label · esc cancel")
        self.show_status(status)

    def action_mark_move(self, step: int) -> None:
        """Move the marked word."""
        words = self._words()
        if self.marking is None or not words:
            return
        starts = [w[0] for w in words]
        index = starts.index(self.marking[0]) if self.marking[0] in starts else 0
        index = min(max(index + step, 0), len(words) - 1)
        self.marking = words[index]
        self._emphasise()
        self._mark_status()

    def action_mark_extend(self, step: int) -> None:
        """Grow or shrink the marked text by a word."""
        words = self._words()
        if self.marking is None or not words:
            return
        ends = [w[1] for w in words]
        index = ends.index(self.marking[1]) if self.marking[1] in ends else 0
        index = min(max(index + step, 0), len(words) - 1)
        if words[index][1] > self.marking[0]:
            self.marking = (self.marking[0], words[index][1])
        self._emphasise()
        self._mark_status()

    def action_mark_cancel(self) -> None:
        """Stop marking."""
        self.marking = None
        self._emphasise()
        self.show_status(Text(" Marking cancelled"))

    def action_mark_done(self) -> None:
        """Choose the label of the marked text; it becomes an entity wherever it occurs."""
        if self.marking is None or self.document is None:
            return
        text = self.document.plain[self.marking[0] : self.marking[1]].strip(" .,;:’'")
        self.marking = None
        self._emphasise()
        if not text:
            return

        def chosen(choice: Choice | None) -> None:
            if choice is None:
                return
            label, article_only = choice
            self._save_corrections([text], "add", label, article_only)

        self.app.push_screen(LabelPicker(text, allow_none=False, prompt="New entity:"), chosen)
