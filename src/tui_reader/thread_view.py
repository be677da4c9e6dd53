"""What the comment tree shows, without Textual: threads, folding, modes, cursor and lines.

The widget asks this module "which comment is on line y" and "where does comment c
start", so every answer must cost O(log n), not O(n), on a 100,000-comment page.
Comments are laid out in thread order (each starter followed by its replies) and a
Fenwick tree holds the line height of every slot, 0 for hidden ones: folding a thread
updates the heights of its own replies only, and line <-> comment lookups are binary
searches. Heights come from callbacks: a cheap `estimate(comment, indent)` for whole
rebuilds (no per-row objects: 100,000 of them cost a visible pause; extra lines such
as "N replies hidden" count one line each) and
`measure(row)` for single rows, so the widget can correct a comment's height once it
has really wrapped it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Literal, NamedTuple

from tui_reader import reasons
from tui_reader.model import Comment, Page

Mode = Literal["tree", "subset", "filtered"]
# (start, end) character offsets into a comment's raw text, to highlight.
Spans = tuple[tuple[int, int], ...]

# Per-thread fold states. MATCHES only occurs in filtered mode: the thread shows the
# replies that matched and folds the others away.
COLLAPSED = 0
MATCHES = 1
EXPANDED = 2


class SubsetItem(NamedTuple):
    """One comment of a flat result list (a chapter's comments), with what to highlight.

    `spans` are (start, end) character offsets into the comment's text; `label` says
    why it is listed, e.g. "matched by words".
    """

    comment_id: str
    spans: Spans = ()
    label: str | None = None


class Row(NamedTuple):
    """One visible comment and everything the widget needs to draw it.

    Records internal to the reader are named tuples: an attrs class costs its module a
    compiled `__init__`/`__eq__`/`__hash__` at import, which the first paint waits for.
    """

    position: int
    comment: Comment
    thread: int
    is_starter: bool
    indent: int
    reply_count: int = 0
    hidden_replies: int = 0
    by_starter: bool = False
    inferred: bool = False
    show_reason: bool = False
    context: bool = False
    item: SubsetItem | None = None
    # What to highlight in the text: a subset item's spans, or a filter match's words.
    spans: Spans = ()


Measure = Callable[[Row], int]
Estimate = Callable[[Comment, int], int]


def unit_height(row: Row) -> int:
    """One line per comment: the height used when lines do not matter (tests, counting)."""
    return 1


class Fenwick:
    """Prefix sums of non-negative heights with O(log n) update and line lookup."""

    __slots__ = ("_n", "_step", "_tree", "_values")

    def __init__(self, values: list[int]) -> None:
        n = len(values)
        tree = [0, *values]
        for i in range(1, n + 1):
            j = i + (i & -i)
            if j <= n:
                tree[j] += tree[i]
        self._n = n
        self._tree = tree
        self._values = values
        self._step = 1 << max(n.bit_length() - 1, 0)

    def __len__(self) -> int:
        return self._n

    def value(self, i: int) -> int:
        return self._values[i]

    def set(self, i: int, value: int) -> None:
        delta = value - self._values[i]
        if not delta:
            return
        self._values[i] = value
        tree, n = self._tree, self._n
        i += 1
        while i <= n:
            tree[i] += delta
            i += i & -i

    def prefix(self, i: int) -> int:
        """Sum of the first `i` values."""
        tree = self._tree
        total = 0
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    @property
    def total(self) -> int:
        return self.prefix(self._n)

    def find(self, y: int) -> tuple[int, int]:
        """The slot holding line `y` and the line's offset in it; (n, 0) past the end."""
        if y < 0:
            return 0, 0
        tree, n = self._tree, self._n
        pos = 0
        rest = y
        step = self._step
        while step:
            nxt = pos + step
            if nxt <= n and tree[nxt] <= rest:
                pos = nxt
                rest -= tree[nxt]
            step >>= 1
        if pos >= n:
            return n, 0
        return pos, rest


class ThreadIndex:
    """The page's thread structure, computed once: who starts which thread, in what order.

    A reply whose parent is unknown (or comes later in the page) becomes a starter, so a
    damaged page still shows every comment exactly once.
    """

    __slots__ = (
        "by_id",
        "comments",
        "order",
        "slot_of",
        "starter_slots",
        "thread_of",
        "threads",
    )

    def __init__(self, comments: Sequence[Comment]) -> None:
        self.comments: tuple[Comment, ...] = tuple(comments)
        by_id: dict[str, int] = {}
        threads: list[list[int]] = []
        thread_of = [0] * len(self.comments)
        for position, comment in enumerate(self.comments):
            parent = by_id.get(comment.parent) if comment.parent is not None else None
            if parent is None:
                thread = len(threads)
                threads.append([position])
            else:
                thread = thread_of[parent]
                threads[thread].append(position)
            thread_of[position] = thread
            if comment.id not in by_id:
                by_id[comment.id] = position
        order: list[int] = []
        starter_slots: list[int] = []
        for members in threads:
            starter_slots.append(len(order))
            order.extend(members)
        slot_of = [0] * len(order)
        for slot, position in enumerate(order):
            slot_of[position] = slot
        self.by_id = by_id
        self.threads = threads
        self.thread_of = thread_of
        self.order = order
        self.slot_of = slot_of
        self.starter_slots = starter_slots

    def starter(self, thread: int) -> int:
        """Position of the thread's starter."""
        return self.threads[thread][0]

    def reply_count(self, thread: int) -> int:
        return len(self.threads[thread]) - 1

    def is_starter(self, position: int) -> bool:
        return self.threads[self.thread_of[position]][0] == position


class ThreadView:
    """The visible rows of one page and a cursor over them, in one of three modes.

    "tree" shows every thread with its own fold state; "filtered" shows only threads
    holding a match, each starter kept for context and non-matching replies folded;
    "subset" shows a given list of comments flat, in the given order. The tree's fold
    state survives the other modes, and the cursor stays on the same comment when
    returning to the tree.
    """

    def __init__(
        self, page: Page, measure: Measure = unit_height, estimate: Estimate | None = None
    ) -> None:
        self.index = ThreadIndex(page.comments)
        self._measure = measure
        self._estimate = estimate
        self._base: list[int] | None = None
        # Reasons that only infer a reply: read per view, not imported by name, so tests
        # can declare their own.
        self._weak = reasons.WEAK_REASONS
        thread_count = len(self.index.threads)
        self._tree_state = bytearray([EXPANDED]) * thread_count
        self._filter_state = bytearray(thread_count)
        self._shown = bytearray([1]) * thread_count
        self._matches: frozenset[int] = frozenset()
        self._match_spans: Mapping[str, Spans] = {}
        self.filter_title: str | None = None
        self._matched_replies = [0] * thread_count
        self._reason_shown: set[int] = set()
        self._subset: list[tuple[int, SubsetItem]] = []
        self._subset_slot: dict[int, int] = {}
        self.subset_title = ""
        self.mode: Mode = "tree"
        self._built: Fenwick | None = None  # heights, rebuilt lazily after wholesale changes
        self.cursor: int | None = self.index.order[0] if self.index.order else None

    # -- rows and slots -----------------------------------------------------------------

    def _state(self, thread: int) -> int:
        return self._filter_state[thread] if self.mode == "filtered" else self._tree_state[thread]

    def _slot(self, position: int) -> int | None:
        if self.mode == "subset":
            return self._subset_slot.get(position)
        return self.index.slot_of[position]

    def _position(self, slot: int) -> int:
        if self.mode == "subset":
            return self._subset[slot][0]
        return self.index.order[slot]

    def _tree_visible(self, position: int) -> bool:
        thread = self.index.thread_of[position]
        if not self._shown[thread]:
            return False
        if self.index.is_starter(position):
            return True
        state = self._state(thread)
        return state == EXPANDED or (state == MATCHES and position in self._matches)

    def row(self, position: int) -> Row:
        """How comment `position` is shown in the current mode (visible or not)."""
        index = self.index
        comment = index.comments[position]
        thread = index.thread_of[position]
        starter = index.starter(thread)
        is_starter = starter == position
        inferred = not is_starter and comment.reason in self._weak
        show_reason = position in self._reason_shown and comment.reason is not None
        item: SubsetItem | None = None
        if self.mode == "subset":
            slot = self._subset_slot.get(position)
            item = self._subset[slot][1] if slot is not None else None
        matched = self.mode == "filtered" and position in self._matches
        if item is not None:
            spans = item.spans
        else:
            spans = tuple(self._match_spans.get(comment.id, ())) if matched else ()
        return Row(
            position,
            comment,
            thread,
            is_starter,
            indent=0 if is_starter or self.mode == "subset" else 1,
            reply_count=index.reply_count(thread) if is_starter else 0,
            hidden_replies=self.hidden_replies(thread) if is_starter else 0,
            by_starter=not is_starter and comment.author == index.comments[starter].author,
            inferred=inferred,
            show_reason=show_reason,
            context=self.mode == "filtered" and is_starter and not matched,
            item=item,
            spans=spans,
        )

    def _height(self, position: int) -> int:
        if self.mode == "subset" or self._tree_visible(position):
            return max(1, self._measure(self.row(position)))
        return 0

    def _rebuild(self) -> None:
        """Forget every slot's height; the next lookup recomputes them all (O(n)), so
        several wholesale changes in a row (mode, width, fold all) cost one pass."""
        self._built = None

    @property
    def _lines(self) -> Fenwick:
        if self._built is None:
            self._built = self._build()
        return self._built

    def _build(self) -> Fenwick:
        if self.mode == "subset":
            positions: Sequence[int] = [position for position, _ in self._subset]
        else:
            positions = self.index.order
        if self._estimate is None:
            return Fenwick([self._height(position) for position in positions])
        return Fenwick(self._estimates(positions, self._estimate))

    def _base_heights(self, estimate: Estimate) -> list[int]:
        """Each comment's estimated height without extra lines, computed once per width."""
        if self._base is None:
            comments = self.index.comments
            base = [0] * len(comments)
            for members in self.index.threads:
                base[members[0]] = max(1, estimate(comments[members[0]], 0))
                for position in members[1:]:
                    base[position] = max(1, estimate(comments[position], 1))
            self._base = base
        return self._base

    def _estimates(self, positions: Sequence[int], estimate: Estimate) -> list[int]:
        """Every slot's estimated height: one extra line per hidden-replies note or
        reason shown. Whole threads are zeroed by slices, so folding or unfolding
        everything stays a few list operations per thread."""
        base = self._base_heights(estimate)
        states = self._filter_state if self.mode == "filtered" else self._tree_state
        if self.mode == "tree" and states.count(COLLAPSED) == len(states):
            # Everything folded ("-"): only starters, one pass over the threads.
            heights = [0] * len(positions)
            for first, members in zip(self.index.starter_slots, self.index.threads, strict=True):
                heights[first] = base[members[0]] + (len(members) > 1)
            return self._add_reason_lines(heights)
        heights = [base[position] for position in positions]
        if self.mode == "subset":
            for position in self._reason_shown:
                slot = self._subset_slot.get(position)
                if slot is not None:
                    heights[slot] += 1
            return heights
        if self.mode == "filtered" or states.count(EXPANDED) != len(states):
            shown = self._shown
            matches = self._matches
            matched = self._matched_replies
            starter_slots = self.index.starter_slots
            for thread, members in enumerate(self.index.threads):
                first = starter_slots[thread]
                replies = len(members) - 1
                if not shown[thread]:
                    heights[first : first + replies + 1] = [0] * (replies + 1)
                    continue
                state = states[thread]
                if not replies or state == EXPANDED:
                    continue
                if state == COLLAPSED:
                    heights[first + 1 : first + replies + 1] = [0] * replies
                    heights[first] += 1
                    continue
                for offset, position in enumerate(members[1:], start=1):
                    if position not in matches:
                        heights[first + offset] = 0
                if matched[thread] < replies:
                    heights[first] += 1
        return self._add_reason_lines(heights)

    def _add_reason_lines(self, heights: list[int]) -> list[int]:
        slot_of = self.index.slot_of
        for position in self._reason_shown:
            if heights[slot_of[position]]:
                heights[slot_of[position]] += 1
        return heights

    def _update(self, position: int) -> None:
        slot = self._slot(position)
        if slot is not None:
            self._lines.set(slot, self._height(position))

    def _update_thread(self, thread: int) -> None:
        for position in self.index.threads[thread]:
            self._update(position)

    def set_measure(self, measure: Measure, estimate: Estimate | None = None) -> None:
        """Use new height functions (e.g. after a width change) for every row."""
        self._measure = measure
        self._estimate = estimate
        self._base = None
        self._rebuild()

    def remeasure(self, position: int) -> None:
        """Ask `measure` again for one row, e.g. once its exact wrapped height is known."""
        self._update(position)

    # -- lines --------------------------------------------------------------------------

    @property
    def total_lines(self) -> int:
        return self._lines.total

    def is_visible(self, position: int) -> bool:
        slot = self._slot(position)
        return slot is not None and self._lines.value(slot) > 0

    def line_of(self, position: int) -> int:
        """First line of a visible comment."""
        slot = self._slot(position)
        if slot is None:
            raise KeyError(position)
        return self._lines.prefix(slot)

    def height_of(self, position: int) -> int:
        slot = self._slot(position)
        return 0 if slot is None else self._lines.value(slot)

    def at_line(self, y: int) -> tuple[int, int] | None:
        """(position, line offset inside it) of the comment on line `y`, or None."""
        if y < 0:
            return None
        slot, offset = self._lines.find(y)
        if slot >= len(self._lines):
            return None
        return self._position(slot), offset

    def visible_ids(self) -> list[str]:
        """Ids of every comment in the current view, in order (for export): one pass over
        the slots, no row built (on a 100,000-comment page, a walk row by row took 0.3 s)."""
        lines = self._lines
        comments = self.index.comments
        return [
            comments[self._position(slot)].id for slot in range(len(lines)) if lines.value(slot)
        ]

    # -- navigation (each returns a position or None; none moves the cursor) ------------

    def first(self) -> int | None:
        found = self.at_line(0)
        return None if found is None else found[0]

    def last(self) -> int | None:
        total = self._lines.total
        found = self.at_line(total - 1) if total else None
        return None if found is None else found[0]

    def next(self, position: int) -> int | None:
        slot = self._slot(position)
        if slot is None:
            return None
        found = self.at_line(self._lines.prefix(slot + 1))
        return None if found is None else found[0]

    def previous(self, position: int) -> int | None:
        slot = self._slot(position)
        if slot is None:
            return None
        found = self.at_line(self._lines.prefix(slot) - 1)
        return None if found is None else found[0]

    def parent(self, position: int) -> int | None:
        """The thread starter above a reply; None for a starter."""
        starter = self.index.starter(self.index.thread_of[position])
        return None if starter == position else starter

    def _leave_thread(self, position: int, step: Callable[[int], int | None]) -> int | None:
        """The first row `step` reaches that belongs to another thread (subset mode, where
        a thread's comments need not sit together)."""
        thread = self.index.thread_of[position]
        current = step(position)
        while current is not None and self.index.thread_of[current] == thread:
            current = step(current)
        return current

    def next_thread(self, position: int) -> int | None:
        """The next visible thread starter (in subset mode: the next item of another thread)."""
        if self.mode == "subset":
            return self._leave_thread(position, self.next)
        thread = self.index.thread_of[position]
        if thread + 1 >= len(self.index.threads):
            return None
        found = self.at_line(self._lines.prefix(self.index.starter_slots[thread + 1]))
        return None if found is None else found[0]

    def previous_thread(self, position: int) -> int | None:
        """The previous visible thread starter (subset mode: previous item of another thread)."""
        if self.mode == "subset":
            return self._leave_thread(position, self.previous)
        thread = self.index.thread_of[position]
        found = self.at_line(self._lines.prefix(self.index.starter_slots[thread]) - 1)
        if found is None:
            return None
        return self.index.starter(self.index.thread_of[found[0]])

    # -- folding ------------------------------------------------------------------------

    def hidden_replies(self, thread: int) -> int:
        """How many replies of `thread` are folded away right now."""
        if self.mode == "subset":
            return 0
        state = self._state(thread)
        if state == COLLAPSED:
            return self.index.reply_count(thread)
        if state == MATCHES:
            return self.index.reply_count(thread) - self._matched_replies[thread]
        return 0

    def is_collapsed(self, position: int) -> bool:
        """Whether the thread of `position` hides any of its replies right now."""
        return self.hidden_replies(self.index.thread_of[position]) > 0

    def _set_state(self, thread: int, state: int) -> bool:
        states = self._filter_state if self.mode == "filtered" else self._tree_state
        if states[thread] == state:
            return False
        states[thread] = state
        self._update_thread(thread)
        return True

    def collapse(self, position: int) -> bool:
        """Fold the whole thread of `position` from anywhere in it; the cursor lands on
        its starter when the cursor was inside it. Returns whether anything changed."""
        if self.mode == "subset":
            return False
        thread = self.index.thread_of[position]
        if self.index.reply_count(thread) == 0:
            return False
        changed = self._set_state(thread, COLLAPSED)
        if self.cursor is not None and self.index.thread_of[self.cursor] == thread:
            changed = changed or self.cursor != self.index.starter(thread)
            self.cursor = self.index.starter(thread)
        return changed

    def expand(self, position: int) -> bool:
        """Show every reply of the thread of `position`."""
        if self.mode == "subset":
            return False
        thread = self.index.thread_of[position]
        if self.index.reply_count(thread) == 0:
            return False
        return self._set_state(thread, EXPANDED)

    def toggle(self, position: int) -> bool:
        """Unfold a folded starter's thread; otherwise fold the thread of `position`."""
        if self.index.is_starter(position) and self.is_collapsed(position):
            return self.expand(position)
        return self.collapse(position)

    def _set_all(self, state: int) -> None:
        if self.mode == "subset":
            return
        states = self._filter_state if self.mode == "filtered" else self._tree_state
        states[:] = bytes([state]) * len(states)
        self._rebuild()

    def collapse_all(self) -> None:
        """Fold every thread; the cursor moves to its thread's starter."""
        self._set_all(COLLAPSED)
        if self.cursor is not None and self.mode != "subset":
            self.cursor = self.index.starter(self.index.thread_of[self.cursor])

    def expand_all(self) -> None:
        self._set_all(EXPANDED)

    def folded_starters(self) -> list[str]:
        """Ids of the starters whose threads are folded in the tree (to keep across reloads)."""
        index = self.index
        return [
            index.comments[members[0]].id
            for thread, members in enumerate(index.threads)
            if self._tree_state[thread] == COLLAPSED and len(members) > 1
        ]

    def fold_starters(self, starter_ids: Iterable[str]) -> None:
        """Fold, in the tree, the threads these comments belong to (unknown ids are skipped)."""
        index = self.index
        for comment_id in starter_ids:
            position = index.by_id.get(comment_id)
            if position is not None:
                self._tree_state[index.thread_of[position]] = COLLAPSED
        self._rebuild()
        if self.cursor is not None and not self.is_visible(self.cursor):
            self.cursor = index.starter(index.thread_of[self.cursor])

    def toggle_reason(self, position: int) -> bool:
        """Show or hide the line saying why a reply was placed where it is."""
        if self.index.comments[position].reason is None:
            return False
        if position in self._reason_shown:
            self._reason_shown.discard(position)
        else:
            self._reason_shown.add(position)
        self._update(position)
        return True

    # -- cursor -------------------------------------------------------------------------

    def move_to(self, position: int | None) -> bool:
        """Put the cursor on a visible comment; False (and no move) otherwise."""
        if position is None or not self.is_visible(position):
            return False
        self.cursor = position
        return True

    def reveal(self, position: int) -> None:
        """Make `position` visible: unfold its thread, or go back to the tree if the
        current view cannot show it."""
        if self.is_visible(position):
            return
        if self.mode == "filtered" and self._shown[self.index.thread_of[position]]:
            self.expand(position)
            return
        if self.mode != "tree":
            self.show_all()
        if not self.is_visible(position):
            self.expand(position)

    def select(self, comment_id: str) -> bool:
        """Reveal and put the cursor on a comment by id; False if the page has no such id."""
        position = self.index.by_id.get(comment_id)
        if position is None:
            return False
        self.reveal(position)
        self.cursor = position
        return True

    @property
    def selected_id(self) -> str | None:
        return None if self.cursor is None else self.index.comments[self.cursor].id

    # -- modes --------------------------------------------------------------------------

    def _settle_cursor(self) -> None:
        if self.cursor is None or not self.is_visible(self.cursor):
            self.cursor = self.first()

    def show_all(self, at: str | None = None) -> None:
        """Back to the full tree, on comment `at` (else the same comment), its thread
        unfolded if needed. Only that comment's thread is touched: returning to a saved
        place must not unfold the thread of the comment selected in the view."""
        position = self.index.by_id.get(at) if at is not None else None
        kept = self.cursor if position is None else position
        self.mode = "tree"
        self._shown[:] = bytes([1]) * len(self._shown)
        self._rebuild()
        if kept is not None and not self.is_visible(kept):
            self.expand(kept)
        self.cursor = kept
        self._settle_cursor()

    def show_filtered(
        self,
        match_ids: Collection[str],
        spans: Mapping[str, Spans] | None = None,
        title: str | None = None,
    ) -> None:
        """Only threads holding a match: starters for context, matching replies, the rest
        folded. `spans` (by comment id, read only for rows drawn, so it may be lazy) are
        highlighted in the matches; `title` says what was searched for."""
        index = self.index
        self._match_spans = spans if spans is not None else {}
        self.filter_title = title
        matches = frozenset(index.by_id[i] for i in match_ids if i in index.by_id)
        self._matches = matches
        thread_count = len(index.threads)
        self._shown = bytearray(thread_count)
        self._matched_replies = [0] * thread_count
        for position in matches:
            thread = index.thread_of[position]
            self._shown[thread] = 1
            if index.starter(thread) != position:
                self._matched_replies[thread] += 1
        self._filter_state = bytearray([MATCHES]) * thread_count
        self.mode = "filtered"
        self._rebuild()
        self._settle_cursor()

    def show_subset(self, items: Sequence[SubsetItem], title: str) -> None:
        """A flat list of the given comments in the given order (unknown ids and repeats
        are skipped)."""
        index = self.index
        subset: list[tuple[int, SubsetItem]] = []
        slots: dict[int, int] = {}
        for item in items:
            position = index.by_id.get(item.comment_id)
            if position is None or position in slots:
                continue
            slots[position] = len(subset)
            subset.append((position, item))
        self._subset = subset
        self._subset_slot = slots
        self.subset_title = title
        self.mode = "subset"
        self._rebuild()
        self.cursor = self.first()

    @property
    def subset_size(self) -> int:
        """How many comments the subset shows (0 outside subset mode)."""
        return len(self._subset) if self.mode == "subset" else 0

    @property
    def matches(self) -> frozenset[int]:
        """Positions of the filter's matches (empty outside filtered mode); no copy: the
        banner reads its size on every paint."""
        return self._matches if self.mode == "filtered" else frozenset()


def step_match(
    order: Sequence[str], matches: Collection[str], current: str | None, forward: bool
) -> str | None:
    """The next (or previous) match after `current` in tree `order`, wrapping around.

    For `n`/`N` after a search: `order` is every comment id in tree order.
    """
    if not matches or not order:
        return None
    try:
        start = order.index(current) if current is not None else -1
    except ValueError:
        start = -1
    size = len(order)
    # Callers hold the matches as a tuple (page order): one set, not a scan per candidate.
    wanted = set(matches)
    for step in range(1, size + 1):
        candidate = order[(start + step) % size if forward else (start - step) % size]
        if candidate in wanted:
            return candidate
    return None
