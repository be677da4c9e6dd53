"""Acting on the selected comment or the view: copy (`y`), open a link (`o`), export (`e`/`E`),
and the tree's notes (`w` on a thread starter).

A mixin of `ReaderApp`; no Textual import at module level. The link screen and the
export writers are imported when first used.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence, Sized
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reader.model import Comment, Page
from tui_reader.page_order import in_parsed_order
from tui_reader.sanitize import visible
from tui_reader.wording import counted

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from tui_reader.screens.export import ExportScope
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
            self,
            message: str | Sequence[str],
            *,
            severity: SeverityLevel = ...,
            timeout: float | None = None,
        ) -> None: ...

    def on_comment_tree_explained(self, event: CommentTree.Explained) -> None:
        """The tree's answer that has no line of its own (why a starter is top-level)."""
        self.toast(event.text)

    def action_copy_comment(self) -> None:
        comment = self._selected()
        if comment is None:
            return
        text = visible(comment.text, keep_newlines=True)
        self.copy_to_clipboard(text)
        # The copy is a request to the terminal (OSC 52), which may ignore it (tmux with
        # set-clipboard off, some terminals): say so, and name the way that always works.
        self.toast(
            f"Sent {len(text):,} characters of @{comment.author}'s comment to the clipboard "
            "through the terminal (if it does not arrive, e exports the thread)"
        )

    def action_open_links(self) -> None:
        comment = self._selected()
        if comment is not None:
            self._offer_links(comment.text, "This comment has no web links")

    def action_description_links(self) -> None:
        """`o` on the description screen: its links, through the same confirm step."""
        self._offer_links(self.page.description, "The description has no web links")

    def _offer_links(self, text: str, none: str) -> None:
        from tui_reader.links import find_links
        from tui_reader.screens.links import LinksScreen

        links = find_links(text)
        if not links:
            self.toast(none)
            return
        if self.open_url is not None:
            self.push_screen(LinksScreen(links, self.open_url))
        else:
            self.push_screen(LinksScreen(links))

    def _export_scopes(self) -> tuple[list[ExportScope], str]:
        """What `e` can export now, and the default: the view on screen in a chapter or
        filtered view, else the selected comment's thread, else the whole page."""
        from tui_reader.screens.export import ExportScope

        tree = self.comment_tree
        page = self.page
        scopes: list[ExportScope] = []
        view = tree.page_view
        if view.cursor is not None:
            # The tree's own threads: no scan of the page, and a reply whose parent is
            # not on the page is the starter of its thread there, as on screen.
            index = view.index
            members = index.threads[index.thread_of[view.cursor]]
            ids = tuple(index.comments[position].id for position in members)
            author = index.comments[members[0]].author
            scopes.append(ExportScope("thread", f"@{author}'s thread: {_comments(ids)}",
                                      ids, "thread"))
        if tree.mode != "tree":
            ids = tuple(tree.visible_ids())
            what = "chapter" if tree.mode == "subset" else "search"
            scopes.append(ExportScope("view", f"this {what} view: {_comments(ids)}", ids, what))
        headings = ", under chapter headings" if page.chapters else ""
        scopes.append(ExportScope("page", f"the whole page: {_comments(page.comments)}{headings}",
                                  None, ""))
        default = "view" if tree.mode != "tree" else scopes[0].name
        return scopes, default

    def action_export(self) -> None:
        """Ask what to export and as what (the dialog), then write it."""
        from tui_reader.screens.export import ExportChoice, ExportScreen

        scopes, default = self._export_scopes()

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._start_export(choice.scope, choice.fmt)

        self.push_screen(ExportScreen(scopes, default), chosen)

    def action_export_now(self, fmt: str) -> None:
        """The dialog's default, written at once (`E`: JSON for scripts)."""
        scopes, default = self._export_scopes()
        self._start_export(next(s for s in scopes if s.name == default), fmt)

    def _start_export(self, scope: ExportScope, fmt: str) -> None:
        self.run_worker(lambda: self._export(fmt, scope), thread=True, group="export")

    def _export(self, fmt: str, scope: ExportScope) -> None:
        """A whole big page takes a moment to write: run in a thread worker."""
        from tui_reader.export import export_to_file

        page = in_parsed_order(self.page, self.original_page)
        ids = scope.comment_ids
        try:
            path = export_to_file(page, ids, fmt=fmt, directory=self.export_dir,
                                  label=scope.file_label)
        except OSError as error:
            message = f"Export failed: {error.strerror or error}"
            self.call_from_thread(self.toast, message, severity="error")
            return
        what = "the whole page" if ids is None else f"{scope.name}, {_comments(ids)},"
        # The folder and the file name on lines of their own: in the middle of a sentence
        # a long name broke mid-word across the toast (widened in reader.tcss).
        lines = (f"Exported {what} to", f"{path.parent}{os.sep}", path.name)
        self.call_from_thread(self.toast, lines)


def _comments(items: Sized) -> str:
    return counted(len(items), "comment", "comments")
