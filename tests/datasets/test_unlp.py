"""The UNLP 2025 reader on posts written here in the data set's layout, and on the real posts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.datasets.unlp import read_unlp
from parallax.errors import InputError
from tests.conftest import SHARED_DATA

UNLP = SHARED_DATA / "multilingual" / "unlp2025-manipulation"


def write_posts(folder: Path, records: list[dict[str, object]], name: str = "posts.jsonl") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_reads_techniques_and_clips_spans(tmp_path: Path) -> None:
    write_posts(
        tmp_path,
        [
            {
                "id": "b",
                "content": "Орки знову тікають.",
                "lang": "uk",
                "manipulative": True,
                "techniques": ["loaded_language", "euphoria"],
                "trigger_words": [[0, 4], [12, 40], [50, 60]],
            },
            {
                "id": "a",
                "content": "Погода сегодня теплая.",
                "lang": "ru",
                "manipulative": False,
                "techniques": None,
                "trigger_words": None,
            },
        ],
    )
    first, second = read_unlp(tmp_path)
    assert (first.id, first.language, first.techniques, first.spans) == ("a", "ru", (), ())
    assert second.techniques == ("euphoria", "loaded_language")
    # the span past the end is clipped to the text, the one wholly outside dropped
    assert second.spans == ((0, 4), (12, len(second.text)))


def test_reads_every_jsonl_file_under_the_folder(tmp_path: Path) -> None:
    write_posts(tmp_path / "one", [{"id": "x", "content": "текст", "lang": "uk"}])
    write_posts(tmp_path / "two", [{"id": "y", "content": "текст", "lang": "ru"}], "b.jsonl")
    assert [post.id for post in read_unlp(tmp_path)] == ["x", "y"]


def test_malformed_lines_are_named(tmp_path: Path) -> None:
    (tmp_path / "posts.jsonl").write_text('{"id": "x", "content": 3}\n', encoding="utf-8")
    with pytest.raises(InputError, match="string id and content"):
        read_unlp(tmp_path)
    with pytest.raises(InputError, match="jsonl"):
        read_unlp(tmp_path / "missing")


@pytest.mark.shared_data
def test_real_posts() -> None:
    if not UNLP.is_dir():
        pytest.skip("../shared/data/multilingual/unlp2025-manipulation is absent")
    posts = read_unlp(UNLP)
    assert len(posts) == 3053
    assert {post.language for post in posts} == {"ru", "uk"}
    assert all(0 <= s < e <= len(post.text) for post in posts for s, e in post.spans)
    sample = next(post for post in posts if post.id.startswith("0bb0c7fa"))
    start, end = sample.spans[0]
    assert sample.text[start:end] == "від російського військового експерта"
