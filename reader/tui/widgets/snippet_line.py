"""SnippetLine: under the list, the passage of the current article that the search matched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from reader.util.safety import inert_line

if TYPE_CHECKING:
    from reader.search.index import Snippet


class SnippetLine(Static):
    """One or two lines of plain text with the matched words marked; hidden when empty."""

    COMPONENT_CLASSES = {"snippet-line--match"}

    def show(self, snippet: Snippet | None) -> None:
        """Show a snippet (None hides the line).

        A new snippet as tall as the one shown is only repainted: the screen is
        laid out again only when the line appears, goes or changes height.
        """
        if snippet is None or not snippet.text:
            if self.has_class("-active"):
                self.remove_class("-active")
                self.update("")
            return
        text = Text(inert_line(snippet.text), no_wrap=False)
        style = self.get_component_rich_style("snippet-line--match", partial=True)
        for start, end in snippet.marks:
            text.stylize(style, start, end)
        if not self.has_class("-active"):
            self.update(text)
            self.add_class("-active")
            return
        self.update(text, layout=self._height_of(text) != self.content_size.height)

    def _height_of(self, text: Text) -> int:
        """The lines ``text`` takes at the current width, at most ``max-height`` (0: unknown)."""
        width = self.content_size.width
        if width <= 0:
            return 0
        lines = len(text.wrap(self.app.console, width))
        limit = self.styles.max_height
        return min(lines, int(limit.value)) if limit is not None and limit.is_cells else lines
