"""What a list of articles or stories keeps: one query type per list, under one set of names.

The same names are used in Python (``corpus.articles.page(ArticleQuery(...))``), by the CLI
and on HTTP, where each list route takes one query model mapped to these values (the article
list's ``published_from``/``published_to`` and the deprecated ``affiliated`` are HTTP names
only, kept for existing clients). Every list pages by keyset: a page ends with an opaque
``next_cursor`` that the next query passes back as ``cursor``. Frozen and hashable, so a
cache can key on a query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parallax.errors import Code, ConfigError

#: The orders each list takes as ``sort``: a column, ascending, or ``-column``, descending;
#: the first is the default. Every order pages by keyset like the default one.
ARTICLE_SORTS = ("-published", "published", "title", "-title", "outlet", "-outlet")
SEARCH_SORTS = ("rank", "-published", "published")
STORY_SORTS = (
    "-last_seen", "last_seen", "-first_seen", "first_seen", "-articles", "articles", "title",
    "-title",
)  # fmt: skip
ENTITY_SORTS = ("-mentions", "name", "-name")


def check_sort(sort: str | None, allowed: tuple[str, ...]) -> None:
    """Refuse an order a list does not take.

    Raises:
        ConfigError: ``sort`` is neither None nor one of ``allowed``.
    """
    if sort is not None and sort not in allowed:
        raise ConfigError(Code.CONFIG, f"sort must be one of {', '.join(allowed)}, not {sort!r}")


@dataclass(frozen=True, slots=True)
class _ListQuery:
    """The filters and paging both lists take; each list's query says what they keep of it."""

    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    entity: str | None = None
    country: str | None = None
    state_affiliated: bool | None = None
    affiliation: str | None = None
    language: str | None = None
    limit: int = 50
    cursor: str | None = None
    sort: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleQuery(_ListQuery):
    """Which articles a list or a search keeps; every filter left as None keeps everything.

    Attributes:
        outlet: An outlet name, alias, id or domain.
        since: The earliest publication date kept (inclusive).
        until: The latest publication date kept (inclusive). Articles without a
            publication date are left out when either bound is given.
        entity: An entity id (a search also takes its canonical name): keep articles that
            mention it or quote it as a speaker.
        country: The start of the outlet's documented country ("Russia" keeps
            "Russia (registered in Russia)").
        state_affiliated: Keep outlets with (True) or without (False) a documented state
            affiliation.
        affiliation: Words of the outlet's documented state affiliation, e.g. "state-owned".
        language: The article's language, an ISO 639-1 code such as "ru".
        limit: The most items on one page.
        cursor: The ``next_cursor`` of the previous page.
        q: What must occur in the title or text, in search syntax (words, ``OR``, ``NOT``,
            ``"a phrase"``, ``prefix*``, parentheses); for a search: what to search.
        sort: One of :data:`ARTICLE_SORTS` for a list (default newest first), or of
            :data:`SEARCH_SORTS` for a search (default best match first).
    """

    q: str | None = None

    def __post_init__(self) -> None:
        check_sort(self.sort, tuple(dict.fromkeys(ARTICLE_SORTS + SEARCH_SORTS)))


@dataclass(frozen=True, slots=True)
class StoryQuery(_ListQuery):
    """Which stories a list keeps; the filters combine (AND), None keeps everything.

    Attributes:
        outlet: An outlet name, alias, id or domain: keep the stories it covers.
        since: Keep stories still active on or after this date (by their last day).
        until: Keep stories already active on or before this date (by their first day).
        entity: An entity id or canonical name: keep stories with it among their key
            entities or with an article that mentions or quotes it.
        country: Keep stories covered by an outlet whose documented country starts with
            this text, e.g. "Russia".
        state_affiliated: Keep stories covered by an outlet with (True) or without (False)
            a documented state affiliation.
        affiliation: Keep stories covered by an outlet whose documented state affiliation
            contains these words, e.g. "state-owned".
        language: Keep stories with an article in this language (an ISO 639-1 code).
        limit: The most stories on one page.
        cursor: The ``next_cursor`` of the previous page.
        sort: One of :data:`STORY_SORTS` (default most recently active first).

    An outlet filter keeps a story when at least one of its articles' outlets passes all of
    them; undated stories are left out when a date bound is given.
    """

    def __post_init__(self) -> None:
        check_sort(self.sort, STORY_SORTS)

    @property
    def filtered(self) -> bool:
        """Whether any filter is set (else the list is every story)."""
        return any(
            value not in (None, "")
            for value in (
                self.outlet, self.since, self.until, self.entity, self.country,
                self.state_affiliated, self.affiliation, self.language,
            )
        )  # fmt: skip
