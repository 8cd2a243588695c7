"""Reported speech: what someone said, claimed or wants, without quote marks.

Four shapes, each found in the dependency parse:

* a cue verb with a clausal complement: ``X said (that) …``, ``X warned …``;
* a cue verb of intention with an infinitive: ``X pledged to …``, ``X wants to …``;
* a verb of public stance with its object: ``X announced his resignation``, ``X called for …``;
* ``according to X`` (the rest of the sentence is the content), and a headline or transcript
  line ``Sanders: Clinton email story has moved`` (the words before the colon are the source).

Content inside a quote that was already extracted is left to the quote.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from parallax.nlp.attribution import Speakers, Who, phrase, span_end, subject_of
from parallax.nlp.lexicon import INTENT_CUES, NOUN_CUES, OBJECT_CUES, REPORT_CUES

__all__ = ["find_reported"]

Found = tuple[int, int, Who]
_OBJECT_PREPOSITIONS = frozenset({"for", "on", "about", "of", "against", "to"})


def content_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace and clause punctuation from both ends of a content span."""
    while end > start and text[end - 1] in " \t\n.,;:":
        end -= 1
    while start < end and text[start] in " \t\n,;:":
        start += 1
    return start, end


def _inside(start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether a quote holds the content, or covers more than half of it."""
    for quote_start, quote_end in quoted:
        if quote_start <= start and end <= quote_end:
            return True
        if (min(end, quote_end) - max(start, quote_start)) * 2 > end - start:
            return True
    return False


def _cue_with(verb: Token, extra: Token | None) -> tuple[int, int]:
    """The cue: the verb with adjacent auxiliaries and negation, up to ``extra`` if given."""
    first = verb.i
    for child in verb.lefts:
        if child.dep_ in {"aux", "auxpass", "neg"} and child.i == first - 1:
            first = child.i
    last = extra if extra is not None and extra.i > verb.i else verb
    return verb.doc[first].idx, span_end(last)


def _complement(verb: Token, lemma: str) -> tuple[Token, Token | None] | None:
    """Return the content head of a cue verb, and a preposition that belongs to the cue."""
    for child in verb.children:
        if child.dep_ == "ccomp" and lemma in REPORT_CUES:
            return child, None
    for child in verb.children:
        if child.dep_ == "xcomp" and lemma in INTENT_CUES:
            return child, None
    if lemma in OBJECT_CUES:
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ in {"NOUN", "PROPN"}:
                return child, None
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in _OBJECT_PREPOSITIONS:
                objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
                if objects:
                    return objects[0], child
    return None


def _according(token: Token, speakers: Speakers, text: str) -> Found | None:
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


def _headline(sentence: Span, speakers: Speakers, text: str) -> Found | None:
    """``Sanders: Clinton email story has moved`` — a named source, a colon, then the claim."""
    colon = next((t for t in sentence[:8] if t.text == ":"), None)
    if colon is None or colon.i == sentence.start:
        return None
    source = sentence.doc[sentence.start : colon.i]
    if not source.ents or any(t.pos_ in {"VERB", "AUX"} for t in source):
        return None
    if source.ents[0].label_ not in {"PERSON", "ORG", "NORP", "GPE"}:
        return None
    start, end = content_bounds(text, span_end(colon), sentence.end_char)
    if end - start < 10:
        return None
    head = source.root
    speaker = speakers.resolve(head, source.start_char, source.end_char)
    return start, end, Who(speaker, source.start_char, source.end_char, colon.idx, span_end(colon))


def _nominal(noun: Token, speakers: Speakers, text: str) -> Found | None:
    """``Trump's claim that …``, ``his promise to …``: a cue noun with a clause."""
    clauses = [
        child
        for child in noun.children
        if child.dep_ in {"acl", "ccomp", "relcl"}
        and child.pos_ in {"VERB", "AUX"}
        and any(c.lower_ in {"that", "to"} and c.i < child.i for c in child.children)
    ]
    if not clauses:
        return None
    clause = clauses[0]
    start, end = content_bounds(text, clause.left_edge.idx, span_end(clause.right_edge))
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next(
            (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}), None
        )
        owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if owner is None:
        return start, end, Who(None, None, None, noun.idx, span_end(noun))
    who_start, who_end = phrase(owner, owner.left_edge.idx, span_end(owner.right_edge))
    while (
        who_end > who_start
        and text[who_end - 1] in "’'s"
        and text[who_end - 2 : who_end] in {"’s", "'s"}
    ):
        who_end -= 2
    speaker = speakers.resolve(owner, who_start, who_end)
    return start, end, Who(speaker, who_start, who_end, noun.idx, span_end(noun))


def find_reported(doc: Doc, speakers: Speakers, quoted: list[tuple[int, int]]) -> list[Found]:
    """Find reported speech in a parsed article, skipping content that a quote already holds."""
    found: list[Found] = []
    text = doc.text
    for sentence in doc.sents:
        if sentence.start == 0 or "\n" in doc[sentence.start - 1].text_with_ws:
            headline = _headline(sentence, speakers, text)
            if headline is not None and not _inside(headline[0], headline[1], quoted):
                found.append(headline)
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma == "accord" and token.lower_ == "according":
            according = _according(token, speakers, text)
            if according is not None and not _inside(according[0], according[1], quoted):
                found.append(according)
            continue
        if token.pos_ == "NOUN" and lemma in NOUN_CUES:
            nominal = _nominal(token, speakers, text)
            if nominal is not None and not _inside(nominal[0], nominal[1], quoted):
                found.append(nominal)
            continue
        if token.pos_ != "VERB":
            continue
        complement = _complement(token, lemma)
        if complement is None:
            continue
        subject = subject_of(token)
        if subject is None or subject.dep_ == "expl" or subject.lower_ in {"it", "there"}:
            continue
        if lemma == "ask" and subject.head != token:
            continue  # "When asked if …, Trump said": the asker is not named
        head, preposition = complement
        if head.ent_type_ in {"DATE", "TIME", "CARDINAL"} or (
            lemma not in REPORT_CUES
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            continue  # "spoke on Thursday"; "to defend its borders" is not a statement
        start, end = content_bounds(text, head.left_edge.idx, span_end(head.right_edge))
        if start >= end or _inside(start, end, quoted):
            continue
        sentence = token.sent
        who = speakers.who(token, subject, sentence.start_char, sentence.end_char)
        cue_start, cue_end = _cue_with(token, preposition)
        found.append((start, end, Who(who.speaker, who.start, who.end, cue_start, cue_end)))
    return found
