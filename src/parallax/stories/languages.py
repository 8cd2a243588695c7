"""What the story grouper does differently with an embedder that knows languages.

Such an embedder (``story_embedder = "multilingual"``, :mod:`parallax.crosslingual`) is given
each article's language with its text, compares an article with a story itself (MiniLM for
English against English, calibrated e5 otherwise), and says when the two share no language:
then TF-IDF and entity names, being words of different languages, say nothing, and the
calibrated embedding is the whole score. Such a story is also never found by the inverted
index of words, so :class:`LanguageStories` keeps the active stories by language and offers an
article the best stories that hold none of its language. With any other embedder, or none,
nothing here changes what the grouper does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parallax.embeddings import Embedder
from parallax.stories.features import StoryInput
from parallax.stories.settings import StorySettings
from parallax.stories.state import Story


def language_aware(embedder: Embedder | None) -> bool:
    """Return whether the embedder takes languages and compares vectors itself."""
    return bool(getattr(embedder, "language_aware", False))


def embed_texts(
    embedder: Embedder, texts: Sequence[str], items: Sequence[StoryInput]
) -> NDArray[np.float32]:
    """Embed the texts of articles, giving a language-aware embedder each one's language."""
    if language_aware(embedder):
        languages = [item.language for item in items]
        vectors: NDArray[np.float32] = getattr(embedder, "embed")(texts, languages)  # noqa: B009
        return vectors
    return embedder.embed(texts)


def article_match(
    embedder: Embedder | None, embedding: NDArray[np.float32] | None, story: Story
) -> tuple[float | None, bool]:
    """Return an article's embedding similarity to a story and whether they share no language."""
    if not language_aware(embedder) or embedding is None or story.embedding is None:
        return story.embedding_similarity(embedding), False
    match = getattr(embedder, "compare")(embedding, story.embedding)  # noqa: B009
    return float(match.value), bool(match.across)


def story_match(embedder: Embedder | None, a: Story, b: Story) -> tuple[float | None, bool]:
    """Return two stories' embedding similarity and whether they share no language."""
    if a.embedding is None or b.embedding is None:
        return None, False
    if language_aware(embedder):
        match = getattr(embedder, "compare_stories")(a.embedding, b.embedding)  # noqa: B009
        return float(match.value), bool(match.across)
    lengths = float(np.linalg.norm(a.embedding) * np.linalg.norm(b.embedding))
    return (float(a.embedding @ b.embedding) / lengths if lengths else 0.0), False


class LanguageStories:
    """The stories by the languages of their articles, to find stories in other languages."""

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder
        self.by_language: dict[str, set[str]] = {}

    @classmethod
    def for_embedder(
        cls, embedder: Embedder | None, stories: Iterable[Story] = ()
    ) -> LanguageStories | None:
        """Return a tracker of ``stories`` for a language-aware embedder, else None."""
        if not language_aware(embedder):
            return None
        tracker = cls(embedder)
        for story in stories:
            tracker.note(story)
        return tracker

    def note(self, story: Story) -> None:
        """Record the languages of a story's articles (after an article joined or a merge)."""
        if story.embedding is not None:
            for language in self.embedder.languages(story.embedding):
                self.by_language.setdefault(language, set()).add(story.id)

    def candidates(
        self,
        embedding: NDArray[np.float32] | None,
        stories: Mapping[str, Story],
        found: Sequence[str],
        settings: StorySettings,
    ) -> list[str]:
        """Return the ids of the ``max_candidates`` active stories, not ``found`` already, in
        none of the article's languages that its embedding matches best (none for an English
        article while every story is English)."""
        if embedding is None:
            return []
        own = self.embedder.languages(embedding)
        ids: set[str] = set()
        for language, held in self.by_language.items():
            if language not in own:
                ids |= held
        for language in own:
            ids -= self.by_language.get(language, set())
        scored = []
        for sid in sorted(ids - set(found)):
            story = stories.get(sid)
            if story is None or not story.active or story.embedding is None:
                continue
            scored.append((-self.embedder.compare(embedding, story.embedding).value, sid))
        return [sid for _, sid in sorted(scored)[: settings.max_candidates]]
