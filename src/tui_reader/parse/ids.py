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


def assign_ids(pairs: Iterable[tuple[str, str]]) -> list[str]:
    """Ids for (author, text) pairs in page order, suffixing repeats."""
    seen: dict[str, int] = {}
    ids: list[str] = []
    for author, text in pairs:
        base = comment_id(author, text)
        if base in seen:
            seen[base] += 1
            ids.append(f"{base}-{seen[base]}")
        else:
            seen[base] = 1
            ids.append(base)
    return ids
