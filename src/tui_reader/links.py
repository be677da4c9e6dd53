"""The web links in a comment, for the `o` key: http(s) only, never any other scheme.

Comment text is untrusted, so a "link" that would open anything but a web page
(`javascript:`, `file:`, `ssh:`...) is simply not found. A bare `www.` host, or a
bare domain followed by a path, is a web link as readers mean it and gets `https://`.
Trailing punctuation that ends a sentence is not part of the link, but a closing
bracket that the link opened is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

# Stop at whitespace, quotes, angle brackets and any control or bidi character:
# nothing invisible may ride along into the browser's address bar.
_STOP = r"\s<>\"'`\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c"
# With a scheme, from www., or a bare domain with a path ("example.org/files", as
# descriptions write links; the path keeps "e.g." and "v1.5" out, and not after "/" or
# ":", so the host of "ftp://example.com/x" is not a link either).
_LINK = re.compile(
    rf"(?<![\w@.])(?:(?:https?://|www\.)[^{_STOP}]+"
    rf"|(?<![/:])(?:[^\W_][\w-]*\.)+[a-z]{{2,}}/[^{_STOP}]*)",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"https?://", re.IGNORECASE)
_TRAILING = ".,;:!?…)]}*_»”’›"
_PAIRS = {")": "(", "]": "[", "}": "{"}


def _trim(candidate: str) -> str:
    """Drop sentence punctuation after a link, keeping brackets the link itself opened."""
    while candidate and candidate[-1] in _TRAILING:
        last = candidate[-1]
        opener = _PAIRS.get(last)
        if opener and candidate.count(opener) >= candidate.count(last):
            break
        candidate = candidate[:-1]
    return candidate


def _normalise(candidate: str) -> str | None:
    if not _SCHEME.match(candidate):  # www. or a bare domain
        candidate = "https://" + candidate
    scheme, _, rest = candidate.partition("://")
    url = scheme.lower() + "://" + rest
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        return None
    return url


def link_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """`(start, end, url)` of every http(s) link in `text`, as written, repeats included.

    The description view underlines these spans, so what it marks is what `o` opens.
    """
    for match in _LINK.finditer(text):
        written = _trim(match.group())
        url = _normalise(written)
        if url:
            yield match.start(), match.start() + len(written), url


def find_links(text: str) -> list[str]:
    """Every distinct http(s) link in `text`, in order of appearance."""
    return list(dict.fromkeys(url for _start, _end, url in link_spans(text)))
