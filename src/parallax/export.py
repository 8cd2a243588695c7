"""Write a corpus out as JSON, JSON Lines, CSV or Parquet.

The JSON document is ``{"articles": [...], "outlets": [...], "stories": [...],
"rejections": [...]}``, described by ``docs/export-schema.json``. Fields are only ever added,
never renamed or removed (one exception, marked breaking in the changelog: an outlet column's
``contradictions`` are now positions in the story comparison's list, not copied pairs). JSON
Lines, CSV and Parquet hold one article per line or row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from parallax.codec.articles import (
    article_to_dict,
    claim_to_dict,
    entity_to_dict,
    mention_to_dict,
    outlet_to_dict,
    quote_to_dict,
    rejection_to_dict,
    revision_to_dict,
    time_expression_to_dict,
)
from parallax.codec.comparison import comparison_to_dict
from parallax.codec.stories import story_to_dict
from parallax.errors import Code, ConfigError
from parallax.model import Article, Story

if TYPE_CHECKING:
    import pandas

    from parallax.comparison import StoryComparison
    from parallax.corpus import Corpus

FORMATS = ("json", "jsonl", "csv", "parquet")
BATCH = 500


def _articles(corpus: Corpus) -> Iterator[Article]:
    return corpus.articles.each(batch=BATCH)


def article_document(corpus: Corpus, article: Article) -> dict[str, Any]:
    """Return an article's export form with its revisions and what the NLP stage found in it."""
    analysis = corpus.articles.analysis(article.id)
    revisions = corpus.articles.revisions(article.id)
    return article_to_dict(article) | {
        "revisions": [revision_to_dict(revision) for revision in revisions],
        "entities": [mention_to_dict(mention) for mention in analysis.mentions],
        "quotes": [quote_to_dict(quote) for quote in analysis.quotes],
        "dates": [time_expression_to_dict(expression) for expression in analysis.dates],
        "claims": [claim_to_dict(claim) for claim in analysis.claims],
        "analysis_skipped": analysis.skipped,
    }


def comparison_document(comparison: StoryComparison) -> dict[str, Any]:
    """Return a story comparison's export form (``stories[].comparison``)."""
    return comparison_to_dict(comparison)


def story_document(corpus: Corpus, story: Story) -> dict[str, Any]:
    """Return a story's export form: the story, its timeline and its comparison of outlets."""
    comparison = corpus.compare(story.id)
    return story_to_dict(story, corpus.stories.timeline(story.id)) | {
        "comparison": comparison_document(comparison) if comparison else None
    }


def write_json(corpus: Corpus, out: TextIO) -> None:
    """Stream the whole corpus as one JSON document."""
    out.write('{"articles": [')
    for number, article in enumerate(_articles(corpus)):
        out.write(",\n" if number else "\n")
        out.write(json.dumps(article_document(corpus, article), ensure_ascii=False))
    outlets = [outlet_to_dict(outlet) for outlet, _ in corpus.outlets.list()]
    rejections = [rejection_to_dict(rejection) for rejection in corpus.articles.rejections()]
    out.write("\n],\n")
    out.write(f'"outlets": {json.dumps(outlets, ensure_ascii=False)},\n')
    entities = [entity_to_dict(entity) for entity in corpus.entities.list()]
    out.write(f'"entities": {json.dumps(entities, ensure_ascii=False)},\n')
    stories = [story_document(corpus, story) for story in corpus.stories.list()]
    out.write(f'"stories": {json.dumps(stories, ensure_ascii=False)},\n')
    out.write(f'"rejections": {json.dumps(rejections, ensure_ascii=False)}\n}}\n')


def write_jsonl(corpus: Corpus, out: TextIO) -> None:
    """Write one JSON object per article."""
    for article in _articles(corpus):
        out.write(json.dumps(article_document(corpus, article), ensure_ascii=False) + "\n")


def _flat(article: Article) -> dict[str, Any]:
    row = article_to_dict(article)
    row["flags"] = ";".join(article.flags)
    del row["authors"]  # a flat row keeps the one ``author`` column ("A; B")
    row["removed"] = json.dumps(row["removed"])
    return row


def write_csv(corpus: Corpus, out: TextIO) -> None:
    """Write one CSV row per article."""
    writer: csv.DictWriter[str] | None = None
    for article in _articles(corpus):
        row = _flat(article)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)


def articles_frame(articles: list[Article]) -> pandas.DataFrame:
    """Return articles as a DataFrame with one row per article."""
    import pandas

    frame = pandas.DataFrame([_flat(article) for article in articles])
    if not frame.empty:
        frame["published"] = pandas.to_datetime(frame["published"])
    return frame


def dataframe(corpus: Corpus) -> pandas.DataFrame:
    """Return the corpus's articles as a pandas DataFrame (one row per article)."""
    return articles_frame(list(_articles(corpus)))


def export_corpus(corpus: Corpus, fmt: str, destination: str | Path | None = None) -> str | None:
    """Export ``corpus`` in ``fmt`` to ``destination`` (a path), or return it as text."""
    if fmt == "parquet":
        if destination is None:
            raise ConfigError(Code.CONFIG, "parquet export needs an output file (-o FILE)")
        dataframe(corpus).to_parquet(destination, index=False)
        return None
    writers: dict[str, Callable[[Corpus, TextIO], None]] = {
        "json": write_json,
        "jsonl": write_jsonl,
        "csv": write_csv,
    }
    if fmt not in writers:
        raise ConfigError(
            Code.CONFIG, f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}"
        )
    if destination is None:
        buffer = io.StringIO()
        writers[fmt](corpus, buffer)
        return buffer.getvalue()
    with Path(destination).open("w", encoding="utf-8", newline="") as out:
        writers[fmt](corpus, out)
    return None
