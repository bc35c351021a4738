"""Where Broadsheet keeps things: the data folder (HOME) and what is in it.

HOME is chosen by ``--home``, else the ``BROADSHEET_HOME`` environment
variable, else the platform's user data folder for "broadsheet".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

HOME_ENV = "BROADSHEET_HOME"


@dataclass(frozen=True, slots=True)
class Paths:
    """The folders and files under one HOME."""

    home: Path
    library: Path

    @property
    def cache(self) -> Path:
        """Derived data, safe to delete: rebuilt on demand."""
        return self.home / "cache"

    @property
    def annotations(self) -> Path:
        """The folder of TinyDB files holding the person's own work."""
        return self.home / "annotations"

    @property
    def config_file(self) -> Path:
        """The TOML configuration file (quick tags, extractor choice)."""
        return self.home / "config.toml"

    @property
    def library_index(self) -> Path:
        """The metadata index of the library (derived, in the cache)."""
        return self.cache / "library-index.json"

    @property
    def uses_default_library(self) -> bool:
        """True when the library is HOME/articles (samples may be installed there)."""
        return self.library == self.home / "articles"


def resolve_home(home: Path | str | None = None) -> Path:
    """Return the data folder: the argument, else $BROADSHEET_HOME, else the platform default."""
    if home is not None and str(home) != "":
        return Path(home).expanduser().absolute()
    env = os.environ.get(HOME_ENV, "")
    if env:
        return Path(env).expanduser().absolute()
    from platformdirs import user_data_dir  # (only when no HOME was given)

    return Path(user_data_dir("broadsheet", appauthor=False))


def resolve_paths(home: Path | str | None = None, library: Path | str | None = None) -> Paths:
    """Build the :class:`Paths` for a HOME and an optional other library folder."""
    home_path = resolve_home(home)
    if library is not None and str(library) != "":
        library_path = Path(library).expanduser().absolute()
    else:
        library_path = home_path / "articles"
    return Paths(home=home_path, library=library_path)


def bundled_path(name: str) -> Path:
    """A folder shipped with Broadsheet (``articles`` or ``styles``).

    In a wheel they live in ``reader/_bundled/``; in a source checkout
    (editable install) at the top of the repository.
    """
    package_dir = Path(__file__).resolve().parents[1]  # reader/
    inside = package_dir / "_bundled" / name
    if inside.is_dir():
        return inside
    return package_dir.parent / name
