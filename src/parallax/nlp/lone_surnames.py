"""Whom a lone surname stands for among an article's full names: "Mr. Boutrous" after "Theodore
J. Boutrous Jr.", "Former Vice President Cheney" after "ex-Vice President Dick Cheney".

The nearest full name before it that ends with the surname (or begins with it) is the person,
unless the surname carries a title that the article gave one of those full names: a title fixes
the person ("Former Vice President Cheney" in a Fox article that names Mary, Liz, Elizabeth and
"ex-Vice President Dick Cheney" is Dick Cheney, not the nearest, Elizabeth). "Former", "ex"
and "then" do not change the title ("ex-Vice President" is "Former Vice President").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from spacy.attrs import IS_LOWER, ORTH, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc

from parallax.nlp.gazetteer import split_suffix

__all__ = ["full_name_for", "not_surnames"]

#: A role's key: the place it is of (or None) and its words, lower case.
RoleKey = tuple[str | None, str]
_PAST = frozenset({"former", "ex", "then"})


def _plain(words: str) -> str:
    """A title's words without "former", "ex" or "then": "ex vice president" -> "vice president"."""
    return " ".join(word for word in words.split() if word not in _PAST)


def full_name_for(
    word: str,
    position: int,
    full_names: list[tuple[int, list[str], str]],
    title: RoleKey | None = None,
    roles: Mapping[RoleKey, str] | None = None,
) -> str | None:
    """Pick the article's full name that a single name refers to.

    ``full_names`` are (first token, words, canonical name); ``title`` is the key of the title
    written before the single name, and ``roles`` the titles the article gave full names so
    far (key -> canonical name). Of the full names that end with ``word`` (its surname is the
    word before a suffix: "Mr. Boutrous" is Theodore J. Boutrous Jr.), the one given the same
    title; else the nearest before it; of a "Jr." and his father, the "Jr." ("Mr. Jackson",
    after "the Rev. Jesse L. Jackson")."""
    matches = [
        (start, canonical)
        for start, tokens, canonical in full_names
        if split_suffix(tokens)[0][-1] == word or tokens[-1] == word or tokens[0] == word
    ]
    if any(split_suffix(canonical.split())[1] == "jr" for _, canonical in matches):
        matches = [m for m in matches if split_suffix(m[1].split())[1] != "sr"]
    if not matches:
        return None
    if title is not None and _plain(title[1]) and roles:
        named = {canonical for _, canonical in matches}
        held = {
            person
            for (place, words), person in roles.items()
            if place == title[0] and _plain(words) == _plain(title[1]) and person in named
        }
        if len(held) == 1:
            return held.pop()
    before = [match for match in matches if match[0] < position]
    return (before[-1] if before else matches[0])[1]


def not_surnames(doc: Doc, skip: set[int], lower: set[str]) -> None:
    """Add to ``skip`` each token not tagged NNP and each one before a capitalised token, and
    to ``lower`` the text of each token in lower case: the tokens' tags, flags and texts read
    as one array (``Doc.to_array``), not three walks building every ``Token``."""
    strings, proper = doc.vocab.strings, get_string_id("NNP")
    rows = cast(list[list[int]], doc.to_array([TAG, IS_LOWER, ORTH]).reshape(-1, 3).tolist())
    for i, (tag, is_lower, orth) in enumerate(rows):
        text = strings[orth]
        if tag != proper:
            skip.add(i)
        if text[:1].isupper():
            skip.add(i - 1)
        if is_lower:
            lower.add(text)
