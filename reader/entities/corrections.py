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

The library-wide corrections are a lexicon the extractor learns from: each
decision generalises beyond its exact text (:func:`apply_corrections`):

- to the name's variants: titles, case, hyphens and a possessive are
  ignored ("Mr Kipchoge", "KIPCHOGE'S"); a person's surname or first name
  and the full name share the decision ("Kipchoge" -> "Eliud Kipchoge" and
  back), and a shorter form of a corrected name takes its label;
- to other contexts: a relabelled name is tagged where the extractor missed
  it (capitalised, whole words), and a word that is "not an entity" is
  trimmed off the edge of a longer mention ("Broadsheet Putin" -> "Putin");
- then the document-consistency pass (``coherence.harmonise_mentions``)
  spreads the corrected labels to every other mention of the same name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reader.entities.names import name_key, normalise
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
    text: str,
    mentions: Iterable[Mention],
    corrections: Mapping[str, Correction],
    *,
    generalise: bool = True,
) -> list[Mention]:
    """Mentions after the corrections: relabelled, removed, added; sorted, no overlaps.

    With ``generalise`` (the default), each correction also applies to the
    name's variants and other contexts (see the module docstring) and the
    result is made consistent across the document; without it, only
    mentions whose normalised text is a correction's key are changed.
    """
    ordered = sorted(mentions, key=lambda mention: mention.start)
    if not generalise:
        return _exact(text, ordered, corrections)
    from reader.entities.coherence import harmonise_mentions

    if not corrections:
        return harmonise_mentions(ordered)
    by_name: dict[str, Correction] = {}
    for each in corrections.values():
        if each.action != "add":
            by_name.setdefault(name_key(each.text), each)
    by_name.update({c.key: c for c in corrections.values() if c.action != "add"})
    removed = {key for key, c in by_name.items() if c.action == "remove"}
    kept: list[Mention] = []
    for mention in ordered:
        correction = corrections.get(normalise(mention.text)) or by_name.get(name_key(mention.text))
        if correction is None:
            if removed and " " in mention.text.strip():
                trimmed = _trim(mention, removed)
                if trimmed is not None:
                    kept.append(trimmed)
                continue
            kept.append(mention)
        elif correction.action == "remove":
            continue
        elif correction.action == "relabel":
            kept.append(Mention(correction.label, mention.start, mention.end, mention.text))
        else:
            kept.append(mention)
    added = _added(text, corrections.values(), kept)
    if added:
        kept = [
            mention
            for mention in kept
            if not any(mention.start < new.end and new.start < mention.end for new in added)
        ]
    result = sorted(kept + added, key=lambda mention: mention.start)
    fixed = {key: c.label for key, c in by_name.items() if c.action == "relabel"}
    return harmonise_mentions(result, fixed)


def _exact(
    text: str, ordered: list[Mention], corrections: Mapping[str, Correction]
) -> list[Mention]:
    """Corrections applied to their exact (normalised) text only."""
    if not corrections:
        return ordered
    kept: list[Mention] = []
    for mention in ordered:
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


_WORD = re.compile(r"\S+")


def _trim(mention: Mention, removed: set[str]) -> Mention | None:
    """``mention`` without edge words that are "not an entity" (None: nothing left)."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(mention.text)]
    a, b = 0, len(words)
    while a < b and normalise(mention.text[words[a][0] : words[a][1]]) in removed:
        a += 1
    while b > a and normalise(mention.text[words[b - 1][0] : words[b - 1][1]]) in removed:
        b -= 1
    if a == b:
        return None
    if (a, b) == (0, len(words)):
        return mention
    start, end = words[a][0], words[b - 1][1]
    return Mention(
        mention.label, mention.start + start, mention.start + end, mention.text[start:end]
    )


def _added(text: str, corrections: Iterable[Correction], kept: list[Mention]) -> list[Mention]:
    """Mentions from "add" corrections (every occurrence, replacing what they overlap) and
    from relabels where the extractor found nothing (capitalised occurrences only)."""
    added: list[Mention] = []
    for correction in corrections:
        if correction.action != "add":
            continue
        for start, end in _occurrences(text, correction.text):
            if any(start < other.end and other.start < end for other in added):
                continue
            added.append(Mention(correction.label, start, end, text[start:end]))
    starts = [m.start for m in kept]
    ends = [m.end for m in kept]
    from bisect import bisect_right

    def free(start: int, end: int) -> bool:
        i = bisect_right(starts, start) - 1
        if i >= 0 and ends[i] > start:
            return False
        return not (i + 1 < len(starts) and starts[i + 1] < end)

    fills: list[Mention] = []
    for correction in corrections:
        if correction.action != "relabel" or not correction.text[:1].isupper():
            continue
        for start, end in _occurrences(text, correction.text):
            if not text[start].isupper() or not free(start, end):
                continue
            if any(start < other.end and other.start < end for other in added):
                continue
            fills.append(Mention(correction.label, start, end, text[start:end]))
    return added + fills
