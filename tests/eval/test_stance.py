"""FNC-1 scoring: the official weighted score, F1, the body-disjoint split, the readers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from parallax.datasets.fnc1 import StancePair, read_bodies, read_stances, topics
from parallax.errors import InputError
from parallax.eval.stance import evaluate_stance
from parallax.training.scores import f1_by_class, fnc_score
from parallax.training.split import held_out_split
from tests.conftest import SHARED_DATA

FNC = SHARED_DATA / "fnc-1"


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


@pytest.mark.shared_data
def test_held_out_fnc_bodies_meet_the_targets() -> None:
    if not FNC.is_dir():
        pytest.skip("../shared/data/fnc-1 is absent")
    metrics = evaluate_stance(FNC / "train_bodies.csv", FNC / "train_stances.csv")
    # The bodies of the held-out topics: their claims' stories are new to the model.
    assert metrics["fnc_score"] >= 90.0
    assert metrics["macro_f1"] >= 0.64
    assert metrics["pairs"] + metrics["pairs_skipped"] == 49972
    assert metrics["fnc_score_all_unrelated"] < metrics["fnc_score"]


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


@pytest.mark.shared_data
def test_topic_folds_score_stories_the_model_never_saw(tmp_path: Path) -> None:
    """Topic-grouped cross-validation on a slice of FNC-1: 12 stories, 3 bodies each."""
    if not FNC.is_dir():
        pytest.skip("../shared/data/fnc-1 is absent")
    from parallax.training.stance_cv import cross_validate_stance

    bodies = read_bodies(FNC / "train_bodies.csv")
    pairs = read_stances(FNC / "train_stances.csv")
    found = topics(pairs)
    chosen = sorted({t for t in found.of_body.values() if t > 0})[:12]
    kept = {b for t in chosen for b in sorted(i for i, v in found.of_body.items() if v == t)[:3]}
    with (tmp_path / "train_bodies.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Body ID", "articleBody"])
        writer.writerows([i, bodies[i]] for i in sorted(kept))
    with (tmp_path / "train_stances.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        writer.writerows([p.headline, p.body_id, p.stance] for p in pairs if p.body_id in kept)
    metrics = cross_validate_stance(tmp_path, folds=3)
    assert metrics["topics"] == 12.0
    # Scored: the pairs whose body and headline lie in one fold; every related pair does, and
    # an unrelated pair only when its headline's story is among the twelve and in the same fold.
    related = sum(p.body_id in kept and p.stance != "unrelated" for p in pairs)
    within = sum(p.body_id in kept and found.of_headline[p.headline] in chosen for p in pairs)
    assert related <= metrics["pairs"] <= within
    assert 0.0 < metrics["macro_f1"] <= 1.0
