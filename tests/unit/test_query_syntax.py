"""The query language's parser: a table of queries and their parse, and every error message."""

from __future__ import annotations

import pytest

from reader.query.syntax import Query, QueryError, Term, parse_query
from reader.store import normalise_tag


def parse(text: str) -> Query:
    return parse_query(text, normalise_tag)


def words(*tokens: str, negated: bool = False, phrase: bool = False) -> Term:
    return Term("words", tokens, negated, phrase)


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("", ()),
        ("Mnangagwa", ((words("mnangagwa"),),)),
        ("Ćosić café", ((words("cosic"),), (words("cafe"),))),
        ('"climate change"', ((words("climate", "change", phrase=True),),)),
        ('"Kursk"', ((words("kursk", phrase=True),),)),
        ("covid-19", ((words("covid", "19", phrase=True),),)),
        ("-coal", ((words("coal", negated=True),),)),
        ('-"fossil fuel"', ((words("fossil", "fuel", negated=True, phrase=True),),)),
        ("a OR b", ((words("a"), words("b")),)),
        ("a OR b c", ((words("a"), words("b")), (words("c"),))),
        ("a or b", ((words("a"),), (words("or"),), (words("b"),))),
        ("#Aviation", ((Term("tag", ("aviation",)),),)),
        ("-#done", ((Term("tag", ("done",), negated=True),),)),
        ('#"long read"', ((Term("tag", ("long-read",)),),)),
        ("@putin", ((Term("entity", ("putin",)),),)),
        ('@"Kim Jong Un"', ((Term("entity", ("kim jong un",)),),)),
        ("@kim_jong_un", ((Term("entity", ("kim jong un",)),),)),
        ("is:unread", ((Term("flag", ("unread",)),),)),
        ("is:star", ((Term("flag", ("starred",)),),)),
        ("-is:read", ((Term("flag", ("read",), negated=True),),)),
        (
            "has:notes has:highlights",
            ((Term("flag", ("notes",)),), (Term("flag", ("highlights",)),)),
        ),
        ("source:BBC", ((Term("source", ("bbc",)),),)),
        ('author:"Jane  Doe"', ((Term("author", ("jane doe",)),),)),
        ("date:2020", ((Term("date", ("2020-01-01", "2021-01-01")),),)),
        ("date:2020-06", ((Term("date", ("2020-06-01", "2020-07-01")),),)),
        ("date:2020-12", ((Term("date", ("2020-12-01", "2021-01-01")),),)),
        ("date:2020-02-29", ((Term("date", ("2020-02-29", "2020-03-01")),),)),
        ("date:2019-09..2019-10", ((Term("date", ("2019-09-01", "2019-11-01")),),)),
        ("date:..2019", ((Term("date", ("", "2020-01-01")),),)),
        ("date:2019..", ((Term("date", ("2019-01-01", "")),),)),
        ("after:2020-01-01", ((Term("date", ("2020-01-02", "")),),)),
        ("before:2020", ((Term("date", ("", "2020-01-01")),),)),
        ("http://example.com/a", ((words("http", "example", "com", "a", phrase=True),),)),
        ('"foo:bar"', ((words("foo", "bar", phrase=True),),)),
        ("# @ -", ()),
    ],
)
def test_parse(text: str, clauses: tuple[tuple[Term, ...], ...]) -> None:
    assert parse(text).clauses == clauses


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("tag:aviation", 'unknown filter "tag:": did you mean #aviation?', 0),
        ('tag:"long read"', 'did you mean #"long read"?', 0),
        ("a entity:Putin", 'unknown filter "entity:": did you mean @Putin?', 2),
        ("foo:bar", 'unknown filter "foo:" (filters are is:, has:, source:, author:', 0),
        ("is:new", 'unknown "is:new": use is:unread, is:read, is:starred, is:marked', 0),
        ("has:tags", 'unknown "has:tags": use has:notes, has:highlights', 0),
        ("source:", '"source:" needs a value', 0),
        ('"open phrase', 'unclosed quote: add a closing " to end the phrase', 0),
        ("x OR", '"OR" needs a term on each side', 2),
        ("OR x", '"OR" needs a term on each side', 0),
        ("a OR OR b", '"OR" needs a term on each side', 5),
        ("date:2021-13", '"2021-13" is not a date: there is no month 13', 5),
        ("date:2021-02-30", '"2021-02-30" is not a date: February 2021 has 28 days', 5),
        ("date:yesterday", '"yesterday" is not a date: use a year (2020), a month', 5),
        ("date:2020..2019", '"2020..2019" is an empty range', 5),
        ("date:..", 'a date range needs a date on at least one side of ".."', 5),
        ("after:soon", '"soon" is not a date', 6),
    ],
)
def test_errors_explain_themselves(text: str, message: str, position: int) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text)
    assert message in str(caught.value)
    assert caught.value.position == position
    assert "\n" not in str(caught.value)


def test_query_properties() -> None:
    query = parse('mugabe -coal @"Kim Jong Un" #x')
    assert [t.value for t in query.text_terms] == [("mugabe",)]
    assert query.entity_names == ["kim jong un"]
    assert not query.is_empty and parse("  ").is_empty
