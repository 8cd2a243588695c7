"""An event mention found in a claim, as the story comparison reads it.

The NLP side (:mod:`parallax.nlp.claim_events`) finds the mentions; the comparison
(:mod:`parallax.compare.event_links`) scores mention pairs with the event-pair model
(:mod:`parallax.models.event_pairs`). The type lives here, below both, so that neither has to
import the other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["EventMention", "EventReader"]


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event mention of a claim: its trigger, the words around it and its arguments."""

    claim: int  # the claim's index in the texts read
    trigger: str  # the trigger's words (embedded as the trigger)
    window: str  # up to five words either side (embedded as the context)
    head: str  # the trigger's head lemma
    lemmas: tuple[str, ...]  # every trigger word's lemma
    pos: str  # the head's coarse part of speech
    agents: tuple[str, ...] = ()
    patients: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


#: Reads the event mentions of a list of claim texts (a claim's index is its position).
EventReader = Callable[[Sequence[str]], list[EventMention]]
