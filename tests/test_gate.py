"""The accuracy gate's checks (``eval/gate.py``): floors, exact counts and orders of metrics."""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

import pytest

from tests.conftest import ROOT


def _gate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gate", ROOT / "eval" / "gate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GATE = _gate()
CHECKS: dict[str, object] = {
    "floors": {"score": 0.80},
    "counts": {"pairs": 161, "pairs + pairs_skipped": 200},
    "above": [["score", "baseline"], ["baseline", "text"]],
}


def test_metrics_that_meet_every_check_pass(capsys: pytest.CaptureFixture[str]) -> None:
    metrics = {"score": 0.799, "baseline": 0.7, "text": 0.5, "pairs": 161.0, "pairs_skipped": 39.0}
    assert GATE.check_metrics("sim", CHECKS, metrics, 0.002) == []
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "sim.score: 0.7990 (floor 0.8000) ok",
        "sim.pairs: 161 (exactly 161) ok",
        "sim.pairs + pairs_skipped: 200 (exactly 200) ok",
        "sim.score > baseline: 0.7990 > 0.7000 ok",
        "sim.baseline > text: 0.7000 > 0.5000 ok",
    ]


def test_a_count_off_by_one_or_an_order_turned_fails() -> None:
    metrics = {"score": 0.9, "baseline": 0.5, "text": 0.5, "pairs": 160.0, "pairs_skipped": 40.0}
    assert GATE.check_metrics("sim", CHECKS, metrics, 0.002) == [
        "sim.pairs 160 != 161",
        "sim.baseline 0.5000 not above text 0.5000",
    ]
    metrics |= {"score": 0.797, "text": 0.4, "pairs": 161.0, "pairs_skipped": 38.0}
    assert GATE.check_metrics("sim", CHECKS, metrics, 0.002) == [
        "sim.score 0.7970 < floor 0.8000 - 0.002",
        "sim.pairs + pairs_skipped 199 != 200",
    ]


def test_a_gate_with_floors_only_checks_its_floors() -> None:
    assert GATE.check_metrics("x", {"floors": {"f1": 0.5}}, {"f1": 0.6, "pairs": 3.0}, 0.0) == []


def test_the_checks_moved_from_the_suite_stay_in_the_gate() -> None:
    """The pair and article counts and the orders that tests/eval asserted until session 40
    (the evaluations themselves run only here now)."""
    gates = json.loads((ROOT / "eval" / "baseline.json").read_text())["gates"]
    assert gates["similarity"]["counts"] == {"pairs": 161}
    assert gates["similarity"]["above"] == [
        ["pearson", "pearson_grouping"],
        ["pearson_grouping", "pearson_text"],
    ]
    assert gates["stance"]["counts"] == {"pairs + pairs_skipped": 49972}
    assert gates["stance"]["above"] == [["fnc_score", "fnc_score_all_unrelated"]]
    assert gates["propaganda"]["counts"] == {"articles": 74}
    assert gates["propaganda"]["above"] == [["tc_micro_f1", "tc_majority"]]
