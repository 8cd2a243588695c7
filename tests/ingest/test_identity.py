"""Canonical URLs and ids: the same page always gets the same id."""

from __future__ import annotations

import pytest

from parallax.ingest.identity import article_id, canonical_url, content_hash, url_host


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
