"""The shared vocabulary of entity extraction: labels, mentions, groups, extractors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

LABELS: tuple[str, ...] = ("PERSON", "ORG", "PLACE", "MISC", "DATE", "FIGURE")
"""Every label an extractor may return, in display order."""

NAMED_LABELS: tuple[str, ...] = ("PERSON", "ORG", "PLACE", "MISC")
"""The labels of named entities (scored against CoNLL-2003)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity: ``text == source[start:end]``."""

    label: str
    start: int
    end: int
    text: str


@dataclass
class EntityGroup:
    """All mentions of one entity in a text, under a canonical name."""

    name: str
    label: str
    mentions: list[Mention] = field(default_factory=list)
    salience: float = 0.0

    @property
    def count(self) -> int:
        """How many times the entity is mentioned."""
        return len(self.mentions)


@runtime_checkable
class Extractor(Protocol):
    """Anything that finds entity mentions in a plain text.

    ``name`` and ``version`` identify the extractor in cache keys: a change
    of either invalidates cached results.
    """

    name: str
    version: str

    def extract(self, text: str) -> list[Mention]:
        """Return the mentions in ``text``, sorted by start, non-overlapping."""
        ...
