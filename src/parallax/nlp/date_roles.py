"""The event a time expression dates, and the role of that event's clause in its sentence.

The story timeline dates a sentence's development by the expression attached to its own event
(:mod:`parallax.stories.developments`): an expression in the main clause first, then one in a
reported (complement) clause, then one in an adverbial clause, then one inside a noun phrase
("nominal"). An expression that describes a participant ("modifier": a relative clause, an
appositive such as "Sarah Palin, the 2008 nominee") or bounds a state ("bound": a clause opened
by "since") dates no development and is passed over.

The small parser often attaches such clauses to the wrong word, so two roles are also read from
the words themselves: a clause opened by "whose", "who", "whom" or "which" after a noun or a
comma is a relative clause ("Mark Mattioli, whose 6-year-old son … was killed in December", read
as the complement of "called up"), and one opened by "since" bounds a state ("will
become the first black senator since Edward Brooke … held the seat from 1966 to 1978", read as a
second main clause). And a date on the letter, statement or interview through which someone
speaks dates the speaking ("In … letters sent on Oct. 19, 2011, … Weich told …"), not the
participant's past a reduced relative clause would otherwise be.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from parallax.nlp.lexicon import SPEECH_VERBS, words

_FUTURE = words("will 'll ’ll shall wo")

# Clause roles, by the dependency of the clause's predicate (after climbing coordinations):
# the sentence's own event, a reported or embedded one, a circumstance, a participant's detail.
_ROLES = {"ROOT": "main", "ccomp": "complement", "xcomp": "complement", "parataxis": "main"}
_ADVERBIAL = frozenset({"advcl", "prep", "pcomp", "npadvmod"})
_VERBS = frozenset({"VERB", "AUX"})
_NOUNS = frozenset({"NOUN", "PROPN"})
# Words that open a relative clause (after a noun or a comma), and a clause that bounds a state.
_RELATIVE = words("whose who whom which")
_BOUNDING = words("since")
_HELPERS = frozenset({"aux", "auxpass", "neg"})
# Words that open some other clause: the scan for an opener stops at them ("the first time since
# 2008 that voters elected …": "that" opens the clause, not "since").
_OTHER_OPENERS = words("that when where while because if after before once as")


def event_of(span: Span) -> Token:
    """Return the predicate a time expression is governed by: the nearest verb above it (a
    helper verb stands for its main verb), else the root of its sentence."""
    token = span.root
    while token.head != token and token.pos_ not in _VERBS:
        token = token.head
    if token.dep_ in {"aux", "auxpass"} and token.head != token:
        token = token.head
    return token


def _role(predicate: Token) -> str:
    """Return the role of a predicate's clause: main, complement, adverbial or modifier."""
    while predicate.dep_ == "conj" and predicate.head != predicate:
        predicate = predicate.head  # "met and agreed on Friday": the first verb's clause
    if predicate.dep_ in _ROLES:
        return _ROLES[predicate.dep_]
    if predicate.dep_ == "relcl" and any(
        child.dep_ == "mark" and child.lower_ == "that" for child in predicate.children
    ):
        return "complement"  # "the charge that Obamacare raided Medicare …": what the charge
        # says, not a detail of a participant (a relative "that" is the clause's subject or
        # object)
    return "adverbial" if predicate.dep_ in _ADVERBIAL else "modifier"


def _outlook(predicate: Token) -> bool:
    """Whether a predicate heads a clause in the future, with its own subject, joined after a
    clause in the past: "Lawmakers also passed a one-month extension …, but without action the
    rates … will plummet on Jan. 1." The sentence reports the passing; the date is the
    outlook's ("He said … and will meet them on Friday", one subject, keeps its date)."""
    if predicate.dep_ != "conj" or predicate.head == predicate:
        return False
    children = list(predicate.children)
    if not any(child.dep_ == "aux" and child.lower_ in _FUTURE for child in children):
        return False
    if not any(child.dep_ in {"nsubj", "nsubjpass", "expl"} for child in children):
        return False
    first = predicate.head
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    return first.tag_ == "VBD" or any(
        child.tag_ == "VBD" and child.dep_ in {"aux", "auxpass"} for child in first.children
    )


# Words that open a clause of time, and the dependencies of a verb that lives inside a noun
# phrase ("a chance of holding on …", "the decision to run …").
_TIME_OPENERS = words("after before when while once")
_INSIDE_NOUN = frozenset({"pcomp", "acl"})


def _time_of_a_nominal_verb(predicate: Token) -> bool:
    """Whether a predicate heads a clause of time ("after taking power in the 2010 elections")
    that hangs on a verb inside a noun phrase ("a "two-in-three chance" of holding on to
    control of the House after taking power in the 2010 elections"): a circumstance of what
    the noun names, not of the sentence's event. A time clause on the main verb ("After winning
    re-election in November, he resigned") or a date on the noun's verb itself ("showed no sign
    of backing down on Monday") is not one."""
    opener = next(
        (
            token
            for token in (predicate.head, *predicate.children)
            if token.lower_ in _TIME_OPENERS and token.dep_ in {"prep", "mark"}
        ),
        None,
    )
    if opener is None:
        return False
    host = opener.head if opener == predicate.head else predicate.head
    if host.pos_ not in _VERBS or host.dep_ not in _INSIDE_NOUN or host.tag_ == "VBD":
        return False
    above = host.head
    if host.dep_ == "pcomp":
        above = above.head  # "of holding": the noun the preposition hangs on
    return above.pos_ in _NOUNS


def _clause_opener(predicate: Token) -> str | None:
    """ "modifier" when the words just before a predicate (back to the nearest other verb) open
    a relative clause, "bound" when they open a "since" clause, else None. ("Until" is left out:
    "won't be released until the board approves the resolution … in October" dates the
    release.)"""
    helpers = {child.i for child in predicate.children if child.dep_ in _HELPERS}
    start = predicate.sent.start
    for token in reversed(predicate.doc[start : predicate.i]):
        if token.i in helpers:
            continue
        if token.pos_ in _VERBS or token.text in {";", ":"}:
            return None
        if token.lower_ in _BOUNDING and token.dep_ in {"mark", "prep"}:
            return "bound"
        if token.lower_ in _OTHER_OPENERS and token.dep_ in {"mark", "advmod", "nsubj", "dobj"}:
            return None
        before = predicate.doc[token.i - 1] if token.i > start else None
        after_noun = before is not None and (before.text == "," or before.pos_ in {"NOUN", "PROPN"})
        if token.lower_ in _RELATIVE and after_noun:
            return "modifier"
    return None


def _speech_vehicle(predicate: Token) -> str | None:
    """The role of the speaking a participle's date dates: "In … letters sent on Oct. 19, 2011,
    Assistant Attorney General Ronald Weich told …" (a participle on the object of a
    preposition of an active speech verb), else None."""
    if predicate.dep_ != "acl" or predicate.tag_ != "VBN":
        return None
    noun = predicate.head
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.dep_ != "prep" or preposition == noun:
        return None
    verb = preposition.head
    if verb.pos_ not in _VERBS or verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    if any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children):
        return None  # "In … articles published from 2003 to 2009, he is described as …": no one
        # speaks through them
    return _role(verb)


_NOUN_MODIFIERS = frozenset({"compound", "nummod", "poss", "nmod"})  # not "the overnight attack"
# Nouns a date is part of a time with ("Monday night", "the end of the year"), and prepositions
# that make a noun the time of its clause ("in the 2008 primaries", "after last week's vote").
_TIME_NOUNS = words(
    """
    morning afternoon evening night noon midnight weekend week month year day quarter season
    period time decade century end beginning start middle half part rest course spring summer
    fall autumn winter
    """
)
_ANNIVERSARIES = words("anniversary anniversaries")
_TIME_PREPOSITIONS = words(
    "in during at on since before after until till by from through throughout over within"
)


def _describes_noun(span: Span) -> str | None:
    """The role of a date that describes a noun rather than dating its clause, else None.

    "modifier" for a participant's detail, an appositive ("Sarah Palin, the 2008 nominee", also
    one of two joined by "and": "Michael Dukakis, the former governor and 1988 Democratic
    presidential nominee"): passed over like a relative clause's date; "nominal" for a date
    inside another noun phrase ("this year's nomination", "a December confrontation", "the
    attacks of Sept. 11"): it dates the sentence only when nothing in the clause does
    ("Tuesday's vote sent …").
    """
    root = span.root
    head = root.head
    if head == root or span.start <= head.i < span.end:
        return None
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in _NOUNS:
        noun = head.head  # "the attacks of Sept. 11"
    elif root.dep_ in _NOUN_MODIFIERS and head.pos_ in _NOUNS and head.i >= span.end:
        noun = head  # "the 2008 nominee", "this year's nomination"
    else:
        return None
    if noun.lower_ in _ANNIVERSARIES:
        return "modifier"  # "on the anniversary of the Sept. 11, 2001, … attacks": the
        # anniversary is the time, the date names what it is the anniversary of
    if noun.lower_ in _TIME_NOUNS or noun.ent_type_ in {"DATE", "TIME"}:
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ in _TIME_PREPOSITIONS:
        return None  # "in the 2008 primaries": the noun phrase is the clause's time
    joined = noun
    while joined.dep_ == "conj" and joined.head != joined and joined.head.pos_ in _NOUNS:
        joined = joined.head  # "the former governor and 1988 … nominee": the first noun's role
    return "modifier" if joined.dep_ == "appos" else "nominal"


def date_role(span: Span, predicate: Token) -> str:
    """The role of a date: its clause's, unless it describes a noun of a clause that dates
    (a date inside a modifier clause stays passed over, whatever noun it describes), the
    clause's words open a relative or a "since" clause, or it dates the letter or statement
    a speech verb speaks through (see the module's docstring)."""
    role = _role(predicate)
    if role == "modifier":
        return _speech_vehicle(predicate) or role
    if _outlook(predicate):
        return "outlook"
    if _time_of_a_nominal_verb(predicate):
        return "modifier"
    return _clause_opener(predicate) or _describes_noun(span) or role
