"""A small, fast tokenizer and sentence splitter with character offsets.

Tokens follow CoNLL-2003 habits closely enough for the tagger: punctuation
is split off, possessive ``'s`` (straight or curly apostrophe) is its own
token, dotted abbreviations ("U.S.", "N.Korea") and numbers ("12,000",
"1996-08-30") stay whole, hyphenated words stay whole.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_APOS = "'\u2018\u2019\u02bc`"

_TOKEN_RE = re.compile(
    r"""
    (?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|St|Jr|Sr|Inc|Corp|Ltd|Co|Bros
      |Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mt|Ft|Messrs|Mme|Dept|Univ|Adm|Maj|Cpt)\.
      (?=\s+[^\W\d_]|\s*[,;)])                  # Mr. Smith, Microsoft Corp. rose
  | (?:[^\W\d_]\.){2,}(?![^\W\d_])            # U.S.  U.K.  a.m.
  | [A-Z]\.(?=[A-Z][a-z])[^\W\d_]+             # N.Korea
  | [A-Z]\.(?=\s+[A-Z][a-z])                    # an initial: "C. Lewis"
  | \d+(?:[.,:/-]\d+)*(?:[^\W\d_]{1,2}\b)?     # 12,000  1996-08-30  6am  1st
  | [$£€¥]\d+(?:[.,]\d+)*                      # $50  £1.5
  | (?:[^\W_]|[.&])*?[^\W_]+(?:[-\u2010\u2011/&][^\W_]+)*   # words, hyphenated words
    (?:["""
    + _APOS
    + r"""](?![sS]\b)[^\W\d_]+)*                # O'Brien, don't (not 's)
  | ["""
    + _APOS
    + r"""][sS]\b                 # possessive 's
  | \S                                         # any other visible character
    """,
    re.VERBOSE,
)

_CLOSERS = frozenset("\"'\u201d\u2019)]")
_OPENERS = frozenset("\"\u201c(['\u2018")

_WORDLIKE_RE = re.compile(r"[^\W\d_]")

_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cpt",
        "maj",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "inc",
        "corp",
        "ltd",
        "co",
        "bros",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "pres",
        "hon",
        "messrs",
        "mme",
        "mlle",
        "fig",
        "est",
        "dept",
        "univ",
    ]
)


MAX_SENTENCE = 400
"""Tokens: a longer run without a sentence end is cut into pieces of this size."""


class Token(NamedTuple):
    """One token: its text and its character offsets in the source."""

    text: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens; offsets are shifted by ``offset``."""
    return [
        Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN_RE.finditer(text)
    ]


def _ends_sentence(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` (a full stop, "?" or "!") closes a sentence."""
    tok = tokens[i]
    if tok.text in ("?", "!"):
        return True
    if tok.text != ".":
        return False
    if i > 0:
        prev = tokens[i - 1]
        if prev.end == tok.start:
            low = prev.text.lower()
            if low in _ABBREV or (len(prev.text) == 1 and prev.text.isupper()):
                return False
    return True


def sentences(text: str) -> list[list[Token]]:
    """Tokenize ``text`` and split it into sentences.

    Lines are never joined: a newline always ends a sentence, so headlines
    and paragraphs stay apart. Inside a line, ".", "?" and "!" end a
    sentence unless they close a known abbreviation or an initial; a run
    of ``MAX_SENTENCE`` tokens without one is cut there.
    """
    result: list[list[Token]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            toks = tokenize(line, pos)
            current: list[Token] = []
            n = len(toks)
            i = 0
            while i < n:
                current.append(toks[i])
                if len(current) >= MAX_SENTENCE:
                    result.append(current)  # no full stop for ages: cut (bounded work)
                    current = []
                    i += 1
                    continue
                if _ends_sentence(toks, i):
                    j = i + 1
                    while j < n and toks[j].text in _CLOSERS:
                        current.append(toks[j])
                        j += 1
                    if j < n and (toks[j].text[:1].isupper() or toks[j].text[:1] in _OPENERS):
                        result.append(current)
                        current = []
                    i = j
                    continue
                i += 1
            if current:
                result.append(current)
        pos += len(line) + 1
    return result


def is_wordlike(token_text: str) -> bool:
    """Whether the token contains a letter."""
    return _WORDLIKE_RE.search(token_text) is not None
