"""The packaged stance model on the seed articles."""

from __future__ import annotations

import pytest

from parallax.models.stance import LABELS, load_stance_model, predict_stance, predict_stances
from parallax.models.stance_features import (
    CROSS_ROW_FEATURES,
    FEATURES,
    ROW_FEATURES,
    SCOPE_ROW_FEATURES,
    pair_rows,
)
from tests.conftest import EXAMPLES
from tests.models.conftest import sentence_with

CLAIM = "The US resumed weapons deliveries to Ukraine"


def test_packaged_model_loads() -> None:
    model = load_stance_model()
    assert model.trees.classes == LABELS
    assert len(model.meta["train_bodies"]) > 1000


def test_southfront_agrees_that_deliveries_resumed(southfront: str) -> None:
    for phrase in ("announced the resumption of arms deliveries", "would resume weapons shipments"):
        assert predict_stance(CLAIM, sentence_with(southfront, phrase)).label == "agree"
    result = predict_stance(CLAIM, southfront)
    assert result.label == "agree"
    assert sum(result.scores.values()) == pytest.approx(1.0, abs=1e-3)


def test_unrelated_claim_is_unrelated(southfront: str, independent: str) -> None:
    results = predict_stances(
        [
            ("Apple unveils a cheaper iPhone", southfront),
            ("Apple unveils a cheaper iPhone", independent),
        ]
    )
    assert [r.label for r in results] == ["unrelated", "unrelated"]


def test_no_pairs_no_results() -> None:
    assert predict_stances([]) == []


FEATURE_DIGEST = """
import hashlib, sys
from parallax.models.stance import load_stance_model
from parallax.models.stance_features import pair_rows
from parallax.models.text import sentences
body, other = (open(path, encoding="utf-8").read() for path in sys.argv[1:3])
model = load_stance_model()
pairs = [(claim, body) for claim in sentences(other) if len(claim) > 60]
dense, _ = pair_rows(pairs, model.idf, model.body_idf)
print(len(pairs), hashlib.sha256(dense.tobytes()).hexdigest())
"""


def test_pair_features_do_not_depend_on_the_process_string_hashing() -> None:
    """Two processes score the same pairs to the same bits: a set's float sum once followed the
    process's hash seed, and a stored comparison changed when a resumed load recomputed it."""
    import os
    import subprocess
    import sys

    seeds = EXAMPLES / "seeds"
    paths = [str(seeds / "001_ead8df1f51385aab.txt"), str(seeds / "000_f1244bfe7fc0ce2e.txt")]
    digests = {
        subprocess.run(
            [sys.executable, "-c", FEATURE_DIGEST, *paths],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1 and int(digests.pop().split()[0]) > 10


REFUTING_BODY = (
    "Officials spoke on Monday about the ministry's budget for the coming year. "
    "A spokesman said reports that the army would buy 40 new tanks were false. "
    "The ministry plans to buy 12 trucks instead, he said."
)


def test_evidence_reads_the_sentence_closest_in_meaning() -> None:
    """The MiniLM evidence features find the refuting sentence and its cue aimed at the claim,
    and that the claim's figure is not in it."""
    model = load_stance_model()
    claim = "The army will buy 400 new tanks"
    dense, _ = pair_rows([(claim, REFUTING_BODY)], model.idf, model.body_idf)
    row = dict(zip(ROW_FEATURES, dense[0], strict=True))
    assert row["mini_best_position"] == pytest.approx(1 / 3)
    assert row["mini_top_refute"] >= 1 and row["mini_near_refute"] >= 1
    assert row["mini_top_numbers_missing"] == pytest.approx(1.0)
    # Without the embeddings, TF-IDF cosines stand in and the row keeps its width.
    plain, _ = pair_rows([(claim, REFUTING_BODY)], model.idf, model.body_idf, embed=None)
    assert plain.shape == dense.shape
    assert dict(zip(ROW_FEATURES, plain[0], strict=True))["mini_top_refute"] >= 1


def test_rows_without_evidence_are_the_pair_features_and_embed_nothing(
    southfront: str, independent: str
) -> None:
    """A model trained without the sentence evidence reads the first columns of the full row,
    and building its rows never calls the embedder."""
    from parallax.models.text import sentences

    model = load_stance_model()
    pairs = [(claim, southfront) for claim in sentences(independent)[:4]]

    def refuse(texts: object) -> object:
        raise AssertionError("the rows without evidence embedded something")

    full, bags = pair_rows(pairs, model.idf, model.body_idf)
    plain, plain_bags = pair_rows(
        pairs,
        model.idf,
        model.body_idf,
        evidence=False,
        embed=refuse,  # type: ignore[arg-type]
    )
    assert full.shape == (4, len(ROW_FEATURES)) and plain.shape == (4, len(FEATURES))
    assert (plain == full[:, : len(FEATURES)]).all() and plain_bags == bags
    # The packaged model says which row its trees read (then the word model's three columns);
    # a blend's two parts each read their own.
    parts = [model.trees] + ([model.blend.trees] if model.blend is not None else [])
    words = ("words_agree", "words_disagree", "words_discuss")
    rows = (CROSS_ROW_FEATURES, SCOPE_ROW_FEATURES, ROW_FEATURES, FEATURES)
    for trees in parts:
        assert trees.features[-3:] == words and trees.features[:-3] in rows
    assert model.cross == any(t.features[:-3] == CROSS_ROW_FEATURES for t in parts)
    assert model.evidence == any(t.features[:-3] != FEATURES for t in parts)
