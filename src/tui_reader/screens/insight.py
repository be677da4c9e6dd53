"""Page insight as a dialog: the `--stats` report, with the age chart as a sparkline widget."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from tui_reader.model import Page
from tui_reader.sanitize import visible
from tui_reader.stats import AGES_HEADING, PageStats, compute_stats, stats_sections
from tui_reader.widgets.footer import KeyFooter

REPORT_WIDTH = 72
# Cells per age bucket in the sparkline: wide enough to see, narrow enough to read as one shape.
SPARK_CELLS = 3


class InsightScreen(ModalScreen[None]):
    """Health and shape of the page; escape, q or i closes it."""

    # Kept here rather than in reader.tcss so the dialog works in any host app.
    DEFAULT_CSS = """
    InsightScreen {
        align: center middle;
    }
    #insight-body {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    #insight-body .insight-heading {
        text-style: bold;
        color: $accent;
        margin-top: 1;
    }
    #insight-body .insight-section {
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    #insight-ages {
        height: 2;
        margin: 0 2;
    }
    """

    # Shown in the dialog's own footer: the reader's keys underneath do nothing here.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,i", "dismiss", "Close", tooltip="Back to the comments",
                id="insight.close"),
        Binding("down,j", "scroll('down')", "Scroll down", tooltip="Scroll the report down",
                id="insight.down"),
        Binding("up,k", "scroll('up')", "Scroll up", tooltip="Scroll the report up",
                id="insight.up"),
    ]

    def __init__(self, page: Page) -> None:
        super().__init__()
        self._page = page

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="insight-body") as body:
            body.border_title = "Page insight"
            title = visible(self._page.title or "(untitled page)")
            yield Static(Content.assemble((title, "bold")), id="insight-title")
            yield Static(Content("Counting…"), id="insight-pending")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#insight-body").focus()
        self._compute()

    @work(thread=True, exclusive=True, group="insight")
    def _compute(self) -> None:
        """A 100,000-comment page takes a few hundred ms: paint the dialog first."""
        stats = compute_stats(self._page)
        self.app.call_from_thread(self._show, stats)

    def _show(self, stats: PageStats) -> None:
        widgets: list[Widget] = []
        for heading, lines in stats_sections(stats, REPORT_WIDTH):
            widgets.append(Static(Content(heading), classes="insight-heading"))
            if heading == AGES_HEADING and stats.ages:
                chart = Sparkline([count for _, count in stats.ages], id="insight-ages")
                chart.styles.width = SPARK_CELLS * len(stats.ages)
                widgets.append(chart)
            widgets.append(Static(Content("\n".join(lines)), classes="insight-section"))
        self.query_one("#insight-pending").remove()
        self.query_one("#insight-body").mount_all(widgets)

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#insight-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
