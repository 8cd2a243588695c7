"""Which MiniLM a corpus uses: the one it recorded, else the one chosen now, recorded.

``minilm`` means the fp32 MiniLM or, where chosen, the int8 one
(``parallax.embedders.minilm-int8.v2``; :data:`parallax.minilm_int8.DEFAULT_INT8`); their
vectors differ, and vectors of the two are never mixed. So a corpus records, when it is first
opened, the MiniLM it is built with (``corpus_settings``; a corpus made before this record
existed holds fp32's, migration 17), and every later process that opens it uses that one for
grouping, story and sentence vectors and comparisons, whatever ``PARALLAX_MINILM_INT8`` says
(:func:`parallax.minilm_int8.use_minilm`). The switch chooses for a new corpus and for work
without one.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from parallax.embeddings import EMBEDDERS
from parallax.errors import Code, ConfigError
from parallax.minilm_int8 import (
    DEFAULT_INT8,
    INT8_SWITCH,
    explicit_int8,
    int8_asked,
    use_minilm,
)
from parallax.store.corpus_settings import corpus_setting, record_corpus_setting

if TYPE_CHECKING:
    from parallax.store.sqlite import SQLiteStore

logger = logging.getLogger(__name__)

MINILM = "minilm"
"""The ``corpus_settings`` name of the corpus's MiniLM (its versioned name)."""


def minilm_models() -> dict[str, bool]:
    """Return ``{versioned name: whether it is the int8 model}`` of the two MiniLMs."""
    return {
        EMBEDDERS.versioned_name("minilm"): False,
        EMBEDDERS.versioned_name("minilm-int8"): True,
    }


def recorded_minilm(store: SQLiteStore) -> str | None:
    """Return the versioned name of the MiniLM the corpus recorded (None: none yet)."""
    return corpus_setting(store, MINILM)


def use_corpus_minilm(store: SQLiteStore, setting: str = "auto") -> str:
    """Make ``minilm`` mean the corpus's MiniLM in this process and return its versioned name.

    A corpus that recorded none records the one ``setting`` (the ``minilm_int8`` setting,
    whose environment variable is :data:`INT8_SWITCH`) asks for, else the one the variable
    asks for (settings built without the environment), else the default model
    (:data:`~parallax.minilm_int8.DEFAULT_INT8`). A
    setting that asks for the other model than the recorded one is logged and not followed:
    the corpus's vectors, grouper state and findings are the recorded one's.

    Raises:
        ConfigError: a ``setting`` that is not ``auto``, ``true`` or ``false``, or a corpus
            that records a MiniLM this version does not have (P601).
    """
    try:
        asked = int8_asked(setting)
    except ValueError as error:
        raise ConfigError(Code.CONFIG, str(error)) from error
    if asked is None:  # settings built without the environment (``Settings(...)``)
        asked = explicit_int8()
    wanted = DEFAULT_INT8 if asked is None else asked
    models = minilm_models()
    name = next(model for model, int8 in models.items() if int8 == wanted)
    recorded = record_corpus_setting(store, MINILM, name)
    if recorded not in models:
        raise ConfigError(
            Code.CONFIG,
            f"the corpus was built with MiniLM {recorded!r}, which this version of parallax "
            "does not have: open it with the version that made it, or build a new corpus",
            path=store.path,
        )
    if asked is not None and models[recorded] != asked:
        logger.warning(
            "%s: minilm_int8=%s (%s) is not followed: the corpus was built with %s and keeps it",
            store.path,
            str(asked).lower(),
            INT8_SWITCH,
            recorded,
        )
    use_minilm(models[recorded])
    return recorded
