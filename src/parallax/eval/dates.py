"""Score time-expression extraction and normalisation the way TempEval-3 does.

Two gold formats are read from ``data_dir`` (searched recursively):

* MEANTIME / NewsReader CAT XML (``*.xml``): tokens plus ``TIMEX3`` markables anchored to token
  ids; the text is rebuilt from the tokens (one sentence a line, no space before closing
  punctuation) with the offsets of every token. Markables without tokens are left out.
* TimeML with inline tags (``*.tml``): the text of ``<TEXT>`` with ``<TIMEX3>`` elements in it.

MEANTIME annotates time expressions only in the first :data:`MEANTIME_SENTENCES` sentences of
each document (title, date line and four body sentences; none of its 488 TIMEX3 lies later),
so predictions after them are not scored.

The document creation time (``functionInDocument="CREATION_TIME"``, or ``<DCT>``) is the
publication date the extractor normalises against.

Scores (TempEval-3, UzZaman et al. 2013): ``strict_*`` counts a prediction correct when its span
equals a gold span, ``relaxed_*`` when it overlaps one (matched one to one, largest overlap
first); ``value_*`` and ``type_*`` count relaxed matches whose attribute also agrees, over all
predictions (precision) and all gold expressions (recall).
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from parallax.nlp.pipeline import analyze_texts, load_pipeline

logger = logging.getLogger(__name__)

__all__ = ["GoldTimex", "TimexDocument", "evaluate_dates", "read_timeml", "score_timexes"]

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
    """Parse a creation time: ISO ``2008-03-01`` (with or without a time), or ``03-02-2009``."""
    if not value:
        return None
    if match := re.match(r"(\d{4})-(\d{2})-(\d{2})", value):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", value):
        return date(int(match[3]), int(match[1]), int(match[2]))
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


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _prf(correct: int, gold: int, predicted: int, name: str) -> dict[str, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{name}_p": precision, f"{name}_r": recall, f"{name}_f1": f1}


def score_timexes(
    pairs: Iterable[tuple[tuple[GoldTimex, ...], list[tuple[int, int, str, str | None]]]],
) -> dict[str, float]:
    """Score ``(gold, predicted)`` per document; a prediction is ``(start, end, type, value)``."""
    gold_count = predicted_count = strict = relaxed = value = kind = 0
    for gold, predicted in pairs:
        gold_count += len(gold)
        predicted_count += len(predicted)
        spans = {(g.start, g.end) for g in gold}
        strict += sum((p[0], p[1]) in spans for p in set(predicted))
        candidates = sorted(
            (-_overlap((g.start, g.end), (p[0], p[1])), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(predicted)
            if _overlap((g.start, g.end), (p[0], p[1])) > 0
        )
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for _, i, j in candidates:
            if i in used_gold or j in used_pred:
                continue
            used_gold.add(i)
            used_pred.add(j)
            relaxed += 1
            value += predicted[j][3] == gold[i].value
            kind += predicted[j][2] == gold[i].type
    result = {"gold": float(gold_count), "predicted": float(predicted_count)}
    result |= _prf(strict, gold_count, predicted_count, "strict")
    result |= _prf(relaxed, gold_count, predicted_count, "relaxed")
    result |= _prf(value, gold_count, predicted_count, "value")
    result |= _prf(kind, gold_count, predicted_count, "type")
    return result


def evaluate_dates(data_dir: Path) -> dict[str, float]:
    """Run the date extractor over TimeML/CAT files under ``data_dir`` and score it."""
    documents = list(read_timeml(data_dir))
    analyses = analyze_texts(
        ((d.name, d.text, d.published) for d in documents), nlp=load_pipeline()
    )
    pairs = [
        (
            document.timexes,
            [
                (t.start, t.end, t.type, t.value)
                for t in analysis.dates
                if document.scored_until is None or t.start < document.scored_until
            ],
        )
        for document, analysis in zip(documents, analyses, strict=True)
    ]
    scores = score_timexes(pairs)
    scores["documents"] = float(len(documents))
    logger.info("TimeML %s: %s", data_dir, scores)
    return scores
