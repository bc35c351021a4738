"""ReadingScreen: one article, rendered, with the reading keys."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from reader.library import ArticleError, ArticleMeta
from reader.rendering.document import Document, build_document
from reader.widgets.article_view import ArticleView


class ReadingScreen(Screen[str]):
    """Shows an article; ``J``/``K`` move through the list it was opened from.

    Dismissed with the id of the article last shown, so the list can put
    its cursor there.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to list", id="article.back"),
        Binding("J", "next_article", "Next article", id="article.next"),
        Binding("K", "previous_article", "Previous article", id="article.previous"),
    ]

    position: reactive[int] = reactive(0)
    """Index of the article shown within ``order``."""

    def __init__(self, order: list[ArticleMeta], position: int) -> None:
        super().__init__()
        self.order = order
        self.set_reactive(ReadingScreen.position, position)
        self.document: Document | None = None

    @property
    def meta(self) -> ArticleMeta:
        """The article shown."""
        return self.order[self.position]

    def compose(self) -> ComposeResult:
        """The text, a status line and the footer."""
        yield ArticleView(id="article")
        yield Static(id="status-bar")
        yield Footer()

    def on_mount(self) -> None:
        """Load the first article."""
        self.query_one(ArticleView).focus()
        self.load_article(self.meta)

    def watch_position(self) -> None:
        """Load the article at the new position."""
        self.load_article(self.meta)

    @work(thread=True, exclusive=True, group="article")
    def load_article(self, meta: ArticleMeta) -> None:
        """Read and lay out an article in a thread; results for a left article are dropped."""
        worker = get_current_worker()
        try:
            article = self.app.library.load(meta)  # type: ignore[attr-defined]
        except ArticleError as error:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, meta, str(error))
            return
        document = build_document(article)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, meta, document)

    def _failed(self, meta: ArticleMeta, reason: str) -> None:
        self.notify(
            f"{meta.path}: {reason}", title="Cannot open article", severity="error", markup=False
        )
        self.query_one("#status-bar", Static).update(Text(f" {meta.path}: {reason}"))

    def _show(self, meta: ArticleMeta, document: Document) -> None:
        if meta.id != self.meta.id:
            return
        self.document = document
        self.query_one(ArticleView).show_document(document)
        self._update_status()

    def _update_status(self) -> None:
        view = self.query_one(ArticleView)
        total = max(view.virtual_size.height - view.scrollable_content_region.height, 0)
        percent = 100 if total == 0 else round(100 * view.scroll_y / total)
        text = Text(f" {self.position + 1}/{len(self.order)} · ")
        text.append(self.meta.title)
        text.append(f" · {percent}%")
        self.query_one("#status-bar", Static).update(text)

    def on_article_view_scrolled(self) -> None:
        """Keep the position in the status line current."""
        self._update_status()

    def action_back(self) -> None:
        """Return to the list, cursor on this article."""
        self.dismiss(self.meta.id)

    def action_next_article(self) -> None:
        """Show the next article of the list."""
        if self.position + 1 < len(self.order):
            self.position += 1
        else:
            self.notify("This is the last article of the list.", timeout=2)

    def action_previous_article(self) -> None:
        """Show the previous article of the list."""
        if self.position > 0:
            self.position -= 1
        else:
            self.notify("This is the first article of the list.", timeout=2)
