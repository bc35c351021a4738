"""The annotation store: tags, notes, reading state and entity corrections.

Core module: knows nothing of Textual. Everything here is the person's own
work, so every write is atomic and durable, guarded by a cross-process lock,
and a damaged file is kept and reported, never silently replaced.

Names are imported from their modules on first use, so that importing one
submodule (``reader.store.tags``, say) does not import the whole package.
"""

from __future__ import annotations

from reader.util.lazy import lazy_names

TYPE_CHECKING = False  # (as typing's, which commands that answer quickly do not import)
if TYPE_CHECKING:
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

_MODULE_OF = {
    "AnnotationStore": "reader.store.annotations",
    "ArticleRecord": "reader.store.records",
    "ArticleState": "reader.store.records",
    "Change": "reader.store.changes",
    "DamagedFile": "reader.store.errors",
    "LoadReport": "reader.store.annotations",
    "Note": "reader.store.records",
    "NoteSaved": "reader.store.changes",
    "StateEdit": "reader.store.changes",
    "StoreError": "reader.store.errors",
    "TagEdit": "reader.store.changes",
    "normalise_tag": "reader.store.tags",
    "parse_tag_input": "reader.store.tags",
}


__getattr__ = lazy_names(__name__, _MODULE_OF, globals())
