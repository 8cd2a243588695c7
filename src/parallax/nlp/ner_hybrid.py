"""A Ukrainian NER of two models: organisations from the spaCy CNN, people and places from the
CRF over e5's contextual token states.

Cross-validated on NER-UK DEV, the CRF over e5's states (:mod:`parallax.nlp.ner_states`) finds
people and places better than the spaCy CNN (:mod:`parallax.nlp.ner_spacy`) and organisations
worse: NER-UK's organisations are long, nested, quoted names, and most of the CRF's ORG errors
are boundary errors, where the CNN's wider window does better. The hybrid takes each model's
better types: the CNN's ORG and the CRF's PERS and LOC, with the CRF's ORG where the CNN found
nothing there. Where they overlap, the organisation wins (:func:`merge`): a place or person
inside an organisation's name ("Одеської" in "Одеської обласної ради") is not annotated in
NER-UK.

A hybrid model folder is a spaCy model folder (``parallax train ner-uk``) with the state CRF's
folder (``parallax train ner-uk --states 64``) inside it, as :data:`STATES_DIR`, and optionally
a span re-typer (:mod:`parallax.nlp.ner_retype`) as :data:`parallax.nlp.ner_retype.RETYPE_DIR`,
which decides each entity's type again after the post-rules (:meth:`HybridNer.entities`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["STATES_DIR", "HybridNer", "is_hybrid_model", "load_hybrid_ner", "merge"]

#: The state CRF's folder inside a hybrid model's folder.
STATES_DIR = "states"

Span = tuple[int, int, str]  # start, end, NER-UK label (PERS, LOC, ORG)


def merge(cnn: Iterable[Span], crf: Iterable[Span]) -> list[Span]:
    """The hybrid's entities, in text order: the organisations of ``cnn`` (the spaCy model's),
    and those of ``crf`` (the state CRF's) that overlap no entity of ``cnn``; then the people
    and places of ``crf`` that overlap none of those organisations."""
    cnn, crf = list(cnn), list(crf)
    organisations = [span for span in cnn if span[2] == "ORG"]
    organisations += [
        (start, end, label)
        for start, end, label in crf
        if label == "ORG" and not any(a < end and start < b for a, b, _ in cnn)
    ]
    others = [
        (start, end, label)
        for start, end, label in crf
        if label != "ORG" and not any(a < end and start < b for a, b, _ in organisations)
    ]
    return sorted(organisations + others)


@dataclass(frozen=True, slots=True)
class HybridNer:
    """The spaCy pipeline (for ORG) and the state NER (for PERS and LOC) of a hybrid folder."""

    pipeline: Any
    states: Any  # parallax.nlp.ner_states.StateNer
    retyper: Any = None  # parallax.nlp.ner_retype.SpanRetyper, or None

    def predict(self, text: str, *, states: tuple[Any, Any] | None = None) -> list[Span]:
        """``(start, end, label)`` entities of ``text`` (``states``: its e5 pieces and states,
        computed when not given)."""
        from parallax.nlp.ner_spacy import predict_entities

        people_and_places = self.states.predict(text, states=states)
        return merge(predict_entities(self.pipeline, text), people_and_places)

    def entities(self, text: str, *, states: tuple[Any, Any] | None = None) -> list[Span]:
        """The entities Parallax uses: :meth:`predict`'s after the post-rules
        (:func:`parallax.nlp.places_uk.find_places`), then re-typed where the folder has a
        re-typer."""
        from parallax.nlp.ner_spacy import predict_entities
        from parallax.nlp.places_uk import find_places

        if states is None:
            from parallax.nlp.e5_states import load_encoder

            states = load_encoder().text_states(text)
        crf = self.states.predict(text, states=states)
        cnn = predict_entities(self.pipeline, text)
        found = find_places(text, merge(cnn, crf))
        if self.retyper is None:
            return found
        return list(self.retyper.retype(text, found, cnn, crf, states))


def is_hybrid_model(path: Path) -> bool:
    """Whether ``path`` holds a spaCy model with a state NER inside it."""
    from parallax.nlp.ner_states import is_state_model

    return (path / "meta.json").is_file() and is_state_model(path / STATES_DIR)


def load_hybrid_ner(path: Path) -> HybridNer:
    """Read both models of the hybrid folder ``path``, and its re-typer if it has one."""
    from parallax.nlp.ner_retype import RETYPE_DIR, is_retyper, load_retyper
    from parallax.nlp.ner_spacy import load_ner
    from parallax.nlp.ner_states import load_state_ner

    retyper = load_retyper(path / RETYPE_DIR) if is_retyper(path / RETYPE_DIR) else None
    return HybridNer(load_ner(path), load_state_ner(path / STATES_DIR), retyper)
