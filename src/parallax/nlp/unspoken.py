"""Cue words in shapes that report no one's words.

* a gerund after "of" on a noun of an idea names an act, not a statement: "the concept of
  denying tax credits to illegal immigrants" (Fox, 2012) is no one's denial;
* a participle of reputation set on a noun says what the noun is known for, which is no one's
  statement and the noun's least of all: "the state known for its agriculture industry" (Fox,
  2014) is unnamed, not the nearest name's (Chuck Grassley);
* the object of a cue noun's or verb's preposition that is where the words appeared (a page,
  the floor, a broadcast) is no content: "featured the backlash over Braley's
  comments on their front pages" (HuffPost, 2014), where the parser hangs "on their front
  pages" on "comments";
* a verb of stance in the "that" clause of a cue noun is part of what the noun's owner
  claims, not an attribution of its own: "laying out its argument that Obama is attacking the
  fundamentals social conservative believe in" (Fox, 2011) is the Perry campaign's argument,
  not Obama's stance. A verb of speech there ("the claim that Obama said …") still reports;
* a clause before a cue that a subordinating word ("after", "when") sets apart is no content
  of the cue: "Mitt Romney on Wednesday reiterated that he opposes same-sex marriage, a few
  hours after President Barack Obama said for the first time he supports it" (HuffPost, 2012),
  where the parser hangs the main clause on "said", was Obama's.
"""

from __future__ import annotations

from spacy.tokens import Token

from parallax.nlp.lexicon import NOUN_CUES, REPORT_CUES, words

__all__ = ["argued_act", "gerund_of_noun", "names_where", "reputation", "set_apart"]

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


def argued_act(cue: Token, lemma: str) -> bool:
    """Whether a cue of stance is the "that" clause of a cue noun ("its argument that Obama is
    attacking …"): what the noun's owner claims, not the stance of the clause's subject."""
    noun = cue.head
    return (
        lemma not in REPORT_CUES
        and cue.dep_ in {"acl", "ccomp"}
        and noun.pos_ == "NOUN"
        and noun.lemma_.lower() in NOUN_CUES
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in cue.children)
    )


_SUBORDINATORS = words("after before when while since until once because although though")


def set_apart(cue: Token, clause: Token) -> bool:
    """Whether a clause before a cue is set apart from it by the cue's subordinating word ("…,
    a few hours after Obama said …")."""
    return clause.i < cue.i and any(
        c.dep_ == "mark" and c.lower_ in _SUBORDINATORS and clause.i < c.i < cue.i
        for c in cue.children
    )
