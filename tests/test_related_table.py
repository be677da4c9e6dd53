"""The related-videos table fits its screen: titles give way, never the view counts."""

from __future__ import annotations

from rich.text import Text

from tui_reader.model import RelatedVideo
from tui_reader.screens.related import (
    MAX_CHANNEL,
    MIN_CHANNEL,
    MIN_TITLE,
    fitted_rows,
    related_row,
)

LONG_TITLE = "A very long related video title that goes on and on about solar sheds " * 2
VIDEOS = [
    RelatedVideo(title=LONG_TITLE, duration=1277, channel="Tinker Shed", views=25_000_000),
    RelatedVideo(title="Short one", duration=31, channel=None, views=None),
    RelatedVideo(title="Кириллица 😳 wide", duration=3723, channel="C" * 45, views=101_000),
]
ROWS = [related_row(video) for video in VIDEOS]


def table_width(rows: list[tuple[Text, ...]], title_width: int, padding: int = 1) -> int:
    """Cells a table row takes: the title column is fixed, the others fit their cells."""
    others = [
        max(len(header), *(row[i].cell_len for row in rows))
        for i, header in ((1, "Length"), (2, "Channel"), (3, "Views"))
    ]
    return title_width + sum(others) + 2 * padding * 4


def test_on_a_normal_screen_every_column_fits_and_long_titles_end_in_an_ellipsis() -> None:
    title_width, fitted = fitted_rows(ROWS, 80)
    assert table_width(fitted, title_width) <= 80
    assert [row[3].plain for row in fitted] == ["25,000,000", "—", "101,000"], "views whole"
    assert fitted[0][0].plain.endswith("…") and fitted[0][0].cell_len == title_width
    assert fitted[1][0].plain == "Short one", "a title that fits is left alone"
    assert fitted[2][2].plain.endswith("…") and fitted[2][2].cell_len == MAX_CHANNEL


def test_a_wide_screen_shows_whole_titles_and_no_more() -> None:
    title_width, fitted = fitted_rows(ROWS, 400)
    assert fitted[0][0].plain == LONG_TITLE and title_width == len(LONG_TITLE)


def test_a_narrow_screen_shrinks_the_channel_before_the_title_goes_under_its_minimum() -> None:
    title_width, fitted = fitted_rows(ROWS, 60)
    assert title_width == MIN_TITLE
    assert MIN_CHANNEL <= fitted[2][2].cell_len < MAX_CHANNEL
    assert table_width(fitted, title_width) <= 60
    title_width, fitted = fitted_rows(ROWS, 20)  # too narrow for anything: minimums hold
    assert title_width == MIN_TITLE and fitted[2][2].cell_len == MIN_CHANNEL


def test_wide_characters_are_cut_by_cells_not_characters() -> None:
    title_width, cut = fitted_rows(ROWS, 50)
    assert all(row[0].cell_len <= title_width for row in cut)
