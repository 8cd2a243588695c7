"""The language of an article: the one its source declares, else the one its text is written in.

A language a source states (a JSON Lines ``language`` field, a feed's ``<language>``, an HTML
``lang`` attribute) wins over detection: the publisher knows. Otherwise py3langid (the langid.py
model of 142 labels, inside its wheel) reads the title and the start of the text. The outlet
registry's declared language is only a hint: it decides when the text is too short, or the
detector too unsure, to say. Languages are ISO 639-1 codes in lower case (``en``, ``ru``,
``uk``, ``zh``); the few varieties the model tells apart from the language news is written in,
and mistakes short news text for, are folded into it (Wu and Cantonese into ``zh``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["DETECT_CHARS", "LanguageGuess", "detect_language", "language_code", "resolve_language"]

#: Characters of an article read by the detector: the start of a text says its language, and
#: the model's time grows with the length.
DETECT_CHARS = 2000
#: Fewer letters than this and a detection is a guess: the outlet's declared language wins,
#: else the language is unknown (each Chinese character counts as a letter).
_MIN_LETTERS = 20
#: A detection less probable than this (normalised over the model's 142 labels) gives way
#: to the outlet's declared language. A clear Ukrainian sentence scores about 0.9, so a
#: Russian outlet's hint cannot overrule it.
_MIN_PROBABILITY = 0.5

# Labels of the model folded into the language they are mistaken for on short news text
# (measured on SemEval-2022 Task 8 texts cut to 100 characters: English read as Nigerian
# Pidgin, Chinese as Wu, Spanish as Aragonese); "zxx" is the model's "no language".
_FOLDED: dict[str, str | None] = {
    "wuu": "zh", "yue": "zh", "pcm": "en", "an": "es", "ext": "es", "zxx": None,
}  # fmt: skip

# A language tag's primary subtag: "en-GB" -> "en", "ru_RU" -> "ru", "uk" -> "uk".
_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
_LETTER = re.compile(r"[^\W\d_]")
#: ISO 639 codes that name no one language (undetermined, multiple, no linguistic content,
#: uncoded): a source declaring one of them has said nothing, so the text is detected.
_NO_LANGUAGE = frozenset({"und", "mul", "zxx", "mis"})


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """A language and how it was found: ``declared`` (by the source), ``detected`` (from the
    text), ``outlet`` (the outlet registry's declared language) or ``unknown``."""

    language: str | None
    source: str
    probability: float | None = None


def language_code(value: str | None) -> str | None:
    """Return the primary subtag of a language tag in lower case, or None if it is not one.

    ``"en-GB"`` gives ``"en"``; an outlet's free-text ``"en; editions in ru"`` gives ``"en"``
    (its first tag); ``"multilingual"`` gives None, and so do the codes of no one language
    (``"und"``, ``"mul"``, ``"zxx"``, ``"mis"``).
    """
    if not value:
        return None
    first = re.split(r"[;,/ (]", value.strip(), maxsplit=1)[0]
    match = _TAG.match(first)
    code = match.group(1).lower() if match else None
    return None if code in _NO_LANGUAGE else code


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """Load the packaged langid.py model once, with probabilities normalised to [0, 1] (from its
    uncompressed copy: :mod:`parallax.ingest.langid_model`)."""
    from parallax.ingest.langid_model import load_identifier

    return load_identifier()


def detect_language(text: str) -> LanguageGuess:
    """Detect the language of a text from its first :data:`DETECT_CHARS` characters."""
    sample = text[:DETECT_CHARS]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return LanguageGuess(None, "unknown")
    label, probability = _identifier().classify(sample)
    language = _FOLDED.get(str(label), str(label))
    if language is None:
        return LanguageGuess(None, "unknown")
    return LanguageGuess(language, "detected", float(probability))


def resolve_language(
    text: str, *, title: str | None = None, declared: str | None = None, hint: str | None = None
) -> LanguageGuess:
    """Return an article's language: ``declared`` if it is a language tag, else the detected
    one, unless detection is unsure and the outlet's ``hint`` names a language.

    Args:
        text: The article's cleaned text.
        title: Its title, read before the text.
        declared: What the source states (JSON Lines field, feed language, ``<html lang>``).
        hint: The outlet registry's declared language (free text; its first tag is used).
    """
    stated = language_code(declared)
    if stated:
        return LanguageGuess(stated, "declared")
    guess = detect_language(f"{title}\n{text}" if title else text)
    outlet = language_code(hint)
    if outlet and (guess.probability is None or guess.probability < _MIN_PROBABILITY):
        return LanguageGuess(outlet, "outlet")
    return guess
