"""Which view the comment tree shows, and the way back to where the reader was.

A mixin of `ReaderApp`: a chapter's comments, a filtered search, a jump to one
comment, and "All comments" returning to the same comment and scroll position in
the whole tree. It imports no Textual at module level (it calls the App's methods).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui_reader.model import Comment, Page
from tui_reader.sanitize import visible
from tui_reader.stopping import until_cancelled
from tui_reader.thread_view import Mode, SubsetItem

if TYPE_CHECKING:
    from textual.app import App

    from tui_reader.chapter_links import ChapterLinks
    from tui_reader.widgets.comment_tree import CommentTree
    from tui_reader.widgets.sidebar import Sidebar

    _Host = App[None]
else:
    _Host = object

# Where the reader was in the whole tree: (comment id, first line on screen).
Place = tuple[str, float]


class ViewsMixin(_Host):
    """Views of the tree and the places to return to (mixed into `ReaderApp`)."""

    page: Page
    comment_tree: CommentTree
    sidebar: Sidebar
    chapter_links: ChapterLinks | None
    # Where "All comments" returns to; None once Enter or a jump moved the reader.
    _return_place: Place | None
    # The latest place in the whole tree (for views opened from the palette).
    _tree_place: Place | None

    def _open_views(self) -> None:
        self.chapter_links = None
        self._return_place = None
        self._tree_place = None

    # -- chapter links ------------------------------------------------------------------

    def _link_chapters(self) -> None:
        """After the first paint: linking imports rapidfuzz and scans every comment."""
        self.run_worker(self._linked_chapters, thread=True, exclusive=True, group="chapter-links")

    def _linked_chapters(self) -> None:
        from tui_reader.chapter_links import link_chapters

        page = self.page
        links = until_cancelled(lambda stop: link_chapters(page, stop))
        if links is not None:
            self.call_from_thread(self._chapter_links_ready, links)

    def _chapter_links_ready(self, links: ChapterLinks) -> None:
        self.chapter_links = links
        self.sidebar.set_counts(links.counts)

    def subset_for_chapter(self, index: int) -> list[SubsetItem]:
        """The chapter's linked comments as tree subset items (computed now if not yet)."""
        if self.chapter_links is None:
            from tui_reader.chapter_links import link_chapters

            self._chapter_links_ready(link_chapters(self.page))
        assert self.chapter_links is not None
        return [
            SubsetItem(link.comment_id, link.spans, link.label)
            for link in self.chapter_links.by_chapter[index]
        ]

    # -- the tree in order ----------------------------------------------------------------

    def _selected(self) -> Comment | None:
        view = self.comment_tree.page_view
        if view.cursor is None:
            return None
        return view.index.comments[view.cursor]

    def _tree_order_comments(self) -> list[Comment]:
        index = self.comment_tree.page_view.index
        return [index.comments[position] for position in index.order]

    def _tree_order(self) -> list[str]:
        return [comment.id for comment in self._tree_order_comments()]

    # -- places ---------------------------------------------------------------------------

    def _place(self) -> Place | None:
        """The place in the whole tree (None while a view shows)."""
        tree = self.comment_tree
        if tree.mode == "tree" and tree.selected_id is not None:
            return (tree.selected_id, tree.scroll_y)
        return None

    def _note_place(self, comment_id: str) -> None:
        """The cursor moved: in the whole tree, that is the place to come back to."""
        if self.comment_tree.mode == "tree":
            self._tree_place = (comment_id, self.comment_tree.scroll_y)

    def _leave_tree(self, place: Place | None = None) -> None:
        """Remember the place in the whole tree before a view replaces it."""
        place = place or self._place()
        if place is not None:
            self._return_place = place

    def _restore(self, place: Place) -> None:
        comment_id, top = place
        tree = self.comment_tree
        if not tree.select(comment_id):
            return
        view = tree.page_view
        position = view.index.by_id[comment_id]
        start = view.line_of(position)
        if top <= start and start + view.height_of(position) <= top + tree.size.height:
            tree.scroll_to(y=top, animate=False, force=True)

    # -- views ----------------------------------------------------------------------------

    def show_chapter(self, index: int) -> None:
        """Show the comments linked to chapter `index` in the tree."""
        from tui_reader.timefmt import clock

        chapter = self.page.chapters[index]
        title = f"{clock(chapter.start)} {visible(chapter.title)}"
        from tui_reader.widgets.sidebar import CHAPTER_PREFIX

        self._leave_tree()
        self.comment_tree.show_subset(self.subset_for_chapter(index), title)
        # Chosen from the palette too: the sidebar marks the chapter on screen.
        self.sidebar.highlight_target(f"{CHAPTER_PREFIX}{index}")

    def jump_to(self, comment_id: str) -> bool:
        """Select a comment in the whole tree (its thread unfolded), leaving any view."""
        tree = self.comment_tree
        if tree.mode != "tree" and not tree.shows(comment_id):
            self._return_place = None
            tree.show_all(at=comment_id)
        found = tree.select(comment_id)
        tree.focus()
        return found

    def _view_changed(self, mode: Mode) -> None:
        from tui_reader.widgets.sidebar import ALL_ID

        if mode == "tree":
            # Back in the tree by Enter on a comment (or a jump): stay where that put us.
            self._return_place = None
            self.sidebar.highlight_target(ALL_ID)
        elif mode == "filtered":
            # No entry of the sidebar is on screen ("All comments" would be a lie).
            self.sidebar.highlighted = None
        if mode != "tree" and self._return_place is None:
            # A view entered from elsewhere (the command palette): the last tree place.
            self._return_place = self._tree_place

    def action_all_comments(self) -> None:
        """Back to the whole tree where the reader was before the view (without first
        unfolding the thread of the comment selected in the view)."""
        from tui_reader.widgets.sidebar import ALL_ID

        tree = self.comment_tree
        place, self._return_place = self._return_place, None
        if tree.mode != "tree":
            tree.show_all(at=place[0] if place is not None else None)
            if place is not None:
                self._restore(place)
        self.sidebar.highlight_target(ALL_ID)
