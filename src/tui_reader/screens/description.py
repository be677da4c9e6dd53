"""The video description as a readable page: chapters first, links and hashtags marked."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui_reader.model import Page
from tui_reader.sanitize import visible
from tui_reader.widgets.sidebar import chapter_time

# Links as pages write them: with a scheme, www., or a bare domain followed by a path.
_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*|(?<![\w#])#[^\W_][\w]*")


def marked_text(text: str) -> Content:
    """Plain text with links underlined and hashtags tinted; never parsed as markup."""
    safe = visible(text, keep_newlines=True)
    parts: list[str | tuple[str, str]] = []
    position = 0
    for match in _LINK.finditer(safe):
        parts.append(safe[position : match.start()])
        style = "$accent" if match.group().startswith("#") else "underline $accent"
        parts.append((match.group(), style))
        position = match.end()
    parts.append(safe[position:])
    return Content.assemble(*parts)


def description_content(page: Page) -> Content:
    """Title, chapter list, then the description as written."""
    parts: list[str | Content | tuple[str, str]] = [(visible(page.title), "bold"), "\n\n"]
    if page.chapters:
        parts.append(("Chapters", "bold $accent"))
        parts.append("\n")
        for chapter in page.chapters:
            parts += [(f"{chapter_time(chapter.start):>8}", "bold"), "  ", visible(chapter.title)]
            parts.append("\n")
        parts.append("\n")
    parts.append(("Description", "bold $accent"))
    parts.append("\n")
    parts.append(marked_text(page.description) if page.description else ("(none)", "dim"))
    return Content.assemble(*parts)


class DescriptionScreen(Screen[None]):
    """Full-screen, scrollable; escape or q returns to the comments."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q", "dismiss", "Back", tooltip="Back to the comments", id="description.close"
        ),
        Binding("j", "scroll('down')", "Scroll down", show=False, id="description.down"),
        Binding("k", "scroll('up')", "Scroll up", show=False, id="description.up"),
    ]

    def __init__(self, page: Page) -> None:
        super().__init__()
        self._page = page

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="description-body"):
            yield Static(description_content(self._page), id="description-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#description-body").focus()

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#description-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
