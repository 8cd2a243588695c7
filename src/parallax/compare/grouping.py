"""Average-link grouping over a sparse graph of scored claim pairs.

Single link joins two groups when any one pair of their claims is alike, so a chain of loosely
related claims becomes one group; average link joins two groups only when the mean score over
*all* pairs of their claims reaches the threshold, a pair absent from the graph counting 0 (a
claim that is not even among the other's nearest neighbours does not report its event).
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Mapping


def average_link(
    n: int,
    edges: Mapping[tuple[int, int], float],
    threshold: float,
    blocked: Collection[tuple[int, int]] = (),
) -> list[int]:
    """Group ``n`` items by average link; return each item's group number.

    Groups are numbered in order of their first item. Each step merges the two groups with the
    highest mean score (the sum of their edges over the product of their sizes) while it
    reaches ``threshold``; two groups holding a ``blocked`` pair are never merged. Time grows
    with the number of edges (times the logarithm of it), not with ``n`` squared.

    Args:
        n: The number of items.
        edges: Scores of item pairs ``(i, j)``; pairs absent score 0.
        threshold: The mean score two groups need to merge.
        blocked: Pairs of items that may not end in one group.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for (i, j), score in edges.items():
        if i != j:
            links[i][j] = links[j][i] = score
    bans: dict[int, set[int]] = {i: set() for i in range(n)}
    for i, j in blocked:
        bans[i].add(j)
        bans[j].add(i)
    heap = [(-score, i, j) for i, row in links.items() for j, score in row.items() if i < j]
    heapq.heapify(heap)
    fresh = n
    while heap:
        negative, a, b = heapq.heappop(heap)
        if -negative < threshold:
            break
        if a not in members or b not in members:
            continue  # a group merged since: its entries are stale, the new group has its own
        if bans[a] & set(members[b]):
            continue
        merged, fresh = fresh, fresh + 1
        members[merged] = members.pop(a) + members.pop(b)
        bans[merged] = bans.pop(a) | bans.pop(b)
        joined: dict[int, float] = {}
        for other, score in (*links.pop(a).items(), *links.pop(b).items()):
            if other not in (a, b):
                joined[other] = joined.get(other, 0.0) + score
        links[merged] = joined
        size = len(members[merged])
        for other, total in joined.items():
            row = links[other]
            row.pop(a, None)
            row.pop(b, None)
            row[merged] = total
            heapq.heappush(heap, (-total / (size * len(members[other])), other, merged))
    labels = [0] * n
    for number, found in enumerate(sorted(members.values(), key=min)):
        for i in found:
            labels[i] = number
    return labels
