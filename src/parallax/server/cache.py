"""Compute once, serve many: caches keyed by the store's data version.

A served corpus is read far more often than it is written (it is read-only unless ingest is
enabled), and every page is a pure function of the store and the URL. So each worker keeps:

- :class:`ResponseCache`, ASGI middleware that keeps the body of every successful ``GET`` of a
  page or an ``/api/`` answer, with a strong ``ETag``, and answers a repeated request from
  memory (``304 Not Modified`` when the client already holds it); an answer marked
  ``Cache-Control: no-store`` (a story page whose comparison is still being computed) is
  never kept;
- :class:`Memo`, values computed once from the store (story views, see
  :mod:`parallax.server.stories`) that pages and endpoints share;
- a second :class:`Memo` of the counts and facets of filtered lists (:func:`counted`): every
  page, order and format of a list under one set of filters shares them.

Both are keyed by ``Corpus.data_version()`` on one connection the middleware keeps open: it
moves whenever anything commits to the file (an ingest over HTTP, ``parallax analyze`` in
another process), and then everything cached is dropped before the request is answered, so
nothing stale is ever served. Asking costs a few microseconds per request.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parallax.corpus import Corpus

if TYPE_CHECKING:
    from parallax.server.deps import AppConfig

T = TypeVar("T")

#: What one worker may hold: answers up to this many bytes in all, none larger than the last.
CACHE_BYTES = 128 * 1024 * 1024
LARGEST_ANSWER = 4 * 1024 * 1024
#: Story views kept per worker (a view holds its articles' texts).
STORY_VIEWS = 256
#: Counts and facets of filtered lists kept per worker (small values, many filter sets).
LIST_COUNTS = 1024
#: Paths never cached: static files (Starlette sends its own ETag) and ingest.
UNCACHED = ("/static/", "/api/ingest")


class Memo:
    """Values computed once per data version; an LRU of at most ``size`` of them."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.version: object = None
        self._items: OrderedDict[object, Any] = OrderedDict()
        self._lock = threading.Lock()

    def observe(self, version: object) -> None:
        """Drop everything when the store's data version moved."""
        with self._lock:
            if version != self.version:
                self._items.clear()
                self.version = version

    def get(self, key: object, make: Callable[[], T]) -> T:
        """Return the value under ``key``, made by ``make()`` the first time."""
        found, kept = self.lookup(key)
        if found:
            value: T = kept
            return value
        version = self.version
        made = make()  # outside the lock: two threads may make the same value once each
        self.keep(key, made, version=version)
        return made

    def lookup(self, key: object) -> tuple[bool, Any]:
        """Whether a value is kept under ``key``, and the value (None when not)."""
        with self._lock:
            if key not in self._items:
                return False, None
            self._items.move_to_end(key)
            return True, self._items[key]

    def keep(self, key: object, value: object, *, version: object) -> None:
        """Keep ``value`` under ``key`` if it was made at the data version still observed
        (a value made from older data is dropped)."""
        with self._lock:
            if version == self.version:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)


class Cached:
    """One cached answer: status, headers (with the ETag) and body."""

    __slots__ = ("body", "etag", "headers", "status")

    def __init__(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        self.etag = b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
        self.status = status
        self.headers = [*headers, (b"etag", self.etag)]
        self.body = body


class ResponseCache:
    """ASGI middleware: answer repeated ``GET`` requests from memory, with ETags and 304s."""

    def __init__(self, app: ASGIApp, config: AppConfig, *, max_bytes: int = CACHE_BYTES) -> None:
        self.app = app
        self.config = config
        self.max_bytes = max_bytes
        self.memo = Memo(STORY_VIEWS)
        self.counts = Memo(LIST_COUNTS)
        self._answers: OrderedDict[tuple[bytes, ...], Cached] = OrderedDict()
        self._bytes = 0
        self._version: tuple[int, int] | None = None
        # One connection per thread that runs the middleware (one: the event loop's, under a
        # server). Versions are only comparable on one connection, so the key holds both.
        self._local = threading.local()

    def _check_version(self) -> tuple[int, int]:
        watch: Corpus | None = getattr(self._local, "corpus", None)
        if watch is None:
            watch = self._local.corpus = Corpus(self.config.db, settings=self.config.settings)
        version = (id(watch), watch.data_version())
        if version != self._version:
            self._answers.clear()
            self._bytes = 0
            self._version = version
        self.memo.observe(version)
        self.counts.observe(version)
        return version

    def _store(self, key: tuple[bytes, ...], answer: Cached) -> None:
        size = len(answer.body) + 512
        if size > LARGEST_ANSWER:
            return
        self._answers[key] = answer
        self._bytes += size
        while self._bytes > self.max_bytes:
            _, dropped = self._answers.popitem(last=False)
            self._bytes -= len(dropped.body) + 512

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        state["parallax_memo"], state["parallax_counts"] = self.memo, self.counts
        path: str = scope["path"]
        if scope["method"] not in ("GET", "HEAD") or path.startswith(UNCACHED):
            await self.app(scope, receive, send)
            return
        version = self._check_version()
        headers = dict(scope["headers"])
        key = (path.encode(), scope["query_string"], headers.get(b"accept", b""))
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
            await self._send(answer, scope, headers, send)
            return
        started: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    status = started.get("status", 0)
                    if (
                        status == 200
                        and scope["method"] == "GET"
                        and version == self._version
                        and not _no_store(started.get("headers", []))
                    ):
                        kept = [(k, v) for k, v in started.get("headers", []) if k != b"etag"]
                        answer = Cached(status, kept, b"".join(chunks))
                        self._store(key, answer)
                        await self._send(answer, scope, headers, send)
                        return
                    await send({**started})
                    await send({"type": "http.response.body", "body": b"".join(chunks)})

        await self.app(scope, receive, capture)

    @staticmethod
    async def _send(answer: Cached, scope: Scope, headers: dict[bytes, bytes], send: Send) -> None:
        if answer.etag in headers.get(b"if-none-match", b"").replace(b"W/", b"").split(b","):
            kept = [(k, v) for k, v in answer.headers if k != b"content-length"]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": answer.status,
                    "headers": answer.headers})  # fmt: skip
        body = b"" if scope["method"] == "HEAD" else answer.body
        await send({"type": "http.response.body", "body": body})


def _no_store(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether an answer says it must not be kept (``Cache-Control: no-store``): a story page
    served while its comparison is being computed."""
    return any(
        name.lower() == b"cache-control" and b"no-store" in value.lower() for name, value in headers
    )


def request_memo(request: Request) -> Memo | None:
    """The memo of the app serving ``request``; None outside :class:`ResponseCache`."""
    memo: Memo | None = request.scope.get("state", {}).get("parallax_memo")
    return memo


def counted(request: Request, key: object, make: Callable[[], T]) -> T:
    """``make()`` once per data version for ``key``: a list's count or facets under one set of
    filters, which every page, order and format of that list shares (made each time outside
    :class:`ResponseCache`)."""
    memo: Memo | None = request.scope.get("state", {}).get("parallax_counts")
    return make() if memo is None else memo.get(key, make)
