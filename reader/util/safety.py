"""Make untrusted text inert before it reaches a terminal.

Article text, titles, tags and notes are data. Rich markup is never parsed
from them (callers build ``rich.text.Text`` objects, never markup strings);
this module removes the other danger: control characters that a terminal
would act on (ESC, CSI, OSC, BEL, backspace, carriage return, bidi
overrides). Each is replaced by a visible symbol of the same length, so
character offsets into the text stay valid.
"""

from __future__ import annotations

import re

_CONTROL_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_CONTROL_PICTURES[0x7F] = "\u2421"  # DELETE symbol

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode
# bidirectional overrides/isolates that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code in _CONTROL_PICTURES:
        return _CONTROL_PICTURES[code]
    return "\ufffd"


def inert(text: str) -> str:
    """Return ``text`` with every terminal control character made visible.

    Tabs become single spaces; newlines are kept. The result has the same
    length as the input.
    """
    if text.isprintable():
        return text
    return _UNSAFE.sub(_picture, text).replace("\t", " ")


def inert_line(text: str) -> str:
    """Like :func:`inert`, for one-line fields (titles, tags): newlines become spaces."""
    return inert(text).replace("\n", " ")


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR line ends into LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


_JOINERS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
_FLAG = re.compile("([\U0001f1e6-\U0001f1ff])([\U0001f1e6-\U0001f1ff])")


def _flag_letters(match: re.Match[str]) -> str:
    return "".join(chr(ord(char) - 0x1F1E6 + ord("A")) for char in match.groups())


def steady_width(text: str) -> str:
    """``text`` with the emoji sequences terminals disagree on taken apart, for table cells.

    A family (emoji joined by U+200D), skin tones, variation selectors and
    flags are drawn one or two cells wide depending on the terminal, while
    Rich counts every part: columns would shift. Here joiners, modifiers and
    selectors are dropped (a family shows as its members) and a flag becomes
    its two letters (``FR``), so every character has one agreed width.
    """
    if text.isascii():
        return text
    return _JOINERS.sub("", _FLAG.sub(_flag_letters, text))
