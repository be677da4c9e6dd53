"""`mechanics-tui PAGE --search QUERY`: ranked hits for scripts, exit 1 on none (as grep).

A misspelt or malformed filter (`is:chanel`) is not "nothing found": `run_search`
raises `QueryError` and the command line reports it as bad usage (exit 2).

Every piece of page text is already inert when it gets here (snippets are built
through `sanitize.visible`; ids and authors go through it below), so output is safe
for any terminal or pager. On a terminal the matched words are shown in bold with
our own escape codes, which page text can never contain.
"""

from __future__ import annotations

from typing import TextIO

from tui_reader.dump import write_json_value
from tui_reader.model import Page
from tui_reader.sanitize import visible
from tui_reader.search import Hit, SearchIndex

EXIT_FOUND = 0
EXIT_NOTHING = 1
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


class QueryError(ValueError):
    """The query names a filter that is unknown or malformed; the message says which."""


def run_search(
    page: Page | None,
    query: str,
    limit: int,
    as_json: bool,
    out: TextIO,
    *,
    index: SearchIndex | None = None,
) -> int:
    """Print the best `limit` hits for `query`; pass a cached `index` to skip building one.

    Raises `QueryError` before printing anything when a filter in `query` is bad.
    """
    if index is None:
        if page is None:
            raise ValueError("run_search needs a page or an index")
        index = SearchIndex.build(page)
    parsed = index.parse(query)
    if parsed.problem is not None:
        raise QueryError(parsed.problem)
    hits = index.search(parsed, limit=limit).hits
    if as_json:
        write_json_value([_as_dict(hit) for hit in hits], out, indent=1)
    else:
        emphasis = _isatty(out)
        for hit in hits:
            out.write(_as_line(hit, emphasis) + "\n")
    return EXIT_FOUND if hits else EXIT_NOTHING


def _as_dict(hit: Hit) -> dict[str, object]:
    return {
        "id": visible(hit.comment_id),
        "author": visible(hit.author),
        "score": hit.score,
        "snippet": hit.snippet,
        "spans": [list(span) for span in hit.spans],
    }


def _as_line(hit: Hit, emphasis: bool) -> str:
    snippet = hit.snippet
    if emphasis:
        for start, end in reversed(hit.spans):
            snippet = f"{snippet[:start]}{_BOLD}{snippet[start:end]}{_RESET}{snippet[end:]}"
    return f"{visible(hit.comment_id)}\t@{visible(hit.author)}\t{hit.score:g}\t{snippet}"


def _isatty(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False
