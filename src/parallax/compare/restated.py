"""Whether an outlet reports a claim group in other words: the check before "omits".

A claim group an outlet has no claim in may still be something the outlet reports: in a
sentence the claim extractor did not keep, or in words the claim-pair model did not group
("the lawmaker said he is 'profoundly' sorry" against "has apologized for his combative
behavior"). Before the comparison lists a group under an outlet's "omits", each of the
outlet's own sentences is read against the group's claims by MiniLM cosine (the vectors the
comparison already has, :func:`parallax.models.vectors.cached_embedder`); a sentence at
:data:`RESTATED` or more says the same, and the group is not an omission of that outlet.

:data:`RESTATED` was chosen on MRPC's dev pairs (``../shared/data/comparison/mrpc``): the
cosine that maximises F0.5 (0.745; the same, 0.73–0.745, in each of 5 folds). F0.5 weighs
precision over recall because the check takes the best of all of an outlet's sentences,
which lifts chance matches: at 0.745 MRPC's precision is 0.79, at the F1 optimum (0.605)
0.73, and on the BASIL dev stories most pairs between 0.55 and 0.70 report different facts of
one event (docs/compare.md).
"""

from __future__ import annotations

from collections.abc import Sequence

RESTATED = 0.745
"""The MiniLM cosine from which an outlet's sentence says what a claim says."""


def restated(
    groups: Sequence[Sequence[str]], sentences: Sequence[str], *, threshold: float = RESTATED
) -> list[bool]:
    """Return, for each group (its claims' texts), whether one of ``sentences`` (one outlet's
    own) says the same as one of its claims: MiniLM cosine at ``threshold`` or more."""
    own = [sentence for sentence in sentences if sentence.strip()]
    if not groups or not own:
        return [False] * len(groups)
    from parallax.models.vectors import cached_embedder

    embedder = cached_embedder()
    # The embedder's rows are L2-normalised (parallax.embeddings.Embedder): a dot is a cosine.
    sentence_vectors = embedder.embed(own)
    texts = [text for group in groups for text in group]
    claim_vectors = embedder.embed(texts)
    best = (claim_vectors @ sentence_vectors.T).max(axis=1)
    found, at = [], 0
    for group in groups:
        found.append(bool(len(group) and best[at : at + len(group)].max() >= threshold))
        at += len(group)
    return found
