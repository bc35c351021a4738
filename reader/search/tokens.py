"""What a word is, for search: folded tokens (and, for display, their offsets).

A token is a run of letters and digits (``_`` and everything else separate
tokens), taken from the *folded* text: folding makes matching case- and
accent-insensitive (NFKD, combining diacritical marks dropped, then
``casefold``). The index stores the folded tokens joined by spaces, so
SQLite's tokenizer, the query parser and any brute-force check agree on the
words exactly. :func:`token_spans` finds the same words in the original text
with their offsets, for snippets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""The combining diacritical marks (accents) that folding removes."""


def fold(text: str) -> str:
    """Case- and accent-folded text (``Ćosić`` -> ``cosic``)."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def words(text: str) -> list[str]:
    """The folded tokens of ``text``, in order."""
    return _TOKEN.findall(fold(text))


@lru_cache(maxsize=8192)
def _fold_token(token: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(fold(token)))


def token_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, folded token)`` for the words of ``text``, offsets into ``text``.

    A word that folding splits in two (``½`` -> ``1⁄2``) gives each part at the
    word's place.
    """
    for match in _TOKEN.finditer(text):
        for part in _fold_token(match.group()):
            yield match.start(), match.end(), part


def indexed_text(text: str) -> str:
    """What the index stores for ``text``: its folded tokens separated by spaces."""
    return " ".join(words(text))
