"""EntityPanel: the article's key entities by label, ranked, with counts.

Moving through the list selects an entity (the reading view emphasises its
mentions); figures and dates are listed with the sentence they stand in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.entities import LABELS, EntityGroup
from reader.entities.context import sentence_around

LABEL_NAMES = {
    "PERSON": "People",
    "ORG": "Organisations",
    "PLACE": "Places",
    "MISC": "Other names",
    "DATE": "Dates",
    "FIGURE": "Figures",
}
WITH_CONTEXT = ("DATE", "FIGURE")


class EntityList(OptionList):
    """The list inside the panel, with the panel's keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="entities.down"),
        Binding("k", "cursor_up", "Up", show=False, id="entities.up"),
        Binding("enter", "select", "Articles with it", show=False, id="entities.articles"),
        Binding("l", "request('relabel')", "Relabel", id="entities.relabel"),
        Binding("x", "request('remove')", "Not an entity", id="entities.remove"),
        Binding("plus", "request('tag')", "Tag with it", key_display="+", id="entities.tag"),
    ]

    async def _on_click(self, event: events.Click) -> None:
        """A single click selects the entity (its mentions light up); a double click
        browses it. Either way the article stays open until the person asks."""
        event.stop()
        event.prevent_default()  # Not OptionList's own click, which selects at once.
        clicked: int | None = event.style.meta.get("option")
        if clicked is None or self.get_option_at_index(clicked).disabled:
            return
        self.highlighted = clicked
        if event.chain >= 2:
            self.action_select()

    def action_request(self, what: str) -> None:
        """Ask the screen to act on the highlighted entity."""
        panel = self.parent
        if isinstance(panel, EntityPanel) and panel.selected is not None:
            self.post_message(EntityPanel.ActionRequested(panel.selected, what))


class EntityPanel(Vertical):
    """Legend, entity list and key hints."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"entity-panel--{label.lower()}" for label in LABELS
    } | {"entity-panel--heading", "entity-panel--context", "entity-panel--count"}

    class Selected(Message):
        """The highlighted entity changed."""

        def __init__(self, group: EntityGroup | None) -> None:
            super().__init__()
            self.group = group

    class ActionRequested(Message):
        """The person asked to browse, relabel, remove or tag with an entity."""

        def __init__(self, group: EntityGroup, what: str) -> None:
            super().__init__()
            self.group = group
            self.what = what

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._groups: dict[str, EntityGroup] = {}
        self._text = ""

    def compose(self) -> ComposeResult:
        """Legend, list, hints."""
        yield Static(id="entity-legend")
        yield EntityList(id="entity-list")
        yield Static(id="entity-suggestions")
        yield Static(
            Text("enter articles · l relabel · x not an entity · + tag · ] [ mentions · tab text"),
            id="entity-hint",
        )

    def on_mount(self) -> None:
        """Draw the legend."""
        self._legend()

    def _style(self, label: str) -> str:
        return f"entity-panel--{label.lower()}"

    def _legend(self) -> None:
        legend = Text(end="")
        for number, label in enumerate(LABELS):
            if number:
                legend.append("  ")
            legend.append(label, self.get_component_rich_style(self._style(label), partial=True))
        self.query_one("#entity-legend", Static).update(legend)

    def notify_style_update(self) -> None:
        """Re-colour the legend and the list for a new theme."""
        super().notify_style_update()
        if self.is_mounted:
            self._legend()
            self.show_groups(list(self._groups.values()), self._text, keep=True)

    @property
    def selected(self) -> EntityGroup | None:
        """The highlighted entity."""
        options = self.query_one(EntityList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self._groups.get(str(option.id))

    def show_groups(
        self,
        groups: Sequence[EntityGroup],
        text: str,
        *,
        keep: bool = False,
        suggestions: Sequence[str] = (),
    ) -> None:
        """List ``groups`` (ranked) under their labels; ``text`` gives figures their sentence."""
        previous = self.selected.name if keep and self.selected else None
        self._text = text
        self._groups = {}
        options: list[Option | None] = []
        heading = self.get_component_rich_style("entity-panel--heading", partial=True)
        dim = self.get_component_rich_style("entity-panel--context", partial=True)
        count_style = self.get_component_rich_style("entity-panel--count", partial=True)
        for label in LABELS:
            members = [group for group in groups if group.label == label]
            if not members:
                continue
            options.append(
                Option(Text(f"{LABEL_NAMES[label]} ({len(members)})", heading), disabled=True)
            )
            for number, group in enumerate(members):
                key = f"{label}:{number}"
                self._groups[key] = group
                line = Text(end="")
                line.append(
                    group.name, self.get_component_rich_style(self._style(label), partial=True)
                )
                line.append(f"  {group.count}", count_style)
                if label in WITH_CONTEXT and group.mentions:
                    first = group.mentions[0]
                    line.append("\n  " + sentence_around(text, first.start, first.end, 60), dim)
                options.append(Option(line, id=key))
        entity_list = self.query_one(EntityList)
        entity_list.clear_options()
        if options:
            entity_list.add_options(options)
        else:
            entity_list.add_option(Option(Text("No entities found."), disabled=True))
        chosen = 0
        for index in range(entity_list.option_count):
            option = entity_list.get_option_at_index(index)
            found = self._groups.get(str(option.id)) if option.id else None
            if found is not None and (previous is None or found.name == previous):
                chosen = index
                break
        if self._groups:
            entity_list.highlighted = chosen
        self.show_suggestions(suggestions)

    def show_suggestions(self, suggestions: Sequence[str]) -> None:
        """Show tag suggestions drawn from the top entities."""
        widget = self.query_one("#entity-suggestions", Static)
        if suggestions:
            widget.update(Text("Tag ideas: " + "  ".join(f"#{tag}" for tag in suggestions)))
            widget.display = True
        else:
            widget.display = False

    def select_group(self, name: str) -> None:
        """Highlight the entity with this name."""
        entity_list = self.query_one(EntityList)
        for index in range(entity_list.option_count):
            option = entity_list.get_option_at_index(index)
            group = self._groups.get(str(option.id)) if option.id else None
            if group is not None and group.name == name:
                entity_list.highlighted = index
                return

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Tell the screen which entity is selected."""
        event.stop()
        self.post_message(self.Selected(self._groups.get(str(event.option.id))))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """``enter``: browse the articles that mention the entity."""
        event.stop()
        group = self._groups.get(str(event.option.id))
        if group is not None:
            self.post_message(self.ActionRequested(group, "browse"))
