"""The outlet list: every outlet with articles, filtered, faceted, sorted; also JSON and CSV.

Its filters are the ones the other lists use for outlets (``country``: the start of the
documented country, any case; ``state_affiliated``: yes or no), and its facets count
outlets: how many of the outlets the filters keep each country and each state-affiliation
value would keep, so a facet's count is what its link shows. A corpus holds tens of
outlets, so they are counted here rather than in SQL.
"""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Request
from starlette.responses import Response

from parallax.model import Outlet
from parallax.results import AFFILIATED, Facets, facet_values
from parallax.server.deps import open_corpus
from parallax.server.errors import ApiError
from parallax.server.pages.facets import facet_groups, format_links, sort_links
from parallax.server.pages.lists import Format, Text
from parallax.server.pages.render import render
from parallax.server.pages.tables import data_response, outlet_row

OUTLET_ORDERS = (
    ("-articles", "most articles"), ("name", "name A–Z"), ("-name", "name Z–A"),
    ("country", "country"),
)  # fmt: skip

router = APIRouter(include_in_schema=False)

Listed = list[tuple[Outlet, int, bool]]


def _country(outlet: Outlet) -> str:
    return outlet.country.value if outlet.country else ""


def _affiliated(outlet: Outlet) -> str:
    return "yes" if outlet.state_affiliation is not None else "no"


def outlet_facets(listed: Listed) -> Facets:
    """How many of ``listed`` each documented country and state-affiliation value keeps."""
    countries = Counter(_country(outlet) for outlet, _, _ in listed if outlet.country)
    affiliated = Counter(_affiliated(outlet) for outlet, _, _ in listed)
    return {
        "country": facet_values(countries),
        "state_affiliated": facet_values(affiliated, AFFILIATED),
    }


def _outlets(
    request: Request, sort: str | None, country: str | None, state_affiliated: str | None
) -> tuple[Listed, int]:
    """The outlets with articles the filters keep, with their counts and whether the registry
    has them, sorted; and how many outlets there are in all."""
    if sort and sort not in dict(OUTLET_ORDERS):
        names = ", ".join(dict(OUTLET_ORDERS))
        raise ApiError(400, f"sort must be one of {names}, not {sort!r}")
    if (state_affiliated or "") not in ("", "yes", "no"):
        raise ApiError(400, f"state_affiliated must be yes, no or empty, not {state_affiliated!r}")
    with open_corpus(request) as corpus:
        registry = corpus.outlets.registry
        every = [(o, n, registry.get(o.id) is not None) for o, n in corpus.outlets.list()]
    listed = [
        row
        for row in every
        if _country(row[0]).casefold().startswith((country or "").strip().casefold())
        and (not state_affiliated or _affiliated(row[0]) == state_affiliated)
    ]
    if sort in ("name", "-name"):
        listed.sort(key=lambda row: (row[0].name.casefold(), row[0].id), reverse=sort == "-name")
    elif sort == "country":
        listed.sort(key=lambda row: (row[0].country is None, _country(row[0])))
    return listed, len(every)


@router.get("/outlets")
def outlets(
    request: Request, sort: Text = None, country: Text = None, state_affiliated: Text = None
) -> Response:
    """Every outlet the corpus has articles from, with what is documented about it."""
    listed, everyone = _outlets(request, sort, country, state_affiliated)
    return render(
        request, "outlets.html", outlets=listed, total=everyone,
        filtered=bool(country or state_affiliated),
        facets=facet_groups(request, outlet_facets(listed)),
        sorts=sort_links(request, OUTLET_ORDERS, sort or None), formats=format_links(request),
    )  # fmt: skip


@router.get("/outlets.{fmt}")
def outlets_data(
    request: Request,
    fmt: Format,
    sort: Text = None,
    country: Text = None,
    state_affiliated: Text = None,
) -> Response:
    """The outlet list as JSON or CSV, with the same filters, order and facets."""
    listed, _ = _outlets(request, sort, country, state_affiliated)
    rows = [outlet_row(outlet, count, known) for outlet, count, known in listed]
    return data_response(request, fmt, rows, total=len(rows), facets=outlet_facets(listed))
