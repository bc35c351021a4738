"""An article as a list of blocks of plain text with inline style spans.

This is the bridge between an article file and the screen. Parsing Markdown
(with markdown-it-py) or plain text yields a :class:`Document`: an ordered
list of :class:`Block` objects, each holding the *plain* text of one
paragraph, heading, list item, quote paragraph, table row or code block,
plus the spans where emphasis, links and code sit inside it.

The article's **plain text** (what entity extraction reads and what
``broadsheet show`` prints, where every offset points) is the title, a blank
line, then every content block's text, blocks separated by a blank line.
``Block.start`` is where a block's text begins in it, so a plain-text offset
maps to (block, offset in block) and from there, through the layout, to a
screen line and column. Decorations (list bullets, quote bars, the date and
licence lines, rules) are never part of the plain text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from reader.library.article import Article, site_name
from reader.util.safety import inert

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class InlineSpan:
    """A styled run inside one block: ``kind`` is strong, em, strike, link, code or image."""

    start: int
    end: int
    kind: str
    href: str = ""


@dataclass(slots=True)
class Block:
    """One block of the rendered article.

    ``kind``: title, meta, heading, paragraph, item, quote, code, row, header_row, rule.
    ``start`` is the offset of ``text`` in the plain text, or -1 for decorations.
    ``first_prefix`` starts the block's first screen line and ``rest_prefix``
    every following one (bullets, numbers, quote bars, indentation).
    ``gap`` is the number of blank lines above the block; ``wrap`` is False
    for code, which is folded at the width instead of wrapped at spaces.
    """

    kind: str
    text: str
    start: int = -1
    level: int = 0
    spans: list[InlineSpan] = field(default_factory=list)
    first_prefix: str = ""
    rest_prefix: str = ""
    gap: int = 1
    wrap: bool = True

    @property
    def in_plain_text(self) -> bool:
        """True when the block's text is part of the article's plain text."""
        return self.start >= 0

    @property
    def end(self) -> int:
        """Offset just past the block's text in the plain text (-1 for decorations)."""
        return self.start + len(self.text) if self.start >= 0 else -1


@dataclass(slots=True)
class Document:
    """An article ready to lay out: blocks, and the plain text they make up."""

    blocks: list[Block]
    plain: str
    title_end: int
    _starts: list[int] = field(default_factory=list, repr=False)
    _content: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._content = [i for i, block in enumerate(self.blocks) if block.in_plain_text]
        self._starts = [self.blocks[i].start for i in self._content]

    def locate(self, offset: int) -> tuple[int, int]:
        """Map a plain-text offset to (block index, offset inside that block's text).

        An offset in the blank line between two blocks maps to the end of the first.
        """
        if not self._starts:
            return 0, 0
        position = bisect.bisect_right(self._starts, offset) - 1
        position = max(position, 0)
        index = self._content[position]
        block = self.blocks[index]
        return index, min(max(offset - block.start, 0), len(block.text))

    @property
    def content_blocks(self) -> list[int]:
        """Indexes of the blocks that are part of the plain text, in order."""
        return self._content

    @property
    def code_ranges(self) -> list[tuple[int, int]]:
        """Plain-text (start, end) of every code block and inline code span, in order."""
        ranges: list[tuple[int, int]] = []
        for index in self._content:
            block = self.blocks[index]
            if block.kind == "code":
                ranges.append((block.start, block.end))
                continue
            for span in block.spans:
                if span.kind == "code" and span.end > span.start:
                    ranges.append((block.start + span.start, block.start + span.end))
        return ranges

    @property
    def entity_text(self) -> str:
        """The plain text as entity extraction reads it: code blanked out.

        Code blocks and inline code are not prose: digits there are not
        figures, identifiers not names. Their characters are spaces here
        (line ends kept), so every offset still points into :attr:`plain`;
        :meth:`outside_code` drops what an extractor still finds across them.
        """
        return blank_ranges(self.plain, self.code_ranges)

    def outside_code(self, mentions: Sequence[_SpanT]) -> list[_SpanT]:
        """``mentions`` less those touching code (see :attr:`entity_text`)."""
        return outside_ranges(mentions, self.code_ranges)


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_SpanT = TypeVar("_SpanT", bound=_HasSpan)


def blank_ranges(text: str, ranges: Sequence[tuple[int, int]]) -> str:
    """``text`` with the characters in ``ranges`` made spaces, line ends kept (same length)."""
    if not ranges:
        return text
    parts: list[str] = []
    at = 0
    for start, end in ranges:
        if start < at:
            start = at
        if end <= start:
            continue
        parts.append(text[at:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        at = end
    parts.append(text[at:])
    return "".join(parts)


def outside_ranges(mentions: Sequence[_SpanT], ranges: Sequence[tuple[int, int]]) -> list[_SpanT]:
    """The mentions that overlap none of ``ranges`` (sorted, non-overlapping ranges)."""
    if not ranges:
        return list(mentions)
    starts = [start for start, _ in ranges]
    out: list[_SpanT] = []
    for m in mentions:
        i = bisect.bisect_left(starts, m.end) - 1  # the last range starting before m ends
        if i >= 0 and ranges[i][1] > m.start:
            continue
        out.append(m)
    return out


if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The Markdown parser (imported on first use: the list screen does not need it)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


class _Builder:
    """Accumulates blocks and the plain text while walking markdown-it tokens."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.length = 0

    def add(self, block: Block, *, content: bool = True) -> Block:
        if content:
            if self.length:
                self.length += len(BLOCK_SEPARATOR)
            block.start = self.length
            self.length += len(block.text)
        self.blocks.append(block)
        return block

    def document(self, title_end: int) -> Document:
        plain = BLOCK_SEPARATOR.join(b.text for b in self.blocks if b.in_plain_text)
        return Document(self.blocks, plain, title_end)


def _inline(children: list[Any]) -> tuple[str, list[InlineSpan]]:
    """Flatten an inline token's children to text and style spans."""
    parts: list[str] = []
    spans: list[InlineSpan] = []
    length = 0
    open_at: dict[str, list[tuple[int, str]]] = {}

    def push(text: str) -> None:
        nonlocal length
        text = inert(text).replace("\n", " ")
        parts.append(text)
        length += len(text)

    for token in children:
        kind = token.type
        if kind in ("text", "html_inline"):
            push(token.content)
        elif kind == "softbreak":
            push(" ")
        elif kind == "hardbreak":
            parts.append("\n")
            length += 1
        elif kind == "code_inline":
            start = length
            push(token.content)
            spans.append(InlineSpan(start, length, "code"))
        elif kind == "image":
            start = length
            push(token.content or "image")
            spans.append(InlineSpan(start, length, "image"))
        elif kind.endswith("_open"):
            name = {"strong_open": "strong", "em_open": "em", "s_open": "strike"}.get(
                kind, "link" if kind == "link_open" else ""
            )
            if name:
                href = str(token.attrGet("href") or "") if name == "link" else ""
                open_at.setdefault(name, []).append((length, href))
        elif kind.endswith("_close"):
            name = {"strong_close": "strong", "em_close": "em", "s_close": "strike"}.get(
                kind, "link" if kind == "link_close" else ""
            )
            if name and open_at.get(name):
                start, href = open_at[name].pop()
                if length > start:
                    spans.append(InlineSpan(start, length, name, inert(href)))
    spans.sort(key=lambda span: (span.start, -span.end))
    return "".join(parts), spans


def _same_title(heading: str, title: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(text.casefold().split())

    return norm(heading) == norm(title)


def _header(builder: _Builder, article: Article) -> int:
    """Add the title and the metadata lines; return where the title ends."""
    meta = article.meta
    builder.add(Block("title", meta.title, gap=0))
    facts = [part for part in (meta.date[:10], meta.author, site_name(meta.source)) if part]
    if facts:
        builder.add(Block("meta", "  ·  ".join(facts), gap=0), content=False)
    if meta.source and meta.source not in meta.attribution:
        builder.add(Block("meta", f"Source: {meta.source}", gap=0), content=False)
    if meta.license and meta.license not in meta.attribution:
        builder.add(Block("meta", f"Licence: {meta.license}", gap=0), content=False)
    if meta.attribution:
        builder.add(Block("meta", meta.attribution, gap=0), content=False)
    builder.add(Block("rule", "", gap=1), content=False)
    return len(meta.title)


def _markdown_blocks(builder: _Builder, body: str, title: str) -> None:
    tokens = _parser().parse(body)
    # Each container is [kind, first_marker, rest_marker, marker_used, tight].
    containers: list[list[Any]] = []
    lists: list[list[Any]] = []  # [ordered, next_number, tight]
    heading_level = 0
    table_header = False
    row_cells: list[tuple[str, list[InlineSpan]]] = []
    first_block = True

    def prefixes() -> tuple[str, str]:
        first, rest = "", ""
        for container in containers:
            kind, marker, continuation = container[0], container[1], container[2]
            if kind == "item" and not container[3]:
                first += marker
                container[3] = True
            else:
                first += continuation
            rest += continuation
        return first, rest

    def gap_for(kind: str) -> int:
        if containers and containers[-1][0] == "item" and lists and lists[-1][2]:
            return 0 if builder.blocks and builder.blocks[-1].kind == "item" else 1
        return 1

    def add_text_block(kind: str, text: str, spans: list[InlineSpan], **extra: Any) -> None:
        nonlocal first_block
        first, rest = prefixes()
        gap = gap_for(kind)
        builder.add(
            Block(kind, text, spans=spans, first_prefix=first, rest_prefix=rest, gap=gap, **extra)
        )
        first_block = False

    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            heading_level = int(token.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0
            tight = index + 2 < len(tokens) and tokens[index + 2].hidden
            lists.append([kind == "ordered_list_open", start, tight])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if lists:
                lists.pop()
        elif kind == "list_item_open":
            ordered, number = (lists[-1][0], lists[-1][1]) if lists else (False, 0)
            marker = f"{number}. " if ordered else "• "
            if ordered and lists:
                lists[-1][1] += 1
            containers.append(["item", marker, " " * len(marker), False])
        elif kind == "blockquote_open":
            containers.append(["quote", "▌ ", "▌ ", True])
        elif kind in ("list_item_close", "blockquote_close"):
            if containers:
                containers.pop()
        elif kind == "inline":
            text, spans = _inline(token.children or [])
            in_cell = tokens[index - 1].type in ("th_open", "td_open")
            if in_cell:
                row_cells.append((text, spans))
            elif heading_level:
                if first_block and _same_title(text, title):
                    first_block = False
                else:
                    add_text_block("heading", text, spans, level=heading_level)
            elif text.strip():
                in_item = any(container[0] == "item" for container in containers)
                in_quote = any(container[0] == "quote" for container in containers)
                block_kind = "item" if in_item else ("quote" if in_quote else "paragraph")
                add_text_block(block_kind, text, spans)
        elif kind in ("fence", "code_block"):
            code = inert(token.content.rstrip("\n"))
            if code:
                add_text_block("code", code, [], wrap=False)
        elif kind == "html_block":
            html = inert(token.content.strip("\n"))
            if html.strip():
                add_text_block("paragraph", html, [])
        elif kind == "hr":
            builder.add(Block("rule", ""), content=False)
        elif kind == "thead_open":
            table_header = True
        elif kind == "thead_close":
            table_header = False
        elif kind == "tr_open":
            row_cells = []
        elif kind == "tr_close":
            text, spans = _join_cells(row_cells)
            add_text_block("header_row" if table_header else "row", text, spans)
            if not table_header:
                builder.blocks[-1].gap = 0
        index += 1


def _join_cells(cells: list[tuple[str, list[InlineSpan]]]) -> tuple[str, list[InlineSpan]]:
    parts: list[str] = []
    spans: list[InlineSpan] = []
    offset = 0
    for number, (text, cell_spans) in enumerate(cells):
        if number:
            parts.append(" | ")
            offset += 3
        parts.append(text)
        spans.extend(
            InlineSpan(s.start + offset, s.end + offset, s.kind, s.href) for s in cell_spans
        )
        offset += len(text)
    return "".join(parts), spans


def _plain_blocks(builder: _Builder, body: str) -> None:
    """Plain text: paragraphs are separated by blank lines, or are single lines if none are."""
    if "\n\n" in body.strip():
        paragraphs = [" ".join(chunk.split("\n")) for chunk in body.split("\n\n")]
    else:
        paragraphs = body.split("\n")
    for paragraph in paragraphs:
        text = " ".join(paragraph.split(" ")).strip()
        if text:
            builder.add(Block("paragraph", text))


MAX_MARKDOWN_BLOCKS = 20_000
"""An article with more paragraphs than this is shown as plain text: parsing that much
Markdown takes many seconds (100,000 headings: 5 s), plain text a fraction of it."""


def too_many_blocks(article: Article) -> bool:
    """True when the article is shown without Markdown formatting (see MAX_MARKDOWN_BLOCKS)."""
    return article.kind != "text" and article.body.count("\n\n") > MAX_MARKDOWN_BLOCKS


def build_document(article: Article) -> Document:
    """Turn an article into a :class:`Document` (title and header first, then the body)."""
    builder = _Builder()
    title_end = _header(builder, article)
    if article.kind == "text" or too_many_blocks(article):
        _plain_blocks(builder, article.body)
    else:
        _markdown_blocks(builder, article.body, article.meta.title)
    return builder.document(title_end)
