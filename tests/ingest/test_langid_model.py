"""py3langid's model read from its uncompressed copy is the packaged model: the same arrays and
the same answers on real texts; a copy that cannot be written or read falls back to py3langid."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from parallax.ingest.langid_model import cache_folder, load_identifier
from tests.conftest import EXAMPLES

ARTICLES = [
    path.read_text(encoding="utf-8")
    for folder in ("seeds", "ru", "uk")
    for path in sorted((EXAMPLES / folder).iterdir())
]
# Each article whole and each of its paragraphs (English, Russian, Ukrainian; short and long).
TEXTS = [*ARTICLES, *(line for text in ARTICLES for line in text.splitlines() if line.strip())]


@pytest.fixture(scope="module")
def packaged() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _same_model(left: LanguageIdentifier, right: LanguageIdentifier) -> None:
    assert left.nb_ptc.dtype == right.nb_ptc.dtype and np.array_equal(left.nb_ptc, right.nb_ptc)
    assert left.nb_pc.dtype == right.nb_pc.dtype and np.array_equal(left.nb_pc, right.nb_pc)
    assert left.nb_classes == right.nb_classes
    assert left.tk_nextmove == right.tk_nextmove and left.tk_row == right.tk_row
    assert left.tk_output == right.tk_output


def test_the_copy_gives_the_packaged_models_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packaged: LanguageIdentifier
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = load_identifier()  # writes the copy
    (copy,) = cache_folder().glob("py3langid-*.npz")
    second = load_identifier()  # reads it
    for loaded in (first, second):
        _same_model(loaded, packaged)
    assert len(TEXTS) > 30
    for text in TEXTS:
        for sample in (text[:100], text[:2000]):
            assert second.classify(sample) == packaged.classify(sample)
            assert second.rank(sample)[:5] == packaged.rank(sample)[:5]
    assert copy.stat().st_size > 10_000_000, "uncompressed"


def test_a_broken_copy_is_rewritten_and_an_unwritable_folder_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packaged: LanguageIdentifier
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_identifier()
    (copy,) = cache_folder().glob("py3langid-*.npz")
    copy.write_bytes(copy.read_bytes()[:1000])
    _same_model(load_identifier(), packaged)
    assert copy.stat().st_size > 10_000_000, "rewritten whole"

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    _same_model(load_identifier(), packaged)
    assert list(tmp_path.glob("**/*.tmp")) == []


def test_a_changed_packaged_model_gets_its_own_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packaged: LanguageIdentifier
) -> None:
    import os
    import shutil

    from py3langid import langid

    model_dir = tmp_path / "model"
    (model_dir / MODEL_FILE).parent.mkdir(parents=True)
    shutil.copy(Path(langid.MODEL_DIR) / MODEL_FILE, model_dir / MODEL_FILE)
    monkeypatch.setattr(langid, "MODEL_DIR", str(model_dir))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    load_identifier()
    assert len(list(cache_folder().glob("py3langid-*.npz"))) == 1
    load_identifier()
    assert len(list(cache_folder().glob("py3langid-*.npz"))) == 1, "the same model, one copy"
    stat = (model_dir / MODEL_FILE).stat()
    os.utime(model_dir / MODEL_FILE, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    _same_model(load_identifier(), packaged)
    assert len(list(cache_folder().glob("py3langid-*.npz"))) == 2, "a changed model, a new copy"
