"""ARC archives, JSON documents, headline-only feed items, unspaced scripts and redirect stubs,
on real samples: warcio's ARC test file, the benchmark pages, the seed articles, Apple's sample
podcast feed."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from parallax.config import Settings
from parallax.errors import Code
from parallax.ingest.feeds import read_feed
from parallax.ingest.jsondoc import read_json
from parallax.ingest.jsonl import read_jsonl
from parallax.ingest.outlets import OutletRegistry
from parallax.ingest.sniff import sniff_format
from parallax.ingest.sources import SourceFile, read_source
from parallax.ingest.text import looks_like_title, parse_text_article
from parallax.ingest.warc import read_warc
from parallax.model import ArticleResult, RawArticle, Rejection
from parallax.stages.ingest import process_article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
AEB = FIXTURES / "html" / "aeb"
SPACE_REVIEW = "c00962aabe7bdd1fca78f5360ea7fa93cd7674863b05157e00827506a7aa58c4"
JAPANESE = "85439e26c41c75901820d01a13e8cea7836abb58635ea3986f71a163ab0311d3"
ARC_HEAD = FIXTURES / "arc" / "space-in-url-head.arc"


def arc_record(url: str, stamp: str, page: bytes) -> bytes:
    """One ARC v1 record: the URL line, then the HTTP response it declares the length of."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    return f"{url} 66.220.28.232 {stamp} text/html {len(http)}\n".encode() + http + b"\n"


def build_arc(*, compress: bool) -> bytes:
    """warcio's own ARC test file (its first two records), plus one benchmark page."""
    head = ARC_HEAD.read_bytes()
    page = gzip.decompress((AEB / "html" / f"{SPACE_REVIEW}.html.gz").read_bytes())
    record = arc_record("http://www.thespacereview.com/article/3834/1", "20191118101500", page)
    if not compress:
        return head + record
    split = head.index(b"http://www.melforsenate.org")
    # ARC.gz, like WARC.gz, holds one gzip member per record.
    return b"".join(gzip.compress(part) for part in (head[:split], head[split:], record))


@pytest.mark.parametrize("compress", [False, True], ids=["arc", "arc.gz"])
def test_arc_files_are_read_through_warcio(settings: Settings, compress: bool) -> None:
    data = build_arc(compress=compress)
    assert sniff_format(data[:4096], name="crawl.arc.gz" if compress else "crawl.arc") == "warc"
    results = list(read_warc(io.BytesIO(data), source="crawl.arc", settings=settings))
    (raw,) = results  # the file description and the 400 response hold no article
    assert isinstance(raw, RawArticle)
    assert raw.title == "Seeking a bigger role for a big rocket"
    assert raw.url == "http://www.thespacereview.com/article/3834/1"
    assert raw.captured == "2019-11-18T10:15:00Z"
    assert raw.record is not None and int(raw.record) > 0


def test_a_whole_file_gzipped_warc_is_read_with_numbered_records(settings: Settings) -> None:
    from tests.ingest.test_warc import build_warc

    whole = gzip.compress(build_warc(compress=False))
    results = list(read_warc(io.BytesIO(whole), source="whole.warc.gz", settings=settings))
    assert [type(r).__name__ for r in results] == ["RawArticle"] * 4
    assert all(str(r.record).startswith("record ") for r in results)


def test_record_offsets_are_never_negative(settings: Settings) -> None:
    from tests.ingest.test_warc import build_warc

    # Cut inside a gzip member of a whole-file gzip: warcio's own offsets go negative here.
    whole = gzip.compress(build_warc(compress=False))
    for data in (whole[: len(whole) // 2], build_arc(compress=True)[:-40]):
        for result in read_warc(io.BytesIO(data), source="cut.warc.gz", settings=settings):
            assert not str(result.record or "").startswith("-"), result


def seed_records(settings: Settings) -> list[dict[str, object]]:
    """The objects of the JSON Lines fixture that read as articles."""
    path = FIXTURES / "jsonl" / "articles.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    with path.open("rb") as stream:
        kept = [
            int(str(r.record))
            for r in read_jsonl(stream, source="a", settings=settings)
            if isinstance(r, RawArticle)
        ]
    return [json.loads(lines[number - 1]) for number in kept]


@pytest.mark.parametrize("shape", ["array", "articles", "items", "object"])
def test_json_documents_are_sniffed_and_read(settings: Settings, shape: str) -> None:
    records = seed_records(settings)
    assert len(records) == 3
    document: object = {
        "array": records,
        "articles": {"status": "ok", "articles": records},
        "items": {"items": records},
        "object": records[0],
    }[shape]
    data = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")
    assert sniff_format(data[:4096], name="export.json") == "json"
    results = list(read_json(io.BytesIO(data), source="export.json", settings=settings))
    expected = 1 if shape == "object" else 3
    assert [type(r).__name__ for r in results] == ["RawArticle"] * expected
    assert [r.record for r in results] == [f"item {n}" for n in range(1, expected + 1)]
    assert results[0].raw_text == records[0]["text"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("shape", "first"),
    [("array", ""), ("articles", "status"), ("items", ""), ("late-articles", "note")],
)
def test_a_minified_json_document_past_the_sniffed_head_is_read_whole(
    settings: Settings, tmp_path: Path, shape: str, first: str
) -> None:
    records = seed_records(settings)
    # A metadata field longer than the head hides the list from the sniffer: JSON Lines is
    # chosen, and its reader finds a whole document on the one line.
    lead: dict[str, object] = {first: "x" * 5000} if shape == "late-articles" else {first: "ok"}
    key = "items" if shape == "items" else "articles"
    document = records if shape == "array" else {**lead, key: records}
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert len(data) > 4096 and b"\n" not in data
    expected_format = "jsonl" if shape == "late-articles" else "json"
    assert sniff_format(data[:4096], name="export.json") == expected_format
    path = tmp_path / "export.json"
    path.write_bytes(data + b"\n")
    results = list(read_source(SourceFile(str(path), path), settings=settings))
    assert [type(r).__name__ for r in results] == ["RawArticle"] * 3
    assert [r.record for r in results] == ["item 1", "item 2", "item 3"]
    with (FIXTURES / "jsonl" / "articles.jsonl").open("rb") as stream:
        lines = read_jsonl(stream, source="a", settings=settings)
        texts = [r.raw_text for r in lines if isinstance(r, RawArticle)]
    assert [r.raw_text for r in results] == texts  # type: ignore[union-attr]


def test_a_minified_single_record_stays_json_lines(settings: Settings) -> None:
    (record, *_) = seed_records(settings)
    # A record may carry a list under a document's key (its tags, say): it is still a record.
    for extra in ({"items_seen": ["a"], "note": "y" * 5000}, {"items": ["tag"], "n": "y" * 5000}):
        line = json.dumps({**record, **extra}).encode("utf-8")
        assert sniff_format(line[:4096], name="one.json") == "jsonl"
        assert sniff_format(line + b"\n", name="one.json") == "jsonl"
        (raw,) = read_json(io.BytesIO(line), source="one.json", settings=settings)
        assert isinstance(raw, RawArticle) and raw.record == "item 1"


def test_json_lines_stay_json_lines(settings: Settings) -> None:
    data = (FIXTURES / "jsonl" / "articles.jsonl").read_bytes()
    assert sniff_format(data[:4096], name="articles.json") == "jsonl"
    # Handed to the document reader anyway, several documents are read as JSON Lines.
    results = list(read_json(io.BytesIO(data), source="a.json", settings=settings))
    assert sum(isinstance(r, RawArticle) for r in results) == 3


def test_a_malformed_json_document_is_one_rejection_with_its_line(settings: Settings) -> None:
    data = b'[\n  {"text": "one"},\n  {"text": "two"\n]\n'
    (rejection,) = list(read_json(io.BytesIO(data), source="bad.json", settings=settings))
    assert isinstance(rejection, Rejection)
    assert rejection.code == Code.MALFORMED_JSON.value and "line 4" in rejection.reason


def test_headline_only_podcast_entries_are_kept(settings: Settings) -> None:
    data = (FIXTURES / "feeds" / "all-about-everything-podcast.xml").read_bytes()
    results = list(read_feed(io.BytesIO(data), source="podcast.xml", settings=settings))
    assert all(isinstance(r, RawArticle) for r in results)
    assert [r.title for r in results] == [  # type: ignore[union-attr]
        "Shake Shake Shake Your Spices",
        "Socket Wrench Shootout",
        "Red, Whine, & Blue",
    ]
    assert all(r.flags == ("summary_only",) for r in results)  # type: ignore[union-attr]
    # Each guid is named within its feed; the entry without one falls back to its text.
    assert [r.identity for r in results] == [  # type: ignore[union-attr]
        "feed:https://example.com/everything/index.html#episode3",
        "feed:https://example.com/everything/index.html#episode2",
        None,
    ]
    outlets = OutletRegistry([])
    processed = [process_article(r, settings=settings, outlets=outlets) for r in results]  # type: ignore[arg-type]
    assert all(isinstance(p, ArticleResult) for p in processed)
    assert len({p.article.id for p in processed}) == 3  # type: ignore[union-attr]


def japanese_body() -> str:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    return str(truth[JAPANESE]["articleBody"]).strip()


def test_an_unspaced_headline_is_a_title_and_its_lead_paragraph_is_not(
    settings: Settings,
) -> None:
    body = japanese_body()
    lead = body.splitlines()[0]
    assert not looks_like_title(lead)
    raw = parse_text_article(f"商品の改造が商標法違反に！？\n\n{body}\n", source="ja.txt")
    assert raw.title == "商品の改造が商標法違反に！？"
    headless = parse_text_article(body + "\n", source="ja.txt")
    assert headless.title is None
    result = process_article(headless, settings=settings, outlets=OutletRegistry([]))
    assert isinstance(result, ArticleResult)
    assert len(result.article.text) > 200


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Object Moved\nThis document may be found here", None),
        ("The document has moved here.", "301 Moved Permanently"),
        ("The requested URL /news/a was not found on this server.", "404 Not Found"),
    ],
)
def test_redirect_stubs_and_error_pages_are_rejected_with_their_own_code(
    settings: Settings, text: str, title: str | None
) -> None:
    raw = RawArticle(source="crawl.jsonl", raw_text=text, format="jsonl", record="7", title=title)
    rejection = process_article(raw, settings=settings, outlets=OutletRegistry([]))
    assert isinstance(rejection, Rejection)
    assert (rejection.code, rejection.record) == (Code.NOT_ARTICLE.value, "7")


def test_an_article_that_mentions_an_error_page_is_kept(settings: Settings) -> None:
    body = japanese_body()
    text = f"{body}\n\nThe old page now says 404 Not Found."
    raw = RawArticle(source="a.txt", raw_text=text, format="text")
    assert isinstance(
        process_article(raw, settings=settings, outlets=OutletRegistry([])), ArticleResult
    )


def test_a_json_document_of_schema_org_news_articles(settings: Settings) -> None:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    # The benchmark's ground truth is itself schema.org NewsArticle JSON: url and articleBody.
    data = json.dumps(list(truth.values()), indent=1).encode("utf-8")
    results = list(read_json(io.BytesIO(data), source="truth.json", settings=settings))
    assert all(isinstance(r, RawArticle) for r in results) and len(results) == 3
    assert [r.raw_text for r in results] == [v["articleBody"] for v in truth.values()]  # type: ignore[union-attr]
