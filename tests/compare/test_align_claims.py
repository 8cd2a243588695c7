"""align_claims: the claim grouping of compare_story, callable on any claim spans."""

from __future__ import annotations

from parallax.compare.align import claim_view
from parallax.compare.story import StoryArticle, align_claims, compare_story
from parallax.model import Article, Claim


def _article(article_id: str, outlet: str, text: str) -> Article:
    return Article(
        id=article_id, source="test", format="text", text=text, raw_text=text, segments=(),
        removals=(), content_hash=article_id, outlet=outlet,
    )  # fmt: skip


def _claim(article: Article, start: int, end: int) -> Claim:
    return Claim(article.id, start, end, article.text[start:end], 1.0, "test")


FIRST = "Rescuers pulled twelve miners alive from the flooded pit on Monday. The mayor smiled."
SECOND = "On Monday rescuers pulled twelve miners alive from the flooded pit. Shares fell sharply."


def test_paraphrases_across_outlets_form_one_group() -> None:
    a, b = _article("a", "Alpha", FIRST), _article("b", "Beta", SECOND)
    claims = [_claim(a, 0, 67), _claim(a, 68, 84), _claim(b, 0, 67), _claim(b, 68, 87)]
    views = [claim_view(a if c.article_id == "a" else b, c) for c in claims]
    _sim, groups, group_of = align_claims(views, [a.text, b.text], embed=False)
    assert group_of[0] == group_of[2]
    assert len({group_of[0], group_of[1], group_of[3]}) == 3
    assert groups[group_of[0]].outlets == ("Alpha", "Beta")


def test_compare_story_groups_as_align_claims_does() -> None:
    a, b = _article("a", "Alpha", FIRST), _article("b", "Beta", SECOND)
    items = [
        StoryArticle(a, claims=(_claim(a, 0, 67), _claim(a, 68, 84))),
        StoryArticle(b, claims=(_claim(b, 0, 67), _claim(b, 68, 87))),
    ]
    views = [claim_view(i.article, c) for i in items for c in i.claims]
    _sim, groups, _ = align_claims(views, [a.text, b.text], embed=False)
    assert compare_story("s", items, embed=False).groups == tuple(groups)
