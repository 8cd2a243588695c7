"""The Jinja2 environment of the web pages, and the filters templates use.

Autoescaping is on for every template, whatever its name, and nothing is ever marked safe:
article text, titles, outlet names and URLs all come from the input and are escaped as text.
Links to other sites are only made from http(s) URLs. Reports (:mod:`parallax.report`) render
from the same templates with the same environment, so a report and a page cannot drift.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import HTMLResponse

from parallax.report import template_environment
from parallax.report.views import paragraphs, segment, web_url

__all__ = [
    "SECTIONS",
    "TEMPLATES",
    "compile_templates",
    "make_environment",
    "paragraphs",
    "render",
    "segment",
    "web_url",
]

#: The sections of the site, in the order the navigation shows them.
SECTIONS = (
    ("Home", "/"),
    ("Stories", "/stories"),
    ("Articles", "/articles"),
    ("Entities", "/entities"),
    ("Outlets", "/outlets"),
    ("Search", "/search"),
)


def make_environment() -> Environment:
    """Return the template environment: autoescape everywhere, undefined names are errors."""
    environment = template_environment()
    environment.globals["sections"] = SECTIONS
    return environment


TEMPLATES = make_environment()


def compile_templates() -> int:
    """Compile every page template now (an app does at its start), so that no first request
    pays for it (about a second for all of them); return how many. Each is compiled once per
    process: the environment keeps them."""
    names = TEMPLATES.list_templates(extensions=["html"])
    for name in names:
        TEMPLATES.get_template(name)
    return len(names)


def render(
    request: Request, template: str, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """Render a page template with ``context`` (plus the request) into a response."""
    page = TEMPLATES.get_template(template)
    return HTMLResponse(page.render(request=request, path=request.url.path, **context), status_code)
