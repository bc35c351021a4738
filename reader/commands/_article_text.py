"""Minimal article loading for the entity commands.

TEMPORARY: replace with ``reader.library`` once it lands on main. It turns
a .md file (optional YAML front matter) or a .txt file into the plain text
the extractor sees: the title, a blank line, then the body without Markdown
syntax, blocks separated by a blank line.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])"), r"\2"),
]
_BLOCK_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")


def load_article_text(path: Path) -> tuple[str, int]:
    """(plain text, end offset of the title) of the article file at ``path``."""
    raw = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    title = ""
    m = _FRONT.match(raw)
    if m:
        meta = yaml.safe_load(m.group(1))
        if isinstance(meta, dict) and meta.get("title"):
            title = str(meta["title"]).strip()
        raw = raw[m.end() :]
    blocks = [_plain(b) for b in re.split(r"\n\s*\n", raw)]
    blocks = [b for b in blocks if b]
    if not title and blocks:
        title, blocks = blocks[0], blocks[1:]
    elif blocks and blocks[0] == title:
        blocks = blocks[1:]
    text = "\n\n".join([title, *blocks]) if blocks else title
    return text, len(title)


def _plain(block: str) -> str:
    lines = []
    for line in block.split("\n"):
        if re.match(r"^\s*(```|~~~|---+\s*$|\*\*\*+\s*$)", line):
            continue
        line = _BLOCK_PREFIX.sub("", line)
        for rx, sub in _INLINE:
            line = rx.sub(sub, line)
        lines.append(line.strip())
    return " ".join(x for x in lines if x)
