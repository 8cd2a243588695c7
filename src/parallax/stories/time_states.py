"""Times a sentence states that date no development of it: the bound of a state ("since the
summer of 2011", "since a session three weeks ago", "until 2010"), the time of what the event is
compared with ("just as he did in September", "unlike the courtly Mr. Bentsen in 1988"), "this
year" of a state or a possibility ("33 Senate seats are in play this year"), and a possibility
ahead, which is no scheduled event ("The overall result could be zero growth next year"), and
the time of an earlier event in an "after" or "following" clause ("… granted a series of TV
interviews after getting testy with reporters late Tuesday").
"""

from __future__ import annotations

import re
from datetime import date

from parallax.model import Claim, TimeExpression
from parallax.stories.periods import period_end, period_start, precision_of

# Irregular simple-past forms news writes most ("spoke", "met", "struck" …).
IRREGULAR_PAST = frozenset(
    " ".join(
        (
            "said spoke met told took made came went gave began held left sent won lost fell",
            "rose struck hit shot fought flew drove ran saw found brought bought caught chose",
            "drew froze got grew hung knew led lent lay meant paid put quit rode rang sank sat",
            "sold shook shut sang stood stole swore swept threw thought tore understood woke",
            "wore wrote broke became beat blew built burned burnt cast cost cut dealt fed felt",
            "fled forbade forgot kept laid overtook overthrew sought set spent split spread",
            "stuck swung taught withdrew",
        )
    ).split()
)
# "since", "until", "prior to", "going back to" before a time: the bound of a state ("since the
# summer of 2011", "any who worked for the company going back to late 1998").
_BOUND_WORDS = (
    r"\b(?:(?:(?:ever|up|even)\s+)?(?:since|until|till|prior\s+to)"
    r"|(?:going|dating|reaching)\s+back\s+to)"
)
_BOUND = re.compile(_BOUND_WORDS + r"(?:\s+(?:after|before))?(?:\s+the)?\s*$", re.IGNORECASE)
# "since" and a noun before the time: "the first face-to-face negotiation … since a session
# three weeks ago" bounds the state "first since" as "since three weeks ago" does.
_SINCE_A_NOUN = re.compile(
    r"\bsince\s+(?:(?:a|an|the|that|his|her|their|its|our)\s+)?[a-z-]+(?:\s+[a-z-]+)?\s*$"
)
# A time of what the sentence compares its event with: "just as he did in September", "unlike
# the courtly Mr. Bentsen in 1988" (no comma between).
_COMPARED = re.compile(
    r"(?:\bas\s+(?:\w+\s+){1,3}(?:did|had|was|were)\s+(?:in|on|during|at)?"
    r"|\bunlike\s+[^,;:]*?)\s*$",
    re.IGNORECASE,
)
# A clause or phrase of time opened by "after" or "following" whose own event carries the time
# ("after getting testy with reporters late Tuesday", "After the bruising debt-ceiling fight
# from 2011"): no comma, semicolon, colon or dash between the opener and the time. Not right
# after a word of nearness ("shortly after the emails were made public on Wednesday") or a
# verb of saying ("the NRA said after meeting with Biden last week"): those events follow at
# once, and the time is theirs too. "Before" is left out: it is as often a place ("arguments
# before the Supreme Court Tuesday", "appear before his committee on Thursday"). "For" and a
# gerund opens a reason ("tweaked House Republicans for passing a resolution on Tuesday").
# "In advance of" and "ahead of" open a later event, whose time is an upper bound: "The group
# sent a letter to Rep. Ryan in advance of his appearance on the Catholic campus on Thursday
# morning" (the letter was sent on Tuesday, before that Thursday).
_TIME_CLAUSE = re.compile(
    r"(?<!\bshortly )(?<!\bjust )(?<!\bsoon )(?<!\bright )(?<!\bimmediately )"
    r"(?<!\bminutes )(?<!\bhours )(?<!\bmoments )(?<!\bsaid )(?<!\btold reporters )"
    r"\b(?:after|following|in\s+advance\s+of|ahead\s+of|for(?=\s+\w+ing\b))\b([^,;:—–]*?)\s*$",
    re.IGNORECASE,
)
# Words between such an opener and the time that leave the time itself the bound: "after
# midnight", "after Tuesday" keep their date, unless the time names an event's day ("after
# Tuesday's vote").
_BARE_BOUND = re.compile(r"^\s*(?:the\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^\s*['’]s?\b")
# A modal of possibility before the predicate: "The overall result could be zero growth next
# year" is no event scheduled for next year.
_EARLIEST = re.compile(r"\bas\s+(?:soon|early)\s+as\b", re.IGNORECASE)
_POSSIBLE = re.compile(r"\b(?:could|might|may)(?:\s+not|n['’]t)?\s+(?:\w+\s+)?$", re.IGNORECASE)
_BOUND_OPENS = re.compile(_BOUND_WORDS + r"\b", re.IGNORECASE)

#: Tenses of a state or an outlook rather than an event: "has been one of the few blemishes
#: this year", "33 Senate seats are in play this year", "could be up for grabs this year".
_STATE_TENSES = frozenset({"present", "perfect", "prospective"})
_THIS_PERIOD = re.compile(r"^this\s+(?:year|month|week|spring|summer|fall|autumn|winter)$", re.I)
# A modal before the predicate: a possibility or an obligation ("could be", "must pass",
# "wouldn't seek"), not an event planned ("plans to file cloture this week").
_MODAL = re.compile(
    r"\b(?:could|should|must|might|may|would)(?:\s+not|n['’]t)?\s+(?:\w+\s+)?$", re.I
)


def current_state(
    claim: Claim, expression: TimeExpression, value: str, published: date | None
) -> bool:
    """Whether a time expression is "this year" (week, month, season: a period that holds
    the publication day) of a state or a possibility rather than an event: a present or
    present-perfect verb ("Mr. Steele's tenure has been one of the few blemishes this year …",
    "33 Senate seats are in play this year") or a modal one ("control of the Senate could be up
    for grabs this year"). A past ("rose this year", "In that case, made public this month"),
    a gerund ("preparing to unveil their … template for overhauling … this week"), a future and
    a plan ("plans to file cloture this week") keep their date, and so do "earlier this month"
    and "last week"."""
    if published is None or not _THIS_PERIOD.match(expression.text.strip()):
        return False
    if precision_of(value) == "day" or not period_start(value) <= published <= period_end(value):
        return False
    tense = expression.event_tense
    start, end = expression.event_start, expression.event_end
    if start is None or end is None or not claim.start <= start < claim.end:
        return tense in {"present", "perfect"}
    predicate = claim.text[start - claim.start : end - claim.start].lower()
    if tense == "present":  # not a participle nor a gerund, which have no tense of their own
        return not (predicate in IRREGULAR_PAST or predicate.endswith(("ed", "ing")))
    if tense == "prospective":
        return bool(_MODAL.search(claim.text[: start - claim.start]))
    return tense == "perfect"


def bounds_a_state(claim: Claim, expression: TimeExpression) -> bool:
    """Whether a time expression is where a state starts or ends, not when an event happened:
    "the first one-on-one talks … since the summer of 2011", "… since a session three weeks
    ago", "Prior to this spring, the IRS did not recognize …", "until 2010", "any who worked
    for the company going back to late 1998"; or the time of what the event is compared with:
    "just as he did in September", "unlike the courtly Mr. Bentsen in 1988"."""
    before = claim.text[: expression.start - claim.start]
    return (
        bool(_BOUND.search(before))
        or bool(_BOUND_OPENS.match(expression.text))
        or bool(_SINCE_A_NOUN.search(before))
        or bool(_COMPARED.search(before))
    )


def time_of_an_earlier_event(claim: Claim, expression: TimeExpression, past: bool = True) -> bool:
    """Whether a time expression dates the event of a clause opened by "after" or "following",
    not the sentence's own event: "The New York Democrat … granted a series of TV interviews
    after getting testy with reporters late Tuesday" (the interviews came after Tuesday), "It
    came after Boehner publicly chided Obama on Friday", "After the bruising debt-ceiling fight
    from 2011, Obama recently warned …". The time is only a lower bound of the sentence's event,
    so it dates no development; the sentence is then read as one with no date ("reported by"
    its article's day, if it tells an event in the past). A time right after the opener ("after
    midnight", "after Tuesday") is that bound itself and keeps its date, unless it names the day
    of an event ("after Tuesday's vote"); so does the time of an event that the sentence's event
    follows at once ("shortly after …", "… said after meeting with Biden last week"). A
    reason, "for" and a gerund, is read the same way when its time is ``past`` (over before
    the article's day): "He tweaked House Republicans for passing a resolution on Tuesday …";
    a purpose ahead ("preparing to unveil their … template for overhauling … this week") keeps
    its date."""
    before = claim.text[: expression.start - claim.start]
    found = _TIME_CLAUSE.search(before)
    if found is None or (found.group(0)[:3].lower() == "for" and not past):
        return False
    if not _BARE_BOUND.match(found.group(1)):
        return True
    after = claim.text[expression.end - claim.start :]
    return expression.text.endswith(("'s", "’s")) or bool(_POSSESSIVE.match(after))


def possible(claim: Claim, expression: TimeExpression) -> bool:
    """Whether a time expression's predicate is under "could", "might" or "may": a possibility,
    not an event scheduled ("The overall result could be zero growth next year"); unless the
    time is the earliest one set ("could use a public event as soon as Wednesday")."""
    start = expression.event_start
    if start is None or not claim.start <= start < claim.end:
        return False
    near = claim.text[max(0, expression.start - claim.start - 16) : expression.end - claim.start]
    if _EARLIEST.search(near):
        return False  # "could be on the Senate floor as early as Thursday": a date set
    return bool(_POSSIBLE.search(claim.text[: start - claim.start]))
