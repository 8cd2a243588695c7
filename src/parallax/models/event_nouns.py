"""Which common nouns name an event ("the quake", "the heist", "the vigil"), from MiniLM.

The trigger finder (:func:`parallax.nlp.events.event_triggers`) knows eventive nouns by suffix
(-tion, -ment, …) and by the event-pair model's lexicon (words seen as triggers in the ECB+
train topics). Nouns of other stories' events ("earthquake", "robbery", "riot") are in neither.
This model reads a noun's lemma, embedded alone by MiniLM, with a logistic regression fitted on
the nouns of the ECB+ train topics (``parallax train event-pairs``); the words it calls eventive
are added to the finder's nouns. It reads the lemma without its sentence, so one decision per
word is cached for the process.

The decisions for the nouns and verbs of spaCy's English lemma index (WordNet's, shipped with
the model) are computed ahead and packaged beside the model, one file for each MiniLM
(:data:`DECIDED_FILE` for fp32's, :data:`DECIDED_FILE_INT8` for the int8 one's; written by
:mod:`parallax.training.event_noun_table`): a word found there is not embedded. They are the
decisions the model takes, as long as the model and the embedder are the ones they were computed
with (:func:`decisions_key`); otherwise the file is ignored and every word is embedded.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from parallax.models.artefacts import sigmoid

__all__ = [
    "DECIDED_FILE",
    "DECIDED_FILE_INT8",
    "NOUNS_FILE",
    "EventNouns",
    "decided_file",
    "decisions_key",
    "minilm_identity",
    "read_decided",
    "read_event_nouns",
    "write_decided",
    "write_event_nouns",
]

logger = logging.getLogger(__name__)

NOUNS_FILE = "nouns"  # nouns.json (threshold, provenance) and nouns.npz (weights) beside the trees
#: The decisions computed ahead (:func:`write_decided`), beside ``nouns.json``.
DECIDED_FILE = "nouns_decided.npz"
#: The same for the int8 MiniLM (``parallax.embedders.minilm-int8.v2``), beside it.
DECIDED_FILE_INT8 = "nouns_decided_int8.npz"


def decided_file(path: Path) -> Path:
    """Return the decisions file of the MiniLM ``minilm`` means now, beside ``path`` (the
    fp32 one's, :data:`DECIDED_FILE`)."""
    from parallax.embeddings import minilm_tag

    return path.with_name(DECIDED_FILE_INT8) if minilm_tag() else path.with_name(DECIDED_FILE)


@dataclass(slots=True)
class EventNouns:
    """A linear model over a lemma's MiniLM vector: the probability that the noun names an event."""

    weights: NDArray[np.float64]
    bias: float
    threshold: float
    _known: dict[str, bool] = field(default_factory=dict, repr=False)
    # The decisions file shared with the other processes of a pool (:meth:`share`), and how
    # far this process has read it.
    _shared: Path | None = field(default=None, repr=False)
    _read: int = field(default=0, repr=False)
    # The decisions computed ahead (:data:`DECIDED_FILE`), read on the first word to decide:
    # its path (that of each MiniLM beside it: :func:`decided_file`), then what each holds
    # (empty when it does not fit this model and embedder), by the MiniLM's versioned name.
    decided: Path | None = field(default=None, repr=False)
    _decided: dict[str, Mapping[str, bool]] = field(default_factory=dict, repr=False)
    # The MiniLM the decisions kept were taken with: another one's are forgotten.
    _known_for: str | None = field(default=None, repr=False)

    def share(self, path: Path | None) -> None:
        """Share decisions through the file ``path`` (None: stop sharing) with the other
        processes that share it: each appends the decisions it computes and reads theirs before
        embedding a word, so the workers of one pool embed a word once between them, not once
        each. A decision depends on the word alone (MiniLM gives a word the same vector in any
        batch and process), so the decisions are the same either way."""
        self._shared, self._read = path, 0

    def _take_shared(self) -> None:
        """Read the decisions the other processes appended since the last read."""
        assert self._shared is not None
        try:
            with self._shared.open("rb") as file:
                file.seek(self._read)
                data = file.read()
        except FileNotFoundError:
            return
        end = data.rfind(b"\n") + 1  # a line being written is read next time
        self._read += end
        for line in data[:end].decode("utf-8", errors="replace").splitlines():
            lemma, _, rest = line.partition("\t")
            value, _, check = rest.partition("\t")
            if value in {"0", "1"} and check == _checksum(lemma, value):
                self._known.setdefault(lemma, value == "1")

    def _give_shared(self, decided: dict[str, bool]) -> None:
        """Append this process's new decisions, one write (appends do not interleave)."""
        assert self._shared is not None
        lines = "".join(
            f"{lemma}\t{int(value)}\t{_checksum(lemma, str(int(value)))}\n"
            for lemma, value in decided.items()
        )
        descriptor = os.open(self._shared, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, lines.encode("utf-8"))
        finally:
            os.close(descriptor)

    def probabilities(self, vectors: NDArray[np.float64]) -> NDArray[np.float64]:
        """Return each row's (a lemma's unit MiniLM vector) probability of naming an event."""
        raw = vectors @ self.weights + self.bias
        return sigmoid(raw.reshape(-1, 1))[:, 0]

    def eventive(self, lemmas: Iterable[str]) -> frozenset[str]:
        """Return the lemmas the model calls eventive; each new word is embedded once."""
        from parallax.embeddings import shared_embedder

        self._follow_minilm()
        wanted = sorted({lemma for lemma in lemmas if lemma.isalpha()})
        todo = [lemma for lemma in wanted if lemma not in self._known]
        if todo and self.decided is not None:
            ahead = self._ahead()
            for lemma in todo:
                if (value := ahead.get(lemma)) is not None:
                    self._known[lemma] = value
            todo = [lemma for lemma in todo if lemma not in self._known]
        if todo and self._shared is not None:
            self._take_shared()
            todo = [lemma for lemma in todo if lemma not in self._known]
        if todo:
            vectors = np.asarray(shared_embedder("minilm").embed(todo), dtype=np.float64)
            found = self.probabilities(vectors) >= self.threshold
            decided = dict(zip(todo, (bool(v) for v in found), strict=True))
            self._known.update(decided)
            if self._shared is not None:
                self._give_shared(decided)
        return frozenset(lemma for lemma in wanted if self._known[lemma])

    def _follow_minilm(self) -> None:
        """Forget the decisions kept when ``minilm`` has come to mean another model (a process
        that works on a corpus of each)."""
        from parallax.embeddings import minilm_name

        name = minilm_name()
        if name != self._known_for:
            if self._known_for is not None:
                self._known.clear()
                self._read = 0
            self._known_for = name

    def _ahead(self) -> Mapping[str, bool]:
        """The decisions computed ahead with the MiniLM ``minilm`` means now, read once
        (empty if they do not fit this model and embedder)."""
        from parallax.embeddings import minilm_name

        name = minilm_name()
        if name not in self._decided:
            assert self.decided is not None
            path = decided_file(self.decided)
            found = read_decided(path, decisions_key(self)) if path.is_file() else {}
            self._decided[name] = found
        return self._decided[name]


def decisions_key(model: EventNouns) -> str:
    """What a decision depends on: the model's weights, bias and threshold, and the embedder
    that reads the word (:func:`minilm_identity`)."""
    digest = hashlib.sha256(np.ascontiguousarray(model.weights, dtype=np.float64).tobytes())
    digest.update(f"{model.bias!r} {model.threshold!r} {minilm_identity()}".encode())
    return digest.hexdigest()


def minilm_identity() -> str:
    """What the ``minilm`` embedder's vectors depend on: its registered name and the versions of
    the packages that compute them (the int8 model, onnxruntime, the tokenizer library)."""
    from importlib.metadata import PackageNotFoundError, version

    from parallax.embeddings import PACKAGES, minilm_name

    parts = [minilm_name()]
    for package in PACKAGES:
        try:
            parts.append(f"{package}=={version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package} missing")
    return " ".join(parts)


def write_decided(path: Path, model: EventNouns, words: Iterable[str]) -> dict[str, bool]:
    """Decide ``words`` with ``model`` (each embedded as :meth:`EventNouns.eventive` does) and
    write the decisions to ``path`` (:data:`DECIDED_FILE`) under the model's key; return them."""
    fresh = EventNouns(model.weights, model.bias, model.threshold)
    todo = sorted({word for word in words if word.isalpha()})
    for start in range(0, len(todo), 4096):
        fresh.eventive(todo[start : start + 4096])
    decided = {word: fresh._known[word] for word in todo}
    words_array = np.array(list(decided), dtype=np.str_)
    flags = np.array(list(decided.values()), dtype=np.bool_)
    with path.open("wb") as file:  # a file object: numpy adds no suffix to the name
        np.savez_compressed(file, key=np.array(decisions_key(model)), words=words_array,
                            eventive=flags)  # fmt: skip
    return decided


def read_decided(path: Path, key: str) -> Mapping[str, bool]:
    """The decisions :func:`write_decided` wrote to ``path``, if they were written under ``key``
    (:func:`decisions_key` of the model that reads them); else none."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            if str(saved["key"]) != key:
                logger.info("event-noun decisions in %s are for another model or embedder", path)
                return {}
            return dict(zip(saved["words"].tolist(), saved["eventive"].tolist(), strict=True))
    except (OSError, ValueError, KeyError) as error:
        logger.warning("event-noun decisions not read from %s: %s", path, error)
        return {}


def _checksum(lemma: str, value: str) -> str:
    """A shared line's check: a line that is not whole, or mixed up, is ignored."""
    return format(zlib.crc32(f"{lemma}\t{value}".encode()), "08x")


def read_event_nouns(path: Path) -> EventNouns | None:
    """Read ``nouns.json`` / ``nouns.npz`` from a model folder (None when it has none)."""
    header_path = path / f"{NOUNS_FILE}.json"
    if not header_path.exists():
        return None
    header = json.loads(header_path.read_text(encoding="utf-8"))
    with np.load(path / f"{NOUNS_FILE}.npz", allow_pickle=False) as saved:
        weights = np.asarray(saved["weights"], dtype=np.float64)
    decided = path / DECIDED_FILE
    return EventNouns(
        weights,
        float(header["bias"]),
        float(header["threshold"]),
        decided=decided if decided.is_file() else None,
    )


def write_event_nouns(
    path: Path, weights: NDArray[np.float64], bias: float, threshold: float, meta: dict[str, object]
) -> None:
    """Write the model :func:`read_event_nouns` reads."""
    path.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path / f"{NOUNS_FILE}.npz", weights=np.asarray(weights, dtype=np.float32))
    header = {"bias": bias, "threshold": threshold, **meta}
    (path / f"{NOUNS_FILE}.json").write_text(json.dumps(header, indent=1) + "\n", encoding="utf-8")
