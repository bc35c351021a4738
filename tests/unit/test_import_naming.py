"""File names for imported articles: ASCII slugs, dates, reserved names, collisions."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.importing.naming import MAX_SLUG, WINDOWS_RESERVED, base_name, slug, unique_name


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Council votes to rebuild the old bridge", "council-votes-to-rebuild-the-old-bridge"),
        ("Ça coûte 10 € !", "ca-coute-10"),
        ("Warholm’s record: 46.70s", "warholms-record-46-70s"),
        ("  --[bold]x[/bold]--  ", "bold-x-bold"),
        ("東京の喫茶店", ""),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j"),
    ],
)
def test_slug(title: str, expected: str) -> None:
    assert slug(title) == expected


def test_long_titles_are_cut_at_a_word() -> None:
    title = "The quite remarkably long headline of a story that goes on and on without end"
    result = slug(title)
    assert len(result) <= MAX_SLUG
    assert result == "the-quite-remarkably-long-headline-of-a-story-that-goes-on"


def test_base_name_with_and_without_a_date() -> None:
    assert base_name("Storm", "2024-09-12T06:00:00+00:00", "x") == "2024-09-12-storm"
    assert base_name("Storm", "", "x") == "storm"
    assert base_name("Storm", "Thursday", "x") == "storm"
    assert base_name("東京", "", "article-abc") == "article-abc"


@pytest.mark.parametrize("name", ["CON", "nul", "Com1", "LPT9", "aux"])
def test_reserved_names_are_avoided(name: str) -> None:
    assert base_name(name, "", "x") == f"{name.lower()}-article"


def test_unique_name_ignores_case() -> None:
    taken = {"storm.md", "storm-2.md"}
    assert unique_name("storm", taken.__contains__) == "storm-3.md"
    assert unique_name("calm", taken.__contains__) == "calm.md"


@given(st.text(max_size=300), st.sampled_from(["", "2024-01-31", "2024-01-31T10:00:00Z", "soon"]))
def test_every_name_is_safe_everywhere(title: str, date: str) -> None:
    name = unique_name(base_name(title, date, "article-0123456789ab"), lambda _: False)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*\.md", name)
    assert len(name) <= 10 + 1 + MAX_SLUG + len("-article.md")
    assert name.removesuffix(".md") not in WINDOWS_RESERVED
