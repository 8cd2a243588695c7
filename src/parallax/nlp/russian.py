"""The Russian NLP stage: natasha's tagger, parser and NER, then the Slavic rules.

natasha (MIT; the slovnet models and navec embeddings ship inside its wheels, nothing is
downloaded) splits each paragraph into sentences and tokens, tags morphology (lemmas come from
pymorphy2's dictionary), parses dependencies and finds PER, LOC and ORG entities, each with its
base form ("Дмитрия Кулебы" -> "Дмитрий Кулеба"). Paragraphs are parsed one by one, so that
no sentence spans a line break, as in the English stage. The quote and date rules over the
parse are shared with Ukrainian (:mod:`parallax.nlp.quotes_slavic`,
:mod:`parallax.nlp.dates_spans`), and so are claims (:mod:`parallax.nlp.claims_slavic`: the
English check-worthiness weights over language-neutral features of the parse).

natasha needs pymorphy2, whose import fails on Python 3.11 (``inspect.getargspec`` is gone);
natasha imports yargy first, which patches it. It is an optional extra:
``pip install 'parallax-news[ru]'``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from typing import Any

from parallax.model import ArticleAnalysis
from parallax.nlp.parsed import EntitySpan, Parsed, Token
from parallax.nlp.stage import STAGES, Text

__all__ = ["RussianStage", "parse_russian"]

ENTITY_EXTRACTOR = "parallax.entities.natasha.v3"
# natasha's labels as the English pipeline names them: its LOC is mostly countries, regions
# and cities in news, which spaCy calls GPE.
_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
_PARAGRAPH = re.compile(r"[^\n]+")
# A legal form or a kind of organisation before a name in quotes: the name is what is quoted.
_FORMS = (
    r"(?:ОАО|ЗАО|ООО|ПАО|АО|НАО|ФГУП|ГУП|МУП|НКО|АНО|ТОВ|ПрАТ|ПАТ|"
    r"(?i:компани[яиюей]|концерн\w*|корпораци[яиюей]|холдинг\w*|банк\w*|фонд\w*|"
    r"агентств\w*|издательств\w*|видавництв\w*|газет\w*|журнал\w*|телеканал\w*|"
    r"радиостанци\w*|радіостанці\w*|компані[їяюєі]\w*))"
)
_LEGAL_FORM = re.compile(rf"{_FORMS}\s+[«\"„]([^«»\"„“]+)[»\"“]")
_LEGAL_FORM_ALONE = re.compile(r"ОАО|ЗАО|ООО|ПАО|АО|НАО|ФГУП|ГУП|МУП|ТОВ|ПрАТ|ПАТ")
# The European Union (and the Eurasian Economic Union), which natasha tags as a place: both
# factRuEval and SlavicNER annotate it as an organisation, whatever it does in the sentence.
_UNION = re.compile(
    r"ЕС|ЕАЭС|Евросоюз\w*|Европейск\w+\s+[Сс]оюз\w*|Евразийск\w+\s+экономическ\w+\s+союз\w*"
)
# Common nouns written in capitals that the tagger reads as organisations: "СМИ" is "the media".
_NOT_NAMES = frozenset({"СМИ"})
# Closing quotes and brackets left at the end of a tagged name with no partner inside it.
_STRAY = {"»": "«", "“": "„", ")": "("}
# The parts of a tagged entity between brackets, commas and bullets.
_PIECE = re.compile(r"[^\s(),•·|](?:[^(),•·|]*[^\s(),•·|])?")


@dataclass(frozen=True, slots=True)
class _Models:
    segmenter: Any
    morph: Any
    syntax: Any
    ner: Any
    vocab: Any


@lru_cache(maxsize=1)
def _models() -> _Models:
    """Load natasha's models once per process (about a second, 30 MB of weights)."""
    from natasha import (
        MorphVocab,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        NewsSyntaxParser,
        Segmenter,
    )

    embedding = NewsEmbedding()
    return _Models(
        Segmenter(),
        NewsMorphTagger(embedding),
        NewsSyntaxParser(embedding),
        NewsNERTagger(embedding),
        MorphVocab(),
    )


def _tense(feats: dict[str, str] | None) -> str | None:
    return feats.get("Tense") if feats and feats.get("VerbForm") == "Fin" else None


def _paragraph(models: _Models, text: str, offset: int) -> tuple[list[Any], list[Any], list[Any]]:
    """Parse one paragraph; returns natasha's sentences, tokens and spans (offsets local)."""
    from natasha import Doc

    doc = Doc(text)
    doc.segment(models.segmenter)
    doc.tag_morph(models.morph)
    doc.parse_syntax(models.syntax)
    doc.tag_ner(models.ner)
    for token in doc.tokens:
        token.lemmatize(models.vocab)
    for span in doc.spans:
        span.normalize(models.vocab)
    return doc.sents, doc.tokens, doc.spans


def _unpaired(text: str) -> bool:
    """Whether the last character of ``text`` opens a quote or bracket, or closes one that
    was not opened inside ``text``."""
    last = text[-1]
    if last == '"':
        return text.count('"') % 2 == 1
    return last in "(«„" or (last in _STRAY and _STRAY[last] not in text)


def _unpaired_end(text: str) -> str:
    """``text`` less the quotes and brackets at its end that pair with nothing inside it."""
    while text and _unpaired(text):
        text = text[:-1].rstrip()
    return text


def _trimmed(text: str, base: str) -> tuple[str, str]:
    """The tagged name and its base form without an unpaired quote or bracket at the end
    ("ПАСЕ (", "Кориера делла Сера»"): the tagger takes in the punctuation after a name."""
    kept = _unpaired_end(text)
    if kept == text or not kept:
        return text, base
    return kept, _unpaired_end(base) or kept


def _split(start: int, text: str, label: str, base: str) -> list[EntitySpan]:
    """Split what natasha tags as one entity at a bracket, a comma or a bullet: a name and its
    original spelling or abbreviation ("Билл Герстенмайер (Bill Gerstenmaier)", "Комитет защиты
    журналистов (КЗЖ)"), or a list of names ("Овечкин, Фёдоров"), are separate mentions."""
    text, base = _trimmed(text, base)
    if text[:2].isupper() and base.islower() and " " not in text:
        base = base.upper()  # natasha lowercases an abbreviation's base form: "МИДе" is МИД
    if text in _NOT_NAMES:
        return []
    if label == "GPE" and _UNION.fullmatch(text):
        label = "ORG"
    if label == "ORG" and (named := _LEGAL_FORM.fullmatch(text)):
        # "ОАО «Газпром»", "концерн «Майкрософт»": the name is the part in quotes.
        inner = named.group(1)
        return [EntitySpan(start + named.start(1), start + named.end(1), inner, label, inner)]
    if label == "ORG" and _LEGAL_FORM_ALONE.fullmatch(text):
        return []  # "ПАО", "ООО" alone: a legal form, not a name
    pieces = [(m.start(), m.end()) for m in _PIECE.finditer(text)]
    if len(pieces) < 2:
        return [EntitySpan(start, start + len(text), text, label, base)]
    bases = [m.group() for m in _PIECE.finditer(base)]
    if len(bases) != len(pieces):
        bases = [text[a:b] for a, b in pieces]
    return [
        EntitySpan(start + a, start + b, text[a:b], label, piece_base)
        for (a, b), piece_base in zip(pieces, bases, strict=True)
    ]


def parse_russian(text: str) -> Parsed:
    """Parse Russian text with natasha into a :class:`Parsed` (offsets into ``text``)."""
    models = _models()
    sentences: list[tuple[int, int]] = []
    tokens: list[Token] = []
    entities: list[EntitySpan] = []
    for match in _PARAGRAPH.finditer(text):
        if not match.group().strip():
            continue
        offset = match.start()
        sents, found, spans = _paragraph(models, match.group(), offset)
        sentences.extend((offset + s.start, offset + s.stop) for s in sents)
        # natasha's ids are "sentence_token" (1-based); heads point inside the sentence.
        index = {token.id: len(tokens) + i for i, token in enumerate(found)}
        tokens.extend(
            Token(
                offset + t.start, offset + t.stop, t.text, t.lemma or t.text.lower(),
                t.pos or "X", index.get(t.head_id, -1), t.rel or "dep", _tense(t.feats),
            )
            for t in found
        )  # fmt: skip
        entities.extend(
            part
            for s in spans
            if s.type in _LABELS
            for part in _split(offset + s.start, s.text, _LABELS[s.type], s.normal or s.text)
        )
    return Parsed(text, tuple(sentences), tuple(tokens), tuple(entities))


class RussianStage:
    """Russian through natasha (see the module's documentation)."""

    def missing(self) -> str | None:
        """Why the stage cannot run: natasha is an optional extra."""
        if find_spec("natasha") is None:
            return "natasha is not installed (pip install 'parallax-news[ru]')"
        return None

    def version(self) -> str:
        """natasha's version and the rules' versions."""
        try:
            library = f"natasha=={version('natasha')}"
        except PackageNotFoundError:
            library = "natasha missing"
        from parallax.nlp.parsed_rules import RULES

        return " ".join((library, ENTITY_EXTRACTOR, *RULES))

    def analyze(self, items: Sequence[Text], *, nlp: Any) -> Iterator[ArticleAnalysis]:
        """Parse each article with natasha and run the entity, quote, date and claim rules."""
        from parallax.nlp.parsed_rules import analyze_parsed

        for article_id, text, published in items:
            yield analyze_parsed(article_id, parse_russian(text), published, ENTITY_EXTRACTOR)


STAGES.register("ru", version="v1")(RussianStage())
