"""``search`` of words answered from the listing and the indexes prints what the whole way does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import broadsheet

MUGABE_ID = "5f329898b6db"
QUERIES = ["zimbabwe", '"hurricane dorian"', "korea OR china", "the -zimbabwe", "mnangag", "a"]


@pytest.fixture
def annotated_home(sample_home: Path) -> Path:
    for command in (("tag", MUGABE_ID, "obituary"), ("note", MUGABE_ID, "A note.")):
        assert broadsheet(*command, home=sample_home).returncode == 0
    for _ in range(2):  # (the first brings the index up to date, the second records it)
        assert broadsheet("search", "zimbabwe", home=sample_home).returncode == 0
    return sample_home


@pytest.mark.parametrize("as_json", [False, True])
def test_the_quick_answer_is_the_whole_answer(annotated_home: Path, as_json: bool) -> None:
    extra = ["--json"] if as_json else []
    for query in QUERIES:
        quick = broadsheet("search", query, *extra, home=annotated_home)
        whole = broadsheet("search", query, *extra, "--rescan", home=annotated_home)
        assert quick.returncode == whole.returncode == 0, quick.stderr + whole.stderr
        assert quick.stdout == whole.stdout, query
        assert quick.stderr == whole.stderr
    limited = broadsheet("search", "the", "--limit", "2", *extra, home=annotated_home)
    assert (
        limited.stdout
        == broadsheet(
            "search", "the", "--limit", "2", *extra, "--rescan", home=annotated_home
        ).stdout
    )


def test_words_are_answered_without_opening_the_session(annotated_home: Path) -> None:
    code = (
        "import sys, io, contextlib; from reader.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    main(['--home', {str(annotated_home)!r}, 'search', 'zimbabwe'])\n"
        "print('reader.session.session' in sys.modules, 'tinydb' in sys.modules,"
        " '#obituary' in out.getvalue())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "True"]
    tagged = broadsheet("search", "#obituary zimbabwe", home=annotated_home)  # (the whole way)
    assert MUGABE_ID in tagged.stdout


def test_a_bad_query_is_explained_before_anything_is_opened(annotated_home: Path) -> None:
    result = broadsheet("search", "tag:x", home=annotated_home)
    assert result.returncode == 2 and "did you mean #x?" in result.stderr
