"""Store tables of the NLP stage: mentions, canonical entities, quotes, time expressions, claims.

Mixed into :class:`parallax.store.sqlite.SQLiteStore`; only SQL and row conversion live here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from parallax.model import Claim, Entity, EventMention, Mention, Quantity, Quote, TimeExpression
from parallax.results import StoredAnalysis
from parallax.store.events import read_events, write_events

_QUOTE_COLUMNS = (
    "article_id", "span_start", "span_end", "text", "kind", "speaker", "speaker_text",
    "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "extractor",
)  # fmt: skip


def _quantities_json(claim: Claim) -> str:
    return json.dumps([[q.start, q.end, q.text, q.value, q.unit] for q in claim.quantities])


def _expected_version(
    version: str, suffixes: Mapping[str, str] | None
) -> tuple[str, dict[str, str]]:
    """The SQL expression of the version an article should have been analysed by (the run's
    version, plus its language stage's suffix), and its bound parameters."""
    bound = {"version": version}
    if not suffixes:
        return ":version", bound
    cases = []
    for i, (language, suffix) in enumerate(sorted(suffixes.items())):
        bound[f"language{i}"], bound[f"suffix{i}"] = language, suffix
        cases.append(f"WHEN :language{i} THEN :version || :suffix{i}")
    return f"(CASE a.language {' '.join(cases)} ELSE :version END)", bound


class AnalysisTables:
    """Reads and writes of the NLP tables (needs ``self.connection``)."""

    connection: sqlite3.Connection

    def articles_to_analyze(
        self,
        version: str,
        *,
        limit: int,
        after: tuple[date | None, str] | None = None,
        suffixes: Mapping[str, str] | None = None,
    ) -> list[tuple[str, str, date | None, str | None]]:
        """Return ``(id, text, published, language)`` of articles not yet analysed by
        ``version``, in publication order; given ``after`` (an article's ``(published, id)``),
        only those that come after it, so that a reader can fetch ahead of what is written.
        ``suffixes`` maps a language to what its stage adds to ``version``."""
        expected, bound = _expected_version(version, suffixes)
        if after is None:
            rows = self.connection.execute(
                "SELECT a.id, a.text, a.published, a.language FROM articles a "  # noqa: S608
                "LEFT JOIN analyses n ON n.article_id = a.id "
                f"WHERE n.version IS NULL OR n.version != {expected} "
                "ORDER BY a.published, a.id LIMIT :limit",
                {**bound, "limit": limit},
            ).fetchall()
        else:  # after it in (published, id) order, where NULL dates sort first
            day = after[0].isoformat() if after[0] else None
            rows = self.connection.execute(
                "SELECT a.id, a.text, a.published, a.language FROM articles a "  # noqa: S608
                "LEFT JOIN analyses n ON n.article_id = a.id "
                f"WHERE (n.version IS NULL OR n.version != {expected}) AND ("
                " (:day IS NULL AND (a.published IS NOT NULL OR a.id > :id))"
                " OR a.published > :day OR (a.published = :day AND a.id > :id)"
                ") ORDER BY a.published, a.id LIMIT :limit",
                {**bound, "day": day, "id": after[1], "limit": limit},
            ).fetchall()
        return [
            (row[0], row[1], date.fromisoformat(row[2]) if row[2] else None, row[3]) for row in rows
        ]

    def count_to_analyze(self, version: str, *, suffixes: Mapping[str, str] | None = None) -> int:
        """Return how many articles ``version`` (with each language's suffix) has not analysed."""
        expected, bound = _expected_version(version, suffixes)
        return int(
            self.connection.execute(
                "SELECT COUNT(*) FROM articles a LEFT JOIN analyses n "  # noqa: S608
                f"ON n.article_id = a.id WHERE n.version IS NULL OR n.version != {expected}",
                bound,
            ).fetchone()[0]
        )

    def save_analysis(
        self,
        article_id: str,
        version: str,
        *,
        mentions: Iterable[Mention],
        quotes: Iterable[Quote],
        dates: Iterable[TimeExpression],
        claims: Iterable[Claim],
        analyzed_at: str,
        skipped: str | None = None,
        events: Iterable[EventMention] = (),
    ) -> None:
        """Replace everything stored for one article by a new analysis (``skipped``: why the
        NLP stage did not read it; ``events``: the event mentions of its claims)."""
        execute, many = self.connection.execute, self.connection.executemany
        for table in ("mentions", "quotes", "time_expressions", "claims"):
            # Table names come from the literal tuple above, never from input.
            execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))  # noqa: S608
        many(
            "INSERT INTO mentions (article_id, span_start, span_end, text, label, entity, role, "
            "extractor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(m.article_id, m.start, m.end, m.text, m.label, m.entity, m.role, m.extractor)
             for m in mentions],
        )  # fmt: skip
        many(
            f"INSERT INTO quotes ({', '.join(_QUOTE_COLUMNS)}) "  # noqa: S608
            f"VALUES ({', '.join('?' for _ in _QUOTE_COLUMNS)})",
            [(q.article_id, q.start, q.end, q.text, q.kind, q.speaker, q.speaker_text,
              q.speaker_start, q.speaker_end, q.cue, q.cue_start, q.cue_end, q.extractor)
             for q in quotes],
        )  # fmt: skip
        many(
            "INSERT INTO time_expressions (article_id, span_start, span_end, text, type, value, "
            "extractor, event_start, event_end, event_tense, event_role) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(d.article_id, d.start, d.end, d.text, d.type, d.value, d.extractor,
              d.event_start, d.event_end, d.event_tense, d.event_role) for d in dates],
        )  # fmt: skip
        many(
            "INSERT INTO claims (article_id, span_start, span_end, text, score, quantities, "
            "extractor) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(c.article_id, c.start, c.end, c.text, c.score, _quantities_json(c), c.extractor)
             for c in claims],
        )  # fmt: skip
        write_events(self.connection, article_id, events)
        execute(
            "INSERT INTO analyses (article_id, version, analyzed_at, skipped) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, "
            "analyzed_at = excluded.analyzed_at, skipped = excluded.skipped",
            (article_id, version, analyzed_at, skipped),
        )

    def mention_names(self) -> list[tuple[Mention, int]]:
        """Return each distinct (label, entity, text, role) mention with how often it occurs."""
        rows = self.connection.execute(
            "SELECT label, entity, text, role, MIN(extractor), COUNT(*) FROM mentions "
            "GROUP BY label, entity, text, role ORDER BY label, entity, text, role"
        ).fetchall()
        return [
            (Mention("", 0, 0, row[2], row[0], row[1], row[4], row[3]), int(row[5])) for row in rows
        ]

    def replace_entities(
        self, entities: Iterable[Entity], links: Mapping[tuple[str, str], Entity]
    ) -> None:
        """Store the canonical entities and link every mention and quote speaker to one."""
        self.connection.execute("DELETE FROM entities")
        self.connection.executemany(
            "INSERT INTO entities (id, name, label, aliases, roles) VALUES (?, ?, ?, ?, ?)",
            [(e.id, e.name, e.label, json.dumps(e.aliases), json.dumps(e.roles)) for e in entities],
        )
        self.connection.executemany(
            "UPDATE mentions SET entity_id = ? WHERE label = ? AND entity = ?",
            [(entity.id, label, name) for (label, name), entity in links.items()],
        )
        people = {name: entity for (label, name), entity in links.items() if label == "PERSON"}
        others = {name: entity for (label, name), entity in links.items() if label != "PERSON"}
        self.connection.executemany(
            "UPDATE quotes SET speaker_id = ? WHERE speaker = ?",
            [(entity.id, name) for name, entity in (others | people).items()],
        )

    def entities(self, *, label: str | None = None) -> list[Entity]:
        """Return canonical entities, most mentioned first."""
        where, params = ("WHERE e.label = ?", [label]) if label else ("", [])
        rows = self.connection.execute(
            "SELECT e.id, e.name, e.label, e.aliases, e.roles, COUNT(m.entity_id) AS n "  # noqa: S608
            f"FROM entities e LEFT JOIN mentions m ON m.entity_id = e.id {where} "
            "GROUP BY e.id ORDER BY n DESC, e.name",
            params,
        ).fetchall()
        return [_entity(row) for row in rows]

    def entity(self, entity_id: str) -> Entity | None:
        """Return one canonical entity by id."""
        row = self.connection.execute(
            "SELECT id, name, label, aliases, roles FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        return _entity(row) if row else None

    def analysis(self, article_id: str, *, events: bool = False) -> StoredAnalysis:
        """Return what the NLP stage stored for one article (empty when not analysed); its
        claims' event mentions only with ``events`` (only event groups read them)."""
        execute = self.connection.execute
        version = execute(
            "SELECT version, skipped FROM analyses WHERE article_id = ?", (article_id,)
        )
        found = version.fetchone()
        mentions = tuple(
            Mention(article_id, r[0], r[1], r[2], r[3], r[4], r[5], r[6])
            for r in execute(
                "SELECT m.span_start, m.span_end, m.text, m.label, COALESCE(e.name, m.entity), "
                "m.extractor, m.role FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id "
                "WHERE m.article_id = ? ORDER BY m.span_start, m.span_end",
                (article_id,),
            )
        )
        quotes = tuple(
            _quote(article_id, r)
            for r in execute(
                "SELECT q.span_start, q.span_end, q.text, q.kind, q.extractor, "
                "COALESCE(e.name, q.speaker), q.speaker_text, q.speaker_start, q.speaker_end, "
                "q.cue, q.cue_start, q.cue_end FROM quotes q "
                "LEFT JOIN entities e ON e.id = q.speaker_id "
                "WHERE q.article_id = ? ORDER BY q.span_start",
                (article_id,),
            )
        )
        dates = tuple(
            TimeExpression(article_id, *r)
            for r in execute(
                "SELECT span_start, span_end, text, type, value, extractor, event_start, "
                "event_end, event_tense, event_role FROM time_expressions "
                "WHERE article_id = ? ORDER BY span_start",
                (article_id,),
            )
        )
        claims = tuple(
            Claim(article_id, r[0], r[1], r[2], r[3], r[4],
                  tuple(Quantity(*q) for q in json.loads(r[5])))
            for r in execute(
                "SELECT span_start, span_end, text, score, extractor, quantities FROM claims "
                "WHERE article_id = ? ORDER BY span_start",
                (article_id,),
            )
        )  # fmt: skip
        return StoredAnalysis(
            article_id, mentions, quotes, dates, claims,
            skipped=found[1] if found else None,
            events=read_events(self.connection, article_id) if events else (),
            version=found[0] if found else None,
        )  # fmt: skip


def _entity(row: Any) -> Entity:
    return Entity(row[0], row[1], row[2], tuple(json.loads(row[3])), tuple(json.loads(row[4])))


def _quote(article_id: str, r: Any) -> Quote:
    return Quote(
        article_id, r[0], r[1], r[2], r[3], r[4],
        speaker=r[5], speaker_text=r[6], speaker_start=r[7], speaker_end=r[8],
        cue=r[9], cue_start=r[10], cue_end=r[11],
    )  # fmt: skip
