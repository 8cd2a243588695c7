"""Rules that tell how two related claims conflict: numbers, dates, negation, actors, cause,
outcome (:mod:`parallax.compare.outcomes`).

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

from parallax.compare.align import ClaimView
from parallax.compare.date_values import date_interval, dates_compatible
from parallax.compare.events import (
    masked,
    same_event,
    shared_event,
    slot,
    terms,
)
from parallax.compare.names import name_tokens, name_variants
from parallax.compare.outcomes import outcomes_conflict
from parallax.comparison import Evidence
from parallax.model import Mention, Quantity
from parallax.models.text import NEGATIONS, WORD, content_terms, word_spans, words

# v3: the outcome rule. v4: a stance contradiction needs one claim to negate the other.
RULES_NAME = "parallax.compare.conflicts.rules.v4"
NUMBER_TOLERANCE = 0.05  # relative difference below which two numbers agree
APPROXIMATE_TOLERANCE = 0.2  # ... and below which "about N" agrees with another number
NEGATION_OVERLAP = 0.7  # share of content words two claims must share for a negation conflict
ACTOR_OVERLAP = 0.6  # share of non-entity content words for an actor conflict
CAUSE_OVERLAP = 0.34  # two causes sharing at least this share of words are the same cause
CAUSE_WITHIN = 0.5  # ... or this share of the shorter cause's words
CAUSE_SIMILAR = 0.5  # ... or this MiniLM cosine (seed causes 0.36; BASIL same causes 0.54, 0.72)
DATE_EVENT_SHARE = 0.6  # share of content words (outside the dates) for a dates conflict
MIN_SHARED_CAUSE = 2  # ... before the cause cue, for a cause conflict
NEGATED_WORDS = 3  # content words after a negation that the other claim must state
STANCE_NEGATED_SHARED = 2  # ... of which the other claim must state this many to back a stance

_DATELINE = re.compile(r"\s*(?:\(AP\)\s*)?[—–-]|\s*\(AP\)")
_CONDITION = re.compile(r"\b(?:if|unless|whether)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:—–]")
_CLAUSE_START = re.compile(r"[,;:—–()\[\]]")
# Stems of verbs and nouns that negate what follows them without a negation word.
_NEGATIVE_VERBS = frozenset(
    ("fail", "refus", "deny", "lack", "reject", "declin", "avoid", "unabl", "absenc")
)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_QUALIFIERS = {
    "min": ("more", "over", "least", "upwards", "exceeding", "above"),
    "max": ("less", "fewer", "under", "up to", "most", "nearly", "almost", "below"),
    "about": ("about", "around", "roughly", "some", "approximately", "estimated", "nearly"),
}
_QUALIFIER = re.compile(
    r"\b(more|over|least|upwards|exceeding|above|less|fewer|under|up\s+to|most|nearly|almost|below"
    r"|about|around|roughly|some|approximately|estimated)(?:\s+(?:than|of|an|a))?\s*\W*$",
    re.IGNORECASE,
)
# Entity labels of one kind: rivals in a claim's slot must be of one kind.
_LOCATIVES = frozenset(
    ("in", "at", "near", "from", "to", "of", "into", "across", "outside", "inside", "around")
)
_ENTITY_KINDS = {"GPE": "place", "LOC": "place", "FAC": "place", "PERSON": "person", "ORG": "org"}

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
    r"[;:!?]|(?<=\S)[\"”](?=[\s,.]|$)|(?<![A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)\.(?:\s|$)"
    r"|\s[–—-]\s|,\s*(?:but|while|whereas|although|as well as)\b"
)  # a full stop after a capital ("U.S.") or a title ends no clause; a closing quote does


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


def _local(view: ClaimView, start: int, end: int) -> tuple[int, int]:
    return start - view.evidence.start, end - view.evidence.start


# --- numbers ---------------------------------------------------------------------------------
def _head(quantity: Quantity) -> str | None:
    """Return the head noun of a quantity's unit (its last content word), or None when there
    is none or it is a name as written ("2-Egypt": a wire story's update number, no count)."""
    found = [w for w in WORD.findall(quantity.text) if not w.isdigit()]
    if found and found[-1][:1].isupper():
        return None
    terms = [t for t in content_terms(quantity.unit or "") if not t.isdigit()]
    return terms[-1] if terms else None


def _bound(text: str, start: int, quantity: Quantity) -> str | None:
    """Return ``"min"``, ``"max"`` or ``"about"`` when the words before a number qualify it
    (in the claim before the quantity, or in the quantity before its first digit)."""
    digit = _DIGITS.search(quantity.text)
    lead = quantity.text[: digit.start()] if digit else ""
    found = _QUALIFIER.search(text[max(0, start - 24) : start] + " " + lead)
    if found is None:
        return None
    word = " ".join(found.group(1).lower().split())
    return next(kind for kind, cues in _QUALIFIERS.items() if word in cues)


def _numbers_agree(x: float, bound_x: str | None, y: float, bound_y: str | None) -> bool:
    scale = max(abs(x), abs(y)) or 1.0
    if abs(x - y) / scale <= NUMBER_TOLERANCE:
        return True
    for value, bound, other in ((x, bound_x, y), (y, bound_y, x)):
        if bound == "about" and abs(value - other) / scale <= APPROXIMATE_TOLERANCE:
            return True
        if bound == "min" and other >= value * (1 - NUMBER_TOLERANCE):
            return True
        if bound == "max" and other <= value * (1 + NUMBER_TOLERANCE):
            return True
    return False


def numbers_conflict(a: ClaimView, b: ClaimView) -> Conflict | None:
    """Two claims count the same thing of one event with different numbers.

    The same thing: the same head noun of the unit ("500 *drones*" / "300 *drones*"), in the
    same slot (:func:`slot`), in claims that describe one event (:func:`same_event`) once the
    numbers are blanked out. Qualified numbers ("more than $1 million", "about 300") agree
    with any number they allow.
    """
    for qa in a.quantities:
        for qb in b.quantities:
            if qa.value is None or qb.value is None or not qa.unit or not qb.unit:
                continue
            head = _head(qa)
            if head is None or head != _head(qb):
                continue
            sa, ea = _local(a, qa.start, qa.end)
            sb, eb = _local(b, qb.start, qb.end)
            if _numbers_agree(qa.value, _bound(a.text, sa, qa), qb.value, _bound(b.text, sb, qb)):
                continue
            if _DIGITS.findall(qa.text) == _DIGITS.findall(qb.text):
                continue  # the same figure, its scale read differently ("$70-million")
            if any(q.value == qa.value for q in b.quantities) or any(
                q.value == qb.value for q in a.quantities
            ):
                continue  # each claim also states the other's number
            if not slot(a.text, sa, ea) & slot(b.text, sb, eb):
                continue  # not the same count (another candidate's share of a poll)
            rest_a = masked(a.text, [_local(a, q.start, q.end) for q in a.quantities])
            rest_b = masked(b.text, [_local(b, q.start, q.end) for q in b.quantities])
            if not same_event(rest_a, rest_b):
                continue
            spans = (sub_span(a.evidence, sa, ea), sub_span(b.evidence, sb, eb))
            return Conflict("numbers", f"{qa.text} vs {qb.text}", spans)
    return None


# --- dates -----------------------------------------------------------------------------------
def dates_conflict(a: ClaimView, b: ClaimView) -> Conflict | None:
    """Two claims date the same event differently.

    Each claim states a date no date of the other is compatible with
    (:func:`dates_compatible`); the two dates are attached to the same word of the event
    (the content word next to them on one side: "spoke on Thursday" / "spoke on Wednesday"), not a
    sentence's background year; and the claims describe one event once the dates are blanked.
    """
    found_a = [(d, i) for d in a.dates if d.type == "DATE" and (i := date_interval(d.value))]
    found_b = [(d, i) for d in b.dates if d.type == "DATE" and (i := date_interval(d.value))]
    if not found_a or not found_b:
        return None
    for da, ia in found_a:
        for db, ib in found_b:
            if dates_compatible(da.text, ia, db.text, ib):
                return None  # some stated dates agree
    rest_a = masked(a.text, [_local(a, d.start, d.end) for d, _ in found_a])
    rest_b = masked(b.text, [_local(b, d.start, d.end) for d, _ in found_b])
    if not same_event(rest_a, rest_b, DATE_EVENT_SHARE):
        return None
    for da, _ in found_a:
        for db, _ in found_b:
            sa, ea = _local(a, da.start, da.end)
            sb, eb = _local(b, db.start, db.end)
            if not slot(a.text, sa, ea, 1) & slot(b.text, sb, eb, 1):
                continue  # the word next to each date is not the same
            spans = (sub_span(a.evidence, sa, ea), sub_span(b.evidence, sb, eb))
            return Conflict("dates", f"{da.text} ({da.value}) vs {db.text} ({db.value})", spans)
    return None


# --- negation --------------------------------------------------------------------------------
def _negations(text: str) -> list[tuple[int, int, str]]:
    return [(s, e, w) for s, e, w in word_spans(text) if w in NEGATIONS]


def negation_conflict(a: ClaimView, b: ClaimView) -> Conflict | None:
    """One claim negates what the other asserts, in nearly the same words.

    The other claim has no negation and asserts rather than asks ("whether", "if") or negates
    in other words ("failing to"); the negation is not inside a condition ("if they don't
    pass") or brackets; the other claim states the words it negates (up to
    :data:`NEGATED_WORDS` of its clause); and the two share most content words
    (:data:`NEGATION_OVERLAP`).
    """
    neg_a, neg_b = _negations(a.text), _negations(b.text)
    if bool(neg_a) == bool(neg_b):
        return None
    negated, other, found = (a, b, neg_a) if neg_a else (b, a, neg_b)
    if len(found) != 1 or _CONDITION.search(other.text):
        return None
    start, end, word = found[0]
    clause = _CLAUSE_BREAK.split(negated.text[:start])[-1]
    if _CONDITION.search(clause) or negated.text[:start].count("(") > negated.text[:start].count(
        ")"
    ):
        return None  # a condition ("if they don't"), or an aside in brackets
    other_terms = terms(other.text)
    if other_terms & _NEGATIVE_VERBS:
        return None  # "failing to address" says "not addressing" in other words
    rest = _CLAUSE_START.split(negated.text[end:])[0]
    following = [t for t in content_terms(rest) if not t.isdigit()][:NEGATED_WORDS]
    if not following or not set(following) <= other_terms:
        return None  # the other claim does not state what this one negates
    if not same_event(negated.text, other.text, NEGATION_OVERLAP):
        return None
    spans = (sub_span(negated.evidence, start, end),)
    return Conflict(
        "negation", f"{negated.outlet} negates it (“{word}”), {other.outlet} does not", spans
    )


def negates_other(a: ClaimView, b: ClaimView) -> bool:
    """Whether one claim negates what the other states: the claim-level evidence a stance
    model's "disagree" needs before it counts as a contradiction (:mod:`.agreement`).

    Looser than :func:`negation_conflict` (no share of the whole claims' words): exactly one
    claim has a negation word, and for one of its negations the other claim states at least
    :data:`STANCE_NEGATED_SHARED` of the content words that follow it in its clause (the first
    :data:`NEGATED_WORDS`; all of them if fewer). "Never served in Vietnam" negates "since the
    days that I served in Vietnam"; "expected to plead guilty" does not negate "would plead
    guilty to one tax count", whatever the model reads in their contexts.
    """
    neg_a, neg_b = _negations(a.text), _negations(b.text)
    if bool(neg_a) == bool(neg_b):
        return False
    negated, other, found = (a, b, neg_a) if neg_a else (b, a, neg_b)
    other_terms = terms(other.text)
    for _, end, _ in found:
        rest = _CLAUSE_START.split(negated.text[end:])[0]
        following = [t for t in content_terms(rest) if not t.isdigit()][:NEGATED_WORDS]
        if following and len(set(following) & other_terms) >= min(
            STANCE_NEGATED_SHARED, len(set(following))
        ):
            return True
    return False


# --- actors ----------------------------------------------------------------------------------
def _kind(label: str) -> str:
    return _ENTITY_KINDS.get(label, label)


def _dateline(view: ClaimView, mention: Mention) -> bool:
    start, end = _local(view, mention.start, mention.end)
    return not view.text[:start].strip() and bool(_DATELINE.match(view.text[end:]))


def _named_in(name: str, text: str) -> bool:
    lowered = set(words(text))
    return bool(name_tokens(name) & lowered)


def _one_word(mention: Mention) -> bool:
    return len(words(mention.entity)) < 2


def _located(view: ClaimView, mention: Mention) -> bool:
    """Whether a place is where something happens or whose thing it is ("in Baghdad",
    "Cleveland's program"), not an actor."""
    start, end = _local(view, mention.start, mention.end)
    before = words(view.text[max(0, start - 12) : start])
    after = view.text[end : end + 2]
    return bool(before and before[-1] in _LOCATIVES) or after[:1] in ("'", "’")


def actors_conflict(a: ClaimView, b: ClaimView) -> Conflict | None:
    """Two claims state the same act of different actors ("Russia struck" / "Ukraine struck").

    The two actors are distinct entities of one kind (two people, two organisations, two
    places: a place is no rival of a party), are not two names of one entity
    (:func:`name_variants`; two one-word names of people are not told apart), neither is
    named in the other claim, neither is a dateline, two places act (a place where something
    happens may lie within the other), they fill the same slot (:func:`slot`), and the claims
    describe one event outside their entities (:data:`ACTOR_OVERLAP`).
    """
    only_a = [m for m in a.mentions if m.entity not in b.entities and not _dateline(a, m)]
    only_b = [m for m in b.mentions if m.entity not in a.entities and not _dateline(b, m)]
    if not only_a or not only_b:
        return None
    rest_a = masked(a.text, [_local(a, m.start, m.end) for m in a.mentions])
    rest_b = masked(b.text, [_local(b, m.start, m.end) for m in b.mentions])
    if not same_event(rest_a, rest_b, ACTOR_OVERLAP):
        return None
    for first in only_a:
        for second in only_b:
            if _kind(first.label) != _kind(second.label):
                continue
            if name_variants(first.entity, second.entity) or name_variants(first.text, second.text):
                continue
            if _named_in(first.entity, b.text) or _named_in(second.entity, a.text):
                continue
            if _kind(first.label) == "person" and _one_word(first) and _one_word(second):
                continue  # "Saddam" / "Hussein": a first name and a surname may be one person
            if _kind(first.label) == "place" and (_located(a, first) or _located(b, second)):
                continue  # "in Cleveland" / "in Ohio": one place may lie within the other
            sa, ea = _local(a, first.start, first.end)
            sb, eb = _local(b, second.start, second.end)
            if not slot(a.text, sa, ea) & slot(b.text, sb, eb):
                continue
            spans = (sub_span(a.evidence, sa, ea), sub_span(b.evidence, sb, eb))
            return Conflict("actors", f"{first.entity} vs {second.entity}", spans)
    return None


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


def _similar_causes(first: str, second: str) -> bool:
    """Whether two causes mean the same by their MiniLM embeddings (False without the extra)."""
    from parallax.embeddings import embeddings_available

    if not embeddings_available():
        return False
    from parallax.models.vectors import cached_embedder

    rows = cached_embedder().embed([first, second])
    return float(rows[0] @ rows[1]) >= CAUSE_SIMILAR


def cause_conflict(a: ClaimView, b: ClaimView) -> Conflict | None:
    """Two claims about the same event give different reasons for it.

    The reasons differ in words (:data:`CAUSE_OVERLAP`), neither holds most of the other's
    words (:data:`CAUSE_WITHIN`), and, with the embeddings extra, their MiniLM cosine is
    below :data:`CAUSE_SIMILAR`.
    """
    found_a, found_b = cause_clause(a.text), cause_clause(b.text)
    if found_a is None or found_b is None:
        return None
    cue_a, start_a, end_a = found_a
    cue_b, start_b, end_b = found_b
    cause_a, cause_b = terms(a.text[start_a:end_a]), terms(b.text[start_b:end_b])
    if not cause_a or not cause_b:
        return None
    if len(shared_event(a.text[:cue_a], b.text[:cue_b])) < MIN_SHARED_CAUSE:
        return None  # not the same event
    if len(cause_a & cause_b) / len(cause_a | cause_b) >= CAUSE_OVERLAP:
        return None  # the same cause in other words
    own_a, own_b = cause_a - cause_b, cause_b - cause_a
    if not own_a or not own_b:
        return None  # one cause lies within the other (it used to divide by zero here)
    if len(own_a & terms(b.text)) / len(own_a) >= 0.5:
        return None  # the other claim states this cause too, elsewhere in its sentence
    if len(own_b & terms(a.text)) / len(own_b) >= 0.5:
        return None
    if len(cause_a & cause_b) / min(len(cause_a), len(cause_b)) >= CAUSE_WITHIN:
        return None  # one cause tells the other at more length
    if _similar_causes(a.text[start_a:end_a], b.text[start_b:end_b]):
        return None  # "a preliminary inquiry" / "its investigation"
    spans = (sub_span(a.evidence, start_a, end_a), sub_span(b.evidence, start_b, end_b))
    explanation = (
        f"different causes: “{spans[0].text}” ({a.outlet}) vs “{spans[1].text}” ({b.outlet})"
    )
    return Conflict("cause", explanation, spans)


def outcome_conflict(a: ClaimView, b: ClaimView) -> Conflict | None:
    """Two claims about the same event report opposite results of it
    (:func:`parallax.compare.outcomes.outcomes_conflict`)."""
    found = outcomes_conflict(a.text, b.text)
    if found is None:
        return None
    spans = (sub_span(a.evidence, *found.first), sub_span(b.evidence, *found.second))
    return Conflict("outcome", found.explanation, spans)


RULES: tuple[Callable[[ClaimView, ClaimView], Conflict | None], ...] = (
    numbers_conflict,
    dates_conflict,
    negation_conflict,
    actors_conflict,
    cause_conflict,
    outcome_conflict,
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
