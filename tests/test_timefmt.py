"""One clock text for every chapter time and duration the reader shows or writes."""

from __future__ import annotations

from tui_reader.timefmt import clock


def test_clock_is_written_as_the_site_writes_times() -> None:
    assert [clock(s) for s in (0, 65, 605, 3599, 3723, -5)] == [
        "0:00", "1:05", "10:05", "59:59", "1:02:03", "0:00",
    ]


def test_every_view_writes_chapter_times_the_same_way() -> None:
    import io

    from tui_reader.commands import chapter_label
    from tui_reader.dump import write_text
    from tui_reader.export import export_markdown
    from tui_reader.model import Chapter, Comment, Page
    from tui_reader.widgets.sidebar import CHAPTER_PREFIX, Sidebar

    comment = Comment("c1", "oiler", None, None, "At 1:10 it clicks", timestamps=(70,))
    page = Page(title="Clock check", chapters=(Chapter(65, "Gears"),), comments=(comment,))
    assert chapter_label(65, "Gears") == "Chapter 1:05 Gears"
    sidebar = Sidebar(page)
    chapter = sidebar.get_option_index(f"{CHAPTER_PREFIX}0")
    assert sidebar.option_text(chapter).startswith("1:05 Gears")
    out = io.StringIO()
    write_text(page, out)
    assert "  1:05  Gears" in out.getvalue()
    assert "1:05 Gears" in export_markdown(page)
