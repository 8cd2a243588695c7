"""The public surface is exactly ``parallax.__all__``, sorted, and every name is documented;
the names are imported when first used, so a submodule's import stays light."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import parallax


def test_all_is_sorted_and_complete() -> None:
    assert parallax.__all__ == sorted(parallax.__all__)
    public = {name for name in dir(parallax) if not name.startswith("_")}
    modules = {name for name in public if inspect.ismodule(getattr(parallax, name))}
    assert public - modules == set(parallax.__all__)


def test_every_public_name_has_a_docstring() -> None:
    for name in parallax.__all__:
        assert inspect.getdoc(getattr(parallax, name)), name


def test_each_name_is_its_modules_object() -> None:
    for name in parallax.__all__:
        value = getattr(parallax, name)
        assert getattr(importlib.import_module(value.__module__), name) is value, name
    assert getattr(parallax, "__version__")  # noqa: B009
    try:
        getattr(parallax, "NoSuchName")  # noqa: B009
    except AttributeError as error:
        assert "NoSuchName" in str(error)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def test_an_ingest_module_does_not_load_the_nlp() -> None:
    # What an ingest worker imports: spaCy (seconds of CPU) only comes with the names that need it.
    code = (
        "import sys, parallax.stages.ingest, parallax\n"
        "assert 'spacy' not in sys.modules, 'spacy'\n"
        "parallax.Corpus\n"
        "assert 'parallax.corpus' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
