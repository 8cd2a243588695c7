"""Time expressions in Russian and Ukrainian text: found by patterns, dated by the parse.

No statistical model here marks dates in either language, so a pattern finds the forms news
writes ("24 лютого 2022 року", "в феврале", "у четвер", "минулого тижня", "сегодня утром",
"три дні тому", "в 2014 году"); each is resolved by
:func:`parallax.nlp.dates_slavic.normalize_slavic` against the article's date, with the tense
of the verb that governs it in the parse (a bare weekday in a past-tense sentence is never
after the article's date), and records that verb as the event it dates.
"""

from __future__ import annotations

import re
from datetime import date

from parallax.model import TimeExpression
from parallax.nlp.dates_slavic import normalize_slavic
from parallax.nlp.parsed import Parsed

__all__ = ["EXTRACTOR", "find_dates"]

EXTRACTOR = "parallax.dates.slavic.v1"

_MONTH = (
    r"(?:січ|лют|берез|квіт|травн?|червн?|липн?|серпн?|вересн?|жовтн?|листопад|грудн?|"
    r"январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)"
    r"(?:ень|ня|ні|ий|ого|ому|ь|я|е|а|й|і|ад|ада|аді)?"
)
_YEAR = r"\d{4}(?:\s+(?:року|році|рік|роки|р\.|года|году|год|г\.))?"
_WEEKDAY = (
    r"(?:понеділ(?:ок|ка|ку)|вівтор(?:ок|ка|ку)|серед[аиу]|четвер(?:га|гу)?|п['’ʼ]ятниц[яюі]|"
    r"субот[аиу]|неділ[яюі]|понедельник[а]?|вторник[а]?|сред[аыу]|четверга?|пятниц[аыу]|"
    r"суббот[аыу]|воскресень[ея])"
)
_WHICH = (
    r"(?:минул\w*|попередн\w*|наступн\w*|ць\w*|цієї|цю|цей|прошл\w*|предыдущ\w*|следующ\w*|"
    r"будущ\w*|эт\w*)"
)
_DAY = r"(?:позавчора|позавчера|сьогодні|сегодня|вчора|вчера|завтра|післязавтра|послезавтра)"
_PART = r"(?:вранці|уранці|зранку|утром|ввечері|увечері|вечером|вночі|уночі|ночью|вдень|днем|днём)"
_UNIT = r"(?:дн\w*|доб\w*|діб|тижн\w*|тиждень|недел\w*|місяц\w*|месяц\w*|рок\w*|рік|лет|год\w*)"
_COUNT = (
    r"(?:\d+|один|одну|одна|два|дві|две|три|чотири|четыре|п['’]ять|пять|шість|шесть|сім|семь|"
    r"вісім|восемь|дев['’]ять|девять|десять|кілька|кількох|несколько)"
)
_PATTERN = re.compile(
    rf"(?:\b\d{{1,2}}\s+{_MONTH}\b(?:\s+{_YEAR})?"
    rf"|\b(?:в|у|во)\s+{_MONTH}\b(?:\s+{_YEAR})?"
    rf"|\b(?:(?:в|у|во)\s+)?{_YEAR}(?<=\S)(?!\w)"
    rf"|\b(?:(?:в|у|во|на)\s+)?(?:{_WHICH}\s+)?{_WEEKDAY}\b"
    rf"|\b{_DAY}(?:\s+{_PART})?\b"
    rf"|\b(?:{_COUNT}\s+)?{_UNIT}\s+(?:тому|назад)\b"
    rf"|\b(?:(?:на|в|у)\s+)?{_WHICH}\s+(?:тижн\w*|тиждень|недел\w*|місяц\w*|месяц\w*|"
    rf"року|році|рік|году|год|ночі|ночью|ніч|ночь)\b)",
    re.IGNORECASE,
)
_YEAR_ONLY = re.compile(r"(?:(?:в|у|во)\s+)?\d{4}", re.IGNORECASE)
_TENSES = {"Past": "past", "Pres": "present", "Fut": "future"}
_ROLES = {"root": "main", "ccomp": "complement", "xcomp": "complement", "parataxis": "main"}
_ADVERBIAL = frozenset({"advcl", "obl", "advmod"})


def _event(parsed: Parsed, start: int, end: int) -> tuple[int, str, str] | None:
    """The verb that governs ``[start, end)``: (token index, tense, clause role)."""
    inside = parsed.tokens_in(start, end)
    if not inside:
        return None
    index, seen = inside[-1], set(inside)
    while parsed.tokens[index].head in seen:  # the expression's own head word
        seen.discard(index)  # the parser does not promise a tree: never walk a cycle
        index = parsed.tokens[index].head
    visited = {index}
    while parsed.tokens[index].pos not in {"VERB", "AUX"}:
        index = parsed.tokens[index].head
        if index < 0 or index in visited:
            return None
        visited.add(index)
    verb = parsed.tokens[index]
    tense = _TENSES.get(verb.tense or "", "present")
    role = _ROLES.get(verb.rel, "adverbial" if verb.rel in _ADVERBIAL else "modifier")
    return index, tense, role


def find_dates(
    article_id: str, parsed: Parsed, published: date | None
) -> tuple[TimeExpression, ...]:
    """Find and resolve the time expressions of a parsed Russian or Ukrainian article.

    Args:
        article_id: The article the expressions belong to.
        parsed: The article as its stage parsed it.
        published: The article's date, which relative expressions are resolved against.
    """
    found: list[TimeExpression] = []
    for match in _PATTERN.finditer(parsed.text):
        text = match.group()
        if _YEAR_ONLY.fullmatch(text):
            continue  # a bare four-digit number is a count as often as a year
        event = _event(parsed, match.start(), match.end())
        tense = event[1] if event else "present"
        kind, value = normalize_slavic(text, published, tense=tense) or ("DATE", None)
        verb = parsed.tokens[event[0]] if event else None
        found.append(
            TimeExpression(
                article_id, match.start(), match.end(), text, kind, value, EXTRACTOR,
                verb.start if verb else None, verb.end if verb else None,
                event[1] if event else None, event[2] if event else None,
            )
        )  # fmt: skip
    return tuple(found)
