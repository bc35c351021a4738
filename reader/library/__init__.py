"""The library: article files, their parsing, ids and the metadata index.

Core module: knows nothing of Textual.

Names are imported from their modules on first use, so that importing one
submodule (``reader.library.article``, say) does not import the whole package.
"""

from __future__ import annotations

from reader.util.lazy import lazy_names

TYPE_CHECKING = False  # (as typing's, which commands that answer quickly do not import)
if TYPE_CHECKING:
    from reader.library.article import Article, ArticleMeta
    from reader.library.catalog import Library, LookupFailed, Problem, ScanResult
    from reader.library.parsing import ArticleError, load_article, parse_article

__all__ = [
    "Article",
    "ArticleError",
    "ArticleMeta",
    "Library",
    "LookupFailed",
    "Problem",
    "ScanResult",
    "load_article",
    "parse_article",
]

_MODULE_OF = {
    "Article": "reader.library.article",
    "ArticleError": "reader.library.parsing",
    "ArticleMeta": "reader.library.article",
    "Library": "reader.library.catalog",
    "LookupFailed": "reader.library.catalog",
    "Problem": "reader.library.catalog",
    "ScanResult": "reader.library.catalog",
    "load_article": "reader.library.parsing",
    "parse_article": "reader.library.parsing",
}


__getattr__ = lazy_names(__name__, _MODULE_OF, globals())
