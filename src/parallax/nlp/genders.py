"""The gender an article makes clear for each person it names, from reliable signs only."""

from __future__ import annotations

from parallax.model import Mention
from parallax.nlp.gazetteer import Gazetteer
from parallax.nlp.lexicon import GENDERED

__all__ = ["genders"]


def genders(mentions: tuple[Mention, ...], gazetteer: Gazetteer | None) -> dict[str, str]:
    """Return the gender of each person the article makes it clear for, only from reliable
    signs: the gazetteer, an honorific ("Mrs Roe") or a gendered role ("Jane Roe, the party's
    spokeswoman"); a person with signs both ways gets none."""
    found: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        signs = found.setdefault(mention.entity, set())
        known = gazetteer.lookup(mention.entity, "PERSON") if gazetteer else None
        if known is not None and known.gender:
            signs.add(known.gender)
        words = mention.text.lower().split()[:1] + (mention.role or "").lower().split()
        signs.update(GENDERED[word] for word in words if word in GENDERED)
    return {entity: signs.pop() for entity, signs in found.items() if len(signs) == 1}
