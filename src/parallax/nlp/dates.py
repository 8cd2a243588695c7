"""Time expressions: spaCy DATE/TIME spans plus a few rules, normalised to TIMEX3 values.

spaCy picks the spans (``dateparser.search_dates`` over raw text finds dates in words like
"we"); a short regex adds what the small model leaves out ("overnight", "recently", "7/8/07",
"every week", "from 2009 to 2011", "16:08 UTC", "recent", "the near term", "later"). Spans are
cut at line breaks, a date followed by a part of the day ("Friday" "morning") becomes one, and
two months or decades joined by "and" become two. Each span is normalised by
:func:`parallax.nlp.timex.normalize` against the publication date, with the word before it
("for months" is a duration) and the tense of its verb ("in March" in a future-tense sentence
is next March, and so is "should be completed in March", and "wants to cut … by June").
Anaphoric expressions are anchored on the last reference time in the text, as TimeML does:
"the day" and "that day" on the last day named outside a modifier ("the woman who handed
him the gavel on Wednesday" names no reference day), "the entire year" on the last year, "the year
previous" on the one before it, "the same month a year ago" on the last month or quarter a year
back; a bare clock time on the other day its line names. "Between 60 and 90 days" is two
durations. Each expression records the event it dates: the predicate that governs it, that
predicate's tense and its clause's role, which the story timeline dates developments by; a date
that describes a noun ("the 2008 nominee", "this year's nomination") has the role "modifier" (an
appositive: a participant's detail) or "nominal" (ranked after every date of the clause).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from parallax.model import TimeExpression
from parallax.nlp.date_intent import after_lead_in, on_intent_noun, under_way_or_planned
from parallax.nlp.date_roles import date_role, event_of
from parallax.nlp.lexicon import MONTHS, UNITS, WEEKDAYS
from parallax.nlp.timex import normalize
from parallax.nlp.types import DATES, Context

logger = logging.getLogger(__name__)

_EXTRA = re.compile(
    r"\b(?:overnight|recently|currently|nowadays|now(?!-)|yesterday|today|tonight|tomorrow|"
    r"(?:every|each)\s+(?:day|week|month|year|morning|evening|night|\w+day)|"
    r"\d{1,2}/\d{1,2}/\d{2,4}|(?:from|between)\s+\d{4}\s+(?:to|and)\s+\d{4}|"
    r"\d{1,2}:\d{2}\s*(?:UTC|GMT)|[012]\d[0-5]\d\s+(?:UTC|GMT)|"
    r"(?<!most\s)recent|current|the\s+(?:near|long)\s+term|the\s+future|"
    r"the\s+past(?=\s*[^\w\s])|the\s+time\s+being|(?<!as\s)(?:very\s+)?soon(?!-|\s+(?:as|after|before))|single[\s-]day|later|(?:just|only)\s+minutes|(?<=\bin\s)minutes)\b",
    re.IGNORECASE,
)
# Two years joined by "to"/"and": TimeML annotates the range (a duration) and each end.
_RANGE_WORDS = frozenset({"from", "between", "to", "and", "until", "through", "-", "–"})
_YEAR = re.compile(r"\d{4}")
_DECADE = re.compile(r"(?:\d\d)?\d0['’]?s")
_MONTH_NAMES = frozenset(name for name in MONTHS if len(name) > 3 or name == "may")
# "the day" refers back to the last day the text named ("Stocks fell on Monday … to end the
# day at …"), as TimeML anchors it; with no day named before it, the publication date.
_SAME_DAY = frozenset({"the day", "the same day", "that same day", "that day", "that time"})
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
# "the entire year", "the year previous": the year the text last named (a date line names the
# publication year first), or the one before it, as TimeML anchors them.
_SAME_YEAR = frozenset(
    {"that year", "the same year", "the entire year", "the whole year", "the full year"}
)
_YEAR_BEFORE = frozenset({"the year previous", "the previous year", "the prior year"})
_YEAR_VALUE = re.compile(r"(\d{4})(?:$|-(?:\d{2}|Q\d|H\d|W\d{2}|[A-Z]{2}))")
# "compared to the same month a year ago": the month (or quarter) the text last named, a year back.
_SAME_A_YEAR_BACK = re.compile(
    r"(?:.*\s)?the\s+same\s+(?:month|period|quarter|time)\s+"
    r"(?:a\s+year\s+(?:ago|earlier|before)|(?:of\s+)?(?:last|the\s+previous|the\s+prior)\s+year)"
)
_PERIOD_VALUE = re.compile(r"(\d{4})(-(?:\d{2}|Q\d))$")
# A clock time alone ("at 18:00 UTC") is on the day its sentence names ("Tuesday"), if any.
_CLOCK_ONLY = re.compile(
    r"(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?\s*(?:utc|gmt|local\s+time)?",
    re.IGNORECASE,
)
# A bare number of one or two digits is an age or a count ("Papermaster, 49,"), not a year.
_BARE_NUMBER = re.compile(r"(?:(?:the\s+)?age(?:d|\s+of)\s+)?\d{1,2}", re.IGNORECASE)

_OPEN_QUOTES = frozenset({'"', "“", "‘"})
_CLOSE_QUOTES = frozenset({'"', "”", "’"})
_DURATION_PREPOSITIONS = frozenset({"for", "over", "during", "throughout", "within"})
_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
# Modals and infinitives look ahead too ("should be completed in October", "wants to cut … by
# early June"): a bare month under them is the next one; a weekday keeps the closest one
# ("said he would call on Thursday" is about yesterday as often as tomorrow).
_PROSPECTIVE_AUX = frozenset({"should", "would", "could", "might", "may", "must", "to"})


def _tense(span: Span) -> str:
    """Return "future", "prospective", "past" or "present" for the verb that governs ``span``
    ("prospective" too for a date on a noun of intent in a sentence not in the past)."""
    verb = span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
        verb = verb.head  # "wants to eliminate … of its dealers by early June": "eliminate"
    tense = _verb_tense(verb)
    if tense != "future" and after_lead_in(span):
        # A later event's date: after now in a present sentence ("is campaigning ahead of
        # Thursday's … debate and Saturday's Ames Straw Poll"), after the verb's time in a past
        # one ("sent a letter … in advance of his appearance … on Thursday"): the closest.
        return "prospective" if tense == "past" else "future"
    if tense == "present" and on_intent_noun(span):
        return "prospective"
    if tense == "present" and _temporal_clause(verb):
        # "won't be released until the board approves it … in October": a present tense in a
        # time clause is the main clause's future.
        ahead = _verb_tense(verb.head)
        return ahead if ahead in {"future", "prospective"} else tense
    return tense


_TIME_CLAUSE_MARKS = frozenset({"until", "till", "when", "before", "after", "once", "unless"})


def _temporal_clause(verb: Token) -> bool:
    """Whether a present-tense verb heads a time clause ("until the board approves …")."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in {"VBZ", "VBP"}
        and verb.head != verb
        and any(c.dep_ == "mark" and c.lower_ in _TIME_CLAUSE_MARKS for c in verb.children)
    )


def _verb_tense(verb: Token) -> str:
    """:func:`_tense` of one verb, by its own auxiliaries and complements."""
    children = list(verb.children)
    if any(child.lower_ in _FUTURE_AUX for child in children) or any(
        child.lower_ == "going" and any(c.lower_ == "to" for c in child.children)
        for child in children
    ):
        return "future"
    if any(child.dep_ == "aux" and child.lower_ in _PROSPECTIVE_AUX for child in children):
        return "prospective"
    if verb.tag_ != "VBD" and any(
        child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        for child in children
    ):
        return "prospective"  # "wants to eliminate … by early June", the date on "wants"
    if under_way_or_planned(verb):
        return "prospective"  # "is scheduled for Thursday", "is heading to … Thursday"
    if verb.tag_ == "VBD" or any(
        c.tag_ == "VBD" and c.dep_ in {"aux", "auxpass"} for c in children
    ):
        return "past"
    return "present"


_PERFECT_AUX = frozenset({"has", "have", "'ve", "’ve"})


def _event_tense(predicate: Token, tense: str) -> str:
    """The tense of the dated event: :func:`_tense`'s, with the present perfect told apart
    ("has complained": a state reached, not an event on a day)."""
    if tense == "present" and any(
        child.dep_ == "aux" and child.lower_ in _PERFECT_AUX for child in predicate.children
    ):
        return "perfect"
    return tense


def _lines(span: Span) -> list[Span]:
    """Cut a span at line breaks ("2010\\nJune 8, 2010" is two expressions)."""
    if "\n" not in span.text:
        return [span]
    pieces: list[Span] = []
    start = span.start
    for token in span:
        if "\n" in token.text_with_ws or token.is_space:
            if token.i + (not token.is_space) > start:
                pieces.append(span.doc[start : token.i + (not token.is_space)])
            start = token.i + 1
    if start < span.end:
        pieces.append(span.doc[start : span.end])
    return [piece for piece in pieces if piece.text.strip()]


def _apart(token: Token) -> bool:
    """Whether a word is a date of its own in a pair ("April and June", "the 70s and 80s")."""
    return token.lower_ in _MONTH_NAMES or _DECADE.fullmatch(token.text) is not None


def _range_ends(span: Span) -> list[Span]:
    """The two years of "between 2014 and 2016" after the range itself; else the span."""
    words = [token for token in span if token.lower_ not in _RANGE_WORDS | {"the"}]
    joined = len(words) < len(span) and any(t.lower_ in {"to", "and", "-", "–"} for t in span)
    if joined and len(words) == 2 and all(_YEAR.fullmatch(token.text) for token in words):
        return [span, *(span.doc[token.i : token.i + 1] for token in words)]
    if joined and len(words) == 2 and all(_apart(token) for token in words):
        return [span.doc[token.i : token.i + 1] for token in words]  # "between April and June"
    counts = len(words) == 3 and words[0].like_num and words[1].like_num
    if joined and counts and words[2].lemma_.lower() in UNITS:
        # "between 60 and 90 days": "60", "90 days"
        return [span.doc[words[0].i : words[0].i + 1], span.doc[words[1].i : span.end]]
    return [span]


def _shared_unit(span: Span) -> str:
    """The text to normalise: "60" of "60 and 90 days" borrows its unit ("60 days")."""
    doc = span.doc
    if len(span) != 1 or not span[0].like_num or span.end + 3 > len(doc):
        return span.text
    joiner, count, unit = doc[span.end], doc[span.end + 1], doc[span.end + 2]
    joined = joiner.lower_ in {"and", "to", "or", "-", "–"} and count.like_num
    if joined and unit.lemma_.lower() in UNITS:
        return f"{span.text} {unit.text}"
    return span.text


def _comma_parts(span: Span) -> list[Span]:
    """Split "June 17, two days later" at the comma: a date, then an amount of time."""
    comma = next((token.i for token in span if token.text == ","), None)
    if comma is None or comma == span.start or comma + 2 >= span.end:
        return [span]
    count, unit = span.doc[comma + 1], span.doc[comma + 2]
    if (count.like_num or count.lower_ in {"a", "an"}) and unit.lemma_.lower() in UNITS:
        return [span.doc[span.start : comma], span.doc[comma + 1 : span.end]]
    return [span]


def _no_conjunction(span: Span) -> Span:
    """Drop a trailing "and"/"or" the model leaves on a span ("the 70s and" + "80s")."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].lower_ in {"and", "or"}:
        end -= 1
    return span.doc[span.start : end]


def _is_date_like(span: Span) -> bool:
    """Whether a DATE/TIME span is a time, not an age or a count ("Papermaster, 49,")."""
    return not _BARE_NUMBER.fullmatch(span.text.strip())


def _is_quoted_title(span: Span, text: str) -> bool:
    """Whether a span is all of a capitalised title in quote marks, a programme's or a work's
    name: ABC's "This Week", CNN's “American Morning”, not a time."""
    before = text[span.start_char - 1 : span.start_char]
    after = text[span.end_char :].lstrip(".,!?")[:1]
    words = span.text.split()
    return before in _OPEN_QUOTES and after in _CLOSE_QUOTES and all(w[0].isupper() for w in words)


def _spans(doc: Doc, text: str) -> list[Span]:
    spans = [
        _no_conjunction(part)
        for ent in doc.ents
        if ent.label_ in {"DATE", "TIME"}
        for line in _lines(ent)
        for part in _comma_parts(line)
        if _is_date_like(part)
    ]
    taken = [(span.start_char, span.end_char) for span in spans]
    for match in _EXTRA.finditer(text):
        inside = [s for s in spans if match.start() <= s.start_char and s.end_char <= match.end()]
        if any(start < match.end() and match.start() < end for start, end in taken) and not inside:
            continue
        span = doc.char_span(match.start(), match.end())
        if span is not None:
            spans = [s for s in spans if s not in inside] + [span]
    spans = sorted(
        {piece for span in spans for piece in _range_ends(span)},
        key=lambda span: (span.start, -span.end),
    )
    merged: list[Span] = []
    for span in spans:
        # "Friday" + "morning": spaCy tags them DATE and TIME, TimeML one TIME.
        if merged and merged[-1].end == span.start and "\n" not in merged[-1].text_with_ws:
            merged[-1] = doc[merged[-1].start : span.end]
        else:
            merged.append(span)
    return [span for span in merged if not _is_quoted_title(span, text)]


_DEICTIC = frozenset({"this", "last", "next", "coming", "past", "previous"})


def _widen(span: Span) -> Span:
    """Take in a deictic word the model left out ("this" + "year"): TimeML's extent has it."""
    start = span.start
    first = span.doc[start]
    named = first.lemma_.lower() in UNITS or first.lower_ in MONTHS or first.lower_ in WEEKDAYS
    if named and start > 0 and span.doc[start - 1].lower_ in _DEICTIC:
        return span.doc[start - 1 : span.end]
    return span


def _trim(span: Span) -> Span:
    """Drop trailing punctuation and possessives from a span."""
    end = span.end
    while end > span.start + 1 and (span.doc[end - 1].is_punct or span.doc[end - 1].tag_ == "POS"):
        end -= 1
    return span.doc[span.start : end]


def _normalize(span: Span, context: Context) -> tuple[Span, str, str | None]:
    before = span.doc[span.start - 1].lower_ if span.start > 0 else None
    preposition = before if before in _DURATION_PREPOSITIONS else None
    tense = _tense(span)
    text = _shared_unit(span)
    kind, value = normalize(text, context.published, tense=tense, preposition=preposition)
    comma = next((token.i for token in span if token.text == ","), None)
    if value is None and comma is not None and comma > span.start:
        # "November 11, three days later": keep the part that means something.
        head = span.doc[span.start : comma]
        kind, value = normalize(head.text, context.published, tense=tense, preposition=preposition)
        if value is not None:
            return head, kind, value
    return span, kind, value


def _ends_with(said: str, phrases: frozenset[str]) -> str | None:
    """The phrase ``said`` is or ends with ("less than the year previous"), if any."""
    return next((p for p in phrases if said == p or said.endswith(f" {p}")), None)


def _clock_days(
    found: list[TimeExpression], sentences: list[int], context: Context
) -> list[TimeExpression]:
    """Date a bare clock time ("at 18:00 UTC") by the one other day its sentence names, if any."""
    if context.published is None:
        return found
    published = context.published.isoformat()
    result = list(found)
    for index, timex in enumerate(found):
        if timex.value is None or not timex.value.startswith(f"{published}T"):
            continue
        if not _CLOCK_ONLY.fullmatch(timex.text.strip()):
            continue
        days = {
            other.value[:10]
            for other, sentence in zip(found, sentences, strict=True)
            if sentence == sentences[index]
            and other.value is not None
            and other.type == "DATE"
            and _DAY_VALUE.fullmatch(other.value)
            and other.value != published  # the clock's default already
        }
        if len(days) == 1:
            result[index] = replace(timex, value=days.pop() + timex.value[len(published) :])
    return result


def _of_a_noun(span: Span) -> bool:
    """Whether a span follows "of" after a noun ("exchanges of the day")."""
    if span.start < 2:
        return False
    of, noun = span.doc[span.start - 1], span.doc[span.start - 2]
    return of.lower_ == "of" and noun.pos_ in {"NOUN", "PROPN"}


@DATES.register("rules", version="v12")
def extract_dates(doc: Doc, context: Context) -> tuple[TimeExpression, ...]:
    """Find and normalise the time expressions of a parsed article."""
    extractor = DATES.versioned_name("rules")
    found: list[TimeExpression] = []
    sentences: list[int] = []
    last_day: str | None = None
    last_year = str(context.published.year) if context.published is not None else None
    last_period: str | None = None  # the last month or quarter named ("2009-01", "2009-Q4")
    for span in (_widen(_trim(span)) for span in _spans(doc, context.text)):
        span, kind, value = _normalize(span, context)
        said = span.text.lower()
        predicate = event_of(span)
        role = date_role(span, predicate)
        if said in _SAME_DAY and _of_a_noun(span):
            value = None  # "One of the sharpest exchanges of the day": the day of the events
            # the article reports, not the last day it named
        elif last_day is not None and said in _SAME_DAY:
            value = last_day
        elif last_year is not None and (anchored := _ends_with(said, _SAME_YEAR | _YEAR_BEFORE)):
            kind, value = "DATE", str(int(last_year) - (anchored in _YEAR_BEFORE))
        elif value is not None and (day := _DAY_VALUE.match(value)) is not None:
            if role != "modifier":  # "the woman who handed him the gavel on Wednesday": a
                last_day = day[0]  # participant's past is not the day "the same day" means
        elif last_period is not None and _SAME_A_YEAR_BACK.fullmatch(said):
            kind, value = "DATE", f"{int(last_period[:4]) - 1}{last_period[4:]}"
        if value is not None and kind == "DATE" and (year := _YEAR_VALUE.match(value)):
            last_year = year[1]
        if value is not None and kind == "DATE" and _PERIOD_VALUE.fullmatch(value):
            last_period = value
        if value is None and not any(char.isalpha() for char in span.text):
            continue  # "iPod Software 1.1.1": a version number, not a date
        # A sentence, cut at line breaks: a date line may share the parser's sentence.
        lines = context.text.count("\n", 0, span.start_char)
        sentences.append(
            lines * len(doc) + (span.sent.start if doc.has_annotation("SENT_START") else 0)
        )
        found.append(
            TimeExpression(
                context.article_id,
                span.start_char,
                span.end_char,
                span.text,
                kind,
                value,
                extractor,
                event_start=predicate.idx,
                event_end=predicate.idx + len(predicate.text),
                event_tense=_event_tense(predicate, _tense(span)),
                event_role=role,
            )
        )
    found = _clock_days(found, sentences, context)
    logger.debug("%s: %d time expressions", context.article_id, len(found))
    return tuple(found)
