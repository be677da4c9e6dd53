"""Chapters from the description, by the site's own rule.

A description line is a chapter line when it starts with a timestamp followed by a
title ("00:00 - Intro", "▶ 1:02:03 Wrap up", "(4:35) Demo") or ends with one
("Intro - 0:00"). The site only shows chapters when the first is at 0:00, starts
ascend, and there are at least three; so the chapters are the longest ascending run of
chapter lines beginning at the first 0:00 line, kept only if it has three or more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui_reader.model import Chapter
from tui_reader.parse.timestamps import clock_seconds

_MAX_CHAPTER_LINE = 300  # chapter lines are short; the cap keeps the regexes linear
_TS = r"(?:\d{1,2}:)?\d{1,2}:[0-5]\d"
_LEADING_RE = re.compile(
    rf"[\s\-–—•*▶►]*[(\[]?(?P<ts>{_TS})[)\]]?(?:\s*[-–—:|.)]+\s*|\s+)(?P<title>\S.*?)\s*"
)
_TRAILING_RE = re.compile(
    rf"[\s\-–—•*▶►]*(?P<title>\S.*?)(?:\s*[-–—:|]\s*|\s+)[(\[]?(?P<ts>{_TS})[)\]]?\s*"
)


def chapter_line(line: str) -> tuple[int, str] | None:
    """(start seconds, title) if `line` is a chapter line."""
    if ":" not in line or len(line) > _MAX_CHAPTER_LINE:
        return None
    match = _LEADING_RE.fullmatch(line) or _TRAILING_RE.fullmatch(line)
    if match is None:
        return None
    return clock_seconds(match["ts"]), match["title"]


def find_chapters(lines: Sequence[str], start: int, end: int) -> tuple[Chapter, ...]:
    """Chapters among lines[start:end] (0-based indices; Chapter.line is 1-based)."""
    chapters: list[Chapter] = []
    for index in range(start, end):
        found = chapter_line(lines[index])
        if found is None:
            continue
        seconds, title = found
        if not chapters:
            if seconds == 0:
                chapters.append(Chapter(0, title, index + 1))
        elif seconds > chapters[-1].start:
            chapters.append(Chapter(seconds, title, index + 1))
        elif seconds == 0 and len(chapters) < 3:
            chapters = [Chapter(0, title, index + 1)]  # a new list starts; the old was too short
    return tuple(chapters) if len(chapters) >= 3 else ()
