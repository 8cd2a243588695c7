"""The event cross-encoder's reading of a mention pair (word pieces, markers, window), on a
written sentence and on a real ECB+ sentence."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from parallax.embeddings import minilm_word_pieces
from parallax.models.event_xenc import (
    CLOSE,
    OPEN,
    WINDOW,
    EventCrossEncoder,
    batch_arrays,
    encode_mention,
    pair_inputs,
)
from tests.datasets.test_ecbplus import ECBPLUS


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    return minilm_word_pieces()


def _pieces(tokenizer: Any, ids: tuple[int, ...] | list[int]) -> list[str]:
    return [tokenizer.id_to_token(i) for i in ids]


def test_the_trigger_is_framed_by_the_two_markers(tokenizer: Any) -> None:
    words = ["A", "strong", "earthquake", "struck", "northern", "Indonesia", "on", "Sunday"]
    mention = encode_mention(tokenizer, words, [2])
    pieces = _pieces(tokenizer, mention.ids)
    assert pieces[mention.marker] == OPEN
    assert pieces[mention.marker + 1 : pieces.index(CLOSE)] == ["earthquake"]
    # Nothing else is lost or added: the other words' pieces are all there, in order.
    rest = [p for p in pieces if p not in (OPEN, CLOSE)]
    assert rest == _pieces(
        tokenizer, tokenizer.encode(words, is_pretokenized=True, add_special_tokens=False).ids
    )


def test_a_long_sentence_is_cut_around_the_trigger(tokenizer: Any) -> None:
    words = [f"word{k}" for k in range(60)] + ["killed"] + [f"other{k}" for k in range(60)]
    mention = encode_mention(tokenizer, words, [60])
    pieces = _pieces(tokenizer, mention.ids)
    assert len(pieces) == WINDOW
    assert pieces[mention.marker : mention.marker + 3] == [OPEN, "killed", CLOSE]
    # Centred: about as many pieces before the trigger as after it.
    after = len(pieces) - mention.marker - 3
    assert abs(mention.marker - after) <= 1
    # A trigger at the sentence's start keeps the start.
    first = encode_mention(tokenizer, ["killed", *words], [0])
    assert first.marker == 0 and len(first.ids) == WINDOW


def test_a_pair_is_cls_a_sep_b_sep_with_both_markers_found(tokenizer: Any) -> None:
    a = encode_mention(tokenizer, ["Police", "arrested", "the", "suspect"], [1])
    b = encode_mention(tokenizer, ["The", "suspect", "'s", "arrest", "came", "late"], [3])
    ids, segments, at_a, at_b = pair_inputs(tokenizer, a, b)
    pieces = _pieces(tokenizer, ids)
    assert pieces[0] == "[CLS]" and pieces.count("[SEP]") == 2 and pieces[-1] == "[SEP]"
    assert pieces[at_a] == OPEN and pieces[at_a + 1] == "arrested"
    assert pieces[at_b] == OPEN and pieces[at_b + 1] == "arrest"
    assert segments[at_a] == 0 and segments[at_b] == 1
    arrays = batch_arrays([(ids, segments, at_a, at_b), pair_inputs(tokenizer, b, b)])
    assert arrays["input_ids"].shape[0] == 2
    assert arrays["attention_mask"][0].sum() == len(ids)
    assert arrays["markers"][0].tolist() == [at_a, at_b]


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="shared data (ECB+) is not present")
def test_every_gold_mention_of_a_dev_topic_keeps_its_trigger(tokenizer: Any) -> None:
    from parallax.datasets.ecbplus import read_topics
    from parallax.training.event_mentions import read_topic_mentions

    (documents,) = read_topics(ECBPLUS, [2]).values()
    mentions = read_topic_mentions(2, documents)
    assert len(mentions.sentences) > 50
    for words, indexes in zip(mentions.sentences, mentions.indexes, strict=True):
        mention = encode_mention(tokenizer, words, indexes)
        pieces = _pieces(tokenizer, mention.ids)
        assert len(pieces) <= WINDOW
        inside = pieces[mention.marker + 1 : pieces.index(CLOSE)]
        trigger = " ".join(words[i] for i in indexes).lower().replace(" ", "")
        # The framed pieces spell the trigger's words (a long trigger may be cut by the window).
        spelled = "".join(p.removeprefix("##") for p in inside)
        assert spelled and (trigger.startswith(spelled) or spelled == trigger)


FIXTURE = Path(__file__).parents[1] / "fixtures" / "event_xenc"


def test_the_onnx_network_reads_the_markers_and_batches_change_nothing() -> None:
    # The fixture (make_fixture.py) scores the cosine of the two triggers' first pieces.
    encoder = EventCrossEncoder(FIXTURE)
    assert (encoder.weight, encoder.floor, encoder.threshold) == (0.5, 0.1, 0.5)
    sentences = [
        ["A", "strong", "earthquake", "struck", "northern", "Indonesia"],
        [
            "The",
            "earthquake",
            "killed",
            "at",
            "least",
            "ten",
            "people",
            "in",
            "the",
            "province",
            "of",
            "Aceh",
        ],
        ["Rescuers", "searched", "the", "rubble"],
        ["Officials", "said", "the", "quake", "was", "felt", "across", "the", "island"],
    ]
    mentions = encoder.encode(sentences, [[2], [1], [1], [3]])
    pairs = [(0, 1), (0, 2), (1, 3), (2, 3), (1, 0)]
    found = encoder.probabilities(mentions, pairs)
    assert found[0] == pytest.approx(1 / (1 + math.exp(-2.0)), abs=1e-5)  # same trigger
    assert found[4] == pytest.approx(found[0], abs=1e-6)
    assert found[1] < found[0] and found[2] < found[0] and found[3] < found[0]
    # Pairs of different lengths run padded in sorted batches give what each alone gives.
    alone = [encoder.probabilities(mentions, [pair])[0] for pair in pairs]
    assert found.tolist() == pytest.approx(alone, abs=1e-6)


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="shared data (ECB+) is not present")
def test_the_mix_reads_only_likely_pairs_within_a_sub_topic() -> None:
    from parallax.compare.event_clusters import document_groups, document_similarities
    from parallax.eval.events import read_events
    from parallax.models.event_pairs import load_event_pairs
    from parallax.training.event_mentions import EmbeddingCache
    from parallax.training.event_pairs import topic_examples
    from parallax.training.event_xenc import mix_cross_encoder

    (example,) = topic_examples(read_events(ECBPLUS, [2], "ecbplus"), EmbeddingCache())
    model = load_event_pairs()
    trees = model.probabilities(example.rows)
    encoder = EventCrossEncoder(FIXTURE)
    mixed, read = mix_cross_encoder(example, trees, encoder, model.document_threshold)
    mentions = example.mentions
    groups = document_groups(
        document_similarities(mentions.document_vectors),
        len(mentions.documents),
        model.document_threshold,
    )
    lemmas = [side.lemma for side in mentions.sides]
    expected = [
        k
        for k, (i, j) in enumerate(example.pairs)
        if groups[mentions.document_of[i]] == groups[mentions.document_of[j]]
        and (trees[k] > encoder.floor or lemmas[i] == lemmas[j])
    ]
    assert 0 < read == len(expected) < len(example.pairs)
    untouched = np.ones(len(trees), dtype=bool)
    untouched[expected] = False
    assert np.array_equal(mixed[untouched], trees[untouched])
    encoded = encoder.encode(mentions.sentences, mentions.indexes)
    cross = encoder.probabilities(encoded, [example.pairs[k] for k in expected])
    assert np.allclose(mixed[expected], 0.5 * trees[expected] + 0.5 * cross)
