"""What the hostile-input catalogue is made of: the case type, the texts, and the builders of
bombs, WARC archives, odd names and file-system oddities."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parallax.config import Settings

STORED: frozenset[str] = frozenset({"stored"})
NOTHING: frozenset[str] = frozenset({"nothing"})

#: Small caps so that the size cases stay fast; everything else is the default.
SETTINGS = Settings(
    max_file_bytes=200_000,
    max_record_bytes=100_000,
    max_article_chars=50_000,
    max_source_bytes=5_000_000,
)

SENTENCE = (
    "The ministers met in Geneva on Monday and agreed to resume the talks next week, "
    "officials from both delegations told reporters after the meeting."
)
BODY = f"{SENTENCE}\n\n{SENTENCE.replace('Monday', 'Tuesday')}\n"
RUSSIAN = (
    "Президент России заявил в понедельник, что переговоры с Украиной продолжатся на следующей "
    "неделе в Стамбуле. По его словам, делегации обсудят обмен пленными и гуманитарные вопросы."
)
HTML = f"<html><head><title>Talks</title></head><body><article><p>{SENTENCE}</p><p>{SENTENCE}</p></article></body></html>"
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'
        for n in range(1, 10)
    )
    + "]>\n"
)
XXE = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


@dataclass(frozen=True)
class Case:
    """One kind of hostile input: its id, how to make it in a folder, and what must happen."""

    id: str
    make: Callable[[Path], Path]
    expect: frozenset[str]

    def __str__(self) -> str:
        return self.id


def file(name: str | bytes, data: bytes | str | Callable[[], bytes]) -> Callable[[Path], Path]:
    """Make a file ``name`` (bytes for a name that is not UTF-8) holding ``data`` (made when
    the case runs, when it is a function: the bombs)."""

    def make(folder: Path) -> Path:
        raw = name if isinstance(name, bytes) else name.encode()
        path = Path(os.fsdecode(os.fsencode(folder) + b"/" + raw))
        content = data() if callable(data) else data
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return path

    return make


def gz(data: bytes | str) -> bytes:
    return gzip.compress(data.encode() if isinstance(data, str) else data, compresslevel=9)


def bomb(size: int, unit: bytes = b"\0") -> bytes:
    """Gzip ``size`` bytes of ``unit`` without holding them all in memory."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as handle:
        chunk = unit * (1 << 20 // len(unit))
        for _ in range(size // len(chunk)):
            handle.write(chunk)
    return out.getvalue()


def warc(records: list[tuple[str, bytes, str]], *, compress: bool = False) -> bytes:
    """Build a WARC of HTTP responses ``(url, body, content type)``."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, body, content_type in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
        )
    return buffer.getvalue()


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def special(name: str, kind: str) -> Callable[[Path], Path]:
    """Make a file-system oddity: a FIFO, a socket, a symlink loop, a dangling link."""

    def make(folder: Path) -> Path:
        path = folder / name
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "socket":
            server = socket.socket(socket.AF_UNIX)
            server.bind(str(path))
            server.close()
        elif kind == "loop":
            path.symlink_to(path.name)
        elif kind == "dangling":
            path.symlink_to(folder / "nowhere.txt")
        elif kind == "hidden":
            path.write_text(BODY)
        elif kind == "dir-named-like-a-file":
            path.mkdir()
            (path / "inside.txt").write_text(BODY.replace("Geneva", "Vienna"))
        assert (
            kind == "socket"
            or path.is_symlink()
            or stat.S_ISFIFO(path.lstat().st_mode)
            or path.exists()
        )
        return path

    return make
