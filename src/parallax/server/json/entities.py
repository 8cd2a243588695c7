"""``/api/entities``: canonical entities, page by page, and one entity with its articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from parallax.server.deps import MAX_PAGE, open_corpus
from parallax.server.errors import CURSOR_HELP, ERROR_RESPONSES, ApiError
from parallax.server.json.schemas import EntityDetailOut, EntityPageOut

router = APIRouter(tags=["entities"], responses=ERROR_RESPONSES)

Limit = Annotated[
    int, Query(ge=1, le=MAX_PAGE, description=f"Items per page (at most {MAX_PAGE}).")
]
Cursor = Annotated[str | None, Query(max_length=500, description=CURSOR_HELP)]


@router.get("/api/entities", response_model=EntityPageOut)
def list_entities(
    request: Request,
    label: Annotated[
        str | None, Query(max_length=40, description="Entity type: PERSON, ORG, GPE ...")
    ] = None,
    prefix: Annotated[
        str | None,
        Query(max_length=200, description="Start of the name or of one of its spellings."),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> EntityPageOut:
    """List canonical entities, most mentioned first; follow ``next_cursor`` to reach all."""
    with open_corpus(request) as corpus:
        page = corpus.entities.page(label=label, prefix=prefix, limit=limit, cursor=cursor)
    return EntityPageOut.model_validate(page)


@router.get("/api/entities/{entity_id}", response_model=EntityDetailOut)
def get_entity(
    request: Request,
    entity_id: Annotated[
        str, Path(max_length=200, description="Entity id (its exact canonical name also works).")
    ],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> EntityDetailOut:
    """Return an entity, its totals, and one page of the articles that name it, newest first,
    each with its mention count and the quotes the entity is the speaker of there."""
    with open_corpus(request) as corpus:
        detail = corpus.entities.get(entity_id, limit=limit, cursor=cursor)
    if detail is None:
        raise ApiError(404, f"no entity with id {entity_id!r}")
    return EntityDetailOut.build(detail)
