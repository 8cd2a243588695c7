"""What a long analysis keeps bounded: spaCy's vocabulary is released after each batch (its
memory zone) and the compiled pipeline's per-word tables are emptied past their bound, with the
same analyses and token attributes as without."""

from __future__ import annotations

import pytest
from spacy.language import Language

import parallax.nlp.attributes
import parallax.stages.analyze
from parallax.nlp.attributes import CompiledAttributes, RememberedLemmas, token_attributes
from parallax.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from parallax.stages.analyze import Item, analyze_batch
from tests.nlp.conftest import SHARED_DATA, read_seed

# Words no English vocabulary holds, so that a batch must add them.
INVENTED = (
    "Zorbláx Quintavian of Frobnitzburg told the Vexhollow council on Tuesday that 4,718,293 "
    'skreebles had gone missing. "We will find every skreeble," Quintavian said.'
)


def _items() -> list[Item]:
    texts = [read_seed("000")[0], read_seed("001")[0], INVENTED]
    texts += [
        p.read_text(encoding="utf-8")
        for p in sorted(SHARED_DATA.glob("polnear/dev/text/*.txt"))[:6]
    ]
    return [(f"a{i}", text, None, "en") for i, text in enumerate(texts)]


def _words(nlp: Language) -> int:
    return sum(1 for _ in nlp.vocab)  # len(vocab) counts every word ever added


def _fresh() -> Language:
    return load_pipeline.__wrapped__(DEFAULT_MODEL)  # not the cached one other tests share


def test_a_batch_leaves_no_new_word_in_the_vocabulary_and_the_same_analyses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = _items()
    batches = [items[:2], items[2:5], items[5:]]
    zoned, plain = _fresh(), _fresh()
    monkeypatch.setattr(parallax.stages.analyze, "WORDS_KEPT", 0)  # a zone from the first batch
    found, sizes = [], []
    for batch in batches:
        before = (_words(zoned), len(zoned.vocab.strings))
        found += analyze_batch(batch, nlp=zoned)
        sizes.append((before, (_words(zoned), len(zoned.vocab.strings))))
    assert all(before == after for before, after in sizes)
    assert "Frobnitzburg" not in zoned.vocab.strings
    assert "Frobnitzburg" not in zoned.vocab
    with monkeypatch.context() as patch:  # the same batches without the zone
        patch.setattr(parallax.stages.analyze, "released", lambda nlp: _nothing())
        expected = [result for batch in batches for result in analyze_batch(batch, nlp=plain)]
    assert "Frobnitzburg" in plain.vocab.strings  # kept without the zone
    assert "Frobnitzburg" in plain.vocab
    assert _words(plain) > _words(zoned) + 500
    assert found == expected
    assert any(result.analysis and result.analysis.quotes for result in found)


def test_words_are_kept_up_to_the_bound_then_freed_with_the_same_analyses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Below WORDS_KEPT new words a batch's words stay (no zone: not made again in the next
    # batch); once the vocabulary has grown by the bound, each batch's new words are freed.
    items = _items()
    batches = [items[:2], items[2:5], items[5:]]
    nlp, plain = _fresh(), _fresh()
    monkeypatch.setattr(parallax.stages.analyze, "WORDS_KEPT", 1)
    found, sizes = [], []
    for batch in batches:
        before = (_words(nlp), len(nlp.vocab.strings))
        found += analyze_batch(batch, nlp=nlp)
        sizes.append((before, (_words(nlp), len(nlp.vocab.strings))))
    assert sizes[0][1][0] > sizes[0][0][0] + 500  # the first batch's words kept
    assert all(before == after for before, after in sizes[1:])  # then freed after each batch
    assert "Frobnitzburg" not in nlp.vocab.strings  # INVENTED is in the second batch
    with monkeypatch.context() as patch:
        patch.setattr(parallax.stages.analyze, "released", lambda nlp: _nothing())
        expected = [result for batch in batches for result in analyze_batch(batch, nlp=plain)]
    assert found == expected


def _nothing():  # type: ignore[no-untyped-def]
    from contextlib import nullcontext

    return nullcontext()


def test_the_per_word_tables_are_emptied_past_their_bound_with_the_same_attributes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [text for _, text, _, _ in _items()]
    unbounded = _fresh()
    expected = [token_attributes(doc) for doc in unbounded.pipe(texts)]
    monkeypatch.setattr(parallax.nlp.attributes, "WORDS_KEPT", 50)
    bounded = _fresh()
    ruler = bounded.get_pipe("attribute_ruler").compiled
    lemmatizer = bounded.get_pipe("lemmatizer").compiled
    assert isinstance(ruler, CompiledAttributes)
    assert isinstance(lemmatizer, RememberedLemmas)
    most = {"forms": 0, "lemmas": 0}
    found = []
    for doc in bounded.pipe(texts, batch_size=1):
        found.append(token_attributes(doc))
        most["forms"] = max(most["forms"], len(ruler.canonical))
        most["lemmas"] = max(most["lemmas"], len(lemmatizer.lemmas))
    assert found == expected
    # Emptied: no table holds more than the bound and one text's new words; unbounded, they
    # hold every word of every text.
    unbounded_ruler = unbounded.get_pipe("attribute_ruler").compiled
    assert len(unbounded_ruler.canonical) > most["forms"] > 0
    assert len(unbounded.get_pipe("lemmatizer").compiled.lemmas) > most["lemmas"] > 0
    assert len(ruler.canonical) < len(unbounded_ruler.canonical)
