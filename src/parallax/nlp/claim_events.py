"""The event mentions of a story's claims, for the comparison's event links.

Each claim is tokenised by spaCy's tokenizer, then tagged and parsed as a sentence
(:func:`parallax.nlp.events.parse_sentences`); its triggers are the ones
:func:`parallax.nlp.events.event_triggers` finds with the event-pair model's lexicon, each with
its arguments (:func:`parallax.nlp.events.event_arguments`). Reporting verbs ("said", "told")
are left out: two claims that both report a statement do not report one event by that.
"""

from __future__ import annotations

from collections.abc import Sequence

from parallax.models.event_mentions import EventMention
from parallax.models.event_pairs import load_event_pairs
from parallax.nlp.events import event_arguments, event_triggers, mention_head, parse_sentences
from parallax.nlp.pipeline import DEFAULT_MODEL, load_pipeline

__all__ = ["REPORTING", "WINDOW", "claim_events"]

WINDOW = 5  # words either side of a trigger in its context (as in training)
REPORTING = frozenset(("say", "tell", "add", "state", "report", "note", "write", "claim"))


def claim_events(texts: Sequence[str]) -> list[EventMention]:
    """Return the event mentions of ``texts`` (claims), each with its claim's index."""
    tokenizer = load_pipeline(DEFAULT_MODEL).tokenizer
    tokens = [[t.text for t in tokenizer(text) if not t.is_space] for text in texts]
    lexicon = load_event_pairs().lexicon
    found: list[EventMention] = []
    for number, parse in enumerate(parse_sentences(tokens)):
        for indexes in event_triggers(parse, lexicon):
            head = mention_head(parse, indexes)
            if parse.lemmas[head] in REPORTING:
                continue
            arguments = event_arguments(parse, head)
            low, high = max(0, indexes[0] - WINDOW), indexes[-1] + WINDOW + 1
            found.append(
                EventMention(
                    claim=number,
                    trigger=" ".join(parse.words[i] for i in indexes),
                    window=" ".join(parse.words[low:high]),
                    head=parse.lemmas[head],
                    lemmas=tuple(parse.lemmas[i] for i in indexes),
                    pos=parse.pos[head],
                    agents=tuple(sorted(arguments.agents)),
                    patients=tuple(sorted(arguments.patients)),
                    places=tuple(sorted(arguments.places)),
                    times=tuple(sorted(arguments.times)),
                    names=tuple(sorted(arguments.names)),
                )
            )
    return found
