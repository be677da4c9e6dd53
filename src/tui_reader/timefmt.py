"""Seconds as clock text, one way everywhere: as the video site writes times.

`m:ss`, or `h:mm:ss` past an hour ("1:05", "12:30", "1:02:03"): how the player, related
video durations and comments' own timestamps look, so a chapter time on screen reads
like the time a comment quotes. Lists align these by right-justifying them.
"""

from __future__ import annotations


def clock(seconds: int) -> str:
    """`m:ss`, or `h:mm:ss` past an hour; negative times count as 0."""
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
