"""Turning saved page text (or a yt-dlp info.json) into a `Page`.

- `parse_text(text)` never raises: whatever it cannot place goes to `Page.unparsed`.
- `load_page(path)` reads a path or "-" (stdin), decodes it, detects yt-dlp JSON, and
  raises `PageError` (one line, for the CLI to print) when there is no page to show;
  it is `parse_bytes(read_input(path), path)`, for callers that need the bytes too.

The text parser is one linear pass over the lines (see `parse_lines`): find the title
and meta lines, find every comment head pair, then split what lies between them into
description, comments header, comment texts and the related list.

Lines are what `sed -n Np` shows: CRLF and CR become LF, then the text is split on LF
only (not `str.splitlines`, which also breaks at U+2028, \x85, \x0c...), and line n
is lines[n - 1]. Every line number in the model uses this numbering.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from tui_reader.forked import Pending, fork_is_useful
from tui_reader.model import Page, Span, UnparsedLine
from tui_reader.parse.blocks import Head, find_comments_header, first_nonblank, read_head
from tui_reader.parse.chapters import find_chapters
from tui_reader.parse.comments import (
    Heads,
    LineComments,
    build_drafts,
    find_heads,
    finish_drafts,
    place_comments,
    trim_blank,
)
from tui_reader.parse.decode import (
    JSON_START_RE,
    BinaryInputError,
    decode_bytes,
    normalise_newlines,
)
from tui_reader.parse.head_split import CutPage, SplitLines, cut_at_heads, cut_utf8
from tui_reader.parse.locales import age_language, parse_comments_header
from tui_reader.parse.related import find_start, parse_related, views_reader
from tui_reader.parse.threads import ThreadColumns, ThreadPlan, plan_columns

__all__ = [
    "PageError",
    "is_recognisable",
    "load_page",
    "parse_bytes",
    "parse_lines",
    "parse_text",
    "read_input",
]


FORK_MIN_COMMENTS = 20_000
"""From this many comments on, the thread rules run in a forked child while the rest of
the parse goes on (see `forked`). REASON: on a 100,000-comment page the rules and the
ids, timestamps and `Comment` objects built beside them take about 0.2 s each; below
some 20,000 comments the fork and the copy-on-write faults it causes cost about what
it saves."""


class PageError(Exception):
    """The input holds no page to show; str() is one line for the CLI to print."""


def parse_text(text: str, warnings: Sequence[str] = ()) -> Page:
    """The page in `text`; never raises (an internal failure keeps every line unparsed)."""
    source = normalise_newlines(text)
    return _guarded(cut_at_heads(source) or source, warnings)


def _guarded(source: str | CutPage, warnings: Sequence[str]) -> Page:
    """The page in `source`, text with LF line ends or that text cut at its heads (see
    `head_split`): from the cut when that gives the line-by-line result, else line by
    line. A caller that hands over only the cut lets the whole text be freed."""
    try:
        with _collector_paused():
            page = _parse_cut(source, warnings) if isinstance(source, CutPage) else None
            return page if page is not None else _parse_lines(_lines_of(source), warnings)
    except Exception as exc:  # the parser must never take the reader down with it
        return Page(
            title="",
            unparsed=tuple(
                UnparsedLine(n, line) for n, line in enumerate(_lines_of(source), 1) if line.strip()
            ),
            warnings=(*warnings, f"internal parser error, page kept unparsed: {exc!r}"),
        )


def _lines_of(source: str | CutPage) -> list[str]:
    return (source if isinstance(source, str) else source.text()).split("\n")


def parse_lines(lines: Sequence[str], warnings: Sequence[str] = ()) -> Page:
    """The page in `lines` (LF-split, 1-based line n is lines[n-1]), line by line: the
    reference that the faster cut at the heads (`parse_text`) must equal."""
    with _collector_paused():
        return _parse_lines(lines, warnings)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector is paused meanwhile: the parse makes some 10^5 objects
    and no cycles, and each collection pass would rescan all of them (about 25% of the
    time on a 100,000-comment page)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parse_lines(lines: Sequence[str], warnings: Sequence[str]) -> Page:
    head = read_head(lines, len(lines))
    heads = find_heads(lines, head.end, lenient=head.language is None)
    return _assemble(lines, head, heads, LineComments(heads), warnings)


def _parse_cut(cut: CutPage, warnings: Sequence[str]) -> Page | None:
    """The page from `cut`, or None when the cut is not the line rule's (see CutPage.heads)."""
    lines = SplitLines(cut)
    head = read_head(lines, len(lines))
    heads = cut.heads(head.end, lenient=head.language is None)
    return None if heads is None else _assemble(lines, head, heads, cut, warnings)


def _assemble(
    lines: Sequence[str],
    head: Head,
    heads: Heads,
    comments_of: LineComments | CutPage,
    warnings: Sequence[str],
) -> Page:
    """The page, given its top (`head`) and comment heads: every other block.
    `comments_of` finds the comments' pin lines and texts, line by line or from the cut."""
    total = len(lines)
    spans = list(head.spans)
    unparsed: list[UnparsedLine] = []
    at = heads.at
    first_head = at[0] if at else total

    # Comment texts end at the next head; the last one ends where the related list starts.
    views = views_reader(head.views_word)
    if at:
        last_text = first_nonblank(lines, at[-1] + 2)
        related_at = find_start(lines, last_text + 1, total, views)
    else:
        related_at = find_start(lines, head.end, total, views)
    before_comments = min(first_head, related_at)

    found = find_comments_header(lines, head.end, before_comments, bool(at))
    header_at, declared = found if found is not None else (None, None)
    language = head.language
    if header_at is not None:
        header = parse_comments_header(lines[header_at])
        language = language or (header[1] if header else None) or None
        spans.append(Span("comments_header", header_at + 1, header_at + 1))

    # A "Pinned by @x" line may stand right before any comment's head pair. Each
    # comment's text runs to the next head (or its pin line); the last one's to the
    # related list.
    gap_start = header_at + 1 if header_at is not None else head.end
    markers, texts, end_lines = comments_of.comments(lines, gap_start, related_at)
    spans.extend(Span("pinned", m + 1, m + 1) for m in markers if m is not None)
    first_marker = markers[0] if markers else None
    if header_at is not None:
        description_end = header_at
    else:
        description_end = first_marker if first_marker is not None else before_comments
        gap_start = description_end
    desc_start, desc_end = trim_blank(lines, head.end, description_end)
    description = "\n".join(lines[desc_start:desc_end])
    if desc_end > desc_start:
        spans.append(Span("description", desc_start + 1, desc_end))
    chapters = find_chapters(lines, desc_start, desc_end)

    # Between the comments header and the first comment (or the related list) is junk.
    gap_end = before_comments if first_marker is None else first_marker
    unparsed.extend(
        UnparsedLine(n + 1, lines[n]) for n in range(gap_start, gap_end) if lines[n].strip()
    )
    pinned_flags = [m is not None for m in markers]

    drafts = build_drafts(heads, texts, end_lines, pinned_flags)
    if language is None and drafts.age:
        language = age_language(drafts.age[0])
    fork = len(at) >= FORK_MIN_COMMENTS and fork_is_useful()
    with Pending(_plan_data, drafts.for_threads(), head.channel, fork=fork) as plan:
        drafts = finish_drafts(drafts)
        comments = place_comments(drafts, lambda: ThreadPlan(*plan.result()))
    related = parse_related(lines, related_at, total, views)
    spans.sort(key=lambda span: span.line)
    return Page(
        title=head.title,
        channel=head.channel,
        views=head.views,
        views_text=head.views_text,
        published=head.published,
        description=description,
        chapters=chapters,
        comment_count_declared=declared,
        comments=comments,
        related=tuple(related),
        unparsed=tuple(unparsed),
        language=language,
        warnings=tuple(warnings),
        spans=tuple(spans),
    )


def _plan_data(columns: ThreadColumns, channel: str | None) -> tuple[object, ...]:
    """`plan_columns` as plain tuples, which `marshal` can carry back from a child."""
    return tuple(plan_columns(columns, channel))


def is_recognisable(page: Page) -> bool:
    """Whether the parse found page structure, not just a first line of some other text."""
    return bool(
        page.language
        or page.comments
        or page.comment_count_declared is not None
        or any(item.duration is not None for item in page.related)
    )


def load_page(path: str) -> Page:
    """Read, decode and parse a page file (or stdin for "-"); PageError when there is none."""
    return parse_bytes(read_input(path), path)


def parse_bytes(data: bytes, path: str) -> Page:
    """Decode and parse the bytes read from `path` (named in errors); PageError when there
    is no page. For a caller that already holds the bytes (e.g. to hash them for a cache
    key), so the file is read once."""
    name = _display_name(path)
    if not data or data.isspace():  # data.strip() would copy 25 MB to learn this
        raise PageError(f"{name}: the file is empty")
    json_error = None
    source: str | CutPage | None = cut_utf8(data)  # the common case: plain UTF-8
    warnings: tuple[str, ...] = ()
    if source is None:
        try:
            decoded = decode_bytes(data)
        except BinaryInputError as exc:
            raise PageError(f"{name}: not a text page: {exc}") from None
        del data
        if JSON_START_RE.match(decoded.text):
            from tui_reader.parse.ytdlp import YtDlpError, parse_info_json

            try:
                return parse_info_json(decoded.text, decoded.warnings)
            except YtDlpError as exc:  # maybe a saved page whose title starts with "{"
                json_error = str(exc)
        text = normalise_newlines(decoded.text)
        warnings = decoded.warnings
        del decoded
        # Once cut, the pieces hold the whole text (CutPage.text): 48 MB for a 100k page
        # with Kazakh ages are freed here rather than after the parse.
        source = cut_at_heads(text) or text
        del text
    page = _guarded(source, warnings)
    if not is_recognisable(page):
        reason = json_error or "no recognisable video page (no views, comments or related list)"
        raise PageError(f"{name}: {reason}")
    return page


def _display_name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def read_input(path: str) -> bytes:
    """The bytes of a page file, or of stdin for "-"; PageError (one line) when unreadable."""
    name = _display_name(path)
    if path == "-":
        return sys.stdin.buffer.read()
    target = Path(path)
    try:
        return target.read_bytes()
    except FileNotFoundError:
        raise PageError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise PageError(f"{name}: is a directory, not a page file") from None
    except PermissionError:
        raise PageError(f"{name}: permission denied") from None
    except OSError as exc:
        raise PageError(f"{name}: cannot read: {exc.strerror or exc}") from None
