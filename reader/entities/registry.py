"""Choosing an extractor by backend name, with a graceful fallback."""

from __future__ import annotations

from functools import lru_cache

from reader.entities.spacy_backend import SpacyUnavailable
from reader.entities.types import Extractor

BACKENDS: tuple[str, ...] = ("builtin", "spacy")


class UnknownBackend(ValueError):
    """The backend name is not one of BACKENDS."""


def get_extractor(backend: str = "builtin") -> Extractor:
    """The extractor for ``backend``.

    Raises SpacyUnavailable (one-line message naming the install command)
    when "spacy" is asked for but cannot be loaded, and UnknownBackend for
    an unknown name.
    """
    if backend == "builtin":
        return _builtin()
    if backend == "spacy":
        from reader.entities.spacy_backend import load_spacy

        return load_spacy()
    raise UnknownBackend(f"unknown entity backend {backend!r}; choose one of {', '.join(BACKENDS)}")


def get_extractor_or_builtin(backend: str = "builtin") -> tuple[Extractor, str | None]:
    """The extractor for ``backend``, or the built-in one with the reason why.

    Returns (extractor, message): message is None when ``backend`` was
    loaded, else a one-line explanation for the caller to print once.
    """
    try:
        return get_extractor(backend), None
    except SpacyUnavailable as exc:
        return _builtin(), f"{exc}; using the built-in extractor"


def backend_identity(backend: str) -> str:
    """``name:version`` of the extractor a backend gives, cheaply where possible.

    For the built-in extractor this reads the data files' digest without
    loading the model (the entity index uses it to see whether it is current).
    """
    if backend == "builtin":
        from reader.entities.version import current_version

        return f"builtin:{current_version()}"
    extractor, _ = get_extractor_or_builtin(backend)
    return f"{extractor.name}:{extractor.version}"


@lru_cache(maxsize=1)
def _builtin() -> Extractor:
    from reader.entities.builtin import BuiltinExtractor

    return BuiltinExtractor()
