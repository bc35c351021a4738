"""Describing the keys that are active on a screen (for the help screen)."""

from __future__ import annotations

from textual.screen import Screen


def key_table(screen: Screen[object]) -> list[tuple[str, str]]:
    """(keys, description) for every described binding active on ``screen``.

    Keys bound to the same action are shown together ("j, down"); app-wide
    keys come last.
    """
    grouped: dict[tuple[int, str], tuple[list[str], str]] = {}
    app = screen.app
    order: list[tuple[int, str]] = []
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        key = (0 if active.node is not app else 1, binding.action)
        display = app.get_key_display(binding)
        if key not in grouped:
            grouped[key] = ([], binding.description)
            order.append(key)
        if display not in grouped[key][0]:
            grouped[key][0].append(display)
    order.sort(key=lambda item: item[0])
    return [(", ".join(grouped[key][0]), grouped[key][1]) for key in order]
