"""Score main-text extraction the way the ScrapingHub Article Extraction Benchmark does.

The data folder holds ``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``) and
``html/<id>.html.gz``. For each document the text is split into ``\\w+`` tokens and compared as a
multiset of 4-gram shingles: true positives are the shingles both texts have, false positives the
surplus of the prediction, false negatives what it misses; the three counts are normalised to sum
to 1 so that long articles weigh no more than short ones. Precision is averaged over the
documents with a non-empty prediction (it is undefined for the others; an empty prediction still
costs its full recall), recall over all documents, and F1 is their harmonic mean. Accuracy is the
share of documents whose token sequence equals the ground truth's.

Averaging precision only where it is defined reproduces the benchmark's published figures for
extractors that return nothing on some pages (goose3 0.896, newspaper4k 0.949), not only for
those that always answer (trafilatura 0.958).
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import trafilatura

from parallax.config import Settings
from parallax.datasets.article_extraction import load_ground_truth, read_page
from parallax.errors import Code, ConfigError
from parallax.ingest.html import read_html
from parallax.model import RawArticle

logger = logging.getLogger(__name__)

SHINGLE_TOKENS = 4
TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str, Settings], str]
"""Turn ``(page id, decoded HTML, settings)`` into the article text ("" when there is none)."""


def tokenize(text: str) -> list[str]:
    """Split ``text`` into the benchmark's word tokens."""
    return TOKEN.findall(text)


def shingles(tokens: list[str]) -> Counter[tuple[str, ...]]:
    """Return the multiset of 4-token shingles; a shorter text is one shingle of what it has."""
    if not tokens:
        return Counter()
    last = max(1, len(tokens) - SHINGLE_TOKENS + 1)
    return Counter(tuple(tokens[i : i + SHINGLE_TOKENS]) for i in range(last))


def match_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """Return one document's ``(tp, fp, fn)`` shingle counts, normalised to sum to 1."""
    true_shingles = shingles(tokenize(truth))
    predicted_shingles = shingles(tokenize(predicted))
    tp = sum((true_shingles & predicted_shingles).values())
    fp = sum((predicted_shingles - true_shingles).values())
    fn = sum((true_shingles - predicted_shingles).values())
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def score_texts(truth: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    """Score predicted article texts against the true ones, keyed by document id.

    A document missing from ``predicted`` counts as an empty prediction.

    Returns:
        ``precision``, ``recall``, ``f1``, ``accuracy`` and the number of ``documents``.
    """
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    for doc_id, true_text in truth.items():
        predicted_text = predicted.get(doc_id) or ""
        tp, fp, fn = match_counts(true_text, predicted_text)
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        recalls.append(tp / (tp + fn) if tp + fn > 0 else 0.0)
        exact += tokenize(true_text) == tokenize(predicted_text)
    documents = len(truth)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / documents if documents else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": exact / documents if documents else 0.0,
        "documents": float(documents),
    }


def _article_bodies(table: Mapping[str, Any]) -> dict[str, str]:
    # Published outputs come plain ({id: {articleBody}}) or wrapped ({"version", "output"}).
    inner = table["output"] if isinstance(table.get("output"), dict) else table
    return {doc_id: (entry or {}).get("articleBody") or "" for doc_id, entry in inner.items()}


def evaluate_predictions(data_dir: Path, predictions_file: Path) -> dict[str, float]:
    """Score a predictions file in the benchmark's format (such as a published tool output)."""
    truth = load_ground_truth(data_dir)
    table = json.loads(predictions_file.read_text(encoding="utf-8"))
    return score_texts(truth, _article_bodies(table))


def _trafilatura_defaults(doc_id: str, html: str, settings: Settings) -> str:
    return trafilatura.extract(html) or ""


def _read_page(doc_id: str, html: str, settings: Settings) -> RawArticle | None:
    # Through the reader, so decoding and the size limit are part of what is scored.
    for item in read_html(io.BytesIO(html.encode("utf-8")), source=doc_id, settings=settings):
        if isinstance(item, RawArticle):
            return item
        logger.info("%s", item.line())
    return None


def _html_reader(doc_id: str, html: str, settings: Settings) -> str:
    raw = _read_page(doc_id, html, settings)
    return raw.raw_text if raw else ""


def _html_and_clean(doc_id: str, html: str, settings: Settings) -> str:
    from parallax.ingest.clean import clean_text  # the cleaning stage, imported when scored

    raw = _read_page(doc_id, html, settings)
    return clean_text(raw).text if raw else ""


EXTRACTORS: dict[str, Extractor] = {
    "trafilatura": _trafilatura_defaults,
    "html": _html_reader,
    "parallax": _html_and_clean,
}
"""The extractors :func:`evaluate_extraction` can score, by name."""


def evaluate_extraction(
    data_dir: Path, *, extractor: str = "parallax", settings: Settings | None = None
) -> dict[str, float]:
    """Run an extractor over the benchmark's pages and score its main text.

    Args:
        data_dir: Folder with ``ground-truth.json`` and ``html/<id>.html.gz``.
        extractor: ``trafilatura`` (plain ``trafilatura.extract`` with its defaults), ``html``
            (our HTML reader's raw text) or ``parallax`` (the reader, then the cleaning stage).
        settings: Limits for the reader; the defaults when not given.

    Returns:
        ``precision``, ``recall``, ``f1``, ``accuracy`` and the number of ``documents``.

    Raises:
        ConfigError: the extractor name is unknown (P601).
        InputError: the ground truth or a page is missing (P114).
    """
    if extractor not in EXTRACTORS:
        known = ", ".join(sorted(EXTRACTORS))
        raise ConfigError(Code.CONFIG, f"unknown extractor {extractor!r}; known: {known}")
    extract = EXTRACTORS[extractor]
    settings = settings or Settings()
    truth = load_ground_truth(data_dir)
    predicted: dict[str, str] = {}
    for doc_id in truth:
        predicted[doc_id] = extract(doc_id, read_page(data_dir, doc_id), settings)
    return score_texts(truth, predicted)
