"""Turning the bytes of a web page into text, whatever its charset claims.

Declared charsets are often wrong. The order used: a byte-order mark; strict
UTF-8 (bytes that decode as UTF-8 almost never are anything else); the
charset declared by the server, then by the page's ``<meta>``; Windows-1252;
Latin-1 (which accepts any bytes). So a UTF-8 page declared as Latin-1 and
a Windows-1252 page declared as UTF-8 both come out right.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)
_LATIN_1_NAMES = {"iso-8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "iso8859-1"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def _usable(name: str | None) -> str | None:
    """A Python codec name for a declared charset (Latin-1 read as Windows-1252, as browsers do)."""
    if not name:
        return None
    name = name.strip().lower()
    if name in _LATIN_1_NAMES:
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_page(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML page's bytes (see the module docstring for the order tried)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for declared_name in (declared, meta_charset(data)):
        usable = _usable(declared_name)
        if usable and usable != "utf-8":
            try:
                return data.decode(usable)
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
