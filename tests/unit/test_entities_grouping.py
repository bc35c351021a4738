"""Grouping mentions into entities and ranking them."""

from __future__ import annotations

from pathlib import Path

from reader.entities import Mention, get_extractor, group_mentions
from reader.entities.grouping import normalise
from reader.library import load_article
from reader.text.document import build_document

SEED = Path(__file__).resolve().parents[2] / "articles" / "russia-north-korea-mutual-aid-deal.md"


def m(text: str, label: str, source: str, nth: int = 0) -> Mention:
    """The nth occurrence of ``text`` in ``source`` as a mention."""
    start = -1
    for _ in range(nth + 1):
        start = source.index(text, start + 1)
    return Mention(label, start, start + len(text), text)


def test_normalise_ignores_case_hyphens_dots_and_possessives() -> None:
    assert normalise("Kim Jong-un\u2018s") == normalise("Kim Jong Un") == normalise("KIM JONG-UN")
    assert normalise("U.S.") == "u s"


def test_kim_variants_and_short_form_are_one_person() -> None:
    src = "Kim Jong-un spoke. Kim Jong Un left. Then Kim Jong-Un returned and Kim smiled."
    ms = [
        m("Kim Jong-un", "PERSON", src),
        m("Kim Jong Un", "PERSON", src),
        m("Kim Jong-Un", "PERSON", src),
        m("Kim", "PERSON", src, 3),
    ]
    groups = group_mentions(src, ms)
    assert len(groups) == 1
    assert groups[0].count == 4
    assert groups[0].name in ("Kim Jong-un", "Kim Jong Un", "Kim Jong-Un")


def test_surname_joins_full_name() -> None:
    src = "Vladimir Putin met them. Putin said no."
    groups = group_mentions(src, [m("Vladimir Putin", "PERSON", src), m("Putin", "PERSON", src, 1)])
    assert [(g.name, g.count) for g in groups] == [("Vladimir Putin", 2)]


def test_people_sharing_a_surname_are_never_merged() -> None:
    src = "Kim Jong Un and his sister Kim Yo Jong arrived. Kim Yo Jong spoke. Kim nodded."
    ms = [
        m("Kim Jong Un", "PERSON", src),
        m("Kim Yo Jong", "PERSON", src),
        m("Kim Yo Jong", "PERSON", src, 1),
        m("Kim", "PERSON", src, 3),
    ]
    groups = group_mentions(src, ms)
    names = {g.name: g.count for g in groups}
    assert "Kim Jong Un" in names and "Kim Yo Jong" in names
    assert sum(names.values()) == 4
    # the bare "Kim" goes with the closest full name before it
    assert names["Kim Yo Jong"] == 3


def test_aliases_share_a_group() -> None:
    src = "The US said so. The United States agreed. U.S. officials left."
    ms = [m("US", "PLACE", src), m("United States", "PLACE", src), m("U.S.", "PLACE", src)]
    groups = group_mentions(src, ms)
    assert [(g.name, g.count) for g in groups] == [("United States", 3)]


def test_acronym_joins_its_expansion() -> None:
    src = "the Korean Central News Agency (KCNA) said. KCNA added."
    ms = [
        m("Korean Central News Agency", "ORG", src),
        m("KCNA", "ORG", src),
        m("KCNA", "ORG", src, 1),
    ]
    groups = group_mentions(src, ms)
    assert [(g.name, g.count) for g in groups] == [("Korean Central News Agency", 3)]


def test_ranking_prefers_frequent_early_and_title_entities() -> None:
    src = "Russia talks\n\nRussia and Chile met. Russia spoke. Chile left. Peru came late."
    ms = [
        m("Russia", "PLACE", src),
        m("Russia", "PLACE", src, 1),
        m("Chile", "PLACE", src),
        m("Russia", "PLACE", src, 2),
        m("Chile", "PLACE", src, 1),
        m("Peru", "PLACE", src),
    ]
    groups = group_mentions(src, ms, title_end=12)
    assert [g.name for g in groups] == ["Russia", "Chile", "Peru"]
    assert groups[0].salience > groups[1].salience > groups[2].salience


def test_empty_input_gives_no_groups() -> None:
    assert group_mentions("", []) == []


def seed_text() -> tuple[str, int]:
    """The shipped seed article's plain text (title, blank line, body) and title length."""
    document = build_document(load_article(SEED))
    return document.plain, document.title_end


def test_seed_article() -> None:
    """The seed article's key entities (issue 6)."""
    text, title_end = seed_text()
    groups = group_mentions(text, get_extractor().extract(text), title_end)
    by_label: dict[str, dict[str, int]] = {}
    for g in groups:
        by_label.setdefault(g.label, {})[g.name] = g.count
    people = by_label["PERSON"]
    assert "Vladimir Putin" in people
    kim = [n for n in people if n.replace("-", " ").lower() == "kim jong un"]
    assert len(kim) == 1 and people[kim[0]] >= 3  # Kim Jong-un, Kim Jong Un, Kim Jong-Un
    for place in ("Russia", "North Korea", "Ukraine", "Kursk", "South Korea", "Moscow"):
        assert place in by_label["PLACE"], place
    assert "Korean Central News Agency" in by_label["ORG"]
    assert any("Supreme People" in n for n in by_label["ORG"])
    for fig in ("12,000", "50,000", "13,000"):
        assert fig in by_label["FIGURE"]
    dates = {n.lower() for n in by_label["DATE"]}
    for date in ("june", "august 2023", "last week", "monday"):
        assert date in dates
    headline = [mm for g in groups for mm in g.mentions if mm.text == "N.Korea"]
    assert headline and headline[0].label == "PLACE"


def test_a_storm_and_its_name_alone_are_one_entry() -> None:
    src = "Hurricane Dorian hit Abaco. Dorian then stalled, and Dorian moved north."
    ms = [
        m("Hurricane Dorian", "MISC", src),
        m("Abaco", "PLACE", src),
        m("Dorian", "MISC", src, 1),
        m("Dorian", "MISC", src, 2),
    ]
    groups = {g.name: g for g in group_mentions(src, ms)}
    assert set(groups) == {"Hurricane Dorian", "Abaco"}
    assert groups["Hurricane Dorian"].count == 3
