"""How much of a very long article the extractor reads, so extraction is bounded on any input.

Entities are looked for in the first :data:`MAX_CHARS` characters and
:data:`MAX_LINES` lines of the plain text (cut at a line end); the rest of
the article is shown without highlights, and the front ends say so. A 2 MB
article or one of 100,000 headings then takes seconds, not minutes.
"""

from __future__ import annotations

MAX_CHARS = 600_000
"""About 100,000 words: several times the longest news feature."""
MAX_LINES = 20_000


def bounded(text: str) -> str:
    """The part of ``text`` the extractor reads (all of it when it is not very long)."""
    if len(text) <= MAX_CHARS and text.count("\n", 0, MAX_CHARS) < MAX_LINES:
        return text
    cut = min(len(text), MAX_CHARS)
    newlines = 0
    position = -1
    while newlines < MAX_LINES:
        position = text.find("\n", position + 1, cut)
        if position < 0:
            break
        newlines += 1
    if newlines >= MAX_LINES:
        cut = position
    else:
        last = text.rfind("\n", 0, cut)
        cut = last if last > 0 else cut
    return text[:cut]


def note_for(text: str) -> str:
    """A one-line note when only part of ``text`` is read for entities ("" otherwise)."""
    part = bounded(text)
    if len(part) == len(text):
        return ""
    return (
        f"a very long article: entities are found in its first {len(part):,} characters "
        f"of {len(text):,}"
    )
