"""The Jinja2 environment of the web pages, and the filters templates use.

Autoescaping is on for every template, whatever its name, and nothing is ever marked safe:
article text, titles, outlet names and URLs all come from the input and are escaped as text.
Links to other sites are only made from http(s) URLs.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

#: The sections of the site, in the order the navigation shows them. Stories, timelines and
#: outlet comparison join this list when those stages land.
SECTIONS = (
    ("Home", "/"),
    ("Articles", "/articles"),
    ("Outlets", "/outlets"),
    ("Search", "/search"),
)

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def web_url(value: str | None) -> str | None:
    """Return ``value`` if it is an http(s) URL with a host (safe to link to), else None."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    return value.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def segment(value: str) -> str:
    """Quote ``value`` as one URL path segment (a slash becomes %2F)."""
    return quote(value, safe="")


def paragraphs(text: str) -> list[str]:
    """Split cleaned text into paragraphs at blank lines."""
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text) if part.strip()]


def make_environment() -> Environment:
    """Return the template environment: autoescape everywhere, undefined names are errors."""
    environment = Environment(
        loader=PackageLoader("parallax.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(web_url=web_url, segment=segment, paragraphs=paragraphs)
    environment.globals["sections"] = SECTIONS
    return environment


TEMPLATES = make_environment()


def render(
    request: Request, template: str, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """Render a page template with ``context`` (plus the request) into a response."""
    page = TEMPLATES.get_template(template)
    return HTMLResponse(page.render(request=request, path=request.url.path, **context), status_code)
