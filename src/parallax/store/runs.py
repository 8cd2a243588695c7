"""Runs whose process is gone: a killed ``ingest`` or ``analyze`` must not stay "running".

A run records the process id and host that run it; when a later run starts, every run still
marked running whose process no longer exists on this host becomes ``interrupted``. A run
from another host is left alone: its process cannot be checked from here.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3


def this_process() -> dict[str, object]:
    """Return what identifies the running process: its id and host."""
    return {"pid": os.getpid(), "host": socket.gethostname()}


def process_exists(pid: int) -> bool:
    """Return True when a process with this id runs on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def mark_interrupted(connection: sqlite3.Connection) -> int:
    """Mark running runs of this host whose process is gone as interrupted; return how many."""
    host = socket.gethostname()
    rows = connection.execute("SELECT id, summary FROM runs WHERE status = 'running'").fetchall()
    gone = []
    for run_id, summary in rows:
        started = json.loads(summary or "{}")
        pid = started.get("pid") if isinstance(started, dict) else None
        if isinstance(pid, int) and started.get("host") == host and not process_exists(pid):
            gone.append((run_id,))
    connection.executemany("UPDATE runs SET status = 'interrupted' WHERE id = ?", gone)
    return len(gone)
