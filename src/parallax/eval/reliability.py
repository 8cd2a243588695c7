"""How often a contradiction of each kind is a real one, on labelled headline pairs (iSTS-2016).

The measurement behind :data:`parallax.compare.contradictions.RELIABILITY`. Each headline pair
of SemEval-2016 Task 2 (two outlets' headlines, gold chunk alignments) is read as two
one-sentence claims (:func:`parallax.eval.paraphrase.analyse_texts`) and compared as the story
comparison compares two claims (:func:`parallax.compare.pairs.compare_claims`, TF-IDF
similarity). When a conflict rule fires, the contradiction is counted real if the gold marks
an opposite meaning (an OPPO alignment) in the pair, else false. The kinds are the story's
(:data:`parallax.compare.contradictions.KIND_NAMES`); the actor rule's count serves both
``place`` and ``agent``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from parallax.compare.contradictions import KIND_NAMES
from parallax.compare.pairs import compare_claims
from parallax.datasets.ists import read_alignments
from parallax.eval.alignment import headline_text
from parallax.eval.paraphrase import analyse_texts

__all__ = ["conflict_reliability"]


def conflict_reliability(data: Path) -> dict[str, tuple[int, int]]:
    """Return kind → (real, false) contradictions the rules find on the headline pairs."""
    pairs = read_alignments(data)
    texts = [headline_text(tokens)[0] for pair in pairs for tokens in (pair.first, pair.second)]
    analysed = analyse_texts(texts)
    real: Counter[str] = Counter()
    false: Counter[str] = Counter()
    for pair in pairs:
        first = analysed[headline_text(pair.first)[0]]
        second = analysed[headline_text(pair.second)[0]]
        texts_of_story = [first.article.text, second.article.text]
        decision = compare_claims(first.view(), second.view(), texts=texts_of_story, embed=False)
        if decision.conflict is None:
            continue
        opposite = any(alignment.base_type == "OPPO" for alignment in pair.alignments)
        kinds = [KIND_NAMES[decision.conflict.kind]]
        if decision.conflict.kind == "actors":
            kinds = ["place", "agent"]
        for kind in kinds:
            (real if opposite else false)[kind] += 1
    return {kind: (real[kind], false[kind]) for kind in sorted(set(real) | set(false))}
