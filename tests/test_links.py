"""Links for the `o` key: http(s) and www. only, punctuation trimmed, nothing hidden."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.links import find_links


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see https://example.com/a?b=1.", ["https://example.com/a?b=1"]),
        ("HTTP://Example.com/Path", ["http://Example.com/Path"]),
        ("slides at www.example.org/slides, thanks", ["https://www.example.org/slides"]),
        ("(https://example.com/x)", ["https://example.com/x"]),
        ("https://en.wikipedia.org/wiki/Heat_(physics)!", ["https://en.wikipedia.org/wiki/Heat_(physics)"]),
        ("[docs](https://example.com/docs)", ["https://example.com/docs"]),
        ("two: http://a.example b: https://b.example/ and http://a.example",
         ["http://a.example", "https://b.example/"]),
        ("https://example.com/\u202egnp.exe", ["https://example.com/"]),
        ("https://exa\x1b[31mmple.com", []),
        ("«https://example.com/ü»", ["https://example.com/ü"]),
        ("notes at example.org/files, thanks", ["https://example.org/files"]),
        ("ratio 1.5/2, v2.0/beta, e.g./x, mail a@b.example/x", []),
    ],
)
def test_finds_web_links(text: str, expected: list[str]) -> None:
    assert find_links(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://example.com/file",
        "ssh://host.example",
        "data:text/html,hi",
        "mailto:someone@example.com",
        "someone@www.example.com",
        "https://localhost/",
        "https://",
        "no links here at 12:30",
    ],
)
def test_other_schemes_and_non_links_are_ignored(text: str) -> None:
    assert find_links(text) == []


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_every_found_link_is_http_and_clean(text: str) -> None:
    for url in find_links(text):
        assert url.startswith(("http://", "https://"))
        assert not any(ch.isspace() or ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in url)


def test_the_description_underlines_what_o_would_open() -> None:
    from tui_reader.screens.description import marked_text

    text = "Notes (https://example.com/notes). Mirror: example.org/files, www.example.net! #tides"
    text += " a.example (no path)"
    content = marked_text(text)
    underlined = [
        content.plain[span.start : span.end]
        for span in content.spans
        if "underline" in str(span.style)
    ]
    assert underlined == ["https://example.com/notes", "example.org/files", "www.example.net"]
    tinted = [content.plain[span.start : span.end] for span in content.spans]
    assert "#tides" in tinted
