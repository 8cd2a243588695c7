"""``parallax eval propaganda --format unlp`` and ``parallax train techniques-unlp``: on posts
written here, and (shared_data) the shipped non-commercial model on the real posts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import parallax.cli.evaluate_compare  # noqa: F401  (adds eval propaganda)
from parallax.cli.evaluate import app as eval_app
from parallax.cli.train import app as train_app
from parallax.errors import ConfigError
from parallax.eval.propaganda_unlp import evaluate_unlp
from parallax.models import techniques_unlp
from parallax.models.techniques_unlp import ENV_VARIABLE
from tests.conftest import ROOT, SHARED_DATA
from tests.models.test_techniques_unlp import tiny_posts, train_tiny

runner = CliRunner()
UNLP = SHARED_DATA / "multilingual" / "unlp2025-manipulation"
SHIPPED = ROOT / "extras" / "techniques-unlp-nc" / "src" / "parallax_techniques_unlp_nc" / "model"


def write_data(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(
            {"id": p.id, "content": p.text, "lang": p.language, "techniques": list(p.techniques)},
            ensure_ascii=False,
        )
        for p in tiny_posts()
    ]
    (folder / "posts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_eval_scores_every_post_with_a_named_model(tmp_path: Path) -> None:
    model = train_tiny(tmp_path / "model")
    data = write_data(tmp_path / "data")
    args = ["propaganda", "--format", "unlp", "--data", str(data), "--model", str(model)]
    result = runner.invoke(eval_app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert metrics["posts"] == 12
    # the model has seen these posts: it tells loaded language apart on them
    assert metrics["f1_loaded_language"] == 1.0
    assert metrics["technique_macro_f1"] == pytest.approx(0.1)  # nine techniques never used


def test_eval_says_when_no_model_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    monkeypatch.setattr(techniques_unlp, "EXTRA_PACKAGE", "parallax_no_such_extra")
    with pytest.raises(ConfigError, match="not available"):
        evaluate_unlp(write_data(tmp_path / "data"))


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(eval_app, ["propaganda", "--format", "xx", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "expected ptc or unlp" in result.output


def test_training_needs_an_out_folder(tmp_path: Path) -> None:
    result = runner.invoke(train_app, ["techniques-unlp", "--data", str(write_data(tmp_path))])
    assert isinstance(result.exception, ConfigError)
    assert "non-commercial" in str(result.exception)


@pytest.mark.shared_data
def test_the_shipped_model_on_its_held_out_posts() -> None:
    if not UNLP.is_dir():
        pytest.skip("../shared/data/multilingual/unlp2025-manipulation is absent")
    metrics = evaluate_unlp(UNLP, model=SHIPPED)
    assert metrics["posts"] == 611  # the 20% held out by seed; training posts are skipped
    assert metrics["technique_macro_f1"] > metrics["all_present_macro_f1"] + 0.1
    assert metrics["span_f1"] > 0.0
