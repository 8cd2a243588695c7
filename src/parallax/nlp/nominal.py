"""Attributions without a cue verb: cue nouns, prepositional sources and headline colons.

* a cue noun with a clause or a prepositional object: ``Trump's claim that …``, ``his
  criticism of …``, ``X raised questions about …`` (the owner, the ``by``/``from`` phrase, or
  the subject of the verb the noun is the object of, is the source);
* ``according to X`` (the rest of the sentence is the content), and ``in a poll by X`` or ``in
  X's view`` at the edge of a clause (the clause is the content);
* a headline or transcript line ``Sanders: Clinton email story has moved`` (the words before
  the colon are the source).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from parallax.nlp.attribution import (
    Found,
    Speakers,
    Who,
    content_bounds,
    lemma_of,
    phrase,
    span_end,
    subject_of,
)
from parallax.nlp.headline_case import name_in_body
from parallax.nlp.lexicon import (
    LIGHT_VERBS,
    NOUN_CUES,
    NOUN_PREPOSITIONS,
    OBJECT_CUES,
    SOURCE_HEADS,
    SOURCE_NOUNS,
)
from parallax.nlp.subject_names import no_one
from parallax.nlp.unspoken import names_where

__all__ = ["according", "headline", "in_source", "nominal"]


def according(token: Token, speakers: Speakers, text: str) -> Found | None:
    """``According to X, …``: the longer side of the sentence is the content."""
    to = [child for child in token.children if child.lower_ == "to"]
    objects = [child for child in to[0].children if child.dep_ == "pobj"] if to else []
    if not objects:
        return None
    sentence = token.sent
    phrase_start, phrase_end = token.idx, span_end(objects[0].right_edge)
    left = content_bounds(text, sentence.start_char, phrase_start)
    right = content_bounds(text, phrase_end, sentence.end_char)
    start, end = left if left[1] - left[0] >= right[1] - right[0] else right
    who_start, who_end = phrase(objects[0], phrase_start, phrase_end)
    speaker = speakers.resolve(objects[0], who_start, who_end)
    return start, end, Who(speaker, who_start, who_end, token.idx, span_end(to[0]))


def in_source(preposition: Token, speakers: Speakers, text: str) -> Found | None:
    """``In a CBS News poll, she led …``; ``in Trump's view, …``: the clause is the content."""
    if preposition.lower_ != "in" or preposition.dep_ != "prep":
        return None
    noun = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    clause = preposition.head
    if noun is None or lemma_of(noun) not in SOURCE_NOUNS or clause.pos_ not in {"VERB", "AUX"}:
        return None
    if any(
        child.dep_ in {"nsubj", "nsubjpass"} and child.i > clause.i for child in clause.children
    ):
        return None  # a question ("In which poll did …")
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if lemma_of(noun) == "view" and owner is None:
        return None  # "in view of": not a source
    source = owner or noun
    phrase_start, phrase_end = preposition.idx, span_end(preposition.right_edge)
    # The clause without its conjuncts ("she led in the polls | but ended up second").
    last = clause.right_edge
    for child in clause.rights:
        if child.dep_ in {"cc", "conj"}:
            last = clause.doc[child.left_edge.i - 1]
            break
    if preposition.i > clause.i:
        start, end = content_bounds(text, clause.left_edge.idx, phrase_start)
    else:
        start, end = content_bounds(text, phrase_end, span_end(last))
    if end - start < 10:
        return None
    who_start, who_end = _owner_span(source, text)
    speaker = speakers.resolve(source, who_start, who_end)
    return start, end, Who(speaker, who_start, who_end, preposition.idx, span_end(noun))


def _owner_span(owner: Token, text: str) -> tuple[int, int]:
    """The words of a source, without a possessive "'s"."""
    start, end = phrase(owner, owner.left_edge.idx, span_end(owner.right_edge))
    while end - start > 2 and text[end - 2 : end] in {"’s", "'s"}:
        end -= 2
    return start, end


def _noun_content(noun: Token, text: str) -> tuple[int, int, Token | None] | None:
    """The clause (``claim that …``) or prepositional object (``criticism of …``) of a noun."""
    noun_lemma = lemma_of(noun)
    for child in noun.children:
        if (
            noun_lemma in NOUN_CUES
            and child.dep_ in {"acl", "ccomp", "relcl"}
            and child.pos_ in {"VERB", "AUX"}
            and any(c.lower_ in {"that", "to"} and c.i < child.i for c in child.children)
        ):
            start, end = content_bounds(text, child.left_edge.idx, span_end(child.right_edge))
            return start, end, None
    prepositions = NOUN_PREPOSITIONS.get(noun_lemma, frozenset())
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects and not names_where(objects[0]):  # not "comments on their front pages"
                head = objects[0]
                start, end = content_bounds(text, head.left_edge.idx, span_end(head.right_edge))
                return start, end, child
    return None


def nominal(noun: Token, speakers: Speakers, text: str) -> Found | None:
    """``Trump's claim that …``, ``criticism of X by Y``, ``X voiced concern about …``."""
    found = _noun_content(noun, text)
    if found is None:
        return None
    start, end, preposition = found
    if start >= end:
        return None
    cue_start, cue_end = noun.idx, span_end(preposition if preposition is not None else noun)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next(
            (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}), None
        )
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    verb = noun.head
    if owner is None and noun.dep_ == "dobj" and verb.pos_ == "VERB":
        if lemma_of(verb) in OBJECT_CUES:
            return None  # "expressed concern about …": the verb's object is the content
        owner = subject_of(verb) if lemma_of(verb) in LIGHT_VERBS else None
        if owner is not None:
            cue_start = verb.idx
    if owner is not None and no_one(owner):
        return None  # "Neither the White House nor Fincher made any public comment …"
    if owner is None or owner.lower_ in {"it", "there"}:
        return start, end, Who(None, None, None, cue_start, cue_end)
    who_start, who_end = _owner_span(owner, text)
    speaker = speakers.resolve(owner, who_start, who_end)
    return start, end, Who(speaker, who_start, who_end, cue_start, cue_end)


def headline(sentence: Span, speakers: Speakers, text: str) -> Found | None:
    """``Sanders: Clinton email story has moved`` — a source, a colon, then the claim.

    The source is a name or a source noun ("Poll: …", "Newspaper: …"); the claim runs to the
    end of the line, quote marks and full stops included ("Kasich: ‘We Are Going …’").
    """
    colon = next((t for t in sentence[:8] if t.text == ":"), None)
    if colon is None or colon.i == sentence.start:
        return None
    source = sentence.doc[sentence.start : colon.i]
    if any(t.pos_ in {"VERB", "AUX"} for t in source):
        return None
    named = bool(source.ents) and source.ents[0].label_ in {"PERSON", "ORG", "NORP", "GPE"}
    if not named and not (len(source) <= 3 and lemma_of(source.root) in SOURCE_HEADS):
        return None  # "Poll: …", "Newspaper: …" are sources; "Update: …" is not
    line_end = text.find("\n", colon.idx)
    line = (text.rfind("\n", 0, colon.idx) + 1, len(text) if line_end < 0 else line_end)
    name = source.ents[0] if named else None
    if name and name.label_ != "PERSON" and not name_in_body(text, [line], name.text):
        return None  # a topic, not a source: "Mo Cowan Senate: Deval Patrick Names …"
    start, end = content_bounds(text, span_end(colon), len(text) if line_end < 0 else line_end)
    if end - start < 10:
        return None
    head = source.root
    speaker = speakers.resolve(head, source.start_char, source.end_char)
    return start, end, Who(speaker, source.start_char, source.end_char, colon.idx, span_end(colon))
