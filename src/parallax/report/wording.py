"""Scores in words with their number and scale, and the names of models in plain English.

A reader should not need to know that tone runs from -1 to +1 or what
``parallax.stance.fnc1-stack.v1`` is: pages and reports say "tone: negative (-0.52 on -1…+1)"
and keep the versioned names for a "How this was computed" block, each with what it does. An
outlet's scores are named the same way: "news-site quality rating (Lin et al. 2023)", with
the scale, rather than ``lin2023_pc1``.
Templates use these as filters; nothing here builds markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parallax.comparison import NOT_ENGLISH_NOTE

#: What each part of a comparison's version string is, by its name up to the version.
PARTS = {
    "parallax.compare.story": "the comparison of outlets: claims grouped across outlets",
    "minilm": "MiniLM sentence embeddings (all-MiniLM-L6-v2, run locally) to match claims",
    "parallax.compare.conflicts.rules": "rules that find contradictions in numbers, dates, "
    "places and causes",
    "parallax.claim-pairs": "pairs of claims from different outlets about the same thing",
    "parallax.stance.fnc1-stack": "a stance model trained on FNC-1 (agrees, disagrees, discusses)",
    "parallax.bias.babe-linear": "a sentence bias model trained on BABE (Spinde et al. 2021)",
    "parallax.techniques.ptc-linear": "a persuasion-technique tagger trained on PTC "
    "(SemEval 2020 task 11)",
    "parallax.techniques.ptc-crf": "a persuasion-technique tagger (a CRF over words) and "
    "classifier trained on PTC (SemEval 2020 task 11)",
    "parallax.omission.cherry-trees": "what an outlet leaves out that others reported before "
    "its last article",
    "parallax.loaded": "Parallax's own list of judging words",
    "vader": "VADER 3.3.2 (strongly valenced words; sentence tone)",
}


#: Each outlet score (``outlet_scores.csv``) in words and the scale of its value, by name.
SCORES = {
    "lin2023_pc1": (
        "news-site quality rating (Lin et al. 2023, expert ratings combined)",
        "on 0\u20261, where 0 is the lowest quality and 1 the highest",
    ),
    "wikipedia_perennial_status": ("Wikipedia editors' verdict on its reliability", ""),
}


@dataclass(frozen=True, slots=True)
class ScoreWords:
    """An outlet score as a page shows it: what it is, its value with its scale, its name."""

    title: str
    value: str
    name: str


#: What a column says when some framing findings were not looked for (the comparison's
#: ``framing.notes``, for example ru/uk techniques without their separately installed model).
FRAMING_NOT_LOOKED_FOR = (
    "Manipulation techniques were not looked for in this outlet's Russian or Ukrainian text: "
    "their model is trained on non-commercial data and is installed separately."
)
#: What a column says when some of its outlet's text is in a language no framing model reads.
FRAMING_NOT_ENGLISH = (
    "Loaded terms, manipulation techniques, biased sentences and tone were not looked for in "
    "this outlet's text in a language other than English: the framing models read English only."
)


def framing_headlines(notes: Sequence[str]) -> list[str]:
    """Return what a column says of its framing ``notes``: that a language had no framing model
    (:data:`FRAMING_NOT_ENGLISH`), that ru/uk techniques were not looked for
    (:data:`FRAMING_NOT_LOOKED_FOR`), or both; none without notes."""
    other = [note for note in notes if note.startswith(NOT_ENGLISH_NOTE)]
    headlines = [FRAMING_NOT_ENGLISH] if other else []
    if len(other) < len(notes):
        headlines.append(FRAMING_NOT_LOOKED_FOR)
    return headlines


def score_words(name: str, value: str) -> ScoreWords:
    """Return an outlet score in words: ``0.189`` of ``lin2023_pc1`` is a "news-site quality
    rating (…)" of "0.19 on 0…1, where 0 is the lowest quality and 1 the highest". A score
    not known here keeps its name as its title."""
    title, scale = SCORES.get(name, (name, ""))
    try:
        shown = f"{float(value):.2f}"
    except ValueError:  # a status in words ("generally unreliable")
        shown = value
    return ScoreWords(title, f"{shown} {scale}" if scale else shown, name)


@dataclass(frozen=True, slots=True)
class Method:
    """One part of how a comparison was computed: its versioned name and what it does."""

    name: str
    what: str


def _signed(score: float) -> str:
    return f"{score:+.2f}".replace("-", "\u2212")


def tone_words(score: float) -> str:
    """Return a tone score (-1…+1) in words: ``negative (−0.52 on −1…+1)``."""
    size = abs(score)
    if size < 0.1:
        word = "neutral"
    else:
        word = ("somewhat " if size < 0.4 else "") + ("negative" if score < 0 else "positive")
    return f"{word} ({_signed(score)} on \u22121\u2026+1)"


def bias_words(probability: float) -> str:
    """Return the bias model's probability (0…1) in words: ``likely biased (0.73 on 0…1)``."""
    word = "strongly biased" if probability >= 0.8 else "likely biased"
    if probability < 0.5:
        word = "possibly biased"
    return f"{word} ({probability:.2f} on 0\u20261)"


def reliability_words(score: float) -> str:
    """Return a contradiction's reliability (0…1) in words: ``medium (0.50 on 0…1)``."""
    word = "high" if score >= 0.75 else "medium" if score >= 0.5 else "low"
    return f"{word} ({score:.2f} on 0\u20261)"


def methods(version: str, *sources: str) -> tuple[Method, ...]:
    """Return each part of a comparison's version (and other sources named), with what it does.

    ``version`` is the comparison's ``+``-joined versioned names; a part not known here is
    listed with "(no description)" rather than left out.
    """
    names = [part for part in version.split("+") if part]
    names += [source for source in sources if source and source not in names]
    found = []
    for name in names:
        base = name.rsplit(".v", 1)[0] if ".v" in name else name
        found.append(Method(name, PARTS.get(base, "(no description)")))
    return tuple(found)
