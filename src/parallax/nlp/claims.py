"""Check-worthy claims: sentences that assert something checkable, scored by visible features.

The score is a logistic function of a handful of features, each with a weight written below:
figures, named entities, dates, attribution, past-tense event verbs raise it; questions,
modal or evaluative language and first-person opinion lower it. Every sentence at or above
:data:`THRESHOLD` is a claim. Numbers in a claim are normalised to :class:`Quantity` values
("500 drones and missiles" → 500 "drones and missiles"; "30-day pause" → 30 "day";
"$2 billion" → 2e9 "USD").
"""

from __future__ import annotations

import logging
import math
import re

from spacy.tokens import Doc, Span, Token

from parallax.model import Claim, Mention, Quantity, Quote
from parallax.nlp.lexicon import REPORT_CUES, words
from parallax.nlp.types import CLAIMS, Context

logger = logging.getLogger(__name__)

THRESHOLD = 0.5
BIAS = -1.6
WEIGHTS = {
    "number": 1.2,  # a figure that can be checked
    "entities": 0.5,  # per named entity, at most three
    "date": 0.5,  # a time expression
    "attribution": 0.6,  # someone is said to have said or found it
    "event_verb": 0.7,  # a past-tense or perfect main verb: something happened
    "question": -2.5,
    "modal": -0.8,  # should, must, could, might, would
    "opinion": -0.8,  # evaluative words and first-person opinion
    "short": -1.5,  # fewer than six words
}
_MODALS = frozenset({"should", "must", "could", "might", "would", "may", "ought"})
_OPINION = words(
    """
    i we my our us vain fruitless inevitably clearly obviously unfortunately sadly shameful
    disgraceful absurd ridiculous terrible great wonderful must-see hopefully arguably
    perhaps surely believe think feel
    """
)
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "EVENT", "PRODUCT", "FAC", "LOC"})
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 100,
    "thousands": 1000,
}
_CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH"}
_MONEY = re.compile(
    r"(US\$|\$|€|£|¥|₽|₴)\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?",
    re.IGNORECASE,
)
_HYPHENATED = re.compile(r"\b(\d+(?:\.\d+)?)-([a-z]+)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def parse_number(text: str) -> float | None:
    """Return the value of a written number: "1,500", "2.5 million", "three", "dozens"."""
    words = text.lower().replace(",", "").split()
    value: float | None = None
    for word in words:
        if _NUMBER.fullmatch(word):
            value = float(word) if value is None else value * float(word)
        elif word in _SCALES and value is not None:
            value *= _SCALES[word]
        elif word in _WORDS:
            value = float(_WORDS[word]) if value is None else value * _WORDS[word]
    return value


def _unit(token: Token, end: int) -> tuple[str | None, int]:
    """Return the counted noun phrase after a number ("drones and missiles") and its end."""
    head = token.head if token.dep_ == "nummod" else None
    if head is None or head.i < token.i:
        return None, end
    last = head
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN"}:
            last = max(
                last,
                child.right_edge if child.right_edge.pos_ == "NOUN" else child,
                key=lambda t: t.i,
            )
    first = token.doc[end] if end < len(token.doc) else head
    doc = token.doc
    span = doc[first.i : last.i + 1] if first.i <= last.i else doc[head.i : head.i + 1]
    return span.text, span.end


def _quantities(sentence: Span) -> tuple[Quantity, ...]:
    doc, base = sentence.doc, sentence.start_char
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for match in _MONEY.finditer(sentence.text):
        value = parse_number(f"{match[2]} {match[3] or ''}")
        start, end = base + match.start(), base + match.end()
        found.append(Quantity(start, end, match[0], value, _CURRENCIES[match[1].lower()]))
        taken.append((start, end))
    for match in _HYPHENATED.finditer(sentence.text):
        start, end = base + match.start(), base + match.end()
        if not any(a < end and start < b for a, b in taken):
            found.append(Quantity(start, end, match[0], float(match[1]), match[2].lower()))
            taken.append((start, end))
    for ent in sentence.ents:
        if ent.label_ not in {"CARDINAL", "QUANTITY", "PERCENT", "MONEY"}:
            continue
        if any(a < ent.end_char and ent.start_char < b for a, b in taken):
            continue
        value = parse_number(ent.text)
        unit: str | None = None
        end_token = ent.end
        if ent.label_ == "PERCENT":
            unit = "percent"
        elif ent.label_ == "MONEY":
            unit = "USD" if "dollar" in ent.text.lower() else None
        else:
            unit, end_token = _unit(ent[-1], ent.end)
        end_char = doc[end_token - 1].idx + len(doc[end_token - 1])
        found.append(
            Quantity(ent.start_char, end_char, doc.text[ent.start_char : end_char], value, unit)
        )
        taken.append((ent.start_char, end_char))
    return tuple(sorted(found, key=lambda quantity: quantity.start))


def features(sentence: Span, quotes: tuple[Quote, ...]) -> dict[str, float]:
    """Return the feature values of one sentence (see :data:`WEIGHTS`)."""
    words = [token for token in sentence if not token.is_punct and not token.is_space]
    lowered = {token.lower_ for token in words}
    labels = [ent.label_ for ent in sentence.ents]
    attributed = any(
        token.lemma_.lower() in REPORT_CUES and token.pos_ == "VERB" for token in words
    )
    attributed = (
        attributed
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
            or bool(_HYPHENATED.search(sentence.text))
        ),
        "entities": float(min(3, sum(label in _ENTITY_LABELS for label in labels))),
        "date": float(any(label in {"DATE", "TIME"} for label in labels)),
        "attribution": float(attributed),
        "event_verb": float(event),
        "question": float(sentence.text.rstrip().rstrip("”\"'’").endswith("?")),
        "modal": float(bool(lowered & _MODALS)),
        "opinion": float(bool(lowered & _OPINION)),
        "short": float(len(words) < 6),
    }


def score(values: dict[str, float]) -> float:
    """Return the check-worthiness in [0, 1] of a sentence's feature values."""
    total = BIAS + sum(WEIGHTS[name] * value for name, value in values.items())
    return round(1 / (1 + math.exp(-total)), 4)


@CLAIMS.register("features", version="v1")
def extract_claims(
    doc: Doc, context: Context, mentions: tuple[Mention, ...], quotes: tuple[Quote, ...]
) -> tuple[Claim, ...]:
    """Score every sentence and keep those at or above :data:`THRESHOLD` as claims."""
    extractor = CLAIMS.versioned_name("features")
    claims: list[Claim] = []
    for sentence in doc.sents:
        text = sentence.text.strip()
        if not text:
            continue
        value = score(features(sentence, quotes))
        if value < THRESHOLD:
            continue
        start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
        claims.append(
            Claim(
                context.article_id,
                start,
                start + len(text),
                text,
                value,
                extractor,
                _quantities(sentence),
            )
        )
    logger.debug("%s: %d claims", context.article_id, len(claims))
    return tuple(claims)
