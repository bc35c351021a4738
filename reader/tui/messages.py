"""Messages the app sends to every screen."""

from __future__ import annotations

from textual.message import Message


class AnnotationsChanged(Message):
    """Tags, notes or state of these articles changed (``None``: possibly all of them)."""

    def __init__(self, article_ids: set[str] | None) -> None:
        super().__init__()
        self.article_ids = article_ids
