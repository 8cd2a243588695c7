"""One article through the ingest stages: clean, identify, resolve the outlet, fingerprint.

``process_article`` is pure: the same raw article and settings always give the same result,
so the local and distributed runners can map it and get identical answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from parallax.config import Settings
from parallax.errors import Code
from parallax.ingest.clean import clean_text
from parallax.ingest.duplicates import Fingerprint, fingerprint
from parallax.ingest.identity import article_id, canonical_url, content_hash
from parallax.ingest.outlets import OutletRegistry, resolve_outlet
from parallax.model import Article, Outlet, RawArticle, Rejection


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """A processed article, its outlet profile (if any) and its near-duplicate fingerprint."""

    article: Article
    outlet: Outlet | None
    fingerprint: Fingerprint


def process_article(
    raw: RawArticle, *, settings: Settings, outlets: OutletRegistry
) -> ArticleResult | Rejection:
    """Clean one raw article and give it an id, an outlet and a fingerprint."""
    cleaned = clean_text(raw)
    if len(cleaned.text) < settings.min_article_chars:
        reason = f"only {len(cleaned.text)} characters of text after cleaning"
        return Rejection(raw.source, "clean", Code.NO_TEXT.value, reason, raw.record)
    if len(cleaned.text) > settings.max_article_chars:
        limit = settings.max_article_chars
        reason = f"{len(cleaned.text)} characters exceeds max_article_chars ({limit})"
        return Rejection(raw.source, "clean", Code.TOO_LARGE.value, reason, raw.record)
    canonical = canonical_url(raw.url)
    outlet, evidence = resolve_outlet(
        outlets, url=raw.url, raw_text=raw.raw_text, stated=raw.outlet, site_name=raw.site_name
    )
    article = Article(
        id=article_id(canonical=canonical, text=cleaned.text),
        source=raw.source,
        format=raw.format,
        text=cleaned.text,
        raw_text=raw.raw_text,
        segments=cleaned.segments,
        removals=cleaned.removals,
        content_hash=content_hash(cleaned.text),
        record=raw.record,
        url=raw.url,
        canonical_url=canonical,
        title=raw.title,
        published=raw.published,
        published_source=raw.published_source,
        outlet_id=outlet.id if outlet else None,
        outlet=outlet.name if outlet else None,
        outlet_evidence=evidence,
        author=raw.author,
        language=raw.language,
        external_id=raw.external_id,
        flags=raw.flags,
    )
    return ArticleResult(article, outlet, fingerprint(cleaned.text, settings))
