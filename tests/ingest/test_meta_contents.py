"""A page's meta tags read in one pass give what the XPath for each key gives, on real pages and
on tags that name a key twice, give no content, or sit outside the element the parser returned."""

from __future__ import annotations

import pytest

from parallax.ingest.pagetree import load_page
from parallax.ingest.structured import meta_contents
from tests.ingest.test_pagetree import PAGES

ODD = [
    (
        "a key named twice, no content, an empty content",
        '<html><head><meta property="og:title" name="og:title" content="Both">'
        '<meta name="og:title"><meta property="description" content="">'
        '<meta name="description" content="Second"></head><body><p>x</p></body></html>',
    ),
    (
        "meta tags in the body",
        '<html><body><meta name="author" content="A B"><p>x</p></body></html>',
    ),
    ("a fragment", '<p>text</p><meta name="author" content="C D">'),
]


def _xpath(tree: object, key: str) -> tuple[str, ...]:
    found = tree.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')  # type: ignore[attr-defined]
    return tuple(str(value) for value in found)


@pytest.mark.parametrize(("name", "html"), PAGES + ODD, ids=[name for name, _ in PAGES + ODD])
def test_each_key_has_what_its_xpath_finds(name: str, html: str) -> None:
    tree = load_page(html)
    assert tree is not None
    contents = meta_contents(tree)
    keys = {
        value
        for meta in tree.getroottree().iter("meta")
        for value in (meta.get("property"), meta.get("name"))
        if value
    }
    for key in keys | {"og:site_name", "application-name", "twitter:title", "no-such-key"}:
        assert contents.get(key, ()) == _xpath(tree, key), key
    assert meta_contents(tree) is contents  # read once a page
