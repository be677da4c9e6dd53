"""Comments: where each starts and which lines are its text.

A comment starts with a head pair: a line that is only `@handle`, then a line
`@handle <age>` with the same handle. Everything until the next head pair is the
comment's text, whatever it looks like (empty lines, `@@handle` openings, `13:38`,
a lone `@someone`): a lone `@x` line starts a comment only when the next line is
`@x <age>`. The age must read as an age of a known language ("5 ай бұрын") or at
least end with a known "ago" word ("1 неделя назад"); on a page of unknown language
any short phrase (four words at most) is accepted, so structure survives unknown
interfaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, count, islice
from typing import NamedTuple

from tui_reader.model import Comment
from tui_reader.parse.ids import IdMaker
from tui_reader.parse.locales import ends_with_ago, parse_age, pinned_handle
from tui_reader.parse.threads import ThreadPlan
from tui_reader.parse.timestamps import find_timestamps

_HANDLE_RE = re.compile(r"@[^\s@]\S{0,99}")


def head_age(line: str, following: str, lenient: bool) -> str | None:
    """The age text if `line` + `following` is a comment head pair, else None."""
    handle = line.rstrip()
    if _HANDLE_RE.fullmatch(handle) is None:
        return None
    size = len(handle)
    if not following.startswith(handle) or following[size : size + 1] != " ":
        return None
    age = following[size + 1 :].strip()
    if not age:
        return None
    return age if readable_age(age) or (lenient and len(age.split(None, 4)) <= 4) else None


def find_heads(lines: Sequence[str], start: int, lenient: bool) -> list[tuple[int, str, str]]:
    """(index of the `@handle` line, handle without "@", age text) of every head pair.

    `lenient` (the page's language is not known from its views line) allows ages we
    cannot read, unless some head pair has an age we can: then the language is known
    after all. One pass, mostly in C: `map`/`compress` keep only lines that prefix the
    next line (a head, or a blank line), and each distinct age is judged once, so a
    100,000-comment page costs little more than iterating its lines.
    """
    pairs: list[tuple[int, str, str]] = []
    known: dict[str, bool] = {}  # age text -> readable (parses or ends in "ago")
    body = lines[start:] if start else lines
    for offset in compress(count(), map(str.startswith, islice(body, 1, None), body)):
        index = start + offset
        line = lines[index]
        if line[:1] != "@":
            continue
        if line[-1:].isspace():  # "@x " still prefixes "@x 2 days ago"
            line = line.rstrip()
        following = lines[index + 1]
        size = len(line)
        if following[size : size + 1] != " " or _HANDLE_RE.fullmatch(line) is None:
            continue
        age = following[size + 1 :].strip()
        if age:
            if age not in known:
                known[age] = readable_age(age)
            pairs.append((index, line[1:], age))
    if all(known.values()):
        return pairs
    if lenient and not any(known.values()):
        return [pair for pair in pairs if len(pair[2].split(None, 4)) <= 4]
    return [pair for pair in pairs if known[pair[2]]]


def readable_age(age: str) -> bool:
    """An age we can read, or at least one ending in a known "ago" word."""
    return parse_age(age) is not None or ends_with_ago(age)


def is_blank(line: str) -> bool:
    """Empty or only whitespace (without making a stripped copy)."""
    return not line or line.isspace()


def trim_blank(lines: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """Shrink lines[start:end] to drop blank lines at both ends."""
    while start < end and is_blank(lines[start]):
        start += 1
    while end > start and is_blank(lines[end - 1]):
        end -= 1
    return start, end


def pinned_marker(lines: Sequence[str], start: int, head: int) -> int | None:
    """Index of a "Pinned by @x" line just before the head at `head` (not before `start`)."""
    index = head - 1
    while index >= start and is_blank(lines[index]):
        index -= 1
    if index >= start and "@" in lines[index] and pinned_handle(lines[index]) is not None:
        return index
    return None


def pinned_markers(
    lines: Sequence[str], heads: Sequence[tuple[int, str, str]], start: int
) -> list[int | None]:
    """The pin marker index (or None) before each head; the first is searched from `start`.

    Only a line with "@" can be a marker, so most heads cost one `in` test.
    """
    markers: list[int | None] = []
    for head_at, _author, _age in heads:
        before = lines[head_at - 1] if head_at > start else "@"
        if "@" in before or before.isspace() or not before:
            markers.append(pinned_marker(lines, start, head_at))
        else:
            markers.append(None)
        start = head_at + 2
    return markers


class Draft(NamedTuple):
    """A comment before thread placement: a cheap record, so each `Comment` is built once."""

    id: str
    author: str
    age: str
    age_seconds: int | None
    text: str
    timestamps: tuple[int, ...]
    line: int
    end_line: int
    pinned: bool


def build_drafts(
    lines: Sequence[str],
    heads: Sequence[tuple[int, str, str]],
    ends: Sequence[int],
    pinned: Sequence[bool],
) -> list[Draft]:
    """Drafts for `heads`; the text of head k is lines[head+2 : ends[k]] minus blank edges.

    The hot loop of a big page, kept flat: a one-line text is the line itself (no
    copy), each distinct age is parsed once.
    """
    seconds_of: dict[str, int | None] = {}
    make_id = IdMaker()
    drafts: list[Draft] = []
    append = drafts.append
    for (head, author, age), end, is_pinned in zip(heads, ends, pinned, strict=True):
        start = head + 2
        text = lines[start] if end == start + 1 else ""
        if text and not text.isspace():
            last = start + 1
        else:
            start, stop = trim_blank(lines, start, end)
            text, last = "\n".join(lines[start:stop]), stop if stop > start else head + 2
        seconds = seconds_of.get(age, -1)
        if seconds == -1:
            seconds = seconds_of[age] = parse_age(age)
        append(
            Draft(
                make_id(author, text),
                author,
                age,
                seconds,
                text,
                find_timestamps(text) if ":" in text else (),
                head + 1,
                last,
                is_pinned,
            )
        )
    return drafts


def place_comments(drafts: Sequence[Draft], plan: ThreadPlan) -> tuple[Comment, ...]:
    """The final comments: each draft plus where thread reconstruction put it."""
    comments: list[Comment] = []
    append = comments.append
    for j, (draft, starter, reason, reply_to, is_channel) in enumerate(
        zip(drafts, plan.starter, plan.reason, plan.reply_to, plan.is_channel, strict=True)
    ):
        is_reply = starter != j
        append(
            Comment(
                id=draft.id,
                author=draft.author,
                age=draft.age,
                age_seconds=draft.age_seconds,
                text=draft.text,
                parent=drafts[starter].id if is_reply else None,
                depth=1 if is_reply else 0,
                reply_to=reply_to,
                timestamps=draft.timestamps,
                reason=reason,
                is_channel=is_channel,
                line=draft.line,
                end_line=draft.end_line,
                pinned=draft.pinned,
            )
        )
    return tuple(comments)
