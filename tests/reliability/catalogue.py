"""The hostile-input catalogue: every kind of file a hostile user or a broken producer hands
``parallax ingest``, with what must come of it.

Each case writes one input (or one file-system oddity) into a folder. ``expect`` is the set of
codes its one rejection line may carry, or ``STORED`` when it is a real article that must be
stored (with no rejection), or ``NOTHING`` when the walker rightly passes it by in silence.
"""

from __future__ import annotations

import json
import os

from tests.reliability import binaries
from tests.reliability.hostile import (
    BODY,
    HTML,
    LAUGHS,
    NOTHING,
    RUSSIAN,
    SENTENCE,
    SETTINGS,
    STORED,
    XXE,
    Case,
    bomb,
    file,
    gz,
    jsonl,
    special,
    warc,
)

__all__ = ["CASES", "NOTHING", "SETTINGS", "STORED", "Case"]


def _cases() -> list[Case]:
    warc_good = warc([("https://example.org/a", HTML.encode(), "text/html; charset=utf-8")])
    warc_gz = warc([("https://example.org/a", HTML.encode(), "text/html")], compress=True)
    long_name = "n" * 240 + ".txt"
    return [
        # --- plain text: empty, binary, short, oversized -------------------------------
        Case("empty", file("empty.txt", b""), frozenset({"P101"})),
        Case("whitespace-only", file("blank.txt", " \n\t\r\n  "), frozenset({"P101"})),
        Case(
            "random-binary", file("noise.bin", os.urandom(3000) + b"\0" * 10), frozenset({"P102"})
        ),
        Case("nul-bytes", file("nul.txt", ("text\0" * 200).encode()), frozenset({"P102"})),
        Case(
            "png-as-txt",
            file("image.txt", b"\x89PNG\r\n\x1a\n" + b"\0\x01\x02" * 400),
            frozenset({"P102"}),
        ),
        Case(
            "elf-binary",
            file("program", b"\x7fELF\x02\x01\x01" + b"\0" * 2000),
            frozenset({"P102"}),
        ),
        Case(
            "zip-as-txt",
            file("archive.txt", b"PK\x03\x04" + b"\x00\x14\x00" * 600),
            frozenset({"P102"}),
        ),
        Case(
            "pdf-as-html",
            file("paper.html", b"%PDF-1.4\n" + bytes(range(256)) * 20),
            frozenset({"P102"}),
        ),
        Case(
            "control-characters",
            file("controls.txt", "\x01\x02\x03\x04\x05\x06\x07\x08" * 100),
            frozenset({"P102"}),
        ),
        Case("too-short", file("short.txt", "Hi."), frozenset({"P108"})),
        Case("only-a-url", file("url.txt", "https://example.org/a-story\n"), frozenset({"P108"})),
        Case(
            "impossible-date", file("date.txt", f" date 2025-02-30\n\n{BODY}"), frozenset({"P107"})
        ),
        Case("huge-line", file("huge.txt", "word " * 60_000), frozenset({"P104"})),
        Case("article-too-long", file("long.txt", (SENTENCE + " ") * 400), frozenset({"P104"})),
        Case("ansi-escapes-in-text", file("ansi.txt", "\x1b[2J" + BODY), STORED),
        Case(
            "invalid-utf8-text",
            file("latin1.txt", BODY.replace("Geneva", "Genève").encode("latin-1")),
            STORED,
        ),
        Case("text-wrong-extension-jsonl", file("prose.jsonl", SENTENCE), frozenset({"P106"})),
        # --- byte-order marks --------------------------------------------------------
        Case("utf8-bom", file("bom8.txt", b"\xef\xbb\xbf" + BODY.encode()), STORED),
        Case("utf16-le-bom", file("bom16le.txt", b"\xff\xfe" + BODY.encode("utf-16-le")), STORED),
        Case("utf16-be-bom", file("bom16be.txt", b"\xfe\xff" + BODY.encode("utf-16-be")), STORED),
        Case(
            "utf32-le-bom",
            file("bom32le.txt", b"\xff\xfe\x00\x00" + BODY.encode("utf-32-le")),
            STORED,
        ),
        Case(
            "utf32-be-bom",
            file("bom32be.txt", b"\x00\x00\xfe\xff" + BODY.encode("utf-32-be")),
            STORED,
        ),
        Case("utf16-html", file("page16.html", HTML.encode("utf-16")), STORED),
        Case("utf16-jsonl", file("lines16.jsonl", jsonl({"text": BODY}).encode("utf-16")), STORED),
        # --- UTF-16 without a byte-order mark, and binaries whose NULs look like it ----
        Case("utf16-le-no-bom", file("nobom16le.txt", BODY.encode("utf-16-le")), STORED),
        Case("utf16-be-no-bom", file("nobom16be.txt", BODY.encode("utf-16-be")), STORED),
        Case(
            "utf16-le-no-bom-cyrillic", file("nobom16ru.txt", RUSSIAN.encode("utf-16-le")), STORED
        ),
        Case("utf16-be-no-bom-html", file("nobom16.html", HTML.encode("utf-16-be")), STORED),
        Case(
            "utf16-le-no-bom-jsonl",
            file("nobom16.jsonl", jsonl({"text": BODY}).encode("utf-16-le")),
            STORED,
        ),
        Case("png-image", file("picture.txt", binaries.png()), frozenset({"P102"})),
        Case(
            "zip-of-utf16-text",
            file("zipped.txt", binaries.zip_archive(BODY * 30)),
            frozenset({"P102"}),
        ),
        Case("elf-executable", file("tool.txt", binaries.elf()), frozenset({"P102"})),
        Case("wav-quiet-audio", file("sound.txt", binaries.quiet_wav()), frozenset({"P102"})),
        Case("utf8-bom-only", file("bomonly.txt", b"\xef\xbb\xbf"), frozenset({"P101"})),
        Case("utf16-bom-only", file("bomonly16.txt", b"\xff\xfe"), frozenset({"P101"})),
        Case(
            "utf16-bom-then-binary",
            file("bom16bin.txt", b"\xff\xfe" + b"\x01\x00\x02\x00" * 300),
            frozenset({"P102"}),
        ),
        Case(
            "utf16-bom-odd-bytes",
            file("bom16odd.txt", b"\xff\xfe" + b"\x00\xd8" * 50 + b"a"),
            frozenset({"P103"}),
        ),
        # --- file names --------------------------------------------------------------
        Case("name-not-utf8", file(b"bad\xff\xfe.txt", BODY), STORED),
        Case("name-escape-sequence", file("\x1b[2Jclear.txt", BODY), STORED),
        Case(
            "name-escape-sequence-rejected", file("\x1b]0;pwned\x07.txt", b""), frozenset({"P101"})
        ),
        Case("name-not-utf8-rejected", file(b"bad\xff.txt", b"\0\1\2" * 100), frozenset({"P102"})),
        Case("name-newline", file("two\nlines.txt", BODY), STORED),
        Case("name-bidi-override", file("evil\u202etxt.exe", BODY), STORED),
        Case("name-dash", file("-rf.txt", BODY), STORED),
        Case("name-quotes-and-spaces", file('it\'s "quoted" $(x).txt', BODY), STORED),
        Case("name-very-long", file(long_name, BODY), STORED),
        Case("name-traversal-lookalike", file("up..%2f..%2fetc%2fpasswd.txt", BODY), STORED),
        Case("name-dot-dot-hidden", file("..%2fetc%2fpasswd.txt", BODY), NOTHING),
        Case(
            "name-sql-and-fts", file("x'); DROP TABLE articles;-- NEAR(a b) OR.txt", BODY), STORED
        ),
        # --- the file system ----------------------------------------------------------
        Case("fifo", special("pipe.txt", "fifo"), frozenset({"P114"})),
        Case("unix-socket", special("sock.txt", "socket"), frozenset({"P114"})),
        Case("symlink-loop", special("loop.txt", "loop"), frozenset({"P114"})),
        Case("dangling-symlink", special("dangling.txt", "dangling"), frozenset({"P114"})),
        Case("hidden-file", special(".hidden.txt", "hidden"), NOTHING),
        Case("directory-named-txt", special("folder.txt", "dir-named-like-a-file"), STORED),
        # --- gzip ------------------------------------------------------------------------
        Case(
            "gzip-bomb-text",
            file("bomb.txt.gz", lambda: bomb(64 << 20, b" ")),
            frozenset({"P104", "P101"}),
        ),
        Case(
            "gzip-bomb-jsonl-one-line",
            file("bomb.jsonl.gz", lambda: bomb(8 << 20, b"a")),
            frozenset({"P104", "P116"}),
        ),
        Case(
            "gzip-bomb-zeros", file("zeros.gz", lambda: bomb(64 << 20)), frozenset({"P102", "P104"})
        ),
        Case("gzip-truncated", file("cut.txt.gz", gz(BODY * 40)[:60]), frozenset({"P105"})),
        Case("gzip-header-only", file("head.txt.gz", gz(BODY)[:10]), frozenset({"P105", "P101"})),
        Case(
            "gzip-corrupt-body",
            file("corrupt.txt.gz", gz(BODY)[:12] + b"\xff" * 50),
            frozenset({"P105"}),
        ),
        Case("gzip-of-gzip", file("twice.txt.gz", gz(gz(BODY))), frozenset({"P102"})),
        Case("gzip-of-empty", file("nothing.txt.gz", gz(b"")), frozenset({"P101"})),
        Case("gzip-multi-member", file("members.txt.gz", gz(BODY) + gz(SENTENCE)), STORED),
        Case("gz-suffix-not-gzip", file("plain.txt.gz", BODY), STORED),
        # --- JSON Lines ------------------------------------------------------------------
        Case("jsonl-malformed", file("bad.jsonl", "{oops\n"), frozenset({"P106"})),
        # A JSON array is read as a document whose items are records: one rejection per item.
        Case("jsonl-array", file("array.jsonl", "[1]\n"), frozenset({"P113"})),
        Case("jsonl-string", file("string.jsonl", '"just a string"\n'), frozenset({"P113"})),
        Case("jsonl-empty-object", file("empty.jsonl", "{}\n"), frozenset({"P113"})),
        Case(
            "jsonl-deep-nesting",
            file("deep.jsonl", "[" * 40_000 + "]" * 40_000 + "\n"),
            frozenset({"P106", "P113"}),
        ),
        Case(
            "jsonl-text-not-string",
            file("number.jsonl", jsonl({"text": 5})),
            frozenset({"P115", "P113"}),
        ),
        Case(
            "jsonl-huge-integer",
            file("bigint.jsonl", '{"text": "x", "id": ' + "9" * 6000 + "}\n"),
            frozenset({"P106", "P115"}),
        ),
        Case(
            "jsonl-impossible-date",
            file("date.jsonl", jsonl({"text": BODY, "published": "2025-13-45"})),
            frozenset({"P107"}),
        ),
        Case(
            "jsonl-line-too-long",
            file("wide.jsonl", jsonl({"text": "w " * 60_000})),
            frozenset({"P104"}),
        ),
        Case(
            "jsonl-invalid-utf8",
            file(
                "latin.jsonl",
                b'{"text": "' + BODY.replace("\n", " ").encode("latin-1") + b'\xe9"}\n',
            ),
            STORED,
        ),
        Case(
            "jsonl-lone-surrogate",
            file("surrogate.jsonl", '{"text": "\\ud800 ' + SENTENCE + '"}\n'),
            STORED,
        ),
        Case("jsonl-nul-in-text", file("nulesc.jsonl", jsonl({"text": "\u0000" + BODY})), STORED),
        Case(
            "jsonl-duplicate-keys",
            file("dupkeys.jsonl", '{"text": "short", "text": ' + json.dumps(BODY) + "}\n"),
            STORED,
        ),
        Case(
            "jsonl-billion-laughs-html",
            file(
                "laughs.jsonl", jsonl({"html": LAUGHS + "<html><body><p>&lol9;</p></body></html>"})
            ),
            frozenset({"P108", "P109"}),
        ),
        Case("json-in-html-file", file("data.html", jsonl({"text": BODY})), STORED),
        # --- HTML --------------------------------------------------------------------------
        Case(
            "html-deep-nesting",
            file("deep.html", "<div>" * 100_000 + "x" + "</div>" * 100_000),
            frozenset({"P108", "P109", "P104"}),
        ),
        Case(
            "html-billion-laughs",
            file("laughs.html", LAUGHS + "<html><body><p>&lol9;</p></body></html>"),
            frozenset({"P108", "P109"}),
        ),
        Case(
            "html-xxe",
            file("xxe.html", XXE + "<html><body><p>&xxe;</p></body></html>"),
            frozenset({"P108", "P109"}),
        ),
        Case(
            "html-script-only",
            file(
                "script.html", "<html><body><script>" + "alert(1);" * 50 + "</script></body></html>"
            ),
            frozenset({"P108"}),
        ),
        Case(
            "html-too-large",
            file("large.html", "<html><body>" + "<p>words and more</p>" * 6000 + "</body></html>"),
            frozenset({"P104"}),
        ),
        Case(
            "html-unknown-charset",
            file("bogus.html", HTML.replace("<head>", '<head><meta charset="x-bogus-9">')),
            STORED,
        ),
        Case(
            "html-charset-lie",
            file(
                "lie.html",
                f'<html><head><meta charset="koi8-r"></head><body><article><p>{RUSSIAN}</p><p>{RUSSIAN}</p></article></body></html>'.encode(
                    "cp1251"
                ),
            ),
            STORED,
        ),
        Case(
            "html-nul-bytes",
            file("nul.html", "<html><body>" + "<p>\0\0\0\0</p>" * 400 + "</body></html>"),
            frozenset({"P102"}),
        ),
        Case("html-as-txt", file("page.txt", HTML), STORED),
        Case(
            "html-xss-title",
            file("xss.html", HTML.replace("Talks", "<script>alert(1)</script>")),
            STORED,
        ),
        # --- feeds ---------------------------------------------------------------------------
        Case(
            "feed-xxe",
            file(
                "xxe.xml", XXE + "<rss><channel><item><title>&xxe;</title></item></channel></rss>"
            ),
            frozenset({"P110", "P108"}),
        ),
        Case(
            "feed-billion-laughs",
            file(
                "laughs.rss",
                LAUGHS
                + "<rss><channel><item><description>&lol9;</description></item></channel></rss>",
            ),
            frozenset({"P110", "P108"}),
        ),
        Case(
            "feed-truncated",
            file("cut.xml", '<?xml version="1.0"?><rss><channel><item><title>A'),
            frozenset({"P110", "P108"}),
        ),
        Case(
            "feed-no-entries",
            file("none.xml", '<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>'),
            NOTHING,
        ),  # well-formed, just empty: logged, not refused
        Case(
            "feed-too-large",
            file(
                "big.xml",
                '<?xml version="1.0"?><rss><channel>'
                + "<item><title>t</title></item>" * 8000
                + "</channel></rss>",
            ),
            frozenset({"P104"}),
        ),
        # --- WARC --------------------------------------------------------------------------
        Case("warc-good", file("good.warc", warc_good), STORED),
        Case("warc-gz-good", file("good.warc.gz", warc_gz), STORED),
        Case(
            "warc-truncated",
            file("cut.warc", warc_good[: len(warc_good) // 2]),
            frozenset({"P105"}),
        ),
        Case(
            "warc-gz-truncated",
            file("cut.warc.gz", warc_gz[: len(warc_gz) // 2]),
            frozenset({"P105", "P111"}),
        ),
        Case(
            "warc-garbage-header",
            file("junk.warc", b"WARC/1.0\r\nthis is not a header\r\n\r\n" + b"x" * 100),
            frozenset({"P111", "P105"}),
        ),
        Case(
            "warc-no-records", file("empty.warc", b"WARC/1.0\r\n\r\n"), frozenset({"P111", "P105"})
        ),
        Case(
            "warc-huge-declared-length",
            file(
                "liar.warc",
                b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999999999\r\n\r\nshort",
            ),
            frozenset({"P105", "P104", "P116", "P111"}),
        ),
        Case(
            "warc-record-too-large",
            file(
                "large.warc",
                warc([("https://example.org/b", b"<p>" + b"x" * 120_000, "text/html")]),
            ),
            frozenset({"P104"}),
        ),
        Case("warc-extension-text", file("prose.warc", BODY), frozenset({"P111"})),
        # --- wrong formats and forced extensions --------------------------------------------
        Case(
            "xml-extension-binary",
            file("binary.xml", b"\0\1\2\3" * 500),
            frozenset({"P102", "P110"}),
        ),
        Case("html-extension-empty", file("empty.html", b""), frozenset({"P101"})),
        Case("jsonl-extension-empty", file("nothing.jsonl", b""), frozenset({"P101"})),
    ]


CASES: list[Case] = _cases()
