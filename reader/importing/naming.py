"""File names for imported articles: ``DATE-title-words.md``, safe on every system.

Only lower-case ASCII letters, digits and hyphens (accents are folded,
other scripts dropped), at most :data:`MAX_SLUG` characters cut at a word
boundary, never a name Windows reserves (``con``, ``nul``, ``com1``…), and
never the name of a file already there, compared without case (so two
names cannot clash on macOS or Windows either).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

MAX_SLUG = 60
SUFFIX = ".md"
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def slug(title: str, limit: int = MAX_SLUG) -> str:
    """``"Ça coûte 10 €!"`` → ``"ca-coute-10"``: ASCII words joined by hyphens, length-limited."""
    title = title.replace("'", "").replace("\u2019", "")  # "Warholm's" → "warholms"
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    if len(text) > limit:
        cut = text[: limit + 1]
        text = cut[: cut.rfind("-")] if cut.rfind("-") >= limit // 2 else text[:limit]
        text = text.strip("-")
    return text


def base_name(title: str, date: str, fallback: str) -> str:
    """The name before any collision suffix: date (if ISO) and title slug, or ``fallback``."""
    words = slug(title) or fallback
    if words in WINDOWS_RESERVED:
        words += "-article"
    day = date[:10]
    return f"{day}-{words}" if _DATE.fullmatch(day) else words


def unique_name(base: str, taken: Callable[[str], bool]) -> str:
    """``base.md``, else ``base-2.md``, ``base-3.md``… the first not ``taken`` (lower-cased)."""
    candidate = base + SUFFIX
    number = 2
    while taken(candidate.lower()):
        candidate = f"{base}-{number}{SUFFIX}"
        number += 1
    return candidate
