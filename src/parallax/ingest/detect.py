"""Detect the charset of bytes that carry no byte-order mark and are not UTF-8: UTF-32 by
its structure, ISO-2022 by its escapes, and the rest by charset-normalizer, with a tie-break
for the multi-byte East Asian charsets that it cannot tell apart on short text.

Shift_JIS, EUC-JP, GB18030 (GBK), Big5 and EUC-KR use overlapping byte ranges, so a short
text in one often decodes without an error in another. charset-normalizer then scores both
readings the same (no mess, no measurable coherence) and keeps whichever it tried first,
which for EUC-JP is EUC-KR: the text would be stored as mojibake. So detection's pick stands
only when its script fits its charset's language (Japanese has kana, Korean is written in
Hangul syllables, Chinese has neither) and no reading of another language fits as well; else
the one language whose nearly as good readings fit wins, and when none or several fit, the
bytes are refused rather than guessed.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# Korean puts a space between words, which seldom run past a dozen syllables; Japanese or
# Chinese bytes read as Korean give Hangul in long unbroken runs.
_LONGEST_KOREAN_WORD = 12
_HANGUL_RUN = re.compile(f"[\uac00-\ud7a3]{{{_LONGEST_KOREAN_WORD + 1},}}")
# A Japanese text this many ideographs long without a single kana is not Japanese; a shorter
# one (a name, a headline in kanji) may be, and may as well be Chinese.
_KANJI_WITHOUT_KANA = 20
# Korean words this many syllables long may stand alone; more Hangul without a space is not
# Korean.
_HANGUL_WITHOUT_SPACE = 4
# Korean is written in Hangul; Chinese characters are a few abbreviations in headlines, where
# Chinese bytes read as Korean mix the two half and half.
_KOREAN_HANJA = 0.25
# Readings whose mess differs by less than _NEAR are worth a look when detection's pick does
# not fit its script; by less than _TIE (and as coherent), they are as good as each other.
_NEAR = 0.1
_TIE = 0.01
# Chinese text may hold a little kana (a Japanese name, the "no" of shop signs); Japanese read
# as Chinese keeps all of its kana.
_CHINESE_KANA = 0.05
# How much of the bytes the script of each reading is judged on.
_FIT_BYTES = 8192
# How much a UTF-32 sample decodes before its readability is judged.
_SAMPLE = 8192
# How many characters at the start of UTF-32 without a mark must all be readable.
_TEXT_HEAD = 32

_JAPANESE = frozenset({"cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp"})
_JAPANESE |= {"euc_jis_2004", "euc_jisx0213", "iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext"}
_KOREAN = frozenset({"cp949", "euc_kr", "johab", "iso2022_kr"})
_SIMPLIFIED = frozenset({"gb18030", "gbk", "gb2312", "hz"})
_TRADITIONAL = frozenset({"big5", "big5hkscs", "cp950"})
_CHINESE = _SIMPLIFIED | _TRADITIONAL
#: Multi-byte East Asian charsets whose readings of the same bytes can tie.
EAST_ASIAN = _JAPANESE | _KOREAN | _CHINESE
# Charsets of one family read the same text the same way but for a few marks of punctuation.
_FAMILIES = (_JAPANESE, _KOREAN, _SIMPLIFIED, _TRADITIONAL)


def utf32_without_bom(data: bytes) -> str | None:
    """Return ``utf-32-le`` or ``utf-32-be`` when ``data`` (no byte-order mark) reads as
    UTF-32 text, else None.

    Every unit of UTF-32 is a code point of at most 0x10FFFF, so its high byte is always NUL
    and the next one at most 0x10: a strict decode of the head fails on almost any other data,
    and what it yields must then be readable text from its first character.
    """
    sample = data[:_SAMPLE]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 8:
        return None
    for codec in ("utf-32-le", "utf-32-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        unreadable = [not (char.isprintable() or char.isspace()) for char in text]
        if not any(unreadable[:_TEXT_HEAD]) and sum(unreadable) <= len(text) * 0.05:
            return codec
    return None


def iso2022(data: bytes) -> str | None:
    """Return the text of 7-bit ``data`` written in ISO-2022 (JP or KR: escape sequences
    switch character sets), as detection reads it, or None for other data."""
    if not data.isascii() or b"\x1b$" not in data:
        return None
    best = charset_normalizer.from_bytes(data).best()
    if best is None or not best.encoding.startswith("iso2022"):
        return None
    return str(best)


class Ambiguous(ValueError):
    """The bytes read as text in several charsets, and nothing tells which one is meant."""

    def __init__(self, encodings: list[str]) -> None:
        """Name the charsets that tie."""
        super().__init__(" or ".join(encodings))
        self.encodings = encodings


def detect(data: bytes) -> str | None:
    """Return ``data`` decoded in the charset detection finds, or None when none decodes it.

    When detection picks an East Asian charset, its reading must fit the script of that
    charset's language (:func:`script_fits`); if it does not, the one family of nearly as good
    readings that does fit wins.

    Raises:
        Ambiguous: no reading fits, or readings of two families fit equally well.
    """
    # UTF-16 and UTF-32 were ruled out by their structure before detection is asked; a few
    # bytes of anything may still read as them.
    matches = [
        match
        for match in charset_normalizer.from_bytes(data)
        if not match.encoding.startswith(("utf_16", "utf_32"))
    ]
    if not matches:
        return None
    best = matches[0]
    if best.encoding not in EAST_ASIAN:
        return str(best)
    near = [
        match
        for match in matches
        if match.encoding in EAST_ASIAN and match.chaos <= best.chaos + _NEAR
    ]
    fitting = [match for match in near if _fits(data, match.encoding)]
    if _fits(data, best.encoding):
        rivals = [
            match
            for match in fitting
            if _family(match.encoding) != _family(best.encoding)
            and match.chaos < best.chaos + _TIE
            and match.coherence > best.coherence - _TIE
        ]
        if rivals:
            raise Ambiguous([best.encoding, *(match.encoding for match in rivals)])
        return str(best)
    if fitting and len({_family(match.encoding) for match in fitting}) == 1:
        return str(fitting[0])
    raise Ambiguous([match.encoding for match in near])


def _fits(data: bytes, encoding: str) -> bool:
    # The head shows the script: judging it alone spares decoding a long text in every charset.
    head = data[:_FIT_BYTES].decode(encoding, "ignore")
    return script_fits(head, encoding)


def _family(encoding: str) -> int:
    return next(index for index, family in enumerate(_FAMILIES) if encoding in family)


def script_fits(text: str, encoding: str) -> bool:
    """Return True when the script of ``text`` fits the language ``encoding`` is for.

    Japanese has kana (a short text may not), more full-width than half-width, and never
    Hangul; Korean is written in Hangul syllables in words parted by spaces, with few Chinese
    characters, never loose jamo or kana; Chinese has no Hangul and little kana. A reading in
    the wrong charset breaks these: EUC-JP read as EUC-KR turns kana into loose jamo, EUC-KR
    read as EUC-JP gives kanji without a single kana, Shift_JIS read as EUC-KR gives Hangul
    without a space, GB18030 read as EUC-KR mixes Hangul and Chinese characters, Japanese read
    as Big5 gives the small forms of punctuation.
    """
    kana = sum(1 for char in text if "\u3040" <= char <= "\u30ff")
    half_kana = sum(1 for char in text if "\uff61" <= char <= "\uff9f")
    hangul = sum(1 for char in text if "\uac00" <= char <= "\ud7a3")
    jamo = sum(1 for char in text if "\u3130" <= char <= "\u318f")
    ideographs = sum(1 for char in text if "\u4e00" <= char <= "\u9fff")
    if encoding in _JAPANESE:
        # Half-width kana stand beside full-width kana, never for them.
        native = hangul == 0 and jamo == 0 and half_kana <= kana
        return native and (kana > 0 or ideographs < _KANJI_WITHOUT_KANA)
    if encoding in _KOREAN:
        loose = kana or jamo or half_kana or ideographs > (hangul + ideographs) * _KOREAN_HANJA
        spaced = hangul < _HANGUL_WITHOUT_SPACE or any(char.isspace() for char in text)
        return hangul > 0 and spaced and not loose and _HANGUL_RUN.search(text) is None
    few_kana = kana <= (kana + ideographs) * _CHINESE_KANA
    # Big5's first row maps to the small forms of punctuation that Chinese text never uses.
    small = any("\ufe50" <= char <= "\ufe6f" for char in text)
    return few_kana and not small and hangul == 0 and jamo == 0 and half_kana == 0


# What UTF-16 East Asian text holds: its scripts, their punctuation, and the ASCII and Latin-1
# it mixes in. Ideographs and Hangul fill half of all code points, so a reading of other bytes
# as UTF-16 lands outside these ranges often; readable text almost never does.
_EAST_ASIAN_TEXT = (
    (0x0009, 0x000D),
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2010, 0x2027),  # dashes, quotation marks, ellipsis
    (0x3000, 0x30FF),  # CJK punctuation, kana
    (0x3130, 0x318F),  # Hangul jamo
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xFF00, 0xFFEF),  # full-width forms
)
# The marks that part East Asian sentences: full-width punctuation, or ASCII spaces and marks.
_MARKS = re.compile("[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20 !\"',.:;?()]")
# Text has a mark at least this often (a sentence of 100 characters is long).
_CHARS_PER_MARK = 100
# UTF-16 East Asian text puts bytes past 0x7F in most of its code units; text in an ASCII-based
# charset (English, French in Latin-1) seldom has one byte in twenty.
_HIGH_BYTES = 0.05
# A reading of a few characters proves nothing.
_SHORTEST_TEXT = 8
# Languages by a charset of each, for :func:`script_fits`.
_LANGUAGE_CHARSETS = {"korean": "euc_kr", "japanese": "euc_jp", "chinese": "gb18030"}


def utf16_east_asian(data: bytes) -> str | None:
    """Return ``utf-16-le`` or ``utf-16-be`` when ``data`` (no byte-order mark, and not
    UTF-8) reads as East Asian text in UTF-16, else None.

    Chinese and Japanese written in UTF-16 have no NUL bytes (every ideograph, kana and
    full-width mark is past U+00FF), and Korean has a few on both sides (in its spaces, and
    in syllables such as U+AC00), so the NUL test of UTF-16 does not see them. Such text is
    recognised instead by what it reads as: in one byte order only, text of East Asian scripts
    with marks of punctuation every so often, whose script fits its language. The bytes of
    ASCII text read in either order as ideographs without punctuation, and those of a legacy
    East Asian charset as Yi, Hangul without spaces or private-use characters.
    """
    sample = data[:_SAMPLE]
    if _utf8(sample):
        return None
    high = sum(1 for byte in sample if byte > 0x7F)
    if high < len(sample) * _HIGH_BYTES:
        return None
    readings = [codec for codec in ("utf-16-le", "utf-16-be") if _east_asian(sample, codec)]
    return readings[0] if len(readings) == 1 else None


def _utf8(sample: bytes) -> bool:
    # A sample may end inside a character: decode as a stream that has not ended.
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _east_asian(sample: bytes, codec: str) -> bool:
    try:
        text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:  # a lone surrogate
        return False
    if len(text) < _SHORTEST_TEXT:
        return False
    inside = [any(low <= ord(char) <= high for low, high in _EAST_ASIAN_TEXT) for char in text]
    if not all(inside[:_TEXT_HEAD]) or sum(inside) < len(text) * 0.97:
        return False
    if len(_MARKS.findall(text)) * _CHARS_PER_MARK < len(text):
        return False
    if any("\uac00" <= char <= "\ud7a3" for char in text):
        language = "korean"
    elif any("\u3040" <= char <= "\u30ff" for char in text):
        language = "japanese"
    else:
        language = "chinese"
    return script_fits(text, _LANGUAGE_CHARSETS[language])
