"""Reading what the list's first frame needs while the app starts.

The reading begins in a thread as soon as the app object is built, so it runs
while Textual sets up the terminal and the first screen; the list screen then
takes the result instead of starting from nothing. It reads the store
(quickly) and the first rows of the list as last seen when they were kept for
the library index as it is now; without them, the whole index.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass

from reader.library import ArticleMeta
from reader.session.first_screen import FirstScreen
from reader.session.session import Session


@dataclass(frozen=True, slots=True)
class Preloaded:
    """What the preload read: the first screen kept, or every article as last seen."""

    first: FirstScreen | None = None
    articles: list[ArticleMeta] | None = None


class Preload:
    """The store loaded, and the list as last seen (its first screen, or all of it)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._found = Preloaded()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="broadsheet-preload", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # Thousands of small objects are made here at once: pause the collector meanwhile.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            first = self._session.load_first_screen()
            if first is not None:
                self._found = Preloaded(first=first)
            else:
                self._found = Preloaded(articles=self._session.load_cached())
        except BaseException as error:
            self._error = error
        finally:
            if was_enabled:
                gc.enable()

    def ready(self) -> Preloaded | None:
        """What the reading found if it has finished (without error), else None at once."""
        if self._thread.is_alive() or self._error is not None:
            return None
        return self._found

    def result(self) -> Preloaded:
        """Wait for the reading to finish; what it found.

        Raises what the reading raised (a :class:`~reader.store.StoreError`, say).
        """
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._found
