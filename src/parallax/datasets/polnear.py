"""PolNeAR: political news attribution relations, in brat standoff.

A split folder holds ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``.
Each relation ``E`` links a Content span to its Cue and (unless it is an
``Attribution-no-source``) its Source. Articles annotated by several annotators are read with
the lowest annotator id, so results are reproducible. A discontinuous span
(``"315 448;463 553"``) is read as its envelope, from its first start to its last end in the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One PolNeAR relation: content, cue and source spans (envelopes)."""

    content: Span
    cue: Span | None
    source: Span | None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One article with its gold attributions."""

    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _envelope(offsets: str) -> Span:
    pairs = [part.split() for part in offsets.split(";")]
    # Fragments are not always in text order ("1064 1105;959 1047").
    return min(int(pair[0]) for pair in pairs), max(int(pair[1]) for pair in pairs)


def parse_ann(content: str) -> tuple[GoldAttribution, ...]:
    """Parse a brat ``.ann`` file into relations."""
    spans: dict[str, Span] = {}
    relations: list[GoldAttribution] = []
    for line in content.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = _envelope(offsets)
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split())
            if "Content" not in roles or roles["Content"] not in spans:
                continue
            relations.append(
                GoldAttribution(
                    content=spans[roles["Content"]],
                    cue=spans.get(roles.get("Cue", "")),
                    source=spans.get(roles.get("Source", "")),
                )
            )
    return tuple(relations)


def read_polnear(data_dir: Path, *, limit: int | None = None) -> Iterator[GoldDocument]:
    """Yield the articles of a PolNeAR split folder, sorted by name."""
    annotations: dict[str, Path] = {}
    for path in sorted((data_dir / "attributions").glob("*.ann")):
        article = path.stem.rsplit("_", 1)[0]
        annotations.setdefault(article, path)  # sorted: the lowest annotator id comes first
    for count, (article, path) in enumerate(sorted(annotations.items())):
        if limit is not None and count >= limit:
            return
        text = (data_dir / "text" / f"{article}.txt").read_text(encoding="utf-8")
        yield GoldDocument(article, text, parse_ann(path.read_text(encoding="utf-8")))
