"""Running an import: the steps in order, one outcome each, progress as it goes.

One failure never stops the rest: each step's :class:`ImportFailure` (and,
as a last resort, any unexpected error) becomes a *failed* outcome with a
one-line reason, and the next step runs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from reader.importing.article_file import NewArticle
from reader.importing.options import ImportOptions
from reader.importing.report import ImportFailure, ImportReport, Outcome
from reader.importing.store import Duplicate, LibraryWriter
from reader.importing.tasks import Context, Expanded, Step, step_for_target

ProgressCallback = Callable[[int, int, str], None]
"""Called as ``progress(done, total, what)``: ``total`` grows as folders and feeds are opened."""
OutcomeCallback = Callable[[Outcome], None]
"""Called with each outcome as soon as it is known (the app adds articles to its list)."""


def _store(writer: LibraryWriter, article: NewArticle, what: str) -> Outcome:
    try:
        stored = writer.add(article)
    except OSError as error:
        return Outcome("failed", what, f"cannot write to the library ({error.strerror or error})")
    except ValueError as error:
        return Outcome("failed", what, str(error))
    if isinstance(stored, Duplicate):
        return Outcome("skipped", what, stored.reason)
    return Outcome("added", what, meta=stored)


def run_steps(
    steps: Iterable[Step],
    writer: LibraryWriter,
    options: ImportOptions | None = None,
    *,
    progress: ProgressCallback | None = None,
    on_outcome: OutcomeCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    report: ImportReport | None = None,
) -> ImportReport:
    """Run every step (and the steps they lead to), in order; return the report.

    Outcomes are recorded in ``report`` when one is given (so that a caller
    interrupted with Ctrl-C still has what was done so far).
    """
    context = Context(writer, options or ImportOptions())
    queue: deque[Step] = deque(steps)
    report = report if report is not None else ImportReport()
    done = 0
    try:
        while queue:
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            step = queue.popleft()
            what = step.what
            if progress is not None:  # name the item while it is being worked on
                progress(done, done + len(queue) + 1, what)
            try:
                result = step.run(context)
            except ImportFailure as error:
                outcome = Outcome("failed", what, str(error))
            except Exception as error:  # a bug must not stop the rest of the import
                outcome = Outcome(
                    "failed", what, f"unexpected error ({type(error).__name__}: {error})"
                )
            else:
                if isinstance(result, Expanded):
                    queue.extendleft(reversed(result.steps))
                    if progress is not None:
                        progress(done, done + len(queue), what)
                    continue
                if isinstance(result, Duplicate):
                    outcome = Outcome("skipped", what, result.reason)
                else:
                    outcome = _store(writer, result, what)
            report.record(outcome)
            done += 1
            if on_outcome is not None:
                on_outcome(outcome)
            if progress is not None:
                progress(done, done + len(queue), what)
    finally:
        context.close()
    return report


def import_targets(
    targets: Iterable[str],
    writer: LibraryWriter,
    options: ImportOptions | None = None,
    *,
    progress: ProgressCallback | None = None,
    on_outcome: OutcomeCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    report: ImportReport | None = None,
) -> ImportReport:
    """Import paths and URLs (as typed) into the writer's library; return the report."""
    return run_steps(
        [step_for_target(target) for target in targets],
        writer,
        options,
        progress=progress,
        on_outcome=on_outcome,
        cancelled=cancelled,
        report=report,
    )
