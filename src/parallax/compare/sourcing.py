"""Whom each outlet quotes, and how much of what it claims it attributes to someone.

Quotes come from the NLP stage (direct, partial and reported, each with its speaker's canonical
name or None for an unnamed source, and the words that name the speaker). Speakers are keyed by
canonical name; an unnamed source by its descriptor as written ("a senior officer …"), lower
cased, or ``"unnamed source"`` when the article gives none or words that describe nobody
(a bare pronoun, a place). A claim is *attributed* when a quote
overlaps it or it carries an attribution cue ("said", "according to", "reportedly"); otherwise
the outlet *asserts* it in its own voice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from parallax.comparison import Evidence, Sourcing, SpeakerQuotes
from parallax.model import Quote

UNNAMED = "unnamed source"
ATTRIBUTION_CUE = re.compile(
    r"\b(?:according to|said|says|say|saying|told|tells|stated|states|announced|confirmed"
    r"|claimed|claims|alleged|alleges|alleging|insisted|insists|warned|warns|suggested"
    r"|reported|reportedly|reports|added|noted|argued|emphasi[sz]ed|maintain|maintains"
    r"|accused|accusing|denied|denies|quoted|cited|citing)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class OutletQuote:
    """One quote as sourcing reads it: the quote and its span in the outlet's article."""

    quote: Quote
    evidence: Evidence


#: Words that say nothing about who an unnamed source is.
_EMPTY_TEXT = """
    a an the he she it they them we us i you him her his their its our this that these those
    who someone somebody one
"""
_EMPTY_WORDS = frozenset(_EMPTY_TEXT.split())


def _describes(words: str) -> bool:
    """Whether an unnamed source's words describe it: a common noun ("a senior officer").

    A bare pronoun ("they") says nothing, and words that are all capitalised name something
    the NLP stage did not take for a speaker (a place such as "Denver").
    """
    return any(w[:1].islower() and w.lower() not in _EMPTY_WORDS for w in words.split())


def speaker_key(quote: Quote) -> tuple[str, bool]:
    """Return the name a quote's speaker is counted under, and whether the speaker is named."""
    if quote.speaker:
        return quote.speaker, True
    if quote.speaker_text and _describes(quote.speaker_text):
        return " ".join(quote.speaker_text.split()).lower(), False
    return UNNAMED, False


#: Contents that are someone, not something said ("Medvedev … accusing him", "defended himself").
_PEOPLE_TEXT = """
    him her them us me you it himself herself themselves itself ourselves myself yourself
"""
_PEOPLE_WORDS = frozenset(_PEOPLE_TEXT.split())
_NAME_WORD = re.compile(r"(?:[A-Z][\w'’.-]*|of|de|van|von|al|bin|[(),.-])$")


#: Cues of a position held or a vote cast, not of words: "he opposes abortion rights and voted
#: against President Barack Obama's health care law" (a form of oppose, support, favour, back,
#: vote, sponsor or prefer, as the cue's first word or after an auxiliary or adverb).
_STANCE_CUE = re.compile(
    r"^(?:(?:not|n't|never|also|have|has|had|would|will|to|is|are|was|were|be|been|generally"
    r"|strongly|long|once|always|\w+ly)\s+)*"
    r"(?:oppos|support|favou?r(?:s|ed|ing)?\b|vot(?:e|es|ed|ing)\b|back(?:s|ed|ing)?\b"
    r"|(?:co-?)?sponsor|prefer)",
    re.IGNORECASE,
)


def says_something(quote: Quote) -> bool:
    """Whether a quote's content is something said, not only who it is about.

    A reported content that is a bare pronoun ("accusing him") or a name and nothing more
    ("endorsed Hillary Rodham Clinton", "showing North Carolina Rep. Bob Etheridge") tells the
    reader nothing anyone said, and neither does a position held or a vote cast ("he opposes
    abortion rights", "voted against … the health care law"): PolNeAR counts such stances as
    attributions, and the NLP stage keeps them, but "whom each outlet quotes" leaves them out.
    Quotes in quote marks and headline colons (title case: "Kasich: We Are Going To Win")
    always count.
    """
    if quote.kind != "reported":
        return True
    if quote.cue and _STANCE_CUE.match(quote.cue):
        return False
    words = quote.text.split()
    if len(words) == 1 and words[0].lower().strip(".,;:") in _PEOPLE_WORDS:
        return False
    headline = not any(char.isalpha() for char in quote.cue or "")  # "Kasich: We Are Going …"
    return headline or not all(_NAME_WORD.match(word) for word in words)


def speakers_by_outlet(quotes: Mapping[str, Sequence[OutletQuote]]) -> dict[str, set[str]]:
    """Return each outlet's set of named speakers."""
    return {
        outlet: {key for key, named in (speaker_key(q.quote) for q in found) if named}
        for outlet, found in quotes.items()
    }


def speaker_quotes(
    outlet: str,
    quotes: Sequence[OutletQuote],
    named_elsewhere: Mapping[str, set[str]],
) -> tuple[SpeakerQuotes, ...]:
    """Return whom ``outlet`` quotes, most quoted first, with the other outlets quoting them.

    Args:
        outlet: The outlet.
        quotes: Its quotes.
        named_elsewhere: Every outlet's named speakers (see :func:`speakers_by_outlet`).
    """
    found: dict[str, tuple[bool, list[Evidence], list[str]]] = {}
    for item in quotes:
        key, named = speaker_key(item.quote)
        entry = found.setdefault(key, (named, [], []))
        entry[1].append(item.evidence)
        entry[2].append(item.quote.kind)
    result = []
    for key, (named, spans, kinds) in found.items():
        shared = (
            tuple(sorted(o for o, names in named_elsewhere.items() if o != outlet and key in names))
            if named
            else ()
        )
        result.append(SpeakerQuotes(key, named, tuple(spans), shared, tuple(kinds)))
    result.sort(key=lambda s: (-len(s.quotes), not s.named, s.speaker))
    return tuple(result)


def is_attributed(claim: Evidence, quotes: Sequence[OutletQuote]) -> bool:
    """Return whether a claim carries a source: a quote overlaps it, or an attribution cue."""
    for item in quotes:
        span = item.evidence
        if (
            span.article_id == claim.article_id
            and span.start < claim.end
            and claim.start < span.end
        ):
            return True
    return ATTRIBUTION_CUE.search(claim.text) is not None


def sourcing(claims: Sequence[Evidence], quotes: Sequence[OutletQuote]) -> Sourcing:
    """Return the counts of how an outlet attributes what it reports."""
    attributed = sum(is_attributed(claim, quotes) for claim in claims)
    keys = {speaker_key(item.quote) for item in quotes}
    return Sourcing(
        quotes=len(quotes),
        speakers=len(keys),
        unnamed=sum(1 for item in quotes if item.quote.speaker is None),
        attributed_claims=attributed,
        asserted_claims=len(claims) - attributed,
    )
