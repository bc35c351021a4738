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
        """Show a snippet (None hides the line)."""
        if snippet is None or not snippet.text:
            self.remove_class("-active")
            self.update("")
            return
        text = Text(inert_line(snippet.text), no_wrap=False)
        style = self.get_component_rich_style("snippet-line--match", partial=True)
        for start, end in snippet.marks:
            text.stylize(style, start, end)
        self.update(text)
        self.add_class("-active")
