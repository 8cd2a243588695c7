"""Named, versioned registries: entry points are read only for a name not registered here."""

from __future__ import annotations

from importlib.metadata import EntryPoint
from typing import Any

import pytest

from parallax import registry as registry_module
from parallax.registry import Registry


def _plugin() -> str:
    return "from a plugin"


def test_a_name_registered_here_never_reads_the_entry_points(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def scanned(**_: Any) -> list[EntryPoint]:
        raise AssertionError("the installed packages' entry points were read")

    monkeypatch.setattr(registry_module, "entry_points", scanned)
    things: Registry[str] = Registry("things")
    things.register("local", version="v3")("here")
    assert things.versioned_name("local") == "parallax.things.local.v3"
    assert things.get("local") == "here"


def test_a_name_only_an_entry_point_provides_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    point = EntryPoint("extra", f"{__name__}:_plugin", "parallax.things")
    monkeypatch.setattr(
        registry_module, "entry_points", lambda group: [point] if group == point.group else []
    )
    things: Registry[Any] = Registry("things")
    things.register("extra", version="v2")("here")  # a local component is never replaced
    things.register("local")("here")
    assert things.get("local") == "here"
    assert things.versioned_name("extra") == "parallax.things.extra.v2"
    other: Registry[Any] = Registry("things")
    assert other.versioned_name("extra") == "parallax.things.extra.v1"
    assert other.get("extra")() == "from a plugin"
    assert other.names() == ["extra"]
    with pytest.raises(KeyError):
        other.get("missing")
