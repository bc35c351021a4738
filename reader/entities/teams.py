"""Sports teams named after places are organisations.

In sports reports "Leicestershire beat Somerset" or "Chicago 5 Houston 3"
name clubs, not places (the CoNLL convention: teams are ORG). A tagger
trained on general news sees a place name; this rule relabels a PLACE span
as ORG when the document reads as a sports report and the span stands where
a team stands: next to a result verb, "v"/"vs", or a score. Country names
are left alone (national sides keep their place label).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain

from reader.entities.crf import Span

_CUES = frozenset(
    [
        "match",
        "matches",
        "innings",
        "wickets",
        "wicket",
        "goal",
        "goals",
        "scored",
        "score",
        "league",
        "cup",
        "season",
        "standings",
        "division",
        "inning",
        "innings",
        "runs",
        "halftime",
        "half-time",
        "quarter-final",
        "semi-final",
        "soccer",
        "football",
        "cricket",
        "rugby",
        "baseball",
        "basketball",
        "hockey",
        "tennis",
        "golf",
        "tournament",
        "championship",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "batsman",
        "bowler",
        "pitcher",
        "coach",
        "fixture",
        "fixtures",
        "draw",
        "drew",
        "beat",
        "defeated",
        "win",
        "won",
        "lost",
        "points",
        "played",
    ]
)
_AFTER = frozenset(
    [
        "beat",
        "beats",
        "defeated",
        "drew",
        "draw",
        "lost",
        "won",
        "thrashed",
        "edged",
        "routed",
        "crushed",
        "overcame",
        "trounced",
        "hammered",
        "held",
        "v",
        "v.",
        "vs",
        "vs.",
        "versus",
    ]
)
_BEFORE = frozenset(
    [
        "beat",
        "beats",
        "defeated",
        "against",
        "v",
        "v.",
        "vs",
        "vs.",
        "versus",
        "over",
        "host",
        "hosts",
    ]
)
_NUMBER = re.compile(r"^\d+(?:[.-]\d+)?$")


def is_sports_document(
    words: Sequence[Sequence[str]], lowered: Sequence[Sequence[str]] | None = None
) -> bool:
    """Whether a document reads as a sports report (cue words and scores).

    ``lowered``: the words lower-cased, when the caller has them.
    """
    if lowered is None:
        lowered = [[w.lower() for w in ws] for ws in words]
    cues = sum(map(_CUES.__contains__, chain.from_iterable(lowered)))
    if cues >= 4 or cues < 2:
        return cues >= 4
    scores = sum(
        1
        for w in chain.from_iterable(words)
        if "-" in w and len(w) <= 5 and _NUMBER.match(w) and w.lower() not in _CUES
    )
    return scores >= 2


def retag_teams(
    words: Sequence[Sequence[str]],
    spans: list[list[Span]],
    countries: frozenset[str] | set[str],
    *,
    sports: bool | None = None,
) -> list[list[Span]]:
    """Relabel LOC spans standing for teams as ORG (sports documents only).

    ``sports``: :func:`is_sports_document` of ``words``, when the caller knows it.
    """
    if not (is_sports_document(words) if sports is None else sports):
        return spans
    out: list[list[Span]] = []
    teams: set[str] = set()
    for ws, sp in zip(words, spans, strict=True):
        lowered = [w.lower() for w in ws]
        table = _table_row(ws, lowered, countries)
        if table is not None:
            out.append(table)
            teams.update(" ".join(lowered[s:e]) for s, e, lab in table if lab == "ORG")
            continue
        new: list[Span] = []
        for s, e, lab in sp:
            name = " ".join(lowered[s:e])
            if lab == "LOC" and not _is_nation(name, countries) and _team_slot(ws, lowered, s, e):
                lab = "ORG"
                teams.add(name)
            elif lab == "ORG" and _is_nation(name, countries):
                lab = "LOC"  # a national side keeps its country's label
            new.append((s, e, lab))
        out.append(new)
    if not teams:
        return out
    # a place seen as a team in this report is the team elsewhere too, except as a
    # place ("in Chicago", "at Leicester")
    final: list[list[Span]] = []
    for ws, sp in zip(words, out, strict=True):
        new = []
        for s, e, lab in sp:
            if (
                lab == "LOC"
                and (s == 0 or ws[s - 1].lower() not in _PLACE_PREPS)
                and " ".join(w.lower() for w in ws[s:e]) in teams
            ):
                lab = "ORG"
            new.append((s, e, lab))
        final.append(new)
    return final


_PLACE_PREPS = frozenset({"in", "at", "from", "near", "to", "of", "outside", "across", "around"})


_DATE_CELL = re.compile(r"^\d{4}-\d\d-\d\d$|^\d{1,2}/\d{1,2}/\d{2,4}$")
_NATIONS = frozenset(
    {
        "england",
        "scotland",
        "wales",
        "northern ireland",
        "republic of ireland",
        "ireland",
        "u.s.",
        "us",
        "usa",
        "u.s.a.",
        "britain",
        "great britain",
        "holland",
    }
)
_CELL = re.compile(r"^[-+]?(?:\d+(?:[.,:/-]\d+)*|\.\d+)$")


def _table_row(
    ws: Sequence[str], lowered: Sequence[str], countries: frozenset[str] | set[str]
) -> list[Span] | None:
    """Spans for a results or standings row ("Sale 31 Wasps 33",
    "Partizan 4 3 1 0 13 3 10"), or None when the line is not one.

    A row is one or two runs of capitalised words, each followed by numbers,
    and nothing else but brackets and dashes.
    """
    runs: list[tuple[int, int]] = []
    i, n = 0, len(ws)
    numbers = 0
    while i < n:
        w = ws[i]
        if _DATE_CELL.match(w):
            return None  # a dateline ("SEOUL 1996-08-30"), not a table row
        if _CELL.match(w):
            numbers += 1
            i += 1
            continue
        if w in ("(", ")", "-", ",", ".", ":"):
            i += 1
            continue
        if not w[:1].isupper():
            return None
        j = i
        while j < n and ws[j][:1].isupper() and not _CELL.match(ws[j]):
            j += 1
        if j == n or not _CELL.match(ws[j]):
            return None
        runs.append((i, j))
        i = j
    if not runs or len(runs) > 2 or numbers < len(runs):
        return None
    return [
        (a, b, "LOC" if _is_nation(" ".join(lowered[a:b]), countries) else "ORG") for a, b in runs
    ]


def _is_nation(name: str, countries: frozenset[str] | set[str]) -> bool:
    """National sides keep their place label (CoNLL convention)."""
    return name in countries or name in _NATIONS


def _team_slot(ws: Sequence[str], lowered: Sequence[str], s: int, e: int) -> bool:
    nxt = lowered[e] if e < len(ws) else ""
    prev = lowered[s - 1] if s > 0 else ""
    if nxt in _AFTER or prev in _BEFORE:
        return True
    if prev == "with" and s > 1 and lowered[s - 2] in ("drew", "draw", "draws"):
        return True
    if prev == "to" and s > 1 and lowered[s - 2] in ("lost", "lose", "loses", "losing"):
        return True
    # "Chicago 5 Houston 3", "Leicestershire 22 points", standings rows
    return bool(nxt and _NUMBER.match(nxt))
