"""Real binary formats, built as their writers build them, for the cases that UTF-16 without a
byte-order mark must not swallow: their NUL bytes make them look like wide text at a glance."""

from __future__ import annotations

import io
import math
import struct
import wave
import zipfile
import zlib


def png(width: int = 64, height: int = 64) -> bytes:
    """A grey-gradient PNG image (signature, IHDR, IDAT, IEND)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\0" + bytes((x + y) % 256 for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def zip_archive(text: str) -> bytes:
    """A zip archive holding ``text`` stored (uncompressed) as UTF-16-LE, so that most of the
    archive is wide text with NULs on one side."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("article.txt", text.encode("utf-16-le"))
    return out.getvalue()


def elf(code_bytes: int = 4000) -> bytes:
    """An ELF-64 executable header, one program header, then code and zero padding."""
    header = struct.pack(
        "<4sBBBBB7sHHIQQQIHHHHHH",
        b"\x7fELF", 2, 1, 1, 0, 0, b"\0" * 7,
        2, 0x3E, 1, 0x401000, 64, 0, 0, 64, 56, 1, 64, 0, 0,
    )  # fmt: skip
    program = struct.pack("<IIQQQQQQ", 1, 5, 0, 0x400000, 0x400000, 4096, 4096, 4096)
    code = bytes((i * 37 + 11) % 256 for i in range(code_bytes))
    return header + program + code + b"\0" * 1024


def quiet_wav(samples: int = 4000) -> bytes:
    """A WAV file of quiet 16-bit audio: every high byte is 0x00 or 0xFF, the low ones vary."""
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        values = (int(60 * math.sin(i / 5)) for i in range(samples))
        sound.writeframes(b"".join(struct.pack("<h", value) for value in values))
    return out.getvalue()
