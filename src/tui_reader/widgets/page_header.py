"""The page's identity at a glance: title, then channel, views, age and comment counts."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from tui_reader.model import Page
from tui_reader.sanitize import visible
from tui_reader.wording import counted, views_wording


def comment_count_text(page: Page) -> str:
    """'76 comments shown of 78' when the page declares a count, else '34 comments'."""
    shown = len(page.comments)
    declared = page.comment_count_declared
    if declared is not None and declared != shown:
        return f"{counted(shown, 'comment', 'comments')} shown of {declared:,}"
    return counted(shown, "comment", "comments")


def title_text(page: Page) -> Content:
    """The title line, bold; built from parts, never markup."""
    return Content.styled(visible(page.title) or "(untitled page)", "bold")


def facts(page: Page, new: int = 0) -> list[Content]:
    """Channel, views, age and comment counts, each kept whole when the line wraps; then
    how many comments are `new` since the page was last read, with the key that visits
    them (a re-saved page otherwise hides them until one scrolls past a "new" tag)."""
    items: list[Content] = []
    if page.channel:
        items.append(Content.styled(visible(page.channel), "bold $accent"))
    views = views_wording(page.views, page.views_text)
    if views:
        items.append(Content(views))
    if page.published:
        items.append(Content(visible(page.published)))
    items.append(Content(comment_count_text(page)))
    if new:
        items.append(Content.assemble((f"{new:,} new", "bold $accent"), ("  c", "dim")))
    return items


def pack_facts(items: list[Content], width: int) -> Content:
    """Join facts with " · ", breaking lines only between facts (a fact wider than the
    line still gets a line of its own and is cut by the widget)."""
    separator = Content.styled(" · ", "dim")
    lines: list[Content] = []
    line: Content | None = None
    for item in items:
        if line is None:
            line = item
        elif line.cell_length + separator.cell_length + item.cell_length <= width:
            line = line + separator + item
        else:
            lines.append(line)
            line = item
    if line is not None:
        lines.append(line)
    return Content("\n").join(lines)


class PageHeader(Widget):
    """Title on one line, facts under it (wrapping between facts on narrow screens).

    One widget rather than a container of two: every node on the first screen costs
    the first paint a styling, a mount and a layout pass. Each line is cut with an
    ellipsis by the CSS, so a long title keeps to its line.
    """

    DEFAULT_CSS = """
    PageHeader {
        height: auto;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, page: Page, *, new: int = 0, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = title_text(page)
        self._facts = facts(page, new)
        self._packed: tuple[int, Content] | None = None

    def _packed_for(self, width: int) -> Content:
        # Layout asks for the height and then renders at the same width: pack once.
        if self._packed is None or self._packed[0] != width:
            self._packed = (width, self._title + "\n" + pack_facts(self._facts, width))
        return self._packed[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._packed_for(width).plain.count("\n") + 1

    def render(self) -> Content:
        return self._packed_for(self.content_size.width)
