"""What quote extractors share: offset lookups, and turning a cue verb's subject into a speaker.

The speaker is the subject of the cue verb. It becomes the canonical name of the PERSON mention
inside the subject; a pronoun ("he said") becomes the nearest PERSON mentioned before it; an
organisation subject ("the Pentagon said") is kept; anything else ("a senior officer in …") is
an unnamed source: ``speaker`` is None and the words are kept.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from parallax.model import Mention
from parallax.nlp.lexicon import PRONOUNS, SUBJECTS

__all__ = ["Speakers", "Tokens", "Who", "agent_of", "cue_span", "phrase", "span_end", "subject_of"]


@dataclass(frozen=True, slots=True)
class Who:
    """A speaker found in the text: canonical name (or None), words, and the cue."""

    speaker: str | None
    start: int | None
    end: int | None
    cue_start: int | None
    cue_end: int | None


class Tokens:
    """Character-offset lookups over a doc's tokens."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [token.idx for token in doc]

    def within(self, start: int, end: int) -> list[Token]:
        """Tokens that lie entirely inside ``[start, end)``."""
        first = bisect_left(self.starts, start)
        last = bisect_right(self.starts, end)
        return [t for t in self.doc[first:last] if t.idx + len(t) <= end]

    def at(self, offset: int) -> Token | None:
        """The token that contains ``offset``."""
        i = bisect_right(self.starts, offset) - 1
        return self.doc[i] if i >= 0 else None


def span_end(token: Token) -> int:
    return token.idx + len(token)


def subject_of(verb: Token) -> Token | None:
    """Return the subject of a cue verb, climbing through participles and conjuncts."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in SUBJECTS and _can_speak(child):
                return child
        if (
            current.dep_ in {"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp"}
            and current.head != current
        ):
            current = current.head if current.dep_ != "pcomp" else current.head.head
        else:
            return None
    return None


def _can_speak(token: Token) -> bool:
    """Whether a subject can be a source: not a time ("9:30 p.m. says") or a dateline."""
    if token.ent_type_ in {"DATE", "TIME", "CARDINAL"} or token.like_num:
        return False
    return not (token.is_upper and len(token) > 3 and token.ent_type_ == "GPE")


def agent_of(verb: Token) -> Token | None:
    """Return the ``by`` agent of a passive cue verb ("accused by the United Nations")."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def phrase(token: Token, lo: int, hi: int) -> tuple[int, int]:
    """Return the character range of the phrase headed by ``token``, kept inside ``[lo, hi)``."""
    first, last = token.left_edge.i, token.right_edge.i
    for child in token.rights:
        if child.dep_ in {"relcl", "acl"}:
            last = min(last, child.left_edge.i - 1)
    doc = token.doc
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    start, end = max(doc[first].idx, lo), min(span_end(doc[last]), hi)
    return (start, end) if start < end else (token.idx, span_end(token))


def cue_span(verb: Token) -> tuple[int, int]:
    """Return the character range of a cue: the verb with its auxiliaries and particle."""
    first, last = verb.i, verb.i
    for child in verb.children:
        if child.dep_ in {"aux", "auxpass", "neg"} and child.i == first - 1:
            first = child.i
        elif child.dep_ in {"prt", "acomp"} and child.i == last + 1:
            last = child.i
    return verb.doc[first].idx, span_end(verb.doc[last])


class Speakers:
    """Turns a subject token into a speaker, using the article's mentions."""

    def __init__(self, mentions: tuple[Mention, ...], quote_spans: list[tuple[int, int]]) -> None:
        self.people = [m for m in mentions if m.label == "PERSON"]
        self.named = [m for m in mentions if m.label in {"ORG", "GPE", "NORP"}]
        self.quotes = quote_spans

    def _in_quote(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quotes)

    def resolve(self, head: Token, start: int, end: int) -> str | None:
        """Return the canonical speaker for the subject ``head`` spanning ``[start, end)``."""
        if head.lower_ in PRONOUNS:
            before = [m for m in self.people if m.end <= start and not self._in_quote(m.start)]
            return before[-1].entity if before else None
        for mention in self.people:
            if start <= mention.start and mention.end <= end and not self._in_quote(mention.start):
                return mention.entity
        for mention in self.named:
            if mention.start <= head.idx < mention.end:
                return mention.entity
        return None

    def nearest(self, before: int, window: int = 250) -> Mention | None:
        """Return the last PERSON mentioned (outside quotes) in the ``window`` before an offset."""
        found = [
            m
            for m in self.people
            if before - window <= m.start and m.end <= before and not self._in_quote(m.start)
        ]
        return found[-1] if found else None

    def who(self, verb: Token, subject: Token | None, lo: int, hi: int) -> Who:
        """Return the speaker of a cue verb: its subject, or else the person named just before."""
        cue_start, cue_end = cue_span(verb)
        if subject is None:
            person = self.nearest(verb.idx)
            if person is None:
                return Who(None, None, None, cue_start, cue_end)
            return Who(person.entity, person.start, person.end, cue_start, cue_end)
        start, end = phrase(subject, lo, hi)
        return Who(self.resolve(subject, start, end), start, end, cue_start, cue_end)
