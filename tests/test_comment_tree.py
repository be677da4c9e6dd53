"""Pilot tests of the CommentTree widget: every binding, the public API, mouse, hostile text."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType

from pilot_support import pilot_test
from tui_reader.model import Comment, Page
from tui_reader.thread_view import SubsetItem
from tui_reader.widgets import CommentTree


def comment(cid: str, parent: str | None = None, **fields: object) -> Comment:
    values: dict[object, object] = {
        "author": f"user {cid}",
        "age": "3 days ago",
        "age_seconds": 3 * 86400,
        "text": f"Words written for comment {cid}, long enough to wrap once or twice here.",
        "reason": None if parent is None else "order",
    }
    values.update(fields)
    return Comment(id=cid, parent=parent, **values)


def small_page() -> Page:
    return Page(
        title="A page",
        comments=(
            comment("a", is_channel=True),
            comment("a1", "a"),
            comment("a2", "a", reply_to="user a1"),
            comment("a3", "a", author="user a"),
            comment("b"),
            comment("c"),
            comment("c1", "c"),
            comment("d"),
            comment("d1", "d"),
            comment("d2", "d"),
        ),
    )


def big_page(threads: int = 40) -> Page:
    comments = []
    for t in range(threads):
        comments.append(comment(f"s{t}"))
        comments.extend(comment(f"s{t}r{r}", f"s{t}") for r in range(t % 3))
    return Page(title="Big", comments=tuple(comments))


class TreeApp(App[None]):
    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page
        self.messages: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield CommentTree(self.page, id="tree")

    def on_mount(self) -> None:
        self.query_one(CommentTree).focus()

    def on_comment_tree_selected(self, event: CommentTree.Selected) -> None:
        self.messages.append(("selected", event.comment_id))

    def on_comment_tree_mode_changed(self, event: CommentTree.ModeChanged) -> None:
        self.messages.append(("mode", event.mode))

    def on_comment_tree_explained(self, event: CommentTree.Explained) -> None:
        self.messages.append(("explained", event.text))


def screen_text(tree: CommentTree) -> str:
    return "\n".join(tree.render_line(y).text for y in range(tree.scrollable_content_region.height))


def cursor_in_view(tree: CommentTree) -> bool:
    """The selected comment is wholly on screen, or (taller than the screen) fills it."""
    view = tree.page_view
    assert view.cursor is not None
    start = view.line_of(view.cursor) + (0 if tree.mode == "tree" else 1)
    end = start + view.height_of(view.cursor) - 1  # the spacer line may be cut
    top = round(tree.scroll_y)
    bottom = top + tree.scrollable_content_region.height
    if end - start <= bottom - top:
        return top <= start and end <= bottom
    return start <= top and bottom <= end + 1


@asynccontextmanager
async def run(
    keys: list[str], page: Page | None = None, size: tuple[int, int] = (100, 30)
) -> AsyncIterator[tuple[TreeApp, CommentTree, Any]]:
    """A TreeApp on `page` after pressing `keys`."""
    app = TreeApp(page or small_page())
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        tree = app.query_one(CommentTree)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        yield app, tree, pilot


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["down"], "a1"),
        (["j", "j", "j", "j"], "b"),
        (["j", "j", "up"], "a1"),
        (["j", "j", "k"], "a1"),
        (["k"], "a"),
        (["G"], "d2"),
        (["end"], "d2"),
        (["G", "g"], "a"),
        (["G", "home"], "a"),
        (["]"], "b"),
        (["]", "]", "]"], "d"),
        (["]", "]", "]", "]"], "d"),
        (["G", "["], "c"),
        (["G", "[", "["], "b"),
        (["j", "j", "p"], "a"),
        (["p"], "a"),
        (["right"], "a1"),
        (["l"], "a1"),
    ],
)
@pilot_test
async def test_moves(keys: list[str], expected: str) -> None:
    async with run(keys) as (app, tree, _):
        assert tree.selected_id == expected
        assert cursor_in_view(tree)
        assert app.messages[-1] == ("selected", expected)


@pytest.mark.parametrize("key", ["left", "h"])
@pilot_test
async def test_left_on_a_deep_reply_folds_thread_and_lands_on_starter(key: str) -> None:
    async with run(["G", key]) as (_, tree, pilot):
        assert tree.selected_id == "d"
        assert tree.is_collapsed("d")
        assert "d1" not in tree.visible_ids()
        assert "▸ 2 replies hidden" in screen_text(tree)
        await pilot.press(key)  # already folded: nothing more happens
        assert tree.selected_id == "d"
        assert tree.is_collapsed("d")


@pytest.mark.parametrize("key", ["right", "l"])
@pilot_test
async def test_right_unfolds_a_folded_thread(key: str) -> None:
    async with run(["G", "h"]) as (_, tree, pilot):
        await pilot.press(key)
        assert not tree.is_collapsed("d")
        assert tree.selected_id == "d"
        await pilot.press(key)
        assert tree.selected_id == "d1"
        await pilot.press(key)  # on a reply: nothing to unfold
        assert tree.selected_id == "d1"


@pytest.mark.parametrize("key", ["space", "enter"])
@pilot_test
async def test_toggle(key: str) -> None:
    async with run([key]) as (_, tree, pilot):
        assert tree.is_collapsed("a")
        await pilot.press(key)
        assert not tree.is_collapsed("a")
        await pilot.press("j", "j", key)  # from a reply: folds its thread
        assert tree.is_collapsed("a")
        assert tree.selected_id == "a"


@pilot_test
async def test_leaf_starter_does_not_fold() -> None:
    async with run(["]"]) as (_, tree, pilot):
        await pilot.press("space", "h")
        assert tree.selected_id == "b"
        assert not tree.is_collapsed("b")


@pytest.mark.parametrize("expand_key", ["plus", "equals_sign"])
@pilot_test
async def test_collapse_all_and_expand_all(expand_key: str) -> None:
    async with run(["G", "minus"]) as (_, tree, pilot):
        assert tree.visible_ids() == ["a", "b", "c", "d"]
        assert tree.selected_id == "d"
        await pilot.press(expand_key)
        assert len(tree.visible_ids()) == 10
        assert tree.selected_id == "d"


@pilot_test
async def test_shows_agrees_with_visible_ids_folded_unfolded_and_filtered() -> None:
    async with run(["G", "minus"]) as (_, tree, pilot):
        everyone = [c.id for c in small_page().comments] + ["nobody"]

        def agree() -> None:
            shown = set(tree.visible_ids())
            assert [tree.shows(cid) for cid in everyone] == [cid in shown for cid in everyone]

        agree()  # folded: replies hidden
        await pilot.press("plus")
        agree()
        tree.show_filtered(["b", "d"], {}, "x")
        await pilot.pause()
        agree()


@pilot_test
async def test_why_shows_and_hides_the_reason() -> None:
    async with run(["j", "w"]) as (_, tree, pilot):
        assert "why here" in screen_text(tree)
        assert "[order]" in screen_text(tree)
        await pilot.press("w")
        assert "why here" not in screen_text(tree)
        await pilot.press("k", "w")  # a starter has no reason
        assert "why here" not in screen_text(tree)


@pilot_test
async def test_header_marks() -> None:
    async with run([]) as (_, tree, _):
        text = screen_text(tree)
        assert "◆ channel" in text
        assert "● starter" in text  # a3 is by the thread's starter
        assert "↪ @user a1" in text
        assert "3 replies" in text


@pilot_test
async def test_inferred_mark_for_weak_reasons(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui_reader import reasons

    monkeypatch.setattr(reasons, "WEAK_REASONS", frozenset({"order"}))
    async with run([]) as (_, tree, _):
        assert "inferred" in screen_text(tree)


@pytest.mark.parametrize(
    ("down", "up"), [("pagedown", "pageup"), ("ctrl+f", "ctrl+b"), ("ctrl+d", "ctrl+u")]
)
@pilot_test
async def test_paging_moves_by_screens(down: str, up: str) -> None:
    async with run([], page=big_page(), size=(60, 20)) as (_, tree, pilot):
        await pilot.press(down)
        first_stop = tree.selected_id
        assert first_stop not in {None, "s0"}
        assert cursor_in_view(tree)
        assert tree.scroll_y > 0
        await pilot.press(down, down)
        assert tree.visible_ids().index(tree.selected_id) > tree.visible_ids().index(first_stop)
        assert cursor_in_view(tree)
        for _ in range(40):
            if tree.selected_id == "s0":
                break
            await pilot.press(up)
        await pilot.press(up)  # at the top: stays
        assert tree.selected_id == "s0"
        assert tree.scroll_y == 0


@pilot_test
async def test_pagedown_at_the_end_selects_last() -> None:
    async with run(["G"], page=big_page(), size=(60, 20)) as (_, tree, pilot):
        assert cursor_in_view(tree)
        await pilot.press("k", "pagedown")
        assert tree.selected_id == tree.visible_ids()[-1]


@pilot_test
async def test_escape_returns_from_subset_keeping_selection() -> None:
    async with run([]) as (app, tree, pilot):
        tree.show_subset(
            [SubsetItem("c1", spans=((0, 5),)), SubsetItem("a2", label="matched by words")],
            "Chapter two",
        )
        await pilot.pause()
        assert tree.mode == "subset"
        assert tree.visible_ids() == ["c1", "a2"]
        assert tree.selected_id == "c1"
        text = screen_text(tree)
        assert "Chapter two · 2 comments" in text
        assert "matched by words" in text
        assert "in user c's thread" in text
        await pilot.press("j")
        assert tree.selected_id == "a2"
        await pilot.press("escape")
        assert tree.mode == "tree"
        assert tree.selected_id == "a2"
        assert cursor_in_view(tree)
        assert ("mode", "subset") in app.messages
        assert app.messages[-1] == ("mode", "tree")


@pilot_test
async def test_enter_in_subset_opens_the_comment_in_the_tree() -> None:
    async with run([]) as (_, tree, pilot):
        tree.show_subset([SubsetItem("d1")], "x")
        await pilot.pause()
        await pilot.press("enter")
        assert tree.mode == "tree"
        assert tree.selected_id == "d1"


class EscapeApp(TreeApp):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "note_escape")]

    def action_note_escape(self) -> None:
        self.messages.append(("app", "escape"))


@pilot_test
async def test_escape_in_tree_mode_is_left_to_the_app() -> None:
    app = EscapeApp(small_page())
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.query_one(CommentTree)
        await pilot.press("escape")
        assert app.messages[-1] == ("app", "escape")
        tree.show_filtered({"b"})
        await pilot.press("escape")  # now it is the tree's: back to all comments
        assert tree.mode == "tree"
        assert app.messages[-1] == ("mode", "tree")


@pilot_test
async def test_filtered_view_and_back() -> None:
    async with run(["G"]) as (_, tree, pilot):
        tree.show_filtered({"a2", "d1"})
        await pilot.pause()
        assert tree.mode == "filtered"
        assert tree.visible_ids() == ["a", "a2", "d", "d1"]
        text = screen_text(tree)
        assert "Filtered: 2 matches" in text
        # a's thread shows one of its replies: open (▾), the rest counted as "more".
        assert "▾ user a" in text and "▸ user a" not in text
        assert "▸ 2 more replies hidden" in text
        await pilot.press("G", "escape")
        assert tree.mode == "tree"
        assert tree.selected_id == "d1"
        assert len(tree.visible_ids()) == 10


@pilot_test
async def test_a_filtered_thread_with_no_reply_shown_stays_folded() -> None:
    async with run([]) as (_, tree, pilot):
        tree.show_filtered({"c"})
        await pilot.pause()
        text = screen_text(tree)
        assert "▸ user c" in text
        assert "▸ 1 reply hidden" in text and "more" not in text
        await pilot.press("space")  # unfolded: every reply shown, nothing hidden
        text = screen_text(tree)
        assert "▾ user c" in text and "hidden" not in text


@pilot_test
async def test_an_author_filter_names_the_author_on_the_banner() -> None:
    async with run([]) as (_, tree, pilot):
        tree.show_filtered({"a3"}, label="@user a")
        await pilot.pause()
        assert screen_text(tree).startswith(" @user a · 1 comment · esc: all comments")
        tree.show_filtered({"a2"}, title="word")  # a search again: the query, not the label
        await pilot.pause()
        assert screen_text(tree).startswith(" Filtered: 1 match for “word” ·")


@pilot_test
async def test_select_unfolds_and_scrolls() -> None:
    async with run(["minus"], page=big_page(), size=(60, 20)) as (_, tree, pilot):
        assert tree.select("s38r1")
        await pilot.pause()
        assert tree.selected_id == "s38r1"
        assert not tree.is_collapsed("s38")
        assert cursor_in_view(tree)
        assert not tree.select("no such id")
        assert tree.selected_id == "s38r1"


@pilot_test
async def test_click_selects_and_click_on_hidden_line_unfolds() -> None:
    async with run(["G", "h"]) as (_, tree, pilot):
        view = tree.page_view
        b_line = view.line_of(view.index.by_id["b"])
        await pilot.click(CommentTree, offset=(8, b_line + 1))
        assert tree.selected_id == "b"
        d = view.index.by_id["d"]
        hidden_line = view.line_of(d) + view.height_of(d) - 2
        assert "hidden" in tree.render_line(hidden_line - round(tree.scroll_y)).text
        await pilot.click(CommentTree, offset=(4, hidden_line - round(tree.scroll_y)))
        assert tree.selected_id == "d"
        assert not tree.is_collapsed("d")


@pilot_test
async def test_resize_rewraps_and_keeps_selection() -> None:
    async with run(["G"]) as (_, tree, pilot):
        wide = tree.virtual_size.height
        await pilot.resize_terminal(40, 20)
        await pilot.pause()
        assert tree.virtual_size.height > wide
        assert tree.selected_id == "d2"
        assert cursor_in_view(tree)
        for y in range(tree.scrollable_content_region.height):
            assert tree.render_line(y).cell_length == tree.scrollable_content_region.width


@pilot_test
async def test_empty_page() -> None:
    async with run([], page=Page(title="nothing")) as (_, tree, pilot):
        await pilot.press("j", "G", "space", "h", "l", "pagedown", "minus", "w")
        assert tree.selected_id is None
        assert "No comments" in screen_text(tree)


@pilot_test
async def test_set_page_keeps_selection_and_folds() -> None:
    async with run(["G"]) as (app, tree, pilot):
        tree.set_page(big_page())
        await pilot.pause()
        assert tree.selected_id == "s0"
        tree.set_page(small_page())
        assert tree.select("c1")
        await pilot.press("]", "space")  # fold d
        tree.show_filtered({"a1", "d"})
        tree.set_page(small_page())
        await pilot.pause()
        assert tree.mode == "tree"
        assert app.messages[-1] == ("mode", "tree")
        assert tree.selected_id == "d"
        assert tree.is_collapsed("d")
        assert not tree.is_collapsed("a")


@pilot_test
async def test_badges_show_after_the_author_and_can_be_replaced() -> None:
    async with run([]) as (_, tree, pilot):
        height = tree.page_view.total_lines
        tree.set_badges({"a1": "new", "b": "★ [bold]", "unknown": "x"})
        await pilot.pause()
        text = screen_text(tree)
        assert "user a1 · 3 days ago" not in text
        assert "user a1 new" in text
        assert "user b ★ [bold]" in text
        tree.set_badges({})
        await pilot.pause()
        assert "user a1 new" not in screen_text(tree)
        assert tree.page_view.total_lines == height


HOSTILE = (
    "[bold]not bold[/] [/] [link=https://example.com]x[/link] "
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07click\x1b]8;;\x07 "
    "\u202eevil\u202c \x9b2J bell\x07 tab\there\r\n"
    "second line 日本語の文字列 😀😀😀 " + "long" * 40
)


@pilot_test
async def test_hostile_text_renders_literally_without_escapes() -> None:
    page = Page(
        title="x",
        comments=(
            comment("h", text=HOSTILE, author="[red]evil\x1b[2J", age="[/]"),
            comment("h1", "h", text=HOSTILE, reply_to="[b]x\u202e"),
        ),
    )
    async with run([], page=page, size=(50, 40)) as (_, tree, pilot):
        tree.show_subset([SubsetItem("h", spans=((0, 6), (40, 400)))], "[bold]t")
        await pilot.pause()
        await pilot.press("escape", "j", "w")
        lines = [tree.render_line(y) for y in range(tree.scrollable_content_region.height)]
        text = "\n".join(strip.text for strip in lines)
        assert "[bold]not bold[/]" in text
        assert "[link=https://example.com]x[/link]" in text
        assert "[red]evil" in text
        assert "⟨RLO⟩" in text
        assert "日本語" in text
        for strip in lines:
            for segment in strip:
                assert "\x1b" not in segment.text
                assert "\u202e" not in segment.text
                assert segment.style is None or segment.style.link is None
            assert strip.cell_length == tree.scrollable_content_region.width


SHARED_PAGE = Path("/work/shared/pages/000_f766a070b5e69cd3.txt")


@pytest.mark.skipif(not SHARED_PAGE.exists(), reason="the shared saved page is not here")
@pilot_test
async def test_shared_page_walks_end_to_end_at_two_widths() -> None:
    from tui_reader.parse import parse_text

    page = parse_text(SHARED_PAGE.read_text(encoding="utf-8"))
    async with run([], page=page, size=(60, 20)) as (_, tree, pilot):
        ids = tree.visible_ids()
        assert len(ids) == len(page.comments)
        for index in range(1, min(len(ids), 12)):
            await pilot.press("j")
            assert tree.selected_id == ids[index]
            assert cursor_in_view(tree)
        await pilot.press("G")
        assert tree.selected_id == ids[-1]
        assert cursor_in_view(tree)
        await pilot.resize_terminal(120, 35)
        await pilot.press("g", "]", "h", "l", "pagedown", "G")
        assert tree.selected_id == ids[-1]
        assert cursor_in_view(tree)


def long_page() -> Page:
    essay = "\n".join(f"Paragraph {n} of a very long comment." for n in range(60))
    wide = "wide words 日本語テキスト 😀 " * 40
    return Page(
        title="long",
        comments=(
            comment("x"),
            comment("y", text=essay),
            comment("y1", "y", text=wide),
            comment("z"),
        ),
    )


@pilot_test
async def test_a_comment_taller_than_the_screen_reads_by_pages() -> None:
    async with run(["j"], page=long_page(), size=(60, 20)) as (_, tree, pilot):
        assert tree.selected_id == "y"
        start = tree.page_view.line_of(tree.page_view.index.by_id["y"])
        assert round(tree.scroll_y) == start  # its first line at the top
        await pilot.press("pagedown")
        assert tree.selected_id == "y"  # still reading it
        assert round(tree.scroll_y) == start + 20
        assert "Paragraph 2" in screen_text(tree)
        await pilot.press("j")
        assert tree.selected_id == "y1"
        assert cursor_in_view(tree)
        await pilot.press("G", "k", "k")
        assert tree.selected_id == "y"


@pilot_test
async def test_wide_characters_wrap_within_the_width() -> None:
    async with run(["j", "j"], page=long_page(), size=(41, 30)) as (_, tree, _):
        width = tree.scrollable_content_region.width
        for y in range(tree.scrollable_content_region.height):
            assert tree.render_line(y).cell_length == width
        assert "日本語" in screen_text(tree)


def uneven_page(count: int = 600) -> Page:
    """Lengths and scripts that make the cheap height estimates wrong both ways."""
    pieces = ("日本語の文字", "😀🎉", "short", "x" * 150, "line\n\n\nbreaks", "word " * 30)
    comments = []
    starter = ""
    for i in range(count):
        text = " ".join(pieces[(i * k) % len(pieces)] for k in range(1, 2 + i % 5))
        if i % 4 == 0:
            starter = f"u{i}"
            comments.append(comment(starter, text=text))
        else:
            comments.append(comment(f"u{i}", starter, text=text))
    return Page(title="uneven", comments=tuple(comments))


@pilot_test
async def test_jumps_land_fully_in_view_where_heights_were_only_estimated() -> None:
    async with run([], page=uneven_page(), size=(50, 16)) as (_, tree, pilot):
        for keys in (["G"], ["k", "k", "k"], ["["], ["g"], ["]"] * 4):
            await pilot.press(*keys)
            assert cursor_in_view(tree), keys
        for _ in range(3):  # paging moves the screen; the cursor's first line is on it
            top = round(tree.scroll_y)
            await pilot.press("pagedown")
            assert round(tree.scroll_y) == top + 16
            start = tree.page_view.line_of(tree.page_view.cursor)
            assert top + 16 <= start + tree.page_view.height_of(tree.page_view.cursor)
            assert start < top + 32
        tree.select("u301")
        await pilot.pause()
        assert cursor_in_view(tree)
        await pilot.press("minus", "G", "plus")
        assert cursor_in_view(tree)


@pilot_test
async def test_scrolling_anywhere_paints_exact_rows() -> None:
    async with run([], page=uneven_page(), size=(50, 16)) as (_, tree, pilot):
        view = tree.page_view
        for fraction in (0.9, 0.5, 0.1, 0.7):
            tree.scroll_to(y=int(tree.max_scroll_y * fraction), animate=False)
            await pilot.pause()
            top = round(tree.scroll_y)
            found = view.at_line(top)
            assert found is not None
            position: int | None = found[0]
            covered = -found[1]
            while position is not None and covered < 16:
                row = view.row(position)
                assert view.height_of(position) == len(tree._layout(row))
                covered += view.height_of(position)
                position = view.next(position)
            await pilot.press("j")  # the cursor was left behind: j brings it back
            assert cursor_in_view(tree)


@pilot_test
async def test_scrolling_up_into_unwrapped_comments_does_not_shift_the_screen() -> None:
    async with run(["G"], page=uneven_page(), size=(50, 16)) as (_, tree, pilot):
        for _ in range(12):
            before = [tree.render_line(y).text for y in range(16)]
            tree.scroll_to(y=round(tree.scroll_y) - 3, animate=False)
            await pilot.pause()
            after = [tree.render_line(y).text for y in range(16)]
            assert after[3:] == before[:13]


@pilot_test
async def test_filtered_view_highlights_spans_and_names_the_query() -> None:
    async with run([]) as (_, tree, pilot):
        text = small_page().comments[2].text  # a2's
        start = text.index("written")
        spans = {"a2": ((start, start + len("written")),)}
        tree.show_filtered({"a2"}, spans, "written")
        await pilot.pause()
        assert "Filtered: 1 match for “written” · esc: all comments" in screen_text(tree)
        highlight = tree._style("highlight").bgcolor
        marked = [
            segment.text
            for y in range(tree.scrollable_content_region.height)
            for segment in tree.render_line(y)
            if segment.style and segment.style.bgcolor == highlight
        ]
        assert marked == ["written"]


@pilot_test
async def test_filter_title_is_made_visible_and_cut_to_fit() -> None:
    async with run([]) as (_, tree, pilot):
        tree.show_filtered({"b"}, title="[bold]x\x1b[31m " + "long " * 20)
        await pilot.pause()
        banner = screen_text(tree).splitlines()[0]
        assert "[bold]x" in banner and "\x1b" not in banner
        assert "…”" in banner and banner.rstrip().endswith("esc: all comments")


@pilot_test
async def test_show_all_at_a_place_selects_it() -> None:
    async with run(["minus"]) as (_, tree, pilot):
        tree.show_filtered({"d2"})
        await pilot.pause()
        tree.show_all(at="b")
        await pilot.pause()
        assert tree.mode == "tree" and tree.selected_id == "b"
        assert tree.is_collapsed("d"), "the view's thread is not unfolded on the way back"


def test_every_placement_rule_is_explained_on_the_w_line() -> None:
    from tui_reader.reasons import REASONS
    from tui_reader.widgets.comment_tree import REASON_TEXT

    assert REASON_TEXT.keys() >= REASONS, sorted(REASONS - REASON_TEXT.keys())
