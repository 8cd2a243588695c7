"""The parse's character budget: ``analyze_texts`` cuts its ``nlp.pipe`` batches by characters
as well as by count, and a text longer than the budget into pieces (:mod:`parallax.nlp.pieces`)
whose docs are joined into one doc of the whole text, so that no parse holds more than the
budget; the analyses are those of batches cut by count only, but near the cuts of a long text."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from parallax.datasets.timeline17 import detokenize, read_timeline17
from parallax.model import ArticleAnalysis
from parallax.nlp.english import with_events
from parallax.nlp.pieces import join_pieces, piece_ends
from parallax.nlp.pipeline import (
    DEFAULT_MODEL,
    analyze_text,
    analyze_texts,
    load_pipeline,
    text_batches,
    whole_batches,
)
from tests.nlp.conftest import SHARED_DATA

Text = tuple[str, str, date | None]


def _polnear(count: int) -> list[Text]:
    """PolNeAR's dev articles, the longest first (22,068 characters down)."""
    paths = sorted(SHARED_DATA.glob("polnear/dev/text/*.txt"), key=lambda p: -p.stat().st_size)
    return [(p.stem, p.read_text(encoding="utf-8"), None) for p in paths[:count]]


def _timeline17(least: int) -> list[str]:
    """Timeline17's articles (detokenised, one paragraph each) of more than ``least``
    characters, the shortest first."""
    topics = read_timeline17(SHARED_DATA / "comparison" / "timeline17")
    texts = (detokenize(article.text) for topic in topics for article in topic.articles)
    return sorted((text for text in texts if len(text) > least), key=len)


def _pieces(text: str, chars: int) -> list[str]:
    ends = piece_ends(text, chars)
    return [text[start:end] for start, end in zip([0, *ends], ends, strict=False)]


def test_batches_are_cut_by_count_then_by_characters_a_long_text_in_pieces() -> None:
    items = [(f"a{i}", "x" * length, None) for i, length in enumerate([5, 3, 9, 20, 2, 2, 7, 1])]
    batches = list(text_batches(items, 4, 10))
    cuts = [[(int(item[0][1:]), start, end) for item, start, end in run] for run in batches]
    # count batches [0..3] and [4..7]; inside each, runs of at most 10 characters; the text of
    # 20 characters (no space to cut at: cut at the budget) in two pieces, one a run
    assert cuts == [
        [(0, 0, 5), (1, 0, 3)],
        [(2, 0, 9)],
        [(3, 0, 10)],
        [(3, 10, 20)],
        [(4, 0, 2), (5, 0, 2)],
        [(6, 0, 7), (7, 0, 1)],
    ]
    short = [(f"a{i}", "x", None) for i in range(5)]
    # five characters fit the budget, but never more than 4 texts: the count cut stays
    assert [len(batch) for batch in text_batches(short, 4, 10)] == [4, 1]


def test_a_long_batch_of_real_articles_never_holds_more_than_its_budget() -> None:
    items = _polnear(40)
    budget = 8_000
    batches = list(text_batches(items, 32, budget))
    for batch in batches:
        assert sum(end - start for _, start, end in batch) <= budget
    pieces = [piece for batch in batches for piece in batch]
    for item in items:  # each text's pieces, in order, one after the other, tile it
        own = [(start, end) for found, start, end in pieces if found is item]
        assert "".join(item[1][start:end] for start, end in own) == item[1]
        assert own[0][0] == 0 and all(a[1] == b[0] for a, b in itertools.pairwise(own))
    assert [item for item, _, _ in pieces] == sorted(
        (item for item, _, _ in pieces), key=items.index
    )
    assert sum(len(text) > budget for _, text, _ in items) >= 4  # the longest are cut
    # the count cut is kept: the 33rd article starts a batch
    starts = {batch[0][0][0] for batch in batches}
    assert items[32][0] in starts


def test_a_text_is_cut_after_a_line_break_where_it_has_one() -> None:
    for _, text, _ in _polnear(4):  # 22,068 to 10,975 characters, paragraphs on lines
        pieces = _pieces(text, 3_000)
        assert "".join(pieces) == text
        assert len(pieces) >= 4 and all(len(piece) <= 3_000 for piece in pieces)
        for piece, after in itertools.pairwise(pieces):
            # the whole run of blank space after a line break ends the piece
            assert "\n" in piece[-len(piece) + len(piece.rstrip()) :]
            assert not after[0].isspace()


def test_a_long_paragraph_is_cut_after_a_sentence_then_at_a_space_then_anywhere() -> None:
    text = _timeline17(60_000)[0]  # 60,128 characters, no line break
    assert "\n" not in text
    pieces = _pieces(text, 20_000)
    assert "".join(pieces) == text and all(len(piece) <= 20_000 for piece in pieces)
    for piece, after in itertools.pairwise(pieces):
        assert piece.rstrip()[-1] in ".!?\"'”’)]" and after[0].isupper()
    made = "Born b. 1808 in Wales. B.S. was it. He left."
    assert _pieces(made, 30) == ["Born b. 1808 in Wales. ", "B.S. was it. He left."]
    assert _pieces("no sentence ends here at all", 10) == [
        "no ",
        "sentence ",
        "ends here ",
        "at all",
    ]
    assert _pieces("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert piece_ends("", 10) == [0]
    with pytest.raises(ValueError, match="at least one character"):
        piece_ends("text", 0)


def test_the_pieces_have_the_whole_texts_tokens() -> None:
    tokenizer = spacy.blank("en").tokenizer
    texts = [text for _, text, _ in _polnear(4)] + _timeline17(60_000)[:2]
    for text in texts:
        whole = [(token.text, token.whitespace_) for token in tokenizer(text)]
        for budget in (1_000, 7_000):
            docs = [tokenizer(piece) for piece in _pieces(text, budget)]
            joined = join_pieces(docs)
            assert joined.text == text
            assert [(token.text, token.whitespace_) for token in joined] == whole


def _near_a_cut(text: str, ends: list[int], start: int, end: int) -> bool:
    """Whether ``start``-``end`` lies in the paragraphs on either side of a cut."""
    for cut in ends:
        before = text.rfind("\n", 0, len(text[:cut].rstrip())) + 1
        after = text.find("\n", cut)
        if before <= start and end <= (len(text) if after < 0 else after):
            return True
    return False


def test_a_long_text_parsed_in_pieces_has_the_whole_parses_analyses_but_near_the_cuts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    items = _polnear(4)  # 22,068 / 17,743 / 17,144 / 10,975 characters, paragraphs on lines
    budget = 8_000
    docs: list[Doc] = []

    def keep(doc: Doc, analysis: ArticleAnalysis) -> ArticleAnalysis:
        docs.append(doc)
        return with_events(doc, analysis)

    whole = list(analyze_texts(items, nlp=nlp, batch_chars=10**9, then=keep))
    held: list[int] = []
    pipe = nlp.pipe

    def counted(texts: Any, **kwargs: Any) -> Iterator[Any]:
        if not kwargs.get("as_tuples"):  # spaCy's own call inside analyze_texts's
            return pipe(texts, **kwargs)
        texts = list(texts)
        held.append(sum(len(text) for text, _ in texts))
        return pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", counted)
    cut = list(analyze_texts(items, nlp=nlp, batch_chars=budget, then=keep))
    assert max(held) <= budget and len(held) >= 9  # 3 + 3 + 3 + 2 pieces, none held whole
    differing = 0
    for (key, text, _), one, other, doc, joined in zip(
        items, whole, cut, docs[: len(items)], docs[len(items) :], strict=True
    ):
        assert joined.text == text and other.article_id == key
        assert [t.text for t in joined] == [t.text for t in doc]
        ends = piece_ends(text, budget)[:-1]
        first_after = [joined.char_span(end, len(text), alignment_mode="expand") for end in ends]
        assert all(span is not None and span[0].is_sent_start for span in first_after)
        for field in ("mentions", "quotes", "dates", "claims", "events"):
            found, kept = set(getattr(one, field)), set(getattr(other, field))
            assert len(found & kept) >= 0.9 * len(found), (key, field)
            for item in found ^ kept:
                assert _near_a_cut(text, ends, item.start, item.end), (key, field, item)
                differing += 1
    assert sum(len(a.mentions) + len(a.claims) + len(a.quotes) for a in whole) > 500
    assert differing < 20


def test_the_budget_splits_the_pipe_batches_with_the_same_analyses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    items = _polnear(8)  # 10,000-22,000 characters each
    whole = list(analyze_texts(items, nlp=nlp, batch_chars=10**9))
    seen: list[int] = []
    pipe = nlp.pipe

    def counted(texts: Any, **kwargs: Any) -> Iterator[Any]:
        if not kwargs.get("as_tuples"):  # not analyze_texts's call
            return pipe(texts, **kwargs)
        texts = list(texts)
        seen.append(sum(len(text) for text, _ in texts))
        assert kwargs["batch_size"] == len(texts)  # spaCy sees the batch whole
        return pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", counted)
    budgeted = list(analyze_texts(items, nlp=nlp, batch_chars=25_000))
    assert len(seen) >= 4  # 8 long texts under 25,000 characters a batch: at least four
    assert all(held <= 25_000 for held in seen)
    assert budgeted == whole
    assert any(analysis.quotes for analysis in budgeted)


def test_the_parser_and_the_ner_predict_each_batch_whole_with_the_same_analyses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nlp = load_pipeline(DEFAULT_MODEL)
    # spaCy's transition-based components cut a batch into sub-batches of batch_size // 4
    # docs: analyze_texts gives them 4 x the batch, so that the batch is one sub-batch
    assert set(whole_batches(nlp, 5)) == {"parser", "ner"}
    assert all(cfg["batch_size"] // 4 == 5 for cfg in whole_batches(nlp, 5).values())
    items = _polnear(12)
    alone = [analyze_text(key, text, published, nlp=nlp) for key, text, published in items]
    seen: list[tuple[int, dict[str, Any]]] = []
    pipe = nlp.pipe

    def counted(texts: Any, **kwargs: Any) -> Iterator[Any]:
        if not kwargs.get("as_tuples"):
            return pipe(texts, **kwargs)
        texts = list(texts)
        seen.append((len(texts), kwargs.get("component_cfg") or {}))
        return pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", counted)
    batched = list(analyze_texts(items, nlp=nlp, batch_chars=60_000))
    assert any(size > 2 for size, _ in seen)  # batches the old sub-batches of 2 would cut
    for size, cfg in seen:
        if size > 1:
            assert cfg["parser"]["batch_size"] // 4 >= size
            assert cfg["ner"]["batch_size"] // 4 >= size
    # each doc is parsed as it is alone: the same analyses as one text at a time
    assert batched == alone
    assert any(analysis.quotes for analysis in batched)
