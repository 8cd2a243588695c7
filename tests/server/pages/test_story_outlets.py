"""A story many outlets tell: its page shows a few outlets in detail and each list's first
items, whatever the story's size, and everything it leaves out is one link away (the other
outlets' pages of the story, their list, each list whole), escaped like the rest.

The story is stored as the pages read it (articles, story, assignments); its comparison is
built here span by span from the articles' text, as many claims, omissions, speakers, terms
and contradictions per outlet as a long story has, so that every list overflows the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from html import unescape
from itertools import pairwise
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from parallax.comparison import (
    ClaimGroup,
    Contradiction,
    ContradictionSide,
    Evidence,
    Framing,
    FramingFinding,
    OutletComparison,
    Sourcing,
    SpeakerQuotes,
    StoryComparison,
    Tone,
)
from parallax.config import Settings
from parallax.corpus import Corpus
from parallax.model import Article, Story, now
from parallax.server.app import create_app
from tests.server.pages.conftest import PAYLOADS
from tests.server.pages.test_pages import assert_inert

#: Outlets of the story; the first tells it in 4 articles, the hostile one in 1, the rest in 2.
OUTLETS = 40
FIRST = "Outlet 00"
HOSTILE = f"Outlet {PAYLOADS['attribute']}"
SENTENCES = 30  # per article: each one a claim
PER_OUTLET = 14  # speakers, quotes per speaker, terms, techniques, tone names, omissions
STORY_ID = "smany"


def _outlet(number: int) -> str:
    return HOSTILE if number == OUTLETS - 1 else f"Outlet {number:02d}"


def _text(outlet: int, article: int) -> str:
    payload = PAYLOADS["script"] if outlet == OUTLETS - 1 else ""
    return " ".join(
        f"Claim {n} of outlet {outlet} article {article} says {payload}something {n}."
        for n in range(SENTENCES)
    )


def _records() -> list[dict[str, str]]:
    records = []
    for number in range(OUTLETS):
        count = 4 if number == 0 else 1 if number == OUTLETS - 1 else 2
        for article in range(count):
            day = date(2025, 3, 1) + timedelta(days=(number + article) % 20)
            records.append(
                {
                    "url": f"https://outlet{number}.example/{article}",
                    "title": f"Headline {article} of {_outlet(number)}",
                    "outlet": _outlet(number),
                    "published": day.isoformat(),
                    "text": _text(number, article),
                }
            )
    return records


def _spans(article: Article) -> list[Evidence]:
    """Each sentence of an article as a span of its text."""
    found, start = [], 0
    for match in re.finditer(r"[^.]+\.", article.text):
        start, end = match.start() + (len(match.group()) - len(match.group().lstrip())), match.end()
        found.append(
            Evidence(article.id, article.outlet or "unknown", start, end, article.text[start:end])
        )
    return found


def _comparison(articles: list[Article]) -> StoryComparison:
    """A comparison of every outlet with long lists: each sentence a claim; the first claim of
    each article in one group every outlet reports, the rest its own; each outlet omits the
    first claims of the next outlets; and one contradiction between each outlet and the next."""
    by_outlet: dict[str, list[Article]] = {}
    for article in articles:
        by_outlet.setdefault(article.outlet or "unknown", []).append(article)
    names = list(by_outlet)
    spans = {name: [s for a in by_outlet[name] for s in _spans(a)] for name in names}
    shared = ClaimGroup("gshared", spans[names[0]][0].text, tuple(spans[n][0] for n in names))
    own = {
        name: [ClaimGroup(f"g-{i}-{k}", s.text, (s,)) for k, s in enumerate(spans[name][1:])]
        for i, name in enumerate(names)
    }
    groups = (shared, *(g for name in names for g in own[name]))
    contradictions = tuple(
        Contradiction(
            "number",
            ContradictionSide(spans[a][1]),
            ContradictionSide(spans[b][2]),
            0.9,
            f"{a} and {b} disagree",
            "tests",
        )
        for a, b in pairwise(names)
    )
    columns = []
    for i, name in enumerate(names):
        mine = spans[name]
        nxt = own[names[(i + 1) % len(names)]]
        quotes = tuple(
            SpeakerQuotes(
                f"Speaker {k} {PAYLOADS['single']}",
                True,
                tuple(mine[:PER_OUTLET]),
                shared_with=tuple(names[:PER_OUTLET]),
            )
            for k in range(PER_OUTLET)
        )
        findings = tuple(
            FramingFinding(mine[k], "Loaded_Language", 0.9, "tests") for k in range(PER_OUTLET)
        )
        terms = tuple(
            FramingFinding(
                Evidence(s.article_id, name, s.start, s.start + 5, s.text[:5] + str(k)),
                "loaded",
                1.0,
                "parallax.loaded",
            )
            for k, s in enumerate(mine[:PER_OUTLET])
        )
        framing = Framing(
            terms,
            findings,
            tuple(Tone(f"Name {k}", 0.1, 2) for k in range(PER_OUTLET)),
            biased_sentences=findings,
        )
        columns.append(
            OutletComparison(
                name,
                tuple(a.id for a in by_outlet[name]),
                (None, None),
                tuple(mine),
                tuple(g.id for g in own[name]),
                tuple(g.id for g in nxt[:PER_OUTLET]),
                tuple(
                    k
                    for k, c in enumerate(contradictions)
                    if name in (c.first.span.outlet, c.second.span.outlet)
                ),
                quotes,
                Sourcing(PER_OUTLET**2, PER_OUTLET, 0, 0, len(mine)),
                framing,
                None,
            )
        )
    return StoryComparison(STORY_ID, tuple(columns), groups, (), "tests.v1", (), contradictions)


@dataclass
class Many:
    """The app over the story, its comparison, and the story."""

    client: TestClient
    comparison: StoryComparison
    story: Story


@contextmanager
def _serve(db: Path, settings: Settings, comparison: StoryComparison) -> Iterator[TestClient]:
    """The app over ``db``, the story's comparison being ``comparison``."""

    def compare(self: Corpus, story_id: str, **_: object) -> StoryComparison | None:
        return comparison if story_id == STORY_ID else None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Corpus, "compare", compare)
        # the story's 81 articles: more than a page compares by default (page_compare_articles)
        app = create_app(db, settings=replace(settings, page_compare_articles=0))
        with TestClient(app, headers={"accept": "text/html"}) as client:
            yield client


@pytest.fixture(scope="module")
def many_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, StoryComparison, Story]:
    """A store with one story that 40 outlets tell in 81 articles, and its comparison."""
    folder = tmp_path_factory.mktemp("many")
    source = folder / "many.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in _records()))
    db = folder / "corpus.db"
    with Corpus(db, settings=Settings()) as corpus:
        corpus.ingest([str(source)])
        articles = sorted(corpus.articles.list(), key=lambda a: (str(a.published), a.id))
        outlets = tuple(dict.fromkeys(a.outlet or "unknown" for a in articles))
        story = Story(
            STORY_ID,
            "Many outlets",
            tuple(a.id for a in articles),
            (),
            outlets,
            date(2025, 3, 1),
            date(2025, 3, 21),
            "tests",
        )
        with corpus.store.transaction():
            for article in articles:
                corpus.store.record_assignment(
                    article.id, story.id, {}, grouper="tests", assigned_at=now()
                )
            corpus.store.replace_stories([story], removed=[], updated_at=now())
    return db, _comparison(articles), story


@pytest.fixture
def many(many_db: tuple[Path, StoryComparison, Story]) -> Iterator[Many]:
    db, comparison, story = many_db
    with _serve(db, Settings(), comparison) as client:
        yield Many(client, comparison, story)


def _quotes(html: str) -> int:
    """The quotes listed under "Quotes by speaker" in ``html``."""
    return sum(part.count("<dd>") for part in re.findall(r'<dl class="speakers">(.*?)</dl>', html))


def _columns(html: str) -> list[str]:
    return re.findall(r'<section class="outlet-column" aria-labelledby="col-([^"]+)"', html)


def _links(html: str, pattern: str) -> list[str]:
    return [unescape(href) for href in re.findall(pattern, html)]


def test_the_page_of_a_story_of_40_outlets_shows_8_in_detail_and_stays_small(many: Many) -> None:
    html = many.client.get(f"/stories/{STORY_ID}").text
    assert_inert(html)
    assert len(html.encode()) < 200_000  # 142,740 bytes; main: 1,454,036 (40 columns)
    # page_outlets (8): the outlet with most articles first, then the first to report
    shown = _columns(html)
    assert len(shown) == 8 and shown[0] == "Outlet%2000"
    glance = html[html.index('<table class="glance">') : html.index("</table>")]
    assert glance.count("<tr") == 8 + 1  # its head and the 8 outlets
    # each list of a column shows page_list_items (10) of its 14 to 115 items
    column = html[html.index('aria-labelledby="col-Outlet%2000"') :]
    column = column[: column.index("</section>")]
    assert column.count('<li class="only">') == 10
    assert _quotes(column) == 10 * 3  # 10 of its 14 speakers, 3 of each's 14 quotes
    # the coverage chart: the 8 outlets, and one row for the 32 others
    rows = re.findall(r'<g class="series series-\d+">\s*<text class="label"[^>]*>([^<]+)<', html)
    assert len(rows) == 9 and rows[-1] == "32 other outlets"


def test_the_bounds_are_settings(many_db: tuple[Path, StoryComparison, Story]) -> None:
    db, comparison, _ = many_db
    with _serve(db, Settings(page_outlets=3, page_list_items=4), comparison) as client:
        html = client.get(f"/stories/{STORY_ID}").text
    assert len(_columns(html)) == 3
    column = html[html.index('aria-labelledby="col-Outlet%2000"') :]
    column = column[: column.index("</section>")]
    assert column.count('<li class="only">') == 4 and _quotes(column) == 4 * 3


def test_every_outlet_left_out_is_one_link_away_and_whole_there(many: Many) -> None:
    html = many.client.get(f"/stories/{STORY_ID}").text
    others = re.findall(r'<ul class="other-outlets">(.*?)</ul>', html)
    assert len(others) == 1
    hrefs = _links(others[0], r'<a href="([^"]+)">')
    names = [parse_qs(urlsplit(h).query)["outlet"][0] for h in hrefs]
    shown = {c.outlet for c in many.comparison.outlets} - set(names)
    assert len(names) == 32 and len(shown) == 8 and HOSTILE in names
    for href, name in zip(hrefs, names, strict=True):
        page = many.client.get(href)
        assert page.status_code == 200
        text = assert_inert(page.text).all_text()
        column = many.comparison.outlet(name)
        assert column is not None
        assert all(claim.text in text for claim in column.claims), name
        for group_id in column.omitted:
            group = many.comparison.group(group_id)
            assert group is not None and group.summary in text
        assert _quotes(page.text) == sum(len(s.quotes) for s in column.quotes), name
        contradictions = many.comparison.contradictions_of(name)
        assert all(c.explanation in text for c in contradictions) and contradictions
    assert many.client.get(f"/stories/{STORY_ID}/outlets?outlet=Nobody").status_code == 404


def test_each_more_link_leads_to_the_rest(many: Many) -> None:
    html = many.client.get(f"/stories/{STORY_ID}").text
    more = _links(html, r'<a (?:class="more" )?href="([^"]+)">… and \d+ more')
    assert len(more) > 8 * 5  # each column's long lists
    assert html.count("… and") == len(more) + 1  # and the contradictions' paragraph
    for href in sorted(set(more)):
        path, _, anchor = href.partition("#")
        page = many.client.get(path)
        assert page.status_code == 200, href
        assert not anchor or f'id="{anchor}"' in page.text, href
    # the story's contradictions: the first 10 here, all 39 in the JSON and the report
    assert html.count('<span class="badge">number</span>') == 10
    assert "… and 29 more" in html
    found = many.client.get(f"/api/stories/{STORY_ID}/comparison").json()
    assert len(found["contradictions"]) == 39 and len(found["outlets"]) == OUTLETS
    report = many.client.get(f"/stories/{STORY_ID}/report.json").json()
    assert len(report["story"]["comparison"]["outlets"]) == OUTLETS


def test_the_list_of_every_outlet_is_paged_in_the_pages_order(
    many: Many, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("parallax.report.bounded.LISTED", 5)
    monkeypatch.setattr("parallax.server.pages.story_outlets.STORY_OUTLETS", 15)
    html = many.client.get(f"/stories/{STORY_ID}").text
    assert f'<a href="/stories/{STORY_ID}/outlets">… and 27 more: every outlet' in html
    names: list[str] = []
    url: str | None = f"/stories/{STORY_ID}/outlets"
    while url:
        page = many.client.get(url)
        assert page.status_code == 200
        assert_inert(page.text)
        listed = page.text[page.text.index('<ol class="other-outlets"') :]
        listed = listed[: listed.index("</ol>")]
        names += [
            parse_qs(urlsplit(unescape(h)).query)["outlet"][0]
            for h in re.findall(r'<li><a href="([^"]+)">', listed)
        ]
        found = re.search(r'rel="next" href="([^"]+)"', page.text)
        url = unescape(found.group(1)) if found else None
    assert len(names) == OUTLETS and set(names) == {c.outlet for c in many.comparison.outlets}
    assert names[0] == FIRST and names[-1] == HOSTILE  # 4 articles first, 1 last
    assert many.client.get(f"/stories/{STORY_ID}/outlets?page=4").status_code == 404


def test_the_new_parts_escape_article_content(many: Many) -> None:
    html = many.client.get(f"/stories/{STORY_ID}").text
    page = many.client.get(f"/stories/{STORY_ID}/outlets", params={"outlet": HOSTILE}).text
    listing = many.client.get(f"/stories/{STORY_ID}/outlets").text
    for text in (html, page, listing):
        assert_inert(text)
        assert PAYLOADS["attribute"] not in text and "&#34;&gt;&lt;img src=x" in text
    assert PAYLOADS["script"] not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert PAYLOADS["single"] not in page


def test_the_body_the_pending_page_fetches_is_the_same_bounded_body(many: Many) -> None:
    html = many.client.get(f"/stories/{STORY_ID}").text
    body = many.client.get(f"/stories/{STORY_ID}/body")
    assert body.status_code == 200
    assert body.text.strip() in html and len(_columns(body.text)) == 8


def test_a_settled_view_is_kept_when_its_page_is_too_large_to_cache(
    many_db: tuple[Path, StoryComparison, Story], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression guard (passes on main too): session 38's second ``--settle`` at 100k took as
    long as the first, which read as the story views having left the memo. They had not: a
    body the response cache does not keep (over ``LARGEST_ANSWER``, as the 4 MB pages were)
    is rendered again from the view the memo holds, and no comparison is made again."""
    from parallax.server import stories

    db, comparison, _ = many_db
    monkeypatch.setattr("parallax.server.cache.LARGEST_ANSWER", 1_000)  # keeps no page
    made: list[str] = []
    served = stories.served_story_view

    def counted(corpus: Corpus, story: Story, *, full: bool = False) -> object:
        made.append(story.id)
        return served(corpus, story, full=full)

    monkeypatch.setattr(stories, "served_story_view", counted)
    with _serve(db, Settings(), comparison) as client:
        assert client.get(f"/stories/{STORY_ID}").status_code == 200  # its job made the view
        first = client.get(f"/stories/{STORY_ID}/body")
        assert first.status_code == 200 and made == [STORY_ID]
        for _ in range(3):
            again = client.get(f"/stories/{STORY_ID}/body")
            assert again.status_code == 200 and again.text == first.text
        assert made == [STORY_ID]  # rendered again each time, from the one view kept
