"""Related videos as a table: title, duration, channel and views, any of which may be missing."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from tui_reader.model import Page, RelatedVideo
from tui_reader.sanitize import visible
from tui_reader.timefmt import clock
from tui_reader.widgets.footer import KeyFooter


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
        table: DataTable[Text] = DataTable(
            id="related-table", cursor_type="row", zebra_stripes=True
        )
        table.add_column("Title", key="title")
        table.add_column("Length", key="duration")
        table.add_column("Channel", key="channel")
        table.add_column("Views", key="views")
        for video in self._page.related:
            table.add_row(*related_row(video))
        yield table
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def action_scroll(self, direction: str) -> None:
        table = self.query_one(DataTable)
        if direction == "down":
            table.action_cursor_down()
        else:
            table.action_cursor_up()
