"""The HTML reader on real benchmark pages and on hand-built edge cases."""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import trafilatura
from trafilatura.settings import Document

from parallax.config import Settings
from parallax.errors import Code
from parallax.ingest.html import declared_charset, extract_html, read_html
from parallax.ingest.readers import READERS
from parallax.model import RawArticle, Rejection

AEB = Path(__file__).resolve().parents[1] / "fixtures" / "html" / "aeb"
EUROPA = "14cc2a0ca59c62a8c9f205a171e9ccf4ef4cf69b0c642f51c8c65c051b39024f"
TRADEMARK = "85439e26c41c75901820d01a13e8cea7836abb58635ea3986f71a163ab0311d3"
ROCKET = "c00962aabe7bdd1fca78f5360ea7fa93cd7674863b05157e00827506a7aa58c4"


def page_bytes(doc_id: str) -> bytes:
    return gzip.decompress((AEB / "html" / f"{doc_id}.html.gz").read_bytes())


def true_paragraphs(doc_id: str) -> list[str]:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    return [line for line in truth[doc_id]["articleBody"].split("\n") if line.strip()]


def read_one(data: bytes, settings: Settings, source: str = "page.html") -> RawArticle | Rejection:
    items = list(read_html(io.BytesIO(data), source=source, settings=settings))
    assert len(items) == 1
    return items[0]


def article_page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>A title</title></head><body><article>{body}</article></body></html>"


LONG_PARAGRAPH = (
    "<p>The council voted on Tuesday to extend the night bus service until the end of the year, "
    "after a petition signed by four thousand residents.</p>"
)


def test_read_html_is_the_registered_html_reader() -> None:
    assert READERS.get("html") is read_html


@pytest.mark.parametrize(
    ("doc_id", "title", "url", "published", "language", "site_name"),
    [
        (
            EUROPA,
            "NASA Just Confirmed There Are Water Plumes Above The Surface of Jupiter's Moon Europa",
            "https://www.sciencealert.com/nasa-finds-water-plumes-above-the-surface-of-jupiter-s-icy-moon-europa",
            date(2019, 11, 18),
            "en",
            "ScienceAlert",
        ),
        (
            TRADEMARK,
            # The site name after " - " in <title> and og:title is cut off.
            "商品の改造が商標法違反に！？",
            "https://www.lhpat-tm.com/blog/decision-info/index-2726.html",
            date(2016, 12, 1),
            "ja",
            "特許業務法人ライトハウス国際特許事務所",
        ),
    ],
)
def test_real_page_metadata_and_text(
    settings: Settings,
    doc_id: str,
    title: str,
    url: str,
    published: date,
    language: str,
    site_name: str,
) -> None:
    raw = read_one(page_bytes(doc_id), settings)
    assert isinstance(raw, RawArticle)
    assert (raw.title, raw.canonical, raw.published, raw.language, raw.site_name) == (
        title,
        url,
        published,
        language,
        site_name,
    )
    assert raw.format == "html"
    assert raw.published_source == "html-meta"
    assert raw.flags == ()
    # Every paragraph of the benchmark's ground truth is one line of the raw text, in order.
    lines = raw.raw_text.split("\n")
    paragraphs = true_paragraphs(doc_id)
    assert [line.strip() for line in lines] == [p.strip() for p in paragraphs]


def test_real_page_author_is_kept(settings: Settings) -> None:
    raw = read_one(page_bytes(EUROPA), settings)
    assert isinstance(raw, RawArticle)
    assert raw.author == "Victor Tangermann; Futurism"


def test_page_without_canonical_link_takes_the_given_url(settings: Settings) -> None:
    html = page_bytes(ROCKET).decode("utf-8")
    fetched = "https://www.thespacereview.com/article/3834/1"
    raw = extract_html(html, source="cc.warc", record="1234", url=fetched, settings=settings)
    assert isinstance(raw, RawArticle)
    assert raw.url == fetched
    assert raw.record == "1234"
    assert raw.title == "Seeking a bigger role for a big rocket"
    assert raw.published == date(2019, 11, 18)
    assert raw.language is None  # the page declares none
    first = true_paragraphs(ROCKET)[0]
    assert first[:60] in raw.raw_text
    without = extract_html(html, source="x", settings=settings)
    assert isinstance(without, RawArticle)
    assert without.url is None


def test_the_declared_canonical_is_kept_apart_from_the_given_url(settings: Settings) -> None:
    given = "https://www.sciencealert.com/some-tracking-url?utm_source=feed"
    raw = extract_html(
        page_bytes(EUROPA).decode("utf-8"), source="cc.warc", url=given, settings=settings
    )
    assert isinstance(raw, RawArticle)
    assert raw.url == given
    assert raw.canonical is not None and "utm_source" not in raw.canonical


def test_page_without_date_is_flagged(settings: Settings) -> None:
    raw = extract_html(article_page(LONG_PARAGRAPH), source="s.html", settings=settings)
    assert isinstance(raw, RawArticle)
    assert raw.published is None
    assert raw.published_source == "unknown"
    assert raw.flags == ("published-unknown",)
    assert "night bus service" in raw.raw_text


def test_impossible_date_from_trafilatura_is_unknown(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = trafilatura.bare_extraction

    def with_bad_date(*args: object, **kwargs: object) -> Document:
        document = real(*args, **kwargs)
        assert isinstance(document, Document)
        document.date = "2019-02-30"
        return document

    monkeypatch.setattr(trafilatura, "bare_extraction", with_bad_date)
    raw = extract_html(article_page(LONG_PARAGRAPH), source="s.html", settings=settings)
    assert isinstance(raw, RawArticle)
    assert raw.published is None
    assert raw.flags == ("published-unknown",)


def test_paragraphs_are_separated_by_newlines(settings: Settings) -> None:
    second = "<p>Officials said the extended timetable would cost about two million a year.</p>"
    raw = extract_html(article_page(LONG_PARAGRAPH + second), source="s.html", settings=settings)
    assert isinstance(raw, RawArticle)
    assert raw.raw_text.split("\n")[1].startswith("Officials said")


def test_page_with_only_navigation_has_no_text(settings: Settings) -> None:
    html = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    result = extract_html(html, source="nav.html", record="7", settings=settings)
    assert result == Rejection(
        "nav.html", "ingest", Code.NO_TEXT.value, "no main text found in HTML", "7"
    )


def test_text_shorter_than_the_minimum_is_rejected(settings: Settings) -> None:
    html = article_page(LONG_PARAGRAPH)
    strict = replace(settings, min_article_chars=10_000)
    result = extract_html(html, source="s.html", settings=strict)
    assert isinstance(result, Rejection)
    assert result.code == Code.NO_TEXT.value
    assert isinstance(extract_html(html, source="s.html", settings=settings), RawArticle)


@pytest.mark.parametrize("html", ["", "   ", "<", "\x00\x01", "\ud800<p>lone surrogate</p>"])
def test_unparseable_html_is_rejected_not_raised(settings: Settings, html: str) -> None:
    result = extract_html(html, source="bad.html", settings=settings)
    assert isinstance(result, Rejection)
    assert result.code == Code.BAD_HTML.value


def test_broken_markup_still_gives_its_text(settings: Settings) -> None:
    html = "<html><body><article><p>Unclosed <b>bold <i>and italic " * 8 + "<div></span></table>"
    raw = extract_html(html, source="broken.html", settings=settings)
    assert isinstance(raw, RawArticle)
    assert raw.raw_text.startswith("Unclosed bold and italic")


def test_oversized_page_is_rejected(settings: Settings) -> None:
    small = replace(settings, max_record_bytes=10_000)
    data = page_bytes(EUROPA)
    assert len(data) > 10_000
    from_reader = read_one(data, small)
    assert isinstance(from_reader, Rejection)
    assert from_reader.code == Code.TOO_LARGE.value
    direct = extract_html(data.decode("utf-8"), source="p.html", settings=small)
    assert isinstance(direct, Rejection)
    assert direct.code == Code.TOO_LARGE.value


def test_reader_honours_the_declared_charset(settings: Settings) -> None:
    text = "Zażółć gęślą jaźń. Łódź i Kraków mają dziś piękną pogodę, mówią synoptycy."
    declared = article_page(f"<p>{text}</p>", head='<meta charset="iso-8859-2">')
    raw = read_one(declared.encode("iso-8859-2"), settings)
    assert isinstance(raw, RawArticle)
    assert raw.raw_text == text
    # Without the declaration, detection guesses another charset for so short a text.
    guessed = read_one(article_page(f"<p>{text}</p>").encode("iso-8859-2"), settings)
    assert isinstance(guessed, RawArticle)
    assert guessed.raw_text != text


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", Code.EMPTY),
        (b"  \n ", Code.EMPTY),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), Code.BINARY),
    ],
)
def test_reader_rejects_what_is_not_text(settings: Settings, data: bytes, code: Code) -> None:
    result = read_one(data, settings, source="odd.html")
    assert isinstance(result, Rejection)
    assert (result.source, result.code) == ("odd.html", code.value)


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="ISO-8859-2">', "iso-8859-2"),
        (b"<meta charset=utf-8>", "utf-8"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
            "windows-1251",
        ),
        (b"<meta name='viewport' content='width=device-width'>", None),
    ],
)
def test_declared_charset(head: bytes, charset: str | None) -> None:
    assert declared_charset(b"<html><head>" + head + b"</head></html>") == charset


def test_declared_charset_only_looks_near_the_top() -> None:
    late = b"<html><head>" + b" " * 5000 + b'<meta charset="koi8-r"></head></html>'
    assert declared_charset(late) is None
