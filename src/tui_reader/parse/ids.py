"""Stable comment ids: the same comment keeps its id when the page is saved again.

An id depends only on who wrote what ("c" + 8 hex digits of blake2b over author, NUL,
text), not on position, so new comments above it do not shift it. Reading state and
`--at` links store these ids. Identical author+text pairs within one page get "-2",
"-3", ... in page order.
"""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import blake2b


def comment_id(author: str, text: str) -> str:
    """The base id of one comment."""
    data = f"{author}\0{text}".encode("utf-8", "surrogatepass")
    return "c" + blake2b(data, digest_size=4).hexdigest()


class IdMaker:
    """Hands out ids in page order, suffixing repeats of an author+text pair."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def __call__(self, author: str, text: str) -> str:
        base = comment_id(author, text)
        count = self._seen.get(base, 0) + 1
        self._seen[base] = count
        return base if count == 1 else f"{base}-{count}"


def assign_ids(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """Ids for (author, text) pairs in page order."""
    make = IdMaker()
    return [make(author, text) for author, text in pairs]
