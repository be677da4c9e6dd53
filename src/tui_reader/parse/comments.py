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
from collections.abc import Callable, Sequence
from itertools import compress, count, islice
from typing import NamedTuple

from tui_reader.model import Comment, build_in_parts
from tui_reader.parse.ids import assign_ids
from tui_reader.parse.locales import has_ago_word, parse_age, pinned_handle
from tui_reader.parse.threads import ThreadColumns, ThreadPlan
from tui_reader.parse.timestamps import find_timestamps

MAX_UNREAD_AGE_WORDS = 4
"""On a page of unknown language, a head's age is any phrase of at most this many words."""
_HANDLE_RE = re.compile(r"@[^\s@]\S{0,99}")
# A head's second line: the handle (as `_HANDLE_RE`), one space, the age. The
# greedy handle stops at the first whitespace, so group 1 equals the head line's
# handle exactly when that line fullmatches `_HANDLE_RE` and a space follows it here.
_PAIR_RE = re.compile(r"(@[^\s@]\S{0,99}) (.*)", re.DOTALL)


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
    return age if readable_age(age) or (lenient and short_enough(age)) else None


class Heads(NamedTuple):
    """The comment heads of a page as columns, in page order: the index of each
    `@handle` line, the handle without "@", the age text. Columns, because a 100k page
    has 100k heads and the drafts are columns too: no tuple per head to build and
    take apart again."""

    at: Sequence[int]
    author: Sequence[str]
    age: Sequence[str]


NO_HEADS = Heads((), (), ())


def find_heads(lines: Sequence[str], start: int, lenient: bool) -> Heads:
    """(index of the `@handle` line, handle without "@", age text) of every head pair.

    `lenient` (the page's language is not known from its views line) allows ages we
    cannot read, unless some head pair has an age we can: then the language is known
    after all. Mostly in C: `map`/`compress` keep only lines that prefix the next line
    (a head, or a blank line), `_PAIR_RE` splits each next line into handle and age,
    and each distinct age is judged once, so a 100,000-comment page costs little more
    than iterating its lines.
    """
    pairs: list[tuple[int, str, str]] = []
    body = lines[start:] if start else lines
    prefixes = list(compress(count(start), map(str.startswith, islice(body, 1, None), body)))
    followers = map(_PAIR_RE.match, map(lines.__getitem__, map((1).__add__, prefixes)))
    for index, pair in zip(prefixes, followers, strict=True):
        if pair is None:
            continue
        handle = pair[1]
        line = lines[index]
        # "@x " still prefixes "@x 2 days ago": the handle line may end in spaces
        if line != handle and line.rstrip() != handle:
            continue
        age = pair[2].strip()
        if age:
            pairs.append((index, handle[1:], age))
    ages = {age for _index, _handle, age in pairs}
    kept = head_ages(ages, lenient)
    if len(kept) < len(ages):
        pairs = [pair for pair in pairs if pair[2] in kept]
    return Heads(*zip(*pairs, strict=True)) if pairs else NO_HEADS


def head_ages(ages: set[str], lenient: bool) -> set[str]:
    """Which of a page's distinct head ages make head pairs: the readable ones; on a page
    of unknown language (`lenient`) where none is readable, the short ones (see
    MAX_UNREAD_AGE_WORDS). One rule for every way of finding heads; each age judged once."""
    readable = {age for age in ages if readable_age(age)}
    if readable or not lenient:
        return readable
    return {age for age in ages if short_enough(age)}


def short_enough(age: str) -> bool:
    """An age of MAX_UNREAD_AGE_WORDS words or fewer (the split stops counting past it)."""
    return len(age.split(None, MAX_UNREAD_AGE_WORDS)) <= MAX_UNREAD_AGE_WORDS


def readable_age(age: str) -> bool:
    """An age we can read, or at least one ending in a known "ago" word."""
    return parse_age(age) is not None or has_ago_word(age)


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


def pinned_markers(lines: Sequence[str], heads: Heads, start: int) -> list[int | None]:
    """The pin marker index (or None) before each head; the first is searched from `start`.

    Only a line with "@" can be a marker, so most heads cost one `in` test.
    """
    markers: list[int | None] = []
    for head_at in heads.at:
        before = lines[head_at - 1] if head_at > start else "@"
        if "@" in before or before.isspace() or not before:
            markers.append(pinned_marker(lines, start, head_at))
        else:
            markers.append(None)
        start = head_at + 2
    return markers


class LineComments:
    """The comments of a page read line by line, as `_assemble` in `parse` asks about
    them: the pin line before each head, each comment's text and last line.
    `head_split.CutPage` answers the same from the pieces of a cut text."""

    def __init__(self, heads: Heads) -> None:
        self._heads = heads

    def comments(
        self, lines: Sequence[str], start: int, end: int
    ) -> tuple[list[int | None], list[str], list[int]]:
        """`pinned_markers` of these heads (the first searched from `start`), then each
        text, which runs to the next head (or its pin line); the last one's to `end`."""
        markers = pinned_markers(lines, self._heads, start)
        at = self._heads.at
        ends = [markers[k] if markers[k] is not None else at[k] for k in range(1, len(at))]
        if at:
            ends.append(end)
        return (markers, *comment_texts(lines, at, ends))


class Drafts(NamedTuple):
    """The comments before thread placement, one column per field in page order.

    Columns, not one record per comment: each is filled in one pass (mostly C-level
    `map`s) and handed to `build_many` as is, so each `Comment` is built once.
    """

    id: Sequence[str]
    author: Sequence[str]
    age: Sequence[str]
    age_seconds: Sequence[int | None]
    text: Sequence[str]
    timestamps: Sequence[tuple[int, ...]]
    line: Sequence[int]
    end_line: Sequence[int]
    pinned: Sequence[bool]

    def for_threads(self) -> ThreadColumns:
        """The columns the thread rules read, as they are (no record per comment)."""
        return ThreadColumns(self.author, self.age_seconds, self.text, self.pinned)


def build_drafts(
    heads: Heads,
    texts: Sequence[str],
    end_lines: Sequence[int],
    pinned: Sequence[bool],
) -> Drafts:
    """Drafts for `heads` and their texts (see `comment_texts`).

    The hot path of a big page, built column by column: ages in one pass (each
    distinct age is parsed once). Ids and timestamps are left empty for
    `finish_drafts`: the thread rules do not need them, so the parser can start the
    rules on these columns first (see `forked`).
    """
    seconds_of = {age: parse_age(age) for age in set(heads.age)}
    return Drafts(
        id=(),
        author=heads.author,
        age=heads.age,
        age_seconds=list(map(seconds_of.__getitem__, heads.age)),
        text=texts,
        timestamps=(),
        line=list(map((1).__add__, heads.at)),
        end_line=end_lines,
        pinned=pinned,
    )


def finish_drafts(drafts: Drafts) -> Drafts:
    """The drafts with their ids and timestamps: a pass over the texts for each."""
    texts = drafts.text
    return drafts._replace(
        id=assign_ids(zip(drafts.author, texts, strict=True)),
        timestamps=[find_timestamps(text) if ":" in text else () for text in texts],
    )


def comment_texts(
    lines: Sequence[str], at: Sequence[int], ends: Sequence[int]
) -> tuple[list[str], list[int]]:
    """Each comment's text and last line number: the text of the head at `at[k]` is
    lines[at[k] + 2 : ends[k]] minus blank edges; a one-line text is the line itself."""
    texts: list[str] = []
    end_lines: list[int] = []
    for head, end in zip(at, ends, strict=True):
        start = head + 2
        text = lines[start] if end == start + 1 else ""
        if text and not text.isspace():
            last = start + 1
        else:
            start, stop = trim_blank(lines, start, end)
            text, last = "\n".join(lines[start:stop]), stop if stop > start else head + 2
        texts.append(text)
        end_lines.append(last)
    return texts, end_lines


def place_comments(drafts: Drafts, plan: Callable[[], ThreadPlan]) -> tuple[Comment, ...]:
    """The final comments: each finished draft plus where thread reconstruction put it.

    `plan()` is asked for only once the draft fields are stored, so a plan still being
    computed elsewhere (see `forked`) overlaps with building the comments.
    """
    ids = drafts.id

    def thread_fields() -> dict[str, Sequence[object]]:
        placed = plan()
        parent = [None if s == j else ids[s] for j, s in enumerate(placed.starter)]
        return {
            "parent": parent,
            "reply_to": placed.reply_to,
            "reason": placed.reason,
            "is_channel": placed.is_channel,
        }

    return tuple(build_in_parts(Comment, drafts._asdict(), thread_fields))
