"""Quantities in a sentence, normalised: "500 drones and missiles" → 500 "drones and missiles".

"30-day pause" → 30 "day"; "$2 billion" → 2e9 "USD"; "40 percent" → 40 "percent".
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from parallax.model import Quantity

__all__ = ["HYPHENATED", "parse_number", "quantities"]

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
HYPHENATED = re.compile(r"\b(\d+(?:\.\d+)?)-([a-z]+)\b", re.IGNORECASE)
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


def quantities(sentence: Span, ents: list[Span] | None = None) -> tuple[Quantity, ...]:
    """Return the quantities of a sentence (``ents``: its entities, when the caller has them)."""
    doc, base = sentence.doc, sentence.start_char
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for match in _MONEY.finditer(sentence.text):
        value = parse_number(f"{match[2]} {match[3] or ''}")
        start, end = base + match.start(), base + match.end()
        found.append(Quantity(start, end, match[0], value, _CURRENCIES[match[1].lower()]))
        taken.append((start, end))
    for match in HYPHENATED.finditer(sentence.text):
        start, end = base + match.start(), base + match.end()
        if not any(a < end and start < b for a, b in taken):
            found.append(Quantity(start, end, match[0], float(match[1]), match[2].lower()))
            taken.append((start, end))
    for ent in sentence.ents if ents is None else ents:
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
            Quantity(ent.start_char, end_char, doc[ent.start : end_token].text, value, unit)
        )
        taken.append((ent.start_char, end_char))
    return tuple(sorted(found, key=lambda quantity: quantity.start))
