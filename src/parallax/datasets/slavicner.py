"""SlavicNER (Piskorski et al., LREC-COLING 2024): news in six Slavic languages, by topic, with
named entities, their base forms and cross-lingual entity ids.

The folder given holds ``raw/<topic>/<language>/<doc>.txt`` (the plain text, the title on the
first line) and, beside it, ``ner/<topic>/<language>/<doc>.tsv`` with one mention a line::

    start <TAB> end (exclusive) <TAB> surface <TAB> lemma <TAB> type <TAB> cross-lingual id

Types are PER, LOC, ORG, EVT and PRO. Every document under the folder is read, so a split is
chosen by pointing at a folder that holds only it (a folder of links to some topics' or some
languages' folders works: the fixed depth is walked through links). Research use only: the data
is read from the path given, never shipped.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, InputError
from parallax.stories.features import StoryInput

__all__ = ["GoldMention", "SlavicDocument", "read_slavicner", "read_slavicner_stream"]


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A gold mention: offsets into the document's text, its base form, type and entity id."""

    start: int
    end: int
    text: str
    lemma: str
    type: str  # PER, LOC, ORG, EVT or PRO
    entity: str  # the cross-lingual id ("PER-Pavlo-Klimkin")


@dataclass(frozen=True, slots=True)
class SlavicDocument:
    """One document: ``topic/language/name``, its text and its gold mentions."""

    topic: str
    language: str
    name: str
    text: str
    mentions: tuple[GoldMention, ...]

    @property
    def id(self) -> str:
        """The document's path below ``raw/`` without the suffix: unique in the data set."""
        return f"{self.topic}/{self.language}/{self.name}"

    @property
    def title(self) -> str:
        """The first line of the text."""
        return self.text.split("\n", 1)[0].strip()


def _mentions(path: Path) -> tuple[GoldMention, ...]:
    if not path.exists():
        return ()
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 6:
            start, end, text, lemma, kind, entity = fields[:6]
            found.append(GoldMention(int(start), int(end), text, lemma, kind, entity))
    return tuple(found)


def read_slavicner(data: Path, *, languages: frozenset[str] | None = None) -> list[SlavicDocument]:
    """Read every document under ``data`` (in path order), or only those in ``languages``.

    Raises:
        InputError: ``data`` has no ``raw/`` folder of documents (P114).
    """
    raw = data / "raw"
    files = sorted(raw.glob("*/*/*.txt"))
    if not files:
        raise InputError(Code.NOT_FOUND, "no SlavicNER documents (raw/*/*/*.txt)", path=str(data))
    documents = []
    for path in files:
        topic, language = path.parent.parent.name, path.parent.name
        if languages is not None and language not in languages:
            continue
        gold = data / "ner" / topic / language / f"{path.stem}.tsv"
        text = path.read_text(encoding="utf-8")
        documents.append(SlavicDocument(topic, language, path.stem, text, _mentions(gold)))
    return documents


def read_slavicner_stream(data: Path, *, seed: int = 13) -> list[tuple[StoryInput, str]]:
    """Read the documents as a news stream labelled by topic, in a seeded random order (they
    have no dates): ``(article, topic)`` pairs, each article with its title and language."""
    rows = [
        (
            StoryInput(
                article_id=document.id,
                published=None,
                title=document.title,
                text=document.text.split("\n", 1)[1].strip() if "\n" in document.text else "",
                outlet=None,
                entities=frozenset(),
                language=document.language,
            ),
            document.topic,
        )
        for document in read_slavicner(data)
    ]
    random.Random(seed).shuffle(rows)
    return rows
