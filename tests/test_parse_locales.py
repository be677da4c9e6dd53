"""The interface-word table: every age unit, view-count suffix and header shape per language."""

from __future__ import annotations

import pytest

from tui_reader.parse.locales import (
    DAY,
    HOUR,
    LOCALES,
    MINUTE,
    MONTH,
    WEEK,
    YEAR,
    duration_seconds,
    parse_age,
    parse_comments_header,
    parse_count,
    parse_views,
    pinned_handle,
)

AGES = {
    # Kazakh: no plural after numbers; no number means one
    "1 секунд бұрын": 1,
    "5 минут бұрын": 5 * MINUTE,
    "Минут бұрын": MINUTE,
    "2 сағат бұрын": 2 * HOUR,
    "Сағат бұрын": HOUR,
    "Күн бұрын": DAY,
    "24 күн бұрын": 24 * DAY,
    "Апта бұрын": WEEK,
    "3 апта бұрын": 3 * WEEK,
    "Ай бұрын": MONTH,
    "5 ай бұрын": 5 * MONTH,
    "Жыл бұрын": YEAR,
    "2 жыл бұрын": 2 * YEAR,
    # Russian: singular, few, many, and the number-less singular
    "секунду назад": 1,
    "3 секунды назад": 3,
    "10 секунд назад": 10,
    "минуту назад": MINUTE,
    "2 минуты назад": 2 * MINUTE,
    "5 минут назад": 5 * MINUTE,
    "час назад": HOUR,
    "3 часа назад": 3 * HOUR,
    "7 часов назад": 7 * HOUR,
    "день назад": DAY,
    "1 день назад": DAY,
    "3 дня назад": 3 * DAY,
    "5 дней назад": 5 * DAY,
    "неделю назад": WEEK,
    "2 недели назад": 2 * WEEK,
    "5 недель назад": 5 * WEEK,
    "месяц назад": MONTH,
    "2 месяца назад": 2 * MONTH,
    "11 месяцев назад": 11 * MONTH,
    "год назад": YEAR,
    "2 года назад": 2 * YEAR,
    "5 лет назад": 5 * YEAR,
    "только что": 0,
    "3 дня назад (изменено)": 3 * DAY,
    # English
    "1 second ago": 1,
    "30 seconds ago": 30,
    "a minute ago": MINUTE,
    "1 minute ago": MINUTE,
    "5 minutes ago": 5 * MINUTE,
    "an hour ago": HOUR,
    "2 hours ago": 2 * HOUR,
    "a day ago": DAY,
    "3 days ago": 3 * DAY,
    "1 week ago": WEEK,
    "2 weeks ago": 2 * WEEK,
    "a month ago": MONTH,
    "6 months ago": 6 * MONTH,
    "1 year ago": YEAR,
    "2 years ago": 2 * YEAR,
    "2 Weeks Ago": 2 * WEEK,
    "5 days ago (edited)": 5 * DAY,
    "just now": 0,
}


@pytest.mark.parametrize(("text", "seconds"), AGES.items())
def test_age_phrases(text: str, seconds: int) -> None:
    assert parse_age(text) == seconds


@pytest.mark.parametrize(
    "text", ["vor 3 Tagen", "yesterday", "3 days", "ago", "5 пикселей назад", ""]
)
def test_unknown_age_phrases_stay_unparsed(text: str) -> None:
    assert parse_age(text) is None


VIEWS = {
    "  Рет қаралды 65,882": (65_882, "kk"),
    "Рет қаралды 101 М.": (101_000, "kk"),
    "Рет қаралды 1,1 МЛН": (1_100_000, "kk"),
    "Рет қаралды 25 МЛН": (25_000_000, "kk"),
    "65 882 просмотра": (65_882, "ru"),
    "1\u00a0234 просмотров": (1_234, "ru"),
    "3,4 тыс. просмотров": (3_400, "ru"),
    "1,2 млн просмотров": (1_200_000, "ru"),
    "2 млрд просмотров": (2_000_000_000, "ru"),
    "65,882 views": (65_882, "en"),
    "12K views": (12_000, "en"),
    "1.5M views": (1_500_000, "en"),
    "3B views": (3_000_000_000, "en"),
    "1 view": (1, "en"),
}


@pytest.mark.parametrize(("line", "expected"), VIEWS.items())
def test_views_lines(line: str, expected: tuple[int, str]) -> None:
    assert parse_views(line) == expected


@pytest.mark.parametrize(
    "line", ["Microsoft Mechanics", "views", "12:30", "The 5 best views of Rome"]
)
def test_not_views_lines(line: str) -> None:
    assert parse_views(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Пікірлер: 78", (78, "kk")),
        ("Комментарии: 1 234", (1_234, "ru")),
        ("Comments: 78", (78, "en")),
        ("78 comments", (78, "en")),
        ("1,2K Comments", (1_200, "en")),
        ("Comments", None),
        ("I have comments: many", None),
    ],
)
def test_comments_headers(line: str, expected: tuple[int, str] | None) -> None:
    assert parse_comments_header(line) == expected


def test_count_rules() -> None:
    assert parse_count("65.882", None) == 65_882  # separators group thousands without a suffix
    assert parse_count("1,1", "МЛН") == 1_100_000  # and mark decimals with one
    assert parse_count("1,25", "K") == 1_250
    assert parse_count("", None) is None


def test_pinned_and_durations() -> None:
    assert pinned_handle("Pinned by @Someone") == "Someone"
    assert pinned_handle("Закреплено пользователем @Кто-то") == "Кто-то"
    assert pinned_handle("pinned thoughts") is None
    # Kazakh puts the handle first in either voice: "@x pinned" / "@x (has) pinned".
    for word in ("бекітті", "бекіткен", "бекітілген"):
        assert pinned_handle(f"@inabat_tigin {word}") == "inabat_tigin"
    assert pinned_handle("Бекітілген @inabat_tigin") == "inabat_tigin"
    assert pinned_handle("@inabat_tigin бекітілген жоқ") is None
    assert [duration_seconds(t) for t in ("21:17", "1:02:03", "0:57", "00:31")] == [
        1277,
        3723,
        57,
        31,
    ]
    assert duration_seconds("12/2023") is None


def test_table_has_every_unit_in_every_language() -> None:
    for locale in LOCALES:
        assert set(locale.units.values()) == {1, MINUTE, HOUR, DAY, WEEK, MONTH, YEAR}, locale.code
        assert locale.views_words and locale.comments_words and locale.ago_words
