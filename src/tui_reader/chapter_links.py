"""Which comments talk about which chapter: the evidence behind the sidebar's chapter view.

The rule, in order of strength:

1. **Timestamp.** A comment that mentions a time inside a chapter's range
   `[start, next chapter's start)` (the last chapter is open-ended) is linked to that
   chapter. Its spans are the timestamp texts; its label is "at m:ss" of the first one.
   Times are read by the parser's rule (`parse.timestamps`) and only those in
   `Comment.timestamps` count, so the sidebar, `--dump` and search's `has:time` agree
   on what a timestamp is.
2. **Words.** Otherwise a comment is linked when it holds at least one *key word* of the
   chapter title and enough of the title's weight. Title words are folded (case, accents, a
   plural "s"); words shorter than three letters (except upper-case pairs such as "AI")
   and common English words ("between", "same", "work"...) are ignored. A key word is a
   title word found in at most `KEY_WORD_MAX_SHARE` (10%) of the page's comments (or in at
   most `KEY_WORD_MIN_ALLOWANCE` (3) of them, so small pages still link): a word that half
   the page uses ("video", the video's own topic) says nothing about one chapter. A comment
   word equals a title word when their folded forms are equal or, for words of
   `FUZZY_MIN_LENGTH` letters or more, when rapidfuzz's `ratio` is at least
   `WORD_MATCH_THRESHOLD` (88: tolerates one typo in a long word, "cavitaion", but not
   "sea" for "seal"). Score = the share (0-100) of the title's weight the comment covers,
   each title word weighing its inverse document frequency on the page, doubled
   (`ACRONYM_BOOST`) for acronyms and model names (GPU, LLMs, Phi-3), so rare and technical
   words count more. Links need a score of at least `MIN_WORD_SCORE` (15): one plain word
   of a long title ("code" in a nine-word title) is not enough. Ranked by score, ties in
   page order. Label: "matched by words"; spans: the matched words.

No Textual import here: the rule is tested on its own and reusable by search and export.
Linking costs two regex passes over the page, not comments x titles: one collects the
page's distinct words, which are folded and compared with the title words once each
(rapidfuzz `process.extract` over the vocabulary); a second scans each comment with one
regex of just the written forms that matched, so Python only loops over real hits. About
4 s for a 100,000-comment page (25 MB), run in a worker thread after the first paint.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict

from attrs import frozen
from rapidfuzz import fuzz, process

from tui_reader import stopping
from tui_reader.model import Chapter, Comment, Page
from tui_reader.parse.timestamps import timestamp_spans
from tui_reader.stopping import Stop
from tui_reader.timefmt import clock

WORD_MATCH_THRESHOLD = 88.0
FUZZY_MIN_LENGTH = 6
MIN_WORD_LENGTH = 3
KEY_WORD_MAX_SHARE = 0.1
KEY_WORD_MIN_ALLOWANCE = 3
ACRONYM_BOOST = 2.0
MIN_WORD_SCORE = 15.0
WORDS_LABEL = "matched by words"

_STOPWORDS = frozenset({
    "a", "about", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at", "back",
    "be", "before", "being", "best", "better", "between", "both", "but", "by", "can", "come",
    "did", "do", "does", "each", "end", "even", "every", "few", "first", "for", "from", "get",
    "go", "going", "good", "got", "great", "has", "have", "here", "how", "in", "into", "intro",
    "is", "it", "its", "just", "know", "last", "less", "let", "lets", "like", "look", "made",
    "make", "makes", "many", "more", "most", "move", "moving", "much", "need", "new", "next",
    "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "others", "our", "out",
    "over", "own", "part", "really", "run", "runs", "same", "see", "should", "show", "shows",
    "so", "some", "still", "such", "take", "than", "that", "the", "their", "them", "then",
    "there", "these", "thing", "things", "this", "those", "through", "to", "too", "under", "up",
    "use", "used", "using", "very", "want", "was", "way", "we", "well", "were", "what", "when",
    "where", "which", "while", "who", "why", "will", "with", "without", "work", "working",
    "works", "would", "wrap", "yes", "you", "your",
})

_WORD = re.compile(r"[^\W_]+")


@frozen(slots=True)
class ChapterLink:
    """One comment linked to one chapter, with the text ranges that justify the link."""

    comment_id: str
    spans: tuple[tuple[int, int], ...]
    label: str | None
    score: float


@frozen(slots=True)
class ChapterLinks:
    """Links for every chapter of a page, in the page's chapter order."""

    by_chapter: tuple[tuple[ChapterLink, ...], ...]

    @property
    def counts(self) -> tuple[int, ...]:
        """How many comments point at each chapter (for the sidebar's bars)."""
        return tuple(len(links) for links in self.by_chapter)


def chapter_ranges(chapters: tuple[Chapter, ...]) -> list[tuple[int, float]]:
    """Each chapter's `[start, end)` in seconds; the last one runs to infinity."""
    ends: list[float] = [chapter.start for chapter in chapters[1:]]
    ends.append(math.inf)
    return [(chapter.start, end) for chapter, end in zip(chapters, ends, strict=True)]


def fold_word(word: str) -> str:
    """Fold case, accents and a plural "s" so "Bearings" and "bearing" compare equal."""
    folded = word.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    if len(folded) > MIN_WORD_LENGTH and folded.endswith("s") and not folded.endswith("ss"):
        folded = folded[:-1]
    return folded


def is_acronym(word: str) -> bool:
    """Acronyms and model names (GPU, LLMs, Phi-3, ROV) say more than plain words."""
    return any(char.isdigit() for char in word) or sum(char.isupper() for char in word) >= 2


def title_terms(title: str) -> dict[str, float]:
    """The folded words of a chapter title that can carry meaning, with their boost."""
    terms: dict[str, float] = {}
    for match in _WORD.finditer(title):
        word = match.group()
        folded = fold_word(word)
        long_enough = len(folded) >= MIN_WORD_LENGTH or (len(word) == 2 and word.isupper())
        if long_enough and folded not in _STOPWORDS and folded not in terms:
            terms[folded] = ACRONYM_BOOST if is_acronym(word) else 1.0
    return terms


def link_chapters(page: Page, stop: Stop | None = None) -> ChapterLinks:
    """Link the page's comments to its chapters by the rule in this module's docstring.

    `stop` is asked now and then (`stopping.check`): True raises BuildStopped."""
    chapters = page.chapters
    if not chapters:
        return ChapterLinks(by_chapter=())
    by_time = _link_by_timestamp(page.comments, chapters, stop)
    by_words = _link_by_words(page.comments, chapters, stop)
    result: list[tuple[ChapterLink, ...]] = []
    for timed, worded in zip(by_time, by_words, strict=True):
        timed_ids = {link.comment_id for link in timed}
        extra = [link for link in worded if link.comment_id not in timed_ids]
        result.append((*timed, *extra))
    return ChapterLinks(by_chapter=tuple(result))


def _link_by_timestamp(
    comments: tuple[Comment, ...], chapters: tuple[Chapter, ...], stop: Stop | None = None
) -> list[list[ChapterLink]]:
    ranges = chapter_ranges(chapters)
    links: list[list[ChapterLink]] = [[] for _ in chapters]
    for step, comment in enumerate(comments):
        stopping.check(stop, step)
        if not comment.timestamps:
            continue
        known = set(comment.timestamps)
        spans_by_chapter: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for start, end, seconds in timestamp_spans(comment.text):
            if seconds not in known:
                continue
            for index, (low, high) in enumerate(ranges):
                if low <= seconds < high:
                    spans_by_chapter[index].append((start, end, seconds))
                    break
        for index, found in spans_by_chapter.items():
            spans = tuple((start, end) for start, end, _ in found)
            label = f"at {clock(found[0][2])}"
            links[index].append(ChapterLink(comment.id, spans, label, 100.0))
    return links


def _link_by_words(
    comments: tuple[Comment, ...], chapters: tuple[Chapter, ...], stop: Stop | None = None
) -> list[list[ChapterLink]]:
    # The page's distinct words, as written. One findall per comment, not one over the
    # joined page: a single 25 MB regex call would hold the GIL (and freeze the UI) for a
    # second, while many short calls let the UI thread run in between.
    raw_vocabulary: set[str] = set()
    for step, comment in enumerate(comments):
        stopping.check(stop, step)
        raw_vocabulary.update(_WORD.findall(comment.text))

    # Fold each distinct word once; find which folded words stand for which title word
    # (equal, or fuzzy for long words), then which written words those are.
    folded_of: dict[str, str] = {}
    for step, raw in enumerate(raw_vocabulary):
        stopping.check(stop, step)
        folded_of[raw] = fold_word(raw)
    folded_vocabulary = list(set(folded_of.values()))
    folded_set = set(folded_vocabulary)
    wanted = {word for chapter in chapters for word in title_terms(chapter.title)}
    stands_for: dict[str, set[str]] = defaultdict(set)
    for title_word in wanted:
        if title_word in folded_set:
            stands_for[title_word].add(title_word)
        if len(title_word) < FUZZY_MIN_LENGTH:
            continue
        for page_word, _score, _index in process.extract(
            title_word,
            folded_vocabulary,
            scorer=fuzz.ratio,
            score_cutoff=WORD_MATCH_THRESHOLD,
            limit=None,
        ):
            if len(page_word) >= FUZZY_MIN_LENGTH:
                stands_for[page_word].add(title_word)
    raw_stands_for = {
        raw: frozenset(stands_for[folded])
        for raw, folded in folded_of.items()
        if folded in stands_for
    }

    # Where each title word occurs: comment position -> spans. One regex of just the
    # relevant written words finds them, so the Python loop only sees real hits.
    occurrences: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(dict)
    if raw_stands_for:
        alternatives = "|".join(map(re.escape, sorted(raw_stands_for, key=len, reverse=True)))
        relevant = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")
        for position, comment in enumerate(comments):
            stopping.check(stop, position)
            for match in relevant.finditer(comment.text):
                for title_word in raw_stands_for[match.group()]:
                    occurrences[title_word].setdefault(position, []).append(match.span())

    total = max(len(comments), 1)

    def weight(word: str) -> float:
        """Inverse document frequency: rarer words on this page weigh more."""
        return math.log(1 + total / (1 + len(occurrences.get(word, ()))))

    allowance = max(KEY_WORD_MAX_SHARE * total, KEY_WORD_MIN_ALLOWANCE)
    links: list[list[ChapterLink]] = []
    for chapter in chapters:
        terms = title_terms(chapter.title)
        title_weight = sum(weight(word) * boost for word, boost in terms.items()) or 1.0
        key_words = [
            word for word in terms if 0 < len(occurrences.get(word, ())) <= allowance
        ]
        candidates = sorted({position for word in key_words for position in occurrences[word]})
        ranked: list[tuple[float, int, ChapterLink]] = []
        for position in candidates:
            matched = [word for word in terms if position in occurrences.get(word, ())]
            covered = sum(weight(word) * terms[word] for word in matched)
            score = round(100 * covered / title_weight, 1)
            if score < MIN_WORD_SCORE:
                continue
            spans = tuple(sorted(span for word in matched for span in occurrences[word][position]))
            link = ChapterLink(comments[position].id, spans, WORDS_LABEL, score)
            ranked.append((-score, position, link))
        ranked.sort(key=lambda item: (item[0], item[1]))
        links.append([link for _, _, link in ranked])
    return links
