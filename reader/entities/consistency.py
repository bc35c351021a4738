"""Document-level consistency for tagged token spans.

Within one article a name keeps its type: a span tagged the same way most
of the time gets that label everywhere, an untagged repetition of a tagged
name is tagged, and a single word of a full personal name seen earlier
("Putin" after "Vladimir Putin") is a person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import compress

from reader.entities.crf import Span
from reader.entities.gazetteer import Gazetteers

_MAX_KEY = 6
_BREAKERS = frozenset(
    {"and", "or", "|", ",", ";", "(", ")", "[", "]", '"', "\u201c", "\u201d", "/", ":"}
)
_TRAILING = frozenset({"'s", "\u2019s", "\u2018s", "'", "\u2019", ".", "-", "--"})


_ORG_SUFFIX = frozenset(
    [
        "inc",
        "inc.",
        "corp",
        "corp.",
        "co",
        "co.",
        "ltd",
        "ltd.",
        "plc",
        "llc",
        "ag",
        "sa",
        "nv",
        "gmbh",
        "bhd",
        "pty",
    ]
)


def attach_org_suffixes(
    ws: Sequence[str], sp: list[Span], lowered: Sequence[str] | None = None
) -> list[Span]:
    """A company suffix ("Corp.", "Inc.", "Ltd") makes the name before it an ORG.

    The suffix joins the span before it ("Microsoft" + "Corp."); an
    untagged capitalised run before a suffix becomes an ORG too.
    """
    n = len(ws)
    if lowered is None:
        lowered = [w.lower() for w in ws]
    if _ORG_SUFFIX.isdisjoint(lowered):
        return sp
    suffix_at = [k for k in range(1, n) if lowered[k] in _ORG_SUFFIX and ws[k][:1].isupper()]
    if not suffix_at:
        return sp
    by_end = {e: idx for idx, (_, e, _) in enumerate(sp)}
    covered = {k for s, e, _ in sp for k in range(s, e)}
    out = list(sp)
    for k in suffix_at:
        if k in covered:
            s, e, _ = next(x for x in out if x[0] <= k < x[1])
            out = [(a, b, "ORG") if (a, b) == (s, e) else (a, b, lab) for a, b, lab in out]
            continue
        idx = by_end.get(k)
        if idx is not None:
            s, _, _ = out[idx]
            out[idx] = (s, k + 1, "ORG")
            continue
        j = k
        while j > 0 and ws[j - 1][:1].isupper() and (j - 1) not in covered:
            j -= 1
        if j < k:
            out.append((j, k + 1, "ORG"))
    return sorted(out)


_COMPOUND = re.compile(
    r"^(?:[A-Z][\w.]*[a-z.](?:-[A-Z]\w*)*-(?:based|backed|born|controlled|registered|led|owned|"
    r"made|listed|bound|run|held|speaking|style|funded|allied|brokered|sponsored|linked|"
    r"dominated|occupied|annexed|supported|educated|trained|inspired|flagged|built)"
    r"|(?:ex|pro|anti|non|post|pre)-[A-Z]\w+)$"
)


def tag_compounds(ws: Sequence[str], sp: list[Span]) -> list[Span]:
    """Name-based compounds ("Moscow-backed", "ex-England") are MISC."""
    if "-" not in "".join(ws):
        return sp  # every compound has a hyphen
    hyphened = [k for k, w in enumerate(ws) if "-" in w and _COMPOUND.match(w)]
    if not hyphened:
        return sp
    covered = {k for s, e, _ in sp for k in range(s, e)}
    extra = [(k, k + 1, "MISC") for k in hyphened if k not in covered]
    if not extra:
        return sp
    out = [x for x in sp if not (x[1] - x[0] == 1 and _COMPOUND.match(ws[x[0]]))]
    return sorted(out + extra)


_POSSESSIVES = frozenset(["'s", "\u2019s", "'S", "\u2019S"])


def join_possessives(ws: Sequence[str], sp: list[Span]) -> list[Span]:
    """A name the tagger carried through a possessive and then restarted with the same
    label is one name ("Supreme People's Assembly": B I I B becomes one span)."""
    if len(sp) < 2 or _POSSESSIVES.isdisjoint(ws):
        return sp
    out = [sp[0]]
    for s, e, lab in sp[1:]:
        ps, pe, plab = out[-1]
        if pe == s and plab == lab and pe - ps > 1 and ws[pe - 1] in _POSSESSIVES:
            out[-1] = (ps, e, lab)
        else:
            out.append((s, e, lab))
    return out


def listed_misc(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str]
) -> list[Span]:
    """An untagged name that the word lists know only as MISC (a disease, an event, an
    agreement: "Ebola", "Brexit", "Paris Agreement") is MISC. A sentence's first word
    that is also a common word ("Lent", "Windows") is left alone."""
    if gaz.misc_starts.isdisjoint(lowered):
        return sp
    added: list[Span] = []
    taken: set[int] | None = None
    for s, e, secs in gaz.match(ws, lowered):
        if secs != _MISC_ONLY or (s == 0 and e == 1 and lowered[0] in gaz.lower):
            continue
        if taken is None:
            taken = {k for a, b, _ in sp for k in range(a, b)}
        if taken.isdisjoint(range(s, e)):
            added.append((s, e, "MISC"))
    return sorted(sp + added) if added else sp


_MISC_ONLY = ("misc",)


def clean_spans(
    ws: Sequence[str],
    sp: list[Span],
    known: Mapping[str, object],
    lex: frozenset[str],
    lowered: Sequence[str] | None = None,
) -> list[Span]:
    """Split spans at words that join two names ("Russia and N.Korea"),
    drop a leading "the" and trailing possessives or punctuation.

    Trailing common lower-case words are dropped too ("Ukraine fears").
    A span that is a known phrase as a whole ("Trinidad and Tobago") is kept.
    ``lowered``: the words lower-cased, when the caller has them.
    """
    lws = lowered if lowered is not None else [w.lower() for w in ws]
    out: list[Span] = []
    for s, e, lab in sp:
        if e - s > 1 and " ".join(lws[s:e]) in known:
            out.append((s, e, lab))
            continue
        start = s
        for k in range(s, e + 1):
            if k == e or lws[k] in _BREAKERS:
                a, b = start, k
                while a < b and lws[a] in ("the", "'", "\u2018", "\u2019"):
                    a += 1
                while b > a and (
                    lws[b - 1] in _TRAILING
                    or (ws[b - 1][:1].islower() and ws[b - 1] in lex and b - 1 > a)
                ):
                    b -= 1
                if b > a and any(w[:1].isalnum() for w in ws[a:b]):
                    out.append((a, b, lab))
                start = k + 1
    return out


def harmonise(
    sents: Sequence[Sequence[str]],
    spans: list[list[Span]],
    lex: frozenset[str],
    lowered: Sequence[Sequence[str]] | None = None,
) -> list[list[Span]]:
    """Return new span lists made consistent across the document.

    ``sents`` are the (true-cased) word forms of each sentence, ``spans``
    the token spans tagged in each, ``lex`` the common lower-case words;
    ``lowered`` the lower-cased words, when the caller has them.
    """
    if lowered is None:
        lowered = [[w.lower() for w in ws] for ws in sents]
    # votes per name: label -> count (plain dictionaries: a Counter for each of
    # thousands of names costs more than the counting)
    votes: dict[tuple[str, ...], dict[str, int]] = {}
    person_parts: set[str] = set()
    for ws, lws, sp in zip(sents, lowered, spans, strict=True):
        for s, e, lab in sp:
            key = tuple(lws[s:e])
            counts = votes.get(key)
            if counts is None:
                votes[key] = {lab: 1}
            else:
                counts[lab] = counts.get(lab, 0) + 1
            if lab == "PER" and e - s >= 2:
                for w in ws[s:e]:
                    lw = w.lower()
                    if w[:1].isupper() and lw not in lex and len(w) > 1:
                        person_parts.add(lw)
    if not votes:
        return spans
    majority: dict[tuple[str, ...], str] = {}
    for key, counts in votes.items():
        if len(counts) == 1:
            (majority[key],) = counts  # one label: it wins
            continue
        # the most frequent label, with at least 60% of the votes (so never a tie)
        lab = max(counts, key=counts.__getitem__)
        if counts[lab] / sum(counts.values()) >= 0.6:
            majority[key] = lab
    for part in person_parts:
        if (part,) not in majority or majority[(part,)] != "PER":
            c = votes.get((part,))
            if c is None or c.get("PER", 0) * 2 >= sum(c.values()) - c.get("PER", 0):
                majority[(part,)] = "PER"
    firsts = {key[0] for key in majority}
    out: list[list[Span]] = []
    for ws, lws, sp in zip(sents, lowered, spans, strict=True):
        fixed = [(s, e, majority.get(tuple(lws[s:e]), lab)) for s, e, lab in sp] if sp else sp
        out.append(_fill_gaps(ws, lws, fixed, majority, lex, firsts))
    return out


def _fill_gaps(
    ws: Sequence[str],
    lowered: Sequence[str],
    sp: list[Span],
    majority: dict[tuple[str, ...], str],
    lex: frozenset[str],
    firsts: set[str] | None = None,
) -> list[Span]:
    """Tag untagged capitalised runs that repeat a known name.

    ``firsts``: the first words of ``majority``'s keys (a run can only repeat a
    name where one of them stands).
    """
    n = len(ws)
    if firsts is None:
        firsts = {key[0] for key in majority}
    starts = [
        k for k in compress(range(n), map(firsts.__contains__, lowered)) if ws[k][:1].isupper()
    ]
    if not starts:
        return sp
    covered = [False] * n
    for s, e, _ in sp:
        for k in range(s, e):
            covered[k] = True
    added: list[Span] = []
    i = 0
    for i0 in starts:
        if i0 < i or covered[i0]:
            continue  # inside a name found just before, or tagged already
        i = i0
        j = i
        while j < n and not covered[j] and ws[j][:1].isupper() and j - i < _MAX_KEY:
            j += 1
        for end in range(j, i, -1):
            key = tuple(lowered[i:end])
            lab = majority.get(key)
            if lab is None:
                continue
            if end - i == 1 and (lowered[i] in lex and (i == 0 or ws[i].isupper())):
                continue
            added.append((i, end, lab))
            i = end
            break
    if not added:
        return sp
    return sorted(sp + added)


def _cap(w: str) -> bool:
    return w[:1].isupper()
