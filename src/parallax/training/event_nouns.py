"""Train the eventive-noun model (:mod:`parallax.models.event_nouns`) on the ECB+ train topics.

Examples: every common noun outside a named entity in the train topics' validated sentences,
labelled by whether it is (part of) a gold event mention; the feature is the lemma's MiniLM
vector. A logistic regression reads it. The threshold is chosen by 5-fold cross-validation
grouped by topic (the folds of :mod:`parallax.training.event_pairs`): each fold's regression and
a trigger lexicon learned on the other folds find the fold's mentions, as in a story neither has
seen, and the threshold with the best mention F1 (token overlap with the gold mentions) wins.
The folds' regressions also pick the nouns of their own topics' predicted mentions in the
event-pair model's cross-validation, so that its grid sees nouns as a new story would.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from parallax.datasets.ecbplus import EcbDocument
from parallax.models.event_nouns import EventNouns
from parallax.nlp.events import ParsedSentence, candidate_nouns, event_triggers, parse_sentences
from parallax.training.event_mentions import EmbeddingCache

__all__ = ["NOUN_THRESHOLDS", "NounData", "fit_nouns", "fold_nouns", "noun_data", "noun_grid"]

NOUN_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 1.01)  # 1.01: no noun added (the baseline)
REGULARISATION = 1.0  # scikit-learn's C; 0.3 gave a lower average precision in grouped CV


@dataclass(slots=True)
class NounData:
    """The train topics' validated sentences, parsed, with their gold mentions (word indexes)."""

    topics: list[int]  # each sentence's topic
    parsed: list[ParsedSentence]
    gold: list[list[frozenset[int]]]


def noun_data(read: dict[int, list[EcbDocument]]) -> NounData:
    """Parse the validated sentences of ``read`` (topic → documents) once."""
    topics: list[int] = []
    words: list[list[str]] = []
    gold: list[list[frozenset[int]]] = []
    for topic, documents in read.items():
        for doc in documents:
            for sentence in doc.sentences():
                number = sentence[0].sentence
                if number not in doc.validated:
                    continue
                position = {token.t_id: i for i, token in enumerate(sentence)}
                topics.append(topic)
                words.append([token.text for token in sentence])
                gold.append(
                    [
                        frozenset(position[t] for t in m.t_ids if t in position)
                        for m in doc.mentions
                        if m.sentence == number
                    ]
                )
    return NounData(topics, parse_sentences(words), gold)


def _examples(data: NounData, keep: Collection[int]) -> tuple[list[str], NDArray[np.int64]]:
    """Every common noun outside an entity of the topics ``keep``: lemma and gold label."""
    lemmas: list[str] = []
    labels: list[int] = []
    for topic, parse, gold in zip(data.topics, data.parsed, data.gold, strict=True):
        if topic not in keep:
            continue
        inside = set().union(*gold) if gold else set()
        for i, pos in enumerate(parse.pos):
            if pos == "NOUN" and parse.entity_at(i) is None and parse.lemmas[i].isalpha():
                lemmas.append(parse.lemmas[i])
                labels.append(int(i in inside))
    return lemmas, np.asarray(labels, dtype=np.int64)


def fit_nouns(
    data: NounData, keep: Collection[int], cache: EmbeddingCache, threshold: float
) -> EventNouns:
    """Fit the regression on the nouns of topics ``keep``."""
    from sklearn.linear_model import LogisticRegression

    lemmas, labels = _examples(data, keep)
    model = LogisticRegression(C=REGULARISATION, max_iter=3000)
    model.fit(cache.embed(lemmas), labels)
    return EventNouns(
        np.asarray(model.coef_[0], dtype=np.float64), float(model.intercept_[0]), threshold
    )


def _lexicon(data: NounData, keep: Collection[int]) -> frozenset[str]:
    """The trigger lexicon of :func:`parallax.training.event_pairs.trigger_lexicon`, learned on
    the topics ``keep`` only."""
    triggered: dict[str, int] = {}
    seen: dict[str, int] = {}
    for topic, parse, gold in zip(data.topics, data.parsed, data.gold, strict=True):
        if topic not in keep:
            continue
        inside = set().union(*gold) if gold else set()
        for i, word in enumerate(parse.words):
            word = word.lower()
            seen[word] = seen.get(word, 0) + 1
            triggered[word] = triggered.get(word, 0) + (i in inside)
    return frozenset(
        w for w, n in triggered.items() if n >= 2 and n / seen[w] >= 0.5 and w.isalpha()
    )


def fold_nouns(
    data: NounData, order: Sequence[int], cache: EmbeddingCache, folds: int
) -> dict[int, EventNouns]:
    """Topic → the regression fitted without the topic's fold (``order``: the topics in the
    order whose position ``k`` is in fold ``k % folds``)."""
    fitted: dict[int, EventNouns] = {}
    for fold in range(folds):
        keep = {t for k, t in enumerate(order) if k % folds != fold}
        model = fit_nouns(data, keep, cache, 0.5)
        fitted |= {t: model for k, t in enumerate(order) if k % folds == fold}
    return fitted


def _noun_probabilities(
    data: NounData, models: dict[int, EventNouns], cache: EmbeddingCache
) -> list[dict[str, float]]:
    """Each sentence's candidate nouns with the probability its topic's regression gives."""
    found: list[dict[str, float]] = []
    for topic, parse in zip(data.topics, data.parsed, strict=True):
        lemmas = sorted(lemma for lemma in candidate_nouns(parse) if lemma.isalpha())
        values = models[topic].probabilities(cache.embed(lemmas)) if lemmas else np.zeros(0)
        found.append(dict(zip(lemmas, values.tolist(), strict=True)))
    return found


def noun_grid(
    data: NounData,
    order: Sequence[int],
    models: dict[int, EventNouns],
    cache: EmbeddingCache,
    folds: int,
) -> dict[float, dict[str, float]]:
    """Mention precision, recall and F1 (token overlap) of the trigger finder on the train
    topics, each fold found with a lexicon and a regression fitted on the other folds, at each
    threshold of :data:`NOUN_THRESHOLDS`."""
    lexicons = {
        fold: _lexicon(data, {t for k, t in enumerate(order) if k % folds != fold})
        for fold in range(folds)
    }
    fold_of = {t: k % folds for k, t in enumerate(order)}
    found: dict[float, dict[str, float]] = {}
    probability = _noun_probabilities(data, models, cache)
    for threshold in NOUN_THRESHOLDS:
        hits_gold = hits_found = n_gold = n_found = 0
        for k, (topic, parse, gold) in enumerate(
            zip(data.topics, data.parsed, data.gold, strict=True)
        ):
            nouns = {lemma for lemma, p in probability[k].items() if p >= threshold}
            triggers = [set(t) for t in event_triggers(parse, lexicons[fold_of[topic]], nouns)]
            gold_sets = [g for g in gold if g]
            n_gold += len(gold_sets)
            n_found += len(triggers)
            hits_gold += sum(1 for g in gold_sets if any(g & t for t in triggers))
            hits_found += sum(1 for t in triggers if any(g & t for g in gold_sets))
        precision = hits_found / n_found if n_found else 0.0
        recall = hits_gold / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        found[threshold] = {"precision": precision, "recall": recall, "f1": f1}
    return found
