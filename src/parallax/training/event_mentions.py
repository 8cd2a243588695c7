"""ECB+ topics read as event mentions for the event-pair model: sides, embeddings and pairs.

Shared by training (:mod:`parallax.training.event_pairs`) and scoring
(:mod:`parallax.eval.event_coref`), so that a mention is read the same way in both. Mentions are
either the gold ones (``ACTION_*``/``NEG_*`` markables of the validated sentences) or the ones
:func:`parallax.nlp.events.event_triggers` finds in the validated sentences.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from parallax.datasets.ecbplus import EcbDocument
from parallax.models.event_pairs import EventSide, event_side, pair_features
from parallax.models.text import Vector, content_terms, learn_idf, tfidf

WINDOW = 5  # words either side of a trigger in its context embedding
MentionKey = tuple[str, str]  # (document, mention id)


@dataclass(slots=True)
class TopicMentions:
    """One topic's event mentions, ready for pair features."""

    topic: int
    keys: list[MentionKey] = field(default_factory=list)
    sides: list[EventSide] = field(default_factory=list)
    tokens: list[frozenset[int]] = field(default_factory=list)  # the mention's token ids
    chains: list[str] = field(default_factory=list)  # gold chain ("" for a predicted mention)
    triggers: list[str] = field(default_factory=list)  # text embedded as the trigger
    windows: list[str] = field(default_factory=list)  # text embedded as the context
    sentences: list[tuple[str, ...]] = field(default_factory=list)  # the mention's sentence
    indexes: list[tuple[int, ...]] = field(default_factory=list)  # its trigger words in it
    documents: list[str] = field(default_factory=list)  # the topic's documents, in order
    document_vectors: list[Vector] = field(default_factory=list)
    document_of: list[int] = field(default_factory=list)  # each mention's document index


def read_topic_mentions(
    topic: int,
    documents: Sequence[EcbDocument],
    *,
    predicted: bool = False,
    lexicon: Collection[str] = (),
    nouns: Callable[[Collection[str]], Collection[str]] | None = None,
) -> TopicMentions:
    """Read one topic's gold (or predicted) event mentions in the validated sentences.

    ``nouns`` (predicted mentions): given the topic's common-noun lemmas, returns those that
    name events (:meth:`parallax.models.event_pairs.EventPairModel.eventive_nouns`).
    """
    from parallax.nlp.events import (
        candidate_nouns,
        event_arguments,
        event_triggers,
        mention_head,
        parse_sentences,
    )

    out = TopicMentions(topic)
    texts = [" ".join(t.text for s in doc.sentences() for t in s) for doc in documents]
    idf, default = learn_idf(content_terms(text) for text in texts)
    out.documents = [doc.name for doc in documents]
    out.document_vectors = [tfidf(content_terms(text), idf, default) for text in texts]
    chosen = [
        (d, sentence)
        for d, doc in enumerate(documents)
        for sentence in doc.sentences()
        if sentence[0].sentence in doc.validated
    ]
    parsed = parse_sentences([t.text for t in sentence] for _, sentence in chosen)
    eventive: Collection[str] = ()
    if predicted and nouns is not None:
        eventive = nouns(set().union(*map(candidate_nouns, parsed)))
    for (d, sentence), parse in zip(chosen, parsed, strict=True):
        doc = documents[d]
        number = sentence[0].sentence
        position = {token.t_id: i for i, token in enumerate(sentence)}
        if predicted:
            found = [
                (f"p{number}_{indexes[0]}", tuple(sorted(indexes)), "")
                for indexes in event_triggers(parse, lexicon, eventive)
            ]
        else:
            found = [
                (m.m_id, tuple(position[t] for t in m.t_ids if t in position), m.chain)
                for m in doc.mentions
                if m.sentence == number
            ]
        text = " ".join(parse.words)
        for m_id, indexes, chain in found:
            if not indexes:
                continue
            head = mention_head(parse, indexes)
            arguments = event_arguments(parse, head)
            out.keys.append((doc.name, m_id))
            out.tokens.append(frozenset(sentence[i].t_id for i in indexes))
            out.chains.append(chain)
            out.document_of.append(d)
            out.triggers.append(" ".join(parse.words[i] for i in indexes))
            low, high = max(0, indexes[0] - WINDOW), indexes[-1] + WINDOW + 1
            out.windows.append(" ".join(parse.words[low:high]))
            out.sentences.append(tuple(parse.words))
            out.indexes.append(tuple(indexes))
            out.sides.append(
                event_side(
                    doc.name,
                    number,
                    (parse.lemmas[i] for i in indexes),
                    parse.lemmas[head],
                    parse.pos[head],
                    text,
                    agents=arguments.agents,
                    patients=arguments.patients,
                    places=arguments.places,
                    times=arguments.times,
                    names=arguments.names,
                )
            )
    return out


class EmbeddingCache:
    """MiniLM vectors by text, optionally kept in a ``.npz`` file between runs."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.vectors: dict[str, NDArray[np.float32]] = {}
        if path is not None and path.exists():
            with np.load(path, allow_pickle=False) as saved:
                self.vectors = {key: saved[key] for key in saved.files}

    def embed(self, texts: Sequence[str]) -> NDArray[np.float64]:
        """Return one unit vector per text (rows), computing only the texts not seen before."""
        from parallax.embeddings import shared_embedder

        keys = [hashlib.sha1(text.encode("utf-8")).hexdigest() for text in texts]
        todo = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in self.vectors}.items()
        )
        if todo:
            found = shared_embedder("minilm").embed([text for _, text in todo])
            self.vectors.update({key: found[i] for i, (key, _) in enumerate(todo)})
        if not keys:
            return np.zeros((0, 384), dtype=np.float64)
        return np.stack([self.vectors[key] for key in keys]).astype(np.float64)

    def save(self) -> None:
        """Write the vectors to the cache file (when there is one)."""
        if self.path is not None:
            np.savez(self.path, **self.vectors)  # type: ignore[arg-type]


def in_context_vectors(
    sentences: Sequence[tuple[str, ...]], indexes: Sequence[tuple[int, ...]]
) -> NDArray[np.float64]:
    """Return one unit vector per trigger: the mean of MiniLM's token vectors over the trigger's
    words, the whole sentence run through the model (each sentence once).

    Raises:
        RuntimeError: the ONNX MiniLM (the base install's embedder) is not available.
    """
    from parallax.embeddings import OnnxMiniLM, shared_embedder

    embedder = shared_embedder("minilm")
    if not isinstance(embedder, OnnxMiniLM):
        raise RuntimeError("token vectors need the ONNX MiniLM embedder")
    tokenizer = embedder.tokenizer
    hidden_of: dict[tuple[str, ...], tuple[NDArray[np.float32], list[int | None]]] = {}
    found = np.zeros((len(sentences), embedder.dimension), dtype=np.float64)
    for row, (words, chosen) in enumerate(zip(sentences, indexes, strict=True)):
        if words not in hidden_of:
            # Word by word, so that each word piece knows the word it came from; padding is
            # the batch setting of the shared tokenizer, and one text has none to pad.
            encoding = tokenizer.encode(list(words), is_pretokenized=True)
            ids = np.array([encoding.ids], dtype=np.int64)
            ids = ids[:, np.asarray(encoding.attention_mask, dtype=bool)]
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            if "token_type_ids" in embedder.inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = np.asarray(embedder.session.run(None, feed)[0], dtype=np.float32)[0]
            hidden_of[words] = (hidden, list(encoding.word_ids)[: len(hidden)])
        hidden, word_ids = hidden_of[words]
        pieces = [k for k, word in enumerate(word_ids) if word is not None and word in chosen]
        vector = hidden[pieces].mean(axis=0) if pieces else hidden.mean(axis=0)
        found[row] = vector / (np.linalg.norm(vector) + 1e-12)
    return found


def topic_pairs(
    mentions: TopicMentions, cache: EmbeddingCache
) -> tuple[list[tuple[int, int]], NDArray[np.float64]]:
    """Return every mention pair ``(i, j)``, ``i < j``, of a topic and its feature rows."""
    from parallax.compare.event_clusters import document_similarities

    triggers = cache.embed(mentions.triggers)
    windows = cache.embed(mentions.windows)
    trigger_cos = triggers @ triggers.T
    window_cos = windows @ windows.T
    in_context = in_context_vectors(mentions.sentences, mentions.indexes)
    in_context_cos = in_context @ in_context.T
    n_docs = len(mentions.documents)
    doc_cos = np.ones((n_docs, n_docs))
    for (a, b), value in document_similarities(mentions.document_vectors).items():
        doc_cos[a, b] = doc_cos[b, a] = value
    pairs: list[tuple[int, int]] = []
    rows: list[list[float]] = []
    sides, doc_of = mentions.sides, mentions.document_of
    for i in range(len(sides)):
        for j in range(i + 1, len(sides)):
            pairs.append((i, j))
            rows.append(
                pair_features(
                    sides[i],
                    sides[j],
                    trigger_cosine=float(trigger_cos[i, j]),
                    context_cosine=float(window_cos[i, j]),
                    document_cosine=float(doc_cos[doc_of[i], doc_of[j]]),
                    in_context_cosine=float(in_context_cos[i, j]),
                )
            )
    return pairs, np.asarray(rows, dtype=np.float64).reshape(len(rows), -1)
