"""Turn input bytes into text: reject empty and binary data, detect the charset."""

from __future__ import annotations

import charset_normalizer

from parallax.errors import Code, InputError

# Control characters other than tab, newline, carriage return and form feed mark binary data.
_TEXT_CONTROLS = {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    """Return True when a sample of ``data`` is most likely not text."""
    sample = data[:8192]
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return bool(sample) and controls / len(sample) > 0.05


def decode_bytes(
    data: bytes, *, source: str, record: str | None = None, declared: str | None = None
) -> str:
    """Decode ``data`` as text, trying UTF-8 first, then a declared charset, then detection.

    Raises:
        InputError: the data is empty, binary, or in no charset that decodes it cleanly.
    """
    if not data.strip():
        raise InputError(Code.EMPTY, "empty input", path=source, record=record)
    if looks_binary(data):
        raise InputError(Code.BINARY, "binary data, not text", path=source, record=record)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(
            Code.ENCODING, "cannot detect the character encoding", path=source, record=record
        )
    return str(best)
