"""Plain text as Markdown that shows exactly that text.

A ``.txt`` article is stored as Markdown: its paragraphs (split the way the
reader splits plain text: at blank lines, or at every line when there are
none) become Markdown paragraphs, and every character Markdown would act on
is escaped with a backslash. Backslashes are not word characters, so the
article's text hash (``identity.text_hash``) is the same as the original's.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<~])")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_BLOCK_START = ("#", ">", "-", "+", "=", "|")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a plain-text body, each on one line, as the reader shows them."""
    if "\n\n" in text.strip():
        chunks = [" ".join(chunk.split("\n")) for chunk in text.split("\n\n")]
    else:
        chunks = text.split("\n")
    return [chunk.strip() for chunk in chunks if chunk.strip()]


def escape_paragraph(line: str) -> str:
    """One line of text with the Markdown it would trigger escaped."""
    line = _ENTITY.sub("\\\\&", _INLINE.sub(r"\\\1", line))
    line = _ORDERED.sub(r"\1\\\2", line)
    if line.startswith(_BLOCK_START):
        line = "\\" + line
    return line


def text_to_markdown(text: str) -> str:
    """A plain-text body as Markdown with the same paragraphs and characters."""
    return "\n\n".join(escape_paragraph(paragraph) for paragraph in paragraphs(text))
