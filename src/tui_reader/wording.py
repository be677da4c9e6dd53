"""Counts in words, one way everywhere: the header, the tree, exports, `--dump text`
and `--stats` all say "1 reply", "2 replies", "12,345 comments" alike."""

from __future__ import annotations

from tui_reader.sanitize import visible


def counted(number: int, one: str, many: str) -> str:
    """`number` and the noun that agrees with it, thousands separated: "1,204 views"."""
    return f"{number:,} {one if number == 1 else many}"


def views_wording(views: int | None, views_text: str | None) -> str | None:
    """Views in the interface's words: the count when it was understood, else the words
    as the page wrote them (made visible), None when the page gives neither."""
    if views is not None:
        return counted(views, "view", "views")
    written = (views_text or "").strip()
    return visible(written) if written else None
