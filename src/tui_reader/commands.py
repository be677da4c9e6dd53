"""ctrl+p finds comments, authors and chapters, through Textual's command palette.

Comments are ranked by the page's `SearchIndex` (the same fuzzy, any-script matching
as `/`); authors and chapters are few, so the palette's own matcher scores them.
Every prompt is a `Content` object, never a string: the palette reads a string
prompt (a `DiscoveryHit`'s too) as markup, and so does `Matcher.highlight`, which
untrusted titles and handles must never go through. Matches are styled spans.

The provider talks to the reader through a small surface (`page`, `search_index`,
`comment_tree.select`, `comment_tree.show_filtered`, `show_chapter`), so it can be
tested with a stand-in app.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from tui_reader.model import Page
from tui_reader.sanitize import visible
from tui_reader.search import SearchIndex
from tui_reader.stopping import BuildStopped
from tui_reader.timefmt import clock

COMMENT_HITS = 12
HIGHLIGHT = "bold underline"
# Palette scores are 0..1; comment scores are scaled below a perfect title match so a
# chapter or author typed in full stays on top of the comments that mention it.
COMMENT_WEIGHT = 0.9


def chapter_label(start: int, title: str) -> str:
    return f"Chapter {clock(start)} {visible(title)}"


def _highlighted(matcher: Matcher, label: str) -> Content:
    """`label` as plain content with the fuzzy-matched characters styled."""
    content = Content(label)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(HIGHLIGHT, offset, offset + 1)
    return content


class CommentCommands(Provider):
    """Jump to a comment, show an author's comments, or open a chapter."""

    async def startup(self) -> None:
        app: Any = self.app
        self.page: Page = app.page
        self.handles = sorted({c.author for c in self.page.comments}, key=str.casefold)
        index = getattr(app, "search_index", None)
        if index is None:
            # The reader builds its index in a worker; if it is not there yet, build
            # one off the event loop and keep it on the app for the next ctrl+p. The
            # build stops if the reader quits meanwhile: quitting waits for the thread.
            try:
                index = await asyncio.to_thread(
                    SearchIndex.build, self.page, lambda: not app.is_running
                )
            except BuildStopped:
                index = None
            if index is not None and hasattr(app, "search_index"):
                app.search_index = index
        self.index: SearchIndex | None = index

    async def discover(self) -> Hits:
        for number, chapter in enumerate(self.page.chapters):
            label = chapter_label(chapter.start, chapter.title)
            yield DiscoveryHit(
                Content(label),
                partial(self._show_chapter, number),
                text=label,
                help="Show the comments linked to this chapter",
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for number, chapter in enumerate(self.page.chapters):
            label = chapter_label(chapter.start, chapter.title)
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    _highlighted(matcher, label),
                    partial(self._show_chapter, number),
                    help="Show the comments linked to this chapter",
                )
        for handle in self.handles:
            label = f"@{visible(handle)}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    _highlighted(matcher, label),
                    partial(self._show_author, handle),
                    help="Show only this person's comments (with their threads)",
                )
        if self.index is None:
            return
        for hit in self.index.search(query, limit=COMMENT_HITS).hits:
            prefix = f"@{visible(hit.author)}  "
            display = Content(prefix + hit.snippet)
            for start, end in hit.spans:
                display = display.stylize(HIGHLIGHT, len(prefix) + start, len(prefix) + end)
            yield Hit(
                COMMENT_WEIGHT * hit.score / 100,
                display,
                partial(self._select, hit.comment_id),
                text=f"{hit.author} {hit.snippet}",
                help="Go to this comment",
            )

    def _select(self, comment_id: str) -> None:
        app: Any = self.app
        app.comment_tree.select(comment_id)
        app.comment_tree.focus()

    def _show_author(self, handle: str) -> None:
        app: Any = self.app
        ids = [c.id for c in self.page.comments if c.author == handle]
        app.comment_tree.show_filtered(ids, label=f"@{handle}")
        app.comment_tree.focus()

    def _show_chapter(self, number: int) -> None:
        app: Any = self.app
        app.show_chapter(number)
        app.comment_tree.focus()
