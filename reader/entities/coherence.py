"""One name, one label: document-level consistency over mentions.

Runs on the mentions of one article (from any backend, after the person's
corrections), so that every variant of a name carries the same label:

- a surname, first name or shorter form of a person's full name mentioned in
  the article ("Kosgei", "Robert Mugabe" next to "Robert Gabriel Mugabe")
  is a PERSON, before or after the full name, with titles ignored ("Cde
  Mugabe"); unless the word is itself a known place, organisation or
  nationality with the label it was given (strong evidence: "Jordan" the
  country next to "Michael Jordan");
- a storm's name alone ("Dorian") takes the label of the storm ("Hurricane
  Dorian");
- a "person" whose first word is, alone, mostly an organisation of the
  article is that organisation's ("Tesco Polska" beside "Tesco");
- an acronym takes the label of the name whose initials it spells;
- otherwise a name gets the label it is given most often everywhere (a tie
  goes to the word lists, then to its first mention);
- labels in ``fixed`` (name key -> label, from the person's corrections) win
  over all of that and spread to the name's variants.

Linear in the number of mentions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter

from reader.entities.grouping import person_ends
from reader.entities.names import STORM_WORDS, name_key
from reader.entities.types import Mention

NAMED = frozenset({"PERSON", "ORG", "PLACE", "MISC"})
_SECTION_LABEL = {
    "country": "PLACE",
    "place": "PLACE",
    "org": "ORG",
    "demonym": "MISC",
    "misc": "MISC",
}
_PLACE_OR_TEAM = frozenset({"PLACE", "ORG"})
_STOP = frozenset({"of", "the", "and", "for", "de", "la", "&"})


def _known_labels(key: str) -> frozenset[str]:
    """Labels the shipped word lists give ``key`` (empty when none)."""
    from reader.entities import gazetteer

    sections = gazetteer.load().phrases.get(key)
    if not sections:
        return frozenset()
    return frozenset(_SECTION_LABEL[s] for s in sections if s in _SECTION_LABEL)


def harmonise_mentions(
    mentions: Sequence[Mention],
    fixed: Mapping[str, str] | None = None,
    *,
    known: bool = True,
) -> list[Mention]:
    """The same mentions, relabelled so that one name has one label in the article.

    ``fixed`` maps name keys (see ``names.name_key``) to labels that must win.
    ``known``: consult the shipped word lists for strong evidence.
    """
    fixed = fixed or {}
    full: dict[tuple[str, str], list[list[str]]] = {}  # (first, last) -> full person names
    parts: dict[str, int] = {}  # first names and surnames of full person names
    person_fixed: set[str] = set()
    initials: dict[str, dict[str, int]] = {}  # label counts (see _ranked)
    storms: dict[str, str] = {}  # "dorian" -> the label of "Hurricane Dorian"
    fixed_single = {k: lab for k, lab in fixed.items() if " " not in k}
    for k, lab in fixed.items():
        if lab == "PERSON" and " " in k:
            for part in person_ends(k.split()):
                if len(part) > 1:
                    parts[part] = parts.get(part, 0) + 1
    keys = [name_key(m.text) if m.label in NAMED else "" for m in mentions]
    votes: dict[str, dict[str, int]] = {}  # name key -> label counts (see _ranked)
    first_label: dict[str, str] = {}
    for m, key in zip(mentions, keys, strict=True):
        if key:
            counts = votes.get(key)
            if counts is None:
                votes[key] = {m.label: 1}
                first_label[key] = m.label
            else:
                counts[m.label] = counts.get(m.label, 0) + 1
    # one-word names that are, most often, organisations in the article
    companies = {k for k, c in votes.items() if " " not in k and _ranked(c)[0][0] == "ORG"}
    company_named: set[str] = set()  # "tesco polska", where "Tesco" is the company
    for m, key in zip(mentions, keys, strict=True):
        if not key:
            continue
        label = fixed.get(key, m.label)
        tokens = key.split()
        if (
            label == "PERSON"
            and len(tokens) >= 2
            and tokens[0] in companies
            and key not in fixed
            and known
            and not _reads_as_a_person(tokens)
        ):
            company_named.add(key)
            label = "ORG"
        if len(tokens) >= 2:
            if tokens[0] in STORM_WORDS and label != "PERSON":
                storms.setdefault(tokens[-1], label)
            if label == "PERSON":
                ends = person_ends(tokens)
                names = full.setdefault(ends, [])
                if tokens not in names and len(names) < 8:
                    names.append(tokens)
                for part in ends:
                    if len(part) > 1:
                        parts[part] = parts.get(part, 0) + 1
                if key in fixed:
                    person_fixed.add(key)
            letters = "".join(t[0] for t in tokens if t not in _STOP)
            if len(letters) >= 2:
                counts = initials.get(letters)
                if counts is None:
                    initials[letters] = {label: 1}
                else:
                    counts[label] = counts.get(label, 0) + 1

    def decide(key: str, label: str, text: str) -> str:
        if key in fixed:
            return fixed[key]
        tokens = key.split()
        if len(tokens) == 1:
            if key in storms:
                return storms[key]
            if key in parts and label != "PERSON" and not (known and label in _known_labels(key)):
                return "PERSON"
            if text.isupper() and len(key) >= 2 and key in initials:
                (top, n), *rest = _ranked(initials[key])
                if not rest or n > rest[0][1]:
                    return top
        else:
            if key in company_named:
                return "ORG"
            if fixed_single:
                first, last = person_ends(tokens)
                if fixed_single.get(last) == "PERSON" and label != "PERSON" and len(tokens) <= 4:
                    return "PERSON"  # the surname was corrected to a person
                for part in (last, first):
                    lab = fixed_single.get(part)
                    if lab is not None and lab != "PERSON" and label == "PERSON":
                        return lab  # a person's name part was corrected to something else
            if label != "PERSON" and full and _sub_name(tokens, full):
                return "PERSON"
        counter = votes[key]
        if len(counter) > 1 and not (
            known and counter.keys() <= _PLACE_OR_TEAM and "PLACE" in _known_labels(key)
        ):  # a place can also name its team ("Chicago" the city, "Chicago" the club)
            ranked = _ranked(counter)
            top, n = ranked[0]
            tied = {lab for lab, c in ranked if c == n}
            if len(tied) == 1:
                return top
            lists = _known_labels(key) & tied if known else frozenset()
            if len(lists) == 1:
                return next(iter(lists))
            return first_label[key] if first_label[key] in tied else top
        return label

    # a name mostly recurs with the same label and case: decide each once
    decided: dict[tuple[str, str, bool], str] = {}
    out: list[Mention] = []
    for m, key in zip(mentions, keys, strict=True):
        if not key:
            out.append(m)
            continue
        case = (key, m.label, m.text.isupper())
        new = decided.get(case)
        if new is None:
            new = decided[case] = decide(key, m.label, m.text)
        out.append(m if new == m.label else Mention(new, m.start, m.end, m.text))
    return out


def _reads_as_a_person(tokens: list[str]) -> bool:
    """Whether the word lists know a word of the name as a given name or surname (or the
    first as a nationality: "Australian Anthony Hill")."""
    from reader.entities import gazetteer

    gaz = gazetteer.load()
    return any(t in gaz.given or t in gaz.surname for t in tokens) or tokens[0] in gaz.demonym


def _ranked(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Labels with their counts, most frequent first, ties in first-counted order
    (what ``Counter.most_common`` gives: plain dictionaries count faster)."""
    return sorted(counts.items(), key=itemgetter(1), reverse=True)


def _sub_name(tokens: list[str], full: Mapping[tuple[str, str], list[list[str]]]) -> bool:
    """Whether ``tokens`` abbreviate a longer full person name (same ends, a subsequence)."""
    for other in full.get(person_ends(tokens), ()):
        if len(other) > len(tokens):
            it = iter(other)
            if all(t in it for t in tokens):
                return True
    return False
