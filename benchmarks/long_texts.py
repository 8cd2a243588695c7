"""Long texts parsed whole against parsed in pieces: what the pieces change in the analyses.

``analyze_texts`` parses a text longer than its character budget (``BATCH_CHARS``) in pieces
cut at line breaks (else at a sentence's end, else at a space; :mod:`parallax.nlp.pieces`) and
joins their docs. For every distinct text longer than ``--budget`` (and at most
``max_article_chars``) of two corpora, this analyses it once whole (one parse, no budget) and
once in pieces, with the event mentions the English stage reads, and prints for each field
(mentions, quotes, dates, claims, events) the items of each and those found by one only, with
their distance in characters to the nearest cut, and the CPU seconds of each way:

* the e2e corpus (``benchmarks.e2e.corpus_items(DATA, --e2e)``), ingested into a temporary
  store: the texts ``analyze`` reads;
* the memory corpus of ``benchmarks.analyze_memory`` (FNC-1's grouped training bodies, the
  distinct articles of Timeline17 and PolNeAR), stripped as it stores them.

Usage: python -m benchmarks.long_texts --data ../shared/data [--e2e 300] [--budget 60000]
       [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

FIELDS = ("mentions", "quotes", "dates", "claims", "events")


def e2e_texts(data: Path, articles: int) -> list[tuple[str, str]]:
    """The texts the store holds after ingesting the e2e corpus of ``articles`` items."""
    from benchmarks.e2e import corpus_items, write_corpus
    from parallax.config import Settings
    from parallax.corpus import Corpus

    with tempfile.TemporaryDirectory(prefix="parallax-long-") as folder:
        paths = write_corpus(corpus_items(data, articles), Path(folder))
        with Corpus(Path(folder) / "e2e.db", settings=Settings()) as corpus:
            corpus.ingest(paths)
            return [(f"e2e:{a.id[:10]}", a.text) for a in corpus.store.articles()]


def memory_texts(data: Path) -> list[tuple[str, str]]:
    """The distinct bodies ``benchmarks.analyze_memory`` replays, stripped."""
    from benchmarks.analyze_memory import bodies

    pool = bodies(data / "fnc-1", [data / "comparison" / "timeline17", data / "polnear"])
    return [(f"memory:{number}", item.text.strip()) for number, item in enumerate(pool)]


def compare(key: str, text: str, budget: int, nlp: Any) -> dict[str, Any]:
    """Analyse ``text`` whole and in pieces; return what differs, by field."""
    from parallax.nlp.english import with_events
    from parallax.nlp.pieces import piece_ends
    from parallax.nlp.pipeline import analyze_texts

    item = [(key, text, None)]
    started = time.process_time()
    (whole,) = analyze_texts(item, nlp=nlp, batch_chars=10**9, then=with_events)
    parsed = time.process_time()
    (cut,) = analyze_texts(item, nlp=nlp, batch_chars=budget, then=with_events)
    done = time.process_time()
    ends = piece_ends(text, budget)[:-1]
    row: dict[str, Any] = {
        "key": key,
        "chars": len(text),
        "cuts": ends,
        "fields": {},
        "cpu_whole": parsed - started,
        "cpu_pieces": done - parsed,
    }
    for field in FIELDS:
        found, kept = set(getattr(whole, field)), set(getattr(cut, field))
        only = []
        for x in sorted(found ^ kept, key=lambda x: (x.start, x.end)):
            near = min((min(abs(x.start - end), abs(x.end - end)) for end in ends), default=None)
            only.append(
                {
                    "in": "whole" if x in found else "pieces",
                    "start": x.start,
                    "end": x.end,
                    "to_cut": near,
                    "text": text[x.start : x.end][:80],
                }
            )
        row["fields"][field] = {"whole": len(found), "pieces": len(kept), "only": only}
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--e2e", type=int, default=300, help="articles of the e2e corpus")
    parser.add_argument("--budget", type=int, default=60_000, help="characters of a piece")
    parser.add_argument("--json", type=Path, help="also write every text's figures here")
    args = parser.parse_args(argv)
    from parallax.config import Settings
    from parallax.nlp.pipeline import load_pipeline

    limit = Settings().max_article_chars
    texts, seen = [], set()
    for key, text in e2e_texts(args.data, args.e2e) + memory_texts(args.data):
        if args.budget < len(text) <= limit and text not in seen:
            seen.add(text)
            texts.append((key, text))
    print(f"{len(texts)} distinct texts of {args.budget:,}-{limit:,} characters", flush=True)
    nlp = load_pipeline()
    rows = []
    for key, text in texts:
        row = compare(key, text, args.budget, nlp)
        rows.append(row)
        counts = {field: len(row["fields"][field]["only"]) for field in FIELDS}
        print(
            f"{key} {len(text):,} chars, cut at {row['cuts']}: found by one only {counts}, "
            f"CPU s whole {row['cpu_whole']:.1f}, pieces {row['cpu_pieces']:.1f}",
            flush=True,
        )
    for field in FIELDS:
        whole = sum(row["fields"][field]["whole"] for row in rows)
        pieces = sum(row["fields"][field]["pieces"] for row in rows)
        only = [x for row in rows for x in row["fields"][field]["only"]]
        far = max((x["to_cut"] for x in only), default=0)
        print(
            f"{field}: {whole:,} whole, {pieces:,} in pieces, {len(only)} found by one only "
            f"(farthest {far} characters from a cut)"
        )
    cpu = [sum(row[k] for row in rows) for k in ("cpu_whole", "cpu_pieces")]
    print(
        f"CPU s over {sum(row['chars'] for row in rows):,} characters: whole {cpu[0]:.1f}, "
        f"pieces {cpu[1]:.1f}"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
