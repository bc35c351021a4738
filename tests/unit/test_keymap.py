"""Every binding has a stable id and a description; a keymap is checked before it is applied."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import reader.tui
from reader.tui.app import BroadsheetApp
from reader.tui.keymap import binding_owners, catalogue, check_keymap, key_bindings, own_bindings
from tests.cli.test_cli import broadsheet


def _classes_with_bindings() -> list[type[DOMNode]]:
    found = []
    for info in pkgutil.walk_packages(reader.tui.__path__, "reader.tui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, DOMNode)
                and cls.__module__ == module.__name__
                and "BINDINGS" in cls.__dict__
            ):
                found.append(cls)
    return found


def test_every_binding_of_every_screen_widget_and_dialog_has_an_id_and_a_description() -> None:
    classes = _classes_with_bindings()
    assert len(classes) >= 15
    owners = {cls for _, cls in binding_owners(BroadsheetApp)}
    for cls in classes:
        assert any(issubclass(owner, cls) for owner in owners), f"{cls} missing from keys"
        for binding in Binding.make_bindings(cls.__dict__["BINDINGS"]):
            assert binding.id, f"{cls.__name__}: {binding.key} -> {binding.action} has no id"
            assert binding.description, f"{cls.__name__}: {binding.id} has no description"
    quick = [
        b for _, b in catalogue(BroadsheetApp, {1: "a", 9: "z"}) if b.action.startswith("quick_tag")
    ]
    assert {b.id for b in quick} == {"quick_tag.1", "quick_tag.9"}
    assert all(b.description for b in quick)


def test_ids_are_unique_where_keys_work_together() -> None:
    seen: set[tuple[str, str]] = set()
    for scope, binding in catalogue(BroadsheetApp, {}):
        key = (scope, binding.id or "")
        assert key not in seen, key
        seen.add(key)


def test_inherited_bindings_are_listed_once_with_all_their_keys() -> None:
    from reader.tui.widgets.article_table import ArticleTable

    by_id = {b.id: b for b in own_bindings(ArticleTable)}
    assert by_id["list.down"].key == "j,down"


def test_check_keymap() -> None:
    keymap, problems = check_keymap(
        BroadsheetApp,
        {
            "list.filter": "f",
            "app.help": "?",  # normalised to question_mark: its own key, no clash
            "list.nope": "x",
            "list.read": "j",  # the list's down
            "article.next_mention": "q",  # the app's quit works in the article too
            "quick_tag.5": "ctrl+5",  # not configured, still a known id
            "help.close": "f",  # a dialog: the list's f does not matter there
        },
        {1: "important"},
    )
    assert keymap == {
        "list.filter": "f",
        "app.help": "question_mark",
        "quick_tag.5": "ctrl+5",
        "help.close": "f",
    }
    assert problems == [
        "list.nope: no such key binding (`broadsheet keys` lists them)",
        "list.read: j is already list.down (Down)",
        "article.next_mention: q is already app.quit (Quit)",
    ]
    swapped, none = check_keymap(BroadsheetApp, {"list.read": "o", "list.sort": "u"}, {})
    assert none == [] and swapped == {"list.read": "o", "list.sort": "u"}


def test_key_bindings_show_the_keymap() -> None:
    rows = {(b.id, b.screen): b for b in key_bindings(BroadsheetApp, {}, {"list.filter": "f"})}
    assert rows["list.filter", "list"].key == "f"
    assert rows["article.next_mention", "article"].key == "right_square_bracket"


def test_keys_command(home: Path) -> None:
    (home / "config.toml").write_text('[keymap]\n"list.filter" = "f"\n"bad.id" = "x"\n')
    result = broadsheet("keys", "--json", home=home)
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert set(rows[0]) == {"id", "key", "screen", "description"}
    by_id = {(row["id"], row["screen"]): row for row in rows}
    assert by_id["list.filter", "list"] == {
        "id": "list.filter",
        "key": "f",
        "screen": "list",
        "description": "Search",
    }
    assert by_id["list.refresh", "list"]["key"] == "R"
    assert result.stderr == (
        "broadsheet: keymap entry ignored: bad.id: no such key binding "
        "(`broadsheet keys` lists them)\n"
    )
    plain = broadsheet("keys", home=home)
    assert any(
        line.split()[:3] == ["list.filter", "f", "list"] for line in plain.stdout.splitlines()
    )
