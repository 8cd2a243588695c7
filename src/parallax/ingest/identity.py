"""Article identity: what names an item in its source, so re-ingesting changes nothing and two
different things are never stored as one.

An article's id is a hash of, in order: the identity its reader gives (a feed entry's guid with
its feed), the page's own URL (normalised by :func:`canonical_url`), else its cleaned text. The
canonical URL a page *declares* is never part of the id: sites declare their home page, or one
page of a series, for many different pages. It only links a copy to the article it copies
(:func:`linkable_canonical`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track a click rather than name a page.
TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|ito|CMP|at_\w+|"
    r"_ga|ref|ref_src|ns_\w+|smid|smtyp|taid|mbid|guccounter|share|sh)$",
    re.IGNORECASE,
)
ID_LENGTH = 16


def canonical_url(url: str | None) -> str | None:
    """Normalise a URL so the same page always gets the same string.

    Lower-cases scheme and host, drops ``www.``, default ports, fragments, tracking
    parameters and a trailing slash, and sorts the remaining query parameters.
    Returns None for anything that is not an http(s) URL with a host.
    """
    if not url:
        return None
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if scheme not in ("http", "https") or not host:
        return None
    try:
        port = parts.port if parts.port not in (None, 80, 443) else None
    except ValueError:  # a port that is no number: no URL
        return None
    netloc = f"{host}:{port}" if port else host
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query) if not TRACKING_PARAMS.match(k))
    )
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit(("https", netloc, path, query, ""))


def url_host(url: str | None) -> str | None:
    """Return the lower-cased host of a URL without ``www.``, or None."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname
    return host.lower().removeprefix("www.") if host else None


@lru_cache(maxsize=2)
def normalize_for_hash(text: str) -> str:
    """Case-fold, NFKC-normalise and collapse whitespace, so trivial variants hash alike.

    Cached for the last texts: an article without a URL hashes its text for its id and for
    its content hash, one right after the other.
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of the normalised text."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


def article_id(*, canonical: str | None, text: str, identity: str | None = None) -> str:
    """Return the article id: a hash of the source's identity for the item, else of its own
    (normalised) URL, else of the normalised text."""
    if identity:
        basis = f"id:{identity}"
    elif canonical:
        basis = f"url:{canonical}"
    else:
        basis = f"text:{normalize_for_hash(text)}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:ID_LENGTH]


_HOME_PATHS = re.compile(r"^/?(?:(?:index|default|home)\.\w+)?$", re.IGNORECASE)


def is_home_page(url: str | None) -> bool:
    """Return True for a site's root page (``/``, ``/index.html``) without a query."""
    if not url:
        return False
    parts = urlsplit(url)
    return not parts.query and bool(_HOME_PATHS.match(parts.path or "/"))


def linkable_canonical(own: str | None, declared: str | None) -> str | None:
    """Return the normalised canonical URL a page declares when it may link the page to a copy.

    A declaration that names a site's home page, or a page on another host, says nothing about
    which article this is (CMS templates and syndication partners write them), so it is ignored.
    Without an own URL (a saved HTML file) any specific page of any host may be named.
    """
    target = canonical_url(declared)
    if target is None or is_home_page(target):
        return None
    mine = canonical_url(own)
    if mine is None:
        return target
    if mine == target or url_host(mine) != url_host(target):
        return None
    return target
