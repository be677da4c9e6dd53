"""The chapter linking rule, on pages built here so every expectation is visible."""

from __future__ import annotations

import pytest

from tui_reader.chapter_links import (
    WORDS_LABEL,
    chapter_ranges,
    fold_word,
    link_chapters,
    title_terms,
)
from tui_reader.model import Chapter, Comment, Page
from tui_reader.parse.timestamps import timestamp_spans

CHAPTERS = (
    Chapter(0, "Why tidal power"),
    Chapter(105, "Blade design and cavitation"),
    Chapter(200, "Bearings and seals under water"),
    Chapter(310, "Subsea export cable"),
)


def _comment(index: int, text: str, timestamps: tuple[int, ...] = ()) -> Comment:
    return Comment(f"c{index}", f"user{index}", "1 day ago", 86400, text, timestamps=timestamps)


def _page(*texts: str | tuple[str, tuple[int, ...]]) -> Page:
    comments = []
    for index, item in enumerate(texts):
        text, stamps = (item, ()) if isinstance(item, str) else item
        comments.append(_comment(index, text, stamps))
    return Page(title="T", chapters=CHAPTERS, comments=tuple(comments))


def _ids(links) -> list[str]:
    return [link.comment_id for link in links]


def test_ranges_are_half_open_and_last_is_open_ended() -> None:
    ranges = chapter_ranges(CHAPTERS)
    assert ranges[0] == (0, 105)
    assert ranges[-1][0] == 310 and ranges[-1][1] == float("inf")


def test_timestamp_links_to_the_chapter_whose_range_holds_it() -> None:
    page = _page(("loved 1:45 and 5:09", (105, 309)), ("at 5:10 the cable", (310,)))
    links = link_chapters(page)
    assert _ids(links.by_chapter[1]) == ["c0"]
    assert _ids(links.by_chapter[2]) == ["c0"]
    first = links.by_chapter[1][0]
    assert first.label == "at 1:45"
    assert page.comments[0].text[slice(*first.spans[0])] == "1:45"
    assert _ids(links.by_chapter[3])[0] == "c1"


def test_only_timestamps_the_parser_extracted_count() -> None:
    page = _page(("the ratio was 2:30 in our lab", ()))
    assert link_chapters(page).by_chapter[1] == ()


def test_timestamp_links_come_before_word_links() -> None:
    page = _page(
        "the cavitation on that blade design is neat",
        ("see 2:00", (120,)),
    )
    assert _ids(link_chapters(page).by_chapter[1]) == ["c1", "c0"]


def test_words_match_with_plural_case_and_typo_and_are_ranked() -> None:
    page = _page(
        "One BEARING only",
        "bearings and seals, both",
        "the cavitaion was clear",
        "nothing relevant here",
        "more words",
        "other words",
    )
    links = link_chapters(page)
    assert _ids(links.by_chapter[2]) == ["c1", "c0"]
    assert links.by_chapter[2][0].score > links.by_chapter[2][1].score
    assert all(link.label == WORDS_LABEL for link in links.by_chapter[2])
    assert _ids(links.by_chapter[1]) == ["c2"]
    text = page.comments[2].text
    assert [text[start:end] for start, end in links.by_chapter[1][0].spans] == ["cavitaion"]


def test_short_words_need_an_exact_match() -> None:
    page = _page("the sea was rough", *["filler"] * 5)
    assert link_chapters(page).by_chapter[2] == ()


def test_a_word_used_all_over_the_page_links_nothing() -> None:
    page = _page(*["tidal is nice"] * 4, "x", "y", "z", "w", "v", "u")
    assert link_chapters(page).by_chapter[0] == ()


def test_counts_follow_links_and_no_chapters_means_no_links() -> None:
    page = _page(("5:20 cable", (320,)), "subsea cable again", "x", "y", "z", "w")
    assert link_chapters(page).counts == (0, 0, 0, 2)
    assert link_chapters(Page(title="T")).by_chapter == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1:02:03", [3723]),
        ("9:00 and 10:15", [540, 615]),
        ("12/2023 3:75 a 1:00", [60]),
        ("section 9:00: how", [540]),
        ("skip to 4:35:", [275]),
        ("at 10:30 am, 16:9 and 3:20/5:00", []),  # the parser's rule: one definition
    ],
)
def test_timestamp_spans(text: str, expected: list[int]) -> None:
    assert [seconds for _, _, seconds in timestamp_spans(text)] == expected


def test_folding_and_title_words() -> None:
    assert fold_word("Bearings") == fold_word("bearing")
    assert fold_word("Crème") == "creme"
    assert fold_word("glass") == "glass"
    assert list(title_terms("How to choose between SLM & LLM")) == ["choose", "slm", "llm"]
    assert list(title_terms("AI at the edge")) == ["ai", "edge"]


def test_one_plain_word_of_a_long_title_is_not_enough_but_an_acronym_is() -> None:
    chapters = (
        Chapter(0, "Intro"),
        Chapter(60, "Move between GPUs without rewriting code or building custom kernels"),
    )
    texts = ["vs code is my editor", "the GPUs stay busy", "filler", "more filler", "x", "y"]
    comments = tuple(_comment(index, text) for index, text in enumerate(texts))
    links = link_chapters(Page(title="T", chapters=chapters, comments=comments))
    assert _ids(links.by_chapter[1]) == ["c1"]


def test_common_english_words_never_link() -> None:
    page = _page("the same work between us", "x", "y", "z", "w", "v")
    chapters = (Chapter(0, "Same work between friends"),)
    links = link_chapters(Page(title="T", chapters=chapters, comments=page.comments))
    assert links.by_chapter[0] == ()
