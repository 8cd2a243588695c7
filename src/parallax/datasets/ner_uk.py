"""Ukrainian named entities: NER-UK 2.0 and the Ukrainian documents of SlavicNER.

NER-UK 2.0 (lang-uk, CC BY-NC-SA 4.0) holds ``<id>.txt`` (tokenised text: spaces around
punctuation, one sentence a line) with ``<id>.ann`` beside it, one entity a line,
tab-separated and not quite brat: ``T1<TAB>ORG<TAB>0<TAB>17<TAB>ПАТ «Укртрансгаз»`` (start
and end are character offsets into the .txt). Thirteen types; the three that name things are
kept (``PERS``, ``LOC``, ``ORG``). A handful of lines whose offsets do not reproduce their text
are dropped (a space at either end of the span is trimmed), as are lines that are not entities.

SlavicNER (research use) holds ``raw/<topic>/uk/<doc>.txt`` with
``ner/<topic>/uk/<doc>.tsv``: ``start<TAB>end<TAB>surface<TAB>lemma<TAB>type<TAB>id``; its
``PER``, ``LOC`` and ``ORG`` map to NER-UK's names (``EVT`` and ``PRO`` are dropped).

With ``other=True`` both readers keep the names that are none of the three as one fourth type,
:data:`OTHER` (NER-UK's ``ART``, ``DOC`` and ``MISC``; SlavicNER's ``EVT`` and ``PRO``), where
it overlaps no person, place or organisation: the models learn from it that a name ("Brexit",
"Північний потік-2") can be none of the three, and their output drops it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["OTHER", "TYPES", "NerDocument", "named_entities", "read_ner_uk", "read_slavicner_uk"]

#: The entity types kept, as NER-UK names them.
TYPES = ("PERS", "LOC", "ORG")
#: The fourth type of ``other=True``: a name that is none of the three, trained on, never output
#: (:data:`parallax.nlp.ner_spacy.OTHER`, which the models drop).
OTHER = "OTHER"
_SLAVICNER_TYPES = {"PER": "PERS", "LOC": "LOC", "ORG": "ORG"}
_NER_UK_OTHER = frozenset({"ART", "DOC", "MISC"})
_SLAVICNER_OTHER = frozenset({"EVT", "PRO"})
_ANN = re.compile(r"T\d+\t([A-Z]+)\t(\d+)\t(\d+)\t(.*)")

#: One gold entity: start, end (character offsets) and type (PERS, LOC or ORG).
Entity = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class NerDocument:
    """One annotated document: a name unique in its corpus, a group for cross-validation
    (NER-UK's subcorpus, SlavicNER's topic), the text and its entities in order."""

    name: str
    group: str
    text: str
    entities: tuple[Entity, ...]


def named_entities(document: NerDocument) -> tuple[Entity, ...]:
    """The entities of ``document`` of :data:`TYPES` (less :data:`OTHER`): what is scored."""
    return tuple(e for e in document.entities if e[2] in TYPES)


def _without_overlaps(entities: set[Entity]) -> tuple[Entity, ...]:
    """``entities`` in order, less each :data:`OTHER` one that overlaps one of :data:`TYPES`."""
    named = [e for e in entities if e[2] != OTHER]
    return tuple(
        sorted(
            e
            for e in entities
            if e[2] != OTHER or not any(s < e[1] and e[0] < t for s, t, _ in named)
        )
    )


def _ner_uk_document(txt: Path, root: Path, other: bool) -> NerDocument:
    text = txt.read_text(encoding="utf-8")
    entities: set[Entity] = set()
    for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
        match = _ANN.fullmatch(line.rstrip("\r"))
        if match is None:
            continue
        kind = match.group(1)
        if other and kind in _NER_UK_OTHER:
            kind = OTHER
        elif kind not in TYPES:
            continue
        start, end = int(match.group(2)), int(match.group(3))
        span = text[start:end]
        if span.strip() and span.strip() == match.group(4).strip():
            # a space caught at either end is not part of the name
            start, end = (
                start + len(span) - len(span.lstrip()),
                end - len(span) + len(span.rstrip()),
            )
            entities.add((start, end, kind))
    relative = txt.relative_to(root)
    group = relative.parts[0] if len(relative.parts) > 1 else root.name
    return NerDocument(str(relative.with_suffix("")), group, text, _without_overlaps(entities))


def read_ner_uk(folder: Path, *, other: bool = False) -> list[NerDocument]:
    """Read every NER-UK document (``*.txt`` with its ``.ann``) under ``folder``, at any depth,
    in path order; a document's group is its first folder under ``folder`` (``bruk``, ``ng``).
    ``other``: keep ``ART``, ``DOC`` and ``MISC`` as :data:`OTHER`.

    Raises:
        FileNotFoundError: when there is no such document under ``folder``.
    """
    root = Path(folder)
    documents = [
        _ner_uk_document(txt, root, other)
        for txt in sorted(root.rglob("*.txt"))
        if txt.with_suffix(".ann").is_file()
    ]
    if not documents:
        raise FileNotFoundError(f"no NER-UK documents (*.txt with *.ann) under {folder}")
    return documents


def read_slavicner_uk(
    folder: Path, *, exclude_topics: Iterable[str] = ("us_election_2020",), other: bool = False
) -> list[NerDocument]:
    """Read SlavicNER's Ukrainian documents (``raw/<topic>/uk/*.txt`` with
    ``ner/<topic>/uk/*.tsv``), leaving out ``exclude_topics`` (by default the single-topic-out
    test topic); a document's group is its topic. ``other``: keep ``EVT`` and ``PRO`` as
    :data:`OTHER`.

    Raises:
        FileNotFoundError: when there is no Ukrainian document under ``folder``.
    """
    root = Path(folder)
    excluded = frozenset(exclude_topics)
    documents: list[NerDocument] = []
    for txt in sorted(root.glob("raw/*/uk/*.txt")):
        topic = txt.parent.parent.name
        tsv = root / "ner" / topic / "uk" / f"{txt.stem}.tsv"
        if topic in excluded or not tsv.is_file():
            continue
        text = txt.read_text(encoding="utf-8")
        entities: set[Entity] = set()
        for line in tsv.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) < 5:
                continue
            kind = _SLAVICNER_TYPES.get(fields[4])
            if other and fields[4] in _SLAVICNER_OTHER:
                kind = OTHER
            start, end = int(fields[0]), int(fields[1])
            if kind is not None and text[start:end] == fields[2]:
                entities.add((start, end, kind))
        documents.append(
            NerDocument(f"{topic}/{txt.stem}", topic, text, _without_overlaps(entities))
        )
    if not documents:
        raise FileNotFoundError(f"no SlavicNER Ukrainian documents (raw/*/uk/*.txt) under {folder}")
    return documents
