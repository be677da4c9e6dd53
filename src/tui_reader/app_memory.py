"""What the reader remembers: config, per-page state, badges, bookmarks, thread corrections.

A mixin of `ReaderApp`: the app keeps layout, bindings and message routing; this
holds the actions and helpers behind its memory keys (b, B, c, t, A, u) and the
saving of state. Like the other `app_*` mixins it imports no Textual at module
level (it only calls methods of the App it is mixed into), so it costs nothing
before the App module itself is imported.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from tui_reader.config import Config, load_config, save_theme
from tui_reader.corrections import TOP, apply_corrections, attach_to, is_corrected, thread_above
from tui_reader.model import Comment, Page
from tui_reader.state import PageState, next_after, open_state

if TYPE_CHECKING:
    from textual.app import App
    from textual.content import Content
    from textual.notifications import SeverityLevel
    from textual.theme import Theme

    from tui_reader.search import SearchIndex
    from tui_reader.widgets.comment_tree import CommentTree
    from tui_reader.widgets.sidebar import Sidebar

    _Host = App[None]
else:
    _Host = object

# Benchmarks set this to measure start-up: the app exits right after its first paint.
EXIT_AFTER_PAINT_ENV = "MECHANICS_TUI_EXIT_AFTER_PAINT"
# Seconds between saves of the reading state (it is also saved on exit).
SAVE_EVERY = 30.0
# Cells the tree's vertical scrollbar takes beside the text (for `wrap_width`).
SCROLLBAR_CELLS = 2
NEW_BADGE = "new"
BOOKMARK_BADGE = "★"
# Not "corrected": after "◆ channel" it read as "channel (corrected)" (UX review); the
# pencil and "by you" say it is the reader's own thread correction.
CORRECTED_BADGE = "✎ moved by you"


class MemoryMixin(_Host):
    """Config, state and corrections of the page being read (mixed into `ReaderApp`)."""

    original_page: Page
    page: Page
    config: Config
    state: PageState | None
    search_index: SearchIndex | None
    comment_tree: CommentTree
    sidebar: Sidebar
    _warnings: list[str]
    _return_place: tuple[str, float] | None
    _saved_theme: str

    def _open_memory(self, page: Page, remember: bool) -> None:
        """Config and state are small files, read before the first paint so the tree
        opens corrected; `remember=False` keeps both off the disk."""
        self.config = Config()
        self.state = None
        self._state_lock = threading.Lock()
        self._save_running = False
        self._unsaved_reads: list[str] = []
        if remember:
            self.config, config_warnings = load_config()
            self.state, state_warnings = open_state(page)
            self._warnings += [*config_warnings, *state_warnings]
        self.page = self._corrected()
        self._warnings += list(self.page.warnings[len(page.warnings) :])

    if TYPE_CHECKING:  # provided by the App and the other mixins

        def _warn(self, message: str) -> None: ...
        def toast(
            self, message: str, *, severity: SeverityLevel = ..., timeout: float | None = None
        ) -> None: ...
        def _build_index(self) -> None: ...
        def jump_to(self, comment_id: str) -> bool: ...
        def _selected(self) -> Comment | None: ...
        def _tree_order_comments(self) -> list[Comment]: ...
        def _tree_order(self) -> list[str]: ...

    # -- config -------------------------------------------------------------------------

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

    # -- state --------------------------------------------------------------------------

    def _start_saving(self) -> None:
        """Save now (which also tells a reader at once when the state directory is
        read-only), then every `SAVE_EVERY` seconds."""
        if self.state is not None:
            self.call_after_refresh(self.save_state)
            self.set_interval(SAVE_EVERY, self.save_state)

    def save_state(self) -> None:
        """Write the reading state (merged with other instances') in a thread worker: with
        100k comments seen, reading, merging and writing the file takes ~0.13 s, a
        visible stall on the UI thread. One save at a time; warn once if it cannot."""
        if self.state is None or self._save_running:
            return
        self._save_running = True
        self.run_worker(self._save_in_thread, thread=True, group="state-save")

    def _save_in_thread(self) -> None:
        """`PageState` is not thread-safe (its save snapshots and then replaces the
        edits it holds), so the UI thread leaves it alone meanwhile: cursor moves wait
        in `_unsaved_reads`, bookmarks and corrections wait for `_state_lock`."""
        assert self.state is not None
        with self._state_lock:
            warnings = self.state.save()
        # `call_later` posts a message: safe from a thread, and never blocks on exit.
        self.call_later(self._saved, warnings)

    def _saved(self, warnings: list[str]) -> None:
        self._save_running = False
        self._flush_reads()
        for warning in warnings:
            self._warn(warning)

    def _save_on_exit(self) -> None:
        """On exit the save runs here, after any save still in its thread."""
        if self.state is None or os.environ.get(EXIT_AFTER_PAINT_ENV):
            return
        with self._state_lock:
            self._flush_reads()
            self.state.save()

    def _note_read(self, comment_id: str) -> None:
        """The cursor reached a comment: it is the last position, and it has been seen."""
        self._unsaved_reads.append(comment_id)
        if not self._save_running:
            self._flush_reads()

    def _flush_reads(self) -> None:
        state = self.state
        if state is not None and self._unsaved_reads:
            state.set_position(self._unsaved_reads[-1])
            state.mark_seen(self._unsaved_reads)
        self._unsaved_reads = []

    # -- badges and bookmarks -------------------------------------------------------------

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
        if self.page is not self.original_page:  # else no comment is corrected: no scan
            for comment in self.page.comments:
                if is_corrected(comment):
                    marks.setdefault(comment.id, []).append(CORRECTED_BADGE)
        return {comment_id: " ".join(sorted(found)) for comment_id, found in marks.items()}

    def _show_marks(self) -> None:
        """Badges in the tree and the sidebar's bookmarks, after any change to either."""
        from tui_reader.widgets.sidebar import bookmark_prompt

        self.comment_tree.set_badges(self._badges())
        if self.state is None:
            return
        bookmarks = self.state.bookmarks
        entries: list[tuple[str, Content]] = []
        if bookmarks:  # the scan walks every comment: the first paint usually skips it
            entries = [
                (comment.id, bookmark_prompt(comment.author, comment.text))
                for comment in self._tree_order_comments()
                if comment.id in bookmarks
            ]
        self.sidebar.set_bookmarks(entries)

    def _remembering(self) -> bool:
        if self.state is None:
            self.toast("Bookmarks and corrections are not remembered in this session")
        return self.state is not None

    def action_toggle_bookmark(self) -> None:
        comment = self._selected()
        if comment is None or self.state is None:
            self._remembering()
            return
        with self._state_lock:
            marked = self.state.toggle_bookmark(comment.id)
        self._show_marks()
        self.toast("Bookmarked" if marked else "Bookmark removed")

    def _jump_next(self, wanted: Sequence[str] | set[str], none: str) -> None:
        target = next_after(self._tree_order(), self.comment_tree.selected_id, wanted)
        if target is None:
            self.toast(none)
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
        with self._state_lock:  # waits for a save in its thread (rare, at most ~0.1 s)
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
        self.toast(message)

    def action_make_top_level(self) -> None:
        comment = self._selected()
        if comment is None or self.state is None:
            return
        if comment.parent is None:
            self.toast("This comment already starts a thread")
            return
        self._correct({comment.id: TOP}, "Now a thread of its own (u undoes)")

    def action_attach_above(self) -> None:
        comment = self._selected()
        if comment is None or self.state is None:
            return
        starter = thread_above(self.page, comment.id)
        if starter is None:
            self.toast("There is no thread above this one")
            return
        self._correct({comment.id: attach_to(starter)}, "Attached to the thread above (u undoes)")

    def action_undo_correction(self) -> None:
        comment = self._selected()
        state = self.state
        if state is None or not state.corrections:
            self.toast("No thread corrections to undo")
            return
        target = comment.id if comment and comment.id in state.corrections else None
        target = target or next(reversed(state.corrections))
        self._correct({target: None}, "Thread correction undone")
