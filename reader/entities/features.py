"""Token features for the sequence tagger, shared by training and run time.

A document is featurised at once so that document-level evidence is
available: how a word is usually capitalised inside the document (used to
restore the case of ALL-CAPS headlines and to judge sentence-initial
capitals), and whether it also appears in lower case.

Word-intrinsic and neighbour features depend only on the word form, so they
are computed once per distinct form and cached; a token's feature list is
then a concatenation of cached lists plus a few positional features.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import chain, compress, groupby
from operator import itemgetter, ne, not_
from typing import Any

from reader.entities.gazetteer import JOINERS, Gazetteers
from reader.entities.names import word_set
from reader.entities.tokenize import Token

_SHAPE_SUBS = (
    (re.compile(r"[A-Z\u00C0-\u00DE]"), "X"),
    (re.compile(r"[a-z\u00DF-\u00FF]"), "x"),
    (re.compile(r"\d"), "d"),
)
_LETTER = re.compile(r"[^\W\d_]")

Features = list[Any]
"""Feature names: ``str``, or ``bytes`` when encoding for the tagger (see ``Featurizer``)."""
_TypeFeats = tuple[Features, Features, Features]
"""A word form's own features, and those it lends the words before and after it."""

_NONE: Features = []
"""No features (shared: only ever read)."""

_CACHE_LIMIT = 200_000
_APOS_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'"})
_DIGITS = str.maketrans("123456789", "000000000")
"""Numbers share features: "1996" and "2019" are both "0000"."""

_MONTHS = word_set(
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. "
    "oct oct. nov nov. dec dec. january february march april may june july august september "
    "october november december"
)
_QUOTES = frozenset('"\u201c\u201d')
_CONTEXT_FLAGS = frozenset(["cap", "tit", "orgw", "miscw", "dem", "given", "month"])
"""The flags a word lends its neighbours ("-1cap": the word before is capitalised)."""
_ORG_CUES = word_set(
    "inc inc. corp corp. ltd ltd. plc llc co. group company corporation airlines airways "
    "motors bank university college party council committee agency association foundation "
    "institute ministry department fc club united league federation union"
)


_LATIN1_SHAPE = {
    **dict.fromkeys([*range(0x41, 0x5B), *range(0xC0, 0xDF)], "X"),
    **dict.fromkeys([*range(0x61, 0x7B), *range(0xDF, 0x100)], "x"),
    **dict.fromkeys(range(0x30, 0x3A), "d"),
}
"""The shape substitutions as a translation table, for words in Latin-1 (nearly all)."""
_RUNS = ((re.compile("X{2,}"), "X"), (re.compile("x{2,}"), "x"), (re.compile("d{2,}"), "d"))
_DROP_XXD = str.maketrans("", "", "Xxd")


def shape(word: str) -> str:
    """Word shape: "Putin" -> "Xxxxx" (long), and squeezed "Xx"."""
    if word.isascii() or max(word) <= "\xff":
        return word.translate(_LATIN1_SHAPE)
    s = word
    for rx, sub in _SHAPE_SUBS:
        s = rx.sub(sub, s)
    return s


def short_shape(word: str) -> str:
    """Squeezed shape: "Putin" -> "Xx", "12,000" -> "d,d"."""
    return _squeeze(shape(word))


_SQUEEZED: dict[str, str] = {}


def _squeezed(long_shape: str) -> str:
    """:func:`_squeeze`, remembered (there are few distinct shapes)."""
    out = _squeeze(long_shape)
    if len(_SQUEEZED) < 50_000:
        _SQUEEZED[long_shape] = out
    return out


def _squeeze(s: str) -> str:
    """Runs of one character squeezed to one: "Xxxxx" -> "Xx"."""
    if len(s.translate(_DROP_XXD)) > 1:  # other characters, which may repeat
        return "".join(ch for ch, _ in groupby(s))
    for rx, ch in _RUNS:
        s = rx.sub(ch, s)
    return s


def is_allcaps_sentence(words: Sequence[str]) -> bool:
    """Whether a sentence is written in capitals (a shouting headline)."""
    if not any(map(str.isupper, words)):
        return False  # the common case, decided without a regex
    # Nor when too few words are in capitals: a word of letters only (isalpha)
    # not in capitals has a letter and is not in capitals, so the 80% of the words
    # with a letter that the test below needs at least require 5 * upper >= 4 * alpha
    if 5 * sum(map(str.isupper, words)) < 4 * sum(map(str.isalpha, words)):
        return False
    letters = list(compress(words, map(_LETTER.search, words)))
    if not letters:
        return False
    upper = sum(map(str.isupper, letters))
    longest = max(map(len, letters))
    return (upper == len(letters) and longest >= 3) or (
        len(letters) >= 4 and upper / len(letters) >= 0.8
    )


class Featurizer:
    """Turns tokenized documents into CRF feature lists."""

    def __init__(
        self, gaz: Gazetteers, *, encode: bool = False, known: frozenset[bytes] | None = None
    ) -> None:
        """``encode``: features as UTF-8 ``bytes`` (what crfsuite takes without
        converting); ``known``: the model's attributes, to leave out the others
        (they weigh nothing). Training uses plain strings, all of them."""
        self.gaz = gaz
        self._cache: dict[str, _TypeFeats] = {}
        self.encode = encode or known is not None
        self.known = known
        self._bos = self._out(["BOS"])
        self._eos = self._out(["EOS"])
        self._first = self._out(["first"])
        self._inq = self._out(["inq"])
        self._acaps = self._out(["acaps"])
        self._gaz_feats: dict[str, tuple[Features, Features, Features]] = {}
        self._flag_parts: dict[tuple[str, ...], _TypeFeats] = {}
        self._shape_parts: dict[str, _TypeFeats] = {}
        self._suffix_parts: dict[str, Features] = {}
        self._doc_parts: dict[tuple[str, ...], Features] = {}
        """The document features of a form ("doclow", "docper"...) as the tagger takes them."""

    def _out(self, feats: list[str]) -> Features:
        """Features as the tagger takes them (encoded, unknown ones left out)."""
        if not self.encode:
            return feats
        if self.known is None:
            return list(map(str.encode, feats))
        return list(filter(self.known.__contains__, map(str.encode, feats)))

    # -- per word form -------------------------------------------------
    def _type_feats(self, raw: str) -> _TypeFeats:
        """A word form's features and those it lends its neighbours (see ``_TypeFeats``).

        They are joined from parts: the shape's, the suffix's and the flags'
        are shared by many forms, so made (encoded, filtered) once and
        remembered; the lower-cased word's are made directly. Encoding and
        filtering every feature of every new form again cost about half the
        time of filling the cache.
        """
        w = raw.translate(_DIGITS)
        cached = self._cache.get(w)
        if cached is not None:
            self._cache[raw] = cached
            return cached
        g = self.gaz
        lw = w.lower().translate(_APOS_FOLD)
        long_shape = shape(w)
        ss = _SQUEEZED.get(long_shape) or _squeezed(long_shape)
        flags: list[str] = []
        if w[:1].isupper():
            flags.append("cap")
            if w.isupper() and len(w) > 1:
                flags.append("up")
        if lw in g.lower:
            flags.append("lex")
        if lw in g.proper:
            flags.append("prop")
        if lw in g.given:
            flags.append("given")
        if lw in g.surname:
            flags.append("sur")
        if lw in g.demonym:
            flags.append("dem")
        if lw in g.title:
            flags.append("tit")
        if lw in g.orgword:
            flags.append("orgw")
        if lw in g.miscword:
            flags.append("miscw")
        if lw in _MONTHS:
            flags.append("month")
        hyphen_last: Features = []
        if "-" in w:
            flags.append("hyph")
            parts = lw.split("-")
            if parts[0] in g.given:
                flags.append("given")
            if all(p[:1].isupper() for p in w.split("-") if p):
                flags.append("hyphcap")
            hyphen_last = self._out(["hl=" + parts[-1]])
        key = tuple(flags)
        fixed = self._flag_parts.get(key) or self._flags_part(key)
        word = self._word_part(lw)
        sh = self._shape_parts.get(ss) or self._part("sh=", ss, self._shape_parts)
        suffix = lw[-3:]
        s3 = self._suffix_parts.get(suffix)
        if s3 is None:
            s3 = self._suffix_parts[suffix] = self._out(["s3=" + suffix])
        # the same features in the same order as one list made at once would give
        result = (
            [*word[0], *sh[0], *s3, *hyphen_last, *fixed[0]],
            [*word[1], *sh[1], *fixed[1]],
            [*word[2], *sh[2], *fixed[2]],
        )
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[w] = result
        self._cache[raw] = result
        return result

    def _word_part(self, lw: str) -> _TypeFeats:
        """The lower-cased word as a feature of its own ("w=paris") and of its
        neighbours ("-1w=paris", "+1w=paris"). Nearly every form has a word of
        its own, so this is not remembered, only made cheaply: one encoding,
        and a rare word's features left out without building lists for them."""
        if not self.encode:
            return ["w=" + lw], ["-1w=" + lw], ["+1w=" + lw]
        b = lw.encode()
        own, before, after = b"w=" + b, b"-1w=" + b, b"+1w=" + b
        known = self.known
        if known is None:
            return [own], [before], [after]
        return (
            [own] if own in known else _NONE,
            [before] if before in known else _NONE,
            [after] if after in known else _NONE,
        )

    def _part(self, name: str, value: str, parts: dict[str, _TypeFeats]) -> _TypeFeats:
        """A feature of a word form ("sh=Xx"), as its own and as the neighbours'
        ("-1sh=Xx", "+1sh=Xx"), remembered in ``parts``."""
        part = (
            self._out([name + value]),
            self._out(["-1" + name + value]),
            self._out(["+1" + name + value]),
        )
        parts[value] = part
        return part

    def _flags_part(self, flags: tuple[str, ...]) -> _TypeFeats:
        """The features a word form's flags give it and its neighbours (the same for
        every form with those flags, so made once). Being in the lower-case
        lexicon counts only together with the case ("cap+lex", "cap-lex")."""
        own = [f for f in flags if f != "lex"]
        if "cap" in flags:
            own.append("cap+lex" if "lex" in flags else "cap-lex")
        ctx_flags = [f for f in flags if f in _CONTEXT_FLAGS]
        out = self._out
        part = (
            out(own),
            out(["-1" + f for f in ctx_flags]),
            out(["+1" + f for f in ctx_flags]),
        )
        self._flag_parts[flags] = part
        return part

    # -- per document --------------------------------------------------
    def document(
        self,
        sents: Sequence[Sequence[Token]],
        caps: Sequence[bool] | None = None,
        words: Sequence[Sequence[str]] | None = None,
        lowered: Sequence[Sequence[str]] | None = None,
    ) -> list[list[Features]]:
        """Feature lists for every token of every sentence of one document.

        ``caps`` may give :func:`is_allcaps_sentence` of each sentence,
        ``words`` the token texts and ``lowered`` the same lower-cased, when
        the caller has them already.
        """
        cased, lowered, caps, forms, low_seen, evidence = self._prepare(sents, caps, words, lowered)
        cache = self._cache
        type_feats = self._type_feats
        doc_parts = self._doc_parts
        distinct = set(chain.from_iterable(cased))
        new = distinct.difference(cache)  # forms not seen before
        seen = distinct - new
        tfs = dict(zip(seen, map(cache.__getitem__, seen), strict=True))
        tfs.update({w: type_feats(w) for w in new})  # (this may empty the cache: after)
        for w in compress(distinct, map(str.isupper, map(_FIRST_CHAR, distinct))):
            extra = _doc_feats(w, forms, low_seen, evidence)
            if extra:
                part = doc_parts.get(extra)
                if part is None:
                    part = doc_parts[extra] = self._out(list(extra))
                tf = tfs[w]
                tfs[w] = (tf[0] + part, tf[1], tf[2])
        return [
            self._sentence(ws, lws, allcaps, tfs)
            for ws, lws, allcaps in zip(cased, lowered, caps, strict=True)
        ]

    def _prepare(
        self,
        sents: Sequence[Sequence[Token]],
        caps: Sequence[bool] | None,
        words: Sequence[Sequence[str]] | None,
        lowered: Sequence[Sequence[str]] | None = None,
    ) -> tuple[
        list[Sequence[str]],
        Sequence[Sequence[str]],
        Sequence[bool],
        dict[str, str],
        set[str],
        dict[str, list[str]],
    ]:
        """The document evidence both featurisations share."""
        if words is None:
            words = [[t.text for t in s] for s in sents]
        if caps is None:
            caps = [is_allcaps_sentence(ws) for ws in words]
        forms, low_seen = _casing_stats(words, caps)
        cased: list[Sequence[str]] = [
            self._truecase_sentence(ws, forms) if allcaps else ws
            for ws, allcaps in zip(words, caps, strict=True)
        ]
        if lowered is None:  # (true-casing changes only the case)
            lowered = [list(map(str.lower, ws)) for ws in words]
        evidence = self._evidence(cased, lowered)
        return cased, lowered, caps, forms, low_seen, evidence

    def _truecase_sentence(self, ws: Sequence[str], forms: dict[str, str]) -> list[str]:
        """Restore the case of an ALL-CAPS sentence; known multi-word names stay capitalised."""
        lex, known = self.gaz.lower, self.gaz.phrases
        out = [_truecase(w, forms, lex, known) for w in ws]
        lowered = [w.lower() for w in ws]
        for start, end, _ in self.gaz.match(list(ws), lowered):
            if end - start > 1:
                for k in range(start, end):
                    if lowered[k] not in JOINERS:
                        out[k] = ws[k][:1] + ws[k][1:].lower()
        return out

    def _evidence(
        self, words: Sequence[Sequence[str]], lowered: Sequence[Sequence[str]]
    ) -> dict[str, list[str]]:
        """Per lower-cased word, what the rest of the document says about it.

        ``docper``: somewhere it follows a given name or a title ("Brigid Kosgei",
        "Mr Kosgei"); ``docorg``: somewhere an organisation word or company
        suffix follows it ("Toyota Motor", "Tesco plc").
        """
        g = self.gaz
        given, title = g.given, g.title
        per: set[str] = set()
        org: set[str] = set()
        for ws, lws in zip(words, lowered, strict=True):
            n = len(ws)
            # the first two cues need a capitalised word before (a capital makes a
            # word differ from its lower-cased form)
            for i in compress(range(1, n), map(ne, ws, lws)):
                if not ws[i - 1][:1].isupper():
                    continue
                lp = lws[i - 1]
                lw = lws[i]
                cap = ws[i][:1].isupper()
                if cap and (lp in given or lp in title):
                    per.add(lw)
                if (cap and lw in _ORG_CUES) or lw in ("shares", "stock"):
                    org.add(lp)
            if "shares" in lws or "stake" in lws:
                for i in range(2, n):
                    if (
                        lws[i - 1] in ("in", "of")
                        and lws[i - 2] in ("shares", "stake")
                        and ws[i][:1].isupper()
                    ):
                        org.add(lws[i])
        out: dict[str, list[str]] = {}
        for lw in per:
            out.setdefault(lw, []).append("docper")
        for lw in org:
            out.setdefault(lw, []).append("docorg")
        return out

    def _sentence(
        self,
        ws: Sequence[str],
        lowered: Sequence[str],
        allcaps: bool,
        tfs: dict[str, _TypeFeats],
    ) -> list[Features]:
        """Feature lists of one sentence; ``tfs`` give each word form's own features
        (with the document's evidence) and those it lends its neighbours."""
        n = len(ws)
        tf = list(map(tfs.__getitem__, ws))
        # neighbours, padded: "BOS" as the word before the first, "EOS" after the last
        # (feature order does not matter to the CRF)
        before = [self._bos, *map(_M1, tf[:-1])]
        after = [*map(_P1, tf[1:]), self._eos]
        mine = map(_OWN, tf)
        if allcaps:
            acaps = self._acaps
            feats = [[*o, *a, *b, *acaps] for o, a, b in zip(mine, before, after, strict=False)]
        else:
            feats = [[*o, *a, *b] for o, a, b in zip(mine, before, after, strict=False)]
        for start, end, secs in self.gaz.match(ws, lowered):
            for sec in secs:
                begin, inside, alone = self._gaz_feats.get(sec) or self._gaz_names(sec)
                feats[start] += begin
                for k in range(start + 1, end):
                    feats[k] += inside
                if end - start == 1:
                    feats[start] += alone
        first_word = 0
        while first_word < n and not _LETTER.search(ws[first_word][:1] or "x"):
            first_word += 1
        if first_word < n:
            feats[first_word] += self._first
        if not _QUOTES.isdisjoint(ws):
            in_quote = _quoted(ws)
            if in_quote is not None:
                inq = self._inq
                for i in range(n):
                    if in_quote[i]:
                        feats[i] += inq
        return feats

    def _gaz_names(self, sec: str) -> tuple[Features, Features, Features]:
        names = (
            self._out(["g=" + sec + ":B"]),
            self._out(["g=" + sec + ":I"]),
            self._out(["g1=" + sec]),
        )
        self._gaz_feats[sec] = names
        return names


_OWN, _M1, _P1 = (itemgetter(k) for k in range(3))
"""The parts of a word form's features (see ``Featurizer._type_feats``): its own,
those it gives the next word ("-1w=..."), those it gives the word before ("+1w=...")."""


def _doc_feats(
    w: str, forms: dict[str, str], low_seen: set[str], evidence: dict[str, list[str]]
) -> tuple[str, ...]:
    """What the document says about a capitalised word form (empty when nothing;
    a tuple, so that its encoding is made once for all the forms it fits)."""
    lw = w.lower()
    out: list[str] = []
    if lw in low_seen:
        out.append("doclow")
    form = forms.get(lw)
    if form is not None and form[:1].isupper():
        out.append("doccap")
    ev = evidence.get(lw)
    if ev is not None:
        out += ev
    return tuple(out)


def _quoted(ws: Sequence[str]) -> list[bool] | None:
    """Which tokens stand inside double quotes (None when the sentence has none)."""
    if not any(w in _QUOTES for w in ws):
        return None
    out = [False] * len(ws)
    inside = False
    for i, w in enumerate(ws):
        if w == "\u201c" or (w == '"' and not inside):
            inside = True
        elif w == "\u201d" or w == '"':
            inside = False
        else:
            out[i] = inside
    return out


_OPENING = frozenset(['"', "\u201c", "(", ":", "'", "\u2018"])
"""After these, a capital says nothing about a word's usual case."""


def _casing_stats(
    words: Sequence[Sequence[str]], caps: Sequence[bool]
) -> tuple[dict[str, str], set[str]]:
    """Most frequent form of each word in mid-sentence, mixed-case positions."""
    mid: list[Sequence[str]] = []  # per sentence, the words counted
    for ws, allcaps in zip(words, caps, strict=True):
        if allcaps or len(ws) < 2:
            continue
        if _OPENING.isdisjoint(ws):
            mid.append(ws[1:])
        else:  # the words not after an opening
            mid.append(list(compress(ws[1:], map(not_, map(_OPENING.__contains__, ws)))))
    counts = Counter(chain.from_iterable(mid))  # (one count: far fewer calls than per sentence)
    distinct = list(counts)
    lowered = list(map(str.lower, distinct))
    low_seen = set(compress(lowered, map(str.islower, map(_FIRST_CHAR, distinct))))
    # the most frequent form of each word, the first counted on a tie: most words
    # come in one form only, so only the others are compared
    forms = dict(zip(lowered, distinct, strict=True))
    if len(forms) < len(distinct):
        several = {lw for lw, k in Counter(lowered).items() if k > 1}
        best: dict[str, int] = {}
        rows = zip(distinct, lowered, counts.values(), strict=True)
        for w, lw, c in compress(rows, map(several.__contains__, lowered)):
            if c > best.get(lw, 0):
                best[lw] = c
                forms[lw] = w
    return forms, low_seen


_FIRST_CHAR = itemgetter(slice(None, 1))
"""``w[:1]``, as a function."""


def _truecase(
    w: str, forms: dict[str, str], lex: frozenset[str], known: dict[str, tuple[str, ...]]
) -> str:
    """Restore the likely case of a word from an ALL-CAPS sentence."""
    if not w.isupper():
        return w
    lw = w.lower()
    form = forms.get(lw)
    if form is not None:
        return form
    if lw in lex and lw not in known:
        return lw
    if len(w) <= 3:
        return w
    return w[:1] + w[1:].lower() if "-" not in w else "-".join(p.capitalize() for p in w.split("-"))
