"""Sentence vectors for the comparison's models, each distinct text embedded once per process.

A story's comparison embeds its claims (alignment) and every sentence of its articles (the bias
model); a claim is often a whole sentence, a story is compared again each time it gains an
article, and a sentence can sit in several stories. :class:`CachedEmbedder` keeps the vectors
of the texts it has embedded (the most recent :data:`CACHE_TEXTS`), so each is computed once.

A cached vector is the one the embedder would compute again: ``OnnxMiniLM`` runs a text only
with texts of its own length (no padding), so a text's vector does not depend on the batch it
came in. The comparison stage also puts vectors stored at analyze time here (:meth:`remember`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import numpy as np
from numpy.typing import NDArray

from parallax.embeddings import DIMENSION, Embedder, OnnxMiniLM, shared_embedder
from parallax.minilm_int8 import PerModel

CACHE_TEXTS = 20_000
"""Vectors kept (384 float32 each: about 30 MB with their texts)."""


class CachedEmbedder:
    """An embedder that remembers the vectors of the texts it has embedded (least recent out).

    Given ``load`` instead of an embedder, it loads the embedder when a text it does not know
    is first embedded: a comparison whose vectors are all stored never loads the model.
    """

    def __init__(
        self,
        embedder: Embedder | None = None,
        *,
        size: int = CACHE_TEXTS,
        load: Callable[[], Embedder] | None = None,
    ) -> None:
        if embedder is None and load is None:
            raise TypeError("CachedEmbedder needs an embedder or a way to load one")
        self._embedder = embedder
        self._load = load
        self.size = size
        self._rows: OrderedDict[str, NDArray[np.float32]] = OrderedDict()
        # The server compares stories on several threads: look-up, embedding and eviction of one
        # call happen together, so a row looked up is never evicted half-way.
        self._lock = threading.Lock()

    @property
    def embedder(self) -> Embedder:
        """The embedder that computes the vectors not known yet (loaded on first use)."""
        if self._embedder is None:
            assert self._load is not None  # one of the two is given (__init__)
            self._embedder = self._load()
        return self._embedder

    @embedder.setter
    def embedder(self, embedder: Embedder) -> None:
        self._embedder = embedder

    @property
    def name(self) -> str:
        """The embedder's versioned name."""
        return self.embedder.name

    @property
    def dimension(self) -> int:
        """The length of a vector."""
        return self.embedder.dimension

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Embed a batch of texts: the ones not seen before in one call, each distinct once."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            return self._embed(texts)

    def _embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        rows = self._rows
        missing = list(dict.fromkeys(text for text in texts if text not in rows))
        fresh: dict[str, NDArray[np.float32]] = {}
        if missing:
            vectors = self.embedder.embed(missing)
            fresh = {text: np.array(vectors[i]) for i, text in enumerate(missing)}
        found = []
        for text in texts:
            row = fresh.get(text)
            if row is None:
                row = rows[text]
                rows.move_to_end(text)
            found.append(row)
        rows.update(fresh)
        while len(rows) > self.size:
            rows.popitem(last=False)
        return np.vstack(found).astype(np.float32)

    def holds(self, texts: Sequence[str]) -> bool:
        """Return whether the vector of every one of ``texts`` is kept."""
        with self._lock:
            return all(text in self._rows for text in texts)

    def prefetch(self, texts: Sequence[str], *, threads: int = 1) -> int:
        """Embed the texts not known yet and keep their vectors for the calls to come; return
        how many were embedded. With ``threads`` > 1 MiniLM (``OnnxMiniLM``) shares its runs
        of texts of one length out over that many threads (``OnnxMiniLM.embed``); another
        embedder gets the texts cut into that many parts (by length, in turn), embedded at once
        on as many threads (onnxruntime runs without the GIL). A text's vector does not depend
        on the texts beside it, so the vectors are those :meth:`embed` gives, in less time
        where CPUs are idle."""
        with self._lock:
            missing = list(dict.fromkeys(text for text in texts if text not in self._rows))
            if not missing:
                return 0
            embedder = self.embedder
            threads = min(threads, len(missing))
            if threads > 1 and isinstance(embedder, OnnxMiniLM):
                vectors = embedder.embed(missing, threads=threads)
            elif threads > 1:
                _ready(embedder)  # one session, made here, not by two threads at once
                by_length = sorted(missing, key=len)
                parts = [by_length[k::threads] for k in range(threads)]
                with ThreadPoolExecutor(threads) as pool:
                    found = list(pool.map(embedder.embed, parts))
                missing = [text for part in parts for text in part]
                vectors = np.vstack(found)
            else:
                vectors = embedder.embed(missing)
        self.remember(missing, vectors)
        return len(missing)

    def kept(self, texts: Sequence[str]) -> tuple[list[str], NDArray[np.float32]]:
        """Return those of ``texts`` (each once) whose vector is kept, and their vectors (one
        row each), without loading the embedder: another process can :meth:`remember` them."""
        with self._lock:
            found = [text for text in dict.fromkeys(texts) if text in self._rows]
            if not found:
                return [], np.zeros((0, DIMENSION), dtype=np.float32)
            return found, np.vstack([self._rows[text] for text in found])

    def remember(self, texts: Sequence[str], vectors: NDArray[np.float32]) -> None:
        """Keep ``vectors`` (one row per text) as the vectors of ``texts``, computed elsewhere
        (stored at analyze time); texts already kept are left as they are."""
        with self._lock:
            rows = self._rows
            for text, vector in zip(texts, vectors, strict=True):
                if text in rows:
                    rows.move_to_end(text)
                else:
                    rows[text] = np.array(vector, dtype=np.float32)
            while len(rows) > self.size:
                rows.popitem(last=False)

    def __len__(self) -> int:
        return len(self._rows)


def _load(exact: str) -> Embedder:
    """Load the shared embedder registered as ``exact`` as it is (``minilm``: the fp32 model),
    looking ``shared_embedder`` up when it loads (a plain function that stands in for it is
    called with the name)."""
    loader = shared_embedder
    load: Callable[[str], Embedder] = getattr(loader, "exact", loader)
    return load(exact)


class _CachedEmbedders:
    """The process's caching wrappers of the shared embedders, one per model."""

    def __init__(self) -> None:
        self._per_model = PerModel(lambda exact: CachedEmbedder(load=partial(_load, exact)))

    def __call__(self, name: str = "minilm") -> CachedEmbedder:
        """Return the process's caching wrapper of the shared embedder registered as ``name``
        (``minilm``: the model chosen now, each model with its own cache; the comparison's
        models, the technique spans and analyze's sentence vectors all share
        ``cached_embedder()``)."""
        return self._per_model(name)

    def cache_clear(self) -> None:
        """Forget every wrapper and the vectors it kept."""
        self._per_model.cache_clear()


cached_embedder = _CachedEmbedders()


def warm_up(name: str = "minilm") -> threading.Thread:
    """Start loading the process's shared embedder ``name`` on a thread of its own and return
    the thread (join it before the embedder's first use): MiniLM's session is made without
    the GIL, so this process's work goes on meanwhile, on another CPU."""

    thread = threading.Thread(
        target=lambda: _ready(shared_embedder(name)), name=f"warm-{name}", daemon=True
    )
    thread.start()
    return thread


def _ready(embedder: Embedder) -> None:
    """Make MiniLM's ONNX session now (``OnnxMiniLM`` makes it on its first run otherwise)."""
    if isinstance(embedder, OnnxMiniLM):
        _ = embedder.inputs
