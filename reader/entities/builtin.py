"""The built-in extractor: CRF tagger + gazetteers + document rules + patterns."""

from __future__ import annotations

import gc
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.entities import gazetteer
from reader.entities.coherence import harmonise_mentions
from reader.entities.consistency import (
    attach_org_suffixes,
    clean_spans,
    harmonise,
    join_possessives,
    listed_misc,
    tag_compounds,
)
from reader.entities.crf import CrfTagger, Span, decode_bio
from reader.entities.features import Featurizer, is_allcaps_sentence
from reader.entities.patterns import find_dates_and_figures
from reader.entities.rules import RuleTagger
from reader.entities.spans import RULES, common_openers, dateline, lone_names, name_kinds
from reader.entities.teams import is_sports_document, retag_teams
from reader.entities.tokenize import Token, sentence_matches
from reader.entities.types import Mention
from reader.entities.version import model_path, version_for

FROM_CONLL: dict[str, str] = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE", "MISC": "MISC"}


class BuiltinExtractor:
    """Offline extractor; uses the shipped CRF model when python-crfsuite is present."""

    name = "builtin"

    def __init__(
        self,
        model: Path | None = None,
        *,
        use_model: bool = True,
        disabled: frozenset[str] = frozenset(),
    ) -> None:
        self.disabled = disabled
        """Rules to leave out, for measuring (``spans.RULE_NAMES``, "coherence", "teams")."""
        self.rules = [rule for name, rule in RULES if name not in disabled]
        self.gaz = gazetteer.load()
        path = model if model is not None else (model_path() if use_model else None)
        self.tagger: CrfTagger | RuleTagger
        try:
            if path is None:
                raise ImportError("no model")
            self.tagger = CrfTagger(path)
        except ImportError:
            self.tagger = RuleTagger(self.gaz)
        known = self.tagger.attributes if isinstance(self.tagger, CrfTagger) else None
        self.featurizer = Featurizer(self.gaz, encode=True, known=known)
        self.version = version_for(path if isinstance(self.tagger, CrfTagger) else None)

    def extract(self, text: str) -> list[Mention]:
        """Mentions of all six labels, sorted, non-overlapping."""
        with _no_cycle_collection():
            return self._extract(text)

    def _extract(self, text: str) -> list[Mention]:
        named = self.named(text)
        patterns = list(find_dates_and_figures(text))
        if named and patterns and "date_ends" not in self.disabled:
            named = _without_date_ends(named, patterns)
        result = list(named)
        taken = _Occupancy(named)
        for m in patterns:
            if taken.free(m.start, m.end):
                result.append(m)
        result.sort(key=lambda m: m.start)
        return result

    def named(self, text: str) -> list[Mention]:
        """PERSON, ORG, PLACE and MISC mentions only."""
        sents = sentence_matches(text)
        if not sents:
            return []
        spans = self.tag_words([ws for ws, _ in sents])
        mentions: list[Mention] = []
        for (_, matches), sp in zip(sents, spans, strict=True):
            for s, e, lab in sp:
                start, end = matches[s].start(), matches[e - 1].end()
                mentions.append(Mention(FROM_CONLL[lab], start, end, text[start:end]))
        if "coherence" not in self.disabled:
            mentions = harmonise_mentions(mentions)
        return mentions

    def tag_tokens(self, sents: list[list[Token]]) -> list[list[Span]]:
        """Token spans per sentence (CoNLL labels), document rules applied."""
        return self.tag_words([[t.text for t in s] for s in sents])

    def tag_words(self, words: list[list[str]]) -> list[list[Span]]:
        """Token spans per sentence given as token texts, document rules applied."""
        tagger = self.tagger
        if isinstance(tagger, RuleTagger):
            return [tagger.tag_words(ws) for ws in words]
        caps = [is_allcaps_sentence(ws) for ws in words]
        lowered = [list(map(str.lower, ws)) for ws in words]
        tags = [tagger.tag(f) for f in self.featurizer.document((), caps, words, lowered)]
        gaz = self.gaz
        known = gaz.phrases
        rules = self.rules
        listed = "listed_misc" not in self.disabled
        spans: list[list[Span]] = []
        for ws, lws, t in zip(words, lowered, tags, strict=True):
            sp = decode_bio(t)
            if sp:
                sp = clean_spans(ws, join_possessives(ws, sp), known, gaz.lower, lws)
                for rule in rules:
                    sp = rule(ws, sp, gaz, lws)
            if listed:
                sp = listed_misc(ws, sp, gaz, lws)
            sp = tag_compounds(ws, attach_org_suffixes(ws, sp, lws))
            spans.append(sp)
        sports = is_sports_document(words, lowered)
        if "teams" not in self.disabled and sports:
            spans = retag_teams(words, spans, gaz.sections.get("country", frozenset()), sports=True)
        if "dateline" not in self.disabled:
            spans = [dateline(ws, sp, gaz) for ws, sp in zip(words, spans, strict=True)]
        words = [
            [w.capitalize() if w.isupper() and len(w) > 3 else w for w in ws] if upper else ws
            for ws, upper in zip(words, caps, strict=True)
        ]
        spans = harmonise(words, spans, self.gaz.lower, lowered)
        if "lone_names" not in self.disabled and not sports:
            # the words as changed just above, lower-cased (only capitals sentences differ)
            cased_lowered = [
                list(map(str.lower, ws)) if upper else lws
                for ws, lws, upper in zip(words, lowered, caps, strict=True)
            ]
            spans = lone_names(words, spans, gaz, cased_lowered)
        if "name_kinds" not in self.disabled:
            spans = name_kinds(words, spans, gaz, lowered)
        if "common_openers" not in self.disabled:
            spans = common_openers(words, spans, gaz, lowered)
        if "dateline" not in self.disabled:
            spans = [dateline(ws, sp, gaz) for ws, sp in zip(words, spans, strict=True)]
        return spans


def _without_date_ends(named: list[Mention], patterns: list[Mention]) -> list[Mention]:
    """Named mentions less those that end a date the patterns found ("17:00 UTC",
    "10 am GMT"): the time zone belongs to the time."""
    ends = {m.end: m.start for m in patterns if m.label == "DATE"}
    kept = [m for m in named if not (m.end in ends and ends[m.end] < m.start)]
    return kept if len(kept) < len(named) else named


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """No cyclic garbage collection while extracting.

    Extraction makes hundreds of thousands of short-lived lists and tuples
    and no reference cycles (reference counting frees all of it), so the
    collector's passes over them are pure overhead (about a tenth of the
    time). It is switched back on afterwards, unless it was off already.
    """
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Occupancy:
    """Which character ranges are already taken by named mentions."""

    def __init__(self, mentions: list[Mention]) -> None:
        self._starts = [m.start for m in mentions]
        self._ends = [m.end for m in mentions]

    def free(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return False
        return not (i + 1 < len(self._starts) and self._starts[i + 1] < end)
