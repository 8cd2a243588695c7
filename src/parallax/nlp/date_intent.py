"""A date on a noun of intent or of an event to come looks ahead.

"Their push for substantial gains in the House and Senate in November", in an August 2010
article, is this November: a bare month on such a noun, in a sentence not in the past, is read
as the tense of a plan (:func:`parallax.nlp.dates` makes it "prospective"), unless the noun's
own verb is past or under "after"/"since". A date after "in advance of" or "ahead of" is a
later event's, which looks ahead even in a past-tense sentence: "The group sent a letter …
in advance of his appearance on the Catholic campus on Thursday morning", on a Tuesday, is
the coming Thursday. So does a present progressive or a present passive of scheduling ("is
heading to Georgetown University for a speech Thursday morning", "is scheduled for …").
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


# "in advance of", "ahead of": what follows is a later event than the verb's.
_LEAD_INS = (("in", "advance", "of"), ("ahead", "of"))
# Marks that end the phrase after a lead-in (not the "/" of "Fox News/Washington Examiner").
_BREAKS = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "—", "–", "--"})


def after_lead_in(span: Span) -> bool:
    """Whether a date belongs to a later event after "in advance of" or "ahead of": the
    phrase ends no more than :data:`_INTENT_REACH` words before the date, with no verb or
    clause break between them (the parser often hangs the date on the verb:
    "… in advance of Mr. Ryan's visit there on Thursday")."""
    first = max(span.sent.start, span.start - _INTENT_REACH)
    words = span.doc[first : span.start]
    for end in range(len(words), 0, -1):
        before = words[end - 1]
        for lead_in in _LEAD_INS:
            if tuple(t.lower_ for t in words[max(0, end - len(lead_in)) : end]) == lead_in:
                return True
        if before.pos_ in {"VERB", "AUX"} or before.text in _BREAKS:
            return False
    return False


_PRESENT_BE = frozenset({"is", "are", "am", "'s", "’s", "'re", "’re"})
_SCHEDULED = frozenset({"schedule", "slate", "set", "plan", "expect"})


def under_way_or_planned(verb: Token) -> bool:
    """Whether a verb is a present progressive ("is heading to Georgetown … Thursday"), a
    present passive of scheduling ("is scheduled for Thursday morning", "is expected …") or
    such a participle alone on a noun or a clause ("a … Kiss Day planned for Friday"):
    like a modal, it looks ahead ("has been pushing" and "has said" do not)."""
    if verb.tag_ not in {"VBG", "VBN"}:
        return False
    auxiliaries = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    scheduled = verb.tag_ == "VBN" and verb.lemma_.lower() in _SCHEDULED
    if scheduled and not auxiliaries and verb.dep_ in {"acl", "advcl"}:
        return True  # "a "National Same-Sex Kiss Day" planned for Friday"
    if "been" in auxiliaries or _PRESENT_BE.isdisjoint(auxiliaries):
        return False  # "he's been pushing": "'s" is "has"
    return verb.tag_ == "VBG" or scheduled


def _looks_back(noun: Token) -> bool:
    """Whether a noun's own verb is in the past or under "after"/"since" ("After winning
    re-election in November, he resigned")."""
    verb = noun
    while verb.head != verb and verb.pos_ not in {"VERB", "AUX"}:
        verb = verb.head
    return verb.tag_ == "VBD" or verb.head.lower_ in _LOOKING_BACK
