"""Chapters by the site's rule, and timestamps mentioned in comment text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.parse.chapters import chapter_line, find_chapters
from tui_reader.parse.timestamps import find_timestamps, parse_timestamp


def chapters(*lines: str) -> list[tuple[int, str]]:
    return [(c.start, c.title) for c in find_chapters(list(lines), 0, len(lines))]


def test_site_rule_first_at_zero_ascending_at_least_three() -> None:
    assert chapters("0:00 Intro", "1:00 Middle", "2:00 End") == [
        (0, "Intro"),
        (60, "Middle"),
        (120, "End"),
    ]
    assert chapters("0:00 Intro", "1:00 Middle") == []  # only two
    assert chapters("0:10 Intro", "1:00 Middle", "2:00 End") == []  # not from 0:00
    assert chapters("text", "00:00 - A", "prose between", "01:51 - B", "1:02:03 | C") == [
        (0, "A"),
        (111, "B"),
        (3723, "C"),
    ]


def test_descending_line_ends_the_list() -> None:
    assert chapters("0:00 A", "1:00 B", "2:00 C", "1:30 D", "3:00 E") == [
        (0, "A"),
        (60, "B"),
        (120, "C"),
        (180, "E"),
    ]


def test_a_later_list_from_zero_replaces_a_too_short_one() -> None:
    assert chapters("0:00 A", "0:00 X", "0:30 Y", "0:50 Z") == [(0, "X"), (30, "Y"), (50, "Z")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("00:00 - AI basics", (0, "AI basics")),
        ("▶ 1:02:03 Wrap", (3723, "Wrap")),
        ("(4:35) Demo", (275, "Demo")),
        ("Intro - 0:00", (0, "Intro")),
        ("Timeline: 9:00 What happened", None),
        ("12/2023", None),
        ("13:38", None),
    ],
)
def test_chapter_lines(line: str, expected: tuple[int, str] | None) -> None:
    assert chapter_line(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Timeline: 9:00 what", (540,)),
        ("13:38 you used", (818,)),
        ("at 1:02:03 and 4:35.", (3723, 275)),
        ("(4:35)", (275,)),
        ("posted 12/2023", ()),
        ("the score was 3:2", ()),
        ("16:9 screens", ()),
        ("meet at 10:30 am or 10:30pm", ()),
        ("version 1.5:00", ()),
        ("ratio 1:2:3", ()),
        ("12:75 is no time", ()),
    ],
)
def test_timestamps_in_text(text: str, expected: tuple[int, ...]) -> None:
    assert find_timestamps(text) == expected


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 9), st.integers(0, 59), st.integers(0, 59))
def test_timestamp_round_trip(hours: int, minutes: int, seconds: int) -> None:
    written = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    assert parse_timestamp(written) == hours * 3600 + minutes * 60 + seconds
    assert find_timestamps(f"see {written}, wow") == (hours * 3600 + minutes * 60 + seconds,)
