"""Entity extraction: people, organisations, places, dates and figures in plain text.

This package is part of the core: it never imports Textual.

    from reader.entities import get_extractor, group_mentions
    mentions = get_extractor().extract(text)
    groups = group_mentions(text, mentions, title_end=len(title))
"""

from reader.entities.cache import EntityCache
from reader.entities.grouping import group_mentions
from reader.entities.registry import (
    BACKENDS,
    UnknownBackend,
    get_extractor,
    get_extractor_or_builtin,
)
from reader.entities.spacy_backend import SpacyUnavailable
from reader.entities.types import LABELS, EntityGroup, Extractor, Mention

__all__ = [
    "BACKENDS",
    "LABELS",
    "EntityCache",
    "EntityGroup",
    "Extractor",
    "Mention",
    "SpacyUnavailable",
    "UnknownBackend",
    "get_extractor",
    "get_extractor_or_builtin",
    "group_mentions",
]
