"""Every key binding of the app, by id, and checking a user's ``[keymap]``.

Each binding of Broadsheet's screens, widgets and dialogs has a stable id
(``list.filter``, ``article.next_mention``, ``quick_tag.1``). ``[keymap]`` in
``HOME/config.toml`` maps ids to keys; :func:`check_keymap` keeps the entries
that can be applied with Textual's ``App.set_keymap`` and names the others
(an unknown id, a key already used where the binding works). Bindings are
found by introspecting the ``BINDINGS`` of the classes, so ``broadsheet
keys`` lists them without starting the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode

APP_SCOPE = "everywhere"
"""The app's own keys, which work on every screen that is not a dialog."""
PAGE_SCOPES = frozenset({"list", "filter", "article", "find", "entity panel", "marking"})
"""Where the app's keys also work (the screens, not the dialogs)."""


@dataclass(frozen=True, slots=True)
class KeyBinding:
    """One binding as ``broadsheet keys`` lists it."""

    id: str
    key: str
    """The keys, comma-separated, as Textual names them (after the keymap)."""
    screen: str
    description: str
    display: str = ""
    """How the footer and help show the key ("/" for slash), "" when it is the key itself."""

    def to_dict(self) -> dict[str, str]:
        """The object of ``broadsheet keys --json``."""
        return {
            "id": self.id,
            "key": self.key,
            "screen": self.screen,
            "description": self.description,
        }


def binding_owners(app: type[DOMNode]) -> list[tuple[str, type[DOMNode]]]:
    """(where its keys work, class) for the app class and every class of it that binds keys.

    The app class is handed in (this module is below ``reader.tui.app``).
    """
    from reader.tui.dialogs.confirm_dialog import ConfirmDialog
    from reader.tui.dialogs.damaged_dialog import DamagedStoreDialog
    from reader.tui.dialogs.help_screen import HelpScreen
    from reader.tui.dialogs.import_dialog import ImportDialog
    from reader.tui.dialogs.label_picker import LabelPicker
    from reader.tui.dialogs.label_toggles import LabelToggles
    from reader.tui.dialogs.note_editor import NoteEditor
    from reader.tui.dialogs.notes_list import NoteOptions, NotesList
    from reader.tui.dialogs.tag_dialog import TagDialog
    from reader.tui.dialogs.text_prompt import TextPrompt
    from reader.tui.screens.annotations_screen import AnnotationsScreen
    from reader.tui.screens.library_screen import LibraryScreen
    from reader.tui.screens.reading_screen import ReadingScreen
    from reader.tui.widgets.annotation_list import AnnotationList
    from reader.tui.widgets.article_table import ArticleTable
    from reader.tui.widgets.article_view import ArticleView
    from reader.tui.widgets.entity_panel import EntityList
    from reader.tui.widgets.filter_input import FilterInput
    from reader.tui.widgets.find_bar import FindBar

    return [
        (APP_SCOPE, app),
        ("list", LibraryScreen),
        ("list", ArticleTable),
        ("filter", FilterInput),
        ("article", ReadingScreen),
        ("article", ArticleView),
        ("find", FindBar),
        ("entity panel", EntityList),
        ("help", HelpScreen),
        ("tag prompt", TagDialog),
        ("note editor", NoteEditor),
        ("notes list", NotesList),
        ("notes list", NoteOptions),
        ("annotations", AnnotationsScreen),
        ("annotations", AnnotationList),
        ("confirm", ConfirmDialog),
        ("damaged files", DamagedStoreDialog),
        ("add articles", ImportDialog),
        ("text prompt", TextPrompt),
        ("relabel", LabelPicker),
        ("highlight labels", LabelToggles),
    ]


def own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings Broadsheet's code gives a class (its own and its Broadsheet bases')."""
    found: dict[str, Binding] = {}
    unnamed: list[Binding] = []
    for base in reversed(cls.__mro__):
        if not base.__module__.startswith("reader.") or "BINDINGS" not in base.__dict__:
            continue
        ours: dict[str, list[Binding]] = {}
        for binding in Binding.make_bindings(base.__dict__["BINDINGS"]):
            if binding.id:
                ours.setdefault(binding.id, []).append(binding)
            else:
                unnamed.append(binding)
        for binding_id, parts in ours.items():  # "j,down" comes back as one binding
            keys = ",".join(part.key for part in parts)
            found[binding_id] = parts[0].with_key(keys, parts[0].key_display)
    return [*found.values(), *unnamed]


def _scope(cls: type[DOMNode], binding: Binding, scope: str) -> str:
    if scope == "article" and binding.id and binding.id.startswith("mark."):
        return "marking"  # active only while marking new entity text
    return scope


def catalogue(app: type[DOMNode], quick_tags: Mapping[int, str]) -> list[tuple[str, Binding]]:
    """(where it works, binding) for every binding, quick tags included, by default keys."""
    from reader.tui.screens.annotating import quick_tag_bindings

    rows: list[tuple[str, Binding]] = []
    seen: set[tuple[str, str]] = set()
    for scope, cls in binding_owners(app):
        for binding in own_bindings(cls):
            where = _scope(cls, binding, scope)
            if (where, binding.id or binding.key) in seen:
                continue
            seen.add((where, binding.id or binding.key))
            rows.append((where, binding))
    for scope in ("list", "article"):
        rows.extend((scope, binding) for binding in quick_tag_bindings(dict(quick_tags)))
    return rows


def known_ids(app: type[DOMNode]) -> set[str]:
    """Every id a keymap may name (all nine quick tags, set or not)."""
    ids = {b.id for _, b in catalogue(app, {}) if b.id}
    return ids | {f"quick_tag.{number}" for number in range(1, 10)}


def _normalise(keys: str) -> str:
    from textual.app import App

    return App._normalize_keymap({"_": keys})["_"]


def _keys(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return [key.strip() for key in keys.split(",") if key.strip()]


def _together(scope: str, other: str) -> bool:
    """True when keys of ``other`` work at the same time as those of ``scope``."""
    if scope == other:
        return True
    if APP_SCOPE in (scope, other):
        return (other if scope == APP_SCOPE else scope) in PAGE_SCOPES
    return False


def check_keymap(
    app: type[DOMNode], keymap: Mapping[str, str], quick_tags: Mapping[int, str]
) -> tuple[dict[str, str], list[str]]:
    """The entries of ``keymap`` that can be applied, and one line for each that cannot.

    An entry is refused when its id is unknown, its value is not a key, or
    one of its keys is already used (by default or by another entry) by a
    binding that works at the same time.
    """
    rows = catalogue(app, quick_tags)
    ids = known_ids(app)
    valid: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, raw in keymap.items():
        if binding_id not in ids:
            problems.append(f"{binding_id}: no such key binding (`broadsheet keys` lists them)")
            continue
        keys = _normalise(str(raw)) if isinstance(raw, str) else ""
        if not keys.strip(" ,"):
            problems.append(f"{binding_id}: {raw!r} is not a key")
            continue
        valid[binding_id] = keys
    refused: set[str] = set()
    for binding_id, keys in valid.items():
        scopes = {scope for scope, b in rows if b.id == binding_id}
        wanted = [key.strip() for key in keys.split(",")]
        for scope, other in rows:
            if other.id == binding_id or not any(_together(scope, s) for s in scopes):
                continue
            taken = set(_keys(other, valid)) & set(wanted)
            if taken:
                key = sorted(taken)[0]
                what = other.id or other.action
                problems.append(
                    f"{binding_id}: {key} is already {what} ({other.description or other.action})"
                )
                refused.add(binding_id)
                break
    return {k: v for k, v in valid.items() if k not in refused}, problems


def key_bindings(
    app: type[DOMNode], quick_tags: Mapping[int, str], keymap: Mapping[str, str]
) -> list[KeyBinding]:
    """Every binding with its keys as ``keymap`` (already checked) makes them."""
    listed = []
    for scope, binding in catalogue(app, quick_tags):
        keys = ",".join(_keys(binding, keymap))
        remapped = bool(binding.id and binding.id in keymap)
        display = "" if remapped else (binding.key_display or "")
        listed.append(KeyBinding(binding.id or "", keys, scope, binding.description or "", display))
    return listed
