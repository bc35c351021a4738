"""Lay a :class:`Document` out into screen lines for a given width.

Line breaks depend only on the text and the width, never on styles, so
highlights and emphasis can change without laying the article out again:
the screen re-draws just the lines it shows.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rich.cells import cell_len

from reader.text.document import Document

_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line: ``text[start:end]`` of block ``block`` after ``prefix``.

    ``block`` is -1 for the blank lines between blocks.
    """

    block: int
    start: int
    end: int
    prefix: str


BLANK = Line(-1, 0, 0, "")


def _fold(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Cut text[start:end] into pieces of at most ``width`` cells."""
    pieces: list[tuple[int, int]] = []
    piece_start, cells = start, 0
    for position in range(start, end):
        char_cells = cell_len(text[position])
        if cells + char_cells > width and position > piece_start:
            pieces.append((piece_start, position))
            piece_start, cells = position, 0
        cells += char_cells
    pieces.append((piece_start, end))
    return pieces


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` to ``width`` cells; returns (start, end) ranges.

    Hard line breaks (``\\n``) always break; a word longer than the width is
    folded. Trailing spaces stay on their line (they are not drawn).
    """
    width = max(width, 1)
    ranges: list[tuple[int, int]] = []
    position = 0
    for segment in text.split("\n"):
        segment_start, segment_end = position, position + len(segment)
        position = segment_end + 1
        if segment_start == segment_end:
            ranges.append((segment_start, segment_end))
            continue
        line_start, cells = segment_start, 0
        for match in _WORD.finditer(text, segment_start, segment_end):
            word_start, word_end = match.span()
            visible_end = word_start + len(match.group().rstrip())
            visible = text[word_start:visible_end]
            visible_cells = len(visible) if visible.isascii() else cell_len(visible)
            if cells + visible_cells > width and word_start > line_start:
                ranges.append((line_start, word_start))
                line_start, cells = word_start, 0
            if visible_cells > width:
                pieces = _fold(text, word_start, visible_end, width)
                ranges.extend(pieces[:-1])
                line_start = pieces[-1][0]
                cells = cell_len(text[line_start:visible_end])
            else:
                cells += visible_cells
            cells += word_end - visible_end
        ranges.append((line_start, segment_end))
    return ranges


@dataclass(slots=True)
class Layout:
    """The screen lines of a document at one width, with offset lookups."""

    document: Document
    width: int
    lines: list[Line]
    block_first_line: list[int]

    def line_of(self, offset: int) -> tuple[int, int]:
        """Map a plain-text offset to (line number, cell column)."""
        block_index, local = self.document.locate(offset)
        first = self.block_first_line[block_index]
        line_number = first
        while (
            line_number + 1 < len(self.lines)
            and self.lines[line_number + 1].block == block_index
            and self.lines[line_number + 1].start <= local
        ):
            line_number += 1
        line = self.lines[line_number]
        text = self.document.blocks[block_index].text
        return line_number, cell_len(line.prefix) + cell_len(text[line.start : local])

    def block_at(self, line_number: int) -> int:
        """The block shown on a line (the next block for a blank line)."""
        if not self.lines:
            return -1
        line_number = min(max(line_number, 0), len(self.lines) - 1)
        block = self.lines[line_number].block
        if block >= 0:
            return block
        position = bisect.bisect_right(self.block_first_line, line_number)
        return min(position, len(self.document.blocks) - 1)


def layout(document: Document, width: int) -> Layout:
    """Break every block of ``document`` into lines of at most ``width`` cells."""
    lines: list[Line] = []
    first_lines: list[int] = []
    for index, block in enumerate(document.blocks):
        if lines:
            lines.extend([BLANK] * block.gap)
        first_lines.append(len(lines))
        if block.kind == "rule":
            lines.append(Line(index, 0, 0, ""))
            continue
        available = max(width - max(cell_len(block.first_prefix), cell_len(block.rest_prefix)), 8)
        if block.wrap:
            ranges = wrap(block.text, available)
        else:
            ranges = []
            position = 0
            for row in block.text.split("\n"):
                ranges.extend(
                    _fold(block.text, position, position + len(row), available)
                    if row
                    else [(position, position)]
                )
                position += len(row) + 1
        for number, (start, end) in enumerate(ranges):
            prefix = block.first_prefix if number == 0 else block.rest_prefix
            lines.append(Line(index, start, end, prefix))
    return Layout(document, width, lines, first_lines)
