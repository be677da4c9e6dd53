"""Timestamps people write inside comments ("9:00", "at 1:02:03"), as seconds into the video.

Rule: `[h:]m:ss` standing alone as a token, where seconds are two digits below 60 and,
with hours, minutes are two digits below 60. It must not touch letters, digits, `:`,
`/` or a decimal part on either side, and must not be a clock time ("10:30 am", "10:30pm").
So `12/2023`, scores like `3:2`, ratios like `16:9` and `1:2:3` are not timestamps.
"""

from __future__ import annotations

import re

_TIMESTAMP_RE = re.compile(
    r"(?<![\w:/.,])(?:(\d{1,2}):([0-5]\d):|(\d{1,3}):)([0-5]\d)(?![\w:/]|[.,]\d|\s?[ap]\.?m\b)",
    re.IGNORECASE,
)


def parse_timestamp(text: str) -> int | None:
    """Seconds of a text that is exactly one timestamp ("00:00", "1:02:03"), else None."""
    match = _TIMESTAMP_RE.fullmatch(text.strip())
    return _seconds(match) if match else None


def find_timestamps(text: str) -> tuple[int, ...]:
    """Every timestamp mentioned in `text`, in order of appearance."""
    if ":" not in text:  # the common case costs one scan in C
        return ()
    return tuple(_seconds(m) for m in _TIMESTAMP_RE.finditer(text))


def _seconds(match: re.Match[str]) -> int:
    hours, minutes_h, minutes, seconds = match.groups()
    if hours is not None:
        return int(hours) * 3600 + int(minutes_h) * 60 + int(seconds)
    return int(minutes) * 60 + int(seconds)
