"""Control characters are made visible without changing offsets."""

from __future__ import annotations

import pytest

from reader.util.safety import inert, inert_line


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain", "plain"),
        ("\x1b[2J", "␛[2J"),
        ("bell\x07", "bell␇"),
        ("osc \x1b]0;title\x07", "osc ␛]0;title␇"),
        ("c1 \x9b31m", "c1 \ufffd31m"),
        ("bidi \u202eevil", "bidi \ufffdevil"),
        ("del \x7f", "del ␡"),
        ("tab\there", "tab here"),
        ("keeps\nnewlines", "keeps\nnewlines"),
    ],
)
def test_inert(raw: str, shown: str) -> None:
    assert inert(raw) == shown
    assert len(inert(raw)) == len(raw)


def test_inert_line_flattens_newlines() -> None:
    assert inert_line("a\nb\x1b") == "a b␛"
