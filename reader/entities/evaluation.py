"""Read CoNLL-2003 style files and score an extractor on them.

Format: one token a line, the token in the first column and its tag in the
last; blank lines end sentences; ``-DOCSTART-`` lines start documents. Tags
may be IOB1 (``B-`` only between touching entities) or IOB2.

Each document is given to the extractor as one text: tokens joined with a
space, sentences with a newline. Scoring is exact match of (start, end,
label) per label, with PERSON=PER, ORG=ORG, PLACE=LOC, MISC=MISC; DATE and
FIGURE predictions are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.entities.types import Extractor, Mention

CONLL_LABELS: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
TO_CONLL: dict[str, str] = {"PERSON": "PER", "ORG": "ORG", "PLACE": "LOC", "MISC": "MISC"}

Span = tuple[int, int, str]


@dataclass
class Document:
    """One CoNLL document as plain text with its gold entity spans."""

    text: str
    gold: list[Span] = field(default_factory=list)
    tokens: list[tuple[int, int]] = field(default_factory=list)


def read_conll(lines: Iterable[str]) -> Iterator[Document]:
    """Yield the documents of a CoNLL file given as lines."""
    sents: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                sents.append(current)
                current = []
            continue
        cols = line.split()
        if cols[0] == "-DOCSTART-":
            if current:
                sents.append(current)
                current = []
            if sents:
                yield _document(sents)
                sents = []
            continue
        current.append((cols[0], cols[-1] if len(cols) > 1 else "O"))
    if current:
        sents.append(current)
    if sents:
        yield _document(sents)


def read_conll_file(path: Path) -> list[Document]:
    """Read every document of a CoNLL file."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        return list(read_conll(fh))


def _document(sents: list[list[tuple[str, str]]]) -> Document:
    parts: list[str] = []
    gold: list[Span] = []
    tokens: list[tuple[int, int]] = []
    pos = 0
    for s_i, sent in enumerate(sents):
        if s_i:
            parts.append("\n")
            pos += 1
        open_label = ""
        open_start = 0
        last_end = pos
        for t_i, (tok, tag) in enumerate(sent):
            if t_i:
                parts.append(" ")
                pos += 1
            start, end = pos, pos + len(tok)
            parts.append(tok)
            pos = end
            tokens.append((start, end))
            prefix, _, label = tag.partition("-")
            if prefix not in ("B", "I") or not label:
                prefix, label = "O", ""
            if open_label and (prefix == "O" or prefix == "B" or label != open_label):
                gold.append((open_start, last_end, open_label))
                open_label = ""
            if prefix != "O" and not open_label:
                open_label, open_start = label, start
            last_end = end
        if open_label:
            gold.append((open_start, last_end, open_label))
    return Document("".join(parts), gold, tokens)


@dataclass
class LabelScore:
    """Counts and derived scores for one label."""

    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        """Number of gold entities."""
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        """tp / predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / gold."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    """Per-label and micro-averaged scores."""

    labels: dict[str, LabelScore]

    @property
    def micro(self) -> LabelScore:
        """All labels pooled."""
        total = LabelScore("micro")
        for s in self.labels.values():
            total.tp += s.tp
            total.fp += s.fp
            total.fn += s.fn
        return total


def predicted_spans(mentions: Iterable[Mention]) -> list[Span]:
    """Map our labels to CoNLL's; DATE and FIGURE are dropped."""
    return [(m.start, m.end, TO_CONLL[m.label]) for m in mentions if m.label in TO_CONLL]


def score(pairs: Iterable[tuple[list[Span], list[Span]]]) -> Scores:
    """Score (gold, predicted) span lists, exact match per label."""
    labels = {lab: LabelScore(lab) for lab in CONLL_LABELS}
    for gold, pred in pairs:
        g, p = set(gold), set(pred)
        for start, end, lab in p:
            s = labels.setdefault(lab, LabelScore(lab))
            if (start, end, lab) in g:
                s.tp += 1
            else:
                s.fp += 1
        for _start, _end, lab in g - p:
            labels.setdefault(lab, LabelScore(lab)).fn += 1
    return Scores(labels)


def evaluate(docs: Iterable[Document], extractor: Extractor) -> Scores:
    """Run ``extractor`` over each document and score it."""
    return score((d.gold, predicted_spans(extractor.extract(d.text))) for d in docs)


def format_table(scores: Scores) -> str:
    """A per-label table, then ``micro F1: 0.xxx`` as the last line."""
    rows = [f"{'label':<6} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
    for s in [*scores.labels.values(), scores.micro]:
        rows.append(f"{s.label:<6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:8d}")
    rows.append(f"micro F1: {scores.micro.f1:.3f}")
    return "\n".join(rows)
