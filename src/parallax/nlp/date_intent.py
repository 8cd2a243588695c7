"""A date on a noun of intent or of an event to come looks ahead.

"Their push for substantial gains in the House and Senate in November", in an August 2010
article, is this November: a bare month on such a noun, in a sentence not in the past, is read
as the tense of a plan (:func:`parallax.nlp.dates` makes it "prospective"), unless the noun's
own verb is past or under "after"/"since".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Nouns of intent or of an event to come: a date on one of them in a sentence not in the past
# looks ahead ("their push for … gains in the House and Senate in November" in August is this
# November); "since"/"after" on the way looks back ("since the vote in March").
_INTENT_NOUNS = frozenset({"push", "plan", "bid", "vote", "election", "meeting"})
_LOOKING_BACK = frozenset({"since", "after", "following"})


_INTENT_REACH = 12  # words back from a date to its noun, no verb or clause break between


def on_intent_noun(span: Span) -> bool:
    """Whether a date hangs on a noun of intent or of an event to come: the noun is above it
    before its verb, or (the parser often hangs "in November" on the verb) it is the last noun
    of intent in the words before it, with no verb, comma or "since" between them."""
    token = span.root
    while token.head != token and token.pos_ not in {"VERB", "AUX"}:
        token = token.head
        if token.lower_ in _LOOKING_BACK:
            return False
        if token.pos_ == "NOUN" and token.lemma_.lower() in _INTENT_NOUNS:
            return not _looks_back(token)
    first = max(span.sent.start, span.start - _INTENT_REACH)
    for before in reversed(span.doc[first : span.start]):
        if before.pos_ in {"VERB", "AUX"} or before.is_punct or before.lower_ in _LOOKING_BACK:
            return False
        if before.pos_ == "NOUN" and before.lemma_.lower() in _INTENT_NOUNS:
            return not _looks_back(before)
    return False


def _looks_back(noun: Token) -> bool:
    """Whether a noun's own verb is in the past or under "after"/"since" ("After winning
    re-election in November, he resigned")."""
    verb = noun
    while verb.head != verb and verb.pos_ not in {"VERB", "AUX"}:
        verb = verb.head
    return verb.tag_ == "VBD" or verb.head.lower_ in _LOOKING_BACK
