"""Importing this module loads, once, the models the workers of a command's pools would each
load: the fork server imports it before it forks any worker (:func:`forkserver.acquire
<parallax.runners.forkserver.acquire>` names it when a pool or a held scope asks for models), so
the workers inherit them, copy-on-write, instead of each reading them again.

What to load is named in the environment variable :data:`~parallax.runners.forkserver.WARM`
that the server is started with, a comma-separated list of requests:

* ``spacy:<model>`` — the analyze workers' spaCy pipeline (``load_pipeline(model)``, cached per
  model name, which is what ``runners.local._start_nlp`` then calls) and the event-pair model
  whose nouns they share: about 1.2 CPU s a worker;
* ``compare`` (:data:`~parallax.runners.forkserver.COMPARE`) — the comparison's models read
  from files (stance, claim pairs, bias, techniques, omission, event pairs), about 0.3 CPU s a
  worker.

Only models held in Python and numpy objects are loaded here: no ONNX session (MiniLM, the
cross-encoders) exists in the server, since its threads could not be forked safely; each worker
makes its own on first use, as before. A model is read from the same file by the same function
either way, and a worker's first analysis finds the pipeline as fresh as one it loaded itself,
so every result is the same. Nothing else imports this module (the server alone): imported
anywhere else, with no such variable, it loads nothing.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Iterable

from parallax.runners.forkserver import COMPARE, WARM

logger = logging.getLogger(__name__)


def load_comparison_models() -> None:
    """Load what a comparison reads from files, each once per process (their loaders cache)."""
    from parallax.models.bias import load_bias_model
    from parallax.models.claim_pairs import load_claim_pairs
    from parallax.models.event_pairs import load_event_pairs
    from parallax.models.omission import load_omission_model
    from parallax.models.stance import load_stance_model
    from parallax.models.techniques import load_propaganda_model

    for load in (load_stance_model, load_claim_pairs, load_bias_model, load_propaganda_model,
                 load_omission_model, load_event_pairs):  # fmt: skip
        load()


def warm(requests: Iterable[str]) -> None:
    """Load the models ``requests`` name (see the module's documentation); an unknown request
    is ignored. A model that fails to load is left to the workers, which load it themselves
    and report the error as they always did."""
    for request in requests:
        kind, _, name = request.partition(":")
        try:
            if kind == "spacy" and name:
                from parallax.models.event_pairs import load_event_pairs
                from parallax.nlp.pipeline import load_pipeline

                load_pipeline(name)  # positional, as the workers call it: one cache entry
                load_event_pairs()
            elif kind == COMPARE:
                load_comparison_models()
        except Exception:  # the workers load it again and report what is wrong
            logger.exception("the fork server could not load %s ahead", request)


if os.environ.get(WARM):
    warm(filter(None, os.environ[WARM].split(",")))
    # What the server holds now never changes: out of the collector's sight, so that a worker's
    # collections neither walk it nor write to its pages (each write a copy of the page).
    gc.freeze()
