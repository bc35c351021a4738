"""Settings from ``HOME/config.toml``: quick tags, the entity extractor, keys and the view.

The file is created with the defaults (and comments) on first run; after
that it is the person's to edit and is never rewritten. A file that cannot be
read gives a one-line warning and the defaults are used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.store.tags import normalise_tag

DEFAULT_QUICK_TAGS = {1: "important", 2: "follow-up", 3: "research"}

DEFAULT_FILE = """\
# Broadsheet settings. Edit freely: Broadsheet never rewrites this file.

[quick_tags]
# Keys 1 to 9 toggle these tags on the article (or on every marked article).
1 = "important"
2 = "follow-up"
3 = "research"
# 4 = "to-cite"

[entities]
# "builtin" (fast, offline, the default) or "spacy" (needs: pip install 'broadsheet[spacy]'
# and an English pipeline such as en_core_web_sm).
backend = "builtin"

[reading]
# true: scrolling keys (space, b, g, G) glide; false (the default): the page moves at once.
smooth_scrolling = false

[keymap]
# Binding ids (as `broadsheet keys` lists them) mapped to keys, e.g.:
# "list.filter" = "f"
# "article.next_mention" = "ctrl+n"

[view]
# What the app starts with. A choice made in the app afterwards is remembered
# (in settings.json) until this file sets the same thing to something else.
# theme = "textual-dark"
# highlights = true
# hidden_labels = ["DATE", "FIGURE"]
# entity_panel = false
"""

VIEW_KEYS = {"theme": str, "highlights": bool, "entity_panel": bool, "hidden_labels": list}
"""The ``[view]`` settings and their types."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings in effect."""

    quick_tags: dict[int, str] = field(default_factory=lambda: dict(DEFAULT_QUICK_TAGS))
    entity_backend: str = "builtin"
    smooth_scrolling: bool = False
    keymap: dict[str, str] = field(default_factory=dict)
    """``[keymap]``: binding id -> keys (checked by the app when it starts)."""
    view: dict[str, object] = field(default_factory=dict)
    """``[view]``: only the settings the file gives."""
    warnings: tuple[str, ...] = ()


def _quick_tags(raw: object, warnings: list[str]) -> dict[int, str]:
    if not isinstance(raw, dict):
        warnings.append("[quick_tags] is not a table; using the defaults")
        return dict(DEFAULT_QUICK_TAGS)
    tags: dict[int, str] = {}
    for key, value in raw.items():
        if not (isinstance(key, str) and key.isdigit() and 1 <= int(key) <= 9):
            warnings.append(f"quick tag key {key!r} is not a digit 1-9; ignored")
            continue
        tag = normalise_tag(str(value))
        if tag:
            tags[int(key)] = tag
    return tags


def load_settings(path: Path, *, create: bool = True) -> Settings:
    """Read the settings file (writing the default one if there is none)."""
    if not path.exists():
        if create:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(DEFAULT_FILE, encoding="utf-8")
            except OSError:
                pass
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return Settings(warnings=(f"{path.name} cannot be read ({error}); using the defaults",))
    except tomllib.TOMLDecodeError as error:
        return Settings(warnings=(f"{path.name} is not valid TOML ({error}); using the defaults",))
    warnings: list[str] = []
    quick = _quick_tags(data.get("quick_tags", DEFAULT_QUICK_TAGS_RAW), warnings)
    entities = data.get("entities", {})
    backend = "builtin"
    if isinstance(entities, dict):
        backend = str(entities.get("backend", "builtin"))
    if backend not in ("builtin", "spacy"):
        warnings.append(f"unknown entity backend {backend!r}; using builtin")
        backend = "builtin"
    reading = data.get("reading", {})
    smooth = reading.get("smooth_scrolling", False) if isinstance(reading, dict) else False
    if not isinstance(smooth, bool):
        warnings.append("[reading] smooth_scrolling is not true or false; using false")
        smooth = False
    return Settings(
        quick_tags=quick,
        entity_backend=backend,
        smooth_scrolling=smooth,
        keymap=_keymap(data.get("keymap", {}), warnings),
        view=_view(data.get("view", {}), warnings),
        warnings=tuple(warnings),
    )


def _keymap(raw: object, warnings: list[str]) -> dict[str, str]:
    if not isinstance(raw, dict):
        warnings.append("[keymap] is not a table; ignored")
        return {}
    keymap: dict[str, str] = {}
    for key, value in raw.items():
        if isinstance(value, str):
            keymap[str(key)] = value
        else:
            warnings.append(f'[keymap] {key}: the keys must be a string such as "f"; ignored')
    return keymap


def _view(raw: object, warnings: list[str]) -> dict[str, object]:
    if not isinstance(raw, dict):
        warnings.append("[view] is not a table; ignored")
        return {}
    view: dict[str, object] = {}
    for key, value in raw.items():
        kind = VIEW_KEYS.get(key)
        if kind is None:
            warnings.append(f"[view] {key}: unknown setting; ignored")
        elif not isinstance(value, kind) or (
            isinstance(value, list) and not all(isinstance(item, str) for item in value)
        ):
            warnings.append(f"[view] {key}: not a {kind.__name__}; ignored")
        else:
            view[key] = value
    return view


DEFAULT_QUICK_TAGS_RAW = {str(key): value for key, value in DEFAULT_QUICK_TAGS.items()}
