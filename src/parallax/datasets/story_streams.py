"""News streams labelled by story: BASIL, the UCI News Aggregator slice, FNC-1's body groups.

Each reader takes a folder given as an argument and returns :class:`Labelled` articles:

* ``basil``: BASIL's ``articles/<year>/<uuid>.json``; the three articles (Fox, NYT, HuffPost)
  sharing a ``triplet-uuid`` are one story. In publication order (same-day ties in a seeded
  random order), with their dates, headlines and full text.
* ``uci``: the UCI News Aggregator slice (``*.csv``); rows sharing ``STORY`` are one story.
  Headlines only. Its rows come story by story, so they are shuffled with a fixed seed into a
  stream; the dates come from ``TIMESTAMP`` (all within three days).
* ``fnc``: FNC-1 training bodies (``train_bodies.csv``, ``train_stances.csv``). Bodies are
  linked through every related pair (agree, disagree, discuss) with a headline; a story is a
  connected component of that body–headline graph. Chaining two claims into one component is the
  risk; on the training set no labelled *unrelated* pair falls inside a component (0 of 13,427
  labelled pairs within components), so the components are kept as they are, and the check is
  logged each run. 191 groups of 1 to 50 bodies (1,683 bodies). Undated, so in a seeded random
  order, text only.
"""

from __future__ import annotations

import csv
import json
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from scipy.cluster.hierarchy import DisjointSet

from parallax.errors import Code, InputError
from parallax.stories.features import StoryInput

logger = logging.getLogger(__name__)


SEED = 13


@dataclass(frozen=True, slots=True)
class Labelled:
    """One article of an evaluation stream with its gold story."""

    item: StoryInput
    story: str


def _require(path: Path) -> Path:
    if not path.exists():
        raise InputError(Code.NOT_FOUND, "evaluation data is missing", path=str(path))
    return path


def read_basil(data: Path, *, seed: int = SEED) -> list[Labelled]:
    """Read BASIL's articles in publication order (ties in a seeded random order)."""
    files = sorted(_require(data / "articles").glob("*/*.json"))
    rows = []
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [
            " ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]
        ]
        item = StoryInput(
            article_id=path.stem,
            published=date.fromisoformat(record["date"]),
            title=record.get("title"),
            text="\n\n".join(paragraphs),
            outlet=record.get("source"),
            entities=frozenset(),
        )
        rows.append(Labelled(item, record["triplet-uuid"]))
    shuffled = _shuffled(rows, seed)
    return sorted(shuffled, key=lambda row: row.item.published or date.min)


def read_uci(data: Path, *, seed: int = SEED) -> list[Labelled]:
    """Read the UCI headline slice as a stream shuffled with ``seed`` (its rows come by story)."""
    files = sorted(_require(data).glob("*.csv"))
    if not files:
        raise InputError(Code.NOT_FOUND, "no CSV file in the UCI folder", path=str(data))
    rows = []
    with files[0].open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            stamp = datetime.fromtimestamp(int(record["TIMESTAMP"]) / 1000, tz=UTC)
            item = StoryInput(
                article_id=f"uci-{record['ID']}",
                published=stamp.date(),
                title=record["TITLE"],
                text="",
                outlet=record["PUBLISHER"] or None,
                entities=frozenset(),
            )
            rows.append(Labelled(item, record["STORY"]))
    return _shuffled(rows, seed)


def fnc_groups(data: Path) -> dict[str, str]:
    """Return ``{body id: group}``: connected components of the related body–headline pairs.

    A group is named after its smallest body id. Logs how many labelled *unrelated* pairs fall
    inside one group (a sign of two claims chained together; 0 on the training set).
    """
    with _require(data / "train_stances.csv").open(encoding="utf-8", newline="") as handle:
        pairs = [(row["Headline"], row["Body ID"], row["Stance"]) for row in csv.DictReader(handle)]
    linked: DisjointSet[str] = DisjointSet()
    for headline, body, stance in pairs:
        if stance != "unrelated":
            linked.add("h:" + headline)
            linked.add("b:" + body)
            linked.merge("h:" + headline, "b:" + body)
    bodies = sorted({body for _, body, stance in pairs if stance != "unrelated"}, key=int)
    roots: dict[str, str] = {}
    groups = {}
    for body in bodies:
        groups[body] = roots.setdefault(linked["b:" + body], f"fnc-{body}")
    chained = sum(
        1
        for headline, body, stance in pairs
        if stance == "unrelated"
        and "h:" + headline in linked
        and "b:" + body in linked
        and linked.connected("h:" + headline, "b:" + body)
    )
    logger.info(
        "FNC-1: %d groups of %d bodies; %d unrelated pairs inside a group",
        len(roots),
        len(groups),
        chained,
    )
    return groups


def read_fnc(data: Path, *, seed: int = SEED) -> list[Labelled]:
    """Read FNC-1 training bodies that belong to a group, in a seeded random order."""
    groups = fnc_groups(data)
    rows = []
    with _require(data / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            body = record["Body ID"]
            if body in groups:
                item = StoryInput(
                    f"fnc-{body}", None, None, record["articleBody"], None, frozenset()
                )
                rows.append(Labelled(item, groups[body]))
    return _shuffled(rows, seed)


def _shuffled(rows: list[Labelled], seed: int) -> list[Labelled]:
    rows = sorted(rows, key=lambda row: row.item.article_id)
    random.Random(seed).shuffle(rows)
    return rows


def read_slavicner_topics(data: Path, *, seed: int = SEED) -> list[Labelled]:
    """Read SlavicNER's documents (every language under the folder), labelled by topic, in a
    seeded random order (:func:`parallax.datasets.slavicner.read_slavicner_stream`)."""
    from parallax.datasets.slavicner import read_slavicner_stream

    return [Labelled(item, topic) for item, topic in read_slavicner_stream(data, seed=seed)]


READERS: dict[str, Callable[..., list[Labelled]]] = {
    "basil": read_basil,
    "uci": read_uci,
    "fnc": read_fnc,
    "slavicner": read_slavicner_topics,
}
"""The readers, by format name."""
