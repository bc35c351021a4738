"""Schema versions of the annotation files, and the migrations between them.

- Version 1: one file ``HOME/annotations.json`` with tables ``tags``,
  ``notes`` and ``state`` whose documents carry an ``article`` field, and a
  ``meta`` table ``{"schema": 1}``.
- Version 2 (current): a folder ``HOME/annotations/`` with one TinyDB file per
  article (see ``records``) and ``library.json`` for library-wide data; every
  file's ``meta`` table holds ``{"schema": 2, ...}``.

Each migration takes a version's data to the next one. A file whose schema
is newer than :data:`SCHEMA_VERSION` is treated as damaged (never rewritten).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.store.errors import DamagedFileError
from reader.store.storage import Tables

SCHEMA_VERSION = 2

ArticleMigration = Callable[[Tables], Tables]
ARTICLE_MIGRATIONS: dict[int, ArticleMigration] = {}
"""Per-article file migrations: version N -> N+1 (none yet beyond the layout change)."""


def schema_of(tables: Tables) -> int | str:
    """The schema version recorded in a file's ``meta`` table (1 if absent).

    A recorded value that is not a whole number (``"two"``, ``true``, ``2.5``)
    is returned as text: it is an unknown version, never read as another one.
    """
    meta = tables.get("meta") or {}
    for doc in meta.values():
        if isinstance(doc, dict) and "schema" in doc:
            value = doc["schema"]
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            return repr(value)[:40]
    return 1


def check_and_upgrade(path: Path, tables: Tables) -> tuple[Tables, bool]:
    """Validate an article file's schema; migrate it in memory if it is older.

    Returns the tables and whether they changed. Raises
    :class:`DamagedFileError` for an unknown (newer or invalid) version: such
    a file is never rewritten.
    """
    version = schema_of(tables)
    if isinstance(version, str) or version > SCHEMA_VERSION or version < 1:
        raise DamagedFileError(
            path,
            f"has schema version {version}, which this Broadsheet does not know "
            f"(it reads up to {SCHEMA_VERSION}; was it written by a newer version?)",
        )
    changed = False
    while version < SCHEMA_VERSION:
        migration = ARTICLE_MIGRATIONS.get(version)
        if migration is None:
            version = SCHEMA_VERSION  # No change to the per-article format itself.
        else:
            tables = migration(tables)
            version += 1
        changed = True
    if changed:
        set_schema(tables, SCHEMA_VERSION)
    return tables, changed


def set_schema(tables: Tables, version: int) -> None:
    """Record ``version`` in the ``meta`` table's first document."""
    meta = tables.setdefault("meta", {})
    if meta:
        first = min(meta, key=int)
        meta[first]["schema"] = version
    else:
        meta["1"] = {"schema": version}


def split_single_file(tables: Tables) -> dict[str, Tables]:
    """Migration 1 -> 2: split the single-file layout into one set of tables per article."""
    per_article: dict[str, Tables] = {}

    def target(doc: dict[str, Any]) -> Tables | None:
        article = doc.get("article") or doc.get("article_id")
        if not isinstance(article, str) or not article:
            return None
        return per_article.setdefault(
            article, {"meta": {"1": {"schema": SCHEMA_VERSION, "article": article}}}
        )

    for table_name in ("tags", "notes", "state", "corrections"):
        for doc in (tables.get(table_name) or {}).values():
            if not isinstance(doc, dict):
                continue
            article_tables = target(doc)
            if article_tables is None:
                continue
            clean = {
                key: value for key, value in doc.items() if key not in ("article", "article_id")
            }
            for key in ("title", "source", "path"):
                if key in doc and table_name == "state":
                    article_tables["meta"]["1"][key] = doc[key]
            table = article_tables.setdefault(table_name, {})
            table[str(len(table) + 1)] = clean
    return per_article
