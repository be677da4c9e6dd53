"""Turning saved page text (or a yt-dlp info.json) into a `Page`.

Public entry points (owned by the parser work):
- `parse_text(text: str) -> Page`: never raises on any str.
- `load_page(path: str) -> Page`: path or "-" for stdin; decodes BOMs/UTF-16/CRLF,
  detects yt-dlp JSON, raises `PageError` with a one-line message for bad input.
"""
