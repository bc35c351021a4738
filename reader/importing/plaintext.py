"""Plain text as Markdown that shows exactly that text.

A ``.txt`` article is stored as Markdown: its paragraphs (split the way the
reader splits plain text: at blank lines, or at every line when there are
none) become Markdown paragraphs, and every character Markdown would act on
is escaped with a backslash. Backslashes are not word characters, so the
article's text hash (``identity.text_hash``) is the same as the original's,
except where an underscore had to be escaped (``_`` is a word character):
underscores inside a word (``snake_case``) cannot make emphasis and are
left alone.
"""

from __future__ import annotations

import re

from reader.util.safety import inert, normalise_newlines

_INLINE = re.compile(r"([\\`*\[\]<~])")
_UNDERSCORES = re.compile(r"_+")
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


def _escape_underscores(line: str) -> str:
    """Escape runs of ``_`` except those between two letters or digits (inside a word)."""

    def escape(match: re.Match[str]) -> str:
        start, end = match.span()
        inside = start > 0 and end < len(line) and line[start - 1].isalnum() and line[end].isalnum()
        return match.group() if inside else match.group().replace("_", "\\_")

    return _UNDERSCORES.sub(escape, line)


def escape_paragraph(line: str) -> str:
    """One line of text with the Markdown it would trigger escaped."""
    line = _escape_underscores(_ENTITY.sub("\\\\&", _INLINE.sub(r"\\\1", line)))
    line = _ORDERED.sub(r"\1\\\2", line)
    if line.startswith(_BLOCK_START):
        line = "\\" + line
    return line


def text_to_markdown(text: str) -> str:
    """A plain-text body as Markdown with the same paragraphs and characters (made inert)."""
    text = inert(normalise_newlines(text))
    return "\n\n".join(escape_paragraph(paragraph) for paragraph in paragraphs(text))
