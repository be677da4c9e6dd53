"""Lossless parsing: every non-blank input line lands in exactly one field or in `unparsed`.

The proof: the page's spans (title, views, channel, published, description, comments
header, pin markers), each comment's and related video's line range, and the unparsed
lines together cover every non-blank line exactly once; and each field holds exactly
what its lines say (a comment's text is its lines joined, a related item's fields
are its non-blank lines), so nothing is claimed without being kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.model import Page
from tui_reader.parse import parse_text

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*.txt"))
SHARED = Path(__file__).resolve().parents[2] / "shared" / "pages"
SHARED_PAGES = sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else []


def _claim(owner: dict[int, str], start: int, end: int, name: str, lines: list[str]) -> None:
    for number in range(start, end + 1):
        if not lines[number - 1].strip():
            continue
        assert number not in owner, f"line {number} claimed by {owner[number]} and {name}"
        owner[number] = name


def assert_lossless(text: str, page: Page) -> None:
    """Fail unless `page` accounts for every non-blank line of `text` exactly once."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    owner: dict[int, str] = {}
    single = {
        "title": page.title,
        "views": page.views_text,
        "published": page.published,
        "channel": page.channel,
    }
    for span in page.spans:
        _claim(owner, span.line, span.end_line, span.field, lines)
        body = lines[span.line - 1 : span.end_line]
        if span.field in single:
            assert span.line == span.end_line
            assert body[0].strip() == single[span.field]
        elif span.field == "description":
            assert "\n".join(body) == page.description
    if not any(span.field == "description" for span in page.spans):
        assert page.description == ""
    for comment in page.comments:
        name = f"comment {comment.id}"
        _claim(owner, comment.line, comment.end_line, name, lines)
        assert lines[comment.line - 1].rstrip() == "@" + comment.author
        age_line = lines[comment.line]
        assert age_line.startswith(f"@{comment.author} ")
        assert age_line.strip().endswith(comment.age or "")
        body = lines[comment.line + 1 : comment.end_line]
        while body and not body[0].strip():
            body.pop(0)
        assert "\n".join(body) == comment.text
        assert comment.text or comment.end_line == comment.line + 1
    for video in page.related:
        _claim(owner, video.line, video.end_line, f"related {video.title!r}", lines)
        kept = [video.title, video.duration_text, video.channel, video.views_text]
        shown = [line.strip() for line in lines[video.line - 1 : video.end_line] if line.strip()]
        assert shown == [value for value in kept if value is not None]
    for item in page.unparsed:
        _claim(owner, item.line, item.line, "unparsed", lines)
        assert lines[item.line - 1] == item.text
    missing = [n for n, line in enumerate(lines, 1) if line.strip() and n not in owner]
    assert not missing, f"lines in no field: {missing[:10]}"
    assert not any("internal parser error" in w for w in page.warnings)


@pytest.mark.parametrize("path", FIXTURES + SHARED_PAGES, ids=lambda p: p.name)
def test_pages_are_lossless(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert_lossless(text, parse_text(text))


# --- generated pages ---------------------------------------------------------------

AGES = {
    "en": ["2 days ago", "a day ago", "1 year ago", "5 minutes ago", "3 weeks ago (edited)"],
    "ru": ["3 дня назад", "месяц назад", "5 лет назад", "неделю назад", "2 часа назад"],
    "kk": ["Күн бұрын", "5 ай бұрын", "2 апта бұрын", "Жыл бұрын", "7 сағат бұрын"],
    "xx": ["2 dagen geleden", "för 3 dagar sedan", "3 hari yang lalu"],  # not in the table
}
VIEWS = {
    "en": ["12K views", "1,234 views", "1.1M views"],
    "ru": ["12 тыс. просмотров", "1,1 млн просмотров", "65 882 просмотра"],
    "kk": ["Рет қаралды 65,882", "Рет қаралды 101 М.", "Рет қаралды 1,1 МЛН"],
    "xx": ["65.882 weergaven", "1 234 visningar"],
}
HEADERS = {
    "en": "Comments: {}",
    "ru": "Комментарии: {}",
    "kk": "Пікірлер: {}",
    "xx": "Reacties: {}",
}

handles = st.from_regex(r"[A-Za-z][A-Za-z0-9_.\-]{0,11}", fullmatch=True)
words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    max_size=30,
)
junk = st.one_of(
    words,
    st.sampled_from(
        ["13:38", "1:02:03", "0:00 Intro", "", "   ", "@lonely", "@@someone hi", "[bold]x[/]"]
    ),
    handles.map(lambda h: "@" + h),
    st.sampled_from([v for vs in VIEWS.values() for v in vs]),
)


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, int, int]:
    """A page in the saved format, sometimes with junk lines; returns (text, comments, related)."""
    lang = draw(st.sampled_from(sorted(AGES)))
    out = [draw(words.filter(lambda w: w.strip() != "")), ""]
    if draw(st.booleans()):
        out += [draw(st.sampled_from(VIEWS[lang])), ""]
    channel = draw(st.sampled_from(["Some Channel", "Канал", "Арна", "X"]))
    out += [channel, "", channel, "", draw(st.sampled_from(AGES[lang])), ""]
    out += draw(st.lists(st.one_of(words, st.just("0:00 Start"), st.just("1:10 Next")), max_size=4))
    count = draw(st.integers(0, 8))
    if draw(st.booleans()):
        out.append(HEADERS[lang].format(count))
    for _ in range(count):
        handle = draw(handles)
        out += ["@" + handle, f"@{handle} {draw(st.sampled_from(AGES[lang]))}"]
        out += draw(st.lists(junk, min_size=1, max_size=3))
    related = draw(st.integers(0, 4))
    for _ in range(related):
        out.append(draw(words.filter(lambda w: w.strip() != "")))
        out.append(draw(st.sampled_from(["21:17", "1:02:03", "0:57"])))
        out += draw(st.sampled_from([[], [channel], [channel, VIEWS[lang][0]]]))
    if draw(st.booleans()):  # junk anywhere
        for _ in range(draw(st.integers(1, 3))):
            out.insert(draw(st.integers(0, len(out))), draw(junk))
    cut = draw(st.integers(0, 3))
    return "\n".join(out[: len(out) - cut] if cut else out), count, related


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_generated_pages_are_lossless(case: tuple[str, int, int]) -> None:
    text, _, _ = case
    assert_lossless(text, parse_text(text))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_parses_losslessly(text: str) -> None:
    assert_lossless(text, parse_text(text))


@settings(max_examples=40, deadline=None)
@given(st.lists(junk, max_size=30))
def test_junk_line_soup_parses_losslessly(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert_lossless(text, parse_text(text))
