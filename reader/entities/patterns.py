"""Pattern rules for DATE and FIGURE mentions.

Span conventions (documented in reader/entities/README.md):

* DATE covers calendar dates ("4 January 2019", "August 2023", "June"),
  weekdays ("Monday"), ISO and numeric dates, years after a preposition
  ("in 2019"), decades ("the 1990s" -> "1990s"), clock times with their time
  zone ("6am", "1800 UTC", "7:38 pm IST",
  "10:30 pm") and relative periods ("last week", "yesterday",
  "earlier this month", "three years ago").
* FIGURE covers a number with its scale and its unit when the unit is a
  measure, a currency or a percentage ("12%", "$5.5 billion", "40 km",
  "1.2 million euros"), but not the noun being counted: in
  "12,000 troops" the FIGURE is "12,000".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.entities.types import Mention

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTHS_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_MONTHS}|{_MONTHS_ABBR})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_NUMWORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred|several|a\s+few|a\s+couple\s+of|many)"
)
_UNIT_TIME = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|century)s?"
_PERIOD = r"(?:week|weekend|month|year|decade|century|season|spring|summer|autumn|fall|winter)"
_PART = r"(?:morning|afternoon|evening|night)"
_ZONE = (
    r"(?:UTC|GMT|BST|IST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|CET|CEST|EET|EEST|MSK|JST|KST|AEST"
    r"|AEDT)"
)
"""Time zones written after a time ("10:30 pm EDT", "1800 UTC")."""

_DATE = rf"""
    (?:(?:{_WEEKDAY}),?\s+)?{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?\b
  | (?:(?:{_WEEKDAY}),?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:%|per\b))
  | (?:(?:early|mid|late)[-\s])?{_MONTH}(?:,?\s+{_YEAR})?\b(?![-\u2010]\w)
  | {_WEEKDAY}(?:\s+{_PART})?\b
  | \d{{4}}-\d\d-\d\d\b | \d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b
  | (?:(?:early|late|mid)[-\s])?(?:1[5-9]|20)\d0s\b
  | \d{{1,2}}(?::\d\d)?\s?(?:(?:[aApP]\.[mM]\.|[aApP][mM]\b)(?:\s{_ZONE}\b)?|{_ZONE}\b)
  | [0-2]\d[0-5]\d\s?{_ZONE}\b
  | \d{{1,2}}:\d\d\b(?!:)
  | (?:(?:earlier|later)\s+)?(?i:last|next|this|coming|past|previous)\s+
    (?:{_PERIOD}|{_WEEKDAY}|{_PART})\b
  | (?:earlier|later)\s+(?:this|that|in\s+the)\s+{_PERIOD}\b
  | (?i:yesterday|today|tomorrow|tonight)\b
  | (?:{_NUMWORD}|\d+)\s+{_UNIT_TIME}\s+(?:ago|earlier|later)\b
  | (?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Bb]efore|[Aa]fter|[Dd]uring|[Oo]f|[Tt]o|[Aa]nd
     |[Ii]n\s[Ee]arly|[Ii]n\s[Ll]ate)\s(?P<year>{_YEAR})\b(?![.,]\d)
"""

_SCALE = r"(?:\s?(?:million|billion|trillion|thousand|hundred|bn|mn|m|k)\b)"
_CURRENCY_WORD = (
    r"(?:dollars?|euros?|pounds?(?:\s+sterling)?|yen|yuan|rupees?|rubles?|roubles?|francs?|"
    r"pesos?|won|naira|rand|shillings?|dinars?|riyals?|lira|krona|kronor|kroner|zloty)"
)
_MEASURE = (
    r"(?:km|kilomet(?:re|er)s?|met(?:re|er)s?|cm|mm|m|miles?|feet|foot|ft|inch(?:es)?|yards?|"
    r"kg|kilo(?:gram)?s?|grams?|g|tonnes?|tons?|pounds|lbs?|litres?|liters?|gallons?|barrels?|"
    r"mph|km/h|kph|knots?|degrees?(?:\s+(?:Celsius|Fahrenheit|C|F))?|°[CF]?|MW|GW|kW|kWh|MWh|"
    r"acres?|hectares?|square\s+(?:kilomet(?:re|er)s|miles|met(?:re|er)s)|sq\s?km|km2|"
    r"points?|per\s+cent|percent|percentage\s+points?)"
)
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_CURSYM = r"(?:US\$|A\$|C\$|HK\$|NZ\$|R\$|[$£€¥₹₽])"
_CURCODE = r"(?:USD|EUR|GBP|JPY|CNY|INR|RUB|CHF|AUD|CAD)"

_FIGURE = rf"""
    {_CURSYM}\s?{_NUM}{_SCALE}?(?:\s?{_CURCODE})?
  | {_CURCODE}\s?{_NUM}{_SCALE}?
  | {_NUM}{_SCALE}?\s?(?:%|{_CURCODE}\b|{_CURRENCY_WORD}\b|{_MEASURE}\b)
  | (?:{_NUMWORD}|a)\s+(?:million|billion|trillion)(?:\s+{_CURRENCY_WORD}\b)?
  | {_NUM}{_SCALE}
  | (?P<bare>{_NUM})(?![\w/]|[.,]\d|-\w)
"""

_RULES_RE = re.compile(
    rf"(?<!\w)(?=[\w$£€¥₹₽])(?:(?P<date>(?:{_DATE}))|(?P<fig>(?:{_FIGURE})))",
    re.VERBOSE,
)

_CANDIDATE_RE = re.compile(
    rf"""(?<!\w)(?=
        [\d$£€¥₹₽] | US\$|A\$|C\$|HK\$|NZ\$|R\$ | USD|EUR|GBP|JPY|CNY|INR|RUB|CHF|AUD|CAD
      | Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun
      | early|mid|late|earlier|later
      | L(?i:ast)|l(?i:ast)|N(?i:ext)|n(?i:ext)|T(?i:his|oday|omorrow|onight)
      | t(?i:his|oday|omorrow|onight)|C(?i:oming)|c(?i:oming)|P(?i:ast|revious)|p(?i:ast|revious)
      | Y(?i:esterday)|y(?i:esterday)
      | (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty
         |thirty|forty|fifty|hundred|several|many)\s+(?:[mb]illion|trillion|{_UNIT_TIME})
      | a\s+(?:few|couple|[mb]illion|trillion)
      | (?:In|in|Since|since|By|by|Until|until|From|from|Before|before|After|after|During|during
         |Of|of|To|to|And|and)\s{_YEAR}
      | [Ii]n\s(?:[Ee]arly|[Ll]ate)\s{_YEAR}
    )""",
    re.VERBOSE,
)
"""Where a date or a figure may start: every start of ``_RULES_RE``, and few
others, found far faster than trying the whole pattern at every word.

Written so that the regex engine can rule out most alternatives by their first
character alone (it does so for a plain character, not for a class or a
case-insensitive one): "USD|EUR" rather than "(?:USD|EUR)", "In|in" rather than
"[Ii]n", "L(?i:ast)|l(?i:ast)" rather than "(?i:last)" (no other character is
"l" ignoring case). A third fewer instructions for the scan, the same positions."""

_LEADING_THE = re.compile(r"^(?:the|The)\s+")


def _matches(text: str) -> Iterator[re.Match[str]]:
    """``_RULES_RE.finditer(text)``, trying the pattern only where a match may start."""
    match = _RULES_RE.match
    end = 0
    for candidate in _CANDIDATE_RE.finditer(text):
        pos = candidate.start()
        if pos < end:
            continue
        m = match(text, pos)
        if m is not None:
            end = m.end()
            yield m


def find_dates_and_figures(text: str) -> Iterator[Mention]:
    """Yield DATE and FIGURE mentions in ``text``, in order, non-overlapping."""
    for m in _matches(text):
        label = "DATE" if m.group("date") is not None else "FIGURE"
        start, end = m.start(), m.end()
        if m.group("year") is not None:
            start = m.start("year")
        elif m.group("bare") is not None and start and text[start - 1] in ".,/-":
            continue  # part of a longer number or code
        span = text[start:end]
        # a bare "May" is far more often a verb or a name than a month
        if label == "DATE" and span in ("May", "March") and not _has_date_context(text, start, end):
            continue
        stripped = span.rstrip()
        end = start + len(stripped)
        if not stripped:
            continue
        yield Mention(label, start, end, text[start:end])


def _has_date_context(text: str, start: int, end: int) -> bool:
    """Whether a bare ambiguous month name is preceded by a date preposition."""
    before = text[max(0, start - 12) : start].lower().split()
    return bool(before) and before[-1] in (
        "in",
        "since",
        "until",
        "of",
        "early",
        "late",
        "mid",
        "by",
    )
