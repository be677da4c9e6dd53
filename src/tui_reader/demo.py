"""The built-in demo page, so `mechanics-tui` with no file shows what the reader does.

The page text is ours (an invented tidal-energy episode), shipped as package data in the
same saved-page format as real pages, so it also exercises the real parser.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_reader.model import Page

DEMO_RESOURCE = ("demo", "demo_page.txt")


def demo_resource() -> Traversable:
    """Where the demo page is shipped (the CLI opens it as a path, through the cache)."""
    return files("tui_reader").joinpath(*DEMO_RESOURCE)


def demo_page_text() -> str:
    """The demo page as saved text."""
    return demo_resource().read_text(encoding="utf-8")


def load_demo_page() -> Page:
    """Parse the bundled demo page."""
    from tui_reader.parse import parse_text

    return parse_text(demo_page_text())
