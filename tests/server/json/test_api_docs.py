"""Every endpoint and every query parameter is documented in docs/api.md."""

from __future__ import annotations

from pathlib import Path

from parallax.config import Settings
from parallax.server.app import create_app

DOCS = Path(__file__).resolve().parents[3] / "docs" / "api.md"


def test_every_endpoint_and_parameter_is_documented(tmp_path: Path) -> None:
    text = DOCS.read_text()
    app = create_app(tmp_path / "c.db", settings=Settings(), enable_ingest=True, token="t")
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            assert f"`{method.upper()} {path}`" in text, (method, path)
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    assert f"`{parameter['name']}`" in text, (path, parameter["name"])
