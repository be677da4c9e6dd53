"""The built-in demo page, so `mechanics-tui` with no file shows what the reader does.

The page text is ours (an invented tidal-energy episode), shipped as package data in the
same saved-page format as real pages, so it also exercises the real parser.
"""

from __future__ import annotations

from importlib.resources import files

from tui_reader.model import Page

DEMO_RESOURCE = ("demo", "demo_page.txt")


def demo_page_text() -> str:
    """The demo page as saved text."""
    resource = files("tui_reader").joinpath(*DEMO_RESOURCE)
    return resource.read_text(encoding="utf-8")


def load_demo_page() -> Page:
    """Parse the bundled demo page."""
    from tui_reader.parse import parse_text

    return parse_text(demo_page_text())
