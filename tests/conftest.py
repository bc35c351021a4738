"""Shared fixtures: temporary HOME folders with real article files."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.util.paths import bundled_path
from tests.webserver import TestSite, serve

SEED_ID = "28f3322794e5"

TIERS = {
    "unit": "unit",
    "store": "store",
    "cli": "cli",
    "importing": "importing",
    "functional": "pilot",
    "snapshots": "snapshot",
    "hostile": "hostile",
}
"""Test folder -> the tier marker its tests carry (``pytest -m pilot`` runs one tier)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with its tier, from the folder it lives in."""
    for item in items:
        parts = Path(str(item.fspath)).parts
        folder = parts[parts.index("tests") + 1] if "tests" in parts else ""
        if folder in TIERS:
            item.add_marker(getattr(pytest.mark, TIERS[folder]))


@pytest.fixture(autouse=True)
def _isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test ever touches the real user data folder."""
    monkeypatch.setenv("BROADSHEET_HOME", str(tmp_path / "default-home"))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty HOME (the samples are installed on first use)."""
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def sample_home(home: Path) -> Path:
    """A HOME whose library holds the 24 sample articles."""
    library = home / "articles"
    shutil.copytree(bundled_path("articles"), library)
    (library / ".samples-installed").write_text("")
    return home


WriteArticle = Callable[..., Path]


@pytest.fixture
def write_article(tmp_path: Path) -> WriteArticle:
    """Write an article file into a library folder: ``write_article(name, text_or_bytes)``."""
    library = tmp_path / "library"
    library.mkdir(exist_ok=True)

    def write(name: str, content: str | bytes, folder: Path | None = None) -> Path:
        path = (folder or library) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


def front_matter(title: str, body: str, **fields: str) -> str:
    """A Markdown article with YAML front matter."""
    lines = ["---", f'title: "{title}"']
    lines += [f'{key}: "{value}"' for key, value in fields.items()]
    lines += ["---", "", body, ""]
    return "\n".join(lines)


@pytest.fixture
def web() -> Iterator[TestSite]:
    """A local HTTP server on 127.0.0.1 with routes added by the test (see tests/webserver.py)."""
    yield from serve()


IMPORT_FIXTURES = Path(__file__).parent / "fixtures" / "import"
"""Pages, feeds and notes written for the import tests."""
