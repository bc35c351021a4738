"""The choices made in the app (theme, highlights, hidden labels, panel), kept across restarts.

They are saved in ``HOME/settings.json``, a file the app owns and rewrites
atomically (never the person's ``config.toml``). Each is stored with the
``[view]`` value config.toml had when the choice was made::

    {"theme": {"value": "nord", "config": null}, "hidden_labels": {"value": ["DATE"], ...}}

so the most recent decision wins: a choice made in the app holds until
config.toml is edited to say something else about the same setting.
A missing or unreadable file means no choices yet (it is only convenience).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from reader.util.atomic import write_atomic

FILE_NAME = "settings.json"


class Choices:
    """The app's remembered choices for one HOME, reconciled with config.toml's ``[view]``."""

    def __init__(self, path: Path, config: Mapping[str, object]) -> None:
        self.path = path
        self.config = dict(config)
        self._stored: dict[str, dict[str, object]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if isinstance(data, dict):
            self._stored = {
                key: value
                for key, value in data.items()
                if isinstance(value, dict) and "value" in value
            }

    def get(self, key: str, default: object = None) -> object:
        """The value in effect: the app's choice, unless config.toml changed since; else config."""
        stored = self._stored.get(key)
        if stored is not None and stored.get("config") == self.config.get(key):
            return stored["value"]
        return self.config.get(key, default)

    def set(self, key: str, value: object) -> str:
        """Remember a choice (written at once); "" or a one-line reason it was not saved."""
        if self.get(key) == value and key in self._stored:
            return ""
        self._stored[key] = {"value": value, "config": self.config.get(key)}
        data = json.dumps(self._stored, ensure_ascii=False, indent=1, sort_keys=True)
        try:
            write_atomic(self.path, data.encode("utf-8"), durable=False)
        except OSError as error:
            return f"could not save {self.path.name}: {error.strerror or error}"
        return ""
