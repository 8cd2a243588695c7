"""The English NLP stage: the spaCy pipeline of :mod:`parallax.nlp.pipeline`, as before.

Its analyses carry the run's analysis version (:func:`parallax.nlp.pipeline.analysis_version`)
alone, so English analyses are stored exactly as they were before there were other stages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from parallax.model import ArticleAnalysis
from parallax.nlp.stage import STAGES, Text

__all__ = ["EnglishStage"]


class EnglishStage:
    """English through spaCy (``nlp`` is the pipeline the caller loaded once)."""

    def missing(self) -> str | None:
        """The English pipeline is part of the base install."""
        return None

    def version(self) -> str:
        """Empty: the run's analysis version is the English pipeline's."""
        return ""

    def analyze(self, items: Sequence[Text], *, nlp: Any) -> Iterator[ArticleAnalysis]:
        """Run :func:`parallax.nlp.pipeline.analyze_texts` over the items."""
        from parallax.nlp.pipeline import analyze_texts

        yield from analyze_texts(items, nlp=nlp)


STAGES.register("en", version="v1")(EnglishStage())
