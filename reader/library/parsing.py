"""Reading one article file: encodings, front matter, title, body.

Never raises anything but :class:`ArticleError` (a one-line reason the file
cannot be used). Oddities that still leave a usable article (broken front
matter, a bad date, a legacy encoding) become ``Article.warnings``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader.library.article import Article, ArticleMeta
from reader.library.identity import article_id, sketch, text_hash
from reader.util.files import FileReadError, read_limited
from reader.util.safety import inert, inert_line, normalise_newlines

MAX_ARTICLE_BYTES = 2 * 1024 * 1024
"""Files larger than this are reported and skipped (about 330,000 words)."""

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_TITLE = 300


MAX_FRONT_MATTER = 64 * 1024
"""A front matter block longer than this is not parsed (a title and a few fields fit easily)."""


@lru_cache(maxsize=1)
def _yaml() -> tuple[Any, Any, Any]:
    """PyYAML with two front-matter loaders, imported on first use (it costs start-up time).

    Both are safe loaders that keep dates as text (``_iso_date`` checks them,
    so ``date: 2021-02-30`` is a warning, not a crash). The guarded one
    refuses anchors and aliases, so a "billion laughs" block or a recursive
    alias cannot blow up; the fast one (libyaml) is used only for blocks
    without ``&`` or ``*``, which cannot hold either.
    """
    import yaml

    def as_text(loader: Any, node: Any) -> Any:
        return loader.construct_scalar(node)

    class GuardedLoader(yaml.SafeLoader):
        """The pure-Python safe loader, without anchors and aliases."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise yaml.composer.ComposerError(
                    None, None, "anchors and aliases are not allowed", event.start_mark
                )
            return super().compose_node(parent, index)

    fast_base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class FastLoader(fast_base):  # type: ignore[misc, valid-type]
        """libyaml's safe loader (where available), for blocks without anchors."""

    for loader in (GuardedLoader, FastLoader):
        loader.add_constructor("tag:yaml.org,2002:timestamp", as_text)
    return yaml, FastLoader, GuardedLoader


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


class ArticleError(Exception):
    """A file that cannot be read as an article; the message says why, in one line."""


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes; return the text and a warning if a fallback was used.

    UTF-8 (with or without BOM) first, UTF-16 when a BOM says so, then
    Windows-1252, then Latin-1 (which accepts any bytes).
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as error:
            raise ArticleError(
                f"not valid UTF-16 despite its byte-order mark ({error.reason})"
            ) from None
    if b"\x00" in data[:8192]:
        raise ArticleError("binary file, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "not UTF-8; read as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8; read as Latin-1"


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
"""Control characters other than tab, newline, form feed and carriage return."""


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    return len(_CONTROLS.findall(sample)) / len(sample) > 0.1


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_as_text(item) for item in value)
    return str(value).strip()


def _iso_date(value: Any) -> tuple[str, str | None]:
    """Normalise a front-matter date to ISO 8601; return a warning when it is not one."""
    if value is None or value == "":
        return "", None
    if isinstance(value, dt.datetime):
        return value.isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    raw = str(value).strip()
    if len(raw) == 10:
        try:
            return dt.date.fromisoformat(raw).isoformat(), None
        except ValueError:
            pass
    try:
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat(), None
    except ValueError:
        return "", f"date {inert_line(raw)[:40]!r} is not ISO 8601; ignored"


def _tags(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else str(value).split(",")
    tags = (" ".join(inert_line(_as_text(item)).split()).casefold() for item in items)
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, str | None]:
    """Split ``text`` into front matter, body and a warning.

    Returns ``(None, text, None)`` when there is no front matter block, and
    ``(None, body, warning)`` when the block is there but is not a YAML mapping.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None, text, None
    body = text[match.end() :]
    block = match.group(1) or ""
    if len(block) > MAX_FRONT_MATTER:
        return None, body, "front matter is over 64 KB; read without it"
    yaml, fast, guarded = _yaml()
    loader = guarded if "&" in block or "*" in block else fast
    try:
        data = yaml.load(block, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        if "anchors and aliases" in str(error):
            return None, body, f"front matter uses YAML anchors or aliases{where}; read without it"
        return None, body, f"front matter is not valid YAML{where}; read without it"
    except (RecursionError, MemoryError):
        return None, body, "front matter is nested too deeply; read without it"
    except Exception as error:  # Any other oddity of one file is that file's warning.
        return (
            None,
            body,
            f"front matter could not be read ({type(error).__name__}); read without it",
        )
    if data is None:
        return {}, body, None
    if not isinstance(data, dict):
        return None, body, "front matter is not a set of key: value pairs; read without it"
    return {str(key): value for key, value in data.items()}, body, None


def _title_from_body(body: str, kind: str) -> tuple[str, str]:
    """Take a title from the first heading or first line; return it and the rest of the body."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        heading = _HEADING.match(line) if kind == "markdown" else None
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if heading:
            title = heading.group(2)
            rest_start = index + 1
        elif kind == "markdown" and _SETEXT.match(next_line) and next_line.strip()[0] == "=":
            title = line.strip()
            rest_start = index + 2
        else:
            title = line.strip()
            rest_start = index + 1
            if len(title) > MAX_TITLE:
                return title[:80].rstrip() + "…", body
        return title, "\n".join(lines[rest_start:])
    return "", body


def parse_article(text: str, relative_path: str, kind: str, *, with_sketch: bool = True) -> Article:
    """Parse decoded file text into an :class:`Article` (no I/O).

    ``with_sketch=False`` leaves the similarity sketch out (reading an article
    the library already knows: the sketch is only needed to re-attach edits).
    """
    text = inert(normalise_newlines(text))
    if not text.strip():
        raise ArticleError("empty file")
    warnings: list[str] = []
    front: dict[str, Any] | None = None
    body = text
    if kind == "markdown" or text.startswith("---"):
        front, body, warning = split_front_matter(text)
        if warning:
            warnings.append(warning)
    front = front or {}
    title = inert_line(_as_text(front.get("title")))
    if not title:
        title, body = _title_from_body(body, kind)
        title = inert_line(title)
    body = body.strip("\n")
    if not title and not body.strip():
        raise ArticleError("no text besides front matter")
    date, date_warning = _iso_date(front.get("date"))
    if date_warning:
        warnings.append(date_warning)
    source = inert_line(_as_text(front.get("source")))
    identifier, origin = article_id(_as_text(front.get("id")), source, title, body)
    meta = ArticleMeta(
        id=identifier,
        id_origin=origin,
        path=relative_path,
        title=title[:MAX_TITLE] or "(untitled)",
        date=date,
        source=source,
        author=inert_line(_as_text(front.get("author"))),
        license=inert_line(_as_text(front.get("license"))),
        attribution=inert_line(_as_text(front.get("attribution"))),
        words=len(body.split()),
        tags=_tags(front.get("tags")),
        sketch=sketch(title + "\n" + body) if with_sketch else (),
        text_hash=text_hash(body),
    )
    return Article(meta=meta, body=body, kind=kind, warnings=tuple(warnings))


def kind_of(path: Path) -> str:
    """``"markdown"`` or ``"text"``, from the file name."""
    return "text" if path.suffix.lower() == ".txt" else "markdown"


def load_article(
    path: Path, relative_path: str | None = None, *, with_sketch: bool = True
) -> Article:
    """Read and parse one article file; raise :class:`ArticleError` with the reason."""
    try:
        data = read_limited(path, MAX_ARTICLE_BYTES)
    except FileReadError as error:
        raise ArticleError(str(error)) from None
    text, warning = decode(data)
    if _looks_binary(text):
        raise ArticleError("binary file, not text")
    article = parse_article(
        text, relative_path or path.name, kind_of(path), with_sketch=with_sketch
    )
    if warning:
        return Article(article.meta, article.body, article.kind, (warning, *article.warnings))
    return article
