"""The event mentions of an article's claims, read from the parse the NLP stage already made.

Each claim's words (with spaCy's lemmas, tags, parse and entities) become a
:class:`~parallax.nlp.events.ParsedSentence`; its triggers are the ones
:func:`~parallax.nlp.events.event_triggers` finds with the event-pair model's lexicon, each with
the arguments :func:`~parallax.nlp.events.event_arguments` reads; the common nouns the model
calls eventive (:mod:`parallax.models.event_nouns`, one MiniLM vector per new word) are
triggers too. Reporting verbs ("said",
"told") are left out: two claims that both report a statement do not report one event by that.
The story comparison reads the stored mentions (it does not load spaCy).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from parallax.model import Claim, EventMention
from parallax.models.event_pairs import load_event_pairs
from parallax.nlp.events import (
    ParsedSentence,
    candidate_nouns,
    event_arguments,
    event_triggers,
    mention_head,
    undecided_nouns,
)
from parallax.nlp.pipeline import EVENTS_EXTRACTOR as EXTRACTOR

__all__ = ["EXTRACTOR", "REPORTING", "WINDOW", "claim_events", "parsed_span"]

WINDOW = 5  # words either side of a trigger in its context (as the event-pair model was trained)
REPORTING = frozenset(("say", "tell", "add", "state", "report", "note", "write", "claim"))


def parsed_span(
    span: Span, entities: Sequence[tuple[int, int, str]] | None = None
) -> ParsedSentence:
    """Return a span of a parsed doc as a sentence, every index relative to its first word (a
    word whose head lies outside the span is its own head). ``entities`` are the doc's
    ``(start, end, label)`` when the caller has read them (``doc.ents`` builds every entity
    span on each read)."""
    first, last = span.start, span.end
    if entities is None:
        entities = [(e.start, e.end, e.label_) for e in span.doc.ents]
    words: list[str] = []
    lemmas: list[str] = []
    pos: list[str] = []
    deps: list[str] = []
    heads: list[int] = []
    for t in span:  # one pass: each read of a token builds it again
        head = t.head.i
        words.append(t.text)
        lemmas.append(t.lemma_.lower() or t.lower_)
        pos.append(t.pos_)
        deps.append(t.dep_)
        heads.append(head - first if first <= head < last else t.i - first)
    return ParsedSentence(
        words=tuple(words),
        lemmas=tuple(lemmas),
        pos=tuple(pos),
        deps=tuple(deps),
        heads=tuple(heads),
        entities=tuple(
            (max(start, first) - first, min(end, last) - first, label)
            for start, end, label in entities
            if start < last and end > first
        ),
    )


def claim_events(doc: Doc, claims: Sequence[Claim]) -> tuple[EventMention, ...]:
    """Return the event mentions of ``claims`` (offsets into ``doc.text``, each claim's text
    ``doc.text`` between them, as the claims extractor makes them), in text order."""
    model = load_event_pairs()
    lexicon = model.lexicon
    spans = [doc.char_span(c.start, c.end, alignment_mode="expand") for c in claims]
    entities = [(e.start, e.end, e.label_) for e in doc.ents]
    parses = [
        parsed_span(span, entities) if span is not None and len(span) else None for span in spans
    ]
    candidates = set().union(*(candidate_nouns(parse) for parse in parses if parse is not None))
    nouns = model.eventive_nouns(undecided_nouns(candidates, lexicon))
    text: str | None = None  # doc.text builds every token: read only if a claim's text won't do
    found: list[EventMention] = []
    for claim, span, parse in zip(claims, spans, parses, strict=True):
        if span is None or parse is None:
            continue
        for indexes in event_triggers(parse, lexicon, nouns):
            head = mention_head(parse, indexes)
            if parse.lemmas[head] in REPORTING or span[head].is_space:
                continue
            arguments = event_arguments(parse, head)
            tokens = [span[i] for i in indexes]
            start = min(t.idx for t in tokens)
            end = max(t.idx + len(t.text) for t in tokens)
            low, high = max(0, indexes[0] - WINDOW), indexes[-1] + WINDOW + 1
            if claim.start <= start and end <= claim.end:  # the claim's text is doc.text's there
                shown = claim.text[start - claim.start : end - claim.start]
            else:
                text = doc.text if text is None else text
                shown = text[start:end]
            found.append(
                EventMention(
                    article_id=claim.article_id,
                    start=start,
                    end=end,
                    text=shown,
                    claim_start=claim.start,
                    claim_end=claim.end,
                    trigger=" ".join(t.text for t in tokens),
                    head=parse.lemmas[head],
                    lemmas=tuple(parse.lemmas[i] for i in indexes),
                    pos=parse.pos[head],
                    window=" ".join(w for w in parse.words[low:high] if w.strip()),
                    extractor=EXTRACTOR,
                    agents=tuple(sorted(arguments.agents)),
                    patients=tuple(sorted(arguments.patients)),
                    places=tuple(sorted(arguments.places)),
                    times=tuple(sorted(arguments.times)),
                    names=tuple(sorted(arguments.names)),
                )
            )
    return tuple(sorted(found, key=lambda m: (m.start, m.end)))
