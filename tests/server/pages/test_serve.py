"""``parallax serve`` as a person runs it: a subprocess that serves pages and the API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.config import Settings
from parallax.errors import ConfigError
from parallax.server.app import SERVE_ENV, app_from_environment, serve_environment
from parallax.server.deps import AppConfig


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str, *, data: bytes | None = None, token: str | None = None) -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.slow
def test_serve_runs_the_app_with_ingest_behind_a_token(tmp_path: Path, seed_dir: Path) -> None:
    port = free_port()
    env = os.environ | {"PARALLAX_TOKEN": "t0ken", "PARALLAX_DB": str(tmp_path / "c.db")}
    command = [sys.executable, "-m", "parallax", "serve", "--port", str(port), "--enable-ingest"]
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, log.read_text()
            try:
                status, _ = fetch(base + "/api/articles")
                break
            except OSError:
                assert time.monotonic() < deadline, "parallax serve did not start"
                time.sleep(0.1)
        assert status == 200
        seed = next(seed_dir.glob("001_*.txt")).read_bytes()
        assert fetch(base + "/api/ingest", data=seed)[0] == 401
        status, body = fetch(base + "/api/ingest", data=seed, token="t0ken")
        assert status == 200 and json.loads(body)["new_articles"] == 1
        status, page = fetch(base + "/")
        assert status == 200 and b"SouthFront" in page
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_refuses_ingest_without_a_token(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PARALLAX_TOKEN"}
    db = str(tmp_path / "c.db")
    result = subprocess.run(
        [sys.executable, "-m", "parallax", "serve", "--db", db, "--enable-ingest"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "needs a token" in result.stderr


def test_worker_processes_build_the_same_app(web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve --workers N``: each worker builds the app from the environment it inherits."""
    settings = Settings(max_file_bytes=1234)
    monkeypatch.setenv("PARALLAX_TOKEN", "t0ken")
    for name, value in serve_environment(web_db, settings=settings, enable_ingest=True).items():
        monkeypatch.setenv(name, value)
    app = app_from_environment()
    assert app.state.parallax == AppConfig(str(web_db), settings, True, "t0ken")
    with TestClient(app) as client:
        assert client.get("/api/articles").json()["items"]
    monkeypatch.setenv(SERVE_ENV, "{}")
    with pytest.raises(ConfigError, match="does not describe an app"):
        app_from_environment()
