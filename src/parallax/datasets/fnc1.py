"""FNC-1 (Fake News Challenge stage 1): its bodies and its labelled (headline, body) pairs.

``*_bodies.csv`` maps a ``Body ID`` to an ``articleBody``; ``*_stances.csv`` labels each
``Headline`` against a ``Body ID`` as agree, disagree, discuss or unrelated.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, InputError

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")


@dataclass(frozen=True, slots=True)
class StancePair:
    """One labelled (headline, body) pair of FNC-1."""

    headline: str
    body_id: int
    stance: str


def read_bodies(path: Path) -> dict[int, str]:
    """Return FNC-1 bodies by id from a ``*_bodies.csv`` file.

    Raises:
        InputError: the file is missing (P114) or lacks a column (P113).
    """
    rows = _read_csv(path, ("Body ID", "articleBody"))
    return {int(row["Body ID"]): row["articleBody"] for row in rows}


def read_stances(path: Path) -> list[StancePair]:
    """Return FNC-1 labelled pairs from a ``*_stances.csv`` file.

    Raises:
        InputError: the file is missing (P114), lacks a column (P113) or has an unknown label
            (P115).
    """
    pairs = []
    for number, row in enumerate(_read_csv(path, ("Headline", "Body ID", "Stance")), start=2):
        if row["Stance"] not in LABELS:
            raise InputError(
                Code.BAD_RECORD,
                f"unknown stance {row['Stance']!r}",
                path=str(path),
                record=str(number),
            )
        pairs.append(StancePair(row["Headline"], int(row["Body ID"]), row["Stance"]))
    return pairs


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise InputError(Code.NOT_FOUND, "file is missing", path=str(path))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise InputError(Code.MISSING_FIELD, f"no column {missing[0]!r}", path=str(path))
        return list(reader)
