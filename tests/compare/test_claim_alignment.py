"""Claim alignment on events: the claim-pair model, nearest-neighbour candidates, average link."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from parallax.compare.align import claim_view, similarity
from parallax.compare.candidates import nearest_pairs
from parallax.compare.grouping import average_link
from parallax.compare.pairs import compare_claims
from parallax.compare.story import StoryArticle, compare_story
from parallax.model import Article, Claim
from parallax.models.claim_pairs import claim_side, load_claim_pairs

from .test_pairs import view


def _article(article_id: str, outlet: str, text: str) -> Article:
    return Article(
        id=article_id, source="test", format="text", text=text, raw_text=text, segments=(),
        removals=(), content_hash=article_id, outlet=outlet,
    )  # fmt: skip


def _claims(article: Article) -> tuple[Claim, ...]:
    found, start = [], 0
    for sentence in article.text.split(". "):
        end = start + len(sentence)
        found.append(Claim(article.id, start, end, article.text[start:end], 1.0, "test"))
        start = end + 2
    return tuple(found)


def test_a_paraphrase_scores_above_a_different_event_with_shared_words() -> None:
    said = view("Police arrested the gunman in Denver on Monday after the school shooting.", "a")
    paraphrase = view("The Denver school shooting suspect was arrested by police on Monday.", "b")
    other = view("Police in Denver arrested a robbery suspect at the bank on Friday.", "c")
    for embed in (False, True):
        same = compare_claims(said, paraphrase, embed=embed)
        different = compare_claims(said, other, embed=embed)
        assert same.score > different.score
        assert same.same and not different.same


def test_the_model_reads_name_variants_through_entity_names() -> None:
    model = load_claim_pairs()
    text = "Elliott said the county would appeal the ruling."
    merged = claim_side(text, ["Michael Elliott"])
    plain = claim_side(text)
    assert "michael" in merged.names and "michael" not in plain.names
    assert model.threshold[True] > 0 and model.threshold[False] > 0


def test_candidates_are_a_few_nearest_neighbours_per_claim() -> None:
    rng = np.random.default_rng(7)
    for n in (200, 400):
        rows = rng.normal(size=(n, 16))
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        articles = [str(i // 10) for i in range(n)]
        pairs = nearest_pairs(rows, articles, neighbours=2, own=1)
        assert len(pairs) <= n * 3  # linear in the claims, whatever n
        scores = rows @ rows.T
        for i in (0, n // 2, n - 1):
            others = [j for j in range(n) if articles[j] != articles[i]]
            best = max(others, key=lambda j: scores[i, j])
            assert (min(i, best), max(i, best)) in pairs
    sparse = nearest_pairs(csr_matrix(np.eye(3)), ["a", "b", "c"])
    assert sparse == set()  # nothing in common: no candidate


def test_average_link_does_not_chain_and_keeps_blocked_pairs_apart() -> None:
    chain = {(0, 1): 0.9, (1, 2): 0.9}
    assert average_link(3, chain, 0.5) == [0, 0, 1]  # single link would join all three
    triangle = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.7}
    assert average_link(3, triangle, 0.5) == [0, 0, 0]
    assert average_link(3, triangle, 0.5, blocked={(0, 2)}) == [0, 0, 1]


TOY = (
    ("a", "Alpha", "Rescuers pulled twelve miners alive from the flooded pit in Wales on Monday. "
     "The mine's owner had been fined twice for safety breaches"),
    ("b", "Beta", "On Monday twelve miners were pulled alive from a flooded pit in Wales by "
     "rescuers. Local football fans raised money for the families"),
    ("c", "Gamma", "Twelve miners trapped in a flooded pit in Wales were rescued alive on Monday. "
     "The weather in London stayed dry all week"),
)  # fmt: skip


def test_a_claim_three_outlets_report_is_one_group_with_every_span() -> None:
    items = [StoryArticle(a, claims=_claims(a)) for a in (_article(*row) for row in TOY)]
    for embed in (False, True):
        comparison = compare_story("toy", items, embed=embed)
        shared = [g for g in comparison.groups if len(g.outlets) > 1]
        assert len(shared) == 1
        assert shared[0].outlets == ("Alpha", "Beta", "Gamma")
        assert {c.start for c in shared[0].claims} == {0}
        assert sum(len(g.outlets) == 1 for g in comparison.groups) == 3


def test_similarity_holds_only_candidate_pairs() -> None:
    texts = [f"Claim number {k} says the council met about road {k % 7} today." for k in range(60)]
    articles = [_article(f"x{k}", f"O{k % 3}", text) for k, text in enumerate(texts)]
    views = [claim_view(a, Claim(a.id, 0, len(a.text), a.text, 1.0, "t")) for a in articles]
    sim = similarity(views, texts, embed=False)
    assert isinstance(sim.combined, csr_matrix)
    assert sim.combined.nnz <= 2 * len(views) * 11
    assert sim.blend.nnz == sim.combined.nnz == sim.lexical.nnz
