"""The comment tree: every comment of a page, whole and wrapped, in one line-API widget.

Mounting a widget per comment cannot open 100,000 comments in two seconds, so this is a
`ScrollView` that paints only the lines on screen (as Textual's `Log` and toolong's
`LogLines` do). `ThreadView` says which comment sits on which line; this module turns
a comment into wrapped `Strip`s, lazily and cached per (row, width). Heights start as
cheap estimates and are corrected when a comment is first wrapped, always from the top
of the screen downwards (or upwards from the cursor), so nothing on screen jumps.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reader import reasons
from tui_reader.model import Comment, Page
from tui_reader.sanitize import visible
from tui_reader.thread_view import Mode, Row, Spans, SubsetItem, ThreadView
from tui_reader.wording import counted

INDENT = 4  # cells per depth level
TITLE_CELLS = 40  # a filter's query on the banner is cut to this width
BODY_INDENT = 2  # body text sits under the author, past the fold marker
# A jump lands this fraction of the screen down (a fifth): a little of what comes before
# shows above the comment, and its replies below it.
JUMP_CONTEXT = 5
TOGGLE = Style(meta={"toggle": True})
# Actions that fold threads: a chapter view (a flat list) has none to fold.
_FOLDING = frozenset({"toggle", "collapse_all", "expand_all"})

# What each placement rule of `parse.threads` means, for the `w` line; an unknown
# reason is shown by its name.
REASON_TEXT = {
    reasons.MENTION: "answers an @@handle who spoke earlier in this thread",
    reasons.MENTION_UNSEEN: "answers an @@handle not shown here; placed by position",
    reasons.CHANNEL_ANSWER: "the channel answering under a viewer's comment",
    reasons.STARTER_AGAIN: "the thread's starter answering back",
    reasons.ENCLOSED: "sits between the starter and a firmly placed later reply",
    reasons.STARTER_RETURNS: "the starter speaks again right after it; placed by position",
    reasons.ENCLOSED_GUESS: "sits before the starter's return; placed by position",
    reasons.AT_MENTION: "opens with @handle of someone in this thread",
    reasons.FOLLOW_UP: "someone already in this thread writing again",
    reasons.QUESTION_ANSWER: "follows a question that had no answer yet",
    reasons.PINNED_REPLY: "right under the pinned comment, as old as it; placed by position",
    reasons.ANSWER_CUE: "opens like an answer (yes, no, haha) to the comment above",
    reasons.SELF_REPLY: "its author adding to their own comment above; placed by position",
    "user": "placed by you (thread correction)",
}
# What `w` says on a thread starter, which no rule placed: no line to show under it.
STARTER_WHY = (
    "Thread starter: no rule placed it under another comment "
    "(where evidence is weak a comment stays top-level)"
)
PINNED_WHY = "Thread starter: the pinned comment, shown first as a thread of its own"
# A starter the reader made top-level (`u`/thread corrections) says so on its line.
STARTER_BY_USER = "made a thread starter by you (thread correction)"


def _span_map(text: str) -> list[int] | None:
    """Offsets of each character of `text` inside `visible(text)`, or None when equal."""
    shown = visible(text, keep_newlines=True)
    if len(shown) == len(text):
        return None
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + len(visible(char, keep_newlines=True)))
    return offsets


def _styled(text: str, style: Style) -> Text:
    """Text whose style survives `Text.render` (which ignores a Text's own base style)."""
    return Text(overflow="fold").append(text, style)


def _cut(text: str) -> str:
    """`text` cut to `TITLE_CELLS` cells, an ellipsis saying so."""
    shown = Text(text)
    if cell_len(shown.plain) > TITLE_CELLS:
        shown.truncate(TITLE_CELLS - 1)
        shown.append("…")
    return shown.plain


def _banner_title(title: str | None) -> str:
    """' for “query”', made visible and cut to `TITLE_CELLS` cells; '' without a title."""
    if not title or not title.strip():
        return ""
    return f" for “{_cut(visible(title.strip()))}”"


class CommentTree(ScrollView, can_focus=True):
    """A page's comments as a foldable tree, a filtered tree, or a flat subset."""

    ALLOW_MAXIMIZE = True

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "comment-tree--author",
        "comment-tree--channel",
        "comment-tree--starter",
        "comment-tree--meta",
        "comment-tree--reply-to",
        "comment-tree--inferred",
        "comment-tree--reason",
        "comment-tree--hidden",
        "comment-tree--context",
        "comment-tree--highlight",
        "comment-tree--label",
        "comment-tree--banner",
        "comment-tree--cursor",
        "comment-tree--badge",
    }

    DEFAULT_CSS = """
    CommentTree {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: scroll;
        & > .comment-tree--author { text-style: bold; color: $text-primary; }
        & > .comment-tree--channel { text-style: bold; color: $text-accent; }
        & > .comment-tree--starter { color: $text-success; }
        & > .comment-tree--meta { color: $text-muted; }
        & > .comment-tree--reply-to { color: $text-secondary; }
        & > .comment-tree--inferred { color: $text-warning; text-style: italic; }
        & > .comment-tree--reason { color: $text-warning; text-style: italic; }
        & > .comment-tree--hidden { color: $text-muted; text-style: italic; }
        & > .comment-tree--context { color: $text-muted; }
        & > .comment-tree--highlight { background: $warning 40%; text-style: bold; }
        & > .comment-tree--label { color: $text-secondary; text-style: italic; }
        & > .comment-tree--banner { background: $panel; color: $foreground; text-style: bold; }
        & > .comment-tree--badge { color: $text-accent; text-style: bold; }
        & > .comment-tree--cursor { background: $primary 12%; }
        &:focus {
            background-tint: $foreground 5%;
            & > .comment-tree--cursor { background: $block-cursor-blurred-background; }
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down",
            "cursor_down",
            "Down",
            tooltip="Next comment",
            show=False,
            id="comment-tree.down",
        ),
        Binding("j", "cursor_down", "Down", show=False, id="comment-tree.down-alt"),
        Binding(
            "up", "cursor_up", "Up", tooltip="Previous comment", show=False, id="comment-tree.up"
        ),
        Binding("k", "cursor_up", "Up", show=False, id="comment-tree.up-alt"),
        Binding(
            "left",
            "collapse",
            "Fold",
            tooltip="Fold this thread (from any reply) and go to its starter",
            show=False,
            id="comment-tree.collapse",
        ),
        Binding("h", "collapse", "Fold", show=False, id="comment-tree.collapse-alt"),
        Binding(
            "right",
            "expand",
            "Unfold",
            tooltip="Unfold this thread, or go to its first reply",
            show=False,
            id="comment-tree.expand",
        ),
        Binding("l", "expand", "Unfold", show=False, id="comment-tree.expand-alt"),
        Binding(
            "space",
            "toggle",
            "Fold/unfold",
            tooltip="Fold or unfold this thread",
            id="comment-tree.toggle",
        ),
        Binding("enter", "toggle", "Fold/unfold", show=False, id="comment-tree.toggle-alt"),
        # In a chapter view the same keys open the comment in the whole tree: a binding
        # of its own, so the footer and help say so (`check_action` picks one of the two).
        Binding(
            "space",
            "open_in_tree",
            "Open in tree",
            tooltip="In a chapter view: show this comment in the whole tree",
            id="comment-tree.open",
        ),
        Binding("enter", "open_in_tree", "Open in tree", show=False, id="comment-tree.open-alt"),
        Binding(
            "[",
            "previous_thread",
            "Prev thread",
            tooltip="Previous thread",
            id="comment-tree.previous-thread",
        ),
        Binding(
            "]", "next_thread", "Next thread", tooltip="Next thread", id="comment-tree.next-thread"
        ),
        Binding(
            "p", "parent", "Parent", tooltip="Go to the thread starter", id="comment-tree.parent"
        ),
        Binding(
            "g", "first", "First", tooltip="First comment", show=False, id="comment-tree.first"
        ),
        Binding("home", "first", "First", show=False, id="comment-tree.first-alt"),
        Binding("G", "last", "Last", tooltip="Last comment", show=False, id="comment-tree.last"),
        Binding("end", "last", "Last", show=False, id="comment-tree.last-alt"),
        Binding(
            "pagedown",
            "page_down",
            "Page down",
            tooltip="Down one screen",
            show=False,
            id="comment-tree.page-down",
        ),
        Binding("ctrl+f", "page_down", "Page down", show=False, id="comment-tree.page-down-alt"),
        Binding(
            "pageup",
            "page_up",
            "Page up",
            tooltip="Up one screen",
            show=False,
            id="comment-tree.page-up",
        ),
        Binding("ctrl+b", "page_up", "Page up", show=False, id="comment-tree.page-up-alt"),
        Binding(
            "ctrl+d",
            "half_page_down",
            "Half page down",
            tooltip="Down half a screen",
            show=False,
            id="comment-tree.half-page-down",
        ),
        Binding(
            "ctrl+u",
            "half_page_up",
            "Half page up",
            tooltip="Up half a screen",
            show=False,
            id="comment-tree.half-page-up",
        ),
        Binding(
            "minus",
            "collapse_all",
            "Fold all",
            tooltip="Fold every thread",
            id="comment-tree.collapse-all",
        ),
        Binding(
            "plus",
            "expand_all",
            "Unfold all",
            tooltip="Unfold every thread",
            id="comment-tree.expand-all",
        ),
        Binding(
            "equals_sign", "expand_all", "Unfold all", show=False, id="comment-tree.expand-all-alt"
        ),
        Binding(
            "w",
            "why",
            "Why here",
            tooltip="Show why a reply was placed in its thread, or why a comment is top-level",
            id="comment-tree.why",
        ),
        Binding(
            "escape",
            "show_all",
            "All comments",
            tooltip="Back to the whole tree",
            id="comment-tree.show-all",
        ),
    ]

    class Selected(Message):
        """The cursor moved to another comment."""

        def __init__(self, comment_id: str) -> None:
            super().__init__()
            self.comment_id = comment_id

    class Explained(Message):
        """A note for the reader that has no line in the tree (`w` on a thread starter);
        the app shows it as a toast."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class ModeChanged(Message):
        """The tree switched between "tree", "subset" and "filtered"."""

        def __init__(self, mode: Mode) -> None:
            super().__init__()
            self.mode = mode

    def __init__(
        self,
        page: Page,
        *,
        id: str | None = None,
        name: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, name=name, classes=classes)
        self._width = 80
        self._layouts: LRUCache[tuple[Row, int, str | None], tuple[Strip, ...]] = LRUCache(4096)
        self._pass: tuple[Style, int] | None = None
        self._styles: dict[str, Style] = {}
        self._badges: dict[int, str] = {}
        self._view = self._new_view(page)
        self._announced: str | None = None
        # What a filter shows when it is not a typed query (e.g. "@name" from the palette).
        self._filter_label: str | None = None
        # The next scroll is a jump (select, `p`, back to the tree): the comment lands
        # near the top, not on the edge it came in from. Kept until the widget has a
        # size, so `--at` and the saved place open that way too.
        self._jump = False

    def _new_view(self, page: Page) -> ThreadView:
        return ThreadView(page, measure=self._measure, estimate=self._estimate)

    # -- public API ---------------------------------------------------------------------

    def set_page(self, page: Page) -> None:
        """Show another page (e.g. the same page with thread corrections applied), back
        in the tree, keeping the selected comment and the folded threads."""
        kept = self.selected_id
        folded = self._view.folded_starters()
        mode = self._view.mode
        self._layouts.clear()
        self._badges = {}
        self._view = self._new_view(page)
        self._view.fold_starters(folded)
        if kept is not None:
            self._view.select(kept)
        self._after_change(scroll=True, mode_was=mode)

    def set_badges(self, badges: Mapping[str, str]) -> None:
        """Short marks shown after a comment's author (e.g. "new", "★", "✎ moved by you"),
        replacing any set before. Costs O(k log n) for k changed comments."""
        index = self._view.index
        new = {index.by_id[cid]: mark for cid, mark in badges.items() if cid in index.by_id}
        changed = {p for p in self._badges.keys() | new.keys() if self._badges.get(p) != new.get(p)}
        self._badges = new
        for position in changed:
            self._view.remeasure(position)
        if changed:
            self._after_change(scroll=False)

    @property
    def page_view(self) -> ThreadView:
        """The pure view behind the widget (read it; change it through the widget)."""
        return self._view

    @property
    def selected_id(self) -> str | None:
        return self._view.selected_id

    @property
    def mode(self) -> Mode:
        return self._view.mode

    def select(self, comment_id: str) -> bool:
        """Jump to a comment: unfold its thread and put the cursor on it; one that was
        not fully on screen lands near the top, with its replies below it."""
        mode = self._view.mode
        shown = self._fully_shown(self._view.index.by_id.get(comment_id))
        if not self._view.select(comment_id):
            return False
        self._jump = self._jump or not shown
        self._after_change(scroll=True, mode_was=mode)
        return True

    def show_all(self, at: str | None = None) -> None:
        """The whole tree again, on comment `at` (else the same comment), near the top;
        only that comment's thread is unfolded, if it has to be."""
        self._view.show_all(at)
        self._jump = True
        self._after_change(scroll=True, mode_changed=True)

    def show_subset(self, items: Sequence[SubsetItem], title: str) -> None:
        """A flat list of comments (e.g. a chapter's), with highlights and labels."""
        self._view.show_subset(items, title)
        self.scroll_to(y=0, animate=False, force=True)
        self._after_change(scroll=True, mode_changed=True)

    def show_filtered(
        self,
        match_ids: Collection[str],
        spans: Mapping[str, Spans] | None = None,
        title: str | None = None,
        *,
        label: str | None = None,
    ) -> None:
        """Only the matching comments, each with its thread starter for context.

        `spans` maps a comment id to (start, end) offsets in its raw text to highlight
        (looked up only for the rows drawn, so a lazy mapping keeps big results cheap);
        `title` is what was searched for, shown on the banner. A `label` names a filter
        that is not a query (e.g. "@name": that person's comments) and replaces it there.
        """
        self._filter_label = label
        self._view.show_filtered(match_ids, spans, title)
        self._after_change(scroll=True, mode_changed=True)

    def visible_ids(self) -> list[str]:
        return self._view.visible_ids()

    def shows(self, comment_id: str) -> bool:
        """Whether the current view shows this comment (`visible_ids` without the list)."""
        position = self._view.index.by_id.get(comment_id)
        return position is not None and self._view.is_visible(position)

    def collapse_all(self) -> None:
        self._view.collapse_all()
        self._after_change(scroll=True)

    def expand_all(self) -> None:
        self._view.expand_all()
        self._after_change(scroll=True)

    def is_collapsed(self, comment_id: str) -> bool:
        """Whether the thread of a comment hides any replies now."""
        position = self._view.index.by_id.get(comment_id)
        return position is not None and self._view.is_collapsed(position)

    # -- geometry -----------------------------------------------------------------------

    @property
    def _head(self) -> int:
        """Banner lines above the rows (a title in subset and filtered modes)."""
        return 0 if self._view.mode == "tree" else 1

    def _wrap_width(self) -> int:
        width = self.scrollable_content_region.width
        return width if width > 0 else self._width

    def _viewport_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _measure(self, row: Row) -> int:
        """Exact height when the row is already wrapped at this width, else an estimate."""
        layout = self._layouts.get(self._layout_key(row))
        if layout is not None:
            return len(layout)
        return self._estimate(row.comment, row.indent) + (row.hidden_replies > 0) + row.show_reason

    def _estimate(self, comment: Comment, indent: int) -> int:
        """Header, body at about one line per width of characters, and a spacer."""
        text = comment.text
        avail = max(8, self._width - indent * INDENT - BODY_INDENT)
        return 3 + text.count("\n") + len(text) // avail

    def _exact(self, position: int) -> tuple[Strip, ...]:
        """Wrap a row now and make the line index agree with it."""
        layout = self._layout(self._view.row(position))
        if self._view.height_of(position) != len(layout):
            self._view.remeasure(position)
        return layout

    def _sync_width(self) -> None:
        width = self._wrap_width()
        if width != self._width:
            self._width = width
            self._view.set_measure(self._measure, self._estimate)

    def _sync_size(self) -> None:
        self._sync_width()
        height = self._head + max(self._view.total_lines, 1)
        size = Size(self._width, height)
        if self.virtual_size != size:
            self.virtual_size = size

    def _fill_screen(self) -> None:
        """Wrap every row on screen from the top down, so their heights are exact."""
        view = self._view
        top = max(0, round(self.scroll_y) - self._head)
        found = view.at_line(top)
        if found is None:
            return
        position: int | None = found[0]
        covered = -found[1]
        height = self._viewport_height()
        while position is not None and covered < height:
            covered += len(self._exact(position))
            position = view.next(position)

    def _fully_shown(self, position: int | None) -> bool:
        """Whether a comment is on screen from its first line to its last, now."""
        view = self._view
        if position is None or not self._sized() or not view.is_visible(position):
            return False
        start = self._head + view.line_of(position)
        top = round(self.scroll_y)
        return top <= start and start + view.height_of(position) <= top + self._viewport_height()

    def _scroll_to_cursor(self) -> None:
        """Scroll so the selected comment is fully shown when it fits, else its start;
        after a jump, a fifth of the screen down (its start when it is too tall)."""
        view = self._view
        cursor = view.cursor
        if cursor is None:
            return
        height = self._viewport_height()
        own = len(self._exact(cursor))
        # Rows that may end up above it on screen must be exact before placing it.
        covered = own
        above = view.previous(cursor)
        while above is not None and covered < height:
            covered += len(self._exact(above))
            above = view.previous(above)
        self._sync_size()
        start = self._head + view.line_of(cursor)
        end = start + view.height_of(cursor)
        top = round(self.scroll_y)
        if start - self._head == 0:
            target = 0
        elif self._jump:
            context = height // JUMP_CONTEXT
            target = start - context if end - start + context <= height else start
        elif end - start <= height:
            target = start if start < top else (end - height if end > top + height else top)
        else:
            target = top if start <= top <= end - height else start
        if target != top:
            self.scroll_to(y=target, animate=False, force=True)

    def _after_change(
        self,
        *,
        scroll: bool,
        mode_changed: bool = False,
        mode_was: Mode | None = None,
    ) -> None:
        """Bring sizes, scroll, paint and messages in line with the view's new state.

        Nothing is measured before the widget has its size: heights estimated at a
        guessed width would all be thrown away by the first resize (on a 100,000-comment
        page that is a wasted pass over every comment before the first paint)."""
        if self._sized():
            self._sync_size()
            if scroll:
                self._scroll_to_cursor()
                self._jump = False
            self._fill_screen()
            self._sync_size()
            self.refresh()
        if mode_changed or (mode_was is not None and mode_was != self._view.mode):
            # The keys' labels depend on the view (`check_action`): redraw the footer.
            self.refresh_bindings()
            self.post_message(self.ModeChanged(self._view.mode))
        self._announce()

    def _sized(self) -> bool:
        return self.is_mounted and self.scrollable_content_region.width > 0

    def _announce(self) -> None:
        selected = self._view.selected_id
        if selected is not None and selected != self._announced:
            self._announced = selected
            self.post_message(self.Selected(selected))

    # -- Textual hooks ------------------------------------------------------------------

    def on_mount(self) -> None:
        super().on_mount()
        self._after_change(scroll=False)

    def on_resize(self, event: events.Resize) -> None:
        self._after_change(scroll=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._layouts.clear()
        self._styles.clear()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._sized():
            return
        # Scrolling up a little (the wheel) reveals comments whose heights were only
        # estimated; wrapping them moves what was on screen, so follow it.
        view = self._view
        old_top, new_top = round(old_value), round(new_value)
        anchor = None
        if 0 < old_top - new_top < self._viewport_height():
            found = view.at_line(old_top - self._head)
            if found is not None:
                anchor = (found[0], view.line_of(found[0]))
        self._fill_screen()
        self._sync_size()
        if anchor is not None:
            shift = view.line_of(anchor[0]) - anchor[1]
            if shift:
                self.scroll_to(y=new_top + shift, animate=False, force=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- painting -----------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        """A component's own style, with translucent colours ($text-muted, $warning 40%)
        blended as the full style does, but no background unless it sets one (so the
        selection's background shows under it)."""
        style = self._styles.get(name)
        if style is None:
            # Kept until the styles change (as the wrapped rows are): each lookup blends
            # colours up the DOM, and a header asks for up to six.
            full = self.get_component_rich_style(f"comment-tree--{name}")
            partial = self.get_component_rich_style(f"comment-tree--{name}", partial=True)
            style = self._styles[name] = partial + Style(
                color=full.color if partial.color else None,
                bgcolor=full.bgcolor if partial.bgcolor else None,
            )
        return style

    def _header(self, row: Row) -> Text:
        comment = row.comment
        header = Text(overflow="fold")
        if row.is_starter and row.reply_count and row.item is None:
            # Folded only when every reply is hidden: a filter that shows some replies
            # leaves the thread open, with "N more replies hidden" under the starter.
            folded = row.hidden_replies == row.reply_count
            header.append("▸ " if folded else "▾ ", TOGGLE)
        elif row.item is None:
            header.append("  " if row.is_starter else "↳ ", self._style("meta"))
        header.append(visible(comment.author) or "(no name)", self._style("author"))
        if comment.is_channel:
            header.append(" ◆ channel", self._style("channel"))
        if row.by_starter:
            header.append(" ● starter", self._style("starter"))
        badge = self._badges.get(row.position)
        if badge:
            header.append(f" {visible(badge)}", self._style("badge"))
        meta = self._style("meta")
        if comment.age:
            header.append(f" · {visible(comment.age)}", meta)
        if row.reply_count and row.is_starter:
            header.append(" · ", meta)
            header.append(counted(row.reply_count, "reply", "replies"), meta + TOGGLE)
        if comment.reply_to:
            handle = visible(comment.reply_to)
            handle = handle if handle.startswith("@") else f"@{handle}"
            header.append(" · ", meta)
            header.append(f"↪ {handle}", self._style("reply-to"))
        if row.inferred:
            header.append(" · inferred", self._style("inferred"))
        if row.item is not None and not row.is_starter:
            starter = self._view.index.comments[self._view.index.starter(row.thread)]
            header.append(f" · in {visible(starter.author)}'s thread", meta)
        if row.item is not None and row.item.label:
            header.append(f" · {visible(row.item.label)}", self._style("label"))
        return header

    def _body(self, row: Row) -> Text:
        raw = row.comment.text
        body = Text(visible(raw, keep_newlines=True), overflow="fold")
        if row.context:
            body.stylize(self._style("context"))
        if row.spans:
            offsets = _span_map(raw)
            highlight = self._style("highlight")
            for start, end in row.spans:
                start, end = max(0, start), min(len(raw), end)
                if start >= end:
                    continue
                if offsets is not None:
                    start, end = offsets[start], offsets[end]
                body.stylize(highlight, start, end)
        return body

    def _wrap(self, text: Text, indent: int) -> Iterable[Strip]:
        """Wrapped lines without the widget's own colours: those go under them when
        painted, so the selection's background can show through every line."""
        console = self.app.console
        width = max(1, self._width - indent)
        pad = [Segment(" " * indent)] if indent else []
        for line in text.wrap(console, width, overflow="fold"):
            line.rstrip()
            segments = pad + list(line.render(console))
            yield Strip(segments)

    def _layout_key(self, row: Row) -> tuple[Row, int, str | None]:
        """What a row's wrapped lines depend on besides the row: the width and its badge."""
        return row, self._width, self._badges.get(row.position)

    def _layout(self, row: Row) -> tuple[Strip, ...]:
        key = self._layout_key(row)
        layout = self._layouts.get(key)
        if layout is not None:
            return layout
        indent = row.indent * INDENT
        lines = list(self._wrap(self._header(row), indent))
        lines.extend(self._wrap(self._body(row), indent + BODY_INDENT))
        if row.hidden_replies:
            if row.hidden_replies == row.reply_count:
                what = counted(row.hidden_replies, "reply", "replies")
            else:
                what = counted(row.hidden_replies, "more reply", "more replies")
            hidden = _styled(
                f"▸ {what} hidden",
                self._style("hidden") + TOGGLE,
            )
            lines.extend(self._wrap(hidden, indent + BODY_INDENT))
        if row.show_reason and row.comment.reason is not None:
            name = visible(row.comment.reason)
            if row.is_starter and row.comment.reason == "user":
                explained = STARTER_BY_USER
            else:
                explained = REASON_TEXT.get(row.comment.reason, "placed by this rule")
            reason = _styled(f"why here: {explained} [{name}]", self._style("reason"))
            lines.extend(self._wrap(reason, indent + BODY_INDENT))
        lines.append(Strip.blank(0))
        layout = tuple(lines)
        self._layouts[key] = layout
        return layout

    def _banner(self) -> Strip:
        view = self._view
        if view.mode == "subset":
            count = counted(view.subset_size, "comment", "comments")
            text = f" {visible(view.subset_title)} · {count} · esc: all comments"
        elif self._filter_label is not None:
            count = counted(len(view.matches), "comment", "comments")
            text = f" {_cut(visible(self._filter_label))} · {count} · esc: all comments"
        else:
            count = counted(len(view.matches), "match", "matches")
            query = _banner_title(view.filter_title)
            text = f" Filtered: {count}{query} · esc: all comments"
        style = self.rich_style + self.get_component_rich_style("comment-tree--banner")
        return Strip(list(_styled(text, style).render(self.app.console)))

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's own style and width are the same for every line of one pass;
        # asked per line they cost a walk up the DOM each (a fifth of a screen's render).
        # The first paint can come before the first Resize: measure at the real width
        # at once, not at the guessed one (a wasted pass over every comment).
        self._sync_width()
        self._pass = (self.rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        if self._pass is None:  # called on its own, outside a render pass
            self._sync_width()
            base, width = self.rich_style, self.scrollable_content_region.width
        else:
            base, width = self._pass
        line = round(self.scroll_y) + y
        head = self._head
        if line < head:
            banner = self._banner()
            return banner.crop_extend(
                0, width, base + self.get_component_rich_style("comment-tree--banner")
            )
        found = self._view.at_line(line - head)
        if found is None:
            if line == head and self._view.total_lines == 0:
                empty = _styled(" No comments to show.", base + self._style("hidden"))
                return Strip(list(empty.render(self.app.console))).crop_extend(0, width, base)
            return Strip.blank(width, base)
        position, offset = found
        lines = self._layout(self._view.row(position))
        strip = lines[offset] if offset < len(lines) else Strip.blank(0)
        if position == self._view.cursor and offset < len(lines) - 1:
            # The full (not partial) style: its background is blended over the widget's.
            cursor = self.get_component_rich_style("comment-tree--cursor")
            return strip.crop_extend(0, width, None).apply_style(cursor)
        return strip.crop_extend(0, width, None).apply_style(base)

    # -- mouse --------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        found = self._view.at_line(round(self.scroll_y) + offset.y - self._head)
        if found is None:
            return
        position = found[0]
        self._view.move_to(position)
        if event.style.meta.get("toggle"):
            self._view.toggle(position)
        self._after_change(scroll=False)

    # -- actions ------------------------------------------------------------------------

    def _move(self, position: int | None, *, jump: bool = False) -> None:
        """Move the cursor; a `jump` to a comment not fully on screen lands near the top,
        any other move scrolls as little as it can."""
        shown = self._fully_shown(position)
        if self._view.move_to(position):
            self._jump = jump and not shown
            self._after_change(scroll=True)

    def action_cursor_down(self) -> None:
        view = self._view
        self._move(view.next(view.cursor) if view.cursor is not None else view.first())

    def action_cursor_up(self) -> None:
        view = self._view
        self._move(view.previous(view.cursor) if view.cursor is not None else view.first())

    def action_first(self) -> None:
        self._move(self._view.first())

    def action_last(self) -> None:
        self._move(self._view.last())

    def action_next_thread(self) -> None:
        view = self._view
        if view.cursor is not None:
            self._move(view.next_thread(view.cursor), jump=True)

    def action_previous_thread(self) -> None:
        view = self._view
        if view.cursor is not None:
            self._move(view.previous_thread(view.cursor), jump=True)

    def action_parent(self) -> None:
        view = self._view
        if view.cursor is not None:
            self._move(view.parent(view.cursor), jump=True)

    def action_collapse(self) -> None:
        """Fold the thread from anywhere inside it; on a folded starter, do nothing."""
        view = self._view
        if view.cursor is not None and view.collapse(view.cursor):
            self._after_change(scroll=True)

    def action_expand(self) -> None:
        """Unfold a folded thread; on an unfolded starter, step onto its first reply."""
        view = self._view
        cursor = view.cursor
        if cursor is None:
            return
        if view.is_collapsed(cursor) and view.expand(cursor):
            self._after_change(scroll=True)
        elif view.index.is_starter(cursor) and view.mode != "subset":
            following = view.next(cursor)
            if (
                following is not None
                and view.index.thread_of[following] == view.index.thread_of[cursor]
            ):
                self._move(following)

    def action_toggle(self) -> None:
        view = self._view
        if view.cursor is None:
            return
        if view.toggle(view.cursor):
            self._after_change(scroll=True)

    def action_open_in_tree(self) -> None:
        """A chapter view's comment in the whole tree, its thread unfolded."""
        if self._view.cursor is not None:
            self.show_all()

    def action_collapse_all(self) -> None:
        self.collapse_all()

    def action_expand_all(self) -> None:
        self.expand_all()

    def action_why(self) -> None:
        """Toggle the line saying which rule placed a reply (or that the reader did); a
        starter placed by no rule gets a note (`Explained`) instead, so `w` always answers."""
        view = self._view
        cursor = view.cursor
        if cursor is None:
            return
        if view.toggle_reason(cursor):
            self._after_change(scroll=True)
        elif view.index.is_starter(cursor):
            pinned = view.index.comments[cursor].pinned
            self.post_message(self.Explained(PINNED_WHY if pinned else STARTER_WHY))

    def action_show_all(self) -> None:
        self.show_all()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys say what they do in this view. Escape only means "back to the tree" when
        not already there (else it bubbles); a chapter view is flat, so space and enter
        open the comment in the tree there and nothing folds."""
        subset = self._view.mode == "subset"
        if action == "show_all":
            return self._view.mode != "tree"
        if action == "open_in_tree":
            return subset
        if action in _FOLDING:
            return not subset
        return True

    def _page(self, lines: int) -> None:
        """Scroll by `lines` and put the cursor on the first comment that starts in view
        (or stay inside a comment taller than the screen)."""
        view = self._view
        if view.cursor is None:
            return
        top = round(self.scroll_y)
        target = max(0, min(top + lines, self.max_scroll_y))
        if target == top:
            self._move(view.last() if lines > 0 else view.first())
            return
        self.scroll_to(y=target, animate=False, force=True)
        self._fill_screen()
        self._sync_size()
        found = view.at_line(max(0, target - self._head))
        if found is None:
            return
        position, offset = found
        following = view.next(position)
        if offset and following is not None:
            start = self._head + view.line_of(following)
            if start < target + self._viewport_height():
                position = following
        view.move_to(position)
        self._after_change(scroll=False)

    def action_page_down(self) -> None:
        self._page(self._viewport_height())

    def action_page_up(self) -> None:
        self._page(-self._viewport_height())

    def action_half_page_down(self) -> None:
        self._page(self._viewport_height() // 2)

    def action_half_page_up(self) -> None:
        self._page(-(self._viewport_height() // 2))
