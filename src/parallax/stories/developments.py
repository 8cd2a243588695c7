"""Which sentences report a development, and the date of the event each one reports.

A sentence is dated by the time expression attached to its event: the NLP stage records, for
each expression, the predicate that governs it, that predicate's tense and its clause's role
(:class:`parallax.model.TimeExpression`). An expression in the main clause dates the
sentence's development before one in a reported (complement) clause, and that before one in
an adverbial clause ("after …"), and any of those before one inside a noun phrase ("Tuesday's
vote", "this year's nomination"); one inside a modifier ("the province, which it annexed in
2014", "Sarah Palin, the 2008 nominee") dates a participant's past, not the development, and is
passed over, and so is a time that bounds a state, is what the event is compared with, is
"this year" of a state, or lies ahead under "could" (:mod:`parallax.stories.time_states`). A
date after the
article's publication dates a development only when its event is scheduled (future tense or
a modal: "is scheduled to appear on Thursday") and not far ahead (an outlook years away is no
development of the story); otherwise it was resolved wrongly or is no development.

A sentence with no such date reports a development only when it holds an event word (the
packaged ``event_words.txt``) and a verb in the simple past, not negated: background states
("He has complained that …", present perfect), habits and present-tense states ("Russia
insists on …") and non-events ("the US has not declared a pause") are left out. Such a
sentence is dated by its article's publication: "reported by" that day. Russian and Ukrainian
sentences are read by the same rule in their own words
(:mod:`parallax.stories.developments_slavic`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from parallax.model import Claim, TimeExpression
from parallax.stories.developments_slavic import SLAVIC, reports_development_slavic
from parallax.stories.features import tokenize
from parallax.stories.periods import GRAINS as GRAINS
from parallax.stories.periods import period_end as period_end
from parallax.stories.periods import period_start as period_start
from parallax.stories.periods import precision_of as precision_of
from parallax.stories.time_states import (
    IRREGULAR_PAST,
    bounds_a_state,
    current_state,
    possible,
    time_of_an_earlier_event,
)

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Roles in the order they date a sentence's development; None: an analysis made before the
# dates extractor recorded roles, read as the main clause (the old first-date behaviour).
_ROLE_RANK = {"main": 0, None: 0, "complement": 1, "adverbial": 2, "nominal": 3}
SCHEDULED_TENSES = frozenset({"future", "prospective"})

_WORD = re.compile(r"[A-Za-z’']+")
# Words after which an "-ed" form is not a simple past: perfect, passive present, adjective.
_NOT_FINITE_WORDS = (
    "has have 've ’ve having been be being is are am 's the a an this that these those "
    "its their his her our your my very more most already newly well"
)
_NOT_FINITE_BEFORE = frozenset(_NOT_FINITE_WORDS.split())
_PREPOSITIONS = frozenset({"in", "by", "at", "on", "from", "with", "under", "during"})
_NEGATION = re.compile(r"\b(?:not|never|no\s+sign|no\s+longer)\b|n['’]t\b", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}T")
_NAMED_DAY = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tomorrow|jan|feb|mar|apr"
    r"|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# Words of a quote that name the day it was spoken, or the day before.
_SPEECH_DAY = re.compile(
    r"^(?:today|tonight|yesterday|this\s+(?:morning|afternoon|evening))$", re.IGNORECASE
)
#: How far before a claim (characters) the day its quote was spoken is sought.
SPEECH_WINDOW = 400
_PERFECT = re.compile(
    r"\b(?:has|have|'ve|’ve)\s+(?:(?:not|never|\w+ly|now|also|already|long|since)\s+)*"
    r"(?:been\s+)?\w+(?:ed|en|wn|ne|ng|t)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def event_words() -> frozenset[str]:
    """Return the packaged words that mark a sentence as reporting a development."""
    text = resources.files("parallax.data").joinpath("event_words.txt").read_text("utf-8")
    lines = (line.split("#", 1)[0] for line in text.splitlines())
    return frozenset(word for line in lines for word in line.split())


@dataclass(frozen=True, slots=True)
class Dating:
    """When a sentence's development happened, and how that is known.

    ``basis`` is ``stated`` (a time expression attached to the event) or ``published`` (no
    date is stated: reported by its article's publication day); ``scheduled``: the event is
    announced for a later date ("will meet on Monday").
    """

    value: str
    precision: str
    basis: str
    scheduled: bool = False
    expression: TimeExpression | None = None


#: What :func:`_stated` returns for a claim dated only by a relative time inside a quote that
#: the text does not anchor: that time dates nothing, and only the words outside the quotes
#: may make the sentence a development (:func:`date_claim`).
UNDATED_QUOTE = Dating("", "", "quoted")


def _stated(
    claim: Claim,
    dates: Sequence[TimeExpression],
    published: date | None,
    ahead_days: int,
    quoted: Sequence[tuple[int, int]] = (),
) -> Dating | None:
    """The date of the claim's event from the time expressions inside it, if one dates it.
    A relative time inside a quote is read by :func:`_spoken` (the speaker's time)."""
    candidates = []
    spoken: list[TimeExpression] = []
    for expression in dates:
        if not (claim.start <= expression.start and expression.end <= claim.end):
            continue
        if _quoted_relative(expression, quoted):
            spoken.append(expression)
            continue
        value = _day_of(expression)
        grain = precision_of(value)
        rank = _ROLE_RANK.get(expression.event_role)
        if grain is None or rank is None or value is None:
            continue
        if rank == _ROLE_RANK["nominal"] and _inside(expression, quoted):
            continue  # "claimed the “… campaign of '08 has become …”": not when he claimed it
        if bounds_a_state(claim, expression) or current_state(claim, expression, value, published):
            continue
        past = published is not None and period_end(value) < published
        if time_of_an_earlier_event(claim, expression, past):
            continue  # "granted … interviews after getting testy … late Tuesday": a bound
        scheduled = expression.event_tense in SCHEDULED_TENSES and not possible(claim, expression)
        if published is not None and period_start(value) > published:
            if not scheduled or (period_start(value) - published).days > ahead_days:
                continue  # a past event dated after its report is a wrong reading; an event
                # years ahead ("in January 2017, the country will have a new president") is
                # an outlook, not a development of the story
        else:
            scheduled = False
        candidates.append((rank, expression.start, expression, value, grain, scheduled))
    if not candidates:
        return _spoken(claim, spoken, dates, published, quoted)
    _, _, expression, value, grain, scheduled = min(candidates, key=lambda c: (c[0], c[1]))
    return Dating(value, grain, "stated", scheduled, expression)


def _inside(expression: TimeExpression, quoted: Sequence[tuple[int, int]]) -> bool:
    return any(start <= expression.start and expression.end <= end for start, end in quoted)


def _quoted_relative(expression: TimeExpression, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether a time expression is relative ("today", "Thursday", "last week": no digit)
    and inside someone's quoted words: relative to when they spoke, not to the article's day."""
    return not _DIGIT.search(expression.text) and _inside(expression, quoted)


def _spoken(
    claim: Claim,
    spoken: Sequence[TimeExpression],
    dates: Sequence[TimeExpression],
    published: date | None,
    quoted: Sequence[tuple[int, int]],
) -> Dating | None:
    """The date of a claim dated only by a relative time inside a quote. "Today" (or
    "yesterday") in someone's words is the day they spoke (or the day before) when the text
    just before the claim gives that day ("The pair spoke again at length on Thursday …" then
    "Trump was clear: "No, I didn't make any progress with him today at all …""); any other
    relative time in a quote, or one with no such day, dates nothing ("“Today the Congress
    regulates our lives …,” he said."): :data:`UNDATED_QUOTE`; unless it dates an event the
    speaker tells in the past ("“Today, his fellow Missourians urged him to step aside …,” Mr.
    Romney said in a statement"): words reported with no day of their own were said by the
    article's day, and its reading of the time stands."""
    if not spoken:
        return None
    day = next((e for e in spoken if _SPEECH_DAY.match(e.text.strip())), None)
    anchor = _speech_day(claim, dates, published, quoted) if day is not None else None
    if day is None or anchor is None:
        told = [e for e in spoken if e.event_tense == "past" and not bounds_a_state(claim, e)]
        stated = _stated(claim, told, published, 0)  # as the article's day reads them
        return stated if stated is not None and not stated.scheduled else UNDATED_QUOTE
    spoke = date.fromisoformat(anchor)
    if day.text.strip().lower() == "yesterday":
        spoke -= timedelta(days=1)
    return Dating(spoke.isoformat(), "day", "stated", False, day)


def _speech_day(
    claim: Claim,
    dates: Sequence[TimeExpression],
    published: date | None,
    quoted: Sequence[tuple[int, int]],
) -> str | None:
    """The day the text gives just before a claim (within :data:`SPEECH_WINDOW` characters),
    outside any quote, in a main clause, not after publication: when the words were said."""
    for expression in reversed(dates):
        if expression.end > claim.start:
            continue
        if claim.start - expression.end > SPEECH_WINDOW:
            break
        value = _day_of(expression)
        if value is None or not _DAY.match(value) or _inside(expression, quoted):
            continue
        if expression.event_role not in {"main", None}:
            continue
        if published is not None and date.fromisoformat(value) > published:
            continue
        return value
    return None


def _day_of(expression: TimeExpression) -> str | None:
    """A time of a named day ("Wednesday night": ``2014-08-20TNI``; "Sunday afternoon") dates
    its development at the day. A bare clock time or "tonight" names no day ("At 9:52 p.m., a
    C.I.A. spokesman e-mailed …" in an account of e-mails sent months before): none."""
    value = expression.value
    if not value or not _TIME_OF_DAY.match(value):
        return value
    return value[:10] if _NAMED_DAY.search(expression.text) else None


def _simple_past(words: list[str]) -> bool:
    """Whether a verb in the simple past (or a past passive) is among ``words``."""
    for i, word in enumerate(words):
        lower = word.lower().replace("’", "'")
        before = words[i - 1].lower() if i else ""
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        if before in _NOT_FINITE_BEFORE:
            continue
        if lower in IRREGULAR_PAST:
            return True
        # "concerns outlined in its memorandum": a participle after a noun, unless passive.
        reduced = after in _PREPOSITIONS and before not in {"was", "were"}
        if len(lower) > 4 and lower.endswith("ed") and not reduced:
            return True
    return False


def reports_development(text: str, terms: set[str]) -> bool:
    """Whether an undated sentence reports a development (see the module's docstring).

    Args:
        text: the sentence.
        terms: its content words as :func:`parallax.stories.features.tokenize` writes them.
    """
    if not event_words() & terms or _NEGATION.search(text):
        return False
    perfect = _PERFECT.search(text)
    # A present perfect before any simple past is the sentence's own verb: a state reached.
    return _simple_past(_WORD.findall(text[: perfect.start()] if perfect else text))


#: How a sentence ends; a headline has none of these.
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")", "…", ":")
#: A headline's length at most, in words (a lede that lost its full stop is longer).
HEADLINE_WORDS = 20


def is_headline(claim: Claim) -> bool:
    """Whether a claim is the article's headline repeated as its first line ("Glenn Beck CPAC
    2010 Speech VIDEO: Republicans Don't Need A Big Tent"): it opens the text, on one line of
    at most :data:`HEADLINE_WORDS` words, with no sentence-final punctuation. A headline
    announces the story; it is no development of it, and a date in it ("2010") is no event's.
    """
    text = claim.text.strip()
    return (
        claim.start == 0
        and "\n" not in text
        and len(text.split()) <= HEADLINE_WORDS
        and not text.endswith(_SENTENCE_END)
    )


def date_claim(
    claim: Claim,
    dates: Sequence[TimeExpression],
    published: date | None,
    terms: set[str],
    *,
    ahead_days: int = 180,
    language: str | None = None,
    quoted: Sequence[tuple[int, int]] = (),
) -> Dating | None:
    """Return the date of the development a claim reports, or None when it reports none (a
    headline repeated as the first line, :func:`is_headline`, reports none).

    Args:
        claim: the sentence.
        dates: the time expressions of its article.
        published: its article's publication date.
        terms: its content words (:func:`parallax.stories.features.tokenize`).
        ahead_days: how far after publication a scheduled event may be dated.
        language: its article's language: Russian and Ukrainian sentences with no date are
            read by the same rule in their words (:mod:`parallax.stories.developments_slavic`);
            any other (None: unknown) by the English one.
        quoted: the spans of its article's direct and partial quotes: a relative time inside
            one is the speaker's, not the article's (:func:`_spoken`).
    """
    if is_headline(claim):
        return None
    stated = _stated(claim, dates, published, ahead_days, quoted)
    if stated is UNDATED_QUOTE:
        # only the words outside the quotes may report a development ("…,” he said.": none)
        text = _outside(claim, quoted)
        terms = set(tokenize(text))
        claim = Claim(claim.article_id, claim.start, claim.end, text, claim.score, claim.extractor)
        stated = None
    if stated is not None:
        return stated
    if published is None:
        return None
    if language in SLAVIC:
        reports = reports_development_slavic(claim.text, language)
    else:
        reports = reports_development(claim.text, terms)
    if reports:
        return Dating(published.isoformat(), "day", "published")
    return None


def _outside(claim: Claim, quoted: Sequence[tuple[int, int]]) -> str:
    """The claim's text with the quotes in it blanked."""
    chars = list(claim.text)
    for start, end in quoted:
        for i in range(max(start, claim.start), min(end, claim.end)):
            chars[i - claim.start] = " "
    return "".join(chars)


#: Words after a quote's end that only say who spoke ("” McCoy added."), at most.
_ATTRIBUTION_WORDS = 8


def inside_quote(claim: Claim, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether a claim lies inside a direct or partial quote: someone else's words ("“…A hard,
    progressive left captured the Democrat majority …”", a blog post quoted), which no
    development of the story is; also the last sentence of a quote with its attribution ("“…
    He agreed somewhat to what everyone said,” McCoy added.")."""
    return any(
        start <= claim.start
        and (
            claim.end <= end
            or (
                claim.start < end
                and start < claim.start
                and len(claim.text[end - claim.start :].split()) <= _ATTRIBUTION_WORDS
            )
        )
        for start, end in quoted
    )
