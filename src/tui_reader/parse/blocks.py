"""The blocks above the comments: title, meta lines, description and the comments header.

Meta lines follow the title in the site's order: views ("Рет қаралды 65,882"), the
channel name (often twice), the published age ("Күн бұрын"). Each is recognised by
what it is, not by position, so a missing one does not shift the others; the first
line that is none of them starts the description. On a page in an unknown language
the first short line with a number right after the title is taken as views, and a
short line with a digit after the channel as the published date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui_reader.model import Span
from tui_reader.parse.comments import head_age
from tui_reader.parse.locales import (
    ends_with_age,
    guess_count,
    parse_comments_header,
    parse_count,
    parse_views,
)

_MAX_META_LINES = 6
_SHORT_WITH_DIGIT_RE = re.compile(r"(?=.*\d)\S+(?:\s+\S+){0,5}")
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


class Head:
    """What the lines above the description said (mutable while it is being read).

    A plain class: an attrs class costs a compiled `__init__` at import, which the
    reader's first paint waits for, and nothing compares or prints a `Head`.
    """

    __slots__ = (
        "channel",
        "end",
        "language",
        "published",
        "spans",
        "title",
        "views",
        "views_text",
        "views_word",
    )

    def __init__(self) -> None:
        self.title = ""
        self.views: int | None = None
        self.views_text: str | None = None
        self.views_word: str | None = None  # unknown language: the word of its views line
        self.channel: str | None = None
        self.published: str | None = None
        self.language: str | None = None
        self.spans: list[Span] = []
        self.end = 0  # index of the first line after the meta lines


def first_nonblank(lines: Sequence[str], start: int = 0) -> int:
    """Index of the first non-blank line at or after `start` (len(lines) if none)."""
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return len(lines)


def _is_published(text: str, language: str | None) -> bool:
    """An age we can read, a short line with a year, or (unknown language) a short
    line with a number right after the channel ("3 dagen geleden")."""
    if ends_with_age(text):
        return True
    if len(text) > 40:
        return False
    if _YEAR_RE.search(text) is not None:
        return True
    return language is None and _SHORT_WITH_DIGIT_RE.fullmatch(text) is not None


def read_head(lines: Sequence[str], limit: int) -> Head:
    """Title and meta lines at the top of lines[:limit]."""
    head = Head()
    index = first_nonblank(lines)
    if index >= limit:
        head.end = limit
        return head
    head.title = lines[index].strip()
    head.spans.append(Span("title", index + 1, index + 1))
    head.end = index + 1
    seen = 0
    while seen < _MAX_META_LINES:
        index = first_nonblank(lines, head.end)
        if index >= limit:
            break
        if index + 1 < limit and head_age(lines[index], lines[index + 1], True) is not None:
            break  # the first comment: this page has no more meta lines
        text = lines[index].strip()
        kind = _meta_kind(head, text, first=seen == 0)
        if kind is None:
            break
        head.spans.append(Span(kind, index + 1, index + 1))
        head.end = index + 1
        seen += 1
        if kind == "published":
            break
    return head


def _meta_kind(head: Head, text: str, first: bool) -> str | None:
    """Which meta field `text` is, recording it on `head`; None when the description starts."""
    if head.views_text is None:
        views = parse_views(text)
        if views is not None:
            head.views, head.language = views[0], views[1] or None
            head.views_text = text
            return "views"
        if first and len(text.split()) <= 3 and _SHORT_WITH_DIGIT_RE.fullmatch(text):
            head.views, head.views_text = guess_count(text), text
            head.views_word = learned_word(text)
            return "views"
    if head.published is None and (
        ends_with_age(text) or (head.channel and _is_published(text, head.language))
    ):
        head.published = text
        return "published"
    if head.channel is not None:
        return "channel" if text == head.channel else None
    if len(text) <= 80 and not text.endswith((".", "!", "?", ":")):
        head.channel = text
        return "channel"
    return None


_GENERIC_HEADER_RE = re.compile(r"\s*[^\W\d_][^\W\d]{0,30}\s*:\s*(\d[\d\s.,]*)")
_GENERIC_COUNT_FIRST_RE = re.compile(r"\s*(\d[\d\u00a0.,]*)\s+[^\W\d_][^\W\d]{0,30}\s*")
_WORD_OF_COUNT_RE = re.compile(r"\s*\d[\d\s.,]*\s*([^\W\d_][^\W\d]{0,30})\s*")


def learned_word(views_line: str) -> str | None:
    """The word of a views line in a language the table does not know ("12.345 weergaven"
    -> "weergaven"), or None. REASON: related videos at the end carry views lines in the
    same interface language, and knowing the word tells them from comment text."""
    match = _WORD_OF_COUNT_RE.fullmatch(views_line)
    return match[1] if match else None


def find_comments_header(
    lines: Sequence[str], start: int, end: int, before_comment: bool
) -> tuple[int, int | None] | None:
    """(index, declared count) of the comments header in lines[start:end], if any.

    A header in a known language ("Пікірлер: 78") is the last one found; in another
    language, "<Word>: <number>" or "<number> <Word>" ("17 reacties") counts only as
    the last line before the first comment.
    """
    for index in range(end - 1, start - 1, -1):
        header = parse_comments_header(lines[index])
        if header is not None:
            return index, header[0]
    last = end - 1
    while before_comment and last >= start and not lines[last].strip():
        last -= 1
    if before_comment and last >= start:
        match = _GENERIC_HEADER_RE.fullmatch(lines[last]) or _GENERIC_COUNT_FIRST_RE.fullmatch(
            lines[last]
        )
        if match is not None:
            return last, parse_count(match[1], None)
    return None
