"""A story's first comparison runs MiniLM once per text, and every text it runs is read by a
model but the stated causes no claim pair compares (``benchmarks.first_comparison``'s trace,
on the seeds)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.first_comparison import MiniLMTrace

from parallax.compare.conflicts import cause_clause
from parallax.compare.framing import text_findings
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.models.vectors import cached_embedder
from parallax.stages.compare import story_articles
from parallax.stages.vectors import comparison_texts


def test_a_first_comparison_embeds_each_text_once_for_a_model(
    seed_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "s.db"
    cached_embedder.cache_clear()
    text_findings.cache_clear()
    try:
        with Corpus(db, settings=Settings(db=str(db), analyze_workers=1)) as corpus:
            corpus.ingest([str(seed_dir)])
            corpus.analyze()
            corpus.group_stories()
            (story,) = [story for story in corpus.stories.list() if len(story.outlets) > 1]
            cached_embedder.cache_clear()  # the timelines' vectors: a fresh compare worker's
            text_findings.cache_clear()
            trace = MiniLMTrace()
            assert corpus.compare(story.id) is not None
            items = story_articles(corpus.store, story, corpus.outlets.get)
            stored = {t for i in items for t in comparison_texts(i.article.text, i.claims)}
            causes = set()
            for item in items:
                for claim in item.claims:
                    span = item.article.text[claim.start : claim.end]
                    if found := cause_clause(span):
                        causes.add(span[found[1] : found[2]])
    finally:
        cached_embedder.cache_clear()
    embedded = [text for _, texts, _ in trace.runs for text in texts]
    # Every sentence, claim and stated cause once (the seeds' two reasons for the pause are
    # compared), then the technique classifier's spans: no text twice.
    assert len(embedded) == len(set(embedded)) > 50
    assert stored <= set(embedded)
    readers = {text: trace.readers[text] - {"ahead"} for text in embedded}
    unread = {text for text, found in readers.items() if not found}
    # The causes are embedded ahead with the rest, and stored, for the pairs that compare
    # them: here the seeds' two reasons for the pause; two other causes no pair compares.
    assert unread <= causes and len(unread) < len(causes)
    assert readers["a review of US supplies worldwide"] == {"causes"}
    assert {"bias", "importance", "alignment", "techniques"} <= set().union(*readers.values())
    assert trace.tokens(embedded) > len(embedded)
