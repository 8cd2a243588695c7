"""Build src/parallax/data/outlet_scores.csv: openly licensed scores for registry domains.

Two sources, both with terms that allow redistribution with attribution:

- Lin et al. 2023, "High level of correspondence across different news domain quality rating
  sets", PNAS Nexus 2(9):pgad286: ``domain_pc1.csv`` (domain, pc1; 0 = lowest, 1 = highest
  quality). The repository's README says "Feel free to reuse the data" with the citation.
- Wikipedia's "Reliable sources/Perennial sources" status per domain (CC BY-SA 4.0), as
  collected in idiap/News-Media-Reliability (``wikipedia_perennial_sources.json``).

Only the domains listed in the outlet registry are written. No MBFC, NewsGuard or Ad Fontes
column is ever read: ``domain_ratings.csv`` and the golden-truth files are not inputs here.

Usage (from the repository root, with D=../shared/data/outlet-reliability):
    python scripts/build_outlet_scores.py \\
        --lin $D/lin2023-domain-quality/domain_pc1.csv \\
        --wikipedia $D/idiap-news-media-reliability/wikipedia_perennial_sources.json \\
        --registry src/parallax/data/outlets.toml --out src/parallax/data/outlet_scores.csv
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

FIELDS = ("domain", "name", "value", "source", "license", "note")

LIN_NAME = "lin2023_pc1"
LIN_SOURCE = "https://doi.org/10.1093/pnasnexus/pgad286"
LIN_LICENSE = "reuse permitted with citation (hauselin/domain-quality-ratings README)"
LIN_NOTE = (
    "aggregate of expert domain-quality ratings, 0 = lowest, 1 = highest; imputed for domains "
    "few raters cover, so not a measure of state affiliation"
)

WIKI_NAME = "wikipedia_perennial_status"
WIKI_SOURCE = "https://en.wikipedia.org/wiki/Wikipedia:Reliable_sources/Perennial_sources"
WIKI_LICENSE = "CC BY-SA 4.0"
WIKI_NOTE = "Wikipedia editors' consensus on use as a source, via idiap/News-Media-Reliability"
WIKI_STATUS = {
    1: "generally reliable",
    0: "no consensus",
    -1: "generally unreliable",
    -2: "deprecated",
}


def registry_domains(registry: Path) -> list[str]:
    """Return every domain in the outlet registry, in registry order, without repeats."""
    with registry.open("rb") as handle:
        outlets = tomllib.load(handle)["outlets"]
    domains = (domain for outlet in outlets.values() for domain in outlet.get("domains", []))
    return list(dict.fromkeys(domains))


def read_lin(path: Path) -> dict[str, str]:
    """Return ``{domain: pc1}`` from Lin et al.'s domain_pc1.csv, pc1 rounded to 3 places."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != ["domain", "pc1"]:
            raise SystemExit(f"{path}: expected columns domain,pc1, got {reader.fieldnames}")
        return {row["domain"].strip().lower(): f"{float(row['pc1']):.3f}" for row in reader}


def read_wikipedia(path: Path) -> dict[str, str]:
    """Return ``{domain: status words}`` from wikipedia_perennial_sources.json."""
    statuses = json.loads(path.read_text(encoding="utf-8"))
    return {domain.strip().lower(): WIKI_STATUS[int(code)] for domain, code in statuses.items()}


def build_rows(
    domains: Sequence[str], lin: dict[str, str], wikipedia: dict[str, str]
) -> list[dict[str, str]]:
    """Return one row per (registry domain, score) that the sources cover."""
    rows = []
    for domain in domains:
        if domain in lin:
            rows.append(row(domain, LIN_NAME, lin[domain], LIN_SOURCE, LIN_LICENSE, LIN_NOTE))
        if domain in wikipedia:
            status = wikipedia[domain]
            rows.append(row(domain, WIKI_NAME, status, WIKI_SOURCE, WIKI_LICENSE, WIKI_NOTE))
    return rows


def row(domain: str, name: str, value: str, source: str, terms: str, note: str) -> dict[str, str]:
    """Return one CSV row."""
    return dict(zip(FIELDS, (domain, name, value, source, terms, note), strict=True))


def main(argv: Sequence[str] | None = None) -> int:
    """Build the scores CSV from the paths given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lin", type=Path, required=True, help="Lin et al. domain_pc1.csv")
    parser.add_argument(
        "--wikipedia", type=Path, required=True, help="wikipedia_perennial_sources.json"
    )
    parser.add_argument("--registry", type=Path, required=True, help="outlets.toml")
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    args = parser.parse_args(argv)
    domains = registry_domains(args.registry)
    rows = build_rows(domains, read_lin(args.lin), read_wikipedia(args.wikipedia))
    with args.out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    covered = len({r["domain"] for r in rows})
    print(f"{args.out}: {len(rows)} scores for {covered} of {len(domains)} registry domains")
    return 0


if __name__ == "__main__":
    sys.exit(main())
