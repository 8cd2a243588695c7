"""Score the quote extractor on PolNeAR (political news attribution relations, brat standoff).

A PolNeAR split folder holds ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``.
Each relation ``E`` links a Content span to its Cue and (unless it is an
``Attribution-no-source``) its Source. Articles annotated by several annotators are scored
against the lowest annotator id, so scores are reproducible. A discontinuous span
(``"315 448;463 553"``) is scored as its envelope, from its first start to its last end in the text.

Scores, each a number in [0, 1]:

* ``content_exact_*`` / ``content_overlap_*``: precision, recall and F1 of predicted quote spans
  against gold Content spans; *exact* means the same span once whitespace and a trailing
  ``. , ; :`` are stripped from both, *overlap* means sharing at least one character, matched
  one to one, largest overlap first.
* ``source_*`` and ``cue_*``: the same for the distinct Source (speaker text) and Cue spans of
  each article.
* ``speaker_match``: of the gold relations whose content a prediction overlaps, the share whose
  predicted speaker span overlaps the gold Source (or, without a gold Source, has no speaker).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from parallax.datasets.polnear import GoldDocument, Span, read_polnear
from parallax.nlp.pipeline import analyze_texts, load_pipeline

logger = logging.getLogger(__name__)

Prediction = tuple[Span, Span | None, Span | None]  # content, cue, speaker

__all__ = ["evaluate_quotes", "span_scores"]


def _strip(text: str, span: Span) -> Span:
    start, end = span
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(gold: list[Span], predicted: list[Span]) -> list[tuple[int, int]]:
    """Match gold and predicted spans one to one, largest overlap first: ``(gold, pred)`` pairs."""
    candidates = sorted(
        (
            (-_overlap(g, p), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(predicted)
            if _overlap(g, p) > 0
        ),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


def _prf(matched_gold: int, matched_pred: int, gold: int, predicted: int) -> tuple[float, ...]:
    precision = matched_pred / predicted if predicted else 0.0
    recall = matched_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class _Counts:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0

    def add(self, text: str, gold: list[Span], predicted: list[Span]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.overlap += len(match_spans(gold, predicted))
        stripped = {_strip(text, span) for span in predicted}
        self.exact += sum(_strip(text, span) in stripped for span in set(gold))

    def scores(self, name: str) -> dict[str, float]:
        exact = _prf(self.exact, self.exact, self.gold, self.predicted)
        overlap = _prf(self.overlap, self.overlap, self.gold, self.predicted)
        return {
            f"{name}_exact_p": exact[0], f"{name}_exact_r": exact[1], f"{name}_exact_f1": exact[2],
            f"{name}_overlap_p": overlap[0], f"{name}_overlap_r": overlap[1],
            f"{name}_overlap_f1": overlap[2],
        }  # fmt: skip


def span_scores(
    documents: Iterable[tuple[GoldDocument, list[Prediction]]],
) -> dict[str, float]:
    """Score predictions ``(content, cue, speaker)`` per document against the gold relations."""
    content, source, cue = _Counts(), _Counts(), _Counts()
    matched = correct = 0
    count = 0
    for document, predictions in documents:
        count += 1
        gold = document.attributions
        content.add(document.text, [g.content for g in gold], [p[0] for p in predictions])
        source.add(
            document.text,
            sorted({g.source for g in gold if g.source}),
            sorted({p[2] for p in predictions if p[2]}),
        )
        cue.add(
            document.text,
            sorted({g.cue for g in gold if g.cue}),
            sorted({p[1] for p in predictions if p[1]}),
        )
        for i, j in match_spans([g.content for g in gold], [p[0] for p in predictions]):
            matched += 1
            gold_source, speaker = gold[i].source, predictions[j][2]
            if gold_source is None:
                correct += speaker is None
            else:
                correct += speaker is not None and _overlap(gold_source, speaker) > 0
    result = {"documents": float(count), "gold": float(content.gold)}
    result["predicted"] = float(content.predicted)
    result |= content.scores("content") | source.scores("source") | cue.scores("cue")
    result["speaker_match"] = correct / matched if matched else 0.0
    return result


def to_relations(predictions: list[Prediction], *, max_gap: int = 300) -> list[Prediction]:
    """Map predicted quotes onto PolNeAR's scheme, where each token has at most one role.

    A prediction inside another one (a partial quote within reported speech) is dropped, and
    consecutive quotes with the same cue and speaker spans (``“…,” X said. “…”``) become one
    relation, as PolNeAR annotates them (a discontinuous span, scored as its envelope); two
    cues of one speaker (``X denied …, saying …``) stay two relations.
    """
    ordered = sorted(predictions, key=lambda p: (p[0][0], -p[0][1]))
    kept: list[Prediction] = []
    for prediction in ordered:
        (start, end), _, _ = prediction
        if any(k[0][0] <= start and end <= k[0][1] for k in kept):
            continue
        kept.append(prediction)
    merged: list[Prediction] = []
    for prediction in kept:
        if merged:
            last = merged[-1]
            if (
                last[2] is not None
                and last[2] == prediction[2]
                and last[1] == prediction[1]
                and 0 <= prediction[0][0] - last[0][1] <= max_gap
            ):
                merged[-1] = ((last[0][0], max(last[0][1], prediction[0][1])), last[1], last[2])
                continue
        merged.append(prediction)
    return merged


def evaluate_quotes(data_dir: Path, *, limit: int | None = None) -> dict[str, float]:
    """Run the quote extractor over a PolNeAR split folder and score it (see the module doc)."""
    documents = list(read_polnear(data_dir, limit=limit))
    nlp = load_pipeline()
    analyses = analyze_texts(((d.name, d.text, None) for d in documents), nlp=nlp)
    paired = []
    for document, analysis in zip(documents, analyses, strict=True):
        predictions: list[Prediction] = []
        for quote in analysis.quotes:
            cue = (quote.cue_start, quote.cue_end)
            speaker = (quote.speaker_start, quote.speaker_end)
            predictions.append(
                (
                    (quote.start, quote.end),
                    (cue[0], cue[1]) if cue[0] is not None and cue[1] is not None else None,
                    (speaker[0], speaker[1])
                    if speaker[0] is not None and speaker[1] is not None
                    else None,
                )
            )
        paired.append((document, to_relations(predictions)))
    scores = span_scores(paired)
    logger.info("PolNeAR %s: %s", data_dir, scores)
    return scores
