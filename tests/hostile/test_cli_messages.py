"""Clear one-line messages instead of "internal error" (issue 13, case 7; eval-ner from 8)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from tests.hostile.helpers import NOBODY, as_user, remove, shared_folder

ARTICLE = "---\ntitle: A\nid: abc\n---\nSome words of body text.\n"


def run_bytes(*args: bytes, stdin: bytes = b"", home: Path) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable.encode(), b"-m", b"reader", *args, b"--home", bytes(home)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(command, input=stdin, capture_output=True, env=env, timeout=300)


@pytest.fixture
def home_with_article(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "articles").mkdir(parents=True)
    (home / "articles" / "a.md").write_text(ARTICLE)
    (home / "articles" / ".samples-installed").write_text("")
    return home


def test_invalid_utf8_in_an_argument_is_one_line(home_with_article: Path) -> None:
    result = run_bytes(b"tag", b"abc", b"caf\xe9", home=home_with_article)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.startswith("broadsheet: argument 3") and "not valid UTF-8" in err
    assert "internal error" not in err and len(err.strip().splitlines()) == 1


def test_invalid_utf8_on_stdin_is_one_line(home_with_article: Path) -> None:
    result = run_bytes(b"note", b"abc", b"-", stdin=b"caf\xe9 \xff\n", home=home_with_article)
    assert result.returncode == 1
    err = result.stderr.decode()
    assert "not valid UTF-8" in err and "internal error" not in err
    assert len(err.strip().splitlines()) == 1


def test_read_only_home_gives_reasons_not_tracebacks(capsys: pytest.CaptureFixture[str]) -> None:
    folder = shared_folder()
    try:
        home = folder / "home"
        (home / "articles").mkdir(parents=True)
        (home / "articles" / "a.md").write_text(ARTICLE)
        (home / "articles" / ".samples-installed").write_text("")
        with as_user(NOBODY):  # HOME belongs to root: nothing can be written there.
            listed = main(["list", "--home", str(home)])
            list_err = capsys.readouterr().err
            tagged = main(["tag", "abc", "x", "--home", str(home)])
            tag_err = capsys.readouterr().err
    finally:
        remove(folder)
    assert listed == 0 and "internal error" not in list_err
    assert tagged == 1 and "internal error" not in tag_err
    assert "permission denied" in tag_err and len(tag_err.strip().splitlines()) == 1


def test_eval_ner_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["eval-ner", str(tmp_path / "nope.conll")])
    err = capsys.readouterr().err
    assert status == 1
    assert "no such file" in err and "FileNotFoundError" not in err


def test_eval_ner_on_a_file_that_is_not_conll(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Just some prose.\nNothing in columns here at all.\n")
    status = main(["eval-ner", str(path)])
    captured = capsys.readouterr()
    assert status == 1
    assert "not a CoNLL file" in captured.err
    assert "micro F1" not in captured.out
