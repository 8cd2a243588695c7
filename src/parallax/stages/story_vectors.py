"""Story embeddings computed by the analyze stage, on its workers, for the story stage to read.

Grouping embeds each new article with MiniLM (its headline and lead) before it assigns it, in
the one process that keeps the grouper's state: that was most of the story stage's time. The
analyze workers have the article at hand and run on every core, so they embed it there, and the
store keeps the vector in the table ``parallax load`` fills with the ones the run workers
computed (``parallax.store.embeddings``). The grouper uses a stored vector only when it is its
own embedder's vector of the very text it would embed (:class:`ArticleEmbedding`), which
``OnnxMiniLM`` computes to the same bits in any batch: the stories are the same either way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from parallax.config import Settings
from parallax.embeddings import embed_articles, resolve_embedder, shared_embedder
from parallax.store.sqlite import SQLiteStore

logger = logging.getLogger(__name__)

#: An article's story embedding as the store keeps it: ``(embedder's versioned name,
#: text_sha256, little-endian float32 bytes)``.
StoryVector = tuple[str, str, bytes]


@dataclass(frozen=True, slots=True)
class StoryEmbedding:
    """The embedder the grouper will run over the store's next articles, and how much of an
    article it reads."""

    name: str
    embed_chars: int


CROSS_LANGUAGE_SHARE = 0.05
"""Share of a corpus in a language other than English that Parallax analyses (Russian,
Ukrainian) from which ``story_embedder = "auto"`` groups it across languages. The multilingual
embedder runs e5 over every article, English ones too: on the 300-article benchmark corpus,
whose one Russian web page among 288 English articles made it "mixed", grouping took 52 s
instead of 14 (quiet machine). Below the share, such articles are grouped by MiniLM; set
``story_embedder = "multilingual"`` to group any corpus across languages."""


def cross_language_corpus(store: SQLiteStore) -> bool:
    """Return whether at least :data:`CROSS_LANGUAGE_SHARE` of the stored articles are in a
    language other than English that this installation analyses: only such a corpus is grouped
    across languages under ``story_embedder = "auto"``. Other languages (a German page among
    English ones) are grouped by MiniLM like English."""
    from parallax.nlp.languages import DEFAULT_LANGUAGE, analysed_languages

    languages = analysed_languages() - {DEFAULT_LANGUAGE}
    return store.share_in_languages(languages) >= CROSS_LANGUAGE_SHARE


def story_embedding(store: SQLiteStore, settings: Settings) -> StoryEmbedding | None:
    """Return the embedder grouping will use for the store's new articles when it is MiniLM
    (as :func:`parallax.stories.configure.open_index` resolves it), else None: nothing is
    embedded ahead for another one (the multilingual embedder picks a model per language)."""
    from parallax.stories.configure import story_settings

    snapshot = store.story_snapshot()
    built_with = snapshot.get("embedder") if snapshot else None
    try:
        name = resolve_embedder(
            settings.story_embedder,
            restored=bool(snapshot),
            built_with=built_with,
            languages=cross_language_corpus(store),
        )
    except Exception:  # grouping reports a bad setting; embedding ahead is only a saving
        return None
    if name != "minilm":
        return None
    return StoryEmbedding(name, story_settings(settings, name).embed_chars)


def embed_for_stories(
    store: SQLiteStore, article_ids: list[str], how: StoryEmbedding
) -> list[StoryVector | None]:
    """Return each article's story embedding (None for an article not found); every one None
    if embedding fails, since grouping then embeds the articles itself."""
    articles = [store.article(article_id) for article_id in article_ids]
    pairs = [(article.title, article.text) for article in articles if article is not None]
    try:
        found = iter(embed_articles(shared_embedder(how.name), pairs, embed_chars=how.embed_chars))
    except Exception:
        logger.exception("story embedding failed; grouping will embed these articles")
        return [None] * len(article_ids)
    vectors: list[StoryVector | None] = []
    for article in articles:
        if article is None:
            vectors.append(None)
            continue
        embedding = next(found)
        vectors.append((embedding.embedder, embedding.text_sha256, embedding.to_bytes()))
    return vectors
