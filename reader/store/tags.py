"""Tag names: normalised so that "Follow up", "follow-up" and "#FOLLOW-UP" are one tag."""

from __future__ import annotations

import re

from reader.safety import inert_line

MAX_TAG_LENGTH = 64
_SPACES = re.compile(r"\s+")


def normalise_tag(raw: str) -> str:
    """The canonical form of a tag: case-folded, inner spaces as ``-``, no ``#`` or commas.

    Any Unicode letters are kept; control characters are made visible.
    Returns an empty string for a tag that is only spaces or punctuation marks.
    """
    tag = inert_line(raw).strip().lstrip("#").replace(",", " ").casefold()
    tag = _SPACES.sub("-", tag.strip()).strip("-")
    return tag[:MAX_TAG_LENGTH]


def parse_tag_input(text: str) -> tuple[list[str], list[str]]:
    """Split what was typed in the tag prompt into tags to add and tags to remove.

    Tags are separated by commas; a leading ``-`` removes the tag.
    """
    add: list[str] = []
    remove: list[str] = []
    for part in text.split(","):
        part = part.strip()
        target = add
        if part.startswith("-"):
            target, part = remove, part[1:]
        tag = normalise_tag(part)
        if tag and tag not in target:
            target.append(tag)
    return add, remove
