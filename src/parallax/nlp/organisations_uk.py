"""Organisations' names in quotes, as NER-UK spans them.

A Ukrainian organisation is often named with its legal form and a quoted name (ТОВ «Аваліна
Трейдінг Лімітед», КП «Маріупольське трамвайно-тролейбусне управління»), and NER-UK's span
holds both quotes. The NERs often stop before the closing quote, or run on into one they never
opened ("Червоноармійський лісгосп»", "Північний потік-2\""). :func:`quotes_balanced` closes
the one and drops the other.

Measured on the hybrid's NER-UK DEV 3-fold predictions, after the other post-rules
(:func:`parallax.nlp.places_uk.find_places`): ORG F1 0.754 / 0.738 / 0.745 -> 0.768 / 0.748 /
0.751 per fold; SlavicNER uk nord_stream ORG 0.537 -> 0.566 (docs/evaluation.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["quotes_balanced"]

Span = tuple[int, int, str]  # start, end, NER-UK label (PERS, LOC, ORG)

# The rest of a quoted name up to its closing quote, on the same line, with no quote opened in
# between (at most 80 characters).
_CLOSING = re.compile(r"[^«»\n]{0,80}?»")


def _unopened(name: str) -> bool:
    """Whether ``name`` ends in a closing quote it never opened (», ” or an odd ")."""
    if name.endswith("»"):
        return name.count("»") > name.count("«")
    if name.endswith("”"):
        return name.count("”") > name.count("“") + name.count("„")
    return name.endswith('"') and name.count('"') % 2 == 1


def quotes_balanced(text: str, entities: Iterable[Span]) -> list[Span]:
    """``entities`` with each organisation that opens more «…» than it closes run on to the
    next closing quote on its line, and each entity that ends in a closing quote it never
    opened (», ” or a straight quote: "Північний потік-2\"") cut back before it (and the
    spaces before it)."""
    found = []
    for start, end, label in entities:
        name = text[start:end]
        if label == "ORG" and name.count("«") > name.count("»"):
            match = _CLOSING.match(text, end)
            if match:
                end = match.end()
        elif _unopened(name):
            end = len(text[: end - 1].rstrip())
            if end <= start:
                continue
        found.append((start, end, label))
    return found
