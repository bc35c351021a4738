"""tag, untag, note, list --tag, export and repair, run as the real command."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from tinydb import TinyDB

from tests.cli.test_cli import broadsheet
from tests.conftest import SEED_ID

BIDEN = "27cc5014c5e8"


def test_tag_untag_and_list_by_tag(sample_home: Path) -> None:
    result = broadsheet("tag", SEED_ID[:5], "Important", "follow up", home=sample_home)
    assert result.returncode == 0, result.stderr
    assert "now #important #follow-up" in result.stdout
    broadsheet("tag", BIDEN, "important", home=sample_home)
    listed = json.loads(broadsheet("list", "--json", "--tag", "IMPORTANT", home=sample_home).stdout)
    assert [item["id"] for item in listed] == [BIDEN, SEED_ID]
    assert listed[1]["tags"] == ["important", "follow-up"]
    result = broadsheet("untag", SEED_ID, "important", home=sample_home)
    assert "now #follow-up" in result.stdout
    listed = json.loads(
        broadsheet(
            "list", "--json", "--tag", "important", "--tag", "follow-up", home=sample_home
        ).stdout
    )
    assert listed == []
    path = sample_home / "annotations" / "articles" / SEED_ID[:2] / f"{SEED_ID}.json"
    assert [doc["tag"] for doc in TinyDB(path).table("tags").all()] == ["follow-up"]


def test_note_from_argument_and_stdin(sample_home: Path) -> None:
    assert broadsheet("note", SEED_ID, "First thought", home=sample_home).returncode == 0
    result = broadsheet("note", SEED_ID, "-", home=sample_home, stdin="Second\nthought\n")
    assert result.returncode == 0
    assert "2 in all" in result.stdout
    exported = json.loads(broadsheet("export", home=sample_home).stdout)
    [article] = exported["articles"]
    assert [note["text"] for note in article["notes"]] == ["First thought", "Second\nthought"]
    assert article["title"].startswith("Russia and N.Korea")


def test_bad_input_is_one_line(sample_home: Path) -> None:
    for args, message in [
        (("tag", "nope", "x"), "no article with id 'nope'"),
        (("tag", SEED_ID, "  "), "a tag cannot be empty"),
        (("note", SEED_ID, "-"), "the note is empty"),
    ]:
        result = broadsheet(*args, home=sample_home, stdin="")
        assert result.returncode == 1
        assert message in result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_export_json_has_everything(sample_home: Path) -> None:
    broadsheet("tag", BIDEN, "politics", home=sample_home)
    broadsheet("note", BIDEN, "[bold]not markup[/bold]", home=sample_home)
    data = json.loads(broadsheet("export", "--format", "json", home=sample_home).stdout)
    [article] = data["articles"]
    assert article["id"] == BIDEN
    assert (
        article["source"] == "https://en.wikinews.org/wiki/Joe_Biden_projected_US_president-elect"
    )
    assert article["tags"] == ["politics"]
    assert article["notes"][0]["text"] == "[bold]not markup[/bold]"
    assert set(article) >= {"read", "starred", "position", "title"}


def test_export_markdown_digest_and_folder(sample_home: Path, tmp_path: Path) -> None:
    broadsheet("tag", BIDEN, "politics", "us", home=sample_home)
    broadsheet("note", BIDEN, "Worth reading", home=sample_home)
    digest = tmp_path / "digest.md"
    result = broadsheet("export", "--format", "markdown", "--output", str(digest), home=sample_home)
    assert result.returncode == 0
    text = digest.read_text()
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["tags"] == ["politics", "us"]
    assert "## Joe Biden projected US president-elect" in text
    assert "#politics #us" in text and "Worth reading" in text
    vault = tmp_path / "vault"
    broadsheet("export", "--format", "markdown", "--output", f"{vault}/", home=sample_home)
    [document] = list(vault.glob("*.md"))
    assert document.name == f"Joe Biden projected US president-elect ({BIDEN}).md"
    front = yaml.safe_load(document.read_text().split("---\n")[1])
    assert front["tags"] == ["politics", "us"] and front["broadsheet_id"] == BIDEN


def test_damaged_file_blocks_writes_and_repair_restores(sample_home: Path) -> None:
    broadsheet("tag", BIDEN, "one", home=sample_home)
    broadsheet("tag", BIDEN, "two", home=sample_home)
    path = sample_home / "annotations" / "articles" / BIDEN[:2] / f"{BIDEN}.json"
    path.write_text("{oops")
    result = broadsheet("tag", BIDEN, "three", home=sample_home)
    assert result.returncode == 1
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert path.read_text() == "{oops"
    listed = broadsheet("repair", home=sample_home)
    assert listed.returncode == 1
    assert "not valid JSON" in listed.stdout
    fixed = broadsheet("repair", "--restore", home=sample_home)
    assert fixed.returncode == 0
    assert "restored from the previous version" in fixed.stdout
    assert "now #one #three" in broadsheet("tag", BIDEN, "three", home=sample_home).stdout
    assert list(path.parent.glob(f"{BIDEN}.json.damaged-*"))


def test_front_matter_tags_are_imported_once(tmp_path: Path, home: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "a.md").write_text('---\ntitle: "A"\nid: "aaa111"\ntags: [Trade, EU]\n---\nx\n')
    args = ("--library", str(library))
    listed = json.loads(broadsheet("list", "--json", *args, home=home).stdout)
    assert listed[0]["tags"] == ["trade", "eu"]
    broadsheet("untag", "aaa111", "trade", *args, home=home)
    listed = json.loads(broadsheet("list", "--json", *args, home=home).stdout)
    assert listed[0]["tags"] == ["eu"]


def test_list_entity_finds_russia_and_sees_a_new_article(cold_sample_home: Path) -> None:
    """No index yet: the first answer builds the entity index, the second reads it."""
    first = json.loads(
        broadsheet("list", "--json", "--entity", "russia", home=cold_sample_home).stdout
    )
    ids = [item["id"] for item in first]
    assert SEED_ID in ids and len(ids) >= 3
    assert first[0]["mentions"] >= first[-1]["mentions"]
    again = json.loads(
        broadsheet("list", "--json", "--entity", "russia", home=cold_sample_home).stdout
    )
    assert again == first, "the quick answer from the indexes is the same"
    (cold_sample_home / "articles" / "new.md").write_text(
        '---\ntitle: "Russia talks"\nid: "new1"\n---\n\nRussia and Russia and Russia again.\n'
    )
    third = json.loads(
        broadsheet("list", "--json", "--entity", "russia", home=cold_sample_home).stdout
    )
    found = {item["id"]: item["mentions"] for item in third}
    assert found.get("new1", 0) >= 3, "the new file is indexed before answering"
