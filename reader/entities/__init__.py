"""Entity extraction: people, organisations, places, dates and figures in plain text.

This package is part of the core: it never imports Textual.

    from reader.entities import get_extractor, group_mentions
    mentions = get_extractor().extract(text)
    groups = group_mentions(text, mentions, title_end=len(title))

The names below are loaded on first use, so that importing one small module
of the package (``reader.entities.corrections``, say) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "BACKENDS": "registry",
    "LABELS": "types",
    "EntityCache": "cache",
    "EntityGroup": "types",
    "Extractor": "types",
    "Mention": "types",
    "SpacyUnavailable": "spacy_backend",
    "UnknownBackend": "registry",
    "get_extractor": "registry",
    "get_extractor_or_builtin": "registry",
    "group_mentions": "grouping",
}

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

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'reader.entities' has no attribute {name!r}")
    return getattr(import_module(f"reader.entities.{module}"), name)
