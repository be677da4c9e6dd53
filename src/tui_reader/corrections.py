"""The reader's own fixes to thread reconstruction, applied on top of the parser's guess.

Corrections are a mapping, in the order they were made, from a comment id to either
"top" (this comment starts its own thread) or "attach:<id>" (this comment answers the
thread that <id> belongs to). They are applied to the parsed page on every open, so
undoing one is just removing it and applying the rest again to the original page.
Replies stay one level deep, as on the site: a thread starter attached elsewhere
brings its replies along, and they keep the rule that made them replies.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import attrs

from tui_reader.model import Comment, Page

TOP = "top"
ATTACH_PREFIX = "attach:"
USER_REASON = "user"


def attach_to(starter_id: str) -> str:
    """The correction value that makes a comment a reply in `starter_id`'s thread."""
    return ATTACH_PREFIX + starter_id


def _starter_of(comment_id: str, parents: Mapping[str, str | None]) -> str:
    parent = parents.get(comment_id)
    return parent if parent is not None and parent in parents else comment_id


def _tree_order(comments: list[Comment]) -> tuple[Comment, ...]:
    """Each thread starter followed by its replies, both in page order."""
    known = {comment.id for comment in comments}
    replies: dict[str, list[Comment]] = {}
    for comment in comments:
        if comment.parent is not None and comment.parent in known:
            replies.setdefault(comment.parent, []).append(comment)
    ordered: list[Comment] = []
    for comment in comments:
        if comment.parent is None or comment.parent not in known:
            ordered.append(comment)
            ordered.extend(replies.get(comment.id, ()))
    if len(ordered) != len(comments):  # a reply under a reply: keep whatever was missed
        placed = {comment.id for comment in ordered}
        ordered.extend(comment for comment in comments if comment.id not in placed)
    return tuple(ordered)


def apply_corrections(page: Page, corrections: Mapping[str, str]) -> Page:
    """A new page with `corrections` applied; ones that no longer fit become page warnings."""
    if not corrections:
        return page
    parents: dict[str, str | None] = {comment.id: comment.parent for comment in page.comments}
    corrected: set[str] = set()
    skipped: list[str] = []
    for comment_id, value in corrections.items():
        if comment_id not in parents:
            skipped.append(f"thread correction for {comment_id} skipped: no longer on the page")
            continue
        if value == TOP:
            if parents[comment_id] is not None:
                parents[comment_id] = None
                corrected.add(comment_id)
            continue
        target = value.removeprefix(ATTACH_PREFIX)
        if not value.startswith(ATTACH_PREFIX) or target not in parents:
            skipped.append(f"thread correction for {comment_id} skipped: {value!r} is not here")
            continue
        starter = _starter_of(target, parents)
        if starter == comment_id:
            skipped.append(f"thread correction for {comment_id} skipped: it would answer itself")
            continue
        if parents[comment_id] == starter:
            continue
        for other, parent in parents.items():  # its own replies follow it into the thread
            if parent == comment_id:
                parents[other] = starter
        parents[comment_id] = starter
        corrected.add(comment_id)
    if not corrected and not skipped:
        return page
    comments: list[Comment] = []
    for comment in page.comments:
        parent = parents[comment.id]
        if comment.id in corrected:
            comment = attrs.evolve(comment, parent=parent, reason=USER_REASON)
        elif parent != comment.parent:
            comment = attrs.evolve(comment, parent=parent)
        comments.append(comment)
    return attrs.evolve(
        page,
        comments=_tree_order(comments) if corrected else page.comments,
        warnings=(*page.warnings, *skipped),
    )


def thread_above(page: Page, comment_id: str) -> str | None:
    """The starter of the thread before the one holding `comment_id` (target of "attach")."""
    parents = {comment.id: comment.parent for comment in page.comments}
    if comment_id not in parents:
        return None
    starter = _starter_of(comment_id, parents)
    index = next(i for i, comment in enumerate(page.comments) if comment.id == starter)
    for comment in reversed(page.comments[:index]):
        if comment.parent is None or comment.parent not in parents:
            return comment.id
    return None


def is_corrected(comment: Comment) -> bool:
    """Whether the reader, not the parser, placed this comment (the UI marks it)."""
    return comment.reason == USER_REASON


def load_corrected(page: Page, directory: Path | None = None) -> tuple[Page, list[str]]:
    """The page with the reader's saved corrections applied (for `--dump json` and the app).

    Reads state without saving or changing it; warnings (an unreadable state file) are
    one line each.
    """
    from tui_reader.state import read_corrections

    corrections, warnings = read_corrections(page, directory)
    return apply_corrections(page, corrections), warnings
