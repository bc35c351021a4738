"""The library: article files, their parsing, ids and the metadata index.

Core module: knows nothing of Textual.
"""

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
