"""Issue 11: names the article says are events, peoples or products; curated
organisations that share a city's name. General mechanisms, checked on real text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.entities import get_extractor
from reader.library import load_article
from reader.text.document import build_document

ROOT = Path(__file__).resolve().parents[2]


def labels(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in get_extractor().extract(text):
        out.setdefault(m.text, set()).add(m.label)
    return out


def test_mugabe_article_event_and_people() -> None:
    document = build_document(load_article(ROOT / "articles/2019-09-09-robert-mugabe-dies.md"))
    found = labels(document.entity_text)
    assert found["Gukurahundi"] == {"MISC"}  # "the Gukurahundi massacres"
    assert found["Ndebele"] == {"MISC"}  # "ethnic Ndebele"
    assert found["Mugabe"] == {"PERSON"}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("The Shona language is spoken by most Zimbabweans.", "Shona", "MISC"),
        ("Violence against ethnic Uzbeks spread.", "Uzbeks", "MISC"),
        ("Survivors of the Rwanda genocide gathered in Kigali.", "Rwanda", "PLACE"),
        ("Aides to the Clinton campaign met on Friday.", "Clinton", "PERSON"),
        ("Thousands died in the Holodomor famine.", "Holodomor", "MISC"),
    ],
)
def test_event_and_people_cues(text: str, name: str, label: str) -> None:
    assert labels(text)[name] == {label}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Toyota recalled 500,000 cars on Tuesday.", "ORG"),
        ("Sales at Toyota fell 5% in March, while Honda gained.", "ORG"),
        ("Ford and Toyota are investing in electric vehicles.", "ORG"),
        ("The Toyota plant in Kentucky will close.", "ORG"),
        ("The plant is in Toyota, a city in Aichi prefecture.", "PLACE"),
    ],
)
def test_listed_organisation_sharing_a_city_name(text: str, label: str) -> None:
    assert labels(text)["Toyota"] == {label}


def test_a_product_the_article_defines_is_misc_everywhere() -> None:
    text = (
        "Welcome to Broadsheet\n\n"
        "Broadsheet is a keyboard-driven terminal reader for news articles.\n\n"
        "Broadsheet lists the articles you have stored. Press q to quit Broadsheet."
    )
    assert labels(text)["Broadsheet"] == {"MISC"}


def test_g7_article_amazon_is_the_rainforest_everywhere() -> None:
    document = build_document(load_article(ROOT / "articles/2019-08-24-g7-amazon-fires.md"))
    found = labels(document.entity_text)
    assert found["Amazon"] == {"PLACE"}  # "the Amazon rainforest", and "Amazon issues" too
    assert found["Amazon Environmental Research Institute"] == {"ORG"}


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Amazon said sales rose. Fires burn in the Amazon rainforest.", "Amazon", "PLACE"),
        ("Farmers along the Mekong delta lost their crops.", "Mekong", "PLACE"),
        ("Amazon said sales rose by a tenth in the quarter.", "Amazon", "ORG"),
        ("Jordan river levels fell as Michael Jordan watched.", "Michael Jordan", "PERSON"),
    ],
)
def test_a_name_before_a_feature_of_the_land_is_a_place(text: str, name: str, label: str) -> None:
    assert labels(text)[name] == {label}
