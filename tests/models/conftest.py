"""Shared inputs for the model tests: the bundled seed articles."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES


@pytest.fixture(scope="session")
def southfront() -> str:
    return (EXAMPLES / "seeds" / "001_ead8df1f51385aab.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def independent() -> str:
    return (EXAMPLES / "seeds" / "000_f1244bfe7fc0ce2e.txt").read_text(encoding="utf-8")


def sentence_with(text: str, phrase: str) -> str:
    """Return the sentence of ``text`` that contains ``phrase``."""
    from parallax.models.text import sentences

    return next(s for s in sentences(text) if phrase in s)
