"""Exporting the annotations: JSON (everything) and Markdown that Obsidian opens as is."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from reader.library.article import ArticleMeta
from reader.store.records import ArticleRecord, Note


@dataclass(frozen=True, slots=True)
class ExportedArticle:
    """One article's annotations with what is known of the article."""

    record: ArticleRecord
    title: str
    source: str
    date: str
    path: str
    in_library: bool


def gather(
    records: Iterable[ArticleRecord], lookup: Callable[[str], ArticleMeta | None]
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
            )
        )
    items.sort(key=lambda item: (item.date or "", item.title), reverse=True)
    return items


def _note_json(note: Note) -> dict[str, Any]:
    return note.to_doc()


def to_json(items: list[ExportedArticle]) -> str:
    """Every tag, note and state, with each article's id, title and source."""
    payload = {
        "exported": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
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
                "notes": [_note_json(note) for note in item.record.notes],
                "corrections": item.record.corrections,
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
    for note in item.record.notes:
        if note.quote:
            lines += [_quote(note.quote), ""]
        lines += [note.text.rstrip(), ""]
        if note.updated:
            lines += [f"*{note.updated[:16].replace('T', ' ')}*", ""]
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
