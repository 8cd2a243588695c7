"""Story grouping scores: B-cubed and pairwise on hand-computed cases, readers, splits, data."""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

import pytest

from parallax.datasets.story_streams import Labelled, fnc_groups, read_basil, read_fnc, read_uci
from parallax.errors import ConfigError, InputError
from parallax.eval.stories import evaluate_stories, score_clusters, split

# tests/conftest.SHARED_DATA, spelled out: another conftest module may shadow that name.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def test_bcubed_and_pairwise_on_a_hand_computed_case() -> None:
    gold = {"a": "G1", "b": "G1", "c": "G1", "d": "G2"}
    predicted = {"a": "P1", "b": "P1", "c": "P2", "d": "P2"}
    scores = score_clusters(gold, predicted)
    # precision per item: a 1, b 1, c 1/2, d 1/2; recall: a 2/3, b 2/3, c 1/3, d 1.
    assert scores["bcubed_precision"] == pytest.approx(0.75)
    assert scores["bcubed_recall"] == pytest.approx(2 / 3)
    assert scores["bcubed_f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    # pairs predicted: ab, cd; gold: ab, ac, bc; shared: ab.
    assert scores["pairwise_precision"] == pytest.approx(0.5)
    assert scores["pairwise_recall"] == pytest.approx(1 / 3)
    assert scores["pairwise_f1"] == pytest.approx(0.4)
    assert scores["gold_stories"] == 2.0 and scores["predicted_stories"] == 2.0


def test_a_perfect_clustering_scores_one_whatever_the_labels() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    scores = score_clusters(gold, {"a": "1", "b": "1", "c": "2"})
    assert scores["bcubed_f1"] == 1.0 and scores["pairwise_f1"] == 1.0


def test_all_singletons_have_full_precision_and_no_pairs() -> None:
    gold = {"a": "x", "b": "x", "c": "x", "d": "x"}
    scores = score_clusters(gold, {})  # nothing predicted: every item alone
    assert scores["bcubed_precision"] == 1.0
    assert scores["bcubed_recall"] == pytest.approx(0.25)
    assert scores["pairwise_recall"] == 0.0 and scores["pairwise_f1"] == 0.0


def _write_fnc(folder: Path) -> None:
    stances = [
        ("H1", "1", "agree"),
        ("H1", "2", "discuss"),
        ("H2", "2", "disagree"),
        ("H2", "3", "agree"),  # chains body 3 to bodies 1 and 2 through H2 and body 2
        ("H1", "3", "unrelated"),  # a labelled unrelated pair inside that group
        ("H3", "4", "discuss"),
        ("H3", "5", "unrelated"),  # body 5 relates to nothing: left out
    ]
    with (folder / "train_stances.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Headline", "Body ID", "Stance"])
        writer.writerows(stances)
    with (folder / "train_bodies.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Body ID", "articleBody"])
        writer.writerows((str(n), f"Body number {n} text.") for n in range(1, 6))


def test_fnc_groups_are_connected_components_of_related_pairs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _write_fnc(tmp_path)
    with caplog.at_level(logging.INFO, logger="parallax.datasets.story_streams"):
        groups = fnc_groups(tmp_path)
    assert groups == {"1": "fnc-1", "2": "fnc-1", "3": "fnc-1", "4": "fnc-4"}
    assert "2 groups of 4 bodies; 1 unrelated pairs inside a group" in caplog.text
    rows = read_fnc(tmp_path)
    assert sorted(row.item.article_id for row in rows) == ["fnc-1", "fnc-2", "fnc-3", "fnc-4"]
    assert all(row.item.published is None and row.item.title is None for row in rows)


def test_basil_triplets_are_read_in_publication_order(tmp_path: Path) -> None:
    folder = tmp_path / "articles" / "2012"
    folder.mkdir(parents=True)
    for name, triplet, day in [("t1_1", "t1", "2012-05-02"), ("t2_1", "t2", "2012-05-01")]:
        record = {
            "title": f"Title {name}",
            "date": day,
            "source": "nyt",
            "triplet-uuid": triplet,
            "body-paragraphs": [["First sentence.", "Second."], ["Next paragraph."]],
        }
        (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    rows = read_basil(tmp_path)
    assert [row.item.article_id for row in rows] == ["t2_1", "t1_1"]
    assert rows[0].story == "t2"
    assert rows[0].item.text == "First sentence. Second.\n\nNext paragraph."
    assert rows[0].item.outlet == "nyt"


def test_uci_rows_are_shuffled_with_a_fixed_seed(tmp_path: Path) -> None:
    with (tmp_path / "slice.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["ID", "TITLE", "URL", "PUBLISHER", "CATEGORY", "STORY", "HOSTNAME", "TIMESTAMP"]
        )
        for n in range(20):
            writer.writerow([n, f"Headline {n}", "u", "Pub", "b", f"s{n % 4}", "h", 1394470370698])
    first, again = read_uci(tmp_path), read_uci(tmp_path)
    assert [row.item.article_id for row in first] == [row.item.article_id for row in again]
    assert [row.item.article_id for row in first] != [f"uci-{n}" for n in range(20)]
    assert first[0].item.text == "" and first[0].item.title.startswith("Headline")
    assert str(first[0].item.published) == "2014-03-10"


def test_split_halves_are_disjoint_by_story_and_keep_the_order(tmp_path: Path) -> None:
    _write_fnc(tmp_path)
    items = [Labelled(row.item, f"story{n % 6}") for n, row in enumerate(read_fnc(tmp_path) * 3)]
    dev, held = split(items, "dev"), split(items, "eval")
    assert {row.story for row in dev}.isdisjoint({row.story for row in held})
    assert len(dev) + len(held) == len(items)
    assert dev == [row for row in items if row in dev]
    with pytest.raises(ConfigError):
        split(items, "test")


def test_unknown_format_and_missing_data_are_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown format"):
        evaluate_stories(tmp_path, fmt="nope")
    with pytest.raises(InputError):
        evaluate_stories(tmp_path / "absent", fmt="fnc")
    _write_fnc(tmp_path)
    with pytest.raises(ConfigError, match="unknown story_embedder"):
        evaluate_stories(tmp_path, fmt="fnc", embedder="word2vec")


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("fmt", "folder", "floor"),
    [("basil", "basil", 0.95), ("uci", "uci-news-aggregator-slice", 0.70), ("fnc", "fnc-1", 0.85)],
)
def test_grouping_on_the_dev_halves_stays_above_its_floor(
    fmt: str, folder: str, floor: float
) -> None:
    data = SHARED_DATA / folder
    if not data.is_dir():
        pytest.skip(f"shared data not found: {data}")
    # TF-IDF only: embedding the FNC bodies takes minutes; eval/gate.py runs the default (auto).
    scores = evaluate_stories(data, fmt=fmt, part="dev", embedder="tfidf")
    assert scores["bcubed_f1"] >= floor
