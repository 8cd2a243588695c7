"""Entities the small English model types PERSON that name no person.

* A name that ends in a party's plural is a group: "a letter to the Log Cabin Republicans of
  Massachusetts" (NYT, 2012) was a person, whom the next "he" ("In that letter he argued …",
  Mitt Romney) then stood for. It is an organisation.
* A weekday or a month written with two letters swapped is a date, no person: "Mitt Romney said
  Wednedsay he maintains his opposition" and "On Wednedsay, though, he said …" (Fox, 2012) made
  "Wednedsay" the speaker of "he said".

(An epithet that ends in a role word, "America's Toughest Sheriff", is read in
:func:`parallax.nlp.titled_names.is_epithet`.)
"""

from __future__ import annotations

from spacy.tokens import Span

from parallax.nlp.first_names import first_name_gender
from parallax.nlp.lexicon import words
from parallax.nlp.role_subjects import PARTIES

__all__ = ["misspelt_date", "party_group", "retyped"]

_DATES = words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december
    """
)


def party_group(ent: Span) -> bool:
    """Whether a PERSON entity of two words or more ends in a party's plural ("Log Cabin
    Republicans", "Blue Dog Democrats")."""
    return ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_.removesuffix("s") in PARTIES


def _swapped(word: str) -> set[str]:
    """The spellings of a word with two neighbouring letters swapped."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


# Not a first name the swap happens to spell ("May" → "Amy").
_SWAPPED = (
    frozenset(s for day in _DATES for s in _swapped(day) if first_name_gender(f"{s} X") is None)
    - _DATES
)


def misspelt_date(ent: Span) -> bool:
    """Whether a one-word PERSON entity is a weekday or a month with two neighbouring letters
    swapped ("Wednedsay")."""
    return ent.label_ == "PERSON" and len(ent) == 1 and ent[0].lower_ in _SWAPPED


def retyped(ent: Span) -> Span | None:
    """An entity as it should be typed: a party group an organisation, a misspelt date None
    (no entity), anything else as it is."""
    if misspelt_date(ent):
        return None
    if party_group(ent):
        return Span(ent.doc, ent.start, ent.end, label="ORG")
    return ent
