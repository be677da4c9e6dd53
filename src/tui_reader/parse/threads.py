"""Thread reconstruction: which flat comment on a saved page answers which.

A saved page lists comments flat. On the site, replies follow their thread starter
directly, oldest first, one level deep, and only some replies may be shown. Nothing
marks a reply, so each one is inferred from evidence by the rules below; every reply
records the rule that placed it (`Comment.reason`) so the reader can show it and
search can tell firm placements from guesses (`WEAK_REASONS`).

Facts about the site that every rule leans on:

- CONTIGUITY: a thread's replies come right after its starter, so if comment j is a
  reply in the thread started at s, every comment between s and j is in it too.
- AGE ORDER (a veto, not a reason): replies are never older than what comes before
  them in their thread. A comment older than the one before it therefore cannot sit
  in that one's thread and, by contiguity, in no earlier thread either: it starts a
  new thread. Ages are rounded, so equal ages are compatible; unknown ages veto
  nothing, and rules that need ages as evidence then do not fire.
- `@@handle` at the start of a text is how the site shows an answer to a reply, so
  the named person's comment is (or was) in the same thread.
- PINNED (a veto): only thread starters can be pinned, so a pinned comment starts a
  thread and is never pulled into another. The channel's own first comment is the
  one the site pins (saved pages may drop the "Pinned by" line).
- A pinned comment sits on top, where every visitor sees it first, and collects
  replies; the site lists the shown ones right under it.
- ANCHORED (a veto on pulls): a thread starter whose author came back in its thread
  to answer someone by `@@` name started that thread: no later pull (an `@@` answer
  or a return from further up) may fold it into an earlier thread. REASON: a pull
  only guesses that the comments it crosses looked like threads by accident; a
  starter answering the answers to their own comment is firm evidence of a thread.
  Thread starters that happen to run newer and newer (1 in 6 for three of them)
  otherwise let a late `@@` swallow whole conversations.

Rules run in this order for each comment (the first that fires wins):

1. vetoes: the first comment, PINNED, AGE ORDER -> a thread starter;
2. the author spoke shortly before: STARTER_AGAIN, FOLLOW_UP, SELF_REPLY,
   STARTER_RETURNS (before MENTION because a starter answering `@@someone` who looked like a new
   thread shows that someone was answering them);
3. MENTION (the `@@` person spoke in this thread, or shortly before, pulling the
   comments between in as ENCLOSED);
4. CHANNEL_ANSWER; 5. MENTION_UNSEEN; 6. PINNED_REPLY; 7. AT_MENTION;
8. QUESTION_ANSWER; 9. ANSWER_CUE;
10. otherwise a thread starter: where evidence is weak a comment stays top-level.

The pass is linear: each comment looks back at most `AGED_REACH` comments, and the
channel name is matched once against the distinct handles (see `channel.py`).
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import NamedTuple, Protocol

from attrs import fields

from tui_reader.model import Comment
from tui_reader.parse.channel import find_channel_handle
from tui_reader.parse.reply_cues import opens_as_answer
from tui_reader.reasons import (  # the rules below give these; all re-exported
    ANSWER_CUE,
    AT_MENTION,
    CHANNEL_ANSWER,
    ENCLOSED,
    ENCLOSED_GUESS,
    FOLLOW_UP,
    MENTION,
    MENTION_UNSEEN,
    PINNED_REPLY,
    QUESTION_ANSWER,
    REASONS,  # noqa: F401 (re-exported)
    SELF_REPLY,
    STARTER_AGAIN,
    STARTER_RETURNS,
    STRONG_REASONS,  # noqa: F401 (re-exported)
    WEAK_REASONS,
)

REACH = 3
"""How many comments may lie between a person's earlier comment and a later one for
the later one to pull them into one thread. REASON: a saved page shows only a few
replies per thread; further back, a reply the page left out is the likelier story."""

AGED_REACH = 40
"""A longer REACH for `@@` answers when every age in the span is known and more than
half the steps are strictly newer. REASON: thread starters come in popularity order,
so their ages are in no order; the chance that n of them happen to run newer and
newer is about 1/n!, so an unbroken age run from the named person to the answer says
the comments between are one thread whose earlier part just looked like new threads.
Equal ages ("2 years ago" throughout) carry no such evidence.

"More than half the steps newer" is for an answer that names (`@@`) the person it
pulls from: the run then ties two named comments together. An author coming back from
further up (STARTER_AGAIN / FOLLOW_UP) needs every step strictly newer: with equal
ages in the run it crossed two or three thread starters that happened to run newer
(1 in 6 for three), and on the truth pages every such long return was an answer
elsewhere (blind rounds 10 and 11), while generated pages, whose runs are strictly
newer, keep these pulls. STARTER_RETURNS is measured from the end of the starter's
own thread (see `returns_quietly`) and never reaches beyond REACH."""

QUIET_REACH = 2
"""How many comments may follow a thread before its starter's STARTER_RETURNS, which
has no `@@` to back it: weaker evidence, shorter reach than REACH."""

QUESTION_MARKS = ("?", "？", "¿", "؟")


def asks(text: str) -> bool:
    """Whether `text` holds a question mark (any of QUESTION_MARKS; a test keeps the two
    in step). Four `in` scans: a seventh of a regex character class's time."""
    return "?" in text or "？" in text or "¿" in text or "؟" in text


# A handle runs up to a space or punctuation. The curly quotes are kept out of the
# class: one class mixing them with Latin-1 characters makes Python's regex compiler
# build a 64K-entry table (~0.1 ms of start-up for each of the two patterns).
_HANDLE = r"(?:(?![“”])[^\s@,:;!?()\[\]{}\"'«»])+"
_MENTION = re.compile(rf"\s*@@({_HANDLE})")
_AT = re.compile(rf"\s*@({_HANDLE})")
_MENTION_WINDOW = 64
MIN_HANDLE = 3
"""Handles are at least three characters; shorter prefixes are not taken as handles."""


def mention_token(text: str) -> str | None:
    """The raw `@@handle` token a text opens with (may carry glued-on words), or None."""
    if "@@" not in text[:_MENTION_WINDOW]:
        return None  # the common case, decided without the regex
    match = _MENTION.match(text)
    return match.group(1) if match else None


def at_token(text: str) -> str | None:
    """The raw single `@handle` token a text opens with (not `@@`), or None."""
    if "@" not in text[:_MENTION_WINDOW]:
        return None
    match = _AT.match(text)
    return match.group(1) if match else None


class _Pass:
    """Mutable working state of one linear pass (kept out of the frozen model)."""

    __slots__ = (
        "ages",
        "anchored",
        "authors",
        "channel",
        "last_by_author",
        "names",
        "pinned",
        "reason",
        "reply_to",
        "start",
        "texts",
    )

    def __init__(self, columns: ThreadColumns, authors: list[str], channel: str | None) -> None:
        # Columns as given (read only); `authors` are the case-folded handles.
        self.names = columns.author
        self.channel = channel
        self.texts = columns.text
        self.ages = columns.age_seconds
        self.authors = authors
        self.pinned = columns.pinned
        self.start = list(range(len(authors)))
        self.reason: list[str | None] = [None] * len(authors)
        self.reply_to: list[str | None] = [None] * len(authors)
        self.last_by_author: dict[str, int] = {}
        # Thread starters whose author came back to answer someone by name in their own
        # thread: see ANCHORED.
        self.anchored: set[int] = set()

    def can_pull(self, earlier: int, j: int, *, named: bool = False, strict: bool = False) -> bool:
        """Whether j may join the thread of `earlier` with everything in between.

        Within REACH, or AGED_REACH when ages vouch for it (see AGED_REACH): for an
        answer naming (`@@`) the person of `earlier` (`named`), more than half the steps
        strictly newer; for an author coming back (`strict`), every step. Every step in
        earlier+1..j in age order, nothing pinned or ANCHORED between. The walk comes
        first: with ages in no order it usually fails within a step or two.
        """
        span = j - 1 - earlier
        if span > (AGED_REACH if named or strict else REACH):
            return False
        ages, start, pinned, anchored = self.ages, self.start, self.pinned, self.anchored
        starter = start[earlier]
        for i in range(j, earlier, -1):
            if i < j and start[i] == starter:
                break  # the rest already sits in that thread: checked when placed
            before, here = ages[i - 1], ages[i]
            if (i < j and (pinned[i] or i in anchored)) or (
                before is not None and here is not None and here > before
            ):
                return False
        return span <= REACH or self.ages_vouch_for(earlier, j, strict)

    def ages_vouch_for(self, earlier: int, j: int, strict: bool) -> bool:
        """Whether ages are informative enough to pull from beyond REACH (see AGED_REACH):
        all known, and more than half (`strict`: all) of the steps strictly newer."""
        ages = self.ages[earlier : j + 1]
        if None in ages:
            return False
        newer_steps = sum(map(operator.gt, ages, ages[1:]))  # older > newer: a newer step
        return newer_steps == len(ages) - 1 if strict else newer_steps > (j - 1 - earlier) // 2

    def join(self, j: int, starter: int, reason: str) -> None:
        self.start[j] = starter
        self.reason[j] = reason

    def absorb(self, starter: int, first: int, last: int, reason: str = ENCLOSED) -> None:
        """Contiguity: put comments first..last into the thread of `starter`.

        Walks back from `last` and stops at the first comment already in that
        thread: by contiguity everything before it is in it too.
        """
        start = self.start
        for i in range(last, first - 1, -1):
            if start[i] == starter:
                break
            if start[i] == i:
                self.reason[i] = reason
            start[i] = starter

    def last_comment_of(self, token: str) -> int | None:
        """Index of the last comment so far by the handle `token` names, or None.

        The site glues the handle to the text when no space follows
        (`@@ChannelHandleWord`): then the longest handle already seen is taken.
        """
        folded = token.casefold()
        last = self.last_by_author
        k = last.get(folded)
        if k is None:
            for size in range(len(folded) - 1, MIN_HANDLE - 1, -1):
                k = last.get(folded[:size])
                if k is not None:
                    break
        return k

    def resolve_mention(self, j: int) -> int | None:
        """Set reply_to[j] from its `@@` opening; return the target's last comment index."""
        token = mention_token(self.texts[j])
        if token is None:
            return None
        k = self.last_comment_of(token)
        if k is None:
            trimmed = token.rstrip(".-_")
            self.reply_to[j] = trimmed or token
            return None
        self.reply_to[j] = self.names[k]
        return k

    def place(
        self, j: int, current: int, target: int | None, is_channel: bool, has_at: bool
    ) -> bool:
        """Rules 2-7 for comment j, which has some evidence (an `@`, an author who spoke
        before, the channel, or the pinned comment above); False if none fired.

        The vetoes, and the wording rules left for when this says False, are applied in
        `plan_threads`, so the many comments without such evidence cost no call here.
        """
        if (
            self.authors[j] in self.last_by_author
            and self.author_returns(j, current, target, is_channel)
        ) or (target is not None and self.mention_known(j, current, target)):
            if target is not None and self.reason[target] in WEAK_REASONS:
                self.confirm(j, target)
        elif is_channel:
            self.join(j, current, CHANNEL_ANSWER)
        elif self.reply_to[j] is not None:
            self.join(j, current, MENTION_UNSEEN)
        elif j == 1 and self.answers_pinned_soon():
            self.join(j, 0, PINNED_REPLY)
        elif has_at and self.addresses_someone_here(j, current):
            self.join(j, current, AT_MENTION)
        else:
            return False
        return True

    def answers_pinned_soon(self) -> bool:
        """PINNED_REPLY test for comment 1: a pinned (or the channel's) first comment above,
        and the same rounded age as it (see PINNED_REPLY for why only the same)."""
        first_age = self.ages[0]
        return (
            (self.pinned[0] or self.authors[0] == self.channel)
            and first_age is not None
            and self.ages[1] == first_age
        )

    def confirm(self, j: int, target: int) -> None:
        """ENCLOSED for a weakly placed reply that the thread's own starter answers (`@@`).

        REASON: a starter answering `@@someone` who spoke after the starter's own last
        comment shows that someone was answering them (the STARTER_AGAIN pull), so a
        guess (PINNED_REPLY, QUESTION_ANSWER, ...) there becomes as firm as ENCLOSED.
        An `@@` from anyone else confirms nothing: it would follow the named person
        into whatever thread they were guessed to be in.
        """
        # Called only when reason[target] is weak, so target is a reply, not a starter.
        starter = self.start[j]
        if starter == j or self.start[target] != starter:
            return
        author = self.authors[j]
        previous = self.last_by_author.get(author)
        if self.authors[starter] == author and previous is not None and previous < target:
            self.reason[target] = ENCLOSED

    def author_returns(self, j: int, current: int, target: int | None, is_channel: bool) -> bool:
        """STARTER_AGAIN / STARTER_RETURNS / FOLLOW_UP: the author of j spoke shortly before.

        For the channel only answering, with `@@`, someone who spoke after its last
        comment in its own (pinned) thread counts: there the channel is the starter
        coming back; elsewhere it answers everyone and CHANNEL_ANSWER says it all.
        """
        k = self.last_by_author.get(self.authors[j])
        if k is None:
            return False
        starter = self.start[k]
        own_thread = self.authors[starter] == self.authors[j]
        reason = STARTER_AGAIN if own_thread else FOLLOW_UP
        if starter != current and target is not None and k < target:
            # An earlier thread, and j answers (@@) someone who spoke after the
            # author's last comment: someone who answered them in between.
            if is_channel and not own_thread:
                return False
            if not self.can_pull(k, j, strict=True):
                return False
            self.absorb(starter, k + 1, j - 1)
            self.join(j, starter, reason)
            if own_thread:
                self.anchored.add(starter)
            return True
        if is_channel:
            # Its own thread (the pinned one), answering someone who spoke there since:
            # the same pull as above, with that someone already in place.
            if own_thread and starter == current and target is not None and k < target:
                self.join(j, current, STARTER_AGAIN)
                self.anchored.add(current)
                return True
            return False
        if starter == current:
            if k == starter == j - 1:
                if target is not None and target != k:
                    return False  # answers someone by name: MENTION decides where
                # Right under their own unanswered thread starter: adding to it.
                self.join(j, current, SELF_REPLY)
                return True
            self.join(j, current, reason)
            if own_thread and target is not None and self.start[target] == current:
                self.anchored.add(current)
            return True
        if target is None and own_thread and self.returns_quietly(k, j):
            self.absorb(starter, k + 1, j - 1, ENCLOSED_GUESS)
            self.join(j, starter, STARTER_RETURNS)
            return True
        return False

    def returns_quietly(self, k: int, j: int) -> bool:
        """STARTER_RETURNS test: after the starter's last comment k, only its own thread's
        replies and then one to QUIET_REACH other comments come before j."""
        if j - 1 - k > AGED_REACH:
            return False  # bounds the walk below on long threads (a rare return)
        starter, start = self.start[k], self.start
        first = k + 1
        while first < j and start[first] == starter:
            first += 1
        # Measured from the end of the starter's own thread: its replies are no distance.
        return 0 < j - first <= QUIET_REACH and self.can_pull(first - 1, j)

    def mention_known(self, j: int, current: int, target: int) -> bool:
        """MENTION: the `@@` target spoke in this thread, or shortly before in another."""
        starter = self.start[target]
        if starter == current:
            self.join(j, current, MENTION)
            return True
        if not self.can_pull(target, j, named=True):
            return False
        self.absorb(starter, target + 1, j - 1)
        self.join(j, starter, MENTION)
        return True

    def addresses_someone_here(self, j: int, current: int) -> bool:
        """AT_MENTION: a single `@handle` opening naming someone in this thread."""
        token = at_token(self.texts[j])
        if token is None:
            return False
        k = self.last_comment_of(token)
        if k is None or self.start[k] != current or self.authors[k] == self.channel:
            return False
        self.reply_to[j] = self.names[k]
        return True


class ThreadInput(Protocol):
    """What the rules read from a comment (a `Comment` or any lighter record)."""

    @property
    def author(self) -> str: ...
    @property
    def age_seconds(self) -> int | None: ...
    @property
    def text(self) -> str: ...
    @property
    def pinned(self) -> bool: ...


class ThreadPlan(NamedTuple):
    """Where the rules put each comment, in page order, before any `Comment` is built.

    `starter[j]` is the index of j's thread starter (j itself for a starter);
    `reason[j]` is None for starters. A parser that builds its comments once can
    use this instead of `rebuild_threads`, which builds them a second time.
    """

    starter: tuple[int, ...]
    reason: tuple[str | None, ...]
    reply_to: tuple[str | None, ...]
    is_channel: tuple[bool, ...]
    channel_handle: str | None


class ThreadColumns(NamedTuple):
    """What the rules read, one column per field in page order (a parser that holds its
    comments as columns hands them over as they are, with no record per comment)."""

    author: Sequence[str]
    age_seconds: Sequence[int | None]
    text: Sequence[str]
    pinned: Sequence[bool]


def thread_columns(comments: Sequence[ThreadInput]) -> ThreadColumns:
    """The columns of `comments` (`Comment`s or any `ThreadInput` records)."""
    return ThreadColumns(
        list(map(_author, comments)),
        list(map(_age, comments)),
        list(map(_text, comments)),
        list(map(_pinned, comments)),
    )


_author = attrgetter("author")
_text = attrgetter("text")
_age = attrgetter("age_seconds")
_pinned = attrgetter("pinned")


def plan_threads(comments: Sequence[ThreadInput], channel: str | None) -> ThreadPlan:
    """Run the rules over `comments` (page order) for a page of channel name `channel`."""
    return plan_columns(thread_columns(comments), channel)


def plan_columns(columns: ThreadColumns, channel: str | None) -> ThreadPlan:
    """`plan_threads` over columns (equal lengths, page order).

    Hot path on 100,000-comment pages: the vetoes and the wording rules (QUESTION_ANSWER,
    ANSWER_CUE) are inlined here; only comments with some evidence (an `@` near the
    start, an author who spoke before, the channel) call into `_Pass.place`.
    """
    names = columns.author
    authors = list(map(str.casefold, names))
    channel_handle = find_channel_handle(channel, Counter(names))
    channel_key = channel_handle.casefold() if channel_handle else None
    state = _Pass(columns, authors, channel_key)
    texts, ages, pinned = state.texts, state.ages, state.pinned
    start, reason, last_by_author = state.start, state.reason, state.last_by_author
    is_channel = [a == channel_key for a in authors] if channel_key else [False] * len(names)
    resolve, place = state.resolve_mention, state.place
    if not names:
        return ThreadPlan((), (), (), (), channel_handle)
    if "@" in texts[0]:
        resolve(0)
    last_by_author[authors[0]] = 0
    # Facts about j - 1 are carried over from the previous step instead of indexed again.
    before, before_author, before_text = ages[0], authors[0], texts[0]
    for j, author, text, here, is_pinned, by_channel in zip(
        range(1, len(names)),
        authors[1:],
        texts[1:],
        ages[1:],
        pinned[1:],
        is_channel[1:],
        strict=True,
    ):
        # `@` anywhere is rare; only those texts pay for the window check.
        at = "@" in text and "@" in text[:_MENTION_WINDOW]
        target = resolve(j) if at else None
        # PINNED / AGE ORDER: a new thread.
        if not is_pinned and (before is None or here is None or here <= before):
            current = start[j - 1]
            if at or by_channel or j == 1:
                evidence = True
            else:
                # Without an `@`, a returning author can only be answering in the thread
                # just above or coming back to their own (author_returns): else no rule
                # in `place` can fire, so the call is skipped.
                k = last_by_author.get(author)
                evidence = k is not None and (start[k] == current or authors[start[k]] == author)
            if evidence and place(j, current, target, by_channel, at):
                pass
            elif author == before_author:
                pass  # the wording rules answer someone else
            elif (
                current == j - 1
                and before is not None
                and here is not None
                and asks(before_text)
                and not asks(text)
            ):
                # QUESTION_ANSWER: known ages, a lone question just before, a statement.
                start[j], reason[j] = current, QUESTION_ANSWER
            elif opens_as_answer(text):
                start[j], reason[j] = current, ANSWER_CUE
        last_by_author[author] = j
        before, before_author, before_text = here, author, text
    # Only replies get a reason (join/absorb never make a comment its own starter).
    return ThreadPlan(
        tuple(start), tuple(reason), tuple(state.reply_to), tuple(is_channel), channel_handle
    )


def rebuild_threads(comments: Sequence[Comment], channel: str | None) -> tuple[Comment, ...]:
    """Return `comments` in page order with parent/reason/reply_to/is_channel set.

    Incoming parent/reason are ignored and recomputed; the result is a new
    tuple (comments nothing changed on are passed through as they are).
    """
    if not comments:
        return ()
    return tuple(_finish(comments, plan_threads(comments, channel)))


def _finish(comments: Sequence[Comment], plan: ThreadPlan) -> list[Comment]:
    """Turn the plan into frozen comments, rebuilding only those that change."""
    out = list(comments)
    starts, reply_tos, reasons = plan.starter, plan.reply_to, plan.reason
    is_channel = plan.is_channel
    clean = set(map(_thread_state, comments)) == {_UNTHREADED}
    if clean:
        # The usual case (straight from the parser): only replies, `@@` texts and the
        # channel's comments differ from what came in.
        changed: Iterable[int] = [
            j
            for j, (starter, reply_to, channel) in enumerate(
                zip(starts, reply_tos, is_channel, strict=True)
            )
            if starter != j or reply_to is not None or channel
        ]
    else:
        changed = range(len(comments))
    at_parent, at_reply_to, at_reason, at_channel = _THREAD_POSITIONS
    for j in changed:
        comment = comments[j]
        starter = starts[j]
        parent = None if starter == j else comments[starter].id
        placed = (parent, reply_tos[j], reasons[j], is_channel[j])
        if not clean and _thread_state(comment) == placed:
            continue
        values = list(_all_fields(comment))
        values[at_parent] = parent
        values[at_reply_to] = reply_tos[j]
        values[at_reason] = reasons[j]
        values[at_channel] = is_channel[j]
        out[j] = Comment(*values)
    return out


# attrs.evolve looks the fields up on every call; on 100,000 comments that costs more
# than the whole pass, so fields are read and written by position with C-level getters.
_THREAD_FIELDS = ("parent", "reply_to", "reason", "is_channel")
_ALL_FIELDS = tuple(f.name for f in fields(Comment))
_THREAD_POSITIONS = tuple(_ALL_FIELDS.index(name) for name in _THREAD_FIELDS)
_thread_state = attrgetter(*_THREAD_FIELDS)
_all_fields = attrgetter(*_ALL_FIELDS)
_UNTHREADED = (None, None, None, False)
