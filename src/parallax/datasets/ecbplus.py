"""ECB+ (Cybulska & Vossen 2014): news documents per topic, with their event mentions and
cross-document event coreference.

A data folder holds ``ECB+/<topic>/<topic>_<n>ecb.xml`` and ``…ecbplus.xml`` (CAT/CROMER XML:
``<token t_id sentence number>`` elements, then markables anchored to token ids, then
``INTRA_DOC_COREF`` and ``CROSS_DOC_COREF`` relations) and ``ECBplus_coreference_sentences.csv``
(``Topic,File,Sentence Number``: the validated sentences, the only ones evaluated).

Event mentions are the ``ACTION_*`` and ``NEG_*`` markables with token anchors, kept when their
first token lies in a validated sentence (the "Cybulska setup" of Barhom et al. 2019; on the dev
topics this gives their 1,245 event mentions). A mention's chain is the ``instance_id`` of the
cross-document instance it points to; a mention in an intra-document chain only gets
``INTRA_<r_id>_<doc>``; any other mention is its own chain (``Singleton_<m_id>_<doc>``).

In ``…ecbplus.xml`` files sentence 0 is the URL the text was found at, not article text:
:attr:`EcbDocument.url` holds it and :meth:`EcbDocument.sentences` leaves it out.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

#: The ECB+ topics kept for development (Cybulska & Vossen's split): never trained on.
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
EVENT_TAGS = ("ACTION_", "NEG_")
SENTENCES_FILE = "ECBplus_coreference_sentences.csv"
_NAME = re.compile(r"(\d+)_(\d+)(ecb|ecbplus)\.xml")


@dataclass(frozen=True, slots=True)
class EcbToken:
    """One token: its id, sentence, position in the sentence and text."""

    t_id: int
    sentence: int
    number: int
    text: str


@dataclass(frozen=True, slots=True)
class EventMention:
    """One gold event mention: its document, tokens (ids, in order), sentence and chain."""

    doc: str
    m_id: str
    t_ids: tuple[int, ...]
    sentence: int
    chain: str
    tag: str


@dataclass(frozen=True, slots=True)
class EcbDocument:
    """One ECB+ document: name (``2_1ecb``), topic, subtopic (``ecb`` or ``ecbplus``), tokens,
    validated sentence numbers and the event mentions in them."""

    name: str
    topic: int
    subtopic: str
    tokens: tuple[EcbToken, ...]
    validated: frozenset[int]
    mentions: tuple[EventMention, ...]
    url: str | None = None

    def sentences(self) -> list[list[EcbToken]]:
        """The article's sentences in order, each a list of tokens (without the URL line)."""
        found: dict[int, list[EcbToken]] = {}
        for token in self.tokens:
            found.setdefault(token.sentence, []).append(token)
        skip = 0 if self.subtopic == "ecbplus" else None
        return [tokens for number, tokens in sorted(found.items()) if number != skip]


def read_validated(path: Path) -> dict[str, frozenset[int]]:
    """Read ``ECBplus_coreference_sentences.csv``: document name → validated sentence numbers."""
    found: dict[str, set[int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = f"{row['Topic'].strip()}_{row['File'].strip()}"
            found.setdefault(name, set()).add(int(row["Sentence Number"]))
    return {name: frozenset(numbers) for name, numbers in found.items()}


def read_tokens(root: etree._Element) -> tuple[EcbToken, ...]:
    """Return the tokens of a document in the CAT XML format (ECB+ and MEANTIME share it)."""
    return tuple(
        EcbToken(
            int(t.get("t_id", "0")),
            int(t.get("sentence", "0")),
            int(t.get("number", "0")),
            t.text or "",
        )
        for t in root.iter("token")
    )


def read_document(path: Path, validated: frozenset[int] = frozenset()) -> EcbDocument:
    """Read one ECB+ XML document with its event mentions in ``validated`` sentences."""
    match = _NAME.fullmatch(path.name)
    if match is None:
        raise ValueError(f"not an ECB+ document name: {path.name}")
    name = path.name.removesuffix(".xml")
    root = etree.parse(str(path)).getroot()
    tokens = read_tokens(root)
    sentence_of = {token.t_id: token.sentence for token in tokens}
    anchored: dict[str, tuple[str, tuple[int, ...]]] = {}
    instances: dict[str, str] = {}
    markables = root.find("Markables")
    for node in markables if markables is not None else ():
        m_id = node.get("m_id")
        anchors = tuple(int(a.get("t_id", "0")) for a in node.iter("token_anchor"))
        if m_id is None:
            continue
        if anchors:
            anchored[m_id] = (str(node.tag), anchors)
        elif node.get("instance_id"):
            instances[m_id] = str(node.get("instance_id"))
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        target = relation.find("target")
        target_id = target.get("m_id") if target is not None else None
        if relation.tag == "CROSS_DOC_COREF" and target_id in instances:
            chain = instances[str(target_id)]
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"INTRA_{relation.get('r_id')}_{name}"
        else:
            continue
        for source in relation.iter("source"):
            chains.setdefault(str(source.get("m_id")), chain)
    mentions = []
    for m_id, (tag, anchors) in anchored.items():
        sentence = sentence_of[anchors[0]]
        if not tag.startswith(EVENT_TAGS) or sentence not in validated:
            continue
        chain = chains.get(m_id, f"Singleton_{m_id}_{name}")
        mentions.append(EventMention(name, m_id, anchors, sentence, chain, tag))
    mentions.sort(key=lambda m: m.t_ids)
    url = None
    if match.group(3) == "ecbplus":
        url = "".join(token.text for token in tokens if token.sentence == 0) or None
    return EcbDocument(
        name=name,
        topic=int(match.group(1)),
        subtopic=match.group(3),
        tokens=tokens,
        validated=validated,
        mentions=tuple(mentions),
        url=url,
    )


def topics_present(folder: Path) -> list[int]:
    """The topic numbers under ``folder/ECB+/``, in order."""
    root = folder / "ECB+"
    return sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit())


def read_topics(folder: Path, topics: Iterable[int] | None = None) -> dict[int, list[EcbDocument]]:
    """Read the documents of ``topics`` (every topic present by default), topic → documents.

    Args:
        folder: A folder holding ``ECB+/<topic>/*.xml`` and ``ECBplus_coreference_sentences.csv``.
        topics: The topic numbers to read; a topic absent from the folder raises ``ValueError``.
    """
    validated = read_validated(folder / SENTENCES_FILE)
    present = topics_present(folder)
    chosen = present if topics is None else list(topics)
    missing = sorted(set(chosen) - set(present))
    if missing:
        raise ValueError(f"topics not under {folder / 'ECB+'}: {missing}")
    found: dict[int, list[EcbDocument]] = {}
    for topic in chosen:
        paths = sorted(
            (folder / "ECB+" / str(topic)).glob("*.xml"),
            key=lambda p: (not p.name.endswith("ecb.xml"), _number(p)),
        )
        found[topic] = [
            read_document(path, validated.get(path.name.removesuffix(".xml"), frozenset()))
            for path in paths
        ]
    return found


def _number(path: Path) -> int:
    match = _NAME.fullmatch(path.name)
    return int(match.group(2)) if match else 0
