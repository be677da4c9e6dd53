"""Navigation pane: all comments, each chapter with how busy it is, bookmarks,
description, related.

Chapters are few (a description holds tens at most), so an OptionList is fine here;
prompts are built as `Text`, never markup, because chapter titles are page text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_reader.model import Chapter, Page
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




def count_bar(count: int, most: int, cells: int = BAR_CELLS) -> str:
    """A horizontal bar in eighth blocks, `cells` wide at `most`; any count > 0 shows."""
    if count <= 0 or most <= 0:
        return ""
    eighths = max(1, round(count / most * cells * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def chapter_prompt(
    chapter: Chapter, count: int | None, most: int, time_width: int = 0
) -> Content:
    """Time (right-justified to `time_width`, so titles align) and title on the first
    line, the busy-bar and count under it."""
    parts: list[str | tuple[str, str]] = [
        (clock(chapter.start).rjust(time_width), "bold"),
        " ",
        visible(chapter.title),
        "\n",
    ]
    if count is None:
        parts.append(("  … counting", "dim"))
    else:
        width = max(len(f"{most:,}"), 3)
        parts.append((f"  {count:>{width},} ", "dim" if count == 0 else ""))
        parts.append((count_bar(count, most), "$accent"))
    return Content.assemble(*parts)


def bookmark_prompt(author: str, text: str) -> Content:
    """"★ @author  first words…" on one line: enough to recognise the comment."""
    words = " ".join(visible(text).split())
    if len(words) > BOOKMARK_LABEL_CHARS:
        words = words[: BOOKMARK_LABEL_CHARS - 1].rstrip() + "…"
    return Content.assemble(("★ ", "$accent"), (f"@{visible(author)}", "bold"), "  ", words)


class Sidebar(OptionList):
    """Choosing an entry posts `Sidebar.Chosen`; the app decides what it means."""

    BINDINGS: ClassVar[list[BindingType]] = [
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
        super().__init__(id=id, markup=False)
        self._page = page
        self._counts: Sequence[int] | None = None
        self._bookmarks: tuple[tuple[str, Content], ...] = ()
        self._fill()
        self.action_first()

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

        The same list again (none, at start-up) changes nothing: refilling would
        throw away every rendered entry and draw them all again."""
        bookmarks = tuple(bookmarks)
        if bookmarks == self._bookmarks:
            return
        self._bookmarks = bookmarks
        self._refill()

    @property
    def bookmark_ids(self) -> list[str]:
        return [comment_id for comment_id, _prompt in self._bookmarks]

    def _refill(self) -> None:
        """Rebuild the entries, keeping the cursor on the same entry (or where it was)."""
        highlighted = self.highlighted
        option = self.highlighted_option
        self._fill()
        try:
            self.highlighted = self.get_option_index(option.id) if option and option.id else None
        except LookupError:
            self.highlighted = None
        if self.highlighted is None and highlighted is not None and self.option_count:
            self.highlighted = min(highlighted, self.option_count - 1)

    def highlight_target(self, option_id: str) -> None:
        """Move the cursor to an entry by id (e.g. back to "All comments")."""
        self.highlighted = self.get_option_index(option_id)

    def _fill(self) -> None:
        self.clear_options()
        options: list[Option | None] = [Option(Content.styled("All comments", "bold"), id=ALL_ID)]
        chapters = self._page.chapters
        if chapters:
            options.append(None)
            counts = self._counts
            most = max(counts, default=0) if counts else 0
            time_width = max(len(clock(chapter.start)) for chapter in chapters)
            for index, chapter in enumerate(chapters):
                count = counts[index] if counts is not None else None
                prompt = chapter_prompt(chapter, count, most, time_width)
                options.append(Option(prompt, id=f"{CHAPTER_PREFIX}{index}"))
        if self._bookmarks:
            options.append(None)
            heading = Content.styled(f"Bookmarks ({len(self._bookmarks)})", "bold")
            options.append(Option(heading, id=BOOKMARKS_HEADING_ID, disabled=True))
            for comment_id, prompt in self._bookmarks:
                options.append(Option(prompt, id=f"{BOOKMARK_PREFIX}{comment_id}"))
        options.append(None)
        options.append(Option(Content("Description"), id=DESCRIPTION_ID))
        related = len(self._page.related)
        options.append(
            Option(Content(f"Related videos ({related})"), id=RELATED_ID, disabled=not related)
        )
        self.add_options(options)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith(CHAPTER_PREFIX):
            self.post_message(self.Chosen("chapter", int(option_id.removeprefix(CHAPTER_PREFIX))))
        elif option_id.startswith(BOOKMARK_PREFIX):
            comment_id = option_id.removeprefix(BOOKMARK_PREFIX)
            self.post_message(self.Chosen("bookmark", comment_id=comment_id))
        else:
            self.post_message(self.Chosen(option_id))
