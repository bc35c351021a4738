"""EntityCache: reuse, invalidation, damaged files."""

from __future__ import annotations

from pathlib import Path

from reader.entities import EntityCache, Mention


class CountingExtractor:
    """A real (tiny) extractor that counts its calls: every capitalised word is an ORG."""

    name = "counting"

    def __init__(self, version: str = "1") -> None:
        self.version = version
        self.calls = 0

    def extract(self, text: str) -> list[Mention]:
        self.calls += 1
        out, pos = [], 0
        for word in text.split():
            start = text.index(word, pos)
            pos = start + len(word)
            if word[:1].isupper():
                out.append(Mention("ORG", start, pos, word))
        return out


TEXT = "Acme sued Globex in court."


def test_second_get_reuses_the_cache(tmp_path: Path) -> None:
    ex = CountingExtractor()
    cache = EntityCache(tmp_path)
    first = cache.get(TEXT, ex)
    second = EntityCache(tmp_path).get(TEXT, ex)
    assert first == second == [Mention("ORG", 0, 4, "Acme"), Mention("ORG", 10, 16, "Globex")]
    assert ex.calls == 1
    files = list(tmp_path.rglob("*.json"))
    assert len(files) == 1 and files[0].parent.parent == tmp_path  # sharded


def test_changed_text_or_extractor_version_re_extracts(tmp_path: Path) -> None:
    cache = EntityCache(tmp_path)
    ex = CountingExtractor()
    cache.get(TEXT, ex)
    cache.get(TEXT + " Initech too.", ex)
    assert ex.calls == 2
    newer = CountingExtractor(version="2")
    cache.get(TEXT, newer)
    assert newer.calls == 1


def test_damaged_cache_file_is_rebuilt(tmp_path: Path) -> None:
    cache = EntityCache(tmp_path)
    ex = CountingExtractor()
    expected = cache.get(TEXT, ex)
    (path,) = tmp_path.rglob("*.json")
    for damage in (b"{not json", b"", b'{"key": "x", "mentions": []}', b'{"key": 1}'):
        path.write_bytes(damage)
        assert cache.get(TEXT, ex) == expected
    assert ex.calls == 5
    assert cache.get(TEXT, ex) == expected
    assert ex.calls == 5  # rebuilt file is used again


def test_unwritable_cache_dir_is_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    ex = CountingExtractor()
    assert EntityCache(blocker / "cache").get(TEXT, ex) == ex.extract(TEXT)


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    EntityCache(tmp_path).get(TEXT, CountingExtractor())
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".tmp")]
