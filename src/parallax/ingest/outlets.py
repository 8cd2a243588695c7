"""The packaged outlet registry, and which outlet published an article.

``parallax/data/outlets.toml`` records what is publicly documented about news outlets, each
fact with its source; ``outlet_scores.csv`` beside it holds openly licensed scores (built by
``scripts/build_outlet_scores.py``).
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import logging
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tld import get_fld

from parallax.datelines import dateline_agency
from parallax.errors import Code, ConfigError
from parallax.model import Designation, Outlet, Score, Sourced

logger = logging.getLogger(__name__)

REGISTRY_FILE = "outlets.toml"
SCORES_FILE = "outlet_scores.csv"

_FACTS = ("country", "language", "owner", "state_affiliation")
_LISTS = ("aliases", "domains", "signatures")
_OUTLET_KEYS = frozenset(
    {"name", "aliases", "domains", "signatures", "signatures_source", "designations", *_FACTS}
)
_DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?")
_URL = re.compile(r"https?://[^\s/]+\.[^\s]*")
_NEW = "(not in registry)"
_CLOSE = 0.92  # the least difflib ratio at which a name is a near-identical spelling
_QUALIFIER = re.compile(r"\s+[-–—|:(]\s*")  # "SouthFront - English", "RT (Arabic)"

Fail = Callable[[str], ConfigError]


class OutletRegistry:
    """Outlets looked up by id, name, domain or textual signature."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self._outlets: dict[str, Outlet] = {}
        self._domains: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._signatures: list[tuple[str, str]] = []
        for outlet in outlets:
            if outlet.id in self._outlets:
                raise ConfigError(Code.CONFIG, f"duplicate outlet id {outlet.id!r}")
            self._outlets[outlet.id] = outlet
            for domain in outlet.domains:
                _claim(self._domains, domain, outlet.id, "domain")
            for name in {outlet.id, outlet.name, *outlet.aliases}:
                _claim(self._keys, _key(name), outlet.id, "name or alias")
            self._signatures += [
                (" ".join(phrase.split()), outlet.id) for phrase in outlet.signatures
            ]

    def all(self) -> list[Outlet]:
        """Return every outlet, in registry order."""
        return list(self._outlets.values())

    def get(self, outlet_id: str) -> Outlet | None:
        """Return the outlet with this id, or None."""
        return self._outlets.get(outlet_id)

    def find(self, name: str) -> Outlet | None:
        """Return the outlet called ``name`` (its name, an alias, its id or a domain).

        Matching ignores case, punctuation and a leading "The"; a trailing qualifier such as
        " - English" is dropped, and a near-identical spelling is accepted as a last resort.
        """
        key = _key(name)
        if not key:
            return None
        if key in self._keys:
            return self._outlets[self._keys[key]]
        if re.fullmatch(r"\S+\.\S+", name.strip()):
            return self.by_domain(name.strip())
        head = _QUALIFIER.split(name.strip(), maxsplit=1)[0]
        if head != name.strip() and _key(head) in self._keys:
            return self._outlets[self._keys[_key(head)]]
        if len(key) >= 8:
            # Only keys whose length allows a ratio of 0.92 can match (difflib's own first
            # test, real_quick_ratio): the others are left out before difflib sees them.
            near = [
                k for k in self._keys if 2.0 * min(len(k), len(key)) / (len(k) + len(key)) >= _CLOSE
            ]
            close = difflib.get_close_matches(key, near, n=1, cutoff=_CLOSE)
            if close:
                return self._outlets[self._keys[close[0]]]
        return None

    def by_domain(self, host: str) -> Outlet | None:
        """Return the outlet publishing on ``host`` (a host name or URL), or None.

        A registry domain matches itself and its subdomains ("arabic.rt.com" -> rt.com); the
        walk up the labels stops at the registrable domain ("news.yahoo.com" -> yahoo.com).
        """
        match = self.match_domain(host)
        return match[0] if match else None

    def match_domain(self, host: str) -> tuple[Outlet, str] | None:
        """Return the outlet publishing on ``host`` and the registry domain that matched."""
        name = host_of(host)
        if name is None:
            return None
        registrable = registrable_domain(name)
        labels = name.split(".")
        for i in range(len(labels)):
            candidate = ".".join(labels[i:])
            if candidate in self._domains:
                return self._outlets[self._domains[candidate]], candidate
            if candidate == registrable:
                break
        return None

    def by_signature(self, text: str) -> tuple[Outlet, str] | None:
        """Return the outlet whose signature phrase occurs earliest in ``text``, and the phrase."""
        flat = " ".join(text.split()).casefold()
        found = [(flat.find(p.casefold()), p, oid) for p, oid in self._signatures]
        hits = sorted((pos, phrase, oid) for pos, phrase, oid in found if pos >= 0)
        return (self._outlets[hits[0][2]], hits[0][1]) if hits else None


def resolve_outlet(
    registry: OutletRegistry,
    *,
    url: str | None,
    raw_text: str,
    stated: str | None,
    site_name: str | None,
    text: str = "",
) -> tuple[Outlet | None, str | None]:
    """Name the outlet that published an article, with the evidence for it.

    Evidence is tried in order: the URL's domain (``domain:southfront.press``), an outlet
    name stated by the input (``stated:NAME``), the page's site name (``site-name:NAME``), a
    phrase only that outlet's pages carry (``signature:PHRASE``), then a URL on the last line
    of the raw text (``text-url:DOMAIN``). A stated name, site name or domain that is not in
    the registry still yields a minimal outlet, marked ``(not in registry)``, so nothing is
    lost. Where the input names no outlet at all (no URL, stated name or site name), the news
    agency of the dateline that opens the cleaned ``text`` is its source
    (``dateline:РИА Новости``; :func:`parallax.datelines.dateline_agency`).
    """
    stated, site_name = (stated or "").strip(), (site_name or "").strip()
    if url and (match := registry.match_domain(url)):
        return match[0], f"domain:{match[1]}"
    if stated:
        if outlet := registry.find(stated):
            return outlet, f"stated:{stated}"
        return _minimal(stated), f"stated:{stated} {_NEW}"
    if site_name and (outlet := registry.find(site_name)):
        return outlet, f"site-name:{site_name}"
    if signed := registry.by_signature(raw_text):
        return signed[0], f"signature:{signed[1]}"
    last_line = raw_text.rstrip().rpartition("\n")[2].strip()
    if _URL.fullmatch(last_line) and (match := registry.match_domain(last_line)):
        return match[0], f"text-url:{match[1]}"
    if site_name:
        return _minimal(site_name), f"site-name:{site_name} {_NEW}"
    if url and (host := host_of(url)):
        domain = registrable_domain(host) or host
        return _minimal(domain), f"domain:{domain} {_NEW}"
    if agency := dateline_agency(text):
        if outlet := registry.find(agency):
            return outlet, f"dateline:{agency}"
        return _minimal(agency), f"dateline:{agency} {_NEW}"
    return None, None


def load_outlets(path: Path | None = None) -> OutletRegistry:
    """Load the outlet registry with its scores; the packaged one by default (cached).

    A registry file given as ``path`` takes its scores from an ``outlet_scores.csv`` beside
    it, when there is one.

    Raises:
        ConfigError: the file is missing, is not TOML, or a record breaks the schema.
    """
    if path is None:
        return _load_packaged()
    if not Path(path).is_file():
        raise ConfigError(Code.CONFIG, "outlet registry not found", path=str(path))
    return _build(Path(path), Path(path).with_name(SCORES_FILE), str(path))


@lru_cache(maxsize=1)
def _load_packaged() -> OutletRegistry:
    # The packaged domains are checked against the public suffix list by the tests, not at each
    # start: parsing the list costs more than the rest of the registry (a user's file is checked).
    data = resources.files("parallax") / "data"
    return _build(
        data / REGISTRY_FILE, data / SCORES_FILE, f"parallax/data/{REGISTRY_FILE}",
        check_domains=False,
    )  # fmt: skip


def _build(
    registry_file: Traversable, scores_file: Traversable, origin: str, *, check_domains: bool = True
) -> OutletRegistry:
    """Read a registry file and its scores; with ``check_domains``, each domain must end in a
    public suffix (``registrable_domain``)."""
    scores_text = scores_file.read_text(encoding="utf-8") if scores_file.is_file() else ""
    try:
        table = tomllib.loads(registry_file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(Code.CONFIG, f"not valid TOML: {exc}", path=origin) from exc
    scores = _read_scores(scores_text)
    records = table.get("outlets", {})
    if not isinstance(records, dict) or not records:
        raise ConfigError(Code.CONFIG, "outlet registry has no [outlets.<id>] tables", path=origin)
    outlets = [
        _outlet(oid, record, scores, origin, check_domains=check_domains)
        for oid, record in records.items()
    ]
    logger.debug("loaded %d outlets from %s", len(outlets), origin)
    return OutletRegistry(outlets)


def _outlet(
    outlet_id: str, record: Any, scores: Mapping[str, list[Score]], origin: str, *,
    check_domains: bool = True,
) -> Outlet:  # fmt: skip
    def fail(reason: str) -> ConfigError:
        return ConfigError(Code.CONFIG, reason, path=origin, record=outlet_id)

    if not isinstance(record, dict):
        raise fail("an outlet must be a table")
    if unknown := sorted(set(record) - _OUTLET_KEYS):
        raise fail(f"unknown field(s) {unknown}; known: {', '.join(sorted(_OUTLET_KEYS))}")
    if outlet_id != _slug(outlet_id) or not _text(record.get("name")):
        raise fail("an outlet needs a slug id (a-z, 0-9, hyphens) and a name")
    lists: dict[str, list[str]] = {key: record.get(key, []) for key in _LISTS}
    if not all(isinstance(v, list) and all(map(_text, v)) for v in lists.values()):
        raise fail(f"{', '.join(_LISTS)} must be lists of non-empty strings")
    if not isinstance(tables := record.get("designations", []), list):
        raise fail("designations must be an array of tables")
    for domain in lists["domains"]:
        public = not check_domains or registrable_domain(domain)
        if domain != domain.lower() or domain.startswith("www.") or not public:
            raise fail(f"domain {domain!r} must be a lowercase host name without 'www.'")
    if lists["signatures"] and not _is_url(record.get("signatures_source")):
        raise fail("signatures need a signatures_source URL")
    facts = {
        key: Sourced(r["value"], r["source"], r.get("note"))
        for key in _FACTS
        if key in record and (r := _fields(record[key], ("value", "source"), key, fail))
    }
    designations = []
    for item in tables:
        r = _fields(item, ("issuer", "date", "description", "citation"), "a designation", fail)
        if not _DATE.fullmatch(r["date"]):
            raise fail(f"designation date {r['date']!r} must be YYYY-MM-DD or YYYY-MM")
        designations.append(
            Designation(r["issuer"], r["date"], r["description"], r["citation"], r.get("note"))
        )
    return Outlet(
        id=outlet_id,
        name=record["name"].strip(),
        domains=tuple(lists["domains"]),
        signatures=tuple(lists["signatures"]),
        designations=tuple(designations),
        scores=tuple(score for domain in lists["domains"] for score in scores.get(domain, [])),
        aliases=tuple(lists["aliases"]),
        country=facts.get("country"),
        language=facts.get("language"),
        owner=facts.get("owner"),
        state_affiliation=facts.get("state_affiliation"),
    )


def _fields(item: Any, required: tuple[str, ...], what: str, fail: Fail) -> dict[str, str]:
    """Check a table of required text fields (the last one a URL) and an optional note."""
    if not isinstance(item, dict) or set(item) - {*required, "note"}:
        raise fail(f"{what} must be a table of {', '.join(required)} and an optional note")
    if not all(_text(item.get(key)) for key in required) or not _is_url(item[required[-1]]):
        raise fail(f"{what} needs {', '.join(required)}; {required[-1]} must be a URL")
    return {key: value.strip() for key, value in item.items() if _text(value)}


def _read_scores(text: str) -> dict[str, list[Score]]:
    scores: dict[str, list[Score]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        note = f"domain {row['domain']}" + (f"; {row['note']}" if row.get("note") else "")
        score = Score(row["name"], row["value"], row["source"], row["license"], note)
        scores.setdefault(row["domain"], []).append(score)
    return scores


def host_of(url_or_host: str) -> str | None:
    """Return the lowercase host name of a URL or bare host, without port or "www."."""
    text = url_or_host.strip()
    try:
        host = (urlsplit(text if "//" in text else f"//{text}").hostname or "").rstrip(".")
    except ValueError:  # a malformed URL, such as an unclosed IPv6 bracket
        return None
    host = host.removeprefix("www.")
    return host if "." in host else None


def registrable_domain(host: str) -> str | None:
    """Return the registrable domain of ``host`` by the public suffix list, or None."""
    domain = get_fld(host, fix_protocol=True, fail_silently=True)
    return domain if isinstance(domain, str) else None


def _claim(index: dict[str, str], key: str, outlet_id: str, what: str) -> None:
    owner = index.setdefault(key, outlet_id)
    if owner != outlet_id:
        raise ConfigError(Code.CONFIG, f"{what} {key!r} is claimed by {owner} and {outlet_id}")


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = re.sub(r"^the\s+", "", text)
    return "".join(char for char in text if char.isalnum())


def _slug(name: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "outlet-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def _minimal(name: str) -> Outlet:
    return Outlet(id=_slug(name), name=name)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and bool(_URL.fullmatch(value))
