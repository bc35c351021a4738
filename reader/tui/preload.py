"""Reading the store and the library's metadata index while the app starts.

The reading begins in a thread as soon as the app object is built, so it runs
while Textual sets up the terminal and the first screen; the list screen then
takes the result instead of starting from nothing.
"""

from __future__ import annotations

import gc
import threading

from reader.library import ArticleMeta
from reader.session.session import Session


class Preload:
    """The store loaded and the articles as the index last saw them."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._articles: list[ArticleMeta] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="broadsheet-preload", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # Thousands of small objects are made here at once: pause the collector meanwhile.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._articles = self._session.load_cached()
        except BaseException as error:
            self._error = error
        finally:
            if was_enabled:
                gc.enable()

    def result(self) -> list[ArticleMeta] | None:
        """Wait for the reading to finish; the cached articles (None without an index).

        Raises what the reading raised (a :class:`~reader.store.StoreError`, say).
        """
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._articles
