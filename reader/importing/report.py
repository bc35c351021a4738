"""What an import did: one outcome per item, and the counts.

Every item of an import ends as *added* (a new file in the library),
*skipped* (already there) or *failed* (with a one-line reason). Nothing here
prints: the command line and the app each present an :class:`ImportReport`
in their own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.library.article import ArticleMeta
from reader.util.safety import inert_line

MAX_WHAT = 120
"""Longest description of an item in a report line (longer ones are shortened)."""


class ImportFailure(Exception):
    """An item that cannot be imported; the message says why, in one line."""


def describe(text: str) -> str:
    """An item's description made safe for a one-line report (inert, one line, not too long)."""
    line = " ".join(inert_line(text).split())
    return line if len(line) <= MAX_WHAT else line[: MAX_WHAT - 1] + "…"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one item: ``status`` is ``added``, ``skipped`` or ``failed``.

    ``what`` names the item (a path, a URL, a feed entry); ``why`` is the
    reason for a skip or a failure; ``meta`` is the stored article when added.
    """

    status: str
    what: str
    why: str = ""
    meta: ArticleMeta | None = None

    def __post_init__(self) -> None:
        # Both are shown on terminals and screens; either may hold a file name,
        # a URL, a feed field or an exception's text: untrusted.
        object.__setattr__(self, "what", inert_line(self.what))
        object.__setattr__(self, "why", inert_line(self.why))

    def line(self) -> str:
        """``WHAT: WHY`` (or just the title and file of an added article)."""
        if self.meta is not None:
            return f"{self.meta.title} ({self.meta.path})"
        return f"{self.what}: {self.why}" if self.why else self.what


@dataclass(slots=True)
class ImportReport:
    """Every outcome of one import, in the order the items were handled."""

    outcomes: list[Outcome] = field(default_factory=list)
    cancelled: bool = False

    def record(self, outcome: Outcome) -> None:
        """Add one item's outcome."""
        self.outcomes.append(outcome)

    def _with(self, status: str) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == status]

    @property
    def added(self) -> list[Outcome]:
        """The items stored as new articles."""
        return self._with("added")

    @property
    def skipped(self) -> list[Outcome]:
        """The items already in the library."""
        return self._with("skipped")

    @property
    def failed(self) -> list[Outcome]:
        """The items that could not be imported."""
        return self._with("failed")

    @property
    def ok(self) -> bool:
        """True when nothing failed (and the import was not interrupted)."""
        return not self.failed and not self.cancelled

    def summary(self) -> str:
        """One line: how many were added, skipped and failed."""
        added, skipped, failed = len(self.added), len(self.skipped), len(self.failed)
        noun = "article" if added == 1 else "articles"
        text = f"Added {added} {noun}, skipped {skipped} already in the library, failed {failed}."
        if self.cancelled:
            text += " Stopped before the end."
        return text

    def notification(self, limit: int = 4) -> str:
        """The summary, then up to ``limit`` failure lines (for the app's notification)."""
        lines = [self.summary()]
        lines += [outcome.line() for outcome in self.failed[:limit]]
        more = len(self.failed) - limit
        if more > 0:
            lines.append(f"… and {more} more failures (`broadsheet add` lists them all)")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form (``broadsheet add --json``)."""
        return {
            "added": [
                {
                    "id": outcome.meta.id,
                    "title": outcome.meta.title,
                    "path": outcome.meta.path,
                    "source": outcome.meta.source,
                    "from": outcome.what,
                }
                for outcome in self.added
                if outcome.meta is not None
            ],
            "skipped": [{"what": o.what, "why": o.why} for o in self.skipped],
            "failed": [{"what": o.what, "why": o.why} for o in self.failed],
            "cancelled": self.cancelled,
        }
