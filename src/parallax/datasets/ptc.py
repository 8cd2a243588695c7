"""PTC (SemEval-2020 Task 11): news articles with their persuasion-technique spans.

A PTC folder holds ``articles/article<id>.txt`` and one ``*-TC.labels`` file of
``article<TAB>technique<TAB>start<TAB>end`` lines; a span with k techniques is listed k times.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from parallax.errors import Code, InputError


@dataclass(frozen=True, slots=True)
class PtcArticle:
    """One PTC article with its technique spans ``(start, end, technique)``."""

    id: str
    text: str
    techniques: tuple[tuple[int, int, str], ...]


def read_ptc(data: Path) -> list[PtcArticle]:
    """Return the articles of a PTC folder (``articles/`` and a ``*-TC.labels`` file).

    Raises:
        InputError: the folder lacks articles or labels (P114), or a label line is malformed
            (P115).
    """
    folder = data / "articles"
    labels = sorted(data.glob("*TC.labels"))
    if not folder.is_dir() or not labels:
        raise InputError(
            Code.NOT_FOUND, "expected articles/ and a *-TC.labels file", path=str(data)
        )
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for number, line in enumerate(labels[0].read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split("\t")
        if len(parts) != 4:
            raise InputError(
                Code.BAD_RECORD,
                "expected 4 tab-separated fields",
                path=str(labels[0]),
                record=str(number),
            )
        article, technique, start, end = parts
        spans[article].append((int(start), int(end), technique))
    articles = []
    for path in sorted(folder.glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        text = path.read_text(encoding="utf-8")
        articles.append(PtcArticle(article_id, text, tuple(sorted(spans.get(article_id, ())))))
    return articles
