"""The gender a first name clearly has, from a table derived from nomquamgender's data.

The table (``data/first_names.txt``) is built by ``scripts/build_first_names.py`` from
nomquamgender 0.1.4 (MIT; its notice heads the file). It holds only names that at least 500
people in three sources carry and that at least 97% of them carry with one gender: a sign as
weak as a first name is used only where it is that clear, and a name not in it says nothing.
The table's hash (:func:`first_names_digest`) is part of the quotes rules' version, so that an
edit of the table marks stored analyses for recomputing.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["first_name_gender", "first_names_digest"]

_GENDERS = {"f": "female", "m": "male"}


@lru_cache(maxsize=1)
def _source() -> str:
    return (resources.files("parallax") / "data" / "first_names.txt").read_text(encoding="utf-8")


def first_names_digest() -> str:
    """A short hash of the packaged first-name table (the quotes rules' version holds it)."""
    return hashlib.sha1(_source().encode()).hexdigest()[:12]


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    text = _source()
    pairs = (line.split() for line in text.splitlines() if line and not line.startswith("#"))
    return {name: _GENDERS[gender] for name, gender in pairs}


def first_name_gender(full_name: str) -> str | None:
    """Return "female" or "male" when the first word of a full name ("Martha Raddatz") is a
    first name of clear gender, else None (a lone surname, an initial, an unknown name)."""
    words = full_name.split()
    if len(words) < 2:
        return None  # "Raddatz": a surname alone, no first name
    folded = unicodedata.normalize("NFKD", words[0]).encode("ascii", "ignore").decode()
    return _table().get(folded.lower())
