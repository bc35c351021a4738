"""Parsing the query language (DESIGN.md, "The query language") into a :class:`Query`.

A query is a conjunction of clauses; a clause is one term or several joined by
``OR``. Terms: words and ``"phrases"`` (full text), ``#tag``, ``@name`` or
``@"Full Name"``, ``is:`` and ``has:`` flags, ``source:``/``author:``
substrings, ``date:``/``after:``/``before:`` periods; any term may be negated
with a leading ``-``. Anything not understood raises :class:`QueryError` with a
one-line explanation and the position it refers to, never a silent empty result.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.search.tokens import words as text_words

FLAGS = {
    "is": {
        "unread": "unread",
        "read": "read",
        "starred": "starred",
        "star": "starred",
        "marked": "marked",
    },
    "has": {
        "notes": "notes",
        "note": "notes",
        "highlights": "highlights",
        "highlight": "highlights",
    },
}
FIELDS = ("source", "author")
DATE_KEYS = ("date", "after", "before")
KEYS = (*FLAGS, *FIELDS, *DATE_KEYS)
SUGGESTIONS = {"tag": "#", "tags": "#", "entity": "@", "name": "@", "person": "@"}
"""Keys people try from other tools, and the sigil Broadsheet uses instead."""


class QueryError(ValueError):
    """A query that cannot be understood: ``str(error)`` is the one-line explanation."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.position = position


@dataclass(frozen=True, slots=True)
class Term:
    """One thing to match.

    ``kind`` is ``words`` (``value``: folded tokens in order; one token is a
    word, several a phrase), ``tag``, ``entity``, ``flag``, ``source``,
    ``author`` (``value``: folded text) or ``date`` (``value``: ISO start,
    inclusive, and end, exclusive; either may be empty).
    """

    kind: str
    value: tuple[str, ...]
    negated: bool = False
    phrase: bool = False
    """True when typed in quotes: the tokens must follow each other exactly."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: every clause must match; a clause matches if any of its terms does."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    text: str = ""

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return not self.clauses

    def terms(self) -> list[Term]:
        """Every term, in order."""
        return [term for clause in self.clauses for term in clause]

    @property
    def text_terms(self) -> list[Term]:
        """The positive full-text terms (what ranking and snippets use)."""
        return [term for term in self.terms() if term.kind == "words" and not term.negated]

    @property
    def word_terms(self) -> list[tuple[tuple[str, ...], bool]]:
        """The positive full-text terms as (tokens, phrase): what the full-text index's
        snippets take."""
        return [(term.value, term.phrase) for term in self.text_terms]

    @property
    def entity_names(self) -> list[str]:
        """The names of positive ``@`` terms."""
        return [
            term.value[0] for term in self.terms() if term.kind == "entity" and not term.negated
        ]


@dataclass(slots=True)
class _Token:
    text: str
    position: int
    quoted: str | None = None
    """The text inside quotes, for ``"phrase"``, ``@"Name"``, ``key:"value"``."""
    prefix: str = field(default="")
    """What came before the quotes (``-``, ``@``, ``-@``, ``source:`` …)."""


_LEXEME = re.compile(r'(?P<prefix>[^\s"]*)"(?P<quoted>[^"]*)(?P<close>"?)|(?P<plain>[^\s"]+)')


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _LEXEME.finditer(text):
        if match.group("plain") is not None:
            tokens.append(_Token(match.group("plain"), match.start()))
            continue
        if not match.group("close"):
            raise QueryError(
                'unclosed quote: add a closing " to end the phrase', match.start("quoted") - 1
            )
        tokens.append(
            _Token(match.group(), match.start(), match.group("quoted"), match.group("prefix"))
        )
    return tokens


def _period(text: str, position: int) -> tuple[str, str]:
    """``2020``, ``2020-06`` or ``2020-06-15`` as (first day, day after the last), ISO."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not match:
        raise QueryError(
            f'"{text}" is not a date: use a year (2020), a month (2020-06) or a day (2020-06-15)',
            position,
        )
    year = int(match.group(1))
    if match.group(2) is None:
        return f"{year:04d}-01-01", f"{year + 1:04d}-01-01"
    month = int(match.group(2))
    if not 1 <= month <= 12:
        raise QueryError(f'"{text}" is not a date: there is no month {month}', position)
    next_month = f"{year + (month == 12):04d}-{month % 12 + 1:02d}-01"
    if match.group(3) is None:
        return f"{year:04d}-{month:02d}-01", next_month
    day = int(match.group(3))
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise QueryError(
            f'"{text}" is not a date: {calendar.month_name[month]} {year} has {last} days',
            position,
        )
    following = f"{year:04d}-{month:02d}-{day + 1:02d}" if day < last else next_month
    return f"{year:04d}-{month:02d}-{day:02d}", following


def _date_term(key: str, value: str, position: int) -> tuple[str, str]:
    if key == "after":
        return _period(value, position)[1], ""
    if key == "before":
        return "", _period(value, position)[0]
    if ".." in value:
        low, _, high = value.partition("..")
        if not low and not high:
            raise QueryError('a date range needs a date on at least one side of ".."', position)
        start = _period(low, position)[0] if low else ""
        end = _period(high, position + len(low) + 2)[1] if high else ""
        if start and end and start >= end:
            raise QueryError(
                f'"{value}" is an empty range: the first date is after the second', position
            )
        return start, end
    return _period(value, position)


def _keyed(key: str, value: str, negated: bool, position: int, original: str) -> Term:
    lowered = key.casefold()
    if lowered in SUGGESTIONS:
        sigil = SUGGESTIONS[lowered]
        shown = f'{sigil}"{value}"' if " " in value else f"{sigil}{value}"
        raise QueryError(f'unknown filter "{key}:": did you mean {shown}?', position)
    if lowered not in KEYS:
        known = ", ".join(f"{name}:" for name in KEYS)
        raise QueryError(
            f'unknown filter "{key}:" (filters are {known}, #tag and @name); '
            f'put it in quotes to search for "{original}"',
            position,
        )
    if not value:
        raise QueryError(f'"{key}:" needs a value', position)
    if lowered in FLAGS:
        choices = FLAGS[lowered]
        flag = choices.get(value.casefold())
        if flag is None:
            allowed = ", ".join(f"{lowered}:{name}" for name in dict.fromkeys(choices.values()))
            raise QueryError(f'unknown "{original}": use {allowed}', position)
        return Term("flag", (flag,), negated)
    if lowered in FIELDS:
        return Term(lowered, (" ".join(value.split()).casefold(),), negated)
    return Term("date", _date_term(lowered, value, position + len(key) + 1), negated)


_KEY = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)


def _term(token: _Token, normalise_tag: Callable[[str], str]) -> Term | None:
    """One term from one token (None for a lone sigil still being typed)."""
    raw = token.prefix if token.quoted is not None else token.text
    negated = raw.startswith("-") and (len(raw) > 1 or token.quoted is not None)
    body = raw[1:] if negated else raw
    quoted = token.quoted
    if body.startswith("#"):
        tag = normalise_tag(quoted if quoted is not None else body[1:])
        return Term("tag", (tag,), negated) if tag else None
    if body.startswith("@"):
        name = quoted if quoted is not None else body[1:].replace("_", " ")
        name = " ".join(name.split()).casefold()
        return Term("entity", (name,), negated) if name else None
    key = _KEY.fullmatch(body)
    if key and not key.group(2).startswith("//"):
        value = quoted if quoted is not None else key.group(2)
        return _keyed(key.group(1), value.strip(), negated, token.position, body)
    if quoted is not None and body:
        # Text glued to a quote (abc"def"): search for it all as words.
        quoted = f"{body} {quoted}"
    tokens = tuple(text_words(quoted if quoted is not None else body))
    if not tokens:
        return None
    return Term("words", tokens, negated, phrase=quoted is not None or len(tokens) > 1)


def parse_query(text: str, normalise_tag: Callable[[str], str]) -> Query:
    """Parse what was typed; raises :class:`QueryError` for what cannot be understood."""
    clauses: list[list[Term]] = []
    join_next = False
    last_or = 0
    for token in _lex(text):
        if token.quoted is None and token.text == "OR":
            if not clauses or join_next:
                raise QueryError('"OR" needs a term on each side', token.position)
            join_next, last_or = True, token.position
            continue
        term = _term(token, normalise_tag)
        if term is None:
            continue
        if join_next:
            clauses[-1].append(term)
            join_next = False
        else:
            clauses.append([term])
    if join_next:
        raise QueryError('"OR" needs a term on each side', last_or)
    return Query(tuple(tuple(clause) for clause in clauses), text)
