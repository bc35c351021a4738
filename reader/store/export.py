"""Exporting the annotations: JSON (everything) and Markdown that Obsidian opens as is.

Markdown: highlights as ``==quote==`` (Obsidian's highlight syntax), each
note under its quote, tags in the front matter, a "Key entities" section per
article (the top entities of each label, with their counts), orphans marked.
JSON: the schema is in the README ("Export").
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from reader.entities import LABELS, EntityGroup
from reader.library.article import ArticleMeta
from reader.store.records import ArticleRecord, Note

EXPORT_FORMAT = 2
"""Version of the JSON export's shape (2: highlights, entities, library corrections)."""
TOP_ENTITIES = 5
"""Entities per label in the Markdown "Key entities" section."""
ORPHAN_MARK = "orphan: this passage is no longer in the article"


@dataclass(frozen=True, slots=True)
class ExportedArticle:
    """One article's annotations with what is known of the article."""

    record: ArticleRecord
    title: str
    source: str
    date: str
    path: str
    in_library: bool
    entities: tuple[EntityGroup, ...] = ()
    """The article's entities, grouped and corrected, most salient first."""

    @property
    def notes(self) -> list[Note]:
        """The plain notes."""
        return [note for note in self.record.notes if not note.is_highlight]

    @property
    def highlights(self) -> list[Note]:
        """The highlights (each may carry a note)."""
        return [note for note in self.record.notes if note.is_highlight]


def gather(
    records: Iterable[ArticleRecord],
    lookup: Callable[[str], ArticleMeta | None],
    entities: Callable[[ArticleMeta], list[EntityGroup]] | None = None,
) -> list[ExportedArticle]:
    """Join records with the library's metadata (or what the record remembers of it)."""
    items = []
    for record in records:
        if record.is_empty:
            continue
        meta = lookup(record.article_id)
        items.append(
            ExportedArticle(
                record=record,
                title=meta.title if meta else record.title or record.article_id,
                source=meta.source if meta else record.source,
                date=meta.date if meta else "",
                path=meta.path if meta else record.path,
                in_library=meta is not None,
                entities=tuple(entities(meta)) if entities and meta else (),
            )
        )
    items.sort(key=lambda item: (item.date or "", item.title), reverse=True)
    return items


def _note_json(note: Note) -> dict[str, Any]:
    return note.to_doc()


def _entity_json(group: EntityGroup) -> dict[str, Any]:
    first = group.mentions[0]
    return {
        "name": group.name,
        "label": group.label,
        "count": group.count,
        "text": first.text,
        "start": first.start,
        "end": first.end,
    }


def to_json(items: list[ExportedArticle], library_corrections: Iterable[Any] = ()) -> str:
    """Every tag, note, highlight, state, correction and grouped entity, per article."""
    payload = {
        "format": EXPORT_FORMAT,
        "exported": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "library": {"corrections": [doc for doc in library_corrections]},
        "articles": [
            {
                "id": item.record.article_id,
                "title": item.title,
                "source": item.source,
                "date": item.date,
                "path": item.path,
                "in_library": item.in_library,
                "tags": item.record.tags,
                "read": item.record.state.read,
                "starred": item.record.state.starred,
                "position": item.record.state.position,
                "state": item.record.state.to_doc(),
                "notes": [_note_json(note) for note in item.notes],
                "highlights": [_note_json(note) for note in item.highlights],
                "corrections": item.record.corrections,
                "entities": [_entity_json(group) for group in item.entities],
            }
            for item in items
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _front_matter(data: dict[str, Any]) -> str:
    import yaml  # Only exports need it.

    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.splitlines())


def _highlighted(text: str) -> str:
    """``==text==`` for Obsidian, one highlight per line (the syntax does not span lines)."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(f"=={line}==" if line else "" for line in lines)


def _annotation(note: Note) -> list[str]:
    lines: list[str] = []
    if note.is_highlight:
        lines += [_highlighted(note.quote), ""]
    elif note.quote:
        lines += [_quote(note.quote), ""]
    if note.orphan:
        lines += [f"*({ORPHAN_MARK})*", ""]
    if note.text.strip():
        lines += [note.text.rstrip(), ""]
    stamp = (note.updated or note.created)[:16].replace("T", " ")
    if stamp:
        colour = f" · {note.color}" if note.is_highlight else ""
        lines += [f"*{stamp}{colour}*", ""]
    return lines


def key_entities(groups: Iterable[EntityGroup], top: int = TOP_ENTITIES) -> list[str]:
    """One line per label: its most mentioned entities with their counts."""
    by_label: dict[str, list[EntityGroup]] = {}
    for group in groups:
        by_label.setdefault(group.label, []).append(group)
    lines = []
    for label in LABELS:
        found = sorted(by_label.get(label, ()), key=lambda g: (-g.count, -g.salience, g.name))
        if found:
            shown = ", ".join(f"{group.name} ({group.count})" for group in found[:top])
            lines.append(f"- **{label}**: {shown}")
    return lines


def _article_body(item: ExportedArticle, heading: str) -> str:
    lines = [f"{heading} {item.title}", ""]
    facts = []
    if item.source:
        facts.append(f"[source]({item.source})")
    if item.date:
        facts.append(item.date[:10])
    facts.append(f"broadsheet id `{item.record.article_id}`")
    if item.record.state.starred:
        facts.append("★ starred")
    lines += [" · ".join(facts), ""]
    if item.record.tags:
        lines += [" ".join(f"#{tag}" for tag in item.record.tags), ""]
    placed = sorted(
        item.record.notes,
        key=lambda note: (note.orphan, note.start if note.start is not None else -1),
    )
    for note in placed:
        lines += _annotation(note)
    entities = key_entities(item.entities)
    if entities:
        lines += [f"{heading}# Key entities", "", *entities, ""]
    return "\n".join(lines)


def to_markdown_digest(items: list[ExportedArticle]) -> str:
    """One Markdown document with every annotated article."""
    tags = sorted({tag for item in items for tag in item.record.tags})
    head = _front_matter(
        {
            "title": "Broadsheet annotations",
            "exported": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "tags": tags,
        }
    )
    parts = [head, "# Broadsheet annotations", ""]
    parts += [_article_body(item, "##") for item in items]
    return "\n".join(parts).rstrip() + "\n"


_UNSAFE_NAME = re.compile(r"[^\w\- ]+")


def file_name(item: ExportedArticle) -> str:
    """A file name for one article's document (safe on every OS)."""
    base = _UNSAFE_NAME.sub("", item.title).strip()[:80].strip() or "article"
    return f"{base} ({item.record.article_id}).md"


def to_markdown_document(item: ExportedArticle) -> str:
    """One article's document: front matter with its tags, then its notes."""
    data: dict[str, Any] = {"title": item.title}
    if item.source:
        data["source"] = item.source
    if item.date:
        data["date"] = item.date
    data["broadsheet_id"] = item.record.article_id
    data["tags"] = item.record.tags
    data["read"] = item.record.state.read
    data["starred"] = item.record.state.starred
    return _front_matter(data) + "\n" + _article_body(item, "#").rstrip() + "\n"
