"""The controls of a list page: facet links with counts, sort links, JSON and CSV links.

Every link is the page's own address with one parameter changed and the cursor dropped (a
new filter or order starts at the first page), so filters combine and a page's state is its
URL. A chosen facet value links back to the list without it.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass

from starlette.requests import Request

from parallax.results import Facets
from parallax.server.pages.tables import data_url

#: Facet headings, in the order a page shows them.
FACET_TITLES = {
    "outlet": "Outlet",
    "country": "Outlet country",
    "state_affiliated": "State affiliation",
    "month": "Month",
    "label": "Type",
}
#: The most values a facet lists (the most frequent; months: the latest).
SHOWN = 12
#: Sort choices of each list: (sort parameter, label); the first is the default.
ARTICLE_ORDERS = (
    ("-published", "newest"), ("published", "oldest"), ("title", "title A–Z"),
    ("-title", "title Z–A"), ("outlet", "outlet A–Z"), ("-outlet", "outlet Z–A"),
)  # fmt: skip
SEARCH_ORDERS = (("rank", "best match"), ("-published", "newest"), ("published", "oldest"))
STORY_ORDERS = (
    ("-last_seen", "latest activity"), ("-first_seen", "newest"), ("first_seen", "oldest"),
    ("-articles", "most articles"), ("articles", "fewest articles"), ("title", "title A–Z"),
    ("-title", "title Z–A"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Link:
    """One facet value or sort choice: its label, its count (facets), its address, and
    whether the page shows it now."""

    label: str
    href: str
    current: bool
    count: int | None = None


@dataclass(frozen=True, slots=True)
class FacetGroup:
    """One facet as a page shows it: a heading, its first values, how many are left out."""

    name: str
    title: str
    links: tuple[Link, ...]
    hidden: int


def _month_range(month: str) -> tuple[str, str]:
    year, number = int(month[:4]), int(month[5:7])
    return f"{month}-01", f"{month}-{calendar.monthrange(year, number)[1]:02d}"


def facet_groups(
    request: Request,
    facets: Facets,
    *,
    dates: tuple[str, str] = ("since", "until"),
    labels: Mapping[str, str] | None = None,
) -> list[FacetGroup]:
    """The facets as link groups; ``dates`` are the names of this list's date filters and
    ``labels`` the names shown for entity types."""
    params = request.query_params
    groups = []
    for name, title in FACET_TITLES.items():
        values = facets.get(name, ())
        if not values:
            continue
        shown = values[:SHOWN]
        links = []
        for value in shown:
            if name == "month":
                first, last = _month_range(value.value)
                current = params.get(dates[0]) == first and params.get(dates[1]) == last
                chosen = {dates[0]: first, dates[1]: last}
            else:
                current = params.get(name) == value.value
                chosen = {name: value.value}
            change = dict.fromkeys(chosen) if current else dict(chosen)
            href = data_url(request, "html", cursor=None, **change)
            label = (labels or {}).get(value.label, value.label)
            links.append(Link(label, href, current, value.count))
        groups.append(FacetGroup(name, title, tuple(links), len(values) - len(shown)))
    return groups


def sort_links(
    request: Request, orders: tuple[tuple[str, str], ...], current: str | None
) -> list[Link]:
    """The sort choices of a list, each a link to the first page in that order."""
    chosen = current or orders[0][0]
    return [
        Link(label, data_url(request, "html", cursor=None, sort=sort), sort == chosen)
        for sort, label in orders
    ]


def format_links(request: Request) -> list[Link]:
    """This page as JSON and as CSV, with the same filters, order and page."""
    return [Link(fmt.upper(), data_url(request, fmt), False) for fmt in ("json", "csv")]
