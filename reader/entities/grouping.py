"""Group the mentions of one entity and rank entities by salience.

Mentions are grouped by a normalised key (case, hyphens, dots, curly
apostrophes and a possessive ending do not matter; a few well-known aliases
such as "US"/"United States" share a key). For people, honorifics and titles
are ignored ("Cde Mugabe", "President Mugabe" -> "mugabe"), a shorter full
name joins the longer one it abbreviates ("Robert Mugabe" joins "Robert
Gabriel Mugabe": same first and last word, the rest a subsequence), and a
one-word name ("Mugabe", "Kim") joins the full name it is the surname or
first name of. When several full names share that word, the one mentioned
closest before it (within a few sentences) wins, else the most mentioned;
two different full names are never merged. An acronym joins the
organisation or place whose initials it spells ("KCNA" and "Korean Central
News Agency"). A group is named by its fullest form.

Every step is linear (or n log n) in the number of mentions, so a 2 MB
article groups in well under a second.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence

from reader.entities.names import PARTICLES, STORM_WORDS, display_name, normalise, strip_titles
from reader.entities.types import EntityGroup, Mention

__all__ = ["group_mentions", "normalise"]

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
NEAR = 300
"""Characters: a full name mentioned this close before a one-word name claims it."""


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

    __slots__ = ("canonical", "full_starts", "key", "mentions")

    def __init__(self, key: str) -> None:
        self.key = key
        self.mentions: list[Mention] = []
        self.canonical: str | None = None
        self.full_starts: list[int] = []
        """Starts of its multi-word person mentions, ascending."""


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def person_ends(tokens: list[str]) -> tuple[str, str]:
    """(first name, surname) of a multi-word name's key tokens, particles skipped."""
    words = [t for t in tokens if t not in PARTICLES] or tokens
    return words[0], words[-1]


def group_mentions(text: str, mentions: Sequence[Mention], title_end: int = 0) -> list[EntityGroup]:
    """Group ``mentions`` of ``text`` by entity; most salient first.

    ``title_end`` is the end offset of the title: mentions starting before
    it count as appearing in the title.
    """
    ordered = sorted(mentions, key=lambda m: m.start)
    groups: dict[str, _Group] = {}

    def get(key: str) -> _Group:
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(key)
        return g

    singles: list[tuple[Mention, str]] = []
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
        if m.label == "PERSON":
            key = strip_titles(key)
            if " " not in key:
                singles.append((m, key))
                continue
            g = get(key)
            g.mentions.append(m)
            g.full_starts.append(m.start)
            continue
        get(key).mentions.append(m)

    persons = _merge_full_names(groups)
    _attach_singles(singles, persons, get)
    _merge_acronyms(groups)
    _merge_storm_names(groups)
    result = [_finish(g, text, title_end) for g in groups.values() if g.mentions]
    result.sort(key=lambda e: (-e.salience, e.mentions[0].start))
    return result


def _merge_full_names(groups: dict[str, _Group]) -> list[_Group]:
    """Fold shorter full names into the longer one they abbreviate; the person groups left."""
    persons = [g for g in groups.values() if g.full_starts]
    persons.sort(key=lambda g: (-len(g.key.split()), g.full_starts[0]))
    by_ends: dict[tuple[str, str], list[_Group]] = {}
    kept: list[_Group] = []
    for g in persons:
        tokens = g.key.split()
        ends = person_ends(tokens)
        hosts = [
            h
            for h in by_ends.get(ends, ())
            if len(h.key.split()) > len(tokens) and _is_subsequence(tokens, h.key.split())
        ]
        if hosts:
            # several longer forms ("Robert Gabriel Mugabe", "Robert G. Mugabe"): the
            # most mentioned takes it
            host = max(hosts, key=lambda h: (len(h.full_starts), -h.full_starts[0]))
            host.mentions.extend(g.mentions)
            host.full_starts = sorted(host.full_starts + g.full_starts)
            del groups[g.key]
            continue
        by_ends.setdefault(ends, []).append(g)
        kept.append(g)
    return kept


def _attach_singles(
    singles: list[tuple[Mention, str]],
    persons: list[_Group],
    get: Callable[[str], _Group],
) -> None:
    """Each one-word person mention joins the full name it belongs to, or its own group."""
    last: dict[str, list[_Group]] = {}
    first: dict[str, list[_Group]] = {}
    other: dict[str, list[_Group]] = {}
    for g in persons:
        forms = {strip_titles(normalise(m.text)) for m in g.mentions}
        for form in forms:
            tokens = form.split()
            if len(tokens) < 2:
                continue
            f, s = person_ends(tokens)
            _add(last, s, g)
            _add(first, f, g)
            for t in tokens[1:-1]:
                if t not in PARTICLES and len(t) > 1:
                    _add(other, t, g)
    for m, word in singles:
        candidates = last.get(word) or first.get(word) or other.get(word)
        host = _choose(candidates, m.start) if candidates else None
        if host is not None:
            host.mentions.append(m)
        else:
            get(word).mentions.append(m)


def _add(index: dict[str, list[_Group]], word: str, g: _Group) -> None:
    found = index.setdefault(word, [])
    if g not in found:
        found.append(g)


def _choose(candidates: list[_Group], pos: int) -> _Group | None:
    """The full-name group a one-word mention at ``pos`` refers to."""
    if len(candidates) == 1:
        return candidates[0]
    best: _Group | None = None
    best_pos = -1
    for g in candidates:
        i = bisect_left(g.full_starts, pos)
        if i and g.full_starts[i - 1] > best_pos:
            best, best_pos = g, g.full_starts[i - 1]
    if best is not None and pos - best_pos <= NEAR:
        return best
    return max(candidates, key=lambda g: (len(g.full_starts), -g.full_starts[0]))


def _merge_acronyms(groups: dict[str, _Group]) -> None:
    """Fold an acronym group into the one group whose initials it spells."""
    by_initials: dict[str, list[_Group]] = {}
    for g in groups.values():
        if " " in g.key and ":" not in g.key:
            by_initials.setdefault(_initials(g.key), []).append(g)
    for key, g in list(groups.items()):
        if " " in key or ":" in key or len(key) < 2:
            continue
        hosts = by_initials.get(key)
        if not hosts or len(hosts) != 1:
            continue
        if not all(m.text.isupper() for m in g.mentions):
            continue
        hosts[0].mentions.extend(g.mentions)
        del groups[key]


def _merge_storm_names(groups: dict[str, _Group]) -> None:
    """Fold a storm's name alone ("Dorian") into the storm ("Hurricane Dorian")."""
    for key, g in list(groups.items()):
        tokens = key.split()
        if len(tokens) < 2 or tokens[0] not in STORM_WORDS:
            continue
        alone = groups.get(tokens[-1])
        if alone is not None and alone is not g:
            g.mentions.extend(alone.mentions)
            del groups[tokens[-1]]


def _finish(g: _Group, text: str, title_end: int) -> EntityGroup:
    mentions = g.mentions
    if len(mentions) > 1:
        mentions.sort(key=lambda m: m.start)
        label = _label(mentions)
        name = g.canonical or _canonical_name(mentions)
    else:
        label = mentions[0].label
        name = g.canonical or display_name(mentions[0].text)
    first = mentions[0].start
    in_title = first < title_end
    position = 1.0 - first / max(len(text), 1)
    salience = (len(mentions) + (3.0 if in_title else 0.0) + 1.5 * position) * _WEIGHT.get(
        label, 1.0
    )
    return EntityGroup(name=name, label=label, mentions=mentions, salience=round(salience, 4))


def _label(mentions: list[Mention]) -> str:
    """The most frequent label; a tie goes to the label of the longest mention."""
    counts = Counter(m.label for m in mentions).most_common()
    top = [lab for lab, n in counts if n == counts[0][1]]
    if len(top) == 1:
        return top[0]
    longest = max((m for m in mentions if m.label in top), key=lambda m: len(m.text.split()))
    return longest.label


def _canonical_name(mentions: list[Mention]) -> str:
    """The fullest form (most words), the most frequent of those; mixed case before capitals."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for i, m in enumerate(mentions):
        form = display_name(m.text)
        counts[form] += 1
        first_seen.setdefault(form, i)
    ranked = sorted(
        counts.items(),
        key=lambda kv: (-len(kv[0].split()), kv[0].isupper(), -kv[1], first_seen[kv[0]]),
    )
    return ranked[0][0]
