"""An article's framing findings are computed once per process and read back the same."""

from __future__ import annotations

from typing import Any

import pytest

from parallax.compare import framing
from parallax.compare.framing import FramingBuilder, text_findings
from parallax.model import Article
from tests.conftest import EXAMPLES


def seed_article(article_id: str) -> Article:
    text = (EXAMPLES / "seeds" / "001_ead8df1f51385aab.txt").read_text(encoding="utf-8")
    return Article(article_id, "seed", "text", text, text, (), (), "hash", outlet="SouthFront")


def test_an_article_read_again_is_not_scored_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    score_biases = framing.score_biases

    def counting(sentences: list[str], **options: Any) -> list[float]:
        calls.append(len(sentences))
        return score_biases(sentences, **options)

    monkeypatch.setattr(framing, "score_biases", counting)
    text_findings.cache_clear()
    first, second = FramingBuilder("SouthFront", ()), FramingBuilder("SouthFront", ())
    first.add(seed_article("a1"), ())
    second.add(seed_article("a2"), ())  # the same text in another story
    assert len(calls) == 1 and calls[0] > 10
    one, two = first.build(), second.build()
    assert one.terms and one.biased_sentences
    assert [f.evidence.text for f in one.terms] == [f.evidence.text for f in two.terms]
    assert {f.evidence.article_id for f in two.terms} == {"a2"}
    assert [(f.label, f.score) for f in one.biased_sentences] == [
        (f.label, f.score) for f in two.biased_sentences
    ]
