"""What HTTP adds to the JSON form of the data types: envelopes and pages.

The data types themselves are answered in their JSON form (:mod:`parallax.codec`): a pydantic
model here either adds what only the API says (an entity id beside a name, an outlet's article
count, a page's cursor) or is derived from a data type and its codec shape, so the OpenAPI
schema describes the responses without a second copy of :mod:`parallax.model`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model

from parallax.codec import Shape, field_names
from parallax.codec.articles import (
    CLAIM,
    QUANTITY,
    REJECTION,
    REVISION,
    TIME_EXPRESSION,
    authors,
    claim_to_dict,
    mention_to_dict,
    quote_to_dict,
    revision_to_dict,
)
from parallax.codec.stories import STORY
from parallax.model import (
    Claim,
    Designation,
    Outlet,
    Quantity,
    Quote,
    Rejection,
    Revision,
    Score,
    Sourced,
    Story,
    TimeExpression,
    TimelineEntry,
)
from parallax.outcomes import IngestReport

if TYPE_CHECKING:
    from parallax.report.views import ArticleView
    from parallax.results import EntityDetail

Item = TypeVar("Item")


class Schema(BaseModel):
    """Base of every response model: built from library objects by attribute."""

    model_config = ConfigDict(from_attributes=True)


class PageOut(Schema, Generic[Item]):
    """Base of every keyset page: its items and the cursor that asks for the next page."""

    items: list[Item]
    next_cursor: str | None = Field(description="Cursor of the next page; null on the last.")


def derived(
    name: str, cls: type[Any], shape: Shape, nested: dict[type[Any], type[Schema]] | None = None
) -> type[Schema]:
    """Return the response model of data type ``cls`` in its codec ``shape``.

    Args:
        name: The model's name in the OpenAPI schema.
        cls: The data type; the model takes its docstring and its fields' types.
        shape: The keys, in order, as :func:`parallax.codec.pick` writes them.
        nested: The response models of data types inside ``cls`` (``tuple[X, ...]`` fields).
    """
    hints, inner = get_type_hints(cls), nested or {}
    fields: dict[str, Any] = {}
    for entry in shape:
        key, _, attribute = entry.partition("=")
        hint = hints[attribute or key]
        if get_origin(hint) is tuple and get_args(hint)[0] in inner:
            hint = list.__class_getitem__(inner[get_args(hint)[0]])
        fields[key] = (hint, ...)
    return create_model(name, __base__=Schema, __doc__=cls.__doc__, **fields)


# mypy cannot see a model made at run time: to it they are plain response models.
if TYPE_CHECKING:
    DateOut = Schema
    ClaimOut = Schema
    IngestOut = Schema
    StoryOut = Schema
    RevisionOut = Schema
else:
    DateOut = derived("DateOut", TimeExpression, TIME_EXPRESSION)
    ClaimOut = derived(
        "ClaimOut", Claim, CLAIM, {Quantity: derived("QuantityOut", Quantity, QUANTITY)}
    )
    IngestOut = derived(
        "IngestOut",
        IngestReport,
        field_names(IngestReport),
        {Rejection: derived("RejectionOut", Rejection, REJECTION)},
    )
    StoryOut = derived("StoryOut", Story, STORY)
    RevisionOut = derived("RevisionOut", Revision, REVISION)


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
    language: str | None = Field(
        default=None, description="The article's language (ISO 639-1), declared or detected."
    )


class ArticlePageOut(PageOut[ArticleSummaryOut]):
    """One page of articles; pass ``next_cursor`` as ``cursor`` to get the next page."""


class RemovalOut(Schema):
    """A span of the raw text that cleaning removed, and the rule that removed it."""

    raw_start: int
    raw_end: int
    rule: str
    text: str = Field(description="The removed raw text.")


class MentionOut(Schema):
    """A mention of a named entity; ``entity`` is the canonical name."""

    text: str
    label: str = Field(description="PERSON, ORG, GPE, LOC, NORP, PRODUCT, EVENT ...")
    entity: str = Field(description="Canonical name of the entity mentioned.")
    entity_id: str | None = Field(description="Id of the canonical entity (see /api/entities).")
    role: str | None = Field(description="A title or role given with the name.")
    start: int = Field(description="Offset into the article's cleaned text.")
    end: int
    extractor: str = Field(description="Versioned name of the extractor.")


class QuoteOut(Schema):
    """A direct, partial or reported quote with its speaker."""

    text: str
    kind: str = Field(description="direct, partial or reported.")
    speaker: str | None = Field(description="Canonical name; null for an unnamed source.")
    speaker_id: str | None = Field(description="Id of the speaker's entity, when named.")
    speaker_text: str | None = Field(description="The words that name the speaker, as written.")
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None = Field(description="The verb or phrase that attributes the quote.")
    cue_start: int | None
    cue_end: int | None
    start: int = Field(description="Offset into the article's cleaned text.")
    end: int
    extractor: str

    @classmethod
    def build(cls, quote: Quote, speaker_id: str | None) -> QuoteOut:
        """Return the response for ``quote`` (the fields of the JSON export, plus the id)."""
        return cls.model_validate(quote_to_dict(quote) | {"speaker_id": speaker_id})


class ArticleOut(Schema):
    """One article with its provenance, cleaned text, what cleaning removed, and what the NLP
    stage found in it (empty lists, and a null ``analysis_version``, until it is analysed)."""

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
    author: str | None = Field(description='The authors as one string, joined by "; ".')
    authors: list[str] = Field(description="The authors, one person each.")
    language: str | None
    external_id: str | None
    flags: list[str] = Field(description="``summary_only``: a headline-only feed item.")
    duplicate_of: str | None
    duplicates: list[str] = Field(description="Articles linked to this one as near-duplicates.")
    captured: str | None = Field(description="When a crawler captured the text shown (ISO).")
    revisions: list[RevisionOut] = Field(
        description="Every stored version of the article, oldest capture first."
    )
    content_hash: str
    text: str = Field(description="The cleaned text; every offset refers to it.")
    removed: list[RemovalOut]
    analysis_version: str | None = Field(description="The NLP version that analysed it.")
    analysis_skipped: str | None = Field(
        default=None,
        description='Why the NLP stage did not read it ("language ru: no analysis pipeline yet").',
    )
    entities: list[MentionOut]
    quotes: list[QuoteOut]
    dates: list[DateOut]
    claims: list[ClaimOut]

    @classmethod
    def build(cls, view: ArticleView, duplicates: list[str]) -> ArticleOut:
        """Return the response for the article of ``view``."""
        article, analysis, links = view.article, view.analysis, view.links
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
        entities = [
            mention_to_dict(m) | {"entity_id": links.mentions.get((m.label, m.entity))}
            for m in analysis.mentions
        ]
        quotes = [QuoteOut.build(q, links.speakers.get(q.speaker or "")) for q in analysis.quotes]
        return cls.model_validate(
            fields
            | {
                "flags": list(article.flags),
                "authors": authors(article),
                "duplicates": duplicates,
                "revisions": [revision_to_dict(revision) for revision in view.revisions],
                "removed": removed,
                "analysis_version": analysis.version,
                "analysis_skipped": analysis.skipped,
                "entities": entities,
                "quotes": quotes,
                "dates": list(analysis.dates),
                "claims": [claim_to_dict(claim) for claim in analysis.claims],
            }
        )


class OutletOut(Schema):
    """What is publicly documented about an outlet, every fact with its source."""

    id: str
    name: str
    in_registry: bool = Field(description="False for an outlet only known from its articles.")
    articles: int = Field(description="How many articles of this outlet the corpus holds.")
    aliases: list[str]
    domains: list[str]
    country: Sourced | None
    language: Sourced | None
    owner: Sourced | None
    state_affiliation: Sourced | None
    designations: list[Designation]
    scores: list[Score]

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


class SearchPageOut(PageOut[SearchResultOut]):
    """One page of matches, best first; pass ``next_cursor`` as ``cursor`` for the next."""


class EntityOut(Schema):
    """A canonical entity, merged across spellings and articles."""

    id: str
    name: str = Field(description="The canonical name.")
    label: str = Field(description="PERSON, ORG, GPE, LOC, NORP, PRODUCT, EVENT ...")
    aliases: list[str] = Field(description="Other spellings met in the corpus.")
    roles: list[str] = Field(description="Titles and roles given with the name.")
    mentions: int = Field(description="How often the corpus mentions it.")


class EntityPageOut(PageOut[EntityOut]):
    """One page of entities, most mentioned first; pass ``next_cursor`` as ``cursor``."""


class EntityArticleOut(Schema):
    """An article that names the entity: how often, and the entity's quotes in it."""

    article: ArticleSummaryOut
    mentions: int = Field(description="How often this article mentions the entity.")
    quotes: list[QuoteOut] = Field(description="The quotes the entity is the speaker of here.")


class EntityDetailOut(EntityOut):
    """One entity with its totals and one page of the articles that name it, newest first."""

    article_count: int = Field(description="Articles that mention or quote the entity.")
    quote_count: int = Field(description="Quotes the entity is the speaker of.")
    articles: list[EntityArticleOut]
    next_cursor: str | None = Field(description="Cursor of the next page of articles.")

    @classmethod
    def build(cls, detail: EntityDetail) -> EntityDetailOut:
        """Return the response for ``detail``."""
        entity = detail.entity
        articles = [
            EntityArticleOut(
                article=ArticleSummaryOut.model_validate(item.article),
                mentions=item.mentions,
                quotes=[QuoteOut.build(quote, entity.id) for quote in item.quotes],
            )
            for item in detail.page.items
        ]
        return cls.model_validate(
            EntityOut.model_validate(entity).model_dump()
            | {
                "article_count": detail.articles,
                "quote_count": detail.quotes,
                "articles": articles,
                "next_cursor": detail.page.next_cursor,
            }
        )


class StoryPageOut(PageOut[StoryOut]):
    """One page of stories, most recently active first; pass ``next_cursor`` as ``cursor``."""


class CoverageOut(Schema):
    """How many articles one outlet published on one day."""

    outlet: str
    date: date
    articles: int


class ComparisonScopeOut(Schema):
    """The part of a long one-outlet story its page compared while the reader waited: the
    newest articles that fit the page's budget of characters (``page_compare_chars``)."""

    compared_articles: int = Field(description="Articles compared (N of M).")
    articles: int = Field(description="The story's articles (M).")
    compared_article_ids: list[str] = Field(description="The ids of the articles compared.")
    compared_chars: int = Field(description="Characters of text compared.")
    chars: int = Field(description="Characters of text of all the story's articles.")
    budget_chars: int = Field(description="The page's budget of characters.")
    first_sentences_only: bool = Field(
        description="Each article was longer than the budget: only the first sentences of the "
        "newest one that fit in it were compared."
    )
    full: str = Field(description="Where the comparison of all the articles is (computed then).")


class StoryDetailOut(StoryOut):
    """One story with its dated timeline and its coverage per outlet per day."""

    timeline: list[TimelineEntry]
    coverage: list[CoverageOut] = Field(description="Articles per outlet per publication day.")
    undated_articles: int = Field(description="Articles without a publication date.")
    comparison_scope: ComparisonScopeOut | None = Field(
        None,
        description="Which articles the story's comparison covers when not all of them (a long "
        "story told by one outlet, compared up to the page's budget); null: all of them.",
    )
