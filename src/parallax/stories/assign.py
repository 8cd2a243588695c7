"""Assign articles to stories one at a time, in publication order, without refitting anything.

For each article: learn its terms' document frequencies, build its TF-IDF and entity vectors
(and an embedding when an embedder is set), look up candidate stories in an inverted index over
the top terms and entities of stories active within ``window_days``, score every candidate on
each signal, and join the best one if its score reaches ``threshold``, else open a new story.
If the article also reaches the threshold with other candidates and their story-to-story score
reaches ``merge_threshold``, those stories merge into the oldest of them.

The work per article is bounded by the settings (terms looked up, postings per term, candidates
scored), not by the size of the corpus; stories that fall out of the time window leave the index
and shrink to what :meth:`StoryIndex.stories` reports.

Example:
    >>> index = StoryIndex()
    >>> assignment = index.assign(item)
    >>> print("\\n".join(assignment.lines()))
"""

from __future__ import annotations

import heapq
import logging
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parallax import model
from parallax.embeddings import ArticleEmbedding, Embedder, story_embed_text
from parallax.stories.features import (
    StoryInput,
    TermStats,
    Vector,
    article_terms,
    dot,
    headline,
    norm,
    top_terms,
)
from parallax.stories.languages import LanguageStories, article_match, embed_texts, story_match
from parallax.stories.score import combine, time_factor
from parallax.stories.settings import StorySettings
from parallax.stories.state import (
    ENTITY_KEY,
    CandidateIndex,
    Story,
    gap_days,
    story_id,
    window_gap,
)
from parallax.stories.types import GROUPER, Assignment, Candidate

logger = logging.getLogger(__name__)

SNAPSHOT_VERSION = 1


class StoryIndex:
    """Stories built incrementally from a stream of articles.

    Args:
        settings: Thresholds and weights; the defaults when not given.
        embedder: An optional sentence embedder (see :mod:`parallax.embeddings`); without
            one, grouping uses TF-IDF, entities and time.
    """

    def __init__(
        self, settings: StorySettings | None = None, *, embedder: Embedder | None = None
    ) -> None:
        self.settings = settings or StorySettings()
        self.embedder = embedder
        self.languages = LanguageStories.for_embedder(embedder)  # None: not language-aware
        self.terms = TermStats(prior_documents=self.settings.idf_prior_documents)
        self.entity_stats = TermStats(prior_documents=self.settings.idf_prior_documents)
        self.index = CandidateIndex(self.settings.max_postings)
        self._stories: dict[str, Story] = {}  # live stories (not merged away), by id
        self._order: dict[str, int] = {}  # story id -> creation order
        self._aliases: dict[str, str] = {}  # merged-away story id -> the story it went into
        self._articles: dict[str, str] = {}  # article id -> story id at assignment time
        self._expiry: list[tuple[int, int, str]] = []  # (last day ordinal, seq, story id)
        self._clock: date | None = None  # latest publication date seen
        self._seq = 0

    # --- the public surface --------------------------------------------------------------
    def assign(
        self, item: StoryInput, *, embedding: NDArray[np.float32] | None = None
    ) -> Assignment:
        """Assign one article to a story and return the decision with its explanation.

        Args:
            item: The article.
            embedding: Its unit embedding, when the caller computed it in a batch; computed here
                when an embedder is set and none is given.
        """
        known = self._articles.get(item.article_id)
        if known is not None:
            return Assignment(
                item.article_id, self.resolve(known), False, (), (), self.settings.threshold
            )
        if embedding is None and self.embedder is not None:
            embedding = embed_texts(self.embedder, [self.embed_text(item)], [item])[0]
        return self._assign(item, embedding)

    def assign_all(
        self,
        items: Iterable[StoryInput],
        *,
        known: Mapping[str, ArticleEmbedding] | None = None,
    ) -> list[Assignment]:
        """Assign articles in the order given, embedding them in batches when an embedder is set.

        Args:
            items: The articles.
            known: Embeddings computed ahead (by the run workers), by article id: one is used
                when it is this index's embedder's vector of the very text it would embed;
                every other article is embedded here. The assignments are the same either way.
        """
        items = list(items)
        batch = max(1, self.settings.embed_batch)
        assignments: list[Assignment] = []
        for start in range(0, len(items), batch):
            chunk = items[start : start + batch]
            vectors: list[NDArray[np.float32] | None] = [None] * len(chunk)
            if self.embedder is not None:
                vectors = self._embed_chunk(self.embedder, chunk, known or {})
            assignments += [
                self.assign(item, embedding=vector)
                for item, vector in zip(chunk, vectors, strict=True)
            ]
        return assignments

    def _embed_chunk(
        self, embedder: Embedder, chunk: list[StoryInput], known: Mapping[str, ArticleEmbedding]
    ) -> list[NDArray[np.float32] | None]:
        """Return each article's embedding: the one computed ahead if it fits, else embedded."""
        texts = [self.embed_text(item) for item in chunk]
        vectors: list[NDArray[np.float32] | None] = []
        for item, text in zip(chunk, texts, strict=True):
            ahead = known.get(item.article_id)
            vectors.append(ahead.vector if ahead and ahead.matches(embedder, text) else None)
        missing = [i for i, vector in enumerate(vectors) if vector is None]
        if missing:
            embedded = embed_texts(
                embedder, [texts[i] for i in missing], [chunk[i] for i in missing]
            )
            for i, vector in zip(missing, embedded, strict=True):
                vectors[i] = vector
        return vectors

    def stories(self) -> list[model.Story]:
        """Return every story, in the order they were opened."""
        stories = sorted(self._stories.values(), key=lambda story: story.seq)
        return [story.state(key_entities=self.settings.key_entities) for story in stories]

    def stories_holding(self, ids: Iterable[str]) -> list[model.Story]:
        """Return the stories that hold these story ids now (followed through merges), each
        once, in the order they were opened."""
        found = {self._stories[held] for held in map(self.resolve, ids) if held in self._stories}
        return [
            story.state(key_entities=self.settings.key_entities)
            for story in sorted(found, key=lambda story: story.seq)
        ]

    def key_terms(self, story: str, count: int = 10) -> tuple[str, ...]:
        """Return the ``count`` heaviest terms of a story (followed through merges)."""
        return self._stories[self.resolve(story)].key_terms(count)

    def story_of(self, article_id: str) -> str | None:
        """Return the id of the story holding an article now (None if it was never assigned)."""
        found = self._articles.get(article_id)
        return None if found is None else self.resolve(found)

    def resolve(self, story: str) -> str:
        """Follow merges from a story id to the id of the story that holds it now."""
        path = []
        while story in self._aliases:
            path.append(story)
            story = self._aliases[story]
        for old in path:  # path compression: later look-ups take one step
            self._aliases[old] = story
        return story

    def embed_text(self, item: StoryInput) -> str:
        """Return the text given to the embedder: the headline, then the start of the body."""
        return story_embed_text(item.title, item.text, self.settings.embed_chars)

    # --- one article ---------------------------------------------------------------------
    def _assign(self, item: StoryInput, embedding: NDArray[np.float32] | None) -> Assignment:
        settings = self.settings
        counts = article_terms(item, title_weight=settings.title_weight)
        self.terms.observe(counts)
        vector = self.terms.weigh(counts)
        entities = sorted(item.entities)
        self.entity_stats.observe(entities)
        entity_vector = self.entity_stats.weigh(dict.fromkeys(entities, 1))
        self._advance(item.published)

        keys = {term: vector[term] for term in top_terms(vector, settings.query_terms)}
        keys.update({ENTITY_KEY + name: weight for name, weight in entity_vector.items()})
        found = self.index.lookup(keys, limit=settings.max_candidates, order=self._order)
        if self.languages is not None:  # stories in other languages share no words with it
            found += self.languages.candidates(embedding, self._stories, found, settings)
        short = len(counts) < settings.short_terms
        candidates = []
        for sid in found:
            story = self._stories[sid]
            gap = gap_days(story.first, story.last, item.published)
            if gap is not None and gap > settings.window_days:
                continue
            candidates.append(
                self._score(story, vector, entity_vector, embedding, gap, short=short)
            )
        candidates.sort(key=lambda c: (-c.score, self._order[c.story_id]))

        threshold = settings.short_threshold if short else settings.threshold
        opened = not candidates or candidates[0].score < threshold
        story = self._open(item.article_id) if opened else self._stories[candidates[0].story_id]
        story.short_only = story.short_only and short
        self._add(story, item, vector, entity_vector, embedding)
        merged: list[str] = []
        if not opened:
            others = [c.story_id for c in candidates[1:] if c.score >= threshold]
            limit = settings.short_merge_threshold if short else settings.merge_threshold
            story, merged = self._merge_converging(story, others, limit)
        self._articles[item.article_id] = story.id
        return Assignment(
            article_id=item.article_id,
            story_id=story.id,
            opened=opened,
            merged=tuple(merged),
            candidates=tuple(candidates[: settings.explain_top]),
            threshold=threshold,
            grouper=GROUPER,
        )

    def _score(
        self,
        story: Story,
        vector: Vector,
        entity_vector: Vector,
        embedding: NDArray[np.float32] | None,
        gap: int | None,
        *,
        short: bool,
    ) -> Candidate:
        text = story.text_similarity(vector)
        entities = story.entity_similarity(entity_vector)
        embedded, across = article_match(self.embedder, embedding, story)
        time = self._time_factor(gap)
        combined = self._combine(text, entities, embedded, short=short)
        # sharing no language, words say nothing: the calibrated embedding is the whole score
        score = (embedded if across and embedded is not None else combined) * time
        shared = sorted(
            (t for t in vector if t in story.centroid),
            key=lambda t: (-vector[t] * story.centroid[t], t),
        )
        shared_entities = sorted(
            (name for name in entity_vector if name in story.entity_counts),
            key=lambda name: (-story.entity_counts[name], name),
        )
        return Candidate(
            story_id=story.id,
            score=round(score, 6),
            text=round(text, 6),
            entities=None if entities is None else round(entities, 6),
            embedding=None if embedded is None else round(embedded, 6),
            time=round(time, 6),
            gap_days=gap,
            shared_terms=tuple(shared[:5]),
            shared_entities=tuple(shared_entities[:5]),
        )

    def _combine(
        self, text: float, entities: float | None, embedding: float | None, *, short: bool
    ) -> float:
        return combine(self.settings, text, entities, embedding, short=short)

    def _time_factor(self, gap: int | None) -> float:
        return time_factor(self.settings, gap)

    def _open(self, article_id: str) -> Story:
        sid = story_id(article_id)
        while sid in self._order:  # only if two articles ids hash alike in 64 bits
            sid = story_id(sid)
        story = Story(sid, self._seq)
        self._seq += 1
        self._stories[sid] = story
        self._order[sid] = story.seq
        return story

    def _add(
        self,
        story: Story,
        item: StoryInput,
        vector: Vector,
        entity_vector: Vector,
        embedding: NDArray[np.float32] | None,
    ) -> None:
        settings = self.settings
        story.add_centroid(vector, limit=settings.centroid_terms)
        story.add_entities(entity_vector, item.entities)
        story.add_embedding(embedding)
        story.add_dates(item.published, item.published)
        if item.outlet:
            story.outlets[item.outlet] = None
        story.article_ids.append(item.article_id)
        story.offer_title(headline(item), vector, size=settings.title_pool)
        self._refresh(story)

    def _refresh(self, story: Story) -> None:
        if self.languages is not None:
            self.languages.note(story)
        self.index.post(story, story.index_keys(terms=self.settings.story_terms))
        if story.last is not None:
            heapq.heappush(self._expiry, (story.last.toordinal(), story.seq, story.id))

    # --- merging -------------------------------------------------------------------------
    def _merge_converging(
        self, story: Story, others: list[str], limit: float
    ) -> tuple[Story, list[str]]:
        """Merge into one every story in ``others`` that now reads as the same story."""
        merged: list[str] = []
        for other_id in others:
            other = self._stories.get(other_id)
            if other is None or other is story:
                continue
            if self._story_score(story, other) < limit:
                continue
            keep, gone = (story, other) if story.seq < other.seq else (other, story)
            self._fold(keep, gone)
            merged.append(gone.id)
            story = keep
        return story, merged

    def _story_score(self, a: Story, b: Story) -> float:
        """Score two stories as one: with the short weights only if both hold only short articles.

        Not the weights of the article that matched both: on FNC-1 a few near-empty bodies
        (headline weights) chained unrelated full-text stories together.
        """
        text = dot(a.centroid, b.centroid) / (a.centroid_norm * b.centroid_norm or 1.0)
        entities = None
        if a.entities and b.entities:
            entities = dot(a.entities, b.entities) / (norm(a.entities) * norm(b.entities))
        embedded, across = story_match(self.embedder, a, b)
        if not across or embedded is None:
            embedded = self._combine(text, entities, embedded, short=a.short_only and b.short_only)
        return embedded * self._time_factor(window_gap(a, b))

    def _fold(self, keep: Story, gone: Story) -> None:
        settings = self.settings
        self.index.remove(gone)
        keep.add_centroid(gone.centroid, limit=settings.centroid_terms)
        keep.add_entities(gone.entities, gone.entity_counts.elements())
        keep.add_embedding(gone.embedding)
        keep.add_dates(gone.first, gone.last)
        keep.short_only = keep.short_only and gone.short_only
        keep.outlets.update(gone.outlets)
        keep.article_ids.extend(gone.article_ids)
        for entry in gone.pool:
            keep.offer_title(entry[0], entry[1], size=settings.title_pool)
        del self._stories[gone.id]
        self._aliases[gone.id] = keep.id
        self._refresh(keep)
        logger.debug("merged story %s into %s", gone.id, keep.id)

    # --- the time window -----------------------------------------------------------------
    def _advance(self, published: date | None) -> None:
        """Move the clock to ``published`` and retire stories that fell out of the window."""
        if published is None or (self._clock is not None and published <= self._clock):
            return
        self._clock = published
        horizon = published.toordinal() - self.settings.window_days
        while self._expiry and self._expiry[0][0] < horizon:
            _, _, sid = heapq.heappop(self._expiry)
            story = self._stories.get(sid)
            if story is None or not story.active or story.last is None:
                continue
            if story.last.toordinal() >= horizon:  # a stale entry: the story moved on since
                continue
            self.index.remove(story)
            story.freeze(terms=self.settings.story_terms)

    # --- persistence ---------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Return the whole state as JSON-ready data; :meth:`from_snapshot` restores it."""
        return {
            "version": SNAPSHOT_VERSION,
            "grouper": GROUPER,
            "embedder": None if self.embedder is None else self.embedder.name,
            "documents": self.terms.documents,
            "frequencies": self.terms.frequencies,
            "entity_documents": self.entity_stats.documents,
            "entity_frequencies": self.entity_stats.frequencies,
            "stories": [
                story.to_dict() for story in sorted(self._stories.values(), key=lambda s: s.seq)
            ],
            "order": self._order,
            "aliases": self._aliases,
            "articles": self._articles,
            "expiry": [list(entry) for entry in self._expiry],
            "clock": self._clock.isoformat() if self._clock else None,
            "seq": self._seq,
            "index": self.index.to_dict(),
        }

    @classmethod
    def from_snapshot(
        cls,
        data: Mapping[str, Any],
        settings: StorySettings | None = None,
        *,
        embedder: Embedder | None = None,
    ) -> StoryIndex:
        """Rebuild an index from :meth:`snapshot`'s output, to go on assigning where it stopped.

        Raises:
            ValueError: the snapshot has another version, or was built with another embedder.
        """
        if data.get("version") != SNAPSHOT_VERSION:
            raise ValueError(
                f"story snapshot version {data.get('version')!r} is not {SNAPSHOT_VERSION}"
            )
        name = None if embedder is None else embedder.name
        if data.get("embedder") != name:
            raise ValueError(
                f"story snapshot was built with embedder {data.get('embedder')!r}, not {name!r}"
            )
        index = cls(settings, embedder=embedder)
        prior = index.settings.idf_prior_documents
        index.terms = TermStats(int(data["documents"]), data["frequencies"], prior_documents=prior)
        index.entity_stats = TermStats(
            int(data["entity_documents"]), data["entity_frequencies"], prior_documents=prior
        )
        index._stories = {entry["id"]: Story.from_dict(entry) for entry in data["stories"]}
        index.languages = LanguageStories.for_embedder(embedder, index._stories.values())
        index._order = {str(k): int(v) for k, v in data["order"].items()}
        index._aliases = dict(data["aliases"])
        index._articles = dict(data["articles"])
        index._expiry = [(int(a), int(b), str(c)) for a, b, c in data["expiry"]]
        heapq.heapify(index._expiry)
        index._clock = date.fromisoformat(data["clock"]) if data["clock"] else None
        index._seq = int(data["seq"])
        index.index = CandidateIndex.from_dict(
            data["index"], max_postings=index.settings.max_postings
        )
        return index
