"""Capitalisation-and-gazetteer rules: the fallback when no CRF can run."""

from __future__ import annotations

from collections.abc import Sequence

from reader.entities.crf import Span
from reader.entities.gazetteer import Gazetteers
from reader.entities.tokenize import Token

_SECTION_LABEL = {"country": "LOC", "place": "LOC", "org": "ORG", "demonym": "MISC", "misc": "MISC"}
_JOINERS = frozenset({"of", "de", "la", "van", "von", "bin", "al", "&", "del", "der"})


_CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


class RuleTagger:
    """Tags capitalised runs of tokens using word lists and context."""

    def __init__(self, gaz: Gazetteers) -> None:
        self.gaz = gaz

    def tag(self, sent: Sequence[Token]) -> list[Span]:
        """Token spans (CoNLL labels) in one sentence."""
        return self.tag_words([t.text for t in sent])

    def tag_words(self, words: list[str]) -> list[Span]:
        """Token spans (CoNLL labels) in one sentence given as token texts."""
        lowered = [w.lower() for w in words]
        g = self.gaz
        spans: list[Span] = []
        gaz_at = {s: (e, secs) for s, e, secs in g.match(words, lowered)}
        i, n = 0, len(words)
        while i < n:
            w = words[i]
            if not w[:1].isupper() or (
                lowered[i] in g.lower and (i == 0 or w.isupper()) and i not in gaz_at
            ):
                i += 1
                continue
            if lowered[i] in _CALENDAR:
                i += 1
                continue
            if lowered[i] in g.title and i + 1 < n and words[i + 1][:1].isupper():
                i += 1
                continue
            j = i + 1
            while j < n and (
                words[j][:1].isupper()
                or (lowered[j] in _JOINERS and j + 1 < n and words[j + 1][:1].isupper())
            ):
                j += 1
            spans.append((i, j, self._label(words, lowered, i, j, gaz_at)))
            i = j
        return spans

    def _label(
        self,
        words: list[str],
        lowered: list[str],
        i: int,
        j: int,
        gaz_at: dict[int, tuple[int, tuple[str, ...]]],
    ) -> str:
        g = self.gaz
        hit = gaz_at.get(i)
        if hit is not None and hit[0] == j:
            return _SECTION_LABEL[hit[1][0]]
        if lowered[j - 1] in g.orgword:
            return "ORG"
        if i > 0 and lowered[i - 1] in g.title:
            return "PER"
        if lowered[i] in g.given and j - i >= 2:
            return "PER"
        if j - i == 1 and words[i].isupper() and len(words[i]) <= 5:
            return "ORG"
        if lowered[i] in g.demonym:
            return "MISC"
        return "PER" if j - i >= 2 else "ORG"
