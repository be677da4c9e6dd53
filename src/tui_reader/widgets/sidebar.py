"""Navigation pane: all comments, each chapter with how busy it is, bookmarks,
description, related.

A line-API `ScrollView`, not an OptionList: the first paint waits for the sidebar, and
OptionList's per-option Content pipeline (wrap, format, strips) and stylesheet cost it
about 8 ms. Here each entry is a few (text, style) pieces per line, wrapped once per
width, turned into a `Strip` per visible line and cached. Titles are page text: they are
made `visible` and kept as plain strings, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from tui_reader.model import Page
from tui_reader.sanitize import visible
from tui_reader.timefmt import clock

ALL_ID = "all"
DESCRIPTION_ID = "description"
RELATED_ID = "related"
CHAPTER_PREFIX = "chapter-"
BOOKMARK_PREFIX = "bookmark-"
BOOKMARKS_HEADING_ID = "bookmarks"
BOOKMARK_LABEL_CHARS = 40
BAR_CELLS = 8
_EIGHTHS = " ▏▎▍▌▋▊▉"

HIGHLIGHT = "sidebar--highlight"
HOVER = "sidebar--hover"
SEPARATOR = "sidebar--separator"
DISABLED = "sidebar--disabled"

# One line of an entry: (text, style) pieces; a style is "" (the entry's own), a style
# string such as "bold" or "$accent", or a parsed Style (from a bookmark's Content).
Piece = tuple[str, "str | Style"]
Line = tuple[Piece, ...]


class _Entry(NamedTuple):
    """One choosable (or not) entry: `kind` is "" or one of the component classes."""

    id: str
    kind: str
    lines: Callable[[int], list[Line]]


class _Row(NamedTuple):
    """One row on screen: the entry it belongs to, its pieces, their width in cells."""

    entry: int
    line: Line
    cells: int


def count_bar(count: int, most: int, cells: int = BAR_CELLS) -> str:
    """A horizontal bar in eighth blocks, `cells` wide at `most`; any count > 0 shows."""
    if count <= 0 or most <= 0:
        return ""
    eighths = max(1, round(count / most * cells * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def wrap_cells(text: str, width: int) -> list[str]:
    """Greedy word wrap measured in terminal cells; a word wider than `width` is folded.

    Our own because Content.wrap also handles spans and alignment we don't have, at
    ~9x the cost (23 vs 2.7 µs a title), and every title is wrapped on each refill."""
    width = max(width, 2)
    if cell_len(text) <= width:
        return [text]
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        cells = cell_len(word)
        if line and used + 1 + cells <= width:
            line, used = f"{line} {word}", used + 1 + cells
            continue
        if line:
            lines.append(line)
        if cells > width:
            *folded, word = chop_cells(word, width)
            lines.extend(folded)
            cells = cell_len(word)
        line, used = word, cells
    lines.append(line)
    return lines


def chapter_lines(time: str, title: str, count: int | None, most: int, width: int) -> list[Line]:
    """Time and title, the title's further lines hanging under its first character;
    then the count and busy-bar (or "… counting" until the counts arrive)."""
    indent = cell_len(time) + 1
    first, *rest = wrap_cells(title, width - indent)
    lines: list[Line] = [((time, "bold"), (" ", ""), (first, ""))]
    lines.extend(((" " * indent, ""), (part, "")) for part in rest)
    if count is None:
        lines.append((("  … counting", "dim"),))
    else:
        digits = max(len(f"{most:,}"), 3)
        lines.append(
            (
                (f"  {count:>{digits},} ", "dim" if count == 0 else ""),
                (count_bar(count, most), "$accent"),
            )
        )
    return lines


def content_lines(content: Content, width: int, indent: int = 2) -> list[Line]:
    """A prompt given as Content, wrapped with its further lines indented by `indent`."""
    wrapped = content.wrap(max(width - indent, 2)) if content.cell_length > width else [content]
    lines: list[Line] = []
    for number, part in enumerate(wrapped):
        pieces: list[Piece] = [(" " * indent, "")] if number else []
        pieces.extend(part.render(Style.null(), end=""))
        lines.append(tuple(pieces))
    return lines


def bookmark_prompt(author: str, text: str) -> Content:
    """ "★ @author  first words…" on one line: enough to recognise the comment."""
    words = " ".join(visible(text).split())
    if len(words) > BOOKMARK_LABEL_CHARS:
        words = words[: BOOKMARK_LABEL_CHARS - 1].rstrip() + "…"
    return Content.assemble(("★ ", "$accent"), (f"@{visible(author)}", "bold"), "  ", words)


def _fixed(*lines: Line) -> Callable[[int], list[Line]]:
    return lambda _width: list(lines)


def _separator(width: int) -> list[Line]:
    return [(("─" * width, ""),)]


class Sidebar(ScrollView, can_focus=True):
    """Choosing an entry posts `Sidebar.Chosen`; the app decides what it means."""

    DEFAULT_CSS = """
    Sidebar {
        overflow-x: hidden;
        color: $foreground;
        background: $surface;
        & > .sidebar--highlight {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .sidebar--highlight {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .sidebar--hover { background: $block-hover-background; }
        & > .sidebar--separator { color: $foreground 15%; }
        & > .sidebar--disabled { color: $text-disabled; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {HIGHLIGHT, HOVER, SEPARATOR, DISABLED}

    # OptionList's keys first, as it described them, so help and footer read as before.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page Up", show=False),
        Binding("pagedown", "page_down", "Page Down", show=False),
        Binding("j", "cursor_down", "Down", show=False, id="sidebar.down"),
        Binding("k", "cursor_up", "Up", show=False, id="sidebar.up"),
        Binding("g", "first", "First entry", show=False, id="sidebar.first"),
        Binding("G", "last", "Last entry", show=False, id="sidebar.last"),
        Binding(
            "enter",
            "select",
            "Choose",
            tooltip="Show this chapter's comments or open this view",
            id="sidebar.choose",
        ),
        Binding("l,right", "select", "Choose", show=False, id="sidebar.choose-alt"),
    ]

    class Chosen(Message):
        """An entry was chosen: `target` is all/chapter/bookmark/description/related."""

        def __init__(
            self, target: str, chapter_index: int | None = None, comment_id: str | None = None
        ) -> None:
            super().__init__()
            self.target = target
            self.chapter_index = chapter_index
            self.comment_id = comment_id

    def __init__(self, page: Page, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._page = page
        chapters = page.chapters
        time_width = max((len(clock(chapter.start)) for chapter in chapters), default=0)
        self._chapter_heads = [
            (clock(chapter.start).rjust(time_width), visible(chapter.title)) for chapter in chapters
        ]
        self._counts: Sequence[int] | None = None
        self._bookmarks: tuple[tuple[str, Content], ...] = ()
        self._entries: list[_Entry] = []
        self._rows: list[_Row] = []
        self._first_row: list[int] = []
        self._layout_width = -1
        self._strips: dict[tuple[int, str], Strip] = {}
        self._rich_styles: dict[tuple[Style, str | Style], RichStyle] = {}
        self._highlighted: int | None = None
        self._hovered: int | None = None  # the choosable entry under the mouse
        self._fill()
        self._highlighted = self._next_selectable(0, 1)

    # -- what the app uses -------------------------------------------------------------

    @property
    def counts(self) -> Sequence[int] | None:
        """Comments linked to each chapter, once counted."""
        return self._counts

    def set_counts(self, counts: Sequence[int]) -> None:
        """Show per-chapter counts and bars (computed off the UI thread by the app)."""
        self._counts = tuple(counts)
        self._refill()

    def set_bookmarks(self, bookmarks: Sequence[tuple[str, Content]]) -> None:
        """List bookmarked comments as (comment id, prompt), in tree order.

        The same list again (none, at start-up) changes nothing."""
        bookmarks = tuple(bookmarks)
        if bookmarks == self._bookmarks:
            return
        self._bookmarks = bookmarks
        self._refill()

    @property
    def bookmark_ids(self) -> list[str]:
        return [comment_id for comment_id, _prompt in self._bookmarks]

    def highlight_target(self, option_id: str) -> None:
        """Move the cursor to an entry by id (e.g. back to "All comments")."""
        self.highlighted = self.get_option_index(option_id)

    # -- entries -----------------------------------------------------------------------

    @property
    def highlighted(self) -> int | None:
        """Index of the highlighted entry (separators count as entries)."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None and not self._is_selectable(index):
            raise ValueError(f"entry {index} can't be highlighted")
        if index != self._highlighted:
            self._highlighted = index
            self.refresh()
            self.scroll_to_highlight()

    @property
    def option_count(self) -> int:
        return len(self._entries)

    def get_option_index(self, option_id: str) -> int:
        """The index of the entry with this id; KeyError if there is none."""
        for index, entry in enumerate(self._entries):
            if entry.id == option_id:
                return index
        raise KeyError(option_id)

    def option_text(self, index: int) -> str:
        """An entry's plain text as shown (wrapped at the current width), for tests."""
        width = self._layout_width if self._layout_width > 0 else 1000
        lines = self._entries[index].lines(width)
        return "\n".join("".join(text for text, _style in line) for line in lines)

    def _is_selectable(self, index: int) -> bool:
        return 0 <= index < len(self._entries) and not self._entries[index].kind

    def _next_selectable(self, start: int, step: int) -> int | None:
        """The first selectable entry from `start` on in direction `step`, no wrapping."""
        index = start
        while 0 <= index < len(self._entries):
            if self._is_selectable(index):
                return index
            index += step
        return None

    def _fill(self) -> None:
        """Build the entries from the page, counts and bookmarks (no wrapping yet)."""
        entries = [_Entry(ALL_ID, "", _fixed((("All comments", "bold"),)))]
        if heads := self._chapter_heads:
            entries.append(_Entry("", SEPARATOR, _separator))
            counts = self._counts
            most = max(counts, default=0) if counts else 0
            for index, (time, title) in enumerate(heads):
                count = counts[index] if counts is not None else None
                entries.append(
                    _Entry(
                        f"{CHAPTER_PREFIX}{index}",
                        "",
                        lambda width, t=time, n=title, c=count: chapter_lines(t, n, c, most, width),
                    )
                )
        if self._bookmarks:
            entries.append(_Entry("", SEPARATOR, _separator))
            heading = ((f"Bookmarks ({len(self._bookmarks)})", "bold"),)
            entries.append(_Entry(BOOKMARKS_HEADING_ID, DISABLED, _fixed(heading)))
            for comment_id, prompt in self._bookmarks:
                entries.append(
                    _Entry(
                        f"{BOOKMARK_PREFIX}{comment_id}",
                        "",
                        lambda width, p=prompt: content_lines(p, width),
                    )
                )
        entries.append(_Entry("", SEPARATOR, _separator))
        entries.append(_Entry(DESCRIPTION_ID, "", _fixed((("Description", ""),))))
        related = len(self._page.related)
        entries.append(
            _Entry(
                RELATED_ID,
                "" if related else DISABLED,
                _fixed(((f"Related videos ({related})", ""),)),
            )
        )
        self._entries = entries
        self._layout_width = -1

    def _refill(self) -> None:
        """Rebuild the entries, keeping the cursor on the same entry (or where it was)."""
        old = self._highlighted
        old_id = self._entries[old].id if old is not None else None
        self._fill()
        self._hovered = None  # the entries moved; the next mouse move finds it again
        try:
            index: int | None = self.get_option_index(old_id) if old_id else None
        except KeyError:
            index = None
        if index is None and old is not None:
            start = min(old, len(self._entries) - 1)
            index = self._next_selectable(start, 1)
            if index is None:
                index = self._next_selectable(start, -1)
        self._highlighted = index
        self.refresh()
        self.scroll_to_highlight()

    # -- layout and rendering ----------------------------------------------------------

    def _layout(self) -> bool:
        """Wrap the entries at the current width (once per width); False before there is one."""
        region = self.scrollable_content_region
        width = region.width
        if width <= 0:
            return False
        if width != self._layout_width:
            self._wrap(width)
            if len(self._rows) > region.height and not self.show_vertical_scrollbar:
                # The scrollbar these rows bring narrows the lines: wrap once, for that width.
                width = max(width - self.styles.scrollbar_size_vertical, 1)
                self._wrap(width)
            self._strips.clear()
            virtual_size = Size(width, len(self._rows))
            if virtual_size != self.virtual_size:
                self.virtual_size = virtual_size
                self._scroll_update(virtual_size)
        return True

    def _wrap(self, width: int) -> None:
        rows: list[_Row] = []
        first_row: list[int] = []
        for index, entry in enumerate(self._entries):
            first_row.append(len(rows))
            for line in entry.lines(width):
                rows.append(_Row(index, line, sum(cell_len(text) for text, _style in line)))
        self._rows = rows
        self._first_row = first_row
        self._layout_width = width

    def _entry_rows(self, index: int) -> tuple[int, int]:
        """First row and number of rows of entry `index` (after `_layout`)."""
        first = self._first_row[index]
        after = self._first_row[index + 1] if index + 1 < len(self._first_row) else len(self._rows)
        return first, after - first

    def scroll_to_highlight(self) -> None:
        """Keep the highlighted entry in view."""
        index = self._highlighted
        if index is None or not self.is_mounted or not self._layout():
            return
        first, height = self._entry_rows(index)
        self.scroll_to_region(
            Region(0, first, self._layout_width, height),
            animate=False,
            force=True,
            immediate=True,
        )

    def _on_resize(self, _event: events.Resize) -> None:
        self._layout()
        self.scroll_to_highlight()

    def on_focus(self) -> None:
        self._strips.clear()

    def on_blur(self) -> None:
        self._strips.clear()

    def notify_style_update(self) -> None:
        # Focus, theme: styles and "$accent" resolve anew.
        self._strips.clear()
        self._rich_styles.clear()
        self._layout_width = -1
        self.refresh()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._layout()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        row_number = int(self.scroll_offset.y) + y
        width = self._layout_width
        if not 0 <= row_number < len(self._rows):
            return Strip.blank(max(width, 0), self.get_visual_style().rich_style)
        row = self._rows[row_number]
        if row.entry == self._highlighted:
            kind = HIGHLIGHT
        elif row.entry == self._hovered:
            kind = HOVER
        else:
            kind = self._entries[row.entry].kind
        key = (row_number, kind)
        if (strip := self._strips.get(key)) is None:
            base = self.get_visual_style(kind) if kind else self.get_visual_style()
            rich_style = self._rich_style
            segments = [Segment(text, rich_style(base, style)) for text, style in row.line]
            if row.cells < width:
                segments.append(Segment(" " * (width - row.cells), base.rich_style))
            strip = Strip(segments, max(row.cells, width))
            if row.cells > width:
                strip = strip.crop(0, width)
            self._strips[key] = strip
        return strip

    def _rich_style(self, base: Style, style: str | Style) -> RichStyle:
        if not style:
            return base.rich_style
        key = (base, style)
        if (rich := self._rich_styles.get(key)) is None:
            parsed = Style.parse(style) if isinstance(style, str) else style
            rich = self._rich_styles[key] = (base + parsed).rich_style
        return rich

    # -- keys and mouse ------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        """Next selectable entry in direction `step`, wrapping round as OptionList does."""
        start = self._highlighted
        if start is None:
            self.action_first() if step > 0 else self.action_last()
            return
        count = len(self._entries)
        for offset in range(1, count + 1):
            index = (start + offset * step) % count
            if self._is_selectable(index):
                self.highlighted = index
                return

    def action_first(self) -> None:
        self.highlighted = self._next_selectable(0, 1)

    def action_last(self) -> None:
        self.highlighted = self._next_selectable(len(self._entries) - 1, -1)

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def _move_page(self, step: int) -> None:
        """Move a viewport's height of rows, to the nearest selectable entry there."""
        if self._highlighted is None or not self._layout():
            self.action_first() if step < 0 else self.action_last()
            return
        first, _height = self._entry_rows(self._highlighted)
        row = min(max(first + step * self.scrollable_content_region.height, 0), len(self._rows) - 1)
        target = self._rows[row].entry
        index = self._next_selectable(target, step)
        if index is None:
            index = self._next_selectable(target, -step)
        self.highlighted = index

    def action_select(self) -> None:
        index = self._highlighted
        if index is None:
            return
        option_id = self._entries[index].id
        if option_id.startswith(CHAPTER_PREFIX):
            self.post_message(self.Chosen("chapter", int(option_id.removeprefix(CHAPTER_PREFIX))))
        elif option_id.startswith(BOOKMARK_PREFIX):
            comment_id = option_id.removeprefix(BOOKMARK_PREFIX)
            self.post_message(self.Chosen("bookmark", comment_id=comment_id))
        else:
            self.post_message(self.Chosen(option_id))

    def _entry_at(self, event: events.MouseEvent) -> int | None:
        """The choosable entry under the mouse, if any."""
        offset = event.get_content_offset(self)
        if offset is None or not self._layout():
            return None
        row = offset.y + int(self.scroll_offset.y)
        if 0 <= row < len(self._rows) and self._is_selectable(index := self._rows[row].entry):
            return index
        return None

    def _on_click(self, event: events.Click) -> None:
        index = self._entry_at(event)
        if index is not None:
            event.stop()
            self.highlighted = index
            self.action_select()

    def _set_hovered(self, index: int | None) -> None:
        if index != self._hovered:
            self._hovered = index
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hovered(self._entry_at(event))

    def on_leave(self, _event: events.Leave) -> None:
        self._set_hovered(None)
