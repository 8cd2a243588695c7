"""Turn model objects into plain rows and JSON-ready dicts, and back."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from parallax.model import (
    Article,
    Claim,
    Designation,
    Entity,
    Mention,
    OffsetSegment,
    Outlet,
    Quote,
    Rejection,
    Removal,
    Score,
    Sourced,
    Story,
    TimeExpression,
    TimelineEntry,
)

ARTICLE_COLUMNS = (
    "id", "source", "record", "format", "url", "canonical_url", "title", "published",
    "published_source", "outlet_id", "outlet", "outlet_evidence", "author", "language",
    "external_id", "text", "raw_text", "segments", "removals", "content_hash", "flags",
    "duplicate_of",
)  # fmt: skip


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
    """Return the export form of an article (the fields of docs/export-schema.json)."""
    return {
        "id": article.id,
        "source": article.source,
        "record": article.record,
        "format": article.format,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "outlet": article.outlet,
        "outlet_id": article.outlet_id,
        "outlet_evidence": article.outlet_evidence,
        "published": article.published.isoformat() if article.published else None,
        "published_source": article.published_source,
        "title": article.title,
        "text": article.text,
        "author": article.author,
        "language": article.language,
        "external_id": article.external_id,
        "flags": list(article.flags),
        "duplicate_of": article.duplicate_of,
        "content_hash": article.content_hash,
        "removed": [
            {"raw_start": r.raw_start, "raw_end": r.raw_end, "rule": r.rule}
            for r in article.removals
        ],
    }


def outlet_to_dict(outlet: Outlet) -> dict[str, Any]:
    """Return an outlet profile as a JSON-ready dict (every fact keeps its source)."""
    profile = asdict(outlet)
    for key in ("domains", "signatures", "aliases"):
        profile[key] = list(profile[key])
    return profile


def outlet_from_dict(profile: dict[str, Any]) -> Outlet:
    """Rebuild an ``Outlet`` from its dict form."""

    def sourced(value: dict[str, Any] | None) -> Sourced | None:
        return Sourced(**value) if value else None

    return Outlet(
        id=profile["id"],
        name=profile["name"],
        domains=tuple(profile.get("domains", ())),
        signatures=tuple(profile.get("signatures", ())),
        country=sourced(profile.get("country")),
        language=sourced(profile.get("language")),
        owner=sourced(profile.get("owner")),
        state_affiliation=sourced(profile.get("state_affiliation")),
        designations=tuple(Designation(**d) for d in profile.get("designations", ())),
        scores=tuple(Score(**s) for s in profile.get("scores", ())),
        aliases=tuple(profile.get("aliases", ())),
    )


def outlet_to_json(outlet: Outlet) -> str:
    """Serialise an outlet profile for the store."""
    return json.dumps(outlet_to_dict(outlet), ensure_ascii=False, sort_keys=True)


def rejection_to_dict(rejection: Rejection) -> dict[str, Any]:
    """Return the export form of a rejection."""
    return {
        "source": rejection.source,
        "record": rejection.record,
        "stage": rejection.stage,
        "code": rejection.code,
        "reason": rejection.reason,
    }


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """Return the export form of an entity mention."""
    return {
        "text": mention.text,
        "label": mention.label,
        "entity": mention.entity,
        "role": mention.role,
        "start": mention.start,
        "end": mention.end,
        "extractor": mention.extractor,
    }


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    """Return the export form of a quote."""
    return {
        "text": quote.text,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "speaker_text": quote.speaker_text,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "cue": quote.cue,
        "cue_start": quote.cue_start,
        "cue_end": quote.cue_end,
        "start": quote.start,
        "end": quote.end,
        "extractor": quote.extractor,
    }


def time_expression_to_dict(expression: TimeExpression) -> dict[str, Any]:
    """Return the export form of a time expression."""
    return {
        "text": expression.text,
        "type": expression.type,
        "value": expression.value,
        "start": expression.start,
        "end": expression.end,
        "extractor": expression.extractor,
    }


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """Return the export form of a claim with its quantities."""
    return {
        "text": claim.text,
        "score": claim.score,
        "start": claim.start,
        "end": claim.end,
        "extractor": claim.extractor,
        "quantities": [
            {"text": q.text, "value": q.value, "unit": q.unit, "start": q.start, "end": q.end}
            for q in claim.quantities
        ],
    }


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    """Return the export form of a canonical entity."""
    return {
        "id": entity.id,
        "name": entity.name,
        "label": entity.label,
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
    }


def timeline_entry_to_dict(entry: TimelineEntry) -> dict[str, Any]:
    """Return the export form of a timeline entry, with the span behind each source."""
    return {
        "date": entry.date,
        "precision": entry.precision,
        "basis": entry.basis,
        "summary": entry.summary,
        "article_ids": list(entry.article_ids),
        "outlets": list(entry.outlets),
        "spans": [
            {"article_id": s.article_id, "outlet": s.outlet, "start": s.start, "end": s.end,
             "text": s.text}
            for s in entry.sources
        ],
        "extractor": entry.extractor,
    }  # fmt: skip


def story_to_dict(story: Story, timeline: list[TimelineEntry]) -> dict[str, Any]:
    """Return the export form of a story with its timeline."""
    return {
        "id": story.id,
        "title": story.title,
        "article_ids": list(story.article_ids),
        "entities": list(story.entities),
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "outlets": list(story.outlets),
        "grouper": story.grouper,
        "timeline": [timeline_entry_to_dict(entry) for entry in timeline],
    }
