"""The web links in a comment, for the `o` key: http(s) only, never any other scheme.

Comment text is untrusted, so a "link" that would open anything but a web page
(`javascript:`, `file:`, `ssh:`...) is simply not found. A bare `www.` host is a
web link as readers mean it and gets `https://`. Trailing punctuation that ends a
sentence is not part of the link, but a closing bracket that the link opened is.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Stop at whitespace, quotes, angle brackets and any control or bidi character:
# nothing invisible may ride along into the browser's address bar.
_STOP = r"\s<>\"'`\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c"
_LINK = re.compile(rf"(?<![\w@.])(?:https?://|www\.)[^{_STOP}]+", re.IGNORECASE)
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
    if candidate[:4].lower() == "www.":
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


def find_links(text: str) -> list[str]:
    """Every distinct http(s) link in `text`, in order of appearance."""
    found: list[str] = []
    for match in _LINK.finditer(text):
        url = _normalise(_trim(match.group()))
        if url and url not in found:
            found.append(url)
    return found
