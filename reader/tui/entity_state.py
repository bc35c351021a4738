"""EntityState: what the reading view knows of one article's entities (no Textual).

A plain class the entity screen composes, so selection, mention jumps,
mark-mode spans and tag suggestions are pure computation over a document,
unit-tested in milliseconds (``tests/unit/test_entity_state.py``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from reader.entities import EntityGroup, Mention, group_mentions
from reader.entities.corrections import Correction, apply_corrections
from reader.rendering.styling import Highlight, entity_role
from reader.store import normalise_tag
from reader.text.document import Document

SUGGESTED_TAGS = 3
WORD = re.compile(r"[\w’'.-]+")
SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[”’\"')\]]*(?=\s|$)|$)", re.DOTALL)
"""A sentence: up to its final punctuation (and closing quotes), or the block's end."""
UNTAGGED_LABELS = ("DATE", "FIGURE")


class EntityState:
    """The entities of the article shown, the one selected, the mention at, the text marked."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.document: Document | None = None
        self.article_id = ""
        self.raw: list[Mention] | None = None
        """Mentions as the extractor found them (None until extraction finished)."""
        self.mentions: list[Mention] = []
        """Mentions with the person's corrections applied."""
        self.groups: list[EntityGroup] = []
        self.selected: EntityGroup | None = None
        self.position = -1
        """Index of the mention jumped to within the selected group (-1: none yet)."""
        self.marking: tuple[int, int] | None = None
        """Plain-text span being marked (as a new entity, or to highlight)."""
        self.mark_purpose = "entity"
        """What the mark is for: ``entity`` (choose a label) or ``highlight``."""
        self.mark_unit = "word"
        """What the mark moves and grows by: ``word`` or ``sentence``."""

    # -- the article -------------------------------------------------------------------
    def begin(self, article_id: str, document: Document) -> None:
        """A new article: forget everything of the last one."""
        self._reset()
        self.article_id = article_id
        self.document = document

    def apply(self, raw: list[Mention], corrections: Mapping[str, Correction]) -> None:
        """Take the extractor's mentions, apply corrections, group; keep the selection by name."""
        if self.document is None:
            return
        raw = self.document.outside_code(raw)  # never an entity in code
        self.raw = raw
        plain = self.document.plain
        self.mentions = apply_corrections(self.document.entity_text, raw, corrections)
        self.groups = group_mentions(plain, self.mentions, title_end=self.document.title_end)
        previous = self.selected.name if self.selected else None
        self.selected = next((g for g in self.groups if g.name == previous), None)
        if self.selected is None:
            self.position = -1

    @property
    def ready(self) -> bool:
        """True once the entities of the article are known."""
        return self.raw is not None

    # -- what to draw ------------------------------------------------------------------
    def highlights(self) -> list[Highlight]:
        """Every mention, coloured by label."""
        return [Highlight(m.start, m.end, entity_role(m.label)) for m in self.mentions]

    def emphasis(self) -> list[Highlight]:
        """The selected entity's mentions, the current one, and the text being marked."""
        marks: list[Highlight] = []
        if self.selected is not None:
            marks += [Highlight(m.start, m.end, "entity_selected") for m in self.selected.mentions]
            if 0 <= self.position < len(self.selected.mentions):
                current = self.selected.mentions[self.position]
                marks.append(Highlight(current.start, current.end, "entity_current"))
        if self.marking is not None:
            marks.append(Highlight(self.marking[0], self.marking[1], "mark_selection"))
        return marks

    def suggestions(self, have: Collection[str]) -> list[str]:
        """Tags from the most salient named entities that the article does not have yet."""
        found: list[str] = []
        for group in self.groups:
            if group.label in UNTAGGED_LABELS:
                continue
            tag = normalise_tag(group.name)
            if tag and tag not in have and tag not in found:
                found.append(tag)
            if len(found) == SUGGESTED_TAGS:
                break
        return found

    # -- selection and jumps -------------------------------------------------------------
    def select(self, group: EntityGroup | None) -> None:
        """Select an entity (its mentions are underlined); no mention jumped to yet."""
        self.selected = group
        self.position = -1

    def jump(self, step: int, top: int) -> Mention | None:
        """The next (``step`` 1) or previous (-1) mention of the selected entity, wrapping.

        Without a selection the most salient entity is selected. The first jump
        goes to the first mention at or after ``top`` (the offset at the top of
        the screen), or the one before it going back.
        """
        if not self.groups:
            return None
        if self.selected is None:
            self.selected = self.groups[0]
        mentions = self.selected.mentions
        if self.position < 0:
            after = [i for i, m in enumerate(mentions) if m.start >= top]
            if step > 0:
                position = after[0] if after else 0
            else:
                position = (after[0] - 1) % len(mentions) if after else len(mentions) - 1
        else:
            position = (self.position + step) % len(mentions)
        self.position = position
        return mentions[position]

    # -- marking new entity text ----------------------------------------------------------
    def words_of_block(self, block_index: int) -> list[tuple[int, int]]:
        """Word spans of one block, in plain-text offsets (empty outside the plain text)."""
        if self.document is None or not 0 <= block_index < len(self.document.blocks):
            return []
        block = self.document.blocks[block_index]
        if not block.in_plain_text:
            return []
        return [(block.start + m.start(), block.start + m.end()) for m in WORD.finditer(block.text)]

    def sentences_of_block(self, block_index: int) -> list[tuple[int, int]]:
        """Sentence spans of one block, in plain-text offsets (empty outside the plain text)."""
        if self.document is None or not 0 <= block_index < len(self.document.blocks):
            return []
        block = self.document.blocks[block_index]
        if not block.in_plain_text:
            return []
        return [
            (block.start + m.start(), block.start + m.end()) for m in SENTENCE.finditer(block.text)
        ]

    def units_of_block(self, block_index: int) -> list[tuple[int, int]]:
        """The spans the mark moves by: sentences or words."""
        if self.mark_unit == "sentence":
            return self.sentences_of_block(block_index)
        return self.words_of_block(block_index)

    def start_mark(
        self, words: list[tuple[int, int]], purpose: str = "entity", unit: str = "word"
    ) -> bool:
        """Start marking: a new entity at the first capitalised word (else the first word);
        a highlight at the first word or sentence."""
        if not words or self.document is None:
            return False
        text = self.document.plain
        self.mark_purpose, self.mark_unit = purpose, unit
        if purpose == "entity":
            self.marking = next((w for w in words if text[w[0]].isupper()), words[0])
        else:
            self.marking = words[0]
        return True

    def marked_span(self) -> tuple[int, int] | None:
        """The marked span as it is (for a highlight)."""
        return self.marking

    def move_mark(self, words: list[tuple[int, int]], step: int) -> None:
        """Move the mark to another word."""
        if self.marking is None or not words:
            return
        starts = [w[0] for w in words]
        index = starts.index(self.marking[0]) if self.marking[0] in starts else 0
        self.marking = words[min(max(index + step, 0), len(words) - 1)]

    def extend_mark(self, words: list[tuple[int, int]], step: int) -> None:
        """Grow or shrink the mark by a word (never below one word)."""
        if self.marking is None or not words:
            return
        ends = [w[1] for w in words]
        index = ends.index(self.marking[1]) if self.marking[1] in ends else 0
        index = min(max(index + step, 0), len(words) - 1)
        if words[index][1] > self.marking[0]:
            self.marking = (self.marking[0], words[index][1])

    def marked_text(self) -> str:
        """The marked text, trimmed of punctuation ("" when nothing is marked)."""
        if self.marking is None or self.document is None:
            return ""
        return self.document.plain[self.marking[0] : self.marking[1]].strip(" .,;:’'")

    def stop_mark(self) -> None:
        """Stop marking."""
        self.marking = None
        self.mark_purpose, self.mark_unit = "entity", "word"
