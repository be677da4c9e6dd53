"""Related videos as a table: title, duration, channel and views, any of which may be missing.

Titles are long and come first, so the title column takes what the others leave and a
title that does not fit ends in "…": length, channel and views stay on screen at any
width where they fit at all (a table sized to its longest title pushed the view
counts off an 80-column screen, or cut them mid-number).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui_reader.model import Page, RelatedVideo
from tui_reader.sanitize import visible
from tui_reader.timefmt import clock
from tui_reader.widgets.footer import KeyFooter

COLUMNS = (("Title", "title"), ("Length", "duration"), ("Channel", "channel"), ("Views", "views"))
MIN_TITLE = 16
"""The title column never gets narrower than this: below it the table scrolls sideways."""
MAX_CHANNEL = 30
"""A channel name longer than this is cut with "…" too (it is the next longest)..."""
MIN_CHANNEL = 10
"""...and on a narrow screen down to this, so the title keeps MIN_TITLE."""


def related_row(video: RelatedVideo) -> tuple[Text, Text, Text, Text]:
    """One table row; cells are Text so page text is never read as markup."""
    missing = Text("—", style="dim")
    duration = clock(video.duration) if video.duration is not None else None
    if video.views is not None:
        views = f"{video.views:,}"
    else:
        views = visible(video.views_text) if video.views_text else None
    return (
        Text(visible(video.title)),
        Text(duration) if duration else missing,
        Text(visible(video.channel)) if video.channel else missing,
        Text(views, justify="right") if views else missing,
    )


def fitted_rows(
    rows: Sequence[tuple[Text, Text, Text, Text]], width: int, padding: int = 1
) -> tuple[int, list[tuple[Text, ...]]]:
    """The title column's width for a table `width` cells wide (its longest title when
    that fits), and `rows` with titles and channels cut to fit with "…". Every column
    takes `padding` cells on each side. The channel gives way (down to MIN_CHANNEL)
    before the title goes under MIN_TITLE."""
    fixed = _widest(COLUMNS[1][0], (row[1] for row in rows)) + _widest(
        COLUMNS[3][0], (row[3] for row in rows)
    )
    room = width - fixed - 2 * padding * len(COLUMNS)  # for the title and the channel
    channel_width = min(MAX_CHANNEL, _widest(COLUMNS[2][0], (row[2] for row in rows)))
    if room - channel_width < MIN_TITLE:
        channel_width = max(min(MIN_CHANNEL, channel_width), room - MIN_TITLE)
    widest_title = _widest(COLUMNS[0][0], (row[0] for row in rows))
    title_width = max(MIN_TITLE, min(widest_title, room - channel_width))
    fitted = [
        (_cut(title, title_width), duration, _cut(channel, channel_width), views)
        for title, duration, channel, views in rows
    ]
    return title_width, fitted


def _widest(header: str, cells: Iterable[Text]) -> int:
    return max([len(header), *(cell.cell_len for cell in cells)])


def _cut(text: Text, width: int) -> Text:
    if text.cell_len <= width:
        return text
    cut = text.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut


class RelatedScreen(Screen[None]):
    """Full-screen table; escape or q returns to the comments."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss", "Back", tooltip="Back to the comments", id="related.close"),
        Binding("j", "scroll('down')", "Scroll down", show=False, id="related.down"),
        Binding("k", "scroll('up')", "Scroll up", show=False, id="related.up"),
    ]

    def __init__(self, page: Page) -> None:
        super().__init__()
        self._page = page

    def compose(self) -> ComposeResult:
        yield Static(
            Content.assemble(("Related videos", "bold $accent"), f"  ({len(self._page.related)})"),
            id="related-title",
        )
        yield DataTable(id="related-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fill(event.size.width)

    def _fill(self, width: int) -> None:
        """(Re)build the table for a screen `width` cells wide, keeping the cursor row."""
        table: DataTable[Text] = self.query_one(DataTable)
        row = table.cursor_row
        # The vertical scrollbar takes its width once the rows outgrow the screen.
        gutter = table.styles.scrollbar_size_vertical
        rows = [related_row(video) for video in self._page.related]
        title_width, fitted = fitted_rows(rows, width - gutter, table.cell_padding)
        table.clear(columns=True)
        for label, key in COLUMNS:
            header = Text(label, justify="right" if key == "views" else "left")
            table.add_column(header, key=key, width=title_width if key == "title" else None)
        table.add_rows(fitted)
        if fitted:
            table.move_cursor(row=min(row, len(fitted) - 1))

    def action_scroll(self, direction: str) -> None:
        table = self.query_one(DataTable)
        if direction == "down":
            table.action_cursor_down()
        else:
            table.action_cursor_up()
