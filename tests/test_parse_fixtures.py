"""What the parser reads from each hand-written fixture page (threads are tested elsewhere)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.model import Page
from tui_reader.parse import is_recognisable, load_page, parse_text
from tui_reader.parse.blocks import learned_word
from tui_reader.parse.related import views_reader

PAGES = Path(__file__).parent / "fixtures" / "pages"
DAY = 86400


def page(name: str) -> Page:
    return load_page(str(PAGES / name))


def test_english_page() -> None:
    p = page("en_basic.txt")
    assert (p.channel, p.views, p.published, p.language) == (
        "Tinker Shed",
        1_234_567,
        "3 weeks ago",
        "en",
    )
    assert p.comment_count_declared == 9
    assert [(c.start, c.title) for c in p.chapters][:2] == [
        (0, "Why measure rain at all"),
        (65, "Picking a jar"),
    ]
    assert len(p.chapters) == 4
    assert [c.author for c in p.comments][:3] == ["puddle_jumper", "TinkerShed", "gale.force"]
    assert [c.age_seconds for c in p.comments] == [
        14 * DAY,
        14 * DAY,
        5 * DAY,
        4 * DAY,
        365 * DAY,
        11 * 30 * DAY,
        DAY,
        23 * 3600,
        60,
    ]
    edited = p.comments[2]
    assert edited.age == "5 days ago (edited)"
    assert edited.text.count("\n") == 2 and edited.timestamps == (270,)
    assert [(r.duration, r.views) for r in p.related] == [
        (849, 88_000),
        (3723, 1_200_000),
        (581, None),
    ]
    assert p.related[-1].channel is None  # the list is cut after the duration


def test_russian_page() -> None:
    p = page("ru_basic.txt")
    assert (p.views, p.published, p.language, p.comment_count_declared) == (
        123_456,
        "3 дня назад",
        "ru",
        6,
    )
    assert [c.age_seconds for c in p.comments] == [
        2 * DAY,
        DAY,
        7 * DAY,
        5 * DAY,
        30 * DAY,
        2 * 365 * DAY,
    ]
    assert p.comments[4].age == "месяц назад (изменено)"
    assert [c.start for c in p.chapters] == [0, 135, 460, 905]
    assert [r.views for r in p.related] == [1_200_000, 350_000]


def test_kazakh_page_with_pinned_channel_comment_first() -> None:
    p = page("kk_pinned.txt")
    assert (p.views, p.published, p.language) == (4210, "2 ай бұрын", "kk")
    assert p.comments[0].author == "SheberUi"
    assert [c.age_seconds for c in p.comments] == [
        60 * DAY,
        21 * DAY,
        21 * DAY,
        365 * DAY,
        5 * 3600,
    ]
    assert [r.views for r in p.related] == [12_000, 2_300_000]
    assert p.related[1].duration == 3600 + 10 * 60 + 44


def test_pinned_marker_line_marks_the_comment() -> None:
    p = page("pinned_marker.txt")
    assert [c.pinned for c in p.comments] == [True, False, False, False]
    assert [s.field for s in p.spans if s.line == 12] == ["pinned"]
    assert not p.unparsed


def test_lines_that_look_like_timestamps_handles_and_blanks_stay_comment_text() -> None:
    p = page("tricky_lines.txt")
    assert [c.author for c in p.comments] == [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "eta",
    ]
    assert p.comment_count_declared == 7
    alpha, beta, gamma, delta, epsilon, zeta, eta = p.comments
    assert alpha.text == "13:38" and alpha.timestamps == (818,)
    assert beta.timestamps == (45, 130, 3723)
    assert beta.text.endswith(
        "@alpha\n@alpha you are wrong about that"
    )  # not an age: no new comment
    assert gamma.text.splitlines()[:2] == ["@@beta", "@beta"]
    assert delta.text.startswith("line after") and "\n\n" in delta.text
    assert epsilon.timestamps == ()  # a date and a score are not timestamps
    assert zeta.text.endswith("7:15") and eta.text == "great part at\n3:21"
    assert [r.title for r in p.related] == ["Tiny Engines Explained", "The Last One"]
    assert p.related[1].duration is None


def test_wide_characters_and_markup_are_kept_verbatim() -> None:
    p = page("wide_markup.txt")
    assert [c.author for c in p.comments] == ["たこ好き", "markup_fan", "emoji_only", "한국어"]
    assert p.comments[1].text.startswith("[bold red]SHOUT[/] [/] [link=x]")
    assert p.comments[2].text == "🪁🪁🪁👍🏽👨\u200d👩\u200d👧\u200d👦"
    assert "[link=https://example.com]" in p.description
    assert p.related[0].views == 3400


def test_escape_sequences_are_kept_for_the_display_layer_to_neutralise() -> None:
    p = page("escapes.txt")
    assert "\x1b[31m" in p.title
    assert [c.author for c in p.comments] == ["ansi_artist", "ctrl_z"]
    assert "\u202e" in p.comments[0].text and "\x85" in p.comments[1].text
    assert len(p.related) == 1 and p.related[0].views == 12


def test_no_chapters_no_comments() -> None:
    p = page("no_chapters_no_comments.txt")
    assert p.chapters == () and p.comments == ()
    assert p.comment_count_declared == 0
    assert "05:30" in p.description
    assert [(r.duration, r.views) for r in p.related] == [(7200, 1100), (3599, 901)]


def test_truncated_mid_comment() -> None:
    p = page("truncated_comment.txt")
    assert len(p.comments) == 2 and p.related == ()
    assert p.comments[-1].text.endswith("after a")


def test_truncated_mid_related_list() -> None:
    p = page("truncated_related.txt")
    assert len(p.comments) == 1
    assert [(r.title, r.duration) for r in p.related] == [
        ("Oiling Garden Shears", 366),
        ("Sharpening Chisels", None),
    ]


def test_unknown_language_keeps_structure_and_ages_as_written() -> None:
    p = page("unknown_language.txt")
    assert p.language is None
    assert (p.views, p.channel, p.published, p.comment_count_declared) == (
        65882,
        "Bakkerij Noord",
        "3 dagen geleden",
        2,
    )
    assert [(c.author, c.age, c.age_seconds) for c in p.comments] == [
        ("broodvriend", "2 dagen geleden", None),
        ("BakkerijNoord", "1 dag geleden", None),
    ]
    assert [(r.title, r.duration, r.channel) for r in p.related] == [
        ("Broodjes op zondag", 605, "Bakkerij Noord")
    ]


def test_a_german_page_reads_its_ages_so_an_older_comment_starts_a_thread() -> None:
    """With "vor 1 Monat" read, @oma_hilde (older than the comment above her) cannot be
    in @jonas.k's thread; his "@@oma_hilde" answer then joins hers. Unread, STARTER_AGAIN
    pulled her into his."""
    p = page("de_ages.txt")
    assert (p.language, p.views, p.comment_count_declared) == ("de", 12_345, 48)
    assert [c.age_seconds for c in p.comments][-3:] == [3 * 7 * DAY, 30 * DAY, 2 * 7 * DAY]
    by_id = {c.id: c.author for c in p.comments}
    assert [(c.author, by_id.get(c.parent)) for c in p.comments[-3:]] == [
        ("jonas.k", None),
        ("oma_hilde", None),
        ("jonas.k", "oma_hilde"),
    ]
    assert [(r.title, r.duration, r.views) for r in p.related] == [
        ("Roggenbrot in 24 Stunden", 751, 8_812)
    ]


def test_unknown_language_learns_its_views_word_for_the_related_list() -> None:
    """"12.345 weergaven" on top makes "5.678 weergaven" at the end a views line, so the
    related list starts where it does, not inside the last comment."""
    p = page("unknown_language_related.txt")
    assert p.language is None and p.views == 12345
    assert p.comment_count_declared == 17  # "17 reacties", right before the comments
    assert p.comments[-1].text == "Bij mij zat de trapas vastgeroest 😅"
    assert [(r.title, r.duration, r.channel, r.views) for r in p.related] == [
        ("Fietsketting goed smeren", 492, "Fietswerk Utrecht", 5678),
        ("Remmen afstellen in 5 minuten", 303, None, None),
    ]
    assert "reacties" not in p.description


@pytest.mark.parametrize(
    ("line", "word"),
    [("12.345 weergaven", "weergaven"), ("3 visningar", "visningar"), ("weergaven", None)],
)
def test_learned_views_word(line: str, word: str | None) -> None:
    assert learned_word(line) == word


def test_views_reader_knows_the_learned_word_and_the_table() -> None:
    read = views_reader("weergaven")
    assert read("5.678 weergaven") == (5678, "")
    assert read("1,2 mln. weergaven") == (None, "")  # a views line of unknown count
    assert read("weergaven zijn leuk") is None
    assert read("65,882 views") is not None  # the table still applies
    assert views_reader(None)("5.678 weergaven") is None


def test_long_reply_chain() -> None:
    p = page("long_chain.txt")
    assert len(p.comments) == 22 and p.comment_count_declared == 24
    assert all(c.text.startswith("@@") for c in p.comments[1:21])
    assert len(p.related) == 1


def test_ids_are_stable_across_a_resave_with_new_comments() -> None:
    text = (PAGES / "en_basic.txt").read_text(encoding="utf-8")
    before = {c.text: c.id for c in parse_text(text).comments}
    resaved = text.replace("Comments: 9\n", "Comments: 10\n@newbie\n@newbie 1 minute ago\nhello\n")
    after = {c.text: c.id for c in parse_text(resaved).comments}
    assert all(after[t] == i for t, i in before.items())
    assert len(after) == len(before) + 1


def test_repeated_comment_gets_suffixed_ids_in_page_order() -> None:
    text = "Title\n\n5 views\n\n" + "@a\n@a 1 day ago\nsame\n" * 3
    ids = [c.id for c in parse_text(text).comments]
    assert ids[1] == ids[0] + "-2" and ids[2] == ids[0] + "-3"
    assert ids[0].startswith("c") and len(ids[0]) == 9


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.txt")))
def test_every_fixture_is_recognisable(name: str) -> None:
    assert is_recognisable(page(name))


handles = st.from_regex(r"[A-Za-z][A-Za-z0-9_.\-]{0,11}", fullmatch=True)
plain = st.from_regex(r"[A-Za-z][A-Za-z ,!?']{0,40}", fullmatch=True).map(str.strip).filter(bool)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            handles,
            st.sampled_from(["2 days ago", "a year ago"]),
            st.lists(plain, min_size=1, max_size=3),
        ),
        max_size=8,
    ),
    st.lists(st.tuples(plain, st.sampled_from(["21:17", "1:02:03"]), st.booleans()), max_size=4),
)
def test_clean_generated_pages_give_back_every_comment_and_related_item(
    comments: list[tuple[str, str, list[str]]], related: list[tuple[str, str, bool]]
) -> None:
    out = [
        "A title",
        "",
        "1,000 views",
        "",
        "Chan",
        "",
        "2 days ago",
        "",
        "About.",
        "",
        f"Comments: {len(comments)}",
    ]
    for handle, age, text in comments:
        out += ["@" + handle, f"@{handle} {age}", *text]
    for title, duration, with_views in related:
        out += [title, duration, "Chan", "12K views"] if with_views else [title, duration]
    p = parse_text("\n".join(out))
    assert [(c.author, c.text) for c in p.comments] == [(h, "\n".join(t)) for h, _, t in comments]
    assert [(r.title, r.duration_text) for r in p.related] == [(t, d) for t, d, _ in related]


def test_pin_marker_without_a_comments_header_is_not_description() -> None:
    text = (PAGES / "pinned_marker.txt").read_text(encoding="utf-8").replace("Comments: 4\n", "")
    p = parse_text(text)
    assert p.description == "Flour, water, patience."
    assert [c.pinned for c in p.comments] == [True, False, False, False]
    assert p.comment_count_declared is None and not p.unparsed


def test_junk_between_header_and_first_comment_is_unparsed_with_line_numbers() -> None:
    text = (PAGES / "en_basic.txt").read_text(encoding="utf-8")
    text = text.replace("Comments: 9\n", "Comments: 9\nSort by\n\nTop comments\n")
    p = parse_text(text)
    assert [(u.line, u.text) for u in p.unparsed] == [(22, "Sort by"), (24, "Top comments")]
    assert len(p.comments) == 9


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        # (channel, published, first description line)
        (["5 views", "Chan", "Part 2 of the series"], ("Chan", None, "Part 2 of the series")),
        (
            ["5 views", "Chan", "Chan", "Premiered 3 days ago"],
            ("Chan", "Premiered 3 days ago", "Body"),
        ),
        (
            ["5 views", "Chan", "Streamed live on Jun 3, 2024"],
            ("Chan", "Streamed live on Jun 3, 2024", "Body"),
        ),
        (["5 views", "2 years ago"], (None, "2 years ago", "Body")),
        (["Chan", "5 views", "2 years ago"], ("Chan", "2 years ago", "Body")),
        (["5 weergaven", "Kanaal", "2 dagen geleden"], ("Kanaal", "2 dagen geleden", "Body")),
        (["5 Aufrufe", "Kanal", "vor 2 Tagen"], ("Kanal", "vor 2 Tagen", "Body")),
    ],
)
def test_meta_lines_are_recognised_by_what_they_are(
    meta: list[str], expected: tuple[str | None, str | None, str]
) -> None:
    body = [] if expected[2] != "Body" else ["Body"]
    text = "\n\n".join(["Title", *meta, *body]) + "\n\n@a\n@a 1 day ago\nhi\n"
    p = parse_text(text)
    assert (p.channel, p.published, p.description.splitlines()[0]) == expected
    assert p.views == 5 and len(p.comments) == 1


def test_a_handle_line_pair_in_text_needs_an_age_to_start_a_comment() -> None:
    text = "T\n\n5 views\n\nC\n\n1 day ago\n\nAbout.\n\n@a\n@a 2 days ago\nhello\n"
    text += "@bob\n@bob 2 cents from me\n@c\n@c 7 Jahrzehnte назад\nunknown unit, known ago word\n"
    p = parse_text(text)
    assert [(c.author, c.age_seconds) for c in p.comments] == [("a", 2 * DAY), ("c", None)]
    assert p.comments[0].text == "hello\n@bob\n@bob 2 cents from me"


def test_readable_ages_make_a_page_strict_even_without_a_views_line() -> None:
    text = "T\n\nChan\n\nAbout.\n\n@a\n@a 2 days ago\nhello\n@bob\n@bob 2 cents from me\n"
    p = parse_text(text)
    assert [c.author for c in p.comments] == ["a"] and p.language == "en"
