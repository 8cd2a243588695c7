"""FNC-1 (Fake News Challenge stage 1): its bodies and its labelled (headline, body) pairs.

``*_bodies.csv`` maps a ``Body ID`` to an ``articleBody``; ``*_stances.csv`` labels each
``Headline`` against a ``Body ID`` as agree, disagree, discuss or unrelated.

A *topic* (:func:`topics`) is one claim's story: the bodies and headlines joined by related
pairs (agree, disagree or discuss). Unrelated pairs join a headline to a body of another topic
at random, so they join nothing. Holding out whole topics holds out a story's every headline and
body, as FNC-1's competition test did (its claims were new).
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


@dataclass(frozen=True, slots=True)
class Topics:
    """The topic of every body and headline (a topic is named by its smallest body id)."""

    of_body: dict[int, int]
    of_headline: dict[str, int]

    def of_pair(self, pair: StancePair) -> tuple[int, int]:
        """The topics of a pair's body and of its headline."""
        return self.of_body[pair.body_id], self.of_headline[pair.headline]


def topics(pairs: list[StancePair]) -> Topics:
    """Group bodies and headlines into topics: the parts that related pairs connect.

    A body or headline that is in no related pair is a topic of its own (a headline alone gets
    a negative id, counted down in the order the pairs name them).
    """
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(node: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pair in pairs:
        body, headline = root(("body", str(pair.body_id))), root(("headline", pair.headline))
        if pair.stance != "unrelated" and body != headline:
            parent[headline] = body
    names: dict[tuple[str, str], int] = {}
    for pair in pairs:
        top = root(("body", str(pair.body_id)))
        names[top] = min(names.get(top, pair.body_id), pair.body_id)
    lone = 0
    of_headline: dict[str, int] = {}
    for pair in pairs:
        top = root(("headline", pair.headline))
        if top not in names:
            lone -= 1
            names[top] = lone
        of_headline[pair.headline] = names[top]
    of_body = {pair.body_id: names[root(("body", str(pair.body_id)))] for pair in pairs}
    return Topics(of_body, of_headline)


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise InputError(Code.NOT_FOUND, "file is missing", path=str(path))
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise InputError(Code.MISSING_FIELD, f"no column {missing[0]!r}", path=str(path))
        return list(reader)
