"""Time expressions in gold TimeML: MEANTIME's CAT XML and TimeML with inline tags.

* MEANTIME / NewsReader CAT XML (``*.xml``): tokens plus ``TIMEX3`` markables anchored to token
  ids; the text is rebuilt from the tokens (one sentence a line, no space before closing
  punctuation) with the offsets of every token. Markables without tokens are left out.
* TimeML with inline tags (``*.tml``): the text of ``<TEXT>`` with ``<TIMEX3>`` elements in it.

MEANTIME annotates time expressions only in the first :data:`MEANTIME_SENTENCES` sentences of
each document (title, date line and four body sentences; none of its 488 TIMEX3 lies later),
which a document records as ``scored_until``.

The document creation time (``functionInDocument="CREATION_TIME"``, or ``<DCT>``) is the
publication date the extractor normalises against.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

__all__ = [
    "MEANTIME_SENTENCES",
    "GoldTimex",
    "TimexDocument",
    "parse_dct",
    "read_cat",
    "read_timeml",
    "read_tml",
]


MEANTIME_SENTENCES = 6


_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", "%", ")", "]", "}", "n't", "'", "''"}


_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold TIMEX3: character span, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimexDocument:
    """A document's text, creation date and gold time expressions."""

    name: str
    text: str
    published: date | None
    timexes: tuple[GoldTimex, ...]
    scored_until: int | None = None  # predictions starting at or after this offset are not scored


def parse_dct(value: str | None) -> date | None:
    """Parse a creation time: ISO ``2008-03-01`` (with or without a time), or ``03-02-2009``.

    MEANTIME's one non-ISO creation time, ``03-02-2009``, is day first: its document's date line
    reads "February 03, 2009" and its "last month" is January.
    """
    if not value:
        return None
    if match := re.match(r"(\d{4})-(\d{2})-(\d{2})", value):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", value):
        return date(int(match[3]), int(match[2]), int(match[1]))
    return None


def _no_space(previous: str, token: str) -> bool:
    return (
        token in _NO_SPACE_BEFORE
        or (token.startswith("'") and len(token) <= 3)
        or previous in _NO_SPACE_AFTER
    )


def read_cat(path: Path) -> TimexDocument:
    """Read one MEANTIME CAT XML file."""
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    length, sentence, previous = 0, None, ""
    scored_until: int | None = None
    for token in root.iter("token"):
        word = token.text or ""
        if sentence is not None and token.get("sentence") != sentence:
            if token.get("sentence") == str(MEANTIME_SENTENCES):
                scored_until = length
            parts.append("\n")
            length += 1
        elif parts and not _no_space(previous, word):
            parts.append(" ")
            length += 1
        sentence, previous = token.get("sentence"), word
        offsets[token.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
    timexes: list[GoldTimex] = []
    published: date | None = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            published = parse_dct(timex.get("value"))
        anchors = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor")]
        if anchors:
            start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
            timexes.append(GoldTimex(start, end, timex.get("type", ""), timex.get("value", "")))
    text = "".join(parts)
    if published is None:
        # A few documents lack a creation-time TIMEX3; their second line is the date.
        lines = text.split("\n")
        published = _date_line(lines[1]) if len(lines) > 1 else None
    return TimexDocument(path.stem, text, published, tuple(sorted(timexes, key=_key)), scored_until)


def _date_line(line: str) -> date | None:
    match = re.fullmatch(r"([A-Z][a-z]+) (\d{1,2}), (\d{4})", line.strip())
    if match is None:
        return None
    return datetime.strptime(f"{match[1]} {match[2]} {match[3]}", "%B %d %Y").date()


def _key(timex: GoldTimex) -> tuple[int, int]:
    return timex.start, timex.end


def read_tml(path: Path) -> TimexDocument:
    """Read one TimeML file with inline ``TIMEX3`` tags inside ``<TEXT>``."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    published = parse_dct(dct.get("value") if dct is not None else None)
    body = root.find("TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(element: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")
        if element.tag == "TIMEX3":
            end = sum(map(len, parts))
            timexes.append(GoldTimex(start, end, element.get("type", ""), element.get("value", "")))

    if body is not None:
        walk(body)
    return TimexDocument(path.stem, "".join(parts), published, tuple(sorted(timexes, key=_key)))


def read_timeml(data_dir: Path) -> Iterator[TimexDocument]:
    """Yield the documents of every ``*.xml`` (CAT) and ``*.tml`` (TimeML) file, by path."""
    for path in sorted(data_dir.rglob("*")):
        if path.suffix == ".xml":
            yield read_cat(path)
        elif path.suffix == ".tml":
            yield read_tml(path)
