"""Stable article ids and the fingerprints that keep them stable.

An article's id is, in order of preference:

1. the ``id`` in its front matter;
2. a hash of its ``source`` URL (survives renames, moves and any edit);
3. a hash of its title and text.

Case 3 changes when the text changes, so the library also keeps a
*sketch* of every article (the smallest hashes of its word 3-grams, a
bottom-k MinHash). When a file's computed id is new but its sketch is close
to that of an article that has just disappeared (moved, renamed, a typo
fixed), the old id is kept. See :func:`similarity`.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import zlib
from urllib.parse import urlsplit, urlunsplit

ID_LENGTH = 12
SKETCH_SIZE = 16
SAME_ARTICLE = 0.5
"""Sketch similarity at or above which two texts are taken as one article."""

_WORD = re.compile(r"\w+")
_ID_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()[:ID_LENGTH]


def normalise_url(url: str) -> str:
    """The form of a source URL used for identity and duplicate checks.

    Scheme and host are lower-cased, the fragment and a trailing slash dropped.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = parts.path.rstrip("/") if parts.path != "/" else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def clean_id(raw: str) -> str:
    """An id given in front matter, reduced to safe characters (may be empty).

    It names a file in the annotation store, so it never starts or ends with
    a dot or a dash (``.hidden`` becomes ``hidden``, ``../../etc`` ``etc``).
    """
    return _ID_CHARS.sub("-", raw.strip())[:64].strip("-.")


def id_from_source(source: str) -> str:
    """The id of an article known by its source URL."""
    return _digest("source:" + normalise_url(source))


def id_from_text(title: str, body: str) -> str:
    """The id of an article known only by its words."""
    words = _WORD.findall((title + "\n" + body).casefold())
    return _digest("text:" + " ".join(words))


def text_hash(body: str) -> str:
    """A digest of the body's words alone (case and punctuation ignored): same text, same hash."""
    return _digest("body:" + " ".join(_WORD.findall(body.casefold())))


def article_id(front_matter_id: str, source: str, title: str, body: str) -> tuple[str, str]:
    """The id of an article and where it came from (``front``, ``source`` or ``text``)."""
    given = clean_id(front_matter_id)
    if given:
        return given, "front"
    if source.strip():
        return id_from_source(source), "source"
    return id_from_text(title, body), "text"


def sketch(text: str, size: int = SKETCH_SIZE) -> tuple[int, ...]:
    """The ``size`` smallest CRC32 hashes of the text's word 3-grams, sorted."""
    words = _WORD.findall(text.casefold())
    if len(words) < 3:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i : i + 3]) for i in range(len(words) - 2)]
    hashes = {zlib.crc32(gram.encode("utf-8")) for gram in grams}
    return tuple(sorted(heapq.nsmallest(size, hashes)))


def similarity(left: tuple[int, ...], right: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two texts from their sketches (0..1)."""
    if not left or not right:
        return 0.0
    size = max(len(left), len(right))
    union_smallest = sorted(set(left) | set(right))[:size]
    shared = set(left) & set(right)
    return sum(1 for value in union_smallest if value in shared) / size
