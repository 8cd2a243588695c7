"""The JSON shapes of the API (pydantic models); OpenAPI is generated from them."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from parallax.model import Article, IngestReport, Outlet


def _iso_date(value: object) -> object:
    # Pydantic alone would also read "20250704" or "0" as a Unix time; a date is YYYY-MM-DD.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


#: A calendar date in a query, written YYYY-MM-DD and nothing else.
IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class Schema(BaseModel):
    """Base of every response model: built from library objects by attribute."""

    model_config = ConfigDict(from_attributes=True)


class ErrorBody(Schema):
    """The one shape of every error response, whatever went wrong and wherever."""

    ok: Literal[False] = False
    error: str = Field(description="What went wrong, in one line.")
    errors: list[str] = Field(description="Every problem found, one line each.")
    status: int = Field(description="The HTTP status code, repeated.")


class ArticleSummaryOut(Schema):
    """An article as a list shows it."""

    id: str
    title: str | None
    outlet: str | None
    outlet_id: str | None
    published: date | None
    published_source: str = Field(description="Where the publication date came from.")
    url: str | None
    opening: str = Field(description="The first words of the cleaned text.")
    duplicate_of: str | None = Field(description="The article this one nearly duplicates.")


class ArticlePageOut(Schema):
    """One page of articles; pass ``next_cursor`` as ``cursor`` to get the next page."""

    items: list[ArticleSummaryOut]
    next_cursor: str | None = Field(description="Cursor of the next page; null on the last.")


class RemovalOut(Schema):
    """A span of the raw text that cleaning removed, and the rule that removed it."""

    raw_start: int
    raw_end: int
    rule: str
    text: str = Field(description="The removed raw text.")


class ArticleOut(Schema):
    """One article with its provenance, cleaned text and what cleaning removed."""

    id: str
    title: str | None
    outlet: str | None
    outlet_id: str | None
    outlet_evidence: str | None = Field(description="How the outlet was recognised.")
    published: date | None
    published_source: str = Field(description="Where the publication date came from.")
    url: str | None
    canonical_url: str | None
    source: str = Field(description="The input the article was read from.")
    record: str | None = Field(description="The record within the source (a line number).")
    format: str
    author: str | None
    language: str | None
    external_id: str | None
    flags: list[str]
    duplicate_of: str | None
    duplicates: list[str] = Field(description="Articles linked to this one as near-duplicates.")
    content_hash: str
    text: str = Field(description="The cleaned text; every offset refers to it.")
    removed: list[RemovalOut]

    @classmethod
    def build(cls, article: Article, duplicates: list[str]) -> ArticleOut:
        """Return the response for ``article``."""
        removed = [
            RemovalOut(
                raw_start=removal.raw_start,
                raw_end=removal.raw_end,
                rule=removal.rule,
                text=article.raw_text[removal.raw_start : removal.raw_end],
            )
            for removal in article.removals
        ]
        fields = {
            name: getattr(article, name) for name in cls.model_fields if hasattr(article, name)
        }
        return cls.model_validate(
            fields | {"flags": list(article.flags), "duplicates": duplicates, "removed": removed}
        )


class SourcedOut(Schema):
    """A documented fact and where it is documented."""

    value: str
    source: str = Field(description="URL of the document the fact comes from.")
    note: str | None


class DesignationOut(Schema):
    """An official designation of an outlet by a public body."""

    issuer: str
    date: str
    description: str
    citation: str = Field(description="URL of the primary document.")
    note: str | None


class ScoreOut(Schema):
    """An openly licensed score for the outlet's domain."""

    name: str
    value: str
    source: str
    license: str
    note: str | None


class OutletOut(Schema):
    """What is publicly documented about an outlet, every fact with its source."""

    id: str
    name: str
    in_registry: bool = Field(description="False for an outlet only known from its articles.")
    articles: int = Field(description="How many articles of this outlet the corpus holds.")
    aliases: list[str]
    domains: list[str]
    country: SourcedOut | None
    language: SourcedOut | None
    owner: SourcedOut | None
    state_affiliation: SourcedOut | None
    designations: list[DesignationOut]
    scores: list[ScoreOut]

    @classmethod
    def build(cls, outlet: Outlet, *, articles: int, in_registry: bool) -> OutletOut:
        """Return the response for ``outlet``."""
        return cls.model_validate(
            {
                "id": outlet.id,
                "name": outlet.name,
                "in_registry": in_registry,
                "articles": articles,
                "aliases": list(outlet.aliases),
                "domains": list(outlet.domains),
                "country": outlet.country,
                "language": outlet.language,
                "owner": outlet.owner,
                "state_affiliation": outlet.state_affiliation,
                "designations": list(outlet.designations),
                "scores": list(outlet.scores),
            }
        )


class OutletListOut(Schema):
    """Every outlet the corpus has articles from, most articles first."""

    items: list[OutletOut]


class SearchResultOut(Schema):
    """One full-text match."""

    article: ArticleSummaryOut
    snippet: str = Field(description="Text around the matches; matched words are in [brackets].")
    score: float = Field(description="Relevance (BM25); higher is better.")


class SearchPageOut(Schema):
    """One page of matches, best first; pass ``next_cursor`` as ``cursor`` for the next."""

    items: list[SearchResultOut]
    next_cursor: str | None = Field(description="Cursor of the next page; null on the last.")


class RejectionOut(Schema):
    """An input (or one record of it) that could not be ingested, and why."""

    source: str
    record: str | None
    stage: str
    code: str
    reason: str


class IngestOut(Schema):
    """What one ingest did."""

    run_id: int
    sources: int
    skipped_sources: int
    articles: int
    new_articles: int
    duplicates: int
    rejections: list[RejectionOut]

    @classmethod
    def build(cls, report: IngestReport) -> IngestOut:
        """Return the response for ``report``."""
        return cls.model_validate(report)
