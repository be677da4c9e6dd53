"""Hand-built pages for the state, corrections, stats and export tests (our own words)."""

from __future__ import annotations

from tui_reader.model import Chapter, Comment, Page, UnparsedLine
from tui_reader.parse.ids import comment_id

DAY = 86_400


def make_comment(
    author: str,
    text: str,
    *,
    parent: Comment | None = None,
    age_days: float | None = 1,
    reason: str | None = None,
    reply_to: str | None = None,
    timestamps: tuple[int, ...] = (),
    is_channel: bool = False,
) -> Comment:
    seconds = None if age_days is None else int(age_days * DAY)
    return Comment(
        id=comment_id(author, text),
        author=author,
        age=None if age_days is None else f"{age_days:g} days ago",
        age_seconds=seconds,
        text=text,
        parent=parent.id if parent else None,
        reply_to=reply_to,
        timestamps=timestamps,
        reason=reason if parent else None,
        is_channel=is_channel,
    )


def sample_page(extra: tuple[Comment, ...] = ()) -> Page:
    """Three threads: an argument between two readers, a lone question, a channel answer."""
    s1 = make_comment("quill", "Is the cooling loop closed or open at 2:05?", age_days=9,
                      timestamps=(125,))
    r1 = make_comment("brass", "Closed, they said so right after.", parent=s1, age_days=8,
                      reason="order")
    r2 = make_comment("quill", "@@brass I heard open, though.", parent=s1, age_days=7,
                      reason="at-handle", reply_to="brass")
    r3 = make_comment("brass", "@@quill Listen again near 2:10.", parent=s1, age_days=6,
                      reason="at-handle", reply_to="quill", timestamps=(130,))
    r4 = make_comment("quill", "@@brass Fair, you are right.", parent=s1, age_days=5,
                      reason="at-handle", reply_to="brass")
    s2 = make_comment("fennel", "Where do I find the slides? see www.example.org/slides.",
                      age_days=3)
    s3 = make_comment("gorse", "The part about storage at 7:30 was the best.", age_days=400,
                      timestamps=(450,))
    r5 = make_comment("Demo Channel", "Thanks, more on storage soon.", parent=s3,
                      age_days=2, reason="channel", is_channel=True)
    s4 = make_comment("heath", "First!", age_days=None)
    return Page(
        title="Cooling  a Data Hall",
        channel="Demo Channel",
        description="A made-up talk about cooling.",
        chapters=(Chapter(0, "Intro"), Chapter(120, "Cooling"), Chapter(420, "Storage")),
        comment_count_declared=11,
        comments=(s1, r1, r2, r3, r4, s2, s3, r5, s4, *extra),
        unparsed=(UnparsedLine(40, "stray line"),),
    )
