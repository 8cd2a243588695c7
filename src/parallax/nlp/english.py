"""The English NLP stage: the spaCy pipeline of :mod:`parallax.nlp.pipeline`, and the event
mentions of the claims it finds.

Its analyses carry the run's analysis version (:func:`parallax.nlp.pipeline.analysis_version`)
alone, so English analyses are stored exactly as they were before there were other stages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from parallax.model import ArticleAnalysis
from parallax.nlp.stage import STAGES, Text

if TYPE_CHECKING:  # spaCy is imported by the pipeline that runs: not by a registry lookup
    from spacy.tokens import Doc

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
        """Run :func:`parallax.nlp.pipeline.analyze_texts` over the items, reading the event
        mentions of their claims from each parsed doc
        (:func:`parallax.nlp.event_mentions.claim_events`)."""
        from parallax.nlp.pipeline import analyze_texts

        yield from analyze_texts(items, nlp=nlp, then=with_events)


def with_events(doc: Doc, analysis: ArticleAnalysis) -> ArticleAnalysis:
    """Add the event mentions of the analysis's claims, read from its parsed ``doc``."""
    from parallax.nlp.event_mentions import claim_events

    return replace(analysis, events=claim_events(doc, analysis.claims))


STAGES.register("en", version="v1")(EnglishStage())
