"""A small, fast tokenizer and sentence splitter with character offsets.

Tokens follow CoNLL-2003 habits closely enough for the tagger: punctuation
is split off, possessive ``'s`` (straight or curly apostrophe) is its own
token, dotted abbreviations ("U.S.", "N.Korea") and numbers ("12,000",
"1996-08-30") stay whole, hyphenated words stay whole.
"""

from __future__ import annotations

import re
from itertools import compress
from typing import NamedTuple

_APOS = "'\u2018\u2019\u02bc`"

_TOKEN_RE = re.compile(
    r"""
  (?=\S)(?:  # not at a space: see below
    [A-Za-z]++(?![\w.&/\-\u2010\u2011"""
    + _APOS
    + r"""])  # an ASCII plain word: the next, with a cheaper test
  | [^\W\d_]++(?![\w.&/\-\u2010\u2011"""
    + _APOS
    + r"""])  # a plain word, the common case: what the rest would match
  | (?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|St|Jr|Sr|Inc|Corp|Ltd|Co|Bros
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
  )""",
    re.VERBOSE,
)
"""A token. No alternative matches at a space; the lookahead first says so at
once, where the search would otherwise try every alternative at every space
(a third of the tokenizer's time). The first alternative matches what the second
would whenever it matches at all (a run of ASCII letters stops where a run of
letters does, before a character that is not a word character), testing
characters against a plain range instead of Unicode categories."""

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


Offsets = tuple[int, int]


def _ends_sentence(words: list[str], matches: list[re.Match[str]], i: int) -> bool:
    """Whether token ``i`` (a full stop, "?" or "!") closes a sentence."""
    text = words[i]
    if text != ".":
        return text in ("?", "!")
    if i > 0 and matches[i - 1].end() == matches[i].start():
        prev = words[i - 1]
        if prev.lower() in _ABBREV or (len(prev) == 1 and prev.isupper()):
            return False
    return True


_ENDERS = frozenset(".?!")
_GROUP = re.Match.group
_SPAN = re.Match.span


def split_sentences(text: str) -> list[tuple[list[str], list[Offsets]]]:
    """Like :func:`sentences`, as (token texts, token offsets) per sentence (faster)."""
    return [(words, list(map(_SPAN, matches))) for words, matches in sentence_matches(text)]


TokenMatch = re.Match[str]
"""A token's match: its text is ``m.group()``, its offsets ``m.start()`` and ``m.end()``."""


def sentence_matches(text: str) -> list[tuple[list[str], list[TokenMatch]]]:
    """Like :func:`split_sentences`, with each token's match instead of its offsets:
    cheaper when only a few of the offsets are wanted (the extractor wants those of
    its names only; making every offset pair costs about a tenth of the tokenizer)."""
    result: list[tuple[list[str], list[TokenMatch]]] = []
    finditer = _TOKEN_RE.finditer
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        matches = list(finditer(text, pos, end))
        pos = end + 1
        if not matches:
            continue
        words: list[str] = list(map(_GROUP, matches))
        n = len(words)
        cuts: list[int] = []
        start = 0  # first token of the current sentence
        i = 0  # next token to look at
        enders = list(compress(range(n), map(_ENDERS.__contains__, words)))
        enders.append(n)
        for e in enders:
            if e < i:
                continue  # a closer already taken
            # tokens i..e-1 cannot end a sentence: only the length limit cuts them
            k = max(i, start + MAX_SENTENCE - 1)
            while k < e:
                cuts.append(k + 1)
                start = k + 1
                k = start + MAX_SENTENCE - 1
            if e >= n:
                break
            if e - start + 1 >= MAX_SENTENCE:
                cuts.append(e + 1)  # no full stop for ages: cut (bounded work)
                start = i = e + 1
                continue
            if _ends_sentence(words, matches, e):
                j = e + 1
                while j < n and words[j] in _CLOSERS:
                    j += 1
                if j < n and (words[j][:1].isupper() or words[j][:1] in _OPENERS):
                    cuts.append(j)
                    start = j
                i = j
            else:
                i = e + 1
        if not cuts:
            result.append((words, matches))
            continue
        if cuts[-1] < n:
            cuts.append(n)
        a = 0
        for b in cuts:
            result.append((words[a:b], matches[a:b]))
            a = b
    return result


def sentences(text: str) -> list[list[Token]]:
    """Tokenize ``text`` and split it into sentences.

    Lines are never joined: a newline always ends a sentence, so headlines
    and paragraphs stay apart. Inside a line, ".", "?" and "!" end a
    sentence unless they close a known abbreviation or an initial; a run
    of ``MAX_SENTENCE`` tokens without one is cut there.
    """
    return [
        [Token(w, s, e) for w, (s, e) in zip(words, offsets, strict=True)]
        for words, offsets in split_sentences(text)
    ]


def is_wordlike(token_text: str) -> bool:
    """Whether the token contains a letter."""
    return _WORDLIKE_RE.search(token_text) is not None
