"""The built-in extractor's version, found without loading it.

The version is the code version plus a digest of the data files in use (the
CRF model when python-crfsuite is installed, and the word lists), so that
rebuilding the data invalidates cached results. It is computed here, apart
from the extractor, so that checking whether the entity index or a cached
result is current costs a few milliseconds, not a model load.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from reader.util.digest import blake2b

CODE_VERSION = "13"
"""Bump when the extraction code changes in a way that changes results."""
MODEL_FILE = "data/ner.crfsuite"
GAZETTEER_FILE = "data/gazetteers.txt"


def model_path() -> Path | None:
    """The shipped model file, or None when it is missing."""
    path = Path(str(resources.files("reader.entities").joinpath(MODEL_FILE)))
    return path if path.is_file() else None


def crf_available() -> bool:
    """True when python-crfsuite is installed (found without importing it)."""
    from importlib.util import find_spec

    return find_spec("pycrfsuite") is not None


def version_for(model: Path | None) -> str:
    """Code version plus a digest of the word lists and ``model`` (None: the rule tagger)."""
    digest = blake2b(CODE_VERSION.encode())
    digest.update(resources.files("reader.entities").joinpath(GAZETTEER_FILE).read_bytes())
    digest.update(model.read_bytes() if model is not None else b"rules")
    return f"{CODE_VERSION}-{digest.hexdigest()[:12]}"


@lru_cache(maxsize=1)
def current_version() -> str:
    """The version a default ``BuiltinExtractor`` has."""
    return version_for(model_path() if crf_available() else None)
