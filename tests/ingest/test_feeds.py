"""The RSS/Atom reader: entry fields, text from HTML content, broken feeds, rejections."""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from parallax.config import Settings
from parallax.ingest.feeds import html_to_text, read_feed
from parallax.ingest.readers import READERS
from parallax.model import RawArticle, Rejection


def read(data: bytes, settings: Settings) -> list[RawArticle | Rejection]:
    return list(read_feed(io.BytesIO(data), source="in.xml", settings=settings))


def articles(data: bytes, settings: Settings) -> list[RawArticle]:
    results = read(data, settings)
    assert all(isinstance(r, RawArticle) for r in results), results
    return results  # type: ignore[return-value]


def rss(items: str, channel: str = "<title>Wire</title>") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel>{channel}{items}</channel></rss>"
    ).encode()


def test_registered_as_feed() -> None:
    assert READERS.get("feed") is read_feed
    assert READERS.versioned_name("feed") == "parallax.readers.feed.v1"


def test_rss2_fixture(fixtures: Path, settings: Settings) -> None:
    path = fixtures / "feeds" / "motherjones-rss2.xml"
    with path.open("rb") as stream:
        results = list(read_feed(stream, source=str(path), settings=settings))
    assert [r.record for r in results] == ["entry 1", "entry 2", "entry 3"]
    first, second, third = results
    assert isinstance(first, RawArticle)
    assert first.source == str(path)
    assert first.format == "feed"
    assert first.url == (
        "http://motherjones.com/tom-philpott/2012/03/rush-lashes-out-another-accomplished-young-woman"
    )
    assert first.title == "Rush Lashes Out at Another Accomplished Young Woman"
    assert (first.published, first.published_source) == (date(2012, 3, 6), "feed")
    assert first.author == "Tom Philpott"
    assert first.site_name == first.outlet == "MoJo Blogs and Articles | Mother Jones"
    assert first.language == "en"
    assert first.external_id == "166621 at http://motherjones.com"
    assert first.raw_text.startswith("Undaunted by the fiasco of his misogynist diatribe")
    # The quoted transcript inside <blockquote> is article text; markup and share links are not.
    assert "What is it with all of these young single white women, overeducated—doesn’t" in (
        first.raw_text
    )
    assert "<" not in first.raw_text and "Digg" not in first.raw_text
    assert isinstance(second, RawArticle) and second.author == "Julia Whitty"
    assert "Zhigang Peng at Georgia Tech’s School" in second.raw_text
    assert isinstance(third, RawArticle) and third.title == "Quote of the Day: War is Not a Game"
    assert "This is not a game....If some of these folks think we should launch a war" in (
        third.raw_text
    )


def test_atom_fixture_not_well_formed_is_read_with_a_warning(
    fixtures: Path, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    data = (fixtures / "feeds" / "newsblur-blog-atom.xml").read_bytes()
    assert data.startswith(b"\n<?xml")  # not well-formed: the declaration is not first
    with caplog.at_level(logging.WARNING, logger="parallax.ingest.feeds"):
        first, second = articles(data, settings)
    assert "not well-formed" in caplog.text
    assert first.record == "entry 1"
    assert first.title == (
        "Android app update: premium subscriptions, saved searches, in-app browser, auto-dark mode"
    )
    assert first.url == (
        "https://blog2.newsblur.com/2020/11/03/android-app-update-premium-subscriptions-saved/"
    )
    assert first.external_id == (
        "https://blog2.newsblur.com/2020/11/03/android-app-update-premium-subscriptions-saved"
    )
    assert first.published == date(2020, 11, 3)
    assert first.site_name == first.outlet == "The NewsBlur Blog"
    assert (first.author, first.language) == (None, None)  # <name></name>; no language given
    # The content, not the one-sentence summary, and the feature list kept line by line.
    assert first.raw_text.startswith("For a point release this one sure is big.")
    assert "\nSaved searches\nIn-app browser, so you don’t need to leave NewsBlur\n" in (
        first.raw_text
    )
    assert first.raw_text.endswith("would love to hear your input.")
    assert second.title == "Customizable grid view story layout"
    assert second.published == date(2020, 10, 28)


def test_date_is_the_calendar_date_written_in_the_feed(settings: Settings) -> None:
    items = (
        "<item><title>Late</title><description>Written late in the evening.</description>"
        "<pubDate>Tue, 03 Nov 2020 23:41:03 -0800</pubDate></item>"
        "<item><title>Only updated</title><description>No pubDate here.</description>"
        "<dc:date xmlns:dc='http://purl.org/dc/elements/1.1/'>2021-01-31T23:00:00-05:00</dc:date>"
        "</item>"
        "<item><title>Undated</title><description>Nothing.</description></item>"
    )
    late, updated, undated = articles(rss(items), settings)
    # In UTC the first is already 4 November; the feed's own date is 3 November.
    assert late.published == date(2020, 11, 3)
    assert updated.published == date(2021, 1, 31)
    assert undated.published is None


def test_entry_without_text_is_rejected_alone(settings: Settings) -> None:
    items = (
        "<item><title>One</title><description>The first story.</description></item>"
        "<item><link>https://wire.example/2</link></item>"
        "<item><title>Three</title><description>&lt;p&gt;The third story.&lt;/p&gt;</description>"
        "</item>"
    )
    results = read(rss(items), settings)
    assert [(r.record, type(r).__name__) for r in results] == [
        ("entry 1", "RawArticle"),
        ("entry 2", "Rejection"),
        ("entry 3", "RawArticle"),
    ]
    rejection = results[1]
    assert isinstance(rejection, Rejection)
    assert (rejection.code, rejection.stage) == ("P108", "ingest")
    assert results[2].raw_text == "The third story."  # type: ignore[union-attr]


def test_headline_only_entries_are_kept_and_flagged(settings: Settings) -> None:
    items = "<item><title>Headline only</title><link>https://wire.example/2</link></item>"
    (raw,) = read(rss(items), settings)
    assert isinstance(raw, RawArticle)
    assert (raw.raw_text, raw.title, raw.flags) == (
        "Headline only",
        "Headline only",
        ("summary_only",),
    )


def test_content_encoded_wins_over_description(settings: Settings) -> None:
    items = (
        "<item><title>T</title><description>Short teaser.</description>"
        "<content:encoded><![CDATA[<p>Full text, first paragraph.</p>"
        "<p>Second   paragraph,\n across lines.</p><script>track()</script>]]></content:encoded>"
        "<author>desk@wire.example (The Desk)</author><guid>wire-1</guid></item>"
    )
    (article,) = articles(
        rss(items, "<title>Wire &amp; Co</title><language>de</language>"), settings
    )
    assert article.raw_text == "Full text, first paragraph.\nSecond paragraph, across lines."
    assert (article.author, article.external_id) == ("The Desk", "wire-1")
    # guid is a permalink by default, but "wire-1" is no http(s) URL.
    assert article.url is None
    assert (article.site_name, article.language) == ("Wire & Co", "de")


def test_atom_text_content_and_html_title(settings: Settings) -> None:
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
        b'<title type="html">The &lt;b&gt;Daily&lt;/b&gt; &amp;amp; More</title>'
        b"<entry><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>"
        b'<title type="html">Rates &amp;amp; &lt;i&gt;inflation&lt;/i&gt;</title>'
        b'<content type="text">If a &lt; b then &lt;b&gt; is plain text here.</content>'
        b"<updated>2003-12-13T18:30:02Z</updated></entry></feed>"
    )
    (article,) = articles(data, settings)
    assert article.raw_text == "If a < b then <b> is plain text here."
    assert article.title == "Rates & inflation"
    assert article.site_name == "The Daily & More"
    assert article.language == "en"
    assert article.external_id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
    assert article.url is None
    assert article.published == date(2003, 12, 13)


@pytest.mark.parametrize(
    ("data", "code", "reason"),
    [
        (b"", "P101", "empty input"),
        (b"  \n ", "P101", "empty input"),
        (b"/etc/passwd", "P110", "feedparser cannot read it: "),
        (b"<html><body><p>Just a page.</p></body></html>", "P110", "not an RSS or Atom feed"),
    ],
)
def test_unreadable_feed_is_one_rejection(
    data: bytes, code: str, reason: str, settings: Settings
) -> None:
    (rejection,) = read(data, settings)
    assert isinstance(rejection, Rejection)
    assert (rejection.code, rejection.record) == (code, None)
    assert rejection.reason.startswith(reason)


def test_truncated_feed_still_yields_its_entries(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    whole = rss("<item><title>Whole</title><description>A complete item.</description></item>")
    cut = whole.removesuffix(b"</channel></rss>") + b"<item><title>Cut</title><description>Cut o"
    with caplog.at_level(logging.WARNING, logger="parallax.ingest.feeds"):
        results = read(cut, settings)
    assert "not well-formed" in caplog.text
    outcomes = [(r.record, r.code if isinstance(r, Rejection) else r.raw_text) for r in results]
    assert outcomes == [
        ("entry 1", "A complete item."),
        ("entry 2", "P108"),  # a bare title (no link, id or date) is no headline-only item
    ]


def test_feedparser_crash_is_one_rejection(fixtures: Path, settings: Settings) -> None:
    # Found by the fuzz test: this namespace URI makes feedparser's strict parser raise.
    data = (fixtures / "feeds" / "motherjones-rss2.xml").read_bytes()
    data = data.replace(b"<?xml ", b"<?l ").replace(b'xmlns:dc="http', b'xmlns:dc="h\xa0tp')
    (rejection,) = read(data, settings)
    assert isinstance(rejection, Rejection)
    assert rejection.code == "P110"
    assert rejection.reason.startswith("feedparser cannot read it: ValueError")


def test_feed_with_no_entries_yields_nothing(settings: Settings) -> None:
    assert read(rss(""), settings) == []


def test_feed_larger_than_max_file_bytes(fixtures: Path, settings: Settings) -> None:
    data = (fixtures / "feeds" / "motherjones-rss2.xml").read_bytes()
    (rejection,) = read(data, replace(settings, max_file_bytes=1000))
    assert isinstance(rejection, Rejection)
    assert rejection.code == "P104"
    assert "max_file_bytes (1000 bytes)" in rejection.reason


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One</p><p>Two <b>bold</b>\n words</p>", "One\nTwo bold words"),
        ("<ul><li>a</li><li>b</li></ul>tail<br>next", "a\nb\ntail\nnext"),
        ("Fish &amp; chips&nbsp;today", "Fish & chips today"),
        ("<style>p {}</style><script>x()</script><!-- c --><p>kept</p>", "kept"),
        ('<?xml version="1.0" encoding="latin-1"?><p>déclaré</p>', "déclaré"),
        ("<!-- only a comment -->", ""),
        ("   ", ""),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text
