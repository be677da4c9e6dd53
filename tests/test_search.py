"""Search ranking: for each query, the comment a person means must come first."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.model import Chapter, Comment, Page
from tui_reader.parse import load_page
from tui_reader.search import (
    _COMPOUND,
    SearchIndex,
    _analyze_general,
    analyze,
    fold,
    make_snippet,
    parse_query,
    word_matches,
)

FIXTURE = Path(__file__).parent / "fixtures" / "search" / "hall_tour.txt"


@pytest.fixture(scope="module")
def page() -> Page:
    return load_page(str(FIXTURE))


@pytest.fixture(scope="module")
def index(page: Page) -> SearchIndex:
    return SearchIndex.build(page)


def _who(page: Page, position: int) -> str:
    """`author/first word of the text`: stable even if comment ids change."""
    comment = page.comments[position]
    return f"{comment.author}/{comment.text.split()[0]}"


# (query, who must rank first): `author/first word` of the comment's text.
RANKING = [
    # words, word order, typos, prefixes being typed
    ("heat reuse", "ClaraVoss/The"),
    ("reuse heat", "ClaraVoss/The"),
    ("heta reuse", "ClaraVoss/The"),
    ("heat reu", "ClaraVoss/The"),
    ("russinovic", "PixelPenguin/Hearing"),
    ("rusinovich", "PixelPenguin/Hearing"),
    ("RUSSINOVICH scheduler", "PixelPenguin/Hearing"),
    ("sustainabilty", "GreenGrid/What"),
    ("sustain", "GreenGrid/What"),
    ("swimming pool", "ClaraVoss/The"),
    ("server heat", "quietkettle/Swimming"),
    ("pumps night", "NightOwl/7:50"),
    # hyphenated and camel-case words, case
    ("multi lora", "LoraFan42/Serving"),
    ("multi-lora", "LoraFan42/Serving"),
    ("multilora", "LoraFan42/Serving"),
    ("MULTI LORA batches", "BatchRunner/Second"),
    ("lora overnight", "BatchRunner/Second"),
    ("iphone", "quietkettle/Could"),
    ("IPHONE cloud", "quietkettle/Could"),
    ("powershell", "ShellScripter/Is"),
    ("power shell", "ShellScripter/Is"),
    # accents
    ("cafe", "AmélieDurand/Le"),
    ("tres elegant", "AmélieDurand/Le"),
    ("élégant côté", "AmélieDurand/Le"),
    ("naive coolant", "DeltaTau/Naïve"),
    # Cyrillic, CJK, mixed scripts
    ("охлаждение", "SergeyK/Отличный"),
    ("охлаждения", "SergeyK/Отличный"),
    ("ОБЗОР", "SergeyK/Отличный"),
    ("какой насос", "NataliaP/Какой"),
    ("насс", "NataliaP/Какой"),
    ("gpu кластер", "MixedBag/Ставлю"),
    ("кластер phi 3", "MixedBag/Ставлю"),
    ("液冷", "KenjiSato/液冷システムの説明がとても分かりやすかったです。"),
    ("システム", "KenjiSato/液冷システムの説明がとても分かりやすかったです。"),
    # filters, alone and combined with words
    ("@otto", "OttoBrandt/@@ClaraVoss"),
    ("author:ottobrant", "OttoBrandt/@@ClaraVoss"),
    ("@amelie", "AmélieDurand/Le"),
    ("@hallworks pool", "HallWorks/@@ClaraVoss"),
    ("is:channel", "HallWorks/@@ClaraVoss"),
    ("is:channel pumps", "HallWorks/@@NightOwl"),
    ("is:reply warm", "OttoBrandt/@@ClaraVoss"),
    ("-is:reply warm", "ClaraVoss/The"),
    ("is:inferred", "AmélieDurand/Le"),
    ("is:inferred thanks", "OttoBrandt/Thanks"),
    ("has:link", "SpecHunter/The"),
    ("spec has:link", "SpecHunter/The"),
    ("has:time", "ClaraVoss/The"),
    ("has:time pumps", "NightOwl/7:50"),
    ("replies>2", "ClaraVoss/The"),
    ("replies>=1 question", "NightOwl/7:50"),
    ("replies=0 pumps", "HallWorks/@@NightOwl"),
    ("replies<1 thanks", "HallWorks/@@ClaraVoss"),
    ("chapter:3", "ClaraVoss/The"),
    ("chapter:4", "NightOwl/7:50"),
    ("chapter:3 pool", "ClaraVoss/The"),
    ("@quietkettle -is:reply", "quietkettle/Could"),
    ("is:channel @hall replies=0 -has:time year", "HallWorks/@@OttoBrandt"),
]


@pytest.mark.parametrize(("query", "expected"), RANKING)
def test_ranks_first(page: Page, index: SearchIndex, query: str, expected: str) -> None:
    result = index.search(query, limit=5)
    assert result.hits, f"{query!r} found nothing"
    assert _who(page, result.hits[0].position) == expected


@pytest.mark.parametrize(
    "query",
    ["zzqxv", "iphone rainwater", "chapter:2", "chapter:9", "replies>5", "@nobodyhere", ""],
)
def test_no_match(index: SearchIndex, query: str) -> None:
    result = index.search(query)
    assert result.total == 0
    assert result.hits == ()


def test_multi_lora_finds_both_spellings(page: Page, index: SearchIndex) -> None:
    found = {_who(page, hit.position) for hit in index.search("multi lora").hits}
    assert {"LoraFan42/Serving", "BatchRunner/Second"} <= found


def test_filters_restrict_exactly(page: Page, index: SearchIndex) -> None:
    channel = [page.comments[h.position] for h in index.search("is:channel", limit=None).hits]
    assert channel and all(c.is_channel for c in channel)
    assert len(channel) == sum(c.is_channel for c in page.comments)
    no_reply = index.positions("-is:reply")
    assert no_reply == [i for i, c in enumerate(page.comments) if c.parent is None]


def test_ties_break_in_page_order(index: SearchIndex) -> None:
    positions = [hit.position for hit in index.search("is:channel", limit=None).hits]
    assert positions == sorted(positions)


def test_exact_word_outranks_typo_match(page: Page) -> None:
    comments = (
        Comment(id="a", author="one", age=None, age_seconds=None, text="the heap grows"),
        Comment(id="b", author="two", age=None, age_seconds=None, text="the heat grows"),
    )
    index = SearchIndex.build(Page(title="t", comments=comments))
    assert [hit.comment_id for hit in index.search("heat").hits] == ["b", "a"]


def test_hit_shape_and_highlights(index: SearchIndex) -> None:
    hit = index.search("heat reuse").hits[0]
    highlighted = [hit.snippet[a:b].casefold() for a, b in hit.spans]
    assert "heat" in highlighted and "reuse" in highlighted
    assert hit.score == 100.0
    assert hit.comment_id and hit.author == "ClaraVoss"


def test_multi_lora_highlights_both_parts(index: SearchIndex) -> None:
    hit = index.search("multi lora").hits[0]
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["Multi", "LoRA"]


def test_snippet_cuts_long_text_around_first_match() -> None:
    text = " ".join(["filler"] * 60 + ["needle"] + ["padding"] * 60)
    snippet, spans = make_snippet(text, frozenset({"needle"}))
    assert snippet.startswith("…") and snippet.endswith("…")
    assert 60 <= len(snippet) <= 130
    assert [snippet[a:b] for a, b in spans] == ["needle"]


def test_snippet_shows_short_text_whole() -> None:
    text = "Most of this sentence comes before the word that matched: needle."
    snippet, spans = make_snippet(text, frozenset({"needle"}))
    assert snippet == text
    assert [snippet[a:b] for a, b in spans] == ["needle"]


def test_snippet_near_the_end_fills_the_window() -> None:
    text = " ".join(["filler"] * 40 + ["needle", "end"])
    snippet, _spans = make_snippet(text, frozenset({"needle"}))
    assert snippet.startswith("…") and snippet.endswith("needle end")
    assert len(snippet) >= 90


def test_snippet_makes_controls_visible_and_keeps_spans_right() -> None:
    text = "\x1b[31mred\x1b[0m alert \u202e and more\nnext line alert"
    snippet, spans = make_snippet(text, frozenset({"alert"}))
    assert "\x1b" not in snippet and "\u202e" not in snippet and "\n" not in snippet
    assert [snippet[a:b] for a, b in spans] == ["alert", "alert"]


def test_cjk_spans_do_not_overlap(index: SearchIndex) -> None:
    hit = index.search("システム").hits[0]
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["システム"]


def test_fold_strips_latin_accents_only() -> None:
    assert fold("Élégant") == "elegant"
    assert fold("Naïve") == "naive"
    assert fold("Какой") == "какой"  # й is a letter of its own, not и + accent
    assert fold("Ёлка") == "ёлка"


def test_analyze_indexes_parts_and_joins() -> None:
    terms = {t for _s, _e, ts in analyze("Multi-LoRA") for t in ts}
    assert {"multi", "lora", "multilora"} <= terms
    assert {"iphone", "phone"} <= {t for _s, _e, ts in analyze("iPhone") for t in ts}


def test_parse_query_keeps_unknown_keys_as_words() -> None:
    query = parse_query("9:00 note:this replies> is: chapter:x @ann -has:link")
    assert query.words == ("9", "00", "note", "this")
    assert query.authors == ("ann",)
    assert query.replies == () and query.chapter is None
    assert query.flags_off and not query.flags_on


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("is:chanel", 'unknown filter "is:chanel" (did you mean is:channel?)'),
        ("is:ch", 'unknown filter "is:ch" (did you mean is:channel?)'),
        ("is:foo", 'unknown filter "is:foo"'),
        ("-is:chanel", 'unknown filter "-is:chanel" (did you mean -is:channel?)'),
        ("has:channel", 'unknown filter "has:channel" (did you mean is:channel?)'),
        ("is:", "is: needs channel, reply or inferred"),
        ("has:", "has: needs link or time"),
        ("replies>x", "replies>x: a number is needed"),
        ("replies>=", "replies>=: a number is needed"),
        ("author:", "author: needs a name"),
        ("chapter:x", "chapter:x: a number is needed"),
        ("chapter:99", "chapter:99: this page has 12 chapters"),
        ("chapter:0", "chapter:0: this page has 12 chapters"),
        ("auther:bob", 'unknown filter "auther:bob" (did you mean author:bob?)'),
        ("replys>3", 'unknown filter "replys>3" (did you mean replies>3?)'),
        ("chaptr:3", 'unknown filter "chaptr:3" (did you mean chapter:3?)'),
        ("-chapter:3", "-chapter:3: only is: and has: filters can be negated"),
        ("-@ann", "-@ann: only is: and has: filters can be negated"),
        ("pumps is:foo has:link", 'unknown filter "is:foo"'),
    ],
)
def test_parse_query_names_a_bad_filter(query: str, problem: str) -> None:
    assert parse_query(query, chapters=12).problem == problem


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("10:30", ("10", "30")),
        ("note: this", ("note", "this")),
        ("note:this", ("note", "this")),
        ("authors: ann", ("authors", "ann")),
        ("no replies, sadly", ("no", "replies", "sadly")),
        ("status:reply", ("status", "reply")),
        # one letter from chapter, but chapter takes a number: a word, not a typo
        ("chatter:x", ("chatter", "x")),
        ("replys>x", ("replys", "x")),
    ],
)
def test_words_with_a_colon_stay_text(query: str, words: tuple[str, ...]) -> None:
    parsed = parse_query(query, chapters=12)
    assert parsed.problem is None
    assert parsed.words == words


def test_valid_filters_have_no_problem() -> None:
    query = parse_query("is:channel -has:link replies>=2 chapter:3 @ann author:bo x", chapters=3)
    assert query.problem is None
    assert query.chapter == 3 and query.replies == ((">=", 2),)


def test_problem_text_is_made_visible() -> None:
    problem = parse_query("is:\x1b[31mx", chapters=1).problem
    assert problem is not None and "\x1b" not in problem


def test_the_index_knows_its_chapter_count(index: SearchIndex, page: Page) -> None:
    count = len(page.chapters)
    assert index.parse(f"chapter:{count}").problem is None
    assert index.parse(f"chapter:{count + 1}").problem == (
        f"chapter:{count + 1}: this page has {count} chapters"
    )


def test_chapter_filter_uses_chapter_ranges() -> None:
    comments = tuple(
        Comment(id=f"c{s}", author="a", age=None, age_seconds=None, text="x", timestamps=(s,))
        for s in (5, 100, 400)
    )
    chapters = (Chapter(0, "one"), Chapter(60, "two"), Chapter(300, "three"))
    index = SearchIndex.build(Page(title="t", comments=comments, chapters=chapters))
    assert [index.positions(f"chapter:{n}") for n in (1, 2, 3)] == [[0], [1], [2]]


def test_positions_are_in_page_order(index: SearchIndex) -> None:
    positions = index.positions("the")
    assert positions == sorted(positions) and len(positions) == index.search("the").total


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_query_is_safe(index: SearchIndex, query: str) -> None:
    result = index.search(query, limit=10)
    assert result.total >= len(result.hits)
    for hit in result.hits:
        assert all(0 <= a < b <= len(hit.snippet) for a, b in hit.spans)
        assert "\x1b" not in hit.snippet


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["alpha", "ß", "кот", "数据"]))
def test_any_text_snippet_is_well_formed(text: str, word: str) -> None:
    snippet, spans = make_snippet(f"{text} {word} {text}", frozenset({fold(word)}))
    assert all(0 <= a < b <= len(snippet) for a, b in spans)
    assert spans == tuple(sorted(spans))


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=30))
def test_fast_path_analyzes_like_the_general_one(text: str) -> None:
    for word in [*_COMPOUND.findall(text), text.capitalize(), text.upper()]:
        if _COMPOUND.fullmatch(word):
            assert analyze(word) == _analyze_general(word)


def test_with_threads_follows_corrections(page: Page, index: SearchIndex) -> None:
    import attrs

    starter = next(c for c in page.comments if c.author == "PixelPenguin")
    moved = next(c for c in page.comments if c.author == "LoraFan42")
    corrected = attrs.evolve(
        page,
        comments=tuple(
            attrs.evolve(c, parent=starter.id, reason="user") if c is moved else c
            for c in page.comments
        ),
    )
    rethreaded = index.with_threads(corrected)
    assert index.search("replies>0 russinovich").total == 0
    assert rethreaded.search("replies>0 russinovich").total == 1
    assert rethreaded.search("is:reply multi lora").hits[0].author == "LoraFan42"
    assert rethreaded.search("heat reuse") == index.search("heat reuse")


ESCAPES = Path(__file__).parent / "fixtures" / "pages" / "escapes.txt"


def test_a_word_glued_to_an_escape_sequence_is_found() -> None:
    """`␛[2J␛[Hcleared`: the sequence's final `H` is no part of the word."""
    escapes = SearchIndex.build(load_page(str(ESCAPES)))
    hit = escapes.search("cleared").hits[0]
    assert hit.author == "ansi_artist"
    assert hit.snippet.startswith("␛[2J␛[Hcleared your screen?")  # shown as it is
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["cleared"]
    assert {"cleared", "screen"} <= set(escapes.terms)
    assert not {"hcleared", "2j", "31mred", "1mbold"} & set(escapes.terms)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("\x1b[2J\x1b[Hcleared it", ["cleared", "it"]),
        ("\x1b[1;31mred\x1b[0mdone", ["red", "done"]),
        ("\x9b31mred", ["red"]),  # the one-byte C1 introducer
        ("see \x1b]8;;http://x.test/a\x07here\x1b]8;;\x1b\\ now", ["see", "here", "now"]),
        ("\x1b(Bplain\x1b7saved", ["plain", "saved"]),
        ("bell\x07ring back\x08space", ["bell", "ring", "back", "space"]),
        ("ends with a lone \x1b", ["ends", "with", "a", "lone"]),
    ],
)
def test_escape_sequences_and_controls_split_words(text: str, words: list[str]) -> None:
    assert [m.group() for m in word_matches(text)] == words


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \x1b[]();7HJm\x07\x9b\\"), max_size=30))
def test_word_matches_keep_offsets_into_the_text(text: str) -> None:
    for match in word_matches(text):
        assert text[match.start() : match.end()] == match.group()
        assert "\x1b" not in match.group() and "\x9b" not in match.group()
