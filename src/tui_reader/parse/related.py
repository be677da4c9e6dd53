"""Related videos listed after the last comment, with no separator before them.

Each item is a title, then usually a duration (`21:17`, `1:02:03`), a channel and a
views line; any but the title may be missing and the last item is often cut off.

Where the list starts (the hard part, since the last comment's text runs straight
into it): the first non-blank line T, after the last comment's first text line, whose
next non-blank line D is a duration, where T is neither a duration, a views line nor a
lone `@handle`, and the evidence after D says "list": a views line among the next two
non-blank lines, or another title + duration pair right after (optionally after one
channel line), or at most one more line before the end (a list cut off after one item).
A comment that ends "great part at\\n13:38" without such evidence stays a comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tui_reader.model import RelatedVideo
from tui_reader.parse.locales import duration_seconds, is_duration, parse_count, parse_views

_LONE_HANDLE_RE = re.compile(r"\s*@\S+\s*")

ViewsReader = Callable[[str], "tuple[int | None, str] | None"]


def views_reader(word: str | None) -> ViewsReader:
    """`parse_views`, and for a page in a language the table does not know, also
    "<count> <word>" with the word its own views line used (`blocks.learned_word`):
    "5.678 weergaven" under a page whose views line was "12.345 weergaven". A count
    with a suffix the table does not know ("1,2 mln. weergaven") is a views line of unknown
    count."""
    if word is None:
        return parse_views
    learned = re.compile(
        rf"\s*(\d[\d\u00a0.,]*)(?:\s*(\S+?))?\s+{re.escape(word)}\s*", re.IGNORECASE
    )

    def read(line: str) -> tuple[int | None, str] | None:
        known = parse_views(line)
        if known is not None or len(line) > 60:
            return known
        match = learned.fullmatch(line)
        if match is None:
            return None
        return (None if match[2] else parse_count(match[1], None)), ""

    return read


def _nonblank_after(lines: Sequence[str], index: int, end: int, count: int) -> list[int]:
    """Indices of up to `count` non-blank lines after `index` (before `end`)."""
    found: list[int] = []
    index += 1
    while index < end and len(found) < count:
        if lines[index].strip():
            found.append(index)
        index += 1
    return found


def _could_be_title(line: str, views: ViewsReader = parse_views) -> bool:
    return not (is_duration(line) or views(line) is not None or _LONE_HANDLE_RE.fullmatch(line))


def find_start(
    lines: Sequence[str], start: int, end: int, views: ViewsReader = parse_views
) -> int:
    """Index where the related list begins within lines[start:end], or `end` if none.
    `views` reads views lines (`views_reader` for a page of unknown language)."""
    for index in range(start, end):
        line = lines[index]
        if not line.strip() or not _could_be_title(line, views):
            continue
        after = _nonblank_after(lines, index, end, 4)
        if not after or not is_duration(lines[after[0]]):
            continue
        rest = after[1:]
        if len(rest) <= 1 and all(_could_be_title(lines[i], views) for i in rest):
            return index  # title, duration (and channel) then the end: a cut-off list
        if any(views(lines[i]) is not None for i in rest[:2]):
            return index
        for title_at in rest[:2]:
            nxt = _nonblank_after(lines, title_at, end, 1)
            if nxt and _could_be_title(lines[title_at], views) and is_duration(lines[nxt[0]]):
                return index
    return end


def parse_related(
    lines: Sequence[str], start: int, end: int, views_of: ViewsReader = parse_views
) -> list[RelatedVideo]:
    """Every non-blank line of lines[start:end] as part of some related item, in order.

    Grammar: TITLE [DURATION] [CHANNEL] [VIEWS]. A line after the duration is the
    channel unless it is itself followed by a duration (then it is the next title);
    without a duration, a line is a channel only when a views line follows it.
    """
    rows = [i for i in range(start, end) if lines[i].strip()]
    texts = [lines[i].strip() for i in rows]
    views = [views_of(t) for t in texts]
    durations = [is_duration(t) for t in texts]
    size = len(rows)
    items: list[RelatedVideo] = []
    k = 0
    while k < size:
        title_at = k
        k += 1
        duration_at = channel_at = views_at = None
        if k < size and durations[k]:
            duration_at = k
            k += 1
        if k < size and views[k] is not None:
            views_at = k
            k += 1
        elif k < size and not durations[k]:
            next_is_views = k + 1 < size and views[k + 1] is not None
            next_is_duration = k + 1 < size and durations[k + 1]
            if next_is_views or (duration_at is not None and not next_is_duration):
                channel_at = k
                k += 1
                if next_is_views:
                    views_at = k
                    k += 1
        seen = views[views_at] if views_at is not None else None
        # duration/channel/views indices come after the title, so they are never 0
        items.append(
            RelatedVideo(
                title=texts[title_at],
                duration=duration_seconds(texts[duration_at]) if duration_at else None,
                duration_text=texts[duration_at] if duration_at else None,
                channel=texts[channel_at] if channel_at else None,
                views=seen[0] if seen else None,
                views_text=texts[views_at] if views_at else None,
                line=rows[title_at] + 1,
                end_line=rows[k - 1] + 1,
            )
        )
    return items
