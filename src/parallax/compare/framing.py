"""How an outlet frames a story: loaded terms, persuasion techniques, biased sentences, tone.

Every finding is a span of one of the outlet's articles with its label, score and source:

* loaded terms (:func:`parallax.models.loaded_terms`): label ``loaded``; score 1.0 for our own
  list of judging words, |valence| / 4 for VADER's strongly valenced words. A term inside a
  quote (:func:`quoted_spans`: a stored direct or partial quote, or words between quotation
  marks) is the speaker's word, not the outlet's: it is left out of the outlet's loaded terms
  and listed apart, with its speaker (:attr:`~parallax.comparison.Framing.quoted_terms`);
* persuasion techniques (:func:`parallax.models.find_techniques`): PTC's technique names,
  kept from :data:`MIN_TECHNIQUE_SCORE` (the span tagger over-marks; see docs/compare.md);
* biased sentences (:func:`parallax.models.score_biases`): label ``biased``, kept from
  :data:`MIN_BIAS` (the model's probability);
* tone toward the story's key entities (:mod:`parallax.compare.tone`), averaged over every
  sentence of the outlet's articles that mentions the entity.

These models read English (:data:`ENGLISH`): a Russian or Ukrainian article gets the ru/uk
techniques (:mod:`parallax.compare.framing_ru_uk`) and an article in another language a note
that no framing model reads it, neither of them a tone.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from parallax.compare.framing_ru_uk import LANGUAGES as RU_UK
from parallax.compare.framing_ru_uk import sentences_ru_uk, techniques_ru_uk, version_ru_uk
from parallax.compare.tone import sentence_valence
from parallax.comparison import Evidence, Framing, FramingFinding, Tone, not_english_note
from parallax.embeddings import embeddings_available, minilm_name
from parallax.model import Article, Mention, Quote
from parallax.models.bias import MODEL_NAME as BIAS_MODEL
from parallax.models.bias import embeddings_available as bias_embedded
from parallax.models.bias import lexical_rows, loaded_terms, score_biases
from parallax.models.cues import vader_valence
from parallax.models.techniques import MODEL_NAME as TECHNIQUES_MODEL
from parallax.models.techniques import TechniqueSpan, detect_spans, find_techniques
from parallax.models.text import sentence_spans

MIN_BIAS = 0.5
MIN_TECHNIQUE_SCORE = 0.3
LOADED_LABEL = "loaded"
BIASED_LABEL = "biased"
FINDINGS_CACHED = 512
"""Articles whose framing findings are kept per process."""
# Raise the version when what :func:`text_findings` returns for a text changes (a new loaded-word
# list, another rule): findings stored under the old name are then computed again.
FRAMING_NAME = "parallax.compare.framing.v2"
#: Languages the English framing models read (None: unknown, read as English as everywhere
#: else: a text too short to tell, and the seeds and tests, which name no language).
ENGLISH = frozenset({"en", None})


@dataclass(frozen=True, slots=True)
class TextFindings:
    """What the framing models find in one article's text, whatever story it is compared in."""

    terms: tuple[tuple[int, int, float, str], ...]  # start, end, score, source
    techniques: tuple[tuple[int, int, str, float, str], ...]  # start, end, label, score, model
    biased: tuple[tuple[int, int, float], ...]  # start, end, score
    spans: tuple[tuple[int, int], ...]  # the text's sentences
    notes: tuple[str, ...] = ()  # what could not be looked for, and why


def framing_version() -> str:
    """Return the versioned name of :func:`text_findings`: the code, its cut-offs, the bias and
    technique models, the bias model's head and the embedder the models read (none without
    the embeddings extra), and the ru/uk technique model in use (or none)."""
    embedder = minilm_name() if embeddings_available() else "no-embedder"
    head = "full" if bias_embedded() else "lexical"
    cut_offs = f"bias>={MIN_BIAS},technique>={MIN_TECHNIQUE_SCORE}"
    parts = (FRAMING_NAME, cut_offs, BIAS_MODEL, head, TECHNIQUES_MODEL, embedder, version_ru_uk())
    return "+".join(parts)


@dataclass(frozen=True, slots=True)
class FindingsDraft:
    """What :func:`text_findings` computes of an English text before MiniLM reads it: the
    loaded terms, the spans the technique tagger marks, the sentences and each sentence's
    bias features without its embedding. A page computes these while MiniLM embeds the
    story's sentences on other threads (:func:`drafted`)."""

    terms: tuple[tuple[int, int, float, str], ...]
    marked: tuple[TechniqueSpan, ...]
    spans: tuple[tuple[int, int], ...]
    rows: tuple[dict[str, float], ...]

    def technique_texts(self, text: str) -> list[str]:
        """The spans of ``text`` whose technique MiniLM and the classifier will read (those
        the tagger scores at least :data:`MIN_TECHNIQUE_SCORE`)."""
        return [text[s.start : s.end] for s in self.marked if s.score >= MIN_TECHNIQUE_SCORE]


def draft_findings(text: str) -> FindingsDraft:
    """Return what :func:`text_findings` computes of the English ``text`` without MiniLM."""
    valence = vader_valence()
    terms = []
    for start, end, term, source in loaded_terms(text):
        score = 1.0
        if source == "vader":
            score = round(min(abs(valence.get(term.lower().replace("’", "'"), 4.0)) / 4, 1.0), 4)
        terms.append((start, end, score, source))
    spans = tuple(sentence_spans(text))
    rows = lexical_rows([text[s:e] for s, e in spans])
    return FindingsDraft(tuple(terms), tuple(detect_spans(text)), spans, tuple(rows))


_drafts = threading.local()


@contextmanager
def drafted(drafts: Mapping[str, FindingsDraft]) -> Iterator[None]:
    """While the block runs, :func:`text_findings` of a text in ``drafts`` (on this thread)
    starts from its draft instead of computing it again: the same findings."""
    before = getattr(_drafts, "found", None)
    _drafts.found = drafts
    try:
        yield
    finally:
        _drafts.found = before


#: Hashes of the ``(text, language)`` whose findings :func:`text_findings` computed last
#: (insertion order): which findings its cache most likely holds (:func:`findings_kept`).
_computed: OrderedDict[int, None] = OrderedDict()
_computed_lock = threading.Lock()


def findings_kept(text: str, language: str | None = None) -> bool:
    """Whether :func:`text_findings` computed the findings of ``text`` among the last
    :data:`FINDINGS_CACHED` texts, so that its cache most likely holds them (a page drafts
    only the others; a wrong guess costs time, never other findings)."""
    with _computed_lock:
        if len(_computed) != text_findings.cache_info().currsize:
            _computed.clear()  # both grow and shrink together: the cache was cleared since
        return hash((text, language)) in _computed


def _note_computed(text: str, language: str | None) -> None:
    with _computed_lock:
        _computed[hash((text, language))] = None
        while len(_computed) > FINDINGS_CACHED:
            _computed.popitem(last=False)


@lru_cache(maxsize=FINDINGS_CACHED)
def text_findings(text: str, language: str | None = None) -> TextFindings:
    """Return the loaded terms, techniques and biased sentences of ``text`` (kept per process:
    a story is compared again each time it grows, and its older articles read the same).

    The English models read English text only (:data:`ENGLISH`). A Russian or Ukrainian text
    gets the ru/uk techniques only (:mod:`parallax.compare.framing_ru_uk`), or a note that they
    are not available; a text in another language gets no findings and a note saying so
    (:func:`~parallax.comparison.not_english_note`), not the English models' noise.
    """
    _note_computed(text, language)
    if language in RU_UK:
        found_ru_uk, notes = techniques_ru_uk(text)
        return TextFindings((), found_ru_uk, (), tuple(sentences_ru_uk(text)), notes)
    if language is not None and language not in ENGLISH:
        return TextFindings((), (), (), tuple(sentence_spans(text)), (not_english_note(language),))
    ready: Mapping[str, FindingsDraft] = getattr(_drafts, "found", None) or {}
    draft = ready.get(text) or draft_findings(text)
    techniques = [
        (found.start, found.end, found.label, found.score, found.model)
        for found in find_techniques(text, min_score=MIN_TECHNIQUE_SCORE, spans=draft.marked)
        if found.score >= MIN_TECHNIQUE_SCORE
    ]
    spans = draft.spans
    scores = score_biases([text[s:e] for s, e in spans], rows=draft.rows)
    biased = [
        (s, e, score) for (s, e), score in zip(spans, scores, strict=True) if score >= MIN_BIAS
    ]
    return TextFindings(draft.terms, tuple(techniques), tuple(biased), spans)


#: Words between quotation marks, within one paragraph: curly “…” or straight "…" (paired in
#: order). Single quotes are left out: they are apostrophes as often as quotes.
QUOTE_MARKS = re.compile(r'“[^”\n]{1,1000}”|"[^"\n]{1,1000}"')
#: The stored quotes whose span is the speaker's own words.
VERBATIM = frozenset({"direct", "partial"})


def quoted_spans(text: str, quotes: Sequence[Quote] = ()) -> list[tuple[int, int, str | None]]:
    """Return the spans of ``text`` that are someone else's words, each with its speaker.

    A stored direct or partial quote is one (its speaker as the quote extractor found it); so
    are words between quotation marks (:data:`QUOTE_MARKS`), whose speaker is that of the
    stored quote they fall in, if any. A reported quote ("he said the talks failed") is the
    outlet's wording of what was said, not a quote: it is not one of them.
    """
    spans = [(q.start, q.end, q.speaker) for q in quotes if q.kind in VERBATIM]
    for match in QUOTE_MARKS.finditer(text):
        start, end = match.span()
        speaker = next((q.speaker for q in quotes if q.start <= start + 1 < q.end), None)
        spans.append((start, end, speaker))
    return spans


def _quoted_by(start: int, end: int, spans: Sequence[tuple[int, int, str | None]]) -> str | None:
    """Return the speaker of the quote span that holds ``start:end`` ("" when unnamed), or None
    when no quote holds it; a named speaker wins over an unnamed one."""
    found = [speaker or "" for s, e, speaker in spans if s <= start and end <= e]
    return max(found, key=bool) if found else None


@dataclass(slots=True)
class _ToneSum:
    total: float = 0.0
    sentences: int = 0


@dataclass(slots=True)
class FramingBuilder:
    """Collects one outlet's framing findings article by article."""

    outlet: str
    key_entities: Sequence[str]
    terms: list[FramingFinding] = field(default_factory=list)
    quoted_terms: list[FramingFinding] = field(default_factory=list)
    techniques: list[FramingFinding] = field(default_factory=list)
    biased: list[FramingFinding] = field(default_factory=list)
    tone: dict[str, _ToneSum] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def _span(self, article: Article, start: int, end: int) -> Evidence:
        return Evidence(article.id, self.outlet, start, end, article.text[start:end])

    def add(
        self,
        article: Article,
        mentions: Sequence[Mention],
        found: TextFindings | None = None,
        quotes: Sequence[Quote] = (),
    ) -> None:
        """Read one of the outlet's articles; ``found`` are its text's findings when known
        (stored), else they are computed; ``quotes`` its stored quotes (a loaded term inside
        one, or between quotation marks, is the speaker's: :func:`quoted_spans`)."""
        if found is None:
            found = text_findings(article.text, article.language)
        self.notes.extend(note for note in found.notes if note not in self.notes)
        quoted = quoted_spans(article.text, quotes) if found.terms else []
        for start, end, score, source in found.terms:
            speaker = _quoted_by(start, end, quoted)
            finding = FramingFinding(
                self._span(article, start, end), LOADED_LABEL, score, source, speaker or None
            )
            (self.terms if speaker is None else self.quoted_terms).append(finding)
        for start, end, label, score, model in found.techniques:
            self.techniques.append(
                FramingFinding(self._span(article, start, end), label, score, model)
            )
        for start, end, score in found.biased:
            self.biased.append(
                FramingFinding(self._span(article, start, end), BIASED_LABEL, score, BIAS_MODEL)
            )
        if article.language in ENGLISH:  # VADER's lexicon is English: elsewhere it reads 0
            self._add_tone(article.text, found.spans, mentions)

    def _add_tone(
        self, text: str, spans: Sequence[tuple[int, int]], mentions: Sequence[Mention]
    ) -> None:
        wanted = set(self.key_entities)
        by_sentence: dict[tuple[str, int], list[tuple[int, int]]] = {}
        for mention in mentions:
            if mention.entity not in wanted:
                continue
            for number, (start, end) in enumerate(spans):
                if start <= mention.start < end:
                    by_sentence.setdefault((mention.entity, number), []).append(
                        (mention.start, mention.end)
                    )
                    break
        for (entity, number), skip in by_sentence.items():
            found = self.tone.setdefault(entity, _ToneSum())
            found.total += sentence_valence(text, *spans[number], skip=skip)
            found.sentences += 1

    def build(self) -> Framing:
        """Return the outlet's framing."""
        tone = tuple(
            Tone(entity, round(self.tone[entity].total / self.tone[entity].sentences, 4),
                 self.tone[entity].sentences)
            for entity in self.key_entities
            if entity in self.tone
        )  # fmt: skip
        return Framing(
            terms=tuple(self.terms),
            techniques=tuple(sorted(self.techniques, key=lambda f: -f.score)),
            tone=tone,
            biased_sentences=tuple(sorted(self.biased, key=lambda f: -f.score)),
            notes=tuple(self.notes),
            quoted_terms=tuple(self.quoted_terms),
        )
