"""The reader application shell: header, chapter sidebar, comment tree, footer, screens.

The shell owns layout, focus, the sidebar <-> tree wiring and the pushed screens; the
comment tree widget owns everything about showing comments. Slow work on mount (linking
comments to chapters on a big page) runs in a thread worker so the first paint is not
held up.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer

from tui_reader.model import Page
from tui_reader.sanitize import visible
from tui_reader.thread_view import SubsetItem
from tui_reader.widgets.comment_tree import CommentTree
from tui_reader.widgets.page_header import PageHeader
from tui_reader.widgets.sidebar import ALL_ID, Sidebar, chapter_time

if TYPE_CHECKING:
    from tui_reader.chapter_links import ChapterLinks
    from tui_reader.screens.help import BindingSource

# Below this width the sidebar starts hidden (`s` still shows it).
SIDEBAR_MIN_WIDTH = 80
# Benchmarks set this to measure start-up: the app exits right after its first paint.
EXIT_AFTER_PAINT_ENV = "MECHANICS_TUI_EXIT_AFTER_PAINT"
_READER_ACTIONS = frozenset({"toggle_sidebar", "all_comments", "description", "related"})


class ReaderApp(App[None]):
    """Read one saved page: `ReaderApp(page, at=comment_id).run()`."""

    # Absolute, so subclasses (tests, benchmarks) defined elsewhere still find it.
    CSS_PATH = Path(__file__).with_name("reader.tcss")
    sidebar: Sidebar
    comment_tree: CommentTree
    TITLE = "mechanics-tui"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-narrow"),
        (SIDEBAR_MIN_WIDTH, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", tooltip="Quit the reader", id="app.quit"),
        Binding("question_mark", "help", "Keys", tooltip="List every key", id="app.help"),
        Binding(
            "s", "toggle_sidebar", "Sidebar", tooltip="Show or hide the sidebar", id="app.sidebar"
        ),
        Binding(
            "a",
            "all_comments",
            "All comments",
            show=False,
            tooltip="Back to the whole tree, at the same place",
            id="app.all_comments",
        ),
        Binding(
            "escape",
            "all_comments",
            "All comments",
            show=False,
            tooltip="Leave a chapter view",
            id="app.escape",
        ),
        Binding(
            "D",
            "description",
            "Description",
            show=False,
            tooltip="Read the video description",
            id="app.description",
        ),
        Binding(
            "R",
            "related",
            "Related videos",
            show=False,
            tooltip="List the related videos",
            id="app.related",
        ),
    ]

    def __init__(self, page: Page, *, at: str | None = None, now: datetime | None = None) -> None:
        super().__init__()
        self.page = page
        self.start_at = at
        # Injected "now" for anything shown relative to the present; None means no clock.
        self.now = now
        self.chapter_links: ChapterLinks | None = None

    def compose(self) -> ComposeResult:
        yield PageHeader(self.page, id="page-header")
        # Kept as attributes: `App.query_one` only sees the active screen, and these
        # must be reachable while help or description is on top.
        self.sidebar = Sidebar(self.page, id="sidebar")
        self.comment_tree = CommentTree(self.page, id="tree")
        with Horizontal(id="body"):
            yield self.sidebar
            yield self.comment_tree
        yield Footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reader-pane actions only apply while the reader is the screen on top."""
        return action not in _READER_ACTIONS or len(self.screen_stack) <= 1

    def on_mount(self) -> None:
        self.comment_tree.focus()
        if self.start_at is not None and not self.comment_tree.select(self.start_at):
            self.notify(f"No comment with id {visible(self.start_at)}", severity="warning")
        if os.environ.get(EXIT_AFTER_PAINT_ENV):
            self.call_after_refresh(self.exit)
        elif self.page.chapters:
            # After the first paint: linking imports rapidfuzz and scans every comment.
            self.call_after_refresh(self._link_chapters)

    @work(thread=True, exclusive=True, group="chapter-links")
    def _link_chapters(self) -> None:
        from tui_reader.chapter_links import link_chapters

        links = link_chapters(self.page)
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

    def show_chapter(self, index: int) -> None:
        """Show the comments linked to chapter `index` in the tree."""
        chapter = self.page.chapters[index]
        title = f"{chapter_time(chapter.start)} {visible(chapter.title)}"
        self.comment_tree.show_subset(self.subset_for_chapter(index), title)

    @on(Sidebar.Chosen)
    def _sidebar_chosen(self, event: Sidebar.Chosen) -> None:
        if event.target == "chapter" and event.chapter_index is not None:
            self.show_chapter(event.chapter_index)
        elif event.target == ALL_ID:
            self.comment_tree.show_all()
        elif event.target == "description":
            self.action_description()
        elif event.target == "related":
            self.action_related()

    @on(CommentTree.ModeChanged)
    def _tree_mode_changed(self, event: CommentTree.ModeChanged) -> None:
        if event.mode == "tree":
            self.sidebar.highlight_target(ALL_ID)

    def action_all_comments(self) -> None:
        tree = self.comment_tree
        if tree.mode != "tree":
            tree.show_all()
        self.sidebar.highlight_target(ALL_ID)

    def action_toggle_sidebar(self) -> None:
        screen = self.sidebar.screen
        if self.sidebar.display:
            screen.remove_class("-show-sidebar").add_class("-hide-sidebar")
            if self.sidebar.has_focus:
                self.comment_tree.focus()
        else:
            screen.remove_class("-hide-sidebar").add_class("-show-sidebar")

    def action_help(self) -> None:
        # Screens are imported when first opened: they are not needed for the first paint.
        from tui_reader.screens.description import DescriptionScreen
        from tui_reader.screens.help import HelpScreen
        from tui_reader.screens.related import RelatedScreen

        sections: list[tuple[str, Sequence[BindingSource]]] = [
            ("Anywhere", [self, self.comment_tree.screen]),
            ("Comment tree", [self.comment_tree]),
            ("Sidebar", [self.sidebar]),
            ("Description and related videos", [DescriptionScreen, RelatedScreen]),
            ("This help", [HelpScreen]),
        ]
        self.push_screen(HelpScreen(sections))

    def action_description(self) -> None:
        from tui_reader.screens.description import DescriptionScreen

        self.push_screen(DescriptionScreen(self.page))

    def action_related(self) -> None:
        from tui_reader.screens.related import RelatedScreen

        if self.page.related:
            self.push_screen(RelatedScreen(self.page))
