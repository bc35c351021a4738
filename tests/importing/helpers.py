"""Running an import into a temporary library and reading back what it wrote."""

from __future__ import annotations

from pathlib import Path

from reader.importing.options import ImportOptions, Limits
from reader.importing.report import ImportReport
from reader.importing.runner import import_targets
from reader.importing.store import LibraryWriter
from reader.library import Article, Library, load_article


def run_import(
    library: Path,
    *targets: str | Path,
    fetch: bool = False,
    timeout: float = 2.0,
    max_bytes: int = 10 * 1024 * 1024,
) -> ImportReport:
    """Import into ``library`` the way ``broadsheet add`` does (knowing what is there already)."""
    existing = Library(library)
    existing.scan()
    writer = LibraryWriter(library, existing.articles, durable=False)
    options = ImportOptions(fetch_pages=fetch, limits=Limits(timeout=timeout, max_bytes=max_bytes))
    return import_targets([str(target) for target in targets], writer, options)


def stored(library: Path) -> dict[str, Article]:
    """Every article file in the library, by title."""
    articles = [load_article(path, path.name) for path in sorted(library.glob("*.md"))]
    return {article.title: article for article in articles}


def reasons(report: ImportReport, status: str = "failed") -> dict[str, str]:
    """What → why for the outcomes of one status."""
    return {outcome.what: outcome.why for outcome in report.outcomes if outcome.status == status}
