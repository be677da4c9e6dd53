"""The video description as a readable page: chapters first, links and hashtags marked."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui_reader.links import link_spans
from tui_reader.model import Page
from tui_reader.sanitize import visible
from tui_reader.timefmt import clock
from tui_reader.widgets.footer import KeyFooter

# A hashtag: not glued to a word or another "#".
_HASHTAG = re.compile(r"(?<![\w#])#[^\W_]\w*")


def marked_text(text: str) -> Content:
    """Plain text with links underlined and hashtags tinted; never parsed as markup.

    Links are `links.link_spans`, the ones the `o` key opens, so what looks like a link
    is one. They are found in the text as written (a link ends at a control character)
    and each piece is made visible on its own.
    """
    marks = [(start, end, "underline $accent") for start, end, _url in link_spans(text)]
    marks += [(match.start(), match.end(), "$accent") for match in _HASHTAG.finditer(text)]
    parts: list[str | tuple[str, str]] = []
    position = 0
    for start, end, style in sorted(marks):
        if start < position:  # a "#" inside a link is part of the link
            continue
        parts.append(visible(text[position:start], keep_newlines=True))
        parts.append((visible(text[start:end]), style))
        position = end
    parts.append(visible(text[position:], keep_newlines=True))
    return Content.assemble(*parts)


def description_content(page: Page) -> Content:
    """Title, chapter list, then the description as written."""
    parts: list[str | Content | tuple[str, str]] = [(visible(page.title), "bold"), "\n\n"]
    if page.chapters:
        parts.append(("Chapters", "bold $accent"))
        parts.append("\n")
        for chapter in page.chapters:
            parts += [(f"{clock(chapter.start):>8}", "bold"), "  ", visible(chapter.title)]
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
        Binding("g,home", "scroll('top')", "Top", show=False, id="description.top"),
        Binding("G,end", "scroll('end')", "End", show=False, id="description.end"),
        # The app opens links (the same list and confirm step as a comment's `o`).
        Binding(
            "o",
            "app.description_links",
            "Open a link",
            tooltip="List the description's web links to open one",
            id="description.links",
        ),
    ]

    def __init__(self, page: Page) -> None:
        super().__init__()
        self._page = page

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="description-body"):
            yield Static(description_content(self._page), id="description-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#description-body").focus()

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#description-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        elif direction == "up":
            body.scroll_up(animate=False)
        elif direction == "top":
            body.scroll_home(animate=False)
        else:
            body.scroll_end(animate=False)
