"""The gender an article makes clear for each person it names, from reliable signs only."""

from __future__ import annotations

import re

from parallax.model import Mention
from parallax.nlp.first_names import first_name_gender
from parallax.nlp.gazetteer import Gazetteer
from parallax.nlp.lexicon import GENDERED

__all__ = ["genders"]

# "his wife, Huma Abedin", "a 3-year-old daughter, Bella", "Their father, former Vice President
# Dick Cheney": the noun a name (after its title, if any) is set beside.
_NOUN_BEFORE = re.compile(r"\b([a-z]+), (?:former )?(?:[A-Z][\w.]* ){0,3}$")


def genders(
    mentions: tuple[Mention, ...], gazetteer: Gazetteer | None, text: str = ""
) -> dict[str, str]:
    """Return the gender of each person the article makes it clear for, only from reliable
    signs: the gazetteer, an honorific ("Mrs Roe"), a gendered role ("Jane Roe, the party's
    spokeswoman") or a gendered noun the name is set beside ("his wife, Huma Abedin", in
    ``text``, the article's text); a person with signs both ways gets none. A person with no
    sign in the article gets the gender their first name clearly has ("Martha Raddatz" is no
    "he"), if any (:func:`first_name_gender`)."""
    found: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        signs = found.setdefault(mention.entity, set())
        known = gazetteer.lookup(mention.entity, "PERSON") if gazetteer else None
        if known is not None and known.gender:
            signs.add(known.gender)
        words = mention.text.lower().split()[:1] + (mention.role or "").lower().split()
        beside = _NOUN_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        words += [beside.group(1)] if beside else []
        signs.update(GENDERED[word] for word in words if word in GENDERED)
    for entity, signs in found.items():
        named = first_name_gender(entity) if not signs else None
        signs.update([named] if named else [])
    return {entity: signs.pop() for entity, signs in found.items() if len(signs) == 1}
