"""``parallax show`` prints the capture time, every revision with its capture time, and a note
for a headline-only feed item: two captures of one benchmark page and Apple's sample podcast."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from parallax.cli import app
from parallax.corpus import Corpus
from tests.test_identity_corpus import EUROPA, FEEDS, page, warc

URL = "https://www.sciencealert.com/nasa-finds-water-plumes"


def test_show_lists_revisions_and_says_headline_only(tmp_path: Path) -> None:
    day1, day2 = tmp_path / "day1.warc.gz", tmp_path / "day2.warc.gz"
    day1.write_bytes(warc((URL, "2019-11-18T08:00:00Z", page(EUROPA))))
    later = page(EUROPA, edit=("Goddard Space Flight Center", "Goddard Space Flight Centre"))
    day2.write_bytes(warc((URL, "2019-11-19T08:00:00Z", later)))
    db = tmp_path / "c.db"
    with Corpus(db) as corpus:
        for path in (day1, day2, FEEDS / "all-about-everything-podcast.xml"):
            corpus.ingest([str(path)])
        articles = corpus.articles.list()
    runner = CliRunner(env={"COLUMNS": "200"})
    for article in articles:
        shown = runner.invoke(app, ["show", article.id, "--db", str(db)])
        assert shown.exit_code == 0, shown.output
        headline_only = "headline only:" in shown.output
        assert headline_only == ("summary_only" in article.flags)
        if article.url == URL:
            assert "revisions (2)" in shown.output
            assert "captured   2019-11-19T08:00:00Z" in shown.output
            assert "2019-11-18T08:00:00Z" in shown.output
    assert sum("summary_only" in a.flags for a in articles) == 3
