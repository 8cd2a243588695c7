"""Cue words in shapes that report no one's words.

* a gerund after "of" on a noun of an idea names an act, not a statement: "the concept of
  denying tax credits to illegal immigrants" (Fox, 2012) is no one's denial;
* a participle of reputation set on a noun says what the noun is known for, which is no one's
  statement and the noun's least of all: "the state known for its agriculture industry" (Fox,
  2014) is unnamed, not the nearest name's (Chuck Grassley);
* the object of a cue noun's or verb's preposition that is where the words appeared (a page,
  the floor, a broadcast) is no content: "featured the backlash over Braley's
  comments on their front pages" (HuffPost, 2014), where the parser hangs "on their front
  pages" on "comments".
"""

from __future__ import annotations

from spacy.tokens import Token

from parallax.nlp.lexicon import words

__all__ = ["gerund_of_noun", "names_where", "reputation"]

# Where words appear, not what they say: "comments on their front pages", "on the Senate floor"
# (not "program", "show" or "site": "concerns about Iran's nuclear program").
_WHERE = words(
    "page website blog broadcast air television radio floor stage twitter facebook youtube camera"
)
# Nouns of an idea or a kind of act: a gerund under them names the act ("the concept of
# denying …"), where under others it is often someone's ("made a point of praising Mr. Romney").
_IDEAS = words("concept idea notion practice policy prospect possibility principle")
# Participles of reputation: "the state known for …", "Sheriff Joe Arpaio, known for …": what
# the noun is known for is no one's statement, the noun's least of all.
_REPUTATION = words("know note famed renowned remember")


def gerund_of_noun(cue: Token) -> bool:
    """Whether a cue is a gerund with no subject of its own under a noun's preposition ("the
    concept of denying …"): an act named, not one someone did."""
    preposition = cue.head
    return (
        cue.tag_ == "VBG"
        and cue.dep_ == "pcomp"
        and preposition.lower_ == "of"
        and preposition.head.lemma_.lower() in _IDEAS
        and not any(child.dep_ in {"nsubj", "poss"} for child in cue.children)
    )


def reputation(cue: Token) -> bool:
    """Whether a cue is a participle of reputation set on a noun ("the state known for …")."""
    return cue.tag_ == "VBN" and cue.dep_ == "acl" and cue.lemma_.lower() in _REPUTATION


def names_where(obj: Token) -> bool:
    """Whether a preposition's object is where words appeared ("on their front pages")."""
    return obj.lemma_.lower() in _WHERE or obj.lower_ in _WHERE
