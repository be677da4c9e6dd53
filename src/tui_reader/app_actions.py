"""Acting on the selected comment or the view: copy (`y`), open a link (`o`), export (`e`/`E`).

A mixin of `ReaderApp`; no Textual import at module level. The link screen and the
export writers are imported when first used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.model import Comment, Page
from tui_reader.page_order import in_parsed_order
from tui_reader.sanitize import visible

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from tui_reader.widgets.comment_tree import CommentTree

    _Host = App[None]
else:
    _Host = object


class CommentActionsMixin(_Host):
    """Copy, open and export (mixed into `ReaderApp`)."""

    original_page: Page
    page: Page
    comment_tree: CommentTree
    export_dir: Path | None
    open_url: Callable[[str], object] | None

    if TYPE_CHECKING:  # provided by the views mixin

        def _selected(self) -> Comment | None: ...
        def toast(
            self, message: str, *, severity: SeverityLevel = ..., timeout: float | None = None
        ) -> None: ...

    def action_copy_comment(self) -> None:
        comment = self._selected()
        if comment is None:
            return
        text = visible(comment.text, keep_newlines=True)
        self.copy_to_clipboard(text)
        self.toast(f"Copied {len(text):,} characters of @{comment.author}'s comment")

    def action_open_links(self) -> None:
        from tui_reader.links import find_links
        from tui_reader.screens.links import LinksScreen

        comment = self._selected()
        if comment is None:
            return
        links = find_links(comment.text)
        if not links:
            self.toast("This comment has no web links")
            return
        if self.open_url is not None:
            self.push_screen(LinksScreen(links, self.open_url))
        else:
            self.push_screen(LinksScreen(links))

    def action_export(self, fmt: str) -> None:
        tree = self.comment_tree
        mode = tree.mode
        ids = None if mode == "tree" else tree.visible_ids()
        label = {"subset": "chapter", "filtered": "search"}.get(mode, "")
        self.run_worker(lambda: self._export(fmt, ids, label), thread=True, group="export")

    def _export(self, fmt: str, ids: list[str] | None, label: str) -> None:
        """A whole big page takes a moment to write: run in a thread worker."""
        from tui_reader.export import export_to_file

        page = in_parsed_order(self.page, self.original_page)
        try:
            path = export_to_file(page, ids, fmt=fmt, directory=self.export_dir, label=label)
        except OSError as error:
            message = f"Export failed: {error.strerror or error}"
            self.call_from_thread(self.toast, message, severity="error")
            return
        what = "the whole page" if ids is None else f"{len(ids):,} comments"
        self.call_from_thread(self.toast, f"Exported {what} to {path}")
