"""The event cross-encoder: a MiniLM fine-tuned on ECB+ mention pairs, run through onnxruntime.

Each event mention is its sentence cut to a window of word pieces around the trigger, the
trigger framed by two marker pieces (``[unused0]`` before, ``[unused1]`` after: pieces of the
MiniLM vocabulary that the pre-trained model never used). A pair is read as ``[CLS] a [SEP] b
[SEP]`` (segment ids 0 then 1) and the network returns one logit from the ``[CLS]`` vector and
the two opening markers' vectors (their product included). Training
(:mod:`parallax.training.event_xenc`, in a separate environment with torch) writes the network as
ONNX; the product needs onnxruntime and the bundled MiniLM tokenizer only.

:func:`encode_mention` and :func:`pair_inputs` are shared by training and scoring, so a mention
is read the same way by both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

MODEL_NAME = "parallax.event-xenc.v1"
MODEL_FILE = "model.onnx"
META_FILE = "model.json"
WINDOW = 32  # word pieces kept of one mention (markers included)
OPEN, CLOSE = "[unused0]", "[unused1]"
BATCH = 32


@dataclass(frozen=True, slots=True)
class EncodedMention:
    """One mention as word-piece ids, the trigger framed, and where its opening marker is."""

    ids: tuple[int, ...]
    marker: int  # index of the opening marker in ``ids``


def encode_mention(
    tokenizer: Any, words: Sequence[str], indexes: Sequence[int], window: int = WINDOW
) -> EncodedMention:
    """Return a mention's word pieces: its sentence ``words`` with the trigger (the words at
    ``indexes``) framed by the two markers, cut to ``window`` pieces centred on the trigger."""
    encoding = tokenizer.encode(list(words), is_pretokenized=True, add_special_tokens=False)
    word_ids = encoding.word_ids
    ids = list(encoding.ids)
    chosen = set(indexes)
    inside = [k for k, w in enumerate(word_ids) if w is not None and w in chosen]
    first, last = (inside[0], inside[-1]) if inside else (0, -1)
    opened, closed = tokenizer.token_to_id(OPEN), tokenizer.token_to_id(CLOSE)
    framed = [*ids[:first], opened, *ids[first : last + 1], closed, *ids[last + 1 :]]
    start = first  # position of the opening marker in ``framed``
    if len(framed) > window:
        span = last - first + 3
        low = max(0, min(start - (window - span) // 2, len(framed) - window))
        framed = framed[low : low + window]
        start -= low
    return EncodedMention(tuple(framed), start)


def pair_inputs(
    tokenizer: Any, a: EncodedMention, b: EncodedMention
) -> tuple[list[int], list[int], int, int]:
    """Return ``(ids, segments, marker_a, marker_b)`` of the pair ``[CLS] a [SEP] b [SEP]``."""
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    ids = [cls, *a.ids, sep, *b.ids, sep]
    segments = [0] * (len(a.ids) + 2) + [1] * (len(b.ids) + 1)
    return ids, segments, 1 + a.marker, len(a.ids) + 2 + b.marker


def batch_arrays(
    rows: Sequence[tuple[list[int], list[int], int, int]],
) -> dict[str, NDArray[np.int64]]:
    """Pad pairs to their longest and return the network's inputs as arrays."""
    length = max(len(ids) for ids, _, _, _ in rows)
    ids = np.zeros((len(rows), length), dtype=np.int64)
    segments = np.zeros_like(ids)
    mask = np.zeros_like(ids)
    for k, (piece_ids, piece_segments, _, _) in enumerate(rows):
        ids[k, : len(piece_ids)] = piece_ids
        segments[k, : len(piece_ids)] = piece_segments
        mask[k, : len(piece_ids)] = 1
    markers = np.asarray([[a, b] for _, _, a, b in rows], dtype=np.int64)
    return {
        "input_ids": ids,
        "attention_mask": mask,
        "token_type_ids": segments,
        "markers": markers,
    }


class EventCrossEncoder:
    """The ONNX event cross-encoder: scores mention pairs as probabilities of one event.

    ``path`` is a folder with ``model.onnx`` and ``model.json`` (``weight``, ``floor`` and
    ``threshold``: how :func:`parallax.eval.event_coref.mix_cross_encoder` mixes it in).
    """

    def __init__(self, path: Path, *, threads: int = 1) -> None:
        from parallax.embeddings import minilm_word_pieces, onnx_session

        self.meta: dict[str, Any] = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        self.window = int(self.meta.get("window", WINDOW))
        # How the event coreference mixes it into the trees (chosen on held-out train topics).
        self.weight = float(self.meta["weight"])
        self.floor = float(self.meta["floor"])
        self.threshold = float(self.meta["threshold"])
        self.tokenizer = minilm_word_pieces()
        self.session = onnx_session(path / MODEL_FILE, threads)

    def encode(
        self, sentences: Sequence[Sequence[str]], indexes: Sequence[Sequence[int]]
    ) -> list[EncodedMention]:
        """Encode each mention (its sentence's words and its trigger's word indexes)."""
        return [
            encode_mention(self.tokenizer, words, chosen, self.window)
            for words, chosen in zip(sentences, indexes, strict=True)
        ]

    def logits(
        self, mentions: Sequence[EncodedMention], pairs: Sequence[tuple[int, int]]
    ) -> NDArray[np.float64]:
        """Return the network's logit for each pair ``(i, j)`` of ``mentions``; the pairs are
        run in batches of similar length (sorted), so little padding is computed."""
        found = np.zeros(len(pairs), dtype=np.float64)
        rows = [pair_inputs(self.tokenizer, mentions[i], mentions[j]) for i, j in pairs]
        order = sorted(range(len(rows)), key=lambda k: len(rows[k][0]))
        for start in range(0, len(order), BATCH):
            chosen = order[start : start + BATCH]
            feed = batch_arrays([rows[k] for k in chosen])
            found[chosen] = np.asarray(self.session.run(None, feed)[0], dtype=np.float64)
        return found

    def probabilities(
        self, mentions: Sequence[EncodedMention], pairs: Sequence[tuple[int, int]]
    ) -> NDArray[np.float64]:
        """Return the probability that each pair is one event (the logit's sigmoid)."""
        result: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-self.logits(mentions, pairs)))
        return result
