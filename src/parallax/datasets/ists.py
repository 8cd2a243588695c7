"""SemEval-2016 Task 2 (interpretable STS): gold chunk alignments between two news headlines.

A ``*.wa`` file holds one ``<sentence id="…">`` block per headline pair: two ``// text`` lines,
the tokens of the first headline (``<source>``) and of the second (``<translation>``), one
``index word :`` line each, and ``<alignment>`` lines
``1 2 <==> 3 // TYPE // SCORE // chunk <==> chunk``, where ``0`` stands for "no counterpart"
(type ``NOALI``). Types are EQUI, SPE1, SPE2, SIMI, REL, OPPO, NOALI (and ALIC), optionally
with a ``_FACT`` or ``_POL`` suffix (factuality or polarity differ). The files are not XML
(``&`` and ``<`` occur unescaped): they are read line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, InputError

_SENTENCE = re.compile(r'<sentence id="([^"]*)"')
_TOKEN = re.compile(r"^(\d+) (.*?) ?:\s*$")  # one file writes "8 claims:"


@dataclass(frozen=True, slots=True)
class ChunkAlignment:
    """One gold alignment: token indexes (1-based; empty for "none") of each side, its type."""

    first: tuple[int, ...]
    second: tuple[int, ...]
    type: str  # as written, e.g. SPE1_FACT
    score: float | None  # 0–5; None where the file writes NIL

    @property
    def base_type(self) -> str:
        """Return the type without its modifier, SPE1/SPE2 as SPE: EQUI, SPE, SIMI, REL, …"""
        base = self.type.split("_")[0]
        return "SPE" if base.startswith("SPE") else base


@dataclass(frozen=True, slots=True)
class HeadlinePair:
    """Two headlines as tokens, with their gold chunk alignments."""

    id: str
    first: tuple[str, ...]
    second: tuple[str, ...]
    alignments: tuple[ChunkAlignment, ...]


def read_alignments(folder: Path) -> list[HeadlinePair]:
    """Return the headline pairs of every ``*.wa`` file in ``folder``, file by file.

    Raises:
        InputError: the folder holds no ``*.wa`` file (P114) or a line is malformed (P115).
    """
    files = sorted(folder.glob("*.wa")) if folder.is_dir() else []
    if not files:
        raise InputError(Code.NOT_FOUND, "no *.wa alignment file", path=str(folder))
    pairs: list[HeadlinePair] = []
    for path in files:
        pairs.extend(_read_file(path))
    return pairs


def _read_file(path: Path) -> list[HeadlinePair]:
    pairs: list[HeadlinePair] = []
    section = ""
    pair_id = ""
    tokens: dict[str, list[str]] = {"source": [], "translation": []}
    alignments: list[ChunkAlignment] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = raw.strip()
        if found := _SENTENCE.match(line):
            pair_id, section = found.group(1), ""
            tokens = {"source": [], "translation": []}
            alignments = []
        elif line in ("<source>", "<translation>", "<alignment>"):
            section = line[1:-1]
        elif line.startswith("</") and line != "</sentence>":
            section = ""
        elif line == "</sentence>":
            pairs.append(
                HeadlinePair(
                    pair_id,
                    tuple(tokens["source"]),
                    tuple(tokens["translation"]),
                    tuple(alignments),
                )
            )
        elif section in tokens and line:
            token = _TOKEN.match(raw.rstrip("\n"))
            if token is None or int(token.group(1)) != len(tokens[section]) + 1:
                raise InputError(
                    Code.BAD_RECORD, "malformed token line", path=str(path), record=str(number)
                )
            tokens[section].append(token.group(2))
        elif section == "alignment" and line:
            alignments.append(_alignment(line, path, number))
    return pairs


def _alignment(line: str, path: Path, number: int) -> ChunkAlignment:
    parts = [part.strip() for part in line.split("//")]
    sides = parts[0].split("<==>")
    if len(parts) < 3 or len(sides) != 2:
        raise InputError(
            Code.BAD_RECORD, "malformed alignment line", path=str(path), record=str(number)
        )
    try:
        first, second = (tuple(int(i) for i in side.split() if i != "0") for side in sides)
        score = None if parts[2] in ("NIL", "") else float(parts[2])
    except ValueError as error:
        raise InputError(
            Code.BAD_RECORD,
            f"malformed alignment line: {error}",
            path=str(path),
            record=str(number),
        ) from error
    return ChunkAlignment(first, second, parts[1], score)
