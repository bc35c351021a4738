"""One bad file never stops the library, and nothing in a file reaches the terminal raw
(issue 13, cases 3-7)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import Library
from reader.library.identity import clean_id
from reader.store import AnnotationStore
from reader.util.files import FileReadError, read_limited
from tests.conftest import front_matter

BODY = "Words enough to make a body for this article."


def library_with(tmp_path: Path, files: dict[str, str]) -> Path:
    library = tmp_path / "library"
    library.mkdir(exist_ok=True)
    for name, text in files.items():
        (library / name).write_text(text, encoding="utf-8")
    return library


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize(
    "block",
    [
        "date: 2021-13-45",
        "date: 2021-02-30",
        "title: &t [*t]",
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(
            f"{chr(98 + n)}: &{chr(98 + n)} [{','.join(['*' + chr(97 + n)] * 9)}]\n"
            for n in range(8)
        ),
        "title: " + "[" * 5000 + "]" * 5000,
        "title: !!python/object/apply:os.system ['true']",
    ],
    ids=["month-13", "feb-30", "recursive-alias", "billion-laughs", "deep", "python-tag"],
)
def test_a_hostile_front_matter_is_that_files_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], block: str
) -> None:
    library = library_with(
        tmp_path,
        {"bad.md": f"---\n{block}\n---\n# Bad one\n\n{BODY}\n", "good.md": "# Good\n\n" + BODY},
    )
    status, out, err = run(
        capsys, "list", "--json", "--home", str(tmp_path / "home"), "--library", str(library)
    )
    assert status == 0, err
    titles = sorted(item["title"] for item in json.loads(out))
    assert titles == ["Bad one", "Good"]
    assert "internal error" not in err and "bad.md" in err


def test_any_exception_reading_one_file_is_its_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.library.parsing as parsing

    library = library_with(tmp_path, {"a.md": "# A\n\n" + BODY, "b.md": "# B\n\n" + BODY})
    real = parsing.parse_article

    def explode(text: str, relative: str, kind: str, **options: bool):  # type: ignore[no-untyped-def]
        if relative == "a.md":
            raise TypeError("something nobody foresaw")
        return real(text, relative, kind, **options)

    monkeypatch.setattr(parsing, "parse_article", explode)
    result = Library(library).scan()
    assert [meta.title for meta in result.articles] == ["B"]
    [problem] = [p for p in result.problems if p.fatal]
    assert problem.path == "a.md" and "TypeError: something nobody foresaw" in problem.message


def test_fifo_and_devices_are_refused_without_blocking(tmp_path: Path) -> None:
    library = library_with(tmp_path, {"good.md": "# Good\n\n" + BODY})
    os.mkfifo(library / "pipe.md")
    (library / "zero.md").symlink_to("/dev/zero")
    (library / "random.txt").symlink_to("/dev/urandom")
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(Library(library).scan()), daemon=True)
    worker.start()
    worker.join(120)  # A safety net only: the scan takes milliseconds.
    assert done, "the scan hung on a FIFO or a device"
    result = done[0]
    reasons = {p.path: p.message for p in result.problems}  # type: ignore[attr-defined]
    assert "named pipe" in reasons["pipe.md"]
    assert "device" in reasons["zero.md"] and "device" in reasons["random.txt"]
    assert [m.title for m in result.articles] == ["Good"]  # type: ignore[attr-defined]


def test_read_limited_never_reads_more_than_the_limit(tmp_path: Path) -> None:
    with pytest.raises(FileReadError, match="device"):
        read_limited(Path("/dev/zero"), 1000)
    path = tmp_path / "grows.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(FileReadError, match="too large"):
        read_limited(path, 1000)
    with pytest.raises(FileReadError, match="folder"):
        read_limited(tmp_path, 1000)


def test_escapes_in_file_names_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = library_with(
        tmp_path,
        {"\x1b]0;pwned\x07.md": "", "ok.md": "# Fine\n\n" + BODY, "e\x9b2J.md": "\x00\x01"},
    )
    status, out, err = run(
        capsys, "list", "--home", str(tmp_path / "home"), "--library", str(library)
    )
    assert status == 0
    for text in (out, err):
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "␛]0;pwned␇.md: empty file" in err
    result = Library(library).scan()
    assert all(str(p).isprintable() for p in result.problems)


def test_a_wrong_typed_index_row_is_dropped_and_rebuilt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = library_with(tmp_path, {"a.md": front_matter("Alpha", BODY)})
    home = tmp_path / "home"
    args = ("list", "--json", "--home", str(home), "--library", str(library))
    assert run(capsys, *args)[0] == 0
    index = home / "cache" / "library-index.json"
    data = json.loads(index.read_text())
    [entry] = data["files"].values()
    entry[2][1] = 12345  # The title as a number: plausible JSON, wrong type.
    entry[2][8] = "not-a-list"
    index.write_text(json.dumps(data))
    assert Library(library, index).load_cached() is None
    status, out, err = run(capsys, *args)  # (the listing answers: no file changed)
    assert status == 0, err
    assert [item["title"] for item in json.loads(out)] == ["Alpha"]
    status, out, err = run(capsys, *args, "--rescan")  # The whole sequence reads the index.
    assert status == 0, err
    assert [item["title"] for item in json.loads(out)] == ["Alpha"]
    rebuilt = json.loads(index.read_text())
    assert next(iter(rebuilt["files"].values()))[2][1] == "Alpha"


@pytest.mark.parametrize(("raw", "clean"), [(".hidden", "hidden"), ("../../etc", "etc")])
def test_odd_front_matter_ids_can_be_annotated(tmp_path: Path, raw: str, clean: str) -> None:
    assert clean_id(raw) == clean
    library = library_with(tmp_path, {"a.md": f"---\nid: '{raw}'\ntitle: T\n---\n{BODY}\n"})
    [meta] = Library(library).scan().articles
    store = AnnotationStore(tmp_path / "annotations", tmp_path / "cache")
    store.load()
    store.edit_tags([meta.id], add=["works"])
    assert store.tags_of(meta.id) == ("works",)
