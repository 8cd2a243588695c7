"""Titles, dates and authors read from real pages (trafilatura's evaluation pages) and feeds
(feedparser's test feeds): each test fails with trafilatura's or feedparser's own reading."""

from __future__ import annotations

import gzip
import io
from datetime import date
from pathlib import Path

import feedparser
import pytest
import trafilatura

from parallax.config import Settings
from parallax.datasets.article_extraction import MetadataPage, load_metadata_pages
from parallax.ingest.authors import clean_authors, feed_authors, restore_initials
from parallax.ingest.html import read_html
from parallax.ingest.titles import heading_text, strip_site
from parallax.model import RawArticle

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PAGES = FIXTURES / "html" / "trafilatura-eval"
FEEDS = FIXTURES / "feeds" / "feedparser"
SPACENEWS = "c00962aabe7bdd1fca78f5360ea7fa93cd7674863b05157e00827506a7aa58c4.html.gz"


@pytest.fixture(scope="module")
def pages() -> dict[str, MetadataPage]:
    return {page.file: page for page in load_metadata_pages(PAGES)}


def read(page: MetadataPage) -> RawArticle:
    (item,) = read_html(io.BytesIO(page.html), source=page.file, settings=Settings())
    assert isinstance(item, RawArticle), item
    return item


@pytest.mark.parametrize(
    ("file", "title"),
    [
        # <title> and og:title end in " - Helge.at": the site name goes.
        ("helge.at.mahu.html", "Warum Wien zu blöd für eine staufreie Mahü ist"),
        # <title> "Durch die Gegend | Mit Musiker …": the <h1> it confirms wins.
        ("viertausendhertz.de.ddg48.html", "Mit Musiker Voodoo Jürgens in Wien"),
        # The <h1> holds a "dachzeile" span before the headline span.
        ("tagesschau.de.rheinmetall.html", "Daten von Rheinmetall gehackt"),
    ],
)
def test_title_is_the_pages_headline(pages: dict[str, MetadataPage], file: str, title: str) -> None:
    page = pages[file]
    assert read(page).title == title == page.title
    assert trafilatura.extract_metadata(trafilatura.load_html(page.html)).title != title


@pytest.mark.parametrize(
    ("file", "title"),
    [
        # "<h1><small>Tunesien</small><br> Große Aufgaben …": the topic line is set small.
        ("hss.de-Regierung.html", "Große Aufgaben für die neue Regierung"),
        # A span classed "entry-title__toptitle" ("Forderungsausfälle vermeiden") is a kicker.
        (
            "deutsche-handwerkszeitung.de-eigentumsvorbehalt.html",
            "Eigentumsvorbehalt: Das sollten Käufer und Verkäufer wissen",
        ),
        # <h1 class="hide-accessible">detail</h1>, which "… - detail" in <title> confirms, is
        # for screen readers; the visible <h1> is the headline.
        ("kas.de-nordmazedonien.html", "Kommunalwahlen in Nordmazedonien"),
        # "Frauen im <abbr>THW</abbr>: …" reads without a space before the colon.
        ("thw.de-frauen.html", "Frauen im THW: Vergangenheit, Gegenwart und Zukunft"),
    ],
)
def test_heading_parts_that_are_not_the_headline(
    pages: dict[str, MetadataPage], file: str, title: str
) -> None:
    # trafilatura's own title is right here (og:title); the heading rule read, before, "Tunesien
    # Große Aufgaben …", "Forderungsausfälle vermeiden Eigentumsvorbehalt: …", "detail" and
    # "Frauen im THW : …".
    page = pages[file]
    assert read(page).title == title == page.title


def test_site_name_and_trailing_date_are_cut_where_they_stand() -> None:
    assert strip_site("CNN Politics | Senate passes the bill", ["CNN Politics"]) == (
        "Senate passes the bill"
    )
    assert strip_site("Hitze in Europa – DW – 13.06.2023", ["dw.com", "dw"]) == "Hitze in Europa"
    # A dash inside the headline is no separator to cut at when no part is the site's name.
    assert strip_site("Leasing oder Finanzierung – was lohnt sich?", ["finanzcheck.de"]) == (
        "Leasing oder Finanzierung – was lohnt sich?"
    )


def test_a_heading_loses_only_exact_site_names_and_dates() -> None:
    heading = "23.01.2022 - Dorothea Wierer darf beim Antholz-Abschluss noch jubeln"
    names = ["biathlon-antholz.it", "biathlon-antholz"]
    assert strip_site(heading, names, loose=False) == (
        "Dorothea Wierer darf beim Antholz-Abschluss noch jubeln"
    )
    # Loosely, "Piratenpartei fordert …" would count as the site piratenpartei.de; not here.
    title = "Piratenpartei fordert Transparenz - Pressemitteilung"
    assert strip_site(title, ["piratenpartei.de", "piratenpartei"], loose=False) == title
    assert strip_site(
        "Piratenpartei Österreichs - Wahl", ["piratenpartei.at", "piratenpartei"]
    ) == ("Wahl")


def test_kicker_spans_are_left_out_of_a_heading(pages: dict[str, MetadataPage]) -> None:
    tree = trafilatura.load_html(pages["tagesschau.de.rheinmetall.html"].html)
    (h1,) = tree.iter("h1")
    assert heading_text(h1) == "Daten von Rheinmetall gehackt"
    assert "Interne Unterlagen" in h1.text_content()


def test_undated_page_gets_no_date(pages: dict[str, MetadataPage]) -> None:
    page = pages["von-der-see.de.design.html"]
    article = read(page)
    assert page.published is None
    assert article.published is None
    assert article.flags == ("published-unknown",)
    # trafilatura's extensive date search takes the copyright year.
    assert trafilatura.extract_metadata(trafilatura.load_html(page.html)).date == "2017-01-01"


def test_dated_page_keeps_its_date(pages: dict[str, MetadataPage]) -> None:
    page = pages["helge.at.mahu.html"]
    assert read(page).published == page.published == date(2014, 3, 5)


@pytest.mark.parametrize(
    ("file", "author", "trafilatura_author"),
    [
        (
            "die-tagespost.de.Demut.html",
            "Christoph von Ritter",
            "Die Tagespost; Christoph von Ritter",
        ),
        (
            "acpjournals.org.3075.html",
            "Michael L. Anderson; Carlos Dobkin; Devon Gorry",
            "Michael L Anderson; Carlos Dobkin; Devon Gorry",
        ),
        ("tagesschau.de.rheinmetall.html", None, "Tagesschau De"),
    ],
)
def test_authors_are_people(
    pages: dict[str, MetadataPage], file: str, author: str | None, trafilatura_author: str
) -> None:
    page = pages[file]
    assert read(page).author == author
    assert (
        trafilatura.extract_metadata(trafilatura.load_html(page.html)).author == trafilatura_author
    )


def test_outlet_suffixes_emails_and_labels_go() -> None:
    names = clean_authors(
        ["By Dana A. Ford; CNN", "Rob Picheta, CNN", "jane@example.com (Jane Roe)", "Condé Nast"],
        site_names=["CNN", "Condé Nast"],
    )
    assert names == ["Dana A. Ford", "Rob Picheta", "Jane Roe"]
    assert restore_initials("Dana A Ford") == "Dana A. Ford"
    assert restore_initials("A K") == "A K"


def test_a_date_glued_to_the_byline_is_no_author() -> None:
    # SpaceNews writes "by Jeff Foust<br><span class=datetime>Monday, November 18, 2019</span>";
    # trafilatura reads the byline whole and splits it at the comma.
    path = FIXTURES / "html" / "aeb" / "html" / SPACENEWS
    html = gzip.decompress(path.read_bytes())
    assert trafilatura.extract_metadata(trafilatura.load_html(html)).author == (
        "Jeff Foust Monday; November"
    )
    (item,) = read_html(io.BytesIO(html), source=path.name, settings=Settings())
    assert isinstance(item, RawArticle)
    assert item.author == "Jeff Foust"


def test_dates_are_cut_from_names_but_month_first_names_stay() -> None:
    assert clean_authors(["Mike Wuerthele; Malcolm Owen Monday; November"]) == [
        "Mike Wuerthele",
        "Malcolm Owen",
    ]
    assert clean_authors(["Carrie Arnold November", "Von Anna Beck, 3. März 2021"]) == [
        "Carrie Arnold",
        "Anna Beck",
    ]
    assert clean_authors(["April Roach; Theresa May; Karl August Meier"]) == [
        "April Roach",
        "Theresa May",
        "Karl August Meier",
    ]


def test_atom_author_without_email() -> None:
    parsed = feedparser.parse((FEEDS / "entry_author_email.xml").read_bytes())
    (entry,) = parsed.entries
    assert entry["author_detail"]["email"] == "me@example.com"
    assert feed_authors(entry) == ["Example author"]


def test_all_atom_authors_of_an_entry() -> None:
    parsed = feedparser.parse((FEEDS / "entry_authors_custom_elements.xml").read_bytes())
    (entry,) = parsed.entries
    assert feed_authors(entry) == ["Alice", "Bob"]


def test_a_json_ld_block_nested_past_the_parser_is_skipped() -> None:
    import lxml.html

    from parallax.ingest.structured import json_ld_objects

    deep = "[" * 100_000 + "]" * 100_000
    tree = lxml.html.fromstring(
        f'<html><head><script type="application/ld+json">{deep}</script>'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Kept"}</script>'
        "</head><body><p>x</p></body></html>"
    )
    assert [item.get("headline") for item in json_ld_objects(tree)] == ["Kept"]
