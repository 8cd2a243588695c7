"""One story's running state (centroids, counts, dates), and the candidate index over stories.

Both are internal to :class:`parallax.stories.assign.StoryIndex`; what leaves it is a
:class:`parallax.model.Story`. Each can be written to and read back from plain
JSON-ready dicts, so the lead's store can persist an index between runs.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parallax import model
from parallax.stories.features import Vector, dot, norm, top_terms, truncate
from parallax.stories.types import GROUPER

ENTITY_KEY = "@"  # index keys of entities start with it; terms are letters and digits only


def story_id(first_article_id: str) -> str:
    """Return the stable id of a story opened by ``first_article_id``."""
    return "s" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:16]


def gap_days(first: date | None, last: date | None, published: date | None) -> int | None:
    """Return how many days ``published`` lies outside ``[first, last]``; None when undated."""
    if published is None or first is None or last is None:
        return None
    if published < first:
        return (first - published).days
    if published > last:
        return (published - last).days
    return 0


def window_gap(a: Story, b: Story) -> int | None:
    """Return the days between two stories' activity windows (0 when they overlap)."""
    if a.first is None or a.last is None or b.first is None or b.last is None:
        return None
    return max(0, (b.first - a.last).days, (a.first - b.last).days)


class Story:
    """The mutable state of one story while the index holds it."""

    __slots__ = (
        "active",
        "article_ids",
        "centroid",
        "centroid_norm",
        "embedding",
        "entities",
        "entity_counts",
        "first",
        "id",
        "keys",
        "last",
        "outlets",
        "pool",
        "seq",
        "short_only",
        "title",
    )

    def __init__(self, id: str, seq: int) -> None:
        self.id = id
        self.seq = seq
        self.active = True
        self.centroid: Vector = {}  # sum of the members' unit TF-IDF vectors, heaviest terms
        self.centroid_norm = 0.0
        self.entities: Vector = {}  # sum of the members' unit entity vectors
        self.entity_counts: Counter[str] = Counter()
        self.embedding: NDArray[np.float32] | None = None  # sum of unit embeddings
        self.first: date | None = None
        self.last: date | None = None
        self.outlets: dict[str, None] = {}
        self.article_ids: list[str] = []
        self.pool: list[tuple[str, Vector]] = []  # (headline, truncated vector) of central members
        self.keys: set[str] = set()
        self.title = ""
        self.short_only = True  # every article so far was short (a headline alone)

    def add_dates(self, first: date | None, last: date | None) -> None:
        """Widen the activity window to cover ``[first, last]``."""
        if first is not None:
            self.first = first if self.first is None else min(self.first, first)
        if last is not None:
            self.last = last if self.last is None else max(self.last, last)

    def add_centroid(self, vector: Mapping[str, float], *, limit: int) -> None:
        """Add a vector to the text centroid, keeping at most ``limit`` terms (amortised)."""
        centroid = self.centroid
        for term, weight in vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight
        if len(centroid) > 2 * limit:
            self.centroid = truncate(centroid, limit)
        self.centroid_norm = norm(self.centroid)

    def add_entities(self, vector: Mapping[str, float], names: Iterable[str]) -> None:
        """Add an article's (or a story's) entity vector and counts."""
        for name, weight in vector.items():
            self.entities[name] = self.entities.get(name, 0.0) + weight
        self.entity_counts.update(names)

    def add_embedding(self, vector: NDArray[np.float32] | None) -> None:
        """Add a unit embedding (or a story's sum of them)."""
        if vector is None:
            return
        self.embedding = vector.copy() if self.embedding is None else self.embedding + vector

    def text_similarity(self, vector: Mapping[str, float]) -> float:
        """Return the cosine between a unit vector and the text centroid."""
        if not self.centroid_norm:
            return 0.0
        return dot(vector, self.centroid) / self.centroid_norm

    def entity_similarity(self, vector: Mapping[str, float]) -> float | None:
        """Return the cosine of a unit entity vector and this story's (None if either is empty)."""
        if not vector or not self.entities:
            return None
        return dot(vector, self.entities) / norm(self.entities)

    def embedding_similarity(self, vector: NDArray[np.float32] | None) -> float | None:
        """Return the cosine of a unit embedding and this story's mean (None if one is missing)."""
        if vector is None or self.embedding is None:
            return None
        length = float(np.linalg.norm(self.embedding))
        return float(vector @ self.embedding) / length if length else 0.0

    def offer_title(self, headline: str, vector: Vector, *, size: int) -> None:
        """Keep an article's headline if it is among the ``size`` most central so far."""
        self.pool.append((headline, truncate(vector, 40)))
        if len(self.pool) > size:
            self.pool.remove(min(self.pool, key=lambda entry: self.text_similarity(entry[1])))

    def best_title(self) -> str:
        """Return the headline of the most central article in the pool (the first on ties)."""
        if not self.pool:
            return self.title
        best = max(self.pool, key=lambda entry: self.text_similarity(entry[1]))
        return best[0]

    def index_keys(self, *, terms: int) -> set[str]:
        """Return the keys this story is posted under: its top terms and most frequent entities."""
        keys = set(top_terms(self.centroid, terms))
        entities = sorted(self.entity_counts.items(), key=lambda item: (-item[1], item[0]))
        keys.update(ENTITY_KEY + name for name, _ in entities[:terms])
        return keys

    def freeze(self, *, terms: int) -> None:
        """Drop what only matching needs, once the story can no longer be a candidate."""
        self.title = self.best_title()
        self.pool = []
        self.centroid = truncate(self.centroid, terms)
        self.centroid_norm = norm(self.centroid)
        self.embedding = None
        self.active = False

    def state(self, *, key_entities: int) -> model.Story:
        """Return the public, frozen view of this story, as the store keeps it."""
        entities = sorted(self.entity_counts.items(), key=lambda item: (-item[1], item[0]))
        return model.Story(
            id=self.id,
            title=self.best_title(),
            article_ids=tuple(self.article_ids),
            entities=tuple(name for name, _ in entities[:key_entities]),
            outlets=tuple(sorted(self.outlets)),
            first_seen=self.first,
            last_seen=self.last,
            grouper=GROUPER,
        )

    def key_terms(self, count: int) -> tuple[str, ...]:
        """Return the story's ``count`` heaviest terms."""
        return tuple(top_terms(self.centroid, count))

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready snapshot of this story."""
        return {
            "id": self.id,
            "seq": self.seq,
            "active": self.active,
            "centroid": self.centroid,
            "entities": self.entities,
            "entity_counts": dict(self.entity_counts),
            "embedding": None if self.embedding is None else self.embedding.tolist(),
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "outlets": list(self.outlets),
            "article_ids": self.article_ids,
            "pool": [[headline, vector] for headline, vector in self.pool],
            "keys": sorted(self.keys),
            "title": self.title,
            "short_only": self.short_only,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Story:
        """Rebuild a story from :meth:`to_dict`'s output."""
        story = cls(data["id"], int(data["seq"]))
        story.active = bool(data["active"])
        story.centroid = {str(k): float(v) for k, v in data["centroid"].items()}
        story.centroid_norm = norm(story.centroid)
        story.entities = {str(k): float(v) for k, v in data["entities"].items()}
        story.entity_counts = Counter({str(k): int(v) for k, v in data["entity_counts"].items()})
        if data["embedding"] is not None:
            story.embedding = np.asarray(data["embedding"], dtype=np.float32)
        story.first = date.fromisoformat(data["first"]) if data["first"] else None
        story.last = date.fromisoformat(data["last"]) if data["last"] else None
        story.outlets = dict.fromkeys(data["outlets"])
        story.article_ids = list(data["article_ids"])
        story.pool = [
            (str(h), {str(k): float(v) for k, v in vec.items()}) for h, vec in data["pool"]
        ]
        story.keys = set(data["keys"])
        story.title = str(data["title"])
        story.short_only = bool(data.get("short_only", False))
        return story


class CandidateIndex:
    """An inverted index from terms and entities to the stories recently active under them.

    Each key keeps at most ``max_postings`` stories, the most recently updated last, so the work
    of one lookup is bounded whatever the size of the corpus.
    """

    def __init__(self, max_postings: int) -> None:
        self.max_postings = max_postings
        self.postings: dict[str, dict[str, None]] = {}

    def post(self, story: Story, keys: set[str]) -> None:
        """Post ``story`` under ``keys`` (refreshing its recency) and drop it from its old keys."""
        for key in story.keys - keys:
            self._drop(key, story.id)
        for key in sorted(keys):
            posting = self.postings.setdefault(key, {})
            posting.pop(story.id, None)
            posting[story.id] = None
            if len(posting) > self.max_postings:
                del posting[next(iter(posting))]
        story.keys = keys

    def remove(self, story: Story) -> None:
        """Take ``story`` out of the index."""
        for key in story.keys:
            self._drop(key, story.id)
        story.keys = set()

    def _drop(self, key: str, story_id: str) -> None:
        posting = self.postings.get(key)
        if posting is not None:
            posting.pop(story_id, None)
            if not posting:
                del self.postings[key]

    def lookup(
        self, keys: Mapping[str, float], *, limit: int, order: Mapping[str, int]
    ) -> list[str]:
        """Return up to ``limit`` story ids, those sharing the most weight of ``keys`` first.

        ``order`` maps story ids to their creation order, which breaks ties.
        """
        scores: dict[str, float] = {}
        for key, weight in keys.items():
            for found in self.postings.get(key, ()):
                scores[found] = scores.get(found, 0.0) + weight
        ranked = sorted(scores.items(), key=lambda item: (-item[1], order.get(item[0], 0)))
        return [found for found, _ in ranked[:limit]]

    def to_dict(self) -> dict[str, list[str]]:
        """Return a JSON-ready snapshot (posting order is recency and is kept)."""
        return {key: list(posting) for key, posting in self.postings.items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, list[str]], *, max_postings: int) -> CandidateIndex:
        """Rebuild the index from :meth:`to_dict`'s output."""
        index = cls(max_postings)
        index.postings = {key: dict.fromkeys(ids) for key, ids in data.items()}
        return index
