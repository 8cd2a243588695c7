"""Canonical URLs and ids: the same page always gets the same id."""

from __future__ import annotations

import pytest

from parallax.ingest.identity import (
    article_id,
    canonical_url,
    content_hash,
    is_home_page,
    linkable_canonical,
    url_host,
)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            "https://southfront.press/kyiv-struggle-amid-shifting-us-support/",
            "https://southfront.press/kyiv-struggle-amid-shifting-us-support",
        ),
        (
            "HTTP://WWW.Independent.co.uk/news/world/a1.html?utm_source=tw&b=2&a=1#comments",
            "https://independent.co.uk/news/world/a1.html?a=1&b=2",
        ),
        ("https://example.org:443//x//y/", "https://example.org/x/y"),
        ("https://example.org:8080/x", "https://example.org:8080/x"),
        ("ftp://example.org/x", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_canonical_url(given: str | None, expected: str | None) -> None:
    assert canonical_url(given) == expected


def test_url_host() -> None:
    assert url_host("https://www.rt.com/news/1/") == "rt.com"
    assert url_host(None) is None


def test_article_id_prefers_the_canonical_url() -> None:
    by_url = article_id(canonical="https://a.org/x", text="one")
    assert by_url == article_id(canonical="https://a.org/x", text="two")
    assert len(by_url) == 16


def test_article_id_from_text_ignores_case_and_spacing() -> None:
    assert article_id(canonical=None, text="Hello  World\n") == article_id(
        canonical=None, text="hello world"
    )
    assert article_id(canonical=None, text="hello world") != article_id(
        canonical=None, text="hello there"
    )
    assert content_hash("A  b") == content_hash("a b")


def test_an_identity_from_the_source_wins_over_the_url() -> None:
    shared = "https://podcast.example/show"
    first = article_id(canonical=shared, text="one", identity="feed:x#episode-1")
    second = article_id(canonical=shared, text="two", identity="feed:x#episode-2")
    assert first != second != article_id(canonical=shared, text="one")


@pytest.mark.parametrize(
    ("own", "declared", "expected"),
    [
        # A home page, or another host, names no article.
        ("https://site.example/facts/", "https://site.example/", None),
        ("https://site.example/facts/", "https://site.example/index.html", None),
        ("https://amp.example/a", "https://news.example/a", None),
        # The same page declared: nothing to link.
        ("https://news.example/a?utm_source=x", "https://news.example/a", None),
        ("https://news.example/a?amp=1", "https://news.example/a", "https://news.example/a"),
        # A saved page with no address of its own may name any specific page.
        (None, "https://news.example/a/", "https://news.example/a"),
        (None, "https://news.example/", None),
    ],
)
def test_linkable_canonical(own: str | None, declared: str, expected: str | None) -> None:
    assert linkable_canonical(own, declared) == expected


def test_is_home_page() -> None:
    assert is_home_page("https://a.example") and is_home_page("https://a.example/default.aspx")
    assert not is_home_page("https://a.example/?p=12") and not is_home_page("https://a.example/x")
