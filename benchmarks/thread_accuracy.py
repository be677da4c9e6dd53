"""How well thread reconstruction does on every page with a hand-read truth table.

Prints per-page accuracy (comments placed under the right parent, or left top-level
when they are starters) and, per reason, how many placements it made and how many
were right (precision), split into the pages the rule was written on and the pages
written after it (where its precision says whether it generalises). A wrong
placement often drags later comments along (the channel's answer follows a wrongly
placed reply into the wrong thread); such a wrong placement is charged to the rule
whose mistake it inherits, as a cascade, so a rule's cost is visible in full.

    python benchmarks/thread_accuracy.py
    python benchmarks/thread_accuracy.py --wrong      # also list every miss per page

Truth tables are lists of {index, author, parent_index}, one per comment in page
order. Pages come in rounds: each round was first run blind, then used to write or
tune rules (round 0, the shared page, wrote the first ones).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tui_reader.model import Comment  # noqa: E402
from tui_reader.parse import parse_text  # noqa: E402
from tui_reader.parse.threads import (  # noqa: E402
    ANSWER_CUE,
    AT_MENTION,
    ENCLOSED_GUESS,
    FOLLOW_UP,
    MENTION_UNSEEN,
    PINNED_REPLY,
    QUESTION_ANSWER,
    REASONS,
    SELF_REPLY,
    STARTER_RETURNS,
    WEAK_REASONS,
)

TRUTH = ROOT / "tests" / "truth"
PAGES = ROOT / "tests" / "fixtures" / "holdout"
SHARED_PAGE = ROOT.parent / "shared" / "pages" / "000_f766a070b5e69cd3.txt"

ROUND_OF_PAGE = {
    "shared_000": 0,
    "lab_en": 1,
    "kitchen_ru": 1,
    "garden_kk": 2,
    "space_en": 2,
    "bikes_ru": 3,
    "synth_en": 3,
    "coffee_kk": 4,
    "chess_en": 4,
    "code_en": 5,
    "hiking_ru": 5,
    "cars_kk": 6,
    "history_en": 6,
    "woodwork_en": 7,
    "fishing_ru": 7,
    "cameras_en": 8,
    "exams_kk": 8,
    "plaster_ru": 9,
    "running_en": 9,
    "dombra_kk": 10,
    "watches_en": 10,
    "aquarium_ru": 11,
    "knitting_en": 11,
    "pottery_en": 12,
    "renting_kk": 12,
    "washer_ru": 13,
    "bees_en": 13,
    "phones_kk": 14,
    "dogs_en": 14,
    "tailoring_kk": 15,
    "rowing_en": 15,
    "sourdough_de": 16,
    "guitar_es": 16,
    "cycling_fr": 16,
    "cooking_pt": 17,
    "garden_uk": 17,
    "phones_tr": 17,
    "espresso_it": 18,
    "woodwork_pl": 18,
}
"""Which round each page was first run in (blind), before rules were tuned to it."""

WRITTEN_IN_ROUND = {
    PINNED_REPLY: 2,
    SELF_REPLY: 7,
    ANSWER_CUE: 2,
    QUESTION_ANSWER: 1,
    STARTER_RETURNS: 1,
    AT_MENTION: 1,
    FOLLOW_UP: 1,
    MENTION_UNSEEN: 1,
    ENCLOSED_GUESS: 1,
}
"""The last round whose pages a weak rule was written on; later pages judge it."""

TOP = "(top-level)"
"""Row label for comments the rules left top-level."""


@dataclass(frozen=True)
class PageResult:
    name: str
    truth_parent: tuple[int | None, ...]
    parent: tuple[int | None, ...]
    reason: tuple[str | None, ...]
    root: tuple[str | None, ...]
    """For a wrongly placed comment, the reason whose mistake it is (own or inherited)."""

    @property
    def right(self) -> int:
        return sum(map(int.__eq__, map(_key, self.parent), map(_key, self.truth_parent)))


def _key(parent: int | None) -> int:
    return -1 if parent is None else parent


def pages() -> list[tuple[str, Path, Path]]:
    """(name, page, truth) for every truth table whose page is here."""
    found = []
    if SHARED_PAGE.exists():
        found.append(("shared_000", SHARED_PAGE, TRUTH / "shared_000.json"))
    for truth in sorted(TRUTH.glob("holdout_*.json")):
        name = truth.stem.removeprefix("holdout_")
        found.append((name, PAGES / f"{name}.txt", truth))
    return sorted(found, key=lambda item: (ROUND_OF_PAGE.get(item[0], 99), item[0]))


def evaluate(name: str, page_path: Path, truth_path: Path) -> PageResult:
    comments = parse_text(page_path.read_text(encoding="utf-8-sig")).comments
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    if len(truth) != len(comments) or any(
        row["author"] != c.author for row, c in zip(truth, comments, strict=True)
    ):
        raise SystemExit(f"{name}: the parser's comments do not line up with the truth table")
    truth_parent = tuple(row["parent_index"] for row in truth)
    parent = _parents(comments)
    reason = tuple(c.reason for c in comments)
    return PageResult(name, truth_parent, parent, reason, _roots(truth_parent, parent, reason))


def _parents(comments: Sequence[Comment]) -> tuple[int | None, ...]:
    index = {c.id: i for i, c in enumerate(comments)}
    return tuple(None if c.parent is None else index[c.parent] for c in comments)


def _roots(
    truth: Sequence[int | None], parent: Sequence[int | None], reason: Sequence[str | None]
) -> tuple[str | None, ...]:
    """Charge each wrong placement to the rule whose mistake it follows.

    A wrong comment j inherits from the nearest earlier wrong comment i that the rules
    put in the same thread as j and that the truth also puts in j's thread: j was
    placed right relative to i (it follows it, or answers it) and is wrong only
    because i is. Otherwise the mistake is j's own reason's (TOP when left top-level).
    """
    thread = [j if p is None else p for j, p in enumerate(parent)]
    truth_thread = [j if p is None else p for j, p in enumerate(truth)]
    roots: list[str | None] = []
    for j in range(len(parent)):
        if parent[j] == truth[j]:
            roots.append(None)
            continue
        own = reason[j] or TOP
        root = own
        for i in range(j - 1, max(-1, thread[j] - 1), -1):
            if (
                roots[i] is not None
                and thread[i] == thread[j]
                and truth_thread[i] == truth_thread[j]
            ):
                root = roots[i]
                break
        roots.append(root)
    return tuple(roots)


@dataclass
class Tally:
    placed: int = 0
    right: int = 0
    own_wrong: int = 0
    cascade: int = 0

    def line(self) -> str:
        if not self.placed and not self.cascade:
            return f"{'-':>6} {'':>5} {'':>5} {'':>5} {'':>5} {'':>7}"
        judged = self.right + self.own_wrong
        precision = f"{self.right / judged:5.0%}" if judged else "    -"
        costs = judged + self.cascade
        with_cascade = f"{self.right / costs:7.0%}" if costs else "      -"
        return (
            f"{self.placed:6d} {self.right:5d} {self.own_wrong:5d} {precision} "
            f"{self.cascade:5d} {with_cascade}"
        )


def tallies(results: Sequence[PageResult]) -> dict[str, Tally]:
    """Per reason: placements, right ones, own misses, and others' misses it caused.

    A miss inherited from another rule's mistake counts against that rule only.
    """
    out: dict[str, Tally] = {}
    for result in results:
        for j, reason in enumerate(result.reason):
            label = reason or TOP
            tally = out.setdefault(label, Tally())
            tally.placed += 1
            root = result.root[j]
            if root is None:
                tally.right += 1
            elif root == label:
                tally.own_wrong += 1
            else:
                out.setdefault(root, Tally()).cascade += 1
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wrong", action="store_true", help="list every miss per page")
    args = parser.parse_args(argv)
    results = [evaluate(*item) for item in pages()]
    total = sum(len(r.parent) for r in results)
    right = sum(r.right for r in results)
    print(f"{'page':<12} {'round':>5} {'right':>9} {'accuracy':>8}   wrong charged to")
    for r in results:
        charged = Counter(root for root in r.root if root is not None)
        blame = ", ".join(f"{k} {v}" for k, v in charged.most_common())
        n = len(r.parent)
        print(
            f"{r.name:<12} {ROUND_OF_PAGE.get(r.name, '?'):>5} {r.right:>4}/{n:<4} "
            f"{r.right / n:8.1%}   {blame}"
        )
        if args.wrong:
            for j, root in enumerate(r.root):
                if root is not None:
                    print(
                        f"    #{j}: placed under {r.parent[j]} ({r.reason[j]}), "
                        f"truth {r.truth_parent[j]}; charged to {root}"
                    )
    print(f"{'all':<12} {'':>5} {right:>4}/{total:<4} {right / total:8.1%}")
    print()
    print("per reason: placed, right, own misses, precision = right / (right + own),")
    print("cascade = others' misses that follow its mistakes, precision counting those;")
    print("'unseen' = only the pages first run after the rule was written")
    head = f"{'placed':>6} {'right':>5} {'own':>5} {'prec':>5} {'casc':>5} {'w/casc':>7}"
    print(f"{'reason':<16} {'weak':>4} | all pages: {head} | unseen pages: {head}")
    everywhere = tallies(results)
    for label in [*sorted(REASONS), TOP]:
        written = WRITTEN_IN_ROUND.get(label)
        unseen = (
            tallies([r for r in results if ROUND_OF_PAGE.get(r.name, 99) > written])
            if written is not None
            else {}
        )
        weak = "yes" if label in WEAK_REASONS else ""
        print(
            f"{label:<16} {weak:>4} | {'':>11}{everywhere.get(label, Tally()).line()} | "
            f"{'':>14}{unseen.get(label, Tally()).line() if written is not None else ''}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
