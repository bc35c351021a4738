"""Corrections generalise: to a name's variants, to other contexts, to other articles."""

from __future__ import annotations

from reader.entities import Mention
from reader.entities.corrections import Correction, apply_corrections


def m(text: str, label: str, source: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = source.index(text, start + 1)
    return Mention(label, start, start + len(text), text)


def lexicon(*corrections: Correction) -> dict[str, Correction]:
    return {c.key: c for c in corrections}


def pairs(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(x.label, x.text) for x in mentions]


def test_relabel_reaches_titles_case_and_possessives() -> None:
    src = "Mr Kipchoge won. KIPCHOGE'S time stood."
    out = apply_corrections(
        src,
        [m("Mr Kipchoge", "ORG", src), m("KIPCHOGE'S", "PLACE", src)],
        lexicon(Correction("Kipchoge", "relabel", "PERSON")),
    )
    assert pairs(out) == [("PERSON", "Mr Kipchoge"), ("PERSON", "KIPCHOGE'S")]


def test_relabelling_the_surname_reaches_the_full_name() -> None:
    src = "Eliud Kipchoge won. Kipchoge smiled."
    out = apply_corrections(
        src,
        [m("Eliud Kipchoge", "PERSON", src), m("Kipchoge", "PERSON", src, 1)],
        lexicon(Correction("Kipchoge", "relabel", "ORG")),
    )
    assert [x.label for x in out] == ["ORG", "ORG"]


def test_a_person_correction_reaches_a_mislabelled_full_name() -> None:
    src = "Eliud Kipchoge won in Vienna."
    out = apply_corrections(
        src,
        [m("Eliud Kipchoge", "ORG", src), m("Vienna", "PLACE", src)],
        lexicon(Correction("Kipchoge", "relabel", "PERSON")),
    )
    assert pairs(out) == [("PERSON", "Eliud Kipchoge"), ("PLACE", "Vienna")]


def test_a_full_name_correction_reaches_the_surname_in_another_article() -> None:
    src = "Kipchoge won the race."
    out = apply_corrections(
        src,
        [m("Kipchoge", "ORG", src)],
        lexicon(Correction("Eliud Kipchoge", "relabel", "PERSON")),
    )
    assert pairs(out) == [("PERSON", "Kipchoge")]


def test_relabel_tags_a_missed_occurrence() -> None:
    src = "Kipchoge won. Then Kipchoge rested, said kipchoge fans."
    out = apply_corrections(
        src, [m("Kipchoge", "ORG", src)], lexicon(Correction("Kipchoge", "relabel", "PERSON"))
    )
    assert pairs(out) == [("PERSON", "Kipchoge"), ("PERSON", "Kipchoge")]


def test_not_an_entity_is_trimmed_off_a_longer_mention() -> None:
    src = "Broadsheet Putin said so. Broadsheet is a reader."
    out = apply_corrections(
        src,
        [m("Broadsheet Putin", "PERSON", src), m("Broadsheet", "PERSON", src, 1)],
        lexicon(Correction("Broadsheet", "remove")),
    )
    assert pairs(out) == [("PERSON", "Putin")]


def test_a_correction_spreads_through_the_document() -> None:
    src = "Brigid Kosgei won. Kosgei smiled."
    out = apply_corrections(
        src,
        [m("Brigid Kosgei", "ORG", src), m("Kosgei", "PLACE", src, 1)],
        lexicon(Correction("Brigid Kosgei", "relabel", "PERSON")),
    )
    assert [x.label for x in out] == ["PERSON", "PERSON"]


def test_exact_mode_changes_only_the_exact_text() -> None:
    src = "Mr Kipchoge won. Kipchoge smiled."
    out = apply_corrections(
        src,
        [m("Mr Kipchoge", "ORG", src), m("Kipchoge", "ORG", src, 1)],
        lexicon(Correction("Kipchoge", "relabel", "PERSON")),
        generalise=False,
    )
    assert pairs(out) == [("ORG", "Mr Kipchoge"), ("PERSON", "Kipchoge")]


def test_add_still_marks_every_occurrence() -> None:
    src = "the Gukurahundi massacres; Gukurahundi was denied"
    out = apply_corrections(src, [], lexicon(Correction("Gukurahundi", "add", "MISC")))
    assert pairs(out) == [("MISC", "Gukurahundi"), ("MISC", "Gukurahundi")]


def test_article_correction_wins_over_the_library() -> None:
    from reader.entities.corrections import merge

    src = "Kipchoge won."
    merged = merge(
        [Correction("Kipchoge", "relabel", "ORG")], [Correction("Kipchoge", "relabel", "PERSON")]
    )
    assert pairs(apply_corrections(src, [m("Kipchoge", "ORG", src)], merged)) == [
        ("PERSON", "Kipchoge")
    ]
