"""MRPC (Microsoft Research Paraphrase Corpus): news sentence pairs labelled paraphrase or not.

Each ``msr_paraphrase_*.txt`` file is a tab-separated table (UTF-8, often with a byte-order mark)
with the header ``Quality  #1 ID  #2 ID  #1 String  #2 String``; ``Quality`` is 1 when the two
sentences are semantically equivalent. Sentences carry ids, and one sentence can occur in
several pairs. Quotes are literal characters (the file is not CSV-quoted).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, InputError

PATTERN = "msr_paraphrase_*.txt"
HEADER = ("Quality", "#1 ID", "#2 ID", "#1 String", "#2 String")


@dataclass(frozen=True, slots=True)
class ParaphrasePair:
    """One labelled sentence pair of MRPC."""

    first_id: str
    second_id: str
    first: str
    second: str
    paraphrase: bool


def read_mrpc(folder: Path) -> list[ParaphrasePair]:
    """Return the pairs of every ``msr_paraphrase_*.txt`` file in ``folder``, file by file.

    Raises:
        InputError: the folder holds no such file (P114) or a row is malformed (P115).
    """
    files = sorted(folder.glob(PATTERN)) if folder.is_dir() else []
    if not files:
        raise InputError(Code.NOT_FOUND, f"no {PATTERN} file", path=str(folder))
    pairs: list[ParaphrasePair] = []
    for path in files:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        if not lines or tuple(lines[0].split("\t")) != HEADER:
            raise InputError(Code.BAD_RECORD, "not an MRPC header", path=str(path))
        for number, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            fields = line.split("\t")
            if len(fields) != len(HEADER) or fields[0] not in ("0", "1"):
                raise InputError(
                    Code.BAD_RECORD, "malformed row", path=str(path), record=str(number)
                )
            quality, first_id, second_id, first, second = fields
            pairs.append(ParaphrasePair(first_id, second_id, first, second, quality == "1"))
    return pairs
