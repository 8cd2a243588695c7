"""``/api/outlets``: the corpus's outlets, and one outlet's profile with every source."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from parallax.query import ArticleQuery
from parallax.server.deps import open_corpus
from parallax.server.errors import ERROR_RESPONSES, ApiError
from parallax.server.json.schemas import OutletListOut, OutletOut

router = APIRouter(tags=["outlets"], responses=ERROR_RESPONSES)


@router.get("/api/outlets", response_model=OutletListOut)
def list_outlets(request: Request) -> OutletListOut:
    """List every outlet the corpus has articles from, most articles first."""
    with open_corpus(request) as corpus:
        found = corpus.outlets.list()
        registry = corpus.outlets.registry
    items = [
        OutletOut.build(outlet, articles=count, in_registry=registry.get(outlet.id) is not None)
        for outlet, count in found
    ]
    return OutletListOut(items=items)


@router.get("/api/outlets/{outlet_id}", response_model=OutletOut)
def get_outlet(
    request: Request,
    outlet_id: Annotated[
        str, Path(max_length=200, description="Outlet id (a name, alias or domain also works).")
    ],
) -> OutletOut:
    """Return what is documented about one outlet, every fact with its source."""
    with open_corpus(request) as corpus:
        outlet = corpus.outlets.get(outlet_id) or corpus.outlets.find(outlet_id)
        if outlet is None:
            raise ApiError(404, f"no outlet {outlet_id!r} in the registry or the corpus")
        count = corpus.articles.count(ArticleQuery(outlet=outlet.id))
        in_registry = corpus.outlets.registry.get(outlet.id) is not None
    return OutletOut.build(outlet, articles=count, in_registry=in_registry)
