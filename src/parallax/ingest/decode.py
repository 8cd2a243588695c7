"""Turn input bytes into text: reject empty and binary data, honour byte-order marks, and
check a declared charset against detection.

The order: a byte-order mark (UTF-8, UTF-16 or UTF-32) decides; else UTF-32 without a mark is
recognised by its structure, and UTF-16 without one by its NUL bytes on one side of each pair
or (East Asian text has few NULs) by reading as East Asian text in one byte order only; else
7-bit ISO-2022 text (Japanese or Korean) by its escapes; else binary data is refused; else UTF-8
is tried, then the charset the document declares, then detection (charset-normalizer, with a
tie-break for East Asian charsets: see :mod:`.detect`). A declared charset is checked against
detection: when detection reads the bytes clearly better (less mess, more coherent language) it
wins, and the text carries the flag ``charset-mismatch`` so that a reader knows the page lied
about its encoding.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from parallax.errors import Code, InputError
from parallax.ingest.detect import (
    Ambiguous,
    detect,
    iso2022,
    utf16_east_asian,
    utf32_without_bom,
)

# Control characters other than tab, newline, carriage return and form feed mark binary data
# (a regular expression counts them several times faster than a loop over the characters).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# Longest first: a UTF-32-LE mark begins with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: The flag an article gets when its declared charset lost to detection.
CHARSET_MISMATCH = "charset-mismatch"
# How much better detection must read the bytes to overrule what the document declares.
_CHAOS_MARGIN = 0.05
_COHERENCE_MARGIN = 0.2
# How much of the head binary and UTF-16 detection look at.
_SAMPLE = 8192
# How many characters at the start of UTF-16 without a mark must all be readable.
_TEXT_HEAD = 32


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the flags decoding raised (``charset-mismatch``)."""

    text: str
    flags: tuple[str, ...] = ()


def byte_order_mark(data: bytes) -> str | None:
    """Return the codec a byte-order mark at the start of ``data`` names, or None."""
    return next((codec for mark, codec in BOMS if data.startswith(mark)), None)


def utf16_without_bom(data: bytes) -> str | None:
    """Return ``utf-16-le`` or ``utf-16-be`` when ``data`` (no byte-order mark) reads as
    UTF-16 text, else None.

    Text in a Latin or Cyrillic script written as UTF-16 has a NUL byte in many of its pairs
    (every ASCII character, space and digit), always on the same side: the odd bytes for
    little-endian, the even ones for big-endian. Binary data with NULs has them on both sides,
    or decodes to control characters; so the NULs must lean to one side and the decoded head
    must be almost all printable.
    """
    sample = data[:_SAMPLE]
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if min(even, odd) > pairs * 0.01 or max(even, odd) < pairs * 0.1:
        return None
    codec = "utf-16-le" if odd > even else "utf-16-be"
    text = sample.decode(codec, "replace")
    unreadable = [char == "\ufffd" or not (char.isprintable() or char.isspace()) for char in text]
    # A text begins with text: a binary header (a zip's, an executable's) in front of wide
    # text it holds fails here even when the text makes up most of the sample.
    if any(unreadable[:_TEXT_HEAD]):
        return None
    return codec if sum(unreadable) <= len(text) * 0.05 else None


def wide_codec(head: bytes) -> str | None:
    """Return the codec of UTF-16 or UTF-32 data beginning with ``head`` (by its byte-order
    mark, or recognised without one), or None for data in a byte-wide charset."""
    bom = byte_order_mark(head)
    if bom in ("utf-16", "utf-32"):
        return bom
    if bom:
        return None
    # UTF-32 first: its NULs fall on both sides of the pairs, which UTF-16's test refuses anyway.
    # East Asian UTF-16 has too few NULs for that test, and is recognised by what it reads as.
    return utf32_without_bom(head) or utf16_without_bom(head) or utf16_east_asian(head)


def looks_binary(data: bytes) -> bool:
    """Return True when a sample of ``data`` is most likely not text."""
    sample = data[:_SAMPLE]
    if b"\x00" in sample and byte_order_mark(sample) in (None, "utf-8-sig"):
        return True
    if byte_order_mark(sample) in ("utf-16", "utf-32"):
        return _controls(sample.decode(byte_order_mark(sample) or "", "ignore"))
    return _controls(sample.decode("latin-1"))


def _controls(text: str) -> bool:
    controls = len(_CONTROL.findall(text))
    return bool(text) and controls / len(text) > 0.05


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(
    data: bytes, *, source: str, record: str | None = None, declared: str | None = None
) -> str:
    """Decode ``data`` as text (see :func:`decode_document`), without its flags."""
    return decode_document(data, source=source, record=record, declared=declared).text


def decode_document(
    data: bytes, *, source: str, record: str | None = None, declared: str | None = None
) -> Decoded:
    """Decode ``data``: a byte-order mark, else UTF-8, else the declared charset checked
    against detection (see the module docstring).

    Raises:
        InputError: the data is empty, binary, or in no charset that decodes it cleanly.
    """

    def fail(code: Code, reason: str) -> InputError:
        return InputError(code, reason, path=source, record=record)

    bom = wide_codec(data)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as error:
            raise fail(Code.ENCODING, f"bytes that are not {bom} text") from error
        if not text.strip():
            raise fail(Code.EMPTY, "empty input")
        if _controls(text[:8192]):
            raise fail(Code.BINARY, "binary data, not text")
        return Decoded(text)
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.strip():
        raise fail(Code.EMPTY, "empty input")
    # ISO-2022 switches charsets with ESC, a control character that would read as binary.
    shifted = iso2022(data)
    if shifted is not None:
        return Decoded(shifted)
    if looks_binary(data):
        raise fail(Code.BINARY, "binary data, not text")
    codec = _codec(declared)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Valid UTF-8 with bytes past ASCII is UTF-8 whatever the page says.
        lied = codec not in (None, "utf-8") and not data.isascii()
        return Decoded(text, (CHARSET_MISMATCH,) if lied else ())
    if codec:
        best = charset_normalizer.from_bytes(data).best()
        try:
            declared_text: str | None = data.decode(codec)
        except UnicodeDecodeError:
            declared_text = None
        if declared_text is not None or best is not None:
            return _declared_or_detected(data, codec, declared_text, best)
    try:
        detected = detect(data)
    except Ambiguous as error:
        raise fail(
            Code.ENCODING, f"cannot tell the character encoding: reads as {error}"
        ) from error
    if detected is None:
        raise fail(Code.ENCODING, "cannot detect the character encoding")
    return Decoded(detected)


def _declared_or_detected(
    data: bytes,
    codec: str,
    declared_text: str | None,
    best: charset_normalizer.CharsetMatch | None,
) -> Decoded:
    """Return the text as the declared charset reads it, unless detection reads it clearly
    better (then flagged)."""
    if best is None or declared_text is None:
        return Decoded(declared_text) if declared_text else Decoded(str(best), (CHARSET_MISMATCH,))
    detected_text = str(best)
    if declared_text == detected_text:
        return Decoded(declared_text)
    as_declared = charset_normalizer.from_bytes(data, cp_isolation=[codec]).best()
    clearly_better = as_declared is None or (
        best.chaos + _CHAOS_MARGIN < as_declared.chaos
        or best.coherence > as_declared.coherence + _COHERENCE_MARGIN
    )
    if clearly_better:
        return Decoded(detected_text, (CHARSET_MISMATCH,))
    return Decoded(declared_text)
