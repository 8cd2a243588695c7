"""Fitting the per-language-pair calibration of multilingual cosines."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.crosslingual import PairCalibration, read_calibrations
from parallax.errors import ConfigError
from parallax.training.similarity_calibration import train_similarity_calibration
from tests.eval.test_similarity_languages import write_pairs


def test_the_calibration_is_fitted_per_pair_and_read_back(tmp_path: Path) -> None:
    data = write_pairs(tmp_path / "pairs.csv")
    summary = train_similarity_calibration(data, out=tmp_path / "model", cache=tmp_path)
    assert summary.examples == 8
    written = read_calibrations(tmp_path / "model" / "calibration.json")
    assert set(written["features"]) == {"e5", "use", "e5+use"}
    e5 = PairCalibration.from_dict(written["features"]["e5"])
    assert written["features"]["e5"]["counts"] == {"de-en": 3, "en-en": 2, "en-ru": 2, "ru-ru": 1}
    assert len(e5.coefficients("de", "en")) == 2
    assert len(PairCalibration.from_dict(written["features"]["e5+use"]).cross) == 3
    # one story scores higher than unrelated articles, on both of the grouper's scales
    assert e5.similarity([0.9], "de", "en") > e5.similarity([0.7], "de", "en")
    for scale in ("cosine", "grouping"):
        assert e5.target(4.0, scale) > e5.target(1.0, scale)
    with pytest.raises(ConfigError, match="missing"):
        read_calibrations(tmp_path / "absent.json")
