"""The sidebar on its own: what each line shows, keys, mouse, and page text kept inert."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style as RichStyle
from textual import events
from textual.app import App, ComposeResult
from textual.color import Color

from pilot_support import pilot_test
from tui_reader.model import Chapter, Page, RelatedVideo
from tui_reader.widgets.sidebar import (
    ALL_ID,
    BOOKMARKS_HEADING_ID,
    DESCRIPTION_ID,
    RELATED_ID,
    Sidebar,
    bookmark_prompt,
    count_bar,
    wrap_cells,
)

LONG_TITLE = "Gearbox oil sampling and what the particle counts told us"
CHAPTERS = (
    Chapter(0, "Opening"),
    Chapter(75, LONG_TITLE),
    Chapter(200, "Short"),
    Chapter(3725, "Past the hour mark"),
)


def make_page(chapters=CHAPTERS, related: int = 2) -> Page:
    return Page(
        title="A test page",
        chapters=tuple(chapters),
        related=tuple(RelatedVideo(title=f"Other video {n}") for n in range(related)),
    )


class SidebarApp(App[None]):
    """Just the sidebar, `width` cells wide, recording what it posts; not focused
    until a test focuses it."""

    AUTO_FOCUS = None

    def __init__(self, page: Page, width: int = 34) -> None:
        super().__init__()
        self.page = page
        self.width = width
        self.chosen: list[Sidebar.Chosen] = []

    def compose(self) -> ComposeResult:
        yield Sidebar(self.page, id="sidebar")

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.animation_level = "none"
        self.query_one(Sidebar).styles.width = self.width

    def on_sidebar_chosen(self, event: Sidebar.Chosen) -> None:
        self.chosen.append(event)


def shown(sidebar: Sidebar) -> list[str]:
    """The visible lines as rendered, trailing blanks dropped."""
    lines = [sidebar.render_line(y).text.rstrip() for y in range(sidebar.size.height)]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def first_style(sidebar: Sidebar, y: int) -> RichStyle:
    style = next(iter(sidebar.render_line(y))).style
    assert style is not None
    return style


def highlighted_id(sidebar: Sidebar) -> str:
    assert sidebar.highlighted is not None
    return sidebar._entries[sidebar.highlighted].id


# -- pure functions ------------------------------------------------------------------


def test_wrap_cells_breaks_at_words_and_folds_long_ones() -> None:
    assert wrap_cells("short", 10) == ["short"]
    assert wrap_cells("one two three four", 9) == ["one two", "three", "four"]
    assert wrap_cells("abcdefghij xy", 4) == ["abcd", "efgh", "ij", "xy"]
    # Wide characters count two cells each and are never split.
    assert wrap_cells("日本語日本語 ok", 5) == ["日本", "語日", "本語", "ok"]


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab 日🙂x-"), min_size=1, max_size=40),
    st.integers(min_value=2, max_value=20),
)
def test_wrap_cells_fits_and_keeps_every_word(text: str, width: int) -> None:
    lines = wrap_cells(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_bookmark_prompt_is_one_short_line_of_text() -> None:
    prompt = bookmark_prompt("ann[b]", "x" * 100 + "\x1b[2J")
    assert prompt.plain.startswith("★ @ann[b]  ")
    assert prompt.plain.endswith("…") and "\x1b" not in prompt.plain
    assert count_bar(3, 6) == "████"


# -- what is shown -------------------------------------------------------------------


@pilot_test
async def test_entries_and_hanging_indent_at_a_narrow_width() -> None:
    app = SidebarApp(make_page(), width=24)
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        lines = shown(sidebar)
        assert lines[0] == "All comments"
        assert set(lines[1]) == {"─"} and len(lines[1]) == sidebar.scrollable_content_region.width
        # Times right-justified to the widest ("1:02:05"), titles aligned after them.
        assert lines[2] == "   0:00 Opening"
        assert lines[3] == "  … counting"
        first = lines.index("   1:15 Gearbox oil")
        title_column = len("   1:15 ")
        continuation = lines[first + 1 : lines.index("  … counting", first)]
        assert len(continuation) >= 2, continuation
        for line in continuation:
            assert line[:title_column].isspace() and not line[title_column].isspace(), line
        assert " ".join(part.strip() for part in [lines[first][title_column:], *continuation]) == (
            LONG_TITLE
        )
        assert "1:02:05 Past the hour" in "\n".join(lines)
        assert lines[-3:] == ["─" * len(lines[1]), "Description", "Related videos (2)"]


@pilot_test
async def test_counts_show_numbers_and_bars_in_the_accent_colour() -> None:
    app = SidebarApp(make_page())
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        sidebar.set_counts([0, 12, 3, 1200])
        await pilot.pause()
        assert sidebar.counts == (0, 12, 3, 1200)
        lines = shown(sidebar)
        assert "  … counting" not in lines
        assert "      0" in lines  # no bar for none (lines are right-stripped)
        assert f"  1,200 {count_bar(1200, 1200)}" in lines
        assert f"     12 {count_bar(12, 1200)}" in lines
        row = lines.index(f"  1,200 {count_bar(1200, 1200)}")
        bar = [seg for seg in sidebar.render_line(row) if seg.text.startswith("█")]
        accent = Color.parse(app.current_theme.accent or "")
        assert bar and bar[0].style.color is not None
        shown_rgb = bar[0].style.color.get_truecolor()
        assert all(abs(a - b) <= 2 for a, b in zip(shown_rgb, accent.rgb, strict=True))


@pilot_test
async def test_page_text_stays_text() -> None:
    hostile = "[bold]x[/] \x1b[31mred \u202eevil"
    app = SidebarApp(make_page([Chapter(5, hostile)]))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        sidebar.set_bookmarks([("c1", bookmark_prompt("[i]who[/i]", hostile))])
        await pilot.pause()
        text = "\n".join(shown(sidebar))
        assert "[bold]x[/]" in text and "[i]who[/i]" in text
        assert "\x1b" not in text and "\u202e" not in text
        index = sidebar.get_option_index("chapter-0")
        assert "[bold]x[/]" in sidebar.option_text(index)
        row = next(number for number, line in enumerate(shown(sidebar)) if "[bold]x" in line)
        title = [seg for seg in sidebar.render_line(row) if "[bold]" in seg.text]
        assert title and not title[0].style.bold


@pilot_test
async def test_highlight_follows_focus_styles() -> None:
    app = SidebarApp(make_page())
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        assert highlighted_id(sidebar) == ALL_ID
        blurred = first_style(sidebar, 0)
        plain = first_style(sidebar, 2)
        sidebar.focus()
        await pilot.pause()
        focused = first_style(sidebar, 0)
        assert blurred.bgcolor != plain.bgcolor
        assert focused.bgcolor != blurred.bgcolor


# -- keys and mouse ------------------------------------------------------------------


@pilot_test
async def test_moving_skips_separators_and_disabled_entries() -> None:
    app = SidebarApp(make_page(related=0))
    async with app.run_test(size=(60, 40)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.focus()
        await pilot.pause()
        await pilot.press("down")
        assert highlighted_id(sidebar) == "chapter-0"
        await pilot.press("k")
        assert highlighted_id(sidebar) == ALL_ID
        await pilot.press("up")  # wraps, past the disabled "Related videos (0)"
        assert highlighted_id(sidebar) == DESCRIPTION_ID
        await pilot.press("j")
        assert highlighted_id(sidebar) == ALL_ID
        await pilot.press("G")
        assert highlighted_id(sidebar) == DESCRIPTION_ID
        await pilot.press("g")
        assert highlighted_id(sidebar) == ALL_ID
        await pilot.press("end")
        assert highlighted_id(sidebar) == DESCRIPTION_ID
        await pilot.press("home")
        assert highlighted_id(sidebar) == ALL_ID


@pilot_test
async def test_page_keys_move_a_screenful_and_keep_the_highlight_in_view() -> None:
    chapters = [Chapter(60 * n, f"Part {n}") for n in range(30)]
    app = SidebarApp(make_page(chapters))
    async with app.run_test(size=(60, 12)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.focus()
        await pilot.pause()
        assert sidebar.scroll_offset.y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        moved = highlighted_id(sidebar)
        assert moved.startswith("chapter-") and 3 <= int(moved.removeprefix("chapter-")) <= 6
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        further = int(highlighted_id(sidebar).removeprefix("chapter-"))
        assert further > int(moved.removeprefix("chapter-")) + 6
        assert sidebar.scroll_offset.y > 0
        assert any(f"Part {further}" in line for line in shown(sidebar))
        await pilot.press("end")
        await pilot.pause()
        assert shown(sidebar)[-1] == "Related videos (2)"
        await pilot.press("pageup")
        await pilot.pause()
        assert highlighted_id(sidebar).startswith("chapter-")
        await pilot.press("home")
        await pilot.pause()
        assert sidebar.scroll_offset.y == 0 and shown(sidebar)[0] == "All comments"


@pilot_test
async def test_enter_l_and_right_choose() -> None:
    app = SidebarApp(make_page())
    async with app.run_test(size=(60, 30)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.focus()
        await pilot.pause()
        await pilot.press("enter", "down", "down", "l", "G", "right")
        sidebar.highlight_target(DESCRIPTION_ID)
        await pilot.press("enter")
        await pilot.pause()
        got = [(event.target, event.chapter_index, event.comment_id) for event in app.chosen]
        assert got == [
            ("all", None, None),
            ("chapter", 1, None),
            ("related", None, None),
            ("description", None, None),
        ]


@pilot_test
async def test_clicking_an_entry_highlights_and_chooses_it() -> None:
    app = SidebarApp(make_page(related=0))
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        row = shown(sidebar).index("0:00 Opening".rjust(len("1:02:05 Opening")))
        await pilot.click(Sidebar, offset=(3, row + 1))  # the count line of chapter 0
        await pilot.pause()
        assert highlighted_id(sidebar) == "chapter-0"
        await pilot.click(Sidebar, offset=(3, 1))  # a separator: nothing
        related_row = shown(sidebar).index("Related videos (0)")
        await pilot.click(Sidebar, offset=(3, related_row))  # disabled: nothing
        await pilot.pause()
        assert [(event.target, event.chapter_index) for event in app.chosen] == [("chapter", 0)]
        assert highlighted_id(sidebar) == "chapter-0"


@pilot_test
async def test_the_entry_under_the_mouse_is_lit_until_the_mouse_leaves() -> None:
    app = SidebarApp(make_page(related=0))
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        row = shown(sidebar).index("Description")
        plain = first_style(sidebar, row).bgcolor
        await pilot.hover(Sidebar, offset=(3, row))
        await pilot.pause()
        lit = first_style(sidebar, row).bgcolor
        assert lit != plain
        assert first_style(sidebar, row - 1).bgcolor == plain  # the separator above is not
        related_row = shown(sidebar).index("Related videos (0)")
        await pilot.hover(Sidebar, offset=(3, related_row))  # disabled: nothing lights
        await pilot.pause()
        assert first_style(sidebar, row).bgcolor == plain
        assert first_style(sidebar, related_row).bgcolor == plain
        await pilot.hover(Sidebar, offset=(3, row))
        await pilot.pause()
        sidebar.post_message(events.Leave(sidebar))
        await pilot.pause()
        assert first_style(sidebar, row).bgcolor == plain


@pilot_test
async def test_bookmarks_section() -> None:
    app = SidebarApp(make_page())
    async with app.run_test(size=(60, 40)) as pilot:
        sidebar = app.query_one(Sidebar)
        sidebar.focus()
        await pilot.pause()
        bookmarks = [
            ("c1", bookmark_prompt("ann", "first saved comment")),
            ("c2", bookmark_prompt("bo", "a second one, long enough to need wrapping here")),
        ]
        sidebar.set_bookmarks(bookmarks)
        await pilot.pause()
        assert sidebar.bookmark_ids == ["c1", "c2"]
        lines = shown(sidebar)
        heading = lines.index("Bookmarks (2)")
        assert set(lines[heading - 1]) == {"─"}
        assert lines[heading + 1].startswith("★ @ann  first saved comment")
        assert lines[heading + 3].startswith("  "), "a wrapped bookmark hangs under its author"
        heading_index = sidebar.get_option_index(BOOKMARKS_HEADING_ID)
        sidebar.highlight_target("chapter-3")
        await pilot.press("down")
        assert sidebar.highlighted == heading_index + 1, "the heading can't be highlighted"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert [(e.target, e.comment_id) for e in app.chosen] == [("bookmark", "c2")]
        # The highlighted bookmark goes: the cursor stays on something choosable.
        sidebar.set_bookmarks(bookmarks[:1])
        await pilot.pause()
        assert highlighted_id(sidebar) in {"bookmark-c1", DESCRIPTION_ID}
        sidebar.set_bookmarks([])
        await pilot.pause()
        assert "Bookmarks (1)" not in shown(sidebar)
        assert highlighted_id(sidebar) in {DESCRIPTION_ID, RELATED_ID}


@pilot_test
async def test_the_wheel_scrolls_without_moving_the_highlight() -> None:
    chapters = [Chapter(60 * n, f"Part {n}") for n in range(30)]
    app = SidebarApp(make_page(chapters))
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        sidebar = app.query_one(Sidebar)
        wheel = (sidebar, 2, 2, 0, 1, 0, False, False, False)
        for _ in range(3):
            sidebar.post_message(events.MouseScrollDown(*wheel))
        await pilot.pause()
        assert sidebar.scroll_offset.y > 0
        assert highlighted_id(sidebar) == ALL_ID
        assert shown(sidebar)[0] != "All comments"
