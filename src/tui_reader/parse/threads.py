"""Thread reconstruction (placeholder until the threads work lands: everything top-level)."""

from __future__ import annotations

from collections.abc import Sequence

from tui_reader.model import Comment


def rebuild_threads(comments: Sequence[Comment], channel: str | None) -> tuple[Comment, ...]:
    """Return `comments` in page order with parent/depth/reason/reply_to/is_channel set."""
    return tuple(comments)
