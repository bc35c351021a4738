"""Anchoring notes and highlights to passages that survive edits of the article.

Every note or highlight on a passage keeps three selectors (as Hypothesis
does): its offsets into the article's plain text, its quote, and about
:data:`CONTEXT` characters before (``prefix``) and after (``suffix``) it.
When the plain text changes, :func:`locate` finds the passage again:

1. where it was, if the quote is still there;
2. else the exact quote elsewhere: the occurrence whose context agrees best,
   nearest the old place among equals;
3. else a tolerant match (a typo fixed inside the quote, a word changed):
   places suggested by the context and by the quote's first and last
   characters, kept when the text there is similar enough to the quote;
4. else nothing: the annotation is an orphan (kept and flagged, never dropped).

Pure functions over strings; no Textual, no files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from difflib import SequenceMatcher

from reader.store.records import Note

CONTEXT = 32
"""Characters of context kept before and after a quote."""
SIMILARITY = 0.8
"""How alike (0..1, difflib's ratio) a passage must be to a quote to count as found."""
_MAX_OCCURRENCES = 64
_PIECE = 16


def context_of(plain: str, start: int, end: int) -> tuple[str, str]:
    """The text just before and just after ``plain[start:end]``."""
    return plain[max(start - CONTEXT, 0) : start], plain[end : end + CONTEXT]


def anchored(note: Note, plain: str) -> Note:
    """The note with its context taken from ``plain`` (for a note on a passage)."""
    if note.start is None or note.end is None:
        return note
    prefix, suffix = context_of(plain, note.start, note.end)
    return replace(note, prefix=prefix, suffix=suffix, orphan=False)


def _occurrences(text: str, piece: str, near: int) -> list[int]:
    """Where ``piece`` occurs in ``text``, the nearest to ``near`` first (at most a few)."""
    found: list[int] = []
    if not piece:
        return found
    at = text.find(piece)
    while at >= 0 and len(found) < 4 * _MAX_OCCURRENCES:
        found.append(at)
        at = text.find(piece, at + 1)
    found.sort(key=lambda value: abs(value - near))
    return found[:_MAX_OCCURRENCES]


def _common_suffix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _context_score(plain: str, start: int, end: int, prefix: str, suffix: str) -> int:
    before = plain[max(start - len(prefix), 0) : start]
    after = plain[end : end + len(suffix)]
    return _common_suffix(prefix, before) + _common_prefix(suffix, after)


def in_place(note: Note, plain: str) -> bool:
    """True when the quote is still at its offsets with the ends of its context around it.

    Cheap (a few string comparisons): what re-anchoring checks before anything else.
    """
    start, quote = note.start, note.quote
    if start is None or plain[start : start + len(quote)] != quote:
        return False
    end = start + len(quote)
    before, after = note.prefix[-8:], note.suffix[:8]
    return plain[max(start - len(before), 0) : start] == before and (
        plain[end : end + len(after)] == after
    )


def _similarity(quote: str, candidate: str) -> float:
    matcher = SequenceMatcher(None, quote, candidate, autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
        return 0.0
    return matcher.ratio()


def _candidates(note: Note, plain: str, near: int) -> set[tuple[int, int]]:
    """Places the quote may have moved to, suggested by its context and its ends."""
    quote, length = note.quote, len(note.quote)
    reach = int(length * 1.5) + _PIECE + 8
    found: set[tuple[int, int]] = set()
    tail = note.prefix[-_PIECE:]
    head = note.suffix[:_PIECE]
    if len(tail) >= 8:
        for at in _occurrences(plain, tail, near - len(tail)):
            begin = at + len(tail)
            stop = plain.find(head, begin, begin + reach) if len(head) >= 8 else -1
            found.add((begin, stop if stop > begin else begin + length))
    if len(head) >= 8:
        for at in _occurrences(plain, head, near + length):
            found.add((max(at - length, 0), at))
    piece = max(4, min(_PIECE, length // 3))
    first, last = quote[:piece], quote[-piece:]
    for at in _occurrences(plain, first, near):
        stop = plain.find(last, at + 1, at + reach)
        found.add((at, stop + piece if stop >= 0 else at + length))
    for at in _occurrences(plain, last, near + length - piece):
        stop = at + piece
        for shift in (-2, -1, 0, 1, 2):
            found.add((max(stop - length + shift, 0), stop))
    return {(a, b) for a, b in found if b > a}


def locate(note: Note, plain: str) -> tuple[int, int] | None:
    """Where the note's passage is in ``plain`` now; None when it cannot be found."""
    quote = note.quote
    if not quote or note.start is None:
        return None
    old = note.start
    if in_place(note, plain):
        return old, old + len(quote)
    exact = _occurrences(plain, quote, old)
    if exact:
        best = max(
            exact,
            key=lambda at: (
                _context_score(plain, at, at + len(quote), note.prefix, note.suffix),
                -abs(at - old),
            ),
        )
        return best, best + len(quote)
    scored: list[tuple[float, int, int, int]] = []
    for begin, stop in _candidates(note, plain, old):
        similarity = _similarity(quote, plain[begin:stop])
        if similarity >= SIMILARITY:
            scored.append((similarity, -abs(begin - old), begin, stop))
    if not scored:
        return None
    _, _, begin, stop = max(scored)
    return begin, stop


def reanchor(notes: Iterable[Note], plain: str) -> list[Note]:
    """The notes whose anchoring changed for this plain text (moved, found again or orphaned).

    A note still on its quote is left alone (and costs one comparison).
    """
    changed: list[Note] = []
    for note in notes:
        if not note.quote or note.start is None:
            continue
        if not note.orphan and in_place(note, plain) and note.end == note.start + len(note.quote):
            continue
        place = locate(note, plain)
        if place is None:
            if not note.orphan:
                changed.append(replace(note, orphan=True))
            continue
        begin, stop = place
        prefix, suffix = context_of(plain, begin, stop)
        moved = replace(
            note,
            start=begin,
            end=stop,
            quote=plain[begin:stop],
            prefix=prefix,
            suffix=suffix,
            orphan=False,
        )
        if moved != note:
            changed.append(moved)
    return changed
