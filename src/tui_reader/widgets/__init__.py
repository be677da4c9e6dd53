"""Reusable widgets of the reader: line-API views that stay fast on huge pages."""

from __future__ import annotations

from tui_reader.widgets.comment_tree import CommentTree

__all__ = ["CommentTree"]
