"""What a person sees: SVG snapshots of the reader (in snapshots/test_snapshots/).

Each SVG was looked at before it was accepted. Screens are deterministic: fixed size and
theme, no animation, workers awaited before the shot, no notifications in these flows.
"""

from __future__ import annotations

from pathlib import Path

from pilot_support import reader_app, wait_for_workers
from tui_reader.parse import load_page

HOSTILE = Path(__file__).parent / "fixtures" / "app" / "hostile_page.txt"
WIDE = (120, 35)
NARROW = (60, 20)


def test_first_screen(snap_compare, demo) -> None:
    assert snap_compare(reader_app(demo), terminal_size=WIDE, run_before=wait_for_workers)


def test_thread_collapsed(snap_compare, demo) -> None:
    # j: to the first real thread; h folds it and shows how many replies it hides.
    assert snap_compare(
        reader_app(demo), terminal_size=WIDE, press=["j", "h"],
        run_before=wait_for_workers
    )


def test_thread_expanded_again(snap_compare, demo) -> None:
    assert snap_compare(
        reader_app(demo), terminal_size=WIDE, press=["j", "h", "l"], run_before=wait_for_workers
    )


def test_chapter_chosen(snap_compare, demo) -> None:
    # tab to the sidebar, down past "All comments" to the second chapter, enter.
    assert snap_compare(
        reader_app(demo),
        terminal_size=WIDE,
        press=["tab", "down", "down", "enter"],
        run_before=wait_for_workers,
    )


def test_help_screen(snap_compare, demo) -> None:
    assert snap_compare(
        reader_app(demo), terminal_size=WIDE, press=["question_mark"], run_before=wait_for_workers
    )


def test_description_view(snap_compare, demo) -> None:
    assert snap_compare(
        reader_app(demo), terminal_size=WIDE, press=["D"],
        run_before=wait_for_workers
    )


def test_related_view(snap_compare, demo) -> None:
    assert snap_compare(
        reader_app(demo), terminal_size=WIDE, press=["R"],
        run_before=wait_for_workers
    )


def test_narrow_terminal(snap_compare, demo) -> None:
    assert snap_compare(reader_app(demo), terminal_size=NARROW, run_before=wait_for_workers)


def test_narrow_terminal_with_sidebar(snap_compare, demo) -> None:
    assert snap_compare(
        reader_app(demo), terminal_size=NARROW, press=["s"],
        run_before=wait_for_workers
    )


def test_hostile_page(snap_compare) -> None:
    page = load_page(str(HOSTILE))
    assert snap_compare(reader_app(page), terminal_size=WIDE, run_before=wait_for_workers)


def test_hostile_page_description(snap_compare) -> None:
    page = load_page(str(HOSTILE))
    assert snap_compare(
        reader_app(page), terminal_size=WIDE, press=["D"],
        run_before=wait_for_workers
    )
