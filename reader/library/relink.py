"""Keeping ids stable: re-read articles whose text-derived id changed get their old id back.

See ``identity`` for the sketches; the library calls :func:`relink` after
each scan, and :func:`drop_duplicate_ids` so that one id names one file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from reader.library.article import ArticleMeta
from reader.library.identity import SAME_ARTICLE, similarity

Known = Mapping[str, tuple[int, ...]] | Callable[[], Mapping[str, tuple[int, ...]]]
"""Sketches of articles with annotations, or a function that gives them when needed."""


def relink(
    fresh: list[ArticleMeta],
    kept: list[ArticleMeta],
    previous: Mapping[str, list[Any]],
    sketches: Callable[[], Mapping[str, list[int]]],
    known: Known | None,
) -> list[ArticleMeta]:
    """Give re-read articles whose text-derived id changed the id they had before.

    Candidates are the annotated articles (``known``) and the articles of the
    previous index (``previous`` with their ``sketches``, read only when needed) that are gone.
    """
    present = {meta.id for meta in kept} | {meta.id for meta in fresh}
    if not any(meta.id_origin == "text" for meta in fresh):
        return fresh
    known_map = known() if callable(known) else (known or {})
    candidates: dict[str, tuple[int, ...]] = dict(known_map)
    old_sketches = sketches()
    for relative, entry in previous.items():
        row = entry[2] if isinstance(entry, list) and len(entry) == 4 else None
        if isinstance(row, list) and row and relative in old_sketches:
            candidates[str(row[0])] = tuple(old_sketches[relative])
    vanished = {key: value for key, value in candidates.items() if key not in present}
    if not vanished:
        return fresh
    relinked: list[ArticleMeta] = []
    for meta in fresh:
        if meta.id_origin == "text" and meta.id not in candidates:
            best_id, best = "", 0.0
            for old_id, old_sketch in vanished.items():
                score = similarity(meta.sketch, old_sketch)
                if score > best:
                    best_id, best = old_id, score
            if best >= SAME_ARTICLE:
                del vanished[best_id]
                meta = dataclasses.replace(meta, id=best_id)
        relinked.append(meta)
    return relinked
