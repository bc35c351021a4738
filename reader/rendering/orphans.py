"""Orphaned annotations shown at the end of the article they were on.

An orphan's passage is no longer in the article's text, so it cannot be
highlighted where it was; it is listed after the article instead, its quote
and note as decoration blocks (outside the plain text, so every offset into
the article stays what it was).
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.store.records import Note
from reader.text.document import Block, Document
from reader.util.safety import inert


def with_orphans(document: Document, notes: Iterable[Note]) -> Document:
    """The document, followed by a section listing the orphaned notes (itself if none)."""
    orphans = [note for note in notes if note.orphan]
    if not orphans:
        return document
    count = len(orphans)
    blocks = list(document.blocks)
    blocks.append(Block("rule", "", gap=2))
    blocks.append(
        Block(
            "orphan_heading",
            f"{count} annotation{'s' if count != 1 else ''} whose passage is no longer "
            "in the article (orphans, kept):",
        )
    )
    for note in orphans:
        what = f"{note.kind} ({note.color})" if note.is_highlight else note.kind
        blocks.append(
            Block(
                "orphan_quote",
                inert(" ".join(note.quote.split())) + "”",
                first_prefix=f"{what}: “",
                rest_prefix="  ",
            )
        )
        if note.text.strip():
            blocks.append(
                Block(
                    "paragraph",
                    inert(" ".join(note.text.split())),
                    gap=0,
                    first_prefix="  ",
                    rest_prefix="  ",
                )
            )
    return Document(blocks, document.plain, document.title_end)
