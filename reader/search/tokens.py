"""What a word is, for search: folded tokens with their offsets.

A token is a run of letters and digits (``_`` and everything else separate
tokens). Folding makes matching case- and accent-insensitive: NFKD, combining
marks dropped, then ``casefold``. The index stores folded tokens joined by
spaces, so SQLite's tokenizer and this module always agree on the words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Case- and accent-folded text (``Ćosić`` -> ``cosic``)."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def words(text: str) -> list[str]:
    """The folded tokens of ``text``, in order (the tokens of :func:`token_spans`)."""
    return [token for _, _, token in token_spans(text)]


def token_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, folded token)`` for every token of ``text``, offsets into ``text``."""
    for match in _TOKEN.finditer(text):
        token = fold(match.group())
        if _TOKEN.fullmatch(token):
            yield match.start(), match.end(), token
        else:  # Folding split it (``½`` -> ``1⁄2``): each part, at the token's place.
            for part in _TOKEN.findall(token):
                yield match.start(), match.end(), part


def indexed_text(text: str) -> str:
    """What the index stores for ``text``: its folded tokens separated by spaces."""
    return " ".join(words(text))
