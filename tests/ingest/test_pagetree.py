"""The page tree Parallax parses is trafilatura's, node for node, on real pages and on input that
takes trafilatura's other paths (repairs, an encoding declaration, no HTML at all); only the
element class lookup differs, and extraction on it gives trafilatura's text."""

from __future__ import annotations

import gzip
from copy import deepcopy
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from lxml.html import FormElement, HtmlElement

from parallax.datasets.article_extraction import load_metadata_pages
from parallax.ingest.decode import decode_bytes
from parallax.ingest.html import TRAFILATURA_OPTIONS, declared_charset
from parallax.ingest.pagetree import load_page

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


def _pages() -> list[tuple[str, str]]:
    pages = [
        (page.file, decode_bytes(page.html, source=page.file, declared=declared_charset(page.html)))
        for page in load_metadata_pages(FIXTURES / "trafilatura-eval")
    ]
    for path in sorted((FIXTURES / "aeb" / "html").glob("*.html.gz")):
        pages.append((path.name, gzip.decompress(path.read_bytes()).decode("utf-8")))
    return pages


PAGES = _pages()
ODD = [
    ("no html element", "<p>one paragraph</p>"),
    ("two blocks, no html element", "<div>one</div><div>two</div>"),
    (
        "doctype line",
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n<html><body>x</body></html>',
    ),
    ("self-closing html", '<html lang="en"/>\n<body><p>text</p></body>'),
    ("invalid XML characters", "<html><body><p>a\x01b\x0bc</p></body></html>"),
    ("XML declaration", '<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>'),
    ("a form", '<html><body><form><input name="q" value="v"><label>L</label></form></body></html>'),
    ("empty", ""),
    ("text only", "just some words"),
]


def _serialized(tree: HtmlElement | None) -> bytes | None:
    return None if tree is None else etree.tostring(tree, encoding="utf-8")


def test_there_are_pages_to_compare() -> None:
    assert len(PAGES) >= 13


@pytest.mark.parametrize(("name", "html"), PAGES + ODD, ids=[name for name, _ in PAGES + ODD])
def test_the_tree_is_trafilaturas(name: str, html: str) -> None:
    assert _serialized(load_page(html)) == _serialized(trafilatura.load_html(html))


@pytest.mark.parametrize(("name", "html"), PAGES, ids=[name for name, _ in PAGES])
def test_extraction_on_it_gives_trafilaturas_text(name: str, html: str) -> None:
    ours = trafilatura.bare_extraction(load_page(html), **TRAFILATURA_OPTIONS)
    theirs = trafilatura.bare_extraction(trafilatura.load_html(html), **TRAFILATURA_OPTIONS)
    assert ours is not None and theirs is not None
    assert ours.text == theirs.text


def test_every_element_and_every_copy_is_a_plain_html_element() -> None:
    tree = load_page(ODD[6][1])
    assert tree is not None
    form = tree.find(".//form")
    assert type(form) is HtmlElement and not isinstance(form, FormElement)
    copied = deepcopy(tree).find(".//form")
    assert type(copied) is HtmlElement
    # trafilatura's own parser gives lxml's form classes: the lookup is what differs.
    theirs = trafilatura.load_html(ODD[6][1])
    assert theirs is not None and isinstance(theirs.find(".//form"), FormElement)
