"""KeyFooter: Textual's footer, rebuilt only when the keys it shows change.

Textual's :class:`~textual.widgets.Footer` rebuilds all its keys (a widget
each, styled anew) every time the bindings may have changed: on every change
of focus, of screen, of a key's state, several times while the app starts.
This one keeps the keys it built while what it would show is the same, and
asks for at most one rebuild per refresh. It looks and behaves the same.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """The footer of Broadsheet's screens (the keys of the focused widget and its screen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[object, ...] | None = None
        self._rebuild_asked = False

    def _wanted(self) -> tuple[object, ...]:
        """What the keys would show: every visible binding, its state and tooltip."""
        app = self.app
        bindings = self.screen.active_bindings
        shown: list[object] = [
            (app.get_key_display(binding), binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in bindings.values()
            if binding.show
        ]
        palette = app.COMMAND_PALETTE_BINDING
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE and palette in bindings:
            _, binding, enabled, tooltip = bindings[palette]
            shown.append(("palette", app.get_key_display(binding), binding, enabled, tooltip))
        return tuple(shown)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild after the next refresh, once, and only if the keys shown changed."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_asked:
            self._rebuild_asked = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_asked = False
        if not self.is_attached:
            return
        wanted = self._wanted()
        if wanted == self._shown:
            return
        self._shown = wanted
        await self.recompose()
