"""SemEval-2015 Task 4 (TimeLine) gold timelines: dated events per target entity.

Each ``*.txt`` timeline lists, after a header line, ``order<TAB>date<TAB>doc-sent-word`` lines
(more mentions may follow in further fields); the documents are the Track A CAT files
(:func:`parallax.datasets.timeml.read_cat`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One event of a gold timeline: its document, sentence, word and ISO date."""

    doc_id: str
    sentence: int
    word: str
    value: str


def read_gold_timelines(folder: Path) -> list[GoldEvent]:
    """Read every ``*.txt`` gold timeline in a folder (``order<TAB>date<TAB>doc-sent-word``)."""
    events: list[GoldEvent] = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            fields = line.split("\t")
            if len(fields) < 3:
                continue
            for mention in fields[2:]:
                doc_id, sentence, word = mention.split("-", 2)
                events.append(GoldEvent(doc_id, int(sentence), word, fields[1]))
    return events
