"""Story timelines against gold: SemEval-2015 Task 4 events, or Timeline17's journalists' timelines.

**SemEval-2015 Task 4** (TimeLine: cross-document event ordering, ``evaluate_timelines``):

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

**Timeline17** (``evaluate_timeline17``): each topic's articles, of all its outlets, are
ingested (dated by their publication date, PTB spacing undone) into a fresh temporary corpus and
analysed there; the timeline is :func:`parallax.stories.timeline.build_timeline` over every
article of that corpus, built as ``corpus.stories.timeline`` builds a story's, so story
grouping cannot split the topic. The day-dated entries of its main section, the timeline a
reader sees (date -> the entries' summaries; month, week and year entries have no day to score;
background and minor entries are folded away; ``with_minor_date_f1`` adds the minor ones back)
are scored against each gold timeline with date F1
and alignment-based ROUGE-1 (:mod:`parallax.eval.tls_metrics`), averaged over the gold
timelines as news-tls does (mean precision and recall, F1 of the means). Two readings:

- the timeline as Parallax shows it (every day-dated entry of its main section);
- ``fixed_*``: the news-tls setting, where a system is told the gold timeline's span, its
  number of dates L and its mean sentences per date k: entries (main and minor) inside the
  gold span, the L dates with the most sources, the k best-sourced summaries of each;
  ``baseline_fixed_date_f1`` is the same setting's trivial baseline, the L days inside the
  span on which the most of the analysed articles were published (no NLP).

Two timeline settings were chosen on these dev topics: ``articles_per_report``, each value
checked on both halves (H1N1 + haiti, LibyaWar + MJ), and ``days_per_sqrt_day`` (how many days a
large story shows), checked on a second 100-article subset of each topic; the held-out topics
were not read.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from parallax.datasets.semeval_timeline import read_gold_timelines
from parallax.datasets.timeline17 import T17Article, T17Topic, detokenize, read_timeline17
from parallax.datasets.timeml import read_cat
from parallax.eval.analysed import analysed_corpus
from parallax.eval.tls_metrics import Scores, alignment_rouge1, date_scores, mean_scores
from parallax.model import TimelineEntry
from parallax.nlp.pipeline import analyze_texts, load_pipeline
from parallax.stories.timeline import TimelineArticle, build_timeline, period_start, precision_of

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
            TimelineArticle(
                doc_id,
                None,
                docs[doc_id].published,
                found.claims,
                found.dates,
                quoted=tuple(
                    (q.start, q.end) for q in found.quotes if q.kind in {"direct", "partial"}
                ),
            )
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


def spread(
    articles: tuple[T17Article, ...], limit: int | None, *, shifted: bool = False
) -> list[T17Article]:
    """Return at most ``limit`` articles spread evenly over the topic's publication dates;
    ``shifted``: those half a step later (a second sample, mostly of other articles)."""
    ordered = sorted(articles, key=lambda a: (a.published, a.outlet, a.uid))
    if limit is None or len(ordered) <= limit:
        return ordered
    shift = len(ordered) // (2 * limit) if shifted else 0
    return [ordered[i * len(ordered) // limit + shift] for i in range(limit)]


def topic_timeline(articles: list[T17Article]) -> tuple[int, list[TimelineEntry]]:
    """Ingest and analyse the articles in a temporary corpus; return (stored, its timeline)."""
    records = (
        {
            "id": f"{article.outlet}-{article.uid}",
            "outlet": article.outlet,
            "published": article.published.isoformat(),
            "text": detokenize(article.text),
        }
        for article in articles
    )
    with (
        tempfile.TemporaryDirectory(prefix="parallax-t17-") as folder,
        analysed_corpus(records, Path(folder)) as corpus,
    ):
        stored = [article.id for article in corpus.articles.list()]
        return len(stored), corpus.stories.timeline_of(stored)


def day_entries(
    timeline: list[TimelineEntry], sections: tuple[str, ...] = ("main",)
) -> dict[date, list[TimelineEntry]]:
    """Group the day-dated entries of the given sections by day (other grains have no day to
    score; by default the main timeline a reader sees, not its background or minor entries)."""
    days: dict[date, list[TimelineEntry]] = defaultdict(list)
    for entry in timeline:
        if entry.precision == "day" and entry.section in sections:
            days[date.fromisoformat(entry.date)].append(entry)
    return dict(days)


def fixed_length(
    days: dict[date, list[TimelineEntry]], gold: dict[date, list[str]]
) -> dict[date, list[str]]:
    """The news-tls setting: inside the gold span, the L best-sourced dates, k summaries each."""
    first, last = min(gold), max(gold)
    length = len(gold)
    per_date = max(1, round(sum(len(s) for s in gold.values()) / length))
    inside = {day: entries for day, entries in days.items() if first <= day <= last}
    sourced = sorted(inside, key=lambda d: (-sum(len(e.sources) for e in inside[d]), d))
    return {
        day: [e.summary for e in sorted(inside[day], key=lambda e: -len(e.sources))[:per_date]]
        for day in sorted(sourced[:length])
    }


def busiest_days(published: list[date], gold: dict[date, list[str]]) -> list[date]:
    """Baseline of the fixed setting: the L days inside the gold span with the most articles."""
    first, last = min(gold), max(gold)
    counts = Counter(day for day in published if first <= day <= last)
    return sorted(sorted(counts, key=lambda d: (-counts[d], d))[: len(gold)])


def score_topic(
    days: dict[date, list[TimelineEntry]],
    published: list[date],
    topic: T17Topic,
    candidates: dict[date, list[TimelineEntry]] | None = None,
) -> dict[str, dict[str, Scores]]:
    """Per gold timeline, the scores of each reading (see the module's docstring); the
    news-tls setting picks its L dates among ``candidates`` (by default ``days``)."""
    predicted = {day: [e.summary for e in entries] for day, entries in days.items()}
    scored = {}
    for timeline in topic.timelines:
        gold = timeline.summaries()
        fixed = fixed_length(candidates if candidates is not None else days, gold)
        scored[timeline.name] = {
            "date": date_scores(predicted, gold),
            "ar1": alignment_rouge1(predicted, gold),
            "fixed_date": date_scores(fixed, gold),
            "fixed_ar1": alignment_rouge1(fixed, gold),
            "baseline_fixed_date": date_scores(busiest_days(published, gold), gold),
        }
    return scored


def evaluate_timeline17(
    data: Path, *, limit_articles: int | None = None, shifted: bool = False
) -> dict[str, float]:
    """Score every topic under ``data`` (Timeline17 layout) that has articles and gold
    (``limit_articles`` and ``shifted`` pick the articles: :func:`spread`)."""
    topics = [t for t in read_timeline17(data) if t.articles and t.timelines]
    per_timeline: dict[str, dict[str, Scores]] = {}
    every: list[Scores] = []
    articles = entries = dated = by_publication = 0
    sections: Counter[str] = Counter()
    for topic in topics:
        chosen = spread(topic.articles, limit_articles, shifted=shifted)
        stored, timeline = topic_timeline(chosen)
        days = day_entries(timeline)
        articles += stored
        entries += len(timeline)
        sections.update(entry.section for entry in timeline)
        dated += sum(len(e) for e in days.values())
        by_publication += sum(e.basis == "published" for d in days.values() for e in d)
        with_minor = day_entries(timeline, ("main", "minor"))
        per_timeline |= score_topic(days, [a.published for a in chosen], topic, with_minor)
        predicted = {day: [e.summary for e in found] for day, found in with_minor.items()}
        every += [date_scores(predicted, t.summaries()) for t in topic.timelines]
    readings = ("date", "ar1", "fixed_date", "fixed_ar1", "baseline_fixed_date")
    mean = {r: mean_scores([scores[r] for scores in per_timeline.values()]) for r in readings}
    metrics: dict[str, float] = {
        "topics": float(len(topics)),
        "gold_timelines": float(len(per_timeline)),
        "articles": float(articles),
        "timeline_entries": float(entries),
        "main_entries": float(sections["main"]),
        "minor_entries": float(sections["minor"]),
        "background_entries": float(sections["background"]),
        "day_dated_entries": float(dated),
        "day_dated_by_publication": float(by_publication),
        "date_precision": mean["date"].precision,
        "date_recall": mean["date"].recall,
        "date_f1": mean["date"].f1,
        "ar1_precision": mean["ar1"].precision,
        "ar1_recall": mean["ar1"].recall,
        "ar1_f": mean["ar1"].f1,
        "fixed_date_f1": mean["fixed_date"].f1,
        "fixed_ar1_f": mean["fixed_ar1"].f1,
        "baseline_fixed_date_f1": mean["baseline_fixed_date"].f1,
        "with_minor_date_f1": mean_scores(every).f1,
    }
    for name, scores in per_timeline.items():
        for reading in ("date", "ar1", "fixed_date", "fixed_ar1"):
            suffix = "f" if reading.endswith("ar1") else "f1"
            metrics[f"{name}.{reading}_{suffix}"] = scores[reading].f1
    return metrics


def evaluate_basil_timelines(data: Path) -> dict[str, float]:
    """BASIL (no gold): each triplet's timeline, its sections and how many entries are dated
    after the story's last article (every one should be ``scheduled``) or more than a year
    after it (none should be)."""
    from parallax.datasets.story_streams import read_basil
    from parallax.eval.comparison import BASIL_OUTLETS

    stories: dict[str, list[str]] = defaultdict(list)
    records = []
    for row in read_basil(data):
        item = row.item
        stories[row.story].append(item.article_id)
        records.append(
            {
                "id": item.article_id,
                "title": item.title,
                "text": item.text,
                "published": item.published.isoformat() if item.published else None,
                "outlet": BASIL_OUTLETS.get(item.outlet or "", item.outlet),
            }
        )
    counts: Counter[str] = Counter()
    with (
        tempfile.TemporaryDirectory(prefix="parallax-basil-") as folder,
        analysed_corpus(records, Path(folder)) as corpus,
    ):
        stored = {a.external_id: a for a in corpus.store.articles() if a.external_id}
        for external_ids in stories.values():
            found = [stored[i] for i in external_ids if i in stored]
            days = [a.published for a in found if a.published is not None]
            if not days:
                continue
            counts["stories"] += 1
            counts["articles"] += len(found)
            for entry in corpus.stories.timeline_of(a.id for a in found):
                after = period_start(entry.date) > max(days)
                counts.update(
                    {
                        "entries": 1,
                        f"{entry.section}_entries": 1,
                        "by_publication": entry.basis == "published",
                        "scheduled": entry.scheduled,
                        "multi_outlet": len(entry.outlets) > 1,
                        "after_story": after,
                        "after_story_unscheduled": after and not entry.scheduled,
                        "over_a_year_after": (period_start(entry.date) - max(days)).days > 365,
                    }
                )
    metrics = {name: float(value) for name, value in sorted(counts.items())}
    metrics["entries_per_article"] = counts["entries"] / max(1, counts["articles"])
    return metrics
