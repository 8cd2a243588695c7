"""Normalise one time expression against a publication date into a TIMEX3 type and value.

Rules first, for what news writes most and what parsers get wrong: weekdays (the closest such
day from six days before to one day after publication; only before it in a past-tense
sentence, only after it in a future one), bare months (the latest past one, the next one in a
future-tense sentence or under a modal or an infinitive), "this week" (an ISO week), "last
year", "two weeks ago", vague durations ("for months" → ``PXM``, "a few days" → ``PXD``),
spoken amounts ("half an hour" → ``PT30M``), sets ("every week" → ``P1W``, "every two weeks"
→ ``P2W``), quarters, halves, seasons, "the last week of March", fixed holidays, parts of a
day and clock times ("0800 UTC").
Explicit calendar dates fall through to :mod:`dateparser` (past preference, relative to the
publication date). This module does not use spaCy; :mod:`parallax.nlp.dates` picks the spans.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from dateparser.date import DateDataParser

from parallax.nlp.dates_slavic import normalize_slavic
from parallax.nlp.lexicon import (
    DAY_PARTS,
    FUTURE,
    MONTHS,
    NUMBERS,
    PAST,
    PRESENT,
    SEASONS,
    SETS,
    TODAY,
    UNITS,
    VAGUE,
    WEEKDAYS,
)

__all__ = ["normalize"]

Result = tuple[str, str | None]

_FILLER = re.compile(
    r"^(?:(?:on|in|at|by|since|until|till|from|during|for|over|of|within|through|throughout|"
    r"the|this|that|these|those|early|late|mid|middle of|end of|beginning of|start of|"
    r"latter part of|course of|so far|earlier|later|just|only|about|very|"
    r"around|nearly|almost|approximately|roughly|more than|less than|under|at least|up to|"
    r"as early as|as late as)(?:\s+|-))+"
)
_NUMBER = (
    r"((?:\d+(?:\.\d+)?|"
    + "|".join(sorted((re.escape(k) for k in {*NUMBERS, *VAGUE}), key=len, reverse=True))
    + r")(?:\s+and\s+a\s+half)?)"
)
_UNIT = r"(second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century)"
_DURATION = re.compile(
    rf"^(?:(?:the\s+)?(?:past|last|next|coming|first|recent|following)\s+)?{_NUMBER}?[\s-]*"
    rf"(?:(?:straight|consecutive|successive|trading|business|working|full)\s+)?{_UNIT}s?(?:[\s-](?:long|old|plus))?(?:\s+or\s+so)?$"
)
_AGO = re.compile(rf"^{_NUMBER}\s+{_UNIT}s?\s+(ago|earlier|before|later|from now|hence)$")
_RATE = re.compile(r"^(?:[\w.,]+\s+(?:a|an|per)|per|each|every)\s+(day|week|month|year|hour)$")
# "nearly a month", "half an hour": an amount of time, not a rate.
_APPROXIMATE = re.compile(
    r"^(?:nearly|almost|about|around|over|under|roughly|just|only|half|more than|less than)\s"
)
# "every two weeks": a set with its own period.
_EVERY_N = re.compile(rf"^(?:every|each)\s+{_NUMBER}\s+{_UNIT}s?$")
# Holidays fixed to a day of the year: the closest one, as a bare month and day.
_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14),
}  # fmt: skip
_RANGE = re.compile(r"^(?:from|between)\s+(\d{4})\s+(?:to|and|until|through|-)\s+(\d{4})$")
_RELATIVE = re.compile(r"(this|last|next|previous|prior|past|current|coming|following)\s+(\w+)")
_QUARTER = re.compile(
    r"^(first|second|third|fourth|final|last|1st|2nd|3rd|4th|q[1-4])(?:\s+(?:fiscal\s+)?quarter)?"
    r"(?:\s+(?:of\s+)?(?:fiscal\s+)?(\d{4}|(?:this|last|next)\s+year))?$"
)
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_HALF = re.compile(
    r"^(first|second|1st|2nd)\s+half(?:\s+(?:of\s+)?(\d{4}|(?:this|last|next|the)\s+year))?$"
)
_YEAR = re.compile(
    r"^(?:(fiscal)\s+(?:year\s+)?|(fy)\s*|the\s+year\s+)?(\d{4})(?:\s+(fiscal)\s+year)?$"
)
# "the year before", "the day before": the one before publication, as "the previous year".
_BEFORE = re.compile(r"^(day|week|month|year|quarter)\s+(?:before|earlier)$")
_STEPS = {"last": -1, "previous": -1, "past": -1, "prior": -1, "next": 1, "coming": 1}
_STEPS |= {"following": 1}
_DECADE = re.compile(r"^(?:the\s+)?(?:(\d{2})|')?(\d)0['’]?s$")
# A year written with an apostrophe for its century ("the campaign of '08"): not August.
_SHORT_YEAR = re.compile(r"^'(\d{2})$")
_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*(utc|gmt|z))?\b")
_QUARTERS = dict.fromkeys(("first", "1st", "q1"), 1) | dict.fromkeys(("second", "2nd", "q2"), 2)
_QUARTERS |= dict.fromkeys(("third", "3rd", "q3"), 3)
_QUARTERS |= dict.fromkeys(
    ("fourth", "4th", "q4", "final", "last"), 4
)  # "the final quarter of 2009"
# "0800 UTC": a 24-hour clock without a colon, only with its time zone.
_MILITARY = re.compile(r"\b([01]\d|2[0-3])([0-5]\d)\s*(utc|gmt)\b")
# "the last week of March": the last ISO week whose Thursday is in March (ISO gives a week to
# the month and year of its Thursday); "the first week", the first.
_WEEK_OF = re.compile(r"^(first|last|final)\s+week\s+of\s+(\w+)(?:\s+(\d{4}))?$")
# "October of next year": a month in a year given relative to publication.
_MONTH_OF = re.compile(r"^(\w+)\s+(?:of\s+)?(this|last|next)\s+year$")


def _year_of(written: str | None, day: date) -> int:
    """The year a quarter or half belongs to: written ("2007"), relative ("next year"), or now."""
    if not written:
        return day.year
    if written.isdigit():
        return int(written)
    return day.year + _STEPS.get(written.split()[0], 0)


_DURATION_PREPOSITIONS = frozenset({"for", "over", "during", "throughout", "within"})


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_shift(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _count(word: str) -> str:
    word = word.strip()
    if word.endswith(" and a half"):
        whole = _count(word.removesuffix(" and a half"))
        return whole if whole == "X" else f"{float(whole) + 0.5:g}"  # "two and a half" → 2.5
    if word in NUMBERS:
        return str(NUMBERS[word])
    return word if re.fullmatch(r"\d+(?:\.\d+)?", word) else "X"


def _duration(count: str, unit: str) -> str:
    code = UNITS[unit]
    if code.startswith("T"):
        return f"PT{count}{code[1]}"
    if code in {"Q", "DE", "CE"} and count != "X":
        factor, letter = {"Q": (3, "M"), "DE": (10, "Y"), "CE": (100, "Y")}[code]
        return f"P{int(float(count) * factor)}{letter}"
    return f"P{count}{code}"


def _relative(words: str, day: date) -> str | None:
    """Values of "this/last/next week|month|year|weekend|quarter|season" and "yesterday"."""
    if words in {"yesterday", "last night"}:
        return (day - timedelta(days=1)).isoformat()
    if words == "tomorrow":
        return (day + timedelta(days=1)).isoformat()
    match = _RELATIVE.fullmatch(words)
    if not match:
        return None
    step = _STEPS.get(match[1], 0)
    unit = match[2]
    if unit == "day" and step:
        return (day + timedelta(days=step)).isoformat()
    if unit == "decade":
        return str(day.year // 10 + step)
    if unit in {"week", "weekend"}:
        return _week(day + timedelta(weeks=step)) + ("-WE" if unit == "weekend" else "")
    if unit in {"month", "quarter"}:
        year, month = _month_shift(day, step * (3 if unit == "quarter" else 1))
        return f"{year}-{month:02d}" if unit == "month" else f"{year}-Q{(month - 1) // 3 + 1}"
    if unit == "year":
        return str(day.year + step)
    if unit in SEASONS:
        return f"{day.year + step}-{SEASONS[unit]}"
    return None


def _weekday(number: int, day: date, *, tense: str, before: bool = False) -> str:
    """Such a weekday: six days before to one after, strictly past or future, or for a
    prospective tense the closest ("could use a public event as soon as Wednesday", written on
    a Monday: two days ahead, not five back)."""
    offset = (number - day.weekday()) % 7  # 0..6 days ahead
    ahead = 3 if tense == "prospective" else 1
    if tense == "future" and offset == 0:
        offset = 7
    elif before or (tense == "past" and offset > 0) or (tense != "future" and offset > ahead):
        offset -= 7
    return (day + timedelta(days=offset)).isoformat()


def _month_day(month: int, dom: int, day: date, years: tuple[int, ...] = ()) -> str | None:
    """The date with this month and day closest to ``day`` (in one of ``years`` if given)."""
    options = years or (day.year - 1, day.year, day.year + 1)
    candidates = [date(year, month, dom) for year in options if dom <= monthrange(year, month)[1]]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs((c - day).days), c > day)).isoformat()


def _calendar(words: str, day: date, *, tense: str) -> str | None:
    """Values of explicit calendar dates, months, years, decades, quarters and seasons."""
    tokens = re.findall(r"[a-z]+|\d+", words)
    month = next((MONTHS[t] for t in tokens if t in MONTHS), None)
    if (relative := _MONTH_OF.fullmatch(words)) and relative[1] in MONTHS:
        return f"{day.year + _STEPS.get(relative[2], 0)}-{MONTHS[relative[1]]:02d}"
    if (week := _WEEK_OF.fullmatch(words)) and week[2] in MONTHS:
        found = _calendar(f"{week[2]} {week[3] or ''}".strip(), day, tense=tense)
        if found is None:
            return None
        year, number = map(int, found.split("-"))
        if week[1] == "first":
            first = date(year, number, 1)
            return _week(first + timedelta(days=(3 - first.weekday()) % 7))
        last = date(year, number, monthrange(year, number)[1])
        return _week(last - timedelta(days=(last.weekday() - 3) % 7))
    numbers = [int(t) for t in tokens if t.isdigit()]
    years = [n for n in numbers if 1000 <= n <= 2999]
    doms = [n for n in numbers if 1 <= n <= 31 and n not in years]
    if month is not None and len(tokens) <= len(numbers) + 3:
        if doms and years:
            return _month_day(month, doms[0], day, (years[0],))
        if doms:
            return _month_day(month, doms[0], day)
        if years:
            return f"{years[0]}-{month:02d}"
        ahead = tense in {"future", "prospective"}
        year = day.year + (ahead and month < day.month) - (not ahead and month > day.month)
        return f"{year}-{month:02d}"
    if match := _YEAR.fullmatch(words):
        return f"FY{match[3]}" if match[1] or match[2] or match[4] else match[3]
    if match := _DECADE.fullmatch(words):
        return f"{match[1] or ('19' if int(match[2]) >= 3 else '20')}{match[2]}"
    if (match := _QUARTER.fullmatch(words)) and (" " in words or words.startswith("q")):
        return f"{_year_of(match[2], day)}-Q{_QUARTERS[match[1]]}"
    if match := _HALF.fullmatch(words):
        return f"{_year_of(match[2], day)}-H{1 if match[1] in {'first', '1st'} else 2}"
    if words in _HOLIDAYS:  # the closest one; the last in the past tense, the next ahead
        month, dom = _HOLIDAYS[words]
        this_year = date(day.year, month, dom)
        if tense == "past":
            return _month_day(month, dom, day, (day.year - (this_year > day),))
        if tense in {"future", "prospective"}:
            return _month_day(month, dom, day, (day.year + (this_year < day),))
        return _month_day(month, dom, day)
    if words in {"fiscal year", "financial year"}:
        return f"FY{day.year}"
    if match := re.fullmatch(r"(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(\d{4}))?", words):
        return f"{match[2] or day.year}-{SEASONS[match[1]]}"
    return None


@lru_cache(maxsize=64)
def _parser(day: date) -> Any:
    base = datetime(day.year, day.month, day.day)
    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base}
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser(text: str, day: date) -> str | None:
    parsed = _parser(day).get_date_data(text)
    if parsed is None or parsed.date_obj is None:
        return None
    found: date = parsed.date_obj.date()
    period = str(parsed.period or "day")
    if period == "year":
        return str(found.year)
    if period == "month":
        return f"{found.year}-{found.month:02d}"
    return _week(found) if period == "week" else found.isoformat()


def _set(raw: str) -> Result | None:
    """ "every week" → P1W, "every Monday" → XXXX-WXX-1, "annual", "15 a year" → P1Y."""
    if raw in SETS:
        return "SET", SETS[raw]
    if match := re.fullmatch(r"(?:every|each)\s+(\w+)", raw):
        if match[1] in WEEKDAYS:
            return "SET", f"XXXX-WXX-{WEEKDAYS[match[1]] + 1}"
        if match[1] in UNITS:
            return "SET", _duration("1", match[1])
    if match := _EVERY_N.fullmatch(raw):
        return "SET", _duration(_count(match[1]), match[2])
    if (match := _RATE.fullmatch(raw)) and not _APPROXIMATE.match(raw):
        return "SET", _duration("1", match[1])
    return None


def _ago(words: str, published: date | None) -> Result | None:
    """ "two weeks ago" → the date then; "three years later" → that year."""
    match = _AGO.fullmatch(words)
    if not match:
        return None
    count, unit = _count(match[1]), match[2]
    if (
        published is None
        or not count.isdigit()
        or unit not in {"day", "night", "week", "month", "year"}
    ):
        return "DURATION", _duration(count, unit)
    amount = int(count) * (1 if match[3] in {"later", "from now", "hence"} else -1)
    if unit == "month":
        year, month = _month_shift(published, amount)
        return "DATE", f"{year}-{month:02d}"
    if unit == "year":
        return "DATE", str(published.year + amount)
    return "DATE", (published + timedelta(days=amount * (7 if unit == "week" else 1))).isoformat()


def _lasting(words: str, preposition: str | None) -> Result | None:
    """Durations: "three years", "30-day", "for months", "the past decade", "2009 to 2011"."""
    if match := _RANGE.fullmatch(words):
        return "DURATION", f"P{int(match[2]) - int(match[1])}Y"
    # "for the last year" is a year long; "for last year" is the calendar year before.
    last = re.fullmatch(
        r"(?:(?:for|over|during|throughout|within)\s+)?the\s+(?:last|past|previous)\s+"
        r"(year|month|week)(?:\s+or\s+so)?",
        words,
    )
    if last:
        return (
            ("DURATION", _duration("1", last[1])) if preposition in _DURATION_PREPOSITIONS else None
        )
    duration = _DURATION.fullmatch(words)
    if duration is None:
        return None
    if duration[1] is not None:
        return "DURATION", _duration(_count(duration[1]), duration[2])
    if re.search(rf"{duration[2]}s\b", words):
        return "DURATION", _duration("X", duration[2])
    if duration[2] in {"decade", "century"} and words != duration[2]:
        return "DURATION", _duration("1", duration[2])  # "the past decade"
    return None


def _day(words: str, raw: str, published: date, tense: str) -> Result | None:
    """Today, parts of a day, relative weeks/months/years, weekdays."""
    words = words.removesuffix(" or so")
    if raw in TODAY or words in TODAY:
        return "DATE", published.isoformat()
    bare = words.split()
    if raw in {"tonight", "this morning", "this afternoon", "this evening"}:
        return "TIME", f"{published.isoformat()}T{DAY_PARTS[bare[-1]]}"
    last = re.sub(r"^(?:last|past|previous|prior)\s+", "", words)
    if words in {"week", "weekend", "month", "year", "quarter", "decade", *SEASONS}:
        words = f"this {words}"
    elif last != words and last in {"year", "month", "week"}:
        words = f"last {last}"
    if (value := _relative(words, published)) is not None:
        return "DATE", value
    if len(bare) == 2 and bare[0] in WEEKDAYS and bare[1] in DAY_PARTS:
        day = _weekday(WEEKDAYS[bare[0]], published, tense=tense)
        return "TIME", f"{day}T{DAY_PARTS[bare[1]]}"
    if len(bare) == 2 and bare[0] in {"yesterday", "today", "tomorrow"} and bare[1] in DAY_PARTS:
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[bare[0]]
        return "TIME", f"{published + timedelta(days=shift)}T{DAY_PARTS[bare[1]]}"
    if bare and bare[-1] in WEEKDAYS and len(bare) <= 2:
        later = "future" if bare[0] in {"next", "coming"} else tense
        before = bare[0] in {"last", "past", "previous"}
        return "DATE", _weekday(WEEKDAYS[bare[-1]], published, tense=later, before=before)
    clock = _CLOCK.search(_MILITARY.sub(r"\1:\2 \3", words))
    if clock and (clock[2] or clock[3]):
        hour = int(clock[1])
        if clock[3]:
            hour = hour % 12 + (12 if clock[3].startswith("p") else 0)
        zone = "Z" if clock[4] else ""
        return "TIME", f"{published.isoformat()}T{hour:02d}:{clock[2] or '00'}{zone}"
    if words in {"noon", "midday"}:
        return "TIME", f"{published.isoformat()}T12:00"
    if words == "midnight":
        return "TIME", f"{published.isoformat()}T24:00"
    return None


_HALF_OF = {"hour": "30 minutes", "day": "12 hours", "year": "six months", "minute": "30 seconds"}


def _spoken_amounts(raw: str) -> str:
    """Rewrite amounts the duration patterns read: "a few days" → "few days", "a couple of
    weeks" → "two weeks", "a year and a half" → "one and a half years", "half an hour" →
    "30 minutes"."""
    raw = re.sub(r"\ba\s+few\b", "few", raw)
    raw = re.sub(r"\ba\s+couple\s+(?:of\s+)?", "two ", raw)
    raw = re.sub(rf"\b(?:a|an|one)\s+{_UNIT}\s+and\s+a\s+half\b", r"one and a half \1s", raw)
    return re.sub(r"\bhalf\s+an?\s+(hour|day|year|minute)\b", lambda m: _HALF_OF[m[1]], raw)


def _short_year(year: int, published: date | None) -> str:
    """The year "'08" names: the latest one ending in those digits no later than ten years after
    publication (2008 in 2012, 1998 in 1999, 1990 for "'90" in 2012)."""
    latest = (published or date(2000, 1, 1)).year + 10
    full = latest - (latest - year) % 100
    return str(full)


def normalize(
    text: str, published: date | None, *, tense: str = "present", preposition: str | None = None
) -> Result:
    """Return ``(type, value)`` for a time expression: DATE, TIME, DURATION or SET.

    Args:
        text: the expression as written ("on Thursday", "for months", "March 2024").
        published: the publication date relative expressions are resolved against; without
            it, only absolute dates and durations get a value.
        tense: "past", "present", "future" or "prospective" (a modal or an infinitive), the
            tense of the sentence: a bare month or weekday is the next one in the future, never
            after publication in the past; a prospective month is the next one, a prospective
            weekday the closest.
        preposition: the word just before the expression ("for", "over"), which makes
            "the last year" a duration.
    """
    if (slavic := normalize_slavic(text, published, tense=tense)) is not None:  # ru, uk
        return slavic
    raw = " ".join(text.lower().replace("’", "'").split()).rstrip(".,;:")
    raw = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", raw)  # "third-quarter", "mid-October"
    raw = re.sub(r"^(\d{4})'s\s+(.+)$", r"\2 \1", raw)  # "2008's third quarter"
    raw = _spoken_amounts(raw)
    if raw.startswith(("for ", "over ")) and preposition is None:
        preposition = raw.split()[0]
    if (found := _set(raw)) is not None:
        return found
    if match := _SHORT_YEAR.fullmatch(raw):
        return "DATE", _short_year(int(match[1]), published)
    words = _FILLER.sub("", raw).strip().removesuffix(" now") or raw
    if match := _BEFORE.fullmatch(words):
        words = f"previous {match[1]}"
    if re.fullmatch(r"the\s+(?:past|last)\s+(?:year|month|week)", raw):
        return "DURATION", _duration("1", raw.split()[-1])  # "the past year": a period
    if raw in PRESENT or words in PRESENT:
        return "DATE", "PRESENT_REF"
    if raw in FUTURE or words in FUTURE or words.startswith(("coming ", "future")):
        return "DATE", "FUTURE_REF"
    if raw in PAST or words in PAST or re.fullmatch(r"(?:in\s+)?recent\s+\w+.*", raw):
        return "DATE", "PAST_REF"
    found = _ago(words, published) or _lasting(words, preposition) or _lasting(raw, preposition)
    if found is None and published is not None:
        found = _day(words, raw, published, tense)
    if found is not None:
        return found
    value = _calendar(words, published or date(2000, 1, 1), tense=tense)
    if value is not None and (published is not None or re.search(r"\d{4}", words)):
        return "DATE", value
    if published is not None and re.search(r"\d", words) and not _ORDINAL.fullmatch(words):
        return "DATE", _dateparser(words, published)
    return "DATE", None  # a bare ordinal ("tied for 2nd") names no quarter, day or month
