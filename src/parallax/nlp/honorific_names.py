"""Whom "Ms. Zimmer" or "Mrs. Trump" stands for: a woman's honorific before a lone surname.

The New York Times writes "Dawn Zimmer" once and "Ms. Zimmer" after; that is one person. But
"Mrs. Trump" in an article that names Donald Trump is not him: a woman's honorific joins the one
full name of the article that ends with the surname, unless that person is known to be a man
(the gazetteer says so, or the article writes "Mr." before the surname: a man of that name is in
it) or two full names end with it (the husband's and the wife's).
"""

from __future__ import annotations

import re

from parallax.nlp.gazetteer import Gazetteer, split_suffix

__all__ = ["woman_named"]


def woman_named(
    surname: str, full_names: list[tuple[int, list[str], str]], text: str, gazetteer: Gazetteer
) -> str | None:
    """The canonical full name a woman's honorific before ``surname`` stands for, or None.

    ``full_names`` are the article's full names (first token, words, canonical name); ``text``
    is the article's text."""
    same = {
        canonical
        for _, tokens, canonical in full_names
        if tokens[-1] == surname or split_suffix(tokens)[0][-1] == surname
    }
    if len(same) != 1 or re.search(rf"\bMr\b\.?\s+{re.escape(surname)}\b", text):
        return None
    canonical = same.pop()
    known = gazetteer.lookup(canonical, "PERSON")
    return None if known is not None and known.gender == "male" else canonical
