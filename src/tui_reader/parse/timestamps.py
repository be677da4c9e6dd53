"""Timestamps people write inside comments ("9:00", "at 1:02:03"), as seconds into the video.

Rule: `[h:]m:ss` standing alone as a token, where seconds are two digits below 60 and,
with hours, minutes are two digits below 60. It must not touch letters, digits, `:`,
`/` or a decimal part on either side, and must not be a clock time ("10:30 am", "10:30pm").
So `12/2023`, scores like `3:2`, ratios like `16:9` and `1:2:3` are not timestamps. A
colon that ends a clause ("at 9:00: the solo", "skip to 4:35:") does not continue the
number, so it does not count as touching it.

This is the one definition of a timestamp: `Comment.timestamps` (in `--dump`) and the
chapter links (which comments point at which chapter) both use it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

# The pattern opens with a bare digit, so the regex engine skips ahead to the next
# digit instead of trying every position (the lookbehind that checks the character
# before the number sits after that digit): half the time on 100,000 comments.
# Alternatives in the order the engine tries them: h:mm:ss (h one or two digits),
# then m:ss (m one to three digits).
_TIMESTAMP_RE = re.compile(
    r"\d(?<![\w:/.,]\d)(?:\d?:[0-5]\d:|\d{0,2}:)[0-5]\d"
    r"(?![\w/]|:(?!\s|$)|[.,]\d|\s?[ap]\.?m\b)",
    re.IGNORECASE,
)


def parse_timestamp(text: str) -> int | None:
    """Seconds of a text that is exactly one timestamp ("00:00", "1:02:03"), else None."""
    match = _TIMESTAMP_RE.fullmatch(text.strip())
    return clock_seconds(match[0]) if match else None


def find_timestamps(text: str) -> tuple[int, ...]:
    """Every timestamp mentioned in `text`, in order of appearance.

    `findall` (strings, no match objects) and a cache of each clock's seconds: a big
    page mentions a few thousand distinct clocks, and this runs on every comment.
    """
    if ":" not in text:  # the common case costs one scan in C
        return ()
    return tuple(map(_cached_seconds, _findall(text)))


def timestamp_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """`(start, end, seconds)` of every timestamp in `text`, for code that marks them."""
    if ":" in text:
        for match in _TIMESTAMP_RE.finditer(text):
            yield match.start(), match.end(), clock_seconds(match[0])


def clock_seconds(clock: str) -> int:
    """Seconds of an `[h:]m:ss` clock already matched as one (a timestamp, a chapter
    start, a related video's duration)."""
    total = 0
    for part in clock.split(":"):
        total = total * 60 + int(part)
    return total


_findall = _TIMESTAMP_RE.findall  # the pattern has no groups: whole matches
_cached_seconds = functools.lru_cache(maxsize=4096)(clock_seconds)
