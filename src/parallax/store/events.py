"""The store's event-mention table (migration 14): written with an article's analysis, read
back with it. Only SQL and row conversion live here."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from parallax.model import EventMention

_COLUMNS = (
    "article_id", "span_start", "span_end", "text", "claim_start", "claim_end", "trigger", "head",
    "lemmas", "pos", "context_window", "arguments", "extractor",
)  # fmt: skip
_ARGUMENTS = ("agents", "patients", "places", "times", "names")


def _row(event: EventMention) -> tuple[object, ...]:
    arguments = {name: list(getattr(event, name)) for name in _ARGUMENTS}
    return (
        event.article_id, event.start, event.end, event.text, event.claim_start, event.claim_end,
        event.trigger, event.head, json.dumps(event.lemmas), event.pos, event.window,
        json.dumps(arguments), event.extractor,
    )  # fmt: skip


def _event(row: Any) -> EventMention:
    arguments = json.loads(row[11])
    found: dict[str, Any] = {name: tuple(arguments.get(name, ())) for name in _ARGUMENTS}
    return EventMention(
        article_id=row[0], start=row[1], end=row[2], text=row[3], claim_start=row[4],
        claim_end=row[5], trigger=row[6], head=row[7], lemmas=tuple(json.loads(row[8])),
        pos=row[9], window=row[10], extractor=row[12], **found,
    )  # fmt: skip


def write_events(
    connection: sqlite3.Connection, article_id: str, events: Iterable[EventMention]
) -> None:
    """Replace the event mentions stored for one article."""
    connection.execute("DELETE FROM event_mentions WHERE article_id = ?", (article_id,))
    connection.executemany(
        f"INSERT INTO event_mentions ({', '.join(_COLUMNS)}) "  # noqa: S608
        f"VALUES ({', '.join('?' for _ in _COLUMNS)})",
        [_row(event) for event in events],
    )


def read_events(connection: sqlite3.Connection, article_id: str) -> tuple[EventMention, ...]:
    """Return the event mentions stored for one article, in text order."""
    rows = connection.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM event_mentions "  # noqa: S608
        "WHERE article_id = ? ORDER BY span_start, span_end",
        (article_id,),
    ).fetchall()
    return tuple(_event(row) for row in rows)
