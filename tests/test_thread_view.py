"""The comment tree's pure logic: threads, folding, modes, cursor moves and line lookups."""

from __future__ import annotations

import random
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.model import Comment, Page
from tui_reader.thread_view import Fenwick, Row, SubsetItem, ThreadIndex, ThreadView, step_match


def make_page(spec: list[tuple[str, str | None]], **extra: dict) -> Page:
    """A page from (id, parent id) pairs; authors are "u" + id unless overridden."""
    comments = []
    for cid, parent in spec:
        fields = {"author": f"u{cid}", "reason": None if parent is None else "order"}
        fields.update(extra.get(cid, {}))
        comments.append(
            Comment(
                id=cid,
                age="1 day ago",
                age_seconds=86400,
                text=f"text of {cid}",
                parent=parent,
                **fields,
            )
        )
    return Page(title="t", comments=tuple(comments))


# a: a1 a2 | b | c: c1 | d: d1 d2 d3
SPEC = [
    ("a", None),
    ("a1", "a"),
    ("a2", "a"),
    ("b", None),
    ("c", None),
    ("c1", "c"),
    ("d", None),
    ("d1", "d"),
    ("d2", "d"),
    ("d3", "d"),
]
ALL = [cid for cid, _ in SPEC]


def view(spec: list[tuple[str, str | None]] = SPEC) -> ThreadView:
    return ThreadView(make_page(spec))


def cid(v: ThreadView, position: int | None) -> str | None:
    return None if position is None else v.index.comments[position].id


def pos(v: ThreadView, comment_id: str) -> int:
    return v.index.by_id[comment_id]


def test_index_groups_replies_under_starters() -> None:
    index = ThreadIndex(make_page(SPEC).comments)
    assert [[index.comments[p].id for p in t] for t in index.threads] == [
        ["a", "a1", "a2"],
        ["b"],
        ["c", "c1"],
        ["d", "d1", "d2", "d3"],
    ]
    assert index.reply_count(3) == 3


def test_orphan_reply_becomes_a_starter_and_nothing_is_lost() -> None:
    v = view([("x", "missing"), ("y", None), ("z", "y")])
    assert v.visible_ids() == ["x", "y", "z"]
    assert len(v.index.threads) == 2


def test_reply_listed_away_from_its_starter_is_shown_under_it() -> None:
    v = view([("a", None), ("b", None), ("a1", "a")])
    assert v.visible_ids() == ["a", "a1", "b"]


def test_starts_expanded_with_cursor_on_first() -> None:
    v = view()
    assert v.visible_ids() == ALL
    assert v.selected_id == "a"
    assert v.total_lines == len(ALL)


def test_empty_page() -> None:
    v = view([])
    assert v.visible_ids() == []
    assert v.selected_id is None
    assert v.first() is None and v.last() is None
    assert v.at_line(0) is None


def test_next_previous_first_last() -> None:
    v = view()
    assert cid(v, v.next(pos(v, "a2"))) == "b"
    assert cid(v, v.previous(pos(v, "b"))) == "a2"
    assert v.previous(pos(v, "a")) is None
    assert v.next(pos(v, "d3")) is None
    assert cid(v, v.first()) == "a"
    assert cid(v, v.last()) == "d3"


def test_collapse_from_a_deep_reply_folds_thread_and_lands_on_starter() -> None:
    v = view()
    v.cursor = pos(v, "d2")
    assert v.collapse(v.cursor)
    assert v.selected_id == "d"
    assert v.visible_ids() == ["a", "a1", "a2", "b", "c", "c1", "d"]
    assert v.row(pos(v, "d")).hidden_replies == 3
    assert v.is_collapsed(pos(v, "d"))


def test_collapse_without_replies_does_nothing() -> None:
    v = view()
    assert not v.collapse(pos(v, "b"))
    assert v.visible_ids() == ALL


def test_toggle_on_starter_and_on_reply() -> None:
    v = view()
    a = pos(v, "a")
    assert v.toggle(a)
    assert "a1" not in v.visible_ids()
    assert v.toggle(a)
    assert "a1" in v.visible_ids()
    v.cursor = pos(v, "c1")
    assert v.toggle(v.cursor)
    assert v.selected_id == "c"
    assert "c1" not in v.visible_ids()


def test_navigation_skips_folded_replies() -> None:
    v = view()
    v.collapse(pos(v, "a"))
    assert cid(v, v.next(pos(v, "a"))) == "b"
    assert cid(v, v.previous(pos(v, "b"))) == "a"


def test_collapse_all_and_expand_all() -> None:
    v = view()
    v.cursor = pos(v, "d1")
    v.collapse_all()
    assert v.visible_ids() == ["a", "b", "c", "d"]
    assert v.selected_id == "d"
    v.expand_all()
    assert v.visible_ids() == ALL
    assert v.selected_id == "d"


def test_threads_and_parent() -> None:
    v = view()
    assert cid(v, v.next_thread(pos(v, "a1"))) == "b"
    assert cid(v, v.next_thread(pos(v, "c1"))) == "d"
    assert v.next_thread(pos(v, "d2")) is None
    assert cid(v, v.previous_thread(pos(v, "d"))) == "c"
    assert cid(v, v.previous_thread(pos(v, "c1"))) == "b"
    assert v.previous_thread(pos(v, "a2")) is None
    assert cid(v, v.parent(pos(v, "d3"))) == "d"
    assert v.parent(pos(v, "d")) is None


def test_lines_follow_heights() -> None:
    page = make_page(SPEC)
    v = ThreadView(page, measure=lambda row: 3 if row.is_starter else 2)
    assert v.line_of(pos(v, "a1")) == 3
    assert v.line_of(pos(v, "b")) == 7
    assert v.at_line(8) == (pos(v, "b"), 1)
    assert v.total_lines == 4 * 3 + 6 * 2
    v.collapse(pos(v, "a"))
    assert v.line_of(pos(v, "b")) == 3
    assert v.at_line(v.total_lines) is None


def test_remeasure_changes_one_height() -> None:
    heights = {"b": 5}
    v = ThreadView(make_page(SPEC), measure=lambda row: heights.get(row.comment.id, 1))
    assert v.height_of(pos(v, "b")) == 5
    heights["b"] = 2
    v.remeasure(pos(v, "b"))
    assert v.height_of(pos(v, "b")) == 2
    assert v.line_of(pos(v, "c")) == 3 + 2


def test_reason_toggle_changes_measure_input() -> None:
    v = ThreadView(make_page(SPEC), measure=lambda row: 2 if row.show_reason else 1)
    assert v.toggle_reason(pos(v, "a1"))
    assert v.height_of(pos(v, "a1")) == 2
    assert not v.toggle_reason(pos(v, "a"))  # a starter has no reason
    assert v.toggle_reason(pos(v, "a1"))
    assert v.height_of(pos(v, "a1")) == 1


def test_row_marks_starter_speaking_again_and_reply_counts() -> None:
    v = ThreadView(make_page(SPEC, d2={"author": "ud"}))
    assert v.row(pos(v, "d2")).by_starter
    assert not v.row(pos(v, "d1")).by_starter
    assert v.row(pos(v, "d")).reply_count == 3
    assert v.row(pos(v, "d1")).indent == 1


def test_inferred_follows_weak_reasons(monkeypatch) -> None:
    from tui_reader import reasons

    monkeypatch.setattr(reasons, "WEAK_REASONS", frozenset({"order"}))
    v = view()
    assert v.row(pos(v, "a1")).inferred
    assert not v.row(pos(v, "a")).inferred


def test_select_unfolds_and_unknown_is_false() -> None:
    v = view()
    v.collapse_all()
    assert v.select("d2")
    assert v.selected_id == "d2"
    assert "d3" in v.visible_ids()
    assert not v.select("nope")
    assert v.selected_id == "d2"


def test_filtered_keeps_starters_for_context_and_folds_the_rest() -> None:
    v = view()
    v.show_filtered({"a2", "c", "d3"})
    assert v.mode == "filtered"
    assert v.visible_ids() == ["a", "a2", "c", "d", "d3"]
    assert v.row(pos(v, "a")).context
    assert not v.row(pos(v, "c")).context
    assert v.row(pos(v, "a")).hidden_replies == 1
    assert v.row(pos(v, "d")).hidden_replies == 2
    assert v.matches == {pos(v, "a2"), pos(v, "c"), pos(v, "d3")}
    assert cid(v, v.next_thread(pos(v, "a2"))) == "c"
    assert cid(v, v.previous_thread(pos(v, "d"))) == "c"


def test_filtered_expand_reveals_whole_thread_and_collapse_folds_it() -> None:
    v = view()
    v.show_filtered({"d3"})
    d = pos(v, "d")
    assert v.toggle(d)
    assert v.visible_ids() == ["d", "d1", "d2", "d3"]
    assert v.toggle(d)
    assert v.visible_ids() == ["d"]


def test_filtered_then_all_keeps_selection_and_tree_folds() -> None:
    v = view()
    v.collapse(pos(v, "a"))
    v.show_filtered({"d2"})
    assert v.selected_id == "d"  # the old cursor is not shown: first visible
    v.collapse_all()  # folds inside the filter only
    assert v.visible_ids() == ["d"]
    v.expand(pos(v, "d"))
    assert v.move_to(pos(v, "d2"))
    v.show_all()
    assert v.mode == "tree"
    assert v.selected_id == "d2"
    assert v.visible_ids() == ["a", "b", "c", "c1", "d", "d1", "d2", "d3"]


def test_filtered_with_no_match_is_empty() -> None:
    v = view()
    v.show_filtered(["unknown"])
    assert v.visible_ids() == []
    assert v.selected_id is None
    v.show_all()
    assert v.selected_id == "a"


def test_subset_is_flat_in_given_order_and_returns_to_tree() -> None:
    v = view()
    v.cursor = pos(v, "b")
    items = [
        SubsetItem("d2", spans=((0, 4),)),
        SubsetItem("a", label="matched by words"),
        SubsetItem("zz"),
        SubsetItem("a"),
        SubsetItem("d1"),
    ]
    v.show_subset(items, "Chapter 1")
    assert v.mode == "subset"
    assert v.subset_title == "Chapter 1"
    assert v.visible_ids() == ["d2", "a", "d1"]
    assert v.selected_id == "d2"
    row = v.row(pos(v, "d2"))
    assert row.indent == 0 and row.item is not None and row.item.spans == ((0, 4),)
    assert v.row(pos(v, "a")).item.label == "matched by words"
    assert not v.collapse(pos(v, "d2"))
    assert cid(v, v.next_thread(pos(v, "d2"))) == "a"
    assert cid(v, v.previous_thread(pos(v, "d1"))) == "a"
    v.cursor = pos(v, "d1")
    v.collapse_all()
    assert v.visible_ids() == ["d2", "a", "d1"]
    v.show_all()
    assert v.selected_id == "d1"
    assert v.visible_ids() == ALL


def test_select_outside_subset_goes_back_to_tree() -> None:
    v = view()
    v.show_subset([SubsetItem("b")], "x")
    assert v.select("c1")
    assert v.mode == "tree"
    assert v.selected_id == "c1"


def test_fenwick_find_skips_zero_heights() -> None:
    f = Fenwick([2, 0, 0, 3, 1])
    assert f.total == 6
    assert f.find(0) == (0, 0)
    assert f.find(1) == (0, 1)
    assert f.find(2) == (3, 0)
    assert f.find(5) == (4, 0)
    assert f.find(6) == (5, 0)
    f.set(1, 4)
    assert f.find(2) == (1, 0)
    assert f.prefix(3) == 6


@st.composite
def pages_and_ops(draw: st.DrawFn) -> tuple[list[tuple[str, str | None]], list[tuple[str, int]]]:
    size = draw(st.integers(0, 25))
    spec: list[tuple[str, str | None]] = []
    starters: list[str] = []
    for i in range(size):
        if starters and draw(st.booleans()):
            spec.append((f"c{i}", draw(st.sampled_from(starters))))
        else:
            spec.append((f"c{i}", None))
            starters.append(f"c{i}")
    ops = draw(
        st.lists(
            st.tuples(
                st.sampled_from(
                    [
                        "collapse",
                        "expand",
                        "toggle",
                        "collapse_all",
                        "expand_all",
                        "next",
                        "previous",
                        "next_thread",
                        "previous_thread",
                        "filter",
                        "all",
                        "reason",
                    ]
                ),
                st.integers(0, 1000),
            ),
            max_size=20,
        )
    )
    return spec, ops


def check_invariants(v: ThreadView, measure: Callable[[Row], int]) -> None:
    index = v.index
    ids = v.visible_ids()
    positions = [index.by_id[i] for i in ids]
    # Rows come in thread order, each thread's comments in page order.
    assert [index.slot_of[p] for p in positions] == sorted(index.slot_of[p] for p in positions)
    for p in positions:
        thread = index.thread_of[p]
        starter = index.starter(thread)
        assert starter in positions  # every visible reply has its starter shown
        if v.mode == "tree":
            if p != starter:
                assert not v.is_collapsed(p)
        else:
            assert thread in {index.thread_of[m] for m in v.matches}
    if v.mode == "tree":
        assert {index.starter(t) for t in range(len(index.threads))} <= set(positions)
    # Lines tile exactly: each visible row starts where the previous one ended.
    line = 0
    for p in positions:
        assert v.height_of(p) == measure(v.row(p))  # bulk estimates agree with rows
        assert v.line_of(p) == line
        assert v.at_line(line) == (p, 0)
        line += v.height_of(p)
    assert v.total_lines == line
    assert v.cursor is None or v.is_visible(v.cursor)
    assert (v.cursor is None) == (not ids)


@settings(max_examples=60, deadline=None)
@given(pages_and_ops())
def test_invariants_hold_after_any_operations(case) -> None:
    spec, ops = case
    rng = random.Random(len(spec))
    heights = {cid: rng.randint(1, 4) for cid, _ in spec}

    def measure(row: Row) -> int:
        return heights[row.comment.id] + (row.hidden_replies > 0) + row.show_reason

    def estimate(comment: Comment, indent: int) -> int:
        return heights[comment.id]

    v = ThreadView(make_page(spec), measure=measure, estimate=estimate)
    check_invariants(v, measure)
    for name, seed in ops:
        target = v.cursor
        if name == "collapse" and target is not None:
            v.collapse(target)
        elif name == "expand" and target is not None:
            v.expand(target)
        elif name == "toggle" and target is not None:
            v.toggle(target)
        elif name == "collapse_all":
            v.collapse_all()
        elif name == "expand_all":
            v.expand_all()
        elif name == "reason" and target is not None:
            v.toggle_reason(target)
        elif name in {"next", "previous", "next_thread", "previous_thread"} and target is not None:
            moved = getattr(v, name)(target)
            if moved is not None:
                assert v.move_to(moved)
        elif name == "filter" and spec:
            picked = {spec[(seed + k * 7) % len(spec)][0] for k in range(seed % 4)}
            v.show_filtered(picked)
        elif name == "all":
            before = v.cursor
            v.show_all()
            if before is not None:
                assert v.cursor == before
        check_invariants(v, measure)


def test_folded_starters_survive_into_a_new_view() -> None:
    v = view()
    v.cursor = pos(v, "d2")
    v.collapse(pos(v, "d"))
    v.collapse(pos(v, "b"))  # no replies: not folded
    assert v.folded_starters() == ["d"]
    again = view()
    again.cursor = pos(again, "d3")
    again.fold_starters(["d", "missing"])
    assert again.visible_ids() == ["a", "a1", "a2", "b", "c", "c1", "d"]
    assert again.selected_id == "d"


def test_filtered_rows_carry_their_spans_and_context_rows_none() -> None:
    v = view()
    v.show_filtered({"a2", "d"}, spans={"a2": ((0, 4),), "d": ((8, 9),)}, title="text")
    assert v.filter_title == "text"
    assert v.row(pos(v, "a2")).spans == ((0, 4),)
    assert v.row(pos(v, "d")).spans == ((8, 9),)
    assert v.row(pos(v, "a")).spans == ()  # a starter kept for context only
    v.show_all()
    assert v.row(pos(v, "a2")).spans == (), "the whole tree highlights nothing"


def test_subset_rows_carry_their_items_spans() -> None:
    v = view()
    v.show_subset([SubsetItem("c1", ((2, 5),), "label")], "t")
    assert v.row(pos(v, "c1")).spans == ((2, 5),)


def test_show_all_at_a_place_leaves_the_views_cursor_thread_folded() -> None:
    v = view()
    v.collapse(pos(v, "d"))  # folded in the tree
    v.show_filtered({"d2"})
    v.expand(pos(v, "d"))
    assert v.move_to(pos(v, "d2"))
    v.show_all(at="b")
    assert v.selected_id == "b"
    assert v.visible_ids() == ["a", "a1", "a2", "b", "c", "c1", "d"], "d stays folded"


def test_show_all_at_a_hidden_comment_unfolds_only_its_thread() -> None:
    v = view()
    v.collapse_all()
    v.show_filtered({"b"})
    v.show_all(at="d3")
    assert v.selected_id == "d3"
    assert v.visible_ids() == ["a", "b", "c", "d", "d1", "d2", "d3"]
    v.show_filtered({"b"})
    v.show_all(at="no-such-id")  # unknown: back on the view's own comment
    assert v.selected_id == "b"


def test_the_tree_modules_do_not_import_the_parser() -> None:
    """The parse package costs start-up time; the tree only needs the reason names."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys; import tui_reader.thread_view, tui_reader.widgets.comment_tree; "
        "assert 'tui_reader.parse' not in sys.modules, sorted(sys.modules)"
    )
    source = str(Path(__file__).resolve().parents[1] / "src")
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={**os.environ, "PYTHONPATH": source})


def test_reason_names_are_the_parsers() -> None:
    from tui_reader import reasons
    from tui_reader.parse import threads

    assert threads.WEAK_REASONS is reasons.WEAK_REASONS
    assert threads.REASONS == reasons.REASONS


# -- page-order helpers without Textual (n/N, corrected pages in parsed order) ---------


def test_step_match_wraps_in_tree_order() -> None:
    order = ["a", "b", "c", "d"]
    assert step_match(order, {"b", "d"}, "b", forward=True) == "d"
    assert step_match(order, {"b", "d"}, "d", forward=True) == "b"
    assert step_match(order, {"b", "d"}, "b", forward=False) == "d"
    assert step_match(order, {"b"}, None, forward=True) == "b"
    assert step_match(order, set(), "a", forward=True) is None


def test_in_parsed_order_puts_a_corrected_page_back_in_page_order() -> None:
    import attrs

    from tui_reader.page_order import in_parsed_order

    original = make_page(SPEC)
    shuffled = attrs.evolve(original, comments=tuple(reversed(original.comments)))
    assert in_parsed_order(shuffled, original).comments == original.comments
