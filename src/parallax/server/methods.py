"""``HEAD`` and ``OPTIONS`` on every route, as HTTP says a server should answer them.

Routes are declared for ``GET`` (and ``POST /api/ingest``). This middleware answers ``HEAD``
as the ``GET`` of the same address without its body (same status and headers, so link
checkers and caches see what a ``GET`` would give), and ``OPTIONS`` with ``204`` and an
``Allow`` header listing the methods the address takes, or the usual 404 when no route has it.
"""

from __future__ import annotations

from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The methods a route may be declared for (HEAD and OPTIONS are answered here).
DECLARED = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(app: ASGIApp, scope: Scope) -> list[str]:
    """The methods the routes of ``app`` take at the address of ``scope`` (none: unknown).

    A route is asked whether it fully matches the address with each method in turn (routers
    included in routers answer for theirs); a mount (static files) takes GET.
    """
    methods: set[str] = set()
    for route in getattr(app, "routes", ()):
        if isinstance(route, Mount):
            if route.matches(scope)[0] is not Match.NONE:
                methods.add("GET")
            continue
        for method in DECLARED:
            if route.matches({**scope, "method": method})[0] is Match.FULL:
                methods.add(method)
    if methods:
        methods.add("OPTIONS")
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods, key=("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS").index)


class Methods:
    """ASGI middleware that answers ``HEAD`` and ``OPTIONS`` for ``app``'s routes."""

    def __init__(self, app: ASGIApp, *, routed: ASGIApp) -> None:
        self.app = app
        self.routed = routed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method") if scope["type"] == "http" else None
        if method == "OPTIONS" and scope["type"] == "http":
            allowed = allowed_methods(self.routed, scope)
            if allowed:
                await _empty(send, 204, [(b"allow", ", ".join(allowed).encode("ascii"))])
                return
        if method != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


async def _empty(send: Send, status: int, headers: list[tuple[bytes, bytes]]) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
