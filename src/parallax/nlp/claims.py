"""Check-worthy claims: sentences that assert something checkable, scored by visible features.

The score is a logistic function of a few transparent features of a sentence (figures, named
entities, dates, attribution, comparisons, past-tense events raise it; questions, modal or
evaluative language and first-person talk lower it). The weights are fitted, not written: a
logistic regression on the CLEF 2019 CheckThat! Task 1 training debates (held-out debates
excluded), shipped as ``parallax/data/claims.json`` with a note on its training data and
refitted by ``parallax eval claims --data DIR --fit PATH``. Every sentence at or above the
model's threshold (the cut with the best F1 on the fitting debates) is a claim, with its
quantities normalised (:mod:`parallax.nlp.quantities`).
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span

from parallax.model import Claim, Mention, Quote
from parallax.nlp.lexicon import REPORT_CUES, words
from parallax.nlp.quantities import HYPHENATED, parse_number, quantities
from parallax.nlp.types import CLAIMS, Context

logger = logging.getLogger(__name__)

__all__ = [
    "FEATURES",
    "NEWS_THRESHOLD",
    "Model",
    "extract_claims",
    "features",
    "load_model",
    "parse_model",
    "parse_number",
    "score",
    "sentence_entities",
]

FEATURES = (
    "number",  # a figure that can be checked
    "money_or_percent",  # an amount of money or a percentage
    "quantity_word",  # million, percent, tax, jobs, deficit …
    "comparison",  # more, less, largest, doubled …
    "entities",  # named entities, at most three
    "person",
    "place",
    "organisation",
    "date",  # a time expression
    "attribution",  # someone is said to have said or found it
    "event_verb",  # a past-tense or perfect main verb: something happened
    "negation",
    "question",
    "modal",  # should, must, could, might, would
    "opinion",  # evaluative words and verbs of opinion
    "first_person",  # I, me, my
    "we",  # we, our, us
    "you",  # you, your
    "short",  # fewer than six words
    "length",  # words, up to 40, over 40
)
_MODALS = words("should must could might would may ought")
_OPINION = words(
    """
    vain fruitless inevitably clearly obviously unfortunately sadly shameful disgraceful absurd
    ridiculous terrible great wonderful must-see hopefully arguably perhaps surely believe think
    feel love hate wish hope
    """
)
_QUANTITY_WORDS = words(
    """
    million millions billion billions trillion trillions percent thousand thousands tax taxes
    jobs deficit debt rate rates unemployment wages income budget spending cost costs price
    prices dollars increase increased decrease decreased cut cuts doubled tripled half record
    """
)
_COMPARISON_WORDS = words("more less fewer most least than biggest largest highest lowest")
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "EVENT", "PRODUCT", "FAC", "LOC"})
_DATA = "claims.json"
# The model's own threshold is the best-F1 cut on transcribed debates, where about 3% of
# sentences are check-worthy; news prose states far more checkable things per sentence, and a
# comparison of outlets needs every such statement. News keeps sentences scoring at least this.
NEWS_THRESHOLD = 0.6


@dataclass(frozen=True, slots=True)
class Model:
    """Feature weights, bias and claim threshold of the check-worthiness score."""

    bias: float
    weights: dict[str, float]
    threshold: float = 0.5


def sentence_entities(doc: Doc) -> dict[int, list[Span]]:
    """The doc's entities by the start token of their sentence (``Span.ents`` is slow)."""
    found: dict[int, list[Span]] = {}
    for ent in doc.ents:
        found.setdefault(ent.sent.start, []).append(ent)
    return found


def features(
    sentence: Span,
    quotes: tuple[Quote, ...] = (),
    ents: list[Span] | None = None,
    text: str | None = None,
) -> dict[str, float]:
    """Return the feature values of one sentence (see :data:`FEATURES`).

    ``ents`` are the sentence's entities when the caller has them (see
    :func:`sentence_entities`); otherwise they are looked up. ``text`` is the sentence's text
    when the caller has it (``Span.text`` joins its tokens on each read).
    """
    said = sentence.text if text is None else text
    tokens = [token for token in sentence if not token.is_punct and not token.is_space]
    lowered = {token.lower_ for token in tokens}
    ents = list(sentence.ents) if ents is None else ents
    labels = [ent.label_ for ent in ents]
    attributed = (
        any(token.lemma_.lower() in REPORT_CUES and token.pos_ == "VERB" for token in tokens)
        or "according" in lowered
        or any(
            quote.start < sentence.end_char
            and sentence.start_char < quote.end
            and quote.speaker_text is not None
            for quote in quotes
        )
    )
    root = sentence.root
    event = root.tag_ in {"VBD", "VBN"} or any(
        child.dep_ == "aux" and child.lower_ in {"has", "have", "had"} for child in root.children
    )
    return {
        "number": float(
            any(label in {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"} for label in labels)
            or bool(HYPHENATED.search(said))
        ),
        "money_or_percent": float(any(label in {"MONEY", "PERCENT"} for label in labels)),
        "quantity_word": float(bool(lowered & _QUANTITY_WORDS)),
        "comparison": float(
            bool(lowered & _COMPARISON_WORDS)
            or any(token.tag_ in {"JJR", "JJS", "RBR", "RBS"} for token in tokens)
        ),
        "entities": float(min(3, sum(label in _ENTITY_LABELS for label in labels))),
        "person": float("PERSON" in labels),
        "place": float(any(label in {"GPE", "LOC", "NORP"} for label in labels)),
        "organisation": float("ORG" in labels),
        "date": float(any(label in {"DATE", "TIME"} for label in labels)),
        "attribution": float(attributed),
        "event_verb": float(event),
        "negation": float(any(token.dep_ == "neg" for token in tokens)),
        "question": float(said.rstrip().rstrip("”\"'’").endswith("?")),
        "modal": float(bool(lowered & _MODALS)),
        "opinion": float(bool(lowered & _OPINION)),
        "first_person": float(bool(lowered & {"i", "me", "my", "mine"})),
        "we": float(bool(lowered & {"we", "our", "us", "ours"})),
        "you": float(bool(lowered & {"you", "your", "yours"})),
        "short": float(len(tokens) < 6),
        "length": min(len(tokens), 40) / 40,
    }


def parse_model(table: dict[str, Any]) -> Model:
    """Build a :class:`Model` from the JSON table (unknown features are ignored)."""
    weights = {name: float(table["weights"].get(name, 0.0)) for name in FEATURES}
    return Model(
        bias=float(table["bias"]), weights=weights, threshold=float(table.get("threshold", 0.5))
    )


@lru_cache(maxsize=1)
def load_model() -> Model:
    """Read the packaged weights once."""
    source = (resources.files("parallax") / "data" / _DATA).read_text(encoding="utf-8")
    return parse_model(json.loads(source))


def score(values: dict[str, float], model: Model | None = None) -> float:
    """Return the check-worthiness in [0, 1] of a sentence's feature values."""
    model = model or load_model()
    total = model.bias + sum(model.weights[name] * values.get(name, 0.0) for name in FEATURES)
    return round(1 / (1 + math.exp(-total)), 4)


@CLAIMS.register("features", version="v2")
def extract_claims(
    doc: Doc, context: Context, mentions: tuple[Mention, ...], quotes: tuple[Quote, ...]
) -> tuple[Claim, ...]:
    """Score every sentence and keep those at or above :data:`NEWS_THRESHOLD` as claims."""
    extractor = CLAIMS.versioned_name("features")
    model = load_model()
    entities = sentence_entities(doc)
    claims: list[Claim] = []
    for sentence in doc.sents:
        said = context.text[sentence.start_char : sentence.end_char]  # sentence.text, unjoined
        text = said.strip()
        if not text:
            continue
        ents = entities.get(sentence.start, [])
        value = score(features(sentence, quotes, ents, said), model)
        if value < NEWS_THRESHOLD:
            continue
        start = sentence.start_char + (len(said) - len(said.lstrip()))
        claims.append(
            Claim(
                context.article_id,
                start,
                start + len(text),
                text,
                value,
                extractor,
                quantities(sentence, ents),
            )
        )
    logger.debug("%s: %d claims", context.article_id, len(claims))
    return tuple(claims)
