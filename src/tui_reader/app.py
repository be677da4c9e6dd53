"""The reader application shell: header, chapter sidebar, comment tree, footer, screens.

The shell owns layout, focus, the wiring between panes and the pushed screens; the
comment tree widget owns everything about showing comments, `search.py` the ranking,
`state.py` what is remembered between runs. Slow work (linking comments to chapters,
building the search index) runs in thread workers after the first paint.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import attrs
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer

from tui_reader.config import Config, load_config, save_theme
from tui_reader.corrections import TOP, apply_corrections, attach_to, is_corrected, thread_above
from tui_reader.model import Comment, Page
from tui_reader.sanitize import visible
from tui_reader.state import PageState, next_after, open_state
from tui_reader.thread_view import SubsetItem
from tui_reader.widgets.comment_tree import CommentTree
from tui_reader.widgets.page_header import PageHeader
from tui_reader.widgets.sidebar import ALL_ID, Sidebar, bookmark_prompt, chapter_time

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.theme import Theme

    from tui_reader.chapter_links import ChapterLinks
    from tui_reader.screens.help import BindingSource
    from tui_reader.search import SearchIndex
    from tui_reader.widgets.search_bar import SearchBar

# Below this width the sidebar starts hidden (`s` still shows it).
SIDEBAR_MIN_WIDTH = 80
# Benchmarks set this to measure start-up: the app exits right after its first paint.
EXIT_AFTER_PAINT_ENV = "MECHANICS_TUI_EXIT_AFTER_PAINT"
# Seconds between saves of the reading state (it is also saved on exit).
SAVE_EVERY = 30.0
# Cells the tree's vertical scrollbar takes beside the text (for `wrap_width`).
SCROLLBAR_CELLS = 2
NEW_BADGE = "new"
BOOKMARK_BADGE = "★"
CORRECTED_BADGE = "corrected"

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

# Where the reader was in the whole tree: (comment id, first line on screen).
Place = tuple[str, float]


def _hidden(key: str, action: str, description: str, tooltip: str, binding_id: str) -> Binding:
    """A binding listed in help (?) but not in the footer, which keeps to the essentials."""
    return Binding(key, action, description, show=False, tooltip=tooltip, id=binding_id)


class ReaderApp(App[None]):
    """Read one saved page: `ReaderApp(page, at=comment_id).run()`.

    `source` is the page's file, so the search index can come from (and go to) the
    cache; `remember=False` keeps state and config off the disk (e.g. for embedding).
    """

    # Absolute, so subclasses (tests, benchmarks) defined elsewhere still find it.
    CSS_PATH = Path(__file__).with_name("reader.tcss")
    COMMANDS = App.COMMANDS | {comment_commands}
    sidebar: Sidebar
    comment_tree: CommentTree
    TITLE = "mechanics-tui"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-narrow"),
        (SIDEBAR_MIN_WIDTH, "-wide"),
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
        Binding("escape", "all_comments", "All comments", show=False, priority=True,
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
        _hidden("e", "export('markdown')", "Export Markdown",
                "Save what is shown (a view, or the whole page) as Markdown", "app.export"),
        _hidden("E", "export('json')", "Export JSON",
                "Save what is shown (a view, or the whole page) as JSON", "app.export-json"),
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
        source: str | None = None,
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
        self.source = source if source not in (None, "-") else None
        self.export_dir = export_dir
        self.open_url = open_url
        self.chapter_links: ChapterLinks | None = None
        self.search_index: SearchIndex | None = None
        self.search_matches: tuple[str, ...] = ()
        self._search_bar: SearchBar | None = None
        self._return_place: Place | None = None
        # Where the reader was when the search bar opened (it shrinks the tree).
        self._search_place: Place | None = None
        self._tree_place: Place | None = None
        self._warned: set[str] = set()
        self._warnings: list[str] = []
        self.config = Config()
        self.state: PageState | None = None
        if remember:
            # Small files, read before the first paint so the tree opens corrected.
            self.config, config_warnings = load_config()
            self.state, state_warnings = open_state(page)
            self._warnings += [*config_warnings, *state_warnings]
        self.page = self._corrected()
        self._warnings += list(self.page.warnings[len(page.warnings) :])

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
        if action not in _READER_ACTIONS:
            return True
        if len(self.screen_stack) > 1:
            return False
        if action == "all_comments":
            # Escape belongs to an open search bar; in the whole tree there is nothing to leave.
            return self.comment_tree.mode != "tree" and not self._searching()
        return True

    # -- start-up -----------------------------------------------------------------------

    def on_mount(self) -> None:
        self._apply_config(self.config)
        tree = self.comment_tree
        tree.focus()
        start = self.start_at
        if start is not None and not tree.select(start):
            self.notify(f"No comment with id {visible(start)}", severity="warning")
        elif start is None and self.state is not None and self.state.position is not None:
            tree.select(self.state.position)
        self._show_marks()
        for warning in self._warnings:
            self._warn(warning)
        if os.environ.get(EXIT_AFTER_PAINT_ENV):
            self.call_after_refresh(self.exit)
            return
        if self.page.chapters:
            # After the first paint: linking imports rapidfuzz and scans every comment.
            self.call_after_refresh(self._link_chapters)
        self.call_after_refresh(self._build_index)
        if self.state is not None:
            # Saving now also tells a reader at once when the state directory is read-only.
            self.call_after_refresh(self.save_state)
            self.set_interval(SAVE_EVERY, self.save_state)

    def _apply_config(self, config: Config) -> None:
        if config.keys:
            self.set_keymap(config.keys)
        if config.theme is not None:
            if config.theme in self.available_themes:
                self.theme = config.theme
            else:
                self._warn(f"config: no theme named {config.theme!r}; using {self.theme}")
        if config.wrap_width:
            self.comment_tree.styles.max_width = config.wrap_width + SCROLLBAR_CELLS
        self._saved_theme = config.theme or self.theme
        if self.state is not None:
            self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        """The theme picker (ctrl+p) persists its choice in config.toml."""
        if theme.name == self._saved_theme:
            return
        self._saved_theme = theme.name
        for warning in save_theme(theme.name):
            self._warn(warning)

    def _warn(self, message: str) -> None:
        """One toast per distinct problem (a periodic save must not repeat it)."""
        if message not in self._warned:
            self._warned.add(message)
            self.notify(visible(message), severity="warning", timeout=8)

    @work(thread=True, exclusive=True, group="chapter-links")
    def _link_chapters(self) -> None:
        from tui_reader.chapter_links import link_chapters

        links = link_chapters(self.page)
        self.call_from_thread(self._chapter_links_ready, links)

    def _chapter_links_ready(self, links: ChapterLinks) -> None:
        self.chapter_links = links
        self.sidebar.set_counts(links.counts)

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index(self) -> None:
        """From the cache when this file was indexed before, else built (and cached)."""
        from tui_reader import cache
        from tui_reader.search import SearchIndex

        original = self.original_page
        if self.source is not None:
            index = cache.index_for(self.source, original)
        else:
            index = SearchIndex.build(original)
        page = self.page
        if page is not original:
            index = index.with_threads(self._in_original_order(page))
        self.call_from_thread(self._index_ready, index, page)

    def _index_ready(self, index: SearchIndex, page: Page) -> None:
        if page is not self.page:  # corrected meanwhile: the flags are stale
            self._build_index()
            return
        self.search_index = index
        if self._search_bar is not None:
            self._search_bar.set_index(index)

    def _in_original_order(self, page: Page) -> Page:
        """The corrected page in the parsed order the index was built in."""
        position = {comment.id: i for i, comment in enumerate(self.original_page.comments)}
        ordered = sorted(page.comments, key=lambda comment: position[comment.id])
        return attrs.evolve(page, comments=tuple(ordered))

    # -- state --------------------------------------------------------------------------

    def save_state(self) -> None:
        """Write the reading state (merged with other instances'); warn once if it cannot."""
        if self.state is None:
            return
        for warning in self.state.save():
            self._warn(warning)

    def on_unmount(self) -> None:
        if self.state is not None and not os.environ.get(EXIT_AFTER_PAINT_ENV):
            self.state.save()

    def _corrected(self) -> Page:
        if self.state is None or not self.state.corrections:
            return self.original_page
        return apply_corrections(self.original_page, self.state.corrections)

    def _badges(self) -> dict[str, str]:
        marks: dict[str, list[str]] = {}
        state = self.state
        if state is not None:
            for comment_id in state.new_ids:
                marks.setdefault(comment_id, []).append(NEW_BADGE)
            for comment_id in state.bookmarks:
                marks.setdefault(comment_id, []).append(BOOKMARK_BADGE)
        for comment in self.page.comments:
            if is_corrected(comment):
                marks.setdefault(comment.id, []).append(CORRECTED_BADGE)
        return {comment_id: " ".join(sorted(found)) for comment_id, found in marks.items()}

    def _show_marks(self) -> None:
        """Badges in the tree and the sidebar's bookmarks, after any change to either."""
        self.comment_tree.set_badges(self._badges())
        if self.state is None:
            return
        bookmarks = self.state.bookmarks
        entries = [
            (comment.id, bookmark_prompt(comment.author, comment.text))
            for comment in self._tree_order_comments()
            if comment.id in bookmarks
        ]
        self.sidebar.set_bookmarks(entries)

    def _tree_order_comments(self) -> list[Comment]:
        index = self.comment_tree.page_view.index
        return [index.comments[position] for position in index.order]

    def _tree_order(self) -> list[str]:
        return [comment.id for comment in self._tree_order_comments()]

    @on(CommentTree.Selected)
    def _tree_selected(self, event: CommentTree.Selected) -> None:
        if self.comment_tree.mode == "tree":
            self._tree_place = (event.comment_id, self.comment_tree.scroll_y)
        if self.state is not None:
            self.state.set_position(event.comment_id)
            self.state.mark_seen([event.comment_id])

    # -- views: chapters, filtered search, all comments ------------------------------

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

    def _place(self) -> Place | None:
        """The place in the whole tree (None while a view shows)."""
        tree = self.comment_tree
        if tree.mode == "tree" and tree.selected_id is not None:
            return (tree.selected_id, tree.scroll_y)
        return None

    def _leave_tree(self, place: Place | None = None) -> None:
        """Remember the place in the whole tree before a view replaces it."""
        place = place or self._place()
        if place is not None:
            self._return_place = place

    def show_chapter(self, index: int) -> None:
        """Show the comments linked to chapter `index` in the tree."""
        chapter = self.page.chapters[index]
        title = f"{chapter_time(chapter.start)} {visible(chapter.title)}"
        self._leave_tree()
        self.comment_tree.show_subset(self.subset_for_chapter(index), title)

    def show_filtered(self, match_ids: Sequence[str]) -> None:
        """Only these comments (with their thread starters) in the tree."""
        self._leave_tree()
        self.comment_tree.show_filtered(match_ids)

    def jump_to(self, comment_id: str) -> bool:
        """Select a comment in the whole tree (its thread unfolded), leaving any view."""
        tree = self.comment_tree
        if tree.mode != "tree" and comment_id not in tree.visible_ids():
            self._return_place = None
            tree.show_all()
        found = tree.select(comment_id)
        tree.focus()
        return found

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

    @on(CommentTree.ModeChanged)
    def _tree_mode_changed(self, event: CommentTree.ModeChanged) -> None:
        if event.mode == "tree":
            # Back in the tree by Enter on a comment (or a jump): stay where that put us.
            self._return_place = None
            self.sidebar.highlight_target(ALL_ID)
        elif self._return_place is None:
            # A view entered from elsewhere (the command palette): the last tree place.
            self._return_place = self._tree_place

    def action_all_comments(self) -> None:
        """Back to the whole tree where the reader was before the view."""
        tree = self.comment_tree
        place, self._return_place = self._return_place, None
        if tree.mode != "tree":
            tree.show_all()
            if place is not None:
                self._restore(place)
        self.sidebar.highlight_target(ALL_ID)

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

    # -- search -------------------------------------------------------------------------

    def _searching(self) -> bool:
        bar = self._search_bar
        return bar is not None and bar.display and bar.has_focus_within

    def action_search(self) -> None:
        """Open the search bar (mounted on first use: start-up does not pay for it)."""
        from tui_reader.widgets.search_bar import SearchBar

        bar = self._search_bar
        if bar is None or not bar.display:
            self._search_place = self._place()
        if bar is None:
            bar = self._search_bar = SearchBar(
                self.original_page, self.search_index, id="search-bar"
            )
            bar.border_title = "Search"
            bar.border_subtitle = "⏎ go to · ctrl+f filter the tree · esc close"
            self.screen.mount(bar, before=self.screen.query_one("#body"))
        bar.display = True
        self.call_after_refresh(bar.focus_input)

    def _close_search(self) -> Place | None:
        """Hide the bar; returns where the reader was when it opened."""
        if self._search_bar is not None:
            self._search_bar.display = False
        self.comment_tree.focus()
        place, self._search_place = self._search_place, None
        return place

    def on_search_bar_chosen(self, event: SearchBar.Chosen) -> None:
        event.stop()
        self.search_matches = event.match_ids
        self._close_search()
        self.jump_to(event.comment_id)

    def on_search_bar_filtered(self, event: SearchBar.Filtered) -> None:
        event.stop()
        self.search_matches = event.match_ids
        self._leave_tree(self._close_search())
        self.comment_tree.show_filtered(event.match_ids)

    def on_search_bar_closed(self, event: SearchBar.Closed) -> None:
        """Back where the reader was, once the tree has its full height again."""
        event.stop()
        place = self._close_search()
        if place is not None:
            self.call_after_refresh(self._restore, place)

    def _step_match(self, forward: bool) -> None:
        from tui_reader.widgets.search_bar import step_match

        if not self.search_matches:
            self.notify("No search yet: press / to search", severity="warning")
            return
        order = self._tree_order()
        target = step_match(order, self.search_matches, self.comment_tree.selected_id, forward)
        if target is not None:
            self.comment_tree.select(target)

    def action_next_match(self) -> None:
        self._step_match(forward=True)

    def action_previous_match(self) -> None:
        self._step_match(forward=False)

    # -- acting on the selected comment ---------------------------------------------

    def _selected(self) -> Comment | None:
        tree = self.comment_tree
        view = tree.page_view
        if view.cursor is None:
            return None
        return view.index.comments[view.cursor]

    def action_copy_comment(self) -> None:
        comment = self._selected()
        if comment is None:
            return
        text = visible(comment.text, keep_newlines=True)
        self.copy_to_clipboard(text)
        self.notify(f"Copied {len(text):,} characters of @{visible(comment.author)}'s comment")

    def action_open_links(self) -> None:
        from tui_reader.links import find_links
        from tui_reader.screens.links import LinksScreen

        comment = self._selected()
        if comment is None:
            return
        links = find_links(comment.text)
        if not links:
            self.notify("This comment has no web links")
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
        self._export(fmt, ids, label)

    @work(thread=True, group="export")
    def _export(self, fmt: str, ids: list[str] | None, label: str) -> None:
        """A whole big page takes a moment to write: not on the UI thread."""
        from tui_reader.export import export_to_file

        page = self._in_original_order(self.page)
        try:
            path = export_to_file(page, ids, fmt=fmt, directory=self.export_dir, label=label)
        except OSError as error:
            message = f"Export failed: {error.strerror or error}"
            self.call_from_thread(self.notify, visible(message), severity="error")
            return
        what = "the whole page" if ids is None else f"{len(ids):,} comments"
        self.call_from_thread(self.notify, f"Exported {what} to {visible(str(path))}")

    def _remembering(self) -> bool:
        if self.state is None:
            self.notify("Bookmarks and corrections are not remembered in this session")
        return self.state is not None

    def action_toggle_bookmark(self) -> None:
        comment = self._selected()
        if comment is None or self.state is None:
            self._remembering()
            return
        marked = self.state.toggle_bookmark(comment.id)
        self._show_marks()
        self.notify("Bookmarked" if marked else "Bookmark removed")

    def _jump_next(self, wanted: Sequence[str] | set[str], none: str) -> None:
        target = next_after(self._tree_order(), self.comment_tree.selected_id, wanted)
        if target is None:
            self.notify(none)
        else:
            self.jump_to(target)

    def action_next_bookmark(self) -> None:
        bookmarks = self.state.bookmarks if self.state else set()
        self._jump_next(bookmarks, "No bookmarks yet: b adds one")

    def action_next_new(self) -> None:
        new = self.state.new_ids if self.state else ()
        self._jump_next(new, "No comments are new since last time")

    # -- thread corrections -------------------------------------------------------------

    def _correct(self, changes: Mapping[str, str | None], message: str) -> None:
        """Record corrections (None removes one), rebuild from the parsed page, reselect."""
        state = self.state
        tree = self.comment_tree
        if state is None:
            self._remembering()
            return
        selected = tree.selected_id
        for comment_id, value in changes.items():
            if value is None:
                state.remove_correction(comment_id)
            else:
                state.set_correction(comment_id, value)
        self.page = self._corrected()
        self._return_place = None
        tree.set_page(self.page)
        if selected is not None:
            tree.select(selected)
        self._show_marks()
        if self.search_index is not None:
            self._build_index()
        self.notify(message)

    def action_make_top_level(self) -> None:
        comment = self._selected()
        if comment is None or self.state is None:
            return
        if comment.parent is None:
            self.notify("This comment already starts a thread")
            return
        self._correct({comment.id: TOP}, "Now a thread of its own (u undoes)")

    def action_attach_above(self) -> None:
        comment = self._selected()
        if comment is None or self.state is None:
            return
        starter = thread_above(self.page, comment.id)
        if starter is None:
            self.notify("There is no thread above this one")
            return
        self._correct({comment.id: attach_to(starter)}, "Attached to the thread above (u undoes)")

    def action_undo_correction(self) -> None:
        comment = self._selected()
        state = self.state
        if state is None or not state.corrections:
            self.notify("No thread corrections to undo")
            return
        target = comment.id if comment and comment.id in state.corrections else None
        target = target or next(reversed(state.corrections))
        self._correct({target: None}, "Thread correction undone")

    # -- sidebar and screens ------------------------------------------------------------

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
            ("Insight and links", [InsightScreen, LinksScreen]),
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
