"""The sentence a mention stands in, shortened for a one-line display."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n")


def sentence_around(text: str, start: int, end: int, width: int = 80) -> str:
    """The sentence holding ``text[start:end]``, cut to about ``width`` characters around it."""
    left = 0
    low = max(start - 2000, 0)
    while True:
        found = None
        for match in _SENTENCE_END.finditer(text, low, start):
            found = match.end()
        if found is not None or low == 0:
            left = found or 0
            break
        low = max(low - 20000, 0)
    following = _SENTENCE_END.search(text, end)
    right = following.start() + 1 if following else len(text)
    sentence = " ".join(text[left:right].split())
    if len(sentence) <= width:
        return sentence
    mention = " ".join(text[start:end].split())
    position = sentence.find(mention)
    if position < 0:
        return sentence[: width - 1] + "…"
    room = max(width - len(mention), 10)
    begin = max(position - room // 2, 0)
    finish = min(begin + width, len(sentence))
    begin = max(finish - width, 0)
    piece = sentence[begin:finish]
    return ("…" if begin > 0 else "") + piece + ("…" if finish < len(sentence) else "")
