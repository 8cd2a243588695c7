"""Score time-expression extraction and normalisation the way TempEval-3 does.

Gold time expressions come from MEANTIME's CAT XML and inline TimeML files under ``data_dir``
(:mod:`parallax.datasets.timeml`); predictions after a MEANTIME document's annotated sentences
(``scored_until``) are not scored.

Scores (TempEval-3, UzZaman et al. 2013): ``strict_*`` counts a prediction correct when its span
equals a gold span, ``relaxed_*`` when it overlaps one (matched one to one, largest overlap
first); ``value_*`` and ``type_*`` count relaxed matches whose attribute also agrees, over all
predictions (precision) and all gold expressions (recall).

With ``per_topic``, each folder of documents (MEANTIME's four sub-corpora: airbus, apple, gm,
stock) is also scored on its own, as if it were held out: ``topic_<name>_value_f1`` (and
strict and relaxed F1) and ``topic_mean_value_f1``, the mean over topics. The rules have no
fitted weights, so a topic is held out by not reading its errors while changing them.

With ``language`` other than English, the documents are read by that language's NLP stage
(:func:`parallax.nlp.languages.stage_for`: Russian through natasha, Ukrainian through spaCy's
blank ``uk``, both resolving dates with :mod:`parallax.nlp.dates_slavic`) and scored the same
way. No public Russian or Ukrainian TimeML set is in the shared data, so no figure is claimed
for them; the option scores whatever TimeML folder it is given.

A second corpus without gold time expressions, SemEval-2015 Task 4 (Wikinews articles with
gold timelines of dated events, :func:`evaluate_event_dates`): every gold event with a date
that one of our time expressions governs (its predicate is the event's word, in the event's
sentence) is checked: ``event_date_accuracy`` is the share whose value agrees with the gold date
at the gold's precision, ``event_coverage`` the share of dated gold events governed at all.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from statistics import mean

from parallax.datasets.semeval_timeline import read_gold_timelines
from parallax.datasets.timeml import GoldTimex, TimexDocument, read_cat, read_timeml
from parallax.errors import Code, ConfigError
from parallax.eval.timelines import dates_agree
from parallax.nlp.languages import DEFAULT_LANGUAGE, skip_reason, stage_for
from parallax.nlp.pipeline import analyze_texts, load_pipeline

logger = logging.getLogger(__name__)

__all__ = ["evaluate_dates", "evaluate_event_dates", "score_timexes"]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _prf(correct: int, gold: int, predicted: int, name: str) -> dict[str, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {f"{name}_p": precision, f"{name}_r": recall, f"{name}_f1": f1}


def score_timexes(
    pairs: Iterable[tuple[tuple[GoldTimex, ...], list[tuple[int, int, str, str | None]]]],
) -> dict[str, float]:
    """Score ``(gold, predicted)`` per document; a prediction is ``(start, end, type, value)``."""
    gold_count = predicted_count = strict = relaxed = value = kind = 0
    for gold, predicted in pairs:
        gold_count += len(gold)
        predicted_count += len(predicted)
        spans = {(g.start, g.end) for g in gold}
        strict += sum((p[0], p[1]) in spans for p in set(predicted))
        candidates = sorted(
            (-_overlap((g.start, g.end), (p[0], p[1])), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(predicted)
            if _overlap((g.start, g.end), (p[0], p[1])) > 0
        )
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for _, i, j in candidates:
            if i in used_gold or j in used_pred:
                continue
            used_gold.add(i)
            used_pred.add(j)
            relaxed += 1
            value += predicted[j][3] == gold[i].value
            kind += predicted[j][2] == gold[i].type
    result = {"gold": float(gold_count), "predicted": float(predicted_count)}
    result |= _prf(strict, gold_count, predicted_count, "strict")
    result |= _prf(relaxed, gold_count, predicted_count, "relaxed")
    result |= _prf(value, gold_count, predicted_count, "value")
    result |= _prf(kind, gold_count, predicted_count, "type")
    return result


Prediction = tuple[int, int, str, str | None]


def _predict(
    documents: list[TimexDocument], language: str = DEFAULT_LANGUAGE
) -> list[list[Prediction]]:
    """Our time expressions per document, cut at the end of its annotated part.

    Raises:
        ConfigError: no stage reads ``language`` in this installation (P601).
    """
    items = [(d.name, d.text, d.published) for d in documents]
    if language == DEFAULT_LANGUAGE:
        analyses = list(analyze_texts(items, nlp=load_pipeline()))
    else:
        stage = stage_for(language)
        if stage is None:
            raise ConfigError(Code.CONFIG, f"cannot score dates: {skip_reason(language)}")
        analyses = list(stage.analyze(items, nlp=None))
    return [
        [
            (t.start, t.end, t.type, t.value)
            for t in analysis.dates
            if document.scored_until is None or t.start < document.scored_until
        ]
        for document, analysis in zip(documents, analyses, strict=True)
    ]


def _topics(data_dir: Path) -> dict[str, str]:
    """Each document's topic: the folder it lies in (``corpus_gm`` → ``gm``)."""
    return {
        path.stem: path.parent.name.removeprefix("corpus_")
        for path in data_dir.rglob("*")
        if path.suffix in {".xml", ".tml"}
    }


def evaluate_dates(
    data_dir: Path, *, per_topic: bool = False, language: str = DEFAULT_LANGUAGE
) -> dict[str, float]:
    """Run the date extractor over TimeML/CAT files under ``data_dir`` and score it.

    Args:
        data_dir: a folder of TimeML (``*.tml``) or MEANTIME CAT (``*.xml``) files, at any depth.
        per_topic: also score each folder of documents on its own, and their mean value F1.
        language: the documents' language (ISO 639-1): its NLP stage finds the dates.

    Raises:
        ConfigError: no stage reads ``language`` in this installation (P601).
    """
    documents = list(read_timeml(data_dir))
    predicted = _predict(documents, language.strip().lower())
    pairs = list(zip((d.timexes for d in documents), predicted, strict=True))
    scores = score_timexes(pairs)
    scores["documents"] = float(len(documents))
    if per_topic:
        topics = _topics(data_dir)
        grouped: dict[str, list[tuple[tuple[GoldTimex, ...], list[Prediction]]]] = defaultdict(list)
        for document, pair in zip(documents, pairs, strict=True):
            grouped[topics.get(document.name, "")].append(pair)
        for topic, topic_pairs in sorted(grouped.items()):
            topic_scores = score_timexes(topic_pairs)
            for name in ("strict_f1", "relaxed_f1", "value_f1"):
                scores[f"topic_{topic or 'root'}_{name}"] = topic_scores[name]
        scores["topic_mean_value_f1"] = mean(
            scores[f"topic_{topic or 'root'}_value_f1"] for topic in grouped
        )
    logger.info("TimeML %s: %s", data_dir, scores)
    return scores


def _known(value: str) -> str:
    """A gold timeline date without its unknown parts: ``2005-01-XX`` → ``2005-01``."""
    return re.sub(r"(?:-XX)+$", "", value)


def _agrees(ours: str, gold: str) -> bool:
    """Whether our value dates the gold event: at the gold's precision, a clock time by its day,
    a week (``2007-W32``) when the gold day falls in it."""
    if week := re.fullmatch(r"(\d{4})-W(\d{2})", ours):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold):
            return False
        year, number, _ = date.fromisoformat(gold).isocalendar()
        return (year, number) == (int(week[1]), int(week[2]))
    return dates_agree(ours.split("T")[0], gold)


def evaluate_event_dates(documents_dir: Path, gold_dir: Path) -> dict[str, float]:
    """Score the values of our time expressions against gold timelines' event dates.

    Args:
        documents_dir: SemEval-2015 Task 4 CAT documents (Track A), sentence ``n`` on line ``n``.
        gold_dir: the gold timelines (``*.txt``) of those documents.
    """
    paths = sorted(documents_dir.glob("*.xml"))
    documents = [read_cat(path) for path in paths]
    ids = [path.name.split("_", 1)[0].split("-", 1)[0] for path in paths]
    analyses = analyze_texts(
        ((doc_id, d.text, d.published) for doc_id, d in zip(ids, documents, strict=True)),
        nlp=load_pipeline(),
    )
    governed: dict[tuple[str, int, str], list[str]] = defaultdict(list)
    for doc_id, document, analysis in zip(ids, documents, analyses, strict=True):
        for timex in analysis.dates:
            if timex.value is None or timex.event_start is None or timex.event_end is None:
                continue
            if timex.type not in {"DATE", "TIME"} or not timex.value[:1].isdigit():
                continue  # "for three years", "currently": they govern an event, not date it
            sentence = document.text.count("\n", 0, timex.event_start)
            word = document.text[timex.event_start : timex.event_end]
            governed[(doc_id, sentence, word)].append(timex.value)
    # An event on two entities' timelines is one event.
    dated = sorted(
        {
            event
            for event in read_gold_timelines(gold_dir)
            if event.doc_id in set(ids) and not event.value.startswith("XXXX")
        },
        key=lambda event: (event.doc_id, event.sentence, event.word, event.value),
    )
    found = [governed[key] for e in dated if (key := (e.doc_id, e.sentence, e.word)) in governed]
    correct = sum(
        any(_agrees(value, _known(event.value)) for value in values)
        for event in dated
        if (values := governed.get((event.doc_id, event.sentence, event.word)))
    )
    return {
        "documents": float(len(documents)),
        "gold_dated_events": float(len(dated)),
        "event_timexes": float(len(found)),
        "event_coverage": len(found) / len(dated) if dated else 0.0,
        "event_date_accuracy": correct / len(found) if found else 0.0,
    }
