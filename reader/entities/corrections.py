"""Entity corrections: what the person decided about an entity, applied after extraction.

A correction names an entity by its text and says what to do with it:

- ``relabel``: every mention with this text gets ``label``;
- ``remove``: mentions with this text are not entities;
- ``add``: every occurrence of the text (whole words, any case) is an entity
  with ``label``, even where the extractor found nothing (it replaces any
  mention it overlaps).

Corrections apply to the whole library or to one article; an article's own
corrections win over library-wide ones. They are kept in the annotation store
and applied to fresh extraction results every time, so they survive
re-extraction and a new extractor version.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reader.entities.grouping import normalise
from reader.entities.types import LABELS, Mention

ACTIONS = ("relabel", "remove", "add")


@dataclass(frozen=True, slots=True)
class Correction:
    """One decision about an entity text."""

    text: str
    action: str
    label: str = ""

    @property
    def key(self) -> str:
        """The normalised text the correction matches (see ``grouping.normalise``)."""
        return normalise(self.text)

    def to_doc(self) -> dict[str, Any]:
        """The store document."""
        return {"text": self.text, "key": self.key, "action": self.action, "label": self.label}

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Correction | None:
        """From a store document; None if it is not a usable correction."""
        text = str(doc.get("text", "")).strip()
        action = str(doc.get("action", ""))
        label = str(doc.get("label", "") or "")
        if not text or action not in ACTIONS or (action != "remove" and label not in LABELS):
            return None
        return cls(text, action, label)

    def describe(self) -> str:
        """E.g. "“Kursk” is a PLACE" or "“World” is not an entity"."""
        if self.action == "remove":
            return f"“{self.text}” is not an entity"
        return f"“{self.text}” is a {self.label}"


def merge(library: Iterable[Correction], article: Iterable[Correction]) -> dict[str, Correction]:
    """The corrections in effect for one article, by key (the article's own win)."""
    merged = {correction.key: correction for correction in library}
    merged.update({correction.key: correction for correction in article})
    return merged


def _occurrences(text: str, needle: str) -> Iterable[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", re.IGNORECASE)
    for match in pattern.finditer(text):
        yield match.start(), match.end()


def apply_corrections(
    text: str, mentions: Iterable[Mention], corrections: Mapping[str, Correction]
) -> list[Mention]:
    """Mentions after the corrections: relabelled, removed, added; sorted, no overlaps."""
    if not corrections:
        return sorted(mentions, key=lambda mention: mention.start)
    kept: list[Mention] = []
    for mention in mentions:
        correction = corrections.get(normalise(mention.text))
        if correction is None:
            kept.append(mention)
        elif correction.action == "remove":
            continue
        else:
            kept.append(Mention(correction.label, mention.start, mention.end, mention.text))
    added: list[Mention] = []
    for correction in corrections.values():
        if correction.action != "add":
            continue
        for start, end in _occurrences(text, correction.text):
            if any(start < other.end and other.start < end for other in added):
                continue
            added.append(Mention(correction.label, start, end, text[start:end]))
    if added:
        kept = [
            mention
            for mention in kept
            if not any(mention.start < new.end and new.start < mention.end for new in added)
        ]
    return sorted(kept + added, key=lambda mention: mention.start)
