"""Turn laid-out lines into ``rich.text.Text``, with inline styles and highlights.

Styles come in as a mapping from a *role* name to a ``rich.style.Style``
(the screen resolves them from ``styles/*.tcss``; the command line and the
tests pass their own). Roles: ``title``, ``heading``, ``meta``, ``rule``,
``prefix``, ``quote``, ``code``, ``row``, ``header_row`` for blocks; ``strong``,
``em``, ``strike``, ``link``, ``code_inline``, ``image`` for inline spans; and any
names the caller uses for highlights (``entity-PERSON`` and so on).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from reader.rendering.layout import Layout
from reader.text.document import BLOCK_SEPARATOR, Document


def entity_role(label: str) -> str:
    """The highlight role of an entity label (styled by ``article-view--entity-<label>``)."""
    return f"entity_{label.lower()}"


StyleMap = Mapping[str, Style]

_BLOCK_ROLES = {
    "title": "title",
    "heading": "heading",
    "meta": "meta",
    "quote": "quote",
    "code": "code",
    "row": "row",
    "header_row": "header_row",
    "orphan_heading": "orphan_heading",
    "orphan_quote": "orphan_quote",
}
_INLINE_ROLES = {"code": "code_inline"}


@dataclass(frozen=True, slots=True)
class Highlight:
    """A style over plain-text offsets ``start``..``end`` (e.g. one entity mention)."""

    start: int
    end: int
    role: str


LocalHighlights = dict[int, list[tuple[int, int, str]]]
"""Highlights grouped by block index, with offsets local to the block's text."""


def localise(document: Document, highlights: Iterable[Highlight]) -> LocalHighlights:
    """Group highlights by block; a highlight crossing blocks is cut at each block's end."""
    grouped: LocalHighlights = {}
    for highlight in highlights:
        if highlight.end <= highlight.start:
            continue
        block_index, local_start = document.locate(highlight.start)
        block = document.blocks[block_index]
        while True:
            local_end = min(highlight.end - block.start, len(block.text))
            if local_end > local_start:
                grouped.setdefault(block_index, []).append((local_start, local_end, highlight.role))
            if highlight.end <= block.end:
                break
            following = [i for i in document.content_blocks if i > block_index]
            if not following:
                break
            block_index = following[0]
            block = document.blocks[block_index]
            local_start = 0
            if block.start >= highlight.end:
                break
    for spans in grouped.values():
        spans.sort()
    return grouped


def _apply(
    text: Text,
    spans: Iterable[tuple[int, int, str]],
    start: int,
    end: int,
    styles: StyleMap,
    offset: int,
) -> None:
    for span_start, span_end, role in spans:
        if span_end <= start or span_start >= end:
            continue
        style = styles.get(role)
        if style is not None:
            text.stylize(
                style, max(span_start, start) - start + offset, min(span_end, end) - start + offset
            )


def block_slice_text(
    document: Document,
    block_index: int,
    start: int,
    end: int,
    styles: StyleMap,
    highlights: Sequence[tuple[int, int, str]] = (),
    prefix: str = "",
) -> Text:
    """Styled text of ``block.text[start:end]`` after an optional prefix."""
    block = document.blocks[block_index]
    body = block.text[start:end].rstrip(" ") if block.wrap else block.text[start:end]
    text = Text(prefix, style=styles.get("prefix", Style.null()), end="")
    offset = len(prefix)
    text.append(body, style=styles.get(_BLOCK_ROLES.get(block.kind, ""), Style.null()))
    end = min(end, start + len(body))
    inline = ((s.start, s.end, _INLINE_ROLES.get(s.kind, s.kind)) for s in block.spans)
    _apply(text, inline, start, end, styles, offset)
    _apply(text, highlights, start, end, styles, offset)
    return text


def line_text(
    layout: Layout,
    line_number: int,
    styles: StyleMap,
    highlights: LocalHighlights | None = None,
) -> Text:
    """The styled text of one screen line of ``layout``."""
    line = layout.lines[line_number]
    if line.block < 0:
        return Text("", end="")
    block = layout.document.blocks[line.block]
    if block.kind == "rule":
        return Text("─" * layout.width, style=styles.get("rule", Style.null()), end="")
    spans = highlights.get(line.block, ()) if highlights else ()
    return block_slice_text(
        layout.document, line.block, line.start, line.end, styles, spans, line.prefix
    )


def plain_text(
    document: Document, styles: StyleMap | None = None, highlights: Iterable[Highlight] = ()
) -> Text:
    """The whole plain text as one ``Text`` (offsets equal ``document.plain``), styled."""
    styles = styles or {}
    text = Text(end="")
    local = localise(document, highlights)
    for number, block_index in enumerate(document.content_blocks):
        if number:
            text.append(BLOCK_SEPARATOR)
        block = document.blocks[block_index]
        text.append_text(
            block_slice_text(
                document, block_index, 0, len(block.text), styles, local.get(block_index, ())
            )
        )
    return text
