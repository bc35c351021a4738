"""Shared fixtures: temporary HOME folders with real article files."""

from __future__ import annotations

import shutil
import subprocess
import sys
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


PILOT_IDLE_STEP = 1 / 200
"""Seconds between Textual's checks that the app has gone idle (its own default is 1/50)."""


def pytest_configure(config: pytest.Config) -> None:
    """Let Pilot see sooner that the app has finished with a key.

    After every key it sends, Textual's Pilot waits until the process is idle: it
    sleeps in steps of ``SLEEP_GRANULARITY`` until one step passes with less than
    ``SLEEP_IDLE`` (1 ms) of CPU time, twice per key. At the default step of 20 ms
    every key costs at least 40 ms even when the app handled it at once, most of the
    time of the Pilot tests. Steps of 5 ms keep the same test (the same 1 ms of CPU,
    so a busy app still reads as busy) and only stop waiting sooner. Tests that need
    background work to finish wait for it (``settle`` waits for the workers).
    """
    import textual._wait

    if hasattr(textual._wait, "SLEEP_GRANULARITY"):
        textual._wait.SLEEP_GRANULARITY = PILOT_IDLE_STEP


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


def _install_samples(home: Path) -> None:
    library = home / "articles"
    shutil.copytree(bundled_path("articles"), library)
    (library / ".samples-installed").write_text("")


@pytest.fixture(scope="session")
def _sample_indexes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache folder of a HOME of the samples after a real ``broadsheet index`` (built once)."""
    home = tmp_path_factory.mktemp("indexed-samples")
    _install_samples(home)
    subprocess.run(
        [sys.executable, "-m", "reader", "--home", str(home), "index"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return home / "cache"


@pytest.fixture
def cold_sample_home(home: Path) -> Path:
    """A HOME whose library holds the 24 sample articles and no indexes yet (a first run)."""
    _install_samples(home)
    return home


@pytest.fixture
def sample_home(cold_sample_home: Path, _sample_indexes: Path) -> Path:
    """A HOME whose library holds the 24 sample articles, their indexes already built.

    The cache is derived data (rebuilt when it does not match the files), so a copy of
    one built by ``broadsheet index`` is what a returning reader has; tests of the
    first run, when the indexes are built, use ``cold_sample_home``.
    """
    shutil.copytree(_sample_indexes, cold_sample_home / "cache")
    return cold_sample_home


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
