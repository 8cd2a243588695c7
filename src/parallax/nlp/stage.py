"""One interface for a language's NLP stage, and the registry that picks one by language.

A stage turns ``(article_id, text, published)`` items in its language into
:class:`~parallax.model.ArticleAnalysis` results (entities with their base forms, quotes with
their speakers, dates, claims), every offset pointing into the cleaned text. The English stage
is the spaCy pipeline of :mod:`parallax.nlp.pipeline`; other stages parse with their own
library into a :class:`~parallax.nlp.parsed.Parsed` and run rules over it. Stages are
registered under their language's ISO 639-1 code in :data:`STAGES`; a third party adds one
through the entry-point group ``parallax.languages``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, Protocol

from parallax.model import ArticleAnalysis
from parallax.registry import Registry

__all__ = ["STAGES", "LanguageStage", "Text"]

#: One article for a stage: its id, its cleaned text and its publication date.
Text = tuple[str, str, date | None]


class LanguageStage(Protocol):
    """The NLP stage of one language."""

    def missing(self) -> str | None:
        """Return why the stage cannot run in this installation (an optional extra that is
        not installed), or None when it can."""

    def version(self) -> str:
        """Return what produces the stage's analyses (its library and rules, with versions);
        stored with every analysis, so that a change marks the articles for re-analysis."""

    def analyze(self, items: Sequence[Text], *, nlp: Any) -> Iterator[ArticleAnalysis]:
        """Analyse the items, one result per item, in order.

        Args:
            items: The articles, all in the stage's language.
            nlp: The loaded English spaCy pipeline, which the English stage runs; the other
                stages load their own models once per process and ignore it.
        """


STAGES: Registry[LanguageStage] = Registry("languages")
