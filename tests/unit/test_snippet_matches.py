"""The snippet's match finder agrees with the plain regex it replaced, and folding keeps length."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.search.index import find_matches
from reader.text.find import fold_same_length

ALPHABET = st.sampled_from(list("ab aé_-Ab.ßÉ1\n"))


def reference(folded: str, terms: list[tuple[tuple[str, ...], bool]]) -> list[tuple[int, int]]:
    """The first version: a look-behind in front of the whole pattern, with finditer."""
    found: set[tuple[int, int]] = set()
    for tokens, phrase in terms:
        body = r"[\W_]+".join(re.escape(token) for token in tokens)
        tail = r"(?![^\W_])" if phrase else r"[^\W_]*"
        found.update(m.span() for m in re.finditer(r"(?<![^\W_])" + body + tail, folded))
    return sorted(found)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(ALPHABET, max_size=40),
    tokens=st.lists(st.sampled_from(["a", "ab", "b", "ba", "e"]), min_size=1, max_size=3),
    phrase=st.booleans(),
)
def test_matches_equal_the_look_behind_regex(text: str, tokens: list[str], phrase: bool) -> None:
    terms = [(tuple(tokens), phrase)]
    assert find_matches(text, terms) == reference(fold_same_length(text), terms)


def test_overlapping_candidates_inside_words_are_passed_over() -> None:
    assert find_matches("ba a a", [(("a", "a"), True)]) == [(3, 6)]
    assert find_matches("Economy, economic; noneconomy", [(("econom",), False)]) == [
        (0, 7),
        (9, 17),
    ]


@given(st.text(max_size=60))
def test_folding_keeps_one_character_for_one(text: str) -> None:
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    for before, after in zip(text, folded, strict=True):
        if before.isascii():
            assert after == before.lower()


def test_accents_and_case_fold() -> None:
    assert fold_same_length("Él CAFÉ naïve") == "el cafe naive"
    assert fold_same_length("Straße") == "straße"
    assert unicodedata.normalize("NFC", fold_same_length("Zoë")) == "zoe"


def collapse_map(window: str) -> list[int]:
    """The first version: offset in ``window`` -> offset in the collapsed text, char by char."""
    mapping, out, previous_space, leading = [], 0, True, True
    for ch in window:
        mapping.append(out)
        if ch.isspace():
            if not previous_space and not leading:
                out += 1
            previous_space = True
        else:
            out += 1
            previous_space = False
            leading = False
    mapping.append(out)
    return mapping


@given(st.text(st.sampled_from(list("ab \n\t.")), max_size=30))
def test_collapsed_offsets_equal_the_character_map(window: str) -> None:
    from reader.search.index import _collapsed

    assert [_collapsed(window, i) for i in range(len(window) + 1)] == collapse_map(window)


def test_the_plain_list_snippet_equals_the_whole_one_on_real_articles() -> None:
    from reader.search.index import make_snippet, matches_near_the_first
    from reader.util.paths import bundled_path

    queries = [(("the",), False), (("zimbabwe",), False), (("the", "first"), True), (("a",), False)]
    for path in sorted(bundled_path("articles").glob("*.md")):
        plain = path.read_text(encoding="utf-8")
        folded = fold_same_length(plain)
        title_end = plain.index("\n")
        for term in queries:
            whole = make_snippet(plain, title_end, find_matches(plain, [term], folded))
            near = make_snippet(plain, title_end, matches_near_the_first(folded, [term], title_end))
            assert (near.text, near.marks) == (whole.text, whole.marks), (path.name, term)


def test_snippets_from_the_start_of_long_texts_equal_those_from_the_whole(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reader.library.article import ArticleMeta
    from reader.search.index import START_CHARS, SearchIndex

    index = SearchIndex(tmp_path / "search.sqlite3")
    filler = "Nothing to see in this sentence at all. " * 200
    texts = {
        "early": "Early\nThe budget came first. " + filler,
        "late": "Late\n" + filler + "The budget came last. " + filler,
        "edge": "Edge\n" + filler[: START_CHARS - 60] + " budget " + filler,
        "title": "Budget only in the title\n" + filler,
        "short": "Short\nA budget.",
    }
    metas = [ArticleMeta(key, f"{key}.md", text.split("\n")[0]) for key, text in texts.items()]
    index.update(metas, lambda meta: (texts[meta.id], len(meta.title)))
    titles = {meta.id: meta.title for meta in metas}
    terms = [(("budget",), False)]
    quick = index.snippets(titles, terms, every_match=False)
    whole = index.snippets(titles, terms, every_match=True)
    assert set(quick) == set(whole) == set(texts)
    for key in texts:
        assert (quick[key].text, quick[key].marks) == (whole[key].text, whole[key].marks), key
    index.close()
