"""The Parquet shards a run writes per source, and how ``load`` reads them back.

Every row carries ``seq``, the record's place in its source, so rows of one article across
tables line up and a load replays the source in its own order. Article rows hold the store's
own column encoding (``parallax.codec.articles``), so an article comes back byte for byte.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from parallax.codec.articles import (
    ARTICLE_COLUMNS,
    article_from_row,
    article_to_row,
    outlet_from_dict,
    outlet_to_json,
)
from parallax.embeddings import DIMENSION, ArticleEmbedding
from parallax.model import (
    Article,
    ArticleAnalysis,
    ArticleResult,
    Claim,
    EventMention,
    Fingerprint,
    Mention,
    Outlet,
    Quantity,
    Quote,
    Rejection,
    TimeExpression,
)
from parallax.nlp.languages import skip_reason, version_suffix
from parallax.runners.layout import TABLES, LedgerEntry, shard_path, shard_stem

_STR, _INT = pa.string(), pa.int64()
_SPAN = [("seq", _INT), ("article_id", _STR), ("start", _INT), ("end", _INT), ("text", _STR)]
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [("seq", _INT)]
        + [(name, _STR) for name in ARTICLE_COLUMNS if name != "duplicate_of"]
        + [("outlet_profile", _STR), ("analysis_version", _STR)]
    ),
    "fingerprints": pa.schema(
        [
            ("seq", _INT),
            ("article_id", _STR),
            ("signature", pa.binary()),
            ("bands", pa.list_(pa.binary())),
        ]
    ),
    "mentions": pa.schema(
        [*_SPAN, ("label", _STR), ("entity", _STR), ("extractor", _STR), ("role", _STR)]
    ),
    "quotes": pa.schema(
        [
            *_SPAN,
            ("kind", _STR),
            ("extractor", _STR),
            ("speaker", _STR),
            ("speaker_text", _STR),
            ("speaker_start", _INT),
            ("speaker_end", _INT),
            ("cue", _STR),
            ("cue_start", _INT),
            ("cue_end", _INT),
        ]
    ),
    # Each time expression with the event it dates (absent from shards written before).
    "dates": pa.schema(
        [
            *_SPAN,
            ("type", _STR),
            ("value", _STR),
            ("extractor", _STR),
            ("event_start", _INT),
            ("event_end", _INT),
            ("event_tense", _STR),
            ("event_role", _STR),
        ]
    ),
    # Quantities as JSON keep each number's Python type (int or float) exactly.
    "claims": pa.schema(
        [*_SPAN, ("score", pa.float64()), ("extractor", _STR), ("quantities", _STR)]
    ),
    # The story embedding of the article's headline and start (see parallax.embeddings), ahead of
    # grouping: which embedder, the SHA-256 of the exact text embedded, the float32 vector.
    "embeddings": pa.schema(
        [
            ("seq", _INT),
            ("article_id", _STR),
            ("embedder", _STR),
            ("text_sha256", _STR),
            ("vector", pa.list_(pa.float32(), DIMENSION)),
        ]
    ),
    # The event mentions of the claims (absent from shards written before): lemmas and
    # arguments as JSON, as the store keeps them.
    "events": pa.schema(
        [
            *_SPAN,
            ("claim_start", _INT),
            ("claim_end", _INT),
            ("trigger", _STR),
            ("head", _STR),
            ("lemmas", _STR),
            ("pos", _STR),
            ("window", _STR),
            ("extractor", _STR),
            ("arguments", _STR),
        ]
    ),
    # The framing findings of the article's text (``analyze_framing``; absent from shards
    # written before): the framing version, the hash of the text, the findings as JSON.
    "framing": pa.schema(
        [
            ("seq", _INT),
            ("article_id", _STR),
            ("version", _STR),
            ("content_hash", _STR),
            ("findings", _STR),
        ]
    ),
    "rejections": pa.schema(
        [
            ("seq", _INT),
            ("source", _STR),
            ("stage", _STR),
            ("code", _STR),
            ("reason", _STR),
            ("record", _STR),
        ]
    ),
}
_ROW_GROUP = 512
_ANALYSIS_TABLES = ("mentions", "quotes", "dates", "claims", "events")
_ARGUMENTS = ("agents", "patients", "places", "times", "names")


@dataclass(frozen=True, slots=True)
class Processed:
    """One record of a source: an article with its analysis and embedding, or a rejection.

    ``analysis`` is None where the NLP stage failed on the article (``nlp_rejection`` says why);
    ``framing`` is ``(framing version, content hash, findings JSON)`` of its text, when the
    ``analyze_framing`` setting asks for them and the framing models did not fail on it.
    """

    seq: int
    result: ArticleResult | Rejection
    analysis: ArticleAnalysis | None = None
    nlp_rejection: Rejection | None = None
    embedding: ArticleEmbedding | None = None
    framing: tuple[str, str, str] | None = None


@dataclass(frozen=True, slots=True)
class ShardArticle:
    """One article of a shard, ready for the store, and the NLP version that analysed it."""

    seq: int
    result: ArticleResult
    version: str | None


class ShardWriter:
    """Write one source's rows to every table under temporary names; rename them on commit."""

    def __init__(self, out: Path, name: str, digest: str | None) -> None:
        self.out = out
        self.stem = shard_stem(name, digest)
        self.counts = dict.fromkeys(TABLES, 0)
        self._rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
        self._writers: dict[str, pq.ParquetWriter] = {}

    def _temporary(self, table: str) -> Path:
        return self.out / table / f".{self.stem}.{os.getpid()}.tmp"

    def _add(self, table: str, row: dict[str, Any]) -> None:
        self._rows[table].append(row)
        self.counts[table] += 1
        if len(self._rows[table]) >= _ROW_GROUP:
            self._flush(table)

    def _flush(self, table: str) -> None:
        rows = self._rows[table]
        if not rows:
            return
        if table not in self._writers:
            self._temporary(table).parent.mkdir(parents=True, exist_ok=True)
            self._writers[table] = pq.ParquetWriter(
                self._temporary(table), SCHEMAS[table], compression="zstd"
            )
        self._writers[table].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]))
        rows.clear()

    def add_rejection(self, seq: int, rejection: Rejection) -> None:
        """Add a rejection (of the source, of one record, or of one article's NLP)."""
        self._add("rejections", {"seq": seq, **asdict(rejection)})

    def add_article(
        self,
        seq: int,
        result: ArticleResult,
        *,
        version: str | None,
        analysis: ArticleAnalysis | None,
        embedding: ArticleEmbedding | None = None,
        framing: tuple[str, str, str] | None = None,
    ) -> None:
        """Add a processed article, its fingerprint, what the NLP stage found in it, its
        story embedding and its framing findings."""
        article = result.article
        row = {name: value for name, value in article_to_row(article).items()}
        del row["duplicate_of"]  # set by the store when it links near-duplicates
        profile = outlet_to_json(result.outlet) if result.outlet else None
        self._add("articles", {"seq": seq, **row, "outlet_profile": profile,
                               "analysis_version": version})  # fmt: skip
        fingerprint = result.fingerprint
        self._add(
            "fingerprints",
            {"seq": seq, "article_id": article.id, "signature": fingerprint.signature,
             "bands": list(fingerprint.bands)},
        )  # fmt: skip
        if embedding is not None:
            self._add(
                "embeddings",
                {"seq": seq, "article_id": article.id, "embedder": embedding.embedder,
                 "text_sha256": embedding.text_sha256, "vector": embedding.vector},
            )  # fmt: skip
        if framing is not None:
            version, digest, findings = framing
            self._add("framing", {"seq": seq, "article_id": article.id, "version": version,
                                  "content_hash": digest, "findings": findings})  # fmt: skip
        if analysis is None:
            return
        for table, items in (("mentions", analysis.mentions), ("quotes", analysis.quotes),
                             ("dates", analysis.dates)):  # fmt: skip
            for item in items:
                self._add(table, {"seq": seq, **asdict(item)})
        for claim in analysis.claims:
            quantities = [asdict(quantity) for quantity in claim.quantities]
            self._add("claims", {"seq": seq, **asdict(claim), "quantities": json.dumps(quantities)})
        for event in analysis.events:
            row = {name: value for name, value in asdict(event).items() if name not in _ARGUMENTS}
            arguments = {name: list(getattr(event, name)) for name in _ARGUMENTS}
            self._add(
                "events",
                {"seq": seq, **row, "lemmas": json.dumps(event.lemmas),
                 "arguments": json.dumps(arguments)},
            )  # fmt: skip

    def commit(self) -> dict[str, int]:
        """Finish every table and move it to its final name; return the row counts."""
        for table in TABLES:
            self._flush(table)
        for table, writer in self._writers.items():
            writer.close()
            os.replace(self._temporary(table), shard_path(self.out, table, self.stem))
        self._writers.clear()
        return {table: count for table, count in self.counts.items() if count}

    def abort(self) -> None:
        """Drop everything written so far."""
        for table, writer in self._writers.items():
            writer.close()
            self._temporary(table).unlink(missing_ok=True)
        self._writers.clear()
        self.counts = dict.fromkeys(TABLES, 0)
        self._rows = {table: [] for table in TABLES}


class ShardSink:
    """Write one source's processed records as shards: the runners' sink, as
    :class:`parallax.stages.sinks.StoreSink` is the store's (``load`` replays shards into one).

    Args:
        out: The run's output directory.
        name: The source as the user gave it.
        digest: The SHA-256 of the source's content (None for an input that names nothing).
        version: The NLP version that analysed the articles.
    """

    def __init__(self, out: Path, name: str, digest: str | None, *, version: str | None) -> None:
        self.writer = ShardWriter(out, name, digest)
        self.version = version

    def write(self, item: Processed) -> None:
        """Write one record: an article with its analysis and embedding (and why its analysis
        failed), or why it was rejected."""
        if isinstance(item.result, Rejection):
            self.writer.add_rejection(item.seq, item.result)
            return
        # A language stage other than English adds its version, as the store's analyses do.
        suffix = version_suffix(item.result.article.language)
        self.writer.add_article(
            item.seq, item.result, version=self.version and self.version + suffix,
            analysis=item.analysis, embedding=item.embedding, framing=item.framing,
        )  # fmt: skip
        if item.nlp_rejection:
            self.writer.add_rejection(item.seq, item.nlp_rejection)

    def commit(self) -> dict[str, int]:
        """Finish the source's shards (see :meth:`ShardWriter.commit`); return the row counts."""
        return self.writer.commit()

    def abort(self) -> None:
        """Drop everything written so far."""
        self.writer.abort()


# --- reading -----------------------------------------------------------------------------


def _rows(path: Path | None, *, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    if path is None:
        return
    for batch in pq.ParquetFile(path).iter_batches(batch_size=_ROW_GROUP, columns=columns):
        yield from batch.to_pylist()


def read_rejections(out: Path, entry: LedgerEntry) -> Iterator[tuple[int, Rejection]]:
    """Yield ``(seq, rejection)`` for a finished source, in source order."""
    for row in _rows(entry.shards(out, "rejections")):
        seq = row.pop("seq")
        yield seq, Rejection(**row)


def read_articles(out: Path, entry: LedgerEntry) -> Iterator[ShardArticle]:
    """Yield the articles of a finished source with their fingerprints, in source order."""
    fingerprints = _rows(entry.shards(out, "fingerprints"))
    for row, printed in zip(_rows(entry.shards(out, "articles")), fingerprints, strict=True):
        if printed["seq"] != row["seq"]:
            raise ValueError(f"{entry.name}: fingerprint rows out of step with articles")
        profile = row.pop("outlet_profile")
        outlet: Outlet | None = outlet_from_dict(json.loads(profile)) if profile else None
        article: Article = article_from_row(row | {"duplicate_of": None})
        fingerprint = Fingerprint(printed["signature"], tuple(printed["bands"]))
        result = ArticleResult(article, outlet, fingerprint)
        yield ShardArticle(row["seq"], result, row["analysis_version"])


def _grouped(path: Path | None) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """Yield ``(seq, rows)`` runs of a table written in seq order."""
    seq, group = -1, list[dict[str, Any]]()
    for row in _rows(path):
        if row["seq"] != seq and group:
            yield seq, group
            group = []
        seq = row.pop("seq")
        group.append(row)
    if group:
        yield seq, group


class _Aligned:
    """Pull the rows of one table for each seq in turn (tables share the articles' order)."""

    def __init__(self, path: Path | None) -> None:
        self._groups = _grouped(path)
        self._next = next(self._groups, None)

    def take(self, seq: int) -> list[dict[str, Any]]:
        if self._next is None or self._next[0] != seq:
            return []
        rows = self._next[1]
        self._next = next(self._groups, None)
        return rows


def _event(row: Mapping[str, Any]) -> EventMention:
    arguments = json.loads(row["arguments"])
    fields = {k: v for k, v in row.items() if k not in ("seq", "arguments", "lemmas")}
    found: dict[str, Any] = {name: tuple(arguments.get(name, ())) for name in _ARGUMENTS}
    return EventMention(**fields, lemmas=tuple(json.loads(row["lemmas"])), **found)


def read_analyses(
    out: Path, entry: LedgerEntry
) -> Iterator[tuple[int, str, Mapping[str, Any], ArticleAnalysis]]:
    """Yield ``(seq, article_id, identity, analysis)`` for each analysed article of a source.

    ``identity`` holds the ``content_hash`` and ``published`` the analysis was made for.
    """
    tables = {table: _Aligned(entry.shards(out, table)) for table in _ANALYSIS_TABLES}
    columns = ["seq", "id", "content_hash", "published", "language", "analysis_version"]
    for row in _rows(entry.shards(out, "articles"), columns=columns):
        if row["analysis_version"] is None:
            continue
        seq = row["seq"]
        analysis = ArticleAnalysis(
            article_id=row["id"],
            skipped=skip_reason(row["language"]),
            mentions=tuple(Mention(**r) for r in tables["mentions"].take(seq)),
            quotes=tuple(Quote(**r) for r in tables["quotes"].take(seq)),
            dates=tuple(TimeExpression(**r) for r in tables["dates"].take(seq)),
            claims=tuple(
                Claim(
                    **(
                        r
                        | {"quantities": tuple(Quantity(**q) for q in json.loads(r["quantities"]))}
                    )
                )
                for r in tables["claims"].take(seq)
            ),
            events=tuple(_event(r) for r in tables["events"].take(seq)),
        )
        yield seq, row["id"], row, analysis


def read_embeddings(
    out: Path, entry: LedgerEntry
) -> Iterator[tuple[str, Mapping[str, Any], ArticleEmbedding]]:
    """Yield ``(article_id, identity, embedding)`` for each embedded article of a source.

    ``identity`` holds the ``content_hash`` and ``published`` of the article it was made for.
    """
    embeddings = _Aligned(entry.shards(out, "embeddings"))
    columns = ["seq", "id", "content_hash", "published"]
    for row in _rows(entry.shards(out, "articles"), columns=columns):
        for found in embeddings.take(row["seq"]):
            vector = np.asarray(found["vector"], dtype=np.float32)
            yield row["id"], row, ArticleEmbedding(found["embedder"], found["text_sha256"], vector)


def read_framing(out: Path, entry: LedgerEntry) -> Iterator[tuple[str, str, str, str]]:
    """Yield ``(article_id, framing version, content hash, findings JSON)`` for each article
    of a source whose framing findings the worker computed."""
    for row in _rows(entry.shards(out, "framing")):
        yield row["article_id"], row["version"], row["content_hash"], row["findings"]
