"""UTF-32 without a byte-order mark, and Japanese, Chinese and Korean text in legacy charsets
without one, are read right or refused with one line naming the file: never stored as
mojibake, never a traceback. The texts are news-like paragraphs written for these tests."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from parallax.corpus import Corpus
from parallax.errors import InputError
from parallax.ingest.decode import decode_document, wide_codec
from tests.reliability.conftest import run_parallax

pytestmark = pytest.mark.reliability

JAPANESE = (
    "政府は月曜日、来週イスタンブールで和平交渉を再開すると発表した。外務大臣は記者会見で、"
    "両国の代表団が捕虜の交換と人道支援について話し合う予定だと述べた。東京の株式市場では、"
    "この発表を受けて円相場が小幅に上昇した。専門家は、交渉が長期化する可能性もあると指摘している。"
)
SIMPLIFIED = (
    "政府周一宣布，和平谈判将于下周在伊斯坦布尔恢复。外交部长在新闻发布会上表示，"
    "两国代表团将讨论交换战俘和人道主义援助问题。受此消息影响，上海股市小幅上涨。"
    "专家指出，谈判可能会持续较长时间，双方仍存在较大分歧。"
)
TRADITIONAL = (
    "政府週一宣布，和平談判將於下週在伊斯坦堡恢復。外交部長在記者會上表示，"
    "兩國代表團將討論交換戰俘和人道援助問題。受此消息影響，台北股市小幅上漲。"
    "專家指出，談判可能會持續較長時間，雙方仍存在較大分歧。"
)
KOREAN = (
    "정부는 월요일 다음 주 이스탄불에서 평화 협상을 재개한다고 발표했다. 외교부 장관은 "
    "기자회견에서 양국 대표단이 포로 교환과 인도적 지원 문제를 논의할 예정이라고 말했다. "
    "서울 증시는 이 발표 이후 소폭 상승했다. 전문가들은 협상이 장기화될 가능성도 있다고 지적했다."
)
# Second texts, so that a page or a file is not a near-duplicate of another.
JAPANESE_2 = (
    "台風十号の接近に伴い、九州地方では交通機関の運休が相次いでいる。気象庁によると、台風は"
    "水曜日の朝に上陸する見込みで、各地で大雨や暴風への警戒が呼びかけられている。"
)
KOREAN_2 = (
    "한국은행은 기준금리를 연 3.5%로 동결하기로 결정했다. 총재는 물가 상승률이 아직 목표 "
    "수준을 웃돌고 있어 당분간 긴축 기조를 유지하겠다고 밝혔다."
)
ENGLISH = (
    "The minister said on Monday that the talks would go on next week in Istanbul, with both "
    "delegations present and the mediators from Geneva."
)
# Single sentences that charset-normalizer alone reads as Korean (EUC-JP) or as Korean
# mojibake (Shift_JIS): its readings tie and it keeps the first it tried.
SHORT = {
    "euc_jp": [
        "首相は月曜日に記者会見を開いた。",
        "大阪の裁判所は、元社長に懲役三年の判決を言い渡した。",
    ],
    "shift_jis": [
        "大阪の裁判所は、元社長に懲役三年の判決を言い渡した。",
        "首相は国会で、防衛費の増額について国民に丁寧に説明したいと述べた。",
    ],
    "gb18030": ["总理周一举行了新闻发布会。"],
    "big5": ["總理週一舉行了記者會。"],
    "euc_kr": ["총리는 월요일에 기자회견을 열었다."],
}
# Each text in each charset it is written in, without a byte-order mark.
CASES = [
    ("shift_jis", JAPANESE),
    ("euc_jp", JAPANESE),
    ("iso2022_jp", JAPANESE),
    ("gb18030", SIMPLIFIED),
    ("gbk", SIMPLIFIED),
    ("gb18030", TRADITIONAL),
    ("big5", TRADITIONAL),
    ("euc_kr", KOREAN),
    ("cp949", KOREAN),
    ("utf-32-le", ENGLISH),
    ("utf-32-be", ENGLISH),
    ("utf-32-le", JAPANESE),
    ("utf-32-be", KOREAN),
    # UTF-16 without a mark: Chinese and Japanese have no NUL byte at all, Korean a few on
    # both sides of the pairs (in its spaces and in syllables such as U+AC00).
    ("utf-16-le", JAPANESE),
    ("utf-16-be", JAPANESE),
    ("utf-16-le", SIMPLIFIED),
    ("utf-16-be", TRADITIONAL),
    ("utf-16-le", KOREAN),
    ("utf-16-be", KOREAN),
]
LANGUAGES = {JAPANESE: "ja", SIMPLIFIED: "zh", TRADITIONAL: "zh-tw", KOREAN: "ko", ENGLISH: "en"}
IDS = [f"{codec}-{LANGUAGES[text]}" for codec, text in CASES]


@pytest.mark.parametrize(("codec", "text"), CASES, ids=IDS)
def test_a_paragraph_decodes_to_the_original(codec: str, text: str) -> None:
    decoded = decode_document(text.encode(codec), source="article.txt")
    assert decoded.text == text
    assert decoded.flags == ()


@pytest.mark.parametrize(
    ("codec", "text"),
    [(codec, text) for codec, texts in SHORT.items() for text in texts],
    ids=[f"{codec}-{index}" for codec, texts in SHORT.items() for index in range(len(texts))],
)
def test_a_single_sentence_decodes_to_the_original(codec: str, text: str) -> None:
    assert decode_document(text.encode(codec), source="s.txt").text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [text for texts in SHORT.values() for text in texts],
    ids=[f"{codec}-{index}" for codec, texts in SHORT.items() for index in range(len(texts))],
)
def test_a_single_sentence_in_utf16_without_a_mark_decodes(codec: str, text: str) -> None:
    assert decode_document(text.encode(codec), source="s.txt").text == text


@pytest.mark.parametrize(
    "codec", ["shift_jis", "euc_jp", "gb18030", "big5", "euc_kr", "cp1252", "cp1251"]
)
def test_legacy_charsets_are_not_taken_for_utf16(codec: str) -> None:
    # Bytes of a legacy charset also pair up into code points; none may read as UTF-16 text,
    # whichever byte they start on.
    french = "Le 10 mars 2020, à Genève, le ministre a déclaré que l'été serait long. " * 4
    russian = "В понедельник, 10 марта 2020 года, министр заявил, что лето будет долгим. " * 4
    texts = [JAPANESE, JAPANESE_2, SIMPLIFIED, TRADITIONAL, KOREAN, KOREAN_2, french, russian]
    for text in texts:
        try:
            data = text.encode(codec)
        except UnicodeEncodeError:
            continue
        assert wide_codec(data) is None, text[:20]
        assert wide_codec(data[1:]) is None, text[:20]


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_with_a_byte_order_mark_decodes(codec: str) -> None:
    bom = {"utf-32-le": b"\xff\xfe\0\0", "utf-32-be": b"\0\0\xfe\xff"}[codec]
    assert decode_document(bom + JAPANESE.encode(codec), source="a.txt").text == JAPANESE


def test_ingest_stores_each_text_as_written(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    names = {}
    # Each file its own text (a number at the end): the same text twice would be a duplicate.
    for index, (codec, text) in enumerate([*CASES, ("utf-32", KOREAN)]):
        name = f"{index:02d}-{codec}.txt"
        text = f"{text} ({index})"
        (root / name).write_bytes(text.encode(codec))  # "utf-32" writes a byte-order mark
        names[name] = text
    db = tmp_path / "c.db"
    done = run_parallax("ingest", str(root), db=db)
    assert done.returncode == 0, done.stderr[-2000:]
    assert b"Traceback" not in done.stderr + done.stdout
    assert done.stderr == b"", done.stderr.decode()
    with Corpus(db) as corpus:
        stored = {Path(article.source).name: article.text for article in corpus.store.articles()}
    assert stored == names


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        ("東京株式市場".encode("euc_jp"), "euc_jp"),
        ("日本経済新聞".encode("euc_jp"), "euc_jp"),
        ("中国政府".encode("gb18030"), "gb18030"),
    ],
    ids=["euc_jp-kanji", "euc_jp-newspaper", "gb18030-four"],
)
def test_bytes_that_read_alike_in_two_languages_are_refused(data: bytes, codec: str) -> None:
    # A few kanji alone are as much Japanese as Chinese, and as valid Korean Hangul: nothing
    # tells which text was meant, so the input is refused rather than guessed.
    with pytest.raises(InputError) as raised:
        decode_document(data, source="tiny.txt")
    assert raised.value.code.value == "P103"
    assert "cannot tell the character encoding: reads as" in str(raised.value)
    assert "tiny.txt" in str(raised.value)


def test_ingest_refuses_an_ambiguous_file_in_one_line_and_stores_the_next(
    tmp_path: Path, good_text: str
) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a-tiny.txt").write_bytes("日本経済新聞".encode("euc_jp"))
    (root / "b-good.txt").write_text(good_text)
    done = run_parallax("ingest", str(root), db=tmp_path / "c.db")
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    (line,) = done.stderr.decode().splitlines()
    assert line.startswith(f"{root}/a-tiny.txt: P103 cannot tell the character encoding")
    assert "1 stored" in " ".join(done.stdout.decode().split())


def test_numbers_in_utf32_form_are_still_binary() -> None:
    # An array of small 32-bit integers has UTF-32's shape, but starts with control codes.
    data = struct.pack("<1000i", *range(1000))
    with pytest.raises(InputError) as raised:
        decode_document(data, source="table.bin")
    assert raised.value.code.value == "P102"


def test_utf32_cut_short_is_p103() -> None:
    data = JAPANESE.encode("utf-32-le")[:-2]
    with pytest.raises(InputError) as raised:
        decode_document(data, source="cut.txt")
    assert raised.value.code.value == "P103"


def test_a_page_and_json_lines_read_alike(tmp_path: Path) -> None:
    # A page without a declared charset and JSON Lines, in UTF-32 without a mark (read through
    # the same recoder as UTF-16) and in Shift_JIS and EUC-KR (detected).
    root = tmp_path / "in"
    root.mkdir()
    page = (
        "<html><head><title>ニュース</title></head><body><article><p>%s</p></article></body></html>"
    )
    (root / "page32.html").write_bytes((page % JAPANESE).encode("utf-32-be"))
    (root / "page-sjis.html").write_bytes((page % JAPANESE_2).encode("shift_jis"))
    line = '{"title": "뉴스", "text": "%s"}\n'
    (root / "lines32.jsonl").write_bytes((line % KOREAN).encode("utf-32-le"))
    (root / "lines-kr.jsonl").write_bytes((line % KOREAN_2).encode("euc_kr"))
    done = run_parallax("ingest", str(root), db=tmp_path / "c.db")
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()
    with Corpus(tmp_path / "c.db") as corpus:
        stored = {Path(article.source).name: article.text for article in corpus.store.articles()}
    assert JAPANESE in stored["page32.html"] and JAPANESE_2 in stored["page-sjis.html"]
    assert stored["lines32.jsonl"] == KOREAN
    assert stored["lines-kr.jsonl"] == KOREAN_2
