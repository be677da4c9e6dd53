"""Open a link from a comment: choose one, confirm, then hand it to the browser.

Links come from `links.find_links`, so only http(s) ever reaches this screen, and the
reader sees the exact address (made inert) before anything opens. The opener is
injectable so tests never start a browser.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.sanitize import visible

Opener = Callable[[str], object]


class LinksScreen(ModalScreen[str | None]):
    """Dismisses with the opened URL, or None when the reader backs out."""

    DEFAULT_CSS = """
    LinksScreen {
        align: center middle;
    }
    #links-body {
        width: 80;
        max-width: 100%;
        height: auto;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    #links-list {
        height: auto;
        max-height: 12;
    }
    #links-confirm {
        margin-top: 1;
        display: none;
    }
    LinksScreen.-confirming #links-confirm {
        display: block;
    }
    LinksScreen.-confirming #links-list {
        display: none;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", tooltip="Close without opening", id="links.close"),
        Binding("y", "confirm", "Open", tooltip="Open the chosen link in the browser",
                id="links.confirm"),
        Binding("n", "back", "Don't open", show=False, id="links.refuse"),
        Binding("j", "cursor('down')", "Next link", show=False, id="links.down"),
        Binding("k", "cursor('up')", "Previous link", show=False, id="links.up"),
    ]

    def __init__(self, links: Sequence[str], opener: Opener = webbrowser.open) -> None:
        super().__init__()
        self._links = list(links)
        self._opener = opener
        self.chosen: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="links-body") as body:
            body.border_title = "Links in this comment"
            if not self._links:
                yield Static(Content("This comment has no web links."), id="links-none")
            yield OptionList(
                *(Option(Content(visible(url)), id=str(i)) for i, url in enumerate(self._links)),
                id="links-list",
            )
            yield Static(id="links-confirm")

    def on_mount(self) -> None:
        if len(self._links) == 1:
            self._ask(self._links[0])
        else:
            self.query_one("#links-list").focus()

    def _ask(self, url: str) -> None:
        self.chosen = url
        prompt = Content.assemble(
            "Open in the browser?\n\n", (visible(url), "bold underline"), "\n\n",
            ("y", "bold $accent"), " open    ", ("n", "bold $accent"), " or ",
            ("escape", "bold $accent"), " cancel",
        )
        self.query_one("#links-confirm", Static).update(prompt)
        self.add_class("-confirming")

    @on(OptionList.OptionSelected, "#links-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._ask(self._links[int(event.option.id or 0)])

    def action_cursor(self, direction: str) -> None:
        options = self.query_one("#links-list", OptionList)
        if direction == "down":
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_confirm(self) -> None:
        """Only a link the reader has seen in the confirmation prompt is ever opened."""
        if self.chosen is None:
            return
        self._opener(self.chosen)
        self.dismiss(self.chosen)

    def action_back(self) -> None:
        """From the prompt back to the list (when there is one), else close."""
        if self.has_class("-confirming") and len(self._links) > 1:
            self.remove_class("-confirming")
            self.chosen = None
            self.query_one("#links-list").focus()
        else:
            self.dismiss(None)
