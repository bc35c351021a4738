"""The sample articles shipped with Broadsheet, installed on first run."""

from __future__ import annotations

import shutil
from pathlib import Path

from reader.library.parsing import ARTICLE_SUFFIXES
from reader.util.paths import bundled_path

MARKER = ".samples-installed"
"""Left in the library once the samples were installed, so they come only once."""


def _has_articles(folder: Path) -> bool:
    return any(
        path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES
        for path in folder.rglob("*")
        if not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def install_samples(library: Path) -> int:
    """Copy the bundled articles into an empty ``library``; return how many were copied.

    Does nothing when the library already holds articles or once had the
    samples installed (the marker file says so).
    """
    if (library / MARKER).exists() or (library.is_dir() and _has_articles(library)):
        return 0
    source = bundled_path("articles")
    if not source.is_dir():
        return 0
    library.mkdir(parents=True, exist_ok=True)
    copied = 0
    for path in sorted(source.iterdir()):
        if path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith("."):
            target = library / path.name
            if not target.exists():
                shutil.copyfile(path, target)
                copied += 1
    (library / MARKER).write_text("The sample articles were installed here once.\n")
    return copied
