"""``page_byline`` gives what ``trafilatura.metadata.extract_author`` gives, on real pages and on
pages made to find where reading the page in place could differ from reading a pruned copy;
and it copies only the elements whose text it reads, never the whole page."""

from __future__ import annotations

import gzip
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from lxml.etree import tostring
from trafilatura.metadata import extract_author

from parallax.ingest import byline
from parallax.ingest.byline import page_byline
from parallax.ingest.decode import decode_bytes
from parallax.ingest.html import declared_charset
from parallax.ingest.pagetree import load_page
from tests.ingest.test_pagetree import PAGES

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "html"
AEB = ROOT.parent / "shared" / "data" / "article-extraction" / "scrapinghub-aeb" / "html"


MADE = {
    # A byline whose text a pruned <time> splits: its tail joins the text before it.
    "time-inside": '<html><body><p>x</p><div><span class="author">By Ann<time>5 May'
    "</time>Lee and <figure>f</figure> Bo Ek</span></div></body></html>",
    # The first byline sits in a comment section (deleted), the second one counts.
    "in-comments": '<html><body><div class="comments"><span class="author">Max Muster</span>'
    '</div><p>t</p><a rel="author">Jane Roe</a></body></html>',
    # A byline that is itself deleted (its class names a date), then one in a sidebar.
    "discarded-itself": '<html><body><div class="author meta-date">Sam Ray</div><section '
    'class="sidebar"><p class="byline">Kim Yu</p></section><p class="byline">Lu Ma</p>'
    "</body></html>",
    # Nothing survives: every byline is inside a figure or a deleted block.
    "none-left": '<html><body><figure><span class="author">Ann Lee</span></figure><div '
    'id="comments"><span class="author">Bo Ek</span></div><p>text</p></body></html>',
    # Too short, then too long, then right (the length test applies to the pruned text).
    "lengths": '<html><body><span class="author">Al</span><span class="author">'
    + "Name " * 30
    + '</span><div class="author-name">Eve <time>1</time>Moss</div></body></html>',
    # A <rel> element, whose text an author XPath compares (the copy path).
    "rel-element": "<html><body><div><rel>me</rel>Dan Fox</div><p>x</p></body></html>",
    # The root is a <figure> (a fragment parsed on its own): never deleted.
    "figure-root": '<figure><span class="author">Pat Kim</span><time>2020</time></figure>',
    # No byline markup at all.
    "no-byline": "<html><body><p>Just a text.</p></body></html>",
}


@pytest.mark.parametrize(("name", "html"), PAGES, ids=[name for name, _ in PAGES])
def test_fixture_pages_give_trafilaturas_author(name: str, html: str) -> None:
    tree = load_page(html)
    assert page_byline(tree) == extract_author(trafilatura.load_html(html))


@pytest.mark.parametrize("name", sorted(MADE))
def test_made_pages_give_trafilaturas_author(name: str) -> None:
    html = MADE[name]
    tree = load_page(html)
    assert tree is not None
    before = tostring(tree)
    assert page_byline(tree) == extract_author(deepcopy(tree))
    assert tostring(tree) == before  # read, never changed


def test_made_pages_cover_what_they_mean_to() -> None:
    found = {name: extract_author(load_page(html)) for name, html in MADE.items()}
    assert found["time-inside"] and "Lee" in found["time-inside"]
    assert found["in-comments"] == "Jane Roe"
    assert found["discarded-itself"] == "Lu Ma"
    assert found["none-left"] is None
    assert found["lengths"] == "Eve Moss"


@pytest.mark.skipif(not AEB.is_dir(), reason="shared ScrapingHub pages not present")
def test_scrapinghub_pages_give_trafilaturas_author() -> None:
    differ = []
    for path in sorted(AEB.glob("*.html.gz")):
        data = gzip.decompress(path.read_bytes())
        html = decode_bytes(data, source=path.name, declared=declared_charset(data))
        if page_byline(load_page(html)) != extract_author(trafilatura.load_html(html)):
            differ.append(path.name)
    assert differ == []


def test_the_page_itself_is_never_copied(monkeypatch: pytest.MonkeyPatch) -> None:
    copied: list[str] = []

    def counted(element: Any) -> Any:
        copied.append(element.tag)
        return deepcopy(element)

    monkeypatch.setattr(byline, "deepcopy", counted)
    for _, html in PAGES:
        page_byline(load_page(html))
    assert copied, "the fixture pages name bylines whose text is read"
    assert "html" not in copied
