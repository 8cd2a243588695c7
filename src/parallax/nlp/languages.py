"""Which languages the NLP stage reads, with which stage, and why it skips the others.

Each language with a stage is registered in :data:`parallax.nlp.stage.STAGES` (English through
spaCy, Russian through natasha, Ukrainian through spaCy's tokenizer, pymorphy3 and a trained
NER). An article in a language without one is stored and searchable like any other, but
running the English pipeline on it would only produce noise (entities from capitalised
Cyrillic words, no quotes, no dates), so its analysis is recorded as skipped, with
the reason; so is one whose stage needs an optional extra that is not installed. An article
whose language is unknown is analysed as English, as before languages were recorded.

A stage other than English adds its own version to the run's analysis version
(:func:`version_suffix`), so that changing or installing it marks its articles for re-analysis
while English analyses keep the version they always had.
"""

from __future__ import annotations

# The stage modules register themselves on import; they load their libraries lazily.
from parallax.nlp import english as _english
from parallax.nlp import russian as _russian
from parallax.nlp import ukrainian as _ukrainian
from parallax.nlp.stage import STAGES, LanguageStage

__all__ = [
    "DEFAULT_LANGUAGE",
    "analysed_languages",
    "skip_reason",
    "stage_for",
    "version_suffix",
    "version_suffixes",
]

_REGISTERED = (_english, _russian, _ukrainian)
#: The language an article of unknown language is read as.
DEFAULT_LANGUAGE = "en"


def stage_for(language: str | None) -> LanguageStage | None:
    """Return the stage that reads ``language`` here, or None when there is none or it cannot
    run in this installation."""
    code = language or DEFAULT_LANGUAGE
    if code not in STAGES:
        return None
    stage = STAGES.get(code)
    return None if stage.missing() else stage


def analysed_languages() -> frozenset[str]:
    """The languages (ISO 639-1 codes) this installation analyses."""
    return frozenset(code for code in STAGES.names() if stage_for(code) is not None)


def skip_reason(language: str | None) -> str | None:
    """Return why an article in ``language`` is not analysed, or None when it is."""
    code = language or DEFAULT_LANGUAGE
    if code not in STAGES:
        return f"language {code}: no analysis pipeline yet"
    missing = STAGES.get(code).missing()
    return f"language {code}: {missing}" if missing else None


def version_suffix(language: str | None) -> str:
    """What a language's stage adds to the run's analysis version: nothing for English, for
    unknown languages and for languages without a stage; for another stage, its version, or
    that it is missing (so that installing it marks the skipped articles for analysis)."""
    code = language or DEFAULT_LANGUAGE
    if code == DEFAULT_LANGUAGE or code not in STAGES:
        return ""
    stage = STAGES.get(code)
    return f" {code}:" + ("unavailable" if stage.missing() else stage.version())


def version_suffixes() -> dict[str, str]:
    """:func:`version_suffix` of every language whose suffix is not empty."""
    return {code: suffix for code in STAGES.names() if (suffix := version_suffix(code))}
