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
    age_language,
    duration_seconds,
    ends_with_age,
    has_ago_word,
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
    # The "ago" word first: German, Spanish, Portuguese, French
    "vor 25 Sekunden": 25,
    "vor 1 Minute": MINUTE,
    "vor 1 Tag": DAY,
    "vor 4 Tagen": 4 * DAY,
    "vor einem Monat": MONTH,
    "vor 2 Jahren (bearbeitet)": 2 * YEAR,
    "hace 1 hora": HOUR,
    "hace 3 semanas": 3 * WEEK,
    "hace un mes": MONTH,
    "hace 2 años (editado)": 2 * YEAR,
    "há 2 dias": 2 * DAY,
    "há 1 mês": MONTH,
    "il y a 40 secondes": 40,
    "il y a 1 heure": HOUR,
    "il y a 3 mois": 3 * MONTH,
    "il y a 1 an": YEAR,
    "il y a 3 ans (modifié)": 3 * YEAR,
    # ... and last: Italian, Turkish, Ukrainian, Polish
    "2 giorni fa": 2 * DAY,
    "un anno fa": YEAR,
    "3 hafta önce": 3 * WEEK,
    "bir yıl önce": YEAR,
    "2 дні тому": 2 * DAY,
    "5 років тому": 5 * YEAR,
    "2 tygodnie temu": 2 * WEEK,
    "5 lat temu": 5 * YEAR,
}


@pytest.mark.parametrize(("text", "seconds"), AGES.items())
def test_age_phrases(text: str, seconds: int) -> None:
    assert parse_age(text) == seconds


@pytest.mark.parametrize(
    "text",
    ["3 dagen geleden", "yesterday", "3 days", "ago", "vor", "vor 3", "Tagen vor",
     "vor 3 Tagen ago", "5 пикселей назад", ""],
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
    "\u00a0\u00a048.215 Aufrufe": (48_215, "de"),
    "1,2 Mio. Aufrufe": (1_200_000, "de"),
    "231.908 visualizaciones": (231_908, "es"),
    "87 mil visualizaciones": (87_000, "es"),
    "1,2 M de visualizaciones": (1_200_000, "es"),
    "12.345 visualizações": (12_345, "pt"),
    "87\u202f412 vues": (87_412, "fr"),
    "412 k vues": (412_000, "fr"),
    "1,2 M de vues": (1_200_000, "fr"),
    "12.345 visualizzazioni": (12_345, "it"),
    "12.345 görüntüleme": (12_345, "tr"),
    "487 B görüntüleme": (487_000, "tr"),  # bin: thousand, while "3B views" is billions
    "1,8 Mn görüntüleme": (1_800_000, "tr"),
    "214 тис. переглядів": (214_000, "uk"),
    "1,4 mi de visualizações": (1_400_000, "pt"),
    "932 mil visualizações": (932_000, "pt"),
    "12 345 переглядів": (12_345, "uk"),
    "12 345 wyświetleń": (12_345, "pl"),
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
        ("87 Kommentare", (87, "de")),
        ("143 comentarios", (143, "es")),
        ("96 commentaires", (96, "fr")),
        ("12 comentários", (12, "pt")),
        ("12 commenti", (12, "it")),
        ("12 yorum", (12, "tr")),
        ("12 коментарів", (12, "uk")),
        ("12 komentarzy", (12, "pl")),
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
    assert pinned_handle("@TelefonTamir tarafından sabitlendi") == "TelefonTamir"
    assert pinned_handle("Fixado por @cozinhadadonalucia") == "cozinhadadonalucia"
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


@pytest.mark.parametrize("locale", LOCALES, ids=lambda loc: loc.code)
def test_every_unit_form_reads_with_the_languages_ago_word(locale) -> None:
    """The table, not samples: each written unit, with a count and with a word for one."""
    ago = locale.ago_words[0]
    for unit, seconds in locale.units.items():
        for amount, count in (("2", 2), (locale.one_words[0], 1)):
            phrase = f"{ago} {amount} {unit}" if locale.ago_first else f"{amount} {unit} {ago}"
            assert parse_age(phrase) == count * seconds, phrase
            assert age_language(phrase) == locale.code, phrase
            edited = f"{phrase} {locale.edited_words[0]}"
            assert parse_age(edited) == count * seconds, edited


def test_a_suffix_without_a_language_takes_its_first_meaning() -> None:
    assert parse_count("3", "B") == 3_000_000_000  # English, listed before Turkish
    assert parse_count("3", "B", "tr") == 3_000


def test_an_age_has_its_ago_word_on_one_side_only() -> None:
    assert parse_age("vor 2 Tagen") == 2 * DAY
    assert parse_age("2 Tagen vor") is None and parse_age("vor 2 days ago") is None
    assert has_ago_word("vor 3 Jahrzehnten") and has_ago_word("3 десятилетия назад")
    assert not has_ago_word("vor allem") and not has_ago_word("hace calor")
    assert ends_with_age("Live übertragen vor 2 Tagen")
    assert ends_with_age("Transmitido hace 3 semanas")
    assert not ends_with_age("Gebacken vor dem Frühstück")
