"""The reader application shell: header, chapter sidebar, comment tree, footer, screens.

The shell owns layout, focus, key bindings, the routing of messages between panes
and the pushed screens. The work behind its keys lives in mixins with one job each:
`app_views` (chapter and filtered views, the way back to where the reader was),
`app_search` (the index worker, the `/` bar, `n`/`N`), `app_memory` (config, state,
bookmarks, corrections) and `app_actions` (copy, links, export). The comment tree
widget owns everything about showing comments, `search.py` the ranking, `state.py`
what is remembered between runs. Slow work (linking comments to chapters, building
the search index) runs in thread workers after the first paint.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen

from tui_reader.app_actions import CommentActionsMixin
from tui_reader.app_memory import (
    BOOKMARK_BADGE,
    CORRECTED_BADGE,
    EXIT_AFTER_PAINT_ENV,
    NEW_BADGE,
    MemoryMixin,
)
from tui_reader.app_search import SearchMixin
from tui_reader.app_views import ViewsMixin
from tui_reader.model import Page
from tui_reader.sanitize import visible
from tui_reader.widgets.comment_tree import CommentTree
from tui_reader.widgets.footer import KeyFooter
from tui_reader.widgets.page_header import PageHeader
from tui_reader.widgets.sidebar import ALL_ID, Sidebar

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel

    from tui_reader.screens.help import BindingSource
    from tui_reader.widgets.search_bar import SearchBar

__all__ = ["BOOKMARK_BADGE", "CORRECTED_BADGE", "EXIT_AFTER_PAINT_ENV", "NEW_BADGE", "ReaderApp"]

# Below this width the sidebar starts hidden (`s` still shows it). REASON: the sidebar
# takes 33 columns; at 80 that left the comments some 45, too few to read comfortably
# (UX review), while at 100 they keep 65.
SIDEBAR_MIN_WIDTH = 100
_WIDE = "-wide"

# Actions that act on the reader's panes: off while a screen (help, a view) is on top.
_READER_ACTIONS = frozenset(
    {
        "toggle_sidebar",
        "all_comments",
        "description",
        "related",
        "search",
        "next_match",
        "previous_match",
        "copy_comment",
        "open_links",
        "export",
        "export_now",
        "toggle_bookmark",
        "next_bookmark",
        "make_top_level",
        "attach_above",
        "undo_correction",
        "next_new",
        "insight",
    }
)


def comment_commands() -> type[Provider]:
    """The palette's comment/author/chapter provider, imported when ctrl+p first opens
    (it pulls in the search module and rapidfuzz, which the first paint does not need)."""
    from tui_reader.commands import CommentCommands

    return CommentCommands


# Headings of the help screen for the app's own keys (the rest go under "Anywhere").
_HELP_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("After a search or in a view", frozenset({"app.next-match", "app.previous-match",
                                               "app.all_comments", "app.escape"})),
    ("Bookmarks and new comments", frozenset({"app.bookmark", "app.next-bookmark",
                                              "app.next-new"})),
    ("Copy, open, export", frozenset({"app.copy", "app.links", "app.export",
                                      "app.export-json"})),
    ("Thread corrections", frozenset({"app.make-top", "app.attach", "app.undo"})),
)


class ReaderScreen(Screen[None]):
    """The reader's own screen, set up so the first paint styles every widget once.

    Auto focus goes straight to the tree (the default would focus the sidebar first,
    then move to the tree: two extra restyles). The app gives it the wide breakpoint
    class from the start, so the first resize on a wide terminal changes no class and
    does not restyle and repaint the whole screen again; a narrow one still switches.
    Its first resume (when the app starts) does not restyle the screen either: every
    widget was styled as it mounted and the focus change restyled the tree, so a second
    pass over all of them (the tree alone has 15 component classes) only delays the paint.
    """

    AUTO_FOCUS = "#tree"

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._resumed = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Screen's own handler, which reads the flag.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False


def _hidden(key: str, action: str, description: str, tooltip: str, binding_id: str) -> Binding:
    """A binding listed in help (?) but not in the footer, which keeps to the essentials."""
    return Binding(key, action, description, show=False, tooltip=tooltip, id=binding_id)


class ReaderApp(ViewsMixin, SearchMixin, MemoryMixin, CommentActionsMixin, App[None]):
    """Read one saved page: `ReaderApp(page, at=comment_id).run()`.

    `cache_key` is `cache.load_keyed(path).key`, the key of the bytes `page` was parsed
    from, so the search index can come from (and go to) the cache; `remember=False`
    keeps state and config off the disk (e.g. for embedding).
    """

    # Absolute, so subclasses (tests, benchmarks) defined elsewhere still find it.
    CSS_PATH = Path(__file__).with_name("reader.tcss")
    COMMANDS = App.COMMANDS | {comment_commands}
    sidebar: Sidebar
    comment_tree: CommentTree
    TITLE = "mechanics-tui"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-narrow"),
        (SIDEBAR_MIN_WIDTH, _WIDE),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", tooltip="Search the comments as you type",
                id="app.search"),
        Binding("q", "quit", "Quit", tooltip="Quit the reader", id="app.quit"),
        Binding("question_mark", "help", "Keys", tooltip="List every key", id="app.help"),
        Binding(
            "s", "toggle_sidebar", "Sidebar", tooltip="Show or hide the sidebar", id="app.sidebar"
        ),
        _hidden("n", "next_match", "Next match", "Next search match in tree order",
                "app.next-match"),
        _hidden("N", "previous_match", "Previous match", "Previous search match in tree order",
                "app.previous-match"),
        _hidden("a", "all_comments", "All comments",
                "Back to the whole tree, where you were before this view", "app.all_comments"),
        # A priority binding: the tree's own escape would keep the cursor on the subset's
        # comment; leaving a view with escape returns to where the reader was instead.
        # Shown in the footer (at its right edge), which lists it only in a view (see
        # `check_action`).
        Binding("escape", "all_comments", "All comments", priority=True,
                tooltip="Leave a chapter or filtered view", id="app.escape"),
        _hidden("c", "next_new", "Next new comment", "Jump to the next comment new since last time",
                "app.next-new"),
        _hidden("b", "toggle_bookmark", "Bookmark", "Bookmark this comment (or remove it)",
                "app.bookmark"),
        _hidden("B", "next_bookmark", "Next bookmark", "Jump to the next bookmarked comment",
                "app.next-bookmark"),
        _hidden("y", "copy_comment", "Copy text", "Copy this comment's text to the clipboard",
                "app.copy"),
        _hidden("o", "open_links", "Open a link", "List this comment's web links to open one",
                "app.links"),
        _hidden("e", "export", "Export…",
                "Save this thread, this view or the whole page, as Markdown or JSON",
                "app.export"),
        _hidden("E", "export_now('json')", "Export JSON now",
                "Save what e offers first (the view, else this thread) as JSON, no questions",
                "app.export-json"),
        _hidden("t", "make_top_level", "Make top-level",
                "Correct the threads: this comment starts its own thread", "app.make-top"),
        _hidden("A", "attach_above", "Attach to thread above",
                "Correct the threads: this comment answers the thread above", "app.attach"),
        _hidden("u", "undo_correction", "Undo correction",
                "Undo this comment's thread correction (else the latest one)", "app.undo"),
        _hidden("i", "insight", "Page insight", "Health and shape of the page", "app.insight"),
        _hidden("D", "description", "Description", "Read the video description",
                "app.description"),
        _hidden("R", "related", "Related videos", "List the related videos", "app.related"),
    ]

    def __init__(
        self,
        page: Page,
        *,
        at: str | None = None,
        now: datetime | None = None,
        cache_key: str | None = None,
        remember: bool = True,
        export_dir: Path | None = None,
        open_url: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__()
        # The page as parsed: corrections are always applied to this one, so undoing
        # one is applying the others again.
        self.original_page = page
        self.start_at = at
        # Injected "now" for anything shown relative to the present; None means no clock.
        self.now = now
        self.cache_key = cache_key
        self.export_dir = export_dir
        self.open_url = open_url
        self._warned: set[str] = set()
        self._warnings: list[str] = []
        self._open_views()
        self._open_search()
        self._open_memory(page, remember)

    def get_default_screen(self) -> Screen[None]:
        return ReaderScreen(id="_default", classes=_WIDE)

    def compose(self) -> ComposeResult:
        new = len(self.state.new_ids) if self.state is not None else 0
        yield PageHeader(self.page, new=new, id="page-header")
        # Kept as attributes: `App.query_one` only sees the active screen, and these
        # must be reachable while help or description is on top.
        self.sidebar = Sidebar(self.page, id="sidebar")
        self.comment_tree = CommentTree(self.page, id="tree")
        with Horizontal(id="body"):
            yield self.sidebar
            yield self.comment_tree
        # Kept at the right edge: the way out of a view (listed only in one) and help.
        yield KeyFooter(keep=["app.escape", "app.help"])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reader-pane actions only apply while the reader is the screen on top."""
        if action not in _READER_ACTIONS:
            return True
        if len(self.screen_stack) > 1:
            return False
        if action == "all_comments":
            # Escape belongs to an open search bar; in the whole tree there is nothing to leave.
            return self.comment_tree.mode != "tree" and not self._searching()
        return True

    # -- start-up and exit ------------------------------------------------------------------

    def on_mount(self) -> None:
        self._apply_config(self.config)
        tree = self.comment_tree
        tree.focus()
        start = self.start_at
        if start is not None and not tree.select(start):
            self.toast(f"No comment with id {start}", severity="warning")
        elif start is None and self.state is not None and self.state.position is not None:
            tree.select(self.state.position)
        self._show_marks()
        for warning in self._warnings:
            self._warn(warning)
        # The CLI starts the reader with the cyclic collector off (see `cli._run_app`).
        self.call_after_refresh(gc.enable)
        if os.environ.get(EXIT_AFTER_PAINT_ENV):
            self.call_after_refresh(self.exit)
            return
        if self.page.chapters:
            self.call_after_refresh(self._link_chapters)
        self.call_after_refresh(self._build_index)
        self._start_saving()

    def on_unmount(self) -> None:
        self._save_on_exit()

    def toast(
        self,
        message: str | Sequence[str],
        *,
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None:
        """The one way the reader shows a toast (thread-safe, like `notify`).

        Messages carry page text, file paths and config values: `[/]` in a handle would
        crash the toast and `[@click=...]` would make a live action, so the message is
        made visible and never parsed as markup. A sequence of parts shows one per line
        (each made visible on its own: a newline inside a part is still shown as one).
        """
        text = visible(message) if isinstance(message, str) else "\n".join(map(visible, message))
        self.notify(text, severity=severity, timeout=timeout, markup=False)

    def _warn(self, message: str) -> None:
        """One toast per distinct problem (a periodic save must not repeat it)."""
        if message not in self._warned:
            self._warned.add(message)
            self.toast(message, severity="warning", timeout=8)

    # -- routing ------------------------------------------------------------------------------

    @on(CommentTree.Selected)
    def _tree_selected(self, event: CommentTree.Selected) -> None:
        self._note_place(event.comment_id)
        self._note_read(event.comment_id)

    @on(CommentTree.ModeChanged)
    def _tree_mode_changed(self, event: CommentTree.ModeChanged) -> None:
        self._view_changed(event.mode)

    @on(Sidebar.Chosen)
    def _sidebar_chosen(self, event: Sidebar.Chosen) -> None:
        if event.target == "chapter" and event.chapter_index is not None:
            self.show_chapter(event.chapter_index)
        elif event.target == ALL_ID:
            self.action_all_comments()
        elif event.target == "bookmark" and event.comment_id is not None:
            self.jump_to(event.comment_id)
        elif event.target == "description":
            self.action_description()
        elif event.target == "related":
            self.action_related()

    def on_search_bar_chosen(self, event: SearchBar.Chosen) -> None:
        event.stop()
        self._search_chosen(event)

    def on_search_bar_filtered(self, event: SearchBar.Filtered) -> None:
        event.stop()
        self._search_filtered(event)

    def on_search_bar_closed(self, event: SearchBar.Closed) -> None:
        event.stop()
        self._search_closed()

    # -- sidebar and screens ------------------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        screen = self.sidebar.screen
        if self.sidebar.display:
            screen.remove_class("-show-sidebar").add_class("-hide-sidebar")
            if self.sidebar.has_focus:
                self.comment_tree.focus()
        else:
            screen.remove_class("-hide-sidebar").add_class("-show-sidebar")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette's commands: Textual's, and on the reader's screen its own actions
        (see `palette`)."""
        if screen is not self.comment_tree.screen:
            yield from super().get_system_commands(screen)
            return
        from tui_reader.palette import TREE_COMMAND_IDS, action_commands, with_actions

        ours = action_commands(self, [(self, None), (self.comment_tree, TREE_COMMAND_IDS)])
        yield from with_actions(super().get_system_commands(screen), ours)

    def action_help(self) -> None:
        # Screens are imported when first opened: they are not needed for the first paint.
        from tui_reader.screens.description import DescriptionScreen
        from tui_reader.screens.export import ExportScreen
        from tui_reader.screens.help import HelpScreen, Picked
        from tui_reader.screens.insight import InsightScreen
        from tui_reader.screens.links import LinksScreen
        from tui_reader.screens.related import RelatedScreen
        from tui_reader.widgets.search_bar import SearchBar

        grouped = [(heading, Picked(self, ids)) for heading, ids in _HELP_GROUPS]
        rest = Picked(self, frozenset().union(*(ids for _heading, ids in _HELP_GROUPS)), True)
        sections: list[tuple[str, Sequence[BindingSource]]] = [
            ("Anywhere", [rest, self.comment_tree.screen]),
            *((heading, [picked]) for heading, picked in grouped),
            ("Comment tree", [self.comment_tree]),
            ("Sidebar", [self.sidebar]),
            ("Search bar (/)", [self._search_bar or SearchBar]),
            ("Description and related videos", [DescriptionScreen, RelatedScreen]),
            ("Insight, links and export", [InsightScreen, LinksScreen, ExportScreen]),
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

    def action_insight(self) -> None:
        from tui_reader.screens.insight import InsightScreen

        self.push_screen(InsightScreen(self.page))
