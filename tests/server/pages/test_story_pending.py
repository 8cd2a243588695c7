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
from collections.abc import Iterator
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
from tests.server.pages.test_pages import Page, assert_inert
from tests.server.pages.test_story_pages import seed_story

PENDING = 'id="comparison-pending"'


class Gate:
    """Holds every story comparison job until opened; counts the jobs that ran."""

    def __init__(self) -> None:
        self.opened = threading.Event()
        self.calls: list[str] = []
        self._make = stories.served_story_view

    def served_story_view(self, corpus: Corpus, story: Story, *, full: bool = False) -> StoryView:
        self.calls.append(story.id)
        assert self.opened.wait(60), "the test never opened the gate"
        return self._make(corpus, story, full=full)


@pytest.fixture
def db(web_db: Path, tmp_path: Path) -> Path:
    """A copy of the web corpus (nothing compared) that a test may write to."""
    copy = tmp_path / "corpus.db"
    shutil.copyfile(web_db, copy)
    return copy


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate()
    monkeypatch.setattr(stories, "served_story_view", held.served_story_view)
    monkeypatch.setattr(comparing, "PAGE_WAIT_SECONDS", 0.2)
    yield held
    held.opened.set()  # a failed test must not leave a job waiting


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
            page = assert_inert(answer.text)
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
