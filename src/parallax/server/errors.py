"""The one error funnel of the HTTP face.

Every error, wherever it comes from (an unknown route, a bad query parameter, a missing
article, a bad cursor, a bug), leaves as the same JSON envelope
``{"ok": false, "error": ..., "errors": [...], "status": ...}``. A browser asking for a page
(``Accept: text/html``, outside ``/api/``) gets the same facts as an HTML page instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from http import HTTPStatus
from typing import Any, Literal

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from parallax.errors import Code, ConfigError, InputError, ParallaxError

logger = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """The one shape of every error response, whatever went wrong and wherever."""

    ok: Literal[False] = False
    error: str = Field(description="What went wrong, in one line.")
    errors: list[str] = Field(description="Every problem found, one line each.")
    status: int = Field(description="The HTTP status code, repeated.")


#: Renders an error as an HTML page: (request, status, message, details) -> response.
HtmlErrorPage = Callable[[Request, int, str, list[str]], Response]

#: How every ``cursor`` parameter is described: opaque, and refused with 400 unless made here.
CURSOR_HELP = (
    "next_cursor of the previous page, passed back as given. A cursor this API did not make "
    "for this list (edited, or from another list) is refused with 400."
)

#: Documented error responses, for the OpenAPI schema of every API route.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter is invalid (for example a cursor)."},
    404: {"model": ErrorBody, "description": "No such resource."},
    422: {"model": ErrorBody, "description": "A parameter does not have the expected type."},
    500: {"model": ErrorBody, "description": "An unexpected error on the server."},
}


class ApiError(HTTPException):
    """An HTTP error with a message, raised by routes; becomes the error envelope."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)


def error_body(status: int, message: str, errors: Sequence[str] = ()) -> dict[str, Any]:
    """Return the error envelope as a dict."""
    body = ErrorBody(error=message, errors=list(errors) or [message], status=status)
    return body.model_dump()


def _location(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc)


def validation_lines(error: RequestValidationError) -> list[str]:
    """Return one line per validation problem, e.g. ``query.limit: Input should be ...``."""
    return [f"{_location(item['loc'])}: {item['msg']}" for item in error.errors()]


def wants_html(request: Request) -> bool:
    """Return True when the request is a browser's request for a page, not an API call."""
    if request.url.path == "/api" or request.url.path.startswith("/api/"):
        return False
    return "text/html" in request.headers.get("accept", "")


def install_error_handlers(
    app: FastAPI, *, html_page: HtmlErrorPage, headers: dict[str, str]
) -> None:
    """Route every error of ``app`` through the envelope (or ``html_page`` for browsers).

    ``headers`` are added to 500 responses, which are made outside the app's middleware.
    """

    def respond(
        request: Request,
        status: int,
        message: str,
        errors: Sequence[str] = (),
        extra: dict[str, str] | None = None,
    ) -> Response:
        if wants_html(request):
            response = html_page(request, status, message, list(errors))
        else:
            response = JSONResponse(error_body(status, message, errors), status_code=status)
        response.headers.update(extra or {})
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if isinstance(exc, ApiError):
            message = str(exc.detail)
        else:
            message = HTTPStatus(exc.status_code).phrase
            if exc.status_code == 404:
                message = f"no route {request.url.path}"
            elif exc.status_code == 405:
                message = f"method {request.method} is not allowed on {request.url.path}"
        return respond(request, exc.status_code, message, extra=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        lines = validation_lines(exc)
        return respond(request, 422, "invalid request parameters", lines)

    @app.exception_handler(ParallaxError)
    async def library_error(request: Request, exc: ParallaxError) -> Response:
        status = 500
        if isinstance(exc, ConfigError):
            status = 400
        elif isinstance(exc, InputError):
            status = 404 if exc.code is Code.NOT_FOUND else 400
        elif exc.code is Code.LOCKED:  # another process kept writing past lock_timeout
            return respond(request, 503, exc.reason, extra={"Retry-After": "60"})
        if status == 500:
            logger.error("store error while serving %s: %s", request.url.path, exc.line())
        return respond(request, status, exc.reason if status < 500 else "store error")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        logger.exception("unexpected error while serving %s", request.url.path, exc_info=exc)
        return respond(request, 500, "internal server error", extra=headers)
