"""Pilot tests of where a jump lands (a fifth down the screen) and of `w` on a starter.

Plain j/k keep their minimal scrolling; a jump to a comment that was not on screen
(select, `p`, back to the tree from a chapter view) puts it near the top so its
replies show below it. `w` on a thread starter says why it is top-level.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pilot_support import pilot_test, reader_app, wait_for_workers
from test_comment_tree import comment, run
from tui_reader.model import Page
from tui_reader.thread_view import SubsetItem
from tui_reader.widgets import CommentTree
from tui_reader.widgets.comment_tree import (
    JUMP_CONTEXT,
    PINNED_WHY,
    STARTER_BY_USER,
    STARTER_WHY,
)

SHARED_PAGE = Path("/work/shared/pages/000_f766a070b5e69cd3.txt")


def threads_page(threads: int = 12, replies: int = 3) -> Page:
    """A lead comment, then threads of a starter and `replies` replies each."""
    comments = [comment("lead")]
    for t in range(threads):
        comments.append(comment(f"s{t}"))
        comments.extend(comment(f"s{t}r{r}", f"s{t}") for r in range(replies))
    return Page(title="Threads", comments=tuple(comments))


def offset_on_screen(tree: CommentTree, comment_id: str) -> int:
    """Screen row of a comment's first line (negative or past the end when off screen)."""
    view = tree.page_view
    head = 0 if tree.mode == "tree" else 1
    return head + view.line_of(view.index.by_id[comment_id]) - round(tree.scroll_y)


def fully_shown(tree: CommentTree, comment_id: str) -> bool:
    view = tree.page_view
    row = offset_on_screen(tree, comment_id)
    end = row + view.height_of(view.index.by_id[comment_id]) - 1  # the spacer may be cut
    return row >= 0 and end <= tree.scrollable_content_region.height


def jump_row(tree: CommentTree) -> int:
    return tree.scrollable_content_region.height // JUMP_CONTEXT


@pilot_test
async def test_select_puts_a_comment_off_screen_a_fifth_down_with_its_replies() -> None:
    async with run([], page=threads_page(), size=(80, 30)) as (_, tree, pilot):
        assert not fully_shown(tree, "s8")
        tree.select("s8")
        await pilot.pause()
        assert offset_on_screen(tree, "s8") == jump_row(tree) > 0
        assert all(fully_shown(tree, f"s8r{r}") for r in range(3))


@pilot_test
async def test_select_leaves_the_screen_alone_when_the_comment_is_on_it() -> None:
    async with run([], page=threads_page(), size=(80, 30)) as (_, tree, pilot):
        tree.select("s1")
        await pilot.pause()
        assert fully_shown(tree, "s1") and tree.scroll_y == 0


@pilot_test
async def test_j_still_scrolls_as_little_as_it_can() -> None:
    async with run([], page=threads_page(), size=(80, 30)) as (_, tree, pilot):
        while tree.scroll_y == 0:
            await pilot.press("j")
        cursor = tree.selected_id
        assert cursor is not None and fully_shown(tree, cursor)
        # It came in over the bottom edge and stays there: its last line is the last row.
        view = tree.page_view
        end = offset_on_screen(tree, cursor) + view.height_of(view.cursor)
        assert end == tree.scrollable_content_region.height
        assert offset_on_screen(tree, cursor) > jump_row(tree)


@pilot_test
async def test_next_thread_off_screen_lands_a_fifth_down_with_its_replies() -> None:
    """] to a starter below the screen is a jump: its replies show under it, not
    off the bottom edge. A starter already on screen does not move the view."""
    async with run([], page=threads_page(), size=(80, 30)) as (_, tree, pilot):
        await pilot.press("]")  # to s0, on screen
        await pilot.pause()
        assert tree.selected_id == "s0" and tree.scroll_y == 0
        while fully_shown(tree, next_starter(tree)):
            await pilot.press("]")
            await pilot.pause()
        target = next_starter(tree)
        await pilot.press("]")
        await pilot.pause()
        assert tree.selected_id == target
        assert offset_on_screen(tree, target) == jump_row(tree)
        assert all(fully_shown(tree, f"{target}r{r}") for r in range(3))


def next_starter(tree: CommentTree) -> str:
    cursor = tree.selected_id
    assert cursor is not None
    number = int(cursor[1:].split("r")[0]) if cursor.startswith("s") else -1
    return f"s{number + 1}"


@pilot_test
async def test_p_from_far_down_a_thread_puts_its_starter_a_fifth_down() -> None:
    page = threads_page(threads=2, replies=20)
    async with run([], page=page, size=(80, 30)) as (_, tree, pilot):
        tree.select("s1r19")
        await pilot.pause()
        assert not fully_shown(tree, "s1")
        await pilot.press("p")
        assert tree.selected_id == "s1"
        assert offset_on_screen(tree, "s1") == jump_row(tree)


@pilot_test
async def test_p_on_screen_does_not_scroll() -> None:
    async with run([], page=threads_page(), size=(80, 30)) as (_, tree, pilot):
        tree.select("s1r1")
        await pilot.pause()
        await pilot.press("p")
        assert tree.selected_id == "s1" and tree.scroll_y == 0


@pilot_test
async def test_opening_a_comment_from_a_subset_puts_it_a_fifth_down() -> None:
    async with run([], page=threads_page(), size=(80, 30)) as (_, tree, pilot):
        tree.show_subset([SubsetItem("s2r0"), SubsetItem("s9")], "a chapter")
        await pilot.pause()
        await pilot.press("j", "space")
        assert tree.mode == "tree" and tree.selected_id == "s9"
        assert offset_on_screen(tree, "s9") == jump_row(tree)
        assert all(fully_shown(tree, f"s9r{r}") for r in range(3))


@pilot_test
async def test_a_jump_to_a_comment_near_the_end_shows_the_end() -> None:
    async with run([], page=threads_page(), size=(80, 30)) as (_, tree, pilot):
        tree.select("s11r2")
        await pilot.pause()
        assert fully_shown(tree, "s11r2")
        assert tree.scroll_y == tree.max_scroll_y


@pilot_test
async def test_chapter_comment_opened_in_the_tree_shows_its_replies(demo) -> None:
    """The review's steps: chapter 3:20, its second comment, space."""
    app = reader_app(demo)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("tab", "j", "j", "j", "enter", "tab", "j", "space")
        await pilot.pause()
        tree = app.comment_tree
        view = tree.page_view
        assert tree.mode == "tree" and view.cursor is not None
        assert view.index.comments[view.cursor].author == "torque_and_tea"
        assert offset_on_screen(tree, view.index.comments[view.cursor].id) == jump_row(tree)
        members = view.index.threads[view.index.thread_of[view.cursor]]
        assert len(members) == 3
        assert all(fully_shown(tree, view.index.comments[m].id) for m in members)


# -- w on a thread starter ---------------------------------------------------------------


def why_page() -> Page:
    return Page(
        title="Why",
        comments=(
            comment("pin", pinned=True),
            comment("plain"),
            comment("plain1", "plain", reason="mention"),
            comment("mine", reason="user"),
        ),
    )


@pytest.mark.parametrize(
    ("keys", "expected"),
    [(["g"], PINNED_WHY), (["g", "j"], STARTER_WHY)],
)
@pilot_test
async def test_w_on_a_starter_says_why_it_is_top_level(keys: list[str], expected: str) -> None:
    async with run(keys, page=why_page()) as (app, tree, pilot):
        before = tree.page_view.total_lines
        await pilot.press("w")
        assert [text for kind, text in app.messages if kind == "explained"] == [expected]
        assert tree.page_view.total_lines == before  # no line added to the tree


@pilot_test
async def test_w_on_a_reply_and_on_a_user_starter_shows_the_why_line() -> None:
    async with run(["g", "j", "j"], page=why_page()) as (_, tree, pilot):
        assert tree.selected_id == "plain1"
        await pilot.press("w")
        assert "why here: answers an @@handle" in "\n".join(
            tree.render_line(y).text for y in range(tree.scrollable_content_region.height)
        )
        await pilot.press("j", "w")
        assert tree.selected_id == "mine"
        screen = "\n".join(
            tree.render_line(y).text for y in range(tree.scrollable_content_region.height)
        )
        assert f"why here: {STARTER_BY_USER} [user]" in screen


@pytest.mark.skipif(not SHARED_PAGE.exists(), reason="the shared page is not here")
@pilot_test
async def test_w_on_a_starter_of_the_shared_page_shows_a_toast() -> None:
    from textual.widgets._toast import Toast

    from tui_reader.parse import load_page

    app = reader_app(load_page(str(SHARED_PAGE)))
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        await pilot.press("g", "j", "j")
        view = app.comment_tree.page_view
        assert view.cursor is not None and view.index.is_starter(view.cursor)
        await pilot.press("w")
        await pilot.pause()
        toasts = [Toast(n).render().plain for n in app._notifications]
        assert any(STARTER_WHY in text for text in toasts), toasts
