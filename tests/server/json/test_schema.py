"""Property tests against the OpenAPI schema (schemathesis): no 500s, every response as
documented, including the error envelope. Bounded to stay fast."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance
from schemathesis.transport.serialization import serialize_binary

from parallax.config import Settings
from parallax.errors import ConfigError
from parallax.server.app import create_app
from parallax.store.fts import match_expression

TOKEN = "schema-token"
# The schema is read when this module is collected, before fixtures exist, so the apps start
# on an in-memory store (a fresh one per request); the fixture below points the read-only app
# at the shared test corpus. The ingest app keeps its in-memory stores: nothing persists.
READ_ONLY = create_app(":memory:", settings=Settings())
INGEST = create_app(
    ":memory:", settings=Settings(max_file_bytes=4000), enable_ingest=True, token=TOKEN
)
read_only = schemathesis.openapi.from_asgi("/api/openapi.json", READ_ONLY)
ingest = schemathesis.openapi.from_asgi("/api/openapi.json", INGEST).include(path="/api/ingest")


@schemathesis.serializer(
    "application/x-ndjson", "application/jsonl", "application/json-lines", "application/warc"
)
def _as_bytes(context: schemathesis.SerializationContext, value: object) -> bytes:
    """Send generated ingest bodies of these media types as they are."""
    return serialize_binary(value)  # type: ignore[arg-type]


@pytest.fixture(scope="module", autouse=True)
def _serve_the_test_corpus(corpus_db: Path) -> None:
    READ_ONLY.state.parallax = replace(READ_ONLY.state.parallax, db=str(corpus_db))


def excluded_checks(case: schemathesis.Case) -> list[schemathesis.CheckFunction]:
    # A cursor is opaque: a string the schema allows is still refused (400) unless the API
    # made it, so only requests without one must be accepted. And the schema gives an ingest
    # body minLength 1, which schemathesis does not apply to binary bodies (an empty body is 400).
    # Likewise a search in a syntax that cannot be parsed (an unclosed quote) is a 400.
    opaque_cursor = bool((case.query or {}).get("cursor"))
    empty_body = case.operation.method.upper() == "POST" and not case.body
    bad_syntax = not parses(str((case.query or {}).get("q", "")))
    return [positive_data_acceptance] if opaque_cursor or empty_body or bad_syntax else []


def parses(search: str) -> bool:
    """Whether a search is valid search syntax."""
    try:
        match_expression(search)
    except ConfigError:
        return False
    return True


@read_only.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=excluded_checks(case))


@ingest.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_ingest_conforms_to_its_schema(case: schemathesis.Case) -> None:
    # Every call carries the token, so a case generated without it (negative data) is sent
    # with it and rightly accepted; missing and wrong tokens are tested in test_ingest.py.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        excluded_checks=[*excluded_checks(case), negative_data_rejection],
    )
