"""Timeline17 (Tran et al. 2013), as news-tls and tls-rl preprocess it: articles and gold timelines.

Layout: one folder per topic and outlet (``H1N1_bbc/``), holding ``articles.json`` (a list of
``{uid, dct, dates, text}``: ``dct`` is the publication date, ``text`` is tokenized, Penn
Treebank style) and one or more ``*.timeline.json`` gold timelines (lists of ``{date, text}``,
a summary's sentences joined by two spaces; a date may come back in several items). The
folders of one topic (``H1N1_bbc``, ``H1N1_guardian`` …) are one topic told by several outlets,
as news-tls merges them: the topic is the folder name before its last ``_``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True, slots=True)
class T17Article:
    """One input article: its id, outlet (the folder's suffix), publication date and text."""

    uid: str
    outlet: str
    published: date
    text: str


@dataclass(frozen=True, slots=True)
class T17Timeline:
    """One journalist-written timeline: the dated summaries, in the file's order."""

    name: str
    entries: tuple[tuple[date, str], ...]

    def summaries(self) -> dict[date, list[str]]:
        """Return the sentences written under each date (items sharing a date merged)."""
        by_date: dict[date, list[str]] = defaultdict(list)
        for day, text in self.entries:
            by_date[day].extend(s.strip() for s in text.split("  ") if s.strip())
        return dict(by_date)


@dataclass(frozen=True, slots=True)
class T17Topic:
    """One topic: every outlet folder's articles, and every gold timeline (named folder/file)."""

    name: str
    articles: tuple[T17Article, ...]
    timelines: tuple[T17Timeline, ...]


def _topic_folders(root: Path) -> list[Path]:
    if (root / "articles.json").is_file() or any(root.glob("*.timeline.json")):
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir())


def read_timeline17(root: Path) -> list[T17Topic]:
    """Read every topic under ``root`` (or ``root`` itself when it is one topic/outlet folder).

    A folder with gold timelines but no ``articles.json`` gives a topic without articles.
    """
    articles: dict[str, list[T17Article]] = defaultdict(list)
    timelines: dict[str, list[T17Timeline]] = defaultdict(list)
    for folder in _topic_folders(root):
        topic, _, outlet = folder.name.rpartition("_")
        topic = topic or folder.name
        source = folder / "articles.json"
        if source.is_file():
            for item in json.loads(source.read_text(encoding="utf-8")):
                articles[topic].append(
                    T17Article(
                        str(item["uid"]), outlet, date.fromisoformat(item["dct"]), item["text"]
                    )
                )
        for path in sorted(folder.glob("*.timeline.json")):
            items = json.loads(path.read_text(encoding="utf-8"))
            entries = tuple((date.fromisoformat(i["date"][:10]), i["text"]) for i in items)
            stem = path.name.removesuffix(".timeline.json").removesuffix(".txt")
            timelines[topic].append(T17Timeline(f"{folder.name}/{stem}", entries))
    return [
        T17Topic(name, tuple(articles.get(name, ())), tuple(timelines.get(name, ())))
        for name in sorted(set(articles) | set(timelines))
    ]


_DETOKENIZE = (
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r" ([.,;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1"),
)


def detokenize(text: str) -> str:
    """Undo the Penn Treebank spacing of the articles (`` `` `` and ``''`` become ``"``)."""
    for pattern, replacement in _DETOKENIZE:
        text = pattern.sub(replacement, text)
    return text
