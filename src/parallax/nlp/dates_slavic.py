"""Time expressions in Russian and Ukrainian, resolved against the article's date.

dateparser reads much of both languages ("минулого тижня", "вчора", "3 дні тому",
"24 лютого 2022 року", "в четверг") but not a weekday after the Ukrainian preposition
("у четвер", "у понеділок"), a weekday with "last" or "next" ("минулого четверга",
"в прошлый четверг"), an amount of time without a number ("тиждень тому", "неделю назад") or a
day with a part of the day ("сегодня утром", "вчора ввечері"). This pre-normaliser resolves
those forms itself, with the rules the English resolver uses (a bare weekday is the closest
one, six days before to one after the article's date; "last" is strictly before it), and hands
the rest to dateparser in both languages. Values are TIMEX3, as
:func:`parallax.nlp.timex.normalize` returns them; an expression in Latin script is not read
here (None), so English text never reaches these rules.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from dateparser.date import DateDataParser

__all__ = ["normalize_slavic"]

#: (type, value), as :func:`parallax.nlp.timex.normalize` returns it.
Result = tuple[str, str | None]

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")

# Every case form a weekday takes after a preposition or with "last"/"next", in Ukrainian
# and Russian; Monday is 0, as in ``date.weekday()``.
_WEEKDAYS = {
    **dict.fromkeys(("понеділок", "понеділка", "понеділку"), 0),
    **dict.fromkeys(("вівторок", "вівторка", "вівторку"), 1),
    **dict.fromkeys(("середа", "середу", "середи"), 2),
    **dict.fromkeys(("четвер", "четверга", "четвергу"), 3),
    **dict.fromkeys(("п'ятниця", "п'ятницю", "п'ятниці"), 4),
    **dict.fromkeys(("субота", "суботу", "суботи"), 5),
    **dict.fromkeys(("неділя", "неділю", "неділі"), 6),
    **dict.fromkeys(("понедельник", "понедельника"), 0),
    **dict.fromkeys(("вторник", "вторника"), 1),
    **dict.fromkeys(("среда", "среду", "среды"), 2),
    **dict.fromkeys(("четверг", "четверга"), 3),
    **dict.fromkeys(("пятница", "пятницу", "пятницы"), 4),
    **dict.fromkeys(("суббота", "субботу", "субботы"), 5),
    **dict.fromkeys(("воскресенье", "воскресенья"), 6),
}
_PAST = frozenset(
    {"минулого", "минулому", "минулий", "минулої", "минулу", "минула", "попереднього", "попередній",
     "прошлого", "прошлый", "прошлой", "прошлую", "прошлое", "предыдущий", "предыдущего"}
)  # fmt: skip
_NEXT = frozenset(
    {"наступного", "наступному", "наступний", "наступної", "наступну", "наступна",
     "следующего", "следующий", "следующей", "следующую", "будущий", "будущего"}
)  # fmt: skip
_THIS = frozenset({"цього", "цьому", "цей", "цієї", "цю", "этот", "этого", "эту", "этой"})
_PREPOSITIONS = frozenset({"у", "в", "во", "на"})

# Days named relative to the article's date.
_DAYS = {
    "сьогодні": 0, "сегодня": 0, "вчора": -1, "вчера": -1, "позавчора": -2, "позавчера": -2,
    "завтра": 1, "післязавтра": 2, "послезавтра": 2,
}  # fmt: skip
# Parts of the day, as TIMEX3 writes them ("this morning": 2024-03-14TMO).
_PARTS = {
    **dict.fromkeys(("вранці", "уранці", "зранку", "ранком", "утром", "утра"), "MO"),
    **dict.fromkeys(("вдень", "удень", "днем", "днём", "дня"), "AF"),
    **dict.fromkeys(("ввечері", "увечері", "ввечір", "вечером", "вечера"), "EV"),
    **dict.fromkeys(("вночі", "уночі", "ночью", "ночі", "ночи"), "NI"),
}

# Amounts of time "ago": the unit's forms after any number, and the words for small numbers.
_UNITS = {
    **dict.fromkeys(("день", "дні", "днів", "дня", "дней", "доба", "добу", "діб"), "day"),
    **dict.fromkeys(("тиждень", "тижні", "тижнів", "неделю", "недели", "недель"), "week"),
    **dict.fromkeys(("місяць", "місяці", "місяців", "месяц", "месяца", "месяцев"), "month"),
    **dict.fromkeys(("рік", "роки", "років", "год", "года", "лет"), "year"),
}
_NUMBERS = {
    "один": 1, "одну": 1, "одна": 1, "два": 2, "дві": 2, "две": 2, "три": 3, "чотири": 4,
    "четыре": 4, "п'ять": 5, "пять": 5, "шість": 6, "шесть": 6, "сім": 7, "семь": 7,
    "вісім": 8, "восемь": 8, "дев'ять": 9, "девять": 9, "десять": 10, "кілька": -1,
    "кількох": -1, "несколько": -1,
}  # fmt: skip
_AGO = frozenset({"тому", "назад"})

# Months in every case news writes them: "24 лютого", "у лютому", "в феврале", "февраль".
_MONTHS = {
    **{form: number % 12 + 1 for number, forms in enumerate((
        ("січень", "січня", "січні"), ("лютий", "лютого", "лютому"),
        ("березень", "березня", "березні"), ("квітень", "квітня", "квітні"),
        ("травень", "травня", "травні"), ("червень", "червня", "червні"),
        ("липень", "липня", "липні"), ("серпень", "серпня", "серпні"),
        ("вересень", "вересня", "вересні"), ("жовтень", "жовтня", "жовтні"),
        ("листопад", "листопада", "листопаді"), ("грудень", "грудня", "грудні"),
        ("январь", "января", "январе"), ("февраль", "февраля", "феврале"),
        ("март", "марта", "марте"), ("апрель", "апреля", "апреле"), ("май", "мая", "мае"),
        ("июнь", "июня", "июне"), ("июль", "июля", "июле"), ("август", "августа", "августе"),
        ("сентябрь", "сентября", "сентябре"), ("октябрь", "октября", "октябре"),
        ("ноябрь", "ноября", "ноябре"), ("декабрь", "декабря", "декабре"),
    )) for form in forms},
}  # fmt: skip
# Prepositions before a date that leave its value alone ("с 2014 года" is 2014).
_CALENDAR_PREPOSITIONS = _PREPOSITIONS | {"с", "со", "з", "із", "від", "от", "до", "по"}
_YEAR_WORDS = frozenset({"рік", "року", "роки", "році", "р", "год", "года", "году", "г"})
_WEEK_WORDS = frozenset({"тижні", "тижня", "тиждень", "неделе", "неделю", "недели"})
_NIGHT_WORDS = frozenset({"ночі", "ночью", "ніч", "ночь"})


def _words(text: str) -> list[str]:
    """Lower-case words, apostrophes made one (п’ятниця, пʼятниця → п'ятниця), punctuation out."""
    folded = re.sub("[’ʼ`´]", "'", text.lower())
    return re.findall(r"[\w']+", folded)


def _weekday(number: int, day: date, *, tense: str, before: bool = False) -> str:
    """The closest such weekday: six days before to one after, or strictly past or future
    (the English resolver's rule, so that both languages date a weekday alike)."""
    offset = (number - day.weekday()) % 7
    if tense == "future" and offset == 0:
        offset = 7
    elif before or (tense == "past" and offset > 0) or (tense != "future" and offset > 1):
        offset -= 7
    return (day + timedelta(days=offset)).isoformat()


def _weekday_form(words: list[str], published: date, tense: str) -> Result | None:
    """ "у четвер", "минулого четверга", "в прошлый четверг", "наступного понеділка"."""
    rest = [word for word in words if word not in _PREPOSITIONS]
    if not rest or rest[-1] not in _WEEKDAYS or len(rest) > 2:
        return None
    number = _WEEKDAYS[rest[-1]]
    if len(rest) == 1 or rest[0] in _THIS:
        return "DATE", _weekday(number, published, tense=tense)
    if rest[0] in _PAST:
        return "DATE", _weekday(number, published, tense="past", before=True)
    if rest[0] in _NEXT:
        return "DATE", _weekday(number, published, tense="future")
    return None


def _day_form(words: list[str], published: date) -> Result | None:
    """ "сегодня утром", "вчора ввечері", "вечером вчера", "завтра"."""
    days = [word for word in words if word in _DAYS]
    parts = [word for word in words if word in _PARTS]
    if len(days) != 1 or len(parts) > 1 or len(days) + len(parts) != len(words):
        return None
    day = (published + timedelta(days=_DAYS[days[0]])).isoformat()
    return ("TIME", f"{day}T{_PARTS[parts[0]]}") if parts else ("DATE", day)


def _ago_form(words: list[str], published: date) -> Result | None:
    """ "тиждень тому", "неделю назад", "3 дні тому", "два года назад", "кілька днів тому"."""
    if len(words) not in {2, 3} or words[-1] not in _AGO or words[-2] not in _UNITS:
        return None
    unit = _UNITS[words[-2]]
    count = 1
    if len(words) == 3:
        first = words[0]
        if first.isdigit():
            count = int(first)
        elif first in _NUMBERS:
            count = _NUMBERS[first]
        else:
            return None
    if count < 0:  # "a few days ago": a time before the article, not a date
        return "DATE", "PAST_REF"
    if unit == "year":
        return "DATE", str(published.year - count)
    if unit == "month":
        months = published.year * 12 + published.month - 1 - count
        return "DATE", f"{months // 12}-{months % 12 + 1:02d}"
    days = count * (7 if unit == "week" else 1)
    return "DATE", (published - timedelta(days=days)).isoformat()


def _calendar_form(words: list[str], published: date | None, tense: str) -> Result | None:
    """ "24 лютого 2022 року", "у лютому", "в феврале 2022 года", "у 2014 році", "2014 года".

    A month without a year is this year's, or last year's when it is after the article's
    month (next year's in the future tense), as the English resolver dates "in February"."""
    rest = [w for w in words if w not in _CALENDAR_PREPOSITIONS and w not in _YEAR_WORDS]
    years = [word for word in rest if len(word) == 4 and word.isdigit()]
    months = [word for word in rest if word in _MONTHS]
    days = [word for word in rest if word.isdigit() and len(word) <= 2 and 0 < int(word) <= 31]
    if len(years) > 1 or len(months) > 1 or len(days) > 1 or not (years or months):
        return None
    if len(years) + len(months) + len(days) != len(rest) or (days and not months):
        return None
    if not months:
        return "DATE", years[0]
    month = _MONTHS[months[0]]
    if years:
        year = int(years[0])
    elif published is None:
        return "DATE", None
    else:
        year = published.year
        if tense == "future" and month < published.month:
            year += 1
        elif tense != "future" and month > published.month:
            year -= 1
    if not days:
        return "DATE", f"{year}-{month:02d}"
    try:
        return "DATE", date(year, month, int(days[0])).isoformat()
    except ValueError:  # "31 лютого"
        return "DATE", None


def _relative_form(words: list[str], published: date) -> Result | None:
    """ "на минулому тижні", "на прошлой неделе", "прошлой ночью", "минулої ночі"."""
    rest = [word for word in words if word not in _PREPOSITIONS]
    if len(rest) != 2 or rest[0] not in _PAST | _NEXT | _THIS:
        return None
    shift = -1 if rest[0] in _PAST else 1 if rest[0] in _NEXT else 0
    if rest[1] in _WEEK_WORDS:
        year, week, _ = (published + timedelta(weeks=shift)).isocalendar()
        return "DATE", f"{year}-W{week:02d}"
    if rest[1] in _NIGHT_WORDS and shift <= 0:  # "last night": the night before the article
        return "TIME", f"{(published - timedelta(days=1)).isoformat()}TNI"
    return None


@lru_cache(maxsize=64)
def _parser(day: date) -> Any:
    base = datetime(day.year, day.month, day.day)
    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base}
    return DateDataParser(languages=["uk", "ru"], settings=settings)


def _dateparser(text: str, published: date | None) -> Result:
    """What dateparser reads in Ukrainian or Russian, as TIMEX3 (by the period it found)."""
    parsed = _parser(published or date(2000, 1, 1)).get_date_data(text)
    if parsed is None or parsed.date_obj is None:
        return "DATE", None
    found: date = parsed.date_obj.date()
    period = str(parsed.period or "day")
    relative = not re.search(r"\d{4}", text)
    if published is None and relative:
        return "DATE", None  # a relative expression needs the article's date
    if period == "year":
        return "DATE", str(found.year)
    if period == "month":
        return "DATE", f"{found.year}-{found.month:02d}"
    if period == "week":
        year, week, _ = found.isocalendar()
        return "DATE", f"{year}-W{week:02d}"
    return "DATE", found.isoformat()


def normalize_slavic(text: str, published: date | None, *, tense: str = "present") -> Result | None:
    """Return ``(type, value)`` for a Russian or Ukrainian time expression, or None when the
    text has no Cyrillic letter (another resolver reads it).

    Args:
        text: The expression as written ("у четвер", "минулого тижня").
        published: The article's date, which relative expressions are resolved against.
        tense: "past", "present", "future" or "prospective": the tense of the sentence, as
            :func:`parallax.nlp.timex.normalize` takes it (a bare weekday in the past is
            never after the article's date, in the future never on or before it).
    """
    if not _CYRILLIC.search(text):
        return None
    words = _words(text)
    if (calendar := _calendar_form(words, published, tense)) is not None:
        return calendar
    if published is not None:
        found = (
            _weekday_form(words, published, tense)
            or _day_form(words, published)
            or _ago_form(words, published)
            or _relative_form(words, published)
        )
        if found is not None:
            return found
    return _dateparser(" ".join(words), published)
