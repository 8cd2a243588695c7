"""``parallax report``: one self-contained HTML page (no script, no asset from elsewhere, all
content escaped), Markdown that renders nothing from the articles as markup, and JSON."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from parallax.cli import app, main
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.errors import ConfigError
from parallax.report import build_report, write_report
from tests.server.pages.test_analysis_pages import Marks
from tests.server.pages.test_pages import Page

runner = CliRunner()
# Tags that would load or run something; a report has none (its CSS is one <style> element).
LOADING_TAGS = {"script", "iframe", "img", "svg", "object", "embed", "frame", "base", "link"}


def report(web_db: Path, *refs: str, fmt: str = "html", out: Path | None = None) -> str:
    args = ["report", "--db", str(web_db), "--format", fmt, *refs]
    result = runner.invoke(app, [*args, *(["-o", str(out)] if out else [])])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8") if out else result.stdout


def ids_of(web_db: Path, outlet: str | None = None, title: str = "") -> list[str]:
    with Corpus(web_db, settings=Settings()) as corpus:
        articles = corpus.articles.list(outlet=outlet)
    return [a.id for a in articles if (a.title or "").startswith(title)]


def assert_self_contained(html: str) -> Page:
    """No script, no handler, nothing loaded from anywhere: only links for a person to follow."""
    assert "<script" not in html.lower()
    page = Page(html)
    for tag, attrs in page.tags:
        chart = tag == "svg" and attrs.get("class") in {"coverage-chart", "share-bar"}  # inline
        assert tag not in LOADING_TAGS or chart, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in ("src", "action", "srcset", "poster", "data"):
                raise AssertionError((tag, name, value))  # nothing to load
            if name == "href":
                assert tag == "a" and value, (tag, value)
                assert value.startswith("#") or re.match(r"https?://", value), value
    styles = [tag for tag, _ in page.tags if tag == "style"]
    assert len(styles) == 1
    css = html[html.index("<style>") : html.index("</style>")]
    assert "url(" not in css and "@import" not in css and "http" not in css
    policy = ("meta", {"http-equiv": "Content-Security-Policy"})
    metas = [attrs for tag, attrs in page.tags if tag == policy[0] and "http-equiv" in attrs]
    assert metas and (metas[0]["content"] or "").startswith("default-src 'none'; style-src")
    return page


def test_html_report_of_one_article(web_db: Path, tmp_path: Path) -> None:
    (independent,) = ids_of(web_db, "independent")
    html = report(web_db, independent[:8], out=tmp_path / "r.html")
    page = assert_self_contained(html)
    marks = Marks(html)
    assert "Putin is mocking your peace efforts" in marks.quotes("Radek Sikorski")
    assert "I didn't make any progress" in marks.quotes("Donald Trump")
    assert any(attrs.get("datetime") == "2025-07-03" for attrs, _ in marks.marks)
    text = page.all_text()
    for heading in ("Who said what", "Named", "When", "Claims", "Legend"):
        assert heading in text
    ids = {attrs["id"] for _, attrs in page.tags if attrs.get("id")}
    internal = {attrs["href"][1:] for attrs in page.links() if attrs["href"][:1] == "#"}
    assert internal and internal <= ids  # every internal link lands, entity links included


def test_report_of_an_outlet_and_of_several_articles(web_db: Path) -> None:
    (southfront,) = ids_of(web_db, "southfront")
    (independent,) = ids_of(web_db, "independent")
    html = report(web_db, "southfront", independent)
    page = assert_self_contained(html)
    assert page.all_text().count("Who said what") == 2
    order = [html.index(f"<code>{article_id}</code>") for article_id in (southfront, independent)]
    assert order == sorted(order)  # in the order asked
    ids = [attrs["id"] for _, attrs in page.tags if attrs.get("id")]
    assert len(ids) == len(set(ids))  # anchors stay unique across articles
    markdown = report(web_db, "southfront", independent, fmt="md")
    assert markdown.startswith("# 2 articles") and markdown.count("### Who said what") == 2


def test_json_report_has_the_export_fields(web_db: Path) -> None:
    (independent,) = ids_of(web_db, "independent")
    body = json.loads(report(web_db, independent, fmt="json"))
    assert body["report"]["kind"] == "article"
    (article,) = body["articles"]
    assert article["id"] == independent and article["outlet_profile"]["id"] == "independent"
    for field in ("entities", "quotes", "dates", "claims"):
        for item in article[field]:
            assert article["text"][item["start"] : item["end"]] == item["text"]
    assert any(q["speaker"] == "Radek Sikorski" and q["speaker_id"] for q in article["quotes"])


def test_markdown_report(web_db: Path) -> None:
    (independent,) = ids_of(web_db, "independent")
    text = report(web_db, independent, fmt="md")
    assert "## Who said what" in text and "**Radek Sikorski**" in text
    assert (
        "| Thursday | 2025\\-07\\-03 | DATE |" in text or "| Thursday | 2025-07-03 | DATE |" in text
    )


def test_hostile_content_is_escaped_in_every_format(
    web_db: Path, payloads: dict[str, str], tmp_path: Path
) -> None:
    hostile = ids_of(web_db, title="Payloadcase")
    assert len(hostile) == 3
    html = report(web_db, *hostile)
    page = assert_self_contained(html)
    for payload in payloads.values():
        if set(payload) & set("<>\"'"):
            assert payload not in html
        assert payload in page.all_text()  # shown as written
    assert "article 49" not in html
    markdown = report(web_db, *hostile, fmt="md")
    assert "<" not in markdown.replace("\\<", "")  # every < is escaped: no HTML renders
    assert "](javascript" not in markdown
    document = json.loads(report(web_db, *hostile, fmt="json"))
    assert payloads["script"] in json.dumps(document, ensure_ascii=False)


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """Run the CLI's entry point (with its error handler); return the exit status."""
    monkeypatch.setattr(sys, "argv", ["parallax", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    return int(exit_info.value.code or 0)


def test_unknown_refs_and_formats_fail_with_one_line(
    web_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_main(monkeypatch, "report", "--db", str(web_db), "0000000000000000") == 1
    error = capsys.readouterr().err
    assert "P114 no article or outlet with articles matches '0000000000000000'" in error
    assert error.count("\n") == 1
    (independent,) = ids_of(web_db, "independent")
    args = ("report", "--db", str(web_db), "--format", "pdf", independent)
    assert run_main(monkeypatch, *args) == 2
    assert "unknown report format 'pdf'" in capsys.readouterr().err


def test_write_report_rejects_an_unknown_format(web_db: Path) -> None:
    (independent,) = ids_of(web_db, "independent")
    with Corpus(web_db, settings=Settings()) as corpus:
        built = build_report(corpus, [independent])
        with pytest.raises(ConfigError, match="name at least one article id or outlet"):
            build_report(corpus, [])
    assert (built.title, built.kind) == (f"Article {independent}", "article")
    with pytest.raises(ConfigError, match="unknown report format 'docx'"):
        write_report(built, "docx")


def test_the_article_page_offers_its_report(web: TestClient) -> None:
    (item,) = web.get("/api/articles", params={"outlet": "independent"}).json()["items"]
    response = web.get(f"/articles/{item['id']}/report.html")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert_self_contained(response.text)
    markdown = web.get(f"/articles/{item['id']}/report.md")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert web.get(f"/articles/{item['id']}/report.json").json()["articles"][0]["id"] == item["id"]
    assert web.get(f"/articles/{item['id']}/report.pdf").status_code == 404
