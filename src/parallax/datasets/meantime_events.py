"""MEANTIME (Minard et al. 2016), English: Wikinews articles on four topics (Airbus, Apple, GM,
stock markets, 30 articles each) with their event mentions and cross-document event coreference.

Unlike an ECB+ topic (one narrow event told by many documents), a MEANTIME topic holds many
events over years, few of them told by two articles: the test of a story comparison that must
not join two events because they share a word.

A data folder is the corpus's ``intra_cross-doc_annotation/`` folder: ``corpus_<name>/*.xml``
(CAT XML: ``<token t_id sentence number>`` elements, then markables anchored to token ids, then
relations). Topics are numbered 1, 2, … in the order of their folder names (``corpus_airbus`` is
1). Event mentions are the ``EVENT_MENTION`` markables; an ``EVENT`` markable without anchors is
the event a ``REFERS_TO`` relation points its mentions to, and its ``instance_id`` (shared by the
articles that report the event) is the mentions' chain. An event with no ``instance_id`` was
annotated in its article only: its mentions get the article-local chain ``LOCAL_<m_id>_<doc>``,
and a mention in no relation is its own chain (``Singleton_<m_id>_<doc>``), as the ECB+ reader
does with its intra-document chains.

The title (sentence 0), the date line (1) and the first four sentences of the body (2-5) are
fully annotated; later sentences only for mentions of events given an instance (most events
two articles share are told again there). The ``validated`` sentences (those scored, as ECB+'s
validated sentences) are the fully annotated ones and every later sentence holding a mention.

The documents are :class:`~parallax.datasets.ecbplus.EcbDocument` values (subtopic
``meantime``, name the Wikinews ``doc_id``), so the ECB+ scoring reads them unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from parallax.datasets.ecbplus import EcbDocument, EventMention, read_tokens

__all__ = ["ANNOTATED_SENTENCES", "read_document", "read_topics", "topic_folders"]

ANNOTATED_SENTENCES = frozenset(range(6))  # title, date line, first four body sentences
SUBTOPIC = "meantime"


def read_document(path: Path, topic: int) -> EcbDocument:
    """Read one MEANTIME article with its event mentions and validated sentences."""
    root = etree.parse(str(path)).getroot()
    name = str(root.get("doc_id") or path.stem)
    tokens = read_tokens(root)
    sentence_of = {token.t_id: token.sentence for token in tokens}
    anchored: dict[str, tuple[int, ...]] = {}
    events: dict[str, str] = {}  # EVENT m_id → chain
    markables = root.find("Markables")
    for node in markables if markables is not None else ():
        m_id = node.get("m_id")
        if m_id is None:
            continue
        if node.tag == "EVENT_MENTION":
            anchors = tuple(int(a.get("t_id", "0")) for a in node.iter("token_anchor"))
            if anchors:
                anchored[m_id] = anchors
        elif node.tag == "EVENT":
            events[m_id] = str(node.get("instance_id") or f"LOCAL_{m_id}_{name}")
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        target = relation.find("target")
        target_id = target.get("m_id") if target is not None else None
        if relation.tag != "REFERS_TO" or target_id not in events:
            continue
        for source in relation.iter("source"):
            chains.setdefault(str(source.get("m_id")), events[str(target_id)])
    mentions = []
    for m_id, anchors in anchored.items():
        sentence = sentence_of[anchors[0]]
        chain = chains.get(m_id, f"Singleton_{m_id}_{name}")
        mentions.append(EventMention(name, m_id, anchors, sentence, chain, "EVENT_MENTION"))
    mentions.sort(key=lambda m: m.t_ids)
    return EcbDocument(
        name=name,
        topic=topic,
        subtopic=SUBTOPIC,
        tokens=tokens,
        validated=frozenset(n for n in sentence_of.values() if n in ANNOTATED_SENTENCES)
        | {m.sentence for m in mentions},
        mentions=tuple(mentions),
        url=root.get("url"),
    )


def topic_folders(folder: Path) -> dict[int, Path]:
    """The topics under ``folder`` (``corpus_*`` folders), numbered from 1 in name order."""
    found = sorted(p for p in folder.iterdir() if p.is_dir() and p.name.startswith("corpus_"))
    return {number: path for number, path in enumerate(found, start=1)}


def read_topics(folder: Path, topics: Iterable[int] | None = None) -> dict[int, list[EcbDocument]]:
    """Read the articles of ``topics`` (every topic present by default), topic → articles.

    Args:
        folder: MEANTIME's ``intra_cross-doc_annotation`` folder (``corpus_<name>/*.xml``).
        topics: Topic numbers (see :func:`topic_folders`); one absent raises ``ValueError``.
    """
    present = topic_folders(folder)
    chosen = sorted(present) if topics is None else list(topics)
    missing = sorted(set(chosen) - set(present))
    if missing:
        raise ValueError(f"topics not under {folder}: {missing}")
    return {
        topic: [read_document(path, topic) for path in sorted(present[topic].glob("*.xml"))]
        for topic in chosen
    }
