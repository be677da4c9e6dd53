"""The page's identity at a glance: title, then channel, views, age and comment counts."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from tui_reader.model import Page
from tui_reader.sanitize import visible


def comment_count_text(page: Page) -> str:
    """'76 comments shown of 78' when the page declares a count, else '34 comments'."""
    shown = len(page.comments)
    noun = "comment" if shown == 1 else "comments"
    declared = page.comment_count_declared
    if declared is not None and declared != shown:
        return f"{shown:,} {noun} shown of {declared:,}"
    return f"{shown:,} {noun}"


def views_text(page: Page) -> str | None:
    """Views in the interface's words: the number when parsed, else as the page wrote it."""
    if page.views is not None:
        return f"{page.views:,} views"
    return visible(page.views_text) if page.views_text else None


def header_text(page: Page) -> Content:
    """Two lines built as Content parts (never markup): page text cannot style the header."""
    parts: list[str | tuple[str, str]] = [(visible(page.title) or "(untitled page)", "bold"), "\n"]
    facts: list[str | tuple[str, str]] = []
    if page.channel:
        facts.append((visible(page.channel), "bold $accent"))
    views = views_text(page)
    if views:
        facts.append(views)
    if page.published:
        facts.append(visible(page.published))
    facts.append(comment_count_text(page))
    for index, fact in enumerate(facts):
        if index:
            parts.append((" · ", "dim"))
        parts.append(fact)
    return Content.assemble(*parts)


class PageHeader(Widget):
    """Fixed two-line header; the stylesheet docks it to the top."""

    DEFAULT_CSS = """
    PageHeader {
        height: 2;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, page: Page, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._page = page

    def set_page(self, page: Page) -> None:
        """Show another page (e.g. after a reload)."""
        self._page = page
        self.refresh()

    def render(self) -> Content:
        return header_text(self._page)
