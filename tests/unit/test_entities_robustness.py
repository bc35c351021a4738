"""Bad input never crashes the built-in extractor."""

from __future__ import annotations

import pytest

from reader.entities import get_extractor, group_mentions


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t ",
        "!!! ??? ... --- ,,, ;;; ((( ))) \u201c\u201d \u2018\u2019",
        "\x00\x01\x02\x1b[31m\x07\x7f \u2400\u2401\u241b \ufffd",
        "Путин встретился с Ким Чен Ыном в Москве.",
        "金正恩与普京在莫斯科会面。",
        "بوتين يلتقي كيم في موسكو",
        "\U0001f600 \U0001f1fa\U0001f1f8 emoji only \U0001f680",
        "A" * 10_000,
        "12,000,000,000,000 1/2/3/4 $$$ 99% %%% 2023-13-45",
        "U.S.A.B.C.D.E.F. N.K. X. Y. Z.",
    ],
)
def test_odd_text_gives_valid_mentions(text: str) -> None:
    mentions = get_extractor().extract(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text and m.start < m.end
    assert mentions == sorted(mentions, key=lambda m: m.start)
    group_mentions(text, mentions, title_end=len(text) // 2)


def test_non_latin_text_with_english_names() -> None:
    text = "\u0421\u0435\u0433\u043e\u0434\u043d\u044f Vladimir Putin met Xi Jinping in Beijing."
    found = {(m.label, m.text) for m in get_extractor().extract(text)}
    assert ("PLACE", "Beijing") in found


def test_rule_fallback_without_model_still_extracts() -> None:
    from reader.entities.builtin import BuiltinExtractor
    from reader.entities.rules import RuleTagger

    ex = BuiltinExtractor(use_model=False)
    assert isinstance(ex.tagger, RuleTagger)
    text = "President Vladimir Putin met officials of the World Cup in Moscow on Monday."
    found = {(m.label, m.text) for m in ex.extract(text)}
    assert ("PERSON", "Vladimir Putin") in found
    assert ("PLACE", "Moscow") in found
    assert ("DATE", "Monday") in found
    assert ex.version != BuiltinExtractor().version
