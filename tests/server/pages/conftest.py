"""Web fixtures: an analysed corpus with the seeds, the test inputs and hostile articles (with
hostile analysis too); a TestClient; the real server on a free local port; Debian's Chromium
driven by Playwright."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.model import Claim, Mention, Quantity, Quote, Story, TimeExpression, now
from parallax.report.story import StoryView
from parallax.server import comparing, stories
from parallax.server.app import create_app
from tests.conftest import EXAMPLES, FIXTURES, ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ARTIFACTS = ROOT / "test-artifacts"
INPUTS = (
    EXAMPLES / "seeds",
    FIXTURES / "jsonl" / "articles.jsonl",
    FIXTURES / "html" / "aeb" / "html",
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = (
    "Chromium is not installed, and the browser tests need it. On Debian or Ubuntu run "
    "`apt-get install -y chromium` (the tests drive /usr/bin/chromium through Playwright; "
    "never `playwright install`). Run the other tests with `-m 'not browser'`."
)


#: Script and markup payloads; every page must show them as text and never run them.
PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(2)>',
    "single": "'><svg/onload=alert(3)>",
    "close-title": "</title><script>alert(4)</script>",
    "iframe": "<iframe src=javascript:alert(5)></iframe>",
    "template": "{{ 7 * 7 }}{% raw %}",
}
HOSTILE_RECORDS = [
    {
        "url": "javascript:alert(6)",
        "title": f"Payloadcase one {PAYLOADS['script']}{PAYLOADS['close-title']}",
        "outlet": f"Outlet {PAYLOADS['attribute']}",
        "published": "2025-07-05",
        "text": "\n\n".join(f"Paragraph with {payload} inside it." for payload in PAYLOADS.values())
        + "\n\nEnough words here to make the article long enough to keep.",
    },
    {
        "url": 'https://evil.example/"><script>alert(7)</script>',
        "title": f"Payloadcase two {PAYLOADS['single']}",
        "published": "2025-07-06",
        "text": f"Another hostile article {PAYLOADS['iframe']} with <b>bold</b> words, long enough.",
    },
    {
        "url": " JaVaScRiPt:alert(8)",
        "title": "Payloadcase three data:text/html,<script>alert(9)</script>",
        "outlet": f"{PAYLOADS['script']}",
        "published": "2025-07-07",
        "text": f"A third hostile article {PAYLOADS['template']} with enough words to keep it.",
    },
]


HOSTILE_EXTRACTOR = "tests.hostile.v1"


def add_hostile_analysis(corpus: Corpus) -> None:
    """Give the first hostile article an analysis whose every field carries a payload.

    Entity names and labels, speakers, cues, time values and quantity units all come from the
    NLP stage, which reads article text; pages and reports must show them as text too.
    """
    (article,) = [
        a for a in corpus.articles.list() if (a.title or "").startswith("Payloadcase one")
    ]
    text, mentions, quotes, dates, claims = article.text, [], [], [], []
    for number, payload in enumerate(PAYLOADS.values()):
        start = text.index(payload)
        end = start + len(payload)
        label = PAYLOADS["attribute"] if number == 1 else "PERSON"
        mentions.append(
            Mention(article.id, start, end, payload, label, payload, HOSTILE_EXTRACTOR, payload)
        )
        sentence_start = text.rindex("Paragraph", 0, start)
        sentence_end = text.index(".", end) + 1
        quotes.append(
            Quote(
                article.id,
                sentence_start,
                sentence_end,
                text[sentence_start:sentence_end],
                "direct" if number % 2 else payload,
                HOSTILE_EXTRACTOR,
                speaker=payload,
                speaker_text=payload,
                speaker_start=start,
                speaker_end=end,
                cue=payload,
                cue_start=start,
                cue_end=end,
            )
        )
        dates.append(
            TimeExpression(article.id, start, end, payload, payload, payload, HOSTILE_EXTRACTOR)
        )
        claims.append(
            Claim(
                article.id,
                sentence_start,
                sentence_end,
                text[sentence_start:sentence_end],
                0.9,
                HOSTILE_EXTRACTOR,
                (Quantity(start, end, payload, 7.0, payload),),
            )
        )
    with corpus.store.transaction():
        corpus.store.save_analysis(
            article.id,
            corpus.analysis_version(),
            mentions=mentions,
            quotes=quotes,
            dates=dates,
            claims=claims,
            analyzed_at=now(),
        )
    corpus.analyze()  # nothing left to analyse: merges the hostile names into entities


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Chromium with Playwright (needs chromium)")


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, the JSON Lines and HTML fixtures, and three hostile articles."""
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile.jsonl"
    hostile.write_text("\n".join(json.dumps(record) for record in HOSTILE_RECORDS) + "\n")
    db = folder / "corpus.db"
    with Corpus(db, settings=Settings()) as corpus:
        # The seeds first, grouped on their own: they tell one story from two sides (The
        # Independent and SouthFront), which the story pages show; the rest joins later.
        seeds = corpus.ingest([str(INPUTS[0])])
        corpus.analyze()
        corpus.group_stories()
        report = corpus.ingest([*(str(path) for path in INPUTS[1:]), str(hostile)])
        corpus.analyze()
        add_hostile_analysis(corpus)
        corpus.group_stories()
    assert seeds.new_articles + report.new_articles >= 9, report
    return db


@pytest.fixture(scope="session")
def web(web_db: Path) -> Iterator[TestClient]:
    app = create_app(web_db, settings=Settings())
    with TestClient(app, headers={"accept": "text/html"}) as client:
        yield client


@pytest.fixture(scope="session")
def live_server(web_db: Path) -> Iterator[str]:
    """The real app under uvicorn on 127.0.0.1 and a free port; yields its base URL."""
    with serving(web_db) as base:
        yield base


@contextmanager
def serving(db: Path, settings: Settings | None = None) -> Iterator[str]:
    """Serve the store ``db`` with the real app under uvicorn (default settings unless
    given); yield its base URL."""
    import uvicorn

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    app = create_app(db, settings=settings or Settings())
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless; a clear failure (not a skip) when it is missing."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def payloads() -> dict[str, str]:
    """The script and markup payloads the hostile articles carry."""
    return PAYLOADS


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


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
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate()
    monkeypatch.setattr(stories, "served_story_view", held.served_story_view)
    monkeypatch.setattr(comparing, "PAGE_WAIT_SECONDS", 0.2)
    yield held
    held.opened.set()  # a failed test must not leave a job waiting
