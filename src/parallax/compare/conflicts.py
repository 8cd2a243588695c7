"""Rules that tell how two related claims conflict: numbers, dates, negation, actors, cause.

Each rule reads two :class:`~parallax.compare.align.ClaimView` already judged related (by
:mod:`parallax.compare.align`) and returns a :class:`Conflict` with the kind, an explanation in
words and the spans that conflict, or None. They are deliberately narrow: each asks that the two
claims share the event they describe (content words outside what conflicts) before it calls a
difference a contradiction. :func:`find_conflict` tries them in order and returns the first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from parallax.compare.align import ClaimView
from parallax.comparison import Evidence
from parallax.models.text import NEGATIONS, content_terms, word_spans

RULES_NAME = "parallax.compare.conflicts.rules.v1"
NUMBER_TOLERANCE = 0.05  # relative difference below which two numbers agree
NEGATION_OVERLAP = 0.6  # share of content words two claims must share for a negation conflict
ACTOR_OVERLAP = 0.5  # share of non-entity content words for an actor conflict
CAUSE_OVERLAP = 0.34  # two causes sharing at least this share of words are the same cause
MIN_SHARED_EVENT = 2  # content words (outside what conflicts) two claims must share

# Phrases that introduce the reason for what a claim states, longest first.
_CAUSE_CUES = (
    "as a result of", "in retaliation for", "in response to", "on the grounds that",
    "as part of", "because of", "owing to", "thanks to", "prompted by", "triggered by",
    "caused by", "driven by", "due to", "because", "citing",
)  # fmt: skip
CAUSE_CUE = re.compile(
    r"\b(?:" + "|".join(re.escape(cue) for cue in _CAUSE_CUES) + r")\b", re.IGNORECASE
)
_CLAUSE_END = re.compile(
    r"[;:!?]|(?<![A-Z])\.(?:\s|$)|\s[–—-]\s|,\s*(?:but|while|whereas|although)\b"
)  # a full stop after a capital ("U.S.") ends no clause
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class Conflict:
    """How two claims conflict: one of the conflict kinds, in words, with the spans at odds."""

    kind: str
    explanation: str
    spans: tuple[Evidence, ...] = ()
    rule: str = RULES_NAME


def sub_span(evidence: Evidence, start: int, end: int) -> Evidence:
    """Return the part ``[start, end)`` (offsets into the claim's text) of a claim's span."""
    return Evidence(
        evidence.article_id,
        evidence.outlet,
        evidence.start + start,
        evidence.start + end,
        evidence.text[start:end],
    )


def _terms(text: str) -> set[str]:
    return {t for t in content_terms(text) if not t.isdigit()}


def _shared_event(first: str, second: str) -> set[str]:
    return _terms(first) & _terms(second)


# --- numbers ---------------------------------------------------------------------------------
def numbers_conflict(a: ClaimView, b: ClaimView) -> Conflict | None:
    """Two claims count the same thing (same unit words) with different numbers."""
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.value is None or qb.value is None or not qa.unit or not qb.unit:
                continue
            if not _terms(qa.unit) & _terms(qb.unit):
                continue
            scale = max(abs(qa.value), abs(qb.value)) or 1.0
            if abs(qa.value - qb.value) / scale <= NUMBER_TOLERANCE:
                continue
            if any(q.value == qa.value for q in b.quantities) or any(
                q.value == qb.value for q in a.quantities
            ):
                continue  # each claim also states the other's number
            rest_a = a.text[: qa.start - a.evidence.start] + a.text[qa.end - a.evidence.start :]
            rest_b = b.text[: qb.start - b.evidence.start] + b.text[qb.end - b.evidence.start :]
            if len(_shared_event(rest_a, rest_b)) < MIN_SHARED_EVENT - 1:
                continue
            spans = (
                sub_span(a.evidence, qa.start - a.evidence.start, qa.end - a.evidence.start),
                sub_span(b.evidence, qb.start - b.evidence.start, qb.end - b.evidence.start),
            )
            return Conflict("numbers", f"{qa.text} vs {qb.text}", spans)
    return None


# --- dates -----------------------------------------------------------------------------------
def date_interval(value: str | None) -> tuple[date, date] | None:
    """Return the first and last day a TIMEX3 date value covers (day, ISO week, month, year)."""
    match = _DATE_VALUE.match(value or "")
    if not match:
        return None
    year, month, day, week = match.groups()
    try:
        if week:
            first = date.fromisocalendar(int(year), int(week), 1)
            return first, first + timedelta(days=6)
        if day:
            found = date(int(year), int(month), int(day))
            return found, found
        if month:
            first = date(int(year), int(month), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        return date(int(year), 1, 1), date(int(year), 12, 31)
    except ValueError:
        return None


def dates_conflict(a: ClaimView, b: ClaimView) -> Conflict | None:
    """Two claims date the same event differently: no stated date of one overlaps the other's."""
    found_a = [(d, i) for d in a.dates if d.type == "DATE" and (i := date_interval(d.value))]
    found_b = [(d, i) for d in b.dates if d.type == "DATE" and (i := date_interval(d.value))]
    if not found_a or not found_b:
        return None
    for _, (start_a, end_a) in found_a:
        for _, (start_b, end_b) in found_b:
            if start_a <= end_b and start_b <= end_a:
                return None  # some stated dates agree
    rest_a, rest_b = a.text, b.text
    for d, _ in found_a:
        rest_a = rest_a.replace(d.text, " ")
    for d, _ in found_b:
        rest_b = rest_b.replace(d.text, " ")
    if len(_shared_event(rest_a, rest_b)) < MIN_SHARED_EVENT:
        return None
    (da, _), (db, _) = found_a[0], found_b[0]
    spans = (
        sub_span(a.evidence, da.start - a.evidence.start, da.end - a.evidence.start),
        sub_span(b.evidence, db.start - b.evidence.start, db.end - b.evidence.start),
    )
    return Conflict("dates", f"{da.text} ({da.value}) vs {db.text} ({db.value})", spans)


# --- negation --------------------------------------------------------------------------------
def _negations(text: str) -> list[tuple[int, int, str]]:
    return [(s, e, w) for s, e, w in word_spans(text) if w in NEGATIONS]


def negation_conflict(a: ClaimView, b: ClaimView) -> Conflict | None:
    """Two claims say nearly the same words, and one of them negates them."""
    neg_a, neg_b = _negations(a.text), _negations(b.text)
    if len(neg_a) % 2 == len(neg_b) % 2:
        return None
    terms_a, terms_b = _terms(a.text), _terms(b.text)
    if not terms_a or not terms_b:
        return None
    if len(terms_a & terms_b) / min(len(terms_a), len(terms_b)) < NEGATION_OVERLAP:
        return None
    negated, other = (a, b) if len(neg_a) % 2 else (b, a)
    start, end, word = (neg_a if negated is a else neg_b)[0]
    spans = (sub_span(negated.evidence, start, end),)
    return Conflict(
        "negation", f"{negated.outlet} negates it (“{word}”), {other.outlet} does not", spans
    )


# --- actors ----------------------------------------------------------------------------------
def actors_conflict(a: ClaimView, b: ClaimView) -> Conflict | None:
    """Two claims state the same act of different actors ("Russia struck" / "Ukraine struck")."""
    only_a = [e for e in a.entities if e not in b.entities]
    only_b = [e for e in b.entities if e not in a.entities]
    if not only_a or not only_b:
        return None

    def outside_entities(view: ClaimView) -> set[str]:
        kept = list(view.text)
        for mention in view.mentions:
            for k in range(mention.start - view.evidence.start, mention.end - view.evidence.start):
                kept[k] = " "
        return _terms("".join(kept))

    rest_a, rest_b = outside_entities(a), outside_entities(b)
    if not rest_a or not rest_b:
        return None
    if len(rest_a & rest_b) / min(len(rest_a), len(rest_b)) < ACTOR_OVERLAP:
        return None
    if len(rest_a & rest_b) < MIN_SHARED_EVENT:
        return None
    first = next(m for m in a.mentions if m.entity == only_a[0])
    second = next(m for m in b.mentions if m.entity == only_b[0])
    spans = (
        sub_span(a.evidence, first.start - a.evidence.start, first.end - a.evidence.start),
        sub_span(b.evidence, second.start - b.evidence.start, second.end - b.evidence.start),
    )
    return Conflict("actors", f"{only_a[0]} vs {only_b[0]}", spans)


# --- cause -----------------------------------------------------------------------------------
def cause_clause(text: str) -> tuple[int, int, int] | None:
    """Return ``(cue start, cause start, cause end)`` of the first stated reason in ``text``."""
    cue = CAUSE_CUE.search(text)
    if cue is None:
        return None
    start = cue.end()
    while start < len(text) and text[start] in " ,":
        start += 1
    stop = _CLAUSE_END.search(text, start)
    end = stop.start() if stop else len(text)
    end = len(text[:end].rstrip(" ,.”\"'’"))
    return (cue.start(), start, end) if end > start else None


def cause_conflict(a: ClaimView, b: ClaimView) -> Conflict | None:
    """Two claims about the same event give different reasons for it."""
    found_a, found_b = cause_clause(a.text), cause_clause(b.text)
    if found_a is None or found_b is None:
        return None
    cue_a, start_a, end_a = found_a
    cue_b, start_b, end_b = found_b
    cause_a, cause_b = _terms(a.text[start_a:end_a]), _terms(b.text[start_b:end_b])
    if not cause_a or not cause_b:
        return None
    if len(_shared_event(a.text[:cue_a], b.text[:cue_b])) < MIN_SHARED_EVENT:
        return None  # not the same event
    if len(cause_a & cause_b) / len(cause_a | cause_b) >= CAUSE_OVERLAP:
        return None  # the same cause in other words
    own_a, own_b = cause_a - cause_b, cause_b - cause_a
    if not own_a or not own_b:
        return None  # one cause lies within the other (it used to divide by zero here)
    if len(own_a & _terms(b.text)) / len(own_a) >= 0.5:
        return None  # the other claim states this cause too, elsewhere in its sentence
    if len(own_b & _terms(a.text)) / len(own_b) >= 0.5:
        return None
    spans = (sub_span(a.evidence, start_a, end_a), sub_span(b.evidence, start_b, end_b))
    explanation = (
        f"different causes: “{spans[0].text}” ({a.outlet}) vs “{spans[1].text}” ({b.outlet})"
    )
    return Conflict("cause", explanation, spans)


RULES: tuple[Callable[[ClaimView, ClaimView], Conflict | None], ...] = (
    numbers_conflict,
    dates_conflict,
    negation_conflict,
    actors_conflict,
    cause_conflict,
)


def find_conflict(
    a: ClaimView,
    b: ClaimView,
    rules: Sequence[Callable[[ClaimView, ClaimView], Conflict | None]] = RULES,
) -> Conflict | None:
    """Return the first conflict a rule finds between two related claims, or None."""
    for rule in rules:
        found = rule(a, b)
        if found is not None:
            return found
    return None
