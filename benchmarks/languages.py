"""Language identification and multilingual full-text search, measured on SemEval-2022 Task 8.

Usage: python -m benchmarks.languages PATH/training_set.csv [--chars N] [--slavicner DIR]

Reports (1) how often :func:`parallax.ingest.language.resolve_language` names the language
the data set gives each article, per language, and (2) for the Chinese articles, how many of
their two- and three-character words each full-text index finds again (the word index that
unicode61 builds; the trigram index), with each index's size. The training split only: it is
the data set's development data here. Given ``--slavicner``, the same identification over the
raw documents its training split lists (bg, cs, pl, ru, sl, uk: Russian against Ukrainian).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

from parallax.ingest.language import resolve_language

csv.field_size_limit(sys.maxsize)


def _articles(path: str) -> dict[str, tuple[str, str]]:
    """Return ``{article id: (language, text)}``, each article once."""
    found: dict[str, tuple[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            first, second = row["pair_id"].split("_")
            found[first] = (row["lang1"], row["text1"])
            found[second] = (row["lang2"], row["text2"])
    return found


def identification(articles: dict[str, tuple[str, str]], chars: int) -> None:
    """Print per-language accuracy of the language found for each article's text."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    for language, text in articles.values():
        if not text.strip():
            continue
        guess = resolve_language(text[:chars]).language or "none"
        total[language] += 1
        right[language] += guess == language
        if guess != language:
            confusions[(language, guess)] += 1
    seconds = time.perf_counter() - started
    print(f"language identification ({sum(total.values())} articles, first {chars} chars, "
          f"{1000 * seconds / max(1, sum(total.values())):.2f} ms each)")  # fmt: skip
    for language in sorted(total, key=lambda item: -total[item]):
        print(f"  {language}: {right[language]}/{total[language]} "
              f"= {right[language] / total[language]:.3f}")  # fmt: skip
    print(f"  all: {sum(right.values())}/{sum(total.values())} "
          f"= {sum(right.values()) / sum(total.values()):.3f}")  # fmt: skip
    print("  most common confusions:", confusions.most_common(6))


def _slavicner(folder: str) -> dict[str, tuple[str, str]]:
    """Return ``{path: (language, text)}`` of the raw documents of SlavicNER's training split
    (a document's language is its folder's name)."""
    root = Path(folder)
    listed = (root / "SPLIT_single_out_topic_train.txt").read_text(encoding="utf-8").split()
    return {
        name: (Path(name).parent.name, (root / name).read_text(encoding="utf-8"))
        for name in listed
        if (root / name).is_file()
    }


def _index(texts: list[str], tokenize: str) -> tuple[sqlite3.Connection, int]:
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE VIRTUAL TABLE f USING fts5(text, tokenize='{tokenize}')")
    connection.executemany("INSERT INTO f(text) VALUES (?)", [(text,) for text in texts])
    connection.commit()  # FTS5 writes its segments to f_data when the transaction ends
    pages = connection.execute("SELECT SUM(length(block)) FROM f_data").fetchone()[0]
    return connection, int(pages or 0)


def cjk_search(articles: dict[str, tuple[str, str]], seed: int = 0) -> None:
    """Print how many sampled Chinese words each index finds in the article they came from."""
    texts = [text for language, text in articles.values() if language == "zh" and text.strip()]
    rng = random.Random(seed)
    samples: list[tuple[int, str]] = []
    for number, text in enumerate(texts):
        runs = re.findall(r"[\u4e00-\u9fff]{4,}", text)
        for _ in range(3):
            if runs:
                run = rng.choice(runs)
                size = rng.choice((2, 3))
                start = rng.randrange(0, len(run) - size + 1)
                samples.append((number, run[start : start + size]))
    print(f"Chinese search ({len(texts)} zh articles, {len(samples)} sampled words of 2-3 chars)")
    for tokenize in ("porter unicode61 remove_diacritics 2", "trigram"):
        connection, size = _index(texts, tokenize)
        found = 0
        for number, word in samples:
            if len(word) >= 3 or tokenize != "trigram":
                sql, value = "SELECT rowid FROM f WHERE f MATCH ?", f'"{word}"'
            else:
                sql, value = "SELECT rowid FROM f WHERE instr(text, ?)", word
            found += (number + 1,) in connection.execute(sql, (value,)).fetchall()
        chars = sum(map(len, texts)) // 1000
        print(f"  {tokenize}: {found}/{len(samples)} found = {found / len(samples):.3f}; "
              f"index {size / 1024:.0f} KiB for {chars}k characters")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments and print both measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="training_set.csv of semeval2022-task8-subset")
    parser.add_argument("--chars", type=int, default=2000, help="characters of text read")
    parser.add_argument("--slavicner", help="the slavicner folder (raw/ and its split list)")
    args = parser.parse_args(argv)
    articles = _articles(args.path)
    identification(articles, args.chars)
    cjk_search(articles)
    if args.slavicner:
        identification(_slavicner(args.slavicner), args.chars)


if __name__ == "__main__":
    main()
