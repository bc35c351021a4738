"""The common news errors of issue 11, one class at a time.

Each rule is tested on its own (words and spans in, spans out) and through
the built-in extractor. Sentences are written for these tests or adapted from
the shipped Wikinews samples (CC BY 2.5).
"""

from __future__ import annotations

import pytest

from reader.entities import gazetteer, get_extractor
from reader.entities.consistency import join_possessives, listed_misc
from reader.entities.crf import Span
from reader.entities.spans import (
    codes,
    dateline,
    joiners,
    known,
    lone_names,
    lowercase,
    months,
    nation_prefix,
    particles,
    place_lists,
    role_nouns,
    streets,
    title_of,
    titles,
    works,
)
from reader.entities.teams import retag_teams
from reader.entities.tokenize import tokenize

GAZ = gazetteer.load()


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def named(text: str) -> set[tuple[str, str]]:
    return {
        (x.label, x.text)
        for x in get_extractor().extract(text)
        if x.label not in ("DATE", "FIGURE")
    }


def show(ws: list[str], sp: list[Span]) -> list[tuple[str, str]]:
    return [(lab, " ".join(ws[s:e])) for s, e, lab in sp]


# -- titles ---------------------------------------------------------------------------
def test_titles_are_stripped_from_person_names() -> None:
    ws = words("President Cde Mugabe spoke")
    assert show(ws, titles(ws, [(0, 3, "PER")], GAZ)) == [("PER", "Mugabe")]


def test_title_then_person_tagged_org_is_a_person() -> None:
    ws = words("Secretary of State Mike Pompeo said")
    assert show(ws, titles(ws, [(0, 5, "ORG")], GAZ)) == [("PER", "Mike Pompeo")]


def test_a_span_that_is_only_a_title_is_dropped() -> None:
    ws = words("Cde said so")
    assert titles(ws, [(0, 1, "PER")], GAZ) == []


def test_rest_of_a_title_before_a_person_is_not_a_name() -> None:
    ws = words("Secretary of State Mike Pompeo said")
    assert show(ws, title_of(ws, [(2, 3, "ORG"), (3, 5, "PER")], GAZ)) == [("PER", "Mike Pompeo")]


def test_person_in_an_administration() -> None:
    ws = words("the Trump administration said")
    assert show(ws, role_nouns(ws, [(1, 2, "ORG")], GAZ)) == [("PER", "Trump")]
    assert ("ORG", "Trump") not in named("Officials said the Trump administration would act.")


# -- lower case, months ---------------------------------------------------------------
def test_lower_case_words_are_not_names() -> None:
    ws = words("access to healthcare improved")
    assert lowercase(ws, [(2, 3, "ORG")], GAZ) == []


def test_span_split_at_a_common_lower_case_word() -> None:
    ws = words("World Cup soccer European qualifier")
    assert show(ws, lowercase(ws, [(0, 4, "MISC")], GAZ)) == [
        ("MISC", "World Cup"),
        ("MISC", "European"),
    ]


def test_month_abbreviation_before_a_day_is_not_a_name() -> None:
    ws = words("on Jan. 20 Biden")
    assert months(ws, [(1, 2, "PER")], GAZ) == []
    assert not any(text.startswith("Jan") for _, text in named("He took office on Jan. 20."))


# -- particles ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("Ursula von der Leyen said", [(0, 1, "PER"), (3, 4, "PER")], "Ursula von der Leyen"),
        ("Mohammed bin Salman met", [(0, 1, "PER")], "Mohammed bin Salman"),
        ("Bashar al-Assad met", [(0, 1, "PER")], "Bashar al-Assad"),
        ("Ludwig van Beethoven wrote", [(0, 1, "PER"), (2, 3, "LOC")], "Ludwig van Beethoven"),
    ],
)
def test_names_with_particles_are_one_span(text: str, spans: list[Span], expected: str) -> None:
    ws = words(text)
    assert show(ws, particles(ws, spans, GAZ)) == [("PER", expected)]


def test_particles_through_the_extractor() -> None:
    found = named("The European Commission president Ursula von der Leyen said on Monday.")
    assert ("PERSON", "Ursula von der Leyen") in found


# -- organisation names cut at and/of ------------------------------------------------
def test_and_inside_an_agency_name() -> None:
    ws = words("the Food and Drug Administration approved it")
    assert show(ws, joiners(ws, [(3, 5, "ORG")], GAZ)) == [("ORG", "Food and Drug Administration")]
    assert ("ORG", "Food and Drug Administration") in named(
        "The Food and Drug Administration approved the vaccine."
    )


def test_of_after_an_organisation_word() -> None:
    ws = words("the Bank of England raised rates")
    assert show(ws, joiners(ws, [(1, 2, "ORG"), (3, 4, "LOC")], GAZ)) == [
        ("ORG", "Bank of England")
    ]


def test_two_countries_are_not_joined() -> None:
    ws = words("Russia and China signed")
    sp: list[Span] = [(0, 1, "LOC"), (2, 3, "LOC")]
    assert joiners(ws, sp, GAZ) == sp


def test_un_agency_name_is_whole() -> None:
    text = "According to the United Nations' Food and Agriculture Organization's officer, it ended."
    assert any(lab == "ORG" and "Food and Agriculture Organization" in t for lab, t in named(text))


# -- nationality or country heading a name --------------------------------------------
def test_tournament_named_after_a_country() -> None:
    ws = words("won the Qatar Open on Sunday")
    assert show(ws, nation_prefix(ws, [(2, 3, "LOC")], GAZ)) == [("MISC", "Qatar Open")]
    assert show(ws, nation_prefix(ws, [(2, 4, "LOC")], GAZ)) == [("MISC", "Qatar Open")]


def test_people_then_person_are_split() -> None:
    ws = words("Ethiopians Dejene Debela and others")
    assert show(ws, nation_prefix(ws, [(0, 3, "LOC")], GAZ)) == [
        ("MISC", "Ethiopians"),
        ("PER", "Dejene Debela"),
    ]


# -- diseases, products, codes --------------------------------------------------------
@pytest.mark.parametrize("code", ["COVID-19", "SARS-CoV-2", "K2-18b"])
def test_codes_are_misc(code: str) -> None:
    ws = words(f"cases of {code} rose")
    assert codes(ws, [(2, 3, "PER")], GAZ) == [(2, 3, "MISC")]


@pytest.mark.parametrize("word", ["F-16", "U-21", "1996-08-30"])
def test_a_hyphenated_word_with_one_letter_is_not_a_code(word: str) -> None:
    ws = words(f"the {word} and Russia")
    assert codes(ws, [(3, 4, "LOC")], GAZ) == [(3, 4, "LOC")]


def test_an_untagged_listed_disease_is_misc() -> None:
    ws = words("a trial of four possible Ebola drugs was stopped")
    assert show(ws, listed_misc(ws, [], GAZ, [w.lower() for w in ws])) == [("MISC", "Ebola")]


def test_a_listed_name_already_tagged_is_left_to_the_other_rules() -> None:
    ws = words("After Brexit , Ryanair")
    sp: list[Span] = [(1, 2, "ORG"), (3, 4, "ORG")]
    assert listed_misc(ws, sp, GAZ, [w.lower() for w in ws]) == sp


def test_a_sentence_opening_common_word_on_the_misc_list_is_not_a_name() -> None:
    ws = words("Windows were broken in the storm")
    assert listed_misc(ws, [], GAZ, [w.lower() for w in ws]) == []
    ws = words("He installed Windows again")
    assert show(ws, listed_misc(ws, [], GAZ, [w.lower() for w in ws])) == [("MISC", "Windows")]


def test_ebola_through_the_extractor() -> None:
    found = named("Scientists report two treatments for Ebola\n\nFour possible Ebola drugs.")
    assert found == {("MISC", "Ebola")}


def test_a_name_carried_through_a_possessive_is_one_name() -> None:
    ws = words("North Korea's Supreme People's Assembly ratifies treaties")
    sp: list[Span] = [(0, 2, "LOC"), (3, 6, "ORG"), (6, 7, "ORG")]
    assert join_possessives(ws, sp) == [(0, 2, "LOC"), (3, 7, "ORG")]


def test_a_possessive_outside_the_name_keeps_two_names() -> None:
    ws = words("NASA 's Hubble telescope")
    sp: list[Span] = [(0, 1, "ORG"), (2, 3, "ORG")]
    assert join_possessives(ws, sp) == sp


def test_covid_through_the_extractor() -> None:
    text = "The World Health Organization named the disease COVID-19 on Tuesday."
    found = named(text)
    assert ("MISC", "COVID-19") in found
    assert ("ORG", "World Health Organization") in found


def test_word_lists_settle_one_word_names() -> None:
    ws = words("Ryanair and Brexit")
    assert show(ws, known(ws, [(0, 1, "LOC"), (2, 3, "PER")], GAZ)) == [
        ("ORG", "Ryanair"),
        ("MISC", "Brexit"),
    ]


# -- single-word companies ------------------------------------------------------------
def test_lone_one_word_person_in_a_business_report_is_a_company() -> None:
    sents = [
        words("Zentrica said its profits rose ."),
        words("Shares in Zentrica fell as the company cut its dividend ."),
    ]
    spans: list[list[Span]] = [[(0, 1, "PER")], [(2, 3, "PER")]]
    out = lone_names(sents, spans, GAZ)
    assert out == [[(0, 1, "ORG")], [(2, 3, "ORG")]]


def test_a_person_with_a_full_name_stays_a_person_in_a_business_report() -> None:
    sents = [
        words("Chief executive Jane Zentrica said profits rose ."),
        words("Zentrica said the company would cut its dividend ."),
    ]
    spans: list[list[Span]] = [[(2, 4, "PER")], [(0, 1, "PER")]]
    assert lone_names(sents, spans, GAZ) == spans


# -- sports teams named after places ----------------------------------------------------
def test_teams_named_after_places_are_orgs_in_a_sports_report() -> None:
    sents = [
        words("Leicestershire beat Somerset by six wickets in the county championship match ."),
        words("Leicestershire scored 320 runs as the season ended ."),
    ]
    spans: list[list[Span]] = [[(0, 1, "LOC"), (2, 3, "LOC")], [(0, 1, "LOC")]]
    out = retag_teams(sents, spans, GAZ.sections["country"])
    assert out == [[(0, 1, "ORG"), (2, 3, "ORG")], [(0, 1, "ORG")]]


# -- datelines ------------------------------------------------------------------------
def test_dateline_place_in_capitals() -> None:
    ws = words("BELGRADE 1996-08-31")
    assert show(ws, dateline(ws, [], GAZ)) == [("LOC", "BELGRADE")]


def test_sports_headline_is_not_a_dateline() -> None:
    ws = words("SOCCER - JAPAN GET LUCKY WIN")
    assert dateline(ws, [(2, 3, "LOC")], GAZ) == [(2, 3, "LOC")]


# -- titles of works ------------------------------------------------------------------
def test_film_title_after_a_work_noun_is_misc() -> None:
    ws = words("the film Parasite won")
    assert show(ws, works(ws, [(2, 3, "PER")], GAZ)) == [("MISC", "Parasite")]


def test_quoted_title_after_a_work_noun_is_misc() -> None:
    ws = words("the novel \u201cThe Old Man and the Sea\u201d sold")
    assert show(ws, works(ws, [(3, 6, "ORG")], GAZ)) == [("MISC", "The Old Man and the Sea")]


def test_weekday_after_a_work_noun_is_not_a_title() -> None:
    ws = words("the show Monday night")
    assert works(ws, [], GAZ) == []


# -- streets, dates after an organisation, time zones ------------------------------------
def test_a_name_ending_in_a_street_word_is_a_place() -> None:
    ws = words("the collapse on Karl Marx Avenue in Magnitogorsk")
    sp: list[Span] = [(3, 6, "PER"), (7, 8, "LOC")]
    assert show(ws, streets(ws, sp, GAZ)) == [("LOC", "Karl Marx Avenue"), ("LOC", "Magnitogorsk")]


def test_an_organisation_is_not_joined_to_the_date_after_it() -> None:
    text = "Ford told the U.S. Environmental Protection Agency on February 18 and the board."
    ws = words(text)
    sp: list[Span] = [(0, 1, "ORG"), (3, 7, "ORG")]
    assert joiners(ws, sp, GAZ) == sp
    assert ("ORG", "U.S. Environmental Protection Agency") in named(text)


def test_a_time_zone_after_a_time_belongs_to_the_time() -> None:
    found = get_extractor().extract("The storm made landfall at 17:00 UTC near Abaco.")
    assert [(x.label, x.text) for x in found if x.text.endswith("UTC")] == [("DATE", "17:00 UTC")]


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("Smoke rose on Monday (1800 UTC) over the field.", "1800 UTC"),
        ("The drones struck at 4:00 A.M. local time.", "4:00 A.M."),
        ("It landed around 7:38 pm IST on Friday.", "7:38 pm IST"),
        ("Polls closed at 10:15 EDT in Nevada.", "10:15 EDT"),
    ],
)
def test_clock_times_with_zones_are_dates(text: str, time: str) -> None:
    found = [(x.label, x.text) for x in get_extractor().extract(text)]
    assert ("DATE", time) in found
    assert not any(label in ("ORG", "PLACE") and time.endswith(t) for label, t in found)


def test_a_name_does_not_start_with_a_lower_case_word() -> None:
    ws = words("to prorogue Parliament was unlawful ; the eBay Inc board and de Gaulle")
    sp: list[Span] = [(1, 3, "PER"), (7, 9, "ORG"), (11, 13, "PER")]
    assert show(ws, lowercase(ws, sp, GAZ)) == [
        ("PER", "Parliament"),
        ("ORG", "eBay Inc"),
        ("PER", "de Gaulle"),
    ]


def test_a_common_word_opening_a_sentence_is_not_a_name() -> None:
    text = (
        "Samoa fights measles\n\nMeasles affects the respiratory system.\n\n"
        "One in a thousand children who contract measles develop encephalitis."
    )
    assert "Measles" not in {t for _, t in named(text)}


def test_a_style_after_her_or_his_is_not_a_name() -> None:
    ws = words("to advise Her Majesty the Queen and His Excellency Mr Ruto")
    sp: list[Span] = [(3, 4, "PER"), (8, 9, "PER"), (9, 11, "PER")]
    assert show(ws, titles(ws, sp, GAZ)) == [("PER", "Ruto")]
    ws = words("Grace Mugabe and Your Grace")
    assert show(ws, titles(ws, [(0, 2, "PER"), (4, 5, "PER")], GAZ)) == [("PER", "Grace Mugabe")]


def test_a_plural_organisation_word_joins_across_for() -> None:
    text = "According to the Centers for Disease Control and Prevention in the United States."
    assert ("ORG", "Centers for Disease Control and Prevention") in named(text)


def test_names_listed_after_the_towns_of_are_places() -> None:
    ws = words("patients from the towns of Beni , Butembo , and Katwa in Congo")
    sp: list[Span] = [(5, 6, "PER"), (7, 8, "LOC"), (10, 11, "PER"), (12, 13, "LOC")]
    assert show(ws, place_lists(ws, sp, GAZ)) == [
        ("LOC", "Beni"),
        ("LOC", "Butembo"),
        ("LOC", "Katwa"),
        ("LOC", "Congo"),
    ]
    ws = words("the city of Paris and Mr Macron")
    sp = [(3, 4, "LOC"), (6, 7, "PER")]
    assert place_lists(ws, sp, GAZ) == [(3, 4, "LOC"), (6, 7, "PER")]
