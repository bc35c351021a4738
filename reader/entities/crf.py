"""The learned sequence tagger: a linear-chain CRF run by python-crfsuite."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from itertools import compress, repeat
from operator import add, lt, ne, sub
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
    last = -1  # the token before the one looked at, when it was not "O"
    for i in compress(range(len(tags)), map(ne, tags, repeat("O"))):
        if label and last != i - 1:
            spans.append((start, last + 1, label))  # closed by an "O"
            label = ""
        prefix, _, lab = tags[i].partition("-")
        if label and (prefix != "I" or lab != label):
            spans.append((start, i, label))
            label = ""
        if prefix in ("B", "I") and not label:
            label, start = lab, i
        last = i
    if label:
        spans.append((start, last + 1, label))
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
        self.attributes: frozenset[bytes] | None = model_attributes(Path(path).read_bytes())
        """The feature names the model knows (None if the file could not be read for them)."""

    def tag(self, feats: list[list[Any]]) -> list[str]:
        """BIO tags for one sentence's feature lists (``str`` or UTF-8 ``bytes``)."""
        if not feats:
            return []
        tags: list[str] = self._tagger.tag(feats)
        return tags


_ONES = repeat(1)
_EIGHTS = repeat(8)


def model_attributes(data: bytes) -> frozenset[bytes] | None:
    """The attribute (feature) names in a crfsuite CRF1d model file, or None.

    Features the model does not know weigh nothing, so a caller may leave
    them out. The names are read from the file's attribute table (a CQDB
    chunk: its records follow one another in id order, each an id, a length
    and the NUL-terminated name).
    """
    try:
        magic, _, kind, _, _, _, n_attrs, _, _, offset, _, _ = struct.unpack_from(
            "<4sI4sI8I", data, 0
        )
        chunk, _, _, _, size, backward = struct.unpack_from("<4sIIIII", data, offset)
        if magic != b"lCRF" or kind != b"FOMC" or chunk != b"CQDB" or size != n_attrs:
            return None
        starts = list(struct.unpack_from(f"<{size}I", data, offset + backward))
        if not starts:
            return frozenset()
        chunk = data[offset:]
        last = starts[-1]
        (length,) = struct.unpack_from("<I", chunk, last + 4)
        ends = [*starts[1:], last + 8 + length]
        # every name ends with a NUL just before the next record
        if not all(map(lt, starts, ends)) or any(map(chunk.__getitem__, map(sub, ends, _ONES))):
            return None  # not laid out as expected: do without
        return frozenset(
            map(chunk.__getitem__, map(slice, map(add, starts, _EIGHTS), map(sub, ends, _ONES)))
        )
    except (struct.error, IndexError):
        return None


def token_spans_to_chars(tokens: Sequence[Token], spans: Sequence[Span]) -> list[Span]:
    """Character spans from token spans."""
    return [(tokens[s].start, tokens[e - 1].end, lab) for s, e, lab in spans]
