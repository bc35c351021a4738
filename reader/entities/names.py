"""Name keys shared by grouping, document consistency and corrections.

A *name key* is the normalised text of a mention (see :func:`normalise`) with
leading honorifics and titles removed ("Cde Mugabe", "President Mugabe" and
"Mr. Mugabe" all have the key "mugabe"), so that the variants of one name are
matched however the article introduces them. The lists here are general
vocabulary (honorifics, roles, name particles), never particular names.
"""

from __future__ import annotations

import re
from functools import lru_cache


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, as a set (for word lists written in code)."""
    return frozenset(text.split())


HONORIFICS: frozenset[str] = word_set(
    """
    mr mrs ms miss mx mister madam madame mme mlle monsieur herr frau signor senor senora
    dr doctor prof professor sir dame lord lady cde comrade hon honourable honorable
    president vice-president president-elect premier minister chancellor mayor governor gov
    king queen prince princess emperor empress sultan sheikh emir pope cardinal archbishop
    bishop reverend rev father pastor rabbi imam ayatollah mullah
    general gen colonel col lieutenant lt major maj captain capt cpt sergeant sgt admiral adm
    commander marshal brigadier corporal private
    judge justice senator sen senator-elect representative rep congressman congresswoman
    secretary ambassador envoy chairman chairwoman chairperson chair coach manager
    spokesman spokeswoman spokesperson officer detective inspector constable deputy
    superintendent commissioner attorney counsel speaker saint st chief leader
    prime foreign defence defense finance interior health vice former late acting first
    """
)
"""Words that stand before a personal name without being part of it (lower case)."""

PARTICLES: frozenset[str] = word_set(
    "von van der den de del della dela di da du dos das le la bin ibn bint al el ben abu "
    "ter ten zu y"
)
"""Lower-case words inside personal names ("Ursula von der Leyen", "Mohammed bin Salman")."""

STORM_WORDS: frozenset[str] = word_set("hurricane typhoon cyclone storm tropical superstorm")
"""A storm's name follows one of these ("Hurricane Dorian", "Tropical Storm Imelda"), lower
case: alone, the name is the storm's."""

_POSSESSIVE = re.compile(r"['\u2018\u2019\u02bc]s$", re.IGNORECASE)
_SEP = re.compile(r"[\s\-\u2010\u2011\u2013.'\u2018\u2019\u02bc]+")


def normalise(text: str) -> str:
    """A grouping key: "Kim Jong-un's" -> "kim jong un", "U.S." -> "u s"."""
    t = _POSSESSIVE.sub("", text.strip())
    t = _SEP.sub(" ", t.casefold()).strip()
    if t.startswith("the "):
        t = t[4:]
    return t


def strip_titles(key: str) -> str:
    """A normalised key without leading honorifics: "cde mugabe" -> "mugabe".

    "secretary of state mike pompeo" -> "mike pompeo". At least one word is kept.
    """
    words = key.split(" ")
    i = 0
    n = len(words)
    while i < n - 1:
        w = words[i]
        if w in HONORIFICS:
            i += 1
        elif w == "of" and i > 0 and i + 2 < n:
            i += 2  # "secretary of state ..."
        else:
            break
    return " ".join(words[i:]) if i else key


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The key that variants of one name share (normalised, titles stripped)."""
    return strip_titles(normalise(text))


def display_name(text: str) -> str:
    """A mention's text without leading titles and a possessive, for naming a group."""
    t = _POSSESSIVE.sub("", text.strip()).strip()
    parts = t.split()
    i = 0
    while i < len(parts) - 1 and normalise(parts[i]) in HONORIFICS:
        i += 1
    return " ".join(parts[i:]) if i else t
