"""Sentence-level span rules for the common errors of a tagger trained on news.

Each rule takes a sentence's words and its token spans (CoNLL labels) and
returns new spans. They are general mechanisms, keyed to word classes
(titles, particles, organisation words, work nouns, months), never to names:

- ``titles``: honorifics and titles are not part of a name ("President
  [Mugabe]", "Secretary of State [Mike Pompeo]" even when tagged ORG);
  a span that is only a title is dropped;
- ``lowercase``: a span with no capital letter or digit is not a name
  ("healthcare");
- ``months``: a month (abbreviation) next to a day number is a date, not a
  name ("Jan. 20");
- ``particles``: a person's name goes on across particles ("Ursula von der
  Leyen", "Mohammed bin Salman", "Bashar al-Assad");
- ``joiners``: organisation names go on across "and", "of", "for", "on"
  when an organisation word closes or heads them ("Food and Drug
  Administration", "Bank of England");
- ``nation_prefix``: a nationality or country word followed by the rest of a
  name is one name ("Qatar Open", "Liberal Democrats");
- ``codes``: a code of letters and digits ("COVID-19", "H1N1") is MISC;
- ``works``: a name right after a work noun ("the film Parasite", "the
  novel “Beloved”") is MISC;
- ``known``: a one-word span that the shipped word lists know under one label
  only gets that label ("Toyota" ORG, "Brexit" MISC).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import chain, compress

from reader.entities.crf import Span
from reader.entities.gazetteer import JOINERS, Gazetteers
from reader.entities.names import HONORIFICS, PARTICLES, word_set

SpanRule = Callable[[Sequence[str], list[Span], Gazetteers, Sequence[str] | None], list[Span]]
"""A sentence rule: (words, spans, word lists, the words lower-cased or None) -> spans."""

_MONTHS = word_set(
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. "
    "oct oct. nov nov. dec dec. january february march april may june july august september "
    "october november december"
)
_DAY = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?,?$")
_CODE = re.compile(r"^(?=(?:[^A-Za-z]*[A-Za-z]){2})(?=.*\d)[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+$")
"""A code: a letter first, two letters and a digit somewhere, parts joined by hyphens
("COVID-19", "SARS-CoV-2", "K2-18b"; not "F-16" or "U-21")."""
_HYPHEN_NAME = re.compile(r"^(?:al|el|ad|as|ash|at|bin|ben|abu|ibn|bint)-[A-Z]")
_WORK_NOUNS = word_set(
    "film movie book novel album song series sitcom show documentary musical opera memoir "
    "poem painting"
)
_WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
_OPEN_QUOTES = frozenset(['"', "\u201c", "\u2018", "'"])
_CLOSE_QUOTES = frozenset(['"', "\u201d", "\u2019", "'"])
_SECTION_LABEL = {"country": "LOC", "place": "LOC", "org": "ORG", "misc": "MISC"}
_JOIN_AFTER_ORGWORD = frozenset({"of", "for", "on"})
_JOINER_WORDS = frozenset({"and", "&", "of", "for", "on"})
_STOP_EXTEND = frozenset({"the", "a", "an"})


def _cap(w: str) -> bool:
    return w[:1].isupper()


def _lower(ws: Sequence[str], lowered: Sequence[str] | None) -> Sequence[str]:
    """The words lower-cased: ``lowered`` when the caller has them (the extractor
    has them for every sentence, and lower-casing words again in every rule costs)."""
    return lowered if lowered is not None else [w.lower() for w in ws]


def _covered(n: int, sp: Sequence[Span]) -> list[int]:
    """Per token: the index of the span covering it, or -1."""
    owner = [-1] * n
    for idx, (s, e, _) in enumerate(sp):
        for k in range(s, e):
            owner[k] = idx
    return owner


def titles(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """Strip leading titles from names; a title followed by a personal name is a PERSON;
    a style after "his" or "her" ("Her Majesty") is not a name."""
    lws = _lower(ws, lowered)
    out: list[Span] = []
    for s, e, lab in sp:
        if s > 0 and lws[s] in _STYLES and lws[s - 1] in _POSSESSORS:
            continue  # "Her Majesty", "His Excellency": a way of addressing, not a name
        k = s
        while k < e and _is_title(lws[k]):
            k += 1
            if k < e - 1 and lws[k] == "of":
                k += 2  # "Secretary of State"
        if k >= e:
            if lab == "PER" or all(_is_title(lws[j]) for j in range(s, e)):
                continue  # only a title
            out.append((s, e, lab))
            continue
        if k > s and (lab == "PER" or (lab == "ORG" and _person_like(ws, lws, k, e, gaz))):
            out.append((k, e, "PER"))
        else:
            out.append((s, e, lab))
    return out


_STYLES = word_set("majesty majesties highness excellency holiness eminence grace honour honor")
_POSSESSORS = word_set("his her your their its")


def _is_title(lw: str) -> bool:
    """Whether a lower-cased word is a title ("mr", "dr.", "president")."""
    w = lw.rstrip(".")
    return w in HONORIFICS and w not in ("first", "late", "former", "acting", "leader")


def _person_like(ws: Sequence[str], lws: Sequence[str], s: int, e: int, gaz: Gazetteers) -> bool:
    """Whether ws[s:e] reads as a personal name (a given name, then capitalised words)."""
    return (
        e - s in (2, 3)
        and lws[s] in gaz.given
        and all(_cap(w) for w in ws[s:e])
        and lws[e - 1] not in gaz.orgword
    )


_DATE_TOKEN = re.compile(r"^\d{4}-\d\d-\d\d$|^\d{1,2}/\d{1,2}/\d{2,4}$")
_ROLE_NOUNS = word_set(
    "administration campaign presidency cabinet government era regime family camp team aides allies"
)


def dateline(ws: Sequence[str], sp: list[Span], gaz: Gazetteers) -> list[Span]:
    """A line opening with a place in capitals and a date or an agency is a dateline:
    "BELGRADE 1996-08-31", "NEW YORK (Reuters) -": the place is a PLACE."""
    n = len(ws)
    j = 0
    while j < n and j < 4 and ws[j].isupper() and ws[j].isalpha() and len(ws[j]) > 1:
        j += 1
    if j == 0 or j >= n:
        return sp
    nxt = ws[j]
    if not (_DATE_TOKEN.match(nxt) or nxt in ("(", "-", "--", "\u2013", "\u2014")):
        return sp
    if not _DATE_TOKEN.match(nxt) and " ".join(w.lower() for w in ws[:j]) not in gaz.phrases:
        return sp  # "SOCCER - JAPAN WIN": only a known place opens a dateline without a date
    return [(0, j, "LOC")] + [x for x in sp if x[0] >= j]


def title_of(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """The rest of a title ("Secretary of [State] Mike Pompeo") is not a name."""
    lws = _lower(ws, lowered)
    if "of" not in lws:
        return sp
    owner: list[int] | None = None  # made only for the rare span after "<title> of"
    out: list[Span] = []
    for s, e, lab in sp:
        if (
            s >= 2
            and e - s == 1
            and lab != "PER"
            and lws[s - 1] == "of"
            and _is_title(lws[s - 2])
            and e < len(ws)
        ):
            owner = owner or _covered(len(ws), sp)
            if owner[e] >= 0 and sp[owner[e]][2] == "PER":
                continue
        out.append((s, e, lab))
    return out


def role_nouns(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """A surname before "administration", "campaign"... is a person ("the Trump administration")."""
    if _ROLE_NOUNS.isdisjoint(ws):
        return sp
    lws = _lower(ws, lowered)
    n = len(ws)
    out: list[Span] = []
    for s, e, lab in sp:
        if (
            lab == "ORG"
            and e - s == 1
            and e < n
            and ws[e] in _ROLE_NOUNS
            and lws[s] in gaz.surname
            and lws[s] not in gaz.phrases
        ):
            lab = "PER"
        out.append((s, e, lab))
    return out


def lowercase(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """Drop spans without any capital letter or digit; split spans at common lower-case
    words inside them ("World Cup soccer European" -> "World Cup", "European"); a name
    does not start with a lower-case word ("prorogue Parliament" -> "Parliament"),
    particles aside ("de Gaulle")."""
    lex = gaz.lower
    out: list[Span] = []
    for s, e, lab in sp:
        if e - s > 2 and all(len(w) <= 3 and w.isupper() for w in ws[s:e]):
            continue  # a table header ("W L PCT GB"), not a name
        joined = "".join(ws[s:e])
        if not (
            any(map(str.isupper, joined))
            or any(map(str.isdigit, joined))
            or (e - s == 1 and _HYPHEN_NAME.match(ws[s]) is not None)
        ):
            continue
        start = s
        for k in range(s, e + 1):
            if k == e or (
                (ws[k] in lex or (k == s and ws[k].isalpha() and ws[k].islower()))
                and ws[k][:1].islower()
                and ws[k] not in PARTICLES
                and ws[k] not in JOINERS
            ):
                if k > start and any(w[:1].isupper() or w[:1].isdigit() for w in ws[start:k]):
                    out.append((start, k, lab))
                start = k + 1
    return out


def months(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """Trim a month next to a day number off a span ("Jan. 20" is a date)."""
    lws = _lower(ws, lowered)
    if _MONTHS.isdisjoint(lws):
        return sp
    n = len(ws)
    out: list[Span] = []
    for s, e, lab in sp:
        while (
            s < e
            and lws[s] in _MONTHS
            and (
                (s + 1 < n and _DAY.match(ws[s + 1]))
                or (s + 2 < n and ws[s + 1] == "." and _DAY.match(ws[s + 2]))
                or (s > 0 and _DAY.match(ws[s - 1]))
            )
        ):
            s += 1
        while e > s and lws[e - 1] in _MONTHS and e < n and _DAY.match(ws[e]):
            e -= 1
        if e > s:
            out.append((s, e, lab))
    return out


def particles(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """Join a person's name across particles: "Ursula von der Leyen", "Bashar al-Assad"."""
    if not sp:
        return sp
    n = len(ws)
    owner: list[int] | None = None  # made for the few names that may go on
    out = list(sp)
    drop: set[int] = set()
    for idx, (s, e, lab) in enumerate(sp):
        if lab != "PER" or idx in drop:
            continue
        j = e
        while j < n and ws[j] in PARTICLES:
            j += 1
        if j < n and ((j > e and _cap(ws[j])) or (j == e and _HYPHEN_NAME.match(ws[j]))):
            owner = owner or _covered(n, sp)
            end = j + 1
            other = owner[j]
            if other >= 0:
                if sp[other][2] not in ("PER", "LOC", "ORG"):
                    continue
                end = sp[other][1]
                drop.add(other)
            else:
                while end < n and owner[end] < 0 and _cap(ws[end]) and end - e < 4:
                    end += 1
            out[idx] = (s, end, "PER")
    return sorted(x for i, x in enumerate(out) if i not in drop)


def joiners(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """Join organisation names across "and"/"of"/"for"/"on" ("Food and Drug Administration")."""
    n = len(ws)
    if n < 3:
        return sp
    lowered = _lower(ws, lowered)
    at = [
        k
        for k in compress(range(1, n - 1), map(_JOINER_WORDS.__contains__, lowered[1:-1]))
        if ws[k - 1][:1].isupper() and ws[k + 1][:1].isupper()
    ]
    if not at:
        return sp
    orgword = gaz.orgword
    owner = _covered(n, sp)
    out = list(sp)
    changed = False
    k = 1
    for j in at:
        if j < k:
            continue  # inside a name joined just before
        k = j
        joiner = lowered[k]
        if lowered[k + 1] in _MONTHS or lowered[k + 1] in _WEEKDAYS:
            k += 1
            continue  # "the Agency on February 18": a date, not the name's end
        left = _run(ws, owner, out, k - 1, -1)
        right = _run(ws, owner, out, k + 1, 1)
        if left is None or right is None:
            k += 1
            continue
        (ls, le, llab), (_, re_, rlab) = left, right
        if joiner in _JOIN_AFTER_ORGWORD:
            ok = _org_head(lowered[le - 1], orgword) and llab in ("ORG", "") and rlab != "PER"
            if ok and ls == 0 and le - ls == 1 and llab == "":
                ok = False  # a sentence-initial "Department of ..." word alone is too weak
        elif llab == "ORG" and any(w in ("of", "for") for w in ws[ls:le]) and rlab in ("ORG", ""):
            ok = True  # "Organisation for Security and Cooperation"
        else:
            ok = (
                lowered[re_ - 1] in orgword
                and rlab in ("ORG", "")
                and llab in ("ORG", "")
                and lowered[le - 1] not in orgword
                and bool(llab or rlab)
            )
        if ok:
            new = (ls, re_, "ORG")
            out = [x for x in out if x[1] <= ls or x[0] >= re_] + [new]
            out.sort()
            owner = _covered(n, out)
            changed = True
            k = re_
            continue
        k += 1
    return out if changed else sp


def _org_head(word: str, orgword: frozenset[str]) -> bool:
    """Whether ``word`` is an organisation word, or one's plural ("Centers for Disease
    Control", "Services for ...")."""
    w = word.lower()
    return w in orgword or (w[-1:] == "s" and w[:-1] in orgword)


def _run(
    ws: Sequence[str], owner: list[int], sp: list[Span], k: int, step: int
) -> tuple[int, int, str] | None:
    """The span at token ``k``, or the untagged capitalised run through it (label "")."""
    if owner[k] >= 0:
        s, e, lab = sp[owner[k]]
        if (step < 0 and e != k + 1) or (step > 0 and s != k):
            return None
        return s, e, lab
    j = k
    while 0 <= j + step < len(ws) and owner[j + step] < 0 and _cap(ws[j + step]):
        j += step
    s, e = (j, k + 1) if step < 0 else (k, j + 1)
    if e - s > 5:
        return None
    return s, e, ""


def nation_prefix(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """A nationality or country word heading a name is part of it ("Qatar Open")."""
    lws = _lower(ws, lowered)
    n = len(ws)
    owner = _covered(n, sp)
    out = list(sp)
    changed = False
    for idx, (s, e, lab) in enumerate(sp):
        if lab not in ("LOC", "MISC") or e >= n:
            continue
        words = " ".join(lws[s:e])
        if e - s >= 2 and _nation(lws[s], gaz):
            head = lws[e - 1]
            new = "MISC" if head in gaz.miscword else ("ORG" if head in gaz.orgword else lab)
            if new != lab:
                out[idx] = (s, e, new)
                changed = True
            elif e - s >= 3 and ws[s].endswith("s") and lws[s] in gaz.demonym:
                # "Ethiopians Dejene Debela": the people, then a person
                out[idx] = (s, s + 1, "MISC")
                out.append((s + 1, e, "PER"))
                changed = True
            continue
        if not _nation(words, gaz):
            continue
        j = e
        while j < n and owner[j] < 0 and _cap(ws[j]) and j - e < 3:
            j += 1
        if j == e:
            continue
        head = lws[j - 1]
        if head in gaz.miscword:
            new_lab = "MISC"
        elif head in gaz.orgword:
            new_lab = "ORG"
        else:
            continue
        out[idx] = (s, j, new_lab)
        changed = True
    return sorted(out) if changed else sp


def _nation(words: str, gaz: Gazetteers) -> bool:
    return words in gaz.demonym or words in gaz.sections.get("country", ())


def streets(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """A name that ends in a street word ("Karl Marx Avenue", "Downing Street") is a place."""
    return [
        (s, e, "LOC") if lab != "LOC" and e - s > 1 and ws[e - 1] in _STREET_WORDS else (s, e, lab)
        for s, e, lab in sp
    ]


_STREET_WORDS = frozenset(
    [
        "Avenue",
        "Street",
        "Road",
        "Boulevard",
        "Lane",
        "Square",
        "Highway",
        "Expressway",
        "Motorway",
        "Prospekt",
    ]
)
"""Capitalised, as the last word of a name: what a street's name ends with."""


def place_lists(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """The names listed after "the towns of", "the provinces of" and the like are places
    ("from the towns of Beni, Butembo, Mangina, and Katwa")."""
    lws = _lower(ws, lowered)
    if _PLACE_KINDS.isdisjoint(lws) or "of" not in lws:
        return sp
    starts = {s: i for i, (s, _, _) in enumerate(sp)}
    out = list(sp)
    n = len(ws)
    for k in range(n - 2):
        if lws[k] not in _PLACE_KINDS or lws[k + 1] != "of":
            continue
        j = k + 2
        while j in starts:
            i = starts[j]
            s, e, _ = out[i]
            out[i] = (s, e, "LOC")
            j = e
            if j < n and ws[j] == ",":
                j += 1
            if j < n and lws[j] in ("and", "or"):
                j += 1
    return out


_PLACE_KINDS = word_set(
    "town towns city cities village villages province provinces region regions district "
    "districts county counties island islands municipality municipalities"
)
"""Nouns whose "of" introduces places ("the towns of ...")."""


def codes(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """A code of letters and digits ("COVID-19", "SARS-CoV-2") is MISC, tagged or not."""
    if "-" not in "".join(ws):
        return sp  # every code has a hyphen
    out = [
        (s, e, "MISC") if e - s == 1 and lab != "MISC" and _CODE.match(ws[s]) else (s, e, lab)
        for s, e, lab in sp
    ]
    owner = None
    for k, w in enumerate(ws):
        if "-" in w and w[:2].isupper() and _CODE.match(w):
            owner = owner or _covered(len(ws), sp)
            if owner[k] < 0:
                out.append((k, k + 1, "MISC"))
    return sorted(out) if owner else out


def works(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """A title right after a work noun ("the film Parasite") is MISC, quotes and all inside."""
    n = len(ws)
    lowered = _lower(ws, lowered)
    if _WORK_NOUNS.isdisjoint(lowered):
        return sp
    out = list(sp)
    changed = False
    for k in compress(range(n - 1), map(_WORK_NOUNS.__contains__, lowered)):
        j = k + 1
        quoted = ws[j] in _OPEN_QUOTES
        if quoted:
            j += 1
        if j >= n or not _cap(ws[j]) or lowered[j] in _WEEKDAYS or lowered[j] in _MONTHS:
            continue
        if quoted:
            end = j
            while end < n and ws[end] not in _CLOSE_QUOTES and end - j < 12:
                end += 1
            if end >= n or ws[end] not in _CLOSE_QUOTES:
                continue
        else:
            end = j
            while end < n and (_cap(ws[end]) or (ws[end].isdigit() and end > j)) and end - j < 6:
                end += 1
        out = [x for x in out if x[1] <= j or x[0] >= end] + [(j, end, "MISC")]
        changed = True
    return sorted(out) if changed else sp


def known(
    ws: Sequence[str], sp: list[Span], gaz: Gazetteers, lowered: Sequence[str] | None = None
) -> list[Span]:
    """A one-word span the word lists know under exactly one label gets that label.

    A name on the (hand-written) list of organisations that is also a city
    ("Toyota", "Paramount") is the organisation, unless a preposition of place
    stands before it ("in Toyota", "near the Paramount").
    """
    lws = _lower(ws, lowered)
    phrases = gaz.phrases
    out: list[Span] = []
    for s, e, lab in sp:
        if e - s == 1:
            secs = phrases.get(lws[s])
            if secs:
                labs = {_SECTION_LABEL[x] for x in secs if x in _SECTION_LABEL}
                if len(labs) == 1:
                    (new,) = labs
                    if new != lab and not (lab == "PER" and new == "LOC"):
                        lab = new
                elif (
                    lab == "LOC"
                    and "org" in secs
                    and "place" in secs
                    and "country" not in secs
                    and not _after_place_preposition(lws, s)
                ):
                    lab = "ORG"
        out.append((s, e, lab))
    return out


_PLACE_PREPOSITIONS = word_set(
    "in into inside near outside around across through throughout towards toward via to"
)


def _after_place_preposition(lws: Sequence[str], s: int) -> bool:
    """Whether word ``s`` follows a preposition of place ("in", "near the"); ``lws``:
    the words lower-cased."""
    k = s - 1
    if k >= 0 and lws[k] == "the":
        k -= 1
    return k >= 0 and lws[k] in _PLACE_PREPOSITIONS


RULES: tuple[tuple[str, SpanRule], ...] = (
    ("lowercase", lowercase),
    ("title_of", title_of),
    ("role_nouns", role_nouns),
    ("months", months),
    ("titles", titles),
    ("particles", particles),
    ("joiners", joiners),
    ("nation_prefix", nation_prefix),
    ("streets", streets),
    ("place_lists", place_lists),
    ("codes", codes),
    ("works", works),
    ("known", known),
)
"""The sentence rules in the order the built-in extractor applies them (``dateline`` runs
last of all, after the sports-report and consistency passes)."""

RULE_NAMES: tuple[str, ...] = (
    *(name for name, _ in RULES),
    "dateline",
    "lone_names",
    "name_kinds",
)


_COMPANY_CUES = word_set(
    "shares share stake profit profits revenue revenues sales earnings company firm group "
    "subsidiary unit bid takeover merger contract dividend chairman executive ceo"
)


def lone_names(
    words: Sequence[Sequence[str]],
    spans: list[list[Span]],
    gaz: Gazetteers,
    lowered: Sequence[Sequence[str]] | None = None,
) -> list[list[Span]]:
    """A one-word "person" that the article never gives a first name, a title or a
    known name, in an article about business, is a company ("Pirelli said profits rose").
    ``lowered``: the words lower-cased, when the caller has them.
    """
    if lowered is None:
        lowered = [list(map(str.lower, ws)) for ws in words]
    cues = sum(map(_COMPANY_CUES.__contains__, chain.from_iterable(lowered)))
    if cues < 2:
        return spans
    full: set[str] = set()
    titled: set[str] = set()
    for lws, sp in zip(lowered, spans, strict=True):
        for s, e, lab in sp:
            if lab == "PER" and e - s > 1:
                full.update(lws[s:e])
            if s > 0 and _is_title(lws[s - 1]):
                titled.add(lws[s])
    out: list[list[Span]] = []
    for lws, sp in zip(lowered, spans, strict=True):
        new: list[Span] = []
        for s, e, lab in sp:
            if lab == "PER" and e - s == 1:
                w = lws[s]
                if (
                    w not in full
                    and w not in titled
                    and w not in gaz.given
                    and w not in gaz.surname
                    and not (s > 0 and _is_title(lws[s - 1]))
                ):
                    lab = "ORG"
            new.append((s, e, lab))
        out.append(new)
    return out


_EVENT_NOUNS = word_set(
    "massacre massacres genocide war wars uprising uprisings revolution "
    "pogrom pogroms purge purges famine riots atrocities killings"
)
"""Nouns that make the name right before them an event ("the Gukurahundi massacres")."""
_GROUP_BEFORE = word_set("ethnic")
_GROUP_AFTER = word_set("language languages tribe tribes clan clans speakers dialect")
"""Cues for a people or a language ("ethnic Ndebele", "the Shona language"): MISC."""
_PRODUCT_NOUNS = word_set(
    "app apps application applications software program programme reader browser tool "
    "toolkit library framework game games console device devices gadget phone smartphone "
    "tablet laptop computer car model vehicle drug vaccine medicine platform website "
    "newspaper magazine newsletter podcast"
)
"""What a product is ("Broadsheet is a keyboard-driven terminal reader"): MISC."""
_LAND_NOUNS = word_set(
    "rainforest rainforests river basin delta valley desert peninsula glacier jungle "
    "mountains highlands plateau estuary archipelago"
)
"""Features of the land: the name right before one is a place ("the Amazon rainforest")."""
_COPULA = word_set("is was are were")
_ARTICLES = word_set("a an the")


def common_openers(
    words: Sequence[Sequence[str]],
    spans: list[list[Span]],
    gaz: Gazetteers,
    lowered: Sequence[Sequence[str]],
) -> list[list[Span]]:
    """A one-word name that opens a sentence and is a common word the article also
    writes in lower case ("Measles is one of several diseases ... children who contract
    measles") is that common word, not a name. Names the word lists know, given names
    and surnames stay names."""
    lex, given, surname, phrases = gaz.lower, gaz.given, gaz.surname, gaz.phrases
    doubtful: set[str] = set()
    for ws, lws, sp in zip(words, lowered, spans, strict=True):
        lw = _opening_name(ws, lws, sp)
        if lw in lex and lw not in given and lw not in surname and lw not in phrases:
            doubtful.add(lw)
    if not doubtful:
        return spans
    in_lower_case = {w for ws in words for w in doubtful.intersection(ws[1:])}
    if not in_lower_case:
        return spans
    return [
        sp[1:] if _opening_name(ws, lws, sp) in in_lower_case else sp
        for ws, lws, sp in zip(words, lowered, spans, strict=True)
    ]


def _opening_name(ws: Sequence[str], lws: Sequence[str], sp: list[Span]) -> str:
    """The lower-cased word of a capitalised one-word name that opens the sentence (after
    punctuation only), or ""."""
    if not sp or sp[0][1] - sp[0][0] != 1:
        return ""
    s = sp[0][0]
    if ws[s] == lws[s] or any(w[:1].isalpha() for w in ws[:s]):
        return ""
    return lws[s]


def name_kinds(
    words: Sequence[Sequence[str]],
    spans: list[list[Span]],
    gaz: Gazetteers,
    lowered: Sequence[Sequence[str]] | None = None,
) -> list[list[Span]]:
    """Names the article itself says are events, peoples or products are MISC, everywhere
    in it: a name right before an event noun ("the Gukurahundi massacres"), right after
    "ethnic" or before "language" or "tribe" ("ethnic Ndebele"), or defined as a product
    ("Broadsheet is a terminal reader", "X, a new app"). Names the word lists know, and
    names with a known given name or surname, keep their label.

    A name right before a feature of the land ("the Amazon rainforest", "the Nile
    delta") is a place, everywhere in the article, unless it reads as a person's name.
    ``lowered``: the words lower-cased, when the caller has them.
    """
    if lowered is None:
        lowered = [list(map(str.lower, ws)) for ws in words]
    found: dict[tuple[str, ...], str] = {}
    for ws, lws, sp in zip(words, lowered, spans, strict=True):
        n = len(ws)
        for s, e, lab in sp:
            nxt = lws[e] if e < n and ws[e][:1].islower() else ""
            if nxt in _LAND_NOUNS:
                key = tuple(lws[s:e])
                if not (key[0] in gaz.given or key[-1] in gaz.surname):
                    found.setdefault(key, "LOC")
                continue
            if lab == "MISC":
                continue
            group = nxt in _GROUP_AFTER or (s > 0 and lws[s - 1] in _GROUP_BEFORE)
            if group or nxt in _EVENT_NOUNS or _defined_as_product(ws, e):
                key = tuple(lws[s:e])
                if not _listed(key, gaz, person=not group):
                    found[key] = "MISC"
    if not found:
        return spans
    return [
        [(s, e, found.get(tuple(lws[s:e]), lab)) for s, e, lab in sp]
        for lws, sp in zip(lowered, spans, strict=True)
    ]


def _defined_as_product(ws: Sequence[str], e: int) -> bool:
    """Whether the name ending at ``e`` is followed by "is a ... <product noun>"
    (or ", a ... <product noun>"), with at most three words between."""
    n = len(ws)
    k = e
    if (k < n and ws[k].lower() in _COPULA) or (k + 1 < n and ws[k] == ","):
        k += 1
    else:
        return False
    if k >= n or ws[k].lower() not in _ARTICLES:
        return False
    for j in range(k + 1, min(k + 5, n)):
        w = ws[j]
        if w.lower() in _PRODUCT_NOUNS and w[:1].islower():
            return True
        if not (w[:1].islower() or w == "-"):
            return False
    return False


def _listed(key: tuple[str, ...], gaz: Gazetteers, *, person: bool = True) -> bool:
    """Whether the word lists know ``key`` as a place, organisation or people, or
    (``person``) it reads as a person's name: a known given name first or a known
    surname last ("the Kennedy war"). "The Shona language" is a language all the
    same: the cues for peoples and languages are strong enough."""
    if " ".join(key) in gaz.phrases:
        return True
    return person and (key[0] in gaz.given or key[-1] in gaz.surname)
