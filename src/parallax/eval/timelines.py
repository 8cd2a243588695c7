"""Timelines against SemEval-2015 Task 4 gold (TimeLine: cross-document event ordering).

The task's timelines are per target entity and list event *tokens* with ISO dates; ours are
per story and list dated *sentences*. Where the formats meet: every gold event with a date
names a document, a sentence and a word. We build one timeline over all documents of a corpus
(one story) and score, over the gold events with a known date (not ``XXXX``):

- ``coverage``: the share whose sentence appears among our timeline's sources;
- ``date_accuracy``: among covered events, the share whose entry date agrees with the gold
  date at the gold's precision (``2006-03`` is matched by ``2006-03`` or ``2006-03-28``; a
  coarser date of ours is wrong);
- ``anchored_recall``: covered and correctly dated, over all dated gold events.

Documents are read from the Track A CAT files (raw text; sentence ``n`` is line ``n``).
Nothing here was tuned on these files.
"""

from __future__ import annotations

from pathlib import Path

from parallax.datasets.semeval_timeline import read_gold_timelines
from parallax.datasets.timeml import read_cat
from parallax.nlp.pipeline import analyze_texts, load_pipeline
from parallax.stories.timeline import TimelineArticle, build_timeline, precision_of

_GRAIN_LENGTH = {"year": 4, "month": 7, "day": 10}


def dates_agree(ours: str, gold: str) -> bool:
    """Return True when our date matches the gold date at the gold's precision."""
    grain = precision_of(gold)
    if grain not in _GRAIN_LENGTH:
        return ours == gold
    ours_grain = precision_of(ours)
    if ours_grain not in _GRAIN_LENGTH or _GRAIN_LENGTH[ours_grain] < _GRAIN_LENGTH[grain]:
        return False
    return ours[: _GRAIN_LENGTH[grain]] == gold


def evaluate_timelines(documents: Path, gold: Path) -> dict[str, float]:
    """Score one corpus: CAT documents in ``documents``, gold timelines in ``gold``."""
    docs = {
        path.name.split("_", 1)[0].split("-", 1)[0]: read_cat(path)
        for path in sorted(documents.glob("*.xml"))
    }
    items = [(doc_id, doc.text, doc.published) for doc_id, doc in docs.items()]
    analyses = {a.article_id: a for a in analyze_texts(items, nlp=load_pipeline())}
    timeline = build_timeline(
        [
            TimelineArticle(doc_id, None, docs[doc_id].published, found.claims, found.dates)
            for doc_id, found in analyses.items()
        ]
    )
    placed: dict[tuple[str, int], list[str]] = {}
    for entry in timeline:
        for source in entry.sources:
            text = docs[source.article_id].text
            first = text.count("\n", 0, source.start)
            last = text.count("\n", 0, max(source.start, source.end - 1))
            for sentence in range(first, last + 1):
                placed.setdefault((source.article_id, sentence), []).append(entry.date)
    dated = [event for event in read_gold_timelines(gold) if not event.value.startswith("XXXX")]
    covered = [event for event in dated if (event.doc_id, event.sentence) in placed]
    correct = [
        event
        for event in covered
        if any(dates_agree(ours, event.value) for ours in placed[(event.doc_id, event.sentence)])
    ]
    return {
        "documents": float(len(docs)),
        "gold_dated_events": float(len(dated)),
        "timeline_entries": float(len(timeline)),
        "coverage": len(covered) / len(dated) if dated else 0.0,
        "date_accuracy": len(correct) / len(covered) if covered else 0.0,
        "anchored_recall": len(correct) / len(dated) if dated else 0.0,
    }
