"""Work one page's ingest no longer does twice, or at all, with the same results: headings past
the confirmed headline are not read, an article's text is normalised once for its id and its
content hash, paragraph rules share one split of the text into lines, and the comparison key of
titles and site names is the characters ``str.isalnum`` accepts."""

from __future__ import annotations

import gzip
import re
import sys
import unicodedata
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from parallax.config import Settings
from parallax.ingest import clean, identity, titles
from parallax.ingest.clean import Removal, find_boilerplate, load_rules
from parallax.ingest.html import extract_html
from parallax.ingest.outlets import load_outlets
from parallax.ingest.pagetree import load_page
from parallax.model import RawArticle, Rejection
from parallax.stages.ingest import process_article
from tests.conftest import EXAMPLES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
PAGES = {
    path.name: gzip.decompress(path.read_bytes()).decode("utf-8")
    for path in sorted((FIXTURES / "aeb" / "html").glob("*.html.gz"))
}
SEEDS = [path.read_text(encoding="utf-8") for path in sorted((EXAMPLES / "seeds").iterdir())]


def test_a_confirmed_headline_ends_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Any] = []
    heading_text = titles.heading_text

    def counted(element: Any) -> str:
        read.append(element)
        return heading_text(element)

    monkeypatch.setattr(titles, "heading_text", counted)
    checked = 0
    for name, html in PAGES.items():
        tree = load_page(html)
        headings = len(list(tree.iter("h1"))) + len(list(tree.iter("h2")))
        read.clear()
        title = titles.page_title(tree)
        monkeypatch.setattr(titles, "heading_text", heading_text)
        first = next(iter(titles._headings(tree)), None)
        monkeypatch.setattr(titles, "heading_text", counted)
        if title and title == first and headings > 2:
            # The first heading is the headline: the others (h2 included) are never read.
            assert len(read) == 1, name
            checked += 1
    assert checked >= 1


def test_headings_come_in_the_order_and_number_they_did() -> None:
    for name, html in PAGES.items():
        tree = load_page(html)
        h1s = list(tree.iter("h1"))
        elements = [
            *h1s,
            *(child for h1 in h1s for child in titles._main_parts(h1)),
            *tree.xpath(titles._TITLED_HEADINGS),
            *tree.iter("h2"),
        ]
        texts = [
            titles.heading_text(e)
            for e in elements
            if not titles._HIDDEN_HEADING.search(str(e.get("class") or ""))
        ]
        expected = list(
            dict.fromkeys(t for t in texts if t and len(t) <= titles.MAX_HEADLINE_CHARS)
        )
        assert list(titles._headings(tree)) == expected, name


def test_the_title_key_keeps_what_isalnum_keeps_on_every_code_point() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert titles._NOT_ALNUM.sub("", every) == "".join(c for c in every if c.isalnum())
    for text in ("Die Zeit", "ZEIT ONLINE | Nachrichten", "Ångström_Post №1", "ⅫЁлка 漢字"):
        folded = unicodedata.normalize("NFKC", text).casefold()
        assert titles._key(text) == "".join(c for c in folded if c.isalnum())


def test_an_article_without_a_url_is_normalised_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    normalize = unicodedata.normalize

    def counted(form: str, text: str) -> str:
        calls.append(len(text))
        return normalize(form, text)

    monkeypatch.setattr(identity, "unicodedata", SimpleNamespace(normalize=counted))
    identity.normalize_for_hash.cache_clear()
    settings, outlets = Settings(), load_outlets()
    for html in list(PAGES.values())[:3]:
        raw = extract_html(html, source="page.html", settings=Settings(min_article_chars=1))
        assert isinstance(raw, RawArticle) and raw.url is None
        calls.clear()
        result = process_article(raw, settings=settings, outlets=outlets)
        assert not isinstance(result, Rejection)
        assert len(calls) == 1
    identity.normalize_for_hash.cache_clear()


def _boilerplate_as_before(text: str) -> list[Removal]:
    """The former ``find_boilerplate``: each paragraph rule split the text into lines anew."""
    removals: list[Removal] = []
    for rule in load_rules():
        if rule.kind in ("block", "inline"):
            removals += [
                Removal(m.start(), m.end(), rule.name) for m in rule.pattern.finditer(text)
            ]
        else:
            for line in re.finditer(r"[^\n]+", text):
                stripped = line.group().strip()
                if stripped and rule.pattern.fullmatch(stripped):
                    removals.append(Removal(line.start(), line.end(), rule.name))
    return sorted(removals, key=lambda removal: (removal.raw_start, removal.raw_end))


def test_boilerplate_is_found_as_before_on_real_texts() -> None:
    texts = list(SEEDS)
    for html in PAGES.values():
        raw = extract_html(html, source="page.html", settings=Settings(min_article_chars=1))
        if isinstance(raw, RawArticle):
            texts.append(raw.raw_text)
    texts += [
        "Read more:\nAdvertisement\n  Advertisement  \n\nShare this article\nText.\n",
        "Photo: Reuters\nFollow us on Twitter\n\n\n   \nSign up for our newsletter\n",
    ]
    found = 0
    for text in texts:
        expected = _boilerplate_as_before(text)
        assert find_boilerplate(text) == expected
        found += len(expected)
    assert found > 0
    assert clean._LINE.pattern == r"[^\n]+"
