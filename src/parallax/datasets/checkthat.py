"""CLEF 2019 CheckThat! Task 1: debate and speech transcripts with check-worthy lines.

A data folder holds one TSV file per debate or speech, one sentence a line: line number,
speaker, sentence, label (1 when a fact-checker checked it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, InputError


@dataclass(frozen=True, slots=True)
class Debate:
    """One transcript: its lines' numbers, speakers, sentences and gold labels."""

    name: str
    numbers: tuple[int, ...]
    speakers: tuple[str, ...]
    sentences: tuple[str, ...]
    labels: tuple[int, ...]


def read_debates(data_dir: Path, *, names: Iterable[str] | None = None) -> list[Debate]:
    """Read every ``*.tsv`` debate in a folder (or only those named), sorted by name.

    Raises:
        InputError: the folder holds no debate, or a line is not four tab-separated fields.
    """
    wanted = set(names) if names is not None else None
    debates: list[Debate] = []
    for path in sorted(data_dir.glob("*.tsv")):
        if wanted is not None and path.stem not in wanted:
            continue
        rows: list[list[str]] = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != 4:
                raise InputError(
                    Code.BAD_RECORD,
                    "expected line number, speaker, sentence and label",
                    path=str(path),
                    record=str(number),
                )
            rows.append(fields)
        debates.append(
            Debate(
                name=path.stem,
                numbers=tuple(int(row[0]) for row in rows),
                speakers=tuple(row[1] for row in rows),
                sentences=tuple(row[2] for row in rows),
                labels=tuple(int(row[3]) for row in rows),
            )
        )
    if not debates:
        raise InputError(Code.NOT_FOUND, "no debate (*.tsv) in the data folder", path=str(data_dir))
    return debates
