"""FNC-1 scoring: the official weighted score, F1, the body-disjoint split, the readers."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from parallax.datasets.fnc1 import StancePair, read_bodies, read_stances, topics
from parallax.errors import InputError
from parallax.training.scores import f1_by_class, fnc_score
from parallax.training.split import held_out_split
from parallax.training.summary import TrainSummary
from tests.conftest import EXAMPLES, SHARED_DATA

FNC = SHARED_DATA / "fnc-1"
#: A recipe and split trained on the slice: the model's folder and the training's summary.
Trained = Callable[..., tuple[Path, TrainSummary]]


def test_fnc_score_by_hand() -> None:
    gold = ["agree", "unrelated", "discuss", "disagree"]
    # best: 1 + 0.25 + 1 + 1 = 3.25; got: agree exact 1, unrelated exact 0.25,
    # discuss called agree 0.25 (related either way), disagree called unrelated 0
    predicted = ["agree", "unrelated", "agree", "unrelated"]
    assert fnc_score(gold, predicted) == pytest.approx(100 * 1.5 / 3.25)
    assert fnc_score(gold, gold) == pytest.approx(100.0)
    assert fnc_score(["unrelated"] * 3, ["unrelated"] * 3) == pytest.approx(100.0)


def test_f1_by_class_by_hand() -> None:
    gold = ["agree", "agree", "discuss", "unrelated"]
    predicted = ["agree", "discuss", "discuss", "unrelated"]
    # agree: tp 1, predicted 1, gold 2 -> 2/3; discuss: tp 1, predicted 2, gold 1 -> 2/3
    assert f1_by_class(gold, predicted) == pytest.approx(
        {"agree": 2 / 3, "disagree": 0.0, "discuss": 2 / 3, "unrelated": 1.0}
    )


def test_split_is_body_disjoint_and_reproducible() -> None:
    ids = list(range(100))
    train, validation = held_out_split(ids)
    assert len(validation) == 20 and not set(train) & set(validation)
    assert held_out_split(list(reversed(ids))) == (train, validation)
    assert held_out_split(ids, seed=1) != (train, validation)


def test_readers_report_bad_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="P114"):
        read_bodies(tmp_path / "absent.csv")
    path = tmp_path / "stances.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        writer.writerow(["A claim", "1", "maybe"])
    with pytest.raises(InputError, match="P115"):
        read_stances(path)
    path.write_text("Headline,Stance\n", encoding="utf-8")
    with pytest.raises(InputError, match="P113"):
        read_stances(path)


def test_topics_join_what_related_pairs_join() -> None:
    pairs = [
        StancePair("Claim A", 1, "agree"),
        StancePair("Claim A", 2, "discuss"),
        StancePair("Claim A2", 2, "disagree"),
        StancePair("Claim A2", 5, "unrelated"),  # unrelated joins nothing
        StancePair("Claim B", 5, "agree"),
        StancePair("Claim B", 1, "unrelated"),
        StancePair("Claim C", 7, "unrelated"),  # a headline with no related body
    ]
    found = topics(pairs)
    assert found.of_body == {1: 1, 2: 1, 5: 5, 7: 7}
    assert found.of_headline == {"Claim A": 1, "Claim A2": 1, "Claim B": 5, "Claim C": -1}
    assert found.of_pair(pairs[3]) == (5, 1)


@pytest.mark.shared_data
def test_fnc_topics_are_the_stories_of_the_training_files() -> None:
    if not FNC.is_dir():
        pytest.skip("../shared/data/fnc-1 is absent")
    pairs = read_stances(FNC / "train_stances.csv")
    found = topics(pairs)
    assert 150 < len(set(found.of_body.values())) < 250
    # Every related pair lies inside one topic; most unrelated pairs join two.
    assert all(len(set(found.of_pair(p))) == 1 for p in pairs if p.stance != "unrelated")
    crossing = sum(len(set(found.of_pair(p))) == 2 for p in pairs if p.stance == "unrelated")
    assert crossing > 0.9 * sum(p.stance == "unrelated" for p in pairs)


@pytest.fixture(scope="module")
def fnc_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A slice of FNC-1's training files: 12 stories that hold every class, and of each
    story the first body that agrees, disagrees and discusses (with all their pairs)."""
    if not FNC.is_dir():
        pytest.skip("../shared/data/fnc-1 is absent")
    folder = tmp_path_factory.mktemp("fnc-slice")
    bodies = read_bodies(FNC / "train_bodies.csv")
    pairs = read_stances(FNC / "train_stances.csv")
    found = topics(pairs)
    first: dict[tuple[int, str], int] = {}
    for pair in sorted(pairs, key=lambda p: p.body_id):
        first.setdefault((found.of_body[pair.body_id], pair.stance), pair.body_id)
    related = ("agree", "disagree", "discuss")
    chosen = sorted({t for t, _ in first if all((t, label) in first for label in related)})[:12]
    kept = {first[t, label] for t in chosen for label in related}
    with (folder / "train_bodies.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Body ID", "articleBody"])
        writer.writerows([i, bodies[i]] for i in sorted(kept))
    with (folder / "train_stances.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        writer.writerows([p.headline, p.body_id, p.stance] for p in pairs if p.body_id in kept)
    return folder


@pytest.fixture(scope="module")
def trained(fnc_slice: Path, tmp_path_factory: pytest.TempPathFactory) -> Trained:
    """``trained(recipe, split)``: the model ``train_stance`` writes for the slice, trained once
    for the module (training is deterministic: the same recipe and split give the same files).
    The tests read these folders; one that trains over a folder trains a model of its own."""
    from parallax.training.stance import train_stance

    root = tmp_path_factory.mktemp("stance-models")
    done: dict[tuple[str, str], tuple[Path, TrainSummary]] = {}

    def train(recipe: str = "plain", split: str = "topics") -> tuple[Path, TrainSummary]:
        if (recipe, split) not in done:
            out = root / f"{recipe}-{split}"
            done[recipe, split] = (
                out,
                train_stance(fnc_slice, out=out, recipe=recipe, split=split),
            )
        return done[recipe, split]

    return train


@pytest.mark.shared_data
def test_topic_folds_score_stories_the_model_never_saw(fnc_slice: Path) -> None:
    """Topic-grouped cross-validation on the slice, both recipes on the same folds."""
    from parallax.training.stance_cv import cross_validate_recipes, cross_validate_stance

    pairs = read_stances(fnc_slice / "train_stances.csv")
    found = topics(read_stances(FNC / "train_stances.csv"))
    chosen = {found.of_body[p.body_id] for p in pairs}
    results = cross_validate_recipes(fnc_slice, ["plain", "evidence"], folds=3)
    assert set(results) == {"plain", "evidence"}
    stories = len(set(topics(pairs).of_body.values()))  # the slice's own topics
    assert stories >= 12
    for metrics in results.values():
        assert metrics["topics"] == stories
        # Scored: the pairs whose body and headline lie in one fold; every related pair does,
        # and an unrelated pair only when its headline's story is in the slice and in the fold.
        related = sum(p.stance != "unrelated" for p in pairs)
        within = sum(found.of_headline[p.headline] in chosen for p in pairs)
        assert related <= metrics["pairs"] <= within
        assert 0.0 < metrics["macro_f1"] <= 1.0
        assert {f"fold_{k}_macro_f1" for k in range(3)} <= set(metrics)
    # The same folds: the same pairs scored; the recipes' labels differ.
    assert results["plain"]["pairs"] == results["evidence"]["pairs"]
    assert results["plain"] != results["evidence"]
    # A sample of topics: only their pairs are read.
    sampled = cross_validate_stance(fnc_slice, recipe="plain", folds=3, sample=6)
    assert sampled["topics"] == 6.0 and sampled["pairs"] < results["plain"]["pairs"]


@pytest.mark.shared_data
def test_each_recipe_writes_the_columns_it_reads(
    fnc_slice: Path, trained: Trained, tmp_path: Path
) -> None:
    """The plain recipe's trees read the TF-IDF pair features only; the evidence recipe's read
    the MiniLM evidence too; the loaded model builds the columns its trees read."""
    from parallax.models.stance import load_stance_model, predict_stances
    from parallax.models.stance_features import FEATURES, ROW_FEATURES
    from parallax.training.stance import train_stance

    bodies = read_bodies(fnc_slice / "train_bodies.csv")
    body = bodies[min(bodies)]
    for recipe, columns in (("plain", FEATURES), ("evidence", ROW_FEATURES)):
        folder, summary = trained(recipe)
        model = load_stance_model(folder)
        assert model.trees.features == (*columns, "words_agree", "words_disagree", "words_discuss")
        assert model.meta["recipe"] == recipe and model.evidence == (recipe == "evidence")
        assert 0.0 <= summary.metrics["macro_f1"] <= 1.0
        # Held-out topics: the pairs whose claim is new too are scored apart.
        assert "unseen_macro_f1" in summary.metrics
        [result] = predict_stances([("A claim about the story", body)], model=model)
        assert result.label in {"agree", "disagree", "discuss", "unrelated"}
    # Held-out bodies (the packaged model's split): every claim was trained on.
    folder, summary = trained("plain", "bodies")
    assert "unseen_macro_f1" not in summary.metrics
    assert load_stance_model(folder).meta["trained_on"].endswith("80% of bodies")
    with pytest.raises(KeyError):
        train_stance(fnc_slice, out=tmp_path / "none", recipe="none")
    with pytest.raises(ValueError, match="unknown split"):
        train_stance(fnc_slice, out=tmp_path / "none", split="claims")


@pytest.mark.shared_data
def test_the_cross_recipe_writes_and_reads_the_crossed_cues(
    fnc_slice: Path, trained: Trained
) -> None:
    """``short-cross``: the word model's vocabulary holds the body cues crossed with the claim's
    polarity, the trees read the cross columns, and the loaded model builds both."""
    from parallax.models.stance import load_stance_model, predict_stances
    from parallax.models.stance_features import CROSS_ROW_FEATURES

    folder, _ = trained("short-cross")
    model = load_stance_model(folder)
    assert model.cross and model.scope and model.evidence
    assert model.trees.features == (
        *CROSS_ROW_FEATURES,
        "words_agree",
        "words_disagree",
        "words_discuss",
    )
    crossed = [name for name in model.words.features if name.startswith("x:")]
    assert any(name.startswith("x:P|") for name in crossed)
    bodies = read_bodies(fnc_slice / "train_bodies.csv")
    [result] = predict_stances([("A claim about the story", bodies[min(bodies)])], model=model)
    assert result.label in {"agree", "disagree", "discuss", "unrelated"}


@pytest.mark.shared_data
def test_a_blend_carries_both_models_and_averages_their_probabilities(
    fnc_slice: Path, trained: Trained, tmp_path: Path
) -> None:
    """Two recipes trained on one split, blended: one artefact that builds the columns each part
    reads once, and gives the weighted mean of the two models' probabilities."""
    from parallax.models.stance import load_stance_model, predict_stances
    from parallax.training.stance import train_stance
    from parallax.training.stance_blend import blend_stance

    (plain_dir, _), (cross_dir, _) = trained("plain"), trained("short-cross")
    summary = blend_stance(fnc_slice, plain_dir, cross_dir, weight=0.7, out=tmp_path / "blend")
    assert 0.0 <= summary.metrics["macro_f1"] <= 1.0 and "unseen_macro_f1" in summary.metrics
    plain, cross = load_stance_model(plain_dir), load_stance_model(cross_dir)
    blend = load_stance_model(tmp_path / "blend")
    assert blend.blend is not None and blend.blend.weight == 0.7
    assert blend.blend.recipe == "short-cross" and blend.cross and not plain.cross
    assert blend.trees.features == plain.trees.features
    assert blend.blend.trees.features == cross.trees.features
    bodies = read_bodies(fnc_slice / "train_bodies.csv")
    claims = sorted({p.headline for p in read_stances(fnc_slice / "train_stances.csv")})[:4]
    pairs = [(claim, bodies[i]) for claim in claims for i in sorted(bodies)[:3]]
    one, two, both = (predict_stances(pairs, model=m) for m in (plain, cross, blend))
    for a, b, mixed in zip(one, two, both, strict=True):
        for label, value in mixed.scores.items():
            assert value == pytest.approx(0.3 * a.scores[label] + 0.7 * b.scores[label], abs=2e-4)
    assert [r.scores for r in one] != [r.scores for r in two]  # the parts do differ
    with pytest.raises(ValueError, match="cannot be a part"):
        blend_stance(fnc_slice, tmp_path / "blend", cross_dir, weight=0.5, out=tmp_path / "y")
    # Training over a blend's folder leaves a single model, not the old blend's second part.
    train_stance(fnc_slice, out=tmp_path / "blend", recipe="plain")
    assert load_stance_model(tmp_path / "blend").blend is None
    # Parts of different splits share no held-out pairs (nor IDF tables): refused.
    bodies_dir, _ = trained("plain", "bodies")
    with pytest.raises(ValueError, match="different splits"):
        blend_stance(fnc_slice, bodies_dir, cross_dir, weight=0.5, out=tmp_path / "x")


@pytest.mark.shared_data
def test_the_known_claim_gate_reads_a_trained_claim_by_plain_and_a_new_one_by_short_cross(
    fnc_slice: Path, trained: Trained, tmp_path: Path
) -> None:
    """``--weight 1 --known-weight 0``: a pair whose claim was a training headline is read by the
    first model alone, any other claim by the second alone; the artefact keeps hashes only."""
    from parallax.models.stance import load_stance_model, predict_stances
    from parallax.training.stance_blend import blend_stance

    (plain_dir, _), (cross_dir, _) = trained("plain", "bodies"), trained("short-cross", "bodies")
    summary = blend_stance(
        fnc_slice,
        plain_dir,
        cross_dir,
        weight=1.0,
        known_weight=0.0,
        out=tmp_path / "gate",
    )
    # A body-disjoint split: a held-out pair's claim was trained on when a training body of the
    # slice pairs with it (on the whole files every claim is; on the slice not all).
    pairs = read_stances(fnc_slice / "train_stances.csv")
    bodies = read_bodies(fnc_slice / "train_bodies.csv")
    held = set(load_stance_model(plain_dir).meta["validation_body_ids"])
    trained_on = {p.headline for p in pairs if p.body_id not in held}
    held_out = [p for p in pairs if p.body_id in held]
    known = sum(p.headline in trained_on for p in held_out)
    assert summary.metrics["pairs_first"] == known > 0
    assert summary.metrics["pairs_second"] == len(held_out) - known > 0
    assert summary.metrics["pairs_both"] == 0

    plain, cross = load_stance_model(plain_dir), load_stance_model(cross_dir)
    gate = load_stance_model(tmp_path / "gate")
    trained = sorted(trained_on)[:3]
    # Claims of FNC-1 outside the slice: never trained on.
    others = read_stances(FNC / "train_stances.csv")
    new = sorted({p.headline for p in others} - {p.headline for p in pairs})[:3]
    # The same claim with other spacing and case is still the trained one.
    respaced = ["  " + claim.upper().replace(" ", "   ") for claim in trained[:1]]
    assert [gate.reads_claim_with(c) for c in trained + respaced] == ["first"] * 4
    assert [gate.reads_claim_with(c) for c in new] == ["second"] * 3
    texts = [bodies[i] for i in sorted(bodies)[:2]]
    known = [(claim, body) for claim in trained for body in texts]
    unknown = [(claim, body) for claim in new for body in texts]
    mixed = predict_stances(known + unknown, model=gate)
    assert [r.scores for r in mixed[: len(known)]] == [
        r.scores for r in predict_stances(known, model=plain)
    ]
    assert [r.scores for r in mixed[len(known) :]] == [
        r.scores for r in predict_stances(unknown, model=cross)
    ]
    assert [r.scores for r in predict_stances(known, model=cross)] != [
        r.scores for r in mixed[: len(known)]
    ]  # the parts do differ on the trained claims
    stored = (tmp_path / "gate" / "blend_trees.json").read_text(encoding="utf-8")
    assert not any(claim in stored for claim in trained)  # hashes, never the headlines


@pytest.mark.shared_data
def test_the_gate_in_topic_folds_reads_every_claim_by_its_second_recipe(fnc_slice: Path) -> None:
    """In folds of whole topics no scored claim was trained on: the gate's labels are
    short-cross's, and it says that plain read none."""
    from parallax.training.stance_cv import cross_validate_recipes

    results = cross_validate_recipes(fnc_slice, ["known-claim", "short-cross"], folds=3)
    gate, cross = results["known-claim"], results["short-cross"]
    assert gate["pairs_first"] == 0 and gate["pairs_second"] == gate["pairs"] > 0
    assert {k: v for k, v in gate.items() if not k.startswith("pairs_")} == cross
    with pytest.raises(KeyError):
        cross_validate_recipes(fnc_slice, ["known-claims"], folds=3)


@pytest.mark.shared_data
def test_the_packaged_gate_reads_fnc_claims_by_plain_and_new_claims_by_short_cross() -> None:
    """The packaged model is the known-claim gate: every pair ``eval stance`` scores (held-out
    bodies, each with a claim among the training headlines) is read by plain, and a claim of
    a news article, never an FNC-1 headline, by short-cross; each part gives its own scores."""
    from dataclasses import replace

    from parallax.models.stance import load_stance_model, predict_stances
    from parallax.models.text import sentences

    model = load_stance_model()
    assert model.blend is not None and model.blend.recipe == "short-cross"
    assert (model.blend.weight, model.blend.known_weight) == (1.0, 0.0)
    bodies = read_bodies(FNC / "train_bodies.csv")
    pairs = read_stances(FNC / "train_stances.csv")
    held = [p for p in pairs if not model.trained_on(bodies[p.body_id])]
    assert len(held) > 9000
    assert {model.reads_claim_with(p.headline) for p in held} == {"first"}
    seed = (EXAMPLES / "seeds" / "001_ead8df1f51385aab.txt").read_text(encoding="utf-8")
    claims = [s for s in sentences(seed) if len(s) > 60][:3]
    assert len(claims) == 3 and {model.reads_claim_with(c) for c in claims} == {"second"}
    plain = replace(model, blend=None)
    cross = replace(model, words=model.blend.words, trees=model.blend.trees, blend=None)
    known = [(p.headline, bodies[p.body_id]) for p in held[:: len(held) // 6][:6]]
    new = [(claim, bodies[held[0].body_id]) for claim in claims]
    found = [r.scores for r in predict_stances(known + new, model=model)]
    assert found[:6] == [r.scores for r in predict_stances(known, model=plain)]
    assert found[6:] == [r.scores for r in predict_stances(new, model=cross)]
    assert found[:6] != [r.scores for r in predict_stances(known, model=cross)]
