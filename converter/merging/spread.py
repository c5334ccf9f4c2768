"""How a big merge uses other processes (`--jobs`): every section text split into items by a
worker while this process aligns the sections, and the sections clustered by workers while
this process chooses what each keeps, in the same order; what a worker sends back is built
again here from the same items, so the merge is the same with any number of processes."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator
from contextlib import closing
from typing import TYPE_CHECKING

from converter.merging.clusters import Cluster
from converter.merging.identity import Found
from converter.merging.meaning import facts
from converter.merging.outline import Node
from converter.merging.types import MergeOptions
from converter.merging.weights import medoid
from converter.prompt import items as itemlib

if TYPE_CHECKING:
    from converter.io.background import Background

#: one slot's items per member (its variant, its items)
Per = list[tuple[int, list[itemlib.Item]]]

#: a merge of at least this many items clusters its sections in several processes when
#: MergeOptions.jobs allows. Measured on 2 CPUs, the clustering alone, 7 interleaved rounds,
#: one process against two: 2,353 items 40 ms against 43 ms; 4,714 items 87 against 69;
#: 11,786 items (100 variants of a 10 KB agent) 196 against 145
PARALLEL_ITEMS = 4000

#: a cluster as a worker sends it back: whether it is the identity statement, for each
#: member its variant and where its item is in the slot's items (list, then position), the
#: facts its phrasings state, and its members' order of preference (which the chooser
#: reads, so the parent works out no phrasing's facts that only a worker clustered)
_Packed = tuple[bool, list[tuple[int, int, int]], frozenset[str], list[int]]


#: a merge of sections of at least this many characters in all has a worker find the base
#: variant and split the sections into items while this process weighs their words and
#: aligns them (2 CPUs, 100 variants of a 10 KB agent, 1.0 MB, the whole command, 15
#: interleaved rounds: 1.002 s without, 0.907 s with; a worker that weighed the words
#: instead, sending them back, gained half as much: receiving them cost 13 ms and the wait)
EARLY_CHARS = 400_000


def work_early(roots: list[Node], options: MergeOptions, find_base: bool) -> Background | None:
    """For a big merge, when workers are allowed (not with --semantic, as for clustering): a
    worker that finds the base variant (`medoid`, result 0; None unless `find_base`), then
    splits every distinct section text into items (what `gather` would split itself, result
    1) and works out their facts (in the order of `distinct_items`, result 2), while this
    process weighs the sections' words and aligns them."""
    texts = list(dict.fromkeys(node.text for root in roots for node in root.walk()))
    if options.jobs < 2 or options.semantic or sum(map(len, texts)) < EARLY_CHARS:
        return None  # (with --semantic the embedding model's library runs in this process)
    from converter.io.background import in_background

    split: dict[str, list[itemlib.Item]] = {}

    def split_all() -> dict[str, list[itemlib.Item]]:
        split.update((text, itemlib.split(text)) for text in texts)
        return split

    return in_background(
        lambda: medoid(roots) if find_base else None,
        split_all,
        lambda: [facts(item.text) for item in distinct_items(split)],
    )


def distinct_items(split: dict[str, list[itemlib.Item]]) -> list[itemlib.Item]:
    """The items of `split`, each once, in the order first met (the same in the worker that
    split them and in this process, which received them with their sharing kept)."""
    return list({id(item): item for items in split.values() for item in items}.values())


def cluster_all(
    found: Found, cluster: Callable[[Per], list[Cluster]], jobs: int
) -> Generator[list[Cluster], None, None]:
    """Each slot's clusters, in the order of `found` (the skeleton's walk), each as soon as
    it is done: the chooser takes a slot's while the next are clustered. A slot is clustered
    apart from every other (Meaning only memoises), so a big merge spreads the slots over
    processes; a worker sends each cluster back as its items' places, and the cluster is
    built again here from the same items in the same order: the merge is the same with any
    number of processes."""
    slots = list(found)
    sizes = [sum(len(items) for _, items in found[slot]) for slot in slots]
    if jobs < 2 or sum(sizes) < PARALLEL_ITEMS:
        for slot in slots:
            yield cluster(found[slot])
        return
    from converter.io.parallel import map_lazily

    parent = os.getpid()

    def work(number: int) -> list[Cluster] | list[_Packed]:
        slot = slots[number]
        clusters = cluster(found[slot])
        return clusters if os.getpid() == parent else _pack(found[slot], clusters)

    # in the walk's order, not the biggest first: this process chooses what each slot keeps
    # as soon as the slots before it are clustered, and clusters one itself only when none
    # is ready (2 CPUs, the whole command on 100 variants of a 10 KB agent, 9 interleaved
    # rounds: 1.28 s clustering then choosing, 1.12 s so)
    with closing(map_lazily(len(slots), work, jobs)) as done:
        for slot, result in zip(slots, done, strict=True):
            yield _unpack(found[slot], result)


def _pack(per: Per, clusters: list[Cluster]) -> list[_Packed]:
    places = {id(item): (k, j) for k, (_, items) in enumerate(per) for j, item in enumerate(items)}
    return [
        (
            cluster.role,
            [(variant, *places[id(item)]) for variant, item in cluster.members],
            cluster.facts,
            cluster.preference(),
        )
        for cluster in clusters
    ]


def _unpack(per: Per, found: list[Cluster] | list[_Packed]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for packed in found:
        if isinstance(packed, Cluster):  # clustered in this process
            clusters.append(packed)
            continue
        role, members, said, order = packed
        items = [(variant, per[k][1][j]) for variant, k, j in members]
        clusters.append(Cluster.rebuilt(role, items, said, order))
    return clusters
