"""The spaCy adapter, with a real pipeline built in the test."""

from __future__ import annotations

import pytest

from reader.entities import SpacyUnavailable, get_extractor_or_builtin
from reader.entities.spacy_backend import SpacyExtractor, load_spacy

spacy = pytest.importorskip("spacy")


def pipeline() -> object:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Vladimir Putin"},
            {"label": "GPE", "pattern": [{"LOWER": "the"}, {"LOWER": "netherlands"}]},
            {"label": "FAC", "pattern": "Kremlin"},
            {"label": "NORP", "pattern": "Russian"},
            {"label": "EVENT", "pattern": "Cold War"},
            {"label": "TIME", "pattern": "noon"},
            {"label": "MONEY", "pattern": [{"TEXT": "$"}, {"LIKE_NUM": True}]},
            {"label": "PERCENT", "pattern": [{"LIKE_NUM": True}, {"TEXT": "%"}]},
            {"label": "ORDINAL", "pattern": "first"},
            {"label": "ORG", "pattern": "KCNA"},
        ]
    )
    return nlp


def test_labels_are_mapped_and_the_leading_the_is_dropped() -> None:
    ex = SpacyExtractor(pipeline())
    text = (
        "Vladimir Putin left the Kremlin at noon for the Netherlands, the first Russian "
        "visit since the Cold War, KCNA said; $5 and 3 % were paid."
    )
    found = [(m.label, m.text) for m in ex.extract(text)]
    assert found == [
        ("PERSON", "Vladimir Putin"),
        ("PLACE", "Kremlin"),
        ("DATE", "noon"),
        ("PLACE", "Netherlands"),
        ("MISC", "Russian"),
        ("MISC", "Cold War"),
        ("ORG", "KCNA"),
        ("FIGURE", "$5"),
        ("FIGURE", "3 %"),
    ]
    for m in ex.extract(text):
        assert text[m.start : m.end] == m.text
    assert ex.name == "spacy" and ex.version
    assert ex.extract("") == []


def test_missing_model_raises_one_line_message_and_fallback_works() -> None:
    with pytest.raises(SpacyUnavailable) as info:
        load_spacy("no_such_pipeline_xyz")
    msg = str(info.value)
    assert "\n" not in msg and "pip install" in msg


def test_fallback_helper_returns_builtin_with_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROADSHEET_SPACY_MODEL", "no_such_pipeline_xyz")
    ex, note = get_extractor_or_builtin("spacy")
    if note is None:  # a real pipeline is installed under the default names
        assert ex.name == "spacy"
    else:
        assert ex.name == "builtin" and "\n" not in note and "pip install" in note
