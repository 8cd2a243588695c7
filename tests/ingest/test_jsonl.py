"""The JSON Lines reader: fields, aliases, rejections per line, HTML records, streaming."""

from __future__ import annotations

import io
import itertools
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from parallax.config import Settings
from parallax.ingest.jsonl import read_jsonl
from parallax.ingest.readers import READERS
from parallax.model import RawArticle, Rejection


def read(data: bytes, settings: Settings) -> list[RawArticle | Rejection]:
    return list(read_jsonl(io.BytesIO(data), source="in.jsonl", settings=settings))


def one(data: bytes, settings: Settings) -> RawArticle | Rejection:
    (result,) = read(data, settings)
    return result


def outline(results: list[RawArticle | Rejection]) -> list[tuple[str | None, str]]:
    return [(r.record, r.code if isinstance(r, Rejection) else "article") for r in results]


def seed_body(seed_dir: Path, name: str) -> str:
    """Return a seed's text without its leading `` date YYYY-MM-DD `` line."""
    text = (seed_dir / name).read_text(encoding="utf-8")
    return text.split(" ", 3)[3].strip()


def test_registered_as_jsonl() -> None:
    assert READERS.get("jsonl") is read_jsonl
    assert READERS.versioned_name("jsonl") == "parallax.readers.jsonl.v1"


def test_fixture_yields_articles_and_rejections_line_by_line(
    fixtures: Path, settings: Settings
) -> None:
    path = fixtures / "jsonl" / "articles.jsonl"
    with path.open("rb") as stream:
        results = list(read_jsonl(stream, source=str(path), settings=settings))
    # Line 4 is blank; good lines after bad ones still come out.
    assert outline(results) == [
        ("1", "article"),
        ("2", "P106"),
        ("3", "article"),
        ("5", "P107"),
        ("6", "P113"),
        ("7", "P113"),
        ("8", "P107"),
        ("9", "article"),
    ]
    assert all(r.source == str(path) for r in results)
    assert all(r.stage == "ingest" for r in results if isinstance(r, Rejection))


def test_fixture_fields(fixtures: Path, seed_dir: Path, settings: Settings) -> None:
    results = read((fixtures / "jsonl" / "articles.jsonl").read_bytes(), settings)
    first, third, ninth = (r for r in results if isinstance(r, RawArticle))
    assert first.raw_text == seed_body(seed_dir, "000_f1244bfe7fc0ce2e.txt")
    assert first.format == "jsonl"
    assert first.external_id == "seed-000"
    assert first.outlet == "The Independent"
    assert first.language == "en"
    assert (first.published, first.published_source) == (date(2025, 7, 4), "jsonl")
    assert (first.url, first.title) == (None, None)
    # Aliases: link, headline, date, lang.
    assert third.url == "https://southfront.press/kyiv-struggle-amid-shifting-us-support/"
    assert third.title is not None and third.title.startswith("Between Aid And Deadlock")
    assert third.published == date(2025, 7, 8)
    assert third.language == "en"
    assert third.raw_text.startswith("The ongoing Ukrainian crisis")
    assert third.raw_text.endswith("unstable Western support.")
    # An integer id, the body alias, a date-time, and a null author.
    assert ninth.external_id == "42"
    assert ninth.raw_text.startswith("The Ukrainian crisis remains at an impasse")
    assert ninth.published == date(2025, 7, 8)
    assert ninth.author is None


def test_fixture_rejection_reasons(fixtures: Path, settings: Settings) -> None:
    results = read((fixtures / "jsonl" / "articles.jsonl").read_bytes(), settings)
    reasons = {r.record: r.reason for r in results if isinstance(r, Rejection)}
    assert reasons["2"] == "malformed JSON: Expecting ',' delimiter (column 17)"
    assert reasons["5"] == "field 'published' is not a valid ISO 8601 date: '2025-02-30'"
    assert reasons["6"] == "line holds a JSON list, not an object"
    assert reasons["7"] == "record has no 'text' and no 'html' field"
    assert reasons["8"] == "field 'date' is not a valid ISO 8601 date: 'yesterday-ish'"


def test_html_records_are_extracted_and_keep_their_own_fields(
    fixtures: Path, settings: Settings
) -> None:
    results = read((fixtures / "jsonl" / "pages.jsonl").read_bytes(), settings)
    assert outline(results) == [("1", "article"), ("2", "article"), ("3", "P108")]
    techcrunch, detroit, _ = results
    assert isinstance(techcrunch, RawArticle) and isinstance(detroit, RawArticle)
    assert techcrunch.raw_text.startswith(
        "WeWork is reportedly being investigated by the New York State Attorney General."
    )
    # The page's canonical link says http://social.techcrunch.com/...; the record's URL wins.
    assert techcrunch.url == (
        "https://techcrunch.com/2019/11/18/"
        "new-york-state-attorney-general-reportedly-investigating-wework/"
    )
    assert techcrunch.outlet == "TechCrunch"
    assert techcrunch.external_id == "aeb-1ace8c85aaee"
    assert (techcrunch.format, techcrunch.record) == ("jsonl", "1")
    # No date in the record: the page's own date is kept, with the page as its source.
    assert techcrunch.published == date(2019, 11, 18)
    assert techcrunch.published_source != "jsonl"
    assert "Several thousand teachers wearing red surrounded the Indiana Statehouse" in (
        detroit.raw_text
    )
    assert (detroit.published, detroit.published_source) == (date(2019, 11, 19), "jsonl")
    assert "published-unknown" not in detroit.flags
    assert detroit.outlet == "The Detroit News"


def test_record_date_replaces_the_unknown_date_flag(settings: Settings) -> None:
    paragraph = "<p>" + "The council voted on Tuesday to close the old bridge for repairs. " * 3
    page = f"<html><body><article><h1>Bridge</h1>{paragraph}</p></article></body></html>"
    line = json.dumps({"html": page, "published": "2025-03-01", "title": "Bridge closes"})
    article = one(line.encode(), settings)
    assert isinstance(article, RawArticle)
    assert "council voted on Tuesday" in article.raw_text
    assert (article.published, article.published_source) == (date(2025, 3, 1), "jsonl")
    assert article.title == "Bridge closes"
    assert "published-unknown" not in article.flags


def test_reader_streams_line_by_line(fixtures: Path, settings: Settings) -> None:
    data = (fixtures / "jsonl" / "articles.jsonl").read_bytes()
    stream = io.BytesIO(data)
    results = read_jsonl(stream, source="in.jsonl", settings=settings)
    first = next(results)
    assert isinstance(first, RawArticle)
    assert stream.tell() == data.index(b"\n") + 1 < len(data)


class EndlessLines(io.RawIOBase):
    """A stream of the same JSON line forever: only a streaming reader can take from it."""

    def __init__(self, line: bytes) -> None:
        self.line = line
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = self.line[: len(buffer)]
        buffer[: len(chunk)] = chunk
        self.served += len(chunk)
        return len(chunk)


def test_reader_never_reads_the_whole_stream(settings: Settings) -> None:
    raw = EndlessLines(b'{"text": "A line of text that repeats for ever."}\n')
    stream = io.BufferedReader(raw)
    articles = list(itertools.islice(read_jsonl(stream, source="endless", settings=settings), 3))
    assert [a.record for a in articles] == ["1", "2", "3"]
    assert raw.served < 64 * 1024


def test_line_longer_than_max_record_bytes(settings: Settings) -> None:
    small = replace(settings, max_record_bytes=60)
    exact = b'{"text": "' + b"x" * 48 + b'"}'
    assert len(exact) == 60
    data = b"\n".join(
        [
            b'{"text": "short"}',
            b'{"text": "' + b"y" * 500 + b'"}',
            exact,
            exact + b"\r",
            b'{"text": "' + b"z" * 49 + b'"}',
            b'{"text": "after"}',
        ]
    )
    results = read(data, small)
    assert outline(results) == [
        ("1", "article"),
        ("2", "P104"),
        ("3", "article"),
        ("4", "article"),
        ("5", "P104"),
        ("6", "article"),
    ]
    assert "max_record_bytes (60 bytes)" in results[1].reason  # type: ignore[union-attr]
    assert results[-1].raw_text == "after"  # type: ignore[union-attr]


def test_overlong_last_line_without_newline(settings: Settings) -> None:
    small = replace(settings, max_record_bytes=20)
    results = read(b'{"text": "ok"}\n{"text": "' + b"w" * 100 + b'"}', small)
    assert outline(results) == [("1", "article"), ("2", "P104")]


def test_blank_lines_crlf_and_bom(settings: Settings) -> None:
    data = b'\xef\xbb\xbf{"text": "first"}\r\n\r\n   \n{"text": "second"}\r\n'
    results = read(data, settings)
    assert outline(results) == [("1", "article"), ("4", "article")]
    assert [r.raw_text for r in results] == ["first", "second"]  # type: ignore[union-attr]


def test_line_in_another_charset_is_decoded(settings: Settings) -> None:
    text = "Le maire a annoncé la fermeture du pont à la circulation dès lundi matin, été compris."
    line = json.dumps({"text": text}, ensure_ascii=False).encode("cp1252")
    data = b'{"text": "first"}\n' + line + b'\n{"text": "third"}\n'
    results = read(data, settings)
    assert outline(results) == [("1", "article"), ("2", "article"), ("3", "article")]
    assert results[1].raw_text == text  # type: ignore[union-attr]


def test_binary_line_is_rejected(settings: Settings) -> None:
    data = b'{"text": "first"}\n\x00\x01\x02\x03\xff\xfe\x00\x00\n{"text": "third"}\n'
    assert outline(read(data, settings)) == [("1", "article"), ("2", "P102"), ("3", "article")]


def test_lone_surrogate_becomes_replacement_character(settings: Settings) -> None:
    article = one(b'{"text": "before \\ud800 after", "title": "t \\udfff"}', settings)
    assert isinstance(article, RawArticle)
    assert article.raw_text == "before \ufffd after"
    assert article.title == "t \ufffd"
    article.raw_text.encode("utf-8")


@pytest.mark.parametrize(
    ("line", "code", "reason"),
    [
        (b'{"text": 5}', "P115", "field 'text' must be a string, got a JSON int"),
        (
            b'{"text": "x", "title": ["a"]}',
            "P115",
            "field 'title' must be a string, got a JSON list",
        ),
        (b'{"text": "x", "id": true}', "P115", "field 'id' must be a string, got a JSON bool"),
        (b'{"text": "   "}', "P108", "field 'text' is empty"),
        (b'{"text": null, "body": ""}', "P108", "field 'body' is empty"),
        (b'{"text": null}', "P113", "record has no 'text' and no 'html' field"),
        (b'{"html": ""}', "P108", "field 'html' is empty"),
        (b"42", "P113", "line holds a JSON int, not an object"),
        (b'"text"', "P113", "line holds a JSON str, not an object"),
        (
            b"{",
            "P106",
            "malformed JSON: Expecting property name enclosed in double quotes (column 2)",
        ),
    ],
)
def test_bad_lines(line: bytes, code: str, reason: str, settings: Settings) -> None:
    rejection = one(line, settings)
    assert isinstance(rejection, Rejection)
    assert (rejection.code, rejection.reason, rejection.record) == (code, reason, "1")


def test_unparseable_json_values_are_malformed(settings: Settings) -> None:
    deep = b"[" * 100_000
    huge = b'{"text": "x", "id": ' + b"1" * 5000 + b"}"
    results = read(deep + b"\n" + huge + b'\n{"text": "fine"}\n', settings)
    assert outline(results) == [("1", "P106"), ("2", "P106"), ("3", "article")]


def test_date_forms(settings: Settings) -> None:
    lines = [
        {"text": "a", "published": "2025-07-04"},
        {"text": "b", "published": "2025-07-04T23:30:00-05:00"},
        {"text": "c", "date": "2025-07-04T10:00:00Z"},
        {"text": "d", "published": "", "date": "2025-07-05"},
        {"text": "e", "published": None},
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    dates = [r.published for r in read(data, settings)]  # type: ignore[union-attr]
    # The date as written, whatever the time zone; blank and null count as absent.
    assert dates == [date(2025, 7, 4)] * 3 + [date(2025, 7, 5), None]


def test_text_wins_over_html_and_first_alias_wins(settings: Settings) -> None:
    line = {
        "text": "the text",
        "body": "the body",
        "html": "<p>html</p>",
        "url": "https://a.example/1",
    }
    article = one(json.dumps(line).encode(), settings)
    assert isinstance(article, RawArticle)
    assert article.raw_text == "the text"
    assert article.url == "https://a.example/1"


def test_blank_text_alias_falls_through_to_the_next(settings: Settings) -> None:
    article = one(b'{"text": " ", "body": "the body", "title": ""}', settings)
    assert isinstance(article, RawArticle)
    assert (article.raw_text, article.title) == ("the body", None)
