"""Stable comment ids: the same comment keeps its id when the page is saved again.

An id depends only on who wrote what ("c" + 8 hex digits of blake2b over author, NUL,
text), not on position, so new comments above it do not shift it. Reading state and
`--at` links store these ids. Identical author+text pairs within one page get "-2",
"-3", ... in page order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import partial
from itertools import compress, count
from operator import methodcaller

from tui_reader.hashing import blake2b

_digest = partial(blake2b, digest_size=4)
_utf8 = methodcaller("encode", "utf-8", "surrogatepass")  # lone surrogates still hash


def comment_id(author: str, text: str) -> str:
    """The base id of one comment."""
    return "c" + _digest(_utf8(f"{author}\0{text}")).hexdigest()


def assign_ids(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """Ids for (author, text) pairs in page order.

    `comment_id` for every pair, written as a chain of `map`s so the loop runs in C:
    a Python call per comment made ids a quarter of a 100,000-comment parse. A test
    keeps the two equal.
    """
    hashes = map(_digest, map(_utf8, map("\0".join, pairs)))
    ids = list(map("c".__add__, map(blake2b.hexdigest, hashes)))
    if len(set(ids)) < len(ids):
        _suffix_repeats(ids)
    return ids


def _suffix_repeats(ids: list[str]) -> None:
    """The second and later copies of an id become id-2, id-3, ... in page order.

    Only the positions of repeated ids are visited: short texts ("Thanks!") repeat
    on big pages, but a few hundred times, not a hundred thousand.
    """
    repeated = {base for base, copies in Counter(ids).items() if copies > 1}
    seen: dict[str, int] = {}
    for k in compress(count(), map(repeated.__contains__, ids)):
        base = ids[k]
        copies = seen[base] = seen.get(base, 0) + 1
        if copies > 1:
            ids[k] = f"{base}-{copies}"
