"""How an import runs: the limits on each download and whether to fetch entry pages.

Kept apart from the rest of the package (which loads trafilatura, feedparser
and urllib3) so the app can hold an import's options without loading them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Limits:
    """What one download may take: seconds in all, bytes of body, redirects followed."""

    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to import: ``fetch_pages`` also downloads each feed entry's page (``--fetch``)."""

    fetch_pages: bool = False
    limits: Limits = field(default_factory=Limits)
