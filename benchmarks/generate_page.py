"""Generate a synthetic saved video page of any size, for benchmarks and parser checks.

The output follows the saved-page format (title, views, channel twice, published age,
description with chapter lines, a comments header, comments as `@handle` /
`@handle <age>` / text, then related videos with no separator) in a Kazakh, English
or Russian interface. Threads are built the way the site shows them: replies run
oldest first and are never older than their starter; some open with `@@handle`, the
channel answers some threads, and a starter sometimes speaks again. All comment text
comes from a small made-up vocabulary, so nothing here is anyone's real words.

    python benchmarks/generate_page.py --comments 100000 -o /tmp/p100k.txt   # ~25 MB

`--truth FILE` also writes the intended thread structure as JSON (for each comment in
page order: its author and the index of its thread starter, or null), so the parser's
thread reconstruction can be scored on pages it was never tuned on.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

MINUTE, HOUR, DAY, WEEK, MONTH, YEAR = 60, 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400

# Pseudo-words built from syllables, plus a few plain English filler words: enough
# variety for search and wrapping, and clearly nobody's sentences.
_SYLLABLES = (
    "ka", "ro", "mi", "tel", "van", "su", "ber", "lo", "qui", "den", "sha", "pol", "at",
    "ex", "ri", "um", "no", "gra", "fe", "zin", "tor", "bal", "cu", "ve", "ly", "or", "pan",
    "ste", "ho", "mek", "dar", "ul", "si", "ton",
)
_FILLERS = (
    "the", "a", "and", "of", "to", "is", "it", "this", "that", "with", "for", "on", "in",
    "very", "so", "how", "why", "what", "but", "chip", "rack", "cooling", "power", "cable",
    "model", "server", "memory", "fast", "slow", "great", "nice", "question", "answer",
    "video", "part", "again", "really", "maybe", "think",
)
_EMOJI = ("🙂", "🔥", "👍", "🤔", "🚀", "😅", "⚡", "🎉")


def _make_words(rng: random.Random, count: int) -> list[str]:
    words = {"".join(rng.choices(_SYLLABLES, k=rng.randint(1, 4))) for _ in range(count)}
    return [*sorted(words), *_FILLERS * 3]


# ---------------------------------------------------------------------------
# Interface languages: how ages, views and the comments header are written.


def _ru_plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


_UNITS = ((YEAR, "year"), (MONTH, "month"), (WEEK, "week"), (DAY, "day"), (HOUR, "hour"),
          (MINUTE, "minute"))

_KK_UNITS = {"year": "жыл", "month": "ай", "week": "апта", "day": "күн", "hour": "сағат",
             "minute": "минут"}
_RU_UNITS = {
    "year": ("год", "года", "лет"),
    "month": ("месяц", "месяца", "месяцев"),
    "week": ("неделю", "недели", "недель"),
    "day": ("день", "дня", "дней"),
    "hour": ("час", "часа", "часов"),
    "minute": ("минуту", "минуты", "минут"),
}


def _split_age(seconds: int) -> tuple[int, str]:
    for size, unit in _UNITS:
        # Days are shown up to a month, as the Kazakh interface of the real page does.
        if unit == "week" and seconds < MONTH:
            continue
        if seconds >= size:
            return seconds // size, unit
    return max(1, seconds // MINUTE), "minute"


def _age_kk(seconds: int) -> str:
    n, unit = _split_age(seconds)
    word = _KK_UNITS[unit]
    if n == 1 and unit == "day":
        return "Күн бұрын"  # no number: "a day ago"
    return f"{n} {word} бұрын"


def _age_en(seconds: int) -> str:
    n, unit = _split_age(seconds)
    return f"{n} {unit}{'' if n == 1 else 's'} ago"


def _age_ru(seconds: int) -> str:
    n, unit = _split_age(seconds)
    return f"{n} {_ru_plural(n, *_RU_UNITS[unit])} назад"


def _group_thousands(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def _short_views(n: int, thousand: str, million: str, decimal: str) -> str:
    if n >= 1_000_000:
        value = f"{n / 1_000_000:.1f}".rstrip("0").rstrip(".")
        return f"{value.replace('.', decimal)}{million}"
    if n >= 1000:
        return f"{n // 1000}{thousand}"
    return str(n)


@dataclass(frozen=True)
class Locale:
    """How one interface language writes the words the parser must recognise."""

    views: Callable[[int], str]
    related_views: Callable[[int], str]
    age: Callable[[int], str]
    comments_header: str


LOCALES = {
    "kk": Locale(
        views=lambda n: f"\u00a0 \u00a0 Рет қаралды {_group_thousands(n, ',')}",
        related_views=lambda n: "Рет қаралды " + _short_views(n, " М.", " МЛН", ","),
        age=_age_kk,
        comments_header="Пікірлер: {n}",
    ),
    "en": Locale(
        views=lambda n: f"{_group_thousands(n, ',')} views",
        related_views=lambda n: _short_views(n, "K", "M", ".") + " views",
        age=_age_en,
        comments_header="Comments: {n}",
    ),
    "ru": Locale(
        views=lambda n: (
            f"{_group_thousands(n, chr(0xA0))} "
            f"{_ru_plural(n, 'просмотр', 'просмотра', 'просмотров')}"
        ),
        related_views=lambda n: _short_views(n, " тыс.", " млн", ",") + " просмотров",
        age=_age_ru,
        comments_header="Комментарии: {n}",
    ),
}


# ---------------------------------------------------------------------------
# Page content


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass
class Generator:
    """Builds one page from a seeded random source; same seed, same bytes."""

    rng: random.Random
    locale: Locale
    comments: int
    related: int
    words: list[str] = field(default_factory=list)
    video_seconds: int = 0
    chapter_starts: list[int] = field(default_factory=list)
    published_seconds: int = 0

    def phrase(self, low: int, high: int) -> str:
        words = self.rng.choices(self.words, k=self.rng.randint(low, high))
        words[0] = words[0].capitalize()
        return " ".join(words)

    def handle(self) -> str:
        base = "".join(self.rng.choices(_SYLLABLES, k=self.rng.randint(2, 4)))
        style = self.rng.random()
        if style < 0.5:
            return base.capitalize() + str(self.rng.randint(1, 9999))
        if style < 0.7:
            tail = "".join(self.rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=10))
            return f"user-{tail}"
        if style < 0.85:
            return f"{base.capitalize()}-{self.rng.choice(_SYLLABLES)}{self.rng.randint(1, 99)}"
        return base.capitalize()

    def comment_text(self) -> list[str]:
        """One comment's lines: mostly one sentence or two, sometimes long or multi-paragraph."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.5:
            sentences = [self.phrase(2, 12)]
        elif roll < 0.88:
            sentences = [self.phrase(5, 16) for _ in range(rng.randint(2, 3))]
        else:
            sentences = [self.phrase(8, 20) for _ in range(rng.randint(3, 7))]
        if rng.random() < 0.12:  # a timestamp pointing into the video
            at = _clock(rng.randrange(self.video_seconds))
            if rng.random() < 0.2:
                return [at, ". ".join(sentences)]  # a line that is only a timestamp
            sentences.insert(rng.randrange(len(sentences) + 1), at)
        if rng.random() < 0.05:
            sentences[-1] += " " + rng.choice(_EMOJI)
        text = ". ".join(sentences) + rng.choice((".", "!", "?", "", "..."))
        if len(sentences) >= 4 and rng.random() < 0.3:
            cut = len(text) // 2
            space = text.find(" ", cut)
            if space > 0:
                return [text[:space], "", text[space + 1:]]
        return [text]

    def header(self, title: str, channel: str) -> list[str]:
        rng = self.rng
        self.video_seconds = rng.randint(8 * MINUTE, 95 * MINUTE)
        count = rng.randint(5, 14)
        starts = sorted(rng.sample(range(20, self.video_seconds - 30), count - 1))
        self.chapter_starts = [0, *starts]
        description = [self.phrase(10, 25) + "." for _ in range(rng.randint(2, 5))]
        description.append("► CHAPTERS:")
        description += [f"{_clock(s) if s >= 3600 else f'{s // 60:02d}:{s % 60:02d}'}"
                        f" - {self.phrase(2, 6)}" for s in self.chapter_starts]
        description.append(f"• {self.phrase(2, 5)}: example.org/{rng.choice(self.words)}")
        description.append(" ".join(f"#{w.capitalize()}" for w in rng.sample(self.words, 4)))
        views = rng.randint(1000, 5_000_000)
        published = rng.randint(2 * DAY, 3 * YEAR)
        self.published_seconds = published
        return [title, "", self.locale.views(views), "", channel, "", channel, "",
                self.locale.age(published), "", *description, ""]

    def threads(self, channel_handle: str) -> tuple[list[str], list[dict]]:
        """Comment lines and the intended structure (author, starter index) per comment."""
        rng = self.rng
        authors = [self.handle() for _ in range(max(10, self.comments // 3))]
        lines: list[str] = []
        truth: list[dict] = []

        def emit(author: str, age: int, text: list[str], parent: int | None) -> None:
            lines.append(f"@{author}")
            lines.append(f"@{author} {self.locale.age(age)}")
            lines.extend(text)
            truth.append({"author": author, "parent": parent})

        oldest = self.published_seconds
        if rng.random() < 0.7:  # a pinned first comment by the channel
            emit(channel_handle, oldest - rng.randint(0, HOUR), self.comment_text(), None)
        while len(truth) < self.comments:
            starter = rng.choice(authors)
            age = rng.randint(MINUTE * 5, oldest)
            start_index = len(truth)
            emit(starter, age, self.comment_text(), None)
            roll = rng.random()
            replies = 0 if roll < 0.65 else rng.randint(1, 4) if roll < 0.95 else rng.randint(5, 60)
            replies = min(replies, self.comments - len(truth))
            spoke = [starter]
            for n in range(replies):
                age = rng.randint(max(MINUTE, age * 2 // 3), age)  # never older than before
                if n == 0 and rng.random() < 0.3:
                    author = channel_handle
                elif n > 0 and rng.random() < 0.15 and spoke[-1] != starter:
                    author = starter  # the starter answers back
                else:
                    author = rng.choice(authors)
                text = self.comment_text()
                if n > 0 and rng.random() < 0.5:
                    target = rng.choice([s for s in spoke if s != author] or spoke)
                    text[0] = f"@@{target} {text[0]}"
                emit(author, age, text, start_index)
                spoke.append(author)
        return lines, truth

    def related_videos(self) -> list[str]:
        rng = self.rng
        lines: list[str] = []
        for n in range(self.related):
            lines.append(self.phrase(3, 9))
            duration = rng.choice((rng.randint(15, 59), rng.randint(60, 3599),
                                   rng.randint(3600, 3 * 3600)))
            lines.append(_clock(duration))
            if n == self.related - 1 and rng.random() < 0.6:
                break  # the last item is often cut off
            if rng.random() < 0.9:
                lines.append(self.phrase(1, 3))
            if rng.random() < 0.9:
                lines.append(self.locale.related_views(int(10 ** rng.uniform(2, 7.5))))
        return lines


def generate(comments: int, lang: str, seed: int, related: int = 20) -> tuple[str, list[dict]]:
    """The page text and its intended thread structure."""
    rng = random.Random(seed)
    gen = Generator(rng=rng, locale=LOCALES[lang], comments=comments, related=related)
    gen.words = _make_words(rng, 3000)
    channel_words = [w.capitalize() for w in rng.sample(gen.words[:500], 2)]
    channel = " ".join(channel_words)
    channel_handle = "".join(channel_words) + rng.choice(("", "HQ", "Official", "TV"))
    title = f"{gen.phrase(4, 9)} | {gen.phrase(3, 7)}"
    lines = gen.header(title, channel)
    body, truth = gen.threads(channel_handle)
    declared = len(truth) + (rng.randint(0, max(1, len(truth) // 50)) if truth else 0)
    lines.append(gen.locale.comments_header.format(n=declared))
    lines += body
    lines += gen.related_videos()
    return "\n".join(lines) + "\n", truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=10_000, help="number of comments")
    parser.add_argument("--lang", choices=sorted(LOCALES), default="kk",
                        help="interface language (default: kk, as the shared page)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same page)")
    parser.add_argument("--related", type=int, default=20, help="number of related videos")
    parser.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    parser.add_argument("--truth", help="also write the intended threads as JSON here")
    args = parser.parse_args(argv)
    text, truth = generate(args.comments, args.lang, args.seed, args.related)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    if args.truth:
        with open(args.truth, "w", encoding="utf-8") as out:
            json.dump(truth, out, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
