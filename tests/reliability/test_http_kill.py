"""A server killed while it ingests an upload loses nothing: sending the upload again to a new
server stores every article once, and the killed run is marked interrupted."""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.reliability.conftest import parallax_env

pytestmark = pytest.mark.reliability

TOKEN = "kill-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "parallax", "serve", "--enable-ingest", "--port", str(port)],
        env=parallax_env(db, commit_every="5") | {"PARALLAX_TOKEN": TOKEN},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles", timeout=2)
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    server.kill()
    raise AssertionError("the server did not start")


def post(port: int, body: bytes) -> dict[str, object] | None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/ingest",
        data=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return dict(json.load(response))
    except (urllib.error.URLError, ConnectionError):
        return None  # the server was killed under it


def count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_a_server_killed_mid_upload_loses_nothing(tmp_path: Path, good_text: str) -> None:
    total = 300
    body = "".join(
        json.dumps({"url": f"https://example.org/{n}", "text": f"Item {n}. {good_text}"}) + "\n"
        for n in range(total)
    ).encode()
    db = tmp_path / "c.db"
    port = free_port()
    server = serve(db, port)
    upload = threading.Thread(target=post, args=(port, body))
    upload.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and count(db) < 10:
        time.sleep(0.05)
    server.send_signal(signal.SIGKILL)
    server.wait()
    upload.join(timeout=30)
    committed = count(db)
    assert 10 <= committed < total, "the upload must be killed part-way"
    server = serve(db, port)
    try:
        report = post(port, body)
    finally:
        server.kill()
        server.wait()
    assert report is not None and report["rejected"] == 0
    with sqlite3.connect(db) as connection:
        stored = connection.execute("SELECT COUNT(*), COUNT(DISTINCT url) FROM articles").fetchone()
        statuses = [row[0] for row in connection.execute("SELECT status FROM runs ORDER BY id")]
    assert stored == (total, total)
    assert statuses == ["interrupted", "finished"]
