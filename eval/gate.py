"""The accuracy gate: run each pinned evaluation and fail on a regression beyond epsilon.

Usage: python eval/gate.py --data-root DIR [--only NAME]
DIR holds the public data sets (for example ../shared/data); each gate names its folder, and
may name further folders its command takes as options ("paths": {"--timelines": "..."}).
The data's fingerprints are checked so a floor is only ever compared with the data it was set on.
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
    metrics = json.loads(result.stdout)
    failures = []
    for metric, floor in dict(gate["floors"]).items():  # type: ignore[call-overload]
        value = float(metrics[metric])
        status = "ok" if value >= floor - epsilon else "REGRESSION"
        print(f"{name}.{metric}: {value:.4f} (floor {floor:.4f}) {status}")
        if status != "ok":
            failures.append(f"{name}.{metric} {value:.4f} < floor {floor:.4f} - {epsilon}")
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
