"""Page insight: how well the page was understood, and the shape of its discussion.

Health tells a reader how far to trust the tree (comments shown against the declared
count, which rule placed each reply, lines no rule understood). Shape answers the
questions people open a long discussion with: who talks most, which threads are
busiest, who argues with whom, and when the comments were written. The same numbers
feed `--stats` (plain text, every page string made inert), `--stats --json`
(`stats_to_dict`) and the insight screen.

A width of None means "no terminal": nothing is cut to fit (a pipe or a file has no
width), while bars keep their designed length (at most MAX_BAR cells).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from attrs import frozen
from rich.cells import cell_len

from tui_reader.model import Comment, Page
from tui_reader.reasons import WEAK_REASONS
from tui_reader.sanitize import visible
from tui_reader.wording import counted

HOUR = 3_600
DAY = 24 * HOUR

# Age buckets, newest first, as (label, lower bound in seconds). Site ages are coarse
# ("2 weeks ago"), so the buckets follow the units people read, not equal widths.
AGE_BUCKETS: tuple[tuple[str, int], ...] = (
    ("<1h", 0),
    ("1-5h", HOUR),
    ("6-23h", 6 * HOUR),
    ("1d", DAY),
    ("2d", 2 * DAY),
    ("3-6d", 3 * DAY),
    ("1w", 7 * DAY),
    ("2-4w", 14 * DAY),
    ("1mo", 30 * DAY),
    ("2-5mo", 60 * DAY),
    ("6-11mo", 180 * DAY),
    ("1y", 365 * DAY),
    ("2y+", 730 * DAY),
)

SPARK = "▁▂▃▄▅▆▇█"
EIGHTHS = "▏▎▍▌▋▊▉"
TOP_N = 5
MAX_BAR = 40


@frozen(slots=True)
class ThreadSummary:
    starter_id: str
    author: str
    replies: int
    people: int
    text: str


@frozen(slots=True)
class Exchange:
    """Two people answering each other inside the same threads."""

    first: str
    second: str
    exchanges: int
    threads: int


@frozen(slots=True)
class PageStats:
    shown: int
    declared: int | None
    threads: int
    replies: int
    replies_by_reason: tuple[tuple[str, int], ...]
    weak_replies: int
    unparsed: int
    first_unparsed_line: int | None
    top_commenters: tuple[tuple[str, int], ...]
    busiest_threads: tuple[ThreadSummary, ...]
    arguments: tuple[Exchange, ...]
    ages: tuple[tuple[str, int], ...]  # oldest first, empty ends trimmed
    undated: int


def _handle(name: str) -> str:
    return name.lstrip("@").casefold()


def _threads(comments: Sequence[Comment]) -> dict[str, list[Comment]]:
    """Starter id -> the thread's comments in page order (an orphan reply is its own thread)."""
    ids = {comment.id for comment in comments}
    threads: dict[str, list[Comment]] = {}
    for comment in comments:
        key = comment.parent if comment.parent in ids else comment.id
        threads.setdefault(key, []).append(comment)
    return threads


def _answered(thread: list[Comment], index: int) -> str | None:
    """Whom the reply at `index` answers: its `@@` target, else the last other speaker."""
    comment = thread[index]
    if comment.reply_to:
        return _handle(comment.reply_to)
    speaker = _handle(comment.author)
    for earlier in reversed(thread[:index]):
        if _handle(earlier.author) != speaker:
            return _handle(earlier.author)
    return None


def _arguments(threads: Iterable[list[Comment]], names: dict[str, str]) -> list[Exchange]:
    exchanges: Counter[tuple[str, str]] = Counter()
    shared_threads: Counter[tuple[str, str]] = Counter()
    for thread in threads:
        directed: Counter[tuple[str, str]] = Counter()
        for index in range(1, len(thread)):
            target = _answered(thread, index)
            speaker = _handle(thread[index].author)
            if target is not None and target != speaker:
                directed[speaker, target] += 1
        for (speaker, target), count in directed.items():
            if speaker < target and (target, speaker) in directed:
                pair = (speaker, target)
                exchanges[pair] += count + directed[target, speaker]
                shared_threads[pair] += 1
    ranked = sorted(exchanges.items(), key=lambda item: (-item[1], item[0]))
    return [
        Exchange(names.get(a, a), names.get(b, b), count, shared_threads[a, b])
        for (a, b), count in ranked
    ]


def _age_histogram(comments: Sequence[Comment]) -> tuple[tuple[tuple[str, int], ...], int]:
    counts = [0] * len(AGE_BUCKETS)
    undated = 0
    for comment in comments:
        if comment.age_seconds is None:
            undated += 1
            continue
        index = 0
        for position, (_label, lower) in enumerate(AGE_BUCKETS):
            if comment.age_seconds >= lower:
                index = position
        counts[index] += 1
    buckets = [(label, count) for (label, _lower), count in zip(AGE_BUCKETS, counts, strict=True)]
    buckets.reverse()  # oldest first: time flows left to right
    used = [i for i, (_label, count) in enumerate(buckets) if count]
    trimmed = buckets[used[0] : used[-1] + 1] if used else []
    return tuple(trimmed), undated


def compute_stats(page: Page) -> PageStats:
    """Everything the insight view and `--stats` show, computed once."""
    comments = page.comments
    names: dict[str, str] = {}
    for comment in comments:
        names.setdefault(_handle(comment.author), comment.author)
    threads = _threads(comments)
    replies = [comment for comment in comments if comment.parent is not None]
    reasons = Counter(comment.reason or "unknown" for comment in replies)
    weak = WEAK_REASONS
    authors = Counter(names[_handle(comment.author)] for comment in comments)
    busiest = sorted(
        (
            ThreadSummary(
                starter_id=key,
                author=thread[0].author,
                replies=len(thread) - 1,
                people=len({_handle(comment.author) for comment in thread}),
                text=thread[0].text,
            )
            for key, thread in threads.items()
            if len(thread) > 1
        ),
        key=lambda summary: -summary.replies,
    )
    ages, undated = _age_histogram(comments)
    return PageStats(
        shown=len(comments),
        declared=page.comment_count_declared,
        threads=len(threads),
        replies=len(replies),
        replies_by_reason=tuple(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
        weak_replies=sum(count for reason, count in reasons.items() if reason in weak),
        unparsed=len(page.unparsed),
        first_unparsed_line=page.unparsed[0].line if page.unparsed else None,
        top_commenters=tuple(authors.most_common(TOP_N)),
        busiest_threads=tuple(busiest[:TOP_N]),
        arguments=tuple(_arguments(threads.values(), names)[:TOP_N]),
        ages=ages,
        undated=undated,
    )


def bar(value: int, maximum: int, width: int) -> str:
    """A horizontal bar in eighths of a cell, so small differences still show."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / maximum * width * 8))
    full, partial = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[partial - 1] if partial else "")


def sparkline(values: Sequence[int]) -> str:
    """One cell per value; an empty bucket is a gap, any non-empty one at least ▁."""
    top = max(values, default=0)
    if top <= 0:
        return ""
    return "".join(
        SPARK[min(len(SPARK) - 1, (value * len(SPARK) - 1) // top)] if value else " "
        for value in values
    )


def fit(text: str, width: int | None) -> str:
    """`text` on one line, cut to `width` terminal cells (wide characters count two);
    a width of None never cuts."""
    line = " ".join(visible(text, keep_newlines=True).split())
    if width is None or cell_len(line) <= width:
        return line
    out: list[str] = []
    used = 0
    for char in line:
        size = cell_len(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out) + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def _bar_rows(
    rows: Sequence[tuple[str, int]], width: int | None, indent: str = "  "
) -> list[str]:
    """Label, bar, count: a chart a person reads at a glance."""
    if not rows:
        return []
    label_width = max(cell_len(" ".join(label.split())) for label, _ in rows)
    top = max(count for _, count in rows)
    if width is None:
        bar_width = MAX_BAR
    else:
        label_width = min(24, label_width)
        bar_width = min(MAX_BAR, max(8, width - len(indent) - label_width - 10))
    return [
        f"{indent}{_pad(fit(label, label_width), label_width)}  "
        f"{bar(count, top, bar_width)} {count}"
        for label, count in rows
    ]


def _health(stats: PageStats, width: int | None) -> list[str]:
    if stats.declared is None:
        shown = f"{stats.shown} shown (the page declares no count)"
    elif stats.shown < stats.declared:
        shown = f"{stats.shown} shown of {stats.declared} declared"
        shown += f" ({stats.declared - stats.shown} not in the saved page)"
    else:
        shown = f"{stats.shown} shown of {stats.declared} declared"
    lines = [f"  comments: {shown}", f"  threads: {stats.threads}, replies: {stats.replies}"]
    if stats.replies:
        lines.append("  replies placed by each rule:")
        lines += _bar_rows([(visible(r), n) for r, n in stats.replies_by_reason], width, "    ")
        if stats.weak_replies:
            weak = counted(stats.weak_replies, "reply rests", "replies rest")
            lines.append(f"  {weak} on weak evidence (marked inferred)")
    if stats.unparsed:
        lines.append(
            f"  lines not understood: {stats.unparsed} (first at line {stats.first_unparsed_line})"
        )
    else:
        lines.append("  lines not understood: none")
    return lines


def _busiest(stats: PageStats, width: int | None) -> list[str]:
    lines = []
    for summary in stats.busiest_threads:
        head = f"  {counted(summary.replies, 'reply', 'replies'):>11}, {summary.people} people  "
        who = f"@{visible(summary.author)}: "
        room = None if width is None else max(10, width - cell_len(head))
        lines.append(head + fit(who + summary.text, room))
    return lines or ["  no thread has replies"]


def _arguments_lines(stats: PageStats, width: int | None) -> list[str]:
    name_width = None if width is None else 24
    lines = [
        f"  @{fit(pair.first, name_width)} ⇄ @{fit(pair.second, name_width)}: "
        f"{counted(pair.exchanges, 'reply', 'replies')} in "
        f"{counted(pair.threads, 'thread', 'threads')}"
        for pair in stats.arguments
    ]
    return lines or ["  no back-and-forth found"]


def _ages(stats: PageStats, width: int | None) -> list[str]:
    lines = _bar_rows(list(stats.ages), width)
    if stats.undated:
        lines.append(f"  {counted(stats.undated, 'comment', 'comments')} without an age")
    return lines or ["  no comments"]


AGES_HEADING = "When comments were written (oldest → newest)"


def stats_sections(stats: PageStats, width: int | None = 80) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each part of the report; lines are already inert text
    (cut to `width` cells, or never with None).

    Shared by `--stats` and the insight screen, which draws the age sparkline as a widget.
    """
    return [
        ("Health", _health(stats, width)),
        ("Top commenters",
         _bar_rows([("@" + visible(a), n) for a, n in stats.top_commenters], width)
         or ["  no comments"]),
        ("Busiest threads", _busiest(stats, width)),
        ("Who argues with whom (answering each other in a thread)",
         _arguments_lines(stats, width)),
        (AGES_HEADING, _ages(stats, width)),
    ]


def render_stats_text(page: Page, width: int | None = 80) -> str:
    """The insight report as plain text for `--stats`: safe to print to any terminal.

    `width` is the terminal's; None (output to a pipe or file) cuts nothing.
    """
    stats = compute_stats(page)
    lines = [fit(page.title or "(untitled page)", width)]
    if page.channel:
        lines.append(fit("by " + page.channel, width))
    for heading, body in stats_sections(stats, width):
        lines += ["", heading]
        if heading == AGES_HEADING and stats.ages:
            lines.append("  " + sparkline([count for _, count in stats.ages]))
        lines += body
    return "\n".join(lines) + "\n"


def stats_to_dict(page: Page) -> dict[str, Any]:
    """The numbers of `--stats` as one JSON-ready object (the README documents the keys).

    Page strings stay as written (JSON escapes control characters); authors are handles
    without "@", as in `--dump json`. Lists hold at most TOP_N entries.
    """
    stats = compute_stats(page)
    return {
        "schema": 1,
        "title": page.title,
        "channel": page.channel,
        "comments_shown": stats.shown,
        "comments_declared": stats.declared,
        "threads": stats.threads,
        "replies": stats.replies,
        "replies_by_reason": dict(stats.replies_by_reason),
        "weak_replies": stats.weak_replies,
        "unparsed_lines": stats.unparsed,
        "first_unparsed_line": stats.first_unparsed_line,
        "top_commenters": [
            {"author": author, "comments": count} for author, count in stats.top_commenters
        ],
        "busiest_threads": [
            {"id": summary.starter_id, "author": summary.author, "replies": summary.replies,
             "people": summary.people, "text": summary.text}
            for summary in stats.busiest_threads
        ],
        "arguments": [
            {"first": pair.first, "second": pair.second, "replies": pair.exchanges,
             "threads": pair.threads}
            for pair in stats.arguments
        ],
        "ages": [{"age": label, "comments": count} for label, count in stats.ages],
        "undated": stats.undated,
    }
