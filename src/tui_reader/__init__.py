"""mechanics-tui: a keyboard-first terminal reader for saved video pages."""

__version__ = "0.1.0"
