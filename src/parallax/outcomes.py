"""What each verb of the corpus did: ingest, analyse, group and compare, as counts a face shows.

These are the answers of :class:`parallax.corpus.Corpus`'s verbs (and of the runners' load),
apart from the data the stages pass on (:mod:`parallax.model`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parallax.model import Rejection

__all__ = ["AnalyzeReport", "CompareReport", "GroupReport", "IngestReport", "SourceReport"]


@dataclass(frozen=True, slots=True)
class SourceReport:
    """What ingest did with one source file: records read, and what became of them.

    ``stored`` counts new articles, ``revised`` new revisions of stored articles, ``unchanged``
    records the store already held, ``duplicates`` new articles linked to a copy, ``rejected``
    the rejections by code.
    """

    source: str
    read: int = 0
    stored: int = 0
    revised: int = 0
    unchanged: int = 0
    duplicates: int = 0
    rejected: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest run did: totals, a :class:`SourceReport` per file, articles per language."""

    run_id: int
    sources: int
    skipped_sources: int
    articles: int
    new_articles: int
    duplicates: int
    revised: int
    rejected: int  # every rejection of the run; ``rejections`` holds at most the first 1,000
    rejections: tuple[Rejection, ...]
    files: tuple[SourceReport, ...]
    languages: tuple[tuple[str, int, str | None], ...] = field(default=(), kw_only=True)


@dataclass(frozen=True, slots=True)
class AnalyzeReport:
    """What one analyse run did."""

    run_id: int
    version: str
    analyzed: int
    entities: int
    rejections: tuple[Rejection, ...]
    skipped: tuple[tuple[str, int], ...] = ()  # (why articles were skipped, how many)


@dataclass(frozen=True, slots=True)
class GroupReport:
    """What one story-grouping run did."""

    assigned: int
    opened: int
    merged: int
    stories: int


@dataclass(frozen=True, slots=True)
class CompareReport:
    """What one run of :meth:`parallax.corpus.Corpus.compare_stories` did."""

    compared: int  # comparisons computed and stored
    current: int  # stories whose stored comparison was already current
    single_outlet: int  # stories told by one outlet, left to be compared on demand


@dataclass(frozen=True, slots=True)
class PageVectorsReport:
    """What one run of :meth:`parallax.corpus.Corpus.embed_for_pages` did."""

    stories: int = 0  # uncompared stories long enough to have their vectors stored ahead
    embedded: int = 0  # texts embedded and stored (the others were stored already)
