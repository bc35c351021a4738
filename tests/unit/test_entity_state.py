"""EntityState: selection, mention jumps, mark-mode spans and tag suggestions, without Textual."""

from __future__ import annotations

from reader.entities import Mention
from reader.entities.corrections import Correction
from reader.library import Article, ArticleMeta
from reader.text.document import build_document
from reader.tui.entity_state import EntityState

BODY = (
    "Vladimir Putin met Kim Jong Un in Moscow.\n\n"
    "Putin said the talks went well. Kim agreed.\n\n"
    "Later Putin flew home."
)


def state_with_mentions() -> EntityState:
    meta = ArticleMeta(id="a1", path="a1.md", title="Summit")
    document = build_document(Article(meta, BODY))
    plain = document.plain
    mentions = []
    for text, label in (
        ("Vladimir Putin", "PERSON"),
        ("Kim Jong Un", "PERSON"),
        ("Moscow", "PLACE"),
    ):
        start = plain.index(text)
        mentions.append(Mention(label, start, start + len(text), text))
    for text in ("Putin", "Kim"):
        start = 0
        while (found := plain.find(text, start)) != -1:
            start = found + len(text)
            if not any(m.start <= found < m.end for m in mentions):
                mentions.append(Mention("PERSON", found, found + len(text), text))
    state = EntityState()
    state.begin("a1", document)
    state.apply(sorted(mentions, key=lambda m: m.start), {})
    return state


def test_groups_and_highlights() -> None:
    state = state_with_mentions()
    assert state.ready
    names = {group.name: group.count for group in state.groups}
    assert names["Vladimir Putin"] == 3 and names["Kim Jong Un"] == 2
    roles = {h.role for h in state.highlights()}
    assert roles == {"entity_person", "entity_place"}


def test_jumps_wrap_and_start_from_the_top_of_the_screen() -> None:
    state = state_with_mentions()
    putin = next(g for g in state.groups if g.name == "Vladimir Putin")
    state.select(putin)
    assert state.emphasis() and all(h.role == "entity_selected" for h in state.emphasis())
    starts = [m.start for m in putin.mentions]
    first = state.jump(1, top=starts[1])
    assert first is not None and first.start == starts[1]
    assert state.jump(1, top=0) is not None and state.position == 2
    assert state.jump(1, top=0) is not None and state.position == 0  # wraps
    assert state.jump(-1, top=0) is not None and state.position == 2
    assert any(h.role == "entity_current" for h in state.emphasis())


def test_a_jump_without_a_selection_selects_the_top_entity() -> None:
    state = state_with_mentions()
    assert state.selected is None
    mention = state.jump(-1, top=10_000)
    assert state.selected is state.groups[0] and mention == state.groups[0].mentions[-1]


def test_selection_survives_new_corrections_by_name() -> None:
    state = state_with_mentions()
    state.select(next(g for g in state.groups if g.name == "Kim Jong Un"))
    assert state.raw is not None
    state.apply(state.raw, {"moscow": Correction("Moscow", "remove", "")})
    assert state.selected is not None and state.selected.name == "Kim Jong Un"
    assert "Moscow" not in {g.name for g in state.groups}


def test_suggestions_skip_tags_the_article_has() -> None:
    state = state_with_mentions()
    assert state.suggestions(()) == ["vladimir-putin", "kim-jong-un", "moscow"]
    assert state.suggestions(("vladimir-putin",)) == ["kim-jong-un", "moscow"]


def test_mark_mode_moves_grows_and_shrinks() -> None:
    state = state_with_mentions()
    assert state.document is not None
    block = state.document.content_blocks[1]
    words = state.words_of_block(block)
    assert state.start_mark(words)
    assert state.marked_text() == "Vladimir"
    state.move_mark(words, 3)
    assert state.marked_text() == "Kim"
    state.extend_mark(words, 2)
    assert state.marked_text() == "Kim Jong Un"
    state.extend_mark(words, -1)
    assert state.marked_text() == "Kim Jong"
    state.extend_mark(words, -5)  # past its first word: the mark stays as it is
    assert state.marked_text() == "Kim Jong"
    assert any(h.role == "mark_selection" for h in state.emphasis())
    state.stop_mark()
    assert state.marking is None and state.marked_text() == ""
    assert state.words_of_block(-1) == [] and not state.start_mark([])
