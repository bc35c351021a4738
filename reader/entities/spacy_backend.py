"""Optional spaCy backend: any English spaCy pipeline, labels mapped to ours.

Install with ``pip install 'broadsheet[spacy]'`` plus an English pipeline
(see the README). Imported only when the "spacy" backend is chosen.
"""

from __future__ import annotations

import os
from typing import Any

from reader.entities.types import Mention

LABEL_MAP: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "NORP": "MISC",
    "EVENT": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LANGUAGE": "MISC",
    "DATE": "DATE",
    "TIME": "DATE",
    "CARDINAL": "FIGURE",
    "MONEY": "FIGURE",
    "PERCENT": "FIGURE",
    "QUANTITY": "FIGURE",
}

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_md", "en_core_web_sm", "en_core_web_lg")
MODEL_ENV = "BROADSHEET_SPACY_MODEL"
INSTALL_HINT = "pip install 'broadsheet[spacy]' && python -m spacy download en_core_web_md"


class SpacyUnavailable(RuntimeError):
    """spaCy or an English pipeline is missing; the message says how to install it."""


class SpacyExtractor:
    """Runs a spaCy pipeline and maps its entities to Broadsheet labels."""

    name = "spacy"

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        meta = getattr(nlp, "meta", {}) or {}
        self.version = f"{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"

    def extract(self, text: str) -> list[Mention]:
        """Entities of ``text``, a leading "the" dropped, sorted."""
        if not text.strip():
            return []
        doc = self.nlp(text)
        out: list[Mention] = []
        for ent in doc.ents:
            label = LABEL_MAP.get(ent.label_)
            if label is None:
                continue
            start, end = ent.start_char, ent.end_char
            span = text[start:end]
            if span[:4].lower() == "the " and end - start > 4:
                start += 4
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                out.append(Mention(label, start, end, text[start:end]))
        out.sort(key=lambda m: m.start)
        return out


def load_spacy(model: str | None = None) -> SpacyExtractor:
    """A SpacyExtractor over ``model`` (or $BROADSHEET_SPACY_MODEL, or a default)."""
    try:
        import spacy
    except ImportError as exc:
        raise SpacyUnavailable(f"spaCy is not installed; run: {INSTALL_HINT}") from exc
    names = [model] if model else ([os.environ[MODEL_ENV]] if os.environ.get(MODEL_ENV) else [])
    names = names or list(DEFAULT_MODELS)
    for name in names:
        try:
            return SpacyExtractor(spacy.load(name, disable=["lemmatizer"]))
        except (OSError, ImportError, ValueError):
            continue
    raise SpacyUnavailable(
        f"no English spaCy pipeline found ({', '.join(names)}); run: {INSTALL_HINT}"
    )
