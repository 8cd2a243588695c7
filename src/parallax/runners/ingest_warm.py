"""Importing this module readies a process to ingest: it processes one small page, so that
the libraries' first use (trafilatura's patterns, the public-suffix list, the language model,
the MinHash permutations) is paid here.

``parallax.runners.ingest_pool``'s forkserver imports it once before it forks the workers,
which then start warm. Nothing else imports it. The caches it fills are those of pure
functions: what any page ingested afterwards gives is unchanged.
"""

from __future__ import annotations

from parallax.config import Settings
from parallax.ingest.html import HtmlPage
from parallax.ingest.outlets import OutletRegistry
from parallax.stages.ingest import process_item

#: A page with a headline, a byline, a date and two paragraphs of English (no declared
#: language, so the detector is loaded too).
PAGE = b"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Council approves the new bridge - Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.com/2024/03/05/bridge"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Council approves the new bridge</h1>
<p>The city council voted on Tuesday to approve the construction of a new bridge over the
river, ending a debate that had lasted for more than three years among residents.</p>
<p>Supporters said the bridge would cut travel times for commuters, while opponents warned
about the cost and the noise that the construction would bring to the old town.</p>
</article><footer>Contact us</footer></body></html>"""


def warm() -> None:
    """Process :data:`PAGE` once, and throw the result away."""
    page = HtmlPage("https://news.example.com/2024/03/05/bridge", PAGE)
    process_item(page, settings=Settings(), outlets=OutletRegistry([]))


warm()
