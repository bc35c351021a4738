"""Tag names: normalised so that "Follow up", "follow-up" and "#FOLLOW-UP" are one tag."""

from __future__ import annotations

import re
from collections.abc import Mapping

from reader.util.safety import inert_line

MAX_TAG_LENGTH = 64
_SPACES = re.compile(r"\s+")


def normalise_tag(raw: str) -> str:
    """The canonical form of a tag: case-folded, inner spaces as ``-``, no ``#`` or commas.

    Any Unicode letters are kept; control characters are made visible.
    Returns an empty string for a tag that is only spaces or punctuation marks.
    """
    tag = inert_line(raw).strip().lstrip("#").replace(",", " ").casefold()
    return _SPACES.sub("-", tag.strip()).strip("-")


def check_tag_length(tag: str) -> str:
    """``tag`` if it is at most :data:`MAX_TAG_LENGTH` characters, else :class:`StoreError`.

    Long tags are refused rather than cut: two different long tags must not
    silently become one.
    """
    if len(tag) > MAX_TAG_LENGTH:
        from reader.store.errors import StoreError

        raise StoreError(
            f"the tag {tag[:24]!r}… is {len(tag)} characters long; "
            f"tags can have at most {MAX_TAG_LENGTH}"
        )
    return tag


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


def complete_tags(partial: str, known: Mapping[str, int], limit: int = 8) -> list[str]:
    """Existing tags that match what is being typed, best first.

    Prefix matches come first, then tags containing the text, then tags whose
    letters contain it in order (fuzzy); ties go to the more used tag.
    """
    wanted = normalise_tag(partial)
    if not wanted:
        return sorted(known, key=lambda tag: (-known[tag], tag))[:limit]
    ranked: list[tuple[int, int, str]] = []
    for tag, count in known.items():
        if tag.startswith(wanted):
            rank = 0
        elif wanted in tag:
            rank = 1
        elif _in_order(wanted, tag):
            rank = 2
        else:
            continue
        ranked.append((rank, -count, tag))
    ranked.sort()
    return [tag for _, _, tag in ranked[:limit]]


def _in_order(letters: str, text: str) -> bool:
    position = 0
    for letter in letters:
        position = text.find(letter, position) + 1
        if position == 0:
            return False
    return True
