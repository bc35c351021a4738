"""The annotation store: tags, notes, reading state and entity corrections.

Core module: knows nothing of Textual. Everything here is the person's own
work, so every write is atomic and durable, guarded by a cross-process lock,
and a damaged file is kept and reported, never silently replaced.
"""

from reader.store.annotations import AnnotationStore, LoadReport
from reader.store.changes import Change, NoteSaved, StateEdit, TagEdit
from reader.store.errors import DamagedFile, StoreError
from reader.store.records import ArticleRecord, ArticleState, Note
from reader.store.tags import normalise_tag, parse_tag_input

__all__ = [
    "AnnotationStore",
    "ArticleRecord",
    "ArticleState",
    "Change",
    "DamagedFile",
    "LoadReport",
    "Note",
    "NoteSaved",
    "StateEdit",
    "StoreError",
    "TagEdit",
    "normalise_tag",
    "parse_tag_input",
]
