"""The progress bar of the commands that work through a list of items (``add``, ``refresh``)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

Update = Callable[[int, int, str], None]
"""``update(done, total, what)``: items done, items in all, the item being worked on."""
NAME_CELLS = 50


def keep_start(what: str) -> str:
    """A long name cut at the end (feed titles: the start says most)."""
    return what if len(what) <= NAME_CELLS else what[: NAME_CELLS - 1] + "…"


def keep_end(what: str) -> str:
    """A long name cut at the start (paths and URLs: the end says most)."""
    return what if len(what) <= NAME_CELLS else "…" + what[-(NAME_CELLS - 1) :]


@contextlib.contextmanager
def progress_bar(
    label: str, enabled: bool, *, shorten: Callable[[str], str], elapsed: bool = False
) -> Iterator[Update | None]:
    """A rich progress bar on stderr (None when disabled or stderr is not a terminal).

    The item's name is shown as plain text (never markup), shortened by ``shorten``.
    """
    from rich.console import Console

    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns: list[ProgressColumn] = [TextColumn(label), BarColumn(), MofNCompleteColumn()]
    if elapsed:
        columns.append(TimeElapsedColumn())
    columns.append(TextColumn("{task.fields[what]}", markup=False))
    with Progress(
        *columns,
        console=console,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    ) as progress:
        task = progress.add_task(label, total=None, what="")

        def update(done: int, total: int, what: str) -> None:
            progress.update(task, completed=done, total=total, what=shorten(what))

        yield update
