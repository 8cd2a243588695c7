"""py3langid's model, loaded from an uncompressed copy kept once per machine.

py3langid ships its model as an LZMA-compressed ``.npz`` and decompresses it in every process
that loads it (about half a CPU second: a share of every ingest's start, paid in the command's
process and again in the pool's fork server). The first load writes the arrays it gave, as they
are, to an uncompressed ``.npz`` in the user's cache folder (``$XDG_CACHE_HOME/parallax``, else
``~/.cache/parallax``), named by py3langid's version and the packaged file's size and modification
time (cheap to read, unlike a hash of its 4 MB), so that a new or changed model gets a new copy;
later loads read that copy. The identifier built from it holds the same arrays, so
it gives the same answers. A folder that cannot be written, or a copy that cannot be read, only
means py3langid's own loader is used.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from array import array
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["cache_folder", "load_identifier"]


def cache_folder() -> Path:
    """Return the folder the uncompressed model is kept in."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "parallax"


def load_identifier() -> Any:
    """Return py3langid's ``LanguageIdentifier`` for its packaged model, with probabilities
    normalised to [0, 1], loaded from the uncompressed copy (written first if there is none)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    packaged = Path(MODEL_DIR) / MODEL_FILE
    copy = cache_folder() / f"py3langid-{_model_key(packaged)}.npz"
    try:
        parts = _read_copy(copy)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        identifier = LanguageIdentifier.from_model_file(packaged, norm_probs=True)
        _write_copy(copy, identifier)
        return identifier
    ptc, pc, classes, nextmove, row, output = parts
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


def _model_key(packaged: Path) -> str:
    """Name the packaged model by py3langid's version and the file's size and modification time."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("py3langid")
    except PackageNotFoundError:
        release = "unknown"
    stat = packaged.stat()
    return f"{release}-{stat.st_size}-{stat.st_mtime_ns}"


def _as_array(values: Any) -> array[int]:
    """An unsigned integer numpy array as the stdlib ``array`` py3langid's tokenizer indexes."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


def _read_copy(copy: Path) -> tuple[Any, ...]:
    with copy.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        return (
            data["ptc"],
            data["pc"],
            data["classes"].tolist(),
            _as_array(data["nextmove"]),
            _as_array(data["row"]),
            data["output"].tolist(),
        )


def _write_copy(copy: Path, identifier: Any) -> None:
    """Write the identifier's arrays to ``copy`` (whole or not at all: a temporary file renamed
    into place, so that processes loading at once never read half a copy); never raise for it."""
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=copy.parent, suffix=".tmp", delete=False) as out:
            temporary = Path(out.name)
            np.savez(
                out,
                ptc=identifier.nb_ptc,
                pc=identifier.nb_pc,
                classes=np.array(identifier.nb_classes),
                nextmove=np.array(identifier.tk_nextmove),
                row=np.array(identifier.tk_row),
                output=np.array(identifier.tk_output),
            )
        os.replace(temporary, copy)
    except OSError:
        if "temporary" in locals():
            temporary.unlink(missing_ok=True)
