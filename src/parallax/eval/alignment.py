"""The story comparison's agree / contradiction / unique decision on iSTS-2016 headline chunks.

Gold (SemEval-2016 Task 2, chunk alignments between two headlines from different outlets):
EQUI, SPE1, SPE2, SIMI and REL → ``agree``; OPPO → ``contradiction``; NOALI → ``unique``; the
``_FACT`` / ``_POL`` modifiers are ignored (the base type decides).

Parallax (chunk level): each headline is analysed by the NLP pipeline as a one-headline article
and its tokens joined by single spaces; a chunk is read as a claim spanning its first to its
last token (:class:`parallax.eval.paraphrase.AnalysedText`), and the IDF is learned over the two
headlines (a story of two one-headline articles). For an aligned chunk pair the decision is
:func:`parallax.compare.pairs.compare_claims`: a conflict rule firing on a related pair →
``contradiction``, one claim group → ``agree``, else ``unique``. For a NOALI chunk, it is
compared with every gold unit of the other headline: ``contradiction`` if any pair is one, else
``agree`` if any pair is one group, else ``unique``. The stance model that the comparison asks
about related pairs outside one group is not asked.

The false-contradiction rate is the share of non-OPPO gold units that Parallax calls
contradictions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from parallax.compare.align import ClaimView
from parallax.compare.pairs import compare_claims
from parallax.datasets.ists import HeadlinePair, read_alignments
from parallax.eval.paraphrase import AnalysedText, analyse_texts

LABELS: tuple[str, ...] = ("agree", "contradiction", "unique")
GOLD_LABELS = {
    "EQUI": "agree",
    "SPE": "agree",
    "SIMI": "agree",
    "REL": "agree",
    "OPPO": "contradiction",
    "NOALI": "unique",
}


def headline_text(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Return the tokens joined by single spaces and each token's ``(start, end)`` in it."""
    spans, start = [], 0
    for token in tokens:
        spans.append((start, start + len(token)))
        start += len(token) + 1
    return " ".join(tokens), spans


def chunk_view(
    item: AnalysedText, spans: Sequence[tuple[int, int]], tokens: Sequence[int]
) -> ClaimView:
    """Return the claim view of a chunk: from its first to its last token (1-based indexes)."""
    return item.view(spans[min(tokens) - 1][0], spans[max(tokens) - 1][1])


def decide_pair(
    pair: HeadlinePair, analysed: dict[str, AnalysedText], *, embed: bool | None = None
) -> list[tuple[str, str]]:
    """Return ``(gold label, Parallax's label)`` for each gold alignment of one headline pair."""
    text_a, spans_a = headline_text(pair.first)
    text_b, spans_b = headline_text(pair.second)
    item_a, item_b = analysed[text_a], analysed[text_b]
    texts = [text_a, text_b]
    units_a = list(dict.fromkeys(al.first for al in pair.alignments if al.first))
    units_b = list(dict.fromkeys(al.second for al in pair.alignments if al.second))
    decided: list[tuple[str, str]] = []
    for alignment in pair.alignments:
        gold = GOLD_LABELS.get(alignment.base_type)
        if gold is None:
            continue  # ALIC and anything unknown: not scored
        if alignment.first and alignment.second:
            view_a = chunk_view(item_a, spans_a, alignment.first)
            view_b = chunk_view(item_b, spans_b, alignment.second)
            label = compare_claims(view_a, view_b, texts=texts, embed=embed).label
        else:
            if alignment.first:
                own, others = (
                    chunk_view(item_a, spans_a, alignment.first),
                    [chunk_view(item_b, spans_b, unit) for unit in units_b],
                )
            else:
                own, others = (
                    chunk_view(item_b, spans_b, alignment.second),
                    [chunk_view(item_a, spans_a, unit) for unit in units_a],
                )
            found = {compare_claims(own, other, texts=texts, embed=embed).label for other in others}
            label = next((name for name in ("contradiction", "agree") if name in found), "unique")
        decided.append((gold, label))
    return decided


def evaluate_alignment(
    folder: Path,
    *,
    embed: bool | None = None,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, float]:
    """Score the comparison's decision on the iSTS ``*.wa`` headline alignments of ``folder``.

    Args:
        folder: A folder holding ``*.wa`` files (e.g. the training folder).
        embed: Use MiniLM embeddings; by default when the embeddings extra is installed.
        limit: Score only the first ``limit`` headline pairs (a documented subset).
        progress: Called with (pairs done, pairs in all).

    Returns:
        ``false_contradiction_rate``; the confusion matrix as ``gold_<label>_as_<label>`` counts;
        ``accuracy`` and per-label ``f1_<label>``; ``headline_pairs`` and ``units`` scored.
    """
    pairs = read_alignments(folder)
    pairs = pairs[:limit] if limit else pairs
    analysed = analyse_texts(
        [headline_text(tokens)[0] for pair in pairs for tokens in (pair.first, pair.second)]
    )
    decided: list[tuple[str, str]] = []
    for number, pair in enumerate(pairs):
        decided.extend(decide_pair(pair, analysed, embed=embed))
        if progress is not None:
            progress(number + 1, len(pairs))
    counts = Counter(decided)
    non_oppo = [label for gold, label in decided if gold != "contradiction"]
    result: dict[str, float] = {
        "false_contradiction_rate": (
            non_oppo.count("contradiction") / len(non_oppo) if non_oppo else 0.0
        ),
        "accuracy": sum(g == p for g, p in decided) / len(decided) if decided else 0.0,
    }
    for label in LABELS:
        tp = counts[(label, label)]
        gold_n = sum(n for (g, _), n in counts.items() if g == label)
        predicted_n = sum(n for (_, p), n in counts.items() if p == label)
        result[f"f1_{label}"] = 2 * tp / (gold_n + predicted_n) if gold_n + predicted_n else 0.0
    for gold in LABELS:
        for predicted in LABELS:
            result[f"gold_{gold}_as_{predicted}"] = counts[(gold, predicted)]
    result["headline_pairs"] = len(pairs)
    result["units"] = len(decided)
    return result
