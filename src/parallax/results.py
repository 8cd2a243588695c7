"""What the front door's reads answer: list rows, pages, search hits, an article's analysis.

The store fills these; the resources (``corpus.articles`` …) return them; the faces show them.
They hold no SQL and import only :mod:`parallax.model`, so a face never reaches into the store
for a type.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from parallax.model import ArticleAnalysis, Quote

T = TypeVar("T")

#: A loaded term in a text: ``(start, end, term, lexicon)``, ``text[start:end] == term``.
LoadedTerm = tuple[int, int, str, str]

MATCH_START, MATCH_END = "\x02", "\x03"


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """The fields of an article a list row shows, with the opening of its cleaned text."""

    id: str
    title: str | None
    outlet: str | None
    outlet_id: str | None
    published: date | None
    published_source: str
    url: str | None
    opening: str
    duplicate_of: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One full-text match: the article, a snippet with matches marked, and its relevance.

    ``snippet`` marks each matched word with :data:`MATCH_START` and :data:`MATCH_END`;
    ``score`` is higher for better matches.
    """

    article: ArticleSummary
    snippet: str
    score: float

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """Split the snippet into ``(text, is_match)`` parts, so a face can highlight matches."""
        pieces = self.snippet.split(MATCH_START)
        parts = [(pieces[0].replace(MATCH_END, ""), False)]
        for piece in pieces[1:]:
            matched, _, rest = piece.partition(MATCH_END)
            parts += [(matched, True), (rest.replace(MATCH_END, ""), False)]
        return [(text, hit) for text, hit in parts if text]

    def marked_snippet(self, start: str = "[", end: str = "]") -> str:
        """Return the snippet with each match between ``start`` and ``end``."""
        return "".join(f"{start}{text}{end}" if hit else text for text, hit in self.snippet_parts())


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results and the cursor of the next page (None on the last page)."""

    items: tuple[T, ...]
    next_cursor: str | None


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """A canonical entity with how often the corpus mentions it."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: int


@dataclass(frozen=True, slots=True)
class EntityArticle:
    """An article that names an entity: how often, and what the entity says in it."""

    article: ArticleSummary
    mentions: int
    quotes: tuple[Quote, ...]


@dataclass(frozen=True, slots=True)
class EntityDetail:
    """One entity, its totals, and one page of the articles naming it (newest first)."""

    entity: EntitySummary
    articles: int
    quotes: int
    page: Page[EntityArticle]


@dataclass(frozen=True, slots=True)
class ArticleLinks:
    """Entity ids for what one article names: by (label, canonical name), and by speaker."""

    mentions: dict[tuple[str, str], str]
    speakers: dict[str, str]


@dataclass(frozen=True, slots=True)
class StoredAnalysis(ArticleAnalysis):
    """What the NLP stage stored for one article, and the NLP version that made it (None, with
    nothing found, for an article not analysed yet)."""

    version: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text search result."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    score: float


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a facet: the filter value it stands for, its label, how many it keeps."""

    value: str
    label: str
    count: int


def facet_values(
    counts: Mapping[str, int], labels: Mapping[str, str] | None = None
) -> tuple[FacetValue, ...]:
    """Return a facet's values from counts by value, most first (ties by value), each labelled
    from ``labels`` or by the value itself."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(FacetValue(value, (labels or {}).get(value, value), n) for value, n in ranked)


#: Labels of the state-affiliation facet's two values (the filter's yes and no).
AFFILIATED = {"yes": "state-affiliated", "no": "no state affiliation documented"}
#: A list's facets by name (``outlet``, ``country``, ``state_affiliated``, ``month``,
#: ``label``), each value with its count, most first (months newest first).
Facets = dict[str, tuple[FacetValue, ...]]
