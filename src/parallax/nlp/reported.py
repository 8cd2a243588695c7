"""Reported speech: what someone said, claimed or wants, without quote marks.

Shapes found in the dependency parse, with the cue words of :mod:`parallax.nlp.lexicon`:

* a cue verb with a clausal complement: ``X said (that) …``, ``X warned …``, and set in the
  middle of what was said: ``The deal, she said, is off``;
* a cue verb of intention with an infinitive: ``X pledged to …``, ``X wants to …``;
* a verb of public stance with its object: ``X announced his resignation``, ``X called for …``;
* an adjective of attitude: ``X is critical of …``, ``X was eager to …``;
* an indirect question: ``Asked if her email practices were illegal, …`` (no source named);
* a passive cue: ``O'Malley's move was first reported by X`` (the ``by`` agent is the source);
* the writer's own judgement: ``Clinton seemed irritated`` (the whole clause, no source), and
  hearsay: ``Google has reportedly looked at Twitter``;
* cue nouns, ``according to X``, ``in a poll, …`` and headline colons (``Poll: …``,
  ``Kasich: ‘…’``) (:mod:`parallax.nlp.nominal`).

The subject of the cue is the source (a cue without one: the person named before it in its
sentence; a passive cue's subject is who was asked or told, not the source: the ``by`` agent
is, else nobody named); some cues ("show", "signal") need a subject that could say something
unless they take a clause ("Footage from the game shows that …"). A cue inside a quote, and
content a quote already holds, are left to the quote; a cue inside an indirect question or a
condition ("asked whether he supports …", "if she says …") states nothing; a content that ends
or starts inside a quote takes in the whole quote, so that a partial quote and the clause around
it are one attribution.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from parallax.nlp.attribution import (
    Found,
    Speakers,
    Who,
    agent_of,
    clause_end,
    content_bounds,
    could_say,
    cue_span,
    lemma_of,
    phrase,
    span_end,
    subject_of,
)
from parallax.nlp.lexicon import (
    ADJECTIVE_CUES,
    EVIDENCE_CUES,
    HEARSAY,
    INTENT_CUES,
    OBJECT_CUES,
    PARENTHETICAL_CUES,
    PERSONAL_CUES,
    PREPOSITION_CUES,
    REPORT_CUES,
    SEEM_CUES,
    SPEECH_VERBS,
    SUBJECTS,
)
from parallax.nlp.nominal import according, headline, in_source, nominal
from parallax.nlp.subject_names import no_one, participle_head
from parallax.nlp.unspoken import (
    argued_act,
    gerund_of_noun,
    names_where,
    reputation,
    set_apart,
)

__all__ = ["find_reported"]

_RELATIVES = frozenset({"that", "which", "what", "who", "whom", "whatever", "something"})
_QUESTION_MARKS = frozenset({"if", "whether"})
_CLOSING = " \t.,;:!?\"'‘’“”«»"
_COVERED = 0.8  # share of a content span inside one quote that leaves it to the quote


def _inside(start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether a quote holds the content, or covers nearly all of it (the quote says it)."""
    for quote_start, quote_end in quoted:
        if quote_start <= start and end <= quote_end:
            return True
        if (min(end, quote_end) - max(start, quote_start)) > _COVERED * (end - start):
            return True
    return False


def _close_quote(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> tuple[int, int]:
    """Take in the marks of a quote the content ends or starts in (``… "is going to help."``)."""
    for quote_start, quote_end in quoted:
        if start <= quote_start < end < quote_end:
            end = quote_end
        elif quote_start < start < quote_end <= end and not text[quote_start:start].strip(_CLOSING):
            start = quote_start
    return start, end


def _cue_with(verb: Token, extra: Token | None) -> tuple[int, int]:
    """The cue: the verb with adjacent auxiliaries and negation, up to ``extra`` if given."""
    first = verb.i
    for child in verb.lefts:
        if child.dep_ in {"aux", "auxpass", "neg"} and child.i == first - 1:
            first = child.i
    last = extra if extra is not None and extra.i > verb.i else verb
    return verb.doc[first].idx, span_end(last)


def _by_a_person(verb: Token) -> bool:
    """Whether a verb's own subject is a named person or "he"/"she" (not a country or army)."""
    return any(
        child.dep_ == "nsubj" and (child.ent_type_ == "PERSON" or child.lower_ in {"he", "she"})
        for child in verb.children
    )


_ASKING = frozenset({"ask", "inquire", "wonder", "question"})


def _complement(verb: Token, lemma: str) -> tuple[Token, Token | None] | None:
    """Return the content head of a cue verb, and a preposition that belongs to the cue."""
    for child in verb.children:
        if child.dep_ == "ccomp" and lemma in REPORT_CUES and not set_apart(verb, child):
            return child, None
    for child in verb.children:
        if child.dep_ == "xcomp" and lemma in INTENT_CUES:
            return child, None
        if (
            child.dep_ == "advcl"
            and child.i > verb.i
            and lemma in REPORT_CUES
            and any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in child.children)
            and (lemma in _ASKING or not any(c.dep_ == "dobj" for c in verb.children))
        ):
            # "Asked if her email practices were illegal, …"; not the condition on an act
            # ("Mr. Grassley could assume the chairmanship if his party takes control …")
            return child, None
    if lemma in OBJECT_CUES or (lemma in PERSONAL_CUES and _by_a_person(verb)):
        for child in verb.children:
            if child.dep_ == "dobj" and (
                child.pos_ in {"NOUN", "PROPN"}
                or (child.pos_ == "PRON" and child.lower_ not in _RELATIVES)
            ):
                return child, None
    prepositions = PREPOSITION_CUES.get(lemma, frozenset())
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects and not names_where(objects[0]):
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
            if objects and not names_where(objects[0]):
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


def _seeming(verb: Token, lemma: str, text: str) -> Found | None:
    """``Clinton seemed irritated``, ``Trump appears to be slipping``: the whole clause.

    Only with a complement that describes the subject ("appeared on Fox" is not one), and a
    subject that is not an empty "it" ("it seems that …"). No one is the source.
    """
    if verb.pos_ not in {"VERB", "AUX"} or lemma not in SEEM_CUES:
        return None
    described = any(
        child.dep_ in {"xcomp", "acomp", "attr", "oprd"}
        or (child.dep_ == "prep" and child.lower_ == "like")
        for child in verb.children
    )
    subject = next((child for child in verb.children if child.dep_ in SUBJECTS), None)
    if not described or subject is None or subject.lower_ in {"it", "there"}:
        return None
    start, end = content_bounds(text, subject.left_edge.idx, span_end(clause_end(verb)))
    if start >= end:
        return None
    cue_start, cue_end = _cue_with(verb, None)
    return start, end, Who(None, None, None, cue_start, cue_end)


def _passive(verb: Token, lemma: str, speakers: Speakers, text: str) -> Found | None:
    """``O'Malley's move was first reported by X``: the passive subject of a cue is the content.

    The ``by`` agent is the source; without one, no one is.
    """
    if verb.tag_ != "VBN" or lemma not in OBJECT_CUES:
        return None
    if not any(child.dep_ == "auxpass" for child in verb.children):
        return None
    subject = next((child for child in verb.children if child.dep_ == "nsubjpass"), None)
    if subject is None or subject.lower_ in {"it", "there"} or subject.pos_ == "PRON":
        return None
    if subject.ent_type_ == "PERSON" and any(c.lower_ == "as" for c in verb.children):
        return None  # "Kerry … was confirmed Tuesday as the new secretary": a post, not words
    start, end = content_bounds(text, *phrase(subject, 0, len(text)))
    if start >= end:
        return None
    agent = agent_of(verb)
    if agent is None:
        cue_start, cue_end = cue_span(verb)
        return start, end, Who(None, None, None, cue_start, cue_end)
    sentence = verb.sent
    return start, end, speakers.who(verb, agent, sentence.start_char, sentence.end_char)


def _hearsay(adverb: Token, text: str) -> Found | None:
    """``Google and Facebook have reportedly looked at Twitter``: the clause, with no source."""
    clause = adverb.head
    if clause.pos_ not in {"VERB", "AUX"}:
        return None
    start, end = content_bounds(text, clause.left_edge.idx, span_end(clause_end(clause)))
    if end - start < 10:
        return None
    return start, end, Who(None, None, None, adverb.idx, span_end(adverb))


def _imperative(verb: Token) -> bool:
    """Whether a verb with no subject is an order to the reader ("… and tell us whether you
    think …"): the base form heading its sentence, or a conjunct of one."""
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return (
        verb.dep_ == "ROOT"
        and verb.tag_ == "VB"
        and not any(c.dep_ in {"aux", "nsubj", "nsubjpass", "expl"} for c in verb.children)
    )


def _source(token: Token, lemma: str, head: Token) -> tuple[Token, str] | None:
    """Who says a cue's content: ``(subject, how)``, or None when it is no attribution.

    ``how`` is "subject" (the cue's subject), "nearest" (no subject in the parse: the person
    named before the cue in its sentence), or "nobody" ("Asked if …, Trump said"; "it was
    revealed that …").
    """
    verb = token.head if token.pos_ == "ADJ" else token  # "X is | critical of …"
    subject = subject_of(verb)
    if argued_act(token, lemma):
        return None  # "its argument that Obama is attacking …": the argument's owner claims it
    if lemma == "ask" and token.tag_ == "VBN" and (subject is None or subject.head != token):
        return token, "nobody"  # "Asked if …, Trump said": an asker nobody names
    if subject is None:
        if _imperative(verb) or gerund_of_noun(token):
            return None  # "… tell us whether …"; "the concept of denying tax credits …"
        if reputation(token):
            return token, "nobody"  # "the state known for …": no one's words
        sourceless = token.pos_ == "VERB" and lemma not in EVIDENCE_CUES and lemma != "ask"
        return (token, "nearest") if sourceless else None
    if no_one(subject):
        return None  # "Neither the White House nor Fincher made any public comment …"
    if subject.dep_ == "expl" or subject.lower_ in {"it", "there"}:
        if subject.dep_ == "nsubj" and subject.lower_ == "it" and lemma in SPEECH_VERBS:
            return subject, "subject"  # "the company said it …; it said …"
        if head.dep_ == "ccomp" and (lemma in REPORT_CUES or lemma in SEEM_CUES):
            return token, "nobody"  # "it was revealed that …", "it appears that …"
        return None
    if (
        (lemma in EVIDENCE_CUES or token.pos_ == "ADJ")
        and not could_say(subject)
        and head.dep_ != "ccomp"  # "Footage from the game shows that …" is evidence cited
    ):
        return None  # "the crisis has seen …", "the move signals …": no one says it
    if lemma == "ask" and subject.head != token:
        return None  # "X, asked …": the asker is not X
    if subject.dep_ == "nsubjpass" and subject.head == verb and not _perfect(verb):
        # "X was asked whether …", "X was offered a job": X is who is asked or offered; who
        # asks is the "by" agent, else someone the article does not name.
        agent = agent_of(verb)
        if agent is not None:
            return agent, "subject"
        return token, "nobody"
    return subject, "subject"


def _perfect(verb: Token) -> bool:
    """ "he's asked a firm to …", "he's expressed openness": "'s" is "has", no passive."""
    return any(c.dep_ == "auxpass" and c.lower_ in {"'s", "’s"} for c in verb.children)


def _in_question(token: Token) -> bool:
    """Whether a cue sits in an indirect question or a condition: "asked him whether he
    supports the agenda", "if he says so" state nothing its subject said."""
    verb = token.head if token.pos_ == "ADJ" else token
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return any(c.dep_ == "mark" and c.lower_ in _QUESTION_MARKS for c in verb.children)


#: Participles that join a clause as "given that" does, with no one doing them.
_CONJUNCTIONS = frozenset({"considering", "assuming", "supposing", "granted", "given"})


def _conjunction(token: Token) -> bool:
    """ "… a likely favorite, considering Massachusetts is among the most liberal states": a
    participle with no subject of its own before a clause is a conjunction, not a cue."""
    return (
        token.lower_ in _CONJUNCTIONS
        and token.dep_ in {"advcl", "prep", "mark"}
        and not any(c.dep_ in SUBJECTS for c in token.children)
        and any(c.dep_ in {"ccomp", "advcl"} and c.i > token.i for c in token.children)
    )


def _cued(token: Token, lemma: str, speakers: Speakers, text: str) -> Found | None:
    """A cue verb or attitude adjective with its complement, and who says it."""
    if token.pos_ == "ADJ":
        complement = _attitude(token)
    else:
        complement = _complement(token, lemma)
        if complement is None:
            clause = _parenthetical(token, lemma)
            complement = (clause, None) if clause is not None else None
    if complement is None:
        return _passive(token, lemma, speakers, text) if token.pos_ == "VERB" else None
    head, preposition = complement
    source = _source(token, lemma, head)
    if source is None:
        return None
    if head.ent_type_ in {"DATE", "TIME", "CARDINAL"} or (
        lemma not in REPORT_CUES
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    ):
        return None  # "spoke on Thursday"; "to defend its borders" is not a statement
    first = head.left_edge.idx
    if preposition is not None and head.left_edge.i <= preposition.i:
        first = span_end(preposition)  # "called for | the US to end …"
    last = clause_end(head)
    if head.dep_ == "dobj" and last.i + 1 < len(token.doc):
        after = token.doc[last.i + 1]
        if after.lower_ == "as" and after.dep_ == "prep" and after.head == token:
            last = after.right_edge  # "viewing concessions as politically untenable"
    start, end = content_bounds(text, first, span_end(last))
    if start >= end:
        return None
    cue_start, cue_end = _cue_with(token, preposition)
    subject, how = source
    sentence = token.sent
    if how == "nearest":  # the person named before the cue (or the verb it hangs on), if any
        at = participle_head(token).idx
        person = speakers.nearest(at, window=at - sentence.start_char, doc=token.doc)
        if person is None:
            return start, end, Who(None, None, None, cue_start, cue_end)
        return start, end, Who(person.entity, person.start, person.end, cue_start, cue_end)
    if how == "nobody":
        return start, end, Who(None, None, None, cue_start, cue_end)
    who = speakers.who(token, subject, sentence.start_char, sentence.end_char)
    return start, end, Who(who.speaker, who.start, who.end, cue_start, cue_end)


def _without_cue(token: Token, speakers: Speakers, text: str) -> Found | None:
    """Attributions whose cue is no verb: "according to", cue nouns, "in a poll", "reportedly"."""
    if token.lower_ == "according":
        return according(token, speakers, text)
    if token.pos_ == "NOUN":
        return nominal(token, speakers, text)
    if token.pos_ == "ADP":
        return in_source(token, speakers, text)
    if token.lower_ in HEARSAY and token.dep_ == "advmod":
        return _hearsay(token, text)
    return None


def find_reported(
    doc: Doc, speakers: Speakers, quoted: list[tuple[int, int]], text: str
) -> list[Found]:
    """Find reported speech in a parsed article, skipping content that a quote already holds."""
    found: list[Found] = []
    for sentence in doc.sents:
        if sentence.start == 0 or "\n" in doc[sentence.start - 1].text_with_ws:
            line = headline(sentence, speakers, text)
            if line is not None:  # "Kasich: ‘We Are Going …’" too: no quote rule takes it
                found.append(line)
    starts = [start for start, _ in quoted]
    for token in doc:
        at = bisect_right(starts, token.idx) - 1
        if at >= 0 and token.idx < quoted[at][1]:
            continue  # a cue inside a quote is part of what the quote's speaker said
        item: Found | None
        if token.pos_ not in {"VERB", "ADJ"} or token.lower_ == "according":
            item = _without_cue(token, speakers, text)
        else:
            lemma = lemma_of(token)
            if _in_question(token) or _conjunction(token):
                continue
            item = _seeming(token, lemma, text) or _cued(token, lemma, speakers, text)
        if item is not None and not _inside(item[0], item[1], quoted):
            found.append(item)
    # A content that ends or starts inside a quote takes in the whole quote.
    return [(*_close_quote(text, start, end, quoted), who) for start, end, who in found]
