"""Table-driven tests of the built-in extractor, label by label, with the hard cases."""

from __future__ import annotations

import itertools

import pytest

from reader.entities import Mention, get_extractor


def spans(text: str) -> set[tuple[str, str]]:
    """(label, text) of every mention the built-in extractor finds."""
    return {(m.label, m.text) for m in get_extractor().extract(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks were led by President Vladimir Putin in Moscow.", "Vladimir Putin"),
        ("However, Angela Merkel said the plan would fail.", "Angela Merkel"),
        ("North Korean leader Kim Jong Un arrived on Tuesday.", "Kim Jong Un"),
        ("Analysts said Kim Jong-un's forces were ready.", "Kim Jong-un"),
        ("\u201cWe will win,\u201d said Jacinda Ardern on Friday.", "Jacinda Ardern"),
        ("The coach (Jose Mourinho) declined to comment.", "Jose Mourinho"),
        ("Jean-Claude Juncker said the EU would act.", "Jean-Claude Juncker"),
    ],
)
def test_person(text: str, expected: str) -> None:
    assert ("PERSON", expected) in spans(text)


def test_surname_after_full_name_is_the_same_person() -> None:
    text = "Vladimir Putin met officials in Moscow. Later, Putin said the deal was done."
    found = spans(text)
    assert ("PERSON", "Vladimir Putin") in found
    assert ("PERSON", "Putin") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops crossed from Russia's Kursk region into Ukraine.", "Russia"),
        ("Troops crossed from Russia\u2018s Kursk region into Ukraine.", "Kursk"),
        ("Officials in South Korea said the missiles fell into the sea.", "South Korea"),
        ("Russia and N.Korea sign mutual aid deal", "N.Korea"),
        ("The U.S. and China agreed to talks in Geneva.", "U.S."),
        ("The ministers met in New York on Monday.", "New York"),
        ("RUSSIA AND CHINA SIGN NEW TRADE PACT", "China"),
    ],
)
def test_place(text: str, expected: str) -> None:
    found = spans(text)
    assert ("PLACE", expected) in found or ("PLACE", expected.upper()) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The report was published by the Korean Central News Agency (KCNA).", "KCNA"),
        ("The World Health Organization declared a pandemic.", "World Health Organization"),
        ("Shares in Microsoft Corp. rose 3% after the results.", "Microsoft Corp."),
        ("A spokesman for the United Nations said aid would arrive.", "United Nations"),
        ("Shares of Acme Inc. fell after the results.", "Acme Inc."),
    ],
)
def test_org(text: str, expected: str) -> None:
    assert ("ORG", expected) in spans(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("German officials welcomed the decision.", "German"),
        ("Many Ukrainians fled west after the attack.", "Ukrainians"),
        ("France hosted the World Cup final in Paris.", "World Cup"),
        ("Moscow-backed separatists shelled the town.", "Moscow-backed"),
    ],
)
def test_misc(text: str, expected: str) -> None:
    assert ("MISC", expected) in spans(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The treaty was signed in June.", "June"),
        ("North Korea has shipped weapons since August 2023.", "August 2023"),
        ("The agreement was ratified last week.", "last week"),
        ("Last week, officials reported skirmishes.", "Last week"),
        ("A decree was issued on Monday.", "Monday"),
        ("The plant opened on 4 January 2019.", "4 January 2019"),
        ("Talks resumed on September 3, 1996.", "September 3, 1996"),
        ("Fighting began in 2014, officials said.", "2014"),
        ("LONDON 1996-08-30", "1996-08-30"),
    ],
)
def test_date(text: str, expected: str) -> None:
    assert ("DATE", expected) in spans(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some 12,000 troops have been deployed.", "12,000"),
        ("The deal is worth $5.5 billion.", "$5.5 billion"),
        ("Inflation rose to 12% in March.", "12%"),
        ("The convoy travelled 40 km overnight.", "40 km"),
        ("The company lost 1.2 million euros.", "1.2 million euros"),
    ],
)
def test_figure(text: str, expected: str) -> None:
    assert ("FIGURE", expected) in spans(text)


def test_year_inside_date_is_not_a_figure() -> None:
    found = spans("The plant opened on 4 January 2019 with 300 staff.")
    assert ("DATE", "4 January 2019") in found
    assert ("FIGURE", "2019") not in found
    assert ("FIGURE", "300") in found


@pytest.mark.parametrize("word", ["The", "However", "But", "Meanwhile"])
def test_sentence_initial_capitals_are_not_entities(word: str) -> None:
    text = f"{word} the talks ended without agreement in Geneva."
    assert not any(m.text.startswith(word) for m in get_extractor().extract(text))


def test_mentions_are_sorted_non_overlapping_and_match_the_source() -> None:
    text = open_seed_like()
    mentions = get_extractor().extract(text)
    assert mentions == sorted(mentions, key=lambda m: m.start)
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start
    for m in mentions:
        assert isinstance(m, Mention)
        assert text[m.start : m.end] == m.text


def open_seed_like() -> str:
    return (
        "Russia and N.Korea\u2019s chilling new mutual aid deal sparks Ukraine fears\n\n"
        "North Korea and Russia have struck a \u201cmutual military aid\u201d pact, stoking "
        "fears of Kim Jong-un\u2018s forces officially joining the conflict against Ukraine. "
        "The treaty emerges alongside reports that 12,000 North Korean troops have been "
        "deployed."
    )
