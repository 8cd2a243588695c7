"""A story page's first view when its comparison is not stored: served at once with what is
stored and a section saying the comparison is being computed, while one job per story computes
it apart; the next view shows it whole, the same comparison ``parallax report`` computes.

The store is the web corpus (the seeds and the test inputs, analysed and grouped, nothing
compared). The job is held at a gate the test opens, so that "before" and "after" do not
depend on how fast this machine compares.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.model import Story
from parallax.report import build_report, write_report
from parallax.report.story import StoryView
from parallax.server import comparing, stories
from parallax.server.app import create_app
from parallax.server.cache import Memo
from tests.server.pages.conftest import Gate
from tests.server.pages.test_pages import Page, assert_inert
from tests.server.pages.test_story_pages import seed_story

PENDING = 'id="comparison-pending"'


@pytest.fixture
def db(web_db: Path, tmp_path: Path) -> Path:
    """A copy of the web corpus (nothing compared) that a test may write to."""
    copy = tmp_path / "corpus.db"
    shutil.copyfile(web_db, copy)
    return copy


def _client(db: Path) -> TestClient:
    return TestClient(create_app(db, settings=Settings()), headers={"accept": "text/html"})


def _section(html: str, css: str) -> str:
    """The first ``<section class="css" ...>...</section>`` of a page."""
    found = re.search(rf'<section class="{css}"[^>]*>.*?</section>', html, re.S)
    assert found is not None, css
    return found.group(0)


def _wait_for_jobs(client: TestClient) -> None:
    for job in client.app.state.comparison_jobs.pending():  # type: ignore[attr-defined]
        job.result(timeout=120)


def test_first_view_is_served_at_once_then_whole(db: Path, gate: Gate) -> None:
    with Corpus(db, settings=Settings()) as corpus:
        story = seed_story(corpus)
        assert not corpus.stories.compared(story.id)  # the case this page is for
        articles = corpus.stories.articles_of(story)
    url = f"/stories/{story.id}"
    with _client(db) as client:
        first = client.get(url)
        again = client.get(url)  # while the job still waits: served again, not from a cache
        assert first.status_code == again.status_code == 200
        for answer in (first, again):
            assert answer.headers["cache-control"] == "no-store"
            assert PENDING in answer.text
            assert "Comparison being computed" in answer.text
        assert gate.calls == [story.id]  # one job for the story, however many views
        page = Page(first.text)
        links = {a.get("href") for a in page.links()}
        assert {f"/articles/{a.id}" for a in articles} <= links  # every article listed
        assert "The Independent" in page.all_text() and "SouthFront" in page.all_text()
        # No comparison is shown as if it were one: no outlet's claims, no contradictions.
        assert 'id="reports-' not in first.text
        assert "No comparison of this story yet" not in _section(first.text, "contradictions")

        gate.opened.set()
        _wait_for_jobs(client)
        whole = client.get(url)
        assert whole.status_code == 200
        assert PENDING not in whole.text
        assert 'id="reports-' in whole.text  # each outlet's claims, from the comparison
        assert "no-store" not in whole.headers.get("cache-control", "")
        assert client.get(url).headers["etag"] == whole.headers["etag"]  # now kept
        for css in ("timeline", "coverage"):  # what was stored, the same before and after
            assert _section(first.text, css) == _section(whole.text, css)
        api = client.get(f"/api/stories/{story.id}/comparison", headers={"accept": "*/*"})
        assert api.status_code == 200
    assert gate.calls == [story.id]  # the API answered from the job's view

    # The same page as a server that waits for the comparison shows it (the old first view).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(comparing, "PAGE_WAIT_SECONDS", None)
        with _client(db) as waiting:
            assert waiting.get(url).text == whole.text
    # ... and the same comparison as `parallax report STORY_ID --format json` computes.
    with Corpus(db, settings=Settings()) as corpus:
        report = json.loads(write_report(build_report(corpus, [story.id]), "json") or "")
    assert report["story"]["comparison"] == api.json()


def _article(html: str) -> str:
    """The page's body: its one ``<article class="story">`` element."""
    found = re.findall(r'<article class="story">.*?</article>', html, re.S)
    assert len(found) == 1
    return str(found[0])


def _scripts(html: str) -> list[dict[str, str | None]]:
    return [attrs for tag, attrs in Page(html).tags if tag == "script"]


def test_the_body_route_answers_202_until_the_comparison_is_there(db: Path, gate: Gate) -> None:
    with Corpus(db, settings=Settings()) as corpus:
        story = seed_story(corpus)
    url, body_url = f"/stories/{story.id}", f"/stories/{story.id}/body"
    with _client(db) as client:
        first = client.get(url)
        assert PENDING in first.text
        # The pending page runs one script, this server's own, and says where it asks.
        assert _scripts(first.text) == [{"src": "/static/story-fill.js", "defer": None}]
        assert f'data-fill="{body_url}"' in first.text
        assert f'<a href="{url}">reload this page</a>' in first.text  # without script
        script = client.get("/static/story-fill.js")
        assert script.status_code == 200
        assert script.headers["content-type"].split(";")[0] in {
            "text/javascript",
            "application/javascript",
        }
        for _ in range(2):  # polled while the job waits: never kept, nothing in the body
            waiting = client.get(body_url)
            assert waiting.status_code == 202
            assert waiting.headers["cache-control"] == "no-store"
            assert waiting.headers["retry-after"] == "1"
            assert waiting.content == b""
        assert len(client.app.state.comparison_jobs.pending()) == 1  # type: ignore[attr-defined]

        gate.opened.set()
        _wait_for_jobs(client)
        assert gate.calls == [story.id]  # the page's job, not one per poll
        ready = client.get(body_url)
        whole = client.get(url)
        assert ready.status_code == whole.status_code == 200
        assert ready.headers["content-type"].startswith("text/html")
        assert "no-store" not in ready.headers.get("cache-control", "")
        assert client.get(body_url).headers["etag"] == ready.headers["etag"]  # kept
        # The body is the whole page's, byte for byte; the whole page runs no script.
        assert ready.text.strip() == _article(whole.text)
        assert 'id="reports-' in ready.text and PENDING not in ready.text
        assert _scripts(whole.text) == []
        assert_inert(whole.text)
        assert client.get(f"/stories/{story.id}/body?full=1").status_code in (200, 202)
        assert client.get("/stories/snothing/body").status_code == 404


def test_a_poll_starts_the_job_a_full_queue_turned_away(
    db: Path, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Corpus(db, settings=Settings()) as corpus:
        story = seed_story(corpus)
    with _client(db) as client:
        jobs = client.app.state.comparison_jobs  # type: ignore[attr-defined]
        monkeypatch.setattr(jobs, "_limit", 0)  # every job turned away: the page pending
        assert PENDING in client.get(f"/stories/{story.id}").text
        assert gate.calls == [] and jobs.pending() == []
        monkeypatch.setattr(jobs, "_limit", 32)
        assert client.get(f"/stories/{story.id}/body").status_code == 202
        assert len(jobs.pending()) == 1  # the poll started it
        gate.opened.set()
        _wait_for_jobs(client)
        assert gate.calls == [story.id]
        assert client.get(f"/stories/{story.id}/body").status_code == 200


def test_pending_pages_escape_what_articles_say(
    db: Path, gate: Gate, payloads: dict[str, str]
) -> None:
    with Corpus(db, settings=Settings()) as corpus:
        ids = [s.id for s in corpus.stories.list()]
    seen = ""
    with _client(db) as client:
        for story_id in ids:
            answer = client.get(f"/stories/{story_id}")
            assert answer.status_code == 200, story_id
            assert PENDING in answer.text, story_id  # nothing compared in this store
            # The one script is this server's own (tested in the browser); else inert.
            without = answer.text.replace('<script src="/static/story-fill.js" defer></script>', "")
            assert without.count("<script") == 0, story_id
            page = assert_inert(without)
            seen += page.all_text()
            for payload in payloads.values():
                if set(payload) & set("<>\"'"):
                    assert payload not in answer.text, (story_id, payload)
        gate.opened.set()
    assert "Payloadcase one" in seen  # the hostile articles were among the pages


def test_jobs_are_one_per_view_bounded_and_cancelled_at_close() -> None:
    memo = Memo(8)
    memo.observe(1)
    opened, running, made = threading.Event(), threading.Event(), []

    def make(name: str) -> object:
        made.append(name)
        running.set()
        assert opened.wait(60)
        return name

    jobs = comparing.ComparisonJobs(threads=1, limit=2)
    first = jobs.start(memo, "a", lambda: make("a"))  # type: ignore[arg-type,return-value]
    assert jobs.start(memo, "a", lambda: make("again")) is first  # type: ignore[arg-type,return-value]
    queued = jobs.start(memo, "b", lambda: make("b"))  # type: ignore[arg-type,return-value]
    assert queued is not None and queued is not first
    assert jobs.start(memo, "c", lambda: make("c")) is None  # type: ignore[arg-type,return-value]
    assert running.wait(60)
    jobs.close()  # "b" never starts; "a" is running and ends
    opened.set()
    assert first is not None and first.result(timeout=60) == "a"
    assert queued.cancelled()
    assert made == ["a"]
    assert memo.lookup("a") == (True, "a") and memo.lookup("b") == (False, None)


def test_a_first_view_reads_no_analysis_when_nothing_is_stored(
    db: Path, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no comparison of the story stored, the page's own view does not read every
    article's analysis for the key of a current one (the job reads them)."""
    from parallax.store.sqlite import SQLiteStore

    read: list[str] = []
    analysis = SQLiteStore.analysis

    def counted(self: SQLiteStore, article_id: str, **options: bool) -> object:
        read.append(article_id)
        return analysis(self, article_id, **options)

    with Corpus(db, settings=Settings()) as corpus:
        story = seed_story(corpus)
    monkeypatch.setattr(SQLiteStore, "analysis", counted)
    with _client(db) as client:
        assert PENDING in client.get(f"/stories/{story.id}").text
        assert read == []  # the page's view; the job is held at the gate
        gate.opened.set()
        _wait_for_jobs(client)
        assert set(read) >= set(story.article_ids)  # the job read them
        assert 'id="reports-' in client.get(f"/stories/{story.id}").text


def _served_in_thread(client: TestClient, url: str) -> dict[str, str]:
    """GET ``url`` in a thread; the answer's text once it is there (a page that waited for its
    job, held at the gate, would not answer while the test holds it)."""
    answer: dict[str, str] = {}
    thread = threading.Thread(target=lambda: answer.update(text=client.get(url).text))
    thread.start()
    thread.join(30)
    return answer


def test_a_page_does_not_wait_for_a_job_queued_behind_another(
    db: Path, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(comparing, "PAGE_WAIT_SECONDS", 60.0)  # long: only the rule ends it
    monkeypatch.setattr(stories, "pending_seconds", lambda view, budget: 0.0)
    with Corpus(db, settings=Settings()) as corpus:
        first, second = (s.id for s in corpus.stories.list()[:2])
    with _client(db) as client:
        jobs = client.app.state.comparison_jobs  # type: ignore[attr-defined]
        held = _served_in_thread(client, f"/stories/{first}")  # its job runs, held
        assert held == {} and gate.calls == [first]
        queued = _served_in_thread(client, f"/stories/{second}")
        assert PENDING in queued["text"]  # served at once: its job waits behind the first
        assert len(jobs.pending()) == 2
        gate.opened.set()
        _wait_for_jobs(client)


def test_the_wait_ends_a_fixed_time_after_the_request_began(
    db: Path, gate: Gate, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Making the page's view counts against its wait: a view that took the whole wait (a
    clock moved on while it was made) is served pending at once, not after a second wait."""
    clock = [0.0]
    monkeypatch.setattr(stories, "monotonic", lambda: clock[0])
    made = stories.page_view_now

    def slow(corpus: Corpus, story: Story) -> StoryView:
        clock[0] += 61.0
        return made(corpus, story)

    monkeypatch.setattr(comparing, "PAGE_WAIT_SECONDS", 60.0)
    monkeypatch.setattr(stories, "pending_seconds", lambda view, budget: 0.0)
    monkeypatch.setattr(stories, "page_view_now", slow)
    with Corpus(db, settings=Settings()) as corpus:
        story = seed_story(corpus)
    with _client(db) as client:
        answer = _served_in_thread(client, f"/stories/{story.id}")
        assert PENDING in answer["text"]
        gate.opened.set()
        _wait_for_jobs(client)
    assert gate.calls == [story.id]
