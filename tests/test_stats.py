"""Page insight: health, top commenters, busiest threads, arguments, age chart, inert text."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from fixtures_insight import make_comment, sample_page
from tui_reader import stats as stats_module
from tui_reader.model import Page
from tui_reader.stats import (
    SPARK,
    Exchange,
    bar,
    compute_stats,
    fit,
    render_stats_text,
    sparkline,
    stats_to_dict,
)

SHARED_PAGE = Path("/work/shared/pages/000_f766a070b5e69cd3.txt")


def test_health_counts() -> None:
    stats = compute_stats(sample_page())
    assert (stats.shown, stats.declared) == (9, 11)
    assert (stats.threads, stats.replies) == (4, 5)
    assert stats.replies_by_reason == (("at-handle", 3), ("channel", 1), ("order", 1))
    assert (stats.unparsed, stats.first_unparsed_line) == (1, 40)


def test_weak_replies_follow_the_thread_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stats_module, "WEAK_REASONS", frozenset({"order"}))
    assert compute_stats(sample_page()).weak_replies == 1


def test_shape() -> None:
    stats = compute_stats(sample_page())
    assert stats.top_commenters[:2] == (("quill", 3), ("brass", 2))
    busiest = stats.busiest_threads[0]
    assert (busiest.author, busiest.replies, busiest.people) == ("quill", 4, 2)
    assert stats.arguments == (Exchange("brass", "quill", 4, 1),)


def test_answering_the_channel_once_is_not_an_argument() -> None:
    starter = make_comment("oak", "A question.")
    reply = make_comment("Chan", "An answer.", parent=starter, reason="channel")
    page = Page(title="t", comments=(starter, reply))
    assert compute_stats(page).arguments == ()


def test_ages_are_bucketed_oldest_first_and_trimmed() -> None:
    stats = compute_stats(sample_page())
    labels = [label for label, _ in stats.ages]
    assert labels[0] == "1y" and labels[-1] == "2d"
    assert dict(stats.ages)["1w"] == 3  # 9, 8 and 7 days
    assert dict(stats.ages)["3-6d"] == 3
    assert stats.undated == 1


def test_bar_and_sparkline_shapes() -> None:
    assert bar(0, 10, 8) == ""
    assert bar(10, 10, 8) == "█" * 8
    assert bar(1, 64, 8) == "▏"  # tiny but visible
    assert bar(5, 10, 3) == "█▌"
    assert sparkline([0, 1, 8]) == " ▁█"
    assert sparkline([]) == ""
    assert set(sparkline([3, 1, 4, 1, 5, 9, 2, 6])) <= set(SPARK)


def test_fit_counts_cells_not_characters() -> None:
    assert fit("日本語のテキスト", 7) == "日本語…"
    assert fit("short", 10) == "short"
    assert fit("two\nlines", 20) == "two lines"


def test_render_is_a_chart_not_a_table() -> None:
    text = render_stats_text(sample_page())
    for heading in ("Health", "Top commenters", "Busiest threads", "Who argues", "When"):
        assert heading in text
    assert "9 shown of 11 declared" in text
    assert "@brass ⇄ @quill" in text
    assert any(char in text for char in SPARK[:-1])
    assert "█" in text


def test_hostile_page_text_is_inert() -> None:
    evil = "\x1b]8;;http://x\x07click\x1b[31m\u202e"
    starter = make_comment(evil, "text " + evil)
    reply = make_comment("b", "again", parent=starter, reason="order\x1b[2J")
    page = Page(title="title " + evil, channel=evil, comments=(starter, reply))
    text = render_stats_text(page)
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert all(ch == "\n" or ch >= " " for ch in text)


def test_empty_page() -> None:
    text = render_stats_text(Page(title=""))
    assert "no comments" in text and "no thread has replies" in text


@pytest.mark.skipif(not SHARED_PAGE.exists(), reason="shared page not present")
def test_shared_page_renders() -> None:
    from tui_reader.parse import parse_text

    page = parse_text(SHARED_PAGE.read_text(encoding="utf-8"))
    stats = compute_stats(page)
    assert stats.shown == len(page.comments) > 0
    assert sum(count for _, count in stats.ages) + stats.undated == stats.shown
    assert render_stats_text(page).count("\n") > 10


def test_declared_count_missing_or_exceeded() -> None:
    page = sample_page()
    assert "declares no count" in render_stats_text(attrs.evolve(page, comment_count_declared=None))
    assert "9 shown of 5 declared" in render_stats_text(
        attrs.evolve(page, comment_count_declared=5)
    )


def test_without_a_width_nothing_is_cut() -> None:
    """`--stats` into a pipe: whole title, thread starters and names; bars keep MAX_BAR."""
    long_name = "a_handle_much_longer_than_twenty_four_cells"
    starter = make_comment(long_name, "A starter " + "that rambles on " * 10 + "the end.")
    reply = make_comment("b", "@@" + long_name + " yes", parent=starter, reason="at-handle")
    answer = make_comment(long_name, "@@b and no", parent=starter, reason="at-handle")
    title = "A title " + "wider than any terminal " * 6
    page = Page(title=title, channel="chan", comments=(starter, reply, answer))
    piped = render_stats_text(page, None)
    assert "…" not in piped
    assert title.strip() in piped and starter.text in piped
    assert f"@{long_name} ⇄ @b" in piped or f"@b ⇄ @{long_name}" in piped
    assert max(len(run) for run in piped.replace("▏", " ").split() if set(run) == {"█"}) <= 40
    assert "…" in render_stats_text(page, 80)  # a terminal still gets lines that fit


def test_one_weak_reply_is_counted_in_the_singular(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stats_module, "WEAK_REASONS", frozenset({"order"}))
    assert "1 reply rests on weak evidence" in render_stats_text(sample_page())


def test_stats_to_dict_holds_the_numbers_of_the_report() -> None:
    page = sample_page()
    stats = compute_stats(page)
    document = stats_to_dict(page)
    assert document["schema"] == 1 and document["title"] == page.title
    assert (document["comments_shown"], document["comments_declared"]) == (9, 11)
    assert document["replies_by_reason"] == {"at-handle": 3, "channel": 1, "order": 1}
    assert (document["unparsed_lines"], document["first_unparsed_line"]) == (1, 40)
    assert document["top_commenters"][:2] == [
        {"author": "quill", "comments": 3}, {"author": "brass", "comments": 2},
    ]
    busiest = document["busiest_threads"][0]
    assert (busiest["author"], busiest["replies"], busiest["people"]) == ("quill", 4, 2)
    assert busiest["id"] == stats.busiest_threads[0].starter_id
    assert document["arguments"] == [
        {"first": "brass", "second": "quill", "replies": 4, "threads": 1}
    ]
    assert [age["age"] for age in document["ages"]] == [label for label, _ in stats.ages]
    assert document["undated"] == 1
    json.dumps(document)  # everything in it is JSON
