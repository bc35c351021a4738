"""Find in an article: every place a string occurs in the plain text, ignoring case and accents.

The folding keeps one character for one, so offsets into the folded text are
offsets into the plain text (``é`` -> ``e``; a character that would fold into
several, like ``ß``, is only lower-cased).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_MATCHES = 10_000
"""More than this are not marked (the count says so)."""


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    if len(base) == 1:
        return base
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else ch


_TABLE: dict[int, str] = {}
"""Non-ASCII character -> its one-character fold (filled as characters are met)."""


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match[str]) -> str:
    run = match.group()
    for ch in run:
        if ord(ch) not in _TABLE:
            _TABLE[ord(ch)] = _fold_char(ch)
    return run.translate(_TABLE)


def fold_same_length(text: str) -> str:
    """``text`` case- and accent-folded, one character for one."""
    if text.isascii():
        return text.lower()
    # Only the runs of non-ASCII characters go through the table (news text is
    # mostly ASCII: translating all of it was most of the time); their folds are
    # lower case already, so lower() then only touches ASCII.
    return _NON_ASCII.sub(_fold_run, text).lower()


class Finder:
    """Finds strings in one text (folded once, then each search is a regex scan)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None

    @property
    def folded(self) -> str:
        """The folded text (made on first use)."""
        if self._folded is None:
            self._folded = fold_same_length(self.text)
        return self._folded

    def find(self, wanted: str) -> list[tuple[int, int]]:
        """(start, end) of each occurrence of ``wanted``, in order (at most MAX_MATCHES)."""
        needle = fold_same_length(" ".join(wanted.split()))
        if not needle:
            return []
        # Any run of whitespace in the text matches a space in what was typed.
        pattern = r"\s+".join(re.escape(part) for part in needle.split(" "))
        found: list[tuple[int, int]] = []
        for match in re.finditer(pattern, self.folded):
            found.append(match.span())
            if len(found) >= MAX_MATCHES:
                break
        return found
