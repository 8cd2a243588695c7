"""The one fork server every local pool of this process starts its workers from.

The pools of ``ingest`` (:mod:`parallax.runners.ingest_pool`), of ``analyze`` and
``compare_stories`` and of ``run --engine local`` (:mod:`parallax.runners.local`) take their
start context from :func:`pool`, which starts Python's fork server when none runs: a fresh
process (not a copy of this one, whose threads and ONNX sessions could deadlock a fork) that
imports the modules the first pool names (and, when each child will run this process's main
module again, what that module imported) before it forks any worker, so N workers pay those
imports once.

The server is counted: each pool, and each :func:`held` scope, is a user; when the last user
ends the server is stopped and waited for, so no process outlives a command holding the
libraries, and the CPU time of the workers it forked is counted to this process's children.
A command that runs several pools one after the other (``parallax analyze``: the analysis,
then the comparisons) holds the server across them (:func:`held`), so that they share it.
A later pool uses the running server whatever it preloaded: what it lacks, the pool's workers
import themselves, as spawned ones would.

A pool, or a held scope, may also ask for models (``warm``: :func:`spacy_request`,
:data:`COMPARE`): the server that starts for it then loads them once
(:mod:`parallax.runners.warm_models`) before it forks, and every worker inherits them instead of
loading its own. A held scope's requests count for any server started inside it, so the
comparison's models can be in the server that the analysis's pool starts. Where there is no
fork server (Windows), pools spawn their workers and nothing is started or stopped.

Python runs the main script again in the fork server and in each spawned worker (its rule for
the ``forkserver`` and ``spawn`` start methods), so a script that starts a pool outside an
``if __name__ == "__main__":`` block would start one again there, and so on: :func:`acquire`
refuses such a script with one line that says so (:func:`unguarded_script`), before any
process starts, and a child that finds itself starting a pool while it imports the script
says so in one line and ends, instead of Python's traceback and the parent's broken pipe.
"""

from __future__ import annotations

import ast
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import sys
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from parallax.errors import Code, ConfigError
from parallax.runners.parent import exit_with_parent

# The users of the fork server now (pools and held scopes, possibly in several threads of a
# server process); the last one to leave stops it.
_users = 0
_lock = threading.Lock()
# The models the held scopes now open ask the next server to load (each with its count).
_held_warm: Counter[str] = Counter()

#: The environment variable that names, to the fork server, the models to load ahead
#: (:mod:`parallax.runners.warm_models` reads it).
WARM = "PARALLAX_FORKSERVER_WARM"
#: The module whose import in the fork server loads them.
WARM_MODULE = "parallax.runners.warm_models"
#: The request for the comparison's models (stance, claim pairs, bias, techniques, omission).
COMPARE = "compare"


def spacy_request(model: str) -> str:
    """The request for the analyze workers' models with the spaCy pipeline ``model``."""
    return f"spacy:{model}"


def available() -> bool:
    """Whether this platform has a fork server (not Windows)."""
    return "forkserver" in multiprocessing.get_all_start_methods()


def running() -> bool:
    """Whether this process's fork server runs now."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    return getattr(server, "_forkserver_pid", None) is not None


def users() -> int:
    """How many pools and held scopes use the fork server now."""
    return _users


def acquire(
    modules: Sequence[str] = (), *, warm: Sequence[str] = ()
) -> multiprocessing.context.BaseContext:
    """Become a user of the fork server and return the context to start workers with.

    The server is started if none runs, importing ``modules`` and, when the children will
    run the main module (:func:`children_run_main`), ``__main__`` and what it imported
    (:func:`main_imports`), and loading the models ``warm`` and the held scopes ask for; a
    running one is used as it is. ``spawn`` where there is no fork server. Each call must be
    matched by :func:`release`.
    """
    global _users
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        _end_child()
    script = unguarded_script() if modules and not running() else None
    if script is not None:
        raise ConfigError(Code.UNGUARDED_SCRIPT, _UNGUARDED, path=script)
    if not available():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    with _lock:
        if modules and not running():
            main = ["__main__", *main_imports()] if children_run_main() else []
            requests = list(dict.fromkeys([*_held_warm, *warm]))
            preload = dict.fromkeys([*main, *modules, *([WARM_MODULE] if requests else [])])
            context.set_forkserver_preload(list(preload))
            _start_server(requests)
        _users += 1
    return context


def _start_server(requests: list[str]) -> None:
    """Start the fork server with :data:`WARM` naming ``requests`` in its environment (the
    server is a new program: it takes this process's environment as it is when started)."""
    before = os.environ.get(WARM)
    if requests:
        os.environ[WARM] = ",".join(requests)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if before is None:
            os.environ.pop(WARM, None)
        else:
            os.environ[WARM] = before


_UNGUARDED = (
    'this script starts parallax\'s worker processes outside an `if __name__ == "__main__":` '
    "block, and Python runs the script again in each worker: move that code under such a block, "
    "or pass workers=1"
)


def unguarded_script() -> str | None:
    """Return the path of the main module when multiprocessing runs it again in each child
    (:func:`children_run_main`) and it is a file with no ``if __name__ == "__main__":`` block
    at its top level (so a pool it starts would be started again in every worker), else None
    (a guarded script or module, ``python -m parallax``, ``-c``, a notebook, the CLI)."""
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    if not isinstance(path, str) or not children_run_main():
        return None
    return path if os.path.isfile(path) and not _has_main_block(path) else None


@lru_cache(maxsize=4)
def _has_main_block(path: str) -> bool:
    """Whether the script at ``path`` has a top-level ``if __name__ == "__main__":``
    (unreadable or unparsable: assumed guarded, as nothing can be said)."""
    try:
        tree = ast.parse(Path(path).read_bytes())
    except (OSError, SyntaxError, ValueError):
        return True
    for node in tree.body:
        test = node.test if isinstance(node, ast.If) else None
        if isinstance(test, ast.Compare) and len(test.comparators) == 1:
            sides = [test.left, test.comparators[0]]
            names = {s.id for s in sides if isinstance(s, ast.Name)}
            texts = {s.value for s in sides if isinstance(s, ast.Constant)}
            if names == {"__name__"} and texts == {"__main__"}:
                return True
    return False


def _end_child() -> None:
    """In a child that imports the main script (the fork server, a spawned worker) and is
    asked by it for a pool: say why in one line and end, as Python would with a traceback."""
    where = getattr(sys.modules.get("__main__"), "__file__", None) or "the main script"
    sys.stderr.write(f"{where}: {Code.UNGUARDED_SCRIPT.value} {_UNGUARDED}\n")
    sys.stderr.flush()
    os._exit(1)


def release() -> None:
    """Stop being a user of the fork server; the last user stops it and waits for it."""
    global _users
    if not available():
        return
    with _lock:
        if not _users:
            return
        _users -= 1
        if not _users:
            _stop()


@contextmanager
def pool(
    modules: Sequence[str], *, warm: Sequence[str] = ()
) -> Iterator[multiprocessing.context.BaseContext]:
    """The start context of one pool's workers, for as long as the pool lives
    (:func:`acquire` with ``modules`` and ``warm``, then :func:`release`)."""
    context = acquire(modules, warm=warm)
    try:
        yield context
    finally:
        release()


@contextmanager
def ahead(modules: Sequence[str]) -> Iterator[None]:
    """Start the fork server now, importing ``modules`` (:func:`acquire`), for the pools that
    will start later in this scope, and keep it until the scope ends.

    A command starts it as soon as it knows it will need one, so that the server imports and
    warms up on another core while the command does its own start. When the scope ends, every
    pool in it has shut down and its workers are reaped, so the server, if this is its last
    user, is ended at once (then waited for), not left to unwind its imports first; one that no
    pool used may still be importing.
    """
    acquire(modules)
    try:
        yield
    finally:
        if _users == 1:
            _terminate()
        release()


def _terminate() -> None:
    """Ask the fork server to end now, whatever it is doing (it has forked no worker)."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    pid = getattr(server, "_forkserver_pid", None)
    if isinstance(pid, int):
        with suppress(ProcessLookupError):  # it has ended already
            os.kill(pid, signal.SIGTERM)


@contextmanager
def held(*, warm: Sequence[str] = ()) -> Iterator[None]:
    """Keep the fork server the pools in this scope start until the scope ends, so that they
    share it; it is started by the first of them (nothing is started for none), and loads the
    models ``warm`` asks for besides those of that pool (a later pool's, ahead)."""
    acquire()
    with _lock:
        _held_warm.update(warm)
    try:
        yield
    finally:
        with _lock:
            _held_warm.subtract(warm)
            for request in [r for r, n in _held_warm.items() if n <= 0]:
                del _held_warm[request]
        release()


def _stop() -> None:
    """Stop the fork server and wait for it (multiprocessing keeps it until this process ends:
    the libraries it holds, and the CPU time of the workers it forked, uncounted)."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if callable(stop):
        stop()


def children_run_main() -> bool:
    """Whether multiprocessing runs this process's main module in each child it starts.

    It does for a script (the ``parallax`` console script, ``python script.py``) and for a
    module run with ``-m`` that is not a package's ``__main__`` (``python -m benchmarks.ingest``);
    it does not for ``python -m parallax``, whose ``parallax.__main__`` would run the command
    again, nor for an interactive session (the rule of ``multiprocessing.spawn``'s
    ``get_preparation_data`` and ``_fixup_main_from_name``). Where it does not, preloading the
    main module's imports in the fork server only costs the server their import: the
    ``parallax`` command's (``parallax.cli``, every command's modules) cost it about half a
    CPU second that no ingest worker uses.
    """
    main = sys.modules.get("__main__")
    name = getattr(getattr(main, "__spec__", None), "name", None)
    if isinstance(name, str):
        return name != "__main__" and not name.endswith(".__main__")
    return getattr(main, "__file__", None) is not None


def main_imports() -> list[str]:
    """Return the modules this process's main module took its names from: what a child
    process imports again when multiprocessing runs the main module in it."""
    main = sys.modules.get("__main__")
    names: set[str] = set()
    for value in vars(main).values() if main is not None else ():
        module = isinstance(value, ModuleType)
        home = value.__name__ if module else getattr(value, "__module__", None)
        if isinstance(home, str) and home not in {"__main__", "__mp_main__", "builtins"}:
            names.add(home)
    return sorted(names)


def start_worker() -> None:
    """What every local pool's worker does first: watch the process that started it (and exit
    with it), and run BLAS on one thread.

    The workers share the cores among themselves: a BLAS thread pool in each (OpenBLAS starts
    one thread per core) makes its threads spin for cores the other workers are using. natasha's
    Russian models (numpy matrix products) took 30 CPU s on one article with the default pool
    against 2.3 s on one thread, with two workers on two cores; the products are the same.
    """
    threading.Thread(target=exit_with_parent, name="parent-watch", daemon=True).start()
    os.environ["OPENBLAS_NUM_THREADS"] = "1"  # a BLAS loaded later
    os.environ["MKL_NUM_THREADS"] = "1"
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    threadpool_limits(1, user_api="blas")  # those loaded already (numpy's, in the server)
