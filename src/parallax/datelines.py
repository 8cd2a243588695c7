"""The dateline that opens a wire or agency report: where it was filed, the day, the agency.

English wire copy opens with a place in capitals and a dash ("DENVER —", "BEIRUT, Lebanon —");
Russian and Ukrainian agencies write the place, the day and the agency before the first
sentence: "МОСКВА, 15 янв — РИА Новости.", "КИЇВ. 19 липня. УНН.", "ПАРИЖ, 7 фев — РИА
Новости, Виктория Иванова.", "ТАСС, 24 ноября.", "МОСКВА, 30 мая ПРАЙМ", "БРЮССЕЛЬ. КАЗИНФОРМ -",
"БЕРЛИН.". The dateline is metadata, not the story: the language stages keep it out of quotes,
claims and time expressions, and read its place as a place. One reader serves every language;
the stories' sentence rules strip it with the same reader (:mod:`parallax.stories.restated`).
A wire's name in an English dateline ("WASHINGTON (AP) —") and an agency the Russian and
Ukrainian patterns know are the report's source (:func:`dateline_agency`): ingest names the
article's outlet by it where the input names none (:func:`parallax.ingest.outlets.resolve_outlet`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Dateline", "dateline_agency", "read_dateline"]

# The English wire dateline as the stories' subject rule has read it since session 20.
_EN_PLACE = r"[A-Z][A-Z.' ]+(?:, [A-Z][\w.]+)?"
_DASH = r"(?:—|–|--|-)+"
_ENGLISH = re.compile(rf"^{_EN_PLACE}\s*{_DASH}\s*")
# The wires an English dateline names in brackets before its dash ("WASHINGTON (AP) —", "LONDON
# (Reuters) -"): read for the article's source only (:func:`dateline_agency`); the stories'
# rules read the English dateline as they always have.
_WIRES = r"AP|Reuters|AFP|UPI|Bloomberg|Xinhua|dpa"
_ENGLISH_WIRE = re.compile(rf"{_EN_PLACE}\s*\((?P<agency>{_WIRES})\)\s*{_DASH}\s")

_CAPS = "А-ЯЁІЇЄҐ"
_PLACE = rf"(?P<place>[{_CAPS}][{_CAPS}'’]+(?:[ -][{_CAPS}][{_CAPS}'’]+)*)"
# Months in the genitive and as agencies abbreviate them ("15 янв", "26 сен"; a Latin "c" typed
# for the Cyrillic one occurs: "26 cен").
_MONTH = (
    r"(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|[сc]ент?|окт|ноя|дек)[а-я]*|"
    r"(?:січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листопад|груд)[а-яі]*"
)
_DAY = rf"(?P<day>\d{{1,2}}\s+(?:{_MONTH}))"
# Agencies whose name may run into the first sentence with no stop after it ("МОСКВА, 30 мая
# ПРАЙМ "Газпром" передал …"); any other agency name must be followed by a stop or a dash.
_KNOWN = (
    r"РИА\s+Новости|ИТАР-ТАСС|ТАСС|ПРАЙМ|Интерфакс(?:-Украина)?|Інтерфакс-Україна|"
    r"ФедералПресс|КАЗИНФОРМ|УНН|УНІАН|УНИАН|Укрінформ|Укринформ|РБК|Регнум|БелТА"
)
_NAME = rf"[{_CAPS}A-Z][\w-]*(?:\s+[{_CAPS}A-Z]?[\w-]+)?"
_STOP = r"\s*[.]\s*|\s*[—–-]\s+|\s+(?=[\"«“„])"
_AUTHOR = rf"(?:,\s*(?P<author>[{_CAPS}][а-яё]+\s+[{_CAPS}][а-яё]+))?"
#: The agency datelines, tried in order (each its own pattern: their groups share names).
_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        # МОСКВА, 15 янв — РИА Новости.  КИЇВ. 19 липня. УНН .  МОСКВА, 30 мая ПРАЙМ "…
        rf"{_PLACE}[,.]\s+{_DAY}\s*[,.—–-]?\s*(?P<agency>{_KNOWN}|{_NAME}){_AUTHOR}(?:{_STOP})",
        # БРЮССЕЛЬ. КАЗИНФОРМ -
        rf"{_PLACE}\.\s+(?P<agency>{_KNOWN})(?:{_STOP})",
        # ТАСС, 24 ноября.
        rf"(?P<agency>{_KNOWN}),\s+{_DAY}(?:{_STOP})",
        # УНН.
        rf"(?P<agency>{_KNOWN})\.\s+",
        # БЕРЛИН. (four letters at least: "США. …" is a sentence)
        rf"(?=[{_CAPS}]{{4}}){_PLACE}\.\s+(?=[{_CAPS}][а-яёіїєґ'’])",
    )
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline at the start of a text; each part is a ``(start, end)`` span or None."""

    end: int  # where the story's first sentence starts
    place: tuple[int, int] | None = None
    day: tuple[int, int] | None = None
    agency: tuple[int, int] | None = None
    author: tuple[int, int] | None = None


def read_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text`` (after leading spaces), or None."""
    lead = len(text) - len(text.lstrip())
    english = _ENGLISH.match(text, lead)
    if english is not None:
        return Dateline(english.end())
    for pattern in _PATTERNS:
        found = pattern.match(text, lead)
        if found is None:
            continue
        spans = {name: found.span(name) for name, value in found.groupdict().items() if value}
        return Dateline(
            found.end(), spans.get("place"), spans.get("day"), spans.get("agency"),
            spans.get("author"),
        )  # fmt: skip
    return None


_AGENCY = re.compile(_KNOWN)


def dateline_agency(text: str) -> str | None:
    """The news agency the dateline at the start of ``text`` names as the report's source ("РИА
    Новости" of "МОСКВА, 15 янв — РИА Новости.", "УНН" of "КИЇВ. 19 липня. УНН.", "AP" of
    "WASHINGTON (AP) —"), its spaces made single; None without a dateline, or where the name
    after the day is not an agency the patterns know ("КИЇВ. 19 липня. Президент …"). A
    dateline may also open the text's second line, after a headline the input left in it."""
    lines = [line for line in text.lstrip().split("\n", 4)[:4] if line.strip()][:2]
    for line in lines:
        wire = _ENGLISH_WIRE.match(line.strip())
        if wire is not None:
            return wire.group("agency")
        dateline = read_dateline(line)
        if dateline is not None and dateline.agency is not None:
            name = " ".join(line[dateline.agency[0] : dateline.agency[1]].split())
            return name if _AGENCY.fullmatch(name) else None
    return None
