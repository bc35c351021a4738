"""The ``entities`` command on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE = """---
title: "Putin and Kim sign pact"
date: 2024-06-19
---
# Putin and Kim sign pact

President **Vladimir Putin** met [Kim Jong Un](https://example.com) in Pyongyang on Wednesday.

Putin said the deal covers 12,000 troops.
"""


def run(argv: list[str]) -> int:
    """The command as the console script runs it (one-line errors, exit status)."""
    return main(argv)


def test_json_output_groups_and_offsets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    assert run(["entities", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    putin = next(d for d in data if d["name"] == "Vladimir Putin")
    assert putin["label"] == "PERSON" and putin["count"] == 3  # title, body, "Putin"
    assert set(putin) >= {"text", "label", "start", "end", "count", "mentions"}
    assert all(len(pair) == 2 for pair in putin["mentions"])
    assert any(d["label"] == "PLACE" and d["text"] == "Pyongyang" for d in data)
    assert any(d["label"] == "FIGURE" and d["text"] == "12,000" for d in data)


def test_table_output_for_txt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Floods in Kenya\nHeavy rain hit Nairobi on Monday.\n", encoding="utf-8")
    assert run(["entities", str(path)]) == 0
    out = capsys.readouterr().out
    assert "PLACE" in out and "Nairobi" in out and "DATE" in out


def test_missing_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["entities", str(tmp_path / "nope.md")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_library_id_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reader.cli import main

    library = tmp_path / "lib"
    library.mkdir()
    (library / "pact.md").write_text(ARTICLE.replace("---\ntitle", "---\nid: pact-2024\ntitle"))
    home = tmp_path / "home"
    argv = ["--home", str(home), "--library", str(library), "entities", "pact-2024", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(d["name"] == "Vladimir Putin" for d in data)
    assert main(["--home", str(home), "--library", str(library), "entities", "nope"]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
