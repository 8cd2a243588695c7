"""Byte-order marks are honoured, and a declared charset that detection overrules flags the
article (``charset-mismatch``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.corpus import Corpus
from parallax.errors import InputError
from parallax.ingest.decode import CHARSET_MISMATCH, decode_document

pytestmark = pytest.mark.reliability

ENGLISH = (
    "The minister said on Monday that the talks would go on next week in Istanbul, with both "
    "delegations present and the mediators from Geneva.\n"
)
RUSSIAN = (
    "Президент России заявил в понедельник, что переговоры с Украиной продолжатся на следующей "
    "неделе в Стамбуле. По его словам, делегации обсудят обмен пленными и гуманитарные вопросы."
)
FRENCH = (
    "Le ministre a déclaré lundi que les négociations reprendraient à Genève la semaine prochaine."
)


def page(text: str, charset: str) -> str:
    return (
        f'<html><head><meta charset="{charset}"><title>Talks</title></head><body><article>'
        f"<p>{text}</p><p>{text}</p></article></body></html>"
    )


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8"])
def test_text_with_a_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\0\0",
           "utf-32-be": b"\0\0\xfe\xff", "utf-8": b"\xef\xbb\xbf"}[codec]  # fmt: skip
    source = tmp_path / "article.txt"
    source.write_bytes(bom + ENGLISH.encode(codec))
    with Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest([str(source)])
        (article,) = corpus.store.articles()
    assert report.rejected == 0
    assert article.text == ENGLISH.strip()


def test_a_page_whose_declared_charset_lies_is_read_by_detection_and_flagged(
    tmp_path: Path,
) -> None:
    source = tmp_path / "ru.html"
    source.write_bytes(page(RUSSIAN, "koi8-r").encode("cp1251"))
    honest = tmp_path / "fr.html"
    honest.write_bytes(page(FRENCH, "windows-1252").encode("cp1252"))
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(source), str(honest)])
        articles = {Path(article.source).name: article for article in corpus.store.articles()}
    assert RUSSIAN in articles["ru.html"].text
    assert CHARSET_MISMATCH in articles["ru.html"].flags
    assert FRENCH in articles["fr.html"].text
    assert CHARSET_MISMATCH not in articles["fr.html"].flags


@pytest.mark.parametrize(
    ("data", "declared", "flagged"),
    [
        (page(FRENCH, "iso-8859-1").encode("latin-1"), "iso-8859-1", False),
        (page(RUSSIAN, "windows-1251").encode("cp1251"), "windows-1251", False),
        (page(FRENCH, "iso-8859-1").encode("utf-8"), "iso-8859-1", True),  # UTF-8 whatever it says
        (page("Plain ASCII words only.", "koi8-r").encode("ascii"), "koi8-r", False),
        (page(RUSSIAN, "koi8-r").encode("cp1251"), "koi8-r", True),
        (page(FRENCH, "no-such-charset").encode("utf-8"), "no-such-charset", False),
    ],
    ids=[
        "latin1-honest",
        "cp1251-honest",
        "utf8-says-latin1",
        "ascii",
        "cp1251-says-koi8",
        "unknown-name",
    ],
)
def test_declared_against_detected(data: bytes, declared: str, flagged: bool) -> None:
    decoded = decode_document(data, source="page.html", declared=declared)
    assert (CHARSET_MISMATCH in decoded.flags) is flagged
    assert "Talks" in decoded.text and "\ufffd" not in decoded.text


def test_a_byte_order_mark_then_bytes_that_do_not_decode_is_p103() -> None:
    with pytest.raises(InputError) as raised:
        decode_document(b"\xff\xfe" + b"\x00\xd8" * 20 + b"a", source="x.txt")
    assert raised.value.code.value == "P103"
