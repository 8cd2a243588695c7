"""Time and peak memory of claim alignment as a story grows (no embeddings: TF-IDF candidates).

    PYTHONPATH=src python benchmarks/bench_align.py 100 250 500

Each article is 30 claims drawn from the seed articles' sentences with a few words changed, so
claims recur across articles as they do in a story told by many outlets.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from parallax.compare.align import claim_view, group_claims, similarity
from parallax.model import Article, Claim
from parallax.models.text import sentences

SEEDS = Path(__file__).resolve().parents[1] / "src" / "parallax" / "examples" / "seeds"
CLAIMS_PER_ARTICLE = 30


def align(sizes: list[int]) -> None:
    """Align stories of each size (in articles); print claims, groups, seconds and peak MB."""
    pool = [s for path in sorted(SEEDS.glob("*")) if path.is_file()
            for s in sentences(path.read_text(errors="ignore")) if len(s) > 40]  # fmt: skip
    rng = random.Random(15)
    for size in sizes:
        views, texts = [], []
        for k in range(size):
            chosen = rng.sample(pool, min(CLAIMS_PER_ARTICLE, len(pool)))
            body = ". ".join(f"{s} (report {rng.randint(1, 50)})" for s in chosen)
            article = Article(
                id=f"a{k}", source="bench", format="text", text=body, raw_text=body,
                segments=(), removals=(), content_hash=f"a{k}", outlet=f"outlet {k % 3}",
            )  # fmt: skip
            texts.append(body)
            start = 0
            for part in body.split(". "):
                claim = Claim(article.id, start, start + len(part), part, 1.0, "bench")
                views.append(claim_view(article, claim))
                start += len(part) + 2
        began = time.perf_counter()
        sim = similarity(views, texts, embed=False)
        groups, _ = group_claims(views, sim)
        seconds = time.perf_counter() - began
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"articles {size} claims {len(views)} pairs {sim.combined.nnz // 2} "
              f"groups {len(groups)} seconds {seconds:.1f} peak_mb {peak:.0f}")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    """Parse the sizes and align a story of each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "sizes", type=int, nargs="*", default=[100, 250, 500], help="articles in each story"
    )
    align(parser.parse_args(argv).sizes)


if __name__ == "__main__":
    main()
