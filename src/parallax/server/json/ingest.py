"""``POST /api/ingest``: add articles over HTTP; only in apps built with ``enable_ingest``.

The body (JSON Lines, plain text, HTML, a feed or a WARC file) is written to a temporary file
and read by ``Corpus.ingest`` exactly as the CLI reads a file, with the same size limit
(``max_file_bytes``; a larger body is refused with 413 before it is stored).
"""

from __future__ import annotations

import hashlib
import hmac
import tempfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from parallax.corpus import Corpus
from parallax.server.deps import AppConfig, app_config
from parallax.server.errors import ERROR_RESPONSES, ApiError, ErrorBody
from parallax.server.json.schemas import IngestOut

router = APIRouter(tags=["ingest"], responses=ERROR_RESPONSES)
bearer = HTTPBearer(auto_error=False, description="The token given to `parallax serve --token`.")

#: The readers a body can be read with (a test checks this against the reader registry).
Format = Literal["text", "jsonl", "json", "html", "feed", "warc"]
# Content types that name a reader; anything else is sniffed like a file on disk.
CONTENT_FORMATS = {
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json-lines": "jsonl",
    "text/html": "html",
    "text/plain": "text",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/warc": "warc",
}
_SUFFIXES = {"jsonl": ".jsonl", "html": ".html", "text": ".txt", "feed": ".xml", "warc": ".warc"}
_BODY = {
    "required": True,
    "content": {
        media: {"schema": {"type": "string", "format": "binary", "minLength": 1}}
        for media in (*CONTENT_FORMATS, "application/octet-stream")
    },
}


def check_token(config: AppConfig, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Refuse the request unless it carries the app's bearer token (compared in constant time).

    Raises:
        ApiError: 401 without the right token.
    """
    given = credentials.credentials.encode("utf-8") if credentials else b""
    expected = (config.token or "").encode("utf-8")
    if not expected or not hmac.compare_digest(given, expected):
        raise ApiError(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )


def _ingest_file(config: AppConfig, path: Path, fmt: str | None) -> IngestOut:
    # Recorded (and answered) under the upload's own name, never the server's temporary path.
    with Corpus(config.db, settings=config.settings) as corpus:
        report = corpus.ingest([str(path)], fmt=fmt, names={str(path): path.name})
        return IngestOut.model_validate(report)


@router.post(
    "/api/ingest",
    response_model=IngestOut,
    openapi_extra={"requestBody": _BODY},
    responses={
        401: {"model": ErrorBody, "description": "The bearer token is missing or wrong."},
        413: {"model": ErrorBody, "description": "The body is larger than max_file_bytes."},
        503: {
            "model": ErrorBody,
            "description": "Another process kept the store locked for writing past lock_timeout.",
        },
    },
)
async def ingest(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    fmt: Annotated[
        Format | None,
        Query(
            alias="format",
            description="Reader to use; default: from the Content-Type, else sniffed.",
        ),
    ] = None,
) -> IngestOut:
    """Ingest the request body; bad records come back as rejections, never as errors."""
    config = app_config(request)
    check_token(config, credentials)
    limit = config.settings.max_file_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"the body of {declared} bytes exceeds max_file_bytes ({limit})")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    chosen = fmt or CONTENT_FORMATS.get(media)
    with tempfile.TemporaryDirectory(prefix="parallax-upload-") as folder:
        part = Path(folder) / "upload.part"
        digest, size = hashlib.sha256(), 0
        with part.open("wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise ApiError(413, f"the body exceeds max_file_bytes ({limit})")
                digest.update(chunk)
                out.write(chunk)
        # Named by content, so the ingest record says which upload an article came from.
        name = f"upload-{digest.hexdigest()[:16]}{_SUFFIXES.get(chosen or '', '')}"
        if size == 0:
            raise ApiError(400, "the request body is empty: send the articles as the body")
        path = part.rename(Path(folder) / name)
        return await run_in_threadpool(_ingest_file, config, path, chosen)
