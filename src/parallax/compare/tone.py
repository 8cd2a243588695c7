"""Tone toward entities: the valence of the sentences that mention each entity.

A lexicon method, on purpose simple and inspectable: each sentence mentioning an entity gets
VADER's valence (MIT lexicon, alphabetic entries) of its words — the mention's own words left
out, a valenced word after a negation within three words flipped and damped as VADER does —
normalised to [-1, 1] with VADER's ``x / sqrt(x² + 15)``; an entity's tone is the mean over its
sentences.

Limits: it measures the tone of the sentences around an entity, not a judgement aimed at it
("Russia's attack killed 20" is negative for every entity in it, victims included); it misses
sarcasm and irony, quotes count like the outlet's own words, and the general-purpose lexicon
rates some news words ("offensive" in a military sense) as judgements. Read it as "what kind of
sentences this entity appears in", and compare outlets on the same entity, not entities with
each other.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Protocol

from parallax.models.cues import vader_valence
from parallax.models.text import NEGATIONS, sentence_spans, word_spans

NEGATION_FACTOR = -0.74  # VADER's
NEGATION_WINDOW = 3
NORMALISER = 15.0  # VADER's alpha


class EntityMention(Protocol):
    """What tone needs of a mention (``parallax.model.Mention`` fits)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def entity(self) -> str: ...


def sentence_valence(
    text: str, start: int, end: int, *, skip: Iterable[tuple[int, int]] = ()
) -> float:
    """Return the normalised valence (-1 … 1) of ``text[start:end]``, words in ``skip`` left out."""
    lexicon = vader_valence()
    skipped = list(skip)
    tokens = word_spans(text[start:end])
    total = 0.0
    for i, (w_start, w_end, token) in enumerate(tokens):
        absolute = (start + w_start, start + w_end)
        if any(s < absolute[1] and absolute[0] < e for s, e in skipped):
            continue
        value = lexicon.get(token, 0.0)
        if not value:
            continue
        before = [t for _, _, t in tokens[max(0, i - NEGATION_WINDOW) : i]]
        if any(t in NEGATIONS for t in before):
            value *= NEGATION_FACTOR
        total += value
    return total / math.sqrt(total * total + NORMALISER)


def entity_tone(text: str, mentions: Iterable[EntityMention]) -> dict[str, float]:
    """Return each mentioned entity's tone in ``text``: the mean valence of its sentences."""
    sentences = sentence_spans(text)
    by_entity: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for mention in mentions:
        for number, (start, end) in enumerate(sentences):
            if start <= mention.start < end:
                by_entity[mention.entity][number].append((mention.start, mention.end))
                break
    tone = {}
    for entity, found in sorted(by_entity.items()):
        scores = [
            sentence_valence(text, *sentences[number], skip=spans)
            for number, spans in found.items()
        ]
        tone[entity] = round(sum(scores) / len(scores), 4)
    return tone
