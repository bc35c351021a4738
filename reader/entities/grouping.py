"""Group the mentions of one entity and rank entities by salience.

Mentions are grouped by a normalised key (case, hyphens, dots, curly
apostrophes and a possessive ending do not matter; a few well-known aliases
such as "US"/"United States" share a key). A one-word personal name
("Putin", "Kim") joins the full name it is part of ("Vladimir Putin"); when
several full names share that word, it joins the closest one mentioned
before it, and two different full names are never merged. An acronym joins
the organisation or place whose initials it spells ("KCNA" and "Korean
Central News Agency").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reader.entities.types import EntityGroup, Mention

_ALIASES: dict[str, str] = {}
for _canon, _names in {
    "United States": "us|usa|united states|united states of america|america|the us",
    "United Kingdom": "uk|united kingdom|britain|great britain|the uk",
    "North Korea": "n korea|north korea|dprk|democratic people s republic of korea",
    "South Korea": "s korea|south korea|republic of korea|rok",
    "European Union": "eu|european union",
    "United Nations": "un|united nations",
    "Soviet Union": "ussr|soviet union",
    "United Arab Emirates": "uae|united arab emirates",
    "Democratic Republic of the Congo": "drc|dr congo|democratic republic of the congo",
}.items():
    for _n in _names.split("|"):
        _ALIASES[_n] = _canon

_NAMED = frozenset({"PERSON", "ORG", "PLACE", "MISC"})
_WEIGHT = {"DATE": 0.5, "FIGURE": 0.5}
_POSSESSIVE = re.compile(r"['\u2018\u2019\u02bc]s$", re.IGNORECASE)
_SEP = re.compile(r"[\s\-\u2010\u2011\u2013.'\u2018\u2019\u02bc]+")


def normalise(text: str) -> str:
    """A grouping key: "Kim Jong-un's" -> "kim jong un", "U.S." -> "u s"."""
    t = _POSSESSIVE.sub("", text.strip())
    t = _SEP.sub(" ", t.casefold()).strip()
    if t.startswith("the "):
        t = t[4:]
    return t


def _alias(key: str) -> str | None:
    if key in _ALIASES:
        return _ALIASES[key]
    squeezed = key.replace(" ", "")
    if len(squeezed) <= 4:
        return _ALIASES.get(squeezed)
    return None


def _initials(key: str) -> str:
    stop = {"of", "the", "and", "for", "de", "la", "&"}
    return "".join(w[0] for w in key.split() if w not in stop)


class _Group:
    """A group under construction."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.mentions: list[Mention] = []
        self.canonical: str | None = None

    @property
    def tokens(self) -> list[str]:
        return self.key.split()


def group_mentions(text: str, mentions: Sequence[Mention], title_end: int = 0) -> list[EntityGroup]:
    """Group ``mentions`` of ``text`` by entity; most salient first.

    ``title_end`` is the end offset of the title: mentions starting before
    it count as appearing in the title.
    """
    ordered = sorted(mentions, key=lambda m: m.start)
    groups: dict[str, _Group] = {}
    persons_full: list[_Group] = []

    def get(key: str) -> _Group:
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(key)
        return g

    pending_single: list[Mention] = []
    for m in ordered:
        key = normalise(m.text)
        if not key:
            continue
        if m.label not in _NAMED:
            get(m.label + ":" + key).mentions.append(m)
            continue
        alias = _alias(key)
        if alias is not None:
            g = get("alias:" + alias)
            g.canonical = alias
            g.mentions.append(m)
            continue
        if m.label == "PERSON" and " " not in key:
            pending_single.append(m)
            continue
        g = get(key)
        g.mentions.append(m)
        if m.label == "PERSON" and g not in persons_full:
            persons_full.append(g)

    for m in pending_single:
        key = normalise(m.text)
        host = _host_person(key, m.start, persons_full)
        if host is not None:
            host.mentions.append(m)
        else:
            get(key).mentions.append(m)

    _merge_acronyms(groups)
    result = [_finish(g, text, title_end) for g in groups.values() if g.mentions]
    result.sort(key=lambda e: (-e.salience, e.mentions[0].start))
    return result


def _host_person(word: str, pos: int, persons: list[_Group]) -> _Group | None:
    """The full-name group a one-word person mention belongs to, if any."""
    candidates = [g for g in persons if word in g.tokens]
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    before = [
        (max(m.start for m in g.mentions if m.start < pos), g)
        for g in candidates
        if any(m.start < pos for m in g.mentions)
    ]
    if not before:
        return None
    return max(before, key=lambda t: t[0])[1]


def _merge_acronyms(groups: dict[str, _Group]) -> None:
    """Fold an acronym group into the one group whose initials it spells."""
    by_initials: dict[str, list[_Group]] = {}
    for g in groups.values():
        if " " in g.key and ":" not in g.key:
            by_initials.setdefault(_initials(g.key), []).append(g)
    for key, g in list(groups.items()):
        if " " in key or ":" in key or len(key) < 2:
            continue
        if not all(m.text.isupper() for m in g.mentions):
            continue
        hosts = by_initials.get(key, [])
        if len(hosts) == 1:
            hosts[0].mentions.extend(g.mentions)
            hosts[0].mentions.sort(key=lambda m: m.start)
            del groups[key]


def _finish(g: _Group, text: str, title_end: int) -> EntityGroup:
    mentions = sorted(g.mentions, key=lambda m: m.start)
    label = Counter(m.label for m in mentions).most_common(1)[0][0]
    name = g.canonical or _canonical_name(mentions)
    first = mentions[0].start
    in_title = any(m.start < title_end for m in mentions)
    position = 1.0 - first / max(len(text), 1)
    salience = (len(mentions) + (3.0 if in_title else 0.0) + 1.5 * position) * _WEIGHT.get(
        label, 1.0
    )
    return EntityGroup(name=name, label=label, mentions=mentions, salience=round(salience, 4))


def _canonical_name(mentions: list[Mention]) -> str:
    """The most frequent of the longest forms, without a possessive ending."""
    forms = [_POSSESSIVE.sub("", m.text).strip() for m in mentions]
    longest = max(len(f.split()) for f in forms)
    counts = Counter(f for f in forms if len(f.split()) == longest)
    # prefer mixed case over ALL CAPS (headlines)
    ranked = sorted(counts.items(), key=lambda kv: (kv[0].isupper(), -kv[1], forms.index(kv[0])))
    return ranked[0][0]
