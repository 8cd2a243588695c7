"""Identity end to end: nothing is ever stored over another article. Archives are built at test
time from the benchmark's real pages (tests/fixtures/html/aeb), as tests/ingest/test_warc.py does."""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax import Corpus
from parallax.cli import app
from parallax.export import export_corpus

AEB = Path(__file__).resolve().parent / "fixtures" / "html" / "aeb" / "html"
EUROPA = "14cc2a0ca59c62a8c9f205a171e9ccf4ef4cf69b0c642f51c8c65c051b39024f"
ROCKET = "c00962aabe7bdd1fca78f5360ea7fa93cd7674863b05157e00827506a7aa58c4"
FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"


def page(
    doc_id: str, *, canonical: str | None = None, edit: tuple[str, str] | None = None
) -> bytes:
    html = gzip.decompress((AEB / f"{doc_id}.html.gz").read_bytes()).decode("utf-8")
    html = re.sub(r"<link[^>]+rel=.canonical[^>]*>", "", html)
    if canonical:
        html = html.replace("</head>", f'<link rel="canonical" href="{canonical}"></head>', 1)
    if edit:
        assert edit[0] in html
        html = html.replace(edit[0], edit[1])
    return html.encode("utf-8")


def warc(*captures: tuple[str, str, bytes]) -> bytes:
    """A WARC.gz of HTML responses: (target URI, WARC-Date, page) each."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, when, body in captures:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=UTF-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": when},
            )
        )
    return buffer.getvalue()


def test_pages_declaring_the_home_page_canonical_are_kept_apart(tmp_path: Path) -> None:
    home = "https://www.sciencealert.com/"
    archive = tmp_path / "site.warc.gz"
    archive.write_bytes(
        warc(
            (
                "https://www.sciencealert.com/facts/",
                "2024-03-01T10:00:00Z",
                page(EUROPA, canonical=home),
            ),
            (
                "https://www.sciencealert.com/lineage/",
                "2024-03-01T10:01:00Z",
                page(ROCKET, canonical=home),
            ),
        )
    )
    with Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest([str(archive)])
        urls = sorted(str(a.url) for a in corpus.articles.list())
    assert (report.new_articles, report.revised, report.duplicates) == (2, 0, 0)
    assert urls == ["https://www.sciencealert.com/facts/", "https://www.sciencealert.com/lineage/"]


def test_two_captures_of_one_url_are_two_revisions(tmp_path: Path) -> None:
    url = "https://www.sciencealert.com/nasa-finds-water-plumes"
    first = page(EUROPA)
    later = page(
        EUROPA, edit=("Goddard Space Flight Center", "Goddard Space Flight Centre, Maryland")
    )
    day1, day2 = tmp_path / "day1.warc.gz", tmp_path / "day2.warc.gz"
    day1.write_bytes(warc((url, "2019-11-18T08:00:00Z", first)))
    day2.write_bytes(warc((url, "2019-11-19T08:00:00Z", later)))
    for order in ([day1, day2], [day2, day1]):
        db = tmp_path / f"{order[0].stem}.db"
        with Corpus(db) as corpus:
            reports = [corpus.ingest([str(path)]) for path in order]
            (article,) = corpus.articles.list()
            revisions = corpus.articles.revisions(article.id)
            exported = json.loads(export_corpus(corpus, "json") or "")
        assert [r.new_articles for r in reports] == [1, 0]
        assert [r.revised for r in reports] == [0, 1]
        # The latest capture is shown, whichever came in first; both are kept.
        assert article.captured == "2019-11-19T08:00:00Z"
        assert "Centre, Maryland" in article.text
        assert [r.captured for r in revisions] == ["2019-11-18T08:00:00Z", "2019-11-19T08:00:00Z"]
        assert [r["captured"] for r in exported["articles"][0]["revisions"]] == [
            "2019-11-18T08:00:00Z",
            "2019-11-19T08:00:00Z",
        ]


def test_the_same_capture_again_changes_nothing(tmp_path: Path) -> None:
    url = "https://www.thespacereview.com/article/3834/1"
    data = warc((url, "2019-11-18T08:00:00Z", page(ROCKET)))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.warc.gz").write_bytes(data)
    (tmp_path / "b" / "x.warc.gz").write_bytes(data)
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(tmp_path / "a")])
        again = corpus.ingest([str(tmp_path / "b")])
        assert len(corpus.articles.revisions(corpus.articles.list()[0].id)) == 1
    assert (again.new_articles, again.revised, again.duplicates) == (0, 0, 0)
    assert [(f.read, f.unchanged) for f in again.files] == [(1, 1)]


def test_a_copy_declaring_its_original_is_linked_not_merged(tmp_path: Path) -> None:
    original = "https://www.thespacereview.com/article/3834/1"
    archive = tmp_path / "amp.warc.gz"
    archive.write_bytes(
        warc(
            (original, "2019-11-18T08:00:00Z", page(ROCKET, canonical=original)),
            (original + "?amp=1", "2019-11-18T08:05:00Z", page(ROCKET, canonical=original)),
        )
    )
    with Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest([str(archive)])
        articles = corpus.articles.list()
    assert (report.new_articles, report.duplicates) == (2, 1)
    by_url = {str(a.url): a for a in articles}
    assert by_url[original].duplicate_of is None
    assert by_url[original + "?amp=1"].duplicate_of == by_url[original].id


def test_one_id_in_two_sources_is_never_stored_over(tmp_path: Path) -> None:
    one, two = tmp_path / "wire-a.jsonl", tmp_path / "wire-b.jsonl"
    first = "Kyiv's struggle amid shifting US support: a first text, long enough to be kept."
    second = "Hurricane season opens early in the Atlantic: a second text, long enough too."
    one.write_text(json.dumps({"id": "1", "text": first}) + "\n")
    two.write_text(json.dumps({"id": "1", "text": second}) + "\n")
    same_url = tmp_path / "later.jsonl"
    same_url.write_text(
        json.dumps({"id": "7", "url": "https://a.example/story", "text": first}) + "\n"
        + json.dumps({"id": "7", "url": "https://a.example/story", "text": second}) + "\n"
    )  # fmt: skip
    with Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest([str(one), str(two), str(same_url)])
        texts = sorted(a.text for a in corpus.articles.list())
        by_url = next(a for a in corpus.articles.list() if a.url)
        kept = [r.text for r in corpus.articles.revisions(by_url.id)]
    assert (report.new_articles, report.revised) == (3, 1)
    assert texts.count(first) + texts.count(second) == 3
    assert kept == [first, second]


def test_a_podcast_feed_keeps_every_entry(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest([str(FEEDS / "all-about-everything-podcast.xml")])
        flags = [a.flags for a in corpus.articles.list()]
    assert report.new_articles == 3 and not report.rejections
    assert flags == [("summary_only",)] * 3


def test_ingest_prints_a_table_per_source_and_json(tmp_path: Path, seed_dir: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Object Moved\\nThis document may be found here"}\n{"oops"\n')
    runner = CliRunner()
    shown = runner.invoke(app, ["ingest", str(seed_dir), str(bad), "--db", str(tmp_path / "c.db")])
    assert shown.exit_code == 0, shown.output
    flat = " ".join(shown.output.split())
    assert "2 stored, 0 updated as new revisions, 0 duplicates linked" in flat
    assert "P106" in shown.output and "P117" in shown.output
    printed = runner.invoke(
        app, ["ingest", str(seed_dir), str(bad), "--db", str(tmp_path / "j.db"), "--json"]
    )
    report = json.loads(printed.stdout)
    rows = {Path(row["source"]).name: row for row in report["files"]}
    assert (rows["bad.jsonl"]["read"], rows["bad.jsonl"]["rejected"]) == (2, {"P106": 1, "P117": 1})
    assert sum(row["stored"] for row in rows.values()) == report["new_articles"] == 2
