"""Ingest's fast paths give what the plain algorithms give: whitespace tidying, MinHash
signatures with permutations drawn once (with numpy, as datasketch draws them), near-identical
outlet names."""

from __future__ import annotations

import difflib
import random
import re
import struct
import subprocess
import sys

import numpy as np
from datasketch import LeanMinHash, MinHash
from datasketch.hashfunc import sha1_hash32

from parallax.config import Settings
from parallax.ingest.clean import _tidy_whitespace
from parallax.ingest.duplicates import _permutations, fingerprint, shingle_hashes, shingles
from parallax.ingest.outlets import _key, load_outlets
from tests.conftest import EXAMPLES

SEEDS = [path.read_text(encoding="utf-8") for path in sorted((EXAMPLES / "seeds").iterdir())]
SLAVIC = [
    path.read_text(encoding="utf-8")
    for folder in ("ru", "uk")
    for path in sorted((EXAMPLES / folder).iterdir())
]
# Letters whose lower case is longer or depends on its neighbours (Turkish dotted I, Greek
# final sigma, German sharp s), words of one letter, digits and underscores.
ODD_TEXTS = [
    "",
    "one two three four five six",
    "İSTANBUL İzmir ΟΔΟΣ ΟΔΟΣ. Straße STRASSE ǅemal a b c d e f_g 42 ΣΑΣ",
    "five words and no more",
    "four words only here",
    "Ünïcödé wörds ünd ÄSCII words mixed in one text that is long enough",
]


def _tidy_every_run(chars: str) -> list[tuple[int, int]]:
    """The rule visiting every whitespace run, a lone space between words included."""
    kept: list[list[int]] = []

    def keep(start: int, end: int) -> None:
        if end > start:
            if kept and kept[-1][1] == start:
                kept[-1][1] = end
            else:
                kept.append([start, end])

    position = 0
    for match in re.finditer(r"\s+", chars):
        start, end = match.span()
        keep(position, start)
        position = end
        if start == 0 or end == len(chars):
            continue
        first = chars.find("\n", start, end)
        if first < 0:
            keep(start, start + 1)
            continue
        keep(first, first + 1)
        second = chars.find("\n", first + 1, end)
        if second >= 0:
            keep(second, second + 1)
    keep(position, len(chars))
    return [(start, end) for start, end in kept]


def test_tidying_skips_lone_spaces_and_keeps_the_same_runs() -> None:
    rng = random.Random(7)
    alphabet = "ab  \n\t\r\x0b\x0c\xa0\u2028\x85 c\n\n"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for text in [*texts, *SEEDS, " lead", "trail ", " ", "a b", "a\u00a0b"]:
        assert _tidy_whitespace(text) == _tidy_every_run(text), repr(text)


def test_signatures_are_those_of_a_minhash_drawn_for_each_article() -> None:
    settings = Settings()
    for text in [*SEEDS, *SLAVIC, *ODD_TEXTS]:
        drawn = MinHash(num_perm=settings.minhash_perms, seed=1)
        drawn.update_batch(list(shingles(text, settings.shingle_words)))
        expected = LeanMinHash(drawn).hashvalues.astype(np.uint64).tobytes()
        assert fingerprint(text, settings).signature == expected


def test_permutations_are_those_a_datasketch_minhash_draws() -> None:
    for perms in (1, 2, 16, 32, 64, Settings().minhash_perms, 256, 1000):
        drawn = MinHash(num_perm=perms, seed=1)
        assert drawn.scheme == "affine32"
        a, b = _permutations(perms)
        assert a.dtype == b.dtype == drawn.permutations.dtype == np.uint32
        assert np.array_equal(np.array([a, b]), drawn.permutations), perms


def test_a_fingerprint_imports_neither_datasketch_nor_scipy() -> None:
    code = (
        "import sys\n"
        "from parallax.config import Settings\n"
        "from parallax.ingest.duplicates import fingerprint\n"
        "fingerprint('the council approved the new bridge on tuesday', Settings())\n"
        "print(sorted({'datasketch', 'scipy'} & set(sys.modules)))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_the_command_and_its_corpus_import_neither_scipy_nor_the_framing_models() -> None:
    # What every ``parallax`` command, and the ingest's fork server, imports before it works.
    code = (
        "import sys\n"
        "import parallax.cli\n"
        "from parallax.corpus import Corpus\n"
        "print(sorted({'scipy', 'parallax.models'} & set(sys.modules)))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_the_ingest_pools_fork_server_imports_no_store_shard_or_analyze_modules() -> None:
    # What the fork server of an ingest imports (and runs: the warm page) before its first fork:
    # its workers process records and write nothing.
    code = (
        "import importlib, sys\n"
        "from parallax.runners.ingest_pool import WORKER_MODULES\n"
        "for name in WORKER_MODULES: importlib.import_module(name)\n"
        "print(sorted({'pyarrow', 'pydantic', 'parallax.store.sqlite', 'parallax.runners.local',"
        " 'parallax.runners.engines', 'parallax.stages.analyze'} & set(sys.modules)))\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_shingle_hashes_are_those_of_every_shingle() -> None:
    settings = Settings()
    for text in [*SEEDS, *SLAVIC, *ODD_TEXTS]:
        for size in (1, settings.shingle_words, 8):
            hashes = shingle_hashes(text, size)
            found = [hashes[i : i + 4] for i in range(0, len(hashes), 4)]
            expected = {struct.pack("<I", sha1_hash32(shingle)) for shingle in shingles(text, size)}
            assert set(found) == expected, (text[:40], size)
            words = len(re.findall(r"\w+", text))
            assert len(found) == (max(words - size + 1, 1) if words else 0)


def test_a_near_identical_outlet_name_is_found_as_difflib_finds_it() -> None:
    registry = load_outlets()
    keys = [_key(name) for outlet in registry.all() for name in (outlet.name, *outlet.aliases)]
    for name in ("The Guardiann", "Washington Postt", "Al Jazeera Englsh", "Nobody Knows This"):
        close = difflib.get_close_matches(_key(name), keys, n=1, cutoff=0.92)
        found = registry.find(name)
        expected = registry.find(close[0]) if close else None
        assert found == expected, name
    assert registry.find("Washington Postt") == registry.get("washington-post")
