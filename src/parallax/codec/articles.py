"""Articles as stored rows and as exported, and the export forms of outlets, rejections,
entities and what the NLP stage finds in an article (``docs/export-schema.json``)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from parallax.codec import Shape, dump, field_names, load, pick
from parallax.model import (
    Article,
    Claim,
    Entity,
    Mention,
    OffsetSegment,
    Outlet,
    Quantity,
    Quote,
    Rejection,
    Removal,
    Revision,
    TimeExpression,
)

#: The store's (and the Parquet shards') article columns.
ARTICLE_COLUMNS = (
    "id", "source", "record", "format", "url", "canonical_url", "title", "published",
    "published_source", "outlet_id", "outlet", "outlet_evidence", "author", "language",
    "external_id", "text", "raw_text", "segments", "removals", "content_hash", "flags",
    "duplicate_of", "captured",
)  # fmt: skip

#: An exported article: provenance and cleaned text, without the raw text and offset map.
ARTICLE: Shape = (
    "id", "source", "record", "format", "url", "canonical_url", "outlet", "outlet_id",
    "outlet_evidence", "published", "published_source", "title", "text", "author", "language",
    "external_id", "flags", "duplicate_of", "content_hash", "removed=removals", "captured",
)  # fmt: skip
#: The items found in an article, as an article (or the API) lists them: no ``article_id``.
MENTION: Shape = ("text", "label", "entity", "role", "start", "end", "extractor")
QUOTE: Shape = (
    "text", "kind", "speaker", "speaker_text", "speaker_start", "speaker_end", "cue",
    "cue_start", "cue_end", "start", "end", "extractor",
)  # fmt: skip
TIME_EXPRESSION: Shape = ("text", "type", "value", "start", "end", "extractor")
QUANTITY: Shape = ("text", "value", "unit", "start", "end")
CLAIM: Shape = ("text", "score", "start", "end", "extractor", "quantities")
REJECTION: Shape = ("source", "record", "stage", "code", "reason")
#: A stored revision of an article, as exported with it.
REVISION: Shape = ("captured", "content_hash", "source", "record", "title", "text")
ENTITY: Shape = field_names(Entity)


def article_to_row(article: Article) -> dict[str, Any]:
    """Return the column values that store ``article``."""
    row = {name: getattr(article, name) for name in ARTICLE_COLUMNS}
    row["published"] = article.published.isoformat() if article.published else None
    row["segments"] = json.dumps([[s.start, s.raw_start, s.length] for s in article.segments])
    row["removals"] = json.dumps([[r.raw_start, r.raw_end, r.rule] for r in article.removals])
    row["flags"] = json.dumps(list(article.flags))
    return row


def article_from_row(row: dict[str, Any]) -> Article:
    """Rebuild an ``Article`` from a stored row."""
    values = {name: row[name] for name in ARTICLE_COLUMNS}
    values["published"] = date.fromisoformat(row["published"]) if row["published"] else None
    values["segments"] = tuple(OffsetSegment(*item) for item in json.loads(row["segments"]))
    values["removals"] = tuple(Removal(*item) for item in json.loads(row["removals"]))
    values["flags"] = tuple(json.loads(row["flags"]))
    return Article(**values)


def article_to_dict(article: Article) -> dict[str, Any]:
    """Return the export form of an article (the fields of docs/export-schema.json), with
    ``authors`` after ``author``."""
    exported = pick(article, ARTICLE)
    keys = list(exported)
    keys.insert(keys.index("author") + 1, "authors")
    return {key: authors(article) if key == "authors" else exported[key] for key in keys}


def authors(article: Article) -> list[str]:
    """The people ``author`` names, one each (:attr:`Article.authors` as a list)."""
    return list(article.authors)


def outlet_to_dict(outlet: Outlet) -> dict[str, Any]:
    """Return an outlet profile as a JSON-ready dict (every fact keeps its source)."""
    profile: dict[str, Any] = dump(outlet)
    return profile


def outlet_from_dict(profile: dict[str, Any]) -> Outlet:
    """Rebuild an ``Outlet`` from its dict form."""
    return load(Outlet, profile)


def outlet_to_json(outlet: Outlet) -> str:
    """Serialise an outlet profile for the store."""
    return json.dumps(outlet_to_dict(outlet), ensure_ascii=False, sort_keys=True)


def rejection_to_dict(rejection: Rejection) -> dict[str, Any]:
    """Return the export form of a rejection."""
    return pick(rejection, REJECTION)


def revision_to_dict(revision: Revision) -> dict[str, Any]:
    """Return the export form of one revision of an article."""
    return pick(revision, REVISION)


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """Return the export form of an entity mention."""
    return pick(mention, MENTION)


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    """Return the export form of a quote."""
    return pick(quote, QUOTE)


def time_expression_to_dict(expression: TimeExpression) -> dict[str, Any]:
    """Return the export form of a time expression."""
    return pick(expression, TIME_EXPRESSION)


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """Return the export form of a claim with its quantities."""
    return pick(claim, CLAIM, {Quantity: QUANTITY})


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    """Return the export form of a canonical entity."""
    return pick(entity, ENTITY)
