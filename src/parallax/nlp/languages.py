"""Which languages the NLP stage reads, and why it skips the others.

Only English has a pipeline today (spaCy ``en_core_web_sm`` and the English rules). An article
in another language is stored and searchable like any other, but running the English pipeline
on it would only produce noise (entities from capitalised Cyrillic words, no quotes, no dates),
so its analysis is recorded as skipped, with this reason. An article whose language is unknown
is analysed as English, as before languages were recorded.
"""

from __future__ import annotations

__all__ = ["ANALYSED_LANGUAGES", "skip_reason"]

#: Languages with an analysis pipeline (ISO 639-1 codes).
ANALYSED_LANGUAGES = frozenset({"en"})


def skip_reason(language: str | None) -> str | None:
    """Return why an article in ``language`` is not analysed, or None when it is."""
    if language is None or language in ANALYSED_LANGUAGES:
        return None
    return f"language {language}: no analysis pipeline yet"
