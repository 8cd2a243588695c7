"""Pages that are no article: redirect stubs and error pages.

A server answers a moved page with a short "Object moved … here" body and a missing one with
"404 Not Found"; archives and scrapers keep those bodies with a 200 status, and they clean to a
few dozen characters that pass the length rule. They are recognised by their wording, and only
when the whole text is short: a long article may well quote "page not found".
"""

from __future__ import annotations

import re

STUB_MAX_CHARS = 600
"""Longest cleaned text still looked at as a possible redirect stub or error page."""

_REDIRECT = re.compile(
    r"\b(?:object moved|moved permanently|moved temporarily|document has moved|"
    r"page has moved|permanent redirect|temporary redirect|found\.? redirecting|"
    r"you are being redirected|if you are not (?:automatically )?redirected|"
    r"redirecting to|click here to continue)\b",
    re.IGNORECASE,
)
_ERROR = re.compile(
    r"(?:\b(?:400 bad request|401 unauthorized|403 forbidden|404 not found|410 gone|"
    r"500 internal server error|502 bad gateway|503 service unavailable|"
    r"504 gateway time-?out)\b|"
    r"\b(?:error 40[0-9]|error 50[0-9])\b|"
    r"\bpage (?:was )?not found\b|\bnot found\b.{0,40}\bon this server\b|"
    r"\bpage you (?:are|were) looking for\b|\bpage (?:you requested )?(?:does not|doesn't) exist\b|"
    r"\baccess denied\b|\byou don't have permission to access\b)",
    re.IGNORECASE | re.DOTALL,
)


def stub_reason(text: str, title: str | None = None) -> str | None:
    """Return why a short page is a redirect stub or an error page, or None for an article."""
    if len(text) > STUB_MAX_CHARS:
        return None
    both = f"{title or ''}\n{text}"
    if _REDIRECT.search(both):
        return "a redirect stub, not an article"
    if _ERROR.search(both):
        return "an error page, not an article"
    return None
