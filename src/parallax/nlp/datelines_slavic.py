"""An agency dateline in a parsed Russian or Ukrainian article: metadata, not the story.

"МОСКВА, 15 янв — РИА Новости." and "КИЇВ. 19 липня. УНН." (read by
:func:`parallax.datelines.read_dateline`) open many agency reports. Before the rules run, the
dateline becomes a sentence of its own (natasha reads "МОСКВА, 30 мая ПРАЙМ "Газпром" передал …"
as one sentence and one entity 'ПРАЙМ "Газпром"'); its place is a place whose base form is the
name as written, in lower case but the first letters ("КИЇВ" is Київ, the nominative: a
dateline names its place in the nominative), its agency an organisation. No quote, claim or
time expression starts inside it: the day is the report's own day, not an event of the story.
Its day is the article's date where it falls within :data:`NEAR_DAYS` of the stored one (a
feed's date may be the day it was fetched); without a stored date there is no year, so none is
made up.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, TypeVar

from parallax.datelines import Dateline, read_dateline
from parallax.nlp.parsed import EntitySpan, Parsed

__all__ = ["EXTRACTOR", "NEAR_DAYS", "article_day", "outside", "with_dateline"]

#: The rules' versioned name (a stage's analysis version names it).
EXTRACTOR = "parallax.datelines.slavic.v1"


class _Found(Protocol):
    @property
    def start(self) -> int: ...


_T = TypeVar("_T", bound=_Found)

#: How far a dateline's day may be from the stored date and still be read as the article's.
NEAR_DAYS = 7


def _sentences(parsed: Parsed, end: int) -> tuple[tuple[int, int], ...]:
    """The sentences, those across the dateline's end split at it."""
    out: list[tuple[int, int]] = []
    for start, stop in parsed.sentences:
        if start < end < stop:
            head = parsed.text[start:end].rstrip()
            out.extend(((start, start + len(head)), (end, stop)))
        else:
            out.append((start, stop))
    return tuple(out)


def _name(text: str) -> str:
    """A name written in capitals, as a name is written ("НЬЮ-ЙОРК" is Нью-Йорк)."""
    return "-".join(" ".join(w[:1] + w[1:].lower() for w in p.split(" ")) for p in text.split("-"))


def _entities(parsed: Parsed, dateline: Dateline) -> tuple[EntitySpan, ...]:
    """The entities: the place a place, the agency an organisation, one that runs across the
    dateline's end cut at it."""
    text, out = parsed.text, []
    wanted = {dateline.place: "GPE", dateline.agency: "ORG"}
    for span, label in wanted.items():
        if span is not None:
            written = text[span[0] : span[1]]
            base = _name(written) if written.isupper() and label == "GPE" else written
            out.append(EntitySpan(span[0], span[1], written, label, base))
    taken = [(e.start, e.end) for e in out]
    for entity in parsed.entities:
        if any(a < entity.end and entity.start < b for a, b in taken):
            if entity.end <= dateline.end:
                continue  # the dateline's own place and agency, read above
            rest = text[dateline.end : entity.end].strip(' "«»“”„')
            start = text.index(rest, dateline.end)
            out.append(EntitySpan(start, start + len(rest), rest, entity.label, rest))
        else:
            out.append(entity)
    return tuple(sorted(out, key=lambda e: e.start))


def with_dateline(parsed: Parsed) -> tuple[Parsed, Dateline | None]:
    """The parse with its dateline made a sentence of its own and its place and agency read,
    and the dateline (None when the text opens with none: the parse is returned as it is)."""
    dateline = read_dateline(parsed.text)
    if dateline is None or (dateline.place is None and dateline.agency is None):
        return parsed, dateline
    sentences = _sentences(parsed, dateline.end)
    return Parsed(parsed.text, sentences, parsed.tokens, _entities(parsed, dateline)), dateline


def outside(dateline: Dateline | None, found: tuple[_T, ...]) -> tuple[_T, ...]:
    """The quotes, claims or time expressions that do not start inside the dateline."""
    if dateline is None:
        return found
    return tuple(item for item in found if item.start >= dateline.end)


def article_day(text: str, dateline: Dateline | None, published: date | None) -> date | None:
    """The article's day: the dateline's when it is within :data:`NEAR_DAYS` of the stored
    date (the year is the stored date's, or the one before or after across New Year), else the
    stored date."""
    from parallax.nlp.dates_slavic import normalize_slavic

    if dateline is None or dateline.day is None or published is None:
        return published
    written = text[dateline.day[0] : dateline.day[1]]
    found = normalize_slavic(written, published)
    value = found[1] if found else None
    if value is None or len(value) != len("2020-01-01"):
        return published
    day = date.fromisoformat(value)
    near = [day.replace(year=day.year + shift) for shift in (-1, 0, 1) if _valid(day, shift)]
    best = min(near, key=lambda d: abs((d - published).days))
    return best if abs((best - published).days) <= NEAR_DAYS else published


def _valid(day: date, shift: int) -> bool:
    try:
        day.replace(year=day.year + shift)
    except ValueError:  # 29 February
        return False
    return True
