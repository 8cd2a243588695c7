"""Training the eventive-noun model: its examples, its fit and the grouped-CV grid."""

from __future__ import annotations

from pathlib import Path

from parallax.models.event_nouns import read_event_nouns, write_event_nouns
from parallax.nlp.events import parse_sentences
from parallax.training.event_mentions import EmbeddingCache
from parallax.training.event_nouns import NounData, fit_nouns, fold_nouns, noun_grid

SENTENCES = [
    (1, "The earthquake shook the coast on Sunday", {1, 2}),
    (1, "The robbery took place at the table", {1, 2}),
    (2, "Riots broke out near the harbour", {0, 1}),
    (2, "The lawyer spoke after the riot", {2, 5}),
    (3, "A quake hit the village", {1, 2}),
    (3, "The heist shocked the shop owners", {1, 2}),
]


def _data() -> NounData:
    parsed = parse_sentences([text.split() for _, text, _ in SENTENCES])
    return NounData(
        [topic for topic, _, _ in SENTENCES],
        parsed,
        [[frozenset({i}) for i in gold] for _, _, gold in SENTENCES],
    )


def test_the_regression_learns_which_nouns_were_triggers_and_round_trips(tmp_path: Path) -> None:
    data = _data()
    cache = EmbeddingCache()
    model = fit_nouns(data, {1, 2, 3}, cache, 0.5)
    events = model.probabilities(cache.embed(["earthquake", "robbery", "riot", "heist"]))
    things = model.probabilities(cache.embed(["coast", "table", "harbour", "lawyer"]))
    assert events.min() > things.max()
    write_event_nouns(tmp_path, model.weights, model.bias, 0.5, {"name": "test"})
    again = read_event_nouns(tmp_path)
    assert again is not None and again.threshold == 0.5
    assert abs(again.bias - model.bias) < 1e-9
    assert read_event_nouns(tmp_path / "absent") is None


def test_the_grid_finds_each_fold_with_the_other_folds_models() -> None:
    data = _data()
    cache = EmbeddingCache()
    order = [1, 2, 3]
    models = fold_nouns(data, order, cache, 3)
    assert models[1] is not models[2]  # each topic its own fold here
    grid = noun_grid(data, order, models, cache, 3)
    # 1.01 adds no noun: the finder alone; a lower threshold can only add triggers.
    assert grid[0.3]["recall"] >= grid[1.01]["recall"]
    assert set(grid) >= {0.3, 0.5, 1.01}
