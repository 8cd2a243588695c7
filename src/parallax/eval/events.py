"""Score the story comparison on ECB+: which events outlets share, and cross-document event
coreference (:mod:`parallax.datasets.ecbplus`), with the comparison's sentence-level claim
groups (``eval events --grouping claims``; the mention-level event clustering is scored by
:mod:`parallax.eval.event_coref`).

Each topic is one story. Its documents are written to a JSON Lines file, one record per
document, each under its own outlet (``ECB+ <document>``, URL ``https://<document>.ecbplus.example/``)
with the text exactly the document's tokens joined by spaces, one sentence a line (the URL line of
``…ecbplus.xml`` files left out), so every gold token has exact character offsets. A fresh
corpus in a temporary folder ingests and analyses it (``Corpus.ingest``, ``Corpus.analyze``);
then :func:`parallax.compare.story.compare_story` compares all the topic's documents at once
(grouping is skipped, so the score measures the comparison, not the story grouping).

(a) Shared / unique. A gold event (a cross-document chain, in validated sentences) is *shared*
when two or more documents mention it, *unique* when one does. A gold mention is *covered* by the
claim its tokens overlap most; Parallax calls an event shared when a claim covering one of its
mentions is in a claim group of two or more outlets, unique when it covers some mention and every
such claim is "only here", and nothing when no claim covers a mention (a miss for both classes).
``only_here_rate`` is the share of Parallax's claims in one-outlet groups (the figure the issue
measured on BASIL); ``gold_only_here_rate`` the share of gold event mentions whose event is unique.

(b) Coreference, scored with scorch's MUC, B³ and CEAF-e over all topics at once, singleton
clusters removed from key and response (``conll_f1`` is their mean; ``…_with_singletons`` keeps
them):

* ``gold`` mentions: each gold mention's sentence (its ECB+ sentence, as a span of the ingested
  text) is read as a claim (:func:`parallax.compare.align.claim_view`, with the article's
  entities and dates) and the sentences of a topic are grouped by
  :func:`parallax.compare.story.align_claims`, the very code the comparison groups claims with;
  a mention's cluster is its sentence's group (mentions in one sentence share a cluster).
* ``predicted`` mentions: Parallax's claims. A claim stands for the gold mentions it covers (they
  take its claim group as their cluster); a claim in a validated sentence that covers no gold
  mention is a spurious mention; gold mentions no claim covers are missing.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from parallax.datasets import meantime_events
from parallax.datasets.ecbplus import DEV_TOPICS, EcbDocument, read_topics
from parallax.eval.analysed import analysed_corpus
from parallax.training.event_sharing import shared_unique
from parallax.training.scores import conll_scores

if TYPE_CHECKING:
    from parallax.compare.story import StoryArticle
    from parallax.comparison import ClaimGroup

__all__ = [
    "DEV_TOPICS",
    "FORMATS",
    "TopicResult",
    "TopicStory",
    "conll_scores",
    "document_text",
    "evaluate_events",
    "read_events",
    "score_groups",
    "score_topics",
    "shared_unique",
    "topic_story",
]

MENTIONS = ("gold", "predicted")
FORMATS = ("ecbplus", "meantime")

Span = tuple[int, int]
MentionKey = tuple[str, str]  # (document, m_id)


def read_events(
    data: Path, topics: Sequence[int] | None = None, data_format: str = "ecbplus"
) -> dict[int, list[EcbDocument]]:
    """Read the topics of an event-coreference data set in one of :data:`FORMATS`: ``ecbplus``
    (:mod:`parallax.datasets.ecbplus`) or ``meantime`` (MEANTIME's cross-document annotation,
    :mod:`parallax.datasets.meantime_events`)."""
    if data_format == "ecbplus":
        return read_topics(data, topics)
    if data_format == "meantime":
        return meantime_events.read_topics(data, topics)
    raise ValueError(f"format must be one of {FORMATS}, not {data_format!r}")


@dataclass(frozen=True, slots=True)
class DocumentText:
    """The text ingested for one document: token and sentence spans into it."""

    text: str
    tokens: dict[int, Span]  # t_id → span
    sentences: dict[int, Span]  # sentence number → span


def document_text(document: EcbDocument) -> DocumentText:
    """Join a document's tokens by spaces, one sentence a line, keeping each token's span."""
    parts: list[str] = []
    tokens: dict[int, Span] = {}
    sentences: dict[int, Span] = {}
    cursor = 0
    for sentence in document.sentences():
        if parts:
            parts.append("\n")
            cursor += 1
        first = cursor
        for index, token in enumerate(sentence):
            if index:
                parts.append(" ")
                cursor += 1
            tokens[token.t_id] = (cursor, cursor + len(token.text))
            parts.append(token.text)
            cursor += len(token.text)
        sentences[sentence[0].sentence] = (first, cursor)
    return DocumentText("".join(parts), tokens, sentences)


@dataclass(slots=True)
class TopicResult:
    """One topic compared: every claim (document, span, group) and the gold mentions' fate."""

    claims: list[tuple[str, Span, int]] = field(default_factory=list)  # doc, span, group index
    group_outlets: list[int] = field(default_factory=list)  # outlets per group
    covering: dict[MentionKey, int] = field(default_factory=dict)  # mention → claim index
    sentence_group: dict[tuple[str, int], int] = field(default_factory=dict)  # gold setting
    spurious: list[int] = field(default_factory=list)  # claims in validated sentences, no mention
    # With event groups: the group of the event mention a gold mention's tokens overlap most.
    event_group: dict[MentionKey, int] = field(default_factory=dict)


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _to_clean(offset: int, segments: Sequence[tuple[int, int, int]], *, end: bool) -> int | None:
    """Map an offset of the ingested (raw) text into the cleaned text (None if removed)."""
    for start, raw_start, length in segments:
        if raw_start <= offset - end < raw_start + length:
            return start + offset - raw_start
    return None


@dataclass(slots=True)
class TopicStory:
    """One topic ingested and analysed: its articles as the comparison reads them."""

    items: list[StoryArticle]
    name_of: dict[str, str]  # article id → document name
    texts: dict[str, DocumentText]  # document name → the text ingested
    segments: dict[str, list[tuple[int, int, int]]]  # document name → cleaned-text segments

    def clean(self, name: str, span: Span) -> Span | None:
        """Map a span of the ingested text into the article's cleaned text (None if cut)."""
        start = _to_clean(span[0], self.segments[name], end=False)
        stop = _to_clean(span[1], self.segments[name], end=True)
        return None if start is None or stop is None else (start, stop)


def topic_story(topic: int, documents: Sequence[EcbDocument], workdir: Path) -> TopicStory:
    """Ingest and analyse one topic's documents, each under its own outlet (a corpus kept in
    ``workdir``: an analysed corpus already there is read, not analysed again)."""
    from parallax.compare.story import StoryArticle

    texts = {doc.name: document_text(doc) for doc in documents}
    kind = doc_format(documents)
    label = "Wikinews" if kind == "meantime" else "ECB+"
    records = (
        {
            "id": doc.name,
            "url": f"https://{doc.name}.{doc.subtopic}.example/",
            "outlet": f"{label} {doc.name}",
            "text": texts[doc.name].text,
        }
        for doc in documents
    )
    items: list[StoryArticle] = []
    name_of: dict[str, str] = {}
    with analysed_corpus(records, workdir, name=f"{kind}-topic-{topic}") as corpus:
        for article in corpus.articles.each():
            found = corpus.articles.analysis(article.id, events=True)
            items.append(
                StoryArticle(
                    article, found.mentions, found.quotes, found.dates, found.claims,
                    events=found.events,
                )
            )  # fmt: skip
            name_of[article.id] = str(article.external_id)
    segments = {
        name_of[item.article.id]: [(s.start, s.raw_start, s.length) for s in item.article.segments]
        for item in items
    }
    return TopicStory(items, name_of, texts, segments)


def score_groups(
    story: TopicStory, documents: Sequence[EcbDocument], groups: Sequence[ClaimGroup]
) -> TopicResult:
    """Map a topic's claim groups to its gold mentions: which claim (and event mention) covers
    each, and the claims of validated sentences that cover none."""
    result = TopicResult()
    name_of, texts = story.name_of, story.texts
    triggers: list[tuple[str, Span, int]] = []
    for number, group in enumerate(groups):
        result.group_outlets.append(len(group.outlets))
        for claim in group.claims:
            result.claims.append((name_of[claim.article_id], (claim.start, claim.end), number))
        for event in group.events:
            triggers.append((name_of[event.article_id], (event.start, event.end), number))
    for doc in documents:
        if doc.name not in story.segments:
            continue
        mine = [(i, span) for i, (name, span, _) in enumerate(result.claims) if name == doc.name]
        for mention in doc.mentions:
            spans = [story.clean(doc.name, texts[doc.name].tokens[t]) for t in mention.t_ids]
            best = max(
                ((sum(_overlap(s, span) for s in spans if s), i) for i, span in mine),
                default=(0, -1),
            )
            if best[0] > 0:
                result.covering[(doc.name, mention.m_id)] = best[1]
            hit = max(
                ((sum(_overlap(s, span) for s in spans if s), g)
                 for name, span, g in triggers if name == doc.name),
                default=(0, -1),
            )  # fmt: skip
            if hit[0] > 0:
                result.event_group[(doc.name, mention.m_id)] = hit[1]
        validated = [story.clean(doc.name, texts[doc.name].sentences[n]) for n in doc.validated]
        covered = set(result.covering[(doc.name, m.m_id)] for m in doc.mentions
                      if (doc.name, m.m_id) in result.covering)  # fmt: skip
        result.spurious += [
            i
            for i, span in mine
            if i not in covered and any(v and _overlap(v, span) for v in validated)
        ]
    return result


def _compare_topic(
    topic: int,
    documents: Sequence[EcbDocument],
    workdir: Path,
    *,
    embed: bool | None,
    events: bool = False,
) -> TopicResult:
    from parallax.compare.align import claim_view
    from parallax.compare.story import align_claims, compare_story
    from parallax.model import Claim

    story = topic_story(topic, documents, workdir)
    comparison = compare_story(f"ecbplus-{topic}", story.items, embed=embed, events=events)
    result = score_groups(story, documents, comparison.groups)
    # Gold mentions: each mention's sentence read as a claim, grouped as the comparison does.
    by_name = {story.name_of[item.article.id]: item for item in story.items}
    keys = sorted({(m.doc, m.sentence) for doc in documents for m in doc.mentions
                   if doc.name in by_name})  # fmt: skip
    views = []
    for name, sentence in keys:
        item = by_name[name]
        span = story.clean(name, story.texts[name].sentences[sentence])
        start, end = span if span else (0, 0)
        sentence_claim = Claim(
            item.article.id, start, end, item.article.text[start:end], 1.0, "ecbplus"
        )
        views.append(claim_view(item.article, sentence_claim, item.mentions, item.dates))
    if views:
        _sim, _groups, group_of = align_claims(
            views, [item.article.text for item in story.items], embed=embed
        )
        result.sentence_group = dict(zip(keys, group_of, strict=True))
    return result


def doc_format(documents: Sequence[EcbDocument]) -> str:
    """``meantime`` for MEANTIME articles, else ``ecbplus``."""
    return "meantime" if any(d.subtopic == "meantime" for d in documents) else "ecbplus"


def _clusters(assigned: dict[object, object]) -> list[set[object]]:
    found: dict[object, set[object]] = {}
    for mention, cluster in assigned.items():
        found.setdefault(cluster, set()).add(mention)
    return list(found.values())


def evaluate_events(
    data: Path,
    *,
    topics: Sequence[int] | None = None,
    mentions: str = "gold",
    embed: bool | None = None,
    events: bool = False,
    data_format: str = "ecbplus",
    workdir: Path | None = None,
) -> dict[str, float]:
    """Compare each ECB+ topic's documents as one story and score it (see the module doc).

    Args:
        data: A folder with ``ECB+/<topic>/*.xml`` and ``ECBplus_coreference_sentences.csv``
            (or MEANTIME's ``intra_cross-doc_annotation`` folder, ``data_format="meantime"``).
        topics: Topic numbers; by default every topic present under ``data``.
        mentions: ``gold`` (cluster the gold mentions) or ``predicted`` (Parallax's claims) for
            the coreference scores; the shared/unique scores always use the claims.
        embed: Use MiniLM embeddings in the alignment; by default when the extra is installed.
        events: Compare with event groups (``compare_story(events=True)``): a gold mention
            takes the group of the event mention its tokens overlap most, else its claim's.
        data_format: One of :data:`FORMATS`.
        workdir: A folder to keep each topic's analysed corpus in, so that a second run (event
            groups after claim groups) analyses nothing again; by default a temporary one.
    """
    if mentions not in MENTIONS:
        raise ValueError(f"mentions must be one of {MENTIONS}, not {mentions!r}")
    read = read_events(data, topics, data_format)
    results: dict[int, TopicResult] = {}
    with tempfile.TemporaryDirectory(prefix="parallax-events-") as folder:
        for topic, documents in read.items():
            results[topic] = _compare_topic(
                topic, documents, workdir or Path(folder), embed=embed, events=events
            )
    return score_topics(read, results, mentions)


def score_topics(
    read: dict[int, list[EcbDocument]], results: dict[int, TopicResult], mentions: str = "gold"
) -> dict[str, float]:
    """Score compared topics (``results``, by topic) against their gold events (``read``): the
    figures of :func:`evaluate_events`."""
    gold_mentions = [m for docs in read.values() for doc in docs for m in doc.mentions]
    predicted: dict[MentionKey, str | None] = {}
    response: dict[object, object] = {}
    claims = only_here = 0
    for topic, documents in read.items():
        result = results[topic]
        claims += len(result.claims)
        only_here += sum(1 for *_, g in result.claims if result.group_outlets[g] == 1)
        for key, index in result.covering.items():
            group = result.event_group.get(key, result.claims[index][2])
            predicted[key] = "shared" if result.group_outlets[group] > 1 else "unique"
            if mentions == "predicted":
                response[key] = (topic, group)
        if mentions == "predicted":
            for index in result.spurious:
                response[(f"topic {topic}", "claim", str(index))] = (
                    topic,
                    result.claims[index][2],
                )
        else:
            for doc in documents:
                for m in doc.mentions:
                    found = result.sentence_group.get((m.doc, m.sentence))
                    if found is not None:
                        response[(m.doc, m.m_id)] = (topic, found)
    gold = _clusters({(m.doc, m.m_id): m.chain for m in gold_mentions})
    clusters = _clusters(response)
    metrics: dict[str, float] = {
        "topics": float(len(read)),
        "documents": float(sum(len(docs) for docs in read.values())),
        "gold_mentions": float(len(gold_mentions)),
        "claims": float(claims),
        "mentions_covered": len(predicted) / len(gold_mentions) if gold_mentions else 0.0,
    }
    metrics |= shared_unique(gold_mentions, predicted)
    per_event = Counter(m.chain for m in gold_mentions)
    docs_of: dict[str, set[str]] = {}
    for m in gold_mentions:
        docs_of.setdefault(m.chain, set()).add(m.doc)
    unique_mentions = sum(n for chain, n in per_event.items() if len(docs_of[chain]) == 1)
    metrics["only_here_rate"] = only_here / claims if claims else 0.0
    metrics["gold_only_here_rate"] = unique_mentions / len(gold_mentions) if gold_mentions else 0.0
    metrics |= conll_scores(gold, clusters)
    with_singletons = conll_scores(gold, clusters, singletons=True)["conll_f1"]
    metrics["conll_f1_with_singletons"] = with_singletons
    return metrics
