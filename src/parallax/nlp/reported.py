"""Reported speech: what someone said, claimed or wants, without quote marks.

Shapes found in the dependency parse, with the cue words of :mod:`parallax.nlp.lexicon`:

* a cue verb with a clausal complement: ``X said (that) …``, ``X warned …``, and set in the
  middle of what was said: ``The deal, she said, is off``;
* a cue verb of intention with an infinitive: ``X pledged to …``, ``X wants to …``;
* a verb of public stance with its object: ``X announced his resignation``, ``X called for …``;
* an adjective of attitude: ``X is critical of …``, ``X was eager to …``;
* cue nouns, ``according to X``, ``in a poll, …`` and headline colons
  (:mod:`parallax.nlp.nominal`).

The subject of the cue is the source; some cues ("show", "signal") need a subject that could
say something. A cue inside a quote, and content a quote already holds, are left to the quote.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from parallax.nlp.attribution import (
    Found,
    Speakers,
    Who,
    clause_end,
    content_bounds,
    could_say,
    lemma_of,
    span_end,
    subject_of,
)
from parallax.nlp.lexicon import (
    ADJECTIVE_CUES,
    EVIDENCE_CUES,
    INTENT_CUES,
    OBJECT_CUES,
    PARENTHETICAL_CUES,
    PREPOSITION_CUES,
    REPORT_CUES,
)
from parallax.nlp.nominal import according, headline, in_source, nominal

__all__ = ["find_reported"]

_COVERED = 0.8  # share of a content span inside one quote that leaves it to the quote


def _inside(start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether a quote holds the content, or covers nearly all of it (the quote says it)."""
    for quote_start, quote_end in quoted:
        if quote_start <= start and end <= quote_end:
            return True
        if (min(end, quote_end) - max(start, quote_start)) > _COVERED * (end - start):
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
    prepositions = PREPOSITION_CUES.get(lemma, frozenset())
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return objects[0], child
        if child.dep_ in {"advcl", "ccomp"} and child.i > verb.i:
            # "called for the US to end …", parsed as a clause marked by "for".
            mark = next((c for c in child.children if c.dep_ == "mark"), None)
            if mark is not None and mark.lower_ in prepositions and mark.i == verb.i + 1:
                return child, mark
    return None


def _attitude(adjective: Token) -> tuple[Token, Token | None] | None:
    """``X is critical of …``, ``Y was eager to …``: an attitude adjective's content."""
    prepositions = ADJECTIVE_CUES.get(adjective.lower_)
    if prepositions is None or adjective.dep_ != "acomp":
        return None
    for child in adjective.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return objects[0], child
        if child.dep_ == "xcomp" and "to" in prepositions:
            return child, None
    return None


def _parenthetical(verb: Token, lemma: str) -> Token | None:
    """Return the clause that a parenthetical cue sits in ("The deal, she said, is off")."""
    if lemma not in PARENTHETICAL_CUES or verb.dep_ != "parataxis":
        return None
    head = verb.head
    return head if head.pos_ in {"VERB", "AUX"} and head.i != verb.i else None


def find_reported(
    doc: Doc, speakers: Speakers, quoted: list[tuple[int, int]], text: str
) -> list[Found]:
    """Find reported speech in a parsed article, skipping content that a quote already holds."""
    found: list[Found] = []
    for sentence in doc.sents:
        if sentence.start == 0 or "\n" in doc[sentence.start - 1].text_with_ws:
            line = headline(sentence, speakers, text)
            if line is not None and not _inside(line[0], line[1], quoted):
                found.append(line)
    starts = [start for start, _ in quoted]
    for token in doc:
        at = bisect_right(starts, token.idx) - 1
        if at >= 0 and token.idx < quoted[at][1]:
            continue  # a cue inside a quote is part of what the quote's speaker said
        lemma = lemma_of(token)
        if token.pos_ not in {"VERB", "ADJ"} or token.lower_ == "according":
            if token.lower_ == "according":
                item = according(token, speakers, text)
            elif token.pos_ == "NOUN":
                item = nominal(token, speakers, text)
            elif token.pos_ == "ADP":
                item = in_source(token, speakers, text)
            else:
                continue
            if item is not None and not _inside(item[0], item[1], quoted):
                found.append(item)
            continue
        verb = token.head if token.pos_ == "ADJ" else token  # "X is | critical of …"
        complement = _attitude(token) if token.pos_ == "ADJ" else _complement(token, lemma)
        if complement is None and token.pos_ == "VERB":
            clause = _parenthetical(token, lemma)
            if clause is not None:
                complement = clause, None
        if complement is None:
            continue
        subject = subject_of(verb)
        if subject is None or subject.dep_ == "expl" or subject.lower_ in {"it", "there"}:
            continue
        head, preposition = complement
        if (lemma in EVIDENCE_CUES or token.pos_ == "ADJ") and not could_say(subject):
            continue  # "the crisis has seen …", "the move signals …": no one says it
        if lemma == "ask" and subject.head != token:
            continue  # "When asked if …, Trump said": the asker is not named
        if head.ent_type_ in {"DATE", "TIME", "CARDINAL"} or (
            lemma not in REPORT_CUES
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            continue  # "spoke on Thursday"; "to defend its borders" is not a statement
        first = head.left_edge.idx
        if preposition is not None and head.left_edge.i <= preposition.i:
            first = span_end(preposition)  # "called for | the US to end …"
        start, end = content_bounds(text, first, span_end(clause_end(head)))
        if start >= end or _inside(start, end, quoted):
            continue
        sentence = token.sent
        who = speakers.who(token, subject, sentence.start_char, sentence.end_char)
        cue_start, cue_end = _cue_with(token, preposition)
        found.append((start, end, Who(who.speaker, who.start, who.end, cue_start, cue_end)))
    return found
