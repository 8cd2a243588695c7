"""``parallax eval ner --format slavicner``: the reader, the linking scores, and the Russian
stage with the cross-script merge on a real sample (three Russian and three Ukrainian documents
on Nord Stream 2 from SlavicNER's shared copy; research use, read in place, never copied).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.datasets.slavicner import read_slavicner
from parallax.eval.ner_slavic import evaluate_slavicner, link_scores
from tests.conftest import SHARED_DATA

SLAVICNER = SHARED_DATA / "multilingual" / "slavicner"
TOPIC = "nord_stream"
SAMPLE = {
    "ru": ("Nord_Stream_2_extra.xml_file_1", "Nord_Stream_2_extra.xml_file_100",
           "Nord_Stream_2_extra.xml_file_1000"),
    "uk": ("nord_stream_uk.txt_file_1", "nord_stream_uk.txt_file_10",
           "nord_stream_uk.txt_file_11"),
}  # fmt: skip
needs_data = pytest.mark.skipif(
    not (SLAVICNER / "raw" / TOPIC).is_dir(), reason="shared data (SlavicNER) is not present"
)


def _sample(folder: Path) -> Path:
    """Link the sample into ``folder`` in the data set's layout, as a dev folder would."""
    for language, names in SAMPLE.items():
        for part, suffix in (("raw", ".txt"), ("ner", ".tsv")):
            target = folder / part / TOPIC / language
            target.mkdir(parents=True, exist_ok=True)
            for name in names:
                (target / f"{name}{suffix}").symlink_to(
                    SLAVICNER / part / TOPIC / language / f"{name}{suffix}"
                )
    return folder


def test_linking_counts_pairs_across_languages_only() -> None:
    # gold a: ru, ru, uk (pairs across languages: 2); both linked by prediction x.
    # gold b: uk, predicted x too: it adds wrong pairs (2 across languages with the ru "a"s).
    items = [("a", "x", "ru", "d1"), ("a", "x", "ru", "d2"), ("a", "x", "uk", "d3"),
             ("b", "x", "uk", "d4")]  # fmt: skip
    scores = link_scores(items, across=2, prefix="xlang")
    assert scores["xlang_pairs"] == 2
    assert scores["xlang_recall"] == 1.0
    assert scores["xlang_precision"] == pytest.approx(2 / 4)


@pytest.mark.shared_data
@needs_data
def test_the_reader_gives_offsets_lemmas_and_cross_lingual_ids(tmp_path: Path) -> None:
    documents = read_slavicner(_sample(tmp_path))
    assert {d.language for d in documents} == {"ru", "uk"}
    assert len(documents) == 6
    first = next(d for d in documents if d.name == SAMPLE["ru"][0])
    klimkin = first.mentions[0]
    assert first.text[klimkin.start : klimkin.end] == klimkin.text == "Климкин"
    assert (klimkin.type, klimkin.entity) == ("PER", "PER-Pavlo-Klimkin")
    assert all(d.text[m.start : m.end] == m.text for d in documents for m in d.mentions)
    assert read_slavicner(tmp_path, languages=frozenset({"uk"}))[0].language == "uk"


@pytest.mark.shared_data
@needs_data
def test_the_russian_stage_and_the_merge_are_scored(tmp_path: Path) -> None:
    scores = evaluate_slavicner(_sample(tmp_path), languages=["ru", "uk"])
    assert scores["documents"] == 6
    assert scores["ru_documents"] == 3
    assert scores["ru_micro_f1"] > 0.6
    assert scores["ru_base_forms"] > 0.8
    # Russian and Ukrainian gold names ("Украина", "Україна") meet across scripts.
    assert scores["gold_xlang_link_pairs"] > 0
    assert scores["gold_xlang_link_recall"] > 0.5
    assert scores["gold_xlang_link_precision"] > 0.9


@pytest.mark.shared_data
@needs_data
def test_the_command_prints_json_and_refuses_a_language_without_a_stage(tmp_path: Path) -> None:
    _sample(tmp_path)
    runner = CliRunner()
    args = ["eval", "ner", "--format", "slavicner", "--data", str(tmp_path), "--json"]
    shown = runner.invoke(app, [*args, "--languages", "ru"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["ru_documents"] == 3
    refused = runner.invoke(app, [*args, "--languages", "xx"])
    assert refused.exit_code != 0
