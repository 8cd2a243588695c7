"""A party word as a subject is a description of a person, not a speaker.

"The Arizona Republican said" (after "Sen. John McCain, R-Ariz., said …") and "the Senate's top
Democrat said" (before "Senator Harry Reid of Nevada, the Senate majority leader and a
Democrat") describe one person of the article: the subject's head is a party word spaCy tags
NORP, which on its own would make "Republican" the speaker. :func:`described_person` resolves
such a definite description to the nearest person before it whose words in the article match
it (the party, and every name that modifies the party word: a state, "Senate"), else to the
first such person in the sentence after it, else to nobody (an unnamed source); an indefinite
one ("a Republican said") is an unnamed source. A plural ("Republicans said") is a group and
speaks as one, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from parallax.model import Mention

#: Party words a description is headed by, and how an article writes each next to a name.
PARTIES = {
    "republican": re.compile(r"\bRepublican\b|\bGOP\b|\(?\bR-[A-Z]"),
    "democrat": re.compile(r"\bDemocrat(?:ic)?\b|\(?\bD-[A-Z]"),
    "independent": re.compile(r"\bIndependent\b|\(?\bI-[A-Z]"),
}
#: The AP abbreviations of US states, as "R-Ariz." writes them.
STATES = {
    "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.", "California": "Calif.",
    "Colorado": "Colo.", "Connecticut": "Conn.", "Delaware": "Del.", "Florida": "Fla.",
    "Georgia": "Ga.", "Illinois": "Ill.", "Indiana": "Ind.", "Kansas": "Kan.",
    "Kentucky": "Ky.", "Louisiana": "La.", "Maryland": "Md.", "Massachusetts": "Mass.",
    "Michigan": "Mich.", "Minnesota": "Minn.", "Mississippi": "Miss.", "Missouri": "Mo.",
    "Montana": "Mont.", "Nebraska": "Neb.", "Nevada": "Nev.", "New Hampshire": "N.H.",
    "New Jersey": "N.J.", "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.",
    "North Dakota": "N.D.", "Oklahoma": "Okla.", "Oregon": "Ore.", "Pennsylvania": "Pa.",
    "Rhode Island": "R.I.", "South Carolina": "S.C.", "South Dakota": "S.D.",
    "Tennessee": "Tenn.", "Vermont": "Vt.", "Virginia": "Va.", "Washington": "Wash.",
    "West Virginia": "W.Va.", "Wisconsin": "Wis.", "Wyoming": "Wyo.",
}  # fmt: skip
#: How far around a person's mention the article's words describe them (characters).
REACH = 80


def party_description(head: Token) -> str | None:
    """Return the party a one-person subject names ("The Arizona Republican", "a Democrat" →
    "republican", "democrat"): its head is a singular party word; else None ("Republicans",
    a group, speaks as one)."""
    if head.tag_ not in {"NNP", "NN"} or head.lower_ not in PARTIES:
        return None
    return head.lower_


def _definite(head: Token) -> bool:
    """Whether a description names someone the reader knows: "the …", "this …", "the
    Senate's …" (not "a Republican")."""
    return any(
        (c.dep_ == "det" and c.lower_ in {"the", "this"}) or c.dep_ == "poss" for c in head.children
    )


def _modifiers(head: Token) -> list[str]:
    """The names that narrow a description: "Arizona", "Senate" (not "top", not "the")."""
    found = []
    for child in head.children:
        if child.dep_ in {"compound", "amod", "poss", "nmod"} and child.pos_ == "PROPN":
            found.append(" ".join(t.text for t in child.subtree if t.pos_ == "PROPN"))
    return found


def _describes(text: str, mention: Mention, party: str, names: Sequence[str]) -> bool:
    words = text[max(0, mention.start - REACH) : mention.end + REACH]
    if not PARTIES[party].search(words):
        return False
    return all(name in words or STATES.get(name, "\0") in words for name in names)


def described_person(
    head: Token, start: int, end: int, people: Sequence[Mention], text: str
) -> Mention | None:
    """Return the person a party description (``head`` of the subject ``[start, end)``)
    names: the nearest before it whose words match, else the first in the sentence after it;
    None when no one matches. ``people`` are the article's speaking PERSON mentions in text
    order."""
    party = party_description(head)
    if party is None or not _definite(head):
        return None  # "a Republican said": an unnamed source
    names = _modifiers(head)
    before = [m for m in people if m.end <= start and _describes(text, m, party, names)]
    if before:
        return before[-1]
    sentence_end = head.sent.end_char
    after_end = text.find(". ", sentence_end + 1)
    limit = after_end if after_end >= 0 else len(text)
    after = [m for m in people if end <= m.start < limit and _describes(text, m, party, names)]
    return after[0] if after else None
