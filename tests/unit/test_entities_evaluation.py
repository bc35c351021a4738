"""The CoNLL reader, the scorer and the eval-ner command."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from reader.commands import eval_ner
from reader.entities import Mention
from reader.entities.evaluation import evaluate, read_conll, read_conll_file

SNIPPET = """-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O
. . O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- O O

BRUSSELS NNP I-NP I-LOC
1996-08-22 CD I-NP O
"""

IOB2 = """-DOCSTART- -X- -X- O

Smith B-PER
Jones B-PER
met O
Ann B-PER
Lee I-PER
"""


class FixedExtractor:
    """Predicts a fixed list of (text, label) wherever the text occurs."""

    name = "fixed"
    version = "1"

    def __init__(self, wanted: list[tuple[str, str]]) -> None:
        self.wanted = wanted

    def extract(self, text: str) -> list[Mention]:
        out = []
        for word, label in self.wanted:
            i = text.find(word)
            if i >= 0:
                out.append(Mention(label, i, i + len(word), word))
        return sorted(out, key=lambda m: m.start)


def test_reader_builds_documents_and_spans() -> None:
    docs = list(read_conll(SNIPPET.splitlines()))
    assert len(docs) == 2
    assert docs[0].text == "EU rejects German call .\nPeter Blackburn"
    assert [(docs[0].text[s:e], lab) for s, e, lab in docs[0].gold] == [
        ("EU", "ORG"),
        ("German", "MISC"),
        ("Peter Blackburn", "PER"),
    ]
    assert [(docs[1].text[s:e], lab) for s, e, lab in docs[1].gold] == [("BRUSSELS", "LOC")]


def test_reader_handles_iob2_adjacent_entities() -> None:
    (doc,) = read_conll(IOB2.splitlines())
    assert [doc.text[s:e] for s, e, _ in doc.gold] == ["Smith", "Jones", "Ann Lee"]


def test_scores_are_exact_match_per_label() -> None:
    docs = list(read_conll(SNIPPET.splitlines()))
    ex = FixedExtractor(
        [
            ("EU", "ORG"),
            ("German", "PLACE"),
            ("Peter Blackburn", "PERSON"),
            ("BRUSSELS", "PLACE"),
            ("1996-08-22", "DATE"),
        ]
    )
    scores = evaluate(docs, ex)
    assert scores.labels["ORG"].tp == 1
    assert scores.labels["LOC"].tp == 1 and scores.labels["LOC"].fp == 1
    assert scores.labels["MISC"].fn == 1
    micro = scores.micro
    assert (micro.tp, micro.fp, micro.fn) == (3, 1, 1)
    assert micro.f1 == pytest.approx(0.75)


def test_eval_ner_command_prints_table_and_last_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "snippet.conll"
    path.write_text(SNIPPET, encoding="utf-8")
    assert len(read_conll_file(path)) == 2
    parser = argparse.ArgumentParser()
    eval_ner.register(parser.add_subparsers())
    args = parser.parse_args(["eval-ner", str(path)])
    assert args.func(args) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("micro F1: ")
    assert 0.0 <= float(out[-1].split(": ")[1]) <= 1.0
    assert out[0].split() == ["label", "P", "R", "F1", "support"]
    # the built-in extractor finds these easy ones exactly
    assert float(out[-1].split(": ")[1]) >= 0.5


def test_eval_ner_missing_file_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser()
    eval_ner.register(parser.add_subparsers())
    args = parser.parse_args(["eval-ner", str(tmp_path / "missing.txt")])
    assert args.func(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
