"""The command line, run as a real subprocess against a temporary HOME."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_ID, WriteArticle, front_matter


def broadsheet(
    *args: str,
    home: Path | None = None,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "reader", *args]
    if home is not None:
        command += ["--home", str(home)]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        command, capture_output=True, text=True, input=stdin, env=full_env, timeout=300
    )


def test_version() -> None:
    result = broadsheet("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("broadsheet ")


def test_list_json_on_first_run_prints_the_24_samples(home: Path) -> None:
    result = broadsheet("list", "--json", home=home)
    assert result.returncode == 0, result.stderr
    articles = json.loads(result.stdout)
    assert len(articles) == 24
    first = articles[0]
    assert set(first) >= {"id", "title", "date", "source", "path", "words"}
    assert first["title"] == "Joe Biden projected US president-elect"
    assert Path(first["path"]).is_file()
    assert result.stderr == ""


def test_home_from_environment(tmp_path: Path) -> None:
    home = tmp_path / "env-home"
    result = broadsheet("list", env={"BROADSHEET_HOME": str(home)})
    assert result.returncode == 0
    assert (home / "articles").is_dir()
    assert len(result.stdout.splitlines()) == 24


def test_list_plain_lines(sample_home: Path) -> None:
    result = broadsheet("list", home=sample_home)
    assert result.returncode == 0
    assert any(line.startswith(SEED_ID) for line in result.stdout.splitlines())


def test_list_search_looks_in_the_body(sample_home: Path) -> None:
    result = broadsheet("list", "--json", "--search", "Kursk", home=sample_home)
    assert [item["id"] for item in json.loads(result.stdout)] == [SEED_ID]


def test_show_prints_plain_text(sample_home: Path) -> None:
    result = broadsheet("show", SEED_ID[:6], home=sample_home)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Russia and N.Korea’s chilling new mutual aid deal sparks Ukraine fears"
    assert lines[1] == ""
    assert "13,000 containers" in result.stdout


def test_show_unknown_id_is_one_line_error(sample_home: Path) -> None:
    result = broadsheet("show", "nope", home=sample_home)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "no article with id 'nope'" in result.stderr
    assert "Traceback" not in result.stderr


def test_ambiguous_prefix(tmp_path: Path, home: Path, write_article: WriteArticle) -> None:
    write_article("a.md", front_matter("A", "x", id="abc1"))
    write_article("b.md", front_matter("B", "x", id="abc2"))
    result = broadsheet("show", "abc", "--library", str(tmp_path / "library"), home=home)
    assert result.returncode == 1
    assert "matches 2 articles" in result.stderr


def test_library_option_and_bad_files_reported_on_stderr(
    tmp_path: Path, home: Path, write_article: WriteArticle
) -> None:
    write_article("good.md", front_matter("Good", "Text."))
    write_article("empty.md", "")
    write_article("bin.txt", b"\x00\x00binary")
    result = broadsheet("list", "--json", "--library", str(tmp_path / "library"), home=home)
    assert result.returncode == 0
    assert [item["title"] for item in json.loads(result.stdout)] == ["Good"]
    errors = result.stderr.splitlines()
    assert sorted(errors) == [
        "broadsheet: skipped: bin.txt: binary file, not text",
        "broadsheet: skipped: empty.md: empty file",
    ]
    assert not (home / "articles").exists(), "samples go only into the default library"


def test_escape_sequences_never_reach_the_terminal(
    tmp_path: Path, home: Path, write_article: WriteArticle
) -> None:
    write_article("evil.md", front_matter("Evil \x1b[2J title", "Body \x1b]0;x\x07 \x9b1m."))
    library = str(tmp_path / "library")
    listed = broadsheet("list", "--library", library, home=home)
    shown = broadsheet("show", listed.stdout.split()[0], "--library", library, home=home)
    for output in (listed.stdout, shown.stdout):
        assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output
    assert "Evil ␛[2J title" in listed.stdout
    assert "Body ␛]0;x␇" in shown.stdout


def test_missing_library_folder(tmp_path: Path, home: Path) -> None:
    """A --library folder that is not there is an error, not an empty list."""
    result = broadsheet("list", "--library", str(tmp_path / "nowhere"), home=home)
    assert result.returncode == 1
    assert "does not exist" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["frobnicate"], ["show"], ["list", "--bogus"]])
def test_usage_errors_exit_2_without_traceback(args: list[str], home: Path) -> None:
    result = broadsheet(*args, home=home)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_unusable_home_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    result = broadsheet("list", "--home", str(blocker / "home"))
    assert result.returncode == 1
    assert result.stderr.startswith("broadsheet: cannot use data folder ")
    assert "Not a directory" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
