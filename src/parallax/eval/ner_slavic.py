"""SlavicNER scored through the language stages: NER, base forms and entity linking.

``eval ner --format slavicner`` runs the stage the registry has for each language asked for
(:func:`parallax.nlp.languages.stage_for`; Russian today, Ukrainian once it is registered)
over every document of that language under the folder (:mod:`parallax.datasets.slavicner`),
then merges the mentions of all documents into canonical entities exactly as ``parallax
analyze`` does (:func:`parallax.nlp.aliases.merge_entities`). It reports, per language
(``ru_per_f1`` ...):

* micro-F1 by type (PER, LOC, ORG; EVT and PRO have no counterpart in the stages), a predicted
  mention counting when its start, end and type equal a gold one's;
* ``base_forms``: of the gold mentions found exactly, the share whose base form (the mention's
  ``entity``) is the gold lemma; where the stage gave a lone surname the article's full name,
  the full name's last (or first) words of the surname's length are compared.

And over all languages together, pairs of mentions with one gold cross-lingual id:

* ``xlang_link_recall``: of the pairs in different languages, the share that Parallax puts in
  one entity (the linking accuracy); ``xlang_link_precision``: of the pairs in different
  languages that Parallax puts in one entity, the share that are one gold entity;
  ``xdoc_link_*``: the same over pairs in different documents. Only mentions found exactly count.
* ``gold_*``: the same linking scores when the merge is given the gold mentions and lemmas of
  every language asked for, with or without a stage: the merge alone (across scripts, too).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from parallax.datasets.slavicner import GoldMention, SlavicDocument, read_slavicner
from parallax.eval.ner import score_spans
from parallax.model import Mention
from parallax.nlp.aliases import merge_entities, resolve_mentions
from parallax.nlp.languages import DEFAULT_LANGUAGE, analysed_languages, stage_for

__all__ = ["evaluate_slavicner", "link_scores"]

_TO_LABEL = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}
_FROM_LABEL = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
_BATCH = 16

#: One mention for linking: its gold id, its predicted entity, its language, its document.
Linked = tuple[str, str, str, str]


def _pairs(counts: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in counts)


def link_scores(items: Sequence[Linked], *, across: int, prefix: str) -> dict[str, float]:
    """Pairwise linking recall and precision over pairs of ``items`` that differ in field
    ``across`` (2: language, 3: document), with the number of gold pairs."""

    def apart(fields: tuple[int, ...]) -> int:
        together = Counter(tuple(item[f] for f in fields) for item in items)
        same_group = Counter(tuple(item[f] for f in (*fields, across)) for item in items)
        return _pairs(together.values()) - _pairs(same_group.values())

    gold, predicted, both = apart((0,)), apart((1,)), apart((0, 1))
    return {
        f"{prefix}_recall": both / gold if gold else 0.0,
        f"{prefix}_precision": both / predicted if predicted else 0.0,
        f"{prefix}_pairs": float(gold),
    }


def _base_form_right(mention: Mention, lemma: str) -> bool:
    entity, size = mention.entity.split(), len(mention.text.split())
    if " ".join(entity) == " ".join(lemma.split()):
        return True
    words = lemma.split()
    return len(entity) > size and words in (entity[-size:], entity[:size])


def _kept(document: SlavicDocument) -> list[GoldMention]:
    return [m for m in document.mentions if m.type in _TO_LABEL]


def _analyse(documents: Sequence[SlavicDocument], language: str) -> list[tuple[Mention, ...]]:
    stage = stage_for(language)
    assert stage is not None  # the caller kept the languages with a stage
    found: list[tuple[Mention, ...]] = []
    for start in range(0, len(documents), _BATCH):
        batch = [(d.id, d.text, None) for d in documents[start : start + _BATCH]]
        found.extend(analysis.mentions for analysis in stage.analyze(batch, nlp=None))
    return found


def _linking(
    mentions: list[tuple[str, str, Mention]], prefix: str
) -> dict[str, float]:  # (gold id, language, mention)
    merged = resolve_mentions((m for _, _, m in mentions), merge_entities(m for *_, m in mentions))
    items = [
        (gold, merged[(m.label, m.entity)].id if (m.label, m.entity) in merged else m.entity,
         language, m.article_id)
        for gold, language, m in mentions
    ]  # fmt: skip
    return link_scores(items, across=2, prefix=f"{prefix}xlang_link") | link_scores(
        items, across=3, prefix=f"{prefix}xdoc_link"
    )


def evaluate_slavicner(data: Path, *, languages: Iterable[str] | None = None) -> dict[str, float]:
    """Score the stages' NER, base forms and linking on every document under ``data`` in the
    languages asked for (default: every language with a stage here but English).

    Raises:
        ValueError: no language asked for has a stage here.
    """
    staged = sorted(analysed_languages() - {DEFAULT_LANGUAGE})
    wanted = sorted(set(languages)) if languages else staged
    scored = [language for language in wanted if language in staged]
    if not scored:
        raise ValueError(
            f"no NLP stage for {', '.join(wanted)} here; stages: {', '.join(staged) or 'none'}"
        )
    documents = read_slavicner(data, languages=frozenset(wanted))
    metrics: dict[str, float] = {"documents": float(len(documents))}
    linked: list[tuple[str, str, Mention]] = []
    for language in scored:
        mine = [d for d in documents if d.language == language]
        found = _analyse(mine, language)
        pairs, right, matched = [], 0, 0
        for document, mentions in zip(mine, found, strict=True):
            gold = {(m.start, m.end, m.type): m for m in _kept(document)}
            predicted = {
                (m.start, m.end, _FROM_LABEL[m.label]): m
                for m in mentions
                if m.label in _FROM_LABEL
            }
            pairs.append((set(gold), set(predicted)))
            for span in gold.keys() & predicted.keys():
                matched += 1
                right += _base_form_right(predicted[span], gold[span].lemma)
                linked.append((gold[span].entity, language, predicted[span]))
        scores = score_spans(pairs)
        metrics |= {f"{language}_{name}": value for name, value in scores.items()}
        metrics[f"{language}_base_forms"] = right / matched if matched else 0.0
    metrics |= _linking(linked, "")
    gold_mentions = [
        (m.entity, d.language,
         Mention(d.id, m.start, m.end, m.text, _TO_LABEL[m.type], m.lemma, "gold"))
        for d in documents
        for m in _kept(d)
    ]  # fmt: skip
    return metrics | _linking(gold_mentions, "gold_")
