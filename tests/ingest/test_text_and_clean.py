"""The seeds come through exactly right: date line, title, URL, boilerplate, every paragraph."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from parallax.config import Settings
from parallax.ingest.clean import clean_raw_text, clean_text, find_boilerplate, load_rules
from parallax.ingest.text import parse_text_article, read_text
from parallax.model import RawArticle, Rejection


def read_one(path: Path) -> RawArticle:
    [raw] = read_text(io.BytesIO(path.read_bytes()), source=str(path), settings=Settings())
    assert isinstance(raw, RawArticle)
    return raw


def body_paragraphs(raw_text: str) -> list[str]:
    """Paragraphs of a seed after its first (date) line, without gallery captions or a URL."""
    paragraphs = [p.strip() for p in raw_text.split("\n\n")[1:]]
    return [
        p
        for p in paragraphs
        if p and not p.startswith("open image in gallery") and not p.startswith("https://")
    ]


def test_seed_000_date_no_title_no_url(seed_dir: Path) -> None:
    raw = read_one(next(seed_dir.glob("000_*.txt")))
    assert raw.published == date(2025, 7, 4)
    assert raw.published_source == "date-line"
    assert raw.title is None  # the rest of the date line is a donation appeal, not a title
    assert raw.url is None


def test_seed_000_cleaned_keeps_every_paragraph_and_drops_boilerplate(seed_dir: Path) -> None:
    raw = read_one(next(seed_dir.glob("000_*.txt")))
    cleaned = clean_text(raw)
    text = cleaned.text
    for phrase in (
        "Your support helps us",
        "Read more",
        "Support Now",
        "open image in gallery",
        "Emergency Service of Ukraine",
        "( Reuters )",
        "AFP via Getty Images",
        "The Independent is on the ground",
        "date 2025",
    ):
        assert phrase not in text, phrase
    paragraphs = body_paragraphs(raw.raw_text)
    assert len(paragraphs) == 22  # 25 paragraphs, 3 of them gallery captions
    for paragraph in paragraphs:
        assert paragraph in text
    assert text.startswith("European leaders have redoubled their efforts")
    assert text.endswith("when Ukraine needs them most.")
    rules = {removal.rule for removal in cleaned.removals}
    assert {"appeal.independent", "caption.gallery", "metadata"} <= rules


def test_seed_001_title_and_url_become_metadata(seed_dir: Path) -> None:
    raw = read_one(next(seed_dir.glob("001_*.txt")))
    assert raw.published == date(2025, 7, 8)
    assert raw.title == (
        "Between Aid And Deadlock: Kyiv’s Struggle Amid Shifting U.S. Support And Russian Offensive"
    )
    assert raw.url == "https://southfront.press/kyiv-struggle-amid-shifting-us-support/"
    text = clean_text(raw).text
    assert "Between Aid And Deadlock" not in text
    assert "southfront.press" not in text
    assert text.startswith("The ongoing Ukrainian crisis")
    assert text.endswith("hinging on unstable Western support.")
    for paragraph in body_paragraphs(raw.raw_text):
        assert paragraph in text


@pytest.mark.parametrize("name", ["000", "001"])
def test_offset_map_is_exact(seed_dir: Path, name: str) -> None:
    raw = read_one(next(seed_dir.glob(f"{name}_*.txt")))
    cleaned = clean_text(raw)
    for segment in cleaned.segments:
        piece = cleaned.text[segment.start : segment.start + segment.length]
        assert piece == raw.raw_text[segment.raw_start : segment.raw_start + segment.length]
    assert sum(s.length for s in cleaned.segments) == len(cleaned.text)
    for word in ("Ukraine", "Trump", "Kyiv"):
        offset = cleaned.text.rindex(word)
        assert raw.raw_text[cleaned.raw_offset(offset) :].startswith(word)


def test_plain_text_without_date_line_is_flagged() -> None:
    raw = parse_text_article("Headline here\n\nSome body text of the article.\n", source="x.txt")
    assert raw.published is None
    assert raw.flags == ("published-unknown",)
    assert raw.title == "Headline here"
    assert clean_text(raw).text == "Some body text of the article."


def test_impossible_date_line_is_a_rejection() -> None:
    [item] = read_text(
        io.BytesIO(b" date 2025-02-30 Title\n\nBody text.\n"), source="bad.txt", settings=Settings()
    )
    assert isinstance(item, Rejection)
    assert item.code == "P107"
    assert item.line() == "bad.txt:1: P107 impossible date in date line: '2025-02-30'"


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "P101"), (b"   \n\n", "P101"), (b"\x00\x01\x02binary\x00" * 20, "P102")],
)
def test_empty_and_binary_files_are_rejections(data: bytes, code: str) -> None:
    [item] = read_text(io.BytesIO(data), source="f.txt", settings=Settings())
    assert isinstance(item, Rejection)
    assert item.code == code


def test_latin1_text_is_decoded() -> None:
    data = " date 2024-05-01 Café à Paris\n\nLe président a déclaré que la réunion était très importante.".encode(
        "latin-1"
    )
    [raw] = read_text(io.BytesIO(data), source="f.txt", settings=Settings())
    assert isinstance(raw, RawArticle)
    assert "président" in raw.raw_text


def test_oversized_file_is_rejected() -> None:
    [item] = read_text(
        io.BytesIO(b"word " * 100), source="big.txt", settings=Settings(max_file_bytes=100)
    )
    assert isinstance(item, Rejection)
    assert item.code == "P104"


def test_every_rule_has_a_known_kind_and_a_name() -> None:
    rules = load_rules()
    assert len({rule.name for rule in rules}) == len(rules)
    assert {rule.kind for rule in rules} <= {"block", "paragraph", "inline"}


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Trump says he will resume deliveries",
        "Sign up for our free morning newsletter",
        "Advertisement",
        "( AFP via Getty Images )",
        "Image caption: Soldiers in Kharkiv",
        "Share this article",
        "Facebook Twitter WhatsApp Email",
    ],
)
def test_boilerplate_lines_are_removed(line: str) -> None:
    text = f"First paragraph of reporting.\n\n{line}\n\nSecond paragraph of reporting."
    assert (
        clean_raw_text(text).text
        == "First paragraph of reporting.\n\nSecond paragraph of reporting."
    )


@pytest.mark.parametrize(
    "line",
    [
        "Recommended changes to the law were read more carefully by the committee on Monday.",
        "The minister said the photo was taken in Kyiv.",
        "Reuters reported that talks would resume (according to two officials).",
    ],
)
def test_reporting_is_not_mistaken_for_boilerplate(line: str) -> None:
    assert find_boilerplate(line) == []
