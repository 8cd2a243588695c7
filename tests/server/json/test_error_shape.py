"""Every error, on every route, has the one envelope: {ok, error, errors, status}.

The routes are taken from the app itself, so a new route is walked without editing this test.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import fastapi.routing
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from httpx import Response
from starlette.routing import BaseRoute, Mount, Route

from parallax.config import Settings
from parallax.resources import Articles
from parallax.server.app import SECURITY_HEADERS, create_app

TOKEN = "test-token"
BAD_PATH_VALUES = ("0000000000000000", "no-such-thing", "%2e%2e", "x" * 300, "%00")
BAD_QUERY_VALUES: dict[Any, str] = {
    int: "not-a-number",
    datetime.date: "2025-02-30",
    bool: "perhaps",
}
ALL_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def assert_envelope(response: Response) -> None:
    assert response.status_code >= 400
    assert response.headers["content-type"].startswith("application/json"), response.text
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"}, body
    assert body["ok"] is False
    assert body["status"] == response.status_code
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list) and body["errors"]
    assert all(isinstance(line, str) and line for line in body["errors"])


@pytest.fixture(scope="module")
def full_app(corpus_db: Path) -> FastAPI:
    """The app with every optional route turned on."""
    return create_app(
        corpus_db, settings=Settings(max_file_bytes=1000), enable_ingest=True, token=TOKEN
    )


def every_route(app: FastAPI) -> list[BaseRoute]:
    """Every route of ``app``, including those of included routers."""
    iterate = getattr(fastapi.routing, "iter_route_contexts", None)
    if iterate is None:  # FastAPI before 0.16x copied included routes into app.routes
        return list(app.routes)
    return [context.original_route for context in iterate(app.routes)]


def bad_requests(app: FastAPI) -> list[tuple[str, str, dict[str, str]]]:
    """(method, url, query) for bad input to every route the app has."""
    requests: list[tuple[str, str, dict[str, str]]] = [("GET", "/api/no-such-route", {})]
    for route in every_route(app):
        if isinstance(route, Mount):
            requests += [("GET", f"{route.path}/no-such-file.css", {})]
            requests += [("GET", f"{route.path}/..%2F..%2Fpyproject.toml", {})]
            continue
        assert isinstance(route, Route), route
        names = re.findall(r"{(\w+)}", route.path)
        paths = [route.path]
        if names:
            paths = [re.sub(r"{\w+}", value, route.path) for value in BAD_PATH_VALUES]
        bad_query: dict[str, str] = {}
        query_params = route.dependant.query_params if isinstance(route, APIRoute) else []
        for param in query_params:
            annotation = param.field_info.annotation
            kinds = getattr(annotation, "__args__", (annotation,))
            value = next((BAD_QUERY_VALUES[k] for k in kinds if k in BAD_QUERY_VALUES), None)
            bad_query[param.alias] = value or "x" * 1001  # longer than any max_length
        methods = route.methods or set()
        for method in sorted(methods):
            for path in paths:
                requests.append((method, path, {}))
                requests.append((method, path, bad_query))
            requests.append((method, paths[0], {"cursor": "not-a-cursor"}))
        for method in sorted(ALL_METHODS - methods):
            requests.append((method, paths[0], {}))
    return requests


def test_every_route_answers_bad_input_with_the_envelope(full_app: FastAPI) -> None:
    statuses = set()
    with TestClient(full_app, raise_server_exceptions=False) as client:
        for method, url, query in bad_requests(full_app):
            response = client.request(method, url, params=query, headers={"accept": "*/*"})
            assert response.status_code < 500, (method, url, query, response.text)
            if response.status_code >= 400:
                assert_envelope(response)
                statuses.add(response.status_code)
    assert {400, 401, 404, 405, 422} <= statuses


def test_the_walk_covers_every_route(full_app: FastAPI) -> None:
    paths = {getattr(route, "path", None) for route in every_route(full_app)}
    assert {"/api/articles", "/api/articles/{article_id}", "/api/outlets", "/api/search"} <= paths
    assert {
        "/api/ingest",
        "/",
        "/articles/{article_id}",
        "/outlets/{outlet_id}",
        "/static",
    } <= paths
    assert {
        "/api/entities",
        "/api/entities/{entity_id}",
        "/entities",
        "/entities/{entity_id}",
        "/articles/{article_id}/report.{fmt}",
    } <= paths


def test_ingest_errors_have_the_envelope(full_app: FastAPI) -> None:
    with TestClient(full_app) as client:
        for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": TOKEN}):
            response = client.post("/api/ingest", content=b"text", headers=headers)
            assert response.status_code == 401
            assert response.headers["www-authenticate"] == "Bearer"
            assert_envelope(response)
        big = client.post(
            "/api/ingest", content=b"x" * 1001, headers={"authorization": f"Bearer {TOKEN}"}
        )
        assert big.status_code == 413
        assert_envelope(big)


def test_an_unexpected_error_is_a_500_envelope(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Articles, "page", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/articles")
        assert response.status_code == 500
        assert_envelope(response)
        assert "a bug" not in response.text  # internals stay in the log
        page = client.get("/articles", headers={"accept": "text/html"})
    assert page.status_code == 500
    assert page.headers["content-type"].startswith("text/html")
    for answer in (response, page):
        for name, value in SECURITY_HEADERS.items():
            assert answer.headers[name] == value


def test_a_browser_gets_error_pages_and_an_api_client_json(client: TestClient) -> None:
    page = client.get("/articles/0000000000000000", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert "no article with id" in page.text and "<html" in page.text
    api = client.get("/api/articles/0000000000000000", headers={"accept": "text/html"})
    assert_envelope(api)  # under /api/ it is always JSON
    assert_envelope(client.get("/no-such-page"))


def test_the_schema_documents_the_envelope(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status in ("404", "422", "500"):
                content = operation["responses"][status]["content"]["application/json"]
                assert content["schema"]["$ref"].endswith("/ErrorBody"), (path, method, status)
