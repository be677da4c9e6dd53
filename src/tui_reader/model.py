"""The page model: what a saved video page says, independent of how it is shown.

Everything here is frozen so the parser's result can be shared between the UI, the
search index and the cache without anyone mutating it behind another's back.
Line numbers are 1-based positions in the decoded input; they let tests prove the
parser is lossless and let the UI point at the source of a comment.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import Any, TypeVar

from attrs import field, fields, frozen

T = TypeVar("T")


@frozen(slots=True)
class Chapter:
    """A chapter from the description: where it starts and what it is called."""

    start: int
    title: str
    line: int = 0


@frozen(slots=True)
class Comment:
    """One comment as written, plus where thread reconstruction placed it.

    `parent` is the id of the thread starter (replies are one level deep, as on the
    site); `reply_to` is the handle an `@@handle` opening answers; `reason` names
    the rule that made this comment a reply (None for thread starters).
    """

    id: str
    author: str
    age: str | None
    age_seconds: int | None
    text: str
    parent: str | None = None
    reply_to: str | None = None
    timestamps: tuple[int, ...] = ()
    reason: str | None = None
    is_channel: bool = False
    line: int = 0
    end_line: int = 0
    pinned: bool = False

    @property
    def depth(self) -> int:
        """1 for a reply, 0 for a thread starter. Derived from `parent`, not stored:
        replies are one level deep, so a stored depth could only disagree with it."""
        return 0 if self.parent is None else 1


@frozen(slots=True)
class RelatedVideo:
    """A related video listed after the comments; any field but the title may be missing."""

    title: str
    duration: int | None = None
    duration_text: str | None = None
    channel: str | None = None
    views: int | None = None
    views_text: str | None = None
    line: int = 0
    end_line: int = 0


@frozen(slots=True)
class UnparsedLine:
    """A non-blank input line no rule claimed: kept so nothing is silently dropped."""

    line: int
    text: str


@frozen(slots=True)
class Span:
    """Input lines `line`..`end_line` that went to page field `field` (title, views, ...).

    Comments, related videos and unparsed lines carry their own line numbers; spans
    cover the rest, so a test can prove every non-blank line landed somewhere once.
    """

    field: str
    line: int
    end_line: int


@frozen(slots=True)
class Page:
    """A whole saved page."""

    title: str
    channel: str | None = None
    views: int | None = None
    views_text: str | None = None
    published: str | None = None
    description: str = ""
    chapters: tuple[Chapter, ...] = ()
    comment_count_declared: int | None = None
    comments: tuple[Comment, ...] = ()
    related: tuple[RelatedVideo, ...] = ()
    unparsed: tuple[UnparsedLine, ...] = ()
    language: str | None = None
    warnings: tuple[str, ...] = field(default=())
    spans: tuple[Span, ...] = ()


def build_many(cls: type[T], columns: Mapping[str, Sequence[Any]]) -> list[T]:
    """Instances of the frozen slots class `cls`, row k made of every column's item k.

    Equal to `cls(**row)` for each row, which is what the parser needs for 100,000
    comments at once: attrs' generated `__init__` stores each field with one Python
    call, this stores a whole column through the field's slot descriptor in one
    C-level `map` (as `__init__`, it sets fields before anyone can see the object).
    A third of the time, so large pages stay near the issue's 3x bound. Every field
    must be given (no defaults, converters or validators run); a test keeps the
    result equal to calling `cls`.
    """
    return build_in_parts(cls, columns, dict)


def build_in_parts(
    cls: type[T],
    first: Mapping[str, Sequence[Any]],
    rest: Callable[[], Mapping[str, Sequence[Any]]],
) -> list[T]:
    """`build_many(cls, first | rest())`, with `rest()` called once `first` is stored.

    The parser builds its comments from the columns it has while another process (see
    `forked`) is still computing the thread columns: `rest` waits for those. Together
    the two parts must give every field once, in columns of one length.
    """
    names = {f.name for f in fields(cls)}
    if not names.issuperset(first):
        raise ValueError(f"{cls.__name__} columns {sorted(first)} are not all fields")
    sizes = {len(column) for column in first.values()}
    if len(sizes) > 1:
        raise ValueError(f"{cls.__name__} columns differ in length: {sorted(sizes)}")
    instances: list[T] = list(map(object.__new__, repeat(cls, sizes.pop() if sizes else 0)))
    _store(cls, instances, first)
    later = rest()
    given = [*first, *later]
    if sorted(given) != sorted(names):
        raise ValueError(f"{cls.__name__} columns {sorted(given)} != fields {sorted(names)}")
    if {len(column) for column in later.values()} - {len(instances)}:
        raise ValueError(f"{cls.__name__} columns differ in length")
    _store(cls, instances, later)
    return instances


def _store(cls: type[T], instances: Sequence[T], columns: Mapping[str, Sequence[Any]]) -> None:
    for name, column in columns.items():
        deque(map(cls.__dict__[name].__set__, instances, column), maxlen=0)
