"""The public surface is exactly ``parallax.__all__``, sorted, and every name is documented."""

from __future__ import annotations

import inspect

import parallax


def test_all_is_sorted_and_complete() -> None:
    assert parallax.__all__ == sorted(parallax.__all__)
    public = {name for name in vars(parallax) if not name.startswith("_")}
    modules = {name for name in public if inspect.ismodule(getattr(parallax, name))}
    assert public - modules == set(parallax.__all__)


def test_every_public_name_has_a_docstring() -> None:
    for name in parallax.__all__:
        assert inspect.getdoc(getattr(parallax, name)), name
