"""The accuracy gate: run each pinned evaluation and fail on a regression beyond epsilon.

Usage: python eval/gate.py --data-root DIR [--only NAME]
DIR holds the public data sets (for example ../shared/data); each gate names its folder, and
may name further folders its command takes as options ("paths": {"--timelines": "..."}).
The data's fingerprints are checked so a floor is only ever compared with the data it was set on.

A gate's checks, each on the metrics its command prints as JSON:
  "floors": {"metric": floor}       the metric is at least the floor, less epsilon;
  "counts": {"metric": n}           the metric is exactly n ("a + b": the sum of two metrics),
                                    so the evaluation read all of the data it was pinned on;
  "above": [["metric", "other"]]    the metric is strictly above the other (a model above its
                                    own baseline, the product's score above its parts').
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

BASELINE = Path(__file__).with_name("baseline.json")


def fingerprint(folder: Path) -> str:
    """Return a SHA-256 over the relative names and bytes of every file under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def run_gate(name: str, gate: dict[str, object], root: Path, epsilon: float) -> list[str]:
    """Run one evaluation; return the failures (empty when it passes)."""
    data = root / str(gate["data"])
    if not data.is_dir():
        return [f"{name}: data folder {data} not found"]
    found = fingerprint(data)
    if gate.get("fingerprint") not in (None, found):
        return [f"{name}: data fingerprint {found[:12]} differs from the pinned one"]
    arguments = [str(part) for part in gate["command"]]  # type: ignore[attr-defined]
    pinned = dict(gate.get("path_fingerprints", {}))  # type: ignore[call-overload]
    for option, relative in dict(gate.get("paths", {})).items():  # type: ignore[call-overload]
        folder = root / str(relative)
        if not folder.is_dir():
            return [f"{name}: data folder {folder} not found"]
        if pinned.get(option) not in (None, fingerprint(folder)):
            return [f"{name}: data fingerprint of {option} differs from the pinned one"]
        arguments += [str(option), str(folder)]
    command = [
        sys.executable,
        "-m",
        "parallax",
        *arguments,
        str(gate["data_arg"]),
        str(data),
        "--json",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        return [f"{name}: evaluation failed: {result.stderr.strip()[-500:]}"]
    return check_metrics(name, gate, json.loads(result.stdout), epsilon)


def metric_value(metrics: dict[str, float], expression: str) -> float:
    """Return a metric, or the sum of the metrics ``expression`` joins with ``+``.

    Raises:
        KeyError: a metric the evaluation did not print.
    """
    return sum(float(metrics[term.strip()]) for term in expression.split("+"))


def check_metrics(
    name: str, gate: dict[str, object], metrics: dict[str, float], epsilon: float
) -> list[str]:
    """Print each of a gate's checks (floors, counts, above) on ``metrics``; return the
    failures (empty when all pass)."""
    failures = []
    for metric, floor in dict(gate["floors"]).items():  # type: ignore[call-overload]
        value = float(metrics[metric])
        status = "ok" if value >= floor - epsilon else "REGRESSION"
        print(f"{name}.{metric}: {value:.4f} (floor {floor:.4f}) {status}")
        if status != "ok":
            failures.append(f"{name}.{metric} {value:.4f} < floor {floor:.4f} - {epsilon}")
    for expression, count in dict(gate.get("counts", {})).items():  # type: ignore[call-overload]
        value = metric_value(metrics, expression)
        status = "ok" if value == count else "WRONG COUNT"
        print(f"{name}.{expression}: {value:g} (exactly {count}) {status}")
        if status != "ok":
            failures.append(f"{name}.{expression} {value:g} != {count}")
    for metric, other in list(gate.get("above", [])):  # type: ignore[call-overload]
        value, below = float(metrics[metric]), float(metrics[other])
        status = "ok" if value > below else "REGRESSION"
        print(f"{name}.{metric} > {other}: {value:.4f} > {below:.4f} {status}")
        if status != "ok":
            failures.append(f"{name}.{metric} {value:.4f} not above {other} {below:.4f}")
    return failures


def main() -> int:
    """Run every gate (or one) and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-root", type=Path, required=True)
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    baseline = json.loads(BASELINE.read_text())
    failures: list[str] = []
    for name, gate in baseline["gates"].items():
        if args.only in (None, name):
            failures += run_gate(name, gate, args.data_root, float(baseline["epsilon"]))
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
