"""Search inside the reader: the index worker, the `/` bar, `n`/`N` and the filtered tree.

A mixin of `ReaderApp`. The index is built (or read from the cache, and written to
it on a miss) in a thread worker after the first paint; the bar is mounted on the
first `/`, so start-up pays for neither. Ranking lives in `tui_reader.search`. No
Textual import at module level: the bar's module is imported when `/` is pressed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from tui_reader.model import Page
from tui_reader.page_order import in_parsed_order
from tui_reader.stopping import until_cancelled
from tui_reader.thread_view import Spans, step_match

if TYPE_CHECKING:
    from textual import events
    from textual.app import App
    from textual.notifications import SeverityLevel

    from tui_reader.app_views import Place
    from tui_reader.search import SearchIndex
    from tui_reader.widgets.comment_tree import CommentTree
    from tui_reader.widgets.search_bar import SearchBar

    _Host = App[None]
else:
    _Host = object


class MatchSpans(Mapping[str, Spans]):
    """Where the matched words are in each matching comment's whole text, by comment id.

    The search hits only carry spans inside their snippets; a filter can match most of
    a 100,000-comment page, so spans are found when the tree first draws a comment,
    and kept.
    """

    def __init__(
        self, terms: frozenset[str], match_ids: Sequence[str], text_of: Callable[[str], str]
    ) -> None:
        self._terms = terms
        self._ids = frozenset(match_ids)
        self._text_of = text_of
        self._found: dict[str, Spans] = {}
        self._pieces: dict = {}  # `match_spans`' memo of analysed words

    def __getitem__(self, comment_id: str) -> Spans:
        found = self._found.get(comment_id)
        if found is None:
            if comment_id not in self._ids:
                raise KeyError(comment_id)
            from tui_reader.search import match_spans

            text = self._text_of(comment_id)
            found = tuple(match_spans(text, self._terms, self._pieces)) if self._terms else ()
            self._found[comment_id] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


_POSITION_TIMEOUT = 2.0  # seconds: long enough to read, short enough not to pile up


def hit_position(
    order: Sequence[str], matches: Sequence[str], current: str | None, target: str, forward: bool
) -> str:
    """`hit 2 of 3` for `target` among `matches` in tree `order`, and whether the step
    from `current` went past the end (`wrapped to first`) or the start (`wrapped to last`).
    """
    # Scans in C (filter, index), not a Python map of every comment: this runs on each
    # n/N, and a big page has 100,000 comments in `order`.
    wanted = set(matches)
    hits = list(filter(wanted.__contains__, order))
    text = f"hit {hits.index(target) + 1} of {len(hits)}"
    if current is not None and current in order:
        at, was = order.index(target), order.index(current)
        if at <= was if forward else at >= was:
            text += " · wrapped to first" if forward else " · wrapped to last"
    return text


class SearchMixin(_Host):
    """The search index and bar of the reader (mixed into `ReaderApp`)."""

    original_page: Page
    page: Page
    # The cache key of the bytes `original_page` was parsed from (None: not cached).
    cache_key: str | None
    comment_tree: CommentTree
    search_index: SearchIndex | None
    # The index of `original_page`; corrected views re-thread it.
    _base_index: SearchIndex | None
    # Every match of the last search, in page order (for `n`/`N`).
    search_matches: tuple[str, ...]
    _search_bar: SearchBar | None
    # Where the reader was when the search bar opened (it shrinks the tree).
    _search_place: Place | None

    if TYPE_CHECKING:  # provided by the views mixin

        def _place(self) -> Place | None: ...
        def _leave_tree(self, place: Place | None = None) -> None: ...
        def _restore(self, place: Place) -> None: ...
        def _tree_order(self) -> list[str]: ...
        def jump_to(self, comment_id: str) -> bool: ...
        def toast(
            self, message: str, *, severity: SeverityLevel = ..., timeout: float | None = None
        ) -> None: ...

    def _open_search(self) -> None:
        self.search_index = None
        self._base_index = None
        self.search_matches = ()
        self._search_bar = None
        self._search_place = None

    # -- the index ------------------------------------------------------------------------

    def _build_index(self) -> None:
        self.run_worker(self._indexed, thread=True, exclusive=True, group="search-index")

    def _indexed(self) -> None:
        """The index of the page as parsed (from the cache, or built and cached under
        the key of the bytes that were parsed), re-threaded for the corrections. After a
        correction only the re-threading runs: the cache is not touched again."""
        original = self.original_page
        base = self._base_index
        if base is None:
            from tui_reader import cache

            key = self.cache_key
            base = until_cancelled(lambda stop: cache.index_for(original, key, stop))
            if base is None:
                return
        page = self.page
        index = base if page is original else base.with_threads(in_parsed_order(page, original))
        self.call_from_thread(self._index_ready, index, page, base)

    def _index_ready(self, index: SearchIndex, page: Page, base: SearchIndex) -> None:
        self._base_index = base
        if page is not self.page:  # corrected meanwhile: the flags are stale
            self._build_index()
            return
        self.search_index = index
        if self._search_bar is not None:
            self._search_bar.set_index(index)

    # -- the bar ----------------------------------------------------------------------------

    def _searching(self) -> bool:
        bar = self._search_bar
        return bar is not None and bar.display and bar.has_focus_within

    async def action_search(self) -> None:
        """Open the search bar (mounted on first use: start-up does not pay for it).

        The input has the focus before the app handles another key: "/" and a word
        typed in one burst (or pasted) must all land in the bar, not move the tree.
        Awaiting the mount holds the keys behind it in the app's queue.
        """
        from tui_reader.widgets.search_bar import SearchBar

        bar = self._search_bar
        if bar is None or not bar.display:
            self._search_place = self._place()
        if bar is None:
            bar = self._search_bar = SearchBar(
                self.original_page, self.search_index, id="search-bar"
            )
            bar.border_title = "Search"
            bar.border_subtitle = "⏎ go to · ctrl+f filter the tree · esc close"
            await self.screen.mount(bar, before=self.screen.query_one("#body"))
        bar.display = True
        bar.focus_input()

    def on_key(self, event: events.Key) -> None:
        """Keys typed right after "/", in one burst or a paste, were handed to the pane
        that had the focus before the input took it, and come back here unhandled:
        give them to the input (they must not be lost, nor run "q" as quit)."""
        bar = self._search_bar
        if bar is not None and event.is_printable and self._searching():
            event.prevent_default()
            event.stop()
            bar.type_key(event.key, event.character)

    def _close_search(self) -> Place | None:
        """Hide the bar; returns where the reader was when it opened."""
        if self._search_bar is not None:
            self._search_bar.display = False
        self.comment_tree.focus()
        place, self._search_place = self._search_place, None
        return place

    def _search_chosen(self, event: SearchBar.Chosen) -> None:
        self.search_matches = event.match_ids
        self._close_search()
        self.jump_to(event.comment_id)

    def _search_filtered(self, event: SearchBar.Filtered) -> None:
        self.search_matches = event.match_ids
        self._leave_tree(self._close_search())
        self.comment_tree.show_filtered(event.match_ids, self._match_spans(event), event.query)

    def _match_spans(self, event: SearchBar.Filtered) -> Mapping[str, Spans] | None:
        index = self.search_index
        if index is None:
            return None
        view_index = self.comment_tree.page_view.index

        def text_of(comment_id: str) -> str:
            return view_index.comments[view_index.by_id[comment_id]].text

        return MatchSpans(index.matched_terms(event.query), event.match_ids, text_of)

    def _search_closed(self) -> None:
        """Back where the reader was, once the tree has its full height again."""
        place = self._close_search()
        if place is not None:
            self.call_after_refresh(self._restore, place)

    # -- n / N ------------------------------------------------------------------------------

    def _step_match(self, forward: bool) -> None:
        if not self.search_matches:
            self.toast("No search yet: press / to search", severity="warning")
            return
        order = self._tree_order()
        current = self.comment_tree.selected_id
        target = step_match(order, self.search_matches, current, forward)
        if target is not None:
            self.comment_tree.select(target)
            # The bar is closed by now: a short toast says where `n`/`N` landed.
            where = hit_position(order, self.search_matches, current, target, forward)
            self.toast(where, timeout=_POSITION_TIMEOUT)

    def action_next_match(self) -> None:
        self._step_match(forward=True)

    def action_previous_match(self) -> None:
        self._step_match(forward=False)
