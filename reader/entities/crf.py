"""The learned sequence tagger: a linear-chain CRF run by python-crfsuite."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.entities.tokenize import Token

Span = tuple[int, int, str]
"""A token span (start index, end index exclusive, CoNLL-style label)."""


def decode_bio(tags: Sequence[str]) -> list[Span]:
    """Token spans from BIO tags; a stray ``I-X`` opens an entity."""
    spans: list[Span] = []
    label = ""
    start = 0
    for i, tag in enumerate(tags):
        prefix, _, lab = tag.partition("-")
        if label and (prefix != "I" or lab != label):
            spans.append((start, i, label))
            label = ""
        if prefix in ("B", "I") and not label:
            label, start = lab, i
    if label:
        spans.append((start, len(tags), label))
    return spans


def encode_bio(n: int, spans: Sequence[Span]) -> list[str]:
    """BIO tags for ``n`` tokens from token spans."""
    tags = ["O"] * n
    for start, end, label in spans:
        tags[start] = "B-" + label
        for k in range(start + 1, end):
            tags[k] = "I-" + label
    return tags


class CrfTagger:
    """Tags token feature sequences with a crfsuite model file."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite  # a small C extension; imported lazily

        self._tagger: Any = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def tag(self, feats: list[list[str]]) -> list[str]:
        """BIO tags for one sentence's feature lists."""
        if not feats:
            return []
        tags: list[str] = self._tagger.tag(feats)
        return tags


def token_spans_to_chars(tokens: Sequence[Token], spans: Sequence[Span]) -> list[Span]:
    """Character spans from token spans."""
    return [(tokens[s].start, tokens[e - 1].end, lab) for s, e, lab in spans]
